"""Tables in and out for ``gazetag tag``.

With ``--column``, the command's inputs are tables (CSV, TSV, JSONL, Parquet; a folder or a
glob of Parquet files) and each row's text is tagged. This module reads them in chunks, so a
table larger than memory streams through, and writes the matches as CSV, TSV, JSONL or Parquet
with the columns of `Tagger.tag_frame`, or as Label Studio tasks or Prodigy examples
(`gazetag.export`). It promises:

- Errors name the file (and the line, for text formats): a missing column, text that is not
  UTF-8, a corrupt Parquet file, a text cell that is not text. They are `InputError`.
- A missing text (an empty CSV cell is an empty text; a JSON ``null`` or a Parquet null is
  missing) has no matches, and the run ends with a note of how many there were.
- pyarrow is imported only to read or write Parquet; without it those raise `InputError`
  saying how to install it.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from gazetag._columns import COLUMNS as FRAME_COLUMNS
from gazetag._errors import InputError
from gazetag._gazetag import Match, Tagger
from gazetag._progress import Progress
from gazetag.export import to_label_studio, to_prodigy

SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# Formats that write whole texts, one record per text rather than one row per match.
DOC_FORMATS = ("label-studio", "prodigy")
# Rows read at a time from one file; batches for the tagger gather chunks up to a size in
# characters (the caller's), so a batch runs on every core and output streams.
CHUNK_ROWS = 2048


def pyarrow(what: str) -> Any:
    """pyarrow with its Parquet module, or an InputError saying ``what`` needs it."""
    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401
    except ImportError as e:
        raise InputError(
            f"{what} needs pyarrow, which is not installed: pip install pyarrow"
            " (or gazetag's [arrow] extra)"
        ) from e
    return pa


def expand(paths: Sequence[str]) -> list[str]:
    """The table files: each argument as it is, a folder's Parquet files (its partitions too,
    skipping hidden and ``_``-prefixed names as Spark and Hive write them), or a glob's
    matches when no file has that name."""
    files: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            root = Path(path)
            found = sorted(
                str(p)
                for p in root.rglob("*")
                if p.suffix.lower() in (".parquet", ".pq")
                and p.is_file()
                and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts)
            )
            if not found:
                raise InputError(f"{path}: a folder with no .parquet file in it")
            files.extend(found)
        elif path != "-" and not os.path.exists(path) and any(c in path for c in "*?["):
            found = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            if not found:
                raise InputError(f"no file matches {path!r}")
            files.extend(found)
        else:
            files.append(path)
    return files


def kind(path: str) -> str:
    """The table format of a file, from its name; CSV for standard input."""
    if path == "-":
        return "csv"
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise InputError(
            f"{path}: cannot tell the table's format from its name;"
            " name it .csv, .tsv, .jsonl or .parquet"
        )
    return found


def parquet_rows(paths: Sequence[str]) -> int | None:
    """How many rows the tables have, when every one is Parquet (read from their footers)."""
    if not paths or any(kind(p) != "parquet" for p in paths):
        return None
    pa = pyarrow("reading Parquet")
    total = 0
    for path in paths:
        try:
            total += pa.parquet.ParquetFile(path).metadata.num_rows
        except (pa.ArrowException, OSError) as e:
            raise InputError(f"{path}: not a readable Parquet file ({e})") from e
    return total


@dataclass
class Chunk:
    """Rows of one file: their texts (None when missing) and keys (None without ``--id``)."""

    path: str
    texts: list[str | None]
    keys: list[Any] | None


def _missing_column(name: str, column: str, columns: Sequence[str]) -> InputError:
    shown = ", ".join(repr(c) for c in columns[:20]) + (", ..." if len(columns) > 20 else "")
    return InputError(f"{name}: no column {column!r}; its columns are {shown}")


def _undecodable(name: str, e: UnicodeDecodeError) -> InputError:
    byte = e.object[e.start : e.start + 1].hex()
    return InputError(f"{name}: not UTF-8 text (byte 0x{byte}); save it as UTF-8")


def _read_csv(path: str, column: str, id_column: str | None, delimiter: str) -> Iterator[Chunk]:
    name = "<stdin>" if path == "-" else path
    # Excel's CSV starts with a byte order mark: utf-8-sig drops it from the first column name.
    f: TextIO
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        f = sys.stdin if buffer is None else io.TextIOWrapper(buffer, "utf-8-sig", newline="")
    else:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    # A news story can be longer than the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(f, delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{name}: empty, not even a header row")
        if column not in header:
            raise _missing_column(name, column, header)
        for wanted in (column, id_column):
            if wanted is not None and header.count(wanted) > 1:
                raise InputError(f"{name}:1: column {wanted!r} appears twice")
        at = header.index(column)
        key_at = None
        if id_column is not None:
            if id_column not in header:
                raise _missing_column(name, id_column, header)
            key_at = header.index(id_column)
        need = max(at, -1 if key_at is None else key_at)
        texts: list[str | None] = []
        keys: list[Any] | None = None if key_at is None else []
        for row in reader:
            if not row:  # a blank line
                continue
            if len(row) <= need:
                raise InputError(
                    f"{name}:{reader.line_num}: {len(row)} fields, but the header has"
                    f" {len(header)}; quote fields holding {delimiter!r} or line breaks"
                )
            texts.append(row[at])
            if keys is not None and key_at is not None:
                keys.append(row[key_at])
            if len(texts) >= CHUNK_ROWS:
                yield Chunk(name, texts, keys)
                texts, keys = [], (None if keys is None else [])
        if texts:
            yield Chunk(name, texts, keys)
    except UnicodeDecodeError as e:
        raise _undecodable(name, e) from e
    except csv.Error as e:
        raise InputError(f"{name}:{reader.line_num}: {e}") from e
    finally:
        if path == "-":
            if isinstance(f, io.TextIOWrapper) and f is not sys.stdin:
                f.detach()  # leave standard input open
        else:
            f.close()


def json_record(line: str, where: str, columns: Sequence[str]) -> Any:
    """The JSON value of one line, refusing an object that names one of ``columns`` twice.

    ``json.loads`` keeps the last value of a key named twice: a line with two ``"text"`` keys
    would have its first text left untagged without a word.

    Raises:
        InputError: the line is not JSON, or names one of ``columns`` twice.
    """

    def once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        record = dict(pairs)
        if len(record) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen and key in columns:
                    raise InputError(
                        f"{where}: names the key {key!r} twice in one object (which is meant?)"
                    )
                seen.add(key)
        return record

    try:
        return json.loads(line, object_pairs_hook=once)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not JSON ({e.msg})") from e


def _read_jsonl(path: str, column: str, id_column: str | None) -> Iterator[Chunk]:
    texts: list[str | None] = []
    keys: list[Any] | None = None if id_column is None else []
    wanted = (column,) if id_column is None else (column, id_column)
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as e:
                raise _undecodable(f"{path}:{number}", e) from e
            if not line.strip():
                continue
            record = json_record(line, f"{path}:{number}", wanted)
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}: a JSON {type(record).__name__}, not an object")
            if column not in record:
                raise _missing_column(f"{path}:{number}", column, list(record))
            text = record[column]
            if text is not None and not isinstance(text, str):
                raise InputError(
                    f"{path}:{number}: {column!r} holds a {type(text).__name__}, not text"
                )
            texts.append(text)
            if keys is not None and id_column is not None:
                if id_column not in record:
                    raise _missing_column(f"{path}:{number}", id_column, list(record))
                keys.append(record[id_column])
            if len(texts) >= CHUNK_ROWS:
                yield Chunk(path, texts, keys)
                texts, keys = [], (None if keys is None else [])
    if texts:
        yield Chunk(path, texts, keys)


def _read_parquet(path: str, column: str, id_column: str | None) -> Iterator[Chunk]:
    pa = pyarrow(f"reading {path}")
    try:
        reader = pa.parquet.ParquetFile(path)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: not a readable Parquet file ({e})") from e
    schema = reader.schema_arrow
    for wanted in (column,) if id_column is None else (column, id_column):
        if wanted not in schema.names:
            raise _missing_column(path, wanted, schema.names)
    kind_ = schema.field(column).type
    if pa.types.is_dictionary(kind_):
        kind_ = kind_.value_type
    if not (pa.types.is_string(kind_) or pa.types.is_large_string(kind_) or _is_view(pa, kind_)):
        raise InputError(f"{path}: column {column!r} holds {kind_}, not text")
    columns = [column] if id_column is None else [column, id_column]
    try:
        for batch in reader.iter_batches(batch_size=CHUNK_ROWS, columns=columns):
            texts = batch.column(0).to_pylist()
            keys = None if id_column is None else batch.column(1).to_pylist()
            yield Chunk(path, texts, keys)
    except UnicodeDecodeError as e:
        raise _undecodable(path, e) from e
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: cannot read it as Parquet ({e})") from e


def _is_view(pa: Any, kind_: Any) -> bool:
    is_view = getattr(pa.types, "is_string_view", None)
    return bool(is_view is not None and is_view(kind_))


def read(path: str, column: str, id_column: str | None) -> Iterator[Chunk]:
    """The rows of one table, in chunks."""
    found = kind(path)
    if found == "parquet":
        return _read_parquet(path, column, id_column)
    if found == "jsonl":
        return _read_jsonl(path, column, id_column)
    return _read_csv(path, column, id_column, "," if found == "csv" else "\t")


@dataclass
class Batch:
    """Texts to tag at once: missing ones as empty texts, with their keys and where they end."""

    texts: list[str] = field(default_factory=list)
    present: list[bool] = field(default_factory=list)
    keys: list[Any] = field(default_factory=list)
    chars: int = 0
    path: str = ""


def batches(
    paths: Sequence[str], column: str, id_column: str | None, batch_chars: int
) -> Iterator[Batch]:
    """Every table's rows in batches of about ``batch_chars`` characters. Without an id
    column, a row's key is its position counted over all the tables, from 0."""
    batch = Batch()
    position = 0
    for path in paths:
        for chunk in read(path, column, id_column):
            n = len(chunk.texts)
            batch.path = chunk.path
            batch.texts.extend("" if t is None else t for t in chunk.texts)
            batch.present.extend(t is not None for t in chunk.texts)
            batch.keys.extend(range(position, position + n) if chunk.keys is None else chunk.keys)
            batch.chars += sum(len(t) for t in chunk.texts if t is not None)
            position += n
            if batch.chars >= batch_chars:
                yield batch
                batch = Batch()
    if batch.texts:
        yield batch


