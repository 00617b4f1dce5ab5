"""Precision and recall of gazetag on hand-annotated news passages.

Usage (from the repository root, with gazetag installed in the active environment)::

    python bench/precision_recall.py --check        # only validate bench/eval/passages.txt
    python bench/precision_recall.py                # score the embedded gazetteer
    python bench/precision_recall.py --errors       # ... and print every FP and FN in context
    python bench/precision_recall.py --gazetteer examples/iraq_sample.jsonl --variants none
    python bench/precision_recall.py --json results.json

Options: ``--passages PATH`` (default ``bench/eval/passages.txt``); ``--gazetteer PATH``
(repeatable) tags with the entities of the given JSONL files, merged, instead of the default
gazetteer; ``--variants none|default|aggressive`` (default: the tagger's own default);
``--errors``; ``--json PATH`` writes the numbers as JSON; ``--context N`` sets how many characters
of text ``--errors`` shows either side of a span.

The gazetteer: ``gazetag.Tagger.default()`` when gazetag has it, else the entities of every
``python/gazetag/data/*.jsonl``, each read with ``Gazetteer.from_jsonl``, merged with
``Gazetteer.from_records`` (an id found in two files is kept from the first, with a warning).

The passages file: ``=== <passage id> ===`` lines start passages; the lines up to the next header
are the passage (leading and trailing blank lines dropped, inner newlines kept). Each gold
mention is written inline as ``[[surface text|LABEL|entity-id]]``: LABEL is PERSON, MILITIA,
BASE or INSTITUTION and entity-id a slug (lowercase ASCII letters and digits joined by single
hyphens). The plain text is the passage with each markup replaced by its surface text; gold
spans are ``(start, end)`` offsets into it in Python ``str`` code points. Malformed markup (an
unclosed ``[[``, a stray ``]]``, a wrong field count, an unknown label, a bad slug, a surface
with outer white space or starting with "the ", one id with two labels) raises ``MarkupError``
naming the line and column; the script then prints it and exits with status 1.

Annotation conventions: the span is the name as written, with an article that belongs to the
name (``al-Kadhimi``) but never "the", titles ("Prime Minister", "Grand Ayatollah") or a
possessive ``'s``, nor a country before an institution ("Iraq's" Foreign Ministry); the
facility word written with a base's name is inside the span (``Al Asad Airbase``, ``Camp Taji``,
``Ain al-Asad air base``, ``Abu Ghraib prison``, ``Erbil airport``); a parenthesised acronym or
Arabic form is a mention of its own. Cities, provinces and countries are not annotated (a town
that names a base is, when the text means the base), nor are common nouns standing for an
institution ("the coalition", "parliament", "the ministry"); a generic name that carries its
country is annotated whole, as the country's body ("Iraqi government", "Iraq's parliament",
"US military", "US-led coalition").

Scoring, mention by mention:

- **strict**: a prediction is a true positive when its ``(start, end)`` equals a gold span and
  its ``entity_id`` equals the gold id; each gold span counts once.
- **lenient**: a prediction is a true positive when its span overlaps a gold span not yet
  matched and the gold id is one of ``match.entities`` (so ambiguous matches count).
- Every other prediction is a false positive, every unmatched gold span a false negative.
  Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean (0 when undefined).
  Per label, TP and FN are counted under the gold label and FP under the tagger's label;
  "predicted" is TP + FP.
- Gold ids absent from the gazetteer stay in the counts (they are honest recall misses); the
  report lists them separately as "not in dictionary", and the table's ``FN-nodict`` column
  says how many of the FN they account for.

The script measures and does not assert: it exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PASSAGES = ROOT / "bench" / "eval" / "passages.txt"
DATA_DIR = ROOT / "python" / "gazetag" / "data"
LABELS: tuple[str, ...] = ("PERSON", "MILITIA", "BASE", "INSTITUTION")
VARIANTS: tuple[str, ...] = ("none", "default", "aggressive")
HEADER = re.compile(r"^=== *(?P<pid>\S+) *===\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OPEN, CLOSE, SEP = "[[", "]]", "|"
ALL = "all"


class MarkupError(ValueError):
    """The passages file is malformed; the message names the line and column."""


@dataclass(frozen=True)
class Gold:
    """One annotated mention."""

    start: int
    end: int
    label: str
    entity_id: str
    text: str


@dataclass(frozen=True)
class Passage:
    """One passage: its id, plain text and gold mentions (sorted by start)."""

    pid: str
    text: str
    gold: tuple[Gold, ...]
    line: int  # line number of the header, 1-based


@dataclass(frozen=True)
class Pred:
    """One prediction of the tagger, detached from gazetag's Match."""

    start: int
    end: int
    text: str
    entity_id: str
    label: str
    entities: tuple[str, ...]
    rule: str


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _position(raw: str, offset: int, first_line: int) -> str:
    """``line:col`` (1-based) of ``offset`` in ``raw``, whose first line is ``first_line``."""
    before = raw[:offset]
    line = first_line + before.count("\n")
    col = offset - (before.rfind("\n") + 1) + 1
    return f"{line}:{col}"


