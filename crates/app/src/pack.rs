//! The ward sharing pack (issue 18): for a safer neighbourhood board or community safety
//! partnership, one borough's wards over the last twelve months in counts only, small numbers
//! suppressed by the stated rule ([`peel_core::sharing::pack::RULE`]); each production is
//! recorded as a disclosure to the board. The measures are
//! [`peel_core::sharing::pack::measure::build`]'s.

use peel_core::audit::AuditCode;
use peel_core::concern::OrganisationKind;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::sharing::PartnerKind;
use peel_core::sharing::pack::measure::{Table, build};
use peel_core::sharing::pack::{DEFAULT_THRESHOLD, RULE, csv};
use peel_core::{OrganisationId, WardCode};
use peel_store::Organisation;
use time::Date;

use crate::{Context, ServiceError, ServiceResult};

/// A pack as produced.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The borough's GSS code.
    pub borough_code: String,
    /// The borough's name.
    pub borough: String,
    /// The board it is for.
    pub board: Organisation,
    /// The first day counted.
    pub from: Date,
    /// The last day counted.
    pub to: Date,
    /// The smallest count shown.
    pub threshold: u32,
    /// Its tables.
    pub tables: Vec<Table>,
}

impl Pack {
    /// The rule that hid the small numbers, in words.
    pub fn rule(&self) -> &'static str {
        RULE
    }

    /// The pack as CSV: each table's rows, with the table's title as the first column, and the
    /// rule stated after each.
    pub fn csv(&self) -> String {
        let mut out = format!(
            "# Ward sharing pack: {}, {} to {}, for {}\n",
            self.borough, self.from, self.to, self.board.name
        );
        for table in &self.tables {
            out.push_str(&format!("# {}\n", table.title));
            out.push_str(&csv(&table.measures, &table.rows, self.threshold));
        }
        out
    }
}

/// How the pack leaves Peel, for the disclosure's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As a page.
    Page,
    /// As a CSV file.
    Csv,
}

/// The boards a pack may be produced for: registered partners of kind board.
pub async fn boards(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<Organisation>> {
    ctx.authorize(actor, Action::ProduceSharingPack, &Resource::System)
        .await?;
    Ok(ctx
        .store()
        .organisations()
        .await?
        .into_iter()
        .filter(is_board)
        .collect())
}

fn is_board(org: &Organisation) -> bool {
    org.kind == OrganisationKind::Partner && org.sector == PartnerKind::Board.slug()
}

/// Produces one borough's pack for `board`, recorded as a disclosure to it.
pub async fn produce(
    ctx: &Context,
    actor: &Actor,
    borough: &str,
    board: &str,
    format: Format,
) -> ServiceResult<Pack> {
    ctx.authorize(actor, Action::ProduceSharingPack, &Resource::System)
        .await?;
    let not_board = || {
        ServiceError::invalid(
            "board",
            "Choose a safer neighbourhood board or partnership registered as a partner of kind \
             board (peel partner add ID --kind board)",
        )
    };
    let board_id = OrganisationId::parse(board.trim()).map_err(|_| not_board())?;
    let board = ctx
        .store()
        .organisation(&board_id)
        .await?
        .filter(is_board)
        .ok_or_else(not_board)?;
    let gazetteer = ctx.gazetteer().ok_or_else(|| {
        ServiceError::invalid(
            "borough",
            "London's geography is not imported yet (peel geo import)",
        )
    })?;
    let found = gazetteer
        .borough(borough.trim())
        .ok_or_else(|| ServiceError::invalid("borough", "Choose a borough"))?;
    let mut wards: Vec<(WardCode, String)> = gazetteer
        .wards()
        .iter()
        .filter(|w| w.borough_code == found.code)
        .filter_map(|w| Some((WardCode::parse(&w.code).ok()?, w.name.clone())))
        .collect();
    wards.sort_by(|a, b| a.1.cmp(&b.1));
    let to = ctx.today();
    let from = peel_core::retention::years_on(to, -1)
        .next_day()
        .unwrap_or(to);
    let since = peel_core::london::start_of(from).unwrap_or(ctx.now());
    let codes: Vec<WardCode> = wards.iter().map(|(code, _)| code.clone()).collect();
    let store = ctx.store();
    let facts = store.pack_facts(since, &codes).await?;
    let links = store.links_between_reports(since).await?;
    let threshold = DEFAULT_THRESHOLD;
    let tables = build(&wards, &facts, &links, threshold);
    let mut event = ctx.event(
        actor,
        AuditCode::SharingPackDisclosed,
        format!("sharing_pack:{}", found.code),
        format!(
            "ward sharing pack for {} ({} wards), {from} to {to}, as {}: counts only, small \
             numbers under {threshold} suppressed",
            found.name,
            wards.len(),
            match format {
                Format::Page => "a page",
                Format::Csv => "CSV",
            }
        ),
    );
    event.recipient = format!("{} ({})", board.name, board.id);
    ctx.record(event).await?;
    Ok(Pack {
        borough_code: found.code.clone(),
        borough: found.name.clone(),
        board,
        from,
        to,
        threshold,
        tables,
    })
}

/// The boroughs a pack may be produced for, by name: (GSS code, name).
pub fn boroughs(ctx: &Context) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = ctx
        .gazetteer()
        .map(|g| {
            g.boroughs()
                .iter()
                .map(|b| (b.code.clone(), b.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    all.sort_by(|a, b| a.1.cmp(&b.1));
    all
}
