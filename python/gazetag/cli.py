"""The ``gazetag`` command line.

``gazetag tag FILE...`` tags text files (``-`` reads standard input) with the embedded Iraq
security gazetteer, or with dictionaries given by ``--gazetteer``, and prints one row per match:
a readable table on a terminal, or ``--format jsonl|csv|tsv|parquet`` for pipelines, or
``--format label-studio|prodigy`` as pre-annotations. With ``--column``, the files are tables
(CSV, TSV, JSONL, Parquet, a folder or glob of Parquet files; see `gazetag._tables`). ``gazetag
check DICT...`` reports what in a dictionary may cost precision. ``gazetag suggest FILE...``
lists the names the gazetteer lacks (see `gazetag.suggest`), as a table or a dictionary file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from gazetag import _tables
from gazetag._columns import COLUMNS as FRAME_COLUMNS
from gazetag._errors import GazetagError, InputError
from gazetag._gazetag import LAYERS, Gazetteer, Match, Tagger
from gazetag._progress import Progress
from gazetag._reports import CheckReport, Problem

__all__ = ["main"]

FORMATS = ("table", "jsonl", "csv", "tsv", "parquet", "label-studio", "prodigy")
# The format an --output file's name asks for when --format is not given.
OUTPUT_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".parquet": "parquet"}
COLUMNS = (
    "file",
    "start",
    "end",
    "text",
    "entity_id",
    "label",
    "name",
    "alias",
    "entities",
    "rule",
)
# Texts are tagged in batches of about this many characters, so output streams and progress
# moves on long jobs while each batch still runs on every core.
BATCH_CHARS = 4 << 20
# Inputs at least this long get a progress bar when standard error is a terminal.
PROGRESS_CHARS = 1 << 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazetag",
        description="Find people, militias, bases and institutions in text, however their "
        "names are spelled.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    tag = commands.add_parser(
        "tag",
        help="tag text files and print the matches",
        description="Tag text files (UTF-8) and print one row per match. Without --gazetteer "
        "the embedded Iraq security gazetteer is used.",
    )
    tag.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for stdin")
    tag.add_argument(
        "--gazetteer",
        "-g",
        action="append",
        metavar="DICT",
        help="a dictionary file (gazetag JSONL, CSV, TSV or spaCy patterns); repeat to "
        "combine several, later ones adding aliases to or overriding earlier ids",
    )
    tag.add_argument(
        "--with-default",
        action="store_true",
        help="start from the embedded gazetteer and add the --gazetteer files to it",
    )
    tag.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="output format (default: from the --output file's name, else table for text files"
        " and csv for tables); label-studio and prodigy write each text with its matches as"
        " pre-annotations",
    )
    tag.add_argument(
        "--column",
        metavar="NAME",
        help="the files are tables (.csv, .tsv, .jsonl, .parquet, or a folder or glob of"
        " Parquet files): tag the text in this column of each row; rows come out with the"
        " columns of Tagger.tag_frame",
    )
    tag.add_argument(
        "--id",
        metavar="NAME",
        help="with --column: the column whose value fills the doc column (default: the row's"
        " position over all the tables, from 0)",
    )
    tag.add_argument(
        "--output", "-o", metavar="PATH", help="write to this file instead of standard output"
    )
    tag.add_argument(
        "--variants",
        choices=LAYERS,
        default="default",
        help="spelling variants to find beyond the core folding (default: default)",
    )
    tag.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="FIELD",
        help="add a field of each entity's meta as a column of the csv, tsv and jsonl formats "
        "(comma-separated or repeated: --meta country,kind)",
    )
    tag.add_argument("--overlapping", action="store_true", help="report overlapping matches too")
    tag.add_argument(
        "--case-sensitive", action="store_true", help="match every alias in its own case only"
    )
    progress = tag.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="show a progress bar on standard error (default: on long inputs at a terminal)",
    )
    progress.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show progress"
    )
    check = commands.add_parser(
        "check",
        help="report duplicate ids, ambiguous, colliding, English-word and short aliases",
        description="Read dictionary files, keep going past bad lines, and report them with "
        "what may cost precision: duplicate ids, aliases shared by several entities, aliases "
        "that collide after folding and variants, aliases that are English words or too "
        "short, acronyms with other meanings to mark ambiguous, and counts per label. Exits 1 "
        "when a line is bad.",
    )
    check.add_argument(
        "dicts", nargs="*", metavar="DICT", help="dictionary files (default: the embedded one)"
    )
    check.add_argument(
        "--variants",
        choices=LAYERS,
        default="default",
        help="the layer to check at (default: default)",
    )
    check.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="report format"
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 on any finding, not only on bad lines"
    )
    _suggest_parser(commands)
    return parser


def _suggest_parser(commands: Any) -> None:
    suggest = commands.add_parser(
        "suggest",
        help="find names to add to the gazetteer: new spellings and unknown names",
        description="Read text files and list the names the gazetteer lacks, ranked by "
        "count: new spellings of its entities and unknown name-like spans, each with a "
        "suggested label and the cue that suggested it. --format csv|jsonl writes a "
        "dictionary file that Gazetteer.read loads and update() merges.",
    )
    suggest.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for stdin")
    suggest.add_argument(
        "--gazetteer", "-g", action="append", metavar="DICT", help="as for gazetag tag"
    )
    suggest.add_argument(
        "--with-default", action="store_true", help="add the --gazetteer files to the embedded one"
    )
    suggest.add_argument(
        "--column",
        metavar="NAME",
        help="read each FILE as a table (.csv, .tsv or .jsonl), one text per row in column NAME",
    )
    suggest.add_argument(
        "--format",
        "-f",
        choices=("table", "csv", "jsonl"),
        default="table",
        help="table to read, or a dictionary file in CSV or JSONL (default: table)",
    )
    suggest.add_argument(
        "--output", "-o", metavar="PATH", help="write to PATH instead of standard output"
    )
    suggest.add_argument(
        "--min-count", type=int, default=2, metavar="N", help="fewest occurrences (default: 2)"
    )
    suggest.add_argument(
        "--place",
        action="append",
        default=[],
        metavar="NAME",
        help="a place name to leave out (repeatable), beyond the built-in table",
    )
    suggest.add_argument(
        "--variants",
        choices=LAYERS,
        default="default",
        help="the tagger's variant layer (default: default)",
    )


def _read(path: str) -> str:
    """The text as it is in the file: no newline translation, so that offsets count the
    characters of the file itself (a CRLF line end is two) and progress counts its bytes."""
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # replaced by a text stream (tests, notebooks)
            return sys.stdin.read()
        data: bytes = buffer.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        name = "<stdin>" if path == "-" else path
        raise InputError(
            f"{name}: not UTF-8 text: byte 0x{data[e.start]:02x} at byte offset {e.start} "
            f"({e.reason}); convert the file to UTF-8 first"
        ) from None


def _gazetteer(paths: Sequence[str] | None, with_default: bool) -> Gazetteer:
    if not paths:
        return Gazetteer.default()
    g = Gazetteer.default() if with_default else Gazetteer()
    for path in paths:
        g.update(Gazetteer.read(path))
    return g


Row = tuple[str, Match]


def _record(name: str, m: Match) -> dict[str, object]:
    return {
        "file": name,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "entity_id": m.entity_id,
        "label": m.label,
        "name": m.name,
        "alias": m.alias,
        "entities": list(m.entities),
        "rule": m.rule,
    }


def _one_line(text: str) -> str:
    """Shows line breaks and tabs inside a match without breaking the table."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


