//! `peel partner` and `peel agreement`: the partners Peel shares with, and the sharing
//! agreements register, kept by its owner at the console. The service is
//! [`peel_app::sharing`].

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_app::{ServiceError, SystemClock};
use peel_core::clock::Clock;

use crate::StoreArgs;
use crate::config::Settings;
use crate::say;

#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    /// Register a partner organisation (an NHS trust, a school, a youth service, ...)
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// Its id, such as camden-youth-service
        id: String,
        /// Its name
        #[arg(long)]
        name: String,
        /// nhs-trust, gp-practice, social-care, housing, school, youth-service, drug-alcohol,
        /// charity, cyber-resilience, bank or board
        #[arg(long)]
        kind: String,
    },
    /// Set a partner practitioner's job role, as sharing agreements name roles (an empty role
    /// clears it)
    JobRole {
        #[command(flatten)]
        store: StoreArgs,
        /// The practitioner's username
        username: String,
        /// The role, such as "designated safeguarding lead"
        #[arg(long)]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// Register a sharing agreement from its file, or a new version of one (the README shows
    /// the file)
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// The agreement file (TOML)
        #[arg(long)]
        file: PathBuf,
    },
    /// List the agreements: each one's newest version and whether it is in force today
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// A service's refusal as the console says it.
fn refused(error: ServiceError) -> anyhow::Error {
    match error {
        ServiceError::Invalid { message, .. } => anyhow::anyhow!(message),
        other => anyhow::Error::new(other),
    }
}

pub async fn run_partner(command: PartnerCommand) -> anyhow::Result<ExitCode> {
    let (store, id, name, kind) = match command {
        PartnerCommand::Add {
            store,
            id,
            name,
            kind,
        } => (store, id, name, kind),
        PartnerCommand::JobRole {
            store,
            username,
            role,
        } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            let set = peel_app::sharing::set_job_role(
                store.as_ref(),
                &crate::console_actor(),
                SystemClock.now(),
                &username,
                &role,
            )
            .await
            .map_err(refused)?;
            say(&match set {
                Some(role) => {
                    format!("{username} is now \"{role}\": agreements naming that role reach them")
                }
                None => format!("{username} has no job role now"),
            });
            return Ok(ExitCode::SUCCESS);
        }
    };
    let settings = Settings::load(&store, None)?;
    let store = settings.open_store().await?;
    let org = peel_app::sharing::add_partner(
        store.as_ref(),
        &crate::console_actor(),
        SystemClock.now(),
        &id,
        &name,
        &kind,
    )
    .await
    .map_err(refused)?;
    say(&format!(
        "Registered partner '{}' ({}, {}). Add its practitioners with `peel user add --role partner_practitioner --organisation {}`, then register the agreement with `peel agreement add --file`",
        org.id, org.name, org.sector, org.id
    ));
    Ok(ExitCode::SUCCESS)
}

pub async fn run_agreement(command: AgreementCommand) -> anyhow::Result<ExitCode> {
    match command {
        AgreementCommand::Add { store, file } => {
            let source = std::fs::read_to_string(&file)
                .with_context(|| format!("Failed to read {}", file.display()))?;
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            let record = peel_app::sharing::register(
                store.as_ref(),
                &crate::console_actor(),
                SystemClock.now(),
                &source,
            )
            .await
            .map_err(|e| refused(e).context(format!("{} was not registered", file.display())))?;
            let a = &record.agreement;
            say(&format!(
                "Registered agreement '{}' version {}: {} with {}, up to {}, review by {}, expires {}",
                a.id,
                a.version,
                a.purpose,
                a.parties.join(", "),
                a.max_marking,
                a.review,
                a.expires
            ));
            Ok(ExitCode::SUCCESS)
        }
        AgreementCommand::List { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            let today = peel_core::london::today(SystemClock.now());
            for record in store.agreements().await? {
                let a = &record.agreement;
                let standing = a.standing_words(today);
                say(&format!(
                    "{}\tversion {}\t{}\t{}",
                    a.id,
                    a.version,
                    a.parties.join(","),
                    standing
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
