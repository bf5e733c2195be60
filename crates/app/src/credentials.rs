//! Passwords and one-time passwords once an account exists: changing one's own password, an
//! administrator's temporary password, disabling and enabling accounts (findings M-9 and M-2
//! of the security review), and time-based one-time passwords (RFC 6238) with recovery codes,
//! which administrators, auditors, vetting officers and TLP:RED recipients must use.

use peel_core::audit::AuditCode;
use peel_core::password::NewPassword;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::session::{self, SessionStage};
use peel_core::token::Secret;
use peel_core::totp::{self, TotpSecret};
use peel_core::{SessionId, UserId};
use peel_store::{Credentials, User};

use crate::{Context, ServiceError, ServiceResult, password};

pub(crate) fn random<const N: usize>() -> ServiceResult<[u8; N]> {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        ServiceError::Store(peel_store::StoreError::Config(format!(
            "no randomness: {e}"
        )))
    })?;
    Ok(bytes)
}

async fn hashed(new: &NewPassword) -> ServiceResult<String> {
    password::hash(new)
        .await
        .map_err(|e| ServiceError::Store(peel_store::StoreError::Config(e.to_string())))
}

fn checked(new: &str, confirm: &str, username: &str) -> ServiceResult<NewPassword> {
    if new != confirm {
        return Err(ServiceError::invalid(
            "confirm",
            "The two new passwords are not the same",
        ));
    }
    NewPassword::parse(new, username)
        .map_err(|rejected| ServiceError::invalid("password", rejected.to_string()))
}

/// Whether an account must use one-time passwords: by its roles, or because an organisation
/// names it to receive TLP:RED.
pub async fn needs_second_factor(ctx: &Context, user: &User) -> ServiceResult<bool> {
    let red = ctx
        .store()
        .organisations()
        .await?
        .iter()
        .any(|o| o.red_recipients.contains(&user.id));
    Ok(session::needs_second_factor(&user.roles, red))
}

/// The stage a session starts at once `credentials`' password was right.
pub async fn stage_after_password(
    ctx: &Context,
    credentials: &Credentials,
) -> ServiceResult<SessionStage> {
    Ok(session::stage_after_password(
        credentials.user.temporary_password,
        credentials.totp_secret.is_some(),
        needs_second_factor(ctx, &credentials.user).await?,
    ))
}

/// Changes `actor`'s own password after checking the current one; every other session of theirs
/// ends. Also used to replace a temporary password (`current` is then not asked for).
pub async fn change_own_password(
    ctx: &Context,
    actor: &Actor,
    user: &User,
    session: SessionId,
    current: Option<&str>,
    new: &str,
    confirm: &str,
) -> ServiceResult<()> {
    if let Some(current) = current {
        let stored = ctx
            .store()
            .credentials(&user.username)
            .await?
            .map(|c| c.password_hash);
        if !password::verify(current, stored).await {
            return Err(ServiceError::invalid(
                "current",
                "Your current password is not right",
            ));
        }
    }
    let new = checked(new, confirm, user.username.as_ref())?;
    let hash = hashed(&new).await?;
    let event = ctx.event(
        actor,
        AuditCode::PasswordChanged,
        format!("user:{}", user.id),
        "password changed; other sessions ended",
    );
    ctx.store()
        .set_password(user.id, &hash, false, Some(session), ctx.now(), event)
        .await?;
    Ok(())
}

/// An administrator sets a temporary password for another's account (every session of it
/// ends), returned to be given to its owner by a safe channel; it must be changed at sign-in.
pub async fn reset_password(ctx: &Context, actor: &Actor, id: UserId) -> ServiceResult<String> {
    ctx.authorize(actor, Action::ManageAccount, &Resource::Account(id))
        .await?;
    issue_temporary(ctx, actor, id).await
}

/// Sets a temporary password on an account the caller was allowed to act on (an
/// administrator's reset), ending its sessions.
async fn issue_temporary(ctx: &Context, actor: &Actor, id: UserId) -> ServiceResult<String> {
    let user = ctx.store().user(id).await?.ok_or(ServiceError::NotFound)?;
    let temporary = temporary_password()?;
    let new = NewPassword::parse(&temporary, user.username.as_ref())
        .map_err(|r| ServiceError::invalid("password", r.to_string()))?;
    let hash = hashed(&new).await?;
    let event = ctx.event(
        actor,
        AuditCode::PasswordReset,
        format!("user:{id}"),
        format!(
            "temporary password set for {}; sessions ended",
            user.username
        ),
    );
    ctx.store()
        .set_password(id, &hash, true, None, ctx.now(), event)
        .await?;
    Ok(temporary)
}

/// A new temporary password: 96 random bits in three groups, to be read out or written down.
pub(crate) fn temporary_password() -> ServiceResult<String> {
    let words = random::<12>()?;
    Ok(format!(
        "{}-{}-{}",
        hex_group(&words[0..4]),
        hex_group(&words[4..8]),
        hex_group(&words[8..12])
    ))
}

