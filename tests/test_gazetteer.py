"""Gazetteer and Entity: building, reading, writing and the errors for bad dictionary data."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import gazetag
import pytest
from gazetag import GazetteerError, InputError, InputTypeError

KH = {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA",
      "aliases": ["KH", {"text": "Kataib Hezbollah", "case_sensitive": None},
                  {"text": "Kh", "case_sensitive": True}],
      "meta": {"country": "IQ", "years": [2003, None], "score": 0.5, "nested": {"a": True}}}


def test_add_and_lookup() -> None:
    g = gazetag.Gazetteer()
    g.add("k1", "K1 Air Base", "BASE", aliases=("K-1", "K1"), meta={"country": "IQ"})
    g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=iter(["PMF"]))
    assert len(g) == 2
    assert "k1" in g and "nope" not in g and 5 not in g
    e = g["k1"]
    assert (e.id, e.name, e.label) == ("k1", "K1 Air Base", "BASE")
    assert e.aliases == ("K1 Air Base", "K-1", "K1")
    assert e.meta == {"country": "IQ"}
    assert [x.id for x in g] == ["k1", "pmf"]
    with pytest.raises(KeyError):
        g["nope"]


def test_name_is_always_first_alias_and_repeats_merge() -> None:
    e = gazetag.Entity("x", "Name", "L", aliases=["Alias", "Name", "Alias"])
    assert e.aliases == ("Name", "Alias")


def test_acronym_rule_and_overrides() -> None:
    e = gazetag.Entity("is", "Islamic State", "MILITIA",
                       aliases=["IS", "ISIS", "ISWAPS", {"text": "Daesh", "case_sensitive": True},
                                {"text": "PMF", "case_sensitive": False}])
    assert [e.case_sensitive(a) for a in e.aliases] == [False, True, True, False, True, False]
    with pytest.raises(KeyError):
        e.case_sensitive("nope")


def test_meta_is_returned_as_given_and_is_a_copy() -> None:
    g = gazetag.Gazetteer.from_records([KH])
    meta = g["kh"].meta
    assert meta == {"country": "IQ", "years": [2003, None], "score": 0.5, "nested": {"a": True}}
    meta["country"] = "changed"
    assert g["kh"].meta["country"] == "IQ"
    assert list(meta) == ["country", "years", "score", "nested"]  # key order kept


def test_records_round_trip() -> None:
    g = gazetag.Gazetteer.from_records([KH])
    records = g.to_records()
    kh = {"text": "Kh", "case_sensitive": True}
    assert records[0]["aliases"] == ["KH", "Kataib Hezbollah", kh]
    assert gazetag.Gazetteer.from_records(records) == g
    assert gazetag.Gazetteer.from_records(r for r in records) == g
    assert g["kh"].to_dict() == records[0]


def test_jsonl_round_trip(tmp_path: Path) -> None:
    g = gazetag.Gazetteer.from_records([KH, {"id": "pmf", "name": "PMF", "label": "MILITIA"}])
    path = tmp_path / "dict.jsonl"
    g.to_jsonl(path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert gazetag.Gazetteer.from_jsonl(path) == g
    assert gazetag.Gazetteer.from_jsonl(str(path)) == g


def test_jsonl_skips_blank_and_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("# entities\n\n" + json.dumps(KH) + "\n   \n", encoding="utf-8")
    assert list(gazetag.Gazetteer.from_jsonl(path)) == [gazetag.Entity(**KH)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "name": "A", "label": "L"}\n{"id": "a", "name": "B", "label": "L"}\n',
         'd.jsonl:2: duplicate entity id "a"'),
        ('{"id": "a", "name": "A"}\n', 'd.jsonl:1 (entity "a"): missing field "label"'),
        ("not json\n", "d.jsonl:1: not valid JSON"),
        ('{"id": "a", "name": "A", "label": "L", "aliases": ["-"]}\n', 'alias "-" has nothing'),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gazetag.Gazetteer.from_jsonl(path)


def test_jsonl_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"id": "\xff"}\n')
    with pytest.raises(GazetteerError, match="not UTF-8"):
        gazetag.Gazetteer.from_jsonl(path)
    with pytest.raises(FileNotFoundError):
        gazetag.Gazetteer.from_jsonl(tmp_path / "missing.jsonl")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"name": "A", "label": "L"}, 'record 0: missing field "id"'),
        ({"id": 5, "name": "A", "label": "L"}, 'field "id" must be a string, not a number'),
        ({"id": "a", "name": None, "label": "L"}, '"name" must be a string, not null'),
        ({"id": "a", "name": "A", "label": "L", "aliases": "KH"}, "must be a list of strings"),
        ({"id": "a", "name": "A", "label": "L", "aliases": [""]}, 'alias "" has nothing'),
        ({"id": "a", "name": "A", "label": "L", "aliases": [" - "]}, "has nothing to match"),
        ({"id": "a", "name": "A", "label": "L", "aliases": [1]}, r"aliases\[0\]"),
        ({"id": "a", "name": "A", "label": "L", "meta": [1]}, '"meta" must be an object'),
        ({"id": "a", "name": "A", "label": "L", "meta": {"t": object()}}, "not JSON-like"),
        ({"id": "a", "name": "A", "label": "L", "meta": {"f": float("nan")}}, "JSON cannot"),
        ({"id": "a", "name": "A", "label": "L", "meta": {"n": 2**70}}, "too large"),
        ({"id": "a", "name": "A", "label": "L", "meta": {1: "x"}}, "keys must be str"),
        ({"id": "a", "name": "A", "label": "L", "colour": "red"}, 'unknown field "colour"'),
        ({"id": "", "name": "A", "label": "L"}, "non-empty"),
        ({"id": "a", "name": "A", "label": " "}, "label must be"),
        ({"id": "a", "name": "A", "label": "L", "aliases": [{"case_sensitive": True}]},
         'missing "text"'),
        ({"id": "a", "name": "A", "label": "L", "aliases": [{"text": "x", "case_sensitive": 1}]},
         "true, false or null"),
    ],
)
def test_bad_records_raise_gazetteer_error(record: dict[str, object], message: str) -> None:
    with pytest.raises(GazetteerError, match=message) as info:
        gazetag.Gazetteer.from_records([record])
    assert isinstance(info.value, ValueError)


def test_bad_records_name_the_record_and_entity() -> None:
    ok = {"id": "ok", "name": "Ok", "label": "L"}
    with pytest.raises(GazetteerError, match=r'record 1 \(entity "b"\): missing field "label"'):
        gazetag.Gazetteer.from_records([ok, {"id": "b", "name": "B"}])
    with pytest.raises(GazetteerError, match="record 1: a record must be a dict, not list"):
        gazetag.Gazetteer.from_records([ok, ["b"]])
    with pytest.raises(GazetteerError, match='record 1: duplicate entity id "ok"'):
        gazetag.Gazetteer.from_records([ok, ok])


def test_self_referencing_meta_is_an_error_not_a_crash() -> None:
    loop: dict[str, object] = {}
    loop["me"] = loop
    with pytest.raises(GazetteerError, match="nested too deep"):
        gazetag.Gazetteer().add("a", "A", "L", meta=loop)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": 1}, "id must be a str, not int"),
        ({"name": b"A"}, "name must be a str, not bytes"),
        ({"label": None}, "label must be a str, not NoneType"),
        ({"aliases": "KH"}, "not a single str"),
        ({"aliases": 5}, "iterable of str, not int"),
        ({"aliases": [5]}, r"aliases\[0\] must be a str or a dict, not int"),
        ({"meta": ["x"]}, "meta must be a dict or None, not list"),
    ],
)
def test_add_wrong_types_raise_input_type_error(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"id": "a", "name": "A", "label": "L", **kwargs}
    with pytest.raises(InputTypeError, match=message) as info:
        gazetag.Gazetteer().add(**args)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)


def test_add_rejects_bad_data_and_keeps_the_gazetteer_unchanged() -> None:
    g = gazetag.Gazetteer()
    g.add("a", "A", "L")
    with pytest.raises(GazetteerError, match='Gazetteer.add\\(\\): duplicate entity id "a"'):
        g.add("a", "Other", "L")
    with pytest.raises(GazetteerError, match='entity "b": alias "  " has nothing to match'):
        g.add("b", "B", "L", aliases=["  "])
    assert len(g) == 1 and g["a"].name == "A"


def test_aliases_that_iterate_as_something_else_are_refused() -> None:
    # A dict iterated as its keys: the aliases "text" and "case_sensitive", and "IS" lost.
    g = gazetag.Gazetteer()
    for aliases, message in [
        ({"text": "IS", "case_sensitive": True}, "not a single dict"),
        (b"IS", "aliases must be an iterable of str, not bytes"),
    ]:
        with pytest.raises(InputTypeError, match=message):
            g.add("is", "Islamic State", "MILITIA", aliases=aliases)  # type: ignore[arg-type]
        with pytest.raises(InputTypeError, match=message):
            gazetag.Entity("is", "Islamic State", "MILITIA", aliases=aliases)  # type: ignore[arg-type]
    assert len(g) == 0
    g.add("is", "Islamic State", "MILITIA", aliases=[{"text": "IS", "case_sensitive": True}])
    assert g["is"].aliases == ("Islamic State", "IS") and g["is"].case_sensitive("IS")


def test_flags_and_alias_arguments_are_checked_by_name() -> None:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    for bad in (1, None):
        with pytest.raises(InputTypeError, match="missing_ok must be True or False"):
            g.remove("nope", missing_ok=bad)  # type: ignore[arg-type]
    g.remove("nope", missing_ok=True)
    e = g["kh"]
    with pytest.raises(InputTypeError, match="alias must be a str, not int"):
        e.case_sensitive(1)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="alias contains a lone surrogate"):
        e.case_sensitive("K\ud800")
    with pytest.raises(InputTypeError, match="suggestions must be True or False, not int"):
        gazetag.Tagger(g).annotate("KH", suggestions=1)  # type: ignore[arg-type]


def test_an_integer_past_64_bits_in_a_file_is_refused_not_rounded(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": "x", "name": "X", "label": "L", "meta": {"n": 18446744073709551617}}\n')
    with pytest.raises(GazetteerError, match="big.jsonl:1: holds the integer 18446744073709551617"):
        gazetag.Gazetteer.read(path)
    csv = tmp_path / "big.csv"
    csv.write_text('id,name,label,meta\nx,X,L,"{""n"": -123456789012345678901234567890}"\n')
    with pytest.raises(GazetteerError, match="big.csv:2: the meta cell holds the integer -1234"):
        gazetag.Gazetteer.read(csv)


def test_from_records_needs_an_iterable() -> None:
    with pytest.raises(InputTypeError, match="iterable of dicts, not int"):
        gazetag.Gazetteer.from_records(5)  # type: ignore[arg-type]
    # One record read as its keys was "record 0: a record must be a dict, not str".
    for records, what in [
        ({"id": "x", "name": "X", "label": "L"}, "not a single dict"),
        ("x.jsonl", "not a str"),
        (b"x", "not bytes"),
    ]:
        with pytest.raises(InputTypeError, match=f"records must be an iterable of dicts, {what}"):
            gazetag.Gazetteer.from_records(records)  # type: ignore[arg-type]


def test_an_iterable_that_fails_keeps_its_own_error() -> None:
    class Broken:
        def __iter__(self) -> Any:
            raise ValueError("the cursor lost its connection")

    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    t = gazetag.Tagger(g)
    for call in (t.tag_batch, t.link, gazetag.Gazetteer.from_records):
        with pytest.raises(ValueError, match="the cursor lost its connection"):
            call(Broken())  # type: ignore[operator]


def test_a_missing_key_is_named_whatever_it_is() -> None:
    g = gazetag.Gazetteer()
    for key in (None, "nope", 5, ("a",)):
        with pytest.raises(KeyError) as caught:
            g[key]  # type: ignore[index]
        assert caught.value.args == (key,)


def test_check_only_names_a_bad_id_by_type() -> None:
    report = gazetag.Gazetteer.default().check()
    with pytest.raises(InputTypeError, match="only must hold entity ids \\(str\\), not list"):
        report.only([["kh"]])  # type: ignore[list-item]


def test_bytes_like_data_loads_and_other_types_are_named() -> None:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    data = gazetag.Tagger(g).to_bytes()
    for form in (bytearray(data), memoryview(data)):
        assert [m.text for m in gazetag.Tagger.from_bytes(form).tag("KH")] == ["KH"]
    for bad in ("abc", None, 5):
        with pytest.raises(InputTypeError, match="data must be bytes .*, not "):
            gazetag.Tagger.from_bytes(bad)  # type: ignore[arg-type]


def test_option_strings_with_a_lone_surrogate_name_their_parameter() -> None:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    t = gazetag.Tagger(g)
    calls = {
        "variants": lambda: gazetag.Tagger(g, variants="\ud800"),
        "on_missing": lambda: t.tag_batch(["KH"], on_missing="\ud800"),
        "meta field": lambda: t.tag_frame(["KH"], meta=["\ud800"]),
        "meta_columns": lambda: g.to_dataframe(meta_columns=["\ud800"]),
    }
    for name, call in calls.items():
        if name in ("meta field", "meta_columns"):
            pytest.importorskip("pandas")
        with pytest.raises(InputError, match=f"{name} .*lone surrogate"):
            call()


def test_copy_equality_and_repr() -> None:
    g = gazetag.Gazetteer.from_records([KH])
    c = g.copy()
    c.add("x", "X", "L")
    assert len(g) == 1 and len(c) == 2 and g != c
    assert repr(g) == "Gazetteer(1 entities, 4 aliases)"
    e = g["kh"]
    assert repr(e) == ("Entity(id='kh', name=\"Kata'ib Hezbollah\", label='MILITIA', "
                       "aliases=(\"Kata'ib Hezbollah\", 'KH', 'Kataib Hezbollah', 'Kh'))")
    assert e == gazetag.Entity(**KH) and hash(e) == hash(gazetag.Entity(**KH))
    assert e != "kh"


@pytest.mark.parametrize(
    ("variants", "partial"), [(None, None), ("none", "licensed"), ("aggressive", "off")]
)
def test_entity_pickles_and_copies_every_field(variants: str | None, partial: str | None) -> None:
    e = gazetag.Entity(
        "k1", "K1 Air Base", "BASE",
        aliases=["K-1", {"text": "Kone", "case_sensitive": False, "ambiguous": True}],
        meta={"country": "IQ"}, variants=variants, partial=partial,  # type: ignore[arg-type]
    )
    for clone in (pickle.loads(pickle.dumps(e)), copy.copy(e), copy.deepcopy(e)):
        assert clone == e
        assert clone.variants == variants and clone.partial == partial
        assert clone.to_dict() == e.to_dict()
        assert clone.case_sensitive("Kone") is False


# ---------------------------------------------------------------------------------------------
# Bounds on dictionary data (issue 15): alias length, meta depth, hidden characters, and
# entities with very many aliases
# ---------------------------------------------------------------------------------------------


def nested(levels: int) -> dict[str, object]:
    """A meta dict nesting `levels` dicts, itself the first."""
    meta: dict[str, object] = {"leaf": 1}
    for _ in range(levels - 1):
        meta = {"k": meta}
    return meta


def entity_ways(tmp_path: Path, meta: object = None, alias: str = "A") -> list[object]:
    """Each way an entity gets into a gazetteer, as a callable."""
    record = {"id": "x", "name": "X", "label": "L", "aliases": [alias], "meta": meta or {}}
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    csv = tmp_path / "d.csv"
    cells = [json.dumps([alias]), json.dumps(meta or {})]
    csv.write_text("id,name,label,aliases,meta\nx,X,L," + ",".join(
        '"' + c.replace('"', '""') + '"' for c in cells) + "\n", encoding="utf-8")
    return [
        lambda: gazetag.Gazetteer().add("x", "X", "L", aliases=[alias], meta=meta),
        lambda: gazetag.Entity("x", "X", "L", aliases=[alias], meta=meta),
        lambda: gazetag.Gazetteer.from_records([record]),
        lambda: gazetag.Gazetteer.read(jsonl),
        lambda: gazetag.Gazetteer.read(csv),
    ]


def test_an_alias_has_at_most_1000_characters(tmp_path: Path) -> None:
    for way in entity_ways(tmp_path, alias="a" * 1000):
        way()
    # The stray-quote alias: 113k characters.
    for way in entity_ways(tmp_path, alias="X b,Beta,X c,Gamma,X " * 5400):
        with pytest.raises(GazetteerError) as info:
            way()
        message = str(info.value)
        assert 'entity "x": alias "X b,Beta,X c,Gamma,X X b,Beta,X c,Gamma,"... (' in message
        assert "has 113400 characters; an alias may have at most 1000" in message
        assert len(message) < 400


def test_meta_nests_at_most_64_levels_whichever_way_it_comes_in(tmp_path: Path) -> None:
    for way in entity_ways(tmp_path, meta=nested(64)):
        way()
    for levels in [65, 125]:
        for way in entity_ways(tmp_path, meta=nested(levels)):
            with pytest.raises(GazetteerError, match="64 levels deep"):
                way()


@pytest.mark.parametrize(
    ("id", "label", "reason"),
    [
        ("a\nb", "L", 'id "a\\nb" holds a line break (U+000A) at character 2'),
        ("\ufeffa", "L", "holds a byte order mark (U+FEFF) at character 1"),
        ("a\x00", "L", "holds a NUL character (U+0000)"),
        ("a\u2060", "L", "holds an invisible character (U+2060)"),
        ("a", "L\r\n", 'label "L\\r\\n" holds a line break (U+000D)'),
        ("a", "\u200bL", "holds an invisible character (U+200B)"),
    ],
)
def test_ids_and_labels_are_visible_characters_on_one_line(
    id: str, label: str, reason: str
) -> None:
    with pytest.raises(GazetteerError) as info:
        gazetag.Gazetteer().add(id, "Name", label)
    assert reason in str(info.value)
    with pytest.raises(GazetteerError, match="a name is one line of text"):
        gazetag.Gazetteer().add("a", "Alpha\nBeta", "L")


def test_many_aliases_of_one_entity_are_merged(tmp_path: Path) -> None:
    # Issue 15.4: 200k aliases of one entity, each twice, added and read from one JSONL line.
    n = 200_000
    aliases = [f"alias {i}" for i in range(n)]
    g = gazetag.Gazetteer()
    g.add("x", "X", "L", aliases=aliases + aliases[::-1])
    assert g["x"].aliases == ("X", *aliases)
    path = tmp_path / "one.jsonl"
    record = {"id": "x", "name": "X", "label": "L", "aliases": aliases + aliases[::-1]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert gazetag.Gazetteer.read(path) == g
