//! Finding indicators in free text, each with where it was found.

use std::sync::OnceLock;

use regex::Regex;

use crate::normalise::{self, Kind};

/// One indicator found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Its kind.
    pub kind: Kind,
    /// Its canonical value.
    pub value: String,
    /// Byte range of the text it was read from.
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
}

struct Patterns {
    email: Regex,
    url: Regex,
    phone: Regex,
    bank: Regex,
    iban: Regex,
    card: Regex,
    bitcoin: Regex,
    ethereum: Regex,
    ip: Regex,
    handle: Regex,
    postcode: Regex,
    vehicle: Regex,
    venue: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static PATTERNS: OnceLock<Option<Patterns>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            Some(Patterns {
                email: Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+").ok()?,
                url: Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>\x22]+").ok()?,
                phone: Regex::new(r"(?:\+|\b00|\b0)[0-9][0-9 ()\-]{8,16}[0-9]\b").ok()?,
                bank: Regex::new(r"\b(\d{2}[- ]?\d{2}[- ]?\d{2})[ ,;:/]+(?:(?i:a/?c|account|acc)[a-z .:#]*)?(\d{3,4} ?\d{4})\b").ok()?,
                iban: Regex::new(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b").ok()?,
                card: Regex::new(r"\b(?:\d[ \-]?){12,18}\d\b").ok()?,
                bitcoin: Regex::new(r"\b(?:bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})\b").ok()?,
                ethereum: Regex::new(r"\b0x[0-9a-fA-F]{40}\b").ok()?,
                ip: Regex::new(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b").ok()?,
                handle: Regex::new(r"(?:^|[\s(])@([A-Za-z0-9_.]{2,30})\b").ok()?,
                postcode: Regex::new(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b").ok()?,
                vehicle: Regex::new(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b").ok()?,
                // One to four capitalised words, then what the place is.
                venue: Regex::new(r"\b(?:(?:St\.?|[A-Z][a-z'\u{2019}]+)\s+){1,4}(?:(?:Primary|Secondary|Junior|Infant|High|Grammar|Free|Community)\s+)?(?:School|Academy|College|Estate|Leisure Centre|Community Centre|Youth Club|Library|Park|Station|Hospital|Mosque|Church|Temple|Synagogue|Gurdwara)\b").ok()?,
            })
        })
        .as_ref()
}

/// Every indicator in `text`, in order of position. Card numbers are reduced under `card_key`;
/// numbers that fail their checks (Luhn, mod-97, lengths) are not indicators.
pub fn extract(text: &str, card_key: &[u8]) -> Vec<Extracted> {
    let Some(p) = patterns() else {
        return Vec::new();
    };
    let mut found: Vec<Extracted> = Vec::new();
    let mut push = |kind: Kind, value: Option<String>, start: usize, end: usize| {
        if let Some(value) = value {
            found.push(Extracted {
                kind,
                value,
                start,
                end,
            });
        }
    };
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let overlaps = |taken: &[(usize, usize)], start: usize, end: usize| {
        taken.iter().any(|(s, e)| start < *e && *s < end)
    };
    for m in p.email.find_iter(text) {
        let value = normalise::email(m.as_str());
        if let Some(domain) = value.as_deref().and_then(normalise::domain_of) {
            push(Kind::Domain, Some(domain), m.start(), m.end());
        }
        push(Kind::Email, value, m.start(), m.end());
        taken.push((m.start(), m.end()));
    }
    for m in p.url.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        let value = normalise::url(m.as_str());
        if let Some(domain) = value.as_deref().and_then(normalise::domain_of) {
            push(Kind::Domain, Some(domain), m.start(), m.end());
        }
        push(Kind::Url, value, m.start(), m.end());
        taken.push((m.start(), m.end()));
    }
    for m in p.iban.find_iter(text) {
        if let Some(value) = normalise::iban(m.as_str()) {
            push(Kind::Iban, Some(value), m.start(), m.end());
            taken.push((m.start(), m.end()));
        }
    }
    for c in p.bank.captures_iter(text) {
        let (Some(all), Some(sort), Some(account)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if overlaps(&taken, all.start(), all.end()) {
            continue;
        }
        if let Some(value) = normalise::sort_code_account(sort.as_str(), account.as_str()) {
            push(Kind::BankAccount, Some(value), all.start(), all.end());
            taken.push((all.start(), all.end()));
        }
    }
    for m in p.card.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Some(key) = normalise::card(m.as_str(), card_key) {
            push(Kind::Card, Some(key.value()), m.start(), m.end());
            taken.push((m.start(), m.end()));
        }
    }
    for m in p.phone.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Some(value) = normalise::phone(m.as_str()) {
            push(Kind::Phone, Some(value), m.start(), m.end());
            taken.push((m.start(), m.end()));
        }
    }
    for m in p.ethereum.find_iter(text) {
        push(
            Kind::Ethereum,
            Some(m.as_str().to_ascii_lowercase()),
            m.start(),
            m.end(),
        );
        taken.push((m.start(), m.end()));
    }
    for m in p.bitcoin.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        // Legacy addresses are case-sensitive; bech32 ones are written in lower case.
        push(
            Kind::Bitcoin,
            Some(m.as_str().to_owned()),
            m.start(),
            m.end(),
        );
    }
    for m in p.ip.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Ok(address) = m.as_str().parse::<std::net::IpAddr>() {
            push(
                Kind::IpAddress,
                Some(address.to_string()),
                m.start(),
                m.end(),
            );
        }
    }
    for c in p.handle.captures_iter(text) {
        let Some(name) = c.get(1) else { continue };
        if overlaps(&taken, name.start(), name.end()) {
            continue;
        }
        let handle = name.as_str().trim_end_matches('.').to_lowercase();
        push(
            Kind::Handle,
            Some(format!("@{handle}")),
            name.start() - 1,
            name.end(),
        );
    }
    for m in p.postcode.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Ok(postcode) = peel_core::postcode::Postcode::parse(m.as_str()) {
            push(
                Kind::Postcode,
                Some(postcode.to_string()),
                m.start(),
                m.end(),
            );
            taken.push((m.start(), m.end()));
        }
    }
    for m in p.vehicle.find_iter(text) {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        push(
            Kind::Vehicle,
            normalise::vehicle(m.as_str()),
            m.start(),
            m.end(),
        );
    }
    for m in p.venue.find_iter(text) {
        push(
            Kind::Venue,
            normalise::venue(m.as_str()),
            m.start(),
            m.end(),
        );
    }
    found.sort_by_key(|e| (e.start, e.kind));
    found
}

#[cfg(test)]
mod tests;
