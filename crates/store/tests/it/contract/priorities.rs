//! Residents' priorities.

use super::*;
use peel_core::stats::pas::Quarter;
use peel_core::stats::priority::Theme;
use peel_store::{NewPriority, PendingVoice, PriorityAction};

const Q4: Quarter = Quarter {
    year: 2026,
    quarter: 4,
};

fn priority(ward_code: &str, theme: Theme, issue: &str) -> NewPriority {
    NewPriority {
        ward: ward(ward_code),
        quarter: Q4,
        theme,
        issue: issue.into(),
        consultation: "Street meeting on 3 October, 40 residents".into(),
        recorded_at: T0,
        recorded_by: "pc.jones".into(),
    }
}

async fn audit_codes(store: &dyn Store) -> Vec<String> {
    store
        .audit_entries(&peel_store::AuditQuery {
            limit: 1_000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.event.as_str().to_owned())
        .collect()
}

/// A ward holds at most the number asked for a quarter; each priority reads back with what
/// has been done about it, in order, and is audited with the write.
async fn priorities_are_capped_a_quarter_and_read_back_with_their_actions(store: Arc<dyn Store>) {
    let recorded = event(T0, "priorities.recorded", "ward:E05013806");
    let mut ids = Vec::new();
    for (theme, issue) in [
        (Theme::Drugs, "Dealing by the station"),
        (Theme::RoadSafety, "Speeding on the High Street"),
        (Theme::AntiSocialBehaviour, "Noise in the park"),
    ] {
        let id = store
            .record_priority(&priority("E05013806", theme, issue), 3, recorded.clone())
            .await
            .unwrap()
            .expect("room for three");
        ids.push(id);
    }
    let fourth = store
        .record_priority(
            &priority("E05013806", Theme::Theft, "Shoplifting"),
            3,
            recorded.clone(),
        )
        .await
        .unwrap();
    assert_eq!(fourth, None, "three is the most");
    // Another ward and another quarter have their own three.
    store
        .record_priority(
            &priority("E05013807", Theme::Theft, "Shoplifting"),
            3,
            recorded.clone(),
        )
        .await
        .unwrap()
        .expect("another ward");
    let mut next = priority("E05013806", Theme::Theft, "Shoplifting");
    next.quarter = Quarter {
        year: 2027,
        quarter: 1,
    };
    store
        .record_priority(&next, 3, recorded.clone())
        .await
        .unwrap()
        .expect("another quarter");

    let done = event(T0, "priorities.action_recorded", "priority");
    for (minutes, text) in [(60, "Second patrol"), (10, "Met the station manager")] {
        let action = PriorityAction {
            recorded_at: T0 + Duration::minutes(minutes),
            text: text.into(),
            recorded_by: "pc.jones".into(),
        };
        assert!(
            store
                .record_priority_action(ids[0], &action, done.clone())
                .await
                .unwrap()
        );
    }
    let nothing = PriorityAction {
        recorded_at: T0,
        text: "x".into(),
        recorded_by: "pc.jones".into(),
    };
    assert!(
        !store
            .record_priority_action(999_999, &nothing, done.clone())
            .await
            .unwrap(),
        "no such priority"
    );

    let one = store.priority(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        one.priority,
        priority("E05013806", Theme::Drugs, "Dealing by the station")
    );
    let texts: Vec<&str> = one.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Met the station manager", "Second patrol"],
        "oldest first"
    );
    assert_eq!(store.priority(999_999).await.unwrap(), None);

    let st_james = [ward("E05013806")];
    let q4 = store.priorities(Some(&st_james), &[Q4]).await.unwrap();
    assert_eq!(q4.iter().map(|p| p.id).collect::<Vec<_>>(), ids);
    assert_eq!(q4[0].actions.len(), 2);
    assert!(q4[1].actions.is_empty());
    let everywhere = store.priorities(None, &[Q4, next.quarter]).await.unwrap();
    assert_eq!(everywhere.len(), 5);
    assert!(store.priorities(Some(&[]), &[Q4]).await.unwrap().is_empty());
    assert!(store.priorities(None, &[]).await.unwrap().is_empty());

    let codes = audit_codes(&*store).await;
    assert_eq!(
        codes.iter().filter(|c| *c == "priorities.recorded").count(),
        5,
        "the refused fourth wrote no entry"
    );
    assert_eq!(
        codes
            .iter()
            .filter(|c| *c == "priorities.action_recorded")
            .count(),
        2
    );
}

fn pending(token: &str, voter: &str, theme: Theme, at: OffsetDateTime) -> PendingVoice {
    PendingVoice {
        token_digest: token.into(),
        ward: ward("E05013806"),
        quarter: Q4,
        voter_key: voter.into(),
        theme,
        words: format!("{} by the station", theme.slug()),
        language: "en".into(),
        email: Some(format!("{voter}@example.com")),
        message_id: format!("<{token}@peel.invalid>"),
        received_at: at,
        attempts: 0,
    }
}

fn describe(voice: &peel_store::ConfirmedVoice, audit: &mut peel_core::audit::AuditEvent) {
    audit.detail = if voice.replaced { "replaced" } else { "first" }.into();
}

