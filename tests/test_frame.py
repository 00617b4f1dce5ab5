"""Tables of matches: `Tagger.tag_frame`, `Tagger.tag_arrow` and the pandas Series accessor.

`tag_batch` says what is found (test_differential.py checks it against the reference); these
tests check that the tables hold exactly those matches, keyed, typed and ordered as documented,
however the input is chunked, and without a Python object per match.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import gazetag
import gazetag.pandas  # registers Series.gazetag
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import EntitySpec
from test_differential import OPTIONS, gazetteer, scenarios

COLUMNS = ["doc", "start", "end", "text", "label", "entity_id", "name", "alias", "rule", "entities"]
STRINGS = COLUMNS[3:]
# What pandas gives a column of str: the str dtype on pandas 3, object before.
TEXT_DTYPE = pd.Series([""]).dtype

Row = tuple[Any, ...]


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH", "كتائب حزب الله"])
    g.add("asad", "Ain al-Asad", "BASE", aliases=["Ain al-Asad Air Base"])
    g.add("sadr", "Muqtada al-Sadr", "PERSON", aliases=["Sadr"])
    g.add("sadr-city", "Sadr City", "PLACE", aliases=["Sadr"])
    return gazetag.Tagger(g)


# An emoji, an Arabic name with a shadda and a dagger alef, and a combining acute: one code point
# each is one `str` index, whatever its length in UTF-8 or UTF-16.
TEXTS = [
    "KH fired on Ayn al-Assad.",
    "Nothing here.",
    "Sadr said \U0001f600 كتائب حزب اللّٰه and Kata\u0301ib Hezbollah",
]
# The rows of TEXTS, written out by hand; doc is the text's position.
ROWS: list[Row] = [
    (0, 0, 2, "KH", "MILITIA", "kh", "Kata'ib Hezbollah", "KH", "exact", "kh"),
    (0, 12, 24, "Ayn al-Assad", "BASE", "asad", "Ain al-Asad", "Ain al-Asad", "double+vowel",
     "asad"),
    (2, 0, 4, "Sadr", "PERSON", "sadr", "Muqtada al-Sadr", "Sadr", "cue", "sadr|sadr-city"),
    (2, 12, 28, "كتائب حزب اللّٰه", "MILITIA", "kh", "Kata'ib Hezbollah", "كتائب حزب الله",
     "exact", "kh"),
    (2, 33, 50, "Kata\u0301ib Hezbollah", "MILITIA", "kh", "Kata'ib Hezbollah",
     "Kata'ib Hezbollah", "exact", "kh"),
]  # fmt: skip


def frame_rows(df: pd.DataFrame) -> list[Row]:
    assert list(df.columns) == COLUMNS
    return list(zip(*(df[c].tolist() for c in COLUMNS), strict=True))


def arrow_rows(table: pa.Table) -> list[Row]:
    assert table.column_names == COLUMNS
    return list(zip(*(table.column(c).to_pylist() for c in COLUMNS), strict=True))


def match_rows(
    results: Iterable[list[gazetag.Match]], keys: Iterable[Any] | None = None
) -> list[Row]:
    """The rows a table should hold for these per-text results."""
    keys = range(sys.maxsize) if keys is None else keys
    return [
        (key, m.start, m.end, m.text, m.label, m.entity_id, m.name, m.alias, m.rule,
         "|".join(m.entities))
        for key, matches in zip(keys, results)
        for m in matches
    ]  # fmt: skip


KINDS = ["frame", "categorical frame", "arrow", "dictionary arrow"]


def all_tables(tagger: gazetag.Tagger, texts: Iterable[str], **kwargs: Any) -> dict[str, list[Row]]:
    """The rows of every kind of table, by kind (texts is read once per kind)."""
    return {
        "frame": frame_rows(tagger.tag_frame(texts, **kwargs)),
        "categorical frame": frame_rows(tagger.tag_frame(texts, categorical=True, **kwargs)),
        "arrow": arrow_rows(tagger.tag_arrow(texts, **kwargs)),
        "dictionary arrow": arrow_rows(tagger.tag_arrow(texts, categorical=True, **kwargs)),
    }


# --- rows ------------------------------------------------------------------------------------


def test_rows_written_out(tagger: gazetag.Tagger) -> None:
    assert all_tables(tagger, TEXTS) == dict.fromkeys(KINDS, ROWS)


@pytest.mark.parametrize("kind", ["frame", "arrow"])
@pytest.mark.parametrize("categorical", [False, True])
def test_offsets_are_str_indices(tagger: gazetag.Tagger, kind: str, categorical: bool) -> None:
    if kind == "frame":
        rows = frame_rows(tagger.tag_frame(TEXTS, categorical=categorical))
    else:
        rows = arrow_rows(tagger.tag_arrow(TEXTS, categorical=categorical))
    assert [TEXTS[doc][start:end] for doc, start, end, *_ in rows] == [r[3] for r in rows]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    scenarios(),
    st.sampled_from(OPTIONS),
    st.sampled_from(["none", "default", "aggressive"]),
    st.integers(0, 3),
)
def test_tables_hold_the_matches_of_tag_batch(
    scenario: tuple[list[EntitySpec], list[str]],
    options: dict[str, bool],
    variants: Literal["none", "default", "aggressive"],
    empties: int,
) -> None:
    entities, texts = scenario
    texts = [*[""] * empties, *texts, "", *texts]
    tagger = gazetag.Tagger(gazetteer(entities), variants=variants, **options)
    expected = match_rows(tagger.tag_batch(texts))
    for kind, rows in all_tables(tagger, texts).items():
        assert rows == expected, kind
    for doc, start, end, text, *_ in expected:
        assert texts[doc][start:end] == text


# --- doc keys --------------------------------------------------------------------------------

KEYS = ["a", "b", "c"]
KEYED_ROWS = [(KEYS[doc], *rest) for doc, *rest in ROWS]


@pytest.mark.parametrize(
    "ids",
    [
        KEYS,
        tuple(KEYS),
        pd.Index(KEYS),
        pd.Series(KEYS, index=[7, 8, 9]),  # its values, not its index
        np.array(KEYS, dtype=object),
        pa.array(KEYS),
    ],
    ids=["list", "tuple", "Index", "Series", "ndarray", "arrow"],
)
def test_ids_key_the_rows(tagger: gazetag.Tagger, ids: Any) -> None:
    assert all_tables(tagger, TEXTS, ids=ids) == dict.fromkeys(KINDS, KEYED_ROWS)


def test_ids_may_be_any_keys(tagger: gazetag.Tagger) -> None:
    ids = np.array([30, 10, 20])
    df = tagger.tag_frame(TEXTS, ids=ids)
    assert df["doc"].tolist() == [30, 30, 20, 20, 20]
    assert df["doc"].dtype == np.int64
    stamps = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])
    assert tagger.tag_frame(TEXTS, ids=stamps)["doc"].tolist() == [stamps[0]] * 2 + [stamps[2]] * 3


def test_a_series_keys_the_rows_by_its_index(tagger: gazetag.Tagger) -> None:
    series = pd.Series(TEXTS, index=KEYS)
    assert all_tables(tagger, series) == dict.fromkeys(KINDS, KEYED_ROWS)
    # ids win over the index
    assert tagger.tag_frame(series, ids=[1, 2, 3])["doc"].tolist() == [1, 1, 3, 3, 3]


def test_generator_of_texts_with_ids(tagger: gazetag.Tagger) -> None:
    assert frame_rows(tagger.tag_frame((t for t in TEXTS), ids=KEYS)) == KEYED_ROWS
    assert arrow_rows(tagger.tag_arrow((t for t in TEXTS), ids=iter(KEYS))) == KEYED_ROWS
    assert frame_rows(tagger.tag_frame(iter(TEXTS))) == ROWS


class WatchedTexts(list[str]):
    """A list of texts that records whether it was read."""

    read = False

    def __iter__(self) -> Iterator[str]:
        self.read = True
        return super().__iter__()


@pytest.mark.parametrize("method", ["tag_frame", "tag_arrow"])
def test_ids_of_another_length_fail_before_tagging(tagger: gazetag.Tagger, method: str) -> None:
    texts = WatchedTexts(TEXTS)
    with pytest.raises(gazetag.InputError, match="ids has 2 keys but texts had 3 texts"):
        getattr(tagger, method)(texts, ids=KEYS[:2])
    assert not texts.read
    getattr(tagger, method)(texts, ids=KEYS)
    assert texts.read  # the watch works


@pytest.mark.parametrize("method", ["tag_frame", "tag_arrow"])
def test_ids_of_another_length_than_a_generator_fail_after(
    tagger: gazetag.Tagger, method: str
) -> None:
    read: list[str] = []

    def texts() -> Iterator[str]:
        for t in TEXTS:
            read.append(t)
            yield t

    with pytest.raises(gazetag.InputError, match="ids has 4 keys but texts had 3 texts"):
        getattr(tagger, method)(texts(), ids=[*KEYS, "d"])
    assert read == TEXTS


@pytest.mark.parametrize("ids", ["abc", b"abc", 3], ids=["str", "bytes", "int"])
@pytest.mark.parametrize("method", ["tag_frame", "tag_arrow"])
def test_ids_must_be_a_sequence(tagger: gazetag.Tagger, method: str, ids: object) -> None:
    texts = WatchedTexts(TEXTS)
    with pytest.raises(gazetag.InputTypeError, match="ids must be a sequence"):
        getattr(tagger, method)(texts, ids=ids)
    assert not texts.read


# --- dtypes ----------------------------------------------------------------------------------


def check_dtypes(df: pd.DataFrame, categorical: bool) -> None:
    assert list(df.columns) == COLUMNS
    assert [df[c].dtype for c in ("start", "end")] == [np.int64, np.int64]
    for c in STRINGS:
        if categorical:
            assert isinstance(df[c].dtype, pd.CategoricalDtype), c
            # as after astype("category"), so that it combines with other categoricals
            assert df[c].cat.categories.dtype == TEXT_DTYPE, c
        else:
            assert df[c].dtype == TEXT_DTYPE, c


@pytest.mark.parametrize("categorical", [False, True])
@pytest.mark.parametrize("texts", [TEXTS, [], ["no match"]], ids=["matches", "empty", "none"])
def test_frame_dtypes(tagger: gazetag.Tagger, texts: list[str], categorical: bool) -> None:
    df = tagger.tag_frame(texts, categorical=categorical)
    check_dtypes(df, categorical)
    assert df["doc"].dtype == np.int64
    assert len(df) == sum(map(len, tagger.tag_batch(texts)))
    if not categorical:
        assert df.dtypes.equals(tagger.tag_frame(TEXTS).dtypes)


def test_categories_are_the_distinct_values(tagger: gazetag.Tagger) -> None:
    df = tagger.tag_frame(TEXTS * 50, categorical=True)
    plain = tagger.tag_frame(TEXTS * 50)
    for c in STRINGS:
        assert sorted(df[c].cat.categories) == sorted(set(plain[c])), c
        assert df[c].cat.codes.dtype in (np.int8, np.int16, np.int32), c
        assert df[c].astype(TEXT_DTYPE).equals(plain[c]), c
    assert df["label"].cat.categories.tolist() == ["MILITIA", "BASE", "PERSON"]


def test_categorical_columns_combine_with_other_categoricals(tagger: gazetag.Tagger) -> None:
    ours = tagger.tag_frame(TEXTS, categorical=True)["label"]
    theirs = pd.Series(["PLACE", "BASE"]).astype("category")
    union = pd.api.types.union_categoricals([ours, theirs])
    assert sorted(union.categories) == ["BASE", "MILITIA", "PERSON", "PLACE"]
    assert pd.concat([ours, theirs]).dtype == TEXT_DTYPE


@pytest.mark.parametrize(
    "ids",
    [
        np.array([], dtype=np.uint16),
        pd.Series([], dtype="int64"),
        pd.Index([], dtype="int32"),
        pd.Series([], dtype=TEXT_DTYPE),
    ],
    ids=["ndarray", "Series", "Index", "str Series"],
)
def test_empty_input_keeps_the_dtype_of_ids(tagger: gazetag.Tagger, ids: Any) -> None:
    """An empty partition must give the columns of a full one (dask needs this `meta`)."""
    df = tagger.tag_frame([], ids=ids)
    assert df["doc"].dtype == ids.dtype
    check_dtypes(df, categorical=False)
    if not isinstance(ids, pd.Series) or ids.dtype != TEXT_DTYPE:
        assert tagger.tag_arrow([], ids=ids).schema.field("doc").type == pa.from_numpy_dtype(
            ids.dtype
        )


@pytest.mark.parametrize("texts", [TEXTS, []], ids=["matches", "empty"])
def test_arrow_types(tagger: gazetag.Tagger, texts: list[str]) -> None:
    table = tagger.tag_arrow(texts)
    assert table.schema.types == [pa.int64()] * 3 + [pa.string()] * 7
    dictionary = tagger.tag_arrow(texts, categorical=True)
    assert dictionary.schema.types[:3] == [pa.int64()] * 3
    assert dictionary.schema.types[3:] == [pa.dictionary(pa.int32(), pa.string())] * 7
    for c in STRINGS:
        assert (
            dictionary.column(c)
            .combine_chunks()
            .dictionary_decode()
            .equals(table.column(c).combine_chunks())
        )


@pytest.mark.parametrize(
    ("builder", "categorical", "width"),
    [("table", False, 32), ("table", True, 0), ("frame", True, 0),
     ("frame", False, 64 if getattr(TEXT_DTYPE, "storage", None) == "pyarrow" else 0)],
)  # fmt: skip
def test_string_columns_come_as_the_table_keeps_them(
    tagger: gazetag.Tagger,
    monkeypatch: pytest.MonkeyPatch,
    builder: str,
    categorical: bool,
    width: int,
) -> None:
    """The core writes out the string columns as Arrow's buffers where the table keeps its
    text in Arrow, with the offsets the table's type has; coded otherwise."""
    from gazetag import _columns

    assert _columns.arrow_strings(builder, categorical) == width
    seen: list[dict[str, Any]] = []
    build = getattr(_columns, builder)
    monkeypatch.setattr(_columns, builder, lambda c, *a: seen.append(c) or build(c, *a))
    table = (tagger.tag_arrow if builder == "table" else tagger.tag_frame)(
        TEXTS, categorical=categorical
    )
    (columns,) = seen
    assert sorted(columns["arrow"]) == (sorted(STRINGS) if width else [])
    for name, (offsets, data) in columns["arrow"].items():
        ends = np.frombuffer(offsets, dtype=np.int64 if width == 64 else np.int32)
        assert ends[0] == 0 and ends[-1] == len(data) and len(ends) == len(ROWS) + 1
        values = [data[a:b].decode() for a, b in zip(ends[:-1], ends[1:], strict=True)]
        assert values == [row[COLUMNS.index(name)] for row in ROWS]
    rows = arrow_rows(table) if builder == "table" else frame_rows(table)
    assert rows == ROWS


