//! Receiving a report from any channel: place it, route it, triage it, give it a reference and
//! a status token, link it to what it shares a value with, and store it with its audit entry
//! before anyone is told it arrived.

use std::collections::BTreeMap;

use peel_core::audit::AuditCode;
use peel_core::policy::Actor;
use peel_core::reference::{Reference, StatusCode};
use peel_core::routing::{
    FRAUD_TEAM, INTAKE_TEAM, ONLINE_TEAM, Placement, Routing, SAFEGUARDING_TEAM, central_team_name,
    route, ward_team_name,
};
use peel_core::submission::{Category, Channel, Location, NewReport, Stage};
use peel_core::token::Secret;
use peel_core::triage::{Assessment, History, assess, scam_reason};
use peel_core::{ItemRef, SubmissionId, TeamId, WardCode};
use peel_geo::{Gazetteer, PointLookup};
use peel_store::{Conflict, CreateOutcome, Idempotency, StoreError, Submission, Triage};
use time::OffsetDateTime;

use crate::Context;

/// Where a report's location puts it.
pub fn place(gazetteer: Option<&Gazetteer>, location: &Location) -> Placement {
    match (location, gazetteer) {
        (Location::Online, _) => Placement::Online,
        (Location::Address(_), _) => Placement::AddressOnly,
        (_, None) => Placement::NoGeography,
        (Location::Postcode(postcode), Some(gazetteer)) => match gazetteer.postcode(postcode) {
            Some(hit) => Placement::Ward {
                ward_code: hit.ward.code.clone(),
                ward_name: hit.ward.name.clone(),
                borough: hit.borough.name.clone(),
                how: format!("Postcode {postcode}"),
            },
            None if gazetteer.knows_district(postcode) => Placement::PostcodeNotInFile {
                postcode: postcode.to_string(),
            },
            None => Placement::PostcodeNotInLondon {
                postcode: postcode.to_string(),
            },
        },
        (
            Location::Point {
                latitude,
                longitude,
            },
            Some(gazetteer),
        ) => match gazetteer.point(*latitude, *longitude) {
            PointLookup::InWard(hit) => Placement::Ward {
                ward_code: hit.ward.code.clone(),
                ward_name: hit.ward.name.clone(),
                borough: hit.borough.name.clone(),
                how: format!(
                    "The map point (nearest postcode {}, {:.0} m away)",
                    hit.postcode, hit.distance_metres
                ),
            },
            PointLookup::OutsideForceArea => Placement::OutsideForceArea {
                given: "The map point".to_owned(),
            },
        },
    }
}

/// A report that has just been stored.
#[derive(Debug, Clone)]
pub struct Accepted {
    /// Its id.
    pub id: SubmissionId,
    /// The reference.
    pub reference: Reference,
    /// The private status code (`XXXX-XXXX-XXXX-XC`); shown once.
    pub status_token: Secret,
    /// Where it went and why.
    pub routing: Routing,
    /// When the reporter's next update is due, if the Victims' Code clock runs.
    pub next_update_due: Option<OffsetDateTime>,
    /// Triage on arrival.
    pub triage: Assessment,
}

/// The outcome of receiving a report.
#[derive(Debug, Clone)]
pub enum Received {
    /// Stored now.
    Accepted(Box<Accepted>),
    /// Stored before under the same idempotency key; this is the first response.
    Replayed(String),
}

/// Why a report could not be received.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// The idempotency key was used before for a different request.
    #[error("this Idempotency-Key was already used for a different request")]
    KeyReused,
    /// The place is outside London: another force must take the report.
    #[error("{message}")]
    OutsideForceArea {
        /// The field the place was given in (`postcode` or `location`).
        field: &'static str,
        /// What to do instead.
        message: String,
    },
    /// What happened suggests someone is in danger now, though the reporter said nobody is:
    /// ask them again (these are the reasons' codes) before storing it.
    #[error("what happened suggests someone may be in danger now")]
    PresentDanger(Vec<String>),
    /// Randomness or the store failed.
    #[error("could not store the report")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What someone whose report is for another force should do.
const ELSEWHERE: &str = "so the Metropolitan Police cannot take this report here. \
    Report it to the police force for that area through police.uk, or call 101. If anyone is in danger, call 999";

