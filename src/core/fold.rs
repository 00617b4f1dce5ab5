//! Text folding and the map back to the original text.
//!
//! This module owns the one function that turns text - a document or a dictionary alias - into
//! the folded form the automaton searches, and the character classes that the word-boundary
//! checks use. Documents and aliases go through the same code, so they always agree.
//!
//! Promises:
//! - every folded byte records the byte offset, in the original text, of the character it came
//!   from (`Folded::src`); a folded span maps back to an exact original span;
//! - a character that expands (`ß` -> `ss`, `ﬁ` -> `fi`) gives several folded bytes with the same
//!   source, so a match can be required to start and end on whole characters;
//! - no allocation per character: output goes into two growing buffers.
//!
//! The folding, in order, for each original character:
//! 1. separators (white space of any kind, dashes, underscores, zero-width space) in a run become
//!    one space, which is dropped where it stands between a letter and a digit (`K-1` -> `k1`);
//! 2. joiners (apostrophe-like marks, ayn/hamza signs, tatweel, invisible format characters) are
//!    dropped (`Qa'im` -> `qaim`);
//! 3. compatibility decomposition (NFKD) of the rest, combining marks dropped (`Kāẓimī` ->
//!    `kazimi`, fullwidth letters and ligatures to plain letters) except the Greek iota
//!    subscript, which becomes the iota it case-folds to (`ᾳ` -> `αι`);
//! 4. full Unicode case folding (`İ` -> `i`, `ß` -> `ss`), unless case is kept.

use std::sync::OnceLock;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded text and, for each of its bytes, where it came from.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// The folded text, valid UTF-8.
    pub text: Vec<u8>,
    /// For each byte of `text`, the byte offset in the original text of the character that
    /// produced it.
    pub src: Vec<u32>,
}

impl Folded {
    /// Whether a folded span starting at `start` begins on the first byte a character produced.
    #[inline]
    pub fn starts_group(&self, start: usize) -> bool {
        start == 0 || self.src[start - 1] != self.src[start]
    }

    /// Whether a folded span ending at `end` (exclusive) ends on the last byte a character
    /// produced.
    #[inline]
    pub fn ends_group(&self, end: usize) -> bool {
        end >= self.src.len() || self.src[end] != self.src[end - 1]
    }

    /// The folded text as a string.
    pub fn as_str(&self) -> &str {
        // Built only from whole `char`s, so always valid; the fallback is never taken.
        std::str::from_utf8(&self.text).unwrap_or("")
    }
}

/// Apostrophe-like marks: ASCII and typographic apostrophes, backtick, acute accent, prime, and
/// the modifier letters that romanizations use for ayn and hamza (ʿ ʾ ʻ ʼ).
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{00B4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{2032}'
            | '\u{02B9}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BD}'
            | '\u{02BE}'
            | '\u{02BF}'
            | '\u{FF07}'
    )
}

/// Characters that folding deletes because they sit inside words without separating them:
/// apostrophe-likes, Arabic tatweel, and invisible format characters (soft hyphen, ZWNJ, ZWJ,
/// LRM, RLM, ALM, word joiner, BOM).
#[inline]
pub fn is_joiner(c: char) -> bool {
    is_apostrophe(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{0640}'
                | '\u{061C}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
}

/// Characters that separate words and fold to one space: Unicode white space, hyphen-minus and
/// the Unicode dashes, the minus sign, underscores, and the zero-width space.
#[inline]
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '-' | '_');
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{2010}'
                ..='\u{2015}'
                    | '\u{2212}'
                    | '\u{2E3A}'
                    | '\u{2E3B}'
                    | '\u{FE58}'
                    | '\u{FE63}'
                    | '\u{FF0D}'
                    | '\u{FF3F}'
                    | '\u{200B}'
        )
}

/// A word character: a letter, mark or digit of any script. Joiners are not word characters by
/// themselves; see [`boundary_before`] and [`boundary_after`] for how they join words.
#[inline]
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Arabic block, read around every hit in Arabic text, by its ranges of letters, marks
    // and digits (the general look-up of a letter costs hundreds of instructions; a test
    // checks every character of the block against it).
    if ARABIC_BLOCK.contains(&c) {
        return matches!(
            c,
            '\u{0610}'..='\u{061A}'
                | '\u{0620}'..='\u{063F}'
                | '\u{0641}'..='\u{0669}'
                | '\u{066E}'..='\u{06D3}'
                | '\u{06D5}'..='\u{06DC}'
                | '\u{06DF}'..='\u{06E8}'
                | '\u{06EA}'..='\u{06FC}'
                | '\u{06FF}'
        );
    }
    is_word_slow(c)
}

/// [`is_word`] without its fast path.
fn is_word_slow(c: char) -> bool {
    !is_joiner(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// The end of the run of ASCII bytes of `bytes` that starts at `start`: the offset of the next
/// byte with its high bit set, or the length. Eight bytes are checked at a time.
#[inline]
fn ascii_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b >= 0x80).map_or(bytes.len(), |n| at + n)
}

/// How many ASCII letters `ascii` (ASCII bytes only) starts with: eight bytes at a time, each
/// lower-cased (bit 5 set: only `A`-`Z` then join `a`-`z`) and tested for `a`..=`z` by two
/// additions that set a byte's top bit, no byte carrying into the next (all are below 0x80).
#[inline]
fn ascii_letters(ascii: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = ascii.get(at..at + 8) {
        let lower = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) | (0x20 * ONES);
        let from_a = lower + (0x80 - b'a' as u64) * ONES;
        let past_z = lower + (0x80 - b'z' as u64 - 1) * ONES;
        let other = !(from_a & !past_z) & (0x80 * ONES);
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + ascii[at..].iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(ascii.len() - at)
}

/// A one in each byte of a `u64` (`0x20 * ONES` is eight spaces), and the top bit of each.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x80 * ONES;

/// The bytes of `word` (eight ASCII bytes, little-endian) equal to `b`: the top bit of each,
/// found without a carry between bytes (all are below 0x80).
#[inline(always)]
fn bytes_equal(word: u64, b: u8) -> u64 {
    let x = word ^ (u64::from(b) * ONES);
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The bytes of `word` (eight ASCII bytes) from `lo` to `hi`: the top bit of each, by two
/// additions that set a byte's top bit, no byte carrying into the next.
#[inline(always)]
fn bytes_within(word: u64, lo: u8, hi: u8) -> u64 {
    let from_lo = word + u64::from(0x80 - lo) * ONES;
    let past_hi = word + u64::from(0x80 - hi - 1) * ONES;
    from_lo & !past_hi & HIGH
}

/// How eight ASCII bytes (`word`, little-endian) fold in one step, if they can: each to one
/// byte from its own offset, letters lower-cased unless `KEEP_CASE`, each separator a space.
/// They can when none is an apostrophe or backtick (which may start a possessive), no two
/// separators stand side by side, none is the last (a separator run may go on past the
/// eight) or next to a digit (a separator between a letter and a digit is dropped), and the
/// first is a separator only after a letter or another kept character (`last`, the class of
/// the character folded last; nothing is pending). Then each separator stands alone between
/// two kept characters, as the byte at a time folds it. Returns the folded bytes and the class
/// of the last (`ascii_stretch`'s fast step).
#[inline(always)]
fn eight_plain<const KEEP_CASE: bool>(word: u64, last: Class) -> Option<(u64, Class)> {
    let letters = bytes_within(word | (0x20 * ONES), b'a', b'z');
    let digits = bytes_within(word, b'0', b'9');
    let seps = bytes_within(word, 0x09, 0x0D)
        | bytes_equal(word, b' ')
        | bytes_equal(word, b'-')
        | bytes_equal(word, b'_');
    let joiners = bytes_equal(word, b'\'') | bytes_equal(word, b'`');
    let first_ok = seps & 0x80 == 0 || matches!(last, Class::Letter | Class::Other);
    if joiners != 0
        || seps & (seps >> 8) != 0
        || seps >> 56 != 0
        || seps & ((digits >> 8) | (digits << 8)) != 0
        || !first_ok
    {
        return None;
    }
    let lower = if KEEP_CASE { word } else { word | (letters >> 2) };
    let sep_bytes = (seps >> 7) * 0xFF;
    let folded = (lower & !sep_bytes) | (sep_bytes & (0x20 * ONES));
    let class = if letters >> 63 != 0 {
        Class::Letter
    } else if digits >> 63 != 0 {
        Class::Digit
    } else {
        Class::Other
    };
    Some((folded, class))
}

/// What folding does with an ASCII byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiKind {
    /// Kept (letters lower-cased): letters, digits, punctuation, symbols, controls.
    Plain,
    /// Space, tab, line breaks, hyphen-minus, underscore.
    Separator,
    /// Apostrophe and backtick: dropped.
    Joiner,
    /// A byte of a multi-byte character: the end of an ASCII stretch.
    NonAscii,
}

