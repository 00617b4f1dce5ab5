"""Fuzzing folding, tagging and loading for blowups (issue 15): hypothesis builds inputs out of
long runs of what the fixes were about (combining marks on one letter, separator and joiner
runs, ideographs, many matches on one line, stray quotes, long aliases) and each call must stay
within a time bound proportional to its input size.

The bound is generous - BASE_SECONDS plus SECONDS_PER_CHAR for each character, some hundred
times what a linear pass takes even on a loaded machine - so that it catches a quadratic
blowup (a 20,000-character run costs hundreds of millions of steps then), never a slow
machine. Each test runs EXAMPLES examples; the hypothesis profile (GAZETAG_HYPOTHESIS_PROFILE)
decides whether they are drawn anew ("ci" runs a fixed set), so the budget stays fixed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TypeVar

import gazetag
import pytest
from gazetag import FormatError, GazetagError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

T = TypeVar("T")

BASE_SECONDS = 2.0  # room for a loaded machine's pauses
SECONDS_PER_CHAR = 50e-6  # 50 µs a character: a linear pass takes well under 1 µs
# Runs long enough that a quadratic cost shows past the bound: the marks of issue 15.2 took
# 2.2 s at 40,000 and would take about 14 s at 100,000, against a bound of 7 s.
MAX_RUN = 100_000
# Examples per test, whatever the profile (which still decides whether they are drawn anew):
# each one tags up to a few hundred thousand characters four times.
EXAMPLES = 40

# Pieces repeated into long runs: each one a dimension a fix made linear.
RUN_UNITS = [
    "\u0301",  # a combining mark on the letter before (15.2)
    "\u0301\u030c",  # marks that make a digraph
    " ",
    " -\u00a0\u2013_",  # separators
    "'\u200d\u0640\u00ad",  # joiners
    "北",  # ideographs (15.8)
    "トヨ",  # Katakana
    "ไท",  # Thai
    "\u0345",  # iota subscripts
    "Kadhimi ",  # matches on one line
    "\n",
]
# Open (issue 15): acronyms among capitals on a line without sentence ends (`KH, KH, ...`)
# each read the cue words of a window of up to 2,000 bytes on either side: about 10 ms a match.
SLOW_UNITS = ["KH, "]
AROUND = ["", "s", "e", "Kadhimi", "α", "北京", "ไทย", "K-1", "'s", "\u0301"]


def within_bound(size: int, call: Callable[[], T]) -> T:
    """Runs `call` and fails if it took longer than the bound for an input of `size`."""
    start = time.perf_counter()
    out = call()
    took = time.perf_counter() - start
    bound = BASE_SECONDS + SECONDS_PER_CHAR * size
    assert took <= bound, f"{took:.2f} s for {size:,} characters (bound {bound:.2f} s)"
    return out


@st.composite
def texts_with_runs(draw: st.DrawFn) -> str:
    """A text made of a few long runs of the units above, between short pieces."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        parts.append(draw(st.sampled_from(AROUND)))
        unit = draw(st.sampled_from(RUN_UNITS))
        parts.append(unit * draw(st.integers(0, MAX_RUN // len(unit))))
    parts.append(draw(st.sampled_from(AROUND)))
    return "".join(parts)


@pytest.fixture(scope="module")
def taggers() -> list[gazetag.Tagger]:
    g = gazetag.Gazetteer()
    g.add("kadhimi", "Mustafa al-Kadhimi", "PERSON", aliases=["Kadhimi", "Kāẓimī"])
    g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    g.add("beijing", "北京", "PLACE")
    g.add("thai", "ไทย", "PLACE")
    g.add("alpha", "Αι", "T")
    g.add("s", "Shabi", "T")
    return [
        gazetag.Tagger(g, variants="none"),
        gazetag.Tagger(g, variants="aggressive", overlapping=True),
        gazetag.Tagger(g, whole_words=False),
        gazetag.Tagger.default(),
    ]


FUZZ = settings(max_examples=EXAMPLES,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(text=texts_with_runs())
def test_tagging_stays_linear(taggers: list[gazetag.Tagger], text: str) -> None:
    for t in taggers:
        found = within_bound(len(text), lambda t=t: t.tag(text))  # type: ignore[misc]
        assert all(text[m.start : m.end] == m.text for m in found)


@settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2000, 4000), unit=st.sampled_from(SLOW_UNITS))
def test_acronym_runs_stay_linear(taggers: list[gazetag.Tagger], n: int, unit: str) -> None:
    text = unit * n
    within_bound(len(text), lambda: taggers[-1].tag(text))


@FUZZ
@given(alias=texts_with_runs())
def test_folding_an_alias_stays_linear(alias: str) -> None:
    # An alias is folded to its key when the tagger is built; past 1,000 characters it is
    # refused, which must be as quick.
    g = gazetag.Gazetteer()
    try:
        within_bound(len(alias), lambda: g.add("x", alias, "T"))
    except GazetagError:
        return
    within_bound(len(alias), lambda: gazetag.Tagger(g, variants="aggressive"))


@FUZZ
@given(
    cell=texts_with_runs(),
    fmt=st.sampled_from(["csv", "tsv", "jsonl"]),
    rows=st.integers(1, 50),
    stray=st.booleans(),
)
def test_loading_stays_linear(
    tmp_path_factory: pytest.TempPathFactory, cell: str, fmt: str, rows: int, stray: bool
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"d.{fmt}"
    if fmt == "jsonl":
        lines = [json.dumps({"id": f"e{i}", "name": f"N{i}", "label": "T",
                             "aliases": [cell, cell[: len(cell) // 2]]}) for i in range(rows)]
        content = "\n".join(lines) + "\n"
    else:
        sep = "," if fmt == "csv" else "\t"
        quote = '"' if stray else ""
        lines = [sep.join([f"e{i}", f"N{i}", "T", quote + cell.replace("\n", " ")])
                 for i in range(rows)]
        content = sep.join(["id", "name", "label", "aliases"]) + "\n" + "\n".join(lines) + "\n"
    path.write_text(content, encoding="utf-8")
    g, report = within_bound(len(content),
                             lambda: gazetag.Gazetteer.read(path, on_error="collect"))
    assert len(g) + len(report.problems) >= 1
    data = within_bound(len(content), lambda: gazetag.Tagger(g, variants="none").to_bytes())
    within_bound(len(data), lambda: gazetag.Tagger.from_bytes(data))


@FUZZ
@given(data=st.binary(max_size=4096), cut=st.integers(0, 4096))
def test_loading_damaged_taggers_stays_linear(data: bytes, cut: int) -> None:
    saved = _SAVED()
    blob = saved[:cut] + data + saved[cut:]
    try:
        within_bound(len(blob), lambda: gazetag.Tagger.from_bytes(blob))
    except FormatError:
        pass


def _saved() -> Callable[[], bytes]:
    cache: list[bytes] = []

    def get() -> bytes:
        if not cache:
            g = gazetag.Gazetteer()
            g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
            cache.append(gazetag.Tagger(g).to_bytes())
        return cache[0]

    return get


_SAVED = _saved()
