//! STIX 2.1 bundles (or a single STIX object) as OASIS and its tools write them.
//!
//! The own id is the bundle's report, incident or grouping id (else the bundle's id with a digest
//! of what it describes) and its newest `modified` the version; the first `report`,
//! `incident` or `grouping` gives the text (its `name` and `description`) and its `created`
//! time; the type from a label that is a Peel type.
//!
//! Values come from observables (`email-addr`, `url`, `domain-name`, `ipv4-addr` and
//! `ipv6-addr` (a CIDR value kept as a network), and Peel's custom `x-peel-phone-number` and
//! `x-peel-bank-account`) and from every term of indicator patterns (`AND`, `OR`, `FOLLOWEDBY`,
//! `IN` lists, `ISSUBSET` networks, the addresses of `email-message` and `network-traffic`).
//! A term compared otherwise (`MATCHES`, `LIKE`, `!=`, `NOT`) is refused by value, as is an
//! indicator whose `pattern_type` is not `stix` (Sigma, YARA, Snort…).
//!
//! Markings: TLP 1.0 and 2.0 by their standard ids, and marking definitions in the bundle
//! (`definition_type` `tlp`, or the TLP 2.0 extension). An object's `object_marking_refs` and
//! the `granular_markings` on the properties a value or the text is read from (`pattern`,
//! `value`, `name`, `description`…) all apply: the notification takes the strictest of those
//! behind what was read. A bundle of marking definitions and other definitions alone is
//! counted and not stored.

use std::collections::HashMap;

use peel_core::Marking;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::pattern::{self, Op};
use super::{Draft, Read, Reads, items, quote, reject, str_of};
use crate::{NotificationType, Rejection};

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

/// The TLP 2.0 extension's id: a marking definition carrying it names its colour there.
const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// Object types that define rather than describe: a bundle of these alone gives nothing.
const DEFINITIONS: [&str; 4] = [
    "marking-definition",
    "extension-definition",
    "language-content",
    "identity",
];

/// The marking definitions a bundle may name: the standard ones, then its own (`None` for one
/// that is not a TLP marking, such as a statement).
fn marking_table(objects: &[&Value]) -> HashMap<String, Option<Marking>> {
    let mut table: HashMap<String, Option<Marking>> = STIX_TLP
        .iter()
        .map(|(id, m)| ((*id).to_owned(), Some(*m)))
        .collect();
    for object in objects {
        if str_of(object, "type") != Some("marking-definition") {
            continue;
        }
        let Some(id) = str_of(object, "id") else {
            continue;
        };
        let colour = match str_of(object, "definition_type") {
            Some("tlp") => object
                .get("definition")
                .and_then(|d| str_of(d, "tlp"))
                .map(str::to_owned),
            _ => object
                .get("extensions")
                .and_then(|e| e.get(TLP2_EXTENSION))
                .and_then(|e| str_of(e, "tlp_2_0"))
                .map(str::to_owned),
        }
        // A definition that says neither but is named for a TLP colour (`TLP:RED`) is taken at
        // its name: a marking is never read as less strict than it says it is.
        .or_else(|| {
            str_of(object, "name")
                .filter(|n| n.trim().to_ascii_uppercase().starts_with("TLP:"))
                .map(str::to_owned)
        });
        table
            .entry(id.to_owned())
            .or_insert(colour.as_deref().and_then(Marking::parse));
    }
    table
}

/// The markings on an object that apply to what is read from `properties`: its object
/// markings, and the granular markings whose selectors reach any of those properties.
fn markings_of(
    object: &Value,
    properties: &[&str],
    table: &HashMap<String, Option<Marking>>,
) -> Vec<Marking> {
    // A TLP marking as its definition says; a definition of another kind (a statement) marks
    // nothing; and a reference to a definition Peel has not seen fails closed, as TLP:RED, so
    // that a value is never shown at less than its sender marked it.
    let named = |r: &Value| match table.get(r.as_str()?) {
        Some(known) => *known,
        None => Some(Marking::Red),
    };
    let mut out: Vec<Marking> = items(object, "object_marking_refs")
        .filter_map(named)
        .collect();
    for granular in items(object, "granular_markings") {
        let Some(marking) = granular.get("marking_ref").and_then(named) else {
            continue;
        };
        let reaches = items(granular, "selectors")
            .filter_map(Value::as_str)
            .any(|s| {
                properties.iter().any(|p| {
                    s == *p || s.starts_with(&format!("{p}.")) || s.starts_with(&format!("{p}["))
                })
            });
        if reaches {
            out.push(marking);
        }
    }
    out
}

