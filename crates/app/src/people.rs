//! People and their tasks: vetting records kept by the vetting unit (never by the person
//! themselves), and the tasks given to people, whose details each sees only while the task is
//! theirs, their account holds the role for their kind and a clearance covering the task is in
//! date and not suspended, checked at every request.

use peel_core::audit::AuditCode;
use peel_core::people::skills::Skill;
use peel_core::people::task::TaskStatus;
use peel_core::people::vetting::{Scope, Trigger};
use peel_core::policy::{Action, Actor, Denied, PersonFacts, Resource, TaskFacts};
use peel_core::username::Username;
use peel_core::{ClearanceId, ItemRef, PersonId, TaskId, UserId};
use peel_store::{PersonRecord, Submission, TaskMove, TaskRecord};
use time::Date;

use crate::{Context, ServiceError, ServiceResult};

/// The longest reason for a vetting change, in characters.
pub const MAX_REASON: usize = 500;

/// The account behind a username, if there is one.
async fn account(ctx: &Context, username: Option<&Username>) -> ServiceResult<Option<UserId>> {
    let Some(username) = username else {
        return Ok(None);
    };
    Ok(ctx.store().credentials(username).await?.map(|c| c.user.id))
}

/// The facts of a vetting record that access turns on: whose it is.
pub async fn person_facts(ctx: &Context, record: &PersonRecord) -> ServiceResult<PersonFacts> {
    Ok(PersonFacts {
        account: account(ctx, record.username.as_ref()).await?,
    })
}

/// A person's record for `action` by `actor`, refused on their own for anything but reading.
async fn person_for(
    ctx: &Context,
    actor: &Actor,
    id: &PersonId,
    action: Action,
) -> ServiceResult<PersonRecord> {
    let record = ctx
        .store()
        .person(id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let facts = person_facts(ctx, &record).await?;
    ctx.authorize_about(
        actor,
        action,
        &Resource::Person(facts),
        format!("person:{id}"),
    )
    .await?;
    Ok(record)
}

/// One person's vetting record, recorded as a consultation.
pub async fn vetting_record(
    ctx: &Context,
    actor: &Actor,
    id: &PersonId,
) -> ServiceResult<PersonRecord> {
    let record = person_for(ctx, actor, id, Action::ViewVetting).await?;
    ctx.record(ctx.event(
        actor,
        AuditCode::VettingPersonViewed,
        format!("person:{id}"),
        format!("clearances and skills of {} read", record.person.name),
    ))
    .await?;
    Ok(record)
}

/// A change to a clearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClearanceChange {
    /// A change of circumstances, suspending the scopes chosen pending review.
    Circumstances,
    /// A conduct concern, suspending the scopes chosen pending review.
    Conduct,
    /// A review, reinstating the scopes chosen; the next aftercare a year on.
    Review,
}

