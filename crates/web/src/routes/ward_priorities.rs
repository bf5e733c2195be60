//! Residents' priorities on the web (issue 19): the section of the public ward page (the
//! panel's priorities and what has been done, residents' voices and the harm side by side,
//! and the form to give a voice), the pages a voice passes through (sent, confirm,
//! confirmed), the panel's own page for the ward's team, and the comparison the dashboards
//! show. The service (`peel_app::priorities`) decides everything; these adapt.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peel_app::priorities::{self, PanelChoice, Voice, WardPriorities};
use peel_app::{ServiceError, insight};
use peel_core::WardCode;
use peel_core::policy::Actor;
use peel_core::stats::interval::wilson;
use peel_core::stats::measure::{ByCategory, PublicCount};
use peel_core::stats::priority::{MAX_NOTE, Theme, VOICES_TO_COMPARE, withheld_in_public};
use peel_core::submission::Category;
use peel_store::PriorityRecord;

use crate::auth::csrf::CsrfForm;
use crate::auth::{Caller, csrf};
use crate::charts::format_number;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::{field, page, see_other};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

/// A priority as a page shows it.
pub(crate) struct PriorityView {
    pub id: i64,
    pub issue: String,
    pub theme: String,
    pub consulted: String,
    pub done: Vec<String>,
}

/// One theme's row: the panel's choice, residents' voices, its crimes and harm.
pub(crate) struct ThemeRow {
    pub theme: String,
    pub chosen: bool,
    pub voices: String,
    pub crimes: String,
    pub harm: String,
}

