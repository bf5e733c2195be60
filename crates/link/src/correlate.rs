//! The correlation index: canonical value to postings (which item, from which source, under
//! which marking). Adding an item links it to every earlier item sharing a value, touching only
//! those values' postings, never comparing all pairs.
//!
//! Two guards against over-correlation (MISP's lesson): values on a warning list (999, 101,
//! banks' helplines, example domains) link nothing, and a value seen from more than `cap`
//! distinct sources is marked common and stops creating links.

use std::collections::HashMap;
use std::sync::Arc;

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
    /// The shared canonical value (shared, not copied, across the links it makes).
    pub value: Arc<str>,
    /// The earlier item.
    pub earlier: Arc<str>,
    /// The new item.
    pub later: Arc<str>,
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
    /// Where it was seen before: the latest posting of each source.
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

/// Whether a value is common: it already was, or it has now been seen from more than `cap`
/// distinct sources. The one over-correlation rule, used by [`decide`] and by the index.
pub fn is_common(sources: usize, already: bool, cap: usize) -> bool {
    already || sources > cap
}

/// The one linking rule, used by the store and by the index. A value keeps one posting per
/// source, the latest: a new item links to each of them (its own source's included), so one
/// organisation sending the same mule account a thousand times makes a chain of links rather
/// than half a million, and an item links to at most `cap` others through any one value. Each
/// source's earlier items are reached through its chain. A common value links nothing. Links
/// carry the stricter of the two markings.
pub fn decide(
    kind: Kind,
    value: &str,
    state: &ValueState,
    posting: &Posting,
    cap: usize,
) -> Decision {
    if is_common(state.sources, state.common, cap) {
        return Decision::Common {
            newly: !state.common,
        };
    }
    let (value, later): (Arc<str>, Arc<str>) = (value.into(), posting.item.as_str().into());
    Decision::Link(
        state
            .postings
            .iter()
            .filter(|p| p.item != posting.item)
            .map(|earlier| Link {
                kind,
                value: value.clone(),
                earlier: earlier.item.as_str().into(),
                later: later.clone(),
                marking: Marking::strictest([earlier.marking, posting.marking]),
            })
            .collect(),
    )
}

/// Names interned to small numbers.
#[derive(Debug, Clone, Default)]
struct Names {
    ids: HashMap<Arc<str>, u32, std::hash::BuildHasherDefault<Prehashed>>,
    names: Vec<Arc<str>>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let shared: Arc<str> = name.into();
        self.names.push(shared.clone());
        self.ids.insert(shared, id);
        id
    }

    fn name(&self, id: u32) -> Arc<str> {
        self.names
            .get(id as usize)
            .cloned()
            .unwrap_or_else(|| "".into())
    }
}

/// One posting, compactly: item and source numbers and the marking.
#[derive(Debug, Clone, Copy)]
struct Compact {
    item: u32,
    source: u32,
    marking: Marking,
}

/// A value's latest posting from each source and whether it is common. The value's text lives
/// in the index's arena; the first posting is held inline, since most values are seen once.
#[derive(Debug, Clone)]
struct Entry {
    kind: Kind,
    start: u32,
    len: u32,
    first: Compact,
    more: Vec<Compact>,
    common: bool,
}

impl Entry {
    fn postings(&self) -> impl Iterator<Item = &Compact> + Clone {
        std::iter::once(&self.first).chain(&self.more)
    }

    fn sources(&self) -> usize {
        1 + self.more.len()
    }

    /// Makes `posting` its source's latest.
    fn replace_or_push(&mut self, posting: Compact) {
        if self.first.source == posting.source {
            self.first = posting;
        } else if let Some(p) = self.more.iter_mut().find(|p| p.source == posting.source) {
            *p = posting;
        } else {
            self.more.push(posting);
        }
    }
}

/// A hasher for keys that are already hashes.
#[derive(Debug, Clone, Copy, Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type PrehashedMap = HashMap<u64, u32, std::hash::BuildHasherDefault<Prehashed>>;

