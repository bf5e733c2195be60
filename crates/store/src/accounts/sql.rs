//! Accounts' SQL.

use std::collections::HashMap;

use peel_core::audit::AuditEvent;
use peel_core::throttle::ThrottleState;
use peel_core::username::Username;
use peel_core::{ApiKeyId, Role, RoleSet, SessionId, TeamId, UserId};
use time::OffsetDateTime;

use super::{
    AccountStore, ApiKeyRecord, Credentials, NewApiKey, NewSession, NewUser, SessionRecord, User,
};
use crate::audit::commit_with;
use crate::engine::Engine;
use crate::error::Conflict;
use crate::sql::{Row, Tx};
use crate::{StoreError, StoreResult};

const USER_COLUMNS: &str = "id, username, organisation, created_at_us, team_id, \
    disabled_at_us, temporary_password_at_us, totp_secret, totp_last_step, password_hash";
const SESSION_COLUMNS: &str =
    "id, user_id, csrf_token, created_at_us, last_seen_at_us, ip, user_agent, stage";
const API_KEY_COLUMNS: &str = "id, key_ref, digest, label, organisation, created_by, \
    created_at_us, expires_at_us, revoked_at_us";
const THROTTLE_COLUMNS: &str = "throttle_key, failures, window_started_us, locked_until_us";

/// An account's row with its credentials; roles and supervised teams are added after.
fn user_of(row: &Row) -> StoreResult<(User, Credentials)> {
    let mut cols = row.cols("users");
    let id = cols.id()?;
    let username = cols.get()?;
    let organisation = cols.get()?;
    let created_at = cols.get()?;
    let team = cols.get()?;
    let disabled_at = cols.get()?;
    let temporary: Option<time::OffsetDateTime> = cols.get()?;
    let totp_secret: Option<String> = cols.get()?;
    let totp_last_step = cols.get()?;
    let password_hash: String = cols.get()?;
    let user = User {
        id,
        username,
        organisation,
        created_at,
        team,
        roles: RoleSet::empty(),
        supervises: Vec::new(),
        disabled_at,
        temporary_password: temporary.is_some(),
        has_totp: totp_secret.is_some(),
    };
    let credentials = Credentials {
        user: user.clone(),
        password_hash,
        totp_secret,
        totp_last_step,
    };
    Ok((user, credentials))
}

fn session_of(row: &Row) -> StoreResult<SessionRecord> {
    let mut cols = row.cols("sessions");
    Ok(SessionRecord {
        id: cols.id()?,
        user_id: cols.get()?,
        csrf_token: cols.get()?,
        created_at: cols.get()?,
        last_seen_at: cols.get()?,
        ip: cols.get()?,
        user_agent: cols.get()?,
        stage: cols.get()?,
    })
}

fn api_key_of(row: &Row) -> StoreResult<ApiKeyRecord> {
    let mut cols = row.cols("api_keys");
    Ok(ApiKeyRecord {
        id: cols.id()?,
        key_ref: cols.get()?,
        digest: cols.get()?,
        label: cols.get()?,
        organisation: cols.get()?,
        created_by: cols.get()?,
        created_at: cols.get()?,
        expires_at: cols.get()?,
        revoked_at: cols.get()?,
    })
}

fn throttle_of(row: &Row) -> StoreResult<(String, ThrottleState)> {
    let mut cols = row.cols("login_throttle");
    let key: String = cols.id()?;
    let failures = cols.parse("failures", |n: i64| {
        u32::try_from(n).map_err(|_| format!("{n} failures"))
    })?;
    Ok((
        key,
        ThrottleState {
            failures,
            window_started: cols.get()?,
            locked_until: cols.get()?,
        },
    ))
}

/// Adds each account's roles and supervised teams, in two queries for any number of accounts.
async fn complete<E: Engine>(store: &E, users: &mut [User]) -> StoreResult<()> {
    let db = store.db();
    let at: HashMap<UserId, usize> = users.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    let one = match users {
        [user] => Some(user.id),
        _ => None,
    };
    for row in db
        .query(
            "SELECT user_id, role FROM user_roles WHERE ($1 IS NULL OR user_id = $1) ORDER BY role",
        )
        .bind(one)
        .all(db)
        .await?
    {
        let mut cols = row.cols("user_roles");
        let id: UserId = cols.id()?;
        let role: Role = cols.get()?;
        if let Some(user) = at.get(&id).and_then(|i| users.get_mut(*i)) {
            user.roles = user.roles.iter().chain([role]).collect();
        }
    }
    for row in db
        .query(
            "SELECT user_id, team_id FROM supervised_teams WHERE ($1 IS NULL OR user_id = $1) \
             ORDER BY team_id",
        )
        .bind(one)
        .all(db)
        .await?
    {
        let mut cols = row.cols("supervised_teams");
        let id: UserId = cols.id()?;
        let team: TeamId = cols.get()?;
        if let Some(user) = at.get(&id).and_then(|i| users.get_mut(*i)) {
            user.supervises.push(team);
        }
    }
    Ok(())
}

