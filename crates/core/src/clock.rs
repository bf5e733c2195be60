//! Time as a value passed in, never read from inside the core.

use time::OffsetDateTime;

/// A source of the current time.
///
/// Edges (the web server, the CLI) hold a clock and pass `now` into the core; tests hold a clock
/// they can move.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current time in UTC, truncated to whole microseconds so that it survives a round trip
    /// through either store backend unchanged.
    fn now(&self) -> OffsetDateTime;
}

/// Truncates a time to whole microseconds, the precision every store keeps.
pub fn truncate_to_micros(at: OffsetDateTime) -> OffsetDateTime {
    let micros = at.microsecond();
    at.replace_microsecond(micros).unwrap_or(at)
}

/// Microseconds since the Unix epoch, the form in which the store keeps times.
pub fn to_unix_micros(at: OffsetDateTime) -> i64 {
    let nanos = at.unix_timestamp_nanos() / 1_000;
    i64::try_from(nanos).unwrap_or(i64::MAX)
}

/// The inverse of [`to_unix_micros`]; out-of-range values clamp to the Unix epoch.
pub fn from_unix_micros(micros: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn micros_round_trip_keeps_microsecond_precision() {
        let at = datetime!(2026-11-26 11:18:10.123456 UTC);
        assert_eq!(from_unix_micros(to_unix_micros(at)), at);
    }

    #[test]
    fn truncation_drops_nanoseconds() {
        let at = datetime!(2026-11-26 11:18:10.123456789 UTC);
        assert_eq!(
            truncate_to_micros(at),
            datetime!(2026-11-26 11:18:10.123456 UTC)
        );
    }
}
