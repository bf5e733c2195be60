//! Review and retention of reports and concerns (issue 18; DOMAIN.md 9.5, the review groups of
//! the MoPI guidance as the APP "Review, retention and disposal" carries them) and the one-month
//! clock of a data subject's request (DPA 2018 s.54). No IO.
//!
//! The rule: each report's category puts it in a review group, and the group gives the clear
//! period after which a person must review it. A review retains it (recording the reason, the
//! national retention assessment criteria answer, and the reviewer) until the next review one
//! period later, or erases it. Group 1 (certain public protection matters: MAPPA-managed
//! offenders, serious specified offences) cannot be told from a category; nothing is placed in
//! it by this rule, and its reviews are every ten years for adequacy, never for deletion.

use time::{Date, Month};

use crate::submission::Category;

crate::slug::slug_enum! {
    /// The MoPI review groups.
    pub enum Group {
        /// Certain public protection matters: retained until the subject is 100, reviewed
        /// every ten years for adequacy and accuracy.
        PublicProtection = ("public-protection", "Group 1: certain public protection matters"),
        /// Other sexual, violent or serious offences: reviewed after a ten-year clear period.
        Serious = ("serious", "Group 2: other sexual, violent or serious offences"),
        /// All other offences and incidents: reviewed after a six-year clear period.
        Other = ("other", "Group 3: all other offences"),
    }
}

impl Group {
    /// The review group a report of this category falls in.
    pub fn of(category: Category) -> Group {
        use Category as C;
        match category {
            C::ViolentCrime
            | C::DomesticAbuse
            | C::Robbery
            | C::PossessionOfWeapons
            | C::HateIncident => Group::Serious,
            C::AntiSocialBehaviour
            | C::BicycleTheft
            | C::Burglary
            | C::CriminalDamageArson
            | C::Drugs
            | C::OtherTheft
            | C::PublicOrder
            | C::Shoplifting
            | C::TheftFromThePerson
            | C::VehicleCrime
            | C::OtherCrime
            | C::Fraud
            | C::OnlineAbuse
            | C::NotSure => Group::Other,
        }
    }

    /// The clear period before a review, in years.
    pub fn period_years(self) -> i32 {
        match self {
            Group::PublicProtection | Group::Serious => 10,
            Group::Other => 6,
        }
    }

    /// Whether a review may erase what is in this group (Group 1 is reviewed for adequacy only).
    pub fn erasable(self) -> bool {
        !matches!(self, Group::PublicProtection)
    }

    /// The review date for something of this group last reviewed (or received) on `from`: one
    /// clear period later (29 February falls back to 28 February in a common year).
    pub fn review_after(self, from: Date) -> Date {
        years_on(from, self.period_years())
    }
}

/// `from` moved by whole years (back, when negative), 29 February becoming 28 February where
/// the year has none.
pub fn years_on(from: Date, years: i32) -> Date {
    let year = from.year().saturating_add(years);
    Date::from_calendar_date(year, from.month(), from.day())
        .or_else(|_| Date::from_calendar_date(year, from.month(), 28))
        .unwrap_or(from)
}

/// When a data subject's request received on `received` must be answered: one calendar month
/// later (DPA 2018 s.54), on the last day of the next month where it has no such day.
pub fn request_due(received: Date) -> Date {
    let (year, month) = match received.month() {
        Month::December => (received.year().saturating_add(1), Month::January),
        other => (received.year(), other.next()),
    };
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, received.day().min(last)).unwrap_or(received)
}

crate::slug::slug_enum! {
    /// What a review decided.
    pub enum Decision {
        /// Kept until the next review.
        Retain = ("retain", "Retain"),
        /// Erased with its links and evidence (the chain of custody is kept).
        Erase = ("erase", "Erase"),
    }
}

crate::slug::slug_enum! {
    /// The rights a data subject may exercise (DPA 2018 Part 3, ss.45 to 47).
    pub enum Right {
        /// s.45: access to what is held.
        Access = ("access", "Access"),
        /// s.46: rectification of what is inaccurate.
        Rectification = ("rectification", "Rectification"),
        /// s.47: erasure.
        Erasure = ("erasure", "Erasure"),
        /// s.47: restriction of processing.
        Restriction = ("restriction", "Restriction of processing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn violent_and_domestic_reports_wait_ten_years_and_others_six() {
        assert_eq!(Group::of(Category::DomesticAbuse), Group::Serious);
        assert_eq!(Group::of(Category::ViolentCrime), Group::Serious);
        assert_eq!(Group::of(Category::Shoplifting), Group::Other);
        assert_eq!(Group::of(Category::Fraud), Group::Other);
        assert_eq!(
            Group::Serious.review_after(date!(2020 - 03 - 14)),
            date!(2030 - 03 - 14)
        );
        assert_eq!(
            Group::Other.review_after(date!(2020 - 03 - 14)),
            date!(2026 - 03 - 14)
        );
    }

    #[test]
    fn a_leap_day_review_falls_on_the_last_day_of_february() {
        assert_eq!(
            Group::Other.review_after(date!(2020 - 02 - 29)),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            Group::Serious.review_after(date!(2020 - 02 - 29)),
            date!(2030 - 02 - 28)
        );
    }

    #[test]
    fn a_year_back_from_a_leap_day_is_the_last_day_of_february() {
        assert_eq!(years_on(date!(2028 - 02 - 29), -1), date!(2027 - 02 - 28));
        assert_eq!(years_on(date!(2026 - 12 - 02), -1), date!(2025 - 12 - 02));
    }

    #[test]
    fn only_public_protection_matters_are_never_erased_on_review() {
        assert!(!Group::PublicProtection.erasable());
        assert!(Group::Serious.erasable());
        assert!(Group::Other.erasable());
    }

    #[test]
    fn a_request_is_due_one_calendar_month_after_it_arrives() {
        assert_eq!(request_due(date!(2026 - 12 - 02)), date!(2027 - 01 - 02));
        assert_eq!(request_due(date!(2027 - 01 - 31)), date!(2027 - 02 - 28));
        assert_eq!(request_due(date!(2028 - 01 - 31)), date!(2028 - 02 - 29));
        assert_eq!(request_due(date!(2026 - 03 - 31)), date!(2026 - 04 - 30));
    }

    proptest! {
        #[test]
        fn a_review_date_is_always_later_and_a_request_due_within_31_days(
            day in 0_i32..40_000,
        ) {
            let from = Date::from_julian_day(2_440_000 + day).unwrap_or(date!(2000 - 01 - 01));
            for group in Group::ALL {
                let next = group.review_after(from);
                prop_assert!(next > from);
                prop_assert!((next - from).whole_days() >= 365 * i64::from(group.period_years()));
            }
            let due = request_due(from);
            prop_assert!(due > from);
            prop_assert!((due - from).whole_days() <= 31);
        }
    }
}
