"""Dictionary files: gazetag JSONL, CSV, TSV and spaCy patterns read and written, format
sniffing, bad lines named by ``file:line``, ``on_error="collect"`` and pandas DataFrames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import gazetag
import pytest
from gazetag import GazetteerError, InputError, InputTypeError

SAMPLE: list[dict[str, Any]] = [
    {
        "id": "kh",
        "name": "Kata'ib Hezbollah",
        "label": "MILITIA",
        "aliases": [
            "KH",
            {"text": "Kh", "case_sensitive": True},
            {"text": "kataib", "case_sensitive": False},
            {"text": "Hezbollah Brigades", "variants": "none"},
            "A|B Brigade",
            "كتائب حزب الله",
        ],
        "meta": {"country": "IQ", "years": [2003, None], "nested": {"score": 0.5, "ok": True}},
        "variants": "aggressive",
    },
    {
        "id": "pmf",
        "name": "[PMF] Popular Mobilization Forces",
        "label": "MILITIA",
        "aliases": ["[PMF]", "Hashd [al-Shaabi]"],
    },
    {
        "id": "x,y",
        "name": 'Comma, "quoted" and | a pipe',
        "label": "ODD LABEL",
        "aliases": ["tab\there", "#hash", "a new\nline", "=formula", "-dash", "'+quoted"],
        "meta": {"note": "a,b\tc\nd|e"},
    },
    {
        "id": "case",
        "name": "Case Name",
        "label": "PERSON",
        "aliases": [{"text": "Case Name", "case_sensitive": True}, "CN"],
    },
]

KH_LINE = {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA"}
KH_PATTERN = {"label": "MILITIA", "pattern": "Kata'ib Hezbollah", "id": "kh"}
KH_RECORD = {**KH_LINE, "aliases": [], "meta": {}}


def sample() -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(SAMPLE)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def spacy_if_pattern_file(name: str) -> Literal["spacy"] | None:
    """The format to read a table's file in: spaCy for the pattern files (``p.jsonl``)."""
    return "spacy" if name.startswith("p.") else None


def jsonl(*lines: object) -> str:
    return "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("d.jsonl", None),
        ("d.ndjson", None),
        ("d.csv", None),
        ("d.tsv", None),
        ("d.tab", None),
        ("d.txt", "jsonl"),
        ("d.txt", "csv"),
        ("d.txt", "tsv"),
        ("D.CSV", None),
    ],
)
def test_full_formats_round_trip_exactly(tmp_path: Path, name: str, fmt: Any) -> None:
    g = sample()
    path = tmp_path / name
    g.write(path, fmt)
    back = gazetag.Gazetteer.read(path, fmt)
    assert back == g
    assert back.to_records() == g.to_records()
    assert gazetag.Gazetteer.read(str(path), fmt) == g
    assert [back[e.id].case_sensitive(a) for e in g for a in e.aliases] == [
        e.case_sensitive(a) for e in g for a in e.aliases
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "spacy"])
def test_an_empty_gazetteer_round_trips(tmp_path: Path, fmt: Any) -> None:
    path = tmp_path / "empty.txt"
    gazetag.Gazetteer().write(path, fmt)
    assert gazetag.Gazetteer.read(path, fmt) == gazetag.Gazetteer()


def test_jsonl_helpers_round_trip(tmp_path: Path) -> None:
    g = sample()
    path = tmp_path / "d.jsonl"
    g.to_jsonl(path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(SAMPLE)
    assert gazetag.Gazetteer.from_jsonl(path) == g
    assert gazetag.Gazetteer.read(path, "jsonl") == g


@pytest.mark.parametrize("name", ["patterns.jsonl", "patterns.txt"])
def test_spacy_round_trip_keeps_ids_labels_and_alias_texts(tmp_path: Path, name: str) -> None:
    g = sample()
    path = tmp_path / name
    g.write(path, "spacy")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(e.aliases) for e in g)
    assert all(set(json.loads(line)) == {"label", "pattern", "id"} for line in lines)
    back = gazetag.Gazetteer.read(path, "spacy")
    assert [(e.id, e.name, e.label, e.aliases) for e in back] == [
        (e.id, e.name, e.label, e.aliases) for e in g
    ]
    assert all(e.meta == {} for e in back)
    if name.endswith(".jsonl"):
        assert gazetag.Gazetteer.read(path) == back  # sniffed as spaCy patterns