@pytest.mark.parametrize("builder", ["frame", "table"])
@pytest.mark.parametrize("texts", [TEXTS * 50, TEXTS[1:2], []], ids=["many", "no match", "none"])
def test_written_out_strings_equal_coded_ones(
    tagger: gazetag.Tagger, monkeypatch: pytest.MonkeyPatch, builder: str, texts: list[str]
) -> None:
    from gazetag import _columns

    def tag() -> Any:
        if builder == "table":
            return tagger.tag_arrow(texts, threads=2)
        return tagger.tag_frame(texts, threads=2)

    written = tag()
    monkeypatch.setattr(_columns, "arrow_strings", lambda builder, categorical: 0)
    coded = tag()
    if builder == "table":
        assert written.equals(coded)
    else:
        pd.testing.assert_frame_equal(written, coded)


def test_arrow_and_pandas_agree(tagger: gazetag.Tagger) -> None:
    df = tagger.tag_frame(TEXTS)
    converted = tagger.tag_arrow(TEXTS).to_pandas()
    pd.testing.assert_frame_equal(df, converted.astype(dict.fromkeys(STRINGS, TEXT_DTYPE)))


# --- bad input -------------------------------------------------------------------------------

CALLS: dict[str, Callable[..., object]] = {
    "tag_batch": lambda t, texts, **kw: t.tag_batch(texts, **kw),
    "tag_frame": lambda t, texts, **kw: t.tag_frame(texts, **kw),
    "tag_frame categorical": lambda t, texts, **kw: t.tag_frame(texts, categorical=True, **kw),
    "tag_arrow": lambda t, texts, **kw: t.tag_arrow(texts, **kw),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
@pytest.mark.parametrize("at", [0, 5, 8191, 8192, 9000, 19999])
@pytest.mark.parametrize("lazy", [False, True], ids=["list", "generator"])
def test_a_non_str_item_is_named_by_its_index(
    tagger: gazetag.Tagger, call: Callable[[gazetag.Tagger, Any], object], at: int, lazy: bool
) -> None:
    """20,000 texts span several chunks of 8192; the index counts from the first text."""
    texts: list[object] = ["KH said so."] * 20_000
    texts[at] = 42
    with pytest.raises(gazetag.InputTypeError, match=rf"^texts\[{at}\] must be a str, not int$"):
        call(tagger, iter(texts) if lazy else texts)


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
def test_a_lone_surrogate_is_an_input_error(
    tagger: gazetag.Tagger, call: Callable[[gazetag.Tagger, Any], object]
) -> None:
    texts = ["KH said so."] * 10_000
    texts[9_500] = "KH \ud800"
    with pytest.raises(gazetag.InputError, match=r"^texts\[9500\] contains a lone surrogate"):
        call(tagger, texts)


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
@pytest.mark.parametrize(
    "texts", ["KH and Sadr", 42, None, b"KH", bytearray(b"KH")],
    ids=["str", "int", "None", "bytes", "bytearray"],
)
def test_texts_must_be_an_iterable_of_str(
    tagger: gazetag.Tagger, call: Callable[[gazetag.Tagger, Any], object], texts: object
) -> None:
    with pytest.raises(gazetag.InputTypeError, match="texts must be an iterable of str"):
        call(tagger, texts)


def test_arrow_keeps_nullable_int_keys_exact(tagger: gazetag.Tagger) -> None:
    # numpy read pandas' Int64 as floats: 2**53 + 1 came back as 2**53.
    big = 2**53 + 1
    ids = pd.array([big, big + 2, None, big + 4], dtype="Int64")
    texts = ["KH", "nothing", None, "Sadr"]
    table = tagger.tag_arrow(texts, ids=ids, on_missing="skip")
    assert table.schema.field("doc").type == pa.int64()
    assert table.column("doc").to_pylist() == [big, big + 4]
    frame = tagger.tag_frame(texts, ids=ids, on_missing="skip")
    assert list(frame["doc"]) == [big, big + 4]
    series = pd.Series(texts, index=pd.Index([big, big + 2, None, big + 4], dtype="Int64"))
    assert tagger.tag_arrow(series, on_missing="skip").column("doc").to_pylist() == [big, big + 4]


def test_arrow_refuses_keys_of_mixed_types_by_name(tagger: gazetag.Tagger) -> None:
    with pytest.raises(gazetag.InputTypeError, match="ids cannot be one Arrow column .*tag_frame"):
        tagger.tag_arrow(["KH", "KH", "KH"], ids=[1, "a", 2.5])
    series = pd.Series(["KH", "Sadr"], index=pd.MultiIndex.from_tuples([(1, "a"), (2, "b")]))
    with pytest.raises(gazetag.InputTypeError, match="the Series' index cannot be one Arrow"):
        tagger.tag_arrow(series)
    assert len(tagger.tag_frame(series)) == 2


@pytest.mark.parametrize("method", ["tag_batch", "tag_frame", "tag_arrow"])
def test_threads_below_one(tagger: gazetag.Tagger, method: str) -> None:
    with pytest.raises(gazetag.InputError, match="threads must be at least 1 or None, not 0"):
        getattr(tagger, method)(TEXTS, threads=0)


# --- chunks ----------------------------------------------------------------------------------

SHORT = ["KH fired on Ayn al-Assad.", "", "Sadr spoke.", "\U0001f600 كتائب حزب الله", "quiet"]


@pytest.fixture(scope="module")
def many_texts() -> list[str]:
    """20,000 short texts and four over a million characters, placed at chunk edges."""
    texts = [f"{i}: {SHORT[i % len(SHORT)]}" for i in range(20_000)]
    # a mention every 700 characters or so, the last one at the very end
    long = ("Sadr City was quiet. " + "x " * 340 + "\n") * 1_500 + "KH"
    assert len(long) > 1 << 20
    for i in (3, 8191, 8192, 19_999):
        texts[i] = f"{i} {long}"
    return texts


@pytest.fixture(scope="module")
def one_by_one(tagger: gazetag.Tagger, many_texts: list[str]) -> list[list[gazetag.Match]]:
    return [tagger.tag(t) for t in many_texts]


@pytest.mark.parametrize("threads", [None, 1, 3])
def test_many_chunks_equal_tag(
    tagger: gazetag.Tagger,
    many_texts: list[str],
    one_by_one: list[list[gazetag.Match]],
    threads: int | None,
) -> None:
    assert tagger.tag_batch(many_texts, threads=threads) == one_by_one
    assert tagger.tag_batch(iter(many_texts), threads=threads) == one_by_one
    expected = match_rows(one_by_one)
    assert sum(doc == 19_999 for doc, *_ in expected) > 1_000
    assert frame_rows(tagger.tag_frame(many_texts, threads=threads)) == expected
    assert arrow_rows(tagger.tag_arrow(iter(many_texts), threads=threads)) == expected


# --- pandas accessor -------------------------------------------------------------------------

ARTICLES = pd.Series(
    {
        "a1": "Kataib Hizballah fired on Ain al-Assad.",
        "a2": "A quiet day in Baghdad's markets.",
        "a3": "The PMF and Asaib Ahl al-Haq denied it.",
    }
)
ARTICLE_IDS = [
    ("a1", "kataib-hezbollah"),
    ("a1", "ain-al-asad-air-base"),
    ("a3", "popular-mobilization-forces"),
    ("a3", "asaib-ahl-al-haq"),
]


def test_series_accessor_uses_the_embedded_gazetteer() -> None:
    df = ARTICLES.gazetag.tag()
    assert list(zip(df["doc"], df["entity_id"], strict=True)) == ARTICLE_IDS
    pd.testing.assert_frame_equal(df, gazetag.Tagger.default().tag_frame(ARTICLES))
    pd.testing.assert_frame_equal(df, gazetag.pandas.tag_series(ARTICLES))
    frame = ARTICLES.rename("text").to_frame()
    pd.testing.assert_frame_equal(frame["text"].gazetag.tag(threads=1), df)


def test_series_accessor_passes_its_options(tagger: gazetag.Tagger) -> None:
    series = pd.Series(TEXTS, index=KEYS)
    df = series.gazetag.tag(tagger, threads=1, categorical=True)
    check_dtypes(df, categorical=True)
    assert frame_rows(df) == KEYED_ROWS
    assert frame_rows(gazetag.pandas.tag_series(series, tagger, categorical=True)) == KEYED_ROWS
    assert gazetag.pandas.COLUMNS == tuple(COLUMNS)


# --- memory ----------------------------------------------------------------------------------

MEMORY_CALLS: dict[str, Callable[[gazetag.Tagger, list[str]], object]] = {
    "columns": lambda t, texts: t._tag_columns(texts),
    "frame": lambda t, texts: t.tag_frame(texts),
    "categorical frame": lambda t, texts: t.tag_frame(texts, categorical=True),
    "arrow": lambda t, texts: t.tag_arrow(texts),
    "dictionary arrow": lambda t, texts: t.tag_arrow(texts, categorical=True),
}


def blocks_kept(make: Callable[[], object]) -> int:
    """How many memory blocks of the interpreter the result of `make` holds on to."""
    gc.collect()
    before = sys.getallocatedblocks()
    result = make()
    gc.collect()
    kept = sys.getallocatedblocks() - before
    del result
    return kept


def extra_blocks(
    tagger: gazetag.Tagger, call: Callable[[gazetag.Tagger, list[str]], object]
) -> int:
    """The blocks 30,000 matches keep beyond those 3,000 matches keep (three per text)."""
    text = "KH hit Ain al-Asad, then KH again."
    call(tagger, [text])  # the tagger's strings are made once, on first use
    small = blocks_kept(lambda: call(tagger, [text] * 1_000))
    large = blocks_kept(lambda: call(tagger, [text] * 10_000))
    return large - small


def test_blocks_measure_objects_per_match(tagger: gazetag.Tagger) -> None:
    """The measure below can fail: a list of Match objects holds several blocks per match."""
    assert extra_blocks(tagger, lambda t, texts: t.tag_batch(texts)) > 27_000


@pytest.mark.parametrize("call", MEMORY_CALLS.values(), ids=list(MEMORY_CALLS))
def test_no_python_object_per_match(
    tagger: gazetag.Tagger, call: Callable[[gazetag.Tagger, list[str]], object]
) -> None:
    # Ten times the matches, with the same strings: the same objects, bigger buffers.
    assert abs(extra_blocks(tagger, call)) < 100


def peak_bytes_per_match(make: Callable[[list[str]], object]) -> float:
    """The peak memory of the interpreter's allocators per match, over 27,000 more matches."""
    text = "KH hit Ain al-Asad, then KH again."
    make([text])

    def peak(n: int) -> int:
        texts = [text] * n
        gc.collect()
        tracemalloc.start()
        try:
            make(texts)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # Other threads (a Dask cluster left by another test) only add: the least of three is it.
    return (min(peak(10_000) for _ in range(3)) - min(peak(1_000) for _ in range(3))) / 27_000


def test_columns_allocate_nothing_per_match_but_their_buffers(tagger: gazetag.Tagger) -> None:
    """Not even for a while: 3 int64 and 7 int32 columns are 52 bytes a match; one more object
    per match would cost at least 28 more (an int), a Match over 100 (its strings and tuple are
    made once per tagger, and its text is its alias's str when written as the alias, issue
    13)."""
    columns = peak_bytes_per_match(tagger._tag_columns)
    assert 45 < columns < 70, columns
    matches = peak_bytes_per_match(tagger.tag_batch)
    assert matches > 100, matches


# --- missing texts (issue 14.1) ----------------------------------------------------------------

# Each way pandas, numpy and Arrow mark a gap in a column of texts.
MISSING: dict[str, object] = {
    "None": None,
    "float NaN": float("nan"),
    "numpy.float32 NaN": np.float32("nan"),
    "pd.NA": pd.NA,
    "pd.NaT": pd.NaT,
}
GAPPY = ["KH fired on Ayn al-Assad.", None, "Nothing here.", None, TEXTS[2]]
# The rows of GAPPY: TEXTS' rows at the texts' new positions, none for the gaps.
GAPPY_ROWS = [(0, *r[1:]) if r[0] == 0 else (4, *r[1:]) for r in ROWS]


@pytest.mark.parametrize("gap", MISSING.values(), ids=list(MISSING))
@pytest.mark.parametrize("on_missing", [None, "skip", "empty"])
def test_frames_skip_missing_texts_by_default(
    tagger: gazetag.Tagger, gap: object, on_missing: str | None
) -> None:
    texts = [gap if t is None else t for t in GAPPY]
    kwargs = {} if on_missing is None else {"on_missing": on_missing}
    assert all_tables(tagger, texts, **kwargs) == dict.fromkeys(KINDS, GAPPY_ROWS)


@pytest.mark.parametrize("gap", MISSING.values(), ids=list(MISSING))
def test_tag_batch_skips_as_none_or_tags_as_empty(tagger: gazetag.Tagger, gap: object) -> None:
    texts = [gap if t is None else t for t in GAPPY]
    full = tagger.tag_batch([t or "" for t in GAPPY])
    assert tagger.tag_batch(texts, on_missing="skip") == [
        None if t is None else ms for t, ms in zip(GAPPY, full, strict=True)
    ]
    assert tagger.tag_batch(texts, on_missing="empty") == full
    assert tagger.tag_batch(texts, on_missing="empty")[1] == []


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
@pytest.mark.parametrize("gap", MISSING.values(), ids=list(MISSING))
def test_raise_names_the_index_label_and_the_remedy(
    tagger: gazetag.Tagger, call: Callable[..., object], gap: object
) -> None:
    series = pd.Series(["KH", gap, "Sadr"], index=["story-7", "story-9", "story-12"], dtype=object)
    kind = next(k for k, v in MISSING.items() if v is gap)
    if call is CALLS["tag_batch"]:
        raising = lambda: tagger.tag_batch(series)  # noqa: E731  (tag_batch raises by default)
    else:
        raising = lambda: call(tagger, series, on_missing="raise")  # noqa: E731
    with pytest.raises(gazetag.InputError) as info:
        raising()
    assert str(info.value) == (
        f"texts[1] (index label 'story-9') is missing ({kind}); pass on_missing=\"skip\" to "
        'leave missing texts out (or "empty" to tag them as ""), or fill the gaps first: '
        'texts.fillna("")'
    )


@pytest.mark.parametrize("at", [0, 8191, 8192, 19999])
def test_raise_counts_the_position_across_chunks(tagger: gazetag.Tagger, at: int) -> None:
    series = pd.Series(["KH said so."] * 20_000, index=range(100, 20_100), dtype=object)
    series.iloc[at] = None
    with pytest.raises(gazetag.InputError, match=rf"^texts\[{at}\] \(index label {100 + at}\)"):
        tagger.tag_frame(series, on_missing="raise")
    assert len(tagger.tag_frame(series)) == 19_999


def test_a_csv_with_gaps_tags_without_fillna(tagger: gazetag.Tagger, tmp_path: Any) -> None:
    path = tmp_path / "stories.csv"
    path.write_text('id,text\ns1,KH fired on Ayn al-Assad.\ns2,\ns3,"Sadr, again"\n', "utf-8")
    df = pd.read_csv(path, index_col="id")
    assert df["text"].isna().tolist() == [False, True, False]
    frame = tagger.tag_frame(df["text"])
    assert frame[["doc", "text"]].values.tolist() == [
        ["s1", "KH"],
        ["s1", "Ayn al-Assad"],
        ["s3", "Sadr"],
    ]
    pd.testing.assert_frame_equal(df["text"].gazetag.tag(tagger), frame)
    with pytest.raises(gazetag.InputError, match=r"texts\[1\] \(index label 's2'\) is missing"):
        df["text"].gazetag.tag(tagger, on_missing="raise")


@pytest.mark.parametrize("categorical", [False, True])
def test_arrow_nulls_are_missing_texts(tagger: gazetag.Tagger, categorical: bool) -> None:
    array = pa.array(GAPPY, type=pa.string())
    assert array.null_count == 2
    for texts in (array, pa.chunked_array([array[:2], array[2:]])):
        table = tagger.tag_arrow(texts, categorical=categorical)
        assert arrow_rows(table) == GAPPY_ROWS
        assert frame_rows(tagger.tag_frame(texts)) == GAPPY_ROWS
    assert tagger.tag_batch(array, on_missing="skip")[1] is None


@pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))
def test_a_number_is_not_a_missing_text(
    tagger: gazetag.Tagger, call: Callable[..., object]
) -> None:
    series = pd.Series(["KH", 7, "Sadr"], index=["a", "b", "c"])
    with pytest.raises(
        gazetag.InputTypeError, match=r"^texts\[1\] \(index label 'b'\) must be a str, not int$"
    ):
        call(tagger, series, on_missing="skip")


