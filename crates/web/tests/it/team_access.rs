//! Access on the record, end to end: a report is its own team's to read and change; another
//! team reads it only with a stated reason, which is recorded and shown to its supervisors,
//! and changes nothing; the specialist team reads a sensitive report and may take it on; a row
//! that cannot be read back is an error page, never a page without the safe-contact
//! instructions.

use peel_core::audit::AuditCode;
use peel_store::AuditQuery;
use peel_testkit::{TestApp, capture_logs, spawn_app};
use serde_json::{Value, json};

/// A domestic-abuse report placed only by address, so it goes to the central intake team.
async fn report(app: &TestApp) -> (String, String) {
    let body = json!({
        "description": "My partner took my phone and threatened me",
        "category": "domestic-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"address": "12 High Street"},
        "reporter": {"role": "victim", "contact": {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "07700 900 123"}},
        "safe_contact": {"channels": ["email"], "no_voicemail": true, "safe_times": "weekdays 10 to 12"}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    let id = app.submission(&reference).await.id.to_string();
    (id, reference)
}

async fn app_with_teams() -> TestApp {
    let app = spawn_app().await;
    for (name, roles, team) in [
        ("pc.own", "neighbourhood_officer", "central-intake"),
        ("pc.other", "neighbourhood_officer", "central-online"),
        ("sgt.own", "supervisor", "central-intake"),
        ("sgt.other", "supervisor", "central-online"),
        ("dc.safe", "neighbourhood_officer", "central-safeguarding"),
    ] {
        app.create_user_in(name, roles, Some(team)).await;
    }
    app
}

#[tokio::test]
async fn another_teams_officer_reads_only_with_a_reason_and_changes_nothing() {
    let app = app_with_teams().await;
    let (id, reference) = report(&app).await;
    let page = format!("/submissions/{id}");
    let api = format!("/api/v1/submissions/{id}");

    // Its own team reads it, with the forms to work it.
    let own = app.signed_in("pc.own").await;
    let html = app.get_page(&own, &page).await;
    assert!(html.contains("ada@example.com") && html.contains("Add a note or an update"));

    // Another team's officer: the page asks for a reason and shows nothing of the report.
    let other = app.signed_in("pc.other").await;
    let refused = other.get(app.url(&page)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Why do you need to read it?"), "{html}");
    assert!(!html.contains("ada@example.com") && !html.contains(&reference));
    let refused = other.get(app.url(&api)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "forbidden");

    // Every change is refused, and nothing changes.
    let changes: [(&str, Vec<(&str, &str)>); 7] = [
        ("notes", vec![("body", "IDOR note"), ("kind", "internal")]),
        ("notes", vec![("body", "IDOR update"), ("kind", "update")]),
        ("grade", vec![("grade", "R"), ("reason", "not ours")]),
        (
            "reassign",
            vec![("team", "central-online"), ("reason", "taking it")],
        ),
        ("first-contact", vec![("channel", "phone")]),
        ("dash", vec![("q1", "yes")]),
        (
            "tasks",
            vec![
                ("kind", "victim_visit"),
                ("day", "2030-01-01"),
                ("from", "10:00"),
                ("until", "11:00"),
            ],
        ),
    ];
    let supervisor_elsewhere = app.signed_in("sgt.other").await;
    for (change, fields) in &changes {
        let client = if *change == "tasks" {
            &supervisor_elsewhere
        } else {
            &other
        };
        let response = app
            .post_form(client, "/account", &format!("{page}/{change}"), fields)
            .await;
        assert_eq!(response.status(), 403, "{change} by another team");
    }
    let refused = supervisor_elsewhere
        .get(app.url(&format!("{page}/tasks/new")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403, "the task form");
    let stored = app.submission(&reference).await;
    assert_eq!(stored.team.as_str(), "central-intake");
    assert!(stored.first_contact.is_none() && stored.grade_override.is_none());
    assert!(app.store.notes(stored.id).await.unwrap().is_empty());

    // With a reason they read it: the API by header, the page by the reason form.
    let reason = "Same suspect as burglary series OP-42";
    let read = other
        .get(app.url(&api))
        .header("X-Peel-Reason", reason)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let body: Value = read.json().await.unwrap();
    assert_eq!(body["reference"], reference.as_str());
    let html = app
        .get_page(&other, &format!("{page}?reason=Checking+the+address"))
        .await;
    assert!(html.contains("belongs to another team") && html.contains("ada@example.com"));
    assert!(
        !html.contains("Add a note or an update"),
        "no forms to change it"
    );
    let entries = app
        .store
        .audit_entries(&AuditQuery {
            subject: Some(format!("submission:{id}")),
            event: Some(AuditCode::SubmissionViewedWithReason),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let reasons: Vec<&str> = entries
        .iter()
        .map(|e| e.event.justification.as_str())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons.contains(&reason) && reasons.contains(&"Checking the address"));
    assert!(entries.iter().all(|e| e.event.actor_label == "pc.other"));

    // The team's supervisor sees who read it and why; another team's supervisor does not.
    let supervisor = app.signed_in("sgt.own").await;
    let html = app.get_page(&supervisor, "/supervisor").await;
    assert!(
        html.contains(reason) && html.contains("pc.other") && html.contains(&reference),
        "{html}"
    );
    let html = app.get_page(&supervisor_elsewhere, "/supervisor").await;
    assert!(!html.contains(reason));

    // Refusals are security events under the report.
    let refusals = app
        .store
        .audit_entries(&AuditQuery {
            subject: Some(format!("submission:{id}")),
            event: Some(AuditCode::AccessDenied),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(refusals.len() >= 9, "{}", refusals.len());
}

#[tokio::test]
async fn the_specialist_team_reads_a_sensitive_report_and_takes_it_on_before_changing_it() {
    let app = app_with_teams().await;
    let (id, _) = report(&app).await;
    let page = format!("/submissions/{id}");
    let safeguarding = app.signed_in("dc.safe").await;
    let html = app.get_page(&safeguarding, &page).await;
    assert!(html.contains("ada@example.com"), "no reason needed");
    assert!(!html.contains("Add a note or an update") && html.contains("Move to another team"));
    let note = app
        .post_form(
            &safeguarding,
            &page,
            &format!("{page}/notes"),
            &[("body", "Ours"), ("kind", "internal")],
        )
        .await;
    assert_eq!(note.status(), 403, "changed only once moved");
    let moved = app
        .post_form(
            &safeguarding,
            &page,
            &format!("{page}/reassign"),
            &[
                ("team", "central-safeguarding"),
                ("reason", "High-risk domestic abuse"),
            ],
        )
        .await;
    assert_eq!(moved.status(), 303);
    let note = app
        .post_form(
            &safeguarding,
            &page,
            &format!("{page}/notes"),
            &[("body", "Ours now"), ("kind", "internal")],
        )
        .await;
    assert_eq!(note.status(), 303);
    // And the team it came from now needs a reason.
    let own = app.signed_in("pc.own").await;
    let refused = own.get(app.url(&page)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn a_corrupt_safe_contact_row_is_an_error_page_and_a_logged_corruption() {
    let app = app_with_teams().await;
    let (id, reference) = report(&app).await;
    app.test_store
        .execute_raw(&format!(
            "UPDATE submissions SET safe_contact = '{{\"channels\": [' WHERE reference = '{reference}'"
        ))
        .await
        .unwrap();
    let own = app.signed_in("pc.own").await;
    let (_guard, logs) = capture_logs();
    let response = own
        .get(app.url(&format!("/submissions/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let html = response.text().await.unwrap();
    assert!(html.contains("Sorry, there is a problem with the service"));
    assert!(
        !html.contains("ada@example.com"),
        "never the report without its safe-contact instructions"
    );
    let logged = logs.text();
    assert!(
        logged.contains("Corrupt") && logged.contains("submissions") && logged.contains(&id),
        "{logged}"
    );
}
