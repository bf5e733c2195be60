//! Warning lists: values known to be harmless or shared by everyone (999, Action Fraud's number,
//! banks' websites, example domains, private network addresses), which must link nothing.
//!
//! Lists are read in MISP's warning-list format (JSON with `name`, `type`, `list` and optional
//! `matching_attributes`), so MISP's own lists work unchanged beside Peel's. The types are
//! `string` (the whole value), `hostname` (a domain and everything under it), `substring`,
//! `cidr` (IPv4 and IPv6 ranges) and `regex` (MISP's `/pattern/flags` form).

use std::collections::HashSet;
use std::net::IpAddr;

use regex::Regex;
use serde::Deserialize;

use crate::normalise::{self, Kind};

#[derive(Debug, Deserialize)]
struct MispList {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    list: Vec<String>,
    #[serde(default)]
    matching_attributes: Vec<String>,
}

#[derive(Debug, Clone)]
enum Matcher {
    Exact(HashSet<String>),
    Hostname(HashSet<String>),
    Substring(Vec<String>),
    Cidr(Vec<(IpAddr, u8)>),
    Regex(Vec<Regex>),
}

#[derive(Debug, Clone)]
struct List {
    name: String,
    kinds: Vec<Kind>,
    matcher: Matcher,
}

/// All warning lists loaded.
#[derive(Debug, Clone, Default)]
pub struct WarningLists {
    lists: Vec<List>,
}

/// The indicator kinds a MISP attribute type applies to.
fn kinds_of(attribute: &str) -> &'static [Kind] {
    match attribute {
        "ip-src" | "ip-dst" | "ip-src|port" | "ip-dst|port" | "ip" => &[Kind::IpAddress],
        "domain|ip" => &[Kind::IpAddress, Kind::Domain, Kind::Url],
        "domain" | "hostname" => &[Kind::Domain, Kind::Url],
        "url" | "uri" | "link" => &[Kind::Url],
        "email" | "email-src" | "email-dst" | "target-email" | "whois-registrant-email" => {
            &[Kind::Email]
        }
        "phone-number" | "whois-registrant-phone" => &[Kind::Phone],
        "btc" => &[Kind::Bitcoin],
        "iban" => &[Kind::Iban],
        "bank-account-nr" => &[Kind::BankAccount],
        _ => &[],
    }
}

fn host_of(kind: Kind, value: &str) -> Option<&str> {
    match kind {
        Kind::Domain => Some(value),
        Kind::Url => value
            .split_once("://")
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split(['/', '?', '#', ':']).next()),
        Kind::Email => value.rsplit_once('@').map(|(_, host)| host),
        _ => None,
    }
}

fn canonical(kind: Kind, entry: &str) -> String {
    let normalised = match kind {
        Kind::Phone => normalise::phone(entry),
        Kind::Email => normalise::email(entry),
        Kind::Iban => normalise::iban(entry),
        _ => None,
    };
    normalised.unwrap_or_else(|| entry.trim().to_lowercase())
}

fn cidr(entry: &str) -> Option<(IpAddr, u8)> {
    let (address, bits) = entry.split_once('/').unwrap_or((entry, ""));
    let address: IpAddr = address.trim().parse().ok()?;
    let max = if address.is_ipv4() { 32 } else { 128 };
    let bits = if bits.is_empty() {
        max
    } else {
        bits.trim().parse().ok()?
    };
    (bits <= max).then_some((address, bits))
}

