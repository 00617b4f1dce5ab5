"""Progress bars: ``progress=True`` on tag_batch, tag_frame and tag_arrow, and the CLI's bar.

The bar is `gazetag._progress.Progress`, which the tagger looks up when it starts a job; the
`recorder` fixture puts a subclass there (and in the CLI) that remembers what it was told.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gazetag
import gazetag._progress
import gazetag.cli
import pytest
from gazetag._progress import Progress
from gazetag.cli import main

ROOT = Path(__file__).resolve().parent.parent
DICT = ROOT / "examples" / "iraq_sample.jsonl"
ARTICLE = ROOT / "examples" / "sample_article.txt"

TEXTS = [
    "Kataib Hizballah fired on Ain al-Assad.",
    "A quiet day in the markets.",
    "The PMF denied it.",
] * 4

CALLS: dict[str, Callable[..., Any]] = {
    "tag_batch": lambda texts, **kw: gazetag.Tagger.default().tag_batch(texts, **kw),
    "tag_frame": lambda texts, **kw: gazetag.Tagger.default().tag_frame(texts, **kw),
    "tag_arrow": lambda texts, **kw: gazetag.Tagger.default().tag_arrow(texts, **kw),
}
calls = pytest.mark.parametrize("call", CALLS.values(), ids=list(CALLS))


class Recorder(Progress):
    """A progress bar that remembers its updates and whether it was closed."""

    made: list[Recorder] = []

    def __init__(self, total: int | None, **kwargs: Any) -> None:
        super().__init__(total, **kwargs)
        self.updates: list[tuple[int, int]] = []
        self.closed = False
        Recorder.made.append(self)

    def update(self, n: int, *, chars: int = 0) -> None:
        self.updates.append((n, chars))
        super().update(n, chars=chars)

    def close(self) -> None:
        self.closed = True
        super().close()


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> list[Recorder]:
    """The bars made during the test, in order."""
    monkeypatch.setattr(Recorder, "made", [])
    monkeypatch.setattr(gazetag._progress, "Progress", Recorder)
    monkeypatch.setattr(gazetag.cli, "Progress", Recorder)
    return Recorder.made


@pytest.fixture
def no_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if tqdm were not installed."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)


def same(a: object, b: object) -> bool:
    """Equal results: lists of matches, DataFrames or pyarrow Tables."""
    if hasattr(a, "equals"):
        return bool(a.equals(b))
    return a == b


def message(e: BaseException) -> str:
    """The message with its notes, where PyO3 names the argument it could not convert."""
    return " ".join([str(e), *getattr(e, "__notes__", [])])


@calls
def test_tqdm_bar_counts_the_texts(
    capsys: pytest.CaptureFixture[str], call: Callable[..., Any]
) -> None:
    pytest.importorskip("tqdm")
    result = call(TEXTS, progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    assert "gazetag" in err and "100%" in err and "doc" in err
    # tqdm writes 12 as "12" or, with unit scaling, "12.0"
    *_, (done, total) = re.findall(r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)", err)
    assert float(done) == float(total) == len(TEXTS)
    assert err.endswith("\n")
    assert same(result, call(TEXTS))
    assert capsys.readouterr().err == ""


@calls
def test_plain_bar_without_tqdm(
    capsys: pytest.CaptureFixture[str], no_tqdm: None, call: Callable[..., Any]
) -> None:
    result = call(TEXTS, progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("\rgazetag [")
    assert "100.0% 12/12 docs" in err
    assert err.endswith("\n") and err.count("\n") == 1
    assert same(result, call(TEXTS))


@calls
def test_generator_without_a_length(
    capsys: pytest.CaptureFixture[str],
    no_tqdm: None,
    recorder: list[Recorder],
    call: Callable[..., Any],
) -> None:
    result = call((t for t in TEXTS), progress=True)
    (bar,) = recorder
    assert bar.total is None and bar.closed
    assert "gazetag 12 docs" in capsys.readouterr().err
    assert same(result, call(TEXTS))


@calls
def test_empty_input(
    capsys: pytest.CaptureFixture[str], no_tqdm: None, call: Callable[..., Any]
) -> None:
    call([], progress=True)
    assert "gazetag 0 docs" in capsys.readouterr().err


def test_one_update_per_chunk(recorder: list[Recorder]) -> None:
    texts = [f"text {i} on KH" for i in range(20_000)]
    gazetag.Tagger.default().tag_batch(texts, progress=True)
    (bar,) = recorder
    assert (bar.total, bar.unit, bar.closed) == (20_000, "doc", True)
    counts = [n for n, _ in bar.updates]
    assert sum(counts) == 20_000
    assert len(counts) == 3 and max(counts) <= 8192  # chunks of at most 8192 texts
    assert sum(chars for _, chars in bar.updates) == sum(map(len, texts))


@calls
@pytest.mark.parametrize("tqdm", [True, False], ids=["tqdm", "plain"])
def test_bar_is_closed_when_tagging_fails(
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    recorder: list[Recorder],
    call: Callable[..., Any],
    tqdm: bool,
) -> None:
    if tqdm:
        pytest.importorskip("tqdm")
    else:
        request.getfixturevalue("no_tqdm")

    def texts() -> Iterator[object]:
        yield from ["KH said so."] * 9_000
        yield 42

    with pytest.raises(gazetag.InputTypeError, match=r"texts\[9000\]"):
        call(texts(), progress=True)
    (bar,) = recorder
    assert bar.closed
    assert bar.updates == [(8192, 8192 * len("KH said so."))]  # the first chunk, not the failed
    assert bar.bar is None if not tqdm else bar.bar.disable  # tqdm's bar is closed too
    assert capsys.readouterr().err.endswith("\n")


@calls
@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("chunks_before", [1, 2, 3, 4])
def test_a_text_read_ahead_fails_after_the_chunks_before_it(
    recorder: list[Recorder], call: Callable[..., Any], threads: int, chunks_before: int
) -> None:
    """With a pool, chunks are read while those before them are tagged (issue 13); a text
    that cannot be read still fails the call only once every chunk before it is delivered."""

    def texts() -> Iterator[object]:
        yield from ["KH said so."] * (chunks_before * 8192 + 5)
        yield 42

    at = chunks_before * 8192 + 5
    with pytest.raises(gazetag.InputTypeError, match=rf"^texts\[{at}\] must be a str"):
        call(texts(), progress=True, threads=threads)
    (bar,) = recorder
    assert bar.closed
    assert bar.updates == [(8192, 8192 * len("KH said so."))] * chunks_before


@calls
def test_bar_is_closed_when_the_input_raises(
    recorder: list[Recorder], call: Callable[..., Any]
) -> None:
    def texts() -> Iterator[str]:
        yield "KH said so."
        raise RuntimeError("the feed broke")

    with pytest.raises(RuntimeError, match="the feed broke"):
        call(texts(), progress=True)
    (bar,) = recorder
    assert bar.closed


@calls
@pytest.mark.parametrize("value", ["yes", 1, None])
def test_progress_must_be_a_bool(
    recorder: list[Recorder], call: Callable[..., Any], value: object
) -> None:
    read: list[str] = []

    def texts() -> Iterator[str]:
        read.append("started")
        yield "KH"

    with pytest.raises(gazetag.InputTypeError) as info:
        call(texts(), progress=value)
    assert str(info.value) == f"progress must be True or False, not {type(value).__name__}"
    assert read == [] and recorder == []


def test_cli_progress_counts_bytes(
    capsys: pytest.CaptureFixture[str], recorder: list[Recorder]
) -> None:
    assert main(["tag", str(ARTICLE), "-g", str(DICT), "-f", "jsonl", "--progress"]) == 0
    (bar,) = recorder
    size = ARTICLE.stat().st_size
    assert (bar.total, bar.unit, bar.closed) == (size, "B", True)
    assert sum(n for n, _ in bar.updates) == size
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 45 and "gazetag" in err


def test_cli_plain_progress(capsys: pytest.CaptureFixture[str], no_tqdm: None) -> None:
    assert main(["tag", str(ARTICLE), "-g", str(DICT), "-f", "jsonl", "--progress"]) == 0
    size = ARTICLE.stat().st_size
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 45
    assert f"100.0% {size}/{size} B" in err and err.endswith("\n")


def test_cli_progress_reaches_the_size_of_a_crlf_file(
    capsys: pytest.CaptureFixture[str], recorder: list[Recorder], tmp_path: Path
) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(ARTICLE.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["tag", str(crlf), "-g", str(DICT), "-f", "jsonl", "--progress"]) == 0
    (bar,) = recorder
    size = crlf.stat().st_size
    assert size > ARTICLE.stat().st_size
    assert bar.total == size and sum(n for n, _ in bar.updates) == size


def test_notebook_bar_ends_with_a_summary_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """tqdm.auto gives a widget in Jupyter; where widgets do not render, the plain summary after
    it still says what was done."""
    import io
    import types

    class Widget:  # the shape of tqdm.notebook.tqdm, as tqdm.auto returns it in a notebook
        def __init__(self, **kwargs: Any) -> None:
            self.closed = False

        def set_postfix_str(self, s: str, refresh: bool = True) -> None:
            pass

        def update(self, n: int) -> None:
            pass

        def close(self) -> None:
            self.closed = True

    Widget.__module__ = "tqdm.notebook"
    monkeypatch.setitem(sys.modules, "tqdm.auto", types.SimpleNamespace(tqdm=Widget))
    out = io.StringIO()
    bar = Progress(3, unit="doc", file=out)
    assert isinstance(bar.bar, Widget)
    bar.update(3, chars=1_234_567)
    bar.close()
    assert bar.bar.closed
    assert re.fullmatch(
        r"gazetag: 3 docs, 1,234,567 chars in \d+\.\d s \(\d+\.\dM chars/s\)\n", out.getvalue()
    ), out.getvalue()


def test_terminal_bar_has_no_extra_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    pytest.importorskip("tqdm")
    out = io.StringIO()
    bar = Progress(2, unit="doc", file=out)
    bar.update(2, chars=10)
    bar.close()
    assert "gazetag: 2 docs" not in out.getvalue()
