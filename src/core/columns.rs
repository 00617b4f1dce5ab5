//! Matches of many texts as columns: one flat vector per field, strings as dictionary codes.
//!
//! This is what `Tagger.tag_frame` and `Tagger.tag_arrow` hand to pandas and Arrow in one
//! piece, so that no object is made per match. Every string column is a vector of `i32` codes
//! into a list of distinct values (the values of a pandas `Categorical` or an Arrow dictionary),
//! and each distinct value is stored once however many matches share it.

use std::collections::HashMap;

use super::gazetteer::Gazetteer;
use super::matcher::Tagged;

/// Distinct strings and the codes of a column.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dictionary {
    /// One code per row: an index into `values`.
    pub codes: Vec<i32>,
    /// The distinct values, in order of first appearance.
    pub values: Vec<String>,
    index: HashMap<String, i32>,
}

impl Dictionary {
    /// The code of `value`, added when new.
    fn code(&mut self, value: &str) -> i32 {
        if let Some(&c) = self.index.get(value) {
            return c;
        }
        let c = self.values.len() as i32;
        self.values.push(value.to_owned());
        self.index.insert(value.to_owned(), c);
        c
    }

    fn push(&mut self, value: &str) {
        let c = self.code(value);
        self.codes.push(c);
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
    /// Per entity and per alias, codes already looked up, so that the common case costs one
    /// vector index instead of a hash of each string.
    entity_codes: Vec<Option<[i32; 3]>>,
    alias_codes: HashMap<(u32, u32), i32>,
    rule_codes: HashMap<u16, i32>,
}

impl Columns {
    /// Empty columns.
    pub fn new() -> Columns {
        Columns::default()
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
        if self.entity_codes.len() < entities.len() {
            self.entity_codes.resize(entities.len(), None);
        }
        for m in &tagged.matches {
            self.doc.push(doc as i64);
            self.start.push(m.start as i64);
            self.end.push(m.end as i64);
            self.text.push(&text[m.byte_start..m.byte_end]);
            let e = &entities[m.entity as usize];
            let [id, label, name] = match self.entity_codes[m.entity as usize] {
                Some(codes) => codes,
                None => {
                    let codes = [
                        self.entity_id.code(&e.id),
                        self.label.code(&e.label),
                        self.name.code(&e.name),
                    ];
                    self.entity_codes[m.entity as usize] = Some(codes);
                    codes
                }
            };
            self.entity_id.codes.push(id);
            self.label.codes.push(label);
            self.name.codes.push(name);
            let alias = match self.alias_codes.get(&(m.entity, m.alias)) {
                Some(&c) => c,
                None => {
                    let c = self.alias.code(&e.aliases[m.alias as usize].text);
                    self.alias_codes.insert((m.entity, m.alias), c);
                    c
                }
            };
            self.alias.codes.push(alias);
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
                self.entities.push(&e.id);
            } else {
                let ids: Vec<&str> =
                    candidates.iter().map(|&i| entities[i as usize].id.as_str()).collect();
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
    }
}
