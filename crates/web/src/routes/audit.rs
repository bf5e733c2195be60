//! The auditor's pages: search the trail, and check its hash chain.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::audit::checkpoints::TrailStatus;
use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Resource};
use peel_store::AuditQuery;
use serde::Deserialize;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors, show_time};
use crate::routes::api::Entry;
use crate::routes::page;
use crate::state::AppState;

/// The most entries one page shows.
const PAGE_SIZE: u32 = 200;

#[derive(Debug, Default, Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// Continue after this entry (the last of the previous page).
    #[serde(default)]
    after: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    errors: FieldErrors,
    query: SearchForm,
    searched: bool,
    more: bool,
    /// The link to the next page of the same search.
    next: Option<String>,
    entries: Vec<Entry>,
    codes: Vec<(&'static str, &'static str)>,
}

fn parse_day(field: &'static str, text: &str) -> Result<Option<OffsetDateTime>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map(|date| Some(date.midnight().assume_utc()))
        .map_err(|_| {
            FieldError::new(
                field,
                "Enter a real date as YYYY-MM-DD, for example 2026-11-01",
            )
        })
}

/// `GET /audit`: the search form and, when a search was made, its results.
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Query(form): Query<SearchForm>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::SearchAuditLog, &Resource::AuditLog)
        .await?;
    let searched = [
        &form.subject,
        &form.actor,
        &form.event,
        &form.from,
        &form.to,
    ]
    .iter()
    .any(|value| !value.trim().is_empty());
    let from = parse_day("from", &form.from);
    let to = parse_day("to", &form.to).map(|day| day.map(|d| d + Duration::days(1)));
    let errors = FieldErrors(
        [&from, &to]
            .into_iter()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect(),
    );
    let mut entries = Vec::new();
    let mut more = false;
    if searched && errors.is_empty() {
        let query = AuditQuery {
            actor: Some(form.actor.trim().to_owned()).filter(|s| !s.is_empty()),
            subject: Some(form.subject.trim().to_owned()).filter(|s| !s.is_empty()),
            event: AuditCode::parse(form.event.trim()),
            from: from.ok().flatten(),
            to: to.ok().flatten(),
            after_seq: form.after,
            limit: PAGE_SIZE + 1,
        };
        let found = state.store().audit_entries(&query).await?;
        more = found.len() > PAGE_SIZE as usize;
        entries = found
            .into_iter()
            .take(PAGE_SIZE as usize)
            .map(|entry| {
                let at = show_time(&entry.event.at);
                Entry::new(entry, at)
            })
            .collect();
        let event = state.audit_event(
            &caller,
            AuditCode::AuditSearched,
            "audit_log",
            &format!(
                "searched subject '{}' actor '{}' from '{}' to '{}'",
                form.subject.trim(),
                form.actor.trim(),
                form.from.trim(),
                form.to.trim()
            ),
        );
        state.store().append_audit(vec![event]).await?;
    }
    let status = errors.status();
    let next = match (more, entries.last()) {
        (true, Some(last)) => Some(format!(
            "/audit?{}",
            serde_urlencoded::to_string([
                ("subject", form.subject.as_str()),
                ("actor", form.actor.as_str()),
                ("event", form.event.as_str()),
                ("from", form.from.as_str()),
                ("to", form.to.as_str()),
                ("after", last.seq.to_string().as_str()),
            ])
            .unwrap_or_default()
        )),
        _ => None,
    };
    let html = AuditPage {
        chrome: Chrome::for_caller(&caller),
        errors,
        query: form,
        searched,
        more,
        next,
        entries,
        codes: AuditCode::ALL
            .iter()
            .map(|code| (code.as_str(), code.meaning()))
            .collect(),
    }
    .render()?;
    Ok(page(status, html, &[]))
}

#[derive(Template)]
#[template(path = "audit_verify.html")]
struct VerifyPage {
    chrome: Chrome,
    intact: bool,
    n_entries: i64,
    problem: String,
}

/// `GET /audit/verify`: walks the chain and says whether it is intact.
pub async fn verify(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::VerifyAuditLog, &Resource::AuditLog)
        .await?;
    let (intact, n_entries, problem) = match state.ctx().verify_trail().await {
        Ok(TrailStatus::Intact(verified)) => (true, verified.entries, String::new()),
        Ok(TrailStatus::Broken { problem, .. }) => (false, 0, problem),
        Err(error) => {
            crate::error::log_store_error(&error);
            (
                false,
                0,
                "The audit trail could not be read; the problem has been logged".to_owned(),
            )
        }
    };
    let event = state.audit_event(
        &caller,
        AuditCode::AuditVerified,
        "audit_log",
        &format!("chain intact: {intact}"),
    );
    state.store().append_audit(vec![event]).await?;
    let html = VerifyPage {
        chrome: Chrome::for_caller(&caller),
        intact,
        n_entries,
        problem,
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
