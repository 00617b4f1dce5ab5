"""How fast `Tagger.suggest` reads a large corpus, on one core.

Usage (from the repository root, with gazetag installed)::

    python bench/suggest_speed.py            # 100 MB of text
    python bench/suggest_speed.py --mb 10    # a quicker run

The corpus is made from the repository's own texts: the development passages
(``bench/eval/passages.txt`` and ``passages-ar.txt``, markup removed) and the sample article,
cut into sentences, shuffled with a fixed seed and joined into documents of 2 to 6 KB. So that
the candidates do not repeat the same few names, a third of the capitalized words inside a
sentence are replaced with names made from syllables (about 20,000 distinct ones), as a corpus
of new names would have. The script prints, and writes to ``bench/results/suggest_speed.md``,
the wall and CPU time (CPU time is what one free core would take; the wall time depends on
what else runs) and throughput of ``Tagger.default().suggest`` and, for scale, of ``tag``
over the same documents (both on the calling thread: `suggest` reads one text at a time),
and how many candidates came out. It measures and asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from precision_recall import load_passages  # noqa: E402

SYLLABLES = "ka ri ma zu bai da wi sa la hi mu ta fa ra ja di na qa si lu ba ha zi".split()
CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")


def _sentences() -> list[str]:
    texts = [p.text for name in ("passages.txt", "passages-ar.txt")
             for p in load_passages(ROOT / "bench" / "eval" / name)]  # fmt: skip
    texts.append((ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8"))
    out: list[str] = []
    for text in texts:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    return out


def corpus(megabytes: float, seed: int = 0) -> list[str]:
    """Documents of 2 to 6 KB adding up to ``megabytes`` MB of UTF-8."""
    rng = random.Random(seed)
    sentences = _sentences()
    names = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        for _ in range(20000)
    ]

    def rename(m: re.Match[str]) -> str:
        return rng.choice(names) if rng.random() < 0.33 else m.group()

    docs: list[str] = []
    total, target = 0, int(megabytes * 1_000_000)
    while total < target:
        size = rng.randint(2000, 6000)
        parts: list[str] = []
        length = 0
        while length < size:
            s = CAPITAL.sub(rename, rng.choice(sentences))
            parts.append(s)
            length += len(s.encode("utf-8")) + 1
        doc = " ".join(parts)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB (default 100)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "suggest_speed.md")
    args = parser.parse_args(argv)
    import gazetag

    t0 = time.perf_counter()
    docs = corpus(args.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB ({time.perf_counter() - t0:.1f} s to make)")
    tagger = gazetag.Tagger.default()
    tagger.suggest(["Warm up the word tables."])
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        tagger.tag(d)
    tag_s, tag_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"tag:     {tag_s:.1f} s wall, {tag_cpu:.1f} s CPU, {mb / tag_cpu:.2f} MB per CPU second")
    t0, c0 = time.perf_counter(), time.process_time()
    found = tagger.suggest(docs)
    suggest_s, suggest_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"suggest: {suggest_s:.1f} s wall, {suggest_cpu:.1f} s CPU, "
        f"{mb / suggest_cpu:.2f} MB per CPU second, {len(found)} candidates"
    )
    lines = [
        "# Tagger.suggest speed (bench/suggest_speed.py)",
        "",
        f"Corpus: {len(docs)} documents, {mb:.1f} MB, generated from the development passages "
        "and the sample article (see the script). One thread.",
        "",
        "| step | wall s | CPU s | MB per CPU s |",
        "|---|---|---|---|",
        f"| `tag` each document | {tag_s:.1f} | {tag_cpu:.1f} | {mb / tag_cpu:.2f} |",
        f"| `suggest(docs)` (min_count=2) | {suggest_s:.1f} | {suggest_cpu:.1f} | "
        f"{mb / suggest_cpu:.2f} |",
        "",
        f"{len(found)} candidates.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
