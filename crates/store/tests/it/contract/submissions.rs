//! The submissions area.

use super::*;
use peel_core::submission::{ContactMethod, NoteKind, Stage};
use peel_core::triage::Grade;

async fn a_submission_round_trips_and_a_replayed_key_stores_nothing_twice(store: Arc<dyn Store>) {
    let first = submission("AAAA-AAAA-A", T0);
    let key = peel_store::Idempotency {
        scope: "api".into(),
        key: "k1".into(),
        request_digest: "r1".into(),
        response: format!("{{\"reference\":\"{}\"}}", first.reference),
    };
    let created = store
        .create_submission(
            &first,
            Some(&key),
            event(T0, "submission.received", ""),
            None,
            &[],
        )
        .await
        .unwrap()
        .0;
    assert_eq!(created, peel_store::CreateOutcome::Created);
    assert_eq!(
        store
            .submission_by_reference(&first.reference)
            .await
            .unwrap()
            .unwrap(),
        peel_store::Submission {
            // The review date is the retention rule's, from the category and the day received.
            review_due: Some(
                peel_core::retention::Group::of(first.category)
                    .review_after(peel_core::london::today(first.received_at))
            ),
            ..first.clone()
        }
    );

    let retry = submission("BBBB-BBBB-B", T0);
    let replayed = store
        .create_submission(
            &retry,
            Some(&key),
            event(T0, "submission.received", ""),
            None,
            &[],
        )
        .await
        .unwrap()
        .0;
    assert_eq!(
        replayed,
        peel_store::CreateOutcome::Replayed(key.response.clone())
    );
    assert!(
        store
            .submission_by_reference(&retry.reference)
            .await
            .unwrap()
            .is_none()
    );

    let other_body = peel_store::Idempotency {
        request_digest: "r2".into(),
        ..key.clone()
    };
    let clash = store
        .create_submission(
            &retry,
            Some(&other_body),
            event(T0, "login.succeeded", ""),
            None,
            &[],
        )
        .await;
    assert!(matches!(
        clash,
        Err(StoreError::Conflict(peel_store::Conflict::IdempotencyKey))
    ));
    let taken = store
        .create_submission(
            &submission("AAAA-AAAA-A", T0),
            None,
            event(T0, "login.succeeded", ""),
            None,
            &[],
        )
        .await;
    assert!(matches!(
        taken,
        Err(StoreError::Conflict(peel_store::Conflict::Reference))
    ));
    let codes: Vec<String> = store
        .audit_entries(&AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.event.as_str().to_owned())
        .collect();
    assert_eq!(
        codes,
        ["submission.received"],
        "only the stored submission is audited"
    );
}

async fn the_queue_puts_overdue_updates_first_then_grade_then_time_left(store: Arc<dyn Store>) {
    let old_overdue = submission("AAAA-AAAA-A", T0 - Duration::days(10));
    let mut recent = submission("BBBB-BBBB-B", T0 - Duration::hours(1));
    recent.category = peel_core::submission::Category::Robbery;
    let older = submission("CCCC-CCCC-C", T0 - Duration::days(2));
    let mut urgent = submission("DDDD-DDDD-D", T0 - Duration::days(3));
    if let Some(triage) = urgent.triage.as_mut() {
        triage.grade = Grade::I;
    }
    urgent.next_update_due = None;
    for s in [&old_overdue, &recent, &older, &urgent] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    let filter = peel_store::QueueFilter {
        team: team("snt-E05013806"),
        stage: None,
        category: None,
        received_after: None,
        now: T0,
        limit: 50,
        offset: 0,
    };
    let order: Vec<String> = store
        .queue(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference.to_string())
        .collect();
    // The I-grade whose first contact is overdue first (finding P1-12), then the overdue
    // update, then the E-grades by least time left to contact.
    assert_eq!(
        order,
        [&urgent, &old_overdue, &older, &recent].map(|s| s.reference.to_string())
    );
    let robbery = peel_store::QueueFilter {
        category: Some(peel_core::submission::Category::Robbery),
        ..filter.clone()
    };
    assert_eq!(store.queue(&robbery).await.unwrap().len(), 1);
    let other_team = peel_store::QueueFilter {
        team: TeamId::online(),
        ..filter
    };
    assert!(store.queue(&other_team).await.unwrap().is_empty());
}