def parse_passage(pid: str, raw: str, first_line: int, where: str) -> Passage:
    """Strips the markup of one passage's raw text; ``first_line`` is the line of ``raw[0]``."""
    plain: list[str] = []
    gold: list[Gold] = []
    length = 0  # len("".join(plain)), kept as we go
    i = 0
    while i < len(raw):
        o = raw.find(OPEN, i)
        c = raw.find(CLOSE, i)
        if c != -1 and (o == -1 or c < o):
            raise MarkupError(f"{where}:{_position(raw, c, first_line)}: ']]' without '[['")
        if o == -1:
            plain.append(raw[i:])
            break
        plain.append(raw[i:o])
        length += o - i
        c = raw.find(CLOSE, o + len(OPEN))
        pos = f"{where}:{_position(raw, o, first_line)}"
        if c == -1:
            raise MarkupError(f"{pos}: '[[' is never closed")
        body = raw[o + len(OPEN) : c]
        if OPEN in body:
            raise MarkupError(f"{pos}: '[[' inside a markup")
        fields = body.split(SEP)
        if len(fields) != 3:
            raise MarkupError(
                f"{pos}: expected [[surface|LABEL|entity-id]], got {len(fields)} field(s): "
                f"[[{body}]]"
            )
        surface, label, entity_id = fields
        if not surface or surface != surface.strip():
            raise MarkupError(f"{pos}: empty surface or white space around it: {surface!r}")
        if surface.lower().startswith("the "):
            raise MarkupError(f"{pos}: 'the' is never part of a span: {surface!r}")
        if label not in LABELS:
            raise MarkupError(f"{pos}: label {label!r} is not one of {', '.join(LABELS)}")
        if not SLUG.fullmatch(entity_id):
            raise MarkupError(f"{pos}: entity id {entity_id!r} is not a lowercase-hyphen slug")
        gold.append(Gold(length, length + len(surface), label, entity_id, surface))
        plain.append(surface)
        length += len(surface)
        i = c + len(CLOSE)
    text = "".join(plain)
    for g in gold:
        assert text[g.start : g.end] == g.text  # by construction
    return Passage(pid, text, tuple(gold), first_line - 1)


