//! GOV.UK Notify's client against a local server that checks each request against the
//! documented request schema (the bearer JSON Web Token, the headers, the JSON body of
//! `v2/notifications/email` and `/sms`) and answers as Notify does, errors included.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;
use peel_app::outbox::transport::{Outgoing, SendError, Transport};

const SERVICE: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";
const EMAIL_TEMPLATE: &str = "f33517ff-2a88-4f6e-b855-c550268ce08a";
const SMS_TEMPLATE: &str = "a1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b";

/// Every request the server saw: its path and body, or the schema problem found.
type Seen = Arc<Mutex<Vec<Result<(String, serde_json::Value), String>>>>;

/// What the server answers next.
#[derive(Clone, Copy)]
enum Answer {
    Created,
    BadRequest,
    Forbidden,
    RateLimited,
}

/// Checks a request as Notify would; `Err` is the schema problem found.
fn check(
    head: &str,
    body: &[u8],
    expected_iat: i64,
) -> Result<(String, serde_json::Value), String> {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let mut lines = head.lines();
    let request = lines.next().ok_or("no request line")?;
    let path = match request.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["POST", path, "HTTP/1.1"] => (*path).to_owned(),
        other => return Err(format!("not a POST: {other:?}")),
    };
    let header = |name: &str| {
        head.lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    if header("Content-Type").as_deref() != Some("application/json") {
        return Err("Content-Type is not application/json".into());
    }
    let token = header("Authorization")
        .and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned))
        .ok_or("no bearer token")?;
    let parts: Vec<&str> = token.split('.').collect();
    let [h, c, sig] = parts.as_slice() else {
        return Err("the token is not a JWT".into());
    };
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let jwt_header: serde_json::Value =
        serde_json::from_slice(&b64.decode(h).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    if jwt_header["alg"] != "HS256" || jwt_header["typ"] != "JWT" {
        return Err(format!("wrong JWT header {jwt_header}"));
    }
    let claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(c).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    if claims["iss"] != SERVICE || claims["iat"] != expected_iat {
        return Err(format!("wrong claims {claims}"));
    }
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{h}.{c}").as_bytes());
    mac.verify_slice(&b64.decode(sig).map_err(|e| e.to_string())?)
        .map_err(|_| "the signature does not verify with the key's secret")?;
    let json: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let object = json.as_object().ok_or("the body is not an object")?;
    let (address, allowed): (&str, &[&str]) = match path.as_str() {
        "/v2/notifications/email" => (
            "email_address",
            &[
                "email_address",
                "template_id",
                "personalisation",
                "reference",
                "email_reply_to_id",
            ],
        ),
        "/v2/notifications/sms" => (
            "phone_number",
            &[
                "phone_number",
                "template_id",
                "personalisation",
                "reference",
                "sms_sender_id",
            ],
        ),
        other => return Err(format!("no such endpoint {other}")),
    };
    for key in object.keys() {
        if !allowed.contains(&key.as_str()) {
            return Err(format!("{key} is not in the schema"));
        }
    }
    if !object.get(address).is_some_and(|v| v.is_string()) {
        return Err(format!("{address} is required"));
    }
    let template = object
        .get("template_id")
        .and_then(|v| v.as_str())
        .ok_or("template_id is required")?;
    uuid::Uuid::parse_str(template).map_err(|_| "template_id is not a UUID")?;
    if !object.get("personalisation").is_none_or(|v| v.is_object()) {
        return Err("personalisation is not an object".into());
    }
    if !object.get("reference").is_none_or(|v| v.is_string()) {
        return Err("reference is not a string".into());
    }
    Ok((path, json))
}

