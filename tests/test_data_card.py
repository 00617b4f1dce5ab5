"""The counts table in the data card (python/gazetag/data/README.md) matches the embedded data."""

from __future__ import annotations

import re
from pathlib import Path

import gazetag

CARD = Path(__file__).resolve().parent.parent / "python" / "gazetag" / "data" / "README.md"
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def card_counts() -> dict[str, list[int]]:
    """The rows between the counts markers: label -> [entities, aliases, arabic, active]."""
    text = CARD.read_text(encoding="utf-8")
    table = text.split("<!-- counts:begin -->")[1].split("<!-- counts:end -->")[0]
    rows = [line.strip("| ").split(" | ") for line in table.strip().splitlines()[2:]]
    return {row[0]: [int(cell) for cell in row[1:]] for row in rows}


def data_counts() -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for e in gazetag.Gazetteer.default():
        row = counts.setdefault(e.label, [0, 0, 0, 0])
        row[0] += 1
        row[1] += len(e.aliases)
        row[2] += any(ARABIC.search(a) for a in e.aliases)
        row[3] += "active" in e.meta
    counts["total"] = [sum(row[i] for row in counts.values()) for i in range(4)]
    return counts


def test_card_counts_match_the_data() -> None:
    assert card_counts() == data_counts()


def test_card_total_is_the_gazetteer_size() -> None:
    assert card_counts()["total"][0] == len(gazetag.Gazetteer.default())


def test_card_check_table_matches_the_report() -> None:
    text = CARD.read_text(encoding="utf-8")
    table = text.split("<!-- check:begin -->")[1].split("<!-- check:end -->")[0]
    rows = [line.strip("| ").split(" | ") for line in table.strip().splitlines()[2:]]
    r = gazetag.Gazetteer.default().check()
    counts = [len(r.shared), len(r.collisions), len(r.english), len(r.short), len(r.ambiguous)]
    assert [int(n) for _, n in rows] == counts
