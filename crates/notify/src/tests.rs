use proptest::prelude::*;
use time::macros::datetime;

use super::*;

const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

fn line(extra: &str) -> String {
    format!(
        r#"{{"version":1,"id":"B-1","type":"money-mule","occurred_at":"2026-11-20T10:00:00Z","marking":"TLP:AMBER"{extra}}}"#
    )
}

#[test]
fn a_good_line_reads_with_canonical_indicators() {
    let text = line(
        r#","where":{"postcode":"sw1a2aa"},"indicators":[
            {"type":"bank-account","sort_code":"12 34 56","account":"1234 5678"},
            {"type":"bank-account","sort_code":"123456","account":"12345678"},
            {"type":"phone","value":"+44 (0)7700 900123"},
            {"type":"iban","value":"GB82 WEST 1234 5698 7654 32"},
            {"type":"card","bin":"492181","last4":"1234"}],
           "amount":{"value":"950.5","currency":"gbp"},"victim":{"age_band":"75-plus"},"text":"x""#,
    )
    .replace('\n', "");
    let n = parse_line(&text, 1, NOW).unwrap();
    assert_eq!(n.own_id, "B-1");
    assert_eq!(n.kind, NotificationType::MoneyMule);
    assert_eq!(
        n.place,
        Place::Postcode(peel_core::postcode::Postcode::parse("SW1A 2AA").unwrap())
    );
    let values: Vec<(Kind, &str)> = n
        .indicators
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        values,
        vec![
            (Kind::BankAccount, "123456-12345678"),
            (Kind::Phone, "+447700900123"),
            (Kind::Iban, "GB82WEST12345698765432"),
            (Kind::Card, "492181…1234"),
        ],
        "one account written two ways is one indicator"
    );
    assert_eq!(n.amount, Some((95_050, "GBP".to_owned())));
    assert_eq!(n.marking, Some(Marking::Amber));
}

