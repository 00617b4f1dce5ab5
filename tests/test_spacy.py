"""The spaCy component: registration, spans and entities, alignment, config errors, saving,
pickling and multiprocessing. Skipped where spaCy is not installed.

Two tests read the installed package's metadata and pass only once gazetag has been
reinstalled with the ``spacy_factories`` entry point: ``test_entry_point_is_declared`` and
``test_add_pipe_in_a_fresh_interpreter``.
"""

from __future__ import annotations

import doctest
import importlib.metadata
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

import gazetag  # noqa: E402
import gazetag.spacy as gazetag_spacy  # noqa: E402
from gazetag import FormatError, InputError, InputTypeError  # noqa: E402
from gazetag.spacy import AlignmentWarning, GazetagComponent, make_gazetag  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

RECORDS: list[dict[str, Any]] = [
    {"id": "aah", "name": "Asaib Ahl al-Haq", "label": "MILITIA", "aliases": ["AAH"]},
    {"id": "ahl-al-haq", "name": "Ahl al-Haq", "label": "MOVEMENT"},
    {"id": "muqtada-al-sadr", "name": "Muqtada al-Sadr", "label": "PERSON", "aliases": ["Sadr"]},
    {"id": "sadr-city", "name": "Sadr City", "label": "PLACE", "aliases": ["Sadr"]},
    {"id": "united-states", "name": "United States", "label": "COUNTRY", "aliases": ["U.S."]},
    {"id": "kh", "name": "Kataib Hezbollah", "label": "MILITIA", "aliases": ["KH"]},
]
TEXT = "Fighters of Asaib Ahl al-Haq and Muqtada al-Sadr met in Sadr City."
# Every match in TEXT with the dictionary above and no variants: overlaps included. ("Ahl
# al-Haq" inside "Asaib Ahl al-Haq" is part of a longer group name, so no match of its own.)
TEXT_SPANS = [
    (12, 28, "Asaib Ahl al-Haq", "MILITIA", "aah"),
    (33, 48, "Muqtada al-Sadr", "PERSON", "muqtada-al-sadr"),
    (44, 48, "Sadr", "PERSON", "muqtada-al-sadr"),
    (56, 65, "Sadr City", "PLACE", "sadr-city"),
    (56, 60, "Sadr", "PERSON", "muqtada-al-sadr"),
]
# spaCy's English tokenizer keeps "U.S.-KH" as one token, so "KH" (5:7) is inside it.
SPLIT = "U.S.-KH clashes continued near Kataib Hizballah positions."
UNALIGNED_KH = {
    "start": 5,
    "end": 7,
    "text": "KH",
    "entity_id": "kataib-hezbollah",
    "label": "MILITIA",
}
Row = tuple[int, int, str, str, str]


def rows(spans: Any) -> list[Row]:
    """(start_char, end_char, text, label, kb_id) of each span."""
    return [(s.start_char, s.end_char, s.text, s.label_, s.kb_id_) for s in spans]


def everything(doc: Doc) -> tuple[Any, ...]:
    """All the component writes to a doc, in plain values."""
    details = [
        (s._.gazetag_alias, s._.gazetag_rule, s._.gazetag_entities) for s in doc.spans["gazetag"]
    ]
    iob = [t.ent_iob_ for t in doc]
    return rows(doc.spans["gazetag"]), rows(doc.ents), details, iob, doc._.gazetag_unaligned


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    path = tmp_path / "militias.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def small(dictionary: Path, **config: Any) -> Language:
    """A blank English pipeline with the component on the small dictionary, no variants, and
    every match in the span group (``nested_spans``)."""
    nlp = spacy.blank("en")
    config = {"gazetteer": str(dictionary), "variants": "none", "nested_spans": True, **config}
    nlp.add_pipe("gazetag", config=config)
    return nlp


def embedded(**config: Any) -> Language:
    """A blank English pipeline with the component on the embedded gazetteer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("gazetag", config=config)
    return nlp


def run_python(code: str, **env: str) -> str:
    """Runs code in a fresh interpreter (no gazetag imported yet) and returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# Registration


