//! The notifications area.

use super::*;
use peel_core::notification::retention::{Covers, Retention};
use peel_core::notification::{AlertStatus, NotificationType};
use peel_core::{AlertId, Marking, NotificationId};
use peel_link::Kind;

pub(super) const MULE: NotificationType = NotificationType::MoneyMule;

pub(super) fn northbank() -> OrganisationId {
    org("northbank")
}

async fn notifications_are_stored_once_and_linked_to_earlier_items(store: Arc<dyn Store>) {
    let lead = new_user("fraud.lead", &[Role::Analyst]);
    store
        .create_user(&lead, event(T0, "user.created", ""))
        .await
        .unwrap();
    let mut org = peel_store::Organisation {
        id: northbank(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: "fraud@northbank.example".into(),
        agreement: "DSA-2026-01".into(),
        allowed_types: vec![MULE],
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec![UserId(Uuid::new_v4())],
        feedback: None,
        created_at: T0,
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    };
    let created = || {
        vec![
            event(T0, "organisation.created", "organisation:northbank"),
            event(
                T0,
                "organisation.red_recipient_named",
                "organisation:northbank",
            ),
        ]
    };
    assert!(
        matches!(
            store.create_organisation(&org, created()).await,
            Err(StoreError::NotFound)
        ),
        "a TLP:RED recipient must be an account"
    );
    assert!(store.organisation(&northbank()).await.unwrap().is_none());
    org.red_recipients = vec![lead.id];
    store.create_organisation(&org, created()).await.unwrap();
    assert!(matches!(
        store.create_organisation(&org, created()).await,
        Err(StoreError::Conflict(peel_store::Conflict::Organisation))
    ));
    assert_eq!(
        store.organisation(&northbank()).await.unwrap(),
        Some(org.clone())
    );
    // A public report already named the account.
    store
        .correlate_audited(
            &indicators(
                sub(1),
                reporter("ann"),
                Marking::Amber,
                &[(Kind::BankAccount, "123456-12345678")],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    let notification = |own: &str, account: &str| peel_store::NewNotification {
        id: NotificationId(Uuid::new_v4()),
        own_id: own.into(),
        kind: MULE,
        occurred_at: T0,
        received_at: T0 + Duration::minutes(5),
        postcode: None,
        online: true,
        amount: Some((95_000, "GBP".into())),
        victim_age_band: None,
        body: "mule".into(),
        version: None,
        marking: Marking::Red,
        indicators: vec![peel_store::FoundIndicator {
            kind: Kind::BankAccount,
            value: account.into(),
            found_in: "the notification's indicators".into(),
        }],
    };
    let batch = vec![
        notification("N-1", "123456-12345678"),
        notification("N-2", "654321-87654321"),
    ];
    let outcomes = store
        .ingest_notifications(
            &northbank(),
            &batch,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            peel_store::IngestOutcome::Accepted {
                links: 1,
                reports: vec![Marking::Red]
            },
            peel_store::IngestOutcome::Accepted {
                links: 0,
                reports: vec![]
            }
        ]
    );
    let links = store.links_of(sub(1)).await.unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].marking,
        Marking::Red,
        "the link carries the stricter marking"
    );
    // Sent again (with new Peel ids): nothing is stored twice.
    let again: Vec<_> = batch
        .iter()
        .map(|n| peel_store::NewNotification {
            id: NotificationId(Uuid::new_v4()),
            ..n.clone()
        })
        .collect();
    let outcomes = store
        .ingest_notifications(
            &northbank(),
            &again,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(outcomes, vec![peel_store::IngestOutcome::Duplicate; 2]);
    assert_eq!(store.notification_count(&northbank()).await.unwrap(), 2);
    let stored = store.notifications(&[batch[0].id]).await.unwrap();
    assert_eq!(
        (stored[0].own_id.as_str(), stored[0].marking, stored[0].kind),
        ("N-1", Marking::Red, MULE)
    );
    assert!(
        store
            .notifications(&[NotificationId(Uuid::new_v4())])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.links_of(sub(1)).await.unwrap().len(), 1);

    // The link to a report raised an alert on the fraud queue, RED like the notification.
    let alerts = store.alerts_of(sub(1)).await.unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let alert = &alerts[0];
    assert_eq!(
        (
            alert.organisation.as_str(),
            alert.notification,
            alert.notifications,
            alert.marking,
            alert.kind,
            alert.value.as_str(),
            alert.status
        ),
        (
            "northbank",
            batch[0].id,
            1,
            Marking::Red,
            Kind::BankAccount,
            "123456-12345678",
            AlertStatus::Open
        )
    );
    let raised = store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some(sub(1).to_string()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        raised.iter().any(|e| e.event.event == "alert.raised"
            && e.event.detail.contains("TLP:RED")
            && !e.event.detail.contains("northbank")
            && !e.event.detail.contains("123456")),
        "the RED alert is audited under the report, by reference only"
    );
    assert!(
        store
            .set_alert_status(
                alert.id,
                AlertStatus::Closed,
                "fraud.lead",
                T0 + Duration::minutes(6),
                event(T0, "alert.closed", "alert"),
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_alert_status(
                AlertId(alert.id.0 + 1_000),
                AlertStatus::Closed,
                "fraud.lead",
                T0,
                event(T0, "alert.closed", "alert"),
            )
            .await
            .unwrap()
    );

    // The same own id twice in one batch: the first is stored. The bank's next notification
    // naming the account chains to its last and adds to the alert, reopening it.
    let outcomes = store
        .ingest_notifications(
            &northbank(),
            &[
                notification("N-3", "123456-12345678"),
                notification("N-3", "123456-12345678"),
            ],
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            peel_store::IngestOutcome::Accepted {
                // The report, and the bank's own latest notification (not a report).
                links: 2,
                reports: vec![Marking::Red]
            },
            peel_store::IngestOutcome::Duplicate
        ]
    );
    let alert = store.alert(alert.id).await.unwrap().unwrap();
    assert_eq!(alert.notifications, 2);
    assert_eq!(alert.status, AlertStatus::Open);
    assert_eq!(
        store
            .alerts(&all_alerts(Some(AlertStatus::Open), 10))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .alerts(&all_alerts(Some(AlertStatus::Closed), 10))
            .await
            .unwrap()
            .is_empty()
    );

    // A later report naming the account links to the bank's latest notification, and raises
    // its own alert.
    store
        .correlate_audited(
            &indicators(
                sub(2),
                reporter("bob"),
                Marking::Amber,
                &[(Kind::BankAccount, "123456-12345678")],
                T0 + Duration::minutes(10),
            ),
            50,
        )
        .await
        .unwrap();
    let later = store.links_of(sub(2)).await.unwrap();
    let mut others: Vec<ItemRef> = later.iter().map(|l| l.other(sub(2))).collect();
    others.sort_unstable();
    assert_eq!(
        others.len(),
        2,
        "the first reporter and the bank's latest: {others:?}"
    );
    assert!(others.contains(&sub(1)));
    let alerts = store.alerts_of(sub(2)).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].notifications, 1);
    assert_eq!(store.alerts(&all_alerts(None, 10)).await.unwrap().len(), 2);

    // The bank reads back what it sent, with how many reports each matched through links
    // marked at most what is asked (these are RED), in pages; nothing asked, nothing counted.
    let matched = |up_to: Option<Marking>| {
        let store = &store;
        async move {
            let sent = store
                .notifications_sent(&northbank(), 0, 10, up_to)
                .await
                .unwrap();
            sent.iter()
                .map(|n| (n.own_id.clone(), n.matched_reports))
                .collect::<Vec<_>>()
        }
    };
    let named = |counts: [Option<i64>; 3]| {
        ["N-1", "N-2", "N-3"]
            .into_iter()
            .map(String::from)
            .zip(counts)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        matched(Some(Marking::Red)).await,
        named([Some(1), Some(0), Some(2)])
    );
    assert_eq!(
        matched(Some(Marking::AmberStrict)).await,
        named([Some(0), Some(0), Some(0)])
    );
    assert_eq!(matched(None).await, named([None, None, None]));
    let sent = store
        .notifications_sent(&northbank(), 0, 10, None)
        .await
        .unwrap();
    let next = store
        .notifications_sent(&northbank(), sent[0].seq, 1, None)
        .await
        .unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].own_id, "N-2");
    assert!(
        store
            .notifications_sent(&super::org("another-bank"), 0, 10, Some(Marking::Red))
            .await
            .unwrap()
            .is_empty()
    );
}

