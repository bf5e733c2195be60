//! Lawful sharing: a youth-service referral from a case reaches the practitioner's portal
//! pseudonymised; revealing identity needs a justification and is logged as a disclosure
//! naming the recipient; a field outside the agreement is refused naming it; an expired
//! agreement refuses everything.

use peel_core::audit::AuditCode;
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

const AGREEMENT: &str = r#"
id = "camden-youth"
purpose = "Early help for young people at risk of exploitation"
parties = ["camden-youth-service"]
lawful_basis = "part2"
article6 = "6(1)(e) public task"
categories = ["identity", "location", "offence", "vulnerability", "safeguarding"]
max_marking = "TLP:AMBER+STRICT"
direction = "both"
practitioners = ["yw.amara"]
roles = ["designated safeguarding lead"]
identity = true
start = 2026-04-01
review = 2027-03-31
expires = 2027-06-30
"#;

async fn partner_and_agreement(app: &TestApp) {
    let operator = peel_core::policy::Actor::operator("test");
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    peel_app::sharing::add_partner(
        app.store.as_ref(),
        &operator,
        now,
        "camden-youth-service",
        "Camden Youth Service",
        "youth-service",
    )
    .await
    .unwrap();
    app.create_user_of(
        "yw.amara",
        "partner_practitioner",
        None,
        "camden-youth-service",
    )
    .await;
    peel_app::sharing::register(app.store.as_ref(), &operator, now, AGREEMENT)
        .await
        .unwrap();
}

async fn case_of_report(app: &TestApp) -> (String, String) {
    app.create_user_in("pc.smith", "neighbourhood_officer", Some("central-online"))
        .await;
    let created = app
        .send_report(&json!({
            "description": "Older boys are making my son carry packages across the estate",
            "category": "online-abuse",
            "occurred_at": "2026-11-25T22:15:00Z",
            "location": {"online": true},
            "reporter": {"role": "victim", "contact": {"name": "Ayla Demir", "email": "ayla@example.org"}},
            "safe_contact": {"channels": ["email"]}
        }))
        .await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    let s = app.submission(&reference).await;
    let officer = app.signed_in("pc.smith").await;
    let link = format!("/submissions/{}", s.id);
    let contact = app
        .post_form(
            &officer,
            &link,
            &format!("{link}/first-contact"),
            &[("channel", "email")],
        )
        .await;
    assert_eq!(contact.status(), 303);
    let case = app.store.case_of(s.id).await.unwrap().expect("a case");
    (case.id.to_string(), reference)
}

