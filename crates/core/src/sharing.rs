//! Lawful sharing with partners (issue 18): partner organisations, sharing agreements as data,
//! and the disclosure rule every referral and disclosure passes through. No IO: the agreement
//! comes in parsed, the rule answers yes with what the recipient may do with it, or names the
//! first thing the agreement does not allow.
//!
//! The rule, in order (DOMAIN.md 8 and 9):
//! 1. the agreement is in force today: started, not past its review date, not expired;
//! 2. it allows sharing in this direction (from the police to the partner);
//! 3. the recipient is a practitioner of a party organisation, named in the agreement or
//!    holding a role it names;
//! 4. every field disclosed is of a category the agreement allows;
//! 5. the marking is no stricter than the agreement's highest, TLP:RED goes only to a recipient
//!    named individually, and TLP:AMBER+STRICT only to a practitioner of the organisation
//!    itself (never on to its clients);
//! 6. identity (the person's name and contact details) is pseudonymised unless the agreement
//!    allows identity and the officer gives a justification.

use time::Date;

use crate::marking::Marking;

mod file;
pub mod pack;

crate::slug::slug_enum! {
    /// The kinds of partner organisation Peel shares with.
    pub enum PartnerKind {
        /// An NHS trust (a hospital, mental health or community trust).
        NhsTrust = ("nhs-trust", "NHS trust"),
        /// A GP practice.
        GpPractice = ("gp-practice", "GP practice"),
        /// A council's children's or adults' social care.
        SocialCare = ("social-care", "Social care"),
        /// A housing provider or the council's housing service.
        Housing = ("housing", "Housing"),
        /// A school or college.
        School = ("school", "School or college"),
        /// A youth service.
        YouthService = ("youth-service", "Youth service"),
        /// A drug and alcohol service.
        DrugAlcohol = ("drug-alcohol", "Drug and alcohol service"),
        /// A charity (victim support, domestic abuse services, ...).
        Charity = ("charity", "Charity"),
        /// The regional cyber resilience centre.
        CyberResilience = ("cyber-resilience", "Cyber resilience centre"),
        /// A bank or other notifying organisation.
        Bank = ("bank", "Bank"),
        /// The safer neighbourhood board or community safety partnership (the sharing pack).
        Board = ("board", "Safer neighbourhood board or partnership"),
    }
}

crate::slug::slug_enum! {
    /// The categories of data an agreement may allow (an enumerated list, as sharing
    /// agreements write them).
    pub enum Category {
        /// Who the person is: name, date of birth.
        Identity = ("identity", "Identity"),
        /// How to reach them: phone, email, address.
        Contact = ("contact", "Contact details"),
        /// Where it happened: ward, street, place.
        Location = ("location", "Location"),
        /// What happened: the offence or incident, its time, its description.
        Offence = ("offence", "Offence or incident"),
        /// The person's vulnerability and risk: grade, DASH answers, repeat victimisation.
        Vulnerability = ("vulnerability", "Vulnerability and risk"),
        /// Their health (special category: sensitive processing).
        Health = ("health", "Health"),
        /// Safeguarding: concerns for a child or adult at risk, referrals.
        Safeguarding = ("safeguarding", "Safeguarding"),
        /// Evidence files and what reviewers recorded of them.
        Evidence = ("evidence", "Evidence"),
        /// What the police did and the outcome.
        Outcome = ("outcome", "Outcome"),
    }
}

impl Category {
    /// Identity and contact details: what pseudonymisation withholds.
    pub fn identifies(self) -> bool {
        matches!(self, Category::Identity | Category::Contact)
    }
}

crate::slug::slug_enum! {
    /// A field of a case that may be disclosed, each of one category.
    pub enum Field {
        /// The person's name.
        Name = ("name", "Name"),
        /// Their phone, email and address.
        ContactDetails = ("contact", "Contact details"),
        /// The ward and street.
        Place = ("place", "Place"),
        /// The category of offence or incident and when.
        OffenceType = ("offence", "Offence and when"),
        /// What happened, in the report's words.
        Description = ("description", "What happened"),
        /// The grade and the reasons for it.
        Grade = ("grade", "Grade"),
        /// The DASH answers and the risk level.
        Dash = ("dash", "DASH risk checklist"),
        /// Whether the person was a victim before (repeat victimisation).
        Repeat = ("repeat", "Repeat victimisation"),
        /// Health needs recorded (mental health, substance use).
        HealthNeeds = ("health", "Health needs"),
        /// A safeguarding concern for a child or adult at risk.
        SafeguardingConcern = ("safeguarding", "Safeguarding concern"),
        /// Evidence files and reviewers' notes.
        EvidenceItems = ("evidence", "Evidence"),
        /// What was done and the outcome.
        CaseOutcome = ("outcome", "Outcome"),
    }
}

