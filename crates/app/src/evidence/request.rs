//! Evidence requests, as the evidence portals' "community request": an officer working a report
//! asks its reporter for their photos or video; the outbox carries a one-time upload link (by
//! the reporter's safe channels, or not at all where contact is unsafe), which closes once
//! files are sent through it and expires unanswered after [`REQUEST_LIFETIME`]. What comes in
//! is checked as any evidence is and recorded as sent through the request.

use peel_core::audit::AuditCode;
use peel_core::message::Purpose;
use peel_core::policy::{Action, Actor};
use peel_core::token::Secret;
use peel_core::{ItemRef, SubmissionId};
use peel_store::{EvidenceRequest, Submission};

use crate::{Context, ServiceError, ServiceResult};

/// How long a request's link works.
pub const REQUEST_LIFETIME: time::Duration = time::Duration::days(14);

/// The longest note an officer may write with a request.
const MAX_NOTE: usize = 1_000;

/// Asks the reporter of `id` for evidence, with `note` saying what (shown to them). The link
/// is only in the message: it is never shown again.
pub async fn send(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    note: &str,
) -> ServiceResult<EvidenceRequest> {
    let s = crate::submissions::for_change(ctx, actor, id, Action::AddNote).await?;
    let note = note.trim();
    if note.is_empty() || note.chars().count() > MAX_NOTE {
        return Err(ServiceError::invalid(
            "note",
            "Say what you are asking for (such as \"your doorbell video from 9pm to 10pm\"), in 1,000 characters or fewer",
        ));
    }
    if s.contact.is_none() {
        return Err(ServiceError::invalid(
            "note",
            "The reporter stayed anonymous, so there is no one to send the request to",
        ));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        ServiceError::Store(peel_store::StoreError::Config(format!(
            "no randomness: {e}"
        )))
    })?;
    let token = Secret::from_random(bytes);
    let now = ctx.now();
    let request = EvidenceRequest {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        token_digest: token.digest(),
        note: note.to_owned(),
        requested_by: actor.reference(),
        created_at: now,
        expires_at: now + REQUEST_LIFETIME,
        answered_at: None,
    };
    let tr = crate::outbox::words_for(&s);
    let link = format!(
        "{}/evidence-request/{}",
        ctx.outbox().public_url,
        token.expose()
    );
    let until = peel_core::london::display(request.expires_at);
    let body = format!(
        "{note}\n\n{}",
        tr.with(
            "outbox-evidence-body",
            &[("link", link.as_str()), ("until", until.as_str())]
        )
    );
    let case = ctx.store().case_of(s.id).await?.map(|c| c.id);
    let message = crate::outbox::message(
        ctx,
        &s,
        case,
        Purpose::EvidenceRequest,
        tr.t1("outbox-evidence-subject", "reference", s.reference.as_ref()),
        body,
        now + time::Duration::hours(1),
    );
    let event = ctx.event(
        actor,
        AuditCode::EvidenceRequested,
        ItemRef::Submission(s.id),
        format!(
            "evidence requested from the reporter of {}, the link working until {until}",
            s.reference
        ),
    );
    ctx.store()
        .add_evidence_request(&request, &[message], event)
        .await?;
    ctx.nudge_outbox();
    Ok(request)
}

/// Why a link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// No such link.
    #[error("this link is not one we sent")]
    Unknown,
    /// Files were sent through it already.
    #[error("files have already been sent through this link, so it works no more")]
    Used,
    /// Past its time.
    #[error("this link has expired")]
    Expired,
}

/// The open request a link's token names, and its report.
pub async fn open(
    ctx: &Context,
    token: &str,
) -> ServiceResult<Result<(EvidenceRequest, Submission), LinkError>> {
    let digest = Secret::presented(token).digest();
    let Some(request) = ctx.store().evidence_request(&digest).await? else {
        return Ok(Err(LinkError::Unknown));
    };
    if request.answered_at.is_some() {
        return Ok(Err(LinkError::Used));
    }
    if request.expires_at <= ctx.now() {
        return Ok(Err(LinkError::Expired));
    }
    let Some(s) = ctx.store().submission(request.submission_id).await? else {
        return Ok(Err(LinkError::Unknown));
    };
    Ok(Ok((request, s)))
}

/// Who sends files through a request: the public, named by the request in the trail.
pub fn sender(request: &EvidenceRequest) -> Actor {
    let mut actor = Actor::public();
    actor.label = format!("reporter, through evidence request {}", request.id);
    actor
}

/// Closes the request once files came through it: the link works no more. `false` if another
/// answer closed it first.
pub async fn answered(
    ctx: &Context,
    request: &EvidenceRequest,
    files: usize,
) -> ServiceResult<bool> {
    let event = ctx.event(
        &sender(request),
        AuditCode::EvidenceRequestAnswered,
        ItemRef::Submission(request.submission_id),
        format!(
            "{files} file(s) sent through evidence request {}",
            request.id
        ),
    );
    Ok(ctx
        .store()
        .answer_evidence_request(request.id, ctx.now(), event)
        .await?)
}
