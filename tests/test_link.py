"""Linking names without text (issue 14.6): `Tagger.link`, `Tagger.link_frame` and
`Gazetteer.search`."""

from __future__ import annotations

import pickle
from typing import Any

import gazetag
import pytest
from gazetag import InputError, InputTypeError, Link


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH", "Hezbollah Brigades"])
    g.add("soleimani", "Qasem Soleimani", "PERSON")
    g.add("isi", "Islamic State of Iraq", "MILITANT", aliases=[{"text": "ISI", "ambiguous": True}])
    g.add("badr", "Badr Organization", "MILITIA", aliases=["Badr"])
    g.add("badr-corps", "Badr Corps", "MILITIA", aliases=["Badr"])
    return gazetag.Tagger(g)


@pytest.mark.parametrize(
    ("name", "status", "entity_id", "candidates", "rule"),
    [
        ("Kata'ib Hezbollah", "linked", "kh", ("kh",), "exact"),
        ("KATAIB HEZBOLLAH", "linked", "kh", ("kh",), "exact"),
        (" Kataib Hezbollah. ", "linked", "kh", ("kh",), "exact"),
        ("(KH)", "linked", "kh", ("kh",), "exact"),
        ("Qassem Suleimani", "linked", "soleimani", ("soleimani",), None),
        ("Badr", "ambiguous", "badr", ("badr", "badr-corps"), "exact"),
        ("ISI", "rejected", None, ("isi",), "licensed"),
        ("General Qasem Soleimani", "partial", None, ("soleimani",), "exact"),
        ("KH and Badr", "partial", None, ("kh", "badr"), "exact"),
        ("kh", "unknown", None, (), None),  # an acronym keeps its case, as in text
        ("Nobody at all", "unknown", None, (), None),
        ("", "unknown", None, (), None),
    ],
)
def test_names_link_under_the_taggers_rules(
    tagger: gazetag.Tagger,
    name: str,
    status: str,
    entity_id: str | None,
    candidates: tuple[str, ...],
    rule: str | None,
) -> None:
    (link,) = tagger.link([name])
    assert (link.name, link.status, link.entity_id, link.candidates) == (
        name,
        status,
        entity_id,
        candidates,
    )
    if rule is not None:
        assert link.rule == rule
    if entity_id is not None:
        assert link.label == "MILITIA" or link.label == "PERSON"
        assert link.entity_name == tagger.gazetteer[entity_id].name


def test_a_variant_names_its_rules_and_alias(tagger: gazetag.Tagger) -> None:
    (link,) = tagger.link(["Qassem Suleimani"])
    assert link.alias == "Qasem Soleimani"
    assert link.rule not in (None, "exact")
    # The same rules as in text: with variants="none" the spelling is not Soleimani's.
    strict = gazetag.Tagger(tagger.gazetteer, variants="none")
    assert strict.link(["Qassem Suleimani"])[0].status == "unknown"
    assert strict.link(["Qasem Soleimani"])[0].status == "linked"


def test_the_context_rule_is_named(tagger: gazetag.Tagger) -> None:
    (link,) = tagger.link(["ISI"])
    assert link.rejected == "licence" and link.entity_id is None and link.alias == "ISI"
    # Without licensing the tagger matches it everywhere, and so links it.
    loose = gazetag.Tagger(tagger.gazetteer, licensing=False)
    assert loose.link(["ISI"])[0].entity_id == "isi"


def test_missing_values_and_repeats(tagger: gazetag.Tagger) -> None:
    links = tagger.link(["KH", None, float("nan"), "KH"])
    assert [link.status for link in links] == ["linked", "missing", "missing", "linked"]
    assert links[1] == Link(None, "missing", None, None, None, None, None, (), None)
    assert links[0] == links[3]
    assert pickle.loads(pickle.dumps(links[0])) == links[0]
    assert tagger.link([]) == []
    assert tagger.link(iter(["KH"]))[0].entity_id == "kh"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("Kata'ib Hezbollah", "names must be an iterable of str, not one str"),
        (5, "names must be an iterable of str"),
        (["KH", 5], r"names\[1\] must be a str, not int"),
        (b"KH", "names must be an iterable of str, not bytes"),
        (bytearray(b"KH"), "names must be an iterable of str, not bytearray"),
    ],
)
def test_bad_names(tagger: gazetag.Tagger, names: Any, message: str) -> None:
    with pytest.raises(InputTypeError, match=message):
        tagger.link(names)


