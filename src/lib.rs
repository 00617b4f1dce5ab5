//! gazetag: a dictionary-based entity tagger. `core` holds the engine in plain Rust; `py` is
//! the Python binding, built with the default `python` feature.

pub mod core;

#[cfg(feature = "python")]
mod py;

/// The native module behind the `gazetag` Python package.
#[cfg(feature = "python")]
#[pyo3::pymodule]
mod _gazetag {
    #[pymodule_export]
    use crate::py::gazetteer::{_gazetteer_from_bytes, PyEntity, PyGazetteer};
    #[pymodule_export]
    use crate::py::tagger::{_tagger_from_bytes, PyExplanation, PyMatch, PyTagger};
}
