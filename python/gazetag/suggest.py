"""Grow a gazetteer from a corpus: names worth adding, found in the texts a user tags.

`Tagger.suggest(texts)` (and ``gazetag suggest FILE...``) reads the texts once and returns two
kinds of candidates, ranked by how often they occur:

- **New spellings of known entities** (``kind == "spelling"``): a span that a wider variant
  layer or a context rule would link to an entity but the tagger does not (the rule that
  rejected it, or the layer that would find it, is the ``cue``: ``layer aggressive``,
  ``rejected: <rule>``), a name that is a few edits from an alias (``cue`` ``edit: Yarala ->
  Yarallah``), and an acronym or long form defined in parentheses next to a known one.
  ``entity_id`` names the entity; written to a dictionary, the spelling is an alias of it.
- **Unknown names** (``kind == "name"``): name-like spans that no entity matches: runs of
  capitalized words with their particles (``al-``, ``el-``, ``bin``, ``ibn``, ``Abu``),
  names after a title or role word, acronyms defined in parentheses (the long form and the
  acronym together, as name and alias) and, in Arabic script, the words after a title or a
  group's head word. The label is guessed from the cue tables below, or left empty.

Left out: common words (a list of English words, the core's own, decides; so does the Arabic
word-frequency table for Arabic), a capitalized common word that opens a sentence, headline
lines (most words capitalized, function words too), countries, demonyms and places of the
core's place table and those the caller lists, and every span the tagger already matches.

Cue tables. The label comes from the first cue found, in this order: a head word inside the
name; a title inside its capitalized run (``Gen. Karim Zubaidawi``: the title stays out of the
name); a role word right before it (``spokesman Yahya Rasool``, ``the commander, Hamid``); a
head word right after it in lower case (``Ain al-Asad air base``, ``Badush prison``); a role
word in an apposition after it (``Hamid Sarraji, the brigade's commander``) or ``, who``; a
kunya (``Abu``, ``Umm``) or ``bin``/``ibn`` inside it; a given name of the core's list opening
it (``Nizar Amedi``; cue ``given name``); ``said``, ``told``, ``added`` right after it. An
Arabic name takes the label of the title or head word before it.

===============  ==========================================================================
label            cues
===============  ==========================================================================
PERSON           ``TITLES`` inside the run: ``Gen.``, ``Maj.``, ``Col.``, ``Lt.``, ``Brig.``,
                 ``Capt.``, ``Dr.``, ``Mr.``, ``Sheikh``, ``Sayyid``, ``Ayatollah``,
                 ``Mullah``, ``Imam``, ``Hajji``, ``President``, ``Prime Minister``,
                 ``Minister``, ``Commander``, ``General``, ``Leader``, ...; ``ROLE_WORDS``
                 before or after: ``spokesman``, ``commander``, ``leader``, ``minister``,
                 ``chief``, ``cleric``, ``governor``, ``official``, ...; a kunya, ``bin``,
                 ``ibn``; a given name; ``said``/``told``; ``ARABIC_TITLES`` before an
                 Arabic name (اللواء، العميد، الفريق، العقيد، الشيخ، القيادي، المتحدث باسم ...)
MILITIA          ``HEAD_WORDS``: Brigade(s), Battalion(s), Kata'ib, Saraya, Liwa, Harakat,
                 Army, Asa'ib, Front, Resistance, Wilayat, Usbat, Tashkil, Ansar, Jaysh;
                 ``ARABIC_HEADS``: كتائب، سرايا، لواء، حركة، فصيل
BASE             Base, Air Base, Airbase, Airfield, Camp, Garrison, Airport, Prison,
                 Compound, Crossing, Outpost, Barracks; قاعدة، معسكر، مطار
INSTITUTION      Ministry, Council, Commission, Command, Directorate, Department,
                 Committee, Agency, Authority, Service, Office, Movement, Party, Alliance,
                 Union, Presidency, Cell, Court, Assembly, Parliament, Bloc, Coalition,
                 Organization, Foundation; وزارة، مجلس، هيئة، قيادة، مديرية
===============  ==========================================================================

The result is a `Suggestions` list of `Suggestion` objects, with ``to_dataframe()``
(pandas), ``to_records()``, ``to_gazetteer()`` and ``write(path)``: a dictionary file in the
gazetteer format (CSV, TSV or JSONL by suffix) that loads with `Gazetteer.read` and merges
with `Gazetteer.update`. Each unknown name is one row (a new id, made from the name; the
label ``UNKNOWN`` when no cue suggested one, since a gazetteer needs a label: edit it); the
new spellings of one entity share one row with the entity's id, name and label and the
spellings as aliases, so ``update`` adds them to it. ``meta.suggested`` holds the count, the
contexts and the cue.

>>> import gazetag
>>> tagger = gazetag.Tagger.default()
>>> texts = ["Gen. Karim Zubaidawi, commander of Liwa al-Qasimiyya, met Sheikh Abu Warith.",
...          "Liwa al-Qasimiyya said Karim Zubaidawi was in Basra."]
>>> for s in tagger.suggest(texts):
...     print(s.count, s.text, s.label, repr(s.cue))
2 Karim Zubaidawi PERSON 'Gen.'
2 Liwa al-Qasimiyya MILITIA 'Liwa'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, overload

from gazetag._errors import InputError, InputTypeError
from gazetag._gazetag import Gazetteer, Match, Tagger, _word_lists

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = [
    "ARABIC_HEADS",
    "ARABIC_TITLES",
    "HEAD_WORDS",
    "ROLE_WORDS",
    "TITLES",
    "Context",
    "Suggestion",
    "Suggestions",
    "suggest",
    "suggestion_matches",
]

# --------------------------------------------------------------------------------------------
# Cue tables
# --------------------------------------------------------------------------------------------

#: Capitalized titles written before a name, inside its capitalized run (folded to lower case,
#: without the final period). Each makes the name a PERSON and stays out of it.
TITLES: frozenset[str] = frozenset(
    """gen maj col lt brig capt sgt cpl adm cmdr dr mr mrs ms sen rep gov pres staff
    general major colonel lieutenant brigadier captain sergeant admiral commander
    sheikh shaykh sheik sayyid sayed sheikha mullah ayatollah imam hajji haji hojatoleslam
    president vice prime minister premier governor speaker judge deputy mayor ambassador
    envoy emir king prince chairman spokesman spokesperson cleric lawmaker mp mufti chief
    secretary director inspector leader
    """.split()
)

#: Lower-case role words right before a name (``spokesman Yahya Rasool``, ``the group's
#: leader, Qais``); each makes the name a PERSON.
ROLE_WORDS: frozenset[str] = frozenset(
    """spokesman spokeswoman spokesperson commander leader minister chief cleric governor
    official officer lawmaker deputy general colonel envoy ambassador sheikh mayor director
    chairman secretary head president premier judge emir mufti founder member militant
    """.split()
)

#: Head words inside a name and the label they suggest (folded, apostrophes dropped).
HEAD_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "brigade brigades battalion battalions kataib saraya liwa harakat haraka army asaib "
        "front resistance wilayat usbat tashkil ansar jaysh jaish sarayat fasil militia".split(),
        "MILITIA",
    ),
    **dict.fromkeys(
        "base airbase airfield camp garrison airport prison compound crossing outpost barracks "
        "airstrip".split(),
        "BASE",
    ),
    **dict.fromkeys(
        "ministry council commission command directorate department committee agency "
        "authority service office movement party alliance union presidency cell court "
        "assembly parliament bloc coalition organization organisation foundation".split(),
        "INSTITUTION",
    ),
}

#: Arabic titles and role words (folded as the core folds Arabic: أ إ آ -> ا, ى -> ي, ة -> ه):
#: the Arabic words after one are a PERSON's name. ``المتحدث باسم`` / ``القيادي في`` skip
#: the group named after them.
ARABIC_TITLES: tuple[str, ...] = (
    "اللواء",
    "العميد",
    "الفريق",
    "الفريق الركن",
    "اللواء الركن",
    "العميد الركن",
    "العقيد",
    "المقدم",
    "الرائد",
    "النقيب",
    "الشيخ",
    "السيد",
    "القيادي",
    "القائد",
    "الزعيم",
    "الوزير",
    "النائب",
    "المحافظ",
    "الامين العام",
    "المتحدث باسم",
    "الناطق باسم",
    "المتحدث الرسمي باسم",
    "امين عام",
    "زعيم",
    "قائد",
)

#: Arabic head words of a group, base or body: the words after one are its name.
ARABIC_HEADS: dict[str, str] = {
    "كتائب": "MILITIA",
    "سرايا": "MILITIA",
    "لواء": "MILITIA",
    "حركه": "MILITIA",
    "فصيل": "MILITIA",
    "قاعده": "BASE",
    "معسكر": "BASE",
    "مطار": "BASE",
    "وزاره": "INSTITUTION",
    "مجلس": "INSTITUTION",
    "هيئه": "INSTITUTION",
    "قياده": "INSTITUTION",
    "مديريه": "INSTITUTION",
}

# Words that end an Arabic name: prepositions, conjunctions, verbs of saying and the like.
_ARABIC_STOP = frozenset(
    """في من على الى عن ان او مع بعد قبل خلال ضد حول عند منذ حتى التي الذي الذين هذا هذه
    ذلك تلك قال وقال اكد واكد اعلن واعلن صرح وصرح اشار واشار اوضح واوضح كان وكان لم لن قد
    ثم بين امس اليوم يوم انه انها الا اما كما وفي ومن وعلى عبر اثر وسط امام غير كل لدى
    باسم الرسمي الركن بان""".split()
)

# The first words of compound Arabic names, after which an al- word goes on the name.
_ARABIC_COMPOUND = frozenset({"عبد", "ابو", "ابي", "ابا", "ام", "بن", "ابن", "بنت"})

# Given names that start with the letter lam, which otherwise opens a group's name after a
# title (``الأمين العام لـ``).
_LAM_NAMES = frozenset({"ليث", "لؤي", "لقمان", "لطيف", "لهيب", "لبيد"})

# Capitalized words that are no names though some are missing from the English word list.
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i you his her their our my
    in on at of for to from by with and or but as if when while after before since during
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mr mrs ms dr
    shiite shia sunni kurdish kurds islamic muslim arab arabic christian yazidi turkmen
    western eastern northern southern central ad bc am pm tv news reuters afp ap
    however meanwhile also yet still there here then now today yesterday tomorrow
    defence druze islamist islamists jihadist jihadists salafist alawite baathist sufi
    assyrian chaldean arabs persian sunnis shiites yazidis christians muslims kurd
    """.split()
)

