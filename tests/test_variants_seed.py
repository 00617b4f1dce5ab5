"""Transliteration variants of the 68 seed entities (TRANSLITERATION.md section 5).

One gazetteer holds every seed entity with only its canonical name, its Arabic-script forms and
its acronyms (class i: acronyms cannot be generated, so they are dictionary aliases). Every other
spelling the brief lists must then be found by the variant layers:

- class a (separators, apostrophes) and j (diacritics) need only core folding: layer "none";
- b (article), e (doubling), f (split/join), g (final -ah/-a), h (partial names), and d (vowel
  classes) on a safe key (two or more words, or one word of 6+ letters that is no English word)
  need "default";
- c (consonants), d on an unsafe key, and e/i alternations need "aggressive".

A form is embedded in a sentence and must come back with exactly its own span, linked to its
entity. Forms of class x (exonyms, renames) are left out: no folding can find them. The brief's
``*`` forms (generated or plausible, not seen in a source) are tested too; their ids end in
``-unverified``, so a failure there may be the brief's fault rather than the engine's.
Where ``seed_entities`` overrides the layer (``Variant.layer``), its ``note`` says why.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import gazetag
import pytest
from seed_entities import LAYERS, SEED, SeedEntity, Variant, gazetteer_records, make_tagger

DEFAULT_CLASSES = frozenset("befgh")
RULES = frozenset(
    {
        "article",
        "double",
        "final-a",
        "join",
        "vowel",
        "partial",
        "consonant",
        "e-i",
        "proclitic",
        "word",
    }
)
# Apostrophe-like marks: README rule 8 keeps leading ones and trailing ones out of the span.
APOSTROPHES = "'\u2019\u2018`\u00b4\u02bf\u02be\u02bb\u02bc\u2032"

ENGLISH_WORDS_FILE = Path(__file__).resolve().parent.parent / "src/core/data/english_words.txt"
ENGLISH_WORDS: frozenset[str] = (
    frozenset(ENGLISH_WORDS_FILE.read_text(encoding="ascii").split())
    if ENGLISH_WORDS_FILE.exists()
    else frozenset()
)

# The frame sentences: neutral words, none of them near a seed name.
LATIN_FRAME = "Officials named {} in a statement on Tuesday."
ARABIC_FRAME = "قالت مصادر أمنية إن الهجوم استهدف {} يوم الثلاثاء."
ACRONYM_FRAME = "Officials blamed the group ({}) on Tuesday."


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _letters(s: str) -> str:
    """Lowercase base letters of ``s``: marks, apostrophes and separators dropped."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed.lower() if c.isalpha() and c.isascii())


def is_safe_key(surface: str, name: str) -> bool:
    """Brief section 4, L2: may vowel classes apply to the key that ``surface`` varies?

    Safe: two or more words, or one word of >= 6 letters that is no English word. The key is
    the dictionary's: the entity's name when that is one word (``Diala`` varies ``Diyala``),
    else the surface's own word (``Herir`` varies the partial key ``Harir`` of Harir Air Base).
    """
    tokens = [t for t in re.split(r"[\s\-_]+", surface) if t]
    if len(tokens) >= 2:
        return True
    name_tokens = [t for t in re.split(r"[\s\-_]+", name) if t]
    key = _letters(name) if len(name_tokens) == 1 else _letters(surface)
    return len(key) >= 6 and key not in ENGLISH_WORDS


def layer_for(v: Variant, e: SeedEntity) -> str:
    """The lowest layer at which the variant must be found."""
    if v.layer is not None:
        return v.layer
    codes = v.codes
    if "c" in codes:
        return "aggressive"
    if "d" in codes:
        return "default" if is_safe_key(v.surface, e.name) else "aggressive"
    if codes & DEFAULT_CLASSES:
        return "default"
    return "none"


# Honorific titles stay out of a match's span (README, rule `partial`).
TITLES = ("Grand Ayatollah ", "Ayatollah ", "Sheikh ", "Sayyid ", "Sayyed ", "Mullah ")


