//! Residents' priorities (issue 19): what a ward panel (residents, with the neighbourhood team)
//! chose to work on this quarter after consulting, what residents themselves ask for on the
//! public ward page, and the ward's harm, side by side, so that a borough commander can see
//! where residents' priorities and the harm differ.
//!
//! Residents suggest and support priorities by theme, from one fixed list: a theme can be
//! counted, compared with the crimes it covers and shown in every language, where free text
//! could name a neighbour. What they write beside it is read by the panel only, never
//! published. A voice counts once it is confirmed from its email address, and each address has
//! one voice per ward per quarter: a second confirmed voice replaces the first.
//!
//! No IO: the service hands in what the store holds.

use crate::WardCode;
use crate::stats::harm::HarmTable;
use crate::stats::measure::ByCategory;
use crate::stats::pas::Quarter;
use crate::submission::Category;

/// The most priorities a panel records for a ward in a quarter (as police.uk's neighbourhood
/// priorities: a few, chosen, rather than a list of everything).
pub const MAX_PER_QUARTER: usize = 3;

/// The longest a panel's wording of a priority may be, in characters.
pub const MAX_ISSUE: usize = 300;

/// The longest a note (how residents were consulted, what has been done, a resident's words)
/// may be, in characters.
pub const MAX_NOTE: usize = 1_000;

/// What a priority is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    /// Anti-social behaviour and public order.
    AntiSocialBehaviour,
    /// Burglary.
    Burglary,
    /// Drug dealing and use.
    Drugs,
    /// Violence and weapons, including knife crime.
    Violence,
    /// Robbery and phone snatching.
    Robbery,
    /// Vehicle and bicycle crime.
    VehicleCrime,
    /// Theft and shoplifting.
    Theft,
    /// Criminal damage and arson.
    CriminalDamage,
    /// Fraud and scams.
    Fraud,
    /// Hate crime.
    Hate,
    /// Women's and girls' safety in public places.
    WomensSafety,
    /// Online harm, especially to children.
    OnlineHarm,
    /// Road safety: speeding, dangerous driving.
    RoadSafety,
}

impl Theme {
    /// Every theme, in the order pages list them.
    pub const ALL: [Theme; 13] = [
        Theme::AntiSocialBehaviour,
        Theme::Burglary,
        Theme::Drugs,
        Theme::Violence,
        Theme::Robbery,
        Theme::VehicleCrime,
        Theme::Theft,
        Theme::CriminalDamage,
        Theme::Fraud,
        Theme::Hate,
        Theme::WomensSafety,
        Theme::OnlineHarm,
        Theme::RoadSafety,
    ];

    /// Its stable name in forms, the store and message keys (`theme-<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Theme::AntiSocialBehaviour => "anti-social-behaviour",
            Theme::Burglary => "burglary",
            Theme::Drugs => "drugs",
            Theme::Violence => "violence",
            Theme::Robbery => "robbery",
            Theme::VehicleCrime => "vehicle-crime",
            Theme::Theft => "theft",
            Theme::CriminalDamage => "criminal-damage",
            Theme::Fraud => "fraud",
            Theme::Hate => "hate",
            Theme::WomensSafety => "womens-safety",
            Theme::OnlineHarm => "online-harm",
            Theme::RoadSafety => "road-safety",
        }
    }

    /// Reads a slug.
    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.slug() == text.trim())
    }

    /// The recorded-crime categories it covers, whose harm is set beside it. Empty where the
    /// published files cannot tell its crimes apart (women's safety is counted within
    /// violence and public order; road safety is not recorded crime); fraud and online harm
    /// are in Peel's own categories, which police.uk's files do not carry.
    pub fn categories(self) -> &'static [Category] {
        match self {
            Theme::AntiSocialBehaviour => &[Category::AntiSocialBehaviour, Category::PublicOrder],
            Theme::Burglary => &[Category::Burglary],
            Theme::Drugs => &[Category::Drugs],
            Theme::Violence => &[Category::ViolentCrime, Category::PossessionOfWeapons],
            Theme::Robbery => &[Category::Robbery, Category::TheftFromThePerson],
            Theme::VehicleCrime => &[Category::VehicleCrime, Category::BicycleTheft],
            Theme::Theft => &[Category::OtherTheft, Category::Shoplifting],
            Theme::CriminalDamage => &[Category::CriminalDamageArson],
            Theme::Fraud => &[Category::Fraud],
            Theme::Hate => &[Category::HateIncident],
            Theme::OnlineHarm => &[Category::OnlineAbuse],
            Theme::WomensSafety | Theme::RoadSafety => &[],
        }
    }
}

