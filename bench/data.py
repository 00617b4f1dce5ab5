"""Deterministic synthetic data for the gazetag benchmarks.

Everything here is generated from seeded random choices over word lists written for this file:
no downloads, no external corpora. Two things are produced:

- a dictionary of entities in the record shape ``Gazetteer.from_records`` takes (persons,
  armed groups, bases, places), with a few dozen real-looking Iraq security names at the top;
- English wire-report prose with dictionary names mentioned at a set rate, mostly ASCII with the
  occasional curly quote, dash or accented letter, and now and then a name spelled differently
  from its alias (curly apostrophe, ``al `` for ``al-``, an accented vowel).

The same arguments always give the same output, on any machine and Python version >= 3.10.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable, Sequence
from typing import Any

Record = dict[str, Any]

__all__ = [
    "LABELS",
    "Record",
    "alias_texts",
    "make_dictionary",
    "make_documents",
    "make_news_text",
]

PERSON, GROUP, BASE, PLACE = "PERSON", "ARMED_GROUP", "BASE", "PLACE"
LABELS: tuple[str, ...] = (PERSON, GROUP, BASE, PLACE)

# --------------------------------------------------------------------------------------------
# Word lists for names
# --------------------------------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Ahmed", "Mohammed", "Ali", "Hassan", "Hussein", "Kareem", "Mahmoud", "Qais", "Hadi",
    "Falih", "Abbas", "Jaafar", "Haider", "Nouri", "Adel", "Hamid", "Muqtada", "Rayan", "Akram",
    "Salah", "Khalid", "Omar", "Yousif", "Mustafa", "Ibrahim", "Jassim", "Saad", "Waleed",
    "Ammar", "Karrar", "Mazen", "Laith", "Riyadh", "Sabah", "Tariq", "Wissam", "Zaid", "Bassim",
    "Fadhil", "Ghazi", "Jabbar", "Kadhim", "Majid", "Nabil", "Qasim", "Raad", "Sami", "Thamer",
    "Uday", "Yasir", "Ayad", "Dhiya", "Emad", "Firas", "Hamza", "Issam", "Jawad", "Kamal",
    "Mundhir", "Nizar", "Sinan", "Talal", "Usama", "Zuhair", "Aseel", "Huda", "Layla", "Maysoon",
    "Noor", "Rasha", "Shatha", "Zainab",
)

# Syllables for invented surnames and place names; the combinations look Arabic-romanized.
ONSETS: tuple[str, ...] = (
    "b", "d", "dh", "f", "gh", "h", "j", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t",
    "th", "w", "z", "",
)
VOWELS: tuple[str, ...] = ("a", "a", "a", "i", "i", "u", "u", "aa", "ai")
CODAS: tuple[str, ...] = ("", "", "", "", "", "", "b", "d", "l", "m", "n", "r", "s", "f")
SURNAME_ENDINGS: tuple[str, ...] = ("i", "i", "i", "awi", "ani", "ari", "ouri", "ali", "ami")
PLACE_ENDINGS: tuple[str, ...] = ("", "", "a", "iyah", "iya", "an", "abad", "at", "ul")

GROUP_PATTERNS: tuple[str, ...] = (
    "Kata'ib {w}", "{w} Brigades", "Saraya {w}", "Liwa {w}", "Harakat {w}", "Asa'ib {w}",
    "{w} Battalion", "{w} Movement", "Jaish {w}", "{w} Front", "{w} Companies",
)
# English renderings used as a second alias for some group patterns.
GROUP_TRANSLATIONS: dict[str, str] = {
    "Kata'ib {w}": "{w} Brigades",
    "Saraya {w}": "{w} Companies",
    "Liwa {w}": "{w} Brigade",
    "Harakat {w}": "{w} Movement",
    "Jaish {w}": "{w} Army",
}
BASE_PATTERNS: tuple[str, ...] = (
    "Camp {w}", "{w} Air Base", "{w} Airbase", "Forward Operating Base {w}", "{w} Military Base",
    "Camp {w} Annex",
)
PLACE_PATTERNS: tuple[str, ...] = (
    "{w}", "{w}", "{w}", "Tel {w}", "Jurf al-{w}", "Hay al-{w}", "Qalat {w}", "Sheikh {w}",
    "Ain {w}", "{w} District",
)

# Real-looking Iraq security names: (id, name, label, aliases). Listed first, so the text
# generator's popularity weighting mentions them most often, as wire reports do.
KNOWN_ENTITIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("g-kh", "Kata'ib Hezbollah", GROUP, ("KH", "Kataib Hizballah", "Hezbollah Brigades")),
    ("g-pmf", "Popular Mobilization Forces", GROUP, ("PMF", "Hashd al-Shaabi", "al-Hashd")),
    ("g-aah", "Asa'ib Ahl al-Haq", GROUP, ("AAH", "League of the Righteous")),
    ("g-nujaba", "Harakat Hezbollah al-Nujaba", GROUP, ("al-Nujaba", "Nujaba Movement")),
    ("g-kss", "Kata'ib Sayyid al-Shuhada", GROUP, ("KSS", "Sayyid al-Shuhada Brigades")),
    ("g-badr", "Badr Organization", GROUP, ("Badr Corps", "Badr")),
    ("g-salam", "Saraya al-Salam", GROUP, ("Peace Companies",)),
    ("g-isis", "Islamic State", GROUP, ("ISIS", "ISIL", "Daesh")),
    ("g-isf", "Iraqi Security Forces", GROUP, ("ISF",)),
    ("g-cts", "Counter-Terrorism Service", GROUP, ("CTS", "Golden Division")),
    ("g-peshmerga", "Peshmerga", GROUP, ("Kurdish Peshmerga",)),
    ("g-rawh", "Rab'allah", GROUP, ("Rabaallah",)),
    ("p-kadhimi", "Mustafa al-Kadhimi", PERSON, ("Kadhimi", "Mustafa Kadhimi", "al-Kadhimi")),
    ("p-sudani", "Mohammed Shia al-Sudani", PERSON, ("al-Sudani", "Sudani")),
    ("p-maliki", "Nouri al-Maliki", PERSON, ("al-Maliki", "Maliki")),
    ("p-sadr", "Muqtada al-Sadr", PERSON, ("al-Sadr", "Sadr")),
    ("p-amiri", "Hadi al-Amiri", PERSON, ("al-Amiri",)),
    ("p-khazali", "Qais al-Khazali", PERSON, ("al-Khazali", "Khazali")),
    ("p-muhandis", "Abu Mahdi al-Muhandis", PERSON, ("al-Muhandis", "Muhandis")),
    ("p-fayyadh", "Falih al-Fayyadh", PERSON, ("al-Fayyadh", "Fayyadh")),
    ("p-abadi", "Haider al-Abadi", PERSON, ("al-Abadi", "Abadi")),
    ("p-mahdi", "Adel Abdul Mahdi", PERSON, ("Abdul Mahdi",)),
    ("p-kawtharani", "Mohammed Kawtharani", PERSON, ("Kawtharani",)),
    ("b-asad", "Ain al-Asad", BASE, ("Ain al-Assad", "Al Asad Airbase", "Asad Air Base")),
    ("b-taji", "Camp Taji", BASE, ("Taji base",)),
    ("b-victory", "Camp Victory", BASE, ("Victory Base Complex",)),
    ("b-balad", "Balad Air Base", BASE, ("Balad airbase",)),
    ("b-erbil", "Erbil Air Base", BASE, ("Erbil airport base",)),
    ("b-harir", "Harir Air Base", BASE, ("Harir base",)),
    ("b-biap", "Baghdad International Airport", BASE, ("BIAP", "Baghdad airport")),
    ("b-union3", "Union III", BASE, ("Union 3", "Camp Union III")),
    ("l-baghdad", "Baghdad", PLACE, ()),
    ("l-mosul", "Mosul", PLACE, ()),
    ("l-basra", "Basra", PLACE, ("Basrah",)),
    ("l-kirkuk", "Kirkuk", PLACE, ()),
    ("l-erbil", "Erbil", PLACE, ("Arbil", "Hawler")),
    ("l-fallujah", "Fallujah", PLACE, ("Falluja",)),
    ("l-ramadi", "Ramadi", PLACE, ()),
    ("l-tikrit", "Tikrit", PLACE, ()),
    ("l-samarra", "Samarra", PLACE, ()),
    ("l-jurf", "Jurf al-Sakhar", PLACE, ("Jurf al-Nasr", "Jurf as-Sakhar")),
    ("l-qaim", "Al-Qa'im", PLACE, ("Qa'im", "Al Qaim")),
    ("l-sinjar", "Sinjar", PLACE, ()),
    ("l-diyala", "Diyala", PLACE, ("Diyala province",)),
    ("l-anbar", "Anbar", PLACE, ("Anbar province", "al-Anbar")),
    ("l-nineveh", "Nineveh", PLACE, ("Ninawa", "Nineveh Plains")),
    ("l-greenzone", "Green Zone", PLACE, ("International Zone",)),
    ("l-bukamal", "Albu Kamal", PLACE, ("Abu Kamal", "Al-Bukamal")),
)

# --------------------------------------------------------------------------------------------
# Word lists for prose
# --------------------------------------------------------------------------------------------

ADJECTIVES: tuple[str, ...] = (
    "senior", "local", "armed", "military", "security", "heavy", "recent", "western", "northern",
    "southern", "eastern", "former", "official", "provincial", "federal", "joint", "unidentified",
    "political", "new", "second", "large", "small", "nearby", "regional", "foreign",
    "rival", "powerful", "Iran-backed", "Kurdish", "Shi'ite", "Sunni", "main", "key", "rare",
    "deadly", "brief", "fresh", "urgent", "quiet", "tense", "long-running",
)
NOUNS: tuple[str, ...] = (
    "official", "convoy", "rocket", "drone", "attack", "checkpoint", "commander", "statement",
    "ministry", "parliament", "government", "spokesman", "operation", "militia", "faction",
    "source", "resident", "vehicle", "road", "bridge", "district", "province", "border", "oil",
    "field", "pipeline", "election", "agreement", "coalition", "advisor", "force", "unit",
    "investigation", "report", "incident", "casualty", "explosion", "patrol", "airstrike",
    "negotiation", "protest", "demonstrator", "budget", "salary", "council", "deal", "embassy",
    "envoy", "warehouse", "weapon", "shipment", "truck", "village", "town", "tribe", "leader",
    "member", "fighter", "detainee", "court", "judge", "minister", "committee", "camp", "base",
    "runway", "perimeter", "compound", "headquarters", "crossing", "highway", "market", "mosque",
    "hospital", "school", "power", "plant", "water", "supply", "route", "area", "region",
)
VERBS_PAST: tuple[str, ...] = (
    "said", "reported", "confirmed", "denied", "announced", "targeted", "struck", "hit",
    "attacked", "intercepted", "arrested", "detained", "released", "killed", "wounded",
    "withdrew", "deployed", "seized", "closed", "reopened", "blamed", "accused", "warned",
    "urged", "rejected", "welcomed", "condemned", "met", "visited", "discussed", "signed",
    "launched", "halted", "resumed", "secured", "cleared", "raided", "searched", "monitored",
)
PREPOSITIONS: tuple[str, ...] = (
    "near", "in", "outside", "north of", "south of", "east of", "west of", "along", "around",
    "inside", "across", "toward", "from", "at", "between", "beyond", "on the outskirts of",
)
SOURCES: tuple[str, ...] = (
    "two security sources", "a police officer", "officials", "a military statement",
    "local media", "a spokesman", "residents", "an interior ministry official",
    "a government statement", "two officials who spoke on condition of anonymity",
    "a coalition spokesman", "witnesses", "a provincial council member", "medical sources",
)
DAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "late on Monday", "early on Friday", "overnight", "on Sunday evening",
)
MONTHS: tuple[str, ...] = (
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
)
DETERMINERS: tuple[str, ...] = ("the", "a", "two", "three", "several", "its")
PLURAL_DETERMINERS: frozenset[str] = frozenset(("two", "three", "several"))
DATELINES: tuple[str, ...] = ("BAGHDAD", "ERBIL", "BASRA", "MOSUL", "KIRKUK", "AMMAN", "BEIRUT")
# Rare non-ASCII words in ordinary prose.
ACCENTED_WORDS: tuple[str, ...] = (
    "café", "régime", "détente", "naïve", "protégé", "communiqué", "façade", "rapprochement",
)

# What a slot becomes when it is not filled with a dictionary name.
GENERIC: dict[str, tuple[str, ...]] = {
    PERSON: (
        "a senior official", "the prime minister", "a militia commander", "the spokesman",
        "a lawmaker", "the governor", "a tribal leader", "the interior minister",
    ),
    GROUP: (
        "an armed group", "the militia", "a rival faction", "security forces", "the coalition",
        "an Iran-aligned faction", "police units", "the army",
    ),
    BASE: (
        "a military base", "the air base", "a coalition facility", "an army camp",
        "the compound", "a logistics hub",
    ),
    PLACE: (
        "a nearby town", "the province", "the capital", "a border district", "the region",
        "a village", "the city",
    ),
}

# Sentence templates. {PERSON}/{GROUP}/{BASE}/{PLACE} are name slots; the lower-case fields are
# filled from the word lists above.
TEMPLATES: tuple[str, ...] = (
    "{PERSON}, a spokesman for {GROUP}, said {clause}.",
    "{cap_clause} {prep} {PLACE} {day}, {source} said.",
    "The attack targeted {BASE}, which hosts {adj} {plural}, according to {source}.",
    "{GROUP} {verb} {det} {adj} {noun} {prep} {PLACE}.",
    "{PERSON} {verb} {det} {noun} with {PERSON} in {PLACE} {day}.",
    "Rockets struck {BASE} {day}, {source} said, adding that {clause}.",
    "In a statement, {GROUP} said {clause} and {clause2}.",
    "“{cap_clause},” {PERSON} told reporters in {PLACE}.",
    "{cap_clause}, and {clause2}, {source} said.",
    "{source_cap} said {GROUP} fighters had {verb} {det} {noun} {prep} {BASE}.",
    "The {noun} {prep} {PLACE} was {verb} after {det} {adj} {noun}, {source} said.",
    "{PERSON} has {verb} {det} {noun} since {month}, when {clause}.",
    "{cap_clause}.",
    "{cap_clause} — {source} said {clause2}.",
    "Officials in {PLACE} {verb} the {noun} {day} after {GROUP} {verb} {det} {adj} {noun}.",
    "{cap_clause} {prep} {PLACE}, where {GROUP} has {det} {adj} {noun}.",
)

# Template slot -> label.
SLOTS: dict[str, str] = {"PERSON": PERSON, "GROUP": GROUP, "BASE": BASE, "PLACE": PLACE}
ID_PREFIX: dict[str, str] = {PERSON: "per", GROUP: "grp", BASE: "base", PLACE: "loc"}

# --------------------------------------------------------------------------------------------
# Dictionary
# --------------------------------------------------------------------------------------------


def _syllable(rng: random.Random) -> str:
    return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)


def _invented_word(rng: random.Random, endings: Sequence[str]) -> str:
    """A capitalized word of 2-3 syllables plus an ending, e.g. ``Zubaidi``, ``Qarmaniyah``."""
    n = rng.choice((2, 2, 2, 2, 3))
    word = "".join(_syllable(rng) for _ in range(n)) + rng.choice(endings)
    return word[:1].upper() + word[1:]


def _acronym(name: str) -> str:
    """Initials of the capitalized words of ``name``: ``Kata'ib Zubaidi Brigades`` -> ``KZB``."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _prose_blob() -> str:
    """All the fixed words of the prose, lower-cased, for keeping acronyms out of them."""
    words: list[str] = [*ADJECTIVES, *NOUNS, *VERBS_PAST, *PREPOSITIONS, *SOURCES, *DAYS]
    words += [*MONTHS, *DATELINES, *ACCENTED_WORDS, *TEMPLATES, *FIRST_NAMES]
    words += [w for forms in GENERIC.values() for w in forms]
    words += [name for _, name, _, aliases in KNOWN_ENTITIES for name in (name, *aliases)]
    return " ".join(words).lower()


