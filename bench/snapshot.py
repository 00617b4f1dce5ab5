"""Snapshot of every match on a fixed comparison set, to prove that a change kept behaviour.

Run before a change with ``--save before.json`` and after it with ``--compare before.json``:

    python bench/snapshot.py --save /tmp/before.json
    # ... change the code, rebuild ...
    python bench/snapshot.py --compare /tmp/before.json

The set: generated wire prose with dictionary names (bench/data.py), the same prose followed by
names of the embedded gazetteer, long Arabic-script documents, and the passages of
bench/eval/passages.txt; each text also upper- and lower-cased. Taggers: the embedded gazetteer
and a generated 2,000-alias dictionary, at every variant layer, with overlapping on and off, and
one case-sensitive and one substring (``whole_words=False``) tagger. ``--gazetteer FILE`` takes
the dictionary from JSONL instead of the embedded one (the embedded data changes more often than
the code). The snapshot holds every match's span, entity, candidates and rule per configuration,
so ``--compare`` prints the first differences, not only that there are some.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gazetag  # noqa: E402
from bench_variants import arabic_documents  # noqa: E402
from data import make_dictionary, make_documents  # noqa: E402

MARKUP = re.compile(r"\[\[([^|\]]+)\|[^\]]*\]\]")


def texts(g: gazetag.Gazetteer) -> list[str]:
    rng = random.Random(7)
    names = [a for e in g for a in e.aliases]
    docs = make_documents(40, make_dictionary(2000))
    out = list(docs)
    out += [d + " " + ", ".join(rng.choice(names) for _ in range(12)) + "." for d in docs[:20]]
    out += arabic_documents(2, 600)
    passages = (HERE / "eval" / "passages.txt").read_text(encoding="utf-8")
    out += [MARKUP.sub(r"\1", p) for p in re.split(r"^=== .* ===$", passages, flags=re.M)]
    return out + [t.upper() for t in out] + [t.lower() for t in out]


def configs() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for layer in ("none", "default", "aggressive"):
        for overlapping in (False, True):
            out.append({"variants": layer, "overlapping": overlapping})
    out.append({"variants": "default", "case_sensitive": True})
    out.append({"variants": "default", "whole_words": False})
    return out


def run(g_embedded: gazetag.Gazetteer) -> dict[str, list[list[Any]]]:
    generated = gazetag.Gazetteer.from_records(make_dictionary(2000, seed=3))
    corpus = texts(g_embedded)
    result: dict[str, list[list[Any]]] = {}
    for name, g in (("embedded", g_embedded), ("generated", generated)):
        for options in configs():
            tagger = gazetag.Tagger(g, **options)
            rows = []
            for i, batch in enumerate(tagger.tag_batch(corpus)):
                rows += [[i, m.start, m.end, m.entity_id, list(m.entities), m.rule] for m in batch]
            result[f"{name} {json.dumps(options, sort_keys=True)}"] = rows
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument(
        "--gazetteer", type=Path, help="a JSONL dictionary instead of the embedded one"
    )
    args = parser.parse_args(argv)
    if args.gazetteer:
        g = gazetag.Gazetteer.from_jsonl(args.gazetteer)
    else:
        g = gazetag.Gazetteer.default()
    now = run(g)
    total = sum(len(v) for v in now.values())
    if args.save:
        args.save.write_text(json.dumps(now), encoding="utf-8")
        print(f"saved {total} matches in {len(now)} configurations to {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = 0
    for key in sorted(set(before) | set(now)):
        a, b = before.get(key, []), now.get(key, [])
        if a != b:
            differ += 1
            gone = [r for r in a if r not in b][:5]
            new = [r for r in b if r not in a][:5]
            print(f"DIFFERENT {key}: {len(a)} -> {len(b)} matches")
            for r in gone:
                print("   -", r)
            for r in new:
                print("   +", r)
    print(f"{total} matches in {len(now)} configurations; {differ} configurations differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
