"""Bad inputs to tagging raise our exceptions with messages that name the problem."""

from __future__ import annotations

import os

import gazetag
import pytest
from gazetag import GazetagError, InputError, InputTypeError


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    g.add("iran", "Iran", "COUNTRY")
    return gazetag.Tagger(g)


def test_exception_hierarchy() -> None:
    for cls in (gazetag.GazetteerError, gazetag.FormatError, InputError):
        assert issubclass(cls, GazetagError) and issubclass(cls, ValueError)
    assert issubclass(InputTypeError, GazetagError) and issubclass(InputTypeError, TypeError)


@pytest.mark.parametrize("bad", [None, 5, b"Iran", ["Iran"], 3.5])
def test_tag_needs_a_str(tagger: gazetag.Tagger, bad: object) -> None:
    with pytest.raises(InputTypeError, match=f"text must be a str, not {type(bad).__name__}"):
        tagger.tag(bad)  # type: ignore[arg-type]


def test_lone_surrogate_is_a_clear_value_error(tagger: gazetag.Tagger) -> None:
    with pytest.raises(InputError, match=r"lone surrogate \(U\+D800\) at index 5") as info:
        tagger.tag("Iran \ud800 Iran")
    assert isinstance(info.value, ValueError)
    with pytest.raises(InputError, match=r"texts\[1\] contains a lone surrogate \(U\+DFFF\)"):
        tagger.tag_batch(["Iran", "x\udfff"])


def test_the_suggested_repair_keeps_offsets(tagger: gazetag.Tagger) -> None:
    text = "Iran \ud800 Iran"
    repaired = text.encode("utf-8", "replace").decode("utf-8")
    assert [(m.start, m.end) for m in tagger.tag(repaired)] == [(0, 4), (7, 11)]


@pytest.mark.parametrize("bad", [[1.5], ["ok", 3], [b"x"]])
def test_tag_batch_items_must_be_str(tagger: gazetag.Tagger, bad: list[object]) -> None:
    with pytest.raises(InputTypeError, match=rf"texts\[{len(bad) - 1}\] must be a str"):
        tagger.tag_batch(bad)  # type: ignore[arg-type]


def test_tag_batch_arguments(tagger: gazetag.Tagger) -> None:
    with pytest.raises(InputTypeError, match="iterable of str, not int"):
        tagger.tag_batch(5)  # type: ignore[arg-type]
    for threads in (0, -1, -(10**20)):
        below = rf"threads must be at least 1 or None, not {threads}\b"
        with pytest.raises(InputError, match=below):
            tagger.tag_batch(["Iran"], threads=threads)
    # Too many threads is refused before any is started (they were started until memory ran
    # out); an int past 64 bits is named as written.
    most = max(1024, os.cpu_count() or 1)
    for threads in (most + 1, 2**62, 10**20):
        above = rf"threads must be at most {most} or None, not {threads}: threads past the cores"
        for call in (tagger.tag_batch, tagger.tag_frame):
            with pytest.raises(InputError, match=above):
                call(["Iran"], threads=threads)
    assert tagger.tag_batch(["Iran"], threads=3) == tagger.tag_batch(["Iran"], threads=1)
    with pytest.raises(TypeError):
        tagger.tag_batch(["Iran"], threads="2")  # type: ignore[arg-type]


def test_tagger_needs_a_gazetteer() -> None:
    with pytest.raises(InputTypeError, match="needs a gazetag.Gazetteer, not list"):
        gazetag.Tagger([{"id": "a"}])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gazetag.Tagger(gazetag.Gazetteer(), overlaping=True)  # type: ignore[call-arg]


def test_an_iterator_that_raises_propagates(tagger: gazetag.Tagger) -> None:
    def texts():  # type: ignore[no-untyped-def]
        yield "Iran"
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError, match="source failed"):
        tagger.tag_batch(texts())


def test_huge_and_odd_texts_do_not_crash(tagger: gazetag.Tagger) -> None:
    assert tagger.tag("\x00Iran\x00") != []
    assert len(tagger.tag("Iran " * 100_000)) == 100_000
    assert tagger.tag("\u0301" * 1000 + "Iran") == []
    assert tagger.tag("-" * 10_000 + "Iran" + "\u200d" * 1000) != []
