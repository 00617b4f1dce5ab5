//! The patterns' trie in a double array, walked from chosen starts of a text (issue 12).
//!
//! A tagger with whole words keeps a hit only where a word starts (or right after an attached
//! Arabic proclitic), so most bytes of a text start nothing worth finding: the search walks
//! the trie from the starts that can be kept, instead of running an Aho-Corasick automaton over
//! every byte. A walk needs no failure links and stops at the first byte that no pattern goes
//! on with, which in prose is after a byte or two.
//!
//! Layout: slots of two u32, in blocks of 256; slot 0 is the root. A state's children are at
//! `base ^ byte`; a used slot's `info` holds its byte (bits 0-7), a used bit (bit 8) and above
//! them the 1-based index of the pattern that ends there (0 for none). The root and free slots
//! have `info` 0 and `base` 0, as has a state without children. No two states share a base, so
//! a slot has one parent at most (the state whose base is its index xor its byte): a walk
//! reaches a slot by one path only, and a pattern's slot is reached by its own bytes alone.
//!
//! Tails (since file format 8): a state below which one pattern goes on, and that ends none
//! itself, keeps the rest of that pattern's bytes in `tails` instead of a slot for each (a
//! u16 length, then the bytes), and its `base` is [`TAIL`] with where they start; its `info`
//! holds the pattern, which ends where the tail does. Most states of a big trie were such
//! chains, one slot of 8 bytes for each byte of a name's end (issue 13).
//!
//! Saved, it is the number of slots (u32), each slot's `base` and `info` (u32 each), since
//! format 8 the tails (u32 length, then the bytes), then the patterns' indices in the order of
//! their bytes (u32 each; their number is the patterns'), all little-endian. Reading it back
//! checks every index and tail and walks every pattern to its slot (and through its tail), in
//! that order so that each walk goes on from the one before, so bytes that do not hold
//! together are an error, never a read out of bounds or a wrong hit.

use super::automaton::{block_bits, PatternList, Walk};
use crate::core::error::Result as CoreResult;
use crate::core::persist::Stream;

/// Above this many patterns the trie is not built (the pattern index has 23 bits).
const MAX_PATTERNS: usize = (1 << 23) - 2;
/// The used bit of a slot's `info`.
const USED: u32 = 1 << 8;
/// The bit of a slot's `base` that says the rest of its one pattern is in the tails, where
/// the other bits say.
const TAIL: u32 = 1 << 31;
/// How many blocks are searched for room for a state's children; past them a new block is
/// opened. A wider window packs the slots tighter and builds slower.
const WINDOW: usize = 16;
/// A block that has had no room this many times is no longer searched.
const MAX_MISSES: u16 = 32;

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
struct Slot {
    base: u32,
    info: u32,
}

/// The trie of a set of patterns (module docs).
#[derive(Clone, PartialEq, Eq, Debug)]
pub(super) struct Trie {
    slots: Vec<Slot>,
    /// Each tail's length (u16) and bytes (module docs).
    tails: Vec<u8>,
    /// The root's child on each byte (0 for none): most starts end at the first byte, with
    /// this one look-up in a table that stays in the cache.
    root: Box<[u32; 256]>,
    /// Which starts can begin a pattern, by their first three bytes ([`Starts`]).
    starts: Starts,
}

/// A filter of a trie's starts: whether the first three bytes from a start can begin one of
/// its patterns, in a hashed bitmap of the patterns' first three bytes (with every third byte
/// after a pattern of two) and a table of the patterns of one byte. In prose two walks in
/// three end before their third byte, each at a branch whose outcome changes at every word;
/// the filter drops most of them for a look-up each without a branch, before the walks (issue
/// 13). It is made from the slots, so a trie read back has it too, and its walk goes three
/// bytes deep at most, whatever a file's slots say; it is never wrong the other way: every
/// start where a pattern begins passes.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Starts {
    /// Bit `hash3(b0, b1, b2)`: some pattern starts with these three bytes, or with the first
    /// two and has no more.
    three: Box<[u64]>,
    /// Bit `b`: the byte `b` is a pattern.
    one: [u64; 4],
}

/// The filter's bitmap has `1 << STARTS_BITS` bits (32 KiB).
const STARTS_BITS: u32 = 18;

/// The bit of three bytes (the first the lowest) in [`Starts::three`].
#[inline(always)]
fn hash3(x: u32) -> usize {
    (x.wrapping_mul(0x9E37_79B1) >> (32 - STARTS_BITS)) as usize
}

impl Starts {
    /// The filter of the trie with these slots, tails and root children.
    fn of(slots: &[Slot], tails: &[u8], root: &[u32; 256]) -> Starts {
        let mut f = Starts { three: vec![0u64; (1 << STARTS_BITS) / 64].into(), one: [0; 4] };
        // (state, its bytes so far) from the root's children down to the third byte.
        let mut stack: Vec<(u32, [u8; 3], usize)> = Vec::new();
        for (b0, &state) in root.iter().enumerate() {
            if state != 0 {
                stack.push((state, [b0 as u8, 0, 0], 1));
            }
        }
        while let Some((state, bytes, depth)) = stack.pop() {
            let Some(&Slot { base, info }) = slots.get(state as usize) else { continue };
            if base & TAIL != 0 {
                // One pattern goes on from here: the rest of its first three bytes are its
                // tail's.
                let mut bytes = bytes;
                let tail = tail_at(tails, base).unwrap_or_default();
                let more = tail.len().min(3 - depth);
                bytes[depth..depth + more].copy_from_slice(&tail[..more]);
                f.pattern_start(bytes, depth + more);
                continue;
            }
            if info >> 9 != 0 {
                f.pattern_start(bytes, depth);
            }
            if depth == 3 {
                f.pattern_start(bytes, 3);
                continue;
            }
            if base == 0 {
                continue;
            }
            for byte in 0..=255u8 {
                let child = base ^ u32::from(byte);
                if slots
                    .get(child as usize)
                    .is_some_and(|c| c.info & 0x1ff == USED | u32::from(byte))
                {
                    let mut next = bytes;
                    next[depth] = byte;
                    stack.push((child, next, depth + 1));
                }
            }
        }
        f
    }

    /// Marks the starts of a pattern whose first `n` bytes (of at most three) are these.
    fn pattern_start(&mut self, bytes: [u8; 3], n: usize) {
        let word = |b2: u8| u32::from_le_bytes([bytes[0], bytes[1], b2, 0]);
        let mut set = |h: usize| self.three[h / 64] |= 1 << (h % 64);
        match n {
            3 => set(hash3(word(bytes[2]))),
            // A pattern of two bytes: whatever comes after them.
            2 => (0..=255u8).for_each(|b2| set(hash3(word(b2)))),
            _ => self.one[usize::from(bytes[0] / 64)] |= 1 << (bytes[0] % 64),
        }
    }

    /// The starts of `bits` (bit `k` is the start `block + k` of `haystack`) where a pattern
    /// can begin: a look-up each, no branch on its outcome.
    #[inline(always)]
    fn keep(&self, haystack: &[u8], block: usize, mut bits: u64) -> u64 {
        let mut kept = 0;
        while bits != 0 {
            let k = bits.trailing_zeros();
            bits &= bits - 1;
            let at = block + k as usize;
            // Past the end the bytes read as zero: a pattern of one or two bytes that ends
            // there passes (every third byte after it is marked), a longer one cannot fit.
            let x = match haystack.get(at..at + 3) {
                Some(b) => u32::from_le_bytes([b[0], b[1], b[2], 0]),
                None => {
                    let get = |i: usize| u32::from(haystack.get(i).copied().unwrap_or(0));
                    get(at) | get(at + 1) << 8
                }
            };
            let h = hash3(x);
            let b0 = x & 0xff;
            let pass =
                (self.three[h / 64] >> (h % 64)) | (self.one[(b0 / 64) as usize] >> (b0 % 64));
            kept |= (pass & 1) << k;
        }
        kept
    }
}