/// The priorities section of a ward's pages.
pub(crate) struct PrioritiesView {
    pub quarter: String,
    pub previous_quarter: String,
    pub current: Vec<PriorityView>,
    pub previous: Vec<PriorityView>,
    pub rows: Vec<ThemeRow>,
    pub total: String,
    pub differences: Vec<String>,
    /// (slug, words) of every theme, for the form.
    pub themes: Vec<(&'static str, String)>,
}

fn date_of(at: time::OffsetDateTime) -> String {
    peel_core::london::display_date(peel_core::london::local(at).date())
}

fn priority_views(chrome: &Chrome, records: &[PriorityRecord]) -> Vec<PriorityView> {
    records
        .iter()
        .map(|r| PriorityView {
            id: r.id,
            issue: r.priority.issue.clone(),
            theme: chrome.t(&format!("theme-{}", r.priority.theme.slug())),
            consulted: r.priority.consultation.clone(),
            done: r
                .actions
                .iter()
                .map(|a| {
                    chrome.t2(
                        "ward-priority-done-line",
                        "date",
                        &date_of(a.recorded_at),
                        "text",
                        &a.text,
                    )
                })
                .collect(),
        })
        .collect()
}

/// Every theme's words, for forms.
fn theme_choices(chrome: &Chrome) -> Vec<(&'static str, String)> {
    Theme::ALL
        .iter()
        .map(|t| (t.slug(), chrome.t(&format!("theme-{}", t.slug()))))
        .collect()
}

/// The section as residents see it (`public`: the ward's categories over the twelve months
/// as the page's table of kinds withholds them) or as the ward's team does (`None`).
pub(crate) fn view(
    chrome: &Chrome,
    p: &WardPriorities,
    public_cells: Option<&[(Category, PublicCount)]>,
) -> PrioritiesView {
    let public = public_cells.is_some();
    let count = |n: u64| match PublicCount::of(n) {
        PublicCount::FewerThan(t) if public => chrome.t1("ward-fewer-than", "n", &t.to_string()),
        _ => format_number(n as f64),
    };
    let percent = |v: f64| format_number(v * 100.0);
    let rows = Theme::ALL
        .iter()
        .map(|theme| {
            let n = p
                .voices
                .iter()
                .find(|(t, _)| t == theme)
                .map_or(0, |(_, n)| *n);
            let voices = match wilson(n, p.total_voices) {
                Some(i) if !(public && PublicCount::of(n).suppressed()) => chrome.tr.with(
                    "ward-voices-share",
                    &[
                        ("n", &format_number(n as f64)),
                        ("share", &percent(n as f64 / p.total_voices as f64)),
                        ("low", &percent(i.low)),
                        ("high", &percent(i.high)),
                    ],
                ),
                _ => count(n),
            };
            let harm = p.harm.iter().find(|h| h.theme == *theme);
            let (crimes, harm) = match harm {
                None => {
                    let none = chrome.t("ward-priorities-not-counted");
                    (none.clone(), none)
                }
                Some(h) if public_cells.is_some_and(|cells| withheld_in_public(h, cells)) => {
                    let withheld = chrome.t1(
                        "ward-priorities-withheld",
                        "n",
                        &peel_core::stats::measure::PUBLIC_THRESHOLD.to_string(),
                    );
                    (withheld.clone(), withheld)
                }
                Some(h) => (format_number(h.crimes as f64), format_number(h.days)),
            };
            ThemeRow {
                theme: chrome.t(&format!("theme-{}", theme.slug())),
                chosen: p.comparison.panel.contains(theme),
                voices,
                crimes,
                harm,
            }
        })
        .collect();
    let theme_words = |t: Theme| chrome.t(&format!("theme-{}", t.slug()));
    let mut differences = Vec::new();
    if p.comparison.residents_differ()
        && let Some(t) = p.comparison.residents_first
    {
        differences.push(chrome.t1("ward-residents-differ", "theme", &theme_words(t)));
    }
    if p.comparison.harm_differs()
        && let Some(t) = p.comparison.harm_first
    {
        differences.push(chrome.t1("ward-harm-differs", "theme", &theme_words(t)));
    }
    PrioritiesView {
        quarter: p.quarter.to_string(),
        previous_quarter: p.quarter.previous().to_string(),
        current: priority_views(chrome, &p.current),
        previous: priority_views(chrome, &p.previous),
        rows,
        total: chrome.t1(
            "ward-voices-total",
            "n",
            &format_number(p.total_voices as f64),
        ),
        differences,
        themes: theme_choices(chrome),
    }
}

/// The fewest voices for residents' first theme to be named, as pages say it.
pub(crate) fn voices_to_compare() -> String {
    VOICES_TO_COMPARE.to_string()
}

/// What the form keeps of a resident's answers when it is shown again.
#[derive(Default)]
struct VoiceInput {
    theme: String,
    words: String,
    email: String,
}

#[derive(Template)]
#[template(path = "voice_form.html")]
struct VoiceFormPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    ward_code: String,
    ward: String,
    themes: Vec<(&'static str, String)>,
    input: VoiceInput,
}

fn ward_name(state: &AppState, ward: &WardCode) -> Result<String, PageError> {
    state
        .ctx()
        .gazetteer()
        .and_then(|g| g.ward(ward.as_str()).map(|w| w.name.clone()))
        .ok_or(PageError::NotFound)
}

fn ward_of(state: &AppState, code: &str) -> Result<(WardCode, String), PageError> {
    let ward = WardCode::parse(code).map_err(|_| PageError::NotFound)?;
    let name = ward_name(state, &ward)?;
    Ok((ward, name))
}

fn render_form(
    state: &AppState,
    headers: &HeaderMap,
    caller: &Caller,
    (code, name): (&WardCode, String),
    input: VoiceInput,
    errors: FieldErrors,
) -> Result<Response, PageError> {
    let (csrf, set_cookie) = csrf::cookie_token(state, headers)?;
    let chrome = Chrome::for_caller(caller);
    let status = errors.status();
    let html = VoiceFormPage {
        themes: theme_choices(&chrome),
        chrome,
        csrf,
        errors,
        ward_code: code.to_string(),
        ward: name,
        input,
    }
    .render()?;
    Ok(page(status, html, set_cookie.as_slice()))
}

/// `GET /wards/{code}/voices`: the form on its own (the ward page holds it too).
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let (ward, name) = ward_of(&state, &code)?;
    render_form(
        &state,
        &headers,
        &caller,
        (&ward, name),
        VoiceInput::default(),
        FieldErrors::default(),
    )
}

#[derive(Template)]
#[template(path = "voice_done.html")]
struct VoiceDonePage {
    chrome: Chrome,
    title: String,
    lines: Vec<String>,
    ward_code: String,
    ward: String,
    /// The token to confirm with, on the page that asks for the click.
    confirm: Option<(String, String)>,
}

