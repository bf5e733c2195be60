//! Linking on arrival: every new submission's indicators (in what happened, and the reporter's
//! own contact details) go through the correlation rule in the store, so it lights up every
//! earlier item that shares one. Warning-listed values are set aside first; a value seen from
//! more than the cap of distinct sources is common and links nothing.

use peel_core::policy::{Action, Resource};
use peel_core::submission::NewReport;
use peel_core::{Marking, SubmissionId};
use peel_link::{Kind, WarningLists};
use peel_store::{FoundIndicator, ItemIndicators, LinkRecord, Linking};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::state::AppState;

/// Peel's own warning lists, built in: UK helplines and public-service and example websites.
pub fn bundled_warnings() -> WarningLists {
    let mut lists = WarningLists::new();
    for json in [
        include_str!("../assets/warninglists/uk-public-services.json"),
        include_str!("../assets/warninglists/uk-public-sites.json"),
    ] {
        if let Err(problem) = lists.add_misp(json) {
            tracing::error!(%problem, "a bundled warning list does not load");
        }
    }
    lists
}

/// The item name of a submission in the correlation index.
pub fn item_of(id: SubmissionId) -> String {
    format!("submission:{}", id.0)
}

/// A submission's id from an item name, when the item is a submission.
pub fn submission_of(item: &str) -> Option<SubmissionId> {
    item.strip_prefix("submission:")
        .and_then(SubmissionId::parse)
}

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
pub fn source_of(report: &NewReport, id: SubmissionId) -> String {
    let contact = report.contact.as_ref();
    contact
        .and_then(|c| c.email.as_deref().and_then(peel_link::email))
        .or_else(|| contact.and_then(|c| c.phone.as_deref().and_then(peel_link::phone)))
        .map_or_else(|| item_of(id), |who| format!("reporter:{who}"))
}

/// What to correlate for a new submission, committed with it in one transaction; `None` when
/// it holds no indicator. Warning-listed values are set aside here (and logged).
pub fn linking_for(
    state: &AppState,
    caller: &Caller,
    id: SubmissionId,
    report: &NewReport,
    at: OffsetDateTime,
) -> Option<Linking> {
    let (indicators, warned) = indicators_of(report, &state.config().card_key, state.warnings());
    for (kind, _, list) in &warned {
        tracing::info!(submission = %id.0, kind = kind.slug(), list, "warning-listed value links nothing");
    }
    if indicators.is_empty() {
        return None;
    }
    let item = item_of(id);
    let audit = state.audit_event(
        caller,
        peel_core::audit::AuditCode::SubmissionLinked,
        &item,
        "linked on arrival by shared indicators",
    );
    Some(Linking {
        indicators: ItemIndicators {
            item,
            source: source_of(report, id),
            marking: Marking::Amber,
            at,
            indicators,
        },
        cap: state.config().link_cap,
        audit,
    })
}

/// A link as an officer sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkView {
    /// The other item, as `submission:…` or `notification:…`.
    pub item: String,
    /// The other submission's id, when the other item is a submission.
    pub submission_id: Option<String>,
    /// The other item's reference (a submission's reference, or the organisation and its own id
    /// for a notification).
    pub reference: String,
    /// The kind of value shared (`bank account`).
    pub kind: String,
    /// The shared value, in its canonical form.
    pub value: String,
    /// The marking of the link (the stricter of the two items').
    pub marking: String,
    /// Why, in words.
    pub reason: String,
    /// Whether the value has since become common (seen from more sources than the cap).
    pub now_common: bool,
}

/// The links of a submission that the caller may see: links to submissions they may view.
pub async fn links_for(
    state: &AppState,
    caller: &Caller,
    id: SubmissionId,
) -> Result<Vec<LinkView>, peel_store::StoreError> {
    let item = item_of(id);
    let mut out = Vec::new();
    if state
        .authorize(caller, Action::ViewSubmission, &Resource::System)
        .await
        .is_err()
    {
        return Ok(out);
    }
    for link in state.store().links_of(&item).await? {
        let other = link.other(&item).to_owned();
        let now_common = state.store().is_common(link.kind, &link.value).await?;
        if let Some(other_id) = submission_of(&other) {
            let Some(record) = state.store().submission(other_id).await? else {
                continue;
            };
            out.push(view(
                &link,
                &item,
                &record.reference,
                Some(other_id),
                now_common,
            ));
        } else if let Some(id) = other
            .strip_prefix("notification:")
            .and_then(|id| uuid::Uuid::parse_str(id).ok())
        {
            let Some(notification) = state.store().notification(id).await? else {
                continue;
            };
            let org = state
                .store()
                .organisation(&notification.organisation_id)
                .await?;
            // TLP on every read: a link carries the stricter marking of its two ends, and a
            // TLP:RED one is shown only to the accounts the organisation named. Nothing is said
            // of what is withheld.
            if !may_see(state, caller, link.marking, org.as_ref()) {
                continue;
            }
            let name = org.map_or(notification.organisation_id.clone(), |o| o.name);
            let label = format!(
                "{name} notification {} ({})",
                notification.own_id, notification.kind
            );
            out.push(view(&link, &item, &label, None, now_common));
        }
    }
    Ok(out)
}

