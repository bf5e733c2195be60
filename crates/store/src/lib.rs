//! Persistence for Peel behind one [`Store`] trait, with an embedded SQLite implementation (the
//! default) and a PostgreSQL implementation (production), kept in step by one contract test
//! suite.
//!
//! **Architecture Invariant:** every method that changes personal data or security state takes
//! the audit events that record the change and writes them in the same transaction, so a change
//! is never stored without its audit entry, nor an entry without its change.

mod audit;
mod backend;
mod error;
mod migrations;
mod postgres;
mod rows;
mod sqlite;
pub mod testing;

use std::path::Path;
use std::sync::Arc;

use peel_core::audit::{AuditEntry, AuditEvent};
use peel_core::throttle::ThrottleState;
use peel_core::{ApiKeyId, RoleSet, SessionId, UserId};
use time::OffsetDateTime;

pub use audit::{VerifyError, entry_to_json, export_audit, verify_audit_chain};
pub use error::StoreError;
pub use migrations::LATEST as LATEST_SCHEMA_VERSION;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Results from the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// A staff, officer or volunteer account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Lower-case username.
    pub username: String,
    /// Its roles.
    pub roles: RoleSet,
    /// The organisation it belongs to.
    pub organisation: String,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

/// An account with its password hash, for signing in.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The account.
    pub user: User,
    /// The PHC-format Argon2id hash.
    pub password_hash: String,
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Its id, chosen by the caller.
    pub id: UserId,
    /// Lower-case username, already validated.
    pub username: String,
    /// The PHC-format Argon2id hash of a password that passed the password rules.
    pub password_hash: String,
    /// Its roles.
    pub roles: RoleSet,
    /// The organisation it belongs to.
    pub organisation: String,
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
}

/// A stored session.
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
    pub organisation: String,
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
    pub organisation: String,
    /// Who created it.
    pub created_by: String,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// When it stops working, if ever.
    pub expires_at: Option<OffsetDateTime>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
}

/// A search of the audit trail; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Exact actor reference, such as `user:<id>`.
    pub actor: Option<String>,
    /// Exact subject reference, such as `user:<id>`.
    pub subject: Option<String>,
    /// Entries at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Entries before this time.
    pub to: Option<OffsetDateTime>,
    /// Only entries after this position (for paging and streaming).
    pub after_seq: Option<i64>,
    /// At most this many entries, oldest first.
    pub limit: u32,
}

/// The two backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// Its name, for logs and the health check.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Everything Peel keeps. Both implementations pass the same contract suite.
#[async_trait::async_trait]
pub trait Store: Send + Sync + std::fmt::Debug + 'static {
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// The number of the newest migration applied.
    async fn schema_version(&self) -> StoreResult<i64>;

    /// How many accounts exist.
    async fn count_users(&self) -> StoreResult<i64>;

    /// Creates an account; [`StoreError::Conflict`] if the username is taken.
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
    /// [`StoreError::SetupTokenInvalid`] if the token is unknown, used or expired, or any account
    /// already exists.
    async fn complete_setup(
        &self,
        digest: &str,
        now: OffsetDateTime,
        user: &NewUser,
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// An account with its password hash, by lower-case username.
    async fn credentials(&self, username: &str) -> StoreResult<Option<Credentials>>;

    /// An account by id.
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;

    /// Every account, by username.
    async fn list_users(&self) -> StoreResult<Vec<User>>;

    /// Replaces an account's roles; [`StoreError::NotFound`] if there is no such account.
    async fn set_roles(&self, id: UserId, roles: &RoleSet, audit: AuditEvent) -> StoreResult<()>;

    /// Starts a session, clearing the throttle keys given (a successful sign-in ends the run of
    /// failures for that account).
    async fn create_session(
        &self,
        session: &NewSession,
        clear_throttle: &[String],
        audit: AuditEvent,
    ) -> StoreResult<()>;

    /// A session that has not been revoked, by the digest of its cookie secret.
    async fn session_by_token(&self, token_digest: &str) -> StoreResult<Option<SessionRecord>>;

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

    /// Appends events that record no other change (consultations, security events).
    async fn append_audit(&self, events: Vec<AuditEvent>) -> StoreResult<()>;

    /// Audit entries matching a query, oldest first.
    async fn audit_entries(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;

    /// The position and hash of the newest entry, as recorded when it was written.
    async fn audit_head(&self) -> StoreResult<Option<(i64, [u8; 32])>>;
}

/// Opens the store named by `database_url`, or the SQLite default `DIR/peel.db` when it is
/// absent, and runs migrations.
pub async fn open(database_url: Option<&str>, data_dir: &Path) -> StoreResult<Arc<dyn Store>> {
    match database_url {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(PgStore::connect(url).await?))
        }
        Some(url) if url.starts_with("sqlite:") => Ok(Arc::new(SqliteStore::open_url(url).await?)),
        Some(other) => Err(StoreError::Config(format!(
            "database URL must start with postgres:// or sqlite: (got '{}')",
            other.split(':').next().unwrap_or_default()
        ))),
        None => Ok(Arc::new(
            SqliteStore::open(&data_dir.join("peel.db")).await?,
        )),
    }
}
