"""Rewrites the counts table and the `gazetag check` table of the data card
(python/gazetag/data/README.md) from the embedded gazetteer; tests/test_data_card.py checks they
agree.

Run from the repository root with gazetag installed: ``python tools/data_card.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import gazetag

CARD = Path(__file__).resolve().parent.parent / "python" / "gazetag" / "data" / "README.md"
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LABELS = ("PERSON", "MILITIA", "BASE", "INSTITUTION")


def main() -> int:
    counts = {label: [0, 0, 0, 0] for label in LABELS}
    for e in gazetag.Gazetteer.default():
        row = counts.setdefault(e.label, [0, 0, 0, 0])
        row[0] += 1
        row[1] += len(e.aliases)
        row[2] += any(ARABIC.search(a) for a in e.aliases)
        row[3] += "active" in e.meta
    total = [sum(r[i] for r in counts.values()) for i in range(4)]
    lines = [
        "| label | entities | aliases | with an Arabic-script name | with `active` |",
        "|---|---:|---:|---:|---:|",
        *(f"| {label} | {' | '.join(map(str, row))} |" for label, row in counts.items()),
        f"| total | {' | '.join(map(str, total))} |",
    ]
    text = replace_block(CARD.read_text(encoding="utf-8"), "counts", "\n".join(lines))
    text = replace_block(text, "check", "\n".join(check_lines()))
    CARD.write_text(text, "utf-8")
    print("\n".join(lines))
    return 0


def check_rows() -> list[tuple[str, int]]:
    """The findings of ``Gazetteer.check()`` on the embedded gazetteer, per kind."""
    r = gazetag.Gazetteer.default().check()
    return [
        ("aliases shared by several entities", len(r.shared)),
        ("aliases that collide after folding and variants", len(r.collisions)),
        ("aliases of English words that match in lower case", len(r.english)),
        ("short aliases", len(r.short)),
        ("acronyms left unmarked", len(r.ambiguous)),
    ]


def check_lines() -> list[str]:
    return [
        "| `gazetag check` finding | count |",
        "|---|---:|",
        *(f"| {kind} | {n} |" for kind, n in check_rows()),
    ]


def replace_block(text: str, name: str, body: str) -> str:
    """``text`` with what stands between ``<!-- name:begin -->`` and ``<!-- name:end -->``
    replaced by ``body``."""
    head, rest = text.split(f"<!-- {name}:begin -->", 1)
    tail = rest.split(f"<!-- {name}:end -->", 1)[1]
    return f"{head}<!-- {name}:begin -->\n{body}\n<!-- {name}:end -->{tail}"


if __name__ == "__main__":
    sys.exit(main())