fn in_range(value: IpAddr, (network, bits): (IpAddr, u8)) -> bool {
    match (value, network) {
        (IpAddr::V4(v), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(v) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(v), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(v) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// A MISP regular expression (`/pattern/flags`, or a bare pattern) as a Rust one.
fn misp_regex(entry: &str) -> Option<Regex> {
    let (pattern, flags) = match entry
        .strip_prefix('/')
        .and_then(|rest| rest.rsplit_once('/'))
    {
        Some((pattern, flags)) => (pattern, flags),
        None => (entry, ""),
    };
    let prefix = if flags.contains('i') { "(?i)" } else { "" };
    Regex::new(&format!("{prefix}{pattern}")).ok()
}

impl WarningLists {
    /// Peel's own lists, built in: UK helplines and public-service and example websites.
    pub fn bundled() -> WarningLists {
        let mut lists = WarningLists::new();
        for json in [
            include_str!("../assets/warninglists/uk-public-services.json"),
            include_str!("../assets/warninglists/uk-public-sites.json"),
        ] {
            // The bundled lists are checked by a test; a list that did not load would link
            // nothing fewer, never more.
            let _ = lists.add_misp(json);
        }
        lists
    }

    /// No lists.
    pub fn new() -> WarningLists {
        WarningLists::default()
    }

    /// Adds a list in MISP's warning-list format. Returns how many entries were loaded and
    /// how many were skipped (regular expressions Rust cannot compile, ranges that do not parse).
    pub fn add_misp(&mut self, json: &str) -> Result<(usize, usize), String> {
        let list: MispList =
            serde_json::from_str(json).map_err(|e| format!("not a MISP warning list: {e}"))?;
        let mut kinds: Vec<Kind> = list
            .matching_attributes
            .iter()
            .flat_map(|a| kinds_of(a).iter().copied())
            .collect();
        kinds.sort();
        kinds.dedup();
        if kinds.is_empty() {
            kinds = match list.kind.as_str() {
                "cidr" => vec![Kind::IpAddress],
                "hostname" => vec![Kind::Domain, Kind::Url, Kind::Email],
                _ => vec![
                    Kind::Phone,
                    Kind::Email,
                    Kind::Url,
                    Kind::Domain,
                    Kind::IpAddress,
                    Kind::Handle,
                ],
            };
        }
        let total = list.list.len();
        let matcher = match list.kind.as_str() {
            "string" => Matcher::Exact(
                list.list
                    .iter()
                    .flat_map(|e| kinds.iter().map(move |k| canonical(*k, e)))
                    .collect(),
            ),
            "hostname" => Matcher::Hostname(
                list.list
                    .iter()
                    .map(|e| e.trim().trim_start_matches('.').to_lowercase())
                    .collect(),
            ),
            "substring" => Matcher::Substring(list.list.iter().map(|e| e.to_lowercase()).collect()),
            "cidr" => Matcher::Cidr(list.list.iter().filter_map(|e| cidr(e)).collect()),
            "regex" => Matcher::Regex(list.list.iter().filter_map(|e| misp_regex(e)).collect()),
            other => return Err(format!("list {}: unknown type {other:?}", list.name)),
        };
        let loaded = match &matcher {
            Matcher::Exact(_) | Matcher::Hostname(_) | Matcher::Substring(_) => total,
            Matcher::Cidr(v) => v.len(),
            Matcher::Regex(v) => v.len(),
        };
        self.lists.push(List {
            name: list.name,
            kinds,
            matcher,
        });
        Ok((loaded, total - loaded))
    }

    /// How many lists.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// The name of the first list holding a canonical value, if any.
    pub fn check(&self, kind: Kind, value: &str) -> Option<&str> {
        self.lists
            .iter()
            .filter(|l| l.kinds.contains(&kind))
            .find(|l| matches(&l.matcher, kind, value))
            .map(|l| l.name.as_str())
    }
}

fn matches(matcher: &Matcher, kind: Kind, value: &str) -> bool {
    let lower = value.to_lowercase();
    match matcher {
        Matcher::Exact(set) => set.contains(value) || set.contains(&lower),
        Matcher::Hostname(set) => host_of(kind, &lower).is_some_and(|host| {
            let mut rest = host;
            loop {
                if set.contains(rest) {
                    return true;
                }
                match rest.split_once('.') {
                    Some((_, parent)) if !parent.is_empty() => rest = parent,
                    _ => return false,
                }
            }
        }),
        Matcher::Substring(parts) => parts.iter().any(|p| lower.contains(p.as_str())),
        Matcher::Cidr(ranges) => value
            .parse::<IpAddr>()
            .is_ok_and(|ip| ranges.iter().any(|r| in_range(ip, *r))),
        Matcher::Regex(patterns) => {
            // Phone lists are often written for national forms (`01632 960…`).
            let national = value.strip_prefix("+44").map(|rest| format!("0{rest}"));
            patterns
                .iter()
                .any(|p| p.is_match(value) || national.as_deref().is_some_and(|n| p.is_match(n)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lists_load_whole() {
        for json in [
            include_str!("../assets/warninglists/uk-public-services.json"),
            include_str!("../assets/warninglists/uk-public-sites.json"),
        ] {
            WarningLists::new().add_misp(json).unwrap();
        }
        let lists = WarningLists::bundled();
        assert!(
            lists.check(Kind::Phone, "+443001232040").is_some(),
            "Action Fraud"
        );
    }

    #[test]
    fn misp_list_types_match_as_misp_does() {
        let mut lists = WarningLists::new();
        let string = r#"{"name":"UK public numbers","type":"string","list":["0300 123 2040"],
            "matching_attributes":["phone-number"]}"#;
        assert_eq!(lists.add_misp(string), Ok((1, 0)));
        let host = r#"{"name":"Examples","type":"hostname","list":["example.com",".example.org"]}"#;
        lists.add_misp(host).unwrap();
        let cidr = r#"{"name":"RFC 1918","type":"cidr","list":["10.0.0.0/8","fd00::/8","bad"],
            "matching_attributes":["ip-src","ip-dst"]}"#;
        assert_eq!(lists.add_misp(cidr), Ok((2, 1)));
        let regex = r#"{"name":"Drama","type":"regex","list":["/((?:\\+|00)44)?07700900([0-9]{3})/g"],
            "matching_attributes":["phone-number"]}"#;
        lists.add_misp(regex).unwrap();

        assert_eq!(
            lists.check(Kind::Phone, "+443001232040"),
            Some("UK public numbers")
        );
        assert_eq!(lists.check(Kind::Phone, "+443001232041"), None);
        assert_eq!(
            lists.check(Kind::Url, "https://www.example.com/x"),
            Some("Examples")
        );
        assert_eq!(lists.check(Kind::Domain, "example.org"), Some("Examples"));
        assert_eq!(lists.check(Kind::Domain, "notexample.com"), None);
        assert_eq!(lists.check(Kind::IpAddress, "10.1.2.3"), Some("RFC 1918"));
        assert_eq!(lists.check(Kind::IpAddress, "fd12::1"), Some("RFC 1918"));
        assert_eq!(lists.check(Kind::IpAddress, "11.1.2.3"), None);
        assert_eq!(lists.check(Kind::Phone, "+447700900123"), Some("Drama"));
        assert!(lists.add_misp("{}").is_err());
        assert!(
            lists
                .add_misp(r#"{"name":"x","type":"odd","list":[]}"#)
                .is_err()
        );
    }
}
