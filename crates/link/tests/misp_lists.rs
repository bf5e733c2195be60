//! MISP's own warning lists (../shared/data/formats/misp/misp-warninglists) load and match.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use peel_link::{Kind, WarningLists};

#[test]
fn every_misp_warning_list_loads_and_matches_its_own_kind_of_value() {
    let root = peel_skip::shared_data().join("formats/misp/misp-warninglists/lists");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        peel_skip::skip(&format!("{} is not here: skipped", root.display()));
        return;
    };
    let mut lists = WarningLists::new();
    let mut loaded = 0;
    for dir in dirs {
        let file = dir.unwrap().path().join("list.json");
        let text = std::fs::read_to_string(&file).unwrap();
        let (n, _skipped) = lists
            .add_misp(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        loaded += n;
    }
    assert!(
        lists.len() >= 20 && loaded > 1_000,
        "{} lists, {loaded} entries",
        lists.len()
    );
    assert!(lists.check(Kind::IpAddress, "192.168.1.20").is_some());
    assert!(lists.check(Kind::Url, "https://bit.ly/3abc").is_some());
    assert!(lists.check(Kind::Email, "abuse@example-isp.com").is_some());
    assert!(lists.check(Kind::IpAddress, "81.2.69.142").is_none());
    assert!(lists.check(Kind::BankAccount, "123456-12345678").is_none());
}
