//! The outbox: writing the messages a change causes (acknowledgement, update, survey, call
//! back), and the worker that sends them after commit, one safe-contact decision per attempt
//! (`peel_core::contact::decide`), retrying with back-off and recording each delivery on the
//! case.
//!
//! Delivery is at least once with a stable id: a message handed to the provider just before a
//! crash is sent again after its lease ends with the same `Message-ID` (GOV.UK Notify's
//! `reference`), so the receiving side can tell it is the same message; one recorded as sent is
//! never sent again.

pub mod transport;

use std::sync::Arc;

use peel_core::audit::AuditCode;
use peel_core::contact::{self, Content, Decision, Recipient, Senders};
use peel_core::message::{Purpose, backoff};
use peel_core::policy::Actor;
use peel_core::submission::ContactChannel;
use peel_core::{CaseId, ItemRef};
use peel_i18n::Tr;
use peel_store::{OutboxMessage, Settled, Submission};
use time::{Duration, OffsetDateTime};

use crate::Context;
use transport::{Outgoing, SendError, Transport};

/// How Peel reaches people: the public address of its pages (for links in messages), the host
/// named in Message-IDs, and the providers configured.
#[derive(Debug, Clone)]
pub struct OutboxSettings {
    /// The address the public reaches Peel at (`https://report.example.police.uk`).
    pub public_url: String,
    /// The host named in each Message-ID.
    pub message_host: String,
    /// How long a worker holds a message it is sending; one left `sending` longer (its worker
    /// died) is sent again by any worker. Longer than any provider's timeout.
    pub lease: Duration,
}

impl Default for OutboxSettings {
    fn default() -> OutboxSettings {
        OutboxSettings {
            public_url: "http://localhost:8080".into(),
            message_host: "peel.invalid".into(),
            lease: Duration::seconds(60),
        }
    }
}

/// The providers the worker hands messages to. Neutral prompts (for a reporter who said
/// someone else may see their phone or messages) go only through the neutral ones, whose
/// sender names no force.
#[derive(Clone, Default)]
pub struct Transports {
    /// Email (SMTP, or GOV.UK Notify's email).
    pub email: Option<Arc<dyn Transport>>,
    /// Text messages (GOV.UK Notify's SMS).
    pub text: Option<Arc<dyn Transport>>,
    /// Email from a neutral address (`neutral_mail_from`).
    pub neutral_email: Option<Arc<dyn Transport>>,
    /// Text messages from a neutral sender (`notify_neutral_sms_template`).
    pub neutral_text: Option<Arc<dyn Transport>>,
}

impl std::fmt::Debug for Transports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transports")
            .field("email", &self.email.is_some())
            .field("text", &self.text.is_some())
            .field("neutral_email", &self.neutral_email.is_some())
            .field("neutral_text", &self.neutral_text.is_some())
            .finish()
    }
}

impl Transports {
    /// The channels that can be sent on.
    pub fn senders(&self) -> Senders {
        Senders {
            email: self.email.is_some(),
            text: self.text.is_some(),
            neutral_email: self.neutral_email.is_some(),
            neutral_text: self.neutral_text.is_some(),
        }
    }
}

/// The actor the worker records deliveries as.
fn worker() -> Actor {
    Actor::operator("outbox")
}

/// A message for the reporter of `s`, due at `due`.
pub fn message(
    ctx: &Context,
    s: &Submission,
    case: Option<CaseId>,
    purpose: Purpose,
    subject: String,
    body: String,
    due: OffsetDateTime,
) -> OutboxMessage {
    OutboxMessage::queued(
        peel_store::Draft {
            submission_id: s.id,
            case_id: case,
            purpose,
            subject,
            body,
            due_at: due,
        },
        &ctx.outbox().message_host,
        ctx.now(),
    )
}

/// Messages to the reporter of `s` are in their preferred language where Peel has it
/// (`peel-i18n`), otherwise in English.
pub(crate) fn words_for(s: &Submission) -> Tr {
    Tr(peel_i18n::preferred(&s.language).unwrap_or_else(peel_i18n::english))
}

