//! Dictionary files: gazetag JSONL, CSV / TSV and spaCy EntityRuler / SpanRuler pattern JSONL,
//! read into a gazetteer and written back.
//!
//! Owns the layout of each format and the rule that no bad line is lost: a reader either stops
//! at the first bad line (`OnError::Raise`) or keeps going and returns every bad line as a
//! `Problem` (`OnError::Collect`). Either way each message names `file:line` and the reason.
//! A JSON object that names a key twice is such a bad line (JSON readers keep the last value,
//! so the first would be lost), as is an integer past 64 bits (read as the nearest float).
//!
//! CSV and TSV have a header row naming the columns `id`, `name`, `label` (required) and
//! `aliases`, `alias_options`, `meta`, `variants`, `partial` (optional, any order; a header
//! that differs only in case, `Name`, names the same column). Any other column is a meta key:
//! its cells are string values of `meta` (`wikidata`, `country`); a header that looks like a
//! misspelt column (`alias`, `lable`) is an error instead, as is a column named twice. An
//! `aliases` cell is the aliases joined by `|`, or a JSON list when an alias holds a `|`; an
//! `alias_options` cell is a JSON object from alias text to its settings
//! (`{"KH": {"case_sensitive": true}}`); a `meta` cell is a JSON object. The delimiter is the
//! one that splits the header into `id`, `name` and `label` (`,`, `;` from a spreadsheet set
//! to a European locale, or a tab), unless one is given. Written tables keep the aliases as
//! plain text, their settings in `alias_options`, and each meta key whose values are all plain
//! one-line strings in a column of its own, so that a spreadsheet shows and saves them as
//! they are. A quoted cell runs over the end of its line only in a `meta` cell that holds a JSON
//! object; anywhere else it is a stray quote, reported at the line where it opened, and the
//! lines after it are read on their own. A byte order mark starting a line (files joined
//! together) is dropped, and a CSV header row repeated there is skipped. Written cells that
//! start with `=`, `+`, `-`, `@`, a tab or a carriage return get an apostrophe before them so
//! that a spreadsheet shows them as text (CSV injection); reading takes it away. spaCy pattern
//! lines (`{"label", "pattern", "id"}`) become one entity per `id`: its
//! first pattern is the name and the others are aliases.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::{Error, Result};
use super::fold::{fold_key, is_apostrophe};
use super::gazetteer::{Conflict, Gazetteer};
use super::records::{alias_settings, entity_from_record, entity_to_record, type_name};

/// A dictionary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// gazetag JSONL: one entity record per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// spaCy EntityRuler / SpanRuler patterns, one JSON object per line.
    Spacy,
}

impl Format {
    /// The names `parse` accepts, for messages.
    pub const NAMES: &'static str = "\"jsonl\", \"csv\", \"tsv\" or \"spacy\"";

    /// The format with this name (`jsonl`, `csv`, `tsv`, `spacy`).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "jsonl" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "tsv" => Some(Format::Tsv),
            "spacy" => Some(Format::Spacy),
            _ => None,
        }
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Spacy => "spacy",
        }
    }

    /// The format a file name says, `None` when its suffix says nothing. `.jsonl` files are
    /// told apart by `sniff`.
    pub fn of_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        let suffix = lower.rsplit_once('.').map(|(_, s)| s).unwrap_or_default();
        match suffix {
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            _ => None,
        }
    }

    /// Tells spaCy pattern JSONL from gazetag JSONL by the first record's fields.
    pub fn sniff_jsonl(content: &str) -> Format {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let first = content.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
        match first.and_then(|l| serde_json::from_str::<Value>(l).ok()) {
            Some(Value::Object(o)) if o.contains_key("pattern") && !o.contains_key("name") => {
                Format::Spacy
            }
            _ => Format::Jsonl,
        }
    }
}

/// What to do with a bad line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop with an error at the first bad line.
    Raise,
    /// Keep going; every bad line is reported.
    Collect,
}

impl OnError {
    /// The accepted names, for messages.
    pub const NAMES: &'static str = "\"raise\" or \"collect\"";

    /// The policy with this name.
    pub fn parse(name: &str) -> Option<OnError> {
        match name {
            "raise" => Some(OnError::Raise),
            "collect" => Some(OnError::Collect),
            _ => None,
        }
    }
}

/// A bad line or record that was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line (or 0-based record number for records), when there is one.
    pub line: Option<usize>,
    /// The whole message, starting with where (`dict.csv:7: ...`).
    pub message: String,
}

/// A gazetteer read from a file and the bad lines that were left out of it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The entities that were read.
    pub gazetteer: Gazetteer,
    /// The lines that were skipped, with why (with `OnError::Collect`).
    pub problems: Vec<Problem>,
}

/// Collects entities, stopping or recording at a bad one.
pub struct Loader {
    on_error: OnError,
    loaded: Loaded,
}

impl Loader {
    /// A loader that raises or collects problems.
    pub fn new(on_error: OnError) -> Self {
        Loader { on_error, loaded: Loaded::default() }
    }

    /// Records a bad line, or returns it as the error when raising.
    pub fn fail(&mut self, line: Option<usize>, error: Error) -> Result<()> {
        match self.on_error {
            OnError::Raise => Err(error),
            OnError::Collect => {
                self.loaded.problems.push(Problem { line, message: error.message().to_owned() });
                Ok(())
            }
        }
    }

    /// Adds the entity a record describes; `at` names it in messages.
    pub fn add_record(
        &mut self,
        line: Option<usize>,
        at: &str,
        record: &Map<String, Value>,
    ) -> Result<()> {
        let added = entity_from_record(record, at).and_then(|entity| {
            self.loaded
                .gazetteer
                .add(entity)
                .map_err(|e| Error::gazetteer(format!("{at}: {}", e.message())))
        });
        match added {
            Ok(()) => Ok(()),
            Err(e) => self.fail(line, e),
        }
    }

    /// The gazetteer and the problems found.
    pub fn finish(mut self) -> Loaded {
        self.loaded.gazetteer.shrink_to_fit();
        self.loaded
    }
}

/// Reads a dictionary file's text. `source` names the file in messages.
pub fn read(content: &str, source: &str, format: Format, on_error: OnError) -> Result<Loaded> {
    read_with(content, source, format, on_error, None)
}

/// [`read`] with a delimiter (CSV and TSV only) that overrides the one read from the header.
pub fn read_with(
    content: &str,
    source: &str,
    format: Format,
    on_error: OnError,
    delimiter: Option<u8>,
) -> Result<Loaded> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let sniffed = |default| delimiter.unwrap_or_else(|| sniff_delimiter(content, default));
    match format {
        Format::Csv => return read_delimited(content, source, sniffed(b','), on_error),
        Format::Tsv => return read_delimited(content, source, sniffed(b'\t'), on_error),
        _ if delimiter.is_some() => return Err(only_tables(format)),
        _ => {}
    }
    match format {
        Format::Spacy => read_spacy(content, source, on_error),
        _ => read_jsonl(content, source, on_error),
    }
}

/// Writes a gazetteer in a format. Only gazetag JSONL and CSV / TSV keep everything; spaCy
/// patterns keep ids, labels and alias texts.
pub fn write(g: &Gazetteer, format: Format) -> Result<String> {
    write_with(g, format, None)
}

/// [`write`] with a delimiter (CSV and TSV only) in place of the comma or tab.
pub fn write_with(g: &Gazetteer, format: Format, delimiter: Option<u8>) -> Result<String> {
    match format {
        Format::Csv => write_delimited(g, delimiter.unwrap_or(b',')),
        Format::Tsv => write_delimited(g, delimiter.unwrap_or(b'\t')),
        _ if delimiter.is_some() => Err(only_tables(format)),
        Format::Spacy => Ok(write_spacy(g)),
        _ => Ok(write_jsonl(g)),
    }
}

fn only_tables(format: Format) -> Error {
    Error::input(format!(
        "delimiter= applies to CSV and TSV tables, not to format {:?}",
        format.name()
    ))
}

/// A `delimiter` argument: one ASCII character that is not a quote, a line break, a letter, a
/// digit or `|` (which joins aliases).
pub fn delimiter_byte(delimiter: &str) -> Result<u8> {
    let mut chars = delimiter.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None)
            if c.is_ascii()
                && !c.is_ascii_alphanumeric()
                && !matches!(c, '"' | '\'' | '\n' | '\r' | '|' | ' ') =>
        {
            Ok(c as u8)
        }
        _ => Err(Error::input(format!(
            "delimiter must be one character such as \",\", \";\" or \"\\t\", not {delimiter:?} \
             (a quote, a line break, a space, a letter, a digit or \"|\" cannot separate cells)"
        ))),
    }
}

/// The delimiter that splits the header into the columns `id`, `name` and `label`: the
/// format's own, else `,`, `;` (spreadsheets set to a European locale) or a tab; the format's
/// own when none does, so that the header error speaks of it.
fn sniff_delimiter(content: &str, default: u8) -> u8 {
    let splits_header = |delimiter: u8| {
        let header = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(content.as_bytes())
            .into_records()
            .next();
        let Some(Ok(header)) = header else { return false };
        let columns: Vec<String> = header.iter().map(|c| c.trim().to_ascii_lowercase()).collect();
        ["id", "name", "label"].iter().all(|c| columns.iter().any(|h| h == c))
    };
    [default, b',', b';', b'\t'].into_iter().find(|&d| splits_header(d)).unwrap_or(default)
}

