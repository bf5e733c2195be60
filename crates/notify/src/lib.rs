//! The Peel notification format: one JSON object per line, each an organisation's report of an
//! incident (a fraud, a money mule, a scam contact, online harm), with typed indicators, a
//! marking, and the organisation's own id so a re-sent file creates nothing twice.
//! `schemas/notification.schema.json` documents it; this crate reads it.
//!
//! Every line gets a verdict: a checked [`Notification`] with its indicators in canonical form,
//! or a [`Rejection`] naming the line and a stable reason code. Pure: no IO, the time is passed in.

pub mod csv;
pub mod documents;
pub mod generate;
pub mod mappers;

#[cfg(test)]
mod tests;

use peel_core::Marking;
use peel_link::Kind;
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use generate::generate;
pub use peel_core::notification::{NotificationType, retention};

/// The version of the format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The longest line read, in bytes; longer lines are rejected, not read.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// The largest MISP event or STIX bundle read, in bytes, from a file and over HTTP alike;
/// larger documents are rejected, not read.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// The longest text a notification keeps, in characters (as the schema's `maxLength` counts).
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most indicators one Peel line may carry.
pub const MAX_INDICATORS: usize = 100;

/// The most indicators kept from one MISP event or STIX bundle (a feed's event may carry
/// hundreds of addresses; beyond this each is refused by value, with its reason).
pub const MAX_MAPPED_INDICATORS: usize = 2_000;

/// Where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A UK postcode.
    Postcode(peel_core::postcode::Postcode),
    /// Online.
    Online,
    /// Not given.
    Unknown,
}

/// One indicator, canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Its kind.
    pub kind: Kind,
    /// Its canonical value (cards: `BIN…LAST4`, the only card detail an organisation sends).
    pub value: String,
}

/// A checked notification.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// The organisation's own id for it (unique per organisation).
    pub own_id: String,
    /// What kind of incident.
    pub kind: NotificationType,
    /// When it happened.
    pub occurred_at: OffsetDateTime,
    /// Where.
    pub place: Place,
    /// The indicators, canonical, without repeats.
    pub indicators: Vec<Indicator>,
    /// The amount lost or moved, in minor units (pence), with its ISO 4217 currency.
    pub amount: Option<(i64, String)>,
    /// The victim's age band, where the sharing agreement allows.
    pub victim_age_band: Option<String>,
    /// What happened, in the organisation's words.
    pub text: String,
    /// The marking, when the line gives one (otherwise the organisation's default applies).
    pub marking: Option<Marking>,
}

/// Why a line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The line number (from 1).
    pub line: u64,
    /// A stable reason code, such as `indicator.iban_checksum`.
    pub code: &'static str,
    /// The reason in words.
    pub message: String,
}

/// The raw shape of a line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    occurred_at: String,
    #[serde(default, rename = "where")]
    place: Option<RawPlace>,
    #[serde(default)]
    indicators: Vec<RawIndicator>,
    #[serde(default)]
    amount: Option<RawAmount>,
    #[serde(default)]
    victim: Option<RawVictim>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    marking: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    #[serde(default)]
    postcode: Option<String>,
    #[serde(default)]
    online: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    sort_code: Option<String>,
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    bin: Option<String>,
    #[serde(default)]
    last4: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    value: String,
    currency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVictim {
    #[serde(default)]
    age_band: Option<String>,
}

/// The age bands the format allows.
pub const AGE_BANDS: [&str; 8] = [
    "under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-plus",
];

fn reject(line: u64, code: &'static str, message: impl Into<String>) -> Rejection {
    Rejection {
        line,
        code,
        message: message.into(),
    }
}

/// Pence from a decimal amount such as `950`, `950.5` or `950.50` (exactly as the schema's
/// pattern says: no spaces, at most two decimals).
fn minor_units(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let pounds: i64 = whole.parse().ok()?;
    let pence: i64 = format!("{fraction:0<2}").parse().ok()?;
    pounds.checked_mul(100)?.checked_add(pence)
}

/// Reads one indicator written as the Peel format writes it (`{"type": "ip", "value": …}`),
/// with the reason it is refused: for the mappers, which keep the good values of a document
/// and refuse the bad ones one by one.
pub fn indicator_of(line: u64, value: &serde_json::Value) -> Result<Indicator, Rejection> {
    let raw = RawIndicator::deserialize(value)
        .map_err(|e| reject(line, "indicator.wrong_shape", e.to_string()))?;
    indicator(line, &raw)
}

