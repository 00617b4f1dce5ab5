//! Typed arguments: option strings and thread counts parsed where PyO3 extracts them, so the
//! methods receive core values and every bad value raises our error naming the parameter.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

use super::errors::{input_error, input_type_error, type_name};
use crate::core::formats::{Format, OnError};
use crate::core::gazetteer::{Conflict, Partial};
use crate::core::matcher::{threads_from, threads_out_of_range};
use crate::core::variants::Layer;

/// A core enum chosen by name from a `str` argument.
pub trait Choice: Sized {
    /// The Python parameter that takes it, for messages.
    const PARAM: &'static str;
    /// The accepted names, for messages (`"none", "default" or "aggressive"`).
    const NAMES: &'static str;
    fn parse(name: &str) -> Option<Self>;
}

impl Choice for Layer {
    const PARAM: &'static str = "variants";
    const NAMES: &'static str = Layer::NAMES;
    fn parse(name: &str) -> Option<Self> {
        Layer::parse(name)
    }
}

impl Choice for Format {
    const PARAM: &'static str = "format";
    const NAMES: &'static str = Format::NAMES;
    fn parse(name: &str) -> Option<Self> {
        Format::parse(name)
    }
}

impl Choice for OnError {
    const PARAM: &'static str = "on_error";
    const NAMES: &'static str = OnError::NAMES;
    fn parse(name: &str) -> Option<Self> {
        OnError::parse(name)
    }
}

impl Choice for Conflict {
    const PARAM: &'static str = "on_conflict";
    const NAMES: &'static str = Conflict::NAMES;
    fn parse(name: &str) -> Option<Self> {
        Conflict::parse(name)
    }
}

impl Choice for Partial {
    const PARAM: &'static str = "partial";
    const NAMES: &'static str = Partial::NAMES;
    fn parse(name: &str) -> Option<Self> {
        Partial::parse(name)
    }
}

/// A [`Choice`] argument; `Option<Arg<T>>` takes `None` as "not given".
pub struct Arg<T>(pub T);

impl<'a, 'py, T: Choice> FromPyObject<'a, 'py> for Arg<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let s = super::convert::text_arg(&obj, T::PARAM)?;
        T::parse(s)
            .map(Arg)
            .ok_or_else(|| input_error(py, format!("{} must be {}, not {s:?}", T::PARAM, T::NAMES)))
    }
}

/// The value of an optional [`Choice`] argument, or `T::default()`.
pub fn or_default<T: Default>(arg: Option<Arg<T>>) -> T {
    arg.map(|a| a.0).unwrap_or_default()
}

/// A `threads` argument: an int of at least 1, or `None` for one thread per core. Checked in
/// the core (`threads_from`); bools and floats are refused here.
pub struct Threads(pub Option<usize>);

impl<'a, 'py> FromPyObject<'a, 'py> for Threads {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(Threads(None));
        }
        if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
            return Err(input_type_error(
                py,
                format!("threads must be an int or None, not {}", type_name(&obj)),
            ));
        }
        match obj.extract::<i64>() {
            Ok(n) => Ok(Threads(threads_from(Some(n))?)),
            // An int past i64 (`10**20`, `-10**20`): named as written, not as a clamped number.
            Err(_) => Err(threads_out_of_range(&obj.str()?.to_cow()?).into()),
        }
    }
}

/// What `tag_batch`, `tag_frame` and `tag_arrow` do with a missing text (None, NaN, `pd.NA`,
/// `pd.NaT`, an Arrow null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnMissing {
    /// Stop with an error naming the text and the remedy.
    Raise,
    /// Leave the text out: no rows in a table, `None` in `tag_batch`'s list.
    Skip,
    /// Tag it as the empty text: no rows in a table, `[]` in `tag_batch`'s list.
    Empty,
}

impl Choice for OnMissing {
    const PARAM: &'static str = "on_missing";
    const NAMES: &'static str = "\"raise\", \"skip\" or \"empty\"";
    fn parse(name: &str) -> Option<Self> {
        match name {
            "raise" => Some(OnMissing::Raise),
            "skip" => Some(OnMissing::Skip),
            "empty" => Some(OnMissing::Empty),
            _ => None,
        }
    }
}

/// A bool option: `True` or `False` (numpy's bools too), else our TypeError naming the
/// parameter; PyO3's own conversion raises a plain TypeError that names neither. `P` indexes
/// [`FLAGS`]; use the constants below.
pub struct Flag<const P: usize>(pub bool);

/// The names of the bool options, for messages.
pub const FLAGS: [&str; 9] = [
    "progress",
    "categorical",
    "case_sensitive",
    "overlapping",
    "whole_words",
    "licensing",
    "rejected",
    "missing_ok",
    "suggestions",
];
pub const PROGRESS: usize = 0;
pub const CATEGORICAL: usize = 1;
pub const CASE_SENSITIVE: usize = 2;
pub const OVERLAPPING: usize = 3;
pub const WHOLE_WORDS: usize = 4;
pub const LICENSING: usize = 5;
pub const REJECTED: usize = 6;
pub const MISSING_OK: usize = 7;
pub const SUGGESTIONS: usize = 8;

impl<'a, 'py, const P: usize> FromPyObject<'a, 'py> for Flag<P> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Flag(b.is_true()));
        }
        if type_name(&obj) == "bool" {
            // numpy.bool_, which PyO3's bool accepts too.
            if let Ok(b) = obj.extract::<bool>() {
                return Ok(Flag(b));
            }
        }
        Err(input_type_error(
            obj.py(),
            format!("{} must be True or False, not {}", FLAGS[P], type_name(&obj)),
        ))
    }
}

/// A path argument: a str, bytes or an `os.PathLike`, as `open` takes one; anything else is
/// our TypeError naming the parameter (PyO3's said "'bytes' object is not an instance of
/// 'str'", and Python's that bytes would do).
pub struct PathArg(pub std::path::PathBuf);

impl<'a, 'py> FromPyObject<'a, 'py> for PathArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let os = py.import("os")?;
        let wrong = || {
            input_type_error(
                py,
                format!("path must be a str, bytes or os.PathLike, not {}", type_name(&obj)),
            )
        };
        let fspath = os.getattr("fspath")?.call1((&*obj,)).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
                wrong()
            } else {
                e
            }
        })?;
        // Encoded as the file system encodes names (a str that holds undecodable bytes as
        // surrogates gives them back), then taken as the bytes of the name.
        let encoded = os.getattr("fsencode")?.call1((&fspath,))?;
        let bytes = encoded.cast::<pyo3::types::PyBytes>().map_err(|_| wrong())?.as_bytes();
        #[cfg(unix)]
        let path = {
            use std::os::unix::ffi::OsStrExt;
            std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
        };
        #[cfg(not(unix))]
        let path = std::path::PathBuf::from(String::from_utf8_lossy(bytes).into_owned());
        Ok(PathArg(path))
    }
}
