//! 95% intervals and the test that calls a change a change (issue 19, "honest statistics").
//! Every figure Peel publishes carries its count and one of these:
//!
//! - a **share** (repeat victims, updates on time, satisfied): the Wilson score interval;
//! - a **count or rate** (crimes, crimes per 1,000 residents): the exact Poisson interval
//!   (Garwood) up to [`EXACT_UP_TO`] events, Byar's approximation above it, where the two
//!   agree to well under one part in a thousand;
//! - a **weighted count** (harm days: each crime weighted by its harm): Dobson's method, the
//!   exact interval of the count scaled by the weights' spread, as public health statistics
//!   use for standardised rates;
//! - a **percentile** (days to first contact): the order statistics the binomial puts either
//!   side of it;
//! - a **change** between two periods: the later period's share of both periods' count
//!   against the share its length would give with no change, called only when that share
//!   lies outside the Wilson interval (the two-sided score test at 5%).
//!
//! No IO; each rule is tested against values computed by hand or from published tables.

/// The normal quantile for a two-sided 95% interval.
pub const Z: f64 = 1.959_963_984_540_054;

/// The largest count whose Poisson interval is found exactly.
pub const EXACT_UP_TO: u64 = 400;

/// A 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    /// The lower bound.
    pub low: f64,
    /// The upper bound.
    pub high: f64,
}

impl Interval {
    /// The interval scaled by `factor` (a count's interval made a rate's).
    pub fn scaled(self, factor: f64) -> Interval {
        Interval {
            low: self.low * factor,
            high: self.high * factor,
        }
    }

    /// Whether `value` lies inside, bounds included.
    pub fn contains(self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// The Wilson score interval for `successes` out of `trials`; `None` with no trials.
pub fn wilson(successes: u64, trials: u64) -> Option<Interval> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z * Z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// P(X <= k) for X Poisson with mean `lambda`, summed term by term.
fn poisson_cdf(k: u64, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 1.0;
    }
    // Summed in logs so that large means do not underflow the first term.
    let mut log_term = -lambda;
    let mut total = log_term.exp();
    for i in 1..=k {
        log_term += lambda.ln() - (i as f64).ln();
        total += log_term.exp();
    }
    total.min(1.0)
}

/// The mean at which `P(X <= k)` equals `target` (the CDF falls as the mean rises).
fn mean_where_cdf_is(k: u64, target: f64) -> f64 {
    let (mut low, mut high) = (0.0_f64, (k as f64 + 1.0) * 2.0 + 20.0);
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if poisson_cdf(k, mid) > target {
            low = mid;
        } else {
            high = mid;
        }
    }
    (low + high) / 2.0
}

/// The exact interval of a count up to [`EXACT_UP_TO`], found by bisection.
fn exact_poisson(count: u64) -> Interval {
    let low = if count == 0 {
        0.0
    } else {
        // The mean at which seeing `count` or more has probability 2.5%.
        mean_where_cdf_is(count - 1, 0.975)
    };
    Interval {
        low,
        high: mean_where_cdf_is(count, 0.025),
    }
}

/// The exact intervals of every count up to [`EXACT_UP_TO`], worked once. A force dashboard
/// gives an interval for each of some 115,000 ward, month and category counts, nearly all
/// small; bisecting for each was two thirds of its time (BENCHMARKS.md, issue 19).
fn exact_table() -> &'static [Interval] {
    static TABLE: std::sync::OnceLock<Vec<Interval>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..=EXACT_UP_TO).map(exact_poisson).collect())
}

/// The 95% interval for the mean of a Poisson count.
pub fn poisson(count: u64) -> Interval {
    if count <= EXACT_UP_TO {
        let exact = usize::try_from(count)
            .ok()
            .and_then(|i| exact_table().get(i).copied());
        return exact.unwrap_or_else(|| exact_poisson(count));
    }
    let k = count as f64;
    let upper = k + 1.0;
    Interval {
        low: k * (1.0 - 1.0 / (9.0 * k) - Z / (3.0 * k.sqrt())).powi(3),
        high: upper * (1.0 - 1.0 / (9.0 * upper) + Z / (3.0 * upper.sqrt())).powi(3),
    }
}

/// Dobson's interval for `Σ weight × count` over independent Poisson counts; `None` when
/// there are no events (the weights' spread is then unknown).
pub fn dobson(weighted: &[(f64, u64)]) -> Option<Interval> {
    let events: u64 = weighted.iter().map(|(_, n)| n).sum();
    if events == 0 {
        return None;
    }
    let total: f64 = weighted.iter().map(|(w, n)| w * *n as f64).sum();
    let variance: f64 = weighted.iter().map(|(w, n)| w * w * *n as f64).sum();
    let y = events as f64;
    let spread = (variance / y).sqrt();
    let count = poisson(events);
    Some(Interval {
        low: (total + spread * (count.low - y)).max(0.0),
        high: total + spread * (count.high - y),
    })
}

/// A percentile of some values with its interval: the value and the values at the ranks the
/// binomial (normal approximation) puts 95% of the way either side.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Percentile {
    /// The estimate (nearest rank).
    pub value: f64,
    /// Its interval.
    pub interval: Interval,
}

/// The `q` quantile (0 < q < 1) of `values`, sorted or not; `None` when there are none.
pub fn percentile(values: &[f64], q: f64) -> Option<Percentile> {
    if values.is_empty() || !(0.0..1.0).contains(&q) || q == 0.0 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let at = |rank: f64| -> Option<f64> {
        // 1-based rank, kept inside the values.
        let index = (rank.clamp(1.0, n) as usize).saturating_sub(1);
        sorted.get(index).copied()
    };
    let spread = Z * (n * q * (1.0 - q)).sqrt();
    Some(Percentile {
        value: at((n * q).ceil())?,
        interval: Interval {
            low: at((n * q - spread).floor())?,
            high: at((n * q + spread).ceil() + 1.0)?,
        },
    })
}

/// What two periods' counts say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// More in the later period, beyond chance.
    Up,
    /// Fewer in the later period, beyond chance.
    Down,
    /// No change that passes the test.
    NoClearChange,
}

/// Compares an earlier and a later count over periods of `earlier_length` and `later_length`
/// (months, days: any unit both share), with the population the same.
pub fn change(earlier: u64, later: u64, earlier_length: f64, later_length: f64) -> Change {
    let total_length = earlier_length + later_length;
    if total_length <= 0.0 {
        return Change::NoClearChange;
    }
    let expected = later_length / total_length;
    let Some(interval) = wilson(later, earlier + later) else {
        return Change::NoClearChange;
    };
    if interval.low > expected {
        Change::Up
    } else if interval.high < expected {
        Change::Down
    } else {
        Change::NoClearChange
    }
}

#[cfg(test)]
mod tests;
