//! The official STIX 2.1 and MISP sample files (OASIS, MISP, PyMISP), read one file at a time as
//! `peel notify import` reads them: the values a person would expect are kept, the markings
//! honoured, and the files that describe no incident counted, not stored.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use peel_core::Marking;
use peel_notify::documents::documents;
use peel_notify::mappers::{self, Read};
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-12-03 12:00 UTC);

fn formats() -> Option<PathBuf> {
    let dir = peel_skip::shared_data().join("formats");
    if dir.is_dir() {
        return Some(dir);
    }
    peel_skip::skip(&format!(
        "{} is absent: skipped the official samples",
        dir.display()
    ));
    None
}

/// One notification kept: its own id, marking, values by kind and text.
type Kept = (
    String,
    Option<Marking>,
    BTreeMap<&'static str, Vec<String>>,
    String,
);

/// What one file gave: per notification its own id, marking and values by kind; and the codes
/// of what was skipped, refused whole and refused by value.
#[derive(Debug, Default)]
struct Outcome {
    notifications: Vec<Kept>,
    skipped: Vec<&'static str>,
    rejected: Vec<&'static str>,
    refused: Vec<(&'static str, String)>,
}

fn read(path: &Path, stix: bool) -> Outcome {
    let bytes = std::fs::read(path).unwrap();
    let mut out = Outcome::default();
    for (line, document) in documents(&bytes) {
        let text = String::from_utf8(document.unwrap()).unwrap();
        let reads = if stix {
            mappers::from_stix(&text, line, NOW)
        } else {
            mappers::from_misp(&text, line, NOW)
        };
        for read in reads {
            match read {
                Ok(Read::Notification(mapped)) => {
                    let mut kinds: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
                    for i in &mapped.notification.indicators {
                        kinds
                            .entry(i.kind.slug())
                            .or_default()
                            .push(i.value.clone());
                    }
                    out.refused
                        .extend(mapped.refused.iter().map(|r| (r.code, r.message.clone())));
                    out.notifications.push((
                        mapped.notification.own_id.clone(),
                        mapped.notification.marking,
                        kinds,
                        mapped.notification.text.clone(),
                    ));
                }
                Ok(Read::Nothing { code, .. }) => out.skipped.push(code),
                Err(rejection) => out.rejected.push(rejection.code),
            }
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn count(outcome: &Outcome, kind: &str) -> usize {
    outcome
        .notifications
        .iter()
        .map(|(_, _, kinds, _)| kinds.get(kind).map_or(0, Vec::len))
        .sum()
}

#[test]
fn every_official_sample_reads_as_a_person_would_expect() {
    let Some(formats) = formats() else {
        return;
    };
    let mut all = Vec::new();
    for (dir, stix) in [
        ("stix21/examples", true),
        ("stix21/tlp2", true),
        ("stix21/derived", true),
        ("misp/MISP/tests", false),
        ("misp/MISP/tools", false),
        ("misp/PyMISP/tests", false),
        ("misp/misp-rfc", false),
    ] {
        let mut found = Vec::new();
        files(&formats.join(dir), &mut found);
        found.sort();
        all.extend(found.into_iter().map(|p| (p, stix)));
    }
    let mut table = String::new();
    let mut by_name = BTreeMap::new();
    for (path, stix) in &all {
        let outcome = read(path, *stix);
        let name = path.strip_prefix(&formats).unwrap().display().to_string();
        let kinds: BTreeMap<&str, usize> = outcome
            .notifications
            .iter()
            .flat_map(|(_, _, k, _)| k.iter().map(|(kind, v)| (*kind, v.len())))
            .fold(BTreeMap::new(), |mut m, (k, n)| {
                *m.entry(k).or_default() += n;
                m
            });
        let markings: Vec<&str> = outcome
            .notifications
            .iter()
            .map(|(_, m, _, _)| m.map_or("default", |m| m.label()))
            .collect();
        table.push_str(&format!(
            "| {name} | {} | {kinds:?} | {markings:?} | {:?} | {:?} | {} |\n",
            outcome.notifications.len(),
            outcome.skipped,
            outcome.rejected,
            outcome.refused.len()
        ));
        by_name.insert(name, outcome);
    }
    eprintln!(
        "| file | notifications | values | markings | skipped | rejected | refused values |\n|---|---|---|---|---|---|---|\n{table}"
    );
    let get = |name: &str| {
        by_name
            .get(name)
            .unwrap_or_else(|| panic!("{name} is read"))
    };
    let values = |name: &str, kind: &str| -> Vec<String> {
        get(name)
            .notifications
            .iter()
            .flat_map(|(_, _, k, _)| k.get(kind).cloned().unwrap_or_default())
            .collect()
    };

    // STIX: every term of the OR patterns, one bad value refused and the rest kept.
    let poison = get("stix21/examples/threat-reports/poisonivy.json");
    assert_eq!(poison.notifications.len(), 1);
    assert_eq!((count(poison, "ip"), count(poison, "domain")), (18, 24));
    assert_eq!(poison.refused.len(), 1, "{:?}", poison.refused);
    assert_eq!(poison.refused[0].0, "indicator.domain");
    assert!(poison.refused[0].1.contains("domain autuo.xicp.net"));
    // CIDR blocks are networks, not refused addresses.
    let apt1 = "stix21/examples/threat-reports/apt1.json";
    assert_eq!(
        values(apt1, "network"),
        [
            "223.166.0.0/15",
            "58.246.0.0/15",
            "112.64.0.0/15",
            "139.226.0.0/15"
        ]
    );
    assert_eq!(
        values(apt1, "domain"),
        ["hugesoft.org", "arrowservice.net", "msnhome.org"]
    );
    let infrastructure = "stix21/examples/infrastructure.json";
    assert_eq!(values(infrastructure, "ip"), ["198.51.100.3"]);
    assert_eq!(values(infrastructure, "domain"), ["example.com"]);
    for name in [
        "indicator-for-c2-ip-address.json",
        "indicator-to-campaign-relationship.json",
        "indicators-for-C2-with-COA.json",
    ] {
        assert_eq!(
            values(&format!("stix21/examples/{name}"), "ip"),
            ["10.0.0.0"]
        );
    }
    // Bundles of definitions are counted, not stored; nor is a bundle with nothing Peel reads.
    for (name, outcome) in &by_name {
        let definitions = name.starts_with("stix21/tlp2/examples/tlp-")
            || name.starts_with("stix21/tlp2/objects/marking-definition--")
            || name.starts_with("stix21/derived/");
        if definitions {
            assert_eq!(outcome.skipped, ["stix.definitions_only"], "{name}");
            assert!(outcome.notifications.is_empty(), "{name}");
        }
    }
    assert_eq!(
        get("stix21/examples/malicious-email-indicator-with-attachment.json").skipped,
        ["stix.nothing_read"],
        "a subject MATCHES a pattern, and an attachment's name: no value to match on"
    );

    // MISP: composite and domain attributes, links as references, distribution as marking.
    let existing = "misp/PyMISP/tests/mispevent_testfiles/existing_event.json";
    assert_eq!(
        (
            values(existing, "ip").len(),
            values(existing, "domain").len()
        ),
        (11, 18)
    );
    let (_, marking, _, text) = &get(existing).notifications[0];
    assert_eq!(*marking, Some(Marking::Clear), "tlp:white is CLEAR");
    assert!(text.contains("References: "), "{text}");
    assert_eq!(
        values(existing, "url").len(),
        0,
        "a link is a reference, not an indicator"
    );
    let sighting = "misp/PyMISP/tests/reportlab_testfiles/sighting_1.json";
    assert_eq!(
        (
            values(sighting, "domain").len(),
            values(sighting, "url").len()
        ),
        (4, 1)
    );
    let event = get("misp/PyMISP/tests/misp_event.json");
    assert_eq!(
        event.notifications[0].1,
        Some(Marking::AmberStrict),
        "distribution 0"
    );
    assert_eq!(
        get("misp/PyMISP/tests/mispevent_testfiles/malware_exist.json")
            .notifications
            .len(),
        1,
        "an event inside a {{\"response\": […]}} answer"
    );
    let reasons = |code: &str| {
        by_name
            .values()
            .filter(|o| o.rejected.contains(&code))
            .count()
    };
    assert_eq!(
        reasons("misp.uuid_missing"),
        12,
        "fragments and events not yet saved"
    );
    assert_eq!(
        reasons("misp.not_event"),
        7,
        "galaxies, sightings, manifests, groups"
    );
    // Every file gives an answer: nothing read is ever silently nothing.
    for (name, outcome) in &by_name {
        assert!(
            !outcome.notifications.is_empty()
                || !outcome.skipped.is_empty()
                || !outcome.rejected.is_empty(),
            "{name}"
        );
    }
}
