//! Usernames for staff and volunteer accounts.

/// A valid username: 3 to 64 characters of lower-case letters, digits, `.`, `-` and `_`,
/// starting with a letter or digit. Input is lower-cased, so usernames are case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Username(String);

impl Username {
    /// Parses and normalises a username, explaining what is wrong in plain English.
    pub fn parse(text: &str) -> Result<Username, String> {
        let name = text.trim().to_lowercase();
        let n_chars = name.chars().count();
        if n_chars < 3 {
            return Err("Username must be at least 3 characters".into());
        }
        if n_chars > 64 {
            return Err("Username must be 64 characters or fewer".into());
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
        {
            return Err(
                "Username can only contain letters a to z, numbers, full stops, hyphens and underscores"
                    .into(),
            );
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err("Username must start with a letter or a number".into());
        }
        Ok(Username(name))
    }

    /// The username as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Username {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames_are_lower_cased() {
        assert_eq!(Username::parse(" PC.Smith ").unwrap().as_ref(), "pc.smith");
    }

    #[test]
    fn a_two_character_username_is_rejected() {
        assert!(Username::parse("ab").is_err());
    }

    #[test]
    fn spaces_and_symbols_are_rejected() {
        assert!(Username::parse("pc smith").is_err());
        assert!(Username::parse("pc<script>").is_err());
        assert!(Username::parse("_hidden").is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_username_parses_to_itself(text in "[A-Za-z0-9][A-Za-z0-9._-]{2,63}") {
            let name = Username::parse(&text).unwrap();
            prop_assert_eq!(Username::parse(name.as_ref()).unwrap(), name);
        }

        #[test]
        fn parse_never_panics(text in ".*") {
            let _ = Username::parse(&text);
        }
    }
}
