//! Matches of many texts as columns: one flat vector per field, strings as dictionary codes.
//!
//! This is what `Tagger.tag_frame` and `Tagger.tag_arrow` hand to pandas and Arrow in one
//! piece, so that no object is made per match. Every string column is a vector of `i32` codes
//! into a list of distinct values (the values of a pandas `Categorical` or an Arrow dictionary),
//! and each distinct value is stored once however many matches share it.
//!
//! Fields of the entities' `meta` asked for by name become string columns too, looked up once
//! per entity: a string value as it is, any other value as its JSON text, and code -1 (a null)
//! for an entity without the field.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;

use super::gazetteer::Gazetteer;
use super::matcher::Tagged;

/// A fast hash for the columns' lookups (the FxHash of rustc: a multiply and a rotate per 8
/// bytes). Every match looks up its text, and SipHash made that a tenth of building a table
/// (issue 13); the keys are the texts of matches, which only aliases produce.
#[derive(Debug, Default, Clone, Copy)]
struct FastHash;

impl BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Distinct strings and the codes of a column.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    /// One code per row: an index into `values`.
    pub codes: Vec<i32>,
    /// The distinct values, in order of first appearance.
    pub values: Vec<String>,
    /// The codes with their values' hashes, found by those: each value is kept once, in
    /// `values`. The hash is kept so that growing the table does not read every value again
    /// (that was a tenth of building a table's columns, issue 13), and so that a probe
    /// compares only the values of equal hashes.
    index: HashTable<(u64, i32)>,
}

/// Equal codes and values (the index follows from the values).
impl PartialEq for Dictionary {
    fn eq(&self, other: &Dictionary) -> bool {
        self.codes == other.codes && self.values == other.values
    }
}

impl Eq for Dictionary {}

impl Dictionary {
    /// The code of `value`, added when new.
    fn code(&mut self, value: &str) -> i32 {
        let hash = FastHash.hash_one(value);
        let values = &self.values;
        let same = |&(h, c): &(u64, i32)| h == hash && values[c as usize] == value;
        if let Some(&(_, c)) = self.index.find(hash, same) {
            return c;
        }
        let c = self.values.len() as i32;
        self.values.push(value.to_owned());
        self.index.insert_unique(hash, (hash, c), |&(h, _)| h);
        c
    }

    fn push(&mut self, value: &str) {
        let c = self.code(value);
        self.codes.push(c);
    }

    /// The code of `value`, added without a look: for a column whose values are distinct by
    /// how they come (each entity's id once), which is never looked up by value.
    fn code_new(&mut self, value: &str) -> i32 {
        self.values.push(value.to_owned());
        (self.values.len() - 1) as i32
    }

    /// The column as an Arrow string array's buffers: each row's value written out (UTF-8,
    /// one after another) and `len() + 1` offsets into those bytes, as `O` (`i32` for Arrow's
    /// `string`, `i64` for `large_string`). None when the bytes do not fit in `O`, or a code
    /// is no value's (a null, as in a meta column). pandas keeps its `str` columns in this
    /// form: handed over whole, they need no Python string for each distinct value and no
    /// `take` over them (issue 13).
    pub fn expand<O: TryFrom<usize>>(&self) -> Option<(Vec<O>, Vec<u8>)> {
        let mut total = 0usize;
        for &c in &self.codes {
            total += self.values.get(usize::try_from(c).ok()?)?.len();
        }
        O::try_from(total).ok()?;
        let mut offsets = Vec::with_capacity(self.codes.len() + 1);
        let mut data = Vec::with_capacity(total);
        offsets.push(O::try_from(0).ok()?);
        for &c in &self.codes {
            data.extend_from_slice(self.values[c as usize].as_bytes());
            // Below `total`, which fits.
            offsets.push(O::try_from(data.len()).ok()?);
        }
        Some((offsets, data))
    }
}

