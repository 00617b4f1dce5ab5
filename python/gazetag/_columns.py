"""Tables with one row per match, built from columns the Rust core fills.

`Tagger.tag_frame` and `Tagger.tag_arrow` call into this module. The core tags the texts and
returns each column whole: ``doc``, ``start`` and ``end`` as int64 buffers, and every string
column either as int32 codes into its distinct values (categorical columns, pandas without
Arrow text) or, where the table keeps its text in Arrow (`tag_arrow`, pandas 3's ``str``), as
an Arrow string array's offsets and bytes, written out in the core with the GIL released
(`arrow_strings` says which). Here those buffers become numpy arrays or Arrow arrays without a
copy, and coded columns are expanded by a ``take`` over the distinct values, so no Python
object is made per match. pandas, numpy and pyarrow are imported only when used.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gazetag._errors import InputError, InputTypeError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow

#: The columns of `Tagger.tag_frame` and `Tagger.tag_arrow`, in order.
COLUMNS = (
    "doc",
    "start",
    "end",
    "text",
    "label",
    "entity_id",
    "name",
    "alias",
    "rule",
    "entities",
)

_STRINGS = COLUMNS[3:]


def _ids(texts: object, ids: object, n_docs: int) -> Any:
    """The document keys: ``ids``, else a Series' index, else None (positions)."""
    if ids is None:
        pd_ = sys.modules.get("pandas")
        if pd_ is not None and isinstance(texts, pd_.Series):
            return texts.index
        return None
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        raise InputTypeError(
            f"ids must be a sequence with one key per text, not {type(ids).__name__}"
        )
    return ids


def column_of(table: Any, column: object, method: str) -> Any:
    """The texts of ``tag_frame(df, column=...)``: ``df[column]`` (a pandas Series keeps the
    frame's index for the ``doc`` column), with our errors for a missing column."""
    if not isinstance(column, str):
        raise InputTypeError(f"column must be a str, not {type(column).__name__}")
    # Arrow's ``columns`` are the arrays; its names are ``column_names``.
    names = getattr(table, "column_names", None)
    if names is None:
        names = getattr(table, "columns", None)
    if names is None:
        raise InputTypeError(
            f"column={column!r} needs a DataFrame or an Arrow table as texts, not "
            f"{type(table).__name__}; pass the texts themselves without column="
        )
    labels = list(names)
    names = [str(n) for n in labels]
    if column not in names:
        shown = ", ".join(repr(n) for n in names[:10]) + (", ..." if len(names) > 10 else "")
        raise InputError(f"{method}(..., column={column!r}): no such column (columns: {shown})")
    if names.count(column) > 1:
        raise InputError(
            f"{method}(..., column={column!r}): {names.count(column)} columns have that name;"
            " rename them so that one holds the texts"
        )
    # A frame whose column labels are not str (0, 1, ...) is named by the label's str.
    return table[labels[names.index(column)]]


def missing_kind(value: object) -> str | None:
    """What kind of missing value ``value`` is (``"None"``, ``"float NaN"``, ``"pd.NA"``), or
    None when it is present; the Python twin of the core's check in `Tagger.tag_batch`."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return None
    kind = type(value)
    module = kind.__module__ or ""
    if module.startswith("pandas") and kind.__name__ in ("NAType", "NaTType"):
        return "pd.NA" if kind.__name__ == "NAType" else "pd.NaT"
    if isinstance(value, float) or module == "numpy":
        try:
            nan = value != value
        except Exception:  # an array, say: not a missing text
            return None
        if nan is True or (module == "numpy" and bool(nan)):
            return f"{kind.__name__} NaN"
    return None


def item_name(texts: object, at: int) -> str:
    """``texts[66]``, with a pandas Series' index label: ``texts[66] (index label 'r-70')``."""
    name = f"texts[{at}]"
    pd_ = sys.modules.get("pandas")
    if pd_ is not None and isinstance(texts, pd_.Series):
        name += f" (index label {texts.index[at]!r})"
    return name


def missing_error(texts: object, at: int, kind: str) -> InputError:
    """The error for a missing text under ``on_missing="raise"``, worded as the core's."""
    return InputError(
        f'{item_name(texts, at)} is missing ({kind}); pass on_missing="skip" to leave missing '
        'texts out (or "empty" to tag them as ""), or fill the gaps first: texts.fillna("")'
    )


