//! `peel people`: the people on the panels. For now, the Special Constable recruitment check.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_core::clock::Clock;
use peel_core::people::eligibility::{Decision, check_recruit};
use peel_web::SystemClock;

use crate::say;

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Check a Special Constable recruit against the eligibility rules (NPIA Circular 01/2011):
    /// prints the decision and every rule that bears on it, quoted; exits 1 when ineligible
    CheckSpecial {
        /// Date of birth, YYYY-MM-DD
        #[arg(long)]
        born: String,
        /// The recruit's occupation, as declared
        #[arg(long)]
        occupation: String,
        /// A declared business interest; repeat for more
        #[arg(long = "interest")]
        interests: Vec<String>,
    },
}

pub async fn run(command: PeopleCommand) -> anyhow::Result<ExitCode> {
    match command {
        PeopleCommand::CheckSpecial {
            born,
            occupation,
            interests,
        } => {
            let born = time::Date::parse(
                &born,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .with_context(|| format!("{born:?} is not a date like 1990-05-01"))?;
            let interests: Vec<&str> = interests.iter().map(String::as_str).collect();
            let outcome = check_recruit(born, SystemClock.now().date(), &occupation, &interests);
            say(match outcome.decision {
                Decision::Eligible => "Eligible (the chief officer decides)",
                Decision::NeedsApproval => "Needs the chief officer's approval",
                Decision::Ineligible => "Ineligible",
            });
            for reason in &outcome.reasons {
                say(&format!("- {reason}"));
            }
            Ok(if outcome.decision == Decision::Ineligible {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