/// The columns of a table with one row per match.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The position of the match's text in the input.
    pub doc: Vec<i64>,
    /// Start and end as code-point (Python `str`) indices into that text.
    pub start: Vec<i64>,
    /// End offsets (code points), one per match.
    pub end: Vec<i64>,
    /// The matched text as it stands in the original.
    pub text: Dictionary,
    /// Each match's label.
    pub label: Dictionary,
    /// Each match's entity id.
    pub entity_id: Dictionary,
    /// Each match's canonical name.
    pub name: Dictionary,
    /// Each match's alias.
    pub alias: Dictionary,
    /// Each match's rule.
    pub rule: Dictionary,
    /// Every candidate entity's id, joined by `|`; equal to `entity_id` unless ambiguous.
    pub entities: Dictionary,
    /// The meta fields asked for, by name, and their columns (code -1: no such field).
    pub meta_keys: Vec<String>,
    /// One column per name of `meta_keys`.
    pub meta: Vec<Dictionary>,
    /// The entities met so far, each with a slot in the vectors below (by first meeting): a
    /// map, not a vector over every entity, so that a call over a gazetteer of a million
    /// entities does not clear megabytes for the few thousand it meets (issue 13).
    slots: HashMap<u32, u32, FastHash>,
    /// Per slot, the codes of its entity's id, label and name, looked up once, so that the
    /// common case costs one map lookup instead of a hash of each string.
    entity_codes: Vec<[i32; 3]>,
    /// Per slot, its entity's meta codes (`meta_keys.len()` codes each).
    entity_meta: Vec<i32>,
    /// Per slot, the code of its entity's id in `entities` once a match of it alone has added
    /// it (-1 before): most rows are such matches.
    lone_codes: Vec<i32>,
    /// Per alias met, its code in `alias` and, once a match wrote it as the alias does, in
    /// `text` (-1 before).
    alias_codes: HashMap<(u32, u32), [i32; 2], FastHash>,
    rule_codes: HashMap<u16, i32, FastHash>,
}

impl Columns {
    /// Empty columns.
    pub fn new() -> Columns {
        Columns::default()
    }

    /// Empty columns with one more string column per field of the entities' `meta` in `keys`.
    pub fn with_meta(keys: Vec<String>) -> Columns {
        let meta = keys.iter().map(|_| Dictionary::default()).collect();
        Columns { meta_keys: keys, meta, ..Columns::default() }
    }

    /// How many rows (matches) the columns hold.
    pub fn len(&self) -> usize {
        self.doc.len()
    }

    /// Whether no match has been added.
    pub fn is_empty(&self) -> bool {
        self.doc.is_empty()
    }

    /// Appends the matches of one text, the `doc`-th of the input.
    pub fn push(&mut self, gazetteer: &Gazetteer, doc: usize, text: &str, tagged: &Tagged) {
        let entities = gazetteer.entities();
        let k = self.meta_keys.len();
        for m in &tagged.matches {
            self.doc.push(doc as i64);
            self.start.push(m.start as i64);
            self.end.push(m.end as i64);
            let e = &entities[m.entity as usize];
            let slot = match self.slots.get(&m.entity) {
                Some(&slot) => slot as usize,
                None => {
                    let slot = self.entity_codes.len();
                    self.slots.insert(m.entity, slot as u32);
                    self.entity_codes.push([
                        // Each entity meets the id column once: no look needed (`slots`).
                        self.entity_id.code_new(e.id()),
                        self.label.code(e.label()),
                        self.name.code(e.name()),
                    ]);
                    self.lone_codes.push(-1);
                    for j in 0..k {
                        let code = match e.meta_value(&self.meta_keys[j]) {
                            None | Some(serde_json::Value::Null) => -1,
                            Some(serde_json::Value::String(v)) => self.meta[j].code(&v),
                            Some(v) => self.meta[j].code(&v.to_string()),
                        };
                        self.entity_meta.push(code);
                    }
                    slot
                }
            };
            let [id, label, name] = self.entity_codes[slot];
            let at = slot * k;
            for (column, &code) in self.meta.iter_mut().zip(&self.entity_meta[at..at + k]) {
                column.codes.push(code);
            }
            self.entity_id.codes.push(id);
            self.label.codes.push(label);
            self.name.codes.push(name);
            // The text as the alias writes it (most mentions) is coded once per alias, found
            // by the alias like its own code, not by hashing the text (issue 13).
            let surface = &text[m.byte_start..m.byte_end];
            let written = e.aliases.at(m.alias as usize).text;
            let alias = &mut self.alias;
            let codes = self
                .alias_codes
                .entry((m.entity, m.alias))
                .or_insert_with(|| [alias.code(written), -1]);
            self.alias.codes.push(codes[0]);
            let text_code = if surface == written {
                if codes[1] < 0 {
                    codes[1] = self.text.code(surface);
                }
                codes[1]
            } else {
                self.text.code(surface)
            };
            self.text.codes.push(text_code);
            let rule = match self.rule_codes.get(&m.rules.bits()) {
                Some(&c) => c,
                None => {
                    let c = self.rule.code(&m.rules.describe());
                    self.rule_codes.insert(m.rules.bits(), c);
                    c
                }
            };
            self.rule.codes.push(rule);
            let candidates = tagged.candidates(m);
            if candidates.len() == 1 {
                let lone = &mut self.lone_codes[slot];
                if *lone < 0 {
                    *lone = self.entities.code(e.id());
                }
                self.entities.codes.push(*lone);
            } else {
                let ids: Vec<&str> =
                    candidates.iter().map(|&i| entities[i as usize].id()).collect();
                self.entities.push(&ids.join("|"));
            }
        }
    }

