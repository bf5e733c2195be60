use super::*;

fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

fn table() -> HarmTable {
    HarmTable::from_weights([
        (Category::Burglary, 273.5),
        (Category::Shoplifting, 1.0),
        (Category::Robbery, 365.0),
    ])
}

#[test]
fn a_month_is_counted_weighed_and_rated_as_worked_by_hand() {
    let counts = [
        (month("2022-01"), Category::Burglary, 3),
        (month("2022-01"), Category::Shoplifting, 10),
        (month("2022-02"), Category::Burglary, 1),
        (month("2022-02"), Category::Robbery, 2),
        // Outside the range: ignored.
        (month("2022-03"), Category::Robbery, 50),
    ];
    let population = Population::new([(2021, 12_000.0), (2022, 12_500.0)]);
    let m = measure(
        &counts,
        month("2022-01"),
        month("2022-02"),
        &table(),
        Some(&population),
    );
    assert_eq!(m.months.len(), 2);
    let january = &m.months[0];
    assert_eq!(january.crimes["burglary"].1, 3);
    assert_eq!(january.crimes["shoplifting"].1, 10);
    // Every crime category is listed, zeros included; Peel's own categories are not.
    assert_eq!(january.crimes["vehicle-crime"].1, 0);
    assert!(!january.crimes.contains_key("fraud"));
    assert_eq!(january.crimes.len(), 14);
    // 13 crimes: exact Poisson interval (6.922, 22.230).
    assert_eq!(january.total.count, 13);
    let total = january.total.interval.unwrap();
    assert!(
        near(total.low, 6.922, 1e-3) && near(total.high, 22.230, 1e-3),
        "{total:?}"
    );
    // Harm: 3 × 273.5 + 10 × 1 = 830.5 days; Dobson: V = 224,416.75, spread = √(V / 13)
    // = 131.388, so 830.5 + 131.388 × (6.922 − 13) = 31.9 and × (22.230 − 13) = 2043.3.
    let harm = january.harm_days.unwrap();
    assert_eq!(harm.count, 13);
    assert!(near(harm.value, 830.5, 1e-9));
    let harm_interval = harm.interval.unwrap();
    assert!(near(harm_interval.low, 31.9, 0.1), "{harm_interval:?}");
    assert!(near(harm_interval.high, 2043.3, 0.1), "{harm_interval:?}");
    // Rate: 13 / 12,500 × 1,000 = 1.04, interval × 0.08 = (0.554, 1.778).
    let rate = january.rate_per_1000.unwrap();
    assert!(near(rate.value, 1.04, 1e-9));
    let rate_interval = rate.interval.unwrap();
    assert!(near(rate_interval.low, 0.5538, 1e-4) && near(rate_interval.high, 1.7784, 1e-4));
    assert_eq!(january.population, Some(12_500.0));
    // February: 1 × 273.5 + 2 × 365 = 1003.5 days.
    assert!(near(m.months[1].harm_days.unwrap().value, 1003.5, 1e-9));
    // The period: both months summed; fewer than 24 months, so no change is claimed.
    assert_eq!(m.last_twelve.total.count, 16);
    assert_eq!(m.last_twelve_months, 2);
    assert!(near(m.last_twelve.harm_days.unwrap().value, 1834.0, 1e-9));
    assert_eq!(m.previous_twelve, None);
    assert_eq!(m.change, None);
}

#[test]
fn crimes_with_no_weight_are_left_out_of_harm_and_no_table_means_no_harm() {
    let counts = [
        (month("2022-01"), Category::AntiSocialBehaviour, 7),
        (month("2022-01"), Category::Shoplifting, 2),
    ];
    let m = measure(&counts, month("2022-01"), month("2022-01"), &table(), None);
    let harm = m.months[0].harm_days.unwrap();
    assert_eq!((harm.count, harm.value), (2, 2.0));
    assert_eq!(m.months[0].total.count, 9);
    assert_eq!(m.months[0].rate_per_1000, None);
    let none = measure(
        &counts,
        month("2022-01"),
        month("2022-01"),
        &HarmTable::default(),
        None,
    );
    assert_eq!(none.months[0].harm_days, None);
}