const ASCII_KIND: [AsciiKind; 256] = {
    let mut table = [AsciiKind::NonAscii; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = AsciiKind::Plain;
        b += 1;
    }
    let separators = b" \t\n\r\x0B\x0C-_";
    let mut i = 0;
    while i < separators.len() {
        table[separators[i] as usize] = AsciiKind::Separator;
        i += 1;
    }
    table[b'\'' as usize] = AsciiKind::Joiner;
    table[b'`' as usize] = AsciiKind::Joiner;
    table
};

#[inline]
fn ascii_class(b: u8) -> Class {
    if b.is_ascii_alphabetic() {
        Class::Letter
    } else if b.is_ascii_digit() {
        Class::Digit
    } else {
        Class::Other
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    None,
    Letter,
    Digit,
    Other,
}

/// A letter next to a digit: a separator between them is dropped (`K-1` -> `k1`).
#[inline]
fn is_junction(before: Class, after: Class) -> bool {
    matches!((before, after), (Class::Letter, Class::Digit) | (Class::Digit, Class::Letter))
}

/// The Unicode Arabic block, U+0600 to U+06FF: no letter in it has case.
pub const ARABIC_BLOCK: std::ops::RangeInclusive<char> = '\u{0600}'..='\u{06FF}';

/// Whether a character is in the Arabic block (Arabic, Persian and Kurdish letters).
pub fn is_arabic_block(c: char) -> bool {
    ARABIC_BLOCK.contains(&c)
}

#[inline]
fn class_of(c: char) -> Class {
    // The Arabic block by table: Arabic-script news folds every character through here, and
    // the general Unicode lookup is a search of its own per character.
    if ARABIC_BLOCK.contains(&c) {
        static ARABIC: OnceLock<[Class; 0x100]> = OnceLock::new();
        let start = *ARABIC_BLOCK.start() as u32;
        return ARABIC.get_or_init(|| {
            std::array::from_fn(|i| {
                char::from_u32(start + i as u32).map_or(Class::Other, general_class)
            })
        })[(c as u32 - start) as usize];
    }
    general_class(c)
}

fn general_class(c: char) -> Class {
    if c.is_alphabetic() {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else {
        Class::Other
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes of text that [`Folder::digraph_mark`] looked at, for the test of its cost.
    static MARKS_SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Runs of joiners that [`possessive_after_cached`] scanned, for the test of its cost.
    static POSSESSIVE_SCANS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Eight-byte steps of [`Folder::ascii_stretch`] taken, and whether they may be (the test
    /// folds each text with and without them).
    static FAST_STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static NO_FAST_STEPS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static ARABIC_STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether [`Folder::ascii_stretch`] may take eight bytes at once: always, but in the test
/// that compares folding with and without that step.
#[inline(always)]
fn fast_steps() -> bool {
    #[cfg(test)]
    if NO_FAST_STEPS.with(std::cell::Cell::get) {
        return false;
    }
    true
}

/// The folding state machine: pending separator and the class of the last folded character.
struct Folder<'o> {
    out: &'o mut Folded,
    pending_sep: Option<u32>,
    last: Class,
    /// For the letter that starts at this original byte (the source of the last folded byte):
    /// the original byte up to which only combining marks follow it, or `None` once something
    /// else did. [`Folder::digraph_mark`] looks only past it, so a letter with n marks costs n
    /// steps, not n² (issue 15.2).
    marks_checked: (u32, Option<usize>),
    /// The first non-joiner after the last run of joiners checked for a possessive, and the
    /// answer: every apostrophe of one run has the same, so a run of n costs n steps, not n².
    possessive: Option<(usize, bool)>,
}

impl Folder<'_> {
    #[inline]
    fn separator(&mut self, at: u32) {
        if self.pending_sep.is_none() {
            self.pending_sep = Some(at);
        }
    }

    /// Folds the stretch of ASCII text that starts at byte `start` of `bytes`, up to the next
    /// non-ASCII byte, whose offset it returns. This is the hot path: each byte folds to at most
    /// one byte (a separator run to one space), so room is reserved once and filled by pushes; after
    /// a word's first letter, its other letters (most of all prose) are copied lower-cased in
    /// a loop of their own without the class and separator checks (issue 13).
    fn ascii_stretch<const KEEP_CASE: bool>(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let end = ascii_end(bytes, start);
        let stretch = &bytes[start..end];
        let out = &mut *self.out;
        // Room for the stretch and one pending separator, reserved once and filled by pushes
        // (no bounds to grow past, no bytes zeroed first to be written over): a byte folds to
        // at most one byte.
        out.text.reserve(stretch.len() + 1);
        out.src.reserve(stretch.len() + 1);
        let (text_out, src_out) = (&mut out.text, &mut out.src);
        let (mut pending_sep, mut last) = (self.pending_sep, self.last);
        let mut i = 0usize;
        while i < stretch.len() {
            // Eight bytes of words and punctuation with single separators between them (most
            // of prose), with no separator pending: each folds to one byte, from its own
            // offset, in one step ([`eight_plain`]).
            if pending_sep.is_none() && fast_steps() {
                if let Some(&eight) = stretch.get(i..).and_then(|r| r.first_chunk::<8>()) {
                    if let Some((folded, class)) =
                        eight_plain::<KEEP_CASE>(u64::from_le_bytes(eight), last)
                    {
                        #[cfg(test)]
                        FAST_STEPS.with(|n| n.set(n.get() + 1));
                        text_out.extend_from_slice(&folded.to_le_bytes());
                        let first = (start + i) as u32;
                        src_out.extend_from_slice(&std::array::from_fn::<u32, 8, _>(|k| {
                            first + k as u32
                        }));
                        (i, last) = (i + 8, class);
                        continue;
                    }
                }
            }
            let b = stretch[i];
            let at = (start + i) as u32;
            i += 1;
            // Branches, not a match: a jump table's indirect jump mispredicts at every word.
            if b.is_ascii_alphanumeric() || ASCII_KIND[b as usize] == AsciiKind::Plain {
                let class = ascii_class(b);
                if let Some(sep) = pending_sep.take() {
                    if !is_junction(last, class) {
                        text_out.push(b' ');
                        src_out.push(sep);
                    }
                }
                last = class;
                text_out.push(if KEEP_CASE { b } else { b.to_ascii_lowercase() });
                src_out.push(at);
                // The rest of a word's letters need none of the checks above: found first,
                // eight bytes at a time, then copied lower-cased with their offsets.
                if class == Class::Letter {
                    let rest = &stretch[i..];
                    let run = ascii_letters(rest);
                    let first = (start + i) as u32;
                    text_out.extend(rest[..run].iter().map(|&b| {
                        if KEEP_CASE {
                            b
                        } else {
                            b.to_ascii_lowercase()
                        }
                    }));
                    src_out.extend(first..first + run as u32);
                    i += run;
                }
            } else if ASCII_KIND[b as usize] == AsciiKind::Separator
                || possessive_after_cached(text, at as usize + 1, &mut self.possessive)
            {
                // A separator, or an apostrophe (a joiner: the only other ASCII kind) that
                // starts a possessive.
                pending_sep.get_or_insert(at);
            }
        }
        (self.pending_sep, self.last) = (pending_sep, last);
        end
    }

    /// Handles a combining mark that, on the ASCII letter right before it, makes a
    /// romanization letter written as an English digraph (`s` + caron is `š`, so `sh`). The
    /// letters added share the base letter's source, as the precomposed letter's would.
    /// Returns whether the mark was handled.
    fn digraph_mark(&mut self, mark: char, at: usize, text: &str) -> bool {
        let (Some(&prev), Some(&src)) = (self.out.text.last(), self.out.src.last()) else {
            return false;
        };
        if self.pending_sep.is_some() || !prev.is_ascii_alphabetic() || !is_combining_mark(mark) {
            return false;
        }
        // The mark must belong to the letter just folded: only other marks between them
        // (canonical order puts an Arabic haraka before a caron).
        let checked = match self.marks_checked {
            (letter, checked) if letter == src => checked,
            _ => Some(src as usize + 1),
        };
        let only_marks = checked.filter(|&from| {
            #[cfg(test)]
            MARKS_SCANNED.with(|n| n.set(n.get() + at.saturating_sub(from)));
            from <= at && text.get(from..at).is_some_and(|b| b.chars().all(is_combining_mark))
        });
        // The mark at `at` is one more combining mark after the letter.
        self.marks_checked = (src, only_marks.map(|_| at + mark.len_utf8()));
        if only_marks.is_none() {
            return false;
        }
        let lower = prev.to_ascii_lowercase();
        let upper = prev.is_ascii_uppercase();
        let last = self.out.text.len() - 1;
        match (lower, mark) {
            // s + caron, s + cedilla, t/d + macron below, g + dot above: add an h.
            (b's', '\u{030C}' | '\u{0327}') | (b't' | b'd', '\u{0331}') | (b'g', '\u{0307}') => {
                self.out.text.push(b'h');
                self.out.src.push(src);
            }
            // h + breve below is kh.
            (b'h', '\u{032E}') => {
                self.out.text[last] = if upper { b'K' } else { b'k' };
                self.out.text.push(b'h');
                self.out.src.push(src);
            }
            // g + caron is j.
            (b'g', '\u{030C}') => self.out.text[last] = if upper { b'J' } else { b'j' },
            _ => return false,
        }
        true
    }

    /// Writes the pending separator before a character of class `next`, unless it stands
    /// between a letter and a digit.
    #[inline]
    fn flush_separator(&mut self, next: Class) {
        if let Some(sep) = self.pending_sep.take() {
            if !is_junction(self.last, next) {
                self.push(' ', sep);
            }
        }
    }

    #[inline]
    fn emit(&mut self, c: char, at: u32) {
        let class = if c.is_ascii() { ascii_class(c as u8) } else { class_of(c) };
        self.flush_separator(class);
        self.push(c, at);
        self.last = class;
    }

    #[inline]
    fn push(&mut self, c: char, at: u32) {
        if c.is_ascii() {
            self.out.text.push(c as u8);
            self.out.src.push(at);
        } else {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            self.out.text.extend_from_slice(bytes);
            self.out.src.extend(std::iter::repeat_n(at, bytes.len()));
        }
    }

    /// Folds the run of plain Arabic letters ([`is_plain_arabic_letter`]) that starts at byte
    /// `start`, and returns where it ends (`start` if none starts there). Most of Arabic-script
    /// text is such runs; each letter folds by [`arabic_letter`] alone to two bytes from its
    /// own offset, as [`Folder::fold_unicode`] folds it, here without decoding it and without
    /// the checks for separators, apostrophes, marks and joiners, none of which it is (issue 13).
    fn arabic_stretch(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let mut i = start;
        while let Some(&[lead, tail]) = bytes.get(i..).and_then(|r| r.first_chunk::<2>()) {
            // U+0600..U+063F are D8 80..BF and U+0640..U+067F are D9 80..BF in UTF-8.
            let base = match lead {
                0xD8 => 0x0600,
                0xD9 => 0x0640,
                _ => break,
            };
            let Some(c) = char::from_u32(base + u32::from(tail & 0x3F)) else { break };
            if !is_plain_arabic_letter(c) {
                break;
            }
            if i == start {
                self.flush_separator(Class::Letter);
                if c == TEH_MARBUTA {
                    // (A hamza's seat is no plain letter: a run ends at it.)
                    self.hamza_seat(text);
                }
            }
            let mut buf = [0u8; 4];
            self.out.text.extend_from_slice(arabic_letter(c).encode_utf8(&mut buf).as_bytes());
            self.out.src.extend_from_slice(&[i as u32; 2]);
            i += 2;
        }
        if i > start {
            #[cfg(test)]
            ARABIC_STEPS.with(|n| n.set(n.get() + 1));
            self.last = Class::Letter;
        }
        i
    }

    /// Before a teh marbuta: a hamza written on an alef after a yeh is the one written on a
    /// yeh (`هيأة`, the Iraqi state's spelling, is `هيئة`, a commission), so the alef folded
    /// last becomes a yeh. A word never ends in `يأة` otherwise; a plain alef stays (`حياة`).
    #[inline(never)] // a run of Arabic letters that opens with a teh marbuta: rare
    fn hamza_seat(&mut self, text: &str) {
        const YEH_ALEF: &[u8] = "\u{064A}\u{0627}".as_bytes();
        let t = &self.out.text;
        if !t.ends_with(YEH_ALEF) {
            return;
        }
        let Some(&at) = self.out.src.last() else { return };
        let mut rest = text[at as usize..].chars();
        let hamza = match rest.next() {
            Some('\u{0627}') => {
                rest.take_while(|&m| is_combining_mark(m)).any(|m| m == HAMZA_ABOVE)
            }
            Some(c) => {
                let mut found = false;
                decompose_compatible(c, |d| found |= d == HAMZA_ABOVE);
                found
            }
            None => false,
        };
        if hamza {
            let n = t.len();
            self.out.text[n - 2..].copy_from_slice("\u{064A}".as_bytes());
        }
    }

    /// Folds one character that is neither ASCII nor a separator nor a joiner.
    fn fold_unicode(&mut self, c: char, at: u32, keep_case: bool) {
        if is_plain_arabic_letter(c) {
            // What the general path below gives for these letters (they decompose to
            // themselves and are no marks), without its look-ups: most of Arabic text.
            self.emit(arabic_letter(c), at);
            return;
        }
        if c == DOTLESS_I {
            // Turkish dotless i: English writes it as i (`Karayılan` = `Karayilan`), and a
            // headline's `IĞDIR` then folds as `Iğdır` does. No normalization maps it.
            self.emit('i', at);
            return;
        }
        if let Some(digraph) = latin_digraph(c) {
            let mut chars = digraph.chars();
            if let Some(first) = chars.next() {
                let first =
                    if keep_case && c.is_uppercase() { first.to_ascii_uppercase() } else { first };
                self.emit(first, at);
            }
            chars.for_each(|d| self.emit(d, at));
            return;
        }
        decompose_compatible(c, |d| {
            if d == YPOGEGRAMMENI {
                // The one combining mark that case-folds to a letter: `ᾳ` = `αι` = `ΑΙ`.
                self.emit(IOTA, at);
                return;
            }
            if is_combining_mark(d) {
                return;
            }
            if d.is_whitespace() {
                // Spacing accents (¨ ¯ ˘) and some ligatures decompose to a space.
                self.separator(at);
                return;
            }
            if ARABIC_BLOCK.contains(&d) {
                // Arabic script has no case, and `d` is decomposed already: what the two
                // steps below would give, without them.
                self.emit(arabic_letter(d), at);
                return;
            }
            if keep_case || d.is_ascii() && !d.is_ascii_uppercase() {
                self.emit_decomposed(d, at, keep_case);
                return;
            }
            let mut folded = caseless::Caseless::default_case_fold(std::iter::once(d));
            for f in &mut folded {
                // Case folding can yield a combining mark (İ -> i + U+0307) or a character
                // that decomposes further; both are handled by one more decomposition.
                self.emit_decomposed(f, at, keep_case);
            }
        });
    }

    #[inline]
    fn emit_decomposed(&mut self, d: char, at: u32, keep_case: bool) {
        if d.is_ascii() {
            if d.is_ascii_uppercase() && !keep_case {
                self.emit(d.to_ascii_lowercase(), at);
            } else {
                self.emit(d, at);
            }
            return;
        }
        decompose_compatible(d, |e| {
            if !is_combining_mark(e) {
                self.emit(arabic_letter(e), at);
            }
        });
    }
}

/// The letters of the Arabic alphabet that no normalization decomposes (all but the hamza
/// forms U+0622..U+0626): folding maps each by [`arabic_letter`] alone.
#[inline]
fn is_plain_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// U+0345, the Greek iota subscript: a combining mark, but Unicode case-folds it to iota, so
/// it becomes one before marks are dropped (issue 15.8).
const YPOGEGRAMMENI: char = '\u{0345}';
/// U+03B9, Greek small iota.
const IOTA: char = '\u{03B9}';
/// U+0629, Arabic teh marbuta.
const TEH_MARBUTA: char = '\u{0629}';
/// U+0654, the Arabic hamza above (a combining mark): `أ` is an alef with one.
const HAMZA_ABOVE: char = '\u{0654}';
/// U+0131, Latin small letter dotless i (Turkish, Azeri).
const DOTLESS_I: char = '\u{0131}';

/// Latin letters that romanizations (DIN 31635, Turkish and Kurdish Latin) write with a mark
/// where English writes two letters; stripping the mark would give the wrong letter (`š` is
/// `sh`, not `s`). Lower case; an upper-case source keeps its first letter upper when case is
/// kept.
#[inline]
fn latin_digraph(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{0161}' | '\u{0160}' | '\u{015F}' | '\u{015E}' => "sh", // š Š ş Ş
        '\u{1E2B}' | '\u{1E2A}' => "kh",                           // ḫ Ḫ
        '\u{1E6F}' | '\u{1E6E}' => "th",                           // ṯ Ṯ
        '\u{1E0F}' | '\u{1E0E}' => "dh",                           // ḏ Ḏ
        '\u{0121}' | '\u{0120}' => "gh",                           // ġ Ġ
        '\u{01E7}' | '\u{01E6}' => "j",                            // ǧ Ǧ
        _ => return None,
    })
}

/// Arabic-script letters written several ways for one sound, folded to one: alef wasla to
/// alef, alef maksura, Farsi yeh and yeh barree to yeh, keheh to kaf, teh marbuta and the heh
/// forms to heh, and Arabic-Indic and Persian digits to ASCII digits. The Persian and Kurdish
/// consonants that Arabic writes with its own letter fold to it, as the Arabic press writes a
/// name either way (since file format 11): peh to beh (`پ`, `ب`), tcheh to jeem (`چ`, `ج`),
/// jeh to zain (`ژ`, `ز`), gaf to kaf (`گوران`, `كوران`), veh to feh (`ساڤايا`, `سافايا`).
/// Hamza carriers, harakat and presentation forms are already handled by decomposition; the
/// Kurdish letters with no Arabic twin (ڕ ڵ ێ ۆ) stay distinct.
#[inline]
fn arabic_letter(c: char) -> char {
    match c {
        '\u{0671}' => '\u{0627}',
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' => '\u{064A}',
        '\u{06A9}' | '\u{06AF}' => '\u{0643}',
        '\u{067E}' => '\u{0628}',
        '\u{0686}' => '\u{062C}',
        '\u{0698}' => '\u{0632}',
        '\u{06A4}' => '\u{0641}',
        '\u{0629}' | '\u{06C0}' | '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => '\u{0647}',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// Folds `text` into `out` (cleared first). With `keep_case` the case folding step is skipped,
/// which is what exact-case comparison needs.
pub fn fold_into(text: &str, keep_case: bool, out: &mut Folded) {
    out.text.clear();
    out.src.clear();
    // Room for every byte and the pending separator that an ASCII stretch makes room for
    // (`ascii_stretch`): without the one more, each ASCII key grew both buffers again, and a
    // `realloc` takes the allocator's lock, which a build's two threads then waited on (issue 13).
    out.text.reserve(text.len() + 1);
    out.src.reserve(text.len() + 1);
    let mut f = Folder {
        out,
        pending_sep: None,
        last: Class::None,
        marks_checked: (u32::MAX, None),
        possessive: None,
    };
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i = if keep_case {
                f.ascii_stretch::<true>(text, i)
            } else {
                f.ascii_stretch::<false>(text, i)
            };
            continue;
        }
        if (b == 0xD8 || b == 0xD9) && fast_steps() {
            let next = f.arabic_stretch(text, i);
            if next > i {
                i = next;
                continue;
            }
        }
        // Valid UTF-8 is guaranteed by &str, so a char starts here.
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        if is_separator(c)
            || is_apostrophe(c)
                && possessive_after_cached(text, i + c.len_utf8(), &mut f.possessive)
        {
            f.separator(i as u32);
        } else if f.digraph_mark(c, i, text) {
            // A decomposed romanization letter (s + caron): folded like the precomposed one.
        } else if !is_joiner(c) {
            if matches!(c, TEH_MARBUTA | '\u{FE93}' | '\u{FE94}') && f.pending_sep.is_none() {
                f.hamza_seat(text);
            }
            f.fold_unicode(c, i as u32, keep_case);
        }
        i += c.len_utf8();
    }
    if let Some(sep) = f.pending_sep.take() {
        f.push(' ', sep);
    }
}

/// Whether the apostrophe that ends before byte `at` of `text` starts a possessive `'s`: an
/// `s` or `S` that no word character follows. Joiners are ignored on both sides of the `s`, as
/// everywhere (`’\u{200E}s`, `’sـ`), so `sـx` is one word and no possessive. Folding turns
/// that apostrophe into a separator, so that `Hezbollah's` folds to `hezbollah s` and the name
/// keeps its own ending (its skeleton, its -ah) instead of becoming the word `hezbollahs`; and
/// the possessive ends a word for the whole-word check.
#[inline(never)] // rare (apostrophes only): kept out of the folding loop
/// [`possessive_after`] for the apostrophes of a run of joiners, scanning the run once: the
/// first non-joiner after each of them is the same, and so is the answer (`cache` holds where
/// that character stands and the answer for the run last scanned).
fn possessive_after_cached(text: &str, at: usize, cache: &mut Option<(usize, bool)>) -> bool {
    if let Some((reached, answer)) = *cache {
        if at <= reached {
            return answer;
        }
    }
    #[cfg(test)]
    POSSESSIVE_SCANS.with(|n| n.set(n.get() + 1));
    let reached =
        text[at..].char_indices().find(|&(_, c)| !is_joiner(c)).map_or(text.len(), |(n, _)| at + n);
    let answer = possessive_after(text, at);
    *cache = Some((reached, answer));
    answer
}

fn possessive_after(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars().filter(|&c| !is_joiner(c));
    matches!(rest.next(), Some('s' | 'S')) && !rest.next().is_some_and(is_word)
}

/// Whether `text` has a hamza on an alef between a yeh and a teh marbuta (`هيأة`), which
/// folds as `هيئة` since file format 10 and as written before it.
pub fn has_hamza_seat_on_alef(text: &str) -> bool {
    // The rule is asked only at a teh marbuta, which folds to heh as a heh does: where the
    // two foldings differ, it moved a hamza.
    const TEH_MARBUTAS: [char; 3] = [TEH_MARBUTA, '\u{FE93}', '\u{FE94}'];
    text.contains(TEH_MARBUTAS)
        && fold(text, false).text != fold(&text.replace(TEH_MARBUTAS, "\u{0647}"), false).text
}

/// Whether `text` has a Persian or Kurdish consonant that folds to its Arabic twin since file
/// format 11 (`پ چ ژ گ ڤ`, also as presentation forms), and as written before it.
pub fn has_persian_consonant(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().any(|c| matches!(c, '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06A4}'))
}

/// Folds `text` into a new buffer.
pub fn fold(text: &str, keep_case: bool) -> Folded {
    let mut out = Folded::default();
    fold_into(text, keep_case, &mut out);
    out
}

/// Folds a dictionary alias to its search key: the folded text without leading or trailing
/// spaces. An empty key means the alias has nothing to match.
pub fn fold_key(alias: &str, keep_case: bool) -> String {
    if is_plain_key(alias) {
        return if keep_case { alias.to_owned() } else { alias.to_ascii_lowercase() };
    }
    // Folded in the thread's own buffers (a build folds millions of keys, issue 13); a large
    // one is not kept.
    thread_local! {
        static KEY: std::cell::RefCell<Folded> = std::cell::RefCell::new(Folded::default());
    }
    KEY.with(|cell| {
        let Ok(mut folded) = cell.try_borrow_mut() else {
            return fold(alias, keep_case).as_str().trim_matches(' ').to_owned();
        };
        fold_into(alias, keep_case, &mut folded);
        let key = folded.as_str().trim_matches(' ').to_owned();
        if folded.text.capacity() > 4096 {
            *folded = Folded::default();
        }
        key
    })
}

/// [`fold_key`] (lower case) of a string given away: a plain one is lower-cased in place, not
/// copied (the generated keys of a big gazetteer, issue 13).
pub fn fold_key_owned(mut alias: String) -> String {
    if is_plain_key(&alias) {
        alias.make_ascii_lowercase();
        return alias;
    }
    fold_key(&alias, false)
}

/// ASCII letters and digits fold to themselves (lower-cased), and a single space between two
/// letters stays: such a key (most words checked around a hit) needs no folding.
fn is_plain_key(alias: &str) -> bool {
    let b = alias.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric()
            || c == b' '
                && i > 0
                && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                && b[i - 1].is_ascii_alphabetic()
    })
}

