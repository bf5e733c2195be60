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

contract!(
    store: people_round_trip_and_clearances_are_updated,
        abstractions_and_rosters_are_read_by_period;
    raw:
);