def parse_passages(source: str, where: str = "passages") -> list[Passage]:
    """Parses a whole passages file; raises MarkupError when it is malformed."""
    lines = source.splitlines()
    blocks: list[tuple[str, int, list[str]]] = []  # (pid, header line, body lines)
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            blocks.append((m.group("pid"), n, []))
        elif blocks:
            blocks[-1][2].append(line)
        elif line.strip():
            raise MarkupError(f"{where}:{n}:1: text before the first '=== id ===' header")
    if not blocks:
        raise MarkupError(f"{where}: no passages (no '=== id ===' header)")
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    labels: dict[str, tuple[str, str]] = {}  # entity id -> (label, where first seen)
    for pid, n, body in blocks:
        if pid in seen:
            raise MarkupError(f"{where}:{n}:1: passage id {pid!r} repeats line {seen[pid]}")
        seen[pid] = n
        start = 0
        while start < len(body) and not body[start].strip():
            start += 1
        end = len(body)
        while end > start and not body[end - 1].strip():
            end -= 1
        if start == end:
            raise MarkupError(f"{where}:{n}:1: passage {pid!r} is empty")
        raw = "\n".join(line.rstrip() for line in body[start:end])
        passage = parse_passage(pid, raw, n + 1 + start, where)
        passages.append(Passage(pid, passage.text, passage.gold, n))
        for g in passage.gold:
            first = labels.setdefault(g.entity_id, (g.label, pid))
            if first[0] != g.label:
                raise MarkupError(
                    f"{where}: {g.entity_id!r} is {g.label} in {pid} but {first[0]} in {first[1]}"
                )
    return passages


def load_passages(path: Path) -> list[Passage]:
    """Reads and parses the passages file at ``path``."""
    return parse_passages(path.read_text(encoding="utf-8"), str(path))


# --------------------------------------------------------------------------------------------
# Tagging
# --------------------------------------------------------------------------------------------


def merged_records(paths: Sequence[Path], skip_bad: bool) -> tuple[list[dict[str, Any]], str]:
    """The entity records of every JSONL file, in order, and a note on what was left out.

    An id found in more than one file keeps its first record. A file that gazetag cannot read
    is skipped with a warning when ``skip_bad`` (the data files may be work in progress), else
    its error propagates.
    """
    import gazetag

    records: list[dict[str, Any]] = []
    first: dict[str, Path] = {}
    repeated: list[str] = []
    skipped: list[str] = []
    for path in paths:
        try:
            file_records = gazetag.Gazetteer.from_jsonl(path).to_records()
        except gazetag.GazetagError as exc:
            if not skip_bad:
                raise
            print(f"warning: skipped {_show_path(path)}: {exc}", file=sys.stderr)
            skipped.append(_show_path(path))
            continue
        for record in file_records:
            rid = str(record["id"])
            if rid in first:
                repeated.append(f"{rid} ({_show_path(first[rid])}, {_show_path(path)})")
                continue
            first[rid] = path
            records.append(record)
    notes: list[str] = []
    if repeated:
        print(
            f"warning: {len(repeated)} id(s) in more than one file, first kept: "
            + "; ".join(repeated),
            file=sys.stderr,
        )
        notes.append(f"{len(repeated)} repeated id(s), first kept")
    if skipped:
        notes.append("skipped unreadable " + ", ".join(skipped))
    return records, "; ".join(notes)


def build_tagger(paths: Sequence[Path] | None, variants: str | None) -> tuple[Any, str]:
    """The tagger to score and a description of its gazetteer.

    With no ``paths``: ``gazetag.Tagger.default()`` if it exists and works, else the merged
    ``python/gazetag/data/*.jsonl``.
    """
    import gazetag

    kwargs: dict[str, Any] = {} if variants is None else {"variants": variants}
    explicit = paths is not None
    fallback = ""
    if paths is None:
        default = getattr(gazetag.Tagger, "default", None)
        if callable(default):
            try:
                tagger = default(**kwargs)
                return tagger, f"gazetag.Tagger.default() ({len(tagger.gazetteer)} entities)"
            except TypeError:
                if not kwargs:
                    raise
                # A default() without variants=: recompile its gazetteer with them.
                tagger = gazetag.Tagger(default().gazetteer, **kwargs)
                return tagger, f"gazetag.Tagger.default() ({len(tagger.gazetteer)} entities)"
            except gazetag.GazetagError as exc:
                print(
                    f"warning: gazetag.Tagger.default() failed ({exc}); "
                    "merging the data files instead",
                    file=sys.stderr,
                )
                fallback = "Tagger.default() failed, merged: "
        paths = sorted(DATA_DIR.glob("*.jsonl"))
        if not paths:
            raise SystemExit(
                f"error: no gazetag.Tagger.default() and no {DATA_DIR.relative_to(ROOT)}/*.jsonl;"
                " pass --gazetteer PATH"
            )
    records, notes = merged_records(paths, skip_bad=not explicit)
    gazetteer = gazetag.Gazetteer.from_records(records)
    names = ", ".join(_show_path(p) for p in paths)
    extra = f"; {notes}" if notes else ""
    source = f"{fallback}{names} ({len(gazetteer)} entities{extra})"
    return gazetag.Tagger(gazetteer, **kwargs), source


