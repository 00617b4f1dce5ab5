//! The gazetteer model: entities with ids, canonical names, labels, aliases and metadata.
//!
//! Owns validation of dictionary data. An entity that gets in is well formed: a non-empty id,
//! name and label, ids and labels of visible characters on one line, names on one line,
//! aliases of at most [`ALIAS_MAX_CHARS`] characters that each have something to match once
//! folded, and metadata nested at most [`META_MAX_DEPTH`] levels deep. The canonical name is
//! always the first alias. Every check is linear in the entity's size, however many aliases
//! it has.
//!
//! Also owns how entities are stored, compactly (issue 13: a million entities of a news
//! dictionary's shape in about 150 MB): one packed block an entity for its id, metadata and
//! aliases ([`Aliases`]), labels shared, and an id index that holds positions, not ids.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use foldhash::quality::RandomState;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use hashbrown::HashTable;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{Error, Result};
use super::fold::fold_key;
use super::variants::{skeleton, Layer, NameKind, Rules};

/// JSON-like metadata kept with an entity and returned as given (an entity keeps it encoded;
/// [`Entity::meta`] decodes it).
pub type Meta = serde_json::Map<String, serde_json::Value>;

/// How many letters an all-capitals alias may have and still be taken for an acronym.
pub const ACRONYM_MAX_LETTERS: usize = 5;

/// The most characters (code points) an alias, the canonical name included, may have. No name
/// is this long; a longer one is a mistake, such as a CSV cell that a stray quote ran on to
/// the end of the file, and would cost the automaton's build dearly.
pub const ALIAS_MAX_CHARS: usize = 1_000;

/// How deep `meta` may nest objects and lists, the `meta` object itself being level 1. The
/// same limit holds when an entity is added, read from a file, loaded or unpickled, so what is
/// saved always loads.
pub const META_MAX_DEPTH: usize = 64;

/// What the short forms of a name (the `partial` rule: a surname alone, a group's or base's
/// name without its generic words) may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Partial {
    /// Short forms match wherever the rules let them (the default).
    Free,
    /// Short forms match only where the same text names the entity otherwise: how news
    /// introduces a person before it uses the surname alone.
    Licensed,
    /// No short forms.
    Off,
}

impl Partial {
    /// The accepted names, for messages.
    pub const NAMES: &'static str = "\"free\", \"licensed\" or \"off\"";

    /// The policy with this name.
    pub fn parse(name: &str) -> Option<Partial> {
        match name {
            "free" => Some(Partial::Free),
            "licensed" => Some(Partial::Licensed),
            "off" => Some(Partial::Off),
            _ => None,
        }
    }

    /// The policy's name.
    pub fn name(self) -> &'static str {
        match self {
            Partial::Free => "free",
            Partial::Licensed => "licensed",
            Partial::Off => "off",
        }
    }
}

/// One surface form of an entity, as given to [`Entity::new`]; an entity keeps its aliases
/// packed (see [`Aliases`]) and lends them out as [`AliasRef`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// `Some` when the dictionary says whether case matters; `None` lets the acronym rule decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
    /// `Some` when the dictionary sets this alias's variant layer; `None` inherits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Layer>,
    /// `Some(true)` when the alias means other things too (an acronym such as `ISI`, a bare
    /// base name that is also a town): it matches only where the same text names the entity
    /// otherwise or a cue word of its label stands in its sentence (README, matching rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguous: Option<bool>,
    /// `Some` when the dictionary sets what this alias's short forms may do; `None` inherits
    /// the entity's setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
}

impl Alias {
    /// An alias; `case_sensitive` `None` lets its form decide (acronyms keep their case).
    pub fn new(text: impl Into<String>, case_sensitive: Option<bool>) -> Self {
        Alias { text: text.into(), case_sensitive, variants: None, ambiguous: None, partial: None }
    }

    /// The alias with its own short-form policy.
    pub fn with_partial(mut self, partial: Option<Partial>) -> Self {
        self.partial = partial;
        self
    }

    /// The alias marked as ambiguous (`Some(true)`) or not.
    pub fn with_ambiguous(mut self, ambiguous: Option<bool>) -> Self {
        self.ambiguous = ambiguous;
        self
    }

    /// The alias with its own variant layer.
    pub fn with_variants(mut self, variants: Option<Layer>) -> Self {
        self.variants = variants;
        self
    }

    /// The borrowed form, which answers the questions below.
    pub fn view(&self) -> AliasRef<'_> {
        AliasRef {
            text: &self.text,
            case_sensitive: self.case_sensitive,
            variants: self.variants,
            ambiguous: self.ambiguous,
            partial: self.partial,
        }
    }

    /// Whether a match of this alias needs a licence in its text.
    pub fn is_ambiguous(&self) -> bool {
        self.view().is_ambiguous()
    }

    /// Whether the dictionary set anything on this alias besides its text.
    pub fn has_settings(&self) -> bool {
        self.view().has_settings()
    }

    /// Whether this alias matches only in its own case: as the dictionary says, or else when it
    /// looks like an acronym.
    pub fn is_case_sensitive(&self) -> bool {
        self.view().is_case_sensitive()
    }
}

/// One alias of an entity, borrowed from it: the same fields as [`Alias`], the text a `&str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename = "Alias")]
pub struct AliasRef<'a> {
    /// The alias as written.
    pub text: &'a str,
    /// As [`Alias::case_sensitive`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
    /// As [`Alias::variants`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Layer>,
    /// As [`Alias::ambiguous`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous: Option<bool>,
    /// As [`Alias::partial`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
}

impl AliasRef<'_> {
    /// Whether a match of this alias needs a licence in its text.
    pub fn is_ambiguous(&self) -> bool {
        self.ambiguous == Some(true)
    }

    /// Whether the dictionary set anything on this alias besides its text.
    pub fn has_settings(&self) -> bool {
        self.case_sensitive.is_some()
            || self.variants.is_some()
            || self.ambiguous.is_some()
            || self.partial.is_some()
    }

    /// Whether this alias matches only in its own case: as the dictionary says, or else when it
    /// looks like an acronym.
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive.unwrap_or_else(|| looks_like_acronym(self.text))
    }

    /// The owned form.
    pub fn to_alias(&self) -> Alias {
        Alias {
            text: self.text.to_owned(),
            case_sensitive: self.case_sensitive,
            variants: self.variants,
            ambiguous: self.ambiguous,
            partial: self.partial,
        }
    }

    /// The four settings in one byte, two bits each: 0 for unset, then the values in order.
    fn settings_byte(&self) -> u8 {
        let flag = |b: Option<bool>| b.map_or(0, |b| 1 + b as u8);
        let layer = self.variants.map_or(0, |l| match l {
            Layer::None => 1,
            Layer::Default => 2,
            Layer::Aggressive => 3,
        });
        let partial = self.partial.map_or(0, |p| match p {
            Partial::Free => 1,
            Partial::Licensed => 2,
            Partial::Off => 3,
        });
        flag(self.case_sensitive) | flag(self.ambiguous) << 2 | layer << 4 | partial << 6
    }
}

impl<'a> AliasRef<'a> {
    /// The alias with the settings [`AliasRef::settings_byte`] packed.
    fn unpacked(text: &'a str, byte: u8) -> Self {
        let flag = |b: u8| [None, Some(false), Some(true), None][(b & 3) as usize];
        let layer = [None, Some(Layer::None), Some(Layer::Default), Some(Layer::Aggressive)];
        let partial = [None, Some(Partial::Free), Some(Partial::Licensed), Some(Partial::Off)];
        AliasRef {
            text,
            case_sensitive: flag(byte),
            ambiguous: flag(byte >> 2),
            variants: layer[(byte >> 4 & 3) as usize],
            partial: partial[(byte >> 6) as usize],
        }
    }
}

/// The bytes of a packed [`Aliases`] header: alias count, id length, meta length.
const PACK_HEAD: usize = 12;
/// The bytes of a packed alias entry: where its text ends, its settings.
const PACK_ENTRY: usize = 5;

/// The little-endian u32 at `at`.
fn u32_at(data: &[u8], at: usize) -> usize {
    let mut b = [0u8; 4];
    b.copy_from_slice(&data[at..at + 4]);
    u32::from_le_bytes(b) as usize
}

/// Text that was packed whole from a `&str`.
fn packed_str(bytes: &[u8]) -> &str {
    utf8(bytes).unwrap_or_default()
}

/// `bytes` as text when they are UTF-8. ASCII (most names, ids and meta strings) is told by a
/// test of whole words first: the general check goes a byte at a time through short texts,
/// and a load checks every text of every entity (issue 13: a tenth of a load's time).
fn utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: ASCII bytes are UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        std::str::from_utf8(bytes).ok()
    }
}

/// An entity's aliases, the canonical name first, in one allocation with the entity's id and
/// metadata: a million entities would cost about a kilobyte each as separate strings, maps and
/// vectors (issue 13). Read them with [`Aliases::iter`], [`Aliases::get`] or [`Aliases::at`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Aliases {
    /// The alias count, the id's length and the encoded meta's length (u32 each); then for
    /// each alias where its text ends (u32, counted from the first text) and its settings (one
    /// byte); then the id, the meta ([`encode_meta`]) and the alias texts back to back.
    data: Box<[u8]>,
}

impl Aliases {
    /// Packs an id, encoded meta and aliases (their texts unique, the name first).
    fn pack(id: &str, meta: &[u8], aliases: &[Alias]) -> Result<Aliases> {
        let texts: usize = aliases.iter().map(|a| a.text.len()).sum();
        let total = PACK_HEAD + PACK_ENTRY * aliases.len() + id.len() + meta.len() + texts;
        if u32::try_from(total).is_err() {
            return Err(Error::gazetteer(format!(
                "entity {}: its aliases and meta take {total} bytes; an entity may take at most \
                 4 GB",
                preview(id)
            )));
        }
        let mut data = Vec::with_capacity(total);
        for n in [aliases.len(), id.len(), meta.len()] {
            data.extend_from_slice(&(n as u32).to_le_bytes());
        }
        let mut end = 0;
        for a in aliases {
            end += a.text.len();
            data.extend_from_slice(&(end as u32).to_le_bytes());
            data.push(a.view().settings_byte());
        }
        data.extend_from_slice(id.as_bytes());
        data.extend_from_slice(meta);
        for a in aliases {
            data.extend_from_slice(a.text.as_bytes());
        }
        Ok(Aliases { data: data.into_boxed_slice() })
    }

