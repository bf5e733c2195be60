//! Concerns from trusted intermediaries: a pharmacist, a hairdresser, a teacher or door staff
//! pass on what they saw or were told, often with the person still beside them. A concern is a
//! submission like any report (reference, triage, linking, routing, a case); the intermediary
//! is told only that it was received and whether it has been acted on, never what follows.
//!
//! Only an intermediary whose training for the codeword schemes is in date may send one: the
//! training is read from their person record, as every completion is.

use peel_core::OrganisationId;
use peel_core::Role;
use peel_core::audit::AuditCode;
use peel_core::concern::{ConcernFacts, OrganisationKind, Sector, TRAINING_MODULE};
use peel_core::people::training::needs;
use peel_core::policy::{Action, Actor, Denied, Resource};
use peel_core::reference::Reference;
use peel_core::submission::{Channel, NewReport, Problem, ReportInput, Stage};
use time::OffsetDateTime;

use crate::Context;
use crate::intake::{self, Accepted, IntakeError, Received};

/// A concern as an intermediary gives it, on the form or over the API.
#[derive(Debug, Clone, Default)]
pub struct ConcernInput {
    /// What was seen or said.
    pub what_happened: String,
    /// Who it is about, in the intermediary's words.
    pub about: Option<String>,
    /// Where, as a report's place: a postcode, an address, a map point or online.
    pub postcode: Option<String>,
    /// An address line.
    pub address: Option<String>,
    /// Latitude and longitude.
    pub point: Option<(f64, f64)>,
    /// It happened online.
    pub online: bool,
    /// The person is with the intermediary now; `None` when the form's question was not
    /// answered.
    pub person_present: Option<bool>,
    /// The codeword they used, by id (`ani`, `angela`, a force's own); `None` for none.
    pub codeword: Option<String>,
    /// 999 was called; `None` when not answered.
    pub called_999: Option<bool>,
    /// The person agreed to this being passed on; `None` when not answered.
    pub consent: Option<bool>,
    /// The person's name, if they gave it.
    pub contact_name: Option<String>,
    /// Their email address, if it is safe to use.
    pub contact_email: Option<String>,
    /// Their phone number, if it is safe to use.
    pub contact_phone: Option<String>,
    /// The channels it is safe to use.
    pub safe_channels: Vec<String>,
    /// When it is safe.
    pub safe_times: Option<String>,
    /// Never leave a voicemail.
    pub no_voicemail: bool,
    /// Someone else may see their phone or messages.
    pub shared_device: bool,
    /// Their preferred language.
    pub language: Option<String>,
    /// From an intermediary organisation's system (its API key): the username of the trained
    /// staff member it is sent for. Ignored for a staff member's own session.
    pub sent_by: Option<String>,
}

/// Why a concern was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum ConcernError {
    /// Only trusted intermediaries send concerns.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The intermediary may not send one yet: their training is not in date, or their
    /// organisation is not registered as an intermediary.
    #[error("{0}")]
    Refused(String),
    /// Answers to put right.
    #[error("the concern has problems to put right")]
    Invalid(Vec<Problem>),
    /// Intake failed (outside London, the store).
    #[error(transparent)]
    Intake(#[from] IntakeError),
}

impl From<peel_store::StoreError> for ConcernError {
    fn from(error: peel_store::StoreError) -> Self {
        ConcernError::Intake(IntakeError::Internal(Box::new(error)))
    }
}

/// Who is sending: the intermediary organisation, checked.
struct Sender {
    organisation: OrganisationId,
    name: String,
    sector: Sector,
    phone: String,
    /// The staff member, by username: the concern's taker.
    staff: String,
}

