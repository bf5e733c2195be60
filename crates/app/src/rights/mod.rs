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
use peel_core::submission::NoteKind;
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
    /// Reports matching by name alone that the officer has confirmed are the person's (by
    /// reference): without this a name is never enough, since other people share it.
    pub confirmed: Vec<String>,
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
    /// What the person is told of withholding: the same words whether or not anything was
    /// withheld, so that the export neither confirms nor denies what others told the police.
    pub withholding: &'static str,
    /// The person's other rights, and where to complain (s.44).
    pub your_rights: Vec<&'static str>,
}

/// A subject access answer: the export for the person, and for the data protection officer
/// alone what was withheld with its reasons and what matched by name only.
#[derive(Debug, Clone)]
pub struct SubjectAnswer {
    /// The request's id.
    pub request: uuid::Uuid,
    /// What the person is given.
    pub export: SubjectExport,
    /// What was withheld, and why: one entry per exemption (never in the export).
    pub withheld: Vec<Exemption>,
    /// Reports that match the name alone, by reference, to confirm (with `confirmed`) or leave.
    pub name_only: Vec<String>,
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
    /// The other end: the person's own report, by reference.
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

const OTHERS_RIGHTS: &str = "Another person's report: withheld, and its existence not \
    confirmed, to protect the rights and freedoms of others and to avoid prejudicing the \
    prevention, detection or investigation of offences (DPA 2018 s.45(4)(b) and (e)).";
const OTHERS_REPORTS: &str = "Reports made by other people that hold the person's email or \
    phone: withheld, and their existence not confirmed, to avoid prejudicing the prevention, \
    detection or investigation of offences and to protect the rights of others (DPA 2018 \
    s.45(4)(b) and (e)).";
const STAFF_NOTES: &str = "Notes written for staff only: withheld until an officer has read \
    them for what their release would prejudice (DPA 2018 s.45(4)(a) and (b)); release what \
    can be released by hand.";
const WITHHOLDING: &str = "We may withhold information where releasing it would obstruct an \
    inquiry, prejudice the prevention, detection or investigation of crime, or reveal \
    information about other people (Data Protection Act 2018, section 45(4)). We do not say \
    whether we have done so where saying it would itself cause that harm.";

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

/// What was found about a person.
struct Found {
    /// Their own reports: their email or phone as the report's contact (canonical forms), or
    /// their name on a report the officer confirmed.
    own: Vec<Submission>,
    /// Reports matching by name alone, not confirmed.
    name_only: Vec<Submission>,
    /// Other reports whose indicators hold their email or phone.
    mentioned: Vec<peel_core::SubmissionId>,
}

/// Whether a report's contact details are the person's, by the linking engine's canonical
/// forms (so `07700 900123` and `+44 7700 900123` are the same phone).
fn contact_is(s: &Submission, searched: &[(Kind, String)]) -> bool {
    let Some(contact) = s.contact.as_ref() else {
        return false;
    };
    let email = contact.email.as_deref().and_then(peel_link::email);
    let phone = contact.phone.as_deref().and_then(peel_link::phone);
    searched.iter().any(|(kind, value)| match kind {
        Kind::Email => email.as_deref() == Some(value),
        Kind::Phone => phone.as_deref() == Some(value),
        _ => false,
    })
}

/// Everything held about a person: the reports whose contact details or name are theirs (by
/// the stored columns), and those whose indicators hold their email or phone (the linking
/// engine's index), each then sorted by whether its contact details are theirs.
async fn find(ctx: &Context, searched: &Searched, confirmed: &[String]) -> ServiceResult<Found> {
    let store = ctx.store();
    let values = searched.indicators();
    let mut candidates = store
        .held_about(
            searched.email.as_deref(),
            searched.phone.as_deref(),
            searched.name.as_deref(),
        )
        .await?;
    let by_index: Vec<peel_core::SubmissionId> = store
        .items_holding(&values)
        .await?
        .into_iter()
        .filter_map(ItemRef::submission)
        .filter(|id| !candidates.iter().any(|s| s.id == *id))
        .collect();
    let indexed = store.submissions(&by_index).await?;
    let mut mentioned = Vec::new();
    for s in indexed {
        if contact_is(&s, &values) {
            candidates.push(s);
        } else {
            mentioned.push(s.id);
        }
    }
    candidates.sort_by_key(|s| (s.received_at, s.id));
    let (own, name_only) = candidates.into_iter().partition(|s| {
        contact_is(s, &values)
            || searched.email.as_deref().is_some_and(|e| {
                s.contact
                    .as_ref()
                    .and_then(|c| c.email.as_deref())
                    .is_some_and(|mine| mine.eq_ignore_ascii_case(e))
            })
            || confirmed
                .iter()
                .any(|r| r.trim() == s.reference.to_string())
    });
    Ok(Found {
        own,
        name_only,
        mentioned,
    })
}

/// Answers a subject access request: records it with its clock, finds everything held about
/// the person, and builds the export with others' data and staff notes withheld (each
/// exemption kept for the data protection officer, never in the export). The search is
/// recorded as a consultation naming every report found; [`answered`] records the export once
/// it has been written.
pub async fn subject_access(
    ctx: &Context,
    actor: &Actor,
    query: &SubjectQuery,
) -> ServiceResult<SubjectAnswer> {
    ctx.authorize(actor, Action::AnswerSubjectRights, &Resource::System)
        .await?;
    let searched = Searched::parse(query)?;
    let request =
        record_request(ctx, actor, Right::Access, searched.words(), query.received).await?;
    let found = find(ctx, &searched, &query.confirmed).await?;
    let subject = format!("subject_request:{}", request.id);
    let listed = |list: &[Submission]| -> Vec<String> {
        list.iter().map(|s| s.reference.to_string()).collect()
    };
    let mut detail = format!("searched for {}", searched.words());
    for (what, refs) in [
        ("theirs", listed(&found.own)),
        ("by name only", listed(&found.name_only)),
        (
            "others' holding their details",
            found
                .mentioned
                .iter()
                .map(|id| format!("submission:{id}"))
                .collect(),
        ),
    ] {
        if !refs.is_empty() {
            detail.push_str(&format!("; {what}: {}", refs.join(", ")));
        }
    }
    ctx.record(ctx.event(actor, AuditCode::SubjectAccessSearched, &subject, detail))
        .await?;
    let mut withheld = Vec::new();
    let mut reports = Vec::with_capacity(found.own.len());
    for s in &found.own {
        reports.push(held_report(ctx, s, &found.own, &mut withheld).await?);
    }
    if !found.mentioned.is_empty() {
        withheld.push(Exemption {
            what: format!("{} report(s) made by other people", found.mentioned.len()),
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
        withholding: WITHHOLDING,
        your_rights: RIGHTS.to_vec(),
    };
    Ok(SubjectAnswer {
        request: request.id,
        export,
        withheld,
        name_only: listed(&found.name_only),
    })
}

/// Records that the export was given to the data subject (a disclosure), with what was
/// withheld and why, and marks the request answered.
pub async fn answered(ctx: &Context, actor: &Actor, answer: &SubjectAnswer) -> ServiceResult<()> {
    ctx.authorize(actor, Action::AnswerSubjectRights, &Resource::System)
        .await?;
    let withheld: Vec<String> = answer
        .withheld
        .iter()
        .map(|e| format!("{}: {}", e.what, e.reason))
        .collect();
    let outcome = format!(
        "export of {} report(s); withheld: {}",
        answer.export.reports.len(),
        if withheld.is_empty() {
            "nothing".to_owned()
        } else {
            withheld.join(" | ")
        }
    );
    let event = ctx.event(
        actor,
        AuditCode::SubjectAccessExported,
        format!("subject_request:{}", answer.request),
        format!("to the data subject: {outcome}"),
    );
    if !ctx
        .store()
        .answer_subject_request(answer.request, ctx.now(), &outcome, event)
        .await?
    {
        return Err(ServiceError::invalid(
            "request",
            "That request is already answered",
        ));
    }
    Ok(())
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
    let mut notes = Vec::new();
    let mut staff_only = 0_usize;
    for n in store.notes(s.id).await? {
        match n.kind {
            NoteKind::Update | NoteKind::FirstContact => notes.push(Entry {
                at: london::display(n.at),
                kind: n.kind.label().to_owned(),
                text: n.body,
            }),
            NoteKind::Internal | NoteKind::Reassigned | NoteKind::Marac => staff_only += 1,
        }
    }
    if staff_only > 0 {
        exemptions.push(Exemption {
            what: format!("{staff_only} staff note(s) on {}", s.reference),
            reason: STAFF_NOTES.to_owned(),
        });
    }
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
        .filter_map(|link| held_link(s, link, own, exemptions))
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

/// A link as the person sees it: only a link between two of their own reports; a link to
/// anything else is left out, neither confirmed nor denied, and its exemption recorded.
fn held_link(
    s: &Submission,
    link: &LinkRecord,
    own: &[Submission],
    exemptions: &mut Vec<Exemption>,
) -> Option<HeldLink> {
    let item = ItemRef::Submission(s.id);
    let (found_in, _) = link.found_in(item);
    let theirs = link
        .other(item)
        .submission()
        .and_then(|id| own.iter().find(|o| o.id == id));
    let Some(theirs) = theirs else {
        exemptions.push(Exemption {
            what: format!(
                "A link from {} by {} to a report or notification not theirs",
                s.reference,
                link.kind.label()
            ),
            reason: OTHERS_RIGHTS.to_owned(),
        });
        return None;
    };
    Some(HeldLink {
        kind: link.kind.label().to_owned(),
        value: link.value.clone(),
        found_in: found_in.to_owned(),
        to: format!("your report {}", theirs.reference),
    })
}
