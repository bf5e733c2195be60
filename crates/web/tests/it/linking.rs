//! Linking on arrival: shared values link submissions, explained on the officer's page and in
//! the API; warning-listed values link nothing; a value past the cap is marked common.

use peel_core::audit::AuditCode;
use peel_core::notification::NotificationType;
use peel_store::testing::TestStore;
use peel_testkit::{TestApp, settings, spawn_app_settled};
use serde_json::{Value, json};

async fn app(cap: usize) -> TestApp {
    let settings = peel_app::Settings {
        link_cap: cap,
        ..settings()
    };
    let app = spawn_app_settled(TestStore::sqlite().await.unwrap(), settings).await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    app
}

/// Posts an online fraud report; `from` names the reporter by email, or `None` for anonymous.
async fn report(app: &TestApp, description: &str, from: Option<&str>) -> String {
    let reporter = match from {
        Some(email) => json!({"role": "victim", "anonymous": false, "contact": {"email": email}}),
        None => json!({"role": "victim", "anonymous": true}),
    };
    let body = json!({
        "description": description,
        "category": "fraud",
        "occurred_at": "2026-11-25T10:00:00Z",
        "location": {"online": true},
        "reporter": reporter,
    });
    let response = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let created: Value = response.json().await.unwrap();
    assert_eq!(status, 201, "{created}");
    let reference = created["reference"].as_str().unwrap();
    app.submission(reference).await.id.to_string()
}

