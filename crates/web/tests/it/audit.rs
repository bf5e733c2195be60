//! The audit trail as the auditor uses it.

use peel_testkit::spawn_app;
use serde_json::Value;

#[tokio::test]
async fn the_auditor_searches_by_subject_and_the_search_is_itself_recorded() {
    let app = spawn_app().await;
    app.create_user("aud.khan", "auditor").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    app.sign_in(&app.client(), "pc.smith", "wrong password here")
        .await;
    let auditor = app.signed_in("aud.khan").await;

    let page = app
        .get_page(&auditor, "/audit?subject=account%3Apc.smith")
        .await;
    assert!(page.contains("login.failed"));
    assert!(page.contains("1 entry"));

    let body: Value = auditor
        .get(app.url("/api/v1/audit/entries?subject=audit_log"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let events: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["audit.searched"],
        "the page search was recorded as a consultation"
    );
    assert_eq!(body[0]["operation"], "consultation");
}

#[tokio::test]
async fn a_bad_date_in_the_audit_search_is_explained() {
    let app = spawn_app().await;
    app.create_user("aud.khan", "auditor").await;
    let auditor = app.signed_in("aud.khan").await;
    let response = auditor
        .get(app.url("/audit?from=31-02-2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"#from\""));
    assert!(html.contains("YYYY-MM-DD"));
}

#[tokio::test]
async fn verification_over_http_names_the_entry_that_was_altered() {
    let app = spawn_app().await;
    app.create_user("aud.khan", "auditor").await;
    let auditor = app.signed_in("aud.khan").await;
    let body: Value = auditor
        .get(app.url("/api/v1/audit/verify"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["intact"], true);

    app.test_store
        .execute_raw("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'edited' WHERE seq = 1")
        .await
        .unwrap();
    let body: Value = auditor
        .get(app.url("/api/v1/audit/verify"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["intact"], false);
    assert_eq!(body["first_bad_entry"], 1);
    let page = app.get_page(&auditor, "/audit/verify").await;
    assert!(page.contains("tampered with"));
    assert!(page.contains("entry 1 was altered"));
}
