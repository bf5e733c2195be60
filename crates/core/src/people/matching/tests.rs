use time::macros::date;
use time::{Duration, Weekday};

use super::*;
use crate::people::skills::Evidence;
use crate::people::vetting::{Status, Trigger};

const DAY: Date = date!(2026 - 12 - 02); // a Wednesday

fn clearance(scopes: &[Scope]) -> Clearance {
    Clearance {
        level: Level::Nppv2,
        scopes: scopes.to_vec(),
        granted: date!(2025 - 01 - 01),
        expires: date!(2028 - 01 - 01),
        aftercare_due: date!(2027 - 01 - 01),
        status: Status::Active,
        suspended: Vec::new(),
    }
}

fn volunteer(id: &str, home: (f64, f64)) -> Person {
    Person {
        id: PersonId::parse(id).unwrap(),
        name: format!("Volunteer {id}"),
        kind: PersonKind::Volunteer,
        home: Some(home),
        languages: vec!["en".into()],
        skills: vec![HeldSkill {
            skill: Skill::VictimSupport,
            level: SkillLevel::Practitioner,
            evidence: Some(Evidence {
                body: "Victim Support".into(),
                number: "VS-1".into(),
                verified: Some(("vet.officer".into(), date!(2026 - 01 - 01))),
            }),
        }],
        clearances: vec![clearance(&[Scope::DomesticAbuse, Scope::PublicEvents])],
        training: ["victim-care", "safeguarding"]
            .iter()
            .map(|m| Completion {
                module: (*m).into(),
                completed: date!(2026 - 01 - 01),
                expires: Some(date!(2027 - 01 - 01)),
                version: 1,
                how: crate::people::training::Learning::Online,
            })
            .collect(),
        associations: vec![Association {
            kind: AssociationKind::School,
            value: normalise("Hackney Downs School"),
        }],
        availability: Availability {
            weekly: vec![Slot {
                day: Weekday::Wednesday,
                from: 9 * 60,
                until: 17 * 60,
            }],
            away: Vec::new(),
        },
    }
}

fn visit(scope: Option<Scope>) -> Task {
    let mut requirements = TaskKind::VictimVisit.requirements();
    requirements.scope = scope;
    Task {
        id: TaskId(uuid::Uuid::from_u128(1)),
        kind: TaskKind::VictimVisit,
        requirements,
        language: None,
        place: Some((51.5465, -0.0553)),
        window: Window {
            day: DAY,
            from: 10 * 60,
            until: 11 * 60,
        },
        touches: vec![normalise("Pembury Estate")],
        previous: Vec::new(),
    }
}

/// The reasons a person was excluded (empty when they were not).
fn reasons(matches: &Matches, people: &[Person], task: &Task, person: usize) -> Vec<String> {
    if !matches.excluded.contains(&person) {
        return Vec::new();
    }
    exclusions(&people[person], task)
        .into_iter()
        .map(|e| e.reason)
        .collect()
}

#[test]
fn an_expired_clearance_excludes_with_the_reason() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.clearances[0].expires = DAY;
    let (people, task) = (vec![person], visit(None));
    let matches = match_task(&task, &people);
    assert!(matches.ranked.is_empty());
    assert_eq!(
        reasons(&matches, &people, &task, 0),
        vec!["vetting expired on 2026-12-02"]
    );
}

#[test]
fn a_suspended_scope_excludes_with_the_reason() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.clearances[0].trigger(
        &Trigger::ChangeOfCircumstances("new co-resident".into()),
        &[Scope::DomesticAbuse],
        DAY - Duration::days(3),
    );
    let (people, task) = (vec![person.clone()], visit(Some(Scope::DomesticAbuse)));
    let why = reasons(&match_task(&task, &people), &people, &task, 0);
    assert_eq!(why.len(), 1, "{why:?}");
    assert!(
        why[0].contains("domestic abuse work is suspended") && why[0].contains("new co-resident")
    );
    // Work outside the suspended scope goes on.
    assert_eq!(
        match_task(&visit(Some(Scope::PublicEvents)), &[person])
            .ranked
            .len(),
        1
    );
}

#[test]
fn a_conflict_excludes_and_is_for_the_supervisor_only() {
    let person = volunteer("a", (51.55, -0.06));
    let mut task = visit(None);
    task.touches.push(normalise("Hackney Downs school"));
    let matches = match_task(&task, std::slice::from_ref(&person));
    assert_eq!(matches.excluded, vec![0]);
    let why = exclusions(&person, &task);
    assert_eq!(why.len(), 1);
    assert!(why[0].supervisor_only);
    assert!(
        why[0]
            .reason
            .contains("conflict of interest: their school (hackney downs school)")
    );
}

