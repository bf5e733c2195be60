//! Cases as officers work them: opened on first contact or by choice, owned by an officer in
//! charge, moved through their stages with the Victims' Code clock restarting at each, merged
//! and split with reasons, closed with an outcome (which queues the closing update and the
//! satisfaction survey), reopened with a reason, and MARAC referrals kept as items of their
//! own. Access is the submissions' rule on the case's facts (its team, and its first
//! submission's category and checklist); every change and every view is audited.

use peel_core::audit::AuditCode;
use peel_core::case::{self, CaseStage, Outcome};
use peel_core::message::Purpose;
use peel_core::policy::{Action, Actor, Resource, SubmissionFacts};
use peel_core::submission::ReporterRole;
use peel_core::{CaseId, SubmissionId, UserId};
use peel_store::{
    Case, CaseChange, CaseEvent, MaracAction, MaracReferral, OutboxMessage, ReporterMessage,
    Submission, Survey,
};
use time::OffsetDateTime;

use crate::{Context, ServiceError, ServiceResult};

/// A case's audit subject.
fn subject(id: CaseId) -> String {
    format!("case:{id}")
}

/// A case with what it holds.
#[derive(Debug, Clone)]
pub struct CaseView {
    /// The case.
    pub case: Case,
    /// Its submissions, oldest first.
    pub submissions: Vec<Submission>,
    /// Its history.
    pub events: Vec<CaseEvent>,
    /// Messages to the reporters, oldest first.
    pub messages: Vec<OutboxMessage>,
    /// What the reporters sent.
    pub from_reporters: Vec<ReporterMessage>,
    /// MARAC referrals.
    pub marac: Vec<MaracReferral>,
    /// What was disclosed from it to partners, newest first.
    pub disclosures: Vec<peel_store::DisclosureRecord>,
}

/// The case and its submissions, with the access rule applied on its facts.
pub(crate) async fn load(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    action: Action,
) -> ServiceResult<(Case, Vec<Submission>)> {
    let store = ctx.store();
    let case = store.case(id).await?.ok_or(ServiceError::NotFound)?;
    let ids = store.case_submissions(id).await?;
    let mut submissions = store.submissions(&ids).await?;
    submissions.sort_by_key(|s| s.received_at);
    let lead = submissions.first().ok_or(ServiceError::NotFound)?;
    let resource = Resource::Submission(SubmissionFacts {
        team: case.team.clone(),
        category: lead.category,
        has_dash: submissions.iter().any(|s| s.has_dash),
        restricted: submissions.iter().any(|s| s.restricted.is_some()),
    });
    ctx.authorize_about(actor, action, &resource, subject(id))
        .await?;
    Ok((case, submissions))
}

/// Reads a case, recorded as one consultation naming every report it showed.
pub async fn view(ctx: &Context, actor: &Actor, id: CaseId) -> ServiceResult<CaseView> {
    let (case, submissions) = load(ctx, actor, id, Action::ViewSubmission).await?;
    let store = ctx.store();
    let mut messages = Vec::new();
    let mut from_reporters = Vec::new();
    for s in &submissions {
        messages.extend(store.messages_of(s.id).await?);
        from_reporters.extend(store.reporter_messages(s.id).await?);
    }
    from_reporters.sort_by_key(|m| m.at);
    let references: Vec<String> = submissions
        .iter()
        .map(|s| s.reference.to_string())
        .collect();
    let mut event = ctx.event(
        actor,
        AuditCode::CaseViewed,
        subject(id),
        format!("case opened, showing {}", references.join(", ")),
    );
    // Read with a stated reason (another team's, through the API): the reason is the
    // justification, as for a submission.
    if let Some(reason) = &actor.reason {
        event.justification = reason.clone();
    }
    ctx.record(event).await?;
    Ok(CaseView {
        events: store.case_events(id).await?,
        marac: store.marac_referrals(id).await?,
        disclosures: store.disclosures_from(id).await?,
        case,
        submissions,
        messages,
        from_reporters,
    })
}

/// A new case around one submission, owned by `owner` (the actor by default).
pub(crate) fn new_case(
    s: &Submission,
    owner: Option<(UserId, String)>,
    now: OffsetDateTime,
) -> Case {
    let (owner, owner_name) = owner.unzip();
    Case {
        id: CaseId(uuid::Uuid::now_v7()),
        team: s.team.clone(),
        owner,
        owner_name,
        stage: CaseStage::Open,
        enhanced_rights: s.enhanced_rights,
        first_channel: s.channel,
        outcome: None,
        merged_into: None,
        next_update_due: s.next_update_due,
        reply_due: None,
        opened_at: now,
        updated_at: now,
        closed_at: None,
    }
}