# A real gazetteer has no acronym "AND" or "ATT"; invented ones that would turn up inside the
# fixed prose words are not used, so that peers' match counts stay comparable.
_PROSE_BLOB = _prose_blob()


def _person(rng: random.Random, taken: set[str]) -> tuple[str, list[str]]:
    while True:
        first = rng.choice(FIRST_NAMES)
        surname = _invented_word(rng, SURNAME_ENDINGS)
        if rng.random() < 0.75:
            name = f"{first} al-{surname}"
        else:
            name = f"{first} {rng.choice(FIRST_NAMES)} {surname}"
        if name not in taken:
            break
    extra: list[str] = []
    if name.count(" al-") == 1:
        extra.append(f"al-{surname}")
        extra.append(f"{first} {surname}")
    else:
        extra.append(f"{first} {surname}")
    extra.append(f"Abu {rng.choice(FIRST_NAMES)} al-{surname}")
    extra.append(surname)
    return name, extra


def _group(rng: random.Random, taken: set[str]) -> tuple[str, list[str]]:
    while True:
        pattern = rng.choice(GROUP_PATTERNS)
        word = _invented_word(rng, SURNAME_ENDINGS + PLACE_ENDINGS)
        if rng.random() < 0.4:
            word = f"{word} al-{_invented_word(rng, SURNAME_ENDINGS)}"
        name = pattern.format(w=word)
        if name not in taken:
            break
    extra: list[str] = []
    if pattern in GROUP_TRANSLATIONS:
        extra.append(GROUP_TRANSLATIONS[pattern].format(w=word))
    acronym = _acronym(name)
    if 3 <= len(acronym) <= 5 and acronym.lower() not in _PROSE_BLOB:
        extra.append(acronym)
    extra.append(f"the {word} group")
    return name, extra


