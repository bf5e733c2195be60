//! Tasks for people on the panels: a supervisor asks for help on a submission, sees who may do
//! it (ranked, with the reasons) and who may not (with theirs; a conflict's detail only here),
//! and assigns one; the person answers in their own portal, and records the visit and hours.
//! Each step is in the audit trail: the task's creation, the consultation of the matches, the
//! disclosure of the case to the person assigned, their answer and the visit.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use peel_app::people::subject_of;
use peel_app::submissions::for_change;
use peel_core::audit::AuditCode;
use peel_core::people::matching::{self as m, PeopleIndex, TaskKind, exclusions, normalise};
use peel_core::people::task::TaskStatus;
use peel_core::people::vetting::Scope;
use peel_core::policy::{Action, Resource};
use peel_core::{ItemRef, PersonId, TaskId};
use peel_store::{TaskMove, TaskRecord};

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::Chrome;
use crate::routes::submissions::submission_id;
use crate::routes::{field, see_other};
use crate::state::AppState;

pub(crate) fn kind_label(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::VictimVisit => "Visit the victim",
        TaskKind::CyberHelpIndividual => "Cyber help for a person",
        TaskKind::CyberHelpBusiness => "Cyber help for a business",
        TaskKind::MentalHealthEscort => "Mental-health escort",
        TaskKind::YouthLiaison => "Youth liaison",
        TaskKind::Interpreting => "Interpreting",
        TaskKind::EvidenceReview => "Evidence review",
    }
}

fn minutes(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "2026-12-02 from 18:30 to 19:30".
fn when(window: &m::Window) -> String {
    format!(
        "{} from {} to {}",
        window.day,
        clock(window.from),
        clock(window.until)
    )
}

#[derive(Template)]
#[template(path = "task_new.html")]
struct NewTaskPage {
    chrome: Chrome,
    submission_id: String,
    reference: String,
    reporter_language: String,
    kinds: Vec<(&'static str, &'static str)>,
    error: Option<String>,
}

/// `GET /submissions/{id}/tasks/new`: the form to ask the panel for help.
pub async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = submission_id(&id)?;
    let s = for_change(state.ctx(), &caller.actor, id, Action::ManageTasks).await?;
    let event = state.audit_event(
        &caller,
        AuditCode::TaskFormViewed,
        &ItemRef::Submission(s.id).to_string(),
        &format!("the form to ask for help on {} opened", s.reference),
    );
    state.store().append_audit(vec![event]).await?;
    render_new(&caller, &s, None)
}

fn render_new(
    caller: &Caller,
    s: &peel_store::Submission,
    error: Option<String>,
) -> Result<Html<String>, PageError> {
    Ok(Html(
        NewTaskPage {
            chrome: Chrome::for_caller(caller),
            submission_id: s.id.0.to_string(),
            reference: s.reference.to_string(),
            reporter_language: s.language.clone(),
            kinds: TaskKind::ALL
                .iter()
                .map(|k| (k.slug(), kind_label(*k)))
                .collect(),
            error,
        }
        .render()?,
    ))
}