fn indicator(line: u64, raw: &RawIndicator) -> Result<Indicator, Rejection> {
    let value = || {
        raw.value.as_deref().ok_or_else(|| {
            reject(
                line,
                "indicator.value_missing",
                format!("a {} indicator needs a value", raw.kind),
            )
        })
    };
    let bad = |code: &'static str, what: &str| reject(line, code, format!("{what} is not valid"));
    let (kind, canonical) = match raw.kind.as_str() {
        "phone" => (
            Kind::Phone,
            peel_link::phone(value()?).ok_or_else(|| bad("indicator.phone", "the phone number"))?,
        ),
        "email" => (
            Kind::Email,
            peel_link::email(value()?)
                .ok_or_else(|| bad("indicator.email", "the email address"))?,
        ),
        "url" => (
            Kind::Url,
            peel_link::url(value()?).ok_or_else(|| bad("indicator.url", "the web address"))?,
        ),
        "iban" => (
            Kind::Iban,
            peel_link::iban(value()?).ok_or_else(|| {
                bad(
                    "indicator.iban_checksum",
                    "the IBAN (its check digits do not match)",
                )
            })?,
        ),
        "bank-account" => {
            let (Some(sort), Some(account)) = (raw.sort_code.as_deref(), raw.account.as_deref())
            else {
                return Err(reject(
                    line,
                    "indicator.bank_account_incomplete",
                    "a bank account needs sort_code and account",
                ));
            };
            (
                Kind::BankAccount,
                peel_link::sort_code_account(sort, account).ok_or_else(|| {
                    bad("indicator.bank_account", "the sort code and account number")
                })?,
            )
        }
        "card" => {
            if raw.value.is_some() {
                return Err(reject(
                    line,
                    "indicator.card_full_number",
                    "send a card's BIN and last four digits only, never the full number",
                ));
            }
            let (Some(bin), Some(last4)) = (raw.bin.as_deref(), raw.last4.as_deref()) else {
                return Err(reject(
                    line,
                    "indicator.card_incomplete",
                    "a card needs bin and last4",
                ));
            };
            let digits = |s: &str, n: &[usize]| {
                n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            if !digits(bin, &[6, 8]) || !digits(last4, &[4]) {
                return Err(bad(
                    "indicator.card",
                    "the card's BIN (6 or 8 digits) or last four digits",
                ));
            }
            (Kind::Card, format!("{bin}…{last4}"))
        }
        "wallet" => {
            let v = value()?.trim();
            if v.len() == 42
                && v.starts_with("0x")
                && v.bytes().skip(2).all(|b| b.is_ascii_hexdigit())
            {
                (Kind::Ethereum, v.to_ascii_lowercase())
            } else if (26..=74).contains(&v.len())
                && v.bytes().all(|b| b.is_ascii_alphanumeric())
                && (v.starts_with('1') || v.starts_with('3') || v.starts_with("bc1"))
            {
                (Kind::Bitcoin, v.to_owned())
            } else {
                return Err(bad("indicator.wallet", "the wallet address"));
            }
        }
        "vehicle" => (
            Kind::Vehicle,
            peel_link::vehicle(value()?)
                .ok_or_else(|| bad("indicator.vehicle", "the vehicle registration"))?,
        ),
        "ip" => {
            let ip: std::net::IpAddr = value()?
                .trim()
                .parse()
                .map_err(|_| bad("indicator.ip", "the IP address"))?;
            (Kind::IpAddress, ip.to_string())
        }
        "network" => (
            Kind::Network,
            peel_link::network(value()?).ok_or_else(|| {
                bad(
                    "indicator.network",
                    "the block of addresses (a CIDR network such as 192.0.2.0/24, or a range \
                     such as 192.0.2.10-192.0.2.20)",
                )
            })?,
        ),
        "domain" => (
            Kind::Domain,
            peel_link::host(value()?).ok_or_else(|| bad("indicator.domain", "the domain name"))?,
        ),
        "handle" => {
            let v = value()?.trim().trim_start_matches('@').to_lowercase();
            if v.is_empty() || v.len() > 64 || v.chars().any(char::is_whitespace) {
                return Err(bad("indicator.handle", "the handle"));
            }
            (Kind::Handle, format!("@{v}"))
        }
        other => {
            return Err(reject(
                line,
                "indicator.unknown_type",
                format!("{other:?} is not an indicator type"),
            ));
        }
    };
    Ok(Indicator {
        kind,
        value: canonical,
    })
}

/// Reads and checks one line. `now` bounds `occurred_at` (at most a day ahead, for clocks).
pub fn parse_line(text: &str, line: u64, now: OffsetDateTime) -> Result<Notification, Rejection> {
    if text.len() > MAX_LINE_BYTES {
        return Err(reject(
            line,
            "line.too_long",
            format!("the line is longer than {MAX_LINE_BYTES} bytes"),
        ));
    }
    checked(text, line, now, MAX_INDICATORS)
}

/// [`parse_line`] without the bound on the line's length and with another on the indicators,
/// for what the mappers make of a document (already bounded by [`MAX_DOCUMENT_BYTES`]).
pub(crate) fn checked(
    text: &str,
    line: u64,
    now: OffsetDateTime,
    most_indicators: usize,
) -> Result<Notification, Rejection> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() {
            "line.not_json"
        } else {
            "line.wrong_shape"
        };
        reject(line, code, e.to_string())
    })?;
    if raw.version != FORMAT_VERSION {
        return Err(reject(
            line,
            "line.version",
            format!("version {} is not {FORMAT_VERSION}", raw.version),
        ));
    }
    let own_id = raw.id.trim();
    if own_id.is_empty() || own_id.len() > 128 || own_id.chars().any(char::is_control) {
        return Err(reject(
            line,
            "id.invalid",
            "id must be 1 to 128 characters with no control characters",
        ));
    }
    let kind = NotificationType::parse(&raw.kind).ok_or_else(|| {
        reject(
            line,
            "type.unknown",
            format!("{:?} is not a notification type", raw.kind),
        )
    })?;
    let occurred_at = OffsetDateTime::parse(&raw.occurred_at, &Rfc3339).map_err(|_| {
        reject(
            line,
            "occurred_at.invalid",
            "occurred_at must be an RFC 3339 time",
        )
    })?;
    if occurred_at > now + time::Duration::days(1) {
        return Err(reject(
            line,
            "occurred_at.future",
            "occurred_at is in the future",
        ));
    }
    let place = match raw.place {
        None => Place::Unknown,
        Some(RawPlace {
            postcode: Some(p), ..
        }) => Place::Postcode(peel_core::postcode::Postcode::parse(&p).map_err(|_| {
            reject(
                line,
                "where.postcode",
                format!("{p:?} is not a UK postcode"),
            )
        })?),
        Some(RawPlace { online: true, .. }) => Place::Online,
        Some(_) => Place::Unknown,
    };
    let mut indicators: Vec<Indicator> = Vec::with_capacity(raw.indicators.len());
    if raw.indicators.len() > most_indicators {
        return Err(reject(
            line,
            "indicators.too_many",
            format!("at most {most_indicators} indicators per notification"),
        ));
    }
    for raw_indicator in &raw.indicators {
        let found = indicator(line, raw_indicator)?;
        if !indicators.contains(&found) {
            indicators.push(found);
        }
    }
    let amount = match raw.amount {
        None => None,
        Some(a) => {
            let pence = minor_units(&a.value).ok_or_else(|| {
                reject(
                    line,
                    "amount.invalid",
                    "amount.value must be a decimal such as 950.00",
                )
            })?;
            let currency = a.currency.to_ascii_uppercase();
            if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(reject(
                    line,
                    "amount.currency",
                    "amount.currency must be an ISO 4217 code such as GBP",
                ));
            }
            Some((pence, currency))
        }
    };
    let victim_age_band = match raw.victim.and_then(|v| v.age_band) {
        None => None,
        Some(band) if AGE_BANDS.contains(&band.as_str()) => Some(band),
        Some(band) => {
            return Err(reject(
                line,
                "victim.age_band",
                format!("{band:?} is not one of {}", AGE_BANDS.join(", ")),
            ));
        }
    };
    if raw.text.chars().count() > MAX_TEXT_CHARS {
        return Err(reject(
            line,
            "text.too_long",
            "text is longer than 10,000 characters",
        ));
    }
    // The schema's labels exactly (and TLP 1.0's WHITE, read as CLEAR); the lenient forms
    // (`amber`, `tlp:red`) are for MISP tags and spreadsheets, mapped before they get here.
    let exact =
        |label: &str| label == "TLP:WHITE" || Marking::ALL.iter().any(|m| m.label() == label);
    let marking = match raw.marking {
        None => None,
        Some(label) => Some(
            Marking::parse(&label)
                .filter(|_| exact(&label))
                .ok_or_else(|| {
                    reject(
                        line,
                        "marking.invalid",
                        format!("{label:?} is not a TLP marking"),
                    )
                })?,
        ),
    };
    Ok(Notification {
        own_id: own_id.to_owned(),
        kind,
        occurred_at,
        place,
        indicators,
        amount,
        victim_age_band,
        text: raw.text,
        marking,
    })
}