    /// The number of aliases, the canonical name included.
    pub fn len(&self) -> usize {
        u32_at(&self.data, 0)
    }

    /// Whether there is no alias (never, for an entity).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the id lies: after the header and the alias entries.
    fn id_range(&self) -> std::ops::Range<usize> {
        let start = PACK_HEAD + PACK_ENTRY * self.len();
        start..start + u32_at(&self.data, 4)
    }

    /// Where the encoded meta lies: after the id.
    fn meta_range(&self) -> std::ops::Range<usize> {
        let start = self.id_range().end;
        start..start + u32_at(&self.data, 8)
    }

    fn id(&self) -> &str {
        self.str_at(self.id_range())
    }

    /// The text in `range`: the id, all the alias texts, or one alias's text, and nothing
    /// else.
    ///
    /// An `Aliases` is made only by [`Aliases::pack`], from `&str`s, and by
    /// [`Aliases::from_saved`], which checks that the id and the texts are UTF-8 and that each
    /// text ends on a character boundary; its bytes never change after. These ranges are
    /// therefore UTF-8 and not checked again: checking them at each read was about a tenth of
    /// a saved tagger's load (issue 13).
    fn str_at(&self, range: std::ops::Range<usize>) -> &str {
        let bytes = &self.data[range];
        debug_assert!(std::str::from_utf8(bytes).is_ok(), "packed text that is not UTF-8");
        // SAFETY: the range is one of those above, UTF-8 by how every `Aliases` is made.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The id's bytes, which the id index hashes and compares without a UTF-8 check.
    fn id_bytes(&self) -> &[u8] {
        &self.data[self.id_range()]
    }

    fn meta_bytes(&self) -> &[u8] {
        &self.data[self.meta_range()]
    }

    /// Where the alias texts start: after the meta.
    fn texts_start(&self) -> usize {
        self.meta_range().end
    }

    /// The alias texts back to back, which [`AliasIter`] slices.
    fn texts(&self) -> &str {
        self.str_at(self.texts_start()..self.data.len())
    }

    /// Where the text of alias `i` (below [`Aliases::len`]) lies among the texts.
    fn text_range(&self, i: usize) -> std::ops::Range<usize> {
        let entry = PACK_HEAD + PACK_ENTRY * i;
        let start = if i == 0 { 0 } else { u32_at(&self.data, entry - PACK_ENTRY) };
        start..u32_at(&self.data, entry)
    }

    /// The settings byte of alias `i` (below [`Aliases::len`]).
    fn settings(&self, i: usize) -> u8 {
        self.data[PACK_HEAD + PACK_ENTRY * i + 4]
    }

    /// The alias at `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<AliasRef<'_>> {
        if i >= self.len() {
            return None;
        }
        let range = self.text_range(i);
        let texts = self.texts_start();
        let text = self.str_at(texts + range.start..texts + range.end);
        Some(AliasRef::unpacked(text, self.settings(i)))
    }

    /// The alias at `i`; like indexing a slice, panics when there is none.
    pub fn at(&self, i: usize) -> AliasRef<'_> {
        match self.get(i) {
            Some(a) => a,
            None => panic!("alias index {i} out of range for {} aliases", self.len()),
        }
    }

    /// The aliases in order, the canonical name first.
    pub fn iter(&self) -> AliasIter<'_> {
        AliasIter { aliases: self, texts: self.texts(), front: 0, back: self.len() }
    }

    /// The heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.data.len()
    }

    /// The owned aliases.
    fn to_vec(&self) -> Vec<Alias> {
        self.iter().map(|a| a.to_alias()).collect()
    }
}

impl std::fmt::Debug for Aliases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Aliases {
    type Item = AliasRef<'a>;
    type IntoIter = AliasIter<'a>;

    fn into_iter(self) -> AliasIter<'a> {
        self.iter()
    }
}

/// The aliases of an entity in order ([`Aliases::iter`]).
#[derive(Debug, Clone)]
pub struct AliasIter<'a> {
    aliases: &'a Aliases,
    /// [`Aliases::texts`], sliced at each alias's character boundaries.
    texts: &'a str,
    front: usize,
    back: usize,
}

impl<'a> AliasIter<'a> {
    fn at(&self, i: usize) -> AliasRef<'a> {
        // The ends were packed from (or checked to be) character boundaries.
        let text = &self.texts[self.aliases.text_range(i)];
        AliasRef::unpacked(text, self.aliases.settings(i))
    }
}

impl<'a> Iterator for AliasIter<'a> {
    type Item = AliasRef<'a>;

    fn next(&mut self) -> Option<AliasRef<'a>> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(self.at(self.front - 1))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.back - self.front, Some(self.back - self.front))
    }
}

impl<'a> DoubleEndedIterator for AliasIter<'a> {
    fn next_back(&mut self) -> Option<AliasRef<'a>> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(self.at(self.back))
    }
}

impl ExactSizeIterator for AliasIter<'_> {}

impl std::iter::FusedIterator for AliasIter<'_> {}

// Metadata is kept encoded: a `serde_json::Map` costs a hash table, a vector of entries and a
// string per key and value, several hundred bytes for `{"source": "known"}`, where its
// encoding takes 15. The encoding keeps every value exactly (integers as integers, floats by
// their bits) and the keys in order, so decoding gives back the map that was encoded.
// A value is a tag byte and its body: null, false, true; an unsigned integer (LEB128); a
// negative integer or a float (8 bytes); a string (length, bytes); a list (count, values);
// an object (count, then key length, key bytes and value for each entry).

const TAG_NULL: u8 = 0;
const TAG_FALSE: u8 = 1;
const TAG_TRUE: u8 = 2;
const TAG_U64: u8 = 3;
const TAG_I64: u8 = 4;
const TAG_F64: u8 = 5;
const TAG_STRING: u8 = 6;
const TAG_LIST: u8 = 7;
const TAG_OBJECT: u8 = 8;

fn put_uint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_entries<'a>(
    out: &mut Vec<u8>,
    entries: impl ExactSizeIterator<Item = (&'a String, &'a Value)>,
) {
    put_uint(out, entries.len() as u64);
    for (k, v) in entries {
        put_str(out, k);
        put_value(out, v);
    }
}

fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(TAG_NULL),
        Value::Bool(b) => out.push(if *b { TAG_TRUE } else { TAG_FALSE }),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                out.push(TAG_U64);
                put_uint(out, u);
            } else if let Some(i) = n.as_i64() {
                out.push(TAG_I64);
                out.extend_from_slice(&i.to_le_bytes());
            } else {
                out.push(TAG_F64);
                out.extend_from_slice(&n.as_f64().unwrap_or_default().to_bits().to_le_bytes());
            }
        }
        Value::String(s) => {
            out.push(TAG_STRING);
            put_str(out, s);
        }
        Value::Array(items) => {
            out.push(TAG_LIST);
            put_uint(out, items.len() as u64);
            for item in items {
                put_value(out, item);
            }
        }
        Value::Object(map) => {
            out.push(TAG_OBJECT);
            put_entries(out, map.iter());
        }
    }
}

/// The packed form of `meta`; nothing at all for an empty one.
fn encode_meta(meta: &Meta) -> Vec<u8> {
    let mut out = Vec::new();
    if !meta.is_empty() {
        put_entries(&mut out, meta.iter());
    }
    out
}

/// Reads what [`encode_meta`] wrote. The bytes are our own, so a read past the end (which
/// cannot happen) gives zeros rather than a panic.
struct MetaReader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> MetaReader<'a> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn uint(&mut self) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
        }
        n
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let end = self.at.saturating_add(n).min(self.data.len());
        let out = self.data.get(self.at..end).unwrap_or_default();
        self.at = end;
        out
    }

    fn eight(&mut self) -> [u8; 8] {
        let mut b = [0u8; 8];
        let got = self.bytes(8);
        b[..got.len()].copy_from_slice(got);
        b
    }

    fn str(&mut self) -> &'a str {
        let n = self.uint() as usize;
        packed_str(self.bytes(n))
    }

    fn value(&mut self) -> Value {
        match self.byte() {
            TAG_FALSE => Value::Bool(false),
            TAG_TRUE => Value::Bool(true),
            TAG_U64 => Value::from(self.uint()),
            TAG_I64 => Value::from(i64::from_le_bytes(self.eight())),
            TAG_F64 => {
                serde_json::Number::from_f64(f64::from_bits(u64::from_le_bytes(self.eight())))
                    .map_or(Value::Null, Value::Number)
            }
            TAG_STRING => Value::String(self.str().to_owned()),
            TAG_LIST => {
                let n = self.uint() as usize;
                Value::Array((0..n).map(|_| self.value()).collect())
            }
            TAG_OBJECT => Value::Object(self.entries()),
            _ => Value::Null,
        }
    }

    /// Moves past one value.
    fn skip(&mut self) {
        match self.byte() {
            TAG_U64 => {
                self.uint();
            }
            TAG_I64 | TAG_F64 => {
                self.eight();
            }
            TAG_STRING => {
                self.str();
            }
            TAG_LIST => (0..self.uint()).for_each(|_| self.skip()),
            TAG_OBJECT => (0..self.uint()).for_each(|_| {
                self.str();
                self.skip();
            }),
            _ => {}
        }
    }

    fn entries(&mut self) -> Meta {
        let n = self.uint() as usize;
        let mut map = Meta::with_capacity(n);
        for _ in 0..n {
            let key = self.str().to_owned();
            map.insert(key, self.value());
        }
        map
    }

    /// Positions the reader on the value of `key` of the top-level object.
    fn find(data: &'a [u8], key: &str) -> Option<MetaReader<'a>> {
        let mut r = MetaReader { data, at: 0 };
        if data.is_empty() {
            return None;
        }
        for _ in 0..r.uint() {
            if r.str() == key {
                return Some(r);
            }
            r.skip();
        }
        None
    }
}

/// The meta that [`encode_meta`] packed.
fn decode_meta(data: &[u8]) -> Meta {
    if data.is_empty() {
        return Meta::new();
    }
    MetaReader { data, at: 0 }.entries()
}

/// One shared copy of each label: a gazetteer has a few labels and a million entities. Labels
/// no entity holds any more are dropped as the table grows, so it stays as small as the labels
/// in use.
fn intern_label(label: &str) -> Arc<str> {
    static LABELS: LazyLock<Mutex<(HashSet<Arc<str>>, usize)>> = LazyLock::new(Default::default);
    let mut guard = LABELS.lock().unwrap_or_else(PoisonError::into_inner);
    let (labels, kept) = &mut *guard;
    if let Some(l) = labels.get(label) {
        return Arc::clone(l);
    }
    if labels.len() >= 2 * *kept + 64 {
        labels.retain(|l| Arc::strong_count(l) > 1);
        *kept = labels.len();
    }
    let l: Arc<str> = Arc::from(label);
    labels.insert(Arc::clone(&l));
    l
}

