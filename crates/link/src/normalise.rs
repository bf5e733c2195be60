//! One canonical form per indicator kind. Every function returns `None` for input that is not
//! a valid value of its kind, and is idempotent on its own output.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The kinds of indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Phone number, E.164 (`+447700900982`).
    Phone,
    /// Email address, lower case.
    Email,
    /// URL, scheme and host lower case, no fragment.
    Url,
    /// Registrable domain of a URL or email (`example.co.uk`).
    Domain,
    /// UK sort code and account number (`123456-12345678`).
    BankAccount,
    /// IBAN, upper case without spaces, mod-97 checked.
    Iban,
    /// Payment card: BIN, last four and a keyed hash, never the number.
    Card,
    /// Bitcoin address.
    Bitcoin,
    /// Ethereum address, lower case.
    Ethereum,
    /// UK vehicle registration, upper case without spaces.
    Vehicle,
    /// IPv4 or IPv6 address in its standard text form.
    IpAddress,
    /// Social media handle, lower case with `@`.
    Handle,
    /// A block of IP addresses: a CIDR network (`58.246.0.0/15`, host bits cleared) or a range
    /// (`192.0.2.10-192.0.2.20`), as threat-intelligence feeds send them.
    Network,
    /// UK postcode, canonical.
    Postcode,
    /// A named school, estate or venue (`hackney downs school`), lower case, single spaces.
    Venue,
    /// An evidence file, by its SHA-256 (lower-case hex): the same file sent with two reports.
    File,
    /// A photograph's perceptual (difference) hash, 16 hex digits: near-identical pictures.
    Image,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 17] = [
        Kind::Phone,
        Kind::Email,
        Kind::Url,
        Kind::Domain,
        Kind::BankAccount,
        Kind::Iban,
        Kind::Card,
        Kind::Bitcoin,
        Kind::Ethereum,
        Kind::Vehicle,
        Kind::IpAddress,
        Kind::Handle,
        Kind::Network,
        Kind::Postcode,
        Kind::Venue,
        Kind::File,
        Kind::Image,
    ];

    /// The kind with this slug.
    pub fn from_slug(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The kind in words, for people (`bank account`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Phone => "phone number",
            Kind::Email => "email address",
            Kind::Url => "web address",
            Kind::Domain => "website domain",
            Kind::BankAccount => "bank account",
            Kind::Iban => "IBAN",
            Kind::Card => "payment card",
            Kind::Bitcoin => "Bitcoin address",
            Kind::Ethereum => "Ethereum address",
            Kind::Vehicle => "vehicle registration",
            Kind::IpAddress => "IP address",
            Kind::Handle => "social media handle",
            Kind::Network => "block of IP addresses",
            Kind::Postcode => "postcode",
            Kind::Venue => "school, estate or venue",
            Kind::File => "evidence file (the same SHA-256)",
            Kind::Image => "picture (the same by its perceptual hash)",
        }
    }

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Url => "url",
            Kind::Domain => "domain",
            Kind::BankAccount => "bank_account",
            Kind::Iban => "iban",
            Kind::Card => "card",
            Kind::Bitcoin => "bitcoin",
            Kind::Ethereum => "ethereum",
            Kind::Vehicle => "vehicle",
            Kind::IpAddress => "ip",
            Kind::Handle => "handle",
            Kind::Network => "network",
            Kind::Postcode => "postcode",
            Kind::Venue => "venue",
            Kind::File => "file",
            Kind::Image => "image",
        }
    }
}

