//! `POST /api/v1/notifications`: an organisation's system sends notifications with its API key;
//! a notification naming an account already in a public report lights the report up.

use peel_core::notification::NotificationType;
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

pub(crate) async fn api_key(app: &TestApp, organisation: &str) -> String {
    if app
        .store
        .credentials(&peel_core::username::Username::parse("admin").unwrap())
        .await
        .unwrap()
        .is_none()
    {
        app.create_user("admin", "administrator").await;
    }
    let admin = app.signed_in("admin").await;
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("label", "Fraud feed"),
                ("organisation", organisation),
                ("expires_days", "30"),
            ],
        )
        .await;
    let html = response.text().await.unwrap();
    let start = html.find("peel_").unwrap();
    html[start..start + 5 + 32 + 1 + 64].to_owned()
}

fn northbank() -> peel_core::OrganisationId {
    peel_core::OrganisationId::parse("northbank").unwrap()
}

/// North Bank, whose agreement grants feedback on matches up to TLP:AMBER.
async fn register(app: &TestApp) {
    register_as(
        app,
        "northbank",
        Some(peel_core::Marking::Amber),
        Vec::new(),
    )
    .await;
}

pub(crate) async fn register_as(
    app: &TestApp,
    id: &str,
    feedback: Option<peel_core::Marking>,
    red_recipients: Vec<peel_core::UserId>,
) {
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    let org = peel_store::Organisation {
        id: peel_core::OrganisationId::parse(id).unwrap(),
        name: if id == "northbank" {
            "North Bank".into()
        } else {
            id.into()
        },
        sector: "bank".into(),
        contact: String::new(),
        agreement: "DSA-1".into(),
        allowed_types: vec![NotificationType::MoneyMule, NotificationType::FraudApp],
        default_marking: peel_core::Marking::Amber,
        rate_per_minute: 600,
        red_recipients,
        feedback,
        created_at: now,
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    };
    let event = app.event(
        peel_core::audit::AuditCode::OrganisationCreated,
        format!("organisation:{id}"),
        "",
    );
    app.store
        .create_organisation(&org, vec![event])
        .await
        .unwrap();
}

