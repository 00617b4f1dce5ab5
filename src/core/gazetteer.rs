//! The gazetteer model: entities with ids, canonical names, labels, aliases and metadata.
//!
//! Owns validation of dictionary data. An entity that gets in is well formed: a non-empty id,
//! name and label, and aliases that each have something to match once folded. The canonical
//! name is always the first alias.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::fold::fold_key;
use super::variants::Layer;

/// JSON-like metadata kept with an entity and returned as given.
pub type Meta = serde_json::Map<String, serde_json::Value>;

/// How many letters an all-capitals alias may have and still be taken for an acronym.
pub const ACRONYM_MAX_LETTERS: usize = 5;

/// One surface form of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub text: String,
    /// `Some` when the dictionary says whether case matters; `None` lets the acronym rule decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
    /// `Some` when the dictionary sets this alias's variant layer; `None` inherits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Layer>,
}

impl Alias {
    pub fn new(text: impl Into<String>, case_sensitive: Option<bool>) -> Self {
        Alias { text: text.into(), case_sensitive, variants: None }
    }

    pub fn with_variants(mut self, variants: Option<Layer>) -> Self {
        self.variants = variants;
        self
    }

    /// Whether this alias matches only in its own case: as the dictionary says, or else when it
    /// looks like an acronym.
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive.unwrap_or_else(|| looks_like_acronym(&self.text))
    }
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

/// A named thing with the ways it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub label: String,
    /// All surface forms, the canonical name first; no two with the same text.
    pub aliases: Vec<Alias>,
    #[serde(default)]
    pub meta: Meta,
    /// `Some` when the dictionary sets this entity's variant layer; `None` uses the tagger's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Layer>,
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
        if id.trim().is_empty() {
            return Err(Error::gazetteer(format!(
                "entity id must be a non-empty string (entity named {name:?})"
            )));
        }
        if name.trim().is_empty() {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: name must be a non-empty string"
            )));
        }
        if label.trim().is_empty() {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: label must be a non-empty string"
            )));
        }
        let mut all: Vec<Alias> = vec![Alias::new(name.clone(), None)];
        for alias in aliases {
            match all.iter_mut().find(|a| a.text == alias.text) {
                Some(existing) => {
                    existing.case_sensitive = existing.case_sensitive.or(alias.case_sensitive);
                    existing.variants = existing.variants.or(alias.variants);
                }
                None => all.push(alias),
            }
        }
        for alias in &all {
            if fold_key(&alias.text, false).is_empty() {
                return Err(Error::gazetteer(format!(
                    "entity {id:?}: alias {:?} has nothing to match: it is empty or only \
                     separators and apostrophes",
                    alias.text
                )));
            }
        }
        Ok(Entity { id, name, label, aliases: all, meta, variants: None })
    }

    /// The same entity with its own variant layer.
    pub fn with_variants(mut self, variants: Option<Layer>) -> Self {
        self.variants = variants;
        self
    }

    /// Whether the entity is a person, which selects the partial-name rules for people.
    pub fn is_person(&self) -> bool {
        self.label.eq_ignore_ascii_case("PERSON")
    }
}

/// An ordered collection of entities with unique ids.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    index: HashMap<String, usize>,
}

impl PartialEq for Gazetteer {
    fn eq(&self, other: &Self) -> bool {
        self.entities == other.entities
    }
}

impl Gazetteer {
    pub fn new() -> Self {
        Gazetteer::default()
    }

    /// Builds a gazetteer from entities, rejecting duplicate ids.
    pub fn from_entities(entities: impl IntoIterator<Item = Entity>) -> Result<Self> {
        let mut g = Gazetteer::new();
        for e in entities {
            g.add(e)?;
        }
        Ok(g)
    }

    /// Adds an entity; its id must be new.
    pub fn add(&mut self, entity: Entity) -> Result<()> {
        if self.index.contains_key(&entity.id) {
            return Err(Error::gazetteer(format!(
                "duplicate entity id {:?}: each id may appear once",
                entity.id
            )));
        }
        self.index.insert(entity.id.clone(), self.entities.len());
        self.entities.push(entity);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index.get(id).map(|&i| &self.entities[i])
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The number of aliases over all entities.
    pub fn alias_count(&self) -> usize {
        self.entities.iter().map(|e| e.aliases.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let texts: Vec<&str> = e.aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Kata'ib Hezbollah", "KH"]);
        assert_eq!(e.aliases[1].case_sensitive, Some(false));
        assert!(!e.aliases[1].is_case_sensitive());
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

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut g = Gazetteer::new();
        g.add(entity("a", "Alpha", &[]).unwrap()).unwrap();
        let err = g.add(entity("a", "Other", &[]).unwrap()).unwrap_err();
        assert!(err.message().contains("duplicate entity id \"a\""), "{err}");
        assert_eq!(g.len(), 1);
        assert_eq!(g.get("a").unwrap().name, "Alpha");
    }
}