/// [`fold_key`] of one word, without allocating when it is plain ASCII letters and digits
/// that fit in `buf` (most words checked around a hit): those are lower-cased into it.
pub fn fold_word<'b>(word: &str, buf: &'b mut [u8; 32]) -> std::borrow::Cow<'b, str> {
    let b = word.as_bytes();
    if b.len() <= buf.len() && b.iter().all(u8::is_ascii_alphanumeric) {
        let out = &mut buf[..b.len()];
        out.copy_from_slice(b);
        out.make_ascii_lowercase();
        // ASCII in, ASCII out.
        return std::borrow::Cow::Borrowed(std::str::from_utf8(out).unwrap_or_default());
    }
    std::borrow::Cow::Owned(fold_key(word, false))
}

/// The byte offset just past the character at `at` and any combining marks after it: the end
/// of that character's span in the original text (the marks were folded away into it).
#[inline]
pub fn char_end(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices();
    let Some((_, first)) = chars.next() else {
        return at;
    };
    let mut end = at + first.len_utf8();
    for (off, c) in chars {
        // The iota subscript folded to a letter of its own: no part of the character before.
        if !is_combining_mark(c) || c == YPOGEGRAMMENI {
            break;
        }
        end = at + off + c.len_utf8();
    }
    end
}

