//! Linking: every new submission's indicators (in what happened, and the reporter's own
//! contact details) go through the linking rule in the store, so it lights up every earlier
//! item that shares one. Warning-listed values are set aside first; a value seen from more
//! than the cap of distinct sources is common and links nothing. And the reports that happened
//! near one another in place and time.

use std::collections::{HashMap, HashSet};

use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::submission::{Category, Location, NewReport};
use peel_core::{ItemRef, Marking, NotificationId, Source, SubmissionId};
use peel_link::{Kind, WarningLists};
use peel_store::{
    FoundIndicator, ItemIndicators, LinkRecord, Linking, NotificationRecord, Organisation,
    StoreError, Submission,
};
use time::OffsetDateTime;

use crate::Context;

/// The indicators of a report, each saying where it was found; and the warning-listed values
/// set aside (kind, value, list).
pub fn indicators_of(
    report: &NewReport,
    card_key: &[u8],
    warnings: &WarningLists,
) -> (Vec<FoundIndicator>, Vec<(Kind, String, String)>) {
    let mut found: Vec<FoundIndicator> = peel_link::extract(&report.description, card_key)
        .into_iter()
        .map(|e| FoundIndicator {
            kind: e.kind,
            value: e.value,
            found_in: format!("what happened, characters {} to {}", e.start + 1, e.end),
        })
        .collect();
    if let Some(contact) = &report.contact {
        if let Some(phone) = contact.phone.as_deref().and_then(peel_link::phone) {
            found.push(FoundIndicator {
                kind: Kind::Phone,
                value: phone,
                found_in: "the reporter's phone number".into(),
            });
        }
        if let Some(email) = contact.email.as_deref().and_then(peel_link::email) {
            found.push(FoundIndicator {
                kind: Kind::Email,
                value: email,
                found_in: "the reporter's email address".into(),
            });
        }
    }
    let mut warned = Vec::new();
    found.retain(|f| match warnings.check(f.kind, &f.value) {
        Some(list) => {
            warned.push((f.kind, f.value.clone(), list.to_owned()));
            false
        }
        None => true,
    });
    (found, warned)
}

/// Who a report came from, for the over-correlation cap: the same person reporting twice is
/// one source. Anonymous reports are each their own source.
pub fn source_of(contact: Option<&peel_core::submission::Contact>, id: SubmissionId) -> Source {
    contact
        .and_then(|c| c.email.as_deref().and_then(peel_link::email))
        .or_else(|| contact.and_then(|c| c.phone.as_deref().and_then(peel_link::phone)))
        .map_or(Source::Anonymous(id), Source::Reporter)
}

/// What to correlate for a new submission, committed with it in one transaction; `None` when
/// it holds no indicator. Warning-listed values are set aside here (and logged).
pub fn linking_for(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    report: &NewReport,
    at: OffsetDateTime,
) -> Option<Linking> {
    let (indicators, warned) = indicators_of(report, &ctx.settings().card_key, ctx.warnings());
    for (kind, _, list) in &warned {
        tracing::info!(submission = %id, kind = kind.slug(), list, "warning-listed value links nothing");
    }
    if indicators.is_empty() {
        return None;
    }
    let item = ItemRef::Submission(id);
    let audit = ctx.event(
        actor,
        AuditCode::SubmissionLinked,
        item,
        "linked on arrival by shared indicators",
    );
    Some(Linking {
        indicators: ItemIndicators {
            item,
            source: source_of(report.contact.as_ref(), id),
            marking: Marking::Amber,
            at,
            indicators,
        },
        cap: ctx.settings().link_cap,
        audit,
    })
}

/// A link as an officer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    /// The other item.
    pub item: ItemRef,
    /// The other item's reference (a submission's reference, or the organisation and its own
    /// id for a notification).
    pub reference: String,
    /// The kind of value shared.
    pub kind: Kind,
    /// The shared value, in its canonical form.
    pub value: String,
    /// The marking of the link (the stricter of the two items').
    pub marking: Marking,
    /// Why, in words.
    pub reason: String,
    /// Whether the value has since become common (seen from more sources than the cap).
    pub now_common: bool,
}