impl Field {
    /// The category it is of.
    pub fn category(self) -> Category {
        match self {
            Field::Name => Category::Identity,
            Field::ContactDetails => Category::Contact,
            Field::Place => Category::Location,
            Field::OffenceType | Field::Description => Category::Offence,
            Field::Grade | Field::Dash | Field::Repeat => Category::Vulnerability,
            Field::HealthNeeds => Category::Health,
            Field::SafeguardingConcern => Category::Safeguarding,
            Field::EvidenceItems => Category::Evidence,
            Field::CaseOutcome => Category::Outcome,
        }
    }
}

/// The law a disclosure rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LawfulBasis {
    /// DPA 2018 Part 3: a law-enforcement purpose (s.31), for partners that are competent
    /// authorities or where the police disclose for that purpose.
    Part3 {
        /// The purpose, in the agreement's words.
        purpose: String,
    },
    /// DPA 2018 Part 2 (UK GDPR): an Article 6 condition, and an Article 9 condition where
    /// special category data (health) is shared.
    Part2 {
        /// The Article 6(1) condition, such as `6(1)(e) public task`.
        article6: String,
        /// The Article 9(2) condition, such as `9(2)(h) health or social care`.
        article9: Option<String>,
    },
}

/// Which way data may flow under an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the police to the partner.
    ToPartner,
    /// From the partner to the police.
    FromPartner,
    /// Both ways.
    Both,
}

impl Direction {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Direction::ToPartner => "to-partner",
            Direction::FromPartner => "from-partner",
            Direction::Both => "both",
        }
    }

    /// Reads a slug back.
    pub fn parse(text: &str) -> Option<Direction> {
        match text.trim().to_ascii_lowercase().as_str() {
            "to-partner" | "outbound" => Some(Direction::ToPartner),
            "from-partner" | "inbound" => Some(Direction::FromPartner),
            "both" | "two-way" => Some(Direction::Both),
            _ => None,
        }
    }

    /// Whether the police may send under it.
    pub fn outbound(self) -> bool {
        matches!(self, Direction::ToPartner | Direction::Both)
    }

    /// Whether the partner may send under it.
    pub fn inbound(self) -> bool {
        matches!(self, Direction::FromPartner | Direction::Both)
    }
}

/// Who under an agreement may receive: a practitioner named by username, or everyone of a
/// party organisation holding a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// One practitioner, by username.
    Practitioner(String),
    /// Every practitioner of a party with this job role ("designated safeguarding lead").
    Role(String),
}

/// A sharing agreement, as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Its id, stable across versions.
    pub id: String,
    /// Its version, from 1.
    pub version: u32,
    /// The partner organisations that are parties to it (the police force is always one).
    pub parties: Vec<String>,
    /// What it is for.
    pub purpose: String,
    /// The law it rests on.
    pub lawful_basis: LawfulBasis,
    /// The categories it allows.
    pub categories: Vec<Category>,
    /// The strictest marking it allows.
    pub max_marking: Marking,
    /// Which way data may flow.
    pub direction: Direction,
    /// Who may receive.
    pub recipients: Vec<Named>,
    /// Whether identity may ever be revealed (with a justification each time).
    pub identity: bool,
    /// When it starts.
    pub start: Date,
    /// When it must be reviewed by: past this it shares nothing until reviewed.
    pub review: Date,
    /// When it ends.
    pub expires: Date,
}

/// Whether an agreement is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// In force.
    InForce,
    /// Not started yet.
    NotStarted,
    /// Past its review date and not reviewed.
    ReviewOverdue,
    /// Expired.
    Expired,
}

/// How many days before it lapses (review or expiry) an agreement's owner is told.
pub const LAPSE_WARNING_DAYS: i64 = 30;

