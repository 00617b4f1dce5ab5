//! The compiled tagger: an Aho-Corasick automaton over folded alias keys, and the search that
//! turns its hits into matches with exact original offsets.
//!
//! Promises:
//! - a `Tagger` is immutable after `build` and `Sync`: threads share it without locks;
//! - the text is folded once per call; candidates come from one overlapping scan, are filtered
//!   by the whole-character, word-boundary and case checks, and only then chosen among, so a
//!   longer candidate that fails a check never hides a shorter valid one;
//! - offsets are Python `str` indices (code points) into the original text.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock, TryLockError};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::fold::{
    boundary_after, boundary_before, char_end, fold_into, fold_key, fold_word, is_joiner, is_word,
    Folded,
};
use super::gazetteer::Gazetteer;
use super::variants::{
    collides_with_english, generate, inside_other_name, is_english_word, is_given_name,
    is_letter_unit, needed_rules, scan_key, skeleton, skeleton_sparse, title_before, Layer,
    NameKind, Rules, SparseMap,
};

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            case_sensitive: false,
            overlapping: false,
            whole_words: true,
            variants: Layer::Default,
        }
    }
}

/// One (entity, alias, generated key) that an automaton pattern stands for.
#[derive(Debug, Clone)]
struct Target {
    entity: u32,
    alias: u32,
    /// The alias folded with case kept, when a match must also agree in case.
    exact: Option<Box<str>>,
    /// The folded key this target was generated as, and the rules that generated it.
    key: Box<str>,
    generated: Rules,
    /// The skeleton rules a match may need: the alias's layer, less what the gates forbid.
    symmetric: Rules,
    /// The key is one Latin word: a variant match, or a key that is an English word, needs a
    /// capitalized surface form, unless the alias is explicitly case-insensitive.
    gated: bool,
    english: bool,
    /// The key is Arabic script and may follow attached proclitics.
    proclitic: bool,
    /// A person's name at a layer with partial names: a title before it joins the match.
    titled: bool,
    /// For a person's surname alone: the given name, which joins the match when it stands up
    /// to two names before it (`Bafel Jalal Talabani` for `Bafel Talabani`).
    given: Option<Box<str>>,
}

/// A match in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Start and end as code-point (Python `str`) indices into the original text.
    pub start: usize,
    pub end: usize,
    /// Start and end as UTF-8 byte offsets into the original text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The entity and alias (indices into the gazetteer) the match is reported under.
    pub entity: u32,
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

/// A candidate that passed the checks, before overlap selection.
struct Candidate {
    byte_start: usize,
    byte_end: usize,
    target: u32,
    rules: Rules,
    candidates: Range<u32>,
}

/// A pool of worker threads for [`Tagger::tag_in`].
///
/// `Workers::new(None)` hands out one pool shared by the whole process, built on first use with
/// one thread per core; `Workers::new(Some(n))` likewise one pool of `n` threads per size (a few
/// sizes are kept; past them a call gets a pool of its own), so a loop of `tag_batch` calls
/// starts its threads once. The pools are keyed by process id: a child made by `fork()`
/// (Python's `multiprocessing` on Linux, spaCy's `n_process`) inherits the parent's memory but
/// none of its threads, so a pool built before the fork would wait forever for workers that do
/// not exist. The child builds pools of its own instead (rayon's global pool cannot be rebuilt,
/// which is why it is not used). `Workers::new(Some(1))` is no pool at all: the calling thread
/// tags.
#[derive(Clone)]
pub struct Workers(Option<Arc<rayon::ThreadPool>>);

/// How many pool sizes [`Workers::new`] keeps.
const KEPT_POOLS: usize = 4;

impl Workers {
    /// The process's pool of `threads` threads (one thread per core when `None`); none for one
    /// thread.
    pub fn new(threads: Option<usize>) -> Result<Workers> {
        match threads {
            None => {
                // Asked once: on Linux the answer reads the cgroup's files (tens of us).
                static CORES: OnceLock<usize> = OnceLock::new();
                let cores = *CORES
                    .get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
                Workers::kept(cores)
            }
            Some(0) => Err(Error::input("threads must be at least 1")),
            Some(1) => Ok(Workers(None)),
            Some(n) => Workers::kept(n),
        }
    }

    fn build(n: usize) -> Result<Workers> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("gazetag-{i}"))
            .build()
            .map(|p| Workers(Some(Arc::new(p))))
            .map_err(|e| Error::input(format!("could not start {n} threads: {e}")))
    }

    /// The kept pool of `n` threads, built on first use in this process.
    fn kept(n: usize) -> Result<Workers> {
        // (process id, threads, pool)
        static KEPT: Mutex<Vec<(u32, usize, Workers)>> = Mutex::new(Vec::new());
        let pid = std::process::id();
        let mut kept = match KEPT.try_lock() {
            Ok(kept) => kept,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            // Held by another thread now, or by a thread of the parent that no longer exists
            // in this forked child: a pool of this call's own is always safe.
            Err(TryLockError::WouldBlock) => return Workers::build(n),
        };
        if kept.first().is_some_and(|&(owner, ..)| owner != pid) {
            // Pools inherited through fork() have no threads; dropping one could wait on
            // them, so they are leaked (once per fork).
            for (_, _, stale) in kept.drain(..) {
                std::mem::forget(stale);
            }
        }
        if let Some((_, _, pool)) = kept.iter().find(|&&(_, size, _)| size == n) {
            return Ok(pool.clone());
        }
        let pool = Workers::build(n)?;
        if kept.len() < KEPT_POOLS {
            kept.push((pid, n, pool.clone()));
        }
        Ok(pool)
    }
}

