//! Public reports: what a member of the public tells us, checked and put into shape, and where
//! it goes.
//!
//! A raw [`ReportInput`] (from the form or the API, all text) becomes a [`NewReport`] only
//! through [`NewReport::parse`], which gathers every problem at once so a form can show them
//! all in its error summary.

use time::{Duration, OffsetDateTime};

mod problem;
mod status;

pub use problem::{PROBLEM_CODES, Problem};
pub use status::{Channel, ContactMethod, NoteKind, Stage};

/// What kind of thing happened: the police.uk categories, then Peel's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// `anti-social-behaviour`
    AntiSocialBehaviour,
    /// `bicycle-theft`
    BicycleTheft,
    /// `burglary`
    Burglary,
    /// `criminal-damage-arson`
    CriminalDamageArson,
    /// `drugs`
    Drugs,
    /// `other-theft`
    OtherTheft,
    /// `possession-of-weapons`
    PossessionOfWeapons,
    /// `public-order`
    PublicOrder,
    /// `robbery`
    Robbery,
    /// `shoplifting`
    Shoplifting,
    /// `theft-from-the-person`
    TheftFromThePerson,
    /// `vehicle-crime`
    VehicleCrime,
    /// `violent-crime` (violence and sexual offences)
    ViolentCrime,
    /// `other-crime`
    OtherCrime,
    /// `fraud`: fraud or a scam
    Fraud,
    /// `online-abuse`
    OnlineAbuse,
    /// `domestic-abuse`
    DomesticAbuse,
    /// `hate-incident`
    HateIncident,
    /// `not-sure`
    NotSure,
}

impl Category {
    /// Every category, in the order the form shows them.
    pub const ALL: [Category; 19] = [
        Category::AntiSocialBehaviour,
        Category::BicycleTheft,
        Category::Burglary,
        Category::CriminalDamageArson,
        Category::Drugs,
        Category::Fraud,
        Category::DomesticAbuse,
        Category::HateIncident,
        Category::OnlineAbuse,
        Category::OtherTheft,
        Category::PossessionOfWeapons,
        Category::PublicOrder,
        Category::Robbery,
        Category::Shoplifting,
        Category::TheftFromThePerson,
        Category::VehicleCrime,
        Category::ViolentCrime,
        Category::OtherCrime,
        Category::NotSure,
    ];

    /// The stable slug (police.uk's where it has one).
    pub fn slug(self) -> &'static str {
        match self {
            Category::AntiSocialBehaviour => "anti-social-behaviour",
            Category::BicycleTheft => "bicycle-theft",
            Category::Burglary => "burglary",
            Category::CriminalDamageArson => "criminal-damage-arson",
            Category::Drugs => "drugs",
            Category::OtherTheft => "other-theft",
            Category::PossessionOfWeapons => "possession-of-weapons",
            Category::PublicOrder => "public-order",
            Category::Robbery => "robbery",
            Category::Shoplifting => "shoplifting",
            Category::TheftFromThePerson => "theft-from-the-person",
            Category::VehicleCrime => "vehicle-crime",
            Category::ViolentCrime => "violent-crime",
            Category::OtherCrime => "other-crime",
            Category::Fraud => "fraud",
            Category::OnlineAbuse => "online-abuse",
            Category::DomesticAbuse => "domestic-abuse",
            Category::HateIncident => "hate-incident",
            Category::NotSure => "not-sure",
        }
    }

    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            Category::AntiSocialBehaviour => "Anti-social behaviour",
            Category::BicycleTheft => "Bicycle theft",
            Category::Burglary => "Burglary",
            Category::CriminalDamageArson => "Criminal damage or arson",
            Category::Drugs => "Drugs",
            Category::OtherTheft => "Other theft",
            Category::PossessionOfWeapons => "Someone carrying a weapon",
            Category::PublicOrder => "Public order offence",
            Category::Robbery => "Robbery",
            Category::Shoplifting => "Shoplifting",
            Category::TheftFromThePerson => "Theft from a person (for example pickpocketing)",
            Category::VehicleCrime => "Vehicle crime",
            Category::ViolentCrime => "Violence or a sexual offence",
            Category::OtherCrime => "Another crime",
            Category::Fraud => "Fraud or a scam",
            Category::OnlineAbuse => "Online abuse or harassment",
            Category::DomesticAbuse => "Domestic abuse",
            Category::HateIncident => "Hate crime or hate incident",
            Category::NotSure => "I'm not sure",
        }
    }

    /// Parses a slug.
    pub fn parse(text: &str) -> Option<Category> {
        let wanted = text.trim().to_ascii_lowercase();
        Category::ALL.into_iter().find(|c| c.slug() == wanted)
    }

    /// Sensitive categories never go through open, unauthenticated channels such as Open311.
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            Category::DomesticAbuse
                | Category::HateIncident
                | Category::ViolentCrime
                | Category::OnlineAbuse
                | Category::Fraud
                | Category::NotSure
        )
    }

    /// Victims of these are among the most serious crime and have enhanced rights under the
    /// Victims' Code.
    pub fn gives_enhanced_rights(self) -> bool {
        matches!(
            self,
            Category::DomesticAbuse | Category::HateIncident | Category::ViolentCrime
        )
    }
}