class _Lines:
    """``file:line:column`` of the matches of one text, both 1-based, as editors and terminals
    link them. Matches come sorted by start, so each call counts the line breaks only from the
    previous match on: the whole table costs one pass over the text (issue 15.3)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0  # offsets before this one are counted
        self.line = 1  # the line `at` is on
        self.line_start = 0  # where that line starts

    def where(self, name: str, start: int) -> str:
        if start < self.at:  # out of order: count again from the start
            self.at, self.line, self.line_start = 0, 1, 0
        breaks = self.text.count("\n", self.at, start)
        if breaks:
            self.line += breaks
            self.line_start = self.text.rfind("\n", self.at, start) + 1
        self.at = start
        return f"{name}:{self.line}:{start - self.line_start + 1}"


def _write_table(rows: list[tuple[str, str, Match]], out: TextIO) -> None:
    headers = ("where", "text", "entity", "label", "id")
    lines: dict[int, _Lines] = {}  # by the id of each text: one counter per text
    cells = [
        [
            lines.setdefault(id(text), _Lines(text)).where(name, m.start),
            _one_line(m.text),
            m.name,
            m.label,
            m.entity_id,
        ]
        for name, text, m in rows
    ]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    for c, (_, _, m) in zip(cells, rows):
        also = f" (also: {', '.join(m.entities[1:])})" if len(m.entities) > 1 else ""
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip() + also + "\n")
    out.write(f"{len(rows)} match{'es' if len(rows) != 1 else ''}\n")


class _Writer:
    """Writes rows as they come, in a streaming format."""

    def __init__(
        self, fmt: str, out: TextIO, meta: Sequence[str] = (), gazetteer: Gazetteer | None = None
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.meta = list(meta)
        self.gazetteer = gazetteer
        # Each entity's meta fields, looked up once.
        self.cache: dict[str, dict[str, object]] = {}
        self.csv: csv.DictWriter[str] | None = None
        if fmt in ("csv", "tsv"):
            self.csv = csv.DictWriter(
                out,
                fieldnames=[*COLUMNS, *self.meta],
                lineterminator="\n",
                delimiter="," if fmt == "csv" else "\t",
            )
            self.csv.writeheader()

    def _meta(self, entity_id: str) -> dict[str, object]:
        if not self.meta or self.gazetteer is None:
            return {}
        fields = self.cache.get(entity_id)
        if fields is None:
            meta = self.gazetteer[entity_id].meta
            fields = self.cache[entity_id] = {f: meta.get(f) for f in self.meta}
        return fields

    def write(self, name: str, m: Match) -> None:
        fields = self._meta(m.entity_id)
        if self.csv is not None:
            # As in tag_frame(meta=...): a str as it is, another value as JSON, None empty.
            cells = {
                f: v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False)
                for f, v in fields.items()
            }
            self.csv.writerow({**_record(name, m), "entities": "|".join(m.entities), **cells})
        else:
            record = {**_record(name, m), **fields}
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _batches(paths: Sequence[str]) -> Iterator[list[tuple[str, str]]]:
    """(name, text) pairs in batches of about BATCH_CHARS characters."""
    batch: list[tuple[str, str]] = []
    size = 0
    for path in paths:
        text = _read(path)
        batch.append(("<stdin>" if path == "-" else path, text))
        size += len(text)
        if size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _input_size(paths: Sequence[str]) -> int | None:
    """The inputs' total size in bytes, or None when one is standard input."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        total += os.path.getsize(path)
    return total


