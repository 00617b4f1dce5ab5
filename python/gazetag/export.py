"""Matches as pre-annotations for annotation tools: Label Studio tasks and Prodigy examples.

Tagged text usually goes to annotators next. :func:`to_label_studio` makes one Label Studio
task (its ``data`` and one prediction) from a text and its matches, :func:`to_prodigy` one
Prodigy example (``text`` and ``spans``), and :func:`label_studio_config` the labeling
configuration those tasks fit. ``gazetag tag --format label-studio|prodigy`` writes the same
records for files and tables.

The module promises:

- Offsets are those of the matches: code points of the Python str, which is how Prodigy and
  Label Studio's text regions count (an emoji is one character, not two UTF-16 units).
- Every match is checked against its text before it is written, so matches found in another
  text raise :class:`~gazetag.InputError` instead of reaching annotators at wrong offsets.
- Only the standard library is used; the records are plain dicts ready for ``json.dumps``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from gazetag._errors import InputError, InputTypeError
from gazetag._gazetag import Match, Tagger
from gazetag.display import _check_matches, label_color

__all__ = ["label_studio_config", "to_label_studio", "to_prodigy"]


def _matches(
    text: object, matches: Iterable[Match] | None, tagger: Tagger | None
) -> tuple[Match, ...]:
    if not isinstance(text, str):
        raise InputTypeError(f"text must be a str, not {type(text).__name__}")
    if matches is None:
        if tagger is not None and not isinstance(tagger, Tagger):
            raise InputTypeError(
                f"tagger must be a gazetag.Tagger or None, not {type(tagger).__name__}"
            )
        return tuple((Tagger.default() if tagger is None else tagger).tag(text))
    if tagger is not None:
        raise InputTypeError("give matches or a tagger to find them, not both")
    return _check_matches(text, matches)


def _check_name(what: str, value: object) -> str:
    if not isinstance(value, str):
        raise InputTypeError(f"{what} must be a str, not {type(value).__name__}")
    if not value:
        raise InputError(f"{what} must not be empty")
    return value


def to_label_studio(
    text: str,
    matches: Iterable[Match] | None = None,
    *,
    tagger: Tagger | None = None,
    data: Mapping[str, Any] | None = None,
    text_key: str = "text",
    from_name: str = "label",
    to_name: str = "text",
    model_version: str | None = None,
) -> dict[str, Any]:
    """One Label Studio task: the text, and its matches as a prediction to review.

    A list of these is what Label Studio imports (``json.dump(tasks, f)``). The names must be
    those of the project's labeling configuration: ``from_name`` the ``<Labels>`` tag,
    ``to_name`` the ``<Text>`` tag, and ``text_key`` the ``$variable`` of that ``<Text>``
    tag (see :func:`label_studio_config`). Each match becomes a ``labels`` region with its
    ``start``, ``end``, ``text`` and label.

    Args:
        text: The text.
        matches: Its matches; when None, the text is tagged with ``tagger``.
        tagger: The tagger for ``matches=None``; the embedded gazetteer's when None.
        data: More fields for the task's ``data`` (a story id, a date), shown to annotators
            and exported with their work.
        text_key: The ``data`` field holding the text.
        from_name: The name of the ``<Labels>`` tag.
        to_name: The name of the ``<Text>`` tag.
        model_version: The prediction's ``model_version``; ``gazetag <version>`` when None.

    Returns:
        The task as a dict: ``{"data": {...}, "predictions": [{"model_version": ...,
        "result": [...]}]}``.

    Raises:
        InputTypeError: ``text`` is not a str, a match is not a `Match`, a name is not a str,
            or both ``matches`` and ``tagger`` are given.
        InputError: A match does not fit the text, a name is empty, or ``data`` has the
            text's key too.

    >>> import gazetag
    >>> from gazetag.export import to_label_studio
    >>> task = to_label_studio("Ain al-Asad was hit.", data={"story": 7}, model_version="v1")
    >>> task["data"]
    {'text': 'Ain al-Asad was hit.', 'story': 7}
    >>> task["predictions"][0]["result"][0]["value"]
    {'start': 0, 'end': 11, 'text': 'Ain al-Asad', 'labels': ['BASE']}
    """
    found = _matches(text, matches, tagger)
    text_key = _check_name("text_key", text_key)
    from_name = _check_name("from_name", from_name)
    to_name = _check_name("to_name", to_name)
    fields: dict[str, Any] = {text_key: text}
    if data is not None:
        if not isinstance(data, Mapping):
            raise InputTypeError(f"data must be a mapping, not {type(data).__name__}")
        if text_key in data:
            raise InputError(
                f"data has a {text_key!r} field, which holds the text; give the text its own"
                " key with text_key="
            )
        fields.update(data)
    if model_version is None:
        from gazetag import __version__

        model_version = f"gazetag {__version__}"
    result = [
        {
            # unique within the task, as Label Studio asks of region ids
            "id": f"gazetag-{i}",
            "from_name": from_name,
            "to_name": to_name,
            "type": "labels",
            "value": {"start": m.start, "end": m.end, "text": m.text, "labels": [m.label]},
        }
        for i, m in enumerate(found)
    ]
    return {
        "data": fields,
        "predictions": [
            {"model_version": _check_name("model_version", model_version), "result": result}
        ],
    }


def to_prodigy(
    text: str,
    matches: Iterable[Match] | None = None,
    *,
    tagger: Tagger | None = None,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One Prodigy example: the text with its matches as ``spans``, one JSONL line of input for
    ``ner.manual`` or ``spans.manual``.

    Prodigy's ``ner`` recipes take spans that do not overlap: tag with a tagger made with
    ``overlapping=False`` (the default) for them; ``spans.manual`` takes overlapping spans.

    Args:
        text: The text.
        matches: Its matches; when None, the text is tagged with ``tagger``.
        tagger: The tagger for ``matches=None``; the embedded gazetteer's when None.
        meta: The example's ``meta`` (Prodigy shows it beside the text), such as a story id.

    Returns:
        ``{"text": ..., "spans": [{"start": ..., "end": ..., "label": ...}, ...]}``, and
        ``"meta"`` when given.

    Raises:
        InputTypeError: ``text`` is not a str, a match is not a `Match`, ``meta`` is not a
            mapping, or both ``matches`` and ``tagger`` are given.
        InputError: A match does not fit the text.

    >>> from gazetag.export import to_prodigy
    >>> to_prodigy("Kataib Hizballah fired on Ain al-Assad.", meta={"story": "s1"})["spans"]
    [{'start': 0, 'end': 16, 'label': 'MILITIA'}, {'start': 26, 'end': 38, 'label': 'BASE'}]
    """
    found = _matches(text, matches, tagger)
    example: dict[str, Any] = {
        "text": text,
        "spans": [{"start": m.start, "end": m.end, "label": m.label} for m in found],
    }
    if meta is not None:
        if not isinstance(meta, Mapping):
            raise InputTypeError(f"meta must be a mapping, not {type(meta).__name__}")
        example["meta"] = dict(meta)
    return example


