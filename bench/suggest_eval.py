"""Does `Tagger.suggest` find what the gazetteer lacks? Measured on the development set.

Usage (from the repository root, with gazetag installed)::

    python bench/suggest_eval.py                 # writes bench/results/suggest.md
    python bench/suggest_eval.py --share 0.3 --seed 1

Method:

1. Read the hand-annotated passages (``bench/eval/passages.txt`` and ``passages-ar.txt``, as
   ``bench/precision_recall.py`` reads them). Their gold entity ids that are in the embedded
   gazetteer are the pool; a fixed share of it (``--share``, default 0.3, drawn with
   ``--seed``) is removed from the gazetteer.
2. Run ``Tagger(gazetteer without them).suggest(all passages, min_count=N, contexts=large)``
   for N = 1 and 2, keeping every occurrence of every candidate.
3. (a) **Recall of removed entities**: a removed entity counts as found when a candidate of
   kind ``name`` has an occurrence that overlaps one of its gold mentions; found *with the
   right label* when that candidate's label is the gold label; found *exactly* when an
   occurrence has the gold span's offsets. A removed entity may also come back as a new
   spelling of another entity (a near miss); that is counted apart, as a miss.
4. (b) **Precision of the top 100**: of the first 100 candidates (by count), the share whose
   occurrences overlap a gold mention of any entity (a real name by the gold annotation).
   Gold marks only people, militias, bases and institutions, so a real name of another kind
   (a town, a newspaper, a person not annotated) counts as wrong here: the figure is a lower
   bound. The script lists the candidates without gold support, for a reader to judge by
   hand.

The script measures and asserts nothing; it writes ``bench/results/suggest.md``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from precision_recall import Gold, Passage, load_passages  # noqa: E402

FILES = ("passages.txt", "passages-ar.txt")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(
    passages: Sequence[Passage], removed: set[str], found: Any, top: int = 100
) -> dict[str, Any]:
    """The numbers of (a) and (b) for one run of suggest."""
    gold_by_doc: dict[int, list[Gold]] = {i: list(p.gold) for i, p in enumerate(passages)}
    labels = {g.entity_id: g.label for p in passages for g in p.gold}
    hit_any: set[str] = set()
    hit_label: set[str] = set()
    hit_exact: set[str] = set()
    as_spelling: set[str] = set()
    for s in found:
        for c in s.contexts:
            for g in gold_by_doc[c.doc]:
                if g.entity_id not in removed or not _overlaps((c.start, c.end), (g.start, g.end)):
                    continue
                if s.kind != "name":
                    as_spelling.add(g.entity_id)
                    continue
                hit_any.add(g.entity_id)
                if s.label == g.label:
                    hit_label.add(g.entity_id)
                if (c.start, c.end) == (g.start, g.end):
                    hit_exact.add(g.entity_id)
    real: list[Any] = []
    unsupported: list[Any] = []
    for s in list(found)[:top]:
        supported = any(
            _overlaps((c.start, c.end), (g.start, g.end))
            for c in s.contexts
            for g in gold_by_doc[c.doc]
        )
        (real if supported else unsupported).append(s)
    return {
        "removed": len(removed),
        "found": len(hit_any),
        "found_label": len(hit_label),
        "found_exact": len(hit_exact),
        "spelling_only": len(as_spelling - hit_any),
        "missed": sorted(removed - hit_any),
        "per_label": {
            label: (
                sum(1 for e in removed if labels[e] == label),
                sum(1 for e in hit_label if labels[e] == label),
            )
            for label in ("PERSON", "MILITIA", "BASE", "INSTITUTION")
        },
        "top": min(top, len(found)),
        "top_real": len(real),
        "unsupported": unsupported,
        "candidates": len(found),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=float, default=0.3, help="share of entities removed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "suggest.md")
    args = parser.parse_args(argv)
    import gazetag

    passages = [p for name in FILES for p in load_passages(ROOT / "bench" / "eval" / name)]
    full = gazetag.Gazetteer.default()
    pool = sorted({g.entity_id for p in passages for g in p.gold if g.entity_id in full})
    rng = random.Random(args.seed)
    removed = set(rng.sample(pool, round(len(pool) * args.share)))
    smaller = full.copy()
    for entity_id in removed:
        smaller.remove(entity_id)
    tagger = gazetag.Tagger(smaller)
    texts = [p.text for p in passages]
    mentions = sum(1 for p in passages for g in p.gold if g.entity_id in removed)
    lines = [
        "# gazetag suggest on the development set (bench/suggest_eval.py)",
        "",
        f"{len(passages)} passages ({', '.join('bench/eval/' + f for f in FILES)}); "
        f"{len(pool)} gold entities are in the embedded gazetteer, {len(removed)} of them "
        f"(share {args.share}, seed {args.seed}) were removed, with {mentions} gold mentions. "
        "Suggestions come from `Tagger(gazetteer without them).suggest(passages)`.",
        "",
        "| min_count | candidates | removed found (any label) | with the right label | "
        "exact span | top-100 with gold support |",
        "|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    for min_count in (1, 2):
        found = tagger.suggest(texts, min_count=min_count, contexts=10**6)
        r = evaluate(passages, removed, found)
        n = r["removed"]
        lines.append(
            f"| {min_count} | {r['candidates']} | {r['found']}/{n} ({r['found'] / n:.0%}) | "
            f"{r['found_label']}/{n} ({r['found_label'] / n:.0%}) | "
            f"{r['found_exact']}/{n} ({r['found_exact'] / n:.0%}) | "
            f"{r['top_real']}/{r['top']} ({r['top_real'] / max(r['top'], 1):.0%}) |"
        )
        per = ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in r["per_label"].items())
        details += [
            "",
            f"## min_count={min_count}",
            "",
            f"Right label per gold label: {per}. Found only as a spelling of another entity: "
            f"{r['spelling_only']}.",
            "",
            f"Removed and not found ({len(r['missed'])}): {', '.join(r['missed']) or '-'}.",
            "",
            f"Top-{r['top']} candidates without gold support ({len(r['unsupported'])}), "
            "to judge by hand:",
            "",
        ]
        details += [
            f"- {s.count} `{s.text}` {s.label or '-'} ({s.kind}; {s.cue or 'no cue'})"
            for s in r["unsupported"]
        ]
        print(lines[-1])
    text = "\n".join(lines + details) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
