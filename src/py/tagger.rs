//! `Tagger` and `Match` for Python.

use std::collections::VecDeque;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString, PyTuple};

use super::args::{
    or_default, Arg, Flag, OnMissing, PathArg, Threads, CASE_SENSITIVE, CATEGORICAL, LICENSING,
    OVERLAPPING, PROGRESS, REJECTED, SUGGESTIONS, WHOLE_WORDS,
};
use super::convert::{
    arrow_to_list, bytes_arg, item_name, iter_arg, missing_kind, reject_not_texts, reject_table,
    text_arg,
};
use super::errors::{input_error, input_type_error, type_name};
use super::gazetteer::{default_gazetteer, PyGazetteer};
use crate::core::columns::{Columns, Dictionary};
use crate::core::link::{link, Link};
use crate::core::variants::{Layer, Rules};
use crate::core::{persist, Cancel, Options, Pending, Tagged, Tagger, Workers};

/// One mention of an entity in a text. Immutable, comparable, hashable and picklable.
///
/// ``start`` and ``end`` are ``str`` indices into the original text, so
/// ``text[m.start:m.end] == m.text`` always holds.
///
/// >>> import gazetag
/// >>> g = gazetag.Gazetteer()
/// >>> g.add("k1", "K1 Air Base", "BASE", aliases=["K1"])
/// >>> m = gazetag.Tagger(g).tag("Rockets hit K-1.")[0]
/// >>> m
/// Match(start=12, end=15, text='K-1', entity_id='k1', label='BASE', alias='K1')
/// >>> m.to_dict()["name"]
/// 'K1 Air Base'
#[pyclass(module = "gazetag._gazetag", name = "Match", frozen)]
pub struct PyMatch {
    /// Start of the match: a ``str`` index into the original text.
    #[pyo3(get)]
    start: usize,
    /// End of the match (exclusive): a ``str`` index into the original text.
    #[pyo3(get)]
    end: usize,
    /// The matched text as it stands in the original.
    #[pyo3(get)]
    text: Py<PyString>,
    /// The dictionary form (alias) that matched.
    #[pyo3(get)]
    alias: Py<PyString>,
    /// The id of the entity the match is reported under: the first of ``entities``.
    #[pyo3(get)]
    entity_id: Py<PyString>,
    /// The label of that entity.
    #[pyo3(get)]
    label: Py<PyString>,
    /// The canonical name of that entity.
    #[pyo3(get)]
    name: Py<PyString>,
    /// The ids of every entity the matched alias belongs to, in gazetteer order; more than one
    /// means the mention is ambiguous.
    #[pyo3(get)]
    entities: Py<PyTuple>,
    /// How the match was made: ``exact`` when the core folding sufficed, else the variant rules
    /// used, joined by ``+`` (``article+double``).
    #[pyo3(get)]
    rule: Py<PyString>,
}

impl PyMatch {
    fn fields<'py>(&self, py: Python<'py>) -> [(&'static str, Bound<'py, PyAny>); 9] {
        [
            (
                "start",
                self.start
                    .into_pyobject(py)
                    .map(|v| v.into_any())
                    .unwrap_or_else(|_| py.None().into_bound(py)),
            ),
            (
                "end",
                self.end
                    .into_pyobject(py)
                    .map(|v| v.into_any())
                    .unwrap_or_else(|_| py.None().into_bound(py)),
            ),
            ("text", self.text.bind(py).clone().into_any()),
            ("alias", self.alias.bind(py).clone().into_any()),
            ("entity_id", self.entity_id.bind(py).clone().into_any()),
            ("label", self.label.bind(py).clone().into_any()),
            ("name", self.name.bind(py).clone().into_any()),
            ("entities", self.entities.bind(py).clone().into_any()),
            ("rule", self.rule.bind(py).clone().into_any()),
        ]
    }
}

#[pymethods]
impl PyMatch {
    #[new]
    #[pyo3(signature = (start, end, text, alias, entity_id, label, name, entities = None, rule = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        alias: &Bound<'_, PyAny>,
        entity_id: &Bound<'_, PyAny>,
        label: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        entities: Option<&Bound<'_, PyAny>>,
        rule: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        // Each field checked by name, as the rest of the API checks its arguments (a Match made
        // by hand goes to annotate and the exports, whose messages otherwise blamed the text).
        // An int, or what stands for one (numpy's `int64` from a DataFrame's column); a bool
        // is refused as the flags refuse an int. Unpickling makes every Match of a result
        // shipped between processes here: the common case (an int, a str that encodes) takes
        // no import and no message (a `tag_batch` result shipped through Dask or Spark).
        let offset = |v: &Bound<'_, PyAny>, what: &str| -> PyResult<usize> {
            let n = if v.is_exact_instance_of::<pyo3::types::PyInt>() {
                v.clone()
            } else {
                match py.import("operator")?.getattr("index")?.call1((v,)) {
                    Ok(n) if !v.is_instance_of::<PyBool>() => n,
                    _ => {
                        return Err(input_type_error(
                            py,
                            format!("Match {what} must be an int, not {}", type_name(v)),
                        ))
                    }
                }
            };
            n.extract::<usize>()
                .map_err(|_| input_error(py, format!("Match {what} must be 0 or more, not {n}")))
        };
        let (start, end) = (offset(start, "start")?, offset(end, "end")?);
        if start > end {
            return Err(input_error(
                py,
                format!("Match start must not be past its end, not {start} > {end}"),
            ));
        }
        // A str that UTF-8 can encode (else its repr failed), its message made only for a
        // field that is not one.
        fn field<'py>(
            v: &Bound<'py, PyAny>,
            what: impl Fn() -> String,
        ) -> PyResult<Bound<'py, PyString>> {
            match v.cast::<PyString>() {
                Ok(s) if s.to_str().is_ok() => Ok(s.clone()),
                _ => {
                    text_arg(v, &format!("Match {}", what()))?;
                    Ok(v.cast::<PyString>()?.clone())
                }
            }
        }
        let named = |what: &'static str| move || what.to_owned();
        let (text, alias) = (field(text, named("text"))?, field(alias, named("alias"))?);
        let entity_id = field(entity_id, named("entity_id"))?;
        let (label, name) = (field(label, named("label"))?, field(name, named("name"))?);
        let rule = rule.filter(|r| !r.is_none()).map(|r| field(r, named("rule"))).transpose()?;
        let entities = match entities.filter(|e| !e.is_none()) {
            None => PyTuple::new(py, [&entity_id])?,
            // A tuple of str, as a pickled Match gives back: kept as it is.
            Some(e)
                if e.cast::<PyTuple>().is_ok_and(|t| {
                    t.iter().all(|id| id.cast::<PyString>().is_ok_and(|s| s.to_str().is_ok()))
                }) =>
            {
                e.cast::<PyTuple>()?.clone()
            }
            Some(e) => {
                if e.is_instance_of::<PyString>() {
                    return Err(input_type_error(
                        py,
                        "Match entities must be a tuple of entity ids (str), not one str",
                    ));
                }
                let ids = iter_arg(e, "Match entities must be a tuple of entity ids (str)")?
                    .enumerate()
                    .map(|(i, id)| field(&id?, || format!("entities[{i}]")))
                    .collect::<PyResult<Vec<_>>>()?;
                // Empty for a suggested name that no entity has (`suggestion_matches`).
                PyTuple::new(py, ids)?
            }
        };
        Ok(PyMatch {
            start,
            end,
            text: text.unbind(),
            alias: alias.unbind(),
            entity_id: entity_id.unbind(),
            label: label.unbind(),
            name: name.unbind(),
            entities: entities.unbind(),
            rule: rule.unwrap_or_else(|| PyString::new(py, "exact")).unbind(),
        })
    }

    /// The match as a plain dict (``entities`` as a list), ready for a DataFrame or JSON.
    ///
    /// >>> import gazetag
    /// >>> gazetag.Match(0, 2, "KH", "KH", "kh", "MILITIA", "Kata'ib Hezbollah").to_dict()["entities"]
    /// ['kh']
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.fields(py) {
            if k == "entities" {
                d.set_item(k, PyList::new(py, self.entities.bind(py).iter())?)?;
            } else {
                d.set_item(k, v)?;
            }
        }
        Ok(d)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let args = PyTuple::new(py, slf.get().fields(py).map(|(_, v)| v))?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyMatch>() else {
            return Ok(false);
        };
        for ((_, a), (_, b)) in self.fields(py).into_iter().zip(other.get().fields(py)) {
            if !a.eq(b)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        PyTuple::new(py, self.fields(py).map(|(_, v)| v))?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |o: &Py<PyString>| o.bind(py).repr().map(|s| s.to_string());
        let mut out = format!(
            "Match(start={}, end={}, text={}, entity_id={}, label={}, alias={}",
            self.start,
            self.end,
            r(&self.text)?,
            r(&self.entity_id)?,
            r(&self.label)?,
            r(&self.alias)?
        );
        if self.entities.bind(py).len() > 1 {
            out.push_str(&format!(", entities={}", self.entities.bind(py).repr()?));
        }
        if self.rule.bind(py).to_str()? != "exact" {
            out.push_str(&format!(", rule={}", r(&self.rule)?));
        }
        out.push(')');
        Ok(out)
    }
}

/// `tag_batch` and `tag_frame` read and tag their input in chunks of about this many
/// characters (or texts, whichever comes first): enough work per chunk to keep every core busy,
/// small enough for a live progress bar and a prompt Ctrl-C.
const CHUNK_CHARS: usize = 1 << 18;
const CHUNK_TEXTS: usize = 8192;

