//! MISP events (the MISP core format), as MISP and PyMISP write them: bare, wrapped as
//! `{"Event": …}`, in a list, or in a `{"response": […]}` answer.
//!
//! The event's `uuid` is the own id, its `timestamp` the version (a newer copy updates the
//! notification held), `info` the text, `date` (or `timestamp`) when; TLP from `tlp:*` tags on
//! the event and its attributes (the strictest wins), raised by distribution and PAP tags; the
//! type from a `peel:type="money-mule"` tag, else `other`. Attributes and objects marked
//! `"deleted": true` are passed over. Attributes (also inside objects) map by type:
//!
//! | MISP | Peel |
//! |---|---|
//! | `phone-number`, `whois-registrant-phone`, `prtn`, an object's `msisdn` | phone |
//! | `email`, `email-src`, `email-dst`, `email-reply-to`, `target-email`, `whois-registrant-email` | email |
//! | `url`, `uri` | url |
//! | `domain`, `hostname`, `hostname\|port` | domain |
//! | `ip-src`, `ip-dst`, `ip-src\|port`, `ip-dst\|port` | ip, or network for a CIDR or range |
//! | `domain\|ip` | domain and ip |
//! | `iban` | iban |
//! | `bank-account-nr` with a sort code (14 digits, or the object's `sort-code`) | bank-account |
//! | `btc` | wallet |
//! | `cc-number` | card, which the reader refuses (only a BIN and last four are accepted) |
//! | `link` | a reference, listed after the text, never an indicator |
//!
//! Other types (hashes, file names, registry keys, free text) are not indicators here.

use peel_core::Marking;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::{Draft, Read, Reads, items, reject, str_of};
use crate::{NotificationType, Rejection};

/// Whether a MISP value (`true`, `1`, `"1"`) is set.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        Some(Value::String(s)) => matches!(s.trim(), "1" | "true"),
        _ => false,
    }
}

fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What a MISP attribute becomes.
enum Mapping {
    Indicators(Vec<Value>),
    Reference(String),
    Refused(&'static str, String),
    Nothing,
}

fn address(value: &str) -> Value {
    let value = value.trim();
    if value.contains('/') || value.contains('-') {
        json!({"type": "network", "value": value})
    } else {
        json!({"type": "ip", "value": value})
    }
}

/// An attribute's mapping, by its type and, inside an object, its relation; `sort_code` is the
/// object's sort code, when it has one.
fn mapping(kind: &str, relation: Option<&str>, value: &str, sort_code: Option<&str>) -> Mapping {
    let one = |t: &str| Mapping::Indicators(vec![json!({"type": t, "value": value})]);
    let (first, second) = value.split_once('|').unwrap_or((value, ""));
    match (kind, relation) {
        (_, Some("msisdn")) => one("phone"),
        ("phone-number" | "whois-registrant-phone" | "prtn", _) => one("phone"),
        (
            "email"
            | "email-src"
            | "email-dst"
            | "email-reply-to"
            | "target-email"
            | "whois-registrant-email",
            _,
        ) => one("email"),
        ("url" | "uri", _) => one("url"),
        ("link", _) => Mapping::Reference(value.trim().to_owned()),
        ("domain" | "hostname", _) => one("domain"),
        ("hostname|port", _) => {
            Mapping::Indicators(vec![json!({"type": "domain", "value": first})])
        }
        ("domain|ip", _) => Mapping::Indicators(vec![
            json!({"type": "domain", "value": first}),
            address(second),
        ]),
        ("ip-src" | "ip-dst", _) => Mapping::Indicators(vec![address(value)]),
        ("ip-src|port" | "ip-dst|port", _) => Mapping::Indicators(vec![address(first)]),
        ("iban", _) => one("iban"),
        ("btc", _) => one("wallet"),
        ("cc-number", _) => one("card"),
        ("bank-account-nr", _) => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            match sort_code {
                Some(sort) => Mapping::Indicators(vec![
                    json!({"type": "bank-account", "sort_code": sort, "account": value}),
                ]),
                None if digits.len() == 14 => {
                    let (sort, account) = digits.split_at(6);
                    Mapping::Indicators(vec![
                        json!({"type": "bank-account", "sort_code": sort, "account": account}),
                    ])
                }
                None if value.trim().len() > 14
                    && value.trim().starts_with(char::is_alphabetic) =>
                {
                    one("iban")
                }
                None => Mapping::Refused(
                    "indicator.bank_account_incomplete",
                    "an account number without its sort code cannot be matched with UK accounts"
                        .into(),
                ),
            }
        }
        _ => Mapping::Nothing,
    }
}

/// Whether an object is a MISP event rather than some other MISP document (a galaxy, a
/// sighting, a feed manifest, a sharing group).
fn is_event(value: &Value) -> bool {
    [
        "info",
        "Attribute",
        "Object",
        "date",
        "analysis",
        "threat_level_id",
        "Tag",
    ]
    .iter()
    .any(|key| value.get(key).is_some())
}

