//! The vetting officer's page lists what is suspended, overdue and due, and nothing current.

use peel_core::clock::Clock;
use peel_core::people::matching as m;
use peel_core::people::vetting::{Clearance, Level, Scope, Status, Trigger};
use peel_testkit::spawn_app;
use time::Duration;

fn person(id: &str, name: &str, clearance: Clearance) -> peel_store::PersonRecord {
    peel_store::PersonRecord {
        person: m::Person {
            id: peel_core::PersonId::parse(id).unwrap(),
            name: name.into(),
            kind: m::PersonKind::Volunteer,
            home: None,
            languages: vec!["en".into()],
            skills: Vec::new(),
            clearances: vec![clearance],
            training: Vec::new(),
            associations: Vec::new(),
            availability: m::Availability::default(),
        },
        username: None,
        team: None,
        clearance_ids: Vec::new(),
    }
}

#[tokio::test]
async fn the_vetting_officers_page_lists_suspended_overdue_and_due_clearances() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let clearance = |aftercare: i64, expires: i64| Clearance {
        level: Level::Nppv2,
        scopes: vec![Scope::DomesticAbuse, Scope::Cyber],
        granted: today - Duration::days(400),
        expires: today + Duration::days(expires),
        aftercare_due: today + Duration::days(aftercare),
        status: Status::Active,
        suspended: Vec::new(),
    };
    let mut suspended = clearance(200, 900);
    suspended.trigger(
        &Trigger::ChangeOfCircumstances("new co-resident aged over 10".into()),
        &[Scope::DomesticAbuse],
        today - Duration::days(2),
    );
    let event = |subject: &str| {
        peel_app::audit::event(
            &peel_core::policy::Actor::operator("test"),
            today.midnight().assume_utc(),
            peel_core::audit::AuditCode::PersonCreated,
            subject,
            "",
        )
    };
    for record in [
        person("p1", "Current Carol", clearance(200, 900)),
        person("p2", "Due Dev", clearance(10, 900)),
        person("p3", "Expired Eve", clearance(200, 0)),
        person("p4", "Suspended Sam", suspended),
    ] {
        let subject = format!("person:{}", record.person.id);
        app.store
            .create_person(&record, event(&subject))
            .await
            .unwrap();
    }
    app.create_user("vet.officer", "vetting_officer").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;

    let vetting = app.signed_in("vet.officer").await;
    let page = app.get_page(&vetting, "/vetting").await;
    assert!(!page.contains("Current Carol"), "{page}");
    let at = |name: &str| {
        page.find(name)
            .unwrap_or_else(|| panic!("{name} missing: {page}"))
    };
    assert!(at("Suspended Sam") < at("Expired Eve") && at("Expired Eve") < at("Due Dev"));
    assert!(page.contains("domestic abuse since"));
    assert!(page.contains("new co-resident aged over 10"));
    assert!(page.contains(&format!("expired on {today}; it matches no task")));
    assert!(page.contains(&format!(
        "aftercare review by {}",
        today + Duration::days(10)
    )));
    assert!(
        page.contains("href=\"/vetting\""),
        "the header links the page"
    );

    // A change of circumstances suspends the scope it touches until the review.
    let response = app
        .post_form(
            &vetting,
            "/vetting/people/p2",
            &format!(
                "/vetting/people/p2/clearances/{}/trigger",
                app.store.people().await.unwrap()[1].clearance_ids[0]
            ),
            &[
                ("kind", "change"),
                ("reason", "new partner with a caution for assault"),
                ("scope", "domestic_abuse"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let page = app.get_page(&vetting, "/vetting").await;
    let dev = page.find("Due Dev").unwrap();
    assert!(
        page[..dev]
            .rfind("Suspended")
            .is_some_and(|s| page[s..dev].find("<tr>").is_none())
    );
    assert!(page.contains("new partner with a caution for assault"));
    let clearance_id = app.store.people().await.unwrap()[1].clearance_ids[0];
    app.post_form(
        &vetting,
        "/vetting/people/p2",
        &format!("/vetting/people/p2/clearances/{clearance_id}/review"),
        &[
            ("scope", "domestic_abuse"),
            ("reason", "partner's caution is spent; no risk"),
        ],
    )
    .await;
    let dev = &app.store.people().await.unwrap()[1].person.clearances[0];
    assert!(dev.suspended.is_empty());
    assert_eq!(dev.aftercare_due, today + Duration::days(365));

    // Evidence for a skill is checked: only then does its level count above "working".
    let mut expert = person("p5", "Eli Expert", clearance(200, 900));
    expert
        .person
        .skills
        .push(peel_core::people::skills::HeldSkill {
            skill: peel_core::people::skills::Skill::CyberHelp,
            level: peel_core::people::skills::SkillLevel::Expert,
            evidence: Some(peel_core::people::skills::Evidence {
                body: "BCS".into(),
                number: "990011".into(),
                verified: None,
            }),
        });
    app.store
        .create_person(&expert, event("person:p5"))
        .await
        .unwrap();
    let eli = app.get_page(&vetting, "/vetting/people/p5").await;
    assert!(
        eli.contains("I have checked the evidence for cyber and digital help"),
        "{eli}"
    );
    let response = app
        .post_form(
            &vetting,
            "/vetting/people/p5",
            "/vetting/people/p5/skills/cyber_help/verify",
            &[],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let people = app.store.people().await.unwrap();
    let held = &people
        .iter()
        .find(|p| p.person.id.as_str() == "p5")
        .unwrap()
        .person
        .skills[0];
    assert_eq!(
        held.counted_level(),
        peel_core::people::skills::SkillLevel::Expert
    );
    assert!(
        app.get_page(&vetting, "/vetting/people/p5")
            .await
            .contains(&format!("checked by vet.officer on {today}"))
    );

    let officer = app.signed_in("pc.smith").await;
    let refused = officer.get(app.url("/vetting")).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);

    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.iter().any(|e| e.event.event == "vetting.viewed"));
    assert!(
        entries
            .iter()
            .any(|e| e.event.event == "clearance.suspended"
                && e.event.subject == "person:p2"
                && e.event.justification == "new partner with a caution for assault")
    );
    assert!(
        entries
            .iter()
            .any(|e| e.event.event == "clearance.reviewed")
    );
}

#[tokio::test]
async fn a_vetting_officer_cannot_reinstate_their_own_clearance_nor_verify_their_own_evidence() {
    use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let mut record = person(
        "vet-self",
        "Val Self",
        Clearance {
            level: Level::Nppv2,
            scopes: vec![Scope::DomesticAbuse],
            granted: today - Duration::days(100),
            expires: today + Duration::days(900),
            aftercare_due: today + Duration::days(200),
            status: Status::Active,
            suspended: Vec::new(),
        },
    );
    record.person.clearances[0].trigger(
        &Trigger::ConductConcern("complaint".into()),
        &[Scope::DomesticAbuse],
        today,
    );
    record.person.skills = vec![HeldSkill {
        skill: Skill::VictimSupport,
        level: SkillLevel::Expert,
        evidence: Some(Evidence {
            body: "Victim Support".into(),
            number: "VS-1".into(),
            verified: None,
        }),
    }];
    record.username = Some(peel_core::username::Username::parse("vet.self").unwrap());
    app.store
        .create_person(
            &record,
            app.event(
                peel_core::audit::AuditCode::PersonCreated,
                "person:vet-self",
                "",
            ),
        )
        .await
        .unwrap();
    app.create_user("vet.self", "vetting_officer").await;
    app.create_user("vet.other", "vetting_officer").await;
    let clearance = app
        .store
        .person(&peel_core::PersonId::parse("vet-self").unwrap())
        .await
        .unwrap()
        .unwrap()
        .clearance_ids[0];
    let review = format!("/vetting/people/vet-self/clearances/{clearance}/review");
    let verify = "/vetting/people/vet-self/skills/victim_support/verify";
    let reinstate = [("scope", "domestic_abuse"), ("reason", "all resolved")];

    let me = app.signed_in("vet.self").await;
    // Reading one's own record is allowed; acting on it is not.
    let own = app.get_page(&me, "/vetting/people/vet-self").await;
    assert!(own.contains("Val Self"));
    let refused = app
        .post_form(&me, "/vetting/people/vet-self", &review, &reinstate)
        .await;
    assert_eq!(refused.status(), 403);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Nobody may do this to their own record")
    );
    let refused = app
        .post_form(&me, "/vetting/people/vet-self", verify, &[])
        .await;
    assert_eq!(refused.status(), 403);
    let stored = app
        .store
        .person(&peel_core::PersonId::parse("vet-self").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !stored.person.clearances[0].suspended.is_empty(),
        "still suspended"
    );
    assert!(
        stored.person.skills[0]
            .evidence
            .as_ref()
            .is_some_and(|e| e.verified.is_none()),
        "still unchecked"
    );

    // A review needs a reason; another vetting officer may do both.
    let other = app.signed_in("vet.other").await;
    let no_reason = app
        .post_form(
            &other,
            "/vetting/people/vet-self",
            &review,
            &[("scope", "domestic_abuse")],
        )
        .await;
    assert_eq!(no_reason.status(), 400);
    let reviewed = app
        .post_form(&other, "/vetting/people/vet-self", &review, &reinstate)
        .await;
    assert_eq!(reviewed.status(), 303);
    let verified = app
        .post_form(&other, "/vetting/people/vet-self", verify, &[])
        .await;
    assert_eq!(verified.status(), 303);
    let stored = app
        .store
        .person(&peel_core::PersonId::parse("vet-self").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.person.clearances[0].suspended.is_empty());
}