def check_meta(meta: object) -> list[str] | None:
    """The ``meta=`` of `Tagger.tag_frame`: a list of distinct field names, none of them the name
    of a standard column."""
    if meta is None:
        return None
    if isinstance(meta, (str, bytes)) or not isinstance(meta, Iterable):
        hint = f" (wrap it in a list: meta=[{meta!r}])" if isinstance(meta, str) else ""
        raise InputTypeError(f"meta must be a list of field names, not {type(meta).__name__}{hint}")
    names = list(meta)
    for name in names:
        if not isinstance(name, str):
            raise InputTypeError(f"meta must hold field names (str), not {type(name).__name__}")
        try:
            name.encode("utf-8")
        except UnicodeEncodeError as e:
            raise InputError(
                f"meta field {name!r} contains a lone surrogate (U+{ord(name[e.start]):04X}) at "
                f"index {e.start}, which UTF-8 cannot encode"
            ) from None
        if name in COLUMNS:
            raise InputError(
                f"meta field {name!r} has the name of a standard column; rename the field in "
                "the gazetteer, or read it with gazetteer[entity_id].meta"
            )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(f"meta names {', '.join(map(repr, repeated))} more than once")
    return names


def _check_count(ids: Any, n: int, n_docs: int) -> None:
    if n != n_docs:
        raise InputError(f"ids has {n} keys but texts had {n_docs} texts; give one key per text")


def _array_or_list(keys: Any) -> Any:
    """``keys`` itself when it is an array (numpy, pandas or Arrow), so that it keeps its type
    even when empty; else its items in a list (a generator is read once)."""
    if any(hasattr(keys, a) for a in ("dtype", "__arrow_c_array__", "__arrow_c_stream__")):
        return keys
    return list(keys)


def check_ids(texts: object, ids: object) -> None:
    """Fails fast, before tagging, when both lengths are known and differ."""
    if ids is None or isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        _ids(texts, ids, 0)
        return
    try:
        n_texts = len(texts)  # type: ignore[arg-type]
        n_ids = len(ids)  # type: ignore[arg-type]
    except TypeError:
        return
    _check_count(ids, n_ids, n_texts)


def _text_dtype() -> Any:
    """pandas' own text dtype: ``str`` on pandas 3, object before."""
    import pandas as pd

    return pd.Series([""]).dtype


def arrow_strings(builder: str, categorical: bool) -> int:
    """The width of the Arrow offsets in which the builder takes its string columns from the
    core, written out row by row (``large_string``: 64, ``string``: 32), or 0 for codes into
    the distinct values: a categorical column, and a frame whose text dtype is no Arrow one
    (pandas before 3, or without pyarrow)."""
    if categorical:
        return 0
    if builder == "table":
        return 32
    return 64 if getattr(_text_dtype(), "storage", None) == "pyarrow" else 0


