//! End to end: a supervisor asks the panel for help with a report, sees who may do it and who
//! may not (a conflict, a scope the vetting does not cover), gives it to the top match; the
//! volunteer accepts in their portal, sees how to contact the victim safely, records the
//! visit; every step is in the audit trail under the report.

use peel_core::clock::Clock;
use peel_core::people::matching as m;
use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
use peel_core::people::training::Completion;
use peel_core::people::vetting::{Clearance, Level, Scope, Status};
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};
use time::Duration;

pub(crate) fn volunteer(
    app: &TestApp,
    id: &str,
    name: &str,
    username: Option<&str>,
    scopes: &[Scope],
) -> peel_store::PersonRecord {
    let today = app.clock.now().date();
    peel_store::PersonRecord {
        person: m::Person {
            id: peel_core::PersonId::parse(id).unwrap(),
            name: name.into(),
            kind: m::PersonKind::Volunteer,
            home: Some((51.546, -0.055)),
            languages: vec!["en".into()],
            skills: vec![HeldSkill {
                skill: Skill::VictimSupport,
                level: SkillLevel::Practitioner,
                evidence: Some(Evidence {
                    body: "Victim Support".into(),
                    number: format!("VS-{id}"),
                    verified: Some(("vet.officer".into(), today - Duration::days(30))),
                }),
            }],
            clearances: vec![Clearance {
                level: Level::Nppv2,
                scopes: scopes.to_vec(),
                granted: today - Duration::days(100),
                expires: today + Duration::days(900),
                aftercare_due: today + Duration::days(200),
                status: Status::Active,
                suspended: Vec::new(),
            }],
            training: ["victim-care", "safeguarding"]
                .iter()
                .map(|module| Completion {
                    module: (*module).into(),
                    completed: today - Duration::days(60),
                    expires: Some(today + Duration::days(300)),
                    version: 1,
                    how: peel_core::people::training::Learning::Online,
                })
                .collect(),
            associations: Vec::new(),
            availability: m::Availability {
                weekly: [
                    time::Weekday::Monday,
                    time::Weekday::Tuesday,
                    time::Weekday::Wednesday,
                    time::Weekday::Thursday,
                    time::Weekday::Friday,
                    time::Weekday::Saturday,
                    time::Weekday::Sunday,
                ]
                .into_iter()
                .map(|day| m::Slot {
                    day,
                    from: 540,
                    until: 1260,
                })
                .collect(),
                away: Vec::new(),
            },
        },
        username: username.map(|u| peel_core::username::Username::parse(u).unwrap()),
        team: Some(peel_core::TeamId::parse("panel-hackney").unwrap()),
        clearance_ids: Vec::new(),
    }
}