/// An alias written in capitals with 1 to 5 letters (`KH`, `PMF`, `IS`, `ISF`, `K-1`): such
/// forms are acronyms or codes, and their lower-case twins are usually ordinary words.
pub fn looks_like_acronym(text: &str) -> bool {
    let mut letters = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    (1..=ACRONYM_MAX_LETTERS).contains(&letters)
}

/// The first character of `text` that `hidden` picks, described for a message: `a line
/// break (U+000A) at character 3`.
fn hidden_character(text: &str, hidden: fn(char) -> bool) -> Option<String> {
    // The only ASCII characters either test hides are the controls; most texts are ASCII
    // without one, and a load checks a million of them (issue 13).
    // One pass, without an early exit, so that it is done a vector at a time: every byte
    // printable ASCII (from the space to `~`).
    if text.bytes().fold(true, |plain, b| plain & (b.wrapping_sub(0x20) < 0x5F)) {
        return None;
    }
    let (at, c) = text.chars().enumerate().find(|&(_, c)| hidden(c))?;
    let what = match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\0' => "a NUL character",
        '\u{FEFF}' => "a byte order mark",
        '\t' => "a tab",
        c if c.is_control() => "a control character",
        _ => "an invisible character",
    };
    Some(format!("{what} (U+{:04X}) at character {}", c as u32, at + 1))
}

/// Control characters (line breaks, tab, NUL and the other C0 and C1 controls) and the line
/// and paragraph separators: nothing a one-line name holds.
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// What an id or a label may not hold: control characters, and the characters that show
/// nothing (Unicode's default-ignorable code points and the other format characters: byte
/// order mark, zero-width spaces and joiners, direction marks, soft hyphen, variation
/// selectors, Hangul fillers, tags), so that an id looks like what it is.
fn is_invisible(c: char) -> bool {
    is_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{0600}'..='\u{0605}'
                | '\u{061C}'
                | '\u{06DD}'
                | '\u{070F}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08E2}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{110BD}'
                | '\u{110CD}'
                | '\u{13430}'..='\u{1343F}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// A long text cut short for a message: its first 40 characters and the count of the rest.
fn preview(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    match chars.count() {
        0 => format!("{head:?}"),
        rest => format!("{head:?}... ({rest} more characters)"),
    }
}

/// How deep a meta object nests objects and lists, itself being level 1; counting stops past
/// [`META_MAX_DEPTH`], so a crafted value costs no more than the limit.
fn meta_depth(meta: &Meta) -> usize {
    /// The depth of the deepest container in `v`, which is itself at `level` when it is one.
    fn depth(v: &serde_json::Value, level: usize) -> usize {
        let children: Box<dyn Iterator<Item = &serde_json::Value>> = match v {
            serde_json::Value::Array(items) => Box::new(items.iter()),
            serde_json::Value::Object(map) => Box::new(map.values()),
            _ => return level - 1,
        };
        if level > META_MAX_DEPTH {
            return level;
        }
        children.map(|c| depth(c, level + 1)).max().unwrap_or(level).max(level)
    }
    meta.values().map(|v| depth(v, 2)).max().unwrap_or(1)
}

/// Refuses an empty id or name, an id with hidden characters and a name of more than one line.
fn check_id_and_name(id: &str, name: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::gazetteer(format!(
            "entity id must be a non-empty string (entity named {name:?})"
        )));
    }
    if let Some(why) = hidden_character(id, is_invisible) {
        return Err(Error::gazetteer(format!(
            "entity id {id:?} holds {why}; an id is visible characters on one line"
        )));
    }
    if name.trim().is_empty() {
        return Err(Error::gazetteer(format!("entity {id:?}: name must be a non-empty string")));
    }
    if let Some(why) = hidden_character(name, is_control) {
        return Err(Error::gazetteer(format!(
            "entity {id:?}: name {} holds {why}; a name is one line of text",
            preview(name)
        )));
    }
    Ok(())
}

/// What is wrong with a label, if anything: empty, or hidden characters.
fn label_problem(label: &str) -> Option<String> {
    if label.trim().is_empty() {
        return Some("label must be a non-empty string".to_owned());
    }
    let why = hidden_character(label, is_invisible)?;
    Some(format!("label {label:?} holds {why}; a label is visible characters on one line"))
}

/// Refuses an alias of entity `id` that is too long or has nothing to match.
fn check_alias(id: &str, text: &str) -> Result<()> {
    // No more bytes than the limit: no more characters either.
    if text.len() > ALIAS_MAX_CHARS {
        let chars = text.chars().count();
        if chars > ALIAS_MAX_CHARS {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: alias {} has {chars} characters; an alias may have at most \
                 {ALIAS_MAX_CHARS} (no name is that long)",
                preview(text)
            )));
        }
    }
    // An ASCII letter or digit folds to itself, so only an alias without one is folded to see
    // whether anything is left (most aliases have one: loading a million stays cheap).
    if !text.bytes().any(|b| b.is_ascii_alphanumeric()) && fold_key(text, false).is_empty() {
        return Err(Error::gazetteer(format!(
            "entity {id:?}: alias {text:?} has nothing to match: it is empty or only separators \
             and apostrophes"
        )));
    }
    Ok(())
}

fn too_deep(id: &str) -> Error {
    Error::gazetteer(format!(
        "entity {id:?}: meta is nested more than {META_MAX_DEPTH} levels deep; meta may nest \
         objects and lists at most {META_MAX_DEPTH} levels deep"
    ))
}

/// A named thing with the ways it is written.
///
/// Kept compact (issue 13): the id, the metadata and the aliases (the canonical name first)
/// share one allocation ([`Aliases`]), and the label is shared with every entity of the same
/// label. Read it through its accessors.
#[derive(Clone, Deserialize)]
#[serde(try_from = "EntityRecord")]
pub struct Entity {
    /// All surface forms, the canonical name first; no two with the same text. (The packed
    /// store also holds the entity's id and metadata, read through [`Entity::id`] and
    /// [`Entity::meta`].)
    pub aliases: Aliases,
    label: Arc<str>,
    variants: Option<Layer>,
    partial: Option<Partial>,
}

/// The serialized form of an [`Entity`], field for field as saved files and pickles hold it.
#[derive(Deserialize)]
struct EntityRecord {
    id: String,
    name: String,
    label: String,
    aliases: Vec<Alias>,
    #[serde(default)]
    meta: Meta,
    #[serde(default)]
    variants: Option<Layer>,
    #[serde(default)]
    partial: Option<Partial>,
}

impl TryFrom<EntityRecord> for Entity {
    type Error = String;

    /// The entity as read, not yet checked: [`Entity::revalidated`] checks it.
    fn try_from(r: EntityRecord) -> std::result::Result<Entity, String> {
        let all = merge_aliases(&r.name, r.aliases);
        Entity::assemble(&r.id, &r.label, &all, &r.meta)
            .map(|e| e.with_variants(r.variants).with_partial(r.partial))
            .map_err(|e| e.message().to_owned())
    }
}

impl Serialize for Entity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The aliases as a list of alias objects.
        struct List<'a>(&'a Aliases);
        impl Serialize for List<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter())
            }
        }
        let fields = 5 + self.variants.is_some() as usize + self.partial.is_some() as usize;
        let mut st = s.serialize_struct("Entity", fields)?;
        st.serialize_field("id", self.id())?;
        st.serialize_field("name", self.name())?;
        st.serialize_field("label", self.label())?;
        st.serialize_field("aliases", &List(&self.aliases))?;
        st.serialize_field("meta", &self.meta())?;
        match self.variants {
            Some(v) => st.serialize_field("variants", &v)?,
            None => st.skip_field("variants")?,
        }
        match self.partial {
            Some(p) => st.serialize_field("partial", &p)?,
            None => st.skip_field("partial")?,
        }
        st.end()
    }
}

impl PartialEq for Entity {
    fn eq(&self, other: &Self) -> bool {
        self.label == other.label
            && self.variants == other.variants
            && self.partial == other.partial
            && self.id() == other.id()
            && self.aliases.iter().eq(other.aliases.iter())
            // Maps equal in another key order are equal.
            && (self.aliases.meta_bytes() == other.aliases.meta_bytes()
                || self.meta() == other.meta())
    }
}

impl std::fmt::Debug for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entity")
            .field("id", &self.id())
            .field("label", &self.label())
            .field("aliases", &self.aliases)
            .field("meta", &self.meta())
            .field("variants", &self.variants)
            .field("partial", &self.partial)
            .finish()
    }
}

/// The name, then `aliases` in order, repeated texts merged, keeping the first explicit value
/// of each setting.
fn merge_aliases(name: &str, aliases: impl IntoIterator<Item = Alias>) -> Vec<Alias> {
    let mut all: Vec<Alias> = vec![Alias::new(name, None)];
    // Each text's place in `all`: one lookup per alias, however many there are.
    let mut seen: HashMap<String, usize> = HashMap::from([(name.to_owned(), 0)]);
    for alias in aliases {
        match seen.get(&alias.text) {
            Some(&i) => {
                let existing = &mut all[i];
                existing.case_sensitive = existing.case_sensitive.or(alias.case_sensitive);
                existing.variants = existing.variants.or(alias.variants);
                existing.ambiguous = existing.ambiguous.or(alias.ambiguous);
                existing.partial = existing.partial.or(alias.partial);
            }
            None => {
                seen.insert(alias.text.clone(), all.len());
                all.push(alias);
            }
        }
    }
    all
}

