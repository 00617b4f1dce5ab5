//! The name lexicon and every check around a hit: honorific titles that join a name, common
//! given names, nisbas, place nouns, Arabic proclitics, and the tests that decide whether a
//! name cut down to a part stands alone or inside another name. A reader asking "why was Sadr
//! not tagged" finds the answer here.

use std::collections::HashSet;

use super::fold::{boundary_before, fold_word, is_joiner, is_word};
use super::variants::{is_english_word, skeleton, Layer, Rules};

/// Honorific titles that are written as part of a person's name (`Ayatollah Khamenei`,
/// `Sayyid Ali al-Sistani`) and join the mention when they stand right before it. Offices
/// (`Prime Minister`, `General`) are left out of the span, as news annotation usually does.
const TITLES: &[&str] = &[
    "sayyid",
    "sayyed",
    "sayed",
    "sheikh",
    "shaykh",
    "shaikh",
    "ayatollah",
    "grand ayatollah",
    "hajj",
    "haji",
    "mullah",
    "mulla",
    "hojatoleslam",
];

/// Common Arabic, Kurdish and Persian given names, folded. A person's last name that is one
/// of these (`Fuad Hussein`, `Reber Ahmed`) is not used alone: alone it is mostly someone
/// else's given name (`Saddam Hussein`).
const GIVEN_NAMES: &[&str] = &[
    "abbas", "abd", "abdallah", "abdul", "abdulla", "abdullah", "adel", "adil", "adnan", "ahmad",
    "ahmed", "akram", "ala", "alaa", "ali", "amer", "amin", "amir", "ammar", "anwar", "aras",
    "arshad", "asaad", "atta", "ayad", "aziz", "bakr", "bakir", "baqir", "barham", "basim",
    "bashar", "bilal", "dara", "dawood", "dawud", "diyar", "fadhil", "fadil", "faisal", "faleh",
    "falih", "faraj", "farhad", "farid", "faris", "faruq", "fawzi", "fuad", "ghazi", "habib",
    "hadi", "haidar", "haider", "hakim", "hamad", "hamid", "hamza", "hani", "haqqi", "harith",
    "hasan", "hashim", "hassan", "hatem", "hazem", "hikmat", "hussain", "hussein", "husayn",
    "ibrahim", "ihsan", "imad", "ismail", "issa", "iyad", "jabbar", "jabir", "jafar", "jaafar",
    "jalal", "jamal", "jasim", "jassim", "jawad", "kadhim", "kamal", "karim", "kazem", "khalid",
    "khaled", "khalil", "latif", "mahdi", "mahmoud", "mahmud", "majid", "malik", "mansour",
    "mansur", "marwan", "masoud", "mehdi", "mohammad", "mohammed", "muhammad", "muhsin", "munir",
    "murad", "musa", "mustafa", "nabil", "nadhim", "naji", "nasir", "nasser", "nawaf", "nizar",
    "nuri", "nouri", "omar", "osama", "othman", "qadir", "qasim", "qassim", "rafi", "rashid",
    "raad", "rasool", "rasul", "reza", "riyadh", "saad", "sabah", "sabri", "sadiq", "saeed",
    "said", "salah", "saleh", "salih", "salim", "salman", "sami", "samir", "sattar", "shakir",
    "sharif", "shaker", "sherko", "suleiman", "sulaiman", "taha", "talal", "tariq", "tawfiq",
    "thamer", "umar", "usama", "uthman", "walid", "yahya", "yasin", "yassin", "younis", "yunus",
    "yusuf", "yousef", "zaid", "zaki", "ziad",
];

/// Whether a folded word is a common given name, under the default layer's spelling rules
/// (`Husayn` is `Hussein`).
pub(crate) fn is_given_name(word: &str) -> bool {
    static SKELETONS: std::sync::OnceLock<HashSet<Vec<u8>>> = std::sync::OnceLock::new();
    let rules = Layer::Default.rules().and(Rules::SKELETON);
    SKELETONS
        .get_or_init(|| GIVEN_NAMES.iter().map(|n| skeleton(n.as_bytes(), rules)).collect())
        .contains(&skeleton(word.as_bytes(), rules))
}

/// Nouns that make a name into a place's name when they follow it (`Sadr City`).
const PLACE_NOUNS: &[&str] = &[
    "city",
    "district",
    "province",
    "governorate",
    "street",
    "square",
    "bridge",
    "road",
    "town",
    "village",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "mosque",
    "shrine",
    "hospital",
    "university",
    "stadium",
    "airport",
    "dam",
    "river",
    "canal",
    "highway",
    "market",
    "camp",
    "base",
    "prison",
    "school",
    "college",
];

