//! What every notification reader must give: an own id within bounds, and indicators that are
//! canonical (each reads back to itself).

use peel_link::Kind;

pub fn check(n: &peel_notify::Notification) {
    assert!(!n.own_id.is_empty() && n.own_id.len() <= 128);
    for indicator in &n.indicators {
        let again = match indicator.kind {
            Kind::Phone => peel_link::phone(&indicator.value),
            Kind::Email => peel_link::email(&indicator.value),
            Kind::Url => peel_link::url(&indicator.value),
            Kind::Iban => peel_link::iban(&indicator.value),
            _ => Some(indicator.value.clone()),
        };
        assert_eq!(again.as_deref(), Some(indicator.value.as_str()));
    }
}
