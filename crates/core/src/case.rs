//! Cases: what belongs together, worked by an officer in charge to an outcome.
//!
//! A case moves `open → investigating | safeguarding → closed`, and may be reopened with a
//! reason. Closing needs an outcome: a police.uk outcome category (DOMAIN.md 4.2) or one of the
//! prevention outcomes (a referral to a named partner programme, diversion onto a named
//! programme, advice and protection given, no further action with the reason). The Victims'
//! Code clock gives an update due within 5 working days (1 under enhanced rights) of every
//! stage change and of the last update.

use time::OffsetDateTime;

use crate::calendar::WorkingCalendar;
use crate::slug::slug_enum;

slug_enum! {
    /// Where a case stands.
    pub enum CaseStage {
        /// Taken on; not yet being investigated or safeguarded.
        Open = ("open", "Open"),
        /// Being investigated.
        Investigating = ("investigating", "Investigating"),
        /// Safeguarding the victim is the work in hand.
        Safeguarding = ("safeguarding", "Safeguarding"),
        /// Closed with an outcome.
        Closed = ("closed", "Closed"),
        /// Merged into another case, which holds everything it had.
        Merged = ("merged", "Merged into another case"),
    }
}

impl CaseStage {
    /// What the reporter is told.
    pub fn for_reporter(self) -> &'static str {
        match self {
            CaseStage::Open => "An officer has taken on your report",
            CaseStage::Investigating => "Being investigated",
            CaseStage::Safeguarding => "We are working to keep you safe",
            CaseStage::Closed => "Closed",
            CaseStage::Merged => "Being looked into with a related report",
        }
    }

    /// Whether the case is still being worked.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseStage::Open | CaseStage::Investigating | CaseStage::Safeguarding
        )
    }
}

/// Why a stage change is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    /// The case is already at that stage.
    #[error("the case is already {0}")]
    Already(&'static str),
    /// Closing goes through [`Outcome`]; use close.
    #[error("a case is closed by recording its outcome")]
    CloseNeedsOutcome,
    /// A closed case must be reopened first.
    #[error("the case is closed: reopen it first, with a reason")]
    Closed,
    /// A merged case is worked in the case it was merged into.
    #[error("the case was merged into another; work it there")]
    Merged,
    /// Only a closed case can be reopened.
    #[error("only a closed case can be reopened")]
    NotClosed,
    /// A reason is needed.
    #[error("give a reason")]
    NeedsReason,
}

/// Checks a move between working stages (open, investigating, safeguarding).
pub fn move_to(from: CaseStage, to: CaseStage) -> Result<(), StageError> {
    match (from, to) {
        (CaseStage::Merged, _) => Err(StageError::Merged),
        (CaseStage::Closed, _) => Err(StageError::Closed),
        (_, CaseStage::Closed) => Err(StageError::CloseNeedsOutcome),
        (_, CaseStage::Merged) => Err(StageError::Merged),
        (a, b) if a == b => Err(StageError::Already(a.label())),
        _ => Ok(()),
    }
}

/// Checks a close: only a case being worked.
pub fn can_close(from: CaseStage) -> Result<(), StageError> {
    match from {
        CaseStage::Closed => Err(StageError::Already("closed")),
        CaseStage::Merged => Err(StageError::Merged),
        _ => Ok(()),
    }
}

/// Checks a reopening, which needs a reason.
pub fn can_reopen(from: CaseStage, reason: &str) -> Result<(), StageError> {
    if from != CaseStage::Closed {
        return Err(StageError::NotClosed);
    }
    if reason.trim().is_empty() {
        return Err(StageError::NeedsReason);
    }
    Ok(())
}

