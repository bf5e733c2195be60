//! What the mappers make of what publishers send beyond the official samples: granular
//! markings, marking definitions in the bundle, pattern types and operators, MISP's deleted,
//! composite and link attributes.

use peel_core::Marking;
use peel_link::Kind;
use time::macros::datetime;

use super::{Mapped, first, from_misp, from_stix};

const NOW: time::OffsetDateTime = datetime!(2026-12-03 12:00 UTC);
const GREEN: &str = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
const RED: &str = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

fn stix(objects: &str) -> Mapped {
    let bundle = format!(
        r#"{{"type": "bundle", "id": "bundle--7a1b0c4e-1111-4222-8333-944455556666", "objects": [{objects}]}}"#
    );
    first(from_stix(&bundle, 1, NOW)).unwrap().unwrap()
}

fn indicator(pattern: &str, extra: &str) -> String {
    format!(
        r#"{{"type": "indicator", "spec_version": "2.1", "id": "indicator--1",
        "created": "2026-11-30T10:00:00Z", "modified": "2026-11-30T10:00:00Z",
        "valid_from": "2026-11-30T10:00:00Z", "pattern_type": "stix",
        "pattern": "{pattern}"{extra}}}"#
    )
}

fn values(mapped: &Mapped) -> Vec<(Kind, &str)> {
    mapped
        .notification
        .indicators
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect()
}

#[test]
fn a_granular_marking_on_the_pattern_marks_what_is_read_from_it() {
    let green_with_red_pattern = indicator(
        "[ipv4-addr:value = '203.0.113.9']",
        &format!(
            r#", "object_marking_refs": ["{GREEN}"],
            "granular_markings": [{{"marking_ref": "{RED}", "selectors": ["pattern"]}}]"#
        ),
    );
    assert_eq!(
        stix(&green_with_red_pattern).notification.marking,
        Some(Marking::Red)
    );
    // A granular marking on a property not read (the description) does not raise it.
    let red_description = indicator(
        "[ipv4-addr:value = '203.0.113.9']",
        &format!(
            r#", "description": "from a source", "object_marking_refs": ["{GREEN}"],
            "granular_markings": [{{"marking_ref": "{RED}", "selectors": ["description"]}},
                                  {{"lang": "fr", "selectors": ["pattern"]}}]"#
        ),
    );
    assert_eq!(
        stix(&red_description).notification.marking,
        Some(Marking::Green)
    );
}

#[test]
fn marking_definitions_in_the_bundle_are_honoured() {
    let ours = r#"{"type": "marking-definition", "spec_version": "2.1",
        "id": "marking-definition--0b5e6f7a-0000-4000-8000-000000000001", "created": "2026-01-01T00:00:00Z",
        "definition_type": "tlp", "definition": {"tlp": "red"}}"#;
    let tlp2 = r#"{"type": "marking-definition", "spec_version": "2.1",
        "id": "marking-definition--0b5e6f7a-0000-4000-8000-000000000002", "created": "2026-01-01T00:00:00Z",
        "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
            {"extension_type": "property-extension", "tlp_2_0": "amber+strict"}}}"#;
    let marked = |id: &str| {
        indicator(
            "[url:value = 'https://pay.example.net/x']",
            &format!(
                r#", "object_marking_refs": ["marking-definition--0b5e6f7a-0000-4000-8000-00000000000{id}"]"#
            ),
        )
    };
    assert_eq!(
        stix(&format!("{ours}, {}", marked("1")))
            .notification
            .marking,
        Some(Marking::Red)
    );
    assert_eq!(
        stix(&format!("{tlp2}, {}", marked("2")))
            .notification
            .marking,
        Some(Marking::AmberStrict)
    );
}

#[test]
fn other_pattern_types_and_inexact_terms_are_refused_by_value() {
    let sigma = r#"{"type": "indicator", "spec_version": "2.1", "id": "indicator--2",
        "created": "2026-11-30T10:00:00Z", "modified": "2026-11-30T10:00:00Z",
        "valid_from": "2026-11-30T10:00:00Z", "pattern_type": "sigma", "pattern": "title: x"}"#;
    let mapped = stix(&format!(
        "{sigma}, {}",
        indicator(
            "[url:value MATCHES '^https://pay' OR email-message:from_ref.value = 'Boss@Example.com' \
             OR ipv4-addr:value ISSUBSET '198.51.100.0/24' OR ipv4-addr:value NOT = '10.0.0.1']",
            ""
        )
    ));
    assert_eq!(
        values(&mapped),
        [
            (Kind::Email, "boss@example.com"),
            (Kind::Network, "198.51.100.0/24")
        ]
    );
    let codes: Vec<&str> = mapped.refused.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [
            "stix.pattern_type",
            "stix.pattern_operator",
            "stix.pattern_operator"
        ]
    );
    assert!(mapped.refused[0].message.contains("sigma"));
    assert!(mapped.refused[1].message.contains("MATCHES"));
    // A bundle whose every value is refused is refused, with the first reason.
    let bundle = format!(
        r#"{{"type": "bundle", "id": "bundle--7a1b0c4e-1111-4222-8333-944455556667", "objects": [{sigma}]}}"#
    );
    assert_eq!(
        first(from_stix(&bundle, 1, NOW)).unwrap().unwrap_err().code,
        "stix.pattern_type"
    );
}