/// The non-blank lines that are not `#` comments, with their 1-based numbers.
fn data_lines(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        // A byte order mark starting a line is where another file was joined on.
        .map(|(n, l)| (n + 1, l.strip_prefix('\u{feff}').unwrap_or(l).trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Parses JSON text, refusing an integer past 64 bits: serde_json reads one as the nearest
/// float (`18446744073709551617` as `1.8446744073709552e19`), which `Gazetteer.add` refuses as
/// too large for JSON, so a file must not change it without a word.
fn parse_json(text: &str) -> std::result::Result<Value, String> {
    let value = serde_json::from_str::<Unique>(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => e.to_string(),
        _ => format!("not valid JSON: {e}"),
    })?;
    let value = value.0;
    if holds_a_big_float(&value) {
        if let Some(literal) = big_integer_literal(text) {
            return Err(format!(
                "holds the integer {literal}, too large for JSON (64 bits at most); write it as \
                 a string"
            ));
        }
    }
    Ok(value)
}

/// A JSON value whose objects each name a key once. serde_json keeps the last value of a key
/// named twice, so `{"aliases": ["KH"], "aliases": ["Kataib"]}` would lose `KH` without a word;
/// this refuses the object instead, naming the key.
struct Unique(Value);

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(UniqueVisitor).map(Unique)
    }
}

struct UniqueVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        // JSON text has no NaN or infinity: serde_json reads a literal past f64 as an error.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Unique(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "names the key {key:?} twice in one object (which value is meant?)"
                )));
            }
            let Unique(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Whether a value holds a whole float at or past 2^63 in size: where an integer literal too
/// large for 64 bits may have gone (a float literal such as `1e19` gives one too).
fn holds_a_big_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => {
            n.as_f64().is_some_and(|x| x.fract() == 0.0 && x.abs() >= 9.2e18)
                && !n.is_i64()
                && !n.is_u64()
        }
        Value::Array(items) => items.iter().any(holds_a_big_float),
        Value::Object(map) => map.values().any(holds_a_big_float),
        _ => false,
    }
}

/// The first integer literal of JSON text (outside its strings) that fits neither an `i64`
/// nor a `u64`.
fn big_integer_literal(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'\\' => i += 2,
                b'"' => {
                    in_string = false;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        if c == b'"' {
            in_string = true;
            i += 1;
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            i += 1;
            while b.get(i).is_some_and(|&c| c.is_ascii_digit() || b".eE+-".contains(&c)) {
                i += 1;
            }
            let token = text.get(start..i).unwrap_or_default();
            let integer = !token.contains(['.', 'e', 'E']);
            if integer && token.parse::<i64>().is_err() && token.parse::<u64>().is_err() {
                return Some(token);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Parses a line that must hold one JSON object.
fn json_object(line: &str, at: &str) -> Result<Map<String, Value>> {
    let value = parse_json(line).map_err(|e| Error::gazetteer(format!("{at}: {e}")))?;
    match value {
        Value::Object(record) => Ok(record),
        other => Err(Error::gazetteer(format!(
            "{at}: a line must hold a JSON object, not {}",
            type_name(&other)
        ))),
    }
}

/// Reads gazetag JSONL: one record per line; blank lines and lines starting with `#` are
/// skipped.
pub fn read_jsonl(content: &str, source: &str, on_error: OnError) -> Result<Loaded> {
    let mut loader = Loader::new(on_error);
    for (n, line) in data_lines(content) {
        let at = format!("{source}:{n}");
        match json_object(line, &at) {
            Ok(record) => loader.add_record(Some(n), &at, &record)?,
            Err(e) => loader.fail(Some(n), e)?,
        }
    }
    Ok(loader.finish())
}

/// Writes gazetag JSONL, one entity per line.
pub fn write_jsonl(g: &Gazetteer) -> String {
    let mut out = String::new();
    for e in g.entities() {
        out.push_str(&Value::Object(entity_to_record(e)).to_string());
        out.push('\n');
    }
    out
}

/// The columns a dictionary table reads itself; any other column is a meta key.
const COLUMNS: [&str; 8] =
    ["id", "name", "label", "aliases", "alias_options", "meta", "variants", "partial"];

/// The column a header that is no column of ours seems to misspell: one letter off
/// (`lable`, `labels`, `aliasses`), or `alias`. Such a header would otherwise become a meta key
/// and its cells be lost to matching without a word.
fn misspelt_column(header: &str) -> Option<&'static str> {
    let lower = header.to_lowercase();
    if lower == "alias" {
        return Some("aliases");
    }
    COLUMNS.iter().copied().find(|c| edit_distance(&lower, c) == 1)
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbours each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return 2;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Checks a table's column names and returns them as read: trimmed, and a header that differs
/// from one of ours only in case (`Name`, `ID`) as ours. Needs `id`, `name` and `label`; any
/// other column is a meta key, unless it looks like a misspelt column of ours or is named
/// twice. Columns with an empty header are kept as `""` (a spreadsheet's trailing columns).
/// `at` says where the header is.
pub fn check_columns(columns: &[String], at: &str) -> Result<Vec<String>> {
    let mut read: Vec<String> = Vec::with_capacity(columns.len());
    for c in columns {
        let c = c.trim();
        let ours = COLUMNS.iter().find(|k| k.eq_ignore_ascii_case(c));
        let c = match ours {
            Some(k) => (*k).to_owned(),
            None => {
                if let Some(meant) = misspelt_column(c) {
                    return Err(Error::gazetteer(format!(
                        "{at}: column {c:?} looks like a misspelt {meant:?}; rename it to \
                         {meant:?}, or give it a name further from it to keep it as a meta key \
                         (a dictionary table has the columns id, name, label and optionally \
                         aliases, alias_options, meta, variants and partial; any other column \
                         is read into meta)"
                    )));
                }
                c.to_owned()
            }
        };
        if !c.is_empty() && read.contains(&c) {
            return Err(Error::gazetteer(format!("{at}: column {c:?} appears twice")));
        }
        read.push(c);
    }
    if let Some(missing) = ["id", "name", "label"].iter().find(|c| !read.iter().any(|h| h == *c)) {
        return Err(Error::gazetteer(format!(
            "{at}: there is no {missing:?} column; a dictionary table needs id, name and label"
        )));
    }
    Ok(read)
}

/// Reads CSV or TSV with a header row.
///
/// A quoted cell may not run over the end of its line unless it is the `meta` cell and holds
/// a JSON object: a stray quote would otherwise take every line after it into one cell. Such a
/// row is a problem named by the line where the quote opened, and reading goes on at the line
/// after it, so the lines the quote took in are read too.
fn read_delimited(content: &str, source: &str, delimiter: u8, on_error: OnError) -> Result<Loaded> {
    let rows = |from: usize| {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(&content.as_bytes()[from..])
            .into_records()
    };
    let mut records = rows(0);
    // Where `records` started in `content`: record positions are counted from there.
    let mut base = 0usize;
    // The csv crate's line numbers skip blank lines, so lines are counted from byte offsets.
    let mut lines = LineCounter { content: content.as_bytes(), byte: 0, line: 1 };
    let header = match records.next() {
        None => return Ok(Loaded::default()),
        Some(Ok(header)) => header,
        Some(Err(e)) => {
            let line = e.position().map_or(1, |p| lines.at(p.byte() as usize));
            return Err(Error::gazetteer(format!("{source}:{line}: {}", csv_reason(&e))));
        }
    };
    let header_line = header.position().map_or(1, |p| lines.at(p.byte() as usize));
    let headers: Vec<String> = header.iter().map(|c| c.trim().to_owned()).collect();
    if let Some(column) = headers.iter().find(|c| c.contains(['\n', '\r'])) {
        return Err(Error::gazetteer(format!(
            "{source}:{header_line}: the header cell {:?} opens a quote that runs over the end of \
             the line; remove the stray '\"'",
            column.lines().next().unwrap_or_default()
        )));
    }
    let columns = check_columns(&headers, &format!("{source}:{header_line}"))?;
    let mut loader = Loader::new(on_error);
    while let Some(row) = records.next() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map(|p| lines.at(base + p.byte() as usize));
                let at = format!("{source}:{}", line.unwrap_or(0));
                loader.fail(line, Error::gazetteer(format!("{at}: {}", csv_reason(&e))))?;
                continue;
            }
        };
        let row_byte = base + row.position().map_or(0, |p| p.byte() as usize);
        let line = lines.at(row_byte);
        let at = format!("{source}:{line}");
        // A byte order mark at the start of a line is where another file was joined on.
        let mut cells: Vec<&str> = row.iter().collect();
        if let Some(first) = cells.first_mut() {
            *first = first.strip_prefix('\u{feff}').unwrap_or(first);
        }
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if let Some(runaway) = runaway_cell(&columns, &cells) {
            let opened = line + line_breaks(&cells[..runaway].concat());
            let ran_to = opened + line_breaks(cells[runaway].trim_end_matches(['\n', '\r']));
            let column = columns
                .get(runaway)
                .map_or(format!("cell {}", runaway + 1), |c| format!("{c:?} cell"));
            let e = Error::gazetteer(format!(
                "{source}:{opened}: the {column} opens a quote that runs over the end of the \
                 line (on to line {ran_to}); a stray '\"'? only a meta cell holding a JSON \
                 object may span lines"
            ));
            loader.fail(Some(opened), e)?;
            // Read again from the line after the one where the quote opened.
            base = line_start(content.as_bytes(), lines.start_of(row_byte), opened - line + 1);
            records = rows(base);
            continue;
        }
        // The header of another file joined on: nothing to read.
        if cells.iter().map(|c| c.trim()).eq(headers.iter().map(String::as_str)) {
            continue;
        }
        if cells.len() != columns.len() {
            let e = Error::gazetteer(format!(
                "{at}: {} cells where the header has {} columns",
                cells.len(),
                columns.len()
            ));
            loader.fail(Some(line), e)?;
            continue;
        }
        let cells = cells.iter().map(|c| unescape_formula(c));
        match record_from_cells(columns.iter().map(String::as_str).zip(cells), &at) {
            Ok(record) => loader.add_record(Some(line), &at, &record)?,
            Err(e) => loader.fail(Some(line), e)?,
        }
    }
    Ok(loader.finish())
}

/// The first cell of a row that a quote ran on over the end of its line, if the row is
/// thereby wrong: any cell but `meta`, or a `meta` cell that is no JSON object, or a row with
/// too many or too few cells after a multi-line `meta` cell.
fn runaway_cell(columns: &[String], cells: &[&str]) -> Option<usize> {
    cells.iter().enumerate().position(|(i, cell)| {
        let meta = columns.get(i).is_some_and(|c| c == "meta");
        let json_object = || matches!(serde_json::from_str(cell), Ok(Value::Object(_)));
        cell.contains(['\n', '\r']) && (!meta || cells.len() != columns.len() || !json_object())
    })
}

/// How many lines a text ends: `\n`, `\r\n` and a lone `\r` each end one.
fn line_breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

/// The byte where line `n` after the line starting at `from` starts (`n` = 1: the next line),
/// or the end of the text.
fn line_start(content: &[u8], from: usize, n: usize) -> usize {
    let mut at = from;
    for _ in 0..n {
        match content[at..].iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) => {
                at += i + 1;
                if content[at - 1] == b'\r' && content.get(at) == Some(&b'\n') {
                    at += 1;
                }
            }
            None => return content.len(),
        }
    }
    at
}

/// Cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) are written after an apostrophe, as the common guidance on CSV
/// injection says; so is a cell that already starts with apostrophes before such a character,
/// so that reading takes exactly one apostrophe away again.
fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let rest = cell.trim_start_matches('\'');
    if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The cell as written before [`escape_formula`]: one apostrophe less before a formula
/// character.
fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Turns increasing byte offsets into 1-based line numbers.
struct LineCounter<'a> {
    content: &'a [u8],
    byte: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The byte where the record at `byte` starts, after the blank lines the csv crate counts
    /// as part of it.
    fn start_of(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.content.len());
        while byte < self.content.len() && matches!(self.content[byte], b'\n' | b'\r') {
            byte += 1;
        }
        byte
    }

    /// The line of the record at `byte`; the csv crate counts blank lines before a record
    /// as part of it, so they are skipped first.
    fn at(&mut self, byte: usize) -> usize {
        let byte = self.start_of(byte);
        if byte > self.byte {
            // `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line.
            let span = &self.content[self.byte..byte];
            let next = self.content.get(byte).copied();
            self.line += span
                .iter()
                .enumerate()
                .filter(|&(i, &b)| {
                    b == b'\n' || b == b'\r' && span.get(i + 1).copied().or(next) != Some(b'\n')
                })
                .count();
            self.byte = byte;
        }
        self.line
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_owned(),
        _ => format!("not valid CSV: {e}"),
    }
}

/// One cell of a data frame row, as the binding reads it.
pub enum FrameCell {
    /// None, NaN, pandas.NA, NaT.
    Missing,
    /// Any other value, as JSON.
    Value(Value),
}

/// A record from a data frame row: text cells follow the CSV cell rules
/// ([`record_from_cells`]); `aliases`, `alias_options` and `meta` may also hold a list or a
/// dict, and a meta column any JSON value; `id`, `name`, `label`, `variants` and `partial`
/// must hold text.
pub fn record_from_frame_row(
    cells: impl IntoIterator<Item = (String, FrameCell)>,
    at: &str,
) -> Result<Map<String, Value>> {
    let cells: Vec<(String, Value)> = cells
        .into_iter()
        .filter_map(|(column, cell)| match cell {
            FrameCell::Missing => None,
            FrameCell::Value(value) => Some((column, value)),
        })
        .collect();
    record_from_values(cells.iter().map(|(c, v)| (c.as_str(), v.clone())), at)
}

/// The embedded gazetteer from its files, `(source, JSONL text)` in order: every id must be
/// unique across the files.
pub fn read_jsonl_files(files: &[(String, String)]) -> Result<Gazetteer> {
    let mut g = Gazetteer::new();
    for (source, text) in files {
        let part = read_jsonl(text, source, OnError::Raise)?.gazetteer;
        g.update(part, Conflict::Error)
            .map_err(|e| Error::gazetteer(format!("{source}: {}", e.message())))?;
    }
    Ok(g)
}

/// A record from table cells (`column`, `cell`): the form CSV, TSV and data frames share.
/// `aliases` is `a|b|c` or a JSON list; `alias_options` and `meta` are JSON objects; a column
/// that is none of ours is a meta key with the cell as its string value; empty cells are
/// absent.
pub fn record_from_cells<'a>(
    cells: impl IntoIterator<Item = (&'a str, &'a str)>,
    at: &str,
) -> Result<Map<String, Value>> {
    record_from_values(cells.into_iter().map(|(c, s)| (c, Value::String(s.to_owned()))), at)
}

/// A JSON object cell (`meta`, `alias_options`): a dict as it is, or a str holding one.
fn object_cell(column: &str, value: Value, at: &str) -> Result<Map<String, Value>> {
    let value = match value {
        Value::String(s) => parse_json(&s).map_err(|e| {
            let verb = if e.starts_with("not ") { "is " } else { "" };
            Error::gazetteer(format!("{at}: the {column} cell {verb}{e}"))
        })?,
        value => value,
    };
    match value {
        Value::Object(o) => Ok(o),
        v => Err(Error::gazetteer(format!(
            "{at}: the {column} cell must hold a JSON object, not {}",
            type_name(&v)
        ))),
    }
}

/// A record from cells that are text (a CSV cell, a str in a data frame) or, from a data
/// frame, other JSON values.
fn record_from_values<'a>(
    cells: impl IntoIterator<Item = (&'a str, Value)>,
    at: &str,
) -> Result<Map<String, Value>> {
    let mut record = Map::new();
    let mut meta_columns: Vec<(&str, Value)> = Vec::new();
    let mut options: Option<Map<String, Value>> = None;
    for (column, value) in cells {
        let blank = value.as_str().is_some_and(|s| s.trim().is_empty());
        let value = match (column, value) {
            ("id" | "name" | "label", v @ Value::String(_)) => v,
            (_, _) if blank => continue,
            ("aliases", Value::String(s)) => aliases_cell(&s, at)?,
            ("meta", v) => Value::Object(object_cell(column, v, at)?),
            ("alias_options", v) => {
                options = Some(object_cell(column, v, at)?);
                continue;
            }
            ("variants" | "partial", Value::String(s)) => Value::String(s.trim().to_owned()),
            ("id" | "name" | "label" | "variants" | "partial", v) => {
                return Err(Error::gazetteer(format!(
                    "{at}: column {column:?} must hold str, not {}",
                    type_name(&v)
                )))
            }
            ("aliases", v) => v,
            ("", v) => {
                let shown = v.as_str().map_or_else(|| v.to_string(), |s| s.trim().to_owned());
                return Err(Error::gazetteer(format!(
                    "{at}: the cell {shown:?} is under a column with no name in the header; \
                     name the column (it is read into meta) or clear its cells"
                )));
            }
            (_, Value::String(s)) => {
                meta_columns.push((column, Value::String(s.trim().to_owned())));
                continue;
            }
            (_, v) => {
                meta_columns.push((column, v));
                continue;
            }
        };
        record.insert(column.to_owned(), value);
    }
    if !meta_columns.is_empty() {
        let meta = record.entry("meta").or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(meta) = meta {
            for (key, value) in meta_columns {
                if meta.contains_key(key) {
                    return Err(Error::gazetteer(format!(
                        "{at}: meta key {key:?} is both a column and in the meta cell; keep one"
                    )));
                }
                meta.insert(key.to_owned(), value);
            }
        }
    }
    if let Some(options) = options {
        apply_alias_options(&mut record, options, at)?;
    }
    Ok(record)
}