impl Entity {
    /// Builds a validated entity. The name becomes the first alias; repeated alias texts are
    /// merged, keeping the first explicit case setting.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        label: impl Into<String>,
        aliases: impl IntoIterator<Item = Alias>,
        meta: Meta,
    ) -> Result<Entity> {
        let (id, name, label) = (id.into(), name.into(), label.into());
        check_id_and_name(&id, &name)?;
        if let Some(why) = label_problem(&label) {
            return Err(Error::gazetteer(format!("entity {id:?}: {why}")));
        }
        let all = merge_aliases(&name, aliases);
        for alias in &all {
            check_alias(&id, &alias.text)?;
        }
        let depth = meta_depth(&meta);
        if depth > META_MAX_DEPTH {
            return Err(too_deep(&id));
        }
        Entity::assemble(&id, &label, &all, &meta)
    }

    /// Packs an entity from its parts, `aliases` merged already (the name first), unchecked.
    fn assemble(id: &str, label: &str, aliases: &[Alias], meta: &Meta) -> Result<Entity> {
        Ok(Entity {
            aliases: Aliases::pack(id, &encode_meta(meta), aliases)?,
            label: intern_label(label),
            variants: None,
            partial: None,
        })
    }

    /// The stable id (downstream code keys on it).
    pub fn id(&self) -> &str {
        self.aliases.id()
    }

    /// The canonical name, also the first alias.
    pub fn name(&self) -> &str {
        self.aliases.get(0).map_or("", |a| a.text)
    }

    /// The label (`PERSON`, `BASE`, ...).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The JSON-like metadata, decoded into a new map.
    pub fn meta(&self) -> Meta {
        decode_meta(self.aliases.meta_bytes())
    }

    /// Whether the entity has metadata.
    pub fn has_meta(&self) -> bool {
        !self.aliases.meta_bytes().is_empty()
    }

    /// The metadata's value under `key`, decoded.
    pub fn meta_value(&self, key: &str) -> Option<Value> {
        MetaReader::find(self.aliases.meta_bytes(), key).map(|mut r| r.value())
    }

    /// Whether the metadata has `key`, without decoding anything.
    pub fn has_meta_key(&self, key: &str) -> bool {
        MetaReader::find(self.aliases.meta_bytes(), key).is_some()
    }

    /// The metadata's value under `key` when it is a string, without decoding anything else.
    pub fn meta_str(&self, key: &str) -> Option<&str> {
        let mut r = MetaReader::find(self.aliases.meta_bytes(), key)?;
        (r.byte() == TAG_STRING).then(|| r.str())
    }

    /// `Some` when the dictionary sets this entity's variant layer; `None` uses the tagger's.
    pub fn variants(&self) -> Option<Layer> {
        self.variants
    }

    /// `Some` when the dictionary sets what the short forms of this entity's names may do.
    pub fn partial(&self) -> Option<Partial> {
        self.partial
    }

    /// The heap bytes this entity holds alone (its label is shared).
    pub fn heap_bytes(&self) -> usize {
        self.aliases.heap_bytes()
    }

    /// The same entity with its own variant layer.
    pub fn with_variants(mut self, variants: Option<Layer>) -> Self {
        self.variants = variants;
        self
    }

    /// The entity checked again as [`Entity::new`] checks a new one, every setting kept: how
    /// entities read from a saved file or a pickle are trusted no more than new ones.
    pub fn revalidated(self) -> Result<Entity> {
        let (variants, partial) = (self.variants, self.partial);
        Entity::new(self.id(), self.name(), self.label(), self.aliases.to_vec(), self.meta())
            .map(|e| e.with_variants(variants).with_partial(partial))
    }

    /// The same entity with its own short-form policy.
    pub fn with_partial(mut self, partial: Option<Partial>) -> Self {
        self.partial = partial;
        self
    }

    /// The same entity without its alias at `k` (not the name).
    fn without_alias(&self, k: usize) -> Result<Entity> {
        let mut aliases = self.aliases.to_vec();
        aliases.remove(k);
        Ok(Entity {
            aliases: Aliases::pack(self.id(), self.aliases.meta_bytes(), &aliases)?,
            label: Arc::clone(&self.label),
            variants: self.variants,
            partial: self.partial,
        })
    }

    /// What the short forms of an alias of this entity may do.
    pub fn partial_of(&self, alias: AliasRef<'_>) -> Partial {
        alias.partial.or(self.partial).unwrap_or(Partial::Free)
    }

    /// This entity with `other`'s data on top: `other`'s name, label and variant layer (when
    /// set), the aliases of both (this one's first; `other`'s case and layer settings win) and
    /// the metadata of both (`other`'s keys win).
    pub fn merged(self, other: Entity) -> Result<Entity> {
        // Each text's alias in either entity, looked up once per alias.
        fn by_text(list: &Aliases) -> HashMap<&str, AliasRef<'_>> {
            list.iter().map(|a| (a.text, a)).collect()
        }
        let (their_aliases, my_aliases) = (by_text(&other.aliases), by_text(&self.aliases));
        let setting = |text: &str| {
            let (theirs, mine) = (their_aliases.get(text), my_aliases.get(text));
            let pick =
                |f: fn(&AliasRef<'_>) -> Option<bool>| theirs.and_then(f).or(mine.and_then(f));
            Alias {
                text: text.to_owned(),
                case_sensitive: pick(|a| a.case_sensitive),
                variants: theirs.and_then(|a| a.variants).or(mine.and_then(|a| a.variants)),
                ambiguous: pick(|a| a.ambiguous),
                partial: theirs.and_then(|a| a.partial).or(mine.and_then(|a| a.partial)),
            }
        };
        let mut meta = self.meta();
        meta.extend(other.meta());
        // Every copy of a text carries the same settings, so merging repeats keeps them.
        let aliases = self.aliases.iter().chain(&other.aliases).map(|a| setting(a.text));
        let e = Entity::new(self.id(), other.name(), other.label(), aliases, meta)?;
        let variants = other.variants.or(self.variants);
        Ok(e.with_variants(variants).with_partial(other.partial.or(self.partial)))
    }

    /// Whether the entity is a person, which selects the partial-name rules for people.
    pub fn is_person(&self) -> bool {
        NameKind::of_label(&self.label) == NameKind::Person
    }
}

/// What `Gazetteer::upsert` and `update` do with an id that is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// Fail.
    Error,
    /// Keep the entity and add the newcomer's aliases and metadata; the newcomer's name and
    /// label win.
    Merge,
    /// The newcomer replaces the entity.
    Replace,
}

impl Conflict {
    /// The accepted names, for messages.
    pub const NAMES: &'static str = "\"merge\", \"replace\" or \"error\"";

    /// The policy with this name.
    pub fn parse(name: &str) -> Option<Conflict> {
        match name {
            "merge" => Some(Conflict::Merge),
            "replace" => Some(Conflict::Replace),
            "error" => Some(Conflict::Error),
            _ => None,
        }
    }
}

fn duplicate_id(id: &str) -> Error {
    Error::gazetteer(format!("duplicate entity id {id:?}: each id may appear once"))
}

fn missing_id(id: &str) -> Error {
    Error::gazetteer(format!("no entity has the id {id:?}"))
}

/// An ordered collection of entities with unique ids.
///
/// Cloning is cheap: clones share their entities until one of them changes (copy on write),
/// so a tagger built from a gazetteer holds no second copy of it.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Arc<Vec<Entity>>,
    index: Arc<IdIndex>,
}

/// The entities' positions, hashed by their ids: the ids themselves stay in the entities, so
/// the index costs about 5 bytes an entity, not a second copy of each id.
#[derive(Debug, Clone, Default)]
struct IdIndex {
    table: HashTable<u32>,
    hasher: RandomState,
}

impl IdIndex {
    /// Where the entity with this id is.
    fn find(&self, entities: &[Entity], id: &str) -> Option<usize> {
        let (hash, id) = (self.hasher.hash_one(id.as_bytes()), id.as_bytes());
        self.table
            .find(hash, |&i| entities[i as usize].aliases.id_bytes() == id)
            .map(|&i| i as usize)
    }

    /// Indexes `entity`, to be pushed at the end of `entities`, unless its id is there already.
    fn insert_new(&mut self, entities: &[Entity], entity: &Entity) -> bool {
        let hash = self.hasher.hash_one(entity.aliases.id_bytes());
        self.insert_hashed(entities, entity, hash)
    }

    /// [`IdIndex::insert_new`] of an entity whose id's hash is `hash`.
    fn insert_hashed(&mut self, entities: &[Entity], entity: &Entity, hash: u64) -> bool {
        let IdIndex { table, hasher } = self;
        let id = entity.aliases.id_bytes();
        let found = table.entry(
            hash,
            |&i| entities[i as usize].aliases.id_bytes() == id,
            |&j| hasher.hash_one(entities[j as usize].aliases.id_bytes()),
        );
        match found {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(entities.len() as u32);
                true
            }
        }
    }

    /// Forgets the entity with this id, still in `entities`, and returns where it was; the
    /// entities after it move down one place.
    fn remove(&mut self, entities: &[Entity], id: &str) -> Option<usize> {
        let (hash, id) = (self.hasher.hash_one(id.as_bytes()), id.as_bytes());
        let entry =
            self.table.find_entry(hash, |&i| entities[i as usize].aliases.id_bytes() == id).ok()?;
        let (i, _) = entry.remove();
        for slot in self.table.iter_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Some(i as usize)
    }

    fn shrink_to_fit(&mut self, entities: &[Entity]) {
        let hasher = &self.hasher;
        self.table.shrink_to_fit(|&j| hasher.hash_one(entities[j as usize].aliases.id_bytes()));
    }
}