def label_studio_config(
    labels: Iterable[str],
    *,
    from_name: str = "label",
    to_name: str = "text",
    text_key: str = "text",
) -> str:
    """A Label Studio labeling configuration for named-entity tasks with these labels, in the
    colours :meth:`Tagger.annotate` gives them: paste it into the project's settings.

    Args:
        labels: The labels, such as ``{m.label for m in matches}`` or a gazetteer's labels.
        from_name: The name of the ``<Labels>`` tag, as given to :func:`to_label_studio`.
        to_name: The name of the ``<Text>`` tag.
        text_key: The ``data`` field holding the text.

    Returns:
        The configuration as XML.

    Raises:
        InputTypeError: ``labels`` is one str, or holds something else than str.
        InputError: A label or a name is empty.

    >>> from gazetag.export import label_studio_config
    >>> print(label_studio_config(["PERSON", "BASE"]))
    <View>
      <Labels name="label" toName="text">
        <Label value="PERSON" background="#fcd9a8"/>
        <Label value="BASE" background="#bde5c8"/>
      </Labels>
      <Text name="text" value="$text"/>
    </View>
    """
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Iterable):
        raise InputTypeError(f"labels must be an iterable of str, not {type(labels).__name__}")
    names = [_check_name(f"labels[{i}]", label) for i, label in enumerate(labels)]

    def attr(value: str) -> str:
        return html.escape(value, quote=True)

    lines = ["<View>"]
    lines.append(
        f'  <Labels name="{attr(_check_name("from_name", from_name))}"'
        f' toName="{attr(_check_name("to_name", to_name))}">'
    )
    lines.extend(
        f'    <Label value="{attr(label)}" background="{attr(label_color(label))}"/>'
        for label in dict.fromkeys(names)
    )
    lines.append("  </Labels>")
    lines.append(
        f'  <Text name="{attr(to_name)}" value="${attr(_check_name("text_key", text_key))}"/>'
    )
    lines.append("</View>")
    return "\n".join(lines)
