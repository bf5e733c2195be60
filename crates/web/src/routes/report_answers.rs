//! Check your answers: every answer of the report form in the reporter's words, each with a
//! change button back to its field, before anything is sent. The answers travel in hidden
//! fields, never in the address.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use peel_core::submission::NewReport;

use crate::auth::Caller;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::pages::{Chrome, show_time};
use crate::routes::page;
use crate::routes::report_pages::FormValues;

/// One answer on the check-your-answers page.
struct AnswerRow {
    question: String,
    answer: Vec<String>,
    /// The field the change button goes back to.
    anchor: &'static str,
}

#[derive(Template)]
#[template(path = "report_answers.html")]
struct AnswersPage {
    chrome: Chrome,
    action: &'static str,
    rows: Vec<AnswerRow>,
    fields: Vec<(String, String)>,
    /// Whether files may be sent with the report from this page.
    files: bool,
    /// Why a file sent with it was refused.
    file_error: Option<String>,
}

/// Where the answers page sends, and what it offers beside the answers.
pub(crate) struct Answers {
    /// The form's address.
    pub(crate) action: &'static str,
    /// Whether files may be sent with the report (the public form: a multipart form).
    pub(crate) files: bool,
    /// Why a file sent with it was refused.
    pub(crate) file_error: Option<String>,
}

/// The answers in the reporter's words, each with a change button back to its field.
fn answer_rows(tr: Tr, form: &FormValues, report: &NewReport) -> Vec<AnswerRow> {
    let yes_no = |b: bool| tr.t(if b { "answers-yes" } else { "answers-no" });
    let given = |text: &str| {
        if text.is_empty() {
            tr.t("answers-none")
        } else {
            text.to_owned()
        }
    };
    let row = |question: &str, answer: Vec<String>, anchor: &'static str| AnswerRow {
        question: tr.t(question),
        answer,
        anchor,
    };
    let when = show_time(&report.occurred_at);
    let place = match form.where_kind.as_str() {
        "postcode" => form.postcode.to_uppercase(),
        "address" => form.address.clone(),
        _ => tr.t("answers-online"),
    };
    let mut ways: Vec<String> = [
        (form.safe_email, "form-safe-email"),
        (form.safe_phone, "form-safe-phone"),
        (form.safe_text, "form-safe-text"),
        (form.no_voicemail, "form-no-voicemail"),
        (form.shared_device, "form-shared-device"),
    ]
    .into_iter()
    .filter(|(ticked, _)| *ticked)
    .map(|(_, id)| tr.t(id))
    .collect();
    if ways.is_empty() {
        ways.push(tr.t("answers-none"));
    }
    let mut rows = vec![
        row(
            "form-description",
            report.description.lines().map(str::to_owned).collect(),
            "description",
        ),
        row(
            "form-category",
            vec![tr.t(&format!("category-{}", report.category.slug()))],
            "category-anti-social-behaviour",
        ),
        row("form-when", vec![when], "occurred_day"),
        row("form-where", vec![place], "where-postcode"),
        row(
            "form-role",
            vec![tr.t(&format!("role-{}", report.reporter_role.slug()))],
            "reporter_role-victim",
        ),
        row(
            "form-anonymous",
            vec![yes_no(form.anonymous)],
            "anonymous-no",
        ),
    ];
    if !form.anonymous {
        rows.push(row(
            "form-name",
            vec![given(&form.contact_name)],
            "contact_name",
        ));
        rows.push(row(
            "form-email",
            vec![given(&form.contact_email)],
            "contact_email",
        ));
        rows.push(row(
            "form-phone",
            vec![given(&form.contact_phone)],
            "contact_phone",
        ));
        rows.push(row("answers-ways", ways, "safe_channel-email"));
        rows.push(row(
            "form-safe-times",
            vec![given(&form.safe_times)],
            "safe_times",
        ));
    }
    rows.push(row(
        "form-language",
        vec![report.language.clone()],
        "language",
    ));
    rows.push(row(
        "form-community",
        vec![given(&form.community)],
        "community",
    ));
    rows
}

/// The check-your-answers page, carrying every answer in hidden fields (never the address).
pub(crate) fn render_answers(
    caller: &Caller,
    answers: Answers,
    form: &FormValues,
    report: &NewReport,
    pairs: &[(String, String)],
) -> Result<Response, PageError> {
    let chrome = Chrome::for_caller(caller);
    let rows = answer_rows(chrome.tr, form, report);
    let html = AnswersPage {
        chrome,
        action: answers.action,
        files: answers.files,
        file_error: answers.file_error,
        rows,
        fields: pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "confirmed" | "edit"))
            .cloned()
            .collect(),
    }
    .render()?;
    Ok(page(StatusCode::OK, html, &[]))
}