async fn an_override_keeps_the_original_grade_and_overdue_first_contacts_are_listed(
    store: Arc<dyn Store>,
) {
    let late = submission("AAAA-AAAA-A", T0 - Duration::days(3));
    let on_time = submission("BBBB-BBBB-B", T0 - Duration::hours(1));
    for s in [&late, &on_time] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    let overdue: Vec<String> = store
        .overdue_first_contacts(T0, None)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference.to_string())
        .collect();
    assert_eq!(overdue, [late.reference.to_string()]);
    assert!(
        store
            .overdue_first_contacts(T0, Some(&[TeamId::online()]))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .overdue_first_contacts(T0, Some(&[TeamId::online(), late.team.clone()]))
            .await
            .unwrap()
            .len(),
        1,
        "its own team's list has it"
    );

    store
        .override_grade(
            late.id,
            &peel_store::GradeOverride {
                grade: Grade::S,
                reason: "Caller rang back: neighbour threatened".into(),
                by: "sgt.patel".into(),
                at: T0,
            },
            T0 + Duration::hours(1),
            event(T0, "submission.regraded", ""),
        )
        .await
        .unwrap();
    let stored = store.submission(late.id).await.unwrap().unwrap();
    assert_eq!(
        stored.triage.as_ref().map(|t| t.grade),
        Some(Grade::E),
        "the original grade is kept"
    );
    let given = stored.grade_override.as_ref().unwrap();
    assert_eq!((given.grade, given.by.as_str()), (Grade::S, "sgt.patel"));
    assert_eq!(stored.first_contact_due, Some(T0 + Duration::hours(1)));
    assert!(
        store
            .overdue_first_contacts(T0, None)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = store
        .override_counts(T0 - Duration::days(90))
        .await
        .unwrap();
    assert_eq!(
        counts,
        vec![peel_store::OverrideCount {
            triage: Some(Grade::E),
            given: Grade::S,
            category: peel_core::submission::Category::Burglary,
            count: 1
        }]
    );

    store
        .retriage(
            on_time.id,
            &peel_store::Triage {
                grade: Grade::S,
                harm_days: 2.0,
                reasons: vec![peel_core::triage::Reason {
                    code: "risk.dash_high".into(),
                    element: peel_core::triage::Element::Risk,
                    text: "DASH: high risk".into(),
                }],
            },
            T0 + Duration::minutes(30),
            event(T0, "submission.retriaged", ""),
        )
        .await
        .unwrap();
    let retriaged = store.submission(on_time.id).await.unwrap().unwrap();
    let triage = retriaged.triage.unwrap();
    assert_eq!(triage.grade, Grade::S);
    assert_eq!(
        retriaged.first_contact_due,
        Some(T0 + Duration::minutes(30))
    );
    assert_eq!(triage.reasons[0].code, "risk.dash_high");
    assert_eq!(triage.reasons[0].element, peel_core::triage::Element::Risk);
}

async fn dash_checklists_are_kept_and_feed_the_victims_history(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(60));
    first.category = peel_core::submission::Category::DomesticAbuse;
    store
        .create_submission(
            &first,
            None,
            event(T0, "submission.received", ""),
            None,
            &[],
        )
        .await
        .unwrap();
    let since = T0 - Duration::days(365);
    assert_eq!(
        store
            .dash_history(Some("ada@example.com"), None, since)
            .await
            .unwrap(),
        (1, false)
    );

    let record = peel_store::DashRecord {
        id: Uuid::new_v4(),
        submission_id: first.id,
        checklist_version: "DASH2009-police/peel-wording-1".into(),
        answers: vec![peel_core::dash::Answer::Yes; 27],
        judgement: Some(peel_core::dash::Judgement {
            level: peel_core::dash::RiskLevel::High,
            reason: "Professional judgement: threats to kill".into(),
        }),
        yes_count: 27,
        level: peel_core::dash::RiskLevel::High,
        marac_referral: true,
        reasons: vec!["14 or more yes answers".into()],
        assessed_by: "pc.smith".into(),
        assessed_at: T0 - Duration::days(59),
    };
    let task = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: first.id,
        at: T0 - Duration::days(59),
        author: "pc.smith".into(),
        kind: NoteKind::Marac,
        body: "Refer to MARAC".into(),
    };
    store
        .save_dash(&record, Some(&task), event(T0, "dash.assessed", ""))
        .await
        .unwrap();
    assert_eq!(
        store.dash_assessments(first.id).await.unwrap(),
        vec![record]
    );
    assert_eq!(
        store
            .dash_history(Some("ada@example.com"), None, since)
            .await
            .unwrap(),
        (1, true)
    );
    assert_eq!(
        store
            .dash_history(Some("someone@else.com"), None, since)
            .await
            .unwrap(),
        (0, false)
    );
    assert!(
        store
            .notes(first.id)
            .await
            .unwrap()
            .iter()
            .any(|n| n.kind == NoteKind::Marac)
    );
}