def test_csv_writes_plain_cells_when_it_can(tmp_path: Path) -> None:
    g = gazetag.Gazetteer.from_records(
        [
            {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH", "Kh"]},
            {"id": "pmf", "name": "PMF", "label": "MILITIA", "meta": {"country": "IQ"}},
        ]
    )
    path = tmp_path / "d.csv"
    g.write(path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "id,name,label,aliases,country,meta",
        "kh,Kata'ib Hezbollah,MILITIA,KH|Kh,,",
        "pmf,PMF,MILITIA,,IQ,",
    ]


# ---------------------------------------------------------------------------------------------
# CSV and TSV cells
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # aliases joined by |, blanks around and empty pieces dropped
            "id,name,label,aliases\nkh,Kata'ib Hezbollah,MILITIA,KH| Kataib Hizballah ||\n",
            {**KH_LINE, "aliases": ["KH", "Kataib Hizballah"], "meta": {}},
        ),
        (  # a JSON list keeps a | inside an alias and alias settings
            'id,name,label,aliases\nkh,Kata\'ib Hezbollah,MILITIA,"[""A|B"", '
            '{""text"": ""Kh"", ""case_sensitive"": true}]"\n',
            {
                **KH_LINE,
                "aliases": ["A|B", {"text": "Kh", "case_sensitive": True}],
                "meta": {},
            },
        ),
        (  # JSON meta
            'id,name,label,meta\nkh,Kata\'ib Hezbollah,MILITIA,"{""country"": ""IQ"", '
            '""years"": [2003, null]}"\n',
            {**KH_LINE, "aliases": [], "meta": {"country": "IQ", "years": [2003, None]}},
        ),
        (  # empty optional cells are absent
            "id,name,label,aliases,meta,variants\nkh,Kata'ib Hezbollah,MILITIA,,,\n",
            KH_RECORD,
        ),
        (  # blank-only optional cells are absent too
            "id,name,label,aliases,meta,variants\nkh,Kata'ib Hezbollah,MILITIA, , ,  \n",
            KH_RECORD,
        ),
        (  # columns in any order, header cells trimmed
            "label , aliases,id ,name\nMILITIA,KH,kh,Kata'ib Hezbollah\n",
            {**KH_LINE, "aliases": ["KH"], "meta": {}},
        ),
        (  # a byte order mark and CRLF line ends
            "\ufeffid,name,label\r\nkh,Kata'ib Hezbollah,MILITIA\r\n",
            KH_RECORD,
        ),
        (  # quoted fields with commas and quotes
            'id,name,label,aliases\n"k,h","Kata\'ib Hezbollah, ""KH""",MILITIA,"a, b|c d"\n',
            {
                "id": "k,h",
                "name": 'Kata\'ib Hezbollah, "KH"',
                "label": "MILITIA",
                "aliases": ["a, b", "c d"],
                "meta": {},
            },
        ),
        (  # a meta cell may span lines when it holds a JSON object; an alias in a JSON list
            # holds a line break written as \n
            'id,name,label,aliases,meta\nkh,Kata\'ib Hezbollah,MILITIA,"[""c\\nd""]","{\n'
            '  ""country"": ""IQ""\n}"\n',
            {**KH_LINE, "aliases": ["c\nd"], "meta": {"country": "IQ"}},
        ),
        (  # a cell that a spreadsheet would take for a formula, written after an apostrophe:
            # reading takes one away at the start of the cell
            "id,name,label,aliases\nkh,Kata'ib Hezbollah,MILITIA,'=KH|'-x|''+y|'z\n",
            {**KH_LINE, "aliases": ["=KH", "'-x", "''+y", "'z"], "meta": {}},
        ),
        (
            "id,name,label,variants\nkh,Kata'ib Hezbollah,MILITIA,none\n",
            {**KH_RECORD, "variants": "none"},
        ),
    ],
)
def test_csv_cells(tmp_path: Path, content: str, expected: dict[str, Any]) -> None:
    g = gazetag.Gazetteer.read(write(tmp_path, "d.csv", content))
    assert g.to_records() == [expected]
    tsv = content.replace(",", "\t") if '"' not in content else None
    if tsv is not None:
        assert gazetag.Gazetteer.read(write(tmp_path, "d.tsv", tsv)).to_records() == [expected]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "id\tname\tlabel\taliases\nkh\tKata'ib Hezbollah\tMILITIA\tKH|Hezbollah Brigades\n",
            {**KH_LINE, "aliases": ["KH", "Hezbollah Brigades"], "meta": {}},
        ),
        (  # commas are plain text in TSV; JSON cells need no quoting
            'id\tname\tlabel\taliases\tmeta\nk,h\tA, B\tL\t["x|y", "z"]\t{"a": "1,2"}\n',
            {
                "id": "k,h",
                "name": "A, B",
                "label": "L",
                "aliases": ["x|y", "z"],
                "meta": {"a": "1,2"},
            },
        ),
        (  # a quoted TSV cell holds quotes
            'id\tname\tlabel\nx\t"A ""B"" C"\tL\n',
            {"id": "x", "name": 'A "B" C', "label": "L", "aliases": [], "meta": {}},
        ),
    ],
)
def test_tsv_cells(tmp_path: Path, content: str, expected: dict[str, Any]) -> None:
    assert gazetag.Gazetteer.read(write(tmp_path, "d.tsv", content)).to_records() == [expected]


@pytest.mark.parametrize(
    ("content", "bad_lines"),
    [
        ("id,name,label\nx,X,L\ny,,L\n", [3]),
        ("id,name,label\n\n\nx,X,L\n\ny,,L\n", [6]),
        # A quote that runs over the end of its line is a problem at that line, and the lines
        # after it are read on their own (`",X,L` opens another quote).
        ('id,name,label\n"x\n\n",X,L\ny,,L\n', [2, 4, 5]),
        (
            'id,name,label\nx,"multi\nline\nname",L\ny,,L\nz,"a,\nb",L\nw,,L\n',
            [2, 3, 4, 5, 6, 7, 8],
        ),
        ("\ufeffid,name,label\r\nx,X,L\r\n\r\ny,,L\r\n", [4]),
        ('id,name,label\r\nx,"a\r\nb",L\r\ny,,L\r\n', [2, 3, 4]),
        ('id,name,label,meta\nx,X,L,"{\n}"\ny,,L,\n', [4]),
        ("id,name,label\n,,\nx,X,L\n   \ny,,L\n", [5]),
        ("id,name,label\nx,X\ny,Y,L,extra\nz,,L\nok,OK,L\n", [2, 3, 4]),
        # Old Mac line ends: the csv reader splits records at a bare CR, so lines must too.
        ("id,name,label\rx,X,L\ry,,L\r", [3]),
    ],
)
def test_csv_line_numbers_survive_quotes_and_blank_lines(
    tmp_path: Path, content: str, bad_lines: list[int]
) -> None:
    path = write(tmp_path, "d.csv", content)
    g, report = gazetag.Gazetteer.read(path, on_error="collect")
    assert [p.line for p in report.problems] == bad_lines
    for p in report.problems:
        assert p.message.startswith(f"{path}:{p.line}: "), p.message


# ---------------------------------------------------------------------------------------------
# spaCy patterns
# ---------------------------------------------------------------------------------------------


def test_spacy_string_patterns_group_by_id(tmp_path: Path) -> None:
    content = jsonl(
        {"label": "MILITIA", "pattern": "Kata'ib Hezbollah", "id": "kh"},
        {"label": "PERSON", "pattern": "Qais al-Khazali", "id": "khazali"},
        {"label": "MILITIA", "pattern": "KH", "id": "kh"},
        {"label": "MILITIA", "pattern": "Hezbollah Brigades", "id": "kh"},
        {"label": "BASE", "pattern": "Ain al-Asad"},
        {"label": "MILITIA", "pattern": "KH", "id": "kh"},
    )
    g = gazetag.Gazetteer.read(write(tmp_path, "p.jsonl", content))
    assert [(e.id, e.name, e.label, e.aliases) for e in g] == [
        ("kh", "Kata'ib Hezbollah", "MILITIA", ("Kata'ib Hezbollah", "KH", "Hezbollah Brigades")),
        ("khazali", "Qais al-Khazali", "PERSON", ("Qais al-Khazali",)),
        ("Ain al-Asad", "Ain al-Asad", "BASE", ("Ain al-Asad",)),
    ]
    # String patterns keep the acronym rule: KH matches only in capitals.
    assert g["kh"].case_sensitive("KH") and not g["kh"].case_sensitive("Hezbollah Brigades")


