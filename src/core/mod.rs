//! The pure-Rust core of gazetag: folding, the gazetteer model, the matcher, records and the
//! saved format. Nothing here knows Python exists.

pub mod check;
pub mod columns;
pub mod error;
pub mod fold;
pub mod formats;
pub mod gazetteer;
pub mod matcher;
pub mod names;
pub mod persist;
pub mod records;
pub mod variants;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{Alias, Entity, Gazetteer, Meta};
pub use matcher::{Options, RawMatch, Tagged, Tagger, Workers};

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
