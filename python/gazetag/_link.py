"""What `Tagger.link` returns for each name, and the table `Tagger.link_frame` makes of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas

__all__ = ["Link", "LinkStatus"]

LinkStatus = Literal["linked", "ambiguous", "rejected", "partial", "unknown", "missing"]

COLUMNS = (
    "name",
    "status",
    "entity_id",
    "label",
    "entity_name",
    "alias",
    "rule",
    "candidates",
    "rejected",
)


@dataclass(frozen=True)
class Link:
    """What one name denotes under a tagger's folding, variant and case rules.

    >>> import gazetag
    >>> (link,) = gazetag.Tagger.default().link(["Kataib Hizballah"])
    >>> link.status, link.entity_id, link.alias, link.rule
    ('linked', 'kataib-hezbollah', "Kata'ib Hizballah", 'exact')

    Attributes:
        name: The name as given; None for a missing value (None, NaN, pandas.NA).
        status: ``"linked"`` (the whole name is one entity's alias or a spelling of it),
            ``"ambiguous"`` (it is an alias of several entities; ``entity_id`` is the one the
            tagger picks in text), ``"rejected"`` (it is an alias that a rule reading the
            context turns down on its own, named in ``rejected``: an acronym marked ambiguous,
            an English word in lower case), ``"partial"`` (only part of the name matches:
            ``candidates`` are the entities found in it), ``"unknown"`` (nothing matches) or
            ``"missing"``.
        entity_id: The entity, with ``"linked"`` and ``"ambiguous"``; else None.
        label: The entity's label, when there is an entity.
        entity_name: The entity's canonical name, when there is an entity.
        alias: The alias the name matched (of the first candidate), or None.
        rule: How the spelling matched, as in `Match.rule` (``"exact"``, ``"vowel+double"``).
        candidates: Every entity the name may denote, likeliest first.
        rejected: With ``"rejected"``: the context rule (``"licence"``, ``"capital"``, ...).
    """

    name: str | None
    status: LinkStatus
    entity_id: str | None
    label: str | None
    entity_name: str | None
    alias: str | None
    rule: str | None
    candidates: tuple[str, ...]
    rejected: str | None


def frame(links: Sequence[Link], names: Iterable[Any]) -> pandas.DataFrame:
    """The links as a DataFrame, indexed as ``names`` is when it is a pandas Series."""
    import pandas

    index = names.index if isinstance(names, pandas.Series) else None
    columns = {c: [getattr(link, c) for link in links] for c in COLUMNS}
    columns["candidates"] = [list(link.candidates) for link in links]
    frame: pandas.DataFrame = pandas.DataFrame(
        columns, columns=list(COLUMNS), index=index, dtype=object
    )
    return frame
