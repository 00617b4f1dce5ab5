//! English words behind the precision gates: a single-word key that is, or under a layer's
//! skeleton looks like, an English word needs a capitalized surface and gets fewer rules.

use std::sync::OnceLock;

use super::rules::{Layer, Rules};
use super::skeleton::skeleton_into;
use crate::core::word_set::WordSet;

/// Common English words (lower case), from Debian's `wamerican` list (SCOWL; see
/// `data/ENGLISH_WORDS_NOTICE`), plus a few that word lists lack but news uses as words.
pub(crate) static ENGLISH_WORDS: &str = include_str!("../data/english_words.txt");
/// British spellings that the American list lacks are words too (`Ministry of Defence`).
const EXTRA_ENGLISH: &[&str] = &[
    "amir",
    "emir",
    "salaam",
    "ana",
    "din",
    "imam",
    "hajj",
    "sheikh",
    "defence",
    "defences",
    "organisation",
    "programme",
    "centre",
    "labour",
    "armour",
    "armoured",
    "honour",
    "favour",
    "neighbour",
    "neighbourhood",
    "harbour",
    "offence",
];

/// The sets are asked once or more for every generated key and some hits; each is made once
/// per process, in one buffer (`WordSet`: 3.8 MB for the three, where hash sets of owned words
/// and skeletons took 13.4 MB), and only when first asked: a loaded tagger's search asks for
/// the words alone (1.4 MB), a build for the skeletons too.
fn words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| {
        WordSet::of(
            ENGLISH_WORDS
                .lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .chain(EXTRA_ENGLISH.iter().copied()),
        )
    })
}

/// The skeletons of every English word at the `default` or the `aggressive` layer (none at
/// `none`, which has no skeleton rules).
fn skeletons(layer: Layer) -> Option<&'static WordSet> {
    static SETS: [OnceLock<WordSet>; 2] = [const { OnceLock::new() }; 2];
    let at = match layer {
        Layer::None => return None,
        Layer::Default => 0,
        Layer::Aggressive => 1,
    };
    Some(SETS[at].get_or_init(|| {
        let rules = layer.rules().and(Rules::SKELETON);
        let mut set = WordSet::default();
        let mut sk = Vec::new();
        for w in words().iter() {
            skeleton_into(w, rules, &mut sk);
            set.insert(&sk);
        }
        set.shrink_to_fit();
        set
    }))
}

/// Whether a folded single word is an English word.
pub fn is_english_word(word: &str) -> bool {
    words().contains(word.as_bytes())
}

/// Whether a folded single word, under the skeleton of `layer`, looks like an English word
/// (`Balad` and `ballad` under doubled letters, `Daesh` and `dash` under vowel classes).
pub fn collides_with_english(word: &str, layer: Layer) -> bool {
    // A build asks this of millions of keys: each skeleton made in the thread's own buffer,
    // not a new one (issue 13).
    thread_local! {
        static SKELETON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Some(set) = skeletons(layer) else { return false };
    let rules = layer.rules().and(Rules::SKELETON);
    SKELETON.with_borrow_mut(|sk| {
        skeleton_into(word.as_bytes(), rules, sk);
        set.contains(sk)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::variants::skeleton::skeleton;

    #[test]
    fn english_words_and_collisions() {
        assert!(is_english_word("hit") && is_english_word("said") && is_english_word("amir"));
        assert!(!is_english_word("kadhimi"));
        assert!(collides_with_english("balad", Layer::Default)); // ballad
                                                                 // ae is a diphthong like ai, so Daesh (= Daish) no longer reads as dash.
        assert!(!collides_with_english("daesh", Layer::Default));
        assert!(!collides_with_english("kadhimi", Layer::Default));
        // The skeleton made in a reused buffer: a short word after a long one, both layers.
        let words = ["abdulrahmanalkhazali", "balad", "hit", "daesh", "a", "ballad", "kazimi", ""];
        for layer in [Layer::None, Layer::Default, Layer::Aggressive] {
            for w in words.iter().chain(words.iter().rev()) {
                let sk = skeleton(w.as_bytes(), layer.rules().and(Rules::SKELETON));
                let want = skeletons(layer).is_some_and(|set| set.contains(&sk));
                assert_eq!(collides_with_english(w, layer), want, "{w:?} {layer:?}");
            }
        }
    }
}
