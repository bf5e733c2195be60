//! Vetting clearances with scope, expiry, aftercare and suspension (DOMAIN.md section 5).
//!
//! A clearance has a level, the kinds of work it covers (its scopes), when it was granted and
//! expires, when its annual aftercare review falls, and a status. A trigger (a self-reported
//! change of circumstances, a conduct concern) suspends the scopes it touches, with the reason,
//! until a vetting officer reviews them; an expired or suspended clearance stops matching at
//! once, because every check takes today's date.

use time::{Date, Duration};

/// A vetting level (College of Policing APP Vetting; national security vetting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// Recruitment Vetting: officers, staff and special constables.
    Rv,
    /// Management Vetting: designated posts with wider access.
    Mv,
    /// Non-police personnel vetting 1: premises, no police information.
    Nppv1,
    /// NPPV 2 (abbreviated): police material to OFFICIAL-SENSITIVE, no systems.
    Nppv2Abbreviated,
    /// NPPV 2 (full): premises, information and systems.
    Nppv2,
    /// NPPV 3: frequent access to SECRET; annual review.
    Nppv3,
    /// Counter-Terrorist Check.
    Ctc,
    /// Security Check.
    Sc,
    /// Developed Vetting.
    Dv,
}

/// The two ladders a level can be on. A requirement is met only on its own ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ladder {
    /// Access to police information and assets (RV, MV and the NPPV levels).
    Police,
    /// National security vetting (CTC, SC, DV).
    NationalSecurity,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 9] = [
        Level::Rv,
        Level::Mv,
        Level::Nppv1,
        Level::Nppv2Abbreviated,
        Level::Nppv2,
        Level::Nppv3,
        Level::Ctc,
        Level::Sc,
        Level::Dv,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            Level::Rv => "rv",
            Level::Mv => "mv",
            Level::Nppv1 => "nppv1",
            Level::Nppv2Abbreviated => "nppv2a",
            Level::Nppv2 => "nppv2",
            Level::Nppv3 => "nppv3",
            Level::Ctc => "ctc",
            Level::Sc => "sc",
            Level::Dv => "dv",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Level::Rv => "Recruitment Vetting (RV)",
            Level::Mv => "Management Vetting (MV)",
            Level::Nppv1 => "NPPV level 1",
            Level::Nppv2Abbreviated => "NPPV level 2 (abbreviated)",
            Level::Nppv2 => "NPPV level 2 (full)",
            Level::Nppv3 => "NPPV level 3",
            Level::Ctc => "Counter-Terrorist Check (CTC)",
            Level::Sc => "Security Check (SC)",
            Level::Dv => "Developed Vetting (DV)",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.slug() == slug)
    }

    /// The ladder and the rung. On the police ladder RV sits with NPPV 2 (full) and MV with
    /// NPPV 3, the levels DOMAIN.md section 5.2 describes as giving the same access to police
    /// information and assets.
    fn rung(self) -> (Ladder, u8) {
        match self {
            Level::Nppv1 => (Ladder::Police, 1),
            Level::Nppv2Abbreviated => (Ladder::Police, 2),
            Level::Nppv2 | Level::Rv => (Ladder::Police, 3),
            Level::Nppv3 | Level::Mv => (Ladder::Police, 4),
            Level::Ctc => (Ladder::NationalSecurity, 1),
            Level::Sc => (Ladder::NationalSecurity, 2),
            Level::Dv => (Ladder::NationalSecurity, 3),
        }
    }

    /// Whether holding this level meets a requirement for `required`.
    pub fn meets(self, required: Level) -> bool {
        let (held_ladder, held) = self.rung();
        let (needed_ladder, needed) = required.rung();
        held_ladder == needed_ladder && held >= needed
    }
}