impl Agreement {
    /// Its standing on `today` (London's date).
    pub fn standing(&self, today: Date) -> Standing {
        if today < self.start {
            Standing::NotStarted
        } else if today > self.expires {
            Standing::Expired
        } else if today > self.review {
            Standing::ReviewOverdue
        } else {
            Standing::InForce
        }
    }

    /// The date it lapses (its review or its expiry, whichever is first), when that is within
    /// [`LAPSE_WARNING_DAYS`] of `today` and it is still in force: its owner should be told.
    pub fn lapsing(&self, today: Date) -> Option<Date> {
        let lapses = self.review.min(self.expires);
        (self.standing(today) == Standing::InForce
            && (lapses - today).whole_days() <= LAPSE_WARNING_DAYS)
            .then_some(lapses)
    }

    /// Whether its owner must act: it lapses within the warning, or already shares nothing
    /// (past its review date or expired).
    pub fn needs_owner(&self, today: Date) -> bool {
        self.lapsing(today).is_some()
            || matches!(
                self.standing(today),
                Standing::ReviewOverdue | Standing::Expired
            )
    }

    /// Where it stands today, in words for its owner: in force (and when it lapses, within the
    /// warning), not started, or sharing nothing.
    pub fn standing_words(&self, today: Date) -> String {
        match self.standing(today) {
            Standing::InForce => match self.lapsing(today) {
                Some(on) => format!("in force, lapses {on}: review it"),
                None => "in force".to_owned(),
            },
            Standing::NotStarted => format!("starts {}", self.start),
            Standing::ReviewOverdue => "past its review date: shares nothing".to_owned(),
            Standing::Expired => "expired: shares nothing".to_owned(),
        }
    }

    /// Whether it allows `category`.
    pub fn allows(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }
}

/// The practitioner a disclosure is for, as the rule needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Their username.
    pub username: String,
    /// Their organisation.
    pub organisation: String,
    /// Their job roles in it.
    pub roles: Vec<String>,
}

/// What an officer asks to disclose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// To whom.
    pub recipient: Recipient,
    /// The fields.
    pub fields: Vec<Field>,
    /// The marking of what is disclosed (the strictest of its items).
    pub marking: Marking,
    /// Reveal identity rather than pseudonymise.
    pub reveal_identity: bool,
    /// The officer's justification (needed to reveal identity).
    pub justification: String,
}

/// Why the agreement forbids a disclosure: the first thing it does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Forbids {
    /// It is not in force.
    #[error("the agreement is not in force: {}", standing_words(*.0))]
    NotInForce(Standing),
    /// It does not allow the police to send.
    #[error("the agreement allows sharing only from the partner to the police")]
    Direction,
    /// The recipient's organisation is not a party.
    #[error("{0} is not a party to the agreement")]
    NotAParty(String),
    /// The recipient is neither named nor of a named role.
    #[error("{0} is not named in the agreement, nor holds a role it names")]
    NotNamed(String),
    /// A field's category is not allowed.
    #[error("the field {} ({}) is outside the agreement's categories", .0.slug(), .0.category().slug())]
    Field(Field),
    /// The marking is stricter than the agreement allows, or its recipient rule is not met.
    #[error("{0} cannot be disclosed under the agreement: {1}")]
    Marking(Marking, &'static str),
    /// Identity may never be revealed under it.
    #[error("the agreement does not allow identity to be revealed: share it pseudonymised")]
    IdentityNotAllowed,
    /// Identity asked for without a justification.
    #[error("revealing identity needs a justification")]
    JustificationMissing,
}

fn standing_words(standing: Standing) -> &'static str {
    match standing {
        Standing::InForce => "in force",
        Standing::NotStarted => "it has not started",
        Standing::ReviewOverdue => "it is past its review date",
        Standing::Expired => "it has expired",
    }
}

crate::slug::slug_enum! {
    /// What a practitioner writes back on something shared with them; it arrives on the case.
    pub enum WriteBackKind {
        /// How the referral is going: seen, engaged, closed, what they did.
        Update = ("update", "An update on the referral"),
        /// A concern of their own about the person or those around them.
        Concern = ("concern", "A concern of our own"),
    }
}

