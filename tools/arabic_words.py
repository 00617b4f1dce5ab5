"""Build ``src/core/data/arabic_words.tsv``: common Arabic words and how common, for the gates
of the Arabic-script partial rule.

A person's family name or nisba matched alone (`الكاظمي`) has no capital letter to vouch for
it, so the engine asks how common the word is in Arabic text at large: a very common word
(`المهندس`, the engineer; `الصدر`, the chest; also the best-known surnames) needs the person
named in full in the same text; a fairly common one needs a cue word or a full mention; a rare
one is a name. Source: the Arabic word frequencies of wordfreq (Robyn Speer), whose data is
under CC BY-SA 4.0; see ``src/core/data/ARABIC_WORDS_NOTICE``. Kept: words of Arabic letters
with a Zipf frequency of at least 3.4, written with ten times that frequency, most common first.

Re-runnable; the output depends only on the installed wordfreq version::

    pip install wordfreq==3.1.1
    python tools/arabic_words.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "core" / "data" / "arabic_words.tsv"
ARABIC = re.compile("^[\u0621-\u064a\u0671-\u06d3]+$")
MIN_ZIPF = 3.4


def main() -> int:
    from importlib.metadata import version

    import wordfreq

    rows = []
    for word in wordfreq.top_n_list("ar", 100_000):
        zipf = wordfreq.zipf_frequency(word, "ar")
        if zipf < MIN_ZIPF:
            break
        if ARABIC.match(word):
            rows.append(f"{word}\t{round(zipf * 10)}")
    header = (
        f"# Arabic words with a Zipf frequency of at least {MIN_ZIPF}, from wordfreq "
        f"{version('wordfreq')}; "
        "see ARABIC_WORDS_NOTICE (CC BY-SA 4.0). Columns: word, Zipf frequency times ten.\n"
    )
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