/// `POST /wards/{code}/voices`: checks the answers, counts them against the address's limit,
/// keeps the voice and says to check the email.
pub async fn submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Path(code): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let (ward, name) = ward_of(&state, &code)?;
    let chrome = Chrome::for_caller(&caller);
    let voice = Voice {
        theme: field(&pairs, "theme").to_owned(),
        words: field(&pairs, "words").to_owned(),
        email: field(&pairs, "email").to_owned(),
        language: chrome.tr.lang().code.to_owned(),
    };
    let checked = match priorities::check_voice(&voice) {
        Ok(checked) => checked,
        Err(ServiceError::Invalid { field, .. }) => {
            let (message, anchor) = match field {
                "theme" => (chrome.t("voice-error-theme"), "theme-anti-social-behaviour"),
                "email" => (chrome.t("voice-error-email"), "email"),
                _ => (
                    chrome.t1("voice-error-words", "max", &MAX_NOTE.to_string()),
                    "words",
                ),
            };
            let input = VoiceInput {
                theme: voice.theme,
                words: voice.words,
                email: voice.email,
            };
            let errors = FieldErrors::one(FieldError::new(field, message).at(anchor));
            return render_form(&state, &headers, &caller, (&ward, name), input, errors);
        }
        Err(other) => return Err(other.into()),
    };
    // Counted once valid, with reports from the same address: the abuse limits of intake.
    state.admit_report(client.0, "ward priorities").await?;
    let from = Actor::public_as(&client.0.to_string());
    priorities::give_voice(state.ctx(), &from, &ward, &checked).await?;
    let html = VoiceDonePage {
        title: chrome.t("voice-sent-title"),
        lines: vec![chrome.t1("voice-sent-body", "email", &checked.email)],
        chrome,
        ward_code: ward.to_string(),
        ward: name,
        confirm: None,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// The token in a confirmation link.
#[derive(serde::Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /wards/{code}/voices/confirm?token=…`: asks for the click that confirms (a link
/// opened by a mail scanner confirms nothing).
pub async fn confirm_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
    Path(code): Path<String>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let (ward, name) = ward_of(&state, &code)?;
    let (csrf, set_cookie) = csrf::cookie_token(&state, &headers)?;
    let chrome = Chrome::for_caller(&caller);
    let html = VoiceDonePage {
        title: chrome.t("voice-confirm-title"),
        lines: vec![chrome.t1("voice-confirm-body", "ward", &name)],
        chrome,
        ward_code: ward.to_string(),
        ward: name,
        confirm: Some((csrf, query.token)),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, set_cookie.as_slice()))
}

