"""Tagger.suggest and `gazetag suggest`: tables of texts and the candidates they must and must
not yield, the dictionary file round trip, notebook views and bad input."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path

import gazetag
import pytest
from gazetag.cli import main
from gazetag.suggest import Suggestions, suggestion_matches


def _gazetteer() -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(
        [
            {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA",
             "aliases": ["كتائب حزب الله", {"text": "KH", "ambiguous": True}]},
            {"id": "kadhimi", "name": "Mustafa al-Kadhimi", "label": "PERSON",
             "aliases": ["Kadhimi"]},
            {"id": "fayyadh", "name": "Falih al-Fayyadh", "label": "PERSON"},
            {"id": "sad", "name": "Saraya Awliya al-Dam", "label": "MILITIA"},
            {"id": "khattabi", "name": "Nassif Jassim al-Khattabi", "label": "PERSON",
             "partial": "licensed"},
        ]
    )  # fmt: skip


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    return gazetag.Tagger(_gazetteer())


def _found(tagger: gazetag.Tagger, text: str, **options: object) -> dict[str, tuple[str, str]]:
    return {s.text: (s.label, s.cue) for s in tagger.suggest([text], min_count=1, **options)}


# (text, candidate, label, cue): the candidate must be suggested, with that label and cue.
MUST = [
    # titles and role words
    ("Gen. Karim Zubaidawi spoke to reporters.", "Karim Zubaidawi", "PERSON", "Gen."),
    ("Troops led by Maj. Gen. Salim Jabouri arrived.", "Salim Jabouri", "PERSON", "Maj. Gen."),
    ("Sheikh Ammar Bilasi met tribal elders.", "Ammar Bilasi", "PERSON", "Sheikh"),
    ("The group's spokesman Yahya Dulaimawi denied it.", "Yahya Dulaimawi", "PERSON",
     "spokesman"),
    ("It was the brigade commander, Hamid Sarraji, who spoke.", "Hamid Sarraji", "PERSON",
     "commander"),
    ("Iraqi Prime Minister Haidar Zubeidi flew home.", "Haidar Zubeidi", "PERSON",
     "Prime Minister"),
    # kunyas and particles
    ("Witnesses saw Abu Warith al-Kinani at the checkpoint.", "Abu Warith al-Kinani", "PERSON",
     "Abu"),
    ("Documents name Hassan bin Rashid Qurayshi as the financier.",
     "Hassan bin Rashid Qurayshi", "PERSON", "bin"),
    ("Rockets fell after Dilshad Tulaybawi said the talks had failed.", "Dilshad Tulaybawi",
     "PERSON", "said"),
    # head words
    ("Rockets hit Camp Qasimiyah overnight.", "Camp Qasimiyah", "BASE", "Camp"),
    ("Fighters of Liwa al-Qasimiyya took the ridge.", "Liwa al-Qasimiyya", "MILITIA", "Liwa"),
    ("The Ministry of Electricity blamed sabotage.", "Ministry of Electricity", "INSTITUTION",
     "Ministry"),
    ("A new faction, Kata'ib Thar al-Shuhada, claimed it.", "Kata'ib Thar al-Shuhada",
     "MILITIA", "Kata'ib"),
    # acronym definitions give the name (the acronym is checked below)
    ("Harakat Ansar Allah al-Awfiya (HAAA) claimed the attack.",
     "Harakat Ansar Allah al-Awfiya", "MILITIA", "Harakat"),
    # a given name of the core's list
    ("Villagers blamed Sabah Nouraddin for the fire.", "Sabah Nouraddin", "PERSON", "given name"),
    # a head word after the name, in lower case
    ("Drones circled over Qasr Shirin air base.", "Qasr Shirin", "BASE", "base"),
    # an apposition with a role word
    ("Zirak Hamdani, the group's deputy commander, fled.", "Zirak Hamdani", "PERSON", "deputy"),
    # a name with a head word keeps the English word that opens it and the sentence
    ("Patriotic Union of Zagros officials met.", "Patriotic Union of Zagros", "INSTITUTION",
     "Union"),
    # a sentence with many names and a capitalized day is no headline
    ("Gen. Karim Zubaidawi inspected Camp Qasimiyah on Monday.", "Camp Qasimiyah", "BASE",
     "Camp"),
    # no cue: a name with an empty label
    ("Villagers blamed Zirak Nouraddin for the fire.", "Zirak Nouraddin", "", ""),
    # Arabic script after titles and head words
    ("قال العميد يحيى الزبيداوي إن الهجوم فشل.", "يحيى الزبيداوي", "PERSON", "العميد"),
    ("وأكد اللواء الركن قاسم المحمداوي وصول التعزيزات.", "قاسم المحمداوي", "PERSON",
     "اللواء الركن"),
    ("وقال المتحدث باسم كتائب حزب الله جعفر الحسيناوي إن الفصيل لم يشارك.",
     "جعفر الحسيناوي", "PERSON", "المتحدث باسم"),
    ("استقبل الشيخ عمار البلاسي وفدا عشائريا.", "عمار البلاسي", "PERSON", "الشيخ"),
    ("تبنت سرايا ثأر المهندس الهجوم.", "سرايا ثأر المهندس", "MILITIA", "سرايا"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "candidate", "label", "cue"), MUST)
def test_must_yield(
    tagger: gazetag.Tagger, text: str, candidate: str, label: str, cue: str
) -> None:
    found = _found(tagger, text)
    assert candidate in found, found
    assert found[candidate] == (label, cue)


# (text, span): the span must not be suggested, alone or as part of a candidate.
MUST_NOT = [
    # sentence-initial capitals that are no names
    ("Witnesses said the convoy was hit.", "Witnesses"),
    ("Yesterday officials met in a hotel.", "Yesterday"),
    ("Security forces sealed the road.", "Security"),
    ("Police said two men were held.", "Police"),
    # headline case, and capitals
    ("Rockets Hit Base Near Airport In Overnight Attack\nNobody was hurt.", "Rockets"),
    ("Rockets Hit Base Near Airport In Overnight Attack\nNobody was hurt.", "Base"),
    ("MILITIA VOWS RESPONSE AFTER STRIKE ON CONVOY\nThe strike killed two.", "MILITIA"),
    # common words, days, news agencies, titles without a name
    ("On Monday, Reuters reported the strike.", "Monday"),
    ("On Monday, Reuters reported the strike.", "Reuters"),
    ("The Prime Minister said nothing.", "Prime Minister"),
    ("The Air Base was quiet.", "Air Base"),
    # countries, demonyms and places of the core's table
    ("Fighting in Basra and Mosul continued.", "Basra"),
    ("Iranian and Turkish envoys met.", "Iranian"),
    # what the gazetteer already matches, whole or inside a run
    ("Kata'ib Hezbollah fired rockets.", "Kata'ib Hezbollah"),
    ("Prime Minister Mustafa al-Kadhimi left.", "Mustafa al-Kadhimi"),
    ("أعلنت كتائب حزب الله مسؤوليتها.", "كتائب حزب الله"),
    # a headline without function words, and an adjective glued to a name
    ("Militia Leader Vows Revenge Over Strike\nThe group said nothing.", "Militia"),
    ("Iran-aligned groups denied it.", "Iran-aligned"),
    # a name and the body it belongs to are two names
    ("Zirak Hamdani of the Sindi Front spoke.", "Zirak Hamdani of the Sindi Front"),
    # a run of capitals too long to be one name (a list)
    (" ".join(f"Zarkan{i} Bolani{i}" for i in range(12)) + " met.", "Zarkan0"),
    # a lone acronym that no text defines
    ("The ZQX statement was short.", "ZQX"),
    # Arabic: a title followed by common words only
    ("وقال العميد إن القوات في المنطقة.", "إن"),
]


@pytest.mark.parametrize(("text", "span"), MUST_NOT)
def test_must_not_yield(tagger: gazetag.Tagger, text: str, span: str) -> None:
    found = _found(tagger, text)
    assert not any(span in candidate.split() or span == candidate for candidate in found), found


def test_places_the_user_lists_are_left_out(tagger: gazetag.Tagger) -> None:
    text = "Clashes near Tel Skuf went on."
    assert "Tel Skuf" in _found(tagger, text)
    assert _found(tagger, text, places=["tel skuf"]) == {}


def test_acronym_definition_gives_name_and_acronym(tagger: gazetag.Tagger) -> None:
    (s,) = tagger.suggest(["Harakat Ansar Allah al-Awfiya (HAAA) claimed the attack."], 1)
    assert (s.text, s.acronym, s.kind) == ("Harakat Ansar Allah al-Awfiya", "HAAA", "name")
    record = Suggestions([s]).to_records()[0]
    assert record["name"] == "Harakat Ansar Allah al-Awfiya" and record["aliases"] == ["HAAA"]


def test_acronym_of_a_known_long_form_is_its_spelling(tagger: gazetag.Tagger) -> None:
    (s,) = tagger.suggest(["Saraya Awliya al-Dam (SAD) claimed the strike."], 1)
    assert (s.text, s.kind, s.entity_id, s.cue) == ("SAD", "spelling", "sad", "acronym defined")


def test_wider_layer_spelling_names_entity_and_rule(tagger: gazetag.Tagger) -> None:
    found = tagger.suggest(["Prime Minister Mustafa al-Kazimi visited Basra."], 1)
    spellings = [s for s in found if s.kind == "spelling"]
    assert spellings, found
    assert spellings[0].entity_id == "kadhimi"
    assert spellings[0].label == "PERSON" and spellings[0].name == "Mustafa al-Kadhimi"
    assert "consonant" in spellings[0].cue or spellings[0].cue.startswith("edit")


def test_near_miss_names_the_edit(tagger: gazetag.Tagger) -> None:
    found = tagger.suggest(["Yesterday Falih al-Fayyadt met tribal leaders."], 1)
    (s,) = [s for s in found if s.text == "Falih al-Fayyadt"]
    assert (s.kind, s.entity_id, s.cue) == ("spelling", "fayyadh", "edit 1: Falih al-Fayyadh")


def test_licensed_partial_without_licence_is_a_spelling(tagger: gazetag.Tagger) -> None:
    text = "Khattabi said the brigade held the bridge."
    assert tagger.tag(text) == []
    (s,) = tagger.suggest([text], 1)
    assert (s.text, s.kind, s.entity_id) == ("Khattabi", "spelling", "khattabi")
    assert s.cue.startswith("rejected: licence (") and "partial" in s.cue


def test_ranked_by_count_with_contexts(tagger: gazetag.Tagger) -> None:
    texts = [
        "Gen. Karim Zubaidawi spoke. Zirak Nouraddin listened.",
        "Karim Zubaidawi left early.",
        "Later Karim Zubaidawi returned.",
    ]
    found = tagger.suggest(texts, min_count=1, contexts=2)
    assert [(s.text, s.count) for s in found] == [("Karim Zubaidawi", 3), ("Zirak Nouraddin", 1)]
    assert found[0].label == "PERSON" and found[0].cue == "Gen."
    assert [(c.doc, c.start, c.end) for c in found[0].contexts] == [(0, 5, 20), (1, 0, 15)]
    assert "Zubaidawi left" in found[0].contexts[1].snippet
    assert [s.text for s in tagger.suggest(texts)] == ["Karim Zubaidawi"]  # min_count=2


def test_dictionary_file_round_trip(tagger: gazetag.Tagger, tmp_path: Path) -> None:
    texts = [
        "Gen. Karim Zubaidawi spoke about Camp Qasimiyah.",
        "Karim Zubaidawi left Camp Qasimiyah.",
        "Falih al-Fayyadt and Falih al-Fayyadt again.",
    ]
    found = tagger.suggest(texts)
    assert {s.text for s in found} == {"Karim Zubaidawi", "Camp Qasimiyah", "Falih al-Fayyadt"}
    for suffix in ("csv", "jsonl"):
        path = tmp_path / f"suggested.{suffix}"
        found.write(path)
        loaded = gazetag.Gazetteer.read(path)
        assert loaded["karim-zubaidawi"].label == "PERSON"
        meta = loaded["karim-zubaidawi"].meta["suggested"]
        assert meta["count"] == 2 and meta["cue"] == "Gen." and len(meta["contexts"]) == 2
        assert loaded["camp-qasimiyah"].label == "BASE"
        assert loaded["fayyadh"].aliases == ("Falih al-Fayyadh", "Falih al-Fayyadt")
        merged = _gazetteer()
        merged.update(loaded)
        assert "Falih al-Fayyadt" in merged["fayyadh"].aliases
        assert merged["fayyadh"].name == "Falih al-Fayyadh"
        grown = gazetag.Tagger(merged)
        assert [m.entity_id for m in grown.tag("Falih al-Fayyadt spoke.")] == ["fayyadh"]
        assert [m.entity_id for m in grown.tag("Karim Zubaidawi spoke.")] == ["karim-zubaidawi"]


def test_new_ids_do_not_take_existing_ones() -> None:
    g = _gazetteer()
    g.add("karim-zubaidawi", "Ahmed Nouri Hamdani", "PERSON")
    records = gazetag.Tagger(g).suggest(["Gen. Karim Zubaidawi."], 1).to_records()
    assert [r["id"] for r in records] == ["karim-zubaidawi-2"]


def test_unlabelled_name_gets_a_placeholder_label_in_the_file(tagger: gazetag.Tagger) -> None:
    (s,) = tagger.suggest(["Villagers blamed Zirak Nouraddin."], 1)
    assert s.label == ""
    assert s.to_dict()["label"] == ""
    assert Suggestions([s]).to_records()[0]["label"] == "UNKNOWN"


def test_to_dataframe(tagger: gazetag.Tagger) -> None:
    pytest.importorskip("pandas")
    df = tagger.suggest(["Gen. Karim Zubaidawi spoke."], 1).to_dataframe()
    assert list(df.columns) == [
        "text", "kind", "count", "label", "cue", "entity_id", "name", "acronym", "contexts",
    ]  # fmt: skip
    assert df.iloc[0]["text"] == "Karim Zubaidawi" and df.iloc[0]["count"] == 1


def test_annotate_shows_suggestions_outlined(tagger: gazetag.Tagger) -> None:
    text = "Gen. Karim Zubaidawi met Kata'ib Hezbollah envoys."
    plain = tagger.annotate(text)
    assert [m.text for m in plain.matches] == ["Kata'ib Hezbollah"]
    ann = tagger.annotate(text, suggestions=True)
    assert [(m.text, m.rule) for m in ann.matches] == [
        ("Kata'ib Hezbollah", "exact"),
        ("Karim Zubaidawi", "suggested"),
    ]
    html = ann.to_html()
    marks = {
        m.group(1): m.group(0) for m in re.finditer(r'<mark[^>]*data-start="(\d+)"[^>]*>', html)
    }
    assert "dashed" in marks["5"] and "dashed" not in marks["25"]
    (m,) = suggestion_matches(tagger, "Villagers blamed Zirak Nouraddin.")
    assert (m.label, m.entity_id) == ("UNKNOWN", "")


def test_default_tagger_example() -> None:
    found = gazetag.Tagger.default().suggest(["Gen. Karim Zubaidawi spoke."], min_count=1)
    assert [(s.text, s.label, s.cue) for s in found] == [("Karim Zubaidawi", "PERSON", "Gen.")]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("one text",), {}, gazetag.InputTypeError, "wrap one text in a list"),
        ((None,), {}, gazetag.InputTypeError, "iterable of str"),
        (([1],), {}, gazetag.InputTypeError, "texts[0] must be a str"),
        ((["x"], 0), {}, gazetag.InputError, "min_count must be at least 1"),
        ((["x"], "2"), {}, gazetag.InputTypeError, "min_count must be an int"),
        ((["x"],), {"contexts": -1}, gazetag.InputError, "contexts must be at least 0"),
        ((["x"],), {"places": "Basra"}, gazetag.InputTypeError, "places must be an iterable"),
        ((["x"],), {"places": [3]}, gazetag.InputTypeError, "places must hold str"),
        ((["ok", "bad \ud800"],), {}, gazetag.InputError, "texts[1] contains a lone surrogate"),
        ((b"KH",), {}, gazetag.InputTypeError, "texts must be an iterable of str, not bytes"),
        ((["x"],), {"places": b"Basra"}, gazetag.InputTypeError, "places must be an iterable"),
        ((["x"],), {"nonsense": 1}, TypeError, "nonsense"),
    ],
)
def test_bad_input(
    tagger: gazetag.Tagger, args: tuple, kwargs: dict, error: type, message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        tagger.suggest(*args, **kwargs)


def test_a_dataframe_is_refused_not_read_as_its_column_names(tagger: gazetag.Tagger) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": ["Gen. Karim Zubaidawi spoke."] * 2})
    with pytest.raises(gazetag.InputTypeError, match="texts is a pandas DataFrame"):
        tagger.suggest(df, min_count=1)
    assert [s.text for s in tagger.suggest(df["text"], min_count=1)] == ["Karim Zubaidawi"]


# -- command line ----------------------------------------------------------------------------


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _dictionary(tmp_path: Path) -> list[str]:
    """``--gazetteer`` with the small test dictionary: quicker to compile than the default."""
    path = tmp_path / "small.jsonl"
    _gazetteer().write(path)
    return ["--gazetteer", str(path)]


def test_cli_table_and_dictionary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "a.txt", "Gen. Karim Zubaidawi spoke. Karim Zubaidawi left.\n")
    small = _dictionary(tmp_path)
    assert main(["suggest", a, *small]) == 0
    out = capsys.readouterr().out
    assert "Karim Zubaidawi" in out and "PERSON" in out and "Gen." in out
    assert out.rstrip().endswith("1 candidate")
    assert main(["suggest", a, "--format", "jsonl", *small]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["id"], record["label"]) == ("karim-zubaidawi", "PERSON")
    target = tmp_path / "out.csv"
    assert main(["suggest", a, "-f", "csv", "-o", str(target), *small]) == 0
    assert gazetag.Gazetteer.read(target)["karim-zubaidawi"].meta["suggested"]["count"] == 2


def test_cli_column_and_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _write(
        tmp_path / "news.csv",
        'id,text\n1,"Clashes near Tel Skuf, said Col. Amer Hamdawi."\n2,Tel Skuf was calm.\n',
    )
    small = _dictionary(tmp_path)
    assert main(["suggest", table, "--column", "text", "--min-count", "1", *small]) == 0
    out = capsys.readouterr().out
    assert "Tel Skuf" in out and "Amer Hamdawi" in out and f"{table}:2@" in out
    assert main(["suggest", table, "--column", "text", "--place", "Tel Skuf", *small]) == 0
    assert "Tel Skuf" not in capsys.readouterr().out
    jsonl = _write(tmp_path / "news.jsonl", json.dumps({"body": "Gen. Amer Hamdawi spoke."}))
    assert main(["suggest", jsonl, "--column", "body", "--min-count", "1", *small]) == 0
    assert "Amer Hamdawi" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("news.csv", "id,body\n1,x\n", ["--column", "text"], "no column 'text'"),
        ("news.txt", "x", ["--column", "text"], "--column reads .csv, .tsv or .jsonl"),
        ("news.jsonl", "{not json\n", ["--column", "text"], "news.jsonl:1: not JSON"),
        ("news.jsonl", '{"text": 3}\n', ["--column", "text"], "'text' is not a string"),
        # json keeps the last of a key named twice: the first text would go unread.
        (
            "news.jsonl",
            '{"text": "a", "text": "b"}\n',
            ["--column", "text"],
            "news.jsonl:1: names the key 'text' twice",
        ),
        ("news.csv", "text,text\na,b\n", ["--column", "text"], "column 'text' appears twice"),
        ("news.txt", "x", ["--min-count", "0"], "min_count must be at least 1"),
    ],
)
def test_cli_bad_input(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    args: list[str],
    message: str,
) -> None:
    path = _write(tmp_path / name, content)
    assert main(["suggest", path, *args, *_dictionary(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gazetag: error: ") and message in err


def test_module_docstring_examples_run() -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(gazetag.suggest, globs={}):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 10


def test_cli_with_default_leaves_out_the_embedded_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _write(tmp_path / "a.txt", "Nouri al-Maliki met Gen. Karim Zubaidawi.\n")
    small = _dictionary(tmp_path)
    assert main(["suggest", a, "--min-count", "1", *small]) == 0
    assert "Nouri al-Maliki" in capsys.readouterr().out
    assert main(["suggest", a, "--min-count", "1", "--with-default", *small]) == 0
    out = capsys.readouterr().out
    assert "Nouri al-Maliki" not in out and "Karim Zubaidawi" in out