def test_importing_gazetag_does_not_import_spacy() -> None:
    out = run_python("import sys, gazetag; print('spacy' in sys.modules)")
    assert out.split() == ["False"]


def test_entry_point_is_declared() -> None:
    # Needs gazetag reinstalled from a pyproject.toml with the spacy_factories entry point.
    found = [
        ep
        for ep in importlib.metadata.entry_points(group="spacy_factories")
        if ep.name == "gazetag"
    ]
    assert [ep.value for ep in found] == ["gazetag.spacy:make_gazetag"]
    assert found[0].load() is make_gazetag


def test_add_pipe_in_a_fresh_interpreter() -> None:
    # Needs the reinstall too: spaCy finds the factory without gazetag being imported.
    out = run_python(
        """
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("gazetag")
        print([(e.text, e.kb_id_) for e in nlp("KH fighters and AAH").ents])
        """
    )
    assert out.strip() == "[('KH', 'kataib-hezbollah'), ('AAH', 'asaib-ahl-al-haq')]"


def test_spacy_resolves_the_entry_point(tmp_path: Path) -> None:
    # The same entry point, declared by a stand-in distribution on PYTHONPATH: passes before
    # the reinstall, and shows how spaCy loads it.
    info = tmp_path / "gazetag_entry_point_probe-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gazetag-entry-point-probe\n")
    (info / "entry_points.txt").write_text(
        "[spacy_factories]\ngazetag = gazetag.spacy:make_gazetag\n"
    )
    out = run_python(
        """
        import sys, spacy
        nlp = spacy.blank("en")
        print("gazetag.spacy" in sys.modules)
        nlp.add_pipe("gazetag")
        print([(e.text, e.kb_id_) for e in nlp("KH fighters and AAH").ents])
        """,
        PYTHONPATH=str(tmp_path),
    )
    assert out.splitlines() == [
        "True",
        "[('KH', 'kataib-hezbollah'), ('AAH', 'asaib-ahl-al-haq')]",
    ]


def test_default_config() -> None:
    assert gazetag_spacy.DEFAULT_CONFIG == {
        "gazetteer": "default",
        "variants": "default",
        "case_sensitive": False,
        "whole_words": True,
        "spans_key": "gazetag",
        "write_ents": True,
        "overwrite_ents": False,
        "alignment_mode": "expand",
        "with_default": False,
        "nested_spans": False,
        "ents_filter": "leftmost",
        "on_error": "raise",
        "pattern_case": "orth",
    }
    nlp = embedded()
    assert dict(nlp.config["components"]["gazetag"]) == {
        "factory": "gazetag",
        **gazetag_spacy.DEFAULT_CONFIG,
    }
    assert nlp.get_pipe("gazetag").cfg == gazetag_spacy.DEFAULT_CONFIG


def test_docstring_examples_run() -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(gazetag_spacy, "gazetag.spacy"):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert result.attempted >= 25


def test_doc_page_examples_run() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "spacy.md").read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/spacy.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert result.attempted >= 15


def test_migrating_page_examples_run() -> None:
    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "migrating.md").read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/migrating.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert result.attempted >= 15
    # every difference the issue names has its section
    for heading in [
        "## Which of two overlapping matches",
        "## Case, and acronyms",
        "## Separators",
        "## Word boundaries, and digits as word characters",
        "## Scripts written without spaces",
    ]:
        assert heading in text


# What goes where


def test_embedded_gazetteer() -> None:
    doc = embedded()("The Islamic State of Iraq fired on Ain al-Assad.")
    assert rows(doc.ents) == [
        (4, 25, "Islamic State of Iraq", "MILITIA", "islamic-state-of-iraq"),
        (35, 47, "Ain al-Assad", "BASE", "ain-al-asad-air-base"),
    ]
    # the spans keep "Islamic State" inside "Islamic State of Iraq"
    assert rows(doc.spans["gazetag"]) == [
        (4, 25, "Islamic State of Iraq", "MILITIA", "islamic-state-of-iraq"),
        (4, 17, "Islamic State", "MILITIA", "islamic-state"),
        (35, 47, "Ain al-Assad", "BASE", "ain-al-asad-air-base"),
    ]
    first = doc.spans["gazetag"][0]
    assert (first._.gazetag_alias, first._.gazetag_rule) == ("Islamic State of Iraq", "exact")
    assert first._.gazetag_entities == ["islamic-state-of-iraq"]
    assert doc._.gazetag_unaligned == []


