//! The evidence area.

use super::*;

/// An item round-trips with its metadata; items are found by submission and by hash.
async fn evidence_items_round_trip_and_are_found_by_hash(store: Arc<dyn Store>) {
    let s = submission("EEEE-EEEE-E", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let item = |n: u128, sha: &str| peel_store::EvidenceItem {
        id: uuid::Uuid::from_u128(n),
        submission_id: s.id,
        sha256: sha.to_owned(),
        size: 20_240,
        mime: "image/jpeg".into(),
        kind: peel_core::evidence::MediaKind::Image,
        original_name: "doorbell.jpg".into(),
        received_at: T0 + time::Duration::seconds(n as i64),
        submitted_by: "public".into(),
        taken_at: Some(time::macros::datetime!(2026-11-25 21:14:03)),
        position: Some((51.536_667, -0.055)),
        ward: Some(ward("E05009373")),
        camera: Some("Ring Video Doorbell 4".into()),
        duration_ms: None,
        dhash: Some(0xF0F0_0000_1234_ABCD),
        derived_from: None,
    };
    let first = item(1, &"a".repeat(64));
    let mut second = item(2, &"b".repeat(64));
    second.taken_at = None;
    second.position = None;
    second.ward = None;
    second.camera = None;
    for it in [&first, &second] {
        store
            .add_evidence(
                it,
                Some(b"thumbnail".as_slice()),
                event(T0, "evidence.received", &format!("evidence:{}", it.id)),
                None,
            )
            .await
            .unwrap();
    }
    assert_eq!(
        store.evidence_of(s.id).await.unwrap(),
        vec![first.clone(), second.clone()]
    );
    assert_eq!(
        store.evidence_item(first.id).await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(
        store.evidence_thumbnail(first.id).await.unwrap().as_deref(),
        Some(b"thumbnail".as_slice())
    );
    assert_eq!(
        store.evidence_pictures_since(T0, 10).await.unwrap(),
        vec![second.clone(), first.clone()],
        "a hash with its top bit set round-trips; newest first"
    );
    assert_eq!(
        store.evidence_with_hash(&"b".repeat(64)).await.unwrap(),
        vec![second]
    );
    assert!(
        store
            .evidence_item(uuid::Uuid::from_u128(9))
            .await
            .unwrap()
            .is_none()
    );
}

/// The same file on two submissions links them by its hash, in the item's own transaction.
async fn the_same_file_on_two_submissions_links_them(store: Arc<dyn Store>) {
    let sha = "c".repeat(64);
    let mut made = Vec::new();
    for (n, reference) in [(1u128, "FFFF-FFFF-F"), (2, "GGGG-GGGG-G")] {
        let s = submission(reference, T0);
        store
            .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
        let item = peel_store::EvidenceItem {
            id: uuid::Uuid::from_u128(10 + n),
            submission_id: s.id,
            sha256: sha.clone(),
            size: 10,
            mime: "video/mp4".into(),
            kind: peel_core::evidence::MediaKind::Video,
            original_name: format!("clip{n}.mp4"),
            received_at: T0,
            submitted_by: "public".into(),
            taken_at: None,
            position: None,
            ward: None,
            camera: None,
            duration_ms: Some(83_500),
            dhash: None,
            derived_from: (n == 2).then(|| uuid::Uuid::from_u128(11)),
        };
        let linking = peel_store::Linking {
            indicators: peel_store::ItemIndicators {
                item: ItemRef::Submission(s.id),
                source: Source::Anonymous(s.id),
                marking: peel_core::Marking::Amber,
                at: T0,
                indicators: vec![peel_store::FoundIndicator {
                    kind: peel_link::Kind::File,
                    value: sha.clone(),
                    found_in: format!("the file clip{n}.mp4"),
                }],
            },
            cap: 50,
            audit: event(T0, "submission.linked", ""),
        };
        let correlated = store
            .add_evidence(
                &item,
                None,
                event(T0, "evidence.received", ""),
                Some(linking),
            )
            .await
            .unwrap();
        assert_eq!(
            store
                .evidence_item(item.id)
                .await
                .unwrap()
                .unwrap()
                .duration_ms,
            Some(83_500),
            "a video's length round-trips"
        );
        assert_eq!(
            store
                .evidence_item(item.id)
                .await
                .unwrap()
                .unwrap()
                .derived_from,
            item.derived_from,
            "what a copy is derived from round-trips"
        );
        made.push((s.id, correlated.links.len()));
    }
    assert_eq!(made[0].1, 0, "the first holder links nothing");
    assert_eq!(made[1].1, 1, "the second links to the first");
    let links = store
        .links_of(ItemRef::Submission(made[0].0))
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, peel_link::Kind::File);
    assert_eq!(links[0].value, sha);
    assert_eq!(links[0].later, ItemRef::Submission(made[1].0));
}

/// A resumable upload is found until it is removed or expires; expired ones are given once.
async fn evidence_uploads_are_found_until_removed_or_expired(store: Arc<dyn Store>) {
    let s = submission("UUUU-UUUU-U", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let upload = |n: u128, hours: i64| peel_store::EvidenceUpload {
        id: uuid::Uuid::from_u128(n),
        submission_id: s.id,
        length: 5_000_000_000,
        filename: "doorbell.mp4".into(),
        uploader: "public".into(),
        created_at: T0,
        expires_at: T0 + Duration::hours(hours),
    };
    let (short, long) = (upload(1, 1), upload(2, 24));
    store.add_evidence_upload(&short).await.unwrap();
    store.add_evidence_upload(&long).await.unwrap();
    assert_eq!(
        store.evidence_upload(short.id, T0).await.unwrap(),
        Some(short.clone()),
        "a length past 4 GB round-trips"
    );
    let later = T0 + Duration::hours(2);
    assert_eq!(store.evidence_upload(short.id, later).await.unwrap(), None);
    assert_eq!(
        store.take_expired_evidence_uploads(later).await.unwrap(),
        vec![short]
    );
    assert!(
        store
            .take_expired_evidence_uploads(later)
            .await
            .unwrap()
            .is_empty()
    );
    store.remove_evidence_upload(long.id).await.unwrap();
    assert_eq!(store.evidence_upload(long.id, T0).await.unwrap(), None);
}

/// A request to a witness keeps their address, and so does its message through a claim; the
/// reporter's request names nobody, and is answered once.
async fn evidence_requests_keep_whom_they_asked(store: Arc<dyn Store>) {
    use peel_core::contact::Addressee;
    let s = submission("WWWW-WWWW-W", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let witness = Addressee::parse("text", "07700 900123").unwrap();
    let request = |n: u128, addressee: Option<Addressee>| peel_store::EvidenceRequest {
        id: uuid::Uuid::from_u128(n),
        submission_id: s.id,
        token_digest: format!("digest-{n}"),
        note: "Your doorbell video, please".into(),
        requested_by: "user:1".into(),
        created_at: T0,
        expires_at: T0 + time::Duration::days(14),
        answered_at: None,
        addressee,
    };
    let mut message = peel_store::OutboxMessage::queued(
        peel_store::Draft {
            submission_id: s.id,
            case_id: None,
            purpose: peel_core::message::Purpose::EvidenceRequest,
            subject: "A request".into(),
            body: "The link".into(),
            due_at: T0 + time::Duration::hours(1),
        },
        "peel.invalid",
        T0,
    );
    message.addressee = Some(witness.clone());
    let asked = request(1, Some(witness.clone()));
    store
        .add_evidence_request(&asked, &[message], event(T0, "evidence.requested", ""))
        .await
        .unwrap();
    let reporter = request(2, None);
    store
        .add_evidence_request(&reporter, &[], event(T0, "evidence.requested", ""))
        .await
        .unwrap();
    assert_eq!(
        store.evidence_request("digest-1").await.unwrap(),
        Some(asked)
    );
    assert_eq!(
        store.evidence_request("digest-2").await.unwrap(),
        Some(reporter.clone())
    );
    let claimed = store
        .claim_due(T0, time::Duration::seconds(30), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].addressee, Some(witness));
    assert!(
        store
            .answer_evidence_request(reporter.id, T0, event(T0, "evidence.request_answered", ""))
            .await
            .unwrap()
    );
    assert!(
        !store
            .answer_evidence_request(reporter.id, T0, event(T0, "evidence.request_answered", ""))
            .await
            .unwrap(),
        "answered once"
    );
}

contract!(
    store: evidence_items_round_trip_and_are_found_by_hash,
        evidence_requests_keep_whom_they_asked,
        evidence_uploads_are_found_until_removed_or_expired,
        the_same_file_on_two_submissions_links_them;
    raw:
);
