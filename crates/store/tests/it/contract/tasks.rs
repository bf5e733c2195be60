//! The tasks area.

use super::*;

/// A task on a submission is offered, accepted and done; a stale move changes nothing.
async fn tasks_are_offered_accepted_and_done(store: Arc<dyn Store>) {
    use peel_core::people::matching as m;
    use peel_core::people::task::TaskStatus::{self, Accepted, Assigned, Done, Open};
    use peel_core::people::vetting::Scope;
    use time::macros::date;
    let task_id = peel_core::TaskId(Uuid::from_u128(1));
    let item = peel_core::ItemRef::Submission(peel_core::SubmissionId(Uuid::from_u128(9)));
    let mut requirements = m::TaskKind::VictimVisit.requirements();
    requirements.scope = Some(Scope::DomesticAbuse);
    let task = peel_store::TaskRecord {
        task: m::Task {
            id: task_id,
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
        item: Some(item),
        status: Open,
        assigned_to: None,
        created_by: "sgt.patel".into(),
        created_at: T0,
        hours: None,
        visit_note: None,
        return_reason: None,
        briefing: None,
        duty_phone: None,
    };
    for id in ["vol-ann", "vol-bob"] {
        let someone = peel_store::PersonRecord {
            person: m::Person {
                id: person(id),
                name: id.into(),
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
            .create_person(&someone, event(T0, "person.created", ""))
            .await
            .unwrap();
    }
    store
        .create_task(&task, event(T0, "task.created", "submission:r1"))
        .await
        .unwrap();
    assert_eq!(store.task(task_id).await.unwrap(), Some(task.clone()));
    assert_eq!(store.tasks_not_done().await.unwrap(), vec![task.clone()]);
    let step =
        |from: TaskStatus, to, who: Option<&str>, done: Option<(f64, &str)>| peel_store::TaskMove {
            from: vec![from],
            to,
            assigned_to: who.map(person),
            done: done.map(|(h, n)| (h, n.to_owned())),
            at: T0 + Duration::hours(1),
            returned: None,
        };
    let audit = |name: &str| event(T0, name, "submission:r1");
    assert!(
        store
            .move_task(
                task_id,
                &step(Open, Assigned, Some("vol-ann"), None),
                audit("task.assigned")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .move_task(
                task_id,
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
                task_id,
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
                task_id,
                &step(Accepted, Done, None, Some((1.5, note))),
                audit("task.done")
            )
            .await
            .unwrap()
    );
    let done = store.task(task_id).await.unwrap().unwrap();
    assert_eq!(
        (
            done.status,
            done.assigned_to.clone(),
            done.hours,
            done.visit_note.as_deref()
        ),
        (Done, Some(person("vol-ann")), Some(1.5), Some(note))
    );
    assert_eq!(
        store
            .tasks_of_person(&person("vol-ann"))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store.tasks_not_done().await.unwrap().is_empty(),
        "the only task is done"
    );
    // The hours it gave count on its day, with its place.
    assert_eq!(
        store
            .task_hours(date!(2026 - 12 - 01), date!(2027 - 01 - 01))
            .await
            .unwrap(),
        vec![(Some((51.55, -0.06)), 1.5)]
    );
    assert!(
        store
            .task_hours(date!(2026 - 11 - 01), date!(2026 - 12 - 01))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.tasks_of_item(item).await.unwrap().len(), 1);
    assert!(
        store
            .tasks_of_item(peel_core::ItemRef::Submission(peel_core::SubmissionId(
                Uuid::from_u128(8)
            )))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .task(peel_core::TaskId(Uuid::from_u128(2)))
            .await
            .unwrap()
            .is_none()
    );
}

contract!(
    store: tasks_are_offered_accepted_and_done;
    raw:
);