class Sink:
    """Writes the matches of batches of texts in one output format."""

    def tag(self, tagger: Tagger, batch: Batch) -> None:
        """Tags a batch and writes its matches."""
        self.write(batch, tagger.tag_batch(batch.texts))

    def write(self, batch: Batch, results: list[list[Match]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Ends the output (a closing bracket, a Parquet footer)."""


def _frame_record(key: Any, m: Match) -> dict[str, Any]:
    """A row with `Tagger.tag_frame`'s columns and values (``entities`` joined by ``|``)."""
    return {
        "doc": key,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "label": m.label,
        "entity_id": m.entity_id,
        "name": m.name,
        "alias": m.alias,
        "rule": m.rule,
        "entities": "|".join(m.entities),
    }


class RowSink(Sink):
    """CSV, TSV or JSONL rows with the columns of `Tagger.tag_frame`."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.out = out
        self.csv = None
        if fmt != "jsonl":
            self.csv = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            self.csv.writerow(FRAME_COLUMNS)

    def write(self, batch: Batch, results: list[list[Match]]) -> None:
        for key, matches in zip(batch.keys, results, strict=True):
            for m in matches:
                record = _frame_record(key, m)
                if self.csv is not None:
                    self.csv.writerow(record.values())
                else:
                    self.out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


class ParquetSink(Sink):
    """A Parquet file with the columns ``columns`` (the first holds the key), written one row
    group per batch."""

    def __init__(self, path: str, columns: Sequence[str], key_type: Any) -> None:
        self.pa = pyarrow("--format parquet")
        self.path = path
        self.columns = tuple(columns)
        self.key_type = key_type
        self.writer: Any = None

    def _schema(self, keys: list[Any]) -> Any:
        pa = self.pa
        if self.key_type is None:
            self.key_type = pa.array(keys).type if keys else pa.string()
        ints = {"start", "end"}
        return pa.schema(
            [
                (c, self.key_type if i == 0 else pa.int64() if c in ints else pa.string())
                for i, c in enumerate(self.columns)
            ]
        )

    def tag(self, tagger: Tagger, batch: Batch) -> None:
        # Tagger.tag_arrow builds the columns in Rust: no Python object per match.
        pa = self.pa
        if self.writer is None:
            try:
                schema = self._schema(batch.keys)
            except pa.ArrowException as e:
                raise InputError(f"{batch.path}: the ids do not make one column ({e})") from e
            self.writer = pa.parquet.ParquetWriter(self.path, schema)
        schema = self.writer.schema
        try:
            keys = pa.array(batch.keys, type=schema.field(0).type)
        except (pa.ArrowException, TypeError, ValueError) as e:
            raise InputError(
                f"{batch.path}: its ids are not of the type of earlier ones"
                f" ({schema.field(0).type}): {e}"
            ) from e
        table = tagger.tag_arrow(batch.texts, ids=keys)
        table = table.rename_columns([self.columns[0], *table.column_names[1:]])
        self.writer.write_table(table.select(list(self.columns)).cast(schema))

    def close(self) -> None:
        if self.writer is None:  # no batch at all: an empty table with the columns
            self.writer = self.pa.parquet.ParquetWriter(self.path, self._schema([]))
        self.writer.close()


class DocSink(Sink):
    """One record per text: a Label Studio task (in one JSON array) or a Prodigy example (a
    JSONL line). A missing text has nothing to annotate and is left out."""

    def __init__(self, fmt: str, out: TextIO, key_name: str) -> None:
        self.fmt = fmt
        self.out = out
        self.key_name = key_name
        self.first = True
        if fmt == "label-studio":
            out.write("[")

    def write(self, batch: Batch, results: list[list[Match]]) -> None:
        for text, present, key, matches in zip(
            batch.texts, batch.present, batch.keys, results, strict=True
        ):
            if not present:
                continue
            if self.fmt == "label-studio":
                task = to_label_studio(text, matches, data={self.key_name: key})
                sep = "\n" if self.first else ",\n"
                self.out.write(sep + json.dumps(task, ensure_ascii=False, default=str))
            else:
                example = to_prodigy(text, matches, meta={self.key_name: key})
                self.out.write(json.dumps(example, ensure_ascii=False, default=str) + "\n")
            self.first = False

    def close(self) -> None:
        if self.fmt == "label-studio":
            self.out.write("\n]\n")


def run(
    batches: Iterator[Batch],
    tagger: Tagger,
    sink: Sink,
    progress: Progress | None,
    counted: Callable[[Batch], int] = lambda b: len(b.texts),
) -> int:
    """Tags every batch into ``sink``; returns how many texts were missing."""
    missing = 0
    try:
        for batch in batches:
            sink.tag(tagger, batch)
            missing += batch.present.count(False)
            if progress is not None:
                progress.update(counted(batch), chars=batch.chars)
    finally:
        if progress is not None:
            progress.close()
    sink.close()
    return missing


def open_text(path: str | None, stdout: TextIO) -> tuple[TextIO, Callable[[], None]]:
    """The stream to write text output to, and how to close it."""
    if path is None:
        return stdout, lambda: None
    f: IO[str] = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    return f, f.close  # type: ignore[return-value]
