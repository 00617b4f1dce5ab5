//! Conversions between Python objects and the core's JSON-like values and strings.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use super::errors::{input_error, input_type_error, type_name};
use crate::core::gazetteer::META_MAX_DEPTH;

/// Stops self-referencing containers. Deep enough for a record's meta at its limit
/// (`record -> meta -> ...`) and one level more, so that the core's check of meta, the same for
/// every way in, names the limit.
const MAX_DEPTH: usize = META_MAX_DEPTH + 2;

/// Converts a JSON-like Python value. On failure returns a message that names `path`.
pub fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, String> {
    to_json_at(obj, path, 0)
}

fn to_json_at(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        // The path down a self-referencing value repeats one step: its start says enough.
        let path = match path.char_indices().nth(60) {
            Some((cut, _)) => format!("{}...", &path[..cut]),
            None => path.to_owned(),
        };
        return Err(format!(
            "{path} is nested too deep (or contains itself): meta may nest objects and lists at \
             most {META_MAX_DEPTH} levels deep"
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_str().map(|s| Value::String(s.to_owned())).map_err(|_| {
            format!("{path} holds a lone surrogate, which cannot be encoded as UTF-8")
        });
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(format!("{path} is an integer too large for JSON (64 bits at most)"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| format!("{path} is {}, which JSON cannot hold", f.value()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(format!(
                    "{path} has a key of type {}; keys must be str",
                    type_name(&k)
                ));
            };
            let key =
                key.to_str().map_err(|_| format!("{path} has a key with a lone surrogate"))?;
            let value = to_json_at(&v, &format!("{path}[{key:?}]"), depth + 1)?;
            map.insert(key.to_owned(), value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter().map_err(|e| e.to_string())?.enumerate() {
            let item = item.map_err(|e| e.to_string())?;
            items.push(to_json_at(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    Err(format!(
        "{path} has type {}, which is not JSON-like (use dict, list, tuple, str, int, float, bool or None)",
        type_name(obj)
    ))
}

/// Converts a JSON value to new Python objects.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            PyList::new(py, items.iter().map(|v| to_py(py, v)).collect::<PyResult<Vec<_>>>()?)?
                .into_any()
        }
        Value::Object(map) => map_to_py(py, map)?.into_any(),
    })
}

pub fn map_to_py<'py>(py: Python<'py>, map: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in map {
        d.set_item(k, to_py(py, v)?)?;
    }
    Ok(d)
}

/// An iterator over an iterable argument, or our TypeError: "`{what}`, not int".
pub fn iter_arg<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyIterator>> {
    let py = obj.py();
    obj.try_iter().map_err(|e| {
        // An iterable whose `__iter__` failed keeps its own error (a closed file, a cursor
        // that lost its connection); only what is no iterable at all gets ours.
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            input_type_error(py, format!("{what}, not {}", type_name(obj)))
        } else {
            e
        }
    })
}

/// Whether `obj` is one of Python's bytes-like types (`bytes`, `bytearray`, `memoryview`),
/// which iterate as numbers.
pub fn is_bytes_like(obj: &Bound<'_, PyAny>) -> bool {
    matches!(type_name(obj).as_str(), "bytes" | "bytearray" | "memoryview")
        && type_module(obj) == "builtins"
}

/// Whether `obj` is a mapping (a dict, or any `collections.abc.Mapping`), which iterates as its
/// keys. A list or tuple (what a sequence argument mostly is) is answered without the ABC's
/// check.
pub fn is_mapping(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyDict>() {
        return Ok(true);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(false);
    }
    obj.is_instance(&obj.py().import("collections.abc")?.getattr("Mapping")?)
}

/// The bytes of a bytes-like argument (`bytes`, `bytearray`, `memoryview`), as a `bytes`
/// object (bytes itself as it is, the others copied), or our TypeError naming `what`.
pub fn bytes_arg<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.clone());
    }
    let name = type_name(obj);
    if is_bytes_like(obj) {
        let bytes = obj.py().import("builtins")?.getattr("bytes")?.call1((obj,))?;
        return Ok(bytes.cast_into::<PyBytes>()?);
    }
    Err(input_type_error(
        obj.py(),
        format!("{what} must be bytes (or a bytearray or memoryview), not {name}"),
    ))
}

/// The UTF-8 text of a `str` argument, with our errors for other types and lone surrogates.
pub fn text_arg<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let py = obj.py();
    let Ok(s) = obj.cast::<PyString>() else {
        return Err(input_type_error(py, format!("{what} must be a str, not {}", type_name(obj))));
    };
    s.to_str().map_err(|err| {
        let at = err.value(py).getattr("start").and_then(|v| v.extract::<usize>()).ok();
        let place = match (at, at.and_then(|i| code_point_at(s, i))) {
            (Some(i), Some(c)) => format!(" (U+{c:04X}) at index {i}"),
            (Some(i), None) => format!(" at index {i}"),
            _ => String::new(),
        };
        input_error(
            py,
            format!(
                "{what} contains a lone surrogate{place}, which UTF-8 cannot encode; repair the \
                 text first, e.g. text.encode('utf-8', 'replace').decode('utf-8') (this keeps \
                 every offset)"
            ),
        )
    })
}

