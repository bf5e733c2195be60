//! Evidence review: the task kind "evidence review" goes to volunteers and staff with the skill
//! and the clearance (remote work, so nothing asks about physical fitness). The person a task
//! is given to sees only the items of its report (never the report itself), and records what
//! each shows as structured notes; registrations in them are indicators, so a vehicle seen on
//! one doorbell links every report that names it.

use peel_core::audit::AuditCode;
use peel_core::people::matching::TaskKind;
use peel_core::people::task::TaskStatus;
use peel_core::policy::Actor;
use peel_core::{ItemRef, Source, TaskId};
use peel_store::{EvidenceItem, EvidenceReview, Submission, TaskRecord};

use crate::{Context, ServiceError, ServiceResult};

/// What a reviewer says an item shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewInput {
    /// When, in the footage ("21:14:03 on the clip").
    pub seen_at: String,
    /// The people it shows.
    pub people: String,
    /// The vehicles it shows, with any registrations read.
    pub vehicles: String,
    /// Whether a face can be made out.
    pub faces_visible: bool,
    /// The offence it shows, if any.
    pub offence: String,
    /// Anything else.
    pub notes: String,
}

/// The longest any one answer may be.
const MAX_ANSWER: usize = 2_000;

/// A review task's evidence, as the person it is given to sees it.
#[derive(Debug)]
pub struct TaskEvidence {
    /// The task.
    pub record: TaskRecord,
    /// Its report's items.
    pub items: Vec<EvidenceItem>,
    /// The reviews recorded so far.
    pub reviews: Vec<EvidenceReview>,
}

/// The task, given to `actor`, of the review kind and accepted, with its report.
async fn review_task(
    ctx: &Context,
    actor: &Actor,
    task: TaskId,
) -> ServiceResult<(TaskRecord, Submission)> {
    let record = crate::people::task_for_assignee(ctx, actor, task).await?;
    if record.task.kind != TaskKind::EvidenceReview {
        return Err(ServiceError::NotFound);
    }
    if !matches!(record.status, TaskStatus::Accepted | TaskStatus::Done) {
        return Err(ServiceError::invalid(
            "task",
            "Accept the task first: its evidence opens once you have",
        ));
    }
    let submission = match record.item.and_then(ItemRef::submission) {
        Some(id) => ctx.store().submission(id).await?,
        None => None,
    }
    .ok_or(ServiceError::NotFound)?;
    Ok((record, submission))
}

/// The items of a review task given to `actor`; the listing is recorded.
pub async fn for_task(ctx: &Context, actor: &Actor, task: TaskId) -> ServiceResult<TaskEvidence> {
    let (record, submission) = review_task(ctx, actor, task).await?;
    let items = ctx.store().evidence_of(submission.id).await?;
    let reviews = ctx.store().evidence_reviews_of(submission.id).await?;
    ctx.record(ctx.event(
        actor,
        AuditCode::EvidenceViewed,
        ItemRef::Submission(submission.id),
        format!(
            "{} evidence item(s) listed for review task {task}",
            items.len()
        ),
    ))
    .await?;
    Ok(TaskEvidence {
        record,
        items,
        reviews,
    })
}

/// One item of a review task given to `actor` (for its file or thumbnail, which record
/// themselves).
pub async fn item_for_task(
    ctx: &Context,
    actor: &Actor,
    task: TaskId,
    item: uuid::Uuid,
) -> ServiceResult<EvidenceItem> {
    let (_, submission) = review_task(ctx, actor, task).await?;
    ctx.store()
        .evidence_item(item)
        .await?
        .filter(|i| i.submission_id == submission.id)
        .ok_or(ServiceError::NotFound)
}