/// The acknowledgement of a report just received; `None` for an anonymous reporter, who is
/// never contacted.
pub fn acknowledgement(ctx: &Context, s: &Submission, team: &str) -> Option<OutboxMessage> {
    s.contact.as_ref()?;
    let tr = words_for(s);
    let status = format!("{}/report/status", ctx.outbox().public_url);
    let reference = s.reference.to_string();
    let mut first = tr.with(
        "outbox-ack-body",
        &[("reference", reference.as_str()), ("team", team)],
    );
    if let Some(due) = s.next_update_due {
        first.push(' ');
        first.push_str(&tr.t1("outbox-ack-update", "due", &peel_core::london::display(due)));
    }
    let body = format!(
        "{first}\n\n{}\n\n{}",
        tr.t1("outbox-ack-status", "status", &status),
        tr.t("done-danger")
    );
    Some(message(
        ctx,
        s,
        None,
        Purpose::Acknowledgement,
        tr.t1("outbox-ack-subject", "reference", &reference),
        body,
        ctx.now() + Duration::hours(1),
    ))
}

/// An update an officer wrote for the reporter.
pub fn update(
    ctx: &Context,
    s: &Submission,
    case: Option<CaseId>,
    text: &str,
    due: OffsetDateTime,
) -> Option<OutboxMessage> {
    s.contact.as_ref()?;
    let tr = words_for(s);
    let status = format!("{}/report/status", ctx.outbox().public_url);
    Some(message(
        ctx,
        s,
        case,
        Purpose::Update,
        tr.t1("outbox-update-subject", "reference", s.reference.as_ref()),
        format!(
            "{text}\n\n{}",
            tr.t1("outbox-update-footer", "status", &status)
        ),
        due,
    ))
}

/// Sends what is due: claims up to `limit` messages, decides each by the safe-contact rule,
/// hands it over or records why not. The number handled.
pub async fn deliver_due(ctx: &Context, transports: &Transports, limit: u32) -> usize {
    let store = ctx.store();
    let claimed = match store.claim_due(ctx.now(), ctx.outbox().lease, limit).await {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "the outbox could not be read");
            return 0;
        }
    };
    let handled = claimed.len();
    // Every outcome of the batch in one transaction: the worker takes the store's writer
    // once a batch, not twice a message (BENCHMARKS.md, intake with the outbox on).
    let mut settled = Vec::with_capacity(handled);
    let mut audit = Vec::new();
    let started = ctx.now();
    let half_lease = ctx.outbox().lease / 2;
    for message in claimed {
        // Slow providers must not keep claimed messages past their lease, when another
        // worker would send them too: what is not reached in half of it goes back.
        let outcome = if ctx.now() - started > half_lease {
            Settled::Retry {
                error: "not reached in this round; sent in the next".into(),
                retry_at: ctx.now(),
            }
        } else {
            attempt(ctx, transports, &message).await
        };
        audit.extend(audit_of(ctx, &message, &outcome));
        settled.push((message.id, outcome));
    }
    if let Err(error) = store.settle_all(&settled, audit).await {
        tracing::warn!(%error, messages = handled, "deliveries could not be recorded");
    }
    handled
}

async fn attempt(ctx: &Context, transports: &Transports, m: &OutboxMessage) -> Settled {
    let now = ctx.now();
    let s = match ctx.store().submission(m.submission_id).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Settled::Never {
                reason: "the report is no longer held".into(),
            };
        }
        Err(error) => {
            return Settled::Retry {
                error: error.to_string(),
                retry_at: now + backoff(attempts(m)),
            };
        }
    };
    let decision = match &m.addressee {
        Some(addressee) => contact::decide_addressee(addressee, transports.senders()),
        None => contact::decide(
            Recipient {
                contact: s.contact.as_ref(),
                wishes: &s.safe_contact,
            },
            transports.senders(),
            now,
            m.due_at,
        ),
    };
    let settled = settle(ctx, transports, m, &s, decision).await;
    match (settled, &m.addressee) {
        // Nobody phones a witness on the machine's say-so: what cannot go to them is not sent,
        // and the officer sees why on the report.
        (Settled::CallTask { reason }, Some(_)) => Settled::Never { reason },
        (settled, _) => settled,
    }
}

