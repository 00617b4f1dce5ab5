//! Linking names without text: a name from a spreadsheet column or a report's list is read
//! as a text of its own, and the entity it denotes is the match that covers all of it.
//!
//! Promises: a name links under exactly the folding, variant and case rules of the tagger it
//! is linked with (the same [`Tagger::tag_traced`] call that `explain` makes), so a name links
//! where the same words in a text would match. What is around the words may be punctuation or
//! spaces (`"KH."`, `"(PMF)"`), no letters or digits.

use super::error::Result;
use super::matcher::Tagger;
use super::variants::Rules;

/// How a name relates to the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStatus {
    /// The whole name is one entity's alias, or a spelling of it.
    Linked,
    /// The whole name matches, and several entities share that alias; the tagger's pick first.
    Ambiguous,
    /// The whole name is an alias that a rule reading the context turned down on its own (an
    /// ambiguous acronym without its licence, an English word in lower case): the entities
    /// are candidates.
    Rejected,
    /// Only part of the name matches (`General Qasem Soleimani's office`): the entities found
    /// in it are candidates.
    Partial,
    /// Nothing in the name matches.
    Unknown,
}

impl LinkStatus {
    /// The status's name, as Python shows it.
    pub fn name(self) -> &'static str {
        match self {
            LinkStatus::Linked => "linked",
            LinkStatus::Ambiguous => "ambiguous",
            LinkStatus::Rejected => "rejected",
            LinkStatus::Partial => "partial",
            LinkStatus::Unknown => "unknown",
        }
    }
}

/// What a name denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// How the name relates to the gazetteer.
    pub status: LinkStatus,
    /// The entity (index into the gazetteer) it denotes: with `Linked` and `Ambiguous` only.
    pub entity: Option<u32>,
    /// The entity and alias of the first candidate, with the rules that matched the spelling.
    pub alias: Option<(u32, u32, Rules)>,
    /// Every entity the name may denote, the likeliest first.
    pub candidates: Vec<u32>,
    /// With `Rejected`: the context rule that turned the name down (`licence`, `capital`, ...).
    pub rejected: Option<&'static str>,
}

