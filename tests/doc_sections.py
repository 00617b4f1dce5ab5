"""Runs the ``>>>`` examples of one section of a Markdown page, for pages whose sections need
different fixtures (a Dask client, a Spark session)."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent.parent / "docs"


def section(page: str, heading: str) -> str:
    """The text of ``## heading`` in ``docs/page``, up to the next ``## `` heading."""
    text = (DOCS / page).read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def run_section(page: str, heading: str, globs: dict[str, Any]) -> doctest.TestResults:
    """Runs the section's examples with ``globs``; they run as ``__main__`` would, so functions
    they define are shipped to workers by value, like a notebook's."""
    name = f"docs/{page}#{heading}"
    test = doctest.DocTestParser().get_doctest(
        section(page, heading), {"__name__": "__main__", **globs}, name, None, 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    return runner.summarize(verbose=False)
