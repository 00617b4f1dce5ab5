//! Table-driven tests of the tagger: core matching rules, options, offsets, batches and
//! variant layers.

use std::sync::Arc;

use super::*;
use crate::core::gazetteer::{Alias, Entity, Meta, Partial};

/// The core folding only: what these tables test.
fn core() -> Options {
    Options { variants: Layer::None, ..Options::default() }
}

/// (id, name, aliases); every entity is labelled TEST.
type Spec<'a> = (&'a str, &'a str, &'a [&'a str]);

fn tagger(specs: &[Spec], options: Options) -> Tagger {
    let entities = specs.iter().map(|(id, name, aliases)| {
        Entity::new(*id, *name, "TEST", aliases.iter().map(|a| Alias::new(*a, None)), Meta::new())
            .unwrap()
    });
    Tagger::build(Gazetteer::from_entities(entities).unwrap(), options).unwrap()
}

/// The matched substrings of `text`, in order.
fn surfaces<'t>(t: &Tagger, text: &'t str) -> Vec<&'t str> {
    t.tag(text).unwrap().matches.iter().map(|m| &text[m.byte_start..m.byte_end]).collect()
}

/// Asserts each text's matches as (original substring, entity id).
fn assert_entities(t: &Tagger, cases: &[(&str, &[(&str, &str)])]) {
    for &(text, want) in cases {
        let got: Vec<(String, String)> =
            run(t, text).into_iter().map(|(s, id, _)| (s, id)).collect();
        let want: Vec<(String, String)> =
            want.iter().map(|&(s, id)| (s.to_owned(), id.to_owned())).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

/// The matches as (original substring, entity id, all candidate ids).
fn run(t: &Tagger, text: &str) -> Vec<(String, String, Vec<String>)> {
    let tagged = t.tag(text).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let ents = t.gazetteer().entities();
    tagged
        .matches
        .iter()
        .map(|m| {
            assert_eq!(
                &text[m.byte_start..m.byte_end],
                chars[m.start..m.end].iter().collect::<String>()
            );
            (
                chars[m.start..m.end].iter().collect(),
                ents[m.entity as usize].id().to_owned(),
                tagged.candidates(m).iter().map(|&i| ents[i as usize].id().to_owned()).collect(),
            )
        })
        .collect()
}

const SEED: &[Spec] = &[
    ("kadhimi", "Mustafa al-Kadhimi", &["al-Kadhimi", "Kadhimi", "Kāẓimī"]),
    ("k1", "K1 Air Base", &["K1", "K-1"]),
    ("kh", "Kata'ib Hezbollah", &["KH", "Kataib Hezbollah"]),
    ("iran", "Iran", &[]),
    ("isis", "Islamic State", &["ISIS", "IS"]),
    ("sadr", "Muqtada al-Sadr", &["Sadr"]),
    ("sadr-city", "Sadr City", &["Sadr"]),
    ("ain-al-asad", "Ain al-Asad", &["Ain al-Asad Air Base"]),
    ("asad", "Asad", &[]),
    ("strasse", "Straße", &[]),
    ("istanbul", "İstanbul", &[]),
    ("qaim", "Al-Qa'im", &["Qaim"]),
];

/// (text, [(surface, entity id)]) with default options.
const MATCH_CASES: &[(&str, &[(&str, &str)])] = &[
    ("", &[]),
    ("nothing here", &[]),
    ("Kadhimi met", &[("Kadhimi", "kadhimi")]),
    ("KADHIMI", &[("KADHIMI", "kadhimi")]),
    ("al-Kadhimi said", &[("al-Kadhimi", "kadhimi")]),
    ("al Kadhimi said", &[("al Kadhimi", "kadhimi")]),
    ("al\n  Kadhimi", &[("al\n  Kadhimi", "kadhimi")]),
    ("Kāẓimī and Kazimi", &[("Kāẓimī", "kadhimi"), ("Kazimi", "kadhimi")]),
    ("Kadhimi's visit", &[("Kadhimi", "kadhimi")]),
    ("Kadhimi’s visit", &[("Kadhimi", "kadhimi")]),
    ("Kadhimis", &[]),
    ("K1, K-1, K 1 and k1", &[("K1", "k1"), ("K-1", "k1"), ("K 1", "k1")]),
    ("UK1 K10 K1a", &[]),
    ("Iranian Iran", &[("Iran", "iran")]),
    ("crisis ISIS is IS", &[("ISIS", "isis"), ("IS", "isis")]),
    ("Isis", &[]),
    ("KH and kh", &[("KH", "kh")]),
    ("Kata’ib Hezbollah", &[("Kata’ib Hezbollah", "kh")]),
    ("Ain al-Asad Air Base", &[("Ain al-Asad Air Base", "ain-al-asad")]),
    ("Ain al-Asad Air Basement", &[("Ain al-Asad", "ain-al-asad")]),
    (
        "STRASSE strasse Straße",
        &[("STRASSE", "strasse"), ("strasse", "strasse"), ("Straße", "strasse")],
    ),
    ("İstanbul istanbul", &[("İstanbul", "istanbul"), ("istanbul", "istanbul")]),
    (
        "Qa'im Qaʿim Qa´im Qaim Qa im",
        &[("Qa'im", "qaim"), ("Qaʿim", "qaim"), ("Qa´im", "qaim"), ("Qaim", "qaim")],
    ),
    ("😀Kadhimi😀", &[("Kadhimi", "kadhimi")]),
    ("éKadhimi", &[]),
    ("e\u{301}Kadhimi", &[]),
    ("Kadhimi\u{301} said", &[("Kadhimi\u{301}", "kadhimi")]),
    ("ʿAsad", &[("Asad", "asad")]),
];

/// The core rules hold at every layer and in both search modes (one scan on the skeleton when
/// whole words are asked, the folded text otherwise): the table runs under each, as the
/// aho-corasick crate runs its groups under every configuration.
#[test]
fn matches_table() {
    for variants in [Layer::None, Layer::Default, Layer::Aggressive] {
        let t = tagger(SEED, Options { variants, ..core() });
        for &(text, expected) in MATCH_CASES {
            let got: Vec<(String, String)> =
                run(&t, text).into_iter().map(|(s, id, _)| (s, id)).collect();
            let want: Vec<(String, String)> =
                expected.iter().map(|&(s, id)| (s.to_owned(), id.to_owned())).collect();
            assert_eq!(got, want, "{variants:?}: text {text:?}");
        }
    }
}

#[test]
fn ambiguous_alias_reports_every_entity_in_gazetteer_order() {
    let t = tagger(SEED, core());
    let got = run(&t, "Sadr spoke");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, "sadr");
    assert_eq!(got[0].2, ["sadr", "sadr-city"]);
}

#[test]
fn a_longer_candidate_that_fails_a_check_does_not_hide_a_shorter_one() {
    let t = tagger(&[("a", "Abu Mahdi", &[]), ("b", "Abu Mahdi al", &[])], core());
    // "Abu Mahdi al" fails the word check ("alfoo"), "Abu Mahdi" stays.
    let got = run(&t, "Abu Mahdi alfoo");
    assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Abu Mahdi"]);
    // Case check: "is" lowercase fails the acronym IS; the longer valid one still wins.
    let t = tagger(&[("a", "IS", &[]), ("b", "is here", &[])], core());
    assert_eq!(run(&t, "it is here")[0].0, "is here");
}

#[test]
fn overlapping_returns_every_valid_match_sorted() {
    let specs: &[Spec] =
        &[("a", "Ain al-Asad", &[]), ("b", "al-Asad", &[]), ("c", "Asad Air Base", &[])];
    let t = tagger(specs, Options { overlapping: true, ..core() });
    let got: Vec<String> = run(&t, "Ain al-Asad Air Base").into_iter().map(|g| g.0).collect();
    assert_eq!(got, ["Ain al-Asad", "al-Asad", "Asad Air Base"]);
    let t = tagger(specs, core());
    let got: Vec<String> = run(&t, "Ain al-Asad Air Base").into_iter().map(|g| g.0).collect();
    assert_eq!(got, ["Ain al-Asad"]);
}

#[test]
fn two_aliases_of_one_entity_that_overlap_join_where_more_of_a_name_follows() {
    let specs: &[Spec] = &[
        (
            "tamim",
            "Tamim bin Hamad Al Thani",
            &["Sheikh Tamim", "الأمير تميم", "تميم بن حمد آل ثاني"],
        ),
        ("hamad", "Hamad bin Khalifa Al Thani", &["Hamad Al Thani"]),
        ("u70", "Unit 70", &["70 Forces"]),
        ("a", "Abu Ali Basri", &["Ali Basri Hassan"]),
        ("x", "Alpha Beta", &[]),
        ("y", "Beta Gamma", &[]),
        ("z", "Gamma", &[]),
        ("w", "dar salam", &["salam bank"]),
        ("v", "bank", &[]),
    ];
    let t = tagger(specs, core());
    let cases: &[(&str, &[(&str, &str)])] = &[
        // The father's name inside the son's full name is no match of his; the title stays out.
        ("Emir Sheikh Tamim bin Hamad Al Thani spoke.", &[("Tamim bin Hamad Al Thani", "tamim")]),
        ("Sheikh Tamim spoke.", &[("Sheikh Tamim", "tamim")]),
        // A common noun past the first alias stays out.
        ("the Unit 70 forces moved", &[("Unit 70", "u70")]),
        ("the Unit 70 Forces moved", &[("Unit 70 Forces", "u70")]),
        // No title: the span runs from the first alias's start.
        ("Abu Ali Basri Hassan said", &[("Abu Ali Basri Hassan", "a")]),
        // Two entities: the leftmost stays, as before.
        ("Alpha Beta Gamma", &[("Alpha Beta", "x"), ("Gamma", "z")]),
        // Lower case past the first, but another entity's name starts there: joined.
        ("the dar salam bank", &[("dar salam bank", "w")]),
        // Arabic script has no capitals: a full alias past the first names more, and the
        // title stays out.
        ("وتابع الأمير تميم بن حمد آل ثاني الأحداث", &[("تميم بن حمد آل ثاني", "tamim")]),
    ];
    for (text, want) in cases {
        let got: Vec<(String, String)> = run(&t, text).into_iter().map(|g| (g.0, g.1)).collect();
        let want: Vec<(String, String)> =
            want.iter().map(|(s, e)| ((*s).to_owned(), (*e).to_owned())).collect();
        assert_eq!(got, want, "{text}");
    }
    // Every valid match when overlapping.
    let t = tagger(specs, Options { overlapping: true, ..core() });
    let got: Vec<String> =
        run(&t, "Sheikh Tamim bin Hamad Al Thani").into_iter().map(|g| g.0).collect();
    assert_eq!(got, ["Sheikh Tamim", "Tamim bin Hamad Al Thani", "Hamad Al Thani"]);
}

#[test]
fn options_change_case_and_word_rules() {
    let t = tagger(SEED, Options { case_sensitive: true, ..core() });
    let got: Vec<String> = run(&t, "Kadhimi kadhimi Iran IRAN").into_iter().map(|g| g.0).collect();
    assert_eq!(got, ["Kadhimi", "Iran"]);
    let t = tagger(SEED, Options { whole_words: false, ..core() });
    let got: Vec<String> = run(&t, "Iranian").into_iter().map(|g| g.0).collect();
    assert_eq!(got, ["Iran"]);
}

#[test]
fn offsets_are_code_points() {
    let t = tagger(SEED, core());
    let tagged = t.tag("ß😀 İstanbul Kāẓimī").unwrap();
    let spans: Vec<(usize, usize)> = tagged.matches.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(spans, [(3, 11), (12, 18)]);
}

#[test]
fn batch_equals_serial() {
    let t = tagger(SEED, core());
    let texts: Vec<&str> = MATCH_CASES.iter().map(|c| c.0).collect();
    let serial: Vec<Tagged> = texts.iter().map(|x| t.tag(x).unwrap()).collect();
    assert_eq!(t.tag_batch(&texts, None).unwrap(), serial);
    assert_eq!(t.tag_batch(&texts, Some(2)).unwrap(), serial);
    assert_eq!(t.tag_batch(&texts, Some(1)).unwrap(), serial);
    assert!(Workers::new(Some(1)).unwrap().0.is_none(), "one thread needs no pool");
    let pool = |n| Workers::new(n).unwrap().0.unwrap();
    assert!(Arc::ptr_eq(&pool(Some(2)), &pool(Some(2))), "a size's pool is kept");
    assert!(Arc::ptr_eq(&pool(None), &pool(None)));
    assert_eq!(pool(Some(3)).current_num_threads(), 3);
    assert!(t.tag_batch(&texts, Some(0)).is_err());
    // Thread counts out of range are input errors, none starts a thread: (asked, message).
    let most = super::max_threads();
    assert!(most >= super::MAX_THREADS);
    let too_many = format!("threads must be at most {most} or None, not {}", most + 1);
    for (n, says) in [
        (Some(0i64), "threads must be at least 1 or None, not 0".to_owned()),
        (Some(-3), "threads must be at least 1 or None, not -3".to_owned()),
        (Some(i64::MIN), format!("threads must be at least 1 or None, not {}", i64::MIN)),
        (Some(most as i64 + 1), too_many.clone()),
        (Some(i64::MAX), format!("threads must be at most {most} or None, not {}", i64::MAX)),
    ] {
        let e = super::threads_from(n).unwrap_err();
        assert!(e.message().starts_with(&says), "{n:?}: {}", e.message());
    }
    assert_eq!(super::threads_from(Some(most as i64)).unwrap(), Some(most));
    assert_eq!(super::threads_from(None).unwrap(), None);
    let e = t.tag_batch(&texts, Some(most + 1)).unwrap_err();
    assert!(e.message().starts_with(&too_many), "{}", e.message());
    assert!(Workers::new(Some(usize::MAX)).is_err());
    assert!(Workers::new(Some(0)).is_err());
    // Taggers at different layers taking turns on one thread share its buffers.
    let layered: Vec<Tagger> = [Layer::Default, Layer::Aggressive, Layer::None]
        .into_iter()
        .map(|variants| tagger(SEED, Options { variants, ..core() }))
        .collect();
    let alone: Vec<Vec<Tagged>> = layered
        .iter()
        .map(|t| texts.iter().map(|x| t.tag_with(x, &mut Buffers::default()).unwrap()).collect())
        .collect();
    for (i, x) in texts.iter().enumerate() {
        for (t, expected) in layered.iter().zip(&alone) {
            assert_eq!(t.tag(x).unwrap(), expected[i]);
        }
    }
}

#[test]
fn a_feed_gives_each_chunk_what_serial_tagging_does() {
    let t = tagger(SEED, core());
    let texts: Vec<&str> = MATCH_CASES.iter().map(|c| c.0).collect();
    // Texts of about 10 KB too, so that a chunk of them is cut into several pieces.
    let long: Vec<String> =
        texts.iter().map(|x| format!("{x} ").repeat(10_000 / (x.len() + 1) + 1)).collect();
    let texts: Vec<&str> = texts.into_iter().chain(long.iter().map(String::as_str)).collect();
    let serial: Vec<Tagged> = texts.iter().map(|x| t.tag(x).unwrap()).collect();
    let n = MATCH_CASES.len();
    let chunks: Vec<&[&str]> = texts[..n]
        .chunks(3)
        .chain([&texts[..0], &texts[..1], &texts[n..], &texts[n - 2..n + 7], &texts[n + 1..n + 2]])
        .collect();
    for threads in [Some(1), Some(2), Some(3)] {
        let workers = Workers::new(threads).unwrap();
        // Every chunk handed over before any is waited for; waited for in order, and the
        // other way round.
        for reverse in [false, true] {
            let got = t.with_feed(&workers, |feed| {
                // SAFETY: the texts are string literals.
                let pending: Vec<Pending> =
                    chunks.iter().map(|c| unsafe { feed.start(c) }).collect();
                let mut got: Vec<Vec<Tagged>> = Vec::new();
                if reverse {
                    got = pending.into_iter().rev().map(|p| p.wait().unwrap()).collect();
                    got.reverse();
                } else {
                    got.extend(pending.into_iter().map(|p| p.wait().unwrap()));
                }
                got
            });
            for (chunk, tagged) in chunks.iter().zip(&got) {
                let at = (chunk.as_ptr() as usize - texts.as_ptr() as usize) / size_of::<&str>();
                assert_eq!(tagged, &serial[at..at + chunk.len()], "{threads:?} {reverse}");
            }
        }
        // Chunks never waited for: the feed still ends once they are tagged.
        let n = t.with_feed(&workers, |feed| {
            // SAFETY: as above.
            let pending: Vec<Pending> = chunks.iter().map(|c| unsafe { feed.start(c) }).collect();
            pending.len()
        });
        assert_eq!(n, chunks.len());
    }
}

/// (surface, entity id, rule)
type Expected<'a> = &'a [(&'a str, &'a str, &'a str)];

/// (layer, text, expected matches) over `VARIANT_SEED`.
const VARIANT_CASES: &[(Layer, &str, Expected)] = &[
    (Layer::Default, "Kadhimi spoke", &[("Kadhimi", "kadhimi", "article+partial")]),
    (Layer::Default, "Alkadhimi spoke", &[("Alkadhimi", "kadhimi", "article+partial")]),
    (Layer::Default, "Mustafa Kadhimi", &[("Mustafa Kadhimi", "kadhimi", "article")]),
    (Layer::Default, "kadhimi spoke", &[]),
    (Layer::Default, "Mustafa al-Kazimi", &[]),
    (Layer::Aggressive, "Mustafa al-Kazimi", &[("Mustafa al-Kazimi", "kadhimi", "consonant")]),
    (Layer::None, "Kadhimi spoke", &[]),
    (
        Layer::Default,
        "Qayara Airfield West",
        &[("Qayara Airfield West", "qayyarah", "double+final-a")],
    ),
    (Layer::Default, "Qassem Suleimani", &[("Qassem Suleimani", "soleimani", "double+vowel")]),
    // A title licenses the surname and stays out of the span.
    (Layer::Default, "Ayatollah Khamenei", &[("Khamenei", "khamenei", "partial")]),
    (Layer::Default, "Abumahdi al-Muhandis", &[("Abumahdi al-Muhandis", "muhandis", "join")]),
    (Layer::Default, "a ballad, sad, hit, he said, an ally, a dash, the bidder, it is is", &[]),
    (Layer::Default, "near Hit", &[("Hit", "hit", "exact")]),
    (
        Layer::Default,
        "Sayyid Ali al-Husseini al-Sistani",
        &[("Ali al-Husseini al-Sistani", "sistani", "partial")],
    ),
    (Layer::Default, "Bafel Jalal Talabani", &[("Bafel Jalal Talabani", "talabani", "partial")]),
    // A given name that `Abdul` opens is both its words: another `Abdul` is another man.
    (
        Layer::Default,
        "Abdul-Malik Badreddin al-Houthi",
        &[("Abdul-Malik Badreddin al-Houthi", "houthi", "partial")],
    ),
    (Layer::Default, "Abdul Karim al-Houthi said", &[]),
    (
        Layer::Default,
        "the talks. Ali said Talabani",
        &[("Ali", "ali", "exact"), ("Talabani", "talabani", "partial")],
    ),
    (
        Layer::Default,
        "\u{0648}\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}",
        &[("\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", "hashd", "proclitic")],
    ),
    (
        Layer::Default,
        "\u{0644}\u{0644}\u{062D}\u{0634}\u{062F}",
        &[("\u{0644}\u{062D}\u{0634}\u{062F}", "hashd", "proclitic")],
    ),
    (Layer::None, "\u{0648}\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", &[]),
    // An acronym in capitals is spelled letter by letter: no doubled letter or vowel class
    // makes another word of it.
    (Layer::Default, "mainly Danes and Norwegians", &[]),
    (Layer::Aggressive, "mainly Danes and Norwegians", &[]),
    (Layer::Default, "the DAANES said", &[("DAANES", "daanes", "exact")]),
];

const VARIANT_SEED: &[Spec] = &[
    ("kadhimi", "Mustafa al-Kadhimi", &[]),
    ("qayyarah", "Qayyarah Airfield West", &[]),
    ("soleimani", "Qasem Soleimani", &[]),
    ("khamenei", "Ali Khamenei", &[]),
    ("muhandis", "Abu Mahdi al-Muhandis", &[]),
    ("balad", "Balad", &[]),
    ("asad", "Asad", &[]),
    ("hit", "Hit", &[]),
    ("said", "Said", &[]),
    ("ali", "Ali", &[]),
    ("daesh", "Daesh", &[]),
    ("badr", "Badr", &[]),
    ("isis", "ISIS", &[]),
    ("hashd", "\u{0627}\u{0644}\u{062D}\u{0634}\u{062F}", &[]),
    ("sistani", "Ali al-Sistani", &[]),
    ("talabani", "Bafel Talabani", &[]),
    ("houthi", "Abdul-Malik al-Houthi", &[]),
    ("daanes", "DAANES", &[]),
];

#[test]
fn variants_table() {
    for layer in [Layer::None, Layer::Default, Layer::Aggressive] {
        let entities = VARIANT_SEED.iter().map(|(id, name, _)| {
            let people = [
                "kadhimi",
                "soleimani",
                "khamenei",
                "muhandis",
                "ali",
                "sistani",
                "talabani",
                "houthi",
            ];
            let label = if people.contains(id) { "PERSON" } else { "PLACE" };
            Entity::new(*id, *name, label, [], Meta::new()).unwrap()
        });
        let options = Options { variants: layer, ..Options::default() };
        let t = Tagger::build(Gazetteer::from_entities(entities).unwrap(), options).unwrap();
        for &(case_layer, text, expected) in VARIANT_CASES.iter().filter(|c| c.0 == layer) {
            let tagged = t.tag(text).unwrap();
            let ents = t.gazetteer().entities();
            let got: Vec<(String, String, String)> = tagged
                .matches
                .iter()
                .map(|m| {
                    (
                        text[m.byte_start..m.byte_end].to_owned(),
                        ents[m.entity as usize].id().to_owned(),
                        m.rules.describe(),
                    )
                })
                .collect();
            let want: Vec<(String, String, String)> = expected
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            assert_eq!(got, want, "{case_layer:?}: {text:?}");
        }
    }
}

#[test]
fn a_surname_that_is_a_given_name_needs_a_full_mention() {
    let fuad = Entity::new("fuad", "Fuad Hussein", "PERSON", [], Meta::new()).unwrap();
    let iraqi = Entity::new("iraqi", "Ahmed al-Iraqi", "PERSON", [], Meta::new()).unwrap();
    let kobani = Entity::new(
        "kobani",
        "Mazloum Abdi",
        "PERSON",
        [Alias::new("Mazloum Kobani", None)],
        Meta::new(),
    )
    .unwrap();
    let amedi = Entity::new("amedi", "Nizar Amedi", "PERSON", [], Meta::new()).unwrap();
    let g = Gazetteer::from_entities([fuad, iraqi, kobani, amedi]).unwrap();
    let t = Tagger::build(g.clone(), Options::default()).unwrap();
    let off = Tagger::build(g, Options { licensing: false, ..Options::default() }).unwrap();
    // (text, expected matched texts, and with licensing off)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("Saddam Hussein said", &[], &[]),
        ("Hussein said", &[], &[]),
        ("Officials said Hussein was there", &[], &[]),
        ("Fuad Hussein said", &["Fuad Hussein"], &["Fuad Hussein"]),
        ("Foreign Minister Fuad Hussein said", &["Fuad Hussein"], &["Fuad Hussein"]),
        // Named in full, the person is the surname alone later in the text.
        ("Fuad Hussein arrived. Hussein said", &["Fuad Hussein", "Hussein"], &["Fuad Hussein"]),
        // Not after an honorific that goes with a given name, nor after another given name.
        ("Fuad Hussein prayed at the Imam Hussein shrine", &["Fuad Hussein"], &["Fuad Hussein"]),
        ("Fuad Hussein met King Hussein", &["Fuad Hussein"], &["Fuad Hussein"]),
        ("Fuad Hussein met Saddam Hussein", &["Fuad Hussein"], &["Fuad Hussein"]),
        // A nisba alone is the adjective, named in full or not.
        ("Ahmed al-Iraqi spoke. Iraqi forces", &["Ahmed al-Iraqi"], &["Ahmed al-Iraqi"]),
        // A name of another alias cut down to a town is the town, named in full or not.
        ("Mazloum Kobani spoke. Kobani was quiet", &["Mazloum Kobani"], &["Mazloum Kobani"]),
        ("Fighting near Kobani", &[], &[]),
        // The family name of the entity's own name that is a town: the town after a
        // preposition of place, the person only where the text names them in full or an
        // office stands before it.
        ("Jets struck villages near Amedi", &[], &[]),
        ("Amedi district was shelled", &[], &[]),
        ("Nizar Amedi arrived. Amedi said", &["Nizar Amedi", "Amedi"], &["Nizar Amedi", "Amedi"]),
        ("Nizar Amedi arrived. Jets struck near Amedi", &["Nizar Amedi"], &["Nizar Amedi"]),
        ("Nizar Amedi arrived in Amedi", &["Nizar Amedi"], &["Nizar Amedi"]),
        ("President Amedi said", &["Amedi"], &["Amedi"]),
        ("Mr. Amedi said", &["Amedi"], &["Amedi"]),
    ];
    for &(text, expected, without) in cases {
        for (tagger, want) in [(&t, expected), (&off, without)] {
            assert_eq!(surfaces(tagger, text), want, "{text:?}");
        }
    }
}

#[test]
fn an_office_the_person_holds_names_them_by_a_short_form() {
    let roles = |roles: &[&str]| {
        let mut meta = Meta::new();
        meta.insert("roles".into(), roles.iter().map(|&r| serde_json::Value::from(r)).collect());
        meta
    };
    let entity = |id: &str, name: &str, meta: Meta| {
        Entity::new(id, name, "PERSON", [], meta).unwrap().with_partial(Some(Partial::Licensed))
    };
    let g = Gazetteer::from_entities([
        entity("bashar", "Bashar al-Assad", roles(&["President of Syria (2000-2024)"])),
        entity("maher", "Maher al-Assad", roles(&["Commander of the 4th Division"])),
        entity("fuad", "Fuad Hussein", roles(&["Minister of Foreign Affairs of Iraq"])),
        entity("mahdi", "Adel Abdul Mahdi", roles(&["Prime Minister of Iraq (2018-2020)"])),
        entity("salih", "Barham Salih", roles(&["Vice President of Iraq"])),
        entity("sultan", "Nofal al-Sultan", Meta::new()),
        entity("hafez", "Hafez al-Assad", roles(&["President of Syria (1971-2000)"])),
        entity(
            "masoud",
            "Masoud Barzani",
            roles(&["Leader of the KDP", "President of the Kurdistan Region (2005-2017)"]),
        ),
        entity(
            "nechirvan",
            "Nechirvan Barzani",
            roles(&[
                "Prime Minister of the Kurdistan Regional Government (2006-2009, 2012-2019)",
                "President of the Kurdistan Region (2019-)",
            ]),
        ),
        entity("masrour", "Masrour Barzani", roles(&["Prime Minister of the KRG (2019-)"])),
    ])
    .unwrap();
    let base = Entity::new("tallil", "Imam Ali Air Base", "BASE", [], Meta::new()).unwrap();
    let g = Gazetteer::from_entities(g.entities().iter().cloned().chain([base])).unwrap();
    let t = Tagger::build(g.clone(), Options::default()).unwrap();
    let off = Tagger::build(g, Options { licensing: false, ..Options::default() }).unwrap();
    // (text, expected (surface, entity id) pairs, and with licensing off)
    type Linked<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&str, Linked, Linked)] = &[
        ("Assad fled to Moscow", &[], &[]),
        ("President Assad met Putin", &[("Assad", "bashar")], &[]),
        ("Syrian President al-Assad met Putin", &[("al-Assad", "bashar")], &[]),
        // Maher holds no such office; named in full he takes the short form back.
        (
            "Maher al-Assad spoke. President Assad met Putin",
            &[("Maher al-Assad", "maher"), ("Assad", "bashar")],
            &[("Maher al-Assad", "maher")],
        ),
        // Of those who held the office, the one who holds it now, else the last to hold it;
        // one the text named before comes first.
        (
            "Kurdistan Region President Barzani said",
            &[("Barzani", "nechirvan")],
            &[("Barzani", "masoud")],
        ),
        ("KRG Prime Minister Barzani said", &[("Barzani", "masrour")], &[("Barzani", "masoud")]),
        (
            "Masoud Barzani spoke. President Barzani said",
            &[("Masoud Barzani", "masoud"), ("Barzani", "masoud")],
            &[("Masoud Barzani", "masoud"), ("Barzani", "masoud")],
        ),
        (
            "Hafez al-Assad died in 2000. President Assad said",
            &[("Hafez al-Assad", "hafez"), ("Assad", "hafez")],
            &[("Hafez al-Assad", "hafez")],
        ),
        // Not an office the person holds, nor a deputy's.
        ("Foreign Minister Hussein said", &[], &[]),
        ("President Hussein said", &[], &[]),
        ("Prime Minister Abdul Mahdi resigned", &[("Abdul Mahdi", "mahdi")], &[]),
        // `Abdul Mahdi` is one family name: `Mahdi` alone is another man's.
        ("Prime Minister Mahdi resigned", &[], &[]),
        ("Deputy Prime Minister Mahdi said", &[], &[]),
        ("President Salih signed", &[], &[]),
        ("president Assad", &[], &[]),
        // A ruler's title: the name after it is the ruler's own.
        ("Prince Sultan said", &[], &[]),
        (
            "Nofal al-Sultan spoke. Sultan said",
            &[("Nofal al-Sultan", "sultan"), ("Sultan", "sultan")],
            &[("Nofal al-Sultan", "sultan"), ("Sultan", "sultan")],
        ),
        (
            "Nofal al-Sultan spoke. Prince Sultan said",
            &[("Nofal al-Sultan", "sultan")],
            &[("Nofal al-Sultan", "sultan")],
        ),
        // A base cut down to an honorific and a given name: beside a cue word only.
        ("Imam Ali said", &[], &[("Imam Ali", "tallil")]),
        (
            "Rockets hit the air base at Imam Ali",
            &[("Imam Ali", "tallil")],
            &[("Imam Ali", "tallil")],
        ),
    ];
    let ents = t.gazetteer().entities();
    for &(text, expected, without) in cases {
        for (tagger, want) in [(&t, expected), (&off, without)] {
            let got: Vec<(&str, &str)> = tagger
                .tag(text)
                .unwrap()
                .matches
                .iter()
                .map(|m| (&text[m.byte_start..m.byte_end], ents[m.entity as usize].id()))
                .collect();
            assert_eq!(got, want.to_vec(), "{text:?}");
        }
    }
}