#[test]
fn a_missing_training_module_excludes_with_the_reason() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.training.retain(|c| c.module != "safeguarding");
    let (people, task) = (vec![person], visit(None));
    assert_eq!(
        reasons(&match_task(&task, &people), &people, &task, 0),
        vec!["training module safeguarding not completed"]
    );
}

#[test]
fn a_domestic_abuse_task_is_never_offered_to_someone_cleared_only_for_public_events() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.clearances = vec![clearance(&[Scope::PublicEvents])];
    let (people, task) = (vec![person], visit(Some(Scope::DomesticAbuse)));
    let matches = match_task(&task, &people);
    assert!(matches.ranked.is_empty());
    assert_eq!(
        reasons(&matches, &people, &task, 0),
        vec!["vetting does not cover domestic abuse work"]
    );
}

#[test]
fn continuity_ranks_the_previous_volunteer_first_then_skill_then_distance() {
    let near = volunteer("near", (51.5466, -0.0554));
    let far = volunteer("far", (51.60, -0.20));
    let mut expert = volunteer("expert", (51.58, -0.10));
    expert.skills[0].level = SkillLevel::Expert;
    let people = vec![near, far, expert];
    let mut task = visit(None);
    let order = |m: &Matches| -> Vec<String> {
        m.ranked
            .iter()
            .map(|c| people[c.person].id.to_string())
            .collect()
    };
    let matches = match_task(&task, &people);
    assert_eq!(order(&matches), vec!["expert", "near", "far"]);
    assert!(
        matches.ranked[1]
            .reasons
            .iter()
            .any(|r| r.ends_with("km away"))
    );
    task.previous = vec![PersonId::parse("far").unwrap()];
    let matches = match_task(&task, &people);
    assert_eq!(order(&matches), vec!["far", "expert", "near"]);
    assert_eq!(
        matches.ranked[0].reasons[0],
        "helped this victim before (continuity)"
    );
}

#[test]
fn unavailability_and_language_are_reasons_too() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.availability.away.push((DAY, DAY));
    let mut task = visit(None);
    task.language = Some("pl".into());
    let people = vec![person];
    let why = reasons(&match_task(&task, &people), &people, &task, 0);
    assert_eq!(
        why,
        vec![
            "not available on 2026-12-02 from 10:00 to 11:00",
            "does not speak the language needed (pl)"
        ]
    );
}

#[test]
fn associations_are_compared_after_normalising() {
    assert_eq!(
        normalise("St Mary's C of E  School!"),
        "st marys c of e school"
    );
}

#[test]
fn the_index_gives_the_same_ranking_as_checking_everyone() {
    let mut people: Vec<Person> = (0..40)
        .map(|i| volunteer(&format!("v{i}"), (51.5 + f64::from(i) / 100.0, -0.1)))
        .collect();
    for (i, person) in people.iter_mut().enumerate() {
        if i % 3 == 0 {
            person.skills.clear();
        }
        if i % 5 == 0 {
            person.clearances[0].expires = DAY;
        }
    }
    let index = PeopleIndex::new(&people);
    let task = visit(Some(Scope::DomesticAbuse));
    let everyone = match_task(&task, &people);
    let indexed = index.match_task(&task, &people);
    assert_eq!(indexed.ranked, everyone.ranked);
    assert!(!everyone.ranked.is_empty());
    for at in &everyone.excluded {
        assert!(!is_eligible(&people[*at], &task));
        assert!(!exclusions(&people[*at], &task).is_empty());
    }
}

#[test]
fn a_volunteers_expected_training_follows_their_skills_and_languages() {
    let mut person = volunteer("a", (51.55, -0.06));
    assert_eq!(
        expected_training(&person),
        vec!["safeguarding", "victim-care"]
    );
    person.languages.push("pl".into());
    person.skills.push(HeldSkill {
        skill: Skill::DigitalForensics,
        level: SkillLevel::Working,
        evidence: None,
    });
    assert_eq!(
        expected_training(&person),
        vec![
            "data-protection",
            "evidence-handling",
            "safeguarding",
            "victim-care"
        ]
    );
}

#[test]
fn a_language_listed_twice_indexes_the_person_once() {
    let mut person = volunteer("a", (51.55, -0.06));
    person.languages = vec!["pl".into(), "pl".into()];
    let people = vec![person];
    let mut task = visit(None);
    task.kind = TaskKind::Interpreting;
    task.requirements = TaskKind::Interpreting.requirements();
    task.language = Some("pl".into());
    let matches = PeopleIndex::new(&people).match_task(&task, &people);
    assert_eq!(matches.ranked.len(), 1);
}