/// The actor as an owner, when they have an account.
fn me(actor: &Actor) -> Option<(UserId, String)> {
    actor.user_id().map(|id| (id, actor.label.clone()))
}

/// The opening of a case on first contact: the case and its change, for the store to write in
/// the first contact's transaction.
pub(crate) fn opening_on_first_contact<'a>(
    ctx: &Context,
    actor: &Actor,
    s: &Submission,
    case: &'a Case,
) -> CaseChange<'a> {
    change(
        ctx,
        actor,
        case,
        ("opened", AuditCode::CaseOpened),
        format!(
            "opened on first contact with the reporter of {}",
            s.reference
        ),
    )
}

/// Opens a case on a submission by an officer's choice; the existing case if it has one.
pub async fn open(ctx: &Context, actor: &Actor, id: SubmissionId) -> ServiceResult<CaseId> {
    let s = crate::submissions::for_change(ctx, actor, id, Action::AddNote).await?;
    if let Some(case) = ctx.store().case_of(s.id).await? {
        return Ok(case.id);
    }
    let case = new_case(&s, me(actor), ctx.now());
    let change = change(
        ctx,
        actor,
        &case,
        ("opened", AuditCode::CaseOpened),
        format!("opened by choice, holding {}", s.reference),
    );
    ctx.store().open_case(change, &[s.id]).await?;
    Ok(case.id)
}

/// Writes a case's new state with its history entry (`what`: the entry's kind and the audit
/// code), and what it causes.
async fn write(
    ctx: &Context,
    actor: &Actor,
    case: &Case,
    (kind, code): (&str, AuditCode),
    detail: String,
    messages: &[OutboxMessage],
    survey: Option<&Survey>,
) -> ServiceResult<()> {
    let change = CaseChange {
        messages,
        survey,
        ..change(ctx, actor, case, (kind, code), detail)
    };
    ctx.store().update_case(change).await?;
    Ok(())
}

/// A change to `case` with its history entry and audit entry (`what`: the entry's kind and
/// the audit code), causing nothing else.
fn change<'a>(
    ctx: &Context,
    actor: &Actor,
    case: &'a Case,
    (kind, code): (&str, AuditCode),
    detail: String,
) -> CaseChange<'a> {
    CaseChange {
        case,
        event: CaseEvent::new(case.id, ctx.now(), &actor.label, kind, detail.clone()),
        messages: &[],
        survey: None,
        audit: ctx.event(actor, code, subject(case.id), detail),
    }
}

/// Makes `owner` (or the actor) the officer in charge.
pub async fn take(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    owner: Option<(UserId, String)>,
) -> ServiceResult<()> {
    let (mut case, _) = load(ctx, actor, id, Action::AddNote).await?;
    if !case.stage.is_open() {
        return Err(ServiceError::Moved("the case is not being worked".into()));
    }
    let Some((user, name)) = owner.or_else(|| me(actor)) else {
        return Err(ServiceError::invalid(
            "owner",
            "Choose the officer in charge",
        ));
    };
    case.owner = Some(user);
    case.owner_name = Some(name.clone());
    case.updated_at = ctx.now();
    write(
        ctx,
        actor,
        &case,
        ("owner", AuditCode::CaseChanged),
        format!("officer in charge is now {name}"),
        &[],
        None,
    )
    .await
}

/// The officers who may be put in charge of a case: enabled accounts of its team (or
/// supervising it) with a front-line role, by username.
pub async fn officers_for(ctx: &Context, case: &Case) -> ServiceResult<Vec<(UserId, String)>> {
    use peel_core::Role;
    let mut officers: Vec<(UserId, String)> = ctx
        .store()
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.disabled_at.is_none())
        .filter(|u| u.team.as_ref() == Some(&case.team) || u.supervises.contains(&case.team))
        .filter(|u| {
            [
                Role::NeighbourhoodOfficer,
                Role::Supervisor,
                Role::ContactHandler,
            ]
            .into_iter()
            .any(|r| u.roles.has(r))
        })
        .map(|u| (u.id, u.username.to_string()))
        .collect();
    officers.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(officers)
}