#[test]
fn twelve_months_against_the_twelve_before_is_called_a_change_only_past_the_test() {
    let mut counts = Vec::new();
    for m in Month::range(month("2021-01"), month("2021-12")) {
        counts.push((m, Category::Burglary, 10));
    }
    for m in Month::range(month("2022-01"), month("2022-12")) {
        counts.push((m, Category::Burglary, 15));
    }
    let m = measure(&counts, month("2021-01"), month("2022-12"), &table(), None);
    assert_eq!(m.last_twelve.total.count, 180);
    assert_eq!(m.previous_twelve.as_ref().unwrap().total.count, 120);
    // 180 of 300 in the later year: Wilson (0.544, 0.654) excludes one half.
    assert_eq!(m.change, Some(Change::Up));
    // Harm 49,230 against 32,820 days, all burglaries, so each interval is the count's times
    // 273.5: 120 gives (99.5, 143.5) × 273.5 = (27,214, 39,247) and 180 gives (154.7, 208.3)
    // × 273.5 = (42,311, 56,970). They do not overlap, so harm rose too.
    assert_eq!(m.harm_change, Some(Change::Up));
    // 11 then 12 a month is no clear change.
    let mut level = Vec::new();
    for m in Month::range(month("2021-01"), month("2022-12")) {
        level.push((
            m,
            Category::Shoplifting,
            if m.year == 2021 { 11 } else { 12 },
        ));
    }
    let flat = measure(&level, month("2021-01"), month("2022-12"), &table(), None);
    assert_eq!(flat.change, Some(Change::NoClearChange));
    assert_eq!(flat.harm_change, Some(Change::NoClearChange));
}

#[test]
fn population_takes_the_months_year_or_the_nearest() {
    let p = Population::new([(2011, 10.0), (2021, 20.0), (2031, 30.0)]);
    assert_eq!(p.in_year(2021), Some(20.0));
    assert_eq!(p.in_year(2024), Some(20.0));
    assert_eq!(p.in_year(2040), Some(30.0));
    assert_eq!(Population::default().in_year(2022), None);
}

#[test]
fn shares_carry_their_wilson_interval() {
    let s = Measured::share(3, 10).unwrap();
    assert_eq!(s.count, 10);
    assert!(near(s.value, 0.3, 1e-12));
    let i = s.interval.unwrap();
    assert!(near(i.low, 0.1078, 1e-4) && near(i.high, 0.6032, 1e-4));
    assert_eq!(Measured::share(0, 0), None);
    assert_eq!(Measured::per_thousand(3, 0.0), None);
}

#[test]
fn public_rows_suppress_small_counts_so_none_can_be_worked_out() {
    // 3 is withheld; it alone would be worked out from the total, so 10 goes too; 0 shows.
    let (cells, total) = public_row(&[3, 10, 0, 25]);
    assert_eq!(
        cells,
        vec![
            PublicCount::FewerThan(5),
            PublicCount::FewerThan(5),
            PublicCount::Shown(0),
            PublicCount::Shown(25)
        ]
    );
    assert_eq!(total, PublicCount::Shown(38));
    // Two small counts hide each other; a small total is itself withheld.
    let (cells, total) = public_row(&[1, 2]);
    assert!(cells.iter().all(|c| c.suppressed()));
    assert_eq!(total, PublicCount::FewerThan(5));
    // Nothing small: all shown.
    let (cells, _) = public_row(&[5, 0, 9]);
    assert!(cells.iter().all(|c| !c.suppressed()));
    assert!(!publishable(&Measured::count(4)));
    assert!(publishable(&Measured::count(5)));
    assert!(publishable(&Measured::count(0)));
}

#[test]
fn months_step_across_years() {
    assert_eq!(month("2022-12").succ(), month("2023-01"));
    assert_eq!(month("2023-01").minus(1), month("2022-12"));
    assert_eq!(month("2023-06").minus(17), month("2022-01"));
    assert_eq!(Month::range(month("2022-11"), month("2023-02")).len(), 4);
    assert!(Month::range(month("2023-02"), month("2022-11")).is_empty());
}
