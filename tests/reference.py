"""A slow, simple reference implementation of gazetag's matching rules.

It follows the README section "What matches" and is meant to be read, not to be fast: the text is
folded one character at a time with `unicodedata`, every alias key is looked for at every
position with `str.find`, and each occurrence is checked against the original text.

It covers the core folding only, that is gazetag's `Tagger(..., variants="none")`: the variant
layers (articles, vowel classes, partial names, ...) are not modelled.

Offsets are Python `str` indices. gazetag's core works on UTF-8 bytes and Rust's character
predicates; those predicates are spelt out below (`is_whitespace`, `is_alphabetic`, ...) where
Python's own `str` methods disagree with Rust's. They are exact for the alphabet the tests draw
from (ASCII, Latin accents, combining marks, Arabic, CJK, emoji and the separators and joiners
of the README); see each predicate for what it leaves out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# An alias as given to the reference: its text, or (text, case_sensitive) where case_sensitive
# is True, False or None (None: the acronym rule decides).
AliasSpec = str | tuple[str, bool | None]
# An entity: (id, name, aliases). The name is always the first alias.
EntitySpec = tuple[str, str, Sequence[AliasSpec]]
# A match: (start, end, reported entity id, all candidate entity ids).
RefMatch = tuple[int, int, str, tuple[str, ...]]

# --- character classes -----------------------------------------------------------------------

# README rule 4: apostrophe-like marks.
APOSTROPHES = frozenset(
    "'`\u00b4\u2018\u2019\u201b\u2032\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\uff07"
)
# README rule 4: joiners are the apostrophes plus tatweel and invisible format characters
# (soft hyphen, ALM, ZWNJ, ZWJ, LRM, RLM, word joiner, BOM).
JOINERS = APOSTROPHES | frozenset("\u00ad\u0640\u061c\u200c\u200d\u200e\u200f\u2060\ufeff")

# Rust's `char::is_whitespace` (the Unicode White_Space property). Python's `str.isspace` also
# accepts U+001C..U+001F, which Rust does not.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# README rule 3: dashes, the minus sign, underscores and the zero-width space also separate.
DASHES_AND_CO = frozenset(
    "-_"
    + "".join(chr(c) for c in range(0x2010, 0x2016))
    + "\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\uff3f\u200b"
)
SEPARATORS = WHITESPACE | DASHES_AND_CO

# Marks that Unicode counts as Alphabetic (Other_Alphabetic) although Python's `str.isalpha`
# does not: the Arabic harakat and a few other Arabic marks, and the Greek ypogegrammeni. Other
# scripts' vowel signs are missing; the tests do not use them.
OTHER_ALPHABETIC = frozenset(
    "\u0345"
    + "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0658))
    + "".join(chr(c) for c in range(0x0659, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))
    + "\u06e1\u06e2\u06e3\u06e4\u06e7\u06e8\u06ed"
)


def is_separator(c: str) -> bool:
    return c in SEPARATORS


def is_joiner(c: str) -> bool:
    return c in JOINERS


def is_apostrophe(c: str) -> bool:
    return c in APOSTROPHES


def is_mark(c: str) -> bool:
    """A combining mark: general category Mn, Mc or Me."""
    return unicodedata.category(c).startswith("M")


def is_alphabetic(c: str) -> bool:
    """Rust's `char::is_alphabetic`: letters, letter numbers and Other_Alphabetic marks."""
    return c.isalpha() or unicodedata.category(c) == "Nl" or c in OTHER_ALPHABETIC


def is_numeric(c: str) -> bool:
    """Rust's `char::is_numeric`: categories Nd, Nl and No (Python's `isnumeric` is wider)."""
    return unicodedata.category(c) in ("Nd", "Nl", "No")


def is_uppercase(c: str) -> bool:
    """The Uppercase property; for one character Python's `isupper` is exactly that."""
    return c.isupper()


def is_word(c: str) -> bool:
    """README rule 5: letters, marks and digits of any script; joiners never are."""
    if is_joiner(c):
        return False
    return is_alphabetic(c) or is_numeric(c) or is_mark(c)