async fn disclose(
    app: &TestApp,
    client: &reqwest::Client,
    case: &str,
    body: Value,
) -> (u16, Value) {
    let response = client
        .post(app.url(&format!("/api/v1/cases/{case}/disclosures")))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_youth_service_referral_reaches_the_practitioner_pseudonymised_and_the_agreement_is_enforced()
 {
    let app = spawn_app().await;
    partner_and_agreement(&app).await;
    let (case, reference) = case_of_report(&app).await;
    let officer = app.signed_in("pc.smith").await;

    // Pseudonymised by default: the name asked for is withheld.
    let (status, made) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara",
               "fields": ["name", "offence", "description", "repeat"], "referral": true}),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["pseudonymised"], true);
    assert_eq!(made["fields"], json!(["offence", "description", "repeat"]));
    assert_eq!(made["onward"], "organisation-and-clients");
    assert_eq!(made["referral"], true);
    let case_page = app.get_page(&officer, &format!("/cases/{case}")).await;
    assert!(
        case_page.contains("Referred to yw.amara (camden-youth-service) under camden-youth"),
        "the case records the referral: {case_page}"
    );

    // The practitioner sees it, as Person 1, without the name.
    let practitioner = app.signed_in("yw.amara").await;
    let portal = app.get_page(&practitioner, "/partner").await;
    assert!(
        portal.contains("href=\"/partner\""),
        "the header links to it"
    );
    assert!(portal.contains("carry packages"), "{portal}");
    assert!(portal.contains("Person 1"), "{portal}");
    assert!(portal.contains("a referral, "), "{portal}");
    assert!(
        portal.contains("0 earlier report(s) by the same person in the year before"),
        "{portal}"
    );
    assert!(portal.contains(&reference));
    assert!(!portal.contains("Ayla"), "the name is withheld: {portal}");
    assert!(portal.contains("Within your organisation and with its clients"));

    // The practitioner writes back; it arrives on the case. An empty one is refused on the form.
    let disclosure = made["id"].as_str().unwrap();
    let action = format!("/partner/disclosures/{disclosure}/write-back");
    let empty = app
        .post_form(
            &practitioner,
            "/partner",
            &action,
            &[("kind", "update"), ("body", " ")],
        )
        .await;
    assert_eq!(empty.status(), 422);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Write what you want the officer to know")
    );
    let sent = app
        .post_form(
            &practitioner,
            "/partner",
            &action,
            &[
                ("kind", "update"),
                (
                    "body",
                    "Met him at the youth club; he has joined the boxing programme",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let portal = app.get_page(&practitioner, "/partner?written=1").await;
    assert!(portal.contains("joined the boxing programme"));
    let case_page = app.get_page(&officer, &format!("/cases/{case}")).await;
    assert!(
        case_page.contains("joined the boxing programme"),
        "the write-back is on the case: {case_page}"
    );
    assert!(case_page.contains("yw.amara (camden-youth-service) wrote back"));
    // A practitioner not named receives nothing, until given a role the agreement names; and
    // still may not write back on what was disclosed to another.
    app.create_user_of(
        "nurse.bo",
        "partner_practitioner",
        None,
        "camden-youth-service",
    )
    .await;
    let to_bo =
        json!({"agreement": "camden-youth", "recipient": "nurse.bo", "fields": ["offence"]});
    let (status, refused) = disclose(&app, &officer, &case, to_bo.clone()).await;
    assert_eq!(status, 403, "{refused}");
    let operator = peel_core::policy::Actor::operator("test");
    let now = peel_core::clock::Clock::now(app.clock.as_ref());
    peel_app::sharing::set_job_role(
        app.store.as_ref(),
        &operator,
        now,
        "nurse.bo",
        "  Designated   Safeguarding Lead ",
    )
    .await
    .unwrap();
    let (status, made_bo) = disclose(&app, &officer, &case, to_bo).await;
    assert_eq!(status, 201, "{made_bo}");
    let other = app.signed_in("nurse.bo").await;
    let forbidden = app
        .post_form(
            &other,
            "/partner",
            &action,
            &[("kind", "concern"), ("body", "Not mine")],
        )
        .await;
    assert_eq!(forbidden.status(), 403);

    // Revealing identity needs a justification; with one it is sent and logged.
    let (status, refused) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara",
               "fields": ["name", "offence"], "reveal_identity": true}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(refused["error"]["code"], "agreement_forbids");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("justification")
    );
    let (status, revealed) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara",
               "fields": ["name", "offence"], "reveal_identity": true,
               "justification": "To arrange a safe meeting with the boy at the youth club this week",
               "marking": "TLP:AMBER+STRICT"}),
    )
    .await;
    assert_eq!(status, 201, "{revealed}");
    assert_eq!(revealed["pseudonymised"], false);
    let portal = app.get_page(&practitioner, "/partner").await;
    assert!(portal.contains("Ayla Demir"), "{portal}");
    assert!(portal.contains("Within your organisation only"));
    let entries = app
        .store
        .audit_entries(&peel_store::AuditQuery {
            event: Some(AuditCode::DisclosedToPartner),
            limit: 10,
            ..peel_store::AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(entries.len(), 3, "each disclosure is logged");
    let last = &entries[2].event;
    assert_eq!(last.recipient, "yw.amara (camden-youth-service)");
    assert!(last.justification.contains("safe meeting"));
    assert!(last.detail.contains("identity revealed"), "{}", last.detail);

    // A field outside the agreement's categories is refused, naming it; nothing is sent.
    let (status, refused) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara",
               "fields": ["offence", "health"]}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(refused["error"]["code"], "agreement_forbids");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("health"),
        "{refused}"
    );
    // TLP:RED is above this agreement's highest marking.
    let (status, refused) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara",
               "fields": ["offence"], "marking": "TLP:RED"}),
    )
    .await;
    assert_eq!(status, 403);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("TLP:RED")
    );

    // The case page's form does the same without JavaScript; a refusal comes back on the form.
    let page = format!("/cases/{case}");
    let action = format!("/cases/{case}/disclosures");
    let refused = app
        .post_form(
            &officer,
            &page,
            &action,
            &[
                ("agreement", "camden-youth"),
                ("recipient", "yw.amara"),
                ("field", "health"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 400);
    let html = refused.text().await.unwrap();
    assert!(html.contains("href=\"#agreement\""), "{html}");
    assert!(html.contains("outside the agreement"), "{html}");
    let shared = app
        .post_form(
            &officer,
            &page,
            &action,
            &[
                ("agreement", "camden-youth"),
                ("recipient", "yw.amara"),
                ("field", "offence"),
                ("field", "place"),
                ("marking", "TLP:AMBER"),
            ],
        )
        .await;
    assert_eq!(shared.status(), 303);
    let html = app.get_page(&officer, &page).await;
    assert_eq!(
        html.matches("to yw.amara under camden-youth version 1")
            .count(),
        3,
        "each disclosure is listed on the case: {html}"
    );

    // Once expired, the agreement refuses everything.
    app.clock.advance(time::Duration::days(220));
    let officer = app.signed_in("pc.smith").await;
    let (status, refused) = disclose(
        &app,
        &officer,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara", "fields": ["offence"]}),
    )
    .await;
    assert_eq!(status, 403, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{refused}"
    );
    let practitioner = app.signed_in("yw.amara").await;
    let portal = app.get_page(&practitioner, "/partner").await;
    assert_eq!(
        portal
            .matches("<section class=\"panel\" aria-labelledby=\"shared-")
            .count(),
        3,
        "only what was disclosed"
    );

    // Nobody else reads the portal's disclosures, and a practitioner cannot disclose.
    let (status, _) = disclose(
        &app,
        &practitioner,
        &case,
        json!({"agreement": "camden-youth", "recipient": "yw.amara", "fields": ["offence"]}),
    )
    .await;
    assert_eq!(status, 403);
    let refused = officer.get(app.url("/partner")).send().await.unwrap();
    assert_eq!(refused.status(), 403);

    // Erased at the person's request: the practitioner keeps the record of what was shared,
    // not what it said, and is told to delete their copy.
    let s = app.submission(&reference).await;
    let ctx = peel_app::Context::new(
        app.store.clone(),
        app.clock.clone(),
        peel_testkit::settings(),
    );
    peel_app::rights::retention::erase(
        &ctx,
        &peel_core::policy::Actor::operator("test"),
        s.id,
        peel_app::rights::retention::Ground::SubjectRequest,
        "Erasure request upheld",
    )
    .await
    .unwrap();
    let practitioner = app.signed_in("yw.amara").await;
    let portal = app.get_page(&practitioner, "/partner").await;
    assert!(!portal.contains("carry packages"), "{portal}");
    assert!(portal.contains("Erased from police records: delete your copy too"));
    assert!(portal.contains(&reference));
}

#[tokio::test]
async fn the_register_tells_its_owner_an_agreement_is_about_to_lapse() {
    let app = spawn_app().await;
    partner_and_agreement(&app).await;
    app.create_user("dpo.kaur", "auditor").await;
    let dpo = app.signed_in("dpo.kaur").await;
    let register = app.get_page(&dpo, "/agreements").await;
    assert!(register.contains("camden-youth (version 1)"), "{register}");
    assert!(!register.contains("Needs you"));

    // A month before its review date, the register says so first.
    let today = peel_core::london::today(peel_core::clock::Clock::now(app.clock.as_ref()));
    let warning = time::macros::date!(2027 - 03 - 05);
    app.clock
        .advance(time::Duration::days((warning - today).whole_days()));
    let dpo = app.signed_in("dpo.kaur").await;
    let register = app.get_page(&dpo, "/agreements").await;
    assert!(register.contains("Needs you"), "{register}");
    assert!(register.contains("camden-youth: in force, lapses 2027-03-31: review it"));

    // Nobody but its owner reads the register.
    app.create_user("pc.smith", "neighbourhood_officer").await;
    let officer = app.signed_in("pc.smith").await;
    let refused = officer.get(app.url("/agreements")).send().await.unwrap();
    assert_eq!(refused.status(), 403);
}
