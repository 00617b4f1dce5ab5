"""What spelling variants cost: gazetag at each variant layer on the same text and dictionary.

Run: ``python bench/bench_variants.py [--quick]``. Reports, for the layers "none", "default"
and "aggressive": build time, automaton patterns, keys per entity, and single-thread ``tag()``
throughput on ~3 KB documents, as ratios to "none" measured in the same run, and on long
documents in Arabic script with the embedded gazetteer. Also the keys per entity for the seed
entities of the domain brief (tests/seed_entities.py) and for a 100,000 entity dictionary.
Writes bench/results/variants.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import gazetag  # noqa: E402
from data import make_dictionary, make_documents  # noqa: E402

LAYERS = ("none", "default", "aggressive")
RESULTS = HERE / "results" / "variants.md"


def seed_records() -> list[dict[str, object]]:
    from seed_entities import SEED  # the domain brief's 68 entities

    return [
        {"id": e.id, "name": e.name, "label": e.label,
         "aliases": [s.text for s in e.scripts] + list(e.acronyms)}
        for e in SEED
    ]


def best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def embedded_documents(n_docs: int) -> list[str]:
    """Generated prose, each document followed by ten names of the embedded gazetteer (its
    aliases as written there, Arabic script included)."""
    import random

    names = [a for e in gazetag.Gazetteer.default() for a in e.aliases]
    rng = random.Random(1)
    return [d + " " + ", ".join(rng.choice(names) for _ in range(10)) + "."
            for d in make_documents(n_docs, make_dictionary(2000))]


# Common Arabic words (said, in, on, from, that, today, the city, the forces, the attack, the
# government, near, after) to stand between the names.
ARABIC_FILLER = ["قال", "في", "على", "من", "إن", "اليوم", "المدينة", "القوات", "الهجوم",
                 "الحكومة", "قرب", "بعد"]


def arabic_documents(n_docs: int, words_per_doc: int = 4000) -> list[str]:
    """Long documents in Arabic script (about 30 KB each): common words, and every fortieth
    word a name of the embedded gazetteer written in Arabic script. Long runs without Latin
    letters are what once made span mapping quadratic."""
    import random

    names = [a for e in gazetag.Gazetteer.default() for a in e.aliases
             if any("\u0600" <= c <= "\u06ff" for c in a)]
    rng = random.Random(2)
    return [" ".join(rng.choice(names) if i % 40 == 39 else rng.choice(ARABIC_FILLER)
                     for i in range(words_per_doc)) + "."
            for _ in range(n_docs)]


def measure(title: str, g: gazetag.Gazetteer, docs: list[str], repeat: int) -> list[str]:
    n_bytes = sum(len(d.encode()) for d in docs)
    lines = [
        f"## {title}",
        "",
        f"{len(g):,} entities; {len(docs):,} documents, {n_bytes / 1e6:.2f} MB; best of {repeat};"
        " single thread, `Tagger.tag` one document at a time",
        "",
        "| layer | build (s) | patterns | keys per entity | matches | MB/s | speed vs none |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    base = None
    for layer in LAYERS:
        t0 = time.perf_counter()
        tagger = gazetag.Tagger(g, variants=layer)  # type: ignore[arg-type]
        build = time.perf_counter() - t0
        matches = sum(len(tagger.tag(d)) for d in docs)
        seconds = best(lambda t=tagger: [t.tag(d) for d in docs], repeat)
        base = base or seconds
        lines.append(
            f"| {layer} | {build:.2f} | {tagger.pattern_count:,} | {tagger.keys_per_entity:.1f} |"
            f" {matches:,} | {n_bytes / seconds / 1e6:.1f} | {base / seconds:.2f}x |"
        )
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="smaller sizes, best of 1")
    ap.add_argument("--write-docs", type=Path, metavar="DIR",
                    help="only write the documents and dictionaries for bench/tag_speed.rs")
    args = ap.parse_args(argv)
    repeat = 1 if args.quick else 3
    records = make_dictionary(30000 if not args.quick else 5000)
    docs = make_documents(1000 if not args.quick else 200, records)
    embedded = embedded_documents(300 if not args.quick else 60)
    g = gazetag.Gazetteer.from_records(records)
    if args.write_docs is not None:
        args.write_docs.mkdir(parents=True, exist_ok=True)
        (args.write_docs / "docs.txt").write_text("\f".join(docs), encoding="utf-8")
        g.to_jsonl(args.write_docs / "dictionary.jsonl")
        (args.write_docs / "embedded_docs.txt").write_text("\f".join(embedded), encoding="utf-8")
        gazetag.Gazetteer.default().to_jsonl(args.write_docs / "embedded.jsonl")
        print(f"written to {args.write_docs}")
        return 0
    lines = [
        "# What variants cost",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}",
        "",
        *measure("The embedded gazetteer", gazetag.Gazetteer.default(), embedded, repeat),
        *measure("A generated dictionary", g, docs, repeat),
        *measure("The embedded gazetteer on Arabic-script text", gazetag.Gazetteer.default(),
                 arabic_documents(40 if not args.quick else 8), repeat),
    ]
    lines += ["## Keys per entity", "", "| dictionary | none | default | aggressive |",
              "|---|---:|---:|---:|"]
    big = make_dictionary(40000 if args.quick else 243000)
    for name, recs in (("68 seed entities", seed_records()),
                       (f"{len(big):,} generated entities", big)):
        sg = gazetag.Gazetteer.from_records(recs)
        cells = [f"{gazetag.Tagger(sg, variants=layer).keys_per_entity:.1f}"  # type: ignore[arg-type]
                 for layer in LAYERS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    report = "\n".join(lines) + "\n"
    print(report)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
