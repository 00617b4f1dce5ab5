"""Combining gazetteers: update (merge, replace, error), remove entities and aliases, taggers
built afterwards, and the embedded gazetteer extended with a user's CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import gazetag
import pytest
from gazetag import GazetteerError, InputError, InputTypeError

Conflict = Literal["merge", "replace", "error"]

MINE: list[dict[str, Any]] = [
    {
        "id": "kh",
        "name": "Kata'ib Hezbollah",
        "label": "MILITIA",
        "aliases": [
            "KH",
            {"text": "Kh", "case_sensitive": True},
            "Hezbollah Brigades",
            {"text": "Kataib", "case_sensitive": False},
        ],
        "meta": {"country": "IQ", "founded": 2003},
        "variants": "none",
    },
    {"id": "pmf", "name": "Popular Mobilization Forces", "label": "MILITIA", "aliases": ["PMF"]},
]

THEIRS: list[dict[str, Any]] = [
    {"id": "new", "name": "Saraya Awliya al-Dam", "label": "MILITIA"},
    {
        "id": "kh",
        "name": "Kataib Hezbollah",
        "label": "ARMED_GROUP",
        "aliases": [
            "Hezbollah Brigades",
            {"text": "KH", "case_sensitive": False},
            "Kataeb Hezbollah",
            "Kata'ib Hezbollah",
        ],
        "meta": {"founded": 2004, "designated": True},
    },
]


def mine() -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(MINE)


def theirs() -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(THEIRS)


def found(g: gazetag.Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in gazetag.Tagger(g).tag(text)]


def test_merge_keeps_aliases_in_order_and_lets_the_newcomer_name_and_label_win() -> None:
    g = mine()
    g.update(theirs(), on_conflict="merge")
    assert [e.id for e in g] == ["kh", "pmf", "new"]
    kh = g["kh"]
    assert (kh.name, kh.label) == ("Kataib Hezbollah", "ARMED_GROUP")
    assert kh.aliases == (
        "Kataib Hezbollah",
        "Kata'ib Hezbollah",
        "KH",
        "Kh",
        "Hezbollah Brigades",
        "Kataib",
        "Kataeb Hezbollah",
    )
    assert kh.meta == {"country": "IQ", "founded": 2004, "designated": True}
    assert list(kh.meta) == ["country", "founded", "designated"]
    # Case settings: kept where the newcomer says nothing, the newcomer's where it does.
    assert kh.case_sensitive("Kh") and not kh.case_sensitive("Kataib")
    assert not kh.case_sensitive("KH")
    assert kh.variants == "none"
    assert g["pmf"] == mine()["pmf"] and g["new"] == theirs()["new"]


@pytest.mark.parametrize("on_conflict", [None, "merge"])
def test_merge_is_the_default(on_conflict: Conflict | None) -> None:
    g, expected = mine(), mine()
    g.update(theirs(), on_conflict=on_conflict)
    expected.update(theirs(), on_conflict="merge")
    assert g == expected
    g = mine()
    g.update(theirs())
    assert g == expected


def test_merge_keeps_alias_case_settings_that_the_newcomer_repeats_without_one() -> None:
    g = gazetag.Gazetteer.from_records(
        [
            {
                "id": "a",
                "name": "Alpha",
                "label": "L",
                "aliases": [{"text": "AL", "case_sensitive": False}],
            }
        ]
    )
    g.update(
        gazetag.Gazetteer.from_records(
            [{"id": "a", "name": "Alpha", "label": "L", "aliases": ["AL"]}]
        )
    )
    assert g["a"].aliases == ("Alpha", "AL")
    assert not g["a"].case_sensitive("AL")
    assert found(g, "al and AL") == [("al", "a"), ("AL", "a")]


def test_replace_takes_the_newcomer_whole() -> None:
    g = mine()
    g.update(theirs(), on_conflict="replace")
    assert [e.id for e in g] == ["kh", "pmf", "new"]
    assert g["kh"] == theirs()["kh"]
    assert g["kh"].meta == {"founded": 2004, "designated": True}
    assert g["kh"].variants is None
    assert "Kh" not in g["kh"].aliases


def test_error_mode_refuses_and_changes_nothing() -> None:
    g = mine()
    with pytest.raises(GazetteerError, match='entity id "kh" is in both gazetteers') as info:
        g.update(theirs(), on_conflict="error")
    assert isinstance(info.value, ValueError)
    assert g == mine()
    assert "new" not in g  # listed before the conflict, still not added


@pytest.mark.parametrize("on_conflict", ["merge", "replace", "error"])
def test_new_ids_are_added_in_order_whatever_the_mode(on_conflict: Conflict) -> None:
    other = gazetag.Gazetteer.from_records(
        [
            {"id": "z", "name": "Zulfiqar Brigade", "label": "MILITIA"},
            {"id": "a", "name": "Abbas Combat Division", "label": "MILITIA", "meta": {"n": 1}},
        ]
    )
    g = mine()
    g.update(other, on_conflict=on_conflict)
    assert [e.id for e in g] == ["kh", "pmf", "z", "a"]
    assert g["a"] == other["a"] and g["kh"] == mine()["kh"]
    assert other == gazetag.Gazetteer.from_records(other.to_records())  # the other is unchanged


@pytest.mark.parametrize(
    ("on_conflict", "expected"),
    [("merge", None), ("replace", None), ("error", 'entity id "kh" is in both')],
)
def test_update_with_itself(on_conflict: Conflict, expected: str | None) -> None:
    g = mine()
    if expected is None:
        g.update(g, on_conflict=on_conflict)
    else:
        with pytest.raises(GazetteerError, match=expected):
            g.update(g, on_conflict=on_conflict)
    assert g == mine()


def test_update_does_not_share_state_with_the_other() -> None:
    g, other = mine(), theirs()
    g.update(other)
    other.remove("new")
    other.remove("kh", "Kataeb Hezbollah")
    assert "new" in g and "Kataeb Hezbollah" in g["kh"].aliases


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((5,), {}, InputTypeError, "update\\(\\) needs a gazetag.Gazetteer, not int"),
        (([{"id": "a"}],), {}, InputTypeError, "needs a gazetag.Gazetteer, not list"),
        ((None,), {}, InputTypeError, "needs a gazetag.Gazetteer, not NoneType"),
        ((gazetag.Gazetteer(),), {"on_conflict": 1}, InputTypeError, "on_conflict must be a str"),
        (
            (gazetag.Gazetteer(),),
            {"on_conflict": "skip"},
            InputError,
            'on_conflict must be "merge", "replace" or "error", not "skip"',
        ),
    ],
)
def test_update_argument_errors(
    args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    g = mine()
    with pytest.raises(error, match=message):
        g.update(*args, **kwargs)
    assert g == mine()


# ---------------------------------------------------------------------------------------------
# remove
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("id", "alias", "missing_ok", "error", "ids", "kh_aliases"),
    [
        ("kh", None, False, None, ["pmf"], None),
        (
            "kh",
            "KH",
            False,
            None,
            ["kh", "pmf"],
            ("Kata'ib Hezbollah", "Kh", "Hezbollah Brigades", "Kataib"),
        ),
        (
            "kh",
            "Kh",
            True,
            None,
            ["kh", "pmf"],
            ("Kata'ib Hezbollah", "KH", "Hezbollah Brigades", "Kataib"),
        ),
        ("nope", None, False, 'no entity has the id "nope"', None, None),
        ("nope", None, True, None, ["kh", "pmf"], None),
        ("nope", "KH", False, 'no entity has the id "nope"', None, None),
        ("nope", "KH", True, None, ["kh", "pmf"], None),
        ("kh", "PMF", False, 'entity "kh" has no alias "PMF"', None, None),
        ("kh", "kh", False, 'entity "kh" has no alias "kh"', None, None),
        ("kh", "PMF", True, None, ["kh", "pmf"], None),
        ("kh", "Kata'ib Hezbollah", False, "canonical name and cannot be removed", None, None),
        ("kh", "Kata'ib Hezbollah", True, "canonical name and cannot be removed", None, None),
    ],
)
def test_remove(
    id: str,
    alias: str | None,
    missing_ok: bool,
    error: str | None,
    ids: list[str] | None,
    kh_aliases: tuple[str, ...] | None,
) -> None:
    g = mine()
    if error is not None:
        with pytest.raises(GazetteerError, match=error):
            g.remove(id, alias, missing_ok=missing_ok)
        assert g == mine()
        return
    g.remove(id, alias, missing_ok=missing_ok)
    assert [e.id for e in g] == ids
    if kh_aliases is not None:
        assert g["kh"].aliases == kh_aliases
    elif "kh" in g:
        assert g["kh"] == mine()["kh"]


def test_remove_keeps_the_order_and_lookups_of_the_others() -> None:
    g = gazetag.Gazetteer.from_records(
        [{"id": x, "name": x.upper() + " Brigade", "label": "MILITIA"} for x in "abcde"]
    )
    g.remove("b")
    g.remove("d")
    assert [e.id for e in g] == ["a", "c", "e"]
    assert [g[x].name for x in "ace"] == ["A Brigade", "C Brigade", "E Brigade"]
    g.add("b", "New B", "MILITIA")
    assert [e.id for e in g] == ["a", "c", "e", "b"] and g["b"].name == "New B"


@pytest.mark.parametrize(
    ("args", "message"),
    [((5,), "id must be a str, not int"), (("kh", 5), "alias must be a str, not int")],
)
def test_remove_type_errors(args: tuple[Any, ...], message: str) -> None:
    g = mine()
    with pytest.raises(InputTypeError, match=message):
        g.remove(*args)
    assert g == mine()


# ---------------------------------------------------------------------------------------------
# Taggers built afterwards
# ---------------------------------------------------------------------------------------------

TEXT = "Kataeb Hezbollah and Hezbollah Brigades met Saraya Awliya al-Dam and the PMF."


def test_a_tagger_built_after_update_and_remove_sees_the_changes() -> None:
    g = mine()
    before = gazetag.Tagger(g)
    assert found(g, TEXT) == [("Hezbollah Brigades", "kh"), ("PMF", "pmf")]
    g.update(theirs())
    assert found(g, TEXT) == [
        ("Kataeb Hezbollah", "kh"),
        ("Hezbollah Brigades", "kh"),
        ("Saraya Awliya al-Dam", "new"),
        ("PMF", "pmf"),
    ]
    g.remove("kh", "Hezbollah Brigades")
    g.remove("pmf")
    assert found(g, TEXT) == [("Kataeb Hezbollah", "kh"), ("Saraya Awliya al-Dam", "new")]
    # A tagger is compiled: the one built before sees none of it.
    assert [(m.text, m.entity_id) for m in before.tag(TEXT)] == [
        ("Hezbollah Brigades", "kh"),
        ("PMF", "pmf"),
    ]


def test_the_default_gazetteer_extended_with_a_user_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,name,label,aliases,meta\n"
        "kataib-hezbollah,Kata'ib Hezbollah,MILITIA,Liwa Hashim al-Jadid,"
        '"{""description"": ""My note"", ""source"": ""field team""}"\n'
        "my-group,Liwa Nasr al-Mustaqbal,MILITIA,LNM|Nasr al-Mustaqbal,\n",
        encoding="utf-8",
    )
    default = gazetag.Gazetteer.default()
    g = gazetag.Gazetteer.default()
    g.update(gazetag.Gazetteer.read(path))
    assert len(g) == len(default) + 1
    assert [e.id for e in g][:-1] == [e.id for e in default] and g["my-group"].label == "MILITIA"
    kh, old = g["kataib-hezbollah"], default["kataib-hezbollah"]
    assert kh.aliases == (*old.aliases, "Liwa Hashim al-Jadid")
    assert kh.meta == {**old.meta, "description": "My note", "source": "field team"}
    text = "Liwa Hashim al-Jadid, KH and Nasr al-Mustaqbal (LNM) were named."
    assert found(g, text) == [
        ("Liwa Hashim al-Jadid", "kataib-hezbollah"),
        ("KH", "kataib-hezbollah"),
        ("Nasr al-Mustaqbal", "my-group"),
        ("LNM", "my-group"),
    ]
    # Alone, the embedded gazetteer's KH is ambiguous and nothing licenses it here.
    assert [m.text for m in gazetag.Tagger.default().tag(text)] == []
    assert gazetag.Gazetteer.default() == default  # the embedded data is untouched

    replaced = gazetag.Gazetteer.default()
    replaced.update(gazetag.Gazetteer.read(path), on_conflict="replace")
    assert replaced["kataib-hezbollah"].aliases == (
        "Kata'ib Hezbollah",
        "Liwa Hashim al-Jadid",
    )
    assert found(replaced, text) == [
        ("Liwa Hashim al-Jadid", "kataib-hezbollah"),
        ("Nasr al-Mustaqbal", "my-group"),
        ("LNM", "my-group"),
    ]
    with pytest.raises(GazetteerError, match='"kataib-hezbollah" is in both'):
        gazetag.Gazetteer.default().update(gazetag.Gazetteer.read(path), on_conflict="error")
