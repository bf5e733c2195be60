//! Cases' SQL.

use peel_core::audit::AuditEvent;
use peel_core::case::{CaseStage, Outcome, OutcomeKind};
use peel_core::submission::Stage;
use peel_core::{CaseId, SubmissionId, TeamId, UserId};
use time::OffsetDateTime;

use super::{
    Case, CaseChange, CaseEvent, CaseStore, MaracAction, MaracReferral, Survey, SurveyAnswers,
    SurveyResult,
};
use crate::StoreResult;
use crate::audit::{commit_if_changed, commit_with};
use crate::engine::Engine;
use crate::outbox::insert_messages;
use crate::sql::{Row, Tx};

const COLUMNS: &str = "id, team_id, owner_id, owner_name, stage, enhanced_rights, first_channel, \
    outcome, outcome_programme, outcome_programme_name, outcome_reason, merged_into, \
    next_update_due_us, reply_due_us, opened_at_us, updated_at_us, closed_at_us";

fn case_of_row(row: &Row) -> StoreResult<Case> {
    let mut cols = row.cols("cases");
    let id = cols.id()?;
    let team = cols.get()?;
    let owner = cols.get()?;
    let owner_name = cols.get()?;
    let stage = cols.get()?;
    let enhanced_rights = cols.get()?;
    let first_channel = cols.get()?;
    let kind: Option<OutcomeKind> = cols.get()?;
    let programme = cols.get()?;
    let programme_name = cols.get()?;
    let reason: Option<String> = cols.get()?;
    Ok(Case {
        id,
        team,
        owner,
        owner_name,
        stage,
        enhanced_rights,
        first_channel,
        outcome: kind.map(|kind| Outcome {
            kind,
            programme,
            programme_name,
            reason: reason.unwrap_or_default(),
        }),
        merged_into: cols.get()?,
        next_update_due: cols.get()?,
        reply_due: cols.get()?,
        opened_at: cols.get()?,
        updated_at: cols.get()?,
        closed_at: cols.get()?,
    })
}

/// The submission stage that follows a case's.
fn submission_stage(stage: CaseStage) -> Stage {
    match stage {
        CaseStage::Open => Stage::Contacted,
        CaseStage::Investigating | CaseStage::Safeguarding | CaseStage::Merged => Stage::InProgress,
        CaseStage::Closed => Stage::Closed,
    }
}

