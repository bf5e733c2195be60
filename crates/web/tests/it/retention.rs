//! Rights and retention: a subject access export holds the person's reports, messages and links
//! and not a third party's name from a linked report; a record past its review date is on the
//! review queue, and erasing it removes it and its links from every page and export, with the
//! erasure in the audit trail.

use peel_app::rights::{self, SubjectQuery};
use peel_core::ItemRef;
use peel_core::audit::AuditCode;
use peel_testkit::{TestApp, spawn_app};
use serde_json::json;

const SCAMMER: &str = "020 7946 0991";

/// Jo's report, and a stranger's naming the same number: linked by it.
async fn two_linked_reports(app: &TestApp) -> (peel_store::Submission, peel_store::Submission) {
    let jo = app
        .send_report(&json!({
            "description": format!("A caller from {SCAMMER} said he was from my bank and took £900"),
            "category": "fraud",
            "occurred_at": "2026-11-25T10:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Jo Bloggs", "email": "jo@example.org", "phone": "07700 900123"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let sam = app
        .send_report(&json!({
            "description": format!("I keep getting calls from {SCAMMER} about my bank account"),
            "category": "fraud",
            "occurred_at": "2026-11-26T09:00:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Sam Thirdparty", "email": "sam@example.net"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let jo = app.submission(jo["reference"].as_str().unwrap()).await;
    let sam = app.submission(sam["reference"].as_str().unwrap()).await;
    let links = app
        .store
        .links_of(ItemRef::Submission(jo.id))
        .await
        .unwrap();
    assert_eq!(links.len(), 1, "the reports share the caller's number");
    (jo, sam)
}

fn context(app: &TestApp) -> peel_app::Context {
    peel_app::Context::new(
        app.store.clone(),
        app.clock.clone(),
        peel_testkit::settings(),
    )
}

fn jo() -> SubjectQuery {
    SubjectQuery {
        email: Some("JO@example.org".into()),
        phone: Some("07700 900 123".into()),
        name: Some("jo bloggs".into()),
        received: None,
        confirmed: Vec::new(),
    }
}

async fn note(
    app: &TestApp,
    s: &peel_store::Submission,
    kind: peel_core::submission::NoteKind,
    body: &str,
) {
    let note = peel_store::Note {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: peel_core::clock::Clock::now(app.clock.as_ref()),
        author: "pc.smith".into(),
        kind,
        body: body.into(),
    };
    app.store
        .add_note(
            &note,
            None,
            &[],
            app.event(
                AuditCode::SubmissionNoteAdded,
                ItemRef::Submission(s.id),
                "",
            ),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_subject_access_export_holds_their_reports_messages_and_links_but_not_a_third_partys_name()
 {
    let app = spawn_app().await;
    let (jo_report, sam_report) = two_linked_reports(&app).await;
    // Jo reports the caller again; another Jo Bloggs reports something else.
    let again = app
        .send_report(&json!({
            "description": format!("{SCAMMER} rang me again today"),
            "category": "fraud",
            "occurred_at": "2026-11-25T18:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Jo Bloggs", "phone": "07700900123"}},
            "safe_contact": {"channels": ["phone"]}
        }))
        .await;
    let again = app.submission(again["reference"].as_str().unwrap()).await;
    let stranger = app
        .send_report(&json!({
            "description": "My bicycle was taken from outside the library",
            "category": "bicycle-theft",
            "occurred_at": "2026-11-25T18:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Jo Bloggs", "email": "another.jo@example.com"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let stranger = app
        .submission(stranger["reference"].as_str().unwrap())
        .await;
    use peel_core::submission::NoteKind;
    note(
        &app,
        &jo_report,
        NoteKind::Update,
        "We have spoken to your bank",
    )
    .await;
    note(
        &app,
        &jo_report,
        NoteKind::Internal,
        "Suspect believed to be her nephew Dan",
    )
    .await;
    let ctx = context(&app);
    let dpo = peel_core::policy::Actor::operator("test");

    let answer = rights::subject_access(&ctx, &dpo, &jo()).await.unwrap();
    let export = &answer.export;
    let json = serde_json::to_string(export).unwrap();
    let page = rights::html::render(export);

    // Both of Jo's reports; the other Jo Bloggs only offered to the officer to confirm.
    let refs: Vec<&str> = export
        .reports
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(
        refs,
        [jo_report.reference.to_string(), again.reference.to_string()],
        "{json}"
    );
    assert_eq!(answer.name_only, [stranger.reference.to_string()]);
    let held = &export.reports[0];
    assert!(held.what_happened.contains("took £900"));
    assert_eq!(held.contact.name.as_deref(), Some("Jo Bloggs"));
    assert!(
        held.messages
            .iter()
            .any(|m| m.kind.contains("Acknowledgement")),
        "the acknowledgement sent to Jo is in it: {json}"
    );
    assert!(
        held.notes
            .iter()
            .any(|n| n.text == "We have spoken to your bank")
    );
    // Links between Jo's own reports are shown; the one to Sam's is neither confirmed nor denied.
    assert_eq!(
        held.links.len(),
        2,
        "by the caller's number and by Jo's own: {json}"
    );
    assert!(
        held.links
            .iter()
            .all(|l| l.to == format!("your report {}", again.reference))
    );
    assert!(
        answer
            .withheld
            .iter()
            .any(|e| e.what.contains("staff note"))
    );
    assert!(
        answer
            .withheld
            .iter()
            .any(|e| e.what.contains("not theirs"))
    );
    for export_text in [&json, &page] {
        assert!(
            !export_text.contains("Sam Thirdparty"),
            "the third party's name is withheld"
        );
        assert!(!export_text.contains("sam@example.net"));
        assert!(!export_text.contains(&sam_report.reference.to_string()));
        assert!(!export_text.contains("about my bank account"));
        assert!(
            !export_text.contains("nephew"),
            "staff notes wait for an officer"
        );
        assert!(!export_text.contains("bicycle"), "another Jo Bloggs");
        assert!(
            !export_text.contains("not theirs"),
            "what was withheld is not said"
        );
        assert!(export_text.contains(&jo_report.reference.to_string()));
    }
    assert!(page.contains("<html lang=\"en-GB\">"));
    rights::answered(&ctx, &dpo, &answer).await.unwrap();

    // The phone written another way finds the same reports; a confirmed name match is added.
    let by_phone = SubjectQuery {
        phone: Some("+44 7700 900123".into()),
        confirmed: vec![stranger.reference.to_string()],
        name: Some("Jo Bloggs".into()),
        ..SubjectQuery::default()
    };
    let answer2 = rights::subject_access(&ctx, &dpo, &by_phone).await.unwrap();
    assert_eq!(
        answer2.export.reports.len(),
        3,
        "{:?}",
        answer2.export.reports
    );
    rights::answered(&ctx, &dpo, &answer2).await.unwrap();
    assert!(
        rights::answered(&ctx, &dpo, &answer2).await.is_err(),
        "answered once"
    );

    // The request is tracked with its one-month clock, and answered.
    let requests = rights::requests(&ctx, &dpo).await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].due,
        peel_core::retention::request_due(requests[0].received)
    );
    assert!(requests.iter().all(|r| r.answered_at.is_some()));
    for code in [
        AuditCode::SubjectRequestReceived,
        AuditCode::SubjectAccessSearched,
        AuditCode::SubjectAccessExported,
    ] {
        let entries = app
            .store
            .audit_entries(&peel_store::AuditQuery {
                event: Some(code),
                limit: 10,
                ..peel_store::AuditQuery::default()
            })
            .await
            .unwrap();
        assert_eq!(entries.len(), 2, "{code:?}");
    }

    // Nobody but the data protection officer answers requests.
    assert!(matches!(
        rights::subject_access(&ctx, &peel_core::policy::Actor::public(), &jo()).await,
        Err(peel_app::ServiceError::Denied(_))
    ));
}

#[tokio::test]
async fn a_record_past_its_review_date_is_queued_and_erasing_it_removes_it_and_its_links_everywhere()
 {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    app.create_user_in("sgt.khan", "supervisor", Some("central-online"))
        .await;
    let (jo_report, sam_report) = two_linked_reports(&app).await;
    let jo_ref = jo_report.reference.to_string();
    let sam_ref = sam_report.reference.to_string();

    // Not yet due: a fraud report is reviewed after six clear years.
    let sergeant = app.signed_in("sgt.khan").await;
    let queue = app.get_page(&sergeant, "/retention").await;
    assert!(queue.contains("Nothing is due for review"), "{queue}");

    app.clock.advance(time::Duration::days(6 * 366));
    let sergeant = app.signed_in("sgt.khan").await;
    let queue = app.get_page(&sergeant, "/retention").await;
    assert!(
        queue.contains(&jo_ref) && queue.contains(&sam_ref),
        "{queue}"
    );
    assert!(queue.contains("Group 3: all other offences"));

    // A decision needs its reason.
    let action = format!("/retention/{}", jo_report.id);
    let refused = app
        .post_form(
            &sergeant,
            "/retention",
            &action,
            &[("decision", "erase"), ("reason", "")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Give the reason"));

    // Before: Sam's report names Jo's as a link.
    let officer = app.signed_in("pc.smith").await;
    let linked = app
        .get_page(&officer, &format!("/submissions/{}", sam_report.id))
        .await;
    assert!(linked.contains(&jo_ref), "linked before erasure");

    // A record not yet due cannot be decided on review.
    let (_, early) = {
        let r = app
            .send_report(&json!({
                "description": "Someone kicked the bins over",
                "category": "anti-social-behaviour",
                "occurred_at": "2032-11-27T10:15:00Z",
                "location": {"online": true},
                "reporter": {"role": "witness", "anonymous": true}
            }))
            .await;
        ((), app.submission(r["reference"].as_str().unwrap()).await)
    };
    let not_due = app
        .post_form(
            &sergeant,
            "/retention",
            &format!("/retention/{}", early.id),
            &[("decision", "erase"), ("reason", "Tidying up")],
        )
        .await;
    assert_eq!(not_due.status(), 422);
    assert!(app.store.submission(early.id).await.unwrap().is_some());

    // Sam's is retained; Jo's erased.
    let retained = app
        .post_form(
            &sergeant,
            "/retention",
            &format!("/retention/{}", sam_report.id),
            &[
                ("decision", "retain"),
                (
                    "reason",
                    "The caller is still active: NRAC 2, a live investigation",
                ),
            ],
        )
        .await;
    assert_eq!(retained.status(), 303);
    let erased = app
        .post_form(
            &sergeant,
            "/retention",
            &action,
            &[
                ("decision", "erase"),
                ("reason", "No policing purpose remains"),
            ],
        )
        .await;
    assert_eq!(erased.status(), 303);
    let queue = app.get_page(&sergeant, "/retention").await;
    assert!(
        !queue.contains(&jo_ref) && !queue.contains(&sam_ref),
        "{queue}"
    );

    // Gone from its page, from the linked report's page, from the store and from an export.
    let officer = app.signed_in("pc.smith").await;
    let page = officer
        .get(app.url(&format!("/submissions/{}", jo_report.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    let linked = app
        .get_page(&officer, &format!("/submissions/{}", sam_report.id))
        .await;
    assert!(
        !linked.contains(&jo_ref),
        "the link is gone from the other report's page"
    );
    assert!(
        !linked.contains("took £900"),
        "the erased report's words are nowhere"
    );
    assert!(
        linked.contains("Review for retention due"),
        "the retained report shows its next review"
    );
    assert!(app.store.submission(jo_report.id).await.unwrap().is_none());
    assert!(
        app.store
            .links_of(ItemRef::Submission(sam_report.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.store
            .messages_of(jo_report.id)
            .await
            .unwrap()
            .is_empty()
    );
    let answer = rights::subject_access(
        &context(&app),
        &peel_core::policy::Actor::operator("test"),
        &jo(),
    )
    .await
    .unwrap();
    assert!(answer.export.reports.is_empty(), "{:?}", answer.export);

    // The erasure and the retention are in the audit trail, with the reasons.
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::RecordErased),
            limit: 10,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].event.subject,
        format!("submission:{}", jo_report.id)
    );
    assert!(entries[0].event.detail.contains(&jo_ref));
    assert!(
        entries[0]
            .event
            .detail
            .contains("No policing purpose remains")
    );
    let kept = app.store.submission(sam_report.id).await.unwrap().unwrap();
    let today = peel_core::london::today(peel_core::clock::Clock::now(app.clock.as_ref()));
    assert!(
        kept.review_due.unwrap() > today,
        "retained until its next review"
    );
}

#[tokio::test]
async fn a_restricted_record_is_kept_but_shown_to_nobody_without_a_stated_purpose() {
    let app = spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let (jo_report, sam_report) = two_linked_reports(&app).await;
    let ctx = context(&app);
    let dpo = peel_core::policy::Actor::operator("test");
    let officer = app.signed_in("pc.smith").await;
    let sam_page = format!("/submissions/{}", sam_report.id);
    let linked = app.get_page(&officer, &sam_page).await;
    assert!(
        linked.contains(&jo_report.reference.to_string()),
        "linked before"
    );
    let link = format!("/submissions/{}", jo_report.id);
    let before = app.get_page(&officer, "/queue").await;
    assert!(before.contains(&jo_report.reference.to_string()));

    peel_app::rights::retention::restrict(&ctx, &dpo, jo_report.id, true, "Accuracy contested")
        .await
        .unwrap();

    // Out of the queue; its own team is asked for a purpose; with one it is read, and recorded.
    let queue = app.get_page(&officer, "/queue").await;
    assert!(!queue.contains(&jo_report.reference.to_string()), "{queue}");
    let linked = app.get_page(&officer, &sam_page).await;
    assert!(
        !linked.contains(&jo_report.reference.to_string()),
        "not even named as a link: {linked}"
    );
    let asked = officer.get(app.url(&link)).send().await.unwrap();
    assert_eq!(asked.status(), 403);
    assert!(asked.text().await.unwrap().contains("restricted"));
    let read = officer
        .get(app.url(&format!(
            "{link}?reason=The+victim+rang+asking+for+an+update"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let api = officer
        .get(app.url(&format!("/api/v1/submissions/{}", jo_report.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    assert!(api.text().await.unwrap().contains("restricted"));
    // Changed by nobody.
    let note = app
        .post_form(
            &officer,
            "/queue",
            &format!("{link}/notes"),
            &[("kind", "internal"), ("body", "Rang back")],
        )
        .await;
    assert_eq!(note.status(), 403);
    assert!(app.store.notes(jo_report.id).await.unwrap().is_empty());
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::RecordRestricted),
            limit: 10,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(entries[0].event.detail.contains("Accuracy contested"));
}