def _resolve_format(args: argparse.Namespace) -> str:
    """The output format: as given, else from the --output file's name, else the default."""
    if args.format is not None:
        fmt: str = args.format
    elif args.output is not None and Path(args.output).suffix.lower() in OUTPUT_SUFFIXES:
        fmt = OUTPUT_SUFFIXES[Path(args.output).suffix.lower()]
    else:
        fmt = "table" if args.column is None else "csv"
    if args.id is not None and args.column is None:
        raise InputError("--id names a table column: give --column too")
    if fmt == "table" and args.column is not None:
        raise InputError(
            "--format table is for text files; for tables use csv, tsv, jsonl, parquet,"
            " label-studio or prodigy"
        )
    if fmt == "parquet" and args.output is None:
        raise InputError("--format parquet writes a file: give --output FILE.parquet")
    return fmt


def _sink(
    fmt: str, args: argparse.Namespace, out: TextIO, key_name: str, key_type: Any
) -> _tables.Sink:
    if fmt == "parquet":
        columns = COLUMNS if args.column is None else FRAME_COLUMNS
        return _tables.ParquetSink(args.output, columns, key_type)
    if fmt in _tables.DOC_FORMATS:
        return _tables.DocSink(fmt, out, key_name)
    return _tables.RowSink(fmt, out)


def _show_progress(args: argparse.Namespace, size: int | None) -> bool:
    if args.progress is None:
        return sys.stderr.isatty() and size is not None and size >= PROGRESS_CHARS
    return bool(args.progress)


def _tag_tables(args: argparse.Namespace, tagger: Tagger, fmt: str, paths: list[str]) -> int:
    """``gazetag tag --column NAME TABLE...``: every row's text, streamed batch by batch."""
    kinds = {_tables.kind(p) for p in paths}
    size = _input_size(paths)
    progress = None
    if _show_progress(args, size):
        progress = Progress(_tables.parquet_rows(paths), unit="doc")
    key_type = None
    if fmt == "parquet":
        pa = _tables.pyarrow("--format parquet")
        if args.id is None:
            key_type = pa.int64()
        elif kinds <= {"csv", "tsv"}:
            key_type = pa.string()
    out, close = _tables.open_text(None if fmt == "parquet" else args.output, sys.stdout)
    try:
        sink = _sink(fmt, args, out, "doc" if args.id is None else args.id, key_type)
        batches = _tables.batches(paths, args.column, args.id, BATCH_CHARS)
        missing = _tables.run(batches, tagger, sink, progress)
    finally:
        close()
    if missing:
        print(
            f"gazetag: {missing} row{'s' if missing != 1 else ''} had no text in column"
            f" {args.column!r} (null); {'they have' if missing != 1 else 'it has'} no matches",
            file=sys.stderr,
        )
    return 0