def expected_span(sentence: str, surface: str) -> tuple[int, int]:
    """Where ``surface`` stands in ``sentence``, less leading and trailing apostrophes and a
    leading honorific title."""
    start = sentence.index(surface)
    end = start + len(surface)
    title = next((t for t in TITLES if surface.startswith(t)), "")
    start += len(title)
    while start < end and sentence[start] in APOSTROPHES:
        start += 1
    while end > start and sentence[end - 1] in APOSTROPHES:
        end -= 1
    return start, end


def describe(matches: list[Any]) -> str:
    return (
        "; ".join(
            f"[{m.start}:{m.end}] {m.text!r} {m.entities} rule={getattr(m, 'rule', '?')}"
            for m in matches
        )
        or "no matches"
    )


def find_span(tagger: gazetag.Tagger, text: str, span: tuple[int, int], entity_id: str) -> Any:
    """The match with exactly ``span`` that lists ``entity_id``; fails with what was found."""
    matches = tagger.tag(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
    for m in matches:
        if (m.start, m.end) == span and entity_id in m.entities:
            return m
    pytest.fail(
        f"expected {text[span[0] : span[1]]!r} at {span} for {entity_id} in {text!r}; "
        f"found: {describe(matches)}"
    )


def _any(x: object) -> Any:
    """``x`` typed as Any: ``explain`` and ``Match.rule`` are not in the stubs yet."""
    return x


def check_rule(rule: str, needs_variants: bool) -> None:
    assert isinstance(rule, str) and rule
    if rule != "exact":
        parts = rule.split("+")
        assert set(parts) <= RULES, f"unknown rule names in {rule!r}"
        assert len(parts) == len(set(parts)), f"repeated rule names in {rule!r}"
    if needs_variants:
        assert rule != "exact", "a variant form was reported as an exact match"


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer() -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(gazetteer_records())


@pytest.fixture(scope="module")
def taggers(gazetteer: gazetag.Gazetteer) -> dict[str, gazetag.Tagger]:
    return {layer: make_tagger(gazetteer, layer) for layer in LAYERS}


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


# Forms the engine does not produce yet, each with the reason. strict=True: when one starts to
# pass, the test fails until it is taken off this list.
KNOWN_GAPS = {
    "badr-organization:Bader Organization-unverified": "an inserted vowel",
    "hit:Heet-unverified": "Hit is an English word: no vowel classes",
    "mosul:al-Mawsil": "aw/o and i/u are no vowel classes: an exonym, needs an alias",
    "jamal-jaafar-al-ibrahimi:Jam\u0101l Ja\u02bffar": (
        "two given names alone (Jamal Jaafar) name someone else more often than this man: "
        "a short form made only of common given names needs the man named in full in the text"
    ),
}


def _variant_params(known_gaps: bool = False) -> list[Any]:
    """One param per variant; with ``known_gaps``, the forms not found yet are marked xfail."""
    params: list[Any] = []
    for e in SEED:
        for v in e.variants:
            if "x" in v.codes or v.codes == {"i"}:
                continue
            pid = f"{e.id}:{v.surface}" + ("-unverified" if v.unverified else "")
            marks = [pytest.mark.skip(reason=v.skip)] if v.skip else []
            if known_gaps and pid in KNOWN_GAPS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[pid]))
            params.append(pytest.param(e, v, layer_for(v, e), id=pid, marks=marks))
    return params


def _script_params() -> list[Any]:
    return [
        pytest.param(e, s.text, id=f"{e.id}:{s.lang}{k}")
        for e in SEED
        for k, s in enumerate(e.scripts, 1)
    ]


def _proclitic_params() -> list[Any]:
    """(entity, proclitic letters, name part as written after them) for every script form."""
    params: list[Any] = []
    for e in SEED:
        for k, s in enumerate(e.scripts, 1):
            form = s.text
            cases = [("wa", "و", form), ("bi", "ب", form)]
            if form.startswith("ال"):
                # li + al- is written لل: the preposition's lam, then the article's lam with
                # its alef dropped. The name part keeps the article's lam.
                cases.append(("lil", "ل", "ل" + form[2:]))
            for tag, clitic, rest in cases:
                params.append(pytest.param(e, clitic, rest, id=f"{e.id}:{s.lang}{k}:{tag}"))
    return params


