//! Reading dictionaries and saved taggers from files: in chunks, through Python's own file
//! object, so that a read can be stopped with Ctrl-C and a stream cannot grow without bound
//! (issue 15.6).
//!
//! Python's `read` releases the GIL while it waits and retries an interrupted system call only
//! after running the signal handlers (PEP 475), so a FIFO that never closes or a slow network
//! file gives way to Ctrl-C, in `open` as in `read`; between chunks the signals are checked
//! once more. A regular file is read whole, however large (a saved tagger's is left to the core,
//! which reads it in order: [`open_saved`]). A stream (a FIFO, a device such as
//! `/dev/zero` behind a `.csv` name, a socket) has no size to trust, so it is read up to
//! [`MAX_STREAM_BYTES`] and refused past that.

use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// The bytes asked of each `read` of a stream.
const CHUNK_BYTES: usize = 1 << 20;

/// The most bytes read from a regular file at once, between checks for Ctrl-C.
const READ_BYTES: usize = 64 << 20;

/// `PyBUF_WRITE` of CPython's `PyMemoryView_FromMemory` (pyo3's ffi has the constant only for
/// 3.11 and later; the value is part of the stable ABI).
const PYBUF_WRITE: std::ffi::c_int = 0x200;

/// The most a stream (not a regular file) may hold: 256 MiB, far more than any dictionary or
/// saved tagger written by hand; a bigger one can be saved to a file and read from there.
pub const MAX_STREAM_BYTES: usize = 256 << 20;

/// What is read: the kind of file, for messages, and how each chunk is vetted.
pub enum Reading {
    /// A dictionary: a stream over the bound is a `GazetteerError`.
    Dictionary,
    /// A saved tagger: a stream over the bound, or a start without gazetag's signature, is a
    /// `FormatError` (known after the first chunk, so `/dev/zero` stops at once).
    SavedTagger,
}

/// Writes `bytes` to the file at `path` with the GIL released; an OSError as Python's `open`
/// raises it, with the path as its `filename` (`std::fs::write`'s said only "Is a directory
/// (os error 21)").
pub fn write_file(py: Python<'_>, path: &Path, bytes: &[u8]) -> PyResult<()> {
    match py.detach(|| std::fs::write(path, bytes)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let Some(errno) = e.raw_os_error() else { return Err(e.into()) };
            // "Is a directory (os error 21)" -> "Is a directory", as Python writes it.
            let strerror = e.to_string();
            let strerror = strerror.split(" (os error").next().unwrap_or_default().to_owned();
            // OSError(errno, strerror, filename) is the subclass for the errno
            // (IsADirectoryError, FileNotFoundError, PermissionError, ...).
            let err = py.import("builtins")?.getattr("OSError")?.call1((
                errno,
                strerror,
                path.as_os_str(),
            ))?;
            Err(PyErr::from_value(err))
        }
    }
}

/// The signature a saved gazetag file starts with (`core::persist` checks it in full).
const SIGNATURE: &[u8] = b"GAZETAG\0";

/// Reads the file at `path` as bytes, in chunks, checking for Ctrl-C between them. OSError as
/// Python's `open` raises it (FileNotFoundError, IsADirectoryError, ... with the path).
pub fn read_file(py: Python<'_>, path: &Path, reading: Reading) -> PyResult<Vec<u8>> {
    let io = py.import("io")?;
    // Unbuffered: each `read` is one system call, which returns what a stream has so far.
    let file = io.call_method1("open", (path.as_os_str(), "rb", 0))?;
    let result = read_chunks(py, &file, path, reading);
    // A close error after a failed read would hide the reason the read failed.
    let closed = file.call_method0("close");
    let data = result?;
    closed?;
    Ok(data)
}

/// A saved tagger's file, opened as [`read_file`] opens one (the same OSError when it cannot
/// be): a regular file, left to be read in order as the tagger is made of it
/// (`persist::tagger_from_file`, on a thread of its own while the caller watches for Ctrl-C),
/// or the bytes of anything else, read as [`read_file`] reads them.
pub enum SavedFile {
    /// A regular file and its size.
    Regular(std::fs::File, u64),
    /// What a stream held.
    Bytes(Vec<u8>),
}

/// Opens the saved tagger at `path` ([`SavedFile`]).
pub fn open_saved(py: Python<'_>, path: &Path) -> PyResult<SavedFile> {
    let io = py.import("io")?;
    // The path as a str (a `Path` would be a `pathlib.Path`, whose import a first load paid:
    // 4-5 ms); `open` raises the same OSErrors with the same `filename`.
    let file = io.call_method1("open", (path.as_os_str(), "rb", 0))?;
    let result = match regular_file(&file) {
        Ok(Some((f, size))) => Ok(SavedFile::Regular(f, size)),
        Ok(None) => read_chunks(py, &file, path, Reading::SavedTagger).map(SavedFile::Bytes),
        Err(e) => Err(e),
    };
    let closed = file.call_method0("close");
    let opened = result?;
    closed?;
    Ok(opened)
}

