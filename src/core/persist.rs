//! The saved form of gazetteers and taggers, used by `save`/`load` and by pickling.
//!
//! Layout (little-endian): the 8-byte magic `GAZETAG\0`, a u16 format version, a u8 kind
//! (1 gazetteer, 2 tagger), a reserved u8, the u64 payload length, the u32 CRC-32 of the
//! payload, then the payload.
//!
//! Since format 4 a gazetteer's payload is its entities in binary (below), and a tagger's is the
//! u64 length of its options in JSON, that JSON, the u64 length of its entities, the entities,
//! then the compiled tagger (`matcher::saved`: targets, their strings, the patterns in build
//! order and the automata), so that loading parses no JSON but the options, unpacks no entity,
//! generates no key, decides no gate and builds no automaton again (issue 13).
//!
//! The entities: the u64 count of labels, each a u32 length and its UTF-8 bytes; the u64 count
//! of entities, each its label's place in that list (u32), its variant layer and its short-form
//! policy (a u8 each, 0 when unset), the u32 length of its packed block and the block, as the
//! gazetteer keeps it (id, metadata and aliases; `gazetteer::Aliases`). Every entity read is
//! checked as a new one is, on the packed form.
//!
//! Format 5 has format 4's layout; its keys fold the Turkish dotless `ı` as `i` (README rule
//! 2). A tagger saved in format 4 or before whose aliases hold an `ı` is built again when it
//! loads (its compiled part is read, and so checked, first): its keys kept the `ı`.
//!
//! Format 6 has format 5's layout; a tagger's automata are saved as tries, where formats 3 to 5
//! saved double arrays (`matcher::saved`), which still load. A gazetteer's file is as in
//! format 4.
//!
//! Format 7 has format 6's layout; a tagger's targets are saved in two tables, what the keys
//! of one alias share and each key's own part, as the tagger keeps them (`matcher::saved`).
//!
//! Format 8 has format 7's layout; a saved trie has tails (`matcher::trie`): the rest of a
//! pattern that no other shares, in bytes, not in a slot for each. Tries of format 6 and 7,
//! without tails, still load.
//!
//! Format 9 has format 8's layout; the patterns searched on the text's skeleton have no word
//! marks (a byte before each Latin word, which whole-word taggers put in them until format 8:
//! issue 13). A tagger of an older format whose skeleton patterns have them is read (and so
//! checked) as it is, then its skeleton's automaton is built again for the patterns without
//! them (`matcher::saved`).
//!
//! Format 10 has format 9's layout; folding puts the hamza of `هيأة` on the yeh. A tagger of
//! an older format with such an alias is built again when it loads.
//!
//! Format 11 has format 10's layout; folding makes the Persian and Kurdish consonants that
//! Arabic writes with its own letter that letter (`گ` is `ك`, `ڤ` is `ف`). A tagger of an
//! older format with such an alias is built again when it loads; others keep the keys they
//! were saved with, without the Arabic spellings a build makes since (`الأميركية` of
//! `الأمريكية`).
//!
//! `Tagger.load` reads a file of the current format in order, its parts through a small buffer
//! on their way into the tagger ([`tagger_from_file`]), not into one buffer of the file's size
//! first; it loads what [`tagger_from_bytes`] loads from the same bytes.
//!
//! Older formats still load: a gazetteer's payload was UTF-8 JSON before format 4; a tagger's
//! was, in formats 2 and 3, the u64 length of its JSON (options and entities), the JSON and the
//! compiled tagger (format 2 without automata: loading builds them), and in format 1 the JSON
//! alone (loading builds the whole tagger). A file that is not ours, comes from a newer format,
//! is cut short or was changed is rejected with a message that says which.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::gazetteer::{saved_label, Entity, Gazetteer, Partial};
use super::matcher::{GazetteerPart, Options, Tagger, Workers};
use super::variants::Layer;

const MAGIC: &[u8; 8] = b"GAZETAG\0";
/// The format this build writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 11;
const HEADER_LEN: usize = 8 + 2 + 1 + 1 + 8 + 4;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
/// What a saved file holds.
pub enum Kind {
    /// A gazetteer.
    Gazetteer = 1,
    /// A tagger: its gazetteer and options.
    Tagger = 2,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Gazetteer => "gazetteer",
            Kind::Tagger => "tagger",
        }
    }
}

/// A gazetteer's payload before format 4.
#[derive(Serialize, Deserialize)]
struct SavedGazetteer {
    entities: Vec<Entity>,
}

/// A tagger's JSON in formats 1 to 3.
#[derive(Serialize, Deserialize)]
struct SavedTagger {
    options: Options,
    entities: Vec<Entity>,
}

/// A tagger's JSON since format 4.
#[derive(Serialize, Deserialize)]
struct SavedOptions {
    options: Options,
}

fn corrupt(what: &str) -> Error {
    Error::format(format!("corrupt gazetag file: {what}"))
}

