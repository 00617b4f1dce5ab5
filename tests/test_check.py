"""Gazetteer.check: shared aliases, collisions through variants, English words, short aliases
and counts per label, on small hand-made gazetteers."""

from __future__ import annotations

import json
from typing import Any, Literal

import gazetag
import pytest

Layer = Literal["none", "default", "aggressive"]


def gazetteer(*records: dict[str, Any]) -> gazetag.Gazetteer:
    return gazetag.Gazetteer.from_records(records)


def entity(id: str, name: str, label: str = "L", *aliases: Any) -> dict[str, Any]:
    return {"id": id, "name": name, "label": label, "aliases": list(aliases)}


def groups(found: tuple[tuple[gazetag.AliasRef, ...], ...]) -> list[list[tuple[str, str]]]:
    return [[(a.id, a.alias) for a in g] for g in found]


def notes(found: tuple[gazetag.AliasNote, ...]) -> list[tuple[str, str]]:
    return [(n.id, n.alias) for n in found]


@pytest.mark.parametrize(
    ("records", "shared"),
    [
        (
            [
                entity("kh", "Kata'ib Hezbollah", "MILITIA", "KH"),
                entity("p", "Kamal Haddad", "PERSON", "KH"),
            ],
            [[("kh", "KH"), ("p", "KH")]],
        ),
        (  # folding: case, accents and apostrophes do not tell aliases apart
            [
                entity("a", "Sadr City", "PLACE", "Sadr"),
                entity("b", "Muqtada al-Sadr", "PERSON", "sadr"),
                entity("c", "Ṣadr", "OTHER"),
            ],
            [[("a", "Sadr"), ("b", "sadr"), ("c", "Ṣadr")]],
        ),
        (
            [entity("a", "Qa'im", "PLACE"), entity("b", "Qaim Border Crossing", "BASE", "Qa’im")],
            [[("a", "Qa'im"), ("b", "Qa’im")]],
        ),
        ([entity("a", "Sadr City", "PLACE"), entity("b", "Muqtada al-Sadr", "PERSON")], []),
        ([entity("a", "Sadr City", "PLACE", "Sadr", "SADR")], []),  # one entity shares with no one
    ],
)
def test_shared_aliases(records: list[dict[str, Any]], shared: list[list[tuple[str, str]]]) -> None:
    report = gazetteer(*records).check(variants="none")
    assert groups(report.shared) == shared
    for group in report.shared:
        assert len({a.key for a in group}) == 1 and {a.rule for a in group} == {"exact"}


@pytest.mark.parametrize(
    ("records", "collision"),
    [
        (
            [entity("q1", "Qayyarah Airfield", "BASE"), entity("q2", "Qayara Airfield", "BASE")],
            [("q1", "Qayyarah Airfield"), ("q2", "Qayara Airfield")],
        ),
        (
            [entity("s1", "Qasem Soleimani", "PERSON"), entity("s2", "Qassem Suleimani", "PERSON")],
            [("s1", "Qasem Soleimani"), ("s2", "Qassem Suleimani")],
        ),
        (
            [
                entity("k", "Mustafa al-Kadhimi", "PERSON"),
                entity("k2", "Mustafa Kadhimi", "PERSON"),
            ],
            [("k", "Mustafa al-Kadhimi"), ("k2", "Mustafa Kadhimi")],
        ),
    ],
)
def test_collisions_through_variants(
    records: list[dict[str, Any]], collision: list[tuple[str, str]]
) -> None:
    g = gazetteer(*records)
    report = g.check()
    assert report.variants == "default"
    assert report.shared == ()
    assert any(set(collision) <= set(group) for group in groups(report.collisions)), report
    # Without variants the two spellings never meet.
    assert g.check(variants="none").collisions == ()


def test_collision_members_name_their_keys() -> None:
    report = gazetteer(
        entity("q1", "Qayyarah Airfield", "BASE"), entity("q2", "Qayara Airfield", "BASE")
    ).check()
    (group,) = report.collisions
    assert [(a.id, a.alias, a.key) for a in group] == [
        ("q1", "Qayyarah Airfield", "qayyarah airfield"),
        ("q2", "Qayara Airfield", "qayara airfield"),
    ]
    assert all(isinstance(a, gazetag.AliasRef) and a.rule for a in group)


