//! `peel user`: accounts from the console.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_app::accounts::{AccountRequest, create_account};
use peel_app::audit::event as audit_event_by;
use peel_core::audit::AuditCode;
use peel_core::clock::Clock;
use peel_core::{OrganisationId, RoleSet, TeamId};

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
        /// The team whose queue is theirs, such as snt-E05013806 (a ward's Safer Neighbourhood
        /// Team) or central-intake
        #[arg(long, value_name = "TEAM_ID")]
        team: Option<String>,
        /// For a supervisor, a team they supervise besides their own; repeat for more
        #[arg(long = "supervises", value_name = "TEAM_ID")]
        supervises: Vec<String>,
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
            team,
            supervises,
            username,
        } => {
            let settings = Settings::load(&store, None)?;
            let roles = RoleSet::parse_slugs(&roles.join(",")).map_err(anyhow::Error::msg)?;
            let organisation = match organisation {
                Some(id) => OrganisationId::parse(&id)?,
                None => settings.organisation()?,
            };
            let store = settings.open_store().await?;
            let known = known_teams(store.as_ref()).await?;
            let team = team.map(|id| known_team(&id, &known)).transpose()?;
            let supervises = supervises
                .iter()
                .map(|id| known_team(id, &known))
                .collect::<anyhow::Result<Vec<TeamId>>>()?;
            anyhow::ensure!(
                supervises.is_empty() || roles.has(peel_core::Role::Supervisor),
                "only a supervisor supervises teams: add --role supervisor"
            );
            let password = read_password()?;
            let request = AccountRequest {
                username,
                password,
                roles,
                organisation,
                team,
            };
            let actor = crate::console_actor();
            let now = SystemClock.now();
            let user = create_account(store.as_ref(), &actor, now, &request).await?;
            if !supervises.is_empty() {
                let event = audit_event_by(
                    &actor,
                    now,
                    AuditCode::UserSupervisesChanged,
                    format!("user:{}", user.id),
                    format!(
                        "'{}' supervises {}",
                        user.username,
                        supervises
                            .iter()
                            .map(TeamId::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                store.set_supervises(user.id, &supervises, event).await?;
            }
            crate::say(&format!(
                "Created account '{}' with roles [{}]{}",
                user.username,
                user.roles.to_slugs(),
                user.team
                    .as_ref()
                    .map(|t| format!(" in team {t}"))
                    .unwrap_or_default()
            ));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::List { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            for user in store.list_users().await? {
                crate::say(&format!(
                    "{}\t{}\t{}\t{}{}",
                    user.username,
                    user.organisation,
                    user.roles.to_slugs(),
                    user.team.as_ref().map_or("-", TeamId::as_str),
                    if user.supervises.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "\tsupervises {}",
                            user.supervises
                                .iter()
                                .map(TeamId::as_str)
                                .collect::<Vec<_>>()
                                .join(",")
                        )
                    }
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The teams an account can be in: those imported with the geography, and the central teams.
async fn known_teams(store: &dyn peel_store::Store) -> anyhow::Result<Vec<TeamId>> {
    let mut teams: Vec<TeamId> = store
        .teams()
        .await
        .context("Failed to read the teams")?
        .into_iter()
        .map(|t| t.id)
        .collect();
    teams.extend([
        TeamId::intake(),
        TeamId::online(),
        TeamId::fraud(),
        TeamId::safeguarding(),
    ]);
    Ok(teams)
}

fn known_team(id: &str, known: &[TeamId]) -> anyhow::Result<TeamId> {
    let team = TeamId::parse(id)?;
    anyhow::ensure!(
        known.contains(&team),
        "there is no team {team}: a ward's team exists once `peel geo import` has loaded its ward"
    );
    Ok(team)
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
