use proptest::prelude::*;

use super::*;

fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

#[test]
fn wilson_matches_values_worked_by_hand() {
    // 3 of 10: p = 0.3, z² = 3.8415; centre = (0.3 + 0.19207) / 1.38415 = 0.35551;
    // half = 1.95996 / 1.38415 × √(0.021 + 0.0096036) = 0.24771.
    let i = wilson(3, 10).unwrap();
    assert!(near(i.low, 0.1078, 1e-4), "{i:?}");
    assert!(near(i.high, 0.6032, 1e-4), "{i:?}");
    // None of 20 still has an upper bound; all of 20 a lower one.
    let none = wilson(0, 20).unwrap();
    assert_eq!(none.low, 0.0);
    assert!(near(none.high, 0.1611, 1e-4), "{none:?}");
    let all = wilson(20, 20).unwrap();
    assert!(near(all.low, 0.8389, 1e-4), "{all:?}");
    assert_eq!(all.high, 1.0);
    assert_eq!(wilson(0, 0), None);
    assert_eq!(wilson(3, 2), None);
}

#[test]
fn poisson_matches_the_published_exact_table() {
    // Garwood's exact limits, as tabulated (e.g. by the ONS and public health methods).
    for (count, low, high) in [
        (0, 0.0, 3.689),
        (1, 0.0253, 5.572),
        (2, 0.2422, 7.225),
        (5, 1.6235, 11.668),
        (10, 4.7954, 18.390),
        (100, 81.364, 121.627),
    ] {
        let i = poisson(count);
        assert!(near(i.low, low, 1e-3), "{count}: {i:?}");
        assert!(near(i.high, high, 1e-3), "{count}: {i:?}");
    }
}

#[test]
fn byar_takes_over_from_the_exact_interval_without_a_jump() {
    let exact = poisson(EXACT_UP_TO);
    let k = EXACT_UP_TO as f64;
    let upper = k + 1.0;
    let byar_low = k * (1.0 - 1.0 / (9.0 * k) - Z / (3.0 * k.sqrt())).powi(3);
    let byar_high = upper * (1.0 - 1.0 / (9.0 * upper) + Z / (3.0 * upper.sqrt())).powi(3);
    assert!(near(exact.low, byar_low, k * 1e-3), "{exact:?} {byar_low}");
    assert!(
        near(exact.high, byar_high, k * 1e-3),
        "{exact:?} {byar_high}"
    );
    // 10,000 crimes: about ±1.96 × 100.
    let big = poisson(10_000);
    assert!(near(big.low, 9805.0, 0.5), "{big:?}");
    assert!(near(big.high, 10_197.9, 0.5), "{big:?}");
}

#[test]
fn dobson_scales_the_count_interval_by_the_weights() {
    // One kind only: the weighted count's interval is the count's times the weight.
    let one = dobson(&[(2.0, 10)]).unwrap();
    assert!(near(one.low, 2.0 * 4.7954, 1e-2), "{one:?}");
    assert!(near(one.high, 2.0 * 18.390, 1e-2), "{one:?}");
    // Worked by hand: 4 burglaries at 273.5 days and 6 thefts at 2 days.
    // T = 1094 + 12 = 1106; V = 4 × 273.5² + 6 × 4 = 299,233; Y = 10;
    // spread = √(V / Y) = 172.985; low = 1106 + 172.985 × (4.7954 − 10) = 205.7 (and so on).
    let mixed = dobson(&[(273.5, 4), (2.0, 6)]).unwrap();
    assert!(near(mixed.low, 205.7, 0.5), "{mixed:?}");
    assert!(near(mixed.high, 2557.4, 0.5), "{mixed:?}");
    assert_eq!(dobson(&[(273.5, 0)]), None);
}

#[test]
fn percentiles_and_their_order_statistic_intervals() {
    let hours: Vec<f64> = (1..=20).map(f64::from).collect();
    // Median of 1..20 by nearest rank: rank 10. Spread = 1.96 × √5 = 4.38, so ranks
    // floor(5.62) = 5 and ceil(14.38) + 1 = 16.
    let median = percentile(&hours, 0.5).unwrap();
    assert_eq!(median.value, 10.0);
    assert_eq!(
        median.interval,
        Interval {
            low: 5.0,
            high: 16.0
        }
    );
    // 90th: rank 18; spread = 1.96 × √1.8 = 2.63; ranks 15 and 21, kept to 20.
    let p90 = percentile(&hours, 0.9).unwrap();
    assert_eq!(p90.value, 18.0);
    assert_eq!(
        p90.interval,
        Interval {
            low: 15.0,
            high: 20.0
        }
    );
    assert_eq!(percentile(&[], 0.5), None);
    assert_eq!(percentile(&hours, 1.0), None);
}

#[test]
fn a_change_is_called_only_when_it_passes_the_test() {
    // 100 then 140 over equal months: 140 / 240 = 0.583, Wilson (0.520, 0.644) excludes 0.5.
    assert_eq!(change(100, 140, 1.0, 1.0), Change::Up);
    assert_eq!(change(140, 100, 1.0, 1.0), Change::Down);
    // 10 then 14: 14 / 24, Wilson (0.388, 0.755) holds 0.5: no clear change.
    assert_eq!(change(10, 14, 1.0, 1.0), Change::NoClearChange);
    // 12 months then one month of the same rate: not a change.
    assert_eq!(change(120, 10, 12.0, 1.0), Change::NoClearChange);
    assert_eq!(change(0, 0, 1.0, 1.0), Change::NoClearChange);
}

proptest! {
    #[test]
    fn intervals_hold_their_estimate(k in 0u64..2_000, extra in 0u64..2_000) {
        let n = k + extra;
        if let Some(i) = wilson(k, n) {
            let p = k as f64 / n as f64;
            prop_assert!(i.low <= p + 1e-12 && p <= i.high + 1e-12, "{k}/{n}: {i:?}");
            prop_assert!(0.0 <= i.low && i.high <= 1.0);
        }
        let c = poisson(k);
        prop_assert!(c.low <= k as f64 && k as f64 <= c.high, "{k}: {c:?}");
        // Wider for more events, never narrower.
        prop_assert!(poisson(k + 1).high > c.high);
    }

    #[test]
    fn harm_intervals_hold_the_harm(a in 0u64..500, b in 0u64..500, w in 0.5f64..6000.0) {
        if let Some(i) = dobson(&[(w, a), (1.0, b)]) {
            let t = w * a as f64 + b as f64;
            prop_assert!(i.low <= t + 1e-6 && t <= i.high + 1e-6, "{t}: {i:?}");
        }
    }
}

#[test]
fn the_worked_table_gives_what_bisection_does_for_every_count() {
    for count in 0..=EXACT_UP_TO + 1 {
        let direct = if count <= EXACT_UP_TO {
            exact_poisson(count)
        } else {
            poisson(count)
        };
        assert_eq!(poisson(count), direct, "{count}");
    }
}