/// How many chunks `tag_batch` and `tag_frame` have a pool tag at a time: the one delivered
/// next and those after it, so that the pool has work while the calling thread delivers.
const AHEAD: usize = 3;

/// Texts (or chunks) of at least this many bytes are tagged on a thread of their own while the
/// calling thread watches for Ctrl-C (issue 15.6); shorter ones end too soon to be worth it.
const WATCHED_BYTES: usize = 1 << 20;

/// Runs `work`, which stops soon after its cancel flag is set, on a thread of its own with the
/// GIL released, while this thread checks for signals every 50 ms. On Ctrl-C it sets the flag,
/// waits for the work to stop and raises the KeyboardInterrupt.
fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce(&Cancel) -> crate::core::Result<T> + Send,
) -> PyResult<T> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let cancel = Cancel::default();
    py.detach(|| {
        std::thread::scope(|scope| {
            let (sender, receiver) = channel();
            let flag = &cancel;
            scope.spawn(move || sender.send(work(flag)));
            loop {
                match receiver.recv_timeout(std::time::Duration::from_millis(50)) {
                    Ok(result) => return result.map_err(PyErr::from),
                    Err(RecvTimeoutError::Timeout) => {
                        if let Err(interrupt) = Python::attach(|py| py.check_signals()) {
                            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                            let _ = receiver.recv();
                            return Err(interrupt);
                        }
                    }
                    // The work panicked; the scope raises the panic when it ends.
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err(Python::attach(|py| input_error(py, "tagging failed")));
                    }
                }
            }
        })
    })
}

/// A file whose reads fail once its cancel flag is set: a load reading it stops at its next
/// read on Ctrl-C (`interruptible`).
struct Watched<'a>(std::fs::File, &'a Cancel);

impl std::io::Read for Watched<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(std::io::Error::other("the load was interrupted"));
        }
        self.0.read(buf)
    }
}

/// A tagger built or loaded by `make` with the GIL released, and the memory it freed given
/// back.
fn built(
    py: Python<'_>,
    make: impl FnOnce() -> crate::core::Result<Tagger> + Send,
) -> PyResult<Tagger> {
    let core = py.detach(|| {
        let core = make();
        crate::core::release_freed_memory();
        core
    })?;
    Ok(core)
}

/// A chunk of texts read and tagged: the texts (kept alive, so that their UTF-8 buffers stay
/// valid), the index of the first, their characters, their results and which were missing.
type Chunk<'py> = (Vec<Bound<'py, PyAny>>, usize, usize, Vec<Tagged>, Vec<bool>);

/// A chunk of texts read, not yet tagged: the texts, their characters and which were missing.
type Read<'py> = (Vec<Bound<'py, PyAny>>, usize, Vec<bool>);

/// The UTF-8 texts of a chunk read by `each_chunk` (its str objects, checked when read), whose
/// first is the `first`-th item of `texts`.
fn utf8_of<'a>(
    owned: &'a [Bound<'_, PyAny>],
    texts: &Bound<'_, PyAny>,
    first: usize,
) -> PyResult<Vec<&'a str>> {
    owned.iter().enumerate().map(|(i, t)| text_at(t, texts, first + i)).collect()
}

/// Whether a chunk is big enough to be tagged where Ctrl-C can stop it.
fn is_big(strs: &[&str]) -> bool {
    strs.iter().map(|s| s.len()).sum::<usize>() >= WATCHED_BYTES
}

/// The UTF-8 text of the `at`-th item of `texts`, with `text_arg`'s errors naming it
/// (`texts[3]`, or with its index label when it is not a str). A str that encodes is read
/// without making its name: batch calls read every text more than once.
fn text_at<'a>(
    item: &'a Bound<'_, PyAny>,
    texts: &Bound<'_, PyAny>,
    at: usize,
) -> PyResult<&'a str> {
    match item.cast::<PyString>() {
        Ok(s) => match s.to_str() {
            Ok(s) => Ok(s),
            Err(_) => text_arg(item, &format!("texts[{at}]")),
        },
        Err(_) => text_arg(item, &item_name(texts, at)),
    }
}

/// A progress bar made by `gazetag._progress.Progress` (tqdm when installed).
struct ProgressBar<'py>(Bound<'py, PyAny>);

impl<'py> ProgressBar<'py> {
    /// A bar over the texts of `texts`; its total is `len(texts)` when it has one.
    fn new(texts: &Bound<'py, PyAny>) -> PyResult<Self> {
        let py = texts.py();
        let total = texts.len().ok();
        let kwargs = PyDict::new(py);
        kwargs.set_item("unit", "doc")?;
        let class = py.import("gazetag._progress")?.getattr("Progress")?;
        Ok(ProgressBar(class.call((total,), Some(&kwargs))?))
    }

    fn update(&self, texts: usize, chars: usize) -> PyResult<()> {
        let kwargs = PyDict::new(self.0.py());
        kwargs.set_item("chars", chars)?;
        self.0.call_method("update", (texts,), Some(&kwargs))?;
        Ok(())
    }

    fn close(self) -> PyResult<()> {
        self.0.call_method0("close")?;
        Ok(())
    }
}

/// How `columns` hands over a string column: as `i32` codes into a list of its distinct values,
/// or as an Arrow string array's offsets (`i32` or `i64`) and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strings {
    Codes,
    Arrow32,
    Arrow64,
}

/// The bytes of `values` in native byte order, for `numpy.frombuffer` or an Arrow buffer.
fn native_bytes<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    values: &[T],
    to_bytes: fn(T) -> [u8; N],
) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * N, |buf| {
        for (chunk, v) in buf.chunks_exact_mut(N).zip(values) {
            chunk.copy_from_slice(&to_bytes(*v));
        }
        Ok(())
    })
}

/// Python objects of one entity, made once per tagger on first use, so that a match costs
/// its `Match` and the matched text and little else while it holds the GIL (issue 13).
struct EntityStrings {
    id: Py<PyString>,
    label: Py<PyString>,
    name: Py<PyString>,
    /// `(id,)`: the `entities` of a match with one candidate.
    ids: Py<PyTuple>,
    /// Each alias's text, made when first matched.
    aliases: Box<[PyOnceLock<Py<PyString>>]>,
}

/// A gazetteer compiled for search: immutable, so one tagger can be shared by threads, and
/// picklable, so it can be shipped to processes and cluster workers.
///
/// Args:
///     gazetteer: The entities to find.
///     variants: How far to go beyond the core folding to find other spellings:
///         ``"none"``, ``"default"`` (when None) or ``"aggressive"``. Entities and aliases
///         may set their own layer.
///     case_sensitive: Match every alias only in its own case (default: only acronyms).
///     overlapping: Return every valid match instead of the leftmost-longest ones that do not
///         overlap.
///     whole_words: Require each match to be whole words of the original text.
///     licensing: Aliases marked ambiguous, and acronyms among capitals (headlines), match
///         only where the text licenses them: the entity is named otherwise in the same text.
///         False matches them everywhere.
///
/// >>> import gazetag
/// >>> g = gazetag.Gazetteer()
/// >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=["KH"])
/// >>> tagger = gazetag.Tagger(g)
/// >>> [m.text for m in tagger.tag("KH, or Kata’ib Hezbollah, but not kh.")]
/// ['KH', 'Kata’ib Hezbollah']
#[pyclass(module = "gazetag._gazetag", name = "Tagger", frozen)]
pub struct PyTagger {
    core: Tagger,
    /// Boxed: a slot per entity costs 16 bytes until the entity is first matched.
    strings: Vec<PyOnceLock<Box<EntityStrings>>>,
    /// The `rule` strings made so far, by the rules' bits.
    rules: std::sync::Mutex<std::collections::HashMap<u16, Py<PyString>>>,
    /// `"exact"`, the rule of most matches, without the lock of `rules`.
    exact: PyOnceLock<Py<PyString>>,
    /// The same gazetteer at the aggressive layer, built the first time `explain(...,
    /// rejected=True)` asks what a wider layer would find.
    wider: std::sync::OnceLock<Tagger>,
}

/// `Tagger.default()` taggers, one per set of options.
static DEFAULT_TAGGERS: std::sync::Mutex<Vec<(Options, Py<PyTagger>)>> =
    std::sync::Mutex::new(Vec::new());

impl PyTagger {
    fn from_core(core: Tagger) -> Self {
        let strings = (0..core.gazetteer().len()).map(|_| PyOnceLock::new()).collect();
        PyTagger {
            core,
            strings,
            rules: Default::default(),
            exact: PyOnceLock::new(),
            wider: std::sync::OnceLock::new(),
        }
    }

    fn entity_strings(&self, py: Python<'_>, i: u32) -> &EntityStrings {
        self.strings[i as usize].get_or_init(py, || {
            let e = &self.core.gazetteer().entities()[i as usize];
            let id = PyString::new(py, e.id());
            Box::new(EntityStrings {
                ids: PyTuple::new(py, [&id]).unwrap_or_else(|_| PyTuple::empty(py)).unbind(),
                id: id.unbind(),
                label: PyString::new(py, e.label()).unbind(),
                name: PyString::new(py, e.name()).unbind(),
                aliases: e.aliases.iter().map(|_| PyOnceLock::new()).collect(),
            })
        })
    }

