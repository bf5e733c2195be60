//! The outbox end to end with a real SMTP server (Debian's aiosmtpd): acknowledgements and
//! officers' updates reach reporters who allowed email; a reporter who said someone may see
//! their messages gets only a neutral prompt; a text-only reporter gets nothing by email; an
//! anonymous reporter gets nothing ever.

use std::time::Duration;

use peel_core::message::{NEUTRAL_BODY, NEUTRAL_SUBJECT, Status};
use peel_testkit::{MailServer, TestApp, smtp_to, spawn_app_sending};
use serde_json::{Value, json};

/// Sent within 10 seconds, the interface.
const WITHIN: Duration = Duration::from_secs(10);

async fn report(app: &TestApp, reporter: Value, safe: Value) -> Value {
    let body = json!({
        "description": "Someone keeps sending me threatening messages online",
        "category": "online-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true},
        "reporter": reporter,
        "safe_contact": safe,
    });
    app.send_report(&body).await
}

fn victim(email: &str, phone: Option<&str>) -> Value {
    let mut contact = json!({"name": "Sam", "email": email});
    if let Some(phone) = phone {
        contact["phone"] = json!(phone);
    }
    json!({"role": "victim", "contact": contact})
}

async fn update_from_officer(app: &TestApp, reference: &str, text: &str) {
    let officer = app.signed_in("pc.online").await;
    let s = app.submission(reference).await;
    let link = format!("/submissions/{}", s.id);
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/notes"),
            &[("kind", "update"), ("body", text)],
        )
        .await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn reporters_are_told_by_email_only_in_the_ways_they_allowed() {
    let Some(mail) = MailServer::start() else {
        return;
    };
    let app = spawn_app_sending(smtp_to(&mail)).await;
    app.create_user_in("pc.online", "neighbourhood_officer", Some("central-online"))
        .await;

    // Email allowed at any time: the acknowledgement, then the officer's update.
    let open = report(
        &app,
        victim("open@example.org", None),
        json!({"channels": ["email"]}),
    )
    .await;
    let reference = open["reference"].as_str().unwrap();
    let ack = mail
        .wait_for("open@example.org", WITHIN)
        .await
        .expect("the acknowledgement arrives by email within 10 seconds");
    assert!(
        ack.header("Subject").unwrap().contains(reference),
        "{ack:?}"
    );
    assert!(ack.body.contains(reference), "{}", ack.body);
    assert!(ack.header("Message-ID").unwrap().starts_with('<'));
    update_from_officer(
        &app,
        reference,
        "We have asked the platform to preserve the messages.",
    )
    .await;
    let update = mail
        .wait_for_nth("open@example.org", 2, WITHIN)
        .await
        .expect("the update arrives by email within 10 seconds");
    assert!(
        update.body.contains("preserve the messages"),
        "{}",
        update.body
    );
    assert_ne!(update.header("Message-ID"), ack.header("Message-ID"));

    // Someone may see their messages: a neutral prompt, naming nothing.
    let shared = report(
        &app,
        victim("shared@example.org", None),
        json!({"channels": ["email"], "shared_device": true}),
    )
    .await;
    let shared_ref = shared["reference"].as_str().unwrap();
    update_from_officer(&app, shared_ref, "The suspect has been arrested.").await;
    let first = mail
        .wait_for("shared@example.org", WITHIN)
        .await
        .expect("a neutral prompt");
    let second = mail
        .wait_for_nth("shared@example.org", 2, WITHIN)
        .await
        .expect("a second neutral prompt");
    for prompt in [&first, &second] {
        assert_eq!(prompt.header("Subject"), Some(NEUTRAL_SUBJECT));
        assert_eq!(prompt.body.trim(), NEUTRAL_BODY);
        let all = format!("{:?}{}", prompt.headers, prompt.body).to_lowercase();
        for word in ["police", "arrest", "report", "case", shared_ref] {
            assert!(!all.contains(&word.to_lowercase()), "{word} in {all}");
        }
    }

    // Text only (and no text provider here): nothing by email, and the message waits.
    let text = report(
        &app,
        victim("text@example.org", Some("07700 900 123")),
        json!({"channels": ["text"]}),
    )
    .await;
    let text_id = app.submission(text["reference"].as_str().unwrap()).await.id;

    // Anonymous: nothing is even written to the outbox.
    let anonymous = report(
        &app,
        json!({"role": "victim", "anonymous": true}),
        json!({}),
    )
    .await;
    let anonymous_id = app
        .submission(anonymous["reference"].as_str().unwrap())
        .await
        .id;

    // The others have long been sent; give the worker a moment more to have looked at these.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(mail.messages().iter().all(|m| m.to() != "text@example.org"));
    let waiting = app.store.messages_of(text_id).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].status, Status::Waiting, "{waiting:?}");
    assert_eq!(
        waiting[0].wait_reason.as_deref(),
        Some("no_allowed_channel")
    );
    assert!(
        app.store
            .messages_of(anonymous_id)
            .await
            .unwrap()
            .is_empty()
    );
    let sent = app
        .store
        .messages_of(app.submission(reference).await.id)
        .await
        .unwrap();
    assert!(
        sent.iter()
            .all(|m| m.status == Status::Sent && m.channel.as_deref() == Some("email"))
    );
}