@pytest.mark.parametrize(
    ("alias", "kind"),
    [
        ("Hit", "capitalized"),
        ("Awakening", "capitalized"),
        ({"text": "Ballad", "case_sensitive": False}, "lower-case"),
        ("Sons of the Desert", "words"),
        ("Men of the Army of the Naqshbandi Order", None),  # one word is not English
        ("Kadhimi", None),
        ("Hit City", "words"),  # two English words, though a place's name
        ({"text": "Hit", "case_sensitive": True}, None),  # case-sensitive: only exact case
        ("HIT", None),  # all capitals: an acronym, case-sensitive
    ],
)
def test_english_word_aliases(alias: Any, kind: str | None) -> None:
    report = gazetteer(entity("x", "Zzyzx Qwerty", "L", alias)).check()
    text = alias["text"] if isinstance(alias, dict) else alias
    found = [n for n in report.english if n.alias == text]
    if kind is None:
        assert found == [], found
        return
    (note,) = found
    assert note.id == "x"
    assert {
        "capitalized": "an English word: it matches only when capitalized",
        "lower-case": "an English word, and case_sensitive is false: it matches lower-case text",
        "words": "only English words: it matches in lower-case text",
    }[kind] == note.reason


@pytest.mark.parametrize(
    ("alias", "reason"),
    [
        ("KH", "2 letters: matches only in capitals, but also in all-caps text"),
        ("K", "1 letters: matches only in capitals, but also in all-caps text"),
        ({"text": "Ab", "case_sensitive": True}, "2 letters: matches only in capitals"),
        ("Abc", "3 letters and matches in any case"),
        ({"text": "PMF", "case_sensitive": False}, "3 letters and matches in any case"),
        ("K-1", "2 letters: matches only in capitals"),  # letters and digits count
        ("PMF", None),
        ("Abcd", None),
        ("Zyx Wvu", None),
    ],
)
def test_short_aliases(alias: Any, reason: str | None) -> None:
    report = gazetteer(entity("x", "Zzyzx Qwerty", "L", alias)).check()
    text = alias["text"] if isinstance(alias, dict) else alias
    found = [n for n in report.short if n.alias == text]
    if reason is None:
        assert found == [], found
    else:
        (note,) = found
        assert note.id == "x" and note.reason.startswith(reason), note.reason


def test_counts_per_label() -> None:
    g = gazetteer(
        entity("kh", "Kata'ib Hezbollah", "MILITIA", "KH", "Hezbollah Brigades"),
        entity("pmf", "Popular Mobilization Forces", "MILITIA", "PMF"),
        entity("k1", "K1 Air Base", "BASE"),
        entity("sadr", "Muqtada al-Sadr", "PERSON", "Moqtada al-Sadr"),
    )
    for layer in ("none", "default", "aggressive"):
        report = g.check(variants=layer)
        assert list(report.labels) == ["BASE", "MILITIA", "PERSON"]
        assert {k: (c.entities, c.aliases) for k, c in report.labels.items()} == {
            "BASE": (1, 1),
            "MILITIA": (2, 5),
            "PERSON": (1, 2),
        }
        assert all(isinstance(c, gazetag.LabelCount) for c in report.labels.values())
    none, default, aggressive = (
        g.check(variants=v).labels for v in ("none", "default", "aggressive")
    )
    assert {k: c.keys for k, c in none.items()} == {"BASE": 1, "MILITIA": 5, "PERSON": 2}
    for label in none:
        assert none[label].keys <= default[label].keys <= aggressive[label].keys
    assert default["PERSON"].keys > none["PERSON"].keys  # partial names and articles
    assert gazetag.Gazetteer().check().labels == {}


def sample() -> gazetag.Gazetteer:
    return gazetteer(
        entity("kh", "Kata'ib Hezbollah", "MILITIA", "KH"),
        entity("kh-person", "Kamal Haddad", "PERSON", "KH"),
        entity("q1", "Qayyarah Airfield", "BASE"),
        entity("q2", "Qayara Airfield", "BASE", "Hit"),
        entity("sons", "Sons of the Desert", "INSTITUTION", "Abc"),
    )