pub(crate) async fn send(
    app: &TestApp,
    key: Option<&str>,
    body: Vec<u8>,
    gzip: bool,
) -> (u16, Vec<Value>) {
    let mut request = app
        .client()
        .post(app.url("/api/v1/notifications"))
        .header("Content-Type", "application/x-ndjson")
        .body(body);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    if gzip {
        request = request.header("Content-Encoding", "gzip");
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

pub(crate) fn line(id: &str, indicator: Value) -> String {
    json!({"version": 1, "id": id, "type": "money-mule", "occurred_at": "2026-11-20T10:00:00Z",
           "indicators": [indicator], "text": "Mule account reported by our fraud team"})
    .to_string()
}

#[tokio::test]
async fn a_banks_notification_naming_a_reported_account_lights_up_the_report() {
    let app = spawn_app().await;
    register(&app).await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let key = api_key(&app, "northbank").await;

    let report = json!({
        "description": "My mother was told to move her savings to sort code 12 34 56 account 12345678",
        "category": "fraud", "occurred_at": "2026-11-19T10:00:00Z",
        "location": {"online": true}, "reporter": {"role": "victim", "anonymous": true}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&report)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored = app.submission(created["reference"].as_str().unwrap()).await;

    let body = [
        line(
            "NB-1",
            json!({"type": "bank-account", "sort_code": "123456", "account": "1234-5678"}),
        ),
        line(
            "NB-2",
            json!({"type": "iban", "value": "GB00 WEST 1234 5698 7654 32"}),
        ),
        line("NB-3", json!({"type": "phone", "value": "07700 900456"}))
            .replace("money-mule", "online-harm"),
    ]
    .join("\n");
    let (status, receipts) = send(&app, Some(&key), body.clone().into_bytes(), false).await;
    assert_eq!(status, 200, "{receipts:?}");
    assert_eq!(receipts[0]["status"], "accepted", "{receipts:?}");
    assert_eq!(receipts[0]["links"], 1);
    assert_eq!(receipts[1]["code"], "indicator.iban_checksum");
    assert_eq!(receipts[2]["code"], "type.not_allowed");
    let summary = &receipts.last().unwrap()["summary"];
    assert_eq!(
        (summary["accepted"].as_u64(), summary["rejected"].as_u64()),
        (Some(1), Some(2))
    );

    // The officer's page explains the link: which value, and which organisation.
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", stored.id))
        .await;
    assert!(
        page.contains("North Bank notification NB-1 (money-mule)"),
        "{page}"
    );
    assert!(page.contains("Both name the bank account 123456-12345678"));

    // And an explained alert is on the fraud team's queue, within the same request.
    let alerts = app.get_page(&officer, "/alerts").await;
    assert!(
        alerts.contains(&format!(
            "North Bank notification NB-1 (money-mule) names the bank account 123456-12345678, which {} also gives (in what happened",
            stored.reference
        )),
        "{alerts}"
    );
    assert!(alerts.contains(&format!("href=\"/submissions/{}\"", stored.id)));

    // The bank reads back what it sent and how many reports each matched, never which.
    let sent: Value = app
        .client()
        .get(app.url("/api/v1/notifications/sent"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = &sent["notifications"][0];
    assert_eq!(
        (
            &first["id"],
            &first["type"],
            &first["matched_reports"],
            &first["status"]
        ),
        (
            &json!("NB-1"),
            &json!("money-mule"),
            &json!(1),
            &json!("held")
        ),
        "{sent}"
    );
    assert!(!sent.to_string().contains(&stored.reference.to_string()));
    let refused = officer
        .get(app.url("/api/v1/notifications/sent"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused.status().as_u16(),
        403,
        "an officer is not an organisation"
    );
    let other = api_key(&app, "southbank").await;
    let theirs: Value = app
        .client()
        .get(app.url("/api/v1/notifications/sent"))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        theirs["notifications"],
        json!([]),
        "another organisation sees none of it"
    );

    // Sent again, gzipped: nothing new.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, body.as_bytes()).unwrap();
    let (status, receipts) = send(&app, Some(&key), gz.finish().unwrap(), true).await;
    assert_eq!(status, 200);
    assert_eq!(receipts[0]["status"], "duplicate");
    assert_eq!(app.store.notification_count(&northbank()).await.unwrap(), 1);

    // The collection and the combination are in the audit trail.
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.event.event == "notifications.received")
    );
    assert!(entries.iter().any(|e| e.event.event == "alert.raised"
        && e.event.subject == format!("submission:{}", stored.id)));
    assert!(entries.iter().any(|e| e.event.event == "alerts.viewed"));
}

#[tokio::test]
async fn only_a_registered_organisations_key_may_send() {
    let app = spawn_app().await;
    register(&app).await;
    let (status, body) = send(&app, None, b"{}".to_vec(), false).await;
    assert_eq!(status, 401, "{body:?}");
    let stranger = api_key(&app, "unknown-ltd").await;
    let (status, body) = send(&app, Some(&stranger), b"{}".to_vec(), false).await;
    assert_eq!(status, 403);
    assert!(
        body[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not registered")
    );
    let key = api_key(&app, "northbank").await;
    // A gzip bomb: a small body that decompresses past the limit is refused whole.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b'\n'; 1 << 20];
    for _ in 0..300 {
        std::io::Write::write_all(&mut gz, &zeros).unwrap();
    }
    let (status, _) = send(&app, Some(&key), gz.finish().unwrap(), true).await;
    assert_eq!(status, 413);
    assert_eq!(app.store.notification_count(&northbank()).await.unwrap(), 0);
}

async fn send_as(app: &TestApp, key: &str, format: &str, body: &str) -> Vec<Value> {
    let response = app
        .client()
        .post(app.url(&format!("/api/v1/notifications?format={format}")))
        .bearer_auth(key)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response
        .text()
        .await
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[tokio::test]
async fn a_misp_event_and_a_stix_bundle_naming_the_account_link_the_same_way() {
    let app = spawn_app().await;
    register(&app).await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let key = api_key(&app, "northbank").await;
    let report = json!({
        "description": "Sent £2,000 to 12-34-56 12345678 for a puppy that never came",
        "category": "fraud", "occurred_at": "2026-11-19T10:00:00Z",
        "location": {"online": true}, "reporter": {"role": "victim", "anonymous": true}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&report)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored = app.submission(created["reference"].as_str().unwrap()).await;

    let misp = r#"{"Event": {
        "uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "info": "Mule account", "date": "2026-11-18",
        "Tag": [{"name": "tlp:amber"}, {"name": "peel:type=\"money-mule\""}],
        "Attribute": [{"type": "bank-account-nr", "category": "Financial fraud",
                       "value": "123456 1234 5678", "to_ids": false}]}}"#;
    let receipts = send_as(&app, &key, "misp", misp).await;
    assert_eq!(receipts[0]["status"], "accepted", "{receipts:?}");
    assert!(receipts[0]["links"].as_u64().unwrap() >= 1);

    let stix = r#"{"type": "bundle", "id": "bundle--0c0b1c7e-2f3a-4b5c-9d8e-7f6a5b4c3d2e", "objects": [
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "labels": ["money-mule"],
         "created": "2026-11-18T09:00:00.000Z", "modified": "2026-11-18T09:00:00.000Z",
         "pattern_type": "stix", "valid_from": "2026-11-18T09:00:00Z",
         "pattern": "[x-peel-bank-account:sort_code = '12 34 56' AND x-peel-bank-account:account_number = '12345678']",
         "object_marking_refs": ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}]}"#;
    let receipts = send_as(&app, &key, "stix", stix).await;
    assert_eq!(receipts[0]["status"], "accepted", "{receipts:?}");

    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", stored.id))
        .await;
    assert!(page.contains("North Bank notification 5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"));
    assert!(page.contains("North Bank notification bundle--0c0b1c7e-2f3a-4b5c-9d8e-7f6a5b4c3d2e"));
    assert!(page.contains("Both name the bank account 123456-12345678"));
    // One alert for the report and the bank, with both notifications behind it; taking and
    // closing it are recorded.
    let list: Value = officer
        .get(app.url("/api/v1/alerts"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let alerts = list["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{list}");
    assert_eq!(alerts[0]["notifications"], 2);
    assert_eq!(alerts[0]["reference"], stored.reference.to_string());
    let id = alerts[0]["id"].as_i64().unwrap();
    let response = app
        .post_form(
            &officer,
            "/alerts",
            &format!("/alerts/{id}/status"),
            &[("status", "closed")],
        )
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let page = app.get_page(&officer, "/alerts?status=closed").await;
    assert!(page.contains("closed (pc.smith)"), "{page}");
    assert!(
        app.get_page(&officer, "/alerts")
            .await
            .contains("No alerts.")
    );
    let bad = app
        .client()
        .post(app.url("/api/v1/notifications?format=csv"))
        .bearer_auth(&key)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400);
}

#[tokio::test]
async fn csv_over_http_maps_by_the_header_and_an_unmapped_column_is_a_clear_error() {
    let app = spawn_app().await;
    register(&app).await;
    let key = api_key(&app, "northbank").await;
    let body = "Ref,type,When,phone\nR-1,fraud-app,2026-11-20T10:00:00Z,07700 900777\n";
    let response = app
        .client()
        .post(app.url("/api/v1/notifications?format=csv&map=Ref%3Did%2CWhen%3Doccurred_at"))
        .bearer_auth(&key)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["status"], "accepted", "{text}");
    assert_eq!(first["id"], "R-1");
    let refused = app
        .client()
        .post(app.url("/api/v1/notifications?format=csv"))
        .bearer_auth(&key)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 400);
    let error: Value = refused.json().await.unwrap();
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"Ref\"")
    );
}

