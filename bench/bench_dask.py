"""Dask worker layouts on one machine: processes or threads, and who owns the cores.

    python bench/bench_dask.py            # 4,000 documents of ~3 KB, best of 3
    python bench/bench_dask.py --quick    # 800 documents, best of 1
    python bench/bench_dask.py --docs 12000 --partitions 24 --repeat 5

`Tagger.tag_batch` and `tag_frame` release the GIL and use every core when ``threads=None``,
and Dask runs several partitions at once; this measures which of the two should own the cores.
Each layout gets its own `distributed.LocalCluster`; the documents are persisted on the
workers and the tagger is scattered as a `SharedTagger` (rebuilt once per worker process)
before anything is timed, so the figures are tagging and frame building, plus Dask's overhead
per partition. In-process `tag_frame` over all documents is timed for reference. Results go to
stdout and bench/results/dask.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402
import gazetag  # noqa: E402
import pandas as pd  # noqa: E402
from data import make_dictionary, make_documents  # noqa: E402  (needs the path above)
from gazetag.distributed import SharedTagger  # noqa: E402

RESULTS = HERE / "results" / "dask.md"

# (processes, threads per process, tag_frame's threads)
LAYOUTS: list[tuple[int, int, int | None]] = [
    (2, 1, 1),
    (2, 1, None),
    (1, 2, 1),
    (1, 1, None),
]


def tag_part(part: pd.DataFrame, shared: SharedTagger, threads: int | None) -> pd.DataFrame:
    return shared.get().tag_frame(part["text"], ids=pd.Index(part["id"]), threads=threads)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: rebuilds the tagger in each worker, fills caches
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run_layout(
    layout: tuple[int, int, int | None],
    df: pd.DataFrame,
    shared: SharedTagger,
    meta: pd.DataFrame,
    npartitions: int,
    repeat: int,
) -> tuple[float, int]:
    processes, threads_per_worker, threads = layout
    with (
        distributed.LocalCluster(
            n_workers=processes,
            threads_per_worker=threads_per_worker,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ddf = client.persist(dd.from_pandas(df, npartitions=npartitions))
        distributed.wait(ddf)
        handle = client.scatter(shared, broadcast=True, hash=False)
        rows: list[int] = []

        def job() -> None:
            tagged = ddf.map_partitions(tag_part, handle, threads, meta=meta)
            rows.append(len(tagged))

        seconds = best_of(job, repeat)
    return seconds, rows[-1]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="800 documents, best of 1")
    ap.add_argument("--docs", type=int, help="documents of ~3 KB (4,000; quick 800)")
    ap.add_argument("--partitions", type=int, default=16, help="Dask partitions (16)")
    ap.add_argument("--repeat", type=int, help="timed rounds, best kept (3; quick 1)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="markdown output file")
    args = ap.parse_args(argv)
    n_docs = args.docs or (800 if args.quick else 4000)
    repeat = args.repeat or (1 if args.quick else 3)

    records = make_dictionary(30000, seed=0)
    tagger = gazetag.Tagger(gazetag.Gazetteer.from_records(records), variants="default")
    texts = make_documents(n_docs, records, doc_bytes=3000, seed=1)
    n_bytes = sum(len(t.encode()) for t in texts)
    df = pd.DataFrame({"id": [f"doc-{i:05d}" for i in range(n_docs)], "text": texts})
    shared = SharedTagger(tagger)
    meta = tagger.tag_frame([], ids=pd.Index([], dtype=dd.from_pandas(df, 1)["id"].dtype))

    rows: list[tuple[str, float, Any]] = []
    for threads in (1, None):
        seconds = best_of(lambda t=threads: tagger.tag_frame(df["text"], threads=t), repeat)
        rows.append((f"no Dask: `tag_frame(all, threads={threads})`", seconds, "-"))
    for layout in LAYOUTS:
        processes, per_worker, threads = layout
        name = f"{processes} process(es) × {per_worker} thread(s), `tag_frame(threads={threads})`"
        print(f"timing {name} ...", flush=True)
        seconds, n_rows = run_layout(layout, df, shared, meta, args.partitions, repeat)
        rows.append((name, seconds, f"{n_rows:,}"))

    lines = [
        "# Dask layouts on one machine",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M')}; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs; dask {metadata.version('dask')}; best of "
        f"{repeat} after a warm-up",
        f"- {n_docs:,} documents, {n_bytes / 1e6:.1f} MB, in {args.partitions} partitions; "
        f"tagger: {len(records):,} entities, {tagger.pattern_count:,} patterns, variants default",
        "",
        "| layout | time (s) | MB/s | match rows |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds, n_rows in rows:
        lines.append(f"| {name} | {seconds:.2f} | {n_bytes / 1e6 / seconds:.1f} | {n_rows} |")
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
