"""Table tests of the reference implementation itself, so that a bug in it shows up without
gazetag. The expectations come from the README section "What matches"."""

from __future__ import annotations

import pytest
from reference import (
    fold,
    fold_key,
    is_whole_word,
    looks_like_acronym,
    reference_matches,
    reference_tag,
)

# (input, folded, folded keeping case)
FOLDS = [
    ("", "", ""),
    ("Kadhimi", "kadhimi", "Kadhimi"),
    ("K1", "k1", "K1"),
    ("K-1", "k1", "K1"),
    ("K 1", "k1", "K1"),
    ("K \t\n - 1", "k1", "K1"),
    ("1 K", "1k", "1K"),
    ("Camp 12 B", "camp12b", "Camp12B"),
    ("12 34", "12 34", "12 34"),
    ("al-Kadhimi", "al kadhimi", "al Kadhimi"),
    ("al_Kadhimi", "al kadhimi", "al Kadhimi"),
    ("al\u00a0Kadhimi", "al kadhimi", "al Kadhimi"),
    ("al\u2013Kadhimi", "al kadhimi", "al Kadhimi"),
    ("al\u2014\nKadhimi", "al kadhimi", "al Kadhimi"),
    ("a\u200bb", "a b", "a b"),
    ("a\x1cb", "a\x1cb", "a\x1cb"),  # not white space for Rust, though Python's isspace says so
    ("Qa'im", "qaim", "Qaim"),
    ("Qa\u2019im", "qaim", "Qaim"),
    ("Qa\u02bfim", "qaim", "Qaim"),
    ("Qa\u00b4im", "qaim", "Qaim"),
    ("Qa`im", "qaim", "Qaim"),
    ("K\u0101\u1e93im\u012b", "kazimi", "Kazimi"),
    ("Ka\u0304zimi", "kazimi", "Kazimi"),
    ("Hewl\u00ear", "hewler", "Hewler"),
    ("Stra\u00dfe", "strasse", "Stra\u00dfe"),
    ("STRASSE", "strasse", "STRASSE"),
    ("\u0130stanbul", "istanbul", "Istanbul"),
    ("Karay\u0131lan I\u011fd\u0131r", "karayilan igdir", "Karayilan Igdir"),
    ("I\u011eDIR", "igdir", "IGDIR"),
    ("\ufb01le", "file", "file"),
    ("\uff2b\uff11", "k1", "K1"),
    ("\u03a3\u038a\u03a3\u03a5\u03a6\u039f\u03a3", "σισυφοσ", "ΣΙΣΥΦΟΣ"),
    ("soft\u00adhyphen", "softhyphen", "softhyphen"),
    ("\u0643\u0640\u0640\u062a\u0627\u0626\u0628", "\u0643\u062a\u0627\u064a\u0628", None),
    ("\u0642\u064e\u0627\u0633\u0650\u0645", "\u0642\u0627\u0633\u0645", None),
    ("\u0647\u200c\u0627\u06cc", "\u0647\u0627\u064a", None),  # ZWNJ; Farsi yeh is yeh
    ("\ufefb", "\u0644\u0627", None),
    ("a\U0001f600b", "a\U0001f600b", None),
    ("\u4e2d 1", "\u4e2d1", None),  # CJK is a letter: the separator before a digit goes
    ("\U0001f600 1", "\U0001f600 1", None),  # an emoji is not
    ("  lead and trail  ", " lead and trail ", None),
    # romanization letters that stand for English digraphs
    ("al-\u1e24a\u0161d a\u0161-\u0160a\u02bfb\u012b", "al hashd ash shabi", "al Hashd ash Shabi"),
    ("Pe\u015fmerge", "peshmerge", "Peshmerge"),
    ("\u1e2a\u0101lid \u1e0e\u012b \u1e6f\u0121\u01e7", "khalid dhi thghj", "Khalid Dhi thghj"),
    ("\u01e6", "j", "J"),
    # Arabic script: alef, yeh and heh forms, keheh, digits; Persian and Kurdish consonants
    # fold to their Arabic twins, the Kurdish letters without one stay
    ("\u0623\u0625\u0622\u0671\u0627", "\u0627" * 5, None),
    ("\u0649\u06cc\u06d2\u0626\u064a", "\u064a" * 5, None),
    ("\u06a9\u0643", "\u0643\u0643", None),
    ("\u0629\u06c0\u06c1\u06be\u06d5\u0647", "\u0647" * 6, None),
    ("\u0643\u0661", "\u06431", None),
    ("\u0643 \u0661", "\u06431", None),  # an Arabic-Indic digit is a digit: K-1 rule
    ("\u0661\u0669\u0668\u0664 \u06f1\u06f4\u06f0\u06f2", "1984 1402", None),
    ("\u067e\u0686\u0698\u06af\u06a4", "\u0628\u062c\u0632\u0643\u0641", None),
    ("\u0695\u06b5\u06ce\u06c6", "\u0695\u06b5\u06ce\u06c6", None),
]


