//! The DASH (2009) risk checklist for domestic abuse, stalking and harassment, and the MARAC
//! referral criteria.
//!
//! The 27 questions below are Peel's own concise wording of the police checklist's items; a
//! force loads the official wording from a file with [`Checklist::with_wording`]. The instrument
//! name and version travel with every assessment.
//!
//! **Invariant:** the risk level is the highest of the count band, professional judgement,
//! escalation and repeat, so nothing (least of all judgement) can lower a 14-or-more result.

/// One question: a stable code and its wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable code, `q1` to `q27`.
    pub code: String,
    /// The wording asked.
    pub text: String,
}

/// Peel's wording of the 27 items, in checklist order.
pub const PEEL_WORDING: [&str; 27] = [
    "Did this incident leave you injured?",
    "Are you very frightened?",
    "Are you afraid of further injury or violence, to you or to others?",
    "Does the abuser try to cut you off from family, friends, your doctor or others?",
    "Are you feeling depressed or having thoughts of suicide?",
    "Have you separated, or tried to separate, from the abuser in the past year?",
    "Is there conflict over contact with the children?",
    "Does the abuser keep texting, calling, following or harassing you?",
    "Are you pregnant, or have you had a baby in the past 18 months?",
    "Are there children or other dependants in the household who are not the abuser's?",
    "Has the abuser ever hurt the children or dependants?",
    "Has the abuser ever threatened to hurt or kill the children or dependants?",
    "Is the abuse happening more often?",
    "Is the abuse getting worse?",
    "Does the abuser try to control everything you do, or act with extreme jealousy?",
    "Has the abuser ever used a weapon or an object to hurt you?",
    "Has the abuser ever threatened to kill you or someone else, and you believed it?",
    "Has the abuser ever tried to strangle, choke, suffocate or drown you?",
    "Does the abuser do or say sexual things that make you feel bad or that hurt you or others?",
    "Is anyone else threatening you, or is there anyone else you are afraid of?",
    "Do you know if the abuser has hurt anyone else?",
    "Has the abuser ever hurt an animal or a pet?",
    "Are there money worries, such as depending on the abuser for money?",
    "Has the abuser had problems in the past year with drugs, alcohol or mental health?",
    "Has the abuser ever threatened or attempted suicide?",
    "Has the abuser ever broken bail, an injunction or an agreement about contact?",
    "Has the abuser ever been in trouble with the police, or have a criminal record?",
];

/// An answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// The person does not know.
    NotKnown,
    /// Not asked (yet).
    NotAsked,
}

impl Answer {
    /// The stable slug stored with the checklist.
    pub fn slug(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotKnown => "not_known",
            Answer::NotAsked => "not_asked",
        }
    }

    /// Parses `yes`, `no`, `not_known`, `not_asked`.
    pub fn parse(text: &str) -> Option<Answer> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "not_known" | "dont_know" | "don't_know" => Some(Answer::NotKnown),
            "not_asked" | "" => Some(Answer::NotAsked),
            _ => None,
        }
    }
}

/// The risk levels (a common local banding: 1-9 standard, 10-13 medium, 14 or more high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RiskLevel {
    /// Standard.
    Standard,
    /// Medium.
    Medium,
    /// High: refer to MARAC.
    High,
}

impl RiskLevel {
    /// Every level, lowest first.
    pub const ALL: [RiskLevel; 3] = [RiskLevel::Standard, RiskLevel::Medium, RiskLevel::High];

    /// The stable slug (`standard`, `medium`, `high`), which is also the word officers see.
    pub fn slug(self) -> &'static str {
        match self {
            RiskLevel::Standard => "standard",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    /// The level with this slug.
    pub fn parse(slug: &str) -> Option<RiskLevel> {
        RiskLevel::ALL.into_iter().find(|l| l.slug() == slug)
    }
}

/// The checklist in use: its name and version and the wording of its questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    /// Instrument and version, such as `DASH2009-police/peel-wording-1`.
    pub version: String,
    /// The 27 questions.
    pub questions: Vec<Question>,
}

impl Checklist {
    /// The police DASH (2009) items in Peel's wording.
    pub fn peel() -> Checklist {
        Checklist {
            version: "DASH2009-police/peel-wording-1".to_owned(),
            questions: PEEL_WORDING
                .iter()
                .enumerate()
                .map(|(i, text)| Question {
                    code: format!("q{}", i + 1),
                    text: (*text).to_owned(),
                })
                .collect(),
        }
    }

