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
    /// Values that linked nothing because they are on a warning list.
    pub warned: Vec<(Kind, String)>,
    /// Values that linked nothing because they are common (past the cap).
    pub common: Vec<(Kind, String)>,
}

/// The index.
#[derive(Debug, Clone)]
pub struct CorrelationIndex {
    postings: HashMap<(Kind, String), Vec<Posting>>,
    sources: HashMap<(Kind, String), HashSet<String>>,
    warnings: HashSet<(Kind, String)>,
    common: HashSet<(Kind, String)>,
    cap: usize,
}

impl CorrelationIndex {
    /// An empty index; a value seen from more than `cap` distinct sources becomes common.
    pub fn new(cap: usize) -> CorrelationIndex {
        CorrelationIndex {
            postings: HashMap::new(),
            sources: HashMap::new(),
            warnings: HashSet::new(),
            common: HashSet::new(),
            cap,
        }
    }

    /// Adds canonical values to the warning list (one per line; `#` starts a comment).
    pub fn add_warnings(&mut self, kind: Kind, lines: &str) {
        for line in lines.lines() {
            let value = line.split('#').next().unwrap_or_default().trim();
            if !value.is_empty() {
                self.warnings.insert((kind, value.to_owned()));
            }
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

    /// Adds an item's indicators and returns the links it makes.
    pub fn add(&mut self, posting: &Posting, indicators: &[Extracted]) -> Added {
        let mut added = Added::default();
        let mut seen = HashSet::new();
        for indicator in indicators {
            let key = (indicator.kind, indicator.value.clone());
            if !seen.insert(key.clone()) {
                continue;
            }
            if self.warnings.contains(&key) {
                added.warned.push(key);
                continue;
            }
            let sources = self.sources.entry(key.clone()).or_default();
            sources.insert(posting.source.clone());
            if sources.len() > self.cap {
                self.common.insert(key.clone());
            }
            let postings = self.postings.entry(key.clone()).or_default();
            if self.common.contains(&key) {
                added.common.push(key.clone());
            } else {
                for earlier in postings.iter().filter(|p| p.item != posting.item) {
                    added.links.push(Link {
                        kind: key.0,
                        value: key.1.clone(),
                        earlier: earlier.item.clone(),
                        later: posting.item.clone(),
                        marking: Marking::strictest([earlier.marking, posting.marking]),
                    });
                }
            }
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
        let mut index = CorrelationIndex::new(50);
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
        let mut index = CorrelationIndex::new(50);
        index.add_warnings(
            Kind::Phone,
            "+443001232040 # Action Fraud\n+448001111 # example\n",
        );
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
            vec![(Kind::Phone, "+443001232040".to_owned())]
        );
    }

    #[test]
    fn a_value_past_the_cap_is_marked_common_and_stops_linking() {
        let mut index = CorrelationIndex::new(3);
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
        let mut index = CorrelationIndex::new(1_000);
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
