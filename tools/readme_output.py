"""Rewrites the README's copy of the first command's output (`gazetag tag
examples/sample_article.txt`) from a run of that command; tests/test_cli.py checks they agree.

Run from the repository root with gazetag installed: ``python tools/readme_output.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- output of: gazetag tag examples/sample_article.txt -->\n```text\n"


def main() -> int:
    out = subprocess.run(
        [sys.executable, "-m", "gazetag", "tag", "examples/sample_article.txt"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(MARKER, 1)
    tail = rest.split("```", 1)[1]
    readme.write_text(head + MARKER + out + "```" + tail, encoding="utf-8")
    print(f"{out.count(chr(10)) - 2} lines of output written to README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
