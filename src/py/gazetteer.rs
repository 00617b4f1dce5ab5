//! `Gazetteer` and `Entity` for Python.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

use super::convert::{iter_arg, map_to_py, to_json, to_py};
use super::errors::{gazetteer_error, input_type_error, type_name};
use crate::core::records::{entity_from_record, entity_to_record, read_jsonl, write_jsonl};
use crate::core::{persist, Entity, Gazetteer};

/// The text of a `str` argument, or our TypeError naming it.
fn str_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    super::convert::text_arg(obj, what).map(str::to_owned)
}

/// Builds a record from `add()`-style arguments, checking argument types (TypeError) before
/// the record rules check the data (GazetteerError).
fn record_from_args(
    at: &str,
    id: &Bound<'_, PyAny>,
    name: &Bound<'_, PyAny>,
    label: &Bound<'_, PyAny>,
    aliases: &Bound<'_, PyAny>,
    meta: Option<&Bound<'_, PyAny>>,
    variants: Option<&Bound<'_, PyAny>>,
) -> PyResult<Map<String, Value>> {
    let py = id.py();
    let mut r = Map::new();
    r.insert("id".into(), Value::String(str_arg(id, "id")?));
    r.insert("name".into(), Value::String(str_arg(name, "name")?));
    r.insert("label".into(), Value::String(str_arg(label, "label")?));
    let who = r["id"].as_str().unwrap_or_default().to_owned();
    let bad_data = |m: String| gazetteer_error(py, format!("{at} (entity {who:?}): {m}"));
    if aliases.is_instance_of::<PyString>() {
        return Err(input_type_error(
            py,
            "aliases must be an iterable of str (or alias dicts), not a single str: write [\"KH\"], not \"KH\"",
        ));
    }
    let iter = iter_arg(aliases, "aliases must be an iterable of str")?;
    let mut items = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        if !(item.is_instance_of::<PyString>() || item.is_instance_of::<PyDict>()) {
            return Err(input_type_error(
                py,
                format!("aliases[{i}] must be a str or a dict, not {}", type_name(&item)),
            ));
        }
        items.push(to_json(&item, &format!("aliases[{i}]")).map_err(bad_data)?);
    }
    r.insert("aliases".into(), Value::Array(items));
    if let Some(meta) = meta.filter(|m| !m.is_none()) {
        if !meta.is_instance_of::<PyDict>() {
            return Err(input_type_error(
                py,
                format!("meta must be a dict or None, not {}", type_name(meta)),
            ));
        }
        let meta = to_json(meta, "meta").map_err(bad_data)?;
        r.insert("meta".into(), meta);
    }
    if let Some(v) = variants.filter(|v| !v.is_none()) {
        r.insert("variants".into(), Value::String(super::tagger::layer_arg(v)?.name().into()));
    }
    Ok(r)
}

fn entity_from_args(
    at: &str,
    id: &Bound<'_, PyAny>,
    name: &Bound<'_, PyAny>,
    label: &Bound<'_, PyAny>,
    aliases: &Bound<'_, PyAny>,
    meta: Option<&Bound<'_, PyAny>>,
    variants: Option<&Bound<'_, PyAny>>,
) -> PyResult<Entity> {
    let record = record_from_args(at, id, name, label, aliases, meta, variants)?;
    Ok(entity_from_record(&record, at)?)
}

/// A named thing and the ways it is written: an id, a canonical name, a label, aliases (the
/// name first) and JSON-like metadata. Immutable.
///
/// >>> import gazetag
/// >>> e = gazetag.Entity("k1", "K1 Air Base", "BASE", aliases=["K-1"], meta={"country": "IQ"})
/// >>> e.aliases
/// ('K1 Air Base', 'K-1')
/// >>> e.case_sensitive("K-1"), e.case_sensitive("K1 Air Base")
/// (True, False)
#[pyclass(module = "gazetag._gazetag", name = "Entity", frozen)]
pub struct PyEntity {
    pub(crate) inner: Entity,
}

#[pymethods]
impl PyEntity {
    #[new]
    #[pyo3(signature = (id, name, label, aliases = None, meta = None, variants = None))]
    fn new(
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        label: &Bound<'_, PyAny>,
        aliases: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
        variants: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let empty = PyTuple::empty(id.py());
        let aliases = aliases.unwrap_or(empty.as_any());
        Ok(PyEntity {
            inner: entity_from_args("Entity()", id, name, label, aliases, meta, variants)?,
        })
    }

