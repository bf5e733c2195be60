//! Creating accounts and completing first-run setup, for the web pages and the command line
//! alike, so the rules (username, password, team, audit entry) live in one place.

use peel_core::audit::AuditCode;
use peel_core::password::{NewPassword, PasswordRejected};
use peel_core::policy::Actor;
use peel_core::token::Secret;
use peel_core::username::Username;
use peel_core::{OrganisationId, Role, RoleSet, TeamId, UserId};
use peel_store::{NewUser, Store, StoreError};
use time::{Duration, OffsetDateTime};

use crate::audit::event;
use crate::password;

/// How long a setup link works.
pub const SETUP_LINK_LIFETIME: Duration = Duration::hours(1);

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The username is not valid.
    #[error("{0}")]
    Username(String),
    /// The password was refused.
    #[error(transparent)]
    Password(#[from] PasswordRejected),
    /// The username is taken.
    #[error("That username is already taken")]
    Taken,
    /// The setup link is not usable.
    #[error("This setup link is not valid. It may have been used already or have expired")]
    SetupLinkInvalid,
    /// A trusted intermediary's account must belong to a registered intermediary organisation,
    /// and an intermediary organisation's accounts hold that role alone.
    #[error("{0}")]
    Organisation(String),
    /// Something failed underneath.
    #[error("could not create the account")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for AccountError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(_) => AccountError::Taken,
            StoreError::SetupTokenInvalid => AccountError::SetupLinkInvalid,
            other => AccountError::Internal(Box::new(other)),
        }
    }
}

/// What is needed to create an account.
#[derive(Debug, Clone)]
pub struct AccountRequest {
    /// The username as typed.
    pub username: String,
    /// The password as typed.
    pub password: String,
    /// The roles to hold.
    pub roles: RoleSet,
    /// The organisation it belongs to.
    pub organisation: OrganisationId,
    /// Its team, whose queue is theirs.
    pub team: Option<TeamId>,
}

async fn prepare(request: &AccountRequest, now: OffsetDateTime) -> Result<NewUser, AccountError> {
    let username = Username::parse(&request.username).map_err(AccountError::Username)?;
    let new_password = NewPassword::parse(&request.password, username.as_ref())?;
    let password_hash = password::hash(&new_password)
        .await
        .map_err(|error| AccountError::Internal(Box::new(error)))?;
    Ok(NewUser {
        id: UserId(uuid::Uuid::now_v7()),
        username,
        password_hash,
        roles: request.roles.clone(),
        organisation: request.organisation.clone(),
        team: request.team.clone(),
        created_at: now,
    })
}

/// Creates an account on behalf of `actor` (already authorised), with its audit entry, and a
/// security event when it holds the auditor role.
pub async fn create_account(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
    request: &AccountRequest,
) -> Result<NewUser, AccountError> {
    let user = prepare(request, now).await?;
    check_organisation(store, &user).await?;
    let created = event(
        actor,
        now,
        AuditCode::UserCreated,
        format!("user:{}", user.id),
        format!(
            "account '{}' created with roles [{}]{}",
            user.username,
            user.roles.to_slugs(),
            user.team
                .as_ref()
                .map(|t| format!(" in team {t}"))
                .unwrap_or_default()
        ),
    );
    store.create_user(&user, created).await?;
    if user.roles.has(Role::Auditor) {
        let given = event(
            actor,
            now,
            AuditCode::AuditorRoleGiven,
            format!("user:{}", user.id),
            format!("'{}' may read the audit trail", user.username),
        );
        store.append_audit(vec![given]).await?;
    }
    Ok(user)
}

/// An intermediary's account belongs to a registered intermediary organisation and holds the
/// intermediary role alone; nobody else's account belongs to one.
async fn check_organisation(store: &dyn Store, user: &NewUser) -> Result<(), AccountError> {
    use peel_core::concern::OrganisationKind;
    let organisation = store.organisation(&user.organisation).await?;
    let intermediary_org = organisation
        .as_ref()
        .is_some_and(|o| o.kind == OrganisationKind::Intermediary);
    let intermediary = user.roles.has(Role::Intermediary);
    if intermediary && !intermediary_org {
        return Err(AccountError::Organisation(format!(
            "{:?} is not a registered intermediary organisation: register it with `peel org add --kind intermediary` and give its id with --organisation",
            user.organisation.as_str()
        )));
    }
    if intermediary_org && user.roles.iter().any(|r| r != Role::Intermediary) {
        return Err(AccountError::Organisation(format!(
            "accounts of the intermediary organisation {:?} hold the intermediary role alone",
            user.organisation.as_str()
        )));
    }
    Ok(())
}

/// Issues a setup link token when the store has no accounts; `None` once setup is done.
pub async fn issue_setup_token(
    store: &dyn Store,
    now: OffsetDateTime,
) -> Result<Option<Secret>, AccountError> {
    if store.count_users().await? > 0 {
        return Ok(None);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| AccountError::Internal(error.to_string().into()))?;
    let secret = Secret::from_random(bytes);
    store
        .create_setup_token(&secret.digest(), now, now + SETUP_LINK_LIFETIME)
        .await?;
    Ok(Some(secret))
}

/// Uses a setup link to create the first administrator.
pub async fn complete_setup(
    store: &dyn Store,
    token: &Secret,
    now: OffsetDateTime,
    username: &str,
    password: &str,
    organisation: &OrganisationId,
) -> Result<NewUser, AccountError> {
    if !store.setup_token_is_usable(&token.digest(), now).await? {
        return Err(AccountError::SetupLinkInvalid);
    }
    let request = AccountRequest {
        username: username.to_owned(),
        password: password.to_owned(),
        roles: [Role::Administrator].into_iter().collect(),
        organisation: organisation.clone(),
        team: None,
    };
    let user = prepare(&request, now).await?;
    let created = event(
        &Actor::public_as("setup link"),
        now,
        AuditCode::UserCreated,
        format!("user:{}", user.id),
        format!(
            "first administrator '{}' created with the one-time setup link",
            user.username
        ),
    );
    store
        .complete_setup(&token.digest(), now, &user, created)
        .await?;
    Ok(user)
}

/// Issues an API key to an organisation, valid for `days`, recorded under `code` (made at the
/// admin page, or at the console); returns the key, shown once and kept only as a digest.
pub async fn issue_api_key(
    store: &dyn Store,
    actor: &Actor,
    now: OffsetDateTime,
    label: &str,
    organisation: &OrganisationId,
    days: i64,
    code: AuditCode,
) -> Result<String, StoreError> {
    let mut secret = [0_u8; 32];
    getrandom::fill(&mut secret)
        .map_err(|e| StoreError::Config(format!("no randomness for an API key: {e}")))?;
    let id = peel_core::ApiKeyId(uuid::Uuid::new_v4());
    let key_ref = id.0.simple().to_string();
    let key = format!(
        "{}{key_ref}_{}",
        peel_core::token::API_KEY_PREFIX,
        Secret::from_random(secret).expose()
    );
    let record = peel_store::NewApiKey {
        id,
        key_ref,
        digest: Secret::presented(&key).digest(),
        label: label.to_owned(),
        organisation: organisation.clone(),
        created_by: actor.reference(),
        created_at: now,
        expires_at: Some(now + Duration::days(days)),
    };
    let event = event(
        actor,
        now,
        code,
        format!("api_key:{id}"),
        format!("key '{label}' for {organisation} expiring in {days} days"),
    );
    store.create_api_key(&record, event).await?;
    Ok(key)
}
