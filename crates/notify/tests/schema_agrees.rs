//! `schemas/notification.schema.json` and the reader agree: a table of lines, and generated
//! ones, are fed to both a JSON Schema validator (Python's `jsonschema`, Draft 2020-12 with its
//! format checker, which .ci/run installs) and `peel_notify::parse_line`; any line the schema
//! refuses and the reader keeps fails the test, as does any line the reader refuses for a reason
//! the schema could have said (only the checks no schema can make, such as an IBAN's check
//! digits or whether a postcode exists, may refuse a line the schema allows).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use peel_notify::{generate, parse_line};
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-12-03 12:00 UTC);

/// The reasons that rest on what a schema cannot check: whether a value is real, not its shape.
const BEYOND_A_SCHEMA: [&str; 14] = [
    "indicator.phone",
    "indicator.email",
    "indicator.url",
    "indicator.iban_checksum",
    "indicator.bank_account",
    "indicator.wallet",
    "indicator.vehicle",
    "indicator.ip",
    "indicator.network",
    "indicator.domain",
    "indicator.handle",
    "where.postcode",
    "occurred_at.future",
    "id.invalid",
];

fn base() -> serde_json::Value {
    serde_json::json!({"version": 1, "id": "N-1", "type": "money-mule", "occurred_at": "2026-11-20T10:00:00Z"})
}

fn with(changes: &[(&str, serde_json::Value)]) -> String {
    let mut line = base();
    for (key, value) in changes {
        if value.is_null() {
            line.as_object_mut().unwrap().remove(*key);
        } else {
            line[*key] = value.clone();
        }
    }
    line.to_string()
}