/// A gazetteer compiled for search.
#[derive(Debug, Clone)]
pub struct Tagger {
    gazetteer: Gazetteer,
    options: Options,
    /// Keys that can only match exactly (acronyms, layer `none`), searched on the folded text.
    exact: Scanner,
    /// Keys that may match through skeleton rules, searched on the text's skeleton.
    variant: Scanner,
    targets: Vec<Target>,
    /// The widest layer any alias uses: the skeleton the text is scanned on.
    scan: Layer,
}

/// An automaton and, for each of its patterns, its targets (a range into `Tagger::targets`).
#[derive(Debug, Clone)]
struct Scanner {
    automaton: AhoCorasick,
    keys: Vec<Range<u32>>,
}

/// Patterns being collected for one scanner.
#[derive(Default)]
struct Patterns {
    index: std::collections::HashMap<Vec<u8>, usize>,
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

/// Buffers for tagging, reused from one text to the next on a thread.
#[derive(Default)]
struct Buffers {
    folded: Folded,
    skeleton: Vec<u8>,
    map: SparseMap,
}

/// Buffers that grew past this many bytes for one long text are let go afterwards, so that a
/// thread does not hold on to memory for the longest text it ever saw.
const KEEP_BUFFER_BYTES: usize = 8 << 20;

impl Buffers {
    fn trim(&mut self) {
        if self.folded.text.capacity() + self.skeleton.capacity() > KEEP_BUFFER_BYTES {
            *self = Buffers::default();
        }
    }
}

/// Scratch buffers for one text.
#[derive(Default)]
struct Scratch {
    span_fold: Folded,
    entities: Vec<u32>,
    passing: Vec<u32>,
    found: Vec<Candidate>,
}

/// Above this many bytes of keys the dense DFA costs too much memory; a contiguous NFA is used.
const DFA_MAX_KEY_BYTES: usize = 1 << 20;

impl Tagger {
    /// Compiles a gazetteer.
    pub fn build(gazetteer: Gazetteer, options: Options) -> Result<Tagger> {
        let layer_of = |e: &crate::core::Entity, a: &crate::core::Alias| {
            a.variants.or(e.variants).unwrap_or(options.variants)
        };
        let scan = gazetteer
            .entities()
            .iter()
            .flat_map(|e| e.aliases.iter().map(move |a| layer_of(e, a)))
            .max()
            .unwrap_or(options.variants);
        let scan_rules = scan.rules().and(Rules::SKELETON);
        let (mut exact_keys, mut variant_keys) = (Patterns::default(), Patterns::default());
        let mut exact_targets = Vec::new();
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
                let case_sensitive = !options.case_sensitive && alias.is_case_sensitive();
                let exact = case_sensitive.then(|| fold_key(&alias.text, true).into_boxed_str());
                let layer = layer_of(entity, alias);
                // Exact-case aliases (acronyms) and exact-case taggers get no generated keys:
                // generation works on lower-case words.
                let generated = if case_sensitive || options.case_sensitive {
                    generate(&key, Layer::None.rules(), NameKind::Other)
                } else {
                    generate(&key, layer.rules(), NameKind::of_label(&entity.label))
                };
                for g in generated {
                    // A person's name cut down to given names only (`Hussein` of `Fuad
                    // Hussein`, `Abu Mohammed`, `Muhammad Ali`) mostly names someone else.
                    if entity.is_person()
                        && g.rules.contains(Rules::PARTIAL)
                        && only_given_names(&g.key)
                    {
                        continue;
                    }
                    let explicit = alias.case_sensitive == Some(false);
                    let mut target =
                        make_target((ei, ai), exact.clone(), g.key, g.rules, layer, explicit);
                    target.titled = entity.is_person()
                        && layer.rules().contains(Rules::PARTIAL)
                        && !options.case_sensitive;
                    if let Some(given) = key.split(' ').next().filter(|_| {
                        target.titled
                            && target.generated.contains(Rules::PARTIAL)
                            && key.contains(' ')
                            && !target.key.starts_with(key.split(' ').next().unwrap_or_default())
                    }) {
                        target.given = Some(given.into());
                    }
                    // Skeleton rules only rewrite Latin letters, and word marks stand only
                    // before Latin words: a key without one (Arabic script, digits) is found
                    // the same on the folded text as on its skeleton, by the cheaper scan.
                    if scan == Layer::None
                        || target.symmetric.is_exact()
                        || !target.key.bytes().any(|b| b.is_ascii_alphabetic())
                    {
                        exact_targets.push(target);
                    } else {
                        let marks = options.whole_words;
                        variant_keys
                            .add(scan_key(target.key.as_bytes(), scan_rules, marks), target);
                    }
                }
            }
        }
        // When the text's skeleton is made anyway, one scan of it finds the exact keys too:
        // a whole-word match covers whole Latin words, whose skeletons do not depend on what
        // stands around them, and the check of each hit then asks for no rule. Without
        // whole words a key may match inside a word, whose skeleton can differ (`sad` in
        // `assad`), so the folded text is scanned for them.
        let one_scan = options.whole_words && !variant_keys.keys.is_empty();
        for target in exact_targets {
            if one_scan {
                let marks = options.whole_words;
                variant_keys.add(scan_key(target.key.as_bytes(), scan_rules, marks), target);
            } else {
                exact_keys.add(target.key.as_bytes().to_vec(), target);
            }
        }
        let mut targets = Vec::new();
        let exact = exact_keys.build(&mut targets)?;
        let variant = variant_keys.build(&mut targets)?;
        Ok(Tagger { gazetteer, options, exact, variant, targets, scan })
    }

    /// How many automaton targets (generated keys) each entity has on average.
    pub fn keys_per_entity(&self) -> f64 {
        self.targets.len() as f64 / self.gazetteer.len().max(1) as f64
    }

    /// Groups of generated keys that stand for aliases of different entities and that match
    /// each other: the same text after folding, or after the variant rules each may use.
    /// Each member is (entity, alias, folded key, rules that generated it).
    pub fn collisions(&self) -> Vec<Vec<(u32, u32, String, Rules)>> {
        let rules = self.scan.rules().and(Rules::SKELETON);
        let mut buckets: std::collections::HashMap<Vec<u8>, Vec<u32>> = Default::default();
        for (i, t) in self.targets.iter().enumerate() {
            buckets.entry(skeleton(t.key.as_bytes(), rules)).or_default().push(i as u32);
        }
        let meets = |a: &Target, b: &Target| {
            needed_rules(a.key.as_bytes(), b.key.as_bytes(), b.symmetric).is_some()
                || needed_rules(b.key.as_bytes(), a.key.as_bytes(), a.symmetric).is_some()
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
                    if a.entity != b.entity && meets(a, b) {
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
                            (t.entity, t.alias, t.key.to_string(), t.generated)
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
            counts[t.entity as usize] += 1;
        }
        counts
    }

    /// The folded key a match was found as, and the folded form of the matched text.
    pub fn explain_key(&self, text: &str, m: &RawMatch) -> (String, String) {
        let key = self.target(m.target).key.to_string();
        (key, fold_key(&text[m.byte_start..m.byte_end], self.options.case_sensitive))
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn options(&self) -> Options {
        self.options
    }

    /// The number of distinct folded keys in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.exact.keys.len() + self.variant.keys.len()
    }

    /// The entity index and alias index a match is reported under.
    fn target(&self, t: u32) -> &Target {
        &self.targets[t as usize]
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
        match &workers.0 {
            Some(pool) if texts.len() > 1 => pool.install(|| {
                texts.par_iter().map(|text| self.tag(text)).collect::<Result<Vec<_>>>()
            }),
            _ => texts.iter().map(|text| self.tag(text)).collect(),
        }
    }

    /// Checks one automaton hit, the folded-text range `s..e`, against its targets; a hit that
    /// passes becomes a candidate in `scratch.found`. `skeleton` says whether the hit was found
    /// on the skeleton, so that the rules it needed must be worked out.
    fn consider(
        &self,
        text: &str,
        folded: &Folded,
        (s, e): (usize, usize),
        targets: Range<u32>,
        skeleton: bool,
        scratch: &mut Scratch,
    ) {
        if !folded.starts_group(s) || !folded.ends_group(e) {
            return; // starts or ends inside one character's expansion (ß -> ss)
        }
        let byte_start = folded.src[s] as usize;
        let last = folded.src[e - 1] as usize;
        let byte_end = char_end(text, last);
        let mut left_proclitic = false;
        if self.options.whole_words {
            let (left, right) = word_edges(text, byte_start, last, byte_end);
            if !right {
                return;
            }
            if !left {
                if !proclitic_before(text, byte_start) {
                    return;
                }
                left_proclitic = true;
            }
        }
        let folded_span = &folded.text[s..e];
        let mut reported: Option<(u32, Rules)> = None;
        scratch.passing.clear();
        let mut span_folded = false;
        // Whether a title stands before the hit, worked out once per hit when first asked.
        let mut title: Option<Option<usize>> = None;
        let mut title_at =
            |text: &str| *title.get_or_insert_with(|| title_before(text, byte_start));
        for t in targets {
            let target = self.target(t);
            if left_proclitic && !target.proclitic {
                continue;
            }
            // A target can change the outcome only by naming an entity not yet passing or by
            // needing fewer rules than the one reported: its rules are at least those it was
            // generated with (and the proclitic's). Most of a hit's targets are one entity's
            // respellings.
            let least = if left_proclitic {
                target.generated.with(Rules::PROCLITIC)
            } else {
                target.generated
            };
            let floor = least.0.count_ones();
            if reported.is_some_and(|(_, r)| r.0.count_ones() <= floor)
                && scratch.passing.contains(&target.entity)
            {
                continue;
            }
            let needed = if skeleton {
                needed_rules(folded_span, target.key.as_bytes(), target.symmetric)
            } else {
                Some(Rules::EXACT)
            };
            let Some(needed) = needed else { continue };
            if self.options.case_sensitive && !same_case(folded_span, target.key.as_bytes(), needed)
            {
                continue;
            }
            if let Some(exact) = &target.exact {
                // A span of ASCII letters and digits folds (case kept) to itself.
                let span = &text.as_bytes()[byte_start..byte_end];
                let same = if span.iter().all(u8::is_ascii_alphanumeric) {
                    span == exact.as_bytes()
                } else {
                    if !span_folded {
                        fold_into(&text[byte_start..byte_end], true, &mut scratch.span_fold);
                        span_folded = true;
                    }
                    scratch.span_fold.as_str().trim_matches(' ') == &**exact
                };
                if !same {
                    continue;
                }
            }
            let mut rules = target.generated.with(needed);
            if left_proclitic {
                rules = rules.with(Rules::PROCLITIC);
            }
            let gated = target.gated && (target.english || !rules.is_exact());
            if gated && !text[byte_start..].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            // A cut-down name must not be part of another name (`Saddam Hussein`, `Sadr
            // City`), unless the entity's own given name is what comes before it.
            if rules.contains(Rules::PARTIAL)
                && inside_other_name(text, byte_start, byte_end)
                && target
                    .given
                    .as_deref()
                    .is_none_or(|given| given_name_before(text, byte_start, given).is_none())
                && !(target.titled && title_at(text).is_some())
            {
                continue;
            }
            // Report the target with the fewest rules: an exact alias beats a variant.
            if reported.is_none_or(|(_, r)| rules.0.count_ones() < r.0.count_ones()) {
                reported = Some((t, rules));
            }
            scratch.passing.push(target.entity);
        }
        let Some((target, rules)) = reported else { return };
        let first = scratch.entities.len();
        scratch.entities.push(self.target(target).entity);
        for &entity in &scratch.passing {
            if !scratch.entities[first..].contains(&entity) {
                scratch.entities.push(entity);
            }
        }
        let reported = self.target(target);
        let given_start =
            reported.given.as_deref().and_then(|given| given_name_before(text, byte_start, given));
        let (byte_start, title) = match given_start {
            Some(start) => (start, reported.titled.then(|| title_before(text, start)).flatten()),
            None => (byte_start, reported.titled.then(|| title_at(text)).flatten()),
        };
        let (byte_start, rules) = if reported.generated.contains(Rules::PROCLITIC) {
            // `لل` is the preposition li and the article's lam: the name starts at the second
            // lam, as it starts at the article after `و`.
            (byte_start + text[byte_start..].chars().next().map_or(0, char::len_utf8), rules)
        } else if let Some(title) = title {
            (title, rules.with(Rules::PARTIAL))
        } else {
            (byte_start, rules)
        };
        scratch.found.push(Candidate {
            byte_start,
            byte_end,
            target,
            rules,
            candidates: first as u32..scratch.entities.len() as u32,
        });
    }

    fn tag_with(&self, text: &str, buffers: &mut Buffers) -> Result<Tagged> {
        let Buffers { folded, skeleton: skeleton_text, map } = buffers;
        if u32::try_from(text.len()).is_err() {
            return Err(Error::input(format!(
                "text is {} bytes long; gazetag tags texts up to 4 GiB: split it into parts",
                text.len()
            )));
        }
        fold_into(text, self.options.case_sensitive, folded);
        let mut scratch = Scratch::default();
        let exact_hits = if self.exact.keys.is_empty() {
            None
        } else {
            Some(self.exact.automaton.find_overlapping_iter(folded.text.as_slice()))
        };
        for hit in exact_hits.into_iter().flatten() {
            let targets = self.exact.keys[hit.pattern().as_usize()].clone();
            self.consider(text, folded, (hit.start(), hit.end()), targets, false, &mut scratch);
        }
        if !self.variant.keys.is_empty() {
            let rules = self.scan.rules().and(Rules::SKELETON);
            let marks = self.options.whole_words;
            let len = skeleton_sparse(&folded.text, rules, marks, skeleton_text, map);
            let skeleton_text = &skeleton_text[..len];
            for hit in self.variant.automaton.find_overlapping_iter(skeleton_text) {
                let (s, e) = (hit.start(), hit.end());
                // A hit whose last letter the same Latin word goes on after (`ci` in `city`)
                // cannot end on a word boundary: dropped before its span is worked out. (A
                // possessive 's is no part of the word: folding separates it.)
                if marks
                    && skeleton_text.get(e).is_some_and(|&b| is_letter_unit(b))
                    && is_letter_unit(skeleton_text[e - 1])
                {
                    continue;
                }
                let targets = self.variant.keys[hit.pattern().as_usize()].clone();
                let span = map.span(&folded.text, rules, marks, s, e);
                self.consider(text, folded, span, targets, true, &mut scratch);
            }
        }
        let Scratch { mut entities, mut found, .. } = scratch;
        // Leftmost first, then longest; the target breaks the last ties so order is stable.
        found.sort_unstable_by(|a, b| {
            (a.byte_start, b.byte_end, a.target).cmp(&(b.byte_start, a.byte_end, b.target))
        });
        merge_same_spans(&mut found, &mut entities);
        if !self.options.overlapping {
            let mut taken_to = 0usize;
            found.retain(|c| {
                let keep = c.byte_start >= taken_to;
                if keep {
                    taken_to = c.byte_end;
                }
                keep
            });
        }
        let mut counter = CharCounter::new(text);
        let matches = found
            .into_iter()
            .map(|c| {
                let (start, end) = counter.span(c.byte_start, c.byte_end);
                let target = self.target(c.target);
                RawMatch {
                    start,
                    end,
                    byte_start: c.byte_start,
                    byte_end: c.byte_end,
                    entity: target.entity,
                    alias: target.alias,
                    candidates: c.candidates,
                    rules: c.rules,
                    target: c.target,
                }
            })
            .collect();
        Ok(Tagged { matches, entities })
    }
}

