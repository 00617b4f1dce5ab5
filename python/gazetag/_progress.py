"""Progress bars for long jobs: tqdm when it is installed, else a plain one-line bar.

`Tagger.tag_batch`, `Tagger.tag_frame`, `Tagger.tag_arrow` (``progress=True``) and the
command line update a bar once per chunk of a quarter to one million characters, never per text, so
the bar costs nothing measurable on the hot path.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

# The plain bar redraws at most this often (seconds).
_REDRAW = 0.2


class Progress:
    """A progress bar on standard error, counting ``unit`` items and characters.

    Args:
        total: How many items the job has, or None when unknown (a generator).
        unit: What is counted: ``"doc"``, ``"file"`` or ``"B"``.
        desc: The bar's title.
        file: Where to draw it; standard error when None.

    >>> import io
    >>> out = io.StringIO()
    >>> bar = Progress(4, unit="doc", file=out, plain=True)
    >>> bar.update(4, chars=2_000_000)
    >>> bar.close()
    >>> "4/4 docs" in out.getvalue()
    True
    """

    def __init__(
        self,
        total: int | None,
        *,
        unit: str = "doc",
        desc: str = "gazetag",
        file: TextIO | None = None,
        plain: bool = False,
    ) -> None:
        self.total = total
        self.unit = unit
        self.desc = desc
        self.file = sys.stderr if file is None else file
        self.done = 0
        self.chars = 0
        self.start = time.perf_counter()
        self.drawn = 0.0
        self.bar: Any = None
        if not plain:
            try:
                from tqdm.auto import tqdm  # type: ignore[import-untyped,unused-ignore]
            except ImportError:
                pass
            else:
                self.bar = tqdm(total=total, unit=unit, unit_scale=True, desc=desc, file=self.file)

    def _rate(self) -> str:
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        return f"{self.chars / elapsed / 1e6:.1f}M chars/s"

    def update(self, n: int, *, chars: int = 0) -> None:
        """Counts ``n`` more items done, holding ``chars`` characters."""
        self.done += n
        self.chars += chars
        if self.bar is not None:
            if chars:
                self.bar.set_postfix_str(self._rate(), refresh=False)
            self.bar.update(n)
            return
        now = time.perf_counter()
        if now - self.drawn >= _REDRAW or (self.total is not None and self.done >= self.total):
            self.drawn = now
            self._draw()

    def _draw(self) -> None:
        units = f"{self.unit}s" if self.unit in ("doc", "file") else self.unit
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(30 * share)
            head = f"[{'#' * filled}{'.' * (30 - filled)}] {share:6.1%} {self.done}/{self.total}"
        else:
            head = f"{self.done}"
        tail = f" {self._rate()}" if self.chars else ""
        self.file.write(f"\r{self.desc} {head} {units}{tail}")
        self.file.flush()

    def summary(self) -> str:
        """One line on what was done: ``gazetag: 200 docs, 1,234,567 chars in 0.8 s (1.5M
        chars/s)``."""
        units = f"{self.unit}s" if self.unit in ("doc", "file") else self.unit
        elapsed = time.perf_counter() - self.start
        chars = f", {self.chars:,} chars" if self.chars else ""
        rate = f" ({self._rate()})" if self.chars else ""
        return f"{self.desc}: {self.done:,} {units}{chars} in {elapsed:.1f} s{rate}"

    def close(self) -> None:
        """Draws the final state and ends the bar's line. A notebook bar (a widget) is
        followed by `summary` as plain text, which shows where widgets do not render (a
        notebook without ipywidgets' front end, an exported or re-opened notebook)."""
        if self.bar is not None:
            self.bar.close()
            if type(self.bar).__module__.startswith("tqdm.notebook"):
                print(self.summary(), file=self.file, flush=True)
            return
        self._draw()
        self.file.write("\n")
        self.file.flush()