#[tokio::test]
async fn a_report_with_no_safe_channel_ticked_sends_nothing_until_first_contact_agrees_one() {
    let Some(mail) = MailServer::start() else {
        return;
    };
    let app = spawn_app_sending(smtp_to(&mail)).await;
    app.create_user_in("pc.online", "neighbourhood_officer", Some("central-online"))
        .await;
    let created = report(&app, victim("later@example.org", None), json!({})).await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(mail.messages().is_empty(), "nothing before they were asked");
    let waiting = app.store.messages_of(s.id).await.unwrap();
    assert_eq!(
        waiting[0].wait_reason.as_deref(),
        Some("channels_not_agreed")
    );

    // First contact by email (the one detail they gave), with their wishes agreed.
    let officer = app.signed_in("pc.online").await;
    let link = format!("/submissions/{}", s.id);
    let page = app.get_page(&officer, &link).await;
    assert!(
        !page.contains("value=\"phone\" checked"),
        "no channel is pre-selected"
    );
    assert!(
        !page.contains("id=\"channel-phone\""),
        "no phone number was given"
    );
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
    // The waiting acknowledgement is looked at again within a quarter of an hour; move the
    // clock on rather than wait.
    app.clock.advance(time::Duration::minutes(16));
    let ack = mail
        .wait_for("later@example.org", WITHIN)
        .await
        .expect("sent once agreed");
    assert!(ack.body.contains(created["reference"].as_str().unwrap()));
}

/// A reporter who allowed only a phone call: the machine never calls, so the message becomes a
/// call task on the officer's list, with "do not leave a voicemail", until the officer says the
/// call was made.
#[tokio::test]
async fn a_phone_only_reporter_gets_a_call_task_never_an_automatic_message() {
    let app = spawn_app_sending(peel_app::outbox::Transports::default()).await;
    app.create_user_in("pc.online", "neighbourhood_officer", Some("central-online"))
        .await;
    let created = report(
        &app,
        json!({"role": "victim", "contact": {"phone": "07700 900 456"}}),
        json!({"channels": ["phone"], "no_voicemail": true}),
    )
    .await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let deadline = std::time::Instant::now() + WITHIN;
    loop {
        let messages = app.store.messages_of(s.id).await.unwrap();
        if messages
            .first()
            .is_some_and(|m| m.status == Status::CallTask)
        {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{messages:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let officer = app.signed_in("pc.online").await;
    let page = app.get_page(&officer, "/cases").await;
    assert!(page.contains("Calls to make"));
    assert!(page.contains(created["reference"].as_str().unwrap()));
    assert!(page.contains("Do not leave a voicemail"), "{page}");
    let id = app.store.messages_of(s.id).await.unwrap()[0].id;
    let response = app
        .post_form(&officer, "/cases", &format!("/messages/{id}/called"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let done = &app.store.messages_of(s.id).await.unwrap()[0];
    assert_eq!(done.status, Status::Sent);
    assert_eq!(done.channel.as_deref(), Some("phone"));
    assert!(
        !app.get_page(&officer, "/cases")
            .await
            .contains(&format!("/messages/{id}/called"))
    );
}