/// Whether a name cut down to a part (`Hussein` for `Fuad Hussein`, `Sadr` for `Muqtada
/// al-Sadr`) stands in `text[start..end]` as part of another name: right after a capitalized
/// word that is no English word or title (`Saddam Hussein`, `Bashar al-Assad`), or right before
/// one or before a place noun (`Sadr City`). Only spaces or a hyphen may come between.
pub(crate) fn inside_other_name(text: &str, start: usize, end: usize) -> bool {
    let is_gap = |c: char| c == ' ' || c == '-' || c == '\u{a0}';
    let name_like = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
    };
    let head = &text[..start];
    let before = head.trim_end_matches(is_gap);
    if before.len() < head.len() && head.len() - before.len() <= 2 {
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word(c) || is_joiner(c))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = &before[word_start..];
        let possessive =
            word.strip_suffix(['s', 'S']).is_some_and(|w| w.ends_with(super::fold::is_apostrophe));
        if name_like(word) && !possessive {
            let mut buf = [0; 32];
            let lower = fold_word(word, &mut buf);
            if !is_english_word(&lower) && !TITLES.contains(&&*lower) {
                return true;
            }
        }
    }
    let tail = &text[end..];
    let after = tail.trim_start_matches(is_gap);
    if after.len() < tail.len() && tail.len() - after.len() <= 2 {
        let word_end =
            after.char_indices().find(|&(_, c)| !is_word(c)).map_or(after.len(), |(i, _)| i);
        let word = &after[..word_end];
        if name_like(word) {
            let mut buf = [0; 32];
            let lower = fold_word(word, &mut buf);
            if !is_english_word(&lower) || PLACE_NOUNS.contains(&&*lower) {
                return true;
            }
        }
    }
    false
}

/// Where a title that stands right before byte `start` of `text` begins, if one does.
pub(crate) fn title_before(text: &str, start: usize) -> Option<usize> {
    let head = &text[..start];
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() || head[trimmed.len()..].contains('\n') {
        return None; // no space before the name, or a line break
    }
    let mut best = None;
    let mut words = 0;
    let mut pos = trimmed.len();
    while words < 2 {
        let word_start = trimmed[..pos]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word_start == pos {
            break;
        }
        let mut buf = [0; 32];
        let candidate = fold_word(&trimmed[word_start..], &mut buf);
        if TITLES.contains(&&*candidate) {
            best = Some(word_start);
        }
        words += 1;
        let before = trimmed[..word_start].trim_end();
        if before.len() == word_start {
            break;
        }
        pos = before.len();
    }
    best
}

/// Where the given name `given` (folded) starts, when it stands before byte `start` with at
/// most two capitalized names between (`Ali al-Husseini al-Sistani`, `Bafel Jalal Talabani`).
pub(crate) fn given_name_before(text: &str, start: usize, given: &str) -> Option<usize> {
    let mut pos = start;
    for _ in 0..3 {
        let head = &text[..pos];
        let trimmed = head.trim_end();
        if trimmed.len() == head.len() || head[trimmed.len()..].contains('\n') {
            return None;
        }
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !(is_word(c) || c == '-' || is_joiner(c)))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        if word.is_empty() {
            return None;
        }
        if fold_word(word, &mut [0; 32]) == given {
            return Some(word_start);
        }
        if !word.chars().any(char::is_uppercase) {
            return None;
        }
        pos = word_start;
    }
    None
}

/// Arabic proclitics written attached to the next word: wa, fa, bi, li, ka.
pub(crate) fn is_proclitic(c: char) -> bool {
    matches!(c, '\u{0648}' | '\u{0641}' | '\u{0628}' | '\u{0644}' | '\u{0643}')
}

/// Whether the word starting at `start` is preceded by one or two attached proclitics that
/// themselves start a word (`والحشد`, `فبالحشد`).
pub(crate) fn proclitic_before(text: &str, start: usize) -> bool {
    let mut before = text[..start].char_indices().rev();
    let mut count = 0;
    for (i, c) in before.by_ref() {
        if is_proclitic(c) && count < 2 {
            count += 1;
            if boundary_before(text, i) {
                return true;
            }
        } else {
            return false;
        }
    }
    false
}

/// Whether a folded key is only given names and kunya words (`hussein`, `abu mohammed`,
/// `muhammad ali`), with or without articles.
pub(crate) fn only_given_names(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').filter(|w| !matches!(*w, "al" | "el")).collect();
    !words.is_empty()
        && words.iter().all(|w| {
            matches!(*w, "abu" | "umm" | "bin" | "ibn" | "abdul" | "abd")
                || is_given_name(w)
                || words.len() == 1 && NISBAS.contains(w)
        })
}

/// Surnames that name a country or people (`al-Iraqi`, `al-Masri`): alone they are the
/// adjective, not the person.
const NISBAS: &[&str] = &[
    "iraqi",
    "irani",
    "masri",
    "kurdi",
    "suri",
    "shami",
    "urduni",
    "lubnani",
    "filistini",
    "yamani",
    "saudi",
    "kuwaiti",
    "tunisi",
    "libi",
    "afghani",
    "turki",
    "amriki",
    "arabi",
    "ajami",
    "farsi",
    "jazairi",
    "maghribi",
    "qatari",
    "bahraini",
    "omani",
];