def _base(rng: random.Random, taken: set[str]) -> tuple[str, list[str]]:
    while True:
        word = _invented_word(rng, PLACE_ENDINGS)
        name = rng.choice(BASE_PATTERNS).format(w=word)
        if name not in taken:
            break
    return name, [f"{word} base", f"Camp {word}", f"{word} airfield"]


def _place(rng: random.Random, taken: set[str]) -> tuple[str, list[str]]:
    while True:
        word = _invented_word(rng, PLACE_ENDINGS)
        name = rng.choice(PLACE_PATTERNS).format(w=word)
        if name not in taken:
            break
    extra = [f"{word} district", name.replace("al-", "al ") if "al-" in name else f"{name} town"]
    # A second romanization: doubled or simplified consonants, as in Falluja / Fallujah.
    variant = word.replace("ou", "u") if "ou" in word else word + "h"
    extra.append(name.replace(word, variant))
    return name, extra


MAKERS: dict[str, Callable[[random.Random, set[str]], tuple[str, list[str]]]] = {
    PERSON: _person,
    GROUP: _group,
    BASE: _base,
    PLACE: _place,
}
# Share of invented entities per label.
LABEL_WEIGHTS: dict[str, float] = {PERSON: 0.5, GROUP: 0.2, BASE: 0.1, PLACE: 0.2}


