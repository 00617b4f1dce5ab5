"""Issue 15, the run side: folding linear in a letter's marks (15.2), scripts written without
spaces and the iota subscript (15.8), the CLI's table output linear (15.3), errors of ours and
one-line CLI failures (15.7), and reading and tagging that Ctrl-C stops, with streams bounded
(15.6). No test here times anything: each checks what its fix changes."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gazetag
import pytest
from gazetag import FormatError, GazetteerError, InputTypeError, cli

ROOT = Path(__file__).resolve().parent.parent
DICT = ROOT / "examples" / "iraq_sample.jsonl"
ARTICLE = ROOT / "examples" / "sample_article.txt"
# Long enough never to end a test: a stuck process fails it instead of hanging the suite.
HANG = 120


def tagger(*names: str, **options: Any) -> gazetag.Tagger:
    g = gazetag.Gazetteer()
    for i, name in enumerate(names):
        g.add(f"e{i}", name, "T")
    return gazetag.Tagger(g, variants="none", **options)


def spans(t: gazetag.Tagger, text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in t.tag(text)]


# --- 15.2: a letter's run of combining marks --------------------------------------------------


def test_a_caron_after_many_marks_still_makes_a_digraph() -> None:
    # Folding now looks at each mark once; what it folds to is unchanged: the marks go, and
    # s + caron is still sh however many marks stand between them.
    t = tagger("Shabi")
    n = 20_000
    text = "S" + "\u0301" * n + "\u030cabi"
    assert spans(t, text) == [(0, len(text), text)]
    assert spans(t, "e" + "\u0301" * n) == []
    # Something that is no mark between the letter and the caron keeps them apart.
    assert spans(t, "S\u0301\u200d\u030cabi") == []


# --- 15.8: scripts written without spaces, and the iota subscript -----------------------------


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        # Chinese: each ideograph is a word, so a name is found inside running text.
        ("北京", "我在北京工作。", [(2, 4)]),
        ("北京", "2024年北京奥运会", [(5, 7)]),
        ("巴格达", "伊拉克总理在巴格达会见了官员", [(6, 9)]),
        # Japanese: a change of script ends a word; a Katakana run is one word.
        ("トヨタ", "トヨタ自動車は", [(0, 3)]),
        ("トヨタ", "これはトヨタです", [(3, 6)]),
        ("トヨタ", "トヨタマ", []),
        # Thai: a change of script is a boundary; inside a Thai run nothing is (no dictionary).
        ("ไทย", "ไทย Iraq", [(0, 3)]),
        ("ไทย", "Iraqไทย", [(4, 7)]),
        ("ไทย", "ประเทศไทย", []),
        # Between scripts written with spaces a change of script is no boundary, as before.
        ("Iran", "Iranский", []),
    ],
)
def test_scripts_without_spaces(name: str, text: str, found: list[tuple[int, int]]) -> None:
    assert [(s, e) for s, e, _ in spans(tagger(name), text)] == found
    # Without whole words the name is found anywhere, as before.
    assert tagger(name, whole_words=False).tag(text) != [] or name not in text


def test_iota_subscript_equals_iota() -> None:
    # U+0345 is the one combining mark that case-folds to a letter: ᾳ = αι = ΑΙ.
    t = tagger("ᾳ")
    assert [m.text for m in t.tag("ᾳ, α\u0345, αι and ΑΙ")] == ["ᾳ", "α\u0345", "αι", "ΑΙ"]
    # And a name without the iota is not found in one with it.
    assert spans(tagger("Αθηνα"), "Αθηνᾳ") == []


# --- 15.3: the CLI's table output -------------------------------------------------------------


class CountingStr(str):
    """A text that counts the characters its `count` and `rfind` calls look at."""

    looked = 0

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        CountingStr.looked += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        CountingStr.looked += (len(self) if end is None else end) - (start or 0)
        return super().rfind(sub, start, end)


def test_table_output_reads_the_text_once() -> None:
    # Each match used to count the line breaks from the start of the text: quadratic.
    lines = ["x" * 50 + " Iran" for _ in range(2000)]
    text = CountingStr("\n".join(lines))
    rows: list[tuple[str, str, Any]] = []
    for i in range(len(lines)):
        start = i * 56 + 51
        m = SimpleNamespace(start=start, text="Iran", name="Iran", label="C", entity_id="iran",
                            entities=("iran",))
        rows.append(("f.txt", text, m))
    out = io.StringIO()
    CountingStr.looked = 0
    cli._write_table(rows, out)  # type: ignore[arg-type]
    assert CountingStr.looked <= 2 * len(text)
    table = out.getvalue().splitlines()
    assert table[1].split()[0] == "f.txt:1:52" and table[-2].split()[0] == "f.txt:2000:52"


def test_table_output_positions_with_overlapping_matches(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("a\nAin al-Asad\n\nAin al-Asad Air Base\n", encoding="utf-8")
    g = tmp_path / "d.jsonl"
    g.write_text('{"id": "a", "name": "Ain al-Asad", "label": "BASE"}\n'
                 '{"id": "b", "name": "al-Asad Air Base", "label": "BASE"}\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "gazetag", "tag", str(path), "-g", str(g), "--overlapping",
         "--variants", "none"],
        capture_output=True, text=True, timeout=HANG, check=True,
    ).stdout.splitlines()
    assert [line.split()[0].rsplit(":", 2)[1:] for line in out[1:-1]] == [
        ["2", "1"], ["4", "1"], ["4", "5"]
    ]


# --- 15.7: errors of ours ----------------------------------------------------------------------


@pytest.mark.parametrize("threads", [2.5, "2", True])
def test_threads_of_the_wrong_type(threads: Any) -> None:
    with pytest.raises(InputTypeError, match="threads"):
        tagger("Iran").tag_batch(["Iran"], threads=threads)


def test_a_gazetteer_changed_while_another_thread_reads_it(tmp_path: Path) -> None:
    # Readers that work with the GIL released (check, write) used to hold the gazetteer
    # borrowed meanwhile: a writer got PyO3's "RuntimeError: Already borrowed", every time.
    g = gazetag.Gazetteer()
    for i in range(300):
        g.add(f"e{i}", f"Entity number {i}", "T", aliases=[f"Alias {i}", f"Other {i}"])
    done = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for n in range(10_000):
                if done.is_set():
                    return
                if n % 2:
                    g.check("none")
                else:
                    g.write(tmp_path / f"{threading.get_ident()}.jsonl")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for r in readers:
        r.start()
    try:
        for i in range(200):
            g.add(f"new{i}", f"New entity {i}", "T")
            g.remove(f"new{i}", alias=None)
            g.add(f"new{i}", f"New entity {i}", "T")
    finally:
        done.set()
        for r in readers:
            r.join(HANG)
    assert errors == []
    assert len(g) == 500


def cli_run(
    *args: str, stdout: Any = subprocess.PIPE, **kw: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gazetag", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=HANG, **kw)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_cli_full_disk_is_one_line(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        done = cli_run("tag", str(ARTICLE), "-g", str(DICT), "-f", fmt, stdout=full)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "gazetag: error: cannot write the output: No space left on device"
    ]


def test_cli_broken_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Kadhimi met the minister. " * 20_000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetag", "tag", str(path), "-g", str(DICT), "-f", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"{")
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(HANG) == 0
    assert err == ""


@pytest.mark.parametrize(
    ("raised", "status", "message"),
    [
        (MemoryError(), 1, "gazetag: error: out of memory; tag fewer or smaller files at once"),
        (KeyboardInterrupt(), 130, "gazetag: interrupted"),
    ],
)
def test_cli_failures_are_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, raised: BaseException,
    status: int, message: str,
) -> None:
    def fail(paths: Any) -> Any:
        raise raised
        yield  # pragma: no cover

    monkeypatch.setattr(cli, "_batches", fail)
    assert cli.main(["tag", str(ARTICLE), "-g", str(DICT)]) == status
    assert capsys.readouterr().err.splitlines() == [message]


def test_cli_utf8_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kadhimi in Bagdad, caf\u00e9".encode("latin-1"))
    done = cli_run("tag", str(path), "-g", str(DICT))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"gazetag: error: {path}: not UTF-8 text: byte 0xe9 at byte offset 22 (unexpected end "
        "of data); convert the file to UTF-8 first"
    ]


# --- 15.6: Ctrl-C, and streams without end ---------------------------------------------------


def interrupt(proc: subprocess.Popen[str], *, repeat: bool = True) -> int:
    """Sends SIGINT until `proc` ends (a signal that lands just before a blocking read starts
    is only seen at the next one), or once; returns its exit status: 130 when it exited so, or
    -2 when one more SIGINT came while it was already on its way out."""
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1)  # into the call that follows "ready" (a pause, not a measurement)
    deadline = time.monotonic() + HANG
    proc.send_signal(signal.SIGINT)
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            if repeat:
                proc.send_signal(signal.SIGINT)
    if proc.poll() is None:
        proc.kill()
        pytest.fail("the process did not stop on Ctrl-C")
    return 130 if proc.returncode == -signal.SIGINT else proc.returncode


# A child started from a shell job may inherit SIGINT ignored, and Python then leaves it so:
# each child installs Python's own handler first, as an interactive session has it.
CHILD = """
import signal, sys, gazetag
signal.signal(signal.SIGINT, signal.default_int_handler)
print("ready", flush=True)
try:
    {call}
