//! The compiled part of a saved tagger: what building costs most to make again - every target
//! with its gates decided, their strings, each scanner's patterns in build order and (since
//! format 3) its automaton - so that loading skips key generation and the gates, and reads the
//! automata back instead of building them (issue 13).
//!
//! Layout, little-endian: the scan layer (u8); the strings (u64 length, UTF-8 bytes); since
//! format 7 the targets' sources (u64 count, 33 bytes each) and their keys (u64 count, 18 bytes
//! each: the source's index, the key, its rules, flags and licence), before it the targets whole
//! (u64 count, 47 bytes each); for each scanner, folded then skeleton, the patterns
//! (u64 count, then each one's target count as u32 and its length as u32, then all their
//! bytes) and, since format 3, the automaton (u64 length, then its saved form: since format 6
//! the patterns' trie as `trie` lays it out, in formats 3 to 5 a double array as `automaton`
//! lays it out; length 0 for a small DFA, which loading builds again from the patterns); the
//! first words of people's Arabic names (u64 count, each a u32 length and its bytes). Format 2
//! has no automata: loading builds them; file formats 4 and 5 changed only the entities
//! (`persist`), not this part. Everything read is
//! checked against the gazetteer and itself, so a file that does not hold together is a format
//! error, never a panic.

use super::automaton::{Automaton, Packed, PatternList};
use super::compile::{
    Compiled, KeyTarget, Licence, Related, Scanner, Source, Sources, Str, Strings, Target,
    TargetRanges,
};
use super::{Options, Tagger};
use crate::core::context::CueLabel;
use crate::core::error::{Error, Result};
use crate::core::gazetteer::Gazetteer;
use crate::core::persist::{Reader, Stream};
use crate::core::places::Country;
use crate::core::variants::{skeleton, Layer, Rules};

const NONE: u32 = u32::MAX;

fn corrupt(what: &str) -> Error {
    Error::format(format!("corrupt gazetag file: {what}"))
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: Option<Str>) {
    out.extend_from_slice(&str_bytes(s));
}

fn str_bytes(s: Option<Str>) -> [u8; 8] {
    let (start, end) = s.map_or((NONE, NONE), |s| (s.start, s.end));
    let mut out = [0; 8];
    out[..4].copy_from_slice(&start.to_le_bytes());
    out[4..].copy_from_slice(&end.to_le_bytes());
    out
}

fn put_country(out: &mut Vec<u8>, c: Option<Country>) {
    out.extend_from_slice(&country_bytes(c));
}

fn country_bytes(c: Option<Country>) -> [u8; 2] {
    c.map_or([0, 0], Country::code)
}

fn licence_code(l: Licence) -> u8 {
    match l {
        Licence::Free => 0,
        Licence::Named => 1,
        Licence::Context => 2,
        Licence::Cue => 3,
    }
}

fn licence_of(code: u8) -> Result<Licence> {
    Ok(match code {
        0 => Licence::Free,
        1 => Licence::Named,
        2 => Licence::Context,
        3 => Licence::Cue,
        _ => return Err(corrupt("unknown licence")),
    })
}

fn cue_code(c: Option<CueLabel>) -> u8 {
    match c {
        None => 0,
        Some(CueLabel::Person) => 1,
        Some(CueLabel::Militia) => 2,
        Some(CueLabel::Base) => 3,
        Some(CueLabel::Institution) => 4,
        Some(CueLabel::Media) => 5,
        Some(CueLabel::Crossing) => 6,
    }
}

fn cue_of(code: u8) -> Result<Option<CueLabel>> {
    Ok(match code {
        0 => None,
        1 => Some(CueLabel::Person),
        2 => Some(CueLabel::Militia),
        3 => Some(CueLabel::Base),
        4 => Some(CueLabel::Institution),
        5 => Some(CueLabel::Media),
        6 => Some(CueLabel::Crossing),
        _ => return Err(corrupt("unknown cue label")),
    })
}

fn layer_code(l: Layer) -> u8 {
    match l {
        Layer::None => 0,
        Layer::Default => 1,
        Layer::Aggressive => 2,
    }
}

/// The bytes of a saved target, whole (formats 2 to 6).
const TARGET_BYTES: usize = 47;

const FLAGS: [&str; 7] =
    ["gated", "english", "proclitic", "base", "english_name", "person", "titled"];

fn flags(t: &Target) -> u16 {
    let bits = [t.gated, t.english, t.proclitic, t.base, t.english_name, t.person, t.titled];
    bits.iter().enumerate().fold(0, |acc, (i, &b)| acc | (u16::from(b) << i))
}

/// The bytes of a saved source (since format 7): entity, alias, case-kept form and given name,
/// flags (person, titled, base), caps licence, cue label, home, country, needed country.
const SOURCE_BYTES: usize = 33;

/// A source as format 7 saves it: also the order of a tagger's sources.
/// Made in place, without a buffer of its own: a build's sort compares sources by it.
pub(super) fn source_bytes(x: &Source) -> [u8; SOURCE_BYTES] {
    let mut out = [0; SOURCE_BYTES];
    out[0..4].copy_from_slice(&x.entity.to_le_bytes());
    out[4..8].copy_from_slice(&x.alias.to_le_bytes());
    out[8..16].copy_from_slice(&str_bytes(x.case_kept.get()));
    out[16..24].copy_from_slice(&str_bytes(x.given.get()));
    out[24] = u8::from(x.person) | u8::from(x.titled) << 1 | u8::from(x.base) << 2;
    out[25] = licence_code(x.caps_licence);
    out[26] = cue_code(x.cue);
    out[27..29].copy_from_slice(&country_bytes(x.home));
    out[29..31].copy_from_slice(&country_bytes(x.country));
    out[31..33].copy_from_slice(&country_bytes(x.needs_country));
    out
}