@pytest.mark.parametrize(
    ("tokens", "text", "case_sensitive", "found", "missed"),
    [
        (
            [{"LOWER": "kataib"}, {"LOWER": "hizballah"}],
            "kataib hizballah",
            False,
            ["KATAIB HIZBALLAH", "Kataib Hizballah", "kataib hizballah"],
            [],
        ),
        ([{"ORTH": "KH"}], "KH", True, ["KH"], ["kh", "Kh"]),
        (
            [{"TEXT": "Qais"}, {"TEXT": "Khazali"}],
            "Qais Khazali",
            True,
            ["Qais Khazali"],
            ["qais khazali", "QAIS KHAZALI"],
        ),
        ([{"lower": "badr"}], "badr", False, ["Badr", "BADR"], []),
        (
            [{"TEXT": "Kata"}, {"TEXT": "'"}, {"TEXT": "ib"}, {"TEXT": "Hezbollah"}],
            "Kata'ib Hezbollah",
            True,
            ["Kata'ib Hezbollah", "Kata’ib Hezbollah"],
            ["kata'ib hezbollah"],
        ),
        (
            [{"LOWER": "kata"}, {"LOWER": "’"}, {"LOWER": "ib"}],
            "kata’ib",
            False,
            ["Kata'ib", "KATA’IB"],
            [],
        ),
        # spaCy's tokenizer splits the clitic 's off ("Iraq's" is "Iraq" + "'s"), so a pattern
        # made from a tokenized phrase glues it back on.
        (
            [{"LOWER": "iraq"}, {"LOWER": "'s"}, {"LOWER": "army"}],
            "iraq's army",
            False,
            ["Iraq's army", "Iraq’s Army"],
            [],
        ),
    ],
)
def test_spacy_token_patterns(
    tmp_path: Path,
    tokens: list[dict[str, str]],
    text: str,
    case_sensitive: bool,
    found: list[str],
    missed: list[str],
) -> None:
    path = write(tmp_path, "p.jsonl", jsonl({"label": "ORG", "pattern": tokens, "id": "x"}))
    g = gazetag.Gazetteer.read(path)
    assert g["x"].aliases == (text,)
    assert g["x"].case_sensitive(text) is case_sensitive
    tagger = gazetag.Tagger(g, variants="none")
    for sentence in found:
        assert [m.text for m in tagger.tag(f"Then {sentence} came.")] == [sentence], sentence
    for sentence in missed:
        assert tagger.tag(f"Then {sentence} came.") == [], sentence


# ---------------------------------------------------------------------------------------------
# Format sniffing
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("d.jsonl", jsonl(KH_LINE), None),
        ("d.jsonl", jsonl(KH_PATTERN), None),
        ("d.ndjson", jsonl(KH_PATTERN), None),
        ("D.JSONL", jsonl(KH_PATTERN), None),
        ("d.jsonl", jsonl("# spaCy patterns", "", KH_PATTERN), None),
        ("d.jsonl", "\ufeff" + jsonl(KH_LINE), None),
        ("d.jsonl", "\ufeff" + jsonl(KH_PATTERN), None),
        ("d.csv", "id,name,label\nkh,Kata'ib Hezbollah,MILITIA\n", None),
        ("d.tsv", "id\tname\tlabel\nkh\tKata'ib Hezbollah\tMILITIA\n", None),
        ("d.tab", "id\tname\tlabel\nkh\tKata'ib Hezbollah\tMILITIA\n", None),
        ("d.txt", "id,name,label\nkh,Kata'ib Hezbollah,MILITIA\n", "csv"),
        ("d.txt", jsonl(KH_PATTERN), "spacy"),
        ("d.csv", jsonl(KH_LINE), "jsonl"),
        ("d.jsonl", jsonl(KH_PATTERN), "spacy"),
    ],
)
def test_format_from_suffix_content_or_argument(
    tmp_path: Path, name: str, content: str, fmt: Any
) -> None:
    g = gazetag.Gazetteer.read(write(tmp_path, name, content), fmt)
    assert g.to_records() == [KH_RECORD]


def test_format_argument_wins_over_content(tmp_path: Path) -> None:
    path = write(tmp_path, "d.jsonl", jsonl(KH_PATTERN))
    with pytest.raises(GazetteerError, match=r'd\.jsonl:1 \(entity "kh"\): unknown field'):
        gazetag.Gazetteer.read(path, "jsonl")


