use super::*;

fn point(code: &str) -> PublicPoint {
    PublicPoint {
        lsoa_code: code.to_owned(),
        lsoa_name: format!("Westminster {code}"),
        latitude: 51.5034,
        longitude: -0.1276,
    }
}

fn report(n: u128, month: &str, category: Category, place: Place) -> OpenReport {
    OpenReport {
        id: uuid::Uuid::from_u128(n),
        month: Month::parse(month).unwrap(),
        category,
        place,
        outcome: None,
    }
}

#[test]
fn five_in_one_area_month_and_type_are_shown_at_its_point_and_four_are_not() {
    let mut reports: Vec<OpenReport> = (0..5)
        .map(|n| {
            report(
                n,
                "2026-11",
                Category::Burglary,
                Place::At(point("E01004736")),
            )
        })
        .collect();
    // Four robberies in the same area and month: a small cell.
    reports.extend((5..9).map(|n| {
        report(
            n,
            "2026-11",
            Category::Robbery,
            Place::At(point("E01004736")),
        )
    }));
    // Domestic abuse joins violence and sexual offences; one alone in its cell.
    reports.push(report(
        9,
        "2026-11",
        Category::DomesticAbuse,
        Place::At(point("E01004736")),
    ));
    let out = export(&reports, "met");
    assert_eq!(out.street.len(), 10);
    assert_eq!(out.unplaced_small, 5);
    let burglaries: Vec<&StreetRow> = out
        .street
        .iter()
        .filter(|r| r.crime_type == "Burglary")
        .collect();
    assert_eq!(burglaries.len(), 5);
    assert!(
        burglaries
            .iter()
            .all(|r| r.shown.point == Some((-0.1276, 51.5034))
                && r.shown.location == "On or near Westminster E01004736"
                && r.shown.lsoa_code == "E01004736")
    );
    assert!(
        out.street
            .iter()
            .filter(|r| r.crime_type != "Burglary")
            .all(|r| r.shown.point.is_none()
                && r.shown.location == "No location"
                && r.shown.lsoa_code.is_empty())
    );
    assert_eq!(
        out.street
            .iter()
            .filter(|r| r.crime_type == "Violence and sexual offences")
            .count(),
        1
    );
    // Rows come by month, crime type and ID; the unresolved say so.
    assert_eq!(out.street[0].crime_type, "Burglary");
    assert!(
        out.street
            .iter()
            .all(|r| r.last_outcome == "Under investigation")
    );
}

#[test]
fn fraud_and_unclassified_are_withheld_and_online_abuse_has_no_place() {
    let here = || Place::At(point("E01004736"));
    let mut reports = vec![
        report(1, "2026-10", Category::Fraud, here()),
        report(2, "2026-10", Category::NotSure, here()),
        report(3, "2026-10", Category::HateIncident, Place::Unknown),
    ];
    reports.extend((4..10).map(|n| report(n, "2026-10", Category::OnlineAbuse, here())));
    let out = export(&reports, "met");
    assert_eq!(out.withheld.get(WITHHELD_FRAUD), Some(&1));
    assert_eq!(out.withheld.get(WITHHELD_UNCLASSIFIED), Some(&1));
    assert_eq!(out.street.len(), 7);
    assert_eq!(out.street[0].crime_type, "Public order");
    // Six online-abuse reports in one area would make a cell of six; online has no place.
    assert!(out.street.iter().all(|r| r.shown.point.is_none()));
    assert_eq!(out.unplaced_small, 0, "none lost a point it had");
}

#[test]
fn outcomes_go_in_both_files_and_anti_social_behaviour_has_neither_id_nor_outcome() {
    let mut charged = report(1, "2026-09", Category::Burglary, Place::Unknown);
    charged.outcome = Some((OutcomeKind::Charged, Month::parse("2026-11").unwrap()));
    let mut diverted = report(2, "2026-09", Category::Drugs, Place::Unknown);
    diverted.outcome = Some((OutcomeKind::Diversion, Month::parse("2026-10").unwrap()));
    let mut asb = report(3, "2026-09", Category::AntiSocialBehaviour, Place::Unknown);
    asb.outcome = Some((
        OutcomeKind::AdviceAndProtection,
        Month::parse("2026-10").unwrap(),
    ));
    let out = export(&[charged, diverted, asb], "met");
    let by_type = |t: &str| out.street.iter().find(|r| r.crime_type == t).unwrap();
    assert_eq!(by_type("Burglary").last_outcome, "Suspect charged");
    assert_eq!(by_type("Drugs").last_outcome, "Local resolution");
    let asb = by_type("Anti-social behaviour");
    assert_eq!((asb.crime_id.as_str(), asb.last_outcome), ("", ""));
    assert_eq!(out.outcomes.len(), 2);
    assert_eq!(out.outcomes[0].month.to_string(), "2026-10");
    assert_eq!(out.outcomes[0].outcome, "Local resolution");
    assert_eq!(out.outcomes[1].outcome, "Suspect charged");
    assert_eq!(out.outcomes[1].crime_id, by_type("Burglary").crime_id);
}

#[test]
fn crime_ids_are_stable_sha256_and_differ_by_organisation() {
    let id = uuid::Uuid::from_u128(7);
    let a = crime_id("met", id);
    assert_eq!(a.len(), 64);
    assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(a, crime_id("met", id));
    assert_ne!(a, crime_id("city", id));
    assert_ne!(a, crime_id("met", uuid::Uuid::from_u128(8)));
}

#[test]
fn every_outcome_has_a_police_uk_name() {
    for &kind in OutcomeKind::ALL.iter() {
        let name = outcome_name(kind);
        assert!(!name.is_empty());
        if !kind.is_prevention() && kind != OutcomeKind::PenaltyNotice {
            assert_eq!(name, kind.label(), "{kind:?}");
        }
    }
}

#[test]
fn a_row_has_police_uk_s_columns_in_order() {
    let mut shown = report(
        1,
        "2026-11",
        Category::Burglary,
        Place::At(point("E01004736")),
    );
    shown.outcome = None;
    let reports: Vec<OpenReport> = (0..5)
        .map(|n| OpenReport {
            id: uuid::Uuid::from_u128(n),
            ..shown.clone()
        })
        .collect();
    let out = export(&reports, "met");
    let fields = out.street[0].fields("Metropolitan Police Service");
    assert_eq!(fields.len(), STREET_HEADER.len());
    assert_eq!(
        fields[1..],
        [
            "2026-11",
            "Metropolitan Police Service",
            "Metropolitan Police Service",
            "-0.127600",
            "51.503400",
            "On or near Westminster E01004736",
            "E01004736",
            "Westminster E01004736",
            "Burglary",
            "Under investigation",
            ""
        ]
    );
}