#[tokio::test]
async fn an_organisation_past_its_requests_a_minute_is_told_when_to_try_again() {
    let app = spawn_app().await;
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    let org = peel_store::Organisation {
        id: peel_core::OrganisationId::parse("tinybank").unwrap(),
        name: "Tiny Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "DSA-2".into(),
        allowed_types: vec![NotificationType::MoneyMule],
        default_marking: peel_core::Marking::Amber,
        rate_per_minute: 2,
        red_recipients: Vec::new(),
        feedback: None,
        created_at: now,
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    };
    let event = app.event(
        peel_core::audit::AuditCode::OrganisationCreated,
        "organisation:tinybank",
        "",
    );
    app.store
        .create_organisation(&org, vec![event])
        .await
        .unwrap();
    let key = api_key(&app, "tinybank").await;
    let body = line("T-1", json!({"type": "phone", "value": "07700 900999"}));
    for _ in 0..2 {
        let (status, _) = send(&app, Some(&key), body.clone().into_bytes(), false).await;
        assert_eq!(status, 200);
    }
    let (status, answer) = send(&app, Some(&key), body.into_bytes(), false).await;
    assert_eq!(status, 429);
    let message = answer[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("2 requests a minute") && message.contains("seconds"),
        "{message}"
    );
}

/// A body far larger than one piece is read line by line as it arrives (a stream, not a
/// buffer); past the configured limit it is refused with 413, keeping what was stored.
#[tokio::test]
async fn a_large_body_streams_in_and_one_past_the_limit_is_refused() {
    let test_store = peel_store::testing::TestStore::sqlite().await.unwrap();
    let app = peel_testkit::spawn_app_with(
        test_store,
        peel_web::WebConfig {
            notification_body_limit: 4 << 20,
            ..peel_web::WebConfig::default()
        },
    )
    .await;
    register(&app).await;
    let key = api_key(&app, "northbank").await;
    let body: String = (0..8_000)
        .map(|i| {
            line(
                &format!("NB-{i}"),
                json!({"type": "phone", "value": format!("07700 9{:05}", i % 1000)}),
            ) + "\n"
        })
        .collect();
    assert!(body.len() > 1 << 20, "more than one piece: {}", body.len());
    let (status, receipts) = send(&app, Some(&key), body.clone().into_bytes(), false).await;
    assert_eq!(status, 200);
    let summary = &receipts.last().unwrap()["summary"];
    assert_eq!(summary["accepted"], 8_000, "{summary}");
    assert_eq!(receipts[7_999]["line"], 8_000);

    let too_big = body.repeat(3);
    let (status, refusal) = send(&app, Some(&key), too_big.into_bytes(), false).await;
    assert_eq!(status, 413, "{refusal:?}");
    assert_eq!(
        app.store.notification_count(&northbank()).await.unwrap(),
        8_000
    );
}