/// Whether the caller may read something derived from an organisation's notification under
/// `marking` (TLP 2.0 through the access policy): TLP:RED only by the accounts the organisation
/// named as its recipients, AMBER within the force.
pub fn may_see(
    state: &AppState,
    caller: &Caller,
    marking: Marking,
    organisation: Option<&peel_store::Organisation>,
) -> bool {
    let named = caller
        .user
        .as_ref()
        .filter(|u| {
            organisation.is_some_and(|o| o.red_recipients.contains(&u.username.to_string()))
        })
        .map(|u| vec![u.id])
        .unwrap_or_default();
    let resource = Resource::Item {
        marking,
        owning_organisation: state.config().organisation.clone(),
        named_recipients: named,
    };
    peel_core::policy::authorize(&caller.actor, Action::ViewItem, &resource).is_ok()
}

fn view(
    link: &LinkRecord,
    item: &str,
    other_reference: &str,
    other_id: Option<SubmissionId>,
    now_common: bool,
) -> LinkView {
    let (here, there) = if link.earlier == item {
        (&link.earlier_found_in, &link.later_found_in)
    } else {
        (&link.later_found_in, &link.earlier_found_in)
    };
    LinkView {
        item: link.other(item).to_owned(),
        submission_id: other_id.map(|id| id.0.to_string()),
        reference: other_reference.to_owned(),
        kind: link.kind.label().to_owned(),
        value: link.value.clone(),
        marking: link.marking.label().to_owned(),
        reason: format!(
            "Both name the {} {}: here in {here}; in {other_reference} in {there}.",
            link.kind.label(),
            link.value
        ),
        now_common,
    }
}

/// A report that happened near this one in place and time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NearbyView {
    /// Its id.
    pub submission_id: String,
    /// Its reference.
    pub reference: String,
    /// Its category.
    pub category: String,
    /// How far apart, in metres (rounded to ten).
    pub metres: u32,
    /// How many days apart (whole days).
    pub days: i64,
    /// Why, in words.
    pub reason: String,
}

/// Where a submission happened, when it has a place: its point, or its postcode's centroid.
pub(crate) fn position(state: &AppState, s: &peel_store::SubmissionRecord) -> Option<(f64, f64)> {
    if let (Some(latitude), Some(longitude)) = (s.latitude, s.longitude) {
        return Some((latitude, longitude));
    }
    let postcode = peel_core::postcode::Postcode::parse(s.postcode.as_deref()?).ok()?;
    state.gazetteer()?.postcode_centroid(&postcode)
}

/// Reports that happened within the configured distance and days of this one, nearest first.
pub async fn nearby_for(
    state: &AppState,
    s: &peel_store::SubmissionRecord,
) -> Result<Vec<NearbyView>, peel_store::StoreError> {
    let Some(here) = position(state, s) else {
        return Ok(Vec::new());
    };
    let config = state.config();
    let window = peel_link::colocation::Window {
        metres: config.colocation_metres,
        seconds: config.colocation_days * 86_400,
    };
    let span = time::Duration::days(config.colocation_days);
    let this = peel_link::colocation::Occurrence {
        latitude: here.0,
        longitude: here.1,
        at: s.occurred_at.unix_timestamp(),
    };
    let mut out = Vec::new();
    for other in state
        .store()
        .occurred_between(s.occurred_at - span, s.occurred_at + span, 2_000)
        .await?
    {
        if other.id == s.id {
            continue;
        }
        let Some(there) = position(state, &other) else {
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
                submission_id: other.id.0.to_string(),
                reason: format!(
                    "{} ({}) happened about {metres} m away, {when}.",
                    other.reference,
                    peel_core::submission::Category::parse(&other.category)
                        .map_or("unknown category", peel_core::submission::Category::label)
                ),
                reference: other.reference,
                category: other.category,
                metres,
                days,
            });
        }
    }
    out.sort_by_key(|n| (n.metres, n.days));
    Ok(out)
}
