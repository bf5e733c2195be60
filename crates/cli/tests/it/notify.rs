//! `peel org` and `peel notify`: registering an organisation, importing its notifications with
//! receipts, re-sending without duplicates, resuming an interrupted import, and bad lines.

use crate::peel;

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn summary(text: &str) -> Vec<(String, String)> {
    let line = text.lines().last().unwrap();
    line.split_whitespace()
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

fn field(summary: &[(String, String)], key: &str) -> u64 {
    summary
        .iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no {key}"))
        .1
        .parse()
        .unwrap()
}

#[test]
fn a_file_is_imported_once_resumed_after_an_interruption_and_bad_lines_get_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    stdout(&peel(
        &[
            "org",
            "add",
            "--data-dir",
            data,
            "northbank",
            "--types",
            "money-mule,fraud-app,fraud-card,fraud-account-takeover,fraud-investment,fraud-romance,fraud-impersonation,scam-contact,other",
        ],
        "",
    ));
    let file = dir.path().join("n.jsonl");
    stdout(&peel(
        &[
            "notify",
            "generate",
            "--count",
            "3000",
            "--seed",
            "7",
            "--out",
            file.to_str().unwrap(),
        ],
        "",
    ));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 3000);

    // An interrupted transfer: the first 1,200 lines and half of the next.
    let lines: Vec<&str> = text.lines().collect();
    let cut = dir.path().join("cut.jsonl");
    let mut partial = lines[..1200].join("\n");
    partial.push('\n');
    partial.push_str(&lines[1200][..lines[1200].len() / 2]);
    std::fs::write(&cut, partial).unwrap();
    let first = summary(&stdout(&peel(
        &[
            "notify",
            "import",
            cut.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
            "--batch",
            "500",
        ],
        "",
    )));
    // Online-harm lines are not covered by this organisation's agreement.
    let harm_before = lines[..1200]
        .iter()
        .filter(|l| l.contains("\"online-harm\""))
        .count() as u64;
    assert_eq!(field(&first, "records"), 1201);
    assert_eq!(
        field(&first, "rejected"),
        1 + harm_before,
        "the half line and the types not allowed"
    );

    // The whole file again: what was stored is a duplicate, the rest is accepted.
    let receipts = dir.path().join("receipts.jsonl");
    let second = summary(&stdout(&peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
            "--receipts",
            receipts.to_str().unwrap(),
        ],
        "",
    )));
    let harm_all = lines
        .iter()
        .filter(|l| l.contains("\"online-harm\""))
        .count() as u64;
    assert_eq!(field(&second, "records"), 3000);
    assert_eq!(field(&second, "duplicate"), 1200 - harm_before);
    assert_eq!(field(&second, "rejected"), harm_all);
    assert_eq!(
        field(&second, "accepted"),
        3000 - 1200 - (harm_all - harm_before)
    );
    assert!(second.iter().any(|(k, v)| k == "rate" && v.ends_with("/s")));
    let receipts = std::fs::read_to_string(&receipts).unwrap();
    assert_eq!(receipts.lines().count(), 3000, "a receipt per line");
    assert!(receipts.contains(r#""code":"type.not_allowed""#));

    // And once more: nothing new.
    let third = summary(&stdout(&peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
        ],
        "",
    )));
    assert_eq!(field(&third, "accepted"), 0);
    let listed = stdout(&peel(&["org", "list", "--data-dir", data], ""));
    let stored = 3000 - harm_all;
    assert!(
        listed.contains(&format!("{stored} notifications")),
        "{listed}"
    );
}

#[test]
fn bad_lines_are_rejected_with_their_line_and_reason_and_good_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    stdout(&peel(&["org", "add", "--data-dir", data, "northbank"], ""));
    let good = |id: &str| {
        format!(
            r#"{{"version":1,"id":"{id}","type":"money-mule","occurred_at":"2026-11-20T10:00:00Z","indicators":[{{"type":"bank-account","sort_code":"12-34-56","account":"12345678"}}]}}"#
        )
    };
    let body = [
        good("A"),
        "not json".to_owned(),
        good("B")
            .replace("GB", "")
            .replace("money-mule", "space-piracy"),
        good("C").replace(
            r#"{"type":"bank-account","sort_code":"12-34-56","account":"12345678"}"#,
            r#"{"type":"iban","value":"GB00 WEST 1234 5698 7654 32"}"#,
        ),
        format!("{{\"version\":1,\"id\":\"{}\"}}", "x".repeat(70_000)),
        good("D"),
    ]
    .join("\n");
    let file = dir.path().join("n.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, body.as_bytes()).unwrap();
    std::fs::write(&file, gz.finish().unwrap()).unwrap();
    let receipts = dir.path().join("r.jsonl");
    let out = summary(&stdout(&peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
            "--receipts",
            receipts.to_str().unwrap(),
        ],
        "",
    )));
    assert_eq!((field(&out, "accepted"), field(&out, "rejected")), (2, 4));
    let receipts: Vec<serde_json::Value> = std::fs::read_to_string(&receipts)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let codes: Vec<(u64, &str)> = receipts
        .iter()
        .filter(|r| r["status"] == "rejected")
        .map(|r| (r["line"].as_u64().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (2, "line.not_json"),
            (3, "type.unknown"),
            (4, "indicator.iban_checksum"),
            (5, "line.too_long")
        ]
    );
    let unknown = peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "nobody",
            "--data-dir",
            data,
        ],
        "",
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no organisation \"nobody\""));
}

