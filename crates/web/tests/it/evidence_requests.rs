//! Evidence requests: an officer asks the reporter for their photos or video through the
//! outbox; the one-time link takes files once and expires.

use serde_json::json;

use crate::evidence::{form_with_files, phone_video};

#[tokio::test]
async fn an_officer_asks_the_reporter_for_video_and_the_one_time_link_takes_it_once() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "Someone kicked in our front door while we were out; we have a doorbell camera",
            "category": "burglary",
            "occurred_at": "2026-11-25T21:10:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "victim", "contact": {"email": "victim@example.org"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    let csrf = peel_testkit::csrf_token(&page);
    let asked = officer
        .post(app.url(&format!("/submissions/{}/evidence-request", s.id)))
        .form(&[
            ("csrf_token", csrf.as_str()),
            (
                "note",
                "Your doorbell video from 9pm to 10pm on 25 November, please",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 303);

    // The outbox carries the link to the reporter, in a message of its own kind.
    let messages = app.store.messages_of(s.id).await.unwrap();
    let message = messages
        .iter()
        .find(|m| m.purpose == peel_core::message::Purpose::EvidenceRequest)
        .expect("the request's message");
    assert!(message.body.starts_with("Your doorbell video from 9pm"));
    let link = message
        .body
        .split_whitespace()
        .find(|w| w.contains("/evidence-request/"))
        .unwrap();
    let path = &link[link.find("/evidence-request/").unwrap()..];

    // The reporter opens it without signing in, sees what was asked, and sends the video.
    let reporter = app.client();
    let form = app.get_page(&reporter, path).await;
    assert!(form.contains("Your doorbell video from 9pm"));
    assert!(form.contains("enctype=\"multipart/form-data\""));
    let csrf = peel_testkit::csrf_token(&form);
    let video = phone_video();
    let (content_type, body) =
        form_with_files(&[("csrf_token", &csrf)], &[("doorbell.mp4", &video)]);
    let sent = reporter
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(
        sent.text()
            .await
            .unwrap()
            .contains("your files were received and added to your report")
    );
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].mime, "video/mp4");

    // The link works once.
    let again = reporter.get(app.url(path)).send().await.unwrap();
    assert_eq!(again.status(), 410);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already been sent through this link")
    );
    let page = app
        .get_page(&officer, &format!("/submissions/{}", s.id))
        .await;
    assert!(page.contains("Answered"), "the officer sees it answered");

    // A second request, left unanswered past 14 days, expires.
    let csrf = peel_testkit::csrf_token(&page);
    officer
        .post(app.url(&format!("/submissions/{}/evidence-request", s.id)))
        .form(&[("csrf_token", csrf.as_str()), ("note", "Any other angle?")])
        .send()
        .await
        .unwrap();
    let messages = app.store.messages_of(s.id).await.unwrap();
    let second = messages
        .iter()
        .filter(|m| m.purpose == peel_core::message::Purpose::EvidenceRequest)
        .find(|m| m.body.starts_with("Any other angle?"))
        .unwrap();
    let link = second
        .body
        .split_whitespace()
        .find(|w| w.contains("/evidence-request/"))
        .unwrap();
    let path = &link[link.find("/evidence-request/").unwrap()..];
    app.clock.advance(time::Duration::days(15));
    let expired = reporter.get(app.url(path)).send().await.unwrap();
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("expired"));
    let unknown = reporter
        .get(app.url("/evidence-request/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn a_witness_is_asked_by_email_and_their_doorbell_video_goes_on_the_report() {
    let Some(mail) = peel_testkit::MailServer::start() else {
        return;
    };
    let app = peel_testkit::spawn_app_sending(peel_testkit::smtp_to(&mail)).await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-intake"))
        .await;
    // An anonymous report: nobody to ask but the neighbour whose doorbell faces the street.
    let created = app
        .send_report(&json!({
            "description": "A car was set alight on Acacia Avenue; number 12 has a doorbell camera",
            "category": "criminal-damage-arson",
            "occurred_at": "2026-11-25T23:40:00Z",
            "location": {"address": "Acacia Avenue"},
            "reporter": {"role": "witness", "anonymous": true}
        }))
        .await;
    let s = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let page = format!("/submissions/{}", s.id);
    let action = format!("/submissions/{}/evidence-request", s.id);

    // A witness's address is checked before anything is sent.
    let bad = app
        .post_form(
            &officer,
            &page,
            &action,
            &[
                ("to", "email"),
                ("address", "number 12"),
                ("note", "Your doorbell video from 11pm to midnight"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 400);
    let html = bad.text().await.unwrap();
    assert!(html.contains("href=\"#address\""), "{html}");
    assert!(html.contains("Enter an email address"), "{html}");

    let asked = app
        .post_form(
            &officer,
            &page,
            &action,
            &[
                ("to", "email"),
                ("address", "neighbour@example.org"),
                (
                    "note",
                    "Your doorbell video from 11pm to midnight on 25 November, please",
                ),
            ],
        )
        .await;
    assert_eq!(asked.status(), 303);
    let shown = app
        .get_page(&officer, asked.headers()["location"].to_str().unwrap())
        .await;
    assert!(shown.contains("The witness gets a link"), "{shown}");
    assert!(
        shown.contains("to a witness, by email neighbour@example.org"),
        "{shown}"
    );

    // The witness's email carries the note and the link, and nothing of the report.
    let message = mail
        .wait_for("neighbour@example.org", std::time::Duration::from_secs(10))
        .await
        .expect("the request reaches the witness");
    let subject = message.header("Subject").unwrap_or_default().to_owned();
    assert_eq!(subject, "A request from the police for photos or video");
    let all = format!("{subject}\n{}", message.body);
    for secret in [s.reference.as_ref(), "set alight", "Acacia"] {
        assert!(!all.contains(secret), "{secret} told to the witness: {all}");
    }
    let link = message
        .body
        .split_whitespace()
        .find(|w| w.contains("/evidence-request/"))
        .expect("the link");
    let path = link[link.find("/evidence-request/").unwrap()..].to_owned();

    // The page speaks to them as a witness and shows only the note.
    let witness = app.client();
    let form = app.get_page(&witness, &path).await;
    assert!(form.contains("A police officer asked you for:"), "{form}");
    assert!(!form.contains("set alight") && !form.contains(s.reference.as_ref()));
    let csrf = peel_testkit::csrf_token(&form);
    let video = phone_video();
    let (content_type, body) =
        form_with_files(&[("csrf_token", &csrf)], &[("doorbell.mp4", &video)]);
    let sent = witness
        .post(app.url(&path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(
        sent.text()
            .await
            .unwrap()
            .contains("passed to the officer who asked for them")
    );
    let items = app.store.evidence_of(s.id).await.unwrap();
    assert_eq!(items.len(), 1, "the video is on the report");

    // The trail names a witness, with the address masked, and who sent the file.
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some(format!("submission:{}", s.id)),
            limit: 1000,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    let requested = entries
        .iter()
        .find(|e| e.event.event == peel_core::audit::AuditCode::EvidenceRequested)
        .expect("the request is in the trail");
    assert!(
        requested
            .event
            .detail
            .contains("a witness, by email to n…@example.org"),
        "{}",
        requested.event.detail
    );
    assert!(!requested.event.detail.contains("neighbour@"));
    let delivered = entries
        .iter()
        .find(|e| e.event.event == peel_core::audit::AuditCode::MessageSent)
        .expect("the delivery is in the trail");
    assert_eq!(delivered.event.recipient, "a witness, by email");
    let custody = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some(format!("evidence:{}", items[0].id)),
            limit: 100,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    let received = custody
        .iter()
        .find(|e| e.event.event == peel_core::audit::AuditCode::EvidenceReceived)
        .expect("the file's receipt");
    assert!(
        received
            .event
            .actor_label
            .starts_with("witness, through evidence request"),
        "{}",
        received.event.actor_label
    );

    // Used once: the closed page does not send a witness to the reporter's progress page.
    let again = witness.get(app.url(&path)).send().await.unwrap();
    assert_eq!(again.status(), 410);
    let closed = again.text().await.unwrap();
    assert!(closed.contains("call 101"), "{closed}");
    assert!(!closed.contains("href=\"/status\""), "{closed}");
}
