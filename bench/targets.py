"""Issue 13's targets in one table, each measured in one run and read as a ratio.

    python bench/targets.py            # 349, 32,000 and 1,000,000 aliases (several minutes)
    python bench/targets.py --quick    # 349 and 32,000 aliases, fewer documents, best of 1
    python bench/targets.py --no-memory   # the speed and parallelism rows only

Every size times `tag()` per document at `variants="none"` and `tag_batch` with one and two
threads; at 32,000 aliases also the `default` layer and `tag_frame`. One row per target: what
is measured, gazetag's figure, what it is compared with (the peer timed in the same rounds, or
another measure of gazetag), the ratio, the target and whether this run met it. The machine
this runs on is shared and noisy, so every ratio is taken from contenders timed in turn within
the same rounds (``bench_core.best_of``). The peer is ahocorasick_rs adapted to the same task
as in ``bench_core.py``: its aliases lower-cased, leftmost-longest, each text lower-cased
before the search.

The build, memory and load rows are measured as ``bench/memory.py`` measures them, each step
in a fresh process (its children: the build's RSS growth and peak, the save, the load's time
and RSS growth, the Gazetteer alone), at 32,000 and 1,000,000 aliases and both layers (at
32,000 the build and the load each timed in three fresh processes, the best kept); the
build-time rows name the peers' builds of the same aliases beside the limit. A row with a
limit reads its ratio as gazetag's figure over the limit, met at 1x or below.

The table goes to stdout and to bench/results/targets.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_core  # noqa: E402  (needs the path above)
from data import make_dictionary, make_documents  # noqa: E402

RESULTS = HERE / "results" / "targets.md"


@dataclass
class Target:
    """One line of the table: gazetag's figure against what it is compared with; met when the
    ratio reaches the goal, or with ``at_most`` when it stays at or below it."""

    what: str
    ours: str
    against: str
    ratio: float
    goal: float
    at_most: bool = False

    def met(self) -> bool:
        return self.ratio <= self.goal if self.at_most else self.ratio >= self.goal

    def line(self) -> str:
        goal = f"{'≤ ' if self.at_most else ''}{self.goal:g}x"
        met = "met" if self.met() else "not met"
        ratio = f"{self.ratio:.2f}x"
        return f"| {self.what} | {self.ours} | {self.against} | {ratio} | {goal} | {met} |"


def _mbs(n_bytes: int, seconds: float) -> str:
    return f"{n_bytes / 1e6 / seconds:.1f} MB/s"


def _loop(tag: Callable[[str], object], docs: Sequence[str]) -> Callable[[], object]:
    return lambda: [tag(d) for d in docs]


def _peer(records: Sequence[Any]) -> Callable[[str], object]:
    """ahocorasick_rs built as ``bench_core.py`` builds it, searching one text a call."""
    library = bench_core.ahocorasick_rs_library()
    assert library is not None, "main() checks that ahocorasick_rs imports"
    ac = library.build(records)
    return lambda text: ac.find_matches_as_indexes(text.lower())


def size_targets(n_aliases: int, n_docs: int, repeat: int, extra: bool) -> list[Target]:
    """Per-document speed against the peer and `threads=2` against one thread, at one size;
    with ``extra``, the `default` layer and `tag_frame` too."""
    import gazetag

    records = make_dictionary(n_aliases, seed=0)
    docs = make_documents(n_docs, records, doc_bytes=3000, seed=1)
    n_bytes = sum(len(d.encode()) for d in docs)
    g = gazetag.Gazetteer.from_records(records)
    t = gazetag.Tagger(g, variants="none")
    peer = _peer(records)
    size = f"{n_aliases:,} aliases"
    fns: dict[str, Callable[[], object]] = {
        "gazetag": _loop(t.tag, docs),
        "peer": _loop(peer, docs),
    }
    default = gazetag.Tagger(g, variants="default") if extra else None
    if default is not None:
        fns["gazetag default"] = _loop(default.tag, docs)
    times = bench_core.best_of(fns, repeat)
    out = [
        Target(
            f"`tag()` per document, {size}, `{layer}`",
            _mbs(n_bytes, times[key]),
            f"ahocorasick_rs {_mbs(n_bytes, times['peer'])}",
            times["peer"] / times[key],
            goal,
        )
        for layer, key, goal in (("none", "gazetag", 1.5), ("default", "gazetag default", 1.2))
        if key in times
    ]
    forked = (
        bench_core._ForkedShares(t, docs, 2)
        if "fork" in multiprocessing.get_all_start_methods()
        else None
    )
    ceiling = "forked"
    try:
        bt = bench_core.best_of(
            {
                "threads=1": lambda: t.tag_batch(docs, threads=1),
                "threads=2": lambda: t.tag_batch(docs, threads=2),
                **({ceiling: forked} if forked else {}),
                **(bench_core._frame_fns(t, docs) if extra else {}),
            },
            repeat,
        )
    finally:
        if forked:
            forked.close()
    note = f"threads=1 {_mbs(n_bytes, bt['threads=1'])}" + (
        f"; two forked processes {bt['threads=1'] / bt[ceiling]:.2f}x" if ceiling in bt else ""
    )
    out.append(
        Target(
            f"`tag_batch(threads=2)`, {size}",
            _mbs(n_bytes, bt["threads=2"]),
            note,
            bt["threads=1"] / bt["threads=2"],
            1.8,
        )
    )
    rows_py, frame = "tag_batch(threads=2) + rows in Python", "tag_frame(threads=2)"
    if frame in bt:
        out.append(
            Target(
                f"`tag_frame(threads=2)`, {size}",
                _mbs(n_bytes, bt[frame]),
                f"`tag_batch` + rows in Python {_mbs(n_bytes, bt[rows_py])}",
                bt[rows_py] / bt[frame],
                1.5,
            )
        )
    return out


def arabic_target(repeat: int, quick: bool) -> Target:
    """Arabic-script news against Latin-script news per byte, embedded gazetteer, `default`."""
    import gazetag
    from bench_variants import arabic_documents, embedded_documents

    t = gazetag.Tagger.default()
    arabic = arabic_documents(8 if quick else 40)
    latin = embedded_documents(60 if quick else 300)
    a_bytes = sum(len(d.encode()) for d in arabic)
    l_bytes = sum(len(d.encode()) for d in latin)
    times = bench_core.best_of(
        {"arabic": _loop(t.tag, arabic), "latin": _loop(t.tag, latin)}, repeat
    )
    a_speed, l_speed = a_bytes / times["arabic"], l_bytes / times["latin"]
    return Target(
        "Arabic-script news per byte, embedded gazetteer, `default`",
        _mbs(a_bytes, times["arabic"]),
        f"Latin-script news {_mbs(l_bytes, times['latin'])}",
        a_speed / l_speed,
        0.8,
    )


# The limits: RSS growth of a build (MB) by aliases and layer, the Gazetteer of 1M
# entities (MB), build time at 1M aliases (s), a build's peak over its final size, and how
# many times faster a load is than the build.
GROWTH_MB = {
    (32_000, "none"): 25,
    (32_000, "default"): 25,
    (1_000_000, "none"): 250,
    (1_000_000, "default"): 400,
}
GAZETTEER_MB = 200
BUILD_S = {"none": 3.0, "default": 5.0}
PEAK = 1.5
LOAD = 10.0
# Fresh processes each build and load below a million aliases is timed in, the best kept.
SMALL_RUNS = 3


def memory_targets(sizes: Sequence[int], gazetteer_entities: int, peers: bool) -> list[Target]:
    """The build, memory and load targets at these sizes (32,000 and 1,000,000 aliases), each
    step in a fresh process (``memory.py``'s children), the peers' builds beside the build-time
    rows when ``peers``; the Gazetteer alone at ``gazetteer_entities`` unless 0."""
    import tempfile

    import memory

    mb = memory._mb
    rows: list[Target] = []

    def within(what: str, n_bytes: float, limit_mb: int) -> Target:
        """A figure in bytes against a limit in MB, met at or below it."""
        ratio = n_bytes / (limit_mb * memory.MB)
        return Target(what, mb(n_bytes), f"limit {limit_mb} MB", ratio, 1.0, at_most=True)

    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            peer_builds = []
            if peers and n >= 1_000_000:
                for peer in ("ahocorasick_rs", "pyahocorasick"):
                    print(f"building {n:,} aliases with {peer} ...", flush=True)
                    p = memory._run_child(peer, str(n))
                    if p is not None:
                        peer_builds.append(f"{peer} {p['build_s']:.2f} s")
            for layer in ("none", "default"):
                print(f"building, saving and loading {n:,} aliases at `{layer}` ...", flush=True)
                path = str(Path(tmp) / f"t-{n}-{layer}.gzt")
                built = memory._run_child("gazetag", str(n), layer, path)
                loaded = memory._run_child("load", path) if built else None
                if not built or not loaded:
                    continue
                # Below a million aliases a build and a load take tens of milliseconds, where
                # one fresh process's time varies by a third: each is timed in SMALL_RUNS fresh
                # processes, the best kept (as the speed rows keep the best of their rounds).
                if n < 1_000_000:
                    for _ in range(SMALL_RUNS - 1):
                        again = memory._run_child("gazetag", str(n), layer, path)
                        if again is not None:
                            built["build_s"] = min(built["build_s"], again["build_s"])
                        more = memory._run_child("load", path)
                        if more is not None:
                            loaded["load_s"] = min(loaded["load_s"], more["load_s"])
                size = f"{n:,} aliases, `{layer}`"
                growth, peak = built["build_growth"], built["build_peak"]
                if (n, layer) in GROWTH_MB:
                    limit = GROWTH_MB[n, layer]
                    rows.append(
                        within(
                            f"RSS growth of the build, {size} (a process's first)", growth, limit
                        )
                    )
                    # The tagger's own: a process's first build also makes the tables every
                    # later one shares, which weigh at 32k.
                    warm = None
                    if n < 1_000_000:
                        warm = memory._run_child("gazetag", str(n), layer, path + ".w", "warm")
                    if warm is not None:
                        rows.append(
                            within(
                                f"RSS growth of the build, {size} (after one before it)",
                                warm["build_growth"],
                                limit,
                            )
                        )
                        os.remove(path + ".w")
                if n >= 1_000_000:
                    rows.append(
                        Target(
                            f"build's peak over its final size, {size}",
                            f"peak {mb(peak)}",
                            f"final {mb(growth)}",
                            peak / growth,
                            PEAK,
                            at_most=True,
                        )
                    )
                    limit_s = BUILD_S[layer]
                    rows.append(
                        Target(
                            f"build time, {size}",
                            f"{built['build_s']:.2f} s",
                            "; ".join([f"limit {limit_s:g} s", *peer_builds]),
                            built["build_s"] / limit_s,
                            1.0,
                            at_most=True,
                        )
                    )
                rows.append(
                    Target(
                        f"`Tagger.load` against the build, {size}",
                        f"{loaded['load_s']:.3f} s",
                        f"build {built['build_s']:.2f} s",
                        built["build_s"] / loaded["load_s"],
                        LOAD,
                    )
                )
                # A load reads the Gazetteer too; a build is given it.
                with_gazetteer = growth + built["gazetteer_growth"]
                rows.append(
                    Target(
                        f"RSS growth of the load, {size}",
                        mb(loaded["load_growth"]),
                        f"build {mb(growth)} + its Gazetteer {mb(built['gazetteer_growth'])}",
                        loaded["load_growth"] / with_gazetteer,
                        1.0,
                        at_most=True,
                    )
                )
                os.remove(path)
    if gazetteer_entities:
        print(f"making a Gazetteer of {gazetteer_entities:,} entities ...", flush=True)
        gz = memory._run_child("gazetteer", str(gazetteer_entities))
        if gz is not None:
            rows.append(
                within(
                    f"RSS growth of a Gazetteer of {gz['entities']:,} entities",
                    gz["gazetteer_growth"],
                    GAZETTEER_MB,
                )
            )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="349 and 32,000 aliases, best of 1")
    ap.add_argument(
        "--sizes", type=int, nargs="+", help="dictionary sizes in aliases (32000: also default)"
    )
    ap.add_argument("--docs", type=int, help="~3 KB documents per size (2,000; quick 300)")
    ap.add_argument("--repeat", type=int, help="timed rounds, best kept (3; quick 1)")
    ap.add_argument(
        "--no-memory",
        action="store_true",
        help="leave out the build, memory and load rows (fresh processes, minutes)",
    )
    ap.add_argument(
        "--no-peers",
        action="store_true",
        help="leave out the peers' builds beside the build-time rows",
    )
    ap.add_argument("--out", type=Path, default=RESULTS, help="markdown output file")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([349, 32_000] if args.quick else [349, 32_000, 1_000_000])
    n_docs = args.docs or (300 if args.quick else 2000)
    repeat = args.repeat or (1 if args.quick else 3)
    try:
        import ahocorasick_rs  # noqa: F401
    except ImportError:
        print("ahocorasick_rs is needed: pip install ahocorasick-rs", file=sys.stderr)
        return 2

    rows: list[Target] = []
    for n in sizes:
        print(f"timing {n:,} aliases ...", flush=True)
        rows += size_targets(n, n_docs, repeat, extra=n == 32_000)
    print("timing Arabic-script news ...", flush=True)
    rows.append(arabic_target(repeat, args.quick))
    if not args.no_memory:
        memory_sizes = [n for n in sizes if n >= 32_000]
        entities = 0 if args.quick else 1_000_000
        rows += memory_targets(memory_sizes, entities, peers=not args.no_peers)

    import gazetag

    lines = [
        "# Issue 13's targets",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M')}, {'quick' if args.quick else 'full'} run, "
        f"{n_docs:,} documents of ~3 KB per size, best of {repeat} after a warm-up",
        f"- Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {bench_core._load()} at the end; gazetag "
        f"{getattr(gazetag, '__version__', '?')}, ahocorasick_rs "
        f"{bench_core._version('ahocorasick_rs')}",
        "",
        "| target | gazetag | compared with | ratio | target | this run |",
        "|---|---:|---|---:|---:|---|",
        *(r.line() for r in rows),
        "",
    ]
    bench_core.write_report("\n".join(lines), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