    /// The text of an entity's alias, as a Python string made once.
    fn alias_string<'py>(&self, py: Python<'py>, entity: u32, alias: u32) -> Bound<'py, PyString> {
        let strings = self.entity_strings(py, entity);
        strings.aliases[alias as usize]
            .get_or_init(py, || {
                let e = &self.core.gazetteer().entities()[entity as usize];
                PyString::new(py, e.aliases.at(alias as usize).text).unbind()
            })
            .bind(py)
            .clone()
    }

    /// The `rule` string of a set of rules, made once per set.
    fn rule_string<'py>(&self, py: Python<'py>, rules: Rules) -> Bound<'py, PyString> {
        if rules.is_empty() {
            return self
                .exact
                .get_or_init(py, || PyString::new(py, &rules.describe()).unbind())
                .bind(py)
                .clone();
        }
        let mut made = match self.rules.lock() {
            Ok(made) => made,
            Err(poisoned) => poisoned.into_inner(),
        };
        made.entry(rules.bits())
            .or_insert_with(|| PyString::new(py, &rules.describe()).unbind())
            .bind(py)
            .clone()
    }

    /// Reads `texts` in chunks, tags each chunk on `threads` threads with the GIL released and
    /// hands `sink` the index of the chunk's first text, its strings, their results and which
    /// of them were missing (tagged as ""). Shows a progress bar when asked and stops on Ctrl-C
    /// between chunks. Returns how many texts were read.
    ///
    /// With a pool of threads, the next chunk is tagged while `sink` works on the last one
    /// (`sink` holds the GIL to make Python objects; tagging needs none), so both cores stay
    /// busy (issue 13). With one thread the calling thread does everything, in turn.
    fn each_chunk<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        threads: Option<Threads>,
        progress: bool,
        on_missing: OnMissing,
        mut sink: impl FnMut(usize, &[&str], &[Tagged], &[bool]) -> PyResult<()>,
    ) -> PyResult<usize> {
        let py = texts.py();
        reject_not_texts(texts, "texts", "tag_batch", false)?;
        // An Arrow array iterates as Arrow scalars: read it as Python values (nulls as None).
        let texts = &arrow_to_list(texts)?;
        let workers = Workers::new(threads.and_then(|t| t.0))?;
        let bar = if progress { Some(ProgressBar::new(texts)?) } else { None };
        let core = &self.core;
        let empty = PyString::new(py, "").into_any();
        // Hands a tagged chunk to `sink` and the progress bar.
        let mut deliver = |first: usize, chunk: &Chunk<'py>| {
            let (owned, chars, results, missing) = (&chunk.0, chunk.2, &chunk.3, &chunk.4);
            let strs = utf8_of(owned, texts, first)?;
            sink(first, &strs, results, missing)?;
            if let Some(bar) = &bar {
                bar.update(strs.len(), chars)?;
            }
            py.check_signals()
        };
        let result = (|| {
            let mut iter = iter_arg(texts, "texts must be an iterable of str")?;
            let mut read = 0usize;
            // Reads the chunk whose first text is the `read`-th. A text that cannot be read (or
            // a missing one under on_missing="raise") fails the call, after the chunk before
            // it has been delivered, as when nothing runs ahead.
            let mut read_chunk = |read: usize| -> PyResult<Read<'py>> {
                // Keep every str alive (and its UTF-8 buffer valid) while the GIL is
                // released.
                let mut owned: Vec<Bound<'py, PyAny>> = Vec::new();
                let mut missing: Vec<bool> = Vec::new();
                let mut chars = 0usize;
                while chars < CHUNK_CHARS && owned.len() < CHUNK_TEXTS {
                    let Some(item) = iter.next() else { break };
                    let item = item?;
                    if let Ok(s) = item.cast::<PyString>() {
                        chars += s.len().unwrap_or(0);
                    } else if let Some(what) = missing_kind(&item) {
                        let at = read + owned.len();
                        if on_missing == OnMissing::Raise {
                            return Err(input_error(
                                py,
                                format!(
                                    "{} is missing ({what}); pass on_missing=\"skip\" to leave \
                                         missing texts out (or \"empty\" to tag them as \"\"), or \
                                         fill the gaps first: texts.fillna(\"\")",
                                    item_name(texts, at)
                                ),
                            ));
                        }
                        missing.resize(owned.len(), false);
                        missing.push(true);
                        owned.push(empty.clone());
                        continue;
                    }
                    owned.push(item);
                }
                missing.resize(owned.len(), false);
                for (i, t) in owned.iter().enumerate() {
                    text_at(t, texts, read + i)?;
                }
                Ok((owned, chars, missing))
            };
            // A chunk of a megabyte or more is tagged where Ctrl-C can stop it (issue 15.6).
            let tag_watched = |strs: &[&str]| {
                interruptible(py, |cancel| core.tag_in_until(strs, &workers, cancel))
            };
            if !workers.is_pool() {
                loop {
                    let (owned, chars, missing) = read_chunk(read)?;
                    if owned.is_empty() {
                        return Ok(read);
                    }
                    let strs = utf8_of(&owned, texts, read)?;
                    let results = if is_big(&strs) {
                        tag_watched(&strs)?
                    } else {
                        py.detach(|| core.tag_in(&strs, &workers))?
                    };
                    drop(strs);
                    let n = owned.len();
                    deliver(read, &(owned, read, chars, results, missing))?;
                    read += n;
                }
            }
            // With a pool, up to AHEAD chunks are tagged in the background, oldest first, while
            // this thread reads the next (reading makes each str's UTF-8 form, which needs the
            // GIL) and delivers the oldest, once tagged and once the pool has the chunk after
            // the others: the pool does not wait between chunks. Their str objects are kept
            // here, outside the feed, until delivered.
            let mut in_flight: VecDeque<(usize, Read<'py>, Pending)> = VecDeque::new();
            core.with_feed(&workers, |feed| {
                // Set once the texts are all read (Ok) or one cannot be (Err): that fails the
                // call after the chunks before it are delivered, as when nothing runs ahead.
                let mut end: Option<PyResult<()>> = None;
                // A chunk of a megabyte or more, read: tagged on its own once every chunk
                // before it is delivered.
                let mut big: Option<(usize, Read<'py>)> = None;
                // A chunk tagged, to deliver once the pool has its next chunk.
                let mut ready: Option<(usize, Chunk<'py>)> = None;
                loop {
                    while big.is_none() && end.is_none() && in_flight.len() < AHEAD {
                        let (owned, chars, missing) = match read_chunk(read) {
                            Ok(chunk) if !chunk.0.is_empty() => chunk,
                            failed_or_done => {
                                end = Some(failed_or_done.map(|_| ()));
                                break;
                            }
                        };
                        let first = read;
                        read += owned.len();
                        let strs = utf8_of(&owned, texts, first)?;
                        if is_big(&strs) {
                            drop(strs);
                            big = Some((first, (owned, chars, missing)));
                            break;
                        }
                        // SAFETY: the str objects whose UTF-8 buffers these are stay in
                        // `in_flight`, which outlives the feed, until their results are in.
                        let pending = unsafe { feed.start(&strs) };
                        drop(strs);
                        in_flight.push_back((first, (owned, chars, missing), pending));
                    }
                    if let Some((at, chunk)) = ready.take() {
                        deliver(at, &chunk)?;
                        continue;
                    }
                    if let Some((at, (owned, chars, missing), pending)) = in_flight.pop_front() {
                        let results = py.detach(move || pending.wait())?;
                        ready = Some((at, (owned, at, chars, results, missing)));
                    } else if let Some((at, (owned, chars, missing))) = big.take() {
                        let strs = utf8_of(&owned, texts, at)?;
                        let results = tag_watched(&strs)?;
                        drop(strs);
                        ready = Some((at, (owned, at, chars, results, missing)));
                    } else {
                        return end.unwrap_or(Ok(())).map(|()| read);
                    }
                }
            })
        })();
        if let Some(bar) = bar {
            bar.close()?;
        }
        result
    }

    /// `tag_frame` and `tag_arrow`: tags into columns, then has `gazetag._columns.<builder>` make
    /// the table. The module is imported first, so a missing pandas fails before any work.
    #[allow(clippy::too_many_arguments)]
    fn table<'py>(
        &self,
        py: Python<'py>,
        builder: &str,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        column: Option<&Bound<'py, PyAny>>,
        meta: Option<&Bound<'py, PyAny>>,
        threads: Option<Threads>,
        (progress, categorical, on_missing): (bool, bool, OnMissing),
    ) -> PyResult<Bound<'py, PyAny>> {
        let module = py.import("gazetag._columns")?;
        let meta: Option<Vec<String>> = module.getattr("check_meta")?.call1((meta,))?.extract()?;
        if builder == "frame" {
            py.import("pandas")?;
        }
        if builder == "table" {
            py.import("pyarrow")?;
        }
        let method = if builder == "frame" { "tag_frame" } else { "tag_arrow" };
        let texts = &match column {
            Some(column) => module.getattr("column_of")?.call1((texts, column, method))?,
            None => {
                reject_table(texts, method, true)?;
                texts.clone()
            }
        };
        let ids = ids.cloned().unwrap_or_else(|| py.None().into_bound(py));
        module.getattr("check_ids")?.call1((texts, &ids))?;
        // The width of the Arrow offsets the builder takes its string columns in (0: as codes).
        let arrow: u8 =
            module.getattr("arrow_strings")?.call1((builder, categorical))?.extract()?;
        let strings = match arrow {
            32 => Strings::Arrow32,
            64 => Strings::Arrow64,
            _ => Strings::Codes,
        };
        let columns = self.columns(py, texts, threads, progress, on_missing, meta, strings)?;
        module.getattr(builder)?.call1((columns, texts, ids, categorical))
    }

    /// The body of `_tag_columns`.
    #[allow(clippy::too_many_arguments)]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<Threads>,
        progress: bool,
        on_missing: OnMissing,
        meta: Option<Vec<String>>,
        strings: Strings,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut columns = Columns::with_meta(meta.unwrap_or_default());
        let g = self.core.gazetteer();
        // A missing text was tagged as "" and so adds no row, whether skipped or empty.
        let n_docs =
            self.each_chunk(texts, threads, progress, on_missing, |first, strs, results, _| {
                // The columns need no Python object: built with the GIL released, so that no
                // other Python thread waits on a row (issue 13).
                py.detach(|| {
                    for (i, (s, tagged)) in strs.iter().zip(results).enumerate() {
                        columns.push(g, first + i, s, tagged);
                    }
                });
                Ok(())
            })?;
        let out = PyDict::new(py);
        out.set_item("n_docs", n_docs)?;
        out.set_item("n_rows", columns.len())?;
        for (key, values) in
            [("doc", &columns.doc), ("start", &columns.start), ("end", &columns.end)]
        {
            out.set_item(key, native_bytes(py, values, i64::to_ne_bytes)?)?;
        }
        // A string column as Arrow's buffers where the builder takes them so (written out with
        // the GIL released, a column at a time: no more than one column's bytes twice), else
        // as codes into a list of its distinct values.
        let expand = |dict: &Dictionary| -> Option<(Vec<u8>, Vec<u8>)> {
            match strings {
                Strings::Codes => None,
                Strings::Arrow32 => dict
                    .expand::<i32>()
                    .map(|(o, d)| (o.into_iter().flat_map(i32::to_ne_bytes).collect(), d)),
                Strings::Arrow64 => dict
                    .expand::<i64>()
                    .map(|(o, d)| (o.into_iter().flat_map(i64::to_ne_bytes).collect(), d)),
            }
        };
        let arrow = PyDict::new(py);
        for (key, dict) in columns.dictionaries() {
            let expanded =
                if strings == Strings::Codes { None } else { py.detach(|| expand(dict)) };
            if let Some((offsets, data)) = expanded {
                arrow.set_item(key, (PyBytes::new(py, &offsets), PyBytes::new(py, &data)))?;
            } else {
                let codes = native_bytes(py, &dict.codes, i32::to_ne_bytes)?;
                out.set_item(key, (codes, PyList::new(py, &dict.values)?))?;
            }
        }
        out.set_item("arrow", arrow)?;
        let meta = PyList::empty(py);
        for (key, dict) in columns.meta_keys.iter().zip(&columns.meta) {
            let codes = native_bytes(py, &dict.codes, i32::to_ne_bytes)?;
            meta.append((key, codes, PyList::new(py, &dict.values)?))?;
        }
        out.set_item("meta", meta)?;
        Ok(out)
    }

    /// Python `Match` objects for one text's results.
    fn matches<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        tagged: &Tagged,
    ) -> PyResult<Bound<'py, PyList>> {
        // What the matches are made of read ahead, each read independent of the others: a
        // big gazetteer's entities and their strings are far apart in memory, and read as
        // each match was made, each read waited on the one before (issue 13). First the
        // entities' cells and records, then their strings' objects.
        let mut touched = 0usize;
        let entities = self.core.gazetteer().entities();
        for m in &tagged.matches {
            if let Some(s) = self.strings.get(m.entity as usize).and_then(|c| c.get(py)) {
                touched ^= s.id.as_ptr() as usize;
            }
            if let Some(e) = entities.get(m.entity as usize) {
                touched ^= e.aliases.len();
            }
        }
        for m in &tagged.matches {
            if let Some(s) = self.strings.get(m.entity as usize).and_then(|c| c.get(py)) {
                for p in [s.id.as_ptr(), s.name.as_ptr()] {
                    // SAFETY: the object is alive (the tagger holds it), read while the GIL is
                    // held.
                    touched ^= unsafe { pyo3::ffi::Py_REFCNT(p) } as usize;
                }
            }
        }
        std::hint::black_box(touched);
        let items = tagged
            .matches
            .iter()
            .map(|m| {
                let s = self.entity_strings(py, m.entity);
                let candidates = tagged.candidates(m);
                let entities = if candidates.len() == 1 && candidates[0] == m.entity {
                    s.ids.clone_ref(py)
                } else {
                    let ids = candidates.iter().map(|&i| self.entity_strings(py, i).id.bind(py));
                    PyTuple::new(py, ids)?.unbind()
                };
                // The text as the alias writes it (most mentions) is the alias's str, not a
                // new one.
                let surface = &text[m.byte_start..m.byte_end];
                let alias = self.alias_string(py, m.entity, m.alias);
                let written = self.core.gazetteer().entities()[m.entity as usize]
                    .aliases
                    .at(m.alias as usize)
                    .text;
                let text = match written == surface {
                    true => alias.clone(),
                    false => PyString::new(py, surface),
                };
                let made = Bound::new(
                    py,
                    PyMatch {
                        start: m.start,
                        end: m.end,
                        text: text.unbind(),
                        alias: alias.unbind(),
                        entity_id: s.id.clone_ref(py),
                        label: s.label.clone_ref(py),
                        name: s.name.clone_ref(py),
                        entities,
                        rule: self.rule_string(py, m.rules).unbind(),
                    },
                )?;
                // Left out of the cyclic garbage collector's lists: a frozen Match made here
                // holds only exact str objects and a tuple of them, so it can be in no cycle,
                // and a batch's tens of thousands of them made every collection walk them
                // (a fifth of `tag_batch`'s time, issue 13). CPython untracks tuples of
                // strings the same way.
                // SAFETY: `made` is a live object of a GC type, tracked since it was made.
                unsafe { pyo3::ffi::PyObject_GC_UnTrack(made.as_ptr().cast()) };
                Ok(made)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }
}

