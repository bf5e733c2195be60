//! `peel people`: the people on the panels: adding them as the vetting unit records them,
//! listing them, and the Special Constable recruitment check.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use peel_app::SystemClock;
use peel_core::clock::Clock;
use peel_core::people::eligibility::{Decision, check_recruit};
use peel_core::people::matching as m;

use crate::config::Settings;
use crate::{StoreArgs, say};

/// Who to add.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Their id, such as vol-ann
    id: String,
    /// Their name
    #[arg(long)]
    name: String,
    /// officer, pcso, staff, special or volunteer
    #[arg(long, default_value = "volunteer")]
    kind: String,
    /// The account they sign in with (for their portal)
    #[arg(long)]
    username: Option<String>,
    /// Their team or panel
    #[arg(long)]
    team: Option<String>,
    /// Where they live: a London postcode (needs `peel geo import`) or LAT,LON; for distance
    /// only, and never shown
    #[arg(long)]
    home: Option<String>,
    /// A language they speak (ISO code); repeat for more [default: en]
    #[arg(long = "language")]
    languages: Vec<String>,
    /// SKILL:LEVEL[:BODY:NUMBER[:VERIFIED_BY:YYYY-MM-DD]], LEVEL working, practitioner or
    /// expert (`cyber_help:expert:BCS:990011:vet.officer:2026-03-01`); repeat for more
    #[arg(long = "skill")]
    skills: Vec<String>,
    /// LEVEL:SCOPE,SCOPE:GRANTED:EXPIRES (`nppv2:domestic_abuse,cyber:2026-01-10:2029-01-10`);
    /// the aftercare review falls a year after it was granted
    #[arg(long)]
    clearance: Option<String>,
    /// MODULE:COMPLETED[:EXPIRES[:VERSION[:HOW]]] (`victim-care:2026-01-10:2027-01-10:2:session`),
    /// HOW online, session or supervised; repeat for more
    #[arg(long = "training")]
    training: Vec<String>,
    /// KIND:TEXT, KIND employer, school, estate, address, family_name or organisation;
    /// repeat for more
    #[arg(long = "association")]
    associations: Vec<String>,
    /// A weekly slot, `wed 09:00-17:00`; repeat for more
    #[arg(long = "available")]
    available: Vec<String>,
    /// Days away, `2026-12-20:2027-01-03` (inclusive); repeat for more
    #[arg(long = "away")]
    away: Vec<String>,
    /// Their own phone number: a case that holds it is one they may not be given
    #[arg(long)]
    phone: Option<String>,
    /// Their own email address: a case that holds it is one they may not be given
    #[arg(long)]
    email: Option<String>,
    /// For a special constable: date of birth (YYYY-MM-DD), checked on recruitment
    #[arg(long)]
    born: Option<String>,
    /// For a special constable: their occupation, checked on recruitment
    #[arg(long)]
    occupation: Option<String>,
    /// For a special constable: a declared business interest; repeat for more
    #[arg(long = "interest")]
    interests: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Add someone to the panels (the vetting unit's record): skills, one clearance, training,
    /// associations for conflicts of interest, and when they can help
    Add(Box<AddArgs>),
    /// List the people on the panels, with their clearances
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
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

fn day(text: &str) -> anyhow::Result<time::Date> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .with_context(|| format!("{text:?} is not a date like 2026-01-10"))
}

fn minutes(text: &str) -> anyhow::Result<u16> {
    let (h, m) = text
        .split_once(':')
        .with_context(|| format!("{text:?} is not a time like 09:00"))?;
    let (h, m): (u16, u16) = (h.parse()?, m.parse()?);
    anyhow::ensure!(h <= 24 && m < 60, "{text:?} is not a time like 09:00");
    Ok(h * 60 + m)
}

