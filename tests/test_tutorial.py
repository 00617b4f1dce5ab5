"""examples/tutorial.py: it runs as a script, its results are the ones its prose describes, and
it is a well-formed jupytext "percent" notebook."""

from __future__ import annotations

import contextlib
import io
import json
import runpy
from pathlib import Path
from typing import Any

import gazetag
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "examples" / "tutorial.py"


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, str]:
    """The tutorial's globals after a run in an empty folder, that folder, and its output."""
    pytest.importorskip("pyarrow")
    cwd = tmp_path_factory.mktemp("tutorial")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            names = runpy.run_path(str(TUTORIAL), run_name="__main__")
    return names, cwd, out.getvalue()


def test_one_article(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, out = tutorial
    matches: list[gazetag.Match] = names["matches"]
    article: str = names["article"]
    assert out.startswith(f"{len(matches)} mentions; the first five:\n")
    assert [m.entity_id for m in matches[:2]] == [
        "ain-al-asad-air-base",
        "global-coalition-to-defeat-isis",
    ]
    assert names["arabic"].entity_id == "kataib-hezbollah"
    assert names["annotation"].matches == tuple(matches)
    assert names["annotation"].text == article


def test_table_of_mentions(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, _ = tutorial
    mentions: pd.DataFrame = names["mentions"]
    paragraphs: list[str] = names["paragraphs"]
    # Each paragraph is tagged as a text of its own: licences (rule 9) are per text, so a bare
    # `KH` in a paragraph that does not name Kata'ib Hezbollah is not licensed there.
    tagger = gazetag.Tagger.default()
    assert len(mentions) == sum(len(tagger.tag(p)) for p in paragraphs)
    assert len(mentions) <= len(names["matches"])
    assert set(mentions["doc"]) <= set(names["ids"])
    key = dict(zip(names["ids"], paragraphs, strict=True))
    for row in mentions.itertuples():
        assert key[row.doc][row.start : row.end] == row.text
    assert names["kh"]["entity_id"].unique().tolist() == ["kataib-hezbollah"]
    assert {"كتائب حزب الله", "KH", "Kata'ib Hezbollah"} <= set(names["kh"]["text"])
    assert set(mentions["label"]) == {"BASE", "INSTITUTION", "MILITIA", "PERSON"}


def test_series_accessor_and_own_dictionary(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, _ = tutorial
    assert len(names["places"]) == 3
    found: pd.DataFrame = names["found"]
    assert list(zip(found["doc"], found["entity_id"], strict=True)) == [
        ("s101", "erbil-air-base"),
        ("s102", "asaib-ahl-al-haq"),
        ("s103", "qais-al-khazali"),
        ("s103", "popular-mobilization-forces"),
        ("s104", "mosul"),
    ]
    assert names["my_tagger"].tag("Jurf al-Nasr and جرف الصخر")[1].entity_id == "jurf-al-sakhar"


def test_gaps_in_a_column(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, out = tutorial
    assert names["stories"]["text"].isna().tolist() == [False, True, False]
    assert "1 of 3 stories have no text\n" in out
    assert "InputError: texts[1] (index label 's202') is missing (float NaN)" in out
    assert "\n[2, None, 1]\n" in out
    assert 'InputTypeError: texts is a pandas DataFrame (columns: "text")' in out
    assert 'tag_frame(df["text"])' in out


def test_meta_columns(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, _ = tutorial
    with_meta: pd.DataFrame = names["with_meta"]
    mentions: pd.DataFrame = names["mentions"]
    pd.testing.assert_frame_equal(with_meta[list(mentions.columns)], mentions)
    default = gazetag.Gazetteer.default()
    for row in with_meta.itertuples():
        meta = default[row.entity_id].meta
        country = None if pd.isna(row.country) else row.country
        assert (country, row.kind) == (meta.get("country"), meta["kind"])
    assert "armed-group" in set(with_meta["kind"])


def test_spelling_variants(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, _ = tutorial
    why = names["why"]
    assert (why.match.text, why.match.entity_id) == ("Qasim Sulaimani", "qasem-soleimani")
    assert why.rules and why.text_key != why.alias_key
    assert [m.text for m in names["strict"].tag("Qasim Sulaimani")] == []


def test_files_written_to_the_current_folder(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, cwd, out = tutorial
    assert sorted(p.name for p in cwd.iterdir()) == [
        "article.html",
        "commanders-out.csv",
        "commanders.csv",
        "label_studio_tasks.json",
        "mentions.parquet",
        "news.csv",
        "news_mentions.csv",
        "places.csv",
        "stories.csv",
    ]
    pd.testing.assert_frame_equal(names["saved"], names["mentions"])
    assert f"saved {len(names['mentions'])} mentions\n" in out
    page = (cwd / "article.html").read_text(encoding="utf-8")
    assert page.lower().startswith("<!doctype html>") and "Ain al-Asad air base" in page


def test_a_dictionary_kept_in_a_spreadsheet(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, cwd, out = tutorial
    commanders: gazetag.Gazetteer = names["commanders"]
    assert commanders["abu-fadak"].meta == {"group": "Kataib Hezbollah"}
    assert commanders["qais-al-khazali"].meta == {
        "wikidata": "Q7266860",
        "group": "Asaib Ahl al-Haq",
    }
    assert "{'group': 'Kataib Hezbollah'}\n" in out
    written = (cwd / "commanders-out.csv").read_text(encoding="utf-8").splitlines()
    assert written[0] == "id;name;label;aliases;wikidata;group;meta"
    assert written[1].startswith("qais-al-khazali;Qais al-Khazali;PERSON;Qays al-Khazali;")


def test_linking_a_column_of_names(tutorial: tuple[dict[str, Any], Path, str]) -> None:
    names, _, out = tutorial
    links: pd.DataFrame = names["links"]
    assert list(links.index) == ["r1", "r2", "r3", "r4", "r5"]
    assert list(links["status"]) == ["linked", "linked", "linked", "partial", "missing"]
    assert list(links["entity_id"][:3]) == [
        "qasem-soleimani", "abu-mahdi-al-muhandis", "hadi-al-amiri",
    ]
    assert links.loc["r4", "candidates"] == ["qasem-soleimani"]
    assert [e.id for e in names["found_by_search"]][0] == "abu-mahdi-al-muhandis"
    assert out.rstrip().endswith(str([e.id for e in names["found_by_search"]]))


def test_it_is_a_percent_notebook() -> None:
    lines = TUTORIAL.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# ---" and "#       format_name: percent" in lines
    cells: list[tuple[str, list[str]]] = []
    for line in lines[lines.index("# ---", 1) + 1 :]:
        if line.startswith("# %%"):
            cells.append((line, []))
        elif cells:
            cells[-1][1].append(line)
        else:
            assert line == "", "nothing may stand between the header and the first cell"
    kinds = [marker for marker, _ in cells]
    assert set(kinds) == {"# %%", "# %% [markdown]"}
    assert kinds[0] == "# %% [markdown]" and kinds.count("# %%") >= 8
    for marker, body in cells:
        if marker == "# %% [markdown]":
            # every line of a markdown cell is a comment, up to the blank line that ends it
            text = "\n".join(body).strip("\n").splitlines()
            assert all(line == "#" or line.startswith("# ") for line in text), text
    assert any('pip install ".[pandas' in line for _, body in cells for line in body)


def test_tables_on_the_command_line_and_pre_annotations(
    tutorial: tuple[dict[str, Any], Path, str],
) -> None:
    """Issue 14.8: the CLI's table input gives tag_frame's rows; the exports fit each other."""
    names, cwd, out = tutorial
    assert names["status"] == 0
    news: pd.DataFrame = names["news"]
    want = gazetag.Tagger.default().tag_frame(news["headline"])
    got: pd.DataFrame = names["from_command"]
    assert list(got.columns) == list(want.columns)
    assert got[["doc", "start", "end", "entity_id"]].values.tolist() == (
        want[["doc", "start", "end", "entity_id"]].values.tolist()
    )
    tasks = json.loads((cwd / "label_studio_tasks.json").read_text(encoding="utf-8"))
    assert tasks == names["tasks"] and len(tasks) == len(news)
    assert [t["data"]["story"] for t in tasks] == list(news.index)
    regions = [r["value"] for t in tasks for r in t["predictions"][0]["result"]]
    assert [(r["text"], r["labels"]) for r in regions] == list(
        zip(want["text"], [[label] for label in want["label"]], strict=True)
    )
    assert '<Label value="MILITIA" background="#f5b5b0"/>' in out
    assert names["prodigy_example"]["spans"] == [
        {"start": 0, "end": 16, "label": "PERSON"},
        {"start": 26, "end": 29, "label": "MILITIA"},
    ]