slug_enum! {
    /// How a case ended: police.uk's outcome categories, then Peel's prevention outcomes.
    pub enum OutcomeKind {
        /// police.uk.
        AwaitingCourtResult = ("awaiting-court-result", "Awaiting court outcome"),
        /// police.uk.
        CourtResultUnavailable = ("court-result-unavailable", "Court result unavailable"),
        /// police.uk.
        UnableToProceed = ("unable-to-proceed", "Court case unable to proceed"),
        /// police.uk.
        LocalResolution = ("local-resolution", "Local resolution"),
        /// police.uk.
        NoSuspect = ("no-further-action", "Investigation complete; no suspect identified"),
        /// police.uk.
        DeprivedOfProperty = ("deprived-of-property", "Offender deprived of property"),
        /// police.uk.
        Fined = ("fined", "Offender fined"),
        /// police.uk.
        AbsoluteDischarge = ("absolute-discharge", "Offender given absolute discharge"),
        /// police.uk.
        Cautioned = ("cautioned", "Offender given a caution"),
        /// police.uk.
        DrugsPossessionWarning = ("drugs-possession-warning", "Offender given a drugs possession warning"),
        /// police.uk.
        PenaltyNotice = ("penalty-notice-issued", "Offender given a penalty notice"),
        /// police.uk.
        CommunityPenalty = ("community-penalty", "Offender given community sentence"),
        /// police.uk.
        ConditionalDischarge = ("conditional-discharge", "Offender given conditional discharge"),
        /// police.uk.
        SuspendedSentence = ("suspended-sentence", "Offender given suspended prison sentence"),
        /// police.uk.
        Imprisoned = ("imprisoned", "Offender sent to prison"),
        /// police.uk.
        OtherCourtDisposal = ("other-court-disposal", "Offender otherwise dealt with"),
        /// police.uk.
        Compensation = ("compensation", "Offender ordered to pay compensation"),
        /// police.uk.
        SentencedInAnotherCase = ("sentenced-in-another-case", "Suspect charged as part of another case"),
        /// police.uk.
        Charged = ("charged", "Suspect charged"),
        /// police.uk.
        NotGuilty = ("not-guilty", "Defendant found not guilty"),
        /// police.uk.
        SentToCrownCourt = ("sent-to-crown-court", "Defendant sent to Crown Court"),
        /// police.uk.
        UnableToProsecute = ("unable-to-prosecute", "Unable to prosecute suspect"),
        /// police.uk.
        FormalActionNotInPublicInterest = ("formal-action-not-in-public-interest", "Formal action is not in the public interest"),
        /// police.uk.
        ActionByAnotherOrganisation = ("action-taken-by-another-organisation", "Action to be taken by another organisation"),
        /// police.uk.
        FurtherInvestigationNotInPublicInterest = ("further-investigation-not-in-public-interest", "Further investigation is not in the public interest"),
        /// police.uk.
        FurtherActionNotInPublicInterest = ("further-action-not-in-public-interest", "Further action is not in the public interest"),
        /// Prevention: referred to a named partner programme.
        ReferredToPartner = ("referred-to-partner", "Referred to a partner programme"),
        /// Prevention: diverted out of the criminal justice system onto a named programme.
        Diversion = ("diversion", "Diverted onto a programme, out of the criminal justice system"),
        /// Prevention: advice and protection given.
        AdviceAndProtection = ("advice-and-protection", "Advice and protection given"),
        /// No further action, with the reason.
        NoFurtherAction = ("no-further-action-reason", "No further action, with the reason"),
    }
}

impl OutcomeKind {
    /// Whether this is one of Peel's prevention outcomes rather than a police.uk category.
    pub fn is_prevention(self) -> bool {
        matches!(
            self,
            OutcomeKind::ReferredToPartner
                | OutcomeKind::Diversion
                | OutcomeKind::AdviceAndProtection
                | OutcomeKind::NoFurtherAction
        )
    }
}

slug_enum! {
    /// The kinds of partner programme a case is referred to.
    pub enum Programme {
        /// A youth service.
        YouthService = ("youth-service", "Youth service"),
        /// A mental-health team.
        MentalHealth = ("mental-health", "Mental-health team"),
        /// A drug and alcohol service.
        DrugAndAlcohol = ("drug-and-alcohol", "Drug and alcohol service"),
        /// Victim support.
        VictimSupport = ("victim-support", "Victim support"),
        /// Another partner, named.
        Other = ("other", "Another partner programme"),
    }
}

/// A checked outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Which.
    pub kind: OutcomeKind,
    /// For a referral: the kind of programme.
    pub programme: Option<Programme>,
    /// For a referral or a diversion: the programme's name.
    pub programme_name: Option<String>,
    /// Why, in the officer's words (required for no further action).
    pub reason: String,
}

/// One problem with an outcome as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OutcomeProblem {
    /// The form field.
    pub field: &'static str,
    /// What to put right.
    pub message: &'static str,
}

impl Outcome {
    /// Checks an outcome as given on the form or over the API.
    pub fn parse(
        kind: &str,
        programme: Option<&str>,
        programme_name: Option<&str>,
        reason: &str,
    ) -> Result<Outcome, OutcomeProblem> {
        let problem = |field, message| OutcomeProblem { field, message };
        let kind = OutcomeKind::parse(kind.trim())
            .ok_or(problem("outcome", "Choose how the case ended"))?;
        let name = programme_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let reason = reason.trim().to_owned();
        if name.as_ref().is_some_and(|n| n.chars().count() > 200) || reason.chars().count() > 2000 {
            return Err(problem("reason", "Keep the outcome to 2,000 characters"));
        }
        let programme = match kind {
            OutcomeKind::ReferredToPartner => Some(
                programme
                    .and_then(|p| Programme::parse(p.trim()))
                    .ok_or(problem("programme", "Choose the kind of partner programme"))?,
            ),
            _ => None,
        };
        if matches!(
            kind,
            OutcomeKind::ReferredToPartner | OutcomeKind::Diversion
        ) && name.is_none()
        {
            return Err(problem("programme_name", "Name the programme"));
        }
        if kind == OutcomeKind::NoFurtherAction && reason.is_empty() {
            return Err(problem(
                "reason",
                "Say why no further action is being taken",
            ));
        }
        Ok(Outcome {
            kind,
            programme,
            programme_name: name.filter(|_| {
                matches!(
                    kind,
                    OutcomeKind::ReferredToPartner | OutcomeKind::Diversion
                )
            }),
            reason,
        })
    }