#[pymethods]
impl PyTagger {
    #[new]
    #[pyo3(signature = (gazetteer, *, variants = None, case_sensitive = Flag(false), overlapping = Flag(false), whole_words = Flag(true), licensing = Flag(true)), text_signature = "(gazetteer, *, variants=None, case_sensitive=False, overlapping=False, whole_words=True, licensing=True)")]
    fn new(
        py: Python<'_>,
        gazetteer: &Bound<'_, PyAny>,
        variants: Option<Arg<Layer>>,
        case_sensitive: Flag<CASE_SENSITIVE>,
        overlapping: Flag<OVERLAPPING>,
        whole_words: Flag<WHOLE_WORDS>,
        licensing: Flag<LICENSING>,
    ) -> PyResult<Self> {
        let (case_sensitive, overlapping) = (case_sensitive.0, overlapping.0);
        let (whole_words, licensing) = (whole_words.0, licensing.0);
        let variants = or_default(variants);
        let Ok(g) = gazetteer.cast::<PyGazetteer>() else {
            return Err(input_type_error(
                py,
                format!("Tagger() needs a gazetag.Gazetteer, not {}", type_name(gazetteer)),
            ));
        };
        let g = g.borrow().inner.clone();
        let options = Options { case_sensitive, overlapping, whole_words, variants, licensing };
        let core = built(py, || Tagger::build(g, options))?;
        Ok(PyTagger::from_core(core))
    }

