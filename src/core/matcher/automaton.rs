//! The automaton behind each scanner: one interface, an overlapping scan of bytes that yields
//! (pattern, start, end), and walks from chosen starts where the back-end can, over three
//! back-ends (issues 12 and 13):
//!
//! - the aho-corasick crate's automata: the DFA, fastest to scan, for small pattern sets; the
//!   contiguous NFA where the patterns are too many for the trie;
//! - the patterns' trie in a double array (`trie.rs`), for every other pattern set: built in
//!   linear time, no bigger than the contiguous NFA, saved with a tagger and read back, and
//!   walked only from the starts where the search can keep a hit (`search.rs`);
//! - a double-array Aho-Corasick automaton built by the daachorse crate, which saved taggers
//!   of formats 3 to 5 hold and a tagger loaded from one scans with; it can be walked from
//!   chosen starts too (without its failure links).
//!
//! The double array is kept and scanned here, from daachorse's serialized form (daachorse 1.0:
//! the states, each `base`, `fail` and output position with check byte as three u32; the outputs,
//! each pattern, length and parent output as three u32; the match kind as a byte; the number of
//! states as a u32; every list after its u32 length, all little-endian). Reading it back checks
//! every index, so that bytes from a file that does not hold together are an error, never a
//! read out of bounds, a panic or an endless scan: daachorse's own reader trusts its input.
//!
//! Both back-ends report the same hits in the same order: by end, and at one end the longest
//! pattern first (each state's own pattern, then those of its failure chain).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::trie::Trie;
use crate::core::error::{Error, Result};

/// An automaton that can be walked from a chosen start of a text, without failure links.
pub(super) trait Walk {
    /// Every pattern that starts at `start` in `haystack`, shortest first: `found(pattern,
    /// end)`.
    fn starting_at(&self, haystack: &[u8], start: usize, found: impl FnMut(usize, usize));

    /// The starts of `bits` (bit `k` is the start `block + k` of `haystack`) worth a walk:
    /// every one where a pattern starts, and as few others as the automaton can tell cheaply.
    #[inline(always)]
    fn starts_kept(&self, _haystack: &[u8], _block: usize, bits: u64) -> u64 {
        bits
    }

    /// [`Walk::starting_at`] from the starts of `haystack` that `starts` chooses (as in
    /// [`walk_each`]), by start and at one start by end: `found(pattern, start, end)`.
    #[inline(always)]
    fn walk_chosen(
        &self,
        haystack: &[u8],
        starts: impl FnMut(usize) -> u64,
        found: impl FnMut(usize, usize, usize),
    ) where
        Self: Sized,
    {
        walk_each(self, haystack, starts, found)
    }
}

/// [`Walk::starting_at`] from the starts of `haystack` that `starts` chooses, 64 at a time:
/// bit `k` of `starts(block)` is the start `block + k` (`block` a multiple of 64; bits past the
/// end are ignored). A mask of a block, made without a branch a byte, costs a fraction of a
/// test a byte whose outcome changes at every word (issue 13: the test was a quarter of a
/// `tag()` call at 32k aliases).
#[inline(always)]
pub(super) fn walk_each<W: Walk>(
    walker: &W,
    haystack: &[u8],
    mut starts: impl FnMut(usize) -> u64,
    mut found: impl FnMut(usize, usize, usize),
) {
    for block in (0..haystack.len()).step_by(64) {
        let bits = starts(block) & block_bits(haystack.len() - block);
        let mut bits = if bits != 0 { walker.starts_kept(haystack, block, bits) } else { 0 };
        while bits != 0 {
            let start = block + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            walker.starting_at(haystack, start, |p, end| found(p, start, end));
        }
    }
}

/// The bits of the first `n` starts of a block (all 64 from `n` = 64 on).
#[inline(always)]
pub(super) fn block_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// Above this many bytes of keys the dense DFA costs too much memory; the trie is used. The
/// DFA takes about 135 bytes per byte of keys (73 MB for the 540 KB of 32k generated aliases,
/// against 2.3 MB for the trie), so it is kept for small dictionaries only: at most about 9 MB
/// (issue 13).
const DFA_MAX_KEY_BYTES: usize = 64 << 10;

