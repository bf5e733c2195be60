//! The abstraction log: a supervisor records time away from a ward and the hours rostered
//! there, and sees the ward's rate for the month.

use peel_core::clock::Clock;
use peel_testkit::spawn_app;

#[tokio::test]
async fn a_wards_abstraction_rate_is_shown_by_month_with_the_reasons() {
    let app = spawn_app().await;
    app.create_user("sgt.patel", "supervisor").await;
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let supervisor = app.signed_in("sgt.patel").await;
    let today = app.clock.now().date();
    let month = format!("{}-{:02}", today.year(), u8::from(today.month()));
    let response = app
        .post_form(
            &supervisor,
            "/abstraction",
            "/abstraction/roster",
            &[("ward", "E05013806"), ("month", &month), ("hours", "100")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    for hours in ["12", "8"] {
        let response = app
            .post_form(
                &supervisor,
                "/abstraction",
                "/abstraction",
                &[
                    ("officer", "PC Smith"),
                    ("ward", "E05013806"),
                    ("day", &today.to_string()),
                    ("hours", hours),
                    ("cause", "event"),
                    ("reason", "Notting Hill Carnival"),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
    }
    let page = app.get_page(&supervisor, "/abstraction").await;
    assert!(page.contains("E05013806"), "{page}");
    assert!(page.contains("20.0%"), "{page}");
    assert!(page.contains("event 20.0 h"), "{page}");

    let bad = app
        .post_form(
            &supervisor,
            "/abstraction",
            "/abstraction",
            &[
                ("officer", "PC Smith"),
                ("ward", "E05013806"),
                ("day", "yesterday"),
                ("hours", "3"),
                ("cause", "event"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 400);
    let officer = app.signed_in("pc.smith").await;
    let refused = officer.get(app.url("/abstraction")).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);
}

/// Finding L-7: with London's geography, a ward is chosen from the list, and a code that is
/// no current ward is refused.
#[tokio::test]
async fn wards_are_chosen_from_londons_wards_not_typed() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    app.create_user("sgt.patel", "supervisor").await;
    let supervisor = app.signed_in("sgt.patel").await;
    let page = app.get_page(&supervisor, "/abstraction").await;
    assert!(
        page.contains("<select id=\"roster-ward\" name=\"ward\">"),
        "{page}"
    );
    assert!(page.contains("<option value=\"E05013806\">"), "{page}");
    let refused = app
        .post_form(
            &supervisor,
            "/abstraction",
            "/abstraction/roster",
            &[
                ("ward", "E05999999"),
                ("month", "2026-11"),
                ("hours", "100"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 400);
    let chosen = app
        .post_form(
            &supervisor,
            "/abstraction",
            "/abstraction/roster",
            &[
                ("ward", "E05013806"),
                ("month", "2026-11"),
                ("hours", "100"),
            ],
        )
        .await;
    assert_eq!(chosen.status().as_u16(), 303);
}
