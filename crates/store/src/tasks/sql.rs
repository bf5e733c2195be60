//! Tasks' SQL.

use peel_core::audit::AuditEvent;
use peel_core::people::matching::{Task, TaskKind, Window};
use peel_core::people::task::TaskStatus;
use peel_core::{ItemRef, PersonId, TaskId};

use super::{TaskMove, TaskRecord, TaskStore};
use crate::StoreResult;
use crate::audit::commit_with;
use crate::engine::Engine;
use crate::sql::Row;

const TASK_COLUMNS: &str = "id, item, kind, scope, language, day_on, from_minute, \
    until_minute, place_lat, place_lon, touches, status, assigned_to, created_by, \
    created_at_us, hours, visit_note, return_reason, briefing, duty_phone";

fn minute(n: i64) -> Result<u16, String> {
    u16::try_from(n)
        .ok()
        .filter(|m| *m < 24 * 60)
        .ok_or_else(|| format!("{n} is not a minute of the day"))
}

fn task_of(row: &Row) -> StoreResult<TaskRecord> {
    let mut cols = row.cols("tasks");
    let id: TaskId = cols.id()?;
    let item = cols.get()?;
    let kind: TaskKind = cols.get()?;
    let mut requirements = kind.requirements();
    if let Some(scope) = cols.get()? {
        requirements.scope = Some(scope);
    }
    let language = cols.get()?;
    let window = Window {
        day: cols.get()?,
        from: cols.parse("from_minute", minute)?,
        until: cols.parse("until_minute", minute)?,
    };
    let (lat, lon): (Option<f64>, Option<f64>) = (cols.get()?, cols.get()?);
    let touches: String = cols.get()?;
    Ok(TaskRecord {
        task: Task {
            id,
            kind,
            requirements,
            language,
            place: lat.zip(lon),
            window,
            touches: touches
                .split('\n')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            previous: Vec::new(),
        },
        item,
        status: cols.get()?,
        assigned_to: cols.get()?,
        created_by: cols.get()?,
        created_at: cols.get()?,
        hours: cols.get()?,
        visit_note: cols.get()?,
        return_reason: cols.get()?,
        briefing: cols.get()?,
        duty_phone: cols.get()?,
    })
}

#[async_trait::async_trait]
impl<E: Engine> TaskStore for E {
    async fn create_task(&self, record: &TaskRecord, audit: AuditEvent) -> StoreResult<()> {
        let t = &record.task;
        let mut tx = self.db().begin_write().await?;
        tx.query(
            "INSERT INTO tasks (id, item, kind, scope, language, day_on, from_minute, \
             until_minute, place_lat, place_lon, touches, status, assigned_to, created_by, \
             created_at_us, updated_at_us, hours, visit_note, briefing, duty_phone) VALUES ($1, \
             $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19)",
        )
        .bind(t.id)
        .bind(record.item)
        .bind(t.kind)
        .bind(t.requirements.scope)
        .bind(t.language.as_deref())
        .bind(t.window.day)
        .bind(i64::from(t.window.from))
        .bind(i64::from(t.window.until))
        .bind(t.place.map(|p| p.0))
        .bind(t.place.map(|p| p.1))
        .bind(t.touches.join("\n"))
        .bind(record.status)
        .bind(record.assigned_to.as_ref())
        .bind(&record.created_by)
        .bind(record.created_at)
        .bind(record.hours)
        .bind(record.visit_note.as_deref())
        .bind(record.briefing.as_deref())
        .bind(record.duty_phone.as_deref())
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await
    }

    async fn task(&self, id: TaskId) -> StoreResult<Option<TaskRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1"
        )))
        .bind(id)
        .optional(db)
        .await?
        .map(|row| task_of(&row))
        .transpose()
    }

    async fn tasks_of_item(&self, item: ItemRef) -> StoreResult<Vec<TaskRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE item = $1 ORDER BY created_at_us, id"
        )))
        .bind(item)
        .all(db)
        .await?
        .iter()
        .map(task_of)
        .collect()
    }

    async fn tasks_not_done(&self) -> StoreResult<Vec<TaskRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE status <> 'done' ORDER BY created_at_us, id"
        )))
        .all(db)
        .await?
        .iter()
        .map(task_of)
        .collect()
    }

    async fn tasks_of_person(&self, person: &PersonId) -> StoreResult<Vec<TaskRecord>> {
        let db = self.db();
        db.query(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE assigned_to = $1 \
             ORDER BY created_at_us DESC, id"
        )))
        .bind(person)
        .all(db)
        .await?
        .iter()
        .map(task_of)
        .collect()
    }

    async fn move_task(
        &self,
        id: TaskId,
        change: &TaskMove,
        audit: AuditEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.db().begin_write().await?;
        let current: Option<TaskStatus> = match tx
            .query("SELECT status FROM tasks WHERE id = $1")
            .bind(id)
            .optional(&mut tx)
            .await?
        {
            Some(row) => Some(row.first("tasks")?),
            None => None,
        };
        if !current.is_some_and(|status| change.from.contains(&status)) {
            return Ok(false);
        }
        tx.query(
            "UPDATE tasks SET status = $1, \
             assigned_to = CASE WHEN $7 IS NULL THEN COALESCE($2, assigned_to) ELSE NULL END, \
             hours = COALESCE($3, hours), visit_note = COALESCE($4, visit_note), \
             updated_at_us = $5, return_reason = COALESCE($7, return_reason) WHERE id = $6",
        )
        .bind(change.to)
        .bind(change.assigned_to.as_ref())
        .bind(change.done.as_ref().map(|d| d.0))
        .bind(change.done.as_ref().map(|d| d.1.as_str()))
        .bind(change.at)
        .bind(id)
        .bind(change.returned.as_deref())
        .execute(&mut tx)
        .await?;
        commit_with(tx, vec![audit]).await?;
        Ok(true)
    }
}
