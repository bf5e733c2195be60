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
