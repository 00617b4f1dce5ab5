"""gazetag without its optional dependencies: pandas, numpy, pyarrow, spaCy, tqdm, Dask.

Each test runs a fresh interpreter, so that what it imports is all that is in ``sys.modules``.
To play "not installed", an import hook placed first on ``sys.meta_path`` fails every import of
those packages as a missing module would, and notes the attempt: the core must not even try.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"
DICT = ROOT / "examples" / "iraq_sample.jsonl"

OPTIONAL = ["pandas", "numpy", "pyarrow", "spacy", "tqdm", "dask", "distributed"]
# gazetag's modules whose job is to use one optional package: they import it.
INTEGRATIONS = {"pandas", "spacy"}

# Imports gazetag and every module of it but the integrations; records what was imported.
IMPORT_ALL = """
import importlib, pkgutil, sys

def blocked_in_modules():
    return sorted({n.partition(".")[0] for n in sys.modules} & set(OPTIONAL))

import gazetag
report["after import gazetag"] = blocked_in_modules()
report["gazetag modules after import gazetag"] = sorted(
    n for n in sys.modules if n.startswith("gazetag.") and n.split(".")[1] in INTEGRATIONS
)
report["modules"] = []
for info in pkgutil.iter_modules(gazetag.__path__):
    if info.name not in INTEGRATIONS and info.name != "__main__":
        importlib.import_module(f"gazetag.{info.name}")
        report["modules"].append(info.name)
report["after every module"] = blocked_in_modules()
"""

BLOCK = """
import sys

class Missing:
    \"\"\"Fails imports of the optional packages as if they were not installed.\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in OPTIONAL:
            report["tried"].append(name)
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Missing())
"""

WITHOUT = """
import contextlib, io, pathlib, tempfile

def error(call):
    try:
        call()
    except ImportError as e:
        return [type(e).__name__, e.name, str(e)]
    return None

report["tried on import"] = list(report["tried"])
tagger = gazetag.Tagger.default()
text = "Kataib Hizballah fired on Ain al-Assad."
report["tag"] = [m.entity_id for m in tagger.tag(text)]

stderr = io.StringIO()
with contextlib.redirect_stderr(stderr):
    batch = tagger.tag_batch([text] * 5, progress=True)
report["batch"] = [[m.entity_id for m in ms] for ms in batch] == [report["tag"]] * 5
report["bar"] = stderr.getvalue()

tmpdir = tempfile.TemporaryDirectory()  # removed when the interpreter exits
tmp = pathlib.Path(tmpdir.name)
g = gazetag.Gazetteer.read(DICT)
g.write(tmp / "copy.jsonl")
report["jsonl round trip"] = gazetag.Gazetteer.read(tmp / "copy.jsonl") == g
(tmp / "mine.csv").write_text("id,name,label,aliases\\nkh,Kata'ib Hezbollah,MILITIA,KH\\n")
mine = gazetag.Gazetteer.read(tmp / "mine.csv")
report["csv"] = [m.entity_id for m in gazetag.Tagger(mine).tag("KH")]

from gazetag.cli import main
stdout = io.StringIO()
with contextlib.redirect_stdout(stdout):
    code = main(["tag", ARTICLE, "-g", DICT, "-f", "jsonl"])
report["cli"] = [code, len(stdout.getvalue().splitlines())]

read = []
def texts():
    read.append(1)
    yield text
report["tag_frame"] = error(lambda: tagger.tag_frame(texts()))
report["tag_arrow"] = error(lambda: tagger.tag_arrow(texts()))
report["texts read"] = len(read)
report["import gazetag.pandas"] = error(lambda: importlib.import_module("gazetag.pandas"))
report["to_dataframe"] = error(lambda: g.to_dataframe())
report["at the end"] = blocked_in_modules()
"""


def run(*parts: str, block: list[str] | None = None) -> dict[str, Any]:
    """Runs the script parts in a new interpreter; returns the report they fill in."""
    head = f"""
