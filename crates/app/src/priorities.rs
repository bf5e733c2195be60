//! Residents' priorities (issue 19): the ward panel's priorities for the quarter, recorded by
//! the ward's team with how residents were consulted and what has been done since; residents'
//! voices from the public ward page, each confirmed from an email before it counts, one per
//! address per ward per quarter; and each ward's panel, voices and harm side by side
//! (`peel_core::stats::priority::compare`).
//!
//! A voice's address is kept only until its confirmation is handed to the email provider, and
//! the voice itself only under a keyed hash of ward, quarter and address; what a resident
//! writes beside a voice is read by the ward's team alone, and each reading is audited.

use peel_core::audit::{AuditCode, AuditEvent};
use peel_core::policy::{Action, Actor, Resource};
use peel_core::stats::measure::ByCategory;
use peel_core::stats::pas::Quarter;
use peel_core::stats::priority::{
    self, Comparison, MAX_ISSUE, MAX_NOTE, MAX_PER_QUARTER, PriorityError, Theme, ThemeHarm,
};
use peel_core::token::Secret;
use peel_core::{TeamId, WardCode};
use peel_i18n::Tr;
use peel_store::{
    ConfirmedVoice, NewPriority, PendingVoice, PriorityAction, PriorityRecord, VoiceWords,
};
use time::Duration;

use crate::outbox::Transports;
use crate::outbox::transport::{Outgoing, SendError};
use crate::{Context, ServiceError, ServiceResult};

/// How long a confirmation link works.
pub const CONFIRM_WITHIN: Duration = Duration::days(7);

/// The most attempts at sending one confirmation before it is given up (and the address
/// erased).
const MOST_ATTEMPTS: u32 = 5;

/// The quarter now, London time.
pub fn this_quarter(ctx: &Context) -> Quarter {
    Quarter::of(ctx.now()).unwrap_or(Quarter {
        year: 2026,
        quarter: 4,
    })
}

fn invalid(field: &'static str, error: PriorityError) -> ServiceError {
    ServiceError::invalid(field, error.to_string())
}

/// The ward, if the geography knows it (a ward outside it has no panel).
fn known_ward(ctx: &Context, ward: &WardCode) -> ServiceResult<()> {
    match ctx.gazetteer() {
        Some(g) if g.ward(ward.as_str()).is_some() => Ok(()),
        _ => Err(ServiceError::NotFound),
    }
}

async fn may_manage(ctx: &Context, actor: &Actor, ward: &WardCode) -> ServiceResult<()> {
    ctx.authorize(
        actor,
        Action::ManageWardPriorities,
        &Resource::Team(TeamId::of_ward(ward)),
    )
    .await?;
    Ok(())
}

/// What the panel chose, as the team writes it in.
#[derive(Debug, Clone, Default)]
pub struct PanelChoice {
    /// The theme's slug.
    pub theme: String,
    /// The panel's wording.
    pub issue: String,
    /// How residents were consulted.
    pub consultation: String,
}

/// Records a panel's priority for the ward this quarter; refused past
/// [`MAX_PER_QUARTER`]. Its number.
pub async fn record(
    ctx: &Context,
    actor: &Actor,
    ward: &WardCode,
    choice: &PanelChoice,
) -> ServiceResult<i64> {
    known_ward(ctx, ward)?;
    may_manage(ctx, actor, ward).await?;
    let theme =
        Theme::parse(&choice.theme).ok_or_else(|| invalid("theme", PriorityError::UnknownTheme))?;
    let issue = priority::text(&choice.issue, MAX_ISSUE).map_err(|e| invalid("issue", e))?;
    let consultation =
        priority::text(&choice.consultation, MAX_NOTE).map_err(|e| invalid("consultation", e))?;
    let quarter = this_quarter(ctx);
    let new = NewPriority {
        ward: ward.clone(),
        quarter,
        theme,
        issue,
        consultation,
        recorded_at: ctx.now(),
        recorded_by: actor.label.clone(),
    };
    let audit = ctx.event(
        actor,
        AuditCode::PriorityRecorded,
        "priority",
        format!("{ward} {quarter}: {}", theme.slug()),
    );
    ctx.store()
        .record_priority(&new, MAX_PER_QUARTER, audit)
        .await?
        .ok_or_else(|| invalid("theme", PriorityError::Full))
}

