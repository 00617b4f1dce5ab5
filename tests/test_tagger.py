"""The matching rules of the README ("What matches"), one table per rule, and the Match API."""

from __future__ import annotations

import gc
import pickle
import tracemalloc
from pathlib import Path

import gazetag
import pytest
from reference import reference_tag

SEED = [
    {"id": "kadhimi", "name": "Mustafa al-Kadhimi", "label": "PERSON",
     "aliases": ["al-Kadhimi", "Kadhimi", "Kazimi"]},
    {"id": "k1", "name": "K1 Air Base", "label": "BASE", "aliases": ["K1", "K-1"]},
    {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA",
     "aliases": ["KH", "Kataib Hezbollah"]},
    {"id": "iran", "name": "Iran", "label": "COUNTRY"},
    {"id": "isis", "name": "Islamic State", "label": "MILITIA", "aliases": ["ISIS", "IS"]},
    {"id": "sadr", "name": "Muqtada al-Sadr", "label": "PERSON", "aliases": ["Sadr"]},
    {"id": "sadr-city", "name": "Sadr City", "label": "PLACE", "aliases": ["Sadr"]},
    {"id": "asad", "name": "Ain al-Asad", "label": "BASE",
     "aliases": ["Ain al-Asad Air Base", "Al Asad"]},
    {"id": "qaim", "name": "Al-Qa'im", "label": "PLACE", "aliases": ["Qaim"]},
    {"id": "strasse", "name": "Straße", "label": "TEST"},
    {"id": "istanbul", "name": "İstanbul", "label": "TEST"},
    {"id": "us", "name": "U.S.", "label": "TEST"},
    {"id": "kaf", "name": "كتائب حزب الله", "label": "MILITIA"},
    {"id": "beijing", "name": "北京", "label": "TEST"},
    {"id": "hashd", "name": "al-Ḥashd ash-Shaʿbī", "label": "MILITIA", "aliases": ["PMF"]},
]


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    """The core folding alone: these tables test the rules of "What matches"."""
    return gazetag.Tagger(gazetag.Gazetteer.from_records(SEED), variants="none")


def found(tagger: gazetag.Tagger, text: str) -> list[tuple[str, str]]:
    matches = tagger.tag(text)
    for m in matches:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.entity_id) for m in matches]