def make_dictionary(n_aliases: int = 30000, seed: int = 0) -> list[Record]:
    """Entity records with, in total, about ``n_aliases`` aliases (the name counts as one).

    Each record is ``{"id", "name", "label", "aliases", "meta"}``; each entity has 1-4 aliases
    counting its name. The known Iraq security names come first, then invented persons, armed
    groups, bases and places. Alias texts are unique within an entity; a few short ones (bare
    surnames) may be shared between entities, as in real gazetteers.
    """
    rng = random.Random(seed)
    records: list[Record] = []
    taken: set[str] = set()
    total = 0
    for ent_id, name, label, aliases in KNOWN_ENTITIES:
        if total >= n_aliases:
            return records
        records.append(
            {
                "id": ent_id,
                "name": name,
                "label": label,
                "aliases": list(aliases),
                "meta": {"source": "known"},
            }
        )
        taken.update((name, *aliases))
        total += 1 + len(aliases)
    labels = list(LABEL_WEIGHTS)
    cum = list(itertools.accumulate(LABEL_WEIGHTS.values()))
    counter = itertools.count(1)
    while total < n_aliases:
        label = rng.choices(labels, cum_weights=cum)[0]
        name, extra = MAKERS[label](rng, taken)
        want = min(rng.choice((1, 2, 2, 3, 3, 4)), n_aliases - total)
        extra = [a for a in dict.fromkeys(extra) if a != name]
        aliases = rng.sample(extra, min(want - 1, len(extra)))
        records.append(
            {
                "id": f"{ID_PREFIX[label]}-{next(counter):06d}",
                "name": name,
                "label": label,
                "aliases": aliases,
                "meta": {"source": "synthetic"},
            }
        )
        taken.add(name)
        total += 1 + len(aliases)
    return records


