//! Receiving a report from any channel: place it, route it, give it a reference and a status
//! token, and store it with its audit entry before anyone is told it arrived.

use peel_core::SubmissionId;
use peel_core::audit::AuditCode;
use peel_core::reference::Reference;
use peel_core::routing::{Placement, Routing, route};
use peel_core::submission::{Location, NewReport};
use peel_core::token::Secret;
use peel_core::triage::{Assessment, History, assess};
use peel_geo::{Gazetteer, PointLookup};
use peel_store::{Conflict, CreateOutcome, Idempotency, StoreError, SubmissionRecord};
use time::OffsetDateTime;

use crate::auth::Caller;
use crate::state::AppState;

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
    /// The reference.
    pub reference: Reference,
    /// The private status token; shown once.
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

fn random<const N: usize>() -> Result<[u8; N], IntakeError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| IntakeError::Internal(e.to_string().into()))?;
    Ok(bytes)
}

/// Places, routes and stores a report. `respond` makes the response a retry with the same
/// idempotency key will get.
pub async fn receive(
    state: &AppState,
    caller: &Caller,
    report: NewReport,
    channel: &str,
    idempotency: Option<IdempotencyRequest>,
    respond: impl Fn(&Accepted) -> String,
) -> Result<Received, IntakeError> {
    let now = state.now();
    let placement = place(state.gazetteer(), &report.location);
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
    let routing = route(&placement);
    // Repeat victims: exact matches on contact details or address line in the last 12 months.
    let contact = report.contact.as_ref();
    let address = match &report.location {
        Location::Address(line) => Some(line.as_str()),
        _ => None,
    };
    let earlier_reports = state
        .store()
        .earlier_reports(
            contact.and_then(|c| c.email.as_deref()),
            contact.and_then(|c| c.phone.as_deref()),
            address,
            now - time::Duration::days(365),
        )
        .await
        .map_err(|error| IntakeError::Internal(Box::new(error)))?;
    let mut triage = assess(
        &report,
        History { earlier_reports },
        now,
        state.harm(),
        &state.config().contact_times,
        state.calendar(),
    );
    // Text that may be a pasted or forwarded message goes past the scam classifier.
    let message_like = matches!(
        report.category,
        peel_core::submission::Category::Fraud
            | peel_core::submission::Category::OnlineAbuse
            | peel_core::submission::Category::NotSure
    );
    if let Some(model) = state.scam_model().filter(|_| message_like)
        && let Some(reason) = peel_core::triage::scam_reason(&model.predict(&report.description, 8))
    {
        triage.reasons.push(reason);
    }
    let next_update_due = report.has_victim().then(|| {
        let days = if report.enhanced_rights.is_some() {
            1
        } else {
            5
        };
        state.calendar().add_working_days(now, days)
    });
    // A clash of random references is vanishingly rare; try again rather than fail.
    for _ in 0..5 {
        let accepted = Accepted {
            reference: Reference::from_random(random()?),
            status_token: Secret::from_random(random()?),
            routing: routing.clone(),
            next_update_due,
            triage: triage.clone(),
        };
        let record = record(&report, &accepted, channel, now);
        let event = state.audit_event(
            caller,
            AuditCode::SubmissionReceived,
            &format!("submission:{}", record.id),
            &format!(
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
            response: respond(&accepted),
        });
        let linking = crate::linking::linking_for(state, caller, record.id, &report, now);
        match state
            .store()
            .create_linked_submission(&record, key.as_ref(), event, linking)
            .await
        {
            Ok((CreateOutcome::Created, correlated)) => {
                if !correlated.links.is_empty() {
                    tracing::info!(submission = %record.id.0, links = correlated.links.len(), "linked on arrival");
                }
                return Ok(Received::Accepted(Box::new(accepted)));
            }
            Ok((CreateOutcome::Replayed(response), _)) => {
                return Ok(Received::Replayed(response));
            }
            Err(StoreError::Conflict(Conflict::IdempotencyKey)) => {
                return Err(IntakeError::KeyReused);
            }
            Err(StoreError::Conflict(Conflict::Unique { constraint }))
                if constraint.contains("idempotency") =>
            {
                // Two requests with one key raced; the other won. Answer as it did.
                if let Some(request) = &idempotency
                    && let Ok(Some((digest, response))) = state
                        .store()
                        .idempotent_response(&request.scope, &request.key)
                        .await
                {
                    if digest == request.request_digest {
                        return Ok(Received::Replayed(response));
                    }
                    return Err(IntakeError::KeyReused);
                }
                return Err(IntakeError::Internal(constraint.into()));
            }
            Err(StoreError::Conflict(Conflict::Unique { constraint }))
                if constraint.contains("reference") =>
            {
                continue;
            }
            Err(other) => return Err(IntakeError::Internal(Box::new(other))),
        }
    }
    Err(IntakeError::Internal(
        "could not find a free reference".into(),
    ))
}

