//! Every page that shows personal data records its reading as a consultation (DPA 2018 s.62):
//! one entry per page, by the reader, naming what it showed. One test per page; the portal's
//! (a person's own tasks) is in `tasks`, where a person has tasks to show.

use peel_core::audit::AuditCode;
use peel_store::AuditQuery;
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

/// A report placed by address (the central intake team's), and its id.
async fn report(app: &TestApp) -> String {
    let body = json!({
        "description": "Someone keeps following me home",
        "category": "anti-social-behaviour",
        "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"address": "12 High Street"},
        "reporter": {"role": "victim", "contact": {"name": "Ada Lovelace", "email": "ada@example.com"}}
    });
    let created: Value = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = created["reference"].as_str().unwrap();
    app.submission(reference).await.id.to_string()
}

async fn entries(app: &TestApp, code: AuditCode) -> Vec<peel_core::audit::AuditEntry> {
    app.store
        .audit_entries(&AuditQuery {
            event: Some(code),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
}

/// Reads `path` as `user` (with `roles`, in the central intake team) and checks that exactly
/// one `code` entry by them was written, naming `names` when given.
async fn consulted(path: &str, roles: &str, code: AuditCode, names: Option<&str>) {
    let app = spawn_app().await;
    let id = report(&app).await;
    app.create_user_in("reader", roles, Some("central-intake"))
        .await;
    let path = path
        .replace("{id}", &id)
        .replace("{user}", &app.user_id("reader").await.to_string());
    let client = app.signed_in("reader").await;
    let before = entries(&app, code).await.len();
    let response = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET {path}");
    let after = entries(&app, code).await;
    assert_eq!(after.len(), before + 1, "GET {path} records one {code}");
    let entry = &after[0];
    assert_eq!(entry.event.actor_label, "reader");
    assert_eq!(
        entry.event.operation,
        peel_core::audit::Operation::Consultation
    );
    if let Some(names) = names {
        let names = names.replace("{id}", &id);
        let reference = app
            .store
            .submission(peel_core::SubmissionId::parse(&id).unwrap())
            .await
            .unwrap()
            .unwrap()
            .reference
            .to_string();
        let names = names.replace("{reference}", &reference);
        assert!(
            entry.event.subject.contains(&names) || entry.event.detail.contains(&names),
            "{code} names {names}: {:?}",
            entry.event
        );
    }
}

macro_rules! page {
    ($($name:ident: $path:literal as $roles:literal records $code:ident $(naming $names:literal)?;)*) => {
        $(
            #[tokio::test]
            async fn $name() {
                consulted($path, $roles, AuditCode::$code, None$(.or(Some($names)))?).await;
            }
        )*
    };
}

page! {
    the_queue: "/queue" as "neighbourhood_officer" records QueueViewed naming "{reference}";
    a_submission: "/submissions/{id}" as "neighbourhood_officer" records SubmissionViewed naming "submission:{id}";
    a_submission_through_the_api: "/api/v1/submissions/{id}" as "neighbourhood_officer" records SubmissionViewed naming "submission:{id}";
    the_dash_form: "/submissions/{id}/dash" as "neighbourhood_officer" records DashViewed naming "submission:{id}";
    the_task_form: "/submissions/{id}/tasks/new" as "supervisor" records TaskFormViewed naming "submission:{id}";
    the_supervisors_page: "/supervisor" as "supervisor" records EscalationsViewed naming "team:central-intake";
    the_task_list: "/tasks" as "supervisor" records TasksViewed;
    the_training_needs: "/training" as "supervisor" records TrainingViewed;
    the_abstraction_log: "/abstraction" as "supervisor" records AbstractionViewed;
    the_vetting_list: "/vetting" as "vetting_officer" records VettingViewed;
    the_alerts: "/alerts" as "neighbourhood_officer" records AlertsViewed;
    the_accounts: "/admin/users" as "administrator" records UsersViewed naming "reader";
    one_account_with_its_sessions: "/admin/users/{user}" as "administrator" records UserViewed naming "'reader'";
    the_lockouts: "/admin/lockouts" as "administrator" records LockoutsViewed;
    the_api_keys: "/admin/api-keys" as "administrator" records ApiKeysViewed;
    the_case_list: "/cases" as "neighbourhood_officer" records CaseViewed;
    the_satisfaction_results: "/satisfaction" as "analyst" records SatisfactionViewed;
}

/// A case's page and its API answer each record one consultation naming its reports.
#[tokio::test]
async fn a_case_and_its_api_answer() {
    let app = spawn_app().await;
    let id = report(&app).await;
    app.create_user_in("reader", "neighbourhood_officer", Some("central-intake"))
        .await;
    let client = app.signed_in("reader").await;
    let link = format!("/submissions/{id}");
    let response = app
        .post_form(&client, &link, &format!("{link}/case"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let case = response.headers()["location"]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let reference = app
        .store
        .submission(peel_core::SubmissionId::parse(&id).unwrap())
        .await
        .unwrap()
        .unwrap()
        .reference
        .to_string();
    for path in [case.clone(), format!("/api/v1{case}")] {
        let before = entries(&app, AuditCode::CaseViewed).await.len();
        let response = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "GET {path}");
        let after = entries(&app, AuditCode::CaseViewed).await;
        assert_eq!(
            after.len(),
            before + 1,
            "GET {path} records one case.viewed"
        );
        assert!(
            after[0].event.detail.contains(&reference),
            "{:?}",
            after[0].event
        );
        assert_eq!(after[0].event.actor_label, "reader");
    }
}