def _show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def predictions(tagger: Any, text: str) -> list[Pred]:
    """The tagger's matches in ``text`` as Pred records."""
    return [
        Pred(m.start, m.end, m.text, m.entity_id, m.label, tuple(m.entities), m.rule)
        for m in tagger.tag(text)
    ]


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """TP, FP and FN of one label (or all)."""

    gold: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fn_nodict: int = 0

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "fn_not_in_dictionary": self.fn_nodict,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Outcome:
    """The alignment of one passage's predictions with its gold spans under one mode."""

    pairs: list[tuple[Pred, Gold]] = field(default_factory=list)
    fps: list[Pred] = field(default_factory=list)
    fns: list[Gold] = field(default_factory=list)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def align(preds: Sequence[Pred], gold: Sequence[Gold], lenient: bool) -> Outcome:
    """Pairs predictions with gold spans one to one (strict or lenient) in text order."""
    out = Outcome()
    used: set[int] = set()
    for p in preds:
        hit: int | None = None
        for k, g in enumerate(gold):
            if k in used:
                continue
            if lenient:
                ok = _overlap(p.start, p.end, g.start, g.end) and g.entity_id in p.entities
            else:
                ok = (p.start, p.end) == (g.start, g.end) and p.entity_id == g.entity_id
            if ok:
                hit = k
                break
        if hit is None:
            out.fps.append(p)
        else:
            used.add(hit)
            out.pairs.append((p, gold[hit]))
    out.fns = [g for k, g in enumerate(gold) if k not in used]
    return out


def tally(outcomes: Iterable[tuple[Passage, Outcome]], known: set[str]) -> dict[str, Counts]:
    """Counts per label (TP/FN by gold label, FP by predicted label) and for all."""
    table: dict[str, Counts] = {label: Counts() for label in LABELS}
    table[ALL] = Counts()

    def row(label: str) -> Counts:
        return table.setdefault(label, Counts())

    for passage, out in outcomes:
        for g in passage.gold:
            row(g.label).gold += 1
            table[ALL].gold += 1
        for _, g in out.pairs:
            row(g.label).tp += 1
            table[ALL].tp += 1
        for p in out.fps:
            row(p.label).fp += 1
            table[ALL].fp += 1
        for g in out.fns:
            row(g.label).fn += 1
            table[ALL].fn += 1
            if g.entity_id not in known:
                row(g.label).fn_nodict += 1
                table[ALL].fn_nodict += 1
    # Keep the four labels first, then any other label the tagger used, then "all".
    order = [*LABELS, *sorted(k for k in table if k not in LABELS and k != ALL), ALL]
    return {k: table[k] for k in order}


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def markdown_table(title: str, table: dict[str, Counts]) -> str:
    """One markdown table of counts and scores."""
    head = "| label | gold | predicted | TP | FP | FN | FN-nodict | precision | recall | F1 |"
    lines = [f"### {title}", "", head, "|---|" + "---:|" * 9]
    for label, c in table.items():
        name = f"**{label}**" if label == ALL else label
        lines.append(
            f"| {name} | {c.gold} | {c.predicted} | {c.tp} | {c.fp} | {c.fn} | {c.fn_nodict} "
            f"| {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"
        )
    return "\n".join(lines)


