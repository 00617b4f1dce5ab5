"""Dask: the recipes of docs/scaling.md on a two-process cluster.

A bag and a dataframe tagged on the cluster give the serial results, and the tagger is rebuilt
at most once per worker process, not once per partition. The cluster starts once for the module.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import gazetag
import pytest
from doc_sections import run_section
from gazetag.distributed import SharedTagger

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")
cloudpickle = pytest.importorskip("cloudpickle")

# Ship this module's functions by value, as Dask ships a notebook's: the workers then need not
# import the test module, and the recipes are checked in the setting users run them in.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

N_WORKERS = 2

SENTENCES = [
    "Kataib Hizballah denied any role in the drone strike near Ain al-Assad on Tuesday.",
    "Muqtada al-Sadr told his followers to stay off the streets of Baghdad.",
    "The Popular Mobilization Forces moved two brigades north of Tikrit overnight.",
    "Officials at Ain al-Asad said the rockets fell short of the runway.",
    "A spokesman for the PMF said the convoy had been hit by an airstrike.",
    "Nothing in this sentence names anyone at all.",
    "Sadr's bloc and Kata'ib Hezbollah traded accusations over the vote in Najaf.",
    "Asaib Ahl al-Haq fighters were seen at a checkpoint outside Samarra.",
    "",
    "Prime Minister Mustafa al-Kadhimi ordered an inquiry after the attack on Erbil airport.",
]

Match = tuple[Any, int, int, str, str]


# Gaps as pandas and CSV files have them: every 7th text is missing, as None, NaN or pd.NA.
GAPS: list[Any] = [None, float("nan"), pd.NA]


def make_texts(n: int) -> list[Any]:
    """``n`` texts cycling through the sentences, each with its number so that none repeat,
    and every 7th one missing."""
    return [
        GAPS[(i // 7) % len(GAPS)] if i % 7 == 3 else f"{SENTENCES[i % len(SENTENCES)]} (Item {i}.)"
        for i in range(n)
    ]


def as_tuples(doc: Any, matches: list[gazetag.Match]) -> list[Match]:
    return [(doc, m.start, m.end, m.entity_id, m.rule) for m in matches]


# --------------------------------------------------------------------------------------------
# The recipes: what runs on the workers
# --------------------------------------------------------------------------------------------


def tag_pairs(pairs: list[tuple[int, Any]], shared: SharedTagger) -> list[Match]:
    """Bag partition of (doc, text) pairs -> one tuple per match; missing texts give none."""
    tagger = shared.get()
    docs = [doc for doc, _ in pairs]
    texts = [text for _, text in pairs]
    return [
        row
        for doc, matches in zip(docs, tagger.tag_batch(texts, threads=1, on_missing="skip"))
        for row in as_tuples(doc, matches or [])
    ]


def tag_part(part: Any, shared: SharedTagger) -> Any:
    """DataFrame partition with ``id`` and ``text`` columns -> one row per match."""
    # An Index keeps the id column's dtype, so the doc column matches the meta below. Missing
    # texts give no rows (on_missing="skip", the default).
    return shared.get().tag_frame(part, column="text", ids=pd.Index(part["id"]), threads=1)


def tag_with_plain_tagger(texts: list[Any], tagger: gazetag.Tagger) -> list[int]:
    return [len(m) for m in tagger.tag_batch(texts, threads=1, on_missing="empty")]


# --------------------------------------------------------------------------------------------
# Counting rebuilds in the workers
# --------------------------------------------------------------------------------------------


def count_rebuilds() -> None:
    """Counts, from now on in this process, every tagger built from bytes: by unpickling a
    `Tagger` or by `SharedTagger.get`. Calling it again resets the counts."""
    import gazetag._gazetag as native
    import gazetag.distributed as shared_module

    def wrap(fn: Any) -> Any:
        original = getattr(fn, "original", fn)

        def counted(data: bytes) -> gazetag.Tagger:
            counted.calls += 1  # type: ignore[attr-defined]
            return original(data)

        counted.calls = 0  # type: ignore[attr-defined]
        counted.original = original  # type: ignore[attr-defined]
        # Pickle finds the reconstructor by name and checks it is the module's: the wrapper
        # takes its name, so a worker can still pickle a tagger to send it to another one.
        counted.__module__, counted.__qualname__ = fn.__module__, fn.__qualname__
        counted.__name__ = fn.__name__
        return counted

    native._tagger_from_bytes = wrap(native._tagger_from_bytes)
    shared_module._rebuild = wrap(shared_module._rebuild)


def rebuilds() -> dict[str, int]:
    import gazetag._gazetag as native
    import gazetag.distributed as shared_module

    return {
        "unpickled": native._tagger_from_bytes.calls,  # type: ignore[attr-defined]
        "shared": shared_module._rebuild.calls,  # type: ignore[attr-defined]
    }


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=N_WORKERS, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    return gazetag.Tagger.default()


@pytest.fixture(scope="module")
def texts() -> list[Any]:
    return make_texts(200)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_texts_find_entities(tagger: gazetag.Tagger, texts: list[Any]) -> None:
    found = {m.entity_id for ms in tagger.tag_batch(texts, on_missing="empty") for m in ms}
    assert {"kataib-hezbollah", "ain-al-asad-air-base", "muqtada-al-sadr"} <= found
    assert sum(1 for t in texts if not isinstance(t, str)) == 29


def test_bag_equals_serial(client: Any, tagger: gazetag.Tagger, texts: list[Any]) -> None:
    shared = client.scatter(SharedTagger(tagger), broadcast=True, hash=False)
    bag = db.from_sequence(list(enumerate(texts)), npartitions=4)
    got = bag.map_partitions(tag_pairs, shared).compute()
    expected = [
        row
        for doc, matches in enumerate(tagger.tag_batch(texts, on_missing="empty"))
        for row in as_tuples(doc, matches)
    ]
    assert len(expected) > 100
    assert sorted(got) == sorted(expected)


def test_dataframe_equals_serial(client: Any, tagger: gazetag.Tagger, texts: list[Any]) -> None:
    df = pd.DataFrame({"id": [f"wire-{i:04d}" for i in range(len(texts))], "text": texts})
    ddf = dd.from_pandas(df, npartitions=4)
    meta = tagger.tag_frame([], ids=pd.Index([], dtype=ddf["id"].dtype))
    shared = client.scatter(SharedTagger(tagger), broadcast=True, hash=False)
    result = ddf.map_partitions(tag_part, shared, meta=meta)
    got = result.compute()
    assert list(got.dtypes) == list(meta.dtypes)

    expected = tagger.tag_frame(df["text"].fillna(""), ids=df["id"])
    assert len(expected) > 100
    # Dask stores the id column as Arrow-backed strings; the values are what must agree.
    got = got.astype({"doc": expected["doc"].dtype})
    order = ["doc", "start"]
    pd.testing.assert_frame_equal(
        got.sort_values(order).reset_index(drop=True),
        expected.sort_values(order).reset_index(drop=True),
    )


def test_tagger_is_rebuilt_once_per_worker_not_per_partition(client: Any) -> None:
    # A tagger no worker has seen yet (the other tests use the "default" layer).
    tagger = gazetag.Tagger.default(variants="none")
    texts = make_texts(240)
    n_partitions = 12
    client.run(count_rebuilds)

    shared = client.scatter(SharedTagger(tagger), broadcast=True, hash=False)
    bag = db.from_sequence(list(enumerate(texts)), npartitions=n_partitions)
    bag_rows = bag.map_partitions(tag_pairs, shared).compute()
    df = pd.DataFrame({"id": range(len(texts)), "text": texts})
    ddf = dd.from_pandas(df, npartitions=n_partitions)
    meta = tagger.tag_frame([], ids=pd.Index([], dtype=ddf["id"].dtype))
    frame = ddf.map_partitions(tag_part, shared, meta=meta).compute()
    # A second computation: Dask may have dropped a worker's copy of the handle meanwhile
    # (its memory manager keeps one replica of data no task waits for) and fetch it again.
    again = bag.map_partitions(tag_pairs, shared).compute()

    counts = client.run(rebuilds)
    assert len(counts) == N_WORKERS
    per_worker = [c["shared"] + c["unpickled"] for c in counts.values()]
    assert all(n <= 1 for n in per_worker), counts
    assert sum(per_worker) >= 1, counts
    assert len(bag_rows) == len(frame) == len(again) > 0

    # The control: a tagger passed as it is travels inside every task and is rebuilt per
    # partition, which shows that the counters above count.
    client.run(count_rebuilds)
    plain = db.from_sequence(texts, npartitions=n_partitions)
    plain.map_partitions(tag_with_plain_tagger, tagger).compute()
    unpickled = sum(c["unpickled"] for c in client.run(rebuilds).values())
    assert unpickled > N_WORKERS, (
        f"{unpickled} rebuilds for {n_partitions} partitions: Dask no longer unpickles an inline "
        "tagger per task; docs/scaling.md says it does"
    )


def test_docs_recipes_run(client: Any) -> None:
    result = run_section("scaling.md", "Dask", {"client": client})
    assert result.attempted >= 10
    assert result.failed == 0


def test_dask_token_of_a_shared_tagger_needs_no_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.base import tokenize

    def fail(data: bytes) -> gazetag.Tagger:
        raise AssertionError("tokenize rebuilt the tagger")

    shared = SharedTagger(gazetag.Tagger.default())
    monkeypatch.setattr(gazetag.distributed, "_rebuild", fail)
    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})
    assert tokenize(shared) == tokenize(shared)
    # Two handles on one tagger get two keys when scattered (see the test below).
    assert tokenize(shared) != tokenize(SharedTagger(gazetag.Tagger.default()))


def scatter_and_tag(client: Any, handle: SharedTagger, texts: list[str], **scatter: Any) -> int:
    """Scatters the handle, tags on the cluster and lets the future go, as a helper function
    in a user's script does. A lost scatter shows as a timeout here, not as a hung run."""
    future = client.scatter(handle, broadcast=True, **scatter)
    bag = db.from_sequence(texts, npartitions=4).map_partitions(tag_with_shared, future)
    return sum(client.compute(bag).result(timeout=60))