# English words too general to make a name of a head word on their own (``Air Base``,
# ``Security Council``, ``Joint Operations Command``).
_GENERIC = frozenset(
    """air military joint operations operation special new old main general local security
    forces force police army national federal regional state central government higher high
    supreme top senior first second third the of for provincial international""".split()
)

# Function words: capitalized inside a line, they make it a headline (``Strike On Base``).
_FUNCTION = frozenset(
    "in on at of for to from by with and or as after near over the a an is are amid into "
    "against".split()
)

# Words that join capitalized words inside a name.
_CONNECTORS = ("of", "for", "bin", "ibn", "bint", "wa", "al", "el", "the", "and")
_KUNYA = frozenset({"abu", "umm", "abou", "abi"})
_SAYING = frozenset({"said", "says", "told", "added", "stated", "announced", "warned"})

# --------------------------------------------------------------------------------------------
# Folding and word tables
# --------------------------------------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʿʾʻʼ′\u0640\u00ad\u200c\u200d\u200e\u200f\u061c\ufeff"
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ک": "ك",
     "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه", "ە": "ه"}
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_\u200b]+")
_DROP = str.maketrans("", "", _APOSTROPHES)
# A hamza on an alef between a yeh and a teh marbuta is the one on the yeh (README rule 2).
_HAMZA_SEAT = re.compile(
    "(?<=[\u064a\u0649\u06cc\u06d2\u0626])\u0623(?=[\u0640\u064b-\u065f]*\u0629)"
)


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """The key a span is counted under: case-folded, accents and harakat dropped, apostrophes
    dropped, separators one space, Arabic letter forms unified (as the core folds).

    >>> from gazetag.suggest import fold
    >>> fold("Kata’ib  Ḥizballah") == fold("kataib hizballah")
    True
    >>> fold("هيأة النزاهة") == fold("هيئة النزاهة")
    True
    """
    decomposed = unicodedata.normalize("NFKD", _HAMZA_SEAT.sub("\u0626", text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_DROP).translate(_ARABIC_LETTERS).casefold()
    return _SEPARATORS.sub(" ", plain).strip()


class _Words:
    """The core's word tables, read once: English words, Arabic word frequencies, places."""

    def __init__(self) -> None:
        english_words, arabic_words, place_table, given, english_given = _word_lists()
        self.english = frozenset(w for w in english_words.split() if w)
        self.arabic: dict[str, int] = {}
        for line in arabic_words.splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            word, zipf = line.split("\t", 1)
            key = fold(word)
            try:
                self.arabic[key] = max(self.arabic.get(key, 0), int(zipf))
            except ValueError:
                continue
        places: set[str] = set()
        for line in place_table.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            for column in line.split("\t")[1:]:
                places.update(fold(p) for p in column.split("|") if p.strip())
        places.update({"us", "usa", "uk", "eu", "un", "uae", "gulf", "middle east"})
        self.places = frozenset(places)
        self.given = frozenset(given) | frozenset(english_given)


_WORDS: _Words | None = None


def _words() -> _Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = _Words()
    return _WORDS


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------


def _upper_class() -> str:
    """A character class of the Latin capital letters (ASCII, Latin-1, Extended-A/B and
    Extended Additional), for a regex without Unicode properties."""
    ranges = [(0x41, 0x24F), (0x1E00, 0x1EFF)]
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi + 1) if chr(c).isupper()]
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_UP = _upper_class()
_JOIN = "'’ʿʾ‘`"
_ABBREVIATIONS = "Gen|Maj|Brig|Col|Lt|Capt|Sgt|Cpl|Adm|Cmdr|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Pres"
# A capitalized word: an abbreviated title with its period, or a word that starts with a
# capital (after a lower-case article and a dash: al-Asadi), with its inner apostrophes and
# dashed parts (Kata'ib, Abdul-Mahdi).
_WORD = (
    rf"(?:(?:{_ABBREVIATIONS})\.(?=\s)"
    rf"|(?:(?:al|el|ad|as|ash|at|az|an|ar|adh|ath|ul)[-‐‑])?{_UP}\w*"
    rf"(?:[{_JOIN}]\w+)*(?:[-‐‑]\w+(?:[{_JOIN}]\w+)*)*)"
)
_SEP = r"(?:[ \t\u00a0]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
_CONN = r"(?:of(?:[ \t]+the)?|for|bin|ibn|bint|wa|al|el|de)"
_RUN = re.compile(rf"(?<![\w{_JOIN}]){_WORD}(?:{_SEP}(?:{_CONN}{_SEP})?{_WORD})*")
_TOKEN = re.compile(r"\S+")
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Z0-9&]{1,9})\s*\)")
_ROLE_BEFORE = re.compile(r"(?:^|\s)(\w+)(?:'s|’s)?,?[ \t]+$")
_SAYING_AFTER = re.compile(r"^,?\s+(\w+)")
_HEAD_AFTER = re.compile(r"^[ \t]+(?:air[ \t]+|military[ \t]+|border[ \t]+)?([a-z]+)\b")
_APPOSITION = re.compile(r"^,[ \t]+(who\b|(?:the|a|an|its|his|their)\b[^,.;:()]{0,50})")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+")
_SENTENCE_END = ".!?:;\n"
_OPENERS = " \t\r\"'“‘«(["


