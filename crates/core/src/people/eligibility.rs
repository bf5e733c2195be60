//! Special Constable eligibility by occupation: the rules of NPIA Circular 01/2011 ("Special
//! Constables: Eligibility for Recruitment"), as DOMAIN.md section 5.4 lists them, held as
//! data. Annex A occupations are ineligible; Annex B ones need the chief officer's approval;
//! others are eligible. Outside Annex A the final decision stays with the chief officer.

/// The outcome for an occupation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// May not be appointed.
    Ineligible,
    /// Only with the chief officer's (or the employer's written) approval.
    NeedsApproval,
    /// Eligible (the chief officer still decides).
    Eligible,
}

/// One rule: the words that recognise the occupation, the decision, and the rule as quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Lower-case words or phrases; the occupation matches when one starts a word in it (a
    /// trailing space asks for the whole word).
    pub matches: &'static [&'static str],
    /// What follows.
    pub decision: Decision,
    /// The rule in the guidance's words.
    pub quote: &'static str,
}

/// The rules, in the order they are checked (more specific first).
pub const RULES: &[Rule] = &[
    Rule {
        matches: &["reservist", "reserve forces", "army reserve"],
        decision: Decision::Eligible,
        quote: "Armed forces reservists are eligible, but reserve duties take priority.",
    },
    Rule {
        matches: &[
            "armed forces",
            "soldier",
            "royal navy",
            "royal air force",
            "raf ",
            "royal marines",
        ],
        decision: Decision::Ineligible,
        quote: "Regular members of the armed forces are ineligible.",
    },
    Rule {
        matches: &[
            "traffic warden",
            "civil enforcement officer",
            "school crossing",
            "lollipop",
        ],
        decision: Decision::Ineligible,
        quote: "Traffic wardens, civil enforcement officers and school crossing patrols are ineligible.",
    },
    Rule {
        matches: &["neighbourhood warden", "street warden", "patrol warden"],
        decision: Decision::Ineligible,
        quote: "Neighbourhood and street wardens and other uniformed patrol wardens are ineligible.",
    },
    Rule {
        matches: &[
            "highways agency traffic officer",
            "national highways traffic officer",
            "welsh traffic officer",
        ],
        decision: Decision::Ineligible,
        quote: "On-road Highways Agency and Welsh traffic officers are ineligible.",
    },
    Rule {
        matches: &["pcso", "police community support officer"],
        decision: Decision::Ineligible,
        quote: "Police community support officers are ineligible.",
    },
    Rule {
        matches: &["private constabulary", "port police", "parks police"],
        decision: Decision::Ineligible,
        quote: "Members of employers' police forces and private constabularies are ineligible.",
    },
    Rule {
        matches: &[
            "magistrate",
            "judge",
            "justices' clerk",
            "justices clerk",
            "crown prosecution",
            "cps ",
            "clerk to the court",
            "court clerk",
        ],
        decision: Decision::Ineligible,
        quote: "Magistrates, judges, justices' clerks, CPS employees and clerks to courts are ineligible.",
    },
    Rule {
        matches: &["national crime agency", "nca officer"],
        decision: Decision::NeedsApproval,
        quote: "Some National Crime Agency (formerly SOCA) staff, at the chief officer's discretion.",
    },
    Rule {
        matches: &["immigration officer"],
        decision: Decision::Ineligible,
        quote: "Immigration officers are ineligible.",
    },
    Rule {
        matches: &["police and crime panel", "police authority"],
        decision: Decision::NeedsApproval,
        quote: "Members of police authorities (now Police and Crime Panels) may serve only in a different force area, with permission.",
    },
    Rule {
        matches: &[
            "licensee",
            "licensed house",
            "pub manager",
            "publican",
            "liquor licence",
        ],
        decision: Decision::Ineligible,
        quote: "Holders of liquor licences and managers of licensed houses, and their spouses, are ineligible.",
    },
    Rule {
        matches: &["betting", "gaming", "bookmaker", "lottery promoter"],
        decision: Decision::Ineligible,
        quote: "Licensees of betting and gaming establishments and lottery promoters are ineligible.",
    },
    Rule {
        matches: &["bailiff", "enforcement agent", "warrant officer"],
        decision: Decision::Ineligible,
        quote: "Bailiffs and warrant officers are ineligible.",
    },
    Rule {
        matches: &["probation officer", "probation service"],
        decision: Decision::Ineligible,
        quote: "Probation officers are ineligible.",
    },
    Rule {
        matches: &[
            "security guard",
            "door staff",
            "doorman",
            "door supervisor",
            "bouncer",
            "sia licen",
            "private security",
        ],
        decision: Decision::Ineligible,
        quote: "Directors, partners and employees of private security firms, security guards, door staff and other SIA-licensed roles are ineligible.",
    },
    Rule {
        matches: &["prison custody officer"],
        decision: Decision::Ineligible,
        quote: "Prison custody officers are ineligible.",
    },
    Rule {
        matches: &["private detective", "private investigator", "enquiry agent"],
        decision: Decision::Ineligible,
        quote: "Private detectives and enquiry agents are ineligible.",
    },
    Rule {
        matches: &["firefighter", "fire service", "fire brigade"],
        decision: Decision::Ineligible,
        quote: "Members of the fire service are ineligible.",
    },
    Rule {
        matches: &[
            "nurse",
            "midwife",
            "paramedic",
            "ambulance",
            "doctor ",
            "medical ",
            "gp ",
        ],
        decision: Decision::NeedsApproval,
        quote: "Medical, nursing, midwifery and ambulance staff only with the NHS employer's written permission.",
    },
];

