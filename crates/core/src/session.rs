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

crate::slug::slug_enum! {
    /// How far a session has got through signing in. Only a `full` session acts; the others
    /// may only finish signing in.
    pub enum SessionStage {
        /// Signed in.
        Full = ("full", "Signed in"),
        /// The password was right; a one-time password or recovery code is still owed.
        SecondFactor = ("second_factor", "One-time password needed"),
        /// The password was right, but the account must set up a one-time-password app first.
        Enrol = ("enrol", "One-time passwords to set up"),
        /// The password was a temporary one an administrator set: a new one must be chosen.
        ChangePassword = ("change_password", "New password needed"),
    }
}

/// Whether an account with these roles, or named to receive TLP:RED, must use one-time
/// passwords: administrators, auditors, vetting officers and TLP:RED recipients hold the keys
/// to everything else.
pub fn needs_second_factor(roles: &crate::RoleSet, red_recipient: bool) -> bool {
    use crate::Role;
    red_recipient
        || [Role::Administrator, Role::Auditor, Role::VettingOfficer]
            .into_iter()
            .any(|role| roles.has(role))
}

/// The stage a session starts at once the password was right.
pub fn stage_after_password(
    temporary_password: bool,
    has_second_factor: bool,
    needs_second_factor: bool,
) -> SessionStage {
    match (has_second_factor, needs_second_factor, temporary_password) {
        (true, _, _) => SessionStage::SecondFactor,
        (false, _, true) => SessionStage::ChangePassword,
        (false, true, false) => SessionStage::Enrol,
        (false, false, false) => SessionStage::Full,
    }
}

/// The stage after a step is done: a temporary password still to replace, then an app still
/// to set up where the account must have one, then signed in.
pub fn stage_after_second_factor(
    temporary_password: bool,
    needs_second_factor: bool,
    has_second_factor: bool,
) -> SessionStage {
    match (
        temporary_password,
        needs_second_factor && !has_second_factor,
    ) {
        (true, _) => SessionStage::ChangePassword,
        (false, true) => SessionStage::Enrol,
        (false, false) => SessionStage::Full,
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;
    use crate::{Role, RoleSet};

    #[test]
    fn administrators_auditors_vetting_officers_and_red_recipients_need_a_second_factor() {
        for role in [Role::Administrator, Role::Auditor, Role::VettingOfficer] {
            assert!(needs_second_factor(
                &RoleSet::parse_slugs(role.slug()).unwrap(),
                false
            ));
        }
        let officer = RoleSet::parse_slugs("neighbourhood_officer").unwrap();
        assert!(!needs_second_factor(&officer, false));
        assert!(needs_second_factor(&officer, true));
    }

    #[test]
    fn the_stages_of_signing_in() {
        assert_eq!(
            stage_after_password(false, false, false),
            SessionStage::Full
        );
        assert_eq!(
            stage_after_password(false, false, true),
            SessionStage::Enrol
        );
        assert_eq!(
            stage_after_password(false, true, true),
            SessionStage::SecondFactor
        );
        assert_eq!(
            stage_after_password(true, false, false),
            SessionStage::ChangePassword
        );
        assert_eq!(
            stage_after_password(true, true, false),
            SessionStage::SecondFactor
        );
        assert_eq!(
            stage_after_second_factor(true, true, true),
            SessionStage::ChangePassword
        );
        assert_eq!(
            stage_after_second_factor(false, true, true),
            SessionStage::Full
        );
        // A replaced temporary password never stands in for the app the account must have.
        assert_eq!(
            stage_after_second_factor(false, true, false),
            SessionStage::Enrol
        );
        assert_eq!(
            stage_after_second_factor(false, false, false),
            SessionStage::Full
        );
    }
}