/// The stored form of an accepted report.
pub fn record(
    report: &NewReport,
    accepted: &Accepted,
    channel: &str,
    now: OffsetDateTime,
) -> SubmissionRecord {
    let (location_kind, postcode, point, address) = match &report.location {
        Location::Postcode(postcode) => ("postcode", Some(postcode.to_string()), None, None),
        Location::Point {
            latitude,
            longitude,
        } => ("point", None, Some((*latitude, *longitude)), None),
        Location::Address(address) => ("address", None, None, Some(address.clone())),
        Location::Online => ("online", None, None, None),
    };
    let contact = report.contact.as_ref();
    let safe = &report.safe_contact;
    let safe_contact = serde_json::json!({
        "channels": safe.channels.iter().map(|c| c.slug()).collect::<Vec<_>>(),
        "safe_times": safe.safe_times,
        "no_voicemail": safe.no_voicemail,
        "shared_device": safe.shared_device,
    });
    SubmissionRecord {
        id: SubmissionId(uuid::Uuid::now_v7()),
        reference: accepted.reference.to_string(),
        status_token_digest: accepted.status_token.digest(),
        channel: channel.to_owned(),
        received_at: now,
        category: report.category.slug().to_owned(),
        description: report.description.clone(),
        occurred_at: peel_core::clock::truncate_to_micros(report.occurred_at),
        location_kind: location_kind.to_owned(),
        postcode,
        latitude: point.map(|p| p.0),
        longitude: point.map(|p| p.1),
        address_line: address,
        reporter_role: report.reporter_role.slug().to_owned(),
        anonymous: contact.is_none(),
        contact_name: contact.and_then(|c| c.name.clone()),
        contact_email: contact.and_then(|c| c.email.clone()),
        contact_phone: contact.and_then(|c| c.phone.clone()),
        safe_contact: safe_contact.to_string(),
        language: report.language.clone(),
        ward_code: accepted.routing.ward_code.clone(),
        team_id: accepted.routing.team_id.clone(),
        routing_reason: accepted.routing.reason.clone(),
        stage: "new".to_owned(),
        enhanced_rights: report.enhanced_rights.is_some(),
        next_update_due: accepted.next_update_due,
        first_contact_at: None,
        first_contact_channel: None,
        first_contact_by: None,
        updated_at: now,
        grade: Some(accepted.triage.grade.letter().to_owned()),
        first_contact_due: Some(accepted.triage.first_contact_due),
        harm_days: Some(accepted.triage.harm_days),
        triage_reasons: Some(reasons_json(&accepted.triage)),
        grade_override: None,
        override_reason: None,
        override_by: None,
        override_at: None,
    }
}

/// Stored triage reasons back as (code, text) pairs; anything unreadable reads as none.
pub fn parse_reasons(json: Option<&str>) -> Vec<(String, String)> {
    serde_json::from_str::<Vec<serde_json::Value>>(json.unwrap_or("[]"))
        .unwrap_or_default()
        .iter()
        .map(|reason| {
            let text = |key: &str| reason.get(key).and_then(|v| v.as_str()).unwrap_or_default();
            (text("code").to_owned(), text("text").to_owned())
        })
        .collect()
}

/// Triage reasons as stored: `[{"code", "element", "text"}]`.
pub fn reasons_json(assessment: &Assessment) -> String {
    let reasons: Vec<serde_json::Value> = assessment
        .reasons
        .iter()
        .map(|r| serde_json::json!({"code": r.code, "element": format!("{:?}", r.element).to_lowercase(), "text": r.text}))
        .collect();
    serde_json::Value::Array(reasons).to_string()
}

/// The stages as the reporter sees them.
pub fn stage_label(stage: &str) -> &'static str {
    match stage {
        "new" => "Received: waiting for someone to contact you",
        "contacted" => "We have been in touch",
        "in_progress" => "Being looked into",
        "closed" => "Closed",
        _ => "Received",
    }
}

/// Every team that can hold work, read once per request: the teams imported with the
/// geography, each ward's team from the gazetteer, and the central teams.
#[derive(Debug, Clone)]
pub struct Teams {
    /// Central teams first, then ward teams by name.
    choices: Vec<(String, String)>,
}

impl Teams {
    /// Reads the teams.
    pub async fn load(state: &AppState) -> Result<Teams, StoreError> {
        use peel_core::routing::{
            FRAUD_TEAM, INTAKE_TEAM, ONLINE_TEAM, SAFEGUARDING_TEAM, central_team_name,
            ward_team_id, ward_team_name,
        };
        let mut teams: std::collections::BTreeMap<String, String> = state
            .store()
            .teams()
            .await?
            .into_iter()
            .map(|t| (t.id.to_string(), t.name))
            .collect();
        for ward in state.gazetteer().map(|g| g.wards()).unwrap_or_default() {
            teams
                .entry(ward_team_id(&ward.code))
                .or_insert_with(|| ward_team_name(&ward.name));
        }
        let mut choices = Vec::new();
        for id in [INTAKE_TEAM, ONLINE_TEAM, SAFEGUARDING_TEAM, FRAUD_TEAM] {
            let name = teams
                .remove(id)
                .unwrap_or_else(|| central_team_name(id).to_owned());
            choices.push((id.to_owned(), name));
        }
        let mut wards: Vec<(String, String)> = teams.into_iter().collect();
        wards.sort_by(|a, b| a.1.cmp(&b.1));
        choices.extend(wards);
        Ok(Teams { choices })
    }

    /// Every team as (id, name), central teams first.
    pub fn choices(&self) -> &[(String, String)] {
        &self.choices
    }

    /// Whether a team exists.
    pub fn contains(&self, team_id: &str) -> bool {
        self.choices.iter().any(|(id, _)| id == team_id)
    }

    /// A team's name; an unknown id reads as a central team.
    pub fn name(&self, team_id: &str) -> String {
        self.choices
            .iter()
            .find(|(id, _)| id == team_id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| peel_core::routing::central_team_name(team_id).to_owned())
    }
}