LETTER, DIGIT, OTHER = "letter", "digit", "other"


def char_class(c: str) -> str:
    if is_alphabetic(c):
        return LETTER
    if is_numeric(c):
        return DIGIT
    return OTHER


# --- folding ---------------------------------------------------------------------------------

SEP = object()  # what one character yields for "a separator goes here"

# README rule 2: romanization letters that stand for English digraphs. Only these precomposed
# characters: gazetag looks at the character as written, before decomposing it. With case kept
# an upper-case letter gives a capitalized digraph (Š -> Sh).
DIGRAPHS = {
    **dict.fromkeys("\u0161\u0160\u015f\u015e", "sh"),  # š Š ş Ş
    **dict.fromkeys("\u1e2b\u1e2a", "kh"),  # ḫ Ḫ
    **dict.fromkeys("\u1e6f\u1e6e", "th"),  # ṯ Ṯ
    **dict.fromkeys("\u1e0f\u1e0e", "dh"),  # ḏ Ḏ
    **dict.fromkeys("\u0121\u0120", "gh"),  # ġ Ġ
    **dict.fromkeys("\u01e7\u01e6", "j"),  # ǧ Ǧ
}

# README rule 2: Arabic-script letters written several ways for one sound, after decomposition
# (which already turns أ إ آ ئ into their base letters plus a dropped hamza or madda).
ARABIC_FORMS = {
    "\u0671": "\u0627",  # ٱ -> ا
    **dict.fromkeys("\u0649\u06cc\u06d2", "\u064a"),  # ى ی ے -> ي
    **dict.fromkeys("\u06a9\u06af", "\u0643"),  # ک گ -> ك
    "\u067e": "\u0628",  # پ -> ب
    "\u0686": "\u062c",  # چ -> ج
    "\u0698": "\u0632",  # ژ -> ز
    "\u06a4": "\u0641",  # ڤ -> ف
    **dict.fromkeys("\u0629\u06c0\u06c1\u06be\u06d5", "\u0647"),  # ة ۀ ہ ھ ە -> ه
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
}


def _fold_char(c: str, keep_case: bool) -> list[str | object]:
    """What one original character becomes: folded characters and SEP markers, in order."""
    if is_separator(c):
        return [SEP]
    if is_joiner(c):
        return []
    if c == "\u0131":  # README rule 2: Turkish dotless i is i
        return ["i"]
    if c in DIGRAPHS:
        letters = DIGRAPHS[c]
        return list(letters.capitalize() if keep_case and c.isupper() else letters)
    pieces: list[str | object] = []
    for d in unicodedata.normalize("NFKD", c):
        if d == "\u0345":  # README rule 2: the iota subscript case-folds to iota, ᾳ = ΑΙ
            pieces.append("\u03b9")
            continue
        if is_mark(d):
            continue
        if d in WHITESPACE:  # spacing accents decompose to a space and a mark
            pieces.append(SEP)
            continue
        # Case folding may give marks (İ -> i + U+0307) or decomposable characters; decompose
        # once more and drop the marks again.
        for f in d if keep_case else d.casefold():
            for e in unicodedata.normalize("NFKD", f):
                if not is_mark(e):
                    pieces.append(ARABIC_FORMS.get(e, e))
    return pieces


def _possessive_after(text: str, at: int) -> bool:
    """Whether an s or S follows `at` (joiners ignored) and no word character follows that s
    (joiners ignored again): the s of a possessive 's."""
    rest = [c for c in text[at:] if not is_joiner(c)]
    return rest[:1] in (["s"], ["S"]) and (len(rest) == 1 or not is_word(rest[1]))


TEH_MARBUTAS = frozenset("\u0629\ufe93\ufe94")


def _hamza_on(text: str, at: int) -> bool:
    """Whether the alef at `at` carries a hamza: precomposed, or as a mark after it."""
    c = text[at]
    if c != "\u0627":
        return "\u0654" in unicodedata.normalize("NFKD", c)
    marks = []
    for m in text[at + 1:]:
        if not is_mark(m):
            break
        marks.append(m)
    return "\u0654" in marks


