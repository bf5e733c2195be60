//! The officers' side of a submission: one submission's page with everything known about it,
//! the team queues, the changes made to a submission, and the supervisor's page. Every view of
//! a submission is recorded as a consultation.

pub(crate) mod changes;
pub(crate) mod queue;
pub(crate) mod supervisor;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use peel_app::ServiceError;
use peel_app::intake::Teams;
use peel_app::link::{LinkView, NearbyView};
use peel_app::submissions::{self, Via, Viewed};
use peel_core::SubmissionId;
use peel_core::policy::Access;
use peel_core::submission::{Contact, Location, Stage};
use peel_store::Submission;
use serde::Deserialize;
use time::Duration;

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, FieldErrors, show_time};
use crate::routes::{page, see_other};
use crate::state::AppState;

/// A waiting time in words.
pub(crate) fn waited(duration: Duration) -> String {
    let minutes = duration.whole_minutes().max(0);
    match minutes {
        0..60 => format!("{minutes} min"),
        60..2880 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} days", minutes / 1440),
    }
}

/// The grade in force, as a letter, or `default` when triage has not run.
pub(crate) fn grade_letter(s: &Submission, default: &str) -> String {
    s.grade()
        .map_or_else(|| default.to_owned(), |g| g.letter().to_owned())
}

