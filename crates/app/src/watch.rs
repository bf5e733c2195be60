//! Vetting that keeps watching: when a vetted person's own phone number, email address or home
//! address (as kept for conflicts of interest) appears in a new report, concern or notification,
//! the vetting unit gets a review item with the reason. Never a suspension by itself, never
//! shown to the person or their team; every item raised, read and closed is audited. This
//! applies to officers and staff on the panels as much as to volunteers.

use peel_core::audit::AuditCode;
use peel_core::people::matching::normalise;
use peel_core::policy::{Action, Actor, Resource};
use peel_store::{FoundIndicator, VettingReview};
use time::OffsetDateTime;

use crate::{Context, ServiceError, ServiceResult};

/// Where the values came from, in words and as an item reference.
pub struct Source<'a> {
    /// `submission:<id>`, `notification:<id>`.
    pub item: String,
    /// `report 7KQM-3X9P-D`, `a notification from northbank`.
    pub what: &'a str,
}

/// Looks for vetted people's own identifiers among `found` (and an address line, if the report
/// gave one) and raises a review item for each person found. Errors are logged: the report is
/// already stored and acknowledged, and must not be lost for this.
pub async fn watch(
    ctx: &Context,
    source: Source<'_>,
    found: &[FoundIndicator],
    address: Option<&str>,
    at: OffsetDateTime,
) {
    if let Err(error) = raise(ctx, &source, found, address, at).await {
        tracing::error!(%error, source = source.item, "could not check vetted people's identifiers");
    }
}

async fn raise(
    ctx: &Context,
    source: &Source<'_>,
    found: &[FoundIndicator],
    address: Option<&str>,
    at: OffsetDateTime,
) -> Result<(), peel_store::StoreError> {
    // (normalised value, what it is, where it was found)
    let mut wanted: Vec<(String, String, String)> = found
        .iter()
        .filter(|f| matches!(f.kind, peel_link::Kind::Phone | peel_link::Kind::Email))
        .map(|f| {
            (
                normalise(&f.value),
                format!("{} {}", f.kind.label(), f.value),
                f.found_in.clone(),
            )
        })
        .collect();
    if let Some(line) = address {
        wanted.push((
            normalise(line),
            format!("address {line}"),
            "the place it happened".to_owned(),
        ));
    }
    wanted.retain(|(value, _, _)| !value.is_empty());
    if wanted.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = wanted.iter().map(|(v, _, _)| v.clone()).collect();
    let held = ctx.store().people_holding(&values).await?;
    if held.is_empty() {
        return Ok(());
    }
    let watcher = Actor::operator("vetting-watch");
    let mut reviews: Vec<VettingReview> = Vec::new();
    let mut audit = Vec::new();
    for (person, value) in held {
        let Some((_, what, found_in)) = wanted.iter().find(|(v, _, _)| *v == value) else {
            continue;
        };
        let reason = format!("Their own {what} is in {} ({found_in})", source.what);
        // One item per person and source, naming every detail found.
        if let Some(review) = reviews.iter_mut().find(|r| r.person == person) {
            review
                .reason
                .push_str(&format!("; and their own {what} ({found_in})"));
            continue;
        }
        audit.push(ctx.event(
            &watcher,
            AuditCode::VettingReviewRaised,
            format!("person:{person}"),
            format!("review item raised from {}", source.item),
        ));
        reviews.push(VettingReview {
            id: uuid::Uuid::now_v7(),
            person,
            reason,
            source: source.item.clone(),
            raised_at: at,
            closed: None,
        });
    }
    ctx.store().raise_reviews(&reviews, audit).await
}

/// The review items, for the vetting unit only; the read is recorded as a consultation.
pub async fn reviews(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<VettingReview>> {
    ctx.authorize(actor, Action::ViewVetting, &Resource::System)
        .await?;
    let reviews = ctx.store().vetting_reviews().await?;
    let open = reviews.iter().filter(|r| r.closed.is_none()).count();
    let event = ctx.event(
        actor,
        AuditCode::VettingReviewsViewed,
        "vetting_reviews",
        format!("{} review items shown, {open} open", reviews.len()),
    );
    ctx.record(event).await?;
    Ok(reviews)
}

/// Closes a review item with the outcome (no concern; a conduct concern recorded; referred to
/// professional standards), by a vetting officer who is not its subject.
pub async fn close(
    ctx: &Context,
    actor: &Actor,
    id: uuid::Uuid,
    outcome: &str,
) -> ServiceResult<()> {
    ctx.authorize(actor, Action::ViewVetting, &Resource::System)
        .await?;
    let outcome = outcome.trim();
    if outcome.is_empty() {
        return Err(ServiceError::invalid(
            "outcome",
            "Say what was decided: no concern, a conduct concern recorded, or referred on",
        ));
    }
    let review = ctx
        .store()
        .vetting_reviews()
        .await?
        .into_iter()
        .find(|r| r.id == id && r.closed.is_none())
        .ok_or(ServiceError::NotFound)?;
    // Nobody reviews themselves.
    let subject = ctx.store().person(&review.person).await?;
    let facts = peel_core::policy::PersonFacts {
        account: match subject.as_ref().and_then(|p| p.username.clone()) {
            Some(username) => ctx.store().credentials(&username).await?.map(|c| c.user.id),
            None => None,
        },
    };
    ctx.authorize(actor, Action::ChangeClearance, &Resource::Person(facts))
        .await?;
    let event = ctx.event(
        actor,
        AuditCode::VettingReviewClosed,
        format!("person:{}", review.person),
        format!("review item {id} closed: {outcome}"),
    );
    let by = actor.label.clone();
    if ctx
        .store()
        .close_review(id, &by, outcome, ctx.now(), event)
        .await?
    {
        Ok(())
    } else {
        Err(ServiceError::Moved(
            "this review item was closed meanwhile".into(),
        ))
    }
}