impl Trie {
    /// The trie of these patterns (pattern `i` is reported as `i`), or none where it cannot
    /// hold them: no pattern, an empty one, the same one twice, more than 2^23 - 2.
    pub(super) fn build<L: PatternList + ?Sized>(patterns: &L) -> Option<Trie> {
        Trie::build_with(patterns, true)
    }

    /// [`Trie::build`], with tails or (as file formats 6 and 7 saved tries) without.
    fn build_with<L: PatternList + ?Sized>(patterns: &L, with_tails: bool) -> Option<Trie> {
        if !holds(patterns.count()) {
            return None;
        }
        let order = sorted(patterns);
        let at = |i: u32| patterns.pattern(i as usize);
        if at(order[0]).is_empty() || order.windows(2).any(|w| at(w[0]) == at(w[1])) {
            return None;
        }
        let key = |i: usize| at(order[i]);
        // Room asked for once, a little more than the layouts measured took (a slot for each
        // 10-11 bytes of the patterns, tails of 30-45% of them): grown step by step, each
        // buffer moved to one twice its size left the one before free but kept (issue 13: a
        // big build's peak). Room never written takes no memory; room that cannot be had is
        // asked for as the layout goes, as before.
        let total: usize = (0..patterns.count()).map(|i| patterns.pattern(i).len()).sum();
        let mut b = Builder::new();
        let _ = b.slots.try_reserve_exact(total / 8);
        let mut tails: Vec<u8> = Vec::new();
        if with_tails {
            let _ = tails.try_reserve_exact(total / 2);
        }
        // Depth first, so that a walk's states sit near each other: (slot, the range of
        // `order` whose patterns go through it, its depth).
        let mut stack: Vec<(usize, usize, usize, usize)> = vec![(0, 0, order.len(), 0)];
        let mut children: Vec<(u8, usize, usize)> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        while let Some((slot, mut lo, hi, depth)) = stack.pop() {
            let rest = &key(lo)[depth..];
            let alone = slot != 0 && hi - lo == 1 && !rest.is_empty();
            if with_tails && alone && tails.len() < TAIL as usize {
                // One pattern goes on from here: the rest of it is a tail.
                b.slots[slot].base = TAIL | tails.len() as u32;
                b.slots[slot].info |= (order[lo] + 1) << 9;
                tails.extend_from_slice(&(rest.len() as u16).to_le_bytes());
                tails.extend_from_slice(rest);
                continue;
            }
            // Sorted, a pattern that ends here comes first of its range.
            if key(lo).len() == depth {
                b.slots[slot].info |= (order[lo] + 1) << 9;
                lo += 1;
            }
            children.clear();
            let mut i = lo;
            while i < hi {
                let byte = key(i)[depth];
                let j = run_end(|k| key(k)[depth] == byte, i, hi);
                children.push((byte, i, j));
                i = j;
            }
            if children.is_empty() {
                continue;
            }
            bytes.clear();
            bytes.extend(children.iter().map(|c| c.0));
            let base = b.place(&bytes);
            b.slots[slot].base = base;
            for &(byte, i, j) in children.iter().rev() {
                let child = (base ^ u32::from(byte)) as usize;
                b.slots[child].info = USED | u32::from(byte);
                stack.push((child, i, j, depth + 1));
            }
        }
        let mut slots = b.slots;
        if slots.len() >= TAIL as usize {
            return None;
        }
        slots.shrink_to_fit();
        tails.shrink_to_fit();
        Some(Trie::with_root(slots, tails))
    }

    /// The tail a `base` with [`TAIL`] points to (its bytes, after their length).
    #[inline]
    fn tail(&self, base: u32) -> &[u8] {
        tail_at(&self.tails, base).unwrap_or_default()
    }

    /// The trie of these slots, with its table of the root's children.
    fn with_root(slots: Vec<Slot>, tails: Vec<u8>) -> Trie {
        let mut root = Box::new([0u32; 256]);
        let base = slots[0].base;
        if base != 0 {
            for (byte, child) in root.iter_mut().enumerate() {
                let at = (base ^ byte as u32) as usize;
                if slots[at].info & 0x1ff == USED | byte as u32 {
                    *child = at as u32;
                }
            }
        }
        let starts = Starts::of(&slots, &tails, &root);
        Trie { slots, tails, root, starts }
    }

    /// The heap bytes of the trie.
    pub(super) fn memory_usage(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.tails.capacity()
            + std::mem::size_of::<[u32; 256]>()
            + std::mem::size_of_val(&*self.starts.three)
    }

    /// The saved form of the trie of these patterns (module docs).
    pub(super) fn to_bytes<L: PatternList + ?Sized>(&self, patterns: &L) -> Vec<u8> {
        let size = 8 + 8 * self.slots.len() + self.tails.len() + 4 * patterns.count();
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(&(self.slots.len() as u32).to_le_bytes());
        for s in &self.slots {
            out.extend_from_slice(&s.base.to_le_bytes());
            out.extend_from_slice(&s.info.to_le_bytes());
        }
        out.extend_from_slice(&(self.tails.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.tails);
        for i in sorted(patterns) {
            out.extend_from_slice(&i.to_le_bytes());
        }
        out
    }

    /// Reads the saved form back for these patterns and checks what a walk relies on; the
    /// error says what does not hold.
    ///
    /// A big trie is read and checked in pieces on the pool's threads (issue 13: the check was
    /// most of a million-name load, on one core). `with_tails` for file format 8 and later,
    /// whose tries have tails.
    pub(super) fn from_bytes<L: PatternList + ?Sized>(
        bytes: &[u8],
        patterns: &L,
        with_tails: bool,
    ) -> std::result::Result<Trie, &'static str> {
        let slots = bytes.first_chunk::<4>().map_or(0, |h| u32::from_le_bytes(*h) as usize);
        let walk_pieces = pieces(4 * patterns.count());
        Trie::read_in(bytes, patterns, with_tails, pieces(slots), walk_pieces)
    }

