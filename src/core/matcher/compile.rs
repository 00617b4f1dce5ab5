//! Compiling a gazetteer for search: each alias is folded, its keys are generated for its
//! layer, each key becomes a [`Target`] with every gate decided once, and the keys go into one
//! of two automata - one scanned on the folded text, one on the text's skeleton.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::Options;
use crate::core::error::{Error, Result};
use crate::core::fold::fold_key;
use crate::core::gazetteer::{Alias, Entity, Gazetteer};
use crate::core::names::only_given_names;
use crate::core::variants::{
    collides_with_english, generate, is_english_word, scan_key, Layer, NameKind, Rules,
};

/// One (entity, alias, generated key) that an automaton pattern stands for.
#[derive(Debug, Clone)]
pub(super) struct Target {
    pub(super) entity: u32,
    pub(super) alias: u32,
    /// The alias folded with its case kept, when a match must also agree in case (acronyms).
    pub(super) case_kept: Option<Box<str>>,
    /// The folded key this target was generated as, and the rules that generated it.
    pub(super) key: Box<str>,
    pub(super) generated: Rules,
    /// The skeleton rules a match may need: the alias's layer, less what the gates forbid.
    pub(super) symmetric: Rules,
    /// The key is one Latin word: a variant match, or a key that is an English word, needs a
    /// capitalized surface form, unless the alias is explicitly case-insensitive.
    pub(super) gated: bool,
    pub(super) english: bool,
    /// The key is Arabic script and may follow attached proclitics.
    pub(super) proclitic: bool,
    /// The alias is ambiguous: a match needs a licence in its text.
    pub(super) licence: bool,
    /// A person's name at a layer with partial names: a title before it joins the match.
    pub(super) titled: bool,
    /// For a person's surname alone: the given name, which joins the match when it stands up
    /// to two names before it (`Bafel Jalal Talabani` for `Bafel Talabani`).
    pub(super) given: Option<Box<str>>,
}

/// An automaton and, for each of its patterns, its targets (a range into the target list).
#[derive(Debug, Clone)]
pub(super) struct Scanner {
    pub(super) automaton: AhoCorasick,
    pub(super) keys: Vec<Range<u32>>,
}

/// What a gazetteer compiles to.
pub(super) struct Compiled {
    /// Keys found as they are folded (acronyms, layer `none`, Arabic script), searched on the
    /// folded text.
    pub(super) on_folded: Scanner,
    /// Keys that may match through skeleton rules, searched on the text's skeleton.
    pub(super) on_skeleton: Scanner,
    pub(super) targets: Vec<Target>,
    /// The widest layer any alias uses: the skeleton the text is scanned on.
    pub(super) scan: Layer,
}

/// Above this many bytes of keys the dense DFA costs too much memory; a contiguous NFA is used.
const DFA_MAX_KEY_BYTES: usize = 1 << 20;

/// Compiles a gazetteer's aliases into targets and automata.
pub(super) fn compile(gazetteer: &Gazetteer, options: Options) -> Result<Compiled> {
    let layer_of = |e: &Entity, a: &Alias| a.variants.or(e.variants).unwrap_or(options.variants);
    let scan = gazetteer
        .entities()
        .iter()
        .flat_map(|e| e.aliases.iter().map(move |a| layer_of(e, a)))
        .max()
        .unwrap_or(options.variants);
    let scan_rules = scan.rules().and(Rules::SKELETON);
    let (mut folded_keys, mut skeleton_keys) = (Patterns::default(), Patterns::default());
    let mut folded_targets = Vec::new();
    for (ei, entity) in gazetteer.entities().iter().enumerate() {
        for (ai, alias) in entity.aliases.iter().enumerate() {
            let key = fold_key(&alias.text, options.case_sensitive);
            if key.is_empty() {
                // Entities are validated when made; this guards data built another way.
                return Err(Error::gazetteer(format!(
                    "entity {:?}: alias {:?} has nothing to match",
                    entity.id, alias.text
                )));
            }
            let case_kept = !options.case_sensitive && alias.is_case_sensitive();
            let layer = layer_of(entity, alias);
            let source = AliasSource {
                entity: ei as u32,
                alias: ai as u32,
                text: &alias.text,
                key: &key,
                case_kept: case_kept.then(|| fold_key(&alias.text, true).into_boxed_str()),
                layer,
                case_insensitive: alias.case_sensitive == Some(false),
                licence: alias.is_ambiguous() && options.licensing,
                titled: entity.is_person()
                    && layer.rules().contains(Rules::PARTIAL)
                    && !options.case_sensitive,
            };
            // Exact-case aliases (acronyms) and exact-case taggers get no generated keys:
            // generation works on lower-case words.
            let generated = if case_kept || options.case_sensitive {
                generate(&key, Layer::None.rules(), NameKind::Other)
            } else {
                generate(&key, layer.rules(), NameKind::of_label(&entity.label))
            };
            for g in generated {
                // A person's name cut down to given names only (`Hussein` of `Fuad Hussein`,
                // `Abu Mohammed`, `Muhammad Ali`) mostly names someone else.
                if entity.is_person()
                    && g.rules.contains(Rules::PARTIAL)
                    && only_given_names(&g.key)
                {
                    continue;
                }
                let target = source.target(g.key, g.rules);
                // Skeleton rules only rewrite Latin letters, and word marks stand only before
                // Latin words: a key without one (Arabic script, digits) is found the same on
                // the folded text as on its skeleton, by the cheaper scan.
                if scan == Layer::None
                    || target.symmetric.is_empty()
                    || !target.key.bytes().any(|b| b.is_ascii_alphabetic())
                {
                    folded_targets.push(target);
                } else {
                    let marks = options.whole_words;
                    skeleton_keys.add(scan_key(target.key.as_bytes(), scan_rules, marks), target);
                }
            }
        }
    }
    // When the text's skeleton is made anyway, one scan of it finds the folded keys too: a
    // whole-word match covers whole Latin words, whose skeletons do not depend on what stands
    // around them, and the check of each hit then asks for no rule. Without whole words a key
    // may match inside a word, whose skeleton can differ (`sad` in `assad`), so the folded
    // text is scanned for them.
    let one_scan = options.whole_words && !skeleton_keys.keys.is_empty();
    for target in folded_targets {
        if one_scan {
            let marks = options.whole_words;
            skeleton_keys.add(scan_key(target.key.as_bytes(), scan_rules, marks), target);
        } else {
            folded_keys.add(target.key.as_bytes().to_vec(), target);
        }
    }
    let mut targets = Vec::new();
    let on_folded = folded_keys.build(&mut targets)?;
    let on_skeleton = skeleton_keys.build(&mut targets)?;
    Ok(Compiled { on_folded, on_skeleton, targets, scan })
}

