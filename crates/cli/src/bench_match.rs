//! `peel bench match`: every open task's ranked list of people, over a generated London of
//! people (skills, clearances with some expired or suspended, training, conflicts,
//! availability) and tasks, against checking every person for every task in the same run.

use std::process::ExitCode;
use std::time::Instant;

use peel_core::classifier::SplitMix64;
use peel_core::people::matching::{
    Association, AssociationKind, Availability, Matches, PeopleIndex, Person, PersonKind, Slot,
    Task, TaskKind, Window, match_task, normalise,
};
use peel_core::people::skills::{Evidence, HeldSkill, Skill, SkillLevel};
use peel_core::people::training::Completion;
use peel_core::people::vetting::{Clearance, Level, Scope, Status, Trigger};
use peel_core::{PersonId, TaskId};
use time::macros::date;
use time::{Date, Duration, Weekday};

use crate::say;

const LANGUAGES: [&str; 10] = ["pl", "ro", "ar", "bn", "so", "tr", "pt", "es", "ur", "fr"];
const MODULES: [&str; 6] = [
    "victim-care",
    "safeguarding",
    "mental-health-first-aid",
    "evidence-handling",
    "data-protection",
    "youth-work-basics",
];
const START: Date = date!(2026 - 12 - 01);

struct Rng(SplitMix64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// One of `items` (never empty here; `fallback` keeps it total).
    fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        items
            .get(self.below(items.len() as u64) as usize)
            .copied()
            .unwrap_or(fallback)
    }
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }
}

fn skill(rng: &mut Rng) -> Skill {
    match rng.below(12) {
        0..=2 => Skill::VictimSupport,
        3 | 4 => Skill::CyberHelp,
        5 => Skill::DigitalForensics,
        6 => Skill::FraudRecovery,
        7 => Skill::MentalHealth,
        8 => Skill::YouthWork,
        9 => Skill::BusinessSupport,
        10 => Skill::SchoolsLiaison,
        _ => Skill::Interpreting(rng.pick(&LANGUAGES, "pl").to_owned()),
    }
}

fn place(rng: &mut Rng) -> String {
    if rng.chance(50) {
        normalise(&format!("School {}", rng.below(400)))
    } else {
        normalise(&format!("Estate {}", rng.below(400)))
    }
}

fn person(i: usize, rng: &mut Rng) -> anyhow::Result<Person> {
    let kind = match rng.below(20) {
        0..=13 => PersonKind::Volunteer,
        14 | 15 => PersonKind::Special,
        16 | 17 => PersonKind::Officer,
        18 => PersonKind::Pcso,
        _ => PersonKind::Staff,
    };
    let skills = (0..rng.below(4))
        .map(|_| HeldSkill {
            skill: skill(rng),
            level: match rng.below(3) {
                0 => SkillLevel::Working,
                1 => SkillLevel::Practitioner,
                _ => SkillLevel::Expert,
            },
            evidence: Some(Evidence {
                body: "a professional body".into(),
                number: format!("M{i}"),
                verified: rng
                    .chance(80)
                    .then(|| ("vetting.unit".to_owned(), START - Duration::days(100))),
            }),
        })
        .collect();
    let mut languages = vec!["en".to_owned()];
    if rng.chance(30) {
        languages.push(rng.pick(&LANGUAGES, "pl").to_owned());
    }
    let scopes: Vec<Scope> = Scope::ALL.into_iter().filter(|_| rng.chance(50)).collect();
    let mut clearance = Clearance {
        level: match rng.below(20) {
            0..=11 => Level::Nppv2,
            12..=14 => Level::Nppv2Abbreviated,
            15..=17 => Level::Nppv3,
            _ => Level::Rv,
        },
        scopes: scopes.clone(),
        granted: START - Duration::days(400),
        expires: if rng.chance(90) {
            START + Duration::days(200 + rng.below(900) as i64)
        } else {
            START - Duration::days(rng.below(100) as i64)
        },
        aftercare_due: START + Duration::days(rng.below(365) as i64),
        status: Status::Active,
        suspended: Vec::new(),
    };
    if rng.chance(5)
        && let Some(scope) = scopes.first()
    {
        clearance.trigger(
            &Trigger::ChangeOfCircumstances("new partner".into()),
            &[*scope],
            START - Duration::days(3),
        );
    }
    let mut training = Vec::new();
    for module in MODULES {
        if rng.chance(70) {
            let lapsed = rng.chance(10);
            training.push(Completion {
                module: module.to_owned(),
                completed: START - Duration::days(300),
                expires: Some(if lapsed {
                    START - Duration::days(10)
                } else {
                    START + Duration::days(300)
                }),
                version: 1,
                how: peel_core::people::training::Learning::Online,
            });
        }
    }
    let associations = (0..2)
        .map(|_| Association {
            kind: AssociationKind::School,
            value: place(rng),
        })
        .collect();
    let weekly = (0..3)
        .map(|_| {
            let day = rng.pick(
                &[
                    Weekday::Monday,
                    Weekday::Tuesday,
                    Weekday::Wednesday,
                    Weekday::Thursday,
                    Weekday::Friday,
                    Weekday::Saturday,
                ],
                Weekday::Monday,
            );
            if rng.chance(60) {
                Slot {
                    day,
                    from: 9 * 60,
                    until: 17 * 60,
                }
            } else {
                Slot {
                    day,
                    from: 18 * 60,
                    until: 21 * 60,
                }
            }
        })
        .collect();
    Ok(Person {
        id: person_id(i)?,
        name: format!("Person {i}"),
        kind,
        home: Some((51.30 + 0.38 * rng.unit(), -0.50 + 0.80 * rng.unit())),
        languages,
        skills,
        clearances: vec![clearance],
        training,
        associations,
        availability: Availability {
            weekly,
            away: Vec::new(),
        },
    })
}