@pytest.mark.parametrize("name", ["d.txt", "d.json", "d", "d.csv.bak", "d.xlsx"])
def test_unknown_suffix_needs_a_format(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, jsonl(KH_LINE))
    with pytest.raises(InputError, match="format=") as info:
        gazetag.Gazetteer.read(path)
    assert name in str(info.value)
    with pytest.raises(InputError, match="format="):
        sample().write(tmp_path / name)
    assert path.read_text(encoding="utf-8") == jsonl(KH_LINE)  # not overwritten


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"format": "xml"}, InputError, 'format must be "jsonl", "csv", "tsv" or "spacy"'),
        ({"format": "CSV"}, InputError, 'not "CSV"'),
        ({"format": 5}, InputTypeError, "format must be a str, not int"),
        ({"on_error": "ignore"}, InputError, 'on_error must be "raise" or "collect"'),
        ({"on_error": True}, InputTypeError, "on_error must be a str, not bool"),
    ],
)
def test_bad_arguments(
    tmp_path: Path, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    path = write(tmp_path, "d.csv", "id,name,label\nkh,Kata'ib Hezbollah,MILITIA\n")
    with pytest.raises(error, match=message):
        gazetag.Gazetteer.read(path, **kwargs)
    if "format" in kwargs:
        with pytest.raises(error, match=message):
            sample().write(path, kwargs["format"])


def test_unreadable_files_raise_os_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        gazetag.Gazetteer.read(tmp_path / "missing.csv")
    assert missing.value.filename == str(tmp_path / "missing.csv")
    assert str(tmp_path / "missing.csv") in str(missing.value)
    with pytest.raises(IsADirectoryError) as folder:
        gazetag.Gazetteer.read(tmp_path, "csv")
    assert folder.value.filename == str(tmp_path)
    with pytest.raises(OSError):
        sample().write(tmp_path / "no" / "such" / "dir.csv")


# ---------------------------------------------------------------------------------------------
# Bad lines
# ---------------------------------------------------------------------------------------------

GOOD = json.dumps({"id": "ok", "name": "Ok", "label": "L"})


@pytest.mark.parametrize(
    ("name", "content", "line", "reason"),
    [
        # gazetag JSONL
        ("d.jsonl", "not json\n", 1, "not valid JSON"),
        ("d.jsonl", "[1]\n", 1, "a line must hold a JSON object, not a list"),
        ("d.jsonl", f"{GOOD}\n{GOOD}\n", 2, 'duplicate entity id "ok"'),
        ("d.jsonl", f'# c\n\n{GOOD}\n{{"id": "a", "name": "A"}}\n', 4, 'missing field "label"'),
        ("d.jsonl", '{"id": "a", "name": "A", "label": "L", "colour": 1}\n', 1, "unknown field"),
        ("d.jsonl", '{"id": "a", "name": "A", "label": "L", "aliases": [""]}\n', 1, "nothing"),
        ("d.jsonl", '{"id": "a", "name": "A", "label": "L", "variants": "x"}\n', 1, "variants"),
        ("d.jsonl", '{"id": 5, "name": "A", "label": "L"}\n', 1, "must be a string"),
        # A key named twice would keep only its last value: the first aliases would be lost.
        (
            "d.jsonl",
            f'{GOOD}\n{{"id": "a", "name": "A", "label": "L", "aliases": ["B"], "aliases": []}}\n',
            2,
            'names the key "aliases" twice in one object',
        ),
        ("d.jsonl", '{"id": "a", "name": "A", "label": "L", "meta": {"k": 1, "k": 1}}', 1, "twice"),
        # CSV
        ("d.csv", "id,name\nx,X\n", 1, 'no "label" column'),
        ("d.csv", "id,name,label,alias\n", 1, 'column "alias" looks like a misspelt "aliases"'),
        ("d.csv", "id,name,label,id\n", 1, 'column "id" appears twice'),
        ("d.csv", "\n\nid,name\nx,X\n", 3, 'no "label" column'),
        ("d.csv", "id,name,label\nx,X\n", 2, "2 cells where the header has 3 columns"),
        ("d.csv", "id,name,label\nx,X,L,Y\n", 2, "4 cells where the header has 3 columns"),
        ("d.csv", "id,name,label,meta\nx,X,L,[1]\n", 2, "must hold a JSON object, not a list"),
        ("d.csv", "id,name,label,meta\nx,X,L,{oops\n", 2, "the meta cell is not valid JSON"),
        ("d.csv", "id,name,label,aliases\nx,X,L,[oops\n", 2, 'starts with "["'),
        ("d.csv", 'id,name,label\n"a\nb",A,L\nx,,L\n', 2, 'the "id" cell opens a quote'),
        ("d.csv", 'id,name,label,meta\na,A,L,"{\n}"\nx,,L,\n', 4, "name must be a non-empty"),
        ("d.csv", "id,name,label\nx,X,L\nx,Y,L\n", 3, 'duplicate entity id "x"'),
        ("d.csv", "id,name,label,variants\nx,X,L,wild\n", 2, '"variants" must be'),
        ("d.csv", "id,name,label,aliases\nx,X,L,-|KH\n", 2, 'alias "-" has nothing to match'),
        # TSV
        ("d.tsv", "id\tname\n", 1, 'no "label" column'),
        ("d.tsv", "id\tname\tlabel\n\nx\tX\tL\ty\n", 3, "4 cells where the header has 3"),
        ("d.tsv", "id\tname\tlabel\tmeta\nx\tX\tL\t1\n", 2, "JSON object, not a number"),
        ("d.tsv", "id\tname\tlabel\n\tX\tL\n", 2, "non-empty"),
        # spaCy patterns
        ("p.jsonl", '{"label": "L", "pattern": "x"}\n{\n', 2, "not valid JSON"),
        (
            "p.jsonl",
            '{"pattern": "x", "label": "L"}\n{"pattern": "y"}\n',
            2,
            'missing field "label"',
        ),
        ("p.jsonl", '{"label": "L", "pattern": "x", "kb_id": "q"}\n', 1, 'unknown field "kb_id"'),
        ("p.jsonl", '{"label": "L", "pattern": 5}\n', 1, '"pattern" must be a string or a list'),
        ("p.jsonl", '{"label": "L", "pattern": [{"POS": "NOUN"}]}\n', 1, 'uses "POS"'),
        ("p.jsonl", '{"label": "L", "pattern": [{"LOWER": "a", "OP": "?"}]}\n', 1, "one key"),
        ("p.jsonl", '{"label": "L", "pattern": [{"LOWER": {"IN": ["a"]}}]}\n', 1, "not an object"),
        ("p.jsonl", '{"label": "L", "pattern": [{"LOWER": "a"}, {"ORTH": "B"}]}\n', 1, "mixes"),
        ("p.jsonl", '{"label": "L", "pattern": []}\n', 1, "the token pattern is empty"),
        ("p.jsonl", '{"label": "L", "pattern": " - "}\n', 1, "has nothing to match"),
        ("p.jsonl", '{"label": "L", "pattern": "x", "id": 3}\n', 1, '"id" must be a string'),
        (
            "p.jsonl",
            '{"label": "A", "pattern": "x", "id": "i"}\n\n'
            '{"label": "B", "pattern": "y", "id": "i"}\n',
            3,
            'id "i" has label "A" at line 1 but "B" here',
        ),
    ],
)
def test_bad_lines_name_file_line_and_reason(
    tmp_path: Path, name: str, content: str, line: int, reason: str
) -> None:
    path = write(tmp_path, name, content)
    fmt = spacy_if_pattern_file(name)
    with pytest.raises(GazetteerError) as info:
        gazetag.Gazetteer.read(path, fmt)
    message = str(info.value)
    assert f"{path}:{line}" in message and reason in message, message
    assert f"{path}:{line}:" in message or f"{path}:{line} (" in message, message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("name", "content", "good_ids", "bad_lines", "total"),
    [
        (
            "d.jsonl",
            jsonl(
                GOOD,
                "{",
                {"id": "ok", "name": "Again", "label": "L"},
                "# a comment",
                {"id": "b", "name": "B", "label": "L", "aliases": [""]},
                "",
                {"id": "c", "name": "C", "label": "L"},
                [1],
                {"id": "d", "name": "D"},
                {"id": "e", "name": "E", "label": "L"},
            ),
            ["ok", "c", "e"],
            [2, 3, 5, 8, 9],
            8,
        ),
        (
            "d.csv",
            'id,name,label,meta\na,A,L,\n"b\nb",,L,\nc,C,L,[1]\n\nd,D,L,"{""k"": 1}"\n'
            "e,E\na,A2,L,\nf,F,L,{\n",
            ["a", "d"],
            [3, 4, 5, 8, 9, 10],  # the quote opened on line 3 is not closed there
            8,
        ),
        (
            "d.tsv",
            "id\tname\tlabel\na\tA\tL\nb\t\tL\nc\tC\tL\nc\tC\tL\nd\tD\tL\tx\n",
            ["a", "c"],
            [3, 5, 6],
            5,
        ),
        (
            "p.jsonl",
            jsonl(
                {"label": "L", "pattern": "A", "id": "a"},
                {"label": "L", "pattern": 5, "id": "a"},
                {"label": "L", "pattern": "A2", "id": "a"},
                {"label": "M", "pattern": "A3", "id": "a"},
                {"label": "L", "pattern": [{"POS": "X"}], "id": "b"},
                {"label": "L", "pattern": "B", "id": "b"},
                "not json",
                {"label": "L", "pattern": "C"},
            ),
            ["a", "b", "C"],
            [2, 4, 5, 7],
            8,
        ),
    ],
)
def test_collect_keeps_good_lines_and_reports_every_bad_one(
    tmp_path: Path, name: str, content: str, good_ids: list[str], bad_lines: list[int], total: int
) -> None:
    path = write(tmp_path, name, content)
    fmt = spacy_if_pattern_file(name)
    g, report = gazetag.Gazetteer.read(path, fmt, on_error="collect")
    assert [e.id for e in g] == good_ids
    assert [p.line for p in report.problems] == bad_lines
    # No line is dropped silently: each data line made an entity (an alias for spaCy
    # patterns) or a problem.
    good = sum(len(e.aliases) for e in g) if fmt == "spacy" else len(g)
    assert good + len(report) == total
    assert not report.ok and report.entities == len(g) and report.source == str(path)
    for p in report:
        assert p.source == str(path)
        assert p.message.startswith(f"{path}:{p.line}"), p.message
        assert str(p) in str(report)
    # Raising stops at the first bad line.
    with pytest.raises(GazetteerError, match=f"{path.name}:{bad_lines[0]}"):
        gazetag.Gazetteer.read(path, fmt)