/// The bytes of a saved key (since format 7): source, key, generated and symmetric rules,
/// flags (`KeyTarget::FLAGS`), licence.
const KEY_BYTES: usize = 18;

/// The file format whose compiled part gazetag writes (module docs).
pub(super) const FORMAT: u16 = crate::core::persist::FORMAT_VERSION;

/// The compiled part of `t`, in the layout of the module docs (format 7).
pub(super) fn to_bytes(t: &Tagger) -> Vec<u8> {
    to_bytes_as(t, FORMAT)
}

/// The compiled part of `t` as file format `format` (2, 6 or 7) lays it out.
fn to_bytes_as(t: &Tagger, format: u16) -> Vec<u8> {
    let mut out = Vec::new();
    write(t, format, &mut out);
    out
}

/// Appends the compiled part of `t` as file format `format` (2, 6 or 7) lays it out to `out`:
/// written in place, the part of a big tagger is not copied again into its file.
pub(super) fn write(t: &Tagger, format: u16, out: &mut Vec<u8>) {
    let rows = match format {
        7.. => t.sources.len() * SOURCE_BYTES + t.targets.len() * KEY_BYTES,
        _ => t.targets.len() * TARGET_BYTES,
    };
    out.reserve(t.strings.0.len() + rows + 64);
    out.push(layer_code(t.scan));
    put_len(out, t.strings.0.len());
    out.extend_from_slice(t.strings.0.as_bytes());
    if format >= 7 {
        put_len(out, t.sources.len());
        for x in &t.sources {
            out.extend_from_slice(&source_bytes(x));
        }
        put_len(out, t.targets.len());
        for x in &t.targets {
            out.extend_from_slice(&x.source.to_le_bytes());
            put_str(out, Some(x.key()));
            out.extend_from_slice(&x.generated.bits().to_le_bytes());
            out.extend_from_slice(&x.symmetric.bits().to_le_bytes());
            out.push(x.flags);
            out.push(licence_code(x.licence));
        }
    } else {
        write_whole_targets(t, out);
    }
    // A pattern is its first target's key, as `compile` made it: not kept in memory, made
    // again here.
    let scan_rules = t.scan.rules().and(Rules::SKELETON);
    for (scanner, on_skeleton) in [(&t.on_folded, false), (&t.on_skeleton, true)] {
        // One buffer of them (a list of millions of small ones took most of a save's peak).
        let (mut bytes, mut ends) = (Vec::new(), Vec::with_capacity(scanner.keys.len()));
        for range in scanner.keys.iter() {
            let key = t.strings.get(t.targets[range.start as usize].key()).as_bytes();
            match on_skeleton {
                true => bytes.extend_from_slice(&skeleton(key, scan_rules)),
                false => bytes.extend_from_slice(key),
            }
            // The patterns were built with their ends in `u32`s.
            ends.push(bytes.len() as u32);
        }
        let patterns = Packed { bytes: &bytes, ends: &ends };
        put_len(out, scanner.keys.len());
        for (i, range) in scanner.keys.iter().enumerate() {
            out.extend_from_slice(&(range.end - range.start).to_le_bytes());
            out.extend_from_slice(&(patterns.pattern(i).len() as u32).to_le_bytes());
        }
        out.extend_from_slice(&bytes);
        if format >= 3 {
            let automaton = scanner.automaton.to_bytes(&patterns).unwrap_or_default();
            put_len(out, automaton.len());
            out.extend_from_slice(&automaton);
        }
    }
    let mut given: Vec<&String> = t.arabic_given.iter().collect();
    given.sort_unstable();
    put_len(out, given.len());
    for w in given {
        out.extend_from_slice(&(w.len() as u32).to_le_bytes());
        out.extend_from_slice(w.as_bytes());
    }
}

/// The targets whole, 47 bytes each, as formats 2 to 6 lay them out.
fn write_whole_targets(t: &Tagger, out: &mut Vec<u8>) {
    put_len(out, t.targets.len());
    for i in 0..t.targets.len() {
        let x = &t.target(i as u32);
        out.extend_from_slice(&x.entity.to_le_bytes());
        out.extend_from_slice(&x.alias.to_le_bytes());
        put_str(out, Some(x.key));
        put_str(out, x.case_kept.get());
        put_str(out, x.given.get());
        out.extend_from_slice(&x.generated.bits().to_le_bytes());
        out.extend_from_slice(&x.symmetric.bits().to_le_bytes());
        out.extend_from_slice(&flags(x).to_le_bytes());
        out.push(licence_code(x.licence));
        out.push(licence_code(x.caps_licence));
        out.push(cue_code(x.cue));
        put_country(out, x.home);
        put_country(out, x.country);
        put_country(out, x.needs_country);
    }
}

