//! The rights of the people in the data (issue 18; DOMAIN.md 9.4): a data subject's request with
//! its one-month clock, and subject access: everything held about a person, found by their
//! contact details, their name and the linking engine, exported with other people's data
//! withheld and each exemption recorded with its reason. Rectification, restriction and erasure
//! are in [`retention`], beside the review queue, because erasure is one operation however it
//! is asked for.

pub mod html;
pub mod retention;

use peel_core::ItemRef;
use peel_core::audit::AuditCode;
use peel_core::london;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::retention::{Right, request_due};
use peel_link::Kind;
use peel_store::{LinkRecord, SubjectRequest, Submission};
use serde::Serialize;
use time::Date;

use crate::{Context, ServiceError, ServiceResult};

/// Whom a request is about, as the person described themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectQuery {
    /// Their email address.
    pub email: Option<String>,
    /// Their phone number.
    pub phone: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// The day the request was received (today when not given).
    pub received: Option<Date>,
}

/// The details searched for, as canonical values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Searched {
    /// The email, trimmed.
    pub email: Option<String>,
    /// The phone, digits and a leading `+` only.
    pub phone: Option<String>,
    /// The name, trimmed.
    pub name: Option<String>,
}

impl Searched {
    fn parse(query: &SubjectQuery) -> ServiceResult<Searched> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let phone = match given(&query.phone) {
            None => None,
            Some(p) => Some(peel_core::submission::normalise_phone(&p).ok_or_else(|| {
                ServiceError::invalid("phone", format!("{p:?} is not a phone number"))
            })?),
        };
        let searched = Searched {
            email: given(&query.email),
            phone,
            name: given(&query.name),
        };
        if searched.email.is_none() && searched.phone.is_none() && searched.name.is_none() {
            return Err(ServiceError::invalid(
                "email",
                "Give the person's email, phone or name to search for",
            ));
        }
        Ok(searched)
    }

    /// In words, for the request's record.
    fn words(&self) -> String {
        [
            self.email.as_ref().map(|e| format!("email {e}")),
            self.phone.as_ref().map(|p| format!("phone {p}")),
            self.name.as_ref().map(|n| format!("name {n}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The values the linking engine indexes, in its canonical forms.
    fn indicators(&self) -> Vec<(Kind, String)> {
        let mut values = Vec::new();
        if let Some(email) = self.email.as_deref().and_then(peel_link::email) {
            values.push((Kind::Email, email));
        }
        if let Some(phone) = self.phone.as_deref().and_then(peel_link::phone) {
            values.push((Kind::Phone, phone));
        }
        values
    }
}

/// A subject access export: what the person is given (DPA 2018 s.45), as JSON and as a page.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectExport {
    /// The request it answers.
    pub request: RequestSummary,
    /// When it was produced, London time.
    pub produced_at: String,
    /// What was searched for.
    pub searched_for: Searched,
    /// The reports and concerns the person made or is the contact of, oldest first.
    pub reports: Vec<HeldReport>,
    /// What was withheld, and why: one line per exemption.
    pub exemptions: Vec<Exemption>,
    /// The person's other rights, and where to complain (s.44).
    pub your_rights: Vec<&'static str>,
}

/// The request, as the export states it.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    /// Its id.
    pub id: String,
    /// The day it was received.
    pub received: String,
    /// The day it must be answered by.
    pub due: String,
}

/// One report or concern, as its subject is given it.
#[derive(Debug, Clone, Serialize)]
pub struct HeldReport {
    /// The reference.
    pub reference: String,
    /// When it was received, London time.
    pub received: String,
    /// How it came in.
    pub channel: String,
    /// What kind of thing happened.
    pub category: String,
    /// What happened, as given.
    pub what_happened: String,
    /// When it happened, London time.
    pub when: String,
    /// Where.
    pub place: String,
    /// The person's details as held.
    pub contact: ContactHeld,
    /// How it is safe to contact them.
    pub safe_contact: Vec<String>,
    /// Where it stands.
    pub stage: String,
    /// Notes and updates written on it, oldest first.
    pub notes: Vec<Entry>,
    /// Messages sent to the person and what they sent, oldest first.
    pub messages: Vec<Entry>,
    /// Its links to other reports by a shared value.
    pub links: Vec<HeldLink>,
    /// Evidence files held with it.
    pub evidence: Vec<Entry>,
    /// Its case, if in one: where it stands and its outcome.
    pub case: Option<String>,
    /// When it is next reviewed for retention.
    pub review_due: Option<String>,
}

/// The person's contact details as held.
#[derive(Debug, Clone, Serialize)]
pub struct ContactHeld {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// A dated line: a note, a message, an evidence file.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// When, London time.
    pub at: String,
    /// What kind of entry.
    pub kind: String,
    /// Its text.
    pub text: String,
}

/// A link from one of the person's reports.
#[derive(Debug, Clone, Serialize)]
pub struct HeldLink {
    /// The kind of value shared.
    pub kind: String,
    /// The value, as found in the person's report.
    pub value: String,
    /// Where in the person's report it was found.
    pub found_in: String,
    /// The other end: the person's own report by reference, or "another person's report".
    pub to: String,
}

/// Something withheld, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exemption {
    /// What was withheld.
    pub what: String,
    /// Why, with the provision relied on.
    pub reason: String,
}

