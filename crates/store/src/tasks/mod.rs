//! Tasks for people on the panels: asked for on a submission, assigned, accepted or declined,
//! and done with the hours.

mod sql;

use peel_core::audit::AuditEvent;
use peel_core::people::matching::Task;
use peel_core::people::task::TaskStatus;
use peel_core::{ItemRef, PersonId, TaskId};
use time::OffsetDateTime;

use crate::StoreResult;

/// A task as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    /// The task, in the core's terms (`previous` is filled in when it is matched).
    pub task: Task,
    /// The submission it is for, if any.
    pub item: Option<ItemRef>,
    /// Where it stands.
    pub status: TaskStatus,
    /// Who it is with.
    pub assigned_to: Option<PersonId>,
    /// Who created it (a username).
    pub created_by: String,
    /// When it was created.
    pub created_at: OffsetDateTime,
    /// Hours spent, once done.
    pub hours: Option<f64>,
    /// What the person recorded of the visit.
    pub visit_note: Option<String>,
    /// Why it was taken back from the person it was with, if it was.
    pub return_reason: Option<String>,
    /// What the supervisor wants the person who accepts it to know.
    pub briefing: Option<String>,
    /// The supervisor's duty number, for the person doing it to call.
    pub duty_phone: Option<String>,
}

/// A change to a task.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskMove {
    /// The statuses it may be in.
    pub from: Vec<TaskStatus>,
    /// The status it moves to.
    pub to: TaskStatus,
    /// Who it is with now, when that changes.
    pub assigned_to: Option<PersonId>,
    /// The hours spent and what was done, when it is done.
    pub done: Option<(f64, String)>,
    /// When.
    pub at: OffsetDateTime,
    /// Taken back, with the reason: it is no longer with anyone.
    pub returned: Option<String>,
}

/// Tasks.
#[async_trait::async_trait]
pub trait TaskStore: Send + Sync {
    /// Adds a task, with `audit`.
    async fn create_task(&self, task: &TaskRecord, audit: AuditEvent) -> StoreResult<()>;

    /// A task by id.
    async fn task(&self, id: TaskId) -> StoreResult<Option<TaskRecord>>;

    /// The tasks on an item, oldest first.
    async fn tasks_of_item(&self, item: ItemRef) -> StoreResult<Vec<TaskRecord>>;

    /// Every task not yet done, oldest first (the supervisors' list).
    async fn tasks_not_done(&self) -> StoreResult<Vec<TaskRecord>>;

    /// The tasks with a person, newest first.
    async fn tasks_of_person(&self, person: &PersonId) -> StoreResult<Vec<TaskRecord>>;

    /// Moves a task as `change` says, with `audit`, in one transaction. False, and nothing
    /// written, when the task is not in one of `change.from` (someone moved it first).
    async fn move_task(
        &self,
        id: TaskId,
        change: &TaskMove,
        audit: AuditEvent,
    ) -> StoreResult<bool>;
}
