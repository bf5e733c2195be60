//! The main flows end to end on PostgreSQL, when `PEEL_TEST_POSTGRES_URL` is set.

use peel_store::testing::TestStore;
use peel_testkit::{PASSWORD, spawn_app_on};
use serde_json::Value;

#[tokio::test]
async fn sign_in_lockout_api_keys_and_the_audit_chain_work_on_postgres() {
    let Some(test_store) = TestStore::postgres().await.unwrap() else {
        peel_skip::skip("PEEL_TEST_POSTGRES_URL is not set: skipped the PostgreSQL run");
        return;
    };
    let app = spawn_app_on(test_store).await;
    assert_eq!(app.store.backend().name(), "postgres");
    app.create_user("admin", "administrator,auditor").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;

    for _ in 0..5 {
        app.sign_in(&app.client(), "pc.smith", "wrong password here")
            .await;
    }
    assert_eq!(
        app.sign_in(&app.client(), "pc.smith", PASSWORD)
            .await
            .status(),
        429
    );
    let admin = app.signed_in("admin").await;
    let cleared = app
        .post_form(
            &admin,
            "/admin/lockouts",
            "/admin/lockouts/clear",
            &[("key", "account:pc.smith")],
        )
        .await;
    assert_eq!(cleared.status(), 303);
    assert_eq!(
        app.sign_in(&app.client(), "pc.smith", PASSWORD)
            .await
            .status(),
        303
    );

    let health: Value = reqwest::get(app.url("/healthz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["store"], "postgres");
    let chain: Value = admin
        .get(app.url("/api/v1/audit/verify"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(chain["intact"], true, "{chain}");
    assert!(chain["entries"].as_i64().unwrap() >= 10);
    app.test_store.cleanup().await;
}