/// How a script separates its words, for the word-boundary checks (issue 15.8). Scripts
/// written with spaces are all one kind; each script written without them is its own kind, so
/// that a change of script is a word boundary, as Unicode word segmentation (UAX #29) has it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Spacing {
    /// Latin, Arabic, Cyrillic, Greek, Hangul, digits, ...: words end at non-word characters.
    Spaced,
    /// Han ideographs and Hiragana: each character is a word of its own.
    Ideograph,
    /// Katakana: a run is one word.
    Katakana,
    /// Thai, Lao, Khmer, Myanmar: a run is one word (UAX #29 needs a dictionary to split it).
    Thai,
    Lao,
    Khmer,
    Myanmar,
}

#[inline]
fn spacing(c: char) -> Spacing {
    if (c as u32) < 0x0E00 {
        return Spacing::Spaced;
    }
    match c {
        '\u{0E00}'..='\u{0E7F}' => Spacing::Thai,
        '\u{0E80}'..='\u{0EFF}' => Spacing::Lao,
        '\u{1000}'..='\u{109F}' | '\u{A9E0}'..='\u{A9FF}' | '\u{AA60}'..='\u{AA7F}' => {
            Spacing::Myanmar
        }
        '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' => Spacing::Khmer,
        // The prolonged sound mark and the Katakana blocks (with the halfwidth forms).
        '\u{30A0}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{32D0}'..='\u{32FE}'
        | '\u{3300}'..='\u{3357}'
        | '\u{FF66}'..='\u{FF9F}' => Spacing::Katakana,
        // CJK radicals, ideographic iteration and number marks, Hiragana, the CJK ideograph
        // blocks and compatibility ideographs, and the supplementary ideograph planes.
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303B}'
        | '\u{3040}'..='\u{309F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{1B000}'..='\u{1B16F}'
        | '\u{20000}'..='\u{3FFFF}' => Spacing::Ideograph,
        _ => Spacing::Spaced,
    }
}