/// Builds the person from the command line's words, with every problem named.
fn person_from(args: AddArgs) -> anyhow::Result<m::Person> {
    use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
    use peel_core::people::training::{Completion, Learning};
    use peel_core::people::vetting::{Clearance, Level, Scope, Status};
    let AddArgs {
        id,
        name,
        kind,
        home,
        languages,
        skills,
        clearance,
        training,
        associations,
        available,
        away,
        phone,
        email,
        ..
    } = args;
    let (kind, home, clearance) = (kind.as_str(), home.as_deref(), clearance.as_deref());
    let kind = m::PersonKind::from_slug(kind)
        .with_context(|| format!("{kind:?} is not officer, pcso, staff, special or volunteer"))?;
    let home = home
        .map(|h| -> anyhow::Result<(f64, f64)> {
            let (lat, lon) = h.split_once(',').context("--home is LAT,LON")?;
            Ok((lat.trim().parse()?, lon.trim().parse()?))
        })
        .transpose()?;
    let skills = skills
        .iter()
        .map(|text| -> anyhow::Result<HeldSkill> {
            let parts: Vec<&str> = text.split(':').collect();
            let skill = parts
                .first()
                .and_then(|s| Skill::from_slug(s))
                .with_context(|| format!("{text:?}: not a skill of the taxonomy"))?;
            let level = match parts.get(1).copied() {
                Some("working") => SkillLevel::Working,
                Some("practitioner") => SkillLevel::Practitioner,
                Some("expert") => SkillLevel::Expert,
                _ => anyhow::bail!("{text:?}: the level is working, practitioner or expert"),
            };
            let evidence = match (parts.get(2), parts.get(3)) {
                (Some(body), Some(number)) => Some(Evidence {
                    body: (*body).to_owned(),
                    number: (*number).to_owned(),
                    verified: match (parts.get(4), parts.get(5)) {
                        (Some(by), Some(on)) => Some(((*by).to_owned(), day(on)?)),
                        _ => None,
                    },
                }),
                _ => None,
            };
            Ok(HeldSkill {
                skill,
                level,
                evidence,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let clearances = clearance
        .map(|text| -> anyhow::Result<Clearance> {
            let parts: Vec<&str> = text.split(':').collect();
            let [level, scopes, granted, expires] = parts.as_slice() else {
                anyhow::bail!("{text:?}: a clearance is LEVEL:SCOPES:GRANTED:EXPIRES");
            };
            let level = Level::from_slug(level)
                .with_context(|| format!("{level:?} is not a vetting level"))?;
            let scopes = scopes
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Scope::from_slug(s).with_context(|| format!("{s:?} is not a scope")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let granted = day(granted)?;
            Ok(Clearance {
                level,
                scopes,
                granted,
                expires: day(expires)?,
                aftercare_due: granted + time::Duration::days(365),
                status: Status::Active,
                suspended: Vec::new(),
            })
        })
        .transpose()?
        .into_iter()
        .collect();
    let training = training
        .iter()
        .map(|text| -> anyhow::Result<Completion> {
            let parts: Vec<&str> = text.split(':').collect();
            let (Some(module), Some(completed)) = (parts.first(), parts.get(1)) else {
                anyhow::bail!("{text:?}: training is MODULE:COMPLETED[:EXPIRES[:VERSION[:HOW]]]");
            };
            Ok(Completion {
                module: (*module).to_owned(),
                completed: day(completed)?,
                expires: parts
                    .get(2)
                    .filter(|e| !e.is_empty())
                    .map(|e| day(e))
                    .transpose()?,
                version: match parts.get(3) {
                    Some(v) => v
                        .parse()
                        .ok()
                        .filter(|v| *v > 0)
                        .with_context(|| format!("{text:?}: the version is a whole number"))?,
                    None => 1,
                },
                how: match parts.get(4) {
                    Some(how) => Learning::parse(how).with_context(|| {
                        format!("{text:?}: how is online, session or supervised")
                    })?,
                    None => Learning::Online,
                },
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut associations = associations
        .iter()
        .map(|text| -> anyhow::Result<m::Association> {
            let (kind, value) = text
                .split_once(':')
                .with_context(|| format!("{text:?}: an association is KIND:TEXT"))?;
            Ok(m::Association {
                kind: m::AssociationKind::from_slug(kind)
                    .with_context(|| format!("{kind:?} is not a kind of association"))?,
                value: m::normalise(value),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // Their own contact details, in the form a case's are kept in for conflicts.
    if let Some(phone) = &phone {
        let canonical =
            peel_link::phone(phone).with_context(|| format!("{phone:?} is not a phone number"))?;
        associations.push(m::Association {
            kind: m::AssociationKind::Linked,
            value: m::normalise(&canonical),
        });
    }
    if let Some(email) = &email {
        let canonical = peel_link::email(email)
            .with_context(|| format!("{email:?} is not an email address"))?;
        associations.push(m::Association {
            kind: m::AssociationKind::Linked,
            value: m::normalise(&canonical),
        });
    }
    let away = away
        .iter()
        .map(|text| -> anyhow::Result<(time::Date, time::Date)> {
            let (from, until) = text
                .split_once(':')
                .with_context(|| format!("{text:?}: days away are FROM:UNTIL"))?;
            let (from, until) = (day(from)?, day(until)?);
            anyhow::ensure!(
                from <= until,
                "{text:?}: the first day comes after the last"
            );
            Ok((from, until))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let weekly = available
        .iter()
        .map(|text| -> anyhow::Result<m::Slot> {
            let (day, span) = text
                .trim()
                .split_once(' ')
                .with_context(|| format!("{text:?}: a slot is like `wed 09:00-17:00`"))?;
            let (from, until) = span
                .split_once('-')
                .with_context(|| format!("{text:?}: a slot is like `wed 09:00-17:00`"))?;
            m::Slot::parse(&format!(
                "{} {}-{}",
                day.to_lowercase(),
                minutes(from)?,
                minutes(until)?
            ))
            .with_context(|| format!("{text:?}: a slot is like `wed 09:00-17:00`"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(m::Person {
        id: peel_core::PersonId::parse(&id)?,
        name,
        kind,
        home,
        languages: if languages.is_empty() {
            vec!["en".to_owned()]
        } else {
            languages.into_iter().map(|l| l.to_lowercase()).collect()
        },
        skills,
        clearances,
        training,
        associations,
        availability: m::Availability { weekly, away },
    })
}

pub async fn run(command: PeopleCommand) -> anyhow::Result<ExitCode> {
    match command {
        PeopleCommand::Add(mut args) => {
            let settings = Settings::load(&args.store, None)?;
            let store = settings.open_store().await?;
            // A postcode is kept as its centroid, never as the postcode.
            if let Some(home) = args.home.as_deref()
                && !home.contains(',')
            {
                let postcode = peel_core::postcode::Postcode::parse(home)
                    .map_err(|_| anyhow::anyhow!("{home:?} is neither a postcode nor LAT,LON"))?;
                let gazetteer = peel_app::geography::load(store.as_ref())
                    .await?
                    .context("a home postcode needs the London geography: run `peel geo import` first, or give LAT,LON")?;
                let (lat, lon) = gazetteer
                    .postcode_centroid(&postcode)
                    .with_context(|| format!("{home:?} is not a London postcode"))?;
                args.home = Some(format!("{lat},{lon}"));
            }
            // A special constable is checked against the eligibility rules on recruitment.
            let mut approval = Vec::new();
            if args.kind == "special" {
                let (Some(born), Some(occupation)) =
                    (args.born.as_deref(), args.occupation.as_deref())
                else {
                    anyhow::bail!(
                        "a special constable needs --born and --occupation, to check eligibility"
                    );
                };
                let interests: Vec<&str> = args.interests.iter().map(String::as_str).collect();
                let outcome =
                    check_recruit(day(born)?, SystemClock.now().date(), occupation, &interests);
                match outcome.decision {
                    Decision::Ineligible => anyhow::bail!(
                        "not eligible to be a special constable:\n- {}",
                        outcome.reasons.join("\n- ")
                    ),
                    Decision::NeedsApproval => approval = outcome.reasons,
                    Decision::Eligible => {}
                }
            }
            let username = args
                .username
                .as_deref()
                .map(peel_core::username::Username::parse)
                .transpose()
                .map_err(anyhow::Error::msg)?;
            let team = args
                .team
                .as_deref()
                .map(peel_core::TeamId::parse)
                .transpose()?;
            let person = person_from(*args)?;
            let subject = format!("person:{}", person.id);
            let event = peel_app::audit::event(
                &crate::console_actor(),
                SystemClock.now(),
                peel_core::audit::AuditCode::PersonCreated,
                &subject,
                format!("{} added to the panels", person.kind.label()),
            );
            let record = peel_store::PersonRecord {
                person,
                username,
                team,
                clearance_ids: Vec::new(),
            };
            store.create_person(&record, event).await?;
            say(&format!(
                "Added {} ({})",
                record.person.name, record.person.id
            ));
            for reason in &approval {
                say(&format!("Needs the chief officer's approval: {reason}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        PeopleCommand::List { store } => {
            let settings = Settings::load(&store, None)?;
            let store = settings.open_existing_store().await?;
            let today = SystemClock.now().date();
            for record in store.people().await? {
                let p = &record.person;
                let clearances: Vec<String> = p
                    .clearances
                    .iter()
                    .map(|c| {
                        format!(
                            "{} ({}) to {}{}",
                            c.level.slug(),
                            c.scopes
                                .iter()
                                .map(|s| s.slug())
                                .collect::<Vec<_>>()
                                .join(","),
                            c.expires,
                            if c.expires <= today { ", expired" } else { "" }
                        )
                    })
                    .collect();
                say(&format!(
                    "{}\t{}\t{}\t{}",
                    p.id,
                    p.name,
                    p.kind.slug(),
                    clearances.join("; ")
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
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