fn hex_group(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An administrator disables another's account (its sessions end at once) or enables it.
pub async fn set_disabled(
    ctx: &Context,
    actor: &Actor,
    id: UserId,
    disabled: bool,
) -> ServiceResult<()> {
    ctx.authorize(actor, Action::ManageAccount, &Resource::Account(id))
        .await?;
    let user = ctx.store().user(id).await?.ok_or(ServiceError::NotFound)?;
    let (code, detail) = if disabled {
        (AuditCode::AccountDisabled, "disabled; sessions ended")
    } else {
        (AuditCode::AccountEnabled, "enabled again")
    };
    let event = ctx.event(
        actor,
        code,
        format!("user:{id}"),
        format!("{} {detail}", user.username),
    );
    ctx.store()
        .set_disabled(id, disabled.then(|| ctx.now()), event)
        .await?;
    Ok(())
}

/// An administrator removes another's one-time-password app (a lost phone, with the recovery
/// codes gone too); they set one up again at their next sign-in if they must have one.
pub async fn reset_totp(ctx: &Context, actor: &Actor, id: UserId) -> ServiceResult<()> {
    ctx.authorize(actor, Action::ManageAccount, &Resource::Account(id))
        .await?;
    let event = ctx.event(
        actor,
        AuditCode::TotpReset,
        format!("user:{id}"),
        "one-time-password app removed",
    );
    ctx.store().set_totp(id, None, &[], event).await?;
    Ok(())
}

/// A new secret for setting up an app (nothing is stored until a code from it is confirmed).
pub fn new_totp_secret() -> ServiceResult<TotpSecret> {
    Ok(TotpSecret::from_bytes(random::<20>()?))
}

/// Sets up `user`'s app once a code it shows is right; returns the recovery codes, shown once
/// and kept only as digests.
pub async fn enrol_totp(
    ctx: &Context,
    actor: &Actor,
    user: &User,
    secret: &str,
    code: &str,
) -> ServiceResult<Vec<String>> {
    let secret = TotpSecret::from_base32(secret)
        .ok_or_else(|| ServiceError::invalid("code", "Start setting up again"))?;
    let now = ctx.now().unix_timestamp();
    let Some(step) = secret.verify(code, now, None) else {
        return Err(ServiceError::invalid(
            "code",
            "That code is not right. Check the time on your phone, and enter the 6 digits the app shows now",
        ));
    };
    let mut codes = Vec::with_capacity(totp::RECOVERY_CODES);
    for _ in 0..totp::RECOVERY_CODES {
        codes.push(totp::recovery_code(&random::<10>()?));
    }
    let digests: Vec<String> = codes
        .iter()
        .map(|c| Secret::presented(&totp::fold_recovery_code(c)).digest())
        .collect();
    let event = ctx.event(
        actor,
        AuditCode::TotpEnrolled,
        format!("user:{}", user.id),
        format!("app set up with {} recovery codes", codes.len()),
    );
    ctx.store()
        .set_totp(user.id, Some(&secret.to_base32()), &digests, event)
        .await?;
    ctx.store().use_totp_step(user.id, step).await?;
    Ok(codes)
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// A code from the app.
    Totp,
    /// A recovery code (now spent).
    RecoveryCode,
}

/// Checks a one-time password, or a recovery code, for `user`; `None` when neither is right
/// (the caller audits and throttles the failure as a failed sign-in).
pub async fn check_second_factor(
    ctx: &Context,
    actor: &Actor,
    user: &User,
    typed: &str,
) -> ServiceResult<Option<SecondFactor>> {
    let Some(credentials) = ctx.store().credentials(&user.username).await? else {
        return Ok(None);
    };
    let Some(secret) = credentials
        .totp_secret
        .as_deref()
        .and_then(TotpSecret::from_base32)
    else {
        return Ok(None);
    };
    let now = ctx.now();
    if let Some(step) = secret.verify(typed, now.unix_timestamp(), credentials.totp_last_step)
        && ctx.store().use_totp_step(user.id, step).await?
    {
        return Ok(Some(SecondFactor::Totp));
    }
    let folded = totp::fold_recovery_code(typed);
    if folded.len() == 10
        && ctx
            .store()
            .use_recovery_code(user.id, &Secret::presented(&folded).digest(), now)
            .await?
    {
        let left = ctx.store().recovery_codes_left(user.id).await?;
        let event = ctx.event(
            actor,
            AuditCode::RecoveryCodeUsed,
            format!("user:{}", user.id),
            format!("recovery code used; {left} left"),
        );
        ctx.record(event).await?;
        return Ok(Some(SecondFactor::RecoveryCode));
    }
    Ok(None)
}
