"""One tagger shared by threads, and tag_batch, give exactly the serial results."""

from __future__ import annotations

import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import gazetag
import pytest

WORDS = ["Kadhimi", "al-Kadhimi", "K-1", "K 1", "KH", "kh", "Iran", "Iranian", "Sadr", "the",
         "base", "Kata’ib", "Hezbollah", "said", "😀", "ß", "İstanbul", "\n", "—", "crisis"]


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer.from_records([
        {"id": "kadhimi", "name": "Mustafa al-Kadhimi", "label": "PERSON",
         "aliases": ["Kadhimi", "al-Kadhimi"]},
        {"id": "k1", "name": "K1", "label": "BASE"},
        {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH"]},
        {"id": "iran", "name": "Iran", "label": "COUNTRY"},
        {"id": "sadr", "name": "Sadr", "label": "PERSON"},
        {"id": "istanbul", "name": "Istanbul", "label": "CITY"},
    ])
    return gazetag.Tagger(g)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 400))) for _ in range(300)]


def test_eight_threads_share_one_tagger(tagger: gazetag.Tagger, texts: list[str]) -> None:
    serial = [tagger.tag(t) for t in texts]
    assert sum(map(len, serial)) > 1000
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(tagger.tag, texts)) == serial


@pytest.mark.parametrize("threads", [None, 1, 2, 8])
def test_tag_batch_equals_serial(
    tagger: gazetag.Tagger, texts: list[str], threads: int | None
) -> None:
    assert tagger.tag_batch(texts, threads=threads) == [tagger.tag(t) for t in texts]


@pytest.mark.parametrize("threads", [1, 2])
def test_tag_batch_keeps_order_across_many_chunks_and_big_texts(
    tagger: gazetag.Tagger, texts: list[str], threads: int
) -> None:
    """Chunks run ahead on the pool (issue 13) and a text of a megabyte or more is tagged on
    its own once every chunk before it is delivered: the results still come in input order."""
    big = " ".join(texts) * 4  # over 1 MB: a chunk of its own
    assert len(big.encode()) > 1 << 20
    batch = [big, *texts * 4, big[:100], big, *texts * 3, big]
    serial = {t: tagger.tag(t) for t in set(batch)}
    assert tagger.tag_batch(batch, threads=threads) == [serial[t] for t in batch]


def test_tag_batch_takes_any_iterable(tagger: gazetag.Tagger, texts: list[str]) -> None:
    expected = [tagger.tag(t) for t in texts[:10]]
    assert tagger.tag_batch(t for t in texts[:10]) == expected
    assert tagger.tag_batch(tuple(texts[:10])) == expected


def test_tag_batch_from_threads(tagger: gazetag.Tagger, texts: list[str]) -> None:
    expected = tagger.tag_batch(texts, threads=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: tagger.tag_batch(texts, threads=2), range(4)))
    assert all(r == expected for r in results)


def test_tag_batch_from_threads_on_the_shared_pool(
    tagger: gazetag.Tagger, texts: list[str]
) -> None:
    expected = tagger.tag_batch(texts, threads=1)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: tagger.tag_batch(texts), range(8)))
    assert all(r == expected for r in results)


FORK_CHILD = """
import multiprocessing, sys
import gazetag

tagger = gazetag.Tagger.default()
texts = ["Kata'ib Hezbollah fired on K-1 near Kirkuk."] * 64
parent = tagger.tag_batch(texts)  # builds the shared pool in the parent
assert tagger.tag_batch(texts, threads=2) == parent  # and the kept pool of two threads

def child(queue):
    queue.put((tagger.tag_batch(texts), tagger.tag_batch(texts, threads=2)))

ctx = multiprocessing.get_context("fork")
queue = ctx.Queue()
proc = ctx.Process(target=child, args=(queue,))
proc.start()
shared, own = queue.get(timeout=60)
proc.join(timeout=60)
print(shared == parent, own == parent, sum(map(len, parent)) > 0, proc.exitcode)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="fork() is the default start method on Linux")
def test_tag_batch_in_a_forked_child() -> None:
    # The parent's worker threads do not survive fork(); a child that waited on them would hang,
    # hence a fresh interpreter and a timeout.
    assert printed_by(FORK_CHILD) == ["True", "True", "True", "0"]


def printed_by(script: str) -> list[str]:
    """The words a script prints, run in a fresh interpreter with a timeout (what it guards
    against is a hang)."""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180, check=False
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


FORK_LOAD = """
import multiprocessing, pickle, sys, tempfile, os
import gazetag

text = "Kata'ib Hezbollah fired on K-1 Air Base near Kirkuk, Kadhimi said."
path = os.path.join(tempfile.mkdtemp(), "t.gzt")
tagger = gazetag.Tagger.default()
tagger.save(path)
gazetteer = pickle.dumps(gazetag.Gazetteer.default())
# The parent reads and builds on its cores before the fork.
parent = gazetag.Tagger.load(path).tag(text)
shipped = pickle.dumps(tagger)
assert pickle.loads(shipped).tag(text) == parent
assert gazetag.Tagger(pickle.loads(gazetteer)).tag(text) == parent

def child(queue):
    queue.put([gazetag.Tagger.load(path).tag(text) == parent,
               pickle.loads(shipped).tag(text) == parent,
               gazetag.Tagger(pickle.loads(gazetteer)).tag(text) == parent])

ctx = multiprocessing.get_context("fork")
queue = ctx.Queue()
proc = ctx.Process(target=child, args=(queue,))
proc.start()
print(*queue.get(timeout=60), len(parent) > 0)
proc.join(timeout=60)
print(proc.exitcode)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="fork() is the default start method on Linux")
def test_load_unpickle_and_build_in_a_forked_child() -> None:
    # Loads and builds split their work over the cores; in a child made by fork() after the
    # parent did so, they must not wait on threads the child does not have (this hung when they
    # used rayon's global pool).
    assert printed_by(FORK_LOAD) == ["True", "True", "True", "True", "0"]
