//! Partners and the sharing agreements register (issue 18, begun): partner organisations are
//! registered, and agreements registered and changed, only by the owner of the register (the
//! console, or an account with the auditor role: the data protection officer), each change
//! audited. An agreement names only registered partners, and practitioners who are partner
//! practitioners of a party. The disclosure rule itself is [`peel_core::sharing::decide`].

use peel_core::audit::AuditCode;
use peel_core::concern::OrganisationKind;
use peel_core::marking::Marking;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::sharing::{Agreement, Named, PartnerKind};
use peel_core::{OrganisationId, Role};
use peel_store::{AgreementRecord, Organisation, Store};
use time::OffsetDateTime;

use crate::{ServiceError, ServiceResult};

fn may_manage(actor: &Actor) -> ServiceResult<()> {
    peel_core::policy::authorize(actor, Action::ManageAgreements, &Resource::System)?;
    Ok(())
}

/// Registers a partner organisation of `kind` (a [`PartnerKind`] slug).
pub async fn add_partner(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
    id: &str,
    name: &str,
    kind: &str,
) -> ServiceResult<Organisation> {
    may_manage(actor)?;
    let id = OrganisationId::parse(id).map_err(|e| ServiceError::invalid("id", e.to_string()))?;
    let kind = PartnerKind::parse(kind).ok_or_else(|| {
        ServiceError::invalid(
            "kind",
            format!(
                "{kind:?} is not a kind of partner: {}",
                PartnerKind::ALL.map(PartnerKind::slug).join(", ")
            ),
        )
    })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid("name", "Give the partner's name"));
    }
    let org = Organisation {
        id: id.clone(),
        name: name.to_owned(),
        sector: kind.slug().to_owned(),
        contact: String::new(),
        agreement: String::new(),
        allowed_types: Vec::new(),
        default_marking: Marking::Amber,
        rate_per_minute: 0,
        red_recipients: Vec::new(),
        feedback: None,
        kind: OrganisationKind::Partner,
        phone: String::new(),
        created_at: now,
    };
    let event = crate::audit::event(
        actor,
        now,
        AuditCode::OrganisationCreated,
        peel_core::Source::Organisation(id),
        format!("partner {} ({})", org.name, kind.slug()),
    );
    store
        .create_organisation(&org, vec![event])
        .await
        .map_err(|error| match error {
            peel_store::StoreError::Conflict(_) => ServiceError::invalid(
                "id",
                format!("There is already an organisation {:?}", org.id.as_str()),
            ),
            other => other.into(),
        })?;
    Ok(org)
}

/// Registers an agreement file: its first version, or the next version of the agreement it
/// names. Every party must be a registered partner, and every practitioner named a partner
/// practitioner of one of them.
pub async fn register(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
    source: &str,
) -> ServiceResult<AgreementRecord> {
    may_manage(actor)?;
    // The id is read first, to know the version this will be.
    let draft = Agreement::from_toml(source, 1)
        .map_err(|problems| ServiceError::invalid("file", problems.join("\n")))?;
    let versions = store.agreement_versions(&draft.id).await?;
    let version = versions
        .last()
        .map_or(1, |r| r.agreement.version.saturating_add(1));
    let agreement = Agreement { version, ..draft };
    let mut problems = Vec::new();
    for party in &agreement.parties {
        let known = match OrganisationId::parse(party) {
            Ok(id) => store
                .organisation(&id)
                .await?
                .filter(|o| o.kind == OrganisationKind::Partner),
            Err(_) => None,
        };
        if known.is_none() {
            problems.push(format!(
                "parties: {party:?} is not a registered partner (add it with `peel partner add`)"
            ));
        }
    }
    for named in &agreement.recipients {
        let Named::Practitioner(username) = named else {
            continue;
        };
        let user = match peel_core::username::Username::parse(username) {
            Ok(name) => store.credentials(&name).await?.map(|c| c.user),
            Err(_) => None,
        };
        let of_a_party = user.is_some_and(|u| {
            u.roles.has(Role::PartnerPractitioner)
                && agreement
                    .parties
                    .iter()
                    .any(|p| p == u.organisation.as_str())
        });
        if !of_a_party {
            problems.push(format!(
                "practitioners: {username:?} is not a partner practitioner of a party"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::invalid("file", problems.join("\n")));
    }
    let (code, detail) = match versions.last() {
        None => (
            AuditCode::AgreementRegistered,
            format!(
                "agreement {} version 1 with {}: {}, up to {}, in force {} to {}",
                agreement.id,
                agreement.parties.join(", "),
                categories(&agreement),
                agreement.max_marking,
                agreement.start,
                agreement.expires
            ),
        ),
        Some(before) => (
            AuditCode::AgreementChanged,
            format!(
                "agreement {} version {version} (was {}): {}, up to {}, review {}, expires {}",
                agreement.id,
                before.agreement.version,
                categories(&agreement),
                agreement.max_marking,
                agreement.review,
                agreement.expires
            ),
        ),
    };
    let record = AgreementRecord {
        source: source.to_owned(),
        registered_at: now,
        registered_by: actor.reference(),
        agreement,
    };
    let event = crate::audit::event(
        actor,
        now,
        code,
        format!("agreement:{}", record.agreement.id),
        detail,
    );
    store.add_agreement(&record, event).await?;
    Ok(record)
}

fn categories(agreement: &Agreement) -> String {
    agreement
        .categories
        .iter()
        .map(|c| c.slug())
        .collect::<Vec<_>>()
        .join(", ")
}
