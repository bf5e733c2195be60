//! Retention: each organisation's notifications kept only as long as its agreement says.

use peel_core::OrganisationId;
use peel_core::audit::AuditCode;
use peel_core::notification::NotificationType;
use peel_core::notification::retention::{Retention, resolve};
use peel_core::policy::Actor;
use peel_store::{RetentionOutcome, Store, StoreError};
use time::OffsetDateTime;

use crate::audit::event;

/// What one run of retention did to one organisation's notifications of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionRun {
    /// The organisation.
    pub organisation: OrganisationId,
    /// The type.
    pub kind: NotificationType,
    /// The rule applied.
    pub rule: Retention,
    /// What it did.
    pub outcome: RetentionOutcome,
}

/// Applies every organisation's retention rules at `now` (`peel notify retention`, and hourly
/// in `peel serve`): each type's notifications past their rule are erased, and those that link
/// to nothing pseudonymised, each audited as an erasure by `actor`.
pub async fn apply_retention(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<RetentionRun>, StoreError> {
    let mut runs = Vec::new();
    for org in store.organisations().await? {
        let rules = store.retention_rules(&org.id).await?;
        for kind in store.notification_kinds(&org.id).await? {
            let rule = resolve(&rules, kind);
            let audit = event(
                actor,
                now,
                AuditCode::NotificationsErased,
                format!("organisation:{}", org.id),
                "",
            );
            let outcome = store
                .apply_retention(
                    &org.id,
                    kind,
                    now - time::Duration::days(rule.keep_days),
                    now - time::Duration::days(rule.pseudonymise_days),
                    now,
                    audit,
                )
                .await?;
            runs.push(RetentionRun {
                organisation: org.id.clone(),
                kind,
                rule,
                outcome,
            });
        }
    }
    Ok(runs)
}
