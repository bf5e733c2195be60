use super::*;
use crate::submission::{NewReport, ReportInput};
use proptest::prelude::*;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);
/// An invented table in the published shape (not the real weights, which stay in shared/data).
const TABLE: &str = "category,prc_subgroup,cchi_days,national_count
Violence and sexual offences,Serious,400.0,100
Violence and sexual offences,Minor,10.0,300
Public order,Public order offences,8.0,50
Shoplifting,Shoplifting,1.0,500
Other theft,Other theft offences,2.0,40
Burglary,Residential burglary,300.0,30
Burglary,Non-residential burglary,200.0,10
Robbery,Robbery of personal property,350.0,20
Bicycle theft,Bicycle theft,2.0,60
";

fn report(description: &str, category: &str, hours_ago: i64) -> NewReport {
    let input = ReportInput {
        description: description.into(),
        category: category.into(),
        occurred_at: Some(NOW - Duration::hours(hours_ago)),
        online: true,
        reporter_role: "witness".into(),
        anonymous: true,
        ..ReportInput::default()
    };
    NewReport::parse(&input, NOW).unwrap()
}

fn grade(description: &str, category: &str, hours_ago: i64) -> Assessment {
    let harm = HarmTable::from_csv(TABLE).unwrap();
    assess(
        &report(description, category, hours_ago),
        History::default(),
        NOW,
        &harm,
        &ContactTimes::default(),
        &WorkingCalendar::default(),
    )
}

