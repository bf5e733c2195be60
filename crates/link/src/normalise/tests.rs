use super::*;
use proptest::prelude::*;

#[test]
fn uk_phone_numbers_in_every_common_format_are_one_value() {
    for written in [
        "07700 900982",
        "07700900982",
        "+44 7700 900982",
        "+44 (0)7700 900982",
        "0044 7700 900982",
        "447700900982",
        "07700-900-982",
    ] {
        assert_eq!(
            phone(written).as_deref(),
            Some("+447700900982"),
            "{written}"
        );
    }
    assert_eq!(phone("020 7946 0018").as_deref(), Some("+442079460018"));
}

#[test]
fn international_numbers_keep_their_country_code() {
    assert_eq!(phone("+1 202 555 0143").as_deref(), Some("+12025550143"));
    assert_eq!(phone("0033 1 23 45 67 89").as_deref(), Some("+33123456789"));
}

#[test]
fn short_numbers_and_words_are_not_phones() {
    for text in ["999", "101", "12345", "call me", "0770"] {
        assert_eq!(phone(text), None, "{text}");
    }
}

#[test]
fn emails_are_lower_cased_and_checked() {
    assert_eq!(
        email(" Ada.Lovelace@Example.CO.UK ").as_deref(),
        Some("ada.lovelace@example.co.uk")
    );
    assert_eq!(email("not-an-email"), None);
    assert_eq!(email("a@b"), None);
}

#[test]
fn urls_lose_case_in_scheme_and_host_fragments_and_a_bare_slash() {
    assert_eq!(
        url("HTTPS://Secure-Login.Example.com/").as_deref(),
        Some("https://secure-login.example.com")
    );
    assert_eq!(
        url("www.bank-verify.co.uk/login?id=1#top").as_deref(),
        Some("http://www.bank-verify.co.uk/login?id=1")
    );
    assert_eq!(url("ftp://example.com"), None);
}

#[test]
fn registrable_domains_follow_two_label_suffixes() {
    assert_eq!(
        registrable_domain("login.secure.example.co.uk").as_deref(),
        Some("example.co.uk")
    );
    assert_eq!(
        registrable_domain("a.b.example.com").as_deref(),
        Some("example.com")
    );
    assert_eq!(
        domain_of("https://pay.royal-mail-fees.com/x").as_deref(),
        Some("royal-mail-fees.com")
    );
    assert_eq!(
        domain_of("someone@mail.example.org.uk").as_deref(),
        Some("example.org.uk")
    );
    assert_eq!(registrable_domain("192.168.1.1"), None);
}

#[test]
fn sort_code_and_account_in_any_format_are_one_value() {
    for (sort, account) in [
        ("12-34-56", "12345678"),
        ("12 34 56", "1234 5678"),
        ("123456", "12345678"),
    ] {
        assert_eq!(
            sort_code_account(sort, account).as_deref(),
            Some("123456-12345678")
        );
    }
    assert_eq!(
        sort_code_account("12-34-56", "1234567").as_deref(),
        Some("123456-01234567")
    );
    assert_eq!(sort_code_account("12-34-5", "12345678"), None);
}

#[test]
fn ibans_pass_only_with_a_good_check() {
    assert_eq!(
        iban("GB82 WEST 1234 5698 7654 32").as_deref(),
        Some("GB82WEST12345698765432")
    );
    assert_eq!(iban("GB83 WEST 1234 5698 7654 32"), None);
}

#[test]
fn cards_keep_only_bin_last_four_and_a_keyed_hash() {
    let key = card("4111 1111 1111 1111", b"force key").unwrap();
    assert_eq!(
        (key.bin.as_str(), key.last_four.as_str()),
        ("411111", "1111")
    );
    assert!(!key.value().contains("4111111111111111"));
    assert_eq!(card("4111-1111-1111-1111", b"force key"), Some(key.clone()));
    assert_ne!(
        card("4111 1111 1111 1111", b"other key")
            .unwrap()
            .keyed_hash,
        key.keyed_hash
    );
    assert_eq!(
        card("4111 1111 1111 1112", b"force key"),
        None,
        "fails Luhn"
    );
}

#[test]
fn vehicle_registrations_of_every_era() {
    assert_eq!(vehicle("ab12 cde").as_deref(), Some("AB12CDE"));
    assert_eq!(vehicle("A123 BCD").as_deref(), Some("A123BCD"));
    assert_eq!(vehicle("ABC 123D").as_deref(), Some("ABC123D"));
    assert_eq!(vehicle("HELLO"), None);
}

