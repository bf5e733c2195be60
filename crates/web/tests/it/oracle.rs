//! Finding H-2 of the security review: a notifying organisation learns nothing of what Peel
//! holds unless its sharing agreement grants feedback, and then never of other organisations'
//! notifications or of anything marked above what the agreement allows.

use peel_core::Marking;
use peel_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

use crate::notifications::{api_key, line, register_as, send};

fn account(n: u32) -> Value {
    json!({"type": "bank-account", "sort_code": "401122", "account": format!("8765{n:04}")})
}

fn phone() -> Value {
    json!({"type": "phone", "value": "07700 900456"})
}

/// A receipt with what identifies the line taken out: what is left is all it tells.
fn shape(receipt: &Value) -> Value {
    let mut receipt = receipt.clone();
    if let Some(object) = receipt.as_object_mut() {
        object.remove("id");
        object.remove("line");
    }
    receipt
}

async fn sent(app: &TestApp, key: &str) -> Vec<Value> {
    let page: Value = app
        .client()
        .get(app.url("/api/v1/notifications/sent"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page["notifications"].as_array().unwrap().clone()
}

/// A victim's report naming the phone, and North Bank's TLP:RED notification naming the same
/// phone and an account.
async fn held(app: &TestApp) {
    app.create_user_in("fraud.red", "neighbourhood_officer", Some("central-online"))
        .await;
    let red = app.user_id("fraud.red").await;
    register_as(app, "northbank", Some(Marking::Amber), vec![red]).await;
    let report = json!({
        "description": "He keeps ringing me from 07700 900456 and says he will come round",
        "category": "online-abuse", "occurred_at": "2026-11-19T10:00:00Z",
        "location": {"online": true}, "reporter": {"role": "victim", "anonymous": true}
    });
    let created = app
        .client()
        .post(app.url("/api/v1/reports"))
        .json(&report)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let key = api_key(app, "northbank").await;
    let red_line = json!({"version": 1, "id": "NB-RED-1", "type": "money-mule",
        "occurred_at": "2026-11-20T10:00:00Z", "marking": "TLP:RED",
        "indicators": [account(1), phone()], "text": "Mule"})
    .to_string();
    let (status, receipts) = send(app, Some(&key), red_line.into_bytes(), false).await;
    assert_eq!((status, &receipts[0]["status"]), (200, &json!("accepted")));
}

#[tokio::test]
async fn probing_with_another_organisations_red_values_is_indistinguishable_from_sending_new_ones()
{
    let app = spawn_app().await;
    held(&app).await;
    register_as(&app, "southbank", None, Vec::new()).await;
    let key = api_key(&app, "southbank").await;
    let probes = [
        line("SB-PROBE-1", account(1)), // held in North Bank's RED notification
        line("SB-PROBE-2", account(2)), // held nowhere
        line("SB-PROBE-3", phone()),    // in the victim's report and the RED notification
    ]
    .join("\n");
    let (status, receipts) = send(&app, Some(&key), probes.into_bytes(), false).await;
    assert_eq!(status, 200, "{receipts:?}");
    let shapes: Vec<Value> = receipts[..3].iter().map(shape).collect();
    assert_eq!(
        shapes,
        vec![json!({"status": "accepted"}); 3],
        "{receipts:?}"
    );
    let summary = &receipts[3]["summary"];
    assert!(summary.get("links").is_none(), "{summary}");

    let page = sent(&app, &key).await;
    assert_eq!(page.len(), 3);
    for entry in &page {
        assert!(entry.get("matched_reports").is_none(), "{entry}");
    }
    let stripped: Vec<Value> = page
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.as_object_mut().unwrap().remove("id");
            e
        })
        .collect();
    assert!(stripped.windows(2).all(|w| w[0] == w[1]), "{page:?}");
}

#[tokio::test]
async fn feedback_counts_only_reports_within_the_agreed_marking_never_other_organisations() {
    let app = spawn_app().await;
    held(&app).await;
    register_as(&app, "amberbank", Some(Marking::Amber), Vec::new()).await;
    register_as(&app, "greenbank", Some(Marking::Green), Vec::new()).await;

    // Amber feedback: the phone matches the victim's report (a link marked AMBER) and the RED
    // notification, which is not counted; the account matches only the RED notification.
    let amber = api_key(&app, "amberbank").await;
    let probes = [line("AB-1", account(1)), line("AB-2", phone())].join("\n");
    let (_, receipts) = send(&app, Some(&amber), probes.into_bytes(), false).await;
    assert_eq!(
        (&receipts[0]["links"], &receipts[1]["links"]),
        (&json!(0), &json!(1)),
        "{receipts:?}"
    );
    assert_eq!(receipts[2]["summary"]["links"], 1);
    let page = sent(&app, &amber).await;
    assert_eq!(
        page.iter()
            .map(|e| e["matched_reports"].clone())
            .collect::<Vec<_>>(),
        vec![json!(0), json!(1)]
    );

    // Green feedback: the link to the report is marked AMBER, above what is agreed.
    let green = api_key(&app, "greenbank").await;
    let (_, receipts) = send(
        &app,
        Some(&green),
        line("GB-1", phone()).into_bytes(),
        false,
    )
    .await;
    assert_eq!(receipts[0]["links"], 0, "{receipts:?}");
    assert_eq!(sent(&app, &green).await[0]["matched_reports"], 0);
}