def _acronym_params() -> list[Any]:
    return [pytest.param(e, a, id=f"{e.id}:{a}") for e in SEED for a in e.acronyms]


VARIANT_PARAMS = _variant_params()
FOUND_PARAMS = _variant_params(known_gaps=True)


def test_case_counts() -> None:
    """Guards the case lists against silent shrinking (the brief has 200 forms, 42 class x)."""
    assert len(SEED) == 68
    assert len(VARIANT_PARAMS) == 200 - 42 - 20
    assert len(_acronym_params()) == 20
    assert len(_script_params()) == 75


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("entity", "variant", "layer"), FOUND_PARAMS)
def test_variant_found(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, variant: Variant, layer: str
) -> None:
    sentence = LATIN_FRAME.format(variant.surface)
    span = expected_span(sentence, variant.surface)
    m = find_span(taggers[layer], sentence, span, entity.id)
    check_rule(m.rule, needs_variants=layer != "none")


@pytest.mark.parametrize(("entity", "variant", "layer"), VARIANT_PARAMS)
def test_explain_covers_variant(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, variant: Variant, layer: str
) -> None:
    """``explain`` describes every match ``tag`` returns, with keys and known rule names."""
    tagger = taggers[layer]
    sentence = LATIN_FRAME.format(variant.surface)
    explained = _any(tagger).explain(sentence)
    by_match = {(x.match.start, x.match.end, x.match.entity_id): x for x in explained}
    for m in tagger.tag(sentence):
        x = by_match.get((m.start, m.end, m.entity_id))
        assert x is not None, f"explain() lacks {m.text!r}"
        assert isinstance(x.alias, str) and isinstance(x.alias_key, str)
        assert isinstance(x.text_key, str) and x.text_key
        assert isinstance(x.rules, (list, tuple)) and all(isinstance(r, str) for r in x.rules)
        assert set(x.rules) <= RULES | {"exact"}


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("entity", [pytest.param(e, id=e.id) for e in SEED])
def test_canonical_name_is_exact(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, layer: str
) -> None:
    sentence = LATIN_FRAME.format(entity.name)
    m = find_span(taggers[layer], sentence, expected_span(sentence, entity.name), entity.id)
    assert m.rule == "exact"


@pytest.mark.parametrize("layer", ["none", "default"])
@pytest.mark.parametrize(("entity", "acronym"), _acronym_params())
def test_acronym_is_exact(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, acronym: str, layer: str
) -> None:
    """Class i: acronyms are dictionary aliases and match verbatim, in capitals."""
    sentence = ACRONYM_FRAME.format(acronym)
    m = find_span(taggers[layer], sentence, expected_span(sentence, acronym), entity.id)
    assert m.rule == "exact"
    assert m.alias == acronym
    if sum(c.isupper() for c in acronym) <= 5:  # README rule 1: only in capitals
        lower = ACRONYM_FRAME.format(acronym.lower())
        assert not [m for m in taggers[layer].tag(lower) if entity.id in m.entities]


@pytest.mark.parametrize(("entity", "form"), _script_params())
def test_script_form_is_exact(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, form: str
) -> None:
    sentence = ARABIC_FRAME.format(form)
    m = find_span(taggers["none"], sentence, expected_span(sentence, form), entity.id)
    assert m.rule == "exact"


# Design decision: an Arabic proclitic (و wa, ف fa, ب bi, ل li, ك ka) attached to a name is not
# part of the mention. The span starts after the proclitic letters and covers only the name: in
# "والحشد الشعبي" and "بالحشد الشعبي" the match is "الحشد الشعبي". In "للحشد الشعبي" (li + al-,
# the article's alef not written) only the first lam is the proclitic; the second is the name's
# article, so the match is "لحشد الشعبي". The name's right edge must still end its word. Found
# at "default", with "proclitic" among the rules.
@pytest.mark.parametrize(("entity", "clitic", "rest"), _proclitic_params())
def test_script_form_with_proclitic(
    taggers: dict[str, gazetag.Tagger], entity: SeedEntity, clitic: str, rest: str
) -> None:
    sentence = ARABIC_FRAME.format(clitic + rest)
    start = sentence.index(clitic + rest) + len(clitic)
    m = find_span(taggers["default"], sentence, (start, start + len(rest)), entity.id)
    check_rule(m.rule, needs_variants=True)
    assert "proclitic" in m.rule.split("+")


