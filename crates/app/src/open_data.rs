//! Open data (issue 19): Peel's own reports written out as data.police.uk writes crime, so
//! that residents, journalists and researchers read them with the tools they already use.
//! What is published and what is kept back is [`peel_core::stats::open_data`]'s; this finds
//! each report's month and public point, and records the disclosure.

use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::stats::open_data::{self, Export, OpenReport, Place};
use peel_core::stats::police_uk::Month;
use peel_core::submission::Location;
use peel_geo::PublicPoints;

use crate::{Context, ServiceError, ServiceResult};

/// Peel's reports received `from` to `to` (whole months, London time) as police.uk's street
/// and outcomes rows, each shown at its area's public point in `points`.
pub async fn police_uk(
    ctx: &Context,
    actor: &Actor,
    from: Month,
    to: Month,
    points: &PublicPoints,
) -> ServiceResult<Export> {
    ctx.authorize(actor, Action::PublishOpenData, &Resource::System)
        .await?;
    if from > to {
        return Err(ServiceError::invalid("from", "from must not be after to"));
    }
    let (Some(start), Some(end)) = (from.start(), to.succ().start()) else {
        return Err(ServiceError::invalid(
            "from",
            "those months cannot be exported",
        ));
    };
    let gazetteer = ctx.gazetteer();
    let at = |latitude: f64, longitude: f64| {
        points
            .snap(latitude, longitude)
            .map_or(Place::Unknown, |p| Place::At(p.clone()))
    };
    let reports: Vec<OpenReport> = ctx
        .store()
        .open_data_reports(start, end)
        .await?
        .into_iter()
        .filter_map(|r| {
            let place = match &r.location {
                Location::Postcode(postcode) => gazetteer
                    .and_then(|g| g.postcode_centroid(postcode))
                    .map_or(Place::Unknown, |(lat, lon)| at(lat, lon)),
                Location::Point {
                    latitude,
                    longitude,
                } => at(*latitude, *longitude),
                Location::Address(_) => Place::Unknown,
                Location::Online => Place::Online,
            };
            Some(OpenReport {
                id: r.id.0,
                month: Month::of(r.received_at)?,
                category: r.category,
                place,
                outcome: r
                    .outcome
                    .and_then(|(kind, closed)| Some((kind, Month::of(closed)?))),
            })
        })
        .collect();
    let export = open_data::export(&reports, ctx.settings().organisation.as_str());
    let withheld: u64 = export.withheld.values().sum();
    let mut event = ctx.event(
        actor,
        AuditCode::OpenDataPublished,
        "open_data:police-uk",
        format!(
            "{from} to {to}: {} street rows, {} outcomes, {} without their point (fewer than {} \
             in their area, month and crime type), {withheld} withheld",
            export.street.len(),
            export.outcomes.len(),
            export.unplaced_small,
            peel_core::stats::measure::PUBLIC_THRESHOLD,
        ),
    );
    event.recipient = "the public (open data)".to_owned();
    ctx.record(event).await?;
    Ok(export)
}