fn codes(assessment: &Assessment) -> Vec<&str> {
    assessment.reasons.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn a_weapon_and_a_child_is_grade_i_with_both_reasons() {
    let a = grade(
        "A man waved a knife at a child outside the shop",
        "violent-crime",
        5,
    );
    assert_eq!(a.grade, Grade::I);
    for code in [
        "threat.weapon",
        "vulnerability.child",
        "risk.danger_to_life",
    ] {
        assert!(
            codes(&a).contains(&code),
            "{code} missing from {:?}",
            codes(&a)
        );
    }
    assert_eq!(a.first_contact_due, NOW + Duration::minutes(15));
}

#[test]
fn a_threat_to_life_is_grade_i() {
    assert_eq!(
        grade("My friend says she is suicidal", "not-sure", 3).grade,
        Grade::I
    );
}

#[test]
fn a_weapon_alone_is_at_least_s() {
    let a = grade(
        "Saw someone with a knife in his bag last week",
        "possession-of-weapons",
        100,
    );
    assert_eq!(a.grade, Grade::S);
    assert_eq!(a.first_contact_due, NOW + Duration::hours(1));
}

#[test]
fn an_injury_raises_to_s() {
    assert_eq!(
        grade(
            "He was bleeding after the fight",
            "anti-social-behaviour",
            48
        )
        .grade,
        Grade::S
    );
}

#[test]
fn something_happening_now_raises_to_s() {
    let a = grade(
        "They are outside now kicking the door",
        "criminal-damage-arson",
        0,
    );
    assert!(codes(&a).contains(&"risk.in_progress"));
    assert!(a.grade >= Grade::S);
}

#[test]
fn a_fresh_report_has_an_investigation_opportunity() {
    assert!(
        codes(&grade("Bike taken from the rack", "bicycle-theft", 0))
            .contains(&"investigation.fresh")
    );
}

#[test]
fn an_old_low_harm_report_is_r_with_five_working_days() {
    let a = grade("My bike was taken from the rack", "bicycle-theft", 72);
    assert_eq!(a.grade, Grade::R);
    assert_eq!(
        a.first_contact_due,
        WorkingCalendar::default().add_working_days(NOW, 5)
    );
}

#[test]
fn an_old_anti_social_report_is_e_with_24_hours() {
    let a = grade("Loud music every night", "anti-social-behaviour", 72);
    assert_eq!(a.grade, Grade::E);
    assert_eq!(a.first_contact_due, NOW + Duration::hours(24));
}

#[test]
fn hate_is_s_and_says_why() {
    let a = grade("Shouted abuse at me in the street", "hate-incident", 72);
    assert_eq!(a.grade, Grade::S);
    assert!(codes(&a).contains(&"vulnerability.hate"));
}

#[test]
fn older_and_disabled_people_raise_the_grade() {
    assert_eq!(
        grade("Someone conned my elderly neighbour", "fraud", 72).grade,
        Grade::E
    );
    assert_eq!(
        grade("They took the wheelchair user's phone", "other-theft", 72).grade,
        Grade::E
    );
}

#[test]
fn mental_health_needs_are_flagged_and_raise_the_grade() {
    let a = grade(
        "Took money from a man with schizophrenia",
        "other-theft",
        72,
    );
    assert!(codes(&a).contains(&"vulnerability.mental_health"));
    assert_eq!(a.grade, Grade::E);
}

#[test]
fn a_different_language_is_flagged() {
    let harm = HarmTable::default();
    let mut r = report("Bike taken", "bicycle-theft", 72);
    r.language = "Polish".into();
    let a = assess(
        &r,
        History::default(),
        NOW,
        &harm,
        &ContactTimes::default(),
        &WorkingCalendar::default(),
    );
    assert!(codes(&a).contains(&"vulnerability.language"));
}

#[test]
fn a_repeat_victim_is_flagged_and_raised() {
    let harm = HarmTable::from_csv(TABLE).unwrap();
    let a = assess(
        &report("My bike was taken again", "bicycle-theft", 72),
        History { earlier_reports: 2 },
        NOW,
        &harm,
        &ContactTimes::default(),
        &WorkingCalendar::default(),
    );
    assert!(codes(&a).contains(&"vulnerability.repeat"));
    assert_eq!(a.grade, Grade::E);
}

#[test]
fn harm_weights_come_from_the_table_as_count_weighted_means() {
    let harm = HarmTable::from_csv(TABLE).unwrap();
    assert!((harm.days(Category::Robbery) - 350.0).abs() < 1e-9);
    assert!((harm.days(Category::Shoplifting) - 1.0).abs() < 1e-9);
    assert!(
        (harm.days(Category::Burglary) - 275.0).abs() < 1e-9,
        "(300*30 + 200*10) / 40"
    );
    assert!(
        (harm.days(Category::OtherCrime) - 1.0).abs() < 1e-9,
        "absent from the table"
    );
}

#[test]
fn a_malformed_harm_table_is_refused_with_the_line() {
    let err =
        HarmTable::from_csv("category,prc_subgroup,cchi_days,national_count\nBurglary,x,lots,3\n")
            .unwrap_err();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn contact_times_are_configurable() {
    let harm = HarmTable::default();
    let times = ContactTimes {
        immediate: Duration::minutes(10),
        ..ContactTimes::default()
    };
    let a = assess(
        &report("knife and a child", "violent-crime", 1),
        History::default(),
        NOW,
        &harm,
        &times,
        &WorkingCalendar::default(),
    );
    assert_eq!(a.first_contact_due, NOW + Duration::minutes(10));
}

proptest! {
    #[test]
    fn adding_a_vulnerability_never_lowers_the_grade(
        text in "[a-z ]{0,60}",
        category in 0usize..19,
        hours in 0i64..200,
        extra in prop::sample::select(vec!["child", "elderly", "wheelchair", "knife", "bleeding", "suicidal", "bipolar"]),
    ) {
        let slug = Category::ALL[category].slug();
        let before = grade(&format!("report {text}"), slug, hours);
        let after = grade(&format!("report {text} {extra}"), slug, hours);
        prop_assert!(after.grade >= before.grade, "{:?} -> {:?}", before.grade, after.grade);
    }

    #[test]
    fn any_text_is_triaged_without_panicking(text in "\\PC{1,300}") {
        let _ = grade(&text, "not-sure", 1);
    }
}

#[test]
fn a_scam_verdict_becomes_a_reason_naming_the_words_that_pushed_it() {
    let prediction = crate::classifier::Prediction {
        probability: 0.93,
        reasons: vec![
            crate::classifier::Contribution {
                feature: "w:prize".into(),
                weight: 0.8,
            },
            crate::classifier::Contribution {
                feature: "w:hello".into(),
                weight: -0.2,
            },
            crate::classifier::Contribution {
                feature: "c:£1".into(),
                weight: 0.5,
            },
        ],
    };
    let reason = scam_reason(&prediction).unwrap();
    assert_eq!(reason.code, "investigation.scam_message");
    assert!(
        reason.text.contains("93%") && reason.text.contains("prize") && reason.text.contains("£1")
    );
    assert!(!reason.text.contains("hello"));
    let benign = crate::classifier::Prediction {
        probability: 0.2,
        reasons: vec![],
    };
    assert!(scam_reason(&benign).is_none());
}

fn with(mut r: NewReport, f: impl FnOnce(&mut NewReport)) -> Assessment {
    f(&mut r);
    let harm = HarmTable::from_csv(TABLE).unwrap();
    assess(
        &r,
        History::default(),
        NOW,
        &harm,
        &ContactTimes::default(),
        &WorkingCalendar::default(),
    )
}

#[test]
fn a_high_harm_category_says_so() {
    assert!(codes(&grade("Someone robbed me", "robbery", 72)).contains(&"harm.serious_category"));
    assert!(!codes(&grade("Bike taken", "bicycle-theft", 72)).contains(&"harm.serious_category"));
}

#[test]
fn enhanced_rights_are_a_vulnerability_reason() {
    let a = with(report("Hit by my partner", "domestic-abuse", 72), |r| {
        r.enhanced_rights = Some("victim of one of the most serious crimes")
    });
    assert!(codes(&a).contains(&"vulnerability.enhanced_rights"));
}

#[test]
fn engagement_says_whether_the_reporter_can_be_contacted_safely() {
    assert!(codes(&grade("Noise", "anti-social-behaviour", 72)).contains(&"engagement.anonymous"));
    let a = with(report("Noise", "anti-social-behaviour", 72), |r| {
        r.contact = Some(crate::submission::Contact {
            name: None,
            email: Some("a@example.com".into()),
            phone: None,
        });
        r.safe_contact.no_voicemail = true;
    });
    assert!(codes(&a).contains(&"engagement.safe_contact"));
}

#[test]
fn every_reason_has_a_sentence() {
    let a = grade(
        "A man with a knife and a bleeding child outside now, my elderly disabled neighbour is suicidal",
        "hate-incident",
        0,
    );
    assert!(a.reasons.len() >= 8);
    assert!(
        a.reasons
            .iter()
            .all(|r| r.text.len() > 10 && r.code.contains('.'))
    );
}

/// Finding P0-7: a knife at the door right now is present danger; a break-in last week is not.
#[test]
fn present_danger_is_found_in_what_happened() {
    let urgent = grade(
        "He is outside my door right now with a knife shouting that he will kill me",
        "not-sure",
        0,
    );
    assert!(!urgent.present_danger().is_empty(), "{:?}", urgent.reasons);
    let old = grade("The shed was broken into last week", "burglary", 24 * 7);
    assert!(old.present_danger().is_empty(), "{:?}", old.reasons);
}

#[test]
fn an_ani_concern_with_the_person_present_is_immediate_and_due_at_the_call_back() {
    use crate::concern::{Codeword, ConcernFacts, Sector};
    let mut concern = report("She asked for ANI at the counter", "domestic-abuse", 0);
    concern.reporter_role = ReporterRole::ThirdParty;
    concern.concern = Some(ConcernFacts {
        organisation: crate::OrganisationId::parse("boots-camden").unwrap(),
        organisation_name: "Boots".to_owned(),
        sector: Sector::Pharmacy,
        call_back: "020 7946 0001".to_owned(),
        about: String::new(),
        person_present: true,
        codeword: Some(Codeword::ani()),
        called_999: false,
        consent: true,
    });
    let harm = HarmTable::from_csv(TABLE).unwrap();
    let judged = assess(
        &concern,
        History::default(),
        NOW,
        &harm,
        &ContactTimes::default(),
        &WorkingCalendar::default(),
    );
    assert_eq!(judged.grade, Grade::I);
    assert!(codes(&judged).contains(&"codeword.present_no_999"));
    assert!(codes(&judged).contains(&"codeword.dash"));
    // Ten minutes for the call back, sooner than the I-grade's fifteen.
    assert_eq!(judged.first_contact_due, NOW + Duration::minutes(10));
}
