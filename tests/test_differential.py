"""Differential tests: gazetag against the pure-Python reference in `reference.py`.

Aliases are drawn first, from a small alphabet so that they collide and share keys; texts are
then built from variants of those aliases (case, accents, combining marks, other separators
and apostrophes, joiners inside words, ß/ss, İ/I, ﬁ/fi) glued to random filler from a wide
alphabet, so that matches, near-matches and word-boundary cases all come up.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

import gazetag
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reference import AliasSpec, EntitySpec, fold_key, reference_matches

LABEL = "T"

# Every character a text may hold. Python's and Rust's character predicates agree on all of
# them (see reference.py), except the haraka U+064E, which reference.py handles.
TEXT_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " \n\t\u00a0-_\u2013\u2014"  # separators
    "'\u2019\u02bf\u00b4"  # apostrophes
    "\u00e9\u0101\u1e93\u012b\u00ea"  # é ā ẓ ī ê
    "\u0301\u0304"  # combining acute, macron
    "\U0001f600\U0001f1ee\U0001f1f6"  # 😀, 🇮 🇶
    "\u0130\u0131\u00df\ufb01"  # İ ı ß ﬁ
    "\u0642\u0627\u0633\u0645\u064e\u0640\u200c"  # ق ا س م, fatha, tatweel, ZWNJ
    "\u4e2d.,()\u00a8"  # 中, punctuation, diaeresis (NFKD: a space and a mark)
    "\u0161\u0160\u015f\u1e2b\u1e6f\u1e0f\u0121\u01e7"  # š Š ş ḫ ṯ ḏ ġ ǧ: sh kh th dh gh j
    "\u064a\u0647\u0623\u0625\u0649\u06cc\u0626\u0629\u06a9\u0661\u06f1"  # Arabic forms
    "\u4eac\u30c8\u30e8\u0e44\u0e17"  # 京 ト ヨ ไ ท: scripts without spaces (issue 15.8)
    "\u1fb3\u0345\u03b1\u0391\u0399"  # ᾳ, iota subscript, α Α Ι
)

# Pieces aliases are made of: short, so that aliases overlap and share prefixes.
ALIAS_PIECES = [
    *"ka K H is IS I s ss a an ir Ir 1 2 i fi e z . \u00df \u0130 \u0131 \ufb01 \u00e9".split(),
    # Arabic, a haraka (an acronym's letters are H and the haraka, so "H\u064e" is none), 中, 😀
    *"\u0642\u0627 \u0633\u0645 \u064e H\u064e \u4e2d \U0001f600".split(),
    # digraphs and their romanization letters; Arabic letters with several forms, a digit
    *"sh kh th \u0161 \u0160 \u015f \u1e2b \u0121 \u0643\u064a \u0647 \u0623 \u0661".split(),
    # scripts without spaces, and Greek with an iota subscript (issue 15.8)
    *"\u4e2d\u4eac \u4eac \u30c8\u30e8 \u0e44\u0e17 \u03b1\u03b9 \u0391\u0399 \u1fb3".split(),
    *[" ", "-", "'", "\u2019"],
]
ACRONYM_CHARS = "KHISFP1-.\u0160"

# \u00a8 (diaeresis) is no separator itself but decomposes to a space and a mark.
SEPARATOR_VARIANTS = [*" -\n\t\u00a0_\u2013\u2014\u00a8", " - ", "  "]
APOSTROPHE_VARIANTS = ["'", "\u2019", "\u02bf", "\u00b4", ""]
JOINERS = ["'", "\u2019", "\u200c", "\u0640", "\u02bf"]
POSSESSIVES = ["'s", "\u2019s", "'S", "'sa", "\u02bfs", "''s",
               # joiners around a possessive, and a zero-width space (issue 18)
               "\u200e\u2019s", "\u0640\u2019s", "\u2019s\u0640", "\u2019\u00ads", "\u200b"]
MARKS = ["\u0301", "\u0304"]
ACCENTED = {
    "a": ["\u0101", "\u0100"],
    "e": ["\u00e9", "\u00ea", "\u00c9"],
    "i": ["\u012b", "\u0130", "\u0131"],
    "z": ["\u1e93", "\u1e92"],
    "s": ["\u00df"],
}
SPECIAL = {
    "\u00df": ["ss", "SS", "Ss"],
    "\u0130": ["I", "i"],
    "\u0131": ["i", "I"],
    "\ufb01": ["fi", "FI", "Fi"],
    "\u0161": ["sh", "SH", "\u0160", "\u015f", "s"],
    "\u0160": ["Sh", "SH", "sh", "\u0161", "S"],
    "\u015f": ["sh", "\u0161", "\u015e"],
    "\u1e2b": ["kh", "Kh", "\u1e2a"],
    "\u0121": ["gh", "\u0120", "g"],
    "\u0627": ["\u0623", "\u0625", "\u0622", "\u0671"],  # alef forms
    "\u064a": ["\u0649", "\u06cc", "\u0626"],  # yeh forms
    "\u0647": ["\u0629", "\u06c1"],  # heh, teh marbuta
    "\u0643": ["\u06a9"],  # kaf, keheh
    "\u0661": ["1", "\u06f1"],
    "1": ["\u0661", "\u06f1"],
}
# Two-letter spellings that one letter may stand for.
DIGRAPH_VARIANTS = {
    "sh": ["\u0161", "\u015f", "\u0160"],
    "Sh": ["\u0160", "\u015e"],
    "kh": ["\u1e2b", "\u1e2a"],
    "th": ["\u1e6f", "\u1e6e"],
}


def char_variants(c: str) -> list[str]:
    """Ways to write one alias character in a text; the first is the character itself."""
    if c in " -\u2013\u2014\n\t\u00a0_":
        return [c, *SEPARATOR_VARIANTS, ""]
    if c in "'\u2019":
        return [c, *APOSTROPHE_VARIANTS]
    out = [c]
    if c in SPECIAL:
        out += SPECIAL[c]
    elif c.isascii() and c.isalpha():
        out += [c.swapcase(), *ACCENTED.get(c.lower(), [])]
    if "\u0600" <= c <= "\u06ff":
        out += [c + "\u064e", c + "\u0640"]
    if c.isalpha():
        out += [c + m for m in MARKS]
    return out


@st.composite
def variant(draw: st.DrawFn, alias: str) -> str:
    """A spelling of `alias` that gazetag might or might not match, mostly one it should."""
    out = []
    i = 0
    while i < len(alias):
        c = alias[i]
        i += 1
        pair = alias[i - 1 : i + 1]
        if pair in DIGRAPH_VARIANTS and draw(st.booleans()):
            out.append(draw(st.sampled_from(DIGRAPH_VARIANTS[pair])))
            i += 1
        else:
            out.append(draw(st.sampled_from(char_variants(c))))
        roll = draw(st.integers(0, 9))
        if roll == 0:
            out.append(draw(st.sampled_from(JOINERS)))
        elif roll == 1 and alias[i : i + 1].isalnum():
            out.append(draw(st.sampled_from(SEPARATOR_VARIANTS)))  # K1 -> K 1, Ka -> K a
    return "".join(out)


def _has_key(text: str) -> bool:
    return fold_key(text) != ""


alias_texts = st.one_of(
    st.lists(st.sampled_from(ALIAS_PIECES), min_size=1, max_size=4).map("".join),
    st.text(ACRONYM_CHARS, min_size=1, max_size=7),  # acronyms and codes: KH, K-1, I.S.
).filter(_has_key)

filler = st.text(TEXT_ALPHABET, max_size=4)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[EntitySpec], list[str]]:
    """A few entities sharing aliases from one pool, and a few texts mentioning them."""
    pool = draw(st.lists(alias_texts, min_size=1, max_size=5, unique=True))
    alias_spec = st.one_of(
        st.sampled_from(pool),
        st.sampled_from(pool).flatmap(variant).filter(_has_key),  # K1 and K-1, KH and Kh
        st.tuples(st.sampled_from(pool), st.sampled_from([True, False, None])),
    )
    entities: list[EntitySpec] = []
    for i in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(pool))
        aliases = draw(st.lists(alias_spec, max_size=3))
        entities.append((f"e{i}", name, aliases))
    piece = st.one_of(
        st.sampled_from(pool).flatmap(variant),
        st.sampled_from(pool),
        filler,
        st.sampled_from(SEPARATOR_VARIANTS),
        st.sampled_from(POSSESSIVES),
    )
    texts = draw(st.lists(st.lists(piece, max_size=6).map("".join), min_size=1, max_size=3))
    return entities, texts


def alias_args(aliases: Sequence[AliasSpec]) -> list[str | dict[str, object]]:
    """Aliases as gazetag takes them: a str, or a dict when the case setting is given."""
    return [a if isinstance(a, str) else {"text": a[0], "case_sensitive": a[1]} for a in aliases]


def gazetteer(entities: list[EntitySpec]) -> gazetag.Gazetteer:
    g = gazetag.Gazetteer()
    for entity_id, name, aliases in entities:
        g.add(entity_id, name, LABEL, aliases=alias_args(aliases))
    return g


def observed(matches: list[gazetag.Match]) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    return [(m.start, m.end, m.entity_id, tuple(m.entities), m.alias) for m in matches]


OPTIONS = [
    {"case_sensitive": cs, "overlapping": ov, "whole_words": ww}
    for cs, ov, ww in itertools.product([False, True], repeat=3)
]


def _option_id(o: dict[str, bool]) -> str:
    return ",".join(k for k, v in o.items() if v) or "defaults"


@pytest.mark.parametrize("options", OPTIONS, ids=[_option_id(o) for o in OPTIONS])
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios())
# Found by the "slow" profile: the reference counted a vowel mark as a letter, so one Arabic
# letter with its fatha was a word in capitals beside `S'FH'` and the acronym `H` waited there
# for a licence; the tagger counts letters without their marks (README rule 9).
@example(scenario=([("e0", "H", [])], ["\u0647\u064e S'FH'"]))
# Two overlapping hits of one alias in Arabic script are two matches, not one joined.
@example(scenario=([("e0", "\u0647\u0647", [])], ["\u0647\u0647\u0647'\u0647"]))
def test_tag_agrees_with_reference(
    options: dict[str, bool], scenario: tuple[list[EntitySpec], list[str]]
) -> None:
    entities, texts = scenario
    tagger = gazetag.Tagger(gazetteer(entities), variants="none", **options)
    names = {entity_id: name for entity_id, name, _ in entities}
    for text in texts:
        got = tagger.tag(text)
        for m in got:
            assert text[m.start : m.end] == m.text
            assert m.label == LABEL
            assert m.name == names[m.entity_id]
            assert m.entities[0] == m.entity_id
        assert observed(got) == reference_matches(entities, text, **options), repr(text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios(), st.sampled_from(OPTIONS), st.sampled_from([None, 1, 3]))
def test_tag_batch_equals_tag(
    scenario: tuple[list[EntitySpec], list[str]],
    options: dict[str, bool],
    threads: int | None,
) -> None:
    entities, texts = scenario
    texts = texts * 3  # enough texts for several threads to share
    tagger = gazetag.Tagger(gazetteer(entities), **options)
    batch = tagger.tag_batch(texts, threads=threads)
    assert [observed(ms) for ms in batch] == [observed(tagger.tag(t)) for t in texts]
    assert batch == [tagger.tag(t) for t in texts]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios())
def test_records_build_the_same_gazetteer(scenario: tuple[list[EntitySpec], list[str]]) -> None:
    entities, texts = scenario
    records = [
        {
            "id": entity_id,
            "name": name,
            "label": LABEL,
            "aliases": alias_args(aliases),
        }
        for entity_id, name, aliases in entities
    ]
    by_records = gazetag.Tagger(gazetag.Gazetteer.from_records(records))
    by_add = gazetag.Tagger(gazetteer(entities))
    for text in texts:
        assert by_records.tag(text) == by_add.tag(text)


def _surfaces(matches: list[gazetag.Match]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(unicodedata.normalize("NFC", m.text), m.entity_id, m.entities) for m in matches]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios(), st.sampled_from(OPTIONS))
def test_canonically_equivalent_texts_match_alike(
    scenario: tuple[list[EntitySpec], list[str]], options: dict[str, bool]
) -> None:
    """NFC and NFD forms of a text are the same text (README rule 2: text is decomposed)."""
    entities, texts = scenario
    tagger = gazetag.Tagger(gazetteer(entities), variants="none", **options)
    for text in texts:
        nfc, nfd = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
        assert _surfaces(tagger.tag(nfd)) == _surfaces(tagger.tag(nfc)), repr(text)


@pytest.mark.parametrize("text", ["1'F'F'K'\u0623", "F'F'K'\u0623"])
def test_a_combining_mark_is_no_letter_of_its_own_beside_a_match(text: str) -> None:
    """Found by the test above: a hamza above (alphabetic, for Unicode) made a word of two
    letters out of one in the NFD form, so the capitals around `K` read as a headline's and the
    acronym needed a licence there only."""
    g = gazetag.Gazetteer()
    g.add("e0", "K", LABEL)
    tagger = gazetag.Tagger(g, variants="none", whole_words=False)
    nfc, nfd = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
    assert _surfaces(tagger.tag(nfd)) == _surfaces(tagger.tag(nfc)) == [("K", "e0", ("e0",))]


@pytest.mark.parametrize(
    ("alias", "text"),
    [("Peshmerga", "Pe\u015fmerga"), ("al-Hashd", "al-\u1e24a\u0161d"), ("Skoda", "\u0160koda")],
)
def test_decomposed_digraph_letters_fold_like_precomposed_ones(alias: str, text: str) -> None:
    g = gazetag.Gazetteer()
    g.add("e", alias, LABEL)
    tagger = gazetag.Tagger(g, variants="none")
    nfc, nfd = (unicodedata.normalize(form, text) for form in ("NFC", "NFD"))
    assert _surfaces(tagger.tag(nfd)) == _surfaces(tagger.tag(nfc))


# The trie (issues 12 and 13): a scanner with more than 64 KiB of keys walks the patterns' trie
# from the starts where a hit can be kept, where a smaller one scans every byte with a DFA. The
# scenarios' dictionaries are small, so they are padded here with entities whose names no text
# of the scenarios can hold: Cyrillic ones (no Cyrillic letter is in TEXT_ALPHABET) put the
# folded scanner over 64 KiB of keys; long Latin ones of consonants put the skeleton scanner of
# the default layer over it too.

_CYRILLIC = "бвгджзклмнпрстфхцчшщ"
_CONSONANTS = "bcdfgjklmnpqrstvwxz"


def _digits(i: int, letters: str, width: int) -> str:
    out = []
    for _ in range(width):
        i, d = divmod(i, len(letters))
        out.append(letters[d])
    return "".join(out)


# 1,000 names of 36 Cyrillic letters (72 bytes): 72 KB of keys; 1,000 Latin names of 40
# consonants in words of 8 (their skeletons keep them all).
PADDING: list[EntitySpec] = [
    (f"pad-c{i}", _digits(i, _CYRILLIC, 4) * 9, []) for i in range(1000)
] + [
    (f"pad-l{i}", " ".join([_digits(i, _CONSONANTS, 4) * 2] * 5).capitalize(), [])
    for i in range(1000)
]
assert sum(len(fold_key(name).encode()) for _, name, _ in PADDING[:1000]) > 64 << 10


@pytest.mark.parametrize("options", OPTIONS, ids=[_option_id(o) for o in OPTIONS])
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          max_examples=40)
@given(scenario=scenarios())
def test_the_trie_agrees_with_reference(
    options: dict[str, bool], scenario: tuple[list[EntitySpec], list[str]]
) -> None:
    entities, texts = scenario
    tagger = gazetag.Tagger(gazetteer([*entities, *PADDING]), variants="none", **options)
    for text in texts:
        assert observed(tagger.tag(text)) == reference_matches(entities, text, **options), repr(
            text)


@pytest.mark.parametrize("options", OPTIONS, ids=[_option_id(o) for o in OPTIONS])
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
          max_examples=40)
@given(scenario=scenarios())
def test_the_trie_finds_what_the_dfa_finds_at_the_default_layer(
    options: dict[str, bool], scenario: tuple[list[EntitySpec], list[str]]
) -> None:
    entities, texts = scenario
    small = gazetag.Tagger(gazetteer(entities), **options)
    padded = gazetag.Tagger(gazetteer([*entities, *PADDING]), **options)
    for text in texts:
        assert observed(padded.tag(text)) == observed(small.tag(text)), repr(text)