const RIGHTS: [&str; 4] = [
    "You may ask for information held about you that is wrong to be corrected (rectification, DPA 2018 s.46).",
    "You may ask for information to be erased, or its use restricted (s.47).",
    "Where information is withheld, you may ask the Information Commissioner to check that it was withheld lawfully (s.51).",
    "You may complain to the Information Commissioner's Office: ico.org.uk, 0303 123 1113.",
];

const OTHERS_RIGHTS: &str = "It is about another person: withheld to protect the rights and \
    freedoms of others (DPA 2018 s.45(4)(e)).";
const OTHERS_REPORTS: &str = "Your details appear in reports made by other people. What they \
    said is withheld to avoid prejudicing the prevention, detection or investigation of \
    offences and to protect the rights of others (DPA 2018 s.45(4)(b) and (e)).";

/// Records a data subject's request with its one-month clock (received today unless given).
async fn record_request(
    ctx: &Context,
    actor: &Actor,
    right: Right,
    subject: String,
    received: Option<Date>,
) -> ServiceResult<SubjectRequest> {
    let received = received.unwrap_or_else(|| ctx.today());
    let request = SubjectRequest {
        id: uuid::Uuid::new_v4(),
        right,
        due: request_due(received),
        subject,
        received,
        recorded_by: actor.reference(),
        recorded_at: ctx.now(),
        answered_at: None,
        outcome: None,
    };
    let event = ctx.event(
        actor,
        AuditCode::SubjectRequestReceived,
        format!("subject_request:{}", request.id),
        format!(
            "{} request received {}, due {}",
            right.label().to_lowercase(),
            request.received,
            request.due
        ),
    );
    ctx.store().add_subject_request(&request, event).await?;
    Ok(request)
}

/// Everything held about a person: the reports whose contact details or name are theirs, and
/// those whose indicators hold their email or phone (found by the linking engine's index).
/// Returns (their own reports, the number of others' reports that mention them).
async fn find(
    ctx: &Context,
    searched: &Searched,
) -> ServiceResult<(Vec<Submission>, Vec<peel_core::SubmissionId>)> {
    let store = ctx.store();
    let own = store
        .held_about(
            searched.email.as_deref(),
            searched.phone.as_deref(),
            searched.name.as_deref(),
        )
        .await?;
    let mentioned = store
        .items_holding(&searched.indicators())
        .await?
        .into_iter()
        .filter_map(ItemRef::submission)
        .filter(|id| !own.iter().any(|s| s.id == *id))
        .collect();
    Ok((own, mentioned))
}

/// Answers a subject access request: records it with its clock, finds everything held about
/// the person, builds the export with others' data withheld, and records the search (a
/// consultation naming every report found) and the export (a disclosure to the data subject),
/// marking the request answered.
pub async fn subject_access(
    ctx: &Context,
    actor: &Actor,
    query: &SubjectQuery,
) -> ServiceResult<SubjectExport> {
    ctx.authorize(actor, Action::AnswerSubjectRights, &Resource::System)
        .await?;
    let searched = Searched::parse(query)?;
    let request =
        record_request(ctx, actor, Right::Access, searched.words(), query.received).await?;
    let (own, mentioned) = find(ctx, &searched).await?;
    let subject = format!("subject_request:{}", request.id);
    let mut found: Vec<String> = own.iter().map(|s| s.reference.to_string()).collect();
    found.extend(mentioned.iter().map(|id| format!("submission:{id}")));
    ctx.record(ctx.event(
        actor,
        AuditCode::SubjectAccessSearched,
        &subject,
        format!(
            "searched for {}: found {}",
            searched.words(),
            if found.is_empty() {
                "nothing".to_owned()
            } else {
                found.join(", ")
            }
        ),
    ))
    .await?;
    let mut exemptions = Vec::new();
    let mut reports = Vec::with_capacity(own.len());
    for s in &own {
        reports.push(held_report(ctx, s, &own, &mut exemptions).await?);
    }
    if !mentioned.is_empty() {
        exemptions.push(Exemption {
            what: "Reports made by other people that mention your email or phone".to_owned(),
            reason: OTHERS_REPORTS.to_owned(),
        });
    }
    let export = SubjectExport {
        request: RequestSummary {
            id: request.id.to_string(),
            received: request.received.to_string(),
            due: request.due.to_string(),
        },
        produced_at: london::display(ctx.now()),
        searched_for: searched,
        reports,
        exemptions,
        your_rights: RIGHTS.to_vec(),
    };
    let outcome = format!(
        "export of {} reports, {} exemptions",
        export.reports.len(),
        export.exemptions.len()
    );
    let event = ctx.event(
        actor,
        AuditCode::SubjectAccessExported,
        &subject,
        format!("to the data subject: {outcome}"),
    );
    ctx.store()
        .answer_subject_request(request.id, ctx.now(), &outcome, event)
        .await?;
    Ok(export)
}

