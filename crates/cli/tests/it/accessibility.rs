//! axe-core (npm `axe-core`, installed by `.ci/run`) in Debian's Chromium on every public page
//! in every language, on the intermediary's pages, and on the contact handler's and
//! supervisor's pages, at 1280 and at 320 CSS pixels wide: no WCAG 2.0, 2.1 or 2.2 A or AA
//! violation, and no sideways scrolling at 320 pixels.
//!
//! Skipped, saying so, where Chromium, ChromeDriver or axe-core is missing, except when
//! `CI=true`: there it fails.

use std::path::PathBuf;

use serde_json::json;

use super::driver::Driver;

const PASSWORD: &str = "heron kettle gravel 47";

/// axe-core's script: `PEEL_AXE_JS`, or where `.ci/run` installs it.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("PEEL_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../.ci/axe/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) => {
            peel_skip::skip("axe-core is not installed: skipped the accessibility test");
            None
        }
    }
}

const RUN_AXE: &str = "const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
  .catch(e => done(['axe failed: ' + e]));";

struct Audit<'a> {
    driver: &'a Driver,
    axe: String,
    failures: Vec<String>,
    checked: usize,
}

impl Audit<'_> {
    /// Emulates a screen this wide (the window itself cannot be made 320 pixels wide).
    async fn width(&self, width: u32) {
        self.driver
            .cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
            )
            .await;
    }

    /// Runs axe on the page as it is, at both widths, and checks that it reflows at 320.
    async fn check(&mut self, what: &str) {
        self.driver.run(&self.axe, json!([])).await;
        for width in [1280, 320] {
            self.width(width).await;
            let violations = self.driver.run_async(RUN_AXE, json!([])).await;
            for violation in violations.as_array().into_iter().flatten() {
                self.failures.push(format!(
                    "{what} at {width}px: {}",
                    violation.as_str().unwrap_or("?")
                ));
            }
            if width == 320 {
                let sideways = self
                    .driver
                    .run(
                        "return document.documentElement.scrollWidth - window.innerWidth;",
                        json!([]),
                    )
                    .await;
                if sideways.as_i64().unwrap_or(0) > 0 {
                    self.failures
                        .push(format!("{what} scrolls sideways at 320px by {sideways}px"));
                }
            }
        }
        self.width(1280).await;
        self.checked += 1;
    }
}

