//! Signing in and out, lockout, session revocation and CSRF, end to end over HTTP.

use peel_store::AuditQuery;
use peel_testkit::{PASSWORD, TestApp, csrf_token, spawn_app};
use time::Duration;

async fn audit_events(app: &TestApp) -> Vec<String> {
    let query = AuditQuery {
        limit: 1000,
        ..AuditQuery::default()
    };
    app.store
        .audit_entries(&query)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event.event.as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_cookie_and_signing_out_ends_the_session() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let client = app.client();

    let response = app.sign_in(&client, "pc.smith", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("peel_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let secret = cookie
        .trim_start_matches("peel_session=")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    let account = app.get_page(&client, "/account").await;
    assert!(account.contains("pc.smith"));
    assert!(account.contains("This session"));

    let csrf = csrf_token(&account);
    let response = client
        .post(app.url("/logout"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login?notice=signed_out");

    // Replaying the old cookie gets nowhere: the session is gone from the store.
    let replay = app
        .client()
        .get(app.url("/account"))
        .header("cookie", format!("peel_session={secret}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 303);
    assert_eq!(replay.headers()["location"], "/login");
    let events = audit_events(&app).await;
    assert!(events.contains(&"login.succeeded".to_owned()));
    assert!(events.contains(&"session.ended".to_owned()));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_username_get_the_same_answer() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;

    let wrong = app
        .sign_in(&app.client(), "pc.smith", "not the password at all")
        .await;
    let unknown = app.sign_in(&app.client(), "pc.nobody", PASSWORD).await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let wrong = wrong.text().await.unwrap();
    let unknown = unknown.text().await.unwrap();
    assert!(wrong.contains("Enter a correct username and password"));
    assert!(unknown.contains("Enter a correct username and password"));
    assert_eq!(
        audit_events(&app)
            .await
            .iter()
            .filter(|e| *e == "login.failed")
            .count(),
        2
    );
}

#[tokio::test]
async fn five_failures_lock_the_account_until_an_administrator_clears_it() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    app.create_user("admin", "administrator").await;

    for attempt in 1..=5 {
        let response = app
            .sign_in(&app.client(), "pc.smith", "wrong password here")
            .await;
        let expected = if attempt < 5 { 401 } else { 429 };
        assert_eq!(response.status(), expected, "attempt {attempt}");
    }
    // Locked: even the right password is refused, with a clear message.
    let locked = app.sign_in(&app.client(), "pc.smith", PASSWORD).await;
    assert_eq!(locked.status(), 429);
    assert!(
        locked
            .text()
            .await
            .unwrap()
            .contains("too many wrong attempts")
    );

    let admin = app.signed_in("admin").await;
    let lockouts = app.get_page(&admin, "/admin/lockouts").await;
    assert!(lockouts.contains("account:pc.smith"));
    let cleared = app
        .post_form(
            &admin,
            "/admin/lockouts",
            "/admin/lockouts/clear",
            &[("key", "account:pc.smith")],
        )
        .await;
    assert_eq!(cleared.status(), 303);

    let response = app.sign_in(&app.client(), "pc.smith", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let events = audit_events(&app).await;
    for expected in [
        "login.locked",
        "login.refused_locked",
        "lockout.cleared",
        "login.succeeded",
    ] {
        assert!(
            events.iter().any(|e| e == expected),
            "missing {expected} in {events:?}"
        );
    }
}

#[tokio::test]
async fn a_lockout_expires_by_itself_after_fifteen_minutes() {
    let app = spawn_app().await;
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
    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        app.sign_in(&app.client(), "pc.smith", PASSWORD)
            .await
            .status(),
        303
    );
}

/// The sign-out forms of single sessions on an account page (not "sign out everywhere").
fn session_forms(html: &str) -> Vec<String> {
    html.split("action=\"/account/sessions/")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .filter(|action| action != "revoke-all")
        .collect()
}

#[tokio::test]
async fn one_session_can_end_another_and_the_other_is_signed_out() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let laptop = app.signed_in("pc.smith").await;
    let phone = app.signed_in("pc.smith").await;

    let account = app.get_page(&laptop, "/account").await;
    // The laptop's page lists both; the phone's session is the one not marked as this one.
    assert_eq!(session_forms(&account).len(), 2);
    // On the phone's own page, its row says "This session" just before its sign-out form.
    let phone_page = app.get_page(&phone, "/account").await;
    let after = phone_page.split("This session").nth(1).unwrap();
    let rest = after.split("action=\"/account/sessions/").nth(1).unwrap();
    let phone_session = &rest[..rest.find('"').unwrap()]; // "<id>/revoke"

    let response = app
        .post_form(
            &laptop,
            "/account",
            &format!("/account/sessions/{phone_session}"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/account?notice=revoked");

    let phone_again = phone.get(app.url("/account")).send().await.unwrap();
    assert_eq!(
        phone_again.status(),
        303,
        "the revoked session no longer works"
    );
    let laptop_only: Vec<String> = session_forms(&account)
        .into_iter()
        .filter(|action| action != phone_session)
        .collect();
    assert_eq!(laptop_only.len(), 1);
    assert_eq!(
        session_forms(&app.get_page(&laptop, "/account").await),
        laptop_only
    );
    assert!(
        audit_events(&app)
            .await
            .contains(&"session.revoked".to_owned())
    );
}

#[tokio::test]
async fn an_administrator_can_sign_an_account_out_everywhere() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    app.create_user("admin", "administrator").await;
    let officer = app.signed_in("pc.smith").await;
    let admin = app.signed_in("admin").await;
    let user = app
        .store
        .credentials(&peel_core::username::Username::parse("pc.smith").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user;

    let page = format!("/admin/users/{}", user.id);
    let response = app
        .post_form(
            &admin,
            &page,
            &format!("/admin/users/{}/sessions/revoke-all", user.id),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        officer
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        admin
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn an_idle_session_expires_after_an_hour() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let client = app.signed_in("pc.smith").await;
    app.clock.advance(Duration::minutes(59));
    assert_eq!(
        client
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    app.clock.advance(Duration::minutes(61));
    assert_eq!(
        client
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
}

#[tokio::test]
async fn a_form_with_a_wrong_csrf_token_is_rejected_and_changes_nothing() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    app.create_user("admin", "administrator").await;
    let client = app.signed_in("pc.smith").await;
    let admin = app.signed_in("admin").await;

    let forged = client
        .post(app.url("/logout"))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);
    assert!(
        forged
            .text()
            .await
            .unwrap()
            .contains("did not come from this site")
    );
    assert_eq!(
        client
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let missing = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("username", "mallory"),
            ("password", PASSWORD),
            ("role", "administrator"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 400);
    assert!(
        app.store
            .credentials(&peel_core::username::Username::parse("mallory").unwrap())
            .await
            .unwrap()
            .is_none()
    );

    // Another account's token does not work either.
    let other_token = csrf_token(&app.get_page(&client, "/account").await);
    let crossed = admin
        .post(app.url("/admin/users"))
        .form(&[
            ("csrf_token", other_token.as_str()),
            ("username", "mallory"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(crossed.status(), 400);
    assert!(
        app.store
            .credentials(&peel_core::username::Username::parse("mallory").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn signing_in_without_the_csrf_cookie_is_rejected() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let response = app
        .client()
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", "a".repeat(64).as_str()),
            ("username", "pc.smith"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

async fn fail_twenty_times_from(app: &TestApp, forwarded_for: &str) {
    for i in 0..20 {
        let username = format!("guess{i}");
        app.sign_in_from(
            &app.client(),
            &username,
            "wrong password here",
            Some(forwarded_for),
        )
        .await;
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own() {
    let config = peel_web::WebConfig {
        cookie_secure: false,
        trust_forwarded_for: true,
        ..peel_web::WebConfig::default()
    };
    let app = peel_testkit::spawn_app_with(
        peel_store::testing::TestStore::sqlite().await.unwrap(),
        config,
    )
    .await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    // A client may prepend its own entries; only the proxy's last entry counts.
    fail_twenty_times_from(&app, "203.0.113.9, 198.51.100.7").await;

    let blocked = app
        .sign_in_from(&app.client(), "pc.smith", PASSWORD, Some("198.51.100.7"))
        .await;
    assert_eq!(blocked.status(), 429);
    let other = app
        .sign_in_from(&app.client(), "pc.smith", PASSWORD, Some("203.0.113.9"))
        .await;
    assert_eq!(other.status(), 303);
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forged_forwarded_header_changes_nothing() {
    let app = spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    fail_twenty_times_from(&app, "198.51.100.7").await;
    // All twenty came from the real peer address, which is now locked whatever the header says.
    let response = app
        .sign_in_from(&app.client(), "pc.smith", PASSWORD, Some("203.0.113.9"))
        .await;
    assert_eq!(response.status(), 429);
}

/// Finding L-3: before sign-in, a cookie and field pair chosen by an attacker does not pass.
#[tokio::test]
async fn a_planted_pre_sign_in_csrf_pair_is_refused() {
    let app = peel_testkit::spawn_app().await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let planted = "ab".repeat(32);
    let answer = reqwest::Client::new()
        .post(app.url("/login"))
        .header("cookie", format!("peel_csrf={planted}"))
        .form(&[
            ("csrf_token", planted.as_str()),
            ("username", "pc.smith"),
            ("password", peel_testkit::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    // The real form's token is bound to the cookie the server set.
    let client = app.client();
    assert_eq!(
        app.sign_in(&client, "pc.smith", peel_testkit::PASSWORD)
            .await
            .status(),
        303
    );
}
