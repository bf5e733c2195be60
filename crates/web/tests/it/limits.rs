//! Findings H-5 and H-6 of the security review: slow or idle clients cannot lock anyone out, and
//! a flood of reports from one address is refused past a limit, clearly, and shown to the
//! supervisor.

use std::time::Duration;

use peel_testkit::{TestApp, spawn_app_with};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn app_with(config: peel_web::WebConfig) -> TestApp {
    spawn_app_with(
        peel_store::testing::TestStore::sqlite().await.unwrap(),
        config,
    )
    .await
}

fn address(app: &TestApp) -> std::net::SocketAddr {
    app.address.trim_start_matches("http://").parse().unwrap()
}

/// A connection from a loopback address of its own, so that the test's other requests come
/// from another address.
async fn connect_from(source: [u8; 4], to: std::net::SocketAddr) -> Option<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind(std::net::SocketAddr::from((source, 0))).ok()?;
    socket.connect(to).await.ok()
}

#[tokio::test]
async fn two_thousand_idle_connections_from_one_address_do_not_keep_a_signed_in_request_waiting() {
    let app = app_with(peel_testkit::test_config()).await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let officer = app.signed_in("pc.smith").await;
    let to = address(&app);
    let mut idle = Vec::with_capacity(2_000);
    for _ in 0..2_000 {
        if let Some(stream) = connect_from([127, 0, 0, 2], to).await {
            idle.push(stream);
        }
    }
    assert!(
        idle.len() >= 1_900,
        "only {} connections opened",
        idle.len()
    );
    let started = std::time::Instant::now();
    let answered = tokio::time::timeout(
        Duration::from_secs(1),
        officer.get(app.url("/queue")).send(),
    )
    .await
    .expect("a signed-in request answered within a second")
    .unwrap();
    assert_eq!(answered.status().as_u16(), 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    // Past the cap per address, the server closed the rest at once.
    let mut closed = 0;
    for stream in idle.iter_mut().rev().take(100) {
        let mut byte = [0_u8; 1];
        if let Ok(Ok(0)) =
            tokio::time::timeout(Duration::from_millis(200), stream.read(&mut byte)).await
        {
            closed += 1;
        }
    }
    assert!(closed >= 90, "{closed} of the last 100 were closed");
}

#[tokio::test]
async fn an_idle_or_trickling_connection_is_closed_after_the_header_time_out() {
    let app = app_with(peel_web::WebConfig {
        header_read_timeout: Duration::from_secs(1),
        ..peel_testkit::test_config()
    })
    .await;
    let to = address(&app);
    let mut silent = connect_from([127, 0, 0, 3], to).await.unwrap();
    let mut trickle = connect_from([127, 0, 0, 3], to).await.unwrap();
    trickle
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    for stream in [&mut silent, &mut trickle] {
        let mut buffer = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buffer)).await;
        assert!(
            read.is_ok(),
            "the connection was not closed within 5 seconds"
        );
    }
}

fn report(n: usize) -> serde_json::Value {
    json!({
        "description": format!("Flood report number {n} about a broken window"),
        "category": "criminal-damage-arson", "occurred_at": "2026-11-19T10:00:00Z",
        "location": {"online": true}, "reporter": {"role": "witness", "anonymous": true}
    })
}

