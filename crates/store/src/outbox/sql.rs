//! The outbox's SQL.

use peel_core::audit::AuditEvent;
use peel_core::contact::Addressee;
use peel_core::message::Status;
use peel_core::{MessageId, SubmissionId};
use time::OffsetDateTime;

use super::{OutboxMessage, OutboxStore, ReporterMessage, Settled};
use crate::StoreResult;
use crate::audit::commit_with;
use crate::engine::Engine;
use crate::sql::{Row, Tx};

const COLUMNS: &str = "id, submission_id, case_id, purpose, subject, body, message_id, status, \
    channel, content, attempts, created_at_us, due_at_us, next_attempt_at_us, claimed_until_us, \
    sent_at_us, wait_reason, last_error, provider_id, addressee";

fn message_of(row: &Row) -> StoreResult<OutboxMessage> {
    let mut cols = row.cols("outbox");
    Ok(OutboxMessage {
        id: cols.id()?,
        submission_id: cols.get()?,
        case_id: cols.get()?,
        purpose: cols.get()?,
        subject: cols.get()?,
        body: cols.get()?,
        message_id: cols.get()?,
        status: cols.get()?,
        channel: cols.get()?,
        content: cols.get()?,
        attempts: cols.get()?,
        created_at: cols.get()?,
        due_at: cols.get()?,
        next_attempt_at: cols.get()?,
        claimed_until: cols.get()?,
        sent_at: cols.get()?,
        wait_reason: cols.get()?,
        last_error: cols.get()?,
        provider_id: cols.get()?,
        addressee: cols.parse("addressee", read_addressee)?,
    })
}

/// An addressee column read back (`NULL` is the reporter).
pub(crate) fn read_addressee(raw: Option<String>) -> Result<Option<Addressee>, String> {
    raw.map(|stored| Addressee::read(&stored).ok_or_else(|| format!("unreadable: {stored:?}")))
        .transpose()
}

/// Adds messages inside the transaction of the change that causes them.
pub(crate) async fn insert_messages(tx: &mut Tx, messages: &[OutboxMessage]) -> StoreResult<()> {
    for m in messages {
        tx.query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO outbox ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
        )))
        .bind(m.id)
        .bind(m.submission_id)
        .bind(m.case_id)
        .bind(m.purpose)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(&m.message_id)
        .bind(m.status)
        .bind(&m.channel)
        .bind(&m.content)
        .bind(m.attempts)
        .bind(m.created_at)
        .bind(m.due_at)
        .bind(m.next_attempt_at)
        .bind(m.claimed_until)
        .bind(m.sent_at)
        .bind(&m.wait_reason)
        .bind(&m.last_error)
        .bind(&m.provider_id)
        .bind(m.addressee.as_ref().map(Addressee::stored))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Records one attempt's outcome inside a transaction.
async fn settle_in(tx: &mut Tx, id: MessageId, settled: &Settled) -> StoreResult<()> {
    let query = match settled {
        Settled::Sent {
            channel,
            content,
            provider_id,
            at,
        } => tx
            .query(
                "UPDATE outbox SET status = 'sent', channel = $1, content = $2, \
                 provider_id = $3, sent_at_us = $4, claimed_until_us = NULL, \
                 wait_reason = NULL WHERE id = $5 \
                 AND status IN ('sending', 'call_task')",
            )
            .bind(channel.as_str())
            .bind(content.as_str())
            .bind(provider_id.as_deref())
            .bind(*at),
        Settled::Wait { reason, retry_at } => tx
            .query(
                "UPDATE outbox SET status = 'waiting', wait_reason = $1, \
                 next_attempt_at_us = $2, claimed_until_us = NULL WHERE id = $3 \
                 AND status IN ('sending', 'call_task')",
            )
            .bind(reason.as_str())
            .bind(*retry_at),
        Settled::Retry { error, retry_at } => tx
            .query(
                "UPDATE outbox SET status = 'queued', last_error = $1, \
                 next_attempt_at_us = $2, claimed_until_us = NULL WHERE id = $3 \
                 AND status IN ('sending', 'call_task')",
            )
            .bind(error.as_str())
            .bind(*retry_at),
        Settled::CallTask { reason } => tx
            .query(
                "UPDATE outbox SET status = 'call_task', channel = 'phone', wait_reason = $1, \
                 claimed_until_us = NULL WHERE id = $2 \
                 AND status IN ('sending', 'call_task')",
            )
            .bind(reason.as_str()),
        Settled::Never { reason } => tx
            .query(
                "UPDATE outbox SET status = 'never', wait_reason = $1, \
                 claimed_until_us = NULL WHERE id = $2 \
                 AND status IN ('sending', 'call_task')",
            )
            .bind(reason.as_str()),
    };
    query.bind(id).execute(&mut *tx).await?;
    Ok(())
}

