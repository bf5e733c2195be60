//! `peel key`: API keys for organisations, from the console.

use std::process::ExitCode;

use clap::Subcommand;
use peel_app::SystemClock;
use peel_core::OrganisationId;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;

use crate::StoreArgs;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Issue an API key to an organisation and print it once (the same kind of key as
    /// /admin/api-keys makes); recorded in the audit trail
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// The organisation's id (`northbank`)
        #[arg(long)]
        organisation: String,
        /// Days until it stops working (1 to 730)
        #[arg(long, default_value_t = 365)]
        days: i64,
        /// What the key is for
        label: String,
    },
}

pub async fn run(command: KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::Add {
            store,
            organisation,
            days,
            label,
        } => {
            anyhow::ensure!(
                (1..=730).contains(&days),
                "--days must be between 1 and 730"
            );
            let label = label.trim();
            anyhow::ensure!(
                !label.is_empty() && label.chars().count() <= 100,
                "the label must say what the key is for, in 100 characters or fewer"
            );
            let organisation = OrganisationId::parse(&organisation.to_lowercase())
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            let key = peel_app::accounts::issue_api_key(
                store.as_ref(),
                &crate::console_actor(),
                SystemClock.now(),
                label,
                &organisation,
                days,
                AuditCode::ApiKeyIssuedAtConsole,
            )
            .await?;
            crate::say(&key);
            eprintln!(
                "This is the only time the key is shown. Give it to {organisation} by a safe channel; it works for {days} days."
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