/// A UK or international phone number in E.164. UK numbers may be written `07700 900982`,
/// `+44 (0)7700 900982`, `0044 7700 900982` or `447700900982`.
pub fn phone(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-().".contains(c)))
    {
        return None;
    }
    // "+44 (0)20 …": the bracketed trunk zero is dropped.
    let digits = if (plus || digits.starts_with("44")) && trimmed.contains("(0)") {
        digits.replacen("440", "44", 1)
    } else {
        digits
    };
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("44{rest}")
    } else if digits.starts_with("44") && digits.len() == 12 {
        digits
    } else {
        return None;
    };
    let national_ok = match international.strip_prefix("44") {
        Some(uk) => uk.len() == 10 && !uk.starts_with('0'),
        None => (8..=15).contains(&international.len()),
    };
    (national_ok && !international.starts_with('0')).then(|| format!("+{international}"))
}

/// An email address, trimmed and lower-cased (local parts are treated as case-insensitive, as
/// nearly every provider does).
pub fn email(text: &str) -> Option<String> {
    let lower = text
        .trim()
        .trim_matches(|c| c == '<' || c == '>')
        .to_lowercase();
    let (local, domain) = lower.rsplit_once('@')?;
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.chars().any(|c| c.is_whitespace() || c == '@');
    (domain_ok && local_ok).then(|| format!("{local}@{}", domain.trim_end_matches('.')))
}

/// A URL with its scheme and host lower-cased, `www.` kept, the fragment and a trailing slash
/// on an empty path dropped; `http` is assumed when no scheme is written.
pub fn url(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_end_matches(['.', ',', ')', ']']);
    let (scheme, rest) = match trimmed.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => ("http".to_owned(), trimmed),
    };
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = host.to_lowercase();
    let host_only = host.split(':').next().unwrap_or_default();
    if !host_only.contains('.')
        || host_only
            .split('.')
            .any(|l| l.is_empty() || !l.chars().all(|c| c.is_alphanumeric() || c == '-'))
    {
        return None;
    }
    let path = if path == "/" { "" } else { path };
    Some(format!("{scheme}://{host}{path}"))
}

/// A host name as a feed sends it (`www.Example.com.`), lower case without the final dot, or
/// `None` when it is not one: each label 1 to 63 letters, digits, `-` or `_` (not starting or
/// ending with `-`), at least two labels, at most 253 characters, and not an IP address.
pub fn host(text: &str) -> Option<String> {
    let host = text.trim().trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    let numeric_top = labels
        .last()
        .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
    (labels.len() >= 2 && host.len() <= 253 && labels.iter().all(label_ok) && !numeric_top)
        .then_some(host)
}

/// A block of IP addresses: a CIDR network (`58.246.1.2/15` is kept as `58.246.0.0/15`, the
/// network it names) or a range of one family written `first-last` with `first <= last`.
pub fn network(text: &str) -> Option<String> {
    use std::net::IpAddr;
    let text = text.trim();
    if let Some((address, prefix)) = text.split_once('/') {
        let address: IpAddr = address.trim().parse().ok()?;
        let prefix: u8 = prefix.trim().parse().ok()?;
        return match address {
            IpAddr::V4(v4) if prefix <= 32 => {
                let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
                let network = std::net::Ipv4Addr::from(u32::from(v4) & mask);
                Some(format!("{network}/{prefix}"))
            }
            IpAddr::V6(v6) if prefix <= 128 => {
                let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
                let network = std::net::Ipv6Addr::from(u128::from(v6) & mask);
                Some(format!("{network}/{prefix}"))
            }
            _ => None,
        };
    }
    let (first, last) = text.split_once('-')?;
    let (first, last): (IpAddr, IpAddr) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    (first.is_ipv4() == last.is_ipv4() && first <= last).then(|| format!("{first}-{last}"))
}

/// Second-level suffixes under which registrable domains sit one label deeper. A full Public
/// Suffix List cannot be fetched at run time; these cover the UK and the commonest others.
const TWO_LABEL_SUFFIXES: &[&str] = &[
    "co.uk",
    "org.uk",
    "gov.uk",
    "ac.uk",
    "ltd.uk",
    "plc.uk",
    "me.uk",
    "net.uk",
    "nhs.uk",
    "police.uk",
    "sch.uk",
    "com.au",
    "co.nz",
    "co.za",
    "com.br",
    "co.in",
    "co.jp",
];

