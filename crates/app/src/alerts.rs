//! The alerts: an organisation's notifications share a value with a report or concern. Each is
//! explained (which value, which two items, which organisation) and shown only to someone who
//! may read both its report (its own team, supervisors or specialist team: the fraud team for a
//! fraud report) and what raised it, under the strictest marking behind it.

use std::collections::HashMap;

use peel_core::audit::AuditCode;
use peel_core::notification::{AlertStatus, NotificationType};
use peel_core::policy::{Action, Actor, Resource};
use peel_core::{ItemRef, Marking, OrganisationId};
use peel_store::{AlertQuery, AlertRecord, Organisation, StoreError, Submission};

use crate::Context;
use crate::link::derived_item;

/// Alerts listed on one page.
pub const LIMIT: u32 = 100;

/// Where a page of alerts continues: the last alert read, as (when it changed, its id).
pub type Cursor = (time::OffsetDateTime, peel_core::AlertId);

/// One page of the alerts someone may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The alerts, most recently changed first, explained.
    pub alerts: Vec<Explained>,
    /// Where the next page starts, when there may be more.
    pub next: Option<Cursor>,
}

/// An alert in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The alert.
    pub alert: AlertRecord,
    /// The report or concern's reference (or its item when it is gone).
    pub reference: String,
    /// The organisation's name.
    pub organisation: String,
    /// The organisation's own id for its latest linked notification.
    pub own_id: String,
    /// That notification's type.
    pub kind: Option<NotificationType>,
    /// Why, in words.
    pub reason: String,
}

/// A page of the alerts `actor` may see, most recently changed first, explained, from `after`
/// (the previous page's `next`). Alerts under a marking the actor may not read are filtered out
/// by the store before the limit, so they can neither crowd out the rest nor show through
/// (finding M-3); alerts on reports the actor may not read are passed over, reading on until
/// the page is full or nothing is left.
pub async fn visible(
    ctx: &Context,
    actor: &Actor,
    status: Option<AlertStatus>,
    after: Option<Cursor>,
) -> Result<Page, StoreError> {
    let organisations: HashMap<OrganisationId, Organisation> = ctx
        .store()
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect();
    let markings: Vec<Marking> = Marking::ALL
        .into_iter()
        .filter(|m| *m != Marking::Red)
        .filter(|m| ctx.permits(actor, Action::ViewItem, &derived_item(ctx, *m, None)))
        .collect();
    let red_from: Vec<OrganisationId> = organisations
        .values()
        .filter(|o| {
            ctx.permits(
                actor,
                Action::ViewItem,
                &derived_item(ctx, Marking::Red, Some(o)),
            )
        })
        .map(|o| o.id.clone())
        .collect();
    let mut out = Vec::new();
    let mut query = AlertQuery {
        status,
        markings,
        red_from,
        before: after,
        limit: LIMIT,
    };
    loop {
        let batch = ctx.store().alerts(&query).await?;
        let exhausted = batch.len() < LIMIT as usize;
        for alert in batch {
            query.before = Some((alert.updated_at, alert.id));
            let org = organisations.get(&alert.organisation);
            if let Some(submission) = may_read(ctx, actor, &alert, org).await? {
                out.push(explain(ctx, alert, submission, org).await?);
                if out.len() == LIMIT as usize {
                    return Ok(Page {
                        alerts: out,
                        next: query.before,
                    });
                }
            }
        }
        if exhausted {
            return Ok(Page {
                alerts: out,
                next: None,
            });
        }
    }
}

/// The alert's report, when `actor` may read the alert: the report as of right, and what
/// raised it under its marking.
async fn may_read(
    ctx: &Context,
    actor: &Actor,
    alert: &AlertRecord,
    org: Option<&Organisation>,
) -> Result<Option<Option<Submission>>, StoreError> {
    if !ctx.permits(
        actor,
        Action::ViewItem,
        &derived_item(ctx, alert.marking, org),
    ) {
        return Ok(None);
    }
    let submission = match alert.item {
        ItemRef::Submission(id) => ctx.store().submission(id).await?,
        ItemRef::Notification(_) => None,
    };
    let report_readable = submission.as_ref().is_none_or(|s| {
        ctx.permits(
            actor,
            Action::ViewSubmission,
            &Resource::Submission(crate::submissions::facts(s)),
        )
    });
    Ok(report_readable.then_some(submission))
}

/// Takes or closes an alert for `actor`. An alert they may not read they cannot handle
/// either: to them it is not there.
pub async fn set_status(
    ctx: &Context,
    actor: &Actor,
    id: peel_core::AlertId,
    status: AlertStatus,
) -> crate::ServiceResult<()> {
    ctx.authorize(actor, Action::HandleAlert, &Resource::System)
        .await?;
    if status == AlertStatus::Open {
        return Err(crate::ServiceError::invalid(
            "status",
            "Choose whether to take or close the alert",
        ));
    }
    let alert = readable(ctx, actor, id)
        .await?
        .ok_or(crate::ServiceError::NotFound)?;
    let code = if status == AlertStatus::Taken {
        AuditCode::AlertTaken
    } else {
        AuditCode::AlertClosed
    };
    let event = ctx.event(
        actor,
        code,
        alert.item,
        format!(
            "alert {} from {} {}",
            alert.id,
            alert.organisation,
            status.slug()
        ),
    );
    ctx.store()
        .set_alert_status(id, status, &actor.label, ctx.now(), event)
        .await?;
    Ok(())
}

/// One alert, when `actor` may read it; `None` when there is none or they may not (the two
/// are not told apart).
pub async fn readable(
    ctx: &Context,
    actor: &Actor,
    id: peel_core::AlertId,
) -> Result<Option<AlertRecord>, StoreError> {
    let Some(alert) = ctx.store().alert(id).await? else {
        return Ok(None);
    };
    let org = ctx.store().organisation(&alert.organisation).await?;
    Ok(may_read(ctx, actor, &alert, org.as_ref())
        .await?
        .map(|_| alert))
}

/// An alert in words, for an actor already allowed to read it.
async fn explain(
    ctx: &Context,
    alert: AlertRecord,
    submission: Option<Submission>,
    org: Option<&Organisation>,
) -> Result<Explained, StoreError> {
    let store = ctx.store();
    let reference = submission.map_or_else(|| alert.item.to_string(), |s| s.reference.to_string());
    let notification = store.notifications(&[alert.notification]).await?.pop();
    let (own_id, kind) =
        notification.map_or_else(|| (String::new(), None), |n| (n.own_id, Some(n.kind)));
    // Where the report gave the value, from the link itself.
    let found_in = store
        .links_of(alert.item)
        .await?
        .into_iter()
        .find(|l| {
            l.other(alert.item) == ItemRef::Notification(alert.notification)
                && l.value == alert.value
        })
        .map(|l| l.found_in(alert.item).0.to_owned());
    let name = org.map_or_else(|| alert.organisation.to_string(), |o| o.name.clone());
    let mut reason = format!(
        "{name} notification {own_id} ({}) names the {} {}, which {reference} also gives",
        kind.map_or("", NotificationType::slug),
        alert.kind.label(),
        alert.value
    );
    if let Some(found_in) = found_in {
        reason.push_str(&format!(" (in {found_in})"));
    }
    reason.push('.');
    if alert.notifications > 1 {
        reason.push_str(&format!(
            " {} of {name}'s notifications link to {reference}.",
            alert.notifications
        ));
    }
    Ok(Explained {
        alert,
        reference,
        organisation: name,
        own_id,
        kind,
        reason,
    })
}
