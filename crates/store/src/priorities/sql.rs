//! Residents' priorities' SQL.

use peel_core::WardCode;
use peel_core::audit::AuditEvent;
use peel_core::stats::pas::Quarter;
use peel_core::stats::priority::Theme;
use time::OffsetDateTime;

use super::{
    ConfirmedVoice, NewPriority, PendingVoice, PriorityAction, PriorityRecord, PriorityStore,
    VoiceWords,
};
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::engine::Engine;
use crate::sql::{Db, Row};

const PRIORITY_COLUMNS: &str =
    "id, ward_code, quarter, theme, issue, consultation, recorded_at, recorded_by";

fn priority_of(row: &Row) -> StoreResult<PriorityRecord> {
    let mut cols = row.cols("ward_priorities");
    Ok(PriorityRecord {
        id: cols.id()?,
        priority: NewPriority {
            ward: cols.get()?,
            quarter: cols.get()?,
            theme: cols.get()?,
            issue: cols.get()?,
            consultation: cols.get()?,
            recorded_at: cols.get()?,
            recorded_by: cols.get()?,
        },
        actions: Vec::new(),
    })
}

/// Fills in what has been done about each of `records`, in one query.
async fn with_actions(
    db: &Db,
    mut records: Vec<PriorityRecord>,
) -> StoreResult<Vec<PriorityRecord>> {
    if records.is_empty() {
        return Ok(records);
    }
    // Only placeholders go into the text.
    let mut query = db.query(sqlx::AssertSqlSafe(format!(
        "SELECT priority_id, recorded_at, text, recorded_by FROM ward_priority_actions \
         WHERE priority_id IN ({}) ORDER BY recorded_at, priority_id",
        crate::bulk::params(db.backend(), records.len(), 1)
    )));
    for record in &records {
        query = query.bind(record.id);
    }
    for row in query.all(db).await? {
        let mut cols = row.cols("ward_priority_actions");
        let id: i64 = cols.get()?;
        let action = PriorityAction {
            recorded_at: cols.get()?,
            text: cols.get()?,
            recorded_by: cols.get()?,
        };
        if let Some(record) = records.iter_mut().find(|r| r.id == id) {
            record.actions.push(action);
        }
    }
    Ok(records)
}

fn pending_of(row: &Row) -> StoreResult<PendingVoice> {
    let mut cols = row.cols("priority_voices_pending");
    Ok(PendingVoice {
        token_digest: cols.id()?,
        ward: cols.get()?,
        quarter: cols.get()?,
        voter_key: cols.get()?,
        theme: cols.get()?,
        words: cols.get()?,
        language: cols.get()?,
        email: cols.get()?,
        message_id: cols.get()?,
        received_at: cols.get()?,
        attempts: cols.parse("attempts", |n: i64| {
            u32::try_from(n).map_err(|_| format!("{n} is not a count"))
        })?,
    })
}

const PENDING_COLUMNS: &str = "token_digest, ward_code, quarter, voter_key, theme, words, \
                               language, email, message_id, received_at, attempts";

#[async_trait::async_trait]
impl<E: Engine> PriorityStore for E {
    async fn record_priority(
        &self,
        p: &NewPriority,
        most: usize,
        audit: AuditEvent,
    ) -> StoreResult<Option<i64>> {
        let mut tx = self.db().begin_write().await?;
        // The count and the insert in one statement, inside a transaction that holds the audit
        // chain's lock from the start (on SQLite the single writer already does): two members
        // of the team recording at once on PostgreSQL cannot both count two and make a fourth.
        tx.lock_audit_chain().await?;
        let row = tx
            .query(
                "INSERT INTO ward_priorities (ward_code, quarter, theme, issue, consultation, \
                 recorded_at, recorded_by) SELECT $1, $2, $3, $4, $5, $6, $7 WHERE \
                 (SELECT count(*) FROM ward_priorities WHERE ward_code = $1 AND quarter = $2) \
                 < $8 RETURNING id",
            )
            .bind(&p.ward)
            .bind(p.quarter)
            .bind(p.theme)
            .bind(&p.issue)
            .bind(&p.consultation)
            .bind(p.recorded_at)
            .bind(&p.recorded_by)
            .bind(i64::try_from(most).unwrap_or(i64::MAX))
            .optional(&mut tx)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = row.first("ward_priorities")?;
        let mut audit = audit;
        audit.subject = format!("priority:{id}");
        commit_with(tx, vec![audit]).await?;
        Ok(Some(id))
    }