/// The id of the `i`th generated person (`p7`).
fn person_id(i: usize) -> anyhow::Result<PersonId> {
    Ok(PersonId::parse(&format!("p{i}"))?)
}

fn task(i: usize, people: usize, rng: &mut Rng) -> anyhow::Result<Task> {
    let kind = rng.pick(&TaskKind::ALL, TaskKind::VictimVisit);
    let mut requirements = kind.requirements();
    if kind == TaskKind::VictimVisit && rng.chance(40) {
        requirements.scope = Some(Scope::DomesticAbuse);
    }
    let language = (kind == TaskKind::Interpreting || rng.chance(10))
        .then(|| rng.pick(&LANGUAGES, "pl").to_owned());
    let (from, until) = if rng.chance(60) {
        (10 * 60, 11 * 60)
    } else {
        (18 * 60 + 30, 19 * 60 + 30)
    };
    Ok(Task {
        id: TaskId(uuid::Uuid::from_u128(i as u128)),
        kind,
        requirements,
        language,
        place: Some((51.30 + 0.38 * rng.unit(), -0.50 + 0.80 * rng.unit())),
        window: Window {
            day: START + Duration::days(rng.below(14) as i64),
            from,
            until,
        },
        touches: (0..3).map(|_| place(rng)).collect(),
        previous: if rng.chance(20) {
            vec![person_id(rng.below(people as u64) as usize)?]
        } else {
            Vec::new()
        },
    })
}

pub fn run(people: usize, tasks: usize, seed: u64) -> anyhow::Result<ExitCode> {
    let mut rng = Rng(SplitMix64(seed));
    let everyone: Vec<Person> = (0..people)
        .map(|i| person(i, &mut rng))
        .collect::<anyhow::Result<_>>()?;
    let open: Vec<Task> = (0..tasks)
        .map(|i| task(i, people, &mut rng))
        .collect::<anyhow::Result<_>>()?;
    say(&format!(
        "workload: {people} people and {tasks} open tasks (seed {seed})"
    ));

    // Peel: an index by skill and language, the tasks split across the cores.
    let started = Instant::now();
    let index = PeopleIndex::new(&everyone);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = open.len().div_ceil(threads).max(1);
    let ranked: Vec<Matches> = std::thread::scope(|scope| {
        let workers: Vec<_> = open
            .chunks(per)
            .map(|chunk| {
                let (index, everyone) = (&index, &everyone);
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|t| index.match_task(t, everyone))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let peel = started.elapsed().as_secs_f64();
    let offered: usize = ranked.iter().map(|m| m.ranked.len()).sum();
    let with_someone = ranked.iter().filter(|m| !m.ranked.is_empty()).count();
    say(&format!(
        "peel: every task's ranked list in {:.3} s ({threads} threads): {offered} people offered in all, {with_someone} of {tasks} tasks with at least one",
        peel
    ));

    // Baseline: every person checked for every task, on one thread.
    let started = Instant::now();
    let baseline: Vec<Matches> = open.iter().map(|t| match_task(t, &everyone)).collect();
    let base = started.elapsed().as_secs_f64();
    let same = baseline
        .iter()
        .zip(&ranked)
        .all(|(b, p)| b.ranked == p.ranked);
    say(&format!(
        "baseline (every person checked for every task, one thread): {base:.3} s; the same rankings: {same}"
    ));
    say(&format!("ratio (baseline / peel): {:.2}", base / peel));
    anyhow::ensure!(same, "the indexed rankings differ from checking everyone");
    Ok(ExitCode::SUCCESS)
}