/// A request's idempotency key, with the digest of its body.
#[derive(Debug, Clone)]
pub struct IdempotencyRequest {
    /// Who may replay: one scope per caller.
    pub scope: String,
    /// The client's key.
    pub key: String,
    /// SHA-256 of the request body.
    pub request_digest: String,
}

/// Stands in for the status code in the response kept for replaying (finding M-4: the code
/// itself is never stored in clear; a replay derives it again).
const TOKEN_PLACEHOLDER: [u8; 8] = [0; 8];

/// The status token of a report sent with an idempotency key: derived from the request, under
/// the server's key, so that a retry of the same request gets the same token back without the
/// token ever being stored. Unguessable without the server's key and the client's own key.
fn derived_token(server_key: &[u8], request: &IdempotencyRequest) -> Secret {
    let digest = peel_core::token::keyed_digest(
        server_key,
        "peel-status-token-v1",
        &[
            request.scope.as_bytes(),
            request.key.as_bytes(),
            request.request_digest.as_bytes(),
        ],
    );
    let mut bits = [0u8; 8];
    bits.copy_from_slice(digest.get(..8).unwrap_or(&[0; 8]));
    StatusCode::from_random(bits).secret()
}

fn random<const N: usize>() -> Result<[u8; N], IntakeError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| IntakeError::Internal(e.to_string().into()))?;
    Ok(bytes)
}

fn internal(error: StoreError) -> IntakeError {
    IntakeError::Internal(Box::new(error))
}

