"""False positives of the variant layers on ordinary English (TRANSLITERATION.md 3.2 and 4).

Loads the 68 seed entities of ``tests/seed_entities.py`` (canonical name, Arabic-script forms
and acronyms, as ``tests/test_variants_seed.py`` does) and, for each layer ``none``,
``default`` and ``aggressive`` (plus the tagger without ``variants=`` as a baseline), counts:

- **words**: how many common English words get a match when each is tagged alone, once in
  lowercase and once in Title case (the lowercase entries of ``/usr/share/dict/american-english``
  if present, else ``src/core/data/english_words.txt``);
- **collision words**: the same in Title case for the English words of brief 3.2's "typical
  collisions" (ballad, keys, goods, ally, dash, bidder ...), a few outside the word list;
- **prose**: the matches in stretches of entity-free English, each at least ``--prose-kb``
  KB: the wire-report prose of ``bench/data.py`` with no dictionary (so every name slot gets a
  generic phrase; the dateline, which names Iraqi cities, is cut off), and general English
  written by this file's own templates, rich in the words that collide with Iraqi names; plus
  that general English again with Every Word Capitalized, as in headlines, where the case gate
  cannot help.

Run ``python bench/false_positives.py``. The report is printed and written to
``bench/results/false_positives.md``. A layer whose ``Tagger(..., variants=...)`` raises
TypeError is reported as "variants not supported yet".
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import data  # noqa: E402  (bench/data.py)
import gazetag  # noqa: E402
from seed_entities import SEED, gazetteer_records  # noqa: E402

SYSTEM_DICT = Path("/usr/share/dict/american-english")
PACKAGED_WORDS = ROOT / "src" / "core" / "data" / "english_words.txt"
OUT = ROOT / "bench" / "results" / "false_positives.md"
LAYERS: tuple[str, ...] = ("none", "default", "aggressive")
BASELINE = "(no variants=)"
N_EXAMPLES = 20
DICTIONARY = (f"the {len(SEED)} seed entities of TRANSLITERATION.md section 5 (canonical names, "
              "Arabic-script forms, acronyms)")
WORD = re.compile(r"[a-z]{2,}")

# The English side of the "typical collisions" of brief 3.2 (all folds, F1 to Jaro-Winkler), plus
# a few more near seed names. Tagged alone in Title case, where the case gate does not help.
COLLISION_WORDS: tuple[str, ...] = (
    "ballad", "sale", "keys", "baker", "ally", "dash", "shabby", "merge", "emery", "goods",
    "gods", "thin", "them", "valley", "hack", "had", "head", "she", "shoe", "said", "side",
    "all", "bidder", "sadder", "sad", "bad", "bar", "and", "this", "take", "made", "in", "on",
    "will", "can", "gone", "do", "does", "your", "four", "must", "has", "ship", "hair",
    "harrier", "dam", "din", "imam", "salaam", "amir", "hit", "heat", "heed", "kiss", "case",
    "salad", "ballot", "taxi", "tango", "massed", "mused", "salam", "tan",
)


# --------------------------------------------------------------------------------------------
# English inputs
# --------------------------------------------------------------------------------------------


def load_words() -> tuple[list[str], str]:
    """Lowercase ASCII words (2+ letters), sorted, and where they came from."""
    if SYSTEM_DICT.exists():
        lines = SYSTEM_DICT.read_text(encoding="utf-8").splitlines()
        source = str(SYSTEM_DICT)
    else:
        lines = PACKAGED_WORDS.read_text(encoding="ascii").splitlines()
        source = str(PACKAGED_WORDS.relative_to(ROOT))
    return sorted({w for w in (s.strip() for s in lines) if WORD.fullmatch(w)}), source


def wire_prose(n_bytes: int, seed: int = 11) -> str:
    """bench/data.py's wire prose with no names, the dateline removed."""
    text = data.make_news_text(n_bytes + 200, [], mention_rate=0.0, seed=seed)
    # "BAGHDAD, March 3 (Wire) — " names a seed city; keep what follows it.
    return text.split(" — ", 1)[1]


