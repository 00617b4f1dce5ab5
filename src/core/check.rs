//! The dictionary check behind `gazetag check`: what in a gazetteer may cost precision.
//!
//! Owns the findings: aliases shared by several entities, aliases of different entities that
//! match each other after folding and variants, aliases that are English words or phrases,
//! aliases too short to be safe, and acronyms that should be marked ambiguous, with counts per
//! label. It reports; it changes nothing.

use std::collections::BTreeMap;

use super::error::Result;
use super::fold::fold_key;
use super::gazetteer::Gazetteer;
use super::matcher::{keeps_case, Options, Tagger};
use super::variants::{is_english_word, Layer, Rules};

/// Entities, aliases and generated keys of one label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelCount {
    /// Entities with the label.
    pub entities: usize,
    /// Their aliases, names included.
    pub aliases: usize,
    /// The automaton keys they make at the checked layer.
    pub keys: usize,
}

/// One alias in a finding: entity id, alias text, the key it was generated as, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The entity's id.
    pub id: String,
    /// The alias as written.
    pub alias: String,
    /// The folded key that collides.
    pub key: String,
    /// The rules that made the key (`exact`, `article+partial`).
    pub rule: String,
}

/// A finding about one alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasNote {
    /// The entity's id.
    pub id: String,
    /// The alias as written.
    pub alias: String,
    /// Why the alias may cost precision.
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
/// What `check` finds in a gazetteer.
pub struct Check {
    /// Counts per label.
    pub labels: BTreeMap<String, LabelCount>,
    /// Aliases that fold to the same text for several entities: every match is ambiguous.
    pub shared: Vec<Vec<Member>>,
    /// Aliases of several entities that meet only through variants or generated keys.
    pub collisions: Vec<Vec<Member>>,
    /// Aliases that are English words or made only of English words.
    pub english: Vec<AliasNote>,
    /// Aliases with too few letters to be safe.
    pub short: Vec<AliasNote>,
    /// Acronyms not marked ambiguous that have other common meanings (three letters or fewer,
    /// or an English word): marked `{"ambiguous": true}`, they match only where their text
    /// licenses them (README, rule 9).
    pub ambiguous: Vec<AliasNote>,
}

/// Whether an alias is written as an acronym: two to six letters or digits, the letters all
/// capitals, at least one letter (`KH`, `K1`, `PMF`, `ISIL`), dots and hyphens allowed.
fn is_acronym(text: &str) -> bool {
    let kept: Vec<char> = text.chars().filter(|c| !matches!(c, '.' | '-' | '&')).collect();
    let letters = kept.iter().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&kept.len())
        && letters >= 1
        && kept.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Checks a gazetteer as a tagger with `variants` would see it.