/// Who is reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterRole {
    /// It happened to them.
    Victim,
    /// They saw it.
    Witness,
    /// They are reporting for someone else.
    ThirdParty,
}

impl ReporterRole {
    /// Every role.
    pub const ALL: [ReporterRole; 3] = [
        ReporterRole::Victim,
        ReporterRole::Witness,
        ReporterRole::ThirdParty,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            ReporterRole::Victim => "victim",
            ReporterRole::Witness => "witness",
            ReporterRole::ThirdParty => "third-party",
        }
    }

    /// The words people see.
    pub fn label(self) -> &'static str {
        match self {
            ReporterRole::Victim => "It happened to me",
            ReporterRole::Witness => "I saw it happen",
            ReporterRole::ThirdParty => "I'm reporting for someone else",
        }
    }

    /// Parses a slug.
    pub fn parse(text: &str) -> Option<ReporterRole> {
        ReporterRole::ALL
            .into_iter()
            .find(|r| r.slug() == text.trim().to_ascii_lowercase())
    }
}

/// Where it happened, as given.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A postcode, already checked for shape.
    Postcode(crate::postcode::Postcode),
    /// A point (WGS84).
    Point {
        /// Latitude.
        latitude: f64,
        /// Longitude.
        longitude: f64,
    },
    /// A line of address with no postcode.
    Address(String),
    /// It happened online.
    Online,
}

impl Location {
    /// Where, in words for a partner or the person themselves: the postcode, the address line,
    /// "a point on the map" or "online".
    pub fn words(&self) -> String {
        match self {
            Location::Postcode(p) => p.as_ref().to_owned(),
            Location::Address(a) => a.clone(),
            Location::Point { .. } => "a point on the map".to_owned(),
            Location::Online => "online".to_owned(),
        }
    }
}

/// A way to get in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactChannel {
    /// Email.
    Email,
    /// Phone call.
    Phone,
    /// Text message.
    Text,
}

impl ContactChannel {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            ContactChannel::Email => "email",
            ContactChannel::Phone => "phone",
            ContactChannel::Text => "text",
        }
    }

    /// Parses a slug.
    pub fn parse(text: &str) -> Option<ContactChannel> {
        match text.trim().to_ascii_lowercase().as_str() {
            "email" => Some(ContactChannel::Email),
            "phone" => Some(ContactChannel::Phone),
            "text" | "sms" => Some(ContactChannel::Text),
            _ => None,
        }
    }
}

/// How it is safe to contact the reporter; enforced on every contact.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SafeContact {
    /// The channels it is safe to use; empty means any channel given.
    pub channels: Vec<ContactChannel>,
    /// When it is safe, in their words (for example "weekdays 9 to 3").
    pub safe_times: String,
    /// Never leave a voicemail.
    pub no_voicemail: bool,
    /// Someone else may see their phone or messages.
    pub shared_device: bool,
}