/// Puts `owner` in charge, who must be one of [`officers_for`] the case.
pub async fn assign(ctx: &Context, actor: &Actor, id: CaseId, owner: UserId) -> ServiceResult<()> {
    let (case, _) = load(ctx, actor, id, Action::AddNote).await?;
    let Some(chosen) = officers_for(ctx, &case)
        .await?
        .into_iter()
        .find(|(user, _)| *user == owner)
    else {
        return Err(ServiceError::invalid(
            "owner",
            "Choose an officer of the case's team",
        ));
    };
    take(ctx, actor, id, Some(chosen)).await
}

/// Moves a case between working stages; the victim's next update falls due again.
pub async fn move_stage(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    to: CaseStage,
    reason: &str,
) -> ServiceResult<()> {
    let (mut case, _) = load(ctx, actor, id, Action::AddNote).await?;
    case::move_to(case.stage, to).map_err(|e| ServiceError::invalid("stage", e.to_string()))?;
    let from = case.stage;
    let now = ctx.now();
    case.stage = to;
    case.updated_at = now;
    case.next_update_due = Some(case::update_due(ctx.calendar(), now, case.enhanced_rights));
    let reason = reason.trim();
    let detail = if reason.is_empty() {
        format!("moved from {} to {}", from.label(), to.label())
    } else {
        format!("moved from {} to {}: {reason}", from.label(), to.label())
    };
    write(
        ctx,
        actor,
        &case,
        ("stage", AuditCode::CaseChanged),
        detail,
        &[],
        None,
    )
    .await
}

/// The survey's one-time link, shown once in its message.
#[derive(Debug, Clone)]
pub struct Closed {
    /// The link, when a survey was queued.
    pub survey_link: Option<String>,
}

/// Closes a case with its outcome: the closing update (the outcome and the officer's words)
/// and the satisfaction survey are queued for the first reporter, by the safe-contact rule.
pub async fn close(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    outcome: Outcome,
    words: &str,
) -> ServiceResult<Closed> {
    let (mut case, submissions) = load(ctx, actor, id, Action::AddNote).await?;
    case::can_close(case.stage).map_err(|e| ServiceError::invalid("outcome", e.to_string()))?;
    let now = ctx.now();
    case.stage = CaseStage::Closed;
    case.outcome = Some(outcome.clone());
    case.closed_at = Some(now);
    case.updated_at = now;
    case.next_update_due = None;
    case.reply_due = None;
    let mut messages = Vec::new();
    let mut survey = None;
    let mut survey_link = None;
    let due = case::update_due(ctx.calendar(), now, case.enhanced_rights);
    let words = words.trim();
    // The outcome goes to those who reported as or for a victim, never to witnesses (nor, in
    // a merged case, to someone reported against by another).
    for s in submissions
        .iter()
        .filter(|s| s.reporter_role != ReporterRole::Witness)
    {
        // The outcome's own words are English (police.uk's categories); the sentence is theirs.
        let closed = crate::outbox::words_for(s).t1("outbox-closed", "outcome", &outcome.words());
        let text = if words.is_empty() {
            closed
        } else {
            format!("{closed}\n\n{words}")
        };
        messages.extend(crate::outbox::update(ctx, s, Some(case.id), &text, due));
    }
    // One survey per case, to the first reporter who can be contacted.
    if let Some(first) = submissions
        .iter()
        .find(|s| s.contact.is_some() && s.reporter_role != ReporterRole::Witness)
    {
        let token = peel_core::token::Secret::from_random(random()?);
        let link = format!("{}/survey/{}", ctx.outbox().public_url, token.expose());
        messages.push(crate::outbox::message(
            ctx,
            first,
            Some(case.id),
            Purpose::Survey,
            crate::outbox::words_for(first).t("survey-title"),
            format!(
                "{}\n\n{link}",
                crate::outbox::words_for(first).t("outbox-survey-body")
            ),
            now + time::Duration::days(14),
        ));
        survey = Some(Survey {
            id: uuid::Uuid::now_v7(),
            case_id: case.id,
            token_digest: token.digest(),
            channel: case.first_channel,
            community: first.community.clone(),
            sent_at: now,
            answered_at: None,
        });
        survey_link = Some(link);
    }
    write(
        ctx,
        actor,
        &case,
        ("closed", AuditCode::CaseClosed),
        format!(
            "closed: {}{}",
            outcome.words(),
            reason_suffix(&outcome.reason)
        ),
        &messages,
        survey.as_ref(),
    )
    .await?;
    Ok(Closed { survey_link })
}

fn reason_suffix(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    }
}