proptest! {
    #[test]
    fn a_venue_normalises_idempotently_and_ignores_spacing_and_case(
        words in proptest::collection::vec("[A-Za-z']{1,10}", 2..5),
    ) {
        let spaced = words.join("   ");
        let once = venue(&spaced).unwrap();
        prop_assert_eq!(venue(&once), Some(once.clone()));
        prop_assert_eq!(venue(&words.join(" ").to_uppercase()), Some(once));
    }

    #[test]
    fn phone_is_idempotent(digits in "0[1-9][0-9]{9}") {
        if let Some(once) = phone(&digits) {
            prop_assert_eq!(phone(&once), Some(once.clone()));
        }
    }

    #[test]
    fn phone_formats_of_one_uk_number_agree(rest in "7[0-9]{9}", spaces in " {0,2}") {
        let national = phone(&format!("0{}{spaces}{}", &rest[..4], &rest[4..]));
        let international = phone(&format!("+44{spaces}{rest}"));
        prop_assert_eq!(national.clone(), international);
        prop_assert_eq!(national, Some(format!("+44{rest}")));
    }

    #[test]
    fn email_is_idempotent_and_case_blind(local in "[a-zA-Z0-9.]{1,12}", domain in "[a-zA-Z]{1,8}\\.(com|co\\.uk|org)") {
        let text = format!("{local}@{domain}");
        let once = email(&text);
        prop_assert_eq!(email(&text.to_uppercase()), once.clone());
        if let Some(once) = once {
            prop_assert_eq!(email(&once), Some(once.clone()));
        }
    }

    #[test]
    fn url_is_idempotent(host in "[a-z]{1,10}\\.(com|co\\.uk)", path in "(/[a-z]{1,5}){0,3}") {
        if let Some(once) = url(&format!("HTTP://{host}{path}")) {
            prop_assert_eq!(url(&once), Some(once.clone()));
        }
    }

    #[test]
    fn sort_code_account_formats_agree(sort in "[0-9]{6}", account in "[0-9]{8}") {
        let dashed = format!("{}-{}-{}", &sort[..2], &sort[2..4], &sort[4..]);
        prop_assert_eq!(sort_code_account(&dashed, &account), sort_code_account(&sort, &account));
    }

    #[test]
    fn iban_is_idempotent_and_spacing_blind(text in "GB[0-9]{2}[A-Z]{4}[0-9]{14}") {
        if let Some(once) = iban(&text) {
            prop_assert_eq!(iban(&once), Some(once.clone()));
            let spaced: String = once.chars().enumerate().flat_map(|(i, c)| if i > 0 && i % 4 == 0 { vec![' ', c] } else { vec![c] }).collect();
            prop_assert_eq!(iban(&spaced), Some(once));
        }
    }

    #[test]
    fn normalisers_never_panic(text in "\\PC{0,60}") {
        let _ = (phone(&text), email(&text), url(&text), registrable_domain(&text), iban(&text), card(&text, b"k"), vehicle(&text));
        let _ = crate::extract(&text, b"k");
    }
}

#[test]
fn host_names_are_lower_case_without_the_final_dot() {
    use super::host;
    assert_eq!(
        host("WWW.Webserver.DynSSL.com.").as_deref(),
        Some("www.webserver.dynssl.com")
    );
    assert_eq!(host("js001.3322.org").as_deref(), Some("js001.3322.org"));
    for bad in [
        "domain autuo.xicp.net",
        "localhost",
        "10.0.0.1",
        "-a.example.com",
        "a..b",
        "",
    ] {
        assert_eq!(host(bad), None, "{bad:?}");
    }
}

#[test]
fn networks_name_the_block_whatever_host_bits_are_written() {
    use super::network;
    assert_eq!(network("58.246.1.2/15").as_deref(), Some("58.246.0.0/15"));
    assert_eq!(network(" 10.0.0.0/8 ").as_deref(), Some("10.0.0.0/8"));
    assert_eq!(network("0.0.0.0/0").as_deref(), Some("0.0.0.0/0"));
    assert_eq!(network("2001:db8::1/32").as_deref(), Some("2001:db8::/32"));
    assert_eq!(
        network("192.0.2.10-192.0.2.20").as_deref(),
        Some("192.0.2.10-192.0.2.20")
    );
    for bad in [
        "10.0.0.0/33",
        "10.0.0.0",
        "192.0.2.20-192.0.2.10",
        "10.0.0.1-::1",
        "x/8",
    ] {
        assert_eq!(network(bad), None, "{bad:?}");
    }
}
