//! Matching a task to people: who may do it, ranked with the reason for each rank, and why
//! each of the others may not. Pure, so the rules are tested here and the whole of a
//! borough's open tasks can be matched in memory.
//!
//! A person is excluded, with every reason that applies, when they lack a required skill at the
//! required level, hold no clearance that covers the task's level and scope today, lack a
//! training module (or it has lapsed by the task's day), are not available in the task's
//! window, do not speak the language the task needs, or are conflicted: one of their declared
//! (or linked) associations is something the task touches. A conflict's detail is for the
//! supervisor only. The eligible are ranked by continuity (the same person for the same victim
//! first), then skill, then distance.

use time::{Date, Weekday};

use crate::{PersonId, TaskId};

use super::skills::{HeldSkill, Skill, SkillLevel};
use super::training::{Completion, needs};
use super::vetting::{Clearance, Level, Scope};

/// What kind of person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    /// Police officer.
    Officer,
    /// Police community support officer.
    Pcso,
    /// Police staff.
    Staff,
    /// Special constable.
    Special,
    /// Non-warranted volunteer.
    Volunteer,
    /// A trusted intermediary's staff member (a pharmacist, a hairdresser), recorded for their
    /// training; never given tasks.
    Intermediary,
}

impl PersonKind {
    /// Every kind.
    pub const ALL: [PersonKind; 6] = [
        PersonKind::Officer,
        PersonKind::Pcso,
        PersonKind::Staff,
        PersonKind::Special,
        PersonKind::Volunteer,
        PersonKind::Intermediary,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            PersonKind::Officer => "officer",
            PersonKind::Pcso => "pcso",
            PersonKind::Staff => "staff",
            PersonKind::Special => "special",
            PersonKind::Volunteer => "volunteer",
            PersonKind::Intermediary => "intermediary",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Officer => "police officer",
            PersonKind::Pcso => "PCSO",
            PersonKind::Staff => "police staff",
            PersonKind::Special => "special constable",
            PersonKind::Volunteer => "volunteer",
            PersonKind::Intermediary => "trusted intermediary",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<PersonKind> {
        PersonKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// What an association is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssociationKind {
    /// An employer.
    Employer,
    /// A school (attended, worked at, children at).
    School,
    /// An estate lived on or near.
    Estate,
    /// An address.
    Address,
    /// A family name.
    FamilyName,
    /// An organisation (club, charity, business).
    Organisation,
    /// Found by the linking engine: the person's own phone number, email or address in a case.
    Linked,
}

impl AssociationKind {
    /// Every kind.
    pub const ALL: [AssociationKind; 7] = [
        AssociationKind::Employer,
        AssociationKind::School,
        AssociationKind::Estate,
        AssociationKind::Address,
        AssociationKind::FamilyName,
        AssociationKind::Organisation,
        AssociationKind::Linked,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            AssociationKind::Employer => "employer",
            AssociationKind::School => "school",
            AssociationKind::Estate => "estate",
            AssociationKind::Address => "address",
            AssociationKind::FamilyName => "family_name",
            AssociationKind::Organisation => "organisation",
            AssociationKind::Linked => "linked",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<AssociationKind> {
        AssociationKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The name shown to a supervisor.
    pub fn label(self) -> &'static str {
        match self {
            AssociationKind::Employer => "employer",
            AssociationKind::School => "school",
            AssociationKind::Estate => "estate",
            AssociationKind::Address => "address",
            AssociationKind::FamilyName => "family name",
            AssociationKind::Organisation => "organisation",
            AssociationKind::Linked => "contact details found in the case",
        }
    }
}

/// Something a person is associated with, normalised ([`normalise`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Association {
    /// What it is.
    pub kind: AssociationKind,
    /// Its normalised text.
    pub value: String,
}

/// Lower case, letters and digits only, single spaces: "St Mary's C of E School" and
/// "st marys c of e school" are one association.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', "").to_lowercase())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// A weekly slot, in minutes after midnight, London time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The day.
    pub day: Weekday,
    /// From.
    pub from: u16,
    /// Until.
    pub until: u16,
}

impl Slot {
    /// As stored: `wed 540-1020`.
    pub fn to_text(self) -> String {
        let day = match self.day {
            Weekday::Monday => "mon",
            Weekday::Tuesday => "tue",
            Weekday::Wednesday => "wed",
            Weekday::Thursday => "thu",
            Weekday::Friday => "fri",
            Weekday::Saturday => "sat",
            Weekday::Sunday => "sun",
        };
        format!("{day} {}-{}", self.from, self.until)
    }

