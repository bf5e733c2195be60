//! Traffic Light Protocol 2.0 markings (FIRST, August 2022), carried by every shared item.

/// A TLP 2.0 marking, ordered from least to most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Marking {
    /// No limit on disclosure.
    Clear,
    /// Within the community, never through public channels.
    Green,
    /// The recipient's organisation and its clients, need to know.
    Amber,
    /// The recipient's organisation only.
    AmberStrict,
    /// Named recipients only.
    Red,
}

impl Marking {
    /// Every marking, least restrictive first.
    pub const ALL: [Marking; 5] = [
        Marking::Clear,
        Marking::Green,
        Marking::Amber,
        Marking::AmberStrict,
        Marking::Red,
    ];

    /// The label as FIRST writes it, e.g. `TLP:AMBER+STRICT`.
    pub fn label(self) -> &'static str {
        match self {
            Marking::Clear => "TLP:CLEAR",
            Marking::Green => "TLP:GREEN",
            Marking::Amber => "TLP:AMBER",
            Marking::AmberStrict => "TLP:AMBER+STRICT",
            Marking::Red => "TLP:RED",
        }
    }

    /// Parses a label with or without the `TLP:` prefix, in any case; `WHITE` is read as `CLEAR`
    /// (its TLP 1.0 name).
    pub fn parse(text: &str) -> Option<Marking> {
        let upper = text.trim().to_ascii_uppercase();
        let bare = upper.strip_prefix("TLP:").unwrap_or(&upper).trim();
        match bare {
            "CLEAR" | "WHITE" => Some(Marking::Clear),
            "GREEN" => Some(Marking::Green),
            "AMBER" => Some(Marking::Amber),
            "AMBER+STRICT" => Some(Marking::AmberStrict),
            "RED" => Some(Marking::Red),
            _ => None,
        }
    }

    /// The marking of an item derived from others: the strictest of its inputs, or CLEAR when
    /// there are none.
    pub fn strictest(markings: impl IntoIterator<Item = Marking>) -> Marking {
        markings.into_iter().max().unwrap_or(Marking::Clear)
    }
}

impl std::fmt::Display for Marking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels_parse_back() {
        for marking in Marking::ALL {
            assert_eq!(Marking::parse(marking.label()), Some(marking));
        }
    }

    #[test]
    fn white_is_the_old_name_for_clear() {
        assert_eq!(Marking::parse("tlp:white"), Some(Marking::Clear));
    }

    #[test]
    fn a_derived_item_takes_the_strictest_marking() {
        let derived = Marking::strictest([Marking::Green, Marking::AmberStrict, Marking::Amber]);
        assert_eq!(derived, Marking::AmberStrict);
    }

    proptest! {
        #[test]
        fn strictest_is_never_less_strict_than_any_input(indexes in proptest::collection::vec(0usize..5, 1..8)) {
            let markings: Vec<Marking> = indexes.iter().filter_map(|i| Marking::ALL.get(*i).copied()).collect();
            let derived = Marking::strictest(markings.clone());
            prop_assert!(markings.iter().all(|m| *m <= derived));
        }

        #[test]
        fn parse_never_panics(text in ".*") {
            let _ = Marking::parse(&text);
        }
    }
}
