//! The people area.

use super::*;

/// A person round-trips with skills, training, associations and clearances; a trigger and a
/// review are kept; a taken id is a conflict.
async fn people_round_trip_and_clearances_are_updated(store: Arc<dyn Store>) {
    use peel_core::people::matching as m;
    use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
    use peel_core::people::training::Completion;
    use peel_core::people::vetting::{Clearance, Level, Scope, Status, Trigger};
    use time::macros::date;
    let clearance = Clearance {
        level: Level::Nppv2,
        scopes: vec![Scope::DomesticAbuse, Scope::Cyber],
        granted: date!(2025 - 02 - 01),
        expires: date!(2028 - 02 - 01),
        aftercare_due: date!(2026 - 12 - 20),
        status: Status::Active,
        suspended: Vec::new(),
    };
    let record = peel_store::PersonRecord {
        person: m::Person {
            id: person("vol-ann"),
            name: "Ann Volunteer".into(),
            kind: m::PersonKind::Volunteer,
            home: Some((51.55, -0.06)),
            languages: vec!["en".into(), "pl".into()],
            skills: vec![
                HeldSkill {
                    skill: Skill::CyberHelp,
                    level: SkillLevel::Expert,
                    evidence: Some(Evidence {
                        body: "BCS".into(),
                        number: "990011".into(),
                        verified: Some(("vet.officer".into(), date!(2026 - 03 - 01))),
                    }),
                },
                HeldSkill {
                    skill: Skill::Interpreting("pl".into()),
                    level: SkillLevel::Working,
                    evidence: None,
                },
            ],
            clearances: vec![clearance.clone()],
            training: vec![Completion {
                module: "victim-care".into(),
                completed: date!(2026 - 01 - 10),
                expires: Some(date!(2027 - 01 - 10)),
                version: 1,
                how: peel_core::people::training::Learning::Online,
            }],
            associations: vec![m::Association {
                kind: m::AssociationKind::School,
                value: m::normalise("Hackney Downs School"),
            }],
            availability: m::Availability {
                weekly: vec![m::Slot {
                    day: time::Weekday::Wednesday,
                    from: 540,
                    until: 1020,
                }],
                away: vec![(date!(2026 - 12 - 20), date!(2027 - 01 - 03))],
            },
        },
        username: Some(name("ann.v")),
        team: Some(team("panel-hackney")),
        clearance_ids: Vec::new(),
    };
    store
        .create_person(&record, event(T0, "person.created", "person:vol-ann"))
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_person(&record, event(T0, "person.created", "person:vol-ann"))
            .await,
        Err(StoreError::Conflict(peel_store::Conflict::Person))
    ));
    let people = store.people().await.unwrap();
    assert_eq!(people.len(), 1);
    let stored = &people[0];
    assert_eq!(stored.person, record.person);
    assert_eq!(
        (stored.username.clone(), stored.team.clone()),
        (Some(name("ann.v")), Some(team("panel-hackney")))
    );
    assert_eq!(stored.clearance_ids.len(), 1);
    assert_eq!(
        store.person(&person("vol-ann")).await.unwrap().as_ref(),
        Some(stored)
    );
    assert_eq!(
        store
            .person_of_account(&name("ann.v"))
            .await
            .unwrap()
            .as_ref(),
        Some(stored),
        "the person behind an account, with everything about them"
    );
    assert!(store.person(&person("nobody")).await.unwrap().is_none());
    assert!(
        store
            .person_of_account(&name("no.one"))
            .await
            .unwrap()
            .is_none()
    );

    let id = stored.clearance_ids[0];
    let mut changed = stored.person.clearances[0].clone();
    changed.trigger(
        &Trigger::ChangeOfCircumstances("new partner".into()),
        &[Scope::DomesticAbuse],
        date!(2026 - 11 - 20),
    );
    assert!(
        store
            .update_clearance(
                id,
                &changed,
                event(T0, "clearance.suspended", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    let again = store.people().await.unwrap();
    assert_eq!(again[0].person.clearances[0], changed);
    changed.review(&[Scope::DomesticAbuse], date!(2026 - 11 - 25));
    store
        .update_clearance(
            id,
            &changed,
            event(T0, "clearance.reviewed", "person:vol-ann"),
        )
        .await
        .unwrap();
    let reviewed = store.people().await.unwrap();
    assert!(reviewed[0].person.clearances[0].suspended.is_empty());
    assert_eq!(
        reviewed[0].person.clearances[0].aftercare_due,
        date!(2027 - 11 - 25)
    );
    assert!(
        !store
            .update_clearance(
                peel_core::ClearanceId(id.0 + 100),
                &changed,
                event(T0, "clearance.reviewed", "person:x")
            )
            .await
            .unwrap()
    );
    // Evidence checked again later; a skill with no evidence has nothing to check.
    assert!(
        store
            .verify_skill(
                &person("vol-ann"),
                &Skill::CyberHelp,
                "vet.lead",
                date!(2026 - 11 - 26),
                event(T0, "skill.verified", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .verify_skill(
                &person("vol-ann"),
                &Skill::Interpreting("pl".into()),
                "vet.lead",
                date!(2026 - 11 - 26),
                event(T0, "skill.verified", "person:vol-ann")
            )
            .await
            .unwrap()
    );
    let checked = store.people().await.unwrap();
    let evidence = checked[0].person.skills[0].evidence.as_ref().unwrap();
    assert_eq!(
        evidence.verified,
        Some(("vet.lead".to_owned(), date!(2026 - 11 - 26)))
    );
}

/// Abstractions and rosters are kept and read back by the days asked for.
async fn abstractions_and_rosters_are_read_by_period(store: Arc<dyn Store>) {
    use peel_core::people::abstraction::{Abstraction, Cause};
    use time::macros::date;
    let away = |day: time::Date, hours: f64| Abstraction {
        officer: "PC Smith".into(),
        ward: ward("E05013806"),
        day,
        hours,
        cause: Cause::Demonstration,
        reason: "march on Whitehall".into(),
    };
    for (day, hours) in [(date!(2026 - 10 - 31), 8.0), (date!(2026 - 11 - 02), 6.5)] {
        store
            .record_abstraction(
                &away(day, hours),
                "sgt.patel",
                event(T0, "abstraction.recorded", "ward:E05013806"),
            )
            .await
            .unwrap();
    }
    for hours in [900.0, 950.0] {
        let roster = peel_store::Roster {
            ward: ward("E05013806"),
            month: date!(2026 - 11 - 01),
            hours,
        };
        store
            .set_roster(&roster, event(T0, "roster.set", "ward:E05013806"))
            .await
            .unwrap();
    }
    let (log, rosters) = store
        .abstractions_between(date!(2026 - 11 - 01), date!(2026 - 12 - 01))
        .await
        .unwrap();
    assert_eq!(log, vec![away(date!(2026 - 11 - 02), 6.5)]);
    assert_eq!(
        rosters,
        vec![peel_store::Roster {
            ward: ward("E05013806"),
            month: date!(2026 - 11 - 01),
            hours: 950.0
        }]
    );
}

/// Vetting review items: people found by their own identifiers, raised, listed open first,
/// closed once.
async fn vetting_reviews_are_raised_listed_and_closed_once(store: Arc<dyn Store>) {
    use peel_core::people::matching as m;
    let record = peel_store::PersonRecord {
        person: m::Person {
            id: person("vol-bo"),
            name: "Bo Volunteer".into(),
            kind: m::PersonKind::Volunteer,
            home: None,
            languages: vec!["en".into()],
            skills: Vec::new(),
            clearances: Vec::new(),
            training: Vec::new(),
            associations: vec![
                m::Association {
                    kind: m::AssociationKind::Linked,
                    value: m::normalise("+447700900111"),
                },
                m::Association {
                    kind: m::AssociationKind::School,
                    value: m::normalise("447700900222"),
                },
            ],
            availability: m::Availability::default(),
        },
        username: None,
        team: None,
        clearance_ids: Vec::new(),
    };
    store
        .create_person(&record, event(T0, "person.created", "person:vol-bo"))
        .await
        .unwrap();
    let held = store
        .people_holding(&[m::normalise("+447700900111"), m::normalise("447700900222")])
        .await
        .unwrap();
    // Only their own details count, not a school that happens to read the same.
    assert_eq!(held, vec![(person("vol-bo"), "447700900111".to_owned())]);
    assert!(store.people_holding(&[]).await.unwrap().is_empty());
    let review = |n: u128, at: time::OffsetDateTime| peel_store::VettingReview {
        id: uuid::Uuid::from_u128(n),
        person: person("vol-bo"),
        reason: format!("reason {n}"),
        source: format!("submission:{n}"),
        raised_at: at,
        closed: None,
    };
    store
        .raise_reviews(
            &[review(1, T0), review(2, T0 + time::Duration::hours(1))],
            vec![event(T0, "vetting.review_raised", "person:vol-bo")],
        )
        .await
        .unwrap();
    let listed = store.vetting_reviews().await.unwrap();
    assert_eq!(
        listed,
        vec![review(2, T0 + time::Duration::hours(1)), review(1, T0)]
    );
    let closing = || event(T0, "vetting.review_closed", "person:vol-bo");
    assert!(
        store
            .close_review(
                uuid::Uuid::from_u128(2),
                "vet.officer",
                "no concern",
                T0,
                closing()
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .close_review(
                uuid::Uuid::from_u128(2),
                "vet.officer",
                "again",
                T0,
                closing()
            )
            .await
            .unwrap()
    );
    let listed = store.vetting_reviews().await.unwrap();
    assert_eq!(listed[0].id, uuid::Uuid::from_u128(1), "open first");
    assert_eq!(
        listed[1].closed,
        Some(("vet.officer".to_owned(), T0, "no concern".to_owned()))
    );
}

/// Module revisions are kept by version (a version twice is a conflict), and a completion is
/// recorded with its version and how, replacing one of the same day.
async fn training_revisions_and_completions_round_trip(store: Arc<dyn Store>) {
    use peel_core::people::matching as m;
    use peel_core::people::training::{Completion, Learning, Revision};
    use time::macros::date;
    let record = peel_store::PersonRecord {
        person: m::Person {
            id: person("vol-cy"),
            name: "Cy Volunteer".into(),
            kind: m::PersonKind::Volunteer,
            home: None,
            languages: vec!["en".into()],
            skills: Vec::new(),
            clearances: Vec::new(),
            training: Vec::new(),
            associations: Vec::new(),
            availability: m::Availability::default(),
        },
        username: None,
        team: None,
        clearance_ids: Vec::new(),
    };
    store
        .create_person(&record, event(T0, "person.created", "person:vol-cy"))
        .await
        .unwrap();
    let revision = Revision {
        module: "victim-care".into(),
        version: 2,
        on: date!(2026 - 12 - 01),
        what_changed: "coercive control added".into(),
    };
    let revised = || event(T0, "training.revised", "module:victim-care");
    store.revise_module(&revision, revised()).await.unwrap();
    assert!(matches!(
        store.revise_module(&revision, revised()).await,
        Err(peel_store::StoreError::Conflict(
            peel_store::Conflict::Revision
        ))
    ));
    assert_eq!(store.module_revisions().await.unwrap(), vec![revision]);
    let done = |how| Completion {
        module: "victim-care".into(),
        completed: date!(2026 - 12 - 02),
        expires: Some(date!(2027 - 12 - 02)),
        version: 2,
        how,
    };
    let recorded = || event(T0, "training.recorded", "person:vol-cy");
    assert!(
        store
            .record_completion(&person("vol-cy"), &done(Learning::Online), recorded())
            .await
            .unwrap()
    );
    assert!(
        store
            .record_completion(&person("vol-cy"), &done(Learning::Supervised), recorded())
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_completion(&person("nobody"), &done(Learning::Online), recorded())
            .await
            .unwrap()
    );
    let cy = store.person(&person("vol-cy")).await.unwrap().unwrap();
    assert_eq!(cy.person.training, vec![done(Learning::Supervised)]);
}

contract!(
    store: people_round_trip_and_clearances_are_updated,
        abstractions_and_rosters_are_read_by_period,
        vetting_reviews_are_raised_listed_and_closed_once,
        training_revisions_and_completions_round_trip;
    raw:
);
