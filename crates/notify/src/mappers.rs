//! MISP events and STIX 2.1 bundles, mapped onto the Peel format: each becomes one Peel line,
//! which then goes through [`crate::parse_line`], so every check and reason code is the same
//! whatever the door.
//!
//! MISP: the event's `uuid` is the own id, `info` the text, `date` (or `timestamp`) when; TLP
//! from `tlp:*` tags on the event and its attributes (the strictest wins); the type from a
//! `peel:type="money-mule"` tag, else `other`. Attributes (also inside objects) map by type:
//! `phone-number`, `whois-registrant-phone` and `prtn` to phone; `email`, `email-src`,
//! `email-dst` and `target-email` to email; `url`, `link` and `uri` to url; `iban`;
//! `bank-account-nr` holding a UK sort code and account (14 digits) to bank-account; `btc` to
//! wallet; `ip-src` and `ip-dst` to ip; `cc-number` to a card, which the reader refuses (only a
//! BIN and last four are accepted). Other attribute types are not indicators here.
//!
//! STIX: the bundle's `id` is the own id; the first `report` or `incident` gives the text (its
//! `name` and `description`) and its `created` time; TLP from `object_marking_refs` naming the
//! TLP 1.0 or 2.0 marking definitions (the strictest wins); the type from a label that is a Peel
//! type. Indicators come from observables (`email-addr`, `url`, `ipv4-addr`, `ipv6-addr`, and
//! Peel's custom `x-peel-phone-number` and `x-peel-bank-account`) and from indicator patterns
//! comparing those properties with `=`.

use std::sync::OnceLock;

use peel_core::Marking;
use regex::Regex;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::{Notification, NotificationType, Rejection, parse_line};

/// The TLP marking definitions of STIX 2.1 (TLP 1.0) and of the TLP 2.0 extension.
pub const STIX_TLP: [(&str, Marking); 9] = [
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        Marking::Clear,
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        Marking::Green,
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        Marking::Amber,
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        Marking::Red,
    ),
    (
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Marking::Clear,
    ),
    (
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Marking::Green,
    ),
    (
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Marking::Amber,
    ),
    (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Marking::AmberStrict,
    ),
    (
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        Marking::Red,
    ),
];

fn reject(line: u64, code: &'static str, message: impl Into<String>) -> Rejection {
    Rejection {
        line,
        code,
        message: message.into(),
    }
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn strictest(markings: impl IntoIterator<Item = Marking>) -> Option<String> {
    markings.into_iter().max().map(|m| m.label().to_owned())
}

/// A Peel line's indicator for a MISP attribute, if the type is one.
fn misp_indicator(kind: &str, value: &str) -> Option<Value> {
    let simple = |t: &str| Some(json!({"type": t, "value": value}));
    match kind {
        "phone-number" | "whois-registrant-phone" | "prtn" => simple("phone"),
        "email" | "email-src" | "email-dst" | "target-email" => simple("email"),
        "url" | "link" | "uri" => simple("url"),
        "iban" => simple("iban"),
        "btc" => simple("wallet"),
        "ip-src" | "ip-dst" => simple("ip"),
        "cc-number" => simple("card"),
        "bank-account-nr" => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            (digits.len() == 14).then(|| {
                let (sort, account) = digits.split_at(6);
                json!({"type": "bank-account", "sort_code": sort, "account": account})
            })
        }
        _ => None,
    }
}

/// One MISP event (bare, or wrapped as `{"Event": …}`) as a notification.
pub fn from_misp(text: &str, line: u64, now: OffsetDateTime) -> Result<Notification, Rejection> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| reject(line, "line.not_json", e.to_string()))?;
    let event = root.get("Event").unwrap_or(&root);
    let uuid = str_of(event, "uuid")
        .ok_or_else(|| reject(line, "misp.uuid_missing", "a MISP event needs its uuid"))?;
    let occurred_at = match (str_of(event, "date"), str_of(event, "timestamp")) {
        (Some(date), _) => format!("{date}T00:00:00Z"),
        (None, Some(ts)) => ts
            .parse::<i64>()
            .ok()
            .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let attributes: Vec<&Value> = items(event, "Attribute")
        .chain(items(event, "Object").flat_map(|o| items(o, "Attribute")))
        .collect();
    let tags: Vec<&str> = items(event, "Tag")
        .chain(attributes.iter().flat_map(|a| items(a, "Tag")))
        .filter_map(|t| str_of(t, "name"))
        .collect();
    // TLP tags, and what MISP and TheHive say otherwise (finding L-2): an event or attribute
    // shared with the sender's own organisation only (distribution 0) or with a sharing group
    // (4) is kept within the recipient organisation, AMBER+STRICT at least; a PAP:RED or
    // PAP:AMBER tag (no action that could alert the subject) raises the marking likewise.
    let distributions = std::iter::once(event)
        .chain(attributes.iter().copied())
        .filter_map(|v| v.get("distribution"))
        .filter_map(|d| match d {
            Value::String(s) => s.trim().parse::<u8>().ok(),
            Value::Number(n) => n.as_u64().and_then(|n| u8::try_from(n).ok()),
            _ => None,
        });
    let floors = distributions
        .filter(|d| *d == 0 || *d == 4)
        .map(|_| Marking::AmberStrict)
        .chain(
            tags.iter()
                .filter_map(|t| match t.trim().to_ascii_uppercase().as_str() {
                    "PAP:RED" => Some(Marking::AmberStrict),
                    "PAP:AMBER" => Some(Marking::Amber),
                    _ => None,
                }),
        );
    let marking = strictest(
        tags.iter()
            .filter_map(|t| {
                t.to_ascii_lowercase()
                    .strip_prefix("tlp:")
                    .and_then(Marking::parse)
            })
            .chain(floors),
    );
    let kind = tags
        .iter()
        .filter_map(|t| t.strip_prefix("peel:type="))
        .map(|t| t.trim_matches('"'))
        .find(|t| NotificationType::parse(t).is_some())
        .unwrap_or("other");
    let indicators: Vec<Value> = attributes
        .iter()
        .filter_map(|a| misp_indicator(str_of(a, "type")?, str_of(a, "value")?))
        .collect();
    let mut peel = json!({
        "version": crate::FORMAT_VERSION,
        "id": uuid,
        "type": kind,
        "occurred_at": occurred_at,
        "indicators": indicators,
        "text": str_of(event, "info").unwrap_or_default(),
    });
    if let (Some(object), Some(marking)) = (peel.as_object_mut(), marking) {
        object.insert("marking".into(), marking.into());
    }
    parse_line(&peel.to_string(), line, now)
}

