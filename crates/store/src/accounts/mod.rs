//! Accounts and what keeps them safe: roles, teams, first-run setup, sessions, sign-in
//! throttles and organisations' API keys.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::throttle::ThrottleState;
use peel_core::username::Username;
use peel_core::{ApiKeyId, OrganisationId, RoleSet, SessionId, TeamId, UserId};
use time::OffsetDateTime;

use crate::StoreResult;

/// A staff, officer or volunteer account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its username, lower-case and checked by [`Username::parse`].
    pub username: Username,
    /// Its roles.
    pub roles: RoleSet,
    /// The organisation it belongs to (the force's own code for force staff).
    pub organisation: OrganisationId,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// The team whose queue is theirs, if any.
    pub team: Option<TeamId>,
    /// For a supervisor, the teams they supervise besides their own, in order.
    pub supervises: Vec<TeamId>,
    /// When an administrator disabled it; a disabled account's sessions stop at once.
    pub disabled_at: Option<OffsetDateTime>,
    /// Whether its password is a temporary one an administrator set, to be changed at sign-in.
    pub temporary_password: bool,
    /// Whether it has a one-time-password app set up.
    pub has_totp: bool,
}

/// An account with its password hash, for signing in.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The account.
    pub user: User,
    /// The PHC-format Argon2id hash.
    pub password_hash: String,
    /// The base32 secret of its one-time-password app, if set up.
    pub totp_secret: Option<String>,
    /// The last one-time-password step used (a code works once).
    pub totp_last_step: Option<i64>,
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Its id, chosen by the caller.
    pub id: UserId,
    /// Its username.
    pub username: Username,
    /// The PHC-format Argon2id hash of a password that passed the password rules.
    pub password_hash: String,
    /// Its roles.
    pub roles: RoleSet,
    /// The organisation it belongs to.
    pub organisation: OrganisationId,
    /// Its team, if it has one from the start.
    pub team: Option<TeamId>,
    /// When it is created.
    pub created_at: OffsetDateTime,
}

/// A session to create; the cookie secret itself is never stored, only its digest.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Its public id (shown in session lists; not a secret).
    pub id: SessionId,
    /// SHA-256 digest of the cookie secret.
    pub token_digest: String,
    /// The account signed in.
    pub user_id: UserId,
    /// The CSRF token for forms in this session.
    pub csrf_token: String,
    /// When it began.
    pub created_at: OffsetDateTime,
    /// The network address it began from.
    pub ip: String,
    /// The browser's description of itself, truncated.
    pub user_agent: String,
    /// How far it has got through signing in.
    pub stage: peel_core::session::SessionStage,
}

/// A stored session that has not been revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Its public id.
    pub id: SessionId,
    /// The account.
    pub user_id: UserId,
    /// The CSRF token for forms in this session.
    pub csrf_token: String,
    /// When it began.
    pub created_at: OffsetDateTime,
    /// When it was last used (to within a minute).
    pub last_seen_at: OffsetDateTime,
    /// The network address it began from.
    pub ip: String,
    /// The browser's description of itself.
    pub user_agent: String,
    /// How far it has got through signing in.
    pub stage: peel_core::session::SessionStage,
}

/// An API key to create.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// Its id.
    pub id: ApiKeyId,
    /// The public lookup part of the key (32 hex characters).
    pub key_ref: String,
    /// SHA-256 digest of the whole key.
    pub digest: String,
    /// What it is for.
    pub label: String,
    /// The organisation it acts for.
    pub organisation: OrganisationId,
    /// Who created it (an audit actor reference).
    pub created_by: String,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
}

/// A stored API key (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// Its id.
    pub id: ApiKeyId,
    /// The public lookup part.
    pub key_ref: String,
    /// SHA-256 digest of the whole key.
    pub digest: String,
    /// What it is for.
    pub label: String,
    /// The organisation it acts for.
    pub organisation: OrganisationId,
    /// Who created it (an audit actor reference).
    pub created_by: String,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
}

/// Accounts, sessions, throttles and API keys.
#[async_trait::async_trait]
pub trait AccountStore: Send + Sync {
    /// How many accounts exist.
    async fn count_users(&self) -> StoreResult<i64>;

    /// Creates an account; [`crate::Conflict::Username`] if the username is taken.
    async fn create_user(&self, user: &NewUser, audit: AuditEvent) -> StoreResult<()>;