/// Above this many bytes in one key the DFA is not built: the crate builds it in time that grows
/// with the square of one pattern's length when the pattern repeats itself (`abu abu abu ...`:
/// a 32 KiB key takes seconds, 1 MiB hours), while a contiguous NFA builds in linear time. The
/// longest key of the embedded gazetteer has 94 bytes.
const DFA_MAX_KEY_LEN: usize = 256;

/// Which automaton a scanner holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The aho-corasick crate's DFA.
    Dfa,
    /// The aho-corasick crate's contiguous NFA.
    ContiguousNfa,
    /// The patterns' trie, where it can be built (`Trie::build`).
    Trie,
    /// The double array (daachorse), where it can be built: daachorse refuses no pattern, an
    /// empty one, the same one twice, and more than 2^24 - 1 of them.
    DoubleArray,
}

/// The automaton a tagger is built with for these keys: the DFA, fastest to search, unless the
/// keys are too many bytes in all or one of them is too long to build it in linear time; then
/// the trie (the contiguous NFA where the trie cannot hold them).
pub(super) fn kind_for<L: PatternList + ?Sized>(keys: &L) -> Kind {
    kind_of_lengths((0..keys.count()).map(|i| keys.pattern(i).len()))
}

/// [`kind_for`] keys of these lengths.
pub(super) fn kind_of_lengths(lengths: impl Iterator<Item = usize>) -> Kind {
    let (total, longest) = lengths.fold((0usize, 0usize), |(t, l), n| (t + n, l.max(n)));
    if total <= DFA_MAX_KEY_BYTES && longest <= DFA_MAX_KEY_LEN {
        Kind::Dfa
    } else {
        Kind::Trie
    }
}

/// Patterns read by their index: a slice of them, or [`Packed`] ones.
pub(super) trait PatternList: Sync {
    /// The number of patterns.
    fn count(&self) -> usize;
    /// Pattern `i`.
    fn pattern(&self, i: usize) -> &[u8];
}

impl<P: AsRef<[u8]> + Sync> PatternList for [P] {
    fn count(&self) -> usize {
        self.len()
    }

    #[inline]
    fn pattern(&self, i: usize) -> &[u8] {
        self[i].as_ref()
    }
}

/// Patterns one after another in one buffer, with where each ends: 4 bytes a pattern besides
/// its bytes, where a slice of them takes 16 (issue 13: a build of millions of patterns peaked
/// on that list).
pub(super) struct Packed<'a> {
    pub(super) bytes: &'a [u8],
    /// Where each pattern ends in `bytes`, in order.
    pub(super) ends: &'a [u32],
}

impl<'a> Packed<'a> {
    /// Pattern `i`, borrowed from the buffer.
    #[inline]
    pub(super) fn at(&self, i: usize) -> &'a [u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.bytes[start..self.ends[i] as usize]
    }

    /// The patterns these indices name, in that order, packed anew (their bytes, where each
    /// ends). Room for `room` bytes is asked first: room that is never written takes no memory.
    pub(super) fn gather(&self, indices: &[u32], room: usize) -> (Vec<u8>, Vec<u32>) {
        let mut bytes = Vec::with_capacity(room);
        let mut ends = Vec::with_capacity(indices.len());
        for &i in indices {
            bytes.extend_from_slice(self.at(i as usize));
            ends.push(bytes.len() as u32);
        }
        bytes.shrink_to_fit();
        (bytes, ends)
    }
}

impl PatternList for Packed<'_> {
    fn count(&self) -> usize {
        self.ends.len()
    }

    #[inline]
    fn pattern(&self, i: usize) -> &[u8] {
        self.at(i)
    }
}

/// A compiled set of patterns, scanned for every overlapping occurrence.
#[derive(Clone)]
pub(super) enum Automaton {
    /// The aho-corasick crate's automaton.
    Crate(AhoCorasick),
    /// The patterns' trie.
    Trie(Trie),
    /// A double array.
    DoubleArray(DoubleArray),
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Automaton({:?}, {} bytes)", self.kind(), self.memory_usage())
    }
}

/// One occurrence of a pattern: its index and its byte span in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pattern: usize,
    start: usize,
    end: usize,
}