    /// The outcome in words for the reporter and the case page.
    pub fn words(&self) -> String {
        match (&self.programme_name, self.programme) {
            (Some(name), Some(programme)) => {
                format!("{} ({}: {name})", self.kind.label(), programme.label())
            }
            (Some(name), None) => format!("{} ({name})", self.kind.label()),
            _ => self.kind.label().to_owned(),
        }
    }
}

/// When the next update for the victim is due after something happens on their case: 5
/// working days, or 1 under enhanced rights (Victims' Code Right 6).
pub fn update_due(
    calendar: &WorkingCalendar,
    at: OffsetDateTime,
    enhanced_rights: bool,
) -> OffsetDateTime {
    calendar.add_working_days(at, if enhanced_rights { 1 } else { 5 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_case_moves_between_working_stages_and_closes_only_with_an_outcome() {
        use CaseStage::*;
        assert_eq!(move_to(Open, Investigating), Ok(()));
        assert_eq!(move_to(Investigating, Safeguarding), Ok(()));
        assert_eq!(move_to(Safeguarding, Investigating), Ok(()));
        assert_eq!(move_to(Open, Closed), Err(StageError::CloseNeedsOutcome));
        assert_eq!(move_to(Closed, Open), Err(StageError::Closed));
        assert_eq!(move_to(Merged, Open), Err(StageError::Merged));
        assert!(matches!(move_to(Open, Open), Err(StageError::Already(_))));
        assert_eq!(can_close(Investigating), Ok(()));
        assert!(can_close(Closed).is_err());
        assert_eq!(can_reopen(Closed, "new evidence"), Ok(()));
        assert_eq!(can_reopen(Closed, "  "), Err(StageError::NeedsReason));
        assert_eq!(can_reopen(Open, "x"), Err(StageError::NotClosed));
    }

    #[test]
    fn every_police_uk_outcome_of_the_published_list_is_there() {
        let police_uk = OutcomeKind::ALL
            .iter()
            .filter(|k| !k.is_prevention())
            .count();
        // DOMAIN.md 4.2 lists 28; "under investigation" and "status update unavailable" are
        // not ways a case ends.
        assert_eq!(police_uk, 26);
        for kind in OutcomeKind::ALL {
            assert_eq!(OutcomeKind::parse(kind.slug()), Some(*kind));
        }
    }

    #[test]
    fn prevention_outcomes_name_their_programme_and_no_further_action_says_why() {
        let diversion = Outcome::parse("diversion", None, Some("Divert youth programme"), "")
            .expect("a named diversion");
        assert_eq!(
            diversion.programme_name.as_deref(),
            Some("Divert youth programme")
        );
        assert_eq!(
            Outcome::parse("diversion", None, None, "").map_err(|p| p.field),
            Err("programme_name")
        );
        assert_eq!(
            Outcome::parse("referred-to-partner", None, Some("Hackney CAMHS"), "")
                .map_err(|p| p.field),
            Err("programme")
        );
        let referral = Outcome::parse(
            "referred-to-partner",
            Some("mental-health"),
            Some("Hackney CAMHS"),
            "",
        )
        .expect("a referral");
        assert_eq!(
            referral.words(),
            "Referred to a partner programme (Mental-health team: Hackney CAMHS)"
        );
        assert_eq!(
            Outcome::parse("no-further-action-reason", None, None, " ").map_err(|p| p.field),
            Err("reason")
        );
        assert_eq!(
            Outcome::parse("cautioned", None, Some("ignored"), "").map(|o| o.programme_name),
            Ok(None)
        );
        assert_eq!(
            Outcome::parse("made-up", None, None, "").map_err(|p| p.field),
            Err("outcome")
        );
    }

    #[test]
    fn the_update_clock_is_five_working_days_or_one_for_enhanced_rights() {
        let calendar = WorkingCalendar::default();
        // Friday 4 December 2026, noon.
        let friday = datetime!(2026-12-04 12:00 UTC);
        assert_eq!(
            update_due(&calendar, friday, false),
            datetime!(2026-12-11 12:00 UTC)
        );
        assert_eq!(
            update_due(&calendar, friday, true),
            datetime!(2026-12-07 12:00 UTC)
        );
    }
}