def fold(text: str, keep_case: bool = False) -> tuple[str, list[int]]:
    """Folds `text`; returns the folded string and, for each of its characters, the index in
    `text` of the character it came from (a separator run: its first character)."""
    out: list[str] = []
    src: list[int] = []
    pending_sep: int | None = None  # where the current run of separators began
    last_class: str | None = None  # class of the last character written
    for i, c in enumerate(text):
        pieces = _fold_char(c, keep_case)
        if is_apostrophe(c) and _possessive_after(text, i + 1):
            pieces = [SEP]  # Hezbollah's -> hezbollah s
        if (c in TEH_MARBUTAS and pending_sep is None and out[-2:] == ["\u064a", "\u0627"]
                and _hamza_on(text, src[-1])):
            out[-1] = "\u064a"  # README rule 2: هيأة = هيئة
        for piece in pieces:
            if piece is SEP:
                if pending_sep is None:
                    pending_sep = i
                continue
            assert isinstance(piece, str)
            cls = char_class(piece)
            if pending_sep is not None:
                # A separator between a letter and a digit is dropped: K-1 = K1.
                if {last_class, cls} != {LETTER, DIGIT}:
                    out.append(" ")
                    src.append(pending_sep)
                pending_sep = None
            out.append(piece)
            src.append(i)
            last_class = cls
    if pending_sep is not None:
        out.append(" ")
        src.append(pending_sep)
    return "".join(out), src


def fold_key(alias: str, keep_case: bool = False) -> str:
    """The search key of an alias: its folded form without leading or trailing spaces."""
    return fold(alias, keep_case)[0].strip(" ")


def looks_like_acronym(alias: str) -> bool:
    """README rule 1: written in capitals, with 1 to 5 letters."""
    letters = [c for c in alias if is_alphabetic(c)]
    return 1 <= len(letters) <= 5 and all(is_uppercase(c) for c in letters)


# --- word boundaries -------------------------------------------------------------------------


# README rule 5: scripts written without spaces, by code point range. Each ideograph (Han and
# Hiragana) is a word; a run of Katakana, Thai, Lao, Khmer or Myanmar is one word; a change
# between these and any other script is a word boundary.
SPACELESS = (
    (0x0E00, 0x0E7F, "thai"), (0x0E80, 0x0EFF, "lao"), (0x1000, 0x109F, "myanmar"),
    (0xA9E0, 0xA9FF, "myanmar"), (0xAA60, 0xAA7F, "myanmar"), (0x1780, 0x17FF, "khmer"),
    (0x19E0, 0x19FF, "khmer"), (0x30A0, 0x30FF, "katakana"), (0x31F0, 0x31FF, "katakana"),
    (0x32D0, 0x32FE, "katakana"), (0x3300, 0x3357, "katakana"), (0xFF66, 0xFF9F, "katakana"),
    (0x2E80, 0x2FDF, "ideograph"), (0x3005, 0x3007, "ideograph"), (0x3021, 0x3029, "ideograph"),
    (0x3038, 0x303B, "ideograph"), (0x3040, 0x309F, "ideograph"), (0x3400, 0x4DBF, "ideograph"),
    (0x4E00, 0x9FFF, "ideograph"), (0xF900, 0xFAFF, "ideograph"),
    (0x1B000, 0x1B16F, "ideograph"), (0x20000, 0x3FFFF, "ideograph"),
)


def spacing(c: str) -> str:
    """The word-spacing kind of a character's script: "spaced" for every script written with
    spaces, else the script's own kind."""
    for lo, hi, kind in SPACELESS:
        if lo <= ord(c) <= hi:
            return kind
    return "spaced"


def spacing_before(text: str, end: int) -> str:
    """The spacing of the character before `end`; a combining mark takes its base's."""
    i = end - 1
    while i >= 0 and end - i <= 32:
        if spacing(text[i]) != "spaced" or not is_mark(text[i]):
            return spacing(text[i])
        i -= 1
    return "spaced"


