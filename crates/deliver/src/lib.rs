//! The providers Peel's outbox hands messages to: email over SMTP (lettre, STARTTLS as the
//! URL asks), and email and text messages through GOV.UK Notify's REST API
//! (`v2/notifications/email` and `/sms`, with a JSON Web Token made from the API key). Phone
//! is never a provider: a call is a task for a person.
//!
//! TLS is rustls with ring and Mozilla's roots built in (webpki-roots): nothing is read or
//! fetched at run time.

use std::sync::Arc;

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use peel_app::outbox::transport::{Outgoing, SendError, Transport};

/// Email over SMTP.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl Smtp {
    /// From `smtp_url` (`smtp://host:port`, `smtp://host?tls=required` for STARTTLS,
    /// `smtps://host` for TLS from the start, with `user:password@` if the server wants it)
    /// and the `From` address.
    pub fn new(url: &str, from: &str) -> Result<Smtp, String> {
        Smtp::with_timeout(url, from, std::time::Duration::from_secs(20))
    }

    /// The same, giving up on a server that has not answered within `timeout` (keep it below
    /// the outbox's lease).
    pub fn with_timeout(
        url: &str,
        from: &str,
        timeout: std::time::Duration,
    ) -> Result<Smtp, String> {
        install_crypto();
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("smtp_url {url:?} is not an SMTP URL: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("mail_from {from:?} is not an email address: {e}"))?;
        Ok(Smtp { transport, from })
    }
}

#[async_trait::async_trait]
impl Transport for Smtp {
    async fn send(
        &self,
        message: &Outgoing,
        _now: time::OffsetDateTime,
    ) -> Result<Option<String>, SendError> {
        let to = message
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("not an email address: {e}")))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(message.message_id.clone()))
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| SendError::Permanent(format!("could not build the email: {e}")))?;
        match self.transport.send(email).await {
            Ok(_) => Ok(None),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Transient(e.to_string())),
        }
    }
}

/// rustls needs one crypto provider for the process; ring is the one built in.
fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// GOV.UK Notify's settings: the API key (`name-serviceid-secret`), the base URL and a
/// template for each channel, each with `((subject))` and `((body))` placeholders.
#[derive(Clone)]
pub struct NotifySettings {
    /// The API key.
    pub api_key: String,
    /// `https://api.notifications.service.gov.uk` unless testing.
    pub base_url: String,
    /// The email template's id.
    pub email_template: String,
    /// The text message template's id.
    pub sms_template: String,
    /// The text sender to use (`sms_sender_id`), when not the service's default: a neutral
    /// sender for neutral prompts, since Notify names the sender per service, not per template.
    pub sms_sender_id: Option<String>,
}

impl std::fmt::Debug for NotifySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifySettings")
            .field("api_key", &"<redacted>")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Which of GOV.UK Notify's two endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyChannel {
    /// `v2/notifications/email`.
    Email,
    /// `v2/notifications/sms`.
    Sms,
}

type HttpsClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::Full<bytes::Bytes>,
>;

/// GOV.UK Notify, for one channel.
pub struct Notify {
    settings: Arc<NotifySettings>,
    service_id: String,
    secret: String,
    channel: NotifyChannel,
    client: HttpsClient,
}

