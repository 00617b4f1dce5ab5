"""Reports returned when reading dictionaries with ``on_error="collect"``."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from gazetag._errors import InputError, InputTypeError

if TYPE_CHECKING:
    from gazetag._gazetag import Gazetteer

# How many rows of each section the notebook table shows; the heading gives the full count.
HTML_ROWS = 50

__all__ = ["AliasNote", "AliasRef", "CheckReport", "LabelCount", "LoadReport", "Problem"]


@dataclass(frozen=True)
class Problem:
    """A bad line or record that was left out of a gazetteer.

    Attributes:
        source: The file (or ``"records"``, ``"dataframe"``) it came from.
        line: The 1-based line of a file, or the 0-based position of a record or row;
            ``None`` when the problem has no single place.
        message: What is wrong, starting with where (``dict.csv:7: ...``).
    """

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class LoadReport:
    """What reading a dictionary left out.

    A report is empty (``len(report) == 0``, ``report.ok``) when every line was read.

    >>> import gazetag
    >>> g, report = gazetag.Gazetteer.from_records(
    ...     [{"id": "a", "name": "A", "label": "L"}, {"id": "a", "name": "B", "label": "L"}],
    ...     on_error="collect",
    ... )
    >>> len(g), report.ok, report.entities
    (1, False, 1)
    >>> print(report)
    records: 1 entity read, 1 problem
      record 1: duplicate entity id "a": each id may appear once

    Attributes:
        source: The file (or ``"records"``, ``"dataframe"``) that was read.
        entities: How many entities were read.
        problems: The bad lines, in file order.
    """

    source: str
    entities: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether nothing was left out."""
        return not self.problems

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __str__(self) -> str:
        entities = f"{self.entities} {'entity' if self.entities == 1 else 'entities'}"
        n = len(self.problems)
        head = f"{self.source}: {entities} read, {n} {'problem' if n == 1 else 'problems'}"
        return "\n".join([head, *(f"  {p.message}" for p in self.problems)])


@dataclass(frozen=True)
class LabelCount:
    """Entities, aliases and generated automaton keys of one label."""

    entities: int
    aliases: int
    keys: int


@dataclass(frozen=True)
class AliasRef:
    """An alias in a finding: its entity, its text, the folded key it was generated as and
    the rules that generated it (``exact`` for the alias itself)."""

    id: str
    alias: str
    key: str
    rule: str


@dataclass(frozen=True)
class AliasNote:
    """An alias that may cost precision, and why."""

    id: str
    alias: str
    reason: str