/// Records what has been done about priority `id`; the ward it is in.
pub async fn record_action(
    ctx: &Context,
    actor: &Actor,
    id: i64,
    text: &str,
) -> ServiceResult<WardCode> {
    let held = ctx
        .store()
        .priority(id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let ward = held.priority.ward;
    may_manage(ctx, actor, &ward).await?;
    let text = priority::text(text, MAX_NOTE).map_err(|e| invalid("text", e))?;
    let action = PriorityAction {
        recorded_at: ctx.now(),
        text,
        recorded_by: actor.label.clone(),
    };
    let audit = ctx.event(
        actor,
        AuditCode::PriorityActionRecorded,
        format!("priority:{id}"),
        format!("{ward} {}", held.priority.quarter),
    );
    if ctx
        .store()
        .record_priority_action(id, &action, audit)
        .await?
    {
        Ok(ward)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// A resident's voice, as the public form sends it.
#[derive(Debug, Clone, Default)]
pub struct Voice {
    /// The theme's slug.
    pub theme: String,
    /// What they wrote beside it (may be empty).
    pub words: String,
    /// Where the confirmation goes.
    pub email: String,
    /// The language of the page they used, for the confirmation.
    pub language: String,
}

/// A voice whose answers are good.
#[derive(Debug, Clone)]
pub struct CheckedVoice {
    /// The theme.
    pub theme: Theme,
    /// What they wrote beside it (may be empty).
    pub words: String,
    /// The address, as the linking engine canonicalises it.
    pub email: String,
    /// The code of the language the confirmation is written in.
    pub language: &'static str,
}

/// Checks a resident's answers (before they are counted against the limits); the field of
/// the first that is wrong.
pub fn check_voice(voice: &Voice) -> ServiceResult<CheckedVoice> {
    let theme =
        Theme::parse(&voice.theme).ok_or_else(|| invalid("theme", PriorityError::UnknownTheme))?;
    let words = if voice.words.trim().is_empty() {
        String::new()
    } else {
        priority::text(&voice.words, MAX_NOTE).map_err(|e| invalid("words", e))?
    };
    let email = peel_link::email(&voice.email)
        .filter(|e| e.len() <= 254)
        .ok_or_else(|| invalid("email", PriorityError::BadAddress))?;
    Ok(CheckedVoice {
        theme,
        words,
        email,
        language: peel_i18n::by_code(&voice.language)
            .unwrap_or_else(peel_i18n::english)
            .code,
    })
}

/// Takes a resident's voice on the ward's priorities this quarter: kept until it is confirmed
/// from the link emailed (the outbox worker sends it), and counted only then. `from` is the
/// public actor named by their network address.
pub async fn give_voice(
    ctx: &Context,
    from: &Actor,
    ward: &WardCode,
    voice: &CheckedVoice,
) -> ServiceResult<()> {
    known_ward(ctx, ward)?;
    let CheckedVoice {
        theme,
        words,
        email,
        language,
    } = voice.clone();
    let quarter = this_quarter(ctx);
    let voter_key = priority::voter_key(
        &ctx.settings().card_key,
        ward,
        quarter,
        &priority::voter_address(&email),
    );
    let nonce = hex::encode(crate::credentials::random::<16>()?);
    let digest = confirmation_token(ctx, &nonce).digest();
    let pending = PendingVoice {
        token_digest: digest,
        ward: ward.clone(),
        quarter,
        voter_key,
        theme,
        words,
        language: language.to_owned(),
        email: Some(email),
        message_id: format!("<voice.{nonce}@{}>", ctx.outbox().message_host),
        received_at: ctx.now(),
        attempts: 0,
    };
    let audit = ctx.event(
        from,
        AuditCode::PriorityVoiceReceived,
        format!("ward:{ward}"),
        format!("{quarter}: {}", theme.slug()),
    );
    ctx.store().add_pending_voice(&pending, audit).await?;
    ctx.nudge_outbox();
    Ok(())
}

/// Confirms the voice a link's token is for; it counts from now, replacing the same address's
/// earlier voice in the ward this quarter.
pub async fn confirm(ctx: &Context, from: &Actor, token: &str) -> ServiceResult<ConfirmedVoice> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ServiceError::NotFound);
    }
    let digest = Secret::presented(token).digest();
    let audit = ctx.event(
        from,
        AuditCode::PriorityVoiceConfirmed,
        "ward",
        String::new(),
    );
    fn describe(voice: &ConfirmedVoice, audit: &mut AuditEvent) {
        audit.subject = format!("ward:{}", voice.ward);
        audit.detail = format!(
            "{}: {}{}",
            voice.quarter,
            voice.theme.slug(),
            if voice.replaced {
                ", replacing the same address's earlier voice"
            } else {
                ""
            }
        );
    }
    ctx.store()
        .confirm_voice(
            &digest,
            ctx.now(),
            ctx.now() - CONFIRM_WITHIN,
            audit,
            describe,
        )
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The token in a voice's confirmation link, derived from the random nonce its Message-ID
/// carries under the server's key: the store holds the nonce and the token's digest, so a
/// copy of the store alone cannot confirm anyone's voice.
fn confirmation_token(ctx: &Context, nonce: &str) -> Secret {
    Secret::from_random(peel_core::token::keyed_digest(
        &ctx.settings().card_key,
        "peel-priority-confirm-v1",
        &[nonce.as_bytes()],
    ))
}

/// The nonce a voice's Message-ID carries (see [`give_voice`]).
fn nonce_in(message_id: &str) -> Option<&str> {
    message_id
        .strip_prefix("<voice.")?
        .split('@')
        .next()
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The confirmation email for a voice.
fn confirmation(ctx: &Context, voice: &PendingVoice, to: &str, token: &str) -> Outgoing {
    let tr = Tr(peel_i18n::by_code(&voice.language).unwrap_or_else(peel_i18n::english));
    let ward = ctx
        .gazetteer()
        .and_then(|g| g.ward(voice.ward.as_str()).map(|w| w.name.clone()))
        .unwrap_or_else(|| voice.ward.to_string());
    let link = format!(
        "{}/wards/{}/voices/confirm?token={token}",
        ctx.outbox().public_url,
        voice.ward
    );
    let theme = tr.t(&format!("theme-{}", voice.theme.slug()));
    Outgoing {
        to: to.to_owned(),
        subject: tr.t1("voice-email-subject", "ward", &ward),
        body: format!(
            "{}\n\n{link}\n\n{}",
            tr.with(
                "voice-email-body",
                &[("ward", ward.as_str()), ("theme", theme.as_str())]
            ),
            tr.t("voice-email-ignore")
        ),
        message_id: voice.message_id.clone(),
    }
}

/// Sends the confirmations due, through the email provider; forgets voices never confirmed
/// within [`CONFIRM_WITHIN`]. The number handled. Without an email provider, nothing is sent
/// and the voices wait (the public page says a voice needs an email it can confirm from).
pub async fn send_confirmations(ctx: &Context, transports: &Transports, limit: u32) -> usize {
    let store = ctx.store();
    let now = ctx.now();
    // Forgotten whether or not anything can be sent: the address is kept a week at most.
    if let Err(error) = store.purge_pending_voices(now - CONFIRM_WITHIN).await {
        tracing::warn!(%error, "unconfirmed voices could not be forgotten");
    }
    let Some(email) = transports.email.as_ref() else {
        return 0;
    };
    let lease = ctx.outbox().lease;
    let claimed = match store.claim_voices_to_send(now, now + lease, limit).await {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "voices to confirm could not be read");
            return 0;
        }
    };
    let handled = claimed.len();
    for voice in claimed {
        let (Some(to), Some(nonce)) = (voice.email.as_deref(), nonce_in(&voice.message_id)) else {
            // Nothing can be sent for it: given up at once, its address erased.
            if let Err(error) = store
                .voice_attempted(&voice.token_digest, now, None, false)
                .await
            {
                tracing::warn!(%error, "a voice's confirmation could not be recorded");
            }
            continue;
        };
        let token = confirmation_token(ctx, nonce);
        let outgoing = confirmation(ctx, &voice, to, token.expose());
        let limit =
            std::time::Duration::try_from(lease / 2).unwrap_or(std::time::Duration::from_secs(30));
        let sent = tokio::time::timeout(limit, email.send(&outgoing, now))
            .await
            .unwrap_or_else(|_| Err(SendError::Transient("the provider did not answer".into())));
        let (retry_at, ok) = match sent {
            Ok(_) => (None, true),
            Err(SendError::Transient(error)) if voice.attempts + 1 < MOST_ATTEMPTS => {
                tracing::warn!(%error, "a voice's confirmation will be tried again");
                (
                    Some(now + peel_core::message::backoff(voice.attempts + 1)),
                    false,
                )
            }
            Err(error) => {
                tracing::warn!(%error, "a voice's confirmation could not be sent");
                (None, false)
            }
        };
        if let Err(error) = store
            .voice_attempted(&voice.token_digest, now, retry_at, ok)
            .await
        {
            tracing::warn!(%error, "a voice's confirmation could not be recorded");
        }
    }
    handled
}

