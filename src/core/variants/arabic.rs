//! How common Arabic words are (`data/arabic_words.tsv`, from wordfreq, CC BY-SA 4.0; see
//! `data/ARABIC_WORDS_NOTICE`): the gate of the Arabic-script partial rule, since Arabic has no
//! capital letters to tell a name from a word.

use std::sync::OnceLock;

use crate::core::word_set::WordSet;

pub(crate) static ARABIC_WORDS: &str = include_str!("../data/arabic_words.tsv");

/// The folded Arabic words of the list and the Zipf frequency, times ten, of each (by the
/// word's index in the set; the highest where several words fold alike).
struct Frequencies {
    words: WordSet,
    zipf: Vec<u8>,
}

fn frequencies() -> &'static Frequencies {
    static TABLE: OnceLock<Frequencies> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Frequencies { words: WordSet::default(), zipf: Vec::new() };
        for line in ARABIC_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, zipf)) = line.split_once('\t') else { continue };
            let key = crate::core::fold::fold_key(word, false);
            let zipf: u8 = zipf.trim().parse().unwrap_or(0);
            let i = table.words.insert(key.as_bytes());
            match table.zipf.get_mut(i) {
                Some(slot) => *slot = (*slot).max(zipf),
                None => table.zipf.push(zipf),
            }
        }
        table.words.shrink_to_fit();
        table.zipf.shrink_to_fit();
        table
    })
}

/// How common a folded Arabic word is: its Zipf frequency times ten (75 for `في`), or 0 when
/// it is rarer than the list goes (a Zipf frequency below 3.4).
pub fn arabic_zipf(word: &str) -> u8 {
    let table = frequencies();
    table.words.index_of(word.as_bytes()).map_or(0, |i| table.zipf[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fold::fold_key;

    #[test]
    fn common_and_rare_words() {
        let z = |w: &str| arabic_zipf(&fold_key(w, false));
        assert!(z("في") >= 70);
        assert!(z("المهندس") >= 40, "the engineer is a common word");
        assert!(z("الصدر") >= 40);
        assert_eq!(z("الخزعلي"), 0, "a rare name");
        assert_eq!(z("المحمداوي"), 0);
        // Hamza and teh marbuta forms fold as the text does.
        assert_eq!(z("الأمين"), z("الامين"));
    }
}
