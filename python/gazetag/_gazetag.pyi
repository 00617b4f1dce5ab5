"""Type stubs for the native module. The full documentation, with examples, is on the runtime
objects (``help(gazetag.Tagger)``); these docstrings summarise it for editors."""

from collections.abc import Iterable, Iterator, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, final, overload

from typing_extensions import Self

from gazetag._link import Link
from gazetag._reports import CheckReport, LoadReport
from gazetag.display import Annotation
from gazetag.suggest import Suggestions

if TYPE_CHECKING:
    # For the checker only: importing gazetag imports neither.
    # Without their stubs (pandas-stubs; pyarrow has none) the types are Any.
    import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

_Path: TypeAlias = str | bytes | PathLike[str] | PathLike[bytes]
_AliasSpec: TypeAlias = str | Mapping[str, Any]
_Layer: TypeAlias = Literal["none", "default", "aggressive"]
_Partial: TypeAlias = Literal["free", "licensed", "off"]
_OnMissing: TypeAlias = Literal["raise", "skip", "empty"]
# What tag_frame and tag_arrow read texts from; a table (DataFrame, Arrow) needs ``column``.
_Texts: TypeAlias = (
    "Iterable[str | None] | pd.Series | pd.DataFrame | pa.Array | pa.ChunkedArray | pa.Table"
    " | pa.RecordBatch"
)

#: The variant layers' names, narrowest first.
LAYERS: tuple[str, ...]
#: The package's version (as its metadata says: both come from Cargo.toml).
__version__: str
_Format: TypeAlias = Literal["jsonl", "csv", "tsv", "spacy"]

__all__ = [
    "Entity",
    "Explanation",
    "Gazetteer",
    "LAYERS",
    "Match",
    "Tagger",
    "__version__",
    "_explanation_from_fields",
    "_gazetteer_from_bytes",
    "_tagger_from_bytes",
    "_word_lists",
]

