//! The volunteer's whole journey over HTTP: applying on the public page, the vetting unit's
//! check of competence and probity, training, a panel, a matched task and its briefing.

use peel_core::clock::Clock;
use peel_testkit::{TestApp, csrf_token, spawn_app};
use serde_json::json;
use time::Duration;

fn between<'a>(html: &'a str, before: &str, after: &str) -> &'a str {
    let start = html
        .find(before)
        .unwrap_or_else(|| panic!("{before} not in {html}"))
        + before.len();
    let end = html[start..].find(after).unwrap() + start;
    &html[start..end]
}

async fn apply(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_token(&app.get_page(client, "/volunteer/apply").await);
    let mut body = vec![("csrf_token", csrf.as_str())];
    body.extend_from_slice(fields);
    client
        .post(app.url("/volunteer/apply"))
        .form(&body)
        .send()
        .await
        .unwrap()
}

/// Where an application stands, asked by reference and status code.
async fn standing(app: &TestApp, reference: &str, code: &str) -> reqwest::Response {
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/volunteer/status").await);
    client
        .post(app.url("/volunteer/status"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", reference),
            ("status_token", code),
        ])
        .send()
        .await
        .unwrap()
}

/// Signs in with a temporary password and chooses a new one, as a new volunteer does.
async fn first_sign_in(app: &TestApp, username: &str, temporary: &str) -> reqwest::Client {
    let client = app.client();
    let step = app.sign_in(&client, username, temporary).await;
    assert_eq!(step.headers()["location"], "/login/new-password");
    let form = app.get_page(&client, "/login/new-password").await;
    let chosen = client
        .post(app.url("/login/new-password"))
        .form(&[
            ("csrf_token", csrf_token(&form).as_str()),
            ("password", "lantern oboe quartz 19"),
            ("confirm", "lantern oboe quartz 19"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.headers()["location"], "/");
    client
}

#[tokio::test]
async fn an_applicant_is_checked_cleared_trained_panelled_matched_and_briefed() {
    let app = spawn_app().await;
    let public = app.client();
    let info = app.get_page(&public, "/volunteer").await;
    assert!(info.contains("Victim support") && info.contains("Apply to volunteer"));

    // Every problem at once, each named once.
    let empty = apply(&app, &public, &[]).await;
    assert_eq!(empty.status(), 400);
    let html = empty.text().await.unwrap();
    for anchor in [
        "#name",
        "#email",
        "#postcode",
        "#applying_as-volunteer",
        "#day-mon",
        "#consent",
    ] {
        assert_eq!(
            html.matches(&format!("href=\"{anchor}\"")).count(),
            1,
            "{anchor}"
        );
    }

    let mut fields = vec![
        ("name", "Priya Shah"),
        ("email", "priya@example.org"),
        ("phone", "07700 900 333"),
        ("postcode", "E8 1DY"),
        ("applying_as", "volunteer"),
        ("skill", "victim_support"),
        ("body-victim_support", "Victim Support Academy"),
        ("number-victim_support", "VS-1234"),
        ("skill", "cyber_help"),
        ("body-cyber_help", "BCS"),
        ("number-cyber_help", "990011"),
        ("languages", "gu, hi"),
        ("hours", "09:00-21:00"),
        ("associations", "Hackney Downs School"),
        ("consent", "yes"),
    ];
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        fields.push(("day", day));
    }
    let sent = apply(&app, &public, &fields).await;
    assert_eq!(sent.status(), 201);
    let done = sent.text().await.unwrap();
    let reference = between(&done, "<strong class=\"reference\">", "</strong>").to_owned();
    let code = between(&done, "<code class=\"secret\">", "</code>").to_owned();
    let first = standing(&app, &reference, &code)
        .await
        .text()
        .await
        .unwrap();
    assert!(first.contains("Received: with the vetting unit"), "{first}");
    let wrong = standing(&app, &reference, "nope").await;
    assert_eq!(wrong.status(), 404);

    // The vetting unit checks competence with the body and vets, and approves.
    app.create_user("vet.one", "vetting_officer").await;
    let vetting = app.signed_in("vet.one").await;
    let list = app.get_page(&vetting, "/vetting/applications").await;
    let page = format!(
        "/vetting/applications/{}",
        between(&list, "<a href=\"/vetting/applications/", "\">")
    );
    assert!(list.contains(&reference));
    let one = app.get_page(&vetting, &page).await;
    assert!(one.contains("Victim Support Academy VS-1234"));
    let approved = app
        .post_form(
            &vetting,
            &page,
            &format!("{page}/approve"),
            &[
                ("verified", "victim_support"),
                ("level", "nppv2"),
                ("scope", "domestic_abuse"),
                ("years", "3"),
                ("panel", "panel-hackney"),
                ("username", "priya.s"),
            ],
        )
        .await;
    assert_eq!(approved.status(), 200);
    let shown = approved.text().await.unwrap();
    let temporary = between(
        &shown,
        "shown once:</strong> <code class=\"secret\">",
        "</code>",
    )
    .to_owned();
    let person_id = between(&shown, "is on the panel as ", ".</p>").to_owned();
    let after = standing(&app, &reference, &code)
        .await
        .text()
        .await
        .unwrap();
    assert!(after.contains("Approved: welcome to the panel"));
    let person = app
        .store
        .person(&peel_core::PersonId::parse(&person_id).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        person.team.as_ref().map(|t| t.as_str()),
        Some("panel-hackney")
    );
    let support = person
        .person
        .skills
        .iter()
        .find(|s| s.skill == peel_core::people::skills::Skill::VictimSupport)
        .unwrap();
    let evidence = support.evidence.as_ref().unwrap();
    assert_eq!(
        evidence.verified.as_ref().map(|v| v.0.as_str()),
        Some("vet.one")
    );
    assert_eq!(
        support.level,
        peel_core::people::skills::SkillLevel::Practitioner
    );
    let cyber = person
        .person
        .skills
        .iter()
        .find(|s| s.skill == peel_core::people::skills::Skill::CyberHelp)
        .unwrap();
    assert!(
        cyber.evidence.as_ref().unwrap().verified.is_none(),
        "not checked, so working level"
    );

    // Training: the analysis lists what her skills fit her for; a supervisor records it done.
    app.create_user_in("sgt.patel", "supervisor", Some("central-intake"))
        .await;
    let supervisor = app.signed_in("sgt.patel").await;
    let needs = app.get_page(&supervisor, "/training").await;
    assert!(needs.contains("Priya Shah"), "{needs}");
    for module in ["safeguarding", "victim-care"] {
        let recorded = app
            .post_form(
                &supervisor,
                "/training",
                "/training/completions",
                &[
                    ("person", &person_id),
                    ("module", module),
                    ("how", "session"),
                    ("valid_days", "365"),
                ],
            )
            .await;
        assert_eq!(recorded.status(), 303);
    }

    // A report, a task with a briefing, and the new volunteer is matched.
    let created = app
        .send_report(&json!({
            "description": "My ex-partner keeps coming to the flat",
            "category": "domestic-abuse",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"address": "12 Mare Street"},
            "reporter": {"role": "victim", "contact": {"name": "Maya Okafor", "phone": "07700 900 982"}},
            "safe_contact": {"channels": ["phone"], "no_voicemail": true, "safe_times": "after 6pm"}
        }))
        .await;
    let stored = app.submission(created["reference"].as_str().unwrap()).await;
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
                (
                    "briefing",
                    "Maya expects you; use the side door and do not mention her ex by name",
                ),
                ("duty_phone", "020 7946 0999"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let task_url = response.headers()["location"].to_str().unwrap().to_owned();
    let task_page = app.get_page(&supervisor, &task_url).await;
    assert!(task_page.contains("Give to Priya Shah"), "{task_page}");
    let given = app
        .post_form(
            &supervisor,
            &task_url,
            &format!("{task_url}/assign"),
            &[("person", &person_id)],
        )
        .await;
    assert_eq!(given.status(), 303);

    // She signs in for the first time, accepts, and is briefed.
    let priya = first_sign_in(&app, "priya.s", &temporary).await;
    let portal = app.get_page(&priya, "/portal").await;
    assert!(portal.contains("Priya Shah"));
    assert!(
        !portal.contains("side door"),
        "no briefing before accepting"
    );
    let task_id = task_url.trim_start_matches("/tasks/");
    let accepted = app
        .post_form(
            &priya,
            "/portal",
            &format!("/portal/tasks/{task_id}/accept"),
            &[],
        )
        .await;
    assert_eq!(accepted.status(), 303);
    let briefed = app.get_page(&priya, "/portal").await;
    assert!(briefed.contains("use the side door"), "{briefed}");
    assert!(briefed.contains("020 7946 0999"));
    assert!(briefed.contains("12 Mare Street"));
    assert!(
        briefed.contains("after 6pm"),
        "the safe-contact instructions"
    );
    assert!(briefed.contains("call 999"));

    // After the visit: hours, what was done, and what needs an officer, which reaches the case.
    let visit = app
        .post_form(
            &priya,
            "/portal",
            &format!("/portal/tasks/{task_id}/visit"),
            &[
                ("hours", "1.5"),
                ("note", "Visited; fitted a door chain"),
                ("for_officer", "She says he has a key"),
            ],
        )
        .await;
    assert_eq!(visit.status(), 303);
    let case_page = app
        .get_page(&supervisor, &format!("/submissions/{}", stored.id))
        .await;
    assert!(case_page.contains("She says he has a key"), "{case_page}");
}