CASES = {
    "case": [
        ("KADHIMI and kadhimi", [("KADHIMI", "kadhimi"), ("kadhimi", "kadhimi")]),
        ("STRASSE strasse Straße", [("STRASSE", "strasse"), ("strasse", "strasse"),
                                    ("Straße", "strasse")]),
        ("İstanbul ISTANBUL istanbul", [("İstanbul", "istanbul"), ("ISTANBUL", "istanbul"),
                                        ("istanbul", "istanbul")]),
        ("it is IS", [("IS", "isis")]),
        ("KH kh Kh", [("KH", "kh")]),
        ("pmf PMF", [("PMF", "hashd")]),
    ],
    "accents and compatibility forms": [
        ("Kāẓimī spoke", [("Kāẓimī", "kadhimi")]),
        ("Ka\u0304zimi spoke", [("Ka\u0304zimi", "kadhimi")]),
        ("ＫＨ and ＰＭＦ", [("ＫＨ", "kh"), ("ＰＭＦ", "hashd")]),
        ("al-Hashd ash-Sha'bi", [("al-Hashd ash-Sha'bi", "hashd")]),
        ("كتائب حزب اللّٰه", [("كتائب حزب اللّٰه", "kaf")]),
        ("كتـــائب حزب الله", [("كتـــائب حزب الله", "kaf")]),
    ],
    "separators": [
        ("al-Kadhimi, al Kadhimi, al\n Kadhimi", [("al-Kadhimi", "kadhimi"),
                                                  ("al Kadhimi", "kadhimi"),
                                                  ("al\n Kadhimi", "kadhimi")]),
        ("al\u00a0Kadhimi al\u2014Kadhimi al_Kadhimi", [("al\u00a0Kadhimi", "kadhimi"),
                                                       ("al\u2014Kadhimi", "kadhimi"),
                                                       ("al_Kadhimi", "kadhimi")]),
        ("K1 K-1 K 1 K\u20131 K -\t1", [("K1", "k1"), ("K-1", "k1"), ("K 1", "k1"),
                                      ("K\u20131", "k1"), ("K -\t1", "k1")]),
        ("Kataib  Hezbollah", [("Kataib  Hezbollah", "kh")]),
        ("Kataib.Hezbollah", []),
    ],
    "joiners": [
        ("Qa'im Qa’im Qaʿim Qa´im Qa`im Qaim", [("Qa'im", "qaim"), ("Qa’im", "qaim"),
                                               ("Qaʿim", "qaim"), ("Qa´im", "qaim"),
                                               ("Qa`im", "qaim"), ("Qaim", "qaim")]),
        ("Kata’ib Hezbollah", [("Kata’ib Hezbollah", "kh")]),
        ("Kadh\u00adimi", [("Kadh\u00adimi", "kadhimi")]),
        ("Kadhimi\u200d", [("Kadhimi", "kadhimi")]),
    ],
    "whole words": [
        ("Iranian Iran", [("Iran", "iran")]),
        ("a crisis", []),
        ("UK1 K10 K1a 1K1", []),
        ("Kadhimi's and Kadhimi’s visits", [("Kadhimi", "kadhimi"), ("Kadhimi", "kadhimi")]),
        ("Kadhimi'sx", []),
        ("(Iran)", [("Iran", "iran")]),
        ("éIran Iranó", []),
        ("😀Iran😀", [("Iran", "iran")]),
        ("the U.S. said", [("U.S.", "us")]),
        ("北京", [("北京", "beijing")]),
        # Each ideograph is a word of its own, as in Unicode word segmentation (issue 15.8).
        ("在北京", [("北京", "beijing")]),
        ("وكتائب حزب الله", []),
    ],
    "leftmost-longest": [
        ("Ain al-Asad Air Base", [("Ain al-Asad Air Base", "asad")]),
        ("Ain al-Asad Air Basement", [("Ain al-Asad", "asad")]),
        ("Al Asad Air Base", [("Al Asad", "asad")]),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [case for cases in CASES.values() for case in cases],
    ids=[f"{rule}-{i}" for rule, cases in CASES.items() for i in range(len(cases))],
)
def test_rules(tagger: gazetag.Tagger, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(tagger, text) == expected


def test_ambiguous_alias_lists_every_entity_in_gazetteer_order(tagger: gazetag.Tagger) -> None:
    (m,) = tagger.tag("Sadr said")
    assert m.entity_id == "sadr"
    assert m.entities == ("sadr", "sadr-city")
    assert "entities=('sadr', 'sadr-city')" in repr(m)


def test_a_longer_candidate_failing_a_check_does_not_hide_a_shorter_one() -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "short", "name": "Abu Mahdi", "label": "PERSON"},
        {"id": "long", "name": "Abu Mahdi al", "label": "PERSON"},
        {"id": "acro", "name": "IS here", "label": "X", "aliases": [{"text": "IS HERE",
                                                                     "case_sensitive": True}]},
        {"id": "here", "name": "here", "label": "X"},
    ])
    t = gazetag.Tagger(g)
    assert found(t, "Abu Mahdi alfoo") == [("Abu Mahdi", "short")]
    # "is here" matches the case-insensitive name, not the exact-case alias.
    assert [m.alias for m in t.tag("is here")] == ["IS here"]


def test_overlapping_returns_every_valid_match() -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "a", "name": "Ain al-Asad", "label": "BASE"},
        {"id": "b", "name": "al-Asad", "label": "PERSON"},
        {"id": "c", "name": "Asad Air Base", "label": "BASE"},
        {"id": "d", "name": "Ain", "label": "X"},
    ])
    text = "Ain al-Asad Air Base"
    t = gazetag.Tagger(g, overlapping=True, variants="none")
    got = [(m.start, m.end, m.entity_id) for m in t.tag(text)]
    # `Ain` before `al-Asad` is a part of a longer name, not the entity `Ain` (rule 10).
    assert got == [(0, 11, "a"), (4, 11, "b"), (7, 20, "c")]
    assert [m.entity_id for m in gazetag.Tagger(g, variants="none").tag(text)] == ["a"]


