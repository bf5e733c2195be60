//! A crash at any moment loses nothing that was acknowledged: the server is killed with SIGKILL
//! while reports are arriving, and every acknowledged reference must be in the store with its
//! audit entry, and the audit chain intact.

use std::sync::{Arc, Mutex};

use peel_store::{AuditQuery, AuditStore, SubmissionStore};

#[tokio::test]
async fn killing_the_server_mid_stream_loses_no_acknowledged_report() {
    let dir = tempfile::tempdir().unwrap();
    // The senders all come from loopback, like a contact centre's gateway: exempt from the
    // limit on reports per address (set in the data directory's settings file).
    std::fs::write(
        dir.path().join("peel.toml"),
        "report_limit_exempt = [\"127.0.0.1\"]\n",
    )
    .unwrap();
    let (mut child, stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();

    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut senders = Vec::new();
    for sender in 0..8 {
        let acknowledged = acknowledged.clone();
        let url = format!("{base}/api/v1/reports");
        senders.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            for i in 0.. {
                let body = serde_json::json!({
                    "description": format!("report {i} from sender {sender}"),
                    "category": "anti-social-behaviour",
                    "occurred_at": "2026-11-25T22:15:00Z",
                    "location": {"online": true},
                    "reporter": {"role": "witness", "anonymous": true}
                });
                let Ok(response) = client.post(&url).json(&body).send().await else {
                    return;
                };
                if response.status() != 201 {
                    return;
                }
                let Ok(created) = response.json::<serde_json::Value>().await else {
                    return;
                };
                acknowledged
                    .lock()
                    .unwrap()
                    .push(created["reference"].as_str().unwrap().to_owned());
            }
        }));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < 60 {
        assert!(
            std::time::Instant::now() < deadline,
            "the server stopped acknowledging reports"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // SIGKILL: no graceful shutdown, no chance to flush anything.
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdout);
    for sender in senders {
        sender.await.unwrap();
    }

    let acknowledged = acknowledged.lock().unwrap().clone();
    let store = peel_store::SqliteStore::open(&dir.path().join("peel.db"))
        .await
        .unwrap();
    for reference in &acknowledged {
        assert!(
            store
                .submission_by_reference(
                    &peel_core::reference::Reference::parse(reference).unwrap()
                )
                .await
                .unwrap()
                .is_some(),
            "{reference} was acknowledged but lost"
        );
    }
    let entries = store
        .audit_entries(&AuditQuery {
            limit: 100_000,
            ..Default::default()
        })
        .await
        .unwrap();
    let received = entries
        .iter()
        .filter(|e| e.event.event == "submission.received")
        .count();
    let stored = store
        .queue(&peel_store::QueueFilter {
            team: peel_core::TeamId::online(),
            stage: None,
            category: None,
            received_after: None,
            now: time::OffsetDateTime::UNIX_EPOCH,
            limit: 100_000,
            offset: 0,
        })
        .await
        .unwrap()
        .len();
    assert!(stored >= acknowledged.len());
    assert_eq!(
        stored, received,
        "every stored report has its audit entry and no entry lacks its report"
    );
    assert_eq!(
        peel_store::verify_audit_chain(
            &store,
            &peel_core::audit::ChainKey::from_slice(
                &std::fs::read(dir.path().join("audit-chain.key")).unwrap()
            )
            .unwrap(),
            &Default::default()
        )
        .await
        .unwrap(),
        entries.len() as i64
    );
}
