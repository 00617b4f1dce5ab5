//! The compiled tagger: Aho-Corasick automata over folded alias keys, and the search that
//! turns their hits into matches with exact original offsets.
//!
//! Promises:
//! - a `Tagger` is immutable after `build` and `Sync`: threads share it without locks;
//! - the text is folded once per call; candidates come from one overlapping scan, are filtered
//!   by the whole-character, word-boundary and case checks, and only then chosen among, so a
//!   longer candidate that fails a check never hides a shorter valid one;
//! - offsets are Python `str` indices (code points) into the original text.
//!
//! Files: this one holds the tagger, its options and its results; [`compile`] turns a
//! gazetteer into targets and automata; [`search`] tags one text; [`pool`] keeps the worker
//! threads of batch calls. The name checks around a hit are in [`crate::core::names`].

use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::fold::fold_key;
use super::gazetteer::Gazetteer;
use super::variants::{needed_rules, skeleton, Layer, Rules};

mod automaton;
mod compile;
mod pool;
mod saved;
mod search;
#[cfg(test)]
mod tests;
mod trie;

pub(crate) use compile::keeps_case;
use compile::{Compiled, KeyTarget, Scanner, Source, Strings, Target};
pub use pool::{
    max_threads, threads_from, threads_out_of_range, Feed, Pending, Workers, MAX_THREADS,
};
pub use saved::{CompiledPart, GazetteerPart};
use search::Buffers;
pub use search::Rejection;

/// Matching options; each is documented on the Python `Tagger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Every alias matches only in its own case.
    pub case_sensitive: bool,
    /// Return every valid match instead of the leftmost-longest non-overlapping ones.
    pub overlapping: bool,
    /// Require matches to be whole words of the original text.
    pub whole_words: bool,
    /// The spelling-variant layer for entities and aliases that do not set their own.
    pub variants: Layer,
    /// Ambiguous aliases, and acronyms in all-capitals passages, match only where their text
    /// licenses them; `false` matches them everywhere.
    pub licensing: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            case_sensitive: false,
            overlapping: false,
            whole_words: true,
            variants: Layer::Default,
            licensing: true,
        }
    }
}

/// A match in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Start and end as code-point (Python `str`) indices into the original text.
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// Start and end as UTF-8 byte offsets into the original text.
    pub byte_start: usize,
    /// End (UTF-8 bytes).
    pub byte_end: usize,
    /// The entity and alias (indices into the gazetteer) the match is reported under.
    pub entity: u32,
    /// The alias index within the entity.
    pub alias: u32,
    /// All candidate entities, the reported one first: a range into `Tagged::entities`.
    pub candidates: Range<u32>,
    /// How the match was made.
    pub rules: Rules,
    /// The generated key the match was found as (see [`Tagger::explain_key`]).
    pub target: u32,
}

/// The matches in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    /// The matches, sorted by start.
    pub matches: Vec<RawMatch>,
    /// Candidate entity indices; each match's `candidates` is a range into this.
    pub entities: Vec<u32>,
}

impl Tagged {
    /// The candidate entity indices of a match.
    pub fn candidates(&self, m: &RawMatch) -> &[u32] {
        &self.entities[m.candidates.start as usize..m.candidates.end as usize]
    }
}

/// A gazetteer compiled for search.
#[derive(Debug, Clone)]
pub struct Tagger {
    gazetteer: Gazetteer,
    options: Options,
    /// Keys found as they are folded, searched on the folded text.
    on_folded: Scanner,
    /// Keys that may match through skeleton rules, searched on the text's skeleton.
    on_skeleton: Scanner,
    /// Each pattern's targets: the keys' own parts, in pattern order, and what the keys of
    /// one alias share (`compile::Target`).
    targets: Vec<KeyTarget>,
    sources: Vec<Source>,
    /// The targets' keys and other strings.
    strings: Strings,
    /// The widest layer any alias uses: the skeleton the text is scanned on.
    scan: Layer,
    /// Each entity's affiliations, two steps deep (`compile::Compiled::related`).
    related: compile::Related,
    /// First words of people's Arabic names (`compile::Compiled::arabic_given`).
    arabic_given: std::collections::HashSet<String>,
    /// The last words of the given names that people's short forms remember (`Source::given`),
    /// made when first asked: a hit that waits for a full mention is checked only where one of
    /// them stands before it (`search::Tagger::given_near`).
    given_words: std::sync::OnceLock<foldhash::HashSet<Box<[u8]>>>,
}

