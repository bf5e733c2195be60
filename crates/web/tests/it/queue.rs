//! The officers' side: the team queue, opening a report, first contact, updates, reassignment.

use peel_store::AuditQuery;
use peel_testkit::{TestApp, spawn_london_app};
use serde_json::{Value, json};

async fn report(app: &TestApp, postcode: &str, description: &str, role: &str) -> Value {
    let body = json!({
        "description": description,
        "category": "anti-social-behaviour",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"postcode": postcode},
        "reporter": {"role": role, "contact": {"phone": "07700 900 982"}},
        "safe_contact": {"channels": ["phone"], "no_voicemail": true, "shared_device": true, "safe_times": "after 6pm"}
    });
    let response = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

fn submission_link(queue: &str, reference: &str) -> String {
    let at = queue.find(reference).unwrap();
    let start = queue[..at].rfind("/submissions/").unwrap();
    let end = start + queue[start..].find('"').unwrap();
    queue[start..end].to_owned()
}

#[tokio::test]
async fn an_officer_works_a_report_from_the_queue_and_the_reporter_sees_the_update() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let created = report(
        &app,
        "SW1A 2AA",
        "Drinking on the steps <img src=x onerror=alert(1)>",
        "victim",
    )
    .await;
    let reference = created["reference"].as_str().unwrap();
    let officer = app.signed_in("pc.smith").await;

    let queue = app.get_page(&officer, "/queue?team=snt-E05013806").await;
    assert!(queue.contains("St. James&#39;s Safer Neighbourhood Team"));
    assert!(queue.contains(reference));
    assert!(queue.contains("None yet"));
    let link = submission_link(&queue, reference);

    let detail = app.get_page(&officer, &link).await;
    assert!(
        detail.contains("&#60;img src=x onerror=alert(1)&#62;"),
        "description escaped"
    );
    assert!(!detail.contains("<img src=x"));
    assert!(detail.contains("Do not leave a voicemail"));
    assert!(detail.contains("Someone else may see their phone"));
    assert!(detail.contains("Safe times: after 6pm"));

    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/first-contact"),
            &[("channel", "phone")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/notes"),
            &[
                ("kind", "update"),
                ("body", "We have spoken to the building manager."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/notes"),
            &[
                ("kind", "internal"),
                ("body", "Known group, see previous reports."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    let status: Value = app
        .client()
        .get(app.url(&format!("/api/v1/reports/{reference}/status")))
        .bearer_auth(created["status_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["stage"], "contacted");
    let updates: Vec<&str> = status["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        updates,
        ["We have spoken to the building manager."],
        "internal notes never reach the reporter"
    );

    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/reassign"),
            &[
                ("team", "central-online"),
                ("reason", "Most of it happened on a group chat"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(
        !app.get_page(&officer, "/queue?team=snt-E05013806")
            .await
            .contains(reference)
    );

    let entries = app
        .store
        .audit_entries(&AuditQuery {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap();
    let events: Vec<&str> = entries.iter().map(|e| e.event.event.as_str()).collect();
    for expected in [
        "submission.received",
        "submission.viewed",
        "submission.first_contact",
        "submission.update_written",
        "submission.note_added",
        "submission.reassigned",
    ] {
        assert!(
            events.contains(&expected),
            "{expected} missing from {events:?}"
        );
    }
    let viewed = entries
        .iter()
        .find(|e| e.event.event == "submission.viewed")
        .unwrap();
    assert_eq!(
        viewed.event.operation,
        peel_core::audit::Operation::Consultation
    );
    assert_eq!(viewed.event.actor_label, "pc.smith");
    let moved = entries
        .iter()
        .find(|e| e.event.event == "submission.reassigned")
        .unwrap();
    assert_eq!(
        moved.event.justification,
        "Most of it happened on a group chat"
    );
}

#[tokio::test]
async fn a_reassignment_needs_a_reason() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05009323"))
        .await;
    let created = report(&app, "E14 5AB", "Noise", "witness").await;
    let officer = app.signed_in("pc.smith").await;
    let queue = app.get_page(&officer, "/queue?team=snt-E05009323").await;
    let link = submission_link(&queue, created["reference"].as_str().unwrap());
    let response = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/reassign"),
            &[("team", "central-online"), ("reason", "")],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Say why it is moving")
    );
}

#[tokio::test]
async fn overdue_updates_come_first_in_the_queue() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let old = report(&app, "SW1A 2AA", "Old one", "victim").await;
    app.clock.advance(time::Duration::days(10));
    let new = report(&app, "SW1A 2AA", "New one", "victim").await;
    let officer = app.signed_in("pc.smith").await;
    let queue = app.get_page(&officer, "/queue?team=snt-E05013806").await;
    let old_at = queue.find(old["reference"].as_str().unwrap()).unwrap();
    let new_at = queue.find(new["reference"].as_str().unwrap()).unwrap();
    assert!(old_at < new_at, "the overdue report is listed first");
    assert!(queue.contains("Overdue"));
}

#[tokio::test]
async fn people_who_do_not_answer_the_public_cannot_open_reports() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user("vol.jones", "volunteer").await;
    let created = report(&app, "SW1A 2AA", "Noise", "victim").await;
    let volunteer = app.signed_in("vol.jones").await;
    assert_eq!(
        volunteer
            .get(app.url("/queue"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let record = app.submission(created["reference"].as_str().unwrap()).await;
    let response = volunteer
        .get(app.url(&format!("/submissions/{}", record.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn an_officer_sees_their_own_team_queue_first() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user("admin", "administrator").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let created = report(&app, "E14 5AB", "Cars racing at night", "witness").await;
    let admin = app.signed_in("admin").await;
    let user = app
        .store
        .credentials(&peel_core::username::Username::parse("pc.smith").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;
    let page = format!("/admin/users/{}", user.id);
    let response = app
        .post_form(
            &admin,
            &page,
            &format!("{page}/team"),
            &[("team", "snt-E05009323")],
        )
        .await;
    assert_eq!(response.status(), 303);

    let officer = app.signed_in("pc.smith").await;
    let queue = app.get_page(&officer, "/queue").await;
    assert!(
        queue.contains("Queue: Canary Wharf Safer Neighbourhood Team"),
        "{}",
        &queue[queue.find("<h1").unwrap()..][..200]
    );
    assert!(queue.contains(created["reference"].as_str().unwrap()));
}

#[tokio::test]
async fn an_overdue_first_contact_reaches_the_supervisor_and_an_override_keeps_both_grades() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("sgt.patel", "supervisor", Some("snt-E05013806"))
        .await;
    let created = report(&app, "SW1A 2AA", "Loud music every night", "witness").await;
    let reference = created["reference"].as_str().unwrap();
    let first_grade = created["triage"]["grade"].as_str().unwrap().to_owned();
    let supervisor = app.signed_in("sgt.patel").await;
    assert!(
        !app.get_page(&supervisor, "/supervisor")
            .await
            .contains(reference)
    );

    app.clock.advance(time::Duration::days(8));
    let supervisor = app.signed_in("sgt.patel").await;
    let escalations = app.get_page(&supervisor, "/supervisor").await;
    assert!(
        escalations.contains(reference),
        "an overdue first contact is escalated"
    );
    let title = escalations
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(!title.contains('<'), "the title is text: {title}");
    assert_eq!(
        escalations
            .matches("Grade overrides in the last 90 days")
            .count(),
        1
    );

    let link = submission_link(&escalations, reference);
    let response = app
        .post_form(
            &supervisor,
            &link,
            &format!("{link}/grade"),
            &[
                ("grade", "S"),
                ("reason", "Caller says the noise has become threats"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_page(&supervisor, &link).await;
    assert!(page.contains("Grade S"));
    assert!(page.contains(&format!("Changed from {first_grade} to S by sgt.patel")));
    assert!(page.contains("Caller says the noise has become threats"));

    let entries = app
        .store
        .audit_entries(&AuditQuery {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap();
    let regraded = entries
        .iter()
        .find(|e| e.event.event == "submission.regraded")
        .unwrap();
    assert_eq!(
        regraded.event.justification,
        "Caller says the noise has become threats"
    );
    assert!(regraded.event.detail.contains("to S"));

    let escalations = app.get_page(&supervisor, "/supervisor").await;
    assert!(escalations.contains("Grade overrides in the last 90 days"));
    assert!(escalations.contains(&format!(
        "<td>{first_grade}</td><td>S</td><td>Anti-social behaviour</td><td>1</td>"
    )));

    let missing_reason = app
        .post_form(
            &supervisor,
            &link,
            &format!("{link}/grade"),
            &[("grade", "I"), ("reason", "")],
        )
        .await;
    assert_eq!(missing_reason.status(), 400);
}

#[tokio::test]
async fn only_supervisors_see_escalations() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let officer = app.signed_in("pc.smith").await;
    assert_eq!(
        officer
            .get(app.url("/supervisor"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn an_officer_fills_in_dash_and_fourteen_yes_creates_a_marac_referral_task() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let created = report(
        &app,
        "SW1A 2AA",
        "My partner hit me again last night",
        "victim",
    )
    .await;
    let record = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", record.id);
    let form = app.get_page(&officer, &format!("{link}/dash")).await;
    assert_eq!(form.matches("<fieldset class=\"field\" id=\"q").count(), 27);

    let codes: Vec<String> = (1..=27).map(|i| format!("q{i}")).collect();
    let thirteen: Vec<(&str, &str)> = codes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), if i < 13 { "yes" } else { "no" }))
        .collect();
    let response = app
        .post_form(
            &officer,
            &format!("{link}/dash"),
            &format!("{link}/dash"),
            &thirteen,
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_page(&officer, &link).await;
    assert!(
        page.contains("13 yes of 27, medium risk, by pc.smith"),
        "13 is not high"
    );
    assert!(!page.contains("MARAC referral task"));

    let fourteen: Vec<(&str, &str)> = codes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), if i < 14 { "yes" } else { "not_known" }))
        .collect();
    app.post_form(
        &officer,
        &format!("{link}/dash"),
        &format!("{link}/dash"),
        &fourteen,
    )
    .await;
    let page = app.get_page(&officer, &link).await;
    assert!(page.contains("14 yes of 27, high risk: MARAC referral due"));
    assert!(page.contains("MARAC referral task"));
    assert!(
        page.contains("The DASH checklist shows high risk"),
        "triage ran again"
    );
    let retriaged = app.store.submission(record.id).await.unwrap().unwrap();
    assert!(matches!(
        retriaged.grade(),
        Some(peel_core::triage::Grade::S | peel_core::triage::Grade::I)
    ));

    let judged_without_reason = app
        .post_form(
            &officer,
            &format!("{link}/dash"),
            &format!("{link}/dash"),
            &[
                ("q1", "yes"),
                ("judgement", "high"),
                ("judgement_reason", ""),
            ],
        )
        .await;
    assert_eq!(judged_without_reason.status(), 400);

    let assessments = app.store.dash_assessments(record.id).await.unwrap();
    assert_eq!(assessments.len(), 2);
    assert_eq!(
        assessments[0].checklist_version,
        "DASH2009-police/peel-wording-1"
    );
    let entries = app
        .store
        .audit_entries(&AuditQuery {
            limit: 200,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.event.event == "dash.assessed")
            .count(),
        2
    );
}

/// Finding H-6: a queue longer than a page pages through everything, saying how many there are.
#[tokio::test]
async fn a_long_queue_pages_through_everything_and_says_how_many() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.page", "neighbourhood_officer", Some("central-online"))
        .await;
    for n in 0..130 {
        let report = serde_json::json!({
            "description": format!("Scam text message number {n} asking for bank details"),
            "category": "fraud", "occurred_at": "2026-11-19T10:00:00Z",
            "location": {"online": true}, "reporter": {"role": "victim", "anonymous": true}
        });
        let created = app
            .client()
            .post(app.url("/api/v1/reports"))
            .json(&report)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status().as_u16(), 201);
    }
    let officer = app.signed_in("pc.page").await;
    let first = app.get_page(&officer, "/queue?team=central-online").await;
    assert!(first.contains("Showing 1 to 100 of 130"), "{first}");
    assert!(first.contains("Next page"));
    let second = app
        .get_page(&officer, "/queue?team=central-online&page=2")
        .await;
    assert!(second.contains("Showing 101 to 130 of 130"), "{second}");
    assert!(second.contains("Previous page") && !second.contains("Next page"));
}

/// Finding P1-12: an Immediate report past its first-contact time leads the queue with a red
/// tag, above a report already contacted whose deadline was earlier.
#[tokio::test]
async fn an_overdue_immediate_first_contact_leads_the_queue_with_a_tag() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let send = |description: &'static str, role: &'static str| {
        let app = &app;
        async move {
            let body = json!({
                "description": description,
                "category": "online-abuse",
                "occurred_at": "2026-11-26T08:57:00Z",
                "location": {"online": true},
                "reporter": {"role": role, "contact": {"email": "a@example.org"}},
                "safe_contact": {"channels": ["email"]}
            });
            let created = app.send_report(&body).await;
            created["reference"].as_str().unwrap().to_owned()
        }
    };
    // Both Immediate: the one already contacted had the earlier deadline.
    let contacted = send(
        "He is outside my flat right now with a knife and says he will kill me",
        "victim",
    )
    .await;
    assert_eq!(
        app.submission(&contacted).await.grade().map(|g| g.letter()),
        Some("I")
    );
    let s = app.submission(&contacted).await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", s.id);
    app.post_form(
        &officer,
        &link,
        &format!("{link}/first-contact"),
        &[("channel", "email")],
    )
    .await;
    app.clock.advance(time::Duration::minutes(1));
    let urgent = send(
        "He is outside my door right now with a knife shouting that he will kill me",
        "victim",
    )
    .await;
    assert_eq!(
        app.submission(&urgent).await.grade().map(|g| g.letter()),
        Some("I")
    );
    app.clock.advance(time::Duration::minutes(20));
    let queue = app.get_page(&officer, "/queue?team=central-online").await;
    let (urgent_at, contacted_at) = (
        queue.find(&urgent).unwrap(),
        queue.find(&contacted).unwrap(),
    );
    assert!(
        urgent_at < contacted_at,
        "the overdue Immediate report comes first"
    );
    assert!(
        queue.contains("<strong class=\"tag tag-red\">Overdue by 5 min</strong>"),
        "{queue}"
    );
    assert!(queue.contains("Online"));
}

/// Finding P0-2: a checklist refused for a missing reason comes back with every answer and the
/// judgement as given.
#[tokio::test]
async fn a_refused_dash_checklist_keeps_every_answer() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let body = json!({
        "description": "My partner threatens me online every night",
        "category": "online-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true},
        "reporter": {"role": "victim", "contact": {"email": "v@example.org"}},
        "safe_contact": {"channels": ["email"]}
    });
    let created = app.send_report(&body).await;
    let record = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let dash = format!("/submissions/{}/dash", record.id);
    let codes: Vec<String> = (1..=27).map(|i| format!("q{i}")).collect();
    let mut answers: Vec<(&str, &str)> = codes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), ["yes", "no", "not_known"][i % 3]))
        .collect();
    answers.push(("judgement", "high"));
    let response = app.post_form(&officer, &dash, &dash, &answers).await;
    assert_eq!(response.status(), 400);
    let page = response.text().await.unwrap();
    assert_eq!(page.matches(" checked>").count(), 27, "all 27 answers kept");
    assert!(page.contains("id=\"q1-yes\" name=\"q1\" type=\"radio\" value=\"yes\" checked"));
    assert!(page.contains("id=\"q2-no\" name=\"q2\" type=\"radio\" value=\"no\" checked"));
    assert!(
        page.contains("value=\"high\" selected"),
        "the judgement kept"
    );
}

/// Finding P1-10 for staff: a double tap on "add update" makes one update and one message.
#[tokio::test]
async fn a_double_tapped_update_is_kept_and_sent_once() {
    let app = peel_testkit::spawn_app().await;
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let body = json!({
        "description": "Someone is impersonating me",
        "category": "online-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true},
        "reporter": {"role": "victim", "contact": {"email": "v@example.org"}},
        "safe_contact": {"channels": ["email"]}
    });
    let created = app.send_report(&body).await;
    let record = app.submission(created["reference"].as_str().unwrap()).await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", record.id);
    for _ in 0..2 {
        let response = app
            .post_form(
                &officer,
                &link,
                &format!("{link}/notes"),
                &[
                    ("kind", "update"),
                    ("body", "We have written to the platform."),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let notes = app.store.notes(record.id).await.unwrap();
    assert_eq!(notes.len(), 1);
    let updates = app.store.messages_of(record.id).await.unwrap();
    assert_eq!(
        updates
            .iter()
            .filter(|m| m.purpose == peel_core::message::Purpose::Update)
            .count(),
        1
    );
}
