//! The correlation index: canonical value to postings (which item, from which source, under
//! which marking). Adding an item links it to every earlier item sharing a value, touching only
//! those values' postings, never comparing all pairs.
//!
//! Two guards against over-correlation (MISP's lesson): values on a warning list (999, 101,
//! banks' helplines, example domains) link nothing, and a value seen from more than `cap`
//! distinct sources is marked common and stops creating links.

use std::collections::{HashMap, HashSet};

use peel_core::Marking;

use crate::extract::Extracted;
use crate::normalise::Kind;
use crate::warning::WarningLists;

/// One place a value was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// The item (submission, notification or case), as `kind:id`.
    pub item: String,
    /// Who it came from (a channel, or an organisation).
    pub source: String,
    /// The item's marking; a link takes the stricter of its two ends.
    pub marking: Marking,
}

/// A link between two items that share a value, able to explain itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The kind of the shared value.
    pub kind: Kind,
    /// The shared canonical value.
    pub value: String,
    /// The earlier item.
    pub earlier: String,
    /// The new item.
    pub later: String,
    /// The strictest marking of the two.
    pub marking: Marking,
}

impl Link {
    /// The explanation shown to officers.
    pub fn explain(&self, earlier_source: &str, later_source: &str) -> String {
        format!(
            "{} and {} both contain the {} {} (from {} and {})",
            self.earlier,
            self.later,
            self.kind.slug().replace('_', " "),
            self.value,
            earlier_source,
            later_source
        )
    }
}

/// What adding an item did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// New links to earlier items.
    pub links: Vec<Link>,
    /// Values that linked nothing because they are on a warning list (with the list's name).
    pub warned: Vec<(Kind, String, String)>,
    /// Values that linked nothing because they are common (past the cap).
    pub common: Vec<(Kind, String)>,
}

/// What is known about one value just before an item holding it is added.
#[derive(Debug, Clone, Default)]
pub struct ValueState {
    /// Distinct sources that have sent it, this one included.
    pub sources: usize,
    /// Whether it was already marked common.
    pub common: bool,
    /// Where it was seen before.
    pub postings: Vec<Posting>,
}

/// What to do with one value of a new item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Link to these earlier items.
    Link(Vec<Link>),
    /// The value is common (past the cap): link nothing; `newly` when this item made it so.
    Common {
        /// Whether the value crossed the cap now.
        newly: bool,
    },
}

/// The one rule, used by the in-memory index and by the store: a value seen from more than
/// `cap` distinct sources is common and links nothing; otherwise the new item links to every
/// earlier item holding the value, under the stricter of the two markings.
pub fn decide(
    kind: Kind,
    value: &str,
    state: &ValueState,
    posting: &Posting,
    cap: usize,
) -> Decision {
    if state.common || state.sources > cap {
        return Decision::Common {
            newly: !state.common,
        };
    }
    Decision::Link(
        state
            .postings
            .iter()
            .filter(|p| p.item != posting.item)
            .map(|earlier| Link {
                kind,
                value: value.to_owned(),
                earlier: earlier.item.clone(),
                later: posting.item.clone(),
                marking: Marking::strictest([earlier.marking, posting.marking]),
            })
            .collect(),
    )
}

/// The index.
#[derive(Debug, Clone)]
pub struct CorrelationIndex {
    postings: HashMap<(Kind, String), Vec<Posting>>,
    sources: HashMap<(Kind, String), HashSet<String>>,
    warnings: WarningLists,
    common: HashSet<(Kind, String)>,
    cap: usize,
}

impl CorrelationIndex {
    /// An empty index; a value seen from more than `cap` distinct sources becomes common.
    pub fn new(cap: usize, warnings: WarningLists) -> CorrelationIndex {
        CorrelationIndex {
            postings: HashMap::new(),
            sources: HashMap::new(),
            warnings,
            common: HashSet::new(),
            cap,
        }
    }

    /// Whether a value is marked common.
    pub fn is_common(&self, kind: Kind, value: &str) -> bool {
        self.common.contains(&(kind, value.to_owned()))
    }