    /// Reads `wed 540-1020`; `None` unless it is a day and a span within the day.
    pub fn parse(text: &str) -> Option<Slot> {
        let (day, span) = text.trim().split_once(' ')?;
        let day = match day {
            "mon" => Weekday::Monday,
            "tue" => Weekday::Tuesday,
            "wed" => Weekday::Wednesday,
            "thu" => Weekday::Thursday,
            "fri" => Weekday::Friday,
            "sat" => Weekday::Saturday,
            "sun" => Weekday::Sunday,
            _ => return None,
        };
        let (from, until) = span.split_once('-')?;
        let (from, until): (u16, u16) = (from.parse().ok()?, until.parse().ok()?);
        (from < until && until <= 24 * 60).then_some(Slot { day, from, until })
    }
}

/// When a person can help: a weekly pattern, less the days they cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    /// The weekly pattern.
    pub weekly: Vec<Slot>,
    /// Days away (holidays, illness), inclusive ranges.
    pub away: Vec<(Date, Date)>,
}

impl Availability {
    /// Whether the whole window is inside one slot on a day not away.
    pub fn covers(&self, window: &Window) -> bool {
        !self
            .away
            .iter()
            .any(|(from, until)| *from <= window.day && window.day <= *until)
            && self.weekly.iter().any(|s| {
                s.day == window.day.weekday() && s.from <= window.from && window.until <= s.until
            })
    }
}

/// A person who may be matched to tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Their id.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// What kind of person.
    pub kind: PersonKind,
    /// Where they live (latitude, longitude), for distance only; never shown to anyone.
    pub home: Option<(f64, f64)>,
    /// Languages they speak (ISO codes, lower case).
    pub languages: Vec<String>,
    /// Their skills.
    pub skills: Vec<HeldSkill>,
    /// Their clearances.
    pub clearances: Vec<Clearance>,
    /// Their training.
    pub training: Vec<Completion>,
    /// What they are associated with.
    pub associations: Vec<Association>,
    /// When they can help.
    pub availability: Availability,
}

/// When a task is to be done: one day, from and until (minutes after midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The day.
    pub day: Date,
    /// From.
    pub from: u16,
    /// Until.
    pub until: u16,
}

/// The kinds of task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskKind {
    /// Visiting a victim.
    VictimVisit,
    /// Cyber help for a person.
    CyberHelpIndividual,
    /// Cyber help for a business.
    CyberHelpBusiness,
    /// Escorting someone in a mental-health crisis.
    MentalHealthEscort,
    /// Liaison with young people or a school.
    YouthLiaison,
    /// Interpreting.
    Interpreting,
    /// Reviewing evidence.
    EvidenceReview,
}

/// What a kind of task needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirements {
    /// Skills, each at least at a level.
    pub skills: Vec<(Skill, SkillLevel)>,
    /// The vetting level.
    pub level: Level,
    /// The kind of work the vetting must cover, if any.
    pub scope: Option<Scope>,
    /// Training modules.
    pub training: Vec<String>,
}

impl TaskKind {
    /// Every kind.
    pub const ALL: [TaskKind; 7] = [
        TaskKind::VictimVisit,
        TaskKind::CyberHelpIndividual,
        TaskKind::CyberHelpBusiness,
        TaskKind::MentalHealthEscort,
        TaskKind::YouthLiaison,
        TaskKind::Interpreting,
        TaskKind::EvidenceReview,
    ];

