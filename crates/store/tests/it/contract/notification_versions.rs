//! The notifications area: a newer version of a notification replaces the one held.

use super::notifications::{MULE, northbank};
use super::*;
use peel_core::{Marking, NotificationId};
use peel_link::Kind;

/// Issue 20: a MISP event sent again with a newer version replaces the one held at once (its
/// marking raised on its links and alert, its values added or removed, its links made again);
/// the same or an older version, or a copy with none, is a duplicate.
async fn a_newer_version_replaces_the_notification_held(store: Arc<dyn Store>) {
    let lead = new_user("fraud.lead", &[Role::Analyst]);
    store
        .create_user(&lead, event(T0, "user.created", ""))
        .await
        .unwrap();
    let org = peel_store::Organisation {
        id: northbank(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: "fraud@northbank.example".into(),
        agreement: "DSA-2026-01".into(),
        allowed_types: vec![MULE],
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec![lead.id],
        feedback: None,
        created_at: T0,
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    };
    store
        .create_organisation(
            &org,
            vec![event(T0, "organisation.created", "organisation:northbank")],
        )
        .await
        .unwrap();
    // Two reports, each naming one account.
    for (n, account) in [(1, "123456-12345678"), (2, "654321-87654321")] {
        store
            .correlate_audited(
                &indicators(
                    sub(n),
                    reporter("ann"),
                    Marking::Green,
                    &[(Kind::BankAccount, account)],
                    T0,
                ),
                50,
            )
            .await
            .unwrap();
    }
    let event_of =
        |version: Option<i64>, marking: Marking, accounts: &[&str]| peel_store::NewNotification {
            id: NotificationId(Uuid::new_v4()),
            own_id: "5a3c2fcd-8328-42bb-a95e-4f4402de0b81".into(),
            kind: MULE,
            occurred_at: T0,
            received_at: T0 + Duration::minutes(10),
            postcode: None,
            online: true,
            amount: None,
            victim_age_band: None,
            body: "mule ring".into(),
            version,
            marking,
            indicators: accounts
                .iter()
                .map(|a| peel_store::FoundIndicator {
                    kind: Kind::BankAccount,
                    value: (*a).into(),
                    found_in: "North Bank's notification".into(),
                })
                .collect(),
        };
    let ingest = |n: peel_store::NewNotification| {
        let store = store.clone();
        async move {
            store
                .ingest_notifications(
                    &northbank(),
                    &[n],
                    50,
                    event(T0, "notifications.received", "organisation:northbank"),
                )
                .await
                .unwrap()
        }
    };
    let first = event_of(Some(100), Marking::Green, &["123456-12345678"]);
    let id = first.id;
    assert!(matches!(
        ingest(first).await.as_slice(),
        [peel_store::IngestOutcome::Accepted { links: 1, .. }]
    ));
    assert_eq!(
        store.links_of(sub(1)).await.unwrap()[0].marking,
        Marking::Green
    );
    // The same version again, an older one, or one without a version: duplicates.
    for version in [Some(100), Some(99), None] {
        let outcome = ingest(event_of(version, Marking::Clear, &[])).await;
        assert_eq!(
            outcome,
            vec![peel_store::IngestOutcome::Duplicate],
            "{version:?}"
        );
    }
    // A newer version: marked RED, the first account dropped and the second added.
    let outcome = ingest(event_of(Some(200), Marking::Red, &["654321-87654321"])).await;
    assert_eq!(
        outcome,
        vec![peel_store::IngestOutcome::Updated {
            links: 1,
            reports: vec![Marking::Red]
        }]
    );
    let held = store.notifications(&[id]).await.unwrap();
    assert_eq!(held.len(), 1, "the same id in Peel");
    assert_eq!(
        held[0].marking,
        Marking::Red,
        "the marking is raised at once"
    );
    assert_eq!(store.notification_count(&northbank()).await.unwrap(), 1);
    assert!(
        store.links_of(sub(1)).await.unwrap().is_empty(),
        "the value no longer sent links no more"
    );
    let links = store.links_of(sub(2)).await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].marking, Marking::Red);
    let alerts = store.alerts_of(sub(2)).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].marking, Marking::Red);
    // An older version after that is a duplicate of the newer one.
    let outcome = ingest(event_of(Some(150), Marking::Clear, &["123456-12345678"])).await;
    assert_eq!(outcome, vec![peel_store::IngestOutcome::Duplicate]);
    // And the replacement is on the record.
    let trail = store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some("organisation:northbank".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        trail.iter().any(|e| e
            .event
            .detail
            .contains("1 of them newer versions replacing those held")),
        "the collection entry says what was replaced"
    );
}

contract!(
    store: a_newer_version_replaces_the_notification_held;
    raw:
);