/// The compiled part of a saved tagger, read and checked against itself: what
/// [`Tagger::from_compiled_part`] makes a tagger of with its gazetteer. Read apart from the
/// gazetteer, so that both can be read at once (`persist`).
pub struct CompiledPart {
    scan: Layer,
    strings: Strings,
    targets: Vec<KeyTarget>,
    sources: Vec<Source>,
    on_folded: Scanner,
    on_skeleton: Scanner,
    arabic_given: std::collections::HashSet<String>,
}

/// A tagger of `gazetteer` from its compiled part, as file format `format` (2 or 3) has it;
/// everything is checked.
pub(super) fn from_bytes(
    gazetteer: Gazetteer,
    options: Options,
    bytes: &[u8],
    format: u16,
) -> Result<Tagger> {
    attach(Tagger::gazetteer_part(gazetteer), options, read(bytes, format)?)
}

/// A gazetteer with what a tagger works out from it alone ([`Tagger::gazetteer_part`]).
pub struct GazetteerPart {
    pub(super) gazetteer: Gazetteer,
    pub(super) related: Related,
}

impl GazetteerPart {
    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The gazetteer, what was worked out from it dropped.
    pub fn into_gazetteer(self) -> Gazetteer {
        self.gazetteer
    }
}

/// The tagger of `gazetteer` and its compiled part, whose targets must name its aliases.
pub(super) fn attach(
    gazetteer: GazetteerPart,
    options: Options,
    part: CompiledPart,
) -> Result<Tagger> {
    use rayon::prelude::*;
    let CompiledPart { scan, strings, targets, sources, on_folded, on_skeleton, arabic_given } =
        part;
    let GazetteerPart { gazetteer, related } = gazetteer;
    let entities = gazetteer.entities();
    // A million sources on the cores of the pool a load runs on (`persist`): they took 7 ms on
    // one. Fewer on one: waking the other thread cost a small tagger's load more (0.96x).
    let names_an_alias = |t: &Source| {
        entities.get(t.entity as usize).is_some_and(|e| (t.alias as usize) < e.aliases.len())
    };
    if !sources.par_iter().with_min_len(1 << 18).all(names_an_alias) {
        return Err(corrupt("a target names no alias of the gazetteer"));
    }
    let compiled =
        Compiled { related, arabic_given, on_folded, on_skeleton, targets, sources, strings, scan };
    Ok(Tagger::of_compiled(gazetteer, options, compiled))
}

/// The targets of formats 2 to 6, each whole in 47 bytes.
fn read_whole_targets(
    target_bytes: &[u8],
    str_at: &dyn Fn(u32, u32) -> Result<Option<Str>>,
    country: &dyn Fn(&[u8]) -> Result<Option<Country>>,
    rules: &dyn Fn(u16) -> Result<Rules>,
) -> Result<Vec<Target>> {
    let mut targets = Vec::with_capacity(target_bytes.len() / TARGET_BYTES);
    for t in target_bytes.chunks_exact(TARGET_BYTES) {
        let u16_at = |at: usize| u16::from_le_bytes([t[at], t[at + 1]]);
        let u32_at = |at: usize| u32::from_le_bytes([t[at], t[at + 1], t[at + 2], t[at + 3]]);
        let (entity, alias) = (u32_at(0), u32_at(4));
        let key =
            str_at(u32_at(8), u32_at(12))?.ok_or_else(|| corrupt("a target without a key"))?;
        let case_kept = str_at(u32_at(16), u32_at(20))?;
        let given = str_at(u32_at(24), u32_at(28))?;
        let (generated, symmetric, bits) = (rules(u16_at(32))?, rules(u16_at(34))?, u16_at(36));
        if bits >> FLAGS.len() != 0 {
            return Err(corrupt("unknown target flags"));
        }
        let flag = |i: usize| bits & (1 << i) != 0;
        let (licence, caps_licence) = (licence_of(t[38])?, licence_of(t[39])?);
        let cue = cue_of(t[40])?;
        let (home, country_, needs_country) =
            (country(&t[41..43])?, country(&t[43..45])?, country(&t[45..47])?);
        targets.push(Target {
            entity,
            alias,
            case_kept: case_kept.into(),
            key,
            generated,
            symmetric,
            gated: flag(0),
            english: flag(1),
            proclitic: flag(2),
            licence,
            caps_licence,
            base: flag(3),
            english_name: flag(4),
            cue,
            home,
            person: flag(5),
            country: country_,
            needs_country,
            titled: flag(6),
            given: given.into(),
        });
    }
    Ok(targets)
}

/// Where the characters of a string start, for checking many offsets into it: a bit an offset
/// (none for ASCII), where asking the string reads a byte at each, scattered over tens of
/// megabytes for a big tagger's keys (issue 13: most of a big load's check of its keys).
struct CharBoundaries {
    /// Bit `i` is set where a character starts at byte `i` or the string ends; empty for an
    /// ASCII string, every offset of which is a boundary.
    bits: Vec<u64>,
    len: usize,
}

impl CharBoundaries {
    fn of(s: &str) -> CharBoundaries {
        let len = s.len();
        if s.is_ascii() {
            return CharBoundaries { bits: Vec::new(), len };
        }
        let mut bits = vec![0u64; len / 64 + 1];
        for (word, chunk) in bits.iter_mut().zip(s.as_bytes().chunks(64)) {
            for (i, &b) in chunk.iter().enumerate() {
                // Not a continuation byte (0b10xx_xxxx).
                *word |= u64::from((b as i8) >= -0x40) << i;
            }
        }
        bits[len / 64] |= 1 << (len % 64);
        CharBoundaries { bits, len }
    }

