"""Core benchmark: gazetag against Aho-Corasick peers, all in one process.

    python bench/bench_core.py            # full run: 2,000 documents of ~3 KB, one 20 MB text
    python bench/bench_core.py --quick    # 300 documents, one 2 MB text, best of 1

The machine this runs on may be noisy, so the numbers that matter are the ratios: every library
is timed on the same inputs in the same process, the libraries take turns within each round,
and each figure is the best of N rounds after one warm-up run. The table goes to stdout and to
bench/results/core.md.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import (  # noqa: E402  (needs the path above)
    Record,
    alias_texts,
    make_dictionary,
    make_documents,
    make_news_text,
)

RESULTS = Path(__file__).resolve().parent / "results" / "core.md"

GAZETAG, AC_RS, PYAC = "gazetag", "ahocorasick_rs", "pyahocorasick"
LOWER = "str.lower"  # timed alongside, to show how much of the peers' time it is

# --------------------------------------------------------------------------------------------
# Adapters: build a matcher; tag a list of texts and return the number of matches.
# --------------------------------------------------------------------------------------------

Matcher = Any
TagAll = Callable[[Matcher, Sequence[str]], int]


@dataclass
class Library:
    name: str
    version: str
    build: Callable[[Sequence[Record]], Matcher]
    tag_all: TagAll
    # Character spans (start, end) of the matches in one text, for the sanity checks only.
    spans: Callable[[Matcher, str], list[tuple[int, int]]]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _lowered_patterns(records: Sequence[Record]) -> list[str]:
    # What a user of a plain Aho-Corasick library does: lower-case every alias, drop repeats.
    return list(dict.fromkeys(a.lower() for a in alias_texts(records)))


# The layer of spelling variants gazetag runs at; "none" is the core folding that the peers'
# lower-casing is compared with. bench/bench_variants.py measures what the other layers cost.
VARIANTS = "none"


def gazetag_library() -> Library | None:
    try:
        import gazetag
    except ImportError as exc:
        print(f"[skip] gazetag is not importable ({exc}); measuring the peers only.\n")
        return None

    def build(records: Sequence[Record]) -> Matcher:
        return gazetag.Tagger(gazetag.Gazetteer.from_records(list(records)), variants=VARIANTS)

    def tag_all(t: Matcher, texts: Sequence[str]) -> int:
        n = 0
        for text in texts:
            n += len(t.tag(text))
        return n

    def spans(t: Matcher, text: str) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in t.tag(text)]

    return Library(GAZETAG, getattr(gazetag, "__version__", _version("gazetag")), build,
                   tag_all, spans)


def ahocorasick_rs_library() -> Library | None:
    try:
        import ahocorasick_rs
    except ImportError:
        print("[skip] ahocorasick_rs is not installed (pip install ahocorasick-rs)")
        return None

    def build(records: Sequence[Record]) -> Matcher:
        return ahocorasick_rs.AhoCorasick(
            _lowered_patterns(records), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def tag_all(ac: Matcher, texts: Sequence[str]) -> int:
        n = 0
        for text in texts:
            n += len(ac.find_matches_as_indexes(text.lower()))
        return n

    def spans(ac: Matcher, text: str) -> list[tuple[int, int]]:
        return [(s, e) for _, s, e in ac.find_matches_as_indexes(text.lower())]

    return Library(AC_RS, _version("ahocorasick_rs"), build, tag_all, spans)


def pyahocorasick_library() -> Library | None:
    try:
        import ahocorasick
    except ImportError:
        print("[skip] pyahocorasick is not installed (pip install pyahocorasick)")
        return None

    def build(records: Sequence[Record]) -> Matcher:
        a = ahocorasick.Automaton()
        for i, p in enumerate(_lowered_patterns(records)):
            a.add_word(p, (i, len(p)))
        a.make_automaton()
        return a

    def tag_all(a: Matcher, texts: Sequence[str]) -> int:
        n = 0
        for text in texts:
            n += len(list(a.iter_long(text.lower())))
        return n

    def spans(a: Matcher, text: str) -> list[tuple[int, int]]:
        return [(end + 1 - length, end + 1) for end, (_, length) in a.iter_long(text.lower())]

    return Library(PYAC, _version("pyahocorasick"), build, tag_all, spans)


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def best_of(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best wall time of each function: one warm-up each, then ``repeat`` rounds in turn.

    Taking turns within a round spreads machine noise over all contenders alike.
    """
    for fn in fns.values():
        fn()
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