impl PartialEq for Gazetteer {
    fn eq(&self, other: &Self) -> bool {
        self.entities == other.entities
    }
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Gazetteer::default()
    }

    /// Builds a gazetteer from entities, rejecting duplicate ids.
    pub fn from_entities(entities: impl IntoIterator<Item = Entity>) -> Result<Self> {
        let entities = entities.into_iter();
        let mut g = Gazetteer::new();
        // Room for them all at once: a loaded million is not indexed by doubling.
        let (list, index) = (Arc::make_mut(&mut g.entities), Arc::make_mut(&mut g.index));
        list.reserve(entities.size_hint().0);
        // The table is empty: nothing is hashed again.
        index.table.reserve(entities.size_hint().0, |_| 0);
        for e in entities {
            Gazetteer::push(list, index, e)?;
        }
        g.shrink_to_fit();
        Ok(g)
    }

    /// A hasher of ids for [`Gazetteer::from_hashed`]: a load hashes each id beside its checks,
    /// on every core, while the entity's bytes are in the cache.
    pub(crate) fn id_hasher() -> RandomState {
        RandomState::default()
    }

    /// The hash of an entity's id by a hasher from [`Gazetteer::id_hasher`].
    pub(crate) fn hash_id(hasher: &RandomState, entity: &Entity) -> u64 {
        hasher.hash_one(entity.aliases.id_bytes())
    }

    /// [`Gazetteer::from_entities`] of entities each beside the hash of its id by `hasher`
    /// ([`Gazetteer::hash_id`]): the first error there is, or a duplicate id, is the error.
    pub(crate) fn from_hashed(
        hasher: RandomState,
        entities: impl ExactSizeIterator<Item = Result<(Entity, u64)>>,
    ) -> Result<Self> {
        let mut list: Vec<Entity> = Vec::with_capacity(entities.len());
        let table = HashTable::with_capacity(entities.len());
        let mut index = IdIndex { table, hasher };
        for entity in entities {
            let (entity, hash) = entity?;
            if list.len() >= u32::MAX as usize {
                return Err(too_many());
            }
            if !index.insert_hashed(&list, &entity, hash) {
                return Err(duplicate_id(entity.id()));
            }
            list.push(entity);
        }
        let mut g = Gazetteer { entities: Arc::new(list), index: Arc::new(index) };
        g.shrink_to_fit();
        Ok(g)
    }

    /// Adds an entity; its id must be new.
    pub fn add(&mut self, entity: Entity) -> Result<()> {
        // Entities shared with a tagger are copied only for one that goes in.
        if Arc::get_mut(&mut self.entities).is_none() && self.position(entity.id()).is_some() {
            return Err(duplicate_id(entity.id()));
        }
        Gazetteer::push(Arc::make_mut(&mut self.entities), Arc::make_mut(&mut self.index), entity)
    }

    /// Adds an entity to the list and the index of a gazetteer; its id must be new.
    fn push(entities: &mut Vec<Entity>, index: &mut IdIndex, entity: Entity) -> Result<()> {
        if entities.len() >= u32::MAX as usize {
            return Err(too_many());
        }
        // The id is hashed once, to look it up and to index it (a million loaded ids).
        if !index.insert_new(entities, &entity) {
            return Err(duplicate_id(entity.id()));
        }
        entities.push(entity);
        Ok(())
    }

    /// Gives back the room kept for more entities: after a load, when no more are coming.
    pub fn shrink_to_fit(&mut self) {
        if let Some(entities) = Arc::get_mut(&mut self.entities) {
            entities.shrink_to_fit();
        }
        if let Some(index) = Arc::get_mut(&mut self.index) {
            index.shrink_to_fit(&self.entities);
        }
    }

    /// Where the entity with this id is.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.find(&self.entities, id)
    }

    /// The heap bytes of the entities (their slots and packed aliases, ids and metadata; labels
    /// are shared) and of the id index. For `bench/memory.py`.
    pub fn heap_bytes(&self) -> (usize, usize) {
        let slots = self.entities.capacity() * std::mem::size_of::<Entity>();
        let packed: usize = self.entities.iter().map(Entity::heap_bytes).sum();
        (slots + packed, self.index.table.allocation_size())
    }

    /// Refuses two labels that differ only in case (`base` beside `BASE`). Labels are compared
    /// exactly (by a table's `label` column, a spaCy span's `label_`, the colours of `annotate`),
    /// so such a pair splits one kind of entity in two without a word; `Tagger` calls this.
    pub fn check_labels(&self) -> Result<()> {
        let mut exact: HashMap<&str, &str> = HashMap::new();
        let mut folded: HashMap<String, (&str, &str)> = HashMap::new();
        for e in self.entities.iter() {
            if exact.contains_key(e.label()) {
                continue;
            }
            exact.insert(e.label(), e.id());
            let key = e.label().to_lowercase();
            if let Some(&(label, id)) = folded.get(&key) {
                return Err(Error::gazetteer(format!(
                    "labels {label:?} (entity {id:?}) and {:?} (entity {:?}) differ only in \
                     case; labels are compared exactly, so write each label one way",
                    e.label(),
                    e.id()
                )));
            }
            folded.insert(key, (e.label(), e.id()));
        }
        Ok(())
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.position(id).map(|i| &self.entities[i])
    }

    /// The entities in order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there is no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Adds an entity whose id may already be taken; `conflict` says what happens then.
    pub fn upsert(&mut self, entity: Entity, conflict: Conflict) -> Result<()> {
        let Some(i) = self.position(entity.id()) else {
            return self.add(entity);
        };
        match conflict {
            Conflict::Error => {
                return Err(Error::gazetteer(format!(
                    "entity id {:?} is already in the gazetteer; pass on_conflict=\"merge\" to \
                     add its aliases or \"replace\" to override it",
                    entity.id()
                )))
            }
            Conflict::Replace => Arc::make_mut(&mut self.entities)[i] = entity,
            Conflict::Merge => {
                let merged = self.entities[i].clone().merged(entity)?;
                Arc::make_mut(&mut self.entities)[i] = merged;
            }
        }
        Ok(())
    }

    /// Adds every entity of `other`, in order. With `Conflict::Error` nothing changes when an
    /// id is taken.
    pub fn update(&mut self, other: Gazetteer, conflict: Conflict) -> Result<()> {
        if conflict == Conflict::Error {
            if let Some(e) = other.entities.iter().find(|e| self.position(e.id()).is_some()) {
                return Err(Error::gazetteer(format!(
                    "entity id {:?} is in both gazetteers; pass on_conflict=\"merge\" to add \
                     its aliases or \"replace\" to override it",
                    e.id()
                )));
            }
        }
        for e in Arc::unwrap_or_clone(other.entities) {
            self.upsert(e, conflict)?;
        }
        Ok(())
    }

    /// Removes an entity and returns it.
    pub fn remove(&mut self, id: &str) -> Result<Entity> {
        let index = Arc::make_mut(&mut self.index);
        let i = index.remove(&self.entities, id).ok_or_else(|| missing_id(id))?;
        Ok(Arc::make_mut(&mut self.entities).remove(i))
    }

    /// Removes one alias of an entity. The canonical name cannot be removed.
    pub fn remove_alias(&mut self, id: &str, alias: &str) -> Result<()> {
        let i = self.position(id).ok_or_else(|| missing_id(id))?;
        match self.entities[i].aliases.iter().position(|a| a.text == alias) {
            Some(0) => Err(Error::gazetteer(format!(
                "entity {id:?}: {alias:?} is its canonical name and cannot be removed; remove \
                 the entity, or add it again with another name"
            ))),
            Some(k) => {
                // Copied only now, when it changes, if a tagger shares it.
                let without = self.entities[i].without_alias(k)?;
                Arc::make_mut(&mut self.entities)[i] = without;
                Ok(())
            }
            None => Err(Error::gazetteer(format!("entity {id:?} has no alias {alias:?}"))),
        }
    }

    /// Removes an entity (`alias` is `None`) or one of its aliases; with `missing_ok`, an
    /// unknown entity or alias is no error.
    pub fn discard(&mut self, id: &str, alias: Option<&str>, missing_ok: bool) -> Result<()> {
        let known = self.get(id).is_some_and(|e| match alias {
            Some(a) => e.aliases.iter().any(|x| x.text == a),
            None => true,
        });
        if missing_ok && !known {
            return Ok(());
        }
        match alias {
            Some(a) => self.remove_alias(id, a),
            None => self.remove(id).map(drop),
        }
    }

    /// The number of aliases over all entities.
    pub fn alias_count(&self) -> usize {
        self.entities.iter().map(|e| e.aliases.len()).sum()
    }

    /// The entities an alias of which the query names, best first: `(entity index, alias
    /// index, how)`, one per entity (its best alias), in gazetteer order within each kind of
    /// hit. Queries and aliases are compared folded (case, accents, apostrophes and dashes do
    /// not count) and as skeletons under the aggressive variant rules (doubled letters, vowels,
    /// `q`/`k`, final `a`/`ah`), so `Qassem Suleimani` finds `Qasem Soleimani`. A query with
    /// nothing to compare (blank, only punctuation) finds nothing.
    pub fn search(&self, query: &str) -> Vec<(usize, usize, SearchHit)> {
        let q = fold_key(query, false);
        if q.is_empty() {
            return Vec::new();
        }
        let rules = Layer::Aggressive.rules().and(Rules::SKELETON);
        let q_skeleton = skeleton(q.as_bytes(), rules);
        let at_word_start = |hay: &str, needle: &str| {
            hay.match_indices(needle).any(|(i, _)| i == 0 || hay.as_bytes()[i - 1] == b' ')
        };
        let mut hits: Vec<(SearchHit, usize, usize)> = Vec::new();
        for (e, entity) in self.entities.iter().enumerate() {
            let best = entity
                .aliases
                .iter()
                .enumerate()
                .filter_map(|(a, alias)| {
                    let key = fold_key(alias.text, false);
                    let hit = if key == q {
                        SearchHit::Same
                    } else {
                        let key_skeleton = skeleton(key.as_bytes(), rules);
                        if key_skeleton == q_skeleton {
                            SearchHit::Spelling
                        } else if at_word_start(&key, &q) {
                            SearchHit::Part
                        } else if q_skeleton.len() >= 3
                            && key_skeleton.windows(q_skeleton.len()).any(|w| w == q_skeleton)
                        {
                            SearchHit::SpellingPart
                        } else {
                            return None;
                        }
                    };
                    Some((hit, a))
                })
                .min();
            if let Some((hit, a)) = best {
                hits.push((hit, e, a));
            }
        }
        hits.sort();
        hits.into_iter().map(|(hit, e, a)| (e, a, hit)).collect()
    }
}

/// How an alias answers a [`Gazetteer::search`] query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchHit {
    /// The alias is the query, folded.
    Same,
    /// The alias is another spelling of the query.
    Spelling,
    /// The query is words of the alias (its start, or from a word on).
    Part,
    /// The query is part of the alias in another spelling.
    SpellingPart,
}

impl SearchHit {
    /// The hit's name, as Python shows it.
    pub fn name(self) -> &'static str {
        match self {
            SearchHit::Same => "same",
            SearchHit::Spelling => "spelling",
            SearchHit::Part => "part",
            SearchHit::SpellingPart => "spelling-part",
        }
    }
}

// The saved form of an entity (file format 4, `persist`): its packed block as it is, read back
// without unpacking and packing it again (issue 13: a million entities load in a fraction of
// a second), and checked on the way in as `Entity::new` checks a new entity: a file is input
// like any other. The checks are those `new` makes, on the packed form (every length inside the
// block, UTF-8 at character boundaries, settings that packing makes, no two aliases alike,
// meta that decodes whole and the way `encode_meta` writes it), so what loads is what could be
// added, and equal entities are equal bytes.

