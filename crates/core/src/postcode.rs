//! UK postcodes, parsed to one canonical form (`SW1A 2AA`) from any spacing or case.

/// A syntactically valid UK postcode in canonical form: upper case, one space before the
/// three-character inward code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode(String);

/// Why a postcode was refused, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostcodeError {
    /// Nothing was typed.
    #[error("Enter a postcode")]
    Empty,
    /// It is not in the shape of a UK postcode.
    #[error("Enter a real UK postcode, like SW1A 2AA")]
    Invalid,
}

impl Postcode {
    /// Parses a postcode typed with any spacing or case.
    pub fn parse(text: &str) -> Result<Postcode, PostcodeError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(PostcodeError::Empty);
        }
        if compact == "GIR0AA" {
            return Ok(Postcode("GIR 0AA".to_owned()));
        }
        if !compact.is_ascii() || !(5..=7).contains(&compact.len()) {
            return Err(PostcodeError::Invalid);
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        if !valid_inward(inward.as_bytes()) || !valid_outward(outward.as_bytes()) {
            return Err(PostcodeError::Invalid);
        }
        Ok(Postcode(format!("{outward} {inward}")))
    }

    /// The outward code (`SW1A`).
    pub fn outward(&self) -> &str {
        self.0.split(' ').next().unwrap_or_default()
    }
}

impl AsRef<str> for Postcode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Letters never used in the two letters of the inward code.
const INWARD_EXCLUDED: &[u8] = b"CIKMOV";

fn valid_inward(inward: &[u8]) -> bool {
    matches!(inward, [digit, a, b]
        if digit.is_ascii_digit()
            && [a, b].iter().all(|c| c.is_ascii_uppercase() && !INWARD_EXCLUDED.contains(c)))
}

fn is_area_first(c: u8) -> bool {
    c.is_ascii_uppercase() && !b"QVX".contains(&c)
}

fn is_area_second(c: u8) -> bool {
    c.is_ascii_uppercase() && !b"IJZ".contains(&c)
}

/// The outward patterns of BS 7666: A9, A99, AA9, AA99, A9A, AA9A, with the letter rules for
/// each position.
fn valid_outward(outward: &[u8]) -> bool {
    let digit = |c: &u8| c.is_ascii_digit();
    match outward {
        [a, d] => is_area_first(*a) && digit(d),
        [a, d, e] if digit(d) && digit(e) => is_area_first(*a),
        [a, b, d] if digit(d) => is_area_first(*a) && is_area_second(*b),
        [a, d, l] if digit(d) => is_area_first(*a) && b"ABCDEFGHJKPSTUW".contains(l),
        [a, b, d, e] if digit(d) && digit(e) => is_area_first(*a) && is_area_second(*b),
        [a, b, d, l] if digit(d) => {
            is_area_first(*a) && is_area_second(*b) && b"ABEHMNPRVWXY".contains(l)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spacing_and_case_do_not_matter() {
        for typed in ["SW1A 2AA", "sw1a2aa", "  Sw1A   2aA ", "SW1A\t2AA"] {
            assert_eq!(
                Postcode::parse(typed).unwrap().as_ref(),
                "SW1A 2AA",
                "{typed}"
            );
        }
    }

    #[test]
    fn every_outward_shape_is_accepted() {
        for typed in [
            "N1 9GU", "E14 5AB", "EC1A 1BB", "W1A 1AA", "BR1 1AA", "CR0 2AB", "GIR 0AA",
        ] {
            assert!(Postcode::parse(typed).is_ok(), "{typed}");
        }
    }

    #[test]
    fn malformed_postcodes_are_refused() {
        for typed in [
            "SW1A",
            "SW1A 2A",
            "12345",
            "SW1A 2CA",
            "QW1 2AA",
            "SW1A 2AAA",
            "ÉC1A 1BB",
            "S",
        ] {
            assert_eq!(
                Postcode::parse(typed),
                Err(PostcodeError::Invalid),
                "{typed}"
            );
        }
        assert_eq!(Postcode::parse("   "), Err(PostcodeError::Empty));
    }

    #[test]
    fn the_outward_code_is_everything_before_the_space() {
        assert_eq!(Postcode::parse("ec1a1bb").unwrap().outward(), "EC1A");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(text in "[A-Za-z0-9 ]{0,10}") {
            if let Ok(postcode) = Postcode::parse(&text) {
                prop_assert_eq!(Postcode::parse(postcode.as_ref()).unwrap(), postcode);
            }
        }

        #[test]
        fn spacing_and_case_variants_normalise_alike(
            outward in "[A-PR-UWYZ][A-HK-Y]?[0-9]{1,2}",
            inward in "[0-9][ABD-HJLNP-UW-Z]{2}",
            spaces in " {0,3}",
        ) {
            let canonical = Postcode::parse(&format!("{outward} {inward}"));
            let variant = Postcode::parse(&format!("{}{spaces}{}", outward.to_lowercase(), inward));
            prop_assert_eq!(canonical, variant);
        }

        #[test]
        fn parse_never_panics(text in ".{0,20}") {
            let _ = Postcode::parse(&text);
        }
    }
}
