"""Memory, build and load at scale (issue 13): where a big tagger's memory goes.

    python bench/memory.py                       # 32k and 1M aliases, variants none and default
    python bench/memory.py --aliases 32000 --variants none
    python bench/memory.py --quick               # 32k aliases only
    python bench/memory.py --gazetteer-only --gazetteer-entities 100000 1000000

Every measurement runs in a fresh child process, so that memory freed by one step cannot be
reused by the next one and each RSS growth is the step's own: the child makes the dictionary
records first (not counted), then reads its resident set size (``VmRSS`` of
``/proc/self/status``) before and after the step, and its peak (``VmHWM``, reset before the
step through ``/proc/self/clear_refs``). Timings on a shared machine are noisy; memory is not,
so read it first, and the build/load ratio of one run (the build and the load of a row run one
after the other, each in its own child) rather than either time. A load's RSS growth includes
the Gazetteer it reads; a build's does not (it is given one): compare the load's with the
build's plus "Gazetteer alone" of the heap lines.

For gazetag the child also reports the heap bytes of each part of the tagger
(``Tagger._memory()``: gazetteer, targets, target strings, each automaton as the aho-corasick
crate counts it), which say what to shrink. The peers (ahocorasick_rs, pyahocorasick) are built
from the lower-cased, de-duplicated aliases, as bench_core.py builds them.

The table goes to stdout and to bench/results/memory.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import alias_texts, make_dictionary  # noqa: E402  (needs the path above)

RESULTS = Path(__file__).resolve().parent / "results" / "memory.md"
MB = 1e6


def _status(field: str) -> int:
    """A ``kB`` field of /proc/self/status, in bytes."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        pass


class Step:
    """RSS growth, peak growth and wall time of the code run inside ``with``."""

    def __enter__(self) -> Step:
        gc.collect()
        self.rss0 = _status("VmRSS")
        _reset_peak()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        gc.collect()
        self.growth = _status("VmRSS") - self.rss0
        self.peak = _status("VmHWM") - self.rss0


# --------------------------------------------------------------------------------------------
# Children: one measurement each, printed as one JSON line
# --------------------------------------------------------------------------------------------


def _records(n_aliases: int, n_entities: int | None = None) -> list[dict[str, Any]]:
    records = make_dictionary(n_aliases, seed=0)
    if n_entities:
        # More entities than the generator makes for this many aliases: the same records again,
        # each copy under ids of its own.
        out = list(records)
        k = 1
        while len(out) < n_entities:
            out.extend({**r, "id": f"{r['id']}#{k}"} for r in records[: n_entities - len(out)])
            k += 1
        records = out
    return records


def child_gazetag(n_aliases: int, variants: str, path: str, warm: bool = False) -> dict[str, Any]:
    """Builds, measures and saves a tagger; with ``warm``, after a small tagger of each layer
    has been built and used, so that the tables a process makes once (English words, places,
    cue words, the pool's threads) are not counted in this build."""
    import gazetag

    records = _records(n_aliases)
    with Step() as gs:
        g = gazetag.Gazetteer.from_records(records)
    if warm:
        small = gazetag.Gazetteer.from_records(_records(300))
        for layer in ("none", "default"):
            gazetag.Tagger(small, variants=layer).tag("Kataib Hizballah fired near Baghdad.")
        del small
        gc.collect()
    with Step() as ts:
        t = gazetag.Tagger(g, variants=variants)
    parts = t._memory()
    # Saving builds the double array that replaces the contiguous NFA in the file (format 3).
    with Step() as ss:
        t.save(path)
    return {
        "save_s": ss.seconds,
        "save_peak": ss.peak,
        "entities": len(g),
        "aliases": len(alias_texts(records)),
        "patterns": t.pattern_count,
        "gazetteer_growth": gs.growth,
        "build_s": ts.seconds,
        "build_growth": ts.growth,
        "build_peak": ts.peak,
        "file_bytes": os.path.getsize(path),
        "parts": parts,
    }


def child_load(path: str) -> dict[str, Any]:
    import gazetag

    with Step() as ls:
        t = gazetag.Tagger.load(path)
    return {"load_s": ls.seconds, "load_growth": ls.growth, "load_peak": ls.peak,
            "patterns": t.pattern_count}