/// A 64-bit hash of a kind and value (FxHash's mixing, eight bytes at a time).
fn key_hash(kind: Kind, value: &str) -> u64 {
    let mut h = (kind as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut chunks = value.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0_u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^ (h >> 29)
}

/// The in-memory index. Values are found by a 64-bit hash (a different value with the same
/// hash goes to a side map, so a collision never merges two values); items and sources are
/// interned, so a posting is twelve bytes; adding an item touches only its own values' postings.
#[derive(Debug, Clone)]
pub struct CorrelationIndex {
    by_hash: PrehashedMap,
    collided: HashMap<(Kind, Box<str>), u32>,
    entries: Vec<Entry>,
    arena: String,
    items: Names,
    sources: Names,
    warnings: WarningLists,
    cap: usize,
}

impl CorrelationIndex {
    /// An empty index; a value seen from more than `cap` distinct sources becomes common.
    pub fn new(cap: usize, warnings: WarningLists) -> CorrelationIndex {
        CorrelationIndex::with_capacity(cap, warnings, 0)
    }

    /// An empty index with room for `values` distinct values.
    pub fn with_capacity(cap: usize, warnings: WarningLists, values: usize) -> CorrelationIndex {
        CorrelationIndex {
            by_hash: PrehashedMap::with_capacity_and_hasher(values, Default::default()),
            collided: HashMap::new(),
            entries: Vec::with_capacity(values),
            arena: String::with_capacity(values * 16),
            items: Names::default(),
            sources: Names::default(),
            warnings,
            cap,
        }
    }

    fn find(&self, kind: Kind, value: &str) -> Option<u32> {
        let at = *self.by_hash.get(&key_hash(kind, value))?;
        let entry = self.entries.get(at as usize)?;
        if entry.kind == kind && self.text(entry) == value {
            Some(at)
        } else {
            self.collided.get(&(kind, Box::from(value))).copied()
        }
    }

    fn text(&self, entry: &Entry) -> &str {
        self.arena
            .get(entry.start as usize..(entry.start + entry.len) as usize)
            .unwrap_or_default()
    }

    fn entry(&self, kind: Kind, value: &str) -> Option<&Entry> {
        self.find(kind, value)
            .and_then(|at| self.entries.get(at as usize))
    }

    /// Adds a posting to a value, making the value's entry if it is new. Returns the entry's
    /// position and whether it is new.
    fn post(&mut self, kind: Kind, value: &str, posting: Compact) -> Option<(u32, bool)> {
        if let Some(at) = self.find(kind, value) {
            return Some((at, false));
        }
        let at = u32::try_from(self.entries.len()).ok()?;
        let start = u32::try_from(self.arena.len()).ok()?;
        self.arena.push_str(value);
        self.entries.push(Entry {
            kind,
            start,
            len: u32::try_from(value.len()).ok()?,
            first: posting,
            more: Vec::new(),
            common: false,
        });
        match self.by_hash.entry(key_hash(kind, value)) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert((kind, value.into()), at);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
        Some((at, true))
    }

    /// Whether a value is marked common.
    pub fn is_common(&self, kind: Kind, value: &str) -> bool {
        self.entry(kind, value).is_some_and(|e| e.common)
    }

    /// The latest posting of each source of a value.
    pub fn postings(&self, kind: Kind, value: &str) -> Vec<Posting> {
        self.entry(kind, value)
            .map(|e| {
                e.postings()
                    .map(|p| Posting {
                        item: self.items.name(p.item).to_string(),
                        source: self.sources.name(p.source).to_string(),
                        marking: p.marking,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many distinct values are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an item's indicators and returns the links it makes.
    pub fn add(&mut self, posting: &Posting, indicators: &[Extracted]) -> Added {
        let mut added = Added::default();
        let item = self.items.id(&posting.item);
        let later = self.items.name(item);
        let source = self.sources.id(&posting.source);
        let mut seen: Vec<(Kind, &str)> = Vec::with_capacity(indicators.len());
        for indicator in indicators {
            let (kind, value) = (indicator.kind, indicator.value.as_str());
            if seen.contains(&(kind, value)) {
                continue;
            }
            seen.push((kind, value));
            if let Some(list) = self.warnings.check(kind, value) {
                added.warned.push((kind, value.to_owned(), list.to_owned()));
                continue;
            }
            let compact = Compact {
                item,
                source,
                marking: posting.marking,
            };
            let Some((at, new)) = self.post(kind, value, compact) else {
                continue;
            };
            if new {
                // Seen for the first time: nothing to link to, and one source is never common.
                if is_common(1, false, self.cap) {
                    if let Some(entry) = self.entries.get_mut(at as usize) {
                        entry.common = true;
                    }
                    added.common.push((kind, value.to_owned()));
                }
                continue;
            }
            let cap = self.cap;
            let Some(entry) = self.entries.get_mut(at as usize) else {
                continue;
            };
            if entry.common {
                added.common.push((kind, value.to_owned()));
                continue;
            }
            let sources =
                entry.sources() + usize::from(!entry.postings().any(|p| p.source == source));
            let linked: Vec<Compact> = if is_common(sources, false, cap) {
                // Past the cap: marked common, and its postings are no longer needed.
                entry.common = true;
                entry.more = Vec::new();
                added.common.push((kind, value.to_owned()));
                Vec::new()
            } else {
                let linked = entry
                    .postings()
                    .filter(|p| p.item != item)
                    .copied()
                    .collect();
                entry.replace_or_push(compact);
                linked
            };
            if linked.is_empty() {
                continue;
            }
            let shared: Arc<str> = value.into();
            for earlier in linked {
                added.links.push(Link {
                    kind,
                    value: shared.clone(),
                    earlier: self.items.name(earlier.item),
                    later: later.clone(),
                    marking: Marking::strictest([earlier.marking, posting.marking]),
                });
            }
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
            (&*link.earlier, &*link.later),
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
    fn one_source_repeating_a_value_makes_a_chain_and_others_link_to_its_latest() {
        let mut index = CorrelationIndex::new(50, WarningLists::new());
        let text = extract("mule account 12-34-56 12345678", b"k");
        for i in 0..4 {
            let added = index.add(
                &posting(&format!("notification:{i}"), "a-bank", Marking::Amber),
                &text,
            );
            let expected: Vec<String> = if i == 0 {
                Vec::new()
            } else {
                vec![format!("notification:{}", i - 1)]
            };
            let got: Vec<String> = added.links.iter().map(|l| l.earlier.to_string()).collect();
            assert_eq!(got, expected, "the bank's own notifications chain");
        }
        let added = index.add(
            &posting("submission:r", "reporter:ann", Marking::Amber),
            &text,
        );
        let got: Vec<&str> = added.links.iter().map(|l| &*l.earlier).collect();
        assert_eq!(
            got,
            vec!["notification:3"],
            "a report from another source links to the bank's latest, which chains to the rest"
        );
        // The store's rule picks the same from the same state.
        let state = ValueState {
            sources: 2,
            common: false,
            postings: index.postings(Kind::BankAccount, "123456-12345678"),
        };
        let Decision::Link(links) = decide(
            Kind::BankAccount,
            "123456-12345678",
            &state,
            &posting("notification:9", "a-bank", Marking::Amber),
            50,
        ) else {
            panic!("not common")
        };
        let got: Vec<&str> = links.iter().map(|l| &*l.earlier).collect();
        assert_eq!(got, vec!["notification:3", "submission:r"]);
    }

    #[test]
    fn two_values_with_one_hash_stay_apart() {
        let mut index = CorrelationIndex::new(50, WarningLists::new());
        let a = extract("call 07700 900001", b"k");
        index.add(&posting("submission:1", "web", Marking::Green), &a);
        // Pretend the second value's hash is the first's.
        let b = extract("call 07700 900002", b"k");
        index.by_hash.insert(key_hash(Kind::Phone, &b[0].value), 0);
        let added = index.add(&posting("submission:2", "web", Marking::Green), &b);
        assert!(
            added.links.is_empty(),
            "a collision must not link different values"
        );
        assert_eq!(index.len(), 2);
        let again = index.add(&posting("submission:3", "web", Marking::Green), &b);
        assert_eq!(again.links.len(), 1);
        assert_eq!(&*again.links[0].earlier, "submission:2");
        assert_eq!(index.postings(Kind::Phone, &a[0].value).len(), 1);
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
        assert_eq!(&*added.links[0].earlier, "submission:42");
    }
}
