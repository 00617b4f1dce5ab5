"""gazetag.display: the HTML of an Annotation read back with html.parser (and, where one is
installed, a headless Chromium), escaping, colours, overlapping and bad matches, and the
displaCy format."""

from __future__ import annotations

import doctest
import html
import json
import pickle
import shutil
import subprocess
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import gazetag
import gazetag.display
import pytest
from gazetag.display import BUILTIN_COLORS, Annotation, label_color
from hypothesis import given
from hypothesis import strategies as st

# Sample sentences written for these tests; the names are in the embedded gazetteer.
ENGLISH = (
    "Kataib Hizballah fired on Ain al-Assad.\n\n"
    "The PMF and Badr met in Baghdad; Hadi al-Amiri spoke.\n"
)
ARABIC = (
    "أعلنت كتائب حزب الله مسؤوليتها عن الهجوم على قاعدة عين الأسد.\n"
    "وقال أبو مهدي المهندس إن منظمة بدر لم تشارك."
)
HOSTILE = (
    'Hadi al-Amiri said "<script>alert(1)</script>" & left;\r\n'
    "the PMF's <b>office</b> &amp; 'Badr' &lt;stayed&gt;."
)

VOID = {"meta", "br", "link", "img", "hr", "input"}


@dataclass
class Mark:
    attrs: dict[str, str]
    text: str = ""
    label: str = ""