    /// Records a single-use setup token (by digest) for creating the first administrator.
    async fn create_setup_token(
        &self,
        digest: &str,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()>;

    /// Whether a setup token is unused, unexpired, and no account exists yet.
    async fn setup_token_is_usable(&self, digest: &str, now: OffsetDateTime) -> StoreResult<bool>;

    /// Uses a setup token and creates the first administrator in one transaction;
    /// [`crate::StoreError::SetupTokenInvalid`] if the token is unknown, used or expired, or
    /// any account already exists.
    async fn complete_setup(
        &self,
        digest: &str,
        now: OffsetDateTime,
        user: &NewUser,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// An account with its password hash, by username.
    async fn credentials(&self, username: &Username) -> StoreResult<Option<Credentials>>;

    /// An account by id.
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;

    /// Every account, by username.
    async fn list_users(&self) -> StoreResult<Vec<User>>;

    /// Sets or clears an account's team; [`crate::StoreError::NotFound`] if there is no such
    /// account.
    async fn set_team(
        &self,
        id: UserId,
        team: Option<&TeamId>,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Replaces the teams a supervisor supervises besides their own.
    async fn set_supervises(
        &self,
        id: UserId,
        teams: &[TeamId],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Replaces an account's roles, with every audit event (the change, and a security event
    /// when it gives the auditor role); [`crate::StoreError::NotFound`] if there is no such
    /// account.
    async fn set_roles(
        &self,
        id: UserId,
        roles: &RoleSet,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()>;

    /// Starts a session, clearing the throttle keys given (a successful sign-in ends the run of
    /// failures for that account).
    async fn create_session(
        &self,
        session: &NewSession,
        clear_throttle: &[String],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// A session that has not been revoked, by the digest of its cookie secret.
    /// A live session by its token's digest: not revoked, of an account not disabled.
    async fn session_by_token(&self, token_digest: &str) -> StoreResult<Option<SessionRecord>>;

    /// Moves a session on through signing in, with `audit` in the same transaction.
    async fn set_session_stage(
        &self,
        id: SessionId,
        stage: peel_core::session::SessionStage,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Sets an account's password hash: `temporary` when an administrator set it (it must be
    /// changed at sign-in, and every session ends); otherwise the person's own choice, which
    /// ends every other session than `keep`.
    async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        temporary: bool,
        keep: Option<SessionId>,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Disables an account (ending its sessions at once) or, with `None`, enables it again.
    async fn set_disabled(
        &self,
        id: UserId,
        disabled_at: Option<OffsetDateTime>,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Sets up (or, with `None`, removes) an account's one-time-password app with new recovery
    /// codes (their SHA-256 digests), replacing any before.
    async fn set_totp(
        &self,
        id: UserId,
        secret: Option<&str>,
        recovery_digests: &[String],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// Records a one-time-password step as used; false when it, or a later one, already was.
    async fn use_totp_step(&self, id: UserId, step: i64) -> StoreResult<bool>;

    /// Spends a recovery code; false when it is not one of the account's unspent codes.
    async fn use_recovery_code(
        &self,
        id: UserId,
        digest: &str,
        now: OffsetDateTime,
    ) -> StoreResult<bool>;

    /// How many unspent recovery codes an account has.
    async fn recovery_codes_left(&self, id: UserId) -> StoreResult<i64>;

    /// Records that a session was used.
    async fn touch_session(&self, id: SessionId, now: OffsetDateTime) -> StoreResult<()>;

    /// An account's sessions that have not been revoked, newest first.
    async fn list_sessions(&self, user_id: UserId) -> StoreResult<Vec<SessionRecord>>;

    /// Revokes one session of an account; false if it was not found or already revoked.
    async fn revoke_session(
        &self,
        user_id: UserId,
        id: SessionId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;

    /// Revokes every session of an account; returns how many were live.
    async fn revoke_user_sessions(
        &self,
        user_id: UserId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<u64>;

    /// The throttle state for a key (`account:<username>` or `ip:<address>`).
    async fn throttle(&self, key: &str) -> StoreResult<Option<ThrottleState>>;

    /// Records a failed sign-in: the new throttle states and their audit events, together.
    async fn record_login_failure(
        &self,
        states: &[(String, ThrottleState)],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()>;

    /// Clears a throttle key; false if there was nothing to clear.
    async fn clear_throttle(&self, key: &str, audit: AuditEvent) -> StoreResult<bool>;

    /// Keys locked at `now`.
    async fn locked_keys(&self, now: OffsetDateTime) -> StoreResult<Vec<(String, ThrottleState)>>;

    /// Stores an API key's digest.
    async fn create_api_key(&self, key: &NewApiKey, audit: AuditEvent) -> StoreResult<()>;

    /// An API key by its public lookup part, revoked or not.
    async fn api_key_by_ref(&self, key_ref: &str) -> StoreResult<Option<ApiKeyRecord>>;

    /// Every API key, newest first.
    async fn list_api_keys(&self) -> StoreResult<Vec<ApiKeyRecord>>;

    /// Revokes an API key; false if it was not found or already revoked.
    async fn revoke_api_key(
        &self,
        id: ApiKeyId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool>;
}
