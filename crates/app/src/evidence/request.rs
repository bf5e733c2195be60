//! Evidence requests, as the evidence portals' "community request": an officer working a report
//! asks its reporter, or a witness (a neighbour whose doorbell faces the street), for their
//! photos or video; the outbox carries a one-time upload link (to the reporter by their safe
//! channels, or not at all where contact is unsafe; to a witness at the one address or number
//! the officer gives), which closes once files are sent through it and expires unanswered after
//! [`REQUEST_LIFETIME`]. What comes in is checked as any evidence is, goes on the report, and
//! is recorded as sent through the request. A witness is told nothing of the report: the
//! message and the page carry only the officer's note.

use peel_core::audit::AuditCode;
use peel_core::contact::Addressee;
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

/// Asks for evidence for report `id`: its reporter, or `witness` when given, with `note`
/// saying what (shown to them). The link is only in the message: it is never shown again.
pub async fn send(
    ctx: &Context,
    actor: &Actor,
    id: SubmissionId,
    note: &str,
    witness: Option<Addressee>,
) -> ServiceResult<EvidenceRequest> {
    let s = crate::submissions::for_change(ctx, actor, id, Action::AddNote).await?;
    let note = note.trim();
    if note.is_empty() || note.chars().count() > MAX_NOTE {
        return Err(ServiceError::invalid(
            "note",
            "Say what you are asking for (such as \"your doorbell video from 9pm to 10pm\"), in 1,000 characters or fewer",
        ));
    }
    if witness.is_none() && s.contact.is_none() {
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
        addressee: witness.clone(),
    };
    // A witness's message is in English, as the officer's note is, and names no report; the
    // reporter's is in their language and names theirs.
    let (tr, subject) = match witness {
        Some(_) => {
            let tr = peel_i18n::Tr(peel_i18n::english());
            (tr, tr.t("outbox-evidence-witness-subject"))
        }
        None => {
            let tr = crate::outbox::words_for(&s);
            (
                tr,
                tr.t1("outbox-evidence-subject", "reference", s.reference.as_ref()),
            )
        }
    };
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
    let mut message = crate::outbox::message(
        ctx,
        &s,
        case,
        Purpose::EvidenceRequest,
        subject,
        body,
        now + time::Duration::hours(1),
    );
    message.addressee = witness.clone();
    let event = ctx.event(
        actor,
        AuditCode::EvidenceRequested,
        ItemRef::Submission(s.id),
        format!(
            "evidence for {} requested from {}, the link working until {until}",
            s.reference,
            asked(&request)
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
    /// Files were sent through it already; `witness` when it was sent to one.
    #[error("files have already been sent through this link, so it works no more")]
    Used {
        /// It was sent to a witness, not the reporter.
        witness: bool,
    },
    /// Past its time.
    #[error("this link has expired")]
    Expired {
        /// It was sent to a witness, not the reporter.
        witness: bool,
    },
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
    let witness = request.addressee.is_some();
    if request.answered_at.is_some() {
        return Ok(Err(LinkError::Used { witness }));
    }
    if request.expires_at <= ctx.now() {
        return Ok(Err(LinkError::Expired { witness }));
    }
    let Some(s) = ctx.store().submission(request.submission_id).await? else {
        return Ok(Err(LinkError::Unknown));
    };
    Ok(Ok((request, s)))
}

/// Whom a request asked, as the trail names them (a witness's address masked).
pub fn asked(request: &EvidenceRequest) -> String {
    match &request.addressee {
        Some(witness) => format!("a witness, by {}", witness.masked()),
        None => "the reporter".to_owned(),
    }
}

/// Who sends files through a request: the public, named by the request in the trail.
pub fn sender(request: &EvidenceRequest) -> Actor {
    let who = match request.addressee {
        Some(_) => "witness",
        None => "reporter",
    };
    Actor::public_as(&format!("{who}, through evidence request {}", request.id))
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