/// Requests, open ones first with their due dates.
pub async fn requests(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<SubjectRequest>> {
    ctx.authorize(actor, Action::AnswerSubjectRights, &Resource::System)
        .await?;
    Ok(ctx.store().subject_requests().await?)
}

async fn held_report(
    ctx: &Context,
    s: &Submission,
    own: &[Submission],
    exemptions: &mut Vec<Exemption>,
) -> ServiceResult<HeldReport> {
    let store = ctx.store();
    let notes = store
        .notes(s.id)
        .await?
        .into_iter()
        .map(|n| Entry {
            at: london::display(n.at),
            kind: n.kind.label().to_owned(),
            text: n.body,
        })
        .collect();
    let mut messages: Vec<(time::OffsetDateTime, Entry)> = Vec::new();
    for m in store.messages_of(s.id).await? {
        // A message to a witness at an address the reporter gave is the witness's, not theirs.
        if m.addressee.is_some() {
            continue;
        }
        messages.push((
            m.created_at,
            Entry {
                at: london::display(m.created_at),
                kind: format!("To you: {} ({})", m.purpose.label(), m.status.label()),
                text: format!("{}\n\n{}", m.subject, m.body),
            },
        ));
    }
    for m in store.reporter_messages(s.id).await? {
        messages.push((
            m.at,
            Entry {
                at: london::display(m.at),
                kind: format!("From you: {}", m.kind.label()),
                text: m.body,
            },
        ));
    }
    messages.sort_by_key(|(at, _)| *at);
    let links = store
        .links_of(ItemRef::Submission(s.id))
        .await?
        .iter()
        .map(|link| held_link(s, link, own, exemptions))
        .collect();
    let evidence = store
        .evidence_of(s.id)
        .await?
        .into_iter()
        .map(|e| Entry {
            at: london::display(e.received_at),
            kind: e.kind.label().to_owned(),
            text: format!("{} (SHA-256 {})", e.original_name, e.sha256),
        })
        .collect();
    let case = store.case_of(s.id).await?.map(|c| match &c.outcome {
        Some(outcome) => format!("{}: {}", c.stage.label(), outcome.kind.label()),
        None => c.stage.label().to_owned(),
    });
    let contact = s.contact.as_ref();
    Ok(HeldReport {
        reference: s.reference.to_string(),
        received: london::display(s.received_at),
        channel: s.channel.label().to_owned(),
        category: s.category.label().to_owned(),
        what_happened: s.description.clone(),
        when: london::display(s.occurred_at),
        place: s.location.words(),
        contact: ContactHeld {
            name: contact.and_then(|c| c.name.clone()),
            email: contact.and_then(|c| c.email.clone()),
            phone: contact.and_then(|c| c.phone.clone()),
        },
        safe_contact: s.safe_contact.instructions(),
        stage: s.stage.label().to_owned(),
        notes,
        messages: messages.into_iter().map(|(_, e)| e).collect(),
        links,
        evidence,
        case,
        review_due: s.review_due.map(|d| d.to_string()),
    })
}

/// A link as the person sees it: the other end named only when it is their own report.
fn held_link(
    s: &Submission,
    link: &LinkRecord,
    own: &[Submission],
    exemptions: &mut Vec<Exemption>,
) -> HeldLink {
    let item = ItemRef::Submission(s.id);
    let other = link.other(item);
    let (found_in, _) = link.found_in(item);
    let to = match other
        .submission()
        .and_then(|id| own.iter().find(|o| o.id == id))
    {
        Some(theirs) => format!("your report {}", theirs.reference),
        None => {
            exemptions.push(Exemption {
                what: format!(
                    "The report or notification at the other end of a link from {} (by {})",
                    s.reference,
                    link.kind.label()
                ),
                reason: OTHERS_RIGHTS.to_owned(),
            });
            "another report, withheld (see exemptions)".to_owned()
        }
    };
    HeldLink {
        kind: link.kind.label().to_owned(),
        value: link.value.clone(),
        found_in: found_in.to_owned(),
        to,
    }
}
