"""The embedded Iraq gazetteer and the shared default tagger: size, labels, metadata, ids,
caching, pickling, every entity found by its name, and quiet on ordinary English prose."""

from __future__ import annotations

import pickle
import re
from typing import Any

import gazetag
import pytest

LABELS = {"PERSON", "MILITIA", "BASE", "INSTITUTION"}
DEFAULT = gazetag.Gazetteer.default()
ENTITIES = list(DEFAULT)


def describe(matches: list[gazetag.Match]) -> str:
    return "; ".join(f"[{m.start}:{m.end}] {m.text!r} {m.entities} {m.rule}" for m in matches)


def test_size_and_labels() -> None:
    assert len(DEFAULT) >= 400
    counts = {label: sum(e.label == label for e in DEFAULT) for label in LABELS}
    assert {e.label for e in DEFAULT} == LABELS
    assert all(n >= 50 for n in counts.values()), counts
    assert len({e.id for e in DEFAULT}) == len(DEFAULT)


def test_each_call_returns_an_independent_copy() -> None:
    a, b = gazetag.Gazetteer.default(), gazetag.Gazetteer.default()
    assert a == b and a is not b
    first = ENTITIES[0].id
    a.remove(first)
    a.add("mine", "My Own Entity", "PERSON")
    a.update(gazetag.Gazetteer.from_records([{"id": ENTITIES[1].id, "name": "X", "label": "BASE"}]))
    assert first in b and "mine" not in b and b[ENTITIES[1].id] == ENTITIES[1]
    c = gazetag.Gazetteer.default()
    assert c == DEFAULT and first in c and "mine" not in c
    assert gazetag.Tagger.default().gazetteer == DEFAULT


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.id for e in ENTITIES])
def test_entity_data(entity: gazetag.Entity) -> None:
    assert re.fullmatch(r"[a-z0-9-]+", entity.id), entity.id
    description = entity.meta.get("description")
    assert isinstance(description, str), entity.meta
    assert description.strip() == description and description, repr(description)
    assert "\n" not in description and "\r" not in description
    assert len(description) <= 160, len(description)


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.id for e in ENTITIES])
def test_every_entity_is_found_by_its_name(entity: gazetag.Entity) -> None:
    prefix = "Officials said "
    text = f"{prefix}{entity.name} was mentioned."
    matches = gazetag.Tagger.default().tag(text)
    # A name that opens with an honorific is found without it, as annotation spans it (`Pope
    # Francis`: `Francis`).
    title, _, rest = entity.name.partition(" ")
    # So is an outlet's name without the noun of its kind (`قناة [الرافدين]`, rule 5).
    titled = rest and (
        entity.label == "PERSON" and title in SPAN_TITLES
        or entity.meta.get("kind") == "media" and title in OUTLET_NOUNS
    )
    start = len(prefix) + (len(title) + 1 if titled else 0)
    span = (start, len(prefix) + len(entity.name))
    assert any((m.start, m.end) == span and entity.id in m.entities for m in matches), describe(
        matches
    )


# The nouns of an outlet's kind that the tagger leaves out of its span.
OUTLET_NOUNS = {"قناة", "صحيفة", "جريدة", "وكالة", "إذاعة", "مجلة", "موقع", "شبكة"}

# The honorifics the tagger leaves out of a name's span (`name_after_span_title`).
SPAN_TITLES = {"King", "Queen", "Prince", "Princess", "Emir", "Sheikh", "Pope", "Patriarch",
               "Cardinal"}


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"variants": "none"},
        {"variants": "aggressive"},
        {"overlapping": True},
        {"case_sensitive": True},
        {"whole_words": False},
    ],
)
def test_default_tagger_is_cached_per_options(options: dict[str, Any]) -> None:
    t = gazetag.Tagger.default(**options)
    assert gazetag.Tagger.default(**options) is t
    for name, value in options.items():
        assert getattr(t, name) == value
    if options:
        assert t is not gazetag.Tagger.default()
    assert t.gazetteer == DEFAULT


def test_default_options_spelled_out_share_the_cached_tagger() -> None:
    t = gazetag.Tagger.default()
    spelled = gazetag.Tagger.default(
        variants="default", case_sensitive=False, overlapping=False, whole_words=True
    )
    assert spelled is t
    assert gazetag.Tagger.default(variants=None) is t


NEWS = (
    "Rockets struck Ain al-Asad air base in Anbar on Tuesday, and US officials blamed "
    "Kata'ib Hezbollah. Prime Minister Mustafa al-Kadhimi ordered the Counter Terrorism "
    "Service to investigate, while leaders of the Popular Mobilization Forces denied any role. "
    "In the north, Peshmerga units reinforced positions near Kirkuk, and Muqtada al-Sadr "
    "called for calm."
)
NEWS_IDS = [
    ("Ain al-Asad air base", "ain-al-asad-air-base"),
    ("Kata'ib Hezbollah", "kataib-hezbollah"),
    ("Mustafa al-Kadhimi", "mustafa-al-kadhimi"),
    ("Counter Terrorism Service", "counter-terrorism-service"),
    ("Popular Mobilization Forces", "popular-mobilization-forces"),
    ("Peshmerga", "peshmerga"),
    ("Muqtada al-Sadr", "muqtada-al-sadr"),
]