impl Notify {
    /// A client for one channel; the key must be GOV.UK Notify's shape (its last 73
    /// characters are the service id and the secret, two UUIDs joined by a hyphen).
    pub fn new(settings: Arc<NotifySettings>, channel: NotifyChannel) -> Result<Notify, String> {
        install_crypto();
        let key = settings.api_key.trim();
        let tail = key
            .len()
            .checked_sub(73)
            .and_then(|at| key.get(at..))
            .ok_or("notify_api_key is not a GOV.UK Notify API key")?;
        let (service_id, secret) = (
            tail.get(..36).unwrap_or_default().to_owned(),
            tail.get(37..).unwrap_or_default().to_owned(),
        );
        if uuid::Uuid::parse_str(&service_id).is_err() || uuid::Uuid::parse_str(&secret).is_err() {
            return Err("notify_api_key is not a GOV.UK Notify API key".into());
        }
        // Mozilla's roots, built in: nothing is read or fetched at run time.
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| format!("could not set up TLS: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build(https);
        Ok(Notify {
            settings,
            service_id,
            secret,
            channel,
            client,
        })
    }

    /// The bearer token: a JSON Web Token (HS256) with the service id as issuer and the time
    /// of issue, signed with the secret, as GOV.UK Notify asks.
    fn token(&self, now_unix: i64) -> String {
        use base64::Engine;
        use hmac::{KeyInit, Mac};
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = b64.encode(br#"{"typ":"JWT","alg":"HS256"}"#);
        let claims =
            b64.encode(serde_json::json!({"iss": self.service_id, "iat": now_unix}).to_string());
        let signing = format!("{header}.{claims}");
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(self.secret.as_bytes())
            .unwrap_or_else(|_| hmac::Hmac::<sha2::Sha256>::new(&Default::default()));
        mac.update(signing.as_bytes());
        let signature = b64.encode(mac.finalize().into_bytes());
        format!("{signing}.{signature}")
    }
}

#[async_trait::async_trait]
impl Transport for Notify {
    async fn send(
        &self,
        message: &Outgoing,
        now: time::OffsetDateTime,
    ) -> Result<Option<String>, SendError> {
        let (path, address_field, template) = match self.channel {
            NotifyChannel::Email => ("email", "email_address", &self.settings.email_template),
            NotifyChannel::Sms => ("sms", "phone_number", &self.settings.sms_template),
        };
        let url = format!(
            "{}/v2/notifications/{path}",
            self.settings.base_url.trim_end_matches('/')
        );
        let mut body = serde_json::json!({
            address_field: message.to,
            "template_id": template,
            "personalisation": {"subject": message.subject, "body": message.body},
            "reference": message.message_id,
        });
        if let (NotifyChannel::Sms, Some(sender), Some(fields)) = (
            self.channel,
            &self.settings.sms_sender_id,
            body.as_object_mut(),
        ) {
            fields.insert(
                "sms_sender_id".into(),
                serde_json::Value::String(sender.clone()),
            );
        }
        let now = now.unix_timestamp();
        let request = hyper::Request::post(&url)
            .header("Authorization", format!("Bearer {}", self.token(now)))
            .header("Content-Type", "application/json")
            .header("User-Agent", "peel-notify-client")
            .body(http_body_util::Full::new(bytes::Bytes::from(
                body.to_string(),
            )))
            .map_err(|e| SendError::Permanent(format!("notify_base_url is not usable: {e}")))?;
        let unreachable =
            |e: String| SendError::Transient(format!("GOV.UK Notify could not be reached: {e}"));
        let response = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            self.client.request(request),
        )
        .await
        .map_err(|_| unreachable("no answer within 20 seconds".into()))?
        .map_err(|e| unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let text = {
            use http_body_util::BodyExt;
            let bytes = tokio::time::timeout(
                std::time::Duration::from_secs(20),
                response.into_body().collect(),
            )
            .await
            .map_err(|_| unreachable("the answer did not finish within 20 seconds".into()))?
            .map_err(|e| unreachable(e.to_string()))?
            .to_bytes();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let errors = || {
            serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("errors").cloned())
                .map_or_else(|| text.clone(), |e| e.to_string())
        };
        match status {
            201 | 200 => Ok(serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned))),
            400 => Err(SendError::Permanent(format!(
                "GOV.UK Notify refused the message (400): {}",
                errors()
            ))),
            403 => Err(SendError::Transient(format!(
                "GOV.UK Notify refused the API key (403); check notify_api_key: {}",
                errors()
            ))),
            429 => Err(SendError::Transient(format!(
                "GOV.UK Notify's rate limit was reached (429): {}",
                errors()
            ))),
            other => Err(SendError::Transient(format!(
                "GOV.UK Notify answered {other}: {}",
                errors()
            ))),
        }
    }
}

#[cfg(test)]
mod tests;
