"""Pickling, save/load and the rejection of foreign, truncated, corrupt and newer files."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import random
import struct
import zlib
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


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_explanations_pickle_compare_and_make_rows(protocol: int) -> None:
    t = gazetag.Tagger.default()
    text = "Kataib Hezbollah fired at Ain al-Assad, said the KH statement of Mr Said."
    explained = t.explain(text, rejected=True)
    assert any(e.rejected for e in explained) and any(e.rules for e in explained)
    back = pickle.loads(pickle.dumps(explained, protocol=protocol))
    assert back == explained
    assert [hash(e) for e in back] == [hash(e) for e in explained]
    assert [repr(e) for e in back] == [repr(e) for e in explained]
    # Each field counts: an explanation of another candidate is not equal.
    assert len(set(explained)) == len(explained) and explained[0] != explained[1]
    rows = [e.to_dict() for e in explained]
    for e, row in zip(explained, rows):
        assert row == {
            **e.match.to_dict(), "alias_key": e.alias_key, "text_key": e.text_key,
            "rules": list(e.rules), "rejected": e.rejected,
        }
        assert json.loads(json.dumps(row)) == row


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ((1, "k", "k", (), None), "Explanation match must be a Match, not int"),
        ((None, 1, "k", (), None), "Explanation alias_key must be a str, not int"),
        ((None, "k", b"k", (), None), "Explanation text_key must be a str, not bytes"),
        ((None, "k", "k", ["e-i"], None), "Explanation rules must be a tuple, not list"),
        ((None, "k", "k", (1,), None), "Explanation rules must be a tuple of str, not int"),
        ((None, "k", "k", (), 0), "Explanation rejected must be None or a str, not int"),
    ],
)
def test_a_bad_pickled_explanation_is_our_type_error(
    fields: tuple[object, ...], message: str
) -> None:
    from gazetag._gazetag import _explanation_from_fields

    m = make().tag(TEXT)[0]
    args = (m if fields[0] is None else fields[0], *fields[1:])
    with pytest.raises(gazetag.InputTypeError, match=message):
        _explanation_from_fields(*args)


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


FORMAT = 11  # the file format gazetag writes


def corruptions(good: bytes) -> dict[str, tuple[bytes, str]]:
    newer = bytearray(good)
    newer[8] = FORMAT + 1
    flipped = bytearray(good)
    flipped[-5] ^= 0x01
    return {
        "foreign": (b"\x89PNG\r\n\x1a\n" + good[8:], "not a gazetag file"),
        "empty": (b"", "not a gazetag file"),
        "header cut": (good[:12], "header is incomplete"),
        "payload cut": (good[:-10], "truncated"),
        "newer format": (bytes(newer), f"format {FORMAT + 1} is not supported"),
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


@pytest.mark.parametrize("variants", ["none", "default", "aggressive"])
def test_a_file_read_in_order_loads_what_its_bytes_load(tmp_path: Path, variants: str) -> None:
    # A saved file of the current format is read in order (through a small buffer, not into
    # one of its size): 3,000 entities, so that the automata are saved tries, with Arabic
    # names, whose first words are kept apart. The tagger loaded from the file is the one
    # loaded from its bytes and the one saved, byte for byte, and tags as it does.
    rng = random.Random(7)
    syllables = ["ka", "ta", "ib", "hiz", "bal", "lah", "sa", "dr", "mus", "ta", "fa", "rum"]
    g = gazetag.Gazetteer()
    for i in range(3000):
        name = " ".join("".join(rng.sample(syllables, 3)).title() for _ in range(2))
        g.add(f"e{i}", f"{name} {i}", rng.choice(["PERSON", "MILITIA", "BASE"]),
              aliases=[f"{name[:-2]} {i}x"])
    g.add("kadhimi-ar", "Mustafa al-Kadhimi", "PERSON",
          aliases=["\u0645\u0635\u0637\u0641\u0649 \u0627\u0644\u0643\u0627\u0638\u0645\u064a"])
    t = gazetag.Tagger(g, variants=variants, overlapping=True)
    path = tmp_path / "big.gzt"
    t.save(path)
    saved = path.read_bytes()
    assert len(saved) > 200_000
    loaded = gazetag.Tagger.load(path)
    assert loaded.to_bytes() == gazetag.Tagger.from_bytes(saved).to_bytes() == saved
    text = " ".join(e.name for e in list(g)[::97]) + " \u0645\u0635\u0637\u0641\u0649 " \
        "\u0627\u0644\u0643\u0627\u0638\u0645\u064a"
    assert loaded.tag(text) == t.tag(text)
    assert len(loaded.tag(text)) >= 30


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        gazetag.Tagger.load(tmp_path / "missing.gzt")
    assert raised.value.filename == str(tmp_path / "missing.gzt")


def test_a_path_that_is_not_utf8_loads(tmp_path: Path) -> None:
    """A file name of bytes that are not UTF-8 (as Linux allows) is opened by its bytes."""
    import os
    import sys

    if sys.platform != "linux":
        pytest.skip("a name of any bytes is Linux's")
    name = os.fsdecode(b"tagger-\xff\xfe.gzt")
    make().save(tmp_path / name)
    assert gazetag.Tagger.load(tmp_path / name).tag(TEXT) == make().tag(TEXT)
    assert gazetag.Tagger.load(str(tmp_path / name)).tag(TEXT) == make().tag(TEXT)


def test_a_first_load_imports_no_module_it_does_not_need(tmp_path: Path) -> None:
    """A worker that loads a tagger pays for no import it does not need (`pathlib` took 4-5
    ms of a first load when the path was handed to `open` as a `pathlib.Path`)."""
    import subprocess
    import sys

    path = tmp_path / "tagger.gzt"
    make().save(path)
    code = (
        "import sys, gazetag\n"
        "before = set(sys.modules)\n"
        f"gazetag.Tagger.load({str(path)!r})\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


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


# Issue 13: a saved tagger holds its compiled form (targets, strings, patterns in build order
# and, since format 3, the automata), and loading reads it back instead of building; since
# format 4 its entities are binary, as the gazetteer keeps them.

HEADER = struct.Struct("<8sHBBQI")
DATA = Path(__file__).resolve().parent / "data"


def frame(version: int, payload: bytes, kind: int = 2) -> bytes:
    """A file of this format version and kind (2 tagger, 1 gazetteer) around ``payload``,
    checksummed as save() does."""
    crc = zlib.crc32(payload)
    return HEADER.pack(b"GAZETAG\x00", version, kind, 0, len(payload), crc) + payload


def sections(data: bytes) -> tuple[bytes, ...]:
    """The parts of a tagger file's payload: JSON and compiled part (formats 2 and 3); options
    JSON, entities and compiled part (format 4)."""
    payload, at, out = data[HEADER.size :], 0, []
    for _ in range(2 if data[8] >= 4 else 1):
        (n,) = struct.unpack_from("<Q", payload, at)
        out.append(payload[at + 8 : at + 8 + n])
        at += 8 + n
    return (*out, payload[at:])


def parts(data: bytes) -> tuple[bytes, bytes]:
    """What comes before the compiled part of a tagger file (framed), and the compiled part."""
    payload = data[HEADER.size :]
    compiled = sections(data)[-1]
    return payload[: len(payload) - len(compiled)], compiled


ARTICLE = (Path(__file__).resolve().parent.parent / "examples" / "sample_article.txt").read_text()


@pytest.mark.parametrize("variants", ["none", "default", "aggressive"])
def test_a_loaded_tagger_tags_and_explains_as_the_built_one(variants: str) -> None:
    g = gazetag.Gazetteer.default()
    built = gazetag.Tagger(g, variants=variants)
    data = built.to_bytes()
    assert data[8] == FORMAT
    loaded = gazetag.Tagger.from_bytes(data)
    assert loaded.pattern_count == built.pattern_count
    assert loaded.keys_per_entity == built.keys_per_entity
    for text in (ARTICLE, ARTICLE.upper(), ARTICLE.lower()):
        assert loaded.tag(text) == built.tag(text)
        explained = [(e.alias_key, e.text_key, e.rules) for e in loaded.explain(text)]
        assert explained == [(e.alias_key, e.text_key, e.rules) for e in built.explain(text)]
    assert len(built.tag(ARTICLE)) > 40
    assert loaded.to_bytes() == data


def test_a_format_1_file_still_loads() -> None:
    # Its payload was the JSON of formats 2 and 3 alone.
    json_part, _ = sections((DATA / "tagger_format3.gzt").read_bytes())
    old = gazetag.Tagger.from_bytes(frame(1, json_part))
    assert old.tag(LONG_TEXT) == long_tagger().tag(LONG_TEXT) != []
    assert old.overlapping is True


def test_a_compiled_part_that_does_not_hold_together_is_a_format_error() -> None:
    good = make().to_bytes()
    head, compiled = parts(good)
    cases = {
        # A JSON length past the end of the payload.
        "json length": (struct.pack("<Q", 1 << 40) + head[8:] + compiled, "do not add up"),
        # The compiled part cut short, or with a byte more, checksum and all in order.
        "cut": (head + compiled[:-3], "corrupt gazetag file"),
        "longer": (head + compiled + b"\x00", "extra bytes"),
        # An unknown variant layer (the first byte).
        "layer": (head + b"\x07" + compiled[1:], "unknown variant layer"),
    }
    for payload, message in cases.values():
        with pytest.raises(FormatError, match=message):
            gazetag.Tagger.from_bytes(frame(FORMAT, payload))
    # Another id in the entities loads: ids are not in the compiled part, which names
    # entities by their place.
    renamed = head.replace(b"kadhimi", b"x-kadhm")
    assert renamed != head
    t = gazetag.Tagger.from_bytes(frame(FORMAT, renamed + compiled))
    assert [m.entity_id for m in t.tag("al-Kadhimi spoke.")] == ["x-kadhm"]
    # A changed byte anywhere in the compiled part: a format error or a tagger, never a crash.
    for i in range(0, len(compiled), 7):
        bad = bytearray(compiled)
        bad[i] ^= 0x81
        try:
            t = gazetag.Tagger.from_bytes(frame(FORMAT, head + bytes(bad)))
        except FormatError:
            continue
        t.tag(TEXT)


def test_a_tagger_keeps_its_gazetteer_when_the_gazetteer_changes() -> None:
    # The tagger shares the gazetteer's entities (no second copy) until the gazetteer changes.
    g = gazetag.Gazetteer.from_records(RECORDS)
    t = gazetag.Tagger(g)
    before = t.gazetteer
    g.add("new", "Camp Nowhere", "BASE")
    g.remove("sadr")
    assert t.gazetteer == before != g
    assert "sadr" in t.gazetteer and "new" not in t.gazetteer
    ids = [m.entity_id for m in t.tag("Sadr spoke at Camp Nowhere.")]
    assert ids and "new" not in ids


# Format 3 (issue 13): a big dictionary's automaton is saved and read back (since format 6 the
# patterns' trie, in formats 3 to 5 a double array); a name whose key is too long for the DFA
# gives a small tagger one.

LONG = "\ufdfa " * 15
LONG_RECORDS = [
    *RECORDS, {"id": "salawat", "name": "Salawat", "label": "PHRASE", "aliases": [LONG]}
]
LONG_TEXT = f"{TEXT} {LONG}."


def long_tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer.from_records(LONG_RECORDS)
    return gazetag.Tagger(g, variants="none", overlapping=True)


def automaton_span(compiled: bytes) -> tuple[int, int]:
    """Where the saved automaton of the first scanner (on the folded text) is in ``compiled``."""
    at = 1
    (n,) = struct.unpack_from("<Q", compiled, at)
    at += 8 + n
    (n,) = struct.unpack_from("<Q", compiled, at)
    at += 8 + 33 * n  # the targets' sources
    (n,) = struct.unpack_from("<Q", compiled, at)
    at += 8 + 18 * n  # their keys
    (n,) = struct.unpack_from("<Q", compiled, at)
    lengths = struct.unpack_from(f"<{2 * n}I", compiled, at + 8)[1::2]
    at += 8 + 8 * n + sum(lengths)
    (n,) = struct.unpack_from("<Q", compiled, at)
    return at + 8, at + 8 + n


@pytest.mark.parametrize("version", [2, 3, 5, 6, 7])
def test_files_of_formats_2_to_7_still_load(version: int) -> None:
    # Saved by gazetag before format 4 (entities in JSON), before format 3 (no automata:
    # loading builds them from the patterns), before format 6 (a double array, walked from
    # the starts as the trie is), before format 7 (each target whole, split on loading as
    # a build splits them) and before format 8 (a trie without tails: a slot for every byte).
    # It saves in the current format; its strings stay as the old file has them (a build now
    # keeps a key that is part of its alias's key only once).
    old = (DATA / f"tagger_format{version}.gzt").read_bytes()
    assert old[8] == version
    loaded = gazetag.Tagger.from_bytes(old)
    built = long_tagger()
    assert loaded.tag(LONG_TEXT) == built.tag(LONG_TEXT)
    assert [m.entity_id for m in loaded.tag(LONG_TEXT)].count("salawat") == 1
    assert loaded.gazetteer == built.gazetteer
    again = loaded.to_bytes()
    assert again[8] == FORMAT
    assert gazetag.Tagger.from_bytes(again).tag(LONG_TEXT) == built.tag(LONG_TEXT)
    assert len(built.to_bytes()) <= len(again)


def test_a_format_4_tagger_whose_keys_kept_a_dotless_i_is_built_again() -> None:
    # Saved by gazetag's format 4, whose folding kept the Turkish dotless i (its key is
    # 'murat karayılan'); folding now makes it an i (README rule 2), so the loaded tagger is
    # built again rather than left with a key that no folded text holds.
    old = (DATA / "tagger_format4_dotless.gzt").read_bytes()
    assert old[8] == 4
    loaded = gazetag.Tagger.from_bytes(old)
    text = "Murat Karay\u0131lan met Murat Karayilan and MURAT KARAYILAN."
    assert [m.text for m in loaded.tag(text)] == [
        "Murat Karay\u0131lan", "Murat Karayilan", "MURAT KARAYILAN"]
    assert loaded.tag(text) == gazetag.Tagger(loaded.gazetteer).tag(text)
    assert loaded.to_bytes()[8] == FORMAT


def test_a_format_9_tagger_whose_keys_kept_a_hamza_on_an_alef_is_built_again() -> None:
    # Saved by gazetag's format 9, whose folding kept the hamza of `هيأة` on its alef (its
    # keys fold `هيأة` as `هياه`, so that tagger found `هيأة النزاهة` but not `هيئة النزاهة`);
    # folding now puts it on the yeh (README rule 2), so the loaded tagger is built again.
    old = (DATA / "tagger_format9_hamza.gzt").read_bytes()
    assert old[8] == 9
    loaded = gazetag.Tagger.from_bytes(old)
    text = "أصدرت هيأة النزاهة أمرا وقالت هيئة النزاهة و هيأة الحشد الشعبي"
    assert [(m.text, m.entity_id) for m in loaded.tag(text)] == [
        ("هيأة النزاهة", "integrity"),
        ("هيئة النزاهة", "integrity"),
        ("هيأة الحشد الشعبي", "pmc"),
    ]
    assert loaded.tag(text) == gazetag.Tagger(loaded.gazetteer, variants="none").tag(text)
    again = loaded.to_bytes()
    assert again[8] == FORMAT
    assert gazetag.Tagger.from_bytes(again).tag(text) == loaded.tag(text)


@pytest.mark.parametrize("name", ["tagger_format8_marks.gzt", "tagger_format8_marks_trie.gzt.gz"])
def test_a_format_8_tagger_with_word_marks_in_its_skeleton_keys_loads_without_them(
    name: str,
) -> None:
    # Saved by gazetag's format 8 at the default layer (a small gazetteer, whose skeleton
    # scanner is a DFA, and one padded with 2,600 long names, whose scanner is a trie): its
    # skeleton patterns have a mark before each Latin word, which the text's skeleton no
    # longer has (format 9), so taken as they are they would find nothing through the
    # skeleton; the loaded tagger searches them without the marks.
    raw = (DATA / name).read_bytes()
    old = zlib.decompress(raw, wbits=31) if name.endswith(".gz") else raw
    assert old[8] == 8
    loaded = gazetag.Tagger.from_bytes(old)
    assert loaded.variants == "default"
    text = (
        "Rockets hit Ayn al-Assad airbase on Monday; Kataib Hezbollah denied it. The UN envoy "
        "spoke on the base, then at K 1. Kadhimi said an attack on K-1 was foiled."
    )
    padded = name.endswith(".gz")
    if padded:
        text += f" {loaded.gazetteer['pad-2'].name} and {loaded.gazetteer['pad-295'].name.lower()}."
    found = [(m.text, m.entity_id, m.rule) for m in loaded.tag(text)]
    assert found[:6] == [
        ("Ayn al-Assad airbase", "asad", "double+join+vowel"),
        ("Kataib Hezbollah", "kh", "exact"),
        ("UN", "un", "exact"),
        ("K 1", "k1", "exact"),
        ("Kadhimi", "kadhimi", "article+partial"),
        ("K-1", "k1", "exact"),
    ]
    assert [e for _, e, _ in found[6:]] == (["pad-2", "pad-295"] if padded else [])
    assert loaded.tag(text) == gazetag.Tagger(loaded.gazetteer, variants="default").tag(text)
    again = loaded.to_bytes()
    assert again[8] == FORMAT
    assert gazetag.Tagger.from_bytes(again).tag(text) == loaded.tag(text)


def skeleton_heads(compiled: bytes) -> tuple[int, list[int], int]:
    """Where the skeleton scanner's pattern heads are in ``compiled`` (it follows the folded
    text's automaton), the heads (target count, length, ...) and where its patterns start."""
    _, end = automaton_span(compiled)
    (n,) = struct.unpack_from("<Q", compiled, end)
    heads = list(struct.unpack_from(f"<{2 * n}I", compiled, end + 8))
    return end + 8, heads, end + 8 + 8 * n


