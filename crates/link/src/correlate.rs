//! The correlation index and the one linking rule: a value to its latest sighting from each
//! source. Adding an item's value links it to every earlier item holding that value, touching
//! only that value's sightings, never comparing all pairs. The store keeps one of these in
//! memory as its mirror of the value index; `peel bench correlate` measures the same code.
//!
//! Two guards against over-correlation (MISP's lesson): values on a warning list (999, 101,
//! banks' helplines, example domains) are set aside by the caller before they get here, and a
//! value seen from more than `cap` distinct sources is marked common and stops linking.
//!
//! Hand-rolled for speed and memory, as BENCHMARKS.md measures against a map of strings: values
//! are found by a 64-bit hash (a different value with the same hash goes to a side map, so a
//! collision never merges two values), their text lives in one arena, and items, sources and
//! places are interned, so a sighting is 24 bytes and holds no allocation.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash};

use peel_core::{ItemRef, Marking, Source};

use crate::normalise::Kind;

/// Where one item saw a value.
#[derive(Debug, Clone, Copy)]
pub struct Sighting<'a> {
    /// The item.
    pub item: ItemRef,
    /// Who it came from.
    pub source: &'a Source,
    /// The item's marking; a link takes the stricter of its two ends.
    pub marking: Marking,
    /// Where in the item the value was found, in words (`what happened, characters 12 to 26`).
    pub found_in: &'a str,
    /// When, in microseconds since the epoch: a source's latest sighting is the one kept, and
    /// an older one arriving late never replaces a newer.
    pub at: i64,
}

/// An earlier item that a new sighting links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earlier {
    /// The earlier item.
    pub item: ItemRef,
    /// Who it came from ([`CorrelationIndex::source`] names it).
    pub source: SourceId,
    /// Where it held the value ([`CorrelationIndex::place`] names it).
    pub found_in: PlaceId,
    /// The link's marking: the stricter of the two items'.
    pub marking: Marking,
}

/// A source, interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceId(u32);

/// A place within an item (`found_in`), interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlaceId(u32);

/// What adding a sighting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Linked to the earlier items pushed onto the caller's list (none when the value is new).
    Linked,
    /// The value is common (past the cap) and linked nothing.
    Common {
        /// Whether this sighting made it so.
        newly: bool,
        /// The distinct sources counted when it crossed the cap (this one included).
        sources: usize,
    },
}

/// Whether a value is common: it already was, or it has now been seen from more than `cap`
/// distinct sources. The one over-correlation rule.
pub fn is_common(sources: usize, already: bool, cap: usize) -> bool {
    already || sources > cap
}

/// A hasher for keys that are already hashes, and FxHash's mixing for small keys.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prehashed(u64);

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
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type Fast = BuildHasherDefault<Prehashed>;

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

/// Values interned to small numbers.
#[derive(Debug, Clone)]
struct Interner<T> {
    ids: HashMap<T, u32, Fast>,
    values: Vec<T>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            ids: HashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<T: Hash + Eq + Clone> Interner<T> {
    fn id_of<Q>(&mut self, value: &Q) -> u32
    where
        T: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = T> + ?Sized,
    {
        if let Some(id) = self.ids.get(value) {
            return *id;
        }
        let id = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        let owned = value.to_owned();
        self.values.push(owned.clone());
        self.ids.insert(owned, id);
        id
    }

    fn get(&self, id: u32) -> Option<&T> {
        self.values.get(id as usize)
    }
}

/// One sighting, compactly.
#[derive(Debug, Clone, Copy)]
struct Compact {
    at: i64,
    item: u32,
    source: u32,
    place: u32,
    marking: Marking,
}

/// A value's latest sighting from each source and whether it is common. The value's text lives
/// in the index's arena; the first sighting is held inline, since most values are seen once.
#[derive(Debug, Clone)]
struct Entry {
    start: u32,
    len: u32,
    kind: Kind,
    common: bool,
    first: Compact,
    more: Vec<Compact>,
}

impl Entry {
    fn sightings(&self) -> impl Iterator<Item = &Compact> {
        std::iter::once(&self.first).chain(&self.more)
    }

