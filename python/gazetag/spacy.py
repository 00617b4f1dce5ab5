"""A spaCy (3.x) pipeline component that tags a doc with a gazetteer.

The component runs the gazetag tagger on ``doc.text`` and writes what it finds in two places:

- ``doc.spans[spans_key]``: every match, overlaps kept, as a ``Span`` whose ``label_`` is the
  entity label and ``kb_id_`` and ``id_`` (``ent_id_``) the entity id; a match inside a longer
  match of the same entity only with ``nested_spans``;
- ``doc.ents``: a non-overlapping subset (leftmost first, then longest, the same choice as
  ``Tagger(..., overlapping=False)``), added next to the entities already there.

Importing ``gazetag`` never imports spaCy; this module does. The package registers the factory
``"gazetag"`` under spaCy's ``spacy_factories`` entry point, so ``nlp.add_pipe("gazetag")``
works without importing anything from gazetag first:

>>> import spacy
>>> import gazetag.spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("gazetag", config={"variants": "default"})
>>> doc = nlp("The Islamic State of Iraq fired on Ain al-Assad.")
>>> for e in doc.ents:
...     print(e.start_char, e.end_char, e.text, e.label_, e.kb_id_)
4 25 Islamic State of Iraq MILITIA islamic-state-of-iraq
35 47 Ain al-Assad BASE ain-al-asad-air-base
>>> [s.text for s in doc.spans["gazetag"]]
['Islamic State of Iraq', 'Islamic State', 'Ain al-Assad']
>>> doc.spans["gazetag"][1]._.gazetag_rule
'exact'
>>> doc.ents[0].ent_id_
'islamic-state-of-iraq'

What the promises rest on:

- matches whose offsets do not fall on token boundaries are expanded to the tokens around them
  (``alignment_mode="expand"``), or, with ``"contract"`` or ``"strict"``, reported in an
  :class:`AlignmentWarning` and in ``doc._.gazetag_unaligned`` (with ``"contract"`` a match
  that keeps a token inside it also becomes a span of those tokens, whose own offsets the
  record gives); a match is never dropped or cut silently;
- the dictionary is read when the component first needs its tagger, not when it is created, so
  ``spacy.load`` of a saved pipeline uses the saved tagger and never reads the dictionary again;
- the component pickles with its compiled tagger, so ``nlp.pipe(texts, n_process=...)`` works
  with every multiprocessing start method.
"""

from __future__ import annotations

import inspect
import itertools
import json
import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn, cast

# spaCy is an optional dependency: where it is not installed (as in the lint environment), mypy
# sees these names as Any, and the ignores below keep it quiet; where it is, they are unused.
from spacy import util  # type: ignore[import-not-found,unused-ignore]
from spacy.language import Language  # type: ignore[import-not-found,unused-ignore]
from spacy.pipeline import Pipe  # type: ignore[import-not-found,unused-ignore]
from spacy.tokens import Doc, Span  # type: ignore[import-not-found,unused-ignore]
from spacy.training import Example  # type: ignore[import-not-found,unused-ignore]

from gazetag._errors import FormatError, InputError, InputTypeError
from gazetag._gazetag import LAYERS, Gazetteer, Match, Tagger
from gazetag._reports import LoadReport
from gazetag.display import BUILTIN_COLORS, label_color

__all__ = [
    "AlignmentWarning",
    "DictionaryWarning",
    "GazetagComponent",
    "displacy_colors",
    "make_gazetag",
    "pipe_texts",
]

Layer = Literal["none", "default", "aggressive"]
ALIGNMENT_MODES = ("expand", "contract", "strict")
AlignmentMode = Literal["expand", "contract", "strict"]
ON_ERROR = ("raise", "collect")
PATTERN_CASES = ("orth", "lower", "gazetag")
PatternCase = Literal["orth", "lower", "gazetag"]
ENTS_FILTERS = ("leftmost", "longest")
EntsFilter = Literal["leftmost", "longest"]
# The version of what to_disk and to_bytes write; from_disk refuses newer ones.
FORMAT = 1
# How many unaligned matches a warning quotes; it always gives the full count.
QUOTED = 3

ErrorHandler = Callable[[str, Any, list[Doc], Exception], NoReturn]


class AlignmentWarning(UserWarning):
    """Matches in a doc that could not be made into spans on its tokens.

    Issued only with ``alignment_mode`` ``"contract"`` or ``"strict"``; the
    matches themselves are listed in ``doc._.gazetag_unaligned``.
    """


class DictionaryWarning(UserWarning):
    """Lines of a dictionary file that were skipped (config ``on_error = "collect"``).

    The component's ``load_reports`` holds a `gazetag.LoadReport` per file.
    """


# Label colours that displaCy shows: gazetag's own labels, and the labels of every gazetteer a
# component has compiled in this process. displaCy reads them through spaCy's
# `displacy_colors` registry each time it renders, so no colours need passing.
_DISPLACY_COLORS: dict[str, str] = dict(BUILTIN_COLORS)


