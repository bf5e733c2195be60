//! The Open311 (GeoReport v2) subset.

use peel_testkit::{TestApp, spawn_london_app};
use serde_json::Value;

async fn api_key(app: &TestApp) -> String {
    app.create_user("admin", "administrator").await;
    let admin = app.signed_in("admin").await;
    let response = app
        .post_form(
            &admin,
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("label", "Council app"),
                ("organisation", "westminster-council"),
                ("expires_days", "30"),
            ],
        )
        .await;
    let html = response.text().await.unwrap();
    let start = html.find("peel_").unwrap();
    html[start..start + 5 + 32 + 1 + 64].to_owned()
}

#[tokio::test]
async fn only_non_sensitive_services_are_offered() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let services: Value = reqwest::get(app.url("/open311/v2/services.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> = services
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["service_code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"anti-social-behaviour"));
    for sensitive in ["domestic-abuse", "hate-incident", "violent-crime", "fraud"] {
        assert!(
            !codes.contains(&sensitive),
            "{sensitive} must never be offered"
        );
    }
}

#[tokio::test]
async fn a_request_with_a_key_is_routed_and_its_status_shows_nothing_private() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let response = app
        .client()
        .post(app.url("/open311/v2/requests.json"))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "anti-social-behaviour"),
            ("lat", "51.50354"),
            ("long", "-0.127695"),
            ("description", "Loud music every night at 2am"),
            ("email", "resident@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let id = created[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        created[0]["service_notice"]
            .as_str()
            .unwrap()
            .contains("St. James's Safer Neighbourhood Team")
    );

    let status: Value = reqwest::get(app.url(&format!("/open311/v2/requests/{id}.json")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status[0]["status"], "open");
    assert_eq!(
        status[0]["agency_responsible"],
        "St. James's Safer Neighbourhood Team"
    );
    let text = status.to_string();
    assert!(
        !text.contains("Loud music")
            && !text.contains("resident@example.com")
            && !text.contains("51.50")
    );
}

#[tokio::test]
async fn sensitive_or_unknown_services_and_missing_keys_are_refused_in_open311_form() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let post = |fields: Vec<(&'static str, String)>| {
        let client = app.client();
        let url = app.url("/open311/v2/requests.json");
        async move { client.post(url).form(&fields).send().await.unwrap() }
    };
    let no_key = post(vec![
        ("service_code", "anti-social-behaviour".into()),
        ("address_string", "Whitehall".into()),
    ])
    .await;
    assert_eq!(no_key.status(), 403);
    let sensitive = post(vec![
        ("api_key", key.clone()),
        ("service_code", "domestic-abuse".into()),
        ("address_string", "Whitehall".into()),
        ("description", "x".into()),
    ])
    .await;
    assert_eq!(
        sensitive.status(),
        404,
        "a service not offered is not found, as the spec says"
    );
    let body: Value = sensitive.json().await.unwrap();
    assert_eq!(body[0]["code"], 404);
    let nowhere = post(vec![
        ("api_key", key.clone()),
        ("service_code", "anti-social-behaviour".into()),
        ("description", "x".into()),
    ])
    .await;
    assert_eq!(nowhere.status(), 400);
    let unknown = reqwest::get(app.url("/open311/v2/requests/2222-2222-2.json"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn a_report_from_another_channel_cannot_be_seen_through_open311() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let body = serde_json::json!({
        "description": "private", "category": "anti-social-behaviour", "occurred_at": "2026-11-25T22:15:00Z",
        "location": {"online": true}, "reporter": {"role": "witness", "anonymous": true}
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
    let response = reqwest::get(app.url(&format!("/open311/v2/requests/{reference}.json")))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

/// Issue 20: the whole of GeoReport v2 in both formats: discovery, services, a service's
/// definition, POST and GET requests with the spec's filters, one request; and every error as
/// the spec's list in the format asked, never an HTML page.
#[tokio::test]
async fn every_endpoint_answers_in_json_and_xml_and_every_error_is_the_spec_s_list() {
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let client = app.client();
    let get = |path: String| {
        let request = client.get(app.url(&path));
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, kind, response.text().await.unwrap())
        }
    };
    for path in ["/open311/discovery", "/open311/v2/discovery"] {
        let (status, kind, body) = get(format!("{path}.json")).await;
        assert_eq!(
            (status, kind.as_str()),
            (200, "application/json; charset=utf-8")
        );
        let discovery: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            discovery["endpoints"][0]["specification"],
            "http://wiki.open311.org/GeoReport_v2"
        );
        assert!(
            discovery["endpoints"][0]["url"]
                .as_str()
                .unwrap()
                .ends_with("/open311/v2")
        );
        let (status, kind, body) = get(format!("{path}.xml")).await;
        assert_eq!((status, kind.as_str()), (200, "text/xml; charset=utf-8"));
        assert!(body.contains("<discovery><changeset>"), "{body}");
        assert!(body.contains(
            "<formats><format>text/xml</format><format>application/json</format></formats>"
        ));
    }
    let (_, _, xml) = get("/open311/v2/services.xml".into()).await;
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service>"),
        "{xml}"
    );
    assert!(
        xml.contains("<service_code>anti-social-behaviour</service_code>"),
        "{xml}"
    );
    let (status, _, body) = get("/open311/v2/services/drugs.json".into()).await;
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        serde_json::json!({"service_code": "drugs", "attributes": []})
    );
    let (status, _, body) = get("/open311/v2/services/drugs.xml".into()).await;
    assert_eq!(
        (
            status,
            body.contains(
                "<service_definition><attributes></attributes><service_code>drugs</service_code>"
            )
        ),
        (200, true),
        "{body}"
    );
    let (status, kind, body) = get("/open311/v2/services/fraud.xml".into()).await;
    assert_eq!((status, kind.as_str()), (404, "text/xml; charset=utf-8"));
    assert!(body.contains("<errors><error><code>404</code>"), "{body}");

    // POST in XML, with the key in the query as the spec's Swagger file puts it.
    let created = client
        .post(app.url(&format!("/open311/v2/requests.xml?api_key={key}")))
        .form(&[
            ("service_code", "drugs"),
            ("lat", "51.50354"),
            ("long", "-0.127695"),
            ("description", "Dealing by the bus stop every evening"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body = created.text().await.unwrap();
    let start = body.find("<service_request_id>").unwrap() + "<service_request_id>".len();
    let id = body[start..start + 11].to_owned();
    assert!(body.contains("<account_id/>"), "{body}");
    // One request, and GET requests by id, by window and filters, in both formats.
    let (status, _, body) = get(format!("/open311/v2/requests/{id}.xml")).await;
    assert_eq!(status, 200);
    assert!(body.contains("<service_requests><request>"), "{body}");
    assert!(
        body.contains(&format!("<service_request_id>{id}</service_request_id>")),
        "{body}"
    );
    assert!(body.contains("<status>open</status>"), "{body}");
    let (status, _, body) =
        get("/open311/v2/requests.json?status=open&service_code=drugs,public-order".into()).await;
    assert_eq!(status, 200);
    let listed: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{body}");
    assert_eq!(listed[0]["service_request_id"], id.as_str());
    assert!(listed[0].get("description").is_none(), "nothing private");
    let (_, _, body) = get("/open311/v2/requests.json?status=closed".into()).await;
    assert_eq!(body, "[]");
    let (_, _, body) = get(format!(
        "/open311/v2/requests.xml?service_request_id={id},2222-2222-2"
    ))
    .await;
    assert!(body.contains(&id), "{body}");
    let (_, _, body) = get(
        "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z"
            .into(),
    )
    .await;
    assert_eq!(body, "[]");

    // Errors: the list, in the format asked, with the spec's codes.
    for (path, expected) in [
        (
            "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z",
            400,
        ),
        ("/open311/v2/requests.xml?status=pending", 400),
        ("/open311/v2/requests.json?start_date=yesterday", 400),
        ("/open311/v2/requests.json?service_code=potholes", 404),
        ("/open311/v2/nothing.xml", 404),
        ("/open311/v3/services.json", 404),
    ] {
        let (status, kind, body) = get(path.into()).await;
        assert_eq!(status, expected, "{path}: {body}");
        if path.ends_with(".xml") || path.contains(".xml?") {
            assert!(
                kind.starts_with("text/xml") && body.contains("<errors><error>"),
                "{path}: {body}"
            );
        } else {
            let list: Value =
                serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: {body}"));
            assert_eq!(list[0]["code"], expected, "{path}");
        }
    }
    let post = |path: &str, body: &'static str| {
        client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let with_key = |rest: &str| format!("api_key={key}&{rest}");
    for (body, expected) in [
        (with_key("service_code=drugs&lat=abc&long=-0.1"), 400),
        (with_key("service_code=drugs&lat=&long="), 400),
        (
            with_key("service_code=drugs&lat=51.5&lat=51.6&long=-0.1"),
            400,
        ),
        (with_key("service_code=drugs&address_id=545483"), 400),
        (with_key("service_code=potholes&lat=51.5&long=-0.12"), 404),
        (
            "api_key=not-a-key&service_code=drugs&lat=51.5&long=-0.12".to_owned(),
            403,
        ),
        (String::new(), 403),
    ] {
        let body: &'static str = Box::leak(body.into_boxed_str());
        for format in ["json", "xml"] {
            let response = post(&format!("/open311/v2/requests.{format}"), body)
                .await
                .unwrap();
            let status = response.status().as_u16();
            let kind = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            let text = response.text().await.unwrap();
            assert_eq!(status, expected, "{format} {body}: {text}");
            let wanted = if format == "xml" {
                "text/xml"
            } else {
                "application/json"
            };
            assert!(kind.starts_with(wanted), "{format} {body}: {kind}");
            assert!(!text.contains("<html"), "{text}");
        }
    }
    // A wrong method: the list too, with the methods allowed.
    let response = client
        .delete(app.url("/open311/v2/services.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert!(response.headers().contains_key("allow"));
    let list: Value = response.json().await.unwrap();
    assert_eq!(list[0]["code"], 405);
}

/// A GeoReport client from PyPI (`georeport`, which .ci/run installs) completes every call it
/// has, in JSON and in XML.
#[tokio::test]
async fn a_georeport_client_completes_every_call_in_json_and_xml() {
    #![allow(clippy::disallowed_methods)]
    let has_client = std::process::Command::new("python3")
        .args(["-c", "import georeport"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_client {
        peel_skip::skip("the georeport client is not installed: skipped the GeoReport client test");
        return;
    }
    let Some(app) = spawn_london_app().await else {
        return;
    };
    let key = api_key(&app).await;
    let created: Value = app
        .client()
        .post(app.url("/open311/v2/requests.json"))
        .form(&[
            ("api_key", key.as_str()),
            ("service_code", "anti-social-behaviour"),
            ("lat", "51.50354"),
            ("long", "-0.127695"),
            ("description", "Loud music every night at 2am"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let script = r#"
import sys
from georeport import GeoReport
base, wanted = sys.argv[1], sys.argv[2]
for fmt in ("json", "xml"):
    client = GeoReport(base + "/open311/v2", jurisdiction="met.police.uk", output_format=fmt)
    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert "drugs" in codes, (fmt, codes)
    definition = client.get_service_definition("drugs")
    assert definition["service_code"] == "drugs", (fmt, definition)
    found = client.get_service_requests(status="open")
    found = found if isinstance(found, list) else [found]
    assert [r["service_request_id"] for r in found] == [wanted], (fmt, found)
    named = client.get_service_requests(service_request_id=wanted)
    named = named if isinstance(named, list) else [named]
    assert named[0]["status"] == "open", (fmt, named)
    one = client.get_service_request(wanted)
    assert one["service_request_id"] == wanted, (fmt, one)
    print(fmt, "ok")
"#;
    let address = app.address.clone();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(address)
            .arg(id)
            .output()
    })
    .await
    .unwrap()
    .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "json ok\nxml ok\n");
}