/// Whether the hit `text[start..end]` stands among words in capitals, as in a headline (`IS IT
/// TRUE?`, `KH FIRES ROCKETS`): up to three words on each side on the same line, and at least
/// two words of two or more letters among them, all in capitals. There an acronym's case says
/// nothing.
pub(crate) fn in_capitals(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let words = |s: &str| -> Vec<(bool, usize)> {
        s.split(|c: char| !(is_word(c) || is_joiner(c)))
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .map(|w| (w.chars().all(|c| !c.is_lowercase()), w.len()))
            .collect()
    };
    let before = words(&text[line_start..start]);
    let after = words(&text[end..line_end]);
    let near: Vec<bool> =
        before.iter().rev().take(3).chain(after.iter().take(3)).map(|&(caps, _)| caps).collect();
    near.len() >= 2 && near.iter().all(|&caps| caps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_join_the_name() {
        // (text, name starts at, expected start)
        let cases: &[(&str, usize, Option<usize>)] = &[
            ("Ayatollah Khamenei", 10, Some(0)),
            ("said Grand Ayatollah Ali Sistani", 21, Some(5)),
            ("the Sheikh. Ali", 12, None),
            ("Sayyid\nAli", 7, None),
            ("Prime Minister Sudani", 15, None),
            ("Ali", 0, None),
            ("Sayyid-Ali", 7, None),
        ];
        for &(text, at, want) in cases {
            assert_eq!(title_before(text, at), want, "{text:?}");
        }
    }

    #[test]
    fn inside_other_name_table() {
        // (text, the cut-down name in it, expected). The name is found by its first
        // occurrence; start and end are byte offsets.
        let cases: &[(&str, &str, bool)] = &[
            ("Saddam Hussein", "Hussein", true),
            ("said Hussein", "Hussein", false),
            ("Bashar al-Assad", "al-Assad", true),
            ("Iraq's Kadhimi", "Kadhimi", false),
            ("Iraq\u{2019}s Kadhimi", "Kadhimi", false),
            ("President Sudani", "Sudani", false),
            ("PM Kadhimi", "Kadhimi", false),
            ("Sadr City", "Sadr", true),
            ("Sadr Street", "Sadr", true),
            ("Sadr said", "Sadr", false),
            ("Sheikh Khazali", "Khazali", false),
            ("Saddam-Hussein", "Hussein", true),
            ("Saddam  Hussein", "Hussein", true),
            ("Saddam   Hussein", "Hussein", false),
            ("Saddam\u{a0}Hussein", "Hussein", true),
            ("Saddam, Hussein", "Hussein", false),
            ("Saddam\nHussein", "Hussein", false),
            ("Sadr\nCity", "Sadr", false),
            // Multibyte letters around the name.
            ("\u{dc}mit Sadr", "Sadr", true),
            ("\u{df}s Sadr", "Sadr", false),
            ("Sadr \u{dc}mit", "Sadr", true),
            ("\u{1f600} Sadr \u{1f600}", "Sadr", false),
            ("\u{3a9} Sadr", "Sadr", false),
            ("\u{e9}\u{e9} Sadr \u{e9}\u{e9}", "Sadr", false),
            // The name at the edges of the text.
            ("Hussein", "Hussein", false),
            ("Hussein said", "Hussein", false),
            ("Hussein Saddam", "Hussein", true),
        ];
        for &(text, name, expected) in cases {
            let start = text.find(name).unwrap();
            let end = start + name.len();
            assert_eq!(inside_other_name(text, start, end), expected, "{text:?} at {name:?}");
        }
        // Empty spans at every char boundary, the edges included, never panic.
        for text in ["\u{dc}mit Sadr", "\u{df}s Sadr", "a \u{1f600}-\u{a0}B", ""] {
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                inside_other_name(text, i, i);
                inside_other_name(text, 0, i);
                inside_other_name(text, i, text.len());
            }
        }
    }

    #[test]
    fn is_given_name_table() {
        let cases: &[(&str, bool)] = &[
            ("hussein", true),
            ("husayn", true),
            ("hussain", true),
            ("fuad", true),
            ("ali", true),
            ("muhammad", true),
            ("mohammed", true),
            ("said", true),
            ("jaafar", true),
            ("saddam", false),
            ("kadhimi", false),
            ("sadr", false),
            ("talabani", false),
            ("sudani", false),
            ("", false),
        ];
        for &(word, expected) in cases {
            assert_eq!(is_given_name(word), expected, "is_given_name({word:?})");
        }
    }

    #[test]
    fn in_capitals_table() {
        // (text, the hit in it, expected)
        let cases: &[(&str, &str, bool)] = &[
            ("IS IT TRUE?", "IS", true),
            ("WHY IS IT SO", "IS", true),
            ("The IS attack failed", "IS", false),
            ("IS fighters attacked", "IS", false),
            ("IS ATTACK", "IS", false), // one word beside it says nothing
            ("KH FIRES ROCKETS AT BASE", "KH", true),
            ("said KH FIRED", "KH", false),
            ("A HEADLINE\nKH said", "KH", false),
            ("ROCKETS HIT K1 NEAR KIRKUK", "K1", true),
            ("The K1 base near Kirkuk", "K1", false),
        ];
        for &(text, hit, expected) in cases {
            let start = text.find(hit).unwrap();
            assert_eq!(in_capitals(text, start, start + hit.len()), expected, "{text:?}");
        }
    }
}