def test_a_format_8_skeleton_pattern_of_word_marks_alone_is_a_format_error() -> None:
    # Taken out of a pattern, marks that were all of it would leave an empty pattern.
    head, compiled = parts((DATA / "tagger_format8_marks.gzt").read_bytes())
    _, heads, first = skeleton_heads(compiled)
    assert compiled[first] == 0xFA  # a Latin key's pattern: its first word's mark
    edited = bytearray(compiled)
    edited[first : first + heads[1]] = b"\xfa" * heads[1]
    with pytest.raises(FormatError, match="^corrupt gazetag file: .*word marks alone"):
        gazetag.Tagger.from_bytes(frame(8, head + bytes(edited)))


@pytest.mark.parametrize("via", ["bytes", "file"])
def test_an_empty_pattern_is_a_format_error(via: str, tmp_path: Path) -> None:
    # A build never makes one; the crate's automaton of a small tagger would find it at every
    # offset (a hit at the text's end, outside it).
    records = [
        {"id": "kh", "name": "Kataib Hizballah", "label": "ARMED_GROUP", "aliases": ["KH"]},
        {"id": "un", "name": "United Nations", "label": "ORGANIZATION", "aliases": ["UN"]},
    ]
    built = gazetag.Tagger(gazetag.Gazetteer.from_records(records), variants="default")
    head, compiled = parts(built.to_bytes())
    at, heads, first = skeleton_heads(compiled)
    length, heads[1] = heads[1], 0
    edited = bytearray(compiled)
    edited[at:first] = struct.pack(f"<{len(heads)}I", *heads)
    del edited[first : first + length]
    data = frame(FORMAT, head + bytes(edited))
    with pytest.raises(FormatError, match="^corrupt gazetag file: .*an empty pattern"):
        if via == "bytes":
            gazetag.Tagger.from_bytes(data)
        else:
            (tmp_path / "t.gzt").write_bytes(data)
            gazetag.Tagger.load(tmp_path / "t.gzt")


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_a_saved_automaton_is_read_back(protocol: int) -> None:
    built = long_tagger()
    data = built.to_bytes()
    start, end = automaton_span(parts(data)[1])
    assert end - start >= 4 + 256 * 8  # a trie: at least one block of slots
    for loaded in (gazetag.Tagger.from_bytes(data), pickle.loads(pickle.dumps(built, protocol))):
        assert loaded.tag(LONG_TEXT) == built.tag(LONG_TEXT) != []
        assert loaded.to_bytes() == data