    /// The saved form of `len` bytes (with tails, as file format 8 and later save it) read
    /// from `s` in order, its slots through the stream's buffer, and checked as
    /// [`Trie::from_bytes`] checks it. The outer error is the stream's (the file ends early or
    /// cannot be read), the inner one says what in the trie does not hold.
    pub(super) fn read_from<R: std::io::Read, L: PatternList + ?Sized>(
        s: &mut Stream<R>,
        len: usize,
        patterns: &L,
    ) -> CoreResult<std::result::Result<Trie, &'static str>> {
        let n = s.u32()? as usize;
        if let Err(what) = slot_count(n) {
            return Ok(Err(what));
        }
        let m = patterns.count();
        // Each part must fit in what the length leaves: 4 + 8n, then 4 + tails, then 4m.
        let parts = n.checked_mul(8).and_then(|b| b.checked_add(8));
        let Some(left) = parts.and_then(|b| len.checked_sub(b)) else {
            return Ok(Err("is cut short"));
        };
        let mut slots: Vec<Slot> = s.room(n)?;
        s.rows(n, 8, |c| {
            slots.push(slot_of(c));
            Ok(())
        })?;
        let t = s.u32()? as usize;
        let Some(order_len) = left.checked_sub(t) else { return Ok(Err("is cut short")) };
        let tails = s.bytes(t)?;
        if order_len != 4 * m {
            return Ok(Err(if order_len < 4 * m { "is cut short" } else { "has extra bytes" }));
        }
        let order = s.scratch(order_len)?;
        Ok(Trie::checked(slots, tails, order, patterns, true, pieces(n), pieces(4 * m)))
    }

    /// [`Trie::from_bytes`] with its slots read and checked in `slot_pieces` pieces and its
    /// patterns walked in `walk_pieces`, each piece a task of its own ([`Trie::checked`]).
    fn read_in<L: PatternList + ?Sized>(
        bytes: &[u8],
        patterns: &L,
        with_tails: bool,
        slot_pieces: usize,
        walk_pieces: usize,
    ) -> std::result::Result<Trie, &'static str> {
        use rayon::prelude::*;
        let (head, rest) = bytes.split_first_chunk::<4>().ok_or("is cut short")?;
        let n = u32::from_le_bytes(*head) as usize;
        slot_count(n)?;
        let m = patterns.count();
        if rest.len() / 8 < n {
            return Err("is cut short");
        }
        let (raw, rest) = rest.split_at(8 * n);
        let (tails, order) = match with_tails {
            true => {
                let (len, rest) = rest.split_first_chunk::<4>().ok_or("is cut short")?;
                let len = u32::from_le_bytes(*len) as usize;
                rest.split_at_checked(len).ok_or("is cut short")?
            }
            false => (&[][..], rest),
        };
        if order.len() < 4 * m {
            return Err("is cut short");
        }
        if order.len() != 4 * m {
            return Err("has extra bytes");
        }
        // Each slot written in its place on the pool's threads (an indexed collect: no pieces
        // gathered and copied).
        let mut slots: Vec<Slot> = Vec::new();
        raw.par_chunks_exact(8).map(slot_of).collect_into_vec(&mut slots);
        Trie::checked(slots, tails.to_vec(), order, patterns, with_tails, slot_pieces, walk_pieces)
    }

    /// The trie of these saved slots, tails and order (u32 pattern numbers) for these
    /// patterns, if a walk can rely on it: its slots checked in `slot_pieces` pieces and its
    /// patterns walked in `walk_pieces`, each piece a task of its own. Each piece marks the
    /// bases it finds, or the patterns it walks, in a bitmap of its own; no mark may be in
    /// two. A piece's error is the one a reading in one piece finds first in that piece; the
    /// first piece's error is said.
    fn checked<L: PatternList + ?Sized>(
        slots: Vec<Slot>,
        tails: Vec<u8>,
        order: &[u8],
        patterns: &L,
        with_tails: bool,
        slot_pieces: usize,
        walk_pieces: usize,
    ) -> std::result::Result<Trie, &'static str> {
        use rayon::prelude::*;
        let (n, m) = (slots.len(), patterns.count());
        if slots[0].info != 0 {
            return Err("has a root that is a pattern's end");
        }
        let per = n.div_ceil(slot_pieces.max(1));
        let marks: Vec<Result<(Vec<u64>, usize), &str>> = slots
            .par_chunks(per)
            .map(|piece| {
                let mut bases = vec![0u64; n.div_ceil(64)];
                let mut ends = 0usize;
                for &s in piece {
                    if s.base & TAIL != 0 && with_tails {
                        if tail_at(&tails, s.base).is_none() {
                            return Err("has a tail out of bounds or empty");
                        }
                        if s.info & USED == 0 || s.info >> 9 == 0 {
                            return Err("has a tail that ends no pattern");
                        }
                    } else if s.base as usize >= n {
                        return Err("has a transition out of bounds");
                    } else if s.base != 0 {
                        let (word, bit) = (s.base as usize / 64, 1u64 << (s.base % 64));
                        if bases[word] & bit != 0 {
                            return Err(SAME_CHILDREN);
                        }
                        bases[word] |= bit;
                    }
                    if s.info & USED == 0 && s.info != 0 {
                        return Err("has a free slot that holds something");
                    }
                    if s.info >> 9 != 0 {
                        if (s.info >> 9) as usize > m {
                            return Err("reports a pattern that is not there");
                        }
                        ends += 1;
                    }
                }
                Ok((bases, ends))
            })
            .collect();
        let marks: Vec<(Vec<u64>, usize)> = marks.into_iter().collect::<Result<_, _>>()?;
        if !disjoint(marks.iter().map(|m| &m.0[..])) {
            return Err(SAME_CHILDREN);
        }
        // Each pattern walks to the slot that reports it; with as many such slots as patterns,
        // no slot reports a pattern its path does not spell.
        if marks.iter().map(|m| m.1).sum::<usize>() != m {
            return Err("does not hold every pattern once");
        }
        let per = m.div_ceil(walk_pieces.max(1)).max(1);
        let walked: Vec<Result<Vec<u64>, &str>> = order
            .par_chunks(4 * per)
            .map(|order| walk_saved(&slots, &tails, patterns, order))
            .collect();
        let walked: Vec<Vec<u64>> = walked.into_iter().collect::<Result<_, _>>()?;
        if !disjoint(walked.iter().map(Vec::as_slice)) {
            return Err(NOT_AN_ORDER);
        }
        Ok(Trie::with_root(slots, tails))
    }
}

/// Into how many pieces the check of `items` saved items is split: one outside the pool's
/// threads, else about one for each 64k, at most two for each thread. (One for each 256k left
/// a 32k-alias `default` tagger's trie, 320k slots and 120k patterns, checked on one core
/// while the other, done with the entities, waited: its load 1.17x with the smaller pieces.)
fn pieces(items: usize) -> usize {
    if rayon::current_thread_index().is_none() {
        return 1;
    }
    (items >> 16).clamp(1, 2 * rayon::current_num_threads())
}

/// Whether `n` slots, as a saved trie counts them, can be a trie's: whole blocks, and not more
/// than a base can address.
fn slot_count(n: usize) -> std::result::Result<(), &'static str> {
    if n == 0 || n % 256 != 0 {
        return Err("has a number of slots that is not whole blocks");
    }
    // A base below the slots' number never has the tail bit (`build` makes none bigger).
    if n > TAIL as usize {
        return Err("has more slots than a trie holds");
    }
    Ok(())
}

/// A slot from its 8 saved bytes (`to_bytes`).
#[inline]
fn slot_of(c: &[u8]) -> Slot {
    Slot {
        base: u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
        info: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
    }
}

/// The bytes of the tail at a `base` with [`TAIL`]: none out of bounds or empty.
#[inline]
fn tail_at(tails: &[u8], base: u32) -> Option<&[u8]> {
    let at = (base & !TAIL) as usize;
    let len = u16::from_le_bytes(*tails.get(at..)?.first_chunk::<2>()?) as usize;
    tails.get(at + 2..at + 2 + len).filter(|t| !t.is_empty())
}

const SAME_CHILDREN: &str = "has two states with the same children";
const NOT_AN_ORDER: &str = "has an order that is not one of its patterns";

/// Whether no bit is set in two of these bitmaps (all of one length).
fn disjoint<'a>(mut maps: impl Iterator<Item = &'a [u64]>) -> bool {
    let Some(first) = maps.next() else { return true };
    let mut all = first.to_vec();
    for map in maps {
        for (a, &b) in all.iter_mut().zip(map) {
            if *a & b != 0 {
                return false;
            }
            *a |= b;
        }
    }
    true
}

/// Walks the patterns that a piece of the saved order names (u32 each) to the slots that must
/// report them; the bitmap of the patterns walked. The patterns are walked in the saved order
/// (sorted, if the file is sound), each from where its common prefix with the one before leaves
/// off: every state of the trie is visited about once, in the order it was laid out. Any order
/// is checked right; a sorted one is quick.
fn walk_saved<'a, L: PatternList + ?Sized>(
    slots: &[Slot],
    tails: &[u8],
    patterns: &'a L,
    order: &[u8],
) -> std::result::Result<Vec<u64>, &'static str> {
    let m = patterns.count();
    let mut seen = vec![0u64; m.div_ceil(64)];
    let mut path: Vec<usize> = vec![0];
    let mut before: &[u8] = &[];
    let mut chunk: Vec<(usize, &'a [u8])> = Vec::with_capacity(1024);
    for indices in order.chunks(4 * 1024) {
        // The patterns of a chunk are fetched first, each fetch independent of the others, so
        // that the memory reads of patterns far apart overlap (one at a time, they were most of
        // a big tagger's load).
        chunk.clear();
        let mut touched = 0u8;
        for at in indices.chunks_exact(4) {
            let i = u32::from_le_bytes([at[0], at[1], at[2], at[3]]) as usize;
            if i >= m || seen[i / 64] & (1 << (i % 64)) != 0 {
                return Err(NOT_AN_ORDER);
            }
            seen[i / 64] |= 1 << (i % 64);
            let p = patterns.pattern(i);
            touched ^= p.first().copied().unwrap_or(0);
            chunk.push((i, p));
        }
        std::hint::black_box(touched);
        for &(i, p) in &chunk {
            // The path goes as deep as the pattern before went in slots (not in a tail).
            let common = p.iter().zip(before).take_while(|(a, b)| a == b).count();
            let common = common.min(path.len() - 1);
            path.truncate(common + 1);
            let mut state = path[common];
            for (depth, &byte) in p.iter().enumerate().skip(common) {
                let base = slots[state].base;
                if base & TAIL != 0 {
                    break;
                }
                let child = (base ^ u32::from(byte)) as usize;
                if base == 0 || slots[child].info & 0x1ff != USED | u32::from(byte) {
                    return Err("does not hold a pattern");
                }
                state = child;
                path.push(state);
                debug_assert_eq!(path.len(), depth + 2);
            }
            let base = slots[state].base;
            let depth = path.len() - 1;
            if base & TAIL != 0 && tail_at(tails, base) != Some(&p[depth..]) {
                return Err("does not hold a pattern");
            }
            if (slots[state].info >> 9) as usize != i + 1 {
                return Err("does not hold a pattern");
            }
            before = p;
        }
    }
    Ok(seen)
}

