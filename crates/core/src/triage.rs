//! Explainable triage: THRIVE (threat, harm, risk, investigation, vulnerability, engagement)
//! scored from a report's answers and words, giving a Met grade and the time by which a person
//! must make first contact, with a reason code and a plain-English sentence for every factor.
//!
//! **Invariant:** the grade is the highest grade any rule gives, so adding a vulnerability,
//! a weapon or any other aggravating factor can never lower it.

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime};

use crate::calendar::WorkingCalendar;
use crate::submission::{Category, NewReport, ReporterRole};

/// The Met grades, lowest urgency first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// Referred: advice, no attendance needed.
    R,
    /// Extended: attendance by appointment.
    E,
    /// Significant: urgent, within the hour.
    S,
    /// Immediate: danger now.
    I,
}

impl Grade {
    /// The letter.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::I => "I",
            Grade::S => "S",
            Grade::E => "E",
            Grade::R => "R",
        }
    }

    /// Parses a letter.
    pub fn parse(text: &str) -> Option<Grade> {
        match text.trim().to_ascii_uppercase().as_str() {
            "I" => Some(Grade::I),
            "S" => Some(Grade::S),
            "E" => Some(Grade::E),
            "R" => Some(Grade::R),
            _ => None,
        }
    }
}

/// How long each grade may wait for a person's first contact (configurable per force).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactTimes {
    /// I-grade.
    pub immediate: Duration,
    /// S-grade.
    pub significant: Duration,
    /// E-grade.
    pub extended: Duration,
    /// R-grade, in working days.
    pub referred_working_days: u32,
}

impl Default for ContactTimes {
    fn default() -> Self {
        ContactTimes {
            immediate: Duration::minutes(15),
            significant: Duration::hours(1),
            extended: Duration::hours(24),
            referred_working_days: 5,
        }
    }
}

impl ContactTimes {
    /// When first contact is due for a grade, counted from `from` (when the report arrived).
    pub fn due(
        &self,
        grade: Grade,
        from: OffsetDateTime,
        calendar: &WorkingCalendar,
    ) -> OffsetDateTime {
        match grade {
            Grade::I => from + self.immediate,
            Grade::S => from + self.significant,
            Grade::E => from + self.extended,
            Grade::R => calendar.add_working_days(from, self.referred_working_days),
        }
    }
}

/// The THRIVE element a reason belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// Threat.
    Threat,
    /// Harm.
    Harm,
    /// Risk.
    Risk,
    /// Investigation opportunity.
    Investigation,
    /// Vulnerability.
    Vulnerability,
    /// Engagement.
    Engagement,
}

impl Element {
    /// Every element, in THRIVE order.
    pub const ALL: [Element; 6] = [
        Element::Threat,
        Element::Harm,
        Element::Risk,
        Element::Investigation,
        Element::Vulnerability,
        Element::Engagement,
    ];

    /// The stable slug stored with each reason.
    pub fn slug(self) -> &'static str {
        match self {
            Element::Threat => "threat",
            Element::Harm => "harm",
            Element::Risk => "risk",
            Element::Investigation => "investigation",
            Element::Vulnerability => "vulnerability",
            Element::Engagement => "engagement",
        }
    }

    /// The element with this slug.
    pub fn parse(slug: &str) -> Option<Element> {
        Element::ALL.into_iter().find(|e| e.slug() == slug)
    }
}

/// One reason, with a stable code and a sentence for the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Stable code, such as `threat.weapon`.
    pub code: String,
    /// The THRIVE element.
    pub element: Element,
    /// Plain English.
    pub text: String,
}

/// What the store knows that the report alone does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    /// Earlier submissions in the last 12 months from the same contact details or address.
    pub earlier_reports: u32,
}