    /// Whether offset `i` is at a character's start or the end (`str::is_char_boundary`).
    fn at(&self, i: usize) -> bool {
        if self.bits.is_empty() {
            return i <= self.len;
        }
        self.bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// The byte that stood before each Latin word of a whole-word tagger's skeleton patterns until
/// file format 8.
const OLD_WORD_MARK: u8 = 0xFA;

/// The compiled part of file format `format` (2 or 3), checked against itself.
pub(super) fn read(bytes: &[u8], format: u16) -> Result<CompiledPart> {
    let mut r = Reader::new(bytes, "the compiled tagger");
    let scan = scan_layer(r.u8()?)?;
    let n = r.len(1)?;
    let strings = r.take(n)?;
    let (n_sources, source_bytes) = match format {
        7.. => {
            let n = r.len(SOURCE_BYTES)?;
            (n, r.take(n * SOURCE_BYTES)?)
        }
        _ => (0, &[][..]),
    };
    let row_bytes = if format >= 7 { KEY_BYTES } else { TARGET_BYTES };
    let n_targets = r.len(row_bytes)?;
    let target_bytes = r.take(n_targets * row_bytes)?;
    // Each scanner's target ranges, patterns (their lengths too) and saved automaton.
    type Saved<'a> = (TargetRanges, Vec<u32>, &'a [u8], &'a [u8]);
    let mut next = 0u32;
    let mut read_scanner = || -> Result<Saved> {
        let n = r.len(8)?;
        // Each pattern's target count and length (u32 each); `len` saw that they are there.
        let mut heads = Heads::new(n, next, n_targets);
        r.take(8 * n)?.chunks_exact(8).try_for_each(|head| heads.push(head))?;
        let (ranges, ends, end) = heads.done(&mut next);
        let bytes = r.take(end as usize)?;
        let saved = match format {
            2 => &[][..],
            _ => {
                let n = r.len(1)?;
                r.take(n)?
            }
        };
        Ok((ranges, ends, bytes, saved))
    };
    let (folded, skeleton) = (read_scanner()?, read_scanner()?);
    if next as usize != n_targets {
        return Err(corrupt("targets that no pattern stands for"));
    }
    let n = r.len(4)?;
    let mut arabic_given = std::collections::HashSet::with_capacity(n);
    for _ in 0..n {
        let len = r.u32()? as usize;
        arabic_given.insert(given_name(r.take(len)?)?);
    }
    if !r.rest().is_empty() {
        return Err(corrupt("extra bytes after the compiled tagger"));
    }
    let read_targets = || {
        let strings = strings_of(strings.to_vec())?;
        let rows =
            Rows { strings: &strings, sources: source_bytes, n_sources, targets: target_bytes };
        let (targets, sources) = rows.read(format)?;
        Ok((strings, targets, sources))
    };
    // The automata read back (and checked) or built, while the strings and targets are read:
    // on two cores a big tagger's load waits on the longer of them, not on their sum (issue 13).
    let scanner = |(ranges, ends, bytes, saved): Saved| -> Result<Scanner> {
        let patterns = Packed { bytes, ends: &ends };
        let automaton = match saved {
            [] => return Scanner::new(&patterns, ranges),
            _ if format <= 5 => {
                let lengths: Vec<u32> =
                    (0..patterns.count()).map(|i| patterns.pattern(i).len() as u32).collect();
                Automaton::from_double_array_bytes(saved, &lengths)?
            }
            _ => Automaton::from_bytes(saved, &patterns, format)?,
        };
        Ok(Scanner { automaton, keys: ranges })
    };
    // Before format 9 a whole-word tagger's skeleton patterns had a mark before each Latin
    // word, which the text's skeleton no longer has: the saved scanner is read (and so
    // checked), then built again for its patterns without the marks.
    let skeleton_scanner = |saved: Saved| -> Result<Scanner> {
        if format >= 9 || memchr::memchr(OLD_WORD_MARK, saved.2).is_none() {
            return scanner(saved);
        }
        let (ranges, ends, bytes) = (saved.0.clone(), saved.1.clone(), saved.2);
        scanner(saved)?;
        let (mut unmarked, mut unmarked_ends) = (Vec::with_capacity(bytes.len()), Vec::new());
        let mut start = 0usize;
        for &end in &ends {
            let before = unmarked.len();
            unmarked.extend(bytes[start..end as usize].iter().filter(|&&b| b != OLD_WORD_MARK));
            if unmarked.len() == before {
                return Err(corrupt("a skeleton pattern of word marks alone"));
            }
            unmarked_ends.push(unmarked.len() as u32);
            start = end as usize;
        }
        Scanner::new(&Packed { bytes: &unmarked, ends: &unmarked_ends }, ranges)
    };
    let (targets, (on_folded, on_skeleton)) = rayon::join(read_targets, || {
        rayon::join(|| scanner(folded), || skeleton_scanner(skeleton))
    });
    let ((strings, targets, sources), on_folded, on_skeleton) =
        (targets?, on_folded?, on_skeleton?);
    Ok(CompiledPart { scan, strings, targets, sources, on_folded, on_skeleton, arabic_given })
}

/// The saved rows of a compiled part's sources and targets (module docs), with the strings
/// their fields point into.
struct Rows<'a> {
    strings: &'a Strings,
    sources: &'a [u8],
    n_sources: usize,
    targets: &'a [u8],
}

impl Rows<'_> {
    /// The targets and sources of file format `format`, each field checked.
    fn read(&self, format: u16) -> Result<(Vec<KeyTarget>, Vec<Source>)> {
        let fields = Fields::of(&self.strings.0);
        if format < 7 {
            // Formats 2 to 6: each target whole, split as a build splits it.
            let str_at = |start, end| fields.str_at(start, end);
            let whole = read_whole_targets(self.targets, &str_at, &country, &rules)?;
            let mut sources = Sources::default();
            let mut targets = whole
                .iter()
                .map(|t| sources.add(t).map_err(|_| corrupt("a key too long")))
                .collect::<Result<Vec<KeyTarget>>>()?;
            let sources = sources.canonical(&mut targets);
            return Ok((targets, sources));
        }
        // All at once, then each row's fields at their places: a few million targets are read
        // without a bounds check per field.
        let mut sources = Vec::with_capacity(self.n_sources);
        for t in self.sources.chunks_exact(SOURCE_BYTES) {
            sources.push(fields.source(t)?);
        }
        let mut targets = Vec::with_capacity(self.targets.len() / KEY_BYTES);
        for t in self.targets.chunks_exact(KEY_BYTES) {
            targets.push(fields.target(t, sources.len())?);
        }
        Ok((targets, sources))
    }
}