/// The registrable domain of a host name (`login.secure.example.co.uk` → `example.co.uk`).
pub fn registrable_domain(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    let host = host.split(':').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || labels.iter().any(|l| l.is_empty())
        || host.parse::<std::net::IpAddr>().is_ok()
    {
        return None;
    }
    let last_two = labels.get(labels.len() - 2..)?.join(".");
    let take = if TWO_LABEL_SUFFIXES.contains(&last_two.as_str()) {
        3
    } else {
        2
    };
    if labels.len() < take {
        return None;
    }
    Some(labels.get(labels.len() - take..)?.join("."))
}

/// The registrable domain of a normalised URL or email.
pub fn domain_of(value: &str) -> Option<String> {
    if let Some((_, domain)) = value.rsplit_once('@') {
        return registrable_domain(domain);
    }
    let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
    registrable_domain(rest.split(['/', '?']).next().unwrap_or_default())
}

/// A UK sort code (6 digits, any of `12-34-56`, `12 34 56`, `123456`) and an 8-digit account
/// number (7-digit numbers are padded with a leading zero, as banks do) as `123456-12345678`.
pub fn sort_code_account(sort_code: &str, account: &str) -> Option<String> {
    let sort: String = sort_code
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect();
    let account: String = account
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect();
    if sort.len() != 6 || !sort.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !(7..=8).contains(&account.len()) || !account.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{sort}-{account:0>8}"))
}

/// An IBAN, upper case without spaces, only when its mod-97 check holds.
pub fn iban(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if !(15..=34).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (head, tail) = compact.split_at(4);
    if !head.chars().take(2).all(|c| c.is_ascii_uppercase())
        || !head.chars().skip(2).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let value = c.to_digit(36)?;
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    (remainder == 1).then_some(compact)
}

/// A payment card kept as its BIN (first six), its last four and a keyed hash of the whole
/// number: never the number itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardKey {
    /// First six digits.
    pub bin: String,
    /// Last four digits.
    pub last_four: String,
    /// HMAC-SHA256 of the digits under the force's key, hex.
    pub keyed_hash: String,
}

impl CardKey {
    /// The canonical indicator value: `BIN…LAST4#hash`.
    pub fn value(&self) -> String {
        format!("{}…{}#{}", self.bin, self.last_four, self.keyed_hash)
    }
}

/// A payment card number (13 to 19 digits, spaces or hyphens allowed) that passes the Luhn
/// check, reduced to a [`CardKey`] under `key`.
pub fn card(text: &str, key: &[u8]) -> Option<CardKey> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !(13..=19).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return None;
    }
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()?;
    mac.update(digits.as_bytes());
    Some(CardKey {
        bin: digits.get(..6)?.to_owned(),
        last_four: digits.get(digits.len() - 4..)?.to_owned(),
        keyed_hash: hex::encode(mac.finalize().into_bytes()),
    })
}

/// A UK vehicle registration, current (`AB12 CDE`) or older (prefix `A123 BCD`, suffix
/// `ABC 123D`, dateless), upper case without spaces.
pub fn vehicle(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if !(2..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let shape: String = compact
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { 'A' })
        .collect();
    let current = shape == "AA99AAA";
    let prefix = matches!(shape.as_str(), "A9AAA" | "A99AAA" | "A999AAA");
    let suffix = matches!(shape.as_str(), "AAA9A" | "AAA99A" | "AAA999A");
    (current || prefix || suffix).then_some(compact)
}

#[cfg(test)]
mod tests;

/// A named school, estate or venue as one canonical string: lower case, `st.` as `st`, single
/// spaces, the possessive apostrophe kept (`st mary's primary school`).
pub fn venue(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.to_lowercase()
                .replace(['\u{2019}', '`'], "'")
                .trim_end_matches(['.', ','])
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect();
    (words.len() >= 2).then(|| words.join(" "))
}