/// Checks that `actor` may send a concern now: an intermediary's account, in a registered
/// intermediary organisation, with the intermediary training in date on their person record.
async fn sender(
    ctx: &Context,
    actor: &Actor,
    sent_by: Option<&str>,
) -> Result<Sender, ConcernError> {
    ctx.authorize(actor, Action::SendConcern, &Resource::System)
        .await?;
    let not_registered = || {
        ConcernError::Refused(
            "Your account does not belong to a registered intermediary organisation, so it cannot send concerns. Ask the police team that registered you".to_owned(),
        )
    };
    let organisation = actor.organisation.clone().ok_or_else(not_registered)?;
    let org = ctx
        .store()
        .organisation(&organisation)
        .await?
        .filter(|o| o.kind == OrganisationKind::Intermediary)
        .ok_or_else(not_registered)?;
    let user = match (actor.user_id(), sent_by) {
        (Some(id), _) => ctx.store().user(id).await?,
        // An organisation's system names the staff member: one of its own intermediaries.
        (None, Some(name)) => match peel_core::username::Username::parse(name.trim()) {
            Ok(username) => ctx
                .store()
                .credentials(&username)
                .await?
                .map(|c| c.user)
                .filter(|u| u.organisation == organisation && u.roles.has(Role::Intermediary)),
            Err(_) => None,
        },
        (None, None) => {
            return Err(ConcernError::Invalid(vec![problem(
                "sent_by",
                "sent-by-missing",
                "Give sent_by: the username of the trained member of staff this concern is from",
            )]));
        }
    }
    .ok_or_else(|| {
        ConcernError::Invalid(vec![problem(
            "sent_by",
            "sent-by-unknown",
            "sent_by must be the username of one of your organisation's intermediary accounts",
        )])
    })?;
    let training = ctx
        .store()
        .person_of_account(&user.username)
        .await?
        .map(|p| p.person.training)
        .unwrap_or_default();
    let missing = needs(&[TRAINING_MODULE.to_owned()], &training, ctx.today());
    if let Some(need) = missing.first() {
        let refusal = format!(
            "You cannot send a concern until your intermediary training is in date ({}). If anyone is in danger now, call 999; otherwise call 101",
            need.explain()
        );
        let event = ctx.event(
            actor,
            AuditCode::ConcernRefused,
            format!("user:{}", user.id),
            refusal.clone(),
        );
        ctx.record(event).await?;
        return Err(ConcernError::Refused(refusal));
    }
    Ok(Sender {
        organisation,
        name: org.name,
        sector: Sector::parse(&org.sector).unwrap_or(Sector::Other),
        phone: org.phone,
        staff: user.username.to_string(),
    })
}

/// Whether `actor` may send a concern now; `Err` says why not (for the form, before it is
/// filled in).
pub async fn may_send(ctx: &Context, actor: &Actor) -> Result<(), ConcernError> {
    sender(ctx, actor, None).await.map(|_| ())
}

fn problem(field: &'static str, code: &'static str, message: &str) -> Problem {
    Problem::new(field, code, message)
}

/// Every problem code a concern's own checks give (the report's are in
/// [`peel_core::submission::PROBLEM_CODES`]), for the translations' completeness test.
pub const PROBLEM_CODES: &[&str] = &[
    "codeword-unknown",
    "person-present-missing",
    "called-999-missing",
    "consent-missing",
    "what-happened-missing",
    "sent-by-missing",
    "sent-by-unknown",
];

/// Checks the answers and builds the report the concern is stored as.
fn parse(
    ctx: &Context,
    sender: Sender,
    input: &ConcernInput,
    now: OffsetDateTime,
) -> Result<NewReport, Vec<Problem>> {
    let mut problems = Vec::new();
    let codeword = match input.codeword.as_deref().map(str::trim) {
        None | Some("" | "none") => None,
        Some(id) => match ctx.settings().codewords.find(id) {
            Some(codeword) => Some(codeword.clone()),
            None => {
                let known: Vec<&str> = ctx
                    .settings()
                    .codewords
                    .all()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                problems.push(Problem::new(
                    "codeword",
                    "codeword-unknown",
                    format!(
                        "Choose a codeword from the list ({}), or none",
                        known.join(", ")
                    ),
                ));
                None
            }
        },
    };
    let mut answered = |answer: Option<bool>, field: &'static str, message: &str| {
        if answer.is_none() {
            let code = match field {
                "person_present" => "person-present-missing",
                "called_999" => "called-999-missing",
                _ => "consent-missing",
            };
            problems.push(problem(field, code, message));
        }
        answer.unwrap_or(false)
    };
    let person_present = answered(
        input.person_present,
        "person_present",
        "Say whether the person is with you now",
    );
    let called_999 = answered(input.called_999, "called_999", "Say whether 999 was called");
    let consent = answered(
        input.consent,
        "consent",
        "Say whether the person agreed to this being passed on",
    );
    let about = input
        .about
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect::<String>();
    let given_contact = [
        &input.contact_name,
        &input.contact_email,
        &input.contact_phone,
    ]
    .iter()
    .any(|v| v.as_deref().is_some_and(|t| !t.trim().is_empty()));
    let category = codeword
        .as_ref()
        .map_or(peel_core::submission::Category::NotSure, |c| c.category);
    let report = ReportInput {
        description: input.what_happened.clone(),
        category: category.slug().to_owned(),
        occurred_at: Some(now),
        postcode: input.postcode.clone(),
        point: input.point,
        address: input.address.clone(),
        online: input.online,
        reporter_role: "third-party".to_owned(),
        anonymous: !given_contact,
        contact_name: input.contact_name.clone(),
        contact_email: input.contact_email.clone(),
        contact_phone: input.contact_phone.clone(),
        safe_channels: input.safe_channels.clone(),
        safe_times: input.safe_times.clone(),
        no_voicemail: input.no_voicemail,
        shared_device: input.shared_device,
        language: input.language.clone(),
        community: None,
        targeted_before: false,
        danger_denied: false,
    };
    let parsed = NewReport::parse(&report, now);
    let mut report = match parsed {
        Ok(report) if problems.is_empty() => report,
        Ok(_) => return Err(problems),
        Err(more) => {
            // The report's field names, as the concern form calls them.
            problems.extend(more.into_iter().map(|p| match p.code {
                "description-missing" => problem(
                    "what_happened",
                    "what-happened-missing",
                    "Say what you saw or were told",
                ),
                _ if p.field == "description" => Problem {
                    field: "what_happened",
                    ..p
                },
                _ => p,
            }));
            return Err(problems);
        }
    };
    report.concern = Some(ConcernFacts {
        organisation: sender.organisation,
        organisation_name: sender.name,
        sector: sender.sector,
        call_back: sender.phone,
        about,
        person_present,
        codeword,
        called_999,
        consent,
    });
    Ok(report)
}