/// The scan layer of its saved code.
fn scan_layer(code: u8) -> Result<Layer> {
    match code {
        0 => Ok(Layer::None),
        1 => Ok(Layer::Default),
        2 => Ok(Layer::Aggressive),
        _ => Err(corrupt("unknown variant layer")),
    }
}

/// The compiled part's strings, which must be UTF-8.
fn strings_of(bytes: Vec<u8>) -> Result<Strings> {
    String::from_utf8(bytes)
        .map(Strings)
        .map_err(|_| corrupt("the compiled tagger's strings are not UTF-8"))
}

/// A first word of a person's Arabic name, as saved.
fn given_name(bytes: &[u8]) -> Result<String> {
    let word = std::str::from_utf8(bytes).map_err(|_| corrupt("a given name that is not UTF-8"))?;
    Ok(word.to_owned())
}

/// A country code as saved: two capital letters, or none.
fn country(b: &[u8]) -> Result<Option<Country>> {
    match b {
        [0, 0] => Ok(None),
        [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => {
            Ok(Country::from_bytes([*a, *b]))
        }
        _ => Err(corrupt("a country code that is none")),
    }
}

/// Variant rules as saved: known bits only.
fn rules(bits: u16) -> Result<Rules> {
    let rules = Rules::from_bits(bits);
    (rules.bits() == bits).then_some(rules).ok_or_else(|| corrupt("unknown rules"))
}

fn u16_in(t: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([t[at], t[at + 1]])
}

fn u32_in(t: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([t[at], t[at + 1], t[at + 2], t[at + 3]])
}

/// The saved rows' fields, checked against the strings they point into.
struct Fields<'a> {
    strings: &'a str,
    boundaries: CharBoundaries,
}

impl<'a> Fields<'a> {
    fn of(strings: &'a str) -> Self {
        Fields { strings, boundaries: CharBoundaries::of(strings) }
    }

    /// The string from `start` to `end`, none for the pair that says none; a format error
    /// out of range or not on characters' starts.
    fn str_at(&self, start: u32, end: u32) -> Result<Option<Str>> {
        if (start, end) == (NONE, NONE) {
            return Ok(None);
        }
        let ok = start <= end
            && (end as usize) <= self.strings.len()
            && self.boundaries.at(start as usize)
            && self.boundaries.at(end as usize);
        ok.then_some(Some(Str { start, end })).ok_or_else(|| corrupt("a string out of range"))
    }

    /// A source from its `SOURCE_BYTES` saved bytes (`source_bytes`).
    fn source(&self, t: &[u8]) -> Result<Source> {
        if t[24] >> 3 != 0 {
            return Err(corrupt("unknown source flags"));
        }
        Ok(Source {
            entity: u32_in(t, 0),
            alias: u32_in(t, 4),
            case_kept: self.str_at(u32_in(t, 8), u32_in(t, 12))?.into(),
            given: self.str_at(u32_in(t, 16), u32_in(t, 20))?.into(),
            person: t[24] & 1 != 0,
            titled: t[24] & 2 != 0,
            base: t[24] & 4 != 0,
            caps_licence: licence_of(t[25])?,
            cue: cue_of(t[26])?,
            home: country(&t[27..29])?,
            country: country(&t[29..31])?,
            needs_country: country(&t[31..33])?,
        })
    }

    /// A target from its `KEY_BYTES` saved bytes, of one of `n_sources` sources.
    fn target(&self, t: &[u8], n_sources: usize) -> Result<KeyTarget> {
        let source = u32_in(t, 0);
        if source as usize >= n_sources {
            return Err(corrupt("a target of no source"));
        }
        let key = self
            .str_at(u32_in(t, 4), u32_in(t, 8))?
            .ok_or_else(|| corrupt("a target without a key"))?;
        if t[16] & !KeyTarget::FLAGS != 0 {
            return Err(corrupt("unknown target flags"));
        }
        let rules = (rules(u16_in(t, 12))?, rules(u16_in(t, 14))?);
        let key = KeyTarget::new(source, key, rules, t[16], licence_of(t[17])?);
        key.ok_or_else(|| corrupt("a key too long"))
    }
}

