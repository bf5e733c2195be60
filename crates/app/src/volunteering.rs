//! The volunteer's journey in: an application from the public page (reference and status code,
//! as reporters have), the vetting unit's check of competence and probity together, and on
//! approval a person on a panel with a volunteer's account, their clearance granted, their
//! training needs set by what their skills fit them for.

use peel_core::audit::AuditCode;
use peel_core::people::application::{Application, ApplicationInput, ApplicationStatus};
use peel_core::people::matching::{self as m, Association, AssociationKind};
use peel_core::people::skills::{Evidence, HeldSkill, SkillLevel};
use peel_core::people::vetting::{Clearance, Level, Scope, Status};
use peel_core::policy::{Action, Actor, PersonFacts, Resource};
use peel_core::reference::{Reference, StatusCode};
use peel_core::submission::Problem;
use peel_core::token::Secret;
use peel_core::{PersonId, RoleSet, TeamId};
use peel_store::{ApplicationRecord, PersonRecord};

use crate::{Context, ServiceError, ServiceResult};

/// Why an application was not taken in.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// Answers to put right.
    #[error("the application has problems to put right")]
    Invalid(Vec<Problem>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] peel_store::StoreError),
    /// No randomness for the reference.
    #[error("could not make a reference")]
    Random,
}

fn random<const N: usize>() -> Result<[u8; N], ApplyError> {
    crate::credentials::random().map_err(|_| ApplyError::Random)
}

