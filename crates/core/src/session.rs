//! How long a signed-in session lives.

use time::{Duration, OffsetDateTime};

/// Session lifetimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused for this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute: Duration,
    /// The last-seen time is written at most this often, to spare the store.
    pub touch_every: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::hours(1),
            absolute: Duration::hours(12),
            touch_every: Duration::minutes(1),
        }
    }
}

impl SessionPolicy {
    /// Whether a session created at `created` and last used at `last_seen` is still live.
    pub fn is_live(
        &self,
        created: OffsetDateTime,
        last_seen: OffsetDateTime,
        now: OffsetDateTime,
    ) -> bool {
        now - created < self.absolute && now - last_seen < self.idle
    }

    /// Whether the last-seen time is stale enough to write again.
    pub fn needs_touch(&self, last_seen: OffsetDateTime, now: OffsetDateTime) -> bool {
        now - last_seen >= self.touch_every
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SIGNED_IN: OffsetDateTime = datetime!(2026-11-26 08:00 UTC);

    #[test]
    fn an_idle_session_ends_after_an_hour() {
        let policy = SessionPolicy::default();
        assert!(policy.is_live(SIGNED_IN, SIGNED_IN, SIGNED_IN + Duration::minutes(59)));
        assert!(!policy.is_live(SIGNED_IN, SIGNED_IN, SIGNED_IN + Duration::minutes(60)));
    }

    #[test]
    fn a_busy_session_still_ends_after_twelve_hours() {
        let policy = SessionPolicy::default();
        let now = SIGNED_IN + Duration::hours(12);
        assert!(!policy.is_live(SIGNED_IN, now - Duration::seconds(5), now));
    }
}
