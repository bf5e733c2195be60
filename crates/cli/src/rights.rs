//! `peel subject-access` and `peel review`: a data subject's access request answered at the
//! console (an export as JSON and as a readable page), and the review and retention queue. The
//! services are [`peel_app::rights`].

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use peel_app::rights::retention::{self, Ground};
use peel_app::rights::{self as service, SubjectQuery};
use peel_app::{Context, ServiceError, SystemClock};
use peel_core::SubmissionId;
use peel_core::reference::Reference;

use crate::StoreArgs;
use crate::config::Settings;
use crate::say;

#[derive(Debug, Args)]
pub struct SubjectAccessArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// The person's email address
    #[arg(long)]
    email: Option<String>,
    /// The person's phone number
    #[arg(long)]
    phone: Option<String>,
    /// The person's name
    #[arg(long)]
    name: Option<String>,
    /// The day the request was received, YYYY-MM-DD (the one-month clock runs from it) [default: today]
    #[arg(long, value_name = "DATE")]
    received: Option<String>,
    /// A report that matched by name alone and that you have confirmed is the person's (repeat;
    /// a name alone is never enough, since other people share it)
    #[arg(long = "confirm", value_name = "REFERENCE")]
    confirmed: Vec<String>,
    /// Where to write export.json and export.html (made if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// List the reports and concerns whose review date has passed, longest overdue first
    Queue {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Retain a record on review until its next review, with the reason
    Retain {
        #[command(flatten)]
        store: StoreArgs,
        /// The report's reference
        reference: String,
        /// Why it is kept (the national retention assessment criteria answer)
        #[arg(long)]
        reason: String,
    },
    /// Erase a record with its links, messages and evidence (the chain of custody is kept)
    Erase {
        #[command(flatten)]
        store: StoreArgs,
        /// The report's reference
        reference: String,
        /// Why
        #[arg(long)]
        reason: String,
        /// Erased at the data subject's request rather than on review
        #[arg(long)]
        at_request: bool,
    },
    /// Restrict processing of a record at the data subject's request (kept, shown to nobody
    /// without a stated purpose, changed by nobody), or lift the restriction
    Restrict {
        #[command(flatten)]
        store: StoreArgs,
        /// The report's reference
        reference: String,
        /// Why
        #[arg(long)]
        reason: String,
        /// Lift the restriction instead
        #[arg(long)]
        lift: bool,
    },
    /// Correct a reporter's name, email or phone at the data subject's request (an empty value
    /// removes it); the audit entry keeps what they were
    Rectify {
        #[command(flatten)]
        store: StoreArgs,
        /// The report's reference
        reference: String,
        /// The corrected name
        #[arg(long)]
        name: Option<String>,
        /// The corrected email
        #[arg(long)]
        email: Option<String>,
        /// The corrected phone
        #[arg(long)]
        phone: Option<String>,
        /// Why
        #[arg(long)]
        reason: String,
    },
}

fn refused(error: ServiceError) -> anyhow::Error {
    match error {
        ServiceError::Invalid { message, .. } => anyhow::anyhow!(message),
        other => anyhow::Error::new(other),
    }
}

async fn context(store: &StoreArgs) -> anyhow::Result<Context> {
    let settings = Settings::load(store, None)?;
    let opened = settings.open_store().await?;
    Ok(Context::new(
        opened,
        Arc::new(SystemClock),
        settings.app_settings()?,
    ))
}