def test_str_has_every_section() -> None:
    text = str(sample().check())
    for line in [
        "label            entities  aliases     keys",
        "BASE                    2        3",
        "total                   5        9",
        "(keys: automaton keys at variants='default')",
        "bad lines: 0",
        "aliases shared by several entities (matches are ambiguous): 1",
        "  kh: 'KH', kh-person: 'KH'",
        "aliases that collide after folding and variants: 1",
        "  q1: 'Qayyarah Airfield', q2: 'Qayara Airfield'",
        "English words: 2",
        "  q2: 'Hit': an English word: it matches only when capitalized",
        "  sons: 'Sons of the Desert': only English words: it matches in lower-case text",
        "short aliases: 3",
        "  sons: 'Abc': 3 letters and matches in any case",
        "acronyms to mark ambiguous: 2",
    ]:
        assert line in text, f"{line!r} not in\n{text}"
    empty = str(gazetag.Gazetteer().check())
    assert "total                   0        0        0" in empty
    assert "aliases shared by several entities (matches are ambiguous): 0" in empty


def test_to_dict_is_json_serialisable() -> None:
    report = sample().check()
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {
        "variants",
        "labels",
        "shared",
        "collisions",
        "english",
        "short",
        "ambiguous",
        "problems",
    }
    assert data["labels"]["BASE"]["entities"] == 2
    assert data["shared"] == [
        [
            {"id": "kh", "alias": "KH", "key": "kh", "rule": "exact"},
            {"id": "kh-person", "alias": "KH", "key": "kh", "rule": "exact"},
        ]
    ]
    assert report.warnings == 1 + 1 + 2 + 3 + 2 and report.ok


def test_the_variant_layer_changes_what_collides() -> None:
    g = sample()
    none, default = g.check(variants="none"), g.check()
    assert (none.variants, default.variants) == ("none", "default")
    assert none.collisions == () and len(default.collisions) == 1
    # Shared aliases, English words and short aliases do not depend on the layer.
    assert none.shared == default.shared
    assert none.english == default.english and none.short == default.short
    assert none.warnings == default.warnings - 1
    assert g.check(variants=None) == default
    assert str(none) != str(default) and "variants='none'" in str(none)