#[tokio::test]
async fn a_supervisor_gives_a_visit_to_the_top_match_who_accepts_in_their_portal() {
    let app = spawn_app().await;
    // An earlier report by someone else, linked to this one by the number both name.
    let earlier = json!({
        "description": "A man keeps ringing me from 07700 900123 at night",
        "category": "anti-social-behaviour",
        "occurred_at": "2026-11-20T22:15:00Z",
        "location": {"address": "5 Pembury Road"},
        "reporter": {"role": "victim", "contact": {"name": "Eve Earlier", "phone": "07700 900 555"}}
    });
    let response = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&earlier)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let report = json!({
        "description": "My ex-partner keeps coming to the flat and shouting through the door; he rings from 07700 900 123",
        "category": "domestic-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"address": "12 Mare Street"},
        "reporter": {"role": "victim", "contact": {"name": "Maya Okafor", "phone": "07700 900 982"}},
        "safe_contact": {"channels": ["phone"], "no_voicemail": true, "shared_device": true, "safe_times": "after 6pm"}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&report)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    let stored = app.submission(&reference).await;
    let item = format!("submission:{}", stored.id);

    let mut conflicted = volunteer(
        &app,
        "vol-cat",
        "Cat Conflicted",
        None,
        &[Scope::DomesticAbuse],
    );
    conflicted.person.associations.push(m::Association {
        kind: m::AssociationKind::Address,
        value: m::normalise("12 Mare Street"),
    });
    let event = |subject: &str| {
        peel_app::audit::event(
            &peel_core::policy::Actor::operator("test"),
            app.clock.now(),
            peel_core::audit::AuditCode::PersonCreated,
            subject,
            "",
        )
    };
    // Dan's own phone number is the reporter's: found in the case, so never offered.
    let mut related = volunteer(
        &app,
        "vol-dan",
        "Dan Related",
        None,
        &[Scope::DomesticAbuse],
    );
    related.person.associations.push(m::Association {
        kind: m::AssociationKind::Linked,
        value: m::normalise(&peel_link::phone("+44 7700 900982").unwrap()),
    });
    // Fay lives at the address of the linked report.
    let mut neighbour = volunteer(
        &app,
        "vol-fay",
        "Fay Neighbour",
        None,
        &[Scope::DomesticAbuse],
    );
    neighbour.person.associations.push(m::Association {
        kind: m::AssociationKind::Address,
        value: m::normalise("5 Pembury Road"),
    });
    for record in [
        related,
        neighbour,
        volunteer(
            &app,
            "vol-ann",
            "Ann Able",
            Some("ann.v"),
            &[Scope::DomesticAbuse],
        ),
        volunteer(&app, "vol-bob", "Bob Events", None, &[Scope::PublicEvents]),
        conflicted,
    ] {
        let subject = format!("person:{}", record.person.id);
        app.store
            .create_person(&record, event(&subject))
            .await
            .unwrap();
    }
    app.create_user_in("sgt.patel", "supervisor", Some("central-intake"))
        .await;
    app.create_user("ann.v", "volunteer").await;

    // The supervisor asks for help from the report's page; a language that is not a code is
    // asked for again.
    let supervisor_for_check = app.signed_in("sgt.patel").await;
    let wrong = app
        .post_form(
            &supervisor_for_check,
            &format!("/submissions/{}/tasks/new", stored.id),
            &format!("/submissions/{}/tasks", stored.id),
            &[
                ("kind", "victim_visit"),
                (
                    "day",
                    &(app.clock.now().date() + Duration::days(1)).to_string(),
                ),
                ("from", "18:30"),
                ("until", "19:30"),
                ("language", "Polish"),
            ],
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 200);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("two- or three-letter code")
    );
    assert!(
        app.store
            .tasks_of_item(item.parse().unwrap())
            .await
            .unwrap()
            .is_empty(),
        "nothing stored"
    );
    let supervisor = app.signed_in("sgt.patel").await;
    let page = app
        .get_page(&supervisor, &format!("/submissions/{}", stored.id))
        .await;
    assert!(page.contains(&format!("/submissions/{}/tasks/new", stored.id)));
    let day = (app.clock.now().date() + Duration::days(1)).to_string();
    let response = app
        .post_form(
            &supervisor,
            &format!("/submissions/{}/tasks/new", stored.id),
            &format!("/submissions/{}/tasks", stored.id),
            &[
                ("kind", "victim_visit"),
                ("day", &day),
                ("from", "18:30"),
                ("until", "19:30"),
                ("language", ""),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let task_url = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(task_url.starts_with("/tasks/"), "{task_url}");
    let task_page = app.get_page(&supervisor, &task_url).await;
    assert!(task_page.contains("Give to Ann Able"), "{task_page}");
    assert!(!task_page.contains("Give to Bob Events"));
    assert!(!task_page.contains("Give to Cat Conflicted"));
    assert!(task_page.contains("vetting does not cover domestic abuse work"));
    assert!(
        task_page.contains("conflict of interest: their address (12 mare street) is in the case")
    );
    assert!(!task_page.contains("Give to Dan Related"));
    assert!(
        task_page.contains(
            "conflict of interest: their contact details found in the case (447700900982)"
        ),
        "{task_page}"
    );
    assert!(
        !task_page.contains("Give to Fay Neighbour"),
        "a linked report's address counts too"
    );
    assert!(
        task_page.contains("conflict of interest: their address (5 pembury road) is in the case"),
        "{task_page}"
    );

    // Given to the top match.
    let response = app
        .post_form(
            &supervisor,
            &task_url,
            &format!("{task_url}/assign"),
            &[("person", "vol-ann")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert!(
        app.get_page(&supervisor, &task_url)
            .await
            .contains("with Ann Able")
    );

    // Ann accepts in her portal and sees how to contact the victim safely.
    let ann = app.signed_in("ann.v").await;
    let portal = app.get_page(&ann, "/portal").await;
    assert!(
        portal.contains("Your tasks, Ann Able") && portal.contains(&reference),
        "{portal}"
    );
    assert!(
        !portal.contains("Safe times"),
        "not before she has accepted"
    );
    let task_id = task_url.trim_start_matches("/tasks/");
    app.post_form(
        &ann,
        "/portal",
        &format!("/portal/tasks/{task_id}/accept"),
        &[],
    )
    .await;
    let portal = app.get_page(&ann, "/portal").await;
    assert!(portal.contains("Status: accepted"), "{portal}");
    assert!(portal.contains("Safe times: after 6pm"), "{portal}");
    app.post_form(
        &ann,
        "/portal",
        &format!("/portal/tasks/{task_id}/visit"),
        &[
            ("hours", "1.5"),
            ("note", "Sat with her; locks to be changed tomorrow"),
        ],
    )
    .await;
    let done = app
        .store
        .task(task_id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (done.status, done.hours),
        (peel_core::people::task::TaskStatus::Done, Some(1.5))
    );

    // Another account cannot answer her task, nor a volunteer manage tasks.
    app.create_user("bob.v", "volunteer").await;
    let bob = app.signed_in("bob.v").await;
    let refused = bob.get(app.url(&task_url)).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);

    // Every step is in the audit trail under the report.
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            subject: Some(item.clone()),
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    let steps: Vec<&str> = entries
        .iter()
        .map(|e| e.event.event.as_str())
        .filter(|e| e.starts_with("task."))
        .collect();
    assert_eq!(
        steps,
        vec![
            // The form is read (and audited) before each of the two tries.
            "task.form_viewed",
            "task.form_viewed",
            "task.created",
            "task.matches_viewed",
            "task.matches_viewed",
            "task.assigned",
            "task.matches_viewed",
            "task.accepted",
            "task.done"
        ]
    );
    let assigned = entries
        .iter()
        .find(|e| e.event.event == "task.assigned")
        .unwrap();
    assert_eq!(
        assigned.event.recipient, "person:vol-ann",
        "the case is disclosed to her"
    );
}

/// A domestic-abuse report with safe-contact instructions, and a visit on it given to Ann
/// (account `ann.v`, cleared for domestic abuse work). Returns the task's id and the report's
/// reference.
async fn a_visit_given_to_ann(app: &TestApp) -> (String, String) {
    let report = json!({
        "description": "My ex-partner keeps coming to the flat",
        "category": "domestic-abuse",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"address": "12 Mare Street"},
        "reporter": {"role": "victim", "contact": {"name": "Maya Okafor", "phone": "07700 900 982"}},
        "safe_contact": {"channels": ["phone"], "no_voicemail": true, "safe_times": "after 6pm"}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&report)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    let stored = app.submission(&reference).await;
    let ann = volunteer(
        app,
        "vol-ann",
        "Ann Able",
        Some("ann.v"),
        &[Scope::DomesticAbuse],
    );
    app.store
        .create_person(
            &ann,
            app.event(
                peel_core::audit::AuditCode::PersonCreated,
                "person:vol-ann",
                "",
            ),
        )
        .await
        .unwrap();
    app.create_user("ann.v", "volunteer").await;
    let kind = m::TaskKind::VictimVisit;
    let mut requirements = kind.requirements();
    requirements.scope = Some(Scope::DomesticAbuse);
    let id = peel_core::TaskId(uuid::Uuid::now_v7());
    let task = peel_store::TaskRecord {
        task: m::Task {
            id,
            kind,
            requirements,
            language: None,
            place: None,
            window: m::Window {
                day: app.clock.now().date() + Duration::days(1),
                from: 18 * 60,
                until: 19 * 60,
            },
            touches: Vec::new(),
            previous: Vec::new(),
        },
        item: Some(peel_core::ItemRef::Submission(stored.id)),
        status: peel_core::people::task::TaskStatus::Accepted,
        assigned_to: Some(ann.person.id.clone()),
        created_by: "sgt.patel".into(),
        created_at: app.clock.now(),
        hours: None,
        visit_note: None,
        return_reason: None,
        briefing: None,
        duty_phone: None,
    };
    app.store
        .create_task(
            &task,
            app.event(peel_core::audit::AuditCode::TaskCreated, "task", ""),
        )
        .await
        .unwrap();
    (id.to_string(), reference)
}

#[tokio::test]
async fn a_volunteer_whose_role_is_removed_or_scope_suspended_loses_the_task_at_the_next_request() {
    let app = spawn_app().await;
    let (task_id, reference) = a_visit_given_to_ann(&app).await;
    let task_page = format!("/portal/tasks/{task_id}");
    let ann = app.signed_in("ann.v").await;
    let page = app.get_page(&ann, &task_page).await;
    assert!(
        page.contains(&reference) && page.contains("Safe times: after 6pm"),
        "{page}"
    );
    app.get_page(&ann, "/portal").await;
    let read = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::PortalViewed),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        read.len(),
        2,
        "the task page and the portal are each a consultation"
    );
    assert!(read.iter().all(|e| e.event.actor_label == "ann.v"));
    assert!(
        read.iter()
            .all(|e| e.event.subject.contains("submission:")
                || e.event.detail.contains("submission:")),
        "each names the report: {read:?}"
    );

    // Her roles are removed: her very next request is refused, and her session lives on.
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let ann_id = app.user_id("ann.v").await;
    let user_page = format!("/admin/users/{ann_id}");
    let removed = app
        .post_form(&admin, &user_page, &format!("{user_page}/roles"), &[])
        .await;
    assert_eq!(removed.status(), 303);
    let refused = ann.get(app.url(&task_page)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let visit = app
        .post_form(
            &ann,
            "/account",
            &format!("/portal/tasks/{task_id}/visit"),
            &[("hours", "1"), ("note", "visited")],
        )
        .await;
    assert_eq!(visit.status(), 403, "nor can she record the visit");
    let portal = app.get_page(&ann, "/portal").await;
    assert!(
        portal.contains("On hold") && !portal.contains("Safe times"),
        "{portal}"
    );

    // Given the role back, she sees it again.
    let restored = app
        .post_form(
            &admin,
            &user_page,
            &format!("{user_page}/roles"),
            &[("role", "volunteer")],
        )
        .await;
    assert_eq!(restored.status(), 303);
    assert!(app.get_page(&ann, &task_page).await.contains("Safe times"));

    // A conduct concern suspends her domestic abuse scope: refused at the next request.
    app.create_user("vet.one", "vetting_officer").await;
    let vetting = app.signed_in("vet.one").await;
    let person = app
        .store
        .person(&peel_core::PersonId::parse("vol-ann").unwrap())
        .await
        .unwrap()
        .unwrap();
    let clearance = person.clearance_ids[0];
    let suspended = app
        .post_form(
            &vetting,
            "/vetting/people/vol-ann",
            &format!("/vetting/people/vol-ann/clearances/{clearance}/trigger"),
            &[
                ("kind", "conduct"),
                ("reason", "arrested for harassment"),
                ("scope", "domestic_abuse"),
            ],
        )
        .await;
    assert_eq!(suspended.status(), 303);
    // The task came back to the supervisor at once, and her view of it ended.
    let refused = ann.get(app.url(&task_page)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let text = refused.text().await.unwrap();
    assert!(text.contains("This task is not given to you"), "{text}");
    let portal = app.get_page(&ann, "/portal").await;
    assert!(!portal.contains("Safe times"), "{portal}");
    let returned = app
        .store
        .task(peel_core::TaskId::parse(&task_id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        returned.status,
        peel_core::people::task::TaskStatus::Returned
    );
    assert_eq!(returned.assigned_to, None);
    let why = returned.return_reason.unwrap();
    assert!(why.contains("no longer covers this task"), "{why}");
    assert!(
        !why.contains("harassment"),
        "the supervisor is not told the vetting detail"
    );
    let taken = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::TaskReturned),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
}