@pytest.mark.parametrize("fmt", ["jsonl", "spacy"])
def test_dictionary_file(dictionary: Path, fmt: str) -> None:
    path = dictionary
    if fmt == "spacy":
        # the same entities as EntityRuler patterns
        path = dictionary.with_name("patterns.jsonl")
        lines = [
            {"label": r["label"], "pattern": alias, "id": r["id"]}
            for r in RECORDS
            for alias in [r["name"], *r.get("aliases", [])]
        ]
        path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    doc = small(path)(TEXT)
    assert rows(doc.spans["gazetag"]) == TEXT_SPANS
    assert rows(doc.ents) == [TEXT_SPANS[0], TEXT_SPANS[1], TEXT_SPANS[3]]


def test_overlaps_and_ambiguity_are_kept_in_spans(dictionary: Path) -> None:
    doc = small(dictionary)(TEXT)
    group = doc.spans["gazetag"]
    assert [s._.gazetag_entities for s in group] == [
        ["aah"],
        ["muqtada-al-sadr"],
        ["muqtada-al-sadr", "sadr-city"],
        ["sadr-city"],
        ["muqtada-al-sadr", "sadr-city"],
    ]
    assert [s._.gazetag_alias for s in group] == [
        "Asaib Ahl al-Haq",
        "Muqtada al-Sadr",
        "Sadr",
        "Sadr City",
        "Sadr",
    ]
    # tokens outside every entity keep their annotation: nothing said, so still missing
    assert [t.ent_iob_ for t in doc[:3]] == ["", "", "B"]


def test_pipe_equals_call(dictionary: Path) -> None:
    nlp = small(dictionary)
    texts = [TEXT, "", "Nothing here.", "AAH and KH. " * 3, TEXT.upper()]
    assert [everything(d) for d in nlp.pipe(texts, batch_size=2)] == [
        everything(nlp(t)) for t in texts
    ]


def test_running_twice_changes_nothing(dictionary: Path) -> None:
    nlp = small(dictionary)
    doc = nlp(TEXT)
    before = everything(doc)
    assert everything(nlp.get_pipe("gazetag")(doc)) == before


def test_spans_key_and_no_ents(dictionary: Path) -> None:
    doc = small(dictionary, spans_key="militias", write_ents=False)(TEXT)
    assert "gazetag" not in doc.spans
    assert rows(doc.spans["militias"]) == TEXT_SPANS
    assert doc.ents == ()


# Entities already there