    /// The entity's own variant layer, or None when it uses the tagger's.
    #[getter]
    fn variants(&self) -> Option<&'static str> {
        self.inner.variants.map(|l| l.name())
    }

    /// The unique id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The canonical name; always the first alias.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The label, such as PERSON, MILITIA, BASE or INSTITUTION.
    #[getter]
    fn label(&self) -> &str {
        &self.inner.label
    }

    /// Every surface form, the canonical name first.
    #[getter]
    fn aliases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.aliases.iter().map(|a| a.text.as_str()))
    }

    /// The metadata, as a new dict each time.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_py(py, &self.inner.meta)
    }

    /// Whether `alias` (one of this entity's aliases) matches only in its own case: as the
    /// dictionary says, or else when it is written in capitals with 1 to 5 letters.
    ///
    /// >>> import gazetag
    /// >>> e = gazetag.Entity("is", "Islamic State", "MILITIA", aliases=["IS", "Daesh"])
    /// >>> [e.case_sensitive(a) for a in e.aliases]
    /// [False, True, False]
    ///
    /// Raises:
    ///     KeyError: `alias` is not an alias of this entity.
    fn case_sensitive(&self, alias: &str) -> PyResult<bool> {
        self.inner
            .aliases
            .iter()
            .find(|a| a.text == alias)
            .map(|a| a.is_case_sensitive())
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(alias.to_owned()))
    }

    /// The record form: a dict with id, name, label, aliases and meta, which
    /// `Gazetteer.from_records` reads back.
    ///
    /// >>> import gazetag
    /// >>> gazetag.Entity("k1", "K1 Air Base", "BASE", aliases=["K-1"]).to_dict()
    /// {'id': 'k1', 'name': 'K1 Air Base', 'label': 'BASE', 'aliases': ['K-1'], 'meta': {}}
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_py(py, &entity_to_record(&self.inner))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let r = entity_to_record(&slf.get().inner);
        let args = PyTuple::new(
            py,
            ["id", "name", "label", "aliases", "meta"]
                .iter()
                .map(|k| to_py(py, &r[*k]))
                .collect::<PyResult<Vec<_>>>()?,
        )?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyEntity>().is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.id.hash(&mut h);
        self.inner.name.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |s: &str| PyString::new(py, s).repr().map(|r| r.to_string());
        Ok(format!(
            "Entity(id={}, name={}, label={}, aliases={})",
            r(&self.inner.id)?,
            r(&self.inner.name)?,
            r(&self.inner.label)?,
            self.aliases(py)?.repr()?
        ))
    }
}

/// An ordered collection of entities with unique ids: the dictionary a `Tagger` compiles.
///
/// >>> import gazetag
/// >>> g = gazetag.Gazetteer()
/// >>> g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=["PMF", "al-Hashd al-Shaabi"])
/// >>> len(g), "pmf" in g, g["pmf"].label
/// (1, True, 'MILITIA')
#[pyclass(module = "gazetag._gazetag", name = "Gazetteer")]
pub struct PyGazetteer {
    pub(crate) inner: Gazetteer,
}

#[pymethods]
impl PyGazetteer {
    #[new]
    fn new() -> Self {
        PyGazetteer { inner: Gazetteer::new() }
    }

    /// Adds an entity. The name is always an alias too.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"], meta={"country": "IQ"})
    /// >>> g["kh"].aliases, g["kh"].meta
    /// (("Kata'ib Hezbollah", 'KH'), {'country': 'IQ'})
    ///
    /// Args:
    ///     id: Unique id, such as a slug.
    ///     name: Canonical name.
    ///     label: Any label; PERSON, MILITIA, BASE and INSTITUTION are the domain's.
    ///     aliases: Other surface forms: strings, or dicts
    ///         ``{"text": "IS", "case_sensitive": False}`` to set whether case matters.
    ///     meta: JSON-like metadata, returned as given.
    ///     variants: This entity's own variant layer (``"none"``, ``"default"`` or
    ///         ``"aggressive"``), which overrides the tagger's; an alias dict may set
    ///         ``"variants"`` too.
    ///
    /// Raises:
    ///     GazetteerError: A duplicate id, an empty or separator-only alias, an empty field, or
    ///         metadata that is not JSON-like.
    ///     InputTypeError: An argument of the wrong type.
    #[pyo3(signature = (id, name, label, aliases = None, meta = None, variants = None))]
    fn add(
        &mut self,
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        label: &Bound<'_, PyAny>,
        aliases: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
        variants: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let empty = PyTuple::empty(id.py());
        let aliases = aliases.unwrap_or(empty.as_any());
        let entity = entity_from_args("Gazetteer.add()", id, name, label, aliases, meta, variants)?;
        self.inner
            .add(entity)
            .map_err(|e| gazetteer_error(id.py(), format!("Gazetteer.add(): {}", e.message())))
    }