/// A ward's priorities, voices and harm for the quarter, as the public page and the panel see
/// them.
#[derive(Debug, Clone)]
pub struct WardPriorities {
    /// The quarter.
    pub quarter: Quarter,
    /// The panel's priorities this quarter, with what has been done.
    pub current: Vec<PriorityRecord>,
    /// Last quarter's, with what was done.
    pub previous: Vec<PriorityRecord>,
    /// Confirmed voices by theme this quarter (themes with none left out), most first.
    pub voices: Vec<(Theme, u64)>,
    /// Every confirmed voice this quarter.
    pub total_voices: u64,
    /// The harm by theme over the twelve months measured, most first.
    pub harm: Vec<ThemeHarm>,
    /// Where they differ.
    pub comparison: Comparison,
}

fn arranged(
    quarter: Quarter,
    records: Vec<PriorityRecord>,
    voices: Vec<(Theme, u64)>,
    mut harm: Vec<ThemeHarm>,
) -> WardPriorities {
    let (current, previous): (Vec<_>, Vec<_>) = records
        .into_iter()
        .partition(|r| r.priority.quarter == quarter);
    let mut voices: Vec<(Theme, u64)> = voices.into_iter().filter(|(_, n)| *n > 0).collect();
    voices.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    harm.sort_by(|a, b| b.days.total_cmp(&a.days).then(a.theme.cmp(&b.theme)));
    let panel: Vec<Theme> = current.iter().map(|r| r.priority.theme).collect();
    let comparison = priority::compare(&panel, &voices, &harm);
    WardPriorities {
        quarter,
        total_voices: voices.iter().map(|(_, n)| n).sum(),
        current,
        previous,
        voices,
        harm,
        comparison,
    }
}