/// The registrations a reviewer's words name, normalised, each once.
pub fn registrations(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split([',', ';', '\n', '/'])
        .flat_map(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            // A registration is written as one word or two ("AB12 CDE").
            let pairs = words.windows(2).map(|w| w.join(""));
            let singles = words.iter().map(|w| (*w).to_owned());
            pairs.chain(singles).collect::<Vec<_>>()
        })
        .filter_map(|candidate| {
            let cleaned: String = candidate
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            // A plate has letters and digits both; words alone are not plates.
            let mixed = cleaned.chars().any(|c| c.is_ascii_digit())
                && cleaned.chars().any(|c| c.is_ascii_alphabetic());
            mixed.then(|| peel_link::vehicle(&cleaned)).flatten()
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Records what an item of a review task shows; registrations named link its report to
/// others that name them.
pub async fn review(
    ctx: &Context,
    actor: &Actor,
    task: TaskId,
    item: uuid::Uuid,
    input: ReviewInput,
) -> ServiceResult<EvidenceReview> {
    let item = item_for_task(ctx, actor, task, item).await?;
    let answers = [
        ("seen_at", &input.seen_at),
        ("people", &input.people),
        ("vehicles", &input.vehicles),
        ("offence", &input.offence),
        ("notes", &input.notes),
    ];
    for (field, text) in answers {
        if text.chars().count() > MAX_ANSWER {
            return Err(ServiceError::invalid(
                field,
                "Keep each answer to 2,000 characters or fewer",
            ));
        }
    }
    if answers.iter().all(|(_, text)| text.trim().is_empty()) && !input.faces_visible {
        return Err(ServiceError::invalid(
            "people",
            "Say what the file shows: the time, people, vehicles, the offence, or other notes",
        ));
    }
    let review = EvidenceReview {
        id: uuid::Uuid::now_v7(),
        item_id: item.id,
        task_id: Some(task),
        reviewer: actor.reference(),
        reviewer_label: actor.label.clone(),
        at: ctx.now(),
        seen_at: input.seen_at.trim().to_owned(),
        people: input.people.trim().to_owned(),
        registrations: registrations(&input.vehicles),
        vehicles: input.vehicles.trim().to_owned(),
        faces_visible: input.faces_visible,
        offence: input.offence.trim().to_owned(),
        notes: input.notes.trim().to_owned(),
    };
    let linking = (!review.registrations.is_empty()).then(|| {
        let found = review
            .registrations
            .iter()
            .map(|plate| peel_store::FoundIndicator {
                kind: peel_link::Kind::Vehicle,
                value: plate.clone(),
                found_in: format!("the review of {}", item.original_name),
            })
            .collect();
        super::evidence_linking(
            ctx,
            actor,
            item.submission_id,
            Source::Anonymous(item.submission_id),
            review.at,
            found,
            "linked by a registration an evidence review read",
        )
    });
    let event = ctx.event(
        actor,
        AuditCode::EvidenceReviewed,
        format!("evidence:{}", item.id),
        format!(
            "reviewed under task {task}: sha256 {}{}",
            item.sha256,
            if review.registrations.is_empty() {
                String::new()
            } else {
                format!("; registrations {}", review.registrations.join(", "))
            }
        ),
    );
    ctx.store()
        .add_evidence_review(&review, event, linking)
        .await?;
    Ok(review)
}

/// A team's evidence awaiting review, newest first: the items on its reports no one has
/// reviewed yet, each with its report's reference. Read as the team's queue is, and recorded
/// as one consultation naming the items.
pub async fn awaiting(
    ctx: &Context,
    actor: &Actor,
    team: &peel_core::TeamId,
) -> ServiceResult<Vec<(EvidenceItem, peel_core::reference::Reference)>> {
    let subject = format!("team:{team}");
    ctx.authorize_about(
        actor,
        peel_core::policy::Action::ViewQueue,
        &peel_core::policy::Resource::Team(team.clone()),
        &subject,
    )
    .await?;
    let items = ctx.store().evidence_awaiting_review(team, 200).await?;
    let mut detail = format!("{} evidence item(s) awaiting review:", items.len());
    for (item, reference) in &items {
        detail.push_str(&format!(" evidence:{} ({reference})", item.id));
    }
    ctx.record(ctx.event(actor, AuditCode::QueueViewed, subject, detail))
        .await?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::registrations;

    #[test]
    fn registrations_are_read_from_a_reviewers_words() {
        assert_eq!(
            registrations("white Transit van, reg AB12 CDE; a red Fiesta LB07SEO"),
            vec!["AB12CDE".to_owned(), "LB07SEO".to_owned()]
        );
        assert!(registrations("a dark saloon, plate not readable").is_empty());
        assert!(registrations("").is_empty());
    }
}