@pytest.mark.parametrize("method", ["tag_batch", "tag_frame", "tag_arrow", "_tag_columns"])
@pytest.mark.parametrize("value", ["ignore", "Skip", 0])
def test_on_missing_takes_three_names(tagger: gazetag.Tagger, method: str, value: Any) -> None:
    error = gazetag.InputError if isinstance(value, str) else gazetag.InputTypeError
    with pytest.raises(error, match="on_missing must be"):
        getattr(tagger, method)(["KH"], on_missing=value)


def test_spacy_pipe_texts_keeps_docs_aligned() -> None:
    spacy = pytest.importorskip("spacy")
    from gazetag.spacy import pipe_texts

    nlp = spacy.blank("en")
    nlp.add_pipe("gazetag")
    texts = pd.Series([None, "KH fighters", np.nan, pd.NA, "Quiet.", None], index=list("abcdef"))
    docs = list(pipe_texts(nlp, texts, batch_size=2))
    assert [None if d is None else d.text for d in docs] == [
        None, "KH fighters", None, None, "Quiet.", None
    ]  # fmt: skip
    assert [s.text for s in docs[1].spans["gazetag"]] == ["KH"]
    empty = list(pipe_texts(nlp, texts, on_missing="empty"))
    assert [d.text for d in empty] == ["", "KH fighters", "", "", "Quiet.", ""]
    with pytest.raises(gazetag.InputError, match=r"texts\[1\] \(index label 'c'\) is missing"):
        list(pipe_texts(nlp, texts[1:], on_missing="raise"))
    with pytest.raises(gazetag.InputError, match="on_missing must be"):
        list(pipe_texts(nlp, texts, on_missing="drop"))  # type: ignore[arg-type]


