"""Ordinary English must stay untagged with the variant layers on (TRANSLITERATION.md 3.2, 4).

The seed gazetteer (canonical names, Arabic-script forms, acronyms) is loaded once; sentences
full of English words that collide with Iraqi names under coarser folds (ballad~Balad,
keys~Qais, goods~Quds, ally~Ali, dash~Daesh, bidder~Bader, "it is is"~ISIS) must give no match
at the "default" layer. The town Hīt (seed 68) is also an English verb: it needs a capital.
"""

from __future__ import annotations

from typing import Any

import gazetag
import pytest
from seed_entities import gazetteer_records, make_tagger

# The brief's list (section 4, "Tests to seed").
BRIEF_SENTENCES = (
    "a ballad",
    "the keys",
    "the goods",
    "sad",
    "hit",
    "he said",
    "it is is",
    "an ally",
    "a dash",
    "the bidder",
)

# More in the same spirit: lowercase English words that a vowel, doubling, article or partial
# rule could turn into a seed key (name in brackets).
OWN_SENTENCES = (
    "the dam burst",  # Awliya al-Dam
    "she sang a ballad about the keys to the goods",  # Balad, Qais, Quds
    "he said it is is what it is",  # Said, ISIS
    "a sad ally of the bidder",  # Sadr, Ali, Bader
    "the imam said the amir was thin",  # Imam Ali, Amiri, Din
    "they had a dash of salt before the sale",  # Daesh, Salah
    "the baker sold a shabby emery board",  # Bakr, Shaabi, Ameri
    "merge the two valleys and hack the path",  # Merga, Walai, Haq
    "the harrier flew over the salad bar",  # Harir (rr, ie), Balad
    "rockets hit the base and the air base was hit again",  # Hit, generic Air Base words
    "the gods of the camp had a taxi to the airport",  # Quds, Camp Taji, airport
    "who has the keys to the kiosk at the airfield west of town",  # Qais, Airfield West
    "a ballot for the ballad singer",  # Balad
    "she is a bidder and he is a badder one",  # Bader, Badr
    "forces of security units and the popular front",  # generic words of entity names
    "the hash of the head is had by all",  # Hashd, Hadi, Ali (skeleton collisions)
)

LAYERS = ("default",)  # the brief: "None may tag at the default layers"


@pytest.fixture(scope="module")
def taggers() -> dict[str, gazetag.Tagger]:
    g = gazetag.Gazetteer.from_records(gazetteer_records())
    return {layer: make_tagger(g, layer) for layer in LAYERS}


def describe(matches: list[Any]) -> str:
    return "; ".join(
        f"[{m.start}:{m.end}] {m.text!r} -> {m.entity_id} rule={getattr(m, 'rule', '?')}"
        for m in matches
    )


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("sentence", BRIEF_SENTENCES + OWN_SENTENCES)
def test_english_tags_nothing(
    taggers: dict[str, gazetag.Tagger], sentence: str, layer: str
) -> None:
    matches = taggers[layer].tag(sentence)
    assert not matches, describe(matches)


@pytest.mark.parametrize("layer", LAYERS)
def test_hit_needs_a_capital(taggers: dict[str, gazetag.Tagger], layer: str) -> None:
    text = "fighting near Hit on Monday"
    matches = taggers[layer].tag(text)
    assert [(m.start, m.end, m.entity_id) for m in matches] == [(14, 17, "hit")], describe(
        matches
    )
    assert matches[0].text == "Hit"
    lower = "fighting near hit on Monday"
    assert not taggers[layer].tag(lower), describe(taggers[layer].tag(lower))
    assert not taggers[layer].tag("rockets hit the base on Monday")
