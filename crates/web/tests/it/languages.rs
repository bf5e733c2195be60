//! The public journey in London's languages, check your answers, and support after sending.

use peel_testkit::{csrf_token, spawn_app};

/// A message's words in a language, read from its file as the server reads it.
fn message(lang: &str, id: &str) -> String {
    let path = format!("{}/../i18n/locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{id} = ")))
        .unwrap_or_else(|| panic!("{lang}.ftl has no {id}"))
        .to_owned()
}

/// What askama's escaping makes of a message.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn every_public_page_is_served_in_every_language_with_lang_and_dir() {
    let app = spawn_app().await;
    for lang in peel_web::i18n::LANGUAGES.iter() {
        for path in [
            "/",
            "/report",
            "/report/details",
            "/status",
            "/staying-safe",
        ] {
            let response = app
                .client()
                .get(app.url(&format!("{path}?lang={}", lang.code)))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path} in {}", lang.code);
            let html = response.text().await.unwrap();
            assert!(
                html.contains(&format!(
                    "<html lang=\"{}\" dir=\"{}\">",
                    lang.tag,
                    lang.dir()
                )),
                "{path} in {}",
                lang.code
            );
            assert!(html.contains(&escaped(&message(lang.code, "layout-quick-exit"))));
        }
    }
}

#[tokio::test]
async fn the_form_in_polish_stays_polish_and_its_errors_are_polish_each_once() {
    let app = spawn_app().await;
    let client = app.client();
    let form = client.get(app.url("/report?lang=pl")).send().await.unwrap();
    assert!(
        form.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("peel_lang=pl;")
    );
    assert!(
        form.text()
            .await
            .unwrap()
            .contains(&escaped(&message("pl", "start-heading")))
    );
    // Kept for the browser session: the next page needs no ?lang=.
    let details = app.get_page(&client, "/report/details").await;
    assert!(details.contains("<html lang=\"pl\" dir=\"ltr\">"));
    assert!(details.contains(&escaped(&message("pl", "form-title"))));
    assert!(details.contains(&escaped(&message("pl", "category-burglary"))));
    let csrf = csrf_token(&details);
    let errors = client
        .post(app.url("/report/details"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("occurred_day", "31"),
            ("occurred_month", "2"),
            ("occurred_year", "2026"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(errors.status(), 400);
    let html = errors.text().await.unwrap();
    assert!(html.contains(&escaped(&message("pl", "problem-description-missing"))));
    assert!(html.contains(&escaped(&message("pl", "form-date-not-real"))));
    assert!(html.contains(&escaped(&message("pl", "form-anonymous-missing"))));
    // The summary names each problem once, each link landing on its field.
    let from = html.find("error-summary").unwrap();
    let summary = &html[from..from + html[from..].find("</ul>").unwrap()];
    let links: Vec<&str> = summary.split("<li><a href=\"#").skip(1).collect();
    let mut anchors: Vec<&str> = links.iter().map(|l| &l[..l.find('"').unwrap()]).collect();
    let all = anchors.len();
    anchors.sort_unstable();
    anchors.dedup();
    assert_eq!(anchors.len(), all, "{summary}");
    for anchor in &anchors {
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "#{anchor} lands nowhere"
        );
    }
}

#[tokio::test]
async fn arabic_and_urdu_pages_run_right_to_left_and_the_browser_language_is_honoured() {
    let app = spawn_app().await;
    for (header, tag, dir) in [
        ("ar", "ar", "rtl"),
        ("ur-PK,ur;q=0.9", "ur", "rtl"),
        ("tr-TR", "tr", "ltr"),
        ("de-DE", "en-GB", "ltr"),
    ] {
        let html = app
            .client()
            .get(app.url("/report"))
            .header("accept-language", header)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\">")),
            "{header}"
        );
    }
}

fn answers(csrf: &str) -> Vec<(&str, &str)> {
    vec![
        ("csrf_token", csrf),
        (
            "description",
            "My partner takes my bank cards and will not let me see friends",
        ),
        ("category", "domestic-abuse"),
        ("occurred_day", "20"),
        ("occurred_month", "11"),
        ("occurred_year", "2026"),
        ("where_kind", "online"),
        ("reporter_role", "victim"),
        ("anonymous", "no"),
        ("contact_phone", "07700 900 982"),
        ("safe_channel", "text"),
        ("shared_device", "yes"),
        ("language", "Somali"),
    ]
}

#[tokio::test]
async fn answers_are_checked_before_sending_and_can_be_changed() {
    let app = spawn_app().await;
    let client = app.client();
    let csrf = csrf_token(&app.get_page(&client, "/report/details").await);
    let check = client
        .post(app.url("/report/details"))
        .form(&answers(&csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(check.status(), 200);
    let html = check.text().await.unwrap();
    assert!(html.contains("Check your answers before sending your report"));
    assert!(html.contains("will not let me see friends"));
    assert!(html.contains("Domestic abuse"));
    assert!(html.contains("Someone else may see my phone or messages"));
    assert!(html.contains("formaction=\"/report/details#description\""));
    assert!(html.contains("name=\"confirmed\" value=\"yes\""));
    let stored = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(peel_core::audit::AuditCode::SubmissionReceived),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        stored.is_empty(),
        "nothing is stored before the reporter sends it"
    );
    // Change: the form again, filled in as it was.
    let mut change = answers(&csrf);
    change.extend([("confirmed", "yes"), ("edit", "yes")]);
    let form = client
        .post(app.url("/report/details"))
        .form(&change)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains(">My partner takes my bank cards and will not let me see friends</textarea>")
    );
    assert!(form.contains("<option value=\"Somali\" selected>"));
    // Send: the confirmation, with support for domestic abuse from the bundled list.
    let mut send = answers(&csrf);
    send.push(("confirmed", "yes"));
    let done = client
        .post(app.url("/report/details"))
        .form(&send)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("Report sent"));
    // Files can be added at once, from the confirmation, without JavaScript.
    assert!(done.contains("action=\"/status/evidence\" enctype=\"multipart/form-data\""));
    assert!(done.contains("National Domestic Abuse Helpline"));
    assert!(done.contains("href=\"tel:08082000247\""));
    assert!(done.contains("Victim Support"));
    let start = done.find("<strong class=\"reference\">").unwrap() + 26;
    let reference = &done[start..start + done[start..].find('<').unwrap()];
    let stored = app.submission(reference).await;
    assert_eq!(stored.language, "Somali");
    assert_eq!(stored.taken_by, None, "the reporter sent it themselves");
}

#[tokio::test]
async fn a_reporter_who_chose_polish_is_written_to_in_polish() {
    let app = spawn_app().await;
    let created = app
        .send_report(&serde_json::json!({
            "description": "Ktoś ukradł mój rower spod bloku",
            "category": "bicycle-theft",
            "occurred_at": "2026-11-25T18:00:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"email": "ola@example.org"}},
            "safe_contact": {"channels": ["email"]},
            "language": "Polish"
        }))
        .await;
    let reference = created["reference"].as_str().unwrap();
    let s = app.submission(reference).await;
    let messages = app.store.messages_of(s.id).await.unwrap();
    let ack = messages.first().expect("an acknowledgement");
    let polish = message("pl", "outbox-ack-subject").replace("{ $reference }", reference);
    assert_eq!(ack.subject, polish);
    assert!(
        ack.body.contains(&message("pl", "done-danger")),
        "{}",
        ack.body
    );
}