impl Hit {
    /// The index of the pattern, in the order the patterns were given.
    pub(super) fn pattern(&self) -> usize {
        self.pattern
    }
    /// Where it starts in the text (bytes).
    pub(super) fn start(&self) -> usize {
        self.start
    }
    /// Where it ends in the text (bytes, exclusive).
    pub(super) fn end(&self) -> usize {
        self.end
    }
}

impl Automaton {
    /// The automaton of these patterns (pattern `i` is reported as `i`), of the kind
    /// [`kind_for`] chooses.
    pub(super) fn build<L: PatternList + ?Sized>(patterns: &L) -> Result<Automaton> {
        Automaton::build_kind(patterns, kind_for(patterns))
    }

    /// The automaton of these patterns of this kind; the contiguous NFA where the trie or the
    /// double array cannot be built.
    pub(super) fn build_kind<L: PatternList + ?Sized>(
        patterns: &L,
        kind: Kind,
    ) -> Result<Automaton> {
        if kind == Kind::Trie {
            if let Some(built) = Trie::build(patterns) {
                return Ok(Automaton::Trie(built));
            }
        }
        if kind == Kind::DoubleArray {
            if let Some(built) = DoubleArray::build(patterns) {
                return Ok(Automaton::DoubleArray(built));
            }
        }
        let kind = match kind {
            Kind::Dfa => AhoCorasickKind::DFA,
            _ => AhoCorasickKind::ContiguousNFA,
        };
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build((0..patterns.count()).map(|i| patterns.pattern(i)))
            .map(Automaton::Crate)
            .map_err(|e| Error::gazetteer(format!("could not build the automaton: {e}")))
    }

    /// The automaton's kind.
    pub(super) fn kind(&self) -> Kind {
        match self {
            Automaton::Crate(a) if a.kind() == AhoCorasickKind::DFA => Kind::Dfa,
            Automaton::Crate(_) => Kind::ContiguousNfa,
            Automaton::Trie(_) => Kind::Trie,
            Automaton::DoubleArray(_) => Kind::DoubleArray,
        }
    }

    /// Every occurrence of every pattern in `haystack`, overlapping ones too, by end, and at
    /// one end the longest first.
    pub(super) fn find_overlapping_iter<'a>(&'a self, haystack: &'a [u8]) -> Hits<'a> {
        match self {
            Automaton::Crate(a) => Hits::Crate(a.find_overlapping_iter(haystack)),
            Automaton::Trie(_) => {
                let mut hits = Vec::new();
                self.walk_from_starts(
                    haystack,
                    |_| u64::MAX,
                    |pattern, start, end| hits.push(Hit { pattern, start, end }),
                );
                hits.sort_unstable_by_key(|h| (h.end, h.start));
                Hits::Walked(hits.into_iter())
            }
            Automaton::DoubleArray(a) => Hits::DoubleArray(a.hits(haystack)),
        }
    }

    /// Whether this automaton can walk from chosen starts ([`Automaton::walk_from_starts`]);
    /// the crate's automata only scan the whole text.
    #[inline]
    pub(super) fn walks_from_starts(&self) -> bool {
        matches!(self, Automaton::Trie(_) | Automaton::DoubleArray(_))
    }

    /// Every pattern that starts in `haystack` at a start that `starts` chooses (bit `k` of
    /// `starts(block)` for the start `block + k`, asked for each block of 64 in order), by
    /// start and at one start shortest first: `found(pattern, start, end)`. Nothing for the
    /// crate's automata (see [`Automaton::walks_from_starts`]).
    #[inline]
    pub(super) fn walk_from_starts(
        &self,
        haystack: &[u8],
        starts: impl FnMut(usize) -> u64,
        found: impl FnMut(usize, usize, usize),
    ) {
        match self {
            Automaton::Trie(a) => a.walk_chosen(haystack, starts, found),
            Automaton::DoubleArray(a) => a.walk_chosen(haystack, starts, found),
            Automaton::Crate(_) => {}
        }
    }

    /// The heap bytes of the automaton.
    pub(super) fn memory_usage(&self) -> usize {
        match self {
            Automaton::Crate(a) => a.memory_usage(),
            Automaton::Trie(a) => a.memory_usage(),
            Automaton::DoubleArray(a) => a.memory_usage(),
        }
    }