fn pattern_terms() -> Option<&'static Regex> {
    static TERMS: OnceLock<Option<Regex>> = OnceLock::new();
    TERMS
        .get_or_init(|| Regex::new(r"([a-z0-9-]+):([a-z_]+)\s*=\s*'((?:[^'\\]|\\.)*)'").ok())
        .as_ref()
}

/// A STIX 2.1 bundle as a notification.
pub fn from_stix(text: &str, line: u64, now: OffsetDateTime) -> Result<Notification, Rejection> {
    let bundle: Value =
        serde_json::from_str(text).map_err(|e| reject(line, "line.not_json", e.to_string()))?;
    if str_of(&bundle, "type") != Some("bundle") {
        return Err(reject(
            line,
            "stix.not_bundle",
            "a STIX 2.1 bundle is expected",
        ));
    }
    let id = str_of(&bundle, "id")
        .ok_or_else(|| reject(line, "stix.id_missing", "the bundle needs its id"))?;
    let objects: Vec<&Value> = items(&bundle, "objects").collect();
    let marking = strictest(
        objects
            .iter()
            .flat_map(|o| items(o, "object_marking_refs"))
            .filter_map(|r| {
                let r = r.as_str()?;
                STIX_TLP.iter().find(|(id, _)| *id == r).map(|(_, m)| *m)
            }),
    );
    let story = objects
        .iter()
        .find(|o| matches!(str_of(o, "type"), Some("report" | "incident")));
    let text = story
        .map(|o| {
            [str_of(o, "name"), str_of(o, "description")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": ")
        })
        .unwrap_or_default();
    let occurred_at = story
        .and_then(|o| str_of(o, "created"))
        .or_else(|| objects.iter().find_map(|o| str_of(o, "valid_from")))
        .or_else(|| objects.iter().find_map(|o| str_of(o, "created")))
        .unwrap_or_default();
    let kind = objects
        .iter()
        .flat_map(|o| items(o, "labels"))
        .filter_map(Value::as_str)
        .find(|l| NotificationType::parse(l).is_some())
        .unwrap_or("other");
    let mut indicators: Vec<Value> = Vec::new();
    let mut add = |kind: &str, props: &[(&str, &str)]| {
        let get = |k: &str| props.iter().find(|(p, _)| *p == k).map(|(_, v)| *v);
        let found = match kind {
            "email-addr" => get("value").map(|v| json!({"type": "email", "value": v})),
            "url" => get("value").map(|v| json!({"type": "url", "value": v})),
            "ipv4-addr" | "ipv6-addr" => get("value").map(|v| json!({"type": "ip", "value": v})),
            "x-peel-phone-number" => get("value").map(|v| json!({"type": "phone", "value": v})),
            "x-peel-bank-account" => match (get("sort_code"), get("account_number")) {
                (Some(s), Some(a)) => {
                    Some(json!({"type": "bank-account", "sort_code": s, "account": a}))
                }
                _ => None,
            },
            _ => None,
        };
        indicators.extend(found);
    };
    for object in &objects {
        let kind = str_of(object, "type").unwrap_or_default();
        if kind == "indicator" {
            let Some(pattern) = str_of(object, "pattern") else {
                continue;
            };
            // Each [ … ] is one observation; its terms describe one object.
            for group in pattern.split('[').skip(1) {
                let group = group.split(']').next().unwrap_or_default();
                let Some(terms) = pattern_terms() else {
                    continue;
                };
                let found: Vec<(String, String, String)> = terms
                    .captures_iter(group)
                    .filter_map(|c| {
                        Some((
                            c.get(1)?.as_str().to_owned(),
                            c.get(2)?.as_str().to_owned(),
                            c.get(3)?.as_str().replace("\\'", "'"),
                        ))
                    })
                    .collect();
                if let Some((object_type, _, _)) = found.first() {
                    let props: Vec<(&str, &str)> = found
                        .iter()
                        .map(|(_, p, v)| (p.as_str(), v.as_str()))
                        .collect();
                    add(object_type, &props);
                }
            }
        } else if let Some(map) = object.as_object() {
            let props: Vec<(&str, &str)> = map
                .iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
                .collect();
            add(kind, &props);
        }
    }
    let mut peel = json!({
        "version": crate::FORMAT_VERSION,
        "id": id,
        "type": kind,
        "occurred_at": occurred_at,
        "indicators": indicators,
        "text": text,
    });
    if let (Some(object), Some(marking)) = (peel.as_object_mut(), marking) {
        object.insert("marking".into(), marking.into());
    }
    parse_line(&peel.to_string(), line, now)
}
