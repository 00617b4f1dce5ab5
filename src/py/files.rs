//! Reading dictionaries and saved taggers from files: in chunks, through Python's own file
//! object, so that a read can be stopped with Ctrl-C and a stream cannot grow without bound
//! (issue 15.6).
//!
//! Python's `read` releases the GIL while it waits and retries an interrupted system call only
//! after running the signal handlers (PEP 475), so a FIFO that never closes or a slow network
//! file gives way to Ctrl-C, in `open` as in `read`; between chunks the signals are checked
//! once more. A regular file is read whole, however large. A stream (a FIFO, a device such as
//! `/dev/zero` behind a `.csv` name, a socket) has no size to trust, so it is read up to
//! [`MAX_STREAM_BYTES`] and refused past that.

use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// The bytes asked of each `read`.
const CHUNK_BYTES: usize = 1 << 20;

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

/// The signature a saved gazetag file starts with (`core::persist` checks it in full).
const SIGNATURE: &[u8] = b"GAZETAG\0";

/// Reads the file at `path` as bytes, in chunks, checking for Ctrl-C between them. OSError as
/// Python's `open` raises it (FileNotFoundError, IsADirectoryError, ... with the path).
pub fn read_file(py: Python<'_>, path: &Path, reading: Reading) -> PyResult<Vec<u8>> {
    let io = py.import("io")?;
    // Unbuffered: each `read` is one system call, which returns what a stream has so far.
    let file = io.call_method1("open", (path, "rb", 0))?;
    let result = read_chunks(py, &file, path, reading);
    // A close error after a failed read would hide the reason the read failed.
    let closed = file.call_method0("close");
    let data = result?;
    closed?;
    Ok(data)
}

fn read_chunks(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    path: &Path,
    reading: Reading,
) -> PyResult<Vec<u8>> {
    let regular = std::fs::metadata(path).map(|m| m.is_file()).unwrap_or(false);
    let mut data: Vec<u8> = Vec::new();
    loop {
        let chunk = file.call_method1("read", (CHUNK_BYTES,))?;
        let chunk = chunk.cast::<PyBytes>()?.as_bytes();
        if chunk.is_empty() {
            return Ok(data);
        }
        if !regular && data.len() + chunk.len() > MAX_STREAM_BYTES {
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
        if matches!(reading, Reading::SavedTagger)
            && !SIGNATURE.starts_with(&data[..data.len().min(SIGNATURE.len())])
        {
            // Not a gazetag file: the core says so in its own words.
            crate::core::persist::tagger_from_bytes(&data)?;
        }
        py.check_signals()?;
    }
}
