//! gazetag: a dictionary-based entity tagger. `core` holds the engine in plain Rust; `py` is
//! the Python binding, built with the default `python` feature.

pub mod core;

#[cfg(feature = "python")]
mod py;

#[cfg(feature = "python")]
pub use py::_gazetag;
