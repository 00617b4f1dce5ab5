//! How common Arabic words are (`data/arabic_words.tsv`, from wordfreq, CC BY-SA 4.0; see
//! `data/ARABIC_WORDS_NOTICE`): the gate of the Arabic-script partial rule, since Arabic has no
//! capital letters to tell a name from a word.

use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) static ARABIC_WORDS: &str = include_str!("../data/arabic_words.tsv");

/// The Zipf frequency, times ten, of each folded Arabic word of the list.
fn frequencies() -> &'static HashMap<String, u8> {
    static TABLE: OnceLock<HashMap<String, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in ARABIC_WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, zipf)) = line.split_once('\t') else { continue };
            let key = crate::core::fold::fold_key(word, false);
            let zipf: u8 = zipf.trim().parse().unwrap_or(0);
            let slot = table.entry(key).or_insert(0);
            *slot = (*slot).max(zipf);
        }
        table
    })
}

/// How common a folded Arabic word is: its Zipf frequency times ten (75 for `في`), or 0 when
/// it is rarer than the list goes (a Zipf frequency below 3.4).
pub fn arabic_zipf(word: &str) -> u8 {
    frequencies().get(word).copied().unwrap_or(0)
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