/// `POST /submissions/{id}/tasks`: creates the task. What the case touches (its address,
/// postcode, the places named in it, the reporter's name and contact details) is kept,
/// normalised, so that anyone associated with them is never matched.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = submission_id(&id)?;
    let s = for_change(state.ctx(), &caller.actor, id, Action::ManageTasks).await?;
    let Some(kind) = TaskKind::from_slug(field(&pairs, "kind")) else {
        return Err(PageError::BadRequest("Choose what kind of help.".into()));
    };
    let day = time::Date::parse(
        field(&pairs, "day"),
        time::macros::format_description!("[year]-[month]-[day]"),
    );
    let (from, until) = (
        minutes(field(&pairs, "from")),
        minutes(field(&pairs, "until")),
    );
    let (Ok(day), Some(from), Some(until)) = (day, from, until) else {
        let error = "Give the day as 2026-12-02 and the times as 10:00 and 11:00.".to_owned();
        return render_new(&caller, &s, Some(error))
            .map(axum::response::IntoResponse::into_response);
    };
    if until <= from || day < state.now().date() {
        let error = "The visit must end after it starts, on a day not yet past.".to_owned();
        return render_new(&caller, &s, Some(error))
            .map(axum::response::IntoResponse::into_response);
    }
    let mut requirements = kind.requirements();
    if s.category == peel_core::submission::Category::DomesticAbuse {
        requirements.scope = Some(Scope::DomesticAbuse);
    }
    let language = Some(field(&pairs, "language"))
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase);
    if language
        .as_deref()
        .is_some_and(|l| !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()))
    {
        let error =
            "Give the language as its two- or three-letter code, such as pl or so.".to_owned();
        return render_new(&caller, &s, Some(error))
            .map(axum::response::IntoResponse::into_response);
    }
    // What the case touches: this report, and the reports the linking engine has linked to it
    // (the same account, phone or school named by someone else), so that a person tied to any
    // of them is never offered.
    let mut touches = touches_of(&state, &s);
    let item = ItemRef::Submission(s.id);
    let linked: Vec<peel_core::SubmissionId> = state
        .store()
        .links_of(item)
        .await?
        .iter()
        .filter_map(|link| link.other(item).submission())
        .collect();
    for other in state.store().submissions(&linked).await? {
        touches.extend(touches_of(&state, &other));
    }
    touches.retain(|t| !t.is_empty());
    touches.sort();
    touches.dedup();
    let task = TaskRecord {
        task: m::Task {
            id: TaskId(uuid::Uuid::now_v7()),
            kind,
            requirements,
            language,
            place: peel_app::link::position(state.ctx(), &s),
            window: m::Window { day, from, until },
            touches,
            previous: Vec::new(),
        },
        item: Some(ItemRef::Submission(s.id)),
        status: TaskStatus::Open,
        assigned_to: None,
        created_by: caller.actor.label.clone(),
        created_at: state.now(),
        hours: None,
        visit_note: None,
        return_reason: None,
        briefing: Some(
            field(&pairs, "briefing")
                .chars()
                .take(2_000)
                .collect::<String>(),
        )
        .filter(|b| !b.is_empty()),
        duty_phone: Some(
            field(&pairs, "duty_phone")
                .chars()
                .take(30)
                .collect::<String>(),
        )
        .filter(|p| !p.is_empty()),
    };
    let event = state.audit_event(
        &caller,
        AuditCode::TaskCreated,
        &item.to_string(),
        &format!("{} task {} for {}", kind.slug(), task.task.id, s.reference),
    );
    state.store().create_task(&task, event).await?;
    Ok(see_other(&format!("/tasks/{}", task.task.id)))
}

/// What one report touches, normalised: its address and postcode, the reporter's name and
/// family name, their phone and email in canonical form (as a person's own are kept), and the
/// schools, estates and venues it names.
fn touches_of(state: &AppState, s: &peel_store::Submission) -> Vec<String> {
    use peel_core::submission::Location;
    let contact = s.contact.as_ref();
    let phone = contact
        .and_then(|c| c.phone.as_deref())
        .map(|p| peel_link::phone(p).unwrap_or_else(|| p.to_owned()));
    let email = contact
        .and_then(|c| c.email.as_deref())
        .map(|e| peel_link::email(e).unwrap_or_else(|| e.to_owned()));
    let name = contact.and_then(|c| c.name.clone());
    let family = name
        .as_deref()
        .and_then(|n| n.split_whitespace().last())
        .map(str::to_owned);
    let (address, postcode) = match &s.location {
        Location::Address(line) => (Some(line.clone()), None),
        Location::Postcode(postcode) => (None, Some(postcode.to_string())),
        Location::Point { .. } | Location::Online => (None, None),
    };
    let mut touches: Vec<String> = [address, postcode, name, family, email, phone]
        .into_iter()
        .flatten()
        .map(|t| normalise(&t))
        .collect();
    touches.extend(
        peel_link::extract(&s.description, &state.settings().card_key)
            .into_iter()
            .filter(|e| e.kind == peel_link::Kind::Venue)
            .map(|e| normalise(&e.value)),
    );
    touches
}

struct Offer {
    person_id: String,
    name: String,
    kind: &'static str,
    rank: usize,
    reasons: String,
}

struct Refusal {
    name: String,
    reasons: String,
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    chrome: Chrome,
    id: String,
    kind: &'static str,
    when: String,
    status: &'static str,
    assigned: Option<String>,
    submission_id: Option<String>,
    reference: String,
    can_assign: bool,
    /// It is with someone: the supervisor may take it back.
    can_take_back: bool,
    /// Why it was taken back, if it was.
    return_reason: Option<String>,
    offers: Vec<Offer>,
    refusals: Vec<Refusal>,
    without: usize,
}