/// The events of a MISP document, each as a notification (or the reason it is refused).
pub fn from_misp(text: &str, line: u64, now: OffsetDateTime) -> Reads {
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(e) => return vec![Err(reject(line, "line.not_json", e.to_string()))],
    };
    let listed: Vec<&Value> = match (&root, root.get("response")) {
        (_, Some(Value::Array(list))) => list.iter().collect(),
        (Value::Array(list), _) => list.iter().collect(),
        _ => vec![&root],
    };
    if listed.is_empty() {
        return vec![Err(reject(
            line,
            "misp.not_event",
            "the document holds no MISP event",
        ))];
    }
    listed
        .into_iter()
        .map(|item| {
            let event = item.get("Event").unwrap_or(item);
            if !event.is_object() || !is_event(event) {
                return Err(reject(
                    line,
                    "misp.not_event",
                    "this is not a MISP event (no info, date, attributes or objects): a galaxy, \
                     sighting, manifest or sharing group is not read as one",
                ));
            }
            event_of(event, line, now)
        })
        .collect()
}

fn event_of(event: &Value, line: u64, now: OffsetDateTime) -> Result<Read, Rejection> {
    let uuid = str_of(event, "uuid")
        .ok_or_else(|| reject(line, "misp.uuid_missing", "a MISP event needs its uuid"))?;
    let mut draft = Draft::new(line, uuid);
    draft.version = number(event.get("timestamp"));
    draft.occurred_at = match (str_of(event, "date"), draft.version) {
        (Some(date), _) => format!("{date}T00:00:00Z"),
        (None, Some(ts)) => OffsetDateTime::from_unix_timestamp(ts)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    draft.text = str_of(event, "info").unwrap_or_default().to_owned();
    let live = |v: &&Value| !truthy(v.get("deleted"));
    // Each attribute with its object's name and sort code, when it is in one.
    let mut attributes: Vec<(&Value, Option<&str>, Option<&str>)> = items(event, "Attribute")
        .filter(live)
        .map(|a| (a, None, None))
        .collect();
    for object in items(event, "Object").filter(live) {
        let inside: Vec<&Value> = items(object, "Attribute").filter(live).collect();
        let sort_code = inside
            .iter()
            .find(|a| {
                str_of(a, "object_relation")
                    .is_some_and(|r| matches!(r, "sort-code" | "sort_code" | "sortcode"))
            })
            .and_then(|a| str_of(a, "value"));
        let name = str_of(object, "name");
        attributes.extend(inside.into_iter().map(|a| (a, name, sort_code)));
    }
    let tags: Vec<&str> = items(event, "Tag")
        .chain(attributes.iter().flat_map(|(a, _, _)| items(a, "Tag")))
        .filter_map(|t| str_of(t, "name"))
        .collect();
    // TLP tags, and what MISP and TheHive say otherwise (finding L-2): an event or attribute
    // shared with the sender's own organisation only (distribution 0) or with a sharing group
    // (4) is kept within the recipient organisation, AMBER+STRICT at least; a PAP:RED or
    // PAP:AMBER tag (no action that could alert the subject) raises the marking likewise.
    let floors = std::iter::once(event)
        .chain(items(event, "Object").filter(live))
        .chain(attributes.iter().map(|(a, _, _)| *a))
        .filter_map(|v| number(v.get("distribution")))
        .filter(|d| *d == 0 || *d == 4)
        .map(|_| Marking::AmberStrict);
    let pap = tags
        .iter()
        .filter_map(|t| match t.trim().to_ascii_uppercase().as_str() {
            "PAP:RED" => Some(Marking::AmberStrict),
            "PAP:AMBER" => Some(Marking::Amber),
            _ => None,
        });
    let tlp = tags.iter().filter_map(|t| {
        t.trim()
            .to_ascii_lowercase()
            .strip_prefix("tlp:")
            .and_then(Marking::parse)
    });
    draft.markings = tlp.chain(floors).chain(pap).collect();
    draft.kind = tags
        .iter()
        .filter_map(|t| t.strip_prefix("peel:type="))
        .map(|t| t.trim_matches('"'))
        .find(|t| NotificationType::parse(t).is_some())
        .unwrap_or("other")
        .to_owned();
    for (at, (attribute, object, sort_code)) in attributes.iter().enumerate() {
        let (Some(kind), Some(value)) = (str_of(attribute, "type"), str_of(attribute, "value"))
        else {
            continue;
        };
        let relation = str_of(attribute, "object_relation");
        let place = match object {
            Some(object) => format!("attribute {} ({kind} in object {object})", at + 1),
            None => format!("attribute {} ({kind})", at + 1),
        };
        match mapping(kind, relation, value, *sort_code) {
            Mapping::Indicators(found) => {
                for indicator in found {
                    draft.value(&place, value, indicator);
                }
            }
            Mapping::Reference(url) if !url.is_empty() && !draft.references.contains(&url) => {
                draft.references.push(url);
            }
            Mapping::Refused(code, why) => {
                let message = format!("{place}: {} refused: {why}", super::quote(value, 80));
                draft.refuse(code, message);
            }
            Mapping::Reference(_) | Mapping::Nothing => {}
        }
    }
    draft.finish(now)
}
