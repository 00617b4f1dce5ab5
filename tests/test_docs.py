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


# What an example's text uses that needs an optional dependency; without it those calls raise
# ImportError, which tests/test_optional_deps.py checks.
OPTIONAL = {
    "pandas": ("pandas", "tag_frame(", "to_dataframe(", "from_dataframe(", ".gazetag."),
    "pyarrow": ("pyarrow", "tag_arrow("),
}


def needs(example: str) -> list[str]:
    """The optional modules an example needs, judged from its code."""
    lines = example.splitlines()
    code = "\n".join(line for line in lines if line.lstrip().startswith((">>>", "...")))
    return [module for module, marks in OPTIONAL.items() if any(m in code for m in marks)]


def test_needs_finds_the_optional_modules() -> None:
    assert needs(">>> df = tagger.tag_frame(texts)") == ["pandas"]
    assert needs(">>> import gazetag, pandas as pd") == ["pandas"]
    assert needs(">>> t = tagger.tag_arrow(texts)") == ["pyarrow"]
    assert needs("The tag_frame method.\n>>> tagger.tag('x')") == []


@pytest.mark.parametrize(("name", "doc"), docstrings(), ids=[n for n, _ in docstrings()])
def test_docstring_examples_run(name: str, doc: str) -> None:
    for module in needs(doc):
        pytest.importorskip(module)
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


def readme_blocks() -> list[str]:
    """The README's code blocks that hold examples; each runs on its own."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block for block in text.split("```")[1::2] if ">>>" in block]


def test_readme_examples_run() -> None:
    """The blocks run in order in one namespace, as a reader would run them; a block that needs
    a missing optional module is left out (the others do not depend on it)."""
    globs: dict[str, object] = {"gazetag": gazetag}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for index, block in enumerate(readme_blocks()):
        if any(importlib.util.find_spec(module) is None for module in needs(block)):
            continue
        test = parser.get_doctest(block, globs, f"README.md block {index}", None, 0)
        runner.run(test, clear_globs=False)
        globs = test.globs  # DocTest copies its globals: carry them to the next block
    result = runner.summarize(verbose=False)
    assert result.attempted >= 5
    assert result.failed == 0


def test_readme_has_examples() -> None:
    assert sum(run_examples("README.md", b).attempted for b in readme_blocks()) >= 5


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
