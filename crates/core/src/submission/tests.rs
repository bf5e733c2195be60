use super::*;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

fn input() -> ReportInput {
    ReportInput {
        description: "Someone smashed the bus shelter glass".into(),
        category: "criminal-damage-arson".into(),
        occurred_at: Some(NOW - Duration::hours(2)),
        postcode: Some("sw1a 2aa".into()),
        reporter_role: "witness".into(),
        anonymous: true,
        ..ReportInput::default()
    }
}

fn fields(result: Result<NewReport, Vec<Problem>>) -> Vec<&'static str> {
    result.unwrap_err().into_iter().map(|p| p.field).collect()
}

#[test]
fn a_complete_anonymous_report_is_accepted_without_contact_details() {
    let report = NewReport::parse(&input(), NOW).unwrap();
    assert_eq!(report.category, Category::CriminalDamageArson);
    assert_eq!(report.contact, None);
    assert!(matches!(report.location, Location::Postcode(ref p) if p.as_ref() == "SW1A 2AA"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let empty = ReportInput::default();
    let found = fields(NewReport::parse(&empty, NOW));
    for field in [
        "description",
        "category",
        "occurred_at",
        "location",
        "reporter_role",
    ] {
        assert!(found.contains(&field), "{field} missing from {found:?}");
    }
}

#[test]
fn a_description_over_4000_characters_is_refused() {
    let long = ReportInput {
        description: "a".repeat(4_001),
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&long, NOW)), ["description"]);
    let exact = ReportInput {
        description: "é".repeat(4_000),
        ..input()
    };
    assert!(NewReport::parse(&exact, NOW).is_ok());
}

#[test]
fn a_date_in_the_future_is_refused() {
    let future = ReportInput {
        occurred_at: Some(NOW + Duration::days(1)),
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&future, NOW)), ["occurred_at"]);
}

#[test]
fn an_invalid_postcode_is_refused_on_the_postcode_field() {
    let bad = ReportInput {
        postcode: Some("SW1A".into()),
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&bad, NOW)), ["postcode"]);
}

#[test]
fn an_anonymous_report_with_contact_details_is_refused_not_silently_kept() {
    let both = ReportInput {
        contact_email: Some("me@example.com".into()),
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&both, NOW)), ["anonymous"]);
}

#[test]
fn a_named_report_needs_a_way_to_reach_the_reporter() {
    let named = ReportInput {
        anonymous: false,
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&named, NOW)), ["contact_email"]);
    let reachable = ReportInput {
        anonymous: false,
        contact_phone: Some("07700 900 982".into()),
        ..input()
    };
    let report = NewReport::parse(&reachable, NOW).unwrap();
    assert_eq!(
        report.contact.unwrap().phone.as_deref(),
        Some("07700900982")
    );
}

#[test]
fn malformed_email_and_phone_are_refused() {
    let bad = ReportInput {
        anonymous: false,
        contact_email: Some("not an email".into()),
        contact_phone: Some("call me".into()),
        ..input()
    };
    assert_eq!(
        fields(NewReport::parse(&bad, NOW)),
        ["contact_email", "contact_phone"]
    );
}

#[test]
fn markup_is_kept_as_text_for_pages_to_escape_but_control_characters_are_refused() {
    let markup = ReportInput {
        description: "<script>alert(1)</script>".into(),
        ..input()
    };
    assert_eq!(
        NewReport::parse(&markup, NOW).unwrap().description,
        "<script>alert(1)</script>"
    );
    let control = ReportInput {
        description: "bell\u{7}".into(),
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&control, NOW)), ["description"]);
}

#[test]
fn two_kinds_of_place_at_once_are_refused() {
    let both = ReportInput {
        online: true,
        ..input()
    };
    assert_eq!(fields(NewReport::parse(&both, NOW)), ["location"]);
}

