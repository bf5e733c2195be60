//! The reports API: routing by real London geography, idempotency, status lookups, bad input.

use peel_testkit::{TestApp, spawn_app, spawn_london_app};
use serde_json::{Value, json};

fn report(location: Value) -> Value {
    json!({
        "description": "Two men forced the door of the community centre <script>alert('x')</script>",
        "category": "burglary",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": location,
        "reporter": {"role": "witness", "anonymous": true}
    })
}

async fn post(app: &TestApp, body: &Value, key: Option<&str>) -> (u16, Value) {
    let mut request = app.client().post(app.url("/api/v1/reports")).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn sw1a_2aa_routes_to_st_jamess_ward_in_westminster() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let (status, body) = post(&app, &report(json!({"postcode": "sw1a 2aa"})), None).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["routing"]["ward_code"], "E05013806");
    assert_eq!(body["routing"]["ward_name"], "St. James's");
    assert_eq!(body["routing"]["borough"], "Westminster");
    assert_eq!(
        body["routing"]["team"],
        "St. James's Safer Neighbourhood Team"
    );
    assert!(
        body["routing"]["reason"]
            .as_str()
            .unwrap()
            .contains("SW1A 2AA")
    );
    let code = body["status_token"].as_str().unwrap();
    assert!(
        peel_core::reference::StatusCode::parse(code).is_some(),
        "a short read-aloud code of 64 bits: {code}"
    );
    assert!(peel_core::reference::Reference::parse(body["reference"].as_str().unwrap()).is_some());
}

#[tokio::test]
async fn e14_5ab_routes_to_canary_wharf_in_tower_hamlets() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let (status, body) = post(&app, &report(json!({"postcode": "E14 5AB"})), None).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["routing"]["ward_code"], "E05009323");
    assert_eq!(body["routing"]["borough"], "Tower Hamlets");
}

#[tokio::test]
async fn a_point_routes_by_the_nearest_postcode_and_a_point_outside_london_is_refused() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let (_, inside) = post(
        &app,
        &report(json!({"latitude": 51.50354, "longitude": -0.127695})),
        None,
    )
    .await;
    assert_eq!(inside["routing"]["ward_code"], "E05013806");
    let (status, outside) = post(
        &app,
        &report(json!({"latitude": 51.752, "longitude": -1.2577})),
        None,
    )
    .await;
    assert_eq!(status, 422, "{outside}");
    assert_eq!(outside["error"]["code"], "validation_failed");
    assert_eq!(outside["error"]["fields"][0]["field"], "location");
    assert!(
        outside["error"]["message"]
            .as_str()
            .unwrap()
            .contains("outside London")
    );
}

#[tokio::test]
async fn an_online_report_goes_to_the_stated_central_queue() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let mut body = report(json!({"online": true}));
    body["category"] = json!("fraud");
    let (status, body) = post(&app, &body, None).await;
    assert_eq!(status, 201);
    assert_eq!(body["routing"]["team_id"], "central-online");
    assert_eq!(body["routing"]["ward_name"], Value::Null);
    assert!(
        body["routing"]["reason"]
            .as_str()
            .unwrap()
            .contains("online")
    );
}

#[tokio::test]
async fn a_valid_postcode_outside_london_is_refused_with_where_to_go_instead() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let (status, body) = post(&app, &report(json!({"postcode": "OX1 1DP"})), None).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "postcode");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("not in London") && message.contains("101"),
        "{message}"
    );
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.is_empty(), "nothing stored");
}

#[tokio::test]
async fn a_retried_request_returns_the_first_result_and_stores_nothing_twice() {
    let app = spawn_app().await;
    let body = report(json!({"online": true}));
    let (first_status, first) = post(&app, &body, Some("retry-123")).await;
    let (second_status, second) = post(&app, &body, Some("retry-123")).await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first, second);
    let queue = peel_store::QueueFilter {
        team: peel_core::TeamId::online(),
        stage: None,
        category: None,
        received_after: None,
        now: peel_core::clock::Clock::now(app.clock.as_ref()),
        limit: 10,
        offset: 0,
    };
    assert_eq!(app.store.queue(&queue).await.unwrap().len(), 1);

    // The public's keys are scoped by the body too: another report under the same key is
    // another report, never refused (a caller with an API key gets 409 instead).
    let mut different = body.clone();
    different["description"] = json!("something else");
    let (status, other) = post(&app, &different, Some("retry-123")).await;
    assert_eq!(status, 201);
    assert_ne!(other["reference"], first["reference"]);
}

