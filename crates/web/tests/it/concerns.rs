//! Every door: trusted intermediaries' concerns with codewords, and reports taken on someone's
//! behalf by a contact handler.

use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_core::concern::OrganisationKind;
use peel_core::people::matching as m;
use peel_core::people::training::Completion;
use peel_core::submission::Channel;
use peel_testkit::{TestApp, spawn_app};
use serde_json::json;
use time::Duration;

/// A registered pharmacy, with a pharmacist whose intermediary training is in date (or not).
async fn pharmacist(app: &TestApp, username: &str, trained: bool) {
    let now = app.clock.now();
    if app
        .store
        .organisation(&peel_core::OrganisationId::parse("boots-camden").unwrap())
        .await
        .unwrap()
        .is_none()
    {
        let org = peel_store::Organisation {
            id: peel_core::OrganisationId::parse("boots-camden").unwrap(),
            name: "Boots, Camden High Street".into(),
            sector: "pharmacy".into(),
            contact: String::new(),
            agreement: String::new(),
            allowed_types: Vec::new(),
            default_marking: peel_core::Marking::Amber,
            rate_per_minute: 60,
            red_recipients: Vec::new(),
            feedback: None,
            kind: OrganisationKind::Intermediary,
            phone: "020 7946 0001".into(),
            created_at: now,
        };
        let event = app.event(
            AuditCode::OrganisationCreated,
            "organisation:boots-camden",
            "",
        );
        app.store
            .create_organisation(&org, vec![event])
            .await
            .unwrap();
    }
    app.create_user_of(username, "intermediary", None, "boots-camden")
        .await;
    let today = now.date();
    let person = peel_store::PersonRecord {
        person: m::Person {
            id: peel_core::PersonId::parse(username.replace('.', "-").as_str()).unwrap(),
            name: username.into(),
            kind: m::PersonKind::Intermediary,
            home: None,
            languages: vec!["en".into()],
            skills: Vec::new(),
            clearances: Vec::new(),
            training: vec![Completion {
                module: peel_core::concern::TRAINING_MODULE.into(),
                completed: today - Duration::days(400),
                expires: Some(if trained {
                    today + Duration::days(300)
                } else {
                    today - Duration::days(35)
                }),
                version: 1,
                how: peel_core::people::training::Learning::Online,
            }],
            associations: Vec::new(),
            availability: m::Availability::default(),
        },
        username: Some(peel_core::username::Username::parse(username).unwrap()),
        team: None,
        clearance_ids: Vec::new(),
    };
    let event = app.event(AuditCode::PersonCreated, "people", "");
    app.store.create_person(&person, event).await.unwrap();
}

fn ani_concern() -> serde_json::Value {
    json!({
        "what_happened": "A woman asked for ANI at the counter. Her partner is waiting outside in the car",
        "about": "A woman in her thirties",
        "where": {"address": "Boots, 173 Camden High Street"},
        "person_present": true,
        "codeword": "ani",
        "called_999": false,
        "consent": true
    })
}

