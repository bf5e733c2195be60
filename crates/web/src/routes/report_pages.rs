//! The public report form: the danger question, the form, check your answers, the present-danger
//! check and the confirmation with support. No account, no JavaScript, and no answer ever in an
//! address. A contact handler taking a report on someone's behalf uses the same form and pages
//! ([`super::assisted`]).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_core::calendar::london_offset;
use peel_core::submission::{Category, Channel, NewReport, ReportInput, ReporterRole};
use serde::Deserialize;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use crate::auth::{Caller, csrf};
use crate::error::PageError;
use crate::i18n::Tr;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::form_files::{self, FormWithFiles};
use crate::routes::report_answers::Answers;
pub(crate) use crate::routes::report_answers::render_answers;
use crate::routes::{field, page};
use crate::state::AppState;
use peel_app::intake::{self, Received};

#[derive(Template)]
#[template(path = "report_start.html")]
struct StartPage {
    chrome: Chrome,
    errors: FieldErrors,
}

/// `GET /report`: the first question, whether anyone is in danger.
pub async fn start(caller: Caller) -> Result<Response, PageError> {
    render_start(&caller, FieldErrors::default())
}

fn render_start(caller: &Caller, errors: FieldErrors) -> Result<Response, PageError> {
    let status = errors.status();
    Ok(page(
        status,
        StartPage {
            chrome: Chrome::for_caller(caller),
            errors,
        }
        .render()?,
        &[],
    ))
}

#[derive(Template)]
#[template(path = "report_danger_check.html")]
struct DangerCheckPage {
    chrome: Chrome,
    /// Why it looks like danger now: message ids.
    reasons: Vec<&'static str>,
    /// Every answer given, sent again if they go on.
    fields: Vec<(String, String)>,
    /// Where they are sent.
    action: &'static str,
}

#[derive(Template)]
#[template(path = "staying_safe.html")]
struct StayingSafePage {
    chrome: Chrome,
}

/// `GET /staying-safe`: leaving quickly, private windows, history, shared phones.
pub async fn staying_safe(caller: Caller) -> Result<Response, PageError> {
    Ok(page(
        StatusCode::OK,
        StayingSafePage {
            chrome: Chrome::for_caller(&caller),
        }
        .render()?,
        &[],
    ))
}

/// `GET /leave`: "Leave this site quickly" goes on at once to the neutral page in settings,
/// telling it nothing of where the visitor came from.
pub async fn leave(State(state): State<AppState>) -> Response {
    let mut response = crate::routes::see_other(&state.config().quick_exit_url);
    response.headers_mut().insert(
        axum::http::header::REFERRER_POLICY,
        axum::http::HeaderValue::from_static("no-referrer"),
    );
    response
}

#[derive(Template)]
#[template(path = "report_999.html")]
struct EmergencyPage {
    chrome: Chrome,
}

#[derive(Debug, Deserialize)]
pub struct DangerAnswer {
    danger: Option<String>,
}

/// `POST /report/check`: anyone in danger gets the 999 page, and nothing is stored. The answer
/// comes in the body, never the address, so it stays out of the browser's history.
pub async fn check(
    caller: Caller,
    Form(answer): Form<DangerAnswer>,
) -> Result<Response, PageError> {
    match answer.danger.as_deref() {
        Some("yes") => Ok(page(
            StatusCode::OK,
            EmergencyPage {
                chrome: Chrome::for_caller(&caller),
            }
            .render()?,
            &[],
        )),
        Some("no") => Ok(crate::routes::see_other("/report/details")),
        _ => render_start(
            &caller,
            FieldErrors::one(
                FieldError::new("danger", caller.tr.t("start-danger-missing")).at("danger-yes"),
            ),
        ),
    }
}

/// A radio choice or an option.
pub(crate) struct Choice {
    pub(crate) slug: &'static str,
    pub(crate) label: String,
    pub(crate) checked: bool,
}