    /// The saved form of this automaton of these patterns: a trie, read back by
    /// [`Automaton::from_bytes`]; built here from the patterns where the automaton is another
    /// kind (a double array read from an older file). None for a DFA, which is quicker built
    /// again from its few patterns than a trie is read back, and where the trie cannot hold
    /// the patterns.
    pub(super) fn to_bytes<L: PatternList + ?Sized>(&self, patterns: &L) -> Option<Vec<u8>> {
        match self {
            Automaton::Crate(_) if self.kind() == Kind::Dfa => None,
            Automaton::Trie(a) => Some(a.to_bytes(patterns)),
            Automaton::Crate(_) | Automaton::DoubleArray(_) => {
                Trie::build(patterns).map(|a| a.to_bytes(patterns))
            }
        }
    }

    /// A trie from [`Automaton::to_bytes`] for these patterns, saved in file format `format`
    /// (6 or later; tries have tails since 8); everything is checked, so bytes that do not
    /// hold together are a format error.
    pub(super) fn from_bytes<L: PatternList + ?Sized>(
        bytes: &[u8],
        patterns: &L,
        format: u16,
    ) -> Result<Automaton> {
        Trie::from_bytes(bytes, patterns, format >= 8).map(Automaton::Trie).map_err(|what| {
            Error::format(format!("corrupt gazetag file: the saved automaton {what}"))
        })
    }

    /// A trie of `len` saved bytes (file format 8 and later) read from `s` in order
    /// ([`Trie::read_from`]), checked as [`Automaton::from_bytes`] checks it.
    pub(super) fn read_from<R: std::io::Read, L: PatternList + ?Sized>(
        s: &mut crate::core::persist::Stream<R>,
        len: usize,
        patterns: &L,
    ) -> Result<Automaton> {
        Trie::read_from(s, len, patterns)?.map(Automaton::Trie).map_err(|what| {
            Error::format(format!("corrupt gazetag file: the saved automaton {what}"))
        })
    }

    /// A double array as files of formats 3 to 5 saved it, for patterns of these lengths
    /// (pattern `i` has `lengths[i]` bytes); everything is checked, so bytes that do not hold
    /// together are a format error.
    pub(super) fn from_double_array_bytes(bytes: &[u8], lengths: &[u32]) -> Result<Automaton> {
        DoubleArray::from_bytes(bytes, lengths).map(Automaton::DoubleArray).map_err(|what| {
            Error::format(format!("corrupt gazetag file: the saved automaton {what}"))
        })
    }
}

/// The hits of one scan, from either back-end.
pub(super) enum Hits<'a> {
    Crate(aho_corasick::FindOverlappingIter<'a, 'a>),
    /// A trie's walks from every start, in a scan's order.
    Walked(std::vec::IntoIter<Hit>),
    DoubleArray(DoubleArrayHits<'a>),
}

impl Iterator for Hits<'_> {
    type Item = Hit;

    #[inline]
    fn next(&mut self) -> Option<Hit> {
        match self {
            Hits::Crate(it) => it.next().map(|m| Hit {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            }),
            Hits::Walked(it) => it.next(),
            Hits::DoubleArray(it) => it.next(),
        }
    }
}

/// A state of the double array, as daachorse lays it out.
#[derive(Clone, Copy, Default)]
struct State {
    /// Where its children are: the child on byte `c` is at `base ^ c` if that state's check
    /// byte is `c`; 0 when it has none.
    base: u32,
    /// The state of its longest proper suffix that is a prefix of a pattern.
    fail: u32,
    /// The 1-based index of its first output (0 for none) above, its check byte below.
    output_check: u32,
}

/// A pattern that ends at a state.
#[derive(Clone, Copy, Default)]
struct Output {
    pattern: u32,
    length: u32,
    /// The 1-based index of the next (shorter) output that ends there too, 0 for none.
    parent: u32,
}

/// daachorse's double-array Aho-Corasick automaton, in its serialized layout, scanned here.
#[derive(Clone)]
pub(super) struct DoubleArray {
    states: Vec<State>,
    outputs: Vec<Output>,
    /// As daachorse counts them (not every slot of `states` is a state); read back only to
    /// write the layout again (the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    num_states: u32,
}

const ROOT: u32 = 0;
/// daachorse's match kind `Standard`, the only one whose overlapping hits are all reported.
const STANDARD: u8 = 0;