except KeyboardInterrupt:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the test's next SIGINT: on the way out
    print("interrupted", flush=True)
    sys.exit(130)
print("finished", flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("call", ["gazetag.Gazetteer.read(sys.argv[1])",
                                  "gazetag.Tagger.load(sys.argv[1])"])
def test_ctrl_c_stops_reading_a_fifo(tmp_path: Path, call: str) -> None:
    # The FIFO is opened and fed a little, then never closed: the read waits forever. It used
    # to do so holding the GIL, deaf to Ctrl-C.
    fifo = tmp_path / "d.csv"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(call=call), str(fifo)],
                            stdout=subprocess.PIPE, text=True)
    with open(fifo, "wb") as writer:
        writer.write(b"GAZETAG\x00" if "load" in call else b"id,name,label\n")
        writer.flush()
        assert interrupt(proc) == 130
        assert proc.stdout is not None and proc.stdout.read() == "interrupted\n"


def slow_saved_tagger(path: Path, words: int) -> None:
    """Writes a sparse file that is a saved tagger (of no entities) whose list of Arabic given
    names holds `words` names of 1 MiB each, all NUL bytes, all the same: a regular file that
    takes seconds to read in order (several GB) yet little disk or memory, whose checksum is
    wrong (it is found at the end)."""
    import struct

    empty = gazetag.Tagger(gazetag.Gazetteer(), variants="none").to_bytes()
    at = 24

    def count(size: int = 1) -> int:
        nonlocal at
        (n,) = struct.unpack_from("<Q", empty, at)
        at += 8 + size * n
        return n

    count(), count()  # the options and the entities
    at += 1  # the scan layer
    count(), count(33), count(18)  # the strings, sources and targets
    for _ in range(2):  # each scanner's patterns and automaton
        n = count(8)
        at += sum(struct.unpack_from("<I", empty, at - 8 * n + 8 * i + 4)[0] for i in range(n))
        count()
    prefix, word = empty[24:at], 1 << 20
    payload = len(prefix) + 8 + words * (4 + word)
    with open(path, "wb") as f:
        f.write(empty[:12] + struct.pack("<QI", payload, 0) + prefix + struct.pack("<Q", words))
        start = f.tell()
        for i in range(words):
            f.seek(start + i * (4 + word))
            f.write(struct.pack("<I", word))
        f.truncate(24 + payload)


