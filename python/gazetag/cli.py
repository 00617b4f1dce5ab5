"""The ``gazetag`` command line.

``gazetag tag FILE...`` tags text files (``-`` reads standard input) with the embedded Iraq
security gazetteer, or with dictionaries given by ``--gazetteer``, and prints one row per match:
a readable table on a terminal, or ``--format jsonl|csv|tsv`` for pipelines. ``gazetag check
DICT...`` reports what in a dictionary may cost precision.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from gazetag._errors import GazetagError
from gazetag._gazetag import LAYERS, Gazetteer, Match, Tagger
from gazetag._progress import Progress
from gazetag._reports import CheckReport, Problem

__all__ = ["main"]

FORMATS = ("table", "jsonl", "csv", "tsv")
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
        "--format", "-f", choices=FORMATS, default="table", help="output format (default: table)"
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
    return parser


def _read(path: str) -> str:
    """The text as it is in the file: no newline translation, so that offsets count the
    characters of the file itself (a CRLF line end is two) and progress counts its bytes."""
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # replaced by a text stream (tests, notebooks)
            return sys.stdin.read()
        data: bytes = buffer.read()
        return data.decode("utf-8")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


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


def _where(name: str, text: str, m: Match) -> str:
    """``file:line:column`` of a match, both 1-based, as editors and terminals link them."""
    line = text.count("\n", 0, m.start) + 1
    column = m.start - (text.rfind("\n", 0, m.start) + 1) + 1
    return f"{name}:{line}:{column}"


def _write_table(rows: list[tuple[str, str, Match]], out: TextIO) -> None:
    headers = ("where", "text", "entity", "label", "id")
    cells = [
        [_where(name, text, m), _one_line(m.text), m.name, m.label, m.entity_id]
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


def _tag(args: argparse.Namespace) -> int:
    try:
        gazetteer = _gazetteer(args.gazetteer, args.with_default)
        tagger = Tagger(
            gazetteer,
            variants=args.variants,
            overlapping=args.overlapping,
            case_sensitive=args.case_sensitive,
        )
        size = _input_size(args.files)
    except (GazetagError, OSError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    show = args.progress
    if show is None:
        show = sys.stderr.isatty() and size is not None and size >= PROGRESS_CHARS
    progress = Progress(size, unit="B") if show else None
    table: list[tuple[str, str, Match]] = []
    meta = [f.strip() for arg in args.meta for f in arg.split(",") if f.strip()]
    clash = [f for f in meta if f in COLUMNS]
    if clash:
        print(
            f"gazetag: error: --meta {clash[0]}: a standard column has that name", file=sys.stderr
        )
        return 1
    if meta and args.format == "table":
        print("gazetag: error: --meta needs --format csv, tsv or jsonl", file=sys.stderr)
        return 1
    writer = None if args.format == "table" else _Writer(args.format, sys.stdout, meta, gazetteer)
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
    except (GazetagError, OSError, UnicodeDecodeError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    finally:
        if progress is not None:
            progress.close()
    if writer is None:
        _write_table(table, sys.stdout)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (0 ok, 1 bad input, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return _check(args) if args.command == "check" else _tag(args)
    except BrokenPipeError:
        # The reader went away (`gazetag tag ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
