//! The public pages and the messages to reporters in London's languages, with Project Fluent: one
//! `.ftl` file per language in `locales/`, built into the binary (Peel fetches nothing at run
//! time). A message missing from a language falls back to English; the completeness test in
//! `peel-web` (`crates/web/src/i18n/tests.rs`) fails first, so none ships missing.
//!
//! A translation a fluent speaker has not checked says so on its first line
//! (`# status: machine draft`), and the README lists it, so a force knows what to have checked.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::{FluentArgs, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the public pages are in.
#[derive(Debug, PartialEq, Eq)]
pub struct Lang {
    /// The code used in `?lang=` and the cookie (`pl`).
    pub code: &'static str,
    /// The page's `lang` attribute (`en-GB`, `pl`).
    pub tag: &'static str,
    /// Its name in itself, as the switcher shows it.
    pub name: &'static str,
    /// Its name in English, as officers see a reporter's preferred language.
    pub english: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// The file's text.
    pub source: &'static str,
}

impl Lang {
    /// `rtl` or `ltr`, for the page's `dir`.
    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// Whether a fluent speaker has yet to check it.
    pub fn machine_draft(&self) -> bool {
        self.source
            .lines()
            .next()
            .is_some_and(|line| line.trim() == "# status: machine draft")
    }
}

/// Every language, English first; the rest in the order the switcher shows them.
pub static LANGUAGES: [Lang; 8] = [
    Lang {
        code: "en",
        tag: "en-GB",
        name: "English",
        english: "English",
        rtl: false,
        source: include_str!("../locales/en.ftl"),
    },
    Lang {
        code: "pl",
        tag: "pl",
        name: "Polski",
        english: "Polish",
        rtl: false,
        source: include_str!("../locales/pl.ftl"),
    },
    Lang {
        code: "ro",
        tag: "ro",
        name: "Română",
        english: "Romanian",
        rtl: false,
        source: include_str!("../locales/ro.ftl"),
    },
    Lang {
        code: "bn",
        tag: "bn",
        name: "বাংলা",
        english: "Bengali",
        rtl: false,
        source: include_str!("../locales/bn.ftl"),
    },
    Lang {
        code: "ur",
        tag: "ur",
        name: "اردو",
        english: "Urdu",
        rtl: true,
        source: include_str!("../locales/ur.ftl"),
    },
    Lang {
        code: "ar",
        tag: "ar",
        name: "العربية",
        english: "Arabic",
        rtl: true,
        source: include_str!("../locales/ar.ftl"),
    },
    Lang {
        code: "so",
        tag: "so",
        name: "Soomaali",
        english: "Somali",
        rtl: false,
        source: include_str!("../locales/so.ftl"),
    },
    Lang {
        code: "tr",
        tag: "tr",
        name: "Türkçe",
        english: "Turkish",
        rtl: false,
        source: include_str!("../locales/tr.ftl"),
    },
];

/// English.
pub fn english() -> &'static Lang {
    &LANGUAGES[0]
}

/// The language with this code (`pl`, `PL`, `pl-PL`).
pub fn by_code(code: &str) -> Option<&'static Lang> {
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(primary))
}

/// One of ours named by its code or its English name ("Polish"), as a reporter's preferred
/// language is kept.
pub fn preferred(language: &str) -> Option<&'static Lang> {
    let language = language.trim();
    LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(language) || l.english.eq_ignore_ascii_case(language))
}

/// The language a reporter chose, by its code or its English name ("Polish"), as officers see
/// it: its English name, with its own in brackets.
pub fn shown_to_officers(language: &str) -> String {
    match preferred(language) {
        Some(lang) if lang.code == "en" => "English".to_owned(),
        Some(lang) => format!("{} ({})", lang.english, lang.name),
        None => language.to_owned(),
    }
}

/// The best of ours for an `Accept-Language` header; `None` when it names none of them.
pub fn negotiate(accept_language: &str) -> Option<&'static Lang> {
    let mut wanted: Vec<(f32, usize, &str)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(order, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && quality > 0.0).then_some((quality, order, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted.into_iter().find_map(|(_, _, tag)| by_code(tag))
}

type Bundle = FluentBundle<FluentResource>;

struct Catalogue {
    bundles: HashMap<&'static str, Bundle>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let bundles = LANGUAGES
            .iter()
            .map(|lang| {
                let id: LanguageIdentifier = lang.code.parse().unwrap_or_default();
                let mut bundle = Bundle::new_concurrent(vec![id]);
                // Pages set `dir` themselves; isolation marks would show in copied text.
                bundle.set_use_isolating(false);
                let resource = FluentResource::try_new(lang.source.to_owned()).unwrap_or_else(
                    |(partial, errors)| {
                        tracing::error!(
                            language = lang.code,
                            ?errors,
                            "a translation file has syntax errors"
                        );
                        partial
                    },
                );
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(
                        language = lang.code,
                        ?errors,
                        "a translation file repeats a message"
                    );
                }
                (lang.code, bundle)
            })
            .collect();
        Catalogue { bundles }
    })
}

/// The message `id` in `lang` with `args`; `None` when the file lacks it or it does not format.
pub fn format(lang: &Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = catalogue().bundles.get(lang.code)?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// Translates for one language.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub &'static Lang);

impl Default for Tr {
    fn default() -> Self {
        Tr(english())
    }
}

impl Tr {
    /// The language.
    pub fn lang(&self) -> &'static Lang {
        self.0
    }

    /// The message with `args`, in this language, else in English, else its id (which the
    /// completeness test never lets ship).
    pub fn with(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, FluentValue::from(*value));
        }
        let args = (!args.is_empty()).then_some(&fluent);
        format(self.0, id, args)
            .or_else(|| format(english(), id, args))
            .unwrap_or_else(|| id.to_owned())
    }

    /// The message.
    pub fn t(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message with one argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.with(id, &[(name, value)])
    }
}
