//! Python exceptions. The classes live in `gazetag/_errors.py` (so each can subclass both our
//! `GazetagError` and `ValueError` or `TypeError`); this module raises them.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::core::{Error, ErrorKind};

static GAZETTEER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FORMAT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_TYPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn raise(py: Python<'_>, cell: &PyOnceLock<Py<PyType>>, name: &str, message: String) -> PyErr {
    match cell.import(py, "gazetag._errors", name) {
        Ok(ty) => PyErr::from_type(ty.clone(), message),
        Err(err) => err,
    }
}

/// `gazetag.InputTypeError` (a `TypeError`): an argument of the wrong type.
pub fn input_type_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, &INPUT_TYPE_ERROR, "InputTypeError", message.into())
}

/// `gazetag.InputError` (a `ValueError`): an argument value or text we cannot process.
pub fn input_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, &INPUT_ERROR, "InputError", message.into())
}

/// `gazetag.GazetteerError` (a `ValueError`): bad dictionary data.
pub fn gazetteer_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, &GAZETTEER_ERROR, "GazetteerError", message.into())
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        Python::attach(|py| {
            let message = e.message().to_owned();
            match e.kind() {
                ErrorKind::Gazetteer => gazetteer_error(py, message),
                ErrorKind::Format => raise(py, &FORMAT_ERROR, "FormatError", message),
                ErrorKind::Input => input_error(py, message),
            }
        })
    }
}

/// A short type name for messages: `int`, `NoneType`, `list`.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}
