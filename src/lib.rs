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
    use crate::py::tagger::{
        _explanation_from_fields, _tagger_from_bytes, PyExplanation, PyMatch, PyTagger,
    };

    /// The core's word tables, for `gazetag.suggest` to tell names from words the same way:
    /// the English words, the Arabic word frequencies, the places, the Arabic and the English
    /// given names. Made when asked, not when the module is imported (1.2 MB of Python strings
    /// that only `suggest` reads).
    #[pyo3::pyfunction]
    fn _word_lists(
    ) -> (&'static str, &'static str, &'static str, Vec<&'static str>, Vec<&'static str>) {
        (
            crate::core::variants::english::ENGLISH_WORDS,
            crate::core::variants::arabic::ARABIC_WORDS,
            crate::core::places::TABLE,
            crate::core::names::GIVEN_NAMES.to_vec(),
            crate::core::names::ENGLISH_GIVEN_NAMES.to_vec(),
        )
    }

    /// The module's constants: `LAYERS` and `__version__`.
    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        // The variant layers' names, narrowest first: the one list the CLI, the spaCy component
        // and the tests take them from.
        let names: Vec<&str> = crate::core::variants::Layer::ALL.iter().map(|l| l.name()).collect();
        m.add("LAYERS", pyo3::types::PyTuple::new(m.py(), names)?)?;
        // The package's version, which maturin takes from Cargo.toml too: `gazetag.__version__`
        // without importing `importlib.metadata` (a third of `import gazetag`'s time).
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