fn random() -> ServiceResult<[u8; 32]> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        ServiceError::Store(peel_store::StoreError::Config(format!(
            "no randomness: {e}"
        )))
    })?;
    Ok(bytes)
}

/// Reopens a closed case with a reason; its outcome is kept in its history.
pub async fn reopen(ctx: &Context, actor: &Actor, id: CaseId, reason: &str) -> ServiceResult<()> {
    let (mut case, _) = load(ctx, actor, id, Action::AddNote).await?;
    case::can_reopen(case.stage, reason)
        .map_err(|e| ServiceError::invalid("reason", e.to_string()))?;
    let now = ctx.now();
    case.stage = CaseStage::Open;
    case.outcome = None;
    case.closed_at = None;
    case.updated_at = now;
    case.next_update_due = Some(case::update_due(ctx.calendar(), now, case.enhanced_rights));
    write(
        ctx,
        actor,
        &case,
        ("reopened", AuditCode::CaseReopened),
        format!("reopened: {}", reason.trim()),
        &[],
        None,
    )
    .await
}

fn need_reason(reason: &str) -> ServiceResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ServiceError::invalid(
            "reason",
            "Give the reason, in 500 characters or fewer",
        ));
    }
    Ok(reason)
}

/// Merges `from` into `into`, with the reason; both must be the actor's to change.
pub async fn merge(
    ctx: &Context,
    actor: &Actor,
    into: CaseId,
    from: CaseId,
    reason: &str,
) -> ServiceResult<()> {
    let reason = need_reason(reason)?;
    if into == from {
        return Err(ServiceError::invalid(
            "into",
            "Choose another case to merge into",
        ));
    }
    let (mut target, _) = load(ctx, actor, into, Action::AddNote).await?;
    let (mut source, _) = load(ctx, actor, from, Action::AddNote).await?;
    if !target.stage.is_open() || !source.stage.is_open() {
        return Err(ServiceError::invalid(
            "into",
            "Only cases being worked can be merged; reopen it first",
        ));
    }
    let now = ctx.now();
    source.stage = CaseStage::Merged;
    source.merged_into = Some(target.id);
    source.updated_at = now;
    target.updated_at = now;
    target.enhanced_rights |= source.enhanced_rights;
    target.next_update_due = [target.next_update_due, source.next_update_due]
        .into_iter()
        .flatten()
        .min();
    let what = ("merged", AuditCode::CaseMerged);
    let target_change = change(
        ctx,
        actor,
        &target,
        what,
        format!("case {} merged into this one: {reason}", source.id),
    );
    let source_change = change(
        ctx,
        actor,
        &source,
        what,
        format!("merged into case {}: {reason}", target.id),
    );
    ctx.store()
        .merge_cases(target_change, source_change)
        .await?;
    Ok(())
}

/// Splits these submissions from a case into a new one, with the reason.
pub async fn split(
    ctx: &Context,
    actor: &Actor,
    from: CaseId,
    moved: &[SubmissionId],
    reason: &str,
) -> ServiceResult<CaseId> {
    let reason = need_reason(reason)?;
    let (mut case, submissions) = load(ctx, actor, from, Action::AddNote).await?;
    if !case.stage.is_open() {
        return Err(ServiceError::invalid(
            "submissions",
            "Only a case being worked can be split",
        ));
    }
    let leaving: Vec<&Submission> = submissions
        .iter()
        .filter(|s| moved.contains(&s.id))
        .collect();
    if leaving.is_empty() || leaving.len() == submissions.len() {
        return Err(ServiceError::invalid(
            "submissions",
            "Choose some, but not all, of the case's reports to split off",
        ));
    }
    let now = ctx.now();
    let Some(first) = leaving.first() else {
        return Err(ServiceError::NotFound);
    };
    let mut new = new_case(first, me(actor), now);
    new.team = case.team.clone();
    case.updated_at = now;
    let names: Vec<String> = leaving.iter().map(|s| s.reference.to_string()).collect();
    let ids: Vec<SubmissionId> = leaving.iter().map(|s| s.id).collect();
    let names = names.join(", ");
    let from_change = change(
        ctx,
        actor,
        &case,
        ("split", AuditCode::CaseSplit),
        format!("{names} split into case {}: {reason}", new.id),
    );
    let new_change = change(
        ctx,
        actor,
        &new,
        ("split", AuditCode::CaseOpened),
        format!("opened from case {} with {names}: {reason}", case.id),
    );
    ctx.store()
        .split_case(from_change, new_change, &ids)
        .await?;
    Ok(new.id)
}

