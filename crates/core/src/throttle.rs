//! Sign-in throttling: too many failed attempts from one address lock it for a while; too many
//! for one account make each further attempt wait, the wait doubling to a minute at most, so
//! that nobody can lock a chosen officer out for long by guessing at their account (finding
//! L-8): the guesser's own address is locked first. An administrator can clear either early.

use time::{Duration, OffsetDateTime};

/// How many failures within what window lock for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed inside the window; the next one locks.
    pub max_failures: u32,
    /// The window over which failures are counted.
    pub window: Duration,
    /// How long a lockout lasts (the first, when it doubles).
    pub lockout: Duration,
    /// When set, each failure past the allowance locks again for twice as long as the last,
    /// up to this; when not, the lockout is fixed and failures while locked do not extend it.
    pub doubling_to: Option<Duration>,
}

impl ThrottlePolicy {
    /// For one account: from the fifth failure in 15 minutes, each makes the next attempt
    /// wait 2 seconds, then 4, 8 and so on up to a minute.
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window: Duration::minutes(15),
        lockout: Duration::seconds(2),
        doubling_to: Some(Duration::minutes(1)),
    };
    /// For one account's one-time passwords: five wrong codes in 15 minutes lock its code
    /// step for 15 minutes, whatever the password does (a right password starts a new session
    /// but never clears this), so a million codes cannot be tried.
    pub const SECOND_FACTOR: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window: Duration::minutes(15),
        lockout: Duration::minutes(15),
        doubling_to: None,
    };
    /// For one network address: twenty failures in 15 minutes lock it for 15 minutes, so that
    /// one address cannot try many accounts.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 20,
        window: Duration::minutes(15),
        lockout: Duration::minutes(15),
        doubling_to: None,
    };
}

/// The failures recorded against one key (an account or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    /// Failures counted in the current window.
    pub failures: u32,
    /// When the current window began.
    pub window_started: OffsetDateTime,
    /// Set while locked.
    pub locked_until: Option<OffsetDateTime>,
}

/// A refusal because of a lockout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked {
    /// When attempts may resume.
    pub until: OffsetDateTime,
}

/// Whether an attempt may be made now.
pub fn check(state: Option<&ThrottleState>, now: OffsetDateTime) -> Result<(), Locked> {
    match state.and_then(|state| state.locked_until) {
        Some(until) if until > now => Err(Locked { until }),
        _ => Ok(()),
    }
}