    /// A tagger for the embedded gazetteer (`Gazetteer.default`), built once per process and
    /// set of options and then shared: taggers are immutable.
    ///
    /// >>> import gazetag
    /// >>> tagger = gazetag.Tagger.default()
    /// >>> [(m.text, m.entity_id) for m in tagger.tag("Kataib Hizballah fired on Ain al-Assad.")]
    /// [('Kataib Hizballah', 'kataib-hezbollah'), ('Ain al-Assad', 'ain-al-asad-air-base')]
    /// >>> gazetag.Tagger.default() is tagger
    /// True
    ///
    /// Args:
    ///     variants: ``"none"``, ``"default"`` or ``"aggressive"``, as in `Tagger`.
    ///     case_sensitive: As in `Tagger`.
    ///     overlapping: As in `Tagger`.
    ///     whole_words: As in `Tagger`.
    ///     licensing: As in `Tagger`.
    #[staticmethod]
    #[pyo3(signature = (*, variants = None, case_sensitive = Flag(false), overlapping = Flag(false), whole_words = Flag(true), licensing = Flag(true)), text_signature = "(*, variants=None, case_sensitive=False, overlapping=False, whole_words=True, licensing=True)")]
    fn default(
        py: Python<'_>,
        variants: Option<Arg<Layer>>,
        case_sensitive: Flag<CASE_SENSITIVE>,
        overlapping: Flag<OVERLAPPING>,
        whole_words: Flag<WHOLE_WORDS>,
        licensing: Flag<LICENSING>,
    ) -> PyResult<Py<PyTagger>> {
        let (case_sensitive, overlapping) = (case_sensitive.0, overlapping.0);
        let (whole_words, licensing) = (whole_words.0, licensing.0);
        let variants = or_default(variants);
        let options = Options { case_sensitive, overlapping, whole_words, variants, licensing };
        let cached = |py: Python<'_>| -> PyResult<Option<Py<PyTagger>>> {
            let cache = DEFAULT_TAGGERS.lock().map_err(|_| input_error(py, "poisoned lock"))?;
            Ok(cache.iter().find(|(o, _)| *o == options).map(|(_, t)| t.clone_ref(py)))
        };
        if let Some(t) = cached(py)? {
            return Ok(t);
        }
        let g = default_gazetteer(py)?;
        let core = built(py, || Tagger::build(g, options))?;
        let tagger = Py::new(py, PyTagger::from_core(core))?;
        let mut cache = DEFAULT_TAGGERS.lock().map_err(|_| input_error(py, "poisoned lock"))?;
        if let Some((_, t)) = cache.iter().find(|(o, _)| *o == options) {
            return Ok(t.clone_ref(py));
        }
        cache.push((options, tagger.clone_ref(py)));
        Ok(tagger)
    }

    /// Finds the entity mentions in one text. The GIL is released while matching, so threads
    /// that share one tagger run in parallel.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("iran", "Iran", "COUNTRY")
    /// >>> [(m.start, m.end, m.text) for m in gazetag.Tagger(g).tag("Iranian and IRAN")]
    /// [(12, 16, 'IRAN')]
    ///
    /// Args:
    ///     text: The text to tag.
    ///
    /// Returns:
    ///     The matches, sorted by start.
    ///
    /// Raises:
    ///     InputTypeError: ``text`` is not a str.
    ///     InputError: ``text`` holds a lone surrogate.
    fn tag<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let s = text_arg(text, "text")?;
        let tagged = if s.len() >= WATCHED_BYTES {
            interruptible(py, |cancel| self.core.tag_until(s, cancel))?
        } else {
            py.detach(|| self.core.tag(s))?
        };
        self.matches(py, s, &tagged)
    }

    /// Tags many texts on several cores, with the GIL released. The result equals
    /// ``[tagger.tag(t) for t in texts]``.
    ///
    /// Texts are read from ``texts`` and tagged in chunks of about 250,000 characters, so a
    /// generator is not read ahead much further than the chunk being tagged, and Ctrl-C stops the
    /// job between chunks.
    ///
    /// Args:
    ///     texts: An iterable of str (a list, a generator, a pandas Series).
    ///     threads: How many threads to use; all cores when None. With 1 the calling
    ///         thread tags (no pool is started), which is what a Dask or Spark task wants.
    ///         At most 1024 (or one per core on a machine with more): tagging is CPU-bound,
    ///         so threads past the cores only take turns.
    ///     progress: Show a progress bar on standard error (tqdm when installed) with the
    ///         count of texts and the throughput.
    ///     on_missing: What a missing text (None, NaN, ``pd.NA``, ``pd.NaT``, an Arrow null)
    ///         gives: ``"raise"`` (the default) an InputError naming it, ``"skip"`` None in
    ///         its place, ``"empty"`` ``[]``, as for ``""``.
    ///
    /// Returns:
    ///     One list of matches per text, in order (None for a skipped text).
    ///
    /// Raises:
    ///     InputTypeError: An item is not a str (the message gives its index, and its index
    ///         label in a pandas Series), or ``texts`` is a DataFrame.
    ///     InputError: A text is missing (with ``on_missing="raise"``) or holds a lone
    ///         surrogate, or ``threads`` is below 1 or above its limit.
    ///
    /// >>> import gazetag, pandas as pd
    /// >>> texts = pd.Series(["Kataib Hizballah said", None], index=["a", "b"], dtype=object)
    /// >>> gazetag.Tagger.default().tag_batch(texts)
    /// Traceback (most recent call last):
    /// ...
    /// gazetag._errors.InputError: texts[1] (index label 'b') is missing (None); pass on_missing="skip" to leave missing texts out (or "empty" to tag them as ""), or fill the gaps first: texts.fillna("")
    /// >>> [ms if ms is None else len(ms) for ms in gazetag.Tagger.default().tag_batch(texts, on_missing="skip")]
    /// [1, None]
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("iran", "Iran", "COUNTRY")
    /// >>> [len(ms) for ms in gazetag.Tagger(g).tag_batch(["Iran", "Iranian", "Iran and Iran"])]
    /// [1, 0, 2]
    #[pyo3(signature = (texts, threads = None, *, progress = Flag(false), on_missing = None), text_signature = "($self, texts, threads=None, *, progress=False, on_missing=None)")]
    fn tag_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<Threads>,
        progress: Flag<PROGRESS>,
        on_missing: Option<Arg<OnMissing>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let progress = progress.0;
        let on_missing = on_missing.map_or(OnMissing::Raise, |a| a.0);
        let lists = PyList::empty(py);
        self.each_chunk(texts, threads, progress, on_missing, |_, strs, results, missing| {
            for ((s, tagged), &gap) in strs.iter().zip(results).zip(missing) {
                if gap && on_missing == OnMissing::Skip {
                    lists.append(py.None())?;
                } else {
                    lists.append(self.matches(py, s, tagged)?)?;
                }
            }
            Ok(())
        })?;
        Ok(lists)
    }

    /// The matches of many texts as columns, for `tag_frame` and `tag_arrow`: a dict of
    /// native-endian buffers (``doc``, ``start``, ``end`` as int64) and, per string column,
    /// ``(codes, values)`` with int32 codes into a list of distinct values (``arrow``, which
    /// `tag_frame` and `tag_arrow` fill with string columns as Arrow buffers, is empty here).
    /// ``n_docs`` counts the texts read.
    #[pyo3(signature = (texts, threads = None, *, progress = Flag(false), on_missing = None, meta = None), text_signature = "($self, texts, threads=None, *, progress=False, on_missing=None, meta=None)")]
    fn _tag_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<Threads>,
        progress: Flag<PROGRESS>,
        on_missing: Option<Arg<OnMissing>>,
        meta: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let on_missing = on_missing.map_or(OnMissing::Raise, |a| a.0);
        self.columns(py, texts, threads, progress.0, on_missing, meta, Strings::Codes)
    }

    /// Tags many texts into a pandas DataFrame with one row per match.
    ///
    /// The core builds the columns and hands each one over whole; no Python object is made per
    /// match. Columns: ``doc`` (the text's key: from ``ids``, else the index of a Series, else
    /// its position), ``start``, ``end`` (``str`` offsets into that text), ``text``, ``label``,
    /// ``entity_id``, ``name``, ``alias``, ``rule`` and ``entities`` (every candidate id joined
    /// by ``|``; differs from ``entity_id`` when the mention is ambiguous).
    ///
    /// >>> import gazetag
    /// >>> tagger = gazetag.Tagger.default()
    /// >>> df = tagger.tag_frame(["Kataib Hizballah fired on Ain al-Assad.", "Nothing."])
    /// >>> df[["doc", "start", "end", "text", "entity_id"]].values.tolist()
    /// [[0, 0, 16, 'Kataib Hizballah', 'kataib-hezbollah'], [0, 26, 38, 'Ain al-Assad', 'ain-al-asad-air-base']]
    ///
    /// A missing text (None, NaN, ``pd.NA``) gives no rows: a column read with
    /// ``pd.read_csv`` has gaps, and the default does not stop on the first one.
    ///
    /// >>> import pandas as pd
    /// >>> df = pd.DataFrame({"text": ["Ain al-Assad", None]}, index=["r1", "r2"])
    /// >>> tagger.tag_frame(df, column="text")[["doc", "entity_id"]].values.tolist()
    /// [['r1', 'ain-al-asad-air-base']]
    ///
    /// ``meta`` adds fields of each entity's metadata as columns:
    ///
    /// >>> t = tagger.tag_frame(["Kataib Hizballah fired on Ain al-Assad."], meta=["country", "kind"])
    /// >>> t[["entity_id", "country", "kind"]].values.tolist()
    /// [['kataib-hezbollah', 'IQ', 'armed-group'], ['ain-al-asad-air-base', 'IQ', 'base']]
    ///
    /// Args:
    ///     texts: An iterable of str (a list, a pandas Series, an Arrow array); a Series keys
    ///         its rows by its index. A DataFrame or Arrow table only with ``column``.
    ///     ids: One key per text for the ``doc`` column (a list, an Index, an array).
    ///     column: The column of ``texts`` (a DataFrame or an Arrow table) that holds the
    ///         texts; a DataFrame's index keys the rows.
    ///     meta: Fields of the entities' ``meta`` to add as columns after ``entities``, by
    ///         name (``["country", "kind"]``): a string value as it is, another value as its
    ///         JSON text, missing (NaN or None) for an entity without the field. Built in the
    ///         core like the other string columns, once per distinct value.
    ///     threads: As in `tag_batch`.
    ///     progress: Show a progress bar, as in `tag_batch`.
    ///     categorical: Give the string columns the ``category`` dtype (less memory on big
    ///         results); otherwise they hold str.
    ///     on_missing: ``"skip"`` (the default) or ``"empty"``: a missing text gives no rows,
    ///         as ``""`` does; ``"raise"``: an InputError naming its position and index label.
    ///
    /// Returns:
    ///     The matches, ordered by text and then by start.
    ///
    /// Raises:
    ///     ImportError: pandas is not installed.
    ///     InputTypeError: An item is not a str (the message gives its index), ``texts`` is
    ///         one str or a DataFrame without ``column``, or ``ids`` is not a sequence (one
    ///         str, a number).
    ///     InputError: ``ids`` has not one key per text, ``column`` is not a column, a ``meta``
    ///         field has the name of a standard column, a text
    ///         holds a lone surrogate or is missing with ``on_missing="raise"``, or
    ///         ``threads`` is below 1 or above its limit.
    #[pyo3(signature = (texts, ids = None, *, column = None, meta = None, threads = None, progress = Flag(false), categorical = Flag(false), on_missing = None), text_signature = "($self, texts, ids=None, *, column=None, meta=None, threads=None, progress=False, categorical=False, on_missing=None)")]
    #[allow(clippy::too_many_arguments)]
    fn tag_frame<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        column: Option<&Bound<'py, PyAny>>,
        meta: Option<&Bound<'py, PyAny>>,
        threads: Option<Threads>,
        progress: Flag<PROGRESS>,
        categorical: Flag<CATEGORICAL>,
        on_missing: Option<Arg<OnMissing>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let on_missing = on_missing.map_or(OnMissing::Skip, |a| a.0);
        let flags = (progress.0, categorical.0, on_missing);
        self.table(py, "frame", texts, ids, column, meta, threads, flags)
    }

    /// Tags many texts into a pyarrow Table with one row per match: the columns of
    /// `tag_frame`, built from the core's buffers without a copy.
    ///
    /// >>> import gazetag
    /// >>> t = gazetag.Tagger.default().tag_arrow(["Ain al-Assad"], ids=["a1"])
    /// >>> t.column("doc").to_pylist(), t.column("label").to_pylist()
    /// (['a1'], ['BASE'])
    ///
    /// Args:
    ///     texts: As in `tag_frame`: an iterable of str, an Arrow array (nulls are missing
    ///         texts), or with ``column`` an Arrow table or a DataFrame.
    ///     ids: One key per text for the ``doc`` column, of one type Arrow can hold (pandas'
    ///         nullable ints stay ints, with nulls).
    ///     column: As in `tag_frame`.
    ///     meta: As in `tag_frame`: fields of the entities' ``meta`` as string columns.
    ///     threads: As in `tag_batch`.
    ///     progress: Show a progress bar, as in `tag_batch`.
    ///     categorical: Keep the string columns dictionary-encoded.
    ///     on_missing: As in `tag_frame` (``"skip"`` by default).
    ///
    /// Raises:
    ///     ImportError: pyarrow is not installed.
    ///     InputTypeError: As in `tag_frame`, or the keys (``ids``, a Series' index) mix types
    ///         that no one Arrow column holds, or are a MultiIndex (`tag_frame` takes them).
    ///     InputError: As in `tag_frame`.
    #[pyo3(signature = (texts, ids = None, *, column = None, meta = None, threads = None, progress = Flag(false), categorical = Flag(false), on_missing = None), text_signature = "($self, texts, ids=None, *, column=None, meta=None, threads=None, progress=False, categorical=False, on_missing=None)")]
    #[allow(clippy::too_many_arguments)]
    fn tag_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        column: Option<&Bound<'py, PyAny>>,
        meta: Option<&Bound<'py, PyAny>>,
        threads: Option<Threads>,
        progress: Flag<PROGRESS>,
        categorical: Flag<CATEGORICAL>,
        on_missing: Option<Arg<OnMissing>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let on_missing = on_missing.map_or(OnMissing::Skip, |a| a.0);
        let flags = (progress.0, categorical.0, on_missing);
        self.table(py, "table", texts, ids, column, meta, threads, flags)
    }

    /// The text with its matches highlighted, for a Jupyter notebook: an
    /// `gazetag.display.Annotation`, which renders as HTML and converts for displaCy.
    ///
    /// >>> import gazetag
    /// >>> a = gazetag.Tagger.default().annotate("Kataib Hizballah fired on Ain al-Assad.")
    /// >>> [m.entity_id for m in a.matches]
    /// ['kataib-hezbollah', 'ain-al-asad-air-base']
    ///
    /// Args:
    ///     text: The text to tag.
    ///     colors: Background colours by label (CSS colours), over the defaults.
    ///     suggestions: Also show the names `suggest` finds in this text, outlined rather
    ///         than filled (see `gazetag.suggest`).
    ///     max_chars: How much of a long text the HTML shows (the rest is left out, with a
    ///         note saying what); None shows it all. The default is `Annotation`'s.
    #[pyo3(signature = (text, *, colors = None, suggestions = Flag(false), **options), text_signature = "($self, text, *, colors=None, suggestions=False, **options)")]
    fn annotate<'py>(
        slf: &Bound<'py, Self>,
        text: &Bound<'py, PyAny>,
        colors: Option<&Bound<'py, PyAny>>,
        suggestions: Flag<SUGGESTIONS>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let suggestions = suggestions.0;
        let py = slf.py();
        let matches = slf.get().tag(py, text)?;
        // Options of the Annotation (max_chars) go through as given, so that None (show all)
        // differs from leaving the default.
        let kwargs = match options {
            Some(options) => options.copy()?,
            None => PyDict::new(py),
        };
        if let Some(colors) = colors {
            kwargs.set_item("colors", colors)?;
        }
        if suggestions {
            let marks = py.import("gazetag.suggest")?.getattr("suggestion_matches")?;
            matches.call_method1("extend", (marks.call1((slf, text))?,))?;
        }
        py.import("gazetag.display")?.getattr("Annotation")?.call((text, matches), Some(&kwargs))
    }

    /// Names worth adding to the gazetteer, found in ``texts``: new spellings of its entities
    /// and name-like spans it does not know, ranked by how often they occur. Implemented in
    /// `gazetag.suggest.suggest`, which documents the options and the result.
    ///
    /// >>> import gazetag
    /// >>> s = gazetag.Tagger.default().suggest(["Gen. Karim Zubaidawi spoke."], min_count=1)
    /// >>> [(c.text, c.label, c.cue) for c in s]
    /// [('Karim Zubaidawi', 'PERSON', 'Gen.')]
    #[pyo3(signature = (texts, min_count = None, **options))]
    #[pyo3(text_signature = "(self, texts, min_count=2, **options)")]
    fn suggest<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        min_count: Option<Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        // Checked in Python, which names the problem; None is the documented default.
        let min_count = match min_count {
            Some(n) => n,
            None => 2i64.into_pyobject(py)?.into_any(),
        };
        let suggest = py.import("gazetag.suggest")?.getattr("suggest")?;
        suggest.call((slf, texts, min_count), options)
    }

    /// What each name denotes, for names without text (a column of commanders from a
    /// spreadsheet, a list from a report): each name is read as a text of its own, under this
    /// tagger's folding, variant and case rules, and the match that covers the whole name
    /// (punctuation and spaces around it aside) is the entity. See `Link` for what else a
    /// name can be: ambiguous, rejected by a rule reading the context, partly matched.
    /// Repeated names are linked once.
    ///
    /// >>> import gazetag
    /// >>> t = gazetag.Tagger.default()
    /// >>> for l in t.link(["Qasim Sulaimani", "Gen. Qasem Soleimani", "Nobody", None]):
    /// ...     print(l.status, l.entity_id, l.rule, l.candidates)
    /// linked qasem-soleimani double+vowel ('qasem-soleimani',)
    /// partial None exact ('qasem-soleimani',)
    /// unknown None None ()
    /// missing None None ()
    ///
    /// Args:
    ///     names: An iterable of str (a list, a pandas Series); missing values (None, NaN,
    ///         pandas.NA) give ``status="missing"``.
    ///
    /// Returns:
    ///     One `Link` per name, in order.
    ///
    /// Raises:
    ///     InputTypeError: ``names`` is one str, bytes or a DataFrame (whose iteration gives
    ///         its column names), or an item is neither a str nor missing (the message gives
    ///         its position).
    fn link<'py>(
        &self,
        py: Python<'py>,
        names: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        reject_not_texts(names, "names", "link", false)?;
        let items: Vec<Bound<'py, PyAny>> =
            iter_arg(names, "names must be an iterable of str")?.collect::<PyResult<_>>()?;
        let mut texts: Vec<Option<&str>> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if super::gazetteer::is_missing(item) {
                texts.push(None);
            } else {
                texts.push(Some(text_arg(item, &format!("names[{i}]"))?));
            }
        }
        let mut distinct: Vec<&str> = texts.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let links = py.detach(|| {
            distinct
                .iter()
                .map(|name| link(&self.core, name).map(|l| (*name, l)))
                .collect::<crate::core::Result<std::collections::HashMap<&str, Link>>>()
        })?;
        let class = py.import("gazetag._link")?.getattr("Link")?;
        let entities = self.core.gazetteer().entities();
        let none = || py.None().into_bound(py);
        let out = texts
            .iter()
            .map(|text| {
                let Some(text) = text else {
                    let empty = PyTuple::empty(py);
                    return class.call1((
                        none(),
                        "missing",
                        none(),
                        none(),
                        none(),
                        none(),
                        none(),
                        empty,
                        none(),
                    ));
                };
                let l = &links[text];
                let (id, label, entity_name) = match l.entity {
                    Some(e) => {
                        let s = self.entity_strings(py, e);
                        (
                            s.id.clone_ref(py).into_bound(py).into_any(),
                            s.label.clone_ref(py).into_bound(py).into_any(),
                            s.name.clone_ref(py).into_bound(py).into_any(),
                        )
                    }
                    None => (none(), none(), none()),
                };
                let (alias, rule) = match l.alias {
                    Some((e, a, rules)) => (
                        PyString::new(py, entities[e as usize].aliases.at(a as usize).text)
                            .into_any(),
                        PyString::new(py, &rules.describe()).into_any(),
                    ),
                    None => (none(), none()),
                };
                let candidates = PyTuple::new(
                    py,
                    l.candidates.iter().map(|&e| self.entity_strings(py, e).id.clone_ref(py)),
                )?;
                let rejected = l.rejected.map_or_else(none, |r| PyString::new(py, r).into_any());
                class.call1((
                    PyString::new(py, text),
                    l.status.name(),
                    id,
                    label,
                    entity_name,
                    alias,
                    rule,
                    candidates,
                    rejected,
                ))
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, out)
    }

    /// `link` as a pandas DataFrame: one row per name, with the columns ``name``, ``status``,
    /// ``entity_id``, ``label``, ``entity_name``, ``alias``, ``rule``, ``candidates`` (a list)
    /// and ``rejected``; a Series of names keeps its index.
    ///
    /// >>> import gazetag, pandas as pd
    /// >>> names = pd.Series(["Abu Mahdi al-Muhandis", "Hashd", None], index=["r1", "r2", "r3"])
    /// >>> df = gazetag.Tagger.default().link_frame(names)
    /// >>> df[["status", "entity_id"]].to_dict("index")["r1"]
    /// {'status': 'linked', 'entity_id': 'abu-mahdi-al-muhandis'}
    /// >>> list(df["status"])
    /// ['linked', 'linked', 'missing']
    ///
    /// Raises:
    ///     ModuleNotFoundError: pandas is not installed.
    ///     InputTypeError: As in `link`.
    fn link_frame<'py>(
        &self,
        py: Python<'py>,
        names: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        py.import("pandas")?;
        let links = self.link(py, names)?;
        py.import("gazetag._link")?.getattr("frame")?.call1((links, names))
    }

    /// A copy of the gazetteer this tagger was compiled from.
    #[getter]
    fn gazetteer(&self) -> PyGazetteer {
        PyGazetteer { inner: self.core.gazetteer().clone() }
    }

    /// The spelling-variant layer: ``"none"``, ``"default"`` or ``"aggressive"``.
    #[getter]
    fn variants(&self) -> &'static str {
        self.core.options().variants.name()
    }

    /// Why each match in ``text`` was made: the alias, the folded forms of the alias and of the
    /// matched text, and the rules applied. With ``rejected=True``, also the candidates that a
    /// rule reading the context rejected, each with that rule in ``rejected`` (``"capital"``,
    /// ``"country"``, ``"longer-name"``, ``"other-name"``, ``"place"``, ``"licence"``, ``"taken"``: another
    /// entity's alias names the same words as written, ``"named-other"``: the text names another
    /// entity of the same short form, ``"definition"``), and the spellings a wider
    /// variant layer would match (``rejected="variants=aggressive"``, with the rules it would
    /// use): why something was not tagged, and what would tag it.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("qayyarah", "Qayyarah Airfield West", "BASE")
    /// >>> (e,) = gazetag.Tagger(g).explain("Jets flew from Qayara Airfield West.")
    /// >>> e.alias_key, e.text_key, e.rules, e.rejected
    /// ('qayyarah airfield west', 'qayara airfield west', ('double', 'final-a'), None)
    /// >>> g.add("kadhimi", "Mustafa al-Kadhimi", "PERSON")
    /// >>> g.add("kh", "Kata'ib Hezbollah", "MILITIA", aliases=[{"text": "KH", "ambiguous": True}])
    /// >>> for e in gazetag.Tagger(g).explain("Kazemi met KH envoys.", rejected=True):
    /// ...     print(e.match.text, e.match.entity_id, e.rules, e.rejected)
    /// Kazemi kadhimi ('article', 'partial', 'consonant', 'e-i') variants=aggressive
    /// KH kh ('licensed',) licence
    #[pyo3(signature = (text, *, rejected = Flag(false)), text_signature = "($self, text, *, rejected=False)")]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        rejected: Flag<REJECTED>,
    ) -> PyResult<Bound<'py, PyList>> {
        let rejected = rejected.0;
        let s = text_arg(text, "text")?;
        let (tagged, rejections) = if rejected {
            py.detach(|| self.core.tag_traced(s))?
        } else {
            (py.detach(|| self.core.tag(s))?, Vec::new())
        };
        let matches = self.matches(py, s, &tagged)?;
        let mut items: Vec<(usize, Bound<'py, PyExplanation>)> = Vec::new();
        for (m, obj) in tagged.matches.iter().zip(matches.iter()) {
            let (alias_key, text_key) = self.core.explain_key(s, m);
            let alias = obj.cast::<PyMatch>()?.get().alias.clone_ref(py);
            let explanation = PyExplanation {
                r#match: obj.cast_into::<PyMatch>()?.unbind(),
                alias,
                alias_key,
                text_key,
                rules: PyTuple::new(py, m.rules.names().collect::<Vec<_>>())?.unbind(),
                rejected: None,
            };
            items.push((m.start, Bound::new(py, explanation)?));
        }
        if rejected {
            // Every (span, entity) once: the accepted matches and each rejection's first rule
            // (the longest span first).
            let mut seen: Vec<(usize, usize, u32)> = Vec::new();
            for m in &tagged.matches {
                for &e in tagged.candidates(m) {
                    seen.push((m.start, m.end, e));
                }
            }
            let mut add = |start: usize,
                           end: usize,
                           byte_span: (usize, usize),
                           target: (u32, u32),
                           key: &str,
                           rules: crate::core::variants::Rules,
                           reason: String|
             -> PyResult<()> {
                let (entity, alias) = target;
                let overlapping_same =
                    seen.iter().any(|&(a, b, e)| e == entity && start < b && a < end);
                if overlapping_same {
                    return Ok(());
                }
                seen.push((start, end, entity));
                let strings = self.entity_strings(py, entity);
                let alias_text = self.core.gazetteer().entities()[entity as usize]
                    .aliases
                    .at(alias as usize)
                    .text;
                let matched = &s[byte_span.0..byte_span.1];
                let obj = Bound::new(
                    py,
                    PyMatch {
                        start,
                        end,
                        text: PyString::new(py, matched).unbind(),
                        alias: PyString::new(py, alias_text).unbind(),
                        entity_id: strings.id.clone_ref(py),
                        label: strings.label.clone_ref(py),
                        name: strings.name.clone_ref(py),
                        entities: PyTuple::new(py, [strings.id.clone_ref(py)])?.unbind(),
                        rule: PyString::new(py, &rules.describe()).unbind(),
                    },
                )?;
                let explanation = PyExplanation {
                    r#match: obj.unbind(),
                    alias: PyString::new(py, alias_text).unbind(),
                    alias_key: key.to_owned(),
                    text_key: crate::core::fold::fold_key(
                        matched,
                        self.core.options().case_sensitive,
                    ),
                    rules: PyTuple::new(py, rules.names().collect::<Vec<_>>())?.unbind(),
                    rejected: Some(reason),
                };
                items.push((start, Bound::new(py, explanation)?));
                Ok(())
            };
            for r in &rejections {
                let target = self.core.target_of(r.target);
                let key = self.core.target_key(r.target).to_owned();
                add(
                    r.start,
                    r.end,
                    (r.byte_start, r.byte_end),
                    target,
                    &key,
                    r.rules,
                    r.reason.into(),
                )?;
            }
            if self.core.options().variants != Layer::Aggressive {
                let options = Options { variants: Layer::Aggressive, ..self.core.options() };
                let wider = match self.wider.get() {
                    Some(t) => t,
                    None => {
                        let built =
                            py.detach(|| Tagger::build(self.core.gazetteer().clone(), options))?;
                        self.wider.get_or_init(|| built)
                    }
                };
                let found = py.detach(|| wider.tag(s))?;
                for m in &found.matches {
                    let key = wider.target_key(m.target).to_owned();
                    add(
                        m.start,
                        m.end,
                        (m.byte_start, m.byte_end),
                        (m.entity, m.alias),
                        &key,
                        m.rules,
                        "variants=aggressive".into(),
                    )?;
                }
            }
        }
        items.sort_by_key(|(start, _)| *start);
        PyList::new(py, items.into_iter().map(|(_, e)| e))
    }

    /// How many keys the automaton holds per entity, on average: the cost of the variants.
    #[getter]
    fn keys_per_entity(&self) -> f64 {
        self.core.keys_per_entity()
    }

    /// Whether every alias matches only in its own case.
    #[getter]
    fn case_sensitive(&self) -> bool {
        self.core.options().case_sensitive
    }

    /// Whether every valid match is returned, overlaps included.
    #[getter]
    fn overlapping(&self) -> bool {
        self.core.options().overlapping
    }

    /// Whether matches must be whole words.
    #[getter]
    fn whole_words(&self) -> bool {
        self.core.options().whole_words
    }

    /// Whether ambiguous aliases and acronyms among capitals need a licence in their text.
    #[getter]
    fn licensing(&self) -> bool {
        self.core.options().licensing
    }

    /// The heap bytes each part of the tagger holds (estimates; for `bench/memory.py`).
    fn _memory<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (part, bytes) in self.core.memory() {
            d.set_item(part, bytes)?;
        }
        d.set_item(
            "python strings of entities",
            self.strings.capacity() * std::mem::size_of::<PyOnceLock<Box<EntityStrings>>>(),
        )?;
        Ok(d)
    }

    /// How many distinct folded alias keys the automaton holds.
    #[getter]
    fn pattern_count(&self) -> usize {
        self.core.pattern_count()
    }

    /// Saves the tagger to a file in gazetag's versioned format.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("iran", "Iran", "COUNTRY")
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "tagger.gzt"
    /// >>> gazetag.Tagger(g, overlapping=True).save(path)
    /// >>> gazetag.Tagger.load(path).overlapping
    /// True
    ///
    /// Raises:
    ///     OSError: The file cannot be written.
    fn save(&self, py: Python<'_>, path: PathArg) -> PyResult<()> {
        let bytes = py.detach(|| persist::tagger_to_bytes(&self.core));
        super::files::write_file(py, &path.0, &bytes)
    }

    /// Loads a tagger saved with `save`.
    ///
    /// >>> import gazetag, pathlib, tempfile
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "not-a-tagger.gzt"
    /// >>> _ = path.write_bytes(b"hello")
    /// >>> gazetag.Tagger.load(path)
    /// Traceback (most recent call last):
    /// ...
    /// gazetag._errors.FormatError: not a gazetag file: it does not start with the gazetag signature
    ///
    /// Raises:
    ///     FormatError: The file is not a gazetag tagger, is truncated or corrupt, or was
    ///         written by a newer gazetag.
    ///     OSError: The file cannot be read.
    ///     MemoryError: The file is larger than this process can hold (said before reading).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathArg) -> PyResult<PyTagger> {
        use super::files::SavedFile;
        let path = path.0;
        let core = match super::files::open_saved(py, &path)? {
            SavedFile::Bytes(bytes) => built(py, || persist::tagger_from_bytes(&bytes))?,
            SavedFile::Regular(file, size) => {
                // Read where Ctrl-C can stop it at its next read (a big tagger's file is read
                // for a second or more).
                let loaded = interruptible(py, |cancel| {
                    // Big reads go past the buffer straight to the file; it gathers the small
                    // ones.
                    let file = std::io::BufReader::with_capacity(64 << 10, Watched(file, cancel));
                    let loaded = persist::tagger_from_file(file, size);
                    crate::core::release_freed_memory();
                    Ok(loaded)
                })?;
                match loaded {
                    Ok(core) => core,
                    Err(persist::LoadError::Io(e)) => return Err(e.into()),
                    Err(persist::LoadError::TooBig(size)) => {
                        return Err(pyo3::exceptions::PyMemoryError::new_err(format!(
                            "{} holds {size} bytes, more than this process can hold in memory",
                            path.display()
                        )))
                    }
                    Err(persist::LoadError::Format(e)) => return Err(e.into()),
                }
            }
        };
        Ok(PyTagger::from_core(core))
    }

    /// The tagger in gazetag's versioned format, as bytes (what `save` writes).
    ///
    /// >>> import gazetag
    /// >>> gazetag.Tagger(gazetag.Gazetteer()).to_bytes()[:8]
    /// b'GAZETAG\x00'
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &persist::tagger_to_bytes(&self.core))
    }

    /// Rebuilds a tagger from `to_bytes` output.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("iran", "Iran", "COUNTRY")
    /// >>> t = gazetag.Tagger.from_bytes(gazetag.Tagger(g).to_bytes())
    /// >>> [m.text for m in t.tag("Iran")]
    /// ['Iran']
    ///
    /// Args:
    ///     data: The saved tagger: bytes, a bytearray or a memoryview.
    ///
    /// Raises:
    ///     FormatError: The bytes are not a gazetag tagger, are truncated or corrupt.
    ///     InputTypeError: ``data`` is not bytes-like.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyTagger> {
        let data = bytes_arg(data, "data")?;
        let data = data.as_bytes();
        Ok(PyTagger::from_core(built(py, || persist::tagger_from_bytes(data))?))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let f = py.import("gazetag._gazetag")?.getattr("_tagger_from_bytes")?;
        Ok((f, (self.to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        let g = self.core.gazetteer();
        let o = self.core.options();
        format!(
            "Tagger({} entities, {} aliases, {} patterns, variants={:?}, case_sensitive={}, overlapping={}, whole_words={}, licensing={})",
            g.len(),
            g.alias_count(),
            self.core.pattern_count(),
            o.variants.name(),
            py_bool(o.case_sensitive),
            py_bool(o.overlapping),
            py_bool(o.whole_words),
            py_bool(o.licensing)
        )
    }
}

/// Why one match was made; see `Tagger.explain`.
#[pyclass(module = "gazetag._gazetag", name = "Explanation", frozen)]
pub struct PyExplanation {
    /// The match explained.
    #[pyo3(get, name = "match")]
    r#match: Py<PyMatch>,
    /// The dictionary form that matched.
    #[pyo3(get)]
    alias: Py<PyString>,
    /// The folded key the automaton found: the alias's, or a variant generated from it.
    #[pyo3(get)]
    alias_key: String,
    /// The matched text, folded the same way.
    #[pyo3(get)]
    text_key: String,
    /// The variant rules applied; empty for an exact match.
    #[pyo3(get)]
    rules: Py<PyTuple>,
    /// None for a match; for a candidate that was not returned, the rule that rejected it or
    /// the wider layer that would find it.
    #[pyo3(get)]
    rejected: Option<String>,
}

impl PyExplanation {
    /// The fields after the match, in `_explanation_from_fields`'s order.
    fn rest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.alias_key.clone().into_pyobject(py)?.into_any(),
                self.text_key.clone().into_pyobject(py)?.into_any(),
                self.rules.bind(py).clone().into_any(),
                self.rejected.clone().into_pyobject(py)?.into_any(),
            ],
        )
    }
}

