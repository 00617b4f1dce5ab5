//! The pure-Rust core of gazetag: folding, the gazetteer model, the matcher, records and the
//! saved format. Nothing here knows Python exists.
//!
//! Folding turns a text into the form aliases are compared in, and keeps for every folded
//! byte the original byte it came from, so a span found in the folded text maps back exactly:
//!
//! ```
//! use gazetag::core::fold::fold;
//!
//! let text = "Rockets hit Kāẓimī’s office";
//! let folded = fold(text, false);
//! assert_eq!(std::str::from_utf8(&folded.text).unwrap(), "rockets hit kazimi s office");
//! // `kazimi` starts at folded byte 12; its original byte offset:
//! let start = folded.src[12] as usize;
//! assert_eq!(&text[start..start + "Kāẓimī".len()], "Kāẓimī");
//! ```
//!
//! A [`Tagger`] compiles a [`Gazetteer`] and tags texts, with offsets in code points:
//!
//! ```
//! use gazetag::core::{Alias, Entity, Gazetteer, Meta, Options, Tagger};
//!
//! let kh = Entity::new(
//!     "kh", "Kata'ib Hezbollah", "MILITIA", [Alias::new("KH", None)], Meta::new(),
//! )
//! .unwrap();
//! let tagger = Tagger::build(Gazetteer::from_entities([kh]).unwrap(), Options::default()).unwrap();
//! let text = "Kata’ib Hezbollah (KH) denied it; kh is no match.";
//! let tagged = tagger.tag(text).unwrap();
//! let spans: Vec<(usize, usize)> = tagged.matches.iter().map(|m| (m.start, m.end)).collect();
//! assert_eq!(spans, [(0, 17), (19, 21)]);
//! ```

#![deny(missing_docs)]

pub mod check;
pub mod columns;
pub mod context;
pub mod error;
pub mod fold;
pub mod formats;
pub mod gazetteer;
pub mod link;
pub mod matcher;
pub mod names;
pub mod persist;
pub mod places;
pub mod records;
pub mod variants;
pub(crate) mod word_set;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{Alias, AliasRef, Aliases, Entity, Gazetteer, Meta, Partial};
pub use matcher::{Cancel, Feed, Options, Pending, RawMatch, Tagged, Tagger, Workers};

/// Gives the memory that building a tagger freed back to the system. A build allocates and
/// frees many small blocks (folded keys, generated variants, the automaton's first form), and
/// glibc keeps freed blocks for later use, so without this a process's RSS stays near the
/// build's peak however little the tagger keeps (issue 13).
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: glibc's malloc_trim takes no pointer and only returns free memory to the
        // system; it is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// A deterministic pseudo-random sequence (xorshift64) for the table-driven property tests:
/// the same inputs on every run, no test dependency.
#[cfg(test)]
pub(crate) fn pseudo_random(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
