"""Where the embedded gazetteer's files are."""

from __future__ import annotations

from importlib.resources import files

__all__ = ["default_files"]


def default_files() -> list[tuple[str, str]]:
    """The embedded gazetteer's JSONL files as ``(name, text)``, in name order."""
    root = files("gazetag") / "data"
    return sorted(
        (f"gazetag/data/{f.name}", f.read_text(encoding="utf-8"))
        for f in root.iterdir()
        if f.name.endswith(".jsonl")
    )