impl Tagger {
    /// Compiles a gazetteer.
    pub fn build(gazetteer: Gazetteer, options: Options) -> Result<Tagger> {
        gazetteer.check_labels()?;
        // On every core of the process's pool (`compile::compile`; not rayon's global pool,
        // which a forked child cannot use).
        let compiled = Workers::on_cores(|| compile::compile(&gazetteer, options))??;
        Ok(Tagger::of_compiled(gazetteer, options, compiled))
    }

    /// The tagger of a gazetteer and what it compiled to (built, or read from a file).
    fn of_compiled(gazetteer: Gazetteer, options: Options, compiled: Compiled) -> Tagger {
        let Compiled {
            on_folded,
            on_skeleton,
            targets,
            sources,
            strings,
            scan,
            related,
            arabic_given,
        } = compiled;
        Tagger {
            gazetteer,
            options,
            on_folded,
            on_skeleton,
            targets,
            sources,
            strings,
            scan,
            related,
            arabic_given,
            given_words: std::sync::OnceLock::new(),
        }
    }

    /// The compiled part of the saved format (see `saved`): targets, strings, patterns and
    /// automata.
    pub fn compiled_to_bytes(&self) -> Vec<u8> {
        saved::to_bytes(self)
    }

    /// Appends [`Tagger::compiled_to_bytes`] to `out`, without a copy of its own.
    pub fn write_compiled(&self, out: &mut Vec<u8>) {
        saved::write(self, saved::FORMAT, out)
    }

    /// A tagger of `gazetteer` from [`Tagger::compiled_to_bytes`] output of file format
    /// `format` (2: without automata; 3 to 5: with double arrays; 6: with tries), without
    /// generating its keys again; a
    /// format error when the bytes do not hold together.
    pub fn from_compiled(
        gazetteer: Gazetteer,
        options: Options,
        bytes: &[u8],
        format: u16,
    ) -> Result<Tagger> {
        saved::from_bytes(gazetteer, options, bytes, format)
    }

    /// The compiled part of file format `format` read and checked on its own, for
    /// [`Tagger::from_compiled_part`]: [`Tagger::from_compiled`] in two steps, the first of
    /// which needs no gazetteer, so that the gazetteer can be read meanwhile.
    pub fn read_compiled(bytes: &[u8], format: u16) -> Result<CompiledPart> {
        saved::read(bytes, format)
    }

    /// [`Tagger::read_compiled`] of the compiled part read from `s` in order (file format 8
    /// and later), the rest of a saved tagger's payload.
    pub(crate) fn read_compiled_from<R: std::io::Read>(
        s: &mut crate::core::persist::Stream<R>,
        format: u16,
    ) -> Result<CompiledPart> {
        saved::read_from(s, format)
    }

    /// A tagger of `gazetteer` and its compiled part, read by [`Tagger::read_compiled`]; a
    /// format error when a target names no alias of the gazetteer.
    pub fn from_compiled_part(
        gazetteer: Gazetteer,
        options: Options,
        part: CompiledPart,
    ) -> Result<Tagger> {
        Tagger::from_parts(Tagger::gazetteer_part(gazetteer), options, part)
    }

    /// What a tagger works out from its gazetteer alone (each entity's affiliations), for
    /// [`Tagger::from_parts`]: a load works it out while the compiled part is still being
    /// read, not after it (issue 13: 15 ms of the 205 ms a tagger of a million aliases took
    /// to load).
    pub fn gazetteer_part(gazetteer: Gazetteer) -> GazetteerPart {
        let related = compile::affiliations(&gazetteer);
        GazetteerPart { gazetteer, related }
    }

    /// [`Tagger::gazetteer_part`] of a gazetteer whose entities with the meta key
    /// `affiliation` are among `affiliated` (indices, in order); the others are not read.
    pub(crate) fn gazetteer_part_among(gazetteer: Gazetteer, affiliated: &[u32]) -> GazetteerPart {
        let related = compile::affiliations_among(&gazetteer, affiliated.iter().copied());
        GazetteerPart { gazetteer, related }
    }

    /// [`Tagger::from_compiled_part`] of a gazetteer made a [`GazetteerPart`].
    pub fn from_parts(
        gazetteer: GazetteerPart,
        options: Options,
        part: CompiledPart,
    ) -> Result<Tagger> {
        saved::attach(gazetteer, options, part)
    }

