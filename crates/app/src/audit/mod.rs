//! Audit events, built one way: who (the actor), what (a code from the catalogue, which fixes
//! the s.62 operation), to what (the subject), and a short detail without secrets.

pub mod checkpoints;

use peel_core::audit::{AuditCode, AuditEvent};
use peel_core::policy::Actor;
use time::OffsetDateTime;

use crate::Context;

/// An audit event by `actor` at `at`.
pub fn event(
    actor: &Actor,
    at: OffsetDateTime,
    code: AuditCode,
    subject: impl std::fmt::Display,
    detail: impl Into<String>,
) -> AuditEvent {
    AuditEvent {
        at,
        actor: actor.reference(),
        actor_label: actor.label.clone(),
        operation: code.operation(),
        event: code,
        subject: subject.to_string(),
        justification: String::new(),
        recipient: String::new(),
        detail: detail.into(),
    }
}

impl Context {
    /// An audit event by `actor`, stamped now.
    pub fn event(
        &self,
        actor: &Actor,
        code: AuditCode,
        subject: impl std::fmt::Display,
        detail: impl Into<String>,
    ) -> AuditEvent {
        event(actor, self.now(), code, subject, detail)
    }

    /// Records a consultation (or any event that changes nothing) on its own.
    pub async fn record(&self, event: AuditEvent) -> Result<(), peel_store::StoreError> {
        self.store().append_audit(vec![event]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_decides_the_operation() {
        let at = time::macros::datetime!(2026-12-01 09:00 UTC);
        let event = event(
            &Actor::operator("console"),
            at,
            AuditCode::SubmissionViewed,
            "submission:x",
            "opened",
        );
        assert_eq!(event.operation, peel_core::audit::Operation::Consultation);
        assert_eq!(
            (event.actor.as_str(), event.actor_label.as_str()),
            ("operator", "console")
        );
    }
}