def _arabic_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])[وف]?(?:ل|ب|ك)?({alternatives})(?![\w])")


_ARABIC_TITLE = _arabic_pattern(ARABIC_TITLES)
_ARABIC_HEAD = _arabic_pattern(ARABIC_HEADS)


def _bare(token: str) -> str:
    """A token folded, without its final period and apostrophes (``Gen.`` -> ``gen``)."""
    return fold(token.rstrip(".,"))


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Where a candidate occurs: the index of the text in the input, the span's ``str``
    offsets, and a snippet of the text around it (on one line)."""

    doc: int
    start: int
    end: int
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        """The context as a plain dict."""
        return {"doc": self.doc, "start": self.start, "end": self.end, "snippet": self.snippet}


@dataclass(frozen=True)
class Suggestion:
    """One candidate for the gazetteer.

    Attributes:
        text: The span, as most often written.
        kind: ``"spelling"`` (a new spelling of ``entity_id``) or ``"name"`` (unknown).
        count: How many times it occurs in the texts.
        label: The suggested label; for a spelling the entity's label; ``""`` when no cue.
        cue: What suggested the label (the title, role or head word as written, ``Abu``,
            ``said``), or for a spelling the rule or edit that links it to its entity.
        entity_id: The entity a spelling belongs to; ``None`` for a name.
        name: The entity's canonical name for a spelling; else ``text``.
        acronym: The acronym defined in parentheses after the name, if any.
        contexts: A few places where it occurs.
    """

    text: str
    kind: Literal["spelling", "name"]
    count: int
    label: str
    cue: str
    entity_id: str | None = None
    name: str = ""
    acronym: str | None = None
    contexts: tuple[Context, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as a plain dict (contexts as dicts)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "count": self.count,
            "label": self.label,
            "cue": self.cue,
            "entity_id": self.entity_id,
            "name": self.name or self.text,
            "acronym": self.acronym,
            "contexts": [c.to_dict() for c in self.contexts],
        }


#: The columns of `Suggestions.to_dataframe`, in order.
COLUMNS = ("text", "kind", "count", "label", "cue", "entity_id", "name", "acronym", "contexts")
#: The label written to a dictionary file for a name whose label no cue suggested.
UNKNOWN_LABEL = "UNKNOWN"


class Suggestions(Sequence[Suggestion]):
    """The candidates `Tagger.suggest` found, ranked by count (then by text): a sequence of
    `Suggestion`, with conversions to a DataFrame and to a dictionary file.

    >>> import gazetag
    >>> s = gazetag.Tagger.default().suggest(["Sheikh Ammar Bilasi spoke."], min_count=1)
    >>> s
    Suggestions(1 candidates: 'Ammar Bilasi' PERSON x1)
    >>> s.to_records()[0]["id"], s.to_records()[0]["aliases"]
    ('ammar-bilasi', [])
    """

    __slots__ = ("_items", "_taken")

    def __init__(self, items: Iterable[Suggestion], taken_ids: Iterable[str] = ()) -> None:
        self._items = tuple(items)
        self._taken = frozenset(taken_ids)

    @overload
    def __getitem__(self, index: int) -> Suggestion: ...
    @overload
    def __getitem__(self, index: slice) -> Suggestions: ...
    def __getitem__(self, index: int | slice) -> Suggestion | Suggestions:
        if isinstance(index, slice):
            return Suggestions(self._items[index], self._taken)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Suggestions):
            return NotImplemented
        return self._items == other._items

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        head = ", ".join(f"{s.text!r} {s.label or '?'} x{s.count}" for s in self._items[:3])
        more = ", ..." if len(self._items) > 3 else ""
        return f"Suggestions({len(self._items)} candidates: {head}{more})"

    def to_dataframe(self) -> pd.DataFrame:
        """A pandas DataFrame, one row per candidate, with the columns of `COLUMNS`
        (``contexts`` a list of dicts). Needs pandas."""
        import pandas as pd

        rows = [s.to_dict() for s in self._items]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=list(COLUMNS))
        return frame

    def to_records(self) -> list[dict[str, Any]]:
        """Gazetteer records (``id``, ``name``, ``label``, ``aliases``, ``meta``): one per
        unknown name, and one per entity that has new spellings (its id, name and label, the
        spellings as aliases), in rank order. ``meta.suggested`` holds ``count``, ``cue``,
        ``kind``, ``contexts`` and, for spellings, each spelling's own count and cue."""
        records: list[dict[str, Any]] = []
        by_entity: dict[str, dict[str, Any]] = {}
        used = set(self._taken)
        for s in self._items:
            contexts = [c.to_dict() for c in s.contexts]
            if s.kind == "spelling" and s.entity_id is not None:
                record = by_entity.get(s.entity_id)
                if record is None:
                    record = {
                        "id": s.entity_id,
                        "name": s.name,
                        "label": s.label,
                        "aliases": [],
                        "meta": {
                            "suggested": {
                                "kind": "spelling",
                                "count": 0,
                                "cue": s.cue,
                                "contexts": contexts,
                                "spellings": [],
                            }
                        },
                    }
                    by_entity[s.entity_id] = record
                    records.append(record)
                record["aliases"].append(s.text)
                info = record["meta"]["suggested"]
                info["count"] += s.count
                info["spellings"].append({"text": s.text, "count": s.count, "cue": s.cue})
                continue
            slug = _slug(s.text)
            new_id, n = slug, 2
            while new_id in used:
                new_id, n = f"{slug}-{n}", n + 1
            used.add(new_id)
            records.append(
                {
                    "id": new_id,
                    "name": s.text,
                    "label": s.label or UNKNOWN_LABEL,
                    "aliases": [s.acronym] if s.acronym else [],
                    "meta": {
                        "suggested": {
                            "kind": "name",
                            "count": s.count,
                            "cue": s.cue,
                            "contexts": contexts,
                        }
                    },
                }
            )
        return records

    def to_gazetteer(self) -> Gazetteer:
        """The records of `to_records` as a `Gazetteer`, ready for ``update``."""
        return Gazetteer.from_records(self.to_records())

    def write(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        """Writes the dictionary file (CSV, TSV or JSONL, by suffix or ``format``), which
        `Gazetteer.read` loads back; see `Gazetteer.write`."""
        self.to_gazetteer().write(path, format)  # type: ignore[arg-type]


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    """An id made from a name: lower-case ASCII letters and digits joined by hyphens; a name
    with none (Arabic script) gets its code points' hex digits."""
    slug = _SLUG_DROP.sub("-", fold(text)).strip("-")
    if slug:
        return slug
    return "name-" + "".join(f"{ord(c):x}" for c in text if not c.isspace())[:40]


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------

#: Rejection reasons of `Tagger.explain(text, rejected=True)` that make a new spelling:
#: a wider layer's spelling, and a licensed short form left without its licence.
_SPELLING_REASONS = ("variants=", "licence")
_SNIPPET = 40
_LONGEST = 120


@dataclass
class _Tally:
    """One candidate's occurrences, as the scan counts them."""

    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    cues: Counter[tuple[str, str]] = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)
    acronyms: Counter[str] = field(default_factory=Counter)
    entity: tuple[str, str, str] | None = None  # (id, name, label) of a spelling