/// The form's answers, as typed, for showing them again.
#[derive(Debug, Default)]
pub(crate) struct FormValues {
    pub(crate) description: String,
    pub(crate) occurred_day: String,
    pub(crate) occurred_month: String,
    pub(crate) occurred_year: String,
    pub(crate) occurred_time: String,
    pub(crate) where_kind: String,
    pub(crate) postcode: String,
    pub(crate) address: String,
    pub(crate) anonymous: bool,
    /// Whether the anonymity question was answered at all (it is never preselected).
    pub(crate) anonymity_answered: bool,
    pub(crate) contact_name: String,
    pub(crate) contact_email: String,
    pub(crate) contact_phone: String,
    pub(crate) safe_email: bool,
    pub(crate) safe_phone: bool,
    pub(crate) safe_text: bool,
    pub(crate) no_voicemail: bool,
    pub(crate) shared_device: bool,
    pub(crate) safe_times: String,
    pub(crate) language: String,
    pub(crate) language_other: String,
    pub(crate) community: String,
    pub(crate) targeted_before: bool,
    pub(crate) category: String,
    pub(crate) reporter_role: String,
    /// For a report taken on someone's behalf: how it reached the handler.
    pub(crate) channel: String,
}

/// The choices only a report taken on someone's behalf has.
pub(crate) struct Assisted {
    pub(crate) channels: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "report_form.html")]
struct FormPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    form: FormValues,
    categories: Vec<Choice>,
    roles: Vec<Choice>,
    languages: Vec<Choice>,
    assisted: Option<Assisted>,
}

/// The languages a reporter may ask us to use, by their English names (as officers and the
/// outbox see them): the public pages' languages, then others widely spoken in London.
const SPOKEN: &[(&str, &str)] = &[
    ("English", "English"),
    ("Polish", "Polski"),
    ("Romanian", "Română"),
    ("Bengali", "বাংলা"),
    ("Urdu", "اردو"),
    ("Arabic", "العربية"),
    ("Somali", "Soomaali"),
    ("Turkish", "Türkçe"),
    ("Albanian", "Shqip"),
    ("British Sign Language", "BSL"),
    ("Cantonese", "廣東話"),
    ("Farsi", "فارسی"),
    ("French", "Français"),
    ("Gujarati", "ગુજરાતી"),
    ("Italian", "Italiano"),
    ("Kurdish", "Kurdî"),
    ("Lithuanian", "Lietuvių"),
    ("Mandarin", "普通话"),
    ("Pashto", "پښتو"),
    ("Portuguese", "Português"),
    ("Punjabi", "ਪੰਜਾਬੀ"),
    ("Russian", "Русский"),
    ("Spanish", "Español"),
    ("Tamil", "தமிழ்"),
    ("Tigrinya", "ትግርኛ"),
    ("Twi", "Twi"),
    ("Ukrainian", "Українська"),
    ("Yoruba", "Yorùbá"),
];

