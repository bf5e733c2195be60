//! The access choke point: every permission check of every service and adapter comes here.
//!
//! **This is a security-sensitive module.** The decision is the core's pure
//! [`peel_core::policy::authorize`]; this records each refusal to a signed-in account or an
//! API client in the audit trail as a security event, because repeated refusals are what an
//! auditor looks for.

use peel_core::audit::AuditCode;
use peel_core::policy::{Action, Actor, Denied, Principal, Resource, authorize};

use crate::Context;

impl Context {
    /// Whether `actor` may do `action` to `resource`; a refusal is audited.
    pub async fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource,
    ) -> Result<(), Denied> {
        let outcome = authorize(actor, action, resource);
        if let Err(denied) = outcome {
            tracing::info!(actor = %actor.reference(), ?action, ?denied, "access denied");
            if actor.principal != Principal::Public {
                let event = self.event(
                    actor,
                    AuditCode::AccessDenied,
                    resource_ref(resource),
                    format!("{action:?}: {denied}"),
                );
                if let Err(error) = self.record(event).await {
                    tracing::error!(%error, "could not record an access refusal");
                }
            }
        }
        outcome
    }
}

fn resource_ref(resource: &Resource) -> String {
    match resource {
        Resource::System => "system".to_owned(),
        Resource::Account(id) => format!("user:{id}"),
        Resource::AuditLog => "audit_log".to_owned(),
        Resource::Item {
            marking,
            owning_organisation,
            ..
        } => {
            format!("item:{owning_organisation}:{marking}")
        }
    }
}
