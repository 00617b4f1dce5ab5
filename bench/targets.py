"""Issue 13's speed and parallelism targets, each measured in one run and read as a ratio.

    python bench/targets.py            # 349, 32,000 and 1,000,000 aliases (several minutes)
    python bench/targets.py --quick    # 349 and 32,000 aliases, fewer documents, best of 1

Every size times `tag()` per document at `variants="none"` and `tag_batch` with one and two
threads; at 32,000 aliases also the `default` layer and `tag_frame`. One row per target: what
is measured, gazetag's figure, what it is compared with (the peer timed in the same rounds, or
another measure of gazetag), the ratio, the target and whether this run met it. The machine
this runs on is shared and noisy, so every ratio is taken from contenders timed in turn within
the same rounds (``bench_core.best_of``). The peer is ahocorasick_rs adapted to the same task
as in ``bench_core.py``: its aliases lower-cased, leftmost-longest, each text lower-cased
before the search. The targets on build time, memory and load are measured in fresh processes
by ``bench/memory.py``.

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
    """One line of the table: gazetag's figure against what it is compared with."""

    what: str
    ours: str
    against: str
    ratio: float
    goal: float

    def line(self) -> str:
        met = "met" if self.ratio >= self.goal else "not met"
        return (
            f"| {self.what} | {self.ours} | {self.against} | {self.ratio:.2f}x | "
            f"{self.goal:g}x | {met} |"
        )


def _mbs(n_bytes: int, seconds: float) -> str:
    return f"{n_bytes / 1e6 / seconds:.1f} MB/s"


def _loop(tag: Callable[[str], object], docs: Sequence[str]) -> Callable[[], object]:
    return lambda: [tag(d) for d in docs]


def _peer(records: Sequence[Any]) -> Callable[[str], object]:
    import ahocorasick_rs

    ac = ahocorasick_rs.AhoCorasick(
        bench_core._lowered_patterns(records), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
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


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="349 and 32,000 aliases, best of 1")
    ap.add_argument(
        "--sizes", type=int, nargs="+", help="dictionary sizes in aliases (32000: also default)"
    )
    ap.add_argument("--docs", type=int, help="~3 KB documents per size (2,000; quick 300)")
    ap.add_argument("--repeat", type=int, help="timed rounds, best kept (3; quick 1)")
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

    import gazetag

    lines = [
        "# Issue 13's speed targets",
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
