"""Pickling, save/load and the rejection of foreign, truncated, corrupt and newer files."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import gazetag
import pytest
from gazetag import FormatError

TEXT = "Kata’ib Hezbollah (KH) fired at K-1; Sadr and al-Kadhimi spoke. kh is not KH."
RECORDS = [
    {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH"],
     "meta": {"country": "IQ", "active": [2003, None]}},
    {"id": "k1", "name": "K1 Air Base", "label": "BASE",
     "aliases": [{"text": "K-1", "case_sensitive": False}]},
    {"id": "sadr", "name": "Muqtada al-Sadr", "label": "PERSON", "aliases": ["Sadr"]},
    {"id": "sadr-city", "name": "Sadr City", "label": "PLACE", "aliases": ["Sadr"]},
    {"id": "kadhimi", "name": "Mustafa al-Kadhimi", "label": "PERSON", "aliases": ["al-Kadhimi"]},
]


def make(**options: bool) -> gazetag.Tagger:
    return gazetag.Tagger(gazetag.Gazetteer.from_records(RECORDS), **options)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("options", [{}, {"overlapping": True, "case_sensitive": True,
                                          "whole_words": False}])
def test_tagger_pickles(protocol: int, options: dict[str, bool]) -> None:
    t = make(**options)
    back = pickle.loads(pickle.dumps(t, protocol=protocol))
    assert back.tag(TEXT) == t.tag(TEXT) != []
    assert (back.overlapping, back.case_sensitive, back.whole_words) == (
        t.overlapping, t.case_sensitive, t.whole_words)
    assert back.gazetteer == t.gazetteer


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_gazetteer_entity_and_match_pickle(protocol: int) -> None:
    g = gazetag.Gazetteer.from_records(RECORDS)
    assert pickle.loads(pickle.dumps(g, protocol=protocol)) == g
    e = g["kh"]
    assert pickle.loads(pickle.dumps(e, protocol=protocol)) == e
    matches = make().tag(TEXT)
    assert pickle.loads(pickle.dumps(matches, protocol=protocol)) == matches


def _tag_in_worker(args: tuple[gazetag.Tagger, str]) -> list[gazetag.Match]:
    tagger, text = args
    return tagger.tag(text)


def test_tagger_ships_to_worker_processes() -> None:
    t = make()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.map(_tag_in_worker, [(t, TEXT), (t, TEXT.upper())])
    assert results == [t.tag(TEXT), t.tag(TEXT.upper())]


def test_save_and_load(tmp_path: Path) -> None:
    t = make(overlapping=True)
    path = tmp_path / "tagger.gzt"
    t.save(path)
    back = gazetag.Tagger.load(path)
    assert back.tag(TEXT) == t.tag(TEXT)
    assert back.overlapping is True
    assert gazetag.Tagger.load(str(path)).tag(TEXT) == t.tag(TEXT)
    assert gazetag.Tagger.from_bytes(t.to_bytes()).tag(TEXT) == t.tag(TEXT)


def corruptions(good: bytes) -> dict[str, tuple[bytes, str]]:
    newer = bytearray(good)
    newer[8] = 2
    flipped = bytearray(good)
    flipped[-5] ^= 0x01
    return {
        "foreign": (b"\x89PNG\r\n\x1a\n" + good[8:], "not a gazetag file"),
        "empty": (b"", "not a gazetag file"),
        "header cut": (good[:12], "header is incomplete"),
        "payload cut": (good[:-10], "truncated"),
        "newer format": (bytes(newer), "format 2 is not supported"),
        "flipped bit": (bytes(flipped), "checksum mismatch"),
        "extra bytes": (good + b"\n", "extra bytes"),
    }


@pytest.mark.parametrize("case", list(corruptions(b"x" * 40)))
def test_bad_files_raise_format_error(tmp_path: Path, case: str) -> None:
    data, message = corruptions(make().to_bytes())[case]
    path = tmp_path / "bad.gzt"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message) as info:
        gazetag.Tagger.load(path)
    assert isinstance(info.value, ValueError)
    with pytest.raises(FormatError, match=message):
        gazetag.Tagger.from_bytes(data)


def test_every_truncation_is_rejected() -> None:
    good = make().to_bytes()
    for n in range(len(good)):
        with pytest.raises(FormatError):
            gazetag.Tagger.from_bytes(good[:n])


def test_gazetteer_bytes_are_not_a_tagger() -> None:
    g = gazetag.Gazetteer.from_records(RECORDS)
    _, (data,) = g.__reduce__()
    with pytest.raises(FormatError, match="holds a gazetteer, not a tagger"):
        gazetag.Tagger.from_bytes(data)


def test_tampered_pickle_is_rejected() -> None:
    blob = pickle.dumps(make())
    bad = blob.replace(b"GAZETAG\x00", b"GAZETAX\x00")
    with pytest.raises(FormatError):
        pickle.loads(bad)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        gazetag.Tagger.load(tmp_path / "missing.gzt")


def nested(levels: int) -> dict[str, object]:
    meta: dict[str, object] = {"leaf": 1}
    for _ in range(levels - 1):
        meta = {"k": meta}
    return meta


def test_meta_at_the_limit_saves_loads_and_pickles(tmp_path: Path) -> None:
    # Issue 15.7: meta 125 levels deep was saved but did not load; now what is added loads.
    with pytest.raises(gazetag.GazetteerError, match="64 levels deep"):
        gazetag.Gazetteer().add("x", "X", "L", meta=nested(125))
    g = gazetag.Gazetteer()
    g.add("x", "X", "L", meta=nested(64))
    t = gazetag.Tagger(g)
    t.save(tmp_path / "t.gazetag")
    assert gazetag.Tagger.load(tmp_path / "t.gazetag").gazetteer == g
    assert gazetag.Tagger.from_bytes(t.to_bytes()).gazetteer == g
    assert pickle.loads(pickle.dumps(t)).gazetteer == g
    assert pickle.loads(pickle.dumps(g)) == g
    assert pickle.loads(pickle.dumps(g["x"])) == g["x"]


def test_a_tagger_of_an_entity_with_many_aliases_loads() -> None:
    # Issue 15.4: a saved tagger whose one entity has 50k aliases.
    g = gazetag.Gazetteer()
    g.add("x", "X", "L", aliases=[f"alias {i}" for i in range(50_000)], variants="none")
    back = gazetag.Tagger.from_bytes(gazetag.Tagger(g).to_bytes())
    assert len(back.gazetteer["x"].aliases) == 50_001