/// What every key generated from one alias shares.
struct AliasSource<'a> {
    entity: u32,
    alias: u32,
    /// The alias as written, and folded as the tagger folds text.
    text: &'a str,
    key: &'a str,
    case_kept: Option<Box<str>>,
    layer: Layer,
    /// The alias says `case_sensitive: false`: no capitalization gate.
    case_insensitive: bool,
    licence: bool,
    titled: bool,
}

impl AliasSource<'_> {
    /// The target for one generated key, with the gates decided from the key itself.
    fn target(&self, key: String, generated: Rules) -> Target {
        let layer = self.layer;
        let single_latin = key.bytes().all(|b| b.is_ascii_alphabetic());
        let words = key.split(' ').count();
        let mut symmetric = layer.rules().and(Rules::SKELETON);
        // Vowel classes only for entries that cannot pass for English: several words, or one
        // long word whose skeleton is no English word's.
        let long = key.chars().count() >= 6;
        if layer != Layer::Aggressive
            && !(words >= 2 || long && !collides_with_english(&key, Layer::Default))
        {
            symmetric = symmetric.without(Rules::VOWEL);
        }
        if single_latin {
            // A single word that some folding turns into an English word gets no such folding.
            if collides_with_english(&key, Layer::Default) {
                symmetric =
                    symmetric.without(Rules::DOUBLE.with(Rules::FINAL_A).with(Rules::VOWEL));
            }
            if collides_with_english(&key, Layer::Aggressive) {
                symmetric = symmetric.without(Rules::CONSONANT.with(Rules::E_I));
            }
        }
        let english = single_latin && is_english_word(&key);
        let proclitic = layer.rules().contains(Rules::PROCLITIC)
            && key.chars().next().is_some_and(crate::core::fold::is_arabic_block);
        // A surname alone remembers the given name of its alias (`Bafel` of `Bafel Talabani`).
        let first = self.key.split(' ').next().unwrap_or_default();
        let given = (self.titled
            && generated.contains(Rules::PARTIAL)
            && self.key.contains(' ')
            && !key.starts_with(first))
        .then(|| first.into());
        // A code cut out of a longer name (`K1` of `K1 Air Base`) keeps the case it is written
        // in, as the same code given as an alias would (`k1` in running text is no base).
        let case_kept = self.case_kept.clone().or_else(|| {
            (generated.contains(Rules::PARTIAL) && !key.contains(' '))
                .then(|| {
                    self.text
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|w| fold_key(w, false) == key && is_code(w))
                        .map(|w| fold_key(w, true).into_boxed_str())
                })
                .flatten()
        });
        Target {
            entity: self.entity,
            alias: self.alias,
            case_kept,
            key: key.into_boxed_str(),
            generated,
            symmetric,
            gated: single_latin && !self.case_insensitive && layer != Layer::None,
            english,
            proclitic,
            licence: self.licence,
            titled: self.titled,
            given,
        }
    }
}

/// A word written as a code or acronym: capitals, with digits or not, at most five characters
/// (`K1`, `H3`, `KH`), as an alias of that form is kept case-sensitive.
fn is_code(word: &str) -> bool {
    let n = word.chars().count();
    (1..=5).contains(&n)
        && word.chars().any(char::is_uppercase)
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Patterns being collected for one scanner.
#[derive(Default)]
struct Patterns {
    index: HashMap<Vec<u8>, usize>,
    keys: Vec<Vec<u8>>,
    targets: Vec<Vec<Target>>,
}

impl Patterns {
    fn add(&mut self, pattern: Vec<u8>, target: Target) {
        let slot = match self.index.get(&pattern) {
            Some(&slot) => slot,
            None => {
                self.index.insert(pattern.clone(), self.keys.len());
                self.keys.push(pattern);
                self.targets.push(Vec::new());
                self.keys.len() - 1
            }
        };
        self.targets[slot].push(target);
    }

    /// Builds the automaton; the targets move to the end of `all`.
    fn build(self, all: &mut Vec<Target>) -> Result<Scanner> {
        let mut ranges = Vec::with_capacity(self.targets.len());
        for group in self.targets {
            let start = all.len() as u32;
            all.extend(group);
            ranges.push(start..all.len() as u32);
        }
        let key_bytes: usize = self.keys.iter().map(Vec::len).sum();
        let kind = if key_bytes <= DFA_MAX_KEY_BYTES {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&self.keys)
            .map_err(|e| Error::gazetteer(format!("could not build the automaton: {e}")))?;
        Ok(Scanner { automaton, keys: ranges })
    }
}
