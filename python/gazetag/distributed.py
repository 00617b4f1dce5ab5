"""Taggers on clusters: ship a tagger to Dask, Spark or process-pool workers, rebuild it once.

Pickling a `Tagger` writes its gazetteer; unpickling compiles the automaton again, which takes a
tenth of a second for the embedded gazetteer and 15 to 55 seconds for a million aliases
(bench/bench_pickle.py). A scheduler that unpickles the tagger once per task rebuilds it once
per partition: Dask does that for a tagger passed straight to ``map_partitions``, Spark for a
tagger captured by a UDF, ``multiprocessing`` for a tagger passed with every item.

`SharedTagger` wraps a tagger for the trip. It pickles as the tagger's bytes and a digest of
them; in each process, `SharedTagger.get` rebuilds the tagger the first time it meets that
digest and returns the same tagger from then on, however many copies of the wrapper the process
unpickles, whichever thread asks. The cache is a module global here, in an installed module, on
purpose: Dask and Spark ship functions defined in a notebook or script by value, with a fresh
copy of their globals in every task, so a cache kept there starts empty in every task.

Shipping the bytes still costs a transfer per unpickle, so for a big tagger send the wrapper once
per worker too (``client.scatter(shared, broadcast=True, hash=False)`` in Dask,
``sc.broadcast(shared)`` in Spark); docs/scaling.md has the recipes. This module imports neither
Dask nor Spark.

>>> import pickle, gazetag
>>> from gazetag.distributed import SharedTagger
>>> shared = SharedTagger(gazetag.Tagger.default())
>>> a, b = pickle.loads(pickle.dumps(shared)), pickle.loads(pickle.dumps(shared))
>>> a.get() is b.get() is gazetag.Tagger.default()  # in this process: the original
True
>>> [m.entity_id for m in a.get().tag("Kataib Hizballah fired at Ain al-Assad.")]
['kataib-hezbollah', 'ain-al-asad-air-base']
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from typing import Any

from gazetag._gazetag import Tagger

__all__ = ["SharedTagger"]

# One tagger per digest for the life of the process, whether built here or handed to
# SharedTagger here. Entries are never dropped: a process normally holds one or two taggers,
# and dropping one would bring back the rebuild per task.
_TAGGERS: dict[str, Tagger] = {}
# Held while building, so that two threads asking for the same new tagger build it once.
_BUILD_LOCK = threading.Lock()


def _rebuild(data: bytes) -> Tagger:
    # A function of its own, so that a test can count the rebuilds in a worker process.
    return Tagger.from_bytes(data)


def _restore(key: str, data: bytes) -> SharedTagger:
    shared = SharedTagger.__new__(SharedTagger)
    shared._key, shared._data, shared._tagger = key, data, None
    shared._nonce = secrets.token_hex(8)
    return shared


class SharedTagger:
    """A picklable handle on a tagger that each process rebuilds at most once.

    Args:
        tagger: The tagger to share. The handle keeps its bytes (`Tagger.to_bytes`) for
            pickling, and the process's cache keeps the tagger itself, so `get` on any copy
            in this process returns this very tagger.

    >>> import gazetag
    >>> from gazetag.distributed import SharedTagger
    >>> g = gazetag.Gazetteer()
    >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    >>> tagger = gazetag.Tagger(g)
    >>> shared = SharedTagger(tagger)
    >>> shared.get() is tagger
    True
    >>> shared.nbytes == len(tagger.to_bytes())
    True
    """

    __slots__ = ("_data", "_key", "_nonce", "_tagger")

    def __init__(self, tagger: Tagger) -> None:
        self._data: bytes = tagger.to_bytes()
        self._key: str = hashlib.sha256(self._data).hexdigest()
        self._tagger: Tagger | None = tagger
        # Tells this handle from an equal one in Dask's token: see __dask_tokenize__.
        self._nonce: str = secrets.token_hex(8)
        # Copies unpickled in this process (a task function that captured the handle, say)
        # get this tagger instead of building a second one.
        with _BUILD_LOCK:
            _TAGGERS.setdefault(self._key, tagger)

    @property
    def key(self) -> str:
        """The SHA-256 digest of the tagger's bytes: the same for equal taggers.

        >>> import gazetag
        >>> from gazetag.distributed import SharedTagger
        >>> t = gazetag.Tagger.default()
        >>> SharedTagger(t).key == SharedTagger(t).key
        True
        """
        return self._key

    @property
    def nbytes(self) -> int:
        """How many bytes of tagger a pickle of this handle carries.

        >>> import gazetag
        >>> from gazetag.distributed import SharedTagger
        >>> SharedTagger(gazetag.Tagger(gazetag.Gazetteer())).nbytes > 0
        True
        """
        return len(self._data)

    def get(self) -> Tagger:
        """This process's tagger: rebuilt from the bytes on the first call in a process.

        Returns:
            The tagger this handle was made from, in the process that made it; elsewhere one
            tagger per process and digest, shared by every copy of the handle and every thread.
            The process keeps it until it exits.

        Raises:
            FormatError: The bytes were damaged on the way, or come from a newer gazetag.

        >>> import pickle, gazetag
        >>> from gazetag.distributed import SharedTagger
        >>> g = gazetag.Gazetteer()
        >>> g.add("iran", "Iran", "COUNTRY")
        >>> copy = pickle.loads(pickle.dumps(SharedTagger(gazetag.Tagger(g))))
        >>> [m.entity_id for m in copy.get().tag("Iran said")]
        ['iran']
        """
        tagger = self._tagger
        if tagger is None:
            with _BUILD_LOCK:
                tagger = _TAGGERS.get(self._key)
                if tagger is None:
                    tagger = _TAGGERS[self._key] = _rebuild(self._data)
            self._tagger = tagger
        return tagger

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._key, self._data))

    def __dask_tokenize__(self) -> tuple[str, str, str]:
        # Dask names scattered and delayed values by a token. Without this method it would
        # pickle and unpickle the handle to make one, rebuilding the tagger; the digest spares
        # that. The per-handle nonce keeps two handles on one tagger from sharing a scatter
        # key: a function that scatters a new handle, lets it go and is called again would
        # otherwise scatter to the key the scheduler is still releasing, and distributed
        # (2026.8) then loses the data and waits for it forever.
        return ("gazetag.SharedTagger", self._key, self._nonce)

    def __repr__(self) -> str:
        return f"SharedTagger(key={self._key[:12]}..., {self.nbytes:,} bytes)"
