//! Review and retention (DOMAIN.md 9.5) and the data subject's rights of rectification,
//! restriction and erasure (ss.46 and 47). Every decision is audited with its reason and its
//! reviewer. Erasure, whether a review or a person asks for it, is one operation: the store
//! removes the report and everything hanging from it in one transaction (see
//! `peel_store::RightsStore::erase_submission`), then the files no other item holds leave the
//! evidence store. The chain of custody is the audit chain and stays.

use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::retention::Group;
use peel_core::{ItemRef, SubmissionId};
use peel_store::{ContactCorrection, Erased, Submission};
use time::Date;

use crate::{Context, ServiceError, ServiceResult};

/// The most shown on the review queue at once.
pub const QUEUE_LIMIT: u32 = 200;

/// A record on the review queue.
#[derive(Debug, Clone)]
pub struct ReviewEntry {
    /// The report or concern.
    pub submission: Submission,
    /// Its review group.
    pub group: Group,
    /// The day its review fell due.
    pub due: Date,
}

/// Why a record is erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    /// A review found no policing purpose to keep it.
    Review,
    /// The person it is about asked (s.47), and the request was upheld.
    SubjectRequest,
}

/// The record a decision is about and its reason, once `action` is allowed: every decision here
/// is refused without one.
async fn decision(
    ctx: &Context,
    actor: &Actor,
    action: Action,
    id: SubmissionId,
    reason: &str,
) -> ServiceResult<(Submission, String)> {
    ctx.authorize(actor, action, &Resource::System).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "reason",
            "Give the reason for this decision",
        ));
    }
    let s = ctx
        .store()
        .submission(id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((s, reason.to_owned()))
}

/// A review decides only what is due for review (a person's request is not a review).
fn not_before_due(ctx: &Context, s: &Submission) -> ServiceResult<()> {
    match s.review_due {
        Some(due) if due > ctx.today() => Err(ServiceError::invalid(
            "decision",
            format!("Its review is not due until {due}"),
        )),
        _ => Ok(()),
    }
}