import json
OPTIONAL = {block if block is not None else OPTIONAL!r}
INTEGRATIONS = {sorted(INTEGRATIONS)!r}
ARTICLE, DICT = {str(ARTICLE)!r}, {str(DICT)!r}
report = {{"tried": []}}
"""
    tail = "\nprint(json.dumps(report))\n"
    script = "\n".join(textwrap.dedent(p) for p in (head, *parts, tail))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return report


def test_import_gazetag_imports_no_optional_package() -> None:
    """With every optional package installed, ``import gazetag`` still imports none of them."""
    missing = [n for n in OPTIONAL if importlib.util.find_spec(n) is None]
    if missing:
        pytest.skip(f"not installed, so this test could not fail: {missing}")
    report = run(IMPORT_ALL)
    assert report["after import gazetag"] == []
    assert report["gazetag modules after import gazetag"] == []
    assert report["after every module"] == []
    # the modules other engineers add are checked as soon as they exist
    assert {"cli", "_columns", "_progress"} <= set(report["modules"])
    for name in ("display", "distributed"):
        if (ROOT / "python" / "gazetag" / f"{name}.py").exists():
            assert name in report["modules"]


@pytest.fixture(scope="module")
def without() -> dict[str, Any]:
    """What gazetag does when none of the optional packages can be imported."""
    return run(BLOCK, IMPORT_ALL, WITHOUT)


def test_nothing_optional_is_even_tried(without: dict[str, Any]) -> None:
    assert without["tried on import"] == []
    assert without["after every module"] == []


def test_tagging_works(without: dict[str, Any]) -> None:
    assert without["tag"] == ["kataib-hezbollah", "ain-al-asad-air-base"]
    assert without["batch"] is True


def test_plain_progress_bar(without: dict[str, Any]) -> None:
    assert "5/5 docs" in without["bar"]
    assert without["bar"].endswith("\n")


def test_dictionary_files_and_cli(without: dict[str, Any]) -> None:
    assert without["jsonl round trip"] is True
    assert without["csv"] == ["kh"]
    assert without["cli"] == [0, 45]


def test_tables_need_their_package(without: dict[str, Any]) -> None:
    assert without["tag_frame"][:2] == ["ModuleNotFoundError", "pandas"]
    assert "pandas" in without["tag_frame"][2]
    assert without["tag_arrow"][:2] == ["ModuleNotFoundError", "pyarrow"]
    assert "pyarrow" in without["tag_arrow"][2]
    assert without["texts read"] == 0  # they fail before reading any text
    assert without["import gazetag.pandas"][:2] == ["ModuleNotFoundError", "pandas"]
    assert "pip install pandas" in without["to_dataframe"][2]
    assert without["at the end"] == []


def test_arrow_table_without_pandas() -> None:
    """pyarrow alone makes tables; pandas is not needed for them."""
    if importlib.util.find_spec("pyarrow") is None:
        pytest.skip("pyarrow is not installed")
    report = run(
        BLOCK,
        """
        import gazetag
        tagger = gazetag.Tagger.default()
        table = tagger.tag_arrow(["KH fighters fired."], ids=["x"], categorical=True)
        report["rows"] = table.select(["doc", "entity_id"]).to_pylist()
        report["pandas"] = "pandas" in sys.modules
        """,
        block=["pandas", "tqdm", "spacy", "dask", "distributed"],
    )
    assert report["rows"] == [{"doc": "x", "entity_id": "kataib-hezbollah"}]
    assert report["pandas"] is False


def test_the_version_is_the_metadata_s_and_import_reads_no_metadata() -> None:
    """`gazetag.__version__` comes from the extension (it and the package's metadata both take
    Cargo.toml's version), so that `import gazetag` imports no `importlib.metadata`, which was
    a third of its time."""
    import importlib.metadata

    code = "import sys, gazetag; print(gazetag.__version__, 'importlib.metadata' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == [importlib.metadata.version("gazetag"), "False"]
