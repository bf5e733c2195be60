//! The linking area.

use super::*;

async fn shared_values_link_items_and_common_values_stop_linking(store: Arc<dyn Store>) {
    let entries_before = audit_count(store.as_ref()).await;
    use peel_core::Marking;
    use peel_link::Kind;
    let account = (Kind::BankAccount, "123456-12345678");
    let first = store
        .correlate_audited(
            &indicators(sub(0xa), reporter("ann"), Marking::Amber, &[account], T0),
            2,
        )
        .await
        .unwrap();
    assert!(first.links.is_empty());
    let second = store
        .correlate_audited(
            &indicators(
                note(0xb),
                Source::Organisation(org("a-bank")),
                Marking::AmberStrict,
                &[account, (Kind::Phone, "+447700900001")],
                T0 + Duration::minutes(1),
            ),
            2,
        )
        .await
        .unwrap();
    assert_eq!(second.links.len(), 1);
    let link = &second.links[0];
    assert_eq!((link.earlier, link.later), (sub(0xa), note(0xb)));
    assert_eq!(link.marking, Marking::AmberStrict, "the stricter marking");
    assert_eq!(link.earlier_found_in, format!("{} text", sub(0xa)));
    // The same item correlated again makes nothing twice.
    store
        .correlate_audited(
            &indicators(
                note(0xb),
                Source::Organisation(org("a-bank")),
                Marking::AmberStrict,
                &[account],
                T0,
            ),
            2,
        )
        .await
        .unwrap();
    let stored = store.links_of(sub(0xa)).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].other(sub(0xa)), note(0xb));
    assert_eq!(stored[0].kind, Kind::BankAccount);
    assert_eq!(store.links_of(note(0xb)).await.unwrap(), stored);
    // Linking is a combination in s.62's terms: recorded when links are made, and only then.
    let entries = store
        .audit_entries(&AuditQuery {
            limit: 100,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let linked: Vec<_> = entries
        .iter()
        .filter(|e| e.event.event == "submission.linked")
        .collect();
    assert_eq!(
        linked.len(),
        1,
        "the first correlation made no link, the third nothing new"
    );
    assert_eq!(linked[0].event.operation, Operation::Combination);
    assert!(
        linked[0]
            .event
            .detail
            .contains(&format!("linked to {}", sub(0xa)))
    );
    // The bank's notification linked to a report, so it raised an alert, audited with it.
    let codes: Vec<&str> = entries.iter().map(|e| e.event.event.as_str()).collect();
    assert_eq!(codes, ["alert.raised", "submission.linked"]);
    assert_eq!(audit_count(store.as_ref()).await, entries_before + 2);

    // A third source passes the cap of two: the value is common and links nothing.
    let third = store
        .correlate_audited(
            &indicators(
                sub(0xc),
                reporter("carl"),
                Marking::Green,
                &[account],
                T0 + Duration::minutes(2),
            ),
            2,
        )
        .await
        .unwrap();
    assert!(third.links.is_empty());
    assert_eq!(
        third.common,
        vec![(Kind::BankAccount, "123456-12345678".to_owned())]
    );
    assert_eq!(
        store
            .common_among(&[
                (Kind::BankAccount, "123456-12345678".to_owned()),
                (Kind::Phone, "+447700900001".to_owned()),
            ])
            .await
            .unwrap(),
        vec![(Kind::BankAccount, "123456-12345678".to_owned())],
        "the account is common, the phone is not"
    );
    let fourth = store
        .correlate_audited(
            &indicators(
                sub(0xd),
                reporter("ann"),
                Marking::Green,
                &[account],
                T0 + Duration::minutes(3),
            ),
            2,
        )
        .await
        .unwrap();
    assert!(fourth.links.is_empty() && fourth.common.len() == 1);
}

/// Two stores on one database (the server and an import beside it) each keep the value index in
/// memory; each sees what the other wrote, and removing postings makes both rebuild it.
async fn a_second_store_on_the_same_database_links_to_what_the_first_wrote(test: &TestStore) {
    use peel_core::Marking;
    use peel_link::Kind;
    const ACCOUNT: &str = "123456-12345678";
    let first = test.store.clone();
    let second = test.another().await.unwrap();
    let linked = |c: peel_store::Correlated| {
        let mut items: Vec<ItemRef> = c.links.into_iter().map(|l| l.earlier).collect();
        items.sort_unstable();
        items
    };
    let one = first
        .correlate_audited(
            &indicators(
                sub(1),
                reporter("ann"),
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0,
            ),
            50,
        )
        .await
        .unwrap();
    assert!(one.links.is_empty());
    let two = second
        .correlate_audited(
            &indicators(
                sub(2),
                reporter("bob"),
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(1),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        linked(two),
        vec![sub(1)],
        "the second store read the first's posting"
    );
    let three = first
        .correlate_audited(
            &indicators(
                sub(3),
                reporter("cat"),
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(2),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        linked(three),
        vec![sub(1), sub(2)],
        "the first store caught up with the second's"
    );
    // Postings removed (as erasure will) with the epoch moved: both rebuild, and r1 is gone.
    test.execute_raw(&format!(
        "DELETE FROM indicator_postings WHERE item = '{}'; \
         UPDATE correlation_epoch SET epoch = epoch + 1",
        sub(1)
    ))
    .await
    .unwrap();
    let four = second
        .correlate_audited(
            &indicators(
                sub(4),
                reporter("dan"),
                Marking::Amber,
                &[(Kind::BankAccount, ACCOUNT)],
                T0 + Duration::minutes(3),
            ),
            50,
        )
        .await
        .unwrap();
    assert_eq!(linked(four), vec![sub(2), sub(3)]);
}

contract!(
    store: shared_values_link_items_and_common_values_stop_linking;
    raw: a_second_store_on_the_same_database_links_to_what_the_first_wrote
);