def alias_texts(records: Sequence[Record]) -> list[str]:
    """Every alias text of ``records``, names included, in record order (may repeat)."""
    out: list[str] = []
    for r in records:
        out.append(r["name"])
        out.extend(r["aliases"])
    return out


# --------------------------------------------------------------------------------------------
# Prose
# --------------------------------------------------------------------------------------------

ACCENTS: dict[str, str] = {"a": "ā", "i": "ī", "u": "ū", "e": "é", "o": "ō"}


def _english_name_words() -> frozenset[str]:
    """The English words used in names, which transliteration variants do not touch."""
    patterns = [*GROUP_PATTERNS, *GROUP_TRANSLATIONS.values(), *BASE_PATTERNS, *PLACE_PATTERNS]
    patterns += ["the {w} group", "{w} base", "{w} airfield", "{w} district", "{w} town"]
    words = {w.lower() for p in patterns for w in p.split() if "{" not in w}
    words |= {
        "counter-terrorism", "service", "security", "forces", "iraqi", "popular", "mobilization",
        "organization", "corps", "islamic", "state", "league", "of", "righteous", "peace",
        "kurdish", "golden", "division", "international", "airport", "zone", "green", "complex",
        "province", "plains", "victory", "union", "hezbollah", "brigades",
    }
    return frozenset(words)