# --------------------------------------------------------------------------------------------
# Per-entity and per-alias layers
# --------------------------------------------------------------------------------------------

PER_ENTITY_TEXT = "Mustafa al-Kazimi met Qassem Soleimani and Nouri al-Maliki; Hadi Amiri came too."


def _per_entity_records() -> list[dict[str, Any]]:
    return [
        # Its own layer replaces the tagger's: consonant classes for this entity only ...
        {
            "id": "kadhimi",
            "name": "Mustafa al-Kadhimi",
            "label": "PERSON",
            "variants": "aggressive",
        },
        # ... and no variants at all for this one.
        {"id": "soleimani", "name": "Qasem Soleimani", "label": "PERSON", "variants": "none"},
        # No setting: the tagger's layer. One alias opts out of variants on its own.
        {
            "id": "maliki",
            "name": "Nuri al-Maliki",
            "label": "PERSON",
            "aliases": [{"text": "Hadi al-Amiri", "variants": "none"}],
        },
    ]


def test_per_entity_layer_replaces_the_taggers() -> None:
    g = gazetag.Gazetteer.from_records(_per_entity_records())
    found = {m.text: (m.entity_id, m.rule) for m in make_tagger(g, "default").tag(PER_ENTITY_TEXT)}
    assert "Mustafa al-Kazimi" in found, found  # entity at "aggressive": consonant class
    assert "consonant" in found["Mustafa al-Kazimi"][1].split("+")
    assert "Qassem Soleimani" not in found, found  # entity at "none": no doubling
    assert found.get("Nouri al-Maliki", ("", ""))[0] == "maliki", found  # tagger's "default"
    assert "Hadi Amiri" not in found, found  # that alias is at "none": no article drop


def test_per_entity_layer_under_tagger_none() -> None:
    g = gazetag.Gazetteer.from_records(_per_entity_records())
    found = {m.text for m in make_tagger(g, "none").tag(PER_ENTITY_TEXT)}
    assert "Mustafa al-Kazimi" in found, found  # the entity's own layer wins both ways
    assert "Nouri al-Maliki" not in found, found


def test_per_entity_layer_round_trips() -> None:
    g = gazetag.Gazetteer.from_records(_per_entity_records())
    ent: Any = g["kadhimi"]
    assert ent.variants == "aggressive"
    assert _any(g["maliki"]).variants is None
    records = g.to_records()
    assert records[0].get("variants") == "aggressive"
    assert records[1].get("variants") == "none"
    assert "variants" not in records[2]
    assert records[2]["aliases"] == [{"text": "Hadi al-Amiri", "variants": "none"}]
    assert gazetag.Gazetteer.from_records(records) == g


@pytest.mark.parametrize(
    ("alias", "text", "layer", "found"),
    [
        ("National Shiite Movement", "the National Shia Movement said", "default", "vowel"),
        ("National Shiite Movement", "the National Shi'ite Movement said", "none", "exact"),
        ("Shia Endowment Office", "the Shiite Endowment Office said", "default", "vowel"),
        ("Shia Endowment Office", "the Shi'ite Endowment Office said", "default", "vowel"),
        # The word forms are a variant: the core folding alone keeps them apart.
        ("National Shiite Movement", "the National Shia Movement said", "none", None),
        ("Sunni Endowment Office", "the Shia Endowment Office said", "default", None),
    ],
)
def test_shia_and_shiite_are_one_word_in_names(
    alias: str, text: str, layer: str, found: str | None
) -> None:
    g = gazetag.Gazetteer.from_records(
        [{"id": "body", "name": alias, "label": "INSTITUTION", "aliases": []}]
    )
    got = [(m.entity_id, m.rule) for m in make_tagger(g, layer).tag(text)]
    assert got == ([("body", found)] if found else []), got