async fn write_case(tx: &mut Tx, case: &Case, insert: bool) -> StoreResult<()> {
    let outcome = case.outcome.as_ref();
    let sql = if insert {
        format!(
            "INSERT INTO cases ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
             $12, $13, $14, $15, $16, $17)"
        )
    } else {
        "UPDATE cases SET team_id = $2, owner_id = $3, owner_name = $4, stage = $5, \
         enhanced_rights = $6, first_channel = $7, outcome = $8, outcome_programme = $9, \
         outcome_programme_name = $10, outcome_reason = $11, merged_into = $12, \
         next_update_due_us = $13, reply_due_us = $14, opened_at_us = $15, updated_at_us = $16, \
         closed_at_us = $17 WHERE id = $1"
            .to_owned()
    };
    tx.query(sqlx::AssertSqlSafe(sql))
        .bind(case.id)
        .bind(&case.team)
        .bind(case.owner)
        .bind(&case.owner_name)
        .bind(case.stage)
        .bind(case.enhanced_rights)
        .bind(case.first_channel)
        .bind(outcome.map(|o| o.kind))
        .bind(outcome.and_then(|o| o.programme))
        .bind(outcome.and_then(|o| o.programme_name.as_deref()))
        .bind(outcome.map(|o| o.reason.as_str()))
        .bind(case.merged_into)
        .bind(case.next_update_due)
        .bind(case.reply_due)
        .bind(case.opened_at)
        .bind(case.updated_at)
        .bind(case.closed_at)
        .execute(&mut *tx)
        .await?;
    // The submissions follow the case's stage and update clock.
    tx.query(
        "UPDATE submissions SET stage = $1, next_update_due_us = $2, updated_at_us = $3 \
         WHERE id IN (SELECT submission_id FROM case_submissions WHERE case_id = $4)",
    )
    .bind(submission_stage(case.stage))
    .bind(case.next_update_due)
    .bind(case.updated_at)
    .bind(case.id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub(crate) async fn write_event(tx: &mut Tx, event: &CaseEvent) -> StoreResult<()> {
    tx.query(
        "INSERT INTO case_events (id, case_id, at_us, author, kind, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event.id)
    .bind(event.case_id)
    .bind(event.at)
    .bind(&event.author)
    .bind(&event.kind)
    .bind(&event.detail)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn write_survey(tx: &mut Tx, survey: &Survey) -> StoreResult<()> {
    tx.query(
        "INSERT INTO surveys (id, case_id, token_digest, channel, community, sent_at_us) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(survey.id)
    .bind(survey.case_id)
    .bind(&survey.token_digest)
    .bind(survey.channel)
    .bind(&survey.community)
    .bind(survey.sent_at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn place(
    tx: &mut Tx,
    case: CaseId,
    submission: SubmissionId,
    at: OffsetDateTime,
) -> StoreResult<()> {
    tx.query(
        "INSERT INTO case_submissions (submission_id, case_id, added_at_us) VALUES ($1, $2, $3) \
         ON CONFLICT (submission_id) DO UPDATE SET case_id = excluded.case_id, \
         added_at_us = excluded.added_at_us",
    )
    .bind(submission)
    .bind(case)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes a change's case, event, messages and survey; the caller commits with its audit entry.
async fn apply(tx: &mut Tx, change: &CaseChange<'_>, insert: bool) -> StoreResult<()> {
    write_case(tx, change.case, insert).await?;
    write_event(tx, &change.event).await?;
    insert_messages(tx, change.messages).await?;
    if let Some(survey) = change.survey {
        write_survey(tx, survey).await?;
    }
    Ok(())
}

/// Opens a case inside a transaction (first contact opens one in its own); the caller commits
/// with the change's audit entry.
pub(crate) async fn open_case_in(
    tx: &mut Tx,
    change: &CaseChange<'_>,
    submissions: &[SubmissionId],
) -> StoreResult<()> {
    write_case(tx, change.case, true).await?;
    for submission in submissions {
        tx.query(
            "INSERT INTO case_submissions (submission_id, case_id, added_at_us) \
             VALUES ($1, $2, $3)",
        )
        .bind(*submission)
        .bind(change.case.id)
        .bind(change.case.opened_at)
        .execute(&mut *tx)
        .await?;
    }
    apply(tx, change, false).await
}

#[async_trait::async_trait]
impl<E: Engine> CaseStore for E {
    async fn open_case(
        &self,
        change: CaseChange<'_>,
        submissions: &[SubmissionId],
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        open_case_in(&mut tx, &change, submissions).await?;
        commit_with(tx, vec![change.audit]).await
    }

    async fn update_case(&self, change: CaseChange<'_>) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        apply(&mut tx, &change, false).await?;
        commit_with(tx, vec![change.audit]).await
    }

    async fn join_case(&self, change: CaseChange<'_>, submission: SubmissionId) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        place(&mut tx, change.case.id, submission, change.event.at).await?;
        apply(&mut tx, &change, false).await?;
        commit_with(tx, vec![change.audit]).await
    }

    async fn merge_cases(&self, into: CaseChange<'_>, from: CaseChange<'_>) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        // The merged case is written first, so its submissions take the surviving case's stage
        // once they have moved.
        apply(&mut tx, &from, false).await?;
        tx.query("UPDATE case_submissions SET case_id = $1 WHERE case_id = $2")
            .bind(into.case.id)
            .bind(from.case.id)
            .execute(&mut tx)
            .await?;
        apply(&mut tx, &into, false).await?;
        commit_with(tx, vec![from.audit, into.audit]).await
    }

    async fn split_case(
        &self,
        from: CaseChange<'_>,
        new: CaseChange<'_>,
        moved: &[SubmissionId],
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        write_case(&mut tx, new.case, true).await?;
        for submission in moved {
            place(&mut tx, new.case.id, *submission, new.event.at).await?;
        }
        apply(&mut tx, &new, false).await?;
        apply(&mut tx, &from, false).await?;
        commit_with(tx, vec![from.audit, new.audit]).await
    }

    async fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM cases WHERE id = $1"
        )))
        .bind(id)
        .optional(db)
        .await?
        .as_ref()
        .map(case_of_row)
        .transpose()
    }

    async fn case_of(&self, submission: SubmissionId) -> StoreResult<Option<Case>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM cases WHERE id = \
             (SELECT case_id FROM case_submissions WHERE submission_id = $1)"
        )))
        .bind(submission)
        .optional(db)
        .await?
        .as_ref()
        .map(case_of_row)
        .transpose()
    }

    async fn case_submissions(&self, id: CaseId) -> StoreResult<Vec<SubmissionId>> {
        let db = self.db();
        db.query(
            "SELECT submission_id FROM case_submissions WHERE case_id = $1 \
             ORDER BY added_at_us, submission_id",
        )
        .bind(id)
        .all(db)
        .await?
        .iter()
        .map(|row| row.first("case_submissions"))
        .collect()
    }

    async fn case_events(&self, id: CaseId) -> StoreResult<Vec<CaseEvent>> {
        let db = self.db();
        db.query(
            "SELECT id, case_id, at_us, author, kind, detail FROM case_events \
             WHERE case_id = $1 ORDER BY at_us, id",
        )
        .bind(id)
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("case_events");
            Ok(CaseEvent {
                id: cols.id()?,
                case_id: cols.get()?,
                at: cols.get()?,
                author: cols.get()?,
                kind: cols.get()?,
                detail: cols.get()?,
            })
        })
        .collect()
    }

    async fn open_cases(&self, teams: &[TeamId], owner: Option<UserId>) -> StoreResult<Vec<Case>> {
        let db = self.db();
        let mut found = Vec::new();
        let working = "stage IN ('open', 'investigating', 'safeguarding')";
        if let Some(owner) = owner {
            found.extend(
                db.query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM cases WHERE owner_id = $1 AND {working}"
                )))
                .bind(owner)
                .all(db)
                .await?
                .iter()
                .map(case_of_row)
                .collect::<StoreResult<Vec<_>>>()?,
            );
        }
        for team in teams {
            for case in db
                .query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM cases WHERE team_id = $1 AND {working}"
                )))
                .bind(team)
                .all(db)
                .await?
                .iter()
                .map(case_of_row)
            {
                let case = case?;
                if !found.iter().any(|c: &Case| c.id == case.id) {
                    found.push(case);
                }
            }
        }
        // Overdue first: the earliest update or reply owed leads.
        found.sort_by_key(|c| {
            let owed = [c.next_update_due, c.reply_due].into_iter().flatten().min();
            (owed.is_none(), owed, c.opened_at)
        });
        Ok(found)
    }

    async fn add_marac_referral(
        &self,
        referral: &MaracReferral,
        audit: AuditEvent,
    ) -> StoreResult<()> {
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO marac_referrals (id, case_id, referred_at_us, referred_by, conference_on, \
             reason) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(referral.id)
        .bind(referral.case_id)
        .bind(referral.referred_at)
        .bind(&referral.referred_by)
        .bind(referral.conference_on)
        .bind(&referral.reason)
        .execute(&mut tx)
        .await?;
        for action in &referral.actions {
            tx.query(
                "INSERT INTO marac_actions (id, referral_id, action, owner, due_at_us, done_at_us) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(action.id)
            .bind(referral.id)
            .bind(&action.action)
            .bind(&action.owner)
            .bind(action.due_at)
            .bind(action.done_at)
            .execute(&mut tx)
            .await?;
        }
        commit_with(tx, vec![audit]).await
    }

    async fn marac_referrals(&self, case: CaseId) -> StoreResult<Vec<MaracReferral>> {
        let db = self.db();
        let mut referrals = db
            .query(
                "SELECT id, case_id, referred_at_us, referred_by, conference_on, reason \
                 FROM marac_referrals WHERE case_id = $1 ORDER BY referred_at_us",
            )
            .bind(case)
            .all(db)
            .await?
            .iter()
            .map(|row| {
                let mut cols = row.cols("marac_referrals");
                Ok(MaracReferral {
                    id: cols.id()?,
                    case_id: cols.get()?,
                    referred_at: cols.get()?,
                    referred_by: cols.get()?,
                    conference_on: cols.get()?,
                    reason: cols.get()?,
                    actions: Vec::new(),
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        for referral in &mut referrals {
            referral.actions = db
                .query(
                    "SELECT id, action, owner, due_at_us, done_at_us FROM marac_actions \
                     WHERE referral_id = $1 ORDER BY due_at_us, id",
                )
                .bind(referral.id)
                .all(db)
                .await?
                .iter()
                .map(|row| {
                    let mut cols = row.cols("marac_actions");
                    Ok(MaracAction {
                        id: cols.id()?,
                        action: cols.get()?,
                        owner: cols.get()?,
                        due_at: cols.get()?,
                        done_at: cols.get()?,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
        }
        Ok(referrals)
    }

    async fn complete_marac_action(
        &self,
        action: uuid::Uuid,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query("UPDATE marac_actions SET done_at_us = $1 WHERE id = $2 AND done_at_us IS NULL")
            .bind(at)
            .bind(action)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn survey_by_token(&self, digest: &str) -> StoreResult<Option<Survey>> {
        let db = self.db();
        db.query(
            "SELECT id, case_id, token_digest, channel, community, sent_at_us, answered_at_us \
             FROM surveys WHERE token_digest = $1",
        )
        .bind(digest)
        .optional(db)
        .await?
        .map(|row| {
            let mut cols = row.cols("surveys");
            Ok(Survey {
                id: cols.id()?,
                case_id: cols.get()?,
                token_digest: cols.get()?,
                channel: cols.get()?,
                community: cols.get()?,
                sent_at: cols.get()?,
                answered_at: cols.get()?,
            })
        })
        .transpose()
    }

    async fn answer_survey(
        &self,
        id: uuid::Uuid,
        answers: SurveyAnswers,
        comment: Option<&str>,
        at: OffsetDateTime,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let changed = tx
            .query(
                "UPDATE surveys SET answered_at_us = $1, ease = $2, kept_informed = $3, \
                 treatment = $4, whole_experience = $5, comment = $6 \
                 WHERE id = $7 AND answered_at_us IS NULL",
            )
            .bind(at)
            .bind(answers.ease)
            .bind(answers.kept_informed)
            .bind(answers.treatment)
            .bind(answers.whole_experience)
            .bind(comment)
            .bind(id)
            .execute(&mut tx)
            .await?;
        commit_if_changed(tx, changed, vec![audit]).await
    }

    async fn survey_results(&self) -> StoreResult<Vec<SurveyResult>> {
        let db = self.db();
        db.query(
            "SELECT channel, community, ease, kept_informed, treatment, whole_experience \
             FROM surveys WHERE answered_at_us IS NOT NULL ORDER BY channel, community",
        )
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let mut cols = row.cols("surveys");
            Ok(SurveyResult {
                channel: cols.get()?,
                community: cols.get()?,
                answers: SurveyAnswers {
                    ease: cols.get()?,
                    kept_informed: cols.get()?,
                    treatment: cols.get()?,
                    whole_experience: cols.get()?,
                },
            })
        })
        .collect()
    }
}
