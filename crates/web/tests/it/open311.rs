//! The Open311 (GeoReport v2) subset.

use peel_testkit::{TestApp, spawn_london_app};
use serde_json::Value;

async fn api_key(app: &TestApp) -> String {
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("label", "Council app"),
                ("organisation", "westminster-council"),
                ("expires_days", "30"),
            ],
        )
        .await;
    let html = response.text().await.unwrap();
    let start = html.find("peel_").unwrap();
    html[start..start + 5 + 32 + 1 + 64].to_owned()
}

#[tokio::test]
async fn only_non_sensitive_services_are_offered() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let services: Value = reqwest::get(app.url("/open311/v2/services.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> = services
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["service_code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"anti-social-behaviour"));
    for sensitive in ["domestic-abuse", "hate-incident", "violent-crime", "fraud"] {
        assert!(
            !codes.contains(&sensitive),
            "{sensitive} must never be offered"
        );
    }
}

#[tokio::test]
async fn a_request_with_a_key_is_routed_and_its_status_shows_nothing_private() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let response = app
        .client()
        .post(app.url("/open311/v2/requests.json"))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "anti-social-behaviour"),
            ("lat", "51.50354"),
            ("long", "-0.127695"),
            ("description", "Loud music every night at 2am"),
            ("email", "resident@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let id = created[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        created[0]["service_notice"]
            .as_str()
            .unwrap()
            .contains("St. James's Safer Neighbourhood Team")
    );

    let status: Value = reqwest::get(app.url(&format!("/open311/v2/requests/{id}.json")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status[0]["status"], "open");
    assert_eq!(
        status[0]["agency_responsible"],
        "St. James's Safer Neighbourhood Team"
    );
    let text = status.to_string();
    assert!(
        !text.contains("Loud music")
            && !text.contains("resident@example.com")
            && !text.contains("51.50")
    );
}

#[tokio::test]
async fn sensitive_or_unknown_services_and_missing_keys_are_refused_in_open311_form() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let post = |fields: Vec<(&'static str, String)>| {
        let client = app.client();
        let url = app.url("/open311/v2/requests.json");
        async move { client.post(url).form(&fields).send().await.unwrap() }
    };
    let no_key = post(vec![
        ("service_code", "anti-social-behaviour".into()),
        ("address_string", "Whitehall".into()),
    ])
    .await;
    assert_eq!(no_key.status(), 403);
    let sensitive = post(vec![
        ("api_key", key.clone()),
        ("service_code", "domestic-abuse".into()),
        ("address_string", "Whitehall".into()),
        ("description", "x".into()),
    ])
    .await;
    assert_eq!(sensitive.status(), 400);
    let body: Value = sensitive.json().await.unwrap();
    assert_eq!(body[0]["code"], 400);
    let nowhere = post(vec![
        ("api_key", key.clone()),
        ("service_code", "anti-social-behaviour".into()),
        ("description", "x".into()),
    ])
    .await;
    assert_eq!(nowhere.status(), 400);
    let unknown = reqwest::get(app.url("/open311/v2/requests/2222-2222-2.json"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn a_report_from_another_channel_cannot_be_seen_through_open311() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let body = serde_json::json!({
        "description": "private", "category": "anti-social-behaviour", "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true}, "reporter": {"role": "witness", "anonymous": true}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap();
    let response = reqwest::get(app.url(&format!("/open311/v2/requests/{reference}.json")))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}