async fn earlier_reports_match_on_exact_contact_details_or_address(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(30));
    first.location = peel_core::submission::Location::Address("12 High Street".into());
    store
        .create_submission(
            &first,
            None,
            event(T0, "submission.received", ""),
            None,
            &[],
        )
        .await
        .unwrap();
    let since = T0 - Duration::days(365);
    assert_eq!(
        store
            .earlier_reports(Some("ada@example.com"), None, None, since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .earlier_reports(None, None, Some("12 HIGH STREET"), since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .earlier_reports(Some("someone@else.com"), None, None, since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .earlier_reports(None, None, None, since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .earlier_reports(Some("ada@example.com"), None, None, T0)
            .await
            .unwrap(),
        0,
        "too long ago"
    );
}

async fn first_contact_notes_and_reassignment_are_kept(store: Arc<dyn Store>) {
    let s = submission("AAAA-AAAA-A", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let contact = |minutes, method, by: &str| peel_store::FirstContact {
        at: T0 + Duration::minutes(minutes),
        method,
        by: by.into(),
    };
    assert!(
        store
            .record_first_contact(
                s.id,
                &contact(20, ContactMethod::Phone, "pc.smith"),
                None,
                None,
                event(T0, "login.succeeded", "")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_first_contact(
                s.id,
                &contact(30, ContactMethod::Email, "pc.jones"),
                None,
                None,
                event(T0, "login.succeeded", "")
            )
            .await
            .unwrap()
    );
    let note = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: s.id,
        at: T0 + Duration::hours(1),
        author: "pc.smith".into(),
        kind: NoteKind::Update,
        body: "We have looked at the CCTV.".into(),
    };
    let due = T0 + Duration::days(8);
    store
        .add_note(&note, Some(due), &[], event(T0, "login.succeeded", ""))
        .await
        .unwrap();
    let moved = peel_store::Note {
        id: Uuid::new_v4(),
        kind: NoteKind::Reassigned,
        body: "online part".into(),
        ..note.clone()
    };
    store
        .reassign(&moved, &TeamId::online(), event(T0, "login.succeeded", ""))
        .await
        .unwrap();

    let stored = store.submission(s.id).await.unwrap().unwrap();
    assert_eq!(
        stored.first_contact,
        Some(contact(20, ContactMethod::Phone, "pc.smith"))
    );
    assert_eq!(stored.stage, Stage::Contacted);
    assert_eq!(stored.next_update_due, Some(due));
    assert_eq!(stored.team, TeamId::online());
    let kinds: Vec<NoteKind> = store
        .notes(s.id)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&NoteKind::Update) && kinds.contains(&NoteKind::Reassigned));
}

async fn reads_with_a_reason_are_kept_for_the_supervisor(store: Arc<dyn Store>) {
    let held = submission("AAAA-AAAA-A", T0);
    store
        .create_submission(&held, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let reader = new_user("pc.jones", &[Role::NeighbourhoodOfficer]);
    store
        .create_user(&reader, event(T0, "user.created", ""))
        .await
        .unwrap();
    let read = peel_store::ReadWithReason {
        submission_id: held.id,
        reference: None,
        team: held.team.clone(),
        user_id: reader.id,
        username: "pc.jones".into(),
        reason: "Same suspect as my burglary series".into(),
        at: T0 + Duration::minutes(5),
    };
    let entries_before = audit_count(store.as_ref()).await;
    store
        .record_read_with_reason(&read, event(T0, "submission.viewed_with_reason", ""))
        .await
        .unwrap();
    assert_eq!(audit_count(store.as_ref()).await, entries_before + 1);
    let listed = store
        .reads_with_reason(std::slice::from_ref(&held.team), T0)
        .await
        .unwrap();
    assert_eq!(
        listed,
        vec![peel_store::ReadWithReason {
            reference: Some(held.reference.clone()),
            ..read
        }]
    );
    assert!(
        store
            .reads_with_reason(&[TeamId::online()], T0)
            .await
            .unwrap()
            .is_empty(),
        "another team's supervisor sees none of them"
    );
    assert!(
        store
            .reads_with_reason(std::slice::from_ref(&held.team), T0 + Duration::hours(1))
            .await
            .unwrap()
            .is_empty(),
        "only since the time asked for"
    );
}

/// A row that cannot be read back is an error naming the table and the row, never a default.
async fn a_corrupt_row_is_named_not_defaulted(test: &TestStore) {
    let held = submission("AAAA-AAAA-A", T0);
    test.store
        .create_submission(&held, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    test.execute_raw(&format!(
        "UPDATE submissions SET safe_contact = '{{not json' WHERE reference = '{}'",
        held.reference
    ))
    .await
    .unwrap();
    match test.store.submission(held.id).await {
        Err(StoreError::Corrupt { table, id, .. }) => {
            assert_eq!((table, id), ("submissions", held.id.to_string()));
        }
        other => panic!("expected a corrupt row, got {other:?}"),
    }
}

/// Open311's GET requests: what came in through one channel in a window, newest first, at most
/// the limit, and nothing from another channel.
async fn submissions_are_listed_by_channel_and_time(store: Arc<dyn Store>) {
    use peel_core::submission::Channel;
    for (label, minutes, channel) in [
        ("BBBB-BBBB-B", 0, Channel::Open311),
        ("CCCC-CCCC-C", 10, Channel::Open311),
        ("DDDD-DDDD-D", 20, Channel::Api),
        ("EEEE-EEEE-E", 30, Channel::Open311),
    ] {
        let mut one = submission(label, T0 + Duration::minutes(minutes));
        one.channel = channel;
        store
            .create_submission(&one, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    let listed = |from: i64, to: i64, limit: u32| {
        let store = store.clone();
        async move {
            store
                .received_through(
                    Channel::Open311,
                    T0 + Duration::minutes(from),
                    T0 + Duration::minutes(to),
                    limit,
                )
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.reference.to_string())
                .collect::<Vec<_>>()
        }
    };
    let refs = |labels: &[&str]| -> Vec<String> {
        labels
            .iter()
            .map(|l| reference_for(l).to_string())
            .collect()
    };
    assert_eq!(
        listed(0, 60, 10).await,
        refs(&["EEEE-EEEE-E", "CCCC-CCCC-C", "BBBB-BBBB-B"])
    );
    assert_eq!(
        listed(0, 30, 10).await,
        refs(&["CCCC-CCCC-C", "BBBB-BBBB-B"]),
        "to is exclusive"
    );
    assert_eq!(listed(0, 60, 1).await, refs(&["EEEE-EEEE-E"]));
}

contract!(
    store: a_submission_round_trips_and_a_replayed_key_stores_nothing_twice,
        submissions_are_listed_by_channel_and_time,
        the_queue_puts_overdue_updates_first_then_grade_then_time_left,
        an_override_keeps_the_original_grade_and_overdue_first_contacts_are_listed,
        dash_checklists_are_kept_and_feed_the_victims_history,
        earlier_reports_match_on_exact_contact_details_or_address,
        first_contact_notes_and_reassignment_are_kept,
        reads_with_a_reason_are_kept_for_the_supervisor;
    raw: a_corrupt_row_is_named_not_defaulted
);