/// Text a panel or a resident wrote: trimmed, not empty, at most `max` characters, with no
/// control characters but line breaks and tabs, and none of the marks that reorder text.
pub fn text(raw: &str, max: usize) -> Result<String, PriorityError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(PriorityError::Empty);
    }
    if trimmed.chars().count() > max {
        return Err(PriorityError::TooLong { max });
    }
    if trimmed
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || reorders(c))
    {
        return Err(PriorityError::ControlCharacter);
    }
    Ok(trimmed.replace("\r\n", "\n"))
}

/// The characters that reorder the text around them on screen (the bidirectional embeddings,
/// overrides and isolates), which published text could use to show words other than it holds.
/// The plain left-to-right and right-to-left marks stay: Urdu and Arabic text needs them.
fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Why a priority, a note or a voice was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriorityError {
    /// Nothing was written.
    #[error("write something")]
    Empty,
    /// Too long.
    #[error("write at most {max} characters")]
    TooLong {
        /// The most allowed.
        max: usize,
    },
    /// A control character.
    #[error("the text holds a control character or a mark that reorders text")]
    ControlCharacter,
    /// The theme is not one of the list.
    #[error("choose one of the themes listed")]
    UnknownTheme,
    /// Three are recorded for the quarter already.
    #[error("the panel has recorded {MAX_PER_QUARTER} priorities for this quarter already")]
    Full,
    /// The address is not one a confirmation can be sent to.
    #[error("enter an email address, like name@example.com")]
    BadAddress,
}

/// The address a voice is counted by: the email address as the linking engine canonicalises
/// it (trimmed, lower-cased), without a `+tag` after the local part, and without the dots a
/// Gmail address ignores, so that one mailbox is one voice however it is written.
pub fn voter_address(canonical: &str) -> String {
    let Some((local, domain)) = canonical.rsplit_once('@') else {
        return canonical.to_owned();
    };
    let local = local.split('+').next().unwrap_or(local);
    let (local, domain) = match domain {
        "gmail.com" | "googlemail.com" => (local.replace('.', ""), "gmail.com"),
        _ => (local.to_owned(), domain),
    };
    format!("{local}@{domain}")
}

/// The key a voice is kept under: a keyed hash of the ward, the quarter and the voter's
/// address under the server's key, so that the store can tell a second voice from the same
/// address without holding the address (nor letting anyone who copies the store guess it).
pub fn voter_key(server_key: &[u8], ward: &WardCode, quarter: Quarter, address: &str) -> String {
    hex::encode(crate::token::keyed_digest(
        server_key,
        "peel-priority-voice-v1",
        &[
            ward.as_str().as_bytes(),
            quarter.to_string().as_bytes(),
            address.as_bytes(),
        ],
    ))
}

/// A theme's harm in a ward over a period: the crimes in the categories it covers and their
/// days of harm (Cambridge Crime Harm Index).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThemeHarm {
    /// The theme.
    pub theme: Theme,
    /// Crimes in its categories.
    pub crimes: u64,
    /// Their days of harm.
    pub days: f64,
}

/// Each theme's harm from a period's counts by category; a theme with no categories in the
/// files has none, and is left out, as are crimes the table gives no weight (as the measures
/// leave them out). Empty when no harm table is loaded.
pub fn harm_by_theme(counts: &ByCategory, harm: &HarmTable) -> Vec<ThemeHarm> {
    if harm.is_empty() {
        return Vec::new();
    }
    Theme::ALL
        .into_iter()
        .filter(|t| !t.categories().is_empty())
        .map(|theme| {
            let (crimes, days) = counts
                .values()
                .filter(|(category, _)| theme.categories().contains(category))
                .filter_map(|(category, count)| Some((*count, harm.days(*category)?)))
                .fold((0, 0.0), |(n, d), (count, days)| {
                    (n + count, d + count as f64 * days)
                });
            ThemeHarm {
                theme,
                crimes,
                days,
            }
        })
        .collect()
}

