//! Submissions as staff work them: opening one, a team's queue, the supervisor's page, and the
//! changes made to one ([`changes`], [`dash`]). Every decision is taken on the submission's own
//! facts (its team, category and checklist), and every view is recorded as a consultation
//! naming what it showed; another team's work is read only with a stated reason, recorded as
//! the justification and listed for its supervisors.

pub mod changes;
pub mod dash;

use peel_core::audit::AuditCode;
use peel_core::policy::{Access, Action, Actor, Resource, SubmissionFacts};
use peel_core::{ItemRef, SubmissionId, TeamId};
use peel_store::{DashRecord, Note, QueueFilter, ReadWithReason, Submission, TaskRecord};
use time::Duration;

use crate::link::LinkView;
use crate::{Context, ServiceError, ServiceResult};

/// The facts of a submission that access turns on.
pub fn facts(s: &Submission) -> SubmissionFacts {
    SubmissionFacts {
        team: s.team.clone(),
        category: s.category,
        has_dash: s.has_dash,
        restricted: s.restricted.is_some(),
    }
}

/// How a reader came to a submission, for the audit entry (`opened`, `read through the API`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Its page.
    Page,
    /// The API.
    Api,
}

/// One submission with everything known about it, as its reader may see it.
#[derive(Debug, Clone)]
pub struct Viewed {
    /// The submission.
    pub submission: Submission,
    /// How it was read: as of right, or with a reason.
    pub access: Access,
    /// Whether the reader may change it (contact, notes, grade, checklist, tasks).
    pub may_change: bool,
    /// Whether the reader may move it to another team.
    pub may_move: bool,
    /// Its notes, oldest first (read for its page only, as are its tasks and checklists).
    pub notes: Vec<Note>,
    /// What it links to, as far as the reader may see.
    pub links: Vec<LinkView>,
    /// What happened near it in place and time: the nearest, and how many in all.
    pub nearby: crate::link::Nearby,
    /// The tasks asked for on it.
    pub tasks: Vec<TaskRecord>,
    /// Its DASH checklists, newest first.
    pub dash: Vec<DashRecord>,
    /// The case it is in.
    pub case: Option<peel_store::Case>,
    /// The ways of making contact the officer may record: only those the reporter allowed.
    pub contact_methods: Vec<peel_core::submission::ContactMethod>,
    /// Messages to the reporter, oldest first, with where each stands.
    pub messages: Vec<peel_store::OutboxMessage>,
    /// What the reporter sent from their status page.
    pub from_reporter: Vec<peel_store::ReporterMessage>,
    /// Open cases it links to, offered for it to join when it is in none: (case, the linked
    /// report's reference).
    pub join_offers: Vec<(peel_core::CaseId, String)>,
}

/// Opens a submission for `actor`, recorded as one consultation naming it and every report
/// the view shows beside it (linked and nearby); another team's with the reason stated.
pub async fn view(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    via: Via,
) -> ServiceResult<Viewed> {
    let s = load(ctx, id).await?;
    let access = authorize(ctx, actor, Action::ViewSubmission, &s).await?;
    let store = ctx.store();
    let links = crate::link::links_for(ctx, actor, s.id).await?;
    let nearby = crate::link::nearby_for(ctx, &s).await?;
    let mut detail = format!(
        "report {} {}",
        s.reference,
        match via {
            Via::Page => "opened",
            Via::Api => "read through the API",
        }
    );
    named(&mut detail, "linked to", links.iter().map(|l| &l.reference));
    named(
        &mut detail,
        "nearby",
        nearby.shown.iter().map(|n| &n.reference),
    );
    record_read(ctx, actor, &s, access, AuditCode::SubmissionViewed, detail).await?;
    let resource = Resource::Submission(facts(&s));
    let (notes, tasks, dash) = match via {
        Via::Page => (
            store.notes(s.id).await?,
            store.tasks_of_item(ItemRef::Submission(s.id)).await?,
            store.dash_assessments(s.id).await?,
        ),
        Via::Api => (Vec::new(), Vec::new(), Vec::new()),
    };
    let case = store.case_of(s.id).await?;
    let mut join_offers: Vec<(peel_core::CaseId, String)> = Vec::new();
    if case.is_none() {
        for link in &links {
            if let Some(other) = link.item.submission()
                && let Some(open) = store.case_of(other).await?.filter(|c| c.stage.is_open())
                && !join_offers.iter().any(|(id, _)| *id == open.id)
            {
                join_offers.push((open.id, link.reference.clone()));
            }
        }
    }
    let messages = store.messages_of(s.id).await?;
    let from_reporter = store.reporter_messages(s.id).await?;
    Ok(Viewed {
        may_change: ctx.permits(actor, Action::AddNote, &resource),
        may_move: ctx.permits(actor, Action::Reassign, &resource),
        notes,
        tasks,
        dash,
        links,
        nearby,
        access,
        case,
        contact_methods: peel_core::contact::allowed_methods(s.contact.as_ref(), &s.safe_contact),
        messages,
        from_reporter,
        join_offers,
        submission: s,
    })
}

/// A submission `actor` may change by `action` (its own team's, or a team they supervise).
pub async fn for_change(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    action: Action,
) -> ServiceResult<Submission> {
    let s = load(ctx, id).await?;
    authorize(ctx, actor, action, &s).await?;
    Ok(s)
}

