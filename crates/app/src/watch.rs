//! Vetting that keeps watching: when a vetted person's own phone number, email address or home
//! address (as kept for conflicts of interest) appears in a new report, concern or notification,
//! the vetting unit gets a review item with the reason. Never a suspension by itself, never
//! shown to the person or their team; every item raised, read and closed is audited. This
//! applies to officers and staff on the panels as much as to volunteers.

use peel_core::audit::AuditCode;
use peel_core::people::matching::normalise;
use peel_core::policy::{Action, Actor, Resource};
use peel_store::{FoundIndicator, Store, VettingReview};
use time::OffsetDateTime;

use crate::{Context, ServiceError, ServiceResult};

/// Where the values came from, in words and as an item reference.
pub struct Source<'a> {
    /// `submission:<id>`, `notification:<id>`.
    pub item: String,
    /// `report 7KQM-3X9P-D`, `a notification from northbank`.
    pub what: &'a str,
}

/// One item to look through: where it came from, what it holds, and an address line if any.
pub struct Watched<'a> {
    /// Where it came from.
    pub source: Source<'a>,
    /// Its indicators (phones and emails are what is looked for).
    pub found: &'a [FoundIndicator],
    /// The address line of a report, if it gave one.
    pub address: Option<&'a str>,
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
    let item = source.item.clone();
    let watched = [Watched {
        source,
        found,
        address,
    }];
    if let Err(error) = raise(ctx.store(), &watched, at).await {
        tracing::error!(%error, source = item, "could not check vetted people's identifiers");
    }
}

/// [`watch`] for a batch (an organisation's notifications): one look-up for the whole batch.
pub async fn watch_batch(store: &dyn Store, watched: &[Watched<'_>], at: OffsetDateTime) {
    if let Err(error) = raise(store, watched, at).await {
        tracing::error!(%error, "could not check vetted people's identifiers in a batch");
    }
}

/// (normalised value, what it is, where it was found) for each value looked for in an item.
fn wanted_in(item: &Watched<'_>) -> Vec<(String, String, String)> {
    let mut wanted: Vec<(String, String, String)> = item
        .found
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
    if let Some(line) = item.address {
        wanted.push((
            normalise(line),
            format!("address {line}"),
            "the place it happened".to_owned(),
        ));
    }
    wanted.retain(|(value, _, _)| !value.is_empty());
    wanted
}

async fn raise(
    store: &dyn Store,
    watched: &[Watched<'_>],
    at: OffsetDateTime,
) -> Result<(), peel_store::StoreError> {
    let wanted: Vec<Vec<(String, String, String)>> = watched.iter().map(wanted_in).collect();
    let mut values: Vec<String> = wanted.iter().flatten().map(|(v, _, _)| v.clone()).collect();
    values.sort();
    values.dedup();
    if values.is_empty() {
        return Ok(());
    }
    let held = store.people_holding(&values).await?;
    if held.is_empty() {
        return Ok(());
    }
    let watcher = Actor::operator("vetting-watch");
    let mut reviews: Vec<VettingReview> = Vec::new();
    let mut audit = Vec::new();
    for (item, wanted) in watched.iter().zip(&wanted) {
        let first = reviews.len();
        for (person, value) in &held {
            let Some((_, what, found_in)) = wanted.iter().find(|(v, _, _)| v == value) else {
                continue;
            };
            // One item per person and source, naming every detail found.
            if let Some(review) = reviews
                .get_mut(first..)
                .and_then(|mine| mine.iter_mut().find(|r| r.person == *person))
            {
                review
                    .reason
                    .push_str(&format!("; and their own {what} ({found_in})"));
                continue;
            }
            audit.push(crate::audit::event(
                &watcher,
                at,
                AuditCode::VettingReviewRaised,
                format!("person:{person}"),
                format!("review item raised from {}", item.source.item),
            ));
            reviews.push(VettingReview {
                id: uuid::Uuid::now_v7(),
                person: person.clone(),
                reason: format!("Their own {what} is in {} ({found_in})", item.source.what),
                source: item.source.item.clone(),
                raised_at: at,
                closed: None,
            });
        }
    }
    if reviews.is_empty() {
        return Ok(());
    }
    store.raise_reviews(&reviews, audit).await
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