/// Puts the settings of an `alias_options` cell on the aliases they name (the name included).
fn apply_alias_options(
    record: &mut Map<String, Value>,
    options: Map<String, Value>,
    at: &str,
) -> Result<()> {
    let name = record.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
    let aliases = record.entry("aliases").or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(aliases) = aliases else {
        // entity_from_record says what is wrong with it.
        return Ok(());
    };
    for (text, settings) in options {
        let Value::Object(settings) = settings else {
            return Err(Error::gazetteer(format!(
                "{at}: alias_options[{text:?}] must be an object of settings such as \
                 {{\"case_sensitive\": true}}, not {}",
                type_name(&settings)
            )));
        };
        let alias_text = |a: &Value| match a {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("text").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        };
        let mut alias = Map::new();
        alias.insert("text".into(), Value::String(text.clone()));
        alias.extend(settings);
        match aliases.iter().position(|a| alias_text(a).as_deref() == Some(text.as_str())) {
            Some(i) => aliases[i] = Value::Object(alias),
            None if text == name => aliases.insert(0, Value::Object(alias)),
            None => {
                return Err(Error::gazetteer(format!(
                    "{at}: alias_options names {text:?}, which is neither the name nor one of \
                     the aliases; add it to the aliases or take it out of alias_options"
                )))
            }
        }
    }
    Ok(())
}

/// An aliases cell: a JSON list when it starts with `[`, else texts joined by `|`.
pub fn aliases_cell(cell: &str, at: &str) -> Result<Value> {
    let trimmed = cell.trim();
    if trimmed.starts_with('[') {
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(v @ Value::Array(_)) => Ok(v),
            _ => Err(Error::gazetteer(format!(
                "{at}: the aliases cell starts with \"[\" but is not a JSON list; write \
                 aliases joined by \"|\" or a JSON list of strings"
            ))),
        };
    }
    Ok(Value::Array(
        trimmed
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| Value::String(a.to_owned()))
            .collect(),
    ))
}

/// Whether a text reads back the same from a plain cell: one line, no control character, no
/// space at either end, not empty.
fn plain_text(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && !s.contains(char::is_control)
}

/// The aliases cell: the texts joined by `|` when that reads back the same, else a JSON list
/// of strings (which also keeps a line break in an alias from spanning lines).
fn aliases_to_cell(texts: &[&str]) -> String {
    let plain = texts
        .iter()
        .enumerate()
        .all(|(i, s)| plain_text(s) && !s.contains('|') && !(i == 0 && s.starts_with('[')));
    if plain {
        texts.join("|")
    } else {
        Value::Array(texts.iter().map(|s| Value::String((*s).to_owned())).collect()).to_string()
    }
}

/// The meta keys written as columns of their own: every key whose values are plain one-line
/// strings wherever it is set, and whose name reads back as a meta column (not one of ours,
/// not misspelling one, not a formula), in the order they first appear.
fn meta_column_keys(g: &Gazetteer) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut refused: std::collections::HashSet<String> = std::collections::HashSet::new();
    for e in g.entities() {
        for key in e.meta().keys() {
            if refused.contains(key.as_str()) || keys.contains(key) {
                continue;
            }
            let usable = plain_text(key)
                && !key.starts_with(['=', '+', '-', '@', '\''])
                && !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(key))
                && misspelt_column(key).is_none()
                && g.entities().iter().all(|e| match e.meta_value(key) {
                    None => true,
                    Some(Value::String(s)) => plain_text(&s),
                    Some(_) => false,
                });
            if usable {
                keys.push(key.clone());
            } else {
                refused.insert(key.clone());
            }
        }
    }
    keys
}