    /// The same 27 items in a force's official wording: one question per line, in order.
    pub fn with_wording(version: &str, text: &str) -> Result<Checklist, String> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() != 27 {
            return Err(format!(
                "the wording file has {} questions; DASH has 27",
                lines.len()
            ));
        }
        Ok(Checklist {
            version: version.to_owned(),
            questions: lines
                .iter()
                .enumerate()
                .map(|(i, text)| Question {
                    code: format!("q{}", i + 1),
                    text: (*text).to_owned(),
                })
                .collect(),
        })
    }
}

/// What the store knows about earlier domestic abuse for this victim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DashHistory {
    /// Domestic abuse incidents for the same victim in the last 12 months, this one included.
    pub incidents_last_12_months: u32,
    /// Whether the victim was referred to MARAC in the last 12 months.
    pub marac_referral_last_12_months: bool,
}

/// A practitioner's professional judgement: a level, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The level judged.
    pub level: RiskLevel,
    /// Why (required).
    pub reason: String,
}

/// The outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashOutcome {
    /// How many questions were answered yes.
    pub yes_count: usize,
    /// The level from the count alone.
    pub count_level: RiskLevel,
    /// The final level: the highest of every criterion.
    pub level: RiskLevel,
    /// Whether a MARAC referral is due (a referral task is created).
    pub marac_referral: bool,
    /// The criteria met, in words.
    pub reasons: Vec<String>,
}

/// Why an assessment could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DashError {
    /// Not 27 answers.
    #[error("DASH has 27 questions; {0} answers were given")]
    WrongLength(usize),
    /// Judgement without a reason.
    #[error("professional judgement needs a written reason")]
    JudgementWithoutReason,
}

/// SafeLives's common escalation threshold: 3 incidents in 12 months.
pub const ESCALATION_INCIDENTS: u32 = 3;