    /// The sources counted towards the cap: those whose latest sighting is not TLP:RED. A RED
    /// source must never change what anyone else sees (a value turning common is shown to
    /// every reader of a link), so RED sightings link but are never counted (finding I-6).
    fn counted_sources(&self) -> usize {
        self.sightings()
            .filter(|p| p.marking != Marking::Red)
            .count()
    }

    /// Makes `sighting` its source's latest, unless that source already has a later one.
    fn post(&mut self, sighting: Compact) {
        let slot = if self.first.source == sighting.source {
            Some(&mut self.first)
        } else {
            self.more.iter_mut().find(|p| p.source == sighting.source)
        };
        match slot {
            Some(slot) if slot.at <= sighting.at => *slot = sighting,
            Some(_) => {}
            None => self.more.push(sighting),
        }
    }
}

/// The index of values to their latest sighting per source.
#[derive(Debug, Clone)]
pub struct CorrelationIndex {
    by_hash: HashMap<u64, u32, Fast>,
    collided: HashMap<(Kind, Box<str>), u32>,
    entries: Vec<Entry>,
    arena: String,
    items: Interner<ItemRef>,
    sources: Interner<Source>,
    places: Interner<String>,
    cap: usize,
}

impl CorrelationIndex {
    /// An empty index; a value seen from more than `cap` distinct sources becomes common.
    pub fn new(cap: usize) -> CorrelationIndex {
        CorrelationIndex::with_capacity(cap, 0)
    }

    /// An empty index with room for `values` distinct values.
    pub fn with_capacity(cap: usize, values: usize) -> CorrelationIndex {
        CorrelationIndex {
            by_hash: HashMap::with_capacity_and_hasher(values, Fast::default()),
            collided: HashMap::new(),
            entries: Vec::with_capacity(values),
            arena: String::with_capacity(values * 16),
            items: Interner::default(),
            sources: Interner::default(),
            places: Interner::default(),
            cap,
        }
    }

