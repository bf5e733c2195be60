//! The JSON API: API keys, identity and errors.

use peel_testkit::{TestApp, spawn_app};
use serde_json::Value;

async fn create_key(app: &TestApp, admin: &reqwest::Client) -> String {
    let response = app
        .post_form(
            admin,
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("label", "Fraud feed"),
                ("organisation", "a-bank"),
                ("expires_days", "30"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let start = html.find("peel_").unwrap();
    html[start..start + 5 + 32 + 1 + 64].to_owned()
}

async fn me(app: &TestApp, key: &str) -> (u16, Value) {
    let response = app
        .client()
        .get(app.url("/api/v1/me"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn an_api_key_is_shown_once_works_and_stops_working_when_revoked() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let key = create_key(&app, &admin).await;

    let (status, body) = me(&app, &key).await;
    assert_eq!(status, 200);
    assert_eq!(body["kind"], "api_client");
    assert_eq!(body["organisation"], "a-bank");

    let listing = app.get_page(&admin, "/admin/api-keys").await;
    assert!(!listing.contains(&key), "the key is never shown again");
    assert!(listing.contains("Fraud feed"));
    let stored = app.store.list_api_keys().await.unwrap();
    assert_ne!(stored[0].digest, key, "only a digest is stored");

    let id = stored[0].id;
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            &format!("/admin/api-keys/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, body) = me(&app, &key).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "invalid_api_key");
}

#[tokio::test]
async fn an_expired_api_key_is_refused() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let key = create_key(&app, &admin).await;
    app.clock.advance(time::Duration::days(31));
    let (status, body) = me(&app, &key).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "invalid_api_key");
}

#[tokio::test]
async fn a_malformed_or_tampered_key_gets_the_same_stable_code() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let key = create_key(&app, &admin).await;
    let mut tampered = key.clone();
    tampered.pop();
    tampered.push(if key.ends_with('0') { '1' } else { '0' });
    for bad in ["nonsense", "peel_", tampered.as_str()] {
        let (status, body) = me(&app, bad).await;
        assert_eq!(status, 401, "{bad}");
        assert_eq!(body["error"]["code"], "invalid_api_key", "{bad}");
    }
}

#[tokio::test]
async fn without_credentials_the_api_says_unauthenticated() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/api/v1/me")).await.unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn a_signed_in_session_works_for_the_api_too() {
    let app = spawn_app().await;
    app.create_user("aud.khan", "auditor").await;
    let client = app.signed_in("aud.khan").await;
    let body: Value = client
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["kind"], "user");
    assert_eq!(body["roles"], serde_json::json!(["auditor"]));
}

#[tokio::test]
async fn the_audit_api_refuses_non_auditors_with_a_stable_code() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let response = admin
        .get(app.url("/api/v1/audit/entries"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");
}

#[tokio::test]
async fn a_bad_parameter_gets_validation_failed() {
    let app = spawn_app().await;
    app.create_user("aud.khan", "auditor").await;
    let client = app.signed_in("aud.khan").await;
    let response = client
        .get(app.url("/api/v1/audit/entries?from=yesterday"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "validation_failed");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("RFC 3339")
    );
}

/// Issue 20 (the conformance review's F5, F10, F13): a 401 says how to authenticate; an
/// organisation's key, which is known but is not a person, is refused staff routes with 403,
/// not asked to sign in; and who is asking is settled before anything else is read.
#[tokio::test]
async fn a_401_says_how_and_an_organisation_key_on_a_staff_route_is_403() {
    let app = spawn_app().await;
    let anonymous = app
        .client()
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"Peel\""
    );
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let key = create_key(&app, &admin).await;
    for path in [
        "/api/v1/alerts",
        "/api/v1/audit/verify",
        "/api/v1/audit/entries",
        "/api/v1/vetting/reviews",
    ] {
        let response = app
            .client()
            .get(app.url(path))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
    let unauthenticated = app
        .client()
        .post(app.url("/api/v1/notifications?format=nonsense"))
        .header("content-type", "application/x-ndjson")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(
        unauthenticated.status(),
        401,
        "no key: 401 before the format is read"
    );
}