def ruled(dictionary: Path, pattern: str, **config: Any) -> Language:
    """The small pipeline behind an entity ruler that marks ``pattern`` as ORG."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": pattern}])
    config = {"gazetteer": str(dictionary), "variants": "none", "nested_spans": True, **config}
    nlp.add_pipe("gazetag", config=config)
    return nlp


def test_existing_entities_are_not_clobbered(dictionary: Path) -> None:
    doc = ruled(dictionary, "Ahl al-Haq")(TEXT)
    assert rows(doc.ents) == [
        (18, 28, "Ahl al-Haq", "ORG", ""),
        TEXT_SPANS[1],
        TEXT_SPANS[3],
    ]
    assert rows(doc.spans["gazetag"]) == TEXT_SPANS


def test_overwrite_ents_replaces_overlapping_entities(dictionary: Path) -> None:
    doc = ruled(dictionary, "of Asaib", overwrite_ents=True)(TEXT)
    assert rows(doc.ents) == [TEXT_SPANS[0], TEXT_SPANS[1], TEXT_SPANS[3]]
    # the part of the replaced entity that no match covers is no entity at all
    assert (doc[1].text, doc[1].ent_iob_, doc[1].ent_type_) == ("of", "O", "")
    kept = ruled(dictionary, "of Asaib")(TEXT)
    assert rows(kept.ents) == [(9, 17, "of Asaib", "ORG", ""), TEXT_SPANS[1], TEXT_SPANS[3]]


# Token boundaries


def test_expand_takes_the_enclosing_tokens() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = embedded()(SPLIT)
    expected = [
        (0, 7, "U.S.-KH", "MILITIA", "kataib-hezbollah"),
        (31, 47, "Kataib Hizballah", "MILITIA", "kataib-hezbollah"),
    ]
    assert rows(doc.spans["gazetag"]) == expected
    assert rows(doc.ents) == expected[:2]
    # the span is the token, the match only "KH"
    assert doc.spans["gazetag"][0]._.gazetag_alias == "KH"
    assert doc._.gazetag_unaligned == []


def test_expanded_matches_of_two_entities_keep_their_details(dictionary: Path) -> None:
    # "U.S." (0:4) and "KH" (5:7) both expand to the one token "U.S.-KH".
    doc = small(dictionary)("U.S.-KH clashes")
    group = doc.spans["gazetag"]
    assert rows(group) == [
        (0, 7, "U.S.-KH", "COUNTRY", "united-states"),
        (0, 7, "U.S.-KH", "MILITIA", "kh"),
    ]
    assert [s._.gazetag_alias for s in group] == ["U.S.", "KH"]
    # the entities get one: the first, as in the tagger's leftmost-longest choice
    assert rows(doc.ents) == [(0, 7, "U.S.-KH", "COUNTRY", "united-states")]
    assert doc.ents[0]._.gazetag_alias == "U.S."


@pytest.mark.parametrize("mode", ["strict", "contract"])
def test_unaligned_matches_are_reported(mode: str) -> None:
    nlp = embedded(alignment_mode=mode)
    message = rf"1 match in a doc .* alignment_mode=\"{mode}\": 'KH' at 5:7 \(kataib-hezbollah\)"
    with pytest.warns(AlignmentWarning, match=message):
        doc = nlp(SPLIT)
    assert rows(doc.spans["gazetag"]) == [
        (31, 47, "Kataib Hizballah", "MILITIA", "kataib-hezbollah"),
    ]
    assert rows(doc.ents) == rows(doc.spans["gazetag"])[:1]
    assert doc._.gazetag_unaligned == [UNALIGNED_KH]
    with pytest.warns(AlignmentWarning) as caught:
        docs = list(nlp.pipe([SPLIT, "KH", SPLIT + " " + SPLIT]))
    assert [str(w.message).split(": ")[1].split(" in ")[0] for w in caught] == [
        "1 match",
        "2 matches",
    ]
    assert [len(d._.gazetag_unaligned) for d in docs] == [1, 0, 2]


def test_a_match_contract_cuts_is_reported_and_kept_as_cut() -> None:
    # "contract" made a narrower span of this match, without a word (the docs promised one).
    text = "-قيادة عمليات بغداد"
    record = {"start": 1, "end": 19, "text": text[1:], "entity_id": "baghdad-operations-command",
              "label": "INSTITUTION"}
    with pytest.warns(AlignmentWarning, match="was cut to the tokens inside it .* cut to 'عمليات"):
        doc = embedded(alignment_mode="contract")(text)
    assert [(s.start_char, s.end_char) for s in doc.spans["gazetag"]] == [(7, 19)]
    assert doc._.gazetag_unaligned == [{**record, "span_start": 7, "span_end": 19}]
    with pytest.warns(AlignmentWarning, match="could not be made into spans"):
        doc = embedded(alignment_mode="strict")(text)
    # The whole name is dropped; what stays is the command's short name inside it, a match of
    # its own (the component's tagger keeps overlapping matches; the full name licenses it).
    spans = [(s.start_char, s.end_char, s.text) for s in doc.spans["gazetag"]]
    assert spans == [(7, 19, "عمليات بغداد")] and doc._.gazetag_unaligned == [record]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = embedded(alignment_mode="expand")(text)
    assert [(s.start_char, s.end_char) for s in doc.spans["gazetag"]] == [(0, 19)]


# Config errors


@pytest.mark.parametrize(
    ("key", "value", "error", "allowed"),
    [
        ("variants", "wild", InputError, '"none", "default" or "aggressive"'),
        ("variants", 3, InputTypeError, '"none", "default" or "aggressive"'),
        ("alignment_mode", "loose", InputError, '"expand", "contract" or "strict"'),
        ("case_sensitive", "yes", InputTypeError, "true or false"),
        ("whole_words", 1, InputTypeError, "true or false"),
        ("write_ents", None, InputTypeError, "true or false"),
        ("overwrite_ents", "false", InputTypeError, "true or false"),
        ("spans_key", "", InputError, "non-empty string"),
        ("spans_key", 5, InputTypeError, "a string"),
        ("gazetteer", 5, InputTypeError, '"default" or the path of a dictionary file'),
        ("gazetteer", " ", InputError, '"default" or the path of a dictionary file'),
        ("with_default", 1, InputTypeError, "true or false"),
        ("nested_spans", "no", InputTypeError, "true or false"),
        ("ents_filter", "first", InputError, '"leftmost" or "longest"'),
        ("on_error", "skip", InputError, '"raise" or "collect"'),
        ("pattern_case", "upper", InputError, '"orth", "lower" or "gazetag"'),
    ],
)
def test_bad_config_values(key: str, value: Any, error: type[Exception], allowed: str) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(error) as raised:
        nlp.add_pipe("gazetag", config={key: value})
    assert f'gazetag config "{key}" must be' in str(raised.value)
    assert allowed in str(raised.value)
    # our errors are also the built-in ones that generic handlers catch
    assert isinstance(raised.value, (ValueError, TypeError))


def test_unknown_config_key_is_named_by_spacy() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="unexpected argument: 'colour'"):
        nlp.add_pipe("gazetag", config={"colour": "red"})


def test_missing_dictionary_is_reported_on_first_use(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    nlp = spacy.blank("en")
    nlp.add_pipe("gazetag", config={"gazetteer": str(missing)})
    with pytest.raises(InputError, match=r'"gazetteer": no dictionary file at .*nowhere\.jsonl'):
        nlp.initialize()
    with pytest.raises(InputError, match="nowhere.jsonl"):
        nlp("KH")


def test_a_failing_doc_goes_to_the_error_handler(dictionary: Path) -> None:
    class Failing:
        """A tagger that fails on texts with BOOM, as gazetag's does on text it cannot read."""

        def __init__(self, tagger: gazetag.Tagger) -> None:
            self.tagger = tagger

        def tag(self, text: str) -> list[gazetag.Match]:
            if "BOOM" in text:
                raise InputError("cannot tag BOOM")
            return self.tagger.tag(text)

        def tag_batch(self, texts: list[str], threads: int | None = None) -> Any:
            return [self.tag(t) for t in texts]

    nlp = small(dictionary)
    component = nlp.get_pipe("gazetag")
    component._tagger = Failing(component.tagger)
    failed: list[tuple[str, list[str], str]] = []

    def handler(name: str, proc: Any, docs: list[Doc], e: Exception) -> None:
        failed.append((name, [d.text for d in docs], str(e)))

    nlp.set_error_handler(handler)
    docs = list(nlp.pipe(["AAH", "AAH BOOM", "KH"], batch_size=3))
    assert [rows(d.ents) for d in docs] == [
        [(0, 3, "AAH", "MILITIA", "aah")],
        [(0, 2, "KH", "MILITIA", "kh")],
    ]
    assert failed == [("gazetag", ["AAH BOOM"], "cannot tag BOOM")]