#[test]
fn each_kind_of_bad_line_gets_its_reason_code() {
    let cases: Vec<(String, &str)> = vec![
        ("not json".into(), "line.not_json"),
        (
            r#"{"version":1,"id":"B-1","type":"money-mule""#.into(),
            "line.not_json",
        ),
        (r#"{"version":"1"}"#.into(), "line.wrong_shape"),
        (line(r#","colour":"red""#), "line.wrong_shape"),
        (
            line("").replace(r#""version":1"#, r#""version":2"#),
            "line.version",
        ),
        (
            line("").replace("money-mule", "alien-abduction"),
            "type.unknown",
        ),
        (
            line("").replace("2026-11-20T10:00:00Z", "2027-01-01T00:00:00Z"),
            "occurred_at.future",
        ),
        (
            line("").replace("2026-11-20T10:00:00Z", "yesterday"),
            "occurred_at.invalid",
        ),
        (line("").replace("TLP:AMBER", "SECRET"), "marking.invalid"),
        (
            line("").replace(r#""id":"B-1""#, r#""id":"""#),
            "id.invalid",
        ),
        (
            line(r#","indicators":[{"type":"iban","value":"GB83 WEST 1234 5698 7654 32"}]"#),
            "indicator.iban_checksum",
        ),
        (
            line(r#","indicators":[{"type":"card","value":"4921818412341234"}]"#),
            "indicator.card_full_number",
        ),
        (
            line(r#","indicators":[{"type":"card","bin":"49","last4":"1234"}]"#),
            "indicator.card",
        ),
        (
            line(r#","indicators":[{"type":"bank-account","sort_code":"12-34-56"}]"#),
            "indicator.bank_account_incomplete",
        ),
        (
            line(r#","indicators":[{"type":"horoscope","value":"leo"}]"#),
            "indicator.unknown_type",
        ),
        (
            line(r#","indicators":[{"type":"phone"}]"#),
            "indicator.value_missing",
        ),
        (
            line(r#","amount":{"value":"12,50","currency":"GBP"}"#),
            "amount.invalid",
        ),
        (
            line(r#","amount":{"value":"12.50","currency":"pounds"}"#),
            "amount.currency",
        ),
        (line(r#","victim":{"age_band":"old"}"#), "victim.age_band"),
        (line(r#","where":{"postcode":"ZZ1"}"#), "where.postcode"),
        ("x".repeat(MAX_LINE_BYTES + 1), "line.too_long"),
    ];
    for (text, code) in cases {
        let rejection = parse_line(&text, 7, NOW).unwrap_err();
        assert_eq!(rejection.code, code, "{text}: {}", rejection.message);
        assert_eq!(rejection.line, 7);
    }
}

#[test]
fn generated_lines_all_read_and_reuse_pool_values() {
    let lines: Vec<String> = generate(2_000, 42).collect();
    assert_eq!(
        lines,
        generate(2_000, 42).collect::<Vec<_>>(),
        "deterministic for a seed"
    );
    let mut accounts = std::collections::HashMap::<String, u32>::new();
    for (i, text) in lines.iter().enumerate() {
        let n = parse_line(text, i as u64 + 1, NOW).unwrap_or_else(|r| panic!("{text}: {r:?}"));
        for indicator in n.indicators.iter().filter(|i| i.kind == Kind::BankAccount) {
            *accounts.entry(indicator.value.clone()).or_default() += 1;
        }
    }
    let most = accounts.values().max().copied().unwrap_or(0);
    assert!(most >= 5, "a mule account recurs ({most})");
    let (sort, account) = generate::mule_account(0);
    assert!(accounts.contains_key(&peel_link::sort_code_account(&sort, &account).unwrap()));
}

proptest! {
    #[test]
    fn no_line_makes_the_reader_panic(text in "\\PC{0,300}") {
        let _ = parse_line(&text, 1, NOW);
    }

    #[test]
    fn amounts_read_back_exactly(pounds in 0_i64..10_000_000, pence in 0_i64..100) {
        prop_assert_eq!(minor_units(&format!("{pounds}.{pence:02}")), Some(pounds * 100 + pence));
    }
}

#[test]
fn the_schema_file_names_every_type_and_indicator_the_reader_accepts() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../schemas/notification.schema.json")).unwrap();
    let types: Vec<&str> = schema["properties"]["type"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = NotificationType::ALL.iter().map(|t| t.slug()).collect();
    assert_eq!(types, ours);
    assert_eq!(schema["properties"]["version"]["const"], FORMAT_VERSION);
    let bands: Vec<&str> = schema["properties"]["victim"]["properties"]["age_band"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(bands, AGE_BANDS);
    // Every indicator type the schema names is one the reader knows, and no other is.
    let kinds = schema["properties"]["indicators"]["items"]["properties"]["type"]["enum"]
        .as_array()
        .unwrap();
    for kind in kinds {
        let probe = serde_json::json!({"type": kind, "value": "x"});
        let code = indicator_of(1, &probe).err().map(|r| r.code);
        assert_ne!(code, Some("indicator.unknown_type"), "{kind}");
    }
    let probe = serde_json::json!({"type": "cidr", "value": "x"});
    assert_eq!(
        indicator_of(1, &probe).unwrap_err().code,
        "indicator.unknown_type"
    );
}

fn misp(text: &str, line: u64) -> Result<Notification, Rejection> {
    mappers::first(mappers::from_misp(text, line, NOW))
        .unwrap()
        .map(|m| m.notification)
}

fn stix(text: &str, line: u64) -> Result<Notification, Rejection> {
    mappers::first(mappers::from_stix(text, line, NOW))
        .unwrap()
        .map(|m| m.notification)
}

const MISP: &str = r#"{"Event": {
    "uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "info": "Mule account used in a romance scam",
    "date": "2026-11-18", "distribution": "1",
    "Tag": [{"name": "tlp:amber"}, {"name": "peel:type=\"money-mule\""}],
    "Attribute": [
        {"type": "bank-account-nr", "category": "Financial fraud", "value": "12-34-56 12345678", "to_ids": false},
        {"type": "phone-number", "category": "Financial fraud", "value": "+44 7700 900123",
         "Tag": [{"name": "tlp:amber+strict"}]},
        {"type": "comment", "category": "Other", "value": "called the victim daily"}
    ],
    "Object": [{"name": "person", "Attribute": [{"type": "email-src", "value": "Lover@Example.net"}]}]
}}"#;

#[test]
fn a_misp_event_maps_to_a_notification_with_the_strictest_tag() {
    let n = misp(MISP, 1).unwrap();
    assert_eq!(n.own_id, "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assert_eq!(n.kind, NotificationType::MoneyMule);
    assert_eq!(
        n.marking,
        Some(Marking::AmberStrict),
        "an attribute's tag is stricter"
    );
    let values: Vec<(Kind, &str)> = n
        .indicators
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        values,
        vec![
            (Kind::BankAccount, "123456-12345678"),
            (Kind::Phone, "+447700900123"),
            (Kind::Email, "lover@example.net")
        ]
    );
    assert_eq!(n.text, "Mule account used in a romance scam");
    // A full card number in MISP is refused as in the Peel format, by value: the rest is kept.
    let card = MISP
        .replace(r#""type": "comment""#, r#""type": "cc-number""#)
        .replace("called the victim daily", "4921818412341234");
    let Some(Ok(mapped)) = mappers::first(mappers::from_misp(&card, 3, NOW)) else {
        panic!("the event is kept");
    };
    assert_eq!(mapped.notification.indicators.len(), 3);
    let codes: Vec<&str> = mapped.refused.iter().map(|r| r.code).collect();
    assert_eq!(codes, ["indicator.card_full_number"]);
    assert!(
        !mapped.refused[0].message.contains("4921"),
        "a card number is never repeated: {}",
        mapped.refused[0].message
    );
    assert_eq!(
        misp(r#"{"info": "x"}"#, 4).unwrap_err().code,
        "misp.uuid_missing"
    );
    assert_eq!(misp("{}", 4).unwrap_err().code, "misp.not_event");
}

const STIX: &str = r#"{"type": "bundle", "id": "bundle--0c0b1c7e-2f3a-4b5c-9d8e-7f6a5b4c3d2e", "objects": [
    {"type": "report", "spec_version": "2.1", "id": "report--1", "created": "2026-11-18T09:00:00.000Z",
     "modified": "2026-11-18T09:00:00.000Z", "name": "Mule account", "description": "Moved APP fraud proceeds",
     "labels": ["money-mule"], "published": "2026-11-18T09:00:00.000Z", "object_refs": ["indicator--1"],
     "object_marking_refs": ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "created": "2026-11-18T09:00:00.000Z",
     "modified": "2026-11-18T09:00:00.000Z", "pattern_type": "stix", "valid_from": "2026-11-18T09:00:00Z",
     "pattern": "[x-peel-bank-account:sort_code = '12-34-56' AND x-peel-bank-account:account_number = '12345678'] OR [url:value = 'https://pay-now.example-bank.co.uk/x']",
     "object_marking_refs": ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
    {"type": "email-addr", "spec_version": "2.1", "id": "email-addr--1", "value": "mule@example.org"}
]}"#;

#[test]
fn a_stix_bundle_maps_to_a_notification_with_tlp_from_its_marking_definitions() {
    let n = stix(STIX, 1).unwrap();
    assert_eq!(
        n.own_id, "report--1",
        "known by its report, not the transient bundle id"
    );
    assert_eq!(n.kind, NotificationType::MoneyMule);
    assert_eq!(
        n.marking,
        Some(Marking::Red),
        "TLP 2.0 RED beats TLP 1.0 AMBER"
    );
    let values: Vec<(Kind, &str)> = n
        .indicators
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        values,
        vec![
            (Kind::Url, "https://pay-now.example-bank.co.uk/x"),
            (Kind::BankAccount, "123456-12345678"),
            (Kind::Email, "mule@example.org")
        ],
        "a pattern's single values, then its accounts (sort code and number paired within \
         each observation), then the observables"
    );
    assert_eq!(n.text, "Mule account: Moved APP fraud proceeds");
    assert_eq!(
        stix(r#"{"type":"report"}"#, 2).unwrap_err().code,
        "stix.not_bundle"
    );
}

#[test]
fn the_stix_tlp_identifiers_are_those_of_the_oasis_files() {
    // The TLP 2.0 marking definitions as OASIS publishes them, where they are here.
    let dir = peel_skip::shared_data().join("formats/stix21/tlp2/objects");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        peel_skip::skip(&format!("{} is absent", dir.display()));
        return;
    };
    let mut checked = 0;
    for entry in entries {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
        for object in bundle["objects"].as_array().into_iter().flatten() {
            let (Some(id), Some(name)) = (object["id"].as_str(), object["name"].as_str()) else {
                continue;
            };
            if object["type"] != "marking-definition" {
                continue;
            }
            let ours = mappers::STIX_TLP
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, m)| m.label());
            assert_eq!(ours, Some(name), "{id}");
            checked += 1;
        }
    }
    assert!(checked >= 3);
}

proptest! {
    #[test]
    fn no_misp_or_stix_document_makes_a_mapper_panic(text in "\\PC{0,300}") {
        let _ = mappers::from_misp(&text, 1, NOW);
        let _ = mappers::from_stix(&text, 1, NOW);
    }
}

#[test]
fn a_csv_row_maps_by_its_header_and_a_mapping() {
    let header = [
        "Case Ref",
        "type",
        "When",
        "Payee Sort Code",
        "Payee Account",
        "phone",
        "amount",
        "text",
    ];
    let columns = csv::columns(
        &header,
        "Case Ref=id, When=occurred_at, Payee Sort Code=sort_code, Payee Account=account",
    )
    .unwrap();
    let row = [
        "C-77",
        "fraud-app",
        "2026-11-20T10:00:00Z",
        "12-34-56",
        "12345678",
        "07700 900123; 07700 900124",
        "950.00",
        "Paid a fake builder",
    ];
    let n = parse_line(&csv::row_to_line(&columns, &row), 2, NOW).unwrap();
    assert_eq!(n.own_id, "C-77");
    assert_eq!(n.kind, NotificationType::FraudApp);
    let values: Vec<&str> = n.indicators.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(
        values,
        vec!["+447700900123", "+447700900124", "123456-12345678"]
    );
    assert_eq!(n.amount, Some((95_000, "GBP".to_owned())));
    let err = csv::columns(&["Colour"], "").unwrap_err();
    assert!(err.contains("Colour"), "{err}");
    assert!(csv::columns(&["a"], "a").is_err(), "a mapping needs =");
}

/// Finding L-2: MISP's distribution levels and sharing groups, and TheHive's PAP, are honoured.
#[test]
fn misp_distribution_sharing_groups_and_pap_raise_the_marking() {
    let bare = |extra: &str, tags: &str| {
        format!(
            r#"{{"Event": {{"uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e60", "date": "2026-11-20", "info": "mule"{extra},
            "Tag": [{tags}], "Attribute": [{{"type": "phone-number", "value": "07700 900123"}}]}}}}"#
        )
    };
    let marking = |extra: &str, tags: &str| misp(&bare(extra, tags), 1).unwrap().marking;
    assert_eq!(
        marking("", ""),
        None,
        "no tag and open distribution: the default applies"
    );
    assert_eq!(
        marking(r#", "distribution": "0""#, ""),
        Some(Marking::AmberStrict)
    );
    assert_eq!(
        marking(r#", "distribution": 4, "sharing_group_id": "7""#, ""),
        Some(Marking::AmberStrict)
    );
    assert_eq!(marking(r#", "distribution": "3""#, ""), None);
    assert_eq!(
        marking("", r#"{"name": "PAP:RED"}"#),
        Some(Marking::AmberStrict)
    );
    assert_eq!(
        marking(r#", "distribution": "0""#, r#"{"name": "tlp:red"}"#),
        Some(Marking::Red)
    );
}