#[test]
fn a_federal_body_beside_the_kurdistan_region_is_the_regions() {
    let body = |id: &str, name: &str, aliases: &[&str], affiliation: &[&str]| {
        let mut meta = Meta::new();
        meta.insert("country".into(), "IQ".into());
        meta.insert("kind".into(), "government".into());
        if !affiliation.is_empty() {
            meta.insert(
                "affiliation".into(),
                affiliation.iter().map(|&a| serde_json::Value::from(a)).collect(),
            );
        }
        let aliases = aliases.iter().map(|&a| Alias::new(a, None));
        Entity::new(id, name, "INSTITUTION", aliases, meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        body(
            "planning",
            "Iraqi Ministry of Planning",
            &["Ministry of Planning", "وزارة التخطيط"],
            &[],
        ),
        body("krg-interior", "KRG Ministry of Interior", &[], &[]),
        body(
            "erbil-police",
            "Erbil Police Directorate",
            &["Directorate of Police"],
            &["krg-interior"],
        ),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("The Ministry of Planning said", &["Ministry of Planning"]),
        ("The KRG Ministry of Planning said", &[]),
        ("The Kurdistan Region's Ministry of Planning said", &[]),
        ("قالت وزارة التخطيط في إقليم كوردستان", &[]),
        ("قالت وزارة التخطيط في بغداد", &["وزارة التخطيط"]),
        ("قالت وزارة التخطيط في الإقليم إن", &[]),
        ("قالت وزارة التخطيط في حكومة الإقليم إن", &[]),
        ("قالت وزارة التخطيط في الإقليمين", &["وزارة التخطيط"]),
        // A body of the Region's own, or affiliated with one, stays.
        ("The Kurdistan Region's Directorate of Police said", &["Directorate of Police"]),
    ];
    for &(text, expected) in cases {
        assert_eq!(surfaces(&t, text), expected, "{text:?}");
    }
}

#[test]
fn the_preposition_ala_is_no_short_form_ending_in_ali() {
    let qadir = Entity::new(
        "qadir",
        "Qadir Haji Ali",
        "PERSON",
        [Alias::new("\u{0642}\u{0627}\u{062F}\u{0631} \u{062D}\u{0627}\u{062C}\u{064A} \u{0639}\u{0644}\u{064A}", None)],
        Meta::new(),
    )
    .unwrap();
    let t = Tagger::build(Gazetteer::from_entities([qadir]).unwrap(), Options::default()).unwrap();
    // `قادر على` (able to) and `قادر علي` (the cut-down name), after the full name.
    let full = "\u{0642}\u{0627}\u{062F}\u{0631} \u{062D}\u{0627}\u{062C}\u{064A} \u{0639}\u{0644}\u{064A}";
    let ala = "\u{0642}\u{0627}\u{062F}\u{0631} \u{0639}\u{0644}\u{0649}";
    let ali = "\u{0642}\u{0627}\u{062F}\u{0631} \u{0639}\u{0644}\u{064A}";
    assert!(surfaces(&t, ala).is_empty());
    assert_eq!(surfaces(&t, &format!("{full} . {ala}")), [full]);
    assert_eq!(surfaces(&t, &format!("{full} . {ali}")), [full, ali]);
    // Nor is a full name that opens with `على`: `أطلق النار على الهاشمي` (shot at al-Hashimi)
    // is the family name alone, which names the man where his short form needs no licence.
    let hashimi = Entity::new(
        "ali-hashimi",
        "Ali al-Hashimi",
        "PERSON",
        [Alias::new(
            "\u{0639}\u{0644}\u{064A} \u{0627}\u{0644}\u{0647}\u{0627}\u{0634}\u{0645}\u{064A}",
            None,
        )],
        Meta::new(),
    )
    .unwrap();
    let t =
        Tagger::build(Gazetteer::from_entities([hashimi]).unwrap(), Options::default()).unwrap();
    let name = "\u{0639}\u{0644}\u{064A} \u{0627}\u{0644}\u{0647}\u{0627}\u{0634}\u{0645}\u{064A}";
    let on = "\u{0639}\u{0644}\u{0649} \u{0627}\u{0644}\u{0647}\u{0627}\u{0634}\u{0645}\u{064A}";
    const HASHIMI: &str = "\u{0627}\u{0644}\u{0647}\u{0627}\u{0634}\u{0645}\u{064A}";
    let cases: &[(String, &[&str])] = &[
        (format!("\u{0642}\u{0627}\u{0644} {name}"), &[name]),
        (
            format!(
                "\u{0623}\u{0637}\u{0644}\u{0642} \u{0627}\u{0644}\u{0646}\u{0627}\u{0631} {on}"
            ),
            &[HASHIMI],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(surfaces(&t, text), *want, "{text:?}");
    }
}

#[test]
fn a_name_two_bodies_of_one_label_share_is_the_one_named_in_full() {
    let body = |id: &str, name: &str, aliases: &[&str]| {
        Entity::new(
            id,
            name,
            "INSTITUTION",
            aliases.iter().map(|a| Alias::new(*a, None)),
            Meta::new(),
        )
        .unwrap()
    };
    let entities = [
        body("krg", "Kurdistan Region Security", &["Asayish"]),
        body("nes", "Internal Security Forces of North and East Syria", &["Asayish"]),
        body("other", "Some Other Body", &[]),
    ];
    let t = Tagger::build(Gazetteer::from_entities(entities).unwrap(), core()).unwrap();
    // (text, the entity reported for `Asayish`, its candidates in order)
    let cases: &[(&str, &str, &[&str])] = &[
        ("The Asayish arrested him.", "krg", &["krg", "nes"]),
        (
            "The Internal Security Forces of North and East Syria (Asayish) arrested him.",
            "nes",
            &["nes", "krg"],
        ),
        ("The Asayish arrested him. Kurdistan Region Security said.", "krg", &["krg", "nes"]),
        // Both named in full: no choice, the gazetteer's order.
        (
            "Kurdistan Region Security and Internal Security Forces of North and East Syria: the Asayish.",
            "krg",
            &["krg", "nes"],
        ),
        // Another body named in full is no reason.
        ("Some Other Body and the Asayish.", "krg", &["krg", "nes"]),
    ];
    for (text, want, candidates) in cases {
        let got = run(&t, text);
        let asayish = got.iter().find(|g| g.0 == "Asayish").expect(text);
        assert_eq!(asayish.1, *want, "{text}");
        assert_eq!(asayish.2, *candidates, "{text}");
    }
    // Of bodies of several countries, the one whose country the sentence names (a place, a
    // demonym, a name), where it names one candidate's only.
    let body = |id: &str, name: &str, country: &str| {
        let mut meta = Meta::new();
        meta.insert("country".into(), country.into());
        Entity::new(id, name, "INSTITUTION", [Alias::new("Kurdish Asayish", None)], meta).unwrap()
    };
    let entities = [
        body("krg", "Kurdistan Region Security", "IQ"),
        body("nes", "Internal Security Forces of North and East Syria", "SY"),
        body("tr", "A Turkish Body", "TR"),
    ];
    let t = Tagger::build(Gazetteer::from_entities(entities).unwrap(), core()).unwrap();
    let cases: &[(&str, &str)] = &[
        ("Kurdish Asayish in Qamishli arrested two men.", "nes"),
        ("The Syrian Kurdish Asayish arrested two men.", "nes"),
        ("Kurdish Asayish in Sulaimani arrested two men.", "krg"),
        ("Kurdish Asayish arrested two men.", "krg"),
        // Two of the candidates' countries named: no choice.
        ("Kurdish Asayish in Qamishli and Erbil arrested two men.", "krg"),
        // Only the sentence of the match counts.
        ("Qamishli is quiet. Kurdish Asayish arrested two men.", "krg"),
    ];
    for (text, want) in cases {
        let got = run(&t, text);
        assert_eq!(got[0].1, *want, "{text}");
        assert_eq!(got[0].2.len(), 3, "{text}");
    }
}

#[test]
fn empty_gazetteer_tags_nothing() {
    let t = Tagger::build(Gazetteer::new(), core()).unwrap();
    assert!(t.tag("anything at all").unwrap().matches.is_empty());
}

/// (text, expected surfaces) for a gazetteer with an ambiguous acronym (`KH`) and a plain one
/// (`IS`), with licensing on; with it off every acronym in capitals matches.
const LICENCE_CASES: &[(&str, &[&str], &[&str])] = &[
    // An ambiguous alias needs the entity named otherwise in the same text.
    ("KH denied it.", &[], &["KH"]),
    // A cue word of the entity's label in the sentence licenses it too.
    ("KH fired rockets.", &["KH"], &["KH"]),
    ("KH fired. Rockets hit a base.", &[], &["KH"]),
    (
        "Kata'ib Hezbollah (KH) fired rockets.",
        &["Kata'ib Hezbollah", "KH"],
        &["Kata'ib Hezbollah", "KH"],
    ),
    (
        "KH (Kata'ib Hezbollah) fired rockets.",
        &["KH", "Kata'ib Hezbollah"],
        &["KH", "Kata'ib Hezbollah"],
    ),
    (
        "KH fired. Later Kataib Hezbollah denied it.",
        &["KH", "Kataib Hezbollah"],
        &["KH", "Kataib Hezbollah"],
    ),
    ("the KH-31 missile", &[], &["KH"]),
    // A definition as something else is no licence.
    ("the Khalid Hamid (KH) rockets", &[], &["KH"]),
    // Another ambiguous alias of the same entity is no licence.
    ("KH and Kataib", &[], &["KH", "Kataib"]),
    // A plain acronym matches in running text, but among capitals only with a licence.
    ("The IS attack failed.", &["IS"], &["IS"]),
    ("IS IT TRUE?", &[], &["IS"]),
    ("WHY IS IT SO", &[], &["IS"]),
    ("IS IT TRUE? Islamic State denied it.", &["IS", "Islamic State"], &["IS", "Islamic State"]),
    ("IS fighters attacked", &["IS"], &["IS"]),
    ("IS ATTACK\nThe group struck", &["IS"], &["IS"]),
];

#[test]
fn licence_table() {
    let entities = [
        Entity::new(
            "kh",
            "Kata'ib Hezbollah",
            "MILITIA",
            [
                Alias::new("KH", None).with_ambiguous(Some(true)),
                Alias::new("Kataib", None).with_ambiguous(Some(true)),
                Alias::new("Kataib Hezbollah", None),
            ],
            Meta::new(),
        )
        .unwrap(),
        Entity::new("is", "Islamic State", "MILITIA", [Alias::new("IS", None)], Meta::new())
            .unwrap(),
    ];
    let g = Gazetteer::from_entities(entities).unwrap();
    for variants in [Layer::None, Layer::Default] {
        let on = Tagger::build(g.clone(), Options { variants, ..Options::default() }).unwrap();
        let off =
            Tagger::build(g.clone(), Options { variants, licensing: false, ..Options::default() })
                .unwrap();
        for &(text, with, without) in LICENCE_CASES {
            let got = |t: &Tagger| -> Vec<String> {
                t.tag(text)
                    .unwrap()
                    .matches
                    .iter()
                    .map(|m| text[m.byte_start..m.byte_end].to_owned())
                    .collect()
            };
            assert_eq!(got(&on), with, "{variants:?} licensing on: {text:?}");
            assert_eq!(got(&off), without, "{variants:?} licensing off: {text:?}");
        }
        let tagged = on.tag("Kata'ib Hezbollah (KH)").unwrap();
        assert_eq!(tagged.matches[1].rules.describe(), "licensed");
    }
}

#[test]
fn a_country_named_near_a_latin_acronym_licenses_it() {
    use serde_json::json;
    let mut meta = Meta::new();
    meta.insert("country".into(), json!("IQ"));
    meta.insert("kind".into(), json!("security-service"));
    let aliases = [
        Alias::new("CTS", None).with_ambiguous(Some(true)),
        Alias::new("الحشد", None).with_ambiguous(Some(true)),
    ];
    let person = |id: &str, name: &str, arabic: &str, country: &str| {
        let mut meta = Meta::new();
        meta.insert("country".into(), json!(country));
        Entity::new(id, name, "PERSON", [Alias::new(arabic, None)], meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        Entity::new("cts", "Counter Terrorism Service", "INSTITUTION", aliases, meta).unwrap(),
        person("sudani", "Mohammed Shia al-Sudani", "محمد شياع السوداني", "IQ"),
        person("assad", "Bashar al-Assad", "بشار الأسد", "SY"),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let far =
        format!("Iraq held a vote.{} The CTS took the city.", " The weather was mild.".repeat(300));
    // (text, matches): the country in the sentence or near it licenses a Latin acronym; far
    // away in a long document it does not, nor near an Arabic short form, whose word is often
    // a common one (a crowd).
    let cases: &[(&str, &[&str])] = &[
        ("The CTS took the city.", &[]),
        ("The CTS took the city in Iraq.", &["CTS"]),
        ("Iraq held a vote. Weeks later the CTS took the city.", &["CTS"]),
        ("The CTS took the city. Iraq held a vote.", &["CTS"]),
        (&far, &[]),
        ("زار الوفد العراق. وقال إن الحشد كبير", &[]),
        // A sure match of another entity of the country in the sentence names it too, for a
        // name in Latin script: not one of another country, nor in another sentence.
        (
            "Mohammed Shia al-Sudani said the CTS took the city.",
            &["Mohammed Shia al-Sudani", "CTS"],
        ),
        ("Bashar al-Assad said the CTS took the city.", &["Bashar al-Assad"]),
        ("Mohammed Shia al-Sudani spoke. The CTS took the city.", &["Mohammed Shia al-Sudani"]),
        ("قال محمد شياع السوداني إن الحشد كبير", &["محمد شياع السوداني"]),
        // A place of the country in the sentence names it, for a name in Latin script.
        ("The CTS took Mosul.", &["CTS"]),
        ("The CTS took Aleppo.", &[]),
        ("كان الحشد كبيرا في الموصل", &[]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn the_namesake_named_last_before_a_family_name_comes_first() {
    let g = Gazetteer::from_entities([
        Entity::new("yahya", "Yahya Sinwar", "PERSON", [], Meta::new()).unwrap(),
        Entity::new("mohammed", "Mohammed Sinwar", "PERSON", [], Meta::new()).unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let ents = t.gazetteer().entities();
    // (text, each match's entities, the first the one reported)
    let cases: &[(&str, &[&[&str]])] = &[
        (
            "Israel killed Mohammed Sinwar. Sinwar led the brigades. His brother Yahya Sinwar died.",
            &[&["mohammed"], &["mohammed", "yahya"], &["yahya"]],
        ),
        (
            "Yahya Sinwar died. Israel killed his brother Mohammed Sinwar. Sinwar led the brigades.",
            &[&["yahya"], &["mohammed"], &["yahya", "mohammed"]],
        ),
        (
            "Sinwar led the brigades. Mohammed Sinwar died. His brother Yahya Sinwar died.",
            &[&["mohammed", "yahya"], &["mohammed"], &["yahya"]],
        ),
        ("Mohammed Sinwar led. Sinwar said.", &[&["mohammed"], &["mohammed"]]),
        // Of two named before it, the one named last; a relative brought in by a word of
        // kinship does not take the name from the one named before.
        (
            "Mohammed Sinwar led. Yahya Sinwar spoke. Sinwar said.",
            &[&["mohammed"], &["yahya"], &["yahya", "mohammed"]],
        ),
        (
            "Yahya Sinwar spoke. Mohammed Sinwar led. Yahya Sinwar met them. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["yahya"], &["yahya", "mohammed"]],
        ),
        (
            "Yahya Sinwar spoke. His son Mohammed Sinwar led. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["yahya", "mohammed"]],
        ),
        (
            "His cousin Yahya Sinwar spoke. Mohammed Sinwar led. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["mohammed", "yahya"]],
        ),
        (
            "His cousin Yahya Sinwar spoke. His brother Mohammed Sinwar led. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["yahya", "mohammed"]],
        ),
        // ... nor does one that an apposition of kinship follows.
        (
            "Yahya Sinwar spoke. Mohammed Sinwar, his brother, led. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["yahya", "mohammed"]],
        ),
        // Two named in one sentence are named together: the one the text named first.
        (
            "Yahya Sinwar and Mohammed Sinwar met. Sinwar said.",
            &[&["yahya"], &["mohammed"], &["yahya", "mohammed"]],
        ),
        (
            "Mohammed Sinwar spoke. Yahya Sinwar and Mohammed Sinwar met. Sinwar said.",
            &[&["mohammed"], &["yahya"], &["mohammed"], &["mohammed", "yahya"]],
        ),
    ];
    for &(text, want) in cases {
        let tagged = t.tag(text).unwrap();
        let got: Vec<(&str, Vec<&str>)> = tagged
            .matches
            .iter()
            .map(|m| {
                let mut all: Vec<&str> =
                    tagged.candidates(m).iter().map(|&e| ents[e as usize].id()).collect();
                all.sort_unstable();
                (ents[m.entity as usize].id(), all)
            })
            .collect();
        let want: Vec<(&str, Vec<&str>)> = want
            .iter()
            .map(|w| {
                let mut all = w.to_vec();
                all.sort_unstable();
                (w[0], all)
            })
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn a_family_name_that_a_particle_opens_keeps_it() {
    let g = Gazetteer::from_entities([
        Entity::new(
            "risha",
            "Abdul Sattar Abu Risha",
            "PERSON",
            [Alias::new("عبد الستار أبو ريشة", None)],
            Meta::new(),
        )
        .unwrap(),
        Entity::new("laden", "Osama bin Laden", "PERSON", [], Meta::new()).unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    // (text, matches): the family name with its particle, where the text names the man in
    // full; in Arabic its word alone (a feather) is no name without it.
    let cases: &[(&str, &[&str])] = &[
        (
            "Abdul Sattar Abu Risha met them. Abu Risha said",
            &["Abdul Sattar Abu Risha", "Abu Risha"],
        ),
        ("Osama bin Laden fled. Bin Laden hid", &["Osama bin Laden", "Bin Laden"]),
        ("التقى عبد الستار أبو ريشة الوفد. وقال أبو ريشة", &["عبد الستار أبو ريشة", "أبو ريشة"]),
        ("وقال أبو ريشة", &[]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_list_licenses_its_items() {
    let party = |id: &str, name: &str, acronym: &str, ambiguous: bool| {
        Entity::new(
            id,
            name,
            "INSTITUTION",
            [Alias::new(acronym, None).with_ambiguous(Some(ambiguous))],
            Meta::new(),
        )
        .unwrap()
    };
    let g = Gazetteer::from_entities([
        party("kdp", "Kurdistan Democratic Party", "KDP", false),
        party("puk", "Patriotic Union of Kurdistan", "PUK", true),
        Entity::new(
            "kh",
            "Kata'ib Hezbollah",
            "MILITIA",
            [Alias::new("KH", None).with_ambiguous(Some(true))],
            Meta::new(),
        )
        .unwrap(),
        Entity::new("badr", "Badr Organization", "MILITIA", [], Meta::new()).unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    // (text, matches): an ambiguous name beside a sure one of the same label, joined as a
    // list's items are, is licensed by it; not beside one of another label, nor apart.
    let cases: &[(&str, &[&str])] = &[
        ("Deputies of the KDP and the PUK met", &["KDP", "PUK"]),
        ("Deputies of the PUK and the KDP met", &["PUK", "KDP"]),
        ("Deputies of the KDP, the PUK and others met", &["KDP", "PUK"]),
        ("Deputies of the KDP or PUK met", &["KDP", "PUK"]),
        ("Deputies of the PUK met", &[]),
        ("Deputies of the KDP met. The PUK did not", &["KDP"]),
        ("Deputies of the KDP told the PUK", &["KDP"]),
        ("Badr Organization and KH", &["Badr Organization", "KH"]),
        ("the KDP and KH", &["KDP"]),
        ("Badr Organization and the PUK", &["Badr Organization"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

/// A case-kept name of several words needs the capitals that make it a name (README, matching
/// rule 1): (text, matches).
const CASE_KEPT_CASES: &[(&str, &[&str])] = &[
    ("at Victory Base", &["Victory Base"]),
    ("at Victory base", &["Victory base"]),
    ("AT VICTORY BASE", &["VICTORY BASE"]),
    ("a victory base", &[]),
    ("a Victory", &[]),
    ("the Federal Police said", &["Federal Police"]),
    ("the Federal police said", &["Federal police"]),
    ("the federal police said", &[]),
    ("the federal Police said", &[]),
    ("KH and Kh", &["KH"]),
];

#[test]
fn case_kept_names_table() {
    let entities = [
        Entity::new(
            "v",
            "Camp Victory",
            "BASE",
            [Alias::new("Victory Base", Some(true))],
            Meta::new(),
        )
        .unwrap(),
        Entity::new(
            "fp",
            "Iraqi Federal Police",
            "INSTITUTION",
            [Alias::new("Federal Police", Some(true))],
            Meta::new(),
        )
        .unwrap(),
        Entity::new("kh", "Kata'ib Hezbollah", "MILITIA", [Alias::new("KH", None)], Meta::new())
            .unwrap(),
    ];
    let g = Gazetteer::from_entities(entities).unwrap();
    for variants in [Layer::None, Layer::Default] {
        let t = Tagger::build(g.clone(), Options { variants, ..Options::default() }).unwrap();
        for &(text, want) in CASE_KEPT_CASES {
            assert_eq!(surfaces(&t, text), want, "{variants:?}: {text:?}");
        }
    }
}

#[test]
fn one_long_key_builds_a_trie_that_still_finds_it() {
    use super::automaton::Kind::{Dfa, Trie};
    // U+FDFA folds to 18 letters and spaces: 30 of them are a legal alias of 1 KiB of keys.
    let long = "\u{FDFA} ".repeat(30);
    for (specs, kind) in
        [(vec![("s", long.as_str(), &[][..])], Trie), (vec![("s", "Sallallahu", &[][..])], Dfa)]
    {
        let t = tagger(&specs, core());
        assert_eq!(t.on_folded.automaton.kind(), kind);
        let text = format!("said {} today", specs[0].1);
        assert_eq!(run(&t, &text).len(), 1, "{kind:?}");
    }
}

/// Scripts written without spaces (issue 15.8): a change of script and each ideograph are word
/// boundaries, as Unicode word segmentation has it; a Katakana or Thai run is one word. And the
/// Greek iota subscript equals iota.
#[test]
fn scripts_without_spaces_table() {
    let specs: &[Spec] = &[
        ("beijing", "北京", &[]),
        ("toyota", "トヨタ", &[]),
        ("thai", "ไทย", &[]),
        ("greek", "Αι", &[]), // not in capitals: no acronym
        ("iran", "Iran", &[]),
    ];
    // (text, [(surface, entity id)])
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("我在北京工作", &[("北京", "beijing")]),
        ("北京", &[("北京", "beijing")]),
        ("2024年北京", &[("北京", "beijing")]),
        ("Iran与北京", &[("Iran", "iran"), ("北京", "beijing")]),
        ("トヨタ自動車", &[("トヨタ", "toyota")]),
        ("トヨタは", &[("トヨタ", "toyota")]),
        // A longer Katakana word is one word.
        ("トヨタマ", &[]),
        ("ประเทศไทยabc", &[]),
        ("abcไทย", &[("ไทย", "thai")]),
        (
            "\u{1FB3} \u{03B1}\u{0345} \u{0391}\u{0399}",
            &[("\u{1FB3}", "greek"), ("\u{03B1}\u{0345}", "greek"), ("\u{0391}\u{0399}", "greek")],
        ),
        // Between scripts written with spaces a change of script is no boundary.
        ("Iranийский", &[]),
    ];
    let t = tagger(specs, core());
    for &(text, expected) in cases {
        let got: Vec<(String, String)> =
            run(&t, text).into_iter().map(|(s, id, _)| (s, id)).collect();
        let want: Vec<(String, String)> =
            expected.iter().map(|&(s, id)| (s.to_owned(), id.to_owned())).collect();
        assert_eq!(got, want, "text {text:?}");
    }
}

/// A search given a cancel flag that is set stops with an error; one whose flag is not set
/// finds what `tag` finds (issue 15.6: Ctrl-C in Python sets the flag from another thread).
#[test]
fn a_cancelled_search_stops() {
    let t = tagger(SEED, core());
    let text = "Kadhimi met KH at K-1. ".repeat(10_000);
    let cancel = Cancel::default();
    let found = t.tag_until(&text, &cancel).unwrap();
    assert_eq!(found.matches.len(), t.tag(&text).unwrap().matches.len());
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    let error = t.tag_until(&text, &cancel).unwrap_err();
    assert_eq!(error.message(), "the search was cancelled");
    let workers = Workers::new(Some(2)).unwrap();
    assert!(t.tag_in_until(&[&text, "Iran"], &workers, &cancel).is_err());
    // The flag belongs to the call: the thread's next search is not cancelled.
    assert!(!t.tag(&text).unwrap().matches.is_empty());
}

/// A big tagger holds millions of targets (6M at a million aliases and `default`): each key
/// keeps 16 bytes of its own, and the keys of one alias share a source (issue 13; a target took
/// 64 bytes, then 52).
#[test]
fn a_key_takes_16_bytes_and_its_source_36() {
    use super::compile::{KeyTarget, OptStr, Source};
    use crate::core::places::Country;
    assert_eq!(std::mem::size_of::<OptStr>(), 8);
    assert_eq!(std::mem::size_of::<Option<Country>>(), 2);
    assert_eq!(std::mem::size_of::<KeyTarget>(), 16);
    assert_eq!(std::mem::size_of::<Source>(), 36);
}

/// Affiliations two steps deep, all in one list: each entity's own, then theirs, sorted and
/// each once; an id the gazetteer does not have, or a value that is no list, is no
/// affiliation. A saved tagger loads them as they were built, though a load reads only the
/// entities whose meta has the key.
#[test]
fn affiliations_are_read_two_steps_deep() {
    use serde_json::json;
    let entity = |id: &str, affiliated: serde_json::Value| {
        let mut meta = Meta::new();
        meta.insert("kind".into(), serde_json::json!("group"));
        if !affiliated.is_null() {
            meta.insert("affiliation".into(), affiliated);
        }
        Entity::new(id, id, "MILITIA", [Alias::new(format!("{id} group"), None)], meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        entity("a", json!(["b", "nowhere"])),
        entity("b", json!(["c"])),
        entity("c", json!(["a", "d", "b"])),
        entity("d", serde_json::Value::Null),
        entity("e", json!(["d", "d"])),
        entity("f", json!("a")),
        entity("g", json!([])),
        entity("h", json!(["nowhere"])),
        entity("i", serde_json::Value::Null),
        entity("j", json!(["i"])),
    ])
    .unwrap();
    let related = super::compile::affiliations(&g);
    let expected: [&[u32]; 10] =
        [&[1, 2], &[0, 1, 2, 3], &[0, 1, 2, 3], &[], &[3], &[], &[], &[], &[], &[8]];
    for (e, want) in expected.iter().enumerate() {
        assert_eq!(related.of(e as u32), *want, "entity {e}");
    }
    // Only the entities asked about are read: those whose meta has the key give the same;
    // of 1 and 4 alone, 1's second step (2's own) is not read.
    let among = |entities: &[u32]| super::compile::affiliations_among(&g, entities.iter().copied());
    assert_eq!(among(&[0, 1, 2, 4, 5, 6, 7, 9]), related);
    let some = among(&[1, 4]);
    let expected: [&[u32]; 10] = [&[], &[2], &[], &[], &[3], &[], &[], &[], &[], &[]];
    for (e, want) in expected.iter().enumerate() {
        assert_eq!(some.of(e as u32), *want, "entity {e}");
    }
    // Saved and loaded, from bytes and from a file.
    let built = Tagger::build(g, Options::default()).unwrap();
    let bytes = crate::core::persist::tagger_to_bytes(&built);
    let loaded = crate::core::persist::tagger_from_bytes(&bytes).unwrap();
    assert_eq!(loaded.related, built.related);
    let read = std::io::Cursor::new(&bytes);
    let streamed = crate::core::persist::tagger_from_file(read, bytes.len() as u64).unwrap();
    assert_eq!(streamed.related, built.related);
    assert_eq!(built.related, related);
}

#[test]
fn a_permutation_is_inverted_in_place() {
    // Every permutation of up to 6 numbers, and a few long ones made of long and short
    // cycles, against the inverse written out.
    fn check(order: Vec<u32>) {
        let mut expected = vec![0u32; order.len()];
        for (i, &n) in order.iter().enumerate() {
            expected[n as usize] = i as u32;
        }
        let mut got = order.clone();
        compile::invert(&mut got);
        assert_eq!(got, expected, "{order:?}");
    }
    fn each(prefix: &mut Vec<u32>, n: u32) {
        if prefix.len() == n as usize {
            check(prefix.clone());
            return;
        }
        for x in 0..n {
            if !prefix.contains(&x) {
                prefix.push(x);
                each(prefix, n);
                prefix.pop();
            }
        }
    }
    for n in 0..=6 {
        each(&mut Vec::new(), n);
    }
    check((0..1000).map(|i| (i * 7 + 3) % 1000).collect());
    check((0..1000).rev().collect());
    check((0..1000).map(|i| i ^ 1).collect());
}

#[test]
fn find_short_finds_what_memmem_finds() {
    use super::compile::find_short;
    let hay = "al kadhimi mustafa al kadhimi kazimi ا ب ت";
    let mut needles: Vec<&str> = vec!["", "a", "i", "al", "kadhimi", "mi k", "kazimi", "ت", "ب ت"];
    needles.extend(["zz", "kadhimiz", "al kadhimi mustafa al kadhimi kazimi ا ب ت!", "lk"]);
    for h in [hay, "", "a", "ab"] {
        for n in &needles {
            let want = memchr::memmem::find(h.as_bytes(), n.as_bytes());
            assert_eq!(find_short(h.as_bytes(), n.as_bytes()), want, "{n:?} in {h:?}");
        }
    }
    // Every substring of the haystack found at its first place, in a haystack long enough
    // for the vector search and in short ones.
    let long = format!("{hay} {hay} qx");
    let b = long.as_bytes();
    assert!(b.len() > 64);
    for i in 0..b.len() {
        for j in i..=b.len() {
            let n = &b[i..j];
            assert_eq!(find_short(b, n), memchr::memmem::find(b, n), "{i}..{j}");
            let short = &b[..b.len().min(j + 3)];
            assert_eq!(find_short(short, n), memchr::memmem::find(short, n), "{i}..{j} short");
        }
    }
    let b = hay.as_bytes();
    for i in 0..b.len() {
        for j in i..=b.len() {
            let n = &b[i..j];
            assert_eq!(find_short(b, n), memchr::memmem::find(b, n), "{i}..{j}");
        }
    }
}

#[test]
fn targets_that_share_a_pattern_near_or_far_are_all_kept() {
    // Issue 13: targets of one pattern added far apart (two entities of one name, thousands
    // between them) or close together (an alias's keys of one skeleton) keep one pattern with
    // every target, in a small automaton (numbered as first seen) and in a trie (by bytes).
    let mut results = Vec::new();
    for fillers in [3usize, 6000] {
        let names: Vec<(String, String)> =
            (0..fillers).map(|i| (format!("f{i}"), format!("Filler Name {i:05}"))).collect();
        let mut specs: Vec<Spec> = vec![("first", "Kataib Hezbollah", &["al-Kadhimi"])];
        specs.extend(names.iter().map(|(id, n)| (id.as_str(), n.as_str(), &[][..])));
        specs.push(("second", "Kataib Hezbollah", &["el Kadhimi", "Kadhimi"]));
        let mut per_layer = Vec::new();
        for variants in [Layer::None, Layer::Default, Layer::Aggressive] {
            let t = tagger(&specs, Options { variants, ..core() });
            let got = run(&t, "Kataib Hezbollah and al-Kadhimi met Filler Name 00002.");
            assert_eq!(got[0].2, ["first", "second"], "{fillers} {variants:?}");
            assert_eq!(got.last().unwrap().1, "f2", "{fillers} {variants:?}");
            per_layer.push(got);
        }
        results.push(per_layer);
    }
    assert_eq!(results[0], results[1]);
}

#[test]
fn a_generic_name_keeps_the_country_the_text_tied_it_to() {
    use serde_json::json;
    let body = |id: &str, country: &str, head: Option<&str>, aliases: &[&str]| {
        let mut meta = Meta::new();
        meta.insert("kind".into(), json!("government"));
        meta.insert("country".into(), json!(country));
        if let Some(head) = head {
            meta.insert("head".into(), json!(head));
        }
        let aliases = aliases.iter().map(|a| Alias::new(*a, None));
        Entity::new(id, id, "INSTITUTION", aliases, meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        body("iq-moi", "IQ", None, &["Interior Ministry", "وزارة الداخلية"]),
        body("sy-moi", "SY", None, &["Syrian Interior Ministry", "وزارة الداخلية السورية"]),
        body("iq-mofa", "IQ", None, &["Foreign Ministry", "وزارة الخارجية"]),
        // Named only by its head: `Lebanon's foreign ministry`, `وزارة الخارجية اللبنانية`.
        body("Lebanese Ministry of Foreign Affairs", "LB", Some("foreign-ministry"), &[]),
        body("iq-mod", "IQ", None, &["Ministry of Defence", "Defence Ministry"]),
        body("sy-mod", "SY", None, &["Syrian Ministry of Defence"]),
        body("iq-gov", "IQ", None, &["Government"]),
        body("sy-gov", "SY", Some("government"), &[]),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    // (text, the entity of each match): a generic name that the text has tied to a country
    // (qualified, or in an alias that names the country) is that country's body after it, until
    // another country's is named; a country whose body the dictionary lacks takes it from all.
    let cases: &[(&str, &[&str])] = &[
        ("The Interior Ministry said", &["iq-moi"]),
        ("Syria's Interior Ministry said. The Interior Ministry said", &["sy-moi", "sy-moi"]),
        ("The Syrian Interior Ministry said. The Interior Ministry said", &["sy-moi", "sy-moi"]),
        ("The Interior Ministry said. Syria's Interior Ministry said", &["iq-moi", "sy-moi"]),
        (
            "Syria's Interior Ministry said. Iraq's Interior Ministry said. The Interior Ministry",
            &["sy-moi", "iq-moi", "iq-moi"],
        ),
        ("Egypt's Interior Ministry said. The Interior Ministry said", &[]),
        // A ministry's name ties in any of its word orders and spellings.
        ("Syria's Defence Ministry said. The Ministry of Defence said", &["sy-mod", "sy-mod"]),
        ("The Syrian Ministry of Defence said. The Defense Ministry said", &["sy-mod", "sy-mod"]),
        (
            "Syria's Interior Ministry said. The Ministry of the Interior said",
            &["sy-moi", "sy-moi"],
        ),
        ("The Ministry of Defence said. The Defence Ministry said", &["iq-mod", "iq-mod"]),
        // Cut off from its country, a body's name needs its capitals; the home country's no longer
        // stands there either.
        ("Syria's Interior Ministry said. The interior ministry said", &["sy-moi"]),
        ("قالت وزارة الداخلية السورية. وأكدت وزارة الداخلية", &["sy-moi", "sy-moi"]),
        ("قالت وزارة الداخلية المصرية. وأكدت وزارة الداخلية", &[]),
        ("وأكدت وزارة الداخلية", &["iq-moi"]),
        // Head forms tie too, and their head words of more than one word stand for the body.
        (
            "Lebanon's Foreign Ministry said. The Foreign Ministry said",
            &["Lebanese Ministry of Foreign Affairs", "Lebanese Ministry of Foreign Affairs"],
        ),
        (
            "قالت وزارة الخارجية اللبنانية. وأكدت وزارة الخارجية",
            &["Lebanese Ministry of Foreign Affairs", "Lebanese Ministry of Foreign Affairs"],
        ),
        // A one-word head is too bare to stand alone.
        ("The Syrian government said. The Government said", &["sy-gov"]),
        // Untied, a sentence whose places are all one other country's (naming no other
        // country) is about that country's body; with a place of its own, the home one's; with
        // places of a country whose body the dictionary lacks, no one's.
        ("The Interior Ministry said a cell was broken up in Latakia", &["sy-moi"]),
        ("The Interior Ministry said a cell in Latakia fled to Mosul", &["iq-moi"]),
        ("The Interior Ministry said Iraqi men were held in Latakia", &["iq-moi"]),
        ("The Interior Ministry said a cell was broken up in Cairo", &[]),
        // A tie comes first.
        (
            "Iraq's Interior Ministry said. The Interior Ministry said a cell was held in Latakia",
            &["iq-moi", "iq-moi"],
        ),
    ];
    let ents = t.gazetteer().entities();
    for &(text, want) in cases {
        let got: Vec<&str> =
            t.tag(text).unwrap().matches.iter().map(|m| ents[m.entity as usize].id()).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn a_list_of_ordinals_names_each_unit() {
    let unit =
        |id: &str, name: &str, label: &str| Entity::new(id, name, label, [], Meta::new()).unwrap();
    let g = Gazetteer::from_entities([
        unit("b313", "313th Brigade", "MILITIA"),
        unit("b314", "314th Brigade", "MILITIA"),
        unit("b315", "315th Brigade", "MILITIA"),
        unit("p1", "1st Peshmerga Division", "INSTITUTION"),
        unit("p2", "2nd Peshmerga Division", "INSTITUTION"),
        unit("peshmerga", "Peshmerga", "INSTITUTION"),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    // (text, (matched text, entity) of each match): each ordinal is the unit the sentence
    // names with it alone; one the dictionary lacks is none; no list, no unit.
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "the 313th, 314th and 315th Brigades moved",
            &[("313th", "b313"), ("314th", "b314"), ("315th Brigades", "b315")],
        ),
        ("the 313th and 315th brigades", &[("313th", "b313"), ("315th brigades", "b315")]),
        ("the 313th or 314th Brigades", &[("313th", "b313"), ("314th Brigades", "b314")]),
        ("the 312th, 313th, and 314th Brigades", &[("313th", "b313"), ("314th Brigades", "b314")]),
        (
            "the 1st and 2nd Peshmerga Divisions",
            &[("1st", "p1"), ("2nd Peshmerga Divisions", "p2")],
        ),
        (
            "the Peshmerga and the 313th Brigade",
            &[("Peshmerga", "peshmerga"), ("313th Brigade", "b313")],
        ),
        ("the 313th Brigades", &[]),
        ("on the 1st and 2nd floors", &[]),
        ("the 313th. 314th Brigades", &[]),
        // A line break of wrapped text counts as a space, two do not.
        (
            "the 313th,\n314th and 315th Brigades moved",
            &[("313th", "b313"), ("314th", "b314"), ("315th Brigades", "b315")],
        ),
        (
            "the 313th, 314th\nand 315th\nBrigades",
            &[("313th", "b313"), ("314th", "b314"), ("315th\nBrigades", "b315")],
        ),
        ("the 313th,\r\n314th Brigades", &[("313th", "b313"), ("314th Brigades", "b314")]),
        ("the 313th and\n\n314th Brigades", &[]),
    ];
    // A crafted list of thousands of ordinals is passed over, not tagged again for each.
    let long: String =
        (1..5000).map(|n| format!("{n}th, ")).collect::<String>() + "5000th Brigades";
    assert!(t.tag(&long).unwrap().matches.is_empty());
    let ents = t.gazetteer().entities();
    for &(text, want) in cases {
        let tagged = t.tag(text).unwrap();
        let got: Vec<(&str, &str)> = tagged
            .matches
            .iter()
            .map(|m| (&text[m.byte_start..m.byte_end], ents[m.entity as usize].id()))
            .collect();
        assert_eq!(got, want, "{text:?}");
        // Every match inside a list is the rule's; the others are not.
        let in_list = ["th and", "th, ", "th,\n", "th,\r\n", "th\nand ", "th or ", "st and "]
            .iter()
            .any(|j| text.contains(j));
        for m in &tagged.matches {
            let word = &text[m.byte_start..m.byte_end];
            let listed = in_list && word.starts_with(|c: char| c.is_ascii_digit());
            assert_eq!(m.rules.contains(Rules::LIST), listed, "{text:?} at {word:?}");
        }
    }
}

#[test]
fn a_named_speakers_english_surname_opens_a_sentence_before_a_verb_of_saying() {
    use crate::core::gazetteer::Partial;
    let price = Entity::new("price", "Ned Price", "PERSON", [], Meta::new()).unwrap();
    let g = Gazetteer::from_entities([price.with_partial(Some(Partial::Licensed))]).unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    // (text, matches): before a verb of saying or a comma, the capital at a sentence's start
    // is the named person's; before another word it says nothing, and without the full name
    // in the text the surname is no one.
    let cases: &[(&str, &[&str])] = &[
        ("Ned Price met them. Price said talks would go on.", &["Ned Price", "Price"]),
        ("Ned Price met them. Price, the envoy, left.", &["Ned Price", "Price"]),
        ("Ned Price met them. Price life was hard.", &["Ned Price"]),
        ("Ned Price met them. Later Price left.", &["Ned Price", "Price"]),
        // A day or a month before the surname is no part of a longer name.
        ("Ned Price met them. On Monday Price left.", &["Ned Price", "Price"]),
        ("Ned Price met them. In March Price left.", &["Ned Price", "Price"]),
        ("Ned Price met them. Then Mosul Price left.", &["Ned Price"]),
        ("Price said talks would go on.", &[]),
        // After a semicolon a capital is a name's, not a sentence's.
        ("Ned Price met them; Price and his aides left.", &["Ned Price", "Price"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
    // A group's acronym that is an English word opens a sentence before a noun it qualifies.
    let is = Alias::new("IS", Some(true)).with_ambiguous(Some(true));
    let g = Gazetteer::from_entities([Entity::new(
        "is",
        "Islamic State",
        "MILITIA",
        [is],
        Meta::new(),
    )
    .unwrap()])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("The Islamic State (IS) struck. IS fighters fled.", &["Islamic State", "IS", "IS"]),
        // Its capitals say what it is at a sentence's start too, but not in a headline's.
        ("The Islamic State (IS) struck. IS said so.", &["Islamic State", "IS", "IS"]),
        ("The Islamic State (IS) struck. IS claimed it.", &["Islamic State", "IS", "IS"]),
        ("The Islamic State (IS) struck.\nIS IT OVER FOR THE GROUP", &["Islamic State", "IS"]),
        ("The Islamic State (IS) struck. IS IT TRUE?", &["Islamic State", "IS"]),
        ("Islamic State fighters struck. IS claimed it.", &["Islamic State", "IS"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_body_before_an_official_of_another_country_is_that_countrys() {
    use serde_json::json;
    let entity = |id: &str, label: &str, country: &str, aliases: &[&str]| {
        let mut meta = Meta::new();
        meta.insert("country".into(), json!(country));
        if label == "INSTITUTION" {
            meta.insert("kind".into(), json!("legislature"));
        }
        let aliases = aliases.iter().map(|a| Alias::new(*a, None));
        Entity::new(id, id, label, aliases, meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        entity("iq-mofa", "INSTITUTION", "IQ", &["Foreign Ministry"]),
        entity("iq-parl", "INSTITUTION", "IQ", &["مجلس النواب"]),
        entity("baghaei", "PERSON", "IR", &["Esmaeil Baghaei"]),
        entity("berri", "PERSON", "LB", &["نبيه بري"]),
        entity("fuad", "PERSON", "IQ", &["Fuad Hussein"]),
    ])
    .unwrap();
    let t = Tagger::build(g.clone(), Options::default()).unwrap();
    // (text, matched texts)
    let cases: &[(&str, &[&str])] = &[
        ("Foreign Ministry spokesman Esmaeil Baghaei said", &["Esmaeil Baghaei"]),
        ("the Foreign Ministry's spokesman Esmaeil Baghaei", &["Esmaeil Baghaei"]),
        ("دعا رئيس مجلس النواب نبيه بري", &["نبيه بري"]),
        // The official of the body's own country, a verb or a comma between: both stand.
        ("Foreign Ministry head Fuad Hussein said", &["Foreign Ministry", "Fuad Hussein"]),
        ("The Foreign Ministry summoned Esmaeil Baghaei", &["Foreign Ministry", "Esmaeil Baghaei"]),
        ("the Foreign Ministry, Esmaeil Baghaei said", &["Foreign Ministry", "Esmaeil Baghaei"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
    // Without licensing (no context rules), the body stands.
    let off = Tagger::build(g, Options { licensing: false, ..Options::default() }).unwrap();
    let text = "Foreign Ministry spokesman Esmaeil Baghaei said";
    assert_eq!(surfaces(&off, text), ["Foreign Ministry", "Esmaeil Baghaei"]);
}

#[test]
fn a_family_name_before_family_or_after_its_arabic_noun_is_the_family() {
    use crate::core::gazetteer::Partial;
    let masrour = Entity::new(
        "masrour",
        "Masrour Barzani",
        "PERSON",
        [Alias::new("\u{0645}\u{0633}\u{0631}\u{0648}\u{0631} \u{0628}\u{0627}\u{0631}\u{0632}\u{0627}\u{0646}\u{064a}", None)],
        Meta::new(),
    )
    .unwrap();
    let omed = Entity::new(
        "omed",
        "Omed Sabah",
        "PERSON",
        [Alias::new(
            "\u{0623}\u{0648}\u{0645}\u{064a}\u{062f} \u{0635}\u{0628}\u{0627}\u{062d}",
            None,
        )],
        Meta::new(),
    )
    .unwrap();
    let g =
        Gazetteer::from_entities([masrour, omed.with_partial(Some(Partial::Licensed))]).unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let full = "\u{0645}\u{0633}\u{0631}\u{0648}\u{0631} \u{0628}\u{0627}\u{0631}\u{0632}\u{0627}\u{0646}\u{064a}";
    let short = "\u{0628}\u{0627}\u{0631}\u{0632}\u{0627}\u{0646}\u{064a}";
    let family = "\u{0639}\u{0627}\u{0626}\u{0644}\u{0629}"; // عائلة
    let omed_full = "\u{0623}\u{0648}\u{0645}\u{064a}\u{062f} \u{0635}\u{0628}\u{0627}\u{062d}";
    let morning = "\u{0635}\u{0628}\u{0627}\u{062d} \u{0627}\u{0644}\u{0633}\u{0628}\u{062a}"; // صباح السبت
    let said = "\u{0648}\u{0642}\u{0627}\u{0644}"; // وقال
    let cases: &[(String, Vec<&str>)] = &[
        ("Masrour Barzani spoke. The Barzani family met.".to_string(), vec!["Masrour Barzani"]),
        (
            "Masrour Barzani spoke. Barzani met them.".to_string(),
            vec!["Masrour Barzani", "Barzani"],
        ),
        (format!("{full} . {said} {short} ."), vec![full, short]),
        (format!("{full} . \u{0645}\u{0646} {family} {short} ."), vec![full]),
        (format!("{full} . \u{0644}{family} {short} ."), vec![full]),
        // A tribe's name after the words for the sons of, or before `tribe`.
        ("Masrour Barzani spoke. The Bani Barzani met.".to_string(), vec!["Masrour Barzani"]),
        ("Masrour Barzani spoke. The Barzani tribe met.".to_string(), vec!["Masrour Barzani"]),
        (format!("{full} . \u{0628}\u{0646}\u{064a} {short} ."), vec![full]),
        // A surname that is a common word (`صباح`, morning) needs a verb of saying before it.
        (format!("{omed_full} . {morning}"), vec![omed_full]),
        (
            format!("{omed_full} . {said} \u{0635}\u{0628}\u{0627}\u{062d}"),
            vec![omed_full, "\u{0635}\u{0628}\u{0627}\u{062d}"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(surfaces(&t, text), *want, "{text:?}");
    }
}

#[test]
fn a_party_with_another_country_after_a_dash_is_that_countrys() {
    let kdp = Entity::new(
        "kdp",
        "Kurdistan Democratic Party",
        "INSTITUTION",
        [
            Alias::new("KDP", None),
            Alias::new("\u{0627}\u{0644}\u{062d}\u{0632}\u{0628} \u{0627}\u{0644}\u{062f}\u{064a}\u{0645}\u{0642}\u{0631}\u{0627}\u{0637}\u{064a}", None),
        ],
        {
            let mut meta = Meta::new();
            meta.insert("country".into(), "IQ".into());
            meta
        },
    )
    .unwrap();
    let t = Tagger::build(Gazetteer::from_entities([kdp]).unwrap(), Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("The KDP said.", &["KDP"]),
        // In Latin script a dash joins two sides far more often (`the KDP-Iran talks`).
        ("The KDP-Iran talks began.", &["KDP"]),
        ("The KDP \u{2013} Iran talks began.", &["KDP"]),
        // الحزب الديمقراطي – إيران: the party of Iran; الحزب الديمقراطي قال: the party.
        ("\u{0627}\u{0644}\u{062d}\u{0632}\u{0628} \u{0627}\u{0644}\u{062f}\u{064a}\u{0645}\u{0642}\u{0631}\u{0627}\u{0637}\u{064a} \u{2013} \u{0625}\u{064a}\u{0631}\u{0627}\u{0646}", &[]),
        ("\u{0627}\u{0644}\u{062d}\u{0632}\u{0628} \u{0627}\u{0644}\u{062f}\u{064a}\u{0645}\u{0642}\u{0631}\u{0627}\u{0637}\u{064a} \u{0642}\u{0627}\u{0644}", &["\u{0627}\u{0644}\u{062d}\u{0632}\u{0628} \u{0627}\u{0644}\u{062f}\u{064a}\u{0645}\u{0642}\u{0631}\u{0627}\u{0637}\u{064a}"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_licensed_surname_after_the_persons_own_given_name_needs_no_full_mention() {
    let person = |id: &str, name: &str| {
        Entity::new(id, name, "PERSON", [], Meta::new())
            .unwrap()
            .with_partial(Some(Partial::Licensed))
    };
    let g = Gazetteer::from_entities([
        person("amiri", "Hadi al-Amiri"),
        person("shammari", "Abdul Amir al-Shammari"),
        person("mayahi", "Mohammed al-Mayahi"),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        // The given name and a father's name between: the person's own full name, longer.
        ("Hadi Farhan al-Amiri said", &["Hadi Farhan al-Amiri"]),
        ("General Abdul Amir Kamil al-Shammari said", &["Abdul Amir Kamil al-Shammari"]),
        // No given name of theirs before it: the surname alone still needs a full mention.
        ("Farhan al-Amiri said", &[]),
        // One of the commonest given names with a name of another between: anyone's.
        ("Mohammed Jassim al-Mayahi said", &[]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_short_form_after_another_given_name_is_a_sons_name() {
    let person = |id: &str, name: &str, aliases: &[&str]| {
        Entity::new(id, name, "PERSON", aliases.iter().map(|a| Alias::new(*a, None)), Meta::new())
            .unwrap()
    };
    let g = Gazetteer::from_entities([
        person("khazali", "Qais Hadi al-Khazali", &["Qais al-Khazali"]),
        person("maliki", "Riyad Nimr al-Maliki", &["رياض نمر المالكي"]),
        person("zaidi", "Shibl Muhsin al-Zaidi", &["شبل محسن الزيدي"]),
        person("hamad", "Hamad bin Khalifa Al Thani", &[]),
        person("kadhimi", "Mustafa Abdul Latif al-Kadhimi", &["مصطفى عبد اللطيف الكاظمي"]),
        person("salih", "Barham Salih", &["برهم صالح"]),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        // Another given name before the person's own: a son's name, the father's inside it.
        ("Later Muhannad Qais al-Khazali said", &[]),
        ("قال النائب أحمد رياض المالكي إن", &[]),
        // `bin` before the given name: the father of the man named before it.
        ("Tamim bin Hamad Al Thani said", &[]),
        // The given name alone before it, or a name's end before it: the person.
        ("Later Qais al-Khazali said", &["Qais al-Khazali"]),
        ("قال رياض المالكي إن", &["رياض المالكي"]),
        ("كلف الرئيس برهم صالح مصطفى الكاظمي بتشكيل", &["برهم صالح", "مصطفى الكاظمي"]),
        // `الإمام علي` before it is Imam Ali's name, a group's (`كتائب الإمام علي`).
        ("أمين عام كتائب الإمام علي شبل الزيدي", &["شبل الزيدي"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_hashd_brigades_number_with_an_army_division_after_it_is_the_armys() {
    let g = Gazetteer::from_entities([Entity::new(
        "kia",
        "Kata'ib al-Imam Ali",
        "MILITIA",
        [Alias::new("اللواء 40", None), Alias::new("40th Brigade", None)],
        Meta::new(),
    )
    .unwrap()])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("حلت محلها قطعات اللواء 40 من الفرقة العاشرة", &[]),
        ("the 40th Brigade of the 10th Division moved in", &[]),
        ("حلت محلها قطعات اللواء 40 في الحشد الشعبي", &["اللواء 40"]),
        ("the 40th Brigade moved in", &["40th Brigade"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_bases_bare_name_before_a_towns_noun_is_the_town() {
    let g = Gazetteer::from_entities([
        Entity::new(
            "balad",
            "Balad Air Base",
            "BASE",
            [Alias::new("Balad", None).with_ambiguous(Some(true))],
            Meta::new(),
        )
        .unwrap(),
        Entity::new("qaim", "al-Qaim border crossing", "BASE", [], Meta::new()).unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("Rockets hit Balad Air Base. Balad was quiet.", &["Balad Air Base", "Balad"]),
        // A noun of the town's own after it, or a mayor before it: the town.
        ("Rockets hit Balad Air Base. The Balad mayor said.", &["Balad Air Base"]),
        ("Rockets hit Balad Air Base. Balad district was quiet.", &["Balad Air Base"]),
        ("Rockets hit Balad Air Base. The mayor of Balad said.", &["Balad Air Base"]),
        (
            "Trucks left the al-Qaim border crossing. The al-Qaim mayor said.",
            &["al-Qaim border crossing"],
        ),
        (
            "Trucks left the al-Qaim border crossing. The mayor of al-Qaim said.",
            &["al-Qaim border crossing"],
        ),
        (
            "Trucks left the al-Qaim border crossing. Trucks queued at al-Qaim.",
            &["al-Qaim border crossing", "al-Qaim"],
        ),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn an_arabic_demonym_after_a_verb_of_meeting_or_telling_is_the_family_name() {
    let mut meta = Meta::new();
    meta.insert("country".into(), serde_json::json!("IQ"));
    let g = Gazetteer::from_entities([Entity::new(
        "sudani",
        "Mohammed Shia al-Sudani",
        "PERSON",
        [Alias::new("محمد شياع السوداني", None)],
        meta,
    )
    .unwrap()])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("اجتمع السوداني برئيس الجمهورية", &["السوداني"]),
        ("وأبلغ السوداني الرئيس الروسي", &["السوداني"]),
        ("وناقش السوداني مع الوفد", &["السوداني"]),
        // A verbal noun before it, or a noun it qualifies: the demonym.
        ("اجتماع السوداني والتركي", &[]),
        ("اجتمع الوفد السوداني", &[]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn an_outlets_noun_stays_before_another_entitys_name() {
    let media = || {
        let mut meta = Meta::new();
        meta.insert("kind".into(), serde_json::json!("media"));
        meta
    };
    let g = Gazetteer::from_entities([
        Entity::new(
            "radio",
            "Army Radio",
            "INSTITUTION",
            [Alias::new("إذاعة الجيش", None)],
            media(),
        )
        .unwrap(),
        Entity::new("army", "The Army", "INSTITUTION", [Alias::new("الجيش", None)], Meta::new())
            .unwrap(),
        Entity::new("mada", "Al-Mada", "INSTITUTION", [Alias::new("صحيفة المدى", None)], media())
            .unwrap(),
    ])
    .unwrap();
    for variants in [Layer::None, Layer::Default] {
        let t = Tagger::build(g.clone(), Options { variants, ..Options::default() }).unwrap();
        let cases: &[(&str, &[&str])] =
            &[("وقالت إذاعة الجيش إن", &["إذاعة الجيش"]), ("وقالت صحيفة المدى إن", &["المدى"])];
        for &(text, want) in cases {
            assert_eq!(surfaces(&t, text), want, "{variants:?}: {text:?}");
        }
    }
}

#[test]
fn a_name_the_text_gives_to_the_person_before_it_is_not_the_dictionarys() {
    let g = Gazetteer::from_entities([
        Entity::new(
            "abbas",
            "Mahmoud Abbas",
            "PERSON",
            [
                Alias::new("Abu Mazen", None),
                Alias::new("أبو مازن", None),
                Alias::new("محمود عباس", None),
            ],
            Meta::new(),
        )
        .unwrap(),
        Entity::new(
            "jubouri",
            "Ahmed Abdullah al-Jubouri",
            "PERSON",
            [Alias::new("أحمد عبد الله الجبوري", None)],
            Meta::new(),
        )
        .unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        // Given to the person named before it: not Abbas, here nor further on.
        (
            "Ahmed Abdullah al-Jubouri, known as Abu Mazen, won. Abu Mazen said.",
            &["Ahmed Abdullah al-Jubouri"],
        ),
        (
            "أحمد عبد الله الجبوري، المعروف بـ\"أبو مازن\"، فاز. وقال أبو مازن",
            &["أحمد عبد الله الجبوري"],
        ),
        ("أحمد عبد الله الجبوري الملقب بأبو مازن فاز", &["أحمد عبد الله الجبوري"]),
        // In brackets right after the name, quoted or not.
        ("أحمد عبد الله الجبوري («أبو مازن») فاز", &["أحمد عبد الله الجبوري"]),
        (
            "Ahmed Abdullah al-Jubouri (Abu Mazen) won. Abu Mazen said.",
            &["Ahmed Abdullah al-Jubouri"],
        ),
        // A bracket that closes before the name, or words in the bracket, give nothing.
        (
            "Ahmed Abdullah al-Jubouri (Anbar) and Abu Mazen met.",
            &["Ahmed Abdullah al-Jubouri", "Abu Mazen"],
        ),
        (
            "Ahmed Abdullah al-Jubouri (who met Abu Mazen) won.",
            &["Ahmed Abdullah al-Jubouri", "Abu Mazen"],
        ),
        // The person's own name, or no words that give it: the dictionary's.
        ("Mahmoud Abbas, known as Abu Mazen, spoke.", &["Mahmoud Abbas", "Abu Mazen"]),
        (
            "Ahmed Abdullah al-Jubouri won. Abu Mazen said.",
            &["Ahmed Abdullah al-Jubouri", "Abu Mazen"],
        ),
        ("Ahmed Abdullah al-Jubouri met Abu Mazen.", &["Ahmed Abdullah al-Jubouri", "Abu Mazen"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}

#[test]
fn a_shared_name_goes_to_the_country_of_the_sure_matches_in_its_sentence() {
    let body = |id: &str, name: &str, label: &str, aliases: Vec<Alias>, country: &str| {
        let mut meta = Meta::new();
        meta.insert("country".into(), serde_json::json!(country));
        Entity::new(id, name, label, aliases, meta).unwrap()
    };
    let g = Gazetteer::from_entities([
        body(
            "krg",
            "Kurdistan Region Security",
            "INSTITUTION",
            vec![Alias::new("Asayish", None)],
            "IQ",
        ),
        body(
            "nes",
            "Internal Security Forces",
            "INSTITUTION",
            vec![Alias::new("Asayish", None)],
            "SY",
        ),
        body("sdf", "Syrian Democratic Forces", "MILITIA", vec![Alias::new("SDF", None)], "SY"),
        body("pesh", "Peshmerga", "INSTITUTION", vec![], "IQ"),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("The SDF and the Asayish raided the camp.", &[("SDF", "sdf"), ("Asayish", "nes")]),
        ("The Peshmerga and the Asayish raided it.", &[("Peshmerga", "pesh"), ("Asayish", "krg")]),
        // No sure match in its sentence, or matches of both countries: the dictionary's order.
        ("The Asayish raided the camp. The SDF said so.", &[("Asayish", "krg"), ("SDF", "sdf")]),
        (
            "The SDF, the Peshmerga and the Asayish met.",
            &[("SDF", "sdf"), ("Peshmerga", "pesh"), ("Asayish", "krg")],
        ),
    ];
    assert_entities(&t, cases);
}

#[test]
fn a_name_in_full_wins_over_another_labels_short_form() {
    let meta = |kind: &str| {
        let mut meta = Meta::new();
        meta.insert("country".into(), serde_json::json!("IQ"));
        meta.insert("kind".into(), serde_json::json!(kind));
        if kind == "government" {
            meta.insert("affiliation".into(), serde_json::json!(["forces"]));
        }
        meta
    };
    let g = Gazetteer::from_entities([
        Entity::new(
            "commission",
            "Popular Mobilization Commission",
            "INSTITUTION",
            [Alias::new("هيئة الحشد الشعبي", None)],
            meta("government"),
        )
        .unwrap(),
        Entity::new(
            "forces",
            "Popular Mobilization Forces",
            "MILITIA",
            [Alias::new("الحشد الشعبي", None)],
            meta("armed-group"),
        )
        .unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        // The commission named elsewhere, or a body's cue word beside it: still the forces.
        (
            "قال رئيس هيئة الحشد الشعبي إن للحشد الشعبي دورا",
            &[("هيئة الحشد الشعبي", "commission"), ("لحشد الشعبي", "forces")],
        ),
        ("أقرت الحكومة قانون الحشد الشعبي", &[("الحشد الشعبي", "forces")]),
    ];
    assert_entities(&t, cases);
}

#[test]
fn a_communitys_word_is_no_short_form_nor_a_family_name_after_a_noun() {
    let g = Gazetteer::from_entities([
        Entity::new(
            "brigade",
            "Shabak Brigade",
            "MILITIA",
            [Alias::new("لواء الشبك", None)],
            Meta::new(),
        )
        .unwrap(),
        Entity::new(
            "rayan",
            "Rayan al-Kildani",
            "PERSON",
            [Alias::new("ريان الكلداني", None)],
            Meta::new(),
        )
        .unwrap(),
    ])
    .unwrap();
    let t = Tagger::build(g, Options::default()).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("اجتمع وجهاء من الشبك مع قائد لواء الشبك", &["لواء الشبك"]),
        ("قال ريان الكلداني إن المجلس القومي الكلداني رفض", &["ريان الكلداني"]),
        ("قال ريان الكلداني إن الكلداني سيعود", &["ريان الكلداني", "الكلداني"]),
        ("قال ريان الكلداني ثم التقى الكلداني الوفد", &["ريان الكلداني", "الكلداني"]),
    ];
    for &(text, want) in cases {
        assert_eq!(surfaces(&t, text), want, "{text:?}");
    }
}
