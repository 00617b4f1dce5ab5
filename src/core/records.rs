//! Dictionary records: the JSON-like form of an entity (`{"id", "name", "label", "aliases",
//! "meta"}`) shared by Python `from_records`, gazetag JSONL files and `to_records`.
//!
//! Owns the rules for what a record may hold. Errors name where the record came from (a record
//! number or `file:line`), the entity id when known, and the field at fault.

use serde_json::{Map, Value};

use super::error::{Error, Result};
use super::gazetteer::{Alias, AliasRef, Entity, Meta, Partial};
use super::variants::Layer;

const FIELDS: &str = "id, name, label, aliases, meta, variants, partial";

/// A `variants` value: a layer name or null.
fn layer_from_value(v: Option<&Value>) -> std::result::Result<Option<Layer>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Layer::parse(s)
            .map(Some)
            .ok_or_else(|| format!("\"variants\" must be {}, not {s:?}", Layer::NAMES)),
        Some(v) => {
            Err(format!("\"variants\" must be {} or null, not {}", Layer::NAMES, type_name(v)))
        }
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads one record. `at` says where it came from, for messages ("record 3", "dict.jsonl:7").
pub fn entity_from_record(record: &Map<String, Value>, at: &str) -> Result<Entity> {
    let fail = |id: Option<&str>, what: String| {
        let who = id.map(|id| format!(" (entity {id:?})")).unwrap_or_default();
        Error::gazetteer(format!("{at}{who}: {what}"))
    };
    let text = |key: &str, id: Option<&str>| -> Result<String> {
        match record.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            None => Err(fail(id, format!("missing field {key:?}"))),
            Some(v) => {
                Err(fail(id, format!("field {key:?} must be a string, not {}", type_name(v))))
            }
        }
    };
    let id = text("id", None)?;
    let idr = Some(id.as_str());
    if let Some(unknown) = record.keys().find(|k| {
        !["id", "name", "label", "aliases", "meta", "variants", "partial"].contains(&k.as_str())
    }) {
        return Err(fail(
            idr,
            format!("unknown field {unknown:?}; a record has the fields {FIELDS}"),
        ));
    }
    let name = text("name", idr)?;
    let label = text("label", idr)?;
    let aliases = match record.get("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                alias_from_value(item).map_err(|what| fail(idr, format!("aliases[{i}]: {what}")))
            })
            .collect::<Result<Vec<_>>>()?,
        Some(v) => {
            return Err(fail(
                idr,
                format!("field \"aliases\" must be a list of strings, not {}", type_name(v)),
            ))
        }
    };
    let meta = match record.get("meta") {
        None | Some(Value::Null) => Meta::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(v) => {
            return Err(fail(
                idr,
                format!("field \"meta\" must be an object (dict), not {}", type_name(v)),
            ))
        }
    };
    let variants = layer_from_value(record.get("variants")).map_err(|what| fail(idr, what))?;
    let partial = partial_from_value(record.get("partial")).map_err(|what| fail(idr, what))?;
    Entity::new(id, name, label, aliases, meta)
        .map(|e| e.with_variants(variants).with_partial(partial))
        .map_err(|e| Error::gazetteer(format!("{at}: {}", e.message())))
}

/// The fields an alias object may have.
const ALIAS_FIELDS: [&str; 5] = ["text", "case_sensitive", "variants", "ambiguous", "partial"];

/// A `partial` value: a policy name or null.
fn partial_from_value(v: Option<&Value>) -> std::result::Result<Option<Partial>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Partial::parse(s)
            .map(Some)
            .ok_or_else(|| format!("\"partial\" must be {}, not {s:?}", Partial::NAMES)),
        Some(v) => {
            Err(format!("\"partial\" must be {} or null, not {}", Partial::NAMES, type_name(v)))
        }
    }
}

/// An alias is a string, or `{"text": str, "case_sensitive": bool | null, "variants": layer |
/// null, "ambiguous": bool | null}`.
fn alias_from_value(v: &Value) -> std::result::Result<Alias, String> {
    match v {
        Value::String(s) => Ok(Alias::new(s.clone(), None)),
        Value::Object(o) => {
            if let Some(k) = o.keys().find(|k| !ALIAS_FIELDS.contains(&k.as_str())) {
                return Err(format!(
                    "unknown alias field {k:?}; an alias object has the fields {}",
                    ALIAS_FIELDS.join(", ")
                ));
            }
            let text = match o.get("text") {
                Some(Value::String(s)) => s.clone(),
                None => return Err("alias object is missing \"text\"".into()),
                Some(v) => {
                    return Err(format!("alias \"text\" must be a string, not {}", type_name(v)))
                }
            };
            let flag = |key: &str| match o.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Bool(b)) => Ok(Some(*b)),
                Some(v) => {
                    Err(format!("\"{key}\" must be true, false or null, not {}", type_name(v)))
                }
            };
            Ok(Alias::new(text, flag("case_sensitive")?)
                .with_variants(layer_from_value(o.get("variants"))?)
                .with_ambiguous(flag("ambiguous")?)
                .with_partial(partial_from_value(o.get("partial"))?))
        }
        v => Err(format!("an alias must be a string or an object, not {}", type_name(v))),
    }
}

/// What the dictionary set on an alias besides its text, as alias object fields.
pub fn alias_settings(a: AliasRef<'_>) -> Map<String, Value> {
    let mut o = Map::new();
    if let Some(cs) = a.case_sensitive {
        o.insert("case_sensitive".into(), Value::Bool(cs));
    }
    if let Some(layer) = a.variants {
        o.insert("variants".into(), Value::String(layer.name().into()));
    }
    if let Some(ambiguous) = a.ambiguous {
        o.insert("ambiguous".into(), Value::Bool(ambiguous));
    }
    if let Some(partial) = a.partial {
        o.insert("partial".into(), Value::String(partial.name().into()));
    }
    o
}

/// The record form of an entity; reading it back gives the same entity. The canonical name is
/// not repeated among the aliases unless its case setting was given.
pub fn entity_to_record(e: &Entity) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("id".into(), Value::String(e.id().to_owned()));
    r.insert("name".into(), Value::String(e.name().to_owned()));
    r.insert("label".into(), Value::String(e.label().to_owned()));
    let aliases = e
        .aliases
        .iter()
        .enumerate()
        .filter(|(i, a)| *i > 0 || a.has_settings())
        .map(|(_, a)| {
            if !a.has_settings() {
                return Value::String(a.text.to_owned());
            }
            let mut o = Map::new();
            o.insert("text".into(), Value::String(a.text.to_owned()));
            o.extend(alias_settings(a));
            Value::Object(o)
        })
        .collect();
    r.insert("aliases".into(), Value::Array(aliases));
    r.insert("meta".into(), Value::Object(e.meta()));
    if let Some(layer) = e.variants() {
        r.insert("variants".into(), Value::String(layer.name().into()));
    }
    if let Some(partial) = e.partial() {
        r.insert("partial".into(), Value::String(partial.name().into()));
    }
    r
}
