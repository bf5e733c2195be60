//! Residents' priorities: the ward's team records the panel's priorities (three at most) and
//! what has been done; the public ward page shows them beside residents' voices and the harm;
//! a voice counts once confirmed from the email sent to it, one per address per ward per
//! quarter; the borough's dashboard names where the panel differs.

use peel_testkit::{MailServer, TestApp, csrf_token, smtp_to, spawn_london_app_sending};

use crate::stats::st_james_with_counts;

const PANEL: &str = "/insight/wards/E05013806/priorities";
const WITHIN: std::time::Duration = std::time::Duration::from_secs(10);

async fn london_with_mail() -> Option<(TestApp, MailServer)> {
    let mail = MailServer::start()?;
    let app = spawn_london_app_sending(smtp_to(&mail)).await?;
    Some((app, mail))
}

async fn record(app: &TestApp, client: &reqwest::Client, theme: &str, issue: &str) -> u16 {
    app.post_form(
        client,
        PANEL,
        PANEL,
        &[
            ("theme", theme),
            ("issue", issue),
            (
                "consultation",
                "Street meeting at the library, 3 October; 41 residents",
            ),
        ],
    )
    .await
    .status()
    .as_u16()
}

#[tokio::test]
async fn the_wards_team_records_three_priorities_and_what_was_done_and_residents_see_them() {
    let Some((app, _mail)) = london_with_mail().await else {
        return;
    };
    st_james_with_counts(&app).await;
    app.create_user_in("pc.jones", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    app.create_user_in("pc.other", "neighbourhood_officer", Some("snt-E05013807"))
        .await;
    app.create_user("ana.lyst", "analyst").await;
    let officer = app.signed_in("pc.jones").await;

    assert_eq!(
        record(&app, &officer, "drugs", "Dealing by Green Park station").await,
        303
    );
    assert_eq!(
        record(&app, &officer, "road-safety", "Speeding on Piccadilly").await,
        303
    );
    assert_eq!(
        record(&app, &officer, "theft", "Shoplifting on Jermyn Street").await,
        303
    );
    let panel = app.get_page(&officer, PANEL).await;
    assert!(panel.contains("the most it may"), "no form for a fourth");
    assert_eq!(
        record(&app, &officer, "burglary", "Burglary").await,
        400,
        "a fourth is refused"
    );
    assert_eq!(record(&app, &officer, "not-a-theme", "x").await, 400);

    // What has been done, on the first priority.
    let marker = "/insight/priorities/";
    let start = panel.find(marker).unwrap() + marker.len();
    let id: String = panel[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let action = format!("/insight/priorities/{id}/actions");
    let done = app
        .post_form(
            &officer,
            PANEL,
            &action,
            &[(
                "text",
                "Joint patrols with British Transport Police on Friday nights",
            )],
        )
        .await;
    assert_eq!(done.status(), 303);

    // Another ward's officer may neither read the panel's page nor record on it.
    let other = app.signed_in("pc.other").await;
    let response = other.get(app.url(PANEL)).send().await.unwrap();
    assert_eq!(response.status(), 403);
    let csrf = csrf_token(&app.get_page(&other, "/").await);
    let response = other
        .post(app.url(&action))
        .form(&[("csrf_token", csrf.as_str()), ("text", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // Residents see the priorities, what was done, and the harm beside them; the burglary
    // fixture carries the most harm (4 × 273.5 days), which the panel did not choose.
    let public = app.client();
    let page = app.get_page(&public, "/wards/E05013806").await;
    assert!(page.contains("Dealing by Green Park station"), "{page}");
    assert!(page.contains("Joint patrols with British Transport Police"));
    assert!(page.contains("Street meeting at the library"));
    assert!(page.contains("This quarter (2026-Q4)"));
    assert!(
        page.contains("Most harm in the last twelve months came from “Burglary”"),
        "{page}"
    );
    // Burglary's 4 crimes are withheld, and so is their harm, which would give them away;
    // theft's 10 are shown.
    let withheld = "withheld, so that no count under 5 can be worked out";
    assert!(
        page.contains(&format!(
            "<th scope=\"row\">Burglary</th><td>No</td><td>0</td><td>{withheld}</td><td>{withheld}</td>"
        )),
        "{page}"
    );
    assert!(page.contains(
        "<th scope=\"row\">Theft and shoplifting</th><td>Yes</td><td>0</td><td>10</td><td>10</td>"
    ));
    // The team sees them.
    let panel = app.get_page(&officer, PANEL).await;
    assert!(
        panel.contains(
            "<th scope=\"row\">Burglary</th><td>No</td><td>0</td><td>4</td><td>1,094</td>"
        ),
        "{panel}"
    );
    assert!(page.contains("<th scope=\"row\">Drug dealing and drug use</th><td>Yes</td>"));

    // The borough's dashboard says where the panel differs.
    let analyst = app.signed_in("ana.lyst").await;
    let dashboard = app.get_page(&analyst, "/insight/boroughs/E09000033").await;
    assert!(dashboard.contains("Residents' priorities and the harm, 2026-Q4"));
    let row = dashboard
        .split("<tr>")
        .find(|r| r.contains("/insight/wards/E05013806/priorities"))
        .expect("St James's row");
    assert!(row.contains("<td>From the harm</td>"), "{row}");

    let audit = app.audit_codes().await;
    assert_eq!(
        audit.iter().filter(|c| *c == "priorities.recorded").count(),
        3
    );
    assert!(audit.iter().any(|c| c == "priorities.action_recorded"));
    assert!(audit.iter().any(|c| c == "priorities.voices_viewed"));
}

/// Gives a voice from the public page; the answer's status.
async fn give(app: &TestApp, client: &reqwest::Client, theme: &str, email: &str) -> String {
    let page = app.get_page(client, "/wards/E05013806").await;
    let csrf = csrf_token(&page);
    let response = client
        .post(app.url("/wards/E05013806/voices"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("theme", theme),
            ("words", "Outside the tube entrance, most evenings"),
            ("email", email),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// Follows the link in the newest email to `to` and confirms; the confirmation page.
async fn confirm(
    app: &TestApp,
    mail: &MailServer,
    client: &reqwest::Client,
    to: &str,
    nth: usize,
) -> (u16, String) {
    let message = mail
        .wait_for_nth(to, nth, WITHIN)
        .await
        .expect("the confirmation arrives by email");
    let start = message.body.find("http").expect("a link");
    let link: String = message.body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let path = &link[link.find("/wards/").unwrap()..];
    let page = app.get_page(client, path).await;
    assert!(page.contains("Confirm my voice"));
    let token = path.split("token=").nth(1).unwrap();
    let response = client
        .post(app.url("/wards/E05013806/voices/confirm"))
        .form(&[("csrf_token", csrf_token(&page).as_str()), ("token", token)])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_voice_counts_once_confirmed_and_one_address_has_one_voice() {
    let Some((app, mail)) = london_with_mail().await else {
        return;
    };
    let client = app.client();

    // Bad answers are named on the form and nothing is kept.
    let page = app.get_page(&client, "/wards/E05013806").await;
    let response = client
        .post(app.url("/wards/E05013806/voices"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("theme", "drugs"),
            ("email", "not an address"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Enter an email address, like name@example.com"),
        "{body}"
    );
    assert!(
        body.contains("value=\"drugs\" checked"),
        "the answers are kept"
    );

    let sent = give(&app, &client, "drugs", "Sam.Resident+ward@example.com").await;
    assert!(sent.contains("Check your email"), "{sent}");
    // Not counted before it is confirmed.
    let page = app.get_page(&client, "/wards/E05013806").await;
    assert!(
        page.contains("Voices given by residents this quarter: 0."),
        "{page}"
    );

    let (status, done) = confirm(&app, &mail, &client, "sam.resident+ward@example.com", 1).await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("Your voice counts"));
    assert!(!done.contains("It replaces"));
    let page = app.get_page(&client, "/wards/E05013806").await;
    assert!(
        page.contains("Voices given by residents this quarter: 1."),
        "{page}"
    );

    // The same mailbox written another way changes its voice rather than adding one.
    give(&app, &client, "road-safety", "sam.resident@example.com").await;
    let (status, done) = confirm(&app, &mail, &client, "sam.resident@example.com", 1).await;
    assert_eq!(status, 200);
    assert!(
        done.contains("It replaces the voice you gave earlier this quarter."),
        "{done}"
    );
    let page = app.get_page(&client, "/wards/E05013806").await;
    assert!(page.contains("Voices given by residents this quarter: 1."));
    // Fewer than five voices for a theme are not shown as a number on the public page.
    assert!(page.contains("<th scope=\"row\">Road safety: speeding and dangerous driving</th><td>No</td><td>fewer than 5</td>"), "{page}");

    // A link works once.
    let (status, again) = confirm(&app, &mail, &client, "sam.resident@example.com", 1).await;
    assert_eq!(status, 404);
    assert!(again.contains("This link has been used"));

    // What they wrote is the team's only.
    assert!(!page.contains("Outside the tube entrance"));
    app.create_user_in("pc.jones", "neighbourhood_officer", Some("snt-E05013806"))
        .await;
    let officer = app.signed_in("pc.jones").await;
    let panel = app.get_page(&officer, PANEL).await;
    assert!(panel.contains("Outside the tube entrance, most evenings"));
    let audit = app.audit_codes().await;
    assert_eq!(
        audit
            .iter()
            .filter(|c| *c == "priorities.voice_received")
            .count(),
        2
    );
    assert_eq!(
        audit
            .iter()
            .filter(|c| *c == "priorities.voice_confirmed")
            .count(),
        2
    );
}