@final
class Entity:
    """A named thing and the ways it is written; immutable."""

    def __new__(
        cls,
        id: str,
        name: str,
        label: str,
        aliases: Iterable[_AliasSpec] | None = None,
        meta: Mapping[str, Any] | None = None,
        variants: _Layer | None = None,
        partial: _Partial | None = None,
    ) -> Self: ...
    @property
    def variants(self) -> _Layer | None:
        """The entity's own variant layer, or None when it uses the tagger's."""
    @property
    def partial(self) -> _Partial | None:
        """What the short forms of the entity's names may do, or None for the default."""
    @property
    def id(self) -> str:
        """The unique id."""
    @property
    def name(self) -> str:
        """The canonical name; always the first alias."""
    @property
    def label(self) -> str:
        """The label, such as PERSON, MILITIA, BASE or INSTITUTION."""
    @property
    def aliases(self) -> tuple[str, ...]:
        """Every surface form, the canonical name first."""
    @property
    def meta(self) -> dict[str, Any]:
        """The metadata, as a new dict each time."""
    def case_sensitive(self, alias: str) -> bool:
        """Whether ``alias`` matches only in its own case."""
    def to_dict(self) -> dict[str, Any]:
        """The record form, which ``Gazetteer.from_records`` reads back."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Gazetteer:
    """An ordered collection of entities with unique ids."""

    def __new__(cls) -> Self: ...
    def _memory(self) -> dict[str, int]: ...
    def add(
        self,
        id: str,
        name: str,
        label: str,
        aliases: Iterable[_AliasSpec] | None = None,
        meta: Mapping[str, Any] | None = None,
        variants: _Layer | None = None,
        partial: _Partial | None = None,
    ) -> None:
        """Adds an entity; raises GazetteerError for bad data."""
    @overload
    @staticmethod
    def from_records(
        records: Iterable[Mapping[str, Any]], *, on_error: Literal["raise"] | None = None
    ) -> Gazetteer: ...
    @overload
    @staticmethod
    def from_records(
        records: Iterable[Mapping[str, Any]], *, on_error: Literal["collect"]
    ) -> tuple[Gazetteer, LoadReport]:
        """Builds a gazetteer from dicts with id, name, label, aliases, meta and variants."""
    @overload
    @staticmethod
    def read(
        path: _Path,
        format: _Format | None = None,
        *,
        on_error: Literal["raise"] | None = None,
        delimiter: str | None = None,
    ) -> Gazetteer: ...
    @overload
    @staticmethod
    def read(
        path: _Path,
        format: _Format | None = None,
        *,
        on_error: Literal["collect"],
        delimiter: str | None = None,
    ) -> tuple[Gazetteer, LoadReport]:
        """Reads a dictionary file: gazetag JSONL, CSV, TSV or spaCy patterns. In CSV and TSV
        columns other than ours are meta keys, and the delimiter (``,``, ``;`` or a tab) is
        the one that splits the header unless ``delimiter`` names it. Ctrl-C stops the read; a
        pipe or device (not a regular file) is refused past 256 MiB."""
    def write(
        self, path: _Path, format: _Format | None = None, *, delimiter: str | None = None
    ) -> None:
        """Writes a dictionary file that ``read`` reads back. CSV and TSV keep aliases as plain
        text (settings in ``alias_options``) and string meta keys in columns of their own;
        cells starting with ``= + - @`` (or a tab or CR) get an apostrophe before them against
        CSV injection."""
    @overload
    @staticmethod
    def from_jsonl(path: _Path, *, on_error: Literal["raise"] | None = None) -> Gazetteer: ...
    @overload
    @staticmethod
    def from_jsonl(
        path: _Path, *, on_error: Literal["collect"]
    ) -> tuple[Gazetteer, LoadReport]:
        """Reads a gazetag JSONL file, one record per line."""
    def to_jsonl(self, path: _Path) -> None:
        """Writes the gazetteer as gazetag JSONL."""
    @overload
    @staticmethod
    def from_dataframe(frame: Any, *, on_error: Literal["raise"] | None = None) -> Gazetteer: ...
    @overload
    @staticmethod
    def from_dataframe(
        frame: Any, *, on_error: Literal["collect"]
    ) -> tuple[Gazetteer, LoadReport]:
        """Builds a gazetteer from a pandas DataFrame with the columns of a CSV dictionary."""
    def to_dataframe(self, *, meta_columns: bool | Iterable[str] | None = None) -> pd.DataFrame:
        """The entities as a pandas DataFrame (aliases as lists of str, their settings in
        ``alias_options``); ``meta_columns`` makes meta keys columns of their own. Needs
        pandas."""
    @staticmethod
    def default() -> Gazetteer:
        """A new copy of the embedded Iraq security gazetteer."""
    def update(
        self, other: Gazetteer, *, on_conflict: Literal["merge", "replace", "error"] | None = None
    ) -> None:
        """Adds another gazetteer's entities, merging or replacing those with a known id."""
    def check(
        self, variants: _Layer | None = None, *, only: Iterable[str] | Literal["own"] | None = None
    ) -> CheckReport:
        """Reports shared, colliding, English-word and short aliases and acronyms to mark
        ambiguous, with counts per label; ``only=ids`` or ``only="own"`` keeps the findings
        that involve those entities (``"own"``: the ones not as in the embedded gazetteer)."""
    def remove(self, id: str, alias: str | None = None, *, missing_ok: bool = False) -> None:
        """Removes an entity, or one of its aliases."""
    def to_records(self) -> list[dict[str, Any]]:
        """The entities as records, which ``from_records`` reads back."""
    def search(
        self, query: str, *, label: str | None = None, limit: int | None = ...
    ) -> list[Entity]:
        """The entities an alias of which ``query`` names in any spelling, best first."""
    def copy(self) -> Gazetteer:
        """An independent copy."""
    def __len__(self) -> int: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __getitem__(self, key: str, /) -> Entity: ...
    def __iter__(self) -> Iterator[Entity]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Match:
    """One mention of an entity; ``text[m.start:m.end] == m.text``."""

    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        alias: str,
        entity_id: str,
        label: str,
        name: str,
        entities: tuple[str, ...] | None = None,
        rule: str | None = None,
    ) -> Self: ...
    @property
    def rule(self) -> str:
        """``exact``, or the variant rules used joined by ``+``."""
    @property
    def start(self) -> int:
        """Start: a ``str`` index into the original text."""
    @property
    def end(self) -> int:
        """End (exclusive): a ``str`` index into the original text."""
    @property
    def text(self) -> str:
        """The matched text as it stands in the original."""
    @property
    def alias(self) -> str:
        """The dictionary form that matched."""
    @property
    def entity_id(self) -> str:
        """The id of the entity reported: the first of ``entities``."""
    @property
    def label(self) -> str:
        """The label of that entity."""
    @property
    def name(self) -> str:
        """The canonical name of that entity."""
    @property
    def entities(self) -> tuple[str, ...]:
        """Ids of every entity the alias belongs to; more than one means ambiguous."""
    def to_dict(self) -> dict[str, Any]:
        """The match as a plain dict."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Tagger:
    """A gazetteer compiled for search: immutable, thread-safe, picklable."""

    def __new__(
        cls,
        gazetteer: Gazetteer,
        *,
        variants: _Layer | None = None,
        case_sensitive: bool = False,
        overlapping: bool = False,
        whole_words: bool = True,
        licensing: bool = True,
    ) -> Self: ...
    @staticmethod
    def default(
        *,
        variants: _Layer | None = None,
        case_sensitive: bool = False,
        overlapping: bool = False,
        whole_words: bool = True,
        licensing: bool = True,
    ) -> Tagger:
        """A shared tagger for the embedded gazetteer, built once per set of options."""
    def tag(self, text: str) -> list[Match]:
        """The matches in one text, sorted by start; releases the GIL."""
    @overload
    def tag_batch(
        self,
        texts: Iterable[str | None],
        threads: int | None = None,
        *,
        progress: bool = False,
        on_missing: Literal["skip"],
    ) -> list[list[Match] | None]: ...
    @overload
    def tag_batch(
        self,
        texts: Iterable[str | None],
        threads: int | None = None,
        *,
        progress: bool = False,
        on_missing: Literal["raise", "empty"] | None = None,
    ) -> list[list[Match]]:
        """The matches in each text, on several cores; equals ``[tag(t) for t in texts]``.

        ``progress=True`` shows a progress bar (tqdm when installed) on standard error.
        A missing text (None, NaN, ``pd.NA``) raises InputError by default; with
        ``on_missing="skip"`` its entry is None, with ``"empty"`` it is ``[]``.
        """
    def _memory(self) -> dict[str, int]: ...
    def _tag_columns(
        self,
        texts: Iterable[str | None],
        threads: int | None = None,
        *,
        progress: bool = False,
        on_missing: _OnMissing | None = None,
        meta: list[str] | None = None,
    ) -> dict[str, Any]: ...
    def tag_frame(
        self,
        texts: _Texts,
        ids: Iterable[Any] | None = None,
        *,
        column: str | None = None,
        meta: Iterable[str] | None = None,
        threads: int | None = None,
        progress: bool = False,
        categorical: bool = False,
        on_missing: _OnMissing | None = None,
    ) -> pd.DataFrame:
        """A pandas DataFrame with one row per match: doc, start, end, text, label,
        entity_id, name, alias, rule, entities, then the ``meta`` fields asked for. Built in
        Rust; no object per match. Missing texts give no rows unless ``on_missing="raise"``;
        a DataFrame needs ``column``."""
    def tag_arrow(
        self,
        texts: _Texts,
        ids: Iterable[Any] | None = None,
        *,
        column: str | None = None,
        meta: Iterable[str] | None = None,
        threads: int | None = None,
        progress: bool = False,
        categorical: bool = False,
        on_missing: _OnMissing | None = None,
    ) -> pa.Table:
        """A pyarrow Table with the columns of ``tag_frame``."""
    def annotate(
        self,
        text: str,
        *,
        colors: Mapping[str, str] | None = None,
        suggestions: bool = False,
        max_chars: int | None = ...,
    ) -> Annotation:
        """The text with its matches highlighted, rendered as HTML in Jupyter; with
        ``suggestions=True`` also the names ``suggest`` finds in it, outlined."""
    def suggest(
        self,
        texts: Iterable[str],
        min_count: int = 2,
        *,
        places: Iterable[str] = (),
        contexts: int = 3,
    ) -> Suggestions:
        """Names worth adding to the gazetteer, found in ``texts``: new spellings of its
        entities and unknown name-like spans, ranked by count (see ``gazetag.suggest``)."""
    def explain(self, text: str, *, rejected: bool = False) -> list[Explanation]:
        """Why each match in ``text`` was made."""
    def link(self, names: Iterable[str | None]) -> list[Link]:
        """What each name denotes, read as a text of its own under this tagger's rules."""
    def link_frame(self, names: Iterable[str | None]) -> Any:
        """``link`` as a pandas DataFrame, one row per name."""
    @property
    def variants(self) -> _Layer:
        """The spelling-variant layer."""
    @property
    def keys_per_entity(self) -> float:
        """How many keys the automaton holds per entity, on average."""
    @property
    def gazetteer(self) -> Gazetteer:
        """A copy of the gazetteer this tagger was compiled from."""
    @property
    def case_sensitive(self) -> bool:
        """Whether every alias matches only in its own case."""
    @property
    def overlapping(self) -> bool:
        """Whether overlapping matches are returned."""
    @property
    def whole_words(self) -> bool:
        """Whether matches must be whole words."""
    @property
    def licensing(self) -> bool:
        """Whether ambiguous aliases and acronyms among capitals need a licence in their text."""
    @property
    def pattern_count(self) -> int:
        """How many distinct folded alias keys the automaton holds."""
    def save(self, path: _Path) -> None:
        """Saves the tagger in gazetag's versioned format."""
    @staticmethod
    def load(path: _Path) -> Tagger:
        """Loads a tagger saved with ``save``; raises FormatError for bad files (and for a pipe
        or device past 256 MiB). Ctrl-C stops the read. Load only files from a source you
        trust: the checksum catches damage, not tampering."""
    def to_bytes(self) -> bytes:
        """The tagger in gazetag's versioned format."""
    @staticmethod
    def from_bytes(data: bytes | bytearray | memoryview) -> Tagger:
        """Rebuilds a tagger from ``to_bytes`` output; only bytes from a source you trust."""
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Explanation:
    """Why one match was made."""

    @property
    def match(self) -> Match:
        """The match explained."""
    @property
    def alias(self) -> str:
        """The dictionary form that matched."""
    @property
    def alias_key(self) -> str:
        """The folded key the automaton found."""
    @property
    def text_key(self) -> str:
        """The matched text, folded the same way."""
    @property
    def rules(self) -> tuple[str, ...]:
        """The variant rules applied; empty for an exact match."""
    @property
    def rejected(self) -> str | None:
        """None for a match; else the rule that rejected the candidate, or the wider layer
        that would find it."""
    def to_dict(self) -> dict[str, Any]:
        """The match's fields, then ``alias_key``, ``text_key``, ``rules`` and ``rejected``."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def _gazetteer_from_bytes(data: bytes | bytearray | memoryview) -> Gazetteer: ...
def _tagger_from_bytes(data: bytes | bytearray | memoryview) -> Tagger: ...
def _explanation_from_fields(
    match: Match, alias_key: str, text_key: str, rules: tuple[str, ...], rejected: str | None
) -> Explanation: ...

def _word_lists() -> tuple[str, str, str, list[str], list[str]]:
    """The core's word tables, for gazetag.suggest: the English words, the Arabic word
    frequencies, the places, the Arabic and the English given names."""