@dataclass(frozen=True)
class _Found:
    """A candidate span in one text."""

    start: int
    end: int
    label: str = ""
    cue: str = ""
    entity: tuple[str, str, str] | None = None
    acronym: str | None = None


def _snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - _SNIPPET), min(len(text), end + _SNIPPET)
    return " ".join(text[a:b].split())


def _surface(text: str) -> str:
    return " ".join(text.split())


def _initials(words: Sequence[str]) -> str:
    """The first letters of the words and of their dashed parts (``al-Awfiya`` -> ``aa``)."""
    out = []
    for w in words:
        for part in re.split(r"[-‐‑]", w):
            if part:
                out.append(fold(part[0]) or part[0].lower())
    return "".join(out)


def _defines(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` spells ``words``: its first letter is the first word's, and its
    letters follow the words' initials in order (particles may be skipped)."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    initials = _initials(words)
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(c in it for c in letters)


class _Scanner:
    """Finds the candidates of each text and counts them."""

    def __init__(self, tagger: Tagger, places: Iterable[str], contexts: int) -> None:
        self.tagger = tagger
        self.words = _words()
        self.user_places = frozenset(fold(p) for p in places)
        self.places = self.words.places | self.user_places
        self.max_contexts = contexts
        self.names: dict[str, _Tally] = {}
        self.spellings: dict[tuple[str, str], _Tally] = {}
        self.found: list[tuple[_Found, str]] = []  # of the last text, for suggestion_matches
        self.pending: list[_Found] = []  # spellings found while reading the acronyms
        # Runs of one word that can never be a name, wherever they stand (filled as met).
        self.dropped: set[str] = set()

    # -- one text ---------------------------------------------------------------------------

    def scan(self, doc: int, text: str) -> None:
        explained = self.tagger.explain(text, rejected=True)
        matched: list[tuple[int, int, tuple[str, str, str]]] = []
        rejected: list[_Found] = []
        for e in explained:
            m = e.match
            if e.rejected is None:
                matched.append((m.start, m.end, (m.entity_id, m.name, m.label)))
            elif e.rejected.startswith(_SPELLING_REASONS) and (
                e.rejected != "licence" or "partial" in e.rules
            ):
                if self._plausible_spelling(m.text):
                    cue = e.rejected.replace("variants=", "layer ")
                    if not e.rejected.startswith("variants="):
                        cue = f"rejected: {cue}"
                    if e.rules:
                        cue += f" ({'+'.join(e.rules)})"
                    rejected.append(
                        _Found(m.start, m.end, m.label, cue, (m.entity_id, m.name, m.label))
                    )
        matched.sort()
        self.found, self.pending = [], []
        definitions = self._definitions(text, matched)
        pieces = self._latin(text, matched, definitions)
        if _ARABIC.search(text):
            pieces += self._arabic(text, matched)
        spans = {(p.start, p.end) for p in pieces}
        for r in rejected:
            if (r.start, r.end) in spans:
                pieces = [p for p in pieces if (p.start, p.end) != (r.start, r.end)]
                pieces.append(r)
            elif not any(p.start < r.end and r.start < p.end for p in pieces):
                pieces.append(r)
        seen: set[tuple[int, int]] = set()
        for p in pieces:
            if (p.start, p.end) in seen:
                continue
            seen.add((p.start, p.end))
            self._count(doc, text, p)

    def _plausible_spelling(self, surface: str) -> bool:
        """Whether a rejected candidate may be a new spelling: capitalized Latin or Arabic
        script, not a place, an English word or a title, and in Arabic a rare word."""
        key = fold(surface)
        if key in self.places or key in self.words.english or key in TITLES:
            return False
        if _ARABIC.match(surface):
            words = key.split()
            return len(words) > 1 or self.words.arabic.get(key, 0) < 40
        return surface[:1].isupper()

    def _count(self, doc: int, text: str, p: _Found) -> None:
        if p.end - p.start > _LONGEST:
            return  # a run of capitals this long is a list or a table, not one name
        surface = _surface(text[p.start : p.end])
        key = fold(surface)
        if not key:
            return
        if p.entity is not None:
            tally = self.spellings.setdefault((key, p.entity[0]), _Tally(entity=p.entity))
        else:
            tally = self.names.setdefault(key, _Tally())
        tally.count += 1
        tally.surfaces[surface] += 1
        tally.cues[(p.label, p.cue)] += 1
        if p.acronym:
            tally.acronyms[p.acronym] += 1
        if len(tally.contexts) < self.max_contexts:
            tally.contexts.append(Context(doc, p.start, p.end, _snippet(text, p.start, p.end)))
        self.found.append((p, surface))

    # -- acronyms defined in parentheses ----------------------------------------------------

    def _definitions(
        self, text: str, matched: list[tuple[int, int, tuple[str, str, str]]]
    ) -> dict[int, tuple[str, tuple[str, str, str] | None]]:
        """Acronyms in parentheses, keyed by where the text before them ends; each with the
        entity that matches the acronym, if any. A known long form with an unknown acronym
        gives a spelling of its entity at once."""
        out: dict[int, tuple[str, tuple[str, str, str] | None]] = {}
        for m in _ACRONYM.finditer(text):
            acronym = m.group(1)
            end = len(text[: m.start()].rstrip())
            a, b = m.start(1), m.end(1)
            acronym_entity = next((ent for s, e, ent in matched if s == a and e == b), None)
            long_form = next((x for x in matched if x[1] == end), None)
            if long_form is not None:
                s, e, ent = long_form
                if acronym_entity is None and _defines(acronym, text[s:e].split()):
                    self.pending.append(_Found(a, b, ent[2], "acronym defined", ent))
                continue
            out[end] = (acronym, acronym_entity)
        return out

    # -- Latin script ----------------------------------------------------------------------

    def _headline(self, text: str, at: int, cache: dict[int, bool]) -> bool:
        start = text.rfind("\n", 0, at) + 1
        if start in cache:
            return cache[start]
        end = text.find("\n", at)
        line = text[start : end if end != -1 else len(text)]
        words = re.findall(r"[^\W\d_][\w'’-]*", line)
        verdict = False
        if len(words) >= 4:
            caps = sum(w[0].isupper() for w in words)
            small = sum(1 for w in words[1:] if w[0].isupper() and w.lower() in _FUNCTION)
            verdict = caps >= 0.75 * len(words) and (small > 0 or caps == len(words))
            # A line of capitals that is no sentence (no final stop) is a title too.
            ends = line.rstrip().endswith((".", '"', "”", ":", ","))
            verdict = verdict or (caps >= 0.7 * len(words) and not ends)
            verdict = verdict or all(w.isupper() for w in words)
        cache[start] = verdict
        return verdict

    def _latin(
        self,
        text: str,
        matched: list[tuple[int, int, tuple[str, str, str]]],
        definitions: dict[int, tuple[str, tuple[str, str, str] | None]],
    ) -> list[_Found]:
        out: list[_Found] = list(self.pending)
        self.pending = []
        headlines: dict[int, bool] = {}
        spans = [(s, e) for s, e, _ in matched]
        j = 0
        dropped = self.dropped
        for run in _RUN.finditer(text):
            word = run.group()
            if word in dropped:
                continue  # one common word: most runs, and no name
            rs, re_ = run.span()
            if self._headline(text, rs, headlines):
                continue
            while j < len(spans) and spans[j][1] <= rs:
                j += 1
            # Split at matches and at possessives: the pieces between are the name-like parts.
            segment: list[tuple[int, int, str]] = []
            segments = [segment]
            k = j
            for t in _TOKEN.finditer(text, rs, re_):
                s, e = t.span()
                while k < len(spans) and spans[k][1] <= s:
                    k += 1
                if k < len(spans) and spans[k][0] < e:
                    segment = []
                    segments.append(segment)
                    continue
                word = t.group()
                if word.endswith(("'s", "’s")) and len(word) > 2:
                    segment.append((s, e - 2, word[:-2]))
                    segment = []
                    segments.append(segment)
                    continue
                head, dash, tail = word.rpartition("-")
                if dash and head and tail.islower() and tail in self.words.english:
                    # ``KDP-aligned``, ``Assad-era``: the name, then a word of its own.
                    segment.append((s, s + len(head), head))
                    segment = []
                    segments.append(segment)
                    continue
                segment.append((s, e, word))
            for n, seg in enumerate(segments):
                if seg:
                    found = self._piece(text, seg, n == 0 and self._sentence_start(text, rs))
                    if found is not None:
                        out.append(self._with_definition(text, found, definitions))
        return out

    @staticmethod
    def _sentence_start(text: str, at: int) -> bool:
        i = at - 1
        while i >= 0 and text[i] in _OPENERS:
            i -= 1
        return i < 0 or text[i] in _SENTENCE_END

    def _piece(self, text: str, tokens: list[tuple[int, int, str]], first: bool) -> _Found | None:
        words = self.words
        bares = [_bare(t) for _, _, t in tokens]
        if len(tokens) == 1:
            b = bares[0]
            if b in words.english or b in _NOT_NAMES or b in self.places or b in TITLES:
                self.dropped.add(tokens[0][2])
                return None
        label = cue = ""
        cut = max((i for i, b in enumerate(bares[:-1]) if b in TITLES), default=-1)
        if cut >= 0:
            i = cut
            while i > 0 and bares[i - 1] in TITLES:
                i -= 1
            label, cue = "PERSON", " ".join(t for _, _, t in tokens[i : cut + 1])
            tokens, bares, first = tokens[cut + 1 :], bares[cut + 1 :], False
        has_head = any(b in HEAD_WORDS for b in bares)
        while tokens:
            b = bares[0]
            drop = (
                b in _CONNECTORS
                or b in _NOT_NAMES
                or (b in self.places and not has_head)
                or (
                    first
                    and b in words.english
                    and b not in _KUNYA
                    # ``Patriotic Union of X`` opens a sentence whole; ``Fighters of X`` not.
                    and (not has_head or (len(bares) > 1 and bares[1] in _CONNECTORS))
                )
            )
            if not drop:
                break
            tokens, bares, first = tokens[1:], bares[1:], False
        # ``Nizar Amedi of the PUK``: a name without a head word ends before ``of``.
        of = next((i for i, b in enumerate(bares) if b in ("of", "for")), None)
        if of is not None and not any(b in HEAD_WORDS for b in bares[:of]):
            tokens, bares = tokens[:of], bares[:of]
        while tokens and (
            bares[-1] in _CONNECTORS or bares[-1] in _NOT_NAMES or bares[-1] in TITLES
        ):
            tokens, bares = tokens[:-1], bares[:-1]
        if not tokens:
            return None
        core = [b for b in bares if b not in _CONNECTORS]
        heads = [i for i, b in enumerate(bares) if b in HEAD_WORDS]
        named = [
            b
            for b in core
            if b not in words.english
            and b not in _NOT_NAMES
            and b not in self.places
            and b not in HEAD_WORDS
        ]
        if not named:
            # Only English words: a name only with a head word and a word of its own
            # (``Ministry of Electricity``, not ``Air Base``).
            specific = [b for b in core if b not in HEAD_WORDS and b not in _GENERIC]
            if not heads or not specific:
                return None
        if len(core) == 1 and (tokens[0][2].isupper() or len(core[0]) < 3):
            return None
        start, end = tokens[0][0], tokens[-1][1]
        if fold(text[start:end]) in self.places:
            return None
        if heads:
            label, cue = HEAD_WORDS[bares[heads[0]]], tokens[heads[0]][2]
        elif not label:
            label, cue = self._person_cue(text, start, end, bares, tokens)
        return _Found(start, end, label, cue)

    def _person_cue(
        self, text: str, start: int, end: int, bares: list[str], tokens: list[tuple[int, int, str]]
    ) -> tuple[str, str]:
        """The label and cue from the words around a name without a head word or title."""
        before = _ROLE_BEFORE.search(text, max(0, start - 40), start)
        if before and before.group(1).lower() in ROLE_WORDS:
            return "PERSON", before.group(1)
        after = text[end : end + 60]
        head = _HEAD_AFTER.match(after)
        if head and head.group(1).lower() in HEAD_WORDS:
            return HEAD_WORDS[head.group(1).lower()], head.group(1)
        apposition = _APPOSITION.match(after)
        if apposition:
            words = apposition.group(1).split()[:5]
            role = next((w for w in words if w == "who" or w in ROLE_WORDS), None)
            if role is not None:
                return "PERSON", role
        if bares[0] in _KUNYA and len(bares) > 1:
            return "PERSON", tokens[0][2]
        for b, (_, _, t) in zip(bares, tokens):
            if b in ("bin", "ibn", "bint"):
                return "PERSON", t
        if len(bares) > 1 and bares[0] in self.words.given:
            return "PERSON", "given name"
        saying = _SAYING_AFTER.match(after)
        if saying and saying.group(1).lower() in _SAYING:
            return "PERSON", saying.group(1)
        return "", ""

    def _with_definition(
        self,
        text: str,
        found: _Found,
        definitions: dict[int, tuple[str, tuple[str, str, str] | None]],
    ) -> _Found:
        definition = definitions.get(found.end)
        if definition is None:
            return found
        acronym, entity = definition
        words = text[found.start : found.end].split()
        # The acronym may spell only the last words of the run (``the Iraqi HAAA``).
        for i in range(len(words)):
            if _defines(acronym, words[i:]):
                start = found.start + text[found.start : found.end].find(words[i])
                if entity is not None:
                    return _Found(start, found.end, entity[2], f"long form of {acronym}", entity)
                return _Found(start, found.end, found.label, found.cue, acronym=acronym)
        return found

    # -- Arabic script ---------------------------------------------------------------------

    def _arabic(
        self, text: str, matched: list[tuple[int, int, tuple[str, str, str]]]
    ) -> list[_Found]:
        folded = text.translate(_ARABIC_LETTERS)  # one letter for one: offsets stay
        starts = {s: e for s, e, _ in matched}
        out: list[_Found] = []

        def overlaps(a: int, b: int) -> bool:
            return any(s < b and a < e for s, e, _ in matched)

        for m in _ARABIC_TITLE.finditer(folded):
            if overlaps(m.start(1), m.end(1)):
                continue
            p = m.end(1)
            title = m.group(1)
            nxt = _ARABIC_WORD.match(folded, p + 1) if folded[p : p + 1] == " " else None
            if title.endswith("باسم") or (nxt and nxt.group() in ("في", "باسم")):
                if nxt and not title.endswith("باسم"):
                    p = nxt.end()
                group = p + 1 if folded[p : p + 1] == " " else p
                if group not in starts:
                    continue
                p = starts[group]
            after = _ARABIC_WORD.match(folded, p + 1) if folded[p : p + 1] == " " else None
            if after and after.group().startswith("ل") and after.group() not in _LAM_NAMES:
                continue  # ``الأمين العام لعصائب ...``: the group, then the name
            found = self._arabic_words(folded, p, matched, 4)
            if found is None:
                continue
            s, e, n = found
            if n < 2 and self.words.arabic.get(fold(text[s:e]), 0) >= 35:
                continue
            out.append(_Found(s, e, "PERSON", text[m.start(1) : m.end(1)]))
        for m in _ARABIC_HEAD.finditer(folded):
            if overlaps(m.start(1), m.end(1)):
                continue
            found = self._arabic_words(folded, m.end(1), matched, 3)
            if found is None:
                continue
            s, e, n = found
            zipfs = [self.words.arabic.get(fold(w), 0) for w in text[s:e].split()]
            if min(zipfs) >= 40:
                continue
            head = folded[m.start(1) : m.end(1)]
            out.append(_Found(m.start(1), e, ARABIC_HEADS[head], text[m.start(1) : m.end(1)]))
        return out

    def _arabic_words(
        self,
        folded: str,
        p: int,
        matched: list[tuple[int, int, tuple[str, str, str]]],
        most: int,
    ) -> tuple[int, int, int] | None:
        """The Arabic name words from ``p`` on: (start, end, count), or None."""
        start = end = -1
        n = 0
        previous = ""
        while n < most and folded[p : p + 1] == " ":
            w = _ARABIC_WORD.match(folded, p + 1)
            if w is None:
                break
            word = w.group()
            if word in _ARABIC_STOP or (word[0] in "وف" and word[1:] in _ARABIC_STOP):
                break
            if word in self.places or any(s < w.end() and w.start() < e for s, e, _ in matched):
                if n == 0:
                    return None
                break
            if n and word[0] in "وف" and len(word) > 3:
                break  # a conjunction and the next phrase
            if n == 0:
                start = w.start()
            end, n, p = w.end(), n + 1, w.end()
            if folded[p : p + 1] not in (" ", ""):
                break
            # A family name or nisba (al-...) ends a name, unless it completes a compound
            # given name (عبد الكريم, ابو الفضل).
            if word.startswith("ال") and previous not in _ARABIC_COMPOUND:
                break
            previous = word
        return (start, end, n) if n else None

    # -- the ranking -----------------------------------------------------------------------

    def result(self, min_count: int) -> Suggestions:
        near = _NearMisses.of(self.tagger)
        spellings = dict(self.spellings)
        items: list[Suggestion] = []
        for key, tally in self.names.items():
            if tally.count < min_count:
                continue
            surface = tally.surfaces.most_common(1)[0][0]
            miss = near.find(key) if _ARABIC.search(key) is None else None
            if miss is not None:
                if miss[0] == 0:
                    continue  # an alias as written, left out by its context rules
                distance, entity, alias = miss
                slot = spellings.setdefault((key, entity[0]), _Tally(entity=entity))
                slot.count += tally.count
                slot.surfaces.update(tally.surfaces)
                slot.cues[("", f"edit {distance}: {alias}")] += tally.count
                slot.contexts.extend(tally.contexts)
                continue
            label, cue = _best_cue(tally.cues)
            acronym = tally.acronyms.most_common(1)[0][0] if tally.acronyms else None
            items.append(
                Suggestion(
                    surface,
                    "name",
                    tally.count,
                    label,
                    cue,
                    None,
                    surface,
                    acronym,
                    tuple(tally.contexts[: self.max_contexts]),
                )  # fmt: skip
            )
        for (_key, entity_id), tally in spellings.items():
            if tally.count < min_count or tally.entity is None:
                continue
            surface = tally.surfaces.most_common(1)[0][0]
            cue = max((n, c) for (_, c), n in tally.cues.items())[1]
            items.append(
                Suggestion(
                    surface,
                    "spelling",
                    tally.count,
                    tally.entity[2],
                    cue,
                    entity_id,
                    tally.entity[1],
                    None,
                    tuple(tally.contexts[: self.max_contexts]),
                )  # fmt: skip
            )
        items.sort(key=lambda s: (-s.count, s.kind != "spelling", fold(s.text), s.text))
        return Suggestions(items, near.ids)


def _best_cue(cues: Counter[tuple[str, str]]) -> tuple[str, str]:
    """The label most occurrences suggest, and its strongest cue: a title, role or head word
    before a given name or a verb of saying, then the commonest."""
    labels: Counter[str] = Counter()
    for (label, _), n in cues.items():
        if label:
            labels[label] += n
    if not labels:
        return "", ""
    label = max(labels, key=lambda k: (labels[k], k))
    weak = {"given name", *_SAYING}
    cue = max(
        (c for lab, c in cues if lab == label), key=lambda c: (c not in weak, cues[(label, c)], c)
    )
    return label, cue


class _NearMisses:
    """The gazetteer's Latin alias keys, indexed by their one-letter deletions, to find the
    aliases within a few edits of a candidate (a symmetric-deletion index)."""

    _cache: dict[int, tuple[Tagger, _NearMisses]] = {}

    def __init__(self, tagger: Tagger) -> None:
        self.index: dict[str, set[tuple[str, tuple[str, str, str], str]]] = {}
        self.keys: set[str] = set()
        ids = []
        for entity in tagger.gazetteer:
            ids.append(entity.id)
            who = (entity.id, entity.name, entity.label)
            for alias in entity.aliases:
                key = fold(alias)
                self.keys.add(key)
                if len(key) < 5 or _ARABIC.search(key):
                    continue
                for d in _deletions(key):
                    self.index.setdefault(d, set()).add((key, who, alias))
        self.ids = frozenset(ids)

    @classmethod
    def of(cls, tagger: Tagger) -> _NearMisses:
        hit = cls._cache.get(id(tagger))
        if hit is not None and hit[0] is tagger:
            return hit[1]
        if len(cls._cache) >= 4:
            cls._cache.pop(next(iter(cls._cache)))
        index = cls(tagger)
        cls._cache[id(tagger)] = (tagger, index)
        return index

    def find(self, key: str) -> tuple[int, tuple[str, str, str], str] | None:
        """(distance, entity, alias) of the nearest alias within the allowed edits (1 for
        keys of 5 to 9 characters, 2 from 10), or None; distance 0 is an alias itself."""
        if key in self.keys:
            return 0, ("", "", ""), ""
        if len(key) < 5:
            return None
        allowed = 1 if len(key) < 10 else 2
        best: tuple[int, tuple[str, str, str], str] | None = None
        for d in _deletions(key):
            for alias_key, who, alias in self.index.get(d, ()):
                distance = _levenshtein(key, alias_key, allowed)
                if distance <= allowed and (best is None or (distance, alias) < (best[0], best[2])):
                    best = (distance, who, alias)
        return best


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _levenshtein(a: str, b: str, limit: int) -> int:
    """The edit distance of ``a`` and ``b``, or ``limit + 1`` when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def _texts(texts: object) -> Iterator[str]:
    if isinstance(texts, (str, bytes, bytearray, memoryview)) or not isinstance(texts, Iterable):
        raise InputTypeError(
            f"texts must be an iterable of str, not {type(texts).__name__}"
            + ("; wrap one text in a list" if isinstance(texts, str) else "")
        )
    kind = type(texts).__name__
    if kind in ("DataFrame", "Table", "RecordBatch"):
        # Iterating over a table gives its column names, which would be read as the texts.
        library = type(texts).__module__.split(".")[0]
        raise InputTypeError(
            f"texts is a {library} {kind}, not a column of texts; iterating over it would give"
            ' its column names. Pass the column: suggest(df["text"])'
        )
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputTypeError(f"texts[{i}] must be a str, not {type(text).__name__}")
        yield text


def suggest(
    tagger: Tagger,
    texts: Iterable[str],
    min_count: int = 2,
    *,
    places: Iterable[str] = (),
    contexts: int = 3,
) -> Suggestions:
    """Names worth adding to ``tagger``'s gazetteer, found in ``texts`` (see the module
    documentation for what is found and left out); `Tagger.suggest` calls this.

    Args:
        tagger: The tagger whose gazetteer is to grow.
        texts: The texts, an iterable of str (a pandas Series too), read once.
        min_count: The fewest occurrences a candidate needs, at least 1.
        places: Names of places to leave out, beyond the core's table of countries and
            places (case and accents do not matter).
        contexts: How many contexts to keep per candidate (0 or more).

    Returns:
        `Suggestions`, ranked by count.

    Raises:
        InputTypeError: ``texts`` is not an iterable of str (a single str included),
            ``places`` not an iterable of str, or ``min_count``/``contexts`` not an int.
        InputError: ``min_count`` is below 1 or ``contexts`` below 0, or a text holds a lone
            surrogate.

    >>> import gazetag
    >>> tagger = gazetag.Tagger.default()
    >>> s = tagger.suggest(["The Harakat Ansar al-Wafa (HAW) said Maj. Dilshad Tulaybawi died."],
    ...                    min_count=1)
    >>> for c in s:
    ...     print(c.text, c.acronym, c.label, c.cue)
    Dilshad Tulaybawi None PERSON Maj.
    Harakat Ansar al-Wafa HAW MILITIA Harakat
    """
    if not isinstance(tagger, Tagger):
        raise InputTypeError(f"tagger must be a gazetag.Tagger, not {type(tagger).__name__}")
    for name, value, least in (("min_count", min_count, 1), ("contexts", contexts, 0)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputTypeError(f"{name} must be an int, not {type(value).__name__}")
        if value < least:
            raise InputError(f"{name} must be at least {least}, not {value}")
    if isinstance(places, (str, bytes, bytearray, memoryview)) or not isinstance(places, Iterable):
        raise InputTypeError(f"places must be an iterable of str, not {type(places).__name__}")
    place_list = list(places)
    for p in place_list:
        if not isinstance(p, str):
            raise InputTypeError(f"places must hold str, not {type(p).__name__}")
    scanner = _Scanner(tagger, place_list, contexts)
    for doc, text in enumerate(_texts(texts)):
        try:
            scanner.scan(doc, text)
        except InputError as e:
            # The core names "text"; the caller's list names it by its place.
            message = str(e)
            if message.startswith("text "):
                raise InputError(f"texts[{doc}] {message[5:]}") from None
            raise
    return scanner.result(min_count)


#: The rule of the `Match` objects `suggestion_matches` makes, which `display.Annotation`
#: draws outlined instead of filled.
SUGGESTED_RULE = "suggested"


def suggestion_matches(tagger: Tagger, text: str) -> list[Match]:
    """The candidates of one text as `Match` objects (rule ``"suggested"``; entity id the
    known entity of a spelling, else ``""``; label ``UNKNOWN`` when no cue), for
    `Tagger.annotate(text, suggestions=True)`.

    >>> import gazetag
    >>> [(m.text, m.label, m.rule) for m in
    ...  gazetag.suggest.suggestion_matches(gazetag.Tagger.default(), "Col. Ammar Bilasi left.")]
    [('Ammar Bilasi', 'PERSON', 'suggested')]
    """
    if not isinstance(tagger, Tagger):
        raise InputTypeError(f"tagger must be a gazetag.Tagger, not {type(tagger).__name__}")
    if not isinstance(text, str):
        raise InputTypeError(f"text must be a str, not {type(text).__name__}")
    (text,) = _texts([text])
    scanner = _Scanner(tagger, (), 1)
    scanner.scan(0, text)
    out = []
    for p, surface in scanner.found:
        entity_id, name, label = p.entity or ("", surface, p.label or UNKNOWN_LABEL)
        m = Match(p.start, p.end, text[p.start : p.end], surface, entity_id, label, name,
                  (entity_id,) if entity_id else (), SUGGESTED_RULE)  # fmt: skip
        out.append(m)
    out.sort(key=lambda m: (m.start, -m.end))
    return out