    /// The stable machine name.
    pub fn slug(self) -> &'static str {
        match self {
            TaskKind::VictimVisit => "victim_visit",
            TaskKind::CyberHelpIndividual => "cyber_help_individual",
            TaskKind::CyberHelpBusiness => "cyber_help_business",
            TaskKind::MentalHealthEscort => "mental_health_escort",
            TaskKind::YouthLiaison => "youth_liaison",
            TaskKind::Interpreting => "interpreting",
            TaskKind::EvidenceReview => "evidence_review",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<TaskKind> {
        TaskKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// What the kind needs by default; a task adds its scope (a domestic abuse case) and
    /// language.
    pub fn requirements(self) -> Requirements {
        let modules = |m: &[&str]| m.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match self {
            TaskKind::VictimVisit => Requirements {
                skills: vec![(Skill::VictimSupport, SkillLevel::Working)],
                level: Level::Nppv2,
                scope: None,
                training: modules(&["victim-care", "safeguarding"]),
            },
            TaskKind::CyberHelpIndividual => Requirements {
                skills: vec![(Skill::CyberHelp, SkillLevel::Working)],
                level: Level::Nppv2Abbreviated,
                scope: Some(Scope::Cyber),
                training: modules(&["victim-care"]),
            },
            TaskKind::CyberHelpBusiness => Requirements {
                skills: vec![
                    (Skill::CyberHelp, SkillLevel::Practitioner),
                    (Skill::BusinessSupport, SkillLevel::Working),
                ],
                level: Level::Nppv2Abbreviated,
                scope: Some(Scope::Cyber),
                training: Vec::new(),
            },
            TaskKind::MentalHealthEscort => Requirements {
                skills: vec![(Skill::MentalHealth, SkillLevel::Practitioner)],
                level: Level::Nppv2,
                scope: None,
                training: modules(&["safeguarding", "mental-health-first-aid"]),
            },
            TaskKind::YouthLiaison => Requirements {
                skills: vec![(Skill::YouthWork, SkillLevel::Working)],
                level: Level::Nppv2,
                scope: Some(Scope::ChildSafeguarding),
                training: modules(&["safeguarding"]),
            },
            TaskKind::Interpreting => Requirements {
                skills: Vec::new(),
                level: Level::Nppv2,
                scope: None,
                training: modules(&["victim-care"]),
            },
            TaskKind::EvidenceReview => Requirements {
                skills: vec![(Skill::DigitalForensics, SkillLevel::Practitioner)],
                level: Level::Nppv3,
                scope: None,
                training: modules(&["evidence-handling", "data-protection"]),
            },
        }
    }
}

/// A task to match.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Its id.
    pub id: TaskId,
    /// Its kind.
    pub kind: TaskKind,
    /// What it needs (from the kind, with the case's scope).
    pub requirements: Requirements,
    /// A language it needs, if any (an interpreter's, or the victim's own).
    pub language: Option<String>,
    /// Where (latitude, longitude), when it is somewhere.
    pub place: Option<(f64, f64)>,
    /// When.
    pub window: Window,
    /// What it touches, normalised: the schools, estates, addresses, people's names and
    /// organisations in the case.
    pub touches: Vec<String>,
    /// People who helped the same victim before, most recent first.
    pub previous: Vec<PersonId>,
}

/// One reason a person was excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// In words.
    pub reason: String,
    /// Shown to the supervisor only (a conflict of interest).
    pub supervisor_only: bool,
}

/// One eligible person, ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into the people given.
    pub person: usize,
    /// Their rank, from 1.
    pub rank: usize,
    /// Why they rank where they do, in words.
    pub reasons: Vec<String>,
    /// Distance from home to the task, in kilometres, when both are known.
    pub km: Option<f64>,
}

/// The outcome for one task.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matches {
    /// The eligible, best first.
    pub ranked: Vec<Candidate>,
    /// The excluded (index into the people given); [`exclusions`] says why.
    pub excluded: Vec<usize>,
}

