//! A set of short byte strings kept in one buffer: the word lists behind the precision gates
//! (English words and their skeletons, Arabic word frequencies).
//!
//! Every process that builds or loads a tagger makes these sets once. As hash sets of owned
//! strings they took 16.5 MB (a heap allocation and a 24-byte `Vec` per word, plus the table),
//! most of the 13-14 MB a process's first build made beyond its tagger (issue 13: the 32k
//! `default` build's RSS growth sat on its 25 MB limit). Here the words follow each other in
//! one buffer, each known by its end (4 bytes), and the hash table holds each word's index (4
//! bytes): a word costs its bytes and about 10 bytes more, 4.7 MB for the same sets.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// A set of byte strings, each with its index (the order in which it was first inserted).
#[derive(Debug, Default, Clone)]
pub(crate) struct WordSet {
    /// The words, one after another.
    bytes: Vec<u8>,
    /// Where each word ends in `bytes` (it starts where the one before ends).
    ends: Vec<u32>,
    /// Each word's index, found by the hash of its bytes.
    table: HashTable<u32>,
}

/// The hash of a word: foldhash with a fixed seed (the sets are read-only once made, so no
/// input can grow a probe sequence).
#[inline]
fn hash(w: &[u8]) -> u64 {
    FixedState::default().hash_one(w)
}

/// The `i`-th word of `bytes` split at `ends`.
#[inline]
fn word<'a>(bytes: &'a [u8], ends: &[u32], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &bytes[start..ends[i] as usize]
}

impl WordSet {
    /// The set of these words (a repeated word is kept once).
    pub(crate) fn of<W: AsRef<[u8]>>(words: impl IntoIterator<Item = W>) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            set.insert(w.as_ref());
        }
        set.shrink_to_fit();
        set
    }

    /// The index of `w`, which is added (with the next index) if it is new.
    pub(crate) fn insert(&mut self, w: &[u8]) -> usize {
        let h = hash(w);
        let WordSet { bytes, ends, table } = self;
        if let Some(&i) = table.find(h, |&i| word(bytes, ends, i) == w) {
            return i as usize;
        }
        let i = ends.len();
        bytes.extend_from_slice(w);
        let end = u32::try_from(bytes.len()).expect("a word set holds less than 4 GiB of words");
        ends.push(end);
        table.insert_unique(h, i as u32, |&j| hash(word(bytes, ends, j)));
        i
    }

    /// The index of `w`, if the set holds it.
    #[inline]
    pub(crate) fn index_of(&self, w: &[u8]) -> Option<usize> {
        let (bytes, ends) = (&self.bytes, &self.ends);
        self.table.find(hash(w), |&i| word(bytes, ends, i) == w).map(|&i| i as usize)
    }

    /// Whether the set holds `w`.
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        self.index_of(w).is_some()
    }

    /// The words, by index.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.ends.len() as u32).map(|i| word(&self.bytes, &self.ends, i))
    }

    /// Gives back the room the buffers and the table do not use.
    pub(crate) fn shrink_to_fit(&mut self) {
        let WordSet { bytes, ends, table } = self;
        bytes.shrink_to_fit();
        ends.shrink_to_fit();
        table.shrink_to_fit(|&j| hash(word(bytes, ends, j)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_inserted_and_nothing_else() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{}", i * 7)).collect();
        let set = WordSet::of(words.iter().chain(words.iter().take(50)));
        assert_eq!(set.iter().count(), words.len(), "a repeated word is kept once");
        for (i, w) in words.iter().enumerate() {
            assert_eq!(set.index_of(w.as_bytes()), Some(i), "{w}");
        }
        for i in 0..20_000 {
            let other = format!("w{}", i * 7 + 3);
            assert!(!set.contains(other.as_bytes()), "{other}");
        }
        assert!(!set.contains(b"") && !set.contains(b"w") && !set.contains(b"w00"));
        let listed: Vec<&[u8]> = set.iter().collect();
        assert_eq!(listed, words.iter().map(|w| w.as_bytes()).collect::<Vec<_>>());
    }

    #[test]
    fn an_empty_word_and_words_that_are_prefixes_of_others() {
        let mut set = WordSet::default();
        assert!(!set.contains(b"") && set.iter().next().is_none());
        assert_eq!(set.insert(b"ab"), 0);
        assert_eq!(set.insert(b""), 1);
        assert_eq!(set.insert(b"a"), 2);
        assert_eq!(set.insert(b"abc"), 3);
        assert_eq!(set.insert(b"ab"), 0);
        assert_eq!(set.iter().collect::<Vec<_>>(), [&b"ab"[..], b"", b"a", b"abc"]);
        assert_eq!(set.index_of(b""), Some(1));
        assert!(!set.contains(b"b") && !set.contains(b"abcd"));
    }
}