impl Walk for Trie {
    #[inline(always)]
    fn starts_kept(&self, haystack: &[u8], block: usize, bits: u64) -> u64 {
        self.starts.keep(haystack, block, bits)
    }

    /// One walk after another where the trie stays in a core's caches, side by side
    /// ([`Trie::walk_side_by_side`]) where it does not.
    #[inline]
    fn walk_chosen(
        &self,
        haystack: &[u8],
        starts: impl FnMut(usize) -> u64,
        found: impl FnMut(usize, usize, usize),
    ) {
        if self.slots.len() < SIDE_BY_SIDE_SLOTS {
            super::automaton::walk_each(self, haystack, starts, found)
        } else {
            self.walk_side_by_side(haystack, starts, found)
        }
    }

    #[inline]
    fn starting_at(&self, haystack: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let slots = self.slots.as_slice();
        let Some(&first) = haystack.get(start) else { return };
        let mut state = self.root[first as usize] as usize;
        if state == 0 {
            return;
        }
        let mut end = start + 1;
        loop {
            let Slot { base, info } = slots[state];
            if base & TAIL != 0 {
                // The one pattern that goes on from here ends where its tail does.
                let tail = self.tail(base);
                if haystack.get(end..end + tail.len()) == Some(tail) {
                    found((info >> 9) as usize - 1, end + tail.len());
                }
                return;
            }
            if info >> 9 != 0 {
                found((info >> 9) as usize - 1, end);
            }
            let Some(&byte) = haystack.get(end) else { return };
            if base == 0 {
                return;
            }
            // In bounds: the number of slots is a multiple of 256 and every base is below it.
            let child = (base ^ u32::from(byte)) as usize;
            if slots[child].info & 0x1ff != USED | u32::from(byte) {
                return;
            }
            state = child;
            end += 1;
        }
    }
}

impl Trie {
    /// The walks go on side by side, [`LANES`] at a time, a step of each in turn: the slot a
    /// walk goes to next is asked of memory (`prefetch`) while the others take their steps,
    /// and a walk that ends gives its lane to the next start at once. A big trie's slots are
    /// scattered over tens of megabytes, and a walk that went on alone waited for each of its
    /// steps (issue 13: at 1M aliases, a third of a `tag()` call waited on that one load).
    /// What the walks find is given once they are all done, by start and at one start by end
    /// (a start's walk finds one pattern at an end), as one walk after another gives it.
    #[inline]
    fn walk_side_by_side(
        &self,
        haystack: &[u8],
        mut starts: impl FnMut(usize) -> u64,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let slots = self.slots.as_slice();
        // The starts not yet walked: the bits left of the block at `at`, then the next
        // blocks'. Each comes with the root's child on its byte, whose slot is asked for.
        let (mut at, mut next_block, mut bits) = (0usize, 0usize, 0u64);
        let mut next_start = || loop {
            while bits == 0 {
                if next_block >= haystack.len() {
                    return None;
                }
                at = next_block;
                next_block += 64;
                let chosen = starts(at) & block_bits(haystack.len() - at);
                bits = if chosen != 0 { self.starts_kept(haystack, at, chosen) } else { 0 };
            }
            let start = at + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let first = self.root[haystack[start] as usize] as usize;
            if first != 0 {
                prefetch(slots, first);
                return Some((start, first));
            }
        };
        // Each lane's start, slot and end (the byte after the walk's last).
        let mut start = [0usize; LANES];
        let mut state = [0usize; LANES];
        let mut end = [0usize; LANES];
        // Bit `i`: lane `i` walks; its slot is still to be checked against the byte that led
        // to it (the root's table checked the first); it stands on a tail whose bytes were
        // asked for.
        let (mut live, mut unchecked, mut tails) = (0u64, 0u64, 0u64);
        let mut more = true;
        for i in 0..LANES {
            let Some((s, first)) = next_start() else {
                more = false;
                break;
            };
            (start[i], state[i], end[i]) = (s, first, s + 1);
            live |= 1 << i;
        }
        // (start, end, pattern) of each pattern found.
        let mut events: Vec<(usize, usize, usize)> = Vec::new();
        while live != 0 {
            for i in 0..LANES {
                let bit = 1u64 << i;
                if live & bit == 0 {
                    continue;
                }
                let Slot { base, info } = slots[state[i]];
                let ended = if tails & bit != 0 {
                    // The one pattern that goes on from here ends where its tail does.
                    let tail = self.tail(base);
                    if haystack.get(end[i]..end[i] + tail.len()) == Some(tail) {
                        events.push((start[i], end[i] + tail.len(), (info >> 9) as usize - 1));
                    }
                    true
                } else if unchecked & bit != 0
                    && info & 0x1ff != USED | u32::from(haystack[end[i] - 1])
                {
                    true
                } else if base & TAIL != 0 {
                    prefetch(&self.tails, (base & !TAIL) as usize);
                    tails |= bit;
                    false
                } else {
                    if info >> 9 != 0 {
                        events.push((start[i], end[i], (info >> 9) as usize - 1));
                    }
                    match haystack.get(end[i]) {
                        Some(&byte) if base != 0 => {
                            // In bounds: the number of slots is a multiple of 256 and every
                            // base is below it.
                            let child = (base ^ u32::from(byte)) as usize;
                            prefetch(slots, child);
                            state[i] = child;
                            end[i] += 1;
                            unchecked |= bit;
                            false
                        }
                        _ => true,
                    }
                };
                if ended {
                    tails &= !bit;
                    unchecked &= !bit;
                    match if more { next_start() } else { None } {
                        Some((s, first)) => (start[i], state[i], end[i]) = (s, first, s + 1),
                        None => {
                            more = false;
                            live &= !bit;
                        }
                    }
                }
            }
        }
        if !events.is_sorted_by_key(|&(s, e, _)| (s, e)) {
            events.sort_unstable_by_key(|&(s, e, _)| (s, e));
        }
        for (s, e, p) in events {
            found(p, s, e);
        }
    }
}

/// How many walks [`Walk::walk_chosen`] keeps going side by side.
const LANES: usize = 8;
/// Below this many slots (4 MB) a trie stays in a core's caches and its walks go one after
/// another: side by side they cost more steps than the waits they save (issue 13: 1.1x the
/// instructions at 32k aliases, 0.9x the time at 1M).
const SIDE_BY_SIDE_SLOTS: usize = 1 << 19;

/// Asks for the cache line of `items[at]` (nothing where it is out of bounds or the target
/// has no such hint): a hint, which reads nothing and cannot fail.
#[inline(always)]
fn prefetch<T>(items: &[T], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(item) = items.get(at) {
        // SAFETY: a prefetch is a hint: it neither reads into the program nor faults, and the
        // address is that of an item of the slice.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                (item as *const T).cast::<i8>(),
            )
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, at);
}

