//! The training-needs analysis: who needs what by when, by team or panel, and who can train.

use peel_core::clock::Clock;
use peel_core::people::matching as m;
use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
use peel_core::people::training::Completion;
use peel_testkit::spawn_app;
use time::Duration;

#[tokio::test]
async fn the_training_page_lists_needs_by_person_and_panel_and_the_trainers() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let person = |id: &str, name: &str, level: SkillLevel, lapses: i64| peel_store::PersonRecord {
        person: m::Person {
            id: peel_core::PersonId::parse(id).unwrap(),
            name: name.into(),
            kind: m::PersonKind::Volunteer,
            home: None,
            languages: vec!["en".into()],
            skills: vec![HeldSkill {
                skill: Skill::VictimSupport,
                level,
                evidence: Some(Evidence {
                    body: "Victim Support".into(),
                    number: id.into(),
                    verified: Some(("vet.officer".into(), today - Duration::days(10))),
                }),
            }],
            clearances: Vec::new(),
            training: vec![Completion {
                module: "safeguarding".into(),
                completed: today - Duration::days(300),
                expires: Some(today + Duration::days(lapses)),
                version: 1,
                how: peel_core::people::training::Learning::Online,
            }],
            associations: Vec::new(),
            availability: m::Availability::default(),
        },
        username: None,
        team: Some(peel_core::TeamId::parse("panel-hackney").unwrap()),
        clearance_ids: Vec::new(),
    };
    let event = peel_app::audit::event(
        &peel_core::policy::Actor::operator("test"),
        app.clock.now(),
        peel_core::audit::AuditCode::PersonCreated,
        "people",
        "",
    );
    app.store
        .create_person(
            &person("a", "Ann Able", SkillLevel::Expert, 10),
            event.clone(),
        )
        .await
        .unwrap();
    app.store
        .create_person(&person("b", "Bob Bright", SkillLevel::Working, 200), event)
        .await
        .unwrap();
    app.create_user("vet.officer", "vetting_officer").await;
    app.create_user("sgt.patel", "supervisor").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let page = app
        .get_page(&app.signed_in("vet.officer").await, "/training")
        .await;
    let lapse = today + Duration::days(10);
    assert!(
        page.contains(&format!("training module safeguarding lapsed on {lapse}; training module victim-care not completed")),
        "Ann's safeguarding lapses within 30 days: {page}"
    );
    assert!(
        page.contains("<td>panel-hackney</td><td>victim-care</td><td>2</td>"),
        "{page}"
    );
    assert!(
        page.contains("<td>panel-hackney</td><td>safeguarding</td><td>1</td>"),
        "{page}"
    );
    assert!(
        page.contains("victim support: Ann Able"),
        "experts can train: {page}"
    );
    let refused = app
        .signed_in("pc.smith")
        .await
        .get(app.url("/training"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
}

/// A module's new version revises the training-needs analysis of everyone who completed an
/// older one, saying what changed; a completion of the new version meets it.
#[tokio::test]
async fn a_modules_new_version_revises_everyones_needs_until_they_complete_it() {
    let app = spawn_app().await;
    let today = app.clock.now().date();
    let person = |id: &str, name: &str| peel_store::PersonRecord {
        person: m::Person {
            id: peel_core::PersonId::parse(id).unwrap(),
            name: name.into(),
            kind: m::PersonKind::Volunteer,
            home: None,
            languages: vec!["en".into()],
            skills: vec![HeldSkill {
                skill: Skill::VictimSupport,
                level: SkillLevel::Working,
                evidence: None,
            }],
            clearances: Vec::new(),
            training: ["safeguarding", "victim-care"]
                .into_iter()
                .map(|module| Completion {
                    module: module.into(),
                    completed: today - Duration::days(30),
                    expires: None,
                    version: 1,
                    how: peel_core::people::training::Learning::Session,
                })
                .collect(),
            associations: Vec::new(),
            availability: m::Availability::default(),
        },
        username: None,
        team: Some(peel_core::TeamId::parse("panel-hackney").unwrap()),
        clearance_ids: Vec::new(),
    };
    for (id, name) in [("vol-ann", "Ann Able"), ("vol-bob", "Bob Bright")] {
        let event = app.event(peel_core::audit::AuditCode::PersonCreated, "people", "");
        app.store
            .create_person(&person(id, name), event)
            .await
            .unwrap();
    }
    app.create_user("sgt.patel", "supervisor").await;
    let supervisor = app.signed_in("sgt.patel").await;
    let before = app.get_page(&supervisor, "/training").await;
    assert!(
        before.contains("No one."),
        "nobody needs anything yet: {before}"
    );

    let revised = app
        .post_form(
            &supervisor,
            "/training",
            "/training/revisions",
            &[
                ("module", "victim-care"),
                ("what_changed", "coercive control added"),
            ],
        )
        .await;
    assert_eq!(revised.status(), 303);
    let after = app.get_page(&supervisor, "/training").await;
    assert!(
        after.contains("<title>Training needs - Peel</title>"),
        "{after}"
    );
    let need = format!(
        "training module victim-care was revised to version 2 on {today} (coercive control added): version 1 was completed"
    );
    assert_eq!(
        after.matches(&need).count(),
        2,
        "both need it again: {after}"
    );
    assert!(after.contains("<td>panel-hackney</td><td>victim-care</td><td>2</td>"));

    // Ann completes version 2 in a session: only Bob needs it now.
    let recorded = app
        .post_form(
            &supervisor,
            "/training",
            "/training/completions",
            &[
                ("person", "vol-ann"),
                ("module", "victim-care"),
                ("how", "session"),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let now = app.get_page(&supervisor, "/training").await;
    assert_eq!(now.matches(&need).count(), 1, "{now}");
    assert!(now.contains("<td>panel-hackney</td><td>victim-care</td><td>1</td>"));
    let ann = app
        .store
        .person(&peel_core::PersonId::parse("vol-ann").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(ann.person.training.iter().any(|c| c.module == "victim-care"
        && c.version == 2
        && c.how == peel_core::people::training::Learning::Session));
    // Refusals name the field.
    let bad = app
        .post_form(
            &supervisor,
            "/training",
            "/training/revisions",
            &[("module", "victim-care")],
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("Say what changed"));
}