/// The outcome of triage.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The grade.
    pub grade: Grade,
    /// When a person must have made contact by.
    pub first_contact_due: OffsetDateTime,
    /// Harm weight (Cambridge Crime Harm Index days) for the category.
    pub harm_days: f64,
    /// Every reason, in THRIVE order.
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// The reasons that say someone may be in danger now (still happening, danger to life, a
    /// risk to life): when the reporter said nobody is, they are asked again before anything
    /// is stored (finding P0-7).
    pub fn present_danger(&self) -> Vec<&Reason> {
        self.reasons
            .iter()
            .filter(|r| {
                matches!(
                    r.code.as_str(),
                    "risk.in_progress" | "risk.danger_to_life" | "threat.self_harm"
                )
            })
            .collect()
    }
}

/// Cambridge Crime Harm Index days per category, from a force's table.
#[derive(Debug, Clone, PartialEq)]
pub struct HarmTable(BTreeMap<&'static str, f64>);

impl HarmTable {
    /// Reads `category,prc_subgroup,cchi_days,national_count` rows (police.uk category names)
    /// and takes the count-weighted mean per category; Peel's own categories borrow the
    /// nearest police.uk one.
    pub fn from_csv(text: &str) -> Result<HarmTable, String> {
        let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for (idx, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let [category, _subgroup, days, count] = fields.as_slice() else {
                return Err(format!("line {}: expected 4 fields", idx + 1));
            };
            let days: f64 = days
                .trim()
                .parse()
                .map_err(|_| format!("line {}: cchi_days is not a number", idx + 1))?;
            let count: f64 = count
                .trim()
                .parse()
                .map_err(|_| format!("line {}: count is not a number", idx + 1))?;
            let entry = sums.entry(category.trim().to_owned()).or_default();
            entry.0 += days * count;
            entry.1 += count;
        }
        let mean = |name: &str| sums.get(name).filter(|(_, n)| *n > 0.0).map(|(s, n)| s / n);
        let mut table = BTreeMap::new();
        for category in Category::ALL {
            let source = match category {
                Category::AntiSocialBehaviour | Category::PublicOrder => "Public order",
                Category::BicycleTheft => "Bicycle theft",
                Category::Burglary => "Burglary",
                Category::CriminalDamageArson => "Criminal damage and arson",
                Category::Drugs => "Drugs",
                Category::OtherTheft | Category::Fraud => "Other theft",
                Category::PossessionOfWeapons => "Possession of weapons",
                Category::Robbery => "Robbery",
                Category::Shoplifting => "Shoplifting",
                Category::TheftFromThePerson => "Theft from the person",
                Category::VehicleCrime => "Vehicle crime",
                Category::ViolentCrime | Category::DomesticAbuse => "Violence and sexual offences",
                Category::HateIncident | Category::OnlineAbuse => "Public order",
                Category::OtherCrime | Category::NotSure => "Other crime",
            };
            table.insert(category.slug(), mean(source).unwrap_or(1.0));
        }
        Ok(HarmTable(table))
    }

    /// The harm days for a category.
    pub fn days(&self, category: Category) -> f64 {
        self.0.get(category.slug()).copied().unwrap_or(1.0)
    }
}

impl Default for HarmTable {
    /// Every category weighs one day until a table is loaded.
    fn default() -> Self {
        HarmTable(Category::ALL.into_iter().map(|c| (c.slug(), 1.0)).collect())
    }
}

const WEAPON: &[&str] = &[
    "knife", "knives", "gun", "guns", "firearm", "machete", "blade", "stabbed", "stabbing", "shot",
    "shooting", "armed", "pistol", "rifle",
];
const CHILD: &[&str] = &[
    "child",
    "children",
    "kid",
    "kids",
    "baby",
    "toddler",
    "pupil",
    "pupils",
    "schoolboy",
    "schoolgirl",
    "teenager",
    "son",
    "daughter",
    "boy",
    "girl",
    "infant",
];
const OLDER: &[&str] = &[
    "elderly",
    "pensioner",
    "grandmother",
    "grandfather",
    "grandma",
    "grandad",
    "nan",
];
const MENTAL_HEALTH: &[&str] = &["suicidal", "suicide", "overdose", "psychosis", "sectioned"];
const MENTAL_HEALTH_NEEDS: &[&str] = &[
    "schizophrenia",
    "bipolar",
    "depression",
    "depressed",
    "anxiety",
    "psychiatric",
    "mental",
];
const DISABILITY: &[&str] = &[
    "disabled",
    "disability",
    "wheelchair",
    "blind",
    "deaf",
    "autistic",
    "dementia",
];
const INJURY: &[&str] = &[
    "bleeding",
    "injured",
    "injury",
    "unconscious",
    "ambulance",
    "wound",
    "wounded",
];
const NOW: &[&str] = &["now", "happening", "outside", "still"];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn mentions(words: &[String], list: &[&str]) -> Option<String> {
    words.iter().find(|w| list.contains(&w.as_str())).cloned()
}

/// The base grade of a category before aggravating factors.
fn base_grade(category: Category) -> Grade {
    match category {
        Category::ViolentCrime
        | Category::Robbery
        | Category::DomesticAbuse
        | Category::HateIncident
        | Category::PossessionOfWeapons => Grade::S,
        Category::BicycleTheft | Category::OtherTheft | Category::Shoplifting | Category::Fraud => {
            Grade::R
        }
        _ => Grade::E,
    }
}

/// Triage of a report at `now`.
pub fn assess(
    report: &NewReport,
    history: History,
    now: OffsetDateTime,
    harm: &HarmTable,
    times: &ContactTimes,
    calendar: &WorkingCalendar,
) -> Assessment {
    let words = words(&report.description);
    let mut reasons = Vec::new();
    let mut grade = base_grade(report.category);
    let mut reason = |code: &'static str, element: Element, text: String| {
        reasons.push(Reason {
            code: code.to_owned(),
            element,
            text,
        })
    };

    let weapon = mentions(&words, WEAPON);
    let child = mentions(&words, CHILD);
    let injury = mentions(&words, INJURY);
    let in_progress =
        report.occurred_at >= now - Duration::minutes(30) && mentions(&words, NOW).is_some();
    let recent = report.occurred_at >= now - Duration::hours(1);

    // Threat.
    if let Some(word) = &weapon {
        reason(
            "threat.weapon",
            Element::Threat,
            format!("The report mentions a weapon (\u{201c}{word}\u{201d})"),
        );
        grade = grade.max(Grade::S);
    }
    if let Some(word) = mentions(&words, MENTAL_HEALTH) {
        reason(
            "threat.self_harm",
            Element::Threat,
            format!("The report mentions a risk to life (\u{201c}{word}\u{201d})"),
        );
        grade = grade.max(Grade::I);
    }
    // Harm.
    let harm_days = harm.days(report.category);
    if harm_days >= 100.0 {
        reason(
            "harm.serious_category",
            Element::Harm,
            format!(
                "{} carries a high harm weight ({harm_days:.0} days)",
                report.category.label()
            ),
        );
    }
    if let Some(word) = &injury {
        reason(
            "harm.injury",
            Element::Harm,
            format!("The report mentions an injury (\u{201c}{word}\u{201d})"),
        );
        grade = grade.max(Grade::S);
    }
    // Risk.
    if in_progress {
        reason(
            "risk.in_progress",
            Element::Risk,
            "It may still be happening: it happened within 30 minutes and the report says so"
                .to_owned(),
        );
        grade = grade.max(Grade::S);
    }
    if weapon.is_some() && (child.is_some() || in_progress || injury.is_some()) {
        reason(
            "risk.danger_to_life",
            Element::Risk,
            "A weapon with a child, an injury or something still happening means danger to life"
                .to_owned(),
        );
        grade = Grade::I;
    }
    // Investigation.
    if recent && report.reporter_role != ReporterRole::ThirdParty {
        reason(
            "investigation.fresh",
            Element::Investigation,
            "It happened within the hour: witnesses and evidence can still be found".to_owned(),
        );
        grade = grade.max(Grade::S);
    }
    // Vulnerability.
    let mut vulnerable = false;
    if let Some(word) = &child {
        reason(
            "vulnerability.child",
            Element::Vulnerability,
            format!("A child or young person may be involved (\u{201c}{word}\u{201d})"),
        );
        vulnerable = true;
    }
    if let Some(word) = mentions(&words, OLDER) {
        reason(
            "vulnerability.older_person",
            Element::Vulnerability,
            format!("An older person may be involved (\u{201c}{word}\u{201d})"),
        );
        vulnerable = true;
    }
    if let Some(word) = mentions(&words, MENTAL_HEALTH_NEEDS) {
        reason(
            "vulnerability.mental_health",
            Element::Vulnerability,
            format!("Someone's mental health may be involved (\u{201c}{word}\u{201d})"),
        );
        vulnerable = true;
    }
    if let Some(word) = mentions(&words, DISABILITY) {
        reason(
            "vulnerability.disability",
            Element::Vulnerability,
            format!("A disabled person may be involved (\u{201c}{word}\u{201d})"),
        );
        vulnerable = true;
    }
    if report.category == Category::HateIncident {
        reason(
            "vulnerability.hate",
            Element::Vulnerability,
            "It is reported as hate motivated".to_owned(),
        );
        vulnerable = true;
    }
    if history.earlier_reports > 0 {
        reason(
            "vulnerability.repeat",
            Element::Vulnerability,
            format!(
                "A repeat victim: {} earlier report(s) in the last 12 months",
                history.earlier_reports
            ),
        );
        vulnerable = true;
    }
    if let Some(why) = report.enhanced_rights {
        reason(
            "vulnerability.enhanced_rights",
            Element::Vulnerability,
            format!("Enhanced rights under the Victims' Code: {why}"),
        );
        vulnerable = true;
    }
    if !report.language.eq_ignore_ascii_case("english")
        && !report.language.eq_ignore_ascii_case("en")
    {
        reason(
            "vulnerability.language",
            Element::Vulnerability,
            format!("Prefers {}: an interpreter may be needed", report.language),
        );
        vulnerable = true;
    }
    if vulnerable {
        grade = grade.max(match grade {
            Grade::R => Grade::E,
            _ => Grade::S,
        });
    }
    // Engagement.
    if report.contact.is_none() {
        reason("engagement.anonymous", Element::Engagement, "Anonymous: nobody can be contacted, so the first contact clock records the review instead".to_owned());
    } else if report.safe_contact.shared_device || report.safe_contact.no_voicemail {
        reason(
            "engagement.safe_contact",
            Element::Engagement,
            "Safe-contact limits apply: read them before contacting".to_owned(),
        );
    }

    // A concern from a trusted intermediary: a codeword acts at once (DOMAIN.md 6).
    let mut call_back = None;
    if let Some(concern) = &report.concern {
        let judged = concern.triage();
        grade = grade.max(judged.grade);
        call_back = judged.call_back;
        for (code, text) in judged.reasons {
            reason(code, Element::Risk, text);
        }
    }

    let mut first_contact_due = times.due(grade, now, calendar);
    if let Some(within) = call_back {
        first_contact_due = first_contact_due.min(now + within);
    }
    let order = |e: Element| e as u8;
    reasons.sort_by_key(|r| order(r.element));
    Assessment {
        grade,
        first_contact_due,
        harm_days,
        reasons,
    }
}

#[cfg(test)]
mod tests;

/// The reason a scam classifier's verdict adds, when it judges the text a scam: the
/// probability and the words that pushed it most.
pub fn scam_reason(prediction: &crate::classifier::Prediction) -> Option<Reason> {
    if !prediction.is_scam() {
        return None;
    }
    let pushed: Vec<String> = prediction
        .reasons
        .iter()
        .filter(|c| c.weight > 0.0)
        .filter_map(|c| {
            c.feature
                .split_once(':')
                .map(|(_, text)| format!("\u{201c}{}\u{201d}", text.trim()))
        })
        .take(4)
        .collect();
    Some(Reason {
        code: "investigation.scam_message".to_owned(),
        element: Element::Investigation,
        text: format!(
            "The text reads like a scam or smishing message ({:.0}% likely), most of all because of {}",
            prediction.probability * 100.0,
            if pushed.is_empty() {
                "its wording as a whole".to_owned()
            } else {
                pushed.join(", ")
            }
        ),
    })
}