@pytest.mark.parametrize("name", ["d.jsonl", "d.csv", "d.tsv", "p.jsonl"])
def test_collect_on_a_clean_file_reports_nothing(tmp_path: Path, name: str) -> None:
    g = sample()
    path = tmp_path / name
    g.write(path, spacy_if_pattern_file(name))
    back, report = gazetag.Gazetteer.read(path, on_error="collect")
    assert report.ok and len(report) == 0 and list(report) == []
    assert report.entities == len(back) == len(g)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("d.jsonl", '{"id": "a", "name": "A", "label": "L"}\n'),
        ("d.csv", "id,name,label\na,A,L\n"),
        ("d.tsv", "id\tname\tlabel\na\tA\tL\n"),
    ],
)
def test_not_utf8_names_the_line(tmp_path: Path, name: str, head: str) -> None:
    sep = "\t" if name.endswith(".tsv") else ","
    if name.endswith(".jsonl"):
        bad = b'{"id": "b", "name": "B\xff", "label": "L"}\n'
    else:
        bad = sep.join(["b", "B\xff", "L"]).encode("latin-1") + b"\n"
    path = write(tmp_path, name, head.encode("utf-8") + bad)
    with pytest.raises(GazetteerError, match=rf"{name}:{head.count(chr(10)) + 1}: not UTF-8"):
        gazetag.Gazetteer.read(path)


# ---------------------------------------------------------------------------------------------
# pandas DataFrames
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def pd() -> Any:
    return pytest.importorskip("pandas")


def test_dataframe_round_trip(pd: Any) -> None:
    g = sample()
    df = g.to_dataframe()
    assert list(df.columns) == [
        "id",
        "name",
        "label",
        "aliases",
        "alias_options",
        "variants",
        "partial",
        "meta",
    ]
    assert list(df["id"]) == [e.id for e in g]
    # Issue 14.4: plain alias strings, their settings beside them.
    assert df["aliases"][0] == list(g["kh"].aliases[1:])
    assert all(isinstance(a, str) for aliases in df["aliases"] for a in aliases)
    assert df["alias_options"][0] == {
        "Kh": {"case_sensitive": True},
        "kataib": {"case_sensitive": False},
        "Hezbollah Brigades": {"variants": "none"},
    }
    assert df["alias_options"][1] is None
    assert df["alias_options"][3] == {"Case Name": {"case_sensitive": True}}
    assert gazetag.Gazetteer.from_dataframe(df) == g
    assert (
        gazetag.Gazetteer.from_dataframe(gazetag.Gazetteer().to_dataframe()) == gazetag.Gazetteer()
    )


NAN = float("nan")


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("aliases", ["KH", "Kataib Hizballah"], ["KH", "Kataib Hizballah"]),
        ("aliases", ("KH",), ["KH"]),
        ("aliases", "KH| Kataib Hizballah", ["KH", "Kataib Hizballah"]),
        ("aliases", '["A|B", "C"]', ["A|B", "C"]),
        (
            "aliases",
            [{"text": "Kh", "case_sensitive": True}],
            [{"text": "Kh", "case_sensitive": True}],
        ),
        ("aliases", None, []),
        ("aliases", NAN, []),
        ("aliases", "", []),
        ("meta", {"country": "IQ"}, {"country": "IQ"}),
        ("meta", '{"country": "IQ", "n": [1]}', {"country": "IQ", "n": [1]}),
        ("meta", None, {}),
        ("meta", NAN, {}),
        ("variants", "none", "none"),
        ("variants", None, None),
        ("variants", NAN, None),
    ],
)
def test_dataframe_cells(pd: Any, column: str, cell: Any, expected: Any) -> None:
    df = pd.DataFrame(
        {"id": ["kh", "pmf"], "name": ["Kata'ib Hezbollah", "PMF"], "label": ["MILITIA"] * 2}
    )
    df[column] = pd.Series([cell, None], dtype=object)
    g = gazetag.Gazetteer.from_dataframe(df)
    record = g.to_records()[0]
    got = record.get(column) if column == "variants" else record[column]
    assert got == expected
    assert g.to_records()[1] == {
        "id": "pmf",
        "name": "PMF",
        "label": "MILITIA",
        "aliases": [],
        "meta": {},
    }


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            {"id": ["a"], "name": ["A"], "label": ["L"], "alias": ["red"]},
            'column "alias" looks like a misspelt "aliases"',
        ),
        ({"id": ["a"], "name": ["A"]}, 'no "label" column'),
    ],
)
def test_dataframe_columns_are_checked(
    pd: Any, columns: dict[str, list[str]], message: str
) -> None:
    df = pd.DataFrame(columns)
    with pytest.raises(GazetteerError, match=f"dataframe: .*{message}"):
        gazetag.Gazetteer.from_dataframe(df)
    with pytest.raises(GazetteerError, match=f"dataframe: .*{message}"):
        gazetag.Gazetteer.from_dataframe(df, on_error="collect")


