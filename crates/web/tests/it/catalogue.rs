//! The bad-input catalogue (issue 13, item 9; ARCHITECTURE.md lists the table): every kind of
//! hostile input, sent to every route that takes input, must get a documented answer (one of the
//! statuses its row allows, and on the API one of the stable error codes), never a 5xx, and
//! must leave nothing half-stored. Run on SQLite and on PostgreSQL.

use std::io::Write;

use peel_core::audit::AuditCode;
use peel_store::testing::TestStore;
use peel_testkit::{TestApp, csrf_token, spawn_app_on};

/// What is sent.
#[derive(Clone, Copy, Debug)]
enum Input {
    Oversized,
    MalformedJson,
    MalformedForm,
    InvalidUtf8,
    Nul,
    DeepNesting,
    GzipBomb,
    Script,
    SqlMeta,
    HeaderInjection,
}

const INPUTS: [Input; 10] = [
    Input::Oversized,
    Input::MalformedJson,
    Input::MalformedForm,
    Input::InvalidUtf8,
    Input::Nul,
    Input::DeepNesting,
    Input::GzipBomb,
    Input::Script,
    Input::SqlMeta,
    Input::HeaderInjection,
];

/// How a route takes its input.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Body {
    Json,
    Form,
    NdJson,
}

struct Route {
    path: &'static str,
    body: Body,
    /// Signed in as this account (none: the public, with the pre-sign-in CSRF cookie).
    as_user: Option<&'static str>,
    /// The page whose form gives the CSRF token (forms only).
    form_page: Option<&'static str>,
    /// The fields a valid request would send, into which the hostile text goes.
    field: &'static str,
    api: bool,
}

const ROUTES: &[Route] = &[
    Route {
        path: "/api/v1/reports",
        body: Body::Json,
        as_user: None,
        form_page: None,
        field: "description",
        api: true,
    },
    Route {
        path: "/report/details",
        body: Body::Form,
        as_user: None,
        form_page: Some("/report/details"),
        field: "description",
        api: false,
    },
    Route {
        path: "/status",
        body: Body::Form,
        as_user: None,
        form_page: Some("/status"),
        field: "reference",
        api: false,
    },
    Route {
        path: "/login",
        body: Body::Form,
        as_user: None,
        form_page: Some("/login"),
        field: "username",
        api: false,
    },
    Route {
        path: "/open311/v2/requests.json",
        body: Body::Form,
        as_user: None,
        form_page: None,
        field: "description",
        api: false,
    },
    Route {
        path: "/api/v1/notifications",
        body: Body::NdJson,
        as_user: None,
        form_page: None,
        field: "text",
        api: true,
    },
    Route {
        path: "/account/password",
        body: Body::Form,
        as_user: Some("pc.cat"),
        form_page: Some("/account/password"),
        field: "current",
        api: false,
    },
];

/// The stable API error codes (the table in `crates/web/src/error.rs`).
const CODES: &[&str] = &[
    "bad_request",
    "invalid_json",
    "unsupported_media_type",
    "validation_failed",
    "unauthenticated",
    "invalid_api_key",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "payload_too_large",
    "request_timeout",
    "rate_limited",
];

fn text(input: Input) -> String {
    match input {
        Input::Script => "<script>alert('x')</script><img src=x onerror=alert(1)>".into(),
        Input::SqlMeta => "'; DROP TABLE submissions; -- \" OR 1=1 --".into(),
        Input::Nul => "before\u{0}after".into(),
        _ => "A broken window on the corner".into(),
    }
}

fn json_report(description: &str) -> String {
    serde_json::json!({
        "description": description, "category": "criminal-damage-arson",
        "occurred_at": "2026-11-19T10:00:00Z", "location": {"online": true},
        "reporter": {"role": "witness", "anonymous": true}
    })
    .to_string()
}

fn notification(text: &str) -> String {
    serde_json::json!({"version": 1, "id": format!("C-{}", uuid::Uuid::new_v4()), "type": "money-mule",
        "occurred_at": "2026-11-20T10:00:00Z",
        "indicators": [{"type": "phone", "value": "07700 900123"}], "text": text})
    .to_string()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// 300 MiB of newlines in about 300 KB, made once.
fn bomb() -> &'static [u8] {
    static BOMB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BOMB.get_or_init(|| gzip(&vec![b'\n'; 300 * 1024 * 1024]))
}

