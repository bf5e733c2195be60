//! Concerns from trusted intermediaries (a pharmacist, a hairdresser, a teacher, a licensed
//! premises' door staff): who they are, the codeword schemes they are trained in (Ask for ANI,
//! Ask for Angela, a force's own), and what a concern records (DOMAIN.md 6).
//!
//! The codewords are data: a force adds its own in settings, with its procedure and the time
//! within which the intermediary is called back. Triage reads only what is here.

use time::Duration;

use crate::OrganisationId;
use crate::slug::slug_enum;
use crate::submission::Category;

/// The training module an intermediary's staff member must hold, in date, before they can send
/// a concern: the codeword schemes, what to ask, and what happens next (recorded on their
/// person record, as every training completion is).
pub const TRAINING_MODULE: &str = "intermediary-concerns";

slug_enum! {
    /// What an organisation registered with Peel does.
    pub enum OrganisationKind {
        /// Sends bulk incident notifications from its systems (a bank, a telco, a platform).
        Notifier = ("notifier", "Sends notifications"),
        /// Its trained staff send concerns (a pharmacy, a salon, a school).
        Intermediary = ("intermediary", "Trusted intermediary"),
        /// A partner Peel shares with under sharing agreements (an NHS trust, a school, a
        /// youth service); its kind of partner is a `sharing::PartnerKind` slug in `sector`.
        Partner = ("partner", "Partner organisation"),
    }
}

slug_enum! {
    /// What kind of place an intermediary organisation is. Extend the list here; the slug is
    /// stored, so a slug is never reused for another kind.
    pub enum Sector {
        /// A community pharmacy (Ask for ANI).
        Pharmacy = ("pharmacy", "Pharmacy"),
        /// A hair or beauty salon, barber or nail bar.
        HairAndBeauty = ("hair_and_beauty", "Hair and beauty salon"),
        /// A school or college.
        School = ("school", "School"),
        /// A GP surgery.
        GpSurgery = ("gp_surgery", "GP surgery"),
        /// A church, mosque, temple, synagogue or other faith group.
        FaithGroup = ("faith_group", "Faith group"),
        /// A housing officer's landlord or housing association.
        Housing = ("housing", "Housing"),
        /// A pub, bar, club or other licensed premises (Ask for Angela).
        LicensedPremises = ("licensed_premises", "Licensed premises"),
        /// A youth club or youth service.
        YouthClub = ("youth_club", "Youth club"),
        /// Anything else.
        Other = ("other", "Other"),
    }
}

/// A codeword scheme: what the codeword means, what staff are trained to do, and how Peel acts
/// on a concern that says it was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codeword {
    /// Its id, lower case (`ani`, `angela`, or a force's own).
    pub id: String,
    /// Its name as staff know it (`Ask for ANI`).
    pub name: String,
    /// The kind of harm it signals, which the concern is recorded as.
    pub category: Category,
    /// The procedure staff follow, step by step, as the scheme's guidance gives it.
    pub procedure: Vec<String>,
    /// How soon a contact handler must call the intermediary back when the person is with
    /// them and 999 was not called.
    pub call_back: Duration,
    /// Whether attending officers follow domestic abuse procedure, DASH included (ANI).
    pub opens_dash: bool,
}

impl Codeword {
    /// Ask for ANI (Action Needed Immediately), Home Office, 14 January 2021 (DOMAIN.md 6.1).
    pub fn ani() -> Codeword {
        Codeword {
            id: "ani".to_owned(),
            name: "Ask for ANI".to_owned(),
            category: Category::DomesticAbuse,
            procedure: vec![
                "Offer to take them to the consultation room or another private space".to_owned(),
                "Ask whether they are in danger or need help now, and whether they want the police called".to_owned(),
                "If they do, call 999 and say an \u{201c}ANI\u{201d} codeword response is needed; they may use your phone".to_owned(),
                "If they do not, give them the helpline details and a private space and phone to call from".to_owned(),
                "Keep what they tell you confidential".to_owned(),
            ],
            call_back: Duration::minutes(10),
            opens_dash: true,
        }
    }

