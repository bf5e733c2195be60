//! People on the panels, as the vetting unit records them (skills with evidence, clearances,
//! training, associations, availability), and the abstraction log of officers' time away from
//! their wards.

mod joining;
mod sql;

use peel_core::audit::AuditEvent;
use peel_core::people::abstraction::Abstraction;
use peel_core::people::matching::Person;
use peel_core::people::skills::Skill;
use peel_core::people::vetting::Clearance;
use peel_core::username::Username;
use peel_core::{ClearanceId, PersonId, TeamId, WardCode};
use time::Date;

use crate::StoreResult;

/// A person who can be given tasks, as stored: the core's person (with their clearances), and
/// what only the store knows.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    /// The person, with skills, clearances, training, associations and availability.
    pub person: Person,
    /// The account they sign in with, if they have one (a volunteer's portal).
    pub username: Option<Username>,
    /// Their team or panel.
    pub team: Option<TeamId>,
    /// The clearances' ids, in the order of `person.clearances`.
    pub clearance_ids: Vec<ClearanceId>,
}

/// A ward's rostered hours in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// The ward.
    pub ward: WardCode,
    /// The first day of the month.
    pub month: Date,
    /// Hours rostered to the ward that month.
    pub hours: f64,
}

/// A review item for the vetting unit: a vetted person's own phone, email or address found in
/// something new. Never a suspension by itself; never shown to the person or their team.
#[derive(Debug, Clone, PartialEq)]
pub struct VettingReview {
    /// Its id.
    pub id: uuid::Uuid,
    /// Whose.
    pub person: PersonId,
    /// Why, in words (which of their details, where it was found).
    pub reason: String,
    /// What it was found in (`submission:<id>`, `notification:<id>`).
    pub source: String,
    /// When it was raised.
    pub raised_at: time::OffsetDateTime,
    /// Once closed: by whom, when, and the outcome.
    pub closed: Option<(String, time::OffsetDateTime, String)>,
}

/// An application to volunteer, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationRecord {
    /// Its id.
    pub id: uuid::Uuid,
    /// The reference the applicant quotes.
    pub reference: peel_core::reference::Reference,
    /// The digest of the status code shown once to the applicant.
    pub status_token_digest: String,
    /// The answers as given.
    pub answers: peel_core::people::application::ApplicationInput,
    /// Where it stands.
    pub status: peel_core::people::application::ApplicationStatus,
    /// When it arrived.
    pub received_at: time::OffsetDateTime,
    /// Once decided: by whom, when, and the note.
    pub decided: Option<(String, time::OffsetDateTime, String)>,
    /// The person it became, once approved.
    pub person: Option<PersonId>,
}

/// People and abstraction.
#[async_trait::async_trait]
pub trait PeopleStore: Send + Sync {
    /// The people one of whose own identifiers (phone, email or address, as kept for conflicts,
    /// normalised by `matching::normalise`) is among `values`, with the value.
    async fn people_holding(&self, values: &[String]) -> StoreResult<Vec<(PersonId, String)>>;

    /// Records a module a person completed (at a version, and how), with `audit`; false when
    /// there is no such person.
    async fn record_completion(
        &self,
        person: &PersonId,
        done: &peel_core::people::training::Completion,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Records a module's new version and what changed, with `audit`;
    /// [`crate::Conflict::Revision`] when that version was recorded before.
    async fn revise_module(
        &self,
        revision: &peel_core::people::training::Revision,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Every module revision, by module and version.
    async fn module_revisions(&self) -> StoreResult<Vec<peel_core::people::training::Revision>>;

    /// Keeps an application, with `audit`; [`crate::Conflict::Reference`] when its reference
    /// is taken.
    async fn create_application(
        &self,
        application: &ApplicationRecord,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Applications, those still with the vetting unit first, oldest first within each.
    async fn applications(&self) -> StoreResult<Vec<ApplicationRecord>>;

    /// One application, by id or by reference.
    async fn application(
        &self,
        id: Option<uuid::Uuid>,
        reference: Option<&peel_core::reference::Reference>,
    ) -> StoreResult<Option<ApplicationRecord>>;

    /// Decides an application still received: declined with the note, or approved with the
    /// person it became (created in the same transaction), with `audit`. False when it was
    /// decided already.
    async fn decide_application(
        &self,
        id: uuid::Uuid,
        decided: (&str, time::OffsetDateTime, &str),
        approved: Option<&PersonRecord>,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<bool>;

    /// Raises review items, with their audit entries, in one transaction.
    async fn raise_reviews(
        &self,
        reviews: &[VettingReview],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()>;

    /// Review items, open ones first, newest first within each.
    async fn vetting_reviews(&self) -> StoreResult<Vec<VettingReview>>;

    /// Closes an open review item with its outcome, with `audit`; false when there is no open
    /// item with that id.
    async fn close_review(
        &self,
        id: uuid::Uuid,
        by: &str,
        outcome: &str,
        at: time::OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Adds a person with their skills, training, associations and clearances, with `audit`
    /// (a collection); [`crate::Conflict::Person`] when the id or the account is taken.
    async fn create_person(&self, record: &PersonRecord, audit: AuditEvent) -> StoreResult<()>;

    /// Everyone who can be given tasks, by id (for matching and the vetting officer's page).
    async fn people(&self) -> StoreResult<Vec<PersonRecord>>;

    /// One person, with everything about them.
    async fn person(&self, id: &PersonId) -> StoreResult<Option<PersonRecord>>;

    /// The person whose account is `username`.
    async fn person_of_account(&self, username: &Username) -> StoreResult<Option<PersonRecord>>;

    /// Records that a person's evidence for a skill was checked, by whom and when, with
    /// `audit`. False when they hold no such skill with evidence.
    async fn verify_skill(
        &self,
        person: &PersonId,
        skill: &Skill,
        by: &str,
        on: Date,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Replaces a clearance's status, aftercare date and suspensions (after a trigger or a
    /// review), with `audit`. False when there is no such clearance.
    async fn update_clearance(
        &self,
        id: ClearanceId,
        clearance: &Clearance,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Records an abstraction, with `audit`.
    async fn record_abstraction(
        &self,
        abstraction: &Abstraction,
        recorded_by: &str,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Sets the hours rostered to a ward in a month (`month` is its first day), with `audit`.
    async fn set_roster(&self, roster: &Roster, audit: AuditEvent) -> StoreResult<()>;

    /// Abstractions on days from `from` up to (not including) `to`, and the rosters of the
    /// months they fall in.
    async fn abstractions_between(
        &self,
        from: Date,
        to: Date,
    ) -> StoreResult<(Vec<Abstraction>, Vec<Roster>)>;
}