/// The body and extra headers for one input on one route.
fn request(route: &Route, input: Input, csrf: &str) -> (Vec<u8>, Vec<(&'static str, Vec<u8>)>) {
    let mut headers = Vec::new();
    let field = |value: &str| {
        serde_urlencoded::to_string([
            ("csrf_token", csrf),
            (route.field, value),
            ("service_code", "criminal-damage-arson"),
            ("address_string", "1 High St"),
        ])
        .unwrap()
    };
    let valid = match route.body {
        Body::Json => json_report(&text(input)).into_bytes(),
        Body::Form => field(&text(input)).into_bytes(),
        Body::NdJson => notification(&text(input)).into_bytes(),
    };
    let body = match input {
        Input::Oversized => vec![b'a'; 3 * 1024 * 1024],
        Input::MalformedJson => b"{\"description\": \"unterminated".to_vec(),
        Input::MalformedForm => format!("csrf_token={csrf}&{}=%zz%&&==%", route.field).into_bytes(),
        Input::InvalidUtf8 => {
            let mut v = valid.clone();
            v.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
            if route.body == Body::Form {
                format!("csrf_token={csrf}&{}=%ff%fe%c3%28", route.field).into_bytes()
            } else {
                v
            }
        }
        Input::Nul => match route.body {
            Body::Form => format!("csrf_token={csrf}&{}=a%00b", route.field).into_bytes(),
            Body::Json => json_report("a\u{0}b").into_bytes(),
            Body::NdJson => notification("a\u{0}b").into_bytes(),
        },
        Input::DeepNesting => {
            let mut v = "[".repeat(20_000).into_bytes();
            v.extend("]".repeat(20_000).bytes());
            v
        }
        Input::GzipBomb => {
            headers.push(("content-encoding", b"gzip".to_vec()));
            bomb().to_vec()
        }
        Input::HeaderInjection => {
            // Bytes a header may carry but no key or reason should: obs-text, and a flood.
            headers.push(("idempotency-key", b"k\xff\xfekey".to_vec()));
            headers.push(("x-peel-reason", vec![b'r'; 10_000]));
            valid
        }
        Input::Script | Input::SqlMeta => valid,
    };
    (body, headers)
}

/// What a row allows: statuses, and whether the input may be stored (valid but hostile text).
fn allowed(route: &Route, input: Input) -> (&'static [u16], bool) {
    let public_form = route.body == Body::Form;
    match input {
        // A bulk body past the line bound is refused line by line, within its larger limit.
        Input::Oversized if route.body == Body::NdJson => (&[200, 413], false),
        Input::Oversized => (&[400, 413], false),
        Input::GzipBomb if route.body == Body::NdJson => (&[200, 400, 413], false),
        Input::GzipBomb => (&[400, 403, 413, 415, 422], false),
        Input::Script | Input::SqlMeta => match route.path {
            "/api/v1/reports" => (&[201], true),
            "/api/v1/notifications" => (&[200], true),
            "/report/details" => (&[200, 303, 400, 422], true),
            "/open311/v2/requests.json" => (&[201, 400, 403], true),
            _ => (&[200, 303, 400, 401, 404, 422, 429], false),
        },
        Input::HeaderInjection => match route.path {
            "/api/v1/reports" => (&[400], false),
            _ => (&[200, 201, 303, 400, 401, 403, 404, 422, 429], true),
        },
        Input::Nul
        | Input::InvalidUtf8
        | Input::MalformedForm
        | Input::MalformedJson
        | Input::DeepNesting => {
            match (route.body, route.path) {
                (Body::NdJson, _) => (&[200, 400], false),
                // The uniform answers: no such reference and code; wrong username or password.
                (_, "/status") => (&[400, 404, 422], false),
                (_, "/login") => (&[400, 401, 422], false),
                _ if public_form || route.as_user.is_some() => (&[400, 403, 415, 422], false),
                _ => (&[400, 415, 422], false),
            }
        }
    }
}

async fn stored(app: &TestApp) -> (usize, i64) {
    let received = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::SubmissionReceived),
            limit: 10_000,
            ..Default::default()
        })
        .await
        .unwrap()
        .len();
    let notifications = app
        .store
        .notification_count(&peel_core::OrganisationId::parse("northbank").unwrap())
        .await
        .unwrap();
    (received, notifications)
}