/// The end of the run of indices from `start` (where `same` holds) to `end` for which `same`
/// holds, which then fails for the rest: found by doubling steps, then halving them. The
/// patterns of a state's child are one run of the sorted list, read a few times rather than
/// each once (a big trie's patterns are scattered in memory: reading each byte of each was
/// half of its layout's time).
fn run_end(same: impl Fn(usize) -> bool, start: usize, end: usize) -> usize {
    // `same(lo)` holds and `hi` is `end` or fails.
    let (mut lo, mut step) = (start, 1);
    let mut hi = loop {
        let at = lo + step;
        if at >= end {
            break end;
        }
        if !same(at) {
            break at;
        }
        lo = at;
        step *= 2;
    };
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if same(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Whether a trie can be built of this many patterns (at least one; its slots number them in
/// 23 bits).
pub(super) fn holds(patterns: usize) -> bool {
    (1..=MAX_PATTERNS).contains(&patterns)
}

/// The indices of these patterns in the order of their bytes. On a thread of a pool (a build
/// or load runs on one: `Workers::on_cores`) a big list is sorted on the pool's cores; never on
/// rayon's global pool, whose threads a forked child lacks.
///
/// Sorted seven bytes at a time: each index beside a number made of its pattern's next seven
/// bytes and whether it ends within them (`chunk_key`), the list sorted by those numbers, and
/// each run of equal numbers whose patterns go on sorted again on the seven bytes after. A
/// pattern's bytes, scattered in memory, are read once a level, not at every comparison
/// (issue 13: comparing whole patterns missed the cache for a tenth of a big build; many names
/// share their first word).
pub(super) fn sorted<L: PatternList + ?Sized>(patterns: &L) -> Vec<u32> {
    sorted_with_repeats(patterns).0
}

/// [`sorted`], and for each place of the order whether its pattern is the one before it
/// again: told by the sort's last keys (two patterns alike end with the same key, which
/// says they ended within it), the bytes compared only where those agree (issue 13: comparing
/// every pattern with the one before missed the cache at each of a big build's millions).
pub(super) fn sorted_with_repeats<L: PatternList + ?Sized>(patterns: &L) -> (Vec<u32>, Vec<bool>) {
    use rayon::slice::ParallelSliceMut;
    // A build keeps a trie's patterns in this order (`compile::Patterns::build`): checked in
    // one pass.
    if (1..patterns.count()).all(|i| patterns.pattern(i - 1) < patterns.pattern(i)) {
        return ((0..patterns.count() as u32).collect(), vec![false; patterns.count()]);
    }
    let mut order: Vec<Keyed> = (0..patterns.count() as u32)
        .map(|i| keyed(chunk_key(patterns.pattern(i as usize), 0), i))
        .collect();
    if order.len() >= 1 << 16 && rayon::current_thread_index().is_some() {
        order.par_sort_unstable_by_key(key_of);
        sort_runs_on_cores(patterns, &mut order, 0);
    } else {
        order.sort_unstable_by_key(key_of);
        sort_runs(patterns, &mut order, 0);
    }
    let repeats = (0..order.len())
        .map(|k| {
            let (last, this) = (&order[k.saturating_sub(1)], &order[k]);
            let ((before, p), (key, q)) = ((key_of(last), last[2]), (key_of(this), this[2]));
            k > 0
                && key == before
                && key & 0xff <= CHUNK as u64
                && patterns.pattern(p as usize) == patterns.pattern(q as usize)
        })
        .collect();
    (indices_of(order), repeats)
}

/// Below this many patterns [`sort_runs_on_cores`] leaves the rest to one thread.
const RUNS_ON_ONE_CORE: usize = 1 << 14;

/// [`sort_runs`] on the pool's cores (issue 13: it was most of a million-name build's sort,
/// on one core): `order` cut between two runs near its middle and each half sorted on a
/// core of its own, down to halves of [`RUNS_ON_ONE_CORE`]; a list that is one run all
/// through is keyed and sorted on every core a level further down first.
fn sort_runs_on_cores<L: PatternList + ?Sized>(
    patterns: &L,
    order: &mut [Keyed],
    mut depth: usize,
) {
    use rayon::prelude::*;
    loop {
        if order.len() < RUNS_ON_ONE_CORE {
            return sort_runs(patterns, order, depth);
        }
        // Sorted by their keys: the first and last equal, all are.
        let key = key_of(&order[0]);
        if key_of(&order[order.len() - 1]) != key {
            break;
        }
        if key & 0xff != CHUNK as u64 + 1 {
            // The same pattern throughout.
            return;
        }
        order.par_iter_mut().for_each(|entry| {
            set_key(entry, chunk_key(patterns.pattern(entry[2] as usize), depth + CHUNK));
        });
        order.par_sort_unstable_by_key(key_of);
        depth += CHUNK;
    }
    // Cut at whichever end of the middle's run is nearer the middle and not an end of the
    // list (one is not: the list is more than one run).
    let mid = order.len() / 2;
    let key = key_of(&order[mid]);
    let first = order[..mid].partition_point(|e| key_of(e) < key);
    let past = mid + order[mid..].partition_point(|e| key_of(e) == key);
    let cut =
        if first > 0 && (mid - first <= past - mid || past == order.len()) { first } else { past };
    let (left, right) = order.split_at_mut(cut);
    rayon::join(
        || sort_runs_on_cores(patterns, left, depth),
        || sort_runs_on_cores(patterns, right, depth),
    );
}

/// The bytes of a chunk of a pattern in [`chunk_key`].
const CHUNK: usize = 7;

/// The pattern's bytes `depth..depth + 7` (zeros after its end) then, in the lowest byte, how
/// many of them it has, 8 when it goes on after them. Two patterns that agree on their first
/// `depth` bytes are in the order of these numbers, but for equal numbers below 8 in the
/// lowest byte (the same pattern) and equal numbers with 8 there (decided by what follows).
fn chunk_key(pattern: &[u8], depth: usize) -> u64 {
    let rest = pattern.get(depth..).unwrap_or_default();
    let mut key = [0u8; 8];
    let n = rest.len().min(CHUNK);
    key[..n].copy_from_slice(&rest[..n]);
    key[CHUNK] = if rest.len() > CHUNK { CHUNK as u8 + 1 } else { n as u8 };
    u64::from_be_bytes(key)
}

/// Sorts each run of `order` whose patterns agree on their bytes up to `depth + 7` and go on
/// (sorted by their keys at `depth`), by their bytes after that; a list of runs to do, not
/// recursion, since patterns sharing 64 KiB would go nine thousand levels deep.
fn sort_runs<L: PatternList + ?Sized>(patterns: &L, order: &mut [Keyed], depth: usize) {
    let mut todo = vec![(0, order.len(), depth)];
    while let Some((start, end, depth)) = todo.pop() {
        let mut at = start;
        while at < end {
            let key = key_of(&order[at]);
            let mut to = at + 1;
            while to < end && key_of(&order[to]) == key {
                to += 1;
            }
            if to - at > 1 && key & 0xff == CHUNK as u64 + 1 {
                let run = &mut order[at..to];
                for entry in run.iter_mut() {
                    set_key(entry, chunk_key(patterns.pattern(entry[2] as usize), depth + CHUNK));
                }
                run.sort_unstable_by_key(key_of);
                todo.push((at, to, depth + CHUNK));
            }
            at = to;
        }
    }
}

/// A pattern's sort key ([`chunk_key`], its high then low half) and index, in 12 bytes where
/// a `(u64, u32)` takes 16 (issue 13: this list, one entry a pattern, was at a big build's
/// peak).
type Keyed = [u32; 3];

fn keyed(key: u64, index: u32) -> Keyed {
    [(key >> 32) as u32, key as u32, index]
}

#[inline]
fn key_of(entry: &Keyed) -> u64 {
    (u64::from(entry[0]) << 32) | u64::from(entry[1])
}

#[inline]
fn set_key(entry: &mut Keyed, key: u64) {
    (entry[0], entry[1]) = ((key >> 32) as u32, key as u32);
}

/// The indices of a sorted list, moved to the front of its own room and the rest given back,
/// not copied to a second list beside it.
fn indices_of(order: Vec<Keyed>) -> Vec<u32> {
    let n = order.len();
    let mut flat = order.into_flattened();
    for k in 0..n {
        flat[k] = flat[3 * k + 2];
    }
    flat.truncate(n);
    flat.shrink_to_fit();
    flat
}

/// 256 bits, one for each slot (or base) of a block.
type Mask = [u64; 4];

/// The mask whose bit `i` is bit `i ^ c` of `m`.
fn xor_permute(m: &Mask, c: u8) -> Mask {
    const SWAPS: [(u64, u32); 6] = [
        (0x5555_5555_5555_5555, 1),
        (0x3333_3333_3333_3333, 2),
        (0x0f0f_0f0f_0f0f_0f0f, 4),
        (0x00ff_00ff_00ff_00ff, 8),
        (0x0000_ffff_0000_ffff, 16),
        (0x0000_0000_ffff_ffff, 32),
    ];
    let mut out = [0u64; 4];
    for (w, word) in out.iter_mut().enumerate() {
        let mut x = m[w ^ usize::from(c >> 6)];
        for (bit, &(low, shift)) in SWAPS.iter().enumerate() {
            if c & (1 << bit) != 0 {
                x = ((x & low) << shift) | ((x >> shift) & low);
            }
        }
        *word = x;
    }
    out
}

/// The slots being laid out, with the free slots and the free bases of each block.
struct Builder {
    slots: Vec<Slot>,
    /// For each block, its free slots.
    free: Vec<Mask>,
    /// For each block, the bases in it that no state has taken (0 never is one).
    open: Vec<Mask>,
    /// The blocks searched for room, oldest first, each with its free slots and how many
    /// times it had no room.
    window: Vec<(usize, u16, u16)>,
}

impl Builder {
    fn new() -> Builder {
        let mut b =
            Builder { slots: Vec::new(), free: Vec::new(), open: Vec::new(), window: Vec::new() };
        b.open_block();
        b.free[0][0] &= !1; // the root
        b.open[0][0] &= !1; // base 0 means no children
        b.window[0].1 = 255;
        b
    }

    fn open_block(&mut self) {
        self.slots.resize(self.slots.len() + 256, Slot::default());
        self.free.push([u64::MAX; 4]);
        self.open.push([u64::MAX; 4]);
        if self.window.len() == WINDOW {
            self.window.remove(0);
        }
        self.window.push((self.free.len() - 1, 256, 0));
    }

    /// A base, not zero and not taken, for children on these bytes (in increasing order), in
    /// one of the blocks of the window or a new one; their slots are marked used and the base
    /// taken.
    fn place(&mut self, bytes: &[u8]) -> u32 {
        let mut found = None;
        for (at, entry) in self.window.iter_mut().enumerate() {
            let (block, free, misses) = *entry;
            if usize::from(free) >= bytes.len() {
                // The bases b of this block, open, with every slot b ^ c free.
                let mut can = self.open[block];
                for &c in bytes {
                    let free = xor_permute(&self.free[block], c);
                    for (x, f) in can.iter_mut().zip(free) {
                        *x &= f;
                    }
                    if can == [0; 4] {
                        break;
                    }
                }
                if let Some(w) = can.iter().position(|&x| x != 0) {
                    let low = w as u32 * 64 + can[w].trailing_zeros();
                    entry.1 -= bytes.len() as u16;
                    found = Some((at, (block as u32) << 8 | low));
                    break;
                }
            }
            entry.2 = misses + 1;
        }
        let base = match found {
            Some((at, base)) => {
                if self.window[at].1 == 0 {
                    self.window.remove(at);
                }
                base
            }
            None => {
                self.window.retain(|&(_, free, misses)| free > 0 && misses < MAX_MISSES);
                self.open_block();
                // A new block: every slot is free and every base in it open.
                let last = self.window.len() - 1;
                self.window[last].1 -= bytes.len() as u16;
                ((self.free.len() - 1) as u32) << 8
            }
        };
        let block = (base >> 8) as usize;
        let low = base & 0xff;
        self.open[block][low as usize / 64] &= !(1u64 << (low % 64));
        for &c in bytes {
            let slot = low ^ u32::from(c);
            self.free[block][slot as usize / 64] &= !(1u64 << (slot % 64));
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::matcher::automaton::block_bits;

    /// Every (pattern, start, end) of these patterns in `text`, by brute force.
    fn naive(patterns: &[&[u8]], text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for start in 0..text.len() {
            for (i, p) in patterns.iter().enumerate() {
                if text[start..].starts_with(p) {
                    out.push((i, start, start + p.len()));
                }
            }
        }
        out.sort_by_key(|&(_, s, e)| (s, e));
        out
    }

    fn walked(t: &Trie, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for start in 0..text.len() {
            t.starting_at(text, start, |p, end| out.push((p, start, end)));
        }
        out
    }

    /// (pattern, start, end) of each pattern found.
    type Found = Vec<(usize, usize, usize)>;

    /// What the walks side by side (`walk_side_by_side`) find from the starts `keep` chooses, and
    /// what the walks one at a time find from them.
    fn walked_chosen(t: &Trie, text: &[u8], keep: impl Fn(usize) -> bool) -> (Found, Found) {
        let mut out = Vec::new();
        let bits =
            |block: usize| (0..64).filter(|&k| keep(block + k)).fold(0u64, |bits, k| bits | 1 << k);
        t.walk_side_by_side(text, bits, |p, s, e| out.push((p, s, e)));
        let one = walked(t, text).into_iter().filter(|&(_, s, _)| keep(s)).collect();
        (out, one)
    }

    #[test]
    fn a_run_ends_where_it_does() {
        // Every run length at every start of lists up to 40 long, against a count.
        for len in 1..40usize {
            for start in 0..len {
                for run in 1..=len - start {
                    let same = |k: usize| k < start + run;
                    assert_eq!(run_end(same, start, len), start + run, "{len} {start} {run}");
                }
            }
        }
    }

    #[test]
    fn patterns_sort_as_their_bytes_do() {
        // Seven bytes a level: patterns that end inside a chunk, at its end and one past it,
        // zero bytes where a shorter pattern is padded with zeros, long shared prefixes (runs
        // sorted several levels down), the same pattern twice, high bytes; and, on a pool's
        // thread, a list long enough to be sorted on its cores.
        let long = "w".repeat(40);
        let mut cases: Vec<Vec<Vec<u8>>> = vec![
            [
                "b",
                "a",
                "ab",
                "a\0",
                "a\0\0",
                "",
                "\0",
                "abcdefg",
                "abcdefgh",
                "abcdef",
                "abcdefg\0",
                "abcdefgh\0",
                "abcdefghijklmn",
                "abcdefghijklmno",
                "abcdefghijklm",
                "b",
                "\u{ff}",
                "\u{7f}x",
                // Keyed a level apart, `abc` and the second end with the same key: not alike.
                "abc",
                "abc\0\0\0\0abc",
                "abc\0\0\0\0abd",
            ]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect(),
            (0..200u32).map(|i| format!("{long}{}", (i * 7919) % 200).into_bytes()).collect(),
            (0..100u32)
                .map(|i| format!("{}{i:b}", "\0".repeat(i as usize % 9)).into_bytes())
                .collect(),
        ];
        // Over 64k patterns in one run many levels deep, with some twice: the cores' split
        // keys them a level down before it cuts.
        let shared = "q".repeat(30);
        cases.push(
            (0..70_000u32)
                .map(|i| format!("{shared}{}", (i * 7919) % 60_013).into_bytes())
                .collect(),
        );
        let mut state = 12345u64;
        cases.push(
            (0..70_000)
                .map(|_| {
                    state =
                        state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let len = (state >> 60) as usize;
                    (0..len).map(|k| b"ab\0"[((state >> (3 * k)) % 3) as usize]).collect()
                })
                .collect(),
        );
        for patterns in &cases {
            let mut expected: Vec<u32> = (0..patterns.len() as u32).collect();
            expected.sort_by(|&a, &b| patterns[a as usize].cmp(&patterns[b as usize]));
            let bytes = |order: &[u32]| -> Vec<Vec<u8>> {
                order.iter().map(|&i| patterns[i as usize].clone()).collect()
            };
            let (got, repeats) = sorted_with_repeats(&patterns[..]);
            assert_eq!(bytes(&got), bytes(&expected));
            let again: Vec<bool> = (0..got.len())
                .map(|k| k > 0 && patterns[got[k - 1] as usize] == patterns[got[k] as usize])
                .collect();
            assert_eq!(repeats, again);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
            let (got, repeats) = pool.install(|| sorted_with_repeats(&patterns[..]));
            assert_eq!(bytes(&got), bytes(&expected));
            assert_eq!(repeats, again);
        }
    }

    #[test]
    fn walks_find_what_brute_force_finds() {
        // (patterns, text): shared prefixes, patterns inside others, every byte value.
        let all: Vec<u8> = (0..=255).collect();
        let many: Vec<Vec<u8>> = (0..3000u32).map(|i| format!("k{i} x").into_bytes()).collect();
        let mut cases: Vec<(Vec<&[u8]>, &[u8])> = crate::core::matcher::automaton::tests::cases();
        cases.push((vec![&all, &all[..1], &all[255..]], &all));
        let text: Vec<u8> = (0..4000u32).flat_map(|i| format!("k{i} x ").into_bytes()).collect();
        cases.push((many.iter().map(Vec::as_slice).collect(), &text));
        for (patterns, text) in cases {
            let t = Trie::build(&patterns[..]).unwrap();
            assert_eq!(walked(&t, text), naive(&patterns, text), "{patterns:?}");
            // Saved and read back: the same trie.
            assert_eq!(
                Trie::from_bytes(&t.to_bytes(&patterns[..]), &patterns[..], true),
                Ok(t.clone())
            );
            // A trie without tails, as formats 6 and 7 saved it (no tails' length), still
            // loads and finds the same; as format 8, its tails' length is 0.
            let plain = Trie::build_with(&patterns[..], false).unwrap();
            assert!(plain.tails.is_empty());
            assert_eq!(walked(&plain, text), naive(&patterns, text), "{patterns:?}");
            // Side by side, from every start and from some (fewer starts than lanes, lanes
            // taken again), the same in the same order.
            for trie in [&t, &plain] {
                for keep in [|_: usize| true, |s: usize| s % 3 != 1, |s: usize| s % 64 < 5] {
                    let (side_by_side, one) = walked_chosen(trie, text, keep);
                    assert_eq!(side_by_side, one, "{patterns:?}");
                }
            }
            let mut old = plain.to_bytes(&patterns[..]);
            let at = 4 + 8 * plain.slots.len();
            assert_eq!(old.drain(at..at + 4).collect::<Vec<u8>>(), [0; 4]);
            assert_eq!(Trie::from_bytes(&old, &patterns[..], false), Ok(plain.clone()));
            assert!(Trie::from_bytes(&old, &patterns[..], true).is_err());
        }
    }

    #[test]
    fn the_start_filter_keeps_every_start_where_a_pattern_does() {
        // Random patterns of one to six bytes over a few byte values (0 and 255 among them,
        // so that shared prefixes, tails of every length and patterns inside others are
        // common), texts of the same bytes: every start where a pattern is found passes the
        // filter, as does every start whose first three bytes begin a pattern (or are one),
        // and few others do.
        let alphabet = [b'a', b'b', 0, 255, b' '];
        let mut x = 12_345u32;
        let mut next = |n: usize| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as usize % n
        };
        let (mut kept_more, mut starts) = (0usize, 0usize);
        for _ in 0..400 {
            let mut patterns: Vec<Vec<u8>> = (0..1 + next(30))
                .map(|_| (0..1 + next(6)).map(|_| alphabet[next(alphabet.len())]).collect())
                .collect();
            patterns.sort();
            patterns.dedup();
            let text: Vec<u8> = (0..next(200)).map(|_| alphabet[next(alphabet.len())]).collect();
            let t = Trie::build(&patterns[..]).unwrap();
            let found = naive(&patterns.iter().map(Vec::as_slice).collect::<Vec<_>>(), &text);
            for block in (0..text.len()).step_by(64) {
                let kept = t.starts.keep(&text, block, block_bits(text.len() - block));
                for k in 0..64.min(text.len() - block) {
                    let start = block + k;
                    let rest = &text[start..];
                    let begins = patterns.iter().any(|p| rest.starts_with(&p[..p.len().min(3)]));
                    let passes = kept >> k & 1 == 1;
                    assert!(passes || !begins, "{patterns:?} {text:?} {start}");
                    assert!(passes || !found.iter().any(|h| h.1 == start));
                    kept_more += usize::from(passes && !begins);
                    starts += 1;
                }
            }
        }
        // Collisions in the hashed bitmap (and the third bytes after every pattern of two)
        // let a few more through.
        assert!(kept_more * 20 < starts, "{kept_more} of {starts}");
        // A trie read back has the same filter.
        let patterns: [&[u8]; 3] = [b"k", b"ab", b"abcdef"];
        let t = Trie::build(&patterns[..]).unwrap();
        let back = Trie::from_bytes(&t.to_bytes(&patterns[..]), &patterns[..], true).unwrap();
        assert_eq!(back.starts, t.starts);
        // `k` and `ab` pass with anything after them (`abc`, and `abd` too); spaces, and `a`
        // and `b` with no pattern of their bytes, do not, the last one at the text's end.
        let text = b"k ab abc abd a b";
        let kept = t.starts.keep(text, 0, block_bits(text.len()));
        let want = [0, 2, 5, 9].iter().map(|k| 1u64 << k).sum::<u64>();
        assert_eq!(kept, want);
    }

    #[test]
    fn most_states_of_names_are_tails() {
        // Names that part after a word: each name's end is one tail, not a slot a byte.
        let word = |mut x: u32| -> String {
            (0..9)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    char::from(b'a' + (x >> 16) as u8 % 26)
                })
                .collect()
        };
        let names: Vec<String> =
            (0..2000).map(|i| format!("{} {}", ["ali", "umar"][i % 2], word(i as u32))).collect();
        let t = Trie::build(&names[..]).unwrap();
        let plain = Trie::build_with(&names[..], false).unwrap();
        let bytes: usize = names.iter().map(String::len).sum();
        let used = |t: &Trie| t.slots.iter().filter(|s| s.info & USED != 0).count();
        assert!(used(&plain) > bytes / 3, "{} {bytes}", used(&plain));
        assert!(used(&t) < bytes / 10, "{} {bytes}", used(&t));
        assert!(t.memory_usage() * 2 < plain.memory_usage());
        let text = format!("{} and {}, {}", names[10], names[1999], &names[7][..9]);
        assert_eq!(walked(&t, text.as_bytes()), walked(&plain, text.as_bytes()));
        assert_eq!(walked(&t, text.as_bytes()).len(), 2);
    }

    #[test]
    fn xor_permute_moves_each_bit() {
        let mut m = [0u64; 4];
        for i in [0usize, 1, 63, 64, 100, 200, 255] {
            m[i / 64] |= 1 << (i % 64);
        }
        for c in 0..=255u8 {
            let p = xor_permute(&m, c);
            for i in 0..256usize {
                let j = i ^ usize::from(c);
                assert_eq!(p[i / 64] >> (i % 64) & 1, m[j / 64] >> (j % 64) & 1, "{c} {i}");
            }
        }
    }

    #[test]
    fn patterns_it_cannot_hold_are_refused() {
        let cases: [&[&[u8]]; 4] = [&[], &[b"a", b""], &[b"ab", b"ab"], &[b"x", b"y", b"x"]];
        for patterns in cases {
            assert!(Trie::build(patterns).is_none(), "{patterns:?}");
        }
    }

    /// (slot pieces, walk pieces) for [`Trie::read_in`]: one, some, more than there are.
    const PIECES: [(usize, usize); 4] = [(1, 1), (2, 3), (3, 4), (9999, 9999)];

    #[test]
    fn a_trie_read_in_pieces_is_the_trie_read_whole() {
        // Many slots and patterns, so that each piece holds bases and ends of its own; and
        // pieces of several blocks, of one slot each, of one pattern each.
        let many: Vec<Vec<u8>> =
            (0..5000u32).map(|i| format!("k{i} x{}", i % 7).into_bytes()).collect();
        let t = Trie::build(&many[..]).unwrap();
        let bytes = t.to_bytes(&many[..]);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for (slot_pieces, walk_pieces) in PIECES.into_iter().chain([(t.slots.len(), 5000)]) {
            let got =
                pool.install(|| Trie::read_in(&bytes, &many[..], true, slot_pieces, walk_pieces));
            assert_eq!(got.unwrap(), t, "{slot_pieces} {walk_pieces}");
        }
        // A pattern named twice, in two pieces of the walk; two states with one base, in two
        // pieces of the slots: found where the pieces' marks meet.
        let order_at = |k: usize| 8 + 8 * t.slots.len() + t.tails.len() + 4 * k;
        let mut twice = bytes.clone();
        let first = bytes[order_at(0)..order_at(1)].to_vec();
        twice[order_at(4999)..order_at(5000)].copy_from_slice(&first);
        let mut shared = bytes.clone();
        let inner: Vec<usize> =
            (0..t.slots.len()).filter(|&i| !matches!(t.slots[i].base, 0 | TAIL..)).collect();
        let (a, b) = (inner[1], inner[inner.len() - 1]);
        shared[4 + 8 * b..8 + 8 * b].copy_from_slice(&t.slots[a].base.to_le_bytes());
        for (bad, what) in [(twice, NOT_AN_ORDER), (shared, SAME_CHILDREN)] {
            for (slot_pieces, walk_pieces) in PIECES {
                let got =
                    pool.install(|| Trie::read_in(&bad, &many[..], true, slot_pieces, walk_pieces));
                assert_eq!(got, Err(what), "{slot_pieces} {walk_pieces}");
            }
        }
    }

    #[test]
    fn saved_bytes_that_do_not_hold_together_are_errors() {
        let patterns: [&[u8]; 4] = [b"he", b"she", b"his", b"hers"];
        let t = Trie::build(&patterns[..]).unwrap();
        let good = t.to_bytes(&patterns[..]);
        let slot = |text: &[u8]| {
            let mut at = 0usize;
            for &c in text {
                at = (t.slots[at].base ^ u32::from(c)) as usize;
            }
            at
        };
        // `s` and `hi` are tails (`he`, `s`), as is `her` (`s`).
        let (h, he, s) = (slot(b"h"), slot(b"he"), slot(b"s"));
        assert_eq!((t.slots[s].base & TAIL, t.slots[he].base & TAIL), (TAIL, 0));
        assert_eq!(t.tail(t.slots[s].base), b"he");
        let put = |at: usize, x: u32| {
            let mut b = good.clone();
            b[at..at + 4].copy_from_slice(&x.to_le_bytes());
            b
        };
        let base = |i: usize| 4 + 8 * i;
        let info = |i: usize| 8 + 8 * i;
        let free = (0..t.slots.len()).find(|&i| i > 0 && t.slots[i].info == 0).unwrap();
        let n = t.slots.len() as u32;
        // The tails, after the slots; the saved order, after them: `he`, `hers`, `his`, `she`.
        let tail_of_s = 8 + 8 * n as usize + (t.slots[s].base & !TAIL) as usize;
        let order = |k: usize| 8 + 8 * n as usize + t.tails.len() + 4 * k;
        let with_tail = |at: usize, tail: &[u8]| {
            let mut b = good.clone();
            b[at..at + tail.len()].copy_from_slice(tail);
            b
        };
        assert_eq!(good[order(1)..order(2)], 3u32.to_le_bytes());
        let mut longer = good.clone();
        longer.push(0);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (good[..3].to_vec(), "cut short"),
            (good[..good.len() - 1].to_vec(), "cut short"),
            (longer, "extra bytes"),
            (put(0, 0), "whole blocks"),
            (put(0, 255), "whole blocks"),
            (put(0, 1 << 30), "cut short"),
            (put(0, TAIL + 256), "more slots"),
            (put(base(h), n), "out of bounds"),
            (put(base(he), t.slots[h].base), "same children"),
            (put(base(s), TAIL | 1000), "tail out of bounds"),
            (with_tail(tail_of_s, &[0, 0]), "empty"),
            (put(info(s), USED | u32::from(b's')), "tail that ends no pattern"),
            (put(base(0), TAIL), "tail that ends no pattern"),
            // `she`'s tail says `hx`.
            (with_tail(tail_of_s + 3, b"x"), "does not hold"),
            // `she`'s tail says `h`, and its next byte is `s` of the tail of `his`.
            (with_tail(tail_of_s, &[1, 0]), "does not hold"),
            (put(info(free), 7), "free slot"),
            (put(info(0), 5 << 9 | USED), "root"),
            (put(info(he), 9 << 9 | USED | u32::from(b'e')), "not there"),
            (put(info(he), USED | u32::from(b'e')), "every pattern once"),
            // `he` reported as `his`: the walk of `he` does not end on it.
            (put(info(he), 3 << 9 | USED | u32::from(b'e')), "does not hold"),
            (put(info(h), USED | u32::from(b'x')), "does not hold"),
            (put(order(2), 4), "order that is not"),
            (put(order(2), 3), "order that is not"),
        ];
        for (bytes, fragment) in &cases {
            let err = Trie::from_bytes(bytes, &patterns[..], true).unwrap_err();
            assert!(err.contains(fragment), "{fragment}: {err}");
            // Read in pieces (here slots 1 to 3 at a time, patterns 1 to 4): the same error.
            for (slot_pieces, walk_pieces) in PIECES {
                let got = Trie::read_in(bytes, &patterns[..], true, slot_pieces, walk_pieces);
                assert_eq!(got, Err(err), "{fragment}: {slot_pieces} {walk_pieces}");
            }
        }
        // Another order of the patterns is checked as well (only slower with many).
        let mut reordered = good.clone();
        for (k, i) in [3u32, 1, 0, 2].into_iter().enumerate() {
            reordered[order(k)..order(k + 1)].copy_from_slice(&i.to_le_bytes());
        }
        assert_eq!(Trie::from_bytes(&reordered, &patterns[..], true).unwrap(), t);
        // Other patterns than the saved ones.
        let fewer: [&[u8]; 3] = [b"he", b"she", b"his"];
        let other: [&[u8]; 4] = [b"he", b"she", b"hit", b"hers"];
        assert!(Trie::from_bytes(&good, &fewer[..], true).is_err());
        assert!(Trie::from_bytes(&good, &other[..], true).is_err());
        // Read as a trie without tails: the tails are not the order.
        assert!(Trie::from_bytes(&good, &patterns[..], false).is_err());
        // Any changed byte: an error, or a trie whose walks report the patterns where they are.
        for i in 0..good.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                let read = Trie::from_bytes(&bad, &patterns[..], true);
                for (slot_pieces, walk_pieces) in PIECES {
                    let got = Trie::read_in(&bad, &patterns[..], true, slot_pieces, walk_pieces);
                    assert_eq!(got.is_ok(), read.is_ok(), "byte {i} ^ {flip}");
                    assert!(got.is_err() || got == read, "byte {i} ^ {flip}");
                }
                if let Ok(t) = read {
                    let text = b"ushers and his shes hehe";
                    assert_eq!(walked(&t, text), naive(&patterns, text));
                }
            }
        }
    }
}