# --- a DataFrame where a column was meant (issue 14.2) -----------------------------------------

DF = pd.DataFrame({"id": ["x", "y", "z"], "text": TEXTS}, index=KEYS)


@pytest.mark.parametrize("method", ["tag_batch", "tag_frame", "tag_arrow"])
def test_a_dataframe_is_refused_with_the_column_to_pass(
    tagger: gazetag.Tagger, method: str
) -> None:
    with pytest.raises(gazetag.InputTypeError) as info:
        getattr(tagger, method)(DF)
    message = str(info.value)
    assert message.startswith('texts is a pandas DataFrame (columns: "id", "text"), not a column')
    assert f'Pass the column: {method}(df["text"])' in message
    assert ('column="text"' in message) == (method != "tag_batch")


def test_an_arrow_table_is_refused_too(tagger: gazetag.Tagger) -> None:
    table = pa.table({"body": ["KH"], "n": [1]})
    with pytest.raises(gazetag.InputTypeError, match=r'pyarrow Table \(columns: "body", "n"\)'):
        tagger.tag_arrow(table)
    with pytest.raises(gazetag.InputTypeError, match=r'tag_batch\(df\["body"\]\)'):
        tagger.tag_batch(table)


def test_column_names_the_texts(tagger: gazetag.Tagger) -> None:
    assert frame_rows(tagger.tag_frame(DF, column="text")) == KEYED_ROWS
    assert frame_rows(tagger.tag_frame(DF, column="text", ids=DF["id"])) == frame_rows(
        tagger.tag_frame(DF["text"], ids=DF["id"])
    )
    table = pa.table({"id": ["x", "y", "z"], "text": TEXTS})
    assert arrow_rows(tagger.tag_arrow(table, column="text", ids=table["id"])) == [
        ("xyz"[r[0]], *r[1:]) for r in ROWS
    ]
    batch = table.to_batches()[0]
    assert arrow_rows(tagger.tag_arrow(batch, column="text")) == ROWS