#[tokio::test]
async fn one_address_sending_500_reports_is_refused_past_the_limit_and_the_supervisor_sees_it() {
    let app = app_with(peel_web::WebConfig {
        reports_per_address_per_minute: 20,
        ..peel_testkit::test_config()
    })
    .await;
    app.create_user_in("sup.a", "supervisor", Some("central-intake"))
        .await;
    let client = app.client();
    let (mut stored, mut refused) = (0, 0);
    for n in 0..500 {
        let response = client
            .post(app.url("/api/v1/reports"))
            .json(&report(n))
            .send()
            .await
            .unwrap();
        match response.status().as_u16() {
            201 => stored += 1,
            429 => {
                refused += 1;
                let wait: u64 = response.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!((1..=60).contains(&wait));
                let body: serde_json::Value = response.json().await.unwrap();
                assert_eq!(body["error"]["code"], "rate_limited");
            }
            other => panic!("report {n} answered {other}"),
        }
    }
    assert_eq!((stored, refused), (20, 480));
    // The form shares the budget: it is refused too, with a page saying nothing was lost.
    let csrf = peel_testkit::csrf_token(&app.get_page(&client, "/report/details").await);
    let form = client
        .post(app.url("/report/details"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            (
                "description",
                "Youths throwing stones at the bus shelter again",
            ),
            ("category", "anti-social-behaviour"),
            ("occurred_day", "25"),
            ("occurred_month", "11"),
            ("occurred_year", "2026"),
            ("occurred_time", "21:30"),
            ("where_kind", "online"),
            ("reporter_role", "witness"),
            ("anonymous", "yes"),
            ("confirmed", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status().as_u16(), 429);
    assert!(form.headers().contains_key("retry-after"));
    assert!(
        form.text()
            .await
            .unwrap()
            .contains("Nothing you sent was lost")
    );

    // Nothing refused was stored; the flood is on the supervisor's page and in the trail.
    let stored_rows = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::SubmissionReceived),
            limit: 1_000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(stored_rows.len(), 20);
    let supervisor = app.signed_in("sup.a").await;
    let page = app.get_page(&supervisor, "/supervisor").await;
    assert!(page.contains("Floods of reports refused"), "{page}");
    assert!(page.contains("<td>127.0.0.1</td><td>481</td>"), "{page}");
    let audited = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::IntakeRateLimited),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        audited.len(),
        1,
        "audited once a minute, not once a refusal"
    );
}

/// Finding M-4: the public's idempotency keys are theirs alone, and no status token is kept in
/// clear to replay.
#[tokio::test]
async fn one_reporters_idempotency_key_neither_refuses_nor_replays_anothers_report() {
    let app = app_with(peel_testkit::test_config()).await;
    let send = |n: usize| {
        let client = app.client();
        let url = app.url("/api/v1/reports");
        async move {
            let response = client
                .post(url)
                .header("Idempotency-Key", "same-key-2026")
                .json(&report(n))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (status, response.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (first_status, first) = send(1).await;
    let (other_status, other) = send(2).await;
    assert_eq!((first_status, other_status), (201, 201), "{other}");
    assert_ne!(first["reference"], other["reference"]);
    let (again_status, again) = send(1).await;
    assert_eq!(again_status, 201);
    assert_eq!(again["reference"], first["reference"]);
    assert_eq!(
        again["status_token"], first["status_token"],
        "the retry gets the same token"
    );
    let token = first["status_token"].as_str().unwrap();
    let looked = app
        .client()
        .get(app.url(&format!(
            "/api/v1/reports/{}/status",
            first["reference"].as_str().unwrap()
        )))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(looked.status().as_u16(), 200, "the derived token works");
    let body = report(1).to_string();
    let scope = format!(
        "reports:public:{}",
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(body.as_bytes()))
    );
    let (_, kept) = app
        .store
        .idempotent_response(&scope, "same-key-2026")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !kept.contains(token),
        "the kept response holds no token: {kept}"
    );
}

/// Finding L-5: guessing Open311 references is throttled per address.
#[tokio::test]
async fn open311_look_ups_of_unknown_requests_are_throttled_per_address() {
    let app = app_with(peel_testkit::test_config()).await;
    let mut statuses = Vec::new();
    for n in 0..25 {
        let reference = peel_core::reference::Reference::from_random([n; 8]);
        let answer = app
            .client()
            .get(app.url(&format!("/open311/v2/requests/{reference}.json")))
            .send()
            .await
            .unwrap();
        statuses.push(answer.status().as_u16());
    }
    assert!(statuses[..20].iter().all(|s| *s == 404), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
}
