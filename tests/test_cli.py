"""The gazetag command line: formats, stdin, and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from gazetag._columns import COLUMNS as FRAME_COLUMNS
from gazetag.cli import COLUMNS, main

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


# --- tables in and out (issue 14.8) ------------------------------------------------------------

# Story texts written for these tests: commas, quotes and a line break inside a cell, Arabic,
# an empty cell, and an emoji before a name (offsets are code points).
STORIES = [
    ("s-1", 'Kataib Hizballah fired on Ain al-Assad, "officials" said.'),
    ("s-2", "No names here."),
    ("s-3", "أعلنت كتائب حزب الله مسؤوليتها.\nThe PMF denied it."),
    ("s-4", ""),
    ("s-5", "🚀 Hadi al-Amiri met Badr leaders in Baghdad."),
]


def write_csv(path: Path, rows: list[tuple[str, str]], *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["story_id", "text", "section"])
        w.writerows((i, t, "news") for i, t in rows)
    return path


def expected_frame(texts: list[str], ids: list[object]) -> Any:
    import gazetag

    return gazetag.Tagger.default().tag_frame(texts, ids=ids)


def test_csv_table_in_csv_and_jsonl_out_have_tag_frames_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    table = write_csv(tmp_path / "stories.csv", STORIES, bom=True)
    code, out, err = run(capsys, "tag", "--column", "text", "--id", "story_id", str(table))
    assert code == 0 and err == ""
    got = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    want = expected_frame([t for _, t in STORIES], [i for i, _ in STORIES])
    assert list(got.columns) == list(want.columns)
    assert len(want) == 6
    pd.testing.assert_frame_equal(got, want.astype(str), check_dtype=False)
    code, out, _ = run(
        capsys, "tag", "--column", "text", "--id", "story_id", str(table), "-f", "jsonl"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == want.to_dict("records")
    texts = dict(STORIES)
    assert all(texts[r["doc"]][r["start"] : r["end"]] == r["text"] for r in rows)


def test_parquet_folder_and_glob_to_parquet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    folder = tmp_path / "stories"
    (folder / "year=2024").mkdir(parents=True)
    parts = [STORIES[:2], STORIES[2:4], STORIES[4:]]
    paths = [
        folder / "part-0.parquet",
        folder / "part-1.parquet",
        folder / "year=2024" / "part-2.parquet",
    ]
    for n, (path, part) in enumerate(zip(paths, parts, strict=True)):
        ids = [10 * n + k for k in range(len(part))]
        pq.write_table(pa.table({"story_id": ids, "body": [t for _, t in part]}), path)
    # what Spark and Hive leave beside the data
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / ".part-0.parquet.crc").write_bytes(b"\x00")
    (folder / "_tmp.parquet").write_bytes(b"not parquet")
    want = expected_frame([t for _, t in STORIES], [0, 1, 10, 11, 20])
    # small batches: several row groups, the streaming path
    monkeypatch.setattr("gazetag.cli.BATCH_CHARS", 60)
    out = tmp_path / "matches.parquet"
    code, _, err = run(
        capsys, "tag", "--column", "body", "--id", "story_id", str(folder), "-o", str(out)
    )
    assert code == 0 and err == ""
    written = pq.read_table(out)
    assert written.schema.field("doc").type == pa.int64()
    assert written.num_rows == len(want) and pq.ParquetFile(out).num_row_groups >= 2
    import pandas as pd

    pd.testing.assert_frame_equal(written.to_pandas(), want, check_dtype=False)
    # a glob gives the same files
    out2 = tmp_path / "glob.parquet"
    code, _, _ = run(
        capsys, "tag", "--column", "body", "--id", "story_id",
        str(folder / "part-*.parquet"), str(folder / "year=*" / "*.parquet"), "-o", str(out2),
    )
    assert code == 0
    assert pq.read_table(out2).equals(written)


def test_without_id_doc_is_the_row_position_over_all_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a = write_csv(tmp_path / "a.csv", STORIES[:3])
    b = tmp_path / "b.jsonl"
    b.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for _, t in STORIES[3:]),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "tag", "--column", "text", str(a), str(b), "-f", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    want = expected_frame([t for _, t in STORIES], list(range(5)))
    assert rows == want.to_dict("records")
    assert {r["doc"] for r in rows} == {0, 2, 4}


def test_missing_texts_have_no_matches_and_are_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "gaps.jsonl"
    table.write_text(
        '{"id": "a", "text": "Kataib Hizballah and the PMF"}\n'
        '{"id": "b", "text": null}\n'
        "\n"
        '{"id": "c", "text": "Ain al-Asad"}\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "tag", "--column", "text", "--id", "id", str(table), "-f", "jsonl")
    assert code == 0
    assert [(json.loads(x)["doc"], json.loads(x)["text"]) for x in out.splitlines()] == [
        ("a", "Kataib Hizballah"), ("a", "PMF"), ("c", "Ain al-Asad"),
    ]
    assert err == "gazetag: 1 row had no text in column 'text' (null); it has no matches\n"


def test_tables_stream_batch_by_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazetag import _tables

    table = write_csv(tmp_path / "many.csv", STORIES * 40)
    events: list[str] = []
    read, write = _tables.read, _tables.RowSink.write

    def spy_read(*args: Any) -> Any:
        for chunk in read(*args):
            events.append("read")
            yield chunk

    def spy_write(self: Any, batch: Any, results: Any) -> None:
        events.append("write")
        write(self, batch, results)

    monkeypatch.setattr(_tables, "read", spy_read)
    monkeypatch.setattr(_tables.RowSink, "write", spy_write)
    monkeypatch.setattr(_tables, "CHUNK_ROWS", 10)
    monkeypatch.setattr("gazetag.cli.BATCH_CHARS", 500)
    code, out, _ = run(capsys, "tag", "--column", "text", str(table))
    assert code == 0 and len(out.splitlines()) == 1 + 40 * 6
    assert events.count("read") == 20 and events.count("write") >= 5
    # the first batch is written before the last rows are read
    assert events.index("write") < len(events) - 1 - events[::-1].index("read")


def test_table_progress_counts_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": [t for _, t in STORIES]}), path)
    code, out, err = run(capsys, "tag", "--column", "text", str(path), "--progress")
    assert code == 0 and out.startswith("doc,start,end")
    assert "doc" in err and ("5/5" in err or "5.00/5.00" in err)


def test_label_studio_and_prodigy_from_a_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from gazetag.export import to_label_studio, to_prodigy

    table = write_csv(tmp_path / "stories.csv", STORIES)
    code, out, _ = run(
        capsys, "tag", "--column", "text", "--id", "story_id", str(table), "-f", "label-studio"
    )
    assert code == 0
    tasks = json.loads(out)
    assert [t["data"] for t in tasks] == [{"text": t, "story_id": i} for i, t in STORIES]
    assert tasks == [to_label_studio(t, data={"story_id": i}) for i, t in STORIES]
    regions = [r for t in tasks for r in t["predictions"][0]["result"]]
    assert len(regions) == 6 and {r["type"] for r in regions} == {"labels"}
    out_path = tmp_path / "prodigy.jsonl"
    code, _, _ = run(
        capsys, "tag", "--column", "text", "--id", "story_id", str(table),
        "-f", "prodigy", "-o", str(out_path),
    )
    assert code == 0
    lines = out_path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [
        to_prodigy(t, meta={"story_id": i}) for i, t in STORIES
    ]


def test_label_studio_from_text_files_and_empty_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Ain al-Asad was hit.", encoding="utf-8")
    b.write_text("Nothing.", encoding="utf-8")
    code, out, _ = run(capsys, "tag", str(a), str(b), "-f", "label-studio")
    assert code == 0
    tasks = json.loads(out)
    assert [t["data"] for t in tasks] == [
        {"text": "Ain al-Asad was hit.", "file": str(a)}, {"text": "Nothing.", "file": str(b)},
    ]
    assert [len(t["predictions"][0]["result"]) for t in tasks] == [1, 0]
    empty = tmp_path / "empty.csv"
    empty.write_text("text\n", encoding="utf-8")
    code, out, _ = run(capsys, "tag", "--column", "text", str(empty), "-f", "label-studio")
    assert code == 0 and json.loads(out) == []


def test_text_files_to_parquet_and_output_by_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "m.parquet"
    code, stdout, _ = run(capsys, "tag", str(ARTICLE), "-g", str(DICT), "-o", str(out))
    assert code == 0 and stdout == ""
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 45 and list(rows[0]) == list(COLUMNS)
    text = ARTICLE.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    jsonl = tmp_path / "m.jsonl"
    code, stdout, _ = run(capsys, "tag", str(ARTICLE), "-g", str(DICT), "-o", str(jsonl))
    assert code == 0 and stdout == ""
    assert [json.loads(x)["start"] for x in jsonl.read_text(encoding="utf-8").splitlines()] == [
        r["start"] for r in rows
    ]


def test_table_errors_name_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = write_csv(tmp_path / "good.csv", STORIES[:1])
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text\nCaf\xe9 in Baghdad\n".encode("latin-1"))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), numbers)
    short = tmp_path / "short.csv"
    short.write_text("id,section,text\na,news,KH\nb\n", encoding="utf-8")
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"text": "KH"}\n{"text": 3}\n', encoding="utf-8")
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"text": "KH", "id": 1}\n{"text": "KH", "text": "K1", "id": 2}\n')
    twice_id = tmp_path / "twice-id.jsonl"
    twice_id.write_text('{"text": "KH", "id": 1, "id": 2}\n')
    twice_csv = tmp_path / "twice.csv"
    twice_csv.write_text("text,id,text\nKH,1,K1\n", encoding="utf-8")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    cases = [
        # A key or column named twice: one of the two texts would go untagged without a word.
        ([str(twice), "--column", "text"], f"{twice}:2: names the key 'text' twice"),
        ([str(twice_id), "--column", "text", "--id", "id"], f"{twice_id}:1: names the key 'id'"),
        ([str(twice_csv), "--column", "text"], f"{twice_csv}:1: column 'text' appears twice"),
        ([str(good), "--column", "body"], f"{good}: no column 'body'; its columns are"
         " 'story_id', 'text', 'section'"),
        ([str(good), "--column", "text", "--id", "nope"], f"{good}: no column 'nope'"),
        ([str(latin), "--column", "text"], f"{latin}: not UTF-8 text (byte 0xe9)"),
        ([str(broken), "--column", "text"], f"{broken}: not a readable Parquet file"),
        ([str(numbers), "--column", "text"], f"{numbers}: column 'text' holds int64, not text"),
        ([str(short), "--column", "text"], f"{short}:3: 1 fields, but the header has 3"),
        ([str(bad_json), "--column", "text"], f"{bad_json}:2: 'text' holds a int, not text"),
        ([str(tmp_path / "x.xlsx"), "--column", "text"], "cannot tell the table's format"),
        ([str(tmp_path / "*.nothing"), "--column", "text"], "no file matches"),
        ([str(empty_dir), "--column", "text"], "a folder with no .parquet file"),
        ([str(tmp_path / "gone.csv"), "--column", "text"], "No such file"),
        ([str(good), "--id", "story_id"], "--id names a table column: give --column too"),
        ([str(good), "--column", "text", "-f", "table"], "--format table is for text files"),
        ([str(good), "--column", "text", "-f", "parquet"], "give --output FILE.parquet"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, "tag", *argv, "-g", str(DICT))
        assert code == 1, argv
        assert err.startswith("gazetag: error: ") and message in err, (argv, err)


def test_parquet_without_pyarrow_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write_csv(tmp_path / "good.csv", STORIES[:1])
    (tmp_path / "t.parquet").write_bytes(b"PAR1")
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)
    for argv in (
        [str(tmp_path / "t.parquet"), "--column", "text"],
        [str(good), "--column", "text", "-o", str(tmp_path / "out.parquet")],
        [str(ARTICLE), "-f", "parquet", "-o", str(tmp_path / "out.parquet")],
    ):
        code, _, err = run(capsys, "tag", *argv, "-g", str(DICT))
        assert code == 1
        assert "needs pyarrow, which is not installed: pip install pyarrow" in err, err
    # CSV in and out does not need it
    assert run(capsys, "tag", str(good), "--column", "text", "-g", str(DICT))[0] == 0


def test_a_table_on_standard_input_is_csv(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("id,text\nx1,KH met al-Kadhimi at K 1.\n"))
    code, out, _ = run(capsys, "tag", "--column", "text", "--id", "id", "-", "-g", str(DICT))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["doc"], r["text"], r["entity_id"]) for r in rows] == [
        ("x1", "KH", "kataib-hezbollah"),
        ("x1", "al-Kadhimi", "mustafa-al-kadhimi"),
        ("x1", "K 1", "k1-air-base"),
    ]
    assert list(rows[0]) == list(FRAME_COLUMNS)