#[tokio::test]
async fn axe_finds_no_wcag_a_or_aa_violation_on_the_public_intermediary_and_front_line_pages() {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(driver) = Driver::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for args in [
        vec![
            "org",
            "add",
            "--data-dir",
            data,
            "--kind",
            "intermediary",
            "boots-camden",
            "--name",
            "Boots, Camden High Street",
            "--sector",
            "pharmacy",
            "--phone",
            "020 7946 0001",
        ],
        vec![
            "user",
            "add",
            "--data-dir",
            data,
            "--role",
            "intermediary",
            "--organisation",
            "boots-camden",
            "pharm.jo",
        ],
        vec![
            "user",
            "add",
            "--data-dir",
            data,
            "--role",
            "supervisor,contact_handler",
            "--team",
            "central-intake",
            "sgt.lee",
        ],
        vec![
            "partner",
            "add",
            "--data-dir",
            data,
            "camden-youth-service",
            "--name",
            "Camden Youth Service",
            "--kind",
            "youth-service",
        ],
        vec![
            "user",
            "add",
            "--data-dir",
            data,
            "--role",
            "partner_practitioner",
            "--organisation",
            "camden-youth-service",
            "yw.amara",
        ],
        vec![
            "people",
            "add",
            "--data-dir",
            data,
            "pharm-jo",
            "--name",
            "Jo Pharmacist",
            "--kind",
            "intermediary",
            "--username",
            "pharm.jo",
            "--training",
            "intermediary-concerns:2026-01-01:2030-01-01",
        ],
    ] {
        let out = super::peel(&args, &format!("{PASSWORD}\n"));
        assert!(out.status.success(), "{args:?}: {}", super::stderr(&out));
    }
    // London's geography (with ward outlines and residents), the harm table and the City of
    // London's crimes, for the statistics pages.
    let shared = super::browser::data_dir();
    let geography = shared.join("geography");
    let statistics = geography.is_dir();
    if !statistics {
        peel_skip::skip(&format!(
            "{} is absent: the statistics pages go unchecked",
            geography.display()
        ));
    }
    // A Public Attitude Survey extract, so the pages show their trust lists and tables.
    let extract = dir.path().join("pas.csv");
    std::fs::write(
        &extract,
        "area,quarter,measure,respondents,share\n\
         E09000001,2025-Q3,Trust the MPS,120,0.72\n\
         London,2025-Q3,Trust the MPS,9000,0.71\n",
    )
    .unwrap();
    if statistics {
        for args in [
            vec![
                "geo",
                "import",
                "--data-dir",
                data,
                geography.to_str().unwrap(),
            ],
            vec![
                "stats",
                "import",
                "--data-dir",
                data,
                shared
                    .join("reference/cchi_weights_by_policeuk_category_subgroup.csv")
                    .to_str()
                    .unwrap(),
                shared
                    .join("police_uk/city_of_london_street_2022-07_2023-06")
                    .to_str()
                    .unwrap(),
                extract.to_str().unwrap(),
            ],
        ] {
            let out = super::peel(&args, "");
            assert!(out.status.success(), "{args:?}: {}", super::stderr(&out));
        }
    }
    let (mut server, _stdout, lines) = super::spawn_serve(dir.path(), 1);
    let base = super::url_in(&lines[0]).to_owned();
    let url = |path: &str| format!("{base}{path}");
    let mut audit = Audit {
        driver: &driver,
        axe,
        failures: Vec::new(),
        checked: 0,
    };

    for lang in peel_web::i18n::LANGUAGES.iter() {
        let code = lang.code;
        driver.go(&url(&format!("/?lang={code}"))).await;
        audit.check(&format!("/ in {code}")).await;
        if statistics {
            // A City ward's public page, with its borough's map.
            driver
                .go(&url(&format!("/wards/E05009288?lang={code}")))
                .await;
            audit.check(&format!("/wards/E05009288 in {code}")).await;
            // Giving a voice on its priorities, and the link that confirms one.
            for path in [
                "/wards/E05009288/voices",
                "/wards/E05009288/voices/confirm?token=not-one-we-sent",
            ] {
                let joiner = if path.contains('?') { '&' } else { '?' };
                driver.go(&url(&format!("{path}{joiner}lang={code}"))).await;
                audit.check(&format!("{path} in {code}")).await;
            }
        }
        for path in [
            "/report",
            "/report/details",
            "/status",
            "/staying-safe",
            // An evidence request's link that is not one of ours.
            "/evidence-request/not-a-link-we-sent",
        ] {
            driver.go(&url(path)).await;
            audit.check(&format!("{path} in {code}")).await;
        }
        // The 999 page; the danger question unanswered.
        driver.go(&url("/report")).await;
        driver.click("#danger-yes").await;
        driver.click("main button[type=submit]").await;
        driver.find(".warning").await;
        audit.check(&format!("the 999 page in {code}")).await;
        driver.go(&url("/report")).await;
        driver.click("main button[type=submit]").await;
        driver.find(".error-summary").await;
        audit
            .check(&format!("the danger question's error in {code}"))
            .await;
        // The form's errors, check your answers, the confirmation and the progress page.
        driver.go(&url("/report/details")).await;
        driver.click("main form button[type=submit]").await;
        driver.find(".error-summary").await;
        audit.check(&format!("the form's errors in {code}")).await;
        driver
            .type_into(
                "#description",
                "Someone keeps spraying graffiti on the bus shelter",
            )
            .await;
        driver.click("#category-criminal-damage-arson").await;
        driver.type_into("#occurred_day", "24").await;
        driver.type_into("#occurred_month", "11").await;
        driver.type_into("#occurred_year", "2026").await;
        driver.click("#where-online").await;
        driver.click("#reporter_role-witness").await;
        driver.click("#anonymous-yes").await;
        driver.click("main form button[type=submit]").await;
        driver.find(".summary-answers").await;
        audit.check(&format!("check your answers in {code}")).await;
        driver.click("button.button").await;
        driver.find(".reference").await;
        audit.check(&format!("the confirmation in {code}")).await;
        driver
            .click("form[action='/status'] button[type=submit]")
            .await;
        driver.find("#kind").await;
        audit.check(&format!("the progress page in {code}")).await;
        // Volunteering: the public page, the application (with its errors), the confirmation
        // and where it stands.
        driver.go(&url("/volunteer")).await;
        audit.check(&format!("/volunteer in {code}")).await;
        driver.go(&url("/volunteer/apply")).await;
        audit.check(&format!("/volunteer/apply in {code}")).await;
        driver.click("main form button[type=submit]").await;
        driver.find(".error-summary").await;
        audit
            .check(&format!("the application's errors in {code}"))
            .await;
        driver.type_into("#name", "Priya Shah").await;
        driver.type_into("#email", "priya@example.org").await;
        driver.type_into("#postcode", "E8 1DY").await;
        driver.click("#applying_as-volunteer").await;
        driver.click("#skill-victim_support").await;
        driver.click("#day-wed").await;
        driver.type_into("#hours", "09:00-17:00").await;
        driver.click("#consent").await;
        driver.click("main form button[type=submit]").await;
        driver.find(".reference").await;
        audit
            .check(&format!("the application sent in {code}"))
            .await;
        driver.go(&url("/volunteer/status")).await;
        audit.check(&format!("/volunteer/status in {code}")).await;
    }

    // The intermediary's pages, signed in.
    driver.go(&url("/login?lang=en")).await;
    driver.type_into("#username", "pharm.jo").await;
    driver.type_into("#password", PASSWORD).await;
    driver.click("main form button[type=submit]").await;
    driver.find(".header-nav a[href='/concerns']").await;
    for lang in ["en", "ar"] {
        driver.go(&url(&format!("/concerns/new?lang={lang}"))).await;
        audit.check(&format!("the concern form in {lang}")).await;
        driver.click("main form button[type=submit]").await;
        driver.find(".error-summary").await;
        audit
            .check(&format!("the concern form's errors in {lang}"))
            .await;
        driver.click("#person_present-yes").await;
        driver.click("#codeword-ani").await;
        driver.click("#called_999-no").await;
        driver.click("#consent-yes").await;
        driver
            .type_into(
                "#what_happened",
                "She asked for ANI and is in the consultation room",
            )
            .await;
        driver.type_into("#address", "173 Camden High Street").await;
        driver.click("main form button[type=submit]").await;
        driver.find(".reference").await;
        audit
            .check(&format!("the concern sent page in {lang}"))
            .await;
        driver.click("main a[href$='/files']").await;
        driver.find("main input[type=file]").await;
        audit
            .check(&format!("adding files to a concern in {lang}"))
            .await;
        driver.click("main form button[type=submit]").await;
        driver.find(".error-summary").await;
        audit
            .check(&format!("adding files to a concern: errors in {lang}"))
            .await;
        driver.go(&url("/concerns")).await;
        audit
            .check(&format!("the intermediary's concerns in {lang}"))
            .await;
    }

    // A partner practitioner's portal.
    driver.clear_cookies().await;
    driver.go(&url("/login")).await;
    driver.type_into("#username", "yw.amara").await;
    driver.type_into("#password", PASSWORD).await;
    driver.click("main form button[type=submit]").await;
    driver.find(".header-nav a[href='/partner']").await;
    driver.go(&url("/partner")).await;
    audit.check("the partner practitioner's portal").await;

    // The contact handler's and supervisor's pages, with the reports and concerns above.
    driver.clear_cookies().await;
    driver.go(&url("/login")).await;
    driver.type_into("#username", "sgt.lee").await;
    driver.type_into("#password", PASSWORD).await;
    driver.click("main form button[type=submit]").await;
    driver.find(".header-nav a[href='/queue']").await;
    for path in [
        "/",
        "/account",
        "/queue?team=central-intake",
        "/evidence/review?team=central-intake",
        "/cases",
        "/supervisor",
        "/abstraction",
        "/tasks",
        "/training",
        "/satisfaction",
        "/alerts",
        "/reports/new",
        "/retention",
        "/sharing/pack",
        "/sharing/pack?borough=nowhere&board=nobody",
    ] {
        driver.go(&url(path)).await;
        audit.check(path).await;
    }
    if statistics {
        for path in [
            "/insight",
            "/insight/boroughs/E09000033",
            "/insight/wards/E05009288",
            "/insight/wards/E05009288?from=June",
        ] {
            driver.go(&url(path)).await;
            audit.check(path).await;
        }
        // A voice with its answers missing, and a confirmation whose link is not one of ours.
        driver.go(&url("/wards/E05009288/voices")).await;
        driver.click("main form button[type=submit]").await;
        driver.find(".error-summary").await;
        audit.check("giving a voice: errors").await;
        driver
            .go(&url(
                "/wards/E05009288/voices/confirm?token=not-one-we-sent",
            ))
            .await;
        driver.click("main form button[type=submit]").await;
        driver.find("main h1").await;
        audit.check("confirming a voice: an unknown link").await;
    }
    driver.go(&url("/queue?team=central-intake")).await;
    driver.click("main table a[href^='/submissions/']").await;
    driver.find("main dl.summary").await;
    audit.check("a concern's page").await;
    driver.go(&url("/reports/new")).await;
    driver.click("main form button[type=submit]").await;
    driver.find(".error-summary").await;
    audit.check("taking a report: errors").await;

    assert!(audit.checked >= 140, "{} page states", audit.checked);
    let failures = audit.failures.join("\n");
    driver.quit().await;
    super::terminate(&mut server);
    assert!(failures.is_empty(), "{failures}");
}