async fn settle(
    ctx: &Context,
    transports: &Transports,
    m: &OutboxMessage,
    s: &Submission,
    decision: Decision,
) -> Settled {
    let now = ctx.now();
    match decision {
        Decision::Never(why) => Settled::Never { reason: why.into() },
        Decision::CallTask { why, no_voicemail } => Settled::CallTask {
            reason: if no_voicemail {
                format!("{why}. Do not leave a voicemail")
            } else {
                why.to_owned()
            },
        },
        Decision::Wait { reason, retry_at } => Settled::Wait {
            reason: reason.slug().into(),
            // Looked at again when the window opens, or every quarter of an hour in case
            // their wishes change or the due time passes.
            retry_at: retry_at
                .unwrap_or(now + Duration::minutes(15))
                .min(m.due_at.max(now) + Duration::seconds(1)),
        },
        Decision::Send {
            channel,
            to,
            content,
        } => {
            let transport = match (channel, content) {
                (ContactChannel::Email, Content::Full) => transports.email.as_ref(),
                (ContactChannel::Text, Content::Full) => transports.text.as_ref(),
                (ContactChannel::Email, Content::NeutralPrompt) => {
                    transports.neutral_email.as_ref()
                }
                (ContactChannel::Text, Content::NeutralPrompt) => transports.neutral_text.as_ref(),
                (ContactChannel::Phone, _) => None,
            };
            let Some(transport) = transport else {
                return Settled::CallTask {
                    reason: "no provider for the channel they allowed".into(),
                };
            };
            let (subject, body) = match content {
                Content::Full => (m.subject.clone(), m.body.clone()),
                // Neutral in the reporter's language, as in English (core::message).
                Content::NeutralPrompt => {
                    let tr = words_for(s);
                    (tr.t("outbox-neutral-subject"), tr.t("outbox-neutral-body"))
                }
            };
            let outgoing = Outgoing {
                to,
                subject,
                body,
                message_id: m.message_id.clone(),
            };
            // However a provider counts its own time-outs, one send never outlasts half the
            // lease, so no other worker sends it meanwhile.
            let limit = std::time::Duration::try_from(ctx.outbox().lease / 2)
                .unwrap_or(std::time::Duration::from_secs(30));
            let sent = tokio::time::timeout(limit, transport.send(&outgoing, now))
                .await
                .unwrap_or_else(|_| {
                    Err(SendError::Transient(
                        "the provider did not answer within half the lease".into(),
                    ))
                });
            match sent {
                Ok(provider_id) => Settled::Sent {
                    channel: channel.slug().into(),
                    content: match content {
                        Content::Full => "full".into(),
                        Content::NeutralPrompt => "neutral".into(),
                    },
                    provider_id,
                    at: now,
                },
                // Refused for good (a bad address or number): a person must reach them, in
                // the ways they allowed, so it goes on the officers' list rather than quiet.
                Err(SendError::Permanent(error)) => Settled::CallTask {
                    reason: format!(
                        "the provider refused it ({error}); reach them only in the ways they allowed"
                    ),
                },
                Err(SendError::Transient(error)) if now > m.due_at => Settled::CallTask {
                    reason: format!("it could not be sent by its due time ({error})"),
                },
                Err(SendError::Transient(error)) => Settled::Retry {
                    error,
                    retry_at: now + backoff(attempts(m)),
                },
            }
        }
    }
}

fn attempts(m: &OutboxMessage) -> u32 {
    u32::try_from(m.attempts.saturating_sub(1)).unwrap_or(0)
}

