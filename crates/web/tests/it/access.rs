//! The access choke point as people meet it.

use peel_store::AuditQuery;
use peel_testkit::{PASSWORD, spawn_app};

#[tokio::test]
async fn the_public_is_sent_to_sign_in_for_staff_pages() {
    let app = spawn_app().await;
    for path in [
        "/account",
        "/admin/users",
        "/admin/api-keys",
        "/admin/lockouts",
        "/audit",
    ] {
        let response = app.client().get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(response.headers()["location"], "/login", "{path}");
    }
}

#[tokio::test]
async fn a_volunteer_is_refused_administration_and_the_refusal_is_audited() {
    let app = spawn_app().await;
    app.create_user("vol.jones", "volunteer").await;
    let client = app.signed_in("vol.jones").await;

    for path in ["/admin/users", "/admin/api-keys", "/audit", "/audit/verify"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 403, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("You do not have permission")
        );
    }
    let entries = app
        .store
        .audit_entries(&AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.event.event == "access.denied")
            .count(),
        4
    );
}

#[tokio::test]
async fn an_administrator_cannot_read_the_audit_trail_without_the_auditor_role() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    assert_eq!(
        admin.get(app.url("/audit")).send().await.unwrap().status(),
        403
    );
    assert_eq!(
        admin
            .get(app.url("/audit/verify"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn an_administrator_creates_an_account_and_changes_its_roles() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;

    let response = app
        .post_form(
            &admin,
            "/admin/users",
            "/admin/users",
            &[
                ("username", "Sgt.Patel"),
                ("password", PASSWORD),
                ("role", "supervisor"),
                ("role", "neighbourhood_officer"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let user = app
        .store
        .credentials(&peel_core::username::Username::parse("sgt.patel").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;
    assert_eq!(user.roles.to_slugs(), "neighbourhood_officer,supervisor");

    let page = format!("/admin/users/{}", user.id);
    let response = app
        .post_form(
            &admin,
            &page,
            &format!("/admin/users/{}/roles", user.id),
            &[("role", "auditor")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let user = app.store.user(user.id).await.unwrap().unwrap();
    assert_eq!(user.roles.to_slugs(), "auditor");

    let entries = app
        .store
        .audit_entries(&AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let change = entries
        .iter()
        .find(|e| e.event.event == "user.roles_changed")
        .unwrap();
    assert!(
        change.event.detail.contains("to [auditor]"),
        "{}",
        change.event.detail
    );
    assert_eq!(change.event.actor_label, "admin");
}

#[tokio::test]
async fn a_taken_username_or_weak_password_is_explained_on_the_form() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let response = app
        .post_form(
            &admin,
            "/admin/users",
            "/admin/users",
            &[("username", "admin"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("already taken"));
    let response = app
        .post_form(
            &admin,
            "/admin/users",
            "/admin/users",
            &[("username", "newbie"), ("password", "short")],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("at least 12 characters")
    );
}

#[tokio::test]
async fn an_administrator_cannot_change_their_own_roles_or_team() {
    let app = spawn_app().await;
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let user = app
        .store
        .credentials(&peel_core::username::Username::parse("admin").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;
    let page = format!("/admin/users/{}", user.id);
    let response = app
        .post_form(
            &admin,
            &page,
            &format!("/admin/users/{}/roles", user.id),
            &[("role", "administrator"), ("role", "auditor")],
        )
        .await;
    assert_eq!(response.status(), 403, "giving oneself the auditor role");
    let team = app
        .post_form(
            &admin,
            &page,
            &format!("/admin/users/{}/team", user.id),
            &[("team", "central-intake")],
        )
        .await;
    assert_eq!(team.status(), 403, "putting oneself in a team");
    let after = app.store.user(user.id).await.unwrap().unwrap();
    assert_eq!(after.roles.to_slugs(), "administrator");
    assert_eq!(after.team, None);
    let refusals = app
        .store
        .audit_entries(&AuditQuery {
            event: Some(peel_core::audit::AuditCode::AccessDenied),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(refusals.len(), 2, "each refusal is a security event");
}