def context(text: str, start: int, end: int, width: int) -> str:
    """The span in «» with ``width`` characters of text either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    snippet = f"{'…' if start > width else ''}{left}«{text[start:end]}»{right}"
    snippet += "…" if end + width < len(text) else ""
    return " ".join(snippet.split())


def error_lines(passage: Passage, out: Outcome, known: set[str], width: int) -> list[str]:
    """One block per FP and FN of a passage, with what the other side had at that place."""
    text = passage.text
    lines: list[tuple[int, str]] = []
    for p in out.fps:
        near = [g for g in passage.gold if _overlap(p.start, p.end, g.start, g.end)]
        why = (
            "; gold there: "
            + ", ".join(f"[{g.start}:{g.end}] {g.text!r} {g.entity_id}" for g in near)
            if near
            else "; no gold there"
        )
        ids = f" (entities: {', '.join(p.entities)})" if len(p.entities) > 1 else ""
        lines.append(
            (
                p.start,
                f"{passage.pid} FP [{p.start}:{p.end}] {p.text!r} -> {p.entity_id} {p.label} "
                f"rule={p.rule}{ids}{why}\n    {context(text, p.start, p.end, width)}",
            )
        )
    preds = [q for q, _ in out.pairs] + out.fps
    for g in out.fns:
        nodict = " (not in dictionary)" if g.entity_id not in known else ""
        near_p = [q for q in preds if _overlap(q.start, q.end, g.start, g.end)]
        why = (
            "; predicted there: "
            + ", ".join(f"[{q.start}:{q.end}] {q.text!r} {q.entity_id}" for q in near_p)
            if near_p
            else ""
        )
        lines.append(
            (
                g.start,
                f"{passage.pid} FN [{g.start}:{g.end}] {g.text!r} = {g.entity_id} {g.label}"
                f"{nodict}{why}\n    {context(text, g.start, g.end, width)}",
            )
        )
    return [line for _, line in sorted(lines, key=lambda item: item[0])]


def check_summary(passages: Sequence[Passage]) -> str:
    """What ``--check`` prints: passage, word and mention counts."""
    words = [len(p.text.split()) for p in passages]
    by_label = Counter(g.label for p in passages for g in p.gold)
    per_passage = [len(p.gold) for p in passages]
    ids = {g.entity_id for p in passages for g in p.gold}
    labels = ", ".join(f"{label} {by_label[label]}" for label in LABELS)
    return (
        f"OK: {len(passages)} passages, {min(words)}-{max(words)} words each, "
        f"{sum(per_passage)} gold mentions ({labels}), "
        f"{min(per_passage)}-{max(per_passage)} per passage, {len(ids)} distinct entity ids"
    )


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Precision and recall of gazetag on bench/eval/passages.txt.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--passages", type=Path, default=DEFAULT_PASSAGES, help="passages file")
    parser.add_argument("--check", action="store_true", help="only validate the passages file")
    parser.add_argument(
        "--gazetteer",
        type=Path,
        action="append",
        metavar="PATH",
        help="JSONL gazetteer to use instead of the default (repeatable; merged)",
    )
    parser.add_argument("--variants", choices=VARIANTS, help="variant layer (default: tagger's)")
    parser.add_argument("--errors", action="store_true", help="print every FP and FN in context")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the numbers as JSON")
    parser.add_argument("--context", type=int, default=50, help="characters of context in --errors")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        passages = load_passages(args.passages)
    except MarkupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        print(check_summary(passages))
        return 0

    tagger, source = build_tagger(args.gazetteer, args.variants)
    known = {entity.id for entity in tagger.gazetteer}
    texts = [p.text for p in passages]
    all_preds = [predictions(tagger, t) for t in texts]
    strict = [(p, align(pr, p.gold, lenient=False)) for p, pr in zip(passages, all_preds)]
    lenient = [(p, align(pr, p.gold, lenient=True)) for p, pr in zip(passages, all_preds)]
    strict_table = tally(strict, known)
    lenient_table = tally(lenient, known)

    missing = Counter(g.entity_id for p in passages for g in p.gold if g.entity_id not in known)
    missing_text: dict[str, list[str]] = {}
    for p in passages:
        for g in p.gold:
            if g.entity_id not in known and g.text not in missing_text.setdefault(g.entity_id, []):
                missing_text[g.entity_id].append(g.text)
    id_mismatch: Counter[tuple[str, str]] = Counter()
    for _, out in strict:
        spans = {(q.start, q.end): q for q in out.fps}
        for g in out.fns:
            q = spans.get((g.start, g.end))
            if q is not None and q.entity_id != g.entity_id:
                id_mismatch[(g.entity_id, q.entity_id)] += 1
    label_mismatch = [
        (p.pid, pred, g) for p, out in strict for pred, g in out.pairs if pred.label != g.label
    ]

    # Entity level: the (passage, entity) pairs a reader would list, against those the tagger
    # reports (its entity_id per match; lenient: any of match.entities).
    gold_pairs = {(p.pid, g.entity_id) for p in passages for g in p.gold}
    strict_pairs = {(p.pid, q.entity_id) for p, pr in zip(passages, all_preds) for q in pr}
    lenient_pairs = {(p.pid, e) for p, pr in zip(passages, all_preds) for q in pr
                     for e in q.entities}
    entity_recall = len(gold_pairs & strict_pairs) / max(len(gold_pairs), 1)
    entity_precision = len(gold_pairs & strict_pairs) / max(len(strict_pairs), 1)
    entity_recall_lenient = len(gold_pairs & lenient_pairs) / max(len(gold_pairs), 1)

    n_gold = sum(len(p.gold) for p in passages)
    print(f"## gazetag precision and recall on {_show_path(args.passages)}")
    print()
    print(f"- gazetteer: {source}")
    print(f"- variants: {tagger.variants}")
    print(f"- passages: {len(passages)}, gold mentions: {n_gold}")
    print()
    print(markdown_table("Strict (same span, same entity id)", strict_table))
    print()
    print(markdown_table("Lenient (overlapping span, gold id among match.entities)", lenient_table))
    print()
    print(f"### Entity level: {len(gold_pairs)} (passage, entity) pairs")
    print()
    print(f"- recall {entity_recall:.3f} (lenient {entity_recall_lenient:.3f}), "
          f"precision {entity_precision:.3f}")
    print()
    nodict_mentions = sum(missing.values())
    print(f"### Not in dictionary: {len(missing)} gold ids, {nodict_mentions} mentions")
    print()
    if missing:
        for eid, n in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0])):
            forms = ", ".join(repr(s) for s in missing_text[eid])
            print(f"- `{eid}` ×{n}: {forms}")
    else:
        print("(none)")
    if id_mismatch:
        print()
        n_id = sum(id_mismatch.values())
        print(f"### Same span, different id (FP + FN in strict): {n_id} mentions")
        print()
        for (gid, tid), n in sorted(id_mismatch.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"- gold `{gid}`, tagger `{tid}` ×{n}")
    if label_mismatch:
        print()
        print(f"### Label disagreements among strict TPs: {len(label_mismatch)}")
        print()
        for pid, pred, g in label_mismatch:
            print(f"- {pid} {g.text!r} {g.entity_id}: gold {g.label}, tagger {pred.label}")

    if args.errors:
        print()
        print("### Errors (strict)")
        print()
        print("```")
        for p, out in strict:
            for line in error_lines(p, out, known, args.context):
                print(line)
        print("```")

    if args.json is not None:
        report = {
            "passages": _show_path(args.passages),
            "gazetteer": source,
            "variants": tagger.variants,
            "n_passages": len(passages),
            "strict": {k: c.as_dict() for k, c in strict_table.items()},
            "lenient": {k: c.as_dict() for k, c in lenient_table.items()},
            "entity_level": {
                "pairs": len(gold_pairs),
                "recall": entity_recall,
                "recall_lenient": entity_recall_lenient,
                "precision": entity_precision,
            },
            "not_in_dictionary": {eid: missing[eid] for eid in sorted(missing)},
            "id_disagreements": [
                {"gold": gid, "tagger": tid, "mentions": n}
                for (gid, tid), n in sorted(id_mismatch.items())
            ],
            "label_disagreements": [
                {
                    "passage": pid,
                    "text": g.text,
                    "id": g.entity_id,
                    "gold": g.label,
                    "tagger": pred.label,
                }
                for pid, pred, g in label_mismatch
            ],
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