impl SafeContact {
    /// The preferences as instructions for whoever makes contact, in the order they matter.
    pub fn instructions(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.channels.is_empty() {
            let names: Vec<&str> = self.channels.iter().map(|c| c.slug()).collect();
            lines.push(format!("Only contact them by: {}", names.join(", ")));
        }
        if !self.safe_times.trim().is_empty() {
            lines.push(format!("Safe times: {}", self.safe_times.trim()));
        }
        if self.no_voicemail {
            lines.push("Do not leave a voicemail".to_owned());
        }
        if self.shared_device {
            lines.push(
                "Someone else may see their phone or messages: say nothing revealing in a message"
                    .to_owned(),
            );
        }
        lines
    }
}

/// Contact details; only ever present when the reporter is not anonymous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Their name, if given.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number, digits and a leading `+` only.
    pub phone: Option<String>,
}

/// The raw answers, as text, from the form or the API.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// What happened.
    pub description: String,
    /// Category slug.
    pub category: String,
    /// When it happened, already parsed by the channel (the form has separate fields).
    pub occurred_at: Option<OffsetDateTime>,
    /// Postcode, if given.
    pub postcode: Option<String>,
    /// Latitude and longitude, if given.
    pub point: Option<(f64, f64)>,
    /// An address line, if given.
    pub address: Option<String>,
    /// It happened online.
    pub online: bool,
    /// Reporter role slug.
    pub reporter_role: String,
    /// Stay anonymous.
    pub anonymous: bool,
    /// Name.
    pub contact_name: Option<String>,
    /// Email.
    pub contact_email: Option<String>,
    /// Phone.
    pub contact_phone: Option<String>,
    /// Safe channels, as slugs.
    pub safe_channels: Vec<String>,
    /// Safe times.
    pub safe_times: Option<String>,
    /// No voicemail.
    pub no_voicemail: bool,
    /// Shared device.
    pub shared_device: bool,
    /// Preferred language.
    pub language: Option<String>,
    /// Their self-described community, if they chose to say ("prefer not to say" is none).
    pub community: Option<String>,
    /// The reporter says this has happened to them before.
    pub targeted_before: bool,
    /// Asked again because what happened suggests present danger, the reporter said nobody is
    /// in danger now and chose to send it.
    pub danger_denied: bool,
}

/// A report that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    /// What happened (1 to 4,000 characters).
    pub description: String,
    /// The category.
    pub category: Category,
    /// When it happened (not in the future).
    pub occurred_at: OffsetDateTime,
    /// Where.
    pub location: Location,
    /// Who is reporting.
    pub reporter_role: ReporterRole,
    /// Contact details; `None` for anonymous reports, which store none at all.
    pub contact: Option<Contact>,
    /// How it is safe to contact them.
    pub safe_contact: SafeContact,
    /// Preferred language (free text, for example `en`, `Polish`).
    pub language: String,
    /// Their self-described community, if they gave it.
    pub community: Option<String>,
    /// Whether the victim has enhanced rights under the Victims' Code, and why.
    pub enhanced_rights: Option<&'static str>,
    /// The reporter, asked again, said nobody is in danger although what happened suggests it.
    pub danger_denied: bool,
    /// For a concern from a trusted intermediary: who sent it, the codeword and the rest.
    pub concern: Option<crate::concern::ConcernFacts>,
}

impl NewReport {
    /// Whether the reporter is the victim or speaks for one, so the Victims' Code clock runs.
    pub fn has_victim(&self) -> bool {
        self.reporter_role != ReporterRole::Witness
    }
}

fn problem(field: &'static str, code: &'static str, message: impl Into<String>) -> Problem {
    Problem::new(field, code, message)
}

/// The longest description accepted.
pub const MAX_DESCRIPTION: usize = 4_000;

/// Text from outside: trimmed, at most `max` characters, no control characters but line
/// breaks and tabs. Markup is allowed here; every page escapes it.
fn clean_text(field: &'static str, label: &str, text: &str, max: usize) -> Result<String, Problem> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(problem(
            field,
            "too-long",
            format!("{label} must be {max} characters or fewer"),
        )
        .with_arg("max", max.to_string()));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(problem(
            field,
            "bad-characters",
            format!("{label} contains characters that cannot be stored"),
        ));
    }
    Ok(text.replace("\r\n", "\n"))
}