fn table() -> Vec<String> {
    use serde_json::json;
    let ind = |v: serde_json::Value| with(&[("indicators", json!([v]))]);
    let mut lines = vec![
        with(&[]),
        with(&[("version", json!(2))]),
        with(&[("version", json!("1"))]),
        with(&[("id", json!(""))]),
        with(&[("id", json!(" "))]),
        with(&[("id", json!("x".repeat(129)))]),
        with(&[("id", json!(7))]),
        with(&[("type", json!("burglary"))]),
        with(&[("occurred_at", json!("yesterday"))]),
        with(&[("occurred_at", json!("2026-11-20"))]),
        with(&[("occurred_at", json!("2026-11-20T10:00:00+01:00"))]),
        with(&[("occurred_at", json!("2026-11-20t10:00:00z"))]),
        with(&[("occurred_at", json!("2026-11-20T10:00:00.123456Z"))]),
        with(&[("occurred_at", json!("2027-06-01T10:00:00Z"))]),
        with(&[("occurred_at", serde_json::Value::Null)]),
        with(&[("where", json!({"postcode": "sw1a2aa"}))]),
        with(&[("where", json!({"postcode": "XX99 9XX"}))]),
        with(&[("where", json!({"online": true}))]),
        with(&[("where", json!({"online": "yes"}))]),
        with(&[("where", json!({"city": "London"}))]),
        with(&[("amount", json!({"value": "950.00", "currency": "GBP"}))]),
        with(&[("amount", json!({"value": "950.5", "currency": "gbp"}))]),
        with(&[("amount", json!({"value": "950.505", "currency": "GBP"}))]),
        with(&[("amount", json!({"value": " 950", "currency": "GBP"}))]),
        with(&[("amount", json!({"value": "950", "currency": " GBP"}))]),
        with(&[("amount", json!({"value": 950, "currency": "GBP"}))]),
        with(&[("amount", json!({"value": "950"}))]),
        with(&[("victim", json!({"age_band": "75-plus"}))]),
        with(&[("victim", json!({"age_band": "old"}))]),
        with(&[("victim", json!({"name": "Ann"}))]),
        with(&[("text", json!("a".repeat(10_000)))]),
        with(&[("text", json!("a".repeat(10_001)))]),
        with(&[("text", json!("é".repeat(6_000)))]),
        with(&[("marking", json!("TLP:RED"))]),
        with(&[("marking", json!("TLP:AMBER+STRICT"))]),
        with(&[("marking", json!("TLP:WHITE"))]),
        with(&[("marking", json!("amber"))]),
        with(&[("marking", json!("SECRET"))]),
        with(&[("colour", json!("red"))]),
        with(&[("indicators", json!([]))]),
        with(&[(
            "indicators",
            json!(
                (0..101)
                    .map(|i| json!({"type": "handle", "value": format!("@a{i}")}))
                    .collect::<Vec<_>>()
            ),
        )]),
        ind(json!({"type": "phone", "value": "07700 900123"})),
        ind(json!({"type": "phone", "value": "not a number"})),
        ind(json!({"type": "phone"})),
        ind(json!({"type": "phone", "value": 7700900123_u64})),
        ind(json!({"type": "email", "value": "Mule@Example.net"})),
        ind(json!({"type": "url", "value": "https://pay.example.net/x"})),
        ind(json!({"type": "iban", "value": "GB82 WEST 1234 5698 7654 32"})),
        ind(json!({"type": "iban", "value": "GB82 WEST 1234 5698 7654 33"})),
        ind(json!({"type": "bank-account", "sort_code": "12-34-56", "account": "12345678"})),
        ind(json!({"type": "bank-account", "sort_code": "12-34-56"})),
        ind(json!({"type": "bank-account", "value": "12345612345678"})),
        ind(json!({"type": "card", "bin": "492181", "last4": "1234"})),
        ind(json!({"type": "card", "bin": "4921", "last4": "1234"})),
        ind(json!({"type": "card", "bin": "492181"})),
        ind(json!({"type": "card", "value": "4921818412341234"})),
        ind(json!({"type": "wallet", "value": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"})),
        ind(json!({"type": "vehicle", "value": "AB12 CDE"})),
        ind(json!({"type": "ip", "value": "198.51.100.7"})),
        ind(json!({"type": "ip", "value": "198.51.100.0/24"})),
        ind(json!({"type": "network", "value": "198.51.100.0/24"})),
        ind(json!({"type": "domain", "value": "pay.example.net"})),
        ind(json!({"type": "handle", "value": "@mule"})),
        ind(json!({"type": "fax", "value": "1"})),
        ind(json!({"type": "phone", "value": "07700 900123", "colour": "red"})),
        "not json".to_owned(),
        "[1, 2]".to_owned(),
        "{}".to_owned(),
    ];
    lines.extend(generate(700, 7));
    lines
}

#[test]
fn the_schema_and_the_reader_agree_on_every_line() {
    #![allow(clippy::disallowed_methods)]
    let has_validator = std::process::Command::new("python3")
        .args(["-c", "import jsonschema, rfc3339_validator"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_validator {
        peel_skip::skip(
            "python3-jsonschema (with rfc3339-validator) is not installed: skipped the schema test",
        );
        return;
    }
    let lines = table();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/notification.schema.json");
    let script = r#"
import json, sys
from jsonschema import Draft202012Validator, FormatChecker
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=FormatChecker())
for line in open(sys.argv[2], encoding="utf-8").read().split("\n"):
    try:
        value = json.loads(line)
    except ValueError:
        print("invalid not-json")
        continue
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
    print("valid" if not errors else "invalid " + errors[0].message[:80].replace("\n", " "))
"#;
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(verdicts.len(), lines.len());
    let mut disagreements = Vec::new();
    let mut kinds = BTreeSet::new();
    let mut markings = BTreeSet::new();
    for (n, (line, verdict)) in lines.iter().zip(&verdicts).enumerate() {
        let read = parse_line(line, n as u64 + 1, NOW);
        let schema_ok = verdict == "valid";
        match (&read, schema_ok) {
            (Ok(notification), true) => {
                kinds.extend(notification.indicators.iter().map(|i| i.kind.slug()));
                markings.extend(notification.marking.map(|m| m.label()));
            }
            (Err(_), false) => {}
            (Ok(_), false) => disagreements.push(format!(
                "the schema refuses ({verdict}) but the reader keeps: {}",
                line.chars().take(160).collect::<String>()
            )),
            (Err(rejection), true) if BEYOND_A_SCHEMA.contains(&rejection.code) => {}
            (Err(rejection), true) => disagreements.push(format!(
                "the schema allows but the reader refuses ({}): {}",
                rejection.code,
                line.chars().take(160).collect::<String>()
            )),
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    // The generated lines cover every indicator kind a notification can carry, and every marking.
    for kind in [
        "phone",
        "email",
        "url",
        "bank_account",
        "iban",
        "card",
        "bitcoin",
        "ethereum",
        "vehicle",
        "ip",
        "network",
        "domain",
        "handle",
    ] {
        assert!(
            kinds.contains(kind),
            "no {kind} indicator was read: {kinds:?}"
        );
    }
    assert_eq!(markings.len(), 5, "{markings:?}");
}