/// Finding M-5: an error never echoes what was sent beyond a short prefix, and a bomb is
/// refused as it inflates.
#[tokio::test]
async fn a_huge_csv_header_or_a_gzip_bomb_gets_a_short_clear_error() {
    let app = spawn_app().await;
    register(&app).await;
    let key = api_key(&app, "northbank").await;
    let header = format!("{}\nx\n", "Q".repeat(2 * 1024 * 1024));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, header.as_bytes()).unwrap();
    let answer = app
        .client()
        .post(app.url("/api/v1/notifications?format=csv"))
        .bearer_auth(&key)
        .header("Content-Encoding", "gzip")
        .body(gz.finish().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let text = answer.text().await.unwrap();
    assert!(text.len() < 2_000, "{} bytes came back", text.len());

    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut bomb, &vec![b'Q'; 300 * 1024 * 1024]).unwrap();
    let answer = app
        .client()
        .post(app.url("/api/v1/notifications?format=misp"))
        .bearer_auth(&key)
        .header("Content-Encoding", "gzip")
        .body(bomb.finish().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);
    assert!(answer.text().await.unwrap().len() < 2_000);
}

/// Issue 20: over HTTP as from a file, STIX bundles are whole documents (pretty-printed, or one
/// per line), a granular marking on the pattern marks what is read from it, and a bad value is
/// refused by value while the rest is kept.
#[tokio::test]
async fn stix_documents_are_read_whole_with_granular_markings_and_refusals_by_value() {
    let app = spawn_app().await;
    register(&app).await;
    let key = api_key(&app, "northbank").await;
    let bundle = |id: &str, pattern: &str| {
        json!({"type": "bundle", "id": format!("bundle--7a1b0c4e-1111-4222-8333-94445555{id}"), "objects": [{
            "type": "indicator", "spec_version": "2.1", "id": "indicator--1",
            "created": "2026-11-25T10:00:00Z", "modified": "2026-11-25T10:00:00Z",
            "valid_from": "2026-11-25T10:00:00Z", "pattern_type": "stix", "pattern": pattern,
            "labels": ["money-mule"],
            "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],
            "granular_markings": [{"marking_ref": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
                                   "selectors": ["pattern"]}]
        }]})
    };
    let body = format!(
        "{}\n{}\n",
        serde_json::to_string_pretty(&bundle(
            "0001",
            "[ipv4-addr:value = '203.0.113.9' OR domain-name:value = 'not a host!']"
        ))
        .unwrap(),
        bundle("0002", "[url:value = 'https://pay.example.net/x']")
    );
    let answer = app
        .client()
        .post(app.url("/api/v1/notifications?format=stix"))
        .bearer_auth(&key)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let text = answer.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0]["status"], "accepted", "{text}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["refused"][0]["code"], "indicator.domain", "{text}");
    assert_eq!(lines[1]["status"], "accepted");
    assert!(
        lines[1]["line"].as_u64().unwrap() > 10,
        "the second starts after the first"
    );
    assert_eq!(lines[2]["summary"]["accepted"], 2);
    assert_eq!(lines[2]["summary"]["refused_values"], 1);
    let sent = app
        .client()
        .get(app.url("/api/v1/notifications/sent"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let markings: Vec<&str> = sent["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["marking"].as_str().unwrap())
        .collect();
    assert_eq!(
        markings,
        ["TLP:RED", "TLP:RED"],
        "GREEN indicators whose patterns are marked RED"
    );
}