def test_column_must_name_a_column_of_a_table(tagger: gazetag.Tagger) -> None:
    with pytest.raises(
        gazetag.InputError,
        match=r"^tag_frame\(\.\.\., column='body'\): no such column "
        r"\(columns: 'id', 'text'\)$",
    ):
        tagger.tag_frame(DF, column="body")
    with pytest.raises(gazetag.InputTypeError, match="needs a DataFrame or an Arrow table"):
        tagger.tag_frame(TEXTS, column="text")
    with pytest.raises(gazetag.InputTypeError, match="column must be a str, not int"):
        tagger.tag_arrow(DF, column=1)


# --- entity metadata as columns (issue 14.5) ---------------------------------------------------


@pytest.fixture(scope="module")
def meta_tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"], meta={"country": "IQ", "n": 3})
    g.add("asad", "Ain al-Asad", "BASE", meta={"country": "IQ", "kind": "base", "tags": ["a"]})
    g.add("sadr", "Muqtada al-Sadr", "PERSON", aliases=["Sadr"], meta={"country": None})
    return gazetag.Tagger(g)


META_TEXTS = ["KH fired on Ain al-Asad.", "Sadr spoke.", "Ain al-Asad again."]
# (entity_id, country, kind, n, tags) per row; None for an entity without the field.
META_ROWS = [
    ("kh", "IQ", None, "3", None),
    ("asad", "IQ", "base", None, '["a"]'),
    ("sadr", None, None, None, None),
    ("asad", "IQ", "base", None, '["a"]'),
]
FIELDS = ["country", "kind", "n", "tags"]