/// Whether a theme's crimes and days of harm are withheld on a public page that shows the
/// ward's categories as `cells` ([`crate::stats::measure::public_by_category`]): when its own
/// total is under the threshold, or when it adds up a category those cells withhold, whose
/// count its total (or its harm, days a crime being published) would give away.
pub fn withheld_in_public(
    harm: &ThemeHarm,
    cells: &[(Category, crate::stats::measure::PublicCount)],
) -> bool {
    crate::stats::measure::PublicCount::of(harm.crimes).suppressed()
        || cells
            .iter()
            .any(|(c, cell)| cell.suppressed() && harm.theme.categories().contains(c))
}

/// Where the panel's priorities, residents' voices and the harm stand to one another in a
/// ward and quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The themes the panel chose.
    pub panel: Vec<Theme>,
    /// The theme most residents asked for, when at least [`VOICES_TO_COMPARE`] voices were
    /// given and one theme led (a tie names none).
    pub residents_first: Option<Theme>,
    /// The theme with the most harm, when any harm was recorded and one theme led.
    pub harm_first: Option<Theme>,
}

/// The fewest voices in a ward and quarter for residents' first theme to be named: below it,
/// which theme leads says more about who happened to visit the page than about the ward.
pub const VOICES_TO_COMPARE: u64 = 10;

impl Comparison {
    /// Residents' first theme is not among the panel's priorities.
    pub fn residents_differ(&self) -> bool {
        !self.panel.is_empty()
            && self
                .residents_first
                .is_some_and(|t| !self.panel.contains(&t))
    }

    /// The theme with the most harm is not among the panel's priorities.
    pub fn harm_differs(&self) -> bool {
        !self.panel.is_empty() && self.harm_first.is_some_and(|t| !self.panel.contains(&t))
    }
}