    /// Postings of a value.
    pub fn postings(&self, kind: Kind, value: &str) -> &[Posting] {
        self.postings
            .get(&(kind, value.to_owned()))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// How many distinct values are indexed.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }

    /// Adds an item's indicators and returns the links it makes.
    pub fn add(&mut self, posting: &Posting, indicators: &[Extracted]) -> Added {
        let mut added = Added::default();
        let mut seen = HashSet::new();
        for indicator in indicators {
            let key = (indicator.kind, indicator.value.clone());
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Some(list) = self.warnings.check(key.0, &key.1) {
                added.warned.push((key.0, key.1, list.to_owned()));
                continue;
            }
            let sources = self.sources.entry(key.clone()).or_default();
            sources.insert(posting.source.clone());
            let postings = self.postings.entry(key.clone()).or_default();
            let state = ValueState {
                sources: sources.len(),
                common: self.common.contains(&key),
                postings: std::mem::take(postings),
            };
            match decide(key.0, &key.1, &state, posting, self.cap) {
                Decision::Link(links) => added.links.extend(links),
                Decision::Common { .. } => {
                    self.common.insert(key.clone());
                    added.common.push(key);
                }
            }
            *postings = state.postings;
            postings.push(posting.clone());
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn posting(item: &str, source: &str, marking: Marking) -> Posting {
        Posting {
            item: item.into(),
            source: source.into(),
            marking,
        }
    }

    #[test]
    fn a_bank_notification_lights_up_the_report_naming_the_same_mule_account() {
        let mut index = CorrelationIndex::new(50, WarningLists::new());
        let report = extract("He asked Mum to pay 12-34-56 12345678", b"k");
        let notification = extract("mule account sort code 123456 account 1234 5678", b"k");
        assert!(
            index
                .add(&posting("submission:1", "web", Marking::Amber), &report)
                .links
                .is_empty()
        );
        let added = index.add(
            &posting("notification:9", "a-bank", Marking::AmberStrict),
            &notification,
        );
        assert_eq!(added.links.len(), 1);
        let link = &added.links[0];
        assert_eq!(
            (link.earlier.as_str(), link.later.as_str()),
            ("submission:1", "notification:9")
        );
        assert_eq!(link.marking, Marking::AmberStrict, "the stricter marking");
        let why = link.explain("web", "a-bank");
        assert!(
            why.contains("bank account 123456-12345678") && why.contains("a-bank"),
            "{why}"
        );
    }

    #[test]
    fn a_warning_listed_number_links_nothing() {
        let mut lists = WarningLists::new();
        lists
            .add_misp(
                r#"{"name":"UK public numbers","type":"string","list":["0300 123 2040"],
                    "matching_attributes":["phone-number"]}"#,
            )
            .unwrap();
        let mut index = CorrelationIndex::new(50, lists);
        let text = "They said to ring Action Fraud on 0300 123 2040";
        index.add(
            &posting("submission:1", "web", Marking::Green),
            &extract(text, b"k"),
        );
        let added = index.add(
            &posting("submission:2", "web", Marking::Green),
            &extract(text, b"k"),
        );
        assert!(added.links.is_empty());
        assert_eq!(
            added.warned,
            vec![(
                Kind::Phone,
                "+443001232040".to_owned(),
                "UK public numbers".to_owned()
            )]
        );
    }

    #[test]
    fn a_value_past_the_cap_is_marked_common_and_stops_linking() {
        let mut index = CorrelationIndex::new(3, WarningLists::new());
        let text = extract("visit https://popular.example.com", b"k");
        let mut last = Added::default();
        for source in 0..5 {
            last = index.add(
                &posting(
                    &format!("submission:{source}"),
                    &format!("source{source}"),
                    Marking::Green,
                ),
                &text,
            );
        }
        assert!(index.is_common(Kind::Url, "https://popular.example.com"));
        assert!(last.links.is_empty());
        assert!(
            last.common
                .contains(&(Kind::Url, "https://popular.example.com".to_owned()))
        );
    }

    #[test]
    fn linking_touches_only_the_shared_values_postings() {
        let mut index = CorrelationIndex::new(1_000, WarningLists::new());
        for i in 0..1_000 {
            let text = extract(&format!("call 07700 9{i:05}"), b"k");
            index.add(
                &posting(&format!("submission:{i}"), "web", Marking::Green),
                &text,
            );
        }
        let added = index.add(
            &posting("submission:new", "web", Marking::Green),
            &extract("call 07700 900042", b"k"),
        );
        assert_eq!(added.links.len(), 1);
        assert_eq!(added.links[0].earlier, "submission:42");
    }
}