# Saving and loading


def test_saved_pipeline_loads_without_the_dictionary(tmp_path: Path, dictionary: Path) -> None:
    nlp = small(dictionary)
    expected = everything(nlp(TEXT))
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "gazetag"
    assert sorted(p.name for p in saved.iterdir()) == ["cfg.json", "tagger.bin"]
    assert json.loads((saved / "cfg.json").read_text())["gazetteer"] == str(dictionary)
    dictionary.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert everything(loaded(TEXT)) == expected


def test_loading_with_other_options(tmp_path: Path, dictionary: Path) -> None:
    small(dictionary).to_disk(tmp_path / "pipeline")
    dictionary.unlink()
    # other matching options: recompiled from the gazetteer saved in the tagger
    loaded = spacy.load(tmp_path / "pipeline", config={"components.gazetag.variants": "default"})
    assert loaded.get_pipe("gazetag").tagger.variants == "default"
    reference = gazetag.Tagger(
        gazetag.Gazetteer.from_records(RECORDS), variants="default", overlapping=True
    )
    doc = loaded(TEXT)
    assert [(s.start_char, s.end_char, s.kb_id_) for s in doc.spans["gazetag"]] == [
        (m.start, m.end, m.entity_id) for m in reference.tag(TEXT)
    ]
    # another dictionary: read anew
    other = spacy.load(tmp_path / "pipeline", config={"components.gazetag.gazetteer": "default"})
    assert rows(other("Kataib Hizballah").ents) == [
        (0, 16, "Kataib Hizballah", "MILITIA", "kataib-hezbollah")
    ]