    /// The string columns by name, in table order.
    pub fn dictionaries(&self) -> [(&'static str, &Dictionary); 7] {
        [
            ("text", &self.text),
            ("label", &self.label),
            ("entity_id", &self.entity_id),
            ("name", &self.name),
            ("alias", &self.alias),
            ("rule", &self.rule),
            ("entities", &self.entities),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Alias, Entity, Options, Tagger};

    fn tagger() -> Tagger {
        let mut g = Gazetteer::new();
        for (id, name, label, aliases) in [
            ("kh", "Kata'ib Hezbollah", "MILITIA", vec!["KH"]),
            ("asad", "Ain al-Asad Air Base", "BASE", vec!["Ain al-Asad"]),
            ("kh2", "Khorasan Brigades", "MILITIA", vec!["KH"]),
        ] {
            let aliases = aliases.into_iter().map(|a| Alias::new(a, None));
            let e = Entity::new(id, name, label, aliases, Default::default());
            g.add(e.expect("valid entity")).expect("new id");
        }
        Tagger::build(g, Options::default()).expect("builds")
    }

    #[test]
    fn columns_hold_each_distinct_string_once() {
        let t = tagger();
        let texts = ["KH hit Ayn al-Assad.", "", "Ain al-Asad, then KH; Kataib Hezbollah"];
        let mut cols = Columns::new();
        for (i, text) in texts.iter().enumerate() {
            cols.push(t.gazetteer(), i, text, &t.tag(text).expect("tags"));
        }
        assert_eq!(cols.doc, [0, 0, 2, 2, 2]);
        assert_eq!(cols.start, [0, 7, 0, 18, 22]);
        assert_eq!(cols.end, [2, 19, 11, 20, 38]);
        let strings = |d: &Dictionary| -> Vec<String> {
            d.codes.iter().map(|&c| d.values[c as usize].clone()).collect()
        };
        assert_eq!(
            strings(&cols.text),
            ["KH", "Ayn al-Assad", "Ain al-Asad", "KH", "Kataib Hezbollah"]
        );
        assert_eq!(strings(&cols.entity_id), ["kh", "asad", "asad", "kh", "kh"]);
        assert_eq!(strings(&cols.entities), ["kh|kh2", "asad", "asad", "kh|kh2", "kh"]);
        assert_eq!(strings(&cols.label), ["MILITIA", "BASE", "BASE", "MILITIA", "MILITIA"]);
        assert_eq!(
            strings(&cols.alias),
            ["KH", "Ain al-Asad", "Ain al-Asad", "KH", "Kata'ib Hezbollah"]
        );
        assert_eq!(cols.rule.values[0], "exact");
        assert_eq!(cols.text.values, ["KH", "Ayn al-Assad", "Ain al-Asad", "Kataib Hezbollah"]);
        assert_eq!(cols.label.values, ["MILITIA", "BASE"]);
        assert_eq!(cols.len(), 5);
        assert!(cols.meta.is_empty());
    }

    #[test]
    fn a_column_expands_to_arrow_buffers() {
        let t = tagger();
        let mut cols = Columns::new();
        for (i, text) in ["KH hit Ayn al-Assad.", "", "Ain al-Asad, then KH"].iter().enumerate() {
            cols.push(t.gazetteer(), i, text, &t.tag(text).expect("tags"));
        }
        let (offsets, data) = cols.text.expand::<i64>().expect("fits");
        assert_eq!(offsets, [0, 2, 14, 25, 27]);
        assert_eq!(data, b"KHAyn al-AssadAin al-AsadKH");
        let (offsets, data) = cols.label.expand::<i32>().expect("fits");
        assert_eq!(offsets, [0, 7, 11, 15, 22]);
        assert_eq!(data, b"MILITIABASEBASEMILITIA");
        // Every row's value, whatever the column and width.
        for (_, d) in cols.dictionaries() {
            let (offsets, data) = d.expand::<i32>().expect("fits");
            let rows: Vec<&str> = offsets
                .windows(2)
                .map(|w| std::str::from_utf8(&data[w[0] as usize..w[1] as usize]).expect("utf-8"))
                .collect();
            let expected: Vec<&str> =
                d.codes.iter().map(|&c| d.values[c as usize].as_str()).collect();
            assert_eq!(rows, expected);
        }
        // No rows: one offset.
        assert_eq!(Columns::new().text.expand::<i64>(), Some((vec![0], vec![])));
        // Bytes past the offsets' width, and a null code, are not expanded.
        let wide =
            Dictionary { codes: vec![0; 300], values: vec!["x".repeat(200)], ..Default::default() };
        assert_eq!(wide.expand::<i16>(), None);
        assert_eq!(wide.expand::<i32>().map(|(o, d)| (o[300], d.len())), Some((60_000, 60_000)));
        let null =
            Dictionary { codes: vec![0, -1], values: vec!["a".into()], ..Default::default() };
        assert_eq!(null.expand::<i64>(), None);
    }

    #[test]
    fn meta_fields_become_columns_with_nulls_for_absent_fields() {
        let mut g = Gazetteer::new();
        let meta = |v: serde_json::Value| v.as_object().cloned().expect("an object");
        for (id, name, m) in [
            (
                "kh",
                "Kata'ib Hezbollah",
                meta(serde_json::json!({"country": "IQ", "founded": 2003})),
            ),
            ("asad", "Ain al-Asad", meta(serde_json::json!({"country": "IQ", "kind": "base"}))),
            ("x", "Xanadu", meta(serde_json::json!({"country": null, "tags": ["a", "b"]}))),
        ] {
            let e = Entity::new(id, name, "THING", [], m).expect("valid entity");
            g.add(e).expect("new id");
        }
        let t = Tagger::build(g, Options::default()).expect("builds");
        let keys = ["country", "kind", "founded", "tags", "absent"].map(String::from).to_vec();
        let mut cols = Columns::with_meta(keys);
        let text = "Ain al-Asad, Xanadu, Kata'ib Hezbollah, Ain al-Asad";
        cols.push(t.gazetteer(), 0, text, &t.tag(text).expect("tags"));
        let column = |j: usize| -> Vec<Option<String>> {
            let d = &cols.meta[j];
            d.codes.iter().map(|&c| (c >= 0).then(|| d.values[c as usize].clone())).collect()
        };
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(column(0), [s("IQ"), None, s("IQ"), s("IQ")]);
        assert_eq!(column(1), [s("base"), None, None, s("base")]);
        assert_eq!(column(2), [None, None, s("2003"), None]);
        assert_eq!(column(3), [None, s(r#"["a","b"]"#), None, None]);
        assert_eq!(column(4), [None, None, None, None]);
        assert_eq!(cols.meta[0].values, ["IQ"]);
    }
}