@pytest.mark.parametrize(("text", "want"), [
    # A person's alias that opens with an honorific leaves it out of the span, as a title
    # before any name stays out (`King [Salman]`, `Sheikh [Tamim]`) ...
    ("Sheikh Tamim said", [("Tamim", "tamim")]),
    ("King Salman met Emir Tamim.", [("Salman", "salman"), ("Tamim", "tamim")]),
    # ... and so do a pope's, and a ruler's in Arabic script (`الملك [سلمان]`) ...
    ("Pope Francis met him", [("Francis", "francis")]),
    ("استقبل الملك سلمان الوفد", [("سلمان", "salman")]),
    ("وصل البابا فرنسيس إلى بغداد", [("فرنسيس", "francis")]),
    # ... but a body's name keeps its words (`King Fahd Air Base`), and so does a name that the
    # title is a part of (`Sheikh Jangi` of `Lahur Sheikh Jangi`), or a given name (`Sultan`).
    ("King Fahd Air Base was hit.", [("King Fahd Air Base", "base")]),
    ("Sheikh Jangi said", [("Sheikh Jangi", "jangi")]),
    ("Sultan Hashim said", [("Sultan Hashim", "hashim")]),
])
def test_a_persons_alias_that_opens_with_a_title_leaves_it_out(text: str, want: list) -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "tamim", "name": "Tamim bin Hamad Al Thani", "label": "PERSON",
         "aliases": ["Sheikh Tamim", "Emir Tamim"]},
        {"id": "salman", "name": "Salman bin Abdulaziz", "label": "PERSON",
         "aliases": ["King Salman", "الملك سلمان"]},
        {"id": "francis", "name": "Pope Francis", "label": "PERSON", "aliases": ["البابا فرنسيس"]},
        {"id": "base", "name": "King Fahd Air Base", "label": "BASE"},
        {"id": "jangi", "name": "Lahur Sheikh Jangi", "label": "PERSON"},
        {"id": "hashim", "name": "Sultan Hashim Ahmad al-Tai", "label": "PERSON",
         "aliases": ["Sultan Hashim"]},
    ])
    assert [(m.text, m.entity_id) for m in gazetag.Tagger(g).tag(text)] == want


@pytest.mark.parametrize(("text", "want"), [
    # The father's name inside the son's full name is not his; the title stays out of the span.
    ("Qatar's Emir Sheikh Tamim bin Hamad Al Thani said", [("Tamim bin Hamad Al Thani", "tamim")]),
    ("Sheikh Tamim bin Hamad said", [("Tamim bin Hamad", "tamim")]),
    # A common noun after the first alias stays out; capitalized, it is part of the name.
    ("the Unit 70 forces of the PUK", [("Unit 70", "u70")]),
    ("the Unit 70 Forces of the PUK", [("Unit 70 Forces", "u70")]),
    # Two entities: leftmost-longest, as ever.
    ("Hamad bin Khalifa Al Thani abdicated", [("Hamad bin Khalifa Al Thani", "hamad")]),
])
def test_overlapping_aliases_of_one_entity_are_one_match(text: str, want: list) -> None:
    records = [
        {"id": "tamim", "name": "Tamim bin Hamad Al Thani", "label": "PERSON",
         "aliases": ["Sheikh Tamim", "Tamim bin Hamad"]},
        {"id": "hamad", "name": "Hamad bin Khalifa Al Thani", "label": "PERSON",
         "aliases": ["Hamad Al Thani"]},
        {"id": "u70", "name": "Unit 70", "label": "MILITIA", "aliases": ["70 Forces"]},
    ]
    t = gazetag.Tagger(gazetag.Gazetteer.from_records(records), variants="none")
    assert [(m.text, m.entity_id) for m in t.tag(text)] == want
    # The pure-Python reference agrees.
    spec = [(r["id"], r["name"], r["aliases"]) for r in records]
    assert [(text[s:e], eid) for s, e, eid, _ in reference_tag(spec, text)] == want


def test_case_sensitive_option_and_per_alias_setting() -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "iran", "name": "Iran", "label": "C"},
        {"id": "is", "name": "Islamic State", "label": "M",
         "aliases": [{"text": "IS", "case_sensitive": False}]},
        {"id": "dam", "name": "Mosul Dam", "label": "B",
         "aliases": [{"text": "Dam", "case_sensitive": True}]},
    ])
    assert found(gazetag.Tagger(g), "IRAN is a dam, Dam") == [
        ("IRAN", "iran"), ("is", "is"), ("Dam", "dam")]
    exact = gazetag.Tagger(g, case_sensitive=True)
    assert exact.case_sensitive is True
    assert found(exact, "IRAN Iran IS is") == [("Iran", "iran"), ("IS", "is")]