def test_dataframe_collect_names_rows_by_index(pd: Any) -> None:
    df = pd.DataFrame(
        {
            "id": ["a", "b", "a", "c", "d", "e"],
            "name": ["A", None, "A2", "C", 5, "E"],
            "label": ["L"] * 6,
            "meta": [None, None, None, None, None, "[1]"],
        },
        index=["r0", "r1", "r2", "r3", "r4", "r5"],
    )
    g, report = gazetag.Gazetteer.from_dataframe(df, on_error="collect")
    assert [e.id for e in g] == ["a", "c"]
    assert [(p.line, p.message.split(":")[0]) for p in report.problems] == [
        (1, "dataframe row 'r1' (entity \"b\")"),
        (2, "dataframe row 'r2'"),
        (4, "dataframe row 'r4'"),
        (5, "dataframe row 'r5'"),
    ]
    assert len(g) + len(report) == len(df)
    assert report.source == "dataframe" and report.entities == 2
    with pytest.raises(GazetteerError, match=r"dataframe row 'r1' \(entity \"b\"\): missing"):
        gazetag.Gazetteer.from_dataframe(df)


def test_dataframe_needs_a_dataframe() -> None:
    with pytest.raises(InputTypeError, match="needs a pandas DataFrame, not list"):
        gazetag.Gazetteer.from_dataframe([{"id": "a", "name": "A", "label": "L"}])


# ---------------------------------------------------------------------------------------------
# Stray quotes, joined files and spreadsheet formulas (issue 15)
# ---------------------------------------------------------------------------------------------

STRAY_QUOTE = 'id,name,label\na,Alpha,"X\nb,Beta,X\nc,Gamma,X\n'


@pytest.mark.parametrize("name", ["d.csv", "d.tsv"])
def test_a_stray_quote_is_reported_at_its_line_and_swallows_nothing(
    tmp_path: Path, name: str
) -> None:
    content = STRAY_QUOTE.replace(",", "\t") if name.endswith(".tsv") else STRAY_QUOTE
    path = write(tmp_path, name, content)
    g, report = gazetag.Gazetteer.read(path, on_error="collect")
    assert [(e.id, e.name, e.label) for e in g] == [("b", "Beta", "X"), ("c", "Gamma", "X")]
    assert [p.line for p in report.problems] == [2]
    assert report.problems[0].message == (
        f'{path}:2: the "label" cell opens a quote that runs over the end of the line (on to '
        "line 4); a stray '\"'? only a meta cell holding a JSON object may span lines"
    )
    with pytest.raises(GazetteerError, match=rf"{name}:2: the \"label\" cell opens a quote"):
        gazetag.Gazetteer.read(path)


def test_a_stray_quote_in_a_large_dictionary_leaves_every_other_line(tmp_path: Path) -> None:
    # The issue's 110 KB dictionary that became one entity with a 113k-character alias.
    rows = [f"e{i},Entity number {i},ORG,alias {i}" for i in range(3000)]
    rows[10] = 'e10,Entity number 10,ORG,"alias 10'
    path = write(tmp_path, "big.csv", "id,name,label,aliases\n" + "\n".join(rows) + "\n")
    g, report = gazetag.Gazetteer.read(path, on_error="collect")
    assert len(g) == 2999 and "e10" not in g and "e11" in g
    assert [p.line for p in report.problems] == [12]
    assert 'the "aliases" cell opens a quote' in report.problems[0].message


