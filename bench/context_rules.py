"""What each rule that reads context removes, measured on the development passages.

Usage (from the repository root, with gazetag installed)::

    python bench/context_rules.py                          # both development sets
    python bench/context_rules.py --passages bench/eval/passages.txt

For every passage, ``Tagger.explain(text, rejected=True)`` lists the candidates a rule rejected
(README, matching rules 9-12). Each rejection is scored against the gold annotation: **right**
when no gold mention of that entity covers the span (the rule removed a wrong match), **wrong**
when one does (the rule cost recall). Candidates a wider variant layer would match are not
rejections and are left out. Then precision and recall with the context rules on
(``Tagger.default()``) and off (``licensing=False``: licences, cue words and acronym
definitions) show what the rules change together.

The script measures and asserts nothing; it writes ``bench/results/context_rules.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gazetag  # noqa: E402
from precision_recall import Passage, align, load_passages, predictions, tally  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval"
DEFAULT_SETS = [EVAL / "passages.txt", EVAL / "passages-ar.txt"]


def rejections(tagger: Any, passages: list[Passage]) -> tuple[Counter[str], Counter[str]]:
    """Rejections per rule, split into right (no gold of that entity there) and wrong."""
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for p in passages:
        for e in tagger.explain(p.text, rejected=True):
            reason = e.rejected
            if reason is None or reason.startswith("variants="):
                continue
            m = e.match
            hit = any(
                g.entity_id == m.entity_id and g.start < m.end and m.start < g.end for g in p.gold
            )
            (wrong if hit else right)[reason] += 1
    return right, wrong


def scores(tagger: Any, passages: list[Passage]) -> tuple[float, float]:
    """Strict precision and recall of ``tagger`` on the passages."""
    outcomes = [(p, align(predictions(tagger, p.text), p.gold, lenient=False)) for p in passages]
    known = {g.entity_id for p in passages for g in p.gold}
    total = tally(outcomes, known)["all"]
    return total.precision, total.recall


def report(path: Path) -> str:
    passages = load_passages(path)
    on = gazetag.Tagger.default()
    off = gazetag.Tagger.default(licensing=False)
    right, wrong = rejections(on, passages)
    rel = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
    lines = [
        f"## {rel}",
        "",
        f"- passages: {len(passages)}, gold mentions: {sum(len(p.gold) for p in passages)}",
        "",
        "| rule | rejected | right (no such gold) | wrong (gold lost) |",
        "|---|---:|---:|---:|",
    ]
    for rule in sorted(set(right) | set(wrong), key=lambda r: -(right[r] + wrong[r])):
        lines.append(f"| `{rule}` | {right[rule] + wrong[rule]} | {right[rule]} | {wrong[rule]} |")
    lines.append(
        f"| **all** | {sum(right.values()) + sum(wrong.values())} | {sum(right.values())} "
        f"| {sum(wrong.values())} |"
    )
    p_on, r_on = scores(on, passages)
    p_off, r_off = scores(off, passages)
    lines += [
        "",
        "| licensing | strict precision | strict recall |",
        "|---|---:|---:|",
        f"| on (default) | {p_on:.3f} | {r_on:.3f} |",
        f"| off | {p_off:.3f} | {r_off:.3f} |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=Path, action="append", help="passages file(s)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "context_rules.md"
    )
    args = parser.parse_args(argv)
    paths = args.passages or DEFAULT_SETS
    text = "# What the context rules remove\n\n" + "\n".join(report(p) for p in paths)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