def test_to_bytes_round_trip(dictionary: Path) -> None:
    nlp = small(dictionary)
    expected = everything(nlp(TEXT))
    data = nlp.to_bytes()
    # the component is made from the config, which still names the dictionary; it is not read
    fresh = small(dictionary)
    dictionary.unlink()
    fresh.from_bytes(data)
    assert everything(fresh(TEXT)) == expected


@pytest.mark.parametrize(
    "data",
    [b"not msgpack", b"", b"\x81\xa1x\x01", b"\x82\xa3cfg\xa2{}\xa6tagger\xa3abc"],
)
def test_from_bytes_rejects_foreign_data(data: bytes) -> None:
    with pytest.raises(FormatError, match="not gazetag's"):
        GazetagComponent().from_bytes(data)


def test_from_disk_rejects_a_newer_format(tmp_path: Path) -> None:
    GazetagComponent().to_disk(tmp_path)
    cfg = json.loads((tmp_path / "cfg.json").read_text())
    (tmp_path / "cfg.json").write_text(json.dumps({**cfg, "format": 99}))
    with pytest.raises(FormatError, match="format 99, newer"):
        GazetagComponent().from_disk(tmp_path)


# Pickling and processes


def test_component_and_pipeline_pickle(dictionary: Path) -> None:
    nlp = small(dictionary)
    expected = everything(nlp(TEXT))
    component = pickle.dumps(nlp.get_pipe("gazetag"))
    pipeline = pickle.dumps(nlp)
    dictionary.unlink()
    back = pickle.loads(component)
    assert isinstance(back, GazetagComponent)
    assert back.name == "gazetag"
    assert back.cfg == nlp.get_pipe("gazetag").cfg
    assert everything(back(spacy.blank("en")(TEXT))) == expected
    assert everything(pickle.loads(pipeline)(TEXT)) == expected


TEXTS = [TEXT, SPLIT, "", "AAH and KH.", "U.S.-KH clashes", TEXT.lower()]