/// The code point at a `str` index, read through Python.
fn code_point_at(s: &Bound<'_, PyString>, index: usize) -> Option<u32> {
    let c = s.as_any().get_item(index).ok()?;
    let ord = s.py().import("builtins").ok()?.getattr("ord").ok()?;
    ord.call1((c,)).ok()?.extract().ok()
}

/// The module of an object's type (`"pandas.core.series"`), or "" when it has none.
fn type_module(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().module().map(|m| m.to_string()).unwrap_or_default()
}

/// What kind of missing value `obj` is (`"None"`, `"float NaN"`, `"pd.NA"`), or `None` for a
/// value that is present. pandas and Arrow mark a gap in a column of texts with these.
pub fn missing_kind(obj: &Bound<'_, PyAny>) -> Option<String> {
    if obj.is_none() {
        return Some("None".into());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan().then(|| format!("{} NaN", type_name(obj)));
    }
    let name = type_name(obj);
    let module = type_module(obj);
    if module.starts_with("pandas") && (name == "NAType" || name == "NaTType") {
        return Some(if name == "NAType" { "pd.NA" } else { "pd.NaT" }.into());
    }
    if module == "numpy" && obj.extract::<f64>().is_ok_and(f64::is_nan) {
        return Some(format!("numpy.{name} NaN"));
    }
    None
}

/// How messages name the `at`-th text: `texts[66]`, and for a pandas Series also its index
/// label, `texts[66] (index label 'r-70')`, which is what the user can look up.
pub fn item_name(texts: &Bound<'_, PyAny>, at: usize) -> String {
    let mut name = format!("texts[{at}]");
    if type_module(texts).starts_with("pandas") && type_name(texts) == "Series" {
        let label = texts.getattr("index").and_then(|index| index.get_item(at));
        if let Ok(repr) = label.and_then(|l| l.repr()) {
            name.push_str(&format!(" (index label {repr})"));
        }
    }
    name
}

/// Refuses a table (a pandas, Dask, polars or Spark DataFrame, an Arrow Table or RecordBatch)
/// where a column of texts was meant: iterating over a DataFrame gives its column names, which
/// would be tagged without a word. `method` names the call for the message; `column` says
/// whether it takes `column=`.
pub fn reject_table(texts: &Bound<'_, PyAny>, method: &str, column: bool) -> PyResult<()> {
    reject_not_texts(texts, "texts", method, column)
}

/// Refuses, for the parameter `param` of `method`, what is no iterable of texts though Python
/// iterates it: one str (its characters), bytes (their numbers), a table ([`reject_table`]:
/// its column names). Each was tagged, item by item, as something else than the user meant,
/// or refused with a message about its first item.
pub fn reject_not_texts(
    texts: &Bound<'_, PyAny>,
    param: &str,
    method: &str,
    column: bool,
) -> PyResult<()> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(input_type_error(
            py,
            format!("{param} must be an iterable of str, not one str (wrap it in a list)"),
        ));
    }
    let name = type_name(texts);
    if is_bytes_like(texts) {
        return Err(input_type_error(
            py,
            format!(
                "{param} must be an iterable of str, not {name} (decode it first: \
                 [data.decode(\"utf-8\")])"
            ),
        ));
    }
    if !matches!(name.as_str(), "DataFrame" | "Table" | "RecordBatch") {
        return Ok(());
    }
    let module = type_module(texts);
    let library = module.split('.').next().unwrap_or("");
    // Arrow's `columns` are the arrays; its names are `column_names`.
    let columns: Vec<String> = ["column_names", "columns"]
        .iter()
        .find_map(|attr| texts.getattr(*attr).ok())
        .and_then(|c| c.try_iter().ok())
        .map(|it| it.filter_map(|c| c.ok()?.str().ok().map(|s| s.to_string())).collect())
        .unwrap_or_default();
    let pick = if columns.iter().any(|c| c == "text") {
        "text".to_owned()
    } else {
        columns.first().cloned().unwrap_or_else(|| "text".to_owned())
    };
    let shown = columns.iter().take(10).map(|c| format!("{c:?}")).collect::<Vec<_>>();
    let more = if columns.len() > 10 { ", ..." } else { "" };
    let or_column =
        if column { format!(", or name it: {method}(df, column={pick:?})") } else { String::new() };
    Err(input_type_error(
        texts.py(),
        format!(
            "{param} is a {library} {name} (columns: {}{more}), not a column of texts; \
             iterating over it would give its column names. Pass the column: \
             {method}(df[{pick:?}]){or_column}",
            shown.join(", ")
        ),
    ))
}

/// An Arrow array or chunked array as a list of Python values (nulls as `None`); any other
/// object unchanged. Arrow arrays iterate as Arrow scalars, which are not `str`.
pub fn arrow_to_list<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if type_module(texts).starts_with("pyarrow") && texts.hasattr("to_pylist")? {
        return texts.call_method0("to_pylist");
    }
    Ok(texts.clone())
}
