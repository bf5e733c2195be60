use time::macros::datetime;

use super::*;

fn report(
    received: OffsetDateTime,
    hours: Option<i64>,
    grade: char,
    channel: &str,
    victim: Option<&str>,
) -> ReportFacts {
    ReportFacts {
        received_at: received,
        first_contact_at: hours.map(|h| received + time::Duration::hours(h)),
        grade: Some(grade),
        channel: channel.to_owned(),
        victim: victim.map(str::to_owned),
        outcome: None,
    }
}

#[test]
fn outcomes_are_shares_of_the_closed_and_prevention_is_counted_apart() {
    let at = datetime!(2025-03-01 10:00 UTC);
    let ended = |kind: Option<OutcomeKind>| ReportFacts {
        outcome: kind,
        ..report(at, None, 'E', "web", None)
    };
    let reports = vec![
        ended(Some(OutcomeKind::Charged)),
        ended(Some(OutcomeKind::ReferredToPartner)),
        ended(Some(OutcomeKind::Diversion)),
        ended(Some(OutcomeKind::NoFurtherAction)),
        ended(None),
    ];
    let out = outcomes(&reports);
    assert_eq!((out.reports, out.closed), (5, 4));
    assert_eq!(out.by_kind.len(), 4);
    assert!(
        out.by_kind
            .iter()
            .all(|(_, m)| m.count == 4 && m.value == 0.25)
    );
    // Referral and diversion: 2 of 4, Wilson (0.150, 0.850); no further action is not
    // prevention.
    let prevention = out.prevention.unwrap();
    assert_eq!((prevention.count, prevention.value), (4, 0.5));
    let i = prevention.interval.unwrap();
    assert!(
        (i.low - 0.1500).abs() < 1e-3 && (i.high - 0.8500).abs() < 1e-3,
        "{i:?}"
    );
    assert_eq!(outcomes(&reports[4..]).prevention, None);
}

#[test]
fn contact_times_by_grade_and_channel_worked_by_hand() {
    let t = datetime!(2026-03-02 09:00 UTC);
    let reports = vec![
        report(t, Some(1), 'S', "web", None),
        report(t, Some(3), 'S', "web", None),
        report(t, Some(2), 'S', "phone", None),
        report(t, Some(30), 'E', "web", None),
        report(t, None, 'E', "web", None),
    ];
    let groups = contact_times(&reports);
    let web_s = &groups[&("S".to_owned(), "web".to_owned())];
    assert_eq!((web_s.reports, web_s.contacted), (2, 2));
    // Hours 1 and 3: nearest-rank median is rank 1, so 1 hour.
    assert_eq!(web_s.median_hours.unwrap().value, 1.0);
    let s = &groups[&("S".to_owned(), "*".to_owned())];
    // 1, 2, 3: median rank 2 = 2 hours; 90th rank ceil(2.7) = 3 = 3 hours.
    assert_eq!(s.median_hours.unwrap().value, 2.0);
    assert_eq!(s.p90_hours.unwrap().value, 3.0);
    let e = &groups[&("E".to_owned(), "*".to_owned())];
    assert_eq!((e.reports, e.contacted), (2, 1));
    assert_eq!(e.median_hours.unwrap().value, 30.0);
    let all = &groups[&("*".to_owned(), "*".to_owned())];
    assert_eq!((all.reports, all.contacted), (5, 4));
    // 1, 2, 3, 30: median rank 2 = 2 hours.
    assert_eq!(all.median_hours.unwrap().value, 2.0);
    let web = &groups[&("*".to_owned(), "web".to_owned())];
    assert_eq!(web.reports, 4);
}

#[test]
fn a_victim_repeats_when_another_report_follows_within_a_year() {
    let from = datetime!(2025-01-01 00:00 UTC);
    let to = datetime!(2026-01-01 00:00 UTC);
    let reports = vec![
        // A: twice in the period, three months apart: a repeat.
        report(
            datetime!(2025-02-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("a@example.org"),
        ),
        report(
            datetime!(2025-05-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("a@example.org"),
        ),
        // B: once in the period and again eleven months later, after it: a repeat.
        report(
            datetime!(2025-12-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("07700900001"),
        ),
        report(
            datetime!(2026-11-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("07700900001"),
        ),
        // C: once, then again after more than a year: not a repeat.
        report(
            datetime!(2025-01-10 10:00 UTC),
            None,
            'E',
            "web",
            Some("c@example.org"),
        ),
        report(
            datetime!(2026-03-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("c@example.org"),
        ),
        // D: once.
        report(
            datetime!(2025-06-01 10:00 UTC),
            None,
            'R',
            "phone",
            Some("d@example.org"),
        ),
        // E: only before the period (not a victim of it).
        report(
            datetime!(2024-06-01 10:00 UTC),
            None,
            'R',
            "phone",
            Some("e@example.org"),
        ),
        // Anonymous: cannot be followed.
        report(datetime!(2025-06-01 10:00 UTC), None, 'R', "web", None),
    ];
    let share = repeat_victims(&reports, from, to).unwrap();
    // 2 of 4 victims: Wilson (0.150, 0.850).
    assert_eq!(share.count, 4);
    assert_eq!(share.value, 0.5);
    let i = share.interval.unwrap();
    assert!(
        (i.low - 0.1500).abs() < 1e-3 && (i.high - 0.8500).abs() < 1e-3,
        "{i:?}"
    );
    assert_eq!(repeat_victims(&reports[8..], from, to), None);

    // F: two reports made at one instant (a form sent twice, a phone call and an email) are
    // still two: 3 of 5 victims, Wilson (0.231, 0.882).
    let mut more = reports.clone();
    for _ in 0..2 {
        more.push(report(
            datetime!(2025-07-01 10:00 UTC),
            None,
            'E',
            "web",
            Some("f@example.org"),
        ));
    }
    let share = repeat_victims(&more, from, to).unwrap();
    assert_eq!((share.count, share.value), (5, 0.6));
    let i = share.interval.unwrap();
    assert!(
        (i.low - 0.2307).abs() < 1e-3 && (i.high - 0.8824).abs() < 1e-3,
        "{i:?}"
    );
}
