//! The README's steps, then a report through the form in a real headless browser (Debian's
//! Chromium, driven over WebDriver): `peel geo import`, `peel serve`, the form, check your
//! answers with a change, and the progress page showing the ward team; words of present danger
//! asked about again; and the quick exit, none of it with any JavaScript of Peel's.
//!
//! Skipped, saying so, where Chromium and ChromeDriver are not installed, except when
//! `CI=true`: there a missing browser fails the test (`.ci/run` installs both).

use std::time::Duration;

use super::driver::Driver;

/// The shared data folder: `PEEL_SHARED_DATA`, or `../shared/data` beside the repository.
pub(super) fn data_dir() -> std::path::PathBuf {
    peel_skip::shared_data()
}

#[tokio::test]
async fn after_the_readme_steps_a_report_through_the_form_in_a_real_browser_reaches_its_ward_team()
{
    let Some(driver) = Driver::start().await else {
        return;
    };
    let geography = data_dir().join("geography");
    if !geography.exists() {
        peel_skip::skip(&format!(
            "{} is absent: skipped the browser test",
            geography.display()
        ));
        driver.quit().await;
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let import = super::peel(
        &[
            "geo",
            "import",
            "--data-dir",
            dir.path().to_str().unwrap(),
            geography.to_str().unwrap(),
        ],
        "",
    );
    assert!(import.status.success(), "{}", super::stderr(&import));
    assert!(
        super::stdout(&import).contains("Imported 180754 postcodes, 704 wards and 33 boroughs")
    );
    std::fs::write(
        dir.path().join("peel.toml"),
        "quick_exit_url = \"/healthz\"\n",
    )
    .unwrap();
    let (mut server, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let url = |path: &str| format!("{base}{path}");

    driver.go(&url("/report")).await;
    driver.click("#danger-no").await;
    driver.click("button[type=submit]").await;

    driver
        .type_into(
            "#description",
            "Someone keeps spraying graffiti on the bus shelter at night",
        )
        .await;
    driver.click("#category-criminal-damage-arson").await;
    driver.type_into("#occurred_day", "24").await;
    driver.type_into("#occurred_month", "11").await;
    driver.type_into("#occurred_year", "2026").await;
    driver.click("#where-postcode").await;
    driver.type_into("#postcode", "e14 5ab").await;
    driver.click("#reporter_role-witness").await;
    driver.click("#anonymous-yes").await;
    driver.click("form button[type=submit]").await;

    // Check your answers, change one, and send.
    assert_eq!(
        driver
            .heading("Check your answers before sending your report")
            .await,
        "Check your answers before sending your report"
    );
    assert!(
        driver
            .text("main")
            .await
            .contains("graffiti on the bus shelter")
    );
    driver
        .click("button[formaction='/report/details#description']")
        .await;
    assert_eq!(
        driver.heading("Tell us what happened").await,
        "Tell us what happened"
    );
    driver.type_into("#description", " again").await;
    driver.click("form button[type=submit]").await;
    driver
        .heading("Check your answers before sending your report")
        .await;
    let changed = driver.text("main").await;
    assert!(
        changed.contains("again") && changed.contains("graffiti on the bus shelter at night"),
        "{changed}"
    );
    driver.click("button.button").await;

    let reference = driver.text(".reference").await;
    assert!(
        peel_core::reference::Reference::parse(&reference).is_some(),
        "got {reference:?}"
    );
    let store = peel_store::SqliteStore::open(&dir.path().join("peel.db"))
        .await
        .unwrap();
    let reference = peel_core::reference::Reference::parse(&reference).unwrap();
    let stored = peel_store::SubmissionStore::submission_by_reference(&store, &reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.ward.as_ref().map(|w| w.as_str()), Some("E05009323"));
    assert!(stored.contact.is_none());

    driver
        .click("form[action='/status'] button[type=submit]")
        .await;
    let wanted = format!("Report {reference}");
    assert_eq!(driver.heading(&wanted).await, wanted);
    let page = driver.text("main").await;
    assert!(
        page.contains("Canary Wharf Safer Neighbourhood Team"),
        "{page}"
    );

    // Words of present danger from someone who said nobody is in danger: asked again, with
    // 999, before anything is stored; going on sends it to the contact handlers.
    driver.go(&url("/report")).await;
    driver.click("#danger-no").await;
    driver.click("button[type=submit]").await;
    driver
        .type_into(
            "#description",
            "My ex has a knife and my child is here with me",
        )
        .await;
    driver.click("#category-domestic-abuse").await;
    driver.type_into("#occurred_day", "24").await;
    driver.type_into("#occurred_month", "11").await;
    driver.type_into("#occurred_year", "2026").await;
    driver.click("#where-postcode").await;
    driver.type_into("#postcode", "e14 5ab").await;
    driver.click("#reporter_role-victim").await;
    driver.click("#anonymous-yes").await;
    driver.click("form button[type=submit]").await;
    driver
        .heading("Check your answers before sending your report")
        .await;
    driver.click("button.button").await;
    assert_eq!(
        driver.heading("Are you safe right now?").await,
        "Are you safe right now?"
    );
    assert!(driver.text("main").await.contains("call 999"));
    assert!(
        !driver.url().await.contains("danger"),
        "no answer in the address"
    );
    driver
        .click("form button.button:not(.button-secondary)")
        .await;
    let danger = peel_core::reference::Reference::parse(&driver.text(".reference").await).unwrap();
    let stored = peel_store::SubmissionStore::submission_by_reference(&store, &danger)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.team.as_str(), "central-intake");

    // Leave this site quickly: a plain link, no JavaScript, to the neutral page in settings.
    driver.go(&url("/report")).await;
    driver.click(".quick-exit-link").await;
    for _ in 0..50 {
        if driver.url().await.ends_with("/healthz") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        driver.url().await.ends_with("/healthz"),
        "{}",
        driver.url().await
    );
    driver.quit().await;
    super::terminate(&mut server);
}