def test_a_saved_automaton_that_does_not_hold_together_is_a_format_error() -> None:
    head, compiled = parts(long_tagger().to_bytes())
    start, end = automaton_span(compiled)

    def load(c: bytes | bytearray) -> gazetag.Tagger:
        return gazetag.Tagger.from_bytes(frame(FORMAT, head + bytes(c)))

    def edited(at: int, value: bytes) -> bytearray:
        c = bytearray(compiled)
        c[at : at + len(value)] = value
        return c

    shorter = struct.pack("<Q", end - start - 1)
    AUTOMATON = "corrupt gazetag file: the saved automaton"
    cases = {
        # A number of slots that is not whole blocks of 256.
        "slots": (edited(start, struct.pack("<I", 255)), f"^{AUTOMATON} .*not whole blocks"),
        # The automaton's length one byte short of it: what follows is read a byte early, and
        # the automaton is read (and checked) after the rest of the compiled part.
        "length": (edited(start - 8, shorter), "^corrupt gazetag file: .*runs past its end"),
        # The root (the first slot: base, then info) marked as a pattern's end.
        "root": (edited(start + 8, struct.pack("<I", 5 << 9 | 1 << 8)), f"^{AUTOMATON} .*root"),
        # The root's children out of bounds.
        "base": (
            edited(start + 4, struct.pack("<I", 1 << 30)),
            f"^{AUTOMATON} .*transition out of bounds",
        ),
        # The root's base marked as a tail (the rest of one pattern, since format 8).
        "tail": (
            edited(start + 4, struct.pack("<I", 1 << 31)),
            f"^{AUTOMATON} .*tail that ends no pattern",
        ),
    }
    for c, message in cases.values():
        with pytest.raises(FormatError, match=message):
            load(c)
    # A changed byte anywhere in it, checksum and all in order: a format error or a tagger
    # that tags, never a crash or a scan that does not end.
    for i in range(start, end, 3):
        bad = bytearray(compiled)
        bad[i] ^= 0xA5
        try:
            t = load(bad)
        except FormatError as e:
            assert "saved automaton" in str(e)
            continue
        t.tag(LONG_TEXT)


