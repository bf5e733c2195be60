//! Training: modules, completions with expiry, and what a person still needs.

use time::Date;

/// A completed module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The module's id (`safeguarding-adults`, `victim-care-basics`, …).
    pub module: String,
    /// When it was completed.
    pub completed: Date,
    /// When it lapses, if it does.
    pub expires: Option<Date>,
}

/// A module a person needs, and why it is not met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Never completed.
    Missing(String),
    /// Completed, but lapsed (or lapses) on this date.
    Lapsed(String, Date),
}

impl Need {
    /// The need in words.
    pub fn explain(&self) -> String {
        match self {
            Need::Missing(module) => format!("training module {module} not completed"),
            Need::Lapsed(module, on) => format!("training module {module} lapsed on {on}"),
        }
    }

    /// The module.
    pub fn module(&self) -> &str {
        match self {
            Need::Missing(m) | Need::Lapsed(m, _) => m,
        }
    }
}

/// The modules of `required` a person's completions do not cover on `on` (a completion must
/// still be in force that day), in the order required.
pub fn needs(required: &[String], done: &[Completion], on: Date) -> Vec<Need> {
    required
        .iter()
        .filter_map(|module| {
            let latest = done
                .iter()
                .filter(|c| c.module == *module && c.completed <= on)
                .max_by_key(|c| c.expires.unwrap_or(Date::MAX));
            match latest {
                None => Some(Need::Missing(module.clone())),
                Some(Completion {
                    expires: Some(expires),
                    ..
                }) if *expires <= on => Some(Need::Lapsed(module.clone(), *expires)),
                Some(_) => None,
            }
        })
        .collect()
}

/// Whether every module of `required` is in force on `on` (the allocation-free form of
/// [`needs`]).
pub fn covered(required: &[String], done: &[Completion], on: Date) -> bool {
    required.iter().all(|module| {
        done.iter()
            .any(|c| c.module == *module && c.completed <= on && c.expires.is_none_or(|e| e > on))
    })
}

/// One person's needs in a training-needs analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonNeeds<'a> {
    /// The person.
    pub person: &'a str,
    /// Their team or panel.
    pub group: &'a str,
    /// What they need by the date.
    pub needs: Vec<Need>,
}

/// A training-needs analysis as of `by`: for each person (id, team or panel, the modules
/// their role and tasks need, what they have done), what they need by then; and per team or
/// panel, how many need each module. People who need nothing are left out.
pub fn analyse<'a>(
    people: impl IntoIterator<Item = (&'a str, &'a str, &'a [String], &'a [Completion])>,
    by: Date,
) -> (
    Vec<PersonNeeds<'a>>,
    std::collections::BTreeMap<(&'a str, String), usize>,
) {
    let mut each = Vec::new();
    let mut groups = std::collections::BTreeMap::new();
    for (person, group, required, done) in people {
        let needs = needs(required, done, by);
        if needs.is_empty() {
            continue;
        }
        for need in &needs {
            *groups.entry((group, need.module().to_owned())).or_insert(0) += 1;
        }
        each.push(PersonNeeds {
            person,
            group,
            needs,
        });
    }
    (each, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_missing_or_lapsed_module_is_a_need_and_a_current_one_is_not() {
        let done = vec![
            Completion {
                module: "victim-care".into(),
                completed: date!(2025 - 01 - 01),
                expires: Some(date!(2026 - 01 - 01)),
            },
            Completion {
                module: "safeguarding".into(),
                completed: date!(2026 - 06 - 01),
                expires: Some(date!(2027 - 06 - 01)),
            },
        ];
        let required = vec![
            "safeguarding".to_owned(),
            "victim-care".to_owned(),
            "data-protection".to_owned(),
        ];
        let needs = needs(&required, &done, date!(2026 - 11 - 26));
        assert_eq!(
            needs,
            vec![
                Need::Lapsed("victim-care".into(), date!(2026 - 01 - 01)),
                Need::Missing("data-protection".into())
            ]
        );
        assert!(needs[0].explain().contains("lapsed on 2026-01-01"));
        assert!(!covered(&required, &done, date!(2026 - 11 - 26)));
        assert!(covered(&required[..1], &done, date!(2026 - 11 - 26)));
    }

    #[test]
    fn the_analysis_lists_who_needs_what_by_the_date_and_counts_by_team() {
        let required = vec!["safeguarding".to_owned(), "victim-care".to_owned()];
        let lapsing = vec![Completion {
            module: "safeguarding".into(),
            completed: date!(2026 - 01 - 01),
            expires: Some(date!(2026 - 12 - 15)),
        }];
        let none: Vec<Completion> = Vec::new();
        let people = [
            (
                "ann",
                "Hackney panel",
                required.as_slice(),
                lapsing.as_slice(),
            ),
            ("bob", "Hackney panel", required.as_slice(), none.as_slice()),
        ];
        let (each, groups) = analyse(people, date!(2027 - 01 - 01));
        assert_eq!(each.len(), 2);
        assert_eq!(
            each[0].needs,
            vec![
                Need::Lapsed("safeguarding".into(), date!(2026 - 12 - 15)),
                Need::Missing("victim-care".into())
            ],
            "by the new year Ann's safeguarding has lapsed"
        );
        assert_eq!(groups[&("Hackney panel", "safeguarding".to_owned())], 2);
        assert_eq!(groups[&("Hackney panel", "victim-care".to_owned())], 2);
    }
}