/// A scanner's saved heads (each pattern's target count and length, a u32 each) as they are
/// read: its target ranges, which follow on from the scanner's before, and its patterns' ends.
struct Heads {
    next: u32,
    n_targets: usize,
    bounds: Vec<u32>,
    ends: Vec<u32>,
    end: u32,
}

impl Heads {
    /// Heads of `n` patterns whose targets start at `next`, of `n_targets` in all.
    fn new(n: usize, next: u32, n_targets: usize) -> Self {
        Heads::in_room(Vec::with_capacity(n + 1), Vec::with_capacity(n), next, n_targets)
    }

    /// [`Heads::new`] in these empty vectors, with room for the patterns' bounds and ends.
    fn in_room(mut bounds: Vec<u32>, ends: Vec<u32>, next: u32, n_targets: usize) -> Self {
        bounds.push(next);
        Heads { next, n_targets, bounds, ends, end: 0 }
    }

    fn push(&mut self, head: &[u8]) -> Result<()> {
        let (count, len) = (u32_in(head, 0), u32_in(head, 4));
        // A build makes no empty pattern (an alias's key has a character, and so its
        // skeleton); a crate automaton would find one at every offset.
        if len == 0 {
            return Err(corrupt("an empty pattern"));
        }
        self.next = self
            .next
            .checked_add(count)
            .filter(|&end| end as usize <= self.n_targets)
            .ok_or_else(|| corrupt("a pattern's targets run past the target list"))?;
        self.bounds.push(self.next);
        self.end = self.end.checked_add(len).ok_or_else(|| corrupt("patterns past 4 GiB"))?;
        self.ends.push(self.end);
        Ok(())
    }

    /// The target ranges, the patterns' ends and their bytes' length; `next` set to where the
    /// next scanner's targets start.
    fn done(self, next: &mut u32) -> (TargetRanges, Vec<u32>, u32) {
        *next = self.next;
        (TargetRanges::of_bounds(self.bounds), self.ends, self.end)
    }
}

/// The compiled part of file format `format` (8: with tails; the stream reads no older one)
/// read from `s` in order, as [`read`] reads it from bytes: the same part, or the same error
/// where the bytes do not hold together.
pub(super) fn read_from<R: std::io::Read>(s: &mut Stream<R>, format: u16) -> Result<CompiledPart> {
    debug_assert!(format >= 8);
    let scan = scan_layer(s.u8()?)?;
    let n = s.len(1)?;
    let strings = strings_of(s.bytes(n)?)?;
    let fields = Fields::of(&strings.0);
    let n_sources = s.len(SOURCE_BYTES)?;
    let mut sources = s.room(n_sources)?;
    s.rows(n_sources, SOURCE_BYTES, |t| {
        sources.push(fields.source(t)?);
        Ok(())
    })?;
    let n_targets = s.len(KEY_BYTES)?;
    let mut targets = s.room(n_targets)?;
    s.rows(n_targets, KEY_BYTES, |t| {
        targets.push(fields.target(t, n_sources)?);
        Ok(())
    })?;
    drop(fields);
    let mut next = 0u32;
    let mut read_scanner = |s: &mut Stream<R>| -> Result<Scanner> {
        let n = s.len(8)?;
        let mut heads = Heads::in_room(s.room(n.saturating_add(1))?, s.room(n)?, next, n_targets);
        s.rows(n, 8, |head| heads.push(head))?;
        let (ranges, ends, end) = heads.done(&mut next);
        let bytes = s.bytes(end as usize)?;
        let patterns = Packed { bytes: &bytes, ends: &ends };
        match s.len(1)? {
            0 => Scanner::new(&patterns, ranges),
            len => {
                let automaton = Automaton::read_from(s, len, &patterns)?;
                Ok(Scanner { automaton, keys: ranges })
            }
        }
    };
    let on_folded = read_scanner(s)?;
    let on_skeleton = read_scanner(s)?;
    if next as usize != n_targets {
        return Err(corrupt("targets that no pattern stands for"));
    }
    let n = s.len(4)?;
    let mut arabic_given = std::collections::HashSet::new();
    arabic_given.try_reserve(n).map_err(|_| s.too_big())?;
    for _ in 0..n {
        let len = s.u32()? as usize;
        arabic_given.insert(given_name(&s.bytes(len)?)?);
    }
    if !s.is_done() {
        return Err(corrupt("extra bytes after the compiled tagger"));
    }
    Ok(CompiledPart { scan, strings, targets, sources, on_folded, on_skeleton, arabic_given })
}

#[cfg(test)]
mod tests {
    use super::super::automaton::Kind;
    use super::*;
    use crate::core::gazetteer::{Alias, Entity, Meta};

    #[test]
    fn char_boundaries_are_the_strings() {
        // ASCII, two-, three- and four-byte characters, lengths around a word of bits.
        let texts = [
            "",
            "a",
            "abc",
            "é",
            "aé",
            "قيس الخزعلي",
            "😀x😀",
            &"ab".repeat(40),
            &"é".repeat(40),
            &format!("{}é", "a".repeat(63)),
            &format!("{}é", "a".repeat(62)),
        ];
        for s in texts {
            let b = CharBoundaries::of(s);
            for i in 0..s.len() + 70 {
                assert_eq!(b.at(i), s.is_char_boundary(i), "{s:?} {i}");
            }
        }
    }