async fn linked_to(app: &TestApp, officer: &reqwest::Client, id: &str) -> Vec<Value> {
    let view: Value = officer
        .get(app.url(&format!("/api/v1/submissions/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    view["linked_to"].as_array().unwrap().clone()
}

async fn is_common(app: &TestApp, phone: &str) -> bool {
    let value = (peel_link::Kind::Phone, phone.to_owned());
    app.store
        .common_among(std::slice::from_ref(&value))
        .await
        .unwrap()
        .contains(&value)
}

#[tokio::test]
async fn a_mule_account_written_two_ways_links_two_reports_on_arrival_with_the_reason() {
    let app = app(50).await;
    let first = report(
        &app,
        "A man on the phone told my mum to move her savings to 12-34-56 12345678 at once",
        None,
    )
    .await;
    let second = report(
        &app,
        "I sent £900 to sort code 123456 account 1234 5678 for a van that never came",
        Some("victim.two@example.net"),
    )
    .await;
    let first_reference = app
        .store
        .submission(peel_core::SubmissionId::parse(&first).unwrap())
        .await
        .unwrap()
        .unwrap()
        .reference
        .to_string();
    let officer = app.signed_in("pc.smith").await;

    let links = linked_to(&app, &officer, &second).await;
    assert_eq!(links.len(), 1, "{links:?}");
    let link = &links[0];
    assert_eq!(link["submission_id"], first.as_str());
    assert_eq!(link["reference"], first_reference.as_str());
    assert_eq!(link["kind"], "bank account");
    assert_eq!(link["value"], "123456-12345678");
    let reason = link["reason"].as_str().unwrap();
    assert!(reason.contains("what happened, characters"), "{reason}");
    assert!(reason.contains(&first_reference), "{reason}");
    // Both ends see it.
    assert_eq!(linked_to(&app, &officer, &first).await.len(), 1);

    let page = app
        .get_page(&officer, &format!("/submissions/{second}"))
        .await;
    assert!(page.contains("Linked to"));
    assert!(page.contains(&format!("href=\"/submissions/{first}\"")));
    assert!(page.contains("Both name the bank account 123456-12345678"));
    assert!(page.contains("TLP:AMBER"));

    // The public cannot read links through the staff API.
    let status = app
        .client()
        .get(app.url(&format!("/api/v1/submissions/{second}")))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_warning_listed_number_links_nothing() {
    let app = app(50).await;
    let text = "They said to ring Action Fraud on 0300 123 2040 and see www.actionfraud.police.uk";
    let first = report(&app, text, Some("one@example.net")).await;
    let second = report(&app, text, Some("two@example.net")).await;
    let officer = app.signed_in("pc.smith").await;
    assert!(linked_to(&app, &officer, &second).await.is_empty());
    assert!(linked_to(&app, &officer, &first).await.is_empty());
    let page = app
        .get_page(&officer, &format!("/submissions/{second}"))
        .await;
    assert!(page.contains("No other report shares"));
}

#[tokio::test]
async fn a_number_seen_from_more_sources_than_the_cap_is_marked_common_and_links_nothing_more() {
    let app = app(2).await;
    let text = "Texts from 07700 900123 saying my parcel is held";
    let first = report(&app, text, Some("a@example.net")).await;
    let second = report(&app, text, Some("b@example.net")).await;
    // The same person again is not a new source.
    let again = report(&app, text, Some("b@example.net")).await;
    let officer = app.signed_in("pc.smith").await;
    // The second report links to the first by the number; the same person's next report links to
    // both by the number and to the second by the reporter's own email address too.
    let kinds = |links: Vec<Value>| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = links
            .iter()
            .map(|l| {
                let other = if l["submission_id"] == first.as_str() {
                    "first"
                } else if l["submission_id"] == second.as_str() {
                    "second"
                } else {
                    "again"
                };
                (other.to_owned(), l["kind"].as_str().unwrap().to_owned())
            })
            .collect();
        out.sort();
        out
    };
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        kinds(linked_to(&app, &officer, &again).await),
        vec![
            pair("first", "phone number"),
            pair("second", "email address"),
            pair("second", "phone number")
        ]
    );
    assert!(!is_common(&app, "+447700900123").await);
    // A third source passes the cap of two.
    let third = report(&app, text, Some("c@example.net")).await;
    assert!(linked_to(&app, &officer, &third).await.is_empty());
    assert!(is_common(&app, "+447700900123").await);
    let earlier = linked_to(&app, &officer, &first).await;
    assert_eq!(earlier.len(), 2, "earlier links stay");
    assert_eq!(earlier[0]["now_common"], true);
    let page = app
        .get_page(&officer, &format!("/submissions/{first}"))
        .await;
    assert!(page.contains("has since been seen from many sources"));
}

#[tokio::test]
async fn reports_naming_one_school_link_and_reports_close_in_place_and_time_are_nearby() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let post =
        |description: &'static str, category: &'static str, location: Value, when: &'static str| {
            let app = &app;
            async move {
                let body = json!({
                    "description": description,
                    "category": category,
                    "occurred_at": when,
                    "location": location,
                    "reporter": {"role": "witness", "anonymous": true},
                });
                let response = app
                    .client()
                    .post(app.url("/api/v1/reports"))
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                let created: Value = response.json().await.unwrap();
                let reference = created["reference"].as_str().unwrap().to_owned();
                app.submission(&reference).await.id.to_string()
            }
        };
    let online = post(
        "Pupils at St. Mary's Primary School are sharing a video of a boy being beaten",
        "online-abuse",
        json!({"online": true}),
        "2026-11-20T16:00:00Z",
    )
    .await;
    let assault = post(
        "A boy was beaten outside St Mary's Primary School after classes",
        "violent-crime",
        json!({"postcode": "SW1A 2AA"}),
        "2026-11-19T15:30:00Z",
    )
    .await;
    // About 200 m from SW1A 2AA, two days later.
    let close = post(
        "Graffiti threatening the boy's family on the wall",
        "criminal-damage-arson",
        json!({"latitude": 51.5053, "longitude": -0.1276}),
        "2026-11-21T09:00:00Z",
    )
    .await;
    // The same place, but two months before.
    let _old = post(
        "Bike stolen",
        "bicycle-theft",
        json!({"postcode": "SW1A 2AA"}),
        "2026-09-01T09:00:00Z",
    )
    .await;
    // Far away, the same day.
    let _far = post(
        "Bike stolen",
        "bicycle-theft",
        json!({"postcode": "E14 5AB"}),
        "2026-11-19T15:00:00Z",
    )
    .await;
    let officer = app.signed_in("pc.smith").await;

    let links = linked_to(&app, &officer, &assault).await;
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["submission_id"], online.as_str());
    assert_eq!(links[0]["kind"], "school, estate or venue");
    assert_eq!(links[0]["value"], "st mary's primary school");

    let view: Value = officer
        .get(app.url(&format!("/api/v1/submissions/{assault}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nearby = view["nearby"].as_array().unwrap();
    assert_eq!(nearby.len(), 1, "{nearby:?}");
    assert_eq!(nearby[0]["submission_id"], close.as_str());
    assert_eq!(nearby[0]["days"], 1);
    let metres = nearby[0]["metres"].as_u64().unwrap();
    assert!((100..=400).contains(&metres), "{metres}");
    let page = app
        .get_page(&officer, &format!("/submissions/{assault}"))
        .await;
    assert!(page.contains("Nearby in place and time"));
    assert!(page.contains(&format!("href=\"/submissions/{close}\"")));
}

/// Stores one notification from North Bank naming the mule account, with a marking.
async fn notify(app: &TestApp, own_id: &str, marking: peel_core::Marking) {
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    let northbank = peel_core::OrganisationId::parse("northbank").unwrap();
    let org = peel_store::Organisation {
        id: northbank.clone(),
        name: "North Bank".into(),
        sector: "bank".into(),
        contact: String::new(),
        agreement: "DSA-1".into(),
        allowed_types: vec![NotificationType::MoneyMule],
        default_marking: peel_core::Marking::Amber,
        rate_per_minute: 600,
        red_recipients: vec![app.user_id("fraud.lead").await],
        feedback: None,
        created_at: now,
        kind: peel_core::concern::OrganisationKind::Notifier,
        phone: String::new(),
    };
    if app.store.organisation(&northbank).await.unwrap().is_none() {
        app.store
            .create_organisation(
                &org,
                vec![app.event(AuditCode::OrganisationCreated, "organisation:northbank", "")],
            )
            .await
            .unwrap();
    }
    let notification = peel_store::NewNotification {
        id: peel_core::NotificationId(uuid::Uuid::now_v7()),
        own_id: own_id.into(),
        kind: NotificationType::MoneyMule,
        occurred_at: now,
        received_at: now,
        postcode: None,
        online: true,
        amount: None,
        victim_age_band: None,
        body: "mule".into(),
        version: None,
        marking,
        indicators: vec![peel_store::FoundIndicator {
            kind: peel_link::Kind::BankAccount,
            value: "123456-12345678".into(),
            found_in: "North Bank's notification".into(),
        }],
    };
    let outcomes = app
        .store
        .ingest_notifications(
            &northbank,
            &[notification],
            50,
            app.event(
                AuditCode::NotificationsReceived,
                "organisation:northbank",
                "",
            ),
        )
        .await
        .unwrap();
    assert!(
        matches!(outcomes.as_slice(), [peel_store::IngestOutcome::Accepted { links, .. }] if *links >= 1),
        "{outcomes:?}"
    );
}

#[tokio::test]
async fn a_bank_notification_lights_up_the_report_and_a_red_one_only_for_its_named_recipient() {
    let app = app(50).await;
    app.create_user_in("fraud.lead", "neighbourhood_officer", Some("central-fraud"))
        .await;
    let report_id = report(
        &app,
        "My father sent his savings to sort code 12 34 56, account 12345678",
        None,
    )
    .await;
    notify(&app, "NB-1", peel_core::Marking::Amber).await;
    let officer = app.signed_in("pc.smith").await;
    let links = linked_to(&app, &officer, &report_id).await;
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(
        links[0]["reference"],
        "North Bank notification NB-1 (money-mule)"
    );
    assert_eq!(links[0]["submission_id"], Value::Null);
    assert_eq!(links[0]["marking"], "TLP:AMBER");
    assert!(
        links[0]["reason"]
            .as_str()
            .unwrap()
            .contains("North Bank's notification")
    );
    let page = app
        .get_page(&officer, &format!("/submissions/{report_id}"))
        .await;
    assert!(page.contains("North Bank notification NB-1"));
    let amber = alerts(&app, &officer).await;
    assert_eq!(amber.len(), 1, "{amber:?}");
    assert_eq!(amber[0]["marking"], "TLP:AMBER");

    // A TLP:RED notification: the link is RED, and only the named recipient sees it.
    notify(&app, "NB-2", peel_core::Marking::Red).await;
    let links = linked_to(&app, &officer, &report_id).await;
    assert_eq!(
        links.len(),
        1,
        "pc.smith is not a named recipient: {links:?}"
    );
    let page = app
        .get_page(&officer, &format!("/submissions/{report_id}"))
        .await;
    assert!(!page.contains("NB-2"));
    let lead = app.signed_in("fraud.lead").await;
    let links = linked_to(&app, &lead, &report_id).await;
    assert_eq!(links.len(), 2);
    let red = links
        .iter()
        .find(|l| l["reference"].as_str().unwrap().contains("NB-2"))
        .unwrap();
    assert_eq!(
        red["marking"], "TLP:RED",
        "derived from RED, the link is RED"
    );
    // The alert now rests on a RED notification too, so it is RED as a whole: gone from the
    // officer's list, on the named recipient's.
    assert!(alerts(&app, &officer).await.is_empty());
    let red_alerts = alerts(&app, &lead).await;
    assert_eq!(red_alerts.len(), 1);
    assert_eq!(red_alerts[0]["marking"], "TLP:RED");
    assert_eq!(red_alerts[0]["notifications"], 2);
    assert_eq!(red_alerts[0]["notification_own_id"], "NB-2");
    let page = app.get_page(&officer, "/alerts").await;
    assert!(page.contains("No alerts."), "{page}");
    let page = app.get_page(&lead, "/alerts").await;
    assert!(
        page.contains(
            "North Bank notification NB-2 (money-mule) names the bank account 123456-12345678"
        ),
        "{page}"
    );
}

async fn alerts(app: &TestApp, who: &reqwest::Client) -> Vec<Value> {
    let response = who.get(app.url("/api/v1/alerts")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    body["alerts"].as_array().unwrap().clone()
}