def test_whole_words_off_finds_substrings() -> None:
    t = gazetag.Tagger(gazetag.Gazetteer.from_records([SEED[3]]), whole_words=False)
    assert t.whole_words is False
    assert found(t, "Iranian") == [("Iran", "iran")]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("😀🇮🇶 Kadhimi", (4, 11)),
        ("e\u0301e\u0301 Kadhimi", (5, 12)),
        ("ß İ ﬁ Kadhimi", (6, 13)),
        ("İİİİ Kadhimi", (5, 12)),
        ("中文 Kadhimi", (3, 10)),
        ("مصطفى Kadhimi", (6, 13)),
        ("\U0001d400 Kadhimi", (2, 9)),
        ("Kadhimi\u0301\u0301 x", (0, 9)),
    ],
)
def test_offsets_are_str_indices_for_any_unicode(
    tagger: gazetag.Tagger, text: str, span: tuple[int, int]
) -> None:
    (m,) = tagger.tag(text)
    assert (m.start, m.end) == span
    assert text[m.start : m.end] == m.text


def test_no_match_inside_an_expanded_character() -> None:
    g = gazetag.Gazetteer.from_records([{"id": "s", "name": "s", "label": "X"},
                                        {"id": "fi", "name": "fi", "label": "X"}])
    t = gazetag.Tagger(g, whole_words=False)
    assert found(t, "ß") == []
    assert found(t, "ﬁ") == [("ﬁ", "fi")]


def test_match_fields_and_api(tagger: gazetag.Tagger) -> None:
    (m,) = tagger.tag("Rockets hit K-1.")
    assert (m.start, m.end, m.text) == (12, 15, "K-1")
    # "K1" and "K-1" fold to one key: the first alias in dictionary order is reported.
    assert (m.alias, m.entity_id, m.label, m.name) == ("K1", "k1", "BASE", "K1 Air Base")
    assert m.entities == ("k1",)
    assert repr(m) == ("Match(start=12, end=15, text='K-1', entity_id='k1', label='BASE', "
                       "alias='K1')")
    assert m.to_dict() == {"start": 12, "end": 15, "text": "K-1", "alias": "K1",
                           "entity_id": "k1", "label": "BASE", "name": "K1 Air Base",
                           "entities": ["k1"], "rule": "exact"}
    same = gazetag.Match(12, 15, "K-1", "K1", "k1", "BASE", "K1 Air Base")
    assert same == m and hash(same) == hash(m)
    assert m != gazetag.Match(12, 16, "K-1", "K1", "k1", "BASE", "K1 Air Base")
    assert m != "K-1"
    assert len({m, same}) == 1
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


def test_a_match_made_by_hand_has_its_fields_checked_by_name() -> None:
    ok = ("K-1", "K1", "k1", "BASE", "K1 Air Base")
    made = gazetag.Match(0, 3, *ok, entities=["k1", "k2"])  # any iterable of ids
    assert made.entities == ("k1", "k2")
    assert gazetag.Match(0, 3, "x", "x", "", "UNKNOWN", "x", entities=()).entities == ()
    np = pytest.importorskip("numpy")
    assert gazetag.Match(np.int64(0), np.int64(3), *ok) == gazetag.Match(0, 3, *ok)
    assert pickle.loads(pickle.dumps(made)) == made
    bad: list[tuple[tuple[object, ...], dict[str, object], type[Exception], str]] = [
        ((0, 3, b"K-1", *ok[1:]), {}, gazetag.InputTypeError, "Match text must be a str"),
        ((0, 3, *ok[:2], None, *ok[3:]), {}, gazetag.InputTypeError, "Match entity_id must be"),
        ((0, 3, *ok), {"entities": "k1"}, gazetag.InputTypeError, "not one str"),
        ((0, 3, *ok), {"entities": [5]}, gazetag.InputTypeError, r"entities\[0\] must be a str"),
        ((-1, 3, *ok), {}, gazetag.InputError, "Match start must be 0 or more, not -1"),
        ((0, 3.0, *ok), {}, gazetag.InputTypeError, "Match end must be an int, not float"),
        ((True, 3, *ok), {}, gazetag.InputTypeError, "Match start must be an int, not bool"),
        ((5, 2, *ok), {}, gazetag.InputError, "start must not be past its end, not 5 > 2"),
        ((0, 3, *ok), {"rule": "r\ud800"}, gazetag.InputError, "Match rule contains a lone"),
    ]
    for args, kwargs, error, message in bad:
        with pytest.raises(error, match=message):
            gazetag.Match(*args, **kwargs)  # type: ignore[arg-type]