def _tag_files_as(args: argparse.Namespace, tagger: Tagger, fmt: str, size: int | None) -> int:
    """Text files to Parquet rows, Label Studio tasks or Prodigy examples."""

    def batches() -> Iterator[_tables.Batch]:
        for batch in _batches(args.files):
            texts = [text for _, text in batch]
            yield _tables.Batch(
                texts=texts,
                present=[True] * len(batch),
                keys=[name for name, _ in batch],
                chars=sum(len(t) for t in texts),
                path=batch[-1][0],
            )

    progress = Progress(len(args.files), unit="file") if _show_progress(args, size) else None
    key_type = _tables.pyarrow("--format parquet").string() if fmt == "parquet" else None
    out, close = _tables.open_text(None if fmt == "parquet" else args.output, sys.stdout)
    try:
        sink = _sink(fmt, args, out, "file", key_type)
        _tables.run(batches(), tagger, sink, progress)
    finally:
        close()
    return 0


def _tag(args: argparse.Namespace) -> int:
    meta = [f.strip() for arg in args.meta for f in arg.split(",") if f.strip()]
    clash = [f for f in meta if f in COLUMNS]
    if clash:
        print(
            f"gazetag: error: --meta {clash[0]}: a standard column has that name", file=sys.stderr
        )
        return 1
    try:
        fmt = _resolve_format(args)
        # Checked before any other path is taken: each of them went on without the fields.
        if meta and (fmt not in ("csv", "tsv", "jsonl") or args.column is not None):
            print(
                "gazetag: error: --meta needs --format csv, tsv or jsonl, and text files (not"
                " --column); tag a table with Tagger.tag_frame(..., meta=[...]) in Python",
                file=sys.stderr,
            )
            return 1
        # Bad table arguments fail before the tagger is compiled, which takes seconds.
        paths = None if args.column is None else _tables.expand(args.files)
        for path in paths or ():
            _tables.kind(path)
        gazetteer = _gazetteer(args.gazetteer, args.with_default)
        tagger = Tagger(
            gazetteer,
            variants=args.variants,
            overlapping=args.overlapping,
            case_sensitive=args.case_sensitive,
        )
        if paths is not None:
            return _tag_tables(args, tagger, fmt, paths)
        size = _input_size(args.files)
        if fmt == "parquet" or fmt in _tables.DOC_FORMATS:
            return _tag_files_as(args, tagger, fmt, size)
    except BrokenPipeError:
        raise
    except (GazetagError, OSError, UnicodeDecodeError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    show = args.progress
    if show is None:
        show = sys.stderr.isatty() and size is not None and size >= PROGRESS_CHARS
    progress = Progress(size, unit="B") if show else None
    table: list[tuple[str, str, Match]] = []
    try:
        out, close = _tables.open_text(args.output, sys.stdout)
    except OSError as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    writer = None if fmt == "table" else _Writer(fmt, out, meta, gazetteer)
    try:
        for batch in _batches(args.files):
            results = tagger.tag_batch([text for _, text in batch])
            for (name, text), matches in zip(batch, results, strict=True):
                for m in matches:
                    if writer is None:
                        table.append((name, text, m))
                    else:
                        writer.write(name, m)
            if progress is not None:
                progress.update(
                    sum(len(text.encode("utf-8")) for _, text in batch),
                    chars=sum(len(text) for _, text in batch),
                )
    except BrokenPipeError:
        raise
    except OSError as e:
        if e.filename is None:  # writing the output failed (a full disk): main reports it
            raise
        close()
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    except (GazetagError, UnicodeDecodeError) as e:
        close()
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            progress.close()
    if writer is None:
        _write_table(table, out)
    close()
    return 0


def _check(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer()
    problems: list[Problem] = []
    try:
        if not args.dicts:
            gazetteer = Gazetteer.default()
        for path in args.dicts:
            part, loaded = Gazetteer.read(path, on_error="collect")
            problems.extend(loaded.problems)
            ids = [e.id for e in part if e.id in gazetteer]
            problems.extend(
                Problem(path, None, f"{path}: entity id {i!r} is also in an earlier file")
                for i in ids
            )
            gazetteer.update(part)
        report = gazetteer.check(args.variants)
    except (GazetagError, OSError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    full = CheckReport(
        variants=report.variants,
        labels=report.labels,
        shared=report.shared,
        collisions=report.collisions,
        english=report.english,
        short=report.short,
        ambiguous=report.ambiguous,
        problems=tuple(problems),
    )
    if args.format == "json":
        print(json.dumps(full.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(full)
    return 1 if not full.ok or (args.strict and full.warnings) else 0


def _table_texts(path: str, column: str) -> Iterator[tuple[str, str]]:
    """(where, text) of each row of a CSV, TSV or JSONL file's ``column``."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in (".csv", ".tsv", ".jsonl", ".ndjson"):
        raise ValueError(f"{path}: --column reads .csv, .tsv or .jsonl files, not {suffix!r}")
    data = _read(path)
    if suffix in (".csv", ".tsv"):
        rows = csv.DictReader(io.StringIO(data), delimiter="," if suffix == ".csv" else "\t")
        if rows.fieldnames is None or column not in rows.fieldnames:
            raise ValueError(f"{path}: no column {column!r} (columns: {rows.fieldnames or []})")
        if list(rows.fieldnames).count(column) > 1:
            raise ValueError(f"{path}:1: column {column!r} appears twice")
        for row in rows:
            value = row.get(column)
            if value is not None:
                yield f"{path}:{rows.line_num}", value
        return
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        record = _tables.json_record(line, f"{path}:{number}", (column,))
        if not isinstance(record, dict) or column not in record:
            raise ValueError(f"{path}:{number}: no field {column!r}")
        value = record[column]
        if not isinstance(value, str):
            raise ValueError(f"{path}:{number}: {column!r} is not a string")
        yield f"{path}:{number}", value


def _suggest(args: argparse.Namespace) -> int:
    from gazetag.suggest import suggest

    try:
        tagger = Tagger(_gazetteer(args.gazetteer, args.with_default), variants=args.variants)
        names: list[str] = []

        def texts() -> Iterator[str]:
            for path in args.files:
                if args.column:
                    for where, text in _table_texts(path, args.column):
                        names.append(where)
                        yield text
                else:
                    names.append("<stdin>" if path == "-" else path)
                    yield _read(path)

        found = suggest(tagger, texts(), args.min_count, places=args.place)
        if args.format == "table":
            out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
            try:
                _write_suggestions(found, names, out)
            finally:
                if args.output:
                    out.close()
        elif args.output:
            found.write(args.output, args.format)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, f"suggested.{args.format}")
                found.write(path, args.format)
                with open(path, encoding="utf-8", newline="") as f:
                    sys.stdout.write(f.read())
    except BrokenPipeError:
        raise
    except (GazetagError, OSError, UnicodeDecodeError, ValueError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    return 0


def _write_suggestions(found: Any, names: list[str], out: TextIO) -> None:
    headers = ("count", "text", "label", "cue", "entity", "first seen")
    cells = []
    for s in found:
        where = ""
        if s.contexts:
            c = s.contexts[0]
            where = f"{names[c.doc] if c.doc < len(names) else c.doc}@{c.start}"
        entity = f"spelling of {s.entity_id}" if s.entity_id else "new"
        acronym = f" ({s.acronym})" if s.acronym else ""
        cells.append([str(s.count), s.text + acronym, s.label, s.cue, entity, where])
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    for c in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip() + "\n")
    out.write(f"{len(cells)} candidate{'s' if len(cells) != 1 else ''}\n")


def _drop_stdout() -> None:
    """Sends what is left in standard output's buffer nowhere, so that the flush at exit does
    not fail a second time with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # no file descriptor (tests)
        pass


# Exit statuses beyond 0 (ok), 1 (bad input or a failure) and 2 (usage): the shell's for a
# process stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (0 ok, 1 bad input or a failure such as
    a full disk or no memory, 2 usage, 130 interrupted by Ctrl-C). Each failure is one line on
    standard error, never a traceback."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "suggest":
            status = _suggest(args)
        else:
            status = _check(args) if args.command == "check" else _tag(args)
        sys.stdout.flush()  # a full disk shows here, not at exit
        return status
    except BrokenPipeError:
        # The reader went away (`gazetag tag ... | head`): stop quietly, as Unix tools do.
        _drop_stdout()
        return 0
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: no traceback either
        _drop_stdout()
        print("gazetag: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        print("gazetag: error: out of memory; tag fewer or smaller files at once",
              file=sys.stderr)
        return 1
    except OSError as e:
        # Writing the output failed: a full disk (ENOSPC), a closed terminal, ...
        _drop_stdout()
        print(f"gazetag: error: cannot write the output: {e.strerror or e}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
