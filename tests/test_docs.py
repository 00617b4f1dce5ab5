"""Every ``>>>`` example in the docstrings and the README runs, and the stubs match the module."""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path

import gazetag
import gazetag._gazetag as native
import pytest

ROOT = Path(__file__).resolve().parent.parent


def docstrings() -> list[tuple[str, str]]:
    found = [("gazetag", gazetag.__doc__ or "")]
    for name in gazetag.__all__:
        obj = getattr(gazetag, name)
        if inspect.isclass(obj):
            found.append((f"gazetag.{name}", obj.__doc__ or ""))
            for attr in vars(obj):
                if not attr.startswith("_"):
                    doc = getattr(getattr(obj, attr), "__doc__", "") or ""
                    found.append((f"gazetag.{name}.{attr}", doc))
    return found


def run_examples(name: str, text: str) -> doctest.TestResults:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {"gazetag": gazetag}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    return runner.summarize(verbose=False)


# Methods whose examples need an optional dependency; without it they raise ImportError, which
# tests/test_optional_deps.py checks.
NEEDS = {"tag_frame": "pandas", "tag_arrow": "pyarrow", "to_dataframe": "pandas"}


@pytest.mark.parametrize(("name", "doc"), docstrings(), ids=[n for n, _ in docstrings()])
def test_docstring_examples_run(name: str, doc: str) -> None:
    needs = NEEDS.get(name.rsplit(".", 1)[-1])
    if needs is not None:
        pytest.importorskip(needs)
    result = run_examples(name, doc)
    assert result.failed == 0


def test_examples_are_many() -> None:
    assert sum(run_examples(n, d).attempted for n, d in docstrings()) >= 30


def test_every_public_method_has_an_example() -> None:
    missing = [
        f"{name}.{attr}"
        for name in gazetag.__all__
        if inspect.isclass(obj := getattr(gazetag, name)) and not issubclass(obj, Exception)
        for attr in vars(obj)
        if not attr.startswith("_") and callable(getattr(obj, attr))
        and ">>>" not in (getattr(obj, attr).__doc__ or "")
    ]
    assert missing == []


def test_every_public_name_has_a_docstring() -> None:
    missing = [name for name, doc in docstrings() if not doc.strip()]
    assert missing == []


def test_classes_have_examples() -> None:
    for cls in (gazetag.Gazetteer, gazetag.Entity, gazetag.Tagger, gazetag.Match):
        assert ">>>" in (cls.__doc__ or ""), cls


def test_readme_examples_run() -> None:
    result = run_examples("README.md", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert result.attempted >= 5
    assert result.failed == 0


def test_classes_report_their_module() -> None:
    for cls in (native.Gazetteer, native.Entity, native.Tagger, native.Match):
        assert cls.__module__ == "gazetag._gazetag"


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_stubs_match_the_runtime() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "gazetag._gazetag",
         "--allowlist", str(ROOT / "tests" / "stubtest_allowlist.txt")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_typed_package_marker_ships() -> None:
    assert (Path(gazetag.__file__).parent / "py.typed").exists()