/// Joins candidates for the same span (found by both scanners, or as several keys) into one,
/// as one key's candidates are joined: the reported target is the one with the fewest rules,
/// and the candidate entities are all of theirs, the reported one first. `found` is sorted.
fn merge_same_spans(found: &mut Vec<Candidate>, entities: &mut Vec<u32>) {
    if found
        .windows(2)
        .all(|w| (w[0].byte_start, w[0].byte_end) != (w[1].byte_start, w[1].byte_end))
    {
        return;
    }
    let mut merged: Vec<Candidate> = Vec::with_capacity(found.len());
    for c in found.drain(..) {
        match merged.last_mut() {
            Some(m) if (m.byte_start, m.byte_end) == (c.byte_start, c.byte_end) => {
                let (best, other) = if c.rules.0.count_ones() < m.rules.0.count_ones() {
                    (c.candidates.clone(), m.candidates.clone())
                } else {
                    (m.candidates.clone(), c.candidates.clone())
                };
                if c.rules.0.count_ones() < m.rules.0.count_ones() {
                    (m.target, m.rules) = (c.target, c.rules);
                }
                let start = entities.len();
                for i in best.chain(other) {
                    let entity = entities[i as usize];
                    if !entities[start..].contains(&entity) {
                        entities.push(entity);
                    }
                }
                m.candidates = start as u32..entities.len() as u32;
            }
            _ => merged.push(c),
        }
    }
    *found = merged;
}