/// The people who helped the same victim before, most recent first (for continuity).
async fn previous_helpers(state: &AppState, task: &TaskRecord) -> Result<Vec<PersonId>, PageError> {
    let Some(item) = task.item else {
        return Ok(Vec::new());
    };
    let mut before: Vec<TaskRecord> = state
        .store()
        .tasks_of_item(item)
        .await?
        .into_iter()
        .filter(|t| {
            t.task.id != task.task.id && matches!(t.status, TaskStatus::Accepted | TaskStatus::Done)
        })
        .collect();
    before.sort_by_key(|t| std::cmp::Reverse(t.created_at));
    Ok(before.into_iter().filter_map(|t| t.assigned_to).collect())
}

/// `GET /tasks/{id}`: the task, who may do it and who may not, for the supervisor.
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = TaskId::parse(&id).ok_or(PageError::NotFound)?;
    let mut record = managed_task(&state, &caller, id).await?;
    record.task.previous = previous_helpers(&state, &record).await?;
    let everyone: Vec<m::Person> = state
        .store()
        .people()
        .await?
        .into_iter()
        .map(|p| p.person)
        .collect();
    let matches = PeopleIndex::new(&everyone).match_task(&record.task, &everyone);
    let offers: Vec<Offer> = matches
        .ranked
        .iter()
        .filter_map(|c| {
            everyone.get(c.person).map(|p| Offer {
                person_id: p.id.to_string(),
                name: p.name.clone(),
                kind: p.kind.label(),
                rank: c.rank,
                reasons: c.reasons.join("; "),
            })
        })
        .collect();
    // Who may not, among those with the task's skill or language; the rest lack it outright
    // and are counted, not listed.
    let refusals: Vec<Refusal> = matches
        .excluded
        .iter()
        .filter_map(|at| everyone.get(*at))
        .map(|p| Refusal {
            name: p.name.clone(),
            reasons: exclusions(p, &record.task)
                .into_iter()
                .map(|e| e.reason)
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    let without = everyone
        .len()
        .saturating_sub(matches.ranked.len() + refusals.len());
    let submission = match record.item.and_then(ItemRef::submission) {
        Some(id) => state.store().submission(id).await?,
        None => None,
    };
    let event = state.audit_event(
        &caller,
        AuditCode::TaskMatchesViewed,
        &subject_of(&record),
        &format!(
            "task {}: {} people offered, {} not",
            record.task.id,
            offers.len(),
            refusals.len() + without
        ),
    );
    state.store().append_audit(vec![event]).await?;
    let assigned = record.assigned_to.as_ref().map(|a| {
        everyone
            .iter()
            .find(|p| p.id == *a)
            .map_or(a.to_string(), |p| p.name.clone())
    });
    Ok(Html(
        TaskPage {
            chrome: Chrome::for_caller(&caller),
            id: record.task.id.to_string(),
            kind: kind_label(record.task.kind),
            when: when(&record.task.window),
            status: record.status.slug(),
            assigned,
            submission_id: submission.as_ref().map(|s| s.id.0.to_string()),
            reference: submission.map_or_else(String::new, |s| s.reference.to_string()),
            can_assign: matches!(
                record.status,
                TaskStatus::Open | TaskStatus::Declined | TaskStatus::Returned
            ),
            can_take_back: record.status.is_with_person(),
            return_reason: record.return_reason.clone(),
            offers,
            refusals,
            without,
        }
        .render()?,
    ))
}

/// `POST /tasks/{id}/assign`: gives the task to a person who may do it (checked again now),
/// which discloses the case to them.
pub async fn assign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = TaskId::parse(&id).ok_or(PageError::NotFound)?;
    let record = managed_task(&state, &caller, id).await?;
    let choose = || PageError::BadRequest("Choose someone from the list.".into());
    let person_id = PersonId::parse(field(&pairs, "person")).map_err(|_| choose())?;
    let person = state.store().person(&person_id).await?.ok_or_else(choose)?;
    // Only someone who can see it: a person with an account.
    if person.username.is_none() {
        return Err(PageError::BadRequest(format!(
            "{} has no account, so they could not see the task: ask the vetting unit to give them one first.",
            person.person.name
        )));
    }
    if !m::is_eligible(&person.person, &record.task) {
        return Err(PageError::BadRequest(format!(
            "{} may not do this task now; the list shows why.",
            person.person.name
        )));
    }
    let mut event = state.audit_event(
        &caller,
        AuditCode::TaskAssigned,
        &subject_of(&record),
        &format!("task {id} given to {}", person.person.name),
    );
    event.recipient = format!("person:{}", person.person.id);
    let change = TaskMove {
        from: vec![TaskStatus::Open, TaskStatus::Declined, TaskStatus::Returned],
        to: TaskStatus::Assigned,
        assigned_to: Some(person.person.id.clone()),
        done: None,
        at: state.now(),
        returned: None,
    };
    if !state.store().move_task(id, &change, event).await? {
        return Err(PageError::BadRequest(
            "The task has been given to someone already.".into(),
        ));
    }
    Ok(see_other(&format!("/tasks/{id}")))
}