@pytest.mark.parametrize(("text", "lower", "exact"), FOLDS)
def test_fold(text: str, lower: str, exact: str | None) -> None:
    folded, src = fold(text)
    assert folded == lower
    assert len(src) == len(folded)
    assert src == sorted(src)
    assert all(0 <= i < len(text) for i in src)
    assert fold(text, keep_case=True)[0] == (lower if exact is None else exact)


def test_fold_offsets() -> None:
    assert fold("\u00dfx") == ("ssx", [0, 0, 1])
    assert fold("a\u0161") == ("ash", [0, 1, 1])
    assert fold("a - b") == ("a b", [0, 1, 4])
    assert fold("\u0130x") == ("ix", [0, 1])


def test_keys_are_trimmed() -> None:
    assert fold_key("  -K-1- ") == "k1"
    assert fold_key("- _ -") == ""
    assert fold_key("'") == ""
    assert fold_key("PMF", keep_case=True) == "PMF"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("KH", True),
        ("PMF", True),
        ("IS", True),
        ("K-1", True),
        ("ISWAP", True),
        ("ISWAPS", False),
        ("Kh", False),
        ("kh", False),
        ("U.S.", True),
        ("1", False),
        ("\u0130S", True),
        ("SS\u00df", False),
        ("K\u064e", False),  # a haraka is Alphabetic (and not upper case) for Rust
        ("\u0643\u062a", False),
    ],
)
def test_acronym_rule(alias: str, expected: bool) -> None:
    assert looks_like_acronym(alias) is expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Qa'im", 3, 5, False),
        ("Qa'im", 0, 2, False),
        ("Kadhimi's visit", 0, 7, True),
        ("Kadhimi\u2019s visit", 0, 7, True),
        ("Kadhimi's", 0, 7, True),
        ("Kadhimi'sa", 0, 7, False),
        ("Kadhimi's'", 0, 7, True),
        ("\u02bfAyn", 1, 4, True),
        ("UK1", 1, 3, False),
        ("K10", 0, 2, False),
        ("e\u0301K", 2, 3, False),
        ("\u0627\u0628", 1, 2, False),
        ("a\U0001f600b", 0, 1, True),
        ("a\u200cb", 0, 1, False),
        ("a\u0640b", 2, 3, False),
        ("x.y", 0, 1, True),
        # issue 18: joiners before and inside a possessive; a possessive s is final only
        # when no word character follows it across joiners
        ("Kadhimi\u200e\u2019s said", 0, 7, True),
        ("Kadhimi\u0640\u2019s", 0, 7, True),
        ("Kadhimi\u00ad's", 0, 7, True),
        ("Kadhimi\u200f's", 0, 7, True),
        ("Kadhimi\u2019\u2019s", 0, 7, True),
        ("FORCES''s", 0, 6, True),
        ("Kadhimi'\u200es", 0, 7, True),
        ("Kadhimi\u2019s\u0640x", 0, 7, False),
        ("Kadhimi\u0640s", 0, 7, False),
        ("Hezbollah\u2019s", 10, 11, False),  # the possessive s is no word of its own
        ("a\u200bb", 0, 1, True),  # a zero-width space separates
    ],
)
def test_whole_word(text: str, start: int, end: int, expected: bool) -> None:
    assert is_whole_word(text, start, end, end - 1) is expected


