use super::*;
use crate::extract::extract;
use peel_core::SubmissionId;

fn item(n: u128) -> ItemRef {
    ItemRef::Submission(SubmissionId(uuid::Uuid::from_u128(n)))
}

fn reporter(name: &str) -> Source {
    Source::Reporter(name.into())
}

fn bank() -> Source {
    Source::Organisation(peel_core::OrganisationId::parse("a-bank").unwrap())
}

/// Adds every value of a text as one item's sightings; returns the earlier items linked.
fn add_text(
    index: &mut CorrelationIndex,
    item: ItemRef,
    source: &Source,
    marking: Marking,
    at: i64,
    text: &str,
) -> (Vec<Earlier>, Vec<Added>) {
    let mut links = Vec::new();
    let mut outcomes = Vec::new();
    for found in extract(text, b"k") {
        let sighting = Sighting {
            item,
            source,
            marking,
            found_in: "the text",
            at,
        };
        outcomes.push(index.add(found.kind, &found.value, &sighting, &mut links));
    }
    (links, outcomes)
}

#[test]
fn a_bank_notification_lights_up_the_report_naming_the_same_mule_account() {
    let mut index = CorrelationIndex::new(50);
    let (links, _) = add_text(
        &mut index,
        item(1),
        &reporter("ann"),
        Marking::Amber,
        1,
        "He asked Mum to pay 12-34-56 12345678",
    );
    assert!(links.is_empty());
    let notification = ItemRef::Notification(peel_core::NotificationId(uuid::Uuid::from_u128(9)));
    let (links, _) = add_text(
        &mut index,
        notification,
        &bank(),
        Marking::AmberStrict,
        2,
        "mule account sort code 123456 account 1234 5678",
    );
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].item, item(1));
    assert_eq!(
        links[0].marking,
        Marking::AmberStrict,
        "the stricter marking"
    );
    assert_eq!(index.source(links[0].source), Some(&reporter("ann")));
    assert_eq!(index.place(links[0].found_in), "the text");
}