def test_a_dataframe_is_refused_not_read_as_its_column_names(tagger: gazetag.Tagger) -> None:
    # Iterating over a DataFrame gives its column names: link_frame made one row, "name".
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"name": ["KH", "Kata'ib Hezbollah"]})
    refused = r"names is a pandas DataFrame \(columns: \"name\"\)"
    for method in (tagger.link, tagger.link_frame):
        with pytest.raises(InputTypeError, match=refused):
            method(df)
    assert [link.entity_id for link in tagger.link(df["name"])] == ["kh", "kh"]


def test_the_default_tagger_links_a_column_of_commanders() -> None:
    names = [
        "Abu Mahdi al-Muhandis",
        "Qais al-Khazali",
        "Hadi al-Amiri",
        "Qassem Soleimani",
        "Abu Fadak al-Mohammadawi",
    ]
    links = gazetag.Tagger.default().link(names)
    assert all(link.status == "linked" for link in links), links
    assert [link.label for link in links] == ["PERSON"] * len(names)


def test_link_frame_keeps_the_index(tagger: gazetag.Tagger) -> None:
    pd = pytest.importorskip("pandas")
    names = pd.Series(["KH", None, "Badr", "Somebody"], index=[10, 11, 12, 13])
    df = tagger.link_frame(names)
    assert list(df.columns) == [
        "name",
        "status",
        "entity_id",
        "label",
        "entity_name",
        "alias",
        "rule",
        "candidates",
        "rejected",
    ]
    assert list(df.index) == [10, 11, 12, 13]
    assert list(df["status"]) == ["linked", "missing", "ambiguous", "unknown"]
    assert df.loc[12, "candidates"] == ["badr", "badr-corps"]
    assert df.loc[11, "entity_id"] is None
    assert len(tagger.link_frame([])) == 0
    assert list(tagger.link_frame(["KH"]).index) == [0]


# ---------------------------------------------------------------------------------------------
# Gazetteer.search
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("Qassem Suleimani", ["qasem-soleimani"]),
        ("QASEM SOLEIMANI", ["qasem-soleimani"]),
        ("Kataib Hizballah", ["kataib-hezbollah"]),
    ],
)
def test_search_finds_embedded_entities_by_any_spelling(query: str, ids: list[str]) -> None:
    g = gazetag.Gazetteer.default()
    assert [e.id for e in g.search(query)][: len(ids)] == ids


def test_search_ranks_and_filters() -> None:
    g = gazetag.Gazetteer()
    g.add("hezbollah", "Hezbollah", "MILITIA")
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["Hezbollah Brigades"])
    g.add("nasrallah", "Hassan Nasrallah", "PERSON", meta={"org": "Hezbollah"})
    assert [e.id for e in g.search("hezbollah")] == ["hezbollah", "kh"]
    assert [e.id for e in g.search("Hizbollah")] == ["hezbollah", "kh"]
    assert [e.id for e in g.search("hezbollah", limit=1)] == ["hezbollah"]
    assert [e.id for e in g.search("hezbollah", limit=None)] == ["hezbollah", "kh"]
    assert [e.id for e in g.search("hezbollah", limit=2**70)] == ["hezbollah", "kh"]
    assert [e.id for e in g.search("hezbollah " * 300)] == []
    assert [e.id for e in g.search("brigades", label="MILITIA")] == ["kh"]
    assert g.search("brigades", label="PERSON") == []
    assert g.search("Baghdadi") == []
    assert isinstance(g.search("nasrallah")[0], gazetag.Entity)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"query": 5}, InputTypeError, "query must be a str"),
        ({"query": " -- "}, InputError, "has no letters or digits"),
        ({"query": "x", "limit": 0}, InputError, "limit must be at least 1"),
        ({"query": "x", "limit": True}, InputTypeError, "limit must be an int or None"),
        ({"query": "x", "label": 3}, InputTypeError, "label must be a str"),
        # A text is no query: refused before its search ran for minutes.
        ({"query": "a " * 500_000}, InputError, "query is 1000000 characters long"),
        ({"query": "x" * 4001}, InputError, "at most 4000 characters"),
        ({"query": "x", "limit": -(2**70)}, InputError, "limit must be at least 1, not -1180"),
    ],
)
def test_search_bad_arguments(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        gazetag.Gazetteer().search(**kwargs)
