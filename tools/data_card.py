"""Rewrites the counts table of the data card (python/gazetag/data/README.md) from the embedded
gazetteer; tests/test_data_card.py checks they agree.

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
    text = CARD.read_text(encoding="utf-8")
    head, rest = text.split("<!-- counts:begin -->", 1)
    tail = rest.split("<!-- counts:end -->", 1)[1]
    table = "\n".join(lines)
    CARD.write_text(f"{head}<!-- counts:begin -->\n{table}\n<!-- counts:end -->{tail}", "utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
