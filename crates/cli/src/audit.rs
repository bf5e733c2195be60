//! `peel audit`: verify and export the audit trail from the console.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_app::audit::checkpoints::CheckpointFailure;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_store::{VerifyError, entry_to_json, export_audit};
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use crate::StoreArgs;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the keyed hash chain and check it against the signed checkpoints; exits 0 when
    /// intact, 1 naming the first bad entry (or the bad checkpoint) when not
    Verify {
        #[command(flatten)]
        store: StoreArgs,
        /// The checkpoint file [default: the `audit_checkpoints` setting, or
        /// DATA_DIR/audit-checkpoints.jsonl]
        #[arg(long, value_name = "FILE")]
        checkpoints: Option<PathBuf>,
    },
    /// Check what was written since the last checkpoint and write a signed checkpoint now
    Checkpoint {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write entries as JSON Lines for the data protection officer (the export is itself recorded)
    Export {
        #[command(flatten)]
        store: StoreArgs,
        /// First day to include, as YYYY-MM-DD (UTC)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day to include, as YYYY-MM-DD (UTC)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Who receives the export, for the disclosure record
        #[arg(long, default_value = "data protection officer")]
        recipient: String,
        /// Why it is being exported
        #[arg(long, default_value = "audit of lawful processing (DPA 2018 s.62(4))")]
        reason: String,
    },
}

pub async fn run(command: AuditCommand) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Verify { store, checkpoints } => {
            let mut settings = Settings::load(&store, None)?;
            if checkpoints.is_some() {
                settings.audit_checkpoints = checkpoints;
            }
            let store = settings.open_existing_store().await?;
            let log = settings.checkpoint_log()?;
            match log.verify(store.as_ref()).await {
                Ok(verified) if verified.entries == 0 => {
                    crate::say(
                        "The audit trail holds no entries, so there is nothing to vouch for: is this the store you meant?",
                    );
                    Ok(ExitCode::FAILURE)
                }
                Ok(verified) if verified.checkpoints == 0 => {
                    crate::say(&format!(
                        "The audit trail cannot be vouched for: {} entries chain correctly, but {} holds no signed checkpoint, so nothing outside the database confirms them.",
                        verified.entries,
                        log.path().display()
                    ));
                    Ok(ExitCode::FAILURE)
                }
                Ok(verified) => {
                    let latest = verified.latest.map_or_else(String::new, |(seq, at)| {
                        format!(
                            "; the latest seals entry {seq} at {}",
                            at.format(&time::format_description::well_known::Rfc3339)
                                .unwrap_or_default()
                        )
                    });
                    crate::say(&format!(
                        "The audit trail is intact: {} entries checked against {} signed checkpoints{latest}.",
                        verified.entries, verified.checkpoints
                    ));
                    crate::say(&format!(
                        "Checkpoints are signed by key {}.",
                        log.public_key()
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Err(CheckpointFailure::Chain(VerifyError::Broken(broken))) => {
                    crate::say(&format!(
                        "The audit trail has been tampered with: {broken}."
                    ));
                    crate::say(&format!("First bad entry: {}", broken.seq()));
                    Ok(ExitCode::FAILURE)
                }
                Err(CheckpointFailure::Chain(VerifyError::Store(error))) => {
                    crate::say(&format!("The audit trail could not be read: {error}."));
                    Ok(ExitCode::FAILURE)
                }
                Err(other) => {
                    crate::say(&format!(
                        "The audit checkpoints cannot be trusted: {other}."
                    ));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        AuditCommand::Checkpoint { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            let log = settings.checkpoint_log()?;
            let signed = log
                .write(store.as_ref(), SystemClock.now(), true)
                .await
                .context("No checkpoint was written")?
                .context("No checkpoint was written")?;
            crate::say(&format!(
                "Checkpoint written to {}: entry {}.",
                log.path().display(),
                signed.checkpoint.seq
            ));
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Export {
            store,
            from,
            to,
            output,
            recipient,
            reason,
        } => {
            let from = parse_day(from.as_deref())?;
            let to = parse_day(to.as_deref())?.map(|day| day + Duration::days(1));
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            let mut sink: Box<dyn Write> = match &output {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("Failed to create {}", path.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let n_entries = export_audit(store.as_ref(), from, to, |entry| {
                writeln!(sink, "{}", entry_to_json(entry))
            })
            .await?;
            sink.flush().context("Failed to write the export")?;
            drop(sink);
            let mut event = peel_app::audit::event(
                &crate::console_actor(),
                SystemClock.now(),
                AuditCode::AuditExported,
                "audit_log",
                format!("{n_entries} entries exported"),
            );
            event.recipient = recipient;
            event.justification = reason;
            store.append_audit(vec![event]).await?;
            eprintln!("Exported {n_entries} entries.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_day(text: Option<&str>) -> anyhow::Result<Option<OffsetDateTime>> {
    text.map(|text| {
        Date::parse(text, format_description!("[year]-[month]-[day]"))
            .map(|date| date.midnight().assume_utc())
            .with_context(|| format!("'{text}' is not a date in the form YYYY-MM-DD"))
    })
    .transpose()
}
