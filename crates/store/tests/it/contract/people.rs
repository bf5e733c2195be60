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
            id: "vol-ann".into(),
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
        username: Some("ann.v".into()),
        team_id: Some("panel-hackney".into()),
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
        Err(StoreError::Conflict(_))
    ));
    let people = store.people().await.unwrap();
    assert_eq!(people.len(), 1);
    let stored = &people[0];
    assert_eq!(stored.person, record.person);
    assert_eq!(
        (stored.username.as_deref(), stored.team_id.as_deref()),
        (Some("ann.v"), Some("panel-hackney"))
    );
    assert_eq!(stored.clearance_ids.len(), 1);
    assert_eq!(
        store.person("vol-ann").await.unwrap().as_ref(),
        Some(stored)
    );
    assert!(store.person("nobody").await.unwrap().is_none());

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
                id + 100,
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
                "vol-ann",
                "cyber_help",
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
                "vol-ann",
                "interpreting:pl",
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
    tasks_are_offered_accepted_and_done(store.as_ref()).await;
}

/// A task on a submission is offered, accepted and done; a stale move changes nothing.
async fn tasks_are_offered_accepted_and_done(store: &dyn Store) {
    use peel_core::people::matching as m;
    use peel_core::people::vetting::Scope;
    use peel_store::TaskStatus::{Accepted, Assigned, Done, Open};
    use time::macros::date;
    let mut requirements = m::TaskKind::VictimVisit.requirements();
    requirements.scope = Some(Scope::DomesticAbuse);
    let task = peel_store::TaskRecord {
        task: m::Task {
            id: "task-1".into(),
            kind: m::TaskKind::VictimVisit,
            requirements,
            language: Some("pl".into()),
            place: Some((51.55, -0.06)),
            window: m::Window {
                day: date!(2026 - 12 - 02),
                from: 600,
                until: 660,
            },
            touches: vec!["pembury estate".into(), "1 mare street".into()],
            previous: Vec::new(),
        },
        item: Some("submission:r1".into()),
        status: Open,
        assigned_to: None,
        created_by: "sgt.patel".into(),
        created_at: T0,
        hours: None,
        visit_note: None,
    };
    store
        .create_task(&task, event(T0, "task.created", "submission:r1"))
        .await
        .unwrap();
    assert_eq!(store.task("task-1").await.unwrap(), Some(task.clone()));
    assert_eq!(store.tasks_not_done().await.unwrap(), vec![task.clone()]);
    let step = |from: peel_store::TaskStatus, to, who: Option<&str>, done: Option<(f64, &str)>| {
        peel_store::TaskMove {
            from: vec![from],
            to,
            assigned_to: who.map(str::to_owned),
            done: done.map(|(h, n)| (h, n.to_owned())),
            at: T0 + Duration::hours(1),
        }
    };
    let audit = |name: &str| event(T0, name, "submission:r1");
    assert!(
        store
            .move_task(
                "task-1",
                &step(Open, Assigned, Some("vol-ann"), None),
                audit("task.assigned")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .move_task(
                "task-1",
                &step(Open, Assigned, Some("vol-bob"), None),
                audit("task.assigned")
            )
            .await
            .unwrap(),
        "already assigned: a second supervisor's click changes nothing"
    );
    assert!(
        store
            .move_task(
                "task-1",
                &step(Assigned, Accepted, None, None),
                audit("task.accepted")
            )
            .await
            .unwrap()
    );
    let note = "Sat with her; new locks booked";
    assert!(
        store
            .move_task(
                "task-1",
                &step(Accepted, Done, None, Some((1.5, note))),
                audit("task.done")
            )
            .await
            .unwrap()
    );
    let done = store.task("task-1").await.unwrap().unwrap();
    assert_eq!(
        (
            done.status,
            done.assigned_to.as_deref(),
            done.hours,
            done.visit_note.as_deref()
        ),
        (Done, Some("vol-ann"), Some(1.5), Some(note))
    );
    assert_eq!(store.tasks_of_person("vol-ann").await.unwrap().len(), 1);
    assert!(
        store.tasks_not_done().await.unwrap().is_empty(),
        "the only task is done"
    );
    assert_eq!(store.tasks_of_item("submission:r1").await.unwrap().len(), 1);
    assert!(
        store
            .tasks_of_item("submission:r2")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.task("task-2").await.unwrap().is_none());
}

/// Abstractions and rosters are kept and read back by the days asked for.
async fn abstractions_and_rosters_are_read_by_period(store: Arc<dyn Store>) {
    use peel_core::people::abstraction::{Abstraction, Cause};
    use time::macros::date;
    let away = |day: time::Date, hours: f64| Abstraction {
        officer: "PC Smith".into(),
        ward: "E05013806".into(),
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
    store
        .set_roster(
            "E05013806",
            date!(2026 - 11 - 01),
            900.0,
            event(T0, "roster.set", "ward:E05013806"),
        )
        .await
        .unwrap();
    store
        .set_roster(
            "E05013806",
            date!(2026 - 11 - 01),
            950.0,
            event(T0, "roster.set", "ward:E05013806"),
        )
        .await
        .unwrap();
    let (log, rosters) = store
        .abstractions_between(date!(2026 - 11 - 01), date!(2026 - 12 - 01))
        .await
        .unwrap();
    assert_eq!(log, vec![away(date!(2026 - 11 - 02), 6.5)]);
    assert_eq!(
        rosters,
        vec![("E05013806".to_owned(), date!(2026 - 11 - 01), 950.0)]
    );
}

contract!(
    store: people_round_trip_and_clearances_are_updated,
        abstractions_and_rosters_are_read_by_period;
    raw:
);