impl DoubleArray {
    /// The double array of these patterns, or none where daachorse refuses them.
    fn build<L: PatternList + ?Sized>(patterns: &L) -> Option<DoubleArray> {
        let patterns: Vec<&[u8]> = (0..patterns.count()).map(|i| patterns.pattern(i)).collect();
        let built = daachorse::DoubleArrayAhoCorasick::<u32>::new(&patterns).ok()?;
        let bytes = built.serialize();
        drop(built);
        let lengths: Vec<u32> = patterns.iter().map(|p| p.len() as u32).collect();
        // What daachorse wrote holds together; were its layout ever to change, this says so
        // here (the tests build double arrays) rather than in a saved file.
        DoubleArray::from_bytes(&bytes, &lengths).ok()
    }

    fn memory_usage(&self) -> usize {
        self.states.capacity() * std::mem::size_of::<State>()
            + self.outputs.capacity() * std::mem::size_of::<Output>()
    }

    #[inline(always)]
    fn next_state(&self, mut state: u32, byte: u8) -> u32 {
        loop {
            let s = self.states[state as usize];
            if s.base != 0 {
                // In bounds: `from_bytes` checked that the number of slots is a multiple of 256
                // and every base is below it.
                let child = s.base ^ u32::from(byte);
                if self.states[child as usize].output_check as u8 == byte {
                    return child;
                }
            }
            if state == ROOT {
                return ROOT;
            }
            // Ends at the root: `from_bytes` checked that no failure chain loops.
            state = s.fail;
        }
    }

    fn hits<'a>(&'a self, haystack: &'a [u8]) -> DoubleArrayHits<'a> {
        DoubleArrayHits { automaton: self, haystack, pos: 0, state: ROOT, output: 0 }
    }

    /// The serialized layout again (the tests write double arrays as formats 3 to 5 did).
    #[cfg(test)]
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(13 + 12 * (self.states.len() + self.outputs.len()));
        let mut put = |x: u32| out.extend_from_slice(&x.to_le_bytes());
        put(self.states.len() as u32);
        for s in &self.states {
            put(s.base);
            put(s.fail);
            put(s.output_check);
        }
        put(self.outputs.len() as u32);
        for o in &self.outputs {
            put(o.pattern);
            put(o.length);
            put(o.parent);
        }
        out.push(STANDARD);
        out.extend_from_slice(&self.num_states.to_le_bytes());
        out
    }

    /// Reads the serialized layout back and checks what the scan relies on: every index in
    /// bounds, failure chains that end at the root, output chains that end, and each output
    /// a pattern of these lengths. The error says what does not hold.
    fn from_bytes(bytes: &[u8], lengths: &[u32]) -> std::result::Result<DoubleArray, &'static str> {
        let mut rest = bytes;
        let mut u32_ = || -> std::result::Result<u32, &'static str> {
            let (head, tail) = rest.split_first_chunk::<4>().ok_or("is cut short")?;
            rest = tail;
            Ok(u32::from_le_bytes(*head))
        };
        let n = u32_()? as usize;
        if n == 0 || n % 256 != 0 {
            return Err("has a number of states that is not whole blocks");
        }
        // Each state takes 12 bytes: a crafted count allocates nothing.
        if n.saturating_mul(12) > bytes.len() {
            return Err("is cut short");
        }
        let mut states = Vec::with_capacity(n);
        for _ in 0..n {
            states.push(State { base: u32_()?, fail: u32_()?, output_check: u32_()? });
        }
        let m = u32_()? as usize;
        if m.saturating_mul(12) > bytes.len() {
            return Err("is cut short");
        }
        let mut outputs = Vec::with_capacity(m);
        for _ in 0..m {
            outputs.push(Output { pattern: u32_()?, length: u32_()?, parent: u32_()? });
        }
        let (kind, num_states) = match rest {
            [kind, a, b, c, d] => (*kind, u32::from_le_bytes([*a, *b, *c, *d])),
            [] | [_] | [_, _] | [_, _, _] | [_, _, _, _] => return Err("is cut short"),
            _ => return Err("has extra bytes"),
        };
        if kind != STANDARD {
            return Err("has an unknown match kind");
        }
        if num_states as usize > n {
            return Err("counts more states than it has");
        }
        for s in &states {
            if s.base as usize >= n || s.fail as usize >= n {
                return Err("has a transition out of bounds");
            }
            if (s.output_check >> 8) as usize > m {
                return Err("has an output out of bounds");
            }
        }
        for (i, o) in outputs.iter().enumerate() {
            // Each output's parent comes before it, so every chain of outputs ends.
            if o.parent as usize > i {
                return Err("has an output chain that loops");
            }
            if lengths.get(o.pattern as usize) != Some(&o.length) || o.length == 0 {
                return Err("reports a pattern that is not there");
            }
        }
        // Every failure chain reaches the root: each state is walked once, marked on the way
        // (1) and when known to end (2).
        let mut mark = vec![0u8; n];
        mark[ROOT as usize] = 2;
        let mut path = Vec::new();
        for start in 0..n {
            let mut s = start;
            while mark[s] == 0 {
                mark[s] = 1;
                path.push(s);
                s = states[s].fail as usize;
            }
            if mark[s] == 1 {
                return Err("has a failure chain that loops");
            }
            for &p in &path {
                mark[p] = 2;
            }
            path.clear();
        }
        Ok(DoubleArray { states, outputs, num_states })
    }
}