async fn send_concern(
    app: &TestApp,
    client: &reqwest::Client,
    body: &serde_json::Value,
) -> reqwest::Response {
    client
        .post(app.url("/api/v1/concerns"))
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_trained_pharmacists_ani_concern_is_immediate_and_first_in_the_contact_handlers_queue() {
    let app = spawn_app().await;
    pharmacist(&app, "pharm.jo", true).await;
    app.create_user_in("ch.ali", "contact_handler", Some("central-intake"))
        .await;
    // Something already waiting for the contact handlers, with an earlier deadline.
    let earlier = app
        .send_report(&json!({
            "description": "He is outside my door right now with a knife",
            "category": "violent-crime",
            "occurred_at": "2026-11-26T08:57:00Z",
            "location": {"address": "12 Example Street"},
            "reporter": {"role": "victim", "contact": {"phone": "07700 900 123"}},
        }))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(Duration::minutes(10));

    let pharmacy = app.signed_in("pharm.jo").await;
    let response = send_concern(&app, &pharmacy, &ani_concern()).await;
    assert_eq!(response.status(), 201);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["triage"]["grade"], "I", "{body}");
    let reasons = body["triage"]["reasons"].as_array().unwrap();
    let codeword = reasons
        .iter()
        .find(|r| r["code"] == "codeword.present_no_999")
        .unwrap_or_else(|| panic!("no codeword reason: {body}"));
    assert!(codeword["text"].as_str().unwrap().contains("Ask for ANI"));
    assert!(codeword["text"].as_str().unwrap().contains("020 7946 0001"));
    assert!(reasons.iter().any(|r| r["code"] == "codeword.dash"));
    let reference = body["reference"].as_str().unwrap();

    let stored = app.submission(reference).await;
    assert_eq!(stored.channel, Channel::Intermediary);
    assert_eq!(stored.taken_by.as_deref(), Some("pharm.jo"));
    assert_eq!(stored.team.as_str(), "central-intake");
    let concern = stored.concern.expect("the concern's facts are kept");
    assert!(concern.person_present && !concern.called_999 && concern.consent);
    assert_eq!(concern.codeword.unwrap().id, "ani");
    assert_eq!(
        stored.first_contact_due,
        Some(app.clock.now() + Duration::minutes(10))
    );

    let handler = app.signed_in("ch.ali").await;
    let queue = app.get_page(&handler, "/queue?team=central-intake").await;
    let (concern_at, earlier_at) = (
        queue.find(reference).unwrap(),
        queue.find(&earlier).unwrap(),
    );
    assert!(concern_at < earlier_at, "the codeword leads the queue");
    assert!(
        queue.contains("020 7946 0001"),
        "the call-back number is in the queue"
    );

    // The pharmacist sees it was received, and nothing of what follows.
    let mine = app.get_page(&pharmacy, "/concerns").await;
    assert!(mine.contains(reference));
    assert!(mine.contains("Received"));
    assert!(!mine.contains("partner is waiting"));
    let detail = pharmacy
        .get(app.url(&format!("/submissions/{}", stored.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        detail.status(),
        403,
        "an intermediary cannot open the report"
    );
}

#[tokio::test]
async fn an_intermediary_whose_training_has_lapsed_is_refused_with_the_reason() {
    let app = spawn_app().await;
    pharmacist(&app, "pharm.sam", false).await;
    let pharmacy = app.signed_in("pharm.sam").await;
    let response = send_concern(&app, &pharmacy, &ani_concern()).await;
    assert_eq!(response.status(), 403);
    let body: serde_json::Value = response.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("training module intermediary-concerns lapsed"),
        "{message}"
    );
    assert!(message.contains("call 999"));
    let refused = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::ConcernRefused),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(refused.len(), 1);
    let received = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::SubmissionReceived),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(received.is_empty(), "nothing was stored");
    // The form says so in place of the questions.
    let form = pharmacy.get(app.url("/concerns/new")).send().await.unwrap();
    assert_eq!(form.status(), 403);
    let html = form.text().await.unwrap();
    assert!(html.contains("You cannot send a concern yet"));
    assert!(!html.contains("name=\"what_happened\""));
}