    /// Ask for Angela, #NoMore campaign, with WAVE training for licensed premises in London
    /// (DOMAIN.md 6.2).
    pub fn angela() -> Codeword {
        Codeword {
            id: "angela".to_owned(),
            name: "Ask for Angela".to_owned(),
            category: Category::NotSure,
            procedure: vec![
                "Take them somewhere discreet and ask what they need".to_owned(),
                "Reunite them with friends, or see them to a taxi, or call venue security or the police".to_owned(),
                "Call 999 if anyone is in danger now".to_owned(),
            ],
            call_back: Duration::minutes(15),
            opens_dash: false,
        }
    }

    /// Whether `id` names this codeword (case and surrounding space ignored).
    pub fn is(&self, id: &str) -> bool {
        self.id.eq_ignore_ascii_case(id.trim())
    }
}

/// The codewords a force recognises: the national schemes, then its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codewords(Vec<Codeword>);

impl Default for Codewords {
    fn default() -> Self {
        Codewords(vec![Codeword::ani(), Codeword::angela()])
    }
}

impl Codewords {
    /// The national schemes and `own` (a force's codeword with the id of a national one
    /// replaces it).
    pub fn with(own: Vec<Codeword>) -> Codewords {
        let mut all = Codewords::default().0;
        for codeword in own {
            all.retain(|c| !c.is(&codeword.id));
            all.push(codeword);
        }
        Codewords(all)
    }

    /// The codeword with this id.
    pub fn find(&self, id: &str) -> Option<&Codeword> {
        self.0.iter().find(|c| c.is(id))
    }

    /// Every codeword, national ones first.
    pub fn all(&self) -> &[Codeword] {
        &self.0
    }
}

/// What an intermediary's concern records beyond what a report does (DOMAIN.md 6, the
/// implementation note): who sent it, the codeword, whether 999 was called, and consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFacts {
    /// The intermediary organisation.
    pub organisation: OrganisationId,
    /// Its name.
    pub organisation_name: String,
    /// What kind of place it is.
    pub sector: Sector,
    /// The number a contact handler calls the intermediary back on.
    pub call_back: String,
    /// Who the concern is about, in the intermediary's words (may be empty).
    pub about: String,
    /// The person is with the intermediary now.
    pub person_present: bool,
    /// The codeword they used, if any.
    pub codeword: Option<Codeword>,
    /// 999 was already called.
    pub called_999: bool,
    /// The person agreed to this being passed on to the police.
    pub consent: bool,
}

/// How a concern changes triage: the grade it needs at least, the reasons, and how soon the
/// intermediary must be called back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernTriage {
    /// At least this grade.
    pub grade: crate::triage::Grade,
    /// Code and words for each reason.
    pub reasons: Vec<(&'static str, String)>,
    /// Call the intermediary back within this, when the person is with them.
    pub call_back: Option<Duration>,
}

impl ConcernFacts {
    /// Someone is with the intermediary now, having used a codeword, and nobody has called
    /// 999: the contact handlers' queue puts it first until someone has called back.
    pub fn waiting_now(&self) -> bool {
        self.codeword.is_some() && self.person_present && !self.called_999
    }

    /// "on 020 …", or what to do when the intermediary registered no number.
    fn on_number(&self) -> String {
        if self.call_back.trim().is_empty() {
            "(no number is registered for it: find it before calling)".to_owned()
        } else {
            format!("on {}", self.call_back)
        }
    }