/// Scores answers against the MARAC criteria.
pub fn score(
    answers: &[Answer],
    judgement: Option<&Judgement>,
    history: DashHistory,
) -> Result<DashOutcome, DashError> {
    if answers.len() != 27 {
        return Err(DashError::WrongLength(answers.len()));
    }
    if judgement.is_some_and(|j| j.reason.trim().is_empty()) {
        return Err(DashError::JudgementWithoutReason);
    }
    let yes_count = answers.iter().filter(|a| **a == Answer::Yes).count();
    let count_level = match yes_count {
        14.. => RiskLevel::High,
        10..=13 => RiskLevel::Medium,
        _ => RiskLevel::Standard,
    };
    let mut level = count_level;
    let mut reasons = vec![format!("{yes_count} of 27 answered yes")];
    if count_level == RiskLevel::High {
        reasons.push("Visible high risk: 14 or more yes answers".to_owned());
    }
    if let Some(judgement) = judgement {
        if judgement.level > level {
            reasons.push(format!(
                "Professional judgement raised the level: {}",
                judgement.reason.trim()
            ));
            level = judgement.level;
        } else if judgement.level < count_level {
            reasons
                .push("Professional judgement cannot lower the level the answers give".to_owned());
        }
    }
    if history.incidents_last_12_months >= ESCALATION_INCIDENTS {
        reasons.push(format!(
            "Escalation: {} domestic abuse incidents for this victim in 12 months",
            history.incidents_last_12_months
        ));
        level = RiskLevel::High;
    }
    if history.marac_referral_last_12_months {
        reasons.push("Repeat: a further incident within 12 months of a MARAC referral".to_owned());
        level = RiskLevel::High;
    }
    Ok(DashOutcome {
        yes_count,
        count_level,
        marac_referral: level == RiskLevel::High,
        level,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answers(n_yes: usize) -> Vec<Answer> {
        (0..27)
            .map(|i| if i < n_yes { Answer::Yes } else { Answer::No })
            .collect()
    }

    fn judge(level: RiskLevel) -> Judgement {
        Judgement {
            level,
            reason: "threats to kill and recent separation".into(),
        }
    }

    #[test]
    fn thirteen_yes_is_not_high_and_fourteen_is() {
        let thirteen = score(&answers(13), None, DashHistory::default()).unwrap();
        assert_eq!(thirteen.level, RiskLevel::Medium);
        assert!(!thirteen.marac_referral);
        let fourteen = score(&answers(14), None, DashHistory::default()).unwrap();
        assert_eq!(fourteen.level, RiskLevel::High);
        assert!(fourteen.marac_referral);
    }

    #[test]
    fn nine_yes_is_standard_and_ten_is_medium() {
        assert_eq!(
            score(&answers(9), None, DashHistory::default())
                .unwrap()
                .level,
            RiskLevel::Standard
        );
        assert_eq!(
            score(&answers(10), None, DashHistory::default())
                .unwrap()
                .level,
            RiskLevel::Medium
        );
    }

    #[test]
    fn judgement_can_raise_with_a_reason() {
        let outcome = score(
            &answers(5),
            Some(&judge(RiskLevel::High)),
            DashHistory::default(),
        )
        .unwrap();
        assert_eq!(outcome.level, RiskLevel::High);
        assert!(outcome.marac_referral);
        assert!(
            outcome
                .reasons
                .iter()
                .any(|r| r.contains("threats to kill"))
        );
    }

    #[test]
    fn judgement_cannot_lower_fourteen_or_more() {
        let outcome = score(
            &answers(16),
            Some(&judge(RiskLevel::Standard)),
            DashHistory::default(),
        )
        .unwrap();
        assert_eq!(outcome.level, RiskLevel::High);
        assert!(outcome.marac_referral);
        assert!(outcome.reasons.iter().any(|r| r.contains("cannot lower")));
    }

    #[test]
    fn judgement_needs_a_reason() {
        let silent = Judgement {
            level: RiskLevel::High,
            reason: "  ".into(),
        };
        assert_eq!(
            score(&answers(1), Some(&silent), DashHistory::default()),
            Err(DashError::JudgementWithoutReason)
        );
    }

    #[test]
    fn the_third_incident_in_twelve_months_is_escalation() {
        let second = DashHistory {
            incidents_last_12_months: 2,
            ..DashHistory::default()
        };
        assert_eq!(
            score(&answers(2), None, second).unwrap().level,
            RiskLevel::Standard
        );
        let third = DashHistory {
            incidents_last_12_months: 3,
            ..DashHistory::default()
        };
        let outcome = score(&answers(2), None, third).unwrap();
        assert_eq!(outcome.level, RiskLevel::High);
        assert!(outcome.reasons.iter().any(|r| r.starts_with("Escalation")));
    }

    #[test]
    fn any_incident_within_twelve_months_of_a_referral_is_a_repeat() {
        let history = DashHistory {
            marac_referral_last_12_months: true,
            ..DashHistory::default()
        };
        let outcome = score(&answers(0), None, history).unwrap();
        assert!(outcome.marac_referral);
        assert!(outcome.reasons.iter().any(|r| r.starts_with("Repeat")));
    }

    #[test]
    fn not_known_and_not_asked_do_not_count_as_yes() {
        let mut given = answers(13);
        given[20] = Answer::NotKnown;
        given[21] = Answer::NotAsked;
        assert_eq!(
            score(&given, None, DashHistory::default())
                .unwrap()
                .yes_count,
            13
        );
    }

    #[test]
    fn a_wrong_number_of_answers_is_refused() {
        assert_eq!(
            score(&answers(3)[..26], None, DashHistory::default()),
            Err(DashError::WrongLength(26))
        );
    }

    #[test]
    fn the_checklist_has_27_questions_and_a_version() {
        let checklist = Checklist::peel();
        assert_eq!(checklist.questions.len(), 27);
        assert_eq!(checklist.questions[0].code, "q1");
        assert!(checklist.version.starts_with("DASH2009-police"));
        assert!(Checklist::with_wording("official-2009", "one\ntwo").is_err());
        let official = (1..=27)
            .map(|i| format!("Official question {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            Checklist::with_wording("official-2009", &official)
                .unwrap()
                .questions[26]
                .text,
            "Official question 27"
        );
    }

    #[test]
    fn answers_parse_in_plain_words() {
        assert_eq!(Answer::parse("Yes"), Some(Answer::Yes));
        assert_eq!(Answer::parse("not-known"), Some(Answer::NotKnown));
        assert_eq!(Answer::parse("maybe"), None);
    }

    proptest! {
        #[test]
        fn adding_a_yes_never_lowers_the_risk(
            raw in proptest::collection::vec(0u8..4, 27),
            flip in 0usize..27,
            incidents in 0u32..6,
            referral in any::<bool>(),
        ) {
            let to_answer = |v: u8| match v { 0 => Answer::Yes, 1 => Answer::No, 2 => Answer::NotKnown, _ => Answer::NotAsked };
            let before: Vec<Answer> = raw.iter().map(|v| to_answer(*v)).collect();
            let mut after = before.clone();
            after[flip] = Answer::Yes;
            let history = DashHistory { incidents_last_12_months: incidents, marac_referral_last_12_months: referral };
            let before = score(&before, None, history).unwrap();
            let after = score(&after, None, history).unwrap();
            prop_assert!(after.level >= before.level);
            prop_assert!(after.marac_referral || !before.marac_referral);
        }
    }
}
