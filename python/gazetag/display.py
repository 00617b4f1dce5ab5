"""Showing matches in a notebook: :class:`Annotation` renders a text with its matches as HTML
for Jupyter, and as the manual format of spaCy's displaCy.

The module owns the layout of matches on a text and the HTML built from it. It promises:

- Everything taken from the text or the matches is escaped, in text and in attributes, so a
  text or a dictionary with ``<script>``, quotes or ``&`` shows as written and runs nothing.
- The visible text of the HTML, without the label tags, is the original text exactly, line
  breaks included (``white-space: pre-wrap``), and each highlight holds exactly its match.
- Matches are checked against the text: a match whose offsets do not fit raises
  :class:`~gazetag.InputError` rather than drawing a highlight in the wrong place.
- Mixed scripts read right: each paragraph (a run of lines no highlight crosses) takes the
  direction of its first strong character outside the highlights (Unicode's rule P2, which
  skips isolates), each highlight is an isolate with the direction of its own text and its
  label tag at its end, and the legend reads left to right in order of first appearance.
- Long texts stay quick to show: the HTML holds at most ``max_chars`` characters of the text
  (:data:`DEFAULT_MAX_CHARS` unless told otherwise), cut before a highlight, never inside
  one, and a note after the text says how many characters and matches were left out.
- Highlights never overlap. Of overlapping matches (``Tagger(..., overlapping=True)``) the
  leftmost-longest are highlighted; each of the others is listed in the tooltip of the
  highlight it overlaps, and that highlight's label tag shows ``+N``. Nesting was not chosen:
  crossing spans cannot nest, and displaCy's manual format takes non-overlapping spans, so one
  rule serves both outputs.

Only the standard library is used; spaCy is needed only to render :meth:`Annotation.to_displacy`.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from gazetag._errors import InputError, InputTypeError
from gazetag._gazetag import Match

__all__ = ["BUILTIN_COLORS", "DEFAULT_MAX_CHARS", "Annotation", "label_color"]

#: How many characters of a text the HTML shows unless told otherwise: a long report in full,
#: while a whole book (0.9 million characters made 14 MB of HTML and 20 s of layout) is cut.
DEFAULT_MAX_CHARS = 100_000

#: Background colours of the embedded gazetteer's labels: light enough for dark text.
BUILTIN_COLORS: Mapping[str, str] = {
    "PERSON": "#fcd9a8",
    "MILITIA": "#f5b5b0",
    "BASE": "#bde5c8",
    "INSTITUTION": "#bcd6f4",
}

# Only forms that cannot leave a CSS value: no ';', quotes, braces or url(). A name is any
# run of letters; a misspelt one is harmless (the browser ignores it) but is not caught.
_CSS_COLOR = re.compile(
    r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})"
    r"|(?:rgba?|hsla?)\([0-9.,%/ +-]*(?:deg)?[0-9.,%/ +-]*\)"
    r"|[a-zA-Z]{3,30}"
)

_TEXT_STYLE = "white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.1"
_MARK_STYLE = (
    "unicode-bidi: isolate; color: #1f1f1f; padding: 0.15em 0.3em; margin: 0 0.1em;"
    " border-radius: 0.3em;"
    " line-height: 1; box-decoration-break: clone; -webkit-box-decoration-break: clone"
)
_AMBIGUOUS_STYLE = "; outline: 1px dashed #555; outline-offset: -1px"
# The label tag is not part of the text: it is not selected with it. Its <bdi> gives a label
# its own direction inside right-to-left text, while the margin follows the highlight's.
_LABEL_STYLE = (
    "font-size: 0.68em; font-weight: 600; letter-spacing: 0.03em; margin-inline-start: 0.4em;"
    " vertical-align: 0.1em; opacity: 0.8; user-select: none; -webkit-user-select: none"
)
_LEGEND_STYLE = "margin-top: 0.6em; font-size: 0.8em; line-height: 2"
_KEY_STYLE = "color: #1f1f1f; padding: 0.15em 0.5em; margin-inline-end: 0.5em; border-radius: 0.3em"
_CUT_STYLE = "margin-top: 0.6em; font-size: 0.8em; font-style: italic; opacity: 0.8"


def label_color(label: str) -> str:
    """The default background colour of a label.

    The built-in labels have fixed colours (:data:`BUILTIN_COLORS`); any other label gets a
    light colour whose hue comes from a CRC-32 of its name, the same in every process.

    Args:
        label: The label.

    Returns:
        A CSS colour.

    >>> from gazetag.display import label_color
    >>> label_color("PERSON")
    '#fcd9a8'
    >>> label_color("VEHICLE") == label_color("VEHICLE")
    True
    >>> label_color("VEHICLE")
    'hsl(100, 70%, 84%)'
    """
    builtin = BUILTIN_COLORS.get(label)
    if builtin is not None:
        return builtin
    hue = zlib.crc32(label.encode("utf-8", "surrogatepass")) % 360
    return f"hsl({hue}, 70%, 84%)"


def _esc(value: str) -> str:
    # A raw carriage return would become a line feed when the HTML is parsed; a reference keeps
    # the text as it was.
    return html.escape(value, quote=True).replace("\r", "&#13;")


def _check_colors(colors: Mapping[str, str] | None) -> dict[str, str]:
    if colors is None:
        return {}
    if not isinstance(colors, Mapping):
        raise InputTypeError(
            f"colors must be a mapping of label to CSS colour, not {type(colors).__name__}"
        )
    checked: dict[str, str] = {}
    for label, color in colors.items():
        if not isinstance(label, str):
            raise InputTypeError(f"colors: label {label!r} must be a str")
        if not isinstance(color, str):
            raise InputTypeError(
                f"colors: the colour of label {label!r} must be a str, not {type(color).__name__}"
            )
        value = color.strip()
        if not _CSS_COLOR.fullmatch(value):
            raise InputError(
                f"colors: the colour of label {label!r} is not a CSS colour: {color!r};"
                " use #rgb, #rrggbb, rgb(...), hsl(...) or a colour name"
            )
        checked[label] = value
    return checked


def _check_matches(text: str, matches: Iterable[Match]) -> tuple[Match, ...]:
    if isinstance(matches, (str, bytes)) or not isinstance(matches, Iterable):
        raise InputTypeError(
            f"matches must be an iterable of gazetag.Match, not {type(matches).__name__}"
        )
    checked = tuple(matches)
    for i, m in enumerate(checked):
        if not isinstance(m, Match):
            raise InputTypeError(f"matches[{i}] is a {type(m).__name__}, not a gazetag.Match")
        where = f"matches[{i}] ({m.entity_id!r}, {m.text!r} at {m.start}:{m.end})"
        if not m.start < m.end <= len(text):
            raise InputError(
                f"{where} does not fit a text of {len(text)} characters;"
                " pass the text the matches were found in"
            )
        if text[m.start : m.end] != m.text:
            raise InputError(
                f"{where} does not fit the text: text[{m.start}:{m.end}] is"
                f" {text[m.start : m.end]!r}; pass the text the matches were found in"
            )
    return checked


def _layout(matches: tuple[Match, ...]) -> list[tuple[Match, list[Match]]]:
    """The highlights, left to right, each with the matches it hides.

    Leftmost-longest: by start, then longest first, then input order. A match is hidden when
    it starts inside the last highlight, and is listed under that highlight.
    """
    order = sorted(range(len(matches)), key=lambda i: (matches[i].start, -matches[i].end, i))
    shown: list[tuple[Match, list[Match]]] = []
    for i in order:
        m = matches[i]
        if shown and m.start < shown[-1][0].end:
            shown[-1][1].append(m)
        else:
            shown.append((m, []))
    return shown


def _direction(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` from the first strong character (Unicode's bidi rules P2 and P3),
    None when there is none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def _paragraphs(
    text: str, end: int, shown: list[tuple[Match, list[Match]]]
) -> list[tuple[int, int, list[tuple[Match, list[Match]]]]]:
    """``text[:end]`` split after each line break that no highlight crosses: (start, end, the
    highlights inside). A highlight across a line break keeps its lines in one paragraph."""
    out: list[tuple[int, int, list[tuple[Match, list[Match]]]]] = []
    start = 0
    i = 0  # the next highlight
    at = text.find("\n", 0, end)
    while at != -1:
        stop = at + 1
        while i < len(shown) and shown[i][0].end <= stop:
            i += 1
        crossed = i < len(shown) and shown[i][0].start < stop
        if not crossed:
            out.append((start, stop, []))
            start = stop
        at = text.find("\n", stop, end)
    if start < end or not out:
        out.append((start, end, []))
    # each highlight into its paragraph
    k = 0
    for m, hidden in shown:
        while out[k][1] <= m.start:
            k += 1
        out[k][2].append((m, hidden))
    return out


def _check_max_chars(max_chars: object) -> int | None:
    if max_chars is None:
        return None
    if isinstance(max_chars, bool) or not isinstance(max_chars, int):
        raise InputTypeError(
            f"max_chars must be an int or None, not {type(max_chars).__name__}"
        )
    if max_chars < 1:
        raise InputError(f"max_chars must be at least 1, not {max_chars}; None shows all")
    return max_chars


def _tooltip(m: Match, hidden: list[Match]) -> str:
    lines = [
        f"{m.label}: {m.entity_id}",
        f"name: {m.name}",
        f"alias: {m.alias}",
        f"rule: {m.rule}",
    ]
    others = [e for e in m.entities if e != m.entity_id]
    if others:
        lines.append(f"ambiguous, also: {', '.join(others)}")
    if hidden:
        lines.append("overlapping, not highlighted:")
        lines.extend(
            f"  {h.text!r} at {h.start}:{h.end}: {h.label} {h.entity_id}"
            f" (alias {h.alias!r}, rule {h.rule})"
            for h in hidden
        )
    return "\n".join(lines)


class Annotation:
    """A text and its matches, shown highlighted in Jupyter and other notebooks.

    A notebook shows an ``Annotation`` left last in a cell as the text with each match
    highlighted in its label's colour, the label as a small tag, and a tooltip with the entity
    id, canonical name, alias, rule, the other candidate ids of an ambiguous match and any
    overlapping matches not highlighted (see the module documentation). A legend lists the
    labels with their colours and counts.

    Immutable: it keeps the text, the matches as given and the colour overrides.

    >>> import gazetag
    >>> from gazetag.display import Annotation
    >>> text = "Kataib Hizballah fired on Ain al-Assad."
    >>> ann = Annotation(text, gazetag.Tagger.default().tag(text))
    >>> ann
    Annotation(text='Kataib Hizballah fired on Ain al-Assad.', matches=2)
    >>> [(m.text, m.label) for m in ann.matches]
    [('Kataib Hizballah', 'MILITIA'), ('Ain al-Assad', 'BASE')]
    >>> Annotation("a <b> & c", []).to_html().count("&lt;b&gt; &amp; c")
    1

    Args:
        text: The text the matches were found in.
        matches: Matches in ``text``, such as ``Tagger.tag(text)``, in any order; overlapping
            ones are allowed.
        colors: Background colours by label, overriding the defaults (:func:`label_color`):
            ``#hex``, ``rgb()``/``rgba()``, ``hsl()``/``hsla()`` or a colour name.
        max_chars: How many characters of the text the HTML shows, at most; the rest is left
            out with a note saying how much and how many matches it holds. None shows all.

    Raises:
        InputError: A match does not fit the text (offsets outside it, or
            ``text[start:end] != match.text``), the text holds a lone surrogate, a colour
            is not a CSS colour, or ``max_chars`` is below 1. The message names the match or
            the label.
        InputTypeError: ``text`` is not a ``str``, ``matches`` is not an iterable of
            ``gazetag.Match``, ``colors`` is not a mapping of ``str`` to ``str``, or
            ``max_chars`` is not an int or None.
    """

    __slots__ = ("_colors", "_matches", "_max_chars", "_text")

    _text: str
    _matches: tuple[Match, ...]
    _colors: dict[str, str]
    _max_chars: int | None

    def __init__(
        self,
        text: str,
        matches: Iterable[Match],
        *,
        colors: Mapping[str, str] | None = None,
        max_chars: int | None = DEFAULT_MAX_CHARS,
    ) -> None:
        if not isinstance(text, str):
            raise InputTypeError(f"text must be a str, not {type(text).__name__}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise InputError(
                f"text has a lone surrogate at index {e.start}; it cannot be shown as HTML"
            ) from None
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_matches", _check_matches(text, matches))
        object.__setattr__(self, "_colors", _check_colors(colors))
        object.__setattr__(self, "_max_chars", _check_max_chars(max_chars))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Annotation is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Annotation is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._text, self._matches, self._colors or None, self._max_chars))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Annotation):
            return NotImplemented
        return (self._text, self._matches, self._colors, self._max_chars) == (
            other._text,
            other._matches,
            other._colors,
            other._max_chars,
        )

    def __hash__(self) -> int:
        colors = tuple(sorted(self._colors.items()))
        return hash((self._text, self._matches, colors, self._max_chars))

    @property
    def text(self) -> str:
        """The text."""
        return self._text

    @property
    def matches(self) -> tuple[Match, ...]:
        """The matches, in the order given."""
        return self._matches

    @property
    def max_chars(self) -> int | None:
        """How many characters of the text the HTML shows at most; None for all."""
        return self._max_chars

    @property
    def colors(self) -> dict[str, str]:
        """The background colour of each label among the matches, in order of first
        appearance; a new dict each time.

        Pass it to displaCy as ``options={"colors": ann.colors}`` to use the same colours
        there (displaCy looks labels up in upper case).

        >>> import gazetag
        >>> from gazetag.display import Annotation
        >>> m = gazetag.Match(0, 3, "Ali", "Ali", "ali", "PERSON", "Ali")
        >>> Annotation("Ali", [m], colors={"PERSON": "gold"}).colors
        {'PERSON': 'gold'}
        """
        return self._colors_of(_layout(self._matches))

    def _colors_of(self, shown: list[tuple[Match, list[Match]]]) -> dict[str, str]:
        out: dict[str, str] = {}
        for m, hidden in shown:
            for label in (m.label, *(h.label for h in hidden)):
                if label not in out:
                    out[label] = self._colors.get(label) or label_color(label)
        return out

    def _cut(self, shown: list[tuple[Match, list[Match]]]) -> int:
        """Where the shown text ends: at ``max_chars``, moved back to the start of a highlight
        it would cut and off combining marks, so that no letter loses its marks."""
        text, limit = self._text, self._max_chars
        if limit is None or len(text) <= limit:
            return len(text)
        cut = limit
        for m, _ in shown:
            if m.start < cut < m.end:
                cut = m.start
                break
            if m.start >= cut:
                break
        while cut > 0 and unicodedata.combining(text[cut]):
            cut -= 1
        return cut

    def __len__(self) -> int:
        return len(self._matches)

    def __repr__(self) -> str:
        text = self._text if len(self._text) <= 60 else self._text[:59] + "…"
        return f"Annotation(text={text!r}, matches={len(self._matches)})"

    def to_html(self, *, standalone: bool = False) -> str:
        """The text with its matches highlighted, as HTML.

        The fragment is one ``<div class="gazetag">`` holding the text, split into
        paragraphs (``<div class="gazetag-par" dir="ltr|rtl">``, each ending with its line
        break), a note when the text was cut at ``max_chars`` (``<div class="gazetag-cut">``)
        and a legend; its styles are inline, so it looks the same wherever it is put and leaks
        no CSS into the page. Each highlight is a ``<mark class="gazetag-ent" dir=...>`` (an
        isolate) with a ``title`` tooltip and the attributes ``data-label``,
        ``data-entity-id``, ``data-start`` and ``data-end``; its label tag is a ``<span
        class="gazetag-label">``.

        Args:
            standalone: Whether to return a whole HTML page rather than a fragment.

        Returns:
            The HTML.

        >>> import gazetag
        >>> from gazetag.display import Annotation
        >>> m = gazetag.Match(4, 8, "Badr", "Badr", "badr", "MILITIA", "Badr Organization")
        >>> html = Annotation("The Badr office", [m]).to_html()
        >>> print(html[html.index("<mark") : html.index("</mark>") + 7])  # doctest: +ELLIPSIS
        <mark class="gazetag-ent" dir="ltr" data-label="MILITIA" ...>Badr<span ...
        >>> Annotation("x", []).to_html(standalone=True).startswith("<!doctype html>")
        True
        """
        shown = _layout(self._matches)
        cut = self._cut(shown)
        shown = [(m, hidden) for m, hidden in shown if m.start < cut]
        colors = self._colors_of(shown)
        parts: list[str] = [
            '<div class="gazetag">',
            f'<div class="gazetag-text" style="{_TEXT_STYLE}">',
        ]
        hidden_count = 0
        ambiguous = False
        for start, end, inside in _paragraphs(self._text, cut, shown):
            # The paragraph's direction comes from its own words; the highlights are isolates,
            # so they count only when nothing else is strong (a line that is just a name).
            outside, at = [], start
            for m, _ in inside:
                outside.append(self._text[at : m.start])
                at = m.end
            outside.append(self._text[at:end])
            direction = _direction("".join(outside)) or _direction(self._text[start:end])
            dir_attr = f' dir="{direction}"' if direction else ""
            parts.append(f'<div class="gazetag-par"{dir_attr}>')
            at = start
            for m, hidden in inside:
                hidden_count += len(hidden)
                style = f"background: {colors[m.label]}; {_MARK_STYLE}"
                if m.rule == "suggested":  # a candidate of gazetag.suggest: outlined, not filled
                    style = f"border: 2px dashed {colors[m.label]}; {_MARK_STYLE}"
                if len(m.entities) > 1:
                    style += _AMBIGUOUS_STYLE
                    ambiguous = True
                more = f'<span class="gazetag-more"> +{len(hidden)}</span>' if hidden else ""
                mark_dir = _direction(m.text) or direction or "ltr"
                parts += [
                    _esc(self._text[at : m.start]),
                    f'<mark class="gazetag-ent" dir="{mark_dir}" data-label="{_esc(m.label)}"',
                    f' data-entity-id="{_esc(m.entity_id)}"',
                    f' data-start="{m.start}" data-end="{m.end}"',
                    f' title="{_esc(_tooltip(m, hidden))}" style="{style}">',
                    _esc(m.text),
                    f'<span class="gazetag-label" style="{_LABEL_STYLE}">',
                    f"<bdi>{_esc(m.label)}{more}</bdi></span>",
                    "</mark>",
                ]
                at = m.end
            parts += [_esc(self._text[at:end]), "</div>"]
        parts.append("</div>")
        if cut < len(self._text):
            left = sum(1 for m in self._matches if m.start >= cut)
            noun = "match" if left == 1 else "matches"
            parts.append(
                f'<div class="gazetag-cut" dir="ltr" style="{_CUT_STYLE}">'
                f"[showing the first {cut:,} of {len(self._text):,} characters; the other"
                f" {len(self._text) - cut:,}, with {left:,} {noun}, are left out:"
                f" max_chars=None shows all]</div>"
            )
        parts += [self._legend(colors, cut, hidden_count, ambiguous), "</div>"]
        fragment = "".join(parts)
        if not standalone:
            return fragment
        return (
            '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>gazetag</title>\n</head>\n"
            '<body style="font-family: system-ui, sans-serif; max-width: 48em; margin: 2em auto;'
            ' padding: 0 1em">\n'
            f"{fragment}\n</body>\n</html>\n"
        )

    def _legend(self, colors: dict[str, str], cut: int, hidden: int, ambiguous: bool) -> str:
        # Counts are of every match in the text shown, highlighted or not; the note says how
        # many are hidden. Labels are English words: the legend reads left to right, in the
        # order the labels first appear.
        counts: dict[str, int] = dict.fromkeys(colors, 0)
        for m in self._matches:
            if m.start < cut:
                counts[m.label] += 1
        parts = [f'<div class="gazetag-legend" dir="ltr" style="{_LEGEND_STYLE}">']
        for label, color in colors.items():
            parts.append(
                f'<span class="gazetag-key" data-label="{_esc(label)}"'
                f' style="background: {color}; {_KEY_STYLE}"><bdi>{_esc(label)}</bdi>'
                f' <span class="gazetag-count">{counts[label]}</span></span>'
            )
        notes = []
        if not colors:
            notes.append("no matches")
        if ambiguous:
            notes.append("dashed outline: ambiguous, several entities")
        if hidden:
            noun = "match" if hidden == 1 else "matches"
            notes.append(f"{hidden} overlapping {noun} not highlighted: see the tooltips")
        if notes:
            note = "; ".join(notes)
            parts.append(f'<span class="gazetag-note" dir="ltr">{note}</span>')
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        """The HTML fragment a notebook shows; see :meth:`to_html`."""
        return self.to_html()

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the annotation as a standalone HTML page, in UTF-8.

        Args:
            path: The file to write.

        Raises:
            OSError: The file cannot be written.

        >>> import pathlib, tempfile
        >>> from gazetag.display import Annotation
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "ann.html")
        ...     Annotation("No names here.", []).save(path)
        ...     "No names here." in path.read_text(encoding="utf-8")
        True
        """
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self.to_html(standalone=True))

    def to_displacy(self) -> dict[str, Any]:
        """The annotation in the manual format of spaCy's displaCy entity style.

        Spans are the highlighted matches (overlapping ones are left out, as in the HTML),
        sorted, with ``kb_id`` set to the entity id. displaCy inserts ``label`` and ``kb_id``
        into its HTML without escaping them, so they are given HTML-escaped here; ordinary
        labels and ids are unchanged by that. The text is given as it is: displaCy escapes it.

        Returns:
            ``{"text": ..., "ents": [{"start", "end", "label", "kb_id"}, ...], "title": None}``
            for ``spacy.displacy.render(doc, style="ent", manual=True)``.

        >>> import gazetag
        >>> from gazetag.display import Annotation
        >>> m = gazetag.Match(4, 8, "Badr", "Badr", "badr", "MILITIA", "Badr Organization")
        >>> data = Annotation("The Badr office", [m]).to_displacy()
        >>> data["ents"], data["title"]
        ([{'start': 4, 'end': 8, 'label': 'MILITIA', 'kb_id': 'badr'}], None)
        """
        ents = [
            {
                "start": m.start,
                "end": m.end,
                "label": html.escape(m.label, quote=True),
                "kb_id": html.escape(m.entity_id, quote=True),
            }
            for m, _ in _layout(self._matches)
        ]
        return {"text": self._text, "ents": ents, "title": None}


def _rebuild(
    text: str,
    matches: tuple[Match, ...],
    colors: Mapping[str, str] | None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Annotation:
    return Annotation(text, matches, colors=colors, max_chars=max_chars)