@dataclass
class Row:
    """One line of the results table."""

    what: str
    cells: dict[str, str] = field(default_factory=dict)


def _mbs(n_bytes: int, seconds: float) -> float:
    return n_bytes / 1e6 / seconds


def _ratio(x: float, y: float) -> str:
    return f"{x / y:.2f}×" if y > 0 else "-"


def _in_threads(fn: Callable[[str], object], texts: Sequence[str], n: int) -> list[object]:
    # Each thread takes a share of the texts and loops over it, as a user would: one executor
    # task per ~3 KB text would time the executor, not the tagger.
    def run(share: Sequence[str]) -> list[object]:
        return [fn(t) for t in share]

    with ThreadPoolExecutor(n) as pool:
        shares = list(pool.map(run, [texts[i::n] for i in range(n)]))
    return [r for share in shares for r in share]


def _tag_share(conn: Any, t: Any, share: Sequence[str]) -> None:
    # In a forked process: tag the share each time the parent says so, until it says stop.
    while conn.recv() is not None:
        conn.send(sum(len(t.tag(d)) for d in share))


class _ForkedShares:
    """Processes forked with the tagger, each tagging its share of the texts on a word from
    the parent: two cores' worth of the same work with nothing shared (no GIL, no pool), the
    most two cores of this machine give right now. A shared, noisy host often gives far less
    than 2x, and a thread speed-up is best read against this one."""

    def __init__(self, t: Any, texts: Sequence[str], n: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conns: list[Any] = []
        self.procs: list[Any] = []
        for i in range(n):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_tag_share, args=(child, t, texts[i::n]), daemon=True)
            proc.start()
            child.close()
            self.conns.append(parent)
            self.procs.append(proc)

    def __call__(self) -> int:
        for c in self.conns:
            c.send(True)
        return sum(c.recv() for c in self.conns)

    def close(self) -> None:
        for c in self.conns:
            c.send(None)
        for p in self.procs:
            p.join(10)


def _memory_rows(names: Sequence[str], n_aliases: int) -> list[Row]:
    """RSS growth and peak of each library's build, and gazetag's load of its saved tagger."""
    import tempfile

    import memory

    growth, peak, load = Row("RSS growth of the build (MB)"), Row("peak RSS growth (MB)"), None
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "t.gzt")
        for name in names:
            if name == GAZETAG:
                r = memory._run_child("gazetag", str(n_aliases), VARIANTS, path)
                ld = memory._run_child("load", path) if r else None
                if r and ld:
                    load = Row("load of the saved tagger: s (build / load; RSS growth)")
                    ratio = r["build_s"] / ld["load_s"]
                    load.cells[name] = (f"{ld['load_s']:.3f} s ({ratio:.1f}×; "
                                        f"{ld['load_growth'] / 1e6:.0f} MB)")
            else:
                r = memory._run_child(name, str(n_aliases))
            if r:
                growth.cells[name] = f"{r['build_growth'] / 1e6:.1f}"
                peak.cells[name] = f"{r['build_peak'] / 1e6:.1f}"
    if GAZETAG in growth.cells:
        for p in names:
            if p != GAZETAG and p in growth.cells:
                # Memory ratio: > 1 means gazetag's build grows RSS by less.
                growth.cells[f"gz/{p}"] = _ratio(float(growth.cells[p]),
                                                 float(growth.cells[GAZETAG]))
    return [growth, peak] + ([load] if load else [])


def _frame_fns(t: Any, docs: Sequence[str]) -> dict[str, Callable[[], object]]:
    """tag_frame against tag_batch plus building the same rows in Python (pandas needed)."""
    try:
        import pandas as pd
    except ImportError:
        return {}

    def rows_in_python() -> object:
        rows = [
            (i, m.start, m.end, m.text, m.label, m.entity_id, m.name, m.alias, m.rule,
             "|".join(m.entities))
            for i, ms in enumerate(t.tag_batch(docs, threads=2))
            for m in ms
        ]
        columns = ["doc", "start", "end", "text", "label", "entity_id", "name", "alias", "rule",
                   "entities"]
        return pd.DataFrame.from_records(rows, columns=columns)

    return {
        "tag_batch(threads=2) + rows in Python": rows_in_python,
        "tag_frame(threads=2)": lambda: t.tag_frame(docs, threads=2),
    }


