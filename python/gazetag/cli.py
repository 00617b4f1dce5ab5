"""The ``gazetag`` command line.

``gazetag tag FILE... --gazetteer DICT.jsonl [--format table|jsonl|csv]`` tags each file (``-``
reads standard input) and prints one row per match: the file, the ``str`` offsets, the matched
text, the entity and its label.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from gazetag._errors import GazetagError
from gazetag._gazetag import Gazetteer, Match, Tagger

__all__ = ["main"]

FORMATS = ("table", "jsonl", "csv")
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
LAYERS = ("none", "default", "aggressive")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazetag",
        description="Find gazetteer entities in text, however their names are spelled.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    tag = commands.add_parser(
        "tag",
        help="tag text files and print the matches",
        description="Tag text files (UTF-8) and print one row per match.",
    )
    tag.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for stdin")
    tag.add_argument(
        "--gazetteer",
        "-g",
        required=True,
        metavar="DICT",
        help="gazetteer file: gazetag JSONL, one entity record per line",
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
    tag.add_argument("--overlapping", action="store_true", help="report overlapping matches too")
    tag.add_argument(
        "--case-sensitive", action="store_true", help="match every alias in its own case only"
    )
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


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


def _write_table(rows: list[Row], out: TextIO) -> None:
    headers = ("file", "start", "end", "text", "entity_id", "label")
    cells = [
        [name, str(m.start), str(m.end), _one_line(m.text), m.entity_id, m.label]
        for name, m in rows
    ]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    for c, (_, m) in zip(cells, rows):
        also = f" (also: {', '.join(m.entities[1:])})" if len(m.entities) > 1 else ""
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip() + also + "\n")
    out.write(f"{len(rows)} match{'es' if len(rows) != 1 else ''}\n")


def _write(rows: list[Row], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for name, m in rows:
            out.write(json.dumps(_record(name, m), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for name, m in rows:
            writer.writerow({**_record(name, m), "entities": "|".join(m.entities)})
    else:
        _write_table(rows, out)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (0 ok, 1 bad input, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        gazetteer = Gazetteer.from_jsonl(args.gazetteer)
        tagger = Tagger(
            gazetteer,
            variants=args.variants,
            overlapping=args.overlapping,
            case_sensitive=args.case_sensitive,
        )
        texts = [_read(path) for path in args.files]
    except (GazetagError, OSError, UnicodeDecodeError) as e:
        print(f"gazetag: error: {e}", file=sys.stderr)
        return 1
    rows: list[Row] = []
    for path, matches in zip(args.files, tagger.tag_batch(texts), strict=True):
        rows.extend(("<stdin>" if path == "-" else path, m) for m in matches)
    _write(rows, args.format, sys.stdout)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