async fn one_user<E: Engine>(store: &E, row: Option<Row>) -> StoreResult<Option<Credentials>> {
    let Some(row) = row else { return Ok(None) };
    let (user, mut credentials) = user_of(&row)?;
    let mut users = [user];
    complete(store, &mut users).await?;
    let [user] = users;
    credentials.user = user;
    Ok(Some(credentials))
}

async fn insert_user(tx: &mut Tx, user: &NewUser) -> StoreResult<()> {
    tx.query(
        "INSERT INTO users (id, username, password_hash, organisation, created_at_us, \
         password_changed_at_us, team_id) VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(user.id)
    .bind(&user.username)
    .bind(&user.password_hash)
    .bind(&user.organisation)
    .bind(user.created_at)
    .bind(user.team.as_ref())
    .execute(&mut *tx)
    .await
    .map_err(|error| error.or_conflict(Conflict::Username))?;
    insert_roles(tx, user.id, &user.roles).await
}

async fn insert_roles(tx: &mut Tx, id: UserId, roles: &RoleSet) -> StoreResult<()> {
    for role in roles.iter() {
        tx.query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

async fn exists(tx: &mut Tx, id: UserId) -> StoreResult<bool> {
    Ok(tx
        .query("SELECT id FROM users WHERE id = $1")
        .bind(id)
        .optional(&mut *tx)
        .await?
        .is_some())
}

#[async_trait::async_trait]
impl<E: Engine> AccountStore for E {
    async fn count_users(&self) -> StoreResult<i64> {
        let db = self.db();
        db.query("SELECT COUNT(*) FROM users")
            .one(db)
            .await?
            .first("users")
    }

    async fn create_user(&self, user: &NewUser, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_user(&mut tx, user).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn create_setup_token(
        &self,
        digest: &str,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        let db = self.db();
        db.query(
            "INSERT INTO setup_tokens (digest, created_at_us, expires_at_us) VALUES ($1, $2, $3)",
        )
        .bind(digest)
        .bind(created_at)
        .bind(expires_at)
        .execute(db)
        .await?;
        Ok(())
    }

    async fn setup_token_is_usable(&self, digest: &str, now: OffsetDateTime) -> StoreResult<bool> {
        let db = self.db();
        let count: i64 = db
            .query(
                "SELECT COUNT(*) FROM setup_tokens WHERE digest = $1 AND used_at_us IS NULL \
                 AND expires_at_us > $2 AND NOT EXISTS (SELECT 1 FROM users)",
            )
            .bind(digest)
            .bind(now)
            .one(db)
            .await?
            .first("setup_tokens")?;
        Ok(count == 1)
    }

    async fn complete_setup(
        &self,
        digest: &str,
        now: OffsetDateTime,
        user: &NewUser,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let used = tx
            .query(
                "UPDATE setup_tokens SET used_at_us = $2 WHERE digest = $1 \
                 AND used_at_us IS NULL AND expires_at_us > $2 \
                 AND NOT EXISTS (SELECT 1 FROM users)",
            )
            .bind(digest)
            .bind(now)
            .execute(&mut tx)
            .await?;
        if used != 1 {
            return Err(StoreError::SetupTokenInvalid);
        }
        insert_user(&mut tx, user).await?;
        commit_with(tx, vec![audit]).await
    }

    async fn credentials(&self, username: &Username) -> StoreResult<Option<Credentials>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
            )))
            .bind(username)
            .optional(db)
            .await?;
        one_user(self, row).await
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let db = self.db();
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_COLUMNS} FROM users WHERE id = $1"
            )))
            .bind(id)
            .optional(db)
            .await?;
        Ok(one_user(self, row).await?.map(|c| c.user))
    }

    async fn list_users(&self) -> StoreResult<Vec<User>> {
        let db = self.db();
        let mut users = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_COLUMNS} FROM users ORDER BY username"
            )))
            .all(db)
            .await?
            .iter()
            .map(|row| user_of(row).map(|(user, _)| user))
            .collect::<StoreResult<Vec<User>>>()?;
        complete(self, &mut users).await?;
        Ok(users)
    }

    async fn set_team(
        &self,
        id: UserId,
        team: Option<&TeamId>,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query("UPDATE users SET team_id = $2 WHERE id = $1")
            .bind(id)
            .bind(team)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        commit_with(tx, vec![audit]).await
    }

    async fn set_supervises(
        &self,
        id: UserId,
        teams: &[TeamId],
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        if !exists(&mut tx, id).await? {
            return Err(StoreError::NotFound);
        }
        tx.query("DELETE FROM supervised_teams WHERE user_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        for team in teams {
            tx.query(
                "INSERT INTO supervised_teams (user_id, team_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(team)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn set_roles(
        &self,
        id: UserId,
        roles: &RoleSet,
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        if !exists(&mut tx, id).await? {
            return Err(StoreError::NotFound);
        }
        tx.query("DELETE FROM user_roles WHERE user_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        insert_roles(&mut tx, id, roles).await?;
        commit_with(tx, audit).await
    }

    async fn create_session(
        &self,
        session: &NewSession,
        clear_throttle: &[String],
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO sessions (id, token_digest, user_id, csrf_token, created_at_us, \
             last_seen_at_us, ip, user_agent, stage) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
        )
        .bind(session.id)
        .bind(&session.token_digest)
        .bind(session.user_id)
        .bind(&session.csrf_token)
        .bind(session.created_at)
        .bind(&session.ip)
        .bind(&session.user_agent)
        .bind(session.stage)
        .execute(&mut tx)
        .await?;
        for key in clear_throttle {
            tx.query("DELETE FROM login_throttle WHERE throttle_key = $1")
                .bind(key)
                .execute(&mut tx)
                .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn session_by_token(&self, token_digest: &str) -> StoreResult<Option<SessionRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM sessions \
             WHERE token_digest = $1 AND revoked_at_us IS NULL \
             AND user_id IN (SELECT id FROM users WHERE disabled_at_us IS NULL)"
        )))
        .bind(token_digest)
        .optional(db)
        .await?
        .map(|row| session_of(&row))
        .transpose()
    }

    async fn set_session_stage(
        &self,
        id: SessionId,
        stage: peel_core::session::SessionStage,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query("UPDATE sessions SET stage = $2 WHERE id = $1 AND revoked_at_us IS NULL")
            .bind(id)
            .bind(stage)
            .execute(&mut tx)
            .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        temporary: bool,
        keep: Option<SessionId>,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE users SET password_hash = $2, password_changed_at_us = $3, \
                 temporary_password_at_us = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(password_hash)
            .bind(now)
            .bind(temporary.then_some(now))
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        tx.query(
            "UPDATE sessions SET revoked_at_us = $2 WHERE user_id = $1 \
             AND revoked_at_us IS NULL AND ($3 IS NULL OR id <> $3)",
        )
        .bind(id)
        .bind(now)
        .bind(keep)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn set_disabled(
        &self,
        id: UserId,
        disabled_at: Option<OffsetDateTime>,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query("UPDATE users SET disabled_at_us = $2 WHERE id = $1")
            .bind(id)
            .bind(disabled_at)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(at) = disabled_at {
            tx.query(
                "UPDATE sessions SET revoked_at_us = $2 WHERE user_id = $1 \
                 AND revoked_at_us IS NULL",
            )
            .bind(id)
            .bind(at)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn set_totp(
        &self,
        id: UserId,
        secret: Option<&str>,
        recovery_digests: &[String],
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query("UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1")
            .bind(id)
            .bind(secret)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        tx.query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        for digest in recovery_digests {
            tx.query("INSERT INTO recovery_codes (user_id, digest) VALUES ($1, $2)")
                .bind(id)
                .bind(digest)
                .execute(&mut tx)
                .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn use_totp_step(&self, id: UserId, step: i64) -> StoreResult<bool> {
        let db = self.db();
        let done = db
            .query(
                "UPDATE users SET totp_last_step = $2 WHERE id = $1 \
                 AND (totp_last_step IS NULL OR totp_last_step < $2)",
            )
            .bind(id)
            .bind(step)
            .execute(db)
            .await?;
        Ok(done == 1)
    }

    async fn use_recovery_code(
        &self,
        id: UserId,
        digest: &str,
        now: OffsetDateTime,
    ) -> StoreResult<bool> {
        let db = self.db();
        let done = db
            .query(
                "UPDATE recovery_codes SET used_at_us = $3 WHERE user_id = $1 AND digest = $2 \
                 AND used_at_us IS NULL",
            )
            .bind(id)
            .bind(digest)
            .bind(now)
            .execute(db)
            .await?;
        Ok(done == 1)
    }

    async fn recovery_codes_left(&self, id: UserId) -> StoreResult<i64> {
        let db = self.db();
        db.query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at_us IS NULL")
            .bind(id)
            .one(db)
            .await?
            .first("recovery_codes")
    }

    async fn touch_session(&self, id: SessionId, now: OffsetDateTime) -> StoreResult<()> {
        let db = self.db();
        db.query("UPDATE sessions SET last_seen_at_us = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(db)
            .await?;
        Ok(())
    }

    async fn list_sessions(&self, user_id: UserId) -> StoreResult<Vec<SessionRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {SESSION_COLUMNS} FROM sessions \
             WHERE user_id = $1 AND revoked_at_us IS NULL ORDER BY created_at_us DESC"
        )))
        .bind(user_id)
        .all(db)
        .await?
        .iter()
        .map(session_of)
        .collect()
    }

    async fn revoke_session(
        &self,
        user_id: UserId,
        id: SessionId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE sessions SET revoked_at_us = $3 \
                 WHERE id = $1 AND user_id = $2 AND revoked_at_us IS NULL",
            )
            .bind(id)
            .bind(user_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Ok(false);
        }
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }

    async fn revoke_user_sessions(
        &self,
        user_id: UserId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<u64> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query(
                "UPDATE sessions SET revoked_at_us = $2 \
                 WHERE user_id = $1 AND revoked_at_us IS NULL",
            )
            .bind(user_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        commit_with(tx, vec![audit]).await?;
        Ok(done)
    }

    async fn throttle(&self, key: &str) -> StoreResult<Option<ThrottleState>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {THROTTLE_COLUMNS} FROM login_throttle WHERE throttle_key = $1"
        )))
        .bind(key)
        .optional(db)
        .await?
        .map(|row| throttle_of(&row).map(|(_, state)| state))
        .transpose()
    }

    async fn record_login_failure(
        &self,
        states: &[(String, ThrottleState)],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        for (key, state) in states {
            tx.query(
                // Two failures counted from the same reading (parallel guesses) must both
                // count: within one window the stored count moves on from whichever is higher,
                // and the later lockout wins.
                "INSERT INTO login_throttle (throttle_key, failures, window_started_us, \
                 locked_until_us) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE \
                 WHEN login_throttle.window_started_us = excluded.window_started_us \
                 AND login_throttle.failures >= excluded.failures \
                 THEN login_throttle.failures + 1 ELSE excluded.failures END, \
                 window_started_us = excluded.window_started_us, \
                 locked_until_us = CASE \
                 WHEN login_throttle.window_started_us <> excluded.window_started_us \
                 THEN excluded.locked_until_us \
                 WHEN login_throttle.locked_until_us IS NULL THEN excluded.locked_until_us \
                 WHEN excluded.locked_until_us IS NULL THEN login_throttle.locked_until_us \
                 WHEN login_throttle.locked_until_us > excluded.locked_until_us \
                 THEN login_throttle.locked_until_us ELSE excluded.locked_until_us END",
            )
            .bind(key)
            .bind(i64::from(state.failures))
            .bind(state.window_started)
            .bind(state.locked_until)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, audit).await
    }

    async fn clear_throttle(&self, key: &str, audit: AuditEvent) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query("DELETE FROM login_throttle WHERE throttle_key = $1")
            .bind(key)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Ok(false);
        }
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }

    async fn locked_keys(&self, now: OffsetDateTime) -> StoreResult<Vec<(String, ThrottleState)>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {THROTTLE_COLUMNS} FROM login_throttle WHERE locked_until_us > $1 \
             ORDER BY throttle_key"
        )))
        .bind(now)
        .all(db)
        .await?
        .iter()
        .map(throttle_of)
        .collect()
    }

    async fn create_api_key(&self, key: &NewApiKey, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO api_keys (id, key_ref, digest, label, organisation, created_by, \
             created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(key.id)
        .bind(&key.key_ref)
        .bind(&key.digest)
        .bind(&key.label)
        .bind(&key.organisation)
        .bind(&key.created_by)
        .bind(key.created_at)
        .bind(key.expires_at)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn api_key_by_ref(&self, key_ref: &str) -> StoreResult<Option<ApiKeyRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {API_KEY_COLUMNS} FROM api_keys WHERE key_ref = $1"
        )))
        .bind(key_ref)
        .optional(db)
        .await?
        .map(|row| api_key_of(&row))
        .transpose()
    }

    async fn list_api_keys(&self) -> StoreResult<Vec<ApiKeyRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {API_KEY_COLUMNS} FROM api_keys ORDER BY created_at_us DESC"
        )))
        .all(db)
        .await?
        .iter()
        .map(api_key_of)
        .collect()
    }

    async fn revoke_api_key(
        &self,
        id: ApiKeyId,
        now: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let done = tx
            .query("UPDATE api_keys SET revoked_at_us = $2 WHERE id = $1 AND revoked_at_us IS NULL")
            .bind(id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        if done == 0 {
            return Ok(false);
        }
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }
}