#[pymethods]
impl PyExplanation {
    /// The explanation as a plain dict: the match's fields (``Match.to_dict``), then
    /// ``alias_key``, ``text_key``, ``rules`` (a list) and ``rejected``; one row of a DataFrame
    /// of a text's candidates.
    ///
    /// >>> import gazetag
    /// >>> g = gazetag.Gazetteer()
    /// >>> g.add("k1", "K1 Air Base", "BASE", aliases=["K1"])
    /// >>> row = gazetag.Tagger(g).explain("Rockets hit K-1.")[0].to_dict()
    /// >>> row["text"], row["alias_key"], row["text_key"], row["rules"], row["rejected"]
    /// ('K-1', 'k1', 'k1', [], None)
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = self.r#match.get().to_dict(py)?;
        d.set_item("alias_key", &self.alias_key)?;
        d.set_item("text_key", &self.text_key)?;
        d.set_item("rules", PyList::new(py, self.rules.bind(py).iter())?)?;
        d.set_item("rejected", &self.rejected)?;
        Ok(d)
    }

    /// Pickling (an explanation returned from a Dask or multiprocessing worker).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let rebuild = py.import("gazetag._gazetag")?.getattr("_explanation_from_fields")?;
        let mut args = vec![this.r#match.bind(py).clone().into_any()];
        args.extend(this.rest(py)?.iter());
        Ok((rebuild, PyTuple::new(py, args)?))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyExplanation>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(self.r#match.bind(py).eq(other.r#match.bind(py))?
            && self.rest(py)?.eq(other.rest(py)?)?)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        (self.r#match.bind(py), self.rest(py)?).into_pyobject(py)?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Explanation(text={}, alias={}, alias_key={:?}, text_key={:?}, rules={}{})",
            self.r#match.get().text.bind(py).repr()?,
            self.alias.bind(py).repr()?,
            self.alias_key,
            self.text_key,
            self.rules.bind(py).repr()?,
            self.rejected.as_ref().map(|r| format!(", rejected={r:?}")).unwrap_or_default()
        ))
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Rebuilds a pickled `Explanation` from its match and the fields after it.
#[pyfunction]
pub fn _explanation_from_fields(
    py: Python<'_>,
    r#match: &Bound<'_, PyAny>,
    alias_key: &Bound<'_, PyAny>,
    text_key: &Bound<'_, PyAny>,
    rules: &Bound<'_, PyAny>,
    rejected: &Bound<'_, PyAny>,
) -> PyResult<PyExplanation> {
    let bad = |field: &str, expected: &str, v: &Bound<'_, PyAny>| {
        input_type_error(
            py,
            format!("Explanation {field} must be {expected}, not {}", type_name(v)),
        )
    };
    let m = r#match.cast::<PyMatch>().map_err(|_| bad("match", "a Match", r#match))?;
    let text = |v: &Bound<'_, PyAny>, field: &str, expected: &str| -> PyResult<String> {
        v.cast::<PyString>().map_err(|_| bad(field, expected, v))?.to_str().map(str::to_owned)
    };
    let rules_tuple = rules.cast::<PyTuple>().map_err(|_| bad("rules", "a tuple", rules))?;
    for rule in rules_tuple.iter() {
        text(&rule, "rules", "a tuple of str")?;
    }
    let rejected =
        if rejected.is_none() { None } else { Some(text(rejected, "rejected", "None or a str")?) };
    Ok(PyExplanation {
        alias: m.get().alias.clone_ref(py),
        r#match: m.clone().unbind(),
        alias_key: text(alias_key, "alias_key", "a str")?,
        text_key: text(text_key, "text_key", "a str")?,
        rules: rules_tuple.clone().unbind(),
        rejected,
    })
}

/// Rebuilds a pickled `Tagger`.
#[pyfunction]
pub fn _tagger_from_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyTagger> {
    PyTagger::from_bytes(py, data)
}