#[test]
fn victims_of_domestic_abuse_have_enhanced_rights() {
    let report = ReportInput {
        category: "domestic-abuse".into(),
        reporter_role: "victim".into(),
        ..input()
    };
    let report = NewReport::parse(&report, NOW).unwrap();
    assert!(report.enhanced_rights.is_some());
    assert!(report.has_victim());
}

#[test]
fn persistently_targeted_victims_have_enhanced_rights() {
    let report = ReportInput {
        reporter_role: "victim".into(),
        targeted_before: true,
        ..input()
    };
    assert_eq!(
        NewReport::parse(&report, NOW).unwrap().enhanced_rights,
        Some("persistently targeted")
    );
}

#[test]
fn sensitive_categories_are_marked() {
    assert!(Category::DomesticAbuse.is_sensitive());
    assert!(Category::HateIncident.is_sensitive());
    assert!(Category::ViolentCrime.is_sensitive());
    assert!(!Category::AntiSocialBehaviour.is_sensitive());
}

#[test]
fn every_category_slug_parses_back() {
    for category in Category::ALL {
        assert_eq!(Category::parse(category.slug()), Some(category));
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_never_panics(
            description in ".{0,50}",
            category in ".{0,20}",
            postcode in proptest::option::of(".{0,10}"),
            email in proptest::option::of(".{0,30}"),
            phone in proptest::option::of(".{0,20}"),
            anonymous in any::<bool>(),
            online in any::<bool>(),
        ) {
            let raw = ReportInput {
                description, category, postcode, online, anonymous,
                contact_email: email, contact_phone: phone,
                occurred_at: Some(NOW),
                reporter_role: "victim".into(),
                ..ReportInput::default()
            };
            let _ = NewReport::parse(&raw, NOW);
        }

        #[test]
        fn an_anonymous_report_never_keeps_contact_details(
            email in proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.com"),
        ) {
            let raw = ReportInput { contact_email: email, ..input() };
            if let Ok(report) = NewReport::parse(&raw, NOW) {
                prop_assert!(report.contact.is_none());
            }
        }
    }
}

#[test]
fn safe_contact_preferences_read_as_instructions() {
    let safe = SafeContact {
        channels: vec![ContactChannel::Text],
        safe_times: " weekdays 10-12 ".into(),
        no_voicemail: true,
        shared_device: true,
    };
    assert_eq!(
        safe.instructions(),
        [
            "Only contact them by: text",
            "Safe times: weekdays 10-12",
            "Do not leave a voicemail",
            "Someone else may see their phone or messages: say nothing revealing in a message",
        ]
    );
    assert!(SafeContact::default().instructions().is_empty());
}

#[test]
fn every_problem_carries_a_listed_code_by_which_pages_word_it() {
    let now = datetime!(2026-11-26 12:00 UTC);
    let bad = [
        ReportInput::default(),
        ReportInput {
            description: "x".repeat(4_001),
            occurred_at: Some(now + Duration::days(1)),
            postcode: Some("nope".into()),
            online: true,
            contact_email: Some("not an email".into()),
            contact_phone: Some("abc".into()),
            safe_channels: vec!["pigeon".into(), "text".into()],
            ..input()
        },
        ReportInput {
            anonymous: true,
            contact_name: Some("Ann".into()),
            occurred_at: Some(now - Duration::days(365 * 21)),
            point: Some((f64::NAN, 0.0)),
            description: "bad \u{7} bell".into(),
            ..input()
        },
        ReportInput {
            anonymous: false,
            contact_name: None,
            contact_email: Some("ann@example.com".into()),
            contact_phone: None,
            safe_channels: vec!["text".into()],
            ..input()
        },
    ];
    let mut seen = std::collections::BTreeSet::new();
    for input in &bad {
        for problem in NewReport::parse(input, now).unwrap_err() {
            assert!(PROBLEM_CODES.contains(&problem.code), "{problem:?}");
            seen.insert(problem.code);
        }
    }
    assert!(seen.len() >= 10, "{seen:?}");
}