def test_n_process_equals_serial(dictionary: Path) -> None:
    # In a fresh interpreter with a timeout, because the failure this guards against is a
    # hang: the parent has used rayon's global pool, whose threads do not survive the fork,
    # and a forked worker must not wait on them.
    out = run_python(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
        import gazetag
        from test_spacy import TEXTS, everything, small
        gazetag.Tagger.default().tag_batch(["KH"] * 4)
        nlp = small(Path({str(dictionary)!r}))
        serial = [everything(d) for d in nlp.pipe(TEXTS, batch_size=2)]
        forked = [everything(d) for d in nlp.pipe(TEXTS, n_process=2, batch_size=2)]
        print(forked == serial, len(forked), sum(len(x[0]) for x in forked))
        """
    )
    assert out.split() == ["True", "6", "17"]


@pytest.fixture
def spawn() -> Iterator[None]:
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(before, force=True)


def test_n_process_with_spawned_workers(dictionary: Path, spawn: None) -> None:
    # Spawned workers get the pipeline by pickle, with the compiled tagger in it.
    nlp = small(dictionary)
    serial = [everything(d) for d in nlp.pipe(TEXTS[:3])]
    dictionary.unlink()
    assert [everything(d) for d in nlp.pipe(TEXTS[:3], n_process=2)] == serial


# Issue 14.7: what users of the EntityRuler and of several dictionaries expect


def test_each_mention_is_one_span_unless_nested_spans_are_asked_for(dictionary: Path) -> None:
    doc = small(dictionary, nested_spans=False)(TEXT)
    # "Sadr" inside "Muqtada al-Sadr" and inside "Sadr City" is part of those mentions
    assert rows(doc.spans["gazetag"]) == [TEXT_SPANS[0], TEXT_SPANS[1], TEXT_SPANS[3]]
    assert [s._.gazetag_alias for s in doc.spans["gazetag"]] == [
        "Asaib Ahl al-Haq",
        "Muqtada al-Sadr",
        "Sadr City",
    ]
    assert rows(doc.ents) == rows(doc.spans["gazetag"])
    # another entity's name inside a longer one stays: it may be a mention of its own
    doc = embedded()("The Islamic State of Iraq fired.")
    assert [s.kb_id_ for s in doc.spans["gazetag"]] == ["islamic-state-of-iraq", "islamic-state"]
    nested = small(dictionary)(TEXT)
    assert [s.text for s in nested.spans["gazetag"]] == [r[2] for r in TEXT_SPANS]


def test_entity_ids_are_set_as_ent_id_too(dictionary: Path) -> None:
    doc = small(dictionary)(TEXT)
    assert [e.ent_id_ for e in doc.ents] == [e.kb_id_ for e in doc.ents]
    assert [s.id_ for s in doc.spans["gazetag"]] == [r[4] for r in TEXT_SPANS]
    assert doc[2].ent_id_ == "aah" and doc[2].ent_kb_id_ == "aah"


def test_several_dictionaries_and_the_embedded_one(tmp_path: Path, dictionary: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("id,name,label\nbasra,Basra,PLACE\n", encoding="utf-8")
    text = "AAH met in Basra; KH denied it."
    mine = small(dictionary, gazetteer=[str(dictionary), str(places)])(text)
    assert [e.kb_id_ for e in mine.ents] == ["aah", "basra", "kh"]
    both = small(dictionary, gazetteer=[str(places)], with_default=True)(text)
    assert [e.kb_id_ for e in both.ents] == ["asaib-ahl-al-haq", "basra", "kataib-hezbollah"]
    listed = small(dictionary, gazetteer=["default", str(places)])(text)
    assert [e.kb_id_ for e in listed.ents] == [e.kb_id_ for e in both.ents]
    # the list is kept through saving and loading
    nlp = small(dictionary, gazetteer=[str(places)], with_default=True)
    data = nlp.get_pipe("gazetag").to_bytes()
    component = GazetagComponent(gazetteer=[str(places)], with_default=True, variants="none")
    places.unlink()  # the saved tagger is used: the file is not read again
    assert component.from_bytes(data).tagger.gazetteer["basra"].label == "PLACE"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ([], InputError, "not an empty list"),
        (["default", 5], InputTypeError, "not int 5"),
        (["default", ""], InputError, "not ''"),
    ],
)
def test_bad_gazetteer_lists(value: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        spacy.blank("en").add_pipe("gazetag", config={"gazetteer": value})


PATTERNS = [
    {"label": "MILITIA", "pattern": "Asaib Ahl al-Haq", "id": "aah"},
    {"label": "MILITIA", "pattern": [{"LOWER": "aah"}], "id": "aah"},
    {"label": "MILITIA", "pattern": [{"POS": "PROPN"}, {"LOWER": "brigade"}], "id": "brigade"},
    {"label": "GPE", "pattern": "Basra"},
    {"label": "GPE", "pattern": [{"LOWER": {"IN": ["najaf", "kufa"]}}]},
]


@pytest.fixture
def patterns(tmp_path: Path) -> Path:
    path = tmp_path / "patterns.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PATTERNS), encoding="utf-8")
    return path


def test_a_patterns_file_with_unsupported_lines(patterns: Path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(gazetag.GazetteerError, match=r"patterns.jsonl:3: token 0 uses \"POS\""):
        nlp.add_pipe("gazetag", config={"gazetteer": str(patterns)})
        nlp.initialize()
    nlp = spacy.blank("en")
    component = nlp.add_pipe("gazetag", config={"gazetteer": str(patterns), "on_error": "collect"})
    with pytest.warns(gazetag_spacy.DictionaryWarning, match="2 entities read, 2 problems"):
        nlp.initialize()
    (report,) = component.load_reports
    assert [p.line for p in report.problems] == [3, 5]
    doc = nlp("aah and Asaib Ahl al-Haq fought near Basra.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("aah", "aah"),
        ("Asaib Ahl al-Haq", "aah"),
        ("Basra", "Basra"),
    ]


@pytest.mark.parametrize(
    ("pattern_case", "found"),
    [
        # as the EntityRuler: a string pattern in its own case; LOWER in any case
        ("orth", ["AAH", "aah", "Asaib Ahl al-Haq", "Basra"]),
        ("lower", ["AAH", "aah", "asaib ahl al-haq", "Asaib Ahl al-Haq", "basra", "Basra"]),
        # gazetag's own rule: names in any case
        ("gazetag", ["AAH", "aah", "asaib ahl al-haq", "Asaib Ahl al-Haq", "basra", "Basra"]),
    ],
)
def test_string_patterns_keep_their_case(
    patterns: Path, pattern_case: str, found: list[str]
) -> None:
    config = {"gazetteer": str(patterns), "on_error": "collect", "pattern_case": pattern_case}
    nlp = spacy.blank("en")
    nlp.add_pipe("gazetag", config=config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gazetag_spacy.DictionaryWarning)
        doc = nlp("AAH, aah, asaib ahl al-haq, Asaib Ahl al-Haq, basra, Basra.")
    assert [e.text for e in doc.ents] == found


def test_ents_filter_longest_as_the_entity_ruler(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "id,name,label\ncamp,Camp Speicher,BASE\nbase,Speicher air base,BASE\n",
        encoding="utf-8",
    )
    text = "Jets left Camp Speicher air base."
    assert [e.text for e in small(path)(text).ents] == ["Camp Speicher"]
    longest = small(path, ents_filter="longest")(text)
    assert [e.text for e in longest.ents] == ["Speicher air base"]
    with pytest.raises(InputError, match='"ents_filter" must be "leftmost" or "longest"'):
        small(path, ents_filter="first")


def test_displacy_shows_gazetag_colours_unasked(tmp_path: Path) -> None:
    from gazetag.display import BUILTIN_COLORS, label_color
    from spacy import displacy

    path = tmp_path / "d.csv"
    path.write_text("id,name,label\nbasra,Basra,PROVINCE\n", encoding="utf-8")
    doc = small(path, gazetteer=[str(path)], with_default=True)("KH fired on Basra.")
    html = displacy.render(doc, style="ent")
    assert BUILTIN_COLORS["MILITIA"] in html
    assert label_color("PROVINCE") in html
    assert gazetag_spacy.displacy_colors()["PROVINCE"] == label_color("PROVINCE")
    # the user's colours still win
    html = displacy.render(doc, style="ent", options={"colors": {"MILITIA": "#123456"}})
    assert "#123456" in html and BUILTIN_COLORS["MILITIA"] not in html