/// Places, routes, triages and stores a report from `actor` (the public, or whoever sent it
/// on their behalf). `respond` makes the response a retry with the same idempotency key will
/// get.
pub async fn receive(
    ctx: &Context,
    actor: &Actor,
    report: NewReport,
    channel: Channel,
    idempotency: Option<IdempotencyRequest>,
    respond: impl Fn(&Accepted) -> String,
) -> Result<Received, IntakeError> {
    let now = ctx.now();
    let placement = place(ctx.gazetteer(), &report.location);
    match &placement {
        Placement::PostcodeNotInLondon { postcode } => {
            return Err(IntakeError::OutsideForceArea {
                field: "postcode",
                message: format!("Postcode {postcode} is not in London, {ELSEWHERE}"),
            });
        }
        Placement::OutsideForceArea { .. } => {
            return Err(IntakeError::OutsideForceArea {
                field: "location",
                message: format!("That place is outside London, {ELSEWHERE}"),
            });
        }
        _ => {}
    }
    let mut routing = route(&placement);
    let ward = routing
        .ward_code
        .as_deref()
        .map(WardCode::parse)
        .transpose()
        .map_err(|e| IntakeError::Internal(Box::new(e)))?;
    // Repeat victims: exact matches on contact details or address line in the last 12 months.
    let contact = report.contact.as_ref();
    let address = match &report.location {
        Location::Address(line) => Some(line.as_str()),
        _ => None,
    };
    let earlier_reports = ctx
        .store()
        .earlier_reports(
            contact.and_then(|c| c.email.as_deref()),
            contact.and_then(|c| c.phone.as_deref()),
            address,
            now - time::Duration::days(365),
        )
        .await
        .map_err(internal)?;
    let mut triage = assess(
        &report,
        History { earlier_reports },
        now,
        ctx.harm(),
        &ctx.settings().contact_times,
        ctx.calendar(),
    );
    // Text that may be a pasted or forwarded message goes past the scam classifier.
    let message_like = matches!(
        report.category,
        Category::Fraud | Category::OnlineAbuse | Category::NotSure
    );
    if let Some(model) = ctx.scam_model().filter(|_| message_like)
        && let Some(reason) = scam_reason(&model.predict(&report.description, 8))
    {
        triage.reasons.push(reason);
    }
    // Words of present danger from someone who said, asked twice, that nobody is in danger:
    // the contact handlers' queue (staffed at every hour) takes it at once, not only the
    // ward's (finding P0-7).
    let present_danger: Vec<String> = triage
        .present_danger()
        .iter()
        .map(|r| r.code.clone())
        .collect();
    // The web form asks whether anyone is in danger: words that say otherwise are put back
    // to the reporter, with 999, before anything is stored (finding P0-7).
    if channel == Channel::Web && !report.danger_denied && !present_danger.is_empty() {
        return Err(IntakeError::PresentDanger(present_danger));
    }
    if report.danger_denied && !present_danger.is_empty() {
        routing.team_id = INTAKE_TEAM.to_owned();
        routing.team_name = central_team_name(INTAKE_TEAM).to_owned();
        routing.reason = format!(
            "What happened suggests someone may be in danger now, though the reporter said nobody is, so it went straight to the contact handlers ({})",
            routing.reason
        );
    }
    // A concern with the person still at the intermediary's: the contact handlers call back.
    if let Some(concern) = report.concern.as_ref().filter(|c| c.person_present) {
        routing.team_id = INTAKE_TEAM.to_owned();
        routing.team_name = central_team_name(INTAKE_TEAM).to_owned();
        routing.reason = format!(
            "The person is with {} now, so the contact handlers call back ({})",
            concern.organisation_name, routing.reason
        );
    }
    let team = TeamId::parse(&routing.team_id).map_err(|e| IntakeError::Internal(Box::new(e)))?;
    let next_update_due = report.has_victim().then(|| {
        let days = if report.enhanced_rights.is_some() {
            1
        } else {
            5
        };
        ctx.calendar().add_working_days(now, days)
    });
    let derived = idempotency
        .as_ref()
        .map(|request| derived_token(&ctx.settings().card_key, request));
    let placeholder = StatusCode::from_random(TOKEN_PLACEHOLDER).secret();
    let replayed = |response: String| -> Received {
        match &derived {
            Some(token) => {
                Received::Replayed(response.replace(placeholder.expose(), token.expose()))
            }
            None => Received::Replayed(response),
        }
    };
    // A clash of random references is vanishingly rare; try again rather than fail.
    for _ in 0..5 {
        let accepted = Accepted {
            id: SubmissionId(uuid::Uuid::now_v7()),
            reference: Reference::from_random(random()?),
            status_token: match &derived {
                Some(token) => token.clone(),
                None => StatusCode::from_random(random()?).secret(),
            },
            routing: routing.clone(),
            next_update_due,
            triage: triage.clone(),
        };
        let mut submission = submission(&report, &accepted, channel, &team, ward.clone(), now);
        // Whoever took it on someone's behalf is its taker, never its reporter.
        if channel == Channel::Intermediary || Channel::ASSISTED.contains(&channel) {
            submission.taken_by = Some(actor.label.clone());
        }
        let event = ctx.event(
            actor,
            AuditCode::SubmissionReceived,
            ItemRef::Submission(submission.id),
            format!(
                "report {} ({}) via {channel}, routed to {}",
                accepted.reference,
                report.category.slug(),
                accepted.routing.team_id
            ),
        );
        let key = idempotency.as_ref().map(|request| Idempotency {
            scope: request.scope.clone(),
            key: request.key.clone(),
            request_digest: request.request_digest.clone(),
            response: respond(&Accepted {
                status_token: placeholder.clone(),
                ..accepted.clone()
            }),
        });
        let linking = crate::link::linking_for(ctx, actor, submission.id, &report, now);
        // Kept for the vetting watch, which runs once the report is stored.
        let watched: Vec<peel_store::FoundIndicator> = linking
            .as_ref()
            .map(|l| l.indicators.indicators.clone())
            .unwrap_or_default();
        let acknowledgement =
            crate::outbox::acknowledgement(ctx, &submission, &accepted.routing.team_name);
        match ctx
            .store()
            .create_submission(
                &submission,
                key.as_ref(),
                event,
                linking,
                acknowledgement.as_slice(),
            )
            .await
        {
            Ok((CreateOutcome::Created, correlated)) => {
                if acknowledgement.is_some() {
                    ctx.nudge_outbox();
                }
                let what = format!("report {}", accepted.reference);
                crate::watch::watch(
                    ctx,
                    crate::watch::Source {
                        item: ItemRef::Submission(submission.id).to_string(),
                        what: &what,
                    },
                    &watched,
                    address,
                    now,
                )
                .await;
                if !correlated.links.is_empty() {
                    tracing::info!(submission = %submission.id, links = correlated.links.len(), "linked on arrival");
                }
                return Ok(Received::Accepted(Box::new(accepted)));
            }
            Ok((CreateOutcome::Replayed(response), _)) => {
                return Ok(replayed(response));
            }
            Err(StoreError::Conflict(Conflict::IdempotencyKey)) => {
                return Err(IntakeError::KeyReused);
            }
            Err(StoreError::Conflict(Conflict::Unique { constraint }))
                if constraint.contains("idempotency") =>
            {
                // Two requests with one key raced; the other won. Answer as it did.
                if let Some(request) = &idempotency
                    && let Ok(Some((digest, response))) = ctx
                        .store()
                        .idempotent_response(&request.scope, &request.key)
                        .await
                {
                    if digest == request.request_digest {
                        return Ok(replayed(response));
                    }
                    return Err(IntakeError::KeyReused);
                }
                return Err(IntakeError::Internal(constraint.into()));
            }
            Err(StoreError::Conflict(Conflict::Reference)) => continue,
            Err(other) => return Err(internal(other)),
        }
    }
    Err(IntakeError::Internal(
        "could not find a free reference".into(),
    ))
}

