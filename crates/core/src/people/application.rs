//! An application to volunteer: who the applicant is, the skills they offer with the
//! professional body that can vouch for each, languages, when they can help, where they live,
//! what they are connected with (for conflicts of interest), and consent to vetting; for a
//! Special Constable, the eligibility check on recruitment.

use serde::{Deserialize, Serialize};
use time::Date;

use super::eligibility::{Decision, Recruitment, check_recruit};
use super::matching::{Association, AssociationKind, PersonKind, Slot, normalise};
use super::skills::Skill;
use crate::postcode::Postcode;
use crate::submission::Problem;

/// The application as the form gives it (and as it is kept, to read again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationInput {
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// Their phone number.
    pub phone: String,
    /// Their home postcode (for distance only, never shown).
    pub postcode: String,
    /// `volunteer` or `special`.
    pub applying_as: String,
    /// Skills offered: (slug, professional body, membership number).
    pub skills: Vec<(String, String, String)>,
    /// Languages spoken besides English, as ISO codes or names, separated by commas.
    pub languages: String,
    /// Days they can help (`mon` … `sun`).
    pub days: Vec<String>,
    /// Hours on those days, `09:00-17:00`.
    pub hours: String,
    /// Employers, schools, estates, organisations they are connected with, one per line.
    pub associations: String,
    /// For a special: date of birth, `YYYY-MM-DD`.
    pub born: String,
    /// For a special: their occupation.
    pub occupation: String,
    /// For a special: declared business interests, one per line.
    pub interests: String,
    /// They agree to be vetted.
    pub consent: bool,
}

crate::slug::slug_enum! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        /// With the vetting unit.
        Received = ("received", "Received: with the vetting unit"),
        /// Approved: the applicant is on a panel, with an account.
        Approved = ("approved", "Approved: welcome to the panel"),
        /// Not taken forward, with the reason.
        Declined = ("declined", "Not taken forward"),
    }
}

/// A skill offered, with who can vouch for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedSkill {
    /// The skill.
    pub skill: Skill,
    /// The professional body (BCS, NMC, HCPC, …), if they belong to one.
    pub body: String,
    /// Their membership or registration number there.
    pub number: String,
}

/// A checked application.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// Their phone number, if given.
    pub phone: Option<String>,
    /// Their home postcode.
    pub postcode: Postcode,
    /// Volunteer or special constable.
    pub kind: PersonKind,
    /// Skills offered.
    pub skills: Vec<OfferedSkill>,
    /// Languages (ISO codes, lower case) besides English.
    pub languages: Vec<String>,
    /// When they can help.
    pub weekly: Vec<Slot>,
    /// What they are connected with.
    pub associations: Vec<Association>,
    /// For a special: the eligibility check on recruitment.
    pub recruitment: Option<Recruitment>,
}

