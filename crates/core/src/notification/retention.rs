//! How long notifications are kept: per organisation and type, by its sharing agreement.
//! A notification is erased once it is older than `keep_days`; one that links to nothing is
//! pseudonymised (its text, indicators, postcode and victim details removed; type, time,
//! amount, marking and organisation kept for the statistics) once older than
//! `pseudonymise_days`.

use super::NotificationType;

/// A retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Days a notification is kept before it is erased.
    pub keep_days: i64,
    /// Days a notification that links to nothing keeps its details.
    pub pseudonymise_days: i64,
}

/// The rule for a type: the organisation's rule for the type, else its rule for every type
/// (`*`), else this: a year, and ninety days for one that links to nothing.
pub const DEFAULT: Retention = Retention {
    keep_days: 365,
    pseudonymise_days: 90,
};

/// The most days any rule may say (ten years).
pub const MAX_DAYS: i64 = 3_650;

impl Retention {
    /// Checks a rule an administrator gives.
    pub fn new(keep_days: i64, pseudonymise_days: i64) -> Result<Retention, String> {
        if !(1..=MAX_DAYS).contains(&keep_days) || !(1..=MAX_DAYS).contains(&pseudonymise_days) {
            return Err(format!("days must be between 1 and {MAX_DAYS}"));
        }
        if pseudonymise_days > keep_days {
            return Err(format!(
                "pseudonymising after {pseudonymise_days} days cannot come after erasing after {keep_days}"
            ));
        }
        Ok(Retention {
            keep_days,
            pseudonymise_days,
        })
    }
}

/// Which notifications a rule covers: one type, or every type (written `*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Covers {
    /// Every type the organisation sends.
    Every,
    /// One type.
    Type(NotificationType),
}

impl Covers {
    /// `*` or the type's slug.
    pub fn slug(self) -> &'static str {
        match self {
            Covers::Every => "*",
            Covers::Type(kind) => kind.slug(),
        }
    }

    /// Reads `*` or a type's slug.
    pub fn parse(text: &str) -> Option<Covers> {
        match text {
            "*" => Some(Covers::Every),
            other => NotificationType::parse(other).map(Covers::Type),
        }
    }
}

/// The rule that applies to `kind` among an organisation's rules.
pub fn resolve(rules: &[(Covers, Retention)], kind: NotificationType) -> Retention {
    rules
        .iter()
        .find(|(covers, _)| *covers == Covers::Type(kind))
        .or_else(|| rules.iter().find(|(covers, _)| *covers == Covers::Every))
        .map_or(DEFAULT, |(_, rule)| *rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_types_own_rule_wins_then_the_organisations_then_the_default() {
        let every = Retention::new(730, 180).unwrap();
        let mule = Retention::new(2_555, 365).unwrap();
        let rules = vec![
            (Covers::Every, every),
            (Covers::Type(NotificationType::MoneyMule), mule),
        ];
        assert_eq!(resolve(&rules, NotificationType::MoneyMule), mule);
        assert_eq!(resolve(&rules, NotificationType::FraudCard), every);
        assert_eq!(resolve(&[], NotificationType::FraudCard), DEFAULT);
        assert_eq!(Covers::parse("*"), Some(Covers::Every));
        assert_eq!(
            Covers::parse("money-mule").map(Covers::slug),
            Some("money-mule")
        );
    }

    #[test]
    fn a_rule_that_erases_before_it_pseudonymises_or_runs_past_ten_years_is_refused() {
        assert!(
            Retention::new(30, 90)
                .unwrap_err()
                .contains("cannot come after")
        );
        assert!(Retention::new(0, 0).is_err());
        assert!(Retention::new(MAX_DAYS + 1, 1).is_err());
        assert!(Retention::new(MAX_DAYS, MAX_DAYS).is_ok());
    }
}