async fn run(test_store: TestStore) {
    let app = spawn_app_on(test_store).await;
    crate::notifications::register_as(&app, "northbank", None, Vec::new()).await;
    let key = crate::notifications::api_key(&app, "northbank").await;
    app.create_user_in("pc.cat", "neighbourhood_officer", Some("central-intake"))
        .await;
    let officer = app.signed_in("pc.cat").await;
    let mut failures = Vec::new();
    for route in ROUTES {
        for input in INPUTS {
            let client = match route.as_user {
                Some(_) => officer.clone(),
                None => app.client(),
            };
            let csrf = match route.form_page {
                Some(page) => csrf_token(&app.get_page(&client, page).await),
                None => String::new(),
            };
            let (body, headers) = request(route, input, &csrf);
            let mut builder = client.post(app.url(route.path)).body(body);
            builder = builder.header(
                "content-type",
                match route.body {
                    Body::Json => "application/json",
                    Body::Form => "application/x-www-form-urlencoded",
                    Body::NdJson => "application/x-ndjson",
                },
            );
            if route.body == Body::NdJson {
                builder = builder.bearer_auth(&key);
            }
            for (name, value) in headers {
                builder = builder.header(
                    name,
                    reqwest::header::HeaderValue::from_bytes(&value).unwrap(),
                );
            }
            let before = stored(&app).await;
            let response = builder.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            let after = stored(&app).await;
            let (statuses, may_store) = allowed(route, input);
            let case = format!("{input:?} to {}", route.path);
            if status >= 500 || !statuses.contains(&status) {
                failures.push(format!(
                    "{case}: {status} (allowed {statuses:?}) {}",
                    &text.chars().take(200).collect::<String>()
                ));
                continue;
            }
            if route.api && status >= 400 {
                let code = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
                if !code.as_deref().is_some_and(|c| CODES.contains(&c)) {
                    failures.push(format!(
                        "{case}: no documented error code in {}",
                        &text.chars().take(200).collect::<String>()
                    ));
                }
            }
            if !may_store && before != after && status != 200 {
                failures.push(format!(
                    "{case}: something was stored ({before:?} to {after:?})"
                ));
            }
            if route.body == Body::NdJson
                && matches!(input, Input::Nul)
                && !text.contains("text.nul")
            {
                failures.push(format!(
                    "{case}: the line was not refused with text.nul: {text}"
                ));
            }
            if text.len() > 64 * 1024 {
                failures.push(format!("{case}: the answer is {} bytes", text.len()));
            }
        }
    }
    // The tables are all still there and working.
    assert_eq!(
        app.client()
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_hostile_input_to_every_route_gets_a_documented_answer_on_sqlite() {
    run(TestStore::sqlite().await.unwrap()).await;
}

#[tokio::test]
async fn every_hostile_input_to_every_route_gets_a_documented_answer_on_postgres() {
    let Some(test_store) = TestStore::postgres().await.unwrap() else {
        peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
        return;
    };
    run(test_store).await;
}

/// Finding M-6: a NUL in one notification's text refuses that line alone (the good lines are
/// kept), and a NUL in a staff form is a clear error, never a 500, on both backends alike.
async fn nul_is_refused_alike(test_store: TestStore) {
    let app = spawn_app_on(test_store).await;
    crate::notifications::register_as(&app, "northbank", None, Vec::new()).await;
    let key = crate::notifications::api_key(&app, "northbank").await;
    let body = [
        notification("fine"),
        notification("bad\u{0}text"),
        notification("fine too"),
    ]
    .join("\n");
    let (status, receipts) =
        crate::notifications::send(&app, Some(&key), body.into_bytes(), false).await;
    assert_eq!(status, 200);
    let statuses: Vec<&str> = receipts[..3]
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["accepted", "rejected", "accepted"]);
    assert_eq!(receipts[1]["code"], "text.nul");

    app.create_user_in("pc.nul", "neighbourhood_officer", Some("central-online"))
        .await;
    let officer = app.signed_in("pc.nul").await;
    let created: serde_json::Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .header("content-type", "application/json")
        .body(json_report("Someone keeps kicking the bins over"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored = app.submission(created["reference"].as_str().unwrap()).await;
    let link = format!("/submissions/{}", stored.id);
    let answer = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/notes"),
            &[("kind", "internal"), ("body", "a\u{0}b")],
        )
        .await;
    assert_eq!(answer.status(), 400);
    assert!(app.store.notes(stored.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_nul_is_refused_alike_on_sqlite() {
    nul_is_refused_alike(TestStore::sqlite().await.unwrap()).await;
}

#[tokio::test]
async fn a_nul_is_refused_alike_on_postgres() {
    let Some(test_store) = TestStore::postgres().await.unwrap() else {
        peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
        return;
    };
    nul_is_refused_alike(test_store).await;
}
