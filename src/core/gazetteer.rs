//! The gazetteer model: entities with ids, canonical names, labels, aliases and metadata.
//!
//! Owns validation of dictionary data. An entity that gets in is well formed: a non-empty id,
//! name and label, ids and labels of visible characters on one line, names on one line,
//! aliases of at most [`ALIAS_MAX_CHARS`] characters that each have something to match once
//! folded, and metadata nested at most [`META_MAX_DEPTH`] levels deep. The canonical name is
//! always the first alias. Every check is linear in the entity's size, however many aliases
//! it has.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::fold::fold_key;
use super::variants::{skeleton, Layer, NameKind, Rules};

/// JSON-like metadata kept with an entity and returned as given.
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

/// One surface form of an entity.
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

    /// The alias with its own variant layer.
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

/// The first character of `text` that `hidden` picks, described for a message: `a line
/// break (U+000A) at character 3`.
fn hidden_character(text: &str, hidden: fn(char) -> bool) -> Option<String> {
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

/// A named thing with the ways it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// A stable id (downstream code keys on it).
    pub id: String,
    /// The canonical name, also the first alias.
    pub name: String,
    /// The label (`PERSON`, `BASE`, ...).
    pub label: String,
    /// All surface forms, the canonical name first; no two with the same text.
    pub aliases: Vec<Alias>,
    #[serde(default)]
    /// JSON-like metadata.
    pub meta: Meta,
    /// `Some` when the dictionary sets this entity's variant layer; `None` uses the tagger's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Layer>,
    /// `Some` when the dictionary sets what the short forms of this entity's names may do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Partial>,
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
        if let Some(why) = hidden_character(&id, is_invisible) {
            return Err(Error::gazetteer(format!(
                "entity id {id:?} holds {why}; an id is visible characters on one line"
            )));
        }
        if name.trim().is_empty() {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: name must be a non-empty string"
            )));
        }
        if let Some(why) = hidden_character(&name, is_control) {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: name {} holds {why}; a name is one line of text",
                preview(&name)
            )));
        }
        if label.trim().is_empty() {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: label must be a non-empty string"
            )));
        }
        if let Some(why) = hidden_character(&label, is_invisible) {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: label {label:?} holds {why}; a label is visible characters on \
                 one line"
            )));
        }
        let mut all: Vec<Alias> = vec![Alias::new(name.clone(), None)];
        // Each text's place in `all`: one lookup per alias, however many there are.
        let mut seen: HashMap<String, usize> = HashMap::from([(name.clone(), 0)]);
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
        for alias in &all {
            let chars = alias.text.chars().count();
            if chars > ALIAS_MAX_CHARS {
                return Err(Error::gazetteer(format!(
                    "entity {id:?}: alias {} has {chars} characters; an alias may have at most \
                     {ALIAS_MAX_CHARS} (no name is that long)",
                    preview(&alias.text)
                )));
            }
            if fold_key(&alias.text, false).is_empty() {
                return Err(Error::gazetteer(format!(
                    "entity {id:?}: alias {:?} has nothing to match: it is empty or only \
                     separators and apostrophes",
                    alias.text
                )));
            }
        }
        let depth = meta_depth(&meta);
        if depth > META_MAX_DEPTH {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: meta is nested more than {META_MAX_DEPTH} levels deep; meta may \
                 nest objects and lists at most {META_MAX_DEPTH} levels deep"
            )));
        }
        Ok(Entity { id, name, label, aliases: all, meta, variants: None, partial: None })
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
        Entity::new(self.id, self.name, self.label, self.aliases, self.meta)
            .map(|e| e.with_variants(variants).with_partial(partial))
    }

    /// The same entity with its own short-form policy.
    pub fn with_partial(mut self, partial: Option<Partial>) -> Self {
        self.partial = partial;
        self
    }

    /// What the short forms of an alias of this entity may do.
    pub fn partial_of(&self, alias: &Alias) -> Partial {
        alias.partial.or(self.partial).unwrap_or(Partial::Free)
    }

    /// This entity with `other`'s data on top: `other`'s name, label and variant layer (when
    /// set), the aliases of both (this one's first; `other`'s case and layer settings win) and
    /// the metadata of both (`other`'s keys win).
    pub fn merged(self, other: Entity) -> Result<Entity> {
        // Each text's alias in either entity, looked up once per alias.
        fn by_text(list: &[Alias]) -> HashMap<&str, &Alias> {
            list.iter().map(|a| (a.text.as_str(), a)).collect()
        }
        let (their_aliases, my_aliases) = (by_text(&other.aliases), by_text(&self.aliases));
        let setting = |text: &str| {
            let (theirs, mine) = (their_aliases.get(text), my_aliases.get(text));
            let pick = |f: fn(&Alias) -> Option<bool>| {
                theirs.and_then(|a| f(a)).or(mine.and_then(|a| f(a)))
            };
            (
                pick(|a| a.case_sensitive),
                theirs.and_then(|a| a.variants).or(mine.and_then(|a| a.variants)),
                pick(|a| a.ambiguous),
                theirs.and_then(|a| a.partial).or(mine.and_then(|a| a.partial)),
            )
        };
        let mut meta = self.meta.clone();
        meta.extend(other.meta.clone());
        let aliases =
            self.aliases.iter().chain(&other.aliases).map(|a| Alias::new(a.text.clone(), None));
        let mut e =
            Entity::new(self.id.clone(), other.name.clone(), other.label.clone(), aliases, meta)?;
        for a in &mut e.aliases {
            (a.case_sensitive, a.variants, a.ambiguous, a.partial) = setting(&a.text);
        }
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
    index: Arc<HashMap<String, usize>>,
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
        Arc::make_mut(&mut self.index).insert(entity.id.clone(), self.entities.len());
        Arc::make_mut(&mut self.entities).push(entity);
        Ok(())
    }

    /// Refuses two labels that differ only in case (`base` beside `BASE`). Labels are compared
    /// exactly (by a table's `label` column, a spaCy span's `label_`, the colours of `annotate`),
    /// so such a pair splits one kind of entity in two without a word; `Tagger` calls this.
    pub fn check_labels(&self) -> Result<()> {
        let mut exact: HashMap<&str, &str> = HashMap::new();
        let mut folded: HashMap<String, (&str, &str)> = HashMap::new();
        for e in self.entities.iter() {
            if exact.contains_key(e.label.as_str()) {
                continue;
            }
            exact.insert(&e.label, &e.id);
            let key = e.label.to_lowercase();
            if let Some(&(label, id)) = folded.get(&key) {
                return Err(Error::gazetteer(format!(
                    "labels {label:?} (entity {id:?}) and {:?} (entity {:?}) differ only in \
                     case; labels are compared exactly, so write each label one way",
                    e.label, e.id
                )));
            }
            folded.insert(key, (&e.label, &e.id));
        }
        Ok(())
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index.get(id).map(|&i| &self.entities[i])
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
        let Some(&i) = self.index.get(&entity.id) else {
            return self.add(entity);
        };
        match conflict {
            Conflict::Error => {
                return Err(Error::gazetteer(format!(
                    "entity id {:?} is already in the gazetteer; pass on_conflict=\"merge\" to \
                     add its aliases or \"replace\" to override it",
                    entity.id
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
            if let Some(e) = other.entities.iter().find(|e| self.index.contains_key(&e.id)) {
                return Err(Error::gazetteer(format!(
                    "entity id {:?} is in both gazetteers; pass on_conflict=\"merge\" to add \
                     its aliases or \"replace\" to override it",
                    e.id
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
        let i = index.remove(id).ok_or_else(|| missing_id(id))?;
        let entity = Arc::make_mut(&mut self.entities).remove(i);
        for slot in index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Ok(entity)
    }

    /// Removes one alias of an entity. The canonical name cannot be removed.
    pub fn remove_alias(&mut self, id: &str, alias: &str) -> Result<()> {
        let &i = self.index.get(id).ok_or_else(|| missing_id(id))?;
        match self.entities[i].aliases.iter().position(|a| a.text == alias) {
            Some(0) => Err(Error::gazetteer(format!(
                "entity {id:?}: {alias:?} is its canonical name and cannot be removed; remove \
                 the entity, or add it again with another name"
            ))),
            Some(k) => {
                // Copied only now, when it changes, if a tagger shares it.
                Arc::make_mut(&mut self.entities)[i].aliases.remove(k);
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
                    let key = fold_key(&alias.text, false);
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
                .map(|(e, _, hit)| (g.entities()[e].id.clone(), hit.name()))
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
    fn aliases_are_bounded_in_length() {
        let at_bound = "\u{0643}".repeat(ALIAS_MAX_CHARS);
        let e = Entity::new("x", "X", "L", [Alias::new(at_bound.clone(), None)], Meta::new());
        assert_eq!(e.unwrap().aliases[1].text, at_bound);
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
        assert_eq!((e.aliases[0].text.as_str(), e.aliases[0].case_sensitive), ("Name", Some(true)));
        assert_eq!(e.aliases[1].text, "a0");
        assert_eq!(e.aliases[n].text, format!("a{}", n - 1));
        assert_eq!(e.aliases[1].case_sensitive, Some(true));
        assert_eq!(e.aliases[2].case_sensitive, Some(false));
        let merged = e.clone().merged(e.clone()).unwrap();
        assert_eq!(merged, e);
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

    #[test]
    fn update_merges_replaces_or_refuses() {
        let base = || {
            let mut kh = entity("kh", "Kata'ib Hezbollah", &["KH"]).unwrap();
            kh.meta.insert("country".into(), "IQ".into());
            kh.aliases[1].case_sensitive = Some(true);
            Gazetteer::from_entities([kh, entity("pmf", "PMF", &[]).unwrap()]).unwrap()
        };
        let mut theirs = entity("kh", "Kataib Hezbollah", &["Hezbollah Brigades", "KH"]).unwrap();
        theirs.meta.insert("note".into(), "x".into());
        let mut incoming =
            Gazetteer::from_entities([theirs, entity("new", "New", &[]).unwrap()]).unwrap();
        Arc::make_mut(&mut incoming.entities)[0].aliases[1].variants = Some(Layer::None);

        let mut g = base();
        g.update(incoming.clone(), Conflict::Merge).unwrap();
        let kh = g.get("kh").unwrap();
        let texts: Vec<&str> = kh.aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Kataib Hezbollah", "Kata'ib Hezbollah", "KH", "Hezbollah Brigades"]);
        assert_eq!(kh.aliases[2].case_sensitive, Some(true), "kept from the first");
        assert_eq!(kh.aliases[3].variants, Some(Layer::None), "taken from the second");
        assert_eq!(
            (kh.meta["country"].as_str(), kh.meta["note"].as_str()),
            (Some("IQ"), Some("x"))
        );
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
        assert_eq!(g.remove("b").unwrap().name, "Beta");
        assert_eq!(g.get("c").unwrap().name, "Gamma", "index moved with the removal");
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
        assert_eq!(g.get("b").unwrap().name, "Beta");
    }
}