def test_a_news_paragraph_gets_the_expected_ids() -> None:
    matches = gazetag.Tagger.default().tag(NEWS)
    assert [(m.text, m.entity_id) for m in matches] == NEWS_IDS, describe(matches)
    assert all(NEWS[m.start : m.end] == m.text for m in matches)
    assert all(m.entities == (m.entity_id,) for m in matches), describe(matches)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_default_tagger_pickles(protocol: int) -> None:
    t = gazetag.Tagger.default(overlapping=True)
    back = pickle.loads(pickle.dumps(t, protocol=protocol))
    assert back is not t and back.overlapping
    assert [m.to_dict() for m in back.tag(NEWS)] == [m.to_dict() for m in t.tag(NEWS)]
    plain = pickle.loads(pickle.dumps(gazetag.Tagger.default(), protocol=protocol))
    assert [(m.text, m.entity_id) for m in plain.tag(NEWS)] == NEWS_IDS


PROSE = {
    "business": (
        "The company said quarterly revenue rose four percent, beating forecasts, as demand hit "
        "record highs in the spring. Investors watched the base rate closely, and the ministry "
        "said nothing. The board said the new factory would open next year, and shares rose "
        "after the keys to the deal were signed. Analysts expect a dash of volatility, but the "
        "chief executive said the outlook was bright."
    ),
    "weather": (
        "Heavy rain hit the coast on Tuesday and forecasters said the storm would dash hopes of a "
        "dry weekend. Temperatures will fall sharply overnight, with frost likely in the valleys "
        "and strong winds along the hills. The base of the cloud stayed low all day, and by "
        "evening the harbour was calm again."
    ),
    "sport": (
        "The striker hit the post twice before a late dash down the wing set up the winner. The "
        "coach said the team had played with courage, and the fans sang an old ballad as the "
        "players left the pitch. The keeper, who kept a clean sheet, said the keys were focus "
        "and patience; the league leaders now travel to the capital for the final."
    ),
    "cooking": (
        "Whisk the eggs with the sugar, then fold in the flour and a pinch of salt. Bake for "
        "twenty minutes until golden. The keys to a good crumble are cold butter, a light hand "
        "and a dash of lemon; the base should be crisp. My grandmother said the recipe came "
        "from an old ballad she hummed while she cooked, and it has been a hit ever since."
    ),
    "lower-case words": (
        "hit said ballad keys dash the base rate the ministry the army the police the council "
        "the party the movement the brigade the front the league the forces the court the union"
    ),
}


@pytest.mark.parametrize("text", PROSE.values(), ids=PROSE.keys())
def test_ordinary_prose_is_not_tagged(text: str) -> None:
    matches = gazetag.Tagger.default().tag(text)
    assert matches == [], describe(matches)


POSSESSIVES = [
    # (text, layer, the mention, its entity id)
    ("Hezbollah's leader spoke.", "default", "Hezbollah", "hezbollah"),
    ("Hizballah’s leader spoke.", "default", "Hizballah", "hezbollah"),
    ("Kataib Hizballah's drones", "default", "Kataib Hizballah", "kataib-hezbollah"),
    ("Kata’ib Hezbollah’s drones", "none", "Kata’ib Hezbollah", "kataib-hezbollah"),
    ("Asaib Ahl al-Haq's office", "default", "Asaib Ahl al-Haq", "asaib-ahl-al-haq"),
    ("KH's drones and fighters", "default", "KH", "kataib-hezbollah"),
]


@pytest.mark.parametrize(("text", "layer", "mention", "entity_id"), POSSESSIVES)
def test_possessive_s_keeps_the_name_whole(
    text: str, layer: str, mention: str, entity_id: str
) -> None:
    # A name ending in -ah or -b is still found before 's: the apostrophe separates, so the
    # variant rules see the name's own last letters.
    found = gazetag.Tagger.default(variants=layer).tag(text)  # type: ignore[arg-type]
    assert [(m.start, m.end, m.text, m.entity_id) for m in found] == [
        (0, len(mention), mention, entity_id)
    ]


def test_apostrophe_inside_a_word_still_joins() -> None:
    tagger = gazetag.Tagger.default()
    assert [m.text for m in tagger.tag("Al-Qa'im crossing")] == ["Al-Qa'im crossing"]
    assert tagger.tag("Hezbollah'sx") == []


KINDS = {
    "PERSON": {"person"},
    "MILITIA": {"armed-group", "front-group", "umbrella"},
    "INSTITUTION": {"government", "legislature", "judiciary", "armed-forces", "security-service",
                    "party", "international", "organization", "media"},
    "BASE": {"base", "airport", "detention", "border-crossing", "facility"},
}


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.id for e in ENTITIES])
def test_label_convention_kind_and_sources(entity: gazetag.Entity) -> None:
    """The data card's label convention: a kind that agrees with the label (state armed forces
    are INSTITUTION, never MILITIA), sources, a country code, affiliations that exist."""
    assert entity.meta.get("kind") in KINDS[entity.label], entity.meta.get("kind")
    sources = entity.meta.get("sources")
    assert isinstance(sources, list) and sources
    assert all(isinstance(s, str) and s.startswith(("http://", "https://")) for s in sources)
    country = entity.meta.get("country")
    assert country is None or re.fullmatch("[A-Z]{2}", country), country
    for other in entity.meta.get("affiliation", []):
        assert other in DEFAULT, other


def test_state_forces_are_institutions() -> None:
    for eid in ("islamic-revolutionary-guard-corps", "quds-force", "basij", "peshmerga",
                "zeravani", "iraqi-army", "iraqi-federal-police"):
        assert DEFAULT[eid].label == "INSTITUTION", eid
    for eid in ("popular-mobilization-forces", "kataib-hezbollah", "hezbollah", "islamic-state",
                "70-forces"):
        assert DEFAULT[eid].label == "MILITIA", eid