#[derive(Template)]
#[template(path = "submission.html")]
struct SubmissionPage {
    chrome: Chrome,
    errors: FieldErrors,
    notice: Option<&'static str>,
    s: Submission,
    /// The evidence files on it: (id, name, type, size, SHA-256, camera time, camera, ward).
    evidence: Vec<EvidenceRow>,
    /// The reporter's preferred language by its English name, with its own.
    language: String,
    contact: Option<Contact>,
    received: String,
    /// Its review group and when its review for retention falls due.
    review: Option<String>,
    occurred: String,
    category: &'static str,
    place: String,
    role: &'static str,
    stage: &'static str,
    team_name: String,
    due: Option<String>,
    overdue: bool,
    safe_contact: Vec<String>,
    first_contact: Option<String>,
    notes: Vec<(String, String, &'static str, String)>,
    teams: Vec<(String, String)>,
    grade: String,
    override_text: Option<String>,
    contact_due: String,
    contact_overdue: bool,
    reasons: Vec<(String, String)>,
    dash: Option<String>,
    links: Vec<LinkView>,
    nearby: Vec<NearbyView>,
    /// "The 25 nearest of 480", when not all are shown.
    nearby_count: String,
    tasks: Vec<(String, &'static str, &'static str)>,
    /// Read with a reason: another team's, shown without the forms that change it.
    with_reason: bool,
    may_change: bool,
    /// Evidence requests sent to the reporter: (sent, what was asked, where it stands).
    /// (asked, note, state, whom).
    requests: Vec<(String, String, String, String)>,
    may_move: bool,
    /// The case it is in: (id, stage, officer in charge).
    case: Option<(String, &'static str, String)>,
    /// The ways of making contact the reporter allowed (slug, label).
    contact_methods: Vec<(&'static str, &'static str)>,
    /// Whether the reporter has yet to say how it is safe to contact them.
    wishes_unknown: bool,
    /// Messages to the reporter: (when, purpose, where it stands, channel, why).
    messages: Vec<(String, &'static str, &'static str, String, String)>,
    /// What the reporter sent: (when, kind, text, call back when).
    from_reporter: Vec<(String, &'static str, String, String)>,
    /// Open cases it links to: (case id, linked reference).
    join_offers: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SubmissionQuery {
    notice: Option<String>,
    /// The reason for reading another team's submission, from the reason form.
    reason: Option<String>,
}

/// A submission id from a path; anything else is a page that does not exist.
pub(crate) fn submission_id(id: &str) -> Result<SubmissionId, PageError> {
    SubmissionId::parse(id).ok_or(PageError::NotFound)
}

/// Where it happened, in words.
fn place(location: &Location) -> String {
    match location {
        Location::Postcode(postcode) => format!("Postcode {postcode}"),
        Location::Point {
            latitude,
            longitude,
        } => format!("Map point {latitude:.5}, {longitude:.5}"),
        Location::Address(address) => address.clone(),
        Location::Online => "Online".to_owned(),
    }
}

/// An evidence file as the report's page lists it.
struct EvidenceRow {
    id: String,
    name: String,
    media: String,
    size: String,
    sha256: String,
    taken: String,
    camera: String,
    /// A video's length, when it says.
    length: Option<String>,
    /// Whether Peel drew a thumbnail of it.
    thumbnail: bool,
    /// Whether it is a redacted copy of another item (kept beside it).
    redacted: bool,
    /// What reviewers recorded it shows.
    reviews: Vec<String>,
    ward: String,
}

/// Opens a submission for `caller` (recorded) and renders its page, with `errors` against a
/// form when a change needs putting right.
pub(crate) async fn show(
    state: &AppState,
    caller: &Caller,
    id: SubmissionId,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> Result<Response, PageError> {
    let ctx = state.ctx();
    let viewed = submissions::view(ctx, &caller.actor, id, Via::Page)
        .await
        .map_err(|e| PageError::from(e).or_ask_reason(format!("/submissions/{id}")))?;
    let Viewed {
        submission: s,
        access,
        may_change,
        may_move,
        notes,
        links,
        nearby,
        tasks,
        dash,
        case,
        contact_methods,
        messages,
        from_reporter,
        join_offers,
    } = viewed;
    let now = state.now();
    let status = errors.status();
    let teams = Teams::load(ctx).await?;
    let reviews = ctx.store().evidence_reviews_of(s.id).await?;
    let evidence = ctx
        .store()
        .evidence_of(s.id)
        .await?
        .into_iter()
        .map(|item| EvidenceRow {
            id: item.id.to_string(),
            name: item.original_name,
            media: format!("{} ({})", item.kind.label(), item.mime),
            size: format!("{} bytes", item.size),
            sha256: item.sha256,
            taken: item
                .taken_at
                .map(|t| {
                    format!(
                        "{} (the camera's clock)",
                        t.format(time::macros::format_description!(
                            "[day] [month repr:long] [year] at [hour]:[minute]:[second]"
                        ))
                        .unwrap_or_default()
                    )
                })
                .unwrap_or_else(|| "Not recorded".to_owned()),
            camera: item.camera.unwrap_or_else(|| "Not recorded".to_owned()),
            thumbnail: item.dhash.is_some(),
            redacted: item.derived_from.is_some(),
            reviews: reviews
                .iter()
                .filter(|r| r.item_id == item.id)
                .map(crate::routes::evidence_review::summary)
                .collect(),
            length: item.duration_ms.map(|ms| {
                let seconds = ms / 1000;
                match seconds / 60 {
                    0 => format!("{seconds} s"),
                    minutes => format!("{minutes} min {} s", seconds % 60),
                }
            }),
            ward: item.ward.as_ref().map_or_else(
                || "No position recorded".to_owned(),
                |w| {
                    teams
                        .name(&peel_core::TeamId::of_ward(w))
                        .replace(" Safer Neighbourhood Team", "")
                },
            ),
        })
        .collect();
    let requests = ctx
        .store()
        .evidence_requests_of(s.id)
        .await?
        .into_iter()
        .map(|r| {
            let state = match r.answered_at {
                Some(at) => format!("Answered {}", show_time(&at)),
                None if r.expires_at <= now => "Expired unanswered".to_owned(),
                None => format!("Open until {}", show_time(&r.expires_at)),
            };
            let whom = match &r.addressee {
                Some(witness) => format!("a witness, by {} {}", witness.channel.slug(), witness.to),
                None => "the reporter".to_owned(),
            };
            (show_time(&r.created_at), r.note, state, whom)
        })
        .collect();
    let html = SubmissionPage {
        evidence,
        requests,
        with_reason: access == Access::WithReason,
        may_change,
        may_move,
        links,
        nearby_count: nearby_count(&nearby),
        nearby: nearby.shown,
        tasks: tasks
            .into_iter()
            .map(|t| {
                (
                    t.task.id.to_string(),
                    crate::routes::tasks::kind_label(t.task.kind),
                    t.status.slug(),
                )
            })
            .collect(),
        chrome: Chrome::for_caller(caller),
        errors,
        notice,
        received: show_time(&s.received_at),
        review: s.review_due.map(|due| {
            format!(
                "{due} ({})",
                peel_core::retention::Group::of(s.category).label()
            )
        }),
        occurred: show_time(&s.occurred_at),
        category: s.category.label(),
        place: place(&s.location),
        role: s.reporter_role.label(),
        stage: s.stage.label(),
        team_name: teams.name(&s.team),
        due: s.next_update_due.as_ref().map(show_time),
        overdue: s.stage != Stage::Closed && s.next_update_due.is_some_and(|due| due < now),
        safe_contact: s.safe_contact.instructions(),
        first_contact: s.first_contact.as_ref().map(|contact| {
            format!(
                "{} by {} ({}), {} after the report arrived",
                show_time(&contact.at),
                contact.by,
                contact.method.label().to_lowercase(),
                waited(contact.at - s.received_at)
            )
        }),
        notes: notes
            .into_iter()
            .map(|n| (show_time(&n.at), n.author, n.kind.label(), n.body))
            .collect(),
        teams: teams
            .choices()
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect(),
        grade: grade_letter(&s, "not graded"),
        dash: dash.first().map(|d| {
            format!(
                "{} yes of 27, {} risk{}, by {} on {}",
                d.yes_count,
                d.level.slug(),
                if d.marac_referral {
                    ": MARAC referral due"
                } else {
                    ""
                },
                d.assessed_by,
                show_time(&d.assessed_at)
            )
        }),
        override_text: s.grade_override.as_ref().map(|given| {
            format!(
                "Changed from {} to {} by {} on {}: {}",
                s.triage.as_ref().map_or("", |t| t.grade.letter()),
                given.grade.letter(),
                given.by,
                show_time(&given.at),
                given.reason
            )
        }),
        contact_due: s
            .first_contact_due
            .as_ref()
            .map(show_time)
            .unwrap_or_default(),
        contact_overdue: s.first_contact.is_none()
            && s.first_contact_due.is_some_and(|due| due < now),
        reasons: s
            .triage
            .as_ref()
            .map(|t| {
                t.reasons
                    .iter()
                    .map(|r| (r.code.clone(), r.text.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        case: case.map(|c| {
            (
                c.id.to_string(),
                c.stage.label(),
                c.owner_name.unwrap_or_else(|| "nobody yet".into()),
            )
        }),
        contact_methods: contact_methods
            .into_iter()
            .map(|m| (m.slug(), m.label()))
            .collect(),
        wishes_unknown: s.safe_contact.channels.is_empty(),
        language: crate::i18n::shown_to_officers(&s.language),
        join_offers: join_offers
            .into_iter()
            .map(|(case, reference)| (case.to_string(), reference))
            .collect(),
        messages: messages
            .into_iter()
            .map(|m| {
                (
                    show_time(&m.created_at),
                    m.purpose.label(),
                    m.status.label(),
                    m.channel.clone().unwrap_or_default(),
                    crate::routes::cases::message_why(&m),
                )
            })
            .collect(),
        from_reporter: from_reporter
            .into_iter()
            .map(|m| {
                (
                    show_time(&m.at),
                    m.kind.label(),
                    m.body,
                    m.call_back_when.unwrap_or_default(),
                )
            })
            .collect(),
        contact: s.contact.clone(),
        s,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// After a change: back to the page on success; the page again with the field's error when an
/// answer needs putting right; otherwise the error.
pub(crate) async fn after_change(
    state: &AppState,
    caller: &Caller,
    id: SubmissionId,
    outcome: Result<String, ServiceError>,
) -> Result<Response, PageError> {
    match crate::routes::put_right(outcome)? {
        Ok(next) => Ok(see_other(&next)),
        Err(errors) => show(state, caller, id, errors, None).await,
    }
}

/// `GET /submissions/{id}`: recorded as a consultation; another team's with the reason given.
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<SubmissionQuery>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let caller = caller.with_reason(query.reason.as_deref());
    let notice = match query.notice.as_deref() {
        Some("contact") => Some("First contact recorded."),
        Some("note") => Some("Saved."),
        Some("evidence") => Some("Files added. Each is checked and kept by its SHA-256."),
        Some("evidence-requested") => Some(
            "Request sent. The reporter gets a link that works once, for 14 days, by their safe channels.",
        ),
        Some("evidence-requested-witness") => Some(
            "Request sent. The witness gets a link that works once, for 14 days, with your note and nothing of the report.",
        ),
        Some("update") => Some("Update saved. The reporter will see it on their progress page."),
        Some("regraded") => {
            Some("The grade has been changed. Both grades and your reason are kept.")
        }
        Some("dash") => Some("The checklist is saved."),
        _ => None,
    };
    show(&state, &caller, id, FieldErrors::default(), notice).await
}

/// What the page says of the nearby reports it does not list.
fn nearby_count(nearby: &peel_app::link::Nearby) -> String {
    let shown = nearby.shown.len();
    match (nearby.total > shown, nearby.at_least) {
        (_, true) => format!(
            "The {shown} nearest of more than {} reports nearby.",
            nearby.total
        ),
        (true, false) => format!("The {shown} nearest of {} reports nearby.", nearby.total),
        (false, false) => String::new(),
    }
}