/// Adds a submission (not in a case yet) to a case being worked, as offered when it links to
/// one.
pub async fn join(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    submission: SubmissionId,
) -> ServiceResult<()> {
    let s = crate::submissions::for_change(ctx, actor, submission, Action::AddNote).await?;
    let (mut case, _) = load(ctx, actor, id, Action::AddNote).await?;
    if !case.stage.is_open() {
        return Err(ServiceError::invalid(
            "case",
            "That case is not being worked",
        ));
    }
    if ctx.store().case_of(s.id).await?.is_some() {
        return Err(ServiceError::Moved(
            "that report is already in a case".into(),
        ));
    }
    case.updated_at = ctx.now();
    case.enhanced_rights |= s.enhanced_rights;
    let change = change(
        ctx,
        actor,
        &case,
        ("joined", AuditCode::CaseChanged),
        format!("{} joined the case", s.reference),
    );
    ctx.store().join_case(change, s.id).await?;
    Ok(())
}

/// One action agreed at a MARAC, as given.
#[derive(Debug, Clone)]
pub struct ActionInput {
    /// What.
    pub action: String,
    /// Who.
    pub owner: String,
    /// By when.
    pub due: time::Date,
}

/// Records a MARAC referral on a case, with the conference date once known and its actions.
pub async fn refer_to_marac(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    conference_on: Option<time::Date>,
    reason: &str,
    actions: Vec<ActionInput>,
) -> ServiceResult<uuid::Uuid> {
    let reason = need_reason(reason)?;
    let (case, _) = load(ctx, actor, id, Action::AssessRisk).await?;
    let referral = MaracReferral {
        id: uuid::Uuid::now_v7(),
        case_id: case.id,
        referred_at: ctx.now(),
        referred_by: actor.label.clone(),
        conference_on,
        reason: reason.to_owned(),
        actions: actions
            .into_iter()
            .filter(|a| !a.action.trim().is_empty())
            .map(|a| MaracAction {
                id: uuid::Uuid::now_v7(),
                action: a.action.trim().to_owned(),
                owner: a.owner.trim().to_owned(),
                due_at: a.due.midnight().assume_utc(),
                done_at: None,
            })
            .collect(),
    };
    let event = ctx.event(
        actor,
        AuditCode::MaracReferred,
        subject(case.id),
        format!(
            "MARAC referral with {} actions{}",
            referral.actions.len(),
            conference_on
                .map(|d| format!(", conference on {d}"))
                .unwrap_or_default()
        ),
    );
    ctx.store().add_marac_referral(&referral, event).await?;
    Ok(referral.id)
}

/// Marks one of a case's MARAC actions done.
pub async fn complete_marac_action(
    ctx: &Context,
    actor: &Actor,
    id: CaseId,
    action: uuid::Uuid,
) -> ServiceResult<()> {
    let (case, _) = load(ctx, actor, id, Action::AssessRisk).await?;
    let store = ctx.store();
    let found = store
        .marac_referrals(case.id)
        .await?
        .into_iter()
        .flat_map(|r| r.actions)
        .find(|a| a.id == action)
        .ok_or(ServiceError::NotFound)?;
    let event = ctx.event(
        actor,
        AuditCode::MaracActionDone,
        subject(case.id),
        format!("MARAC action done: {}", found.action),
    );
    if !store
        .complete_marac_action(action, ctx.now(), event)
        .await?
    {
        return Err(ServiceError::Moved(
            "that action was marked done already".into(),
        ));
    }
    Ok(())
}

/// An officer's open cases and their teams', overdue updates and replies first, each with
/// the reference of its first report.
pub async fn mine(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<(Case, String)>> {
    let mut teams = actor.supervises.clone();
    if let Some(team) = &actor.team {
        teams.push(team.clone());
    }
    let store = ctx.store();
    let mut listed = Vec::new();
    for case in store.open_cases(&teams, actor.user_id()).await? {
        let ids = store.case_submissions(case.id).await?;
        // A case whose every report was erased holds nothing left to work on.
        let Some(id) = ids.first() else { continue };
        let lead = store
            .submission(*id)
            .await?
            .map(|s| s.reference.to_string());
        listed.push((case, lead.unwrap_or_default()));
    }
    let references: Vec<&str> = listed.iter().map(|(_, r)| r.as_str()).collect();
    ctx.record(ctx.event(
        actor,
        AuditCode::CaseViewed,
        "cases",
        format!("list of cases, showing {}", references.join(", ")),
    ))
    .await?;
    Ok(listed)
}