def test_check_reports_a_stray_quote_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gazetag.cli import main

    path = write(tmp_path, "d.csv", STRAY_QUOTE)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f'{path}:2: the "label" cell opens a quote' in out + err


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("d.csv", "id,name,label\na,A,L\n", "\ufeffid,name,label\nb,B,L\n"),
        ("d.csv", "id,name,label\na,A,L\n", "\ufeffb,B,L\n"),
        ("d.tsv", "id\tname\tlabel\na\tA\tL\n", "\ufeffid\tname\tlabel\nb\tB\tL\n"),
        (
            "d.jsonl",
            jsonl({"id": "a", "name": "A", "label": "L"}),
            "\ufeff" + jsonl({"id": "b", "name": "B", "label": "L"}),
        ),
    ],
)
def test_files_joined_together_keep_their_byte_order_marks_out_of_ids(
    tmp_path: Path, name: str, first: str, second: str
) -> None:
    g, report = gazetag.Gazetteer.read(write(tmp_path, name, first + second), on_error="collect")
    assert [e.id for e in g] == ["a", "b"] and report.ok


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("id,name,label\na\ufeff,A,L\n", 'id "a\\u{feff}" holds a byte order mark (U+FEFF)'),
        ("id,name,label\na\u200b,A,L\n", "holds an invisible character (U+200B)"),
        ("id,name,label\na,A,L\u200e\n", 'label "L\\u{200e}" holds an invisible character'),
        ("id,name,label\na,A\x00,L\n", "holds a NUL character (U+0000)"),
        ('id,name,label\n"a\x01",A,L\n', "holds a control character (U+0001)"),
    ],
)
def test_ids_and_labels_hold_no_hidden_characters(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = write(tmp_path, "d.csv", content)
    with pytest.raises(GazetteerError, match=r"d\.csv:2: ") as info:
        gazetag.Gazetteer.read(path)
    assert reason in str(info.value)


def test_written_formula_cells_are_neutralized_and_read_back(tmp_path: Path) -> None:
    g = gazetag.Gazetteer()
    g.add("=cmd", "@SUM(A1:A2)", "+L", aliases=["-1 Brigade", "'=quoted", "plain"])
    g.add("b", "Beta", "L", aliases=["=x"])
    for name in ["d.csv", "d.tsv"]:
        path = tmp_path / name
        g.write(path)
        sep = "," if name.endswith(".csv") else "\t"
        rows = path.read_text(encoding="utf-8").splitlines()
        assert rows[1:] == [
            sep.join(["'=cmd", "'@SUM(A1:A2)", "'+L", "'-1 Brigade|'=quoted|plain", ""]),
            sep.join(["b", "Beta", "L", "'=x", ""]),
        ]
        assert gazetag.Gazetteer.read(path) == g


# ---------------------------------------------------------------------------------------------
# Analysts' own tables (issue 14.4)
# ---------------------------------------------------------------------------------------------


def test_other_columns_are_meta(tmp_path: Path) -> None:
    content = (
        "ID,Name,Label,Aliases,wikidata,country,kind\n"
        "kh,Kata'ib Hezbollah,MILITIA,KH,Q1739104,IQ,\n"
        "pmf,Popular Mobilization Forces,MILITIA,PMF,, IQ ,umbrella\n"
    )
    g = gazetag.Gazetteer.read(write(tmp_path, "d.csv", content))
    assert g["kh"].meta == {"wikidata": "Q1739104", "country": "IQ"}
    assert g["pmf"].meta == {"country": "IQ", "kind": "umbrella"}
    assert g["kh"].aliases == ("Kata'ib Hezbollah", "KH")


@pytest.mark.parametrize(
    ("header", "column", "meant"),
    [
        ("id,name,label,alias", "alias", "aliases"),
        ("id,name,label,Alias", "Alias", "aliases"),
        ("id,name,lable", "lable", "label"),
        ("id,name,labels", "labels", "label"),
    ],
)
def test_a_misspelt_column_is_an_error_not_meta(
    tmp_path: Path, header: str, column: str, meant: str
) -> None:
    path = write(tmp_path, "d.csv", f"{header}\nx,X,L,v\n")
    with pytest.raises(
        GazetteerError, match=f'd.csv:1: column "{column}" looks like a misspelt "{meant}"'
    ):
        gazetag.Gazetteer.read(path)


@pytest.mark.parametrize(
    ("content", "kwargs"),
    [
        # European spreadsheets save with ; (a comma is then plain text in a cell)
        ("id;name;label;aliases\nkh;Kata'ib Hezbollah, KH;MILITIA;KH|Kataib\n", {}),
        ("\ufeffid;name;label;aliases\r\nkh;Kata'ib Hezbollah, KH;MILITIA;KH|Kataib\r\n", {}),
        ("id\tname\tlabel\taliases\nkh\tKata'ib Hezbollah, KH\tMILITIA\tKH|Kataib\n", {}),
        ("id:name:label:aliases\nkh:Kata'ib Hezbollah, KH:MILITIA:KH|Kataib\n", {"delimiter": ":"}),
    ],
)
def test_the_delimiter_is_sniffed_or_given(
    tmp_path: Path, content: str, kwargs: dict[str, Any]
) -> None:
    g = gazetag.Gazetteer.read(write(tmp_path, "d.csv", content), **kwargs)
    assert g["kh"].name == "Kata'ib Hezbollah, KH"
    assert g["kh"].aliases[1:] == ("KH", "Kataib")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"delimiter": ";;"}, InputError, "delimiter must be one character"),
        ({"delimiter": "|"}, InputError, "delimiter must be one character"),
        ({"delimiter": 59}, InputTypeError, "delimiter must be a str or None, not int"),
        ({"format": "jsonl", "delimiter": ";"}, InputError, "delimiter= applies to CSV and TSV"),
    ],
)
def test_bad_delimiters(
    tmp_path: Path, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    path = write(tmp_path, "d.csv", "id,name,label\nx,X,L\n")
    with pytest.raises(error, match=message):
        gazetag.Gazetteer.read(path, **kwargs)
    with pytest.raises(error, match=message):
        sample().write(tmp_path / "out.csv", **kwargs)


def test_write_with_a_semicolon_reads_back_without_being_told(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    sample().write(path, delimiter=";")
    assert path.read_text(encoding="utf-8").startswith("id;name;label;aliases;alias_options;")
    assert gazetag.Gazetteer.read(path) == sample()


def test_written_tables_keep_aliases_plain_and_settings_in_their_own_column(
    tmp_path: Path,
) -> None:
    g = gazetag.Gazetteer.from_records(
        [
            {
                "id": "kh",
                "name": "Kata'ib Hezbollah",
                "label": "MILITIA",
                "aliases": ["KH", {"text": "Kh", "case_sensitive": True}, "كتائب حزب الله"],
                "meta": {"country": "IQ", "wikidata": "Q1739104", "years": [2003]},
            },
            {"id": "pmf", "name": "PMF", "label": "MILITIA", "meta": {"country": "IQ"}},
        ]
    )
    path = tmp_path / "d.csv"
    g.write(path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "id,name,label,aliases,alias_options,country,wikidata,meta",
        "kh,Kata'ib Hezbollah,MILITIA,KH|Kh|كتائب حزب الله,"
        '"{""Kh"":{""case_sensitive"":true}}",IQ,Q1739104,"{""years"":[2003]}"',
        "pmf,PMF,MILITIA,,,IQ,,",
    ]
    assert gazetag.Gazetteer.read(path) == g


def test_a_spreadsheet_round_trip(tmp_path: Path) -> None:
    """What a spreadsheet does to a written table on saving: semicolons, a byte order mark,
    CRLF line ends, quotes only where needed, headers retyped in another case, an analyst's
    own column and an empty trailing column; then an alias option added by hand."""
    g = sample()
    path = tmp_path / "d.csv"
    g.write(path)
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0] = [c.capitalize() if c in ("id", "name", "label") else c for c in rows[0]]
    rows[0] += ["source", ""]
    for row in rows[1:]:
        row += ["my notes", ""]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    saved = write(tmp_path, "saved.csv", "\ufeff" + out.getvalue())
    back = gazetag.Gazetteer.read(saved)
    assert len(back) == len(g)
    for e in g:
        meta = dict(e.meta)
        meta["source"] = "my notes"
        assert back[e.id].meta == meta
        assert back[e.id].aliases == e.aliases
        assert [back[e.id].case_sensitive(a) for a in e.aliases] == [
            e.case_sensitive(a) for a in e.aliases
        ]


def test_alias_options_by_hand(tmp_path: Path) -> None:
    content = (
        "id,name,label,aliases,alias_options\n"
        'kh,Kata\'ib Hezbollah,MILITIA,KH|Kh,"{""Kh"": {""case_sensitive"": true}, '
        '""Kata\'ib Hezbollah"": {""variants"": ""none""}}"\n'
    )
    g = gazetag.Gazetteer.read(write(tmp_path, "d.csv", content))
    assert g.to_records()[0]["aliases"] == [
        {"text": "Kata'ib Hezbollah", "variants": "none"},
        "KH",
        {"text": "Kh", "case_sensitive": True},
    ]
    bad = content.replace('""Kh"": {', '""KHH"": {')
    with pytest.raises(
        GazetteerError, match='d.csv:2: alias_options names "KHH", which is neither'
    ):
        gazetag.Gazetteer.read(write(tmp_path, "d.csv", bad))


def test_utf16_from_a_spreadsheet_is_read(tmp_path: Path) -> None:
    content = "id\tname\tlabel\nkh\tكتائب حزب الله\tMILITIA\n"
    for encoding in ["utf-16-le", "utf-16-be"]:
        bom = "\ufeff".encode(encoding)
        path = write(tmp_path, "d.txt", bom + content.encode(encoding))
        assert gazetag.Gazetteer.read(path, "tsv")["kh"].name == "كتائب حزب الله"


def test_not_utf8_says_how_to_save_it(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "id,name,label\nx,Caf\u00e9,L\n".encode("cp1252"))
    with pytest.raises(GazetteerError, match=r'd.csv:2: not UTF-8 .*"CSV UTF-8"'):
        gazetag.Gazetteer.read(path)


def test_to_dataframe_flattens_meta_on_request(pd: Any) -> None:
    g = sample()
    g.add("n", "Numbered", "ORG", meta={"country": "SY", "founded": 2014, "name": "x"})
    flat = g.to_dataframe(meta_columns=True)
    assert list(flat.columns) == [
        "id",
        "name",
        "label",
        "aliases",
        "alias_options",
        "variants",
        "partial",
        "country",
        "years",
        "nested",
        "note",
        "founded",
        "meta",
    ]
    assert list(flat["country"]) == ["IQ", None, None, None, "SY"]
    assert list(flat["founded"]) == [None, None, None, None, 2014]  # ints stay ints
    assert flat["meta"][4] == {"name": "x"}  # a key that is a column of ours stays in meta
    assert gazetag.Gazetteer.from_dataframe(flat) == g
    some = g.to_dataframe(meta_columns=["country"])
    assert list(some.columns)[-2:] == ["country", "meta"]
    assert some["meta"][0] == {"years": [2003, None], "nested": {"score": 0.5, "ok": True}}
    assert gazetag.Gazetteer.from_dataframe(some) == g
    assert list(g.to_dataframe(meta_columns=False).columns) == list(g.to_dataframe().columns)


def test_dataframe_columns_of_any_label_and_numpy_flags(pd: Any) -> None:
    import numpy as np

    # A column labelled 0 was looked up as "0": "dataframe row 0: KeyError: '0'".
    df = pd.DataFrame({"id": ["x"], "name": ["X"], "label": ["L"], 0: ["v"], ("a", "b"): ["w"]})
    assert gazetag.Gazetteer.from_dataframe(df)["x"].meta == {"0": "v", "('a', 'b')": "w"}
    g = gazetag.Gazetteer()
    g.add("x", "X", "L", meta={"country": "IQ"})
    flat = g.to_dataframe(meta_columns=np.bool_(True))
    assert list(flat["country"]) == ["IQ"]
    assert list(g.to_dataframe(meta_columns=np.bool_(False)).columns) == list(g.to_dataframe())


def test_meta_a_cell_would_change_stays_in_the_meta_cell(pd: Any) -> None:
    # A cell is read trimmed, and a blank or missing one as no value: these values and keys
    # came back changed (" x " as "x", " k" as "k") or not at all ("", None).
    g = gazetag.Gazetteer()
    odd = {"s": " x ", "e": "", "blank": "  ", "n": None, " k": "v", "k\u00a0": 1}
    g.add("odd", "Odd", "ORG", meta={**odd, "plain": "p", "num": 2})
    g.add("even", "Even", "ORG", meta={"s": "x", "e": "y", "n": 3, "plain": "q"})
    flat = g.to_dataframe(meta_columns=True)
    assert [c for c in flat.columns if c in odd or c in ("plain", "num")] == [
        "s", "e", "blank", "n", "plain", "num"
    ]
    assert flat["meta"][0] == odd
    assert list(flat["s"]) == [None, "x"] and list(flat["n"]) == [None, 3]
    assert gazetag.Gazetteer.from_dataframe(flat) == g
    assert gazetag.Gazetteer.from_dataframe(g.to_dataframe(meta_columns=["s", "n"])) == g
    with pytest.raises(InputError, match="cannot be a column of its own"):
        g.to_dataframe(meta_columns=[" k"])


@pytest.mark.parametrize(
    ("meta_columns", "error", "message"),
    [
        ("country", InputTypeError, "meta_columns must be a bool or a list of meta keys"),
        (5, InputTypeError, "meta_columns must be a bool or a list of meta keys"),
        ([1], InputTypeError, "meta_columns must hold str keys, not int"),
        (["name"], InputError, 'the meta key "name" cannot be a column'),
        (["alias"], InputError, 'the meta key "alias" cannot be a column'),
        (["a", "a"], InputError, 'meta_columns names "a" twice'),
    ],
)
def test_bad_meta_columns(pd: Any, meta_columns: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        sample().to_dataframe(meta_columns=meta_columns)


def test_from_dataframe_reads_other_columns_into_meta(pd: Any) -> None:
    df = pd.DataFrame(
        {
            "ID": ["kh", "pmf"],
            "Name": ["Kata'ib Hezbollah", "PMF"],
            "Label": ["MILITIA", "MILITIA"],
            "wikidata": ["Q1739104", None],
            "founded": pd.array([2003, None], dtype="Int64"),
        }
    )
    g = gazetag.Gazetteer.from_dataframe(df)
    assert g["kh"].meta == {"wikidata": "Q1739104", "founded": 2003}
    assert g["pmf"].meta == {}