@pytest.mark.parametrize("categorical", [False, True])
def test_meta_fields_become_frame_columns(meta_tagger: gazetag.Tagger, categorical: bool) -> None:
    df = meta_tagger.tag_frame(META_TEXTS, meta=FIELDS, categorical=categorical)
    assert list(df.columns) == [*COLUMNS, *FIELDS]
    rows = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in df[["entity_id", *FIELDS]].itertuples(index=False, name=None)
    ]
    assert rows == META_ROWS
    # The other columns are those of a table without meta.
    plain = meta_tagger.tag_frame(META_TEXTS, categorical=categorical)
    pd.testing.assert_frame_equal(df[COLUMNS], plain)
    if categorical:
        assert list(df["country"].cat.categories) == ["IQ"]
    else:
        assert df["country"].dtype == TEXT_DTYPE


@pytest.mark.parametrize("categorical", [False, True])
def test_meta_fields_become_arrow_columns(meta_tagger: gazetag.Tagger, categorical: bool) -> None:
    table = meta_tagger.tag_arrow(META_TEXTS, meta=FIELDS, categorical=categorical)
    assert table.column_names == [*COLUMNS, *FIELDS]
    rows = list(zip(*(table.column(c).to_pylist() for c in ["entity_id", *FIELDS]), strict=True))
    assert rows == META_ROWS
    assert table.column("country").null_count == 1
    expected = pa.dictionary(pa.int32(), pa.string()) if categorical else pa.string()
    assert table.schema.field("kind").type == expected