/// `POST /tasks/{id}/take-back`: a supervisor takes a task back from the person it is with,
/// with the reason.
pub async fn take_back(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = TaskId::parse(&id).ok_or(PageError::NotFound)?;
    peel_app::people::take_back(state.ctx(), &caller.actor, id, field(&pairs, "reason")).await?;
    Ok(see_other(&format!("/tasks/{id}")))
}

struct PortalTask {
    id: String,
    kind: &'static str,
    when: String,
    status: &'static str,
    reference: String,
    safe_contact: Vec<String>,
    hours: Option<f64>,
    withheld: Option<String>,
    /// Once accepted: the supervisor's briefing, the duty number, where, and the language.
    briefing: Option<String>,
    duty_phone: Option<String>,
    place: Option<String>,
    language: Option<String>,
    /// An evidence review accepted: its files open on their own page.
    evidence: bool,
}

impl PortalTask {
    fn of(task: peel_app::people::OwnTask) -> PortalTask {
        let t = task.record;
        let done_or_accepted = matches!(t.status, TaskStatus::Accepted | TaskStatus::Done);
        // A reviewer works on the files alone: no place, language or way to contact anyone.
        let review = t.task.kind == peel_core::people::matching::TaskKind::EvidenceReview;
        let accepted = done_or_accepted && !review;
        PortalTask {
            evidence: done_or_accepted && review,
            id: t.task.id.to_string(),
            kind: kind_label(t.task.kind),
            when: when(&t.task.window),
            status: t.status.slug(),
            reference: task
                .submission
                .as_ref()
                .map_or_else(String::new, |s| s.reference.to_string()),
            // How to contact the victim safely: shown to whoever contacts them, once accepted.
            place: task
                .submission
                .as_ref()
                .filter(|_| accepted)
                .map(|s| match &s.location {
                    peel_core::submission::Location::Postcode(p) => p.to_string(),
                    peel_core::submission::Location::Address(a) => a.clone(),
                    peel_core::submission::Location::Online => "online".to_owned(),
                    peel_core::submission::Location::Point { .. } => {
                        "the map point on the case".to_owned()
                    }
                }),
            language: task
                .submission
                .as_ref()
                .filter(|_| accepted)
                .map(|s| crate::i18n::shown_to_officers(&s.language)),
            safe_contact: task
                .submission
                .filter(|_| accepted)
                .map(|s| s.safe_contact.instructions())
                .unwrap_or_default(),
            briefing: t.briefing.clone().filter(|_| accepted),
            duty_phone: t.duty_phone.clone().filter(|_| accepted),
            hours: t.hours,
            withheld: task.withheld.map(|denied| denied.to_string()),
        }
    }
}

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage {
    chrome: Chrome,
    name: Option<String>,
    tasks: Vec<PortalTask>,
}

