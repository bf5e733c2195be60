//! Residents' priorities (issue 19): each ward panel's priorities a quarter and what has been
//! done about them, and residents' voices by theme, waiting for their confirmation and then
//! counted, one per address (kept only as a keyed hash) per ward per quarter.

mod sql;

use peel_core::WardCode;
use peel_core::audit::AuditEvent;
use peel_core::stats::pas::Quarter;
use peel_core::stats::priority::Theme;
use time::OffsetDateTime;

use crate::StoreResult;

/// A priority the panel chose, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPriority {
    /// The ward.
    pub ward: WardCode,
    /// The quarter it is for.
    pub quarter: Quarter,
    /// What it is about.
    pub theme: Theme,
    /// The panel's wording, as published.
    pub issue: String,
    /// How residents were consulted, as published.
    pub consultation: String,
    /// When recorded.
    pub recorded_at: OffsetDateTime,
    /// Who recorded it, for the audit trail and the team (the actor's label).
    pub recorded_by: String,
}

/// A priority as held, with what has been done about it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityRecord {
    /// Its number.
    pub id: i64,
    /// The priority.
    pub priority: NewPriority,
    /// What has been done.
    pub actions: Vec<PriorityAction>,
}

/// Something done about a priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityAction {
    /// When it was recorded.
    pub recorded_at: OffsetDateTime,
    /// What was done, as published.
    pub text: String,
    /// Who recorded it.
    pub recorded_by: String,
}

/// A resident's voice waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingVoice {
    /// The SHA-256 digest of the token in the confirmation link.
    pub token_digest: String,
    /// The ward.
    pub ward: WardCode,
    /// The quarter.
    pub quarter: Quarter,
    /// The keyed hash of ward, quarter and address (`peel_core::stats::priority::voter_key`).
    pub voter_key: String,
    /// The theme.
    pub theme: Theme,
    /// What they wrote beside it (may be empty), read by the panel only.
    pub words: String,
    /// The language the confirmation is written in.
    pub language: String,
    /// The address the confirmation goes to; `None` once it has been handed over.
    pub email: Option<String>,
    /// The confirmation email's Message-ID, the same on every attempt.
    pub message_id: String,
    /// When it was given.
    pub received_at: OffsetDateTime,
    /// Attempts to send the confirmation so far.
    pub attempts: u32,
}

/// A voice just confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmedVoice {
    /// The ward.
    pub ward: WardCode,
    /// The quarter.
    pub quarter: Quarter,
    /// The theme.
    pub theme: Theme,
    /// Whether it replaced the same address's earlier voice.
    pub replaced: bool,
}

/// What a resident wrote beside a confirmed voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceWords {
    /// The theme.
    pub theme: Theme,
    /// Their words.
    pub words: String,
    /// When confirmed.
    pub confirmed_at: OffsetDateTime,
}

/// Residents' priorities in the store.
#[async_trait::async_trait]
pub trait PriorityStore {
    /// Records a panel's priority with its audit entry, unless the ward already has `most`
    /// for the quarter (then `None`, and nothing is written). Its number.
    async fn record_priority(
        &self,
        priority: &NewPriority,
        most: usize,
        audit: AuditEvent,
    ) -> StoreResult<Option<i64>>;

    /// Records something done about priority `id`; false (nothing written) when there is no
    /// such priority.
    async fn record_priority_action(
        &self,
        id: i64,
        action: &PriorityAction,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Priority `id`, with what has been done.
    async fn priority(&self, id: i64) -> StoreResult<Option<PriorityRecord>>;

    /// The priorities of the quarters in the wards (every ward for `None`), by ward, quarter
    /// and the order they were recorded.
    async fn priorities(
        &self,
        wards: Option<&[WardCode]>,
        quarters: &[Quarter],
    ) -> StoreResult<Vec<PriorityRecord>>;

    /// Keeps a voice until it is confirmed, with its audit entry.
    async fn add_pending_voice(&self, voice: &PendingVoice, audit: AuditEvent) -> StoreResult<()>;

    /// Claims voices whose confirmation is due to be sent at `now`, at most `limit`, the
    /// longest due first: none is due again before `lease_until`, so two workers (or two
    /// nodes) do not both send one.
    async fn claim_voices_to_send(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<PendingVoice>>;

    /// The confirmation of a voice was handed over (the address is erased) or will never go
    /// (`retry_at` `None`: erased too), or should be tried again at `retry_at`.
    async fn voice_attempted(
        &self,
        token_digest: &str,
        at: OffsetDateTime,
        retry_at: Option<OffsetDateTime>,
        sent: bool,
    ) -> StoreResult<()>;

    /// Confirms the voice whose token has `token_digest`, if it was given at or after
    /// `given_after`: counted (replacing the same address's earlier voice in the ward and
    /// quarter) and no longer waiting, with `audit` as `describe` completes it from the
    /// voice. `None` for an unknown, used or lapsed token.
    async fn confirm_voice(
        &self,
        token_digest: &str,
        now: OffsetDateTime,
        given_after: OffsetDateTime,
        audit: AuditEvent,
        describe: for<'v, 'a> fn(&'v ConfirmedVoice, &'a mut AuditEvent),
    ) -> StoreResult<Option<ConfirmedVoice>>;

    /// Confirmed voices by ward and theme in the quarter, in the wards (every ward for
    /// `None`).
    async fn voice_tally(
        &self,
        wards: Option<&[WardCode]>,
        quarter: Quarter,
    ) -> StoreResult<Vec<(WardCode, Theme, u64)>>;

    /// What residents wrote beside their confirmed voices in a ward and quarter, newest first
    /// (empty words left out).
    async fn voice_words(&self, ward: &WardCode, quarter: Quarter) -> StoreResult<Vec<VoiceWords>>;

    /// Forgets voices never confirmed that were given before `before`; how many.
    async fn purge_pending_voices(&self, before: OffsetDateTime) -> StoreResult<u64>;
}