/// Deliveries, call tasks and refusals are audited; a wait or a retry changes nothing a person
/// would look for and is kept on the message alone.
fn audit_of(
    ctx: &Context,
    m: &OutboxMessage,
    settled: &Settled,
) -> Option<peel_core::audit::AuditEvent> {
    let subject = ItemRef::Submission(m.submission_id);
    let (code, detail) = match settled {
        Settled::Sent {
            channel, content, ..
        } => (
            AuditCode::MessageSent,
            format!(
                "{} {} sent by {channel} ({content}), {}",
                m.purpose, m.id, m.message_id
            ),
        ),
        Settled::CallTask { reason } => (
            AuditCode::MessageCallTask,
            format!("{} {} became a call task: {reason}", m.purpose, m.id),
        ),
        Settled::Never { reason } => (
            AuditCode::MessageNotSent,
            format!("{} {} not sent: {reason}", m.purpose, m.id),
        ),
        Settled::Wait { .. } | Settled::Retry { .. } => return None,
    };
    let mut event = ctx.event(&worker(), code, subject, detail);
    if let Settled::Sent { channel, .. } = settled {
        event.recipient = match &m.addressee {
            Some(_) => format!("a witness, by {channel}"),
            None => format!("the reporter, by {channel}"),
        };
    }
    Some(event)
}

/// How long the worker waits after a nudge for more messages to gather.
const COALESCE: std::time::Duration = std::time::Duration::from_millis(200);

/// Runs the worker until `stop` resolves: delivers what is due, then waits for a nudge (a
/// change that wrote messages) or a second.
pub async fn run(
    ctx: Context,
    transports: Transports,
    nudge: Arc<tokio::sync::Notify>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        while deliver_due(&ctx, &transports, 200).await > 0 {}
        // Residents' voices on their ward's priorities wait for the email that confirms them.
        while crate::priorities::send_confirmations(&ctx, &transports, 100).await > 0 {}
        tokio::select! {
            _ = nudge.notified() => {
                // Let the messages of a burst of changes gather, so they go as one batch.
                tokio::time::sleep(COALESCE).await;
            }
            _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// The calls an officer's teams owe reporters (messages that could not be sent safely, or
/// whose only safe channel is a phone call), oldest due first, each with its report; recorded
/// as one consultation naming the reports.
pub async fn call_tasks(
    ctx: &Context,
    actor: &Actor,
) -> crate::ServiceResult<Vec<(OutboxMessage, Submission)>> {
    let mut teams = actor.supervises.clone();
    if let Some(team) = &actor.team {
        teams.push(team.clone());
    }
    let store = ctx.store();
    let mut found = Vec::new();
    for message in store.call_tasks(&teams).await? {
        if let Some(s) = store.submission(message.submission_id).await?
            && ctx.permits(
                actor,
                peel_core::policy::Action::AddNote,
                &peel_core::policy::Resource::Submission(crate::submissions::facts(&s)),
            )
        {
            found.push((message, s));
        }
    }
    if !found.is_empty() {
        let references: Vec<String> = found.iter().map(|(_, s)| s.reference.to_string()).collect();
        ctx.record(ctx.event(
            actor,
            AuditCode::CaseViewed,
            "call-tasks",
            format!("calls to make, showing {}", references.join(", ")),
        ))
        .await?;
    }
    Ok(found)
}

/// Records that a person made the call a call task asked for.
pub async fn called(
    ctx: &Context,
    actor: &Actor,
    id: peel_core::MessageId,
) -> crate::ServiceResult<()> {
    let store = ctx.store();
    let message = store
        .message(id)
        .await?
        .ok_or(crate::ServiceError::NotFound)?;
    let s = crate::submissions::for_change(
        ctx,
        actor,
        message.submission_id,
        peel_core::policy::Action::AddNote,
    )
    .await?;
    if message.status != peel_core::message::Status::CallTask {
        return Err(crate::ServiceError::Moved(
            "that call has been recorded already".into(),
        ));
    }
    let settled = Settled::Sent {
        channel: "phone".into(),
        content: "full".into(),
        provider_id: None,
        at: ctx.now(),
    };
    let mut event = ctx.event(
        actor,
        AuditCode::MessageSent,
        ItemRef::Submission(s.id),
        format!(
            "{} {} given by phone call to the reporter of {}",
            message.purpose, message.id, s.reference
        ),
    );
    event.recipient = "the reporter, by phone".into();
    store.settle(id, &settled, Some(event)).await?;
    Ok(())
}