/// `GET /portal`: the tasks given to me, each with what I need to contact the victim safely
/// once I have accepted, while I may see it; recorded as a consultation.
pub async fn portal(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, PageError> {
    let (person, tasks) = peel_app::people::portal(state.ctx(), &caller.actor).await?;
    Ok(Html(
        PortalPage {
            chrome: Chrome::for_caller(&caller),
            name: person.map(|p| p.person.name),
            tasks: tasks.into_iter().map(PortalTask::of).collect(),
        }
        .render()?,
    ))
}

/// `GET /portal/tasks/{id}`: one task given to me, refused when it is not mine or I may not do
/// it now (my role removed, my clearance lapsed or suspended); recorded as a consultation.
pub async fn own_task(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let id = TaskId::parse(&id).ok_or(PageError::NotFound)?;
    let task = peel_app::people::own_task(state.ctx(), &caller.actor, id).await?;
    Ok(Html(
        PortalPage {
            chrome: Chrome::for_caller(&caller),
            name: None,
            tasks: vec![PortalTask::of(task)],
        }
        .render()?,
    ))
}

/// `POST /portal/tasks/{id}/{answer}`: accept, decline, or record the visit (hours and what
/// was done), for a task given to me.
pub async fn answer(
    State(state): State<AppState>,
    Path((id, answer)): Path<(String, String)>,
    CsrfForm(caller, pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    use peel_app::people::TaskAnswer;
    let id = TaskId::parse(&id).ok_or(PageError::NotFound)?;
    let answer = match answer.as_str() {
        "accept" => TaskAnswer::Accept,
        "decline" => TaskAnswer::Decline,
        "visit" => TaskAnswer::Done {
            hours: field(&pairs, "hours").parse().unwrap_or(-1.0),
            note: field(&pairs, "note").to_owned(),
            for_officer: field(&pairs, "for_officer").to_owned(),
        },
        _ => return Err(PageError::NotFound),
    };
    peel_app::people::answer_task(state.ctx(), &caller.actor, id, answer).await?;
    Ok(see_other("/portal"))
}

/// A task a supervisor may manage: on a submission of a team of theirs (or on none).
async fn managed_task(
    state: &AppState,
    caller: &Caller,
    id: TaskId,
) -> Result<TaskRecord, PageError> {
    let record = state.store().task(id).await?.ok_or(PageError::NotFound)?;
    match record.item.and_then(ItemRef::submission) {
        Some(submission) => {
            for_change(state.ctx(), &caller.actor, submission, Action::ManageTasks).await?;
        }
        None => {
            state
                .authorize(caller, Action::ManageTasks, &Resource::System)
                .await?;
        }
    }
    Ok(record)
}

struct ListedTask {
    id: String,
    kind: &'static str,
    when: String,
    status: &'static str,
    with: String,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    chrome: Chrome,
    tasks: Vec<ListedTask>,
}

/// `GET /tasks`: every task not yet done, for the supervisors: declined ones to give again,
/// open ones to give, and who the others are waiting on.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Html<String>, PageError> {
    state
        .authorize(&caller, Action::ManageTasks, &Resource::System)
        .await?;
    let people = state.store().people().await?;
    // Only the tasks on the supervisor's own teams' submissions.
    let open = state.store().tasks_not_done().await?;
    let on: Vec<peel_core::SubmissionId> = open
        .iter()
        .filter_map(|t| t.item.and_then(ItemRef::submission))
        .collect();
    let facts: std::collections::HashMap<_, _> = state
        .store()
        .submissions(&on)
        .await?
        .iter()
        .map(|s| (s.id, peel_app::submissions::facts(s)))
        .collect();
    let mine: Vec<TaskRecord> = open
        .into_iter()
        .filter(|t| {
            t.item
                .and_then(ItemRef::submission)
                .and_then(|id| facts.get(&id))
                .is_none_or(|facts| {
                    state.ctx().permits(
                        &caller.actor,
                        Action::ManageTasks,
                        &Resource::Submission(facts.clone()),
                    )
                })
        })
        .collect();
    let event = state.audit_event(
        &caller,
        AuditCode::TasksViewed,
        "tasks",
        &format!(
            "{} tasks shown: {}",
            mine.len(),
            mine.iter().map(subject_of).collect::<Vec<_>>().join(", ")
        ),
    );
    state.store().append_audit(vec![event]).await?;
    let mut tasks: Vec<ListedTask> = mine
        .into_iter()
        .map(|t| ListedTask {
            id: t.task.id.to_string(),
            kind: kind_label(t.task.kind),
            when: when(&t.task.window),
            status: t.status.slug(),
            with: t
                .assigned_to
                .as_ref()
                .map(|a| {
                    people
                        .iter()
                        .find(|p| p.person.id == *a)
                        .map_or_else(|| a.to_string(), |p| p.person.name.clone())
                })
                .unwrap_or_default(),
        })
        .collect();
    // Returned and declined first (back with the supervisor), then open, then waiting on an
    // answer, then accepted.
    let order = |s: &str| match s {
        "returned" | "declined" => 0,
        "open" => 1,
        "assigned" => 2,
        _ => 3,
    };
    tasks.sort_by_key(|t| order(t.status));
    Ok(Html(
        TasksPage {
            chrome: Chrome::for_caller(&caller),
            tasks,
        }
        .render()?,
    ))
}