/// CSV or TSV with a header row: `id`, `name`, `label`, `aliases` as plain text, then
/// `alias_options`, `variants` and `partial` when any entity uses them, a column per
/// [`meta_column_keys`] key, and `meta` for the rest of the metadata. A cell a spreadsheet
/// would take for a formula is written after an apostrophe ([`escape_formula`]), which reading
/// takes away again.
fn write_delimited(g: &Gazetteer, delimiter: u8) -> Result<String> {
    let entities = g.entities();
    let with_options = entities.iter().any(|e| e.aliases.iter().any(|a| a.has_settings()));
    let with_variants = entities.iter().any(|e| e.variants().is_some());
    let with_partial = entities.iter().any(|e| e.partial().is_some());
    let meta_keys = meta_column_keys(g);
    let mut header: Vec<&str> = vec!["id", "name", "label", "aliases"];
    for (wanted, column) in
        [(with_options, "alias_options"), (with_variants, "variants"), (with_partial, "partial")]
    {
        if wanted {
            header.push(column);
        }
    }
    header.extend(meta_keys.iter().map(String::as_str));
    header.push("meta");
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    let io = |e: csv::Error| Error::input(format!("could not write the table: {e}"));
    writer.write_record(&header).map_err(io)?;
    for e in entities {
        let texts: Vec<&str> = e.aliases.iter().skip(1).map(|a| a.text).collect();
        let mut row = vec![
            e.id().to_owned(),
            e.name().to_owned(),
            e.label().to_owned(),
            aliases_to_cell(&texts),
        ];
        if with_options {
            let options: Map<String, Value> = e
                .aliases
                .iter()
                .filter(|a| a.has_settings())
                .map(|a| (a.text.to_owned(), Value::Object(alias_settings(a))))
                .collect();
            row.push(if options.is_empty() {
                String::new()
            } else {
                Value::Object(options).to_string()
            });
        }
        if with_variants {
            row.push(e.variants().map(|l| l.name().to_owned()).unwrap_or_default());
        }
        if with_partial {
            row.push(e.partial().map(|p| p.name().to_owned()).unwrap_or_default());
        }
        let meta = e.meta();
        for key in &meta_keys {
            row.push(meta.get(key).and_then(Value::as_str).unwrap_or_default().to_owned());
        }
        let rest: Map<String, Value> = meta
            .iter()
            .filter(|(k, _)| !meta_keys.contains(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        row.push(if rest.is_empty() { String::new() } else { Value::Object(rest).to_string() });
        writer
            .write_record(row.iter().map(|cell| escape_formula(cell).into_owned()))
            .map_err(io)?;
    }
    let bytes =
        writer.into_inner().map_err(|e| Error::input(format!("could not write the table: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::input(format!("could not write the table: {e}")))
}

/// Which meta keys a data frame of the gazetteer shows as columns of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaColumns {
    /// None: all metadata stays in the `meta` column.
    Nothing,
    /// Every key that can be a column (see [`frame_table`]).
    All,
    /// These keys, in this order.
    Keys(Vec<String>),
}

/// Whether a meta key can be a column that `from_dataframe` reads back into meta: not one of
/// our columns in any case, not a misspelling of one, not empty.
fn meta_key_is_column(key: &str) -> bool {
    // A header is read trimmed: `" k"` would come back as `k`.
    !key.is_empty()
        && key.trim() == key
        && !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(key))
        && misspelt_column(key).is_none()
}

/// Whether a meta value reads back the same from a data frame's cell of its own: a cell is
/// read trimmed, and an empty or blank one (or None) as no value.
fn meta_value_is_cell(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty() && s.trim() == s,
        _ => true,
    }
}

/// A data frame's columns: each a name and one cell per entity, `None` where missing.
pub type FrameTable = Vec<(String, Vec<Option<Value>>)>;

/// A data frame of the gazetteer, column by column: `id`, `name`, `label`, `aliases` (the
/// alias texts after the name), `alias_options` (alias text to its settings, or missing),
/// `variants`, `partial`, a column per chosen meta key, and `meta` with the keys that are not
/// columns. With [`MetaColumns::All`] the keys that cannot be columns (`name`, `Label`,
/// `alias`, `" k"`) stay in `meta`; naming one in [`MetaColumns::Keys`] is an error. A value
/// that a cell would not give back (blank, with spaces at its ends, None) stays in `meta` too.
pub fn frame_table(g: &Gazetteer, meta_columns: &MetaColumns) -> Result<FrameTable> {
    let entities = g.entities();
    let keys: Vec<String> = match meta_columns {
        MetaColumns::Nothing => Vec::new(),
        MetaColumns::All => {
            let mut keys: Vec<String> = Vec::new();
            for e in entities {
                for key in e.meta().keys() {
                    if meta_key_is_column(key) && !keys.contains(key) {
                        keys.push(key.clone());
                    }
                }
            }
            keys
        }
        MetaColumns::Keys(keys) => {
            for (i, key) in keys.iter().enumerate() {
                if !meta_key_is_column(key) {
                    return Err(Error::input(format!(
                        "meta_columns: the meta key {key:?} cannot be a column of its own: \
                         from_dataframe would read the column as one of the table's own \
                         columns (id, name, label, aliases, alias_options, meta, variants, \
                         partial) or refuse it as a misspelling of one"
                    )));
                }
                if keys[..i].contains(key) {
                    return Err(Error::input(format!("meta_columns names {key:?} twice")));
                }
            }
            keys.clone()
        }
    };
    let text = |s: &str| Some(Value::String(s.to_owned()));
    let column = |f: &dyn Fn(&super::gazetteer::Entity) -> Option<Value>| -> Vec<Option<Value>> {
        entities.iter().map(f).collect()
    };
    let mut table: FrameTable = vec![
        ("id".into(), column(&|e| text(e.id()))),
        ("name".into(), column(&|e| text(e.name()))),
        ("label".into(), column(&|e| text(e.label()))),
        (
            "aliases".into(),
            column(&|e| {
                Some(Value::Array(e.aliases.iter().skip(1).map(|a| a.text.into()).collect()))
            }),
        ),
        (
            "alias_options".into(),
            column(&|e| {
                let options: Map<String, Value> = e
                    .aliases
                    .iter()
                    .filter(|a| a.has_settings())
                    .map(|a| (a.text.to_owned(), Value::Object(alias_settings(a))))
                    .collect();
                (!options.is_empty()).then_some(Value::Object(options))
            }),
        ),
        ("variants".into(), column(&|e| e.variants().and_then(|l| text(l.name())))),
        ("partial".into(), column(&|e| e.partial().and_then(|p| text(p.name())))),
    ];
    // A value that would not read back the same from its column (`" x "`, `""`, None) stays in
    // its entity's `meta` cell, its column's cell left missing.
    for key in &keys {
        table.push((key.clone(), column(&|e| e.meta_value(key).filter(meta_value_is_cell))));
    }
    table.push((
        "meta".into(),
        column(&|e| {
            let mut meta = e.meta();
            meta.retain(|k, v| !keys.contains(k) || !meta_value_is_cell(v));
            Some(Value::Object(meta))
        }),
    ));
    Ok(table)
}

/// One entity being gathered from spaCy patterns.
struct Pending {
    line: usize,
    id: String,
    label: String,
    aliases: Vec<Value>,
}

/// Reads spaCy EntityRuler / SpanRuler pattern JSONL. Patterns with the same `id` make one
/// entity; a pattern without an `id` is its own entity, with its text as id.
fn read_spacy(content: &str, source: &str, on_error: OnError) -> Result<Loaded> {
    let mut loader = Loader::new(on_error);
    let mut pending: Vec<Pending> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (n, line) in data_lines(content) {
        let at = format!("{source}:{n}");
        let parsed = json_object(line, &at).and_then(|o| spacy_pattern(&o, &at));
        let (id, label, alias) = match parsed {
            Ok(p) => p,
            Err(e) => {
                loader.fail(Some(n), e)?;
                continue;
            }
        };
        match by_id.get(&id) {
            Some(&i) if pending[i].label != label => {
                let e = Error::gazetteer(format!(
                    "{at}: id {id:?} has label {:?} at line {} but {label:?} here; an id names \
                     one entity with one label",
                    pending[i].label, pending[i].line
                ));
                loader.fail(Some(n), e)?;
            }
            Some(&i) => pending[i].aliases.push(alias),
            None => {
                by_id.insert(id.clone(), pending.len());
                pending.push(Pending { line: n, id, label, aliases: vec![alias] });
            }
        }
    }
    for p in pending {
        let at = format!("{source}:{}", p.line);
        let name = match &p.aliases[0] {
            Value::String(s) => s.clone(),
            Value::Object(o) => o.get("text").and_then(Value::as_str).unwrap_or_default().into(),
            _ => String::new(),
        };
        let mut record = Map::new();
        record.insert("id".into(), Value::String(p.id));
        record.insert("name".into(), Value::String(name));
        record.insert("label".into(), Value::String(p.label));
        record.insert("aliases".into(), Value::Array(p.aliases));
        loader.add_record(Some(p.line), &at, &record)?;
    }
    Ok(loader.finish())
}

const TOKEN_KEYS: &str = "LOWER, ORTH or TEXT";

/// The id, label and alias (a string, or an alias object carrying its case) of one pattern.
fn spacy_pattern(o: &Map<String, Value>, at: &str) -> Result<(String, String, Value)> {
    let fail = |what: String| Error::gazetteer(format!("{at}: {what}"));
    if let Some(k) = o.keys().find(|k| !["label", "pattern", "id"].contains(&k.as_str())) {
        return Err(fail(format!(
            "unknown field {k:?}; a spaCy pattern line has \"label\", \"pattern\" and \"id\""
        )));
    }
    let label = match o.get("label") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(fail("\"label\" is empty".into())),
        None => return Err(fail("missing field \"label\"".into())),
        Some(v) => return Err(fail(format!("\"label\" must be a string, not {}", type_name(v)))),
    };
    let (text, case_sensitive) = match o.get("pattern") {
        Some(Value::String(s)) => (s.clone(), None),
        Some(Value::Array(tokens)) => token_pattern(tokens).map_err(fail)?,
        None => return Err(fail("missing field \"pattern\"".into())),
        Some(v) => {
            return Err(fail(format!(
                "\"pattern\" must be a string or a list of token dicts, not {}",
                type_name(v)
            )))
        }
    };
    if fold_key(&text, false).is_empty() {
        return Err(fail(format!("pattern {text:?} has nothing to match")));
    }
    let id = match o.get("id") {
        None | Some(Value::Null) => text.clone(),
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(fail("\"id\" is empty".into())),
        Some(v) => return Err(fail(format!("\"id\" must be a string, not {}", type_name(v)))),
    };
    let alias = match case_sensitive {
        None => Value::String(text),
        Some(cs) => {
            let mut a = Map::new();
            a.insert("text".into(), Value::String(text));
            a.insert("case_sensitive".into(), Value::Bool(cs));
            Value::Object(a)
        }
    };
    Ok((id, label, alias))
}

/// The text of a token pattern and whether its case matters (ORTH / TEXT) or not (LOWER).
fn token_pattern(tokens: &[Value]) -> std::result::Result<(String, Option<bool>), String> {
    if tokens.is_empty() {
        return Err("the token pattern is empty".into());
    }
    let mut text = String::new();
    let mut case: Option<bool> = None;
    let mut glue = true;
    for (i, token) in tokens.iter().enumerate() {
        let Value::Object(t) = token else {
            return Err(format!("token {i} must be a dict, not {}", type_name(token)));
        };
        let mut entries = t.iter();
        let (Some((key, value)), None) = (entries.next(), entries.next()) else {
            return Err(format!(
                "token {i} must have exactly one key, {TOKEN_KEYS}; gazetag reads token \
                 patterns that match whole words"
            ));
        };
        let sensitive = match key.to_ascii_uppercase().as_str() {
            "LOWER" => false,
            "ORTH" | "TEXT" => true,
            _ => {
                return Err(format!(
                    "token {i} uses {key:?}; gazetag reads token patterns that use only \
                     {TOKEN_KEYS} (write other patterns as strings)"
                ))
            }
        };
        let Value::String(word) = value else {
            return Err(format!(
                "token {i}: {key:?} must be a string, not {} (operators such as IN or REGEX \
                 are not supported)",
                type_name(value)
            ));
        };
        if case.is_some_and(|c| c != sensitive) {
            return Err("the pattern mixes LOWER with ORTH / TEXT; gazetag sets case for a \
                        whole alias, so use one of them"
                .into());
        }
        case = Some(sensitive);
        // spaCy splits `Kata'ib` and `Iraq's` at the apostrophe: glue such tokens back.
        let joiner = !word.is_empty() && word.chars().all(is_apostrophe);
        let clitic = word.starts_with(is_apostrophe);
        if !(glue || clitic) {
            text.push(' ');
        }
        text.push_str(word);
        glue = joiner;
    }
    Ok((text, case))
}

/// spaCy pattern lines: one per alias, with the entity id.
fn write_spacy(g: &Gazetteer) -> String {
    let mut out = String::new();
    for e in g.entities() {
        for a in &e.aliases {
            let mut o = Map::new();
            o.insert("label".into(), Value::String(e.label().to_owned()));
            o.insert("pattern".into(), Value::String(a.text.to_owned()));
            o.insert("id".into(), Value::String(e.id().to_owned()));
            out.push_str(&Value::Object(o).to_string());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(content: &str, format: Format) -> Result<Loaded> {
        read(content, "d", format, OnError::Raise)
    }

    fn collect(content: &str, format: Format) -> Loaded {
        read(content, "d", format, OnError::Collect).unwrap()
    }

    #[test]
    fn format_from_path_and_sniffing() {
        let cases: &[(&str, Option<Format>)] = &[
            ("a/b.jsonl", Some(Format::Jsonl)),
            ("B.NDJSON", Some(Format::Jsonl)),
            ("x.csv", Some(Format::Csv)),
            ("x.tsv", Some(Format::Tsv)),
            ("x.tab", Some(Format::Tsv)),
            ("x.json", None),
            ("x", None),
        ];
        for &(path, expected) in cases {
            assert_eq!(Format::of_path(path), expected, "{path}");
        }
        assert_eq!(
            Format::sniff_jsonl("\n# c\n{\"label\": \"ORG\", \"pattern\": \"x\"}"),
            Format::Spacy
        );
        assert_eq!(
            Format::sniff_jsonl("{\"id\": \"x\", \"name\": \"X\", \"label\": \"L\"}"),
            Format::Jsonl
        );
        assert_eq!(Format::sniff_jsonl("{"), Format::Jsonl);
    }

    #[test]
    fn jsonl_round_trip() {
        let src = concat!(
            "\u{feff}# a comment\n",
            r#"{"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": ["KH", {"text": "Kh", "case_sensitive": true}], "meta": {"country": "IQ"}}"#,
            "\n\n",
            r#"{"id": "pmf", "name": "Popular Mobilization Forces", "label": "MILITIA"}"#,
            "\n"
        );
        let g = load(src, Format::Jsonl).unwrap().gazetteer;
        assert_eq!(g.len(), 2);
        let kh = g.get("kh").unwrap();
        assert_eq!(kh.aliases.len(), 3);
        assert_eq!(kh.aliases.at(2).case_sensitive, Some(true));
        assert_eq!(kh.meta_str("country").unwrap(), "IQ");
        for format in [Format::Jsonl, Format::Csv, Format::Tsv] {
            let text = write(&g, format).unwrap();
            assert_eq!(load(&text, format).unwrap().gazetteer, g, "{format:?}:\n{text}");
        }
    }

    #[test]
    fn integers_at_the_edges_of_64_bits_and_big_floats_still_load() {
        let line = |n: &str| {
            format!(
                r#"{{"id": "x", "name": "X", "label": "L", "meta": {{"n": {n}, "s": "18446744073709551616"}}}}"#
            )
        };
        for (n, value) in [
            ("18446744073709551615", serde_json::json!(u64::MAX)),
            ("-9223372036854775808", serde_json::json!(i64::MIN)),
            ("1e19", serde_json::json!(1e19)),
            ("18446744073709551616.0", serde_json::json!(18446744073709551616.0)),
        ] {
            let g = load(&line(n), Format::Jsonl).unwrap().gazetteer;
            assert_eq!(g.get("x").unwrap().meta_value("n"), Some(value), "{n}");
        }
        assert_eq!(big_integer_literal(r#"{"a\"1": "99999999999999999999", "b": -1}"#), None);
        assert_eq!(
            big_integer_literal("[1.5e30, 99999999999999999999]"),
            Some("99999999999999999999")
        );
    }

    #[test]
    fn jsonl_errors_name_file_line_entity_and_field() {
        // (line, expected fragment)
        let cases: &[(&str, &str)] = &[
            ("{", "d:1: not valid JSON"),
            ("[1]", "d:1: a line must hold a JSON object, not a list"),
            (r#"{"name": "X", "label": "L"}"#, "d:1: missing field \"id\""),
            (
                r#"{"id": 5, "name": "X", "label": "L"}"#,
                "field \"id\" must be a string, not a number",
            ),
            (r#"{"id": "x", "label": "L"}"#, "d:1 (entity \"x\"): missing field \"name\""),
            (
                r#"{"id": "x", "name": "X", "label": "L", "aliases": "KH"}"#,
                "\"aliases\" must be a list of strings, not a string",
            ),
            (
                r#"{"id": "x", "name": "X", "label": "L", "aliases": [3]}"#,
                "aliases[0]: an alias must be a string",
            ),
            (r#"{"id": "x", "name": "X", "label": "L", "aliases": [""]}"#, "has nothing to match"),
            (r#"{"id": "x", "name": "X", "label": "L", "meta": []}"#, "\"meta\" must be an object"),
            (r#"{"id": "x", "name": "X", "label": "L", "alias": []}"#, "unknown field \"alias\""),
            // An integer past 64 bits is refused, not read as the nearest float.
            (
                r#"{"id": "x", "name": "X", "label": "L", "meta": {"n": 18446744073709551616}}"#,
                "d:1: holds the integer 18446744073709551616, too large for JSON",
            ),
            (
                r#"{"id": "x", "name": "X", "label": "L", "meta": {"n": [1, -9223372036854775809]}}"#,
                "holds the integer -9223372036854775809",
            ),
            (
                r#"{"id": "x", "name": "X", "label": "L", "aliases": [{"txt": "a"}]}"#,
                "unknown alias field \"txt\"",
            ),
            // A key named twice is refused at any depth: serde_json would keep the last value.
            (
                r#"{"id": "x", "name": "X", "label": "L", "aliases": ["A"], "aliases": ["B"]}"#,
                "d:1: names the key \"aliases\" twice in one object",
            ),
            (
                r#"{"id": "x", "name": "X", "label": "L", "meta": {"k": 1, "k": 2}}"#,
                "names the key \"k\" twice",
            ),
            (
                r#"{"id": "x", "name": "X", "label": "L", "aliases": [{"text": "a", "text": "b"}]}"#,
                "names the key \"text\" twice",
            ),
        ];
        for &(line, fragment) in cases {
            let err = load(line, Format::Jsonl).unwrap_err();
            assert!(err.message().contains(fragment), "{line}: {err}");
        }
        let two = concat!(
            r#"{"id": "x", "name": "X", "label": "L"}"#,
            "\n",
            r#"{"id": "x", "name": "Y", "label": "L"}"#
        );
        let err = load(two, Format::Jsonl).unwrap_err();
        assert!(err.message().starts_with("d:2: duplicate entity id \"x\""), "{err}");
    }

    #[test]
    fn collect_keeps_going_and_reports_every_bad_line() {
        let src = concat!(
            r#"{"id": "a", "name": "A", "label": "L"}"#,
            "\n{\n",
            r#"{"id": "a", "name": "A2", "label": "L"}"#,
            "\n",
            r#"{"id": "b", "name": "B", "label": "L", "aliases": [""]}"#,
            "\n",
            r#"{"id": "c", "name": "C", "label": "L"}"#,
            "\n"
        );
        let loaded = collect(src, Format::Jsonl);
        let ids: Vec<&str> = loaded.gazetteer.entities().iter().map(|e| e.id()).collect();
        assert_eq!(ids, ["a", "c"]);
        let lines: Vec<Option<usize>> = loaded.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
        assert!(loaded.problems[1].message.contains("d:3: duplicate entity id \"a\""));
    }

    #[test]
    fn csv_and_tsv_cells() {
        let csv = concat!(
            "name,id,label,aliases,meta\n",
            "Kata'ib Hezbollah,kh,MILITIA,KH| Kataib Hizballah |,\"{\"\"country\"\": \"\"IQ\"\"}\"\n",
            "\"A, B\",ab,ORG,\"[\"\"A|B\"\", {\"\"text\"\": \"\"ab\"\", \"\"case_sensitive\"\": true}]\",\n",
            ",,,,\n",
            "Solo,solo,ORG,,\n",
        );
        let g = load(csv, Format::Csv).unwrap().gazetteer;
        let texts = |id: &str| -> Vec<String> {
            g.get(id).unwrap().aliases.iter().map(|a| a.text.to_owned()).collect()
        };
        assert_eq!(texts("kh"), ["Kata'ib Hezbollah", "KH", "Kataib Hizballah"]);
        assert_eq!(g.get("kh").unwrap().meta_str("country").unwrap(), "IQ");
        assert_eq!(texts("ab"), ["A, B", "A|B", "ab"]);
        assert_eq!(g.get("ab").unwrap().aliases.at(2).case_sensitive, Some(true));
        assert_eq!(texts("solo"), ["Solo"]);
        let tsv = "id\tname\tlabel\nx\tX Y\tL\n";
        assert_eq!(load(tsv, Format::Tsv).unwrap().gazetteer.get("x").unwrap().name(), "X Y");
    }

    #[test]
    fn csv_errors_name_the_line() {
        let cases: &[(&str, &str)] = &[
            ("id,name\nx,X\n", "d:1: there is no \"label\" column"),
            ("id,name,label,alias\n", "d:1: column \"alias\" looks like a misspelt \"aliases\""),
            ("id,name,lable\n", "d:1: column \"lable\" looks like a misspelt \"label\""),
            ("id,Name,label,name\n", "d:1: column \"name\" appears twice"),
            ("id,name,label,,\nx,X,L,,7\n", "d:2: the cell \"7\" is under a column with no name"),
            (
                "id,name,label,country,meta\nx,X,L,IQ,\"{\"\"country\"\": \"\"SY\"\"}\"\n",
                "d:2: meta key \"country\" is both a column and in the meta cell",
            ),
            (
                "id,name,label,aliases,alias_options\nx,X,L,A,\"{\"\"B\"\": {}}\"\n",
                "alias_options names \"B\", which is neither the name nor one of the aliases",
            ),
            (
                "id,name,label,alias_options\nx,X,L,\"{\"\"X\"\": true}\"\n",
                "alias_options[\"X\"] must be an object of settings",
            ),
            (
                "id,name,label,alias_options\nx,X,L,\"{\"\"X\"\": {\"\"cs\"\": 1}}\"\n",
                "unknown alias field \"cs\"",
            ),
            ("id,name,label,id\n", "d:1: column \"id\" appears twice"),
            ("id,name,label\nx,X\n", "d:2: 2 cells where the header has 3 columns"),
            (
                "id,name,label,meta\nx,X,L,[1]\n",
                "d:2: the meta cell must hold a JSON object, not a list",
            ),
            ("id,name,label,meta\nx,X,L,{\n", "d:2: the meta cell is not valid JSON"),
            (
                "id,name,label,meta\nx,X,L,\"{\"\"n\"\": 123456789012345678901234567890}\"\n",
                "d:2: the meta cell holds the integer 123456789012345678901234567890",
            ),
            (
                "id,name,label,meta\nx,X,L,\"{\"\"k\"\": 1, \"\"k\"\": 2}\"\n",
                "d:2: the meta cell names the key \"k\" twice",
            ),
            ("id,name,label,aliases\nx,X,L,[oops\n", "d:2: the aliases cell starts with \"[\""),
            ("id,name,label\n\nx,,L\n", "d:3: entity \"x\": name must be"),
            ("id,name,label,variants\nx,X,L,wild\n", "\"variants\" must be"),
            ("id,name,label\nx,X,L\nx,Y,L\n", "d:3: duplicate entity id \"x\""),
        ];
        for &(src, fragment) in cases {
            let err = load(src, Format::Csv).unwrap_err();
            assert!(err.message().contains(fragment), "{src:?}: {err}");
        }
        let loaded = collect("id,name,label\nx,X\ny,Y,L\nz,,L\n", Format::Csv);
        assert_eq!(loaded.gazetteer.len(), 1);
        assert_eq!(loaded.problems.len(), 2);
        assert_eq!(loaded.problems[1].line, Some(4));
    }

    /// The ids read and the lines of the problems, with `OnError::Collect`.
    fn ids_and_problems(content: &str, format: Format) -> (Vec<String>, Vec<usize>) {
        let loaded = collect(content, format);
        let ids = loaded.gazetteer.entities().iter().map(|e| e.id().to_owned()).collect();
        (ids, loaded.problems.iter().filter_map(|p| p.line).collect())
    }

    #[test]
    fn a_stray_quote_is_a_problem_at_its_line_and_the_lines_after_it_are_read() {
        // (content, ids read, problem lines, fragment of the first problem); issue 15.1
        let cases: &[(&str, &[&str], &[usize], &str)] = &[
            (
                "id,name,label\na,Alpha,\"X\nb,Beta,X\nc,Gamma,X\n",
                &["b", "c"],
                &[2],
                "d:2: the \"label\" cell opens a quote that runs over the end of the line (on to \
                 line 4); a stray '\"'?",
            ),
            ("id,name,label\n\"a,Alpha,X\nb,Beta,X\n", &["b"], &[2], "d:2: the \"id\" cell"),
            (
                "id,name,label\na,\"Alpha,X\nb,Beta\",X\nc,Gamma,X\n",
                &["b", "c"],
                &[2],
                "d:2: the \"name\" cell opens a quote that runs over the end of the line (on to \
                 line 3)",
            ),
            (
                "id,name,label,aliases\na,Alpha,X,\"A|B\nb,Beta,X,\n",
                &["b"],
                &[2],
                "d:2: the \"aliases\" cell",
            ),
            ("id,name,label\r\na,\"A\r\nb,B,L\r\nc,C,L\r\n", &["b", "c"], &[2], "\"name\" cell"),
            ("id,name,label\ra,\"A\rb,B,L\r", &["b"], &[2], "\"name\" cell"),
            // The quote opens on the line after the one the row starts on; the next line, `y`,
            // is read on its own, and is no row either.
            (
                "id,name,label,meta,aliases\na,A,L,\"{\n}\",\"x\ny\nb,B,L,,\n",
                &["b"],
                &[3, 4],
                "d:3: the \"aliases\" cell opens a quote that runs over the end of the line (on \
                 to line 5)",
            ),
            // Too few cells after it: still the quote's line, not a cell count.
            ("id,name,label\na,\"A,L\n\nb,B,L\n", &["b"], &[2], "d:2: the \"name\" cell"),
            // A meta cell may span lines when it holds a JSON object...
            ("id,name,label,meta\na,A,L,\"{\n\"\"k\"\": 1\n}\"\nb,B,L,\n", &["a", "b"], &[], ""),
            // ...and is a runaway quote when it does not.
            (
                "id,name,label,meta\na,A,L,\"{\"\"k\"\": 1}\nb,B,L,\n",
                &["b"],
                &[2],
                "d:2: the \"meta\" cell opens a quote",
            ),
            // Quotes closed on their line are as before.
            ("id,name,label\n\"a\",\"A \"\"B\"\"\",L\n", &["a"], &[], ""),
        ];
        for &(content, ids, lines, fragment) in cases {
            let tsv = content.replace(',', "\t");
            for (content, format) in [(content, Format::Csv), (tsv.as_str(), Format::Tsv)] {
                let expected = (ids.iter().map(|s| s.to_string()).collect(), lines.to_vec());
                assert_eq!(ids_and_problems(content, format), expected, "{content:?}");
                if let Some(&first) = lines.first() {
                    let err = load(content, format).unwrap_err();
                    let fragment = match format {
                        Format::Tsv => fragment.replace(',', "\t"),
                        _ => fragment.to_owned(),
                    };
                    assert!(err.message().contains(&fragment), "{content:?}: {err}");
                    assert!(err.message().starts_with(&format!("d:{first}: ")), "{err}");
                }
            }
        }
        let err = load("id,name,\"label\na,b,c\n", Format::Csv).unwrap_err();
        assert!(err.message().starts_with("d:1: the header cell \"label\" opens a quote"), "{err}");
    }

    #[test]
    fn files_joined_together_read_as_one() {
        // A byte order mark starts the second file's first line; a CSV header is repeated.
        let cases: &[(&str, Format)] = &[
            ("id,name,label\na,A,L\n\u{feff}id,name,label\nb,B,L\n", Format::Csv),
            ("id,name,label\na,A,L\n\u{feff}b,B,L\n", Format::Csv),
            ("id\tname\tlabel\na\tA\tL\n\u{feff}id\tname\tlabel\nb\tB\tL\n", Format::Tsv),
            (
                concat!(
                    r#"{"id": "a", "name": "A", "label": "L"}"#,
                    "\n\u{feff}",
                    r#"{"id": "b", "name": "B", "label": "L"}"#,
                ),
                Format::Jsonl,
            ),
            (
                concat!(
                    r#"{"label": "L", "pattern": "A", "id": "a"}"#,
                    "\n\u{feff}",
                    r#"{"label": "L", "pattern": "B", "id": "b"}"#,
                ),
                Format::Spacy,
            ),
        ];
        for &(content, format) in cases {
            assert_eq!(ids_and_problems(content, format), (vec!["a".into(), "b".into()], vec![]));
        }
        // A byte order mark anywhere else is no part of an id: the line is a problem.
        let (ids, lines) = ids_and_problems("id,name,label\na\u{feff},A,L\n", Format::Csv);
        assert_eq!((ids.len(), lines), (0, vec![2]));
    }

    #[test]
    fn formula_cells_are_written_after_an_apostrophe_and_read_back() {
        // Issue 15.7: = + - @ (and tab, CR) start a formula in a spreadsheet.
        use crate::core::gazetteer::{Alias, Entity};
        let e = |id: &str, name: &str, label: &str, aliases: &[&str]| {
            let aliases = aliases.iter().map(|a| Alias::new(*a, None));
            Entity::new(id, name, label, aliases, Default::default()).unwrap()
        };
        let g = Gazetteer::from_entities([
            e("=1+1", "-Alpha", "@L", &["+x", "'=y", "'plain"]),
            e("b", "'-Beta", "L", &[]),
            e("c", "''=Gamma", "L", &["=HYPERLINK(\"x\")|y", "\tTab"]),
            e("d", "D-1", "L+", &["'D"]),
        ])
        .unwrap();
        let text = write(&g, Format::Csv).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows,
            [
                "id,name,label,aliases,meta",
                "'=1+1,'-Alpha,'@L,'+x|'=y|'plain,",
                "b,''-Beta,L,,",
                r#"c,'''=Gamma,L,"[""=HYPERLINK(\""x\"")|y"",""\tTab""]","#,
                "d,D-1,L+,'D,",
            ]
        );
        for format in [Format::Csv, Format::Tsv] {
            let text = write(&g, format).unwrap();
            assert_eq!(load(&text, format).unwrap().gazetteer, g, "{text}");
        }
    }

    #[test]
    fn other_columns_are_meta_and_headers_ignore_case() {
        // Issue 14.4: analysts' own columns (wikidata, country) are metadata.
        let csv = "ID,Name,Label,Aliases,wikidata,country,,\n\
                   kh,Kata'ib Hezbollah,MILITIA,KH,Q1739104, IQ ,,\n\
                   pmf,PMF,MILITIA,,,,,\n";
        let g = load(csv, Format::Csv).unwrap().gazetteer;
        let kh = g.get("kh").unwrap();
        assert_eq!(kh.aliases.len(), 2);
        assert_eq!(
            Value::Object(kh.meta()),
            serde_json::json!({"wikidata": "Q1739104", "country": "IQ"})
        );
        assert!(g.get("pmf").unwrap().meta().is_empty());
        // Names a step further from ours are meta keys, not misspellings.
        for header in ["kind", "parties", "aliases_ar", "type", "notes", "metadata"] {
            let csv = format!("id,name,label,{header}\nx,X,L,v\n");
            let g = load(&csv, Format::Csv).unwrap().gazetteer;
            assert_eq!(g.get("x").unwrap().meta_str(header).unwrap(), "v", "{header}");
        }
        for header in ["alias", "Alias", "aliasses", "lable", "labels", "nme", "metas", "variant"] {
            let csv = format!("id,name,label,{header}\n");
            let err = load(&csv, Format::Csv).unwrap_err();
            assert!(err.message().contains("looks like a misspelt"), "{header}: {err}");
        }
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header() {
        // (content, format, given delimiter, ids read)
        let cases: &[(&str, Format, Option<u8>)] = &[
            (
                "id;name;label;aliases\nkh;Kata'ib Hezbollah, KH;MILITIA;KH|Kataib\n",
                Format::Csv,
                None,
            ),
            ("\u{feff}id;name;label\r\nkh;Kata'ib Hezbollah, KH;MILITIA\r\n", Format::Csv, None),
            ("id\tname\tlabel\nkh\tKata'ib Hezbollah, KH\tMILITIA\n", Format::Csv, None),
            ("id,name,label\nkh,\"Kata'ib Hezbollah, KH\",MILITIA\n", Format::Tsv, None),
            ("id:name:label\nkh:Kata'ib Hezbollah, KH:MILITIA\n", Format::Csv, Some(b':')),
        ];
        for &(content, format, delimiter) in cases {
            let g = read_with(content, "d", format, OnError::Raise, delimiter).unwrap().gazetteer;
            assert_eq!(g.get("kh").unwrap().name(), "Kata'ib Hezbollah, KH", "{content:?}");
        }
        // No delimiter splits it: the message speaks of the format's own.
        let err = load("id|name|label\n", Format::Csv).unwrap_err();
        assert!(err.message().contains("there is no \"id\" column"), "{err}");
        let err = read_with("{}", "d", Format::Jsonl, OnError::Raise, Some(b';')).unwrap_err();
        assert!(err.message().contains("delimiter= applies to CSV and TSV"), "{err}");
        for bad in ["", ";;", "\"", "a", "|", "\n", "\u{e9}"] {
            assert!(delimiter_byte(bad).is_err(), "{bad:?}");
        }
        assert_eq!(delimiter_byte(";").unwrap(), b';');
        // Written with a semicolon, read back without being told.
        let g = load("id,name,label,meta\nx,\"X; Y\",L,\"{\"\"k\"\": [1]}\"\n", Format::Csv)
            .unwrap()
            .gazetteer;
        let text = write_with(&g, Format::Csv, Some(b';')).unwrap();
        assert!(text.starts_with("id;name;label;aliases;meta\n"), "{text}");
        assert_eq!(load(&text, Format::Csv).unwrap().gazetteer, g);
    }

    #[test]
    fn tables_are_written_for_a_spreadsheet() {
        // Issue 14.4: aliases plain, their settings in alias_options, string meta in columns.
        let src = concat!(
            r#"{"id": "kh", "name": "Kata'ib Hezbollah", "label": "MILITIA", "aliases": [{"text": "Kata'ib Hezbollah", "ambiguous": false}, "KH", {"text": "Kh", "case_sensitive": true, "partial": "off"}], "meta": {"country": "IQ", "years": [2003], "name": "x"}, "partial": "off"}"#,
            "\n",
            r#"{"id": "pmf", "name": "PMF", "label": "MILITIA", "aliases": [" padded ", "A|B"], "meta": {"country": "IQ", "note": "two\nlines", "empty": ""}}"#,
            "\n",
            r#"{"id": "isf", "name": "ISF", "label": "ORG", "meta": {"wikidata": "=Q1", "note": "x", "empty": "y"}}"#,
            "\n",
        );
        let g = load(src, Format::Jsonl).unwrap().gazetteer;
        let text = write(&g, Format::Csv).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows,
            [
                "id,name,label,aliases,alias_options,partial,country,wikidata,meta",
                r#"kh,Kata'ib Hezbollah,MILITIA,KH|Kh,"{""Kata'ib Hezbollah"":{""ambiguous"":false},""Kh"":{""case_sensitive"":true,""partial"":""off""}}",off,IQ,,"{""years"":[2003],""name"":""x""}""#,
                r#"pmf,PMF,MILITIA,"["" padded "",""A|B""]",,,IQ,,"{""note"":""two\nlines"",""empty"":""""}""#,
                r#"isf,ISF,ORG,,,,,'=Q1,"{""note"":""x"",""empty"":""y""}""#,
            ]
        );
        for format in [Format::Csv, Format::Tsv] {
            let text = write(&g, format).unwrap();
            assert_eq!(load(&text, format).unwrap().gazetteer, g, "{text}");
        }
        // The name's own settings survive a JSONL round trip too.
        let back = load(&write(&g, Format::Jsonl).unwrap(), Format::Jsonl).unwrap();
        assert_eq!(back.gazetteer.get("kh").unwrap().aliases.at(0).ambiguous, Some(false));
    }

    #[test]
    fn frame_tables_flatten_meta_on_request() {
        let src = r#"{"id": "kh", "name": "KH", "label": "L", "aliases": ["Kh", {"text": "K", "case_sensitive": true}], "meta": {"country": "IQ", "Name": "x", "n": 3}}"#;
        let g = load(src, Format::Jsonl).unwrap().gazetteer;
        let names = |t: &FrameTable| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let plain = frame_table(&g, &MetaColumns::Nothing).unwrap();
        assert_eq!(
            names(&plain),
            ["id", "name", "label", "aliases", "alias_options", "variants", "partial", "meta"]
        );
        assert_eq!(plain[3].1[0], Some(serde_json::json!(["Kh", "K"])));
        assert_eq!(plain[4].1[0], Some(serde_json::json!({"K": {"case_sensitive": true}})));
        assert_eq!(plain[5].1[0], None);
        let all = frame_table(&g, &MetaColumns::All).unwrap();
        assert_eq!(names(&all)[7..], ["country", "n", "meta"]);
        assert_eq!(all[9].1[0], Some(serde_json::json!({"Name": "x"})));
        let some = frame_table(&g, &MetaColumns::Keys(vec!["n".into(), "absent".into()])).unwrap();
        assert_eq!(names(&some)[7..], ["n", "absent", "meta"]);
        assert_eq!((some[7].1[0].clone(), some[8].1[0].clone()), (Some(3.into()), None));
        for bad in ["Name", "alias", " label ", ""] {
            assert!(frame_table(&g, &MetaColumns::Keys(vec![bad.into()])).is_err(), "{bad:?}");
        }
        assert!(frame_table(&g, &MetaColumns::Keys(vec!["n".into(), "n".into()])).is_err());
    }

    #[test]
    fn spacy_patterns() {
        let src = concat!(
            r#"{"label": "MILITIA", "pattern": "Kata'ib Hezbollah", "id": "kh"}"#,
            "\n",
            r#"{"label": "MILITIA", "pattern": [{"LOWER": "kataib"}, {"LOWER": "hizballah"}], "id": "kh"}"#,
            "\n",
            r#"{"label": "MILITIA", "pattern": [{"ORTH": "KH"}], "id": "kh"}"#,
            "\n",
            r#"{"label": "ORG", "pattern": [{"TEXT": "Kata"}, {"TEXT": "'"}, {"TEXT": "ib"}]}"#,
            "\n",
        );
        let g = load(src, Format::Spacy).unwrap().gazetteer;
        let kh = g.get("kh").unwrap();
        assert_eq!(kh.name(), "Kata'ib Hezbollah");
        assert_eq!(kh.label(), "MILITIA");
        let texts: Vec<&str> = kh.aliases.iter().map(|a| a.text).collect();
        assert_eq!(texts, ["Kata'ib Hezbollah", "kataib hizballah", "KH"]);
        assert_eq!(kh.aliases.at(1).case_sensitive, Some(false));
        assert_eq!(kh.aliases.at(2).case_sensitive, Some(true));
        assert_eq!(g.get("Kata'ib").unwrap().label(), "ORG");
        let back = load(&write(&g, Format::Spacy).unwrap(), Format::Spacy).unwrap().gazetteer;
        assert_eq!(back.len(), 2);
        assert_eq!(back.get("kh").unwrap().aliases.len(), 3);
    }

    #[test]
    fn spacy_pattern_errors_name_the_line() {
        let cases: &[(&str, &str)] = &[
            (r#"{"pattern": "x"}"#, "d:1: missing field \"label\""),
            (r#"{"label": "L"}"#, "d:1: missing field \"pattern\""),
            (r#"{"label": "L", "pattern": "x", "kb": 1}"#, "unknown field \"kb\""),
            (r#"{"label": "L", "pattern": 5}"#, "\"pattern\" must be a string or a list"),
            (r#"{"label": "L", "pattern": [{"POS": "NOUN"}]}"#, "token 0 uses \"POS\""),
            (r#"{"label": "L", "pattern": [{"LOWER": "a", "OP": "?"}]}"#, "exactly one key"),
            (r#"{"label": "L", "pattern": [{"LOWER": {"IN": ["a"]}}]}"#, "must be a string, not an object"),
            (r#"{"label": "L", "pattern": [{"LOWER": "a"}, {"ORTH": "B"}]}"#, "mixes LOWER"),
            (r#"{"label": "L", "pattern": []}"#, "token pattern is empty"),
            (r#"{"label": "L", "pattern": " - "}"#, "has nothing to match"),
            (r#"{"label": "L", "pattern": "x", "id": 3}"#, "\"id\" must be a string"),
            (
                "{\"label\": \"A\", \"pattern\": \"x\", \"id\": \"i\"}\n{\"label\": \"B\", \"pattern\": \"y\", \"id\": \"i\"}",
                "d:2: id \"i\" has label \"A\" at line 1 but \"B\" here",
            ),
        ];
        for &(src, fragment) in cases {
            let err = load(src, Format::Spacy).unwrap_err();
            assert!(err.message().contains(fragment), "{src}: {err}");
        }
    }
}