/// The records whose review has fallen due, longest overdue first; the read is recorded.
pub async fn queue(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<ReviewEntry>> {
    ctx.authorize(actor, Action::ReviewRetention, &Resource::System)
        .await?;
    let due = ctx.store().review_queue(ctx.today(), QUEUE_LIMIT).await?;
    if !due.is_empty() {
        let shown: Vec<String> = due.iter().map(|s| s.reference.to_string()).collect();
        ctx.record(ctx.event(
            actor,
            AuditCode::ReviewQueueViewed,
            "retention",
            format!("review queue read: {}", shown.join(", ")),
        ))
        .await?;
    }
    Ok(due
        .into_iter()
        .map(|s| ReviewEntry {
            group: Group::of(s.category),
            due: s.review_due.unwrap_or_else(|| ctx.today()),
            submission: s,
        })
        .collect())
}

/// Retains a record on review until its next review one period from today, with the reason
/// (the national retention assessment criteria answer). Returns the next review date.
pub async fn retain(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    reason: &str,
) -> ServiceResult<Date> {
    let (s, reason) = decision(ctx, actor, Action::ReviewRetention, id, reason).await?;
    not_before_due(ctx, &s)?;
    let group = Group::of(s.category);
    let next = group.review_after(ctx.today());
    let event = ctx.event(
        actor,
        AuditCode::RecordRetained,
        ItemRef::Submission(id),
        format!(
            "report {} ({}) retained on review until {next}: {reason}",
            s.reference,
            group.label()
        ),
    );
    if !ctx.store().retain(id, next, event).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(next)
}

/// Erases a record with its links, messages and evidence, with the reason. On review, only a
/// record whose group allows erasure; at a person's request, the data protection officer.
pub async fn erase(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    ground: Ground,
    reason: &str,
) -> ServiceResult<Erased> {
    let action = match ground {
        Ground::Review => Action::ReviewRetention,
        Ground::SubjectRequest => Action::AnswerSubjectRights,
    };
    let (s, reason) = decision(ctx, actor, action, id, reason).await?;
    let group = Group::of(s.category);
    if ground == Ground::Review {
        if !group.erasable() {
            return Err(ServiceError::invalid(
                "decision",
                format!("{} is reviewed for adequacy, never erased", group.label()),
            ));
        }
        not_before_due(ctx, &s)?;
    }
    let event = ctx.event(
        actor,
        AuditCode::RecordErased,
        ItemRef::Submission(id),
        format!(
            "report {} erased with its notes, links, messages and evidence ({}): {reason}",
            s.reference,
            match ground {
                Ground::Review => "on review",
                Ground::SubjectRequest => "at the data subject's request",
            }
        ),
    );
    let erased = ctx
        .store()
        .erase_submission(id, event)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // After the commit: a file left behind is only disk, never a record; one removed before a
    // rollback would be evidence lost.
    for sha256 in &erased.unheld_files {
        // Another report may have been sent the same file since: it keeps it.
        if !ctx.store().evidence_with_hash(sha256).await?.is_empty() {
            continue;
        }
        if let Err(error) = ctx.settings().evidence.blobs.remove(sha256).await {
            tracing::error!(%error, sha256, "an erased report's file could not be removed");
        }
    }
    for upload in &erased.uploads {
        let _ = tokio::fs::remove_file(crate::evidence::resumable::file_of(ctx, *upload)).await;
    }
    Ok(erased)
}

/// Restricts processing of a record (kept, shown to nobody without a stated purpose), or lifts
/// the restriction, with the reason.
pub async fn restrict(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    restrict: bool,
    reason: &str,
) -> ServiceResult<()> {
    let (s, reason) = decision(ctx, actor, Action::AnswerSubjectRights, id, reason).await?;
    let event = ctx.event(
        actor,
        AuditCode::RecordRestricted,
        ItemRef::Submission(id),
        format!(
            "processing of report {} {}: {reason}",
            s.reference,
            if restrict {
                "restricted"
            } else {
                "no longer restricted"
            }
        ),
    );
    let kept = restrict.then_some(reason.as_str());
    if !ctx.store().restrict(id, kept, event).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Corrects a reporter's contact details, with the reason; the audit entry keeps what they were.
pub async fn rectify(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    change: &ContactCorrection,
    reason: &str,
) -> ServiceResult<()> {
    let (s, reason) = decision(ctx, actor, Action::AnswerSubjectRights, id, reason).await?;
    let mut change = change.clone();
    if let Some(phone) = change
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        change.phone = Some(
            peel_core::submission::normalise_phone(phone).ok_or_else(|| {
                ServiceError::invalid("phone", format!("{phone:?} is not a phone number"))
            })?,
        );
    }
    let contact = s.contact.as_ref();
    let mut changed = Vec::new();
    for (what, given) in [
        ("name", &change.name),
        ("email", &change.email),
        ("phone", &change.phone),
    ] {
        if given.is_some() {
            changed.push(what);
        }
    }
    if changed.is_empty() {
        return Err(ServiceError::invalid("name", "Give the corrected details"));
    }
    // The old email and phone stop linking from this report.
    change.forget = [
        change
            .email
            .as_ref()
            .and(contact.and_then(|c| c.email.as_deref()))
            .and_then(peel_link::email)
            .map(|v| (peel_link::Kind::Email, v)),
        change
            .phone
            .as_ref()
            .and(contact.and_then(|c| c.phone.as_deref()))
            .and_then(peel_link::phone)
            .map(|v| (peel_link::Kind::Phone, v)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // The trail cannot be erased: it names what changed, never the old values.
    let event = ctx.event(
        actor,
        AuditCode::RecordRectified,
        ItemRef::Submission(id),
        format!(
            "report {}: {} corrected: {reason}",
            s.reference,
            changed.join(", ")
        ),
    );
    if !ctx.store().rectify_contact(id, &change, event).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