class Page(HTMLParser):
    """The parts of an Annotation's HTML, read with the standard library's parser: the
    highlights, the visible text (every text node of the text but the label tags), the legend,
    and any tag that closes out of order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[Mark] = []
        self.visible: list[str] = []
        self.legend: list[dict[str, str]] = []
        self.notes = ""
        self.cut = ""
        self.paragraphs: list[dict[str, str]] = []
        self.legend_dir = ""
        self.tags: Counter[str] = Counter()
        self.errors: list[str] = []
        self.stack: list[tuple[str, str]] = []
        self.root: dict[str, str] = {}

    def classes(self) -> list[str]:
        return [c for _, c in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if tag in VOID:
            return
        cls = a.get("class", "")
        if tag == "mark":
            if "mark" in [t for t, _ in self.stack]:
                self.errors.append("nested mark")
            self.marks.append(Mark(a))
        if cls == "gazetag" and not self.root:
            self.root = a
        if cls == "gazetag-par":
            self.paragraphs.append({"dir": a.get("dir", ""), "text": ""})
        if cls == "gazetag-legend":
            self.legend_dir = a.get("dir", "")
        if cls == "gazetag-key":
            self.legend.append({"label": a["data-label"], "style": a["style"], "text": ""})
        self.stack.append((tag, cls))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        classes = self.classes()
        if "gazetag-text" in classes:
            if "gazetag-label" in classes:
                self.marks[-1].label += data
            else:
                self.visible.append(data)
                if self.paragraphs:
                    self.paragraphs[-1]["text"] += data
                if "mark" in [t for t, _ in self.stack]:
                    self.marks[-1].text += data
        elif "gazetag-count" in classes:
            self.legend[-1]["count"] = data
        elif "gazetag-key" in classes:
            self.legend[-1]["text"] += data
        elif "gazetag-note" in classes:
            self.notes += data
        elif "gazetag-cut" in classes:
            self.cut += data


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    assert page.errors == [] and page.stack == [], (page.errors, page.stack)
    return page


def marks(page: Page) -> list[tuple[str, str, str, int, int]]:
    return [
        (m.text, a["data-label"], a["data-entity-id"], int(a["data-start"]), int(a["data-end"]))
        for m in page.marks
        for a in [m.attrs]
    ]


def match(text: str, start: int, end: int, id: str = "e", label: str = "L") -> gazetag.Match:
    surface = text[start:end]
    return gazetag.Match(start, end, surface, surface, id, label, id.title())


def annotate(text: str, **options: Any) -> Annotation:
    return Annotation(text, gazetag.Tagger.default(**options).tag(text))


# --- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ENGLISH, ARABIC, HOSTILE, "", "no names\n\n  here\t."])
def test_visible_text_is_the_text_and_marks_are_the_matches(text: str) -> None:
    ann = annotate(text)
    page = parse(ann.to_html())
    assert "".join(page.visible) == text
    assert marks(page) == [(m.text, m.label, m.entity_id, m.start, m.end) for m in ann.matches]
    assert [m.label for m in page.marks] == [m.label for m in ann.matches]


def test_english_marks() -> None:
    page = parse(annotate(ENGLISH).to_html())
    assert marks(page) == [
        ("Kataib Hizballah", "MILITIA", "kataib-hezbollah", 0, 16),
        ("Ain al-Assad", "BASE", "ain-al-asad-air-base", 26, 38),
        ("PMF", "MILITIA", "popular-mobilization-forces", 45, 48),
        # Badr's bare name is ambiguous; Hadi al-Amiri, its leader, licenses it.
        ("Badr", "MILITIA", "badr-organization", 53, 57),
        ("Hadi al-Amiri", "PERSON", "hadi-al-amiri", 74, 87),
    ]
    assert [m.label for m in page.marks] == ["MILITIA", "BASE", "MILITIA", "MILITIA", "PERSON"]


def test_arabic_marks_and_direction() -> None:
    ann = annotate(ARABIC)
    page = parse(ann.to_html())
    assert [m.text for m in page.marks] == [
        "كتائب حزب الله",
        "قاعدة عين الأسد",
        "أبو مهدي المهندس",
        "منظمة بدر",
    ]
    assert "dir" not in page.root  # each paragraph has its own direction
    assert [(p["dir"], p["text"]) for p in page.paragraphs] == [
        ("rtl", line) for line in ARABIC.splitlines(keepends=True)
    ]
    assert [m.attrs["dir"] for m in page.marks] == ["rtl"] * 4
    assert page.legend_dir == "ltr"
    assert "".join(page.visible) == ARABIC


def test_text_keeps_its_line_breaks() -> None:
    markup = annotate(ENGLISH).to_html()
    assert markup.startswith(
        '<div class="gazetag"><div class="gazetag-text" style="white-space: pre-wrap;'
    )
    page = parse(markup)
    assert "<br" not in markup and "\n\n" in "".join(page.visible)
    # one paragraph per line, each ending with its line break
    assert [p["text"] for p in page.paragraphs] == ENGLISH.splitlines(keepends=True)


def test_tooltip_names_entity_name_alias_and_rule() -> None:
    text = "Kataib Hizballah fired."
    (m,) = gazetag.Tagger.default().tag(text)
    (mark,) = parse(Annotation(text, [m]).to_html()).marks
    assert mark.attrs["title"] == (
        f"MILITIA: kataib-hezbollah\nname: {m.name}\nalias: {m.alias}\nrule: {m.rule}"
    )
    assert mark.label == "MILITIA"


def test_ambiguous_match_lists_the_other_candidates() -> None:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    g.add("kh-person", "Kamal Haddad", "PERSON", aliases=["KH"])
    text = "KH denied it."
    ms = gazetag.Tagger(g).tag(text)
    assert len(ms[0].entities) == 2
    markup = Annotation(text, ms).to_html()
    (mark,) = parse(markup).marks
    other = [e for e in ms[0].entities if e != ms[0].entity_id]
    assert mark.attrs["title"].splitlines()[-1] == f"ambiguous, also: {', '.join(other)}"
    assert "outline: 1px dashed" in mark.attrs["style"]
    assert "ambiguous" in parse(markup).notes


def test_unambiguous_marks_have_no_outline() -> None:
    (mark, *_) = parse(annotate(ENGLISH).to_html()).marks
    assert "outline" not in mark.attrs["style"] and "ambiguous" not in mark.attrs["title"]


# --- escaping ----------------------------------------------------------------------------------

EVIL = "\"><script>alert(1)</script><b x='&amp;"


def test_text_with_markup_is_escaped() -> None:
    ann = annotate(HOSTILE)
    markup = ann.to_html(standalone=True)
    assert "<script" not in markup.lower() and "<b>" not in markup
    page = parse(markup)
    assert page.tags["script"] == 0 and page.tags["b"] == 0
    assert "".join(page.visible) == HOSTILE
    assert [m.text for m in page.marks] == [m.text for m in ann.matches]
    assert [m.text for m in page.marks] == ["Hadi al-Amiri", "PMF", "Badr"]


def test_ids_labels_names_and_aliases_with_markup_are_escaped() -> None:
    text = f"x {EVIL} y"
    start = text.index(EVIL)
    m = gazetag.Match(
        start,
        start + len(EVIL),
        EVIL,
        EVIL,
        EVIL,
        EVIL,
        EVIL,
        entities=(EVIL, EVIL + "2"),
        rule=EVIL,
    )
    ann = Annotation(text, [m], colors={EVIL: "red"})
    markup = ann.to_html()
    assert "<script" not in markup.lower()
    page = parse(markup)
    assert page.tags["script"] == page.tags["b"] == 0
    (mark,) = page.marks
    assert mark.text == EVIL and mark.label == EVIL
    assert mark.attrs["data-label"] == mark.attrs["data-entity-id"] == EVIL
    assert mark.attrs["title"] == "\n".join(
        [
            f"{EVIL}: {EVIL}",
            f"name: {EVIL}",
            f"alias: {EVIL}",
            f"rule: {EVIL}",
            f"ambiguous, also: {EVIL}2",
        ]
    )
    assert page.legend == [
        {"label": EVIL, "style": page.legend[0]["style"], "text": f"{EVIL} ", "count": "1"}
    ]
    assert "".join(page.visible) == text


def test_carriage_returns_survive_html_parsing() -> None:
    # HTML turns a raw CR (or CR LF) into LF; a character reference keeps it.
    text = "a\r\nb\rc"
    markup = Annotation(text, []).to_html()
    assert "\r" not in markup
    assert "".join(parse(markup).visible) == text


# --- legend and colours ------------------------------------------------------------------------


def test_legend_lists_labels_with_colours_and_counts() -> None:
    ann = annotate(ENGLISH)
    page = parse(ann.to_html())
    counts = Counter(m.label for m in ann.matches)
    labels = list(dict.fromkeys(m.label for m in ann.matches))
    assert [(k["label"], k["text"], k["count"]) for k in page.legend] == [
        (label, f"{label} ", str(counts[label])) for label in labels
    ]
    for key in page.legend:
        assert key["style"].startswith(f"background: {label_color(key['label'])};")
    for mark in page.marks:
        assert mark.attrs["style"].startswith(f"background: {label_color(mark.label)};")
    assert page.notes == ""


def test_legend_without_matches() -> None:
    page = parse(Annotation("Nothing here.", []).to_html())
    assert page.legend == [] and page.notes == "no matches"


def test_builtin_labels_have_fixed_colours_and_others_a_stable_hue() -> None:
    assert {label: label_color(label) for label in BUILTIN_COLORS} == dict(BUILTIN_COLORS)
    assert len(set(BUILTIN_COLORS.values())) == 4
    for label in ["VEHICLE", "PROVINCE", "<x>", "شخص"]:
        hue = zlib.crc32(label.encode()) % 360
        assert label_color(label) == f"hsl({hue}, 70%, 84%)"
    assert label_color("VEHICLE") == "hsl(100, 70%, 84%)"  # the same in every process


@pytest.mark.parametrize(
    "color",
    [
        "#fc0",
        "#FFCC00",
        "#ffcc0080",
        "rgb(255, 204, 0)",
        "rgba(255 204 0 / 50%)",
        "hsl(120deg, 50%, 80%)",
        "hsla(120, 50%, 80%, 0.5)",
        "gold",
        " LightBlue ",
    ],
)
def test_colour_overrides(color: str) -> None:
    text = "Hadi al-Amiri spoke."
    ann = Annotation(text, gazetag.Tagger.default().tag(text), colors={"PERSON": color})
    assert ann.colors == {"PERSON": color.strip()}
    page = parse(ann.to_html())
    assert page.marks[0].attrs["style"].startswith(f"background: {color.strip()};")
    assert page.legend[0]["style"].startswith(f"background: {color.strip()};")


@pytest.mark.parametrize(
    "color",
    [
        "red; background-image: url(x)",
        "url(javascript:alert(1))",
        "expression(alert(1))",
        '"><script>',
        "#12",
        "#abcdeg",
        "",
        "rgb(1,2,3);x:y",
        "rgb(1 2 3) red",
        "var(--x)",
        "red}</style>",
        "a",
    ],
)
def test_unsafe_or_bad_colours_raise_naming_the_label(color: str) -> None:
    with pytest.raises(gazetag.InputError, match="'MY LABEL'"):
        Annotation("x", [], colors={"MY LABEL": color})


@pytest.mark.parametrize(
    ("colors", "message"),
    [({"PERSON": 3}, "'PERSON' must be a str"), ({1: "red"}, "label 1"), (["red"], "mapping")],
)
def test_colours_of_the_wrong_type(colors: Any, message: str) -> None:
    with pytest.raises(gazetag.InputTypeError, match=message):
        Annotation("x", [], colors=colors)


def test_colours_of_labels_not_in_the_text_are_ignored() -> None:
    ann = Annotation("x", [], colors={"PERSON": "red"})
    assert ann.colors == {} and "red" not in ann.to_html()


# --- overlapping matches -----------------------------------------------------------------------


def test_overlapping_matches_from_the_tagger() -> None:
    text = "Kataib Hizballah fired on Ain al-Assad Air Base."
    ms = gazetag.Tagger.default(overlapping=True).tag(text)
    assert len(ms) > 2
    ann = Annotation(text, ms)
    page = parse(ann.to_html())
    assert [m.text for m in page.marks] == ["Kataib Hizballah", "Ain al-Assad Air Base"]
    assert "".join(page.visible) == text
    hidden = [m for m in ms if m.text not in {"Kataib Hizballah", "Ain al-Assad Air Base"}]
    titles = " ".join(mark.attrs["title"] for mark in page.marks)
    for h in hidden:
        assert f"{h.text!r} at {h.start}:{h.end}: {h.label} {h.entity_id}" in titles
    for mark in page.marks:
        n = sum(
            1
            for h in hidden
            if int(mark.attrs["data-start"]) <= h.start < int(mark.attrs["data-end"])
        )
        label = mark.attrs["data-label"]
        assert mark.label == (f"{label} +{n}" if n else label)
    assert f"{len(hidden)} overlapping matches not highlighted" in page.notes
    assert [e["label"] for e in page.legend] == ["MILITIA", "BASE"]
    assert sum(int(e["count"]) for e in page.legend) == len(ms)


@pytest.mark.parametrize(
    ("spans", "shown", "under"),
    [
        # crossing spans: the leftmost wins, the crossing one is listed under it
        ([(0, 5), (3, 8), (6, 10)], [(0, 5), (6, 10)], {(3, 8): (0, 5)}),
        # contained, and the longest of the same start wins
        ([(2, 4), (0, 4), (0, 10)], [(0, 10)], {(0, 4): (0, 10), (2, 4): (0, 10)}),
        # the same span twice: the first given wins
        ([(1, 3), (1, 3)], [(1, 3)], {(1, 3): (1, 3)}),
        # touching is not overlapping
        ([(0, 3), (3, 6)], [(0, 3), (3, 6)], {}),
        # given out of order
        ([(6, 10), (0, 5)], [(0, 5), (6, 10)], {}),
    ],
)
def test_overlap_layout(
    spans: list[tuple[int, int]],
    shown: list[tuple[int, int]],
    under: dict[tuple[int, int], tuple[int, int]],
) -> None:
    text = "abcdefghijklmnop"
    ms = [match(text, s, e, id=f"id{i}") for i, (s, e) in enumerate(spans)]
    page = parse(Annotation(text, ms).to_html())
    got = [(int(m.attrs["data-start"]), int(m.attrs["data-end"])) for m in page.marks]
    assert got == shown
    assert "".join(page.visible) == text
    for (s, e), (hs, he) in under.items():
        mark = page.marks[got.index((hs, he))]
        assert f"{text[s:e]!r} at {s}:{e}:" in mark.attrs["title"]
    displacy = Annotation(text, ms).to_displacy()
    assert [(e["start"], e["end"]) for e in displacy["ents"]] == shown


def test_of_equal_spans_the_first_given_is_highlighted() -> None:
    text = "Badr"
    ms = [match(text, 0, 4, id="first"), match(text, 0, 4, id="second")]
    (mark,) = parse(Annotation(text, ms).to_html()).marks
    assert mark.attrs["data-entity-id"] == "first"
    assert "'Badr' at 0:4: L second" in mark.attrs["title"]
    (ent,) = Annotation(text, ms[::-1]).to_displacy()["ents"]
    assert ent["kb_id"] == "second"


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "m", "message"),
    [
        ("short", gazetag.Match(2, 9, "ort and", "x", "id1", "L", "X"), r"matches\[0\] \('id1'"),
        (
            "Hadi al-Amiri",
            gazetag.Match(0, 4, "Badr", "Badr", "badr", "L", "B"),
            r"text\[0:4\] is 'Hadi'",
        ),
        ("abc", gazetag.Match(2, 2, "", "", "e", "L", "E"), "does not fit"),
        ("ABC", gazetag.Match(0, 3, "abc", "abc", "e", "L", "E"), "is 'ABC'"),
    ],
)
def test_matches_that_do_not_fit_raise(text: str, m: gazetag.Match, message: str) -> None:
    with pytest.raises(gazetag.InputError, match=message):
        Annotation(text, [m])


def test_the_bad_match_is_named_by_position() -> None:
    text = "Hadi al-Amiri spoke."
    good = gazetag.Tagger.default().tag(text)
    bad = gazetag.Match(14, 19, "Spoke", "Spoke", "spoke", "L", "Spoke")
    with pytest.raises(gazetag.InputError, match=r"matches\[1\] \('spoke', 'Spoke' at 14:19\)"):
        Annotation(text, [*good, bad])
    with pytest.raises(gazetag.InputError, match="pass the text the matches were found in"):
        Annotation("Someone else spoke.", good)


def test_wrong_types_raise() -> None:
    with pytest.raises(gazetag.InputTypeError, match="text must be a str"):
        Annotation(b"bytes", [])  # type: ignore[arg-type]
    with pytest.raises(gazetag.InputTypeError, match="matches must be an iterable"):
        Annotation("abc", None)  # type: ignore[arg-type]
    with pytest.raises(gazetag.InputTypeError, match=r"matches\[0\] is a dict"):
        Annotation("abc", [{"start": 0, "end": 1}])  # type: ignore[list-item]


def test_lone_surrogate_raises() -> None:
    with pytest.raises(gazetag.InputError, match="lone surrogate at index 1"):
        Annotation("a\ud800b", [])


# --- the object --------------------------------------------------------------------------------


def test_object_behaviour() -> None:
    ann = annotate(ENGLISH)
    assert len(ann) == len(ann.matches) > 0
    assert ann.text == ENGLISH
    assert isinstance(ann.matches, tuple)
    assert repr(ann) == f"Annotation(text={ENGLISH[:59] + '…'!r}, matches={len(ann)})"
    assert repr(Annotation("ab", [])) == "Annotation(text='ab', matches=0)"
    assert ann._repr_html_() == ann.to_html()
    with pytest.raises(AttributeError):
        ann.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ann._text = "x"
    copy = pickle.loads(pickle.dumps(Annotation(ENGLISH, ann.matches, colors={"BASE": "tan"})))
    assert copy == Annotation(ENGLISH, ann.matches, colors={"BASE": "tan"}) != ann
    assert hash(copy) == hash(Annotation(ENGLISH, ann.matches, colors={"BASE": "tan"}))
    assert Annotation(ENGLISH, iter(ann.matches)) == ann


def test_standalone_page_and_save(tmp_path: Path) -> None:
    ann = annotate(HOSTILE)
    page = ann.to_html(standalone=True)
    assert page.startswith("<!doctype html>\n<html>") and page.endswith("</html>\n")
    assert '<meta charset="utf-8">' in page and ann.to_html() in page
    path = tmp_path / "ann.html"
    ann.save(path)
    assert path.read_bytes() == page.encode("utf-8")
    ann.save(str(path))
    assert path.read_bytes() == page.encode("utf-8")


def test_docstring_examples_run() -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(gazetag.display, globs={}):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 15


def test_notebook_docs_examples_run() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "notebooks.md").read_text("utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, "docs/notebooks.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 10


def test_public_names_have_docstrings_with_examples() -> None:
    for name in gazetag.display.__all__:
        obj = getattr(gazetag.display, name)
        if callable(obj):
            assert ">>>" in (obj.__doc__ or ""), name
    for attr in ["to_html", "to_displacy", "save", "colors"]:
        assert ">>>" in (getattr(Annotation, attr).__doc__ or ""), attr


# --- displaCy ----------------------------------------------------------------------------------


def test_to_displacy_format() -> None:
    ann = annotate(ENGLISH)
    data = ann.to_displacy()
    assert data == {
        "text": ENGLISH,
        "ents": [
            {"start": m.start, "end": m.end, "label": m.label, "kb_id": m.entity_id}
            for m in ann.matches
        ],
        "title": None,
    }
    json.dumps(data)


def test_to_displacy_escapes_what_displacy_does_not() -> None:
    m = match(f"a {EVIL}", 2, 2 + len(EVIL), id=EVIL, label=EVIL)
    (ent,) = Annotation(f"a {EVIL}", [m]).to_displacy()["ents"]
    assert ent["label"] == ent["kb_id"] == html.escape(EVIL, quote=True)


@pytest.mark.parametrize("text", [ENGLISH, ARABIC, HOSTILE])
def test_displacy_renders_it(text: str) -> None:
    pytest.importorskip("spacy")
    from spacy import displacy

    ann = annotate(text)
    out = displacy.render(
        ann.to_displacy(), style="ent", manual=True, jupyter=False, options={"colors": ann.colors}
    )
    assert isinstance(out, str)
    page = Page()
    page.feed(out)
    assert page.tags["script"] == 0
    # displaCy puts each entity's text, between line breaks, before its label's <span>
    texts = [
        html.unescape(chunk.split(">", 1)[1].split("<span", 1)[0]).strip()
        for chunk in out.split("<mark")[1:]
    ]
    assert texts == [m.text for m in ann.matches] != []
    for label, color in ann.colors.items():
        assert f"background: {color}" in out, label


def test_displacy_with_hostile_ids_renders_no_markup() -> None:
    pytest.importorskip("spacy")
    from spacy import displacy

    text = f"a {EVIL} b"
    m = match(text, 2, 2 + len(EVIL), id=EVIL, label=EVIL)
    out = displacy.render(
        Annotation(text, [m]).to_displacy(), style="ent", manual=True, jupyter=False
    )
    page = Page()
    page.feed(out)
    assert page.tags["script"] == 0 and page.tags["b"] == 0
    assert "<script" not in out.lower()


# --- property tests ----------------------------------------------------------------------------

CHARS = st.one_of(
    st.sampled_from(list("<>&\"';=/\n\r\t  ab")),
    st.sampled_from(list("ابتثجحخ")),
    st.characters(exclude_categories=["Cs"]),
)
WORDS = st.text(CHARS, min_size=1, max_size=8)


@st.composite
def annotated(draw: st.DrawFn, overlapping: bool) -> tuple[str, list[gazetag.Match]]:
    text = draw(st.text(CHARS, max_size=60))
    if overlapping:
        spans = draw(
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))
                .map(sorted)
                .filter(lambda p: p[0] < p[1]),
                max_size=8,
            )
        )
    else:
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), unique=True, max_size=12)))
        spans = [cuts[i : i + 2] for i in range(0, len(cuts) - 1, 2)]
        spans = draw(st.permutations(spans))
    ms = []
    for start, end in spans:
        ids = draw(st.lists(WORDS, min_size=1, max_size=3, unique=True))
        ms.append(
            gazetag.Match(
                start,
                end,
                text[start:end],
                draw(WORDS),
                ids[0],
                draw(WORDS),
                draw(WORDS),
                entities=tuple(ids),
                rule=draw(WORDS),
            )
        )
    return text, ms


@given(annotated(overlapping=False))
def test_property_visible_text_and_highlights(case: tuple[str, list[gazetag.Match]]) -> None:
    text, ms = case
    ann = Annotation(text, ms)
    markup = ann.to_html()
    assert "\r" not in markup
    page = parse(markup)
    assert "".join(page.visible) == text
    expected = sorted(ms, key=lambda m: m.start)
    assert [(m.text, m.label) for m in page.marks] == [(m.text, m.label) for m in expected]
    for mark, m in zip(page.marks, expected):
        assert (mark.attrs["data-entity-id"], mark.attrs["data-label"]) == (m.entity_id, m.label)
        assert text[int(mark.attrs["data-start"]) : int(mark.attrs["data-end"])] == mark.text
        assert mark.attrs["title"].startswith(f"{m.label}: {m.entity_id}\nname: {m.name}\n")
    assert page.tags["script"] == 0
    assert ann.to_displacy()["ents"] == [
        {
            "start": m.start,
            "end": m.end,
            "label": html.escape(m.label),
            "kb_id": html.escape(m.entity_id),
        }
        for m in expected
    ]


@given(annotated(overlapping=True))
def test_property_overlapping_input_stays_well_formed(
    case: tuple[str, list[gazetag.Match]],
) -> None:
    text, ms = case
    page = parse(Annotation(text, ms).to_html())
    assert "".join(page.visible) == text
    spans = [(int(m.attrs["data-start"]), int(m.attrs["data-end"])) for m in page.marks]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for mark, (start, end) in zip(page.marks, spans):
        assert mark.text == text[start:end]
    # every match is either highlighted or listed in one tooltip
    listed = sum(m.attrs["title"].count("\n  ") for m in page.marks)
    assert len(page.marks) + listed == len(ms)


# --- a real browser ----------------------------------------------------------------------------

BROWSERS = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]
PROBE = """<script>
const textOf = (node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll(".gazetag-label").forEach((e) => e.remove());
  return copy.textContent;
};
const result = [...document.querySelectorAll(".gazetag")].map((root) => ({
  dirs: [...root.querySelectorAll(".gazetag-par")].map((p) => getComputedStyle(p).direction),
  visible: textOf(root.querySelector(".gazetag-text")),
  marks: [...root.querySelectorAll("mark.gazetag-ent")].map((m) => ({
    text: textOf(m),
    label: m.querySelector(".gazetag-label").textContent,
    title: m.title,
    background: getComputedStyle(m).backgroundColor,
    whiteSpace: getComputedStyle(m).whiteSpace,
  })),
}));
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify({pwned: window.pwned === 1, scripts: document.scripts.length,
  title: document.title, result});
