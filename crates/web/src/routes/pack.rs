//! The ward sharing pack over HTTP: `GET /sharing/pack` (the form, and the pack once a borough
//! and a board are chosen) and `GET /sharing/pack.csv`. The measures, the suppression and the
//! disclosure record are [`peel_app::pack`]'s.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use peel_app::ServiceError;
use peel_app::pack::{self, Format};

use crate::auth::Caller;
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::page;
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize)]
pub struct PackQuery {
    #[serde(default)]
    borough: String,
    #[serde(default)]
    board: String,
}

struct ShownTable {
    title: &'static str,
    about: &'static str,
    measures: Vec<&'static str>,
    /// Each ward: its name and its cells, the total last.
    rows: Vec<(String, Vec<String>)>,
}

struct ShownPack {
    borough: String,
    board: String,
    from: String,
    to: String,
    rule: &'static str,
    threshold: u32,
    csv_link: String,
    tables: Vec<ShownTable>,
}

#[derive(Template)]
#[template(path = "sharing_pack.html")]
struct PackPage {
    chrome: Chrome,
    errors: FieldErrors,
    boroughs: Vec<(String, String)>,
    boards: Vec<(String, String)>,
    chosen_borough: String,
    chosen_board: String,
    pack: Option<ShownPack>,
}

fn shown(made: &pack::Pack, query: &PackQuery) -> ShownPack {
    let t = made.threshold;
    ShownPack {
        borough: made.borough.clone(),
        board: made.board.name.clone(),
        from: made.from.to_string(),
        to: made.to.to_string(),
        rule: made.rule(),
        threshold: t,
        csv_link: format!(
            "/sharing/pack.csv?{}",
            serde_urlencoded::to_string([("borough", &query.borough), ("board", &query.board)])
                .unwrap_or_default()
        ),
        tables: made
            .tables
            .iter()
            .map(|table| ShownTable {
                title: table.title,
                about: table.about,
                measures: table.measures.clone(),
                rows: table
                    .rows
                    .iter()
                    .map(|r| {
                        let mut cells: Vec<String> = r.cells.iter().map(|c| c.text(t)).collect();
                        cells.push(r.total.text(t));
                        (r.ward.clone(), cells)
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `GET /sharing/pack`.
pub async fn form(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PackQuery>,
) -> Result<Response, PageError> {
    let ctx = state.ctx();
    let boards = pack::boards(ctx, &caller.actor)
        .await?
        .into_iter()
        .map(|b| (b.id.to_string(), b.name))
        .collect();
    let mut errors = FieldErrors::default();
    let mut made = None;
    if !query.borough.is_empty() || !query.board.is_empty() {
        match pack::produce(
            ctx,
            &caller.actor,
            &query.borough,
            &query.board,
            Format::Page,
        )
        .await
        {
            Ok(p) => made = Some(shown(&p, &query)),
            Err(ServiceError::Invalid { field, message }) => {
                errors.0.push(FieldError::new(field, message));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = PackPage {
        chrome: Chrome::for_caller(&caller),
        errors,
        boroughs: pack::boroughs(ctx),
        boards,
        chosen_borough: query.borough,
        chosen_board: query.board,
        pack: made,
    }
    .render()?;
    Ok(page(status, html, &[]))
}

/// `GET /sharing/pack.csv`.
pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PackQuery>,
) -> Result<Response, PageError> {
    let made = pack::produce(
        state.ctx(),
        &caller.actor,
        &query.borough,
        &query.board,
        Format::Csv,
    )
    .await?;
    let name = format!("sharing-pack-{}-{}.csv", made.borough_code, made.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        made.csv(),
    )
        .into_response())
}
