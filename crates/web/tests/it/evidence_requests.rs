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
