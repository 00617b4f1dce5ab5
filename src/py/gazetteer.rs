//! `Gazetteer` and `Entity` for Python.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

use super::args::{or_default, Arg, Flag, PathArg, MISSING_OK};
use super::convert::{is_bytes_like, is_mapping, iter_arg, map_to_py, text_arg, to_json, to_py};
use super::errors::{gazetteer_error, input_error, input_type_error, type_name};
use crate::core::formats::{self, Format, FrameCell, Loaded, Loader, OnError};
use crate::core::gazetteer::{Conflict, Partial, ALIAS_MAX_CHARS};
use crate::core::records::{entity_from_record, entity_to_record};
use crate::core::variants::Layer;
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
    (variants, partial): (Option<Layer>, Option<Partial>),
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
    // A dict iterates as its keys (`{"text": "IS", "case_sensitive": True}` gave the aliases
    // "text" and "case_sensitive"), bytes as numbers: both are refused by name.
    if is_mapping(aliases)? {
        return Err(input_type_error(
            py,
            format!(
                "aliases must be an iterable of str (or alias dicts), not a single {}: write \
                 [{{\"text\": \"KH\", ...}}], a list around the dict",
                type_name(aliases)
            ),
        ));
    }
    if is_bytes_like(aliases) {
        return Err(input_type_error(
            py,
            format!("aliases must be an iterable of str, not {}", type_name(aliases)),
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
    if let Some(v) = variants {
        r.insert("variants".into(), Value::String(v.name().into()));
    }
    if let Some(p) = partial {
        r.insert("partial".into(), Value::String(p.name().into()));
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
    settings: (Option<Layer>, Option<Partial>),
) -> PyResult<Entity> {
    let record = record_from_args(at, id, name, label, aliases, meta, settings)?;
    Ok(entity_from_record(&record, at)?)
}

/// The fields of an entity record, in the order `Entity()` takes them: pickling and copying
/// go through this list, so a new field cannot be left out of one of them.
const ENTITY_FIELDS: [&str; 7] = ["id", "name", "label", "aliases", "meta", "variants", "partial"];

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
    #[pyo3(signature = (id, name, label, aliases = None, meta = None, variants = None, partial = None))]
    fn new(
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        label: &Bound<'_, PyAny>,
        aliases: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
        variants: Option<Arg<Layer>>,
        partial: Option<Arg<Partial>>,
    ) -> PyResult<Self> {
        let empty = PyTuple::empty(id.py());
        let aliases = aliases.unwrap_or(empty.as_any());
        let (variants, partial) = (variants.map(|v| v.0), partial.map(|p| p.0));
        Ok(PyEntity {
            inner: entity_from_args(
                "Entity()",
                id,
                name,
                label,
                aliases,
                meta,
                (variants, partial),
            )?,
        })
    }

    /// The entity's own variant layer, or None when it uses the tagger's.
    #[getter]
    fn variants(&self) -> Option<&'static str> {
        self.inner.variants().map(|l| l.name())
    }

    /// What the short forms of the entity's names may do (``"free"``, ``"licensed"`` or
    /// ``"off"``), or None for the default, free.
    #[getter]
    fn partial(&self) -> Option<&'static str> {
        self.inner.partial().map(|p| p.name())
    }

    /// The unique id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The canonical name; always the first alias.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The label, such as PERSON, MILITIA, BASE or INSTITUTION.
    #[getter]
    fn label(&self) -> &str {
        self.inner.label()
    }

    /// Every surface form, the canonical name first.
    #[getter]
    fn aliases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner.aliases.iter().map(|a| a.text))
    }

    /// The metadata, as a new dict each time.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_py(py, &self.inner.meta())
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
    ///     InputTypeError: `alias` is not a str.
    ///     InputError: `alias` holds a lone surrogate.
    fn case_sensitive(&self, alias: &Bound<'_, PyAny>) -> PyResult<bool> {
        let alias = text_arg(alias, "alias")?;
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
        // The constructor's parameters, in order; a record leaves out what is not set.
        let args = PyTuple::new(
            py,
            ENTITY_FIELDS
                .iter()
                .map(|k| r.get(*k).map_or_else(|| Ok(py.None().into_bound(py)), |v| to_py(py, v)))
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
        self.inner.id().hash(&mut h);
        self.inner.name().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |s: &str| PyString::new(py, s).repr().map(|r| r.to_string());
        Ok(format!(
            "Entity(id={}, name={}, label={}, aliases={})",
            r(self.inner.id())?,
            r(self.inner.name())?,
            r(self.inner.label())?,
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
    ///     GazetteerError: A duplicate id, an empty or separator-only alias, an alias of more
    ///         than 1,000 characters, an empty field, an id or label with a line break, control
    ///         or invisible character (a name with a line break or control character), or
    ///         metadata that is not JSON-like or nests more than 64 levels deep.
    ///     InputTypeError: An argument of the wrong type.
    #[pyo3(signature = (id, name, label, aliases = None, meta = None, variants = None, partial = None))]
    #[allow(clippy::too_many_arguments)] // the Python signature's parameters
    fn add(
        slf: &Bound<'_, Self>,
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        label: &Bound<'_, PyAny>,
        aliases: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
        variants: Option<Arg<Layer>>,
        partial: Option<Arg<Partial>>,
    ) -> PyResult<()> {
        let empty = PyTuple::empty(id.py());
        let aliases = aliases.unwrap_or(empty.as_any());
        let (variants, partial) = (variants.map(|v| v.0), partial.map(|p| p.0));
        let settings = (variants, partial);
        // The arguments are read (which may run Python code) before the gazetteer is borrowed.
        let entity = entity_from_args("Gazetteer.add()", id, name, label, aliases, meta, settings)?;
        borrow_mut(slf)?
            .inner
            .add(entity)
            .map_err(|e| gazetteer_error(id.py(), format!("Gazetteer.add(): {}", e.message())))
    }

    /// Builds a gazetteer from dicts with the keys ``id``, ``name``, ``label`` and optionally
    /// ``aliases``, ``meta`` and ``variants``.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer.from_records([
    /// ...     {"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH"]},
    /// ... ])
    /// >>> g["kh"].aliases
    /// ("Kata'ib Hezbollah", 'KH')
    ///
    /// Args:
    ///     records: An iterable of dicts.
    ///     on_error: ``"raise"`` stops at the first bad record; ``"collect"`` keeps going and
    ///         returns ``(gazetteer, report)``, where the `LoadReport` lists every bad record.
    ///
    /// Raises:
    ///     InputTypeError: ``records`` is not an iterable, or is one dict, a str or bytes.
    ///     GazetteerError: A record that is not a dict, misses a field, has a field of the wrong
    ///         type or an unknown field, or repeats an id; the message names the record.
    #[staticmethod]
    #[pyo3(signature = (records, *, on_error = None))]
    fn from_records<'py>(
        records: &Bound<'py, PyAny>,
        on_error: Option<Arg<OnError>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = records.py();
        let on_error = on_error.map_or(OnError::Raise, |o| o.0);
        // One record, a str or bytes iterate as keys, characters or numbers: each was read
        // as records that are no dicts.
        let single = if is_mapping(records)? {
            Some("a single dict (wrap it in a list)")
        } else if records.is_instance_of::<PyString>() {
            Some("a str (read a file with Gazetteer.read)")
        } else if is_bytes_like(records) {
            Some("bytes")
        } else {
            None
        };
        if let Some(what) = single {
            return Err(input_type_error(
                py,
                format!("records must be an iterable of dicts, not {what}"),
            ));
        }
        let iter = iter_arg(records, "records must be an iterable of dicts")?;
        let mut loader = Loader::new(on_error);
        for (i, record) in iter.enumerate() {
            let record = record?;
            let at = format!("record {i}");
            let map = match record.cast::<PyDict>() {
                Ok(dict) => match to_json(dict.as_any(), &at) {
                    Ok(Value::Object(map)) => map,
                    Ok(_) => unreachable!("a dict converts to an object"),
                    Err(m) => {
                        loader.fail(Some(i), crate::core::Error::gazetteer(m))?;
                        continue;
                    }
                },
                Err(_) => {
                    let m = format!("{at}: a record must be a dict, not {}", type_name(&record));
                    loader.fail(Some(i), crate::core::Error::gazetteer(m))?;
                    continue;
                }
            };
            loader.add_record(Some(i), &at, &map)?;
        }
        loaded_result(py, loader.finish(), "records", on_error)
    }

    /// Reads a dictionary file: gazetag JSONL, CSV, TSV or spaCy EntityRuler / SpanRuler
    /// patterns.
    ///
    /// The format comes from ``format`` or the file's suffix: ``.jsonl`` / ``.ndjson`` (gazetag
    /// records, or spaCy patterns when the first line has a ``"pattern"`` field), ``.csv``,
    /// ``.tsv`` / ``.tab``. Blank lines and, in JSONL, lines starting with ``#`` are skipped.
    ///
    /// - gazetag JSONL: one record per line, as in `from_records`.
    /// - CSV / TSV: a header row naming ``id``, ``name``, ``label`` and optionally ``aliases``
    ///   (joined by ``|``, or a JSON list), ``alias_options`` (a JSON object from alias text to
    ///   its settings, ``{"KH": {"case_sensitive": true}}``), ``meta`` (a JSON object),
    ///   ``variants`` and ``partial``; a header differing only in case (``Name``) is the same
    ///   column. Any other column (``wikidata``, ``country``) is a meta key holding its cells as
    ///   strings; one that looks like a misspelt column (``alias``, ``lable``) is an error. The
    ///   delimiter is the one that splits the header into ``id``, ``name`` and ``label``: a
    ///   comma, a semicolon (spreadsheets in European locales) or a tab. A file saved as UTF-16
    ///   ("Unicode text") with its byte order mark is read too. A
    ///   quoted cell may span lines only in ``meta``; elsewhere a quote that runs over the end
    ///   of its line is a stray quote, a bad line named where it opened, and the lines after it
    ///   are read on their own. A cell written by `write` with an apostrophe before ``=``,
    ///   ``+``, ``-`` or ``@`` is read without it.
    /// - spaCy patterns: ``{"label", "pattern", "id"}`` per line; the patterns of one ``id``
    ///   make one entity, the first being its name. A pattern is a string or a list of token
    ///   dicts that each use only ``LOWER`` (case-insensitive), ``ORTH`` or ``TEXT`` (exact
    ///   case). A pattern without an ``id`` is an entity of its own, with its text as id.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "dict.csv"
    /// >>> _ = path.write_text("id,name,label,aliases\nkh,Kata'ib Hezbollah,MILITIA,KH|Kataib Hizballah\n")
    /// >>> gazetag.Gazetteer.read(path)["kh"].aliases
    /// ("Kata'ib Hezbollah", 'KH', 'Kataib Hizballah')
    /// >>> _ = path.write_text("id,name,label\nkh,Kata'ib Hezbollah,MILITIA\nkh,Other,MILITIA\n")
    /// >>> g, report = gazetag.Gazetteer.read(path, on_error="collect")
    /// >>> len(g), [p.line for p in report.problems]
    /// (1, [3])
    /// >>> _ = path.write_text("ID;Name;Label;wikidata\nkh;Kata'ib Hezbollah;MILITIA;Q1739104\n")
    /// >>> gazetag.Gazetteer.read(path)["kh"].meta
    /// {'wikidata': 'Q1739104'}
    ///
    /// Args:
    ///     path: The file.
    ///     format: ``"jsonl"``, ``"csv"``, ``"tsv"`` or ``"spacy"``; ``None`` reads the suffix.
    ///     on_error: ``"raise"`` stops at the first bad line; ``"collect"`` keeps going and
    ///         returns ``(gazetteer, report)``, where the `LoadReport` lists every bad line.
    ///     delimiter: CSV and TSV only: the character between cells, when it is not the one
    ///         that splits the header.
    ///
    /// Raises:
    ///     GazetteerError: A bad line or header; the message names ``file:line`` and the reason.
    ///         Also a pipe or device (not a regular file) that holds more than 256 MiB.
    ///     InputError: An unknown format, a suffix that names none, or a bad ``delimiter``.
    ///     OSError: The file cannot be read.
    ///     KeyboardInterrupt: Ctrl-C while reading, which stops it.
    #[staticmethod]
    #[pyo3(signature = (path, format = None, *, on_error = None, delimiter = None))]
    fn read<'py>(
        py: Python<'py>,
        path: PathArg,
        format: Option<Arg<Format>>,
        on_error: Option<Arg<OnError>>,
        delimiter: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let delimiter = delimiter_arg(delimiter)?;
        let on_error = on_error.map_or(OnError::Raise, |o| o.0);
        let by_suffix = format.is_none();
        let path = path.0;
        let format = format_of(py, &path, format.map(|f| f.0))?;
        let (content, source) = read_text(py, &path)?;
        let content = content.as_str();
        // A `.jsonl` file holds gazetag records or spaCy patterns: its first record tells.
        let format = if by_suffix && format == Format::Jsonl {
            Format::sniff_jsonl(content)
        } else {
            format
        };
        let loaded =
            py.detach(|| formats::read_with(content, &source, format, on_error, delimiter))?;
        loaded_result(py, loaded, &source, on_error)
    }

    /// Writes the gazetteer to a dictionary file in a format that `read` reads back.
    ///
    /// gazetag JSONL, CSV and TSV keep everything. spaCy patterns keep ids, labels and alias
    /// texts (one line per alias) but not metadata or settings. CSV and TSV are written for a
    /// spreadsheet: the aliases as plain text joined by ``|`` (a JSON list only when an alias
    /// holds a ``|``, a line break or spaces at its ends), their settings in an
    /// ``alias_options`` column, and each meta key whose values are all one-line strings in a
    /// column of its own (the rest of the metadata stays in ``meta``). In CSV and TSV a cell that
    /// starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written after an
    /// apostrophe, so that a spreadsheet shows it as text instead of running it as a formula
    /// (CSV injection); `read` takes the apostrophe away again.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=["PMF"], meta={"country": "IQ"})
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "dict.csv"
    /// >>> g.write(path)
    /// >>> print(path.read_text().strip())
    /// id,name,label,aliases,country,meta
    /// pmf,Popular Mobilization Forces,MILITIA,PMF,IQ,
    /// >>> gazetag.Gazetteer.read(path) == g
    /// True
    ///
    /// Args:
    ///     path: The file; it is replaced if it exists.
    ///     format: ``"jsonl"``, ``"csv"``, ``"tsv"`` or ``"spacy"``; ``None`` reads the suffix
    ///         (``.jsonl`` means gazetag JSONL).
    ///     delimiter: CSV and TSV only: the character between cells instead of the comma or
    ///         tab, such as ``";"`` for a spreadsheet in a European locale.
    ///
    /// Raises:
    ///     InputError: An unknown format, a suffix that names none, or a bad ``delimiter``.
    ///     OSError: The file cannot be written.
    #[pyo3(signature = (path, format = None, *, delimiter = None))]
    fn write(
        slf: &Bound<'_, Self>,
        path: PathArg,
        format: Option<Arg<Format>>,
        delimiter: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let py = slf.py();
        let path = path.0;
        let delimiter = delimiter_arg(delimiter)?;
        let format = format_of(py, &path, format.map(|f| f.0))?;
        let inner = snapshot(slf)?;
        let text = py.detach(|| formats::write_with(&inner, format, delimiter))?;
        super::files::write_file(py, &path, text.as_bytes())
    }

    /// Reads a gazetag JSONL file: ``Gazetteer.read(path, "jsonl")``.
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
    #[pyo3(signature = (path, *, on_error = None))]
    fn from_jsonl<'py>(
        py: Python<'py>,
        path: PathArg,
        on_error: Option<Arg<OnError>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        Self::read(py, path, Some(Arg(Format::Jsonl)), on_error, None)
    }

    /// Writes the gazetteer as gazetag JSONL, one record per line: ``write(path, "jsonl")``.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=["PMF"])
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "dict.jsonl"
    /// >>> g.to_jsonl(path)
    /// >>> gazetag.Gazetteer.from_jsonl(path) == g
    /// True
    fn to_jsonl(slf: &Bound<'_, Self>, path: PathArg) -> PyResult<()> {
        let py = slf.py();
        let inner = snapshot(slf)?;
        let text = py.detach(|| formats::write_jsonl(&inner));
        super::files::write_file(py, &path.0, text.as_bytes())
    }

    /// Builds a gazetteer from a pandas DataFrame with the columns of a CSV dictionary: ``id``,
    /// ``name``, ``label`` and optionally ``aliases`` (a list, or a ``|``-joined str),
    /// ``alias_options`` and ``meta`` (a dict or a JSON str), ``variants`` and ``partial``. Any
    /// other column is a meta key (as `to_dataframe` with ``meta_columns`` writes them).
    /// Missing values (None, NaN) are empty cells.
    ///
    /// >>> import gazetag, pandas as pd
    /// >>> df = pd.DataFrame({"id": ["kh"], "name": ["Kata'ib Hezbollah"], "label": ["MILITIA"],
    /// ...                    "aliases": [["KH", "Kataib Hizballah"]]})
    /// >>> gazetag.Gazetteer.from_dataframe(df)["kh"].aliases
    /// ("Kata'ib Hezbollah", 'KH', 'Kataib Hizballah')
    ///
    /// Args:
    ///     frame: The DataFrame (anything with ``columns`` and ``to_dict("records")``).
    ///     on_error: ``"raise"`` or ``"collect"``, as in `read`; rows are named by their index.
    ///
    /// Raises:
    ///     GazetteerError: A bad row (named by its index) or an unknown or missing column.
    #[staticmethod]
    #[pyo3(signature = (frame, *, on_error = None))]
    fn from_dataframe<'py>(
        frame: &Bound<'py, PyAny>,
        on_error: Option<Arg<OnError>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = frame.py();
        let on_error = on_error.map_or(OnError::Raise, |o| o.0);
        let (Ok(columns), Ok(index)) = (frame.getattr("columns"), frame.getattr("index")) else {
            return Err(input_type_error(
                py,
                format!("from_dataframe() needs a pandas DataFrame, not {}", type_name(frame)),
            ));
        };
        // A column is named by its label's str (`0`, a tuple), and looked up in a row by the
        // label itself (by its str, a label 0 was a KeyError: '0').
        let column_labels: Vec<Bound<'_, PyAny>> = columns.try_iter()?.collect::<PyResult<_>>()?;
        let columns: Vec<String> = column_labels
            .iter()
            .map(|c| c.str().map(|s| s.to_string()))
            .collect::<PyResult<_>>()?;
        let names = formats::check_columns(&columns, "dataframe")?;
        let rows = frame.call_method1("to_dict", ("records",))?;
        let labels: Vec<Bound<'_, PyAny>> = index.try_iter()?.collect::<PyResult<_>>()?;
        let mut loader = Loader::new(on_error);
        for (i, row) in rows.try_iter()?.enumerate() {
            let row = row?;
            let at = match labels.get(i) {
                Some(label) => format!("dataframe row {}", label.repr()?),
                None => format!("dataframe row {i}"),
            };
            match record_from_row(&row, (&column_labels, &columns), &names, &at) {
                Ok(record) => loader.add_record(Some(i), &at, &record)?,
                Err(e) => loader.fail(Some(i), e)?,
            }
        }
        loaded_result(py, loader.finish(), "dataframe", on_error)
    }

    /// The entities that an alias of which ``query`` names, in any spelling, best first: for
    /// exploring a gazetteer (the embedded one has hundreds of entities) in a notebook.
    ///
    /// An alias is found when it is the query (case, accents, apostrophes and dashes aside),
    /// another spelling of it under the aggressive variant rules (``Qassem Suleimani`` finds
    /// ``Qasem Soleimani``), when the query is its words from a word on (``muhandis``), or part
    /// of it in another spelling; in that order, then in gazetteer order.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer.default()
    /// >>> [e.id for e in g.search("Qassem Suleimani")]
    /// ['qasem-soleimani', 'saraya-qassem-soleimani', 'haj-qassem-soleimani-regiment']
    /// >>> [e.id for e in g.search("hashd", label="MILITIA", limit=2)]
    /// ['popular-mobilization-forces', 'hashd-al-atabat']
    ///
    /// Args:
    ///     query: A name or part of one.
    ///     label: Only entities with this label.
    ///     limit: At most this many entities (None: all).
    ///
    /// Returns:
    ///     The entities, best first.
    ///
    /// Raises:
    ///     InputTypeError: ``query`` or ``label`` is not a str, or ``limit`` not an int.
    ///     InputError: ``query`` has no letters or digits or is longer than 4,000 characters
    ///         (an alias has at most 1,000), or ``limit`` is below 1.
    #[pyo3(signature = (query, *, label = None, limit = SearchLimit(Some(20))))]
    fn search(
        &self,
        py: Python<'_>,
        query: &Bound<'_, PyAny>,
        label: Option<&Bound<'_, PyAny>>,
        limit: SearchLimit,
    ) -> PyResult<Vec<PyEntity>> {
        let query = str_arg(query, "query")?;
        let label = label.filter(|l| !l.is_none()).map(|l| str_arg(l, "label")).transpose()?;
        let limit = limit.0.unwrap_or(usize::MAX);
        // The search's time grows with the query (half a million words took 38 s, deaf to
        // Ctrl-C); a query longer than any alias can be is refused before it starts.
        let chars = query.chars().count();
        if chars > SEARCH_MAX_CHARS {
            return Err(input_error(
                py,
                format!(
                    "query is {chars} characters long; an alias has at most {ALIAS_MAX_CHARS}, so \
                     search for a name (at most {SEARCH_MAX_CHARS} characters), not a text; tag \
                     a text with Tagger.tag"
                ),
            ));
        }
        if !query.chars().any(char::is_alphanumeric) {
            return Err(input_error(
                py,
                format!("query {query:?} has no letters or digits to search for"),
            ));
        }
        let hits = py.detach(|| self.inner.search(&query));
        let entities = self.inner.entities();
        Ok(hits
            .into_iter()
            .map(|(e, _, _)| &entities[e])
            .filter(|e| label.as_ref().is_none_or(|l| e.label() == l))
            .take(limit)
            .map(|e| PyEntity { inner: e.clone() })
            .collect())
    }

    /// The entities as a pandas DataFrame with the columns ``id``, ``name``, ``label``,
    /// ``aliases`` (a list of the alias texts after the name), ``alias_options`` (a dict from
    /// alias text to its settings, or None), ``variants``, ``partial`` and ``meta`` (a dict);
    /// `from_dataframe` reads it back. With ``meta_columns`` meta keys become columns of their
    /// own, placed before ``meta``, which keeps the other keys. Needs pandas.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("pmf", "Popular Mobilization Forces", "MILITIA", aliases=["PMF"],
    /// ...       meta={"country": "IQ", "founded": 2014})
    /// >>> df = g.to_dataframe()
    /// >>> df[["id", "label", "aliases"]].to_dict("records")
    /// [{'id': 'pmf', 'label': 'MILITIA', 'aliases': ['PMF']}]
    /// >>> gazetag.Gazetteer.from_dataframe(df) == g
    /// True
    /// >>> g.to_dataframe(meta_columns=True)[["id", "country", "founded"]].to_dict("records")
    /// [{'id': 'pmf', 'country': 'IQ', 'founded': 2014}]
    /// >>> gazetag.Gazetteer.from_dataframe(g.to_dataframe(meta_columns=["country"])) == g
    /// True
    ///
    /// Args:
    ///     meta_columns: ``False`` (the default) keeps all metadata in ``meta``; ``True`` makes
    ///         a column of every meta key (keys that would read back as a column of the table,
    ///         such as ``name``, stay in ``meta``); a list of keys makes columns of those. A
    ///         cell is None where an entity has no value for the key.
    ///
    /// Raises:
    ///     ModuleNotFoundError: pandas is not installed.
    ///     InputTypeError: ``meta_columns`` is not a bool or a list of str.
    ///     InputError: ``meta_columns`` names a key twice, or one that cannot be a column.
    #[pyo3(signature = (*, meta_columns = None))]
    fn to_dataframe<'py>(
        &self,
        py: Python<'py>,
        meta_columns: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let meta_columns = meta_columns_arg(meta_columns)?;
        let pandas = py.import("pandas").map_err(|_| {
            let err = pyo3::exceptions::PyModuleNotFoundError::new_err(
                "Gazetteer.to_dataframe() needs pandas: pip install pandas",
            );
            // As `import pandas` sets it, for code that checks which module is missing.
            let _ = err.value(py).setattr("name", "pandas");
            err
        })?;
        let table = formats::frame_table(&self.inner, &meta_columns)?;
        let series = pandas.getattr("Series")?;
        let columns = PyDict::new(py);
        for (name, cells) in table {
            let cells = cells
                .iter()
                .map(|c| c.as_ref().map_or_else(|| Ok(py.None().into_bound(py)), |v| to_py(py, v)))
                .collect::<PyResult<Vec<_>>>()?;
            // object: a column of ints with gaps stays ints (and None), not floats and NaN.
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", "object")?;
            columns.set_item(&name, series.call((PyList::new(py, cells)?,), Some(&kwargs))?)?;
        }
        pandas.getattr("DataFrame")?.call1((columns,))
    }

    /// The embedded gazetteer of Iraq's security domain: people, militias, bases and
    /// institutions (see ``gazetag/data/README.md``). Each call returns a new copy, which
    /// can be changed freely.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer.default()
    /// >>> g["kataib-hezbollah"].label
    /// 'MILITIA'
    /// >>> len(g) >= 400
    /// True
    ///
    /// Raises:
    ///     GazetteerError: The package's data files are damaged.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<PyGazetteer> {
        Ok(PyGazetteer { inner: default_gazetteer(py)? })
    }

    /// Adds every entity of another gazetteer. An entity whose id is already here is merged
    /// into it (``"merge"``: its aliases and metadata are added, its name and label win),
    /// replaces it (``"replace"``), or is refused (``"error"``, which changes nothing).
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
    /// >>> mine = gazetag.Gazetteer()
    /// >>> mine.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["Hezbollah Brigades"])
    /// >>> g.update(mine)
    /// >>> g["kh"].aliases
    /// ("Kata'ib Hezbollah", 'KH', 'Hezbollah Brigades')
    ///
    /// Args:
    ///     other: The gazetteer to add.
    ///     on_conflict: ``"merge"`` (the default), ``"replace"`` or ``"error"``.
    ///
    /// Raises:
    ///     GazetteerError: An id in both, with ``on_conflict="error"``.
    #[pyo3(signature = (other, *, on_conflict = None))]
    fn update(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        on_conflict: Option<Arg<Conflict>>,
    ) -> PyResult<()> {
        let py = other.py();
        let conflict = on_conflict.map_or(Conflict::Merge, |c| c.0);
        let Ok(other) = other.cast::<PyGazetteer>() else {
            return Err(input_type_error(
                py,
                format!("update() needs a gazetag.Gazetteer, not {}", type_name(other)),
            ));
        };
        let other = borrow(other)?.inner.clone(); // `g.update(g)` too: borrowed one at a time
        Ok(borrow_mut(slf)?.inner.update(other, conflict)?)
    }

    /// Checks the gazetteer for what may cost precision: aliases shared by several entities,
    /// aliases of different entities that match each other after folding and variants, aliases
    /// that are English words, aliases too short to be safe, and acronyms with other common
    /// meanings that are not marked ``ambiguous``; with counts per label.
    /// ``gazetag check DICT`` prints this report.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("qayyarah", "Qayyarah Airfield", "BASE")
    /// >>> g.add("qayara", "Qayara Airfield", "BASE", aliases=["Hit"])
    /// >>> report = g.check()
    /// >>> [[(a.alias, a.rule) for a in group] for group in report.collisions]
    /// [[('Qayyarah Airfield', 'exact'), ('Qayara Airfield', 'exact')]]
    /// >>> [(n.alias, n.reason) for n in report.english]
    /// [('Hit', 'an English word: it matches only when capitalized')]
    ///
    /// After ``update`` with the embedded gazetteer, ``only="own"`` reports only findings that
    /// involve your own entities (those the embedded gazetteer lacks or has otherwise);
    /// ``only=ids`` those that involve the given ids. In a notebook the report shows as tables.
    ///
    /// >>> combined = gazetag.Gazetteer.default()
    /// >>> own = gazetag.Gazetteer()
    /// >>> own.add("hit-town", "Hit", "PLACE")
    /// >>> combined.update(own)
    /// >>> [(n.id, n.alias) for n in combined.check(only="own").english]
    /// [('hit-town', 'Hit')]
    ///
    /// Args:
    ///     variants: The layer to check at: ``"none"``, ``"default"`` (the default) or
    ///         ``"aggressive"``.
    ///     only: A list of entity ids, or ``"own"``: keep the findings that involve them (a
    ///         group of aliases when any of its entities is one), as `CheckReport.only`.
    ///
    /// Returns:
    ///     A `CheckReport`; ``print(report)`` gives a readable summary.
    ///
    /// Raises:
    ///     InputError: ``only`` is a str other than ``"own"``.
    ///     InputTypeError: ``only`` is neither a list of ids nor ``"own"``.
    #[pyo3(signature = (variants = None, *, only = None))]
    fn check<'py>(
        slf: &Bound<'py, Self>,
        variants: Option<Arg<Layer>>,
        only: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let layer = or_default(variants);
        let inner = snapshot(slf)?;
        let c = py.detach(|| crate::core::check::check(&inner, layer))?;
        let labels: Vec<(String, usize, usize, usize)> =
            c.labels.into_iter().map(|(l, n)| (l, n.entities, n.aliases, n.keys)).collect();
        let groups = |gs: Vec<Vec<crate::core::check::Member>>| -> Vec<Vec<(String, String, String, String)>> {
            gs.into_iter()
                .map(|g| g.into_iter().map(|m| (m.id, m.alias, m.key, m.rule)).collect())
                .collect()
        };
        let notes = |ns: Vec<crate::core::check::AliasNote>| -> Vec<(String, String, String)> {
            ns.into_iter().map(|n| (n.id, n.alias, n.reason)).collect()
        };
        let reports = py.import("gazetag._reports")?;
        let report = reports.getattr("CheckReport")?.call_method1(
            "_from_core",
            (
                layer.name(),
                labels,
                groups(c.shared),
                groups(c.collisions),
                notes(c.english),
                notes(c.short),
                notes(c.ambiguous),
            ),
        )?;
        match only {
            Some(only) => reports.getattr("_check_only")?.call1((report, slf, only)),
            None => Ok(report),
        }
    }

    /// Removes an entity, or only one of its aliases.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH", "Hezbollah Brigades"])
    /// >>> g.remove("kh", alias="KH")
    /// >>> g["kh"].aliases
    /// ("Kata'ib Hezbollah", 'Hezbollah Brigades')
    /// >>> g.remove("kh")
    /// >>> "kh" in g
    /// False
    ///
    /// Args:
    ///     id: The entity's id.
    ///     alias: The alias to remove; ``None`` removes the whole entity. The canonical name
    ///         cannot be removed.
    ///     missing_ok: Do nothing when there is no such entity or alias.
    ///
    /// Raises:
    ///     GazetteerError: No such entity or alias (unless ``missing_ok``), or the alias is the
    ///         canonical name.
    #[pyo3(signature = (id, alias = None, *, missing_ok = Flag(false)), text_signature = "($self, id, alias=None, *, missing_ok=False)")]
    fn remove(
        slf: &Bound<'_, Self>,
        id: &Bound<'_, PyAny>,
        alias: Option<&Bound<'_, PyAny>>,
        missing_ok: Flag<MISSING_OK>,
    ) -> PyResult<()> {
        let missing_ok = missing_ok.0;
        let id = str_arg(id, "id")?;
        let alias = alias.filter(|a| !a.is_none()).map(|a| str_arg(a, "alias")).transpose()?;
        Ok(borrow_mut(slf)?.inner.discard(&id, alias.as_deref(), missing_ok)?)
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
            // The key in a tuple: `None` alone would be read as no argument (`KeyError: `).
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err((id.clone().unbind(),)))
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

    /// The heap bytes of the entities and of the id index (estimates; for `bench/memory.py`).
    fn _memory<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let (entities, index) = self.inner.heap_bytes();
        d.set_item("entities", entities)?;
        d.set_item("id index", index)?;
        Ok(d)
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