/// The one item with the greatest value, if it is greater than every other's; `None` on a tie
/// at the top or when nothing is greater than zero.
fn leader<T: Copy>(items: impl Iterator<Item = (T, f64)>) -> Option<T> {
    let mut best: Option<(T, f64)> = None;
    let mut tied = false;
    for (item, value) in items.filter(|(_, v)| *v > 0.0) {
        match best {
            Some((_, b)) if value < b => {}
            Some((_, b)) if value == b => tied = true,
            _ => {
                best = Some((item, value));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(item, _)| item)
}

/// Compares a ward's quarter: the panel's themes, residents' confirmed voices by theme, and
/// the harm by theme over the last twelve months.
pub fn compare(panel: &[Theme], voices: &[(Theme, u64)], harm: &[ThemeHarm]) -> Comparison {
    let total: u64 = voices.iter().map(|(_, n)| n).sum();
    let residents_first = if total >= VOICES_TO_COMPARE {
        leader(voices.iter().map(|(t, n)| (*t, *n as f64)))
    } else {
        None
    };
    let mut chosen: Vec<Theme> = Vec::with_capacity(panel.len());
    for theme in panel {
        if !chosen.contains(theme) {
            chosen.push(*theme);
        }
    }
    Comparison {
        panel: chosen,
        residents_first,
        harm_first: leader(harm.iter().map(|h| (h.theme, h.days))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_reads_back_from_its_slug_and_slugs_are_distinct() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.slug()), Some(theme));
        }
        let mut slugs: Vec<&str> = Theme::ALL.iter().map(|t| t.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), Theme::ALL.len());
        assert_eq!(Theme::parse("knife crime"), None);
    }

    #[test]
    fn no_category_belongs_to_two_themes() {
        for category in Category::ALL {
            let owners = Theme::ALL
                .iter()
                .filter(|t| t.categories().contains(&category))
                .count();
            assert!(owners <= 1, "{category:?} is in {owners} themes");
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded_and_refuses_control_characters() {
        assert_eq!(
            text("  Speeding on the High Street \r\n", 50).unwrap(),
            "Speeding on the High Street"
        );
        assert_eq!(text("a\r\nb", 50).unwrap(), "a\nb");
        assert_eq!(text("   ", 50), Err(PriorityError::Empty));
        assert_eq!(
            text(&"é".repeat(51), 50),
            Err(PriorityError::TooLong { max: 50 })
        );
        assert!(text(&"é".repeat(50), 50).is_ok(), "characters, not bytes");
        assert_eq!(text("a\u{0}b", 50), Err(PriorityError::ControlCharacter));
        assert_eq!(
            text("fix the \u{202E}sdrawkcab lights", 50),
            Err(PriorityError::ControlCharacter)
        );
        assert_eq!(
            text("\u{2067}\u{0627}\u{2069} lights", 50),
            Err(PriorityError::ControlCharacter)
        );
        // Arabic with a right-to-left mark is text like any other.
        assert!(text("\u{0627}\u{200F} lights", 50).is_ok());
    }

    #[test]
    fn one_mailbox_is_one_voter_however_it_is_written() {
        assert_eq!(voter_address("sam+ward@example.com"), "sam@example.com");
        assert_eq!(voter_address("s.a.m+1@googlemail.com"), "sam@gmail.com");
        assert_eq!(voter_address("s.a.m@gmail.com"), "sam@gmail.com");
        // Dots matter to other providers.
        assert_eq!(voter_address("s.am@example.com"), "s.am@example.com");
    }

    #[test]
    fn voter_keys_differ_by_ward_quarter_address_and_server_key() {
        let ward = WardCode::parse("E05013806").unwrap();
        let other = WardCode::parse("E05013807").unwrap();
        let q = Quarter {
            year: 2026,
            quarter: 4,
        };
        let next = Quarter {
            year: 2027,
            quarter: 1,
        };
        let key = voter_key(b"server", &ward, q, "sam@example.com");
        assert_eq!(key, voter_key(b"server", &ward, q, "sam@example.com"));
        assert_eq!(key.len(), 64);
        assert!(!key.contains("sam"));
        for different in [
            voter_key(b"other", &ward, q, "sam@example.com"),
            voter_key(b"server", &other, q, "sam@example.com"),
            voter_key(b"server", &ward, next, "sam@example.com"),
            voter_key(b"server", &ward, q, "kim@example.com"),
        ] {
            assert_ne!(key, different);
        }
    }

    fn counts(rows: &[(Category, u64)]) -> ByCategory {
        rows.iter().map(|(c, n)| (c.slug(), (*c, *n))).collect()
    }

    #[test]
    fn harm_by_theme_adds_the_crimes_and_days_of_the_categories_it_covers() {
        let table = HarmTable::from_weights([
            (Category::Burglary, 100.0),
            (Category::ViolentCrime, 50.0),
            (Category::PossessionOfWeapons, 20.0),
        ]);
        let harm = harm_by_theme(
            &counts(&[
                (Category::Burglary, 3),
                (Category::ViolentCrime, 2),
                (Category::PossessionOfWeapons, 4),
                (Category::AntiSocialBehaviour, 40),
            ]),
            &table,
        );
        let of = |t: Theme| *harm.iter().find(|h| h.theme == t).unwrap();
        assert_eq!(of(Theme::Burglary).crimes, 3);
        assert_eq!(of(Theme::Burglary).days, 300.0);
        // 2 × 50 + 4 × 20.
        assert_eq!(of(Theme::Violence).crimes, 6);
        assert_eq!(of(Theme::Violence).days, 180.0);
        assert_eq!(of(Theme::Drugs).crimes, 0);
        assert!(
            harm.iter().all(|h| h.theme != Theme::RoadSafety),
            "no crimes to weigh"
        );
        // Anti-social behaviour has no weight in the table: not counted as harm.
        assert_eq!(of(Theme::AntiSocialBehaviour).crimes, 0);
        assert!(
            harm_by_theme(&counts(&[(Category::Burglary, 3)]), &HarmTable::default()).is_empty()
        );
    }

    fn harm(rows: &[(Theme, f64)]) -> Vec<ThemeHarm> {
        rows.iter()
            .map(|(theme, days)| ThemeHarm {
                theme: *theme,
                crimes: 1,
                days: *days,
            })
            .collect()
    }

    #[test]
    fn comparison_names_where_residents_and_harm_differ_from_the_panel() {
        let c = compare(
            &[Theme::AntiSocialBehaviour, Theme::RoadSafety],
            &[(Theme::RoadSafety, 4), (Theme::Drugs, 9)],
            &harm(&[(Theme::Violence, 900.0), (Theme::Burglary, 300.0)]),
        );
        assert_eq!(c.residents_first, Some(Theme::Drugs));
        assert_eq!(c.harm_first, Some(Theme::Violence));
        assert!(c.residents_differ());
        assert!(c.harm_differs());

        let agree = compare(
            &[Theme::Violence, Theme::Drugs],
            &[(Theme::RoadSafety, 4), (Theme::Drugs, 9)],
            &harm(&[(Theme::Violence, 900.0)]),
        );
        assert!(!agree.residents_differ());
        assert!(!agree.harm_differs());
    }

    #[test]
    fn too_few_voices_or_a_tie_names_no_first_theme() {
        let few = compare(&[Theme::Drugs], &[(Theme::Burglary, 9)], &[]);
        assert_eq!(
            few.residents_first, None,
            "9 voices are under the 10 needed"
        );
        assert!(!few.residents_differ());
        let tie = compare(
            &[Theme::Drugs],
            &[(Theme::Burglary, 6), (Theme::Theft, 6)],
            &harm(&[(Theme::Violence, 5.0), (Theme::Burglary, 5.0)]),
        );
        assert_eq!(tie.residents_first, None);
        assert_eq!(tie.harm_first, None);
        let none = compare(
            &[],
            &[(Theme::Burglary, 20)],
            &harm(&[(Theme::Violence, 5.0)]),
        );
        assert!(
            !none.residents_differ() && !none.harm_differs(),
            "no panel, nothing to differ from"
        );
        let nothing = compare(&[Theme::Drugs], &[], &harm(&[(Theme::Violence, 0.0)]));
        assert_eq!(nothing.harm_first, None, "no harm recorded");
    }

    proptest::proptest! {
        #[test]
        fn text_kept_is_trimmed_bounded_and_free_of_control_characters(raw in "\\PC{0,80}|[ \r\n\t\u{0}-\u{1f}a-z]{0,80}") {
            if let Ok(kept) = text(&raw, 40) {
                proptest::prop_assert!(!kept.is_empty());
                proptest::prop_assert!(kept.chars().count() <= 40);
                proptest::prop_assert_eq!(kept.trim(), kept.as_str());
                proptest::prop_assert!(!kept.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')));
            }
        }

        #[test]
        fn a_voters_address_worked_out_again_is_the_same(local in "[a-z0-9.+]{1,20}", domain in "(gmail\\.com|googlemail\\.com|example\\.org)") {
            let once = voter_address(&format!("{local}@{domain}"));
            proptest::prop_assert_eq!(voter_address(&once), once.clone());
            proptest::prop_assert!(!once.contains('+'));
        }
    }

    #[test]
    fn a_themes_total_is_withheld_where_it_would_give_a_withheld_count_away() {
        use crate::stats::measure::public_by_category;
        // Robbery 2 and theft from the person 9: robbery is withheld, so the robbery theme's
        // 11 would give it away. Burglary's 4 are under the threshold.
        let (cells, _) = public_by_category(&counts(&[
            (Category::Robbery, 2),
            (Category::TheftFromThePerson, 9),
            (Category::Burglary, 4),
            (Category::Shoplifting, 30),
        ]));
        let theme = |theme, crimes| ThemeHarm {
            theme,
            crimes,
            days: 1.0,
        };
        assert!(withheld_in_public(&theme(Theme::Robbery, 11), &cells));
        assert!(withheld_in_public(&theme(Theme::Burglary, 4), &cells));
        assert!(!withheld_in_public(&theme(Theme::Theft, 30), &cells));
        assert!(!withheld_in_public(&theme(Theme::Drugs, 0), &cells));
    }

    #[test]
    fn a_theme_chosen_twice_is_one_priority_in_the_comparison() {
        let c = compare(&[Theme::Drugs, Theme::Drugs], &[], &[]);
        assert_eq!(c.panel, vec![Theme::Drugs]);
    }
}
