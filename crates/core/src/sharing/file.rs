//! A sharing agreement as its owner writes it: the TOML file `peel agreement add --file` reads
//! (documented in the README). Every problem is named at once, by the key it is under; the
//! version is the store's to give.

use serde::Deserialize;
use time::Date;

use super::{Agreement, Category, Direction, LawfulBasis, Named};
use crate::marking::Marking;

/// The file's keys, as written. Unknown keys are refused, so a misspelt key is never silently
/// ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgreementFile {
    id: String,
    purpose: String,
    parties: Vec<String>,
    lawful_basis: String,
    #[serde(default)]
    law_enforcement_purpose: Option<String>,
    #[serde(default)]
    article6: Option<String>,
    #[serde(default)]
    article9: Option<String>,
    categories: Vec<String>,
    max_marking: String,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    practitioners: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    identity: bool,
    start: toml::Value,
    review: toml::Value,
    expires: toml::Value,
}

fn date(key: &str, value: &toml::Value, problems: &mut Vec<String>) -> Option<Date> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Datetime(datetime) => datetime.to_string(),
        _ => String::new(),
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(text.trim(), &format) {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(format!("{key}: give a date as YYYY-MM-DD"));
            None
        }
    }
}

fn text(key: &str, value: &str, problems: &mut Vec<String>) -> String {
    let value = value.trim();
    if value.is_empty() {
        problems.push(format!("{key}: must not be empty"));
    }
    value.to_owned()
}

impl Agreement {
    /// Reads an agreement file as version `version`; `Err` lists every problem, each naming
    /// its key.
    pub fn from_toml(source: &str, version: u32) -> Result<Agreement, Vec<String>> {
        let file: AgreementFile =
            toml::from_str(source).map_err(|e| vec![e.message().to_owned()])?;
        let mut problems = Vec::new();
        let id = text("id", &file.id, &mut problems);
        if !id.is_empty()
            && !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push("id: use lower-case letters, digits and hyphens".to_owned());
        }
        let purpose = text("purpose", &file.purpose, &mut problems);
        let parties: Vec<String> = file.parties.iter().map(|p| p.trim().to_owned()).collect();
        if parties.is_empty() || parties.iter().any(String::is_empty) {
            problems.push("parties: name at least one partner organisation by its id".to_owned());
        }
        let lawful_basis = match file.lawful_basis.trim().to_ascii_lowercase().as_str() {
            "part3" => match file.law_enforcement_purpose.as_deref().map(str::trim) {
                Some(purpose) if !purpose.is_empty() => Some(LawfulBasis::Part3 {
                    purpose: purpose.to_owned(),
                }),
                _ => {
                    problems.push(
                        "law_enforcement_purpose: a Part 3 agreement states its law-enforcement purpose (DPA 2018 s.31)".to_owned(),
                    );
                    None
                }
            },
            "part2" => match file.article6.as_deref().map(str::trim) {
                Some(article6) if !article6.is_empty() => Some(LawfulBasis::Part2 {
                    article6: article6.to_owned(),
                    article9: file
                        .article9
                        .as_deref()
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned),
                }),
                _ => {
                    problems.push(
                        "article6: a Part 2 agreement states its Article 6 condition".to_owned(),
                    );
                    None
                }
            },
            _ => {
                problems.push("lawful_basis: \"part3\" or \"part2\"".to_owned());
                None
            }
        };
        let mut categories = Vec::new();
        for slug in &file.categories {
            match Category::parse(&slug.trim().to_ascii_lowercase()) {
                Some(c) if !categories.contains(&c) => categories.push(c),
                Some(_) => {}
                None => problems.push(format!(
                    "categories: {slug:?} is not one of {}",
                    Category::ALL
                        .iter()
                        .map(|c| c.slug())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        if file.categories.is_empty() {
            problems.push("categories: allow at least one category".to_owned());
        }
        if categories.contains(&Category::Health)
            && matches!(
                lawful_basis,
                Some(LawfulBasis::Part2 { article9: None, .. })
            )
        {
            problems.push(
                "article9: health is special category data; a Part 2 agreement sharing it states its Article 9 condition".to_owned(),
            );
        }
        let max_marking = Marking::parse(&file.max_marking);
        if max_marking.is_none() {
            problems.push(
                "max_marking: one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED"
                    .to_owned(),
            );
        }
        let direction = match file.direction.as_deref() {
            None => Some(Direction::ToPartner),
            Some(text) => Direction::parse(text).or_else(|| {
                problems.push("direction: \"to-partner\", \"from-partner\" or \"both\"".to_owned());
                None
            }),
        };
        let mut recipients: Vec<Named> = Vec::new();
        for username in &file.practitioners {
            recipients.push(Named::Practitioner(text(
                "practitioners",
                username,
                &mut problems,
            )));
        }
        for role in &file.roles {
            recipients.push(Named::Role(text("roles", role, &mut problems)));
        }
        if recipients.is_empty() {
            problems.push(
                "practitioners: name the practitioners (by username) or the roles who may receive"
                    .to_owned(),
            );
        }
        let start = date("start", &file.start, &mut problems);
        let review = date("review", &file.review, &mut problems);
        let expires = date("expires", &file.expires, &mut problems);
        if let (Some(start), Some(review), Some(expires)) = (start, review, expires)
            && !(start <= review && review <= expires)
        {
            problems.push("review: dates must run start, then review, then expires".to_owned());
        }
        match (lawful_basis, max_marking, direction, start, review, expires) {
            (
                Some(lawful_basis),
                Some(max_marking),
                Some(direction),
                Some(start),
                Some(review),
                Some(expires),
            ) if problems.is_empty() => Ok(Agreement {
                id,
                version,
                parties,
                purpose,
                lawful_basis,
                categories,
                max_marking,
                direction,
                recipients,
                identity: file.identity,
                start,
                review,
                expires,
            }),
            _ => Err(problems),
        }
    }
}