    fn gazetteer() -> Gazetteer {
        let entity = |id: &str, name: &str, label: &str, aliases: &[&str], country: &str| {
            let mut meta = Meta::new();
            if !country.is_empty() {
                meta.insert("country".into(), country.into());
            }
            if label == "INSTITUTION" {
                meta.insert("head".into(), "army".into());
            }
            let aliases = aliases.iter().map(|a| Alias::new(*a, None));
            Entity::new(id, name, label, aliases, meta).unwrap()
        };
        Gazetteer::from_entities([
            entity("kadhimi", "Mustafa al-Kadhimi", "PERSON", &["مصطفى الكاظمي", "Kāẓimī"], "IQ"),
            entity("k1", "K1 Air Base", "BASE", &["K-1", "Camp Taji"], "IQ"),
            entity("kh", "Kata'ib Hezbollah", "MILITIA", &["KH", "كتائب حزب الله"], ""),
            entity("army", "Iraqi Army", "INSTITUTION", &["Ministry of Defence"], "IQ"),
            entity("sadr", "Muqtada al-Sadr", "PERSON", &["Sadr"], ""),
        ])
        .unwrap()
    }

    const TEXT: &str = "Kazimi and مصطفى الكاظمي met KH, the Iraqi army and al-Sadr at K 1 \
                        near Taji base; Ministry of Defence said كتائب حزب الله.";

    #[test]
    fn a_loaded_tagger_is_the_built_one() {
        for variants in Layer::ALL {
            for whole_words in [true, false] {
                let options = Options { variants, whole_words, ..Options::default() };
                let built = Tagger::build(gazetteer(), options).unwrap();
                let bytes = built.compiled_to_bytes();
                // Format 6 kept each target whole: split again, as a build splits them.
                let whole = to_bytes_as(&built, 6);
                let old = Tagger::from_compiled(gazetteer(), options, &whole, 6).unwrap();
                assert_eq!((&old.targets, &old.sources), (&built.targets, &built.sources));
                assert_eq!(old.compiled_to_bytes(), bytes);
                let loaded = Tagger::from_compiled(gazetteer(), options, &bytes, FORMAT).unwrap();
                assert_eq!(loaded.targets, built.targets, "{variants:?}");
                assert_eq!(loaded.sources, built.sources, "{variants:?}");
                // Fewer sources than keys: the keys of one alias share theirs.
                let (n, keys) = (built.sources.len(), built.targets.len());
                assert!(variants == Layer::None || n * 2 < keys, "{variants:?} {n} {keys}");
                assert_eq!(loaded.strings.0, built.strings.0);
                assert_eq!(loaded.on_folded.keys, built.on_folded.keys);
                assert_eq!(loaded.on_skeleton.keys, built.on_skeleton.keys);
                assert_eq!(loaded.arabic_given, built.arabic_given);
                assert_eq!(loaded.related, built.related);
                assert_eq!(loaded.scan, built.scan);
                assert_eq!(loaded.tag(TEXT).unwrap(), built.tag(TEXT).unwrap());
                assert!(!built.tag(TEXT).unwrap().matches.is_empty());
                assert_eq!(loaded.compiled_to_bytes(), bytes);
            }
        }
    }

    /// The gazetteer with a name whose key is too long for the DFA: its tagger at `none` is
    /// built with a trie and saved with it.
    fn gazetteer_with_a_long_name() -> Gazetteer {
        let long = "\u{FDFA} ".repeat(15);
        let salawat = Entity::new("s", "Salawat", "PHRASE", [Alias::new(&long, None)], Meta::new());
        let mut entities = gazetteer().entities().to_vec();
        entities.push(salawat.unwrap());
        Gazetteer::from_entities(entities).unwrap()
    }