pub(crate) fn render_form(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    form: FormValues,
    errors: FieldErrors,
    assisted: Option<Assisted>,
) -> Result<Response, PageError> {
    let chrome = Chrome::for_caller(caller);
    let tr = chrome.tr;
    // A signed-in handler's form carries their session's token; the public's, the cookie's.
    let (csrf, set_cookie) = if assisted.is_some() {
        (caller.csrf_token().to_owned(), None)
    } else {
        csrf::cookie_token(state, headers)?
    };
    let categories = Category::ALL
        .into_iter()
        .map(|c| Choice {
            slug: c.slug(),
            label: tr.t(&format!("category-{}", c.slug())),
            checked: form.category == c.slug(),
        })
        .collect();
    let roles = ReporterRole::ALL
        .into_iter()
        .map(|r| Choice {
            slug: r.slug(),
            label: tr.t(&format!("role-{}", r.slug())),
            checked: form.reporter_role == r.slug(),
        })
        .collect();
    // The page's own language is chosen until the reporter says otherwise.
    let chosen = if form.language.is_empty() {
        tr.lang().english
    } else {
        form.language.as_str()
    };
    let languages = SPOKEN
        .iter()
        .map(|(english, native)| Choice {
            slug: english,
            label: if english == native {
                (*english).to_owned()
            } else {
                format!("{english} ({native})")
            },
            checked: chosen == *english,
        })
        .collect();
    let status = errors.status();
    let html = FormPage {
        chrome,
        csrf,
        errors,
        form,
        categories,
        roles,
        languages,
        assisted,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

/// `GET /report/details`.
pub async fn details(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    render_form(
        &state,
        &headers,
        &caller,
        FormValues::default(),
        FieldErrors::default(),
        None,
    )
}

fn ticked(pairs: &[(String, String)], name: &str, value: &str) -> bool {
    pairs.iter().any(|(k, v)| k == name && v == value)
}

pub(crate) fn read_form(pairs: &[(String, String)]) -> FormValues {
    FormValues {
        description: field(pairs, "description").to_owned(),
        occurred_day: field(pairs, "occurred_day").to_owned(),
        occurred_month: field(pairs, "occurred_month").to_owned(),
        occurred_year: field(pairs, "occurred_year").to_owned(),
        occurred_time: field(pairs, "occurred_time").to_owned(),
        where_kind: field(pairs, "where_kind").to_owned(),
        postcode: field(pairs, "postcode").to_owned(),
        address: field(pairs, "address").to_owned(),
        anonymous: field(pairs, "anonymous") == "yes",
        anonymity_answered: matches!(field(pairs, "anonymous"), "yes" | "no"),
        contact_name: field(pairs, "contact_name").to_owned(),
        contact_email: field(pairs, "contact_email").to_owned(),
        contact_phone: field(pairs, "contact_phone").to_owned(),
        safe_email: ticked(pairs, "safe_channel", "email"),
        safe_phone: ticked(pairs, "safe_channel", "phone"),
        safe_text: ticked(pairs, "safe_channel", "text"),
        no_voicemail: field(pairs, "no_voicemail") == "yes",
        shared_device: field(pairs, "shared_device") == "yes",
        safe_times: field(pairs, "safe_times").to_owned(),
        language: field(pairs, "language").to_owned(),
        language_other: field(pairs, "language_other").to_owned(),
        community: field(pairs, "community").to_owned(),
        targeted_before: field(pairs, "targeted_before") == "yes",
        category: field(pairs, "category").to_owned(),
        reporter_role: field(pairs, "reporter_role").to_owned(),
        channel: field(pairs, "channel").to_owned(),
    }
}

/// The London date and time typed, as UTC; `None` when it is not a real date and time.
fn occurred_at(form: &FormValues) -> Option<OffsetDateTime> {
    let day: u8 = form.occurred_day.parse().ok()?;
    let month: u8 = form.occurred_month.parse().ok()?;
    let year: i32 = form.occurred_year.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    let time = if form.occurred_time.is_empty() {
        Time::MIDNIGHT
    } else {
        let (hour, minute) = form
            .occurred_time
            .replace('.', ":")
            .split_once(':')
            .map(|(h, m)| (h.trim().to_owned(), m.trim().to_owned()))?;
        Time::from_hms(hour.parse().ok()?, minute.parse().ok()?, 0).ok()?
    };
    let local = PrimitiveDateTime::new(date, time).assume_utc();
    Some(local - london_offset(local))
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// The id on the page that an error about `field` links to: a group's first input.
fn anchor(field: &'static str) -> &'static str {
    match field {
        "occurred_at" => "occurred_day",
        "location" => "where-postcode",
        "category" => "category-anti-social-behaviour",
        "reporter_role" => "reporter_role-victim",
        "anonymous" => "anonymous-no",
        "safe_channels" => "safe_channel-email",
        "channel" => "channel-phone",
        other => other,
    }
}

/// The preferred language: one from the list, or the one written in.
fn language(form: &FormValues) -> Option<String> {
    non_empty(&form.language_other).or_else(|| non_empty(&form.language))
}

/// The answers as a report's input.
fn input_of(form: &FormValues, pairs: &[(String, String)]) -> ReportInput {
    ReportInput {
        description: form.description.clone(),
        category: form.category.clone(),
        occurred_at: occurred_at(form),
        postcode: (form.where_kind == "postcode")
            .then(|| form.postcode.clone())
            .filter(|p| !p.is_empty()),
        point: None,
        address: (form.where_kind == "address")
            .then(|| form.address.clone())
            .filter(|a| !a.is_empty()),
        online: form.where_kind == "online",
        reporter_role: form.reporter_role.clone(),
        anonymous: form.anonymous,
        contact_name: non_empty(&form.contact_name),
        contact_email: non_empty(&form.contact_email),
        contact_phone: non_empty(&form.contact_phone),
        safe_channels: pairs
            .iter()
            .filter(|(k, _)| k == "safe_channel")
            .map(|(_, v)| v.clone())
            .collect(),
        safe_times: non_empty(&form.safe_times),
        no_voicemail: form.no_voicemail,
        shared_device: form.shared_device,
        language: language(form),
        community: non_empty(&form.community),
        targeted_before: form.targeted_before,
        danger_denied: field(pairs, "danger_checked") == "yes",
    }
}

/// Checks every answer: the report, or each problem once, in the page's language, its link
/// landing on its field.
pub(crate) fn parse_form(
    state: &AppState,
    tr: Tr,
    form: &FormValues,
    pairs: &[(String, String)],
) -> Result<NewReport, FieldErrors> {
    let input = input_of(form, pairs);
    let date_typed = !(form.occurred_day.is_empty()
        && form.occurred_month.is_empty()
        && form.occurred_year.is_empty());
    let mut errors = Vec::new();
    // Staying anonymous is a choice the reporter makes, never a default (finding P2-1).
    if !form.anonymity_answered {
        errors.push(
            FieldError::new("anonymous", tr.t("form-anonymous-missing")).at(anchor("anonymous")),
        );
    }
    match NewReport::parse(&input, state.now()) {
        Ok(report) if errors.is_empty() => Ok(report),
        Ok(_) => Err(FieldErrors(errors)),
        Err(problems) => {
            for p in problems {
                let error = if p.field == "occurred_at" && date_typed && input.occurred_at.is_none()
                {
                    FieldError::new("occurred_at", tr.t("form-date-not-real"))
                } else {
                    FieldError::from_problem(&p, tr)
                };
                errors.push(error.at(anchor(p.field)));
            }
            Err(FieldErrors(errors))
        }
    }
}

/// `POST /report/details`: checks every answer, shows them to check, then stores and routes
/// the report.
pub async fn submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    request: axum::extract::Request,
) -> Result<Response, PageError> {
    let mut files = FormWithFiles::read(&state, &headers, request).await?;
    let pairs = std::mem::take(&mut files.pairs);
    let refused = files.refused.take();
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let form = read_form(&pairs);
    let tr = Chrome::for_caller(&caller).tr;
    // Back from checking the answers, or from the danger check, to change one.
    if field(&pairs, "edit") == "yes" {
        return render_form(
            &state,
            &headers,
            &caller,
            form,
            FieldErrors::default(),
            None,
        );
    }
    let report = match parse_form(&state, tr, &form, &pairs) {
        Ok(report) => report,
        Err(errors) => {
            files.discard().await;
            return render_form(&state, &headers, &caller, form, errors, None);
        }
    };
    if field(&pairs, "confirmed") != "yes" || refused.is_some() {
        files.discard().await;
        let answers = Answers {
            action: "/report/details",
            files: true,
            file_error: refused,
        };
        return render_answers(&caller, answers, &form, &report, &pairs);
    }
    // Counted once the report is a valid one, so junk cannot spend everyone's budget.
    if let Err(error) = state.admit_report(client.0, "web form").await {
        files.discard().await;
        return Err(error.into());
    }
    let sent = Sending {
        state: &state,
        headers: &headers,
        caller: &caller,
        pairs: &pairs,
        action: "/report/details",
    };
    sent.send(form, report, Channel::Web, None, files).await
}

/// What storing a checked report needs from the request.
pub(crate) struct Sending<'a> {
    pub(crate) state: &'a AppState,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) caller: &'a Caller,
    pub(crate) pairs: &'a [(String, String)],
    /// Where the form posts (the danger check posts there again).
    pub(crate) action: &'static str,
}

/// The danger reasons' codes as the page's message ids.
fn danger_message(code: &str) -> &'static str {
    match code {
        "risk.in_progress" => "danger-reason-in-progress",
        "risk.danger_to_life" => "danger-reason-danger-to-life",
        _ => "danger-reason-self-harm",
    }
}

impl Sending<'_> {
    /// Stores and routes the report (a refresh or double tap stores nothing twice), or asks
    /// again when what happened suggests present danger; then the confirmation.
    pub(crate) async fn send(
        &self,
        form: FormValues,
        report: NewReport,
        channel: Channel,
        assisted: Option<Assisted>,
        mut files: FormWithFiles,
    ) -> Result<Response, PageError> {
        let (state, caller) = (self.state, self.caller);
        // A refresh or a double tap sends the same form again: the same token and answers make
        // the same key, so the first report's confirmation is shown again and nothing is stored
        // twice (finding P1-10).
        let key = {
            use sha2::Digest;
            let mut hash = sha2::Sha256::new();
            for (name, value) in self.pairs {
                hash.update((name.len() as u64).to_be_bytes());
                hash.update(name.as_bytes());
                hash.update((value.len() as u64).to_be_bytes());
                hash.update(value.as_bytes());
            }
            hex::encode(hash.finalize())
        };
        let shared_device = report.safe_contact.shared_device;
        let category = report.category;
        let scope = match &caller.user {
            Some(user) => format!("web:assisted:{}", user.id),
            None => "web:form".to_owned(),
        };
        let received = match intake::receive(
            state.ctx(),
            &caller.actor,
            report,
            channel,
            Some(intake::IdempotencyRequest {
                scope,
                key: key.clone(),
                request_digest: key,
            }),
            |accepted| {
                serde_json::json!({
                    "reference": accepted.reference.to_string(),
                    "status_token": accepted.status_token.expose(),
                    "team": accepted.routing.team_name,
                    "reason": accepted.routing.reason,
                    "next_update_due": accepted.next_update_due.as_ref().map(show_time),
                    "risk_to_life": accepted.triage.reasons.iter().any(|r| r.code == "threat.self_harm"),
                })
                .to_string()
            },
        )
        .await
        {
            Ok(received) => received,
            Err(error) => {
                // Nothing was stored, so neither are the files: the form is shown again.
                files.discard().await;
                return self.not_sent(error, form, assisted).await;
            }
        };
        let mut files_kept = (0, 0);
        let done = match received {
            Received::Accepted(accepted) => {
                if !files.files.is_empty()
                    && let Some(submission) = state.store().submission(accepted.id).await?
                {
                    let files = std::mem::take(&mut files.files);
                    files_kept = form_files::attach(state, &caller.actor, &submission, files).await;
                }
                DoneFields {
                    reference: accepted.reference.to_string(),
                    status_token: accepted.status_token.expose().to_owned(),
                    team: accepted.routing.team_name.clone(),
                    reason: accepted.routing.reason.clone(),
                    next_update_due: accepted.next_update_due.as_ref().map(show_time),
                    risk_to_life: accepted
                        .triage
                        .reasons
                        .iter()
                        .any(|r| r.code == "threat.self_harm"),
                }
            }
            // Sent twice: the first time's files were kept with it.
            Received::Replayed(first) => {
                files.discard().await;
                serde_json::from_str(&first).map_err(|_| PageError::Internal)?
            }
        };
        self.confirmation(done, channel, assisted, shared_device, category, files_kept)
    }

    /// The form again when intake did not store the report: outside the force's area, or a
    /// danger check first.
    async fn not_sent(
        &self,
        error: intake::IntakeError,
        form: FormValues,
        assisted: Option<Assisted>,
    ) -> Result<Response, PageError> {
        let (state, caller) = (self.state, self.caller);
        match error {
            intake::IntakeError::OutsideForceArea { field, message } => {
                let errors = FieldErrors(vec![FieldError::new(field, message).at(anchor(field))]);
                render_form(state, self.headers, caller, form, errors, assisted)
            }
            // What happened suggests someone is in danger now, but they said nobody is: ask
            // again, with 999; nothing has been stored.
            intake::IntakeError::PresentDanger(reasons) => {
                let mut reasons: Vec<&'static str> =
                    reasons.iter().map(|c| danger_message(c)).collect();
                reasons.dedup();
                let html = DangerCheckPage {
                    chrome: Chrome::for_caller(caller),
                    reasons,
                    fields: self
                        .pairs
                        .iter()
                        .filter(|(k, _)| k != "danger_checked")
                        .cloned()
                        .collect(),
                    action: self.action,
                }
                .render()?;
                Ok(page(StatusCode::OK, html, &[]))
            }
            error => Err(PageError::internal(&error)),
        }
    }

    /// The confirmation: the reference and code, who has it and when they will be in touch.
    fn confirmation(
        &self,
        done: DoneFields,
        channel: Channel,
        assisted: Option<Assisted>,
        shared_device: bool,
        category: Category,
        (files_kept, files_lost): (usize, usize),
    ) -> Result<Response, PageError> {
        let (state, caller) = (self.state, self.caller);
        let (csrf, set_cookie) = csrf::cookie_token(state, self.headers)?;
        let helplines = peel_core::support::helplines(category, done.risk_to_life)
            .into_iter()
            .map(|line| HelplineView {
                name: line.name,
                number: line.number,
                tel: line.number.replace(' ', ""),
                message: format!("support-{}", line.id),
            })
            .collect();
        let html = DonePage {
            chrome: Chrome::for_caller(caller),
            csrf,
            assisted: assisted.is_some(),
            channel: channel.label(),
            shared_device,
            reference: done.reference,
            status_token: done.status_token,
            team: done.team,
            reason: done.reason,
            next_update_due: done.next_update_due,
            helplines,
            files_kept,
            files_lost,
        }
        .render()?;
        Ok(page(StatusCode::OK, html, set_cookie.as_slice()))
    }
}

/// A helpline as the confirmation shows it.
struct HelplineView {
    name: &'static str,
    number: &'static str,
    /// The number as a `tel:` link dials it.
    tel: String,
    /// Its description's message id.
    message: String,
}

#[derive(Template)]
#[template(path = "report_done.html")]
struct DonePage {
    chrome: Chrome,
    csrf: String,
    /// Taken on someone's behalf: the handler reads the reference and code back.
    assisted: bool,
    /// How it was taken.
    channel: &'static str,
    /// Someone else may see their phone or messages.
    shared_device: bool,
    reference: String,
    status_token: String,
    team: String,
    reason: String,
    next_update_due: Option<String>,
    helplines: Vec<HelplineView>,
    /// Files sent with the form and kept on the report.
    files_kept: usize,
    /// Files sent with the form that could not be kept (the report was).
    files_lost: usize,
}

/// What the confirmation shows, kept for showing again when the same form comes twice.
#[derive(serde::Deserialize)]
struct DoneFields {
    reference: String,
    status_token: String,
    team: String,
    reason: String,
    next_update_due: Option<String>,
    #[serde(default)]
    risk_to_life: bool,
}