/// The kinds of work a clearance covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Domestic abuse victims and cases.
    DomesticAbuse,
    /// Children and child safeguarding.
    ChildSafeguarding,
    /// Public events and demonstrations.
    PublicEvents,
    /// Counter-terrorism.
    CounterTerrorism,
    /// Cyber crime and digital help.
    Cyber,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Scope; 5] = [
        Scope::DomesticAbuse,
        Scope::ChildSafeguarding,
        Scope::PublicEvents,
        Scope::CounterTerrorism,
        Scope::Cyber,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            Scope::DomesticAbuse => "domestic_abuse",
            Scope::ChildSafeguarding => "child_safeguarding",
            Scope::PublicEvents => "public_events",
            Scope::CounterTerrorism => "counter_terrorism",
            Scope::Cyber => "cyber",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Scope::DomesticAbuse => "domestic abuse",
            Scope::ChildSafeguarding => "child safeguarding",
            Scope::PublicEvents => "public events",
            Scope::CounterTerrorism => "counter-terrorism",
            Scope::Cyber => "cyber",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Where a clearance stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In force (scopes may still be suspended one by one).
    Active,
    /// Suspended whole, pending review.
    Suspended,
    /// Withdrawn by the vetting unit.
    Withdrawn,
}

impl Status {
    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Suspended => "suspended",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Status> {
        [Status::Active, Status::Suspended, Status::Withdrawn]
            .into_iter()
            .find(|s| s.slug() == slug)
    }
}

/// What can set off a review before its date (DOMAIN.md section 5.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// A self-reported change of circumstances (name, address, co-residents, partner,
    /// finances, criminal or civil proceedings).
    ChangeOfCircumstances(String),
    /// A conduct concern raised about the person.
    ConductConcern(String),
}

/// One scope suspended, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspension {
    /// The scope.
    pub scope: Scope,
    /// Why, as recorded.
    pub reason: String,
    /// Since when.
    pub since: Date,
}

/// A vetting clearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clearance {
    /// Its level.
    pub level: Level,
    /// The kinds of work it covers.
    pub scopes: Vec<Scope>,
    /// When it was granted.
    pub granted: Date,
    /// When it expires; from that day it matches nothing.
    pub expires: Date,
    /// When its aftercare (annual integrity) review falls due.
    pub aftercare_due: Date,
    /// Its status.
    pub status: Status,
    /// Scopes suspended by a trigger, until a vetting officer reviews them.
    pub suspended: Vec<Suspension>,
}

/// Why a clearance does not cover a piece of work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCovered {
    /// It expired.
    Expired(Date),
    /// It is suspended whole or withdrawn.
    NotActive(Status),
    /// Its level does not meet the work's.
    LevelTooLow {
        /// Held.
        held: Level,
        /// Needed.
        needed: Level,
    },
    /// It does not cover the kind of work.
    ScopeMissing(Scope),
    /// The scope is suspended pending review.
    ScopeSuspended(Suspension),
    /// Its aftercare (annual integrity) review was due on this date and has not been done:
    /// like an expiry, it matches nothing until the review.
    AftercareLapsed(Date),
}

impl NotCovered {
    /// The reason in words, for the supervisor.
    pub fn explain(&self) -> String {
        match self {
            NotCovered::Expired(on) => format!("vetting expired on {on}"),
            NotCovered::NotActive(Status::Suspended) => {
                "vetting is suspended pending review".to_owned()
            }
            NotCovered::NotActive(_) => "vetting was withdrawn".to_owned(),
            NotCovered::LevelTooLow { held, needed } => {
                format!("holds {}, the task needs {}", held.label(), needed.label())
            }
            NotCovered::ScopeMissing(scope) => {
                format!("vetting does not cover {} work", scope.label())
            }
            NotCovered::AftercareLapsed(on) => {
                format!("the annual vetting review was due on {on} and has not been done")
            }
            NotCovered::ScopeSuspended(s) => format!(
                "{} work is suspended since {} pending review: {}",
                s.scope.label(),
                s.since,
                s.reason
            ),
        }
    }
}

/// How a clearance stands for the vetting officer's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attention {
    /// Nothing due within the window.
    Current,
    /// Aftercare or renewal falls due within the window.
    Due,
    /// Aftercare or renewal is past.
    Overdue,
    /// Suspended whole or in part, awaiting review.
    Suspended,
}