#[async_trait::async_trait]
impl<E: Engine> OutboxStore for E {
    async fn enqueue(&self, messages: &[OutboxMessage], audit: Vec<AuditEvent>) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        insert_messages(&mut tx, messages).await?;
        commit_with(tx, audit).await
    }

    async fn claim_due(
        &self,
        now: OffsetDateTime,
        lease: time::Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>> {
        let db = self.db();
        let candidates = db
            .query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM outbox \
                 WHERE (status IN ('queued', 'waiting') AND next_attempt_at_us <= $1) \
                    OR (status = 'sending' AND claimed_until_us <= $1) \
                 ORDER BY next_attempt_at_us LIMIT $2"
            )))
            .bind(now)
            .bind(i64::from(limit))
            .all(db)
            .await?
            .iter()
            .map(message_of)
            .collect::<StoreResult<Vec<_>>>()?;
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        // One write transaction for the batch: on SQLite one commit rather than one a message,
        // so the worker barely competes with intake for the single writer.
        let mut tx = self.db().begin_write().await?;
        let mut claimed = Vec::with_capacity(candidates.len());
        for mut message in candidates {
            // Claimed only if no other worker took it since it was read.
            let until = now + lease;
            let taken = tx
                .query(
                    "UPDATE outbox SET status = 'sending', claimed_until_us = $1, \
                     attempts = attempts + 1 \
                     WHERE id = $2 AND status = $3 AND attempts = $4",
                )
                .bind(until)
                .bind(message.id)
                .bind(message.status)
                .bind(message.attempts)
                .execute(&mut tx)
                .await?;
            if taken == 1 {
                message.status = Status::Sending;
                message.claimed_until = Some(until);
                message.attempts += 1;
                claimed.push(message);
            }
        }
        tx.commit().await?;
        Ok(claimed)
    }

    async fn settle(
        &self,
        id: MessageId,
        settled: &Settled,
        audit: Option<AuditEvent>,
    ) -> StoreResult<()> {
        self.settle_all(&[(id, settled.clone())], audit.into_iter().collect())
            .await
    }

    async fn settle_all(
        &self,
        settled: &[(MessageId, Settled)],
        audit: Vec<AuditEvent>,
    ) -> StoreResult<()> {
        if settled.is_empty() {
            return Ok(());
        }
        let mut tx = self.db().begin_write().await?;
        for (id, outcome) in settled {
            settle_in(&mut tx, *id, outcome).await?;
        }
        commit_with(tx, audit).await
    }

    async fn messages_of(&self, submission: SubmissionId) -> StoreResult<Vec<OutboxMessage>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox WHERE submission_id = $1 ORDER BY created_at_us, id"
        )))
        .bind(submission)
        .all(db)
        .await?
        .iter()
        .map(message_of)
        .collect()
    }

    async fn call_tasks(&self, teams: &[peel_core::TeamId]) -> StoreResult<Vec<OutboxMessage>> {
        let db = self.db();
        let mut found = Vec::new();
        let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
        for team in teams {
            found.extend(
                db.query(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM outbox o JOIN submissions s ON s.id = o.submission_id \
                     WHERE o.status = 'call_task' AND s.team_id = $1 ORDER BY o.due_at_us, o.id",
                    columns.join(", ")
                )))
                .bind(team)
                .all(db)
                .await?
                .iter()
                .map(message_of)
                .collect::<StoreResult<Vec<_>>>()?,
            );
        }
        found.sort_by_key(|m| m.due_at);
        Ok(found)
    }

    async fn message(&self, id: MessageId) -> StoreResult<Option<OutboxMessage>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox WHERE id = $1"
        )))
        .bind(id)
        .optional(db)
        .await?
        .as_ref()
        .map(message_of)
        .transpose()
    }

    async fn add_reporter_message(
        &self,
        message: &ReporterMessage,
        reply_due: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO reporter_messages (id, submission_id, at_us, kind, body, call_back_when) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(message.id)
        .bind(message.submission_id)
        .bind(message.at)
        .bind(message.kind)
        .bind(&message.body)
        .bind(&message.call_back_when)
        .execute(&mut tx)
        .await?;
        tx.query(
            "UPDATE cases SET reply_due_us = $1, updated_at_us = $2 WHERE id = \
             (SELECT case_id FROM case_submissions WHERE submission_id = $3)",
        )
        .bind(reply_due)
        .bind(message.at)
        .bind(message.submission_id)
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn reporter_messages(
        &self,
        submission: SubmissionId,
    ) -> StoreResult<Vec<ReporterMessage>> {
        let db = self.db();
        db.query(
            "SELECT id, submission_id, at_us, kind, body, call_back_when FROM reporter_messages \
             WHERE submission_id = $1 ORDER BY at_us, id",
        )
        .bind(submission)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("reporter_messages");
            Ok(ReporterMessage {
                id: cols.id()?,
                submission_id: cols.get()?,
                at: cols.get()?,
                kind: cols.get()?,
                body: cols.get()?,
                call_back_when: cols.get()?,
            })
        })
        .collect()
    }
}