def child_gazetteer(n_entities: int) -> dict[str, Any]:
    import gazetag

    # About 2.4 aliases per entity: the generator's mix.
    records = _records(max(32, n_entities * 12 // 10), n_entities)
    with Step() as gs:
        g = gazetag.Gazetteer.from_records(records)
    memory = getattr(g, "_memory", None)  # heap bytes by part, where the build has it
    return {"entities": len(g), "aliases": len(alias_texts(records)),
            "gazetteer_growth": gs.growth, "gazetteer_peak": gs.peak, "seconds": gs.seconds,
            "parts": memory() if memory else {}}


def _gazetteer_line(gz: dict[str, Any]) -> str:
    n = gz["entities"]
    parts = ", ".join(f"{k} {_mb(v)} ({v / n:,.0f} B)" for k, v in gz["parts"].items())
    return (
        f"- Gazetteer alone, {n:,} entities, {gz['aliases']:,} aliases: RSS growth "
        f"{_mb(gz['gazetteer_growth'])} ({gz['gazetteer_growth'] / n:,.0f} bytes an entity), "
        f"peak {_mb(gz['gazetteer_peak'])}, {gz['seconds']:.1f} s from records"
        + (f"; heap by part: {parts}" if parts else "")
    )


def child_peer(name: str, n_aliases: int) -> dict[str, Any]:
    records = _records(n_aliases)
    patterns = list(dict.fromkeys(a.lower() for a in alias_texts(records)))
    del records
    if name == "ahocorasick_rs":
        import ahocorasick_rs

        with Step() as s:
            m = ahocorasick_rs.AhoCorasick(
                patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
    else:
        import ahocorasick

        with Step() as s:
            m = ahocorasick.Automaton()
            for i, p in enumerate(patterns):
                m.add_word(p, (i, len(p)))
            m.make_automaton()
    assert m is not None
    return {"build_s": s.seconds, "build_growth": s.growth, "build_peak": s.peak}


def _run_child(*args: str) -> dict[str, Any] | None:
    cmd = [sys.executable, __file__, "--child", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        err = proc.stderr.strip().splitlines()
        print(f"[skip] {' '.join(args)}: {err[-1] if err else proc.returncode}", flush=True)
        return None
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _row(lines: list[str], row: str) -> None:
    # Printed as soon as measured: a long run shows what it has so far.
    print(row, flush=True)
    lines.append(row)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _mb(n: float) -> str:
    return f"{n / MB:,.0f} MB" if abs(n) >= 10 * MB else f"{n / MB:,.1f} MB"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="32k aliases only")
    ap.add_argument("--aliases", type=int, nargs="+", help="dictionary sizes (32000 1000000)")
    ap.add_argument("--variants", nargs="+", default=["none", "default"])
    ap.add_argument("--gazetteer-entities", type=int, nargs="+", default=[1_000_000],
                    help="entities of the Gazetteer-alone measurements (0: skip them)")
    ap.add_argument("--gazetteer-only", action="store_true",
                    help="only the Gazetteer-alone measurements (issue 13's 200 MB target)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    if args.child:
        what, *rest = args.child
        if what == "gazetag":
            out = child_gazetag(int(rest[0]), rest[1], rest[2], warm=rest[3:] == ["warm"])
        elif what == "load":
            out = child_load(rest[0])
        elif what == "gazetteer":
            out = child_gazetteer(int(rest[0]))
        else:
            out = child_peer(what, int(rest[0]))
        print(json.dumps(out))
        return 0

    sizes = args.aliases or ([32_000] if args.quick else [32_000, 1_000_000])
    if args.quick:
        args.gazetteer_entities = [min(n, 100_000) for n in args.gazetteer_entities]
    if args.gazetteer_only:
        sizes = []
    lines = [
        "# gazetag memory, build and load",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M')}; load average {os.getloadavg()[0]:.2f}; gazetag "
        f"{_version('gazetag')}, ahocorasick_rs {_version('ahocorasick-rs')}, pyahocorasick "
        f"{_version('pyahocorasick')}",
        "- growth: RSS after the step less RSS before it; peak: highest RSS during the step "
        "less RSS before it; each step in a fresh process",
        "",
        "| aliases | library | build (s) | RSS growth | peak | load (s) | build/load "
        "| load RSS growth | load peak | file | save (s) | save peak |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    parts_lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for variants in args.variants:
                path = str(Path(tmp) / f"t-{n}-{variants}.gzt")
                print(f"gazetag {n:,} aliases, variants={variants} ...", flush=True)
                r = _run_child("gazetag", str(n), variants, path)
                if r is None:
                    continue
                ld = _run_child("load", path) or {}
                load_s = ld.get("load_s", float("nan"))
                _row(
                    lines,
                    f"| {r['aliases']:,} | gazetag `{variants}` | {r['build_s']:.2f} | "
                    f"{_mb(r['build_growth'])} | {_mb(r['build_peak'])} | {load_s:.2f} | "
                    f"{r['build_s'] / load_s:.1f}× | {_mb(ld.get('load_growth', 0))} | "
                    f"{_mb(ld.get('load_peak', 0))} | "
                    f"{_mb(r['file_bytes'])} | {r['save_s']:.2f} | {_mb(r['save_peak'])} |"
                )
                parts = sorted(r["parts"].items(), key=lambda kv: -kv[1])
                parts_lines.append(
                    f"- {r['aliases']:,} aliases, {r['entities']:,} entities, "
                    f"{r['patterns']:,} patterns, `{variants}` (Gazetteer alone: "
                    f"{_mb(r['gazetteer_growth'])} RSS): "
                    + ", ".join(f"{k} {_mb(v)}" for k, v in parts if v)
                )
                os.remove(path)
            if not args.no_peers:
                for peer in ("ahocorasick_rs", "pyahocorasick"):
                    print(f"{peer} {n:,} aliases ...", flush=True)
                    p = _run_child(peer, str(n))
                    if p is not None:
                        _row(
                            lines,
                            f"| {n:,} | {peer} | {p['build_s']:.2f} | {_mb(p['build_growth'])} "
                            f"| {_mb(p['build_peak'])} | - | - | - | - | - | - | - |"
                        )
    for n in (n for n in args.gazetteer_entities if n):
        print(f"Gazetteer of {n:,} entities ...", flush=True)
        gz = _run_child("gazetteer", str(n))
        if gz is not None:
            _row(parts_lines, _gazetteer_line(gz))
    lines += ["", "Heap bytes by part (`Tagger._memory()`):", "", *parts_lines, ""]
    report = "\n".join(lines)
    print("\n" + report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