pub async fn run_subject_access(args: SubjectAccessArgs) -> anyhow::Result<ExitCode> {
    let received = args
        .received
        .as_deref()
        .map(|text| {
            time::Date::parse(
                text.trim(),
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map_err(|_| anyhow::anyhow!("--received {text:?} is not a date (YYYY-MM-DD)"))
        })
        .transpose()?;
    let ctx = context(&args.store).await?;
    let query = SubjectQuery {
        email: args.email,
        phone: args.phone,
        name: args.name,
        received,
        confirmed: args.confirmed,
    };
    let actor = crate::console_actor();
    let answer = service::subject_access(&ctx, &actor, &query)
        .await
        .map_err(refused)?;
    let export = &answer.export;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("Failed to make {}", args.out.display()))?;
    let json = serde_json::to_string_pretty(export).context("Failed to write the export")?;
    for (name, body) in [
        ("export.json", json),
        ("export.html", service::html::render(export)),
    ] {
        let path = args.out.join(name);
        std::fs::write(&path, body)
            .with_context(|| format!("Failed to write {}", path.display()))?;
    }
    // Answered once the files are written, never before.
    service::answered(&ctx, &actor, &answer)
        .await
        .map_err(refused)?;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    say(&format!(
        "Wrote export.json and export.html to {}: {}. The request ({}) was received {} and is \
         due by {}; it is now marked answered.",
        args.out.display(),
        plural(export.reports.len(), "report", "reports"),
        answer.request,
        export.request.received,
        export.request.due
    ));
    if !answer.withheld.is_empty() {
        say("Withheld (recorded with the request; the export neither confirms nor denies it):");
        for e in &answer.withheld {
            say(&format!("  {}: {}", e.what, e.reason));
        }
    }
    if !answer.name_only.is_empty() {
        say(&format!(
            "These match the name alone and are not in the export: {}. Check each is the \
             person's, then answer again with --confirm REFERENCE for each.",
            answer.name_only.join(", ")
        ));
    }
    Ok(ExitCode::SUCCESS)
}

async fn by_reference(ctx: &Context, text: &str) -> anyhow::Result<SubmissionId> {
    let reference = Reference::parse(text.trim())
        .ok_or_else(|| anyhow::anyhow!("{text:?} is not a reference"))?;
    ctx.store()
        .submission_by_reference(&reference)
        .await?
        .map(|s| s.id)
        .ok_or_else(|| anyhow::anyhow!("There is no report {reference}"))
}

pub async fn run_review(command: ReviewCommand) -> anyhow::Result<ExitCode> {
    let actor = crate::console_actor();
    match command {
        ReviewCommand::Queue { store } => {
            let ctx = context(&store).await?;
            let due = retention::queue(&ctx, &actor).await.map_err(refused)?;
            if due.is_empty() {
                say("Nothing is due for review.");
            }
            for entry in due {
                say(&format!(
                    "{}  due {}  {}  {}",
                    entry.submission.reference,
                    entry.due,
                    entry.group.label(),
                    entry.submission.category.label()
                ));
            }
        }
        ReviewCommand::Retain {
            store,
            reference,
            reason,
        } => {
            let ctx = context(&store).await?;
            let id = by_reference(&ctx, &reference).await?;
            let next = retention::retain(&ctx, &actor, id, &reason)
                .await
                .map_err(refused)?;
            say(&format!("Retained {reference}: next review {next}."));
        }
        ReviewCommand::Erase {
            store,
            reference,
            reason,
            at_request,
        } => {
            let ctx = context(&store).await?;
            let id = by_reference(&ctx, &reference).await?;
            let ground = if at_request {
                Ground::SubjectRequest
            } else {
                Ground::Review
            };
            let erased = retention::erase(&ctx, &actor, id, ground, &reason)
                .await
                .map_err(refused)?;
            say(&format!(
                "Erased {}: {} links and {} evidence items removed; the audit trail keeps its \
                 erasure and the chain of custody.",
                erased.reference, erased.links, erased.evidence_items
            ));
        }
        ReviewCommand::Restrict {
            store,
            reference,
            reason,
            lift,
        } => {
            let ctx = context(&store).await?;
            let id = by_reference(&ctx, &reference).await?;
            retention::restrict(&ctx, &actor, id, !lift, &reason)
                .await
                .map_err(refused)?;
            say(&if lift {
                format!("Processing of {reference} is no longer restricted.")
            } else {
                format!(
                    "Processing of {reference} is restricted: it is kept, left out of queues, \
                     read only with a stated purpose and changed by nobody."
                )
            });
        }
        ReviewCommand::Rectify {
            store,
            reference,
            name,
            email,
            phone,
            reason,
        } => {
            let ctx = context(&store).await?;
            let id = by_reference(&ctx, &reference).await?;
            let change = peel_store::ContactCorrection {
                name,
                email,
                phone,
                forget: Vec::new(),
            };
            retention::rectify(&ctx, &actor, id, &change, &reason)
                .await
                .map_err(refused)?;
            say(&format!(
                "Corrected {reference}; the audit trail keeps what it was."
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}
