//! The submissions area.

use super::*;

async fn a_submission_round_trips_and_a_replayed_key_stores_nothing_twice(store: Arc<dyn Store>) {
    let first = submission("AAAA-AAAA-A", T0);
    let key = peel_store::Idempotency {
        scope: "api".into(),
        key: "k1".into(),
        request_digest: "r1".into(),
        response: "{\"reference\":\"AAAA-AAAA-A\"}".into(),
    };
    let created = store
        .create_submission(&first, Some(&key), event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert_eq!(created, peel_store::CreateOutcome::Created);
    assert_eq!(
        store
            .submission_by_reference("AAAA-AAAA-A")
            .await
            .unwrap()
            .unwrap(),
        first
    );

    let retry = submission("BBBB-BBBB-B", T0);
    let replayed = store
        .create_submission(&retry, Some(&key), event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert_eq!(
        replayed,
        peel_store::CreateOutcome::Replayed(key.response.clone())
    );
    assert!(
        store
            .submission_by_reference("BBBB-BBBB-B")
            .await
            .unwrap()
            .is_none()
    );

    let other_body = peel_store::Idempotency {
        request_digest: "r2".into(),
        ..key.clone()
    };
    let clash = store
        .create_submission(&retry, Some(&other_body), event(T0, "login.succeeded", ""))
        .await;
    assert!(matches!(clash, Err(StoreError::Conflict(_))));
    let taken = store
        .create_submission(
            &submission("AAAA-AAAA-A", T0),
            None,
            event(T0, "login.succeeded", ""),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))));
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
    recent.category = "robbery".into();
    let older = submission("CCCC-CCCC-C", T0 - Duration::days(2));
    let mut urgent = submission("DDDD-DDDD-D", T0 - Duration::days(3));
    urgent.grade = Some("I".into());
    urgent.next_update_due = None;
    for s in [&old_overdue, &recent, &older, &urgent] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""))
            .await
            .unwrap();
    }
    let filter = peel_store::QueueFilter {
        team_id: "snt-E05013806".into(),
        stage: None,
        category: None,
        received_after: None,
        now: T0,
        limit: 50,
    };
    let order: Vec<String> = store
        .queue(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference)
        .collect();
    // Overdue update first, then the I-grade, then the E-grades by least time left to contact.
    assert_eq!(
        order,
        ["AAAA-AAAA-A", "DDDD-DDDD-D", "CCCC-CCCC-C", "BBBB-BBBB-B"]
    );
    let robbery = peel_store::QueueFilter {
        category: Some("robbery".into()),
        ..filter.clone()
    };
    assert_eq!(store.queue(&robbery).await.unwrap().len(), 1);
    let other_team = peel_store::QueueFilter {
        team_id: "central-online".into(),
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
            .create_submission(s, None, event(T0, "submission.received", ""))
            .await
            .unwrap();
    }
    let overdue: Vec<String> = store
        .overdue_first_contacts(T0, None)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.reference)
        .collect();
    assert_eq!(overdue, ["AAAA-AAAA-A"]);
    assert!(
        store
            .overdue_first_contacts(T0, Some("central-online"))
            .await
            .unwrap()
            .is_empty()
    );

    store
        .override_grade(
            late.id,
            "S",
            T0 + Duration::hours(1),
            "Caller rang back: neighbour threatened",
            "sgt.patel",
            T0,
            event(T0, "submission.regraded", ""),
        )
        .await
        .unwrap();
    let stored = store.submission(late.id).await.unwrap().unwrap();
    assert_eq!(
        stored.grade.as_deref(),
        Some("E"),
        "the original grade is kept"
    );
    assert_eq!(stored.grade_override.as_deref(), Some("S"));
    assert_eq!(stored.override_by.as_deref(), Some("sgt.patel"));
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
        vec![("E".to_owned(), "S".to_owned(), "burglary".to_owned(), 1)]
    );

    store
        .retriage(
            on_time.id,
            "S",
            T0 + Duration::minutes(30),
            "[{\"code\":\"risk.dash_high\"}]",
            event(T0, "submission.retriaged", ""),
        )
        .await
        .unwrap();
    let retriaged = store.submission(on_time.id).await.unwrap().unwrap();
    assert_eq!(retriaged.grade.as_deref(), Some("S"));
    assert_eq!(
        retriaged.first_contact_due,
        Some(T0 + Duration::minutes(30))
    );
    assert!(retriaged.triage_reasons.unwrap().contains("risk.dash_high"));
}

async fn dash_checklists_are_kept_and_feed_the_victims_history(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(60));
    first.category = "domestic-abuse".into();
    store
        .create_submission(&first, None, event(T0, "submission.received", ""))
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
        answers: vec!["yes"; 27].join(","),
        judgement_level: None,
        judgement_reason: None,
        yes_count: 27,
        level: "high".into(),
        marac_referral: true,
        reasons: "[]".into(),
        assessed_by: "pc.smith".into(),
        assessed_at: T0 - Duration::days(59),
    };
    let task = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: first.id,
        at: T0 - Duration::days(59),
        author: "pc.smith".into(),
        kind: "marac".into(),
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
            .any(|n| n.kind == "marac")
    );
}

async fn earlier_reports_match_on_exact_contact_details_or_address(store: Arc<dyn Store>) {
    let mut first = submission("AAAA-AAAA-A", T0 - Duration::days(30));
    first.address_line = Some("12 High Street".into());
    store
        .create_submission(&first, None, event(T0, "submission.received", ""))
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
        .create_submission(&s, None, event(T0, "submission.received", ""))
        .await
        .unwrap();
    assert!(
        store
            .record_first_contact(
                s.id,
                T0 + Duration::minutes(20),
                "phone",
                "pc.smith",
                event(T0, "login.succeeded", "")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_first_contact(
                s.id,
                T0 + Duration::minutes(30),
                "email",
                "pc.jones",
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
        kind: "update".into(),
        body: "We have looked at the CCTV.".into(),
    };
    let due = T0 + Duration::days(8);
    store
        .add_note(&note, Some(due), event(T0, "login.succeeded", ""))
        .await
        .unwrap();
    let moved = peel_store::Note {
        id: Uuid::new_v4(),
        kind: "reassigned".into(),
        body: "online part".into(),
        ..note.clone()
    };
    store
        .reassign(&moved, "central-online", event(T0, "login.succeeded", ""))
        .await
        .unwrap();

    let stored = store.submission(s.id).await.unwrap().unwrap();
    assert_eq!(stored.first_contact_channel.as_deref(), Some("phone"));
    assert_eq!(stored.stage, "contacted");
    assert_eq!(stored.next_update_due, Some(due));
    assert_eq!(stored.team_id, "central-online");
    let kinds: Vec<String> = store
        .notes(s.id)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"update".to_owned()) && kinds.contains(&"reassigned".to_owned()));
}

contract!(
    store: a_submission_round_trips_and_a_replayed_key_stores_nothing_twice,
        the_queue_puts_overdue_updates_first_then_grade_then_time_left,
        an_override_keeps_the_original_grade_and_overdue_first_contacts_are_listed,
        dash_checklists_are_kept_and_feed_the_victims_history,
        earlier_reports_match_on_exact_contact_details_or_address,
        first_contact_notes_and_reassignment_are_kept;
    raw:
);