def test_meta_of_the_embedded_gazetteer() -> None:
    df = gazetag.Tagger.default().tag_frame(
        ["Kataib Hizballah fired on Ain al-Assad."], meta=["country", "kind"]
    )
    assert df[["entity_id", "country", "kind"]].values.tolist() == [
        ["kataib-hezbollah", "IQ", "armed-group"],
        ["ain-al-asad-air-base", "IQ", "base"],
    ]


def test_meta_with_no_match_keeps_its_columns(meta_tagger: gazetag.Tagger) -> None:
    assert list(meta_tagger.tag_frame(["nothing"], meta=["country"]).columns) == [
        *COLUMNS,
        "country",
    ]
    assert meta_tagger.tag_arrow([], meta=["country"]).column_names == [*COLUMNS, "country"]


@pytest.mark.parametrize(
    ("meta", "error", "message"),
    [
        ("country", gazetag.InputTypeError, r"meta must be a list of field names, not str \(wrap"),
        ([1], gazetag.InputTypeError, "meta must hold field names"),
        (["label"], gazetag.InputError, "meta field 'label' has the name of a standard column"),
        (["kind", "kind"], gazetag.InputError, "meta names 'kind' more than once"),
    ],
)
@pytest.mark.parametrize("method", ["tag_frame", "tag_arrow"])
def test_meta_must_be_a_list_of_new_names(
    meta_tagger: gazetag.Tagger, method: str, meta: Any, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        getattr(meta_tagger, method)(META_TEXTS, meta=meta)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cli_meta_columns(tmp_path: Any, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    import csv
    import io
    import json

    from gazetag.cli import main

    path = tmp_path / "story.txt"
    path.write_text("Kataib Hizballah fired on Ain al-Assad.", encoding="utf-8")
    assert main(["tag", "-f", fmt, "--meta", "country,kind", "--meta", "sources", str(path)]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0])[-3:] == ["country", "kind", "sources"]
        assert json.loads(rows[1]["sources"])[0].startswith("http")
    else:
        rows = [json.loads(line) for line in out.splitlines()]
        assert isinstance(rows[1]["sources"], list)
    assert [(r["entity_id"], r["country"], r["kind"]) for r in rows] == [
        ("kataib-hezbollah", "IQ", "armed-group"),
        ("ain-al-asad-air-base", "IQ", "base"),
    ]
    assert main(["tag", "--meta", "kind", str(path)]) == 1
    assert "--meta needs --format csv, tsv or jsonl" in capsys.readouterr().err
    # The formats of documents, and tables read by --column, went on without the fields.
    table = tmp_path / "t.csv"
    table.write_text("text\nKataib Hizballah fired.\n", encoding="utf-8")
    for args in (
        ["-f", "label-studio", str(path)],
        ["-f", "prodigy", str(path)],
        ["-f", "jsonl", "--column", "text", str(table)],
    ):
        assert main(["tag", "--meta", "kind", *args]) == 1, args
        assert "--meta needs --format csv, tsv or jsonl, and text files" in capsys.readouterr().err


# --- types (issue 14.10) -----------------------------------------------------------------------

FLAG_CALLS: dict[str, Callable[[Any], object]] = {
    "progress": lambda v: gazetag.Tagger.default().tag_frame(["KH"], progress=v),
    "categorical": lambda v: gazetag.Tagger.default().tag_arrow(["KH"], categorical=v),
    "case_sensitive": lambda v: gazetag.Tagger(gazetag.Gazetteer(), case_sensitive=v),
    "overlapping": lambda v: gazetag.Tagger.default(overlapping=v),
    "whole_words": lambda v: gazetag.Tagger(gazetag.Gazetteer(), whole_words=v),
    "licensing": lambda v: gazetag.Tagger.default(licensing=v),
    "rejected": lambda v: gazetag.Tagger.default().explain("KH", rejected=v),
}


@pytest.mark.parametrize("name", list(FLAG_CALLS))
@pytest.mark.parametrize("value", ["yes", 1, None], ids=["str", "int", "None"])
def test_bool_options_name_their_parameter(name: str, value: object) -> None:
    with pytest.raises(
        gazetag.InputTypeError, match=rf"^{name} must be True or False, not {type(value).__name__}"
    ):
        FLAG_CALLS[name](value)
    FLAG_CALLS[name](np.bool_(False))  # numpy's bool is a bool


def test_tag_batch_progress_names_its_parameter() -> None:
    with pytest.raises(gazetag.InputTypeError, match="^progress must be True or False, not str"):
        gazetag.Tagger.default().tag_batch(["KH"], progress="no")


def test_stubs_type_the_tables(tmp_path: Any) -> None:
    """A checker sees a DataFrame, not Any (with pandas-stubs installed, as make venv does)."""
    api = pytest.importorskip("mypy.api")
    if not _has_pandas_stubs():
        pytest.skip("pandas-stubs is not installed")
    source = (
        "import gazetag\n"
        "t = gazetag.Tagger.default()\n"
        "reveal_type(t.tag_frame(['x'], meta=['country']))\n"
        "reveal_type(t.tag_batch(['x'], on_missing='skip'))\n"
        "reveal_type(t.tag_batch(['x']))\n"
        "reveal_type(gazetag.Gazetteer().to_dataframe())\n"
        "t.tag_frame(['x'], on_missing='drop')\n"
    )
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    (tmp_path / "snippet.py").write_text(source, encoding="utf-8")
    out, _, _ = api.run(
        [
            "--strict",
            "--no-incremental",
            "--config-file",
            str(tmp_path / "mypy.ini"),
            str(tmp_path / "snippet.py"),
        ]
    )
    notes = [line.split("Revealed type is ")[1] for line in out.splitlines() if "Revealed" in line]
    assert notes == [
        '"pandas.core.frame.DataFrame"',
        '"list[list[gazetag._gazetag.Match] | None]"',
        '"list[list[gazetag._gazetag.Match]]"',
        '"pandas.core.frame.DataFrame"',
    ], out
    assert 'Argument "on_missing"' in out and "error" in out, out


def _has_pandas_stubs() -> bool:
    import importlib.metadata

    try:
        importlib.metadata.version("pandas-stubs")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_columns_named_by_the_str_of_their_label_and_never_twice(tagger: gazetag.Tagger) -> None:
    # A label 0 was looked up as "0" (KeyError); two columns "text" gave a message about
    # DataFrames in general.
    numbered = pd.DataFrame({0: ["KH said"], 1: [1]})
    assert list(tagger.tag_frame(numbered, column="0")["text"]) == ["KH"]
    twice = pd.DataFrame([["KH", "Sadr"]], columns=["text", "text"])
    table = pa.table([pa.array(["KH"]), pa.array(["Sadr"])], names=["text", "text"])
    for texts in (twice, table):
        for method in (tagger.tag_frame, tagger.tag_arrow):
            with pytest.raises(gazetag.InputError, match="2 columns have that name"):
                method(texts, column="text")


def test_helpers_name_a_tagger_of_the_wrong_type() -> None:
    import gazetag.export
    import gazetag.pandas
    import gazetag.suggest

    calls = {
        "tag_series": lambda: gazetag.pandas.tag_series(pd.Series(["KH"]), "x"),  # type: ignore[arg-type]
        "to_prodigy": lambda: gazetag.export.to_prodigy("KH", tagger="x"),  # type: ignore[arg-type]
        "to_label_studio": lambda: gazetag.export.to_label_studio("KH", tagger=5),  # type: ignore[arg-type]
        "suggestion_matches": lambda: gazetag.suggest.suggestion_matches(None, "KH"),  # type: ignore[arg-type]
    }
    for name, call in calls.items():
        with pytest.raises(gazetag.InputTypeError, match="tagger must be a gazetag.Tagger"):
            call()
            pytest.fail(name)
    with pytest.raises(gazetag.InputTypeError, match="text must be a str, not NoneType"):
        gazetag.suggest.suggestion_matches(gazetag.Tagger.default(), None)  # type: ignore[arg-type]
