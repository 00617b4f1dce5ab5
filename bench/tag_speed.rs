//! Match-time cost of each variant layer in the Rust core alone (no Python objects): tags the
//! same documents with the same dictionary at `none`, `default` and `aggressive`, and times the
//! default layer's text passes (folding, skeleton) on their own.
//!
//! Run: `cargo run --release --no-default-features --example tag_speed -- DOCS DICT.jsonl...`
//! where DOCS is a UTF-8 file of documents separated by form feeds, as written by
//! `python bench/bench_variants.py --write-docs DOCS`. Prints nanoseconds per input byte (best
//! of several rounds) and each layer's throughput as a ratio to `none` from the same run.
//! `--only LAYER` tags at one layer; `--only stages` times the text passes alone. Under
//! `valgrind --tool=callgrind` with `--rounds 1` it gives instruction counts that do not drift.

use std::time::Instant;

use gazetag::core::fold::{fold_into, Folded};
use gazetag::core::formats::{read, Format, OnError};
use gazetag::core::gazetteer::{Conflict, Gazetteer};
use gazetag::core::variants::{skeleton_sparse, Layer, SparseMap};
use gazetag::core::{Options, Tagger};

fn best(rounds: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..rounds {
        let t0 = Instant::now();
        n = f();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (best, n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 5;
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args.get(i + 1).ok_or("--rounds needs a number")?.parse()?;
        args.drain(i..i + 2);
    }
    let mut only = None;
    let mut stages_only = false;
    if let Some(i) = args.iter().position(|a| a == "--only") {
        let name = args.get(i + 1).ok_or("--only needs a layer")?;
        if name == "stages" {
            stages_only = true;
        } else {
            only =
                Some(Layer::parse(name).ok_or("--only takes none, default, aggressive or stages")?);
        }
        args.drain(i..i + 2);
    }
    let [docs, dicts @ ..] = args.as_slice() else {
        return Err("usage: tag_speed [--rounds N] [--only LAYER|stages] DOCS DICT.jsonl...".into());
    };
    let text = std::fs::read_to_string(docs)?;
    let docs: Vec<&str> = text.split('\u{c}').collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let mut g = Gazetteer::new();
    for path in dicts {
        let content = std::fs::read_to_string(path)?;
        g.update(read(&content, path, Format::Jsonl, OnError::Raise)?.gazetteer, Conflict::Error)?;
    }
    println!(
        "{} documents, {:.1} MB; {} entities; best of {rounds}",
        docs.len(),
        bytes as f64 / 1e6,
        g.entities().len()
    );
    let per_byte = |secs: f64| secs * 1e9 / bytes as f64;
    let mut none = 0.0;
    for layer in [Layer::None, Layer::Default, Layer::Aggressive] {
        if stages_only || only.is_some_and(|o| o != layer) {
            continue;
        }
        let options = Options { variants: layer, ..Options::default() };
        let tagger = Tagger::build(g.clone(), options)?;
        let (secs, found) = best(rounds, || {
            docs.iter().map(|d| tagger.tag(d).map_or(0, |t| t.matches.len())).sum()
        });
        if layer == Layer::None {
            none = secs;
        }
        println!(
            "{:<10} {:6.2} ns/byte  {:5.2}x of none  {found} matches  {} patterns",
            layer.name(),
            per_byte(secs),
            none / secs,
            tagger.pattern_count()
        );
    }
    if only.is_some() {
        return Ok(());
    }
    let mut folded = Folded::default();
    let (fold_secs, _) = best(rounds, || {
        docs.iter()
            .map(|d| {
                fold_into(d, false, &mut folded);
                folded.text.len()
            })
            .sum()
    });
    println!("{:<10} {:6.2} ns/byte", "fold", per_byte(fold_secs));
    let folds: Vec<Folded> = docs
        .iter()
        .map(|d| {
            let mut f = Folded::default();
            fold_into(d, false, &mut f);
            f
        })
        .collect();
    let (mut out, mut map) = (Vec::new(), SparseMap::default());
    let rules = Layer::Default.rules();
    let (skeleton_secs, _) = best(rounds, || {
        folds.iter().map(|f| skeleton_sparse(&f.text, rules, &mut out, &mut map)).sum()
    });
    println!("{:<10} {:6.2} ns/byte", "skeleton", per_byte(skeleton_secs));
    Ok(())
}