# Word lists for the general prose. Lowercase words that collide with seed names under some fold
# (brief 3.2) are mixed into ordinary vocabulary.
G_SUBJECTS: tuple[str, ...] = (
    "the baker", "a bidder", "my neighbour", "the old sailor", "her ally", "the teacher",
    "a tired student", "the imam", "the amir", "the band", "our guide", "the farmer",
    "a shabby clerk", "the mayor", "his sister", "the children", "a stranger", "the driver",
    "the committee", "the choir", "a young poet", "the judge", "the landlord", "the nurse",
)
G_VERBS: tuple[str, ...] = (
    "said", "hit", "sang", "sold", "bought", "found", "lost", "made", "had", "took", "gave",
    "saw", "liked", "hated", "fixed", "painted", "carried", "dropped", "hid", "praised",
    "merged", "hacked", "kissed", "cooked", "washed", "mended", "dashed off", "signed",
)
G_OBJECTS: tuple[str, ...] = (
    "a ballad", "the keys", "the goods", "a dash of salt", "the dam", "a thin rope",
    "the salad", "a ballot", "the sale", "an emery board", "the harrier", "a valley map",
    "the shoe", "her head", "the hair", "a ship", "the bar", "all the bread", "the case",
    "a basket", "the honey", "a tango", "the cards", "the deed", "the ditch", "a kiss",
    "the bass", "a candle", "the carriage", "the harbour", "the dates", "a heap of sand",
    "the tale", "the mill", "a mule", "the wheat", "the barley", "the bill", "a bid",
)
G_ADVERBS: tuple[str, ...] = (
    "quickly", "slowly", "again", "at last", "by mistake", "with care", "in silence",
    "without a word", "twice", "once more", "as usual", "in a hurry", "for no reason",
)
G_PLACES: tuple[str, ...] = (
    "in the kitchen", "at the market", "by the river", "near the dam", "in the valley",
    "on the hill", "at the harbour", "in the garden", "behind the mill", "at the station",
    "in the old town", "under the bridge", "at the fair", "in the square", "by the sea",
)
G_TIMES: tuple[str, ...] = (
    "on Monday", "last week", "in the morning", "after lunch", "that evening", "at dawn",
    "in the spring", "yesterday", "before the storm", "during the fair", "at midnight",
)
G_ADJECTIVES: tuple[str, ...] = (
    "sad", "happy", "thin", "tall", "shabby", "sudden", "quiet", "bright", "tired", "proud",
    "sadder", "angry", "gentle", "bold", "humble", "odd", "kind", "stern", "merry",
)
G_TEMPLATES: tuple[str, ...] = (
    "{S} {V} {O} {A}.",
    "{S} {V} {O} {P} {T}.",
    "{T}, {s} {V} {O} {P}.",
    "It is what it is, {s} said, and it is is not a typo.",
    "{S} was {J} because {s} {V} {O}.",
    "When {s} {V} {O}, {s2} {V2} {O2} {A}.",
    "{S} said that {s2} {V} {O} {P}.",
    "Who {V} {O}? {S} did, {T}.",
    "{S} and {s2} {V} {O} and {O2} {P}.",
    "{S} felt {J} and {V} {O} {A}, {T}.",
    "There was {o} {P}, and {s} {V} it {A}.",
    "{S} {V} {O}; {s2} only {V2} {O2}.",
    "Nobody {V} {O} {P} {T}, {s} said.",
    "{S} asked whether {s2} had {V} {O}.",
    "The keys, the goods and {o} were {P}.",
    "{S} told a {J} tale about {o} and {o2}.",
)


def general_prose(n_bytes: int, seed: int = 5) -> str:
    """General English of at least ``n_bytes`` bytes, from the templates above."""
    rng = random.Random(seed)
    c = rng.choice
    paragraphs: list[str] = []
    size = 0
    while size < n_bytes:
        sentences: list[str] = []
        for _ in range(rng.randint(3, 6)):
            s = c(G_TEMPLATES).format(
                S=c(G_SUBJECTS), s=c(G_SUBJECTS), s2=c(G_SUBJECTS), V=c(G_VERBS),
                V2=c(G_VERBS), O=c(G_OBJECTS), O2=c(G_OBJECTS), o=c(G_OBJECTS),
                o2=c(G_OBJECTS), A=c(G_ADVERBS), P=c(G_PLACES), T=c(G_TIMES), J=c(G_ADJECTIVES),
            )
            sentences.append(s[:1].upper() + s[1:])
        p = " ".join(sentences)
        paragraphs.append(p)
        size += len(p.encode()) + 2
    return "\n\n".join(paragraphs) + "\n"


