//! The saved form of gazetteers and taggers, used by `save`/`load` and by pickling.
//!
//! Layout (little-endian): the 8-byte magic `GAZETAG\0`, a u16 format version, a u8 kind
//! (1 gazetteer, 2 tagger), a reserved u8, the u64 payload length, the u32 CRC-32 of the
//! payload, then the payload. A gazetteer's payload is UTF-8 JSON. A tagger's is, since format
//! 2, the u64 length of its JSON (options and entities), the JSON, then the compiled tagger
//! (`matcher::saved`: targets, their strings, the patterns in build order and, since format 3,
//! the automata), so that loading generates no key, decides no gate and builds no automaton
//! again (issue 13); format 2 files load by building the automata, and format 1 files, whose
//! payload was the JSON alone, by building the whole tagger. A file that is not
//! ours, comes from a newer format, is cut short or was changed is rejected with a message
//! that says which.

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::gazetteer::{Entity, Gazetteer};
use super::matcher::{Options, Tagger};

const MAGIC: &[u8; 8] = b"GAZETAG\0";
/// The format this build writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 3;
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

#[derive(Serialize, Deserialize)]
struct SavedGazetteer {
    entities: Vec<Entity>,
}

#[derive(Serialize, Deserialize)]
struct SavedTagger {
    options: Options,
    entities: Vec<Entity>,
}

fn encode(kind: Kind, payload: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.resize(HEADER_LEN, 0);
    out.extend_from_slice(&payload);
    seal(kind, out)
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

/// A gazetteer in the saved format.
pub fn gazetteer_to_bytes(g: &Gazetteer) -> Vec<u8> {
    encode(Kind::Gazetteer, to_json(&SavedGazetteer { entities: g.entities().to_vec() }))
}

/// A gazetteer from the saved format; a corrupt file is a format error.
pub fn gazetteer_from_bytes(bytes: &[u8]) -> Result<Gazetteer> {
    let saved: SavedGazetteer = from_json(decode(bytes, Kind::Gazetteer)?.0)?;
    revalidate(saved.entities)
}

/// A tagger in the saved format.
pub fn tagger_to_bytes(t: &Tagger) -> Vec<u8> {
    let saved = SavedTagger { options: t.options(), entities: t.gazetteer().entities().to_vec() };
    let json = to_json(&saved);
    let mut out = vec![0u8; HEADER_LEN];
    out.extend_from_slice(&(json.len() as u64).to_le_bytes());
    out.extend_from_slice(&json);
    drop(json);
    t.write_compiled(&mut out);
    seal(Kind::Tagger, out)
}

/// A tagger from the saved format; a corrupt file is a format error.
pub fn tagger_from_bytes(bytes: &[u8]) -> Result<Tagger> {
    let (payload, version) = decode(bytes, Kind::Tagger)?;
    if version == 1 {
        let saved: SavedTagger = from_json(payload)?;
        return Tagger::build(revalidate(saved.entities)?, saved.options);
    }
    let json_len = payload
        .get(..8)
        .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n <= payload.len() - 8)
        .ok_or_else(|| Error::format("corrupt gazetag file: the tagger's parts do not add up"))?;
    let (json, compiled) = payload[8..].split_at(json_len);
    // The gazetteer and the compiled part are read at once, each on a core (issue 13).
    let (saved, part) = rayon::join(
        || -> Result<(Gazetteer, Options)> {
            let saved: SavedTagger = from_json(json)?;
            Ok((revalidate(saved.entities)?, saved.options))
        },
        || Tagger::read_compiled(compiled, version),
    );
    let (gazetteer, options) = saved?;
    Tagger::from_compiled_part(gazetteer, options, part?)
}

/// Entities from a file pass the same checks as new ones: a file is input like any other.
fn revalidate(entities: Vec<Entity>) -> Result<Gazetteer> {
    use rayon::prelude::*;
    // Checked on every core; the first entity that fails is the one reported.
    let checked: Vec<Result<Entity>> = entities.into_par_iter().map(Entity::revalidated).collect();
    let checked = checked
        .into_iter()
        .collect::<Result<Vec<_>>>()
        .map_err(|e| Error::format(format!("corrupt gazetag file: {}", e.message())))?;
    Gazetteer::from_entities(checked)
        .map_err(|e| Error::format(format!("corrupt gazetag file: {}", e.message())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::gazetteer::{Alias, Meta, Partial};

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
        let g = gazetteer_from_bytes(&encode(Kind::Gazetteer, payload.into_bytes())).unwrap();
        assert_eq!(g.alias_count(), 100_001);
    }

    #[test]
    fn a_well_framed_payload_with_bad_content_is_rejected() {
        let bad = encode_v1(Kind::Tagger, br#"{"options": {}, "entities": [{"id": "", "name": "x", "label": "L", "aliases": []}]}"#.to_vec());
        let err = tagger_from_bytes(&bad).unwrap_err();
        assert!(err.message().contains("corrupt gazetag file"), "{err}");
    }
}