def _arrow_text(n: int, buffers: tuple[bytes, bytes], large: bool) -> pyarrow.Array:
    """The Arrow string array of the core's offsets and bytes, without a copy."""
    import pyarrow as pa

    offsets, data = buffers
    kind = pa.large_string() if large else pa.string()
    return pa.Array.from_buffers(kind, n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def frame(columns: dict[str, Any], texts: object, ids: object, categorical: bool) -> pd.DataFrame:
    """The DataFrame of `Tagger.tag_frame` from the core's columns."""
    import numpy as np
    import pandas as pd

    n_docs = columns["n_docs"]
    keys = _ids(texts, ids, n_docs)
    positions = np.frombuffer(columns["doc"], dtype=np.int64)
    data: dict[str, Any] = {}
    if keys is None:
        data["doc"] = positions.copy()
    else:
        index = keys if isinstance(keys, pd.Index) else pd.Index(_array_or_list(keys))
        _check_count(keys, len(index), n_docs)
        data["doc"] = index.take(positions)
    data["start"] = np.frombuffer(columns["start"], dtype=np.int64).copy()
    data["end"] = np.frombuffer(columns["end"], dtype=np.int64).copy()
    # pandas' own text dtype: str on pandas 3, object before; also for an empty result. The
    # categories have it too, as after ``astype("category")``, so that the columns combine with
    # other categoricals (``pd.concat``, ``union_categoricals``).
    text_dtype = _text_dtype()
    arrow = columns.get("arrow", {})
    for name in _STRINGS:
        if name in arrow:
            # Written out by the core as pandas keeps them: wrapped, not copied.
            data[name] = pd.array(_arrow_text(columns["n_rows"], arrow[name], True), text_dtype)
            continue
        raw, values = columns[name]
        codes = np.frombuffer(raw, dtype=np.int32)
        if categorical:
            categories = pd.Index(values, dtype=text_dtype)
            data[name] = pd.Categorical.from_codes(codes, categories=categories)
        else:
            data[name] = _text_column(values, codes, text_dtype)
    # Meta columns: code -1 is an entity without the field, NaN (None before pandas 3).
    meta_names = []
    for name, raw, values in columns.get("meta", ()):
        codes = np.frombuffer(raw, dtype=np.int32)
        if categorical:
            categories = pd.Index(values, dtype=text_dtype)
            data[name] = pd.Categorical.from_codes(codes, categories=categories)
        else:
            data[name] = np.array([*values, None], dtype=object)[codes]
        meta_names.append(name)
    df = pd.DataFrame(data, columns=[*COLUMNS, *meta_names])
    # Object columns (pandas before 3, or text not in Arrow) take pandas' text dtype; the
    # Arrow-backed ones have it already, and a cast would copy them (a tenth of a frame).
    if not categorical:
        to_cast = [name for name in (*_STRINGS, *meta_names) if df[name].dtype != text_dtype]
        if to_cast:
            df = df.astype(dict.fromkeys(to_cast, text_dtype))
    result: pd.DataFrame = df
    return result


def _text_column(values: list[str], codes: Any, text_dtype: Any) -> Any:
    """The column of ``values[code]`` for each code. Where pandas keeps text in Arrow (its
    ``str`` dtype on pandas 3), the rows are taken in Arrow from the distinct values, with no
    Python string per row (four times quicker than converting an object array, issue 13);
    otherwise an object array, which the caller casts."""
    import numpy as np

    if getattr(text_dtype, "storage", None) == "pyarrow":
        import pandas as pd
        import pyarrow as pa

        taken = pa.array(values, type=pa.large_string()).take(pa.array(codes))
        return pd.array(taken, dtype=text_dtype)
    return np.array(values, dtype=object)[codes]


def _key_array(pa: Any, keys: Any, what: str) -> pyarrow.Array:
    """The document keys as one Arrow array, or our error for keys Arrow cannot hold in one
    column (mixed types, a MultiIndex): `tag_frame`'s ``doc`` column holds any objects."""
    if isinstance(keys, pa.Array | pa.ChunkedArray):
        return keys
    dtype = getattr(keys, "dtype", None)
    try:
        if getattr(dtype, "kind", "") in ("i", "u", "f", "b") and hasattr(dtype, "na_value"):
            # A pandas nullable dtype (`Int64`, `boolean`): numpy would turn it into floats
            # (2**53 + 1 read back as 2**53) or objects; Arrow takes it as it is, nulls kept.
            return pa.array(keys)
        values = keys.to_numpy() if hasattr(keys, "to_numpy") else _array_or_list(keys)
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise InputTypeError(
            f"{what} cannot be one Arrow column ({type(keys).__name__}: {e}); give keys of"
            " one type (or strings), or use tag_frame, whose doc column holds any objects"
        ) from None


def table(columns: dict[str, Any], texts: object, ids: object, categorical: bool) -> pyarrow.Table:
    """The Arrow table of `Tagger.tag_arrow` from the core's columns."""
    import numpy as np
    import pyarrow as pa

    n = columns["n_rows"]
    n_docs = columns["n_docs"]

    def ints(key: str) -> pa.Array:
        return pa.Array.from_buffers(pa.int64(), n, [None, pa.py_buffer(columns[key])])

    keys = _ids(texts, ids, n_docs)
    doc = ints("doc")
    if keys is not None:
        key_array = _key_array(pa, keys, "ids" if ids is not None else "the Series' index")
        _check_count(keys, len(key_array), n_docs)
        doc = key_array.take(doc)
    arrays: dict[str, Any] = {"doc": doc, "start": ints("start"), "end": ints("end")}
    arrow = columns.get("arrow", {})
    for name in _STRINGS:
        if name in arrow:
            arrays[name] = _arrow_text(n, arrow[name], False)
            continue
        raw, values = columns[name]
        codes = pa.Array.from_buffers(pa.int32(), n, [None, pa.py_buffer(raw)])
        array = pa.DictionaryArray.from_arrays(codes, pa.array(values, type=pa.string()))
        arrays[name] = array if categorical else array.dictionary_decode()
    for name, raw, values in columns.get("meta", ()):
        # Code -1 is an entity without the field: a null.
        codes = np.frombuffer(raw, dtype=np.int32)
        indices = pa.array(codes, mask=codes < 0, type=pa.int32())
        array = pa.DictionaryArray.from_arrays(indices, pa.array(values, type=pa.string()))
        arrays[name] = array if categorical else array.dictionary_decode()
    return pa.table(arrays)