    /// How many automaton targets (generated keys) each entity has on average.
    pub fn keys_per_entity(&self) -> f64 {
        self.targets.len() as f64 / self.gazetteer.len().max(1) as f64
    }

    /// Groups of generated keys that stand for aliases of different entities and that match
    /// each other: the same text after folding, or after the variant rules each may use.
    /// Each member is (entity, alias, folded key, rules that generated it). A body's generic
    /// name that stands for it only where the text names its country (`Interior Ministry` of
    /// `Syrian Interior Ministry`) meets no other entity's name: the country decides.
    pub fn collisions(&self) -> Vec<Vec<(u32, u32, String, Rules)>> {
        let rules = self.scan.rules().and(Rules::SKELETON);
        let mut buckets: std::collections::HashMap<Vec<u8>, Vec<u32>> = Default::default();
        for (i, t) in self.targets.iter().enumerate() {
            if self.target(i as u32).needs_country.is_some() {
                continue;
            }
            buckets
                .entry(skeleton(self.strings.get(t.key()).as_bytes(), rules))
                .or_default()
                .push(i as u32);
        }
        let meets = |a: &Target, b: &Target| {
            let (ka, kb) = (self.key(a).as_bytes(), self.key(b).as_bytes());
            needed_rules(ka, kb, b.symmetric).is_some()
                || needed_rules(kb, ka, a.symmetric).is_some()
        };
        let mut groups: Vec<Vec<(u32, u32, String, Rules)>> = Vec::new();
        let mut buckets: Vec<_> = buckets.into_values().collect();
        buckets.sort_unstable();
        for bucket in buckets {
            let mut members: Vec<u32> = Vec::new();
            for (x, &i) in bucket.iter().enumerate() {
                let a = self.target(i);
                for &j in &bucket[x + 1..] {
                    let b = self.target(j);
                    if a.entity != b.entity && meets(&a, &b) {
                        for k in [i, j] {
                            if !members.contains(&k) {
                                members.push(k);
                            }
                        }
                    }
                }
            }
            if !members.is_empty() {
                members.sort_unstable();
                groups.push(
                    members
                        .iter()
                        .map(|&k| {
                            let t = self.target(k);
                            (t.entity, t.alias, self.key(&t).to_owned(), t.generated)
                        })
                        .collect(),
                );
            }
        }
        groups
    }

    /// The number of generated keys of each entity.
    pub fn keys_of_entities(&self) -> Vec<usize> {
        let mut counts = vec![0; self.gazetteer.len()];
        for t in &self.targets {
            counts[self.sources[t.source as usize].entity as usize] += 1;
        }
        counts
    }

    /// The folded key a match was found as, and the folded form of the matched text.
    pub fn explain_key(&self, text: &str, m: &RawMatch) -> (String, String) {
        let key = self.key(&self.target(m.target)).to_owned();
        (key, fold_key(&text[m.byte_start..m.byte_end], self.options.case_sensitive))
    }