/// A ward's priorities for its public page (no sign-in: the panel's decisions, the count of
/// voices by theme and the harm are public; residents' words are not). `last_twelve` is the
/// ward's crimes by category over the last twelve months measured.
pub async fn public(
    ctx: &Context,
    ward: &WardCode,
    last_twelve: &ByCategory,
    harm: &peel_core::stats::harm::HarmTable,
) -> ServiceResult<WardPriorities> {
    let quarter = this_quarter(ctx);
    let wards = [ward.clone()];
    let records = ctx
        .store()
        .priorities(Some(&wards), &[quarter.previous(), quarter])
        .await?;
    let voices = ctx
        .store()
        .voice_tally(Some(&wards), quarter)
        .await?
        .into_iter()
        .map(|(_, theme, n)| (theme, n))
        .collect();
    Ok(arranged(
        quarter,
        records,
        voices,
        priority::harm_by_theme(last_twelve, harm),
    ))
}

/// The panel's page: the public view and what residents wrote beside their voices this
/// quarter, whose reading is audited as a consultation.
pub async fn panel(
    ctx: &Context,
    actor: &Actor,
    ward: &WardCode,
    last_twelve: &ByCategory,
    harm: &peel_core::stats::harm::HarmTable,
) -> ServiceResult<(WardPriorities, Vec<VoiceWords>)> {
    known_ward(ctx, ward)?;
    may_manage(ctx, actor, ward).await?;
    let view = public(ctx, ward, last_twelve, harm).await?;
    let words = ctx.store().voice_words(ward, view.quarter).await?;
    ctx.record(ctx.event(
        actor,
        AuditCode::PriorityVoicesViewed,
        format!("ward:{ward}"),
        format!("{}: {} residents' words read", view.quarter, words.len()),
    ))
    .await?;
    Ok((view, words))
}

/// Each ward of a borough (or the force) this quarter, for the dashboards: its panel's
/// priorities, voices and harm compared. `wards` are the area's wards with their crimes by
/// category over the last twelve months measured, as the dashboard already has them.
pub async fn compared(
    ctx: &Context,
    actor: &Actor,
    wards: &[(WardCode, &ByCategory)],
    harm: &peel_core::stats::harm::HarmTable,
) -> ServiceResult<Vec<(WardCode, WardPriorities)>> {
    ctx.authorize(actor, Action::ViewStatistics, &Resource::System)
        .await?;
    let quarter = this_quarter(ctx);
    let codes: Vec<WardCode> = wards.iter().map(|(w, _)| w.clone()).collect();
    let mut records = ctx
        .store()
        .priorities(Some(&codes), &[quarter.previous(), quarter])
        .await?;
    let mut tally = ctx.store().voice_tally(Some(&codes), quarter).await?;
    Ok(wards
        .iter()
        .map(|(ward, counts)| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                records.drain(..).partition(|r| &r.priority.ward == ward);
            records = rest;
            let (voices, others): (Vec<_>, Vec<_>) =
                tally.drain(..).partition(|(w, _, _)| w == ward);
            tally = others;
            let voices = voices.into_iter().map(|(_, t, n)| (t, n)).collect();
            (
                ward.clone(),
                arranged(quarter, mine, voices, priority::harm_by_theme(counts, harm)),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_rides_in_the_message_id_and_nothing_else_reads_as_one() {
        let nonce = "0123456789abcdef0123456789abcdef";
        let id = format!("<voice.{nonce}@peel.invalid>");
        assert_eq!(nonce_in(&id), Some(nonce));
        assert_eq!(nonce_in("<voice.short@peel.invalid>"), None);
        assert_eq!(nonce_in(&format!("<message.{nonce}@peel.invalid>")), None);
    }
}