def tag_with_shared(texts: list[Any], shared: SharedTagger) -> list[int]:
    return [len(m) for m in shared.get().tag_batch(texts, threads=1, on_missing="empty")]


def test_scattering_the_same_tagger_again_and_again(client: Any, tagger: gazetag.Tagger) -> None:
    # Scattered with Dask's default hash=True, equal handles shared one key, and a scatter
    # right after the previous future's release could lose the data: the computation then
    # waited forever (seen with distributed 2026.8 in CI and in about one loop of ten here).
    texts = make_texts(40)
    expected = sum(len(m) for m in tagger.tag_batch(texts, on_missing="empty"))
    assert expected > 10
    # New handles with Dask's default hashing: each handle has a token of its own.
    for _ in range(8):
        assert scatter_and_tag(client, SharedTagger(tagger), texts) == expected
    # One handle scattered again and again, as docs/scaling.md says: hash=False.
    shared = SharedTagger(tagger)
    for _ in range(8):
        assert scatter_and_tag(client, shared, texts, hash=False) == expected


def test_docs_script_runs_as_a_script(tmp_path: Any) -> None:
    """docs/scaling.md's Dask recipe pasted into a file: it starts its cluster under the main
    guard, finishes, and exits (a client left open would keep it waiting)."""
    import re
    import subprocess
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "scaling.md").read_text("utf-8")
    found = re.search(r"<!-- script: dask -->\n```python\n(.*?)\n```", page, re.S)
    assert found, "the script block is gone from docs/scaling.md"
    script = tmp_path / "tag_news.py"
    script.write_text(found.group(1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    assert [line.split() for line in lines[1:4]] == [
        ["w1", "Kataib", "Hizballah", "kataib-hezbollah"],
        ["w1", "Ain", "al-Assad", "ain-al-asad-air-base"],
        ["w3", "Muqtada", "al-Sadr", "muqtada-al-sadr"],
    ], done.stdout
