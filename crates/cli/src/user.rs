//! `peel user`: accounts from the console.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_core::RoleSet;
use peel_core::clock::Clock;
use peel_core::policy::Actor;
use peel_web::SystemClock;
use peel_web::accounts::{AccountRequest, create_account};

use crate::StoreArgs;
use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input or prompted for, never taken as an argument
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// A role to give (repeat, or separate with commas): intermediary, contact_handler,
        /// neighbourhood_officer, supervisor, volunteer, vetting_officer, partner_practitioner,
        /// analyst, auditor, administrator
        #[arg(long = "role", value_name = "ROLE", required = true)]
        roles: Vec<String>,
        /// The organisation the account belongs to [default: the configured organisation]
        #[arg(long)]
        organisation: Option<String>,
        /// The username
        username: String,
    },
    /// List accounts and their roles
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub async fn run(command: UserCommand) -> anyhow::Result<ExitCode> {
    match command {
        UserCommand::Add {
            store,
            roles,
            organisation,
            username,
        } => {
            let settings = Settings::load(&store, None)?;
            let roles = RoleSet::parse_slugs(&roles.join(",")).map_err(anyhow::Error::msg)?;
            let password = read_password()?;
            let store = settings.open_store().await?;
            let request = AccountRequest {
                username,
                password,
                roles,
                organisation: organisation.unwrap_or(settings.organisation.clone()),
            };
            let label = crate::console_label();
            let user = create_account(
                store.as_ref(),
                &Actor::operator(),
                &label,
                SystemClock.now(),
                &request,
            )
            .await?;
            crate::say(&format!(
                "Created account '{}' with roles [{}]",
                user.username,
                user.roles.to_slugs()
            ));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::List { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_store().await?;
            for user in store.list_users().await? {
                crate::say(&format!(
                    "{}\t{}\t{}",
                    user.username,
                    user.organisation,
                    user.roles.to_slugs()
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads the password: prompted twice on a terminal, otherwise the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")
            .context("Failed to read the password")?;
        let second =
            rpassword::prompt_password("Type it again: ").context("Failed to read the password")?;
        anyhow::ensure!(first == second, "the passwords do not match");
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("Failed to read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(
        !password.is_empty(),
        "no password was given on standard input"
    );
    Ok(password)
}
