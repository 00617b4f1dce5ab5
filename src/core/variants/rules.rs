//! The vocabulary of variant matching: the layers a tagger, entity or alias can use, and the
//! sets of rules a match reports.

use serde::{Deserialize, Serialize};

/// How far a tagger, entity or alias goes beyond the core folding.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Only the core folding (case, accents, separators, joiners, Arabic letter forms).
    None,
    /// Articles, doubled letters, final -ah, joins and splits, partial names, proclitics, and
    /// vowel classes for entries that cannot be mistaken for English words.
    #[default]
    Default,
    /// Everything in `Default`, plus consonant classes and e/i alternation.
    Aggressive,
}

impl Layer {
    /// Every layer, narrowest first.
    pub const ALL: [Layer; 3] = [Layer::None, Layer::Default, Layer::Aggressive];

    /// The accepted names, for messages.
    pub const NAMES: &'static str = "\"none\", \"default\" or \"aggressive\"";

    /// The layer with this name.
    pub fn parse(name: &str) -> Option<Layer> {
        match name {
            "none" => Some(Layer::None),
            "default" => Some(Layer::Default),
            "aggressive" => Some(Layer::Aggressive),
            _ => None,
        }
    }

    /// The layer's name.
    pub fn name(self) -> &'static str {
        match self {
            Layer::None => "none",
            Layer::Default => "default",
            Layer::Aggressive => "aggressive",
        }
    }

    /// The rules this layer may use.
    pub fn rules(self) -> Rules {
        match self {
            Layer::None => Rules::EXACT,
            Layer::Default => Rules(
                Rules::ARTICLE.0
                    | Rules::DOUBLE.0
                    | Rules::FINAL_A.0
                    | Rules::JOIN.0
                    | Rules::VOWEL.0
                    | Rules::PARTIAL.0
                    | Rules::PROCLITIC.0,
            ),
            Layer::Aggressive => {
                Layer::Default.rules().with(Rules::CONSONANT).with(Rules::E_I).with(Rules::WORD)
            }
        }
    }
}

/// A set of variant rules; empty means `exact` (only the core folding was needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Rules(u16);

impl Rules {
    /// No rule: the core folding sufficed (reported as `exact`).
    pub const EXACT: Rules = Rules(0);
    /// The article al-/el-, joined, assimilated or absent.
    pub const ARTICLE: Rules = Rules(1);
    /// Doubled letters written single.
    pub const DOUBLE: Rules = Rules(1 << 1);
    /// A final -ah / -eh / -at written otherwise.
    pub const FINAL_A: Rules = Rules(1 << 2);
    /// Words joined or split (`Abu Mahdi` / `Abumahdi`).
    pub const JOIN: Rules = Rules(1 << 3);
    /// Vowel classes (`Suleimani` / `Soleimani`).
    pub const VOWEL: Rules = Rules(1 << 4);
    /// Part of a name (a surname alone, a title joined).
    pub const PARTIAL: Rules = Rules(1 << 5);
    /// Consonant classes (`Kazimi` / `Kadhimi`).
    pub const CONSONANT: Rules = Rules(1 << 6);
    /// e and i alternating.
    pub const E_I: Rules = Rules(1 << 7);
    /// Attached Arabic proclitics (`و`, `ل`, `لل`).
    pub const PROCLITIC: Rules = Rules(1 << 8);
    /// A group's or base's name cut down to one word (`Camp Taji` -> `Taji`, `Harakat
    /// Hezbollah al-Nujaba` -> `al-Nujaba`): that word is often a town, a given name or an
    /// ordinary word, so only the aggressive layer uses it.
    pub const WORD: Rules = Rules(1 << 9);
    /// An alias that means other things too matched because its text licensed it: the entity
    /// is named otherwise in the same text, or a cue word of its label stands in the sentence.
    pub const LICENSED: Rules = Rules(1 << 10);
    /// A body's name found without its country, which the words around it name (`Britain's
    /// Ministry of Defence` for the alias `British Ministry of Defence`).
    pub const COUNTRY: Rules = Rules(1 << 11);
    /// Cue words in the sentence decided the match: they licensed it (`Balad` near `base`) or
    /// chose its entity among candidates of different labels (`al-Taqaddum` handed over).
    pub const CUE: Rules = Rules(1 << 12);
    /// An ordinal of a list that shares its unit noun (`313th` of `the 313th, 314th and 315th
    /// Brigades`), matched as the sentence would name it alone.
    pub const LIST: Rules = Rules(1 << 13);
    /// The rules applied by the skeleton, to text and keys alike.
    pub const SKELETON: Rules = Rules(
        Rules::DOUBLE.0 | Rules::FINAL_A.0 | Rules::VOWEL.0 | Rules::CONSONANT.0 | Rules::E_I.0,
    );

    /// Every rule.
    pub const ALL: Rules = Rules((1 << 14) - 1);

    /// Names in the order they are reported.
    const NAMED: [(Rules, &'static str); 14] = [
        (Rules::ARTICLE, "article"),
        (Rules::DOUBLE, "double"),
        (Rules::FINAL_A, "final-a"),
        (Rules::JOIN, "join"),
        (Rules::VOWEL, "vowel"),
        (Rules::PARTIAL, "partial"),
        (Rules::CONSONANT, "consonant"),
        (Rules::E_I, "e-i"),
        (Rules::PROCLITIC, "proclitic"),
        (Rules::WORD, "word"),
        (Rules::LICENSED, "licensed"),
        (Rules::COUNTRY, "country"),
        (Rules::CUE, "cue"),
        (Rules::LIST, "list"),
    ];

    /// The set with the given bits (as [`Rules::bits`] returns them); unknown bits are dropped.
    pub const fn from_bits(bits: u16) -> Rules {
        Rules(bits & Rules::ALL.0)
    }

    /// The set as bits, one per rule: a compact key for tables of rule sets.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// How many rules the set holds: the cost of a match, fewer being better.
    pub const fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// The set less the rules of `other`.
    pub const fn without(self, other: Rules) -> Rules {
        Rules(self.0 & !other.0)
    }

    /// The single rules in the set, in bit order.
    pub fn each(self) -> impl Iterator<Item = Rules> {
        (0..16).map(|b| Rules(1 << b)).filter(move |r| self.contains(*r))
    }

    /// Both sets.
    pub fn with(self, other: Rules) -> Rules {
        Rules(self.0 | other.0)
    }

    /// The rules in both sets.
    pub fn and(self, other: Rules) -> Rules {
        Rules(self.0 & other.0)
    }

    /// Whether every rule of `other` is in the set.
    pub fn contains(self, other: Rules) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the set is empty (the match is `exact`).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The rule names, in report order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Rules::NAMED.into_iter().filter(move |(r, _)| self.contains(*r)).map(|(_, n)| n)
    }

    /// `exact`, or the names joined by `+` (`article+double`).
    pub fn describe(self) -> String {
        if self.is_empty() {
            return "exact".to_owned();
        }
        self.names().collect::<Vec<_>>().join("+")
    }
}
