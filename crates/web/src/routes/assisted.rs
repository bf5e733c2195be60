//! `GET`/`POST /reports/new`: a contact handler takes a report on someone's behalf, over the
//! phone, in person, by letter or through an interpreter. The same questions and checks as the
//! public form, the channel recorded (it feeds satisfaction by channel), the safe-contact
//! wishes asked aloud from a script, the reference and status code shown for reading back, and
//! the handler recorded as the report's taker, never its reporter.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use peel_core::policy::{Action, Resource};
use peel_core::submission::Channel;

use crate::auth::Caller;
use crate::auth::csrf::CsrfForm;
use crate::error::PageError;
use crate::pages::{FieldError, FieldErrors};
use crate::routes::field;
use crate::routes::report_pages::{
    Assisted, Choice, FormValues, Sending, parse_form, read_form, render_answers, render_form,
};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

fn choices(chosen: &str) -> Assisted {
    Assisted {
        channels: Channel::ASSISTED
            .into_iter()
            .map(|c| Choice {
                slug: c.slug(),
                label: c.label().to_owned(),
                checked: chosen == c.slug(),
            })
            .collect(),
    }
}

/// `GET /reports/new`: the form, for a contact handler or officer.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Caller,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::TakeReportOnBehalf, &Resource::System)
        .await?;
    render_form(
        &state,
        &headers,
        &caller,
        FormValues::default(),
        FieldErrors::default(),
        Some(choices("")),
    )
}

/// `POST /reports/new`: checks the answers, shows them to read back, then stores the report
/// with its channel and the handler as its taker.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(caller, pairs): CsrfForm<Pairs>,
) -> Result<Response, PageError> {
    state
        .authorize(&caller, Action::TakeReportOnBehalf, &Resource::System)
        .await?;
    let form = read_form(&pairs);
    let assisted = choices(&form.channel);
    let channel = Channel::parse(&form.channel).filter(|c| Channel::ASSISTED.contains(c));
    if field(&pairs, "edit") == "yes" {
        return render_form(
            &state,
            &headers,
            &caller,
            form,
            FieldErrors::default(),
            Some(assisted),
        );
    }
    let tr = crate::i18n::Tr::default();
    let parsed = parse_form(&state, tr, &form, &pairs);
    let (report, channel) = match (parsed, channel) {
        (Ok(report), Some(channel)) => (report, channel),
        (parsed, channel) => {
            let mut errors = Vec::new();
            if channel.is_none() {
                errors.push(
                    FieldError::new(
                        "channel",
                        "Choose how the report is reaching you: phone, in person, letter or through an interpreter",
                    )
                    .at("channel-phone"),
                );
            }
            if let Err(FieldErrors(more)) = parsed {
                errors.extend(more);
            }
            return render_form(
                &state,
                &headers,
                &caller,
                form,
                FieldErrors(errors),
                Some(assisted),
            );
        }
    };
    if field(&pairs, "confirmed") != "yes" {
        let answers = crate::routes::report_answers::Answers {
            action: "/reports/new",
            files: false,
            file_error: None,
        };
        return render_answers(&caller, answers, &form, &report, &pairs);
    }
    let sending = Sending {
        state: &state,
        headers: &headers,
        caller: &caller,
        pairs: &pairs,
        action: "/reports/new",
    };
    sending
        .send(form, report, channel, Some(assisted), Default::default())
        .await
}
