"""The "foreign news" set (tests/data/foreign_news.jsonl, written for this project): sentences
about other countries' bodies, other meanings of acronyms, other people with the same surnames,
headlines in capitals, places named like people or bases, and names inside longer names. The
default tagger must tag each exactly as written in its `expect` list (most expect nothing)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import gazetag
import pytest

DATA = Path(__file__).parent / "data" / "foreign_news.jsonl"
ROWS: list[dict[str, Any]] = [json.loads(line) for line in DATA.read_text("utf-8").splitlines()]
KINDS = Counter(row["kind"] for row in ROWS)


def test_the_set_is_large_and_covers_every_kind() -> None:
    assert len(ROWS) >= 150
    assert set(KINDS) >= {
        "other-country-body", "acronym-other-meaning", "same-surname-other-person",
        "headline-caps", "place-not-person", "group-vs-person", "name-inside-longer-name",
    }
    for row in ROWS:
        for e in row["expect"]:
            assert e["text"] in row["text"], row
            assert e["id"] in gazetag.Gazetteer.default(), e


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['kind']}:{r['text'][:40]}" for r in ROWS])
def test_sentence(row: dict[str, Any]) -> None:
    got = [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(row["text"])]
    assert got == [(e["text"], e["id"]) for e in row["expect"]]


def test_licensing_off_brings_the_acronyms_back() -> None:
    # The rules that read context can be turned off: the other meanings are tagged again.
    text = "Japan's SDF and the K1 visa"
    on = gazetag.Tagger.default()
    off = gazetag.Tagger.default(licensing=False)
    assert [m.text for m in on.tag(text)] == []
    assert [m.text for m in off.tag(text)] == ["SDF", "K1"]