/// What the check found: the decision and, when a rule decided it, the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The decision.
    pub decision: Decision,
    /// The rule that decided it (none for an occupation no rule names).
    pub rule: Option<&'static Rule>,
}

/// Checks a declared occupation against the rules.
pub fn check_occupation(occupation: &str) -> Outcome {
    let words: String = occupation
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let text = format!(" {words} ");
    RULES
        .iter()
        .find(|rule| rule.matches.iter().any(|m| text.contains(&format!(" {m}"))))
        .map_or(
            Outcome {
                decision: Decision::Eligible,
                rule: None,
            },
            |rule| Outcome {
                decision: rule.decision,
                rule: Some(rule),
            },
        )
}

/// The youngest a Special Constable may be.
pub const MINIMUM_AGE: i32 = 17;

/// A recruit's check: the strictest decision over age, occupation and business interests,
/// with every rule that bears on it quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recruitment {
    /// The decision.
    pub decision: Decision,
    /// The rules that bear on it, in the guidance's words.
    pub reasons: Vec<String>,
}

/// Checks a Special Constable recruit born on `born`, on `on`: the occupation and each
/// declared business interest against the rules, and the age against the minimum.
pub fn check_recruit(
    born: time::Date,
    on: time::Date,
    occupation: &str,
    interests: &[&str],
) -> Recruitment {
    let mut decision = Decision::Eligible;
    let mut reasons = Vec::new();
    let years =
        on.year() - born.year() - i32::from((on.month(), on.day()) < (born.month(), born.day()));
    if years < MINIMUM_AGE {
        decision = Decision::Ineligible;
        reasons.push(format!(
            "Special Constables must be at least {MINIMUM_AGE} years old (the recruit is {years})."
        ));
    }
    for text in std::iter::once(occupation).chain(interests.iter().copied()) {
        let outcome = check_occupation(text);
        if let Some(rule) = outcome.rule
            && outcome.decision != Decision::Eligible
        {
            reasons.push(format!("{text}: {}", rule.quote));
            decision = match (decision, outcome.decision) {
                (Decision::Ineligible, _) | (_, Decision::Ineligible) => Decision::Ineligible,
                _ => Decision::NeedsApproval,
            };
        }
    }
    Recruitment { decision, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ineligible_occupation_is_refused_with_the_rule_quoted() {
        let outcome = check_occupation("Door supervisor at a Soho club");
        assert_eq!(outcome.decision, Decision::Ineligible);
        assert!(outcome.rule.unwrap().quote.contains("door staff"));
        let pcso = check_occupation("PCSO, Hackney");
        assert_eq!(pcso.decision, Decision::Ineligible);
        assert!(
            pcso.rule
                .unwrap()
                .quote
                .contains("community support officers")
        );
    }

    #[test]
    fn a_recruit_is_checked_on_age_occupation_and_interests() {
        use time::macros::date;
        let on = date!(2026 - 11 - 26);
        let fine = check_recruit(date!(1990 - 05 - 01), on, "Software engineer", &[]);
        assert_eq!((fine.decision, fine.reasons.len()), (Decision::Eligible, 0));
        let young = check_recruit(date!(2009 - 11 - 27), on, "Student", &[]);
        assert_eq!(young.decision, Decision::Ineligible);
        assert!(young.reasons[0].contains("at least 17 years old (the recruit is 16)"));
        let pub_owner = check_recruit(
            date!(1980 - 01 - 01),
            on,
            "Staff nurse",
            &["Publican of the Red Lion"],
        );
        assert_eq!(pub_owner.decision, Decision::Ineligible);
        assert_eq!(pub_owner.reasons.len(), 2, "{:?}", pub_owner.reasons);
        assert!(pub_owner.reasons[1].contains("liquor licences"));
    }

    #[test]
    fn reservists_are_eligible_and_nurses_need_approval() {
        assert_eq!(
            check_occupation("Army reservist, accountant").decision,
            Decision::Eligible
        );
        assert_eq!(
            check_occupation("Staff nurse").decision,
            Decision::NeedsApproval
        );
        assert_eq!(
            check_occupation("Doctoral researcher").decision,
            Decision::Eligible
        );
        let teacher = check_occupation("Secondary school teacher");
        assert_eq!((teacher.decision, teacher.rule), (Decision::Eligible, None));
    }
}