impl Clearance {
    /// Whether the clearance covers work needing `level` and `scope` on `today`, or the first
    /// reason it does not (expiry, status, level, scope, suspension, in that order).
    pub fn covers(
        &self,
        level: Level,
        scope: Option<Scope>,
        today: Date,
    ) -> Result<(), NotCovered> {
        if today >= self.expires {
            return Err(NotCovered::Expired(self.expires));
        }
        if self.status != Status::Active {
            return Err(NotCovered::NotActive(self.status));
        }
        if today > self.aftercare_due {
            return Err(NotCovered::AftercareLapsed(self.aftercare_due));
        }
        if !self.level.meets(level) {
            return Err(NotCovered::LevelTooLow {
                held: self.level,
                needed: level,
            });
        }
        if let Some(scope) = scope {
            if !self.scopes.contains(&scope) {
                return Err(NotCovered::ScopeMissing(scope));
            }
            if let Some(s) = self.suspended.iter().find(|s| s.scope == scope) {
                return Err(NotCovered::ScopeSuspended(s.clone()));
            }
        }
        Ok(())
    }

    /// Applies a trigger: the scopes it touches are suspended with the reason until reviewed.
    /// A conduct concern touching every scope suspends the clearance whole.
    pub fn trigger(&mut self, trigger: &Trigger, scopes: &[Scope], on: Date) {
        let reason = match trigger {
            Trigger::ChangeOfCircumstances(what) => format!("change of circumstances: {what}"),
            Trigger::ConductConcern(what) => format!("conduct concern: {what}"),
        };
        for scope in scopes {
            if self.scopes.contains(scope) && !self.suspended.iter().any(|s| s.scope == *scope) {
                self.suspended.push(Suspension {
                    scope: *scope,
                    reason: reason.clone(),
                    since: on,
                });
            }
        }
        if matches!(trigger, Trigger::ConductConcern(_))
            && self.scopes.iter().all(|s| scopes.contains(s))
        {
            self.status = Status::Suspended;
        }
    }

    /// A vetting officer's review: the scopes reinstated (the others stay suspended), and the
    /// next aftercare date a year on.
    pub fn review(&mut self, reinstated: &[Scope], on: Date) {
        self.suspended.retain(|s| !reinstated.contains(&s.scope));
        if self.status == Status::Suspended && self.suspended.is_empty() {
            self.status = Status::Active;
        }
        self.aftercare_due = on + Duration::days(365);
    }