fn km((a_lat, a_lon): (f64, f64), (b_lat, b_lon): (f64, f64)) -> f64 {
    let (p1, p2) = (a_lat.to_radians(), b_lat.to_radians());
    let dp = p2 - p1;
    let dl = (b_lon - a_lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371.0 * h.sqrt().asin()
}

/// One reason a person may not do a task, before it is put in words.
enum Reason<'a> {
    NoSkill(&'a Skill),
    SkillTooLow(&'a Skill, SkillLevel, SkillLevel),
    Vetting(Option<super::vetting::NotCovered>),
    Training,
    Unavailable,
    Language(&'a str),
    Conflict(&'a Association),
}

/// Calls `found` with each reason `person` may not do `task`, in order, until it says stop.
/// The one place the rules are: [`exclusions`] words every reason, [`is_eligible`] stops at
/// the first without allocating.
fn check<'a>(
    person: &'a Person,
    task: &'a Task,
    mut found: impl FnMut(Reason<'a>) -> std::ops::ControlFlow<()>,
) {
    use std::ops::ControlFlow::Break;
    let day = task.window.day;
    let requirement = &task.requirements;
    for (skill, level) in &requirement.skills {
        let held = person
            .skills
            .iter()
            .filter(|h| h.skill == *skill)
            .map(HeldSkill::counted_level)
            .max();
        let reason = match held {
            Some(h) if h >= *level => continue,
            Some(h) => Reason::SkillTooLow(skill, h, *level),
            None => Reason::NoSkill(skill),
        };
        if let Break(()) = found(reason) {
            return;
        }
    }
    let covered = person
        .clearances
        .iter()
        .any(|c| c.covers(requirement.level, requirement.scope, day).is_ok());
    if !covered {
        let first = person
            .clearances
            .first()
            .and_then(|c| c.covers(requirement.level, requirement.scope, day).err());
        if let Break(()) = found(Reason::Vetting(first)) {
            return;
        }
    }
    if !super::training::covered(&requirement.training, &person.training, day)
        && let Break(()) = found(Reason::Training)
    {
        return;
    }
    if !person.availability.covers(&task.window)
        && let Break(()) = found(Reason::Unavailable)
    {
        return;
    }
    if let Some(language) = &task.language
        && !person.languages.contains(language)
        && let Break(()) = found(Reason::Language(language))
    {
        return;
    }
    for association in &person.associations {
        if task.touches.contains(&association.value)
            && let Break(()) = found(Reason::Conflict(association))
        {
            return;
        }
    }
}

/// Whether `person` may do `task`.
pub fn is_eligible(person: &Person, task: &Task) -> bool {
    let mut eligible = true;
    check(person, task, |_| {
        eligible = false;
        std::ops::ControlFlow::Break(())
    });
    eligible
}

/// Whether `person`'s clearance and training still cover `task` (on its day): what a task
/// already given out is checked against when their vetting record changes. Skills,
/// availability and conflicts were checked when it was given.
pub fn still_covers(person: &Person, task: &Task) -> bool {
    let mut covered = true;
    check(person, task, |reason| match reason {
        Reason::Vetting(_) | Reason::Training => {
            covered = false;
            std::ops::ControlFlow::Break(())
        }
        _ => std::ops::ControlFlow::Continue(()),
    });
    covered
}

/// Why `person` may not do `task`: every reason, in words; empty when they may.
pub fn exclusions(person: &Person, task: &Task) -> Vec<Exclusion> {
    let public = |reason: String| Exclusion {
        reason,
        supervisor_only: false,
    };
    let day = task.window.day;
    let mut out = Vec::new();
    check(person, task, |reason| {
        match reason {
            Reason::NoSkill(skill) => out.push(public(format!("no {} skill", skill.label()))),
            Reason::SkillTooLow(skill, held, needed) => out.push(public(format!(
                "{} at {} level, the task needs {}",
                skill.label(),
                held.label(),
                needed.label()
            ))),
            Reason::Vetting(Some(why)) => out.push(public(why.explain())),
            Reason::Vetting(None) => out.push(public("no vetting clearance".to_owned())),
            Reason::Training => out.extend(
                needs(&task.requirements.training, &person.training, day)
                    .iter()
                    .map(|n| public(n.explain())),
            ),
            Reason::Unavailable => out.push(public(format!(
                "not available on {} from {:02}:{:02} to {:02}:{:02}",
                day,
                task.window.from / 60,
                task.window.from % 60,
                task.window.until / 60,
                task.window.until % 60
            ))),
            Reason::Language(language) => out.push(public(format!(
                "does not speak the language needed ({language})"
            ))),
            Reason::Conflict(association) => out.push(Exclusion {
                reason: format!(
                    "conflict of interest: their {} ({}) is in the case",
                    association.kind.label(),
                    association.value
                ),
                supervisor_only: true,
            }),
        }
        std::ops::ControlFlow::Continue(())
    });
    out
}

/// Matches one task against `people` (indices into `all`): the eligible ranked with
/// reasons; everyone else of `people` is excluded, and [`exclusions`] says why.
pub fn match_among(task: &Task, all: &[Person], people: impl Iterator<Item = usize>) -> Matches {
    let mut matches = Matches::default();
    let mut eligible: Vec<(usize, bool, u32, Option<f64>)> = Vec::new();
    for at in people {
        let Some(person) = all.get(at) else { continue };
        if !is_eligible(person, task) {
            matches.excluded.push(at);
            continue;
        }
        let previous = task.previous.contains(&person.id);
        let skill: u32 = task
            .requirements
            .skills
            .iter()
            .filter_map(|(skill, _)| {
                person
                    .skills
                    .iter()
                    .filter(|h| h.skill == *skill)
                    .map(|h| h.counted_level() as u32)
                    .max()
            })
            .sum();
        let distance = person.home.zip(task.place).map(|(a, b)| km(a, b));
        eligible.push((at, previous, skill, distance));
    }
    eligible.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.2.cmp(&a.2))
            .then(a.3.unwrap_or(f64::MAX).total_cmp(&b.3.unwrap_or(f64::MAX)))
            .then(a.0.cmp(&b.0))
    });
    for (rank, (at, previous, skill, distance)) in eligible.into_iter().enumerate() {
        let mut reasons = Vec::new();
        if previous {
            reasons.push("helped this victim before (continuity)".to_owned());
        }
        if !task.requirements.skills.is_empty() {
            reasons.push(format!("skill score {skill}"));
        }
        reasons.push(
            "vetting sufficient and in date; training complete; no conflict; available".to_owned(),
        );
        if let Some(language) = &task.language {
            reasons.push(format!("speaks {language}"));
        }
        if let Some(d) = distance {
            reasons.push(format!("{d:.1} km away"));
        }
        matches.ranked.push(Candidate {
            person: at,
            rank: rank + 1,
            reasons,
            km: distance,
        });
    }
    matches
}

/// Matches one task against everyone.
pub fn match_task(task: &Task, people: &[Person]) -> Matches {
    match_among(task, people, 0..people.len())
}

/// The training a person is expected to hold: safeguarding for everyone outside the police
/// (volunteers, specials and staff work with the public without an officer's training), and
/// every module of each kind of task their skills fit them for.
pub fn expected_training(person: &Person) -> Vec<String> {
    if person.kind == PersonKind::Intermediary {
        return vec![crate::concern::TRAINING_MODULE.to_owned()];
    }
    let mut modules: Vec<String> = Vec::new();
    if matches!(
        person.kind,
        PersonKind::Volunteer | PersonKind::Special | PersonKind::Staff
    ) {
        modules.push("safeguarding".to_owned());
    }
    for kind in TaskKind::ALL {
        let requirements = kind.requirements();
        let fits = match requirements.skills.first() {
            Some(_) => requirements
                .skills
                .iter()
                .all(|(skill, _)| person.skills.iter().any(|h| h.skill == *skill)),
            // Interpreting: anyone who speaks a language besides English.
            None => person.languages.iter().any(|l| l != "en"),
        };
        if fits {
            modules.extend(requirements.training);
        }
    }
    modules.sort();
    modules.dedup();
    modules
}

/// Who could possibly do a task, by its first required skill (or language), so a borough's
/// tasks are not each checked against every person.
#[derive(Debug, Default)]
pub struct PeopleIndex {
    by_skill: std::collections::HashMap<Skill, Vec<usize>>,
    by_language: std::collections::HashMap<String, Vec<usize>>,
}

impl PeopleIndex {
    /// Indexes `people` by skill (at any level) and language.
    pub fn new(people: &[Person]) -> PeopleIndex {
        let mut index = PeopleIndex::default();
        for (at, person) in people.iter().enumerate() {
            for held in &person.skills {
                let list = index.by_skill.entry(held.skill.clone()).or_default();
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
            for language in &person.languages {
                let list = index.by_language.entry(language.clone()).or_default();
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        index
    }

    /// Matches a task against the people who could possibly do it; everyone else lacks its
    /// first skill or its language and is left out of `excluded` (ask [`exclusions`]).
    pub fn match_task(&self, task: &Task, people: &[Person]) -> Matches {
        let empty = Vec::new();
        let candidates = match (task.requirements.skills.first(), &task.language) {
            (Some((skill, _)), _) => self.by_skill.get(skill).unwrap_or(&empty),
            (None, Some(language)) => self.by_language.get(language).unwrap_or(&empty),
            (None, None) => return match_task(task, people),
        };
        match_among(task, people, candidates.iter().copied())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod slot_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_slot_reads_back_as_written(day in 0_u8..7, from in 0_u16..1439, length in 1_u16..600) {
            let day = Weekday::Monday.nth_next(day);
            let until = (from + length).min(24 * 60);
            let slot = Slot { day, from, until };
            prop_assert_eq!(Slot::parse(&slot.to_text()), Some(slot));
        }

        #[test]
        fn any_text_reads_without_panicking(text in ".{0,20}") {
            let _ = Slot::parse(&text);
        }
    }
}