/// A `limit` argument: an int of at least 1, or None for no limit.
pub struct SearchLimit(Option<usize>);

/// The longest query `search` takes: four times the longest alias (folding may drop
/// apostrophes, marks and joiners from a query written with many).
const SEARCH_MAX_CHARS: usize = 4 * ALIAS_MAX_CHARS;

impl<'a, 'py> FromPyObject<'a, 'py> for SearchLimit {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(SearchLimit(None));
        }
        if obj.is_instance_of::<pyo3::types::PyBool>()
            || !obj.is_instance_of::<pyo3::types::PyInt>()
        {
            return Err(input_type_error(
                py,
                format!("limit must be an int or None, not {}", type_name(&obj)),
            ));
        }
        match obj.extract::<i64>() {
            Ok(n) if n >= 1 => Ok(SearchLimit(Some(usize::try_from(n).unwrap_or(usize::MAX)))),
            // Past 64 bits and positive (`2**70`): more than any gazetteer holds, so all.
            Err(_) if obj.gt(0)? => Ok(SearchLimit(None)),
            _ => Err(input_error(py, format!("limit must be at least 1, not {}", obj.str()?))),
        }
    }
}

/// A `delimiter` argument: None, or one character the core accepts.
fn delimiter_arg(delimiter: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u8>> {
    match delimiter {
        None => Ok(None),
        Some(d) if d.is_none() => Ok(None),
        Some(d) => match d.cast::<PyString>() {
            Ok(_) => Ok(Some(formats::delimiter_byte(text_arg(d, "delimiter")?)?)),
            Err(_) => Err(input_type_error(
                d.py(),
                format!("delimiter must be a str or None, not {}", type_name(d)),
            )),
        },
    }
}

/// A `meta_columns` argument: a bool, or an iterable of str keys (a str alone is refused: it
/// is one key, not its characters).
fn meta_columns_arg(arg: Option<&Bound<'_, PyAny>>) -> PyResult<formats::MetaColumns> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(formats::MetaColumns::Nothing);
    };
    let py = arg.py();
    let wrong = || {
        input_type_error(
            py,
            format!(
                "meta_columns must be a bool or a list of meta keys (str), not {}",
                type_name(arg)
            ),
        )
    };
    // A bool, or numpy's (`np.bool_`), as the flags take it.
    let flag = match arg.cast::<pyo3::types::PyBool>() {
        Ok(b) => Some(b.is_true()),
        Err(_) if type_name(arg) == "bool" => arg.extract::<bool>().ok(),
        Err(_) => None,
    };
    if let Some(all) = flag {
        return Ok(if all { formats::MetaColumns::All } else { formats::MetaColumns::Nothing });
    }
    if arg.is_instance_of::<PyString>() {
        return Err(wrong());
    }
    let keys = arg.try_iter().map_err(|_| wrong())?;
    let mut out = Vec::new();
    for key in keys {
        let key = key?;
        match key.cast::<PyString>() {
            Ok(_) => out.push(text_arg(&key, "meta_columns")?.to_owned()),
            Err(_) => {
                return Err(input_type_error(
                    py,
                    format!("meta_columns must hold str keys, not {}", type_name(&key)),
                ))
            }
        }
    }
    Ok(formats::MetaColumns::Keys(out))
}