@dataclass(frozen=True)
class CheckReport:
    """What `Gazetteer.check` found: counts per label and the aliases that may cost precision.

    Nothing here is an error: a shared alias makes ambiguous matches (``Match.entities`` lists
    every entity), a collision makes variants of one entity find another, an English word
    matches only capitalized, and a short alias matches often. ``problems`` holds bad lines
    when the report comes from reading a file (``gazetag check``).

    >>> import gazetag
    >>> g = gazetag.Gazetteer()
    >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    >>> g.add("kh-person", "Kamal Haddad", "PERSON", aliases=["KH"])
    >>> report = g.check()
    >>> [[(a.id, a.alias) for a in group] for group in report.shared]
    [[('kh', 'KH'), ('kh-person', 'KH')]]
    >>> report.labels["MILITIA"].entities
    1

    Attributes:
        variants: The variant layer the check used.
        labels: Counts per label, in label order.
        shared: Groups of aliases that fold to the same text for several entities.
        collisions: Groups of aliases of several entities that match each other through
            variants or generated keys.
        english: Aliases that are English words, or made only of English words.
        short: Aliases with too few letters to be safe.
        ambiguous: Acronyms not marked ``{"ambiguous": true}`` that have other common meanings
            (three characters or fewer, or an English word): marked so, they match only where
            the text licenses them (README, rule 9).
        problems: Bad lines of the file the gazetteer was read from.
    """

    variants: str
    labels: dict[str, LabelCount]
    shared: tuple[tuple[AliasRef, ...], ...]
    collisions: tuple[tuple[AliasRef, ...], ...]
    english: tuple[AliasNote, ...]
    short: tuple[AliasNote, ...]
    ambiguous: tuple[AliasNote, ...] = ()
    problems: tuple[Problem, ...] = ()

    @classmethod
    def _from_core(
        cls,
        variants: str,
        labels: list[tuple[str, int, int, int]],
        shared: list[list[tuple[str, str, str, str]]],
        collisions: list[list[tuple[str, str, str, str]]],
        english: list[tuple[str, str, str]],
        short: list[tuple[str, str, str]],
        ambiguous: list[tuple[str, str, str]],
    ) -> CheckReport:
        def groups(raw: list[list[tuple[str, str, str, str]]]) -> tuple[tuple[AliasRef, ...], ...]:
            return tuple(tuple(AliasRef(*m) for m in g) for g in raw)

        return cls(
            variants=variants,
            labels={label: LabelCount(e, a, k) for label, e, a, k in labels},
            shared=groups(shared),
            collisions=groups(collisions),
            english=tuple(AliasNote(*n) for n in english),
            short=tuple(AliasNote(*n) for n in short),
            ambiguous=tuple(AliasNote(*n) for n in ambiguous),
        )

    @property
    def ok(self) -> bool:
        """Whether the file had no bad lines (warnings do not count)."""
        return not self.problems

    @property
    def warnings(self) -> int:
        """How many findings there are, not counting bad lines."""
        return (
            len(self.shared)
            + len(self.collisions)
            + len(self.english)
            + len(self.short)
            + len(self.ambiguous)
        )

    def only(self, ids: Iterable[str]) -> CheckReport:
        """The findings that involve one of ``ids``: a group of shared or colliding aliases
        when any of its entities is one of them (so a clash with another entity shows), a note
        when its entity is. Label counts and bad lines are kept whole.

        ``Gazetteer.check(only=ids)`` calls this; ``check(only="own")`` passes the entities an
        ``update`` added to or changed in the embedded gazetteer.

        >>> import gazetag
        >>> g = gazetag.Gazetteer()
        >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
        >>> g.add("kh-person", "Kamal Haddad", "PERSON", aliases=["KH"])
        >>> g.add("hit", "Hit", "PLACE")
        >>> report = g.check()
        >>> report.warnings, report.only(["hit"]).warnings
        (6, 1)
        """
        if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
            raise InputTypeError(
                f'only must be a list of entity ids or "own", not {type(ids).__name__}'
            )
        listed = list(ids)
        for i in listed:
            if not isinstance(i, str):
                raise InputTypeError(f"only must hold entity ids (str), not {type(i).__name__}")
        keep = set(listed)

        def groups(gs: tuple[tuple[AliasRef, ...], ...]) -> tuple[tuple[AliasRef, ...], ...]:
            return tuple(g for g in gs if any(a.id in keep for a in g))

        def notes(ns: tuple[AliasNote, ...]) -> tuple[AliasNote, ...]:
            return tuple(n for n in ns if n.id in keep)

        return replace(
            self,
            shared=groups(self.shared),
            collisions=groups(self.collisions),
            english=notes(self.english),
            short=notes(self.short),
            ambiguous=notes(self.ambiguous),
        )

    def _sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """(title, rows of (entities, aliases, note)) for each kind of finding."""

        def group_rows(gs: tuple[tuple[AliasRef, ...], ...]) -> list[tuple[str, str, str]]:
            return [
                (
                    ", ".join(a.id for a in g),
                    ", ".join(repr(a.alias) for a in g),
                    "; ".join(
                        f"{a.alias!r} as {a.key!r} ({a.rule})" for a in g if a.rule != "exact"
                    ),
                )
                for g in gs
            ]

        def note_rows(ns: tuple[AliasNote, ...]) -> list[tuple[str, str, str]]:
            return [(n.id, repr(n.alias), n.reason) for n in ns]

        return [
            (
                "bad lines",
                [
                    (p.source, "" if p.line is None else str(p.line), p.message)
                    for p in self.problems
                ],
            ),
            ("aliases shared by several entities (matches are ambiguous)", group_rows(self.shared)),
            ("aliases that collide after folding and variants", group_rows(self.collisions)),
            ("English words", note_rows(self.english)),
            ("short aliases", note_rows(self.short)),
            ("acronyms to mark ambiguous", note_rows(self.ambiguous)),
        ]

    def _repr_html_(self) -> str:
        """The report as HTML tables, for Jupyter: the counts per label, then one table per
        kind of finding (at most 50 rows each, the heading has the full count).

        >>> import gazetag
        >>> g = gazetag.Gazetteer()
        >>> g.add("hit", "Hit", "PLACE")
        >>> page = g.check()._repr_html_()
        >>> "<td>hit</td>" in page and "English words: 1" in page
        True
        """
        e = html.escape
        out = ['<div class="gazetag-check">']
        out.append(
            "<table><thead><tr><th>label</th><th>entities</th><th>aliases</th>"
            f"<th>keys (variants={e(self.variants)})</th></tr></thead><tbody>"
        )
        for label, c in self.labels.items():
            out.append(
                f"<tr><td>{e(label)}</td><td>{c.entities}</td><td>{c.aliases}</td>"
                f"<td>{c.keys}</td></tr>"
            )
        out.append("</tbody></table>")
        for title, rows in self._sections():
            if not rows and title == "bad lines":
                continue
            out.append(f"<h4>{e(title)}: {len(rows)}</h4>")
            if not rows:
                continue
            head = (
                ("file", "line", "problem")
                if title == "bad lines"
                else ("entities", "aliases", "note")
            )
            out.append(
                "<table><thead><tr>"
                + "".join(f"<th>{h}</th>" for h in head)
                + "</tr></thead><tbody>"
            )
            for row in rows[:HTML_ROWS]:
                out.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>")
            out.append("</tbody></table>")
            if len(rows) > HTML_ROWS:
                out.append(f"<p>... and {len(rows) - HTML_ROWS} more (print(report) lists all)</p>")
        out.append("</div>")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready dicts and lists.

        >>> import gazetag, json
        >>> g = gazetag.Gazetteer()
        >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
        >>> json.dumps(g.check().to_dict()["labels"])
        '{"MILITIA": {"entities": 1, "aliases": 2, "keys": 5}}'
        """
        return asdict(self)

    def __str__(self) -> str:
        out: list[str] = []
        total = LabelCount(
            *(
                sum(getattr(c, f) for c in self.labels.values())
                for f in ("entities", "aliases", "keys")
            )
        )
        out.append(f"{'label':<16}{'entities':>9}{'aliases':>9}{'keys':>9}")
        for label, c in [*self.labels.items(), ("total", total)]:
            out.append(f"{label:<16}{c.entities:>9}{c.aliases:>9}{c.keys:>9}")
        out.append(f"(keys: automaton keys at variants={self.variants!r})")

        def section(title: str, lines: list[str]) -> None:
            out.append("")
            out.append(f"{title}: {len(lines)}")
            out.extend(f"  {line}" for line in lines)

        section("bad lines", [p.message for p in self.problems])
        section(
            "aliases shared by several entities (matches are ambiguous)",
            [", ".join(f"{a.id}: {a.alias!r}" for a in g) for g in self.shared],
        )
        section(
            "aliases that collide after folding and variants",
            [
                ", ".join(
                    f"{a.id}: {a.alias!r}"
                    + ("" if a.rule == "exact" else f" as {a.key!r} ({a.rule})")
                    for a in g
                )
                for g in self.collisions
            ],
        )
        section("English words", [f"{n.id}: {n.alias!r}: {n.reason}" for n in self.english])
        section("short aliases", [f"{n.id}: {n.alias!r}: {n.reason}" for n in self.short])
        section(
            "acronyms to mark ambiguous",
            [f"{n.id}: {n.alias!r}: {n.reason}" for n in self.ambiguous],
        )
        return "\n".join(out)


def _own_ids(gazetteer: Gazetteer) -> list[str]:
    """The ids of the entities of ``gazetteer`` that the embedded gazetteer lacks or has
    otherwise: what a user added with ``update``."""
    from gazetag._gazetag import Gazetteer

    embedded = Gazetteer.default()
    return [e.id for e in gazetteer if e.id not in embedded or embedded[e.id] != e]


def _check_only(report: CheckReport, gazetteer: Gazetteer, only: object) -> CheckReport:
    """``Gazetteer.check(only=...)``: a list of ids, or ``"own"``."""
    if isinstance(only, str):
        if only != "own":
            raise InputError(f'only must be a list of entity ids or "own", not {only!r}')
        return report.only(_own_ids(gazetteer))
    return report.only(only)  # type: ignore[arg-type]