ARABIC_WORDS = ROOT / "src" / "core" / "data" / "arabic_words.tsv"


def arabic_prose(n_bytes: int, seed: int = 13) -> str:
    """Arabic text of at least ``n_bytes`` bytes with no entity named in full: sentences of 8
    to 16 common Arabic words drawn by frequency from src/core/data/arabic_words.tsv (the words
    of every rank, the family names that are common words among them: `المالكي`, `الصدر`,
    `المهندس`), half of the sentences opened with a verb of speech (`قال`), as news writes. A
    stress test of the Arabic partial rule: every match in it is a false positive of a short
    form or an ambiguous name."""
    rng = random.Random(seed)
    rows = [line.split("\t") for line in ARABIC_WORDS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    words = [w for w, _ in rows]
    weights = [2.0 ** (int(z) / 10) for _, z in rows]
    paragraphs: list[str] = []
    size = 0
    while size < n_bytes:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentence = rng.choices(words, weights, k=rng.randint(8, 16))
            if rng.random() < 0.5:
                sentence.insert(0, "قال")
            sentences.append(" ".join(sentence) + ".")
        p = " ".join(sentences)
        paragraphs.append(p)
        size += len(p.encode()) + 2
    return "\n\n".join(paragraphs) + "\n"


def headline_prose(n_bytes: int, seed: int = 9) -> str:
    """The general prose with Every Word Capitalized, as in headlines: no help from case."""
    text = general_prose(n_bytes, seed)
    return re.sub(r"\b([a-z])", lambda m: m.group(1).upper(), text)


# --------------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------------


@dataclass
class LayerResult:
    layer: str
    supported: bool = True
    error: str = ""
    seconds: float = 0.0
    words: dict[str, int] = field(default_factory=dict)  # "lower" / "Title" -> words tagged
    word_examples: dict[str, list[str]] = field(default_factory=dict)
    prose: dict[str, int] = field(default_factory=dict)  # prose name -> matches
    prose_examples: dict[str, list[str]] = field(default_factory=dict)
    prose_distinct: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _rule(m: Any) -> str:
    return str(getattr(m, "rule", "-"))


def _build(g: gazetag.Gazetteer, layer: str) -> Any:
    if layer == BASELINE:
        return gazetag.Tagger(g)
    kwargs: dict[str, Any] = {"variants": layer}
    return gazetag.Tagger(g, **kwargs)


def measure(
    g: gazetag.Gazetteer,
    layer: str,
    word_sets: dict[str, Sequence[str]],
    proses: dict[str, str],
) -> LayerResult:
    res = LayerResult(layer)
    try:
        tagger = _build(g, layer)
    except TypeError as exc:
        res.supported = False
        res.error = f"variants not supported yet ({exc})"
        return res
    t0 = time.perf_counter()
    for kind, words in word_sets.items():
        hits = tagger.tag_batch(list(words))
        tagged = [(w, ms) for w, ms in zip(words, hits) if ms]
        res.words[kind] = len(tagged)
        res.word_examples[kind] = [
            f"`{w}` -> " + ", ".join(f"{m.entity_id} ({_rule(m)})" for m in ms)
            for w, ms in tagged[:N_EXAMPLES]
        ]
    for name, text in proses.items():
        matches = tagger.tag(text)
        res.prose[name] = len(matches)
        examples: list[str] = []
        for m in matches[:N_EXAMPLES]:
            left = text[max(0, m.start - 30) : m.start].replace("\n", " ")
            right = text[m.end : m.end + 30].replace("\n", " ")
            examples.append(
                f"…{left}**{m.text}**{right}… -> {m.entity_id} ({_rule(m)})"
            )
        res.prose_examples[name] = examples
        distinct = Counter(f"`{m.text}` -> {m.entity_id} ({_rule(m)})" for m in matches)
        res.prose_distinct[name] = distinct.most_common(N_EXAMPLES)
    res.seconds = time.perf_counter() - t0
    return res


def render(
    results: list[LayerResult],
    n_words: int,
    word_source: str,
    proses: dict[str, str],
    n_aliases: int,
) -> str:
    prose_names = list(proses)
    out: list[str] = ["# False positives of the variant layers on English", ""]
    out.append(
        f"Dictionary: {DICTIONARY} "
        f"({n_aliases:,} aliases). "
        f"Words: {n_words:,} lowercase entries of `{word_source}`, each tagged alone, in "
        "lowercase and in Title case. Prose: "
        + ", ".join(f"{k} ({len(v.encode()) / 1024:,.0f} KB)" for k, v in proses.items())
        + ", with no entity in it."
    )
    out.append(f"gazetag: `{gazetag.__file__}`.")
    out.append("")
    header = ["layer", "words tagged (lower)", "words tagged (Title)"]
    header += [f"of {len(COLLISION_WORDS)} collision words (Title)"]
    header += [f"prose matches ({k})" for k in prose_names]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for r in results:
        if not r.supported:
            cells = [r.layer] + ["variants not supported yet"] * (len(header) - 1)
        else:
            cells = [r.layer, f"{r.words['lower']:,}", f"{r.words['Title']:,}"]
            cells += [f"{r.words['collision words, Title']:,}"]
            cells += [f"{r.prose[k]:,}" for k in prose_names]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for r in results:
        out.append(f"## Layer `{r.layer}`")
        out.append("")
        if not r.supported:
            out.append(r.error)
            out.append("")
            continue
        out.append(f"Measured in {r.seconds:.2f} s.")
        out.append("")
        for kind in r.words:
            out.append(f"Words tagged ({kind}): {r.words[kind]:,}; first {N_EXAMPLES}:")
            out.append("")
            out += [f"- {e}" for e in r.word_examples[kind]] or ["- (none)"]
            out.append("")
        for name in prose_names:
            out.append(f"Prose matches ({name}): {r.prose[name]:,}; first {N_EXAMPLES}:")
            out.append("")
            out += [f"- {e}" for e in r.prose_examples[name]] or ["- (none)"]
            out.append("")
            if r.prose_distinct[name]:
                out.append(f"Most frequent ({name}):")
                out.append("")
                out += [f"- {n} × {e}" for e, n in r.prose_distinct[name]]
                out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--prose-kb", type=int, default=256, help="KB of each prose (%(default)s)")
    ap.add_argument("--out", type=Path, default=OUT, help="report file (%(default)s)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the no-variants= tagger")
    ap.add_argument(
        "--gazetteer", default="seed",
        help="'seed' (the brief's 68 entities, default), 'embedded' (Gazetteer.default()) or a "
        "dictionary file gazetag reads",
    )
    args = ap.parse_args(argv)

    global DICTIONARY
    if args.gazetteer == "seed":
        records = gazetteer_records()
        g = gazetag.Gazetteer.from_records(records)
        n_aliases = sum(1 + len(r["aliases"]) for r in records)
    else:
        g = (gazetag.Gazetteer.default() if args.gazetteer == "embedded"
             else gazetag.Gazetteer.read(args.gazetteer))
        n_aliases = sum(len(e.aliases) for e in g)
        DICTIONARY = f"the {args.gazetteer} gazetteer, {len(g):,} entities"
    words, word_source = load_words()
    word_sets: dict[str, Sequence[str]] = {
        "lower": words,
        "Title": [w[:1].upper() + w[1:] for w in words],
        "collision words, Title": [w[:1].upper() + w[1:] for w in COLLISION_WORDS],
    }
    makers: dict[str, Callable[[int], str]] = {
        "wire": wire_prose,
        "general": general_prose,
        "headlines": headline_prose,
        "arabic": arabic_prose,
    }
    proses = {name: make(args.prose_kb * 1024) for name, make in makers.items()}

    layers = ([] if args.no_baseline else [BASELINE]) + list(LAYERS)
    results = [measure(g, layer, word_sets, proses) for layer in layers]
    report = render(results, len(words), word_source, proses, n_aliases)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
