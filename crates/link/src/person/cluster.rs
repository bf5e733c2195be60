//! Person clusters: the connected components of the matched pairs, with ids that stay put.
//!
//! A cluster that existed before keeps its id: each new cluster inherits the previous id held by
//! most of its members (ties to the smaller id), and each previous id goes to one cluster only,
//! the one holding most of its old members. A cluster with no id to inherit is named after its
//! smallest record id not already used as a cluster id.

use std::collections::{BTreeMap, HashMap, HashSet};

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while let Some(p) = self.parent.get(root).map(|p| *p as usize) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut x = x;
        while x != root {
            let Some(slot) = self.parent.get_mut(x) else {
                break;
            };
            let next = *slot as usize;
            *slot = u32::try_from(root).unwrap_or(u32::MAX);
            x = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if let Some(slot) = self.parent.get_mut(hi) {
                *slot = u32::try_from(lo).unwrap_or(u32::MAX);
            }
        }
    }
}

/// Cluster ids for every record, given the matched pairs and any previous assignment
/// (record id to cluster id).
pub fn cluster_ids(
    ids: &[String],
    matched: impl IntoIterator<Item = (usize, usize)>,
    previous: &HashMap<String, String>,
) -> Vec<String> {
    let mut uf = UnionFind::new(ids.len());
    for (a, b) in matched {
        uf.union(a, b);
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for r in 0..ids.len() {
        components.entry(uf.find(r)).or_default().push(r);
    }
    let components: Vec<Vec<usize>> = components.into_values().collect();

    // Candidates: (old members held, previous id, component), best first.
    let mut claims: Vec<(usize, &str, usize)> = Vec::new();
    for (k, members) in components.iter().enumerate() {
        let mut held: HashMap<&str, usize> = HashMap::new();
        for r in members {
            if let Some(old) = ids.get(*r).and_then(|id| previous.get(id)) {
                *held.entry(old.as_str()).or_default() += 1;
            }
        }
        claims.extend(held.into_iter().map(|(old, n)| (n, old, k)));
    }
    claims.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)).then(x.2.cmp(&y.2)));
    let mut named: Vec<Option<String>> = vec![None; components.len()];
    let mut used: HashSet<String> = previous.values().cloned().collect();
    let mut taken: HashSet<&str> = HashSet::new();
    for (_, old, k) in claims {
        if taken.contains(old) {
            continue;
        }
        if let Some(slot @ None) = named.get_mut(k) {
            *slot = Some(old.to_owned());
            taken.insert(old);
        }
    }
    let mut out = vec![String::new(); ids.len()];
    for (k, members) in components.iter().enumerate() {
        let name = match named.get(k).cloned().flatten() {
            Some(name) => name,
            None => {
                let mut candidates: Vec<&String> =
                    members.iter().filter_map(|r| ids.get(*r)).collect();
                candidates.sort();
                let fresh = candidates
                    .iter()
                    .find(|c| !used.contains(c.as_str()))
                    .map(|c| (*c).clone());
                fresh.unwrap_or_else(|| {
                    let base = candidates
                        .first()
                        .map_or_else(String::new, |c| (*c).clone());
                    (2..)
                        .map(|i| format!("{base}~{i}"))
                        .find(|c| !used.contains(c))
                        .unwrap_or(base)
                })
            }
        };
        used.insert(name.clone());
        for r in members {
            if let Some(slot) = out.get_mut(*r) {
                slot.clone_from(&name);
            }
        }
    }
    out
}