/// The links of a submission that `actor` may see: to submissions, and to notifications whose
/// marking allows them. Nothing is said of what is withheld. Five queries however many links.
pub async fn links_for(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
) -> Result<Vec<LinkView>, StoreError> {
    let item = ItemRef::Submission(id);
    let store = ctx.store();
    let links = store.links_of(item).await?;
    let values: Vec<(Kind, String)> = links.iter().map(|l| (l.kind, l.value.clone())).collect();
    let common: HashSet<(Kind, String)> = store.common_among(&values).await?.into_iter().collect();
    let submissions: HashMap<SubmissionId, Submission> = store
        .submissions(
            &links
                .iter()
                .filter_map(|l| l.other(item).submission())
                .collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let notifications: HashMap<NotificationId, NotificationRecord> = store
        .notifications(
            &links
                .iter()
                .filter_map(|l| l.other(item).notification())
                .collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let organisations: HashMap<_, Organisation> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect();
    let mut out = Vec::new();
    for link in &links {
        let now_common = common.contains(&(link.kind, link.value.clone()));
        let label = match link.other(item) {
            // A restricted report is shown to nobody without a stated purpose: not even as a link.
            ItemRef::Submission(other) => match submissions.get(&other) {
                Some(s) if s.restricted.is_none() => s.reference.to_string(),
                _ => continue,
            },
            ItemRef::Notification(other) => {
                let Some(notification) = notifications.get(&other) else {
                    continue;
                };
                let org = organisations.get(&notification.organisation);
                // TLP on every read: a link carries the stricter marking of its two ends, and
                // a TLP:RED one is shown only to the accounts the organisation named.
                if !ctx.permits(
                    actor,
                    Action::ViewItem,
                    &derived_item(ctx, link.marking, org),
                ) {
                    continue;
                }
                let name =
                    org.map_or_else(|| notification.organisation.to_string(), |o| o.name.clone());
                format!(
                    "{name} notification {} ({})",
                    notification.own_id, notification.kind
                )
            }
        };
        out.push(view(link, item, label, now_common));
    }
    Ok(out)
}

/// Something derived from an organisation's notification (a link, an alert, a shared value)
/// as the access rule reads it: its marking, owned by the force, disclosed by name to the
/// accounts the organisation named as its TLP:RED recipients.
pub fn derived_item(
    ctx: &Context,
    marking: Marking,
    organisation: Option<&Organisation>,
) -> Resource {
    Resource::Item {
        marking,
        owning_organisation: ctx.settings().organisation.clone(),
        named_recipients: organisation
            .map(|o| o.red_recipients.clone())
            .unwrap_or_default(),
    }
}

fn view(link: &LinkRecord, item: ItemRef, other_reference: String, now_common: bool) -> LinkView {
    let (here, there) = link.found_in(item);
    LinkView {
        item: link.other(item),
        reason: format!(
            "Both name the {} {}: here in {here}; in {other_reference} in {there}.",
            link.kind.label(),
            link.value
        ),
        reference: other_reference,
        kind: link.kind,
        value: link.value.clone(),
        marking: link.marking,
        now_common,
    }
}

/// A report that happened near this one in place and time.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyView {
    /// Its id.
    pub submission_id: SubmissionId,
    /// Its reference.
    pub reference: String,
    /// Its category.
    pub category: Category,
    /// How far apart, in metres (rounded to ten).
    pub metres: u32,
    /// How many days apart (whole days).
    pub days: i64,
    /// Why, in words.
    pub reason: String,
}

/// Where a submission happened, when it has a place: its point, or its postcode's centroid.
pub fn position(ctx: &Context, s: &Submission) -> Option<(f64, f64)> {
    match &s.location {
        Location::Point {
            latitude,
            longitude,
        } => Some((*latitude, *longitude)),
        Location::Postcode(postcode) => ctx.gazetteer()?.postcode_centroid(postcode),
        Location::Address(_) | Location::Online => None,
    }
}

/// The most nearby reports looked at for one report.
const NEARBY_LIMIT: u32 = 500;

/// The nearest reports shown with a report; the rest are counted, never cut off unsaid.
pub const NEARBY_SHOWN: usize = 25;

/// What happened near a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Nearby {
    /// The nearest, at most [`NEARBY_SHOWN`], nearest first.
    pub shown: Vec<NearbyView>,
    /// How many happened nearby in all...
    pub total: usize,
    /// ...or at least, when more were found than were looked at.
    pub at_least: bool,
}

/// Reports that happened within the configured distance and days of this one: the nearest
/// few, and how many there are in all (finding L-9: never a silent cut-off).
pub async fn nearby_for(ctx: &Context, s: &Submission) -> Result<Nearby, StoreError> {
    // A report with no place of its own is placed by the first of its evidence files whose
    // camera recorded where it was.
    let here = match position(ctx, s) {
        Some(here) => Some(here),
        None => ctx
            .store()
            .evidence_of(s.id)
            .await?
            .into_iter()
            .find_map(|item| item.position),
    };
    let Some(here) = here else {
        return Ok(Nearby::default());
    };
    let settings = ctx.settings();
    let window = peel_link::colocation::Window {
        metres: settings.colocation_metres,
        seconds: settings.colocation_days * 86_400,
    };
    let span = time::Duration::days(settings.colocation_days);
    // A box around the place, a little larger than the distance (a degree of latitude is
    // about 111 km; of longitude, that times the cosine of the latitude).
    let lat = settings.colocation_metres * 1.1 / 111_000.0;
    let lon = lat / here.0.to_radians().cos().max(0.1);
    let this = peel_link::colocation::Occurrence {
        latitude: here.0,
        longitude: here.1,
        at: s.occurred_at.unix_timestamp(),
    };
    let mut out = Vec::new();
    let candidates = ctx
        .store()
        .occurred_near(
            s.occurred_at - span,
            s.occurred_at + span,
            (here.0 - lat, here.1 - lon),
            (here.0 + lat, here.1 + lon),
            NEARBY_LIMIT,
        )
        .await?;
    let at_least = candidates.len() >= NEARBY_LIMIT as usize;
    for other in candidates {
        if other.id == s.id || other.restricted.is_some() {
            continue;
        }
        let Some(there) = position(ctx, &other) else {
            continue;
        };
        let occurrence = peel_link::colocation::Occurrence {
            latitude: there.0,
            longitude: there.1,
            at: other.occurred_at.unix_timestamp(),
        };
        if let Some((metres, seconds)) =
            peel_link::colocation::together(&this, &occurrence, &window)
        {
            let metres = ((metres / 10.0).round() * 10.0) as u32;
            let days = seconds / 86_400;
            let when = match days {
                0 => "the same day".to_owned(),
                1 => "1 day apart".to_owned(),
                n => format!("{n} days apart"),
            };
            out.push(NearbyView {
                submission_id: other.id,
                reason: format!(
                    "{} ({}) happened about {metres} m away, {when}.",
                    other.reference,
                    other.category.label()
                ),
                reference: other.reference.to_string(),
                category: other.category,
                metres,
                days,
            });
        }
    }
    out.sort_by_key(|n| (n.metres, n.days));
    let total = out.len();
    out.truncate(NEARBY_SHOWN);
    Ok(Nearby {
        shown: out,
        total,
        at_least,
    })
}
