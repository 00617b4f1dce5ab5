"""gazetag.export: matches as Label Studio tasks and Prodigy examples (issue 14.8)."""

from __future__ import annotations

import doctest
import json
import xml.etree.ElementTree as ET

import gazetag
import gazetag.export
import pytest
from gazetag import InputError, InputTypeError, Match, Tagger
from gazetag.export import label_studio_config, to_label_studio, to_prodigy

# Arabic, an emoji (one code point, two UTF-16 units) and English before the matches, so that
# offsets counted any other way than in code points would miss.
TEXT = "🚀 قال كتائب حزب الله إن Kataib Hizballah fired on Ain al-Assad."


def test_label_studio_task_has_the_import_format() -> None:
    task = to_label_studio(TEXT, data={"story": "s1"}, model_version="run-3")
    assert set(task) == {"data", "predictions"}
    assert task["data"] == {"text": TEXT, "story": "s1"}
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "run-3"
    result = prediction["result"]
    expected = Tagger.default().tag(TEXT)
    assert len(result) == len(expected) == 3
    for region, m in zip(result, expected, strict=True):
        assert region["from_name"] == "label" and region["to_name"] == "text"
        assert region["type"] == "labels"
        assert region["value"] == {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "labels": [m.label],
        }
        value = region["value"]
        assert TEXT[value["start"] : value["end"]] == value["text"]
    assert len({region["id"] for region in result}) == len(result)
    assert [r["value"]["labels"] for r in result] == [["MILITIA"], ["MILITIA"], ["BASE"]]
    # code points: the emoji counts once
    assert result[0]["value"]["start"] == TEXT.index("كتائب")
    json.dumps(task)  # plain JSON


def test_label_studio_names_and_default_version() -> None:
    matches = Tagger.default().tag(TEXT)
    task = to_label_studio(TEXT, matches, text_key="body", from_name="ner", to_name="article")
    assert task["data"] == {"body": TEXT}
    assert task["predictions"][0]["model_version"] == f"gazetag {gazetag.__version__}"
    region = task["predictions"][0]["result"][0]
    assert (region["from_name"], region["to_name"]) == ("ner", "article")
    assert to_label_studio("nothing to see")["predictions"][0]["result"] == []


def test_prodigy_example() -> None:
    example = to_prodigy(TEXT, meta={"story": "s1"})
    assert example["text"] == TEXT
    assert example["meta"] == {"story": "s1"}
    assert example["spans"] == [
        {"start": m.start, "end": m.end, "label": m.label} for m in Tagger.default().tag(TEXT)
    ]
    assert "meta" not in to_prodigy("no meta")
    json.dumps(example)


def test_a_given_tagger_is_used() -> None:
    g = gazetag.Gazetteer()
    g.add("rocket", "Rocket", "THING", aliases=["🚀"])
    spans = to_prodigy(TEXT, tagger=Tagger(g, whole_words=False))["spans"]
    assert spans == [{"start": 0, "end": 1, "label": "THING"}]


@pytest.mark.parametrize("export", [to_label_studio, to_prodigy])
def test_matches_of_another_text_are_refused(export: object) -> None:
    other = Tagger.default().tag("Ain al-Assad")
    with pytest.raises(InputError, match="pass the text the matches were found in"):
        export(TEXT, other)  # type: ignore[operator]
    shifted = [Match(3, 7, "قال ", "x", "x", "X", "X")]  # one off, as UTF-16 counts
    with pytest.raises(InputError, match="does not fit the text"):
        export(TEXT, shifted)  # type: ignore[operator]


@pytest.mark.parametrize("export", [to_label_studio, to_prodigy])
@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((b"bytes",), {}, InputTypeError, "text must be a str, not bytes"),
        ((TEXT, [{"start": 0}]), {}, InputTypeError, r"matches\[0\] is a dict"),
        ((TEXT, "KH"), {}, InputTypeError, "matches must be an iterable"),
        ((TEXT, []), {"tagger": Tagger.default()}, InputTypeError, "not both"),
    ],
)
def test_bad_arguments(
    export: object, args: tuple[object, ...], kwargs: dict[str, object], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        export(*args, **kwargs)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"data": {"text": "x"}}, InputError, "data has a 'text' field"),
        ({"data": ["story"]}, InputTypeError, "data must be a mapping"),
        ({"from_name": ""}, InputError, "from_name must not be empty"),
        ({"to_name": None}, InputTypeError, "to_name must be a str"),
    ],
)
def test_bad_label_studio_options(kwargs: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        to_label_studio(TEXT, **kwargs)  # type: ignore[arg-type]


def test_bad_prodigy_meta() -> None:
    with pytest.raises(InputTypeError, match="meta must be a mapping"):
        to_prodigy(TEXT, meta="s1")  # type: ignore[arg-type]


def test_config_fits_the_tasks() -> None:
    config = label_studio_config(
        ["MILITIA", "BASE", "MILITIA", 'Q&"A'], from_name="ner", to_name="article", text_key="body"
    )
    root = ET.fromstring(config)
    labels = root.find("Labels")
    text = root.find("Text")
    assert labels is not None and text is not None
    assert [label.get("value") for label in labels] == ["MILITIA", "BASE", 'Q&"A']
    assert labels.get("name") == "ner" and labels.get("toName") == "article"
    assert (text.get("name"), text.get("value")) == ("article", "$body")
    task = to_label_studio(TEXT, from_name="ner", to_name="article", text_key="body")
    region = task["predictions"][0]["result"][0]
    assert region["from_name"] == labels.get("name") and region["to_name"] == text.get("name")
    assert text.get("value") == "$" + next(iter(task["data"]))
    assert {r["value"]["labels"][0] for r in task["predictions"][0]["result"]} <= {
        label.get("value") for label in labels
    }


@pytest.mark.parametrize(
    ("labels", "error"), [("PERSON", InputTypeError), ([""], InputError), ([3], InputTypeError)]
)
def test_bad_config_labels(labels: object, error: type) -> None:
    with pytest.raises(error):
        label_studio_config(labels)  # type: ignore[arg-type]


def test_docstring_examples_run() -> None:
    result = doctest.testmod(gazetag.export, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5 and result.failed == 0