    /// Changes the cap for what is added from now on; values already common stay common.
    pub fn set_cap(&mut self, cap: usize) {
        self.cap = cap;
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

    fn compact(&mut self, sighting: &Sighting<'_>) -> Compact {
        Compact {
            at: sighting.at,
            item: self.items.id_of(&sighting.item),
            source: self.sources.id_of(sighting.source),
            place: self.places.id_of(sighting.found_in),
            marking: sighting.marking,
        }
    }

    /// A new entry for a value not yet indexed; `None` only past four billion values.
    fn insert(&mut self, kind: Kind, value: &str, first: Compact) -> Option<u32> {
        let at = u32::try_from(self.entries.len()).ok()?;
        let start = u32::try_from(self.arena.len()).ok()?;
        self.arena.push_str(value);
        self.entries.push(Entry {
            start,
            len: u32::try_from(value.len()).ok()?,
            kind,
            common: false,
            first,
            more: Vec::new(),
        });
        match self.by_hash.entry(key_hash(kind, value)) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert((kind, value.into()), at);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
        Some(at)
    }

    /// Records a sighting read back from the store, without linking: it becomes its source's
    /// latest unless that source has a later one. Nothing is kept for a common value.
    pub fn record(&mut self, kind: Kind, value: &str, sighting: &Sighting<'_>) {
        let compact = self.compact(sighting);
        match self.find(kind, value) {
            Some(at) => {
                if let Some(entry) = self.entries.get_mut(at as usize)
                    && !entry.common
                {
                    entry.post(compact);
                }
            }
            None => {
                self.insert(kind, value, compact);
            }
        }
    }

    /// Marks a value common (read back from the store, or found so elsewhere): it keeps no
    /// sightings and links nothing from now on.
    pub fn mark_common(&mut self, kind: Kind, value: &str) {
        let at = match self.find(kind, value) {
            Some(at) => at,
            None => {
                let placeholder = Compact {
                    at: i64::MIN,
                    item: u32::MAX,
                    source: u32::MAX,
                    place: u32::MAX,
                    marking: Marking::Clear,
                };
                let Some(at) = self.insert(kind, value, placeholder) else {
                    return;
                };
                at
            }
        };
        if let Some(entry) = self.entries.get_mut(at as usize) {
            entry.common = true;
            entry.more = Vec::new();
        }
    }

    /// Adds a sighting of a value by a new item under the linking rule, pushing onto `links`
    /// each earlier item it links to.
    ///
    /// The rule, written only here: a value keeps one sighting per source, the latest. A new
    /// sighting links to each of them (its own source's included, its own item's not), so one
    /// organisation sending the same mule account a thousand times makes a chain of links
    /// rather than half a million, and an item makes at most `cap` links through one value;
    /// each source's earlier items are reached through its chain. A value seen from more than
    /// `cap` distinct sources is common and links nothing. Links carry the stricter marking.
    pub fn add(
        &mut self,
        kind: Kind,
        value: &str,
        sighting: &Sighting<'_>,
        links: &mut Vec<Earlier>,
    ) -> Added {
        let compact = self.compact(sighting);
        let cap = self.cap;
        let Some(at) = self.find(kind, value) else {
            // Seen for the first time: nothing to link to, and one source is common only
            // when the cap is nought.
            let Some(at) = self.insert(kind, value, compact) else {
                return Added::Linked;
            };
            if is_common(usize::from(compact.marking != Marking::Red), false, cap) {
                if let Some(entry) = self.entries.get_mut(at as usize) {
                    entry.common = true;
                }
                return Added::Common {
                    newly: true,
                    sources: 1,
                };
            }
            return Added::Linked;
        };
        let Some(entry) = self.entries.get_mut(at as usize) else {
            return Added::Linked;
        };
        if entry.common {
            return Added::Common {
                newly: false,
                sources: 0,
            };
        }
        // The same item with the same value again (correlated a second time, or the value
        // found twice in it) adds nothing.
        if entry.sightings().any(|p| p.item == compact.item) {
            return Added::Linked;
        }
        let own = entry.sightings().any(|p| p.source == compact.source);
        let sources =
            entry.counted_sources() + usize::from(!own && compact.marking != Marking::Red);
        if is_common(sources, false, cap) {
            entry.common = true;
            entry.more = Vec::new();
            return Added::Common {
                newly: true,
                sources,
            };
        }
        for earlier in entry.sightings().filter(|p| p.item != compact.item) {
            let Some(item) = self.items.get(earlier.item) else {
                continue;
            };
            links.push(Earlier {
                item: *item,
                source: SourceId(earlier.source),
                found_in: PlaceId(earlier.place),
                marking: Marking::strictest([earlier.marking, compact.marking]),
            });
        }
        entry.post(compact);
        Added::Linked
    }

    /// Whether a value is marked common.
    pub fn is_common(&self, kind: Kind, value: &str) -> bool {
        self.find(kind, value)
            .and_then(|at| self.entries.get(at as usize))
            .is_some_and(|e| e.common)
    }

    /// A source by its id.
    pub fn source(&self, id: SourceId) -> Option<&Source> {
        self.sources.get(id.0)
    }

    /// A place by its id.
    pub fn place(&self, id: PlaceId) -> &str {
        self.places.get(id.0).map_or("", |place| place)
    }

    /// A value's latest sighting from each source, oldest first: (item, source, marking).
    pub fn sightings(&self, kind: Kind, value: &str) -> Vec<(ItemRef, &Source, Marking)> {
        let Some(entry) = self
            .find(kind, value)
            .and_then(|at| self.entries.get(at as usize))
            .filter(|e| !e.common)
        else {
            return Vec::new();
        };
        let mut out: Vec<(i64, ItemRef, &Source, Marking)> = entry
            .sightings()
            .filter_map(|p| {
                Some((
                    p.at,
                    *self.items.get(p.item)?,
                    self.sources.get(p.source)?,
                    p.marking,
                ))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        out.into_iter().map(|(_, i, s, m)| (i, s, m)).collect()
    }

    /// How many distinct values are indexed (common ones included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests;
