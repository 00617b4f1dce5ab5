"""The sample article and dictionary in examples/: every mention found, nothing else."""

from __future__ import annotations

from pathlib import Path

import gazetag

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# (surface, entity id) in text order, annotated by hand.
EXPECTED = [
    ("Ain al-Asad air base", "ain-al-asad-air-base"),
    ("US-led coalition", "cjtf-oir"),
    ("Iraqi Security Forces", "iraqi-security-forces"),
    ("ISF", "iraqi-security-forces"),
    ("CJTF-OIR", "cjtf-oir"),
    ("Erbil Air Base", "erbil-air-base"),
    ("Kurdistan Regional Government", "kurdistan-regional-government"),
    ("Barzani", "masoud-barzani"),
    ("Popular Mobilization Forces", "popular-mobilization-forces"),
    ("PMF", "popular-mobilization-forces"),
    ("Kata'ib Hezbollah", "kataib-hezbollah"),
    ("كتائب حزب الله", "kataib-hezbollah"),
    ("Asa'ib Ahl al-Haq", "asaib-ahl-al-haq"),
    ("Mohammed Shia al-Sudani", "mohammed-shia-al-sudani"),
    ("Sudani", "mohammed-shia-al-sudani"),
    ("Ministry of Interior", "ministry-of-interior-iraq"),
    ("Counter-Terrorism Service", "iraqi-counter-terrorism-service"),
    ("K-1", "k1-air-base"),
    ("Kata’ib Hezbollah", "kataib-hezbollah"),
    ("K1", "k1-air-base"),
    ("Baghdad International Airport", "baghdad-international-airport"),
    ("Qasem Soleimani", "qasem-soleimani"),
    ("Abu Mahdi\nal-Muhandis", "abu-mahdi-al-muhandis"),
    ("PMF", "popular-mobilization-forces"),
    ("KH", "kataib-hezbollah"),
    ("Ain al-Asad", "ain-al-asad-air-base"),
    ("Sudani", "mohammed-shia-al-sudani"),
    ("Mustafa al-Kadhimi", "mustafa-al-kadhimi"),
    ("al-Kadhimi", "mustafa-al-kadhimi"),
    ("Counter-Terrorism\nService", "iraqi-counter-terrorism-service"),
    ("KH", "kataib-hezbollah"),
    ("Kadhimi", "mustafa-al-kadhimi"),
    ("NATO Mission Iraq", "nato-mission-iraq"),
    ("Ministry of Defence", "ministry-of-defence-iraq"),
    ("Islamic State", "islamic-state"),
    ("Daesh", "islamic-state"),
    ("IS", "islamic-state"),
    ("Sudani", "mohammed-shia-al-sudani"),
    ("PMF", "popular-mobilization-forces"),
    ("US-led coalition", "cjtf-oir"),
    ("Iraqi\nSecurity Forces", "iraqi-security-forces"),
    ("K1", "k1-air-base"),
    ("Qayyarah", "qayyarah-airfield-west"),
    ("Taji", "camp-taji"),
    ("Ain al-Asad", "ain-al-asad-air-base"),
]


def test_sample_article_mentions() -> None:
    tagger = gazetag.Tagger(gazetag.Gazetteer.from_jsonl(EXAMPLES / "iraq_sample.jsonl"))
    text = (EXAMPLES / "sample_article.txt").read_text(encoding="utf-8")
    matches = tagger.tag(text)
    assert [(m.text, m.entity_id) for m in matches] == EXPECTED
    assert all(text[m.start : m.end] == m.text for m in matches)
    barzani = next(m for m in matches if m.text == "Barzani")
    assert barzani.entities == ("masoud-barzani", "masrour-barzani")
    for word in ("crisis", "Iranian"):
        assert word in text
        assert not any(m.start <= text.index(word) < m.end for m in matches)