    #[test]
    fn a_saved_trie_is_read_back_and_a_format_2_file_builds_it() {
        let options = Options { variants: Layer::None, ..Options::default() };
        let text = format!("{TEXT} {}", "\u{FDFA} ".repeat(15));
        let built = Tagger::build(gazetteer_with_a_long_name(), options).unwrap();
        assert_eq!(built.on_folded.automaton.kind(), Kind::Trie);
        assert!(built.tag(&text).unwrap().matches.len() >= 5);
        let bytes = built.compiled_to_bytes();
        let old = to_bytes_as(&built, 2);
        assert!(old.len() < bytes.len());
        for (bytes, format, kind) in [(&bytes, FORMAT, Kind::Trie), (&old, 2, Kind::Trie)] {
            let loaded =
                Tagger::from_compiled(gazetteer_with_a_long_name(), options, bytes, format)
                    .unwrap();
            assert_eq!(loaded.on_folded.automaton.kind(), kind);
            assert_eq!(loaded.tag(&text).unwrap(), built.tag(&text).unwrap());
            assert_eq!(loaded.compiled_to_bytes(), built.compiled_to_bytes());
        }
        // Format 7 bytes read as format 2 or 5, and format 2 as 7: errors, never a panic.
        for (bytes, format) in [(&bytes, 2), (&bytes, 5), (&old, FORMAT)] {
            let err = Tagger::from_compiled(gazetteer_with_a_long_name(), options, bytes, format)
                .unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{err}");
        }
        // A changed byte in the saved automaton: a format error naming it, or a tagger that
        // tags; a cut anywhere: a format error.
        let loaded =
            Tagger::from_compiled(gazetteer_with_a_long_name(), options, &bytes, FORMAT).unwrap();
        let saved = match &loaded.on_folded.automaton {
            // Its slots (the order of its patterns follows them).
            Automaton::Trie(_) => loaded.on_folded.automaton.to_bytes::<[&[u8]]>(&[]).unwrap(),
            _ => unreachable!(),
        };
        let at = bytes.windows(saved.len()).position(|w| w == saved).unwrap();
        let g = gazetteer_with_a_long_name();
        for i in at..at + saved.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x81;
            match Tagger::from_compiled(g.clone(), options, &bad, FORMAT) {
                Ok(t) => drop(t.tag(&text).unwrap()),
                Err(e) => assert!(e.message().contains("the saved automaton"), "{e}"),
            }
        }
        for n in (0..bytes.len()).step_by(5) {
            let err = Tagger::from_compiled(g.clone(), options, &bytes[..n], FORMAT).unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{err}");
        }
    }

    /// The compiled part of `bytes` read whole and read as a stream, each attached to `g`: the
    /// saved bytes of the tagger, or the error.
    fn read_both_ways(
        g: &Gazetteer,
        options: Options,
        bytes: &[u8],
    ) -> [std::result::Result<Vec<u8>, String>; 2] {
        let whole = read(bytes, FORMAT);
        let mut s = Stream::new(bytes, bytes.len() as u64, "the compiled tagger");
        let streamed = read_from(&mut s, FORMAT);
        [whole, streamed].map(|part| {
            let t = part.and_then(|part| attach(Tagger::gazetteer_part(g.clone()), options, part));
            t.map(|t| t.compiled_to_bytes()).map_err(|e| e.message().to_owned())
        })
    }

    #[test]
    fn a_compiled_part_read_as_a_stream_is_the_one_read_whole() {
        // A trie (the long name's gazetteer, at `none`) and the crate's DFA at `default`, with
        // a skeleton scanner: every cut of each gives the same error both ways, every changed
        // byte the same tagger or an error both ways.
        let trie =
            (gazetteer_with_a_long_name(), Options { variants: Layer::None, ..Options::default() });
        let dfa = (gazetteer(), Options::default());
        for (g, options) in [trie, dfa] {
            let bytes = Tagger::build(g.clone(), options).unwrap().compiled_to_bytes();
            let [whole, streamed] = read_both_ways(&g, options, &bytes);
            assert_eq!(whole.as_deref(), Ok(&bytes[..]));
            assert_eq!(streamed.as_deref(), Ok(&bytes[..]));
            for n in 0..bytes.len() {
                let [whole, streamed] = read_both_ways(&g, options, &bytes[..n]);
                assert!(whole.is_err(), "{n}");
                assert_eq!(whole, streamed, "cut at {n}");
            }
            let mut longer = bytes.clone();
            longer.push(0);
            let [whole, streamed] = read_both_ways(&g, options, &longer);
            assert_eq!(whole, streamed);
            assert_eq!(
                whole.unwrap_err(),
                "corrupt gazetag file: extra bytes after the compiled tagger"
            );
            let mut changed = 0;
            for i in 0..bytes.len() {
                for flip in [0x81, 0x01] {
                    let mut bad = bytes.clone();
                    bad[i] ^= flip;
                    // The same tagger, or errors both ways (a stream meets what is wrong in
                    // the order of the file, so another fault may be named first).
                    let [whole, streamed] = read_both_ways(&g, options, &bad);
                    changed += usize::from(whole.is_err());
                    match (whole, streamed) {
                        (Ok(a), Ok(b)) => assert_eq!(a, b, "byte {i} ^ {flip:#x}"),
                        (Err(a), Err(b)) => {
                            for e in [a, b] {
                                assert!(e.starts_with("corrupt gazetag file: "), "{e}");
                            }
                        }
                        (a, b) => panic!("byte {i} ^ {flip:#x}: {a:?} against {b:?}"),
                    }
                }
            }
            assert!(changed > bytes.len() / 2, "{changed} of {}", bytes.len());
        }
    }

    #[test]
    fn compiled_bytes_that_do_not_hold_together_are_format_errors() {
        let options = Options::default();
        let bytes = Tagger::build(gazetteer(), options).unwrap().compiled_to_bytes();
        // Every cut, and a changed byte at every place: an error or a tagger, never a panic.
        for n in 0..bytes.len() {
            let err = Tagger::from_compiled(gazetteer(), options, &bytes[..n], FORMAT).unwrap_err();
            assert!(err.message().starts_with("corrupt gazetag file: "), "{err}");
        }
        let g = gazetteer();
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x81;
            if let Ok(t) = Tagger::from_compiled(g.clone(), options, &bad, FORMAT) {
                t.tag(TEXT).unwrap();
            }
        }
        let mut longer = bytes.clone();
        longer.push(0);
        let err = Tagger::from_compiled(gazetteer(), options, &longer, FORMAT).unwrap_err();
        assert!(err.message().contains("extra bytes"), "{err}");
        // A target of an entity the gazetteer does not have.
        let small = Gazetteer::from_entities(gazetteer().entities()[..1].to_vec()).unwrap();
        let err = Tagger::from_compiled(small, options, &bytes, FORMAT).unwrap_err();
        assert!(err.message().contains("names no alias"), "{err}");
    }
}