@pytest.mark.parametrize(
    ("variants", "error", "message"),
    [
        ("wild", gazetag.InputError, 'variants must be "none", "default" or "aggressive"'),
        (5, gazetag.InputTypeError, "variants must be a str, not int"),
    ],
)
def test_bad_variants(variants: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        sample().check(variants=variants)


def test_check_changes_nothing() -> None:
    g = sample()
    g.check(variants="aggressive")
    assert g == sample()


def test_english_notes_say_what_the_tagger_does() -> None:
    g = gazetteer(
        entity("hit", "Hit", "PLACE"),
        entity("sons", "Sons of the Desert", "ORG", "Awakening"),
        entity("x", "Zzyzx Qwerty", "L", {"text": "Ballad", "case_sensitive": False}),
    )
    report = g.check()
    assert len(report.english) == 4
    tagger = gazetag.Tagger(g)
    for note in report.english:
        lower, title = note.alias.lower(), note.alias.title().replace(" Of The ", " of the ")
        assert [m.text for m in tagger.tag(f"We saw {title} there.")] == [title], note
        lower_found = [m.text for m in tagger.tag(f"we saw {lower} there.")]
        assert lower_found == ([lower] if "lower-case" in note.reason else []), note


@pytest.mark.parametrize(
    ("alias", "reason"),
    [
        ("KH", "an acronym of 2 characters"),
        ("K1", "an acronym of 2 characters"),
        ("PMF", "an acronym of 3 characters"),
        ("JAM", 'the English word "jam"'),
        ("ARMY", 'the English word "army"'),
        ("ISIL", None),  # four letters, no word: rare enough
        ("Hit", None),  # not written as an acronym: an English-word finding instead
        ({"text": "KH", "ambiguous": True}, None),  # already marked
        ("كح", None),
    ],
)
def test_acronyms_to_mark_ambiguous(alias: Any, reason: str | None) -> None:
    g = gazetag.Gazetteer.from_records(
        [{"id": "x", "name": "Some Long Name", "label": "MILITIA", "aliases": [alias]}]
    )
    notes = g.check().ambiguous
    if reason is None:
        assert notes == ()
    else:
        (note,) = notes
        assert reason in note.reason and '"ambiguous": true' in note.reason
        assert note.id == "x"


# --- labels (issue 14.10) ----------------------------------------------------------------------


def test_labels_that_differ_only_in_case_are_refused() -> None:
    g = gazetag.Gazetteer()
    g.add("asad", "Ain al-Asad", "BASE")
    g.add("taji", "Camp Taji", "BASE")
    g.add("k1", "K1 Air Base", "base")
    with pytest.raises(
        gazetag.GazetteerError,
        match=r'^labels "BASE" \(entity "asad"\) and "base" \(entity "k1"\) differ only in case; '
        r"labels are compared exactly, so write each label one way$",
    ):
        gazetag.Tagger(g)
    combined = gazetag.Gazetteer.default()
    own = gazetag.Gazetteer()
    own.add("my-base", "My Base", "Base")
    combined.update(own)
    with pytest.raises(gazetag.GazetteerError, match=r'and "Base" \(entity "my-base"\)'):
        gazetag.Tagger(combined)


# --- notebook reports (issue 14.9) -------------------------------------------------------------


def own_on_embedded() -> gazetag.Gazetteer:
    combined = gazetag.Gazetteer.default()
    own = gazetag.Gazetteer()
    own.add("hit-town", "Hit", "PLACE")
    own.add("kh-person", "Kamal Haddad", "PERSON", aliases=["KH"])
    own.add("quiet-town", "Zzyzx Springs", "PLACE")
    combined.update(own)
    return combined


def test_check_only_own_reports_the_users_entities() -> None:
    combined = own_on_embedded()
    full = combined.check()
    own = combined.check(only="own")
    assert full.warnings > 50
    assert [(n.id, n.alias) for n in own.english] == [("hit-town", "Hit")]
    # The clash of the user's KH with the embedded Kata'ib Hezbollah is kept, with both sides.
    assert [sorted(a.id for a in g) for g in own.shared] == [["kataib-hezbollah", "kh-person"]]
    assert own.warnings < 10
    assert all(
        any(a.id in {"hit-town", "kh-person", "quiet-town"} for a in g)
        for g in (*own.shared, *own.collisions)
    )
    assert own.labels == full.labels
    assert combined.check(only=["hit-town"]).to_dict() == full.only(["hit-town"]).to_dict()


@pytest.mark.parametrize(
    ("only", "error", "message"),
    [
        ("mine", gazetag.InputError, r'only must be a list of entity ids or "own", not \'mine\''),
        (3, gazetag.InputTypeError, 'only must be a list of entity ids or "own", not int'),
        ([3], gazetag.InputTypeError, r"only must hold entity ids \(str\), not int"),
    ],
)
def test_check_only_takes_ids_or_own(only: Any, error: type, message: str) -> None:
    g = gazetag.Gazetteer()
    g.add("hit", "Hit", "PLACE")
    with pytest.raises(error, match=message):
        g.check(only=only)


def test_report_shows_as_html_tables() -> None:
    g = gazetag.Gazetteer()
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    g.add("kh-person", "Kamal Haddad", "PERSON", aliases=["KH"])
    g.add("hit", "Hit", "PLACE")
    page = g.check()._repr_html_()
    assert page.startswith('<div class="gazetag-check">') and page.endswith("</div>")
    assert "<tr><td>MILITIA</td><td>1</td><td>2</td>" in page
    assert "<h4>aliases shared by several entities (matches are ambiguous): 1</h4>" in page
    assert "<td>kh, kh-person</td><td>&#x27;KH&#x27;, &#x27;KH&#x27;</td>" in page
    assert "<td>hit</td><td>&#x27;Hit&#x27;</td><td>an English word" in page
    assert "bad lines" not in page  # no file read: no section


def test_html_report_is_cut_at_fifty_rows_per_section() -> None:
    page = gazetag.Gazetteer.default().check()._repr_html_()
    report = gazetag.Gazetteer.default().check()
    longest = max(len(report.english), len(report.short), len(report.collisions))
    assert longest > 50
    assert f"... and {longest - 50} more (print(report) lists all)" in page