def _on_word_boundaries(text: str, spans: Iterable[tuple[int, int]]) -> int:
    """How many spans neither start nor end inside a word (what a user would keep)."""
    n = 0
    last = len(text)
    for s, e in spans:
        if (s == 0 or not text[s - 1].isalnum()) and (e == last or not text[e].isalnum()):
            n += 1
    return n


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, best of 1 (< 1 minute)")
    ap.add_argument("--aliases", type=int, default=30000, help="dictionary size in aliases")
    ap.add_argument("--docs", type=int, help="number of ~3 KB documents (2000; quick 300)")
    ap.add_argument("--big-mb", type=float, help="size of the big text in MB (20; quick 2)")
    ap.add_argument("--repeat", type=int, help="timed rounds, best kept (3; quick 1)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="markdown output file")
    ap.add_argument("--variants", default="none", choices=["none", "default", "aggressive"],
                    help="gazetag's variant layer (none: the core folding; the default)")
    args = ap.parse_args(argv)
    global VARIANTS
    VARIANTS = args.variants
    n_docs = args.docs or (300 if args.quick else 2000)
    big_mb = args.big_mb or (2.0 if args.quick else 20.0)
    repeat = args.repeat or (1 if args.quick else 3)

    libs = [
        lib
        for lib in (gazetag_library(), ahocorasick_rs_library(), pyahocorasick_library())
        if lib is not None
    ]
    names = [lib.name for lib in libs]
    peers = [n for n in names if n != GAZETAG]
    has_gz = GAZETAG in names

    # ---- data
    t0 = time.perf_counter()
    records = make_dictionary(args.aliases, seed=0)
    docs = make_documents(n_docs, records, doc_bytes=3000, seed=1)
    big = make_news_text(int(big_mb * 1e6), records, seed=2)
    docs_bytes = sum(len(d.encode()) for d in docs)
    big_bytes = len(big.encode())
    n_alias = len(alias_texts(records))
    print(
        f"data: {len(records)} entities, {n_alias} aliases; {n_docs} documents "
        f"({docs_bytes / 1e6:.2f} MB, mean {docs_bytes / n_docs / 1e3:.1f} KB); "
        f"big text {big_bytes / 1e6:.1f} MB; generated in {time.perf_counter() - t0:.1f}s\n"
    )

    rows: list[Row] = []
    counts: list[Row] = []
    lower_notes: list[str] = []

    # ---- build
    print("timing build ...", flush=True)
    build_times = best_of({lib.name: (lambda lib=lib: lib.build(records)) for lib in libs}, repeat)
    matchers = {lib.name: lib.build(records) for lib in libs}
    row = Row(f"build, {n_alias:,} aliases (s)")
    for n in names:
        row.cells[n] = f"{build_times[n]:.3f} s"
    if has_gz:
        for p in peers:
            # Speed ratio: > 1 means gazetag builds faster.
            row.cells[f"gz/{p}"] = _ratio(build_times[p], build_times[GAZETAG])
    rows.append(row)

    # ---- memory and load, each library in a fresh process (bench/memory.py)
    print("measuring memory and load ...", flush=True)
    rows += _memory_rows(names, args.aliases)

    # ---- single-thread throughput
    for label, texts, n_bytes in (
        (f"{n_docs:,} docs × ~3 KB (MB/s)", docs, docs_bytes),
        (f"one {big_bytes / 1e6:.0f} MB text (MB/s)", [big], big_bytes),
    ):
        print(f"timing {label} ...", flush=True)
        found: dict[str, int] = {}

        def run(lib: Library, texts: Sequence[str] = texts, found: dict[str, int] = found) -> None:
            found[lib.name] = lib.tag_all(matchers[lib.name], texts)

        def lower_only(texts: Sequence[str] = texts) -> None:
            for text in texts:
                text.lower()

        fns: dict[str, Callable[[], object]] = {
            lib.name: (lambda lib=lib: run(lib)) for lib in libs
        }
        fns[LOWER] = lower_only
        times = best_of(fns, repeat)
        lower_notes.append(
            f"{label.replace(' (MB/s)', '')}: {_mbs(n_bytes, times[LOWER]):.0f} MB/s"
        )
        row = Row(label)
        speed = {n: _mbs(n_bytes, times[n]) for n in names}
        for n in names:
            row.cells[n] = f"{speed[n]:.1f}"
        if has_gz:
            for p in peers:
                row.cells[f"gz/{p}"] = _ratio(speed[GAZETAG], speed[p])
        rows.append(row)
        crow = Row(label.replace(" (MB/s)", ""))
        for n in names:
            crow.cells[n] = f"{found[n]:,}"
        counts.append(crow)

    # ---- word-boundary sanity check on the documents (not timed)
    crow = Row(f"{n_docs:,} docs, matches on word boundaries")
    for lib in libs:
        m = matchers[lib.name]
        crow.cells[lib.name] = f"{sum(_on_word_boundaries(d, lib.spans(m, d)) for d in docs):,}"
    counts.append(crow)

    # ---- tag_batch threads
    batch_lines: list[str] = []
    if has_gz:
        t = matchers[GAZETAG]
        print("timing tag_batch ...", flush=True)
        forked = (
            _ForkedShares(t, docs, 2)
            if "fork" in multiprocessing.get_all_start_methods()
            else None
        )
        ceiling = "2 forked processes, tag() (the machine's ceiling)"
        try:
            bt = best_of(
                {
                    "tag() loop": lambda: [t.tag(d) for d in docs],
                    "threads=1": lambda: t.tag_batch(docs, threads=1),
                    "threads=2": lambda: t.tag_batch(docs, threads=2),
                    # tag() releases the GIL, so plain Python threads share one tagger.
                    "2 Python threads, tag()": lambda: _in_threads(t.tag, docs, 2),
                    **({ceiling: forked} if forked else {}),
                    **_frame_fns(t, docs),
                },
                repeat,
            )
        finally:
            if forked:
                forked.close()
        batch_lines = [
            f"| gazetag on {n_docs:,} docs | time (s) | MB/s | speed-up vs threads=1 |",
            "|---|---:|---:|---:|",
        ]
        for k, v in bt.items():
            batch_lines.append(
                f"| {k} | {v:.3f} | {_mbs(docs_bytes, v):.1f} | {bt['threads=1'] / v:.2f}× |"
            )
        if ceiling in bt:
            batch_lines += ["", f"threads=2 runs at {bt[ceiling] / bt['threads=2']:.2f}× the "
                            "speed of two forked processes doing the same work (the ceiling of "
                            "this machine's two cores in this run: "
                            f"{bt['threads=1'] / bt[ceiling]:.2f}× threads=1)."]
        rows_py, frame = "tag_batch(threads=2) + rows in Python", "tag_frame(threads=2)"
        if frame in bt:
            batch_lines += ["", f"tag_frame is {bt[rows_py] / bt[frame]:.2f}× as fast as "
                            "tag_batch plus building the same DataFrame rows in Python."]

    # ---- report
    cols = names + ([f"gz/{p}" for p in peers] if has_gz else [])
    lines = [
        "# gazetag core benchmark",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M')}, {'quick' if args.quick else 'full'} run, "
        f"best of {repeat} after a warm-up",
        f"- Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {_load()} at the end; "
        + ", ".join(f"{lib.name} {lib.version}" for lib in libs),
        f"- dictionary: {len(records):,} entities, {n_alias:,} aliases; documents: {n_docs:,}, "
        f"{docs_bytes / 1e6:.2f} MB; big text: {big_bytes / 1e6:.1f} MB",
        "- peers' timings include `text.lower()`; gz/peer > 1 means gazetag is faster",
        f"- gazetag runs with `variants={VARIANTS!r}`",
        "",
    ]
    if not has_gz:
        lines += ["**gazetag was not importable: peers only.**", ""]
    lines += ["## Speed (single thread)", "", *_table(rows, cols), ""]
    lines += [
        "`text.lower()` alone, part of each peer's time: " + "; ".join(lower_notes) + ".",
        "",
    ]
    lines += ["## Match counts", "", *_table(counts, names), ""]
    if batch_lines:
        lines += ["## tag_batch threads", "", *batch_lines, ""]
    write_report("\n".join(lines), args.out)
    return 0


def write_report(report: str, out: Path) -> None:
    """Prints a markdown report and writes it to ``out``."""
    print("\n" + report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(f"written to {out}")


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _table(rows: Sequence[Row], cols: Sequence[str]) -> list[str]:
    out = ["| | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for r in rows:
        out.append(f"| {r.what} | " + " | ".join(r.cells.get(c, "-") for c in cols) + " |")
    return out


if __name__ == "__main__":
    sys.exit(main())
