//! data.police.uk street-level crime files as published (DOMAIN.md 4): the official monthly
//! schema (`Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA
//! code, LSOA name, Crime type, Last outcome category, Context`), and the compact yearly layout
//! some redistributions use (`month, type, location_type, longitude, latitude`, the month a
//! number and the year the file's). Rows come one at a time from any reader, so a file of a
//! million rows is never held whole; a bad row is a [`Problem`] naming its line, and the rows
//! around it are still read.
//!
//! Real files' quirks are kept, not smoothed: a Crime ID repeated across months (an update to
//! the same crime), anti-social behaviour rows with no ID (so two identical rows are two
//! incidents), rows with no coordinates (`point` is `None`: they cannot be placed).

use std::io::Read;

use crate::submission::Category;

/// A calendar month, as the files give it (`2022-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
}

impl Month {
    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        Month::new(year.parse().ok()?, month.parse().ok()?)
    }

    /// A month, if `month` is 1 to 12 and the year a plausible one for police data.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year))
            .then_some(Month { year, month })
    }
}

impl Month {
    /// Its first day.
    pub fn first_day(self) -> Option<time::Date> {
        let month = time::Month::try_from(self.month).ok()?;
        time::Date::from_calendar_date(self.year, month, 1).ok()
    }

    /// Its first instant, London time.
    pub fn start(self) -> Option<time::OffsetDateTime> {
        crate::london::start_of(self.first_day()?)
    }

    /// The month an instant falls in, London time.
    pub fn of(at: time::OffsetDateTime) -> Option<Month> {
        let local = crate::london::local(at);
        Month::new(i32::from(local.year()), u8::try_from(local.month()).ok()?)
    }

    /// The month after.
    pub fn succ(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// The month `n` months before.
    pub fn minus(self, n: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(n);
        Month {
            year: i32::try_from(index.div_euclid(12)).unwrap_or(self.year),
            month: u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        }
    }

    /// Every month from `from` to `to` inclusive (none when `to` is before `from`).
    pub fn range(from: Month, to: Month) -> Vec<Month> {
        let mut months = Vec::new();
        let mut at = from;
        while at <= to {
            months.push(at);
            at = at.succ();
        }
        months
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One row of a street-level file.
#[derive(Debug, Clone, PartialEq)]
pub struct StreetCrime {
    /// The crime's id, when it has one (anti-social behaviour has none).
    pub crime_id: Option<String>,
    /// The month it was recorded in.
    pub month: Month,
    /// The force that recorded it (empty in the compact layout).
    pub reported_by: String,
    /// The force area it fell within (empty in the compact layout).
    pub falls_within: String,
    /// Its anonymised point as (latitude, longitude), when it has one.
    pub point: Option<(f64, f64)>,
    /// The anonymous place, "On or near …" (the location type in the compact layout).
    pub location: String,
    /// The LSOA code, when given.
    pub lsoa: Option<String>,
    /// What kind of crime.
    pub category: Category,
    /// The last outcome, as the file words it, when given.
    pub outcome: Option<String>,
}

/// A row that could not be read, by its line in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line.
    pub line: u64,
    /// What is wrong, in words.
    pub message: String,
}

/// A category's crime type as the official files name it; `None` for Peel's own categories,
/// which are not police.uk crime types.
pub fn crime_type(category: Category) -> Option<&'static str> {
    use Category as C;
    Some(match category {
        C::AntiSocialBehaviour => "Anti-social behaviour",
        C::BicycleTheft => "Bicycle theft",
        C::Burglary => "Burglary",
        C::CriminalDamageArson => "Criminal damage and arson",
        C::Drugs => "Drugs",
        C::OtherCrime => "Other crime",
        C::OtherTheft => "Other theft",
        C::PossessionOfWeapons => "Possession of weapons",
        C::PublicOrder => "Public order",
        C::Robbery => "Robbery",
        C::Shoplifting => "Shoplifting",
        C::TheftFromThePerson => "Theft from the person",
        C::VehicleCrime => "Vehicle crime",
        C::ViolentCrime => "Violence and sexual offences",
        C::Fraud | C::OnlineAbuse | C::DomesticAbuse | C::HateIncident | C::NotSure => {
            return None;
        }
    })
}

/// The category a file's crime type names: the official names, older ones, the compact
/// layout's and the API's slugs, without regard to case.
pub fn category_of(name: &str) -> Option<Category> {
    use Category as C;
    let name = name.trim().to_ascii_lowercase();
    Some(match name.as_str() {
        "anti-social behaviour" | "anti social behaviour" | "asb" => C::AntiSocialBehaviour,
        "bicycle theft" => C::BicycleTheft,
        "burglary" => C::Burglary,
        "criminal damage and arson" | "criminal damage or arson" => C::CriminalDamageArson,
        "drugs" => C::Drugs,
        "other crime" | "other" => C::OtherCrime,
        "other theft" => C::OtherTheft,
        "possession of weapons" | "weapon possession" => C::PossessionOfWeapons,
        "public order" | "public disorder and weapons" => C::PublicOrder,
        "robbery" => C::Robbery,
        "shoplifting" => C::Shoplifting,
        "theft from the person" | "theft from person" => C::TheftFromThePerson,
        "vehicle crime" => C::VehicleCrime,
        "violence and sexual offences"
        | "violent crime"
        | "violent or sexual"
        | "violence-and-sexual-offences" => C::ViolentCrime,
        // The API's slugs; Peel's own categories are not crime types of these files.
        slug => return Category::parse(slug).filter(|c| crime_type(*c).is_some()),
    })
}

/// Which of the two layouts a file is in, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Street,
    Compact { year: i32 },
}