#[test]
fn a_newer_modified_is_the_bundle_s_version() {
    let mapped = stix(&indicator("[domain-name:value = 'Pay.Example.NET']", ""));
    assert_eq!(
        mapped.version,
        Some(datetime!(2026-11-30 10:00 UTC).unix_timestamp())
    );
    assert_eq!(values(&mapped), [(Kind::Domain, "pay.example.net")]);
}

fn misp(attributes: &str, objects: &str) -> Mapped {
    let event = format!(
        r#"{{"Event": {{"uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e70", "info": "Mule ring",
        "date": "2026-11-30", "timestamp": "1764496800", "Attribute": [{attributes}], "Object": [{objects}]}}}}"#
    );
    first(from_misp(&event, 1, NOW)).unwrap().unwrap()
}

#[test]
fn misp_composites_domains_networks_and_phones_are_read() {
    let mapped = misp(
        r#"{"type": "ip-dst|port", "value": "203.0.113.5|443"},
           {"type": "domain|ip", "value": "pay.example.net|203.0.113.6"},
           {"type": "hostname", "value": "c2.example.org"},
           {"type": "ip-src", "value": "198.51.100.0/24"},
           {"type": "email-reply-to", "value": "refunds@example.com"},
           {"type": "domain", "value": "gone.example.com", "deleted": true},
           {"type": "link", "value": "https://news.example.com/story"},
           {"type": "md5", "value": "d41d8cd98f00b204e9800998ecf8427e"}"#,
        r#"{"name": "phone", "Attribute": [{"type": "text", "object_relation": "msisdn", "value": "447700900123"}]},
           {"name": "bank-account", "Attribute": [
               {"type": "bank-account-nr", "object_relation": "account", "value": "12345678"},
               {"type": "text", "object_relation": "sort-code", "value": "12-34-56"}]},
           {"name": "bank-account", "deleted": true, "Attribute": [
               {"type": "bank-account-nr", "object_relation": "account", "value": "11223344556677"}]},
           {"name": "bank-account", "Attribute": [
               {"type": "bank-account-nr", "object_relation": "account", "value": "87654321"}]}"#,
    );
    assert_eq!(
        values(&mapped),
        [
            (Kind::IpAddress, "203.0.113.5"),
            (Kind::Domain, "pay.example.net"),
            (Kind::IpAddress, "203.0.113.6"),
            (Kind::Domain, "c2.example.org"),
            (Kind::Network, "198.51.100.0/24"),
            (Kind::Email, "refunds@example.com"),
            (Kind::Phone, "+447700900123"),
            (Kind::BankAccount, "123456-12345678"),
        ]
    );
    assert!(
        mapped
            .notification
            .text
            .ends_with("References: https://news.example.com/story")
    );
    let codes: Vec<&str> = mapped.refused.iter().map(|r| r.code).collect();
    assert_eq!(codes, ["indicator.bank_account_incomplete"]);
    assert_eq!(mapped.version, Some(1_764_496_800));
}

#[test]
fn a_misp_response_gives_each_event_and_refuses_what_is_not_one() {
    let response = r#"{"response": [
        {"Event": {"uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e71", "info": "a", "date": "2026-11-30"}},
        {"Event": {"uuid": "5f2b7c1e-1a2b-4c3d-8e9f-0a1b2c3d4e72", "info": "b", "date": "2026-11-31"}},
        {"name": "a galaxy", "type": "tool"}
    ]}"#;
    let reads = from_misp(response, 1, NOW);
    assert_eq!(reads.len(), 3);
    assert!(reads[0].is_ok());
    assert_eq!(reads[1].as_ref().unwrap_err().code, "occurred_at.invalid");
    assert_eq!(reads[2].as_ref().unwrap_err().code, "misp.not_event");
}
