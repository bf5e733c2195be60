//! `peel subject-access` and `peel review`: a person's reports sent over HTTP to `peel serve`,
//! then answered at the console as export.json and export.html, with another person's linked
//! report withheld; the review queue and erasure at the console.

use std::time::Duration;

async fn report(client: &reqwest::Client, base: &str, body: serde_json::Value) -> String {
    let created: serde_json::Value = client
        .post(format!("{base}/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_subject_access_export_is_written_as_json_and_html_without_a_third_partys_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let client = reqwest::Client::new();
    let mine = report(
        &client,
        &base,
        serde_json::json!({
            "description": "A man calling from 020 7946 0991 said he was my bank and took £900",
            "category": "fraud",
            "occurred_at": "2026-11-25T10:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Jo Bloggs", "email": "jo@example.org"}},
            "safe_contact": {"channels": ["email"]}
        }),
    )
    .await;
    let theirs = report(
        &client,
        &base,
        serde_json::json!({
            "description": "Calls from 020 7946 0991 about my account",
            "category": "fraud",
            "occurred_at": "2026-11-26T09:00:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Sam Thirdparty", "email": "sam@example.net"}},
            "safe_contact": {"channels": ["email"]}
        }),
    )
    .await;
    super::terminate(&mut server);
    tokio::time::sleep(Duration::from_millis(100)).await;

    let data = dir.path().to_str().unwrap();
    let out = dir.path().join("sar");
    let answered = super::peel(
        &[
            "subject-access",
            "--data-dir",
            data,
            "--email",
            "jo@example.org",
            "--phone",
            "07700 900123",
            "--name",
            "Jo Bloggs",
            "--received",
            "2026-11-30",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(answered.status.success(), "{}", super::stderr(&answered));
    let said = super::stdout(&answered);
    assert!(said.contains("1 report."), "{said}");
    assert!(
        said.contains("Withheld (recorded with the request"),
        "{said}"
    );
    assert!(said.contains("due by 2026-12-30"), "{said}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("export.json")).unwrap()).unwrap();
    let html = std::fs::read_to_string(out.join("export.html")).unwrap();
    assert_eq!(json["reports"][0]["reference"], mine.as_str());
    assert_eq!(json["request"]["due"], "2026-12-30");
    assert_eq!(
        json["reports"][0]["links"],
        serde_json::json!([]),
        "a link to another person's report is neither confirmed nor denied"
    );
    for text in [json.to_string(), html.clone()] {
        assert!(text.contains(&mine));
        assert!(!text.contains(&theirs), "the other report is withheld");
        assert!(!text.contains("Sam Thirdparty"));
        assert!(!text.contains("sam@example.net"));
    }
    assert!(html.contains("Information we may withhold"));

    // Nothing is due for review yet; a bad phone is refused, naming it.
    let queue = super::peel(&["review", "queue", "--data-dir", data], "");
    assert!(super::stdout(&queue).contains("Nothing is due for review"));
    let bad = super::peel(
        &[
            "subject-access",
            "--data-dir",
            data,
            "--phone",
            "call me",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(!bad.status.success());
    assert!(super::stderr(&bad).contains("\"call me\" is not a phone number"));

    // Erased at the person's request: the export then holds nothing of it.
    let erased = super::peel(
        &[
            "review",
            "erase",
            "--data-dir",
            data,
            &mine,
            "--reason",
            "Upheld erasure request",
            "--at-request",
        ],
        "",
    );
    assert!(erased.status.success(), "{}", super::stderr(&erased));
    assert!(super::stdout(&erased).contains("1 links"));
    let again = super::peel(
        &[
            "subject-access",
            "--data-dir",
            data,
            "--email",
            "jo@example.org",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(again.status.success(), "{}", super::stderr(&again));
    let json = std::fs::read_to_string(out.join("export.json")).unwrap();
    assert!(!json.contains(&mine), "{json}");
}
