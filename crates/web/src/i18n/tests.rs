//! The translations' completeness: every language has every English message, no more, with the
//! same placeholders; every message a page or a problem names exists; machine drafts are
//! listed in the README.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Every message of a file, with the variables it uses.
fn messages(lang: &Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(lang.source)
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", lang.code));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &message.value {
                pattern_variables(pattern, &mut variables);
            }
            let id = message.id.name.to_owned();
            assert!(
                out.insert(id.clone(), variables).is_none(),
                "{}.ftl has {id} twice",
                lang.code
            );
        }
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, into),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

#[test]
fn every_language_has_every_message_with_the_same_placeholders() {
    let english = messages(english());
    assert!(english.len() > 100, "{}", english.len());
    let mut failures = Vec::new();
    for lang in LANGUAGES.iter().skip(1) {
        let theirs = messages(lang);
        for (id, variables) in &english {
            match theirs.get(id) {
                None => failures.push(format!("{}.ftl lacks {id}", lang.code)),
                Some(v) if v != variables => failures.push(format!(
                    "{}.ftl's {id} uses {v:?}, English uses {variables:?}",
                    lang.code
                )),
                Some(_) => {}
            }
        }
        for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
            failures.push(format!(
                "{}.ftl has {id}, which English does not",
                lang.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_message_formats_without_error_in_every_language() {
    for lang in &LANGUAGES {
        for id in messages(english()).keys() {
            let args = [
                ("name", "x"),
                ("reference", "x"),
                ("team", "x"),
                ("due", "x"),
                ("status", "x"),
                ("outcome", "x"),
            ];
            let mut fluent = FluentArgs::new();
            for (name, value) in args.iter().chain(&[
                ("max", "4"),
                ("phone", "1"),
                ("minutes", "9"),
                ("codeword", "c"),
                ("link", "https://x"),
                ("until", "x"),
                ("ward", "x"),
                ("borough", "x"),
                ("n", "5"),
                ("month", "2022-12"),
                ("crimes", "9"),
                ("rate", "1"),
                ("low", "0.5"),
                ("high", "2"),
                ("days", "3"),
                ("measure", "Trust the MPS"),
                ("share", "68"),
                ("respondents", "412"),
                ("area", "x"),
                ("quarter", "2025-Q3"),
                ("theme", "Burglary"),
                ("how", "x"),
                ("date", "1 December 2026"),
                ("text", "x"),
                ("email", "sam@example.com"),
            ]) {
                fluent.set(*name, FluentValue::from(*value));
            }
            assert!(
                format(lang, id, Some(&fluent)).is_some(),
                "{}.ftl's {id} does not format",
                lang.code
            );
        }
    }
}

/// Every literal message id the templates pass to `chrome.t…`.
fn template_ids() -> BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("the templates folder") {
        let path = entry.expect("a template").path();
        let text = std::fs::read_to_string(&path).expect("a template's text");
        for call in ["chrome.t(\"", "chrome.t1(\"", "chrome.t2(\""] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    ids.insert(rest[..end].to_owned());
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_a_page_or_a_problem_names_is_in_english() {
    let english = messages(english());
    let mut wanted: BTreeSet<String> = template_ids();
    assert!(wanted.len() > 80, "{}", wanted.len());
    for code in peel_core::submission::PROBLEM_CODES
        .iter()
        .chain(peel_app::concerns::PROBLEM_CODES)
        .chain(peel_core::people::application::PROBLEM_CODES)
    {
        wanted.insert(format!("problem-{code}"));
    }
    for category in peel_core::submission::Category::ALL {
        wanted.insert(format!("category-{}", category.slug()));
    }
    for role in peel_core::submission::ReporterRole::ALL {
        wanted.insert(format!("role-{}", role.slug()));
    }
    for stage in peel_core::submission::Stage::ALL {
        wanted.insert(format!("stage-{}", stage.slug()));
    }
    for stage in peel_core::case::CaseStage::ALL {
        wanted.insert(format!("stage-case-{}", stage.slug()));
    }
    for (id, _) in peel_app::survey::QUESTIONS {
        wanted.insert(format!("survey-{id}"));
    }
    for (value, _) in peel_app::survey::SCALE {
        wanted.insert(format!("scale-{value}"));
    }
    for status in peel_core::people::application::ApplicationStatus::ALL {
        wanted.insert(format!("app-status-{}", status.slug()));
    }
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        wanted.insert(format!("day-{day}"));
    }
    for skill in [
        "cyber_help",
        "digital_forensics",
        "fraud_recovery",
        "mental_health",
        "medical",
        "youth_work",
        "schools_liaison",
        "victim_support",
        "business_support",
    ] {
        wanted.insert(format!("skill-{skill}"));
    }
    for line in peel_core::support::ALL {
        wanted.insert(format!("support-{}", line.id));
    }
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|id| !english.contains_key(*id))
        .collect();
    assert!(missing.is_empty(), "missing from en.ftl: {missing:?}");
}

#[test]
fn machine_drafts_are_listed_in_the_readme() {
    let readme = include_str!("../../../../README.md");
    for lang in LANGUAGES.iter().filter(|l| l.machine_draft()) {
        assert!(
            readme.contains(&format!("`crates/i18n/locales/{}.ftl`", lang.code)),
            "README.md does not list {}.ftl as a machine draft",
            lang.code
        );
    }
    assert!(!english().machine_draft());
}

#[test]
fn the_language_comes_from_the_query_then_the_cookie_then_the_browser() {
    let mut headers = axum::http::HeaderMap::new();
    assert_eq!(for_request(None, &headers).code, "en");
    headers.insert(
        axum::http::header::ACCEPT_LANGUAGE,
        "fr-FR, tr;q=0.8, pl;q=0.9".parse().unwrap(),
    );
    assert_eq!(for_request(None, &headers).code, "pl");
    headers.insert(axum::http::header::COOKIE, "peel_lang=so".parse().unwrap());
    assert_eq!(for_request(None, &headers).code, "so");
    assert_eq!(for_request(Some("lang=ar&x=1"), &headers).code, "ar");
    // An unknown language is ignored rather than refused.
    assert_eq!(for_request(Some("lang=xx"), &headers).code, "so");
    assert!(by_code("AR").unwrap().rtl && by_code("ur").unwrap().rtl);
    assert_eq!(negotiate("*;q=0.1, de"), None);
}

#[test]
fn a_missing_message_falls_back_to_english_and_officers_see_a_language_by_name() {
    let polish = Tr(by_code("pl").unwrap());
    assert_eq!(polish.t("no-such-message"), "no-such-message");
    assert_eq!(shown_to_officers("pl"), "Polish (Polski)");
    assert_eq!(shown_to_officers("Somali"), "Somali (Soomaali)");
    assert_eq!(shown_to_officers("Klingon"), "Klingon");
}

proptest::proptest! {
    #[test]
    fn any_accept_language_or_query_gives_one_of_our_languages(text in ".{0,200}") {
        if let Some(lang) = negotiate(&text) {
            proptest::prop_assert!(LANGUAGES.iter().any(|l| std::ptr::eq(l, lang)));
        }
        let lang = for_request(Some(&text), &axum::http::HeaderMap::new());
        proptest::prop_assert!(LANGUAGES.iter().any(|l| std::ptr::eq(l, lang)));
    }
}

#[test]
fn the_neutral_prompt_in_english_is_the_cores_which_names_no_police_word() {
    let english = Tr(english());
    assert_eq!(
        english.t("outbox-neutral-subject"),
        peel_core::message::NEUTRAL_SUBJECT
    );
    assert_eq!(
        english.t("outbox-neutral-body"),
        peel_core::message::NEUTRAL_BODY
    );
    // In every language it says no more than the English does: no number, no link.
    for lang in &LANGUAGES {
        let tr = Tr(lang);
        for id in ["outbox-neutral-subject", "outbox-neutral-body"] {
            let text = tr.t(id);
            assert!(
                !text.contains("999") && !text.contains("http") && !text.contains("Peel"),
                "{}: {text}",
                lang.code
            );
        }
    }
}
