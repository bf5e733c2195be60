//! String similarity on the hot path. strsim gives the definitions, but it allocates on every
//! call and has no bounded edit distance; linkage compares tens of millions of short ASCII
//! values, so these run on bytes in fixed stack buffers and stop once a distance is past the
//! largest threshold. Values longer than 64 bytes or not ASCII go to strsim. Property tests
//! check every function against strsim.

const MAX: usize = 64;

/// Jaro-Winkler similarity, as `strsim::jaro_winkler`.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || x.len() > MAX || y.len() > MAX {
        return strsim::jaro_winkler(a, b);
    }
    let jaro = jaro(x, y);
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count() as f64;
    jaro + 0.1 * prefix * (1.0 - jaro)
}

/// Jaro similarity with bit masks: `positions[c]` holds the positions of byte `c` in `y`, so
/// each character of `x` finds its first unused partner in the window with a few bit operations.
fn jaro(x: &[u8], y: &[u8]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let range = (x.len().max(y.len()) / 2).saturating_sub(1);
    let mut positions = [0_u64; 128];
    for (j, c) in y.iter().enumerate() {
        if let Some(mask) = positions.get_mut(usize::from(*c)) {
            *mask |= 1 << j;
        }
    }
    let window = |lo: usize, hi: usize| -> u64 {
        let below = |n: usize| if n >= 64 { u64::MAX } else { (1_u64 << n) - 1 };
        below(hi) & !below(lo)
    };
    let (mut x_matched, mut y_used) = (0_u64, 0_u64);
    for (i, c) in x.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(y.len());
        if lo >= hi {
            continue;
        }
        let free = positions.get(usize::from(*c)).copied().unwrap_or(0) & window(lo, hi) & !y_used;
        if free != 0 {
            y_used |= free & free.wrapping_neg();
            x_matched |= 1 << i;
        }
    }
    let matches = x_matched.count_ones() as usize;
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0_usize;
    let (mut xs, mut ys) = (x_matched, y_used);
    while xs != 0 {
        let (i, j) = (xs.trailing_zeros() as usize, ys.trailing_zeros() as usize);
        if x.get(i) != y.get(j) {
            transpositions += 1;
        }
        xs &= xs - 1;
        ys &= ys - 1;
    }
    let m = matches as f64;
    let t = (transpositions / 2) as f64;
    (m / x.len() as f64 + m / y.len() as f64 + (m - t) / m) / 3.0
}

/// The edit distance (Levenshtein, or optimal string alignment when `swaps` counts a swap of
/// neighbours as one edit), or `None` when it is more than `bound`.
pub fn distance_within(a: &str, b: &str, bound: usize, swaps: bool) -> Option<usize> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if a.is_ascii() && b.is_ascii() && x.len().abs_diff(y.len()) > bound {
        return None;
    }
    if !a.is_ascii() || !b.is_ascii() || x.len() > MAX || y.len() > MAX {
        let d = if swaps {
            strsim::osa_distance(a, b)
        } else {
            strsim::levenshtein(a, b)
        };
        return (d <= bound).then_some(d);
    }
    let n = y.len();
    // Distances fit in a byte: both values are at most 64 bytes here.
    let mut before = [0_u8; MAX + 1];
    let mut previous = [0_u8; MAX + 1];
    let mut current = [0_u8; MAX + 1];
    for (j, slot) in (0_u8..).zip(previous.iter_mut().take(n + 1)) {
        *slot = j;
    }
    let bound8 = u8::try_from(bound).unwrap_or(u8::MAX);
    for (i, c) in (1_u8..).zip(x) {
        if let Some(first) = current.first_mut() {
            *first = i;
        }
        let mut row_min = i;
        for j in 0..n {
            let d = y.get(j);
            let cost = u8::from(d != Some(c));
            let sub = previous.get(j).copied().unwrap_or(u8::MAX - 1) + cost;
            let del = previous.get(j + 1).copied().unwrap_or(u8::MAX - 1) + 1;
            let ins = current.get(j).copied().unwrap_or(u8::MAX - 1) + 1;
            let mut best = sub.min(del).min(ins);
            if swaps
                && i > 1
                && j > 0
                && x.get(usize::from(i) - 2) == d
                && y.get(j - 1) == Some(c)
                && d != Some(c)
            {
                best = best.min(before.get(j - 1).copied().unwrap_or(u8::MAX - 1) + 1);
            }
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = best;
            }
            row_min = row_min.min(best);
        }
        if row_min > bound8 {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = usize::from(previous.get(n).copied().unwrap_or(u8::MAX));
    (d <= bound).then_some(d)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn known_values() {
        assert!(
            (jaro_winkler("martha", "marhta") - strsim::jaro_winkler("martha", "marhta")).abs()
                < 1e-12
        );
        assert_eq!(distance_within("kitten", "sitting", 3, false), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 2, false), None);
        assert_eq!(distance_within("ca", "ac", 1, true), Some(1));
        assert_eq!(distance_within("ca", "ac", 1, false), None);
        assert_eq!(distance_within("", "abc", 3, true), Some(3));
    }

    proptest! {
        #[test]
        fn jaro_winkler_agrees_with_strsim(a in "[a-e ]{0,12}", b in "[a-e ]{0,12}") {
            let ours = jaro_winkler(&a, &b);
            let theirs = strsim::jaro_winkler(&a, &b);
            prop_assert!((ours - theirs).abs() < 1e-12, "{} vs {}", ours, theirs);
        }

        #[test]
        fn bounded_distances_agree_with_strsim(
            a in "[a-d]{0,10}", b in "[a-d]{0,10}", bound in 0_usize..5,
        ) {
            let lev = strsim::levenshtein(&a, &b);
            prop_assert_eq!(distance_within(&a, &b, bound, false), (lev <= bound).then_some(lev));
            let osa = strsim::osa_distance(&a, &b);
            prop_assert_eq!(distance_within(&a, &b, bound, true), (osa <= bound).then_some(osa));
        }

        #[test]
        fn long_and_non_ascii_values_fall_back(a in "\\PC{0,80}", b in "\\PC{0,80}") {
            let ours = jaro_winkler(&a, &b);
            let theirs = strsim::jaro_winkler(&a, &b);
            prop_assert!((ours - theirs).abs() < 1e-12);
            let osa = strsim::osa_distance(&a, &b);
            prop_assert_eq!(distance_within(&a, &b, 3, true), (osa <= 3).then_some(osa));
        }
    }
}