#[test]
fn an_item_correlated_again_links_nothing_more() {
    let mut index = CorrelationIndex::new(50);
    let text = "Paid 12-34-56 12345678, then again to 12-34-56 12345678";
    add_text(
        &mut index,
        item(1),
        &reporter("ann"),
        Marking::Amber,
        1,
        text,
    );
    let (links, _) = add_text(
        &mut index,
        item(2),
        &reporter("bob"),
        Marking::Amber,
        2,
        text,
    );
    assert_eq!(links.len(), 1, "the value twice in one item links once");
    let (again, _) = add_text(
        &mut index,
        item(2),
        &reporter("bob"),
        Marking::Amber,
        3,
        text,
    );
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn a_value_past_the_cap_is_marked_common_and_stops_linking() {
    let mut index = CorrelationIndex::new(3);
    let mut last = (Vec::new(), Vec::new());
    for n in 0..5 {
        last = add_text(
            &mut index,
            item(n),
            &reporter(&format!("source{n}")),
            Marking::Green,
            n as i64,
            "visit https://popular.example.com",
        );
    }
    assert!(index.is_common(Kind::Url, "https://popular.example.com"));
    assert!(last.0.is_empty());
    assert!(
        last.1
            .iter()
            .all(|a| matches!(a, Added::Common { newly: false, .. })),
        "{:?}",
        last.1
    );
    assert!(
        index
            .sightings(Kind::Url, "https://popular.example.com")
            .is_empty()
    );
}

#[test]
fn the_fourth_source_makes_a_value_common_with_a_cap_of_three() {
    let mut index = CorrelationIndex::new(3);
    let mut outcomes = Vec::new();
    for n in 0..4 {
        let (_, added) = add_text(
            &mut index,
            item(n),
            &reporter(&format!("r{n}")),
            Marking::Green,
            0,
            "call 07700 900123",
        );
        outcomes.extend(added);
    }
    assert_eq!(outcomes[..3], [Added::Linked; 3]);
    assert_eq!(
        outcomes[3],
        Added::Common {
            newly: true,
            sources: 4
        }
    );
}

/// Finding I-6: whether a value is common is shown to every reader of a link, so TLP:RED
/// sources must not count towards the cap, or a non-recipient would learn of RED activity.
#[test]
fn red_sources_link_but_never_count_towards_a_value_being_common() {
    let mut index = CorrelationIndex::new(3);
    let mut outcomes = Vec::new();
    for n in 0..10 {
        let (_, added) = add_text(
            &mut index,
            item(n),
            &reporter(&format!("red{n}")),
            Marking::Red,
            n as i64,
            "call 07700 900123",
        );
        outcomes.extend(added);
    }
    assert!(outcomes.iter().all(|a| *a == Added::Linked), "{outcomes:?}");
    assert!(!index.is_common(Kind::Phone, "+447700900123"));
    // Three other sources are within the cap of three; the fourth makes it common, with the ten
    // RED sources still not counted.
    let mut outcomes = Vec::new();
    for n in 10..14 {
        let (links, added) = add_text(
            &mut index,
            item(n),
            &reporter(&format!("r{n}")),
            Marking::Green,
            n as i64,
            "call 07700 900123",
        );
        if n == 10 {
            assert_eq!(links.len(), 10, "RED sightings still link");
        }
        outcomes.extend(added);
    }
    assert_eq!(outcomes[..3], [Added::Linked; 3]);
    assert_eq!(
        outcomes[3],
        Added::Common {
            newly: true,
            sources: 4
        }
    );
}

#[test]
fn one_source_repeating_a_value_makes_a_chain_and_others_link_to_its_latest() {
    let mut index = CorrelationIndex::new(50);
    let text = "mule account 12-34-56 12345678";
    for i in 0..4 {
        let (links, _) = add_text(&mut index, item(i), &bank(), Marking::Amber, i as i64, text);
        let expected: Vec<ItemRef> = if i == 0 {
            Vec::new()
        } else {
            vec![item(i - 1)]
        };
        let got: Vec<ItemRef> = links.iter().map(|l| l.item).collect();
        assert_eq!(got, expected, "the bank's own notifications chain");
    }
    let (links, _) = add_text(
        &mut index,
        item(10),
        &reporter("ann"),
        Marking::Amber,
        10,
        text,
    );
    let got: Vec<ItemRef> = links.iter().map(|l| l.item).collect();
    assert_eq!(
        got,
        vec![item(3)],
        "a report from another source links to the bank's latest, which chains to the rest"
    );
    let (links, _) = add_text(&mut index, item(11), &bank(), Marking::Amber, 11, text);
    let got: Vec<ItemRef> = links.iter().map(|l| l.item).collect();
    assert_eq!(got, vec![item(3), item(10)]);
}

#[test]
fn a_late_arriving_older_sighting_never_replaces_a_newer_one() {
    let mut index = CorrelationIndex::new(50);
    let sighting = |n: u128, source: &'static str, at: i64| (item(n), reporter(source), at);
    for (item, source, at) in [
        sighting(2, "a", 10),
        sighting(1, "a", 5),
        sighting(3, "b", 1),
    ] {
        index.record(
            Kind::Phone,
            "+447700900123",
            &Sighting {
                item,
                source: &source,
                marking: Marking::Amber,
                found_in: "x",
                at,
            },
        );
    }
    let got: Vec<ItemRef> = index
        .sightings(Kind::Phone, "+447700900123")
        .into_iter()
        .map(|(item, _, _)| item)
        .collect();
    assert_eq!(got, vec![item(3), item(2)], "oldest first");
}

#[test]
fn a_value_recorded_common_links_nothing_and_keeps_no_sightings() {
    let mut index = CorrelationIndex::new(50);
    index.mark_common(Kind::Phone, "+443001232040");
    let (links, outcomes) = add_text(
        &mut index,
        item(1),
        &reporter("ann"),
        Marking::Green,
        1,
        "ring 0300 123 2040",
    );
    assert!(links.is_empty());
    assert_eq!(
        outcomes,
        vec![Added::Common {
            newly: false,
            sources: 0
        }]
    );
}

#[test]
fn two_values_with_one_hash_stay_apart() {
    let mut index = CorrelationIndex::new(50);
    let a = extract("call 07700 900001", b"k");
    add_text(
        &mut index,
        item(1),
        &reporter("r"),
        Marking::Green,
        1,
        "call 07700 900001",
    );
    // Pretend the second value's hash is the first's.
    let b = extract("call 07700 900002", b"k");
    index.by_hash.insert(key_hash(Kind::Phone, &b[0].value), 0);
    let (links, _) = add_text(
        &mut index,
        item(2),
        &reporter("r"),
        Marking::Green,
        2,
        "call 07700 900002",
    );
    assert!(
        links.is_empty(),
        "a collision must not link different values"
    );
    assert_eq!(index.len(), 2);
    let (again, _) = add_text(
        &mut index,
        item(3),
        &reporter("r"),
        Marking::Green,
        3,
        "call 07700 900002",
    );
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].item, item(2));
    assert_eq!(index.sightings(Kind::Phone, &a[0].value).len(), 1);
}

#[test]
fn linking_touches_only_the_shared_values_sightings() {
    let mut index = CorrelationIndex::new(1_000);
    for i in 0..1_000 {
        add_text(
            &mut index,
            item(i),
            &reporter(&format!("r{i}")),
            Marking::Green,
            i as i64,
            &format!("call 07700 9{i:05}"),
        );
    }
    let (links, _) = add_text(
        &mut index,
        item(5_000),
        &reporter("new"),
        Marking::Green,
        5_000,
        "call 07700 900042",
    );
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].item, item(42));
}