/// The Peel indicator for a value of an object path, when it is one Peel reads.
fn indicator_for(object: &str, property: &str, value: &str) -> Option<Value> {
    let address = |v: &str| {
        if v.contains('/') || v.contains('-') {
            json!({"type": "network", "value": v})
        } else {
            json!({"type": "ip", "value": v})
        }
    };
    let email_ref = ["from_ref.value", "sender_ref.value"].contains(&property)
        || ["to_refs[", "cc_refs[", "bcc_refs["]
            .iter()
            .any(|p| property.starts_with(p) && property.ends_with("].value"));
    match (object, property) {
        ("ipv4-addr" | "ipv6-addr", "value") => Some(address(value)),
        ("network-traffic", "src_ref.value" | "dst_ref.value") => Some(address(value)),
        ("domain-name", "value") => Some(json!({"type": "domain", "value": value})),
        ("url", "value") => Some(json!({"type": "url", "value": value})),
        ("email-addr", "value") => Some(json!({"type": "email", "value": value})),
        ("email-message", _) if email_ref => Some(json!({"type": "email", "value": value})),
        ("x-peel-phone-number", "value") => Some(json!({"type": "phone", "value": value})),
        _ => None,
    }
}

/// Reads an indicator's pattern into the draft; whether anything was read from it.
fn read_pattern(draft: &mut Draft, object: &Value, id: &str) -> bool {
    let place = format!("indicator {id}");
    let pattern_type = str_of(object, "pattern_type").unwrap_or("stix");
    if pattern_type != "stix" {
        draft.refuse(
            "stix.pattern_type",
            format!(
                "{place}: its pattern is {}, and only STIX patterns are read",
                quote(pattern_type, 40)
            ),
        );
        return false;
    }
    let Some(text) = str_of(object, "pattern") else {
        return false;
    };
    let terms = match pattern::terms(text) {
        Ok(terms) => terms,
        Err(why) => {
            draft.refuse(
                "stix.pattern_invalid",
                format!("{place}: its pattern cannot be read: {why}"),
            );
            return false;
        }
    };
    let mut read = false;
    let mut accounts: HashMap<usize, (Option<String>, Option<String>)> = HashMap::new();
    for term in &terms {
        let exact = !term.negated && matches!(term.op, Op::Equal | Op::In);
        if term.object == "x-peel-bank-account" && exact {
            let slot = accounts.entry(term.observation).or_default();
            let value = term.values.first().cloned();
            match term.property.as_str() {
                "sort_code" => slot.0 = value,
                "account_number" => slot.1 = value,
                _ => {}
            }
            continue;
        }
        for value in &term.values {
            let network = term.op == Op::IsSubset && !term.negated;
            let Some(indicator) = indicator_for(&term.object, &term.property, value) else {
                continue;
            };
            if exact {
                draft.value(&place, value, indicator);
                read = true;
            } else if network && indicator.get("type").is_some() {
                draft.value(&place, value, json!({"type": "network", "value": value}));
                read = true;
            } else {
                let op = match term.op {
                    Op::Equal => "=",
                    Op::In => "IN",
                    Op::IsSubset => "ISSUBSET",
                    Op::Other(op) => op,
                };
                let not = if term.negated { "NOT " } else { "" };
                draft.refuse(
                    "stix.pattern_operator",
                    format!(
                        "{place}: {}:{} {not}{op} {} is not an exact value, so nothing is \
                         matched on it",
                        term.object,
                        term.property,
                        quote(value, 80)
                    ),
                );
            }
        }
    }
    let mut observations: Vec<_> = accounts.into_iter().collect();
    observations.sort_unstable_by_key(|(at, _)| *at);
    for (_, pair) in observations {
        match pair {
            (Some(sort), Some(account)) => {
                let sent = format!("{sort} {account}");
                draft.value(
                    &place,
                    &sent,
                    json!({"type": "bank-account", "sort_code": sort, "account": account}),
                );
                read = true;
            }
            (sort, account) => draft.refuse(
                "indicator.bank_account_incomplete",
                format!(
                    "{place}: {} refused: a bank account needs sort_code and account_number",
                    quote(sort.or(account).as_deref().unwrap_or_default(), 40)
                ),
            ),
        }
    }
    read
}

/// Reads an observable into the draft; whether anything was read from it.
fn read_observable(draft: &mut Draft, object: &Value, kind: &str, id: &str) -> bool {
    let place = format!("{kind} {id}");
    if kind == "x-peel-bank-account" {
        let (Some(sort), Some(account)) = (
            str_of(object, "sort_code"),
            str_of(object, "account_number"),
        ) else {
            return false;
        };
        let sent = format!("{sort} {account}");
        draft.value(
            &place,
            &sent,
            json!({"type": "bank-account", "sort_code": sort, "account": account}),
        );
        return true;
    }
    match str_of(object, "value").and_then(|v| Some((v, indicator_for(kind, "value", v)?))) {
        Some((value, indicator)) => {
            draft.value(&place, value, indicator);
            true
        }
        None => false,
    }
}