#[test]
fn csv_with_a_header_mapping_is_imported_and_a_bad_header_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    stdout(&peel(&["org", "add", "--data-dir", data, "northbank"], ""));
    let file = dir.path().join("cases.csv");
    std::fs::write(
        &file,
        "Case Ref,type,When,Payee Sort Code,Payee Account,text\n\
         C-1,fraud-app,2026-11-20T10:00:00Z,12-34-56,12345678,\"Paid a fake builder, twice\"\n\
         C-2,fraud-app,2026-11-21T10:00:00Z,12-34-56,1234,too short\n",
    )
    .unwrap();
    let map = "Case Ref=id,When=occurred_at,Payee Sort Code=sort_code,Payee Account=account";
    let receipts = dir.path().join("r.jsonl");
    let out = summary(&stdout(&peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
            "--format",
            "csv",
            "--map",
            map,
            "--receipts",
            receipts.to_str().unwrap(),
        ],
        "",
    )));
    assert_eq!((field(&out, "accepted"), field(&out, "rejected")), (1, 1));
    let receipts = std::fs::read_to_string(&receipts).unwrap();
    assert!(
        receipts.contains(r#""code":"indicator.bank_account""#),
        "{receipts}"
    );
    assert!(receipts.contains(r#""line":3"#), "{receipts}");
    let unmapped = peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
            "--format",
            "csv",
        ],
        "",
    );
    assert!(!unmapped.status.success());
    assert!(String::from_utf8_lossy(&unmapped.stderr).contains("Case Ref"));
}

/// Issue 20: a MISP event pretty-printed over many lines is one document; a bad value in it is
/// refused by value and the rest kept; sent again with a newer timestamp and a stricter tag it
/// updates the notification held; and a file of which every record is refused fails.
#[test]
fn a_misp_event_is_read_whole_updated_by_a_newer_copy_and_an_all_refused_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    stdout(&peel(&["org", "add", "--data-dir", data, "northbank"], ""));
    let event = |timestamp: u64, tlp: &str| {
        serde_json::to_string_pretty(&serde_json::json!({"Event": {
            "uuid": "5a3c2fcd-8328-42bb-a95e-4f4402de0b81",
            "info": "Mule ring", "date": "2026-11-30", "timestamp": timestamp.to_string(),
            "Tag": [{"name": format!("tlp:{tlp}")}],
            "Attribute": [
                {"type": "ip-dst", "value": "203.0.113.5"},
                {"type": "domain", "value": "not a domain"},
                {"type": "hostname", "value": "c2.example.org"}
            ]
        }}))
        .unwrap()
    };
    let import = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let receipts = dir.path().join(format!("{name}.receipts"));
        let output = peel(
            &[
                "notify",
                "import",
                file.to_str().unwrap(),
                "--org",
                "northbank",
                "--data-dir",
                data,
                "--format",
                "misp",
                "--receipts",
                receipts.to_str().unwrap(),
            ],
            "",
        );
        (output, std::fs::read_to_string(&receipts).unwrap())
    };
    let (output, receipts) = import("first.json", &event(1_764_496_800, "green"));
    let out = summary(&stdout(&output));
    assert_eq!(
        (field(&out, "records"), field(&out, "accepted")),
        (1, 1),
        "{receipts}"
    );
    assert_eq!(field(&out, "refused_values"), 1);
    assert!(
        receipts.contains(r#""code":"indicator.domain""#),
        "{receipts}"
    );
    assert!(receipts.contains(r#""line":1"#), "{receipts}");

    let (output, receipts) = import("newer.json", &event(1_764_500_000, "red"));
    let out = summary(&stdout(&output));
    assert_eq!(field(&out, "updated"), 1, "{receipts}");
    assert!(receipts.contains(r#""status":"updated""#), "{receipts}");
    let (output, _) = import("older.json", &event(1_764_496_800, "clear"));
    assert_eq!(field(&summary(&stdout(&output)), "duplicate"), 1);

    // Two documents as JSON Lines, neither an event: every record refused, and the command fails.
    let (output, receipts) = import("bad.jsonl", "{\"name\": \"a galaxy\"}\nnot json\n");
    assert!(!output.status.success(), "{receipts}");
    assert_eq!(receipts.lines().count(), 2, "{receipts}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("Every record"));
}

#[test]
fn retention_rules_are_checked_set_per_type_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    stdout(&peel(&["org", "add", "--data-dir", data, "northbank"], ""));
    let wrong = peel(
        &[
            "org",
            "retention",
            "--data-dir",
            data,
            "northbank",
            "--keep-days",
            "30",
            "--pseudonymise-days",
            "90",
        ],
        "",
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("cannot come after erasing"));
    let set = stdout(&peel(
        &[
            "org",
            "retention",
            "--data-dir",
            data,
            "northbank",
            "--type",
            "money-mule",
            "--keep-days",
            "730",
            "--pseudonymise-days",
            "30",
        ],
        "",
    ));
    assert!(set.contains("money-mule: kept 730 days"), "{set}");
    let file = dir.path().join("n.jsonl");
    stdout(&peel(
        &[
            "notify",
            "generate",
            "--count",
            "200",
            "--seed",
            "3",
            "--out",
            file.to_str().unwrap(),
        ],
        "",
    ));
    stdout(&peel(
        &[
            "notify",
            "import",
            file.to_str().unwrap(),
            "--org",
            "northbank",
            "--data-dir",
            data,
        ],
        "",
    ));
    // Just received, so nothing is old enough; each type says which rule it is under.
    let applied = stdout(&peel(&["notify", "retention", "--data-dir", data], ""));
    assert!(
        applied.contains(
            "northbank money-mule: erased=0 pseudonymised=0 (kept 730 days, pseudonymised after 30)"
        ),
        "{applied}"
    );
    assert!(
        applied.contains("erased=0 pseudonymised=0 (kept 365 days, pseudonymised after 90)"),
        "the default for the other types: {applied}"
    );
}