document.body.appendChild(pre);
</script>"""


def browser() -> str | None:
    return next((b for b in map(shutil.which, BROWSERS) if b), None)


@pytest.mark.skipif(browser() is None, reason="no Chromium installed")
def test_in_a_headless_browser(tmp_path: Path) -> None:
    # Ain al-Asad Air Base: a name with overlapping matches inside it, some of them hidden.
    evil = HOSTILE.replace("alert(1)", "window.pwned = 1") + " Ain al-Asad Air Base."
    annotations = [annotate(ENGLISH), annotate(ARABIC), annotate(evil, overlapping=True)]
    body = "\n".join(a.to_html() for a in annotations)
    page = annotations[0].to_html(standalone=True).replace(annotations[0].to_html(), body)
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    run = subprocess.run(
        [
            browser() or "",
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dom = run.stdout
    probe = json.loads(html.unescape(dom.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0]))
    assert probe["pwned"] is False and probe["scripts"] == 1 and probe["title"] == "gazetag"
    english, arabic, hostile = probe["result"]
    assert set(english["dirs"]) == set(hostile["dirs"]) == {"ltr"}
    assert arabic["dirs"] == ["rtl", "rtl"]
    assert len(hostile["marks"]) < len(annotations[2])  # some overlapping matches are hidden
    for got, ann in zip(probe["result"], annotations):
        assert got["visible"] == ann.text
        shown = ann.to_displacy()["ents"]
        assert [m["text"] for m in got["marks"]] == [ann.text[e["start"] : e["end"]] for e in shown]
        for mark, e in zip(got["marks"], shown):
            assert mark["label"].split(" +")[0] == e["label"]
            assert mark["title"].startswith(f"{e['label']}: {e['kb_id']}\n")
            assert mark["background"] not in ("", "rgba(0, 0, 0, 0)")
            assert mark["whiteSpace"] == "pre-wrap"
    # #f5b5b0, MILITIA's colour, as the browser computed it
    assert english["marks"][0]["background"] == "rgb(245, 181, 176)"


@pytest.mark.skipif(browser() is None, reason="no Chromium installed")
def test_screenshot_in_a_headless_browser(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    annotate(ENGLISH).save(path)
    png = tmp_path / "shot.png"
    subprocess.run(
        [
            browser() or "",
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=800,400",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000



# --- mixed scripts and long texts (issue 14.3) -------------------------------------------------

# Sample paragraphs written for these tests: Arabic with English names, English with Arabic
# names, a blank line, a name across a line break, and a line that starts with a name.
MIXED = (
    "قالت مصادر إن Kataib Hizballah أطلقت صواريخ على قاعدة عين الأسد.\n"
    "Officials said كتائب حزب الله fired rockets at Ain al-Assad.\n"
    "\n"
    "ورد اسم Hadi al-Amiri في البيان، وقال Abu Mahdi\nal-Muhandis شيئا.\n"
    "The PMF and منظمة بدر met."
)
MIXED_PARAGRAPHS = [
    ("rtl", "قالت مصادر إن Kataib Hizballah أطلقت صواريخ على قاعدة عين الأسد.\n"),
    ("ltr", "Officials said كتائب حزب الله fired rockets at Ain al-Assad.\n"),
    ("", "\n"),
    ("rtl", "ورد اسم Hadi al-Amiri في البيان، وقال Abu Mahdi\nal-Muhandis شيئا.\n"),
    ("ltr", "The PMF and منظمة بدر met."),
]


def test_each_paragraph_takes_its_own_direction() -> None:
    page = parse(annotate(MIXED).to_html())
    assert "".join(page.visible) == MIXED
    # the name across a line break keeps its two lines in one paragraph
    assert [(p["dir"], p["text"]) for p in page.paragraphs] == MIXED_PARAGRAPHS
    assert [(m.text, m.attrs["dir"]) for m in page.marks] == [
        ("Kataib Hizballah", "ltr"),
        ("قاعدة عين الأسد", "rtl"),
        ("كتائب حزب الله", "rtl"),
        ("Ain al-Assad", "ltr"),
        ("Hadi al-Amiri", "ltr"),
        ("Abu Mahdi\nal-Muhandis", "ltr"),
        ("PMF", "ltr"),
        ("منظمة بدر", "rtl"),
    ]
    assert all("unicode-bidi: isolate" in m.attrs["style"] for m in page.marks)
    assert page.legend_dir == "ltr"
    assert [k["label"] for k in page.legend] == ["MILITIA", "BASE", "PERSON"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # the words outside the highlights decide, as Unicode's rule P2 skips isolates
        ("Kataib Hizballah أعلنت مسؤوليتها", "rtl"),
        ("كتائب حزب الله said so", "ltr"),
        # a line that is only a name takes the name's direction
        ("كتائب حزب الله", "rtl"),
        ("12، 13", ""),
    ],
)
def test_direction_of_a_paragraph_that_starts_with_a_name(text: str, direction: str) -> None:
    (paragraph,) = parse(annotate(text).to_html()).paragraphs
    assert paragraph["dir"] == direction


LONG = "Kataib Hizballah fired on Ain al-Assad.\n" * 1000  # 40,000 characters, 2,000 matches


def test_max_chars_cuts_long_texts_with_a_note() -> None:
    matches = gazetag.Tagger.default().tag(LONG)
    ann = Annotation(LONG, matches, max_chars=110)
    page = parse(ann.to_html())
    # 110 falls inside the sixth match (Ain al-Assad at 106-118): the cut moves to its start
    shown = "".join(page.visible)
    assert shown == LONG[:106]
    assert [m.text for m in page.marks] == ["Kataib Hizballah", "Ain al-Assad"] * 2 + [
        "Kataib Hizballah"
    ]
    assert page.cut == (
        f"[showing the first 106 of {len(LONG):,} characters; the other {len(LONG) - 106:,},"
        f" with {len(matches) - 5:,} matches, are left out: max_chars=None shows all]"
    )
    assert [(k["label"], k["count"]) for k in page.legend] == [("MILITIA", "3"), ("BASE", "2")]
    one = parse(Annotation(LONG, matches, max_chars=40 * 999 + 20).to_html())
    assert one.cut.endswith("with 1 match, are left out: max_chars=None shows all]")
    full = parse(Annotation(LONG, matches, max_chars=None).to_html())
    assert "".join(full.visible) == LONG and full.cut == "" and len(full.marks) == 2000
    # the default shows this text whole, and an uncut text has no note
    assert gazetag.display.DEFAULT_MAX_CHARS == 100_000
    assert Annotation(LONG, matches).max_chars == 100_000
    assert parse(Annotation(LONG, matches).to_html()).cut == ""
    assert Annotation(LONG, matches, max_chars=len(LONG)).to_html() == full_html(LONG, matches)


def full_html(text: str, matches: list[gazetag.Match]) -> str:
    return Annotation(text, matches, max_chars=None).to_html()


def test_a_book_makes_a_page_of_bounded_size() -> None:
    book = LONG * 23  # 920,000 characters, as in the report that asked for the limit
    matches = gazetag.Tagger.default().tag(book)
    markup = Annotation(book, matches).to_html()
    # 100,000 characters shown, and 5,000 highlights (dense: one every 20 characters)
    assert len(markup) < 4_000_000
    page = parse(markup)
    assert len("".join(page.visible)) <= 100_000 and "920,000 characters" in page.cut


def test_cut_keeps_combining_marks_with_their_letter() -> None:
    text = "مُحَمَّد " * 10
    at = text.index("َ", 3)  # a fatha: a combining mark
    page = parse(Annotation(text, [], max_chars=at).to_html())
    shown = "".join(page.visible)
    # the letter before the mark goes with it: the text resumes at a letter, not at a mark
    assert shown == text[: at - 1] and not unicodedata.combining(text[len(shown)])


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0, gazetag.InputError, "max_chars must be at least 1, not 0; None shows all"),
        (-5, gazetag.InputError, "at least 1"),
        (True, gazetag.InputTypeError, "max_chars must be an int or None, not bool"),
        ("100", gazetag.InputTypeError, "not str"),
        (1.5, gazetag.InputTypeError, "not float"),
    ],
)
def test_bad_max_chars(value: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        Annotation("text", [], max_chars=value)  # type: ignore[arg-type]


def test_max_chars_is_kept_by_pickle_and_equality() -> None:
    ann = Annotation(ENGLISH, [], max_chars=10)
    assert pickle.loads(pickle.dumps(ann)) == ann != Annotation(ENGLISH, [])
    assert pickle.loads(pickle.dumps(ann)).max_chars == 10


def test_tagger_annotate_passes_max_chars() -> None:
    tagger = gazetag.Tagger.default()
    assert tagger.annotate(LONG).max_chars == 100_000
    assert tagger.annotate(LONG, max_chars=None).max_chars is None
    ann = tagger.annotate(LONG, max_chars=50, colors={"BASE": "tan"})
    assert (ann.max_chars, ann.colors["BASE"]) == (50, "tan")
    with pytest.raises(gazetag.InputError, match="max_chars"):
        tagger.annotate(LONG, max_chars=0)


LAYOUT_PROBE = """<script>
const box = (r) => ({l: r.left, r: r.right, t: r.top, b: r.bottom});
const result = [...document.querySelectorAll(".gazetag")].map((root) => ({
  paragraphs: [...root.querySelectorAll(".gazetag-par")].map((p) => {
    // the first character, when the paragraph starts with plain text rather than a highlight
    let first = null;
    if (p.firstChild.nodeType === Node.TEXT_NODE && p.firstChild.textContent.trim()) {
      const range = document.createRange();
      range.setStart(p.firstChild, 0);
      range.setEnd(p.firstChild, 1);
      first = box(range.getBoundingClientRect());
    }
    return {dir: getComputedStyle(p).direction, box: box(p.getBoundingClientRect()), first};
  }),
  marks: [...root.querySelectorAll("mark.gazetag-ent")].map((m) => {
    const word = document.createRange();
    word.selectNodeContents(m.firstChild);
    const lines = word.getClientRects();
    return {text: m.firstChild.textContent, dir: getComputedStyle(m).direction,
            end: box(lines[lines.length - 1]),
            label: box(m.querySelector(".gazetag-label").getBoundingClientRect()),
            em: parseFloat(getComputedStyle(m).fontSize)};
  }),
  legend: [...root.querySelectorAll(".gazetag-key")].map((k) => box(k.getBoundingClientRect())),
}));
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(result);
document.body.appendChild(pre);
</script>"""


def layout(tmp_path: Path, annotations: list[Annotation], width: int) -> list[dict[str, Any]]:
    """Where the browser put the paragraphs, words, label tags and legend keys."""
    body = "\n".join(a.to_html() for a in annotations)
    page = annotations[0].to_html(standalone=True).replace(annotations[0].to_html(), body)
    path = tmp_path / "layout.html"
    path.write_text(page.replace("</body>", LAYOUT_PROBE + "\n</body>"), encoding="utf-8")
    run = subprocess.run(
        [
            browser() or "",
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},2000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    dom = run.stdout
    result: list[dict[str, Any]] = json.loads(
        html.unescape(dom.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0])
    )
    return result


@pytest.mark.skipif(browser() is None, reason="no Chromium installed")
@pytest.mark.parametrize("width", [1200, 420])  # one line per paragraph, and wrapped lines
def test_label_tags_sit_at_the_end_of_their_words_in_a_browser(tmp_path: Path, width: int) -> None:
    annotations = [annotate(MIXED), annotate(ARABIC), annotate(ENGLISH)]
    mixed, arabic, english = layout(tmp_path, annotations, width)
    assert [p["dir"] for p in mixed["paragraphs"]] == [d or "ltr" for d, _ in MIXED_PARAGRAPHS]
    assert [p["dir"] for p in arabic["paragraphs"]] == ["rtl", "rtl"]
    assert {p["dir"] for p in english["paragraphs"]} == {"ltr"}
    for result, ann in zip((mixed, arabic, english), annotations, strict=True):
        # each paragraph starts at its own start edge: the right one for right-to-left (within
        # an em: a wrapped line's hanging space may shift it; the other edge is far away)
        for p in result["paragraphs"]:
            if p["first"] is not None:
                edge = p["box"]["r"] - p["first"]["r"] if p["dir"] == "rtl" else (
                    p["first"]["l"] - p["box"]["l"]
                )
                assert 0 <= edge < 16, p
        assert [m["text"] for m in result["marks"]] == [m.text for m in ann.matches]
        for m in result["marks"]:
            word, label, em = m["end"], m["label"], m["em"]
            # on the line where the word ends...
            middle = (label["t"] + label["b"]) / 2
            assert word["t"] <= middle <= word["b"], m
            # ...right after it in its own direction: to the right of an English name, to the
            # left of an Arabic one, whatever the paragraph's direction
            gap = label["l"] - word["r"] if m["dir"] == "ltr" else word["l"] - label["r"]
            assert 0 <= gap < 0.6 * em, m
        assert {m["dir"] for m in result["marks"] if m["text"].isascii()} <= {"ltr"}
        assert {m["dir"] for m in result["marks"] if not m["text"].isascii()} <= {"rtl"}
        # the legend reads left to right in the order the labels first appear
        lefts = [k["l"] for k in result["legend"]]
        assert lefts == sorted(lefts) and len(lefts) == len({m.label for m in ann.matches})


@given(annotated(overlapping=True), st.integers(1, 70))
def test_property_paragraphs_and_cut(case: tuple[str, list[gazetag.Match]], limit: int) -> None:
    text, ms = case
    page = parse(Annotation(text, ms, max_chars=limit).to_html())
    shown = "".join(page.visible)
    assert text.startswith(shown) and len(shown) <= limit
    assert (page.cut != "") == (len(shown) < len(text))
    # paragraphs tile the text shown, each but the last ends a line, and none splits a mark
    assert "".join(p["text"] for p in page.paragraphs) == shown
    assert all(p["text"].endswith("\n") for p in page.paragraphs[:-1])
    assert all(p["dir"] in ("", "ltr", "rtl") for p in page.paragraphs)
    for mark in page.marks:
        assert int(mark.attrs["data-end"]) <= len(shown)
    ends = set()
    at = 0
    for p in page.paragraphs:
        at += len(p["text"])
        ends.add(at)
    for mark in page.marks:
        start, end = int(mark.attrs["data-start"]), int(mark.attrs["data-end"])
        assert not any(start < e < end for e in ends)
