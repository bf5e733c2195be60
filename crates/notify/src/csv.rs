//! CSV from an organisation's own system, mapped onto the Peel format by its header: each column
//! is a Peel field (`id`, `type`, `occurred_at`, `postcode`, `online`, `phone`, `email`, `url`,
//! `sort_code`, `account`, `iban`, `card_bin`, `card_last4`, `wallet`, `vehicle`, `ip`,
//! `handle`, `amount`, `currency`, `age_band`, `text`, `marking`), or is renamed to one by a
//! mapping such as `Case Ref=id,Payee Sort Code=sort_code`. A cell may hold several values of
//! an indicator separated by `;`. Each row becomes one Peel line and is read by the same checks.

use serde_json::{Value, json};

/// The Peel fields a column may be.
pub const FIELDS: [&str; 22] = [
    "id",
    "type",
    "occurred_at",
    "postcode",
    "online",
    "phone",
    "email",
    "url",
    "sort_code",
    "account",
    "iban",
    "card_bin",
    "card_last4",
    "wallet",
    "vehicle",
    "ip",
    "handle",
    "amount",
    "currency",
    "age_band",
    "text",
    "marking",
];

/// The Peel field of each column, from the header and a mapping (`their name=field,…`).
pub fn columns(header: &[&str], mapping: &str) -> Result<Vec<&'static str>, String> {
    let mut renames: Vec<(String, String)> = Vec::new();
    for pair in mapping.split(',').filter(|p| !p.trim().is_empty()) {
        let (theirs, ours) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not THEIR_COLUMN=peel_field"))?;
        renames.push((theirs.trim().to_owned(), ours.trim().to_owned()));
    }
    header
        .iter()
        .map(|name| {
            let name = name.trim();
            let ours = renames
                .iter()
                .find(|(theirs, _)| theirs == name)
                .map_or(name, |(_, ours)| ours.as_str());
            FIELDS.iter().find(|f| **f == ours).copied().ok_or_else(|| {
                format!("the column {name:?} is not a Peel field and is not mapped to one")
            })
        })
        .collect()
}

/// One row as a Peel line.
pub fn row_to_line(columns: &[&'static str], row: &[&str]) -> String {
    let get = |field: &str| -> Option<&str> {
        columns
            .iter()
            .position(|c| *c == field)
            .and_then(|at| row.get(at))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    };
    let many = |field: &str| -> Vec<&str> {
        get(field)
            .map(|v| {
                v.split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut indicators: Vec<Value> = Vec::new();
    for (field, kind) in [
        ("phone", "phone"),
        ("email", "email"),
        ("url", "url"),
        ("iban", "iban"),
        ("wallet", "wallet"),
        ("vehicle", "vehicle"),
        ("ip", "ip"),
        ("handle", "handle"),
    ] {
        indicators.extend(
            many(field)
                .into_iter()
                .map(|v| json!({"type": kind, "value": v})),
        );
    }
    for (sort, account) in many("sort_code").into_iter().zip(many("account")) {
        indicators.push(json!({"type": "bank-account", "sort_code": sort, "account": account}));
    }
    for (bin, last4) in many("card_bin").into_iter().zip(many("card_last4")) {
        indicators.push(json!({"type": "card", "bin": bin, "last4": last4}));
    }
    let mut line = json!({
        "version": crate::FORMAT_VERSION,
        "id": get("id").unwrap_or_default(),
        "type": get("type").unwrap_or_default(),
        "occurred_at": get("occurred_at").unwrap_or_default(),
        "indicators": indicators,
        "text": get("text").unwrap_or_default(),
    });
    let Some(object) = line.as_object_mut() else {
        return line.to_string();
    };
    if let Some(postcode) = get("postcode") {
        object.insert("where".into(), json!({"postcode": postcode}));
    } else if get("online")
        .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "yes" | "1"))
    {
        object.insert("where".into(), json!({"online": true}));
    }
    if let Some(amount) = get("amount") {
        object.insert(
            "amount".into(),
            json!({"value": amount, "currency": get("currency").unwrap_or("GBP")}),
        );
    }
    if let Some(band) = get("age_band") {
        object.insert("victim".into(), json!({"age_band": band}));
    }
    if let Some(marking) = get("marking") {
        // A spreadsheet's `amber` or `tlp:red` is written as the format's label; anything
        // else is left as sent, for the reader to refuse with its reason.
        let label = peel_core::Marking::parse(marking).map_or(marking, |m| m.label());
        object.insert("marking".into(), label.into());
    }
    line.to_string()
}