def invented_dictionary_and_texts(seed: int) -> tuple[list[dict[str, str]], list[str]]:
    """5,000 invented names (over 64 KiB of keys: a trie, saved with the tagger)
    and texts that mention them, in several cases, among words made of the same syllables."""
    rng = random.Random(seed)
    syllables = ["ka", "ta", "ib", "hez", "bol", "lah", "sa", "dr", "al", "ra", "mi", "qu", "un"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    names: set[str] = set()
    while len(names) < 5000:
        names.add(" ".join(word().capitalize() for _ in range(rng.randint(1, 3))))
    labels = ["PERSON", "MILITIA", "BASE", "PLACE"]
    listed = sorted(names)
    records = [{"id": f"e{i}", "name": n, "label": labels[i % 4]} for i, n in enumerate(listed)]
    texts = []
    for _ in range(150):
        parts = []
        for _ in range(30):
            r, name = rng.random(), rng.choice(listed)
            forms = [(0.2, name), (0.25, name.upper()), (0.3, name.lower()), (1.0, word())]
            parts.append(next(form for limit, form in forms if r < limit))
        texts.append(" ".join(parts) + ".")
    return records, texts


@pytest.mark.parametrize("variants", ["none", "default"])
def test_a_loaded_trie_finds_what_the_built_automaton_finds(variants: str) -> None:
    records, texts = invented_dictionary_and_texts(13)
    g = gazetag.Gazetteer.from_records(records)
    for overlapping in (False, True):
        built = gazetag.Tagger(g, variants=variants, overlapping=overlapping)
        data = built.to_bytes()
        if variants == "none":
            start, end = automaton_span(parts(data)[1])
            assert end - start > 4 + 256 * 8
        loaded = gazetag.Tagger.from_bytes(data)
        found = [built.tag(t) for t in texts]
        assert sum(map(len, found)) > 500
        assert [loaded.tag(t) for t in texts] == found


# Format 4 (issue 13): the entities are saved in binary, each its packed block as the gazetteer
# keeps it, and checked on the way in as a new entity is.


def with_entities(data: bytes, entities: bytes | bytearray) -> bytes:
    """A format-4 tagger file ``data`` with its entity section replaced, framed anew."""
    options, _, compiled = sections(data)
    size = struct.Struct("<Q").pack
    return frame(FORMAT, size(len(options)) + options + size(len(entities)) + entities + compiled)


def test_entities_are_saved_in_binary_and_old_gazetteers_still_load() -> None:
    t = make()
    options, entities, _ = sections(t.to_bytes())
    assert b'"options"' in options and b"entities" not in options
    assert b"Kata'ib Hezbollah" in entities and b'"aliases"' not in entities
    # A pickled gazetteer is the same binary section; one of format 3 was JSON.
    g = gazetag.Gazetteer.from_records(RECORDS)
    _, (data,) = g.__reduce__()
    assert data[8] == FORMAT and data[HEADER.size :] == entities
    assert pickle.loads(pickle.dumps(g)) == g
    json_part, _ = sections((DATA / "tagger_format3.gzt").read_bytes())
    old = gazetag._gazetag._gazetteer_from_bytes(frame(3, json_part, kind=1))
    assert old == long_tagger().gazetteer


def test_cut_changed_or_crafted_entities_are_a_format_error() -> None:
    data = make().to_bytes()
    _, entities, _ = sections(data)
    # Every cut, its length framed as if whole.
    for n in range(len(entities)):
        with pytest.raises(FormatError, match="^corrupt gazetag file: "):
            gazetag.Tagger.from_bytes(with_entities(data, entities[:n]))
    # A changed byte anywhere: a format error, or entities that could have been added (a
    # changed letter of a name) and a tagger that tags.
    for i in range(len(entities)):
        for flip in (0x01, 0x80):
            bad = bytearray(entities)
            bad[i] ^= flip
            try:
                t = gazetag.Tagger.from_bytes(with_entities(data, bad))
            except FormatError as e:
                assert str(e).startswith("corrupt gazetag file: ")
                continue
            g = gazetag.Gazetteer()
            for e in t.gazetteer:
                g.add(e.id, e.name, e.label, aliases=e.aliases[1:], meta=e.meta)
            t.tag(TEXT)
    # Counts and lengths crafted past the end: refused, nothing allocated for them.
    (n_labels,) = struct.unpack_from("<Q", entities)
    at = 8
    for _ in range(n_labels):
        at += 4 + struct.unpack_from("<I", entities, at)[0]
    cases = {
        "labels": (0, struct.pack("<Q", 1 << 62), "a count in the entities runs past its end"),
        "label": (8, struct.pack("<I", 0xFFFFFFFF), "the entities is cut short"),
        "entities": (at, struct.pack("<Q", 1 << 40), "a count in the entities runs past its end"),
        "block": (at + 8 + 6, struct.pack("<I", 0xFFFFFFFF), "the entities is cut short"),
        "aliases": (at + 8 + 10, struct.pack("<I", 0xFFFFFFFF), "lengths run past its end"),
        "label index": (at + 8, struct.pack("<I", 99), "label is not in the list"),
    }
    for where, value, message in cases.values():
        bad = bytearray(entities)
        bad[where : where + len(value)] = value
        with pytest.raises(FormatError, match=message):
            gazetag.Tagger.from_bytes(with_entities(data, bad))


def test_paths_may_be_bytes_and_other_types_are_named(tmp_path: Path) -> None:
    t = make()
    g = gazetag.Gazetteer.from_records(RECORDS)
    at = os.fsencode(tmp_path / "t.gzt")
    t.save(at)
    assert gazetag.Tagger.load(at).tag(TEXT) == t.tag(TEXT)
    g.write(os.fsencode(tmp_path / "g.csv"))
    assert gazetag.Gazetteer.read(os.fsencode(tmp_path / "g.csv")) == g
    for call in (t.save, gazetag.Tagger.load, g.write, g.to_jsonl, gazetag.Gazetteer.read):
        for bad in (5, None):
            with pytest.raises(gazetag.InputTypeError, match="path must be a str, bytes or os"):
                call(bad)  # type: ignore[operator]


def test_a_write_that_fails_names_its_file(tmp_path: Path) -> None:
    # std::fs::write's error said "Is a directory (os error 21)", without the file.
    g = gazetag.Gazetteer.from_records(RECORDS)
    folder = tmp_path / "d.csv"
    folder.mkdir()
    for call in (make().save, g.to_jsonl, g.write):
        with pytest.raises(IsADirectoryError) as caught:
            call(folder)
        assert caught.value.filename == str(folder)
        assert str(caught.value) == f"[Errno 21] Is a directory: {str(folder)!r}"
    missing = tmp_path / "no" / "d.jsonl"
    with pytest.raises(FileNotFoundError) as not_found:
        g.to_jsonl(missing)
    assert not_found.value.filename == str(missing)
