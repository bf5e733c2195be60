use super::*;

fn kinds(text: &str) -> Vec<(Kind, String)> {
    extract(text, b"force key")
        .into_iter()
        .map(|e| (e.kind, e.value))
        .collect()
}

#[test]
fn a_mule_account_written_two_ways_is_one_indicator() {
    let bank = kinds("Please pay to sort code 12-34-56 account 12345678 today");
    let report = kinds("he told mum to send it to 123456 / 1234 5678");
    let value = |found: &[(Kind, String)]| {
        found
            .iter()
            .find(|(k, _)| *k == Kind::BankAccount)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(value(&bank).as_deref(), Some("123456-12345678"));
    assert_eq!(value(&bank), value(&report));
}

#[test]
fn a_smishing_text_yields_its_phone_url_and_domain() {
    let found = kinds(
        "Royal Mail: your parcel is held. Pay at https://royalmail-fees.com/pay or call 07700 900982",
    );
    assert!(found.contains(&(Kind::Url, "https://royalmail-fees.com/pay".into())));
    assert!(found.contains(&(Kind::Domain, "royalmail-fees.com".into())));
    assert!(found.contains(&(Kind::Phone, "+447700900982".into())));
}

#[test]
fn every_kind_is_found_with_its_place_in_the_text() {
    let text = "Email scam@evil.example.com, IBAN GB82 WEST 1234 5698 7654 32, card 4111 1111 1111 1111, \\
                wallet 0x52908400098527886E0F7030069857D2E4169EE7, from 203.0.113.7, @scammer_99, \\
                car AB12 CDE near SW1A 2AA";
    let found = extract(text, b"k");
    let got: Vec<Kind> = found.iter().map(|e| e.kind).collect();
    for kind in [
        Kind::Email,
        Kind::Domain,
        Kind::Iban,
        Kind::Card,
        Kind::Ethereum,
        Kind::IpAddress,
        Kind::Handle,
        Kind::Vehicle,
        Kind::Postcode,
    ] {
        assert!(got.contains(&kind), "{kind:?} missing from {found:?}");
    }
    for e in &found {
        assert!(e.start < e.end && e.end <= text.len());
    }
    let card = found.iter().find(|e| e.kind == Kind::Card).unwrap();
    assert!(!card.value.contains("4111111111111111"));
    assert!(text[card.start..card.end].contains("4111"));
}

#[test]
fn numbers_that_fail_their_checks_are_not_indicators() {
    let found = kinds("card 4111 1111 1111 1112 and IBAN GB83 WEST 1234 5698 7654 32");
    assert!(
        !found
            .iter()
            .any(|(k, _)| matches!(k, Kind::Card | Kind::Iban)),
        "{found:?}"
    );
}

#[test]
fn empty_and_odd_text_yield_nothing_without_panicking() {
    assert!(kinds("").is_empty());
    assert!(kinds("مرحبا 👋🏽 e\\u{301} ﷽").is_empty());
}

#[test]
fn named_schools_estates_and_venues_are_found_in_one_form() {
    let online = extract(
        "Year 9s at St. Mary's Primary School shared the video",
        b"k",
    );
    let street = extract("he was hit outside St Mary's  Primary School at 3pm", b"k");
    let venue = |found: &[Extracted]| {
        found
            .iter()
            .find(|e| e.kind == Kind::Venue)
            .map(|e| e.value.clone())
    };
    assert_eq!(venue(&online).as_deref(), Some("st mary's primary school"));
    assert_eq!(venue(&online), venue(&street));
    let estate = extract("Dealing on the Pembury Estate every night", b"k");
    assert_eq!(venue(&estate).as_deref(), Some("pembury estate"));
    assert_eq!(venue(&extract("went to school today", b"k")), None);
}