/// Takes an application from the public page: the reference and the status code to see where
/// it stands (the code is shown once and kept only as a digest).
pub async fn apply(
    ctx: &Context,
    input: &ApplicationInput,
) -> Result<(Reference, Secret), ApplyError> {
    Application::parse(input, ctx.today()).map_err(ApplyError::Invalid)?;
    for _ in 0..5 {
        let reference = Reference::from_random(random()?);
        let token = StatusCode::from_random(random()?).secret();
        let record = ApplicationRecord {
            id: uuid::Uuid::now_v7(),
            reference: reference.clone(),
            status_token_digest: token.digest(),
            answers: input.clone(),
            status: ApplicationStatus::Received,
            received_at: ctx.now(),
            decided: None,
            person: None,
        };
        let event = ctx.event(
            &Actor::public(),
            AuditCode::VolunteerApplied,
            format!("application:{}", record.id),
            format!("application {reference} to volunteer"),
        );
        match ctx.store().create_application(&record, event).await {
            Ok(()) => return Ok((reference, token)),
            Err(peel_store::StoreError::Conflict(peel_store::Conflict::Reference)) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(ApplyError::Random)
}

/// Where an application stands, for whoever holds its reference and status code; `None` for
/// an unknown reference or a wrong code alike.
pub async fn standing(
    ctx: &Context,
    reference: &str,
    code: &str,
) -> ServiceResult<Option<ApplicationRecord>> {
    let Some(reference) = Reference::parse(reference) else {
        return Ok(None);
    };
    let record = ctx.store().application(None, Some(&reference)).await?;
    let presented = peel_core::reference::status_digest(code);
    // Digests of equal length, compared whole: the time taken says nothing of the code.
    Ok(record.filter(|r| {
        presented.len() == r.status_token_digest.len()
            && presented
                .bytes()
                .zip(r.status_token_digest.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }))
}

/// The applications, for the vetting unit; the read is recorded.
pub async fn applications(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<ApplicationRecord>> {
    ctx.authorize(actor, Action::ViewVetting, &Resource::System)
        .await?;
    let all = ctx.store().applications().await?;
    let event = ctx.event(
        actor,
        AuditCode::VolunteerApplicationsViewed,
        "volunteer_applications",
        format!(
            "{} applications listed: {}",
            all.len(),
            all.iter()
                .map(|a| a.reference.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    ctx.record(event).await?;
    Ok(all)
}

/// What the vetting officer decided on approving.
#[derive(Debug, Clone)]
pub struct Approval {
    /// The applicant's username.
    pub username: String,
    /// The panel they join (`panel-hackney`).
    pub panel: String,
    /// The skills whose membership the officer checked with the professional body.
    pub verified: Vec<String>,
    /// The clearance granted.
    pub level: Level,
    /// What it covers.
    pub scopes: Vec<Scope>,
    /// For how many years.
    pub years: i64,
}

/// The person an approved application became, and the account's temporary password (shown
/// once, to give them by a safe channel).
#[derive(Debug)]
pub struct Approved {
    /// The person.
    pub person: PersonRecord,
    /// The temporary password, replaced at first sign-in.
    pub temporary_password: String,
}

/// Approves an application: competence checked (each verified skill recorded with who checked
/// it and when), a clearance granted, a person on a panel, and an account in the volunteer
/// role with a temporary password.
pub async fn approve(
    ctx: &Context,
    actor: &Actor,
    id: uuid::Uuid,
    approval: &Approval,
) -> ServiceResult<Approved> {
    // The applicant has no account yet, so it is never the officer's own record.
    ctx.authorize(
        actor,
        Action::ChangeClearance,
        &Resource::Person(PersonFacts { account: None }),
    )
    .await?;
    let record = ctx
        .store()
        .application(Some(id), None)
        .await?
        .filter(|a| a.status == ApplicationStatus::Received)
        .ok_or(ServiceError::NotFound)?;
    let application = Application::parse(&record.answers, record.received_at.date())
        .map_err(|_| ServiceError::Moved("the application no longer reads as valid".into()))?;
    if application.ineligible() {
        return Err(ServiceError::invalid(
            "level",
            "The recruitment check says they cannot be a special constable: decline it, with the reason",
        ));
    }
    if approval.scopes.is_empty() {
        return Err(ServiceError::invalid(
            "scope",
            "Choose the kinds of work the clearance covers",
        ));
    }
    if !(1..=10).contains(&approval.years) {
        return Err(ServiceError::invalid(
            "years",
            "Give the clearance's length in years, 1 to 10",
        ));
    }
    let panel = TeamId::parse(approval.panel.trim()).map_err(|_| {
        ServiceError::invalid("panel", "Give the panel's id, such as panel-hackney")
    })?;
    let today = ctx.today();
    let skills = application
        .skills
        .iter()
        .map(|offered| {
            let checked = approval.verified.contains(&offered.skill.slug());
            HeldSkill {
                skill: offered.skill.clone(),
                // Membership checked with the body counts above working level.
                level: if checked {
                    SkillLevel::Practitioner
                } else {
                    SkillLevel::Working
                },
                evidence: (!offered.body.is_empty()).then(|| Evidence {
                    body: offered.body.clone(),
                    number: offered.number.clone(),
                    verified: checked.then(|| (actor.label.clone(), today)),
                }),
            }
        })
        .collect();
    let mut associations: Vec<Association> = application.associations.clone();
    // Their own details, kept for conflicts and for the vetting watch.
    for own in [
        application.phone.as_deref().and_then(peel_link::phone),
        peel_link::email(&application.email),
    ]
    .into_iter()
    .flatten()
    {
        associations.push(Association {
            kind: AssociationKind::Linked,
            value: m::normalise(&own),
        });
    }
    let home = ctx
        .gazetteer()
        .and_then(|g| g.postcode_centroid(&application.postcode));
    let mut languages = vec!["en".to_owned()];
    languages.extend(application.languages.iter().cloned());
    let suffix: [u8; 2] = crate::credentials::random()?;
    let slug: String = application
        .name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(30)
        .collect();
    let person_id = PersonId::parse(&format!("vol-{slug}-{:02x}{:02x}", suffix[0], suffix[1]))
        .map_err(|e| ServiceError::Moved(e.to_string()))?;
    let username = peel_core::username::Username::parse(approval.username.trim())
        .map_err(|e| ServiceError::invalid("username", e.to_string()))?;
    let person = PersonRecord {
        person: m::Person {
            id: person_id.clone(),
            name: application.name.clone(),
            kind: application.kind,
            home,
            languages,
            skills,
            clearances: vec![Clearance {
                level: approval.level,
                scopes: approval.scopes.clone(),
                granted: today,
                expires: today + time::Duration::days(365 * approval.years),
                aftercare_due: today + time::Duration::days(365),
                status: Status::Active,
                suspended: Vec::new(),
            }],
            training: Vec::new(),
            associations,
            availability: m::Availability {
                weekly: application.weekly.clone(),
                away: Vec::new(),
            },
        },
        username: Some(username.clone()),
        team: Some(panel.clone()),
        clearance_ids: Vec::new(),
    };
    // The account first: a username taken is put right before anything is decided. Its
    // password is the temporary one given to the volunteer, marked temporary below.
    let temporary_password = crate::credentials::temporary_password()?;
    let request = crate::accounts::AccountRequest {
        username: username.to_string(),
        password: temporary_password.clone(),
        // Specials and volunteers alike see their tasks in the volunteer's portal.
        roles: RoleSet::parse_slugs("volunteer").map_err(ServiceError::Moved)?,
        organisation: ctx.settings().organisation.clone(),
        team: Some(panel),
    };
    let user = crate::accounts::create_account(ctx.store(), actor, ctx.now(), &request)
        .await
        .map_err(|error| match error {
            crate::accounts::AccountError::Taken => {
                ServiceError::invalid("username", "That username is already taken")
            }
            crate::accounts::AccountError::Username(message) => {
                ServiceError::invalid("username", message)
            }
            other => ServiceError::Moved(other.to_string()),
        })?;
    let verified = &approval.verified;
    let audit = vec![ctx.event(
        actor,
        AuditCode::VolunteerApproved,
        format!("person:{person_id}"),
        format!(
            "application {} approved: {} {} for {} years, skills checked with their bodies: {}; panel {}",
            record.reference,
            approval.level.label(),
            approval
                .scopes
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "),
            approval.years,
            if verified.is_empty() {
                "none".to_owned()
            } else {
                verified.join(", ")
            },
            approval.panel
        ),
    )];
    if !ctx
        .store()
        .decide_application(
            id,
            (&actor.label, ctx.now(), "approved"),
            Some(&person),
            audit,
        )
        .await?
    {
        return Err(ServiceError::Moved(
            "this application was decided meanwhile".into(),
        ));
    }
    // The same hash, now marked temporary: replaced at the first sign-in.
    let event = ctx.event(
        actor,
        AuditCode::PasswordReset,
        format!("user:{}", user.id),
        format!("temporary password set for {}", user.username),
    );
    ctx.store()
        .set_password(user.id, &user.password_hash, true, None, ctx.now(), event)
        .await?;
    Ok(Approved {
        person,
        temporary_password,
    })
}

/// Declines an application with the reason the applicant will see.
pub async fn decline(
    ctx: &Context,
    actor: &Actor,
    id: uuid::Uuid,
    reason: &str,
) -> ServiceResult<()> {
    ctx.authorize(
        actor,
        Action::ChangeClearance,
        &Resource::Person(PersonFacts { account: None }),
    )
    .await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ServiceError::invalid(
            "reason",
            "Say why, in 500 characters or fewer: the applicant will see it",
        ));
    }
    let audit = vec![ctx.event(
        actor,
        AuditCode::VolunteerDeclined,
        format!("application:{id}"),
        format!("not taken forward: {reason}"),
    )];
    if ctx
        .store()
        .decide_application(id, (&actor.label, ctx.now(), reason), None, audit)
        .await?
    {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