def displacy_colors() -> dict[str, str]:
    """The label colours gazetag gives displaCy (a new dict): the embedded gazetteer's labels
    and those of every gazetteer a component compiled in this process.

    displaCy picks them up by itself (gazetag registers this function in spaCy's
    ``displacy_colors`` registry); pass ``options={"colors": {...}}`` to override one.

    >>> displacy_colors()["MILITIA"]
    '#f5b5b0'
    """
    return dict(_DISPLACY_COLORS)


def _add_colors(tagger: Tagger) -> None:
    for label in {e.label for e in tagger.gazetteer}:
        _DISPLACY_COLORS.setdefault(label, label_color(label))


util.registry.displacy_colors.register("gazetag", func=displacy_colors)


@dataclass(frozen=True)
class _Settings:
    """The component's validated configuration; every field is a config key."""

    gazetteer: str | list[str]
    with_default: bool
    variants: Layer
    case_sensitive: bool
    whole_words: bool
    spans_key: str
    write_ents: bool
    overwrite_ents: bool
    alignment_mode: str
    nested_spans: bool
    ents_filter: str
    on_error: str
    pattern_case: str

    @property
    def sources(self) -> tuple[str, ...]:
        """The dictionaries, in order."""
        g = self.gazetteer
        return (g,) if isinstance(g, str) else tuple(g)


def _choice(key: str, value: object, allowed: Sequence[str]) -> str:
    """Checks that a config value is one of ``allowed`` strings."""
    quoted = ", ".join(f'"{a}"' for a in allowed[:-1]) + f' or "{allowed[-1]}"'
    if not isinstance(value, str):
        raise InputTypeError(
            f'gazetag config "{key}" must be {quoted}, not {type(value).__name__} {value!r}'
        )
    if value not in allowed:
        raise InputError(f'gazetag config "{key}" must be {quoted}, not {value!r}')
    return value


def _flag(key: str, value: object) -> bool:
    """Checks that a config value is a bool (``true``/``false`` in a .cfg file)."""
    if not isinstance(value, bool):
        raise InputTypeError(
            f'gazetag config "{key}" must be true or false, not {type(value).__name__} {value!r}'
        )
    return value


def _source(value: object) -> str:
    """One ``gazetteer`` entry: ``"default"`` or a path."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise InputTypeError(
            'gazetag config "gazetteer" must be "default" or the path of a dictionary file '
            f"(or a list of them), not {type(value).__name__} {value!r}"
        )
    if not value.strip():
        raise InputError(
            'gazetag config "gazetteer" must be "default" or the path of a dictionary file '
            f"(or a list of them), not {value!r}"
        )
    return value


def _settings(
    gazetteer: object,
    variants: object,
    case_sensitive: object,
    whole_words: object,
    spans_key: object,
    write_ents: object,
    overwrite_ents: object,
    alignment_mode: object,
    with_default: object = False,
    nested_spans: object = False,
    ents_filter: object = "leftmost",
    on_error: object = "raise",
    pattern_case: object = "orth",
) -> _Settings:
    """Validates every config value, naming the key and what it accepts when one is wrong.

    Raises:
        InputTypeError: a value of the wrong type.
        InputError: a value of the right type that is not allowed.
    """
    sources: str | list[str]
    if isinstance(gazetteer, (list, tuple)):
        if not gazetteer:
            raise InputError(
                'gazetag config "gazetteer" must be "default" or the path of a dictionary file '
                "(or a list of them), not an empty list"
            )
        sources = [_source(g) for g in gazetteer]
    else:
        sources = _source(gazetteer)
    if not isinstance(spans_key, str):
        raise InputTypeError(
            f'gazetag config "spans_key" must be a string, such as "gazetag", not '
            f"{type(spans_key).__name__} {spans_key!r}"
        )
    if not spans_key:
        raise InputError('gazetag config "spans_key" must be a non-empty string, such as "gazetag"')
    return _Settings(
        gazetteer=sources,
        variants=cast(Layer, _choice("variants", variants, LAYERS)),
        case_sensitive=_flag("case_sensitive", case_sensitive),
        whole_words=_flag("whole_words", whole_words),
        spans_key=spans_key,
        write_ents=_flag("write_ents", write_ents),
        overwrite_ents=_flag("overwrite_ents", overwrite_ents),
        alignment_mode=_choice("alignment_mode", alignment_mode, ALIGNMENT_MODES),
        with_default=_flag("with_default", with_default),
        nested_spans=_flag("nested_spans", nested_spans),
        ents_filter=_choice("ents_filter", ents_filter, ENTS_FILTERS),
        on_error=_choice("on_error", on_error, ON_ERROR),
        pattern_case=_choice("pattern_case", pattern_case, PATTERN_CASES),
    )


def _info_key(span: Span) -> tuple[str, int, int, str, str]:
    """Where a span's match details live in ``doc.user_data``.

    The key holds the label and entity id as well as the offsets: after expansion, matches of
    two entities can become spans over the same tokens, and each keeps its own details.
    """
    return ("gazetag", span.start_char, span.end_char, span.label_, span.kb_id_)


def _user_data(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data``, whose keys spaCy's stubs type as str though spaCy's own are tuples."""
    data: dict[Any, Any] = doc.user_data
    return data


