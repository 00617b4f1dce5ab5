//! Compiling a gazetteer for search: each alias is folded, its keys are generated for its
//! layer, each key becomes a [`Target`] with every gate decided once, and the keys go into one
//! of two automata - one scanned on the folded text, one on the text's skeleton.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::automaton::{kind_of_lengths, Automaton, Kind, Packed, PatternList};
use super::Options;
use crate::core::context::CueLabel;
use crate::core::error::{Error, Result};
use crate::core::fold::fold_key;
use crate::core::gazetteer::{AliasRef, Entity, Gazetteer, Partial};
use crate::core::names::{
    is_arabic_news_word_surname, is_arabic_particle, is_arabic_word_surname, key_words,
    only_given_names, only_nisba, opens_with_given_name_title, region_rest,
};
use crate::core::places::{
    alias_country, arabic_alias_country, country_forms, generic_forms, is_arabic_people_word,
    is_arabic_place_key, is_place_key, is_place_name, Country,
};
use crate::core::variants::generate::{arabic_spellings, royal_given_name};
use crate::core::variants::{
    arabic_zipf, collides_with_english, generate, given_name_words, is_english_word, skeleton,
    skeleton_into, Generated, Layer, NameKind, Rules,
};

/// The countries whose people's and bodies' names are Arabic (`meta.country`): an entity of
/// any other is named in Arabic script by a transliteration ([`arabic_spellings`]).
const ARABIC_NAMED_COUNTRIES: &[&str] = &[
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
    "SA", "SD", "SO", "SY", "TN", "YE",
];

/// How many keys [`with_arabic_spellings`] adds to an alias's at most.
const MAX_ARABIC_SPELLING_KEYS: usize = 12;

/// An Arabic-script alias's generated keys and each one's other spellings
/// ([`arabic_spellings`]), with the rule `vowel`.
fn with_arabic_spellings(mut keys: Vec<Generated>, foreign: bool) -> Vec<Generated> {
    let mut added = 0;
    for i in 0..keys.len() {
        for key in arabic_spellings(&keys[i].key, foreign) {
            if added < MAX_ARABIC_SPELLING_KEYS && !keys.iter().any(|g| g.key == key) {
                let rules = keys[i].rules.with(Rules::VOWEL);
                keys.push(Generated { key, rules });
                added += 1;
            }
        }
    }
    keys
}

/// A string of the tagger's [`Strings`]: its byte range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Str {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Str {
    /// The string `by` bytes further on.
    fn moved(self, by: u32) -> Str {
        Str { start: self.start + by, end: self.end + by }
    }
}

/// A [`Str`] or none, in the 8 bytes of a `Str` (an `Option<Str>` takes 12): a start of
/// `u32::MAX` is none, which no string of a tagger starts at (the strings end before 4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct OptStr(Str);

impl OptStr {
    pub(super) const NONE: OptStr = OptStr(Str { start: u32::MAX, end: u32::MAX });

    pub(super) fn get(self) -> Option<Str> {
        (self.0.start != u32::MAX).then_some(self.0)
    }

    pub(super) fn is_some(self) -> bool {
        self.0.start != u32::MAX
    }
}

impl From<Option<Str>> for OptStr {
    fn from(s: Option<Str>) -> OptStr {
        s.map_or(OptStr::NONE, OptStr)
    }
}

/// The error of strings past 4 GiB, which their `u32` offsets cannot reach.
fn too_many_strings() -> Error {
    Error::gazetteer("the gazetteer's generated keys exceed 4 GiB: split it into several taggers")
}

/// The strings of every target (keys, case-kept forms, given names) in one buffer: one
/// allocation for all of them, where a string each cost a heap block of 32 bytes or more
/// beside its 16-byte pointer (issue 13).
#[derive(Debug, Clone, Default)]
pub(super) struct Strings(pub(super) String);

impl Strings {
    /// Keeps `s`; an error past 4 GiB of strings, which their `u32` offsets cannot reach.
    pub(super) fn add(&mut self, s: &str) -> Result<Str> {
        let start = self.0.len();
        let end = start + s.len();
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) => {
                self.0.push_str(s);
                Ok(Str { start, end })
            }
            _ => Err(too_many_strings()),
        }
    }

    /// `s` kept: as part of a string kept from offset `from` on, when it is one (within the
    /// last KiB kept: a long run of strings is not searched whole for each), else added. The
    /// keys of one entity repeat each other's words (the surname of several aliases, a
    /// variant's words), so that each is kept once (issue 13).
    pub(super) fn add_near(&mut self, s: &str, from: usize) -> Result<Str> {
        let mut from = from.max(self.0.len().saturating_sub(1024));
        while !self.0.is_char_boundary(from) {
            from += 1;
        }
        match find_short(&self.0.as_bytes()[from..], s.as_bytes()) {
            Some(at) => {
                let start = (from + at) as u32;
                Ok(Str { start, end: start + s.len() as u32 })
            }
            None => self.add(s),
        }
    }

    /// Keeps `other`'s strings after these; what their offsets grow by.
    pub(super) fn append(&mut self, other: &Strings) -> Result<u32> {
        let by = self.0.len();
        match u32::try_from(by + other.0.len()) {
            Ok(_) => {
                self.0.push_str(&other.0);
                Ok(by as u32)
            }
            Err(_) => Err(too_many_strings()),
        }
    }

    /// A string kept by [`Strings::add`].
    pub(super) fn get(&self, s: Str) -> &str {
        &self.0[s.start as usize..s.end as usize]
    }
}

/// Where `needle` first occurs in `haystack`, both short (a key, an entity's strings of up to
/// a KiB): a general searcher (`memchr::memmem`) prepared itself for each call, which cost more
/// than these searches (issue 13: a fifth of making a big gazetteer's keys). A haystack of a
/// few vectors is searched for two of the needle's bytes at once (what `memmem` does first);
/// a shorter one at the places where its first and last bytes stand, compared whole.
pub(super) fn find_short(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if haystack.len() >= 64 {
        use memchr::arch::x86_64::avx2::packedpair::Finder;
        if let Some(finder) = Finder::new(needle) {
            if haystack.len() >= finder.min_haystack_len() {
                return finder.find(haystack, needle);
            }
        }
    }
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return Some(0);
    };
    let span = needle.len() - 1;
    let starts = haystack.len().checked_sub(span)?;
    memchr::memchr_iter(first, &haystack[..starts])
        .find(|&i| haystack[i + span] == last && &haystack[i..=i + span] == needle)
}

/// One (entity, alias, generated key) that an automaton pattern stands for, with every gate:
/// what the checks of a hit read. Not kept as such: a tagger keeps each key's own part
/// ([`KeyTarget`]) and, once for all the keys of an alias, what they share ([`Source`]), and
/// puts the two together for a hit ([`Target::join`]) (issue 13: a million aliases have six
/// million keys).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Target {
    pub(super) entity: u32,
    pub(super) alias: u32,
    /// The alias folded with its case kept, when a match must also agree in case (acronyms).
    pub(super) case_kept: OptStr,
    /// The folded key this target was generated as, and the rules that generated it.
    pub(super) key: Str,
    pub(super) generated: Rules,
    /// The skeleton rules a match may need: the alias's layer, less what the gates forbid.
    pub(super) symmetric: Rules,
    /// The key is one Latin word: a variant match, or a key that is an English word, needs a
    /// capitalized surface form, unless the alias is explicitly case-insensitive.
    pub(super) gated: bool,
    pub(super) english: bool,
    /// The key is Arabic script and may follow attached proclitics.
    pub(super) proclitic: bool,
    /// What a match needs from its text before it counts.
    pub(super) licence: Licence,
    /// What an acronym needs among capitals (a headline), where its case says nothing: a full
    /// mention when it is an English word (`IS`, `JAM`), a licence from its context when it has
    /// two letters (`KH`), nothing otherwise.
    pub(super) caps_licence: Licence,
    /// A base: a match is rejected where `in`/`near` a place of another country follows it
    /// (`Camp Justice in Guantanamo Bay`).
    pub(super) base: bool,
    /// The key is made of English words only (`camp echo`): a name that other countries'
    /// sites share.
    pub(super) english_name: bool,
    /// The cue words that license or choose this entity: its label's.
    pub(super) cue: Option<CueLabel>,
    /// The entity's country (`meta.country`), whose mention in a sentence licenses it there.
    pub(super) home: Option<Country>,
    /// The entity is a person.
    pub(super) person: bool,
    /// A body's name that does not say its country (`Ministry of Defence`): a match is rejected
    /// where the words around it name another country.
    pub(super) country: Option<Country>,
    /// A body's name with its country cut off (`ministry of defence` of `British Ministry of
    /// Defence`): a match needs the words around it to name that country.
    pub(super) needs_country: Option<Country>,
    /// A person's name at a layer with partial names: a title before it joins the match.
    pub(super) titled: bool,
    /// For a person's surname alone: the given name, which joins the match when it stands up
    /// to two names before it (`Bafel Jalal Talabani` for `Bafel Talabani`).
    pub(super) given: OptStr,
}

/// What the keys of one alias share: its entity and alias and the gates decided from them.
/// A key whose own gates differ here (a code's case, a body's name cut from its country) has a
/// source of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Source {
    pub(super) entity: u32,
    pub(super) alias: u32,
    pub(super) case_kept: OptStr,
    /// The given name that joins a surname alone of this alias (`Target::given`), for the
    /// keys marked [`KeyTarget::GIVEN`].
    pub(super) given: OptStr,
    pub(super) caps_licence: Licence,
    pub(super) cue: Option<CueLabel>,
    pub(super) home: Option<Country>,
    pub(super) country: Option<Country>,
    pub(super) needs_country: Option<Country>,
    pub(super) person: bool,
    pub(super) titled: bool,
    pub(super) base: bool,
}

/// What one generated key has of its own: its source, the key, its rules, gates and licence
/// (16 bytes, where a whole [`Target`] takes 52).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeyTarget {
    pub(super) source: u32,
    /// The key: where it starts in the strings, and its length (at most [`MAX_KEY`]).
    key_start: u32,
    key_len: u16,
    pub(super) generated: Rules,
    pub(super) symmetric: Rules,
    /// [`KeyTarget::GATED`] and the other bits.
    pub(super) flags: u8,
    pub(super) licence: Licence,
}

/// The longest key in bytes: an alias has at most 1,000 characters (`gazetteer`), and
/// folding makes a few bytes of each at most.
pub(super) const MAX_KEY: usize = u16::MAX as usize;

impl KeyTarget {
    /// A key part; `None` for a key longer than [`MAX_KEY`] bytes.
    pub(super) fn new(
        source: u32,
        key: Str,
        (generated, symmetric): (Rules, Rules),
        flags: u8,
        licence: Licence,
    ) -> Option<KeyTarget> {
        let key_len = u16::try_from(key.end.checked_sub(key.start)?).ok()?;
        Some(KeyTarget {
            source,
            key_start: key.start,
            key_len,
            generated,
            symmetric,
            flags,
            licence,
        })
    }

    /// The key part with its key's offset grown by `by` and its source's by `sources`.
    fn moved(mut self, by: u32, sources: u32) -> KeyTarget {
        self.key_start += by;
        self.source += sources;
        self
    }

    /// The key, in the strings.
    #[inline]
    pub(super) fn key(&self) -> Str {
        Str { start: self.key_start, end: self.key_start + u32::from(self.key_len) }
    }

    pub(super) const GATED: u8 = 1;
    pub(super) const ENGLISH: u8 = 2;
    pub(super) const PROCLITIC: u8 = 4;
    pub(super) const ENGLISH_NAME: u8 = 8;
    /// The source's given name joins this key's matches.
    pub(super) const GIVEN: u8 = 16;
    /// Every flag bit.
    pub(super) const FLAGS: u8 = 31;
}