/// Every problem code an application's checks give, for the translations' completeness test.
pub const PROBLEM_CODES: &[&str] = &[
    "volunteer-name-missing",
    "volunteer-email-format",
    "volunteer-phone-format",
    "volunteer-postcode-invalid",
    "volunteer-kind-missing",
    "volunteer-skill-unknown",
    "volunteer-skill-missing",
    "volunteer-days-missing",
    "volunteer-hours-format",
    "volunteer-born-format",
    "volunteer-occupation-missing",
    "volunteer-consent-missing",
    "volunteer-too-long",
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn problem(field: &'static str, code: &'static str, message: &str) -> Problem {
    Problem::new(field, code, message)
}

impl Application {
    /// Checks every answer, naming each problem; `today` for the special's age.
    pub fn parse(input: &ApplicationInput, today: Date) -> Result<Application, Vec<Problem>> {
        let mut problems = Vec::new();
        let long = [
            &input.name,
            &input.email,
            &input.phone,
            &input.languages,
            &input.hours,
            &input.occupation,
        ]
        .iter()
        .any(|t| t.chars().count() > 200)
            || input.associations.chars().count() > 2_000
            || input.interests.chars().count() > 2_000;
        if long {
            problems.push(problem(
                "name",
                "volunteer-too-long",
                "An answer is too long: keep each to 200 characters, and the lists to 2,000",
            ));
        }
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            problems.push(problem("name", "volunteer-name-missing", "Enter your name"));
        }
        let email = input.email.trim().to_owned();
        let at = email.find('@');
        if !at.is_some_and(|i| i > 0 && email[i + 1..].contains('.')) || email.contains(' ') {
            problems.push(problem(
                "email",
                "volunteer-email-format",
                "Enter an email address in the correct format, like name@example.com",
            ));
        }
        let phone = Some(input.phone.trim().to_owned()).filter(|p| !p.is_empty());
        if phone.as_deref().is_some_and(|p| {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            !(10..=13).contains(&digits)
                || p.chars()
                    .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')))
        }) {
            problems.push(problem(
                "phone",
                "volunteer-phone-format",
                "Enter a phone number, like 07700 900 982",
            ));
        }
        let postcode = Postcode::parse(input.postcode.trim()).ok();
        if postcode.is_none() {
            problems.push(problem(
                "postcode",
                "volunteer-postcode-invalid",
                "Enter your home postcode, like E8 1DY",
            ));
        }
        let kind = match input.applying_as.as_str() {
            "volunteer" => Some(PersonKind::Volunteer),
            "special" => Some(PersonKind::Special),
            _ => {
                problems.push(problem(
                    "applying_as",
                    "volunteer-kind-missing",
                    "Choose whether you are applying as a volunteer or a special constable",
                ));
                None
            }
        };
        let mut skills = Vec::new();
        for (slug, body, number) in &input.skills {
            match Skill::from_slug(slug) {
                Some(skill) => skills.push(OfferedSkill {
                    skill,
                    body: body.trim().chars().take(100).collect(),
                    number: number.trim().chars().take(50).collect(),
                }),
                None => problems.push(problem(
                    "skills",
                    "volunteer-skill-unknown",
                    "Choose skills from the list",
                )),
            }
        }
        if skills.is_empty() && kind == Some(PersonKind::Volunteer) {
            problems.push(problem(
                "skills",
                "volunteer-skill-missing",
                "Choose at least one skill you can offer",
            ));
        }
        let languages = input
            .languages
            .split(',')
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty() && l != "en" && l != "english")
            .collect();
        if input.days.is_empty() || input.days.iter().any(|d| !DAYS.contains(&d.as_str())) {
            problems.push(problem(
                "days",
                "volunteer-days-missing",
                "Choose the days you could help",
            ));
        }
        // `09:00-17:00` as minutes after midnight, as slots are kept.
        let minutes = |t: &str| -> Option<u16> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
            (h <= 24 && m < 60).then_some(h * 60 + m)
        };
        let span = input
            .hours
            .trim()
            .split_once('-')
            .and_then(|(from, until)| Some((minutes(from)?, minutes(until)?)));
        let weekly: Vec<Slot> = input
            .days
            .iter()
            .filter_map(|day| {
                let (from, until) = span?;
                Slot::parse(&format!("{day} {from}-{until}"))
            })
            .collect();
        if !input.days.is_empty() && weekly.len() != input.days.len() {
            problems.push(problem(
                "hours",
                "volunteer-hours-format",
                "Enter the hours as a 24-hour range, like 09:00-17:00",
            ));
        }
        let associations = input
            .associations
            .lines()
            .map(normalise)
            .filter(|v| !v.is_empty())
            .map(|value| Association {
                kind: AssociationKind::Organisation,
                value,
            })
            .collect();
        let mut recruitment = None;
        if kind == Some(PersonKind::Special) {
            let born = time::Date::parse(
                input.born.trim(),
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .ok();
            if born.is_none() {
                problems.push(problem(
                    "born",
                    "volunteer-born-format",
                    "Enter your date of birth as year, month and day, like 1990-04-21",
                ));
            }
            if input.occupation.trim().is_empty() {
                problems.push(problem(
                    "occupation",
                    "volunteer-occupation-missing",
                    "Enter your occupation",
                ));
            }
            if let Some(born) = born {
                let interests: Vec<&str> = input
                    .interests
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                recruitment = Some(check_recruit(
                    born,
                    today,
                    input.occupation.trim(),
                    &interests,
                ));
            }
        }
        if !input.consent {
            problems.push(problem(
                "consent",
                "volunteer-consent-missing",
                "You need to agree to be vetted before we can consider your application",
            ));
        }
        let (Some(postcode), Some(kind)) = (postcode, kind) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Application {
            name,
            email,
            phone,
            postcode,
            kind,
            skills,
            languages,
            weekly,
            associations,
            recruitment,
        })
    }

    /// Whether the recruitment check says they cannot be a special constable.
    pub fn ineligible(&self) -> bool {
        self.recruitment
            .as_ref()
            .is_some_and(|r| r.decision == Decision::Ineligible)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn input() -> ApplicationInput {
        ApplicationInput {
            name: "Priya Shah".into(),
            email: "priya@example.org".into(),
            phone: "07700 900 333".into(),
            postcode: "e8 1dy".into(),
            applying_as: "volunteer".into(),
            skills: vec![("cyber_help".into(), "BCS".into(), "990011".into())],
            languages: "gu, English, hi".into(),
            days: vec!["wed".into(), "sat".into()],
            hours: "10:00-16:00".into(),
            associations: "Hackney Downs School\n\nAcme Security Ltd".into(),
            consent: true,
            ..ApplicationInput::default()
        }
    }

    #[test]
    fn a_complete_application_is_read_into_skills_slots_and_associations() {
        let app = Application::parse(&input(), date!(2026 - 12 - 01)).unwrap();
        assert_eq!(app.kind, PersonKind::Volunteer);
        assert_eq!(app.skills[0].skill, Skill::CyberHelp);
        assert_eq!(app.skills[0].body, "BCS");
        assert_eq!(app.languages, vec!["gu", "hi"]);
        assert_eq!(app.weekly.len(), 2);
        assert_eq!(app.associations.len(), 2);
        assert!(app.recruitment.is_none());
    }

    #[test]
    fn every_problem_is_named_at_once_with_a_listed_code() {
        let problems = Application::parse(
            &ApplicationInput {
                days: vec!["someday".into()],
                ..ApplicationInput::default()
            },
            date!(2026 - 12 - 01),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        for field in [
            "name",
            "email",
            "postcode",
            "applying_as",
            "days",
            "consent",
        ] {
            assert!(fields.contains(&field), "{field}: {fields:?}");
        }
        assert!(problems.iter().all(|p| PROBLEM_CODES.contains(&p.code)));
    }

    #[test]
    fn a_special_is_checked_on_recruitment() {
        let special = ApplicationInput {
            applying_as: "special".into(),
            born: "2010-01-01".into(),
            occupation: "Bailiff".into(),
            ..input()
        };
        let app = Application::parse(&special, date!(2026 - 12 - 01)).unwrap();
        assert!(app.ineligible(), "{:?}", app.recruitment);
        let missing = ApplicationInput {
            applying_as: "special".into(),
            ..input()
        };
        let fields: Vec<&str> = Application::parse(&missing, date!(2026 - 12 - 01))
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec!["born", "occupation"]);
    }
}