/// The format a `format` argument or else the path's suffix names.
fn format_of(py: Python<'_>, path: &std::path::Path, format: Option<Format>) -> PyResult<Format> {
    if let Some(f) = format {
        return Ok(f);
    }
    let name = path.display().to_string();
    match Format::of_path(&name) {
        Some(format) => Ok(format),
        None => Err(input_error(
            py,
            format!(
                "cannot tell the format of {name} from its suffix; name it with format= {} \
                 (or use the suffix .jsonl, .csv or .tsv)",
                Format::NAMES
            ),
        )),
    }
}

/// The gazetteer borrowed to read it. A method that works on it with the GIL released takes a
/// [`snapshot`] instead, so that no borrow is held while other threads run: a writer in
/// another thread then never meets a borrowed gazetteer, nor waits behind a busy reader
/// (issue 15.7). Should a borrow still clash, the error is ours, not PyO3's RuntimeError.
fn borrow<'py>(g: &Bound<'py, PyGazetteer>) -> PyResult<PyRef<'py, PyGazetteer>> {
    g.try_borrow().map_err(|_| in_use(g.py()))
}

/// The gazetteer borrowed to change it; see [`borrow`].
fn borrow_mut<'py>(g: &Bound<'py, PyGazetteer>) -> PyResult<PyRefMut<'py, PyGazetteer>> {
    g.try_borrow_mut().map_err(|_| in_use(g.py()))
}

