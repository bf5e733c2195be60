//! London local time, from the time-zone database bundled into the binary (jiff's copy of the
//! IANA database, so no file is read at run time): every time shown to a person, and every
//! safe-contact window, is in London time, never UTC.

use jiff::tz::TimeZone;
use time::OffsetDateTime;

/// London's time zone; the bundled database always has it, and UTC stands in should it not.
fn zone() -> TimeZone {
    TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC)
}

fn timestamp(at: OffsetDateTime) -> jiff::Timestamp {
    jiff::Timestamp::from_second(at.unix_timestamp()).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The London wall-clock date and time at an instant.
pub fn local(at: OffsetDateTime) -> jiff::civil::DateTime {
    zone().to_datetime(timestamp(at))
}

/// London's date at an instant (what day it is in London), as `time` counts dates.
pub fn today(at: OffsetDateTime) -> time::Date {
    time::UtcOffset::from_whole_seconds(offset_seconds(at))
        .map_or(at.date(), |offset| at.to_offset(offset).date())
}

/// London's offset from UTC at an instant, in seconds (3,600 in British Summer Time).
pub fn offset_seconds(at: OffsetDateTime) -> i32 {
    zone().to_offset(timestamp(at)).seconds()
}

/// The instant of a London wall-clock time; in the hour skipped in spring the later reading is
/// taken, and in the hour repeated in autumn the earlier.
pub fn instant(local: jiff::civil::DateTime) -> Option<OffsetDateTime> {
    let zoned = zone().to_ambiguous_zoned(local).compatible().ok()?;
    OffsetDateTime::from_unix_timestamp(zoned.timestamp().as_second()).ok()
}

/// The instant a London day begins.
pub fn start_of(day: time::Date) -> Option<OffsetDateTime> {
    let date = jiff::civil::date(
        i16::try_from(day.year()).ok()?,
        i8::try_from(u8::from(day.month())).ok()?,
        i8::try_from(day.day()).ok()?,
    );
    instant(date.at(0, 0, 0, 0))
}

/// A time as people in London read it, in the GOV.UK style: "2 December 2026 at 7:05am".
pub fn display(at: OffsetDateTime) -> String {
    let t = local(at);
    format!("{} at {}", display_date(t.date()), clock(t.time()))
}

/// A date in the GOV.UK style: "2 December 2026".
pub fn display_date(date: jiff::civil::Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// A short time of day: "7:05am", "12pm", "9:30pm".
pub fn clock(time: jiff::civil::Time) -> String {
    let hour = time.hour();
    let (twelve, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    if time.minute() == 0 {
        format!("{twelve}{half}")
    } else {
        format!("{twelve}:{:02}{half}", time.minute())
    }
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i).copied())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn winter_is_greenwich_time_and_summer_an_hour_ahead() {
        assert_eq!(
            display(datetime!(2026-12-02 07:05 UTC)),
            "2 December 2026 at 7:05am"
        );
        assert_eq!(
            display(datetime!(2026-07-01 12:00 UTC)),
            "1 July 2026 at 1pm"
        );
        assert_eq!(offset_seconds(datetime!(2026-07-01 12:00 UTC)), 3600);
        assert_eq!(offset_seconds(datetime!(2026-12-01 12:00 UTC)), 0);
    }

    #[test]
    fn the_clocks_change_at_one_in_the_morning_utc() {
        // 2026: summer time from 29 March to 25 October.
        assert_eq!(offset_seconds(datetime!(2026-03-29 00:59 UTC)), 0);
        assert_eq!(offset_seconds(datetime!(2026-03-29 01:00 UTC)), 3600);
        assert_eq!(offset_seconds(datetime!(2026-10-25 00:59 UTC)), 3600);
        assert_eq!(offset_seconds(datetime!(2026-10-25 01:00 UTC)), 0);
    }

    #[test]
    fn midnight_and_noon_read_as_people_say_them() {
        assert_eq!(clock(jiff::civil::time(0, 0, 0, 0)), "12am");
        assert_eq!(clock(jiff::civil::time(12, 30, 0, 0)), "12:30pm");
        assert_eq!(clock(jiff::civil::time(21, 5, 0, 0)), "9:05pm");
    }

    #[test]
    fn a_london_wall_clock_time_is_found_again() {
        let at = datetime!(2026-07-01 08:30 UTC);
        assert_eq!(instant(local(at)), Some(at));
        let winter = datetime!(2026-12-01 08:30 UTC);
        assert_eq!(instant(local(winter)), Some(winter));
    }

    #[test]
    fn londons_date_turns_at_london_midnight() {
        assert_eq!(
            today(time::macros::datetime!(2026-06-30 23:30 UTC)),
            time::macros::date!(2026 - 07 - 01),
            "half past midnight in summer time"
        );
        assert_eq!(
            today(time::macros::datetime!(2026-12-31 23:30 UTC)),
            time::macros::date!(2026 - 12 - 31)
        );
    }

    #[test]
    fn a_london_day_starts_at_london_midnight() {
        assert_eq!(
            start_of(time::macros::date!(2026 - 07 - 01)),
            Some(time::macros::datetime!(2026-06-30 23:00 UTC))
        );
        assert_eq!(
            start_of(time::macros::date!(2026 - 12 - 02)),
            Some(time::macros::datetime!(2026-12-02 00:00 UTC))
        );
    }
}