def _info(span: Span, field: str) -> Any:
    info = _user_data(span.doc).get(_info_key(span))
    return None if info is None else info[field]


def _alias(span: Span) -> str | None:
    """Getter of ``span._.gazetag_alias``: the dictionary form that matched."""
    return cast("str | None", _info(span, "alias"))


def _rule(span: Span) -> str | None:
    """Getter of ``span._.gazetag_rule``: ``exact``, or the variant rules joined by ``+``."""
    return cast("str | None", _info(span, "rule"))


def _entities(span: Span) -> list[str] | None:
    """Getter of ``span._.gazetag_entities``: every candidate entity id, reported one first."""
    return cast("list[str] | None", _info(span, "entities"))


def _register_extensions() -> None:
    """Adds the ``._.gazetag_*`` attributes, leaving alone any that already exist.

    The span attributes are getters over ``doc.user_data`` (None on spans gazetag did not
    make), so the details travel with ``doc.to_bytes``, ``DocBin(store_user_data=True)`` and
    ``nlp.pipe(n_process=...)``; the getters are module functions, which pickle.
    """
    for name, getter in (
        ("gazetag_alias", _alias),
        ("gazetag_rule", _rule),
        ("gazetag_entities", _entities),
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    if not Doc.has_extension("gazetag_unaligned"):
        Doc.set_extension("gazetag_unaligned", default=None)


def _threads() -> int:
    """How many threads ``pipe`` tags a batch on: every core the process may use, or one in a
    worker process (``nlp.pipe(n_process=...)``), where the processes already share the cores.

    A worker process gets one thread: with several processes the cores are already shared, and
    one thread tags on the calling thread without starting a pool.
    """
    if multiprocessing.parent_process() is not None:
        return 1
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - macOS and Windows have no sched_getaffinity
        return os.cpu_count() or 1


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Consecutive lists of at most ``size`` docs."""
    it = iter(docs)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _non_overlapping(spans: Sequence[Span]) -> list[Span]:
    """Leftmost first, then longest; earlier spans win ties, as the tagger's own choice does."""
    order = sorted(spans, key=lambda s: (s.start, -s.end))
    chosen: list[Span] = []
    taken_to = 0
    for span in order:
        if span.start >= taken_to:
            chosen.append(span)
            taken_to = span.end
    return chosen


def _longest_first(spans: Sequence[Span]) -> list[Span]:
    """Longest first, then leftmost: the EntityRuler's choice (``spacy.util.filter_spans``)."""
    return sorted(util.filter_spans(spans), key=lambda s: s.start)


def _maximal(spans: Sequence[Span], entities: Sequence[Sequence[str]]) -> list[bool]:
    """Which spans no longer span holds for the same entity: one that lies inside a longer
    span is a part of that mention (``Sadr`` in ``Muqtada al-Sadr``) when the longer span's
    entity is among its candidates."""
    keep = [True] * len(spans)
    for i, (span, candidates) in enumerate(zip(spans, entities)):
        for other in spans:
            inside = other.start <= span.start and span.end <= other.end
            if inside and len(other) > len(span) and other.kb_id_ in candidates:
                keep[i] = False
                break
    return keep


def _is_pattern_file(path: str) -> bool:
    """Whether ``Gazetteer.read`` reads the file as spaCy patterns: a ``.jsonl`` or ``.ndjson``
    file whose first record has a ``"pattern"`` and no ``"name"``."""
    if not path.lower().endswith((".jsonl", ".ndjson")):
        return False
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(first, dict) and "pattern" in first and "name" not in first
    return False


def _pattern_case(g: Gazetteer, sensitive: bool) -> Gazetteer:
    """The gazetteer with every alias whose case the patterns did not set (a string pattern)
    matching in its own case only (``sensitive``, as the EntityRuler matches string patterns
    with its default ``phrase_matcher_attr``, ``ORTH``) or in any case (``LOWER``). Token
    patterns keep the case their ``ORTH`` / ``LOWER`` keys gave."""
    records = g.to_records()
    for record, entity in zip(records, g):
        given = {a["text"]: a for a in record["aliases"] if isinstance(a, dict)}
        record["aliases"] = [
            {
                **given.get(text, {"text": text}),
                "case_sensitive": given.get(text, {}).get("case_sensitive", sensitive),
            }
            for text in entity.aliases
        ]
    return Gazetteer.from_records(records)


def _runs(doc: Doc, tokens: Iterable[int]) -> list[Span]:
    """Spans over runs of consecutive token indices."""
    runs: list[Span] = []
    for _, group in itertools.groupby(enumerate(sorted(tokens)), lambda p: p[1] - p[0]):
        members = [i for _, i in group]
        runs.append(doc[members[0] : members[-1] + 1])
    return runs


def _unaligned_record(m: Match, span: Span | None = None) -> dict[str, Any]:
    """What ``doc._.gazetag_unaligned`` keeps of a match: plain values that serialise; for a
    match that ``alignment_mode="contract"`` cut to the tokens inside it, also where that
    span starts and ends (``span_start``, ``span_end``, character offsets)."""
    record = {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "entity_id": m.entity_id,
        "label": m.label,
    }
    if span is not None:
        record["span_start"], record["span_end"] = span.start_char, span.end_char
    return record


class GazetagComponent(Pipe):  # type: ignore[misc,unused-ignore]
    """Writes a gazetteer's matches to ``doc.spans`` and ``doc.ents``.

    Made by ``nlp.add_pipe("gazetag", config={...})``; the config keys are the keyword
    arguments below. The tagger is compiled on first use (or by ``initialize``), always with
    ``overlapping=True``: the matches go to the span group, and ``doc.ents`` gets the
    leftmost-longest non-overlapping ones, chosen on the token spans.

    Args:
        name: The component's name in the pipeline.
        gazetteer: ``"default"`` for the embedded gazetteer, or the path of a dictionary file
            in any format ``Gazetteer.read`` takes, or a list of them, merged in order (an
            entity in several has the aliases of all).
        with_default: The embedded gazetteer as well as the files, as the CLI's
            ``--with-default`` does.
        variants: ``"none"``, ``"default"`` or ``"aggressive"``: the spelling-variant layer.
        case_sensitive: Match every alias in its own case only.
        whole_words: Require matches to be whole words of the text.
        spans_key: The ``doc.spans`` key the matches go to; the group is replaced each run.
        write_ents: Also add non-overlapping matches to ``doc.ents``.
        overwrite_ents: Replace entities already in ``doc.ents`` that a match overlaps, instead
            of skipping the match.
        alignment_mode: ``"expand"``, ``"contract"`` or ``"strict"``, as in
            ``Doc.char_span``: how a match that does not fall on token boundaries becomes a
            span. Matches that cannot become one, or that ``"contract"`` cuts, are warned
            about and listed in ``doc._.gazetag_unaligned``, never dropped or cut silently.
        nested_spans: Also keep, in the span group, a match inside a longer match of the same
            entity (``Sadr`` inside ``Muqtada al-Sadr``); by default each mention is one span.
        ents_filter: ``"leftmost"`` (leftmost first, then longest, as the tagger chooses) or
            ``"longest"`` (longest first, as the EntityRuler and ``filter_spans`` choose):
            which overlapping matches become entities.
        on_error: ``"raise"`` stops at a bad line of a dictionary file; ``"collect"`` skips
            it, warns with a `DictionaryWarning` and lists it in ``load_reports`` (an
            EntityRuler patterns file with patterns gazetag cannot read, say).
        pattern_case: How a string pattern of a spaCy patterns file matches: ``"orth"`` in its
            own case only, as the EntityRuler matches it; ``"lower"`` in any case; or
            ``"gazetag"`` by gazetag's rule (acronyms and some names keep their case).

    Raises:
        InputTypeError: a config value of the wrong type.
        InputError: a config value that is not allowed.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> tagger = nlp.add_pipe("gazetag")
    >>> isinstance(tagger, GazetagComponent), tagger.cfg["spans_key"]
    (True, 'gazetag')
    """

    def __init__(
        self,
        name: str = "gazetag",
        *,
        gazetteer: str | os.PathLike[str] = "default",
        variants: Layer = "default",
        case_sensitive: bool = False,
        whole_words: bool = True,
        spans_key: str = "gazetag",
        write_ents: bool = True,
        overwrite_ents: bool = False,
        alignment_mode: AlignmentMode = "expand",
        with_default: bool = False,
        nested_spans: bool = False,
        ents_filter: EntsFilter = "leftmost",
        on_error: Literal["raise", "collect"] = "raise",
        pattern_case: PatternCase = "orth",
    ) -> None:
        self.name = name
        self._settings = _settings(
            gazetteer,
            variants,
            case_sensitive,
            whole_words,
            spans_key,
            write_ents,
            overwrite_ents,
            alignment_mode,
            with_default,
            nested_spans,
            ents_filter,
            on_error,
            pattern_case,
        )
        #: What reading each dictionary file left out (with ``on_error="collect"``).
        self.load_reports: list[LoadReport] = []
        self._tagger: Tagger | None = None
        # The "gazetteer" value the current tagger was compiled from, kept through to_disk so
        # that a load with a different "gazetteer" knows to read the new dictionary.
        self._source: str | list[str] | None = None
        _register_extensions()

    @property
    def cfg(self) -> dict[str, Any]:
        """The component's settings, as config keys and values (a new dict each time).

        >>> GazetagComponent(variants="none").cfg["variants"]
        'none'
        """
        return asdict(self._settings)

    @property
    def tagger(self) -> Tagger:
        """The compiled tagger, read and compiled now if it has not been yet.

        Raises:
            InputError: the ``gazetteer`` path names no file, or a file of unknown format.
            GazetteerError: bad data in the dictionary file.

        >>> GazetagComponent().tagger.overlapping
        True
        """
        if self._tagger is None:
            self._tagger = self._compile()
            self._source = self._settings.gazetteer
            _add_colors(self._tagger)
        return self._tagger

    def _compile(self) -> Tagger:
        s = self._settings
        options: dict[str, Any] = {
            "variants": s.variants,
            "case_sensitive": s.case_sensitive,
            "whole_words": s.whole_words,
            "overlapping": True,
        }
        if s.sources == ("default",):
            return Tagger.default(**options)
        files = [path for path in s.sources if path != "default"]
        for path in files:
            if not os.path.isfile(path):
                raise InputError(
                    f'gazetag config "gazetteer": no dictionary file at {path!r}; give '
                    '"default" or the path of a .jsonl, .csv or .tsv dictionary (write ./default '
                    'for a file named "default")'
                )
        g = Gazetteer.default() if s.with_default or len(files) < len(s.sources) else Gazetteer()
        self.load_reports = []
        for path in files:
            g.update(self._read(path))
        return Tagger(g, **options)

    def _read(self, path: str) -> Gazetteer:
        """One dictionary file, its bad lines collected and warned about if so configured, and
        a patterns file's string patterns in the case ``pattern_case`` says."""
        s = self._settings
        if s.on_error == "collect":
            g, report = Gazetteer.read(path, on_error="collect")
            self.load_reports.append(report)
            if not report.ok:
                warnings.warn(
                    f"gazetag component {self.name!r}: {report}", DictionaryWarning, stacklevel=4
                )
        else:
            g = Gazetteer.read(path)
        if s.pattern_case != "gazetag" and _is_pattern_file(path):
            g = _pattern_case(g, s.pattern_case == "orth")
        return g

    def _fits(self, tagger: Tagger) -> bool:
        """Whether a tagger was compiled with this component's matching options."""
        s = self._settings
        return (
            tagger.overlapping
            and tagger.variants == s.variants
            and tagger.case_sensitive == s.case_sensitive
            and tagger.whole_words == s.whole_words
        )

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Reads and compiles the dictionary now, so that ``nlp.initialize()`` reports a bad
        ``gazetteer`` before the first doc. Takes spaCy's usual arguments and ignores them.

        Args:
            get_examples: Unused; the component learns nothing.
            nlp: Unused.

        Raises:
            InputError: the ``gazetteer`` path names no file, or a file of unknown format.

        >>> GazetagComponent().initialize()
        """
        _ = self.tagger

    def __call__(self, doc: Doc) -> Doc:
        """Tags one doc and writes its spans and entities.

        Args:
            doc: The doc to annotate, in place.

        Returns:
            The same doc.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> doc = GazetagComponent()(nlp("KH fighters and AAH"))
        >>> [(s.text, s.kb_id_) for s in doc.spans["gazetag"]]
        [('KH', 'kataib-hezbollah'), ('AAH', 'asaib-ahl-al-haq')]
        """
        return self._annotate(doc, self.tagger.tag(doc.text))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Tags docs a batch at a time, each batch on every core (``Tagger.tag_batch``).

        A doc that fails goes to the component's error handler (``nlp.set_error_handler``),
        as in spaCy's own components; the others are still tagged.

        Args:
            stream: The docs to annotate, in place.
            batch_size: How many docs to tag at once.

        Returns:
            The docs, in order.

        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> texts = ["Kata'ib Hezbollah", "nothing", "Hashd al-Shaabi"]
        >>> docs = GazetagComponent().pipe(nlp.pipe(texts), batch_size=2)
        >>> [[s.text for s in doc.spans["gazetag"]] for doc in docs]
        [["Kata'ib Hezbollah"], [], ['Hashd al-Shaabi']]
        """
        tagger = self.tagger
        handler: ErrorHandler = self.get_error_handler()
        threads = _threads()
        for batch in _batches(stream, max(batch_size, 1)):
            found: Sequence[list[Match] | None]
            try:
                found = tagger.tag_batch([doc.text for doc in batch], threads=threads)
            except Exception:
                # Tag one at a time, so that the handler hears about the doc that failed.
                found = [None] * len(batch)
            for doc, matches in zip(batch, found):
                try:
                    done = self._annotate(doc, tagger.tag(doc.text) if matches is None else matches)
                except Exception as e:
                    handler(self.name, self, [doc], e)
                    continue
                yield done

    def _annotate(self, doc: Doc, matches: list[Match]) -> Doc:
        s = self._settings
        spans: list[Span] = []
        seen: set[tuple[int, int, str, str]] = set()
        unaligned: list[tuple[Match, Span | None]] = []
        details: list[dict[str, Any]] = []
        for m in matches:
            span = doc.char_span(
                m.start,
                m.end,
                label=m.label,
                kb_id=m.entity_id,
                span_id=m.entity_id,
                alignment_mode=s.alignment_mode,
            )
            if span is None:
                unaligned.append((m, None))
                continue
            cut = (span.start_char, span.end_char) != (m.start, m.end)
            if cut and s.alignment_mode != "expand":
                # "contract" cut it to the tokens inside it: kept, and reported as cut.
                unaligned.append((m, span))
            # Two matches inside one token expand to the same span: keep the first.
            key = (span.start, span.end, m.label, m.entity_id)
            if key in seen:
                continue
            seen.add(key)
            # A list, not a tuple: that is what comes back from doc.to_bytes.
            details.append({"alias": m.alias, "rule": m.rule, "entities": list(m.entities)})
            spans.append(span)
        if not s.nested_spans:
            keep = _maximal(spans, [d["entities"] for d in details])
            spans = [span for span, k in zip(spans, keep) if k]
            details = [d for d, k in zip(details, keep) if k]
        for span, info in zip(spans, details):
            _user_data(doc)[_info_key(span)] = info
        doc.spans[s.spans_key] = spans
        if s.write_ents:
            choose = _longest_first if s.ents_filter == "longest" else _non_overlapping
            self._write_ents(doc, choose(spans))
        doc._.gazetag_unaligned = [_unaligned_record(m, span) for m, span in unaligned]
        if unaligned:
            self._warn(doc, unaligned)
        return doc

    def _write_ents(self, doc: Doc, chosen: list[Span]) -> None:
        taken = bytearray(len(doc))
        for span in chosen:
            taken[span.start : span.end] = b"\x01" * len(span)
        outside: set[int] = set()
        if self._settings.overwrite_ents:
            for ent in doc.ents:
                if any(taken[ent.start : ent.end]):
                    # The parts of a replaced entity that no match covers become O.
                    outside.update(i for i in range(ent.start, ent.end) if not taken[i])
            new = chosen
        else:
            held = bytearray(len(doc))
            for ent in doc.ents:
                held[ent.start : ent.end] = b"\x01" * len(ent)
            new = [span for span in chosen if not any(held[span.start : span.end])]
        if new or outside:
            doc.set_ents(new, outside=_runs(doc, outside), default="unmodified")

    def _warn(self, doc: Doc, unaligned: list[tuple[Match, Span | None]]) -> None:
        quoted = ", ".join(
            f"{m.text!r} at {m.start}:{m.end} ({m.entity_id}"
            + ("" if span is None else f", cut to {span.text!r}")
            + ")"
            for m, span in unaligned[:QUOTED]
        )
        more = f" and {len(unaligned) - QUOTED} more" if len(unaligned) > QUOTED else ""
        n = len(unaligned)
        cut = sum(span is not None for _, span in unaligned)
        if cut == 0:
            outcome = "could not be made into spans"
        elif cut < n:
            outcome = f"could not be made into spans ({cut} cut to the tokens inside them)"
        elif n == 1:
            outcome = "was cut to the tokens inside it"
        else:
            outcome = "were cut to the tokens inside them"
        warnings.warn(
            f"gazetag component {self.name!r}: {n} match{'es' if n != 1 else ''} in a doc of "
            f"{len(doc.text)} characters {'do' if n != 1 else 'does'} not fall on token "
            f"boundaries and {outcome} with alignment_mode="
            f'"{self._settings.alignment_mode}": {quoted}{more}. They are listed in '
            'doc._.gazetag_unaligned; alignment_mode="expand" keeps them as the tokens around '
            "them",
            AlignmentWarning,
            stacklevel=3,
        )

    def _record(self) -> dict[str, Any]:
        """What cfg.json holds: the format, where the tagger came from, and the settings."""
        return {"format": FORMAT, **self.cfg, "gazetteer": self._source}

    def _restore(self, record: dict[str, Any] | None, tagger: Tagger | None) -> None:
        """Adopts a saved tagger unless the config now names another dictionary.

        A tagger saved with other matching options is recompiled from the copy of the
        gazetteer it holds, so the dictionary file is not read again.
        """
        if record is not None:
            if not isinstance(record, dict) or not isinstance(record.get("format"), int):
                raise FormatError("gazetag component: the saved cfg is not gazetag's")
            if record["format"] > FORMAT:
                raise FormatError(
                    f"gazetag component: the saved cfg has format {record['format']}, newer "
                    f"than this gazetag reads ({FORMAT}); upgrade gazetag"
                )
        if tagger is None:
            return
        source = record.get("gazetteer") if record is not None else None
        source = self._settings.gazetteer if source is None else source
        saved_with_default = record.get("with_default", False) if record is not None else False
        if _sources(source) != self._settings.sources or (
            saved_with_default != self._settings.with_default
        ):
            self._tagger = None
            self._source = None
            return
        if not self._fits(tagger):
            s = self._settings
            tagger = Tagger(
                tagger.gazetteer,
                variants=s.variants,
                case_sensitive=s.case_sensitive,
                whole_words=s.whole_words,
                overlapping=True,
            )
        self._tagger = tagger
        self._source = source
        _add_colors(tagger)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Saves the compiled tagger (``tagger.bin``) and the settings (``cfg.json``) in a
        directory; ``nlp.to_disk`` calls this.

        Args:
            path: The directory; created if missing.
            exclude: ``"tagger"`` and ``"cfg"`` leave out those files.

        Raises:
            InputError: the tagger was not compiled yet and the dictionary cannot be read.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     GazetagComponent().to_disk(d)
        ...     sorted(p.name for p in Path(d).iterdir())
        ['cfg.json', 'tagger.bin']
        """

        def write_cfg(p: Path) -> None:
            p.write_text(json.dumps(self._record(), indent=2) + "\n", encoding="utf-8")

        # The tagger first: compiling it sets the source that cfg.json records.
        writers: dict[str, Callable[[Path], None]] = {
            "tagger.bin": lambda p: self.tagger.save(p),
            "cfg.json": write_cfg,
        }
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetagComponent:
        """Loads what ``to_disk`` saved; ``spacy.load`` calls this.

        The saved tagger is used, and the dictionary is not read, unless the component's
        ``gazetteer`` config names another dictionary than the one it was saved from. Matching
        options that differ from the saved tagger's are honoured by recompiling from the
        gazetteer inside it.

        Args:
            path: The directory ``to_disk`` wrote.
            exclude: ``"tagger"`` and ``"cfg"`` leave out those files.

        Returns:
            The component itself.

        Raises:
            FormatError: files that are not gazetag's, or from a newer gazetag.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     GazetagComponent().to_disk(d)
        ...     GazetagComponent().from_disk(d).tagger.pattern_count > 0
        True
        """
        loaded: dict[str, Any] = {}

        def read_cfg(p: Path) -> None:
            try:
                loaded["cfg"] = json.loads(p.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                raise FormatError(f"gazetag component: {p} is not a gazetag cfg: {e}") from e

        readers: dict[str, Callable[[Path], None]] = {
            "cfg.json": read_cfg,
            "tagger.bin": lambda p: loaded.__setitem__("tagger", Tagger.load(p)),
        }
        util.from_disk(path, readers, exclude)
        self._restore(loaded.get("cfg"), loaded.get("tagger"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The compiled tagger and settings as bytes; ``nlp.to_bytes`` calls this.

        Args:
            exclude: ``"tagger"`` and ``"cfg"`` leave those out.

        Returns:
            Bytes that ``from_bytes`` reads.

        >>> len(GazetagComponent().to_bytes()) > 1000
        True
        """
        getters: dict[str, Callable[[], bytes]] = {
            "tagger": lambda: self.tagger.to_bytes(),
            "cfg": lambda: json.dumps(self._record()).encode("utf-8"),
        }
        return bytes(util.to_bytes(getters, exclude))

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> GazetagComponent:
        """Loads what ``to_bytes`` returned, as ``from_disk`` does.

        Args:
            bytes_data: The bytes.
            exclude: ``"tagger"`` and ``"cfg"`` leave those out.

        Returns:
            The component itself.

        Raises:
            FormatError: bytes that are not gazetag's, or from a newer gazetag.

        >>> data = GazetagComponent(variants="none").to_bytes()
        >>> GazetagComponent(variants="none").from_bytes(data).tagger.variants
        'none'
        """
        loaded: dict[str, Any] = {}

        def read_cfg(b: bytes) -> None:
            try:
                loaded["cfg"] = json.loads(b)
            except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as e:
                raise FormatError(f"gazetag component: not a gazetag cfg: {e}") from e

        setters: dict[str, Callable[[bytes], Any]] = {
            "cfg": read_cfg,
            "tagger": lambda b: loaded.__setitem__("tagger", Tagger.from_bytes(b)),
        }
        try:
            util.from_bytes(bytes_data, setters, exclude)
        except (ValueError, TypeError) as e:
            if isinstance(e, FormatError):
                raise
            raise FormatError(f"gazetag component: the bytes are not gazetag's: {e}") from e
        missing = [k for k in setters if k not in exclude and k not in loaded]
        if missing:
            raise FormatError(f"gazetag component: the bytes are not gazetag's: no {missing[0]}")
        self._restore(loaded.get("cfg"), loaded.get("tagger"))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # The compiled tagger travels with the component (as gazetag's own bytes), so worker
        # processes never read the dictionary.
        handler = self.__dict__.get("error_handler")
        state = (self.name, self.cfg, self.tagger, self._source, handler)
        return (_unpickle, state)


def _sources(value: object) -> tuple[Any, ...]:
    """A saved ``gazetteer`` value (a str, or a list after JSON) as a tuple of sources."""
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


# The factory's defaults are the constructor's, so the two cannot drift apart.
DEFAULT_CONFIG: dict[str, Any] = {
    key: p.default
    for key, p in inspect.signature(GazetagComponent.__init__).parameters.items()
    if p.kind is inspect.Parameter.KEYWORD_ONLY
}


def _unpickle(
    name: str,
    cfg: dict[str, Any],
    tagger: Tagger,
    source: str | list[str] | None,
    handler: ErrorHandler | None,
) -> GazetagComponent:
    """Rebuilds a pickled component."""
    component = GazetagComponent(name, **cfg)
    component._tagger = tagger
    component._source = source
    if handler is not None:
        component.set_error_handler(handler)
    return component


@Language.factory(  # type: ignore[untyped-decorator,misc,unused-ignore]
    "gazetag",
    default_config=DEFAULT_CONFIG,
    assigns=[
        "doc.spans",
        "doc.ents",
        "token.ent_type",
        "token.ent_iob",
        "token.ent_kb_id",
        "token.ent_id",
    ],
)
def make_gazetag(
    nlp: Language,
    name: str,
    gazetteer: Any,
    variants: Any,
    case_sensitive: Any,
    whole_words: Any,
    spans_key: Any,
    write_ents: Any,
    overwrite_ents: Any,
    alignment_mode: Any,
    with_default: Any,
    nested_spans: Any,
    ents_filter: Any,
    on_error: Any,
    pattern_case: Any,
) -> GazetagComponent:
    """The ``"gazetag"`` factory: ``nlp.add_pipe("gazetag", config={...})`` calls it.

    The arguments are typed ``Any`` so that spaCy passes every value through and the component
    checks it with gazetag's errors, which name the key and what it accepts.

    Args:
        nlp: The pipeline; unused.
        name: The component's name.
        gazetteer: See :class:`GazetagComponent`, as for every other key.
        variants: See :class:`GazetagComponent`.
        case_sensitive: See :class:`GazetagComponent`.
        whole_words: See :class:`GazetagComponent`.
        spans_key: See :class:`GazetagComponent`.
        write_ents: See :class:`GazetagComponent`.
        overwrite_ents: See :class:`GazetagComponent`.
        alignment_mode: See :class:`GazetagComponent`.
        with_default: See :class:`GazetagComponent`.
        nested_spans: See :class:`GazetagComponent`.
        ents_filter: See :class:`GazetagComponent`.
        on_error: See :class:`GazetagComponent`.
        pattern_case: See :class:`GazetagComponent`.

    Returns:
        The component.

    Raises:
        InputTypeError: a config value of the wrong type.
        InputError: a config value that is not allowed.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("gazetag", config={"spans_key": "places"}).cfg["spans_key"]
    'places'
    """
    return GazetagComponent(
        name,
        gazetteer=gazetteer,
        variants=variants,
        case_sensitive=case_sensitive,
        whole_words=whole_words,
        spans_key=spans_key,
        write_ents=write_ents,
        overwrite_ents=overwrite_ents,
        alignment_mode=alignment_mode,
        with_default=with_default,
        nested_spans=nested_spans,
        ents_filter=ents_filter,
        on_error=on_error,
        pattern_case=pattern_case,
    )


def pipe_texts(
    nlp: Language,
    texts: Iterable[object],
    *,
    on_missing: Literal["raise", "skip", "empty"] = "skip",
    **kwargs: Any,
) -> Iterator[Doc | None]:
    """``nlp.pipe(texts)`` for a column with gaps: spaCy itself refuses None and NaN.

    Args:
        nlp: The pipeline (with or without the gazetag component).
        texts: The texts; None, NaN, ``pd.NA`` and ``pd.NaT`` are missing.
        on_missing: ``"skip"`` (the default) yields None for a missing text, so that the docs
            stay aligned with ``texts``; ``"empty"`` yields the doc of ``""``; ``"raise"``
            raises InputError naming the text's position and, in a Series, its index label.
        **kwargs: Passed to ``nlp.pipe`` (``batch_size``, ``n_process``, ...).

    Returns:
        One doc (or None) per text, in order.

    Raises:
        InputError: A text is missing and ``on_missing="raise"``, or ``on_missing`` is none
            of the three.

    >>> import spacy, pandas as pd
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("gazetag")
    >>> texts = pd.Series(["KH fighters", None, "Quiet."], index=["a", "b", "c"])
    >>> docs = pipe_texts(nlp, texts)
    >>> [None if d is None else [s.text for s in d.spans["gazetag"]] for d in docs]
    [['KH'], None, []]
    """
    from gazetag._columns import missing_error, missing_kind

    if on_missing not in ("raise", "skip", "empty"):
        raise InputError(f'on_missing must be "raise", "skip" or "empty", not {on_missing!r}')
    gaps: list[bool] = []

    def present() -> Iterator[str]:
        for at, text in enumerate(texts):
            kind = missing_kind(text)
            if kind is not None and on_missing == "raise":
                raise missing_error(texts, at, kind)
            gaps.append(kind is not None and on_missing == "skip")
            if not gaps[-1]:
                yield "" if kind is not None else text  # type: ignore[misc]

    docs = iter(nlp.pipe(present(), **kwargs))
    at = 0
    while True:
        # nlp.pipe reads ahead; the gaps it has read so far are those before its next doc.
        doc = next(docs, None)
        while at < len(gaps) and gaps[at]:
            yield None
            at += 1
        if doc is None:
            return
        yield doc
        at += 1