/// How far back over combining marks the script of a character is looked for: past that, a
/// mark counts as written with spaces (a cap, so that a check stays cheap on crafted text).
const MARKS_LOOKED_BACK: usize = 32;

/// The [`Spacing`] of the character that ends at byte `end` of `text`: a combining mark takes
/// the script of the character it sits on (Thai vowel signs are in the Thai block already).
fn spacing_before(text: &str, end: usize) -> Spacing {
    for c in text[..end].chars().rev().take(MARKS_LOOKED_BACK) {
        let kind = spacing(c);
        if kind != Spacing::Spaced || !is_combining_mark(c) {
            return kind;
        }
    }
    Spacing::Spaced
}

/// Whether two word characters side by side, the one before of spacing `before`, the one
/// after of spacing `after`, are in two words: across a change of script where one of them is
/// written without spaces, and around each ideograph.
#[inline]
fn script_break(before: Spacing, after: Spacing) -> bool {
    before != after || before == Spacing::Ideograph
}

/// Whether a word starting at byte `start` is not glued to a word before it. A joiner between
/// two word characters joins them (`Qa'im` is one word). In scripts written without spaces, a
/// change of script and each ideograph start a word (`北京` in `我在北京工作`).
#[inline]
pub fn boundary_before(text: &str, start: usize) -> bool {
    let mut before = text[..start].char_indices().rev();
    loop {
        match before.next() {
            None => return true,
            Some((_, c)) if is_joiner(c) => continue,
            Some((at, c)) => {
                if !is_word(c) {
                    return true;
                }
                let Some(first) = text[start..].chars().next() else {
                    return false;
                };
                return script_break(spacing_before(text, at + c.len_utf8()), spacing(first));
            }
        }
    }
}