crate::slug::slug_enum! {
    /// What the recipient may do with what they were given, shown with it on their portal.
    pub enum Onward {
        /// No further disclosure: the named recipient alone (TLP:RED).
        RecipientOnly = ("recipient-only", "The recipient alone"),
        /// Within their organisation only, need to know (TLP:AMBER+STRICT).
        OrganisationOnly = ("organisation-only", "Their organisation only"),
        /// Within their organisation and its clients, need to know (TLP:AMBER).
        OrganisationAndClients = ("organisation-and-clients", "Their organisation and its clients"),
        /// Within the community of partners, never publicly (TLP:GREEN).
        Community = ("community", "The partnership"),
        /// No limit (TLP:CLEAR).
        Unlimited = ("unlimited", "No limit"),
    }
}

impl Onward {
    /// What the recipient is told they may do with it.
    pub fn words(self) -> &'static str {
        match self {
            Onward::RecipientOnly => "For you alone: share it with no one (TLP:RED).",
            Onward::OrganisationOnly => {
                "Within your organisation only, on a need-to-know basis (TLP:AMBER+STRICT)."
            }
            Onward::OrganisationAndClients => {
                "Within your organisation and with its clients, on a need-to-know basis (TLP:AMBER)."
            }
            Onward::Community => "Within the partnership, never publicly (TLP:GREEN).",
            Onward::Unlimited => "No limit on sharing (TLP:CLEAR).",
        }
    }
}

/// A disclosure the agreement allows: the fields to send (identity withheld unless revealed)
/// and the limit on onward sharing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    /// The fields, as asked, less those pseudonymisation withholds.
    pub fields: Vec<Field>,
    /// Identity is pseudonymised.
    pub pseudonymised: bool,
    /// What the recipient may do with it.
    pub onward: Onward,
}

/// The disclosure rule: whether `agreement` allows `disclosure` on `today`.
pub fn decide(
    agreement: &Agreement,
    disclosure: &Disclosure,
    today: Date,
) -> Result<Allowed, Forbids> {
    let standing = agreement.standing(today);
    if standing != Standing::InForce {
        return Err(Forbids::NotInForce(standing));
    }
    if !agreement.direction.outbound() {
        return Err(Forbids::Direction);
    }
    let who = &disclosure.recipient;
    if !agreement.parties.contains(&who.organisation) {
        return Err(Forbids::NotAParty(who.organisation.clone()));
    }
    let named_individually = agreement
        .recipients
        .iter()
        .any(|n| matches!(n, Named::Practitioner(u) if *u == who.username));
    let by_role = agreement
        .recipients
        .iter()
        .any(|n| matches!(n, Named::Role(r) if who.roles.iter().any(|mine| mine.eq_ignore_ascii_case(r))));
    if !named_individually && !by_role {
        return Err(Forbids::NotNamed(who.username.clone()));
    }
    if let Some(field) = disclosure
        .fields
        .iter()
        .find(|f| !agreement.allows(f.category()))
    {
        return Err(Forbids::Field(*field));
    }
    let marking = disclosure.marking;
    if marking > agreement.max_marking {
        return Err(Forbids::Marking(
            marking,
            "it is stricter than the highest marking the agreement allows",
        ));
    }
    if marking == Marking::Red && !named_individually {
        return Err(Forbids::Marking(
            marking,
            "it goes only to a recipient the agreement names individually, never to a role",
        ));
    }
    let identifying = disclosure.fields.iter().any(|f| f.category().identifies());
    let reveal = disclosure.reveal_identity && identifying;
    if reveal && !agreement.identity {
        return Err(Forbids::IdentityNotAllowed);
    }
    if reveal && disclosure.justification.trim().is_empty() {
        return Err(Forbids::JustificationMissing);
    }
    let fields = disclosure
        .fields
        .iter()
        .copied()
        .filter(|f| reveal || !f.category().identifies())
        .collect();
    Ok(Allowed {
        fields,
        pseudonymised: !reveal,
        onward: match marking {
            Marking::Red => Onward::RecipientOnly,
            Marking::AmberStrict => Onward::OrganisationOnly,
            Marking::Amber => Onward::OrganisationAndClients,
            Marking::Green => Onward::Community,
            Marking::Clear => Onward::Unlimited,
        },
    })
}

#[cfg(test)]
mod tests;
