//! The pure-Rust core of gazetag: folding, the gazetteer model, the matcher, records and the
//! saved format. Nothing here knows Python exists.

pub mod check;
pub mod columns;
pub mod error;
pub mod fold;
pub mod formats;
pub mod gazetteer;
pub mod matcher;
pub mod persist;
pub mod records;
pub mod variants;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{Alias, Entity, Gazetteer, Meta};
pub use matcher::{Options, RawMatch, Tagged, Tagger, Workers};
