//! The public report form and progress page, over HTTP as a browser without JavaScript uses them.

use peel_testkit::{TestApp, csrf_token, spawn_app, spawn_london_app};

fn answers<'a>(csrf: &'a str, description: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("description", description),
        ("category", "anti-social-behaviour"),
        ("occurred_day", "25"),
        ("occurred_month", "11"),
        ("occurred_year", "2026"),
        ("occurred_time", "21:30"),
        ("where_kind", "postcode"),
        ("postcode", "e14 5ab"),
        ("reporter_role", "victim"),
        ("anonymous", "no"),
        ("contact_email", "ada@example.com"),
        ("safe_channel", "email"),
        ("no_voicemail", "yes"),
        // Past the check-your-answers page (its own tests leave this out).
        ("confirmed", "yes"),
    ]
}

async fn submit(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url("/report/details"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn between<'a>(html: &'a str, before: &str, after: &str) -> &'a str {
    let start = html.find(before).unwrap() + before.len();
    let end = html[start..].find(after).unwrap() + start;
    &html[start..end]
}

#[tokio::test]
async fn a_report_through_the_form_gets_a_reference_and_its_progress_shows_the_ward_team() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let client = app.client();
    let form = app.get_page(&client, "/report/details").await;
    let csrf = csrf_token(&form);
    let response = submit(
        &app,
        &client,
        &answers(&csrf, "Youths throwing stones at windows"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let done = response.text().await.unwrap();
    assert!(done.contains("Report sent"));
    assert!(done.contains("Canary Wharf Safer Neighbourhood Team"));
    let reference = between(&done, "<strong class=\"reference\">", "</strong>").to_owned();
    let token = between(&done, "<code class=\"secret\">", "</code>").to_owned();

    let status = client
        .post(app.url("/status"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", reference.as_str()),
            ("status_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    let html = status.text().await.unwrap();
    assert!(html.contains(&format!("Report {reference}")));
    assert!(html.contains("Canary Wharf Safer Neighbourhood Team"));
    assert!(
        !html.contains("Youths throwing stones"),
        "the status page never shows the report"
    );
}

#[tokio::test]
async fn a_wrong_status_code_gets_the_same_answer_as_an_unknown_reference() {
    let app = spawn_app().await;
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/status").await);
    let wrong = client
        .post(app.url("/status"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("reference", "2222-2222-2"),
            ("status_token", "nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("We could not find a report with that reference and status code")
    );
}

#[tokio::test]
async fn someone_in_danger_is_told_to_call_999_and_nothing_is_stored() {
    let app = spawn_app().await;
    let page = app
        .client()
        .post(app.url("/report/check"))
        .form(&[("danger", "yes")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Call 999 now"));
    assert!(page.contains("Nothing you have told us has been saved"));
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.is_empty());
    let no = app
        .client()
        .post(app.url("/report/check"))
        .form(&[("danger", "no")])
        .send()
        .await
        .unwrap();
    assert_eq!(no.headers()["location"], "/report/details");
    // Finding P0-1: the answer never goes in the address.
    let start = app.get_page(&app.client(), "/report").await;
    assert!(start.contains("<form method=\"post\" action=\"/report/check\""));
    let asked = app
        .client()
        .get(app.url("/report/check?danger=yes"))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 405, "no answer is taken from the address");
    // Finding P2-2: no answer is an error, not a silent reload.
    let none = app
        .client()
        .post(app.url("/report/check"))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 400);
    assert!(
        none.text()
            .await
            .unwrap()
            .contains("Select yes if anyone is in danger right now")
    );
}

/// Finding P0-1: every public page offers a quick way out that works without JavaScript, and
/// advice on staying safe; signed-in staff pages do not.
#[tokio::test]
async fn every_public_page_has_a_quick_exit_and_safety_advice() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/report",
        "/report/details",
        "/status",
        "/staying-safe",
        "/login",
    ] {
        let page = app.get_page(&app.client(), path).await;
        assert!(page.contains("Leave this site quickly"), "{path}");
        assert!(page.contains("accesskey=\"x\""), "{path}");
        assert!(page.contains("rel=\"noreferrer\""), "{path}");
    }
    // It goes on at once to the neutral page in settings, with no referrer.
    let leave = app.client().get(app.url("/leave")).send().await.unwrap();
    assert_eq!(leave.status(), 303);
    assert_eq!(leave.headers()["location"], "https://www.bbc.co.uk/weather");
    assert_eq!(leave.headers()["referrer-policy"], "no-referrer");
    let advice = app.get_page(&app.client(), "/staying-safe").await;
    assert!(advice.contains("Clear your history"));
    assert!(advice.contains("Someone else may see my phone or messages"));
}

#[tokio::test]
async fn every_problem_is_listed_in_the_error_summary_and_answers_are_kept() {
    let app = spawn_app().await;
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/report/details").await);
    let mut fields = answers(&csrf, "<script>alert('hi')</script>");
    fields.retain(|(k, _)| *k != "category");
    for (k, v) in fields.iter_mut() {
        if *k == "occurred_day" {
            *v = "31";
        }
        if *k == "occurred_month" {
            *v = "2";
        }
        if *k == "postcode" {
            *v = "NOT REAL";
        }
    }
    let response = submit(&app, &client, &fields).await;
    assert_eq!(response.status(), 400);
    let html = response.text().await.unwrap();
    assert!(html.contains("<title>Error: "));
    for anchor in [
        "#category-anti-social-behaviour",
        "#occurred_day",
        "#postcode",
    ] {
        assert!(html.contains(&format!("href=\"{anchor}\"")), "{anchor}");
    }
    assert!(html.contains("Enter a real date"));
    let kept = between(&html, "name=\"description\"", "</textarea>");
    assert!(
        kept.ends_with("&#60;script&#62;alert(&#39;hi&#39;)&#60;/script&#62;")
            || kept.contains("&lt;script&gt;"),
        "kept, escaped: {kept}"
    );
    assert!(!html.contains("<script>alert"));
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.is_empty(), "nothing stored");
}

#[tokio::test]
async fn the_form_refuses_a_post_without_its_csrf_cookie() {
    let app = spawn_app().await;
    let response = submit(&app, &app.client(), &answers(&"a".repeat(64), "x")).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn a_postcode_outside_london_is_explained_on_the_form_and_nothing_is_stored() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/report/details").await);
    let mut fields = answers(&csrf, "Shed broken into");
    for (k, v) in fields.iter_mut() {
        if *k == "postcode" {
            *v = "OX1 1DP";
        }
    }
    let response = submit(&app, &client, &fields).await;
    assert_eq!(response.status(), 400);
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"#postcode\""));
    assert!(html.contains("OX1 1DP is not in London"));
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(entries.is_empty());
}

