//! The Python binding layer: argument conversion, Python classes and exceptions. Matching
//! semantics live in `crate::core`; nothing here decides them.

pub mod args;
pub mod convert;
pub mod errors;
pub mod files;
pub mod gazetteer;
pub mod tagger;