ENGLISH_NAME_WORDS = _english_name_words()


class _NameIndex:
    """Surface forms per label with cumulative popularity weights; built once per dictionary."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.forms: dict[str, list[list[str]]] = {label: [] for label in LABELS}
        for r in records:
            if r["label"] in self.forms:
                self.forms[r["label"]].append([r["name"], *r["aliases"]])
        # Zipf-like popularity: weight 1 / (rank + 10) keeps a long tail of rare names.
        self.cum: dict[str, list[float]] = {
            label: list(itertools.accumulate(1.0 / (i + 10) for i in range(len(forms))))
            for label, forms in self.forms.items()
        }


class _NamePicker:
    """Picks a surface form for a label, favouring the first (most famous) entities."""

    def __init__(self, index: _NameIndex, rng: random.Random) -> None:
        self._rng = rng
        self._forms = index.forms
        self._cum = index.cum

    def has(self, label: str) -> bool:
        return bool(self._forms[label])

    def pick(self, label: str) -> str:
        cum = self._cum[label]
        i = bisect.bisect_right(cum, self._rng.random() * cum[-1])
        forms = self._forms[label][min(i, len(cum) - 1)]
        # The canonical name half the time, otherwise any alias.
        form = forms[0] if self._rng.random() < 0.5 else self._rng.choice(forms)
        return self._vary(form)

    def _vary(self, form: str) -> str:
        """About one mention in ten is spelled unlike its alias, the way real text drifts."""
        r = self._rng.random()
        if r >= 0.10:
            return form
        if "'" in form:
            return form.replace("'", "’")
        if "al-" in form and r < 0.05:
            return form.replace("al-", "al ")
        if "al-" in form:
            return form.replace("al-", "Al-", 1)
        # One accented vowel in the last transliterated word (Kāẓimī style); English words
        # such as "Brigades" or "Base" are left alone.
        words = form.split(" ")
        for k in range(len(words) - 1, -1, -1):
            word = words[k]
            if word.lower() in ENGLISH_NAME_WORDS:
                continue
            for i in range(len(word) - 1, 0, -1):
                if word[i] in ACCENTS:
                    words[k] = word[:i] + ACCENTS[word[i]] + word[i + 1 :]
                    return " ".join(words)
        return form


class _Writer:
    """Fills sentence templates, putting names in slots at the requested mention rate."""

    def __init__(self, index: _NameIndex, mention_rate: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = _NamePicker(index, self.rng)
        self.rate = mention_rate
        self.words = 0
        self.mentions = 0

    def _slot(self, label: str) -> str:
        if self.names.has(label) and self.mentions < self.rate * (self.words + 12):
            self.mentions += 1
            return self.names.pick(label)
        return self.rng.choice(GENERIC[label])

    def _clause(self) -> str:
        c = self.rng.choice
        parts = [c(("the", "a", "one", "another")), c(ADJECTIVES), c(NOUNS), c(VERBS_PAST)]
        det = c(DETERMINERS)
        parts += [det, c(NOUNS) + ("s" if det in PLURAL_DETERMINERS else "")]
        if self.rng.random() < 0.6:
            parts += [c(PREPOSITIONS), c(("the", "a")), c(NOUNS)]
        if self.rng.random() < 0.01:
            parts.insert(2, c(ACCENTED_WORDS))
        return " ".join(parts)

    def sentence(self) -> str:
        c = self.rng.choice
        template = c(TEMPLATES)
        fields: dict[str, str] = {}
        for slot in SLOTS:
            if "{" + slot + "}" in template:
                fields[slot] = "\x00" + slot  # filled below, one slot at a time
        clause = self._clause()
        det = c(DETERMINERS)
        fields.update(
            clause=self._clause(),
            clause2=self._clause(),
            cap_clause=clause[:1].upper() + clause[1:],
            prep=c(PREPOSITIONS),
            day=c(DAYS),
            source=c(SOURCES),
            source_cap=c(SOURCES).capitalize(),
            adj=c(ADJECTIVES),
            noun=c(NOUNS) + ("s" if det in PLURAL_DETERMINERS else ""),
            plural=c(NOUNS) + "s",
            verb=c(VERBS_PAST),
            det=det,
            month=c(MONTHS),
        )
        text = template.format(**fields)
        self.words += text.count(" ") + 1
        for slot, label in SLOTS.items():
            marker = "\x00" + slot
            while marker in text:
                text = text.replace(marker, self._slot(label), 1)
        return text[:1].upper() + text[1:]

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def dateline(self) -> str:
        c = self.rng.choice
        return f"{c(DATELINES)}, {c(MONTHS)} {self.rng.randint(1, 28)} (Wire) — "


def make_news_text(
    n_bytes: int,
    dictionary: Sequence[Record],
    mention_rate: float = 1 / 40,
    seed: int = 0,
) -> str:
    """Wire-report prose of at least ``n_bytes`` UTF-8 bytes (at most one paragraph more).

    ``mention_rate`` is dictionary-name mentions per word of prose (1/40: one name every ~40
    words). The text is a dateline and paragraphs separated by blank lines.
    """
    return _news_text(n_bytes, _NameIndex(dictionary), mention_rate, seed)


def _news_text(n_bytes: int, index: _NameIndex, mention_rate: float, seed: int) -> str:
    w = _Writer(index, mention_rate, seed)
    parts = [w.dateline()]
    size = len(parts[0].encode())
    while size < n_bytes:
        p = w.paragraph()
        parts.append(p)
        size += len(p.encode()) + 2
    return parts[0] + "\n\n".join(parts[1:]) + "\n"


def make_documents(
    n_docs: int,
    dictionary: Sequence[Record],
    doc_bytes: int = 3000,
    mention_rate: float = 1 / 40,
    seed: int = 0,
) -> list[str]:
    """``n_docs`` independent news items of about ``doc_bytes`` bytes each (+-30%)."""
    rng = random.Random(seed)
    index = _NameIndex(dictionary)
    return [
        _news_text(
            int(doc_bytes * rng.uniform(0.7, 1.3)), index, mention_rate, seed=rng.getrandbits(32)
        )
        for _ in range(n_docs)
    ]


if __name__ == "__main__":
    import time

    t0 = time.perf_counter()
    recs = make_dictionary()
    t1 = time.perf_counter()
    n_alias = len(alias_texts(recs))
    print(f"{len(recs)} entities, {n_alias} aliases in {t1 - t0:.2f}s")
    for r in recs[:3] + recs[60:66]:
        print(" ", r)
    doc = make_documents(1, recs, seed=1)[0]
    print(f"\n--- sample document ({len(doc.encode())} bytes) ---\n{doc}")
    t2 = time.perf_counter()
    big = make_news_text(2_000_000, recs, seed=2)
    t3 = time.perf_counter()
    print(f"2 MB text in {t3 - t2:.2f}s; non-ASCII chars: {sum(ch > '~' for ch in big)}")
