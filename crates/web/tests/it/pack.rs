//! The ward sharing pack: a borough's wards in counts only, small numbers suppressed by the
//! stated rule, as a page and as CSV, each recorded as a disclosure to the board.

use peel_core::audit::AuditCode;
use serde_json::json;

#[tokio::test]
async fn a_ward_pack_suppresses_small_counts_names_nobody_and_is_recorded_as_a_disclosure() {
    let Some(app) = peel_testkit::spawn_london_app().await else {
        return;
    };
    let operator = peel_core::policy::Actor::operator("test");
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    peel_app::sharing::add_partner(
        app.store.as_ref(),
        &operator,
        now,
        "westminster-snb",
        "Westminster Safer Neighbourhood Board",
        "board",
    )
    .await
    .unwrap();
    // Three reports from one victim at one address in St James's.
    for n in 0..3 {
        app.send_report(&json!({
            "description": format!("Someone tried the door again, time {n}"),
            "category": "burglary",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"postcode": "SW1A 2AA"},
            "reporter": {"role": "victim", "contact": {"name": "Priya Shah", "email": "priya@example.org"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    }
    app.create_user("sgt.patel", "supervisor").await;
    let supervisor = app.signed_in("sgt.patel").await;

    let form = app.get_page(&supervisor, "/sharing/pack").await;
    assert!(form.contains("Westminster Safer Neighbourhood Board"));
    assert!(form.contains(">Westminster</option>"));

    let query = "borough=E09000033&board=westminster-snb";
    let page = app
        .get_page(&supervisor, &format!("/sharing/pack?{query}"))
        .await;
    assert!(page.contains("St. James"), "{page}");
    assert!(page.contains("Repeat locations"));
    assert!(page.contains("&#60;5"), "a count of one is hidden: {page}");
    assert!(!page.contains("Priya"), "nobody is named");
    assert!(!page.contains("tried the door"));

    let csv = supervisor
        .get(app.url(&format!("/sharing/pack.csv?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = csv.text().await.unwrap();
    let st_james = csv
        .lines()
        .skip_while(|l| !l.starts_with("# Repeat locations"))
        .find(|l| l.starts_with("St. James"))
        .expect("St James's row in the repeat locations table");
    assert_eq!(st_james, "St. James's,0,<5,<5", "{csv}");
    assert!(csv.contains("(threshold 5)"));
    assert!(!csv.contains("Priya"));

    // Each production is a disclosure to the board.
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::SharingPackDisclosed),
            limit: 10,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[0].event.recipient,
        "Westminster Safer Neighbourhood Board (westminster-snb)"
    );

    // A board that is not registered is refused on the form; an officer may not produce one.
    let refused = supervisor
        .get(app.url("/sharing/pack?borough=E09000033&board=nobody"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    app.create_user("pc.jones", "neighbourhood_officer").await;
    let officer = app.signed_in("pc.jones").await;
    let forbidden = officer
        .get(app.url(&format!("/sharing/pack?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
}
