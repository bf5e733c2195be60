//! The skills taxonomy: what a person can offer, at what level, on what evidence.

use time::Date;

/// A skill from the documented taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skill {
    /// Cyber and digital help (securing accounts and devices, recovering after an attack).
    CyberHelp,
    /// Digital forensics.
    DigitalForensics,
    /// Fraud recovery (banks, reimbursement, credit files).
    FraudRecovery,
    /// Mental health.
    MentalHealth,
    /// Medical.
    Medical,
    /// Youth work.
    YouthWork,
    /// Schools liaison.
    SchoolsLiaison,
    /// Victim support.
    VictimSupport,
    /// Interpreting, in a language (ISO 639-1 or 639-3 code, lower case).
    Interpreting(String),
    /// Business support (small firms after a crime).
    BusinessSupport,
}

impl Skill {
    /// The stable machine name (`interpreting:pl` for a language).
    pub fn slug(&self) -> String {
        match self {
            Skill::CyberHelp => "cyber_help".into(),
            Skill::DigitalForensics => "digital_forensics".into(),
            Skill::FraudRecovery => "fraud_recovery".into(),
            Skill::MentalHealth => "mental_health".into(),
            Skill::Medical => "medical".into(),
            Skill::YouthWork => "youth_work".into(),
            Skill::SchoolsLiaison => "schools_liaison".into(),
            Skill::VictimSupport => "victim_support".into(),
            Skill::Interpreting(language) => format!("interpreting:{language}"),
            Skill::BusinessSupport => "business_support".into(),
        }
    }

    /// The name shown to people.
    pub fn label(&self) -> String {
        match self {
            Skill::CyberHelp => "cyber and digital help".into(),
            Skill::DigitalForensics => "digital forensics".into(),
            Skill::FraudRecovery => "fraud recovery".into(),
            Skill::MentalHealth => "mental health".into(),
            Skill::Medical => "medical".into(),
            Skill::YouthWork => "youth work".into(),
            Skill::SchoolsLiaison => "schools liaison".into(),
            Skill::VictimSupport => "victim support".into(),
            Skill::Interpreting(language) => format!("interpreting ({language})"),
            Skill::BusinessSupport => "business support".into(),
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Skill> {
        Some(match slug {
            "cyber_help" => Skill::CyberHelp,
            "digital_forensics" => Skill::DigitalForensics,
            "fraud_recovery" => Skill::FraudRecovery,
            "mental_health" => Skill::MentalHealth,
            "medical" => Skill::Medical,
            "youth_work" => Skill::YouthWork,
            "schools_liaison" => Skill::SchoolsLiaison,
            "victim_support" => Skill::VictimSupport,
            "business_support" => Skill::BusinessSupport,
            other => {
                let language = other.strip_prefix("interpreting:")?;
                if !(2..=3).contains(&language.len())
                    || !language.bytes().all(|b| b.is_ascii_lowercase())
                {
                    return None;
                }
                Skill::Interpreting(language.to_owned())
            }
        })
    }
}

/// How far a person is in a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkillLevel {
    /// Can help under supervision.
    Working = 1,
    /// Practises it as a profession.
    Practitioner = 2,
    /// Recognised expert; can supervise others.
    Expert = 3,
}

impl SkillLevel {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            SkillLevel::Working => "working",
            SkillLevel::Practitioner => "practitioner",
            SkillLevel::Expert => "expert",
        }
    }
}

/// Evidence for a skill: a professional body's membership, checked by someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The professional body (BCS, HCPC, NMC, GMC, ITI, …).
    pub body: String,
    /// The membership or registration number.
    pub number: String,
    /// Who verified it, and when; unverified evidence counts for nothing.
    pub verified: Option<(String, Date)>,
}

/// A skill a person holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSkill {
    /// The skill.
    pub skill: Skill,
    /// The level claimed.
    pub level: SkillLevel,
    /// The evidence.
    pub evidence: Option<Evidence>,
}

impl HeldSkill {
    /// The level that counts: as claimed when the evidence is verified, and at most
    /// `Working` without verified evidence.
    pub fn counted_level(&self) -> SkillLevel {
        match &self.evidence {
            Some(Evidence {
                verified: Some(_), ..
            }) => self.level,
            _ => self.level.min(SkillLevel::Working),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn slugs_round_trip_and_languages_are_checked() {
        for skill in [
            Skill::CyberHelp,
            Skill::MentalHealth,
            Skill::Interpreting("pl".into()),
            Skill::BusinessSupport,
        ] {
            assert_eq!(Skill::from_slug(&skill.slug()), Some(skill));
        }
        assert_eq!(Skill::from_slug("interpreting:Polish"), None);
        assert_eq!(Skill::from_slug("juggling"), None);
    }

    #[test]
    fn only_verified_evidence_lifts_a_skill_above_working() {
        let mut held = HeldSkill {
            skill: Skill::MentalHealth,
            level: SkillLevel::Expert,
            evidence: Some(Evidence {
                body: "HCPC".into(),
                number: "PYL12345".into(),
                verified: None,
            }),
        };
        assert_eq!(held.counted_level(), SkillLevel::Working);
        if let Some(e) = held.evidence.as_mut() {
            e.verified = Some(("vet.officer".into(), date!(2026 - 10 - 01)));
        }
        assert_eq!(held.counted_level(), SkillLevel::Expert);
    }
}
