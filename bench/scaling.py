"""Scaling benchmark: how the cost of each input dimension grows (issue 15).

    python bench/scaling.py                  # every dimension
    python bench/scaling.py --quick          # smaller sizes: a smoke run of a few seconds
    python bench/scaling.py --only alias     # the dimensions whose name holds a word

Each dimension times one operation at sizes n, 2n and 4n and fits the growth exponent: the
slope of log(time) over log(size), 1 for linear, 2 for quadratic. Each time is the best of
--repeat runs, a run repeating the call until it takes --min-time seconds, after one warm-up
call. The table goes to stdout and to bench/results/scaling.md. Times stay here: the tests
assert what a fix changes (the problem reported, the automaton chosen), never how long it took.

A dimension is a function that takes a size and returns the call to time (what it needs is
made before, untimed), registered in DIMENSIONS with the `dimension` decorator. Each part of
the code keeps its dimensions in a section of its own below.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import gazetag

RESULTS = Path(__file__).resolve().parent / "results" / "scaling.md"

Call = Callable[[], object]


@dataclass(frozen=True)
class Dimension:
    name: str
    unit: str  # what the size counts
    what: str  # the operation timed
    n: int  # the first size; then 2n and 4n
    quick: int  # the first size with --quick
    make: Callable[[int], Call]


DIMENSIONS: list[Dimension] = []


def dimension(
    name: str, unit: str, what: str, n: int, quick: int
) -> Callable[[Callable[[int], Call]], Callable[[int], Call]]:
    """Registers a function `size -> call to time` as a dimension."""

    def register(make: Callable[[int], Call]) -> Callable[[int], Call]:
        DIMENSIONS.append(Dimension(name, unit, what, n, quick, make))
        return make

    return register


def scratch() -> Path:
    """A directory for the files a dimension reads; removed when the process ends."""
    directory = tempfile.TemporaryDirectory(prefix="gazetag-scaling-")
    _SCRATCH.append(directory)
    return Path(directory.name)


_SCRATCH: list[tempfile.TemporaryDirectory[str]] = []


# --------------------------------------------------------------------------------------------
# Dictionary data in: alias length, aliases per entity, file size (issue 15.1, 15.4, 15.5)
# --------------------------------------------------------------------------------------------

_SYLLABLES = ["ka", "ta", "ib", "hiz", "bal", "lah", "mu", "han", "dis", "qa", "sim", "far",
              "sul", "ai", "ma", "ni", "had", "di", "am", "ri", "kha", "zal", "sa", "dr"]


def name_of(chars: int, seed: int = 0) -> str:
    """A name-like text of `chars` characters: words of 2-4 syllables, some after `al-` or
    `Abu`, as long names are written."""
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        words.append(rng.choice(["", "", "al-", "Abu "]) + word)
    return " ".join(words)[:chars].strip()


@dimension("alias length", "characters", "Tagger(g): one person whose name has n characters",
           n=250, quick=250)
def alias_length(n: int) -> Call:
    # 4n is the longest alias there may be (1,000 characters).
    g = gazetag.Gazetteer()
    g.add("x", name_of(n), "PERSON")
    return lambda: gazetag.Tagger(g)


@dimension("alias length, repeating", "characters",
           "Tagger(g): one person named `Abu Abu Abu ...` of n characters", n=250, quick=250)
def repeating_alias_length(n: int) -> Call:
    # A key that repeats itself is the worst case of the DFA build (issue 15.5).
    g = gazetag.Gazetteer()
    g.add("x", ("Abu " * n)[:n].strip(), "PERSON")
    return lambda: gazetag.Tagger(g)


def aliases_of(n: int) -> list[str]:
    """n different name-like aliases. (Numbered ones, `Unit 1` ... `Unit n`, which share all
    but their last state in the automaton, cost the aho-corasick crate time quadratic in n when
    it moves their match states: a row of their own below.)"""
    rng = random.Random(n)
    return [f"{name_of(rng.randint(8, 20), rng.randrange(1 << 30))} {i}" for i in range(n)]


@dimension("aliases per entity: add", "aliases", "Gazetteer.add() of one entity, n aliases",
           n=50_000, quick=10_000)
def aliases_add(n: int) -> Call:
    aliases = aliases_of(n)

    def add() -> None:
        gazetag.Gazetteer().add("x", "X", "ORG", aliases=aliases)

    return add


def _one_entity_record(n: int, aliases: list[str] | None = None) -> dict[str, object]:
    return {"id": "x", "name": "X", "label": "ORG", "variants": "none",
            "aliases": aliases_of(n) if aliases is None else aliases}


@dimension("aliases per entity: read", "aliases", "Gazetteer.read(): one JSONL line, n aliases",
           n=50_000, quick=10_000)
def aliases_read(n: int) -> Call:
    path = scratch() / "one.jsonl"
    path.write_text(json.dumps(_one_entity_record(n)) + "\n", encoding="utf-8")
    return lambda: gazetag.Gazetteer.read(path)


@dimension("aliases per entity: load", "aliases",
           "Tagger.from_bytes(): a saved tagger of one entity with n aliases (layer none)",
           n=25_000, quick=5_000)
def aliases_load(n: int) -> Call:
    data = gazetag.Tagger(gazetag.Gazetteer.from_records([_one_entity_record(n)])).to_bytes()
    return lambda: gazetag.Tagger.from_bytes(data)


@dimension("aliases per entity: load, numbered", "aliases",
           "Tagger.from_bytes(): one entity with the n aliases `Unit 0` ... (layer none)",
           n=25_000, quick=5_000)
def numbered_aliases_load(n: int) -> Call:
    # Not gazetag's: aho-corasick 1.1.5's Remapper::remap follows each cycle of the match-state
    # shuffle once per state, and numbered keys make cycles as long as the key count.
    record = _one_entity_record(n, [f"Unit {i}" for i in range(n)])
    data = gazetag.Tagger(gazetag.Gazetteer.from_records([record])).to_bytes()
    return lambda: gazetag.Tagger.from_bytes(data)


def _csv_lines(n: int, stray_every: int = 0) -> str:
    rows = ["id,name,label,aliases,meta"]
    for i in range(n):
        aliases = f"{name_of(12, i)}|E{i}"
        if stray_every and i % stray_every == stray_every - 1:
            aliases = '"' + aliases  # a quote that is never closed on its line
        rows.append(f'e{i},{name_of(24, i)},ORG,{aliases},"{{""n"": {i}}}"')
    return "\n".join(rows) + "\n"


@dimension("file size: CSV", "lines", "Gazetteer.read() of a CSV file of n entities",
           n=20_000, quick=4_000)
def csv_file(n: int) -> Call:
    path = scratch() / "d.csv"
    path.write_text(_csv_lines(n), encoding="utf-8")
    return lambda: gazetag.Gazetteer.read(path)


@dimension("file size: CSV, stray quotes", "lines",
           "Gazetteer.read(on_error='collect') of a CSV file of n lines, a stray quote in 1 of 50",
           n=20_000, quick=4_000)
def csv_stray_quotes(n: int) -> Call:
    # Each stray quote is a problem and the lines it took in are read again (issue 15.1).
    path = scratch() / "d.csv"
    path.write_text(_csv_lines(n, stray_every=50), encoding="utf-8")
    return lambda: gazetag.Gazetteer.read(path, on_error="collect")


@dimension("file size: JSONL", "lines", "Gazetteer.read() of a JSONL file of n entities",
           n=20_000, quick=4_000)
def jsonl_file(n: int) -> Call:
    path = scratch() / "d.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = {"id": f"e{i}", "name": name_of(24, i), "label": "ORG",
                      "aliases": [name_of(12, i), f"E{i}"], "meta": {"n": i}}
            f.write(json.dumps(record) + "\n")
    return lambda: gazetag.Gazetteer.read(path)


# --------------------------------------------------------------------------------------------
# Text in: text length, marks per letter, separator and joiner runs, matches per line
# (issue 15.2, 15.8)
# --------------------------------------------------------------------------------------------

_TAGGERS: dict[str, gazetag.Tagger] = {}


def default_tagger() -> gazetag.Tagger:
    """The embedded gazetteer at the default layer, built once."""
    if "default" not in _TAGGERS:
        _TAGGERS["default"] = gazetag.Tagger.default()
    return _TAGGERS["default"]


def _news(chars: int) -> str:
    """News-like text of about `chars` characters: sentences that name a few entities."""
    sentence = ("Prime Minister Mustafa al-Kadhimi met Kata'ib Hezbollah leaders in Baghdad on "
                "Tuesday, officials said, after a rocket struck near Ain al-Asad air base. ")
    return (sentence * (chars // len(sentence) + 1))[:chars]


@dimension("text length", "characters", "Tagger.default().tag() of n characters of news",
           n=250_000, quick=50_000)
def text_length(n: int) -> Call:
    t, text = default_tagger(), _news(n)
    return lambda: t.tag(text)


@dimension("marks per letter", "marks", "tag('e' + n combining acutes + 's' + n acutes + caron)",
           n=20_000, quick=5_000)
def marks_per_letter(n: int) -> Call:
    # Folding checked each mark back to its letter: quadratic in a letter's marks (issue 15.2).
    t, text = default_tagger(), "e" + "\u0301" * n + " s" + "\u0301" * n + "\u030c Baghdad"
    return lambda: t.tag(text)


@dimension("separator run", "separators", "tag('Baghdad' + n spaces, dashes, NBSPs + 'Iran')",
           n=100_000, quick=20_000)
def separator_run(n: int) -> Call:
    t, text = default_tagger(), "Baghdad" + (" -\u00a0" * n)[:n] + "Iran"
    return lambda: t.tag(text)


@dimension("joiner run", "joiners", "tag('Baghdad' + n apostrophes, ZWJs, tatweels + 'Iran')",
           n=100_000, quick=20_000)
def joiner_run(n: int) -> Call:
    t, text = default_tagger(), "Baghdad" + ("'\u200d\u0640" * n)[:n] + "Iran"
    return lambda: t.tag(text)


@dimension("matches per line", "matches", "tag() of one line naming Kadhimi n times",
           n=20_000, quick=5_000)
def matches_per_line(n: int) -> Call:
    t, text = default_tagger(), "Kadhimi, " * n
    return lambda: t.tag(text)


@dimension("ideographs", "characters", "tag() of n characters of Chinese text (no spaces)",
           n=250_000, quick=50_000)
def ideographs(n: int) -> Call:
    # Each ideograph is a word of its own (issue 15.8): every boundary check stays local.
    g = gazetag.Gazetteer()
    g.add("baghdad", "巴格达", "PLACE")
    t = gazetag.Tagger(g)
    text = ("伊拉克总理在巴格达会见了官员。" * (n // 15 + 1))[:n]
    return lambda: t.tag(text)


# --------------------------------------------------------------------------------------------
# The command line: output per format (issue 15.3)
# --------------------------------------------------------------------------------------------


def _cli_output(fmt: str, n: int) -> Call:
    import contextlib
    import io

    from gazetag.cli import main

    path = scratch() / "news.txt"
    path.write_text(_news(n), encoding="utf-8")

    # A small dictionary, so that building the tagger (once per run) does not hide the output.
    sample = Path(__file__).resolve().parent.parent / "examples" / "iraq_sample.jsonl"

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            main(["tag", str(path), "-g", str(sample), "--format", fmt, "--no-progress"])

    return run


for _fmt in ("table", "jsonl", "csv"):
    dimension(f"CLI output: {_fmt}", "characters",
              f"gazetag tag --format {_fmt} of a file of n characters of news",
              n=200_000, quick=50_000)(lambda n, fmt=_fmt: _cli_output(fmt, n))


# --------------------------------------------------------------------------------------------
# Measuring and the table
# --------------------------------------------------------------------------------------------


def measure(call: Call, min_time: float, repeat: int) -> float:
    """The best time of one call, in seconds."""
    call()  # warm-up
    start = time.perf_counter()
    call()
    once = time.perf_counter() - start
    number = max(1, math.ceil(min_time / max(once, 1e-9)))
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            call()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def exponent(sizes: list[int], times: list[float]) -> float:
    """The least-squares slope of log(time) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-12)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def seconds(t: float) -> str:
    return f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, best of 1")
    parser.add_argument("--only", action="append", default=[],
                        help="run the dimensions whose name holds this word (repeatable)")
    parser.add_argument("--repeat", type=int, default=None, help="best of N runs (3)")
    parser.add_argument("--min-time", type=float, default=0.2,
                        help="repeat a call until a run takes this long (s)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    chosen = [d for d in DIMENSIONS if not args.only or any(w in d.name for w in args.only)]
    header = "| dimension | unit | n | t(n) | t(2n) | t(4n) | exponent | timed |"
    print(header)
    print("|---|---|---:|---:|---:|---:|---:|---|")
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---|"]
    for d in chosen:
        base = d.quick if args.quick else d.n
        sizes = [base, 2 * base, 4 * base]
        times = [measure(d.make(size), args.min_time, repeat) for size in sizes]
        k = exponent(sizes, times)
        row = (f"| {d.name} | {d.unit} | {base:,} | {seconds(times[0])} | {seconds(times[1])} "
               f"| {seconds(times[2])} | {k:.2f} | {d.what} |")
        print(row, flush=True)
        lines.append(row)
    machine = f"{platform.machine()}, Python {platform.python_version()}"
    note = (f"\nGrowth exponent: the slope of log(time) over log(size) at n, 2n, 4n (1 linear, "
            f"2 quadratic). gazetag {metadata.version('gazetag')} on {machine}; "
            f"{'--quick, ' if args.quick else ''}best of {repeat}.\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# Scaling\n\n" + "\n".join(lines) + "\n" + note, encoding="utf-8")
    print(note.strip())
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
