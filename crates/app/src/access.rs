//! The access choke point: every permission check of every service and adapter comes here.
//!
//! **This is a security-sensitive module.** The decision is the core's pure
//! [`peel_core::policy::authorize`], on the facts of the record; this records each refusal to
//! a signed-in account or an API client in the audit trail as a security event, because
//! repeated refusals are what an auditor looks for. Lists that show only what the actor may
//! see (links, alerts) filter with [`Context::permits`], the same rule, unaudited and never
//! breaking glass.

use peel_core::audit::AuditCode;
use peel_core::policy::{Access, Action, Actor, Denied, Principal, Resource, authorize};

use crate::Context;

impl Context {
    /// Whether, and how, `actor` may do `action` to `resource`; a refusal is audited.
    pub async fn authorize(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource,
    ) -> Result<Access, Denied> {
        self.authorize_about(actor, action, resource, resource_ref(resource))
            .await
    }

    /// [`Context::authorize`] for a record the audit trail names as `subject` (a submission,
    /// a task, a person), so a refusal is found under it.
    pub async fn authorize_about(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource,
        subject: impl std::fmt::Display,
    ) -> Result<Access, Denied> {
        let outcome = authorize(actor, action, resource);
        if let Err(denied) = outcome {
            tracing::info!(actor = %actor.reference(), ?action, ?denied, "access denied");
            if actor.principal != Principal::Public {
                let event = self.event(
                    actor,
                    AuditCode::AccessDenied,
                    subject,
                    format!("{action:?}: {denied}"),
                );
                if let Err(error) = self.record(event).await {
                    tracing::error!(%error, "could not record an access refusal");
                }
            }
        }
        outcome
    }

    /// Whether `actor` may do `action` to `resource` as of right, for filtering a list.
    pub fn permits(&self, actor: &Actor, action: Action, resource: &Resource) -> bool {
        peel_core::policy::permits(actor, action, resource)
    }

    /// The decision for one entry of a list, unaudited, with the reason when refused (a list
    /// shows the entry without its details and says why).
    pub fn check(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource,
    ) -> Result<Access, Denied> {
        authorize(actor, action, resource)
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
        } => format!("item:{owning_organisation}:{marking}"),
        Resource::Submission(facts) => format!("team:{}", facts.team),
        Resource::Team(team) => format!("team:{team}"),
        Resource::Task(_) => "task".to_owned(),
        Resource::Person(facts) => facts
            .account
            .map_or_else(|| "person".to_owned(), |id| format!("person_of:user:{id}")),
    }
}
