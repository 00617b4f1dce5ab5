//! Spelling variants: the layers a tagger can use, the rules each match reports, the skeleton
//! folding of Latin words, build-time generation of alias variants, and the English word data
//! behind the precision gates.
//!
//! Two mechanisms, chosen per rule by what keeps offsets exact and the automaton small:
//! - symmetric rules (doubled letters, final -ah, vowel and consonant classes, e/i) rewrite
//!   folded Latin words into a *skeleton*, applied the same way to alias keys and to the text;
//!   each skeleton byte remembers the range of folded bytes it stands for;
//! - generated rules (article, joins and splits, partial names, the Arabic li+al proclitic) add
//!   alias keys at build time, a bounded number per alias.
//!
//! A candidate found on skeletons is then explained: the smallest set of symmetric rules under
//! which the text and the alias agree is computed, and the candidate is kept only when that set
//! is allowed for the alias. So layers can differ per alias while the text is scanned once.
//!
//! Files by concern: [`rules`] names the layers and rule sets; [`skeleton`] is the skeleton
//! engine and its sparse map back to folded bytes; [`english`] holds the English word data
//! behind the precision gates; [`generate`] makes the build-time keys of an alias. The name
//! lexicon and the checks around a hit live in [`crate::core::names`].

pub mod arabic;
pub mod english;
pub mod generate;
pub mod rules;
pub mod skeleton;

pub use arabic::arabic_zipf;
pub use english::{collides_with_english, is_english_word};
pub use generate::{generate, given_name_words, Generated, NameKind, MAX_KEYS_PER_ALIAS};
pub use rules::{Layer, Rules};
pub use skeleton::{
    is_letter_unit, needed_rules, skeleton, skeleton_into, skeleton_sparse, SparseMap,
};
