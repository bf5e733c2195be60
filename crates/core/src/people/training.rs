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
    /// The module's version completed (1 until a module is revised).
    pub version: u32,
    /// How it was done.
    pub how: Learning,
}

crate::slug::slug_enum! {
    /// How a module was completed (blended learning).
    pub enum Learning {
        /// Online, on one's own.
        Online = ("online", "Online"),
        /// In a taught session.
        Session = ("session", "In a session"),
        /// By supervised work experience, signed off by the supervisor.
        Supervised = ("supervised", "Supervised work experience"),
    }
}

/// A module's revision: from this version on, an older completion is a need again, saying
/// what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The module.
    pub module: String,
    /// Its new version.
    pub version: u32,
    /// When it was revised.
    pub on: Date,
    /// What changed, in words.
    pub what_changed: String,
}

/// A module a person needs, and why it is not met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Never completed.
    Missing(String),
    /// Completed, but lapsed (or lapses) on this date.
    Lapsed(String, Date),
    /// Completed at an older version than the module's current one.
    Revised {
        /// The module.
        module: String,
        /// The version completed.
        held: u32,
        /// The revision that made it a need.
        revision: Revision,
    },
}

impl Need {
    /// The need in words.
    pub fn explain(&self) -> String {
        match self {
            Need::Missing(module) => format!("training module {module} not completed"),
            Need::Lapsed(module, on) => format!("training module {module} lapsed on {on}"),
            Need::Revised {
                module,
                held,
                revision,
            } => format!(
                "training module {module} was revised to version {} on {} ({}): version {held} was completed",
                revision.version, revision.on, revision.what_changed
            ),
        }
    }

    /// The module.
    pub fn module(&self) -> &str {
        match self {
            Need::Missing(m) | Need::Lapsed(m, _) => m,
            Need::Revised { module, .. } => module,
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

/// The modules of `required` whose latest completion in `done` is of an older version than
/// their latest revision: each a need saying what changed. A module never completed is
/// [`Need::Missing`] already, so it is not listed again.
pub fn revised(required: &[String], done: &[Completion], revisions: &[Revision]) -> Vec<Need> {
    required
        .iter()
        .filter_map(|module| {
            let current = revisions
                .iter()
                .filter(|r| r.module == *module)
                .max_by_key(|r| r.version)?;
            let held = done
                .iter()
                .filter(|c| c.module == *module)
                .map(|c| c.version)
                .max()?;
            (held < current.version).then(|| Need::Revised {
                module: module.clone(),
                held,
                revision: current.clone(),
            })
        })
        .collect()
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
    revisions: &[Revision],
    by: Date,
) -> (
    Vec<PersonNeeds<'a>>,
    std::collections::BTreeMap<(&'a str, String), usize>,
) {
    let mut each = Vec::new();
    let mut groups = std::collections::BTreeMap::new();
    for (person, group, required, done) in people {
        let mut needs = needs(required, done, by);
        needs.extend(revised(required, done, revisions));
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
                version: 1,
                how: Learning::Online,
            },
            Completion {
                module: "safeguarding".into(),
                completed: date!(2026 - 06 - 01),
                expires: Some(date!(2027 - 06 - 01)),
                version: 1,
                how: Learning::Online,
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
            version: 1,
            how: Learning::Online,
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
        let (each, groups) = analyse(people, &[], date!(2027 - 01 - 01));
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

    #[test]
    fn a_modules_new_version_revises_the_needs_of_everyone_who_holds_an_older_one() {
        let required = vec!["victim-care".to_owned(), "safeguarding".to_owned()];
        let held = |version| Completion {
            module: "victim-care".into(),
            completed: date!(2026 - 06 - 01),
            expires: None,
            version,
            how: Learning::Session,
        };
        let (v1, v2, none) = (vec![held(1)], vec![held(2)], Vec::new());
        let revision = Revision {
            module: "victim-care".into(),
            version: 2,
            on: date!(2026 - 12 - 01),
            what_changed: "coercive control added".into(),
        };
        let people = [
            ("ann", "panel", required.as_slice(), v1.as_slice()),
            ("bob", "panel", required.as_slice(), v2.as_slice()),
            ("cat", "panel", required.as_slice(), none.as_slice()),
        ];
        let (each, groups) = analyse(
            people,
            std::slice::from_ref(&revision),
            date!(2026 - 12 - 02),
        );
        let ann = each.iter().find(|p| p.person == "ann").unwrap();
        assert!(ann.needs.contains(&Need::Revised {
            module: "victim-care".into(),
            held: 1,
            revision: revision.clone()
        }));
        let words = ann
            .needs
            .iter()
            .map(Need::explain)
            .collect::<Vec<_>>()
            .join("; ");
        assert!(
            words.contains("revised to version 2 on 2026-12-01 (coercive control added)"),
            "{words}"
        );
        // Bob holds the new version; Cat never did it, which is a need already.
        let bob = each.iter().find(|p| p.person == "bob").unwrap();
        assert!(bob.needs.iter().all(|n| !matches!(n, Need::Revised { .. })));
        let cat = each.iter().find(|p| p.person == "cat").unwrap();
        assert_eq!(
            cat.needs
                .iter()
                .filter(|n| n.module() == "victim-care")
                .count(),
            1
        );
        assert_eq!(groups[&("panel", "victim-care".to_owned())], 2);
        // Without the revision, Ann's version 1 was enough.
        let (each, _) = analyse(people, &[], date!(2026 - 12 - 02));
        assert!(
            each.iter()
                .find(|p| p.person == "ann")
                .unwrap()
                .needs
                .iter()
                .all(|n| n.module() != "victim-care")
        );
    }
}
