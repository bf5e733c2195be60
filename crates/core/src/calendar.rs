//! Working days in England and Wales, for the Victims' Code clocks.
//!
//! Bank holidays follow the standing rules (New Year's Day, Good Friday, Easter Monday, the
//! first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with
//! substitute weekdays when one falls at a weekend). One-off proclamations, such as the 2023
//! coronation holiday, are added through [`WorkingCalendar::with_extra_holidays`].
//! Days are London days: times are shifted to British Summer Time where it applies.

use std::collections::BTreeSet;

use time::{Date, Duration, Month, OffsetDateTime, Weekday};

/// Working days, with bank holidays.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    extra_holidays: BTreeSet<Date>,
}

impl WorkingCalendar {
    /// The standing rules plus one-off holidays.
    pub fn with_extra_holidays(extra: impl IntoIterator<Item = Date>) -> WorkingCalendar {
        WorkingCalendar {
            extra_holidays: extra.into_iter().collect(),
        }
    }

    /// Whether a London date is a bank holiday in England and Wales.
    pub fn is_bank_holiday(&self, date: Date) -> bool {
        self.extra_holidays.contains(&date) || standing_bank_holidays(date.year()).contains(&date)
    }

    /// Whether a London date is a working day.
    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.is_bank_holiday(date)
    }

    /// The same London time of day `n` working days after `from`'s London date.
    pub fn add_working_days(&self, from: OffsetDateTime, n: u32) -> OffsetDateTime {
        let local = from + london_offset(from);
        let mut date = local.date();
        let mut remaining = n;
        while remaining > 0 {
            date = date.next_day().unwrap_or(date);
            if self.is_working_day(date) {
                remaining -= 1;
            }
        }
        let due_local = local.replace_date(date);
        // Convert back using the offset in force on the due date.
        let guess = due_local - london_offset(due_local);
        due_local - london_offset(guess)
    }
}

/// The UK's offset from UTC at a UTC instant (one hour in British Summer Time), from the
/// bundled time-zone database.
pub fn london_offset(at: OffsetDateTime) -> Duration {
    Duration::seconds(i64::from(crate::london::offset_seconds(at)))
}

fn last_day(year: i32, month: Month) -> Date {
    let first_next = match month {
        Month::December => Date::from_calendar_date(year + 1, Month::January, 1),
        _ => Date::from_calendar_date(year, month.next(), 1),
    };
    first_next
        .ok()
        .and_then(|d| d.previous_day())
        .unwrap_or(Date::MIN)
}

fn first_monday(year: i32, month: Month) -> Date {
    let mut date = Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN);
    while date.weekday() != Weekday::Monday {
        date = date.next_day().unwrap_or(date);
    }
    date
}

fn last_monday(year: i32, month: Month) -> Date {
    let mut date = last_day(year, month);
    while date.weekday() != Weekday::Monday {
        date = date.previous_day().unwrap_or(date);
    }
    date
}

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = if month == 3 {
        Month::March
    } else {
        Month::April
    };
    Date::from_calendar_date(year, month, day as u8).unwrap_or(Date::MIN)
}

/// The standing bank holidays of England and Wales for a year, with substitute days.
fn standing_bank_holidays(year: i32) -> Vec<Date> {
    let date = |month, day| Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN);
    let easter = easter_sunday(year);
    let mut days = vec![
        substitute(date(Month::January, 1), &[]),
        easter - Duration::days(2),
        easter + Duration::days(1),
        first_monday(year, Month::May),
        last_monday(year, Month::May),
        last_monday(year, Month::August),
    ];
    let christmas = substitute(date(Month::December, 25), &[]);
    let boxing = substitute(date(Month::December, 26), &[christmas]);
    days.push(christmas);
    days.push(boxing);
    days
}

/// A holiday falling at a weekend moves to the next weekday not already taken.
fn substitute(day: Date, taken: &[Date]) -> Date {
    let mut date = day;
    while matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) || taken.contains(&date) {
        date = date.next_day().unwrap_or(date);
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_published_bank_holidays_of_2026_and_2027_are_known() {
        let calendar = WorkingCalendar::default();
        let published_2026 = [
            date!(2026 - 01 - 01),
            date!(2026 - 04 - 03),
            date!(2026 - 04 - 06),
            date!(2026 - 05 - 04),
            date!(2026 - 05 - 25),
            date!(2026 - 08 - 31),
            date!(2026 - 12 - 25),
            date!(2026 - 12 - 28),
        ];
        for day in published_2026 {
            assert!(calendar.is_bank_holiday(day), "{day}");
        }
        assert_eq!(standing_bank_holidays(2026).len(), 8);
        // Christmas 2027 is a Saturday: the substitutes are Monday 27 and Tuesday 28.
        assert!(calendar.is_bank_holiday(date!(2027 - 12 - 27)));
        assert!(calendar.is_bank_holiday(date!(2027 - 12 - 28)));
        assert!(
            calendar.is_bank_holiday(date!(2027 - 03 - 26)),
            "Good Friday 2027"
        );
    }

    #[test]
    fn five_working_days_skip_the_weekend() {
        let calendar = WorkingCalendar::default();
        // Thursday 26 November 2026, 10:00 (GMT) → Thursday 3 December.
        let due = calendar.add_working_days(datetime!(2026-11-26 10:00 UTC), 5);
        assert_eq!(due, datetime!(2026-12-03 10:00 UTC));
    }

    #[test]
    fn bank_holidays_are_skipped() {
        let calendar = WorkingCalendar::default();
        // Thursday 24 December 2026 + 1 working day: 25th and 28th are holidays → Tuesday 29th.
        let due = calendar.add_working_days(datetime!(2026-12-24 09:00 UTC), 1);
        assert_eq!(due, datetime!(2026-12-29 09:00 UTC));
    }

    #[test]
    fn london_days_are_used_in_summer_time() {
        let calendar = WorkingCalendar::default();
        // 23:30 UTC on Friday 5 June 2026 is 00:30 on Saturday in London, so one working day
        // later is Monday 8 June at 00:30 BST, which is 23:30 UTC on Sunday.
        let due = calendar.add_working_days(datetime!(2026-06-05 23:30 UTC), 1);
        assert_eq!(due, datetime!(2026-06-07 23:30 UTC));
    }

    #[test]
    fn one_off_holidays_can_be_added() {
        let calendar = WorkingCalendar::with_extra_holidays([date!(2023 - 05 - 08)]);
        assert!(calendar.is_bank_holiday(date!(2023 - 05 - 08)));
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        assert_eq!(
            london_offset(datetime!(2026-03-29 00:59 UTC)),
            Duration::ZERO
        );
        assert_eq!(
            london_offset(datetime!(2026-03-29 01:00 UTC)),
            Duration::hours(1)
        );
        assert_eq!(
            london_offset(datetime!(2026-10-25 00:59 UTC)),
            Duration::hours(1)
        );
        assert_eq!(
            london_offset(datetime!(2026-10-25 01:00 UTC)),
            Duration::ZERO
        );
    }
}
