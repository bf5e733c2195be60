//! The satisfaction survey (DOMAIN.md 10.2: ease of contact, being kept informed, treatment,
//! the whole experience, each on a 5-point scale), answered once without signing in through
//! the one-time link sent at closure; and what reporters send from their status page.
//!
//! Answers are stored with the channel of first contact and the reporter's self-described
//! community only; the results list counts them by those and never names a case or a person.

use std::collections::BTreeMap;

use peel_core::audit::AuditCode;
use peel_core::message::FromReporter;
use peel_core::policy::{Action, Actor, Resource};
use peel_core::submission::Channel;
use peel_store::{ReporterMessage, Submission, Survey, SurveyAnswers};

use crate::{Context, ServiceError, ServiceResult};

/// The questions, in order, with their form names.
pub const QUESTIONS: [(&str, &str); 4] = [
    (
        "ease",
        "How satisfied were you with how easy it was to contact us?",
    ),
    (
        "kept_informed",
        "How satisfied were you with how well we kept you informed?",
    ),
    (
        "treatment",
        "How satisfied were you with how you were treated?",
    ),
    (
        "whole_experience",
        "Taking the whole experience into account, how satisfied were you with the service we gave you?",
    ),
];

/// The 5-point scale, from 5 down.
pub const SCALE: [(i64, &str); 5] = [
    (5, "Very satisfied"),
    (4, "Fairly satisfied"),
    (3, "Neither satisfied nor dissatisfied"),
    (2, "Fairly dissatisfied"),
    (1, "Very dissatisfied"),
];

/// The survey a link's token opens, if it has not been answered.
pub async fn open(ctx: &Context, token: &str) -> ServiceResult<Survey> {
    let digest = peel_core::token::Secret::presented(token.trim()).digest();
    let survey = ctx
        .store()
        .survey_by_token(&digest)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if survey.answered_at.is_some() {
        return Err(ServiceError::Moved(
            "This survey has been answered already. Thank you".into(),
        ));
    }
    Ok(survey)
}

/// Reads one answer of the scale.
pub fn score(field: &'static str, text: Option<&str>) -> ServiceResult<i64> {
    text.and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| ServiceError::invalid(field, "Choose an answer"))
}

/// Stores the answers once.
pub async fn answer(
    ctx: &Context,
    token: &str,
    answers: SurveyAnswers,
    comment: Option<&str>,
) -> ServiceResult<()> {
    let survey = open(ctx, token).await?;
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > 2000) {
        return Err(ServiceError::invalid(
            "comment",
            "Keep it to 2,000 characters",
        ));
    }
    let event = ctx.event(
        &Actor::public_as("survey"),
        AuditCode::SurveyAnswered,
        format!("case:{}", survey.case_id),
        "satisfaction survey answered",
    );
    if !ctx
        .store()
        .answer_survey(survey.id, answers, comment, ctx.now(), event)
        .await?
    {
        return Err(ServiceError::Moved(
            "This survey has been answered already. Thank you".into(),
        ));
    }
    Ok(())
}

/// Satisfaction for one channel and community.
#[derive(Debug, Clone, PartialEq)]
pub struct Satisfaction {
    /// The channel of first contact.
    pub channel: Channel,
    /// The community, or `None` for those who did not say.
    pub community: Option<String>,
    /// How many answered.
    pub answered: usize,
    /// The share satisfied (fairly or very) with the whole experience, in per cent.
    pub satisfied_percent: f64,
    /// The mean of each question, in [`QUESTIONS`] order.
    pub means: [f64; 4],
}

/// The results by channel and community, for analysts and supervisors; recorded as one
/// consultation.
pub async fn results(ctx: &Context, actor: &Actor) -> ServiceResult<Vec<Satisfaction>> {
    ctx.authorize_about(
        actor,
        Action::ViewSatisfaction,
        &Resource::System,
        "surveys",
    )
    .await?;
    let rows = ctx.store().survey_results().await?;
    let mut groups: BTreeMap<(Channel, Option<String>), Vec<SurveyAnswers>> = BTreeMap::new();
    for row in rows {
        groups
            .entry((row.channel, row.community))
            .or_default()
            .push(row.answers);
    }
    let results: Vec<Satisfaction> = groups
        .into_iter()
        .map(|((channel, community), answers)| {
            let n = answers.len().max(1) as f64;
            let mean = |f: fn(&SurveyAnswers) -> i64| answers.iter().map(f).sum::<i64>() as f64 / n;
            Satisfaction {
                channel,
                community,
                answered: answers.len(),
                satisfied_percent: 100.0
                    * answers.iter().filter(|a| a.whole_experience >= 4).count() as f64
                    / n,
                means: [
                    mean(|a| a.ease),
                    mean(|a| a.kept_informed),
                    mean(|a| a.treatment),
                    mean(|a| a.whole_experience),
                ],
            }
        })
        .collect();
    ctx.record(ctx.event(
        actor,
        AuditCode::SatisfactionViewed,
        "surveys",
        format!(
            "satisfaction by channel and community, {} groups",
            results.len()
        ),
    ))
    .await?;
    Ok(results)
}

/// The longest message from a reporter.
pub const MAX_FROM_REPORTER: usize = 4_000;

/// Stores what a reporter sent from their status page (already shown to hold its status code),
/// for the case's officer; it restarts only the officer's reply clock (one working day).
pub async fn from_reporter(
    ctx: &Context,
    s: &Submission,
    kind: FromReporter,
    body: &str,
    call_back_when: Option<&str>,
) -> ServiceResult<()> {
    let body = body.trim();
    if body.is_empty() && kind != FromReporter::CallBack {
        return Err(ServiceError::invalid("body", "Write your message"));
    }
    if body.chars().count() > MAX_FROM_REPORTER {
        return Err(ServiceError::invalid(
            "body",
            "Keep your message to 4,000 characters",
        ));
    }
    let when = call_back_when.map(str::trim).filter(|w| !w.is_empty());
    if kind == FromReporter::CallBack && when.is_none() {
        return Err(ServiceError::invalid(
            "call_back_when",
            "Say when it is safe to call you",
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ServiceError::invalid(
            "body",
            "Your message contains characters that cannot be stored",
        ));
    }
    let now = ctx.now();
    let message = ReporterMessage {
        id: uuid::Uuid::now_v7(),
        submission_id: s.id,
        at: now,
        kind,
        body: body.replace("\r\n", "\n"),
        call_back_when: when.map(|w| w.chars().take(200).collect()),
    };
    let event = ctx.event(
        &Actor::public_as("status page"),
        AuditCode::ReporterMessageReceived,
        peel_core::ItemRef::Submission(s.id),
        format!("{} from the reporter of {}", kind.label(), s.reference),
    );
    let reply_due = ctx.calendar().add_working_days(now, 1);
    ctx.store()
        .add_reporter_message(&message, reply_due, event)
        .await?;
    Ok(())
}