/// Finding P1-10: a refresh or a double tap on "Send report" stores one report and shows the
/// same reference and status code again; a report with other answers is a new one.
#[tokio::test]
async fn sending_the_same_form_twice_stores_one_report() {
    let app = spawn_app().await;
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/report/details").await);
    let mut fields = answers(&csrf, "Someone is dealing from the stairwell every night");
    fields.retain(|(k, _)| !matches!(*k, "where_kind" | "postcode"));
    fields.push(("where_kind", "online"));
    let first = submit(&app, &client, &fields).await.text().await.unwrap();
    let second = submit(&app, &client, &fields).await.text().await.unwrap();
    let reference = between(&first, "<strong class=\"reference\">", "</strong>");
    assert_eq!(
        reference,
        between(&second, "<strong class=\"reference\">", "</strong>")
    );
    assert_eq!(
        between(&first, "<code class=\"secret\">", "</code>"),
        between(&second, "<code class=\"secret\">", "</code>"),
        "the same status code, derived again rather than stored"
    );
    let mut other = fields.clone();
    other.retain(|(k, _)| *k != "description");
    other.push(("description", "And now they are in the lift"));
    let third = submit(&app, &client, &other).await.text().await.unwrap();
    assert_ne!(
        reference,
        between(&third, "<strong class=\"reference\">", "</strong>")
    );
}

/// Finding P0-7: someone who said nobody is in danger but wrote of a knife at the door right
/// now is asked again, with 999, before anything is stored; if they go on, the report goes
/// straight to the contact handlers.
#[tokio::test]
async fn words_of_present_danger_are_asked_about_again_before_anything_is_stored() {
    let app = spawn_app().await;
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/report/details").await);
    // The test clock stands at 26 November 2026, 09:00 UTC (09:00 in London).
    let mut fields = answers(
        &csrf,
        "He is outside my door right now with a knife shouting that he will kill me",
    );
    fields.retain(|(k, _)| {
        !matches!(
            *k,
            "where_kind" | "postcode" | "occurred_day" | "occurred_time"
        )
    });
    fields.extend([
        ("where_kind", "online"),
        ("occurred_day", "26"),
        ("occurred_time", "08:57"),
    ]);
    let asked = submit(&app, &client, &fields).await;
    assert_eq!(asked.status(), 200);
    let page = asked.text().await.unwrap();
    assert!(page.contains("Are you safe right now?"), "{page}");
    assert!(page.contains("call 999"));
    assert!(page.contains("Nothing you have told us has been saved yet"));
    let stored = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::SubmissionReceived),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(stored.is_empty(), "nothing stored before they answer again");

    // Changing an answer brings the form back as filled in.
    let mut edit = fields.clone();
    edit.push(("edit", "yes"));
    let form = submit(&app, &client, &edit).await.text().await.unwrap();
    assert!(form.contains("outside my door right now"));

    // Going on: stored, and sent to the contact handlers at once.
    let mut go_on = fields.clone();
    go_on.push(("danger_checked", "yes"));
    let done = submit(&app, &client, &go_on).await.text().await.unwrap();
    let reference = between(&done, "<strong class=\"reference\">", "</strong>");
    let s = app.submission(reference).await;
    assert_eq!(s.team.to_string(), "central-intake");
    assert!(
        s.routing_reason
            .contains("straight to the contact handlers"),
        "{}",
        s.routing_reason
    );
}

/// Finding P2-1: staying anonymous is never preselected, and not choosing is an error that
/// keeps every other answer.
#[tokio::test]
async fn anonymity_is_a_choice_never_a_default() {
    let app = spawn_app().await;
    let client = app.client();
    let form = app.get_page(&client, "/report/details").await;
    assert!(!form.contains("value=\"no\" checked><label for=\"anonymous-no\">"));
    assert!(!form.contains("value=\"yes\" checked><label for=\"anonymous-yes\">"));
    let csrf = csrf_token(&form);
    let mut fields = answers(&csrf, "Graffiti on the bus shelter");
    fields.retain(|(k, _)| *k != "anonymous");
    let response = submit(&app, &client, &fields).await;
    assert_eq!(response.status(), 400);
    let page = response.text().await.unwrap();
    assert!(page.contains("Select whether you want to stay anonymous"));
    assert!(
        page.contains("Graffiti on the bus shelter"),
        "the other answers are kept"
    );
}
