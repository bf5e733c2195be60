//! Realistic synthetic notifications: mule accounts and scam numbers reused with a heavy skew
//! (a few appear in thousands of notifications), fresh values otherwise, every type, amounts,
//! markings, some online and some at London postcodes; every kind of indicator and every marking
//! appears. Deterministic for a seed.
//!
//! Pool values are a function of their index alone ([`mule_account`], [`scam_number`]), so a
//! benchmark can seed public reports that name the first few and know they will match.

use peel_core::classifier::SplitMix64;

use crate::{FORMAT_VERSION, NotificationType};

const POOL: u64 = 50_000;
const POSTCODES: [&str; 8] = [
    "SW1A 2AA", "E14 5AB", "N1 9GU", "SE1 7PB", "W1A 1AA", "E8 1DY", "NW1 2DB", "CR0 1NX",
];
const MARKINGS: [&str; 4] = ["TLP:GREEN", "TLP:AMBER", "TLP:AMBER", "TLP:AMBER+STRICT"];

/// The sort code and account number of pool entry `i`, formatted as a bank would send them.
pub fn mule_account(i: u64) -> (String, String) {
    let sort = 100_000 + (i * 7_919) % 900_000;
    let account = 10_000_000 + (i * 104_729) % 90_000_000;
    (
        format!(
            "{:02}-{:02}-{:02}",
            sort / 10_000,
            (sort / 100) % 100,
            sort % 100
        ),
        format!("{account:08}"),
    )
}

/// The scam phone number of pool entry `i` (UK mobile, in the range Ofcom keeps for drama).
pub fn scam_number(i: u64) -> String {
    format!("07700 9{:05}", i % 100_000)
}

fn insert(line: &mut serde_json::Value, key: &str, value: serde_json::Value) {
    if let Some(object) = line.as_object_mut() {
        object.insert(key.to_owned(), value);
    }
}

/// The other kinds of indicator, one of them in every seventh notification, so that a generated
/// file holds every kind the format has (the schema test relies on it). Drawn by the line's
/// number, not the random stream, so the rest of a seed's file is as it always was.
fn other_indicator(n: u64) -> serde_json::Value {
    let pick = (n / 7) % 9;
    let (kind, value) = match pick {
        0 => ("email", format!("refunds{}@example.org", n % 1_000)),
        1 => ("iban", "GB82 WEST 1234 5698 7654 32".to_owned()),
        2 => ("wallet", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT".to_owned()),
        3 => ("wallet", format!("0x{:040x}", n)),
        4 => ("vehicle", "AB12 CDE".to_owned()),
        5 => ("ip", format!("198.51.100.{}", n % 256)),
        6 => ("network", format!("203.0.{}.0/24", n % 256)),
        7 => ("domain", format!("pay-{}.example.net", n % 1_000)),
        _ => ("handle", format!("@seller{}", n % 1_000)),
    };
    serde_json::json!({"type": kind, "value": value})
}

fn skewed(rng: &mut SplitMix64) -> u64 {
    let u = (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64;
    (u * u * u * POOL as f64) as u64
}

/// `count` notifications in the Peel format, one JSON object per line.
pub fn generate(count: u64, seed: u64) -> impl Iterator<Item = String> {
    let mut rng = SplitMix64(seed);
    (0..count).map(move |n| {
        let kind = NotificationType::ALL
            .get((rng.next_u64() % NotificationType::ALL.len() as u64) as usize)
            .copied()
            .unwrap_or(NotificationType::Other);
        let mut indicators = Vec::new();
        // A mule account in most fraud notifications: reused from the pool one time in three.
        if !matches!(kind, NotificationType::OnlineHarm | NotificationType::ScamContact) {
            let i = if rng.next_u64().is_multiple_of(3) { skewed(&mut rng) } else { POOL + n };
            let (sort_code, account) = mule_account(i);
            indicators.push(serde_json::json!({"type": "bank-account", "sort_code": sort_code, "account": account}));
        }
        if rng.next_u64().is_multiple_of(2) {
            let i = if rng.next_u64().is_multiple_of(3) { skewed(&mut rng) } else { POOL + n };
            indicators.push(serde_json::json!({"type": "phone", "value": scam_number(i)}));
        }
        if rng.next_u64().is_multiple_of(4) {
            indicators.push(serde_json::json!({"type": "url", "value": format!("https://secure-{}.example-pay.co.uk/login", rng.next_u64() % 20_000)}));
        }
        if matches!(kind, NotificationType::FraudCard) {
            indicators.push(serde_json::json!({"type": "card", "bin": format!("{}", 400_000 + rng.next_u64() % 99_999), "last4": format!("{:04}", rng.next_u64() % 10_000)}));
        }
        if matches!(kind, NotificationType::OnlineHarm) {
            indicators.push(serde_json::json!({"type": "handle", "value": format!("@user{}", skewed(&mut rng))}));
        }
        if n % 7 == 3 {
            indicators.push(other_indicator(n));
        }
        let day = 1 + rng.next_u64() % 25;
        let place = if rng.next_u64().is_multiple_of(2) {
            serde_json::json!({"online": true})
        } else {
            let at = (rng.next_u64() % POSTCODES.len() as u64) as usize;
            serde_json::json!({"postcode": POSTCODES.get(at).copied().unwrap_or("SW1A 2AA")})
        };
        let marking = MARKINGS
            .get((rng.next_u64() % MARKINGS.len() as u64) as usize)
            .copied()
            .unwrap_or("TLP:AMBER");
        // Now and then the two markings the mix leaves out, by the line's number likewise.
        let marking = match n % 97 {
            5 => "TLP:RED",
            6 => "TLP:CLEAR",
            _ => marking,
        };
        let mut line = serde_json::json!({
            "version": FORMAT_VERSION,
            "id": format!("N-{n:09}"),
            "type": kind.slug(),
            "occurred_at": format!("2026-11-{day:02}T{:02}:{:02}:00Z", rng.next_u64() % 24, rng.next_u64() % 60),
            "where": place,
            "indicators": indicators,
            "text": format!("{} reported by the customer; funds moved the same day.", kind.slug()),
            "marking": marking,
        });
        if kind != NotificationType::OnlineHarm {
            insert(&mut line, "amount", serde_json::json!({"value": format!("{}.{:02}", 50 + rng.next_u64() % 20_000, rng.next_u64() % 100), "currency": "GBP"}));
        }
        if rng.next_u64().is_multiple_of(5) {
            insert(&mut line, "victim", serde_json::json!({"age_band": "75-plus"}));
        }
        line.to_string()
    })
}