const STREET: [&str; 12] = [
    "crime id",
    "month",
    "reported by",
    "falls within",
    "longitude",
    "latitude",
    "location",
    "lsoa code",
    "lsoa name",
    "crime type",
    "last outcome category",
    "context",
];
const COMPACT: [&str; 5] = ["month", "type", "location_type", "longitude", "latitude"];

/// The rows of a file, one at a time.
pub struct Rows<R: Read> {
    records: csv::StringRecordsIntoIter<R>,
    layout: Layout,
}

/// Opens a file's rows. `compact_year` is the year of a file in the compact layout (whose
/// months are bare numbers); an official file carries its own. `Err` names what is wrong with
/// the header: nothing can be read without it.
pub fn rows<R: Read>(reader: R, compact_year: Option<i32>) -> Result<Rows<R>, String> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header: Vec<String> = csv
        .headers()
        .map_err(|e| format!("the header could not be read: {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let layout = if header.iter().map(String::as_str).eq(STREET) {
        Layout::Street
    } else if header.iter().map(String::as_str).eq(COMPACT) {
        let year = compact_year.ok_or_else(|| {
            "a file of months by number (month, type, location_type, longitude, latitude) \
             needs its year"
                .to_owned()
        })?;
        Layout::Compact { year }
    } else {
        return Err(format!(
            "the header is not a data.police.uk street-level one: expected {} (got {})",
            STREET.join(", "),
            header.join(", ")
        ));
    };
    Ok(Rows {
        records: csv.into_records(),
        layout,
    })
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<StreetCrime, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        Some(match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                row(&record, self.layout).map_err(|message| Problem { line, message })
            }
            Err(error) => Err(Problem {
                line: error.position().map_or(0, |p| p.line()),
                message: format!("not a CSV row: {error}"),
            }),
        })
    }
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// (latitude, longitude) from the two columns: both empty is no point; anything else must be
/// two numbers on the globe.
fn point(longitude: &str, latitude: &str) -> Result<Option<(f64, f64)>, String> {
    if longitude.is_empty() && latitude.is_empty() {
        return Ok(None);
    }
    let number = |text: &str, what: &str| {
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("{what} {text:?} is not a number"))
    };
    let (lon, lat) = (
        number(longitude, "longitude")?,
        number(latitude, "latitude")?,
    );
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "{latitude}, {longitude} is not a place on the globe"
        ));
    }
    Ok(Some((lat, lon)))
}

fn row(record: &csv::StringRecord, layout: Layout) -> Result<StreetCrime, String> {
    let get = |i: usize| record.get(i).unwrap_or_default();
    let category = |text: &str| {
        category_of(text).ok_or_else(|| format!("{text:?} is not a police.uk crime type"))
    };
    match layout {
        Layout::Street => {
            if record.len() != STREET.len() {
                return Err(format!(
                    "{} fields where a street-level row has {}",
                    record.len(),
                    STREET.len()
                ));
            }
            Ok(StreetCrime {
                crime_id: optional(get(0)),
                month: Month::parse(get(1))
                    .ok_or_else(|| format!("month {:?} is not YYYY-MM", get(1)))?,
                reported_by: get(2).to_owned(),
                falls_within: get(3).to_owned(),
                point: point(get(4), get(5))?,
                location: get(6).to_owned(),
                lsoa: optional(get(7)),
                category: category(get(9))?,
                outcome: optional(get(10)),
            })
        }
        Layout::Compact { year } => {
            if record.len() != COMPACT.len() {
                return Err(format!(
                    "{} fields where a row of this file has {}",
                    record.len(),
                    COMPACT.len()
                ));
            }
            let month = get(0)
                .parse::<u8>()
                .ok()
                .and_then(|m| Month::new(year, m))
                .ok_or_else(|| format!("month {:?} is not 1 to 12", get(0)))?;
            Ok(StreetCrime {
                crime_id: None,
                month,
                reported_by: String::new(),
                falls_within: String::new(),
                point: point(get(3), get(4))?,
                location: get(2).to_owned(),
                lsoa: None,
                category: category(get(1))?,
                outcome: None,
            })
        }
    }
}

#[cfg(test)]
mod tests;
