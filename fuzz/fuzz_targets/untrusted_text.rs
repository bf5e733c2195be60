//! Every parser in the core that takes text from outside Peel (sign-in and setup forms, API key
//! headers, role and marking names from files and flags) must never panic, and what it accepts
//! must parse again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peel_core::marking::Marking;
use peel_core::password::NewPassword;
use peel_core::role::{Role, RoleSet};
use peel_core::token::split_api_key;
use peel_core::username::Username;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(name) = Username::parse(text) {
        assert_eq!(Username::parse(name.as_ref()).ok(), Some(name.clone()));
        let _ = NewPassword::parse(text, name.as_ref());
    }
    let _ = NewPassword::parse(text, "");
    if let Some((key_ref, secret)) = split_api_key(text) {
        assert_eq!(key_ref.len(), 32);
        assert_eq!(secret.digest().len(), 64);
    }
    if let Some(marking) = Marking::parse(text) {
        assert_eq!(Marking::parse(marking.label()), Some(marking));
    }
    if let Some(role) = Role::parse(text) {
        assert_eq!(Role::parse(role.slug()), Some(role));
    }
    if let Ok(roles) = RoleSet::parse_slugs(text) {
        assert_eq!(RoleSet::parse_slugs(&roles.to_slugs()), Ok(roles));
    }
});