def test_alias_reports_the_dictionary_form(tagger: gazetag.Tagger) -> None:
    assert [m.alias for m in tagger.tag("K 1, Kata’ib Hezbollah")] == ["K1", "Kata'ib Hezbollah"]


def test_tagger_properties_and_repr(tagger: gazetag.Tagger) -> None:
    assert tagger.overlapping is False and tagger.whole_words is True
    assert tagger.pattern_count > 0
    assert tagger.gazetteer == gazetag.Gazetteer.from_records(SEED)
    assert repr(tagger).startswith(f"Tagger({len(SEED)} entities, ")


def test_empty_inputs() -> None:
    empty = gazetag.Tagger(gazetag.Gazetteer())
    assert empty.tag("anything") == []
    assert empty.tag("") == []
    assert empty.tag_batch([]) == []


def test_layer_names_are_one_list() -> None:
    import typing

    import gazetag._gazetag as native
    import gazetag.cli
    import gazetag.spacy

    assert native.LAYERS == ("none", "default", "aggressive")
    assert typing.get_args(gazetag.spacy.Layer) == native.LAYERS
    assert gazetag.cli.LAYERS is native.LAYERS
    stub = (Path(native.__file__).parent / "_gazetag.pyi").read_text(encoding="utf-8")
    assert f"_Layer: TypeAlias = Literal[{', '.join(map(repr, native.LAYERS))}]".replace(
        "'", '"') in stub
    for layer in native.LAYERS:
        assert gazetag.Tagger(gazetag.Gazetteer(), variants=layer).variants == layer


def test_the_strings_of_matches_are_made_once_per_tagger(tagger: gazetag.Tagger) -> None:
    """A match shares its entity's strings and its rule with every other match of them (issue
    13: a match costs its object and its text, not a string per field)."""
    (a,), (b,) = tagger.tag("KH said so."), tagger.tag("Then KH left.")
    assert (a.entity_id, a.rule) == ("kh", "exact")
    for field in ("entity_id", "label", "name", "alias", "rule", "entities"):
        assert getattr(a, field) is getattr(b, field), field
    (c,) = tagger.tag_batch(["Later KH came."], threads=1)[0]
    assert c.rule is a.rule and c.name is a.name


def test_matches_are_left_to_reference_counting() -> None:
    """A Match made by tagging holds only str objects and a tuple of them, so it can be in no
    reference cycle: it is not tracked by the cyclic garbage collector (whose collections
    walked a batch's tens of thousands of matches, issue 13), and is freed when dropped."""
    tagger = gazetag.Tagger.default()
    text = "Kataib Hizballah fired on Ain al-Assad; KH denied it. " * 40
    ms = tagger.tag(text)
    assert len(ms) == 120 and not any(gc.is_tracked(m) for m in ms)
    assert gc.is_tracked(ms)  # the list is an ordinary one
    batch = tagger.tag_batch([text] * 3, threads=2)
    assert batch == [ms] * 3 and not any(gc.is_tracked(m) for b in batch for m in b)
    assert ms[0] == pickle.loads(pickle.dumps(ms[0]))
    # Freed by their reference counts alone: with the collector off, memory comes back.

    def left_after_five_batches() -> int:
        gc.collect()
        gc.disable()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(5):
                batch = tagger.tag_batch([text] * 100)
                assert sum(map(len, batch)) == 12_000
                del batch
            return int(tracemalloc.get_traced_memory()[0] - before)
        finally:
            tracemalloc.stop()
            gc.enable()

    # Other threads (a Dask cluster left by another test) only add: the least of three is it.
    left = min(left_after_five_batches() for _ in range(3))
    assert left < 200_000, left  # one batch's 12,000 matches kept would be over 1.5 MB


def test_a_text_written_as_its_alias_is_the_alias_str() -> None:
    """Most mentions are written as their alias: their Match shares the alias's str rather
    than holding a copy (a third of a held Match's memory, issue 13)."""
    g = gazetag.Gazetteer()
    g.add("asad", "Ain al-Asad", "BASE")
    ms = gazetag.Tagger(g, variants="none").tag("Ain al-Asad, then Ain al Asad.")
    assert [(m.text, m.alias) for m in ms] == [
        ("Ain al-Asad", "Ain al-Asad"),
        ("Ain al Asad", "Ain al-Asad"),
    ]
    assert ms[0].text is ms[0].alias and ms[1].text is not ms[1].alias