/// Whether a word ending at byte `end` is not glued to a word after it. A joiner between two
/// word characters joins them, except the possessive `'s`/`’s` (`Kadhimi’s` ends the name).
#[inline]
pub fn boundary_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let mut after = rest.chars();
    let Some(first) = after.next() else {
        return true;
    };
    // In scripts written without spaces, a change of script or an ideograph ends a word.
    let apart = |c: char| script_break(spacing_before(text, end), spacing(c));
    if !is_joiner(first) {
        return !is_word(first) || apart(first);
    }
    // A run of joiners: a possessive starts at any apostrophe in it (`Kadhimi\u{200E}’s`,
    // `Kadhimi’’s`); else the run joins what follows it. Every apostrophe of the run has the
    // same first non-joiner after it, so the run is read once (a run of n is n steps, not n²).
    let mut at = end;
    let mut apostrophe = false;
    for c in std::iter::once(first).chain(after) {
        if !is_joiner(c) {
            return apostrophe && possessive_after(text, at) || !is_word(c) || apart(c);
        }
        apostrophe |= is_apostrophe(c);
        at += c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, folded with case folding, folded keeping case)
    const FOLD_CASES: &[(&str, &str, &str)] = &[
        ("", "", ""),
        ("Kadhimi", "kadhimi", "Kadhimi"),
        ("K1", "k1", "K1"),
        ("K-1", "k1", "K1"),
        // A possessive 's is a word of its own; other apostrophes join.
        ("Hezbollah's", "hezbollah s", "Hezbollah s"),
        // Joiners around a possessive are ignored; `sـx` is one word, so no possessive.
        ("Kadhimi\u{200E}’s", "kadhimi s", "Kadhimi s"),
        ("Kadhimiـ’s", "kadhimi s", "Kadhimi s"),
        ("Kadhimi’’s", "kadhimi s", "Kadhimi s"),
        ("Kadhimi’\u{00AD}s x", "kadhimi s x", "Kadhimi s x"),
        ("Kadhimi’sـx", "kadhimisx", "Kadhimisx"),
        ("Kadhimi’s men", "kadhimi s men", "Kadhimi s men"),
        ("Ba'ath's.", "baath s.", "Baath s."),
        ("Shi'ism", "shiism", "Shiism"),
        ("Qa'sim", "qasim", "Qasim"),
        ("al-Abbas's—", "al abbas s ", "al Abbas s "),
        ("S's2", "ss2", "Ss2"),
        ("K 1", "k1", "K1"),
        ("K \t\n - 1", "k1", "K1"),
        ("1 K", "1k", "1K"),
        ("Camp 12 B", "camp12b", "Camp12B"),
        ("12 34", "12 34", "12 34"),
        ("al-Kadhimi", "al kadhimi", "al Kadhimi"),
        ("al - Kadhimi", "al kadhimi", "al Kadhimi"),
        ("al_Kadhimi", "al kadhimi", "al Kadhimi"),
        ("al\u{00A0}Kadhimi", "al kadhimi", "al Kadhimi"),
        ("al\u{2013}Kadhimi", "al kadhimi", "al Kadhimi"),
        ("a\u{200B}b", "a b", "a b"),
        ("Qa'im", "qaim", "Qaim"),
        ("Qa\u{2019}im", "qaim", "Qaim"),
        ("Qa\u{02BF}im", "qaim", "Qaim"),
        ("Qa\u{00B4}im", "qaim", "Qaim"),
        ("Qa`im", "qaim", "Qaim"),
        ("K\u{0101}\u{1E93}im\u{012B}", "kazimi", "Kazimi"),
        ("Ka\u{0304}zimi", "kazimi", "Kazimi"),
        ("Stra\u{00DF}e", "strasse", "Stra\u{00DF}e"),
        ("\u{0130}stanbul", "istanbul", "Istanbul"),
        ("\u{FB01}le", "file", "file"),
        ("\u{FF2B}\u{FF11}", "k1", "K1"),
        ("ΣΊΣΥΦΟΣ", "σισυφοσ", "ΣΙΣΥΦΟΣ"),
        ("soft\u{00AD}hyphen", "softhyphen", "softhyphen"),
        (
            "\u{062E}\u{0627}\u{0645}\u{0646}\u{0647}\u{200C}\u{0627}\u{06CC}",
            "\u{062E}\u{0627}\u{0645}\u{0646}\u{0647}\u{0627}\u{064A}",
            "\u{062E}\u{0627}\u{0645}\u{0646}\u{0647}\u{0627}\u{064A}",
        ),
        (
            "\u{0643}\u{0640}\u{0640}\u{062A}\u{0627}\u{0626}\u{0628}",
            "\u{0643}\u{062A}\u{0627}\u{064A}\u{0628}",
            "\u{0643}\u{062A}\u{0627}\u{064A}\u{0628}",
        ),
        (
            "\u{0645}\u{064F}\u{0642}\u{0652}\u{062A}\u{064E}\u{062F}\u{064E}\u{0649}",
            "\u{0645}\u{0642}\u{062A}\u{062F}\u{064A}",
            "\u{0645}\u{0642}\u{062A}\u{062F}\u{064A}",
        ),
        ("\u{FEFB}", "\u{0644}\u{0627}", "\u{0644}\u{0627}"),
        ("a\u{1F600}b", "a\u{1F600}b", "a\u{1F600}b"),
        // Romanization letters with marks that stand for English digraphs.
        (
            "al-\u{1E24}a\u{0161}d a\u{0161}-\u{0160}a\u{02BF}b\u{012B}",
            "al hashd ash shabi",
            "al Hashd ash Shabi",
        ),
        ("Pe\u{015F}merge", "peshmerge", "Peshmerge"),
        ("Pes\u{0327}merge", "peshmerge", "Peshmerge"),
        ("al-H\u{0323}as\u{030C}d S\u{030C}", "al hashd sh", "al Hashd Sh"),
        (
            "h\u{032E}alid H\u{032E} t\u{0331} g\u{0307} g\u{030C} G\u{030C}",
            "khalid kh th gh j j",
            "khalid Kh th gh j J",
        ),
        ("is\u{0301}", "is", "is"),
        ("s\u{064E}\u{030C}", "sh", "sh"),
        ("s\u{030C}\u{064E}", "sh", "sh"),
        (
            "\u{1E2A}\u{0101}lid \u{1E0E}\u{012B} \u{1E6F}\u{0121}\u{01E7}",
            "khalid dhi thghj",
            "Khalid Dhi thghj",
        ),
        // Turkish dotless i is the i of English spellings; dotted capital I decomposes.
        ("Karay\u{0131}lan I\u{011F}d\u{0131}r", "karayilan igdir", "Karayilan Igdir"),
        ("I\u{011E}DIR \u{0130}brahim", "igdir ibrahim", "IGDIR Ibrahim"),
        // Arabic script: alef forms, yeh forms, keheh, teh marbuta, heh forms, digits.
        (
            "\u{0623}\u{0625}\u{0622}\u{0671}\u{0627}",
            "\u{0627}\u{0627}\u{0627}\u{0627}\u{0627}",
            "\u{0627}\u{0627}\u{0627}\u{0627}\u{0627}",
        ),
        (
            "\u{0649}\u{06CC}\u{06D2}\u{0626}\u{064A}",
            "\u{064A}\u{064A}\u{064A}\u{064A}\u{064A}",
            "\u{064A}\u{064A}\u{064A}\u{064A}\u{064A}",
        ),
        ("\u{06A9}\u{0643}", "\u{0643}\u{0643}", "\u{0643}\u{0643}"),
        (
            "\u{0629}\u{06C0}\u{06C1}\u{06BE}\u{06D5}\u{0647}",
            "\u{0647}\u{0647}\u{0647}\u{0647}\u{0647}\u{0647}",
            "\u{0647}\u{0647}\u{0647}\u{0647}\u{0647}\u{0647}",
        ),
        ("\u{0643}\u{0661}", "\u{0643}1", "\u{0643}1"),
        (
            "\u{0661}\u{0669}\u{0668}\u{0664} \u{06F1}\u{06F4}\u{06F0}\u{06F2}",
            "1984 1402",
            "1984 1402",
        ),
        // Persian and Kurdish consonants fold to their Arabic twins (پ چ ژ گ ڤ: ب ج ز ك ف);
        // the Kurdish letters without one stay (ڕ ڵ ێ ۆ).
        (
            "\u{067E}\u{0686}\u{0698}\u{06AF}\u{06A4}\u{0695}\u{06B5}\u{06CE}\u{06C6}",
            "\u{0628}\u{062C}\u{0632}\u{0643}\u{0641}\u{0695}\u{06B5}\u{06CE}\u{06C6}",
            "\u{0628}\u{062C}\u{0632}\u{0643}\u{0641}\u{0695}\u{06B5}\u{06CE}\u{06C6}",
        ),
        ("  lead and trail  ", " lead and trail ", " lead and trail "),
        // The iota subscript folds to iota, written apart or precomposed (issue 15.8).
        ("\u{1FB3}", "\u{03B1}\u{03B9}", "\u{03B1}\u{03B9}"),
        ("\u{03B1}\u{0345}", "\u{03B1}\u{03B9}", "\u{03B1}\u{03B9}"),
        ("\u{1FBC}", "\u{03B1}\u{03B9}", "\u{0391}\u{03B9}"),
        ("\u{0391}\u{0399}", "\u{03B1}\u{03B9}", "\u{0391}\u{0399}"),
        ("\u{1F84}", "\u{03B1}\u{03B9}", "\u{03B1}\u{03B9}"),
        // Scripts without spaces fold as they are; their words are told apart by the
        // boundary checks.
        ("我在北京工作", "我在北京工作", "我在北京工作"),
        ("トヨタ自動車", "トヨタ自動車", "トヨタ自動車"),
    ];

    #[test]
    fn an_ascii_stretch_ends_at_the_first_high_byte() {
        // Eight bytes are checked at a time: the high byte may stand anywhere in a chunk, in
        // the tail after the last whole chunk, or nowhere.
        for len in 0..20 {
            for start in 0..=len {
                for high in start..=len {
                    let mut bytes = vec![b'a'; len];
                    if high < len {
                        bytes[high] = 0xC3;
                    }
                    let expected = (start..len).find(|&i| bytes[i] >= 0x80).unwrap_or(len);
                    assert_eq!(ascii_end(&bytes, start), expected, "{len} {start} {high}");
                }
            }
        }
        // Folding across stretches (as tests/reference.py folds): a word's letters after its
        // first, a separator pending over a non-ASCII character, junctions, keep-case.
        for (text, keep, expected) in [
            ("Ab Cd\u{00E9}Ef-1 x", false, "ab cdeef1x"),
            ("K -- 1 \u{2014} AL-Asad", true, "K1AL Asad"),
            ("abcdefghijklmnopQRSTUVWXYZ 12 ab", false, "abcdefghijklmnopqrstuvwxyz12ab"),
        ] {
            let folded = fold(text, keep);
            assert_eq!(folded.as_str(), expected, "{text:?}");
            assert_eq!(folded.src.len(), folded.text.len());
        }
    }

    #[test]
    fn marks_on_one_letter_are_looked_at_once() {
        // Each mark used to be checked back to its letter over all marks before it: n marks
        // cost n²/2 steps (issue 15.2). Now each byte is looked at once.
        for (letter, mark, last) in [("e", "\u{0301}", ""), ("s", "\u{0301}", "\u{030C}")] {
            let n = 20_000;
            let text = format!("{letter}{}{last} x", mark.repeat(n));
            MARKS_SCANNED.with(|c| c.set(0));
            let folded = fold(&text, false);
            let scanned = MARKS_SCANNED.with(std::cell::Cell::get);
            assert!(scanned <= text.len(), "{scanned} bytes looked at for {} bytes", text.len());
            let expected = if last.is_empty() { "e x" } else { "sh x" };
            assert_eq!(folded.as_str(), expected);
        }
        // Something else between a letter and a caron still keeps them apart.
        assert_eq!(fold("s\u{0301}\u{200D}\u{030C}", false).as_str(), "s");
        assert_eq!(fold("s\u{0301}\u{0301}\u{030C}", false).as_str(), "sh");
    }

    #[test]
    fn a_run_of_apostrophes_is_scanned_once() {
        // Each apostrophe of a run used to look over the rest of the run for a possessive `s`:
        // n apostrophes cost n²/2 steps. The run is scanned once, and the answers stay.
        for (apostrophe, tail, expected) in [
            ("'", "Iran", "baghdadiran"),
            ("\u{2019}", "Iran", "baghdadiran"),
            ("'", "s x", "baghdad s x"),
            ("\u{2019}", "s x", "baghdad s x"),
        ] {
            let text = format!("Baghdad{}{tail}", apostrophe.repeat(5_000));
            POSSESSIVE_SCANS.with(|c| c.set(0));
            let folded = fold(&text, false);
            let scans = POSSESSIVE_SCANS.with(std::cell::Cell::get);
            assert!(scans <= 2, "{scans} scans of one run of apostrophes");
            assert_eq!(folded.as_str(), expected, "{apostrophe:?} {tail:?}");
        }
    }

    #[test]
    fn a_word_before_a_run_of_joiners() {
        // The run is read once; what it means stays: a possessive anywhere in it ends the word,
        // else the run glues the word to the next one.
        let run = |a: &str, n: usize| a.repeat(n);
        for (text, ends) in [
            (format!("Baghdad{}Iran", run("'", 3)), false),
            (format!("Baghdad{}s said", run("'", 3)), true),
            (format!("Baghdad{}s", run("\u{2019}", 10_000)), true),
            (format!("Baghdad{}sIran", run("'", 10_000)), false),
            (format!("Baghdad\u{200E}{}s x", run("\u{2019}", 2)), true),
            (format!("Baghdad{}", run("\u{200D}", 10_000)), true),
            (format!("Baghdad{} x", run("\u{200D}", 10_000)), true),
            (format!("Baghdad{}x", run("\u{200D}", 10_000)), false),
        ] {
            assert_eq!(boundary_after(&text, "Baghdad".len()), ends, "{:?}", &text[..12]);
        }
    }

    #[test]
    fn character_classes_by_table_equal_unicode() {
        for c in ('\u{05F0}'..='\u{0710}').chain(['a', '7', ' ', '\u{00E9}', '\u{4E00}']) {
            assert!(class_of(c) == general_class(c), "{c:?} U+{:04X}", c as u32);
        }
        assert!(class_of('\u{0628}') == Class::Letter && class_of('\u{0661}') == Class::Digit);
        // The Arabic comma is punctuation.
        assert!(class_of('\u{060C}') == Class::Other);
        // Folding emits a decomposed character of the Arabic block as it is: no case.
        for c in ARABIC_BLOCK {
            let folded = caseless::Caseless::default_case_fold(std::iter::once(c));
            assert!(folded.eq(std::iter::once(c)), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ascii_letters_counts_the_letters_a_run_starts_with() {
        // Every ASCII byte after runs of every length up to 17, the run starting at three
        // offsets (so that it ends at every place of an eight-byte word).
        for len in 0..=17usize {
            for b in 0u8..0x80 {
                for lead in [b"".as_slice(), b"Q", b"qrstuvw"] {
                    let mut s: Vec<u8> = lead.to_vec();
                    s.extend(
                        (0..len).map(|k| if k % 2 == 0 { b'a' + (k % 26) as u8 } else { b'Z' }),
                    );
                    s.push(b);
                    s.extend_from_slice(b"abc-");
                    let want = s.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(s.len());
                    assert_eq!(ascii_letters(&s), want, "{:?}", String::from_utf8_lossy(&s));
                }
            }
        }
        assert_eq!(ascii_letters(b""), 0);
        assert_eq!(ascii_letters(b"abcdefghABCDEFGHz"), 17);
    }

    #[test]
    fn fold_key_shortcut_equals_folding() {
        // Deterministic pseudo-random ASCII strings over letters, digits, spaces and the bytes
        // folding treats specially; the shortcut for plain keys must change nothing.
        let alphabet = b"aZs1 9 -'.K";
        let mut next = crate::core::pseudo_random(0x1234_5678_9ABC_DEF1u64);
        let long = "Abdulrahmanalkhazaliabdulrahmanalkhazali"; // past fold_word's buffer
        let mut fixed =
            vec!["", " ", "a", "Prime Minister", "K 1", "1 K", "a  b", " a", "a ", "s's", long];
        let random: Vec<String> = (0..5000)
            .map(|_| {
                let len = (next() % 9) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                    .collect()
            })
            .collect();
        fixed.extend(random.iter().map(String::as_str));
        // Keys folded in the thread's own buffers: past what is kept of them (4 KiB), and
        // after it a short one, non-ASCII too.
        let huge = "Kata'ib Ḥizb-".repeat(400);
        fixed.splice(1..1, [huge.as_str(), "Kata’ib", "Ḥusayn", huge.as_str(), "x"]);
        for s in fixed {
            for keep_case in [false, true] {
                let slow = fold(s, keep_case).as_str().trim_matches(' ').to_owned();
                assert_eq!(fold_key(s, keep_case), slow, "{s:?} keep_case={keep_case}");
            }
            // The words around a hit are folded on the stack when they can be.
            assert_eq!(fold_word(s, &mut [0; 32]), fold_key(s, false), "{s:?}");
            // Generated keys are folded in their own buffer when they can be.
            assert_eq!(fold_key_owned(s.to_owned()), fold_key(s, false), "{s:?}");
        }
    }

    #[test]
    fn eight_byte_steps_fold_as_byte_by_byte() {
        // Pseudo-random texts rich in letters and single spaces (the steps' case) beside every
        // byte that ends one: two spaces, separators, apostrophes, digits, punctuation, and
        // non-ASCII letters, marks and joiners; folded with and without the steps.
        let pieces = [
            "a",
            "Z",
            "s",
            "q",
            " ",
            " ",
            "  ",
            "-",
            "\t",
            "'",
            "'s",
            "1",
            ".",
            ",",
            "é",
            "\u{0301}",
            "\u{030C}",
            "\u{00AD}",
            "—",
            "ب",
            "_",
            "\n",
            "\r\n",
            "\u{000B}",
            "`",
            "(",
            "\u{0001}",
            "9",
            "K-1",
            "K 1",
            "\"",
            "Kata'ib Hezbollah",
            "Ain al-Asad ",
            "the prime minister ",
            // Arabic letters, plain and not (alef madda, hamza on a seat, tatweel, a haraka,
            // Persian yeh, Arabic-Indic digits, the Arabic comma), for the Arabic runs.
            "\u{0627}\u{0644}\u{0643}\u{0627}\u{0638}\u{0645}\u{064A}",
            "\u{0629}\u{0649}",
            "\u{0622}\u{0623}\u{0640}\u{064E}",
            "\u{06CC}\u{06A9}\u{0661}\u{0662}",
            "\u{060C} ",
            "\u{0621}",
        ];
        let mut next = crate::core::pseudo_random(0x0F0F_1234_5678_9ABCu64);
        let mut texts: Vec<String> = vec![
            "Kataib Hezbollah fired rockets at the base".into(),
            "abcdefgh abcdefgh".into(),
            "abcdefg  abcdefgh".into(),
            "abcdefgh k1 x".into(),
            "ABCDEFGH ABCDEFGH\u{030C}".into(),
        ];
        texts.extend((0..4000).map(|_| {
            let n = (next() % 24) as usize;
            (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
        }));
        FAST_STEPS.with(|n| n.set(0));
        ARABIC_STEPS.with(|n| n.set(0));
        for text in &texts {
            for keep_case in [false, true] {
                let fast = fold(text, keep_case);
                NO_FAST_STEPS.with(|n| n.set(true));
                let slow = fold(text, keep_case);
                NO_FAST_STEPS.with(|n| n.set(false));
                assert_eq!(fast.as_str(), slow.as_str(), "fold({text:?}, {keep_case})");
                assert_eq!(fast.src, slow.src, "sources of fold({text:?}, {keep_case})");
            }
        }
        // The steps were taken, often: the comparison above tested them.
        assert!(FAST_STEPS.with(std::cell::Cell::get) > 5000);
        assert!(ARABIC_STEPS.with(std::cell::Cell::get) > 5000);
        let eight = |s: &[u8], last: Class| {
            eight_plain::<false>(u64::from_le_bytes(s.try_into().unwrap()), last)
                .map(|(w, class)| (String::from_utf8(w.to_le_bytes().to_vec()).unwrap(), class))
        };
        let (letter, digit, other) = (Class::Letter, Class::Digit, Class::Other);
        assert_eq!(eight(b" abcdefg", letter), Some((" abcdefg".into(), letter)));
        assert_eq!(eight(b"-abcdefg", other), Some((" abcdefg".into(), letter)));
        assert_eq!(eight(b" abcdefg", digit), None);
        assert_eq!(eight(b" abcdefg", Class::None), None);
        assert_eq!(eight(b"  bcdefg", letter), None);
        for (bytes, expected) in [
            (b"abcdefgh", Some(("abcdefgh", letter))),
            (b"ABC defG", Some(("abc defg", letter))),
            (b"a b c de", Some(("a b c de", letter))),
            (b"said, \"T", Some(("said, \"t", letter))),
            (b"al-Asad.", Some(("al asad.", other))),
            (b"K_9 x\tY1", None),
            (b"A_Z\nx\rY1", Some(("a z x y1", digit))),
            (b"1,000 km", None),
            (b"10), (x)", Some(("10), (x)", other))),
            (b"\x00\x7F[@`{/:", None),
            (b"\x00\x7F[@{/:9", Some(("\x00\x7F[@{/:9", digit))),
            (b" abcdefg", None),
            (b"abcdefg ", None),
            (b"abc  efg", None),
            (b"abc-\tefg", None),
            (b"abc 1efg", None),
            (b"abc1 efg", None),
            (b"abc'defg", None),
            (b"abc`defg", None),
            (b"abc\x0Bdefg", Some(("abc defg", letter))),
            (b"abc\x0Edefg", Some(("abc\x0Edefg", letter))),
        ] {
            let expected = expected.map(|(s, c)| (s.to_string(), c));
            assert_eq!(eight(bytes, Class::None), expected, "{:?}", std::str::from_utf8(bytes));
        }
    }

    #[test]
    fn folds_table() {
        for &(input, lower, exact) in FOLD_CASES {
            assert_eq!(fold(input, false).as_str(), lower, "fold({input:?})");
            assert_eq!(fold(input, true).as_str(), exact, "fold({input:?}, keep_case)");
        }
    }

    #[test]
    fn every_folded_byte_points_at_a_char_boundary_of_the_original() {
        for &(input, _, _) in FOLD_CASES {
            for keep_case in [false, true] {
                let f = fold(input, keep_case);
                assert_eq!(f.text.len(), f.src.len());
                for &s in &f.src {
                    assert!(input.is_char_boundary(s as usize), "{input:?}: {s}");
                    assert!((s as usize) < input.len().max(1));
                }
                assert!(f.src.windows(2).all(|w| w[0] <= w[1]), "{input:?}: src not sorted");
            }
        }
    }

    #[test]
    fn expansions_share_one_source() {
        let f = fold("\u{00DF}x", false); // ß -> ss
        assert_eq!(f.as_str(), "ssx");
        assert_eq!(f.src, vec![0, 0, 2]);
        assert!(f.starts_group(0));
        assert!(!f.starts_group(1));
        assert!(!f.ends_group(1));
        assert!(f.ends_group(2));
    }

    #[test]
    fn separator_runs_map_to_their_start() {
        let f = fold("a - b", false);
        assert_eq!(f.as_str(), "a b");
        assert_eq!(f.src, vec![0, 1, 4]);
    }

    #[test]
    fn char_end_takes_following_marks() {
        // (text, at, end)
        let cases: &[(&str, usize, usize)] = &[
            ("abc", 0, 1),
            ("a\u{0301}b", 0, 3),
            ("a\u{0301}\u{0304}", 0, 5),
            ("\u{03B1}\u{0345}", 0, 2),
            ("\u{00E9}x", 0, 2),
            ("x", 1, 1),
        ];
        for &(text, at, end) in cases {
            assert_eq!(char_end(text, at), end, "char_end({text:?}, {at})");
        }
    }

    #[test]
    fn boundaries_table() {
        // (text, byte offset, boundary before a word starting here, after a word ending here)
        let cases: &[(&str, usize, bool, bool)] = &[
            ("", 0, true, true),
            ("a b", 1, false, true),
            ("a b", 2, true, false),
            ("ab", 1, false, false),
            ("Qa'im", 3, false, false),
            ("Qa'im", 2, false, false),
            ("Kadhimi's visit", 7, false, true),
            ("Kadhimi\u{2019}s visit", 7, false, true),
            ("Kadhimi's", 7, false, true),
            ("Kadhimi'sa", 7, false, false),
            ("it's", 2, false, true),
            ("'Ayn", 1, true, false),
            ("\u{02BF}Ayn", 2, true, false),
            ("x'", 1, false, true),
            ("UK1", 1, false, false),
            ("e\u{0301}K", 3, false, false),
            ("\u{0627}\u{0628}", 2, false, false),
            ("a\u{1F600}", 1, false, true),
            ("1,2", 2, true, false),
            ("a\u{200C}b", 1, false, false),
            // Joiners before and inside a possessive are ignored (rule 4); a possessive s is
            // final only when no word character follows it across joiners.
            ("Kadhimi\u{200E}\u{2019}s said", 7, false, true),
            ("Kadhimi\u{0640}\u{2019}s", 7, false, true),
            ("Kadhimi\u{00AD}'s", 7, false, true),
            ("Kadhimi\u{200F}'s", 7, false, true),
            ("Kadhimi\u{2019}\u{2019}s", 7, false, true),
            ("FORCES''s", 6, false, true),
            ("Kadhimi'\u{200E}s", 7, false, true),
            ("Kadhimi\u{2019}s\u{0640}x", 7, false, false),
            ("Kadhimi\u{2019}s\u{200E}", 7, false, true),
            ("Kadhimi\u{0640}s", 7, false, false),
            // The possessive s is no word of its own: an alias `s` does not match in it.
            ("Hezbollah\u{2019}s", 12, false, false),
            // A zero-width space separates, as white space does.
            ("a\u{200B}b", 1, false, true),
            ("a\u{200B}b", 4, true, false),
            // Scripts without spaces (issue 15.8): each ideograph is a word, a run of Katakana
            // or of Thai is one, and a change of script is a boundary; between scripts written
            // with spaces it is not.
            ("我在北京工作", 6, true, true),
            ("我在北京工作", 12, true, true),
            ("トヨタ自動車", 9, true, true),
            ("トヨタ自動車", 3, false, false),
            ("ひらがな", 3, true, true),
            ("abc北京", 3, true, true),
            ("北京2024", 6, true, true),
            ("ไทยabc", 9, true, true),
            ("ไทย", 3, false, false),
            ("ກາວ", 3, false, false),
            ("ไทยລາວ", 9, true, true),
            ("abc\u{0627}\u{0628}", 3, false, false),
            ("abc\u{0430}", 3, false, false),
            ("北\u{200D}京", 3, true, true),
            ("北\u{200D}京", 6, true, true),
            ("e\u{0301}北", 3, true, true),
            ("北\u{0301}x", 5, true, true),
        ];
        for &(text, at, before, after) in cases {
            assert_eq!(boundary_before(text, at), before, "boundary_before({text:?}, {at})");
            assert_eq!(boundary_after(text, at), after, "boundary_after({text:?}, {at})");
        }
    }

    #[test]
    fn plain_arabic_letters_fold_alone() {
        // The fast path is right only for letters that decompose to themselves and are no
        // combining marks: what the general path would emit is then `arabic_letter(c)`.
        for c in ('\u{0600}'..='\u{06FF}').filter(|&c| is_plain_arabic_letter(c)) {
            let mut parts = Vec::new();
            decompose_compatible(c, |d| parts.push(d));
            assert_eq!(parts, [c], "{c:?} decomposes");
            assert!(!is_combining_mark(c) && latin_digraph(c).is_none(), "{c:?}");
        }
        assert!(is_plain_arabic_letter('\u{0628}') && !is_plain_arabic_letter('\u{0623}'));
        // Teh marbuta and alef maksura still fold.
        assert_eq!(
            fold_key("\u{0645}\u{062f}\u{064a}\u{0646}\u{0629}", false),
            fold_key("\u{0645}\u{062f}\u{064a}\u{0646}\u{0647}", false)
        );
        assert_eq!(fold_key("\u{0639}\u{0644}\u{0649}", false), "\u{0639}\u{0644}\u{064a}");
    }

    #[test]
    fn a_hamza_on_an_alef_after_a_yeh_before_a_teh_marbuta_is_on_the_yeh() {
        // (text, folds as that text, has the hamza that format 10 moved)
        let cases: &[(&str, &str, bool)] = &[
            ("هيأة النزاهة", "هيئة النزاهة", true),
            ("الهيأة الوطنية", "الهيئة الوطنية", true),
            ("بيأة", "بيئة", true),
            // The hamza as a mark after the alef, a haraka or a tatweel between, a
            // presentation form: the same.
            ("هيا\u{0654}ة", "هيئة", true),
            ("هيأَة", "هيئة", true),
            ("هيأـة", "هيئة", true),
            ("هي\u{FE83}ة", "هيئة", true),
            ("هيأ\u{FE93}", "هيئة", true),
            // A plain alef stays: `حياة` (life), `مياه`; so does a hamza before no teh
            // marbuta, or one after no yeh, or a teh marbuta after a space.
            ("حياة", "حياه", false),
            ("هيأ", "هيا", false),
            ("مكافأة", "مكافاه", false),
            ("هيأ ة", "هيا ه", false),
        ];
        for &(text, like, moved) in cases {
            let want = fold(like, false).as_str().to_owned();
            assert_eq!(fold(text, false).as_str(), want, "{text:?}");
            assert_eq!(fold(text, true).as_str(), fold(like, true).as_str(), "{text:?}");
            NO_FAST_STEPS.with(|n| n.set(true));
            let slow = fold(text, false).as_str().to_owned();
            NO_FAST_STEPS.with(|n| n.set(false));
            assert_eq!(slow, want, "{text:?} without the fast steps");
            assert_eq!(has_hamza_seat_on_alef(text), moved, "{text:?}");
        }
        // The folded bytes still point at the characters they came from.
        let f = fold("هيأة", false);
        assert_eq!(f.src, [0, 0, 2, 2, 4, 4, 6, 6]);
    }

    #[test]
    fn arabic_word_characters() {
        let cases = [
            ('\u{0627}', true),  // alef
            ('\u{064A}', true),  // yeh
            ('\u{064E}', true),  // fatha, a mark
            ('\u{0660}', true),  // Arabic-Indic digit zero
            ('\u{06CC}', true),  // Farsi yeh
            ('\u{06D5}', true),  // ae
            ('\u{060C}', false), // Arabic comma
            ('\u{061F}', false), // Arabic question mark
            ('\u{0640}', false), // tatweel, a joiner
            ('\u{061C}', false), // Arabic letter mark, a joiner
            ('\u{06D4}', false), // Arabic full stop
            ('\u{066A}', false), // Arabic percent sign
        ];
        for (c, word) in cases {
            assert_eq!(is_word(c), word, "is_word({c:?})");
        }
        for c in (0x600..=0x6FF).filter_map(char::from_u32) {
            assert_eq!(is_word(c), is_word_slow(c), "is_word({c:?})");
        }
    }

    #[test]
    fn keys_are_trimmed() {
        assert_eq!(fold_key("  -K-1- ", false), "k1");
        assert_eq!(fold_key("- _ -", false), "");
        assert_eq!(fold_key("'", false), "");
        assert_eq!(fold_key("PMF", true), "PMF");
    }
}
