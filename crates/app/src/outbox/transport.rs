//! What a provider is to the outbox: one message ready to go, why it did not, and the trait
//! each provider implements. The providers themselves (SMTP, GOV.UK Notify) live in
//! `peel-deliver`, so that this crate knows nothing of HTTP or mail protocols.

/// One message, ready for a provider.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The address or number.
    pub to: String,
    /// The subject (email).
    pub subject: String,
    /// The text.
    pub body: String,
    /// The RFC 5322 Message-ID, the same on every attempt; GOV.UK Notify's `reference`.
    pub message_id: String,
}

/// Why a provider did not take a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Try again later (connection, timeout, rate limit, the provider's own failure).
    #[error("{0}")]
    Transient(String),
    /// It will never go as it is (a bad address, a refused request).
    #[error("{0}")]
    Permanent(String),
}

/// A provider for one channel.
#[async_trait::async_trait]
pub trait Transport: Send + Sync {
    /// Hands the message over at `now`; the provider's id, if it gives one.
    async fn send(
        &self,
        message: &Outgoing,
        now: time::OffsetDateTime,
    ) -> Result<Option<String>, SendError>;
}