def test_ctrl_c_stops_loading_a_regular_file(tmp_path: Path) -> None:
    # A saved tagger in a regular file is read in order with the GIL released; the read
    # stops at its next chunk on Ctrl-C. (Read to its end, this file is a FormatError: its
    # checksum is wrong.)
    path = tmp_path / "slow.gzt"
    slow_saved_tagger(path, 3000)
    assert path.stat().st_size > 3_000_000_000
    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(call="gazetag.Tagger.load("
                                                                "sys.argv[1])"), str(path)],
                            stdout=subprocess.PIPE, text=True)
    assert interrupt(proc, repeat=False) == 130
    assert proc.stdout is not None and proc.stdout.read() == "interrupted\n"


def test_a_slow_saved_tagger_is_read_to_a_format_error(tmp_path: Path) -> None:
    # The file of the test above, small: read to its end, its checksum is found wrong.
    path = tmp_path / "small.gzt"
    slow_saved_tagger(path, 3)
    with pytest.raises(FormatError, match="checksum mismatch"):
        gazetag.Tagger.load(path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_behind_a_dictionary_name_is_refused(tmp_path: Path) -> None:
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    with pytest.raises(GazetteerError, match=r"zero\.csv is not a regular file and holds more "
                                             r"than 256 MiB"):
        gazetag.Gazetteer.read(zero)
    # A saved tagger says what it is in its first bytes: refused at once.
    with pytest.raises(FormatError, match="not a gazetag file"):
        gazetag.Tagger.load(zero)


def test_a_regular_file_is_read_whole_in_as_many_reads_as_it_takes(tmp_path: Path) -> None:
    # A regular file is read straight into a buffer of its size, 64 MiB a read: a tagger of
    # 72 MB comes back whole, meta and all.
    g = gazetag.Gazetteer()
    note = "\u0628\u0627\u0628 gate " * 6_000_000
    g.add("x", "Xylo", "L", meta={"note": note})
    path = tmp_path / "big.gzt"
    gazetag.Tagger(g, variants="none").save(path)
    assert path.stat().st_size > 64 << 20
    t = gazetag.Tagger.load(path)
    assert t.gazetteer["x"].meta["note"] == note
    assert [m.text for m in t.tag("a Xylo b")] == ["Xylo"]
    # One cut short by a byte is refused, not read as what it holds.
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(FormatError):
        gazetag.Tagger.load(path)


def test_a_file_bigger_than_memory_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # A sparse file of 8 TiB: its size is known before a byte is read, and no buffer that big
    # can be had. (Were it had, the first read would show it is not a saved tagger.)
    path = tmp_path / "huge.gzt"
    path.write_bytes(b"NOTGAZET")
    try:
        os.truncate(path, 1 << 43)
    except OSError:
        pytest.skip("this file system holds no file that big")
    # Linux's default heuristic refuses to promise more memory than the machine has.
    overcommit = Path("/proc/sys/vm/overcommit_memory")
    strict = overcommit.exists() and overcommit.read_text().strip() == "0"
    with pytest.raises((MemoryError, FormatError)) as caught:
        gazetag.Tagger.load(path)
    if strict:
        assert caught.type is MemoryError
        assert "huge.gzt holds 8796093022208 bytes" in str(caught.value)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc")
def test_a_regular_file_whose_size_says_nothing_is_read_to_its_end() -> None:
    # Files under /proc are regular and say they are empty; they are read to their end all
    # the same, and this one is not a saved tagger.
    with pytest.raises(FormatError, match="not a gazetag file"):
        gazetag.Tagger.load("/proc/self/status")
    with pytest.raises(GazetteerError, match='column "Name:" looks like a misspelt "name"'):
        gazetag.Gazetteer.read("/proc/self/status", format="tsv")


def test_ctrl_c_stops_tagging_one_long_text() -> None:
    # Tagged again and again, so that the process is always inside a call when Ctrl-C comes.
    code = CHILD.format(call="while True: t.tag(text)").replace(
        'print("ready"',
        't = gazetag.Tagger.default()\n'
        'text = "Kadhimi met leaders in Baghdad near Ain al-Asad. " * 600_000\n'
        'print("ready"',
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    # Once: tagging waits in no system call, so the one signal is seen.
    assert interrupt(proc, repeat=False) == 130
    assert proc.stdout is not None and proc.stdout.read() == "interrupted\n"


def test_cli_ctrl_c_is_one_line_and_130(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Kadhimi met leaders in Baghdad near Ain al-Asad. " * 600_000,
                    encoding="utf-8")
    code = ("import signal, sys\nfrom gazetag.cli import main\n"
            "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "print('ready', flush=True)\nsys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "tag", str(path), "-f", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert interrupt(proc) == 130
    assert proc.stderr is not None
    assert proc.stderr.read().splitlines() == ["gazetag: interrupted"]