/// A copy of the gazetteer's entities, taken with the GIL held, to work on with it released.
fn snapshot(g: &Bound<'_, PyGazetteer>) -> PyResult<Gazetteer> {
    Ok(borrow(g)?.inner.clone())
}

fn in_use(py: Python<'_>) -> PyErr {
    input_error(
        py,
        "the Gazetteer is being changed by another thread; change it from one thread at a \
         time (or guard it with a lock)",
    )
}

/// A file's text and its name for messages.
fn read_text(py: Python<'_>, path: &std::path::Path) -> PyResult<(String, String)> {
    let source = path.display().to_string();
    // In chunks through Python's open(): Ctrl-C stops it, a stream is bounded, and a missing
    // file is FileNotFoundError, PermissionError, ... with the path, as open() raises them.
    let bytes = super::files::read_file(py, path, super::files::Reading::Dictionary)?;
    // A spreadsheet's "Unicode text" is UTF-16 with a byte order mark.
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        if bytes.len() % 2 == 1 {
            let m = format!("{source}: UTF-16 text (by its byte order mark) of an odd length");
            return Err(gazetteer_error(py, m));
        }
        let units = bytes[2..].chunks(2).map(|c| unit([c[0], c[1]]));
        let content = char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| {
            gazetteer_error(py, format!("{source}: not UTF-16 text after its byte order mark: {e}"))
        })?;
        return Ok((content, source));
    }
    let content = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        gazetteer_error(
            py,
            format!(
                "{source}:{line}: not UTF-8 text (bad byte at offset {at}); save the file as \
                 UTF-8 (a spreadsheet's \"CSV UTF-8\")"
            ),
        )
    })?;
    Ok((content, source))
}