    /// Builds a gazetteer from dicts with the keys ``id``, ``name``, ``label`` and optionally
    /// ``aliases`` and ``meta``.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer.from_records([
    /// ...     {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH"]},
    /// ... ])
    /// >>> g["kh"].aliases
    /// ("Kata'ib Hezbollah", 'KH')
    ///
    /// Raises:
    ///     GazetteerError: A record that is not a dict, misses a field, has a field of the wrong
    ///         type or an unknown field, or repeats an id; the message names the record.
    #[staticmethod]
    fn from_records(records: &Bound<'_, PyAny>) -> PyResult<PyGazetteer> {
        let py = records.py();
        let iter = iter_arg(records, "records must be an iterable of dicts")?;
        let mut g = Gazetteer::new();
        for (i, record) in iter.enumerate() {
            let record = record?;
            let at = format!("record {i}");
            let Ok(dict) = record.cast::<PyDict>() else {
                return Err(gazetteer_error(
                    py,
                    format!("{at}: a record must be a dict, not {}", type_name(&record)),
                ));
            };
            let Value::Object(map) =
                to_json(dict.as_any(), &at).map_err(|m| gazetteer_error(py, m))?
            else {
                return Err(gazetteer_error(py, format!("{at}: a record must be a dict")));
            };
            let entity = entity_from_record(&map, &at)?;
            g.add(entity).map_err(|e| gazetteer_error(py, format!("{at}: {}", e.message())))?;
        }
        Ok(PyGazetteer { inner: g })
    }

    /// Reads a gazetag JSONL file: one record per line (as in `from_records`); blank lines and
    /// lines starting with ``#`` are skipped.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "dict.jsonl"
    /// >>> _ = path.write_text('{"id": "pmf", "name": "PMF", "label": "MILITIA"}\n')
    /// >>> len(gazetag.Gazetteer.from_jsonl(path))
    /// 1
    ///
    /// Raises:
    ///     GazetteerError: A bad line; the message names ``file:line``.
    ///     OSError: The file cannot be read.
    #[staticmethod]
    fn from_jsonl(py: Python<'_>, path: PathBuf) -> PyResult<PyGazetteer> {
        let bytes = std::fs::read(&path)?;
        let source = path.display().to_string();
        let content = String::from_utf8(bytes).map_err(|e| {
            gazetteer_error(
                py,
                format!(
                    "{source}: not UTF-8 text (bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(PyGazetteer { inner: py.detach(|| read_jsonl(&content, &source))? })
    }

    /// Writes the gazetteer as gazetag JSONL, one record per line.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=["PMF"])
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "dict.jsonl"
    /// >>> g.to_jsonl(path)
    /// >>> gazetag.Gazetteer.from_jsonl(path) == g
    /// True
    fn to_jsonl(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let text = py.detach(|| write_jsonl(&self.inner));
        std::fs::write(path, text)?;
        Ok(())
    }

    /// The entities as records (dicts), which `from_records` reads back.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("pmf", "PMF", "MILITIA", variants="none")
    /// >>> g.to_records()
    /// [{'id': 'pmf', 'name': 'PMF', 'label': 'MILITIA', 'aliases': [], 'meta': {}, 'variants': 'none'}]
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.inner
                .entities()
                .iter()
                .map(|e| map_to_py(py, &entity_to_record(e)))
                .collect::<PyResult<Vec<_>>>()?,
        )
    }

    /// A copy that can be changed without changing this one.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> c = g.copy()
    /// >>> c.add("x", "X", "L")
    /// >>> len(g), len(c)
    /// (0, 1)
    fn copy(&self) -> PyGazetteer {
        PyGazetteer { inner: self.inner.clone() }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.extract::<&str>().is_ok_and(|id| self.inner.get(id).is_some())
    }

    fn __getitem__(&self, id: &Bound<'_, PyAny>) -> PyResult<PyEntity> {
        id.extract::<&str>()
            .ok()
            .and_then(|k| self.inner.get(k))
            .map(|e| PyEntity { inner: e.clone() })
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(id.clone().unbind()))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = PyList::new(
            py,
            self.inner
                .entities()
                .iter()
                .map(|e| Bound::new(py, PyEntity { inner: e.clone() }))
                .collect::<PyResult<Vec<_>>>()?,
        )?;
        list.try_iter().map(Bound::into_any)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyGazetteer>().is_ok_and(|o| o.borrow().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Gazetteer({} entities, {} aliases)", self.inner.len(), self.inner.alias_count())
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let f = py.import("gazetag._gazetag")?.getattr("_gazetteer_from_bytes")?;
        Ok((f, (PyBytes::new(py, &persist::gazetteer_to_bytes(&self.inner)),)))
    }
}

/// Rebuilds a pickled `Gazetteer`.
#[pyfunction]
pub fn _gazetteer_from_bytes(data: &[u8]) -> PyResult<PyGazetteer> {
    Ok(PyGazetteer { inner: persist::gazetteer_from_bytes(data)? })
}