impl Source {
    /// The source with its strings' offsets grown by `by` (its strings moved that far on).
    fn moved(mut self, by: u32) -> Source {
        self.case_kept = self.case_kept.get().map(|s| s.moved(by)).into();
        self.given = self.given.get().map(|s| s.moved(by)).into();
        self
    }
}

impl Target {
    /// The target's two parts; the key's `source` is 0 until the source has its place.
    /// `None` for a key longer than [`MAX_KEY`] bytes.
    pub(super) fn split(&self) -> Option<(Source, KeyTarget)> {
        let source = Source {
            entity: self.entity,
            alias: self.alias,
            case_kept: self.case_kept,
            given: self.given,
            caps_licence: self.caps_licence,
            cue: self.cue,
            home: self.home,
            country: self.country,
            needs_country: self.needs_country,
            person: self.person,
            titled: self.titled,
            base: self.base,
        };
        let bit = |on: bool, flag: u8| if on { flag } else { 0 };
        let flags = bit(self.gated, KeyTarget::GATED)
            | bit(self.english, KeyTarget::ENGLISH)
            | bit(self.proclitic, KeyTarget::PROCLITIC)
            | bit(self.english_name, KeyTarget::ENGLISH_NAME)
            | bit(self.given.is_some(), KeyTarget::GIVEN);
        let key =
            KeyTarget::new(0, self.key, (self.generated, self.symmetric), flags, self.licence)?;
        Some((source, key))
    }

    /// The target of a key and its source.
    #[inline]
    pub(super) fn join(source: &Source, key: &KeyTarget) -> Target {
        let flag = |f: u8| key.flags & f != 0;
        Target {
            entity: source.entity,
            alias: source.alias,
            case_kept: source.case_kept,
            key: key.key(),
            generated: key.generated,
            symmetric: key.symmetric,
            gated: flag(KeyTarget::GATED),
            english: flag(KeyTarget::ENGLISH),
            proclitic: flag(KeyTarget::PROCLITIC),
            licence: key.licence,
            caps_licence: source.caps_licence,
            base: source.base,
            english_name: flag(KeyTarget::ENGLISH_NAME),
            cue: source.cue,
            home: source.home,
            person: source.person,
            country: source.country,
            needs_country: source.needs_country,
            titled: source.titled,
            given: if flag(KeyTarget::GIVEN) { source.given } else { OptStr::NONE },
        }
    }
}

/// The sources of a tagger's keys, each kept once for a run of keys that share it: the keys of
/// one alias come one after another.
#[derive(Debug, Default)]
pub(super) struct Sources(pub(super) Vec<Source>);

/// How many of the sources kept last a new one is compared with.
const RECENT_SOURCES: usize = 8;

impl Sources {
    /// The key part of `target`, its source kept (or found among the last ones kept: the keys
    /// of one alias come one after another, most of them with the alias's one source, and
    /// comparing with the last alone kept 59 MB of them at 1M `default`, 47 MB
    /// this way, where 36 MB are distinct). [`Sources::canonical`] merges equal ones in any case.
    pub(super) fn add(&mut self, target: &Target) -> Result<KeyTarget> {
        let (source, mut key) = target.split().ok_or_else(|| {
            Error::gazetteer(format!(
                "an alias folds to a key of more than {MAX_KEY} bytes; no name is that long"
            ))
        })?;
        let n = self.0.len();
        key.source =
            match (n.saturating_sub(RECENT_SOURCES)..n).rev().find(|&i| self.0[i] == source) {
                Some(i) => i as u32,
                None => {
                    self.0.push(source);
                    n as u32
                }
            };
        Ok(key)
    }

    /// The sources in their order (as format 7 saves them: by entity, alias, then the rest),
    /// each once; `targets` are pointed at their places. A tagger built and one loaded from
    /// an older file then keep the same sources in the same order.
    pub(super) fn canonical(self, targets: &mut [KeyTarget]) -> Vec<Source> {
        let mut sources = self.0;
        let n = sources.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        // By entity and alias, then by the saved bytes (no key is kept for each: a million
        // sources would take 37 MB of them at the end of a big build).
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&sources[a as usize], &sources[b as usize]);
            (x.entity, x.alias)
                .cmp(&(y.entity, y.alias))
                .then_with(|| super::saved::source_bytes(x).cmp(&super::saved::source_bytes(y)))
        });
        // Each source's place in that order; the sources put there in place, one cycle after
        // another (a second list of them was a big build's peak).
        let mut rank = vec![0u32; n];
        for (at, &i) in order.iter().enumerate() {
            rank[i as usize] = at as u32;
        }
        drop(order);
        let mut dest = rank.clone();
        for i in 0..n {
            while dest[i] as usize != i {
                let j = dest[i] as usize;
                sources.swap(i, j);
                dest.swap(i, j);
            }
        }
        // Each once: a source without a given name is the one with it, for keys that it does
        // not join (it sorts right after it: the strings' offsets sort before none).
        let but_given = |s: &Source| Source { given: OptStr::NONE, ..*s };
        let mut kept = 0usize;
        for at in 0..n {
            let source = sources[at];
            let same = kept > 0 && {
                let last = &sources[kept - 1];
                *last == source || !source.given.is_some() && but_given(last) == source
            };
            if !same {
                sources[kept] = source;
                kept += 1;
            }
            // `dest` is free now: each place's source in the kept list.
            dest[at] = (kept - 1) as u32;
        }
        sources.truncate(kept);
        sources.shrink_to_fit();
        for t in targets {
            t.source = dest[rank[t.source as usize] as usize];
        }
        sources
    }
}

/// What a match of a target needs from its text (README, matching rules 9 and 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Licence {
    /// Nothing: it matches wherever the other rules let it.
    Free,
    /// The entity named otherwise in the same text: a surname alone of a person whose short
    /// forms are licensed.
    Named,
    /// The entity named otherwise in the text, or, in its sentence, a cue word of its label
    /// or its country: an ambiguous alias, an acronym among capitals.
    Context,
    /// A cue word of its label in its sentence: a group's or base's bare short form at the
    /// default layer (`Balad` near `base`). A base's full name elsewhere in the text licenses
    /// it too; a group's does not (`Hezbollah` of `Kata'ib Hezbollah` is mostly another group).
    Cue,
}

impl Licence {
    /// What a match needs when two reasons ask for a licence: the stricter of them. A full
    /// mention (`Named`) satisfies every kind; a cue satisfies `Cue` and `Context`.
    pub(super) fn and(self, other: Licence) -> Licence {
        use Licence::*;
        match (self, other) {
            (Free, x) | (x, Free) => x,
            (Named, _) | (_, Named) => Named,
            (Cue, _) | (_, Cue) => Cue,
            (Context, Context) => Context,
        }
    }
}

/// An automaton and, for each of its patterns, its targets (a range into the target list).
#[derive(Debug, Clone)]
pub(super) struct Scanner {
    pub(super) automaton: Automaton,
    pub(super) keys: TargetRanges,
}

impl Scanner {
    /// The scanner of these patterns (in this order) and their target ranges, with the
    /// automaton `automaton::kind_for` chooses.
    pub(super) fn new<L: PatternList + ?Sized>(
        patterns: &L,
        keys: TargetRanges,
    ) -> Result<Scanner> {
        Ok(Scanner { automaton: Automaton::build(patterns)?, keys })
    }
}

/// Each pattern's targets, a range of the target list: the ranges of a scanner's patterns
/// follow each other, so each is kept as its start, and the last one's end (4 bytes a
/// pattern, where a range takes 8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TargetRanges {
    /// Where each pattern's targets start, and where the last one's end.
    bounds: Vec<u32>,
}

impl TargetRanges {
    /// The ranges between these bounds: where each pattern's targets start, and where the
    /// last one's end (at least one bound, none smaller than the one before).
    pub(super) fn of_bounds(bounds: Vec<u32>) -> Self {
        TargetRanges { bounds }
    }

    /// The ranges of patterns with these numbers of targets, from target `first` on.
    pub(super) fn of_counts(first: u32, counts: impl ExactSizeIterator<Item = u32>) -> Self {
        let mut bounds = Vec::with_capacity(counts.len() + 1);
        bounds.push(first);
        let mut at = first;
        for n in counts {
            at += n;
            bounds.push(at);
        }
        TargetRanges { bounds }
    }

    /// The targets of pattern `p`.
    #[inline]
    pub(super) fn get(&self, p: usize) -> Range<u32> {
        self.bounds[p]..self.bounds[p + 1]
    }

    /// The number of patterns.
    pub(super) fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each pattern's targets, in pattern order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Range<u32>> + '_ {
        self.bounds.windows(2).map(|w| w[0]..w[1])
    }

    /// The heap bytes held.
    pub(super) fn heap_bytes(&self) -> usize {
        self.bounds.capacity() * 4
    }
}

/// What a gazetteer compiles to.
pub(super) struct Compiled {
    /// For each entity, the entities its `meta.affiliation` names, and theirs (two steps):
    /// a text that names an entity licenses the ambiguous aliases of those (`Qais al-Khazali`
    /// licenses `PMF`: he leads Asa'ib Ahl al-Haq, a PMF faction).
    pub(super) related: Related,
    /// The first words of people's Arabic-script names in the gazetteer (`مصطفى`, `قيس`): one
    /// right before a family name alone makes it another person's (`حيدر الكاظمي`).
    pub(super) arabic_given: HashSet<String>,
    /// Keys found as they are folded (acronyms, layer `none`, Arabic script), searched on the
    /// folded text.
    pub(super) on_folded: Scanner,
    /// Keys that may match through skeleton rules, searched on the text's skeleton.
    pub(super) on_skeleton: Scanner,
    /// The keys' own parts, in pattern order, and the sources they share.
    pub(super) targets: Vec<KeyTarget>,
    pub(super) sources: Vec<Source>,
    /// The targets' strings.
    pub(super) strings: Strings,
    /// The widest layer any alias uses: the skeleton the text is scanned on.
    pub(super) scan: Layer,
}

/// Compiles a gazetteer's aliases into targets and automata.
pub(super) fn compile(gazetteer: &Gazetteer, options: Options) -> Result<Compiled> {
    let scan = gazetteer
        .entities()
        .iter()
        .flat_map(|e| e.aliases.iter().map(move |a| layer_of(options, e, a)))
        .max()
        .unwrap_or(options.variants);
    let scan_rules = scan.rules().and(Rules::SKELETON);
    let (mut folded_keys, mut skeleton_keys) = (Patterns::default(), Patterns::default());
    // At `none` every key goes to the folded text's scanner at once; at the other layers, the
    // keys without skeleton rules wait in `folded_targets` for where they go (below).
    let keys_here = if scan == Layer::None { &mut folded_keys } else { &mut skeleton_keys };
    let mut folded_targets = Vec::new();
    let mut strings = Strings::default();
    let mut sources = Sources::default();
    let run = Run { gazetteer, options, scan, scan_rules };
    // Runs of entities are compiled on every core of the pool the build runs on
    // (`Tagger::build`), a group of them at a time, while the group before joins the tagger's
    // lists in entity order on one thread: the tagger is the same as one compiled in a single
    // pass (issue 13: a million aliases took 24 s on one core).
    let runs = entity_runs(gazetteer);
    let mut compiled: Vec<Result<Batch>> = Vec::new();
    let at_once = runs_at_once(runs.len());
    let groups = runs.len().div_ceil(at_once);
    for (g, group) in runs.chunks(at_once).map(Some).chain([None]).enumerate() {
        let done = std::mem::take(&mut compiled);
        let (joined, next) = rayon::join(
            || -> Result<()> {
                for batch in done {
                    batch?.join(
                        scan,
                        &mut strings,
                        &mut sources,
                        keys_here,
                        &mut folded_targets,
                    )?;
                }
                Ok(())
            },
            || match group {
                Some(group) => {
                    use rayon::prelude::*;
                    group.par_iter().map(|r| run.compile(r.clone())).collect()
                }
                None => Vec::new(),
            },
        );
        joined?;
        compiled = next;
        // What the runs of a gazetteer of several groups freed, given back as it goes: each
        // thread's allocator keeps what it freed otherwise, and the last groups' were the
        // build's peak. Not after the last join: the trim below follows it.
        if g < groups && g % TRIM_EVERY == TRIM_EVERY - 1 {
            super::super::release_freed_memory();
        }
    }
    // The runs' own lists, freed, are given back before the steps of the build's peak (each
    // thread's allocator keeps a group's worth of them otherwise); not for a gazetteer of one
    // group, whose lists are few (the Python layer gives back what a whole build freed).
    if runs.len() > at_once {
        super::super::release_freed_memory();
    }
    // When the text's skeleton is made anyway, one scan of it finds the folded keys too: a
    // whole-word match covers whole Latin words, whose skeletons do not depend on what stands
    // around them, and the check of each hit then asks for no rule. Without whole words a key
    // may match inside a word, whose skeleton can differ (`sad` in `assad`), so the folded
    // text is scanned for them.
    let one_scan = options.whole_words && !skeleton_keys.ends.is_empty();
    for target in folded_targets {
        let key = strings.get(target.key()).as_bytes();
        if one_scan {
            skeleton_keys.add(&skeleton(key, scan_rules), target)?;
        } else {
            folded_keys.add(key, target)?;
        }
    }
    strings.0.shrink_to_fit();
    let mut targets = Vec::new();
    // Each scanner's automaton laid out while what follows runs: the other's targets placed,
    // then the sources put in order, the affiliations and the given names (all on `targets`
    // or the gazetteer alone).
    let (on_folded, skeleton) = folded_keys.build_then(&mut targets, |targets| {
        skeleton_keys.build_then(targets, |targets| {
            targets.shrink_to_fit();
            let sources = sources.canonical(targets);
            (sources, affiliations(gazetteer), arabic_given_names(gazetteer, options))
        })
    })?;
    let (on_skeleton, (sources, related, arabic_given)) = skeleton?;
    Ok(Compiled { related, arabic_given, on_folded, on_skeleton, targets, sources, strings, scan })
}