/// A gazetteer, or with `OnError::Collect` a `(gazetteer, LoadReport)` tuple.
fn loaded_result<'py>(
    py: Python<'py>,
    loaded: Loaded,
    source: &str,
    on_error: OnError,
) -> PyResult<Bound<'py, PyAny>> {
    let entities = loaded.gazetteer.len();
    let g = Bound::new(py, PyGazetteer { inner: loaded.gazetteer })?.into_any();
    if on_error == OnError::Raise {
        return Ok(g);
    }
    let reports = py.import("gazetag._reports")?;
    let problem = reports.getattr("Problem")?;
    let problems = loaded
        .problems
        .iter()
        .map(|p| problem.call1((source, p.line, &p.message)))
        .collect::<PyResult<Vec<_>>>()?;
    let report =
        reports.getattr("LoadReport")?.call1((source, entities, PyTuple::new(py, problems)?))?;
    Ok(PyTuple::new(py, [g, report])?.into_any())
}

/// A record from a data frame row (a dict of column to cell); the rules are the core's.
fn record_from_row(
    row: &Bound<'_, PyAny>,
    (labels, columns): (&[Bound<'_, PyAny>], &[String]),
    names: &[String],
    at: &str,
) -> crate::core::Result<Map<String, Value>> {
    let bad = |m: String| crate::core::Error::gazetteer(format!("{at}: {m}"));
    let mut cells = Vec::with_capacity(columns.len());
    for ((label, column), name) in labels.iter().zip(columns).zip(names) {
        let cell = row.get_item(label).map_err(|e| bad(e.to_string()))?;
        let cell = match cell.getattr("tolist") {
            Ok(tolist) if !cell.is_instance_of::<PyString>() => {
                tolist.call0().map_err(|e| bad(e.to_string()))?
            }
            _ => cell,
        };
        let cell = if is_missing(&cell) {
            FrameCell::Missing
        } else {
            FrameCell::Value(to_json(&cell, column).map_err(bad)?)
        };
        cells.push((name.clone(), cell));
    }
    formats::record_from_frame_row(cells, at)
}

/// None, NaN, pandas.NA and NaT: an empty cell.
pub(super) fn is_missing(cell: &Bound<'_, PyAny>) -> bool {
    if cell.is_none() {
        return true;
    }
    if let Ok(f) = cell.cast::<pyo3::types::PyFloat>() {
        return f.value().is_nan();
    }
    matches!(type_name(cell).as_str(), "NAType" | "NaTType")
}

static DEFAULT: std::sync::Mutex<Option<Gazetteer>> = std::sync::Mutex::new(None);

/// The embedded gazetteer: every `gazetag/data/*.jsonl`, read once per process.
pub fn default_gazetteer(py: Python<'_>) -> PyResult<Gazetteer> {
    if let Some(g) = DEFAULT.lock().map_err(|_| input_error(py, "poisoned lock"))?.as_ref() {
        return Ok(g.clone());
    }
    let files: Vec<(String, String)> =
        py.import("gazetag._data")?.getattr("default_files")?.call0()?.extract()?;
    let g = py.detach(|| formats::read_jsonl_files(&files))?;
    *DEFAULT.lock().map_err(|_| input_error(py, "poisoned lock"))? = Some(g.clone());
    Ok(g)
}

/// Rebuilds a pickled `Gazetteer`.
#[pyfunction]
pub fn _gazetteer_from_bytes(data: &Bound<'_, PyAny>) -> PyResult<PyGazetteer> {
    let data = super::convert::bytes_arg(data, "data")?;
    Ok(PyGazetteer { inner: persist::gazetteer_from_bytes(data.as_bytes())? })
}