    async fn record_priority_action(
        &self,
        id: i64,
        action: &PriorityAction,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "INSERT INTO ward_priority_actions (priority_id, recorded_at, text, recorded_by) \
                 SELECT id, $2, $3, $4 FROM ward_priorities WHERE id = $1",
            )
            .bind(id)
            .bind(action.recorded_at)
            .bind(&action.text)
            .bind(&action.recorded_by)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn priority(&self, id: i64) -> StoreResult<Option<PriorityRecord>> {
        let db = self.db();
        // Only the fixed column list goes into the text.
        let row = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {PRIORITY_COLUMNS} FROM ward_priorities WHERE id = $1"
            )))
            .bind(id)
            .optional(db)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(with_actions(db, vec![priority_of(&row)?]).await?.pop())
    }

    async fn priorities(
        &self,
        wards: Option<&[WardCode]>,
        quarters: &[Quarter],
    ) -> StoreResult<Vec<PriorityRecord>> {
        if quarters.is_empty() || wards.is_some_and(|w| w.is_empty()) {
            return Ok(Vec::new());
        }
        let db = self.db();
        let backend = db.backend();
        let mut sql = format!(
            "SELECT {PRIORITY_COLUMNS} FROM ward_priorities WHERE quarter IN ({})",
            crate::bulk::params(backend, quarters.len(), 1)
        );
        if let Some(wards) = wards {
            sql.push_str(&format!(
                " AND ward_code IN ({})",
                crate::bulk::params(backend, wards.len(), quarters.len() + 1)
            ));
        }
        sql.push_str(" ORDER BY ward_code, quarter, id");
        // Only placeholders and the fixed column list go into the text.
        let mut query = db.query(sqlx::AssertSqlSafe(sql));
        for quarter in quarters {
            query = query.bind(*quarter);
        }
        for ward in wards.unwrap_or_default() {
            query = query.bind(ward);
        }
        let records = query
            .all(db)
            .await?
            .iter()
            .map(priority_of)
            .collect::<StoreResult<Vec<_>>>()?;
        with_actions(db, records).await
    }

    async fn add_pending_voice(&self, v: &PendingVoice, audit: AuditEvent) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO priority_voices_pending (token_digest, ward_code, quarter, voter_key, \
             theme, words, language, email, message_id, received_at, attempts, \
             next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)",
        )
        .bind(&v.token_digest)
        .bind(&v.ward)
        .bind(v.quarter)
        .bind(&v.voter_key)
        .bind(v.theme)
        .bind(&v.words)
        .bind(&v.language)
        .bind(&v.email)
        .bind(&v.message_id)
        .bind(v.received_at)
        .bind(i64::from(v.attempts))
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn claim_voices_to_send(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<PendingVoice>> {
        let mut tx = self.db().begin_write().await?;
        // Only the fixed column list goes into the text. The outer conditions are the inner
        // ones again: a second node's UPDATE that waited on the first's rows checks them anew
        // on PostgreSQL and so leaves rows already leased.
        let rows = tx
            .query(sqlx::AssertSqlSafe(format!(
                "UPDATE priority_voices_pending SET next_attempt_at = $2 WHERE token_digest IN \
                 (SELECT token_digest FROM priority_voices_pending WHERE email IS NOT NULL \
                 AND next_attempt_at <= $1 ORDER BY next_attempt_at, received_at, \
                 token_digest LIMIT $3) AND email IS NOT NULL AND next_attempt_at <= $1 \
                 RETURNING {PENDING_COLUMNS}"
            )))
            .bind(now)
            .bind(lease_until)
            .bind(i64::from(limit))
            .all(&mut tx)
            .await?;
        tx.commit().await?;
        let mut claimed = rows
            .iter()
            .map(pending_of)
            .collect::<StoreResult<Vec<_>>>()?;
        // RETURNING keeps no order: those tried fewest times first, then the oldest.
        claimed.sort_by(|a, b| {
            (a.attempts, a.received_at, &a.token_digest).cmp(&(
                b.attempts,
                b.received_at,
                &b.token_digest,
            ))
        });
        Ok(claimed)
    }

    async fn voice_attempted(
        &self,
        token_digest: &str,
        at: OffsetDateTime,
        retry_at: Option<OffsetDateTime>,
        sent: bool,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        match retry_at.filter(|_| !sent) {
            Some(retry_at) => {
                tx.query(
                    "UPDATE priority_voices_pending SET attempts = attempts + 1, \
                     next_attempt_at = $2 WHERE token_digest = $1",
                )
                .bind(token_digest)
                .bind(retry_at)
                .execute(&mut tx)
                .await?;
            }
            None => {
                // Sent, or never to go: the address is not kept a moment longer.
                tx.query(
                    "UPDATE priority_voices_pending SET attempts = attempts + 1, email = NULL, \
                     sent_at = $2 WHERE token_digest = $1",
                )
                .bind(token_digest)
                .bind(sent.then_some(at))
                .execute(&mut tx)
                .await?;
            }
        }
        tx.commit().await
    }

    async fn confirm_voice(
        &self,
        token_digest: &str,
        now: OffsetDateTime,
        given_after: OffsetDateTime,
        audit: AuditEvent,
        describe: for<'v, 'a> fn(&'v ConfirmedVoice, &'a mut AuditEvent),
    ) -> StoreResult<Option<ConfirmedVoice>> {
        let mut tx = self.db().begin_write().await?;
        // One confirmation at a time (PostgreSQL's writers otherwise run side by side): two
        // voices from one mailbox confirmed at once must replace, not collide.
        tx.lock_audit_chain().await?;
        let row = tx
            .query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM priority_voices_pending WHERE token_digest = $1 \
                 AND received_at >= $2 RETURNING {PENDING_COLUMNS}"
            )))
            .bind(token_digest)
            .bind(given_after)
            .optional(&mut tx)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let voice = pending_of(&row)?;
        let replaced = tx
            .query(
                "DELETE FROM priority_voices WHERE quarter = $1 AND ward_code = $2 \
                 AND voter_key = $3",
            )
            .bind(voice.quarter)
            .bind(&voice.ward)
            .bind(&voice.voter_key)
            .execute(&mut tx)
            .await?
            > 0;
        tx.query(
            "INSERT INTO priority_voices (ward_code, quarter, voter_key, theme, words, \
             confirmed_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&voice.ward)
        .bind(voice.quarter)
        .bind(&voice.voter_key)
        .bind(voice.theme)
        .bind(&voice.words)
        .bind(now)
        .execute(&mut tx)
        .await?;
        let confirmed = ConfirmedVoice {
            ward: voice.ward,
            quarter: voice.quarter,
            theme: voice.theme,
            replaced,
        };
        let mut audit = audit;
        describe(&confirmed, &mut audit);
        commit_with(tx, vec![audit]).await?;
        Ok(Some(confirmed))
    }

    async fn voice_tally(
        &self,
        wards: Option<&[WardCode]>,
        quarter: Quarter,
    ) -> StoreResult<Vec<(WardCode, Theme, u64)>> {
        if wards.is_some_and(|w| w.is_empty()) {
            return Ok(Vec::new());
        }
        let db = self.db();
        // Placeholders all from `params`: SQLite's `?` and a literal `$1` do not mix.
        let mut sql = format!(
            "SELECT ward_code, theme, count(*) FROM priority_voices WHERE quarter = {}",
            crate::bulk::params(db.backend(), 1, 1)
        );
        if let Some(wards) = wards {
            sql.push_str(&format!(
                " AND ward_code IN ({})",
                crate::bulk::params(db.backend(), wards.len(), 2)
            ));
        }
        sql.push_str(" GROUP BY ward_code, theme ORDER BY ward_code, theme");
        // Only placeholders go into the text.
        let mut query = db.query(sqlx::AssertSqlSafe(sql)).bind(quarter);
        for ward in wards.unwrap_or_default() {
            query = query.bind(ward);
        }
        query
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("priority_voices");
                let ward = cols.get()?;
                let theme = cols.get()?;
                let n = cols.parse("count", |n: i64| {
                    u64::try_from(n).map_err(|_| format!("{n} is not a count"))
                })?;
                Ok((ward, theme, n))
            })
            .collect()
    }

    async fn voice_words(&self, ward: &WardCode, quarter: Quarter) -> StoreResult<Vec<VoiceWords>> {
        let db = self.db();
        db.query(
            "SELECT theme, words, confirmed_at FROM priority_voices WHERE quarter = $1 \
             AND ward_code = $2 AND words <> '' ORDER BY confirmed_at DESC, voter_key",
        )
        .bind(quarter)
        .bind(ward)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("priority_voices");
            Ok(VoiceWords {
                theme: cols.get()?,
                words: cols.get()?,
                confirmed_at: cols.get()?,
            })
        })
        .collect()
    }

    async fn purge_pending_voices(&self, before: OffsetDateTime) -> StoreResult<u64> {
        let mut tx = self.db().begin_write().await?;
        let purged = tx
            .query("DELETE FROM priority_voices_pending WHERE received_at < $1")
            .bind(before)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(purged)
    }
}