impl Aliases {
    /// A packed block read from a file, checked to hold together; the reason when it does not.
    fn from_saved(block: &[u8]) -> std::result::Result<Aliases, &'static str> {
        if block.len() < PACK_HEAD {
            return Err("its header is cut short");
        }
        let (n, id_len, meta_len) = (u32_at(block, 0), u32_at(block, 4), u32_at(block, 8));
        if n == 0 {
            return Err("it has no name");
        }
        // In u64: three u32 lengths and a count of 5-byte entries cannot overflow it.
        let id_start = PACK_HEAD as u64 + PACK_ENTRY as u64 * n as u64;
        let texts_start = id_start + id_len as u64 + meta_len as u64;
        if texts_start > block.len() as u64 {
            return Err("its lengths run past its end");
        }
        let (id_start, texts_start) = (id_start as usize, texts_start as usize);
        let texts = utf8(&block[texts_start..]).ok_or("an alias is not UTF-8")?;
        if utf8(&block[id_start..id_start + id_len]).is_none() {
            return Err("its id is not UTF-8");
        }
        let mut start = 0;
        for entry in (PACK_HEAD..id_start).step_by(PACK_ENTRY) {
            let end = u32_at(block, entry);
            if end < start || end > texts.len() || !texts.is_char_boundary(end) {
                return Err("its aliases' lengths do not add up");
            }
            // Two bits of 3 unpack as unset, which packing writes as 0.
            let settings = block[entry + 4];
            if settings & 3 == 3 || settings >> 2 & 3 == 3 {
                return Err("an alias has a setting that is none");
            }
            start = end;
        }
        if start != texts.len() {
            return Err("its aliases' lengths do not add up");
        }
        Ok(Aliases { data: block.into() })
    }
}

/// Checks meta read from a file: [`decode_meta`] reads it whole, [`encode_meta`] writes what it
/// reads the same way, and it nests at most [`META_MAX_DEPTH`] levels. Allocates nothing for
/// most meta, and however a count is crafted, a check ends within the bytes it is given.
struct MetaCheck<'a> {
    data: &'a [u8],
    at: usize,
}

/// Why meta read from a file is refused (`Deep`: as deep as [`Entity::new`] refuses).
enum BadMeta {
    Deep,
    Bytes(&'static str),
}

impl<'a> MetaCheck<'a> {
    fn byte(&mut self) -> std::result::Result<u8, BadMeta> {
        let b = *self.data.get(self.at).ok_or(BadMeta::Bytes("is cut short"))?;
        self.at += 1;
        Ok(b)
    }

    /// A number as [`put_uint`] writes it: no more bytes than it needs, no more than 64 bits.
    fn uint(&mut self) -> std::result::Result<u64, BadMeta> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if bits << shift >> shift != bits || b == 0 && shift > 0 {
                return Err(BadMeta::Bytes("holds a number not written the way it is written"));
            }
            n |= bits << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(BadMeta::Bytes("holds a number not written the way it is written"))
    }

    /// A count of items of at least a byte each, so no more than the bytes left.
    fn count(&mut self) -> std::result::Result<usize, BadMeta> {
        let n = self.uint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.data.len() - self.at => Ok(n),
            _ => Err(BadMeta::Bytes("holds a count that runs past its end")),
        }
    }

    fn eight(&mut self) -> std::result::Result<[u8; 8], BadMeta> {
        let b = self.data.get(self.at..self.at + 8).ok_or(BadMeta::Bytes("is cut short"))?;
        self.at += 8;
        let mut out = [0u8; 8];
        out.copy_from_slice(b);
        Ok(out)
    }

    fn str(&mut self) -> std::result::Result<&'a [u8], BadMeta> {
        let n = self.count()?;
        let s = &self.data[self.at..self.at + n];
        self.at += n;
        utf8(s).ok_or(BadMeta::Bytes("holds text that is not UTF-8"))?;
        Ok(s)
    }

    /// One value, which stands at `level` (the meta object is level 1).
    fn value(&mut self, level: usize) -> std::result::Result<(), BadMeta> {
        let tag = self.byte()?;
        if matches!(tag, TAG_LIST | TAG_OBJECT) && level > META_MAX_DEPTH {
            return Err(BadMeta::Deep);
        }
        match tag {
            TAG_NULL | TAG_FALSE | TAG_TRUE => Ok(()),
            TAG_U64 => self.uint().map(drop),
            // Only negative integers are written as i64, and JSON has only finite floats.
            TAG_I64 | TAG_F64 => {
                let b = self.eight()?;
                match tag == TAG_I64 {
                    true if i64::from_le_bytes(b) < 0 => Ok(()),
                    false if f64::from_le_bytes(b).is_finite() => Ok(()),
                    _ => Err(BadMeta::Bytes("holds a number not written the way it is written")),
                }
            }
            TAG_STRING => self.str().map(drop),
            TAG_LIST => (0..self.count()?).try_for_each(|_| self.value(level + 1)),
            TAG_OBJECT => self.entries(level),
            _ => Err(BadMeta::Bytes("holds a value of no known kind")),
        }
    }

    /// The entries of an object at `level`: no key twice, each value checked.
    fn entries(&mut self, level: usize) -> std::result::Result<(), BadMeta> {
        let n = self.count()?;
        // A few keys are compared, more are hashed.
        let mut few: [&[u8]; 8] = [&[]; 8];
        let mut keys: HashSet<&[u8]> = HashSet::new();
        for i in 0..n {
            let key = self.str()?;
            let repeated = if n <= few.len() {
                few[i] = key;
                few[..i].contains(&key)
            } else {
                !keys.insert(key)
            };
            if repeated {
                return Err(BadMeta::Bytes("holds a key twice in one object"));
            }
            self.value(level + 1)?;
        }
        Ok(())
    }
}

/// [`MetaCheck`] of an entity's packed meta, which is nothing for no meta.
fn check_meta(data: &[u8]) -> std::result::Result<(), BadMeta> {
    if data.is_empty() {
        return Ok(());
    }
    let mut r = MetaCheck { data, at: 0 };
    // An empty object is packed as nothing, so packed meta has an entry.
    if data[0] == 0 {
        return Err(BadMeta::Bytes("is an empty object written out"));
    }
    r.entries(1)?;
    match r.at == data.len() {
        true => Ok(()),
        false => Err(BadMeta::Bytes("has bytes after its end")),
    }
}

impl Entity {
    /// The packed block (id, metadata, aliases) that [`Entity::from_saved`] takes back.
    pub(crate) fn packed(&self) -> &[u8] {
        &self.aliases.data
    }

    /// An entity read from a saved file: its [`Entity::packed`] block, label (from
    /// [`saved_label`]) and settings, checked as [`Entity::new`] checks a new entity.
    pub(crate) fn from_saved(
        block: &[u8],
        label: Arc<str>,
        variants: Option<Layer>,
        partial: Option<Partial>,
    ) -> Result<Entity> {
        let aliases = Aliases::from_saved(block).map_err(|why| {
            Error::gazetteer(format!("an entity's packed aliases do not hold together: {why}"))
        })?;
        let id = aliases.id();
        check_id_and_name(id, aliases.at(0).text)?;
        // A few texts are compared, more are hashed.
        let (n, mut few, mut seen) = (aliases.len(), [""; 8], HashSet::new());
        let mut repeated = false;
        for (i, alias) in aliases.iter().enumerate() {
            check_alias(id, alias.text)?;
            repeated |= if n <= few.len() {
                few[i] = alias.text;
                few[..i].contains(&alias.text)
            } else {
                !seen.insert(alias.text)
            };
        }
        if repeated {
            return Err(Error::gazetteer(format!("entity {id:?}: two aliases have one text")));
        }
        match check_meta(aliases.meta_bytes()) {
            Ok(()) => {}
            Err(BadMeta::Deep) => return Err(too_deep(id)),
            Err(BadMeta::Bytes(why)) => {
                return Err(Error::gazetteer(format!("entity {id:?}: its packed meta {why}")))
            }
        }
        Ok(Entity { aliases, label, variants, partial })
    }
}

fn too_many() -> Error {
    Error::gazetteer(format!("a gazetteer holds at most {} entities", u32::MAX))
}

