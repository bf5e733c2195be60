//! Health, error shapes, security headers, limits and the OpenAPI document.

use peel_testkit::spawn_app;
use serde_json::Value;

async fn json(response: reqwest::Response) -> Value {
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "content type was {content_type}"
    );
    response.json().await.unwrap()
}

fn assert_error_shape(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "body was {body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(!message.is_empty());
    assert!(
        !message.contains("panicked") && !message.contains("sqlx"),
        "leaked: {message}"
    );
}

#[tokio::test]
async fn healthz_answers_200_with_the_schema_version() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = json(response).await;
    assert_eq!(body["status"], "ok");
    assert_eq!(body["schema_version"], peel_store::LATEST_SCHEMA_VERSION);
    assert_eq!(body["store"], "sqlite");
}

#[tokio::test]
async fn an_unknown_api_route_gets_the_json_error_shape() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/api/v1/nothing-here")).await.unwrap();
    assert_eq!(response.status(), 404);
    assert_error_shape(&json(response).await, "not_found");
}

#[tokio::test]
async fn a_wrong_method_gets_the_json_error_shape_and_an_allow_header() {
    let app = spawn_app().await;
    let response = app
        .client()
        .delete(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert!(response.headers().contains_key("allow"));
    assert_error_shape(&json(response).await, "method_not_allowed");
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_in_the_json_error_shape() {
    let app = spawn_app().await;
    let body = vec![b'x'; 2 * 1024 * 1024];
    let response = app
        .client()
        .post(app.url("/api/v1/me"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_error_shape(&json(response).await, "payload_too_large");
}

#[tokio::test]
async fn a_malformed_query_gets_a_json_error_not_plain_text() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/api/v1/audit/entries?limit=lots"))
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_error_shape(&json(response).await, "bad_request");
}

#[tokio::test]
async fn an_unknown_page_is_an_html_page_not_json() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/no/such/page")).await.unwrap();
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/login",
        "/healthz",
        "/api/nothing",
        "/assets/peel.css",
    ] {
        let response = reqwest::get(app.url(path)).await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn pages_use_no_inline_scripts_or_styles_and_have_a_skip_link() {
    let app = spawn_app().await;
    let html = reqwest::get(app.url("/login"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en-GB\" dir=\"ltr\">"));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert!(!html.contains("<script"));
    assert!(!html.contains("style=\""));
    assert!(html.contains("<label for=\"username\">"));
}

#[tokio::test]
async fn the_openapi_document_is_openapi_3_and_lists_every_api_route() {
    let app = spawn_app().await;
    let doc = json(reqwest::get(app.url("/api/openapi.json")).await.unwrap()).await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["title"].is_string());
    assert!(doc["info"]["version"].is_string());
    let paths = doc["paths"].as_object().unwrap();
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [
            "/api/v1/alerts",
            "/api/v1/audit/entries",
            "/api/v1/audit/verify",
            "/api/v1/cases/{id}",
            "/api/v1/cases/{id}/disclosures",
            "/api/v1/concerns",
            "/api/v1/me",
            "/api/v1/notifications",
            "/api/v1/notifications/sent",
            "/api/v1/reports",
            "/api/v1/reports/{reference}/evidence",
            "/api/v1/reports/{reference}/status",
            "/api/v1/stats/wards/{ward_code}",
            "/api/v1/submissions/{id}",
            "/api/v1/uploads",
            "/api/v1/uploads/{id}",
            "/api/v1/vetting/reviews",
            "/healthz",
            "/open311/discovery.json",
            "/open311/discovery.xml",
            "/open311/v2/discovery.json",
            "/open311/v2/discovery.xml",
            "/open311/v2/requests.json",
            "/open311/v2/requests.xml",
            "/open311/v2/requests/{id}",
            "/open311/v2/services.json",
            "/open311/v2/services.xml",
            "/open311/v2/services/{file}"
        ]
    );

    // Each documented operation exists on the server (nothing documented is missing) and
    // documents at least one response.
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty())
            );
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let concrete = path
                .replace("{reference}", "2222-2222-2")
                .replace("{ward_code}", "E05009288")
                .replace("{file}", "drugs.json")
                .replace(
                    "{id}",
                    if path.starts_with("/open311") {
                        "2222-2222-2.json"
                    } else {
                        "0193a4b0-0000-7000-8000-000000000000"
                    },
                );
            let response = app
                .client()
                .request(method, app.url(&concrete))
                .send()
                .await
                .unwrap();
            assert_ne!(
                response.status(),
                405,
                "{path} is documented with the wrong method"
            );
            let body = response.text().await.unwrap();
            assert!(
                !body.contains("There is no API route"),
                "{path} is documented but not served"
            );
        }
    }

    // Every schema reference resolves.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "dangling $ref {name}"
        );
    }
}

#[tokio::test]
async fn the_served_document_matches_the_one_generated_from_the_code() {
    let app = spawn_app().await;
    let served: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let generated: Value = serde_json::to_value(peel_web::openapi()).unwrap();
    assert_eq!(served, generated);
}

/// Finding M-11: a store that cannot be written is not healthy.
#[tokio::test]
async fn health_is_503_when_the_store_cannot_be_written() {
    let app = peel_testkit::spawn_app_with(
        peel_store::testing::TestStore::sqlite().await.unwrap(),
        peel_web::WebConfig {
            health_probe_every: std::time::Duration::ZERO,
            ..peel_testkit::test_config()
        },
    )
    .await;
    let ok = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    app.test_store
        .execute_raw(
            "CREATE TRIGGER full_disk BEFORE UPDATE ON health_probe \
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
        )
        .await
        .unwrap();
    let down = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(down.status(), 503);
    let body: serde_json::Value = down.json().await.unwrap();
    assert_eq!(body["error"]["code"], "service_unavailable");
}

/// Finding L-4: an https deployment tells browsers to use https only.
#[tokio::test]
async fn strict_transport_security_is_sent_when_the_public_address_is_https() {
    let app = peel_testkit::spawn_app_with(
        peel_store::testing::TestStore::sqlite().await.unwrap(),
        peel_web::WebConfig {
            strict_transport_security: true,
            ..peel_testkit::test_config()
        },
    )
    .await;
    let answer = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        answer.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let plain = peel_testkit::spawn_app().await;
    let answer = plain
        .client()
        .get(plain.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert!(answer.headers().get("strict-transport-security").is_none());
}

/// Finding P1-11: a table wider than a phone scrolls inside a region the keyboard can reach.
#[test]
fn every_table_sits_in_a_named_scroll_region_the_keyboard_can_reach() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("<table") {
            let before = &text[..at];
            let region = before
                .rfind("<div class=\"table-scroll\"")
                .unwrap_or_else(|| panic!("{}: a table outside a scroll region", path.display()));
            let opening = &before[region..];
            assert!(
                opening.contains("tabindex=\"0\"") && opening.contains("aria-label"),
                "{}: {opening}",
                path.display()
            );
            assert!(
                !opening.contains("</div>"),
                "{}: the region closed before the table",
                path.display()
            );
        }
    }
}