/// `POST /wards/{code}/voices/confirm`: the voice counts.
pub async fn confirm(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    headers: HeaderMap,
    caller: Caller,
    Path(code): Path<String>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, PageError> {
    csrf::check_cookie_form(&state, &headers, field(&pairs, csrf::FIELD))?;
    let (ward, name) = ward_of(&state, &code)?;
    let chrome = Chrome::for_caller(&caller);
    let from = Actor::public_as(&client.0.to_string());
    let (status, title, lines, ward, name) =
        match priorities::confirm(state.ctx(), &from, field(&pairs, "token")).await {
            Ok(voice) => {
                let name = ward_name(&state, &voice.ward).unwrap_or(name);
                let theme = chrome.t(&format!("theme-{}", voice.theme.slug()));
                let mut lines =
                    vec![chrome.t2("voice-confirmed-body", "theme", &theme, "ward", &name)];
                if voice.replaced {
                    lines.push(chrome.t("voice-confirmed-replaced"));
                }
                let title = chrome.t("voice-confirmed-title");
                (StatusCode::OK, title, lines, voice.ward, name)
            }
            Err(ServiceError::NotFound) => (
                StatusCode::NOT_FOUND,
                chrome.t("voice-confirm-title"),
                vec![chrome.t("voice-confirm-unknown")],
                ward,
                name,
            ),
            Err(other) => return Err(other.into()),
        };
    let html = VoiceDonePage {
        chrome,
        title,
        lines,
        ward_code: ward.to_string(),
        ward: name,
        confirm: None,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

#[derive(Template)]
#[template(path = "ward_panel.html")]
struct PanelPage {
    chrome: Chrome,
    ward_code: String,
    ward: String,
    priorities: PrioritiesView,
    room: bool,
    most: usize,
    words: Vec<(String, String, String)>,
    few: String,
}

/// The ward's crimes by category over the last twelve months imported, and the harm table.
async fn last_twelve(
    state: &AppState,
    ward: &WardCode,
) -> Result<(ByCategory, peel_core::stats::harm::HarmTable), PageError> {
    let (from, to) = insight::months(state.ctx(), None, None).await?;
    let stats = insight::public_ward(state.ctx(), ward, from, to).await?;
    Ok((stats.measures.last_twelve.crimes, stats.harm))
}

/// `GET /insight/wards/{code}/priorities`: the panel's page, for the ward's team.
pub async fn panel(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let (ward, name) = ward_of(&state, &code)?;
    let (counts, harm) = last_twelve(&state, &ward).await?;
    let (view_of, words) =
        priorities::panel(state.ctx(), &caller.actor, &ward, &counts, &harm).await?;
    let chrome = Chrome::for_caller(&caller);
    let html = PanelPage {
        ward_code: ward.to_string(),
        ward: name,
        room: view_of.current.len() < peel_core::stats::priority::MAX_PER_QUARTER,
        most: peel_core::stats::priority::MAX_PER_QUARTER,
        priorities: view(&chrome, &view_of, None),
        words: words
            .iter()
            .map(|w| {
                (
                    chrome.t(&format!("theme-{}", w.theme.slug())),
                    date_of(w.confirmed_at),
                    w.words.clone(),
                )
            })
            .collect(),
        few: voices_to_compare(),
        chrome,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}

/// `POST /insight/wards/{code}/priorities`: records a panel's priority.
pub async fn record(
    State(state): State<AppState>,
    Path(code): Path<String>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let (ward, _) = ward_of(&state, &code)?;
    let choice = PanelChoice {
        theme: field(&pairs, "theme").to_owned(),
        issue: field(&pairs, "issue").to_owned(),
        consultation: field(&pairs, "consultation").to_owned(),
    };
    priorities::record(state.ctx(), &caller.actor, &ward, &choice).await?;
    Ok(see_other(&format!("/insight/wards/{ward}/priorities")))
}

/// `POST /insight/priorities/{id}/actions`: records what has been done about a priority.
pub async fn record_action(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    let ward =
        priorities::record_action(state.ctx(), &caller.actor, id, field(&pairs, "text")).await?;
    Ok(see_other(&format!("/insight/wards/{ward}/priorities")))
}

/// A ward's row in the dashboards' comparison.
pub(crate) struct CompareRow {
    pub ward: String,
    pub href: String,
    pub panel: String,
    pub residents: String,
    pub harm: String,
    pub differs: &'static str,
}

/// The dashboards' comparison of each ward's panel, voices and harm this quarter.
pub(crate) async fn compare_rows(
    state: &AppState,
    caller: &Caller,
    wards: &[insight::Part],
    harm: &peel_core::stats::harm::HarmTable,
) -> Result<Vec<CompareRow>, PageError> {
    let chrome = Chrome::for_caller(caller);
    let parts: Vec<(WardCode, &ByCategory, &str)> = wards
        .iter()
        .filter_map(|p| {
            Some((
                WardCode::parse(&p.code).ok()?,
                &p.measures.last_twelve.crimes,
                p.name.as_str(),
            ))
        })
        .collect();
    let asked: Vec<(WardCode, &ByCategory)> =
        parts.iter().map(|(w, c, _)| (w.clone(), *c)).collect();
    let compared = priorities::compared(state.ctx(), &caller.actor, &asked, harm).await?;
    let words = |t: Option<Theme>| {
        t.map_or_else(
            || "None named".to_owned(),
            |t| chrome.t(&format!("theme-{}", t.slug())),
        )
    };
    Ok(compared
        .iter()
        .zip(&parts)
        .map(|((ward, p), (_, _, name))| CompareRow {
            ward: (*name).to_owned(),
            href: format!("/insight/wards/{ward}/priorities"),
            panel: if p.comparison.panel.is_empty() {
                "None recorded".to_owned()
            } else {
                p.comparison
                    .panel
                    .iter()
                    .map(|t| chrome.t(&format!("theme-{}", t.slug())))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            residents: format!(
                "{} ({} voices)",
                words(p.comparison.residents_first),
                format_number(p.total_voices as f64)
            ),
            harm: words(p.comparison.harm_first),
            differs: match (p.comparison.residents_differ(), p.comparison.harm_differs()) {
                (true, true) => "From residents and from the harm",
                (true, false) => "From residents",
                (false, true) => "From the harm",
                (false, false) if p.comparison.panel.is_empty() => "No priorities yet",
                (false, false) => "No",
            },
        })
        .collect())
}
