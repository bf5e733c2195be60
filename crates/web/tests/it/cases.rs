//! A case worked from first contact to a diversion outcome, its survey answered through the
//! one-time link, and the answer counted for analysts by channel and community without the
//! reporter; the reporter writes back from the status page; short and old status codes.

use peel_core::message::Purpose;
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

async fn report(app: &TestApp) -> Value {
    let body = json!({
        "description": "Older boys are making my son carry packages across the estate",
        "category": "online-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true},
        "reporter": {"role": "victim", "contact": {"name": "Ayla Demir", "email": "ayla@example.org"}},
        "safe_contact": {"channels": ["email"]},
        "community": "Turkish Cypriot"
    });
    app.send_report(&body).await
}

fn case_link(page: &str) -> String {
    let start = page.find("/cases/").expect("a link to the case");
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

async fn case_json(app: &TestApp, client: &reqwest::Client, link: &str) -> Value {
    let response = client
        .get(app.url(&format!("/api/v1{link}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_case_goes_from_first_contact_to_diversion_and_its_survey_is_counted_without_the_reporter()
 {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    app.create_user("an.lee", "analyst").await;
    let created = report(&app).await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    let s = app.submission(&reference).await;
    assert_eq!(s.community.as_deref(), Some("Turkish Cypriot"));
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", s.id);

    // First contact opens the case, owned by the officer who made it.
    let page = app.get_page(&officer, &link).await;
    assert!(page.contains("Not in a case yet"));
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/first-contact"),
            &[("channel", "email")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_page(&officer, &link).await;
    let case = case_link(&page);
    let json = case_json(&app, &officer, &case).await;
    assert_eq!(json["stage"], "open");
    assert_eq!(json["owner"], "pc.smith");
    assert_eq!(json["submissions"][0]["reference"], reference.as_str());
    assert_eq!(json["messages"][0]["purpose"], "acknowledgement");
    assert!(json["messages"][0]["status"].is_string());

    // Another officer of the team can be put in charge; nobody chosen is an error.
    app.create_user_in("pc.jones", "neighbourhood_officer", Some("central-online"))
        .await;
    let jones = app.user_id("pc.jones").await.to_string();
    let response = app
        .post_form(
            &officer,
            &case,
            &format!("{case}/owner"),
            &[("assign", "yes"), ("owner", "")],
        )
        .await;
    assert_eq!(response.status(), 400);
    let response = app
        .post_form(
            &officer,
            &case,
            &format!("{case}/owner"),
            &[("assign", "yes"), ("owner", &jones)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(case_json(&app, &officer, &case).await["owner"], "pc.jones");
    for stage in ["investigating", "safeguarding"] {
        let response = app
            .post_form(
                &officer,
                &case,
                &format!("{case}/stage"),
                &[("stage", stage), ("reason", "visited")],
            )
            .await;
        assert_eq!(response.status(), 303, "to {stage}");
        assert_eq!(case_json(&app, &officer, &case).await["stage"], stage);
    }
    // A diversion needs its programme named; the page says so and nothing changes.
    let response = app
        .post_form(
            &officer,
            &case,
            &format!("{case}/close"),
            &[("outcome", "diversion")],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Name the programme")
    );
    assert_eq!(
        case_json(&app, &officer, &case).await["stage"],
        "safeguarding"
    );
    let response = app
        .post_form(
            &officer,
            &case,
            &format!("{case}/close"),
            &[
                ("outcome", "diversion"),
                ("programme_name", "Divert youth programme, Hackney"),
                ("words", "Your son has a mentor from the youth programme."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let json = case_json(&app, &officer, &case).await;
    assert_eq!(json["stage"], "closed");
    assert_eq!(json["outcome"]["code"], "diversion");
    assert_eq!(
        json["outcome"]["programme_name"],
        "Divert youth programme, Hackney"
    );
    let purposes: Vec<&str> = json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["acknowledgement", "update", "survey"]);

    // The survey's one-time link, as the reporter receives it.
    let messages = app.store.messages_of(s.id).await.unwrap();
    let survey = messages
        .iter()
        .find(|m| m.purpose == Purpose::Survey)
        .unwrap();
    let at = survey.body.find("/survey/").unwrap();
    let path = survey.body[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let public = app.client();
    let form = public.get(app.url(&path)).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    assert!(html.contains("Taking the whole experience into account"));
    let csrf = peel_testkit::csrf_token(&html);
    let answers = [
        ("csrf_token", csrf.as_str()),
        ("ease", "4"),
        ("kept_informed", "5"),
        ("treatment", "5"),
        ("whole_experience", "4"),
        ("comment", "The officer listened."),
    ];
    let done = public
        .post(app.url(&path))
        .form(&answers)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Thank you"));
    let again = public
        .post(app.url(&path))
        .form(&answers)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400, "answered once only");

    // Analysts see it by channel and community, never the reporter or the report.
    let analyst = app.signed_in("an.lee").await;
    let results = app.get_page(&analyst, "/satisfaction").await;
    assert!(results.contains("Turkish Cypriot"), "{results}");
    assert!(results.contains("100%"));
    assert!(results.contains("API"));
    for secret in [reference.as_str(), "Ayla", "ayla@example.org", "listened"] {
        assert!(!results.contains(secret), "{secret} shown to analysts");
    }
    let refused = officer.get(app.url("/satisfaction")).send().await.unwrap();
    assert_eq!(refused.status(), 403, "an officer is not an analyst");

    // Reopened with a reason.
    let response = app
        .post_form(
            &officer,
            &case,
            &format!("{case}/reopen"),
            &[("reason", "he was approached again")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(case_json(&app, &officer, &case).await["stage"], "open");
}

#[tokio::test]
async fn the_reporter_writes_back_with_a_short_code_and_the_officer_sees_it_on_the_case() {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let created = report(&app).await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    // Read aloud and typed back in lower case with spaces.
    let code = created["status_token"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .replace('-', " ");
    let public = app.client();
    let page = public
        .get(app.url("/status"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = peel_testkit::csrf_token(&page);
    let shown = public
        .post(app.url("/status"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", &reference),
            ("status_token", &code),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);
    let page = shown.text().await.unwrap();
    assert!(page.contains("Ask us to call you back"));
    let csrf = peel_testkit::csrf_token(&page);
    let sent = public
        .post(app.url("/status/message"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", &reference),
            ("status_token", &code),
            ("kind", "call_back"),
            ("body", "He has found my new number"),
            ("call_back_when", "weekdays 10am to 2pm"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(sent.text().await.unwrap().contains("We will call you back"));
    // A wrong code cannot write.
    let wrong = public
        .post(app.url("/status/message"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", &reference),
            ("status_token", "2222-2222-2222-22"),
            ("kind", "information"),
            ("body", "spoofed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);

    let s = app.submission(&reference).await;
    let from = app.store.reporter_messages(s.id).await.unwrap();
    assert_eq!(from.len(), 1);
    assert_eq!(
        from[0].call_back_when.as_deref(),
        Some("weekdays 10am to 2pm")
    );
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains("He has found my new number"));
    assert!(page.contains("safe to call: weekdays 10am to 2pm"));
}

#[tokio::test]
async fn a_status_token_issued_before_short_codes_still_opens_the_status_page() {
    let app = spawn_app().await;
    let created = report(&app).await;
    let reference = created["reference"].as_str().unwrap();
    // Give the report an old-style 64-character token behind the store's back.
    let old = "4b74012d66ac0e43d5ab638a5bdb633a3b594f6699254c24ac7f38f70e2bd7b9";
    app.test_store
        .execute_raw(&format!(
            "UPDATE submissions SET status_token_digest = '{}' WHERE reference = '{reference}'",
            peel_core::token::Secret::presented(old).digest()
        ))
        .await
        .unwrap();
    let response = app
        .client()
        .get(app.url(&format!("/api/v1/reports/{reference}/status")))
        .bearer_auth(old)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// A report that shares a scam number with one whose case is open is offered to join it.
#[tokio::test]
async fn a_report_linked_to_an_open_case_is_offered_to_join_it() {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let send = |text: &'static str| {
        let app = &app;
        async move {
            let body = json!({
                "description": text,
                "category": "online-abuse",
                "occurred_at": "2026-11-25T22:15:00Z",
                "location": {"online": true},
                "reporter": {"role": "victim", "contact": {"email": "x@example.org"}},
                "safe_contact": {"channels": ["email"]}
            });
            let created = app.send_report(&body).await;
            app.submission(created["reference"].as_str().unwrap()).await
        }
    };
    let first = send("They keep messaging me from 07700 900 777 with threats").await;
    let second = send("Threats again today from 07700 900 777").await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", first.id);
    app.post_form(
        &officer,
        &link,
        &format!("{link}/first-contact"),
        &[("channel", "email")],
    )
    .await;
    let case = app.store.case_of(first.id).await.unwrap().unwrap();
    let other = format!("/submissions/{}", second.id);
    let page = app.get_page(&officer, &other).await;
    assert!(page.contains("Add this report to that case"), "{page}");
    let response = app
        .post_form(
            &officer,
            &other,
            &format!("{other}/join"),
            &[("case", &case.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.store.case_submissions(case.id).await.unwrap(),
        vec![first.id, second.id]
    );
}

/// Recording first contact never lifts a restriction the reporter gave (review finding): a
/// shared phone stays shared when the officer agrees channels with them.
#[tokio::test]
async fn agreeing_channels_at_first_contact_keeps_the_restrictions_already_given() {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let body = json!({
        "description": "He reads my messages",
        "category": "online-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true},
        "reporter": {"role": "victim", "contact": {"email": "v@example.org"}},
        "safe_contact": {"shared_device": true, "no_voicemail": true, "safe_times": "weekdays 10am to 2pm"}
    });
    let created = app.send_report(&body).await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", s.id);
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/first-contact"),
            &[
                ("channel", "email"),
                ("agreed", "yes"),
                ("safe_channel", "email"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let wishes = app
        .submission(created["reference"].as_str().unwrap())
        .await
        .safe_contact;
    assert_eq!(
        wishes.channels,
        vec![peel_core::submission::ContactChannel::Email]
    );
    assert!(wishes.shared_device && wishes.no_voicemail);
    assert_eq!(wishes.safe_times, "weekdays 10am to 2pm");
}