/// What `name` denotes under `tagger`'s rules.
pub fn link(tagger: &Tagger, name: &str) -> Result<Link> {
    let (tagged, rejections) = tagger.tag_traced(name)?;
    let whole = |start: usize, end: usize| {
        !name[..start].chars().any(char::is_alphanumeric)
            && !name[end..].chars().any(char::is_alphanumeric)
    };
    let unique = |entities: &mut Vec<u32>| {
        let mut seen = std::collections::HashSet::new();
        entities.retain(|e| seen.insert(*e));
    };
    if let Some(m) = tagged.matches.iter().find(|m| whole(m.byte_start, m.byte_end)) {
        let candidates = tagged.candidates(m).to_vec();
        let status = if candidates.len() > 1 { LinkStatus::Ambiguous } else { LinkStatus::Linked };
        return Ok(Link {
            status,
            entity: Some(m.entity),
            alias: Some((m.entity, m.alias, m.rules)),
            candidates,
            rejected: None,
        });
    }
    // A name on its own is all capitals when it is an acronym (`PMF`), and in running text an
    // acronym in an all-capitals passage (a headline) waits for a licence: a list of names is
    // no headline, so an acronym the dictionary does not mark ambiguous links.
    let entities = tagger.gazetteer().entities();
    let plain_acronym = |r: &super::matcher::Rejection| {
        let (e, a) = tagger.target_of(r.target);
        r.reason == "licence" && !entities[e as usize].aliases.at(a as usize).is_ambiguous()
    };
    let acronyms: Vec<_> =
        rejections.iter().filter(|r| whole(r.byte_start, r.byte_end) && plain_acronym(r)).collect();
    if let Some(first) = acronyms.first() {
        let (entity, alias) = tagger.target_of(first.target);
        let mut candidates: Vec<u32> =
            acronyms.iter().map(|r| tagger.target_of(r.target).0).collect();
        unique(&mut candidates);
        let status = if candidates.len() > 1 { LinkStatus::Ambiguous } else { LinkStatus::Linked };
        return Ok(Link {
            status,
            entity: Some(entity),
            alias: Some((entity, alias, first.rules)),
            candidates,
            rejected: None,
        });
    }
    let turned_down: Vec<_> =
        rejections.iter().filter(|r| whole(r.byte_start, r.byte_end)).collect();
    if let Some(first) = turned_down.first() {
        let (entity, alias) = tagger.target_of(first.target);
        let mut candidates: Vec<u32> =
            turned_down.iter().map(|r| tagger.target_of(r.target).0).collect();
        unique(&mut candidates);
        return Ok(Link {
            status: LinkStatus::Rejected,
            entity: None,
            alias: Some((entity, alias, first.rules)),
            candidates,
            rejected: Some(first.reason),
        });
    }
    if let Some(first) = tagged.matches.first() {
        let mut candidates: Vec<u32> = tagged.matches.iter().map(|m| m.entity).collect();
        unique(&mut candidates);
        return Ok(Link {
            status: LinkStatus::Partial,
            entity: None,
            alias: Some((first.entity, first.alias, first.rules)),
            candidates,
            rejected: None,
        });
    }
    Ok(Link {
        status: LinkStatus::Unknown,
        entity: None,
        alias: None,
        candidates: Vec::new(),
        rejected: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Alias, Entity, Gazetteer, Meta, Options};

    fn tagger() -> Tagger {
        let e = |id: &str, name: &str, aliases: &[Alias]| {
            Entity::new(id, name, "L", aliases.iter().cloned(), Meta::new()).unwrap()
        };
        let g = Gazetteer::from_entities([
            e("kh", "Kata'ib Hezbollah", &[Alias::new("KH", None)]),
            e("soleimani", "Qasem Soleimani", &[]),
            e(
                "isi",
                "Islamic State of Iraq",
                &[Alias::new("ISI", None).with_ambiguous(Some(true))],
            ),
            e(
                "isi-pk",
                "Inter-Services Intelligence",
                &[Alias::new("ISI", None).with_ambiguous(Some(true))],
            ),
            e("badr-a", "Badr Organization", &[Alias::new("Badr", None)]),
            e("badr-b", "Badr Brigade", &[Alias::new("Badr", None)]),
        ])
        .unwrap();
        Tagger::build(g, Options::default()).unwrap()
    }

    #[test]
    fn names_link_under_the_taggers_rules() {
        let t = tagger();
        let ids = |l: &Link| -> Vec<String> {
            l.candidates
                .iter()
                .map(|&e| t.gazetteer().entities()[e as usize].id().to_owned())
                .collect()
        };
        // (name, status, entity, candidates, rule)
        type Case<'a> = (&'a str, LinkStatus, Option<&'a str>, &'a [&'a str], &'a str);
        let cases: &[Case] = &[
            ("Kata'ib Hezbollah", LinkStatus::Linked, Some("kh"), &["kh"], "exact"),
            ("  Kataib Hezbollah. ", LinkStatus::Linked, Some("kh"), &["kh"], ""),
            ("(KH)", LinkStatus::Linked, Some("kh"), &["kh"], "exact"),
            ("Qassem Suleimani", LinkStatus::Linked, Some("soleimani"), &["soleimani"], ""),
            ("Badr", LinkStatus::Ambiguous, None, &["badr-a", "badr-b"], "exact"),
            ("ISI", LinkStatus::Rejected, None, &["isi", "isi-pk"], "licensed"),
            ("General Qasem Soleimani", LinkStatus::Partial, None, &["soleimani"], "exact"),
            ("KH and Badr", LinkStatus::Partial, None, &["kh", "badr-a"], "exact"),
            ("kh", LinkStatus::Unknown, None, &[], ""),
            ("", LinkStatus::Unknown, None, &[], ""),
        ];
        for &(name, status, entity, candidates, rule) in cases {
            let l = link(&t, name).unwrap();
            assert_eq!(l.status, status, "{name:?}: {l:?}");
            if let Some(entity) = entity {
                assert_eq!(t.gazetteer().entities()[l.entity.unwrap() as usize].id(), entity);
            }
            assert_eq!(ids(&l), candidates, "{name:?}");
            if !rule.is_empty() {
                assert_eq!(l.alias.unwrap().2.describe(), rule, "{name:?}");
            }
        }
        assert_eq!(link(&t, "ISI").unwrap().rejected, Some("licence"));
        // An acronym alone is no all-capitals headline: it links unless marked ambiguous.
        let g = Gazetteer::from_entities([Entity::new(
            "pmf",
            "Popular Mobilization Forces",
            "L",
            [Alias::new("PMF", None)],
            Meta::new(),
        )
        .unwrap()])
        .unwrap();
        let pmf = Tagger::build(g, Options::default()).unwrap();
        assert_eq!(link(&pmf, "PMF").unwrap().status, LinkStatus::Linked);
        assert_eq!(link(&pmf, "PMF").unwrap().entity, Some(0));
        assert_ne!(link(&t, "Qassem Suleimani").unwrap().alias.unwrap().2.describe(), "exact");
    }
}