/// The open Python file's own descriptor, duplicated into a Rust file, with its size, if it is
/// a regular file.
#[cfg(unix)]
fn regular_file(file: &Bound<'_, PyAny>) -> PyResult<Option<(std::fs::File, u64)>> {
    use std::os::fd::BorrowedFd;
    let fd: std::os::fd::RawFd = file.call_method0("fileno")?.extract()?;
    // SAFETY: `fd` is the descriptor of `file`, which stays open while it is borrowed here
    // (the caller closes it afterwards); the duplicate is a descriptor of our own.
    let owned = unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()?;
    let f = std::fs::File::from(owned);
    let meta = f.metadata()?;
    Ok(meta.is_file().then_some((f, meta.len())))
}

/// Elsewhere every file is read whole, as [`read_file`] reads it.
#[cfg(not(unix))]
fn regular_file(_file: &Bound<'_, PyAny>) -> PyResult<Option<(std::fs::File, u64)>> {
    Ok(None)
}

fn read_chunks(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    path: &Path,
    reading: Reading,
) -> PyResult<Vec<u8>> {
    let regular = std::fs::metadata(path).ok().filter(|m| m.is_file());
    if let Some(size) = regular.map(|m| m.len()) {
        return read_regular(py, file, path, size, reading);
    }
    let mut data: Vec<u8> = Vec::new();
    loop {
        let chunk = file.call_method1("read", (CHUNK_BYTES,))?;
        let chunk = chunk.cast::<PyBytes>()?.as_bytes();
        if chunk.is_empty() {
            return Ok(data);
        }
        if data.len() + chunk.len() > MAX_STREAM_BYTES {
            let message = format!(
                "{} is not a regular file and holds more than {} MiB: gazetag reads at most \
                 that much from a pipe or device; write it to a file and read that instead",
                path.display(),
                MAX_STREAM_BYTES >> 20
            );
            return Err(match reading {
                Reading::Dictionary => super::errors::gazetteer_error(py, message),
                Reading::SavedTagger => crate::core::Error::format(message).into(),
            });
        }
        data.extend_from_slice(chunk);
        vet(&data, &reading)?;
        py.check_signals()?;
    }
}

/// A saved tagger must start with gazetag's signature: one that does not is refused after the
/// first chunk, in the core's own words.
fn vet(data: &[u8], reading: &Reading) -> PyResult<()> {
    if matches!(reading, Reading::SavedTagger)
        && !SIGNATURE.starts_with(&data[..data.len().min(SIGNATURE.len())])
    {
        crate::core::persist::tagger_from_bytes(data)?;
    }
    Ok(())
}

/// A regular file of `size` bytes (as its metadata said), read straight into one buffer of
/// that size: no chunk objects, no copies as the buffer grows (issue 13: these were a third
/// of the load of the 32k `default` tagger). A file that grew since is read to its end all
/// the same; one that cannot fit in memory is a MemoryError before anything is read.
fn read_regular(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    path: &Path,
    size: u64,
    reading: Reading,
) -> PyResult<Vec<u8>> {
    // One byte more than the size, so that the read that finds the end needs no new room.
    let mut data: Vec<u8> = Vec::new();
    let room_for = |data: &mut Vec<u8>, more: usize| {
        data.try_reserve_exact(more).map_err(|_| {
            pyo3::exceptions::PyMemoryError::new_err(format!(
                "{} holds {size} bytes, more than this process can hold in memory",
                path.display()
            ))
        })
    };
    room_for(&mut data, usize::try_from(size).unwrap_or(usize::MAX).saturating_add(1))?;
    loop {
        if data.len() == data.capacity() {
            room_for(&mut data, CHUNK_BYTES)?;
        }
        let room = (data.capacity() - data.len()).min(READ_BYTES);
        // SAFETY: the view covers `room` bytes of the vector's spare capacity, which the
        // vector owns and does not touch until the view is released below; `readinto` only
        // writes to it and says how many bytes it wrote, and only those are taken into the
        // vector. Nothing else sees the view (the file is our own unbuffered `FileIO`).
        let view = unsafe {
            let start = data.as_mut_ptr().add(data.len()).cast::<std::ffi::c_char>();
            let view = pyo3::ffi::PyMemoryView_FromMemory(
                start,
                room as pyo3::ffi::Py_ssize_t,
                PYBUF_WRITE,
            );
            Bound::from_owned_ptr_or_err(py, view)?
        };
        let read = file.call_method1("readinto", (&view,));
        view.call_method0("release")?;
        // `None` only from a non-blocking file with nothing to read, which a regular file is not.
        let read: usize = read?.extract()?;
        if read > room {
            return Err(pyo3::exceptions::PyOSError::new_err(
                "a read said it read more than asked",
            ));
        }
        if read == 0 {
            return Ok(data);
        }
        // SAFETY: `readinto` wrote these `read` bytes, within the spare capacity.
        unsafe { data.set_len(data.len() + read) };
        vet(&data, &reading)?;
        py.check_signals()?;
    }
}