def script_break(before: str, after: str) -> bool:
    """Whether two word characters side by side are in two words all the same."""
    return before != after or before == "ideograph"


def _glued_before(text: str, start: int) -> bool:
    """Whether a word character sits before `start`, possibly across joiners, in the same
    word (no change of spaceless script, no ideograph)."""
    i = start - 1
    while i >= 0 and is_joiner(text[i]):
        i -= 1
    if i < 0 or not is_word(text[i]):
        return False
    return start == len(text) or not script_break(spacing_before(text, i + 1), spacing(text[start]))


def _glued_after(text: str, end: int) -> bool:
    """Whether a word character follows `end`, possibly across joiners, in the same word; a
    possessive 's after the span does not count."""
    i = end
    while i < len(text) and is_joiner(text[i]):
        if is_apostrophe(text[i]) and _possessive_after(text, i + 1):
            return False  # a possessive 's after the joiners (README rule 5)
        i += 1
    if i >= len(text) or not is_word(text[i]):
        return False
    return not script_break(spacing_before(text, end), spacing(text[i]))


def is_whole_word(text: str, start: int, end: int, last: int) -> bool:
    """README rule 5. `last` is the index of the last character that produced the match (marks
    after it are inside [start, end)). An edge that is not a word character needs no check."""
    if is_word(text[start]) and _glued_before(text, start):
        return False
    if is_word(text[last]) and _glued_after(text, end):
        return False
    return True


# --- the gazetteer and the search ------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    entity: str
    text: str
    case_sensitive: bool  # after the acronym rule and any override


def aliases_of(entities: Iterable[EntitySpec]) -> list[Alias]:
    """All aliases in gazetteer order: per entity the name first, then its aliases; a repeated
    text is merged into the first, which takes the first explicit case setting."""
    out: list[Alias] = []
    for entity_id, name, specs in entities:
        texts: list[str] = [name]
        setting: dict[str, bool | None] = {name: None}
        for spec in specs:
            text, cs = (spec, None) if isinstance(spec, str) else spec
            if text not in setting:
                texts.append(text)
                setting[text] = cs
            elif setting[text] is None:
                setting[text] = cs
        for text in texts:
            cs = setting[text]
            out.append(Alias(entity_id, text, looks_like_acronym(text) if cs is None else cs))
    return out


_ENGLISH: set[str] = set()


def is_english_word(word: str) -> bool:
    """The core's English word list (src/core/data/english_words.txt and its few extras)."""
    if not _ENGLISH:
        root = __import__("pathlib").Path(__file__).resolve().parent.parent
        words = (root / "src" / "core" / "data" / "english_words.txt").read_text().split()
        _ENGLISH.update(words, ["amir", "emir", "salaam", "ana", "din", "imam", "hajj", "sheikh"])
    return word in _ENGLISH


def needs_caps_licence(alias: str) -> bool:
    """README rule 9: an acronym whose lower case is an English word, or with two letters or
    fewer, needs a licence among capitals (`IS` in `IS IT TRUE?`)."""
    key = fold_key(alias)
    return is_english_word(key) or sum(is_alphabetic(c) for c in key) <= 2


def same_capitals(span: str, alias: str) -> bool:
    """README rule 1: a case-kept alias of one word agrees exactly; of several words, a word
    that is an English word may be in capitals anywhere or in lower case after the first."""
    if span == alias:
        return True
    words, alias_words = span.split(" "), alias.split(" ")
    if len(alias_words) < 2 or len(words) != len(alias_words):
        return False
    return all(
        w == a or (w.lower() == a.lower() and is_english_word(a.lower())
                   and (i > 0 or not any(c.islower() for c in w)))
        for i, (w, a) in enumerate(zip(words, alias_words))
    )