/// The id a bundle is kept by. A bundle's own id is transient (STIX 2.1, 8.1: tools mint a new
/// one each time, and OASIS's own samples reuse theirs for different content), so the incident
/// is known by its report, incident or grouping when there is one (sent again, with a newer
/// `modified`, it updates what is held); otherwise by the bundle's id with a digest of the ids
/// of what it describes, so that two different bundles under one id are not taken for one.
fn own_id(bundle: &str, described: &[&Value]) -> String {
    if let Some(story) = described
        .iter()
        .find(|o| matches!(str_of(o, "type"), Some("report" | "incident" | "grouping")))
        .and_then(|o| str_of(o, "id"))
    {
        return story.to_owned();
    }
    let mut ids: Vec<&str> = described.iter().filter_map(|o| str_of(o, "id")).collect();
    ids.sort_unstable();
    // FNV-1a: a stable digest to tell contents apart, not a defence against anyone.
    let digest = ids
        .iter()
        .flat_map(|id| id.bytes().chain([0]))
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("{bundle}#{digest:016x}")
}

fn seconds(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp)
}

/// A STIX 2.1 bundle (or one STIX object) as a notification.
pub fn from_stix(text: &str, line: u64, now: OffsetDateTime) -> Reads {
    vec![bundle_of(text, line, now)]
}

fn bundle_of(text: &str, line: u64, now: OffsetDateTime) -> Result<Read, Rejection> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| reject(line, "line.not_json", e.to_string()))?;
    // A bundle; or one STIX object, or a list of them, as some tools write definitions.
    let stix_object = |v: &Value| str_of(v, "type").is_some() && str_of(v, "id").is_some();
    let (id, objects): (Option<&str>, Vec<&Value>) = match &root {
        Value::Array(list) if !list.is_empty() && list.iter().all(stix_object) => {
            (None, list.iter().collect())
        }
        _ if str_of(&root, "type") == Some("bundle") => {
            (str_of(&root, "id"), items(&root, "objects").collect())
        }
        _ if stix_object(&root) && str_of(&root, "spec_version").is_some() => {
            (str_of(&root, "id"), vec![&root])
        }
        _ => {
            return Err(reject(
                line,
                "stix.not_bundle",
                "a STIX 2.1 bundle (or STIX objects) is expected",
            ));
        }
    };
    let described: Vec<&Value> = objects
        .iter()
        .copied()
        .filter(|o| !str_of(o, "type").is_some_and(|t| DEFINITIONS.contains(&t)))
        .collect();
    if described.is_empty() {
        return Ok(Read::Nothing {
            code: "stix.definitions_only",
            message: format!(
                "the bundle holds {} definitions (markings, extensions, identities) and nothing \
                 that describes an incident; nothing was stored",
                objects.len()
            ),
        });
    }
    let id = id.ok_or_else(|| {
        reject(
            line,
            "stix.id_missing",
            "the bundle needs its id (objects listed outside a bundle have none to keep them by)",
        )
    })?;
    let table = marking_table(&objects);
    let mut draft = Draft::new(line, &own_id(id, &described));
    draft.version = objects
        .iter()
        .filter_map(|o| str_of(o, "modified").and_then(seconds))
        .max();
    let story = described
        .iter()
        .find(|o| matches!(str_of(o, "type"), Some("report" | "incident" | "grouping")));
    if let Some(story) = story {
        draft.text = [str_of(story, "name"), str_of(story, "description")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
        draft.markings.extend(markings_of(
            story,
            &["name", "description", "created"],
            &table,
        ));
    }
    draft.occurred_at = story
        .and_then(|o| str_of(o, "created"))
        .or_else(|| described.iter().find_map(|o| str_of(o, "valid_from")))
        .or_else(|| described.iter().find_map(|o| str_of(o, "created")))
        .unwrap_or_default()
        .to_owned();
    draft.kind = described
        .iter()
        .flat_map(|o| items(o, "labels"))
        .filter_map(Value::as_str)
        .find(|l| NotificationType::parse(l).is_some())
        .unwrap_or("other")
        .to_owned();
    let mut read_any = false;
    for object in &described {
        let kind = str_of(object, "type").unwrap_or_default();
        let object_id = str_of(object, "id").unwrap_or(kind);
        let (read, properties): (bool, &[&str]) = if kind == "indicator" {
            (
                read_pattern(&mut draft, object, object_id),
                &["pattern", "pattern_type"],
            )
        } else {
            (
                read_observable(&mut draft, object, kind, object_id),
                &["value", "sort_code", "account_number"],
            )
        };
        if read {
            read_any = true;
            draft
                .markings
                .extend(markings_of(object, properties, &table));
        }
    }
    if !read_any && story.is_none() {
        if let Some(first) = draft.refusals().first() {
            // Everything that could have been read was refused: the bundle is, for that reason.
            let mut refusal = first.clone();
            let more = draft.refusals().len() - 1;
            if more > 0 {
                refusal.message = format!("{} (and {more} more refused)", refusal.message);
            }
            return Err(refusal);
        }
        return Ok(Read::Nothing {
            code: "stix.nothing_read",
            message: format!(
                "the bundle's {} objects hold no report or incident and no value Peel reads \
                 (file hashes and the like are not indicators here); nothing was stored",
                described.len()
            ),
        });
    }
    draft.finish(now)
}