#[tokio::test]
async fn the_concern_form_works_without_javascript_and_says_what_to_do_next() {
    let app = spawn_app().await;
    pharmacist(&app, "pharm.jo", true).await;
    let pharmacy = app.signed_in("pharm.jo").await;
    // Unanswered questions are each named once, linked to their first answer.
    let empty = app
        .post_form(&pharmacy, "/concerns/new", "/concerns/new", &[])
        .await;
    assert_eq!(empty.status(), 400);
    let html = empty.text().await.unwrap();
    for anchor in [
        "#person_present-yes",
        "#called_999-yes",
        "#consent-yes",
        "#what_happened",
    ] {
        assert_eq!(
            html.matches(&format!("href=\"{anchor}\"")).count(),
            1,
            "{anchor}: {html}"
        );
    }
    let sent = app
        .post_form(
            &pharmacy,
            "/concerns/new",
            "/concerns/new",
            &[
                ("person_present", "yes"),
                ("codeword", "ani"),
                ("called_999", "no"),
                ("consent", "yes"),
                (
                    "what_happened",
                    "She asked for ANI and is in the consultation room",
                ),
                ("address", "Boots, 173 Camden High Street"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 201);
    let html = sent.text().await.unwrap();
    assert!(html.contains("Concern sent"));
    assert!(
        html.contains("call you back on 020 7946 0001 within 10 minutes"),
        "{html}"
    );
    assert!(
        html.contains("consultation room or another private space"),
        "the ANI steps"
    );
    // An unknown codeword is refused with the list.
    let odd = app
        .post_form(
            &pharmacy,
            "/concerns/new",
            "/concerns/new",
            &[
                ("person_present", "no"),
                ("codeword", "bananas"),
                ("called_999", "no"),
                ("consent", "yes"),
                ("what_happened", "Worried about a customer"),
                ("postcode", "NW1 7JN"),
            ],
        )
        .await;
    assert_eq!(odd.status(), 400);
}

#[tokio::test]
async fn an_intermediary_organisations_system_sends_for_a_named_trained_member_of_staff() {
    let app = spawn_app().await;
    pharmacist(&app, "pharm.jo", true).await;
    let key = crate::notifications::api_key(&app, "boots-camden").await;
    let client = reqwest::Client::new();
    let send = |body: serde_json::Value| {
        client
            .post(app.url("/api/v1/concerns"))
            .bearer_auth(&key)
            .json(&body)
            .send()
    };
    let mut body = ani_concern();
    let unnamed = send(body.clone()).await.unwrap();
    assert_eq!(unnamed.status(), 422);
    body["sent_by"] = json!("pharm.jo");
    let named = send(body).await.unwrap();
    assert_eq!(named.status(), 201);
    let reference = named.json::<serde_json::Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.submission(&reference).await.taken_by.as_deref(),
        Some("pharm.jo")
    );
    // A notifier's key cannot send notifications as an intermediary, nor the other way.
    let notify = client
        .post(app.url("/api/v1/notifications"))
        .bearer_auth(&key)
        .header("content-type", "application/x-ndjson")
        .body("{}\n")
        .send()
        .await
        .unwrap();
    assert_eq!(notify.status(), 403);
}

#[tokio::test]
async fn an_intermediary_account_must_belong_to_an_intermediary_organisation() {
    let app = spawn_app().await;
    let refused = peel_app::accounts::create_account(
        app.store.as_ref(),
        &peel_core::policy::Actor::operator("test"),
        app.clock.now(),
        &peel_app::accounts::AccountRequest {
            username: "pharm.x".into(),
            password: peel_testkit::PASSWORD.into(),
            roles: peel_core::RoleSet::parse_slugs("intermediary").unwrap(),
            organisation: peel_core::OrganisationId::parse("met").unwrap(),
            team: None,
        },
    )
    .await;
    assert!(
        matches!(refused, Err(peel_app::accounts::AccountError::Organisation(ref m)) if m.contains("not a registered intermediary organisation")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_contact_handlers_phone_report_records_the_channel_and_the_handler_as_taker() {
    let app = spawn_app().await;
    app.create_user_in("ch.ali", "contact_handler", Some("central-intake"))
        .await;
    let handler = app.signed_in("ch.ali").await;
    let form = app.get_page(&handler, "/reports/new").await;
    assert!(form.contains("How is the report reaching you?"));
    assert!(
        form.contains("Read this to the caller"),
        "the safe-contact script"
    );
    let answers = [
        ("channel", "phone"),
        (
            "description",
            "Someone has been trying car door handles on our street",
        ),
        ("category", "vehicle-crime"),
        ("occurred_day", "25"),
        ("occurred_month", "11"),
        ("occurred_year", "2026"),
        ("where_kind", "address"),
        ("address", "Acacia Avenue, Walthamstow"),
        ("reporter_role", "witness"),
        ("anonymous", "no"),
        ("contact_name", "Mrs Green"),
        ("contact_phone", "07700 900 456"),
        ("safe_channel", "phone"),
        ("language", "Polish"),
    ];
    let check = app
        .post_form(&handler, "/reports/new", "/reports/new", &answers)
        .await;
    assert_eq!(check.status(), 200);
    let page = check.text().await.unwrap();
    assert!(page.contains("Check your answers"), "{page}");
    let mut confirmed = answers.to_vec();
    confirmed.push(("confirmed", "yes"));
    let done = app
        .post_form(&handler, "/reports/new", "/reports/new", &confirmed)
        .await;
    assert_eq!(done.status(), 200);
    let html = done.text().await.unwrap();
    assert!(html.contains("Read these back to the caller"), "{html}");
    let start = html.find("<strong class=\"reference\">").unwrap() + 26;
    let reference = &html[start..start + html[start..].find('<').unwrap()];
    let stored = app.submission(reference).await;
    assert_eq!(stored.channel, Channel::Phone);
    assert_eq!(stored.taken_by.as_deref(), Some("ch.ali"));
    assert_eq!(stored.contact.unwrap().name.as_deref(), Some("Mrs Green"));
    assert_eq!(stored.language, "Polish");
    // The public cannot take reports on someone's behalf.
    let public = app
        .client()
        .get(app.url("/reports/new"))
        .send()
        .await
        .unwrap();
    assert_ne!(public.status(), 200);
}

#[tokio::test]
async fn the_intermediary_adds_a_photo_to_their_own_concern_for_a_week_and_nobody_else_can() {
    let app = spawn_app().await;
    pharmacist(&app, "pharm.jo", true).await;
    pharmacist(&app, "pharm.sam", true).await;
    let pharmacy = app.signed_in("pharm.jo").await;
    let sent = app
        .post_form(
            &pharmacy,
            "/concerns/new",
            "/concerns/new",
            &[
                ("person_present", "no"),
                ("codeword", "none"),
                ("called_999", "no"),
                ("consent", "yes"),
                (
                    "what_happened",
                    "A customer passed me a note saying she is not allowed to leave the house",
                ),
                ("postcode", "NW1 7JN"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 201);
    let html = sent.text().await.unwrap();
    let reference = html
        .split("<strong class=\"reference\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the reference")
        .to_owned();
    let files = format!("/concerns/{reference}/files");
    assert!(html.contains(&format!("href=\"{files}\"")), "{html}");
    let list = app.get_page(&pharmacy, "/concerns").await;
    assert!(list.contains(&format!("href=\"{files}\"")), "{list}");

    // The note, photographed, is checked and kept as the pharmacist's.
    let form = app.get_page(&pharmacy, &files).await;
    assert!(form.contains("enctype=\"multipart/form-data\""), "{form}");
    let csrf = peel_testkit::csrf_token(&form);
    let photo = crate::evidence::doorbell_still();
    let (content_type, body) =
        crate::evidence::form_with_files(&[("csrf_token", &csrf)], &[("note.jpg", &photo)]);
    let added = pharmacy
        .post(app.url(&files))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let next = added.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        app.get_page(&pharmacy, &next)
            .await
            .contains("Files added to the concern.")
    );
    let s = app.submission(&reference).await;
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    let jo = app
        .store
        .credentials(&peel_core::username::Username::parse("pharm.jo").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;
    assert_eq!(items[0].submitted_by, format!("user:{}", jo.id));

    // Another intermediary, even of the same pharmacy, is not told the concern exists.
    let colleague = app.signed_in("pharm.sam").await;
    let theirs = colleague.get(app.url(&files)).send().await.unwrap();
    assert_eq!(theirs.status(), 404);
    let (content_type, body) =
        crate::evidence::form_with_files(&[("csrf_token", &csrf)], &[("x.jpg", &photo)]);
    let forged = colleague
        .post(app.url(&files))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(forged.status().is_client_error(), "{}", forged.status());
    assert_eq!(app.store.evidence_of(s.id).await.unwrap().len(), 1);

    // After a week the page says why, and takes nothing.
    app.clock.advance(Duration::days(8));
    let pharmacy = app.signed_in("pharm.jo").await;
    let late = pharmacy.get(app.url(&files)).send().await.unwrap();
    assert_eq!(late.status(), 403);
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("for 7 days after it was sent")
    );
    assert!(
        !app.get_page(&pharmacy, "/concerns")
            .await
            .contains(&format!("href=\"{files}\""))
    );
}