/// Whether the original span `[start, end)`, whose last character starts at `last`, is free of
/// glued-on word characters on the left and on the right. An edge that is not itself a word
/// character needs no boundary.
#[inline]
fn word_edges(text: &str, start: usize, last: usize, end: usize) -> (bool, bool) {
    let first_is_word = text[start..].chars().next().is_some_and(is_word);
    let last_is_word = text[last..].chars().next().is_some_and(is_word);
    (!first_is_word || boundary_before(text, start), !last_is_word || boundary_after(text, end))
}

/// Where the given name `given` (folded) starts, when it stands before byte `start` with at
/// most two capitalized names between (`Ali al-Husseini al-Sistani`, `Bafel Jalal Talabani`).
fn given_name_before(text: &str, start: usize, given: &str) -> Option<usize> {
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
fn is_proclitic(c: char) -> bool {
    matches!(c, '\u{0648}' | '\u{0641}' | '\u{0628}' | '\u{0644}' | '\u{0643}')
}

/// Whether the word starting at `start` is preceded by one or two attached proclitics that
/// themselves start a word (`والحشد`, `فبالحشد`).
fn proclitic_before(text: &str, start: usize) -> bool {
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

/// In exact-case taggers: an exact match must agree in case, and a variant match must agree
/// in the case of each word's first letter.
fn same_case(text: &[u8], key: &[u8], needed: Rules) -> bool {
    if needed.is_exact() {
        return text == key;
    }
    let initials = |s: &[u8]| -> Vec<bool> {
        s.split(|&b| b == b' ').filter_map(|w| w.first()).map(u8::is_ascii_uppercase).collect()
    };
    initials(text) == initials(key)
}

/// Whether a folded key is only given names and kunya words (`hussein`, `abu mohammed`,
/// `muhammad ali`), with or without articles.
fn only_given_names(key: &str) -> bool {
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

/// A target for one generated key, with the gates decided from the key itself.
fn make_target(
    (entity, alias): (usize, usize),
    exact: Option<Box<str>>,
    key: String,
    generated: Rules,
    layer: Layer,
    case_insensitive: bool,
) -> Target {
    let single_latin = key.bytes().all(|b| b.is_ascii_alphabetic());
    let words = key.split(' ').count();
    let mut symmetric = layer.rules().and(Rules::SKELETON);
    // Vowel classes only for entries that cannot pass for English: several words, or one long
    // word whose skeleton is no English word's.
    let long = key.chars().count() >= 6;
    if layer != Layer::Aggressive
        && !(words >= 2 || long && !collides_with_english(&key, Layer::Default))
    {
        symmetric = Rules(symmetric.0 & !Rules::VOWEL.0);
    }
    if single_latin {
        // A single word that some folding turns into an English word gets no such folding.
        if collides_with_english(&key, Layer::Default) {
            symmetric = Rules(symmetric.0 & !(Rules::DOUBLE.0 | Rules::FINAL_A.0 | Rules::VOWEL.0));
        }
        if collides_with_english(&key, Layer::Aggressive) {
            symmetric = Rules(symmetric.0 & !(Rules::CONSONANT.0 | Rules::E_I.0));
        }
    }
    let english = single_latin && is_english_word(&key);
    let proclitic = layer.rules().contains(Rules::PROCLITIC)
        && key.chars().next().is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    Target {
        entity: entity as u32,
        alias: alias as u32,
        exact,
        key: key.into_boxed_str(),
        generated,
        symmetric,
        gated: single_latin && !case_insensitive && layer != Layer::None,
        english,
        proclitic,
        titled: false,
        given: None,
    }
}

/// Turns increasing byte offsets into code-point offsets in one pass over the text.
struct CharCounter<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    fn new(text: &'t str) -> Self {
        CharCounter { text, ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// Code-point offsets of a byte span; spans must come with non-decreasing starts.
    fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        if self.ascii {
            return (start, end);
        }
        self.chars += self.text[self.byte..start].chars().count();
        self.byte = start;
        (self.chars, self.chars + self.text[start..end].chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::gazetteer::{Alias, Entity, Meta};

    /// The core folding only: what these tables test.
    fn core() -> Options {
        Options { variants: Layer::None, ..Options::default() }
    }

    /// (id, name, aliases); every entity is labelled TEST.
    type Spec<'a> = (&'a str, &'a str, &'a [&'a str]);

    fn tagger(specs: &[Spec], options: Options) -> Tagger {
        let entities = specs.iter().map(|(id, name, aliases)| {
            Entity::new(
                *id,
                *name,
                "TEST",
                aliases.iter().map(|a| Alias::new(*a, None)),
                Meta::new(),
            )
            .unwrap()
        });
        Tagger::build(Gazetteer::from_entities(entities).unwrap(), options).unwrap()
    }

    /// The matches as (original substring, entity id, all candidate ids).
    fn run(t: &Tagger, text: &str) -> Vec<(String, String, Vec<String>)> {
        let tagged = t.tag(text).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let ents = t.gazetteer().entities();
        tagged
            .matches
            .iter()
            .map(|m| {
                assert_eq!(
                    &text[m.byte_start..m.byte_end],
                    chars[m.start..m.end].iter().collect::<String>()
                );
                (
                    chars[m.start..m.end].iter().collect(),
                    ents[m.entity as usize].id.clone(),
                    tagged.candidates(m).iter().map(|&i| ents[i as usize].id.clone()).collect(),
                )
            })
            .collect()
    }

    const SEED: &[Spec] = &[
        ("kadhimi", "Mustafa al-Kadhimi", &["al-Kadhimi", "Kadhimi", "Kāẓimī"]),
        ("k1", "K1 Air Base", &["K1", "K-1"]),
        ("kh", "Kata'ib Hezbollah", &["KH", "Kataib Hezbollah"]),
        ("iran", "Iran", &[]),
        ("isis", "Islamic State", &["ISIS", "IS"]),
        ("sadr", "Muqtada al-Sadr", &["Sadr"]),
        ("sadr-city", "Sadr City", &["Sadr"]),
        ("ain-al-asad", "Ain al-Asad", &["Ain al-Asad Air Base"]),
        ("asad", "Asad", &[]),
        ("strasse", "Straße", &[]),
        ("istanbul", "İstanbul", &[]),
        ("qaim", "Al-Qa'im", &["Qaim"]),
    ];

    /// (text, [(surface, entity id)]) with default options.
    const MATCH_CASES: &[(&str, &[(&str, &str)])] = &[
        ("", &[]),
        ("nothing here", &[]),
        ("Kadhimi met", &[("Kadhimi", "kadhimi")]),
        ("KADHIMI", &[("KADHIMI", "kadhimi")]),
        ("al-Kadhimi said", &[("al-Kadhimi", "kadhimi")]),
        ("al Kadhimi said", &[("al Kadhimi", "kadhimi")]),
        ("al\n  Kadhimi", &[("al\n  Kadhimi", "kadhimi")]),
        ("Kāẓimī and Kazimi", &[("Kāẓimī", "kadhimi"), ("Kazimi", "kadhimi")]),
        ("Kadhimi's visit", &[("Kadhimi", "kadhimi")]),
        ("Kadhimi’s visit", &[("Kadhimi", "kadhimi")]),
        ("Kadhimis", &[]),
        ("K1, K-1, K 1 and k1", &[("K1", "k1"), ("K-1", "k1"), ("K 1", "k1")]),
        ("UK1 K10 K1a", &[]),
        ("Iranian Iran", &[("Iran", "iran")]),
        ("crisis ISIS is IS", &[("ISIS", "isis"), ("IS", "isis")]),
        ("Isis", &[]),
        ("KH and kh", &[("KH", "kh")]),
        ("Kata’ib Hezbollah", &[("Kata’ib Hezbollah", "kh")]),
        ("Ain al-Asad Air Base", &[("Ain al-Asad Air Base", "ain-al-asad")]),
        ("Ain al-Asad Air Basement", &[("Ain al-Asad", "ain-al-asad")]),
        (
            "STRASSE strasse Straße",
            &[("STRASSE", "strasse"), ("strasse", "strasse"), ("Straße", "strasse")],
        ),
        ("İstanbul istanbul", &[("İstanbul", "istanbul"), ("istanbul", "istanbul")]),
        (
            "Qa'im Qaʿim Qa´im Qaim Qa im",
            &[("Qa'im", "qaim"), ("Qaʿim", "qaim"), ("Qa´im", "qaim"), ("Qaim", "qaim")],
        ),
        ("😀Kadhimi😀", &[("Kadhimi", "kadhimi")]),
        ("éKadhimi", &[]),
        ("e\u{301}Kadhimi", &[]),
        ("Kadhimi\u{301} said", &[("Kadhimi\u{301}", "kadhimi")]),
        ("ʿAsad", &[("Asad", "asad")]),
    ];

    #[test]
    fn matches_table() {
        let t = tagger(SEED, core());
        for &(text, expected) in MATCH_CASES {
            let got: Vec<(String, String)> =
                run(&t, text).into_iter().map(|(s, id, _)| (s, id)).collect();
            let want: Vec<(String, String)> =
                expected.iter().map(|&(s, id)| (s.to_owned(), id.to_owned())).collect();
            assert_eq!(got, want, "text {text:?}");
        }
    }

    #[test]
    fn ambiguous_alias_reports_every_entity_in_gazetteer_order() {
        let t = tagger(SEED, core());
        let got = run(&t, "Sadr spoke");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "sadr");
        assert_eq!(got[0].2, ["sadr", "sadr-city"]);
    }

    #[test]
    fn a_longer_candidate_that_fails_a_check_does_not_hide_a_shorter_one() {
        let t = tagger(&[("a", "Abu Mahdi", &[]), ("b", "Abu Mahdi al", &[])], core());
        // "Abu Mahdi al" fails the word check ("alfoo"), "Abu Mahdi" stays.
        let got = run(&t, "Abu Mahdi alfoo");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Abu Mahdi"]);
        // Case check: "is" lowercase fails the acronym IS; the longer valid one still wins.
        let t = tagger(&[("a", "IS", &[]), ("b", "is here", &[])], core());
        assert_eq!(run(&t, "it is here")[0].0, "is here");
    }

    #[test]
    fn overlapping_returns_every_valid_match_sorted() {
        let specs: &[Spec] =
            &[("a", "Ain al-Asad", &[]), ("b", "al-Asad", &[]), ("c", "Asad Air Base", &[])];
        let t = tagger(specs, Options { overlapping: true, ..core() });
        let got: Vec<String> = run(&t, "Ain al-Asad Air Base").into_iter().map(|g| g.0).collect();
        assert_eq!(got, ["Ain al-Asad", "al-Asad", "Asad Air Base"]);
        let t = tagger(specs, core());
        let got: Vec<String> = run(&t, "Ain al-Asad Air Base").into_iter().map(|g| g.0).collect();
        assert_eq!(got, ["Ain al-Asad"]);
    }

    #[test]
    fn options_change_case_and_word_rules() {
        let t = tagger(SEED, Options { case_sensitive: true, ..core() });
        let got: Vec<String> =
            run(&t, "Kadhimi kadhimi Iran IRAN").into_iter().map(|g| g.0).collect();
        assert_eq!(got, ["Kadhimi", "Iran"]);
        let t = tagger(SEED, Options { whole_words: false, ..core() });
        let got: Vec<String> = run(&t, "Iranian").into_iter().map(|g| g.0).collect();
        assert_eq!(got, ["Iran"]);
    }

    #[test]
    fn offsets_are_code_points() {
        let t = tagger(SEED, core());
        let tagged = t.tag("ß😀 İstanbul Kāẓimī").unwrap();
        let spans: Vec<(usize, usize)> = tagged.matches.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(spans, [(3, 11), (12, 18)]);
    }

    #[test]
    fn batch_equals_serial() {
        let t = tagger(SEED, core());
        let texts: Vec<&str> = MATCH_CASES.iter().map(|c| c.0).collect();
        let serial: Vec<Tagged> = texts.iter().map(|x| t.tag(x).unwrap()).collect();
        assert_eq!(t.tag_batch(&texts, None).unwrap(), serial);
        assert_eq!(t.tag_batch(&texts, Some(2)).unwrap(), serial);
        assert_eq!(t.tag_batch(&texts, Some(1)).unwrap(), serial);
        assert!(Workers::new(Some(1)).unwrap().0.is_none(), "one thread needs no pool");
        let pool = |n| Workers::new(n).unwrap().0.unwrap();
        assert!(Arc::ptr_eq(&pool(Some(2)), &pool(Some(2))), "a size's pool is kept");
        assert!(Arc::ptr_eq(&pool(None), &pool(None)));
        assert_eq!(pool(Some(3)).current_num_threads(), 3);
        assert!(t.tag_batch(&texts, Some(0)).is_err());
        // Taggers at different layers taking turns on one thread share its buffers.
        let layered: Vec<Tagger> = [Layer::Default, Layer::Aggressive, Layer::None]
            .into_iter()
            .map(|variants| tagger(SEED, Options { variants, ..core() }))
            .collect();
        let alone: Vec<Vec<Tagged>> = layered
            .iter()
            .map(|t| {
                texts.iter().map(|x| t.tag_with(x, &mut Buffers::default()).unwrap()).collect()
            })
            .collect();
        for (i, x) in texts.iter().enumerate() {
            for (t, expected) in layered.iter().zip(&alone) {
                assert_eq!(t.tag(x).unwrap(), expected[i]);
            }
        }
    }

    /// (surface, entity id, rule)
    type Expected<'a> = &'a [(&'a str, &'a str, &'a str)];

    /// (layer, text, expected matches) over `VARIANT_SEED`.
    const VARIANT_CASES: &[(Layer, &str, Expected)] = &[
        (Layer::Default, "Kadhimi spoke", &[("Kadhimi", "kadhimi", "article+partial")]),
        (Layer::Default, "Alkadhimi spoke", &[("Alkadhimi", "kadhimi", "article+partial")]),
        (Layer::Default, "Mustafa Kadhimi", &[("Mustafa Kadhimi", "kadhimi", "article")]),
        (Layer::Default, "kadhimi spoke", &[]),
        (Layer::Default, "Mustafa al-Kazimi", &[]),
        (Layer::Aggressive, "Mustafa al-Kazimi", &[("Mustafa al-Kazimi", "kadhimi", "consonant")]),
        (Layer::None, "Kadhimi spoke", &[]),
        (
            Layer::Default,
            "Qayara Airfield West",
            &[("Qayara Airfield West", "qayyarah", "double+final-a")],
        ),
        (Layer::Default, "Qassem Suleimani", &[("Qassem Suleimani", "soleimani", "double+vowel")]),
        (Layer::Default, "Ayatollah Khamenei", &[("Ayatollah Khamenei", "khamenei", "partial")]),
        (Layer::Default, "Abumahdi al-Muhandis", &[("Abumahdi al-Muhandis", "muhandis", "join")]),
        (Layer::Default, "a ballad, sad, hit, he said, an ally, a dash, the bidder, it is is", &[]),
        (Layer::Default, "near Hit", &[("Hit", "hit", "exact")]),
        (
            Layer::Default,
            "Sayyid Ali al-Husseini al-Sistani",
            &[("Sayyid Ali al-Husseini al-Sistani", "sistani", "partial")],
        ),
        (
            Layer::Default,
            "Bafel Jalal Talabani",
            &[("Bafel Jalal Talabani", "talabani", "partial")],
        ),
        (
            Layer::Default,
            "the talks. Ali said Talabani",
            &[("Ali", "ali", "exact"), ("Talabani", "talabani", "partial")],
        ),
        (
            Layer::Default,
            "\u{0648}\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}",
            &[("\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", "hashd", "proclitic")],
        ),
        (
            Layer::Default,
            "\u{0644}\u{0644}\u{062D}\u{0634}\u{062F}",
            &[("\u{0644}\u{062D}\u{0634}\u{062F}", "hashd", "proclitic")],
        ),
        (Layer::None, "\u{0648}\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", &[]),
    ];

    const VARIANT_SEED: &[Spec] = &[
        ("kadhimi", "Mustafa al-Kadhimi", &[]),
        ("qayyarah", "Qayyarah Airfield West", &[]),
        ("soleimani", "Qasem Soleimani", &[]),
        ("khamenei", "Ali Khamenei", &[]),
        ("muhandis", "Abu Mahdi al-Muhandis", &[]),
        ("balad", "Balad", &[]),
        ("asad", "Asad", &[]),
        ("hit", "Hit", &[]),
        ("said", "Said", &[]),
        ("ali", "Ali", &[]),
        ("daesh", "Daesh", &[]),
        ("badr", "Badr", &[]),
        ("isis", "ISIS", &[]),
        ("hashd", "\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", &[]),
        ("sistani", "Ali al-Sistani", &[]),
        ("talabani", "Bafel Talabani", &[]),
    ];

    #[test]
    fn variants_table() {
        for layer in [Layer::None, Layer::Default, Layer::Aggressive] {
            let entities = VARIANT_SEED.iter().map(|(id, name, _)| {
                let people =
                    ["kadhimi", "soleimani", "khamenei", "muhandis", "ali", "sistani", "talabani"];
                let label = if people.contains(id) { "PERSON" } else { "PLACE" };
                Entity::new(*id, *name, label, [], Meta::new()).unwrap()
            });
            let options = Options { variants: layer, ..Options::default() };
            let t = Tagger::build(Gazetteer::from_entities(entities).unwrap(), options).unwrap();
            for &(case_layer, text, expected) in VARIANT_CASES.iter().filter(|c| c.0 == layer) {
                let tagged = t.tag(text).unwrap();
                let ents = t.gazetteer().entities();
                let got: Vec<(String, String, String)> = tagged
                    .matches
                    .iter()
                    .map(|m| {
                        (
                            text[m.byte_start..m.byte_end].to_owned(),
                            ents[m.entity as usize].id.clone(),
                            m.rules.describe(),
                        )
                    })
                    .collect();
                let want: Vec<(String, String, String)> = expected
                    .iter()
                    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                    .collect();
                assert_eq!(got, want, "{case_layer:?}: {text:?}");
            }
        }
    }

    #[test]
    fn a_surname_that_is_a_given_name_is_not_used_alone() {
        let fuad = Entity::new("fuad", "Fuad Hussein", "PERSON", [], Meta::new()).unwrap();
        let t =
            Tagger::build(Gazetteer::from_entities([fuad]).unwrap(), Options::default()).unwrap();
        // (text, expected matched texts)
        let cases: &[(&str, &[&str])] = &[
            ("Saddam Hussein said", &[]),
            ("Hussein said", &[]),
            ("Officials said Hussein was there", &[]),
            ("Fuad Hussein said", &["Fuad Hussein"]),
            ("Foreign Minister Fuad Hussein said", &["Fuad Hussein"]),
        ];
        for &(text, expected) in cases {
            let got: Vec<&str> = t
                .tag(text)
                .unwrap()
                .matches
                .iter()
                .map(|m| &text[m.byte_start..m.byte_end])
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn empty_gazetteer_tags_nothing() {
        let t = Tagger::build(Gazetteer::new(), core()).unwrap();
        assert!(t.tag("anything at all").unwrap().matches.is_empty());
    }
}