/// A voice waits until its confirmation is sent (the address then erased) and its token used;
/// a second confirmed voice from the same voter replaces the first; lapsed and used tokens
/// confirm nothing; tallies count confirmed voices only.
async fn voices_wait_for_confirmation_and_one_voter_has_one_voice(store: Arc<dyn Store>) {
    let received = event(T0, "priorities.voice_received", "ward:E05013806");
    for voice in [
        pending("t1", "sam", Theme::Drugs, T0),
        pending("t2", "kim", Theme::Drugs, T0 + Duration::minutes(1)),
        pending("t3", "sam", Theme::RoadSafety, T0 + Duration::minutes(2)),
        pending("t4", "lee", Theme::Burglary, T0 - Duration::days(10)),
    ] {
        store
            .add_pending_voice(&voice, received.clone())
            .await
            .unwrap();
    }
    let claim = |at: i64, limit: u32| {
        let store = store.clone();
        async move {
            store
                .claim_voices_to_send(
                    T0 + Duration::minutes(at),
                    T0 + Duration::minutes(at + 1),
                    limit,
                )
                .await
                .unwrap()
        }
    };
    let tokens = |voices: &[PendingVoice]| -> Vec<String> {
        voices.iter().map(|v| v.token_digest.clone()).collect()
    };
    assert_eq!(
        tokens(&claim(5, 1).await),
        ["t4"],
        "the longest due, one asked for"
    );
    let rest = claim(5, 10).await;
    assert_eq!(tokens(&rest), ["t1", "t2", "t3"]);
    assert_eq!(rest[0], pending("t1", "sam", Theme::Drugs, T0));
    assert!(claim(5, 10).await.is_empty(), "claimed for a minute");

    // t1 is sent; t2 failed and waits until ten past; t4 will never go.
    store.voice_attempted("t1", T0, None, true).await.unwrap();
    store
        .voice_attempted("t2", T0, Some(T0 + Duration::minutes(10)), false)
        .await
        .unwrap();
    store.voice_attempted("t4", T0, None, false).await.unwrap();
    assert_eq!(
        tokens(&claim(7, 10).await),
        ["t3"],
        "its claim lapsed unsent"
    );
    let later = claim(11, 10).await;
    assert_eq!(tokens(&later), ["t3", "t2"], "tried before last");
    assert_eq!(later[1].attempts, 1);

    let confirmed = event(T0, "priorities.voice_confirmed", "ward:E05013806");
    let lapse = T0 - Duration::days(7);
    let first = store
        .confirm_voice(
            "t1",
            T0 + Duration::hours(1),
            lapse,
            confirmed.clone(),
            describe,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.theme, Theme::Drugs);
    assert!(!first.replaced);
    assert_eq!(
        store
            .confirm_voice(
                "t1",
                T0 + Duration::hours(1),
                lapse,
                confirmed.clone(),
                describe
            )
            .await
            .unwrap(),
        None,
        "a token confirms once"
    );
    assert_eq!(
        store
            .confirm_voice(
                "t4",
                T0 + Duration::hours(1),
                lapse,
                confirmed.clone(),
                describe
            )
            .await
            .unwrap(),
        None,
        "given more than a week ago"
    );
    assert_eq!(
        store
            .confirm_voice("nope", T0, lapse, confirmed.clone(), describe)
            .await
            .unwrap(),
        None
    );
    store
        .confirm_voice(
            "t2",
            T0 + Duration::hours(2),
            lapse,
            confirmed.clone(),
            describe,
        )
        .await
        .unwrap()
        .unwrap();
    let tally = store.voice_tally(None, Q4).await.unwrap();
    assert_eq!(tally, vec![(ward("E05013806"), Theme::Drugs, 2)]);
    // Sam changes their mind: the road-safety voice replaces the drugs one.
    let second = store
        .confirm_voice(
            "t3",
            T0 + Duration::hours(3),
            lapse,
            confirmed.clone(),
            describe,
        )
        .await
        .unwrap()
        .unwrap();
    assert!(second.replaced);
    let st_james = [ward("E05013806")];
    let tally = store.voice_tally(Some(&st_james), Q4).await.unwrap();
    assert_eq!(
        tally,
        vec![
            (ward("E05013806"), Theme::Drugs, 1),
            (ward("E05013806"), Theme::RoadSafety, 1),
        ]
    );
    assert!(
        store
            .voice_tally(Some(&[ward("E05013807")]), Q4)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.voice_tally(Some(&[]), Q4).await.unwrap().is_empty());

    let words = store.voice_words(&ward("E05013806"), Q4).await.unwrap();
    assert_eq!(
        words.iter().map(|w| w.words.as_str()).collect::<Vec<_>>(),
        ["road-safety by the station", "drugs by the station"],
        "newest first"
    );
    let details: Vec<String> = store
        .audit_entries(&peel_store::AuditQuery {
            limit: 1_000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event.event.as_str() == "priorities.voice_confirmed")
        .map(|e| e.event.detail)
        .collect();
    assert_eq!(details.len(), 3);
    assert!(details.contains(&"replaced".to_owned()));

    assert_eq!(
        store
            .purge_pending_voices(T0 - Duration::days(7))
            .await
            .unwrap(),
        1
    );
    assert!(claim(60 * 24, 10).await.is_empty());
}

contract!(
    store: priorities_are_capped_a_quarter_and_read_back_with_their_actions,
        voices_wait_for_confirmation_and_one_voter_has_one_voice;
    raw:
);