/// The patterns that start at a start: the double array's walk from the root, without its
/// failure links; a state's first output is its own pattern when it is as long as the walk.
impl Walk for DoubleArray {
    #[inline]
    fn starting_at(&self, haystack: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let mut state = ROOT as usize;
        for (depth, &byte) in haystack[start..].iter().enumerate() {
            let base = self.states[state].base;
            if base == 0 {
                return;
            }
            // In bounds: `from_bytes` checked that the number of slots is a multiple of 256 and
            // every base is below it.
            let child = (base ^ u32::from(byte)) as usize;
            let output_check = self.states[child].output_check;
            if output_check as u8 != byte {
                return;
            }
            state = child;
            let output = output_check >> 8;
            if output != 0 {
                let o = self.outputs[output as usize - 1];
                if o.length as usize == depth + 1 {
                    found(o.pattern as usize, start + depth + 1);
                }
            }
        }
    }
}

/// The hits of a double array in one text.
pub(super) struct DoubleArrayHits<'a> {
    automaton: &'a DoubleArray,
    haystack: &'a [u8],
    /// How far the text is read.
    pos: usize,
    state: u32,
    /// The next output to report at `pos` (1-based; 0 for none).
    output: u32,
}

impl Iterator for DoubleArrayHits<'_> {
    type Item = Hit;

    #[inline]
    fn next(&mut self) -> Option<Hit> {
        let a = self.automaton;
        loop {
            if self.output != 0 {
                let o = a.outputs[self.output as usize - 1];
                self.output = o.parent;
                // A pattern longer than the text read so far: only a crafted file's.
                if let Some(start) = self.pos.checked_sub(o.length as usize) {
                    return Some(Hit { pattern: o.pattern as usize, start, end: self.pos });
                }
                continue;
            }
            let &byte = self.haystack.get(self.pos)?;
            self.pos += 1;
            self.state = a.next_state(self.state, byte);
            self.output = a.states[self.state as usize].output_check >> 8;
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::core::persist::FORMAT_VERSION;

    /// Patterns and texts where overlaps, shared prefixes and suffixes abound (the trie's tests
    /// use them too).
    pub(in crate::core::matcher) fn cases() -> Vec<(Vec<&'static [u8]>, &'static [u8])> {
        vec![
            (vec![b"a", b"ab", b"bab", b"b", b"abab"], b"ababab xbab"),
            (vec![b"he", b"she", b"his", b"hers"], b"ushers and his shes"),
            (vec![b"abu", b"abu abu", b"bu a", b"u"], b"abu abu abu abu"),
            (vec![b"\xd8\xa7\xd9\x84", b"\xd9\x84"], b"\xd8\xa7\xd9\x84\xd9\x84 x"),
            (vec![b"\0", b"\0\0", b"\xff"], b"\0\0\0\xff\xff"),
            (vec![b"x"], b""),
            // Starts in three blocks of 64.
            (
                vec![b"ab", b"b", b"abc", b"c a"],
                b"abc ab abc c ab b c abcab abc abc ab b cab abc abc ab ab bc abc abc ab b c \
                  abc a bc ab abc abc c a b abc ab abcabc ab abc abc c ab abc",
            ),
        ]
    }

    fn all(a: &Automaton, text: &[u8]) -> Vec<(usize, usize, usize)> {
        a.find_overlapping_iter(text).map(|h| (h.pattern(), h.start(), h.end())).collect()
    }

    #[test]
    fn every_kind_reports_the_same_hits_in_the_same_order() {
        for (patterns, text) in cases() {
            let want =
                all(&Automaton::build_kind(&patterns[..], Kind::ContiguousNfa).unwrap(), text);
            for kind in [Kind::Dfa, Kind::Trie, Kind::DoubleArray] {
                let a = Automaton::build_kind(&patterns[..], kind).unwrap();
                assert_eq!(a.kind(), kind);
                assert_eq!(all(&a, text), want, "{kind:?} {patterns:?}");
                // Walked from every start, the same hits (in the order of their starts).
                if a.walks_from_starts() {
                    let mut walked = Vec::new();
                    a.walk_from_starts(
                        text,
                        |_| u64::MAX,
                        |p, start, end| {
                            walked.push((p, start, end));
                        },
                    );
                    let mut by_start = want.clone();
                    by_start.sort_by_key(|&(_, start, end)| (start, end));
                    assert_eq!(walked, by_start, "{kind:?} {patterns:?}");
                    // From chosen starts, the hits that start there.
                    let chosen = |start: usize| start % 3 != 1;
                    let mut walked = Vec::new();
                    a.walk_from_starts(
                        text,
                        |block| (0..64).filter(|k| chosen(block + k)).map(|k| 1 << k).sum(),
                        |p, start, end| walked.push((p, start, end)),
                    );
                    by_start.retain(|&(_, start, _)| chosen(start));
                    assert_eq!(walked, by_start, "{kind:?} {patterns:?}");
                }
            }
            // Saved, the contiguous NFA and the double array are a trie that reports the same
            // hits.
            let nfa = Automaton::build_kind(&patterns[..], Kind::ContiguousNfa).unwrap();
            let double = Automaton::build_kind(&patterns[..], Kind::DoubleArray).unwrap();
            let dfa = Automaton::build_kind(&patterns[..], Kind::Dfa).unwrap();
            assert_eq!(dfa.to_bytes(&patterns[..]), None);
            if let Some(bytes) = nfa.to_bytes(&patterns[..]) {
                let back = Automaton::from_bytes(&bytes, &patterns[..], FORMAT_VERSION).unwrap();
                assert_eq!(back.kind(), Kind::Trie);
                assert_eq!(all(&back, text), want);
                assert_eq!(back.to_bytes(&patterns[..]).unwrap(), bytes);
                assert_eq!(double.to_bytes(&patterns[..]).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn patterns_the_double_array_or_the_trie_refuses_get_the_contiguous_nfa() {
        let cases: [&[&[u8]]; 3] = [&[], &[b"a", b""], &[b"ab", b"ab"]];
        for patterns in cases {
            for kind in [Kind::DoubleArray, Kind::Trie] {
                let a = Automaton::build_kind(patterns, kind).unwrap();
                assert_eq!(a.kind(), Kind::ContiguousNfa, "{patterns:?}");
                assert_eq!(a.to_bytes(patterns), None);
            }
        }
    }

    #[test]
    fn the_kind_is_chosen_by_the_longest_key_and_the_total() {
        let keys = |n: usize, len: usize| vec![vec![b'a'; len]; n];
        // (keys, the automaton); issue 15.5
        let cases: Vec<(Vec<Vec<u8>>, Kind)> = vec![
            (Vec::new(), Kind::Dfa),
            (keys(1000, 30), Kind::Dfa),
            (keys(1, 256), Kind::Dfa),
            (keys(1, 257), Kind::Trie),
            (keys(1, 136_000), Kind::Trie),
            (keys(256, 256), Kind::Dfa),
            (keys(257, 256), Kind::Trie),
            (keys(30_000, 18), Kind::Trie),
            ([keys(10, 20), keys(1, 300)].concat(), Kind::Trie),
        ];
        for (keys, kind) in cases {
            let (n, longest) = (keys.len(), keys.iter().map(Vec::len).max());
            assert_eq!(kind_for(&keys[..]), kind, "{n} keys, longest {longest:?}");
        }
    }

    /// The saved form of a small double array (formats 3 to 5), with its patterns' lengths.
    fn saved() -> (Vec<u8>, Vec<u32>) {
        let patterns: [&[u8]; 4] = [b"he", b"she", b"his", b"hers"];
        let a = DoubleArray::build(&patterns[..]).unwrap();
        (a.to_bytes(), patterns.iter().map(|p| p.len() as u32).collect())
    }

    fn put(bytes: &mut [u8], at: usize, x: u32) {
        bytes[at..at + 4].copy_from_slice(&x.to_le_bytes());
    }

    #[test]
    fn saved_bytes_that_do_not_hold_together_are_errors() {
        let (good, lengths) = saved();
        let n = u32::from_le_bytes(good[..4].try_into().unwrap()) as usize;
        let state = |i: usize| 4 + 12 * i;
        let outputs = state(n);
        let m = u32::from_le_bytes(good[outputs..outputs + 4].try_into().unwrap()) as usize;
        let output = |i: usize| outputs + 4 + 12 * i;
        // The states of `s`, `sh` and `his`, whose failure goes to `s`.
        let a = match Automaton::from_double_array_bytes(&good, &lengths).unwrap() {
            Automaton::DoubleArray(a) => a,
            _ => unreachable!(),
        };
        let walk = |text: &[u8]| text.iter().fold(ROOT, |s, &b| a.next_state(s, b));
        let (s, sh, his) = (walk(b"s"), walk(b"sh"), walk(b"his"));
        assert_eq!(a.states[his as usize].fail, s);
        assert!(sh != ROOT && s != ROOT);
        let edit = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut b = good.clone();
            f(&mut b);
            b
        };
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (edit(&|b| b.truncate(b.len() - 1)), "cut short"),
            (edit(&|b| b.truncate(3)), "cut short"),
            (edit(&|b| b.push(0)), "extra bytes"),
            (edit(&|b| put(b, 0, 255)), "whole blocks"),
            (edit(&|b| put(b, 0, 0)), "whole blocks"),
            (edit(&|b| put(b, 0, 1 << 30)), "cut short"),
            (edit(&|b| put(b, outputs, u32::MAX)), "cut short"),
            (edit(&|b| put(b, state(0), n as u32)), "transition out of bounds"),
            (edit(&|b| put(b, state(sh as usize) + 4, n as u32 + 7)), "transition out of bounds"),
            (edit(&|b| put(b, state(s as usize) + 4, his)), "failure chain that loops"),
            (edit(&|b| put(b, state(sh as usize) + 4, sh)), "failure chain that loops"),
            (edit(&|b| put(b, state(1) + 8, (m as u32 + 1) << 8)), "output out of bounds"),
            (edit(&|b| put(b, output(0) + 8, 1)), "output chain that loops"),
            (edit(&|b| put(b, output(0), 4)), "pattern that is not there"),
            (edit(&|b| put(b, output(0) + 4, 9)), "pattern that is not there"),
            (edit(&|b| put(b, output(0) + 4, 0)), "pattern that is not there"),
            (edit(&|b| b[output(m)] = 1), "unknown match kind"),
            (edit(&|b| put(b, output(m) + 1, n as u32 + 1)), "counts more states"),
        ];
        for (bytes, fragment) in cases {
            let err = Automaton::from_double_array_bytes(&bytes, &lengths).unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: the saved automaton"));
            assert!(err.message().contains(fragment), "{fragment}: {err}");
        }
        // The same lengths are needed: a pattern of another length is not the saved one's.
        assert!(Automaton::from_double_array_bytes(&good, &[2, 3, 3]).is_err());
        // Any changed byte: an error, or an automaton whose scan ends without a panic.
        for i in 0..good.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                if let Ok(a) = Automaton::from_double_array_bytes(&bad, &lengths) {
                    for h in a.find_overlapping_iter(b"ushers and his shes hehe") {
                        assert!(h.start() < h.end() && h.pattern() < lengths.len());
                    }
                }
            }
        }
    }
}