/// An alias's layer: its own, else its entity's, else the tagger's.
fn layer_of(options: Options, e: &Entity, a: AliasRef<'_>) -> Layer {
    a.variants.or(e.variants()).unwrap_or(options.variants)
}

/// About how many aliases a run of entities has, that one thread compiles at a time.
const RUN_ALIASES: usize = 1024;

/// How many runs are compiled while the ones before join the tagger: enough to keep every core
/// busy and seldom waiting for the slowest run of a group (issue 13: eight made a 1M `default`
/// build 1.08x slower), few enough that what waits to join stays small beside the tagger.
const RUNS_AT_ONCE: usize = 32;

/// The fewest runs compiled at a time.
const FEWEST_AT_ONCE: usize = 8;

/// How many runs of a gazetteer of `runs` are compiled at a time: [`RUNS_AT_ONCE`], and for a
/// gazetteer of fewer than eight such groups an eighth of its runs, at least
/// [`FEWEST_AT_ONCE`] (issue 13: two groups of 32 in flight, one compiled and one joining,
/// were most of the peak of a build of 30k-100k aliases at `default`, 1.6-1.75x its final
/// size; 1.25-1.35x in eighths, in the same time within this host's noise).
fn runs_at_once(runs: usize) -> usize {
    (runs / 8).clamp(FEWEST_AT_ONCE, RUNS_AT_ONCE)
}

/// Every how many groups of runs a build gives back what it freed (issue 13: the last
/// groups of a 1M `default` build, with what they freed kept, were its peak).
const TRIM_EVERY: usize = 4;

/// The gazetteer's entities in runs of about [`RUN_ALIASES`] aliases.
fn entity_runs(gazetteer: &Gazetteer) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut aliases) = (0, 0);
    for (i, e) in gazetteer.entities().iter().enumerate() {
        aliases += e.aliases.len();
        if aliases >= RUN_ALIASES {
            runs.push(start..i + 1);
            (start, aliases) = (i + 1, 0);
        }
    }
    if start < gazetteer.entities().len() {
        runs.push(start..gazetteer.entities().len());
    }
    runs
}

/// What compiling a run of entities reads.
struct Run<'a> {
    gazetteer: &'a Gazetteer,
    options: Options,
    scan: Layer,
    scan_rules: Rules,
}

/// The targets of a run of entities, with strings of their own (kept from offset 0), split
/// as the tagger keeps them (sources of their own, from 0) and, for each key the skeleton's
/// scanner takes, its pattern there (a range of `patterns`): made on any thread, then joined
/// to the tagger's lists in entity order ([`Batch::join`]). A key's own part takes 16 bytes
/// where a whole [`Target`] took 52: less held while runs wait to join (issue 13).
#[derive(Default)]
struct Batch {
    strings: Strings,
    patterns: Vec<u8>,
    sources: Sources,
    keys: Vec<(KeyTarget, Option<(u32, u32)>)>,
    /// Room for one pattern as it is made.
    scratch: Vec<u8>,
}

impl Batch {
    /// Keeps `target`, with its pattern on the text's skeleton when it is searched there.
    fn add(&mut self, target: Target, run: &Run<'_>) -> Result<()> {
        // Skeleton rules only rewrite Latin letters: a key without one (Arabic script, digits)
        // is found the same on the folded text as on its skeleton, by the cheaper scan.
        let key = self.strings.get(target.key).as_bytes();
        let on_skeleton = run.scan != Layer::None
            && !target.symmetric.is_empty()
            && key.iter().any(|b| b.is_ascii_alphabetic());
        let pattern = on_skeleton.then(|| {
            let start = self.patterns.len() as u32;
            skeleton_into(key, run.scan_rules, &mut self.scratch);
            self.patterns.extend_from_slice(&self.scratch);
            (start, self.patterns.len() as u32)
        });
        let part = self.sources.add(&target)?;
        self.keys.push((part, pattern));
        Ok(())
    }

    /// Joins the run's targets to the tagger's: its strings after the tagger's, its sources
    /// after the tagger's (a run's entities are its own, so its first source is never the
    /// tagger's last one again), each key to the scanner that finds it (`keys`), or at layers
    /// other than `none`, to `folded` when it has no skeleton pattern.
    fn join(
        self,
        scan: Layer,
        strings: &mut Strings,
        sources: &mut Sources,
        keys: &mut Patterns,
        folded: &mut Vec<KeyTarget>,
    ) -> Result<()> {
        let by = strings.append(&self.strings)?;
        let first = sources.0.len() as u32;
        sources.0.extend(self.sources.0.into_iter().map(|s| s.moved(by)));
        for (part, pattern) in self.keys {
            let part = part.moved(by, first);
            match pattern {
                Some((start, end)) => {
                    keys.add(&self.patterns[start as usize..end as usize], part)?
                }
                None if scan == Layer::None => {
                    keys.add(strings.get(part.key()).as_bytes(), part)?
                }
                None => folded.push(part),
            }
        }
        Ok(())
    }
}