    /// For the vetting officer's page: suspended first, then overdue (aftercare or renewal
    /// past), then due within `window` days.
    pub fn attention(&self, today: Date, window: Duration) -> Attention {
        if self.status == Status::Suspended || !self.suspended.is_empty() {
            return Attention::Suspended;
        }
        let next = self.aftercare_due.min(self.expires);
        if next <= today {
            Attention::Overdue
        } else if next <= today + window {
            Attention::Due
        } else {
            Attention::Current
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn clearance(level: Level, scopes: &[Scope]) -> Clearance {
        Clearance {
            level,
            scopes: scopes.to_vec(),
            granted: date!(2025 - 01 - 10),
            expires: date!(2028 - 01 - 10),
            aftercare_due: date!(2027 - 01 - 10),
            status: Status::Active,
            suspended: Vec::new(),
        }
    }

    const TODAY: Date = date!(2026 - 11 - 26);

    #[test]
    fn levels_meet_requirements_on_their_own_ladder_only() {
        assert!(Level::Nppv3.meets(Level::Nppv2));
        assert!(
            Level::Mv.meets(Level::Nppv3),
            "MV is the police equivalent of NPPV 3"
        );
        assert!(Level::Rv.meets(Level::Nppv2));
        assert!(!Level::Nppv2.meets(Level::Nppv3));
        assert!(
            !Level::Dv.meets(Level::Nppv1),
            "national security vetting is another ladder"
        );
        assert!(Level::Dv.meets(Level::Sc) && Level::Sc.meets(Level::Ctc));
        assert!(!Level::Ctc.meets(Level::Sc));
    }

    #[test]
    fn an_expired_clearance_covers_nothing_from_its_expiry_day() {
        let mut c = clearance(Level::Nppv3, &[Scope::DomesticAbuse]);
        c.expires = TODAY;
        let why = c
            .covers(Level::Nppv2, Some(Scope::DomesticAbuse), TODAY)
            .unwrap_err();
        assert_eq!(why, NotCovered::Expired(TODAY));
        assert!(why.explain().contains("expired on 2026-11-26"));
        assert!(
            c.covers(Level::Nppv2, None, TODAY - Duration::days(1))
                .is_ok()
        );
    }

    #[test]
    fn a_lapsed_annual_review_stops_matching_as_an_expiry_does_until_done() {
        let mut c = clearance(Level::Nppv2, &[Scope::DomesticAbuse]);
        c.aftercare_due = TODAY - Duration::days(1);
        assert_eq!(
            c.covers(Level::Nppv2, None, TODAY),
            Err(NotCovered::AftercareLapsed(TODAY - Duration::days(1)))
        );
        assert!(
            c.covers(Level::Nppv2, None, TODAY - Duration::days(1))
                .is_ok(),
            "due that day"
        );
        assert!(
            NotCovered::AftercareLapsed(TODAY)
                .explain()
                .contains("annual vetting review")
        );
        c.review(&[], TODAY);
        assert!(
            c.covers(Level::Nppv2, None, TODAY).is_ok(),
            "reviewed, it matches again"
        );
    }

    #[test]
    fn public_events_vetting_never_covers_domestic_abuse_work() {
        let c = clearance(Level::Nppv3, &[Scope::PublicEvents]);
        assert_eq!(
            c.covers(Level::Nppv2, Some(Scope::DomesticAbuse), TODAY),
            Err(NotCovered::ScopeMissing(Scope::DomesticAbuse))
        );
        assert!(
            c.covers(Level::Nppv2, Some(Scope::PublicEvents), TODAY)
                .is_ok()
        );
    }

    #[test]
    fn a_change_of_circumstances_suspends_the_scopes_it_touches_until_reviewed() {
        let mut c = clearance(Level::Nppv2, &[Scope::DomesticAbuse, Scope::Cyber]);
        c.trigger(
            &Trigger::ChangeOfCircumstances("new partner".into()),
            &[Scope::DomesticAbuse],
            TODAY,
        );
        let why = c
            .covers(Level::Nppv2, Some(Scope::DomesticAbuse), TODAY)
            .unwrap_err();
        assert!(
            why.explain()
                .contains("change of circumstances: new partner"),
            "{}",
            why.explain()
        );
        assert!(
            c.covers(Level::Nppv2, Some(Scope::Cyber), TODAY).is_ok(),
            "other scopes go on"
        );
        assert_eq!(c.attention(TODAY, Duration::days(30)), Attention::Suspended);
        c.review(&[Scope::DomesticAbuse], TODAY);
        assert!(
            c.covers(Level::Nppv2, Some(Scope::DomesticAbuse), TODAY)
                .is_ok()
        );
        assert_eq!(c.aftercare_due, TODAY + Duration::days(365));
    }

    #[test]
    fn a_conduct_concern_over_every_scope_suspends_the_whole_clearance() {
        let mut c = clearance(Level::Nppv2, &[Scope::Cyber]);
        c.trigger(
            &Trigger::ConductConcern("complaint".into()),
            &[Scope::Cyber],
            TODAY,
        );
        assert_eq!(c.status, Status::Suspended);
        assert_eq!(
            c.covers(Level::Nppv1, None, TODAY),
            Err(NotCovered::NotActive(Status::Suspended))
        );
    }

    #[test]
    fn the_vetting_officer_sees_what_is_due_overdue_and_suspended() {
        let window = Duration::days(30);
        let mut c = clearance(Level::Nppv2, &[Scope::Cyber]);
        assert_eq!(c.attention(TODAY, window), Attention::Current);
        c.aftercare_due = TODAY + Duration::days(10);
        assert_eq!(c.attention(TODAY, window), Attention::Due);
        c.aftercare_due = TODAY - Duration::days(1);
        assert_eq!(c.attention(TODAY, window), Attention::Overdue);
        c.aftercare_due = TODAY + Duration::days(200);
        c.expires = TODAY + Duration::days(5);
        assert_eq!(
            c.attention(TODAY, window),
            Attention::Due,
            "renewal counts too"
        );
    }
}