/// Vetting that keeps watching: a new report naming a volunteer's own phone number raises a
/// review item for the vetting unit, and nothing of it reaches the volunteer.
#[tokio::test]
async fn a_report_naming_a_volunteers_own_phone_raises_a_review_only_vetting_officers_see() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let mut record = person(
        "vol-ann",
        "Ann Able",
        Clearance {
            level: Level::Nppv2,
            scopes: vec![Scope::DomesticAbuse],
            granted: today - Duration::days(100),
            expires: today + Duration::days(900),
            aftercare_due: today + Duration::days(265),
            status: Status::Active,
            suspended: Vec::new(),
        },
    );
    record.username = Some(peel_core::username::Username::parse("vol.ann").unwrap());
    record.person.associations.push(m::Association {
        kind: m::AssociationKind::Linked,
        value: m::normalise("+447700900111"),
    });
    app.create_user("vol.ann", "volunteer").await;
    app.create_user("vet.officer", "vetting_officer").await;
    let event = app.event(peel_core::audit::AuditCode::PersonCreated, "people", "");
    app.store.create_person(&record, event).await.unwrap();

    // An unrelated report raises nothing.
    app.send_report(&serde_json::json!({
        "description": "Someone keeps ringing me from 07700 900 222",
        "category": "fraud",
        "occurred_at": "2026-11-25T18:00:00Z",
        "location": {"online": true},
        "reporter": {"role": "victim", "anonymous": true},
    }))
    .await;
    let created = app
        .send_report(&serde_json::json!({
            "description": "My ex keeps texting me threats from 07700 900111",
            "category": "domestic-abuse",
            "occurred_at": "2026-11-25T18:00:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "anonymous": true},
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();

    let officer = app.signed_in("vet.officer").await;
    let reviews: serde_json::Value = officer
        .get(app.url("/api/v1/vetting/reviews"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0]["person"], "vol-ann");
    assert_eq!(reviews[0]["status"], "open");
    let reason = reviews[0]["reason"].as_str().unwrap();
    assert!(reason.contains("phone number +447700900111"), "{reason}");
    assert!(reason.contains(reference), "{reason}");
    let s = app.submission(reference).await;
    assert_eq!(reviews[0]["source"], format!("submission:{}", s.id));
    // Never a suspension by itself.
    let stored = app
        .store
        .person(&peel_core::PersonId::parse("vol-ann").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.person.clearances[0].suspended.is_empty());
    // On the vetting officer's page, with a way to close it.
    let page = app.get_page(&officer, "/vetting").await;
    assert!(page.contains("phone number +447700900111"));
    assert!(page.contains("Close the review item"));

    // The volunteer sees nothing of it, and may not ask.
    let volunteer = app.signed_in("vol.ann").await;
    let portal = app.get_page(&volunteer, "/portal").await;
    assert!(
        !portal.contains("review") && !portal.contains(reference),
        "{portal}"
    );
    let refused = volunteer
        .get(app.url("/api/v1/vetting/reviews"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let raised = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::VettingReviewRaised),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(raised.len(), 1);
    assert_eq!(raised[0].event.subject, "person:vol-ann");

    // Closed with its outcome, it leaves the page.
    let id = reviews[0]["id"].as_str().unwrap().to_owned();
    let closed = app
        .post_form(
            &officer,
            "/vetting",
            &format!("/vetting/reviews/{id}/close"),
            &[(
                "outcome",
                "Her ex-partner's number, which she shares: no concern",
            )],
        )
        .await;
    assert_eq!(closed.status(), 303);
    assert!(
        !app.get_page(&officer, "/vetting")
            .await
            .contains("phone number +447700900111")
    );
}

/// Separation of duties: whoever recorded a conduct concern does not reinstate after it.
#[tokio::test]
async fn a_reinstatement_after_a_conduct_concern_needs_a_second_vetting_officer() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let record = person(
        "vol-dee",
        "Dee Dee",
        Clearance {
            level: Level::Nppv2,
            scopes: vec![Scope::DomesticAbuse, Scope::Cyber],
            granted: today - Duration::days(100),
            expires: today + Duration::days(900),
            aftercare_due: today + Duration::days(265),
            status: Status::Active,
            suspended: Vec::new(),
        },
    );
    let event = app.event(peel_core::audit::AuditCode::PersonCreated, "people", "");
    app.store.create_person(&record, event).await.unwrap();
    let clearance = app
        .store
        .person(&peel_core::PersonId::parse("vol-dee").unwrap())
        .await
        .unwrap()
        .unwrap()
        .clearance_ids[0];
    app.create_user("vet.one", "vetting_officer").await;
    app.create_user("vet.two", "vetting_officer").await;
    let (one, two) = (
        app.signed_in("vet.one").await,
        app.signed_in("vet.two").await,
    );
    let page = "/vetting/people/vol-dee";
    let action = |what: &str| format!("/vetting/people/vol-dee/clearances/{clearance}/{what}");
    let raised = app
        .post_form(
            &one,
            page,
            &action("trigger"),
            &[
                ("kind", "conduct"),
                ("reason", "complaint from a victim"),
                ("scope", "domestic_abuse"),
            ],
        )
        .await;
    assert_eq!(raised.status(), 303);
    let own = app
        .post_form(
            &one,
            page,
            &action("review"),
            &[("reason", "looked into it"), ("scope", "domestic_abuse")],
        )
        .await;
    assert_eq!(
        own.status(),
        400,
        "the officer who raised it may not reinstate"
    );
    assert!(
        own.text()
            .await
            .unwrap()
            .contains("a second vetting officer")
    );
    let second = app
        .post_form(
            &two,
            page,
            &action("review"),
            &[("reason", "unfounded"), ("scope", "domestic_abuse")],
        )
        .await;
    assert_eq!(second.status(), 303);
    let dee = app
        .store
        .person(&peel_core::PersonId::parse("vol-dee").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(dee.person.clearances[0].suspended.is_empty());
}

/// The watch reads organisations' notifications too: a bank naming a volunteer's own phone
/// number raises a review item, one look-up for the whole batch.
#[tokio::test]
async fn a_banks_notification_naming_a_volunteers_own_phone_raises_a_review() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let mut record = person(
        "vol-eve",
        "Eve Even",
        Clearance {
            level: Level::Nppv2,
            scopes: vec![Scope::Cyber],
            granted: today - Duration::days(100),
            expires: today + Duration::days(900),
            aftercare_due: today + Duration::days(265),
            status: Status::Active,
            suspended: Vec::new(),
        },
    );
    record.person.associations.push(m::Association {
        kind: m::AssociationKind::Linked,
        value: m::normalise("+447700900456"),
    });
    let event = app.event(peel_core::audit::AuditCode::PersonCreated, "people", "");
    app.store.create_person(&record, event).await.unwrap();
    crate::notifications::register_as(&app, "northbank", None, Vec::new()).await;
    let key = crate::notifications::api_key(&app, "northbank").await;
    let body = [
        crate::notifications::line(
            "NB-1",
            serde_json::json!({"type": "phone", "value": "07700 900111"}),
        ),
        crate::notifications::line(
            "NB-2",
            serde_json::json!({"type": "phone", "value": "07700 900456"}),
        ),
    ]
    .join("\n");
    let (status, _) = crate::notifications::send(&app, Some(&key), body.into_bytes(), false).await;
    assert_eq!(status, 200);
    let reviews = app.store.vetting_reviews().await.unwrap();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].person.as_str(), "vol-eve");
    assert!(
        reviews[0].reason.contains("a notification from northbank"),
        "{}",
        reviews[0].reason
    );
    assert!(reviews[0].source.starts_with("notification:"));
}