impl Run<'_> {
    /// The targets of the entities `entities`.
    fn compile(&self, entities: Range<usize>) -> Result<Batch> {
        let (gazetteer, options) = (self.gazetteer, self.options);
        let mut out = Batch::default();
        for (ei, entity) in gazetteer.entities()[entities.clone()].iter().enumerate() {
            let ei = entities.start + ei;
            let entity_strings = out.strings.0.len();
            let ambiguous_keys: HashSet<String> = entity
                .aliases
                .iter()
                .filter(|a| a.is_ambiguous())
                .map(|a| fold_key(a.text, options.case_sensitive))
                .collect();
            // The generic names that stand for the body where the text names its country,
            // made once each (`foreign ministry` of every head form of a foreign ministry).
            let mut rests: HashSet<String> = HashSet::default();
            // What the entity's aliases share, read once for all of them.
            // Generic names of state bodies carry their country (README, matching rule 12).
            // A state body's or party's generic name (all English words, or Arabic script:
            // `Interior Ministry`, `Federal Police`, `Progress Party`, `وزارة الداخلية`); an
            // international body's name, or one with a proper name in it (`Sadiqoun bloc`,
            // `Kurdistan Justice Group`), is nobody else's.
            let kind = entity.meta_str("kind");
            let cue = CueLabel::of_entity(entity.label(), kind);
            let state_kind = cue == Some(CueLabel::Institution)
                && !matches!(kind, Some("international" | "organization"));
            let country_code = entity.meta_str("country");
            let home = country_code.and_then(Country::from_code);
            // An Iraqi state body (no party, outlet or company), whose aliases may name the
            // Kurdistan Region: its country, to which a name cut from the Region's is bound.
            let region_home = home.filter(|_| {
                country_code == Some("IQ")
                    && matches!(
                        kind,
                        Some(
                            "government"
                                | "legislature"
                                | "judiciary"
                                | "security-service"
                                | "armed-forces"
                        )
                    )
            });
            let person = entity.is_person();
            // A name of a country whose names are not Arabic is transliterated in Arabic
            // script, and spelled more ways there.
            let foreign = country_code.is_some_and(|c| !ARABIC_NAMED_COUNTRIES.contains(&c));
            let media = cue == Some(CueLabel::Media);
            let name_kind = NameKind::of_label(entity.label());
            // A base whose Latin bare name is a place (`Erbil` of `Erbil Air Base`) has no
            // bare name in Arabic script either (`اربيل` of `قاعدة اربيل الجوية`), whatever
            // the Arabic spelling: the table's Arabic places are only as written (README,
            // matching rule 11). Asked only of a base that has an Arabic bare name: it
            // generates the base's Latin keys again.
            let bare_is_place = std::cell::OnceCell::new();
            let bare_is_place = || {
                *bare_is_place.get_or_init(|| {
                    entity.aliases.iter().any(|a| {
                        let key = fold_key(a.text, false);
                        !is_arabic_key(&key)
                            && generate(&key, Layer::Default.rules().with(Rules::WORD), name_kind)
                                .iter()
                                .any(|g| g.rules.contains(Rules::WORD) && is_place_key(&g.key))
                    })
                })
            };
            for (ai, alias) in entity.aliases.iter().enumerate() {
                let key = fold_key(alias.text, options.case_sensitive);
                if key.is_empty() {
                    // Entities are validated when made; this guards data built another way.
                    return Err(Error::gazetteer(format!(
                        "entity {:?}: alias {:?} has nothing to match",
                        entity.id(),
                        alias.text
                    )));
                }
                let case_kept = !options.case_sensitive && keeps_case(entity, alias);
                let layer = layer_of(options, entity, alias);
                let state_body = state_kind && generic_name(&key);
                let source = AliasSource {
                    entity: ei as u32,
                    alias: ai as u32,
                    text: alias.text,
                    key: &key,
                    key_at: out.strings.add_near(&key, entity_strings)?,
                    entity_strings,
                    case_kept: match case_kept {
                        true => Some(out.strings.add(&fold_key(alias.text, true))?),
                        false => None,
                    },
                    layer,
                    case_insensitive: alias.case_sensitive == Some(false),
                    ambiguous: alias.is_ambiguous(),
                    partial_licence: entity.partial_of(alias) == Partial::Licensed,
                    licensing: options.licensing,
                    cue,
                    home,
                    person,
                    country: home.filter(|_| state_body).filter(|_| alias_country(&key).is_none()),
                    titled: person
                        && layer.rules().contains(Rules::PARTIAL)
                        && !options.case_sensitive,
                };
                // Exact-case aliases (acronyms) and exact-case taggers get no generated keys:
                // generation works on lower-case words.
                let generated = if case_kept || options.case_sensitive {
                    generate(&key, Layer::None.rules(), NameKind::Other)
                } else {
                    // The default layer also makes a group's or base's bare short forms, which
                    // match only where the text licenses them (`Taji` near `base`).
                    let rules = if layer == Layer::Default && options.licensing {
                        layer.rules().with(Rules::WORD)
                    } else {
                        layer.rules()
                    };
                    generate(&key, rules, name_kind)
                };
                // The name in Arabic script as other papers spell it (`الأميركية` for
                // `الأمريكية`; a foreign name without a long vowel, `بلنكن` for `بلينكن`).
                let generated = if !case_kept
                    && !options.case_sensitive
                    && layer.rules().contains(Rules::VOWEL)
                    && is_arabic_key(&key)
                {
                    with_arabic_spellings(generated, foreign)
                } else {
                    generated
                };
                // A country's government, army, parliament or ministry (`meta.head`) is also
                // named by its country's demonym or name and the head word, in English and Arabic
                // (`Iraqi government`, `Iraq's parliament`, `الحكومة العراقية`): built from the
                // table of countries, not listed by hand (README, the embedded gazetteer).
                if ai == 0 {
                    for form in head_forms(entity) {
                        let key = fold_key(&form, options.case_sensitive);
                        if !key.is_empty() && key != source.key {
                            // The head word alone stands for the body where the text ties it to
                            // the country (`Lebanon's Foreign Ministry ... the Foreign Ministry`).
                            if !options.case_sensitive {
                                for (country, rest) in country_rests(&key) {
                                    if home == Some(country) && rests.insert(rest.clone()) {
                                        let target = source.country_bound(
                                            rest,
                                            country,
                                            &mut out.strings,
                                        )?;
                                        out.add(target, self)?;
                                    }
                                }
                            }
                            let target = source.target(key, Rules::COUNTRY, &mut out.strings)?;
                            out.add(target, self)?;
                        }
                    }
                }
                // A body's alias that names its country (`British Ministry of Defence`) also
                // stands, without those words, for the body where the text names the country
                // otherwise (`Britain's Ministry of Defence`, `the UK's defence ministry`).
                if state_kind && !case_kept && !options.case_sensitive {
                    for (country, rest) in country_rests(&key) {
                        if rests.insert(rest.clone()) {
                            let target = source.country_bound(rest, country, &mut out.strings)?;
                            out.add(target, self)?;
                        }
                    }
                }
                // A Kurdistan Region body's alias that names the Region (`وزارة الكهرباء في
                // إقليم كوردستان`, `KRG's Ministry of Electricity`) also stands, without those
                // words, for the body where the words around the name name the Region
                // (`وزارة الكهرباء في الإقليم`, `the Kurdish Ministry of Electricity`): bound to
                // its country, which the search reads as the Region for the Region's bodies.
                if let Some(iraq) = region_home.filter(|_| !case_kept && !options.case_sensitive) {
                    if let Some(rest) = region_rest(&key).filter(|r| generic_name(r)) {
                        for rest in generic_forms(&rest) {
                            if rests.insert(rest.clone()) {
                                let target = source.country_bound(rest, iraq, &mut out.strings)?;
                                out.add(target, self)?;
                            }
                        }
                    }
                }
                let partial_off = entity.partial_of(alias) == Partial::Off;
                // A Gulf ruler's kin (`Meshal Al-Ahmad Al-Sabah`): a one-word short form of the
                // name (the first given name, `Meshal`, also others' names) waits for a full
                // mention.
                let royal =
                    person && royal_given_name(&key.split(' ').collect::<Vec<_>>()).is_some();
                for g in generated {
                    if partial_off && g.rules.contains(Rules::PARTIAL) {
                        continue;
                    }
                    // An Arabic short form may be too common a word to stand alone (`ابو علي`).
                    let arabic_gate = arabic_gate(&g.key, g.rules, person, &key, media);
                    if arabic_gate == ArabicGate::Skip {
                        continue;
                    }
                    // A group's or base's name cut down to a town, province or country names the
                    // place (`Erbil` of `Erbil Air Base`, `Deir ez-Zor` of `Deir ez-Zor Air Base`,
                    // `بابل` of `معسكر بابل`).
                    if g.rules.contains(Rules::PARTIAL)
                        && !person
                        && (is_place_key(&g.key)
                            || is_arabic_key(&g.key)
                                && (is_arabic_place_key(&g.key)
                                    || g.rules.contains(Rules::WORD) && bare_is_place()))
                    {
                        continue;
                    }
                    // A person's name cut down to a town, province or country (`Kobani` of
                    // `Mazloum Kobani`, a nom de guerre) names the place. The family name of
                    // the entity's own name (`Amedi` of `Nizar Amedi`) stays, for the checks
                    // around a hit: the town after a preposition of place, the person where
                    // the text names them otherwise.
                    if person
                        && g.rules.contains(Rules::PARTIAL)
                        && is_place_name(&g.key)
                        && !is_family_name_of(&g.key, entity.name())
                    {
                        continue;
                    }
                    // A person's name cut down to given names only (`Hussein` of `Fuad Hussein`,
                    // `Abu Mohammed`, `Muhammad Ali`) mostly names someone else: it is the
                    // person's only where the same text names them otherwise (`Bashar al-Assad`
                    // before `Assad`), as news names a person in full before the surname alone.
                    // A nisba alone (`Iraqi` of `Ahmed al-Iraqi`) is the adjective: never.
                    let given_only =
                        person && g.rules.contains(Rules::PARTIAL) && only_given_names(&g.key);
                    if given_only && (!options.licensing || only_nisba(&g.key)) {
                        continue;
                    }
                    let spells_ambiguous = ambiguous_keys.contains(&g.key);
                    let honours_person = !person
                        && options.licensing
                        && g.rules.contains(Rules::PARTIAL)
                        && opens_with_given_name_title(&g.key);
                    let royal_given =
                        royal && g.rules.contains(Rules::PARTIAL) && !g.key.contains(' ');
                    let mut target = source.target(g.key, g.rules, &mut out.strings)?;
                    if given_only || royal_given && options.licensing {
                        target.licence = target.licence.and(Licence::Named);
                    }
                    // A group's, base's or body's name cut down to an honorific and a given name
                    // (`Imam Ali` of `Imam Ali Air Base`, `King Hussein` of `King Hussein Air
                    // Base`) is mostly the person it honours: the base's only beside a cue word
                    // of its label, as a bare short form is.
                    if honours_person {
                        target.licence = target.licence.and(Licence::Cue);
                    }
                    if let ArabicGate::Licence(licence) = arabic_gate {
                        if options.licensing {
                            target.licence = target.licence.and(licence);
                        }
                    }
                    // A short form that spells an alias marked ambiguous (`K1` of `K-1 Air Base`
                    // beside the ambiguous alias `K1`) is as ambiguous as that alias.
                    if options.licensing && !g.rules.is_empty() && spells_ambiguous {
                        target.licence = target.licence.and(Licence::Context);
                    }
                    out.add(target, self)?;
                }
            }
        }
        Ok(out)
    }
}

/// Whether an alias matches only with the capitals that make it a name: set so in the
/// dictionary, an acronym, or - when the dictionary does not say - a name of several words that
/// are all English words (`Peace Brigades`, `Camp Justice`, `Pat White`, `Solution Party`) of a
/// person, armed group, base or party, which in lower case is an ordinary phrase (`the peace
/// brigades`, `a solution party`). State bodies keep matching in lower case (`the interior
/// ministry`), as news writes them.
pub(crate) fn keeps_case(entity: &Entity, alias: AliasRef<'_>) -> bool {
    if alias.is_case_sensitive() {
        return true;
    }
    if alias.case_sensitive.is_some() {
        return false;
    }
    let proper = match CueLabel::of(entity.label()) {
        Some(CueLabel::Person | CueLabel::Militia | CueLabel::Base | CueLabel::Crossing) => true,
        Some(CueLabel::Institution | CueLabel::Media) => entity.meta_str("kind") == Some("party"),
        None => false,
    };
    if !proper {
        return false;
    }
    let words: Vec<&str> = alias.text.split_whitespace().collect();
    words.len() >= 2
        && alias.text.chars().any(char::is_uppercase)
        && words.iter().all(|w| {
            let folded = fold_key(w, false);
            !folded.is_empty() && folded.split(' ').all(is_english_word)
        })
}

/// The generic names that a body's folded alias (or a name made from its `meta.head`) leaves
/// when the country it names is taken out, each with that country: `british ministry of
/// defence` leaves `ministry of defence`, `defence ministry` and their `defense` spellings (the
/// text may write it any of these ways: [`generic_forms`]); `وزارة الداخلية السورية` leaves
/// `وزارة الداخلية`. None where what is left is one English word (`government`), or in Arabic script one word (`الجيش`): too bare to stand
/// for a body.
fn country_rests(key: &str) -> Vec<(Country, String)> {
    let named = alias_country(key)
        .or_else(|| arabic_alias_country(key).filter(|(_, rest)| rest.contains(' ')));
    let Some((country, rest)) = named else { return Vec::new() };
    if !rest.contains(' ') && is_english_word(&rest) {
        return Vec::new();
    }
    generic_forms(&rest).into_iter().map(|rest| (country, rest)).collect()
}

/// Whether a folded alias is a generic name that any country's body may bear: made only of
/// English words (`interior ministry`, `federal police`), or in Arabic script.
fn generic_name(key: &str) -> bool {
    if key.bytes().any(|b| b.is_ascii_alphabetic()) {
        key.split(' ')
            .all(|w| w.is_empty() || is_english_word(w) || w.chars().all(|c| c.is_ascii_digit()))
    } else {
        true
    }
}