pub fn check(g: &Gazetteer, variants: Layer) -> Result<Check> {
    let tagger = Tagger::build(g.clone(), Options { variants, ..Options::default() })?;
    let entities = g.entities();
    let mut out = Check::default();
    let keys = tagger.keys_of_entities();
    for (e, k) in entities.iter().zip(keys) {
        let c = out.labels.entry(e.label().to_owned()).or_default();
        c.entities += 1;
        c.aliases += e.aliases.len();
        c.keys += k;
    }
    // One group per set of aliases: the one whose keys needed the fewest rules.
    type Group = Vec<(u32, u32, String, Rules)>;
    let mut best: BTreeMap<Vec<(u32, u32)>, (u32, Group)> = BTreeMap::new();
    for group in tagger.collisions() {
        let mut aliases: Vec<(u32, u32)> = group.iter().map(|m| (m.0, m.1)).collect();
        aliases.sort_unstable();
        aliases.dedup();
        let cost: u32 = group.iter().map(|m| m.3.count()).sum();
        match best.get(&aliases) {
            Some((c, _)) if *c <= cost => {}
            _ => {
                best.insert(aliases, (cost, group));
            }
        }
    }
    let mut groups: Vec<_> = best.into_values().map(|(_, g)| g).collect();
    groups.sort_by_key(|g| g.iter().map(|m| (m.0, m.1)).min());
    for group in groups {
        let members: Vec<Member> = group
            .into_iter()
            .map(|(ei, ai, key, rules)| {
                let e = &entities[ei as usize];
                Member {
                    id: e.id().to_owned(),
                    alias: e.aliases.at(ai as usize).text.to_owned(),
                    key,
                    rule: rules.describe(),
                }
            })
            .collect();
        let same = members.iter().all(|m| m.key == members[0].key && m.rule == "exact");
        if same {
            out.shared.push(members)
        } else {
            out.collisions.push(members)
        }
    }
    for e in entities {
        for a in &e.aliases {
            let key = fold_key(a.text, false);
            let words: Vec<&str> = key.split(' ').collect();
            let letters = key.chars().filter(|c| c.is_alphanumeric()).count();
            let latin = key.bytes().all(|b| b.is_ascii_lowercase() || b == b' ');
            let note = |reason: String| AliasNote {
                id: e.id().to_owned(),
                alias: a.text.to_owned(),
                reason,
            };
            if a.ambiguous != Some(true) && is_acronym(a.text) {
                let word = key.replace(' ', "");
                let reason = if is_english_word(&word) {
                    Some(format!("an acronym that is also the English word {word:?}"))
                } else if letters <= 3 {
                    Some(format!("an acronym of {letters} characters: it has many other meanings"))
                } else {
                    None
                };
                if let Some(reason) = reason {
                    out.ambiguous.push(note(format!(
                        "{reason}; mark it {{\"ambiguous\": true}} to match it only where the \
                         text names the entity otherwise or a cue word stands near it"
                    )));
                }
            }
            if keeps_case(e, a) {
                if letters <= 2 {
                    out.short.push(note(format!(
                        "{letters} letters: matches only in capitals, but also in all-caps text"
                    )));
                }
                continue;
            }
            if latin && words.len() == 1 && is_english_word(&key) {
                let reason = if a.case_sensitive == Some(false) {
                    "an English word, and case_sensitive is false: it matches lower-case text"
                } else {
                    "an English word: it matches only when capitalized"
                };
                out.english.push(note(reason.into()));
            } else if latin && words.len() > 1 && words.iter().all(|w| is_english_word(w)) {
                out.english.push(note("only English words: it matches in lower-case text".into()));
            } else if letters <= 3 {
                out.short.push(note(format!("{letters} letters and matches in any case")));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Alias, Entity, Meta, Options, Tagger};

    fn entity(id: &str, label: &str, name: &str, aliases: &[&str]) -> Entity {
        Entity::new(id, name, label, aliases.iter().map(|a| Alias::new(*a, None)), Meta::new())
            .unwrap()
    }

    #[test]
    fn findings() {
        let g = Gazetteer::from_entities([
            entity("kh", "MILITIA", "Kata'ib Hezbollah", &["KH", "Hezbollah Brigades"]),
            entity("hez", "MILITIA", "Hezbollah", &["Hizballah"]),
            entity("kh2", "PERSON", "Kamal Haddad", &["KH"]),
            entity("sons", "MILITIA", "Sons of the Desert", &["Awakening", "IS", "Abc"]),
            entity("q", "BASE", "Qayyarah Airfield", &[]),
            entity("q2", "BASE", "Qayara Airfield", &[]),
        ])
        .unwrap();
        let c = check(&g, Layer::Default).unwrap();
        // Keys: the militias' aliases and what the default layer generates from them, as the
        // tagger itself counts them.
        let militias: Vec<Entity> =
            g.entities().iter().filter(|e| e.label() == "MILITIA").cloned().collect();
        let tagger = Tagger::build(
            Gazetteer::from_entities(militias).unwrap(),
            Options { variants: Layer::Default, ..Options::default() },
        )
        .unwrap();
        let keys: usize = tagger.keys_of_entities().iter().sum();
        assert!(keys > 9, "the default layer generates keys: {keys}");
        assert_eq!(c.labels["MILITIA"], LabelCount { entities: 3, aliases: 9, keys });
        assert_eq!(c.labels["PERSON"].entities, 1);
        let ids = |groups: &[Vec<Member>]| -> Vec<Vec<(String, String)>> {
            groups
                .iter()
                .map(|g| g.iter().map(|m| (m.id.clone(), m.alias.clone())).collect())
                .collect()
        };
        assert_eq!(ids(&c.shared), [[("kh".into(), "KH".into()), ("kh2".into(), "KH".into())]]);
        let collided: Vec<Vec<(String, String)>> = ids(&c.collisions);
        assert!(
            collided.iter().any(|g| g.contains(&("q".into(), "Qayyarah Airfield".into()))
                && g.contains(&("q2".into(), "Qayara Airfield".into()))),
            "{collided:?}"
        );
        let english: Vec<(&str, &str)> =
            c.english.iter().map(|n| (n.alias.as_str(), n.reason.as_str())).collect();
        assert!(english
            .iter()
            .any(|(a, r)| *a == "Awakening" && r.contains("only when capitalized")));
        // An armed group's name of English words keeps its capitals: no lower-case finding.
        assert!(!english.iter().any(|(a, _)| *a == "Sons of the Desert"));
        let short: Vec<&str> = c.short.iter().map(|n| n.alias.as_str()).collect();
        assert_eq!(short, ["KH", "KH", "IS", "Abc"]);
        // Acronyms with other meanings are suggested as ambiguous; long ones, marked ones and
        // words in lower case are not.
        let ambiguous: Vec<&str> = c.ambiguous.iter().map(|n| n.alias.as_str()).collect();
        assert_eq!(ambiguous, ["KH", "KH", "IS"]);
        assert!(c.ambiguous[2].reason.contains("English word \"is\""));
        assert!(c.ambiguous[0].reason.contains("2 characters"));
    }

    #[test]
    fn english_phrases_of_state_bodies_match_in_lower_case() {
        let g = Gazetteer::from_entities([
            entity("moi", "INSTITUTION", "Ministry of Interior", &["Interior Ministry"]),
            entity("pb", "MILITIA", "Peace Brigades", &[]),
        ])
        .unwrap();
        let c = check(&g, Layer::Default).unwrap();
        let english: Vec<&str> = c.english.iter().map(|n| n.alias.as_str()).collect();
        assert_eq!(english, ["Ministry of Interior", "Interior Ministry"]);
    }

    #[test]
    fn acronyms() {
        let cases: &[(&str, bool)] = &[
            ("KH", true),
            ("K1", true),
            ("K-1", true),
            ("U.S.", true),
            ("ISIL", true),
            ("CJTF-OIR", false),
            ("HaN", false),
            ("Abc", false),
            ("11", false),
            ("X", false),
            ("كتائب", false),
        ];
        for &(text, expected) in cases {
            assert_eq!(is_acronym(text), expected, "{text}");
        }
        let marked = Entity::new(
            "kh",
            "Kata'ib Hezbollah",
            "MILITIA",
            [Alias { ambiguous: Some(true), ..Alias::new("KH", None) }, Alias::new("JAM", None)],
            Meta::new(),
        )
        .unwrap();
        let c = check(&Gazetteer::from_entities([marked]).unwrap(), Layer::Default).unwrap();
        let notes: Vec<(&str, &str)> =
            c.ambiguous.iter().map(|n| (n.alias.as_str(), n.reason.as_str())).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].0, "JAM");
        assert!(notes[0].1.contains("English word \"jam\""), "{notes:?}");
    }
}