/// Reads the bytes of a saved file in order, every read checked: a file cut short or a
/// crafted count is a format error naming `what` was being read, never a panic or an
/// allocation larger than the file.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader of `data`, which holds `what` (for messages: "the compiled tagger").
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Self {
        Reader { data, what }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.data.len() < n {
            return Err(corrupt(&format!("{} is cut short", self.what)));
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A u64 count or length, which cannot exceed what is left to read (each item takes at
    /// least `min` bytes): a crafted count allocates nothing.
    pub(crate) fn len(&mut self, min: usize) -> Result<usize> {
        let b = self.take(8)?;
        let n = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        match usize::try_from(n) {
            Ok(n) if n.saturating_mul(min.max(1)) <= self.data.len() => Ok(n),
            _ => Err(corrupt(&format!("a count in {} runs past its end", self.what))),
        }
    }

    /// What is left to read.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.data
    }
}

/// The bytes a [`Stream`] reads at a time into its one buffer, for rows turned into the
/// tagger's own values (small enough to stay in the cache while they are).
const STREAM_CHUNK: usize = 256 << 10;

/// Reads a saved file's payload in order from `R` (issue 13: a file of hundreds of MB read into
/// one buffer first cost a million-name load a third to two thirds of its time, most of it in
/// touching that buffer's fresh pages): rows pass through one small buffer on their way to
/// the values made of them, strings and other bytes kept as they are read go straight into
/// their own buffers, and the CRC is taken as the bytes pass. Every read is checked as
/// [`Reader`]'s are, against what the header says is left: a crafted count allocates nothing.
pub(crate) struct Stream<R> {
    inner: R,
    crc: crc32fast::Hasher,
    /// The payload bytes not read yet, as the header counts them.
    left: u64,
    /// The payload's length, as the header says.
    len: u64,
    buf: Vec<u8>,
    /// Why a read failed other than by the file ending early (a read from `inner` that
    /// failed, or room for its bytes that could not be had): the load reports it as it is,
    /// not as a format error.
    failed: Option<LoadError>,
    what: &'static str,
}

impl<R: std::io::Read> Stream<R> {
    /// A stream of a payload of `len` bytes from `inner`, which holds `what` (for messages:
    /// "the tagger").
    pub(crate) fn new(inner: R, len: u64, what: &'static str) -> Self {
        let crc = crc32fast::Hasher::new();
        let (buf, failed) = (Vec::new(), None);
        Stream { inner, crc, left: len, len, buf, failed, what }
    }

    /// Fills `out` with the next bytes: a format error when the payload (as the header says)
    /// or the file ends before.
    pub(crate) fn fill(&mut self, out: &mut [u8]) -> Result<()> {
        if (out.len() as u64) > self.left {
            return Err(corrupt(&format!("{} is cut short", self.what)));
        }
        if let Err(e) = self.inner.read_exact(out) {
            let read = self.len - self.left;
            if e.kind() != std::io::ErrorKind::UnexpectedEof {
                self.failed = Some(LoadError::Io(e));
            }
            return Err(Error::format(format!(
                "truncated gazetag file: it ended after {read} of {} payload bytes",
                self.len
            )));
        }
        self.crc.update(out);
        self.left -= out.len() as u64;
        Ok(())
    }

    /// The next `n` bytes, in a buffer of their own.
    pub(crate) fn bytes(&mut self, n: usize) -> Result<Vec<u8>> {
        if (n as u64) > self.left {
            return Err(corrupt(&format!("{} is cut short", self.what)));
        }
        let mut out = self.room(n)?;
        // Zeroed by the allocator (fresh pages are), so the read is the pages' first touch.
        out.resize(n, 0);
        self.fill(&mut out)?;
        Ok(out)
    }

    /// An empty vector with room for `n` values: its counts are bounded by the file's size,
    /// not by memory (a sparse file of many GB costs no disk), so room that cannot be had is
    /// the load's MemoryError, not an abort.
    pub(crate) fn room<T>(&mut self, n: usize) -> Result<Vec<T>> {
        let mut out = Vec::new();
        out.try_reserve_exact(n).map_err(|_| self.too_big())?;
        Ok(out)
    }

    /// The error of a load whose parts need more room than can be had (a MemoryError for
    /// Python, said with the file's size).
    pub(crate) fn too_big(&mut self) -> Error {
        self.failed = Some(LoadError::TooBig(self.len + HEADER_LEN as u64));
        corrupt(&format!("{} is too big", self.what))
    }

    /// The next `n` bytes, in the stream's own buffer: for bytes needed only until the next
    /// read. (A buffer of a few MB freed during a load raises glibc's threshold for mapping
    /// blocks of their own, and a 1M `default` load then kept 357 MB of RSS, 344 MB with the
    /// trie's order read here, 328 MB with the threshold fixed; the stream's buffer is freed
    /// when the load is done.)
    pub(crate) fn scratch(&mut self, n: usize) -> Result<&[u8]> {
        if (n as u64) > self.left {
            return Err(corrupt(&format!("{} is cut short", self.what)));
        }
        let mut buf = std::mem::take(&mut self.buf);
        if buf.len() < n {
            if buf.try_reserve_exact(n - buf.len()).is_err() {
                self.buf = buf;
                return Err(self.too_big());
            }
            buf.resize(n, 0);
        }
        let filled = self.fill(&mut buf[..n]);
        self.buf = buf;
        filled.map(|()| &self.buf[..n])
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        let mut b = [0u8; 1];
        self.fill(&mut b)?;
        Ok(b[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    /// A u64 count or length, which cannot exceed what is left to read (each item takes at
    /// least `min` bytes), as [`Reader::len`].
    pub(crate) fn len(&mut self, min: usize) -> Result<usize> {
        let mut b = [0u8; 8];
        self.fill(&mut b)?;
        match usize::try_from(u64::from_le_bytes(b)) {
            Ok(n) if (n.saturating_mul(min.max(1)) as u64) <= self.left => Ok(n),
            _ => Err(corrupt(&format!("a count in {} runs past its end", self.what))),
        }
    }

    /// Hands `each` the next `n` rows of `size` bytes, one at a time, read through the
    /// stream's buffer.
    pub(crate) fn rows(
        &mut self,
        n: usize,
        size: usize,
        mut each: impl FnMut(&[u8]) -> Result<()>,
    ) -> Result<()> {
        if (n.saturating_mul(size) as u64) > self.left || size == 0 {
            return Err(corrupt(&format!("{} is cut short", self.what)));
        }
        let mut buf = std::mem::take(&mut self.buf);
        let per = (STREAM_CHUNK / size).max(1);
        buf.resize(per * size, 0);
        let mut done = 0;
        let result = loop {
            if done == n {
                break Ok(());
            }
            let k = per.min(n - done);
            if let Err(e) = self.fill(&mut buf[..k * size]) {
                break Err(e);
            }
            if let Err(e) = buf[..k * size].chunks_exact(size).try_for_each(&mut each) {
                break Err(e);
            }
            done += k;
        };
        self.buf = buf;
        result
    }

    /// Whether all of the payload has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.left == 0
    }

    /// After the payload is read (or reading it failed with `parsed`): the file's own errors
    /// first, as [`decode`] finds them before anything is parsed - it goes on past the
    /// payload (extra bytes), ends before it (truncated), or its checksum is wrong - then a
    /// read that failed, then `parsed`'s error.
    fn finish<T>(mut self, crc: u32, parsed: Result<T>) -> std::result::Result<T, LoadError> {
        let mut rest = std::mem::take(&mut self.buf);
        rest.resize(STREAM_CHUNK, 0);
        let mut cut_short = None;
        while self.left > 0 && self.failed.is_none() {
            let k = (self.left.min(STREAM_CHUNK as u64)) as usize;
            if let Err(e) = self.fill(&mut rest[..k]) {
                cut_short = Some(e);
                break;
            }
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let file_error = if let Some(e) = cut_short {
            Some(e)
        } else if !matches!(self.inner.read(&mut rest[..1]), Ok(0)) {
            // (A read that fails here finds the file changed under the load, as one longer.)
            Some(Error::format("corrupt gazetag file: extra bytes after the payload"))
        } else if self.crc.clone().finalize() != crc {
            Some(Error::format("corrupt gazetag file: checksum mismatch"))
        } else {
            None
        };
        match file_error {
            Some(e) => Err(LoadError::Format(e)),
            None => parsed.map_err(LoadError::Format),
        }
    }
}

/// Why a saved file did not load: it could not be read, or what it holds is not a tagger of
/// this version's format (a format error).
#[derive(Debug)]
pub enum LoadError {
    /// Reading the file failed (an OSError for Python).
    Io(std::io::Error),
    /// The file holds this many bytes, more than this process can hold in memory (a
    /// MemoryError for Python): said before it is read, or when room for a part it says it
    /// holds cannot be had.
    TooBig(u64),
    /// What it holds is not a saved tagger, or is corrupt (a FormatError).
    Format(Error),
}

/// A tagger from its saved file, `file` holding `size` bytes (as its metadata said), read in
/// order through a small buffer ([`Stream`]) where its format is the current one: it loads the
/// tagger [`tagger_from_bytes`] loads from the same bytes, or fails with the error that gives.
/// A file of an older format, or not a tagger at all, is read whole and given to it.
pub fn tagger_from_file<R: std::io::Read + Send>(
    mut file: R,
    size: u64,
) -> std::result::Result<Tagger, LoadError> {
    // A file that cannot be held in memory is refused before it is read, as when every file
    // was read whole; its parts take about as much room as its bytes. (Room is asked only past
    // 32 MiB: glibc takes a freed block up to that size as the size to serve from its heap
    // from then on, which the load's next buffers would be.)
    let fits = size <= 32 << 20
        || usize::try_from(size).is_ok_and(|n| Vec::<u8>::new().try_reserve_exact(n).is_ok());
    if !fits {
        return Err(LoadError::TooBig(size));
    }
    let mut header = [0u8; HEADER_LEN];
    let mut got = 0;
    while got < HEADER_LEN {
        match file.read(&mut header[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(LoadError::Io(e)),
        }
    }
    let len = u64::from_le_bytes(header[12..20].try_into().unwrap_or_default());
    let current = got == HEADER_LEN
        && &header[..8] == MAGIC
        && u16::from_le_bytes([header[8], header[9]]) == FORMAT_VERSION
        && header[10] == Kind::Tagger as u8
        && size.checked_sub(HEADER_LEN as u64) == Some(len);
    if !current {
        // The rest read whole, as `Tagger.load` always read a file: its header decides.
        let mut bytes = header[..got].to_vec();
        if got == HEADER_LEN {
            let more = usize::try_from(size).unwrap_or(usize::MAX).saturating_sub(got);
            bytes.try_reserve_exact(more).map_err(|_| LoadError::TooBig(size))?;
            file.read_to_end(&mut bytes).map_err(LoadError::Io)?;
        }
        return tagger_from_bytes(&bytes).map_err(LoadError::Format);
    }
    let crc = u32::from_le_bytes(header[20..24].try_into().unwrap_or_default());
    let mut stream = Stream::new(file, len, "the tagger");
    let parsed = Workers::on_cores(|| tagger_streamed(&mut stream)).and_then(|t| t);
    stream.finish(crc, parsed)
}

/// The tagger of a file of the current format, its payload read from `s` ([`tagger_from`]).
fn tagger_streamed<R: std::io::Read + Send>(s: &mut Stream<R>) -> Result<Tagger> {
    let section = |s: &mut Stream<R>| {
        let n = s.len(1).map_err(|_| corrupt("the tagger's parts do not add up"))?;
        s.bytes(n)
    };
    let json = section(s)?;
    let entities = section(s)?;
    let options = from_json::<SavedOptions>(&json)?.options;
    // The entities are unpacked on one core while the compiled part is read on the other;
    // what the tagger works out from them alone, there too.
    let (gazetteer, part) = rayon::join(
        || {
            read_entities_keeping(&entities, true)
                .map(|(g, affiliated, spent)| (Tagger::gazetteer_part_among(g, &affiliated), spent))
        },
        || {
            s.what = "the compiled tagger";
            let part = Tagger::read_compiled_from(s, FORMAT_VERSION);
            s.what = "the tagger";
            part
        },
    );
    let (gazetteer, spent) = gazetteer?;
    let tagger = Tagger::from_parts(gazetteer, options, part?);
    drop(spent);
    tagger
}

/// The file of `kind` whose payload `out` holds after `HEADER_LEN` bytes, with its header
/// written there: a payload written in place is not copied (issue 13: a saved tagger of a
/// million aliases is hundreds of MB).
fn seal(kind: Kind, mut out: Vec<u8>) -> Vec<u8> {
    let payload = &out[HEADER_LEN..];
    let (len, crc) = (payload.len() as u64, crc32fast::hash(payload));
    let mut header = [0u8; HEADER_LEN];
    header[..8].copy_from_slice(MAGIC);
    header[8..10].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    header[10] = kind as u8;
    header[12..20].copy_from_slice(&len.to_le_bytes());
    header[20..24].copy_from_slice(&crc.to_le_bytes());
    out[..HEADER_LEN].copy_from_slice(&header);
    out
}

/// The payload of a file of `kind`, and the format version it was written in.
fn decode(bytes: &[u8], kind: Kind) -> Result<(&[u8], u16)> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::format(
            "not a gazetag file: it does not start with the gazetag signature",
        ));
    }
    if bytes.len() < HEADER_LEN {
        return Err(Error::format("truncated gazetag file: the header is incomplete"));
    }
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let version = u16_at(8);
    if version == 0 || version > FORMAT_VERSION {
        return Err(Error::format(format!(
            "gazetag file format {version} is not supported: this version of gazetag reads format \
             {FORMAT_VERSION}; upgrade gazetag or save the file again"
        )));
    }
    let found = bytes[10];
    if found != kind as u8 {
        let found_name = match found {
            1 => "a gazetteer",
            2 => "a tagger",
            _ => "an unknown kind of object",
        };
        return Err(Error::format(format!(
            "this gazetag file holds {found_name}, not a {}",
            kind.name()
        )));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[12..20]);
    let len = u64::from_le_bytes(len);
    let mut crc = [0u8; 4];
    crc.copy_from_slice(&bytes[20..24]);
    let crc = u32::from_le_bytes(crc);
    let payload = &bytes[HEADER_LEN..];
    if (payload.len() as u64) < len {
        return Err(Error::format(format!(
            "truncated gazetag file: {} of {len} payload bytes present",
            payload.len()
        )));
    }
    if (payload.len() as u64) > len {
        return Err(Error::format("corrupt gazetag file: extra bytes after the payload"));
    }
    if crc32fast::hash(payload) != crc {
        return Err(Error::format("corrupt gazetag file: checksum mismatch"));
    }
    Ok((payload, version))
}

fn from_json<'a, T: Deserialize<'a>>(payload: &'a [u8]) -> Result<T> {
    serde_json::from_slice(payload).map_err(|e| Error::format(format!("corrupt gazetag file: {e}")))
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing our own plain structs to a Vec cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Appends a u64 length and the bytes `write` appends after it.
fn put_section(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    write(out);
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

/// A gazetteer in the saved format.
pub fn gazetteer_to_bytes(g: &Gazetteer) -> Vec<u8> {
    let mut out = vec![0u8; HEADER_LEN];
    write_entities(g.entities(), &mut out);
    seal(Kind::Gazetteer, out)
}

/// A gazetteer from the saved format; a corrupt file is a format error.
pub fn gazetteer_from_bytes(bytes: &[u8]) -> Result<Gazetteer> {
    Workers::on_cores(|| gazetteer_from(bytes))?
}

fn gazetteer_from(bytes: &[u8]) -> Result<Gazetteer> {
    match decode(bytes, Kind::Gazetteer)? {
        (payload, 4..) => read_entities(payload, false).map(|(g, _)| g),
        (payload, _) => revalidate(from_json::<SavedGazetteer>(payload)?.entities),
    }
}

/// A tagger in the saved format.
pub fn tagger_to_bytes(t: &Tagger) -> Vec<u8> {
    let mut out = vec![0u8; HEADER_LEN];
    put_section(&mut out, |out| out.extend(to_json(&SavedOptions { options: t.options() })));
    put_section(&mut out, |out| write_entities(t.gazetteer().entities(), out));
    t.write_compiled(&mut out);
    seal(Kind::Tagger, out)
}

/// A tagger from the saved format; a corrupt file is a format error.
pub fn tagger_from_bytes(bytes: &[u8]) -> Result<Tagger> {
    // Its parts are read on every core of the process's pool (not rayon's global one, which a
    // forked child cannot use).
    Workers::on_cores(|| tagger_from(bytes))?
}

fn tagger_from(bytes: &[u8]) -> Result<Tagger> {
    let (payload, version) = decode(bytes, Kind::Tagger)?;
    if version == 1 {
        let saved: SavedTagger = from_json(payload)?;
        return Tagger::build(revalidate(saved.entities)?, saved.options);
    }
    let mut r = Reader::new(payload, "the tagger");
    let mut section = || {
        let n = r.len(1).map_err(|_| corrupt("the tagger's parts do not add up"))?;
        r.take(n)
    };
    let json = section()?;
    let entities = if version >= 4 { Some(section()?) } else { None };
    let compiled = r.rest();
    // The gazetteer and the compiled part are read at once, each on a core (issue 13).
    let (saved, part) = rayon::join(
        || -> Result<(GazetteerPart, Options)> {
            match entities {
                Some(entities) => {
                    let options = from_json::<SavedOptions>(json)?.options;
                    let (gazetteer, affiliated) = read_entities(entities, true)?;
                    Ok((Tagger::gazetteer_part_among(gazetteer, &affiliated), options))
                }
                None => {
                    let saved: SavedTagger = from_json(json)?;
                    Ok((Tagger::gazetteer_part(revalidate(saved.entities)?), saved.options))
                }
            }
        },
        || Tagger::read_compiled(compiled, version),
    );
    let (gazetteer, options) = saved?;
    let part = part?;
    // Keys before format 5 kept the dotless ı that folding now makes an i.
    let dotless = |g: &Gazetteer| {
        g.entities().iter().any(|e| e.aliases.iter().any(|a| a.text.contains('\u{131}')))
    };
    // Keys before format 10 kept the hamza of `هيأة` on its alef; folding now puts it on the
    // yeh, as `هيئة` has it.
    let seated = |g: &Gazetteer| {
        g.entities()
            .iter()
            .any(|e| e.aliases.iter().any(|a| crate::core::fold::has_hamza_seat_on_alef(a.text)))
    };
    // Keys before format 11 kept the Persian and Kurdish consonants that folding now makes
    // their Arabic twins (`گ` is `ك`).
    let persian = |g: &Gazetteer| {
        g.entities()
            .iter()
            .any(|e| e.aliases.iter().any(|a| crate::core::fold::has_persian_consonant(a.text)))
    };
    if version < 5 && dotless(gazetteer.gazetteer())
        || version < 10 && seated(gazetteer.gazetteer())
        || version < 11 && persian(gazetteer.gazetteer())
    {
        return Tagger::build(gazetteer.into_gazetteer(), options);
    }
    Tagger::from_parts(gazetteer, options, part)
}

fn layer_code(layer: Option<Layer>) -> u8 {
    match layer {
        None => 0,
        Some(Layer::None) => 1,
        Some(Layer::Default) => 2,
        Some(Layer::Aggressive) => 3,
    }
}

fn layer_of(code: u8) -> Result<Option<Layer>> {
    Ok(match code {
        0 => None,
        1 => Some(Layer::None),
        2 => Some(Layer::Default),
        3 => Some(Layer::Aggressive),
        _ => return Err(corrupt("an entity's variant layer is unknown")),
    })
}

fn partial_code(partial: Option<Partial>) -> u8 {
    match partial {
        None => 0,
        Some(Partial::Free) => 1,
        Some(Partial::Licensed) => 2,
        Some(Partial::Off) => 3,
    }
}

fn partial_of(code: u8) -> Result<Option<Partial>> {
    Ok(match code {
        0 => None,
        1 => Some(Partial::Free),
        2 => Some(Partial::Licensed),
        3 => Some(Partial::Off),
        _ => return Err(corrupt("an entity's short-form policy is unknown")),
    })
}

/// The bytes an entity takes at least: label, two settings, block length.
const ENTITY_MIN: usize = 4 + 1 + 1 + 4;

/// Appends `entities` in the layout of the module docs.
fn write_entities(entities: &[Entity], out: &mut Vec<u8>) {
    let mut places: HashMap<&str, u32> = HashMap::new();
    let mut labels: Vec<&str> = Vec::new();
    let label_of: Vec<u32> = entities
        .iter()
        .map(|e| {
            *places.entry(e.label()).or_insert_with(|| {
                labels.push(e.label());
                (labels.len() - 1) as u32
            })
        })
        .collect();
    let blocks: usize = entities.iter().map(|e| e.packed().len()).sum();
    out.reserve(16 + entities.len() * ENTITY_MIN + blocks);
    out.extend_from_slice(&(labels.len() as u64).to_le_bytes());
    for label in labels {
        out.extend_from_slice(&(label.len() as u32).to_le_bytes());
        out.extend_from_slice(label.as_bytes());
    }
    out.extend_from_slice(&(entities.len() as u64).to_le_bytes());
    for (e, label) in entities.iter().zip(label_of) {
        out.extend_from_slice(&label.to_le_bytes());
        out.push(layer_code(e.variants()));
        out.push(partial_code(e.partial()));
        // A packed block is at most 4 GB (`Aliases::pack`).
        out.extend_from_slice(&(e.packed().len() as u32).to_le_bytes());
        out.extend_from_slice(e.packed());
    }
}

/// The gazetteer of the entities `write_entities` wrote, each checked as a new one is; with
/// `find_affiliated`, which of them have the meta key `affiliation` (their indices, in order:
/// see [`Tagger::gazetteer_part_among`]), else none.
fn read_entities(bytes: &[u8], find_affiliated: bool) -> Result<(Gazetteer, Vec<u32>)> {
    read_entities_keeping(bytes, find_affiliated).map(|(g, affiliated, _spent)| (g, affiliated))
}

/// An entity's saved fields, as read before it is checked: its packed block, label, variant
/// layer and short-form policy.
type SavedEntity<'a> = (&'a [u8], Option<Arc<str>>, Option<Layer>, Option<Partial>);

/// The buffers [`read_entities_keeping`] used (emptied), for its caller to free.
struct Spent<'a> {
    _saved: Vec<SavedEntity<'a>>,
    _checked: Vec<Result<(Entity, u64, bool)>>,
}

/// [`read_entities`], with the buffers it used, which a load frees once the tagger is made: a
/// buffer of a few MB freed while the rest of a file is read makes glibc take the next buffers
/// of that size from a thread's heap, whose free top it does not give back (the section on
/// loads in bench/README).
fn read_entities_keeping(
    bytes: &[u8],
    find_affiliated: bool,
) -> Result<(Gazetteer, Vec<u32>, Spent<'_>)> {
    use rayon::prelude::*;
    let mut r = Reader::new(bytes, "the entities");
    let n = r.len(4)?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.u32()? as usize;
        let label =
            std::str::from_utf8(r.take(len)?).map_err(|_| corrupt("a label is not UTF-8"))?;
        labels.push(saved_label(label).map_err(|e| corrupt(e.message()))?);
    }
    let n = r.len(ENTITY_MIN)?;
    let mut saved: Vec<SavedEntity> = Vec::with_capacity(n);
    for _ in 0..n {
        let label = labels
            .get(r.u32()? as usize)
            .ok_or_else(|| corrupt("an entity's label is not in the list of labels"))?;
        let (variants, partial) = (layer_of(r.u8()?)?, partial_of(r.u8()?)?);
        let len = r.u32()? as usize;
        // The label's count is raised here, on one core, not by every core at once (a few
        // shared counts, raised once an entity).
        saved.push((r.take(len)?, Some(Arc::clone(label)), variants, partial));
    }
    if !r.rest().is_empty() {
        return Err(corrupt("extra bytes after the entities"));
    }
    // Checked on every core, each id hashed there too, and for a tagger each entity's meta
    // asked for the key of its affiliations (asked after, each would be fetched from memory
    // again: a million took 26 ms); the first entity that fails is the one reported.
    let hasher = Gazetteer::id_hasher();
    let mut checked: Vec<Result<(Entity, u64, bool)>> = saved
        .par_iter_mut()
        .map(|(block, label, v, p)| {
            // Each label is taken once (its count moved, not raised again).
            let label = label.take().ok_or_else(|| corrupt("an entity read twice"))?;
            let e = Entity::from_saved(block, label, *v, *p)?;
            let hash = Gazetteer::hash_id(&hasher, &e);
            let has_key = find_affiliated && e.has_meta_key("affiliation");
            Ok((e, hash, has_key))
        })
        .collect();
    saved.clear();
    let mut affiliated = Vec::new();
    let entities = checked.drain(..).enumerate().map(|(i, checked)| {
        checked.map(|(e, hash, has)| {
            if has {
                affiliated.push(i as u32);
            }
            (e, hash)
        })
    });
    let g = Gazetteer::from_hashed(hasher, entities).map_err(|e| corrupt(e.message()))?;
    Ok((g, affiliated, Spent { _saved: saved, _checked: checked }))
}

/// Entities from a file pass the same checks as new ones: a file is input like any other.
fn revalidate(entities: Vec<Entity>) -> Result<Gazetteer> {
    use rayon::prelude::*;
    // Checked on every core; the first entity that fails is the one reported.
    gazetteer_of(entities.into_par_iter().map(Entity::revalidated).collect())
}

/// The gazetteer of checked entities, or the first failure, as a format error.
fn gazetteer_of(checked: Vec<Result<Entity>>) -> Result<Gazetteer> {
    let checked =
        checked.into_iter().collect::<Result<Vec<_>>>().map_err(|e| corrupt(e.message()))?;
    Gazetteer::from_entities(checked).map_err(|e| corrupt(e.message()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::gazetteer::{Alias, Meta};

    /// The file of `kind` around `payload`.
    fn encode(kind: Kind, payload: Vec<u8>) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.resize(HEADER_LEN, 0);
        out.extend_from_slice(&payload);
        seal(kind, out)
    }

    fn sample() -> Tagger {
        let mut meta = Meta::new();
        meta.insert("country".into(), "IQ".into());
        let e = Entity::new(
            "k1",
            "K1 Air Base",
            "BASE",
            [
                Alias::new("K-1", Some(true)),
                Alias::new("K One", None)
                    .with_ambiguous(Some(true))
                    .with_partial(Some(Partial::Off)),
            ],
            meta,
        )
        .unwrap()
        .with_partial(Some(Partial::Licensed))
        .with_variants(Some(crate::core::variants::Layer::Aggressive));
        let options = Options { overlapping: true, ..Options::default() };
        Tagger::build(Gazetteer::from_entities([e]).unwrap(), options).unwrap()
    }

    #[test]
    fn round_trips() {
        let t = sample();
        let bytes = tagger_to_bytes(&t);
        // Written in place, the file is the one `encode` makes of its payload.
        assert_eq!(encode(Kind::Tagger, bytes[HEADER_LEN..].to_vec()), bytes);
        let back = tagger_from_bytes(&bytes).unwrap();
        assert_eq!(back.gazetteer(), t.gazetteer());
        assert_eq!(back.options(), t.options());
        let g = gazetteer_from_bytes(&gazetteer_to_bytes(t.gazetteer())).unwrap();
        assert_eq!(&g, t.gazetteer());
    }

    #[test]
    fn rejects_foreign_truncated_corrupt_newer_and_wrong_kind() {
        let good = tagger_to_bytes(&sample());
        let mut newer = good.clone();
        newer[8] = 99;
        let mut flipped = good.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x20;
        let mut longer = good.clone();
        longer.push(b'x');
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"PK\x03\x04 zip".to_vec(), "not a gazetag file"),
            (Vec::new(), "not a gazetag file"),
            (good[..10].to_vec(), "header is incomplete"),
            (good[..good.len() - 1].to_vec(), "truncated"),
            (newer, "format 99 is not supported"),
            (flipped, "checksum mismatch"),
            (longer, "extra bytes"),
            (gazetteer_to_bytes(sample().gazetteer()), "holds a gazetteer, not a tagger"),
        ];
        for (bytes, fragment) in cases {
            let err = tagger_from_bytes(&bytes).unwrap_err();
            assert!(err.message().contains(fragment), "{fragment}: got {err}");
        }
        // Every cut of a valid file is rejected, never a panic.
        for n in 0..good.len() {
            assert!(tagger_from_bytes(&good[..n]).is_err());
        }
    }

    /// What loading `data` as a file of `size` bytes gives: the saved bytes of the tagger, or
    /// the message of the format error.
    fn from_file(data: &[u8], size: u64) -> std::result::Result<Vec<u8>, String> {
        match tagger_from_file(data, size) {
            Ok(t) => Ok(tagger_to_bytes(&t)),
            Err(LoadError::Format(e)) => Err(e.message().to_owned()),
            Err(e) => panic!("{e:?}"),
        }
    }

    fn from_bytes(data: &[u8]) -> std::result::Result<Vec<u8>, String> {
        tagger_from_bytes(data).map(|t| tagger_to_bytes(&t)).map_err(|e| e.message().to_owned())
    }

    /// A reader of `data` whose reads fail once `at` bytes have been read.
    struct Failing<'a> {
        data: &'a [u8],
        at: usize,
    }

    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.at == 0 {
                return Err(std::io::Error::other("the disk is on fire"));
            }
            let n = buf.len().min(self.at).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            (self.data, self.at) = (&self.data[n..], self.at - n);
            Ok(n)
        }
    }

    #[test]
    fn a_file_read_in_order_loads_what_its_bytes_load_and_fails_as_they_do() {
        // The current format, read in order, and format 1, read whole.
        let older = encode_v1(Kind::Tagger, br#"{"options": {}, "entities": []}"#.to_vec());
        for good in [tagger_to_bytes(&sample()), older] {
            let size = good.len() as u64;
            assert_eq!(from_file(&good, size), from_bytes(&good));
            assert!(from_file(&good, size).is_ok());
            for n in 0..good.len() {
                // Cut short before the load (its size says so) and while it reads (the size
                // said more).
                assert_eq!(from_file(&good[..n], n as u64), from_bytes(&good[..n]), "{n}");
                let err = from_file(&good[..n], size).unwrap_err();
                let ok = ["truncated", "not a gazetag file", "header is incomplete"];
                assert!(ok.iter().any(|f| err.contains(f)), "{n}: {err}");
            }
            for i in 0..good.len() {
                let mut bad = good.clone();
                bad[i] ^= 0x24;
                assert_eq!(from_file(&bad, size), from_bytes(&bad), "byte {i}");
            }
            // Longer than it was when the load began.
            let mut longer = good.clone();
            longer.extend_from_slice(b"more");
            let err = from_file(&longer, size).unwrap_err();
            assert!(
                err.contains("extra bytes after the payload") || err.contains("extra"),
                "{err}"
            );
            assert!(from_file(&longer, size + 4).is_err());
            // A size no process can hold: said before a byte is read.
            let err = tagger_from_file(Failing { data: &good, at: 0 }, u64::MAX);
            assert!(matches!(err, Err(LoadError::TooBig(u64::MAX))), "{err:?}");
            // A read that fails is the reader's error, wherever it fails.
            for at in [0, 5, 24, 40, good.len() / 2, good.len() - 1] {
                let failing = Failing { data: &good, at };
                assert!(matches!(tagger_from_file(failing, size), Err(LoadError::Io(_))), "{at}");
            }
        }
    }

    #[test]
    fn room_that_cannot_be_had_is_a_memory_error_not_an_abort() {
        // Counts are bounded by the file's size, which a sparse file makes as big as it likes.
        let mut s = Stream::new(&[][..], 10, "the tagger");
        assert!(s.room::<u64>(usize::MAX / 16).is_err());
        assert!(matches!(s.finish(0, Ok(())), Err(LoadError::TooBig(34))));
    }

    /// A saved tagger whose one entity has this meta value and alias, framed and checksummed
    /// as `save` would: what a crafted file can hold.
    fn crafted(meta: &str, alias: &str) -> Vec<u8> {
        let payload = format!(
            r#"{{"options": {{}}, "entities": [{{"id": "x", "name": "X", "label": "L", "aliases": [{{"text": "X"}}, {{"text": {alias:?}}}], "meta": {meta}}}]}}"#
        );
        encode_v1(Kind::Tagger, payload.into_bytes())
    }

    /// A file of format 1, whose tagger payload is JSON alone.
    fn encode_v1(kind: Kind, payload: Vec<u8>) -> Vec<u8> {
        let mut out = encode(kind, payload);
        out[8..10].copy_from_slice(&1u16.to_le_bytes());
        out
    }

    #[test]
    fn what_is_saved_loads_and_what_cannot_be_added_does_not() {
        use crate::core::gazetteer::{ALIAS_MAX_CHARS, META_MAX_DEPTH};
        let nested = |levels: usize| {
            format!("{}{}", r#"{"k": "#.repeat(levels - 1) + "{}", "}".repeat(levels - 1))
        };
        // Meta at the limit saves and loads, as a tagger and as a gazetteer (issue 15.7).
        let t = tagger_from_bytes(&crafted(&nested(META_MAX_DEPTH), "Y")).unwrap();
        let bytes = tagger_to_bytes(&t);
        // Written in place, the file is the one `encode` makes of its payload.
        assert_eq!(encode(Kind::Tagger, bytes[HEADER_LEN..].to_vec()), bytes);
        let back = tagger_from_bytes(&bytes).unwrap();
        assert_eq!(back.gazetteer(), t.gazetteer());
        let g = gazetteer_from_bytes(&gazetteer_to_bytes(t.gazetteer())).unwrap();
        assert_eq!(&g, t.gazetteer());
        // Deeper meta, a huge alias: refused by name, as `add` refuses them (issues 15.5, 15.7).
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (crafted(&nested(META_MAX_DEPTH + 1), "Y"), "meta is nested more than 64 levels"),
            (crafted(&nested(100), "Y"), "meta is nested more than 64 levels"),
            // Deeper than the JSON reader goes: no save makes it.
            (crafted(&nested(125), "Y"), "recursion limit exceeded"),
            (crafted("{}", &"ab".repeat(ALIAS_MAX_CHARS)), "an alias may have at most 1000"),
            (crafted("{}", "Y\nb"), ""),
        ];
        for (bytes, fragment) in cases {
            match tagger_from_bytes(&bytes) {
                Err(err) => {
                    assert!(err.message().starts_with("corrupt gazetag file: "), "{err}");
                    assert!(err.message().contains(fragment), "{fragment}: {err}");
                }
                // An alias may hold a line break; only ids, names and labels may not.
                Ok(t) => assert_eq!(fragment, "", "{:?}", t.gazetteer()),
            }
        }
        // 100k aliases of one entity load as one entity (issue 15.4).
        let aliases: Vec<String> =
            (0..100_000).map(|i| format!("{{\"text\": \"a{i}\"}}")).collect();
        let payload = format!(
            r#"{{"entities": [{{"id": "x", "name": "X", "label": "L", "aliases": [{}]}}]}}"#,
            aliases.join(", ")
        );
        let g = gazetteer_from_bytes(&encode_v1(Kind::Gazetteer, payload.into_bytes())).unwrap();
        assert_eq!(g.alias_count(), 100_001);
    }

    #[test]
    fn a_well_framed_payload_with_bad_content_is_rejected() {
        let bad = encode_v1(Kind::Tagger, br#"{"options": {}, "entities": [{"id": "", "name": "x", "label": "L", "aliases": []}]}"#.to_vec());
        let err = tagger_from_bytes(&bad).unwrap_err();
        assert!(err.message().contains("corrupt gazetag file"), "{err}");
    }

    // Format 4: entities in binary (issue 13).

    /// Entities with a bit of everything: settings on aliases and entities, labels shared,
    /// meta of every kind of value, Arabic and accented text.
    fn varied() -> Gazetteer {
        let meta = |json: &str| serde_json::from_str::<Meta>(json).unwrap();
        let layers = [None, Some(Layer::None), Some(Layer::Default), Some(Layer::Aggressive)];
        let partials = [None, Some(Partial::Free), Some(Partial::Licensed), Some(Partial::Off)];
        let metas = [
            "{}",
            r#"{"country": "IQ"}"#,
            r#"{"n": 18446744073709551615, "i": -3, "f": -2.5e-7, "z": 0, "b": [true, false, null]}"#,
            r#"{"deep": {"a": [{"b": {"c": [1.5, {"d": "\u0643"}]}}], "e": {}, "l": []}, "s": ""}"#,
        ];
        let entities = (0..12).map(|i| {
            let aliases = [
                Alias::new(format!("Alias {i}"), [None, Some(true), Some(false)][i % 3])
                    .with_variants(layers[i % 4])
                    .with_ambiguous([None, Some(true), Some(false)][(i + 1) % 3])
                    .with_partial(partials[(i + 2) % 4]),
                Alias::new("\u{0643}\u{062a}\u{0627}\u{0626}\u{0628} \u{0645}", None),
                Alias::new("Kāẓimī’s", None),
                Alias::new("x".repeat(30 + i), None),
            ];
            let label = ["PERSON", "BASE", "MILITIA"][i % 3];
            Entity::new(format!("e-{i}"), format!("Name {i}"), label, aliases, meta(metas[i % 4]))
                .unwrap()
                .with_variants(layers[(i + 1) % 4])
                .with_partial(partials[(i + 3) % 4])
        });
        Gazetteer::from_entities(entities).unwrap()
    }

    /// What `load` requires of every entity read: that `Entity::new` makes the same one of its
    /// parts, packed to the same bytes.
    fn assert_could_be_added(g: &Gazetteer) {
        for e in g.entities() {
            let again = e.clone().revalidated().unwrap();
            assert_eq!(again.packed(), e.packed(), "{e:?}");
            assert_eq!(&again, e);
        }
    }

    #[test]
    fn entities_are_saved_in_binary_and_read_back_as_they_were() {
        let g = varied();
        let bytes = gazetteer_to_bytes(&g);
        assert_eq!(bytes[8], FORMAT_VERSION as u8);
        assert!(!bytes.windows(7).any(|w| w == b"\"label\""), "no JSON");
        let back = gazetteer_from_bytes(&bytes).unwrap();
        assert_eq!(back, g);
        for (a, b) in back.entities().iter().zip(g.entities()) {
            assert_eq!(
                (a.packed(), a.variants(), a.partial()),
                (b.packed(), b.variants(), b.partial())
            );
            assert_eq!(
                serde_json::to_string(&a.meta()).unwrap(),
                serde_json::to_string(&b.meta()).unwrap()
            );
        }
        assert_eq!(back.get("e-7").map(Entity::name), Some("Name 7"));
        assert_could_be_added(&back);
        // The same entities in a tagger, and a gazetteer of format 3 (JSON) still loads.
        let t = Tagger::build(g.clone(), Options::default()).unwrap();
        let loaded = tagger_from_bytes(&tagger_to_bytes(&t)).unwrap();
        assert_eq!(loaded.gazetteer(), &g);
        let text = "Alias 4 and Name 5 met at Kāẓimī’s";
        assert_eq!(loaded.tag(text).unwrap(), t.tag(text).unwrap());
        let mut v3 =
            encode(Kind::Gazetteer, to_json(&SavedGazetteer { entities: g.entities().to_vec() }));
        v3[8] = 3;
        let crc = crc32fast::hash(&v3[HEADER_LEN..]);
        v3[20..24].copy_from_slice(&crc.to_le_bytes());
        assert_eq!(gazetteer_from_bytes(&v3).unwrap(), g);
    }

    #[test]
    fn every_cut_and_changed_byte_of_the_entities_is_refused_or_loads_what_could_be_added() {
        let g = varied();
        let payload = gazetteer_to_bytes(&g)[HEADER_LEN..].to_vec();
        // Checksums made again, so that each reaches the entity reader.
        for n in 0..payload.len() {
            let err = gazetteer_from_bytes(&encode(Kind::Gazetteer, payload[..n].to_vec()));
            let err = err.unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{n}: {err}");
        }
        let (mut refused, mut loaded) = (0, 0);
        for i in 0..payload.len() {
            for flip in [0x01, 0x20, 0xff] {
                let mut bad = payload.clone();
                bad[i] ^= flip;
                match gazetteer_from_bytes(&encode(Kind::Gazetteer, bad)) {
                    Err(err) => {
                        assert!(err.message().starts_with("corrupt gazetag file: "), "{err}");
                        refused += 1;
                    }
                    Ok(back) => {
                        assert_could_be_added(&back);
                        loaded += 1;
                    }
                }
            }
        }
        // A changed letter of a text loads: the checksum is what catches it.
        assert!(refused > 0 && loaded > 0, "{refused} {loaded}");
        // And in a tagger file: every cut of its payload, and a changed byte in its entities.
        let t = Tagger::build(g, Options::default()).unwrap();
        let payload = tagger_to_bytes(&t)[HEADER_LEN..].to_vec();
        for n in (0..payload.len()).step_by(3) {
            let err = tagger_from_bytes(&encode(Kind::Tagger, payload[..n].to_vec())).unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{n}: {err}");
        }
        let json = u64::from_le_bytes(payload[..8].try_into().unwrap()) as usize;
        for i in 8 + json..8 + json + 8 + 400 {
            let mut bad = payload.clone();
            bad[i] ^= 0x41;
            match tagger_from_bytes(&encode(Kind::Tagger, bad)) {
                Err(err) => assert!(err.message().starts_with("corrupt gazetag file: "), "{err}"),
                Ok(t) => {
                    assert_could_be_added(t.gazetteer());
                    t.tag("Alias 4 and Name 5 met at Kāẓimī’s").unwrap();
                }
            }
        }
    }

    /// A packed block written field by field, whatever the fields say.
    fn raw_block(n: u32, id: &str, meta: &[u8], aliases: &[(&str, u8)]) -> Vec<u8> {
        let mut b = Vec::new();
        for x in [n, id.len() as u32, meta.len() as u32] {
            b.extend_from_slice(&x.to_le_bytes());
        }
        let mut end = 0;
        for (text, settings) in aliases {
            end += text.len() as u32;
            b.extend_from_slice(&end.to_le_bytes());
            b.push(*settings);
        }
        b.extend_from_slice(id.as_bytes());
        b.extend_from_slice(meta);
        aliases.iter().for_each(|(text, _)| b.extend_from_slice(text.as_bytes()));
        b
    }

    /// An entity section of these labels and (label, variants, partial, block) entities.
    fn raw_section(labels: &[&str], entities: &[(u32, u8, u8, Vec<u8>)]) -> Vec<u8> {
        let mut out = (labels.len() as u64).to_le_bytes().to_vec();
        for l in labels {
            out.extend_from_slice(&(l.len() as u32).to_le_bytes());
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&(entities.len() as u64).to_le_bytes());
        for (label, v, p, block) in entities {
            out.extend_from_slice(&label.to_le_bytes());
            out.extend_from_slice(&[*v, *p]);
            out.extend_from_slice(&(block.len() as u32).to_le_bytes());
            out.extend_from_slice(block);
        }
        out
    }

    #[test]
    fn crafted_entities_are_refused_by_name() {
        let ok = raw_block(2, "x", b"", &[("X", 0), ("Y", 0)]);
        let one = |block: Vec<u8>| raw_section(&["L"], &[(0, 0, 0, block)]);
        let load = |section: Vec<u8>| gazetteer_from_bytes(&encode(Kind::Gazetteer, section));
        let with_aliases = |n: u32, aliases: &[(&str, u8)]| one(raw_block(n, "x", b"", aliases));
        let named = |id: &str| one(raw_block(2, id, b"", &[("X", 0), ("Y", 0)]));
        let with_meta = |meta: &[u8]| one(raw_block(2, "x", meta, &[("X", 0), ("Y", 0)]));
        assert_eq!(load(one(ok.clone())).unwrap().get("x").unwrap().aliases.len(), 2);
        // Meta, packed as `encode_meta` packs it: {"k": <value>}.
        let meta = |value: &[u8]| [&[1, 1, b'k'][..], value].concat();
        let deep = |levels: usize| {
            // `levels` lists in one another under the key: the meta object is level 1.
            [meta(&[]), [7, 1].repeat(levels), vec![0], vec![0; 0]].concat()
        };
        let huge = u64::MAX.to_le_bytes();
        let mut huge_count = one(ok.clone());
        huge_count[..8].copy_from_slice(&huge);
        let mut many_entities = one(ok.clone());
        many_entities[13..21].copy_from_slice(&(1u64 << 40).to_le_bytes());
        let mut long_block = one(ok.clone());
        long_block[27..31].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut long_label = one(ok.clone());
        long_label[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut not_utf8 = raw_block(2, "x", b"", &[("ab", 0), ("Y", 0)]);
        not_utf8[23..25].copy_from_slice(&[0xff, 0xfe]);
        // ASCII but for one byte: the ASCII test fails and the full check finds the byte.
        let mut lone = raw_block(2, "x", b"", &[("ab", 0), ("Y", 0)]);
        lone[24] = 0x80;
        let mut id_not_utf8 = raw_block(2, "xy", b"", &[("X", 0), ("Y", 0)]);
        id_not_utf8[23] = 0x80;
        let nan = [meta(&[5]), f64::NAN.to_le_bytes().to_vec()].concat();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            // Counts and lengths that run past the end: nothing allocated for them.
            (huge_count, "a count in the entities runs past its end"),
            (many_entities, "a count in the entities runs past its end"),
            (long_block, "the entities is cut short"),
            (long_label, "the entities is cut short"),
            (raw_section(&["L"], &[(1, 0, 0, ok.clone())]), "label is not in the list"),
            (raw_section(&["L"], &[(0, 4, 0, ok.clone())]), "variant layer is unknown"),
            (raw_section(&["L"], &[(0, 0, 9, ok.clone())]), "short-form policy is unknown"),
            (raw_section(&[""], &[]), "label must be a non-empty string"),
            (raw_section(&["L\n"], &[]), "holds a line break"),
            (
                raw_section(&["\u{ff}"], &[])
                    .iter()
                    .map(|&b| if b == 0xc3 { 0xff } else { b })
                    .collect(),
                "label is not UTF-8",
            ),
            ([one(ok.clone()), vec![0]].concat(), "extra bytes after the entities"),
            // Blocks that do not hold together.
            (one(ok[..8].to_vec()), "header is cut short"),
            (with_aliases(0, &[]), "it has no name"),
            (one(raw_block(u32::MAX, "x", b"", &[("X", 0)])), "lengths run past its end"),
            (with_aliases(3, &[("X", 0), ("Y", 0)]), "lengths run past its end"),
            (with_aliases(1, &[("X", 0), ("Y", 0)]), "lengths do not add up"),
            (one(not_utf8), "an alias is not UTF-8"),
            (one(lone), "an alias is not UTF-8"),
            (one(id_not_utf8), "its id is not UTF-8"),
            (with_aliases(2, &[("X", 3), ("Y", 0)]), "a setting that is none"),
            (with_aliases(2, &[("X", 0), ("Y", 12)]), "a setting that is none"),
            // What `Entity::new` refuses.
            (named(""), "id must be a non-empty string"),
            (named("a\u{200b}"), "invisible character"),
            (with_aliases(2, &[("X\nY", 0), ("Y", 0)]), "name \"X\\nY\" holds a line break"),
            (with_aliases(2, &[("X", 0), ("--", 0)]), "has nothing to match"),
            (with_aliases(2, &[("X", 0), ("", 0)]), "has nothing to match"),
            (with_aliases(2, &[("X", 0), (&"y".repeat(1001), 0)]), "at most 1000"),
            (with_aliases(3, &[("X", 0), ("Y", 0), ("Y", 1)]), "two aliases have one text"),
            (with_meta(&deep(64)), "nested more than 64 levels"),
            (with_meta(&deep(100_000)), "nested more than 64 levels"),
            (
                raw_section(&["L"], &[(0, 0, 0, ok.clone()), (0, 0, 0, ok.clone())]),
                "duplicate entity id \"x\"",
            ),
            // Meta not as `encode_meta` writes it.
            (with_meta(&[0]), "an empty object written out"),
            (with_meta(&meta(&[3, 0x81, 0])), "a number not written"),
            (with_meta(&meta(&[&[3][..], &[0xff; 9], &[0x7f]].concat())), "a number not written"),
            (with_meta(&meta(&[4, 1, 0, 0, 0, 0, 0, 0, 0])), "a number not written"),
            (with_meta(&nan), "a number not written"),
            (with_meta(&meta(&[9])), "no known kind"),
            (
                with_meta(&meta(&[6, 0x80, 0x80, 0x80, 0x80, 0x10])),
                "a count that runs past its end",
            ),
            (
                with_meta(&meta(&[7, 0xff, 0xff, 0xff, 0xff, 0x0f])),
                "a count that runs past its end",
            ),
            (with_meta(&meta(&[6, 1, 0xff])), "not UTF-8"),
            (with_meta(&meta(&[6, 3, b'a', b'b', 0x80])), "not UTF-8"),
            (with_meta(&[2, 1, b'k', 0, 1, b'k', 0]), "a key twice"),
            (with_meta(&meta(&[0, 0])), "bytes after its end"),
            (with_meta(&meta(&[4, 1])), "is cut short"),
        ];
        for (section, fragment) in cases {
            let err = load(section).unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{fragment}: {err}");
            assert!(err.message().contains(fragment), "{fragment}: {err}");
        }
        // Keys hashed past eight, and meta at the depth limit, load.
        let keys: Vec<u8> = (0..20u8).flat_map(|k| [1, b'a' + k, 0]).collect();
        let many_keys = [vec![20], keys].concat();
        let limit = [meta(&[]), [7, 1].repeat(63), vec![0]].concat();
        for m in [many_keys, limit] {
            let g = load(with_meta(&m)).unwrap();
            assert_could_be_added(&g);
        }
        let mut repeated = (0..20u8).flat_map(|k| [1, b'a' + k, 0]).collect::<Vec<u8>>();
        repeated.extend([1, b'a', 0]);
        let err = load(with_meta(&[[21].as_slice(), &repeated].concat()));
        assert!(err.unwrap_err().message().contains("a key twice"));
    }
}