fn optional_text(
    field: &'static str,
    label: &str,
    text: Option<&str>,
    max: usize,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match text.map(|t| clean_text(field, label, t, max)) {
        Some(Ok(text)) if !text.is_empty() => Some(text),
        Some(Err(p)) => {
            problems.push(p);
            None
        }
        _ => None,
    }
}

pub(crate) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
}

/// A phone number as digits with an optional leading `+`; spaces, hyphens and brackets dropped.
pub fn normalise_phone(phone: &str) -> Option<String> {
    let kept: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let digits = kept.strip_prefix('+').unwrap_or(&kept);
    (digits.len() >= 7 && digits.len() <= 15 && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(kept)
}

impl NewReport {
    /// Checks every answer at `now`, returning all the problems found.
    pub fn parse(input: &ReportInput, now: OffsetDateTime) -> Result<NewReport, Vec<Problem>> {
        let mut problems = Vec::new();

        let description = match clean_text(
            "description",
            "What happened",
            &input.description,
            MAX_DESCRIPTION,
        ) {
            Ok(text) if text.is_empty() => {
                problems.push(problem(
                    "description",
                    "description-missing",
                    "Tell us what happened",
                ));
                String::new()
            }
            Ok(text) => text,
            Err(p) => {
                problems.push(p);
                String::new()
            }
        };

        let category = Category::parse(&input.category);
        if category.is_none() {
            problems.push(problem(
                "category",
                "category-missing",
                "Choose what kind of thing happened, or choose \u{2018}I'm not sure\u{2019}",
            ));
        }

        match input.occurred_at {
            None => problems.push(problem(
                "occurred_at",
                "occurred-missing",
                "Enter when it happened",
            )),
            Some(at) if at > now + Duration::minutes(5) => problems.push(problem(
                "occurred_at",
                "occurred-future",
                "The date and time it happened must be in the past",
            )),
            Some(at) if at < now - Duration::days(365 * 20) => problems.push(problem(
                "occurred_at",
                "occurred-too-old",
                "The date it happened must be in the last 20 years",
            )),
            Some(_) => {}
        }

        let location = parse_location(input, &mut problems);

        let reporter_role = ReporterRole::parse(&input.reporter_role);
        if reporter_role.is_none() {
            problems.push(problem("reporter_role", "role-missing", "Choose whether it happened to you, you saw it, or you are reporting for someone else"));
        }

        let name = optional_text(
            "contact_name",
            "Your name",
            input.contact_name.as_deref(),
            100,
            &mut problems,
        );
        let email = optional_text(
            "contact_email",
            "Email address",
            input.contact_email.as_deref(),
            254,
            &mut problems,
        );
        let phone_text = optional_text(
            "contact_phone",
            "Phone number",
            input.contact_phone.as_deref(),
            30,
            &mut problems,
        );
        if email.as_deref().is_some_and(|e| !valid_email(e)) {
            problems.push(problem(
                "contact_email",
                "email-format",
                "Enter an email address in the correct format, like name@example.com",
            ));
        }
        let phone = phone_text.as_deref().map(normalise_phone);
        if phone.as_ref().is_some_and(Option::is_none) {
            problems.push(problem(
                "contact_phone",
                "phone-format",
                "Enter a phone number, like 07700 900 982 or +44 7700 900 982",
            ));
        }
        let phone = phone.flatten();
        let contact = if input.anonymous {
            if name.is_some() || email.is_some() || phone_text.is_some() {
                problems.push(problem(
                    "anonymous",
                    "anonymous-with-details",
                    "You chose to stay anonymous, so leave out your name and contact details, or choose not to stay anonymous",
                ));
            }
            None
        } else {
            if email.is_none() && phone_text.is_none() {
                problems.push(problem(
                    "contact_email",
                    "contact-missing",
                    "Give an email address or a phone number so we can contact you, or choose to stay anonymous",
                ));
            }
            Some(Contact { name, email, phone })
        };

        let mut channels = Vec::new();
        for slug in &input.safe_channels {
            match ContactChannel::parse(slug) {
                Some(channel) if !channels.contains(&channel) => channels.push(channel),
                Some(_) => {}
                None => problems.push(problem(
                    "safe_channels",
                    "safe-channel-unknown",
                    format!(
                        "'{}' is not a way we can contact you",
                        slug.chars().take(20).collect::<String>()
                    ),
                )),
            }
        }
        let safe_times = optional_text(
            "safe_times",
            "When it is safe to contact you",
            input.safe_times.as_deref(),
            200,
            &mut problems,
        )
        .unwrap_or_default();
        let language = optional_text(
            "language",
            "Language",
            input.language.as_deref(),
            50,
            &mut problems,
        )
        .unwrap_or_else(|| "English".to_owned());
        let community = optional_text(
            "community",
            "Your community",
            input.community.as_deref(),
            100,
            &mut problems,
        )
        .filter(|c| !c.eq_ignore_ascii_case("prefer not to say"));
        // Every channel ticked as safe needs the detail it would use (finding P0-3 b).
        if let Some(contact) = &contact {
            for channel in &channels {
                let (has, what) = match channel {
                    ContactChannel::Email => (contact.email.is_some(), "an email address"),
                    ContactChannel::Phone | ContactChannel::Text => {
                        (contact.phone.is_some(), "a phone number")
                    }
                };
                if !has {
                    problems.push(problem(
                        "safe_channels",
                        if *channel == ContactChannel::Email {
                            "safe-channel-needs-email"
                        } else {
                            "safe-channel-needs-phone"
                        },
                        format!(
                            "You said {} is safe: give {what}, or untick it",
                            match channel {
                                ContactChannel::Email => "email",
                                ContactChannel::Phone => "a phone call",
                                ContactChannel::Text => "a text message",
                            }
                        ),
                    ));
                }
            }
        }

        let (Some(category), Some(occurred_at), Some(location), Some(reporter_role)) =
            (category, input.occurred_at, location, reporter_role)
        else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let enhanced_rights = if reporter_role == ReporterRole::Witness {
            None
        } else if category.gives_enhanced_rights() {
            Some("victim of one of the most serious crimes")
        } else if input.targeted_before {
            Some("persistently targeted")
        } else {
            None
        };
        Ok(NewReport {
            description,
            category,
            occurred_at,
            location,
            reporter_role,
            contact,
            safe_contact: SafeContact {
                channels,
                safe_times,
                no_voicemail: input.no_voicemail,
                shared_device: input.shared_device,
            },
            language,
            community,
            enhanced_rights,
            danger_denied: input.danger_denied,
            concern: None,
        })
    }
}

fn parse_location(input: &ReportInput, problems: &mut Vec<Problem>) -> Option<Location> {
    let postcode = input
        .postcode
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let address = input
        .address
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let given = [
        postcode.is_some(),
        input.point.is_some(),
        address.is_some(),
        input.online,
    ];
    if given.iter().filter(|g| **g).count() > 1 && !(postcode.is_some() && address.is_some()) {
        problems.push(problem(
            "location",
            "location-several",
            "Give one place: a postcode, an address, a map point, or that it happened online",
        ));
        return None;
    }
    if input.online {
        return Some(Location::Online);
    }
    if let Some((latitude, longitude)) = input.point {
        if !(latitude.is_finite()
            && longitude.is_finite()
            && (-90.0..=90.0).contains(&latitude)
            && (-180.0..=180.0).contains(&longitude))
        {
            problems.push(problem(
                "location",
                "location-point",
                "The map point is not a real place",
            ));
            return None;
        }
        return Some(Location::Point {
            latitude,
            longitude,
        });
    }
    if let Some(postcode) = postcode {
        return match crate::postcode::Postcode::parse(postcode) {
            Ok(postcode) => Some(Location::Postcode(postcode)),
            Err(error) => {
                problems.push(problem("postcode", "postcode-invalid", error.to_string()));
                None
            }
        };
    }
    if let Some(address) = address {
        return match clean_text("address", "Address", address, 200) {
            Ok(address) => Some(Location::Address(address)),
            Err(p) => {
                problems.push(p);
                None
            }
        };
    }
    problems.push(problem(
        "location",
        "location-missing",
        "Tell us where it happened: a postcode, an address, or that it happened online",
    ));
    None
}

#[cfg(test)]
mod tests;
