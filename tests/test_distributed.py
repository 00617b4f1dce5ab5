"""gazetag.distributed.SharedTagger: one rebuild per process, however many copies arrive."""

from __future__ import annotations

import doctest
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import gazetag
import gazetag.distributed
import pytest
from gazetag import FormatError
from gazetag.distributed import SharedTagger

TEXT = "Kataib Hizballah fired at Ain al-Assad; Muqtada al-Sadr said nothing."


def small_tagger(*names: str) -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    for name in names:
        g.add(name.lower().replace(" ", "-"), name, "PLACE")
    return gazetag.Tagger(g)


def test_module_examples_run() -> None:
    result = doctest.testmod(gazetag.distributed, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0


def test_import_gazetag_imports_no_cluster_library() -> None:
    code = "import gazetag, gazetag.distributed, sys; print(sorted({'dask', 'distributed', "
    code += "'pyspark', 'pandas'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_maker_gets_its_own_tagger_back() -> None:
    tagger = small_tagger("Tikrit")
    assert SharedTagger(tagger).get() is tagger


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_copies_in_the_making_process_get_the_original(
    monkeypatch: pytest.MonkeyPatch, protocol: int
) -> None:
    def fail(data: bytes) -> gazetag.Tagger:
        raise AssertionError("rebuilt a tagger this process already has")

    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})  # no equal tagger made before
    tagger = small_tagger("Samarra", "Baiji")
    blob = pickle.dumps(SharedTagger(tagger), protocol=protocol)
    monkeypatch.setattr(gazetag.distributed, "_rebuild", fail)
    first, second = pickle.loads(blob), pickle.loads(blob)
    assert first.get() is second.get() is tagger
    assert first.key == second.key == SharedTagger(tagger).key


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_copies_elsewhere_share_one_rebuild(monkeypatch: pytest.MonkeyPatch, protocol: int) -> None:
    tagger = small_tagger("Fallujah", "Ramadi")
    blob = pickle.dumps(SharedTagger(tagger), protocol=protocol)
    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})  # as in a fresh process
    first, second = pickle.loads(blob), pickle.loads(blob)
    assert first.get() is second.get() is not tagger
    assert first.get().tag("Ramadi and Fallujah") == tagger.tag("Ramadi and Fallujah") != []


def test_unpickling_does_not_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    original = gazetag.distributed._rebuild

    def counted(data: bytes) -> gazetag.Tagger:
        built.append(len(data))
        return original(data)

    blob = pickle.dumps(SharedTagger(small_tagger("Haditha")))
    monkeypatch.setattr(gazetag.distributed, "_rebuild", counted)
    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})  # as in a fresh process
    copies = [pickle.loads(blob) for _ in range(5)]
    assert built == []
    assert len({id(c.get()) for c in copies}) == 1
    assert len(built) == 1


def test_threads_asking_at_once_build_once(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    original = gazetag.distributed._rebuild

    def counted(data: bytes) -> gazetag.Tagger:
        built.append(1)
        return original(data)

    blob = pickle.dumps(SharedTagger(small_tagger("Rutba", "Qaim")))
    monkeypatch.setattr(gazetag.distributed, "_rebuild", counted)
    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})  # as in a fresh process
    copies = [pickle.loads(blob) for _ in range(16)]
    with ThreadPoolExecutor(8) as pool:
        taggers = list(pool.map(SharedTagger.get, copies))
    assert len({id(t) for t in taggers}) == 1
    assert built == [1]


def test_different_taggers_stay_apart() -> None:
    a, b = small_tagger("Amerli"), small_tagger("Amerli", "Tuz Khurmatu")
    plain = gazetag.Tagger(small_tagger("Amerli").gazetteer, variants="none")
    keys = {SharedTagger(t).key for t in (a, b, plain)}
    assert len(keys) == 3
    back_a = pickle.loads(pickle.dumps(SharedTagger(a))).get()
    back_b = pickle.loads(pickle.dumps(SharedTagger(b))).get()
    assert back_a is not back_b
    assert [m.entity_id for m in back_b.tag("Tuz Khurmatu")] == ["tuz-khurmatu"]
    assert back_a.tag("Tuz Khurmatu") == []


def test_damaged_bytes_fail_on_get(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = small_tagger("Sinjar")
    blob = bytearray(pickle.dumps(SharedTagger(tagger)))
    monkeypatch.setattr(gazetag.distributed, "_TAGGERS", {})  # as in a fresh process
    end = blob.index(b"GAZETAG\x00") + len(tagger.to_bytes())
    blob[end - 5] ^= 0x01  # inside the tagger's bytes: caught by their checksum
    copy = pickle.loads(bytes(blob))
    with pytest.raises(FormatError):
        copy.get()


def test_dask_token_is_the_digest_and_a_nonce_per_handle() -> None:
    tagger = small_tagger("Kirkuk")
    shared = SharedTagger(tagger)
    name, key, nonce = shared.__dask_tokenize__()
    assert (name, key) == ("gazetag.SharedTagger", shared.key)
    assert shared.__dask_tokenize__() == (name, key, nonce)  # stable for one handle
    other = SharedTagger(tagger)
    assert other.key == key and other.__dask_tokenize__()[2] != nonce
    copy = pickle.loads(pickle.dumps(shared))
    assert copy.key == key and copy.__dask_tokenize__()[2] != nonce
    assert repr(shared).startswith(f"SharedTagger(key={shared.key[:12]}...")


def _tag_in_worker(item: tuple[SharedTagger, str]) -> tuple[int, int, list[str]]:
    shared, text = item
    tagger = shared.get()
    return os.getpid(), id(tagger), [m.entity_id for m in tagger.tag(text)]


def test_one_rebuild_per_process_in_a_pool() -> None:
    # The handle travels with every item, as with a plain Pool.map; each process still holds
    # one tagger, kept alive by the cache, so one id per process means one rebuild.
    shared = SharedTagger(gazetag.Tagger.default())
    items = [(shared, TEXT)] * 24
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_tag_in_worker, items, chunksize=1)
    ids_per_process: dict[int, set[int]] = {}
    for pid, tagger_id, _ in results:
        ids_per_process.setdefault(pid, set()).add(tagger_id)
    assert all(len(ids) == 1 for ids in ids_per_process.values()), ids_per_process
    expected = [m.entity_id for m in gazetag.Tagger.default().tag(TEXT)]
    assert expected and all(found == expected for _, _, found in results)
