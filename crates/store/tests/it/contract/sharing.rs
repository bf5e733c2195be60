//! The sharing agreements register.

use super::*;

const AGREEMENT: &str = r#"
id = "camden-youth"
purpose = "Early help for young people at risk of exploitation"
parties = ["camden-youth-service"]
lawful_basis = "part2"
article6 = "6(1)(e) public task"
categories = ["location", "offence", "vulnerability", "safeguarding"]
max_marking = "TLP:AMBER"
practitioners = ["yw.amara"]
start = 2026-04-01
review = 2027-03-31
expires = 2028-03-31
"#;

fn record(source: &str, version: u32) -> peel_store::AgreementRecord {
    peel_store::AgreementRecord {
        agreement: peel_core::sharing::Agreement::from_toml(source, version).unwrap(),
        source: source.to_owned(),
        registered_at: T0 + Duration::days(i64::from(version)),
        registered_by: "operator".into(),
    }
}

/// Versions are kept whole and read back typed; the newest is the agreement; a version is
/// registered once.
async fn agreements_keep_every_version_and_read_back_typed(store: Arc<dyn Store>) {
    assert_eq!(store.agreement("camden-youth").await.unwrap(), None);
    let first = record(AGREEMENT, 1);
    store
        .add_agreement(&first, event(T0, "agreement.registered", ""))
        .await
        .unwrap();
    let widened = AGREEMENT.replace("TLP:AMBER", "TLP:AMBER+STRICT");
    let second = record(&widened, 2);
    store
        .add_agreement(&second, event(T0, "agreement.changed", ""))
        .await
        .unwrap();
    let other = record(&AGREEMENT.replace("camden-youth", "hackney-gp"), 1);
    store
        .add_agreement(&other, event(T0, "agreement.registered", ""))
        .await
        .unwrap();
    assert_eq!(
        store.agreement("camden-youth").await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(
        store.agreement_versions("camden-youth").await.unwrap(),
        vec![first, second.clone()]
    );
    assert_eq!(
        store.agreements().await.unwrap(),
        vec![second.clone(), other]
    );
    let again = store
        .add_agreement(&second, event(T0, "agreement.changed", ""))
        .await;
    assert!(
        matches!(
            again,
            Err(peel_store::StoreError::Conflict(
                peel_store::Conflict::AgreementVersion
            ))
        ),
        "{again:?}"
    );
}

contract!(
    store: agreements_keep_every_version_and_read_back_typed;
    raw:
);