/// The state after one more failure, and whether this failure caused a new lockout.
pub fn record_failure(
    state: Option<ThrottleState>,
    now: OffsetDateTime,
    policy: ThrottlePolicy,
) -> (ThrottleState, bool) {
    let fresh = ThrottleState {
        failures: 0,
        window_started: now,
        locked_until: None,
    };
    let mut state = match state {
        Some(state) if now - state.window_started < policy.window => match state.locked_until {
            // A fixed lockout that has run out starts the count again; a doubling one keeps
            // counting until the window ends.
            Some(until) if until <= now && policy.doubling_to.is_none() => fresh,
            _ => state,
        },
        _ => fresh,
    };
    state.failures = state.failures.saturating_add(1);
    let past = state.failures.checked_sub(policy.max_failures);
    let newly_locked = match (past, policy.doubling_to) {
        (None, _) => false,
        (Some(n), Some(cap)) => {
            let wait = policy
                .lockout
                .checked_mul(1_i32 << n.min(20))
                .map_or(cap, |w| w.min(cap));
            state.locked_until = Some(now + wait);
            true
        }
        (Some(_), None) if state.locked_until.is_none() => {
            state.locked_until = Some(now + policy.lockout);
            true
        }
        (Some(_), None) => false,
    };
    (state, newly_locked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-26 09:00 UTC);

    fn fail(times: u32, policy: ThrottlePolicy) -> (ThrottleState, bool) {
        let mut state = None;
        let mut locked = false;
        for i in 0..times {
            let (next, newly) = record_failure(state, NOW + Duration::seconds(i.into()), policy);
            state = Some(next);
            locked |= newly;
        }
        (state.unwrap(), locked)
    }

    #[test]
    fn four_failures_do_not_lock_an_account() {
        let (state, locked) = fail(4, ThrottlePolicy::ACCOUNT);
        assert!(!locked);
        assert_eq!(check(Some(&state), NOW + Duration::minutes(1)), Ok(()));
    }

    /// Finding L-8: guessing at an account makes its owner wait at most a minute.
    #[test]
    fn an_accounts_wait_doubles_from_the_fifth_failure_to_a_minute_at_most() {
        let mut state = None;
        let mut waits = Vec::new();
        for i in 0..12 {
            let at = NOW + Duration::minutes(i);
            let (next, _) = record_failure(state, at, ThrottlePolicy::ACCOUNT);
            waits.push(next.locked_until.map(|u| (u - at).whole_seconds()));
            state = Some(next);
        }
        assert_eq!(
            waits,
            vec![
                None,
                None,
                None,
                None,
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(32),
                Some(60),
                Some(60),
                Some(60)
            ]
        );
    }

    #[test]
    fn the_twentieth_failure_locks_an_address_for_fifteen_minutes() {
        let (state, locked) = fail(20, ThrottlePolicy::ADDRESS);
        assert!(locked);
        let until = state.locked_until.unwrap();
        assert_eq!(until, NOW + Duration::seconds(19) + Duration::minutes(15));
        assert_eq!(
            check(Some(&state), until - Duration::seconds(1)),
            Err(Locked { until })
        );
        assert_eq!(check(Some(&state), until), Ok(()));
    }

    #[test]
    fn failures_outside_the_window_start_a_new_count() {
        let (state, _) = fail(4, ThrottlePolicy::ACCOUNT);
        let (after, locked) = record_failure(
            Some(state),
            NOW + Duration::minutes(16),
            ThrottlePolicy::ACCOUNT,
        );
        assert!(!locked);
        assert_eq!(after.failures, 1);
    }

    #[test]
    fn failures_while_locked_do_not_extend_a_fixed_lockout() {
        let (state, _) = fail(20, ThrottlePolicy::ADDRESS);
        let (after, newly) = record_failure(
            Some(state),
            NOW + Duration::minutes(1),
            ThrottlePolicy::ADDRESS,
        );
        assert!(!newly);
        assert_eq!(after.locked_until, state.locked_until);
    }

    #[test]
    fn an_address_tolerates_more_failures_than_an_account() {
        let (_, locked) = fail(19, ThrottlePolicy::ADDRESS);
        assert!(!locked);
        let (_, locked) = fail(20, ThrottlePolicy::ADDRESS);
        assert!(locked);
    }
}

/// A fixed one-minute window of requests, for rate limits on machine clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateWindow {
    /// When the current minute began.
    pub started: OffsetDateTime,
    /// Requests taken in it.
    pub taken: u32,
}

/// Takes one request from a budget of `per_minute`: the new window, or `Err` with the seconds
/// until the window turns when the budget is spent.
pub fn take_request(
    window: Option<RateWindow>,
    now: OffsetDateTime,
    per_minute: u32,
) -> Result<RateWindow, u64> {
    let minute = time::Duration::minutes(1);
    let current = match window {
        Some(w) if now - w.started < minute && now >= w.started => w,
        _ => RateWindow {
            started: now,
            taken: 0,
        },
    };
    if current.taken >= per_minute {
        let left = (current.started + minute - now).whole_seconds().max(1);
        return Err(u64::try_from(left).unwrap_or(60));
    }
    Ok(RateWindow {
        taken: current.taken + 1,
        ..current
    })
}

#[cfg(test)]
mod rate_tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_budget_is_spent_within_a_minute_and_renewed_after_it() {
        let t0 = datetime!(2026-11-26 12:00:00 UTC);
        let w = take_request(None, t0, 2).unwrap();
        let w = take_request(Some(w), t0 + time::Duration::seconds(10), 2).unwrap();
        assert_eq!(
            take_request(Some(w), t0 + time::Duration::seconds(20), 2),
            Err(40)
        );
        let fresh = take_request(Some(w), t0 + time::Duration::seconds(61), 2).unwrap();
        assert_eq!(fresh.taken, 1);
        assert_eq!(take_request(None, t0, 0), Err(60));
    }
}