/// A team's queue as `actor` may read it, recorded as one consultation naming every
/// submission shown; another team's with the reason stated.
pub async fn queue(ctx: &Context, actor: &Actor, filter: &QueueFilter) -> ServiceResult<QueuePage> {
    let team = Resource::Team(filter.team.clone());
    let subject = format!("team:{}", filter.team);
    let access = ctx
        .authorize_about(actor, Action::ViewQueue, &team, &subject)
        .await?;
    let shown = ctx.store().queue(filter).await?;
    let total = ctx.store().queue_count(filter).await?;
    let mut detail = format!(
        "{} submissions shown of {total} (from {})",
        shown.len(),
        filter.offset + 1
    );
    named(&mut detail, "", shown.iter().map(|s| &s.reference));
    let mut event = ctx.event(actor, AuditCode::QueueViewed, subject, detail);
    if access == Access::WithReason {
        event.justification = actor.reason.clone().unwrap_or_default();
    }
    ctx.record(event).await?;
    Ok(QueuePage {
        submissions: shown,
        total,
    })
}

/// One page of a team's queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuePage {
    /// The page's submissions, in the queue's order.
    pub submissions: Vec<Submission>,
    /// How many the filter matches in all.
    pub total: i64,
}

/// The supervisor's page: first contacts overdue, and reads of the team's work by others with
/// their reasons, for the teams `actor` works in and supervises.
#[derive(Debug, Clone, PartialEq)]
pub struct Escalations {
    /// The teams it covers.
    pub teams: Vec<TeamId>,
    /// Submissions with no first contact past their time, most overdue first.
    pub overdue: Vec<Submission>,
    /// Another team's reads of these teams' submissions in the last 30 days, newest first.
    pub reads: Vec<ReadWithReason>,
    /// Cases whose victim's update (Victims' Code) or reply to the reporter is overdue, most
    /// overdue first.
    pub overdue_updates: Vec<peel_store::Case>,
}

/// The supervisor's page for `actor`, recorded as one consultation naming what it shows.
pub async fn escalations(ctx: &Context, actor: &Actor) -> ServiceResult<Escalations> {
    ctx.authorize(actor, Action::ViewEscalations, &Resource::System)
        .await?;
    let mut teams: Vec<TeamId> = actor.team.iter().cloned().collect();
    for team in &actor.supervises {
        if !teams.contains(team) {
            teams.push(team.clone());
        }
    }
    let now = ctx.now();
    let store = ctx.store();
    let overdue = store.overdue_first_contacts(now, Some(&teams)).await?;
    let reads = store
        .reads_with_reason(&teams, now - Duration::days(30))
        .await?;
    let overdue_updates: Vec<peel_store::Case> = store
        .open_cases(&teams, None)
        .await?
        .into_iter()
        .filter(|c| {
            [c.next_update_due, c.reply_due]
                .into_iter()
                .flatten()
                .any(|due| due < now)
        })
        .collect();
    let mut detail = format!(
        "{} overdue first contacts, {} reads with a reason, {} cases with updates overdue",
        overdue.len(),
        reads.len(),
        overdue_updates.len()
    );
    named(&mut detail, "", overdue.iter().map(|s| &s.reference));
    named(
        &mut detail,
        "read",
        reads.iter().filter_map(|r| r.reference.as_ref()),
    );
    let subject = teams
        .iter()
        .map(|t| format!("team:{t}"))
        .collect::<Vec<_>>()
        .join(",");
    ctx.record(ctx.event(actor, AuditCode::EscalationsViewed, subject, detail))
        .await?;
    Ok(Escalations {
        teams,
        overdue,
        reads,
        overdue_updates,
    })
}

/// A submission by id.
async fn load(ctx: &Context, id: SubmissionId) -> ServiceResult<Submission> {
    ctx.store()
        .submission(id)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The access rule on a submission's facts; a refusal is audited under the submission.
async fn authorize(
    ctx: &Context,
    actor: &Actor,
    action: Action,
    s: &Submission,
) -> ServiceResult<Access> {
    let resource = Resource::Submission(facts(s));
    Ok(ctx
        .authorize_about(actor, action, &resource, ItemRef::Submission(s.id))
        .await?)
}

/// Records a read of `s`: as a consultation with `code`, or, read with a reason, as a read with
/// that reason for its supervisors (the reason is the entry's justification).
async fn record_read(
    ctx: &Context,
    actor: &Actor,
    s: &Submission,
    access: Access,
    code: AuditCode,
    detail: String,
) -> ServiceResult<()> {
    let subject = ItemRef::Submission(s.id);
    match access {
        Access::Granted => Ok(ctx.record(ctx.event(actor, code, subject, detail)).await?),
        Access::WithReason => {
            let reason = actor.reason.clone().unwrap_or_default();
            let user_id = actor
                .user_id()
                .ok_or(ServiceError::Denied(peel_core::policy::Denied::NotSignedIn))?;
            let mut event = ctx.event(
                actor,
                AuditCode::SubmissionViewedWithReason,
                subject,
                format!("{detail}; held by {}", s.team),
            );
            event.justification = reason.clone();
            let read = ReadWithReason {
                submission_id: s.id,
                reference: None,
                team: s.team.clone(),
                user_id,
                username: actor.label.clone(),
                reason,
                at: ctx.now(),
            };
            Ok(ctx.store().record_read_with_reason(&read, event).await?)
        }
    }
}

/// Appends `label: a, b, c` to an audit detail when there is anything to name.
fn named<'a, T: std::fmt::Display + 'a>(
    detail: &mut String,
    label: &str,
    items: impl Iterator<Item = &'a T>,
) {
    let names: Vec<String> = items.map(ToString::to_string).collect();
    if names.is_empty() {
        return;
    }
    detail.push_str("; ");
    if !label.is_empty() {
        detail.push_str(label);
        detail.push(' ');
    }
    detail.push_str(&names.join(", "));
}

#[cfg(test)]
mod tests;