/// Records a change to one of a person's clearances, with the reason (required for a review
/// too: reinstating someone is a decision to account for).
pub async fn change_clearance(
    ctx: &Context,
    actor: &Actor,
    person: &PersonId,
    clearance: ClearanceId,
    change: ClearanceChange,
    scopes: &[Scope],
    reason: &str,
) -> ServiceResult<()> {
    let record = person_for(ctx, actor, person, Action::ChangeClearance).await?;
    let at = record
        .clearance_ids
        .iter()
        .position(|c| *c == clearance)
        .ok_or(ServiceError::NotFound)?;
    let mut held = record
        .person
        .clearances
        .get(at)
        .cloned()
        .ok_or(ServiceError::NotFound)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(ServiceError::invalid(
            "reason",
            "Say why, in 500 characters or fewer",
        ));
    }
    if scopes.is_empty() && change != ClearanceChange::Review {
        return Err(ServiceError::invalid(
            "scope",
            "Choose the kinds of work it touches",
        ));
    }
    let today = ctx.today();
    let (code, detail) = match change {
        ClearanceChange::Circumstances | ClearanceChange::Conduct => {
            let trigger = if change == ClearanceChange::Conduct {
                Trigger::ConductConcern(reason.to_owned())
            } else {
                Trigger::ChangeOfCircumstances(reason.to_owned())
            };
            held.trigger(&trigger, scopes, today);
            (
                AuditCode::ClearanceSuspended,
                if change == ClearanceChange::Conduct {
                    format!("suspended pending review after a conduct concern: {reason}")
                } else {
                    format!("suspended pending review: {reason}")
                },
            )
        }
        ClearanceChange::Review => {
            // Separation of duties: whoever recorded a conduct concern does not reinstate
            // after it; a second vetting officer does.
            let after_conduct = held
                .suspended
                .iter()
                .any(|s| scopes.contains(&s.scope) && s.reason.starts_with("conduct concern"));
            if after_conduct {
                let raised = ctx
                    .store()
                    .audit_entries(&peel_store::AuditQuery {
                        subject: Some(format!("person:{person}")),
                        event: Some(AuditCode::ClearanceSuspended),
                        limit: 1_000,
                        ..Default::default()
                    })
                    .await?;
                let by_me = raised
                    .iter()
                    .filter(|e| e.event.detail.contains(&format!("clearance {clearance}:")))
                    .filter(|e| e.event.detail.contains("conduct concern"))
                    .any(|e| e.event.actor == actor.reference());
                if by_me {
                    return Err(ServiceError::invalid(
                        "scope",
                        "You recorded the conduct concern, so a second vetting officer must review and reinstate",
                    ));
                }
            }
            held.review(scopes, today);
            (
                AuditCode::ClearanceReviewed,
                format!(
                    "reviewed; reinstated: {}",
                    scopes
                        .iter()
                        .map(|s| s.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        }
    };
    let mut audit = ctx.event(
        actor,
        code,
        format!("person:{person}"),
        format!("clearance {clearance}: {detail}"),
    );
    audit.justification = reason.to_owned();
    if !ctx
        .store()
        .update_clearance(clearance, &held, audit)
        .await?
    {
        return Err(ServiceError::NotFound);
    }
    // A suspension takes back, at once, every task the person may no longer do; the
    // supervisor sees why in general terms, the vetting unit keeps the detail.
    if change != ClearanceChange::Review {
        let mut after = record;
        if let Some(slot) = after.person.clearances.get_mut(at) {
            *slot = held;
        }
        return_tasks_not_covered(ctx, actor, &after).await?;
    }
    Ok(())
}

/// Takes back the tasks with `record`'s person that their clearance or training no longer
/// covers today; the number taken back.
pub async fn return_tasks_not_covered(
    ctx: &Context,
    actor: &Actor,
    record: &PersonRecord,
) -> ServiceResult<usize> {
    let mut returned = 0;
    for task in ctx.store().tasks_of_person(&record.person.id).await? {
        if !task.status.is_with_person()
            || peel_core::people::matching::still_covers(&record.person, &task.task)
        {
            continue;
        }
        let why = format!(
            "Taken back from {}: their vetting clearance or training no longer covers this task (the vetting unit has the details)",
            record.person.name
        );
        let audit = ctx.event(
            actor,
            AuditCode::TaskReturned,
            subject_of(&task),
            format!("task {}: {why}", task.task.id),
        );
        let change = TaskMove {
            from: vec![TaskStatus::Assigned, TaskStatus::Accepted],
            to: TaskStatus::Returned,
            assigned_to: None,
            done: None,
            at: ctx.now(),
            returned: Some(why),
        };
        if ctx.store().move_task(task.task.id, &change, audit).await? {
            returned += 1;
        }
    }
    Ok(returned)
}

/// A supervisor takes a task back from the person it is with, with the reason; it is theirs to
/// give again.
pub async fn take_back(
    ctx: &Context,
    actor: &Actor,
    id: TaskId,
    reason: &str,
) -> ServiceResult<()> {
    let record = ctx.store().task(id).await?.ok_or(ServiceError::NotFound)?;
    let submission = submission_of(ctx, &record).await?;
    let resource = match &submission {
        Some(s) => Resource::Submission(crate::submissions::facts(s)),
        None => Resource::System,
    };
    ctx.authorize_about(actor, Action::ManageTasks, &resource, subject_of(&record))
        .await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return Err(ServiceError::invalid(
            "reason",
            "Say why you are taking it back, in 500 characters or fewer",
        ));
    }
    let audit = ctx.event(
        actor,
        AuditCode::TaskReturned,
        subject_of(&record),
        format!("task {id}: taken back by a supervisor: {reason}"),
    );
    let change = TaskMove {
        from: vec![TaskStatus::Assigned, TaskStatus::Accepted],
        to: TaskStatus::Returned,
        assigned_to: None,
        done: None,
        at: ctx.now(),
        returned: Some(format!("Taken back by {}: {reason}", actor.label)),
    };
    if !ctx.store().move_task(id, &change, audit).await? {
        return Err(ServiceError::Moved(
            "The task is not with anyone now".into(),
        ));
    }
    Ok(())
}

/// Records that the evidence for a person's skill was checked today by `actor`; only then
/// does a level above "working" count.
pub async fn verify_skill(
    ctx: &Context,
    actor: &Actor,
    person: &PersonId,
    skill: &Skill,
) -> ServiceResult<()> {
    person_for(ctx, actor, person, Action::VerifySkill).await?;
    let audit = ctx.event(
        actor,
        AuditCode::SkillVerified,
        format!("person:{person}"),
        format!("evidence for {} checked", skill.slug()),
    );
    if !ctx
        .store()
        .verify_skill(person, skill, &actor.label, ctx.today(), audit)
        .await?
    {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// The facts of a task that access turns on: whose account it is given to, their kind, and
/// whether one of their clearances covers it on `today`.
pub async fn task_facts(
    ctx: &Context,
    record: &TaskRecord,
    today: Date,
) -> ServiceResult<TaskFacts> {
    let person = match &record.assigned_to {
        Some(id) => ctx.store().person(id).await?,
        None => None,
    };
    let account = match &person {
        Some(person) => account(ctx, person.username.as_ref()).await?,
        None => None,
    };
    Ok(facts_of(record, person.as_ref(), account, today))
}

/// The facts of a task given to `person` (whose account is `account`), read already.
fn facts_of(
    record: &TaskRecord,
    person: Option<&PersonRecord>,
    account: Option<UserId>,
    today: Date,
) -> TaskFacts {
    let requirement = &record.task.requirements;
    let given = person.filter(|p| record.assigned_to.as_ref() == Some(&p.person.id));
    TaskFacts {
        assignee: given.and(account),
        kind: given.map(|p| p.person.kind),
        cleared: given.is_some_and(|p| {
            p.person.clearances.iter().any(|c| {
                c.covers(requirement.level, requirement.scope, today)
                    .is_ok()
            })
        }),
    }
}

/// A task given to the actor, with its submission when they may see its details.
#[derive(Debug, Clone)]
pub struct OwnTask {
    /// The task.
    pub record: TaskRecord,
    /// Its submission, for the safe-contact instructions, once accepted.
    pub submission: Option<Submission>,
    /// Why its details are withheld now, if they are (a lapsed or suspended clearance, a role
    /// removed).
    pub withheld: Option<Denied>,
}

/// The person behind `actor`'s account, and the tasks given to them, newest first; each task's
/// details only while they may see them. Recorded as one consultation naming the tasks shown.
pub async fn portal(
    ctx: &Context,
    actor: &Actor,
) -> ServiceResult<(Option<PersonRecord>, Vec<OwnTask>)> {
    ctx.authorize(actor, Action::UseOwnTasks, &Resource::System)
        .await?;
    let Some(person) = own_person(ctx, actor).await? else {
        return Ok((None, Vec::new()));
    };
    let today = ctx.today();
    let mut tasks = Vec::new();
    for record in ctx.store().tasks_of_person(&person.person.id).await? {
        // The person is the actor's own, read once for every task.
        let facts = facts_of(&record, Some(&person), actor.user_id(), today);
        let withheld = ctx
            .check(actor, Action::UseOwnTasks, &Resource::Task(facts))
            .err();
        let submission = match withheld {
            None => submission_of(ctx, &record).await?,
            Some(_) => None,
        };
        tasks.push(OwnTask {
            record,
            submission,
            withheld,
        });
    }
    let shown: Vec<String> = tasks
        .iter()
        .filter(|t| t.withheld.is_none())
        .map(|t| subject_of(&t.record))
        .collect();
    ctx.record(ctx.event(
        actor,
        AuditCode::PortalViewed,
        format!("person:{}", person.person.id),
        format!(
            "{} tasks, {} with details: {}",
            tasks.len(),
            shown.len(),
            shown.join(", ")
        ),
    ))
    .await?;
    Ok((Some(person), tasks))
}

/// One task given to `actor`, with its details, refused (and the refusal audited) unless they
/// may see it now. Recorded as a consultation.
pub async fn own_task(ctx: &Context, actor: &Actor, id: TaskId) -> ServiceResult<OwnTask> {
    let record = task_for_assignee(ctx, actor, id).await?;
    let submission = submission_of(ctx, &record).await?;
    ctx.record(ctx.event(
        actor,
        AuditCode::PortalViewed,
        subject_of(&record),
        format!("task {id} read by the person it is given to"),
    ))
    .await?;
    Ok(OwnTask {
        record,
        submission,
        withheld: None,
    })
}

/// What the person a task is given to says of it.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskAnswer {
    /// They will do it.
    Accept,
    /// They will not.
    Decline,
    /// They did it: the hours and what was done.
    Done {
        /// Hours spent, a quarter to 24.
        hours: f64,
        /// What was done.
        note: String,
        /// Anything that needs an officer; it arrives on the case as a note.
        for_officer: String,
    },
}

/// Records the answer of the person a task is given to.
pub async fn answer_task(
    ctx: &Context,
    actor: &Actor,
    id: TaskId,
    answer: TaskAnswer,
) -> ServiceResult<()> {
    let record = task_for_assignee(ctx, actor, id).await?;
    let for_officer: String = match &answer {
        TaskAnswer::Done { for_officer, .. } => for_officer.trim().chars().take(2_000).collect(),
        _ => String::new(),
    };
    let (from, to, done, code, word) = match answer {
        TaskAnswer::Accept => (
            TaskStatus::Assigned,
            TaskStatus::Accepted,
            None,
            AuditCode::TaskAccepted,
            "accept",
        ),
        TaskAnswer::Decline => (
            TaskStatus::Assigned,
            TaskStatus::Declined,
            None,
            AuditCode::TaskDeclined,
            "decline",
        ),
        TaskAnswer::Done { hours, note, .. } => {
            let note = note.trim().to_owned();
            if !(0.25..=24.0).contains(&hours) || note.is_empty() || note.chars().count() > 2_000 {
                return Err(ServiceError::invalid(
                    "hours",
                    "Give the hours (a quarter to 24) and say what was done, in 2,000 characters or fewer",
                ));
            }
            (
                TaskStatus::Accepted,
                TaskStatus::Done,
                Some((hours, note)),
                AuditCode::TaskDone,
                "visit",
            )
        }
    };
    let audit = ctx.event(
        actor,
        code,
        subject_of(&record),
        format!("task {id}: {word}"),
    );
    let change = TaskMove {
        from: vec![from],
        to,
        assigned_to: None,
        done,
        at: ctx.now(),
        returned: None,
    };
    if !ctx.store().move_task(id, &change, audit).await? {
        return Err(ServiceError::Moved(
            "The task has moved on since this page was shown".into(),
        ));
    }
    // What needs an officer goes to the case, as an internal note from the person who went.
    if let (false, Some(submission)) = (
        for_officer.is_empty(),
        record.item.and_then(ItemRef::submission),
    ) {
        let note = peel_store::Note {
            id: uuid::Uuid::now_v7(),
            submission_id: submission,
            at: ctx.now(),
            author: actor.label.clone(),
            kind: peel_core::submission::NoteKind::Internal,
            body: format!(
                "From the {} visit: {for_officer}",
                record.task.kind.slug().replace('_', " ")
            ),
        };
        let event = ctx.event(
            actor,
            AuditCode::SubmissionNoteAdded,
            ItemRef::Submission(submission),
            "a note for the officer from the person who did the task",
        );
        ctx.store().add_note(&note, None, &[], event).await?;
    }
    Ok(())
}

/// The task, when it is given to `actor` and they may see it now.
pub(crate) async fn task_for_assignee(
    ctx: &Context,
    actor: &Actor,
    id: TaskId,
) -> ServiceResult<TaskRecord> {
    let record = ctx.store().task(id).await?.ok_or(ServiceError::NotFound)?;
    let facts = task_facts(ctx, &record, ctx.today()).await?;
    ctx.authorize_about(
        actor,
        Action::UseOwnTasks,
        &Resource::Task(facts),
        subject_of(&record),
    )
    .await?;
    Ok(record)
}

/// The person behind `actor`'s account.
async fn own_person(ctx: &Context, actor: &Actor) -> ServiceResult<Option<PersonRecord>> {
    let Some(me) = actor.user_id() else {
        return Err(Denied::NotSignedIn.into());
    };
    let Some(user) = ctx.store().user(me).await? else {
        return Ok(None);
    };
    Ok(ctx.store().person_of_account(&user.username).await?)
}

async fn submission_of(ctx: &Context, record: &TaskRecord) -> ServiceResult<Option<Submission>> {
    Ok(match record.item.and_then(ItemRef::submission) {
        Some(id) => ctx.store().submission(id).await?,
        None => None,
    })
}

/// The audit subject of a task: the submission it is on, or the task itself.
pub fn subject_of(record: &TaskRecord) -> String {
    record.item.map_or_else(
        || format!("task:{}", record.task.id),
        |item| item.to_string(),
    )
}
