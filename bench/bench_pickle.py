"""What it costs to ship a tagger to another process: pickle size, pickle and unpickle times.

    python bench/bench_pickle.py                  # embedded gazetteer + 1,000,000 synthetic aliases
    python bench/bench_pickle.py --quick          # embedded gazetteer + 100,000 aliases
    python bench/bench_pickle.py --variants none  # only the "none" layer for the synthetic one

Unpickling a tagger reads back its gazetteer, targets and automata (saved format 4; a small
DFA is rebuilt from its stored patterns), so the unpickle time is what every worker process pays
once (and every task pays, when a scheduler unpickles per task). For
each tagger this reports the build from a `Gazetteer`, `pickle.dumps` (size and time),
`pickle.loads`, the size of the same gazetteer written as JSONL, and a fresh Python process
that imports gazetag and unpickles the tagger from a file, with its resident memory.

The synthetic dictionary comes from bench/data.py (``make_dictionary``, seed 0: 1 to 4 aliases
per entity, names included). The small tagger is timed best of 3; the big ones once, because
each step takes tens of seconds. Results go to stdout and bench/results/pickle.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gazetag  # noqa: E402
from data import alias_texts, make_dictionary  # noqa: E402  (needs the path above)

RESULTS = HERE / "results" / "pickle.md"
T = TypeVar("T")

# Run in a fresh interpreter: how long a new worker takes from nothing to a usable tagger.
CHILD = textwrap.dedent(
    """
    import json, pickle, resource, sys, time
    t0 = time.perf_counter()
    import gazetag
    t1 = time.perf_counter()
    rss0 = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
    with open(sys.argv[1], "rb") as f:
        blob = f.read()
    t2 = time.perf_counter()
    tagger = pickle.loads(blob)
    t3 = time.perf_counter()
    del blob
    assert tagger.tag("Kataib Hizballah fired at Ain al-Assad.")
    rss = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"import": t1 - t0, "read": t2 - t1, "loads": t3 - t2, "rss0": rss0,
                      "rss": rss, "peak": peak}))
    """
)


@dataclass
class Result:
    """One tagger's measurements; times in seconds, sizes in bytes."""

    what: str
    entities: int
    aliases: int
    patterns: int
    build: float
    dumps: float
    size: int
    loads: float
    jsonl: int
    child_wall: float
    child: dict[str, float]


def timed(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Best wall time of ``repeat`` calls, and the last call's result."""
    best = float("inf")
    out: Any = None
    for _ in range(repeat):
        out = None
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def in_fresh_process(blob: bytes) -> tuple[float, dict[str, float]]:
    """Wall time of a new interpreter that imports gazetag and unpickles ``blob``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tagger.pickle"
        path.write_bytes(blob)
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - t0
    return wall, json.loads(done.stdout)


def jsonl_size(g: gazetag.Gazetteer) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.jsonl"
        g.to_jsonl(path)
        return path.stat().st_size


def measure(what: str, g: gazetag.Gazetteer, variants: str, repeat: int) -> Result:
    print(f"{what}: build ...", flush=True)
    build, tagger = timed(lambda: gazetag.Tagger(g, variants=variants), repeat)
    patterns = tagger.pattern_count
    print(f"{what}: pickle ...", flush=True)
    dumps, blob = timed(partial(pickle.dumps, tagger, protocol=pickle.HIGHEST_PROTOCOL), repeat)
    # One big tagger in memory at a time.
    tagger = None
    gc.collect()
    print(f"{what}: unpickle ...", flush=True)
    loads, _ = timed(partial(pickle.loads, blob), repeat)
    print(f"{what}: fresh process ...", flush=True)
    child_wall, child = in_fresh_process(blob)
    return Result(
        what=what,
        entities=len(g),
        aliases=sum(len(e.aliases) for e in g),
        patterns=patterns,
        build=build,
        dumps=dumps,
        size=len(blob),
        loads=loads,
        jsonl=jsonl_size(g),
        child_wall=child_wall,
        child=child,
    )


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}" if n >= 1e6 else f"{n / 1e6:,.2f}"


def _s(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.1f}"


def report(results: Sequence[Result], notes: Sequence[str]) -> str:
    head = (
        "| tagger | entities | aliases | patterns | build (s) | pickle size (MB) | "
        "JSONL (MB) | pickle (s) | unpickle (s) | fresh process (s) | of it: import (s) | "
        "worker RSS (MB) | of it: tagger (MB) |"
    )
    lines = [head, "|---|" + "---:|" * 12]
    for r in results:
        lines.append(
            f"| {r.what} | {r.entities:,} | {r.aliases:,} | {r.patterns:,} | {_s(r.build)} | "
            f"{_mb(r.size)} ({r.size:,} B) | {_mb(r.jsonl)} | {_s(r.dumps)} | {_s(r.loads)} | "
            f"{_s(r.child_wall)} | {_s(r.child['import'])} | {r.child['rss'] / 1e6:,.0f} | "
            f"{(r.child['rss'] - r.child['rss0']) / 1e6:,.0f} |"
        )
    return "\n".join(
        ["# Shipping a tagger: pickle size, pickle and unpickle times", "", *notes, "", *lines, ""]
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="100,000 synthetic aliases")
    ap.add_argument("--aliases", type=int, help="synthetic dictionary size (1,000,000)")
    ap.add_argument(
        "--variants",
        nargs="+",
        default=["none", "default"],
        choices=["none", "default", "aggressive"],
        help="layers to build the synthetic dictionary at (none default)",
    )
    ap.add_argument("--out", type=Path, default=RESULTS, help="markdown output file")
    args = ap.parse_args(argv)
    n_aliases = args.aliases or (100_000 if args.quick else 1_000_000)

    results = [measure("embedded, default", gazetag.Gazetteer.default(), "default", repeat=3)]

    t0 = time.perf_counter()
    records = make_dictionary(n_aliases, seed=0)
    n_alias = len(alias_texts(records))
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = gazetag.Gazetteer.from_records(records)
    from_records = time.perf_counter() - t0
    del records
    gc.collect()
    for variants in args.variants:
        results.append(measure(f"synthetic {n_alias:,}, {variants}", g, variants, repeat=1))

    notes = [
        f"- {time.strftime('%Y-%m-%d %H:%M')}; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs; gazetag {gazetag.__version__}; "
        f"pickle protocol {pickle.HIGHEST_PROTOCOL}",
        "- embedded: `Gazetteer.default()`, best of 3; synthetic: `bench/data.py` "
        f"`make_dictionary({n_aliases:,}, seed=0)`, generated in {generated:.1f} s, "
        f"`Gazetteer.from_records` {from_records:.1f} s, each step timed once",
        "- build: `Tagger(g, variants=...)`; pickle: `pickle.dumps`, which stores the tagger's "
        "tries as they are; unpickle: `pickle.loads`, which reads the "
        "automata back; JSONL: `g.to_jsonl` of the same gazetteer",
        "- fresh process: wall time of `python -c` that imports gazetag, reads the pickle from a "
        "file and unpickles it; worker RSS: its resident memory afterwards (pickle bytes "
        "dropped), and how much of it came after `import gazetag`",
    ]
    text = report(results, notes)
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