/// The stored form of an accepted report.
pub fn submission(
    report: &NewReport,
    accepted: &Accepted,
    channel: Channel,
    team: &TeamId,
    ward: Option<WardCode>,
    now: OffsetDateTime,
) -> Submission {
    Submission {
        id: accepted.id,
        reference: accepted.reference.clone(),
        status_token_digest: accepted.status_token.digest(),
        channel,
        received_at: now,
        category: report.category,
        description: report.description.clone(),
        occurred_at: peel_core::clock::truncate_to_micros(report.occurred_at),
        location: report.location.clone(),
        reporter_role: report.reporter_role,
        contact: report.contact.clone(),
        safe_contact: report.safe_contact.clone(),
        language: report.language.clone(),
        ward,
        team: team.clone(),
        routing_reason: accepted.routing.reason.clone(),
        stage: Stage::New,
        enhanced_rights: report.enhanced_rights.is_some(),
        next_update_due: accepted.next_update_due,
        first_contact_due: Some(accepted.triage.first_contact_due),
        first_contact: None,
        updated_at: now,
        triage: Some(Triage {
            grade: accepted.triage.grade,
            harm_days: accepted.triage.harm_days,
            reasons: accepted.triage.reasons.clone(),
        }),
        grade_override: None,
        has_dash: false,
        review_due: None,
        restricted: None,
        community: report.community.clone(),
        taken_by: None,
        concern: report.concern.clone(),
    }
}

/// Every team that can hold work: the teams imported with the geography, each ward's team from
/// the gazetteer, and the central teams.
#[derive(Debug, Clone)]
pub struct Teams {
    /// Central teams first, then ward teams by name.
    choices: Vec<(TeamId, String)>,
}

impl Teams {
    /// Reads the teams.
    pub async fn load(ctx: &Context) -> Result<Teams, StoreError> {
        let mut teams: BTreeMap<TeamId, String> = ctx
            .store()
            .teams()
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        for ward in ctx.gazetteer().map(|g| g.wards()).unwrap_or_default() {
            if let Ok(code) = WardCode::parse(&ward.code) {
                teams
                    .entry(TeamId::of_ward(&code))
                    .or_insert_with(|| ward_team_name(&ward.name));
            }
        }
        let mut choices = Vec::new();
        for id in [INTAKE_TEAM, ONLINE_TEAM, SAFEGUARDING_TEAM, FRAUD_TEAM] {
            let Ok(team) = TeamId::parse(id) else {
                continue;
            };
            let name = teams
                .remove(&team)
                .unwrap_or_else(|| central_team_name(id).to_owned());
            choices.push((team, name));
        }
        let mut wards: Vec<(TeamId, String)> = teams.into_iter().collect();
        wards.sort_by(|a, b| a.1.cmp(&b.1));
        choices.extend(wards);
        Ok(Teams { choices })
    }

    /// Every team as (id, name), central teams first.
    pub fn choices(&self) -> &[(TeamId, String)] {
        &self.choices
    }

    /// Whether a team exists.
    pub fn contains(&self, team: &TeamId) -> bool {
        self.choices.iter().any(|(id, _)| id == team)
    }

    /// A team's name; an unknown id reads as its id.
    pub fn name(&self, team: &TeamId) -> String {
        self.choices
            .iter()
            .find(|(id, _)| id == team)
            .map_or_else(|| team.to_string(), |(_, name)| name.clone())
    }
}