    /// The gazetteer the tagger was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The options the tagger was built with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The number of distinct folded keys in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.on_folded.keys.len() + self.on_skeleton.keys.len()
    }

    /// The heap bytes each part of the tagger holds, largest parts named: the gazetteer
    /// (entities and id index, estimated from capacities), the targets and their strings, each
    /// automaton (as its back-end counts it), the pattern-to-target ranges and the affiliation
    /// and given-name tables. For `bench/memory.py`; estimates, not an allocator's count.
    pub fn memory(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of;
        let (entities, index) = self.gazetteer.heap_bytes();
        let targets = self.targets.capacity() * size_of::<KeyTarget>();
        let sources = self.sources.capacity() * size_of::<Source>();
        let target_strings = self.strings.0.capacity();
        let ranges = self.on_folded.keys.heap_bytes() + self.on_skeleton.keys.heap_bytes();
        let related = self.related.heap_bytes();
        let given = self.arabic_given.iter().map(|w| w.len() + size_of::<String>()).sum();
        vec![
            ("gazetteer entities", entities),
            ("gazetteer id index", index),
            ("targets", targets),
            ("target sources", sources),
            ("target strings", target_strings),
            ("automaton on folded text", self.on_folded.automaton.memory_usage()),
            ("automaton on skeleton", self.on_skeleton.automaton.memory_usage()),
            ("pattern ranges", ranges),
            ("affiliations", related),
            ("arabic given names", given),
        ]
    }

    /// A target by its index (as a match keeps it in `RawMatch::target`).
    #[inline]
    fn target(&self, t: u32) -> Target {
        let key = &self.targets[t as usize];
        Target::join(&self.sources[key.source as usize], key)
    }

    /// The folded key of a target.
    fn key(&self, t: &Target) -> &str {
        self.strings.get(t.key)
    }

    /// Finds the matches in `text`. The working buffers are kept per thread between calls,
    /// so tagging text after text allocates only the results.
    pub fn tag(&self, text: &str) -> Result<Tagged> {
        thread_local! {
            static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::default();
        }
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffers) => {
                let result = self.tag_with(text, &mut buffers);
                buffers.trim();
                result
            }
            // Only if tagging re-entered itself on this thread; never in practice.
            Err(_) => self.tag_with(text, &mut Buffers::default()),
        })
    }

    /// Finds the matches in `text`, and the candidates that a rule reading the context rejected
    /// (capitalization of an English word, another country, a longer or another name, a
    /// missing licence, an acronym defined as something else), each with the rule's name.
    /// Slower than [`Tagger::tag`]; meant for `explain`.
    pub fn tag_traced(&self, text: &str) -> Result<(Tagged, Vec<Rejection>)> {
        self.tag_traced_with(text, &mut Buffers::default(), Some(Vec::new()))
    }

    /// The entity and alias indices of a target (a match's or a rejection's `target`).
    pub fn target_of(&self, t: u32) -> (u32, u32) {
        let target = self.target(t);
        (target.entity, target.alias)
    }

    /// The folded key a target was generated as.
    pub fn target_key(&self, t: u32) -> &str {
        self.key(&self.target(t))
    }

    /// Finds the matches in each text, on `threads` threads (all cores when `None`). The result
    /// equals tagging each text in turn.
    pub fn tag_batch(&self, texts: &[&str], threads: Option<usize>) -> Result<Vec<Tagged>> {
        self.tag_in(texts, &Workers::new(threads)?)
    }

    /// Tags many texts in parallel on `workers`; callers that tag chunk after chunk get their
    /// [`Workers`] once. One text, or one thread, is tagged on the calling thread. Every
    /// thread tags with its own buffers, kept from call to call as [`Tagger::tag`] keeps them
    /// (the word-skeleton cache among them is 256 KB: made once per thread, not per call).
    pub fn tag_in(&self, texts: &[&str], workers: &Workers) -> Result<Vec<Tagged>> {
        self.tag_in_until(texts, workers, &Cancel::default())
    }

    /// [`Tagger::tag`] that stops with an error soon after `cancel` is set by another thread.
    pub fn tag_until(&self, text: &str, cancel: &Cancel) -> Result<Tagged> {
        with_cancel(cancel, || self.tag(text))
    }

    /// [`Tagger::tag_in`] that stops with an error soon after `cancel` is set
    /// (by another thread: Ctrl-C in Python, issue 15.6).
    pub fn tag_in_until(
        &self,
        texts: &[&str],
        workers: &Workers,
        cancel: &Cancel,
    ) -> Result<Vec<Tagged>> {
        let tag = |text: &&str| with_cancel(cancel, || self.tag(text));
        match &workers.0 {
            Some(pool) if texts.len() > 1 => {
                pool.install(|| texts.par_iter().map(tag).collect::<Result<Vec<_>>>())
            }
            _ => texts.iter().map(tag).collect(),
        }
    }
}

/// A flag that stops the searches it is given to, checked between the steps of each search and
/// every few thousand hits: set by another thread, it makes them return an error.
pub type Cancel = std::sync::Arc<std::sync::atomic::AtomicBool>;

thread_local! {
    /// The flag of the search running on this thread, if it can be cancelled.
    static CANCEL: std::cell::RefCell<Option<Cancel>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with `cancel` as this thread's cancel flag.
fn with_cancel<T>(cancel: &Cancel, f: impl FnOnce() -> T) -> T {
    let previous = CANCEL.with(|c| c.replace(Some(cancel.clone())));
    let out = f();
    CANCEL.with(|c| *c.borrow_mut() = previous);
    out
}

/// Whether this thread's search was cancelled.
fn check_cancel() -> Result<()> {
    let set = CANCEL.with(|c| {
        c.borrow().as_ref().is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed))
    });
    if set {
        Err(Error::input("the search was cancelled"))
    } else {
        Ok(())
    }
}