/// A local stand-in for Notify; every request it saw, and the problems it found.
async fn server(answer: Arc<Mutex<Answer>>, iat: i64, seen: Seen) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = Vec::new();
            let mut chunk = [0u8; 4096];
            let (head, body) = loop {
                let n = stream.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break (String::new(), Vec::new());
                }
                buffer.extend_from_slice(&chunk[..n]);
                if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buffer[..at]).into_owned();
                    let length = head
                        .lines()
                        .filter_map(|l| l.split_once(':'))
                        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    while buffer.len() < at + 4 + length {
                        let n = stream.read(&mut chunk).await.unwrap_or(0);
                        if n == 0 {
                            break;
                        }
                        buffer.extend_from_slice(&chunk[..n]);
                    }
                    break (head, buffer[at + 4..].to_vec());
                }
            };
            let checked = check(&head, &body, iat);
            let (status, reply) = match (&checked, *answer.lock().unwrap()) {
                (Err(problem), _) => (
                    400,
                    serde_json::json!({"status_code": 400, "errors": [{"error": "ValidationError", "message": problem}]}),
                ),
                (Ok(_), Answer::Created) => (
                    201,
                    serde_json::json!({"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": null, "content": {}, "uri": "x", "template": {}}),
                ),
                (Ok(_), Answer::BadRequest) => (
                    400,
                    serde_json::json!({"status_code": 400, "errors": [{"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}]}),
                ),
                (Ok(_), Answer::Forbidden) => (
                    403,
                    serde_json::json!({"status_code": 403, "errors": [{"error": "AuthError", "message": "Invalid token: API key not found"}]}),
                ),
                (Ok(_), Answer::RateLimited) => (
                    429,
                    serde_json::json!({"status_code": 429, "errors": [{"error": "RateLimitError", "message": "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"}]}),
                ),
            };
            seen.lock().unwrap().push(checked);
            let text = reply.to_string();
            let response = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    url
}

fn base_url_of(notify: &Notify) -> String {
    notify.settings.base_url.clone()
}

fn outgoing(to: &str) -> Outgoing {
    Outgoing {
        to: to.into(),
        subject: "Your report".into(),
        body: "Thank you.".into(),
        message_id: "<1@peel.invalid>".into(),
    }
}

#[tokio::test]
async fn notify_requests_match_the_documented_schema_and_errors_are_read_as_notify_means_them() {
    let now = time::macros::datetime!(2026-12-01 10:00 UTC);
    let answer = Arc::new(Mutex::new(Answer::Created));
    let seen = Arc::default();
    let base_url = server(answer.clone(), now.unix_timestamp(), Arc::clone(&seen)).await;
    let settings = Arc::new(NotifySettings {
        api_key: format!("peel_live-{SERVICE}-{SECRET}"),
        base_url,
        email_template: EMAIL_TEMPLATE.into(),
        sms_template: SMS_TEMPLATE.into(),
        sms_sender_id: None,
    });
    let email = Notify::new(settings.clone(), NotifyChannel::Email).unwrap();
    let sms = Notify::new(settings, NotifyChannel::Sms).unwrap();

    let id = email.send(&outgoing("sam@example.org"), now).await.unwrap();
    assert_eq!(id.as_deref(), Some("740e5834-3a29-46b4-9a6f-16142fde533a"));
    sms.send(&outgoing("+447700900123"), now).await.unwrap();
    {
        let seen = seen.lock().unwrap();
        let (path, body) = seen[0]
            .as_ref()
            .expect("the email request matches the schema");
        assert_eq!(path, "/v2/notifications/email");
        assert_eq!(body["email_address"], "sam@example.org");
        assert_eq!(body["template_id"], EMAIL_TEMPLATE);
        assert_eq!(body["personalisation"]["body"], "Thank you.");
        assert_eq!(
            body["reference"], "<1@peel.invalid>",
            "the Message-ID is Notify's reference"
        );
        let (path, body) = seen[1]
            .as_ref()
            .expect("the text request matches the schema");
        assert_eq!(path, "/v2/notifications/sms");
        assert_eq!(body["phone_number"], "+447700900123");
        assert_eq!(body["template_id"], SMS_TEMPLATE);
    }

    // A neutral text names its own sender.
    let neutral = Notify::new(
        Arc::new(NotifySettings {
            api_key: format!("peel_live-{SERVICE}-{SECRET}"),
            base_url: base_url_of(&email),
            email_template: EMAIL_TEMPLATE.into(),
            sms_template: SMS_TEMPLATE.into(),
            sms_sender_id: Some("8f1a0b3c-0000-4000-8000-000000000001".into()),
        }),
        NotifyChannel::Sms,
    )
    .unwrap();
    neutral.send(&outgoing("+447700900123"), now).await.unwrap();
    {
        let seen = seen.lock().unwrap();
        let (_, body) = seen[2]
            .as_ref()
            .expect("the neutral text matches the schema");
        assert_eq!(
            body["sms_sender_id"],
            "8f1a0b3c-0000-4000-8000-000000000001"
        );
    }

    *answer.lock().unwrap() = Answer::BadRequest;
    assert!(
        matches!(email.send(&outgoing("sam@example.org"), now).await, Err(SendError::Permanent(m)) if m.contains("team-only")),
        "400: this message will never go as it is"
    );
    *answer.lock().unwrap() = Answer::Forbidden;
    assert!(
        matches!(email.send(&outgoing("sam@example.org"), now).await, Err(SendError::Transient(m)) if m.contains("403") && m.contains("notify_api_key")),
        "403: the key is wrong; kept to send once it is put right"
    );
    *answer.lock().unwrap() = Answer::RateLimited;
    assert!(
        matches!(email.send(&outgoing("sam@example.org"), now).await, Err(SendError::Transient(m)) if m.contains("429")),
        "429: try again later"
    );
    // Nothing is ever sent that the schema refuses.
    assert!(
        seen.lock().unwrap().iter().all(Result::is_ok),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[test]
fn a_key_that_is_not_notifys_shape_is_refused_at_start() {
    let settings = |key: &str| {
        Arc::new(NotifySettings {
            api_key: key.into(),
            base_url: "http://127.0.0.1:1".into(),
            email_template: EMAIL_TEMPLATE.into(),
            sms_template: SMS_TEMPLATE.into(),
            sms_sender_id: None,
        })
    };
    assert!(Notify::new(settings("short"), NotifyChannel::Email).is_err());
    assert!(
        Notify::new(
            settings(&format!(
                "name-{SERVICE}-not-a-uuid-at-all-here-xxxxxxxxxxxx"
            )),
            NotifyChannel::Email
        )
        .is_err()
    );
}

#[tokio::test]
async fn an_unreachable_notify_is_a_transient_failure() {
    let settings = Arc::new(NotifySettings {
        api_key: format!("k-{SERVICE}-{SECRET}"),
        base_url: "http://127.0.0.1:1".into(),
        email_template: EMAIL_TEMPLATE.into(),
        sms_template: SMS_TEMPLATE.into(),
        sms_sender_id: None,
    });
    let email = Notify::new(settings, NotifyChannel::Email).unwrap();
    let now = time::macros::datetime!(2026-12-01 10:00 UTC);
    assert!(matches!(
        email.send(&outgoing("a@b.c"), now).await,
        Err(SendError::Transient(_))
    ));
}
