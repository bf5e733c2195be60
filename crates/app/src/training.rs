//! Training with versions and blended learning: a module revised to a new version (saying what
//! changed) makes every older completion a need again in the training-needs analysis; a
//! completion is recorded with its version and how it was done (online, in a session, by
//! supervised work experience).

use peel_core::PersonId;
use peel_core::audit::AuditCode;
use peel_core::people::training::{Completion, Learning, Revision};
use peel_core::policy::{Action, Actor, Resource};

use crate::{Context, ServiceError, ServiceResult};

/// The current version of `module` (1 until it is revised).
pub fn current_version(revisions: &[Revision], module: &str) -> u32 {
    revisions
        .iter()
        .filter(|r| r.module == module)
        .map(|r| r.version)
        .max()
        .unwrap_or(1)
}

fn module_id(module: &str) -> ServiceResult<String> {
    let module = module.trim().to_ascii_lowercase();
    if module.is_empty()
        || module.len() > 60
        || !module
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ServiceError::invalid(
            "module",
            "Give the module's id, such as victim-care: letters, digits and hyphens",
        ));
    }
    Ok(module)
}

/// Revises `module` to its next version today, saying what changed; the new revision.
pub async fn revise(
    ctx: &Context,
    actor: &Actor,
    module: &str,
    what_changed: &str,
) -> ServiceResult<Revision> {
    ctx.authorize(actor, Action::ManageTraining, &Resource::System)
        .await?;
    let module = module_id(module)?;
    let what_changed = what_changed.trim();
    if what_changed.is_empty() || what_changed.chars().count() > 500 {
        return Err(ServiceError::invalid(
            "what_changed",
            "Say what changed in the module, in 500 characters or fewer",
        ));
    }
    let revisions = ctx.store().module_revisions().await?;
    let revision = Revision {
        version: current_version(&revisions, &module) + 1,
        module,
        on: ctx.today(),
        what_changed: what_changed.to_owned(),
    };
    let audit = ctx.event(
        actor,
        AuditCode::TrainingRevised,
        format!("module:{}", revision.module),
        format!(
            "{} revised to version {}: {}",
            revision.module, revision.version, revision.what_changed
        ),
    );
    ctx.store().revise_module(&revision, audit).await?;
    Ok(revision)
}

/// Records that `person` completed the current version of `module` today, and how; it lapses
/// after `valid_days` if given.
pub async fn record(
    ctx: &Context,
    actor: &Actor,
    person: &PersonId,
    module: &str,
    how: Learning,
    valid_days: Option<i64>,
) -> ServiceResult<Completion> {
    ctx.authorize(actor, Action::ManageTraining, &Resource::System)
        .await?;
    let module = module_id(module)?;
    let revisions = ctx.store().module_revisions().await?;
    let today = ctx.today();
    let done = Completion {
        version: current_version(&revisions, &module),
        module,
        completed: today,
        expires: valid_days
            .filter(|d| *d > 0)
            .map(|d| today + time::Duration::days(d)),
        how,
    };
    let audit = ctx.event(
        actor,
        AuditCode::TrainingRecorded,
        format!("person:{person}"),
        format!(
            "{} version {} completed ({})",
            done.module,
            done.version,
            done.how.label()
        ),
    );
    if !ctx.store().record_completion(person, &done, audit).await? {
        return Err(ServiceError::invalid(
            "person",
            "There is no one on the panels with that id",
        ));
    }
    Ok(done)
}
