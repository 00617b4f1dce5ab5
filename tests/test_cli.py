"""The gazetag command line: formats, stdin, and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from gazetag.cli import main

ROOT = Path(__file__).resolve().parent.parent
DICT = ROOT / "examples" / "iraq_sample.jsonl"
ARTICLE = ROOT / "examples" / "sample_article.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tag", str(ARTICLE), "--gazetteer", str(DICT))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["where", "text", "entity", "label", "id"]
    assert lines[-1] == "45 matches"
    assert any("Abu Mahdi\\nal-Muhandis" in line for line in lines)
    assert any("(also: masrour-barzani)" in line for line in lines)
    text = ARTICLE.read_text(encoding="utf-8")
    first = lines[1].split()[0]
    line, column = (int(x) for x in first.rsplit(":", 2)[1:])
    start = sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + column - 1
    assert text[start:].startswith(lines[1].split("  ")[1].strip())


def test_jsonl_offsets_point_into_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tag", str(ARTICLE), "-g", str(DICT), "--format", "jsonl")
    assert code == 0
    text = ARTICLE.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 45
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["file"] == str(ARTICLE)


def test_csv_and_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("KH met al-Kadhimi at K 1."))
    code, out, _ = run(capsys, "tag", "-", "-g", str(DICT), "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["file"], r["text"], r["entity_id"]) for r in rows] == [
        ("<stdin>", "KH", "kataib-hezbollah"),
        ("<stdin>", "al-Kadhimi", "mustafa-al-kadhimi"),
        ("<stdin>", "K 1", "k1-air-base"),
    ]


@pytest.mark.parametrize(
    ("layer", "expected"),
    [
        ("none", []),
        # the dictionary lists "Mustafa al-Kazimi": its surname alone
        ("default", [("Kazimi", "article+partial")]),
        # one rule beats two: Kadhimi through a consonant class
        ("aggressive", [("Kazimi", "consonant")]),
    ],
)
def test_variants_option(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    layer: str,
    expected: list[tuple[str, str]],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kadhimi and Kazimi met."))
    code, out, _ = run(capsys, "tag", "-", "-g", str(DICT), "-f", "jsonl", "--variants", layer)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["text"] == "Kadhimi" and rows[0]["rule"] == "exact"
    assert [(r["text"], r["rule"]) for r in rows[1:]] == expected


def test_several_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("KH", encoding="utf-8")
    b.write_text("nothing, then PMF", encoding="utf-8")
    code, out, _ = run(capsys, "tag", str(a), str(b), "-g", str(DICT), "-f", "jsonl")
    assert code == 0
    assert [(json.loads(x)["file"], json.loads(x)["text"]) for x in out.splitlines()] == [
        (str(a), "KH"),
        (str(b), "PMF"),
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing-dict", "No such file"),
        ("bad-dict", "d.jsonl:1"),
        ("missing-text", "No such file"),
        ("binary-text", "bin.txt: not UTF-8"),
    ],
)
def test_errors_exit_1_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, setup: str, message: str
) -> None:
    dict_path, text_path = DICT, ARTICLE
    if setup == "missing-dict":
        dict_path = tmp_path / "nope.jsonl"
    elif setup == "bad-dict":
        dict_path = tmp_path / "d.jsonl"
        dict_path.write_text('{"id": "x"}\n', encoding="utf-8")
    elif setup == "missing-text":
        text_path = tmp_path / "nope.txt"
    else:
        text_path = tmp_path / "bin.txt"
        text_path.write_bytes(b"\xff\xfe\x00")
    code, out, err = run(capsys, "tag", str(text_path), "-g", str(dict_path))
    assert code == 1 and out == ""
    assert err.startswith("gazetag: error:") and message in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["tag"], "FILE"),
        (["tag", "x.txt", "--format", "xml"], "--format"),
        (["tag", "x.txt", "--progress", "--no-progress"], "not allowed with"),
        (["check", "--variants", "wild"], "--variants"),
        ([], "COMMAND"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert fragment in capsys.readouterr().err


def test_default_gazetteer_without_dictionary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tag", str(ARTICLE), "-f", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    ids = {r["entity_id"] for r in rows}
    assert {"kataib-hezbollah", "ain-al-asad-air-base", "popular-mobilization-forces"} <= ids
    assert {r["label"] for r in rows} == {"PERSON", "MILITIA", "BASE", "INSTITUTION"}


def test_readme_shows_the_first_commands_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "<!-- output of: gazetag tag examples/sample_article.txt -->\n```text\n"
    shown = readme.split(marker, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "tag", "examples/sample_article.txt")
    assert code == 0
    assert out == shown


def test_tsv_and_combined_dictionaries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text(
        "id,name,label,aliases\n"
        "kataib-hezbollah,Kata'ib Hezbollah,MILITIA,Hezbollah Brigades\n"
        "acme,Acme Brigade,MILITIA,\n",
        encoding="utf-8",
    )
    text = "The Hezbollah Brigades and the Acme Brigade met PMF leaders."
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, _ = run(capsys, "tag", "-", "-g", str(mine), "--with-default", "-f", "tsv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    assert [(r["text"], r["entity_id"]) for r in rows] == [
        ("Hezbollah Brigades", "kataib-hezbollah"),
        ("Acme Brigade", "acme"),
        ("PMF", "popular-mobilization-forces"),
    ]
    for r in rows:
        assert text[int(r["start"]) : int(r["end"])] == r["text"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, _ = run(capsys, "tag", "-", "-g", str(mine), "-f", "jsonl")
    assert [json.loads(line)["entity_id"] for line in out.splitlines()] == [
        "kataib-hezbollah",
        "acme",
    ]


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "tag", str(ARTICLE), "-g", str(DICT), "-f", "jsonl", "--progress")
    assert code == 0
    assert len(out.splitlines()) == 45
    assert "gazetag" in err and "100" in err
    code, _, err = run(capsys, "tag", str(ARTICLE), "-g", str(DICT), "--no-progress")
    assert code == 0 and err == ""


def test_check_reports_and_exits(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "a", "name": "Alpha Brigade", "label": "MILITIA", "aliases": ["AB"]}\n'
        '{"id": "a", "name": "Alpha Again", "label": "MILITIA"}\n'
        '{"id": "b", "name": "Beta Brigade", "label": "MILITIA", "aliases": ["AB", "Hit"]}\n'
        "{oops\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1
    assert f"{bad}:2: duplicate entity id" in out and f"{bad}:4: not valid JSON" in out
    assert "a: 'AB', b: 'AB'" in out
    assert "b: 'Hit': an English word" in out
    code, out, _ = run(capsys, "check", str(bad), "--format", "json")
    report = json.loads(out)
    assert report["labels"]["MILITIA"]["entities"] == 2
    assert len(report["problems"]) == 2
    good = tmp_path / "good.csv"
    good.write_text("id,name,label\nx,Xanadu Brigade,MILITIA\n", encoding="utf-8")
    assert run(capsys, "check", str(good))[0] == 0
    good.write_text("id,name,label,aliases\nx,Xanadu Brigade,MILITIA,Hit\n", encoding="utf-8")
    assert run(capsys, "check", str(good))[0] == 0
    assert run(capsys, "check", str(good), "--strict")[0] == 1
    code, out, _ = run(capsys, "check")
    assert code == 0 and "PERSON" in out and "bad lines: 0" in out


def test_console_script_and_module_entry_points() -> None:
    for cmd in (["gazetag"], [sys.executable, "-m", "gazetag"]):
        exe = cmd if cmd[0] != "gazetag" else [str(Path(sys.executable).with_name("gazetag"))]
        done = subprocess.run(
            [*exe, "tag", "-", "-g", str(DICT), "-f", "jsonl"],
            input="Ain al-Asad",
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(done.stdout)["entity_id"] == "ain-al-asad-air-base"


def test_offsets_count_the_characters_of_a_crlf_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # No newline translation: a CRLF line end is two characters, as in the file.
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"Line one.\r\nKH met al-Kadhimi.\r\n\r\nThen K 1.\r\n")
    code, out, _ = run(capsys, "tag", str(crlf), "-g", str(DICT), "-f", "jsonl")
    assert code == 0
    text = crlf.read_bytes().decode("utf-8")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["start"], r["text"]) for r in rows] == [
        (11, "KH"), (18, "al-Kadhimi"), (38, "K 1"),
    ]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
