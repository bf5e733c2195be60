//! Subject access, restriction, rectification, review and erasure.

use super::*;
use peel_link::Kind;

async fn stored(store: &Arc<dyn Store>, label: &str, at: OffsetDateTime) -> peel_store::Submission {
    let s = submission(label, at);
    store
        .create_submission(&s, None, event(at, "submission.received", ""), None, &[])
        .await
        .unwrap();
    s
}

/// Found by contact details without regard to case, and by the values the linking engine
/// indexed; review dates from the category's group; retention moves the date on.
async fn held_about_finds_by_contact_and_indicators_and_the_review_queue_is_by_due_date(
    store: Arc<dyn Store>,
) {
    let ada = stored(&store, "AAAA-AAAA-A", T0).await;
    let mut other = submission("BBBB-BBBB-B", T0 + Duration::hours(1));
    other.contact = Some(peel_core::submission::Contact {
        name: Some("Bea".into()),
        email: None,
        phone: Some("+447700900123".into()),
    });
    other.category = peel_core::submission::Category::DomesticAbuse;
    store
        .create_submission(
            &other,
            None,
            event(T0, "submission.received", ""),
            None,
            &[],
        )
        .await
        .unwrap();
    let ids =
        |found: Vec<peel_store::Submission>| -> Vec<_> { found.iter().map(|s| s.id).collect() };
    assert_eq!(
        ids(store
            .held_about(Some("ADA@example.com"), None, None)
            .await
            .unwrap()),
        vec![ada.id]
    );
    assert_eq!(
        ids(store.held_about(None, None, Some("bea")).await.unwrap()),
        vec![other.id]
    );
    assert_eq!(
        ids(store
            .held_about(Some("ada@example.com"), Some("+447700900123"), None)
            .await
            .unwrap()),
        vec![ada.id, other.id]
    );
    assert!(
        store
            .held_about(None, None, Some("  "))
            .await
            .unwrap()
            .is_empty()
    );

    // Ada's phone is mentioned in Bea's report: the linking index finds it.
    store
        .correlate_audited(
            &indicators(
                ItemRef::Submission(other.id),
                Source::Reporter("bea".into()),
                peel_core::Marking::Amber,
                &[(Kind::Phone, "+447700900999")],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .items_holding(&[(Kind::Phone, "+447700900999".into())])
            .await
            .unwrap(),
        vec![ItemRef::Submission(other.id)]
    );

    // Burglary waits six years, domestic abuse ten.
    let read = store.submission(ada.id).await.unwrap().unwrap();
    assert_eq!(read.review_due, Some(time::macros::date!(2032 - 11 - 26)));
    let day = |y| time::Date::from_calendar_date(y, time::Month::November, 27).unwrap();
    assert!(store.review_queue(day(2031), 10).await.unwrap().is_empty());
    assert_eq!(
        ids(store.review_queue(day(2032), 10).await.unwrap()),
        vec![ada.id]
    );
    assert_eq!(
        ids(store.review_queue(day(2036), 10).await.unwrap()),
        vec![ada.id, other.id]
    );
    assert!(
        store
            .retain(ada.id, day(2040), event(T0, "retention.retained", ""))
            .await
            .unwrap()
    );
    assert_eq!(
        ids(store.review_queue(day(2036), 10).await.unwrap()),
        vec![other.id]
    );

    // Restriction and rectification change the record and say so.
    assert!(
        store
            .restrict(
                ada.id,
                Some("accuracy contested"),
                event(T0, "record.restricted", "")
            )
            .await
            .unwrap()
    );
    store
        .correlate_audited(
            &indicators(
                ItemRef::Submission(ada.id),
                Source::Reporter("ada".into()),
                peel_core::Marking::Amber,
                &[(Kind::Email, "ada@example.com")],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    let change = peel_store::ContactCorrection {
        name: Some("Ada Lovelace".into()),
        email: Some(String::new()),
        phone: None,
        forget: vec![(Kind::Email, "ada@example.com".into())],
    };
    assert!(
        store
            .rectify_contact(ada.id, &change, event(T0, "record.rectified", ""))
            .await
            .unwrap()
    );
    let read = store.submission(ada.id).await.unwrap().unwrap();
    assert_eq!(read.restricted.as_deref(), Some("accuracy contested"));
    let contact = read.contact.unwrap();
    assert_eq!(contact.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(contact.email, None);
    assert!(
        store
            .items_holding(&[(Kind::Email, "ada@example.com".into())])
            .await
            .unwrap()
            .is_empty(),
        "the old email no longer links from the report"
    );
    let missing = peel_core::SubmissionId(Uuid::new_v4());
    assert!(
        !store
            .retain(missing, day(2040), event(T0, "retention.retained", ""))
            .await
            .unwrap()
    );
}

/// Erasure removes the report, its notes, indicators and links, in one transaction with its
/// audit entry, and the linking index forgets its values; the other report stays whole.
async fn erasing_a_report_removes_it_its_notes_and_its_links(store: Arc<dyn Store>) {
    let first = stored(&store, "AAAA-AAAA-A", T0).await;
    let second = stored(&store, "BBBB-BBBB-B", T0 + Duration::hours(1)).await;
    for (s, source) in [(&first, "ada"), (&second, "bea")] {
        store
            .correlate_audited(
                &indicators(
                    ItemRef::Submission(s.id),
                    Source::Reporter(source.into()),
                    peel_core::Marking::Amber,
                    &[(Kind::Phone, "+442079460991")],
                    s.received_at,
                ),
                50,
            )
            .await
            .unwrap();
    }
    assert_eq!(
        store
            .links_of(ItemRef::Submission(second.id))
            .await
            .unwrap()
            .len(),
        1
    );
    let note = peel_store::Note {
        id: Uuid::new_v4(),
        submission_id: first.id,
        at: T0,
        author: "pc.smith".into(),
        kind: peel_core::submission::NoteKind::Internal,
        body: "spoke to Ada".into(),
    };
    store
        .add_note(&note, None, &[], event(T0, "submission.note_added", ""))
        .await
        .unwrap();

    let erased = store
        .erase_submission(
            first.id,
            event(T0, "record.erased", &format!("submission:{}", first.id)),
        )
        .await
        .unwrap()
        .expect("erased");
    assert_eq!(erased.reference, first.reference);
    assert_eq!(erased.links, 1);
    assert!(store.submission(first.id).await.unwrap().is_none());
    assert!(store.notes(first.id).await.unwrap().is_empty());
    assert!(
        store
            .links_of(ItemRef::Submission(second.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .items_holding(&[(Kind::Phone, "+442079460991".into())])
            .await
            .unwrap(),
        vec![ItemRef::Submission(second.id)]
    );
    assert!(store.submission(second.id).await.unwrap().is_some());
    assert_eq!(
        store
            .erase_submission(first.id, event(T0, "record.erased", ""))
            .await
            .unwrap(),
        None
    );
    // A third report with the value links to the second only: the index forgot the first.
    let third = stored(&store, "CCCC-CCCC-C", T0 + Duration::hours(2)).await;
    let made = store
        .correlate_audited(
            &indicators(
                ItemRef::Submission(third.id),
                Source::Reporter("cat".into()),
                peel_core::Marking::Amber,
                &[(Kind::Phone, "+442079460991")],
                third.received_at,
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(made.links.len(), 1);
    assert_eq!(
        made.links[0].other(ItemRef::Submission(third.id)),
        ItemRef::Submission(second.id)
    );
    assert!(verify_audit_chain(store.as_ref()).await.is_ok());
}

/// A request's clock, and answering it once.
async fn subject_requests_keep_their_clock_and_are_answered_once(store: Arc<dyn Store>) {
    let request = peel_store::SubjectRequest {
        id: Uuid::new_v4(),
        right: peel_core::retention::Right::Access,
        subject: "email ada@example.com".into(),
        received: time::macros::date!(2026 - 12 - 02),
        due: peel_core::retention::request_due(time::macros::date!(2026 - 12 - 02)),
        recorded_by: "operator".into(),
        recorded_at: T0,
        answered_at: None,
        outcome: None,
    };
    store
        .add_subject_request(&request, event(T0, "subject.request_received", ""))
        .await
        .unwrap();
    assert_eq!(
        store.subject_requests().await.unwrap(),
        vec![request.clone()]
    );
    assert!(
        store
            .answer_subject_request(
                request.id,
                T0,
                "export of 1 report",
                event(T0, "subject.access_exported", "")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .answer_subject_request(
                request.id,
                T0,
                "again",
                event(T0, "subject.access_exported", "")
            )
            .await
            .unwrap()
    );
    let read = store.subject_requests().await.unwrap();
    assert_eq!(read[0].answered_at, Some(T0));
    assert_eq!(read[0].outcome.as_deref(), Some("export of 1 report"));
    assert_eq!(read[0].due, time::macros::date!(2027 - 01 - 02));
}

contract!(
    store: held_about_finds_by_contact_and_indicators_and_the_review_queue_is_by_due_date,
        erasing_a_report_removes_it_its_notes_and_its_links,
        subject_requests_keep_their_clock_and_are_answered_once;
    raw:
);