SEED = [
    ("kadhimi", "Mustafa al-Kadhimi", ["al-Kadhimi", "Kadhimi", "K\u0101\u1e93im\u012b"]),
    ("k1", "K1 Air Base", ["K1", "K-1"]),
    ("kh", "Kata'ib Hezbollah", ["KH", "Kataib Hezbollah"]),
    ("iran", "Iran", []),
    ("isis", "Islamic State", ["ISIS", "IS"]),
    ("sadr", "Muqtada al-Sadr", ["Sadr"]),
    ("sadr-city", "Sadr City", ["Sadr"]),
    ("ain-al-asad", "Ain al-Asad", ["Ain al-Asad Air Base"]),
    ("asad", "Asad", []),
    ("strasse", "Stra\u00dfe", []),
    ("istanbul", "\u0130stanbul", []),
    ("qaim", "Al-Qa'im", ["Qaim"]),
]

# (text, [(surface, entity id)]) with the default options
MATCHES = [
    ("", []),
    ("nothing here", []),
    ("Kadhimi met", [("Kadhimi", "kadhimi")]),
    ("KADHIMI", [("KADHIMI", "kadhimi")]),
    ("al-Kadhimi said", [("al-Kadhimi", "kadhimi")]),
    ("al\n  Kadhimi", [("al\n  Kadhimi", "kadhimi")]),
    (
        "K\u0101\u1e93im\u012b or Kazimi",
        [
            ("K\u0101\u1e93im\u012b", "kadhimi"),
            ("Kazimi", "kadhimi"),
        ],
    ),
    ("Kadhimi's visit", [("Kadhimi", "kadhimi")]),
    ("Kadhimi\u2019s visit", [("Kadhimi", "kadhimi")]),
    ("Kadhimis", []),
    ("K1, K-1, K 1 and k1", [("K1", "k1"), ("K-1", "k1"), ("K 1", "k1")]),
    ("UK1 K10 K1a", []),
    ("Iranian Iran", [("Iran", "iran")]),
    ("crisis ISIS is IS", [("ISIS", "isis"), ("IS", "isis")]),
    ("Isis", []),
    ("KH and kh", [("KH", "kh")]),
    ("Kata\u2019ib Hezbollah (KH)", [("Kata\u2019ib Hezbollah", "kh"), ("KH", "kh")]),
    ("Ain al-Asad Air Base", [("Ain al-Asad Air Base", "ain-al-asad")]),
    ("Ain al-Asad Air Basement", [("Ain al-Asad", "ain-al-asad")]),
    (
        "STRASSE strasse Stra\u00dfe",
        [
            ("STRASSE", "strasse"),
            ("strasse", "strasse"),
            ("Stra\u00dfe", "strasse"),
        ],
    ),
    ("\u0130stanbul istanbul", [("\u0130stanbul", "istanbul"), ("istanbul", "istanbul")]),
    (
        "Qa'im Qa\u02bfim Qa\u00b4im Qaim Qa im",
        [
            ("Qa'im", "qaim"),
            ("Qa\u02bfim", "qaim"),
            ("Qa\u00b4im", "qaim"),
            ("Qaim", "qaim"),
        ],
    ),
    ("\U0001f600Kadhimi\U0001f600", [("Kadhimi", "kadhimi")]),
    ("\u00e9Kadhimi", []),
    ("e\u0301Kadhimi", []),
    ("Kadhimi\u0301 said", [("Kadhimi\u0301", "kadhimi")]),
    ("\u02bfAsad", [("Asad", "asad")]),
    ("'Asad'", [("Asad", "asad")]),
    ("Sadr spoke", [("Sadr", "sadr")]),
    # issue 18: possessives behind joiners
    ("Kadhimi\u200e\u2019s men", [("Kadhimi", "kadhimi")]),
    ("Kadhimi\u0640\u2019s men", [("Kadhimi", "kadhimi")]),
    ("Kadhimi\u2019\u2019s men", [("Kadhimi", "kadhimi")]),
    ("Kadhimi\u2019s\u0640x", []),
    ("Kadhimi\u200bsaid", [("Kadhimi", "kadhimi")]),
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_gazetag_agrees_on_the_table(text: str, expected: list[tuple[str, str]]) -> None:
    import gazetag

    records = [{"id": i, "name": n, "label": "TEST", "aliases": a} for i, n, a in SEED]
    tagger = gazetag.Tagger(gazetag.Gazetteer.from_records(records), variants="none")
    assert [(m.text, m.entity_id) for m in tagger.tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_matches(text: str, expected: list[tuple[str, str]]) -> None:
    got = reference_tag(SEED, text)
    assert [(text[s:e], eid) for s, e, eid, _ in got] == expected


def test_offsets_are_code_points() -> None:
    got = reference_tag(SEED, "\u00df\U0001f600 \u0130stanbul K\u0101\u1e93im\u012b")
    assert [(s, e) for s, e, _, _ in got] == [(3, 11), (12, 18)]


def test_ambiguous_alias_lists_every_entity_in_gazetteer_order() -> None:
    assert reference_tag(SEED, "Sadr spoke") == [(0, 4, "sadr", ("sadr", "sadr-city"))]


def test_expanded_character_is_not_split() -> None:
    g = [("s", "s", []), ("ss", "ss", [])]
    assert reference_tag(g, "\u00df", whole_words=False) == [(0, 1, "ss", ("ss",))]
    assert reference_tag([("fi", "fi", [])], "\ufb01") == [(0, 1, "fi", ("fi",))]
    assert reference_tag([("f", "f", [])], "\ufb01", whole_words=False) == []


def test_digraph_letters() -> None:
    g = [("hashd", "al-Hashd", []), ("s", "s", [])]
    assert reference_tag(g, "al-\u1e24a\u0161d") == [(0, 7, "hashd", ("hashd",))]
    # š is one character that folded to two: an alias "s" cannot match half of it
    assert reference_tag(g, "\u0161", whole_words=False) == []
    assert reference_tag([("skoda", "Skoda", [])], "\u0160koda") == []


def test_a_failed_longer_candidate_does_not_hide_a_shorter_one() -> None:
    g = [("a", "Abu Mahdi", []), ("b", "Abu Mahdi al", [])]
    assert reference_tag(g, "Abu Mahdi alfoo") == [(0, 9, "a", ("a",))]
    g = [("a", "IS", []), ("b", "is here", [])]
    assert reference_tag(g, "it is here") == [(3, 10, "b", ("b",))]


def test_overlapping() -> None:
    g = [("a", "Ain al-Asad", []), ("b", "al-Asad", []), ("c", "Asad Air Base", [])]
    text = "Ain al-Asad Air Base"
    got = reference_tag(g, text, overlapping=True)
    assert [text[s:e] for s, e, _, _ in got] == ["Ain al-Asad", "al-Asad", "Asad Air Base"]
    got = reference_tag(g, text)
    assert [text[s:e] for s, e, _, _ in got] == ["Ain al-Asad"]
    # at one start, longest first
    g = [("a", "Asad", []), ("b", "Asad Air", [])]
    got = reference_tag(g, "Asad Air", overlapping=True)
    assert [(s, e) for s, e, _, _ in got] == [(0, 8), (0, 4)]


def test_options() -> None:
    text = "Kadhimi kadhimi Iran IRAN"
    got = reference_tag(SEED, text, case_sensitive=True)
    assert [text[s:e] for s, e, _, _ in got] == ["Kadhimi", "Iran"]
    assert [(s, e) for s, e, _, _ in reference_tag(SEED, "Iranian", whole_words=False)] == [(0, 4)]


def test_case_overrides() -> None:
    g = [("is", "Islamic State", [("IS", False)])]
    assert [s for s, _, _, _ in reference_tag(g, "it is")] == [3]
    g = [("x", "Foo", [("Bar", True)])]
    assert [s for s, _, _, _ in reference_tag(g, "bar Bar")] == [4]
    # a repeated alias text takes the first explicit setting
    g = [("kh", "Kata'ib Hezbollah", ["KH", ("KH", False), ("KH", True)])]
    assert [s for s, _, _, _ in reference_tag(g, "kh")] == [0]


def test_reported_alias_is_the_first_that_passes() -> None:
    g = [("a", "Sadr", ["SADR"]), ("b", "SADR", [])]
    # "SADR" is an acronym; in lower case only entity a's name passes
    assert reference_matches(g, "sadr") == [(0, 4, "a", ("a",), "Sadr")]
    assert reference_matches(g, "SADR") == [(0, 4, "a", ("a", "b"), "Sadr")]


def test_ayn_and_trailing_apostrophes_stay_outside() -> None:
    g = [("ayn", "Ayn", [])]
    assert reference_tag(g, "\u02bfAyn\u2019") == [(1, 4, "ayn", ("ayn",))]


def test_separator_only_alias_is_rejected() -> None:
    with pytest.raises(ValueError):
        reference_tag([("x", "- _", [])], "x")