def in_capitals(text: str, start: int, end: int) -> bool:
    """README rule 9: whether the span stands among words in capitals - up to three words on
    each side on its line, at least two of them with two or more letters, all in capitals."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end

    # A combining mark is no letter of its own, and has no case (a letter and its marks are one
    # letter, whatever the normalization form).
    def words(s: str) -> list[bool]:
        out, word = [], ""
        for c in s + " ":
            if is_word(c) or is_joiner(c):
                word += c
                continue
            if sum(is_alphabetic(x) and not is_mark(x) for x in word) >= 2:
                out.append(not any(x.islower() and not is_mark(x) for x in word))
            word = ""
        return out

    near = words(text[line_start:start])[::-1][:3] + words(text[end:line_end])[:3]
    return len(near) >= 2 and all(near)


# Honorifics written before a given name; a joined match's span leaves one out (README rule 6).
GIVEN_NAME_TITLES = frozenset(
    "imam king queen prince princess sultan emir caliph prophet saint st sayyid sayyed sayed "
    "sheikh shaykh shaikh mullah mulla hajj haji hajji".split()
)


def given_name_title_before(text: str, start: int) -> bool:
    """A capitalized ASCII honorific of `GIVEN_NAME_TITLES`, one space before `start`."""
    head = text[:start]
    if not head.endswith(" "):
        return False
    head = head[:-1]
    i = len(head)
    while i > 0 and head[i - 1].isascii() and head[i - 1].isalpha():
        i -= 1
    word = head[i:]
    return 2 <= len(word) <= 8 and word[0].isupper() and word.lower() in GIVEN_NAME_TITLES


def _names_more(past: str) -> bool:
    """Whether `past` holds a word that opens with a capital."""
    words = "".join(c if is_alphabetic(c) or is_numeric(c) else " " for c in past).split(" ")
    return any(w and is_uppercase(w[0]) for w in words)


def _select(found: list[tuple[int, int, int, Alias, tuple[str, ...]]], overlapping: bool,
            text: str | None = None) -> list[tuple[int, int, int, Alias, tuple[str, ...]]]:
    """README rule 6: sorted by start, longest first; leftmost-longest unless overlapping.

    With `text`, a match that starts inside the one chosen before it and goes on past it, for
    the same entity, joins it where the words past the first hold a capitalized word or the
    start of another entity's match: the span runs from the first's start (or the second's,
    after a title) to the second's end, the second's alias reported.
    """
    found = sorted(found, key=lambda f: (f[0], -f[1], f[2]))
    merged: list[tuple[int, int, int, Alias, tuple[str, ...]]] = []
    for f in found:  # one match per span, its candidates joined
        if merged and merged[-1][:2] == f[:2]:
            s, e, o, a, ids = merged[-1]
            merged[-1] = (s, e, o, a, tuple(dict.fromkeys(ids + f[4])))
        else:
            merged.append(f)
    if overlapping:
        return merged
    chosen: list[tuple[int, int, int, Alias, tuple[str, ...]]] = []
    for i, f in enumerate(merged):
        if not chosen or f[0] >= chosen[-1][1]:
            chosen.append(f)
            continue
        k = chosen[-1]
        if text is None or f[1] <= k[1] or f[3].entity != k[3].entity:
            continue
        taken_from = False
        for d in merged[i + 1:]:
            if d[0] >= f[1]:
                break
            if d[0] >= k[1] and d[3].entity != f[3].entity:
                taken_from = True
        if _names_more(text[k[1]:f[1]]) or taken_from:
            head = text[k[0]:f[0]].rstrip("".join(WHITESPACE))
            title = not any(c in WHITESPACE for c in head) and given_name_title_before(text, f[0])
            chosen[-1] = (f[0] if title else k[0], *f[1:])
    return chosen


def reference_matches(
    entities: Iterable[EntitySpec],
    text: str,
    *,
    case_sensitive: bool = False,
    overlapping: bool = False,
    whole_words: bool = True,
    licensing: bool = True,
) -> list[tuple[int, int, str, tuple[str, ...], str]]:
    """Like `reference_tag`, with the reported alias text as a fifth field."""
    aliases = aliases_of(entities)
    keys: dict[str, list[Alias]] = {}  # in order of first appearance, like gazetag's targets
    for alias in aliases:
        key = fold_key(alias.text, keep_case=case_sensitive)
        if not key:
            raise ValueError(f"alias {alias.text!r} has nothing to match")
        keys.setdefault(key, []).append(alias)

    folded, src = fold(text, keep_case=case_sensitive)
    # (start, end, key order, reported alias, candidate entity ids)
    found: list[tuple[int, int, int, Alias, tuple[str, ...]]] = []
    # The first alias of each candidate entity of a span, by key order (README rule 7).
    alias_for: dict[tuple[int, int, int, str], Alias] = {}
    pending: list[tuple[int, int, int, Alias, tuple[str, ...]]] = []  # need a licence
    for order, (key, targets) in enumerate(keys.items()):
        at = folded.find(key)
        while at != -1:
            fs, fe = at, at + len(key)
            at = folded.find(key, at + 1)
            # README rule 8: no match starts or ends inside an expanded character (ß -> ss).
            if fs > 0 and src[fs - 1] == src[fs]:
                continue
            if fe < len(src) and src[fe] == src[fe - 1]:
                continue
            start, last = src[fs], src[fe - 1]
            end = last + 1
            # Trailing marks belong to it, but not an iota subscript: it folds to a letter.
            while end < len(text) and is_mark(text[end]) and text[end] != "\u0345":
                end += 1
            if whole_words and not is_whole_word(text, start, end, last):
                continue
            passing = [
                t
                for t in targets
                if case_sensitive
                or not t.case_sensitive
                or same_capitals(fold_key(text[start:end], keep_case=True),
                                 fold_key(t.text, keep_case=True))
            ]
            # README rule 9: an acronym among capitals waits for a licence.
            held = [t for t in passing if licensing and not case_sensitive and t.case_sensitive
                    and needs_caps_licence(t.text) and in_capitals(text, start, end)]
            for t in held:
                pending.append((start, end, order, t, (t.entity,)))
            passing = [t for t in passing if t not in held]
            if not passing:
                continue
            ids = tuple(dict.fromkeys(t.entity for t in passing))
            found.append((start, end, order, passing[0], ids))
            for t in passing:
                alias_for.setdefault((start, end, order, t.entity), t)

    if pending:
        named = {eid for f in _select(found, overlapping) for eid in f[4]}
        licensed = [p for p in pending if p[3].entity in named]
        found += licensed
        for p in licensed:
            alias_for.setdefault((p[0], p[1], p[2], p[3].entity), p[3])
    found = _select(found, overlapping, text)
    if licensing:
        found = _named_elsewhere(found, alias_for)
    return [(s, e, alias.entity, ids, alias.text) for s, e, _, alias, ids in found]


def _named_elsewhere(
    found: list[tuple[int, int, int, Alias, tuple[str, ...]]],
    alias_for: dict[tuple[int, int, int, str], Alias],
) -> list[tuple[int, int, int, Alias, tuple[str, ...]]]:
    """README rule 11: of a match's candidates (one label here), the one that a match with no
    other candidate names before it comes first, if exactly one is; the match reports its
    alias."""
    sure = [(f[0], f[4][0]) for f in found if len(f[4]) == 1]
    out = []
    for s, e, order, alias, ids in found:
        named = [i for i in ids if any(eid == i and at < s for at, eid in sure)]
        if len(ids) > 1 and len(named) == 1 and named[0] != ids[0]:
            first = named[0]
            ids = (first, *(i for i in ids if i != first))
            # (A joined match's span starts before its second alias's: rule 6.)
            alias = min(((s2, o2), a) for (s2, e2, o2, i), a in alias_for.items()
                        if e2 == e and i == first and s2 >= s)[1]
        out.append((s, e, order, alias, ids))
    return out


def reference_tag(
    entities: Iterable[EntitySpec],
    text: str,
    *,
    case_sensitive: bool = False,
    overlapping: bool = False,
    whole_words: bool = True,
) -> list[RefMatch]:
    """The matches gazetag should report for `text`, as (start, end, entity id, candidates)."""
    found = reference_matches(
        entities,
        text,
        case_sensitive=case_sensitive,
        overlapping=overlapping,
        whole_words=whole_words,
    )
    return [(s, e, eid, ids) for s, e, eid, ids, _ in found]