#[tokio::test]
async fn the_status_needs_the_reference_and_its_token_and_a_wrong_one_looks_like_no_report() {
    let app = spawn_app().await;
    let (_, created) = post(&app, &report(json!({"online": true})), None).await;
    let reference = created["reference"].as_str().unwrap();
    let token = created["status_token"].as_str().unwrap();

    let ok = app
        .client()
        .get(app.url(&format!("/api/v1/reports/{reference}/status")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let status: Value = ok.json().await.unwrap();
    assert_eq!(status["stage"], "new");
    assert_eq!(status["team"], "Online crime team (central)");
    assert!(
        status.get("description").is_none(),
        "the status never carries the report itself"
    );

    let wrong_token = app
        .client()
        .get(app.url(&format!("/api/v1/reports/{reference}/status")))
        .bearer_auth("0".repeat(64))
        .send()
        .await
        .unwrap();
    let unknown = app
        .client()
        .get(app.url("/api/v1/reports/2222-2222-2/status"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_token.status(), 404);
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        wrong_token.text().await.unwrap(),
        unknown.text().await.unwrap()
    );
}

#[tokio::test]
async fn repeated_failed_status_lookups_are_rate_limited() {
    let app = spawn_app().await;
    for _ in 0..20 {
        app.client()
            .get(app.url("/api/v1/reports/2222-2222-2/status"))
            .bearer_auth("x")
            .send()
            .await
            .unwrap();
    }
    let response = app
        .client()
        .get(app.url("/api/v1/reports/2222-2222-2/status"))
        .bearer_auth("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
}

#[tokio::test]
async fn bad_input_gets_the_documented_codes_and_stores_nothing() {
    let app = spawn_app().await;
    let cases: Vec<(Value, &str, u16)> = vec![
        (json!({"description": "x"}), "invalid_json", 400),
        (
            {
                let mut b = report(json!({"online": true}));
                b["surprise"] = json!(1);
                b
            },
            "invalid_json",
            400,
        ),
        (
            {
                let mut b = report(json!({"postcode": "NOT A POSTCODE"}));
                b["category"] = json!("nonsense");
                b
            },
            "validation_failed",
            422,
        ),
        (
            {
                let mut b = report(json!({"online": true}));
                b["occurred_at"] = json!("2099-01-01T00:00:00Z");
                b
            },
            "validation_failed",
            422,
        ),
        (
            {
                let mut b = report(json!({"online": true}));
                b["description"] = json!("a".repeat(4001));
                b
            },
            "validation_failed",
            422,
        ),
        (
            {
                let mut b = report(json!({"online": true}));
                b["occurred_at"] = json!("yesterday");
                b
            },
            "validation_failed",
            422,
        ),
    ];
    for (body, code, status) in cases {
        let (got_status, got) = post(&app, &body, None).await;
        assert_eq!(got_status, status, "{got}");
        assert_eq!(got["error"]["code"], code, "{got}");
    }
    let (_, validation) = post(
        &app,
        &{
            let mut b = report(json!({"postcode": "NOT A POSTCODE"}));
            b["category"] = json!("nonsense");
            b
        },
        None,
    )
    .await;
    let fields: Vec<&str> = validation["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["category", "postcode"]);

    let malformed = app
        .client()
        .post(app.url("/api/v1/reports"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let text = app
        .client()
        .post(app.url("/api/v1/reports"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    let body: Value = text.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unsupported_media_type");

    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e.event.event != "submission.received"),
        "nothing half-stored"
    );
}

#[tokio::test]
async fn an_anonymous_report_stores_no_contact_details_and_a_named_one_keeps_them() {
    let app = spawn_app().await;
    let (_, anonymous) = post(&app, &report(json!({"online": true})), None).await;
    let stored = app
        .submission(anonymous["reference"].as_str().unwrap())
        .await;
    assert_eq!(stored.contact, None);

    let mut named = report(json!({"online": true}));
    named["reporter"] =
        json!({"role": "victim", "contact": {"name": "Ada", "email": "ada@example.com"}});
    named["safe_contact"] = json!({"channels": ["email"], "no_voicemail": true, "shared_device": true, "safe_times": "weekdays 9 to 3"});
    let (status, created) = post(&app, &named, None).await;
    assert_eq!(status, 201, "{created}");
    let stored = app.submission(created["reference"].as_str().unwrap()).await;
    assert_eq!(
        stored.contact.and_then(|c| c.email).as_deref(),
        Some("ada@example.com")
    );
    assert!(stored.safe_contact.no_voicemail && stored.safe_contact.shared_device);
    assert_eq!(stored.safe_contact.safe_times, "weekdays 9 to 3");
    assert!(
        created["next_update_due"].is_string(),
        "a victim's report has a Victims' Code clock"
    );
}

#[tokio::test]
async fn every_accepted_report_is_audited_as_a_collection_in_the_same_transaction() {
    let app = spawn_app().await;
    let (_, created) = post(&app, &report(json!({"online": true})), None).await;
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.event.event == "submission.received")
        .unwrap();
    assert_eq!(
        entry.event.operation,
        peel_core::audit::Operation::Collection
    );
    assert!(
        entry
            .event
            .detail
            .contains(created["reference"].as_str().unwrap())
    );
    assert_eq!(
        app.checkpoints
            .verify(app.store.as_ref())
            .await
            .unwrap()
            .entries,
        entries.len() as i64
    );
}

#[tokio::test]
async fn a_report_of_a_weapon_and_a_child_is_grade_i_with_both_reasons_in_the_api_and_on_the_officers_page()
 {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let mut body = report(json!({"postcode": "SW1A 2AA"}));
    body["description"] = json!("A man pulled a knife on a child at the bus stop");
    body["category"] = json!("violent-crime");
    let (status, created) = post(&app, &body, None).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["triage"]["grade"], "I");
    let codes: Vec<&str> = created["triage"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"threat.weapon") && codes.contains(&"vulnerability.child"),
        "{codes:?}"
    );
    assert!(created["triage"]["first_contact_due"].is_string());

    let officer = app.signed_in("pc.smith").await;
    let stored = app.submission(created["reference"].as_str().unwrap()).await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", stored.id))
        .await;
    assert!(page.contains("Grade I"));
    assert!(page.contains("The report mentions a weapon"));
    assert!(page.contains("A child or young person may be involved"));
    let queue = app.get_page(&officer, "/queue?team=snt-E05013806").await;
    assert!(queue.contains(">I</strong>"));

    let view: Value = officer
        .get(app.url(&format!("/api/v1/submissions/{}", stored.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(view["triage"]["grade"], "I");
    let codes: Vec<&str> = view["triage"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"threat.weapon") && codes.contains(&"vulnerability.child"));
    let public = app
        .client()
        .get(app.url(&format!("/api/v1/submissions/{}", stored.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), 401);
}

#[tokio::test]
async fn a_second_report_from_the_same_person_is_flagged_as_a_repeat_victim() {
    let app = spawn_app().await;
    let mut body = report(json!({"online": true}));
    body["reporter"] = json!({"role": "victim", "contact": {"email": "ada@example.com"}});
    let (_, first) = post(&app, &body, None).await;
    let codes = |created: &Value| -> Vec<String> {
        created["triage"]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(!codes(&first).contains(&"vulnerability.repeat".to_owned()));
    let (_, second) = post(&app, &body, None).await;
    assert!(
        codes(&second).contains(&"vulnerability.repeat".to_owned()),
        "{:?}",
        codes(&second)
    );
}

#[tokio::test]
async fn a_pasted_scam_message_is_flagged_with_the_words_that_pushed_it() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let mut body = report(json!({"online": true}));
    body["category"] = json!("fraud");
    body["description"] = json!(
        "I got this text: URGENT! You have won a £1000 prize. Call 09061701461 now to claim your reward"
    );
    let (status, created) = post(&app, &body, None).await;
    assert_eq!(status, 201, "{created}");
    let scam = created["triage"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "investigation.scam_message");
    let text = scam.expect("the classifier flags it")["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("likely"), "{text}");
}

/// Finding L-6: a well-formed London postcode that the postcode file lacks goes to the central
/// intake team with the reason, never "not in London".
#[tokio::test]
async fn a_london_postcode_missing_from_the_file_goes_to_central_intake() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let (status, body) = post(&app, &report(json!({"postcode": "SW9 8DE"})), None).await;
    assert_eq!(status, 201, "{body}");
    let stored = app.submission(body["reference"].as_str().unwrap()).await;
    assert_eq!(stored.team, peel_core::TeamId::intake());
    assert!(
        stored.routing_reason.contains("not in the postcode file"),
        "{}",
        stored.routing_reason
    );
}
