//! The one-time setup link.

use peel_testkit::{PASSWORD, csrf_token, spawn_app};

async fn issue(app: &peel_testkit::TestApp) -> String {
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    let token = peel_app::accounts::issue_setup_token(app.store.as_ref(), now)
        .await
        .unwrap();
    token.unwrap().expose().to_owned()
}

async fn submit(
    app: &peel_testkit::TestApp,
    client: &reqwest::Client,
    token: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let form = app.get_page(client, &format!("/setup/{token}")).await;
    let csrf = csrf_token(&form);
    client
        .post(app.url(&format!("/setup/{token}")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", username),
            ("password", password),
            ("confirm", password),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    let app = spawn_app().await;
    let token = issue(&app).await;
    let client = app.client();

    let response = submit(&app, &client, &token, "chief.admin", PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login?notice=setup_done");

    // An administrator must set up one-time passwords before doing anything.
    let signed_in = app.sign_in(&client, "chief.admin", PASSWORD).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["location"], "/login/setup-code");
    let not_yet = client.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(
        not_yet.status(),
        303,
        "a session still signing in may do nothing else"
    );
    let client = app.signed_in("chief.admin").await;
    let home = app.get_page(&client, "/").await;
    assert!(
        home.contains("Accounts and roles"),
        "the first account is an administrator"
    );

    let again = app
        .client()
        .get(app.url(&format!("/setup/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    assert!(again.text().await.unwrap().contains("not valid"));
    assert!(
        issue_is_refused(&app).await,
        "no new link once an account exists"
    );
}

async fn issue_is_refused(app: &peel_testkit::TestApp) -> bool {
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    peel_app::accounts::issue_setup_token(app.store.as_ref(), now)
        .await
        .unwrap()
        .is_none()
}

#[tokio::test]
async fn a_weak_password_is_refused_with_an_error_summary_and_the_link_still_works() {
    let app = spawn_app().await;
    let token = issue(&app).await;
    let client = app.client();

    let response = submit(&app, &client, &token, "chief.admin", "password1234").await;
    assert_eq!(response.status(), 400);
    let html = response.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(html.contains("href=\"#password\""));
    assert!(html.contains("<title>Error: "));

    let response = submit(&app, &client, &token, "chief.admin", PASSWORD).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn an_expired_setup_link_is_refused() {
    let app = spawn_app().await;
    let token = issue(&app).await;
    app.clock.advance(time::Duration::minutes(61));
    let response = app
        .client()
        .get(app.url(&format!("/setup/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn a_setup_form_without_its_csrf_cookie_is_rejected() {
    let app = spawn_app().await;
    let token = issue(&app).await;
    let response = app
        .client()
        .post(app.url(&format!("/setup/{token}")))
        .form(&[
            ("csrf_token", "0".repeat(64).as_str()),
            ("username", "x.admin"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(app.store.count_users().await.unwrap(), 0);
}