/// Retention: old notifications are erased with their links; older ones that link to nothing
/// are pseudonymised and link no more; both are audited as erasures.
async fn retention_erases_old_notifications_and_pseudonymises_unlinked_ones(store: Arc<dyn Store>) {
    let org = peel_store::Organisation {
        id: northbank(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "DSA-1".into(),
        allowed_types: vec![MULE],
        default_marking: Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec![],
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
    let report = |item: ItemRef, who: &str, account: &str, at: OffsetDateTime| {
        indicators(
            item,
            reporter(who),
            Marking::Amber,
            &[(Kind::BankAccount, account)],
            at,
        )
    };
    store
        .correlate_audited(
            &report(sub(1), "ann", "111111-11111111", T0 - Duration::days(1)),
            50,
        )
        .await
        .unwrap();
    store
        .correlate_audited(
            &report(sub(2), "bob", "333333-33333333", T0 - Duration::days(1)),
            50,
        )
        .await
        .unwrap();
    let notification = |own: &str, account: &str, days: i64| peel_store::NewNotification {
        id: NotificationId(Uuid::new_v4()),
        own_id: own.into(),
        kind: MULE,
        occurred_at: T0,
        received_at: T0 + Duration::days(days),
        postcode: Some(peel_core::postcode::Postcode::parse("SW1A 1AA").unwrap()),
        online: false,
        amount: None,
        victim_age_band: Some("75-plus".into()),
        body: "mule".into(),
        version: None,
        marking: Marking::Amber,
        indicators: vec![peel_store::FoundIndicator {
            kind: Kind::BankAccount,
            value: account.into(),
            found_in: "North Bank's notification".into(),
        }],
    };
    let batch = [
        notification("A", "111111-11111111", 0),
        notification("B", "222222-22222222", 10),
        notification("C", "333333-33333333", 10),
        notification("D", "444444-44444444", 100),
    ];
    store
        .ingest_notifications(
            &northbank(),
            &batch,
            50,
            event(T0, "notifications.received", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(store.links_of(sub(1)).await.unwrap().len(), 1);
    assert_eq!(
        store.notification_kinds(&northbank()).await.unwrap(),
        vec![MULE]
    );

    store
        .set_retention(
            &northbank(),
            Covers::Every,
            Retention::new(365, 90).unwrap(),
            event(T0, "retention.set", "organisation:northbank"),
        )
        .await
        .unwrap();
    store
        .set_retention(
            &northbank(),
            Covers::Type(MULE),
            Retention::new(730, 30).unwrap(),
            event(T0, "retention.set", "organisation:northbank"),
        )
        .await
        .unwrap();
    assert_eq!(
        store.retention_rules(&northbank()).await.unwrap(),
        vec![
            (Covers::Every, Retention::new(365, 90).unwrap()),
            (Covers::Type(MULE), Retention::new(730, 30).unwrap())
        ]
    );

    let mut erasure = event(T0, "notifications.erased", "organisation:northbank");
    erasure.operation = Operation::Erasure;
    let outcome = store
        .apply_retention(
            &northbank(),
            MULE,
            T0 + Duration::days(1),
            T0 + Duration::days(50),
            T0 + Duration::days(120),
            erasure.clone(),
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        peel_store::RetentionOutcome {
            erased: 1,
            pseudonymised: 1
        }
    );
    assert!(
        store
            .notifications(&[batch[0].id])
            .await
            .unwrap()
            .is_empty(),
        "A is erased"
    );
    assert!(
        store.links_of(sub(1)).await.unwrap().is_empty(),
        "with its link"
    );
    assert!(
        store.notifications(&[batch[1].id]).await.unwrap().len() == 1,
        "B is kept, pseudonymised"
    );
    assert_eq!(
        store.links_of(sub(2)).await.unwrap().len(),
        1,
        "C links, so it is kept whole"
    );

    // B's account is gone from the index; C's and D's remain.
    let later =
        |item: ItemRef, account: &str| report(item, "cat", account, T0 + Duration::days(121));
    let b = store
        .correlate_audited(&later(sub(3), "222222-22222222"), 50)
        .await
        .unwrap();
    assert!(
        b.links.is_empty(),
        "a pseudonymised notification links no more"
    );
    let d = store
        .correlate_audited(&later(sub(4), "444444-44444444"), 50)
        .await
        .unwrap();
    assert_eq!(d.links.len(), 1);

    // Applied again, nothing more happens.
    let again = store
        .apply_retention(
            &northbank(),
            MULE,
            T0 + Duration::days(1),
            T0 + Duration::days(50),
            T0 + Duration::days(120),
            erasure,
        )
        .await
        .unwrap();
    assert_eq!(again, peel_store::RetentionOutcome::default());
    let entries = store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some("organisation:northbank".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let erasures: Vec<&str> = entries
        .iter()
        .filter(|e| e.event.operation == Operation::Erasure)
        .map(|e| e.event.event.as_str())
        .collect();
    assert_eq!(
        erasures,
        vec!["notifications.erased", "notifications.pseudonymised"]
    );
}

contract!(
    store: notifications_are_stored_once_and_linked_to_earlier_items,
        retention_erases_old_notifications_and_pseudonymises_unlinked_ones,
        alerts_are_filtered_by_marking_before_the_limit_and_page;
    raw:
);

/// A page of alerts of every marking (RED from North Bank).
fn all_alerts(status: Option<AlertStatus>, limit: u32) -> peel_store::AlertQuery {
    peel_store::AlertQuery {
        status,
        markings: Marking::ALL.to_vec(),
        red_from: vec![northbank()],
        before: None,
        limit,
    }
}

/// Finding M-3: alerts are filtered by marking before the limit, and page through all.
async fn alerts_are_filtered_by_marking_before_the_limit_and_page(store: Arc<dyn Store>) {
    let org = |id: &str| super::org(id);
    for (n, (bank, marking)) in [("northbank", Marking::Red), ("southbank", Marking::Amber)]
        .into_iter()
        .flat_map(|pair| std::iter::repeat_n(pair, 3))
        .enumerate()
    {
        let mut o = peel_store::Organisation {
            id: org(bank),
            name: bank.into(),
            sector: "bank".into(),
            contact: String::new(),
            agreement: String::new(),
            allowed_types: vec![MULE],
            default_marking: Marking::Amber,
            rate_per_minute: 60,
            red_recipients: vec![],
            feedback: None,
            created_at: T0,
            kind: peel_core::concern::OrganisationKind::Notifier,
            phone: String::new(),
        };
        if store.organisation(&o.id).await.unwrap().is_none() {
            store.create_organisation(&o, vec![]).await.unwrap();
        }
        o.red_recipients.clear();
        let account = format!("12345{n}-1234567{n}");
        store
            .correlate_audited(
                &indicators(
                    sub(100 + n as u128),
                    reporter("ann"),
                    Marking::Amber,
                    &[(Kind::BankAccount, &account)],
                    T0,
                ),
                50,
            )
            .await
            .unwrap();
        let notification = peel_store::NewNotification {
            id: NotificationId(Uuid::new_v4()),
            own_id: format!("X-{n}"),
            kind: MULE,
            occurred_at: T0,
            received_at: T0 + Duration::minutes(n as i64),
            postcode: None,
            online: true,
            amount: None,
            victim_age_band: None,
            body: "mule".into(),
            version: None,
            marking,
            indicators: vec![peel_store::FoundIndicator {
                kind: Kind::BankAccount,
                value: account.clone(),
                found_in: "the notification".into(),
            }],
        };
        store
            .ingest_notifications(
                &org(bank),
                &[notification],
                50,
                event(T0, "notifications.received", "x"),
            )
            .await
            .unwrap();
    }
    let non_recipient = |before, limit| peel_store::AlertQuery {
        status: None,
        markings: vec![
            Marking::Clear,
            Marking::Green,
            Marking::Amber,
            Marking::AmberStrict,
        ],
        red_from: vec![],
        before,
        limit,
    };
    // The three RED alerts are the newest, yet a page of two still holds AMBER alerts.
    let first = store.alerts(&non_recipient(None, 2)).await.unwrap();
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|a| a.marking == Marking::Amber));
    let last = first.last().map(|a| (a.updated_at, a.id));
    let second = store.alerts(&non_recipient(last, 2)).await.unwrap();
    assert_eq!(second.len(), 1, "the third AMBER alert on the next page");
    assert!(first.iter().all(|a| a.id != second[0].id));
    let recipient = peel_store::AlertQuery {
        red_from: vec![org("northbank")],
        ..non_recipient(None, 10)
    };
    assert_eq!(store.alerts(&recipient).await.unwrap().len(), 6);
}