/// One `meta.head` value: its name, its English head words, and its Arabic nouns, each with
/// whether the demonym after it is feminine.
type Head = (&'static str, &'static [&'static str], &'static [(&'static str, bool)]);

/// The head words of `meta.head`: English words, and the Arabic noun with the gender of the
/// demonym that follows it.
const HEADS: &[Head] = &[
    ("government", &["government", "cabinet"], &[("الحكومة", true)]),
    ("administration", &["administration"], &[("الإدارة", true)]),
    ("army", &["army"], &[("الجيش", false)]),
    ("armed-forces", &["armed forces", "military"], &[("القوات المسلحة", true)]),
    ("parliament", &["parliament"], &[("البرلمان", false), ("مجلس النواب", false)]),
    ("presidency", &["presidency"], &[("الرئاسة", true)]),
    (
        "foreign-ministry",
        &["foreign ministry", "ministry of foreign affairs", "foreign affairs ministry"],
        &[("وزارة الخارجية", true)],
    ),
    (
        "defence-ministry",
        &["defence ministry", "defense ministry", "ministry of defence", "ministry of defense"],
        &[("وزارة الدفاع", true)],
    ),
    (
        "interior-ministry",
        &["interior ministry", "ministry of interior", "ministry of the interior"],
        &[("وزارة الداخلية", true)],
    ),
];

/// The names of a country's body that `meta.head` (one head or a list) and `meta.country`
/// make: `Iraqi government`, `Iraq's government`, `government of Iraq`, `UAE government` (a
/// name written in capitals is used as an adjective), `الحكومة العراقية`.
fn head_forms(entity: &Entity) -> Vec<String> {
    let country = entity.meta_str("country").and_then(Country::from_code);
    let Some(country) = country else { return Vec::new() };
    let head = entity.meta_value("head");
    let heads: Vec<&str> = match &head {
        Some(serde_json::Value::String(head)) => vec![head.as_str()],
        Some(serde_json::Value::Array(heads)) => heads.iter().filter_map(|h| h.as_str()).collect(),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for head in heads {
        if let Some(&(_, english, arabic)) = HEADS.iter().find(|(name, ..)| *name == head) {
            out.extend(forms_of_head(country, english, arabic));
        }
    }
    out
}

/// The names [`head_forms`] makes for one head.
fn forms_of_head(country: Country, english: &[&str], arabic: &[(&str, bool)]) -> Vec<String> {
    let forms = country_forms(country);
    let mut out = Vec::new();
    for word in english {
        let title: String = word
            .split(' ')
            .map(|w| {
                if w == "of" || w == "the" {
                    w.to_owned()
                } else {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        for demonym in &forms.demonyms {
            out.push(format!("{demonym} {word}"));
        }
        for name in &forms.names {
            let attributive = name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            if attributive && !forms.demonyms.contains(name) {
                out.push(format!("{name} {word}"));
            }
            out.push(format!("{name}'s {word}"));
            if !word.contains(" of ") {
                out.push(format!("{title} of {name}"));
            }
        }
    }
    for &(noun, feminine) in arabic {
        let demonyms = if feminine { &forms.arabic_feminine } else { &forms.arabic_masculine };
        for demonym in demonyms {
            out.push(format!("{noun} {demonym}"));
        }
    }
    out
}

/// The most common given names and name openings, folded: a short form that keeps one of them
/// with the family name (`Mohammed al-Mayahi`) may well be someone else.
pub(super) const COMMONEST_GIVEN: &[&str] = &[
    "mohammed", "muhammad", "mohammad", "ali", "ahmed", "ahmad", "hussein", "hassan", "abu",
    "abdul", "محمد", "علي", "احمد", "حسين", "حسن", "عبد", "ابو",
];

/// Whether a person's short form keeps the given name of its alias and a family name: the name
/// without a middle part (`Nassif al-Khattabi` of `Nassif Jassim al-Khattabi`). Such a form
/// names the person as surely as the full name does, so a licence is not asked of it, unless
/// the given name is one of the commonest and only one name follows it (`Mohammed al-Mayahi`
/// may be anyone's; `محمد أحمد مفتاح` of `محمد أحمد أحمد مفتاح` is three of his four names).
fn keeps_given_name(alias_key: &str, key: &str) -> bool {
    // The whole given name (`Abu Ibrahim`, `Abd al-Rahman`), told common by its last word:
    // `Abu Ibrahim al-Qurashi` keeps one, `Abu Ali al-Tai` a common one.
    let (head, given) = given_name_of(alias_key);
    if given == 0 {
        return false;
    }
    let common = COMMONEST_GIVEN.contains(&head[given - 1]);
    let mut words = key_words(key);
    if !head[..given].iter().all(|&g| words.next() == Some(g)) {
        return false;
    }
    // Words after the given name, those of four bytes or more, and names (not an article or
    // `bin`).
    let (mut rest, mut long, mut names) = (0, false, 0);
    for w in words {
        (rest, long) = (rest + 1, long || w.len() >= 4);
        if w.len() >= 3 && !PATRONYM_WORDS.contains(&w) {
            names += 1;
        }
    }
    // The family name is the alias's last word: a form that drops it keeps given names only
    // (`José Manuel` of `José Manuel Albares`).
    let family_kept = key_words(key).last() == key_words(alias_key).last();
    rest >= 1
        && long
        && family_kept
        && given + rest < key_words(alias_key).count()
        && (!common || names >= 2)
}

/// `bin`, `ibn`, `bint`, folded: no name of their own ([`keeps_given_name`]).
const PATRONYM_WORDS: &[&str] =
    &["bin", "ibn", "bint", "\u{0628}\u{0646}", "\u{0627}\u{0628}\u{0646}"];

/// The first words of a person's folded key, as many as a given name may have, and how many of
/// them make its given name ([`given_name_words`]).
fn given_name_of(key: &str) -> ([&str; 4], usize) {
    let mut words = [""; 4];
    let mut n = 0;
    for (slot, w) in words.iter_mut().zip(key_words(key)) {
        (*slot, n) = (w, n + 1);
    }
    let given = given_name_words(&words[..n]).min(n);
    (words, given)
}

/// What the Arabic-script partial rule allows for a short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArabicGate {
    /// Not an Arabic short form, or nothing to ask of it.
    Free,
    /// Not a short form worth making (`ابو علي`: a kunya made of a common given name).
    Skip,
    /// A short form that needs this licence.
    Licence(Licence),
}

/// Whether a folded key of one word is the last word of `name`, an entity's own name, folded
/// (`amedi` of `Nizar Amedi`).
fn is_family_name_of(key: &str, name: &str) -> bool {
    !key.contains(' ') && fold_key(name, false).rsplit(' ').next() == Some(key)
}

/// A folded Arabic key with `لل` (`ل` and the article) read as the article (`ال`): `للحشد` is
/// judged as `الحشد`.
pub(super) fn with_article(key: &str) -> String {
    key.strip_prefix("\u{0644}\u{0644}")
        .map_or_else(|| key.to_owned(), |rest| format!("\u{0627}\u{0644}{rest}"))
}

/// The gate of an Arabic-script short form, from how common its word is in Arabic text
/// (`variants::arabic_zipf`; Arabic has no capitals to tell a name from a word): a person's
/// family name that is a demonym (`السوداني`) or a very common word (`المهندس`, the engineer;
/// also the best-known surnames) needs the person named in full in the same text, a fairly
/// common one (`العامري`) a full mention or a cue word (`قال`), a rare one (`الخزعلي`) nothing;
/// a kunya of a common given name (`ابو علي`) is not made; a group's short form (`النجباء`,
/// `العصائب`) needs a licence from its context.
fn arabic_gate(key: &str, rules: Rules, person: bool, alias: &str, media: bool) -> ArabicGate {
    if !rules.contains(Rules::PARTIAL) || !key.chars().any(crate::core::fold::is_arabic_block) {
        return ArabicGate::Free;
    }
    let base = with_article(key);
    if !person {
        // An outlet's name without the noun of its kind (`دجلة` of `قناة دجلة`, the Tigris as
        // well) is the outlet where the text names it in full; the commonest words never are
        // (`الشرقية`, eastern).
        // Not another body's (`الخزعلي` of `شبكة الخزعلي`, the Khazali network, is the man).
        if crate::core::variants::generate::outlet_name_rest(alias) == Some(key) {
            if !media {
                return ArabicGate::Skip;
            }
            let words_zipf = base.split(' ').map(arabic_zipf).max().unwrap_or(0);
            return if base.contains(' ') && !base.starts_with("\u{0627}\u{0644}") || words_zipf < 45
            {
                ArabicGate::Licence(Licence::Named)
            } else {
                ArabicGate::Skip
            };
        }
        // `مطار بغداد` of `مطار بغداد الدولي`: a name that keeps its head noun is as sure as
        // the whole.
        if base.contains(' ') && !base.starts_with("\u{0627}\u{0644}") {
            return ArabicGate::Free;
        }
        // A base's bare name (`سبايكر`, `حرير`) already needs a cue or the base named in full:
        // only the commonest words are none (`التقدم`, progress; `بلد`, country).
        if rules.contains(Rules::WORD) {
            return if arabic_zipf(&base) >= 40 { ArabicGate::Skip } else { ArabicGate::Free };
        }
        // `القوات`, `الحزب`, `السيادة`: a group's short form that is a common word is none.
        return if arabic_zipf(&base) >= 34 {
            ArabicGate::Skip
        } else {
            ArabicGate::Licence(Licence::Context)
        };
    }
    if let Some(name) = base.strip_prefix("\u{0627}\u{0628}\u{0648} ") {
        // A family name that `ابو` opens (`ابو ريشة` of `عبد الستار ابو ريشة`, whose word is a
        // feather) is the man's where the text names him in full; a kunya (`ابو علي` of `ابو
        // علي البصري`) of a common name is anyone's.
        if alias.len() > key.len() && alias.ends_with(key) {
            return ArabicGate::Licence(Licence::Named);
        }
        return if arabic_zipf(name) >= 35 { ArabicGate::Skip } else { ArabicGate::Free };
    }
    // A family name that `شيخ` opens (`شيخ جنكي` of `لاهور شيخ جنكي`) is the family's man
    // where the text names him in full; `شيخ` and a given name (`شيخ محمد` of `آرام شيخ
    // محمد`) are any sheikh's.
    if let Some(name) = base.strip_prefix(crate::core::variants::generate::ARABIC_SHEIKH) {
        if let Some(name) = name.strip_prefix(' ') {
            return if alias.len() > key.len()
                && alias.ends_with(key)
                && !is_common_arabic_given(name)
                && arabic_zipf(name) < COMMON_WORD_ZIPF
            {
                ArabicGate::Licence(Licence::Named)
            } else {
                ArabicGate::Skip
            };
        }
    }
    // The given name and the father's, without the family name (`محمد نوري` of `محمد نوري
    // الكربولي`), are anyone's two names: the man's where the text names him in full.
    if key.contains(' ')
        && alias.len() > key.len()
        && alias.starts_with(key)
        && alias.as_bytes()[key.len()] == b' '
    {
        return ArabicGate::Licence(Licence::Named);
    }
    let zipf = arabic_zipf(&base);
    // A family name without the article (`قاآني`, `مصطفى` of `نوشيروان مصطفى`) is often a given
    // name or a word: any word of the list needs a licence, a fairly common one a full mention
    // (and a common word that is seldom a name a verb before it too: `سلام` of `نواف سلام` is
    // peace in `اتفاق سلام`, the man in `وقال سلام`).
    if !base.starts_with("\u{0627}\u{0644}") {
        // A demonym without the article (`ايراني` of `شهرام ايراني`) is mostly an adjective
        // (`حليف ايراني`, an Iranian ally).
        // A name of four letters that a proclitic letter opens may be that letter and a word
        // of three (`ويفر` of `بارت دي ويفر` is `و` + `يفر`, and he flees).
        let proclitic_and_word = base.chars().count() == 4
            && base.starts_with(['\u{0648}', '\u{0641}', '\u{0628}', '\u{0644}', '\u{0643}']);
        // A name of two or three letters (`طه`, `عون`, `كين`) is a word or a syllable of many
        // more: the person named in full first; one of the common given names (`حسن`, `علي`)
        // is anyone's, even then, and one of the commonest words (`بين`, between; `حرب`, war)
        // is the word, and a hit on nearly every line that waits for nothing.
        let short = base.chars().count() <= 3;
        if short && (is_common_arabic_given(&base) || zipf >= 46) {
            return ArabicGate::Skip;
        }
        return if zipf >= 30
            || short
            || is_arabic_word_surname(&base)
            || is_arabic_people_word(&base)
            || proclitic_and_word
        {
            ArabicGate::Licence(Licence::Named)
        } else if zipf > 0 {
            ArabicGate::Licence(Licence::Context)
        } else {
            ArabicGate::Free
        };
    }
    if is_arabic_people_word(&base) || zipf >= 40 || is_arabic_news_word_surname(&base) {
        ArabicGate::Licence(Licence::Named)
    } else if zipf >= 34 {
        ArabicGate::Licence(Licence::Context)
    } else {
        ArabicGate::Free
    }
}

/// Whether a folded key has Arabic-script letters.
fn is_arabic_key(key: &str) -> bool {
    key.chars().any(crate::core::fold::is_arabic_block)
}

/// Common Arabic given names, beside those the gazetteer's own people have.
pub(super) const ARABIC_GIVEN_NAMES: &[&str] = &[
    "محمد",
    "أحمد",
    "علي",
    "حسن",
    "حسين",
    "حيدر",
    "مصطفى",
    "عباس",
    "جعفر",
    "كاظم",
    "قاسم",
    "هادي",
    "قيس",
    "عمار",
    "عمر",
    "عثمان",
    "خالد",
    "سعد",
    "سعيد",
    "سالم",
    "صالح",
    "عبدالله",
    "يوسف",
    "إبراهيم",
    "إسماعيل",
    "موسى",
    "عيسى",
    "يحيى",
    "زيد",
    "فالح",
    "فاضل",
    "فؤاد",
    "نوري",
    "جواد",
    "جبار",
    "جاسم",
    "حامد",
    "حميد",
    "رعد",
    "رياض",
    "سامي",
    "سلمان",
    "طارق",
    "عادل",
    "عدنان",
    "غازي",
    "كريم",
    "ماجد",
    "محمود",
    "منير",
    "ناصر",
    "نبيل",
    "نزار",
    "هشام",
    "وليد",
    "ياسر",
    "ياسين",
    "أيمن",
    "أسامة",
    "بشار",
    "حمزة",
    "حاتم",
    "مهدي",
    "ضياء",
    "صباح",
    "ستار",
    "لطيف",
    "عامر",
    "شاكر",
    "رشيد",
    "مرتضى",
    "منتظر",
    "كرار",
    "سجاد",
    "أكرم",
    "ليث",
    "نجم",
    "فلاح",
];

/// The first words of the people's Arabic-script names of several words, folded, without
/// kunya words (`ابو`, `ام`), and common Arabic given names. A first word that is a common
/// Arabic word (Zipf 4.5 or more) counts only where two people's names or more open with it:
/// one foreign name spelled as a word (`آن` of `آن كلير لوجندر`, folded `ان`, that; `لي`, to
/// me; `بان`, appeared) would otherwise make every short form after that word another name
/// (`أن الساعدي`), and no particle or verb of saying is a given name.
fn arabic_given_names(gazetteer: &Gazetteer, options: Options) -> HashSet<String> {
    let mut firsts: HashMap<String, (u32, u32)> = HashMap::new();
    for (ei, e) in gazetteer.entities().iter().enumerate().filter(|(_, e)| e.is_person()) {
        for a in &e.aliases {
            let k = fold_key(a.text, options.case_sensitive);
            if !(k.contains(' ') && k.chars().any(crate::core::fold::is_arabic_block)) {
                continue;
            }
            let Some(first) = k.split(' ').next() else { continue };
            if matches!(first, "\u{0627}\u{0628}\u{0648}" | "\u{0627}\u{0645}") {
                continue;
            }
            // (entities, the last one counted)
            let seen = firsts.entry(first.to_owned()).or_insert((0, u32::MAX));
            if seen.1 != ei as u32 {
                *seen = (seen.0 + 1, ei as u32);
            }
        }
    }
    let common = ARABIC_GIVEN_NAMES.iter().map(|n| fold_key(n, false));
    firsts
        .into_iter()
        .filter(|(w, (people, _))| {
            !is_arabic_particle(w) && (*people >= 2 || arabic_zipf(w) < COMMON_WORD_ZIPF)
        })
        .map(|(w, _)| w)
        .chain(common)
        .collect()
}

/// Whether a word in Arabic script, as written, is one of the common given names of
/// [`ARABIC_GIVEN_NAMES`] (folded).
pub(super) fn is_common_arabic_given(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| ARABIC_GIVEN_NAMES.iter().map(|n| fold_key(n, false)).collect())
        .contains(&fold_key(word, false))
}

/// The Zipf frequency (times ten) from which an Arabic word is common ([`arabic_given_names`]).
const COMMON_WORD_ZIPF: u8 = 45;

/// Each entity's affiliations (`meta.affiliation`, a list of ids) and their affiliations, as
/// entity indices, sorted.
pub(super) fn affiliations(gazetteer: &Gazetteer) -> Related {
    affiliations_among(gazetteer, 0..gazetteer.len() as u32)
}

/// [`affiliations`], where only the entities `among` (in order) may have any: those whose meta
/// has the key, as a load finds them while each entity is at hand.
pub(super) fn affiliations_among(
    gazetteer: &Gazetteer,
    among: impl Iterator<Item = u32>,
) -> Related {
    let entities = gazetteer.entities();
    // The entities that have affiliations, in order, each with theirs: most have none, and a
    // list for each of a million entities was written for nothing (issue 13). Ids are looked
    // up in the gazetteer's own index (no second map of a million ids).
    let direct: Vec<(u32, Vec<u32>)> = among
        .filter_map(|e| {
            let value = entities.get(e as usize)?.meta_value("affiliation")?;
            let place = |id: &serde_json::Value| gazetteer.position(id.as_str()?).map(|i| i as u32);
            let places: Vec<u32> = value.as_array()?.iter().filter_map(place).collect();
            (!places.is_empty()).then_some((e, places))
        })
        .collect();
    debug_assert!(direct.windows(2).all(|w| w[0].0 < w[1].0), "entities asked out of order");
    let direct_of = |e: u32| match direct.binary_search_by_key(&e, |d| d.0) {
        Ok(k) => &direct[k].1[..],
        Err(_) => &[],
    };
    let mut related = Related { ends: Vec::with_capacity(entities.len()), ids: Vec::new() };
    let mut with = direct.iter().peekable();
    for e in 0..entities.len() as u32 {
        if let Some((_, first)) = with.next_if(|d| d.0 == e) {
            let mut all: Vec<u32> = first.clone();
            for &f in first {
                all.extend_from_slice(direct_of(f));
            }
            all.sort_unstable();
            all.dedup();
            related.ids.extend_from_slice(&all);
        }
        related.ends.push(related.ids.len() as u32);
    }
    related.ids.shrink_to_fit();
    related
}

/// Each entity's affiliations, sorted, all in one list: most entities have none, and a list
/// each cost 24 bytes an entity (issue 13).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Related {
    /// Where each entity's affiliations end in `ids`.
    ends: Vec<u32>,
    ids: Vec<u32>,
}

impl Related {
    /// The affiliations of entity `e`, sorted.
    pub(super) fn of(&self, e: u32) -> &[u32] {
        let e = e as usize;
        let start = if e == 0 { 0 } else { self.ends[e - 1] as usize };
        &self.ids[start..self.ends[e] as usize]
    }

    /// The heap bytes held.
    pub(super) fn heap_bytes(&self) -> usize {
        (self.ends.capacity() + self.ids.capacity()) * 4
    }
}

/// What every key generated from one alias shares.
struct AliasSource<'a> {
    entity: u32,
    alias: u32,
    /// The alias as written, and folded as the tagger folds text.
    text: &'a str,
    key: &'a str,
    /// Where `key` is kept in the strings: a generated key found in it (a surname of a full
    /// name, the name itself) is kept as that part of it, not again (issue 13).
    key_at: Str,
    /// Where the strings kept for the entity's keys start.
    entity_strings: usize,
    case_kept: Option<Str>,
    layer: Layer,
    /// The alias says `case_sensitive: false`: no capitalization gate.
    case_insensitive: bool,
    ambiguous: bool,
    /// Short forms (`partial` keys) need a licence.
    partial_licence: bool,
    licensing: bool,
    cue: Option<CueLabel>,
    home: Option<Country>,
    person: bool,
    country: Option<Country>,
    titled: bool,
}

impl AliasSource<'_> {
    /// `s` kept in the strings: as the part of the alias's key that it is, or of a string kept
    /// for the entity's keys lately (the same surname of several aliases, a variant's words),
    /// when it is one; else added.
    fn part_of_key(&self, s: &str, strings: &mut Strings) -> Result<Str> {
        match find_short(self.key.as_bytes(), s.as_bytes()) {
            Some(at) => {
                let start = self.key_at.start + at as u32;
                Ok(Str { start, end: start + s.len() as u32 })
            }
            None => strings.add_near(s, self.entity_strings),
        }
    }

    /// The target of a generic name that stands for the body only where the text names
    /// `country` ([`country_rests`]; README, matching rule 12).
    fn country_bound(
        &self,
        rest: String,
        country: Country,
        strings: &mut Strings,
    ) -> Result<Target> {
        let mut target = self.target(rest, Rules::COUNTRY, strings)?;
        target.country = None;
        target.needs_country = Some(country);
        Ok(target)
    }

    /// The target for one generated key, with the gates decided from the key itself.
    fn target(&self, key: String, generated: Rules, strings: &mut Strings) -> Result<Target> {
        let (mut words, mut english_name) = (0, true);
        for word in key_words(&key) {
            words += 1;
            english_name = english_name && is_english_word(word);
        }
        let layer = self.layer;
        let single_latin = key.bytes().all(|b| b.is_ascii_alphabetic());
        let mut symmetric = layer.rules().and(Rules::SKELETON);
        // Asked once, when needed: it makes the key's skeleton.
        let collides_default = std::cell::OnceCell::<bool>::new();
        let collides =
            || *collides_default.get_or_init(|| collides_with_english(&key, Layer::Default));
        // Each test below only takes rules away: it is asked only when `symmetric` still has
        // one of them (none at `none`; the consonant classes only at `aggressive`), which
        // spares a build a skeleton of most keys (issue 13).
        let holds = |symmetric: Rules, rules: Rules| !symmetric.and(rules).is_empty();
        // Vowel classes only for entries that cannot pass for English: several words, or one
        // long word whose skeleton is no English word's.
        let long = key.chars().count() >= 6;
        if layer != Layer::Aggressive
            && holds(symmetric, Rules::VOWEL)
            && !(words >= 2 || long && !collides())
        {
            symmetric = symmetric.without(Rules::VOWEL);
        }
        // An acronym written in capitals (`DAANES`, `UNITAD`) is spelled letter by letter: no
        // skeleton rule makes another spelling of it (`Danes`).
        if single_latin && is_capitals_word(self.text) {
            symmetric = Rules::EXACT;
        }
        if single_latin {
            // A single word that some folding turns into an English word gets no such folding.
            let near = Rules::DOUBLE.with(Rules::FINAL_A).with(Rules::VOWEL);
            if holds(symmetric, near) && collides() {
                symmetric = symmetric.without(near);
            }
            let far = Rules::CONSONANT.with(Rules::E_I);
            if holds(symmetric, far) && collides_with_english(&key, Layer::Aggressive) {
                symmetric = symmetric.without(far);
            }
        }
        // One Latin word: the English-name test above asked about it whole.
        let english = single_latin && english_name;
        // A person's short form of two or three letters after a proclitic letter is mostly a
        // word of four (`كبار`, the seniors, is no `بار` of `رونين بار`).
        let proclitic = layer.rules().contains(Rules::PROCLITIC)
            && key.chars().next().is_some_and(crate::core::fold::is_arabic_block)
            && !(self.person && generated.contains(Rules::PARTIAL) && key.chars().count() <= 3);
        let keeps_given = self.person && keeps_given_name(self.key, &key);
        // A surname alone remembers the given name of its alias (`Bafel` of `Bafel Talabani`),
        // all its words where `Abdul` or `Abu` opens it (`Abdul-Malik`: `Abdul Karim
        // al-Houthi` is another man).
        let k = given_name_of(self.key).1.max(1);
        let end = self.key.match_indices(' ').nth(k - 1).map_or(self.key.len(), |(i, _)| i);
        let first = &self.key[..end];
        let given = match self.titled
            && generated.contains(Rules::PARTIAL)
            && self.key.contains(' ')
            && !key.starts_with(first)
        {
            true => Some(self.part_of_key(first, strings)?),
            false => None,
        };
        // A code cut out of a longer name (`K1` of `K1 Air Base`) keeps the case it is written
        // in, as the same code given as an alias would (`k1` in running text is no base).
        let code = match self.case_kept {
            Some(_) => None,
            None => (generated.contains(Rules::PARTIAL) && !key.contains(' '))
                .then(|| {
                    self.text
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|w| is_code(w) && fold_key(w, false) == key)
                        .map(|w| fold_key(w, true))
                })
                .flatten(),
        };
        let case_kept = match code {
            Some(code) => Some(strings.add(&code)?),
            None => self.case_kept,
        };
        Ok(Target {
            entity: self.entity,
            alias: self.alias,
            case_kept: case_kept.into(),
            key: self.part_of_key(&key, strings)?,
            generated,
            symmetric,
            gated: single_latin && !self.case_insensitive && layer != Layer::None,
            english,
            proclitic,
            licence: if !self.licensing {
                Licence::Free
            } else if self.ambiguous && !(self.person && generated.contains(Rules::PARTIAL)) {
                Licence::Context
            } else if (self.partial_licence || self.ambiguous)
                && generated.contains(Rules::PARTIAL)
                && !keeps_given
            {
                // A person's short form of an ambiguous alias (`al-Jubouri` of `Ahmed
                // al-Jubouri`, a name several men have) waits for the person to be named, as
                // a licensed short form does: a cue word licenses the full alias alone.
                if self.person {
                    Licence::Named
                } else {
                    Licence::Context
                }
            } else if generated.contains(Rules::WORD) && layer != Layer::Aggressive {
                // A bare short form (`Taji` of `Camp Taji`): the aggressive layer takes it
                // anywhere, the others where a cue word licenses it.
                Licence::Cue
            } else {
                Licence::Free
            },
            caps_licence: if !self.licensing || self.case_kept.is_none() {
                Licence::Free
            } else if is_english_word(self.key) {
                Licence::Named
            } else if self.key.chars().filter(|c| c.is_alphabetic()).count() <= 2 {
                Licence::Context
            } else {
                Licence::Free
            },
            base: matches!(self.cue, Some(CueLabel::Base | CueLabel::Crossing)),
            english_name,
            cue: self.cue,
            home: self.home,
            person: self.person,
            country: self.country,
            needs_country: None,
            titled: self.titled,
            given: given.into(),
        })
    }
}

/// Whether `text` is one word of two or more capital letters and nothing else (`DAANES`).
fn is_capitals_word(text: &str) -> bool {
    text.len() >= 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// A word written as a code or acronym: capitals, with digits or not, at most five characters
/// (`K1`, `H3`, `KH`), as an alias of that form is kept case-sensitive.
fn is_code(word: &str) -> bool {
    let n = word.chars().count();
    (1..=5).contains(&n)
        && word.chars().any(char::is_uppercase)
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The permutation `order` (a list of distinct numbers below its length) made its inverse in
/// place: `order[order[i]] = i` after, for every `i` before.
pub(super) fn invert(order: &mut [u32]) {
    // Each cycle followed once, each place written with where its number stood; a written
    // place is marked with the top bit (the lists are far shorter than 2^31).
    const SEEN: u32 = 1 << 31;
    for start in 0..order.len() {
        if order[start] & SEEN != 0 {
            continue;
        }
        let (mut at, mut number) = (start as u32, order[start] as usize);
        loop {
            let next = order[number] as usize;
            order[number] = at | SEEN;
            if number == start {
                break;
            }
            (at, number) = (number as u32, next);
        }
    }
    for x in order.iter_mut() {
        *x &= !SEEN;
    }
}

/// Patterns being collected for one scanner, with their targets in the order they came.
///
/// Built to keep a big build's time and peak memory low (issue 13): the patterns' bytes in one
/// buffer and the targets in one list, in the order they came. A pattern equal to one of the
/// last few added (the keys of one alias often share their skeleton: `al x`, `el x`) is kept
/// once; other targets that share a pattern are found at the end, where the patterns are put
/// in the order of their bytes anyway. A table of every pattern's hash that found them as they
/// came took 140 MB and a cache miss a key at a million aliases, most of joining their keys.
#[derive(Default)]
struct Patterns {
    bytes: Vec<u8>,
    /// Where each pattern ends in `bytes`.
    ends: Vec<u32>,
    targets: Vec<KeyTarget>,
    /// The pattern of each target.
    slots: Vec<u32>,
}

/// How many of the patterns added last a new one is compared with.
const RECENT_PATTERNS: usize = 8;

impl Patterns {
    fn add(&mut self, pattern: &[u8], target: KeyTarget) -> Result<()> {
        let n = self.ends.len();
        let packed = Packed { bytes: &self.bytes, ends: &self.ends };
        let recent =
            (n.saturating_sub(RECENT_PATTERNS)..n).rev().find(|&p| packed.at(p) == pattern);
        let slot = match recent {
            Some(p) => p,
            None => {
                self.bytes.extend_from_slice(pattern);
                let end = u32::try_from(self.bytes.len()).map_err(|_| {
                    Error::gazetteer(
                        "the gazetteer's patterns exceed 4 GiB: split it into several taggers",
                    )
                })?;
                self.ends.push(end);
                n
            }
        };
        self.targets.push(target);
        self.slots.push(slot as u32);
        Ok(())
    }

    /// The scanner of these patterns, their targets placed at the end of `all`; `then` runs
    /// on `all` once they are placed, while the automaton is laid out, and its result comes
    /// back with the scanner. The automaton's layout is most of what is left of a big build
    /// once its keys are made, and what comes after it needs only the targets (issue 13).
    fn build_then<R: Send>(
        self,
        all: &mut Vec<KeyTarget>,
        then: impl FnOnce(&mut Vec<KeyTarget>) -> R + Send,
    ) -> Result<(Scanner, R)> {
        let Patterns { bytes: added_bytes, ends: added_ends, targets, mut slots } = self;
        // Each distinct pattern once, in the order of its bytes. First the patterns sorted and
        // `firsts`, the first added of each run of equal ones (they were added in the order of
        // their first targets), each target's pattern then its place among them; only then,
        // with the sorted list dropped, the distinct patterns copied in that order (issue 13:
        // the 1M `default` build's peak was where all these were held).
        let (firsts, mut places) = {
            let added = Packed { bytes: &added_bytes, ends: &added_ends };
            let (order, repeats) = super::trie::sorted_with_repeats(&added);
            let mut places = vec![0u32; order.len()];
            let mut firsts: Vec<u32> = Vec::new();
            for (&p, repeat) in order.iter().zip(repeats) {
                if !repeat {
                    firsts.push(p);
                }
                let u = firsts.len() - 1;
                firsts[u] = firsts[u].min(p);
                places[p as usize] = u as u32;
            }
            for slot in &mut slots {
                *slot = places[*slot as usize];
            }
            (firsts, places)
        };
        // Where each distinct pattern ends, in that order; the automaton it makes.
        let mut ends = vec![0u32; firsts.len()];
        let mut start = 0;
        for (&end, &place) in added_ends.iter().zip(&places) {
            ends[place as usize] = end - start;
            start = end;
        }
        let kind = kind_of_lengths(ends.iter().map(|&n| n as usize));
        for i in 1..ends.len() {
            ends[i] += ends[i - 1];
        }
        let n_patterns = ends.len();
        if n_patterns >= FIRST_COPY as usize {
            return Err(Error::gazetteer(
                "the gazetteer has more than 2^31 distinct patterns: split it into several taggers",
            ));
        }
        // Patterns of a trie are numbered in the order of their bytes, and kept in it: the
        // trie's layout and a load's check of it then read them one after another, not
        // scattered (issue 13: reading them in that order out of the build's order was most
        // of a big tagger's load). Other automata number them in the order first seen.
        let in_byte_order = kind == Kind::Trie && super::trie::holds(n_patterns);
        // The first of each pattern's copies marked, the others' places dropped.
        for (u, &p) in firsts.iter().enumerate() {
            places[p as usize] = u as u32 | FIRST_COPY;
        }
        let firsts = (!in_byte_order).then_some(firsts);
        let bytes = gather(added_bytes, added_ends, places, &ends);
        let (bytes, ends) = match firsts {
            None => (bytes, ends),
            Some(firsts) => {
                let mut seen: Vec<u32> = (0..n_patterns as u32).collect();
                seen.sort_unstable_by_key(|&p| firsts[p as usize]);
                let in_seen = Packed { bytes: &bytes, ends: &ends }.gather(&seen, bytes.len());
                invert(&mut seen);
                for slot in &mut slots {
                    *slot = seen[*slot as usize];
                }
                in_seen
            }
        };
        // What the sort and the gather freed, and then the placing, given back before the
        // steps after them (issue 13: they made the RSS of a 1M `none` build a fifth more
        // than what it held, each reaching for new memory beside the other's free room).
        let big = bytes.len() >= GATHERED_AT_ONCE;
        if big {
            super::super::release_freed_memory();
        }
        let ranges = place(all, targets, slots, n_patterns);
        if big {
            super::super::release_freed_memory();
        }
        // The automaton laid out on one core while `then` runs on the other. The targets are
        // placed before, not beside the layout: their two copies and the layout's room at once
        // made the 1M `default` build's peak 1.51 times its final size (1.34 times before).
        let (automaton, after) = rayon::join(
            || Automaton::build_kind(&Packed { bytes: &bytes, ends: &ends }, kind),
            || then(all),
        );
        Ok((Scanner { automaton: automaton?, keys: ranges }, after))
    }
}

/// Marks a pattern's first copy among the added ones in [`gather`]'s `places`.
const FIRST_COPY: u32 = 1 << 31;

/// Below this many bytes of patterns [`gather`] copies them in one pass.
const GATHERED_AT_ONCE: usize = 1 << 20;

/// How many passes [`gather`] takes over more bytes than that.
const GATHERING_PASSES: usize = 4;

/// The distinct patterns' bytes in their order, each copied from its first copy among the
/// patterns added (`added_bytes` with `added_ends`): `places` holds each added pattern's place
/// in that order, marked [`FIRST_COPY`] on the copy to take, and `ends` where each distinct
/// pattern ends.
///
/// More than [`GATHERED_AT_ONCE`] bytes are gathered in passes, each over the patterns of a
/// quarter of the bytes: those copied, the rest of the added ones moved down and the added
/// lists shortened before the next pass; so that while they are whole, a quarter of the new
/// bytes has been written (issue 13: both lists whole were the 1M `default` build's peak).
fn gather(
    mut added_bytes: Vec<u8>,
    mut added_ends: Vec<u32>,
    mut places: Vec<u32>,
    ends: &[u32],
) -> Vec<u8> {
    let total = ends.last().map_or(0, |&e| e as usize);
    let start_of = |u: usize| if u == 0 { 0 } else { ends[u - 1] as usize };
    let mut bytes: Vec<u8> = Vec::with_capacity(total);
    let room = &mut bytes.spare_capacity_mut()[..total];
    let passes = if added_bytes.len() < GATHERED_AT_ONCE { 1 } else { GATHERING_PASSES };
    let mut written = 0usize;
    for pass in 1..=passes {
        // The patterns that end within this pass's share of the bytes.
        let end = if pass == passes {
            ends.len()
        } else {
            let below = (total as u64 * pass as u64 / passes as u64) as u32;
            ends.partition_point(|&e| e <= below)
        };
        let (mut kept, mut kept_bytes, mut from) = (0usize, 0usize, 0usize);
        for i in 0..added_ends.len() {
            let (to, place) = (added_ends[i] as usize, places[i]);
            if place & FIRST_COPY != 0 {
                let u = (place & !FIRST_COPY) as usize;
                if u < end {
                    let at = start_of(u);
                    let pattern = &added_bytes[from..to];
                    for (slot, &b) in room[at..at + pattern.len()].iter_mut().zip(pattern) {
                        slot.write(b);
                    }
                    written += pattern.len();
                } else {
                    added_bytes.copy_within(from..to, kept_bytes);
                    kept_bytes += to - from;
                    added_ends[kept] = kept_bytes as u32;
                    places[kept] = place;
                    kept += 1;
                }
            }
            from = to;
        }
        added_bytes.truncate(kept_bytes);
        added_ends.truncate(kept);
        places.truncate(kept);
        if pass < passes {
            added_bytes.shrink_to_fit();
            added_ends.shrink_to_fit();
            places.shrink_to_fit();
        }
    }
    assert_eq!(written, total, "every distinct pattern is gathered once");
    // SAFETY: each distinct pattern has one first copy, written in the pass of its place to
    // its own bytes, `ends[u - 1]..ends[u]`, whose length is that copy's (counted from the
    // same added lists); the assertion above counted `total` bytes written in all.
    unsafe { bytes.set_len(total) };
    bytes
}

/// Below this many targets [`place`] places them in one pass.
const PLACED_AT_ONCE: usize = 1 << 16;

/// How many passes [`place`] takes over a bigger list.
const PLACING_PASSES: usize = 4;

/// Appends `targets` to `all` in the order of their patterns (`slots`: each target's pattern,
/// below `n_patterns`), each pattern's targets in the order they came, and returns each
/// pattern's range of them in `all`.
///
/// Each target is read in order and written to its place, not swapped into it along the
/// permutation's cycles (which missed the cache twice a target). A big list is placed in
/// passes, each over the patterns of a quarter of the places: their targets are written, the
/// others moved down, and the list shortened before the next pass; so that while the list is
/// whole, only a quarter of the places it goes to has been written (issue 13: the list and all
/// of its places at once were the 1M `default` build's peak).
fn place(
    all: &mut Vec<KeyTarget>,
    mut targets: Vec<KeyTarget>,
    mut slots: Vec<u32>,
    n_patterns: usize,
) -> TargetRanges {
    let n = targets.len();
    // Where each pattern's next target goes, counted from the end of `all`.
    let mut next = vec![0u32; n_patterns + 1];
    for &slot in &slots {
        next[slot as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let ranges = TargetRanges::of_counts(all.len() as u32, next.windows(2).map(|w| w[1] - w[0]));
    all.reserve_exact(n);
    let places = &mut all.spare_capacity_mut()[..n];
    let passes = if n < PLACED_AT_ONCE { 1 } else { PLACING_PASSES };
    for pass in 1..=passes {
        // The patterns whose first places are below this pass's share of them (`next` stays
        // in order: a placed pattern's next place is the next pattern's first).
        let below = (n as u64 * pass as u64 / passes as u64) as u32;
        let end = if pass == passes {
            n_patterns
        } else {
            next[..n_patterns].partition_point(|&p| p < below)
        };
        let mut kept = 0;
        for i in 0..targets.len() {
            let slot = slots[i];
            if (slot as usize) < end {
                let place = &mut next[slot as usize];
                places[*place as usize].write(targets[i]);
                *place += 1;
            } else {
                targets[kept] = targets[i];
                slots[kept] = slot;
                kept += 1;
            }
        }
        targets.truncate(kept);
        slots.truncate(kept);
        if pass < passes {
            targets.shrink_to_fit();
            slots.shrink_to_fit();
        }
    }
    debug_assert!(targets.is_empty());
    // SAFETY: the last pass takes every pattern left, so each of the `n` targets was written,
    // to a place of its own: `next` counted each pattern's targets in `slots`, so a pattern's
    // places run from its first to the next pattern's first, the last ending at `n`.
    unsafe { all.set_len(all.len() + n) };
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pseudo_random;

    #[test]
    fn short_forms_that_keep_the_given_name() {
        // (alias key, short form, whether it keeps a given name that is not of the commonest)
        let cases: &[(&str, &str, bool)] = &[
            ("nassif jassim al khattabi", "nassif al khattabi", true),
            ("mohammed jameel al mayahi", "mohammed al mayahi", false),
            ("abu ibrahim al hashimi al qurashi", "abu ibrahim al qurashi", true),
            ("abu ali al hashimi al anbari", "abu ali al anbari", false),
            ("abu abd al rahman al afri al anbari", "abu abd al rahman al anbari", true),
            ("abu abd al rahman al afri al anbari", "abu abd al anbari", false),
            ("nassif jassim al khattabi", "al khattabi", false),
            ("nassif jassim al khattabi", "nassif al", false),
            ("nassif al khattabi", "nassif al khattabi", false),
            // Given names without the family name.
            ("jose manuel albares", "jose manuel", false),
            ("nassif jassim al khattabi", "nassif jassim", false),
            ("", "nassif", false),
            // The commonest given name with two more of the person's names is the person.
            ("محمد احمد احمد مفتاح", "محمد احمد مفتاح", true),
            ("mohammed jameel hassan al mayahi", "mohammed jameel al mayahi", true),
            ("mohammed jameel hassan al mayahi", "mohammed hassan", false),
            ("mohammed bin salman al saud", "mohammed bin al saud", false),
        ];
        for &(alias, key, want) in cases {
            assert_eq!(keeps_given_name(alias, key), want, "{alias:?} -> {key:?}");
        }
        assert_eq!(given_name_of("abu abd al rahman al bilawi").1, 4);
        assert_eq!(given_name_of("bafel talabani").1, 1);
    }

    /// The skeleton rules a key may use are what the English-collision tests leave: the same as
    /// when each test was asked of every key at every layer (the build asks them only while
    /// they can take a rule away).
    #[test]
    fn symmetric_rules_are_what_the_collision_tests_leave() {
        fn asking_each(key: &str, layer: Layer) -> Rules {
            let words = key_words(key).count();
            let single_latin = key.bytes().all(|b| b.is_ascii_alphabetic());
            let mut symmetric = layer.rules().and(Rules::SKELETON);
            let collides = collides_with_english(key, Layer::Default);
            let long = key.chars().count() >= 6;
            if layer != Layer::Aggressive && !(words >= 2 || long && !collides) {
                symmetric = symmetric.without(Rules::VOWEL);
            }
            if single_latin && collides {
                symmetric =
                    symmetric.without(Rules::DOUBLE.with(Rules::FINAL_A).with(Rules::VOWEL));
            }
            if single_latin && collides_with_english(key, Layer::Aggressive) {
                symmetric = symmetric.without(Rules::CONSONANT.with(Rules::E_I));
            }
            symmetric
        }
        let keys = [
            "balad",
            "ballad",
            "kadhimi",
            "kazimi",
            "hit",
            "daesh",
            "dash",
            "sadr",
            "mosul",
            "taji",
            "qaim",
            "hashd",
            "ameri",
            "kirkuk",
            "basra",
            "camp taji",
            "al asad",
            "kataib hezbollah",
            "k1",
            "bin",
            "amir",
            "mahdi",
            "sheikh",
            "kotaib",
            "diyala",
        ];
        // Each test's answer counted, so that the keys are seen to take every branch.
        let mut seen = [0usize; 3];
        for layer in Layer::ALL {
            for key in keys {
                let mut strings = Strings::default();
                let key_at = strings.add(key).unwrap();
                let source = AliasSource {
                    entity: 0,
                    alias: 0,
                    text: key,
                    key,
                    key_at,
                    entity_strings: 0,
                    case_kept: None,
                    layer,
                    case_insensitive: false,
                    ambiguous: false,
                    partial_licence: false,
                    licensing: true,
                    cue: None,
                    home: None,
                    person: false,
                    country: None,
                    titled: false,
                };
                let target = source.target(key.to_owned(), Rules::EXACT, &mut strings).unwrap();
                let want = asking_each(key, layer);
                assert_eq!(target.symmetric, want, "{key:?} at {layer:?}");
                let all = layer.rules().and(Rules::SKELETON);
                seen[0] += usize::from(all.contains(Rules::VOWEL) && !want.contains(Rules::VOWEL));
                seen[1] +=
                    usize::from(all.contains(Rules::DOUBLE) && !want.contains(Rules::DOUBLE));
                seen[2] +=
                    usize::from(all.contains(Rules::CONSONANT) && !want.contains(Rules::CONSONANT));
            }
        }
        assert!(seen.iter().all(|&n| n > 0), "each test takes a rule away somewhere: {seen:?}");
    }

    fn key_target(source: u32) -> KeyTarget {
        let key = Str { start: source, end: source + 1 };
        KeyTarget::new(source, key, (Rules::EXACT, Rules::EXACT), 0, Licence::Free).unwrap()
    }

    /// `place` in one pass and in several (over [`PLACED_AT_ONCE`] targets) puts each pattern's
    /// targets together, the patterns in order and each one's targets in the order they came,
    /// after what `all` held; its ranges say where each pattern's are.
    #[test]
    fn targets_are_placed_by_pattern_in_the_order_they_came() {
        let mut next = pseudo_random(7);
        for (n, n_patterns, held) in [
            (0, 1, 0),
            (1, 1, 3),
            (50, 7, 0),
            (1000, 1000, 2),
            (200_000, 3, 5),
            (300_000, 90_000, 1),
        ] {
            let slots: Vec<u32> = (0..n).map(|_| (next() % n_patterns as u64) as u32).collect();
            let targets: Vec<KeyTarget> = (0..n as u32).map(key_target).collect();
            let mut all: Vec<KeyTarget> = (0..held).map(|i| key_target(u32::MAX - 1 - i)).collect();
            let before = all.clone();
            let ranges = place(&mut all, targets, slots.clone(), n_patterns);
            let mut expected: Vec<u32> = (0..n as u32).collect();
            expected.sort_by_key(|&i| slots[i as usize]);
            let placed: Vec<u32> = all[held as usize..].iter().map(|t| t.source).collect();
            assert_eq!(all[..held as usize], before[..], "n={n}");
            assert_eq!(placed, expected, "n={n} patterns={n_patterns}");
            assert_eq!(ranges.len(), n_patterns);
            for p in 0..n_patterns {
                for i in ranges.get(p) {
                    assert_eq!(slots[all[i as usize].source as usize], p as u32);
                }
            }
        }
    }

    /// `gather` in one pass and in several (over [`GATHERED_AT_ONCE`] bytes) copies each
    /// distinct pattern once, from the copy marked first, to its place.
    #[test]
    fn distinct_patterns_are_gathered_in_their_order() {
        let mut next = pseudo_random(11);
        for (n_distinct, copies) in [(1, 1), (5, 3), (300, 2), (40_000, 2), (90_000, 1)] {
            // Distinct patterns of 1 to 40 bytes, each added one to `copies` times, shuffled.
            let distinct: Vec<Vec<u8>> = (0..n_distinct)
                .map(|u| {
                    let len = 1 + (next() % 40) as usize;
                    let mut p = format!("{u}:").into_bytes();
                    p.extend((0..len).map(|_| b'a' + (next() % 26) as u8));
                    p
                })
                .collect();
            let mut added: Vec<(u32, bool)> = Vec::new();
            for u in 0..n_distinct as u32 {
                for c in 0..1 + next() % copies {
                    added.push((u, c == 0));
                }
            }
            for i in (1..added.len()).rev() {
                added.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            let (mut bytes, mut ends, mut places) = (Vec::new(), Vec::new(), Vec::new());
            for &(u, first) in &added {
                bytes.extend_from_slice(&distinct[u as usize]);
                ends.push(bytes.len() as u32);
                places.push(if first { u | FIRST_COPY } else { u });
            }
            let mut new_ends = Vec::new();
            let mut end = 0;
            for p in &distinct {
                end += p.len() as u32;
                new_ends.push(end);
            }
            let many = bytes.len() >= GATHERED_AT_ONCE;
            assert_eq!(many, n_distinct >= 40_000, "both ways are tested");
            let got = gather(bytes, ends, places, &new_ends);
            assert_eq!(got, distinct.concat(), "{n_distinct} patterns");
        }
    }

    /// A source equal to one of the last few kept is not kept again, and canonical sources
    /// are the same either way.
    #[test]
    fn sources_seen_lately_are_kept_once() {
        let target = |entity: u32, alias: u32| Target {
            entity,
            alias,
            case_kept: OptStr::NONE,
            key: Str { start: 0, end: 1 },
            generated: Rules::EXACT,
            symmetric: Rules::EXACT,
            gated: false,
            english: false,
            proclitic: false,
            licence: Licence::Free,
            caps_licence: Licence::Free,
            base: false,
            english_name: false,
            cue: None,
            home: None,
            person: false,
            country: None,
            needs_country: None,
            titled: false,
            given: OptStr::NONE,
        };
        let mut sources = Sources::default();
        let added: Vec<KeyTarget> = [(0, 0), (0, 1), (0, 0), (0, 1), (0, 0)]
            .into_iter()
            .chain((1..=RECENT_SOURCES as u32).map(|a| (1, a)))
            .chain([(0, 0)])
            .map(|(e, a)| sources.add(&target(e, a)).unwrap())
            .collect();
        let kept: Vec<u32> = added.iter().map(|k| k.source).collect();
        // `(0, 0)` once among the first five; past the next eight, kept again.
        assert_eq!(kept[..5], [0, 1, 0, 1, 0]);
        assert_eq!(kept[5..13], [2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(kept[13], 10);
        let mut targets = added.clone();
        let canonical = sources.canonical(&mut targets);
        assert_eq!(canonical.len(), 2 + RECENT_SOURCES);
        assert_eq!(targets[0].source, targets[13].source);
    }
}