/// Sends a concern from `actor`, an intermediary whose training is in date.
pub async fn send(
    ctx: &Context,
    actor: &Actor,
    input: &ConcernInput,
) -> Result<Box<Accepted>, ConcernError> {
    let sender = sender(ctx, actor, input.sent_by.as_deref()).await?;
    // The staff member is the taker, whichever way it came.
    let actor = Actor {
        label: sender.staff.clone(),
        ..actor.clone()
    };
    let report = parse(ctx, sender, input, ctx.now()).map_err(ConcernError::Invalid)?;
    match intake::receive(ctx, &actor, report, Channel::Intermediary, None, |_| {
        String::new()
    })
    .await?
    {
        Received::Accepted(accepted) => Ok(accepted),
        // No idempotency key is given, so nothing is replayed.
        Received::Replayed(_) => Err(ConcernError::Intake(IntakeError::Internal(
            "a concern was replayed without a key".into(),
        ))),
    }
}

/// How long after sending a concern its intermediary may add files to it (a photo of the
/// note passed over the counter, the shop's CCTV still); after that the team that has it asks.
pub const FILES_WINDOW: time::Duration = time::Duration::days(7);

/// Whether files may still be added to concern `s` at `now`.
fn files_open(s: &peel_store::Submission, now: OffsetDateTime) -> bool {
    now - s.received_at <= FILES_WINDOW
}

/// One of `actor`'s own concerns, to add files to: only the member of staff who sent it, while
/// their training is in date, and within [`FILES_WINDOW`] of sending. It comes back with the
/// actor to keep the files as: the member of staff, named as they were as its taker. Another's
/// concern, or a reference that names none, is `Ok(None)`: nothing says whether it exists.
pub async fn for_files(
    ctx: &Context,
    actor: &Actor,
    reference: &str,
) -> Result<Option<(peel_store::Submission, Actor)>, ConcernError> {
    let sender = sender(ctx, actor, None).await?;
    let Some(reference) = Reference::parse(reference) else {
        return Ok(None);
    };
    let Some(s) = ctx.store().submission_by_reference(&reference).await? else {
        return Ok(None);
    };
    if s.channel != Channel::Intermediary || s.taken_by.as_deref() != Some(sender.staff.as_str()) {
        return Ok(None);
    }
    if !files_open(&s, ctx.now()) {
        return Err(ConcernError::Refused(format!(
            "Files can be added to a concern for 7 days after it was sent. To pass on more about {}, send a new concern and mention that reference",
            s.reference
        )));
    }
    let actor = Actor {
        label: sender.staff,
        ..actor.clone()
    };
    Ok(Some((s, actor)))
}

/// One of the intermediary's own concerns, as they may see it: received, and whether acted on.
#[derive(Debug, Clone)]
pub struct SentConcern {
    /// The reference.
    pub reference: Reference,
    /// When it was received.
    pub received_at: OffsetDateTime,
    /// Someone has made contact or taken it on: nothing more is said.
    pub acted_on: bool,
    /// Files may still be added to it ([`FILES_WINDOW`]).
    pub files_open: bool,
}

/// The concerns `actor` sent, newest first: received and whether acted on, nothing else.
pub async fn sent(ctx: &Context, actor: &Actor) -> Result<Vec<SentConcern>, ConcernError> {
    ctx.authorize(actor, Action::SendConcern, &Resource::System)
        .await?;
    let Some(user) = actor.user_id() else {
        return Err(Denied::NotSignedIn.into());
    };
    let Some(user) = ctx.store().user(user).await? else {
        return Ok(Vec::new());
    };
    // Newest first, as the store reads them.
    let mine: Vec<SentConcern> = ctx
        .store()
        .taken_by(user.username.as_str(), Channel::Intermediary)
        .await?
        .into_iter()
        .map(|s| SentConcern {
            acted_on: s.first_contact.is_some() || s.stage != Stage::New,
            files_open: files_open(&s, ctx.now()),
            reference: s.reference,
            received_at: s.received_at,
        })
        .collect();
    Ok(mine)
}