/// A label read from a saved file, checked as [`Entity::new`] checks one, in its shared copy.
pub(crate) fn saved_label(label: &str) -> Result<Arc<str>> {
    match label_problem(label) {
        Some(why) => Err(Error::gazetteer(why)),
        None => Ok(intern_label(label)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_finds_entities_by_any_spelling() {
        let e = |id: &str, name: &str, aliases: &[&str]| {
            let aliases = aliases.iter().map(|a| Alias::new(*a, None));
            Entity::new(id, name, "PERSON", aliases, Meta::new()).unwrap()
        };
        let g = Gazetteer::from_entities([
            e("soleimani", "Qasem Soleimani", &["Soleimani"]),
            e("muhandis", "Abu Mahdi al-Muhandis", &["Jamal Jaafar al-Ibrahimi"]),
            e("kh", "Kata'ib Hezbollah", &["KH", "Hezbollah Brigades"]),
            e("hezbollah", "Hezbollah", &[]),
        ])
        .unwrap();
        let ids = |q: &str| -> Vec<(String, &'static str)> {
            g.search(q)
                .into_iter()
                .map(|(e, _, hit)| (g.entities()[e].id().to_owned(), hit.name()))
                .collect()
        };
        // (query, hits best first)
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("soleimani", &[("soleimani", "same")]),
            ("Qassem Suleimani", &[("soleimani", "spelling")]),
            ("qasem", &[("soleimani", "part")]),
            ("Muhandes", &[("muhandis", "spelling-part")]),
            ("al-muhandis", &[("muhandis", "part")]),
            ("Hizbollah", &[("hezbollah", "spelling"), ("kh", "spelling-part")]),
            ("hezbollah", &[("hezbollah", "same"), ("kh", "part")]),
            ("kh", &[("kh", "same")]),
            ("  --  ", &[]),
            ("Baghdadi", &[]),
        ];
        for &(q, expected) in cases {
            let expected: Vec<(String, &str)> =
                expected.iter().map(|(id, hit)| (id.to_string(), *hit)).collect();
            assert_eq!(ids(q), expected, "{q:?}");
        }
    }

    fn entity(id: &str, name: &str, aliases: &[&str]) -> Result<Entity> {
        Entity::new(id, name, "PERSON", aliases.iter().map(|a| Alias::new(*a, None)), Meta::new())
    }

    #[test]
    fn acronym_rule_table() {
        let cases: &[(&str, bool)] = &[
            ("KH", true),
            ("PMF", true),
            ("IS", true),
            ("ISF", true),
            ("K-1", true),
            ("ISWAP", true),
            ("ISWAPS", false),
            ("Kh", false),
            ("kh", false),
            ("U.S.", true),
            ("Kadhimi", false),
            ("1", false),
            ("\u{0643}\u{062A}", false),
        ];
        for &(text, expected) in cases {
            assert_eq!(looks_like_acronym(text), expected, "looks_like_acronym({text:?})");
        }
    }

    #[test]
    fn name_is_first_alias_and_duplicates_merge() {
        let e = Entity::new(
            "kh",
            "Kata'ib Hezbollah",
            "MILITIA",
            [
                Alias::new("KH", None),
                Alias::new("KH", Some(false)),
                Alias::new("Kata'ib Hezbollah", None),
            ],
            Meta::new(),
        )
        .unwrap();
        let texts: Vec<&str> = e.aliases.iter().map(|a| a.text).collect();
        assert_eq!(texts, ["Kata'ib Hezbollah", "KH"]);
        assert_eq!(e.aliases.at(1).case_sensitive, Some(false));
        assert!(!e.aliases.at(1).is_case_sensitive());
    }

    #[test]
    fn bad_entities_are_rejected_with_a_reason() {
        let cases: &[(&str, &str, &[&str], &str)] = &[
            ("", "Name", &[], "non-empty"),
            ("x", "", &[], "name must be"),
            ("x", "Name", &[""], "nothing to match"),
            ("x", "Name", &[" - _ "], "nothing to match"),
            ("x", "Name", &["'"], "nothing to match"),
            ("x", "--", &[], "nothing to match"),
        ];
        for &(id, name, aliases, needle) in cases {
            let err = entity(id, name, aliases).unwrap_err();
            assert!(err.message().contains(needle), "{id:?}/{name:?}/{aliases:?}: {err}");
        }
        let err = Entity::new("x", "N", " ", [], Meta::new()).unwrap_err();
        assert!(err.message().contains("label"));
    }

    /// `levels` objects nested in one another, the meta object itself being the first.
    fn nested_meta(levels: usize) -> Meta {
        let mut value = serde_json::json!([1, "x"]);
        for _ in 2..levels {
            let mut m = Meta::new();
            m.insert("k".into(), value);
            value = serde_json::Value::Object(m);
        }
        let mut meta = Meta::new();
        if levels > 1 {
            meta.insert("k".into(), value);
        }
        meta
    }

    #[test]
    fn ids_labels_and_names_hold_no_hidden_characters() {
        // (id, name, label, the message's fragment); issue 15.1
        let cases: &[(&str, &str, &str, &str)] = &[
            ("a\nb", "A", "L", "id \"a\\nb\" holds a line break (U+000A) at character 2"),
            ("a\r", "A", "L", "a line break (U+000D)"),
            ("a\0", "A", "L", "a NUL character (U+0000)"),
            ("\u{feff}a", "A", "L", "a byte order mark (U+FEFF) at character 1"),
            ("a\u{200b}b", "A", "L", "an invisible character (U+200B)"),
            ("a\u{200e}", "A", "L", "an invisible character (U+200E)"),
            ("a\u{2028}", "A", "L", "a line break (U+2028)"),
            ("a\u{7f}", "A", "L", "a control character (U+007F)"),
            ("a\u{e0041}", "A", "L", "an invisible character (U+E0041)"),
            ("a", "A", "L\tX", "label \"L\\tX\" holds a tab (U+0009)"),
            ("a", "A", "\u{feff}L", "label \"\\u{feff}L\" holds a byte order mark"),
            ("a", "A", "L\u{2060}", "an invisible character (U+2060)"),
            ("a", "X\nb,Beta,X\n", "L", "name \"X\\nb,Beta,X\\n\" holds a line break"),
            ("a", "A\0", "L", "name \"A\\0\" holds a NUL character"),
        ];
        for &(id, name, label, fragment) in cases {
            let err = Entity::new(id, name, label, [], Meta::new()).unwrap_err();
            assert!(err.message().contains(fragment), "{id:?}/{name:?}/{label:?}: {err}");
        }
        // Names may hold the format characters Persian and Kurdish spelling needs, and so may
        // aliases; ids and labels with visible characters of any script are fine.
        for (id, name, label) in [
            ("ok", "\u{0645}\u{06cc}\u{200c}\u{062e}", "ORG"),
            ("\u{0643}\u{062a}-1", "Abu Mahdi", "\u{0645}\u{0646}\u{0638}\u{0645}\u{0629}"),
            ("x y", "A\u{200d}B", "MY LABEL"),
        ] {
            Entity::new(id, name, label, [Alias::new("a\nb", None)], Meta::new()).unwrap();
        }
    }

    #[test]
    fn the_ascii_shortcut_hides_what_both_tests_hide() {
        // `hidden_character` passes an ASCII text with no control at once: every ASCII
        // character either test hides is a control, and a hidden one is found at its place.
        for b in 0u8..0x80 {
            let c = char::from(b);
            let control = b < 0x20 || b == 0x7F;
            assert_eq!(is_control(c), control, "{b:#x}");
            assert_eq!(is_invisible(c), control, "{b:#x}");
            let text = format!("ab{c}d");
            let found = hidden_character(&text, is_invisible);
            assert_eq!(found.is_some(), control, "{b:#x}");
            if let Some(what) = found {
                assert!(what.ends_with("at character 3"), "{b:#x}: {what}");
            }
        }
        assert!(hidden_character("plain ascii", is_control).is_none());
        assert!(hidden_character("caf\u{e9}\u{85}", is_control).unwrap().contains("U+0085"));
    }

    #[test]
    fn an_alias_with_an_ascii_letter_or_digit_has_something_to_match() {
        // `check_alias` folds only aliases without one: folding keeps every ASCII letter and
        // digit, whatever stands around it.
        let cases = [
            "a",
            "7",
            "'a'",
            "-1-",
            "a\u{0301}",
            "\u{0301}b",
            "\u{200d}c\u{200d}",
            "\u{0640}d",
            "\u{feff}e",
            "\u{2019}s",
            "s\u{2019}",
            "_x_",
            "\u{0643}k",
            "A\u{030c}",
            "\u{00ad}z",
            " q ",
            "'s",
            "O'",
            "\u{0300}\u{0300}0",
        ];
        for text in cases {
            assert!(text.bytes().any(|b| b.is_ascii_alphanumeric()), "{text:?}");
            assert!(!fold_key(text, false).is_empty(), "{text:?}");
            check_alias("x", text).unwrap();
        }
    }

    #[test]
    fn aliases_are_bounded_in_length() {
        let at_bound = "\u{0643}".repeat(ALIAS_MAX_CHARS);
        let e = Entity::new("x", "X", "L", [Alias::new(at_bound.clone(), None)], Meta::new());
        assert_eq!(e.unwrap().aliases.at(1).text, at_bound);
        // The issue's 113k-character alias, and one character too many, as name or alias.
        let cases = ["X\nb,Beta,X\nc,Gamma,X\n".repeat(5_400), "a".repeat(ALIAS_MAX_CHARS + 1)];
        for long in cases {
            let more = long.chars().count() - 40;
            let flat = long.replace('\n', " ");
            let as_alias = Entity::new("x", "X", "L", [Alias::new(long, None)], Meta::new());
            let as_name = Entity::new("x", flat, "L", [], Meta::new());
            for err in [as_alias.unwrap_err(), as_name.unwrap_err()] {
                let m = err.message();
                assert!(m.starts_with("entity \"x\": alias \""), "{m}");
                assert!(m.contains(&format!("... ({more} more characters) has ")), "{m}");
                assert!(m.contains("an alias may have at most 1000"), "{m}");
                assert!(m.len() < 400, "the alias is not repeated whole: {m}");
            }
        }
    }

    #[test]
    fn meta_nests_at_most_the_limit() {
        let at_limit = nested_meta(META_MAX_DEPTH);
        assert_eq!(meta_depth(&at_limit), META_MAX_DEPTH);
        let e = Entity::new("x", "X", "L", [], at_limit).unwrap();
        assert_eq!(e.clone().revalidated().unwrap(), e);
        for levels in [META_MAX_DEPTH + 1, 125, 500] {
            let err = Entity::new("x", "X", "L", [], nested_meta(levels)).unwrap_err();
            assert!(
                err.message().contains("meta is nested more than 64 levels deep"),
                "{levels}: {err}"
            );
        }
        // Depth counts lists too, and scalars none.
        let cases: &[(&str, usize)] = &[
            ("{}", 1),
            (r#"{"a": 1, "b": "x"}"#, 1),
            (r#"{"a": []}"#, 2),
            (r#"{"a": [1, [2, {"b": null}]], "c": {}}"#, 4),
        ];
        for &(json, expected) in cases {
            let meta: Meta = serde_json::from_str(json).unwrap();
            assert_eq!(meta_depth(&meta), expected, "{json}");
        }
    }

    #[test]
    fn many_aliases_of_one_entity_are_merged_in_order() {
        // Issue 15.4: 200k aliases, each given twice, the second time with a case setting.
        let n = 200_000;
        let aliases = (0..n)
            .map(|i| Alias::new(format!("a{i}"), None))
            .chain((0..n).map(|i| Alias::new(format!("a{i}"), Some(i % 2 == 0))))
            .chain([Alias::new("Name", Some(true))]);
        let e = Entity::new("x", "Name", "L", aliases, Meta::new()).unwrap();
        assert_eq!(e.aliases.len(), n + 1);
        assert_eq!((e.aliases.at(0).text, e.aliases.at(0).case_sensitive), ("Name", Some(true)));
        assert_eq!(e.aliases.at(1).text, "a0");
        assert_eq!(e.aliases.at(n).text, format!("a{}", n - 1));
        assert_eq!(e.aliases.at(1).case_sensitive, Some(true));
        assert_eq!(e.aliases.at(2).case_sensitive, Some(false));
        let merged = e.clone().merged(e.clone()).unwrap();
        assert_eq!(merged, e);
    }

    #[test]
    fn meta_is_kept_exactly() {
        // Issue 13: meta is kept encoded; every value, and the key order, comes back.
        let cases = [
            r#"{}"#,
            r#"{"source": "known"}"#,
            r#"{"z": 1, "a": 2, "m": [3, "x", null]}"#,
            r#"{"f": 0.1, "tiny": 5e-324, "big": 1e300, "neg": -0.0, "e": -2.5e-7}"#,
            r#"{"u": 18446744073709551615, "i": -9223372036854775808, "zero": 0, "n": -1}"#,
            r#"{"t": true, "f": false, "nil": null, "s": "", "ar": "\u0643\u062a \u00e9 \ud83d\ude00"}"#,
            r#"{"deep": {"a": [{"b": {"c": [1.5, {"d": "e"}]}}], "empty": {}, "list": []}}"#,
        ];
        for json in cases {
            let meta: Meta = serde_json::from_str(json).unwrap();
            let e = Entity::new("x", "X", "L", [], meta.clone()).unwrap();
            let back = e.meta();
            assert_eq!(back, meta, "{json}");
            let text = |m: &Meta| serde_json::to_string(m).unwrap();
            assert_eq!(text(&back), text(&meta), "{json}: same order, same numbers");
            assert_eq!(e.has_meta(), !meta.is_empty(), "{json}");
            for (k, v) in &meta {
                assert_eq!(e.meta_value(k).as_ref(), Some(v), "{json}: {k}");
                assert_eq!(e.meta_str(k), v.as_str(), "{json}: {k}");
            }
            assert_eq!(e.meta_value("missing"), None, "{json}");
            assert_eq!(e.meta_str("missing"), None, "{json}");
        }
    }

    #[test]
    fn alias_settings_are_packed_and_unpacked() {
        let flags = [None, Some(false), Some(true)];
        let layers = [None, Some(Layer::None), Some(Layer::Default), Some(Layer::Aggressive)];
        let partials = [None, Some(Partial::Free), Some(Partial::Licensed), Some(Partial::Off)];
        let mut aliases = Vec::new();
        for cs in flags {
            for ambiguous in flags {
                for variants in layers {
                    for partial in partials {
                        let text = format!("a{}", aliases.len());
                        let a = Alias::new(text, cs).with_ambiguous(ambiguous);
                        aliases.push(a.with_variants(variants).with_partial(partial));
                    }
                }
            }
        }
        let e = Entity::new("x", "Name", "L", aliases.clone(), Meta::new()).unwrap();
        assert_eq!(e.aliases.len(), aliases.len() + 1);
        let back: Vec<Alias> = e.aliases.iter().skip(1).map(|a| a.to_alias()).collect();
        assert_eq!(back, aliases);
        assert_eq!(e.aliases.iter().next_back(), e.aliases.get(aliases.len()));
        assert_eq!(e.aliases.get(aliases.len() + 1), None);
        assert_eq!((e.id(), e.name(), e.label()), ("x", "Name", "L"));
        // The iterator slices the texts once; `get` finds each alone: the same aliases, from
        // either end, in any script.
        let texts = ["Ḥashd", "الحشد", "x", "😀 y", "Hashd"];
        let aliases: Vec<Alias> = texts[1..].iter().map(|t| Alias::new(*t, None)).collect();
        let e = Entity::new("\u{645}", texts[0], "L", aliases, Meta::new()).unwrap();
        let got: Vec<&str> = e.aliases.iter().map(|a| a.text).collect();
        assert_eq!(got, texts);
        let by_get: Vec<_> = (0..texts.len()).map(|i| e.aliases.get(i).unwrap()).collect();
        assert_eq!(e.aliases.iter().collect::<Vec<_>>(), by_get);
        let mut back: Vec<_> = e.aliases.iter().rev().collect();
        back.reverse();
        assert_eq!(back, by_get);
    }

    #[test]
    fn entities_are_compact() {
        // Issue 13: one allocation an entity (its id, meta and aliases) and a shared label.
        assert!(std::mem::size_of::<Entity>() <= 40, "{}", std::mem::size_of::<Entity>());
        let meta = Meta::from_iter([("source".to_owned(), Value::from("known"))]);
        let aliases = [Alias::new("Ain al-Asad", None), Alias::new("Al Asad Airbase", None)];
        let e = Entity::new("base-000001", "Ain al-Asad Air Base", "BASE", aliases, meta);
        let e = e.unwrap();
        // Header and 3 entries, the id, the meta (count, key, tag, value) and the texts.
        assert_eq!(e.heap_bytes(), 12 + 3 * 5 + 11 + (1 + 7 + 1 + 6) + (20 + 11 + 15));
        let other = Entity::new("base-000002", "Balad Air Base", "BASE", [], Meta::new()).unwrap();
        assert!(Arc::ptr_eq(&e.label, &other.label), "one copy of each label");
    }

    #[test]
    fn entities_serialize_as_before() {
        // The field layout of saved files and pickles (issue 13 changed only the storage).
        let e = Entity::new(
            "kh",
            "Kata'ib Hezbollah",
            "MILITIA",
            [Alias::new("KH", Some(true)).with_variants(Some(Layer::None))],
            Meta::from_iter([("country".to_owned(), Value::from("IQ"))]),
        )
        .unwrap()
        .with_partial(Some(Partial::Licensed));
        let json = concat!(
            r#"{"id":"kh","name":"Kata'ib Hezbollah","label":"MILITIA","aliases":["#,
            r#"{"text":"Kata'ib Hezbollah"},{"text":"KH","case_sensitive":true,"variants":"none"}"#,
            r#"],"meta":{"country":"IQ"},"partial":"licensed"}"#
        );
        assert_eq!(serde_json::to_string(&e).unwrap(), json);
        let back: Entity = serde_json::from_str(json).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.clone().revalidated().unwrap(), e);
        // Read as written, checked only by `revalidated`: a name missing from the aliases, no
        // meta, an empty alias.
        let old = r#"{"id":"x","name":"X","label":"L","aliases":[{"text":"Y"},{"text":""}]}"#;
        let read: Entity = serde_json::from_str(old).unwrap();
        let texts: Vec<&str> = read.aliases.iter().map(|a| a.text).collect();
        assert_eq!(texts, ["X", "Y", ""]);
        assert!(read.revalidated().unwrap_err().message().contains("has nothing to match"));
    }

    #[test]
    fn equal_meta_in_another_order_is_equal() {
        let meta = |json: &str| serde_json::from_str::<Meta>(json).unwrap();
        let a = Entity::new("x", "X", "L", [], meta(r#"{"a": 1, "b": [2]}"#)).unwrap();
        let b = Entity::new("x", "X", "L", [], meta(r#"{"b": [2], "a": 1}"#)).unwrap();
        let c = Entity::new("x", "X", "L", [], meta(r#"{"b": [2], "a": 2}"#)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_id_index_follows_adds_and_removals() {
        let mut g = Gazetteer::new();
        for i in 0..500 {
            g.add(entity(&format!("e{i}"), &format!("Name {i}"), &[]).unwrap()).unwrap();
        }
        for i in (0..500).step_by(3) {
            assert_eq!(g.remove(&format!("e{i}")).unwrap().id(), format!("e{i}"));
        }
        g.shrink_to_fit();
        for i in 0..500 {
            let id = format!("e{i}");
            let found = g.get(&id).map(|e| e.name().to_owned());
            assert_eq!(found, (i % 3 != 0).then(|| format!("Name {i}")), "{id}");
        }
        assert_eq!(g.len(), 333);
        let (entities, index) = g.heap_bytes();
        assert!(entities > 0 && index < 333 * 16, "{entities} {index}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut g = Gazetteer::new();
        g.add(entity("a", "Alpha", &[]).unwrap()).unwrap();
        let err = g.add(entity("a", "Other", &[]).unwrap()).unwrap_err();
        assert!(err.message().contains("duplicate entity id \"a\""), "{err}");
        assert_eq!(g.len(), 1);
        assert_eq!(g.get("a").unwrap().name(), "Alpha");
    }

    #[test]
    fn update_merges_replaces_or_refuses() {
        let meta = |k: &str, v: &str| Meta::from_iter([(k.to_owned(), Value::from(v))]);
        let base = || {
            let aliases = [Alias::new("KH", Some(true))];
            let kh =
                Entity::new("kh", "Kata'ib Hezbollah", "PERSON", aliases, meta("country", "IQ"));
            Gazetteer::from_entities([kh.unwrap(), entity("pmf", "PMF", &[]).unwrap()]).unwrap()
        };
        let aliases = [
            Alias::new("Hezbollah Brigades", None).with_variants(Some(Layer::None)),
            Alias::new("KH", None),
        ];
        let theirs = Entity::new("kh", "Kataib Hezbollah", "PERSON", aliases, meta("note", "x"));
        let incoming =
            Gazetteer::from_entities([theirs.unwrap(), entity("new", "New", &[]).unwrap()])
                .unwrap();

        let mut g = base();
        g.update(incoming.clone(), Conflict::Merge).unwrap();
        let kh = g.get("kh").unwrap();
        let texts: Vec<&str> = kh.aliases.iter().map(|a| a.text).collect();
        assert_eq!(texts, ["Kataib Hezbollah", "Kata'ib Hezbollah", "KH", "Hezbollah Brigades"]);
        assert_eq!(kh.aliases.at(2).case_sensitive, Some(true), "kept from the first");
        assert_eq!(kh.aliases.at(3).variants, Some(Layer::None), "taken from the second");
        assert_eq!((kh.meta_str("country"), kh.meta_str("note")), (Some("IQ"), Some("x")));
        assert_eq!(g.len(), 3);

        let mut g = base();
        g.update(incoming.clone(), Conflict::Replace).unwrap();
        assert_eq!(g.get("kh").unwrap(), &incoming.entities[0]);

        let mut g = base();
        let err = g.update(incoming, Conflict::Error).unwrap_err();
        assert!(err.message().contains("\"kh\" is in both"), "{err}");
        assert_eq!(g, base(), "nothing changed");
    }

    #[test]
    fn remove_entities_and_aliases() {
        let mut g = Gazetteer::from_entities([
            entity("a", "Alpha", &["A1"]).unwrap(),
            entity("b", "Beta", &[]).unwrap(),
            entity("c", "Gamma", &["G"]).unwrap(),
        ])
        .unwrap();
        assert_eq!(g.remove("b").unwrap().name(), "Beta");
        assert_eq!(g.get("c").unwrap().name(), "Gamma", "index moved with the removal");
        assert!(g.remove("b").unwrap_err().message().contains("no entity has the id \"b\""));
        g.remove_alias("a", "A1").unwrap();
        assert_eq!(g.get("a").unwrap().aliases.len(), 1);
        let cases: &[(&str, &str, &str)] = &[
            ("a", "A1", "has no alias \"A1\""),
            ("a", "Alpha", "canonical name"),
            ("z", "x", "no entity has the id \"z\""),
        ];
        for &(id, alias, fragment) in cases {
            let err = g.remove_alias(id, alias).unwrap_err();
            assert!(err.message().contains(fragment), "{id}/{alias}: {err}");
        }
        g.add(entity("b", "Beta", &[]).unwrap()).unwrap();
        assert_eq!(g.get("b").unwrap().name(), "Beta");
    }
}