    /// What the concern means for triage. A codeword from someone with the intermediary now,
    /// with no 999 call made, is Immediate: nobody else is coming. With 999 called, the
    /// emergency call leads and this joins it; without the person present, it is Significant.
    pub fn triage(&self) -> ConcernTriage {
        use crate::triage::Grade;
        let mut reasons = Vec::new();
        let mut grade = Grade::E;
        let mut call_back = None;
        let place = self.sector.label().to_lowercase();
        if let Some(codeword) = &self.codeword {
            match (self.person_present, self.called_999) {
                (true, false) => {
                    grade = Grade::I;
                    call_back = Some(codeword.call_back);
                    reasons.push((
                        "codeword.present_no_999",
                        format!(
                            "{} codeword used: the person is at the {place} ({}) now and 999 was not called; call the {place} back {} within {} minutes",
                            codeword.name,
                            self.organisation_name,
                            self.on_number(),
                            codeword.call_back.whole_minutes()
                        ),
                    ));
                }
                (_, true) => {
                    grade = Grade::S;
                    reasons.push((
                        "codeword.called_999",
                        format!(
                            "{} codeword used and 999 was called: join this to the emergency call",
                            codeword.name
                        ),
                    ));
                }
                (false, false) => {
                    grade = Grade::S;
                    reasons.push((
                        "codeword.used",
                        format!(
                            "{} codeword used at the {place} ({}); the person has left",
                            codeword.name, self.organisation_name
                        ),
                    ));
                }
            }
            if codeword.opens_dash {
                reasons.push((
                    "codeword.dash",
                    format!(
                        "{}: follow domestic abuse procedure, including the DASH checklist",
                        codeword.name
                    ),
                ));
            }
        } else if self.person_present {
            grade = Grade::S;
            call_back = Some(Duration::minutes(60));
            reasons.push((
                "concern.person_present",
                format!(
                    "The person is at the {place} ({}) now: call the {place} back {}",
                    self.organisation_name,
                    self.on_number()
                ),
            ));
        }
        if !self.consent {
            reasons.push((
                "concern.no_consent",
                "The person has not agreed to this being passed on: contact them only through the intermediary, unless someone is at risk".to_owned(),
            ));
        }
        ConcernTriage {
            grade,
            reasons,
            call_back,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Grade;

    fn concern(codeword: Option<Codeword>, present: bool, called_999: bool) -> ConcernFacts {
        ConcernFacts {
            organisation: OrganisationId::parse("boots-camden").unwrap(),
            organisation_name: "Boots, Camden High Street".to_owned(),
            sector: Sector::Pharmacy,
            call_back: "020 7946 0001".to_owned(),
            about: String::new(),
            person_present: present,
            codeword,
            called_999,
            consent: true,
        }
    }

    #[test]
    fn ani_with_the_person_present_and_no_999_call_is_immediate_with_a_call_back() {
        let t = concern(Some(Codeword::ani()), true, false).triage();
        assert_eq!(t.grade, Grade::I);
        assert_eq!(t.call_back, Some(Duration::minutes(10)));
        assert_eq!(t.reasons[0].0, "codeword.present_no_999");
        assert!(t.reasons[0].1.contains("Ask for ANI"), "{:?}", t.reasons);
        assert!(t.reasons[0].1.contains("020 7946 0001"));
        assert!(t.reasons.iter().any(|r| r.0 == "codeword.dash"));
    }

    #[test]
    fn a_999_call_or_a_person_who_has_left_is_significant_without_a_call_back() {
        for (present, called) in [(true, true), (false, true), (false, false)] {
            let t = concern(Some(Codeword::ani()), present, called).triage();
            assert_eq!(t.grade, Grade::S, "{present} {called}");
            assert_eq!(t.call_back, None);
        }
    }

    #[test]
    fn angela_does_not_open_dash_and_no_codeword_is_not_immediate() {
        let angela = concern(Some(Codeword::angela()), true, false).triage();
        assert_eq!(angela.grade, Grade::I);
        assert!(angela.reasons.iter().all(|r| r.0 != "codeword.dash"));
        let plain = concern(None, true, false).triage();
        assert_eq!(plain.grade, Grade::S);
        assert_eq!(concern(None, false, false).triage().grade, Grade::E);
    }

    #[test]
    fn no_consent_is_said_plainly() {
        let mut c = concern(None, false, false);
        c.consent = false;
        assert!(
            c.triage()
                .reasons
                .iter()
                .any(|r| r.0 == "concern.no_consent")
        );
    }

    #[test]
    fn a_forces_own_codeword_is_found_and_may_replace_a_national_one() {
        let own = Codeword {
            id: "ask-for-clive".to_owned(),
            name: "Ask for Clive".to_owned(),
            category: Category::HateIncident,
            procedure: vec!["Take them somewhere safe".to_owned()],
            call_back: Duration::minutes(20),
            opens_dash: false,
        };
        let faster_ani = Codeword {
            call_back: Duration::minutes(5),
            ..Codeword::ani()
        };
        let words = Codewords::with(vec![own, faster_ani]);
        assert_eq!(words.all().len(), 3);
        assert_eq!(words.find(" ASK-FOR-CLIVE ").unwrap().name, "Ask for Clive");
        assert_eq!(words.find("ani").unwrap().call_back, Duration::minutes(5));
        assert!(words.find("angela").is_some());
        assert!(words.find("bob").is_none());
    }
}
