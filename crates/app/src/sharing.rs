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
    let kind = PartnerKind::parse(&kind.trim().to_ascii_lowercase()).ok_or_else(|| {
        ServiceError::invalid(
            "kind",
            format!(
                "{kind:?} is not a kind of partner: {}",
                PartnerKind::ALL
                    .iter()
                    .map(|k| k.slug())
                    .collect::<Vec<_>>()
                    .join(", ")
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

/// The longest job role kept, in characters.
pub const MAX_JOB_ROLE: usize = 100;

/// Sets a partner practitioner's job role (as agreements name roles: "designated safeguarding
/// lead"), or clears it with an empty one; the register's owner's to do, audited.
pub async fn set_job_role(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
    username: &str,
    role: &str,
) -> ServiceResult<Option<String>> {
    may_manage(actor)?;
    let name = peel_core::username::Username::parse(username.trim())
        .map_err(|_| ServiceError::invalid("username", "Name the practitioner by username"))?;
    let user = store
        .credentials(&name)
        .await?
        .map(|c| c.user)
        .filter(|u| u.roles.has(Role::PartnerPractitioner))
        .ok_or_else(|| {
            ServiceError::invalid("username", "There is no partner practitioner by that name")
        })?;
    let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
    if role.chars().count() > MAX_JOB_ROLE {
        return Err(ServiceError::invalid(
            "role",
            format!("Keep a job role under {MAX_JOB_ROLE} characters"),
        ));
    }
    let role = Some(role).filter(|r| !r.is_empty());
    let event = crate::audit::event(
        actor,
        now,
        AuditCode::JobRoleSet,
        format!("user:{}", user.id),
        match &role {
            Some(r) => format!("{name}'s job role set to {r:?}"),
            None => format!("{name}'s job role cleared"),
        },
    );
    store
        .set_job_role(user.id, role.as_deref(), &actor.reference(), now, event)
        .await?;
    Ok(role)
}

fn categories(agreement: &Agreement) -> String {
    agreement
        .categories
        .iter()
        .map(|c| c.slug())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an officer asks to disclose from a case.
#[derive(Debug, Clone, Default)]
pub struct DiscloseInput {
    /// The agreement's id.
    pub agreement: String,
    /// The practitioner's username.
    pub recipient: String,
    /// The case's reports to disclose, by reference; none is every report of the case.
    pub items: Vec<String>,
    /// The fields, by slug.
    pub fields: Vec<String>,
    /// Reveal identity rather than pseudonymise (the agreement must allow it).
    pub reveal_identity: bool,
    /// Why (needed to reveal identity; kept in the disclosure log either way).
    pub justification: String,
    /// The marking, by label; TLP:AMBER when not given.
    pub marking: Option<String>,
    /// A referral: the partner is asked to act, and the case records it.
    pub referral: bool,
}

/// Discloses items of case `id` to a partner practitioner under an agreement, by the rule of
/// [`peel_core::sharing::decide`]; recorded with its s.62 entry naming the recipient. The
/// officer must be one who may change the case.
pub async fn disclose(
    ctx: &crate::Context,
    actor: &Actor,
    id: peel_core::CaseId,
    input: &DiscloseInput,
) -> ServiceResult<peel_store::DisclosureRecord> {
    use peel_core::sharing::{Disclosure, Field, Recipient};
    let (case, submissions) = crate::cases::load(ctx, actor, id, Action::AddNote).await?;
    let store = ctx.store();
    let record = store
        .agreement(input.agreement.trim())
        .await?
        .ok_or_else(|| ServiceError::invalid("agreement", "There is no such agreement"))?;
    let agreement = record.agreement;
    let username = peel_core::username::Username::parse(input.recipient.trim())
        .map_err(|_| ServiceError::invalid("recipient", "Name the practitioner by username"))?;
    let user = store
        .credentials(&username)
        .await?
        .map(|c| c.user)
        .filter(|u| u.roles.has(Role::PartnerPractitioner))
        .ok_or_else(|| {
            ServiceError::invalid("recipient", "There is no partner practitioner by that name")
        })?;
    let mut fields = Vec::new();
    for slug in &input.fields {
        let field = Field::parse(&slug.trim().to_ascii_lowercase()).ok_or_else(|| {
            ServiceError::invalid(
                "fields",
                format!(
                    "{slug:?} is not a field: {}",
                    Field::ALL
                        .iter()
                        .map(|f| f.slug())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    if fields.is_empty() {
        return Err(ServiceError::invalid("fields", "Choose at least one field"));
    }
    let marking = match input.marking.as_deref() {
        None => Marking::Amber,
        Some(label) => Marking::parse(label)
            .ok_or_else(|| ServiceError::invalid("marking", "Give a TLP marking"))?,
    };
    let chosen: Vec<&peel_store::Submission> = if input.items.is_empty() {
        submissions.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for item in &input.items {
            let found = submissions
                .iter()
                .find(|s| s.reference.as_ref() == item.trim())
                .ok_or_else(|| {
                    ServiceError::invalid("items", format!("{item} is not a report of this case"))
                })?;
            chosen.push(found);
        }
        chosen
    };
    let disclosure = Disclosure {
        recipient: Recipient {
            username: user.username.to_string(),
            organisation: user.organisation.as_str().to_owned(),
            // A role an agreement names reaches the practitioner holding it as their job role.
            roles: store.job_role(user.id).await?.into_iter().collect(),
        },
        fields,
        marking,
        reveal_identity: input.reveal_identity,
        justification: input.justification.trim().to_owned(),
    };
    let allowed = peel_core::sharing::decide(&agreement, &disclosure, ctx.today())
        .map_err(ServiceError::AgreementForbids)?;
    let mut content = Vec::with_capacity(chosen.len());
    for (n, s) in chosen.iter().enumerate() {
        let held = Held::of(ctx, s, &case, &allowed.fields, allowed.pseudonymised).await?;
        content.push(disclosed(s, n, &allowed, &held));
    }
    let content = serde_json::Value::Array(content);
    let now = ctx.now();
    let out = peel_store::DisclosureRecord {
        id: uuid::Uuid::now_v7(),
        case_id: case.id,
        agreement: agreement.id.clone(),
        agreement_version: agreement.version,
        recipient: user.id,
        recipient_name: user.username.to_string(),
        fields: allowed.fields.clone(),
        pseudonymised: allowed.pseudonymised,
        onward: allowed.onward,
        marking,
        justification: disclosure.justification.clone(),
        content,
        disclosed_at: now,
        disclosed_by: actor.reference(),
        referral: input.referral,
    };
    let references: Vec<&str> = chosen.iter().map(|s| s.reference.as_ref()).collect();
    let mut event = ctx.event(
        actor,
        AuditCode::DisclosedToPartner,
        format!("case:{}", case.id),
        format!(
            "{} {} under {} version {} ({}): {}, {}",
            references.join(", "),
            if input.referral {
                "referred"
            } else {
                "disclosed"
            },
            agreement.id,
            agreement.version,
            marking,
            out.fields
                .iter()
                .map(|f| f.slug())
                .collect::<Vec<_>>()
                .join(", "),
            if allowed.pseudonymised {
                "pseudonymised"
            } else {
                "identity revealed"
            }
        ),
    );
    event.recipient = format!("{} ({})", user.username, user.organisation.as_str());
    if !out.justification.is_empty() {
        event.justification = out.justification.clone();
    }
    // A referral asks the partner to act: the case says so, for the officer working it.
    let on_case = input.referral.then(|| {
        peel_store::CaseEvent::new(
            case.id,
            now,
            &actor.label,
            "referral",
            format!(
                "Referred to {} ({}) under {}: {}",
                user.username,
                user.organisation.as_str(),
                agreement.id,
                agreement.purpose
            ),
        )
    });
    store.add_disclosure(&out, on_case.as_ref(), event).await?;
    Ok(out)
}

/// What a disclosure may carry beyond the report itself, read only for the fields allowed.
#[derive(Debug, Default)]
struct Held {
    /// Reports by the same person (contact details or address) in the year before, this aside.
    earlier: Option<u32>,
    /// Evidence files, in words.
    evidence: Option<Vec<String>>,
    /// The case's outcome, in words, once it has one.
    outcome: Option<String>,
}

impl Held {
    async fn of(
        ctx: &crate::Context,
        s: &peel_store::Submission,
        case: &peel_store::Case,
        fields: &[peel_core::sharing::Field],
        pseudonymised: bool,
    ) -> ServiceResult<Held> {
        use peel_core::sharing::Field;
        let store = ctx.store();
        let mut held = Held::default();
        if fields.contains(&Field::Repeat) {
            let contact = s.contact.as_ref();
            let from = s.received_at - time::Duration::days(365);
            let earlier = match contact {
                Some(c) if c.email.is_some() || c.phone.is_some() => store
                    .held_about(c.email.as_deref(), c.phone.as_deref(), None)
                    .await?
                    .iter()
                    .filter(|o| {
                        o.id != s.id
                            && o.restricted.is_none()
                            && o.received_at >= from
                            && o.received_at < s.received_at
                    })
                    .count(),
                _ => 0,
            };
            held.earlier = Some(u32::try_from(earlier).unwrap_or(u32::MAX));
        }
        if fields.contains(&Field::EvidenceItems) {
            held.evidence = Some(
                store
                    .evidence_of(s.id)
                    .await?
                    .iter()
                    .enumerate()
                    .map(|(n, e)| {
                        // A file's name can name a person ("statement_JoBloggs.pdf").
                        let name = if pseudonymised {
                            format!("File {}", n + 1)
                        } else {
                            e.original_name.clone()
                        };
                        format!(
                            "{name} ({}, received {})",
                            e.kind.label(),
                            peel_core::london::display(e.received_at)
                        )
                    })
                    .collect(),
            );
        }
        if fields.contains(&Field::CaseOutcome) {
            held.outcome = case.outcome.as_ref().map(|o| match &o.programme_name {
                Some(name) => format!("{}: {name}", o.kind.label()),
                None => o.kind.label().to_owned(),
            });
        }
        Ok(held)
    }
}

/// One report as the recipient is given it: the allowed fields only; a pseudonymised person
/// is "Person 1", "Person 2" in the order of the case's reports. Health needs and
/// safeguarding concerns are not recorded by Peel as fields of their own: they go as "Not
/// held" (the description carries what the reporter said).
fn disclosed(
    s: &peel_store::Submission,
    n: usize,
    allowed: &peel_core::sharing::Allowed,
    held: &Held,
) -> serde_json::Value {
    use peel_core::sharing::Field;
    let mut out = serde_json::Map::new();
    out.insert("reference".into(), s.reference.to_string().into());
    if allowed.pseudonymised {
        out.insert("person".into(), format!("Person {}", n + 1).into());
    }
    let contact = s.contact.as_ref();
    for field in &allowed.fields {
        let value: serde_json::Value = match field {
            Field::Name => contact
                .and_then(|c| c.name.clone())
                .unwrap_or_else(|| "Not given".into())
                .into(),
            Field::ContactDetails => serde_json::json!({
                "email": contact.and_then(|c| c.email.clone()),
                "phone": contact.and_then(|c| c.phone.clone()),
            }),
            Field::Place => serde_json::json!({
                "ward": s.ward.as_ref().map(ToString::to_string),
                "where": s.location.words(),
            }),
            Field::OffenceType => serde_json::json!({
                "category": s.category.label(),
                "occurred_at": peel_core::london::display(s.occurred_at),
            }),
            Field::Description => s.description.clone().into(),
            Field::Grade => s.grade().map(|g| g.letter().to_owned()).into(),
            Field::Dash => s.has_dash.into(),
            Field::Repeat => held
                .earlier
                .map(|n| format!("{n} earlier report(s) by the same person in the year before"))
                .into(),
            Field::EvidenceItems => match &held.evidence {
                Some(files) if files.is_empty() => "None".into(),
                Some(files) => files.join("; ").into(),
                None => serde_json::Value::Null,
            },
            Field::CaseOutcome => held
                .outcome
                .clone()
                .unwrap_or_else(|| "Not yet decided".to_owned())
                .into(),
            Field::HealthNeeds | Field::SafeguardingConcern => serde_json::Value::Null,
        };
        out.insert(field.slug().into(), value);
    }
    serde_json::Value::Object(out)
}

/// What was disclosed to `actor`, a partner practitioner, newest first; their reading it is
/// recorded as one consultation.
pub async fn received(
    ctx: &crate::Context,
    actor: &Actor,
) -> ServiceResult<Vec<peel_store::DisclosureRecord>> {
    ctx.authorize(actor, Action::ReadOwnDisclosures, &Resource::System)
        .await?;
    let user = actor
        .user_id()
        .ok_or(peel_core::policy::Denied::NotSignedIn)?;
    let mine = ctx.store().disclosures_to(user).await?;
    if !mine.is_empty() {
        let event = ctx.event(
            actor,
            AuditCode::DisclosureRead,
            format!("user:{user}"),
            format!("{} disclosure(s) read by their recipient", mine.len()),
        );
        ctx.record(event).await?;
    }
    Ok(mine)
}

/// The longest write-back kept, in characters.
pub const MAX_WRITE_BACK: usize = 5_000;

/// A practitioner writes back on a disclosure made to them: an update on the referral, or a
/// concern of their own. It arrives on the case as an event the officer sees, with its audit
/// entry, in one transaction.
pub async fn write_back(
    ctx: &crate::Context,
    actor: &Actor,
    disclosure: uuid::Uuid,
    kind: &str,
    body: &str,
) -> ServiceResult<peel_store::WriteBack> {
    let store = ctx.store();
    let found = store
        .disclosure(disclosure)
        .await?
        .ok_or(ServiceError::NotFound)?;
    ctx.authorize_about(
        actor,
        Action::WriteBack,
        &Resource::Account(found.recipient),
        format!("disclosure:{disclosure}"),
    )
    .await?;
    let kind = peel_core::sharing::WriteBackKind::parse(kind.trim())
        .ok_or_else(|| ServiceError::invalid("kind", "Choose what you are writing back"))?;
    let body = body.trim();
    if body.is_empty() {
        return Err(ServiceError::invalid(
            "body",
            "Write what you want the officer to know",
        ));
    }
    if body.chars().count() > MAX_WRITE_BACK {
        return Err(ServiceError::invalid(
            "body",
            format!("Keep it under {MAX_WRITE_BACK} characters"),
        ));
    }
    let organisation = actor
        .organisation
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let written = peel_store::WriteBack {
        id: uuid::Uuid::now_v7(),
        disclosure,
        case_id: found.case_id,
        author: found.recipient,
        author_name: format!("{} ({organisation})", found.recipient_name),
        kind,
        body: body.to_owned(),
        at: ctx.now(),
    };
    let event = peel_store::CaseEvent::new(
        found.case_id,
        written.at,
        &found.recipient_name,
        "partner",
        format!(
            "{} wrote back, {}: {}",
            written.author_name,
            kind.label().to_lowercase(),
            body
        ),
    );
    let audit = ctx.event(
        actor,
        AuditCode::PartnerWroteBack,
        format!("case:{}", found.case_id),
        format!(
            "{} on disclosure {disclosure} under {}",
            kind.label().to_lowercase(),
            found.agreement
        ),
    );
    store.add_write_back(&written, &event, audit).await?;
    Ok(written)
}

/// What `actor`, a partner practitioner, wrote back, oldest first.
pub async fn written_back(
    ctx: &crate::Context,
    actor: &Actor,
) -> ServiceResult<Vec<peel_store::WriteBack>> {
    ctx.authorize(actor, Action::ReadOwnDisclosures, &Resource::System)
        .await?;
    let user = actor
        .user_id()
        .ok_or(peel_core::policy::Denied::NotSignedIn)?;
    Ok(ctx.store().write_backs_by(user).await?)
}

/// The agreements register for its owner: each agreement's newest version, those lapsing
/// within [`peel_core::sharing::LAPSE_WARNING_DAYS`] or already sharing nothing first.
pub async fn register_of(
    ctx: &crate::Context,
    actor: &Actor,
) -> ServiceResult<Vec<AgreementRecord>> {
    ctx.authorize(actor, Action::ManageAgreements, &Resource::System)
        .await?;
    let today = ctx.today();
    let mut all = ctx.store().agreements().await?;
    all.sort_by_key(|r| (!r.agreement.needs_owner(today), r.agreement.id.clone()));
    Ok(all)
}
