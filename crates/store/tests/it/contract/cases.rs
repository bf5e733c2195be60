//! The cases and outbox areas.

use peel_core::CaseId;
use peel_core::case::{CaseStage, Outcome};
use peel_core::message::{Purpose, Status};
use peel_core::submission::{Channel, Stage};
use peel_store::{
    Case, CaseChange, CaseEvent, Draft, OutboxMessage, Settled, Survey, SurveyAnswers,
};

use super::*;

fn draft(s: &peel_store::Submission, case: Option<CaseId>) -> OutboxMessage {
    OutboxMessage::queued(
        Draft {
            submission_id: s.id,
            case_id: case,
            purpose: Purpose::Update,
            subject: "An update".into(),
            body: "We have looked at the CCTV.".into(),
            due_at: T0 + Duration::days(5),
        },
        "peel.invalid",
        T0,
    )
}

/// A message is claimed by one worker; one left sending past its lease is claimed again with
/// the same Message-ID; once sent it is never claimed again.
async fn outbox_messages_are_claimed_once_and_reclaimed_after_a_lease(store: Arc<dyn Store>) {
    let s = submission("outbox", T0);
    let message = draft(&s, None);
    store
        .create_submission(
            &s,
            None,
            event(T0, "submission.received", ""),
            None,
            std::slice::from_ref(&message),
        )
        .await
        .unwrap();
    let lease = Duration::seconds(6);
    let first = store.claim_due(T0, lease, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].status, Status::Sending);
    assert_eq!(first[0].attempts, 1);
    assert!(
        store
            .claim_due(T0 + Duration::seconds(3), lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "held by the first worker"
    );
    // The first worker dies; after its lease another takes it, with the same Message-ID.
    let again = store
        .claim_due(T0 + Duration::seconds(7), lease, 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1, "reclaimed after the lease");
    assert_eq!(again[0].message_id, message.message_id);
    assert_eq!(again[0].attempts, 2);
    let sent = Settled::Sent {
        channel: "email".into(),
        content: "full".into(),
        provider_id: None,
        at: T0 + Duration::seconds(8),
    };
    store
        .settle(again[0].id, &sent, Some(event(T0, "message.sent", "")))
        .await
        .unwrap();
    assert!(
        store
            .claim_due(T0 + Duration::days(1), lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "sent is final"
    );
    let kept = store.messages_of(s.id).await.unwrap();
    assert_eq!(kept[0].status, Status::Sent);
    assert_eq!(kept[0].channel.as_deref(), Some("email"));
    // A wait is looked at again at its time; no audit entry is needed for it.
    let other = submission("outbox2", T0);
    let waiting = draft(&other, None);
    store
        .create_submission(
            &other,
            None,
            event(T0, "submission.received", ""),
            None,
            std::slice::from_ref(&waiting),
        )
        .await
        .unwrap();
    let claimed = store.claim_due(T0, lease, 10).await.unwrap();
    let wait = Settled::Wait {
        reason: "outside_safe_times".into(),
        retry_at: T0 + Duration::hours(2),
    };
    store.settle(claimed[0].id, &wait, None).await.unwrap();
    assert!(
        store
            .claim_due(T0 + Duration::hours(1), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .claim_due(T0 + Duration::hours(2), lease, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

fn case_of(s: &peel_store::Submission, id: u128) -> Case {
    Case {
        id: CaseId(Uuid::from_u128(id)),
        team: s.team.clone(),
        owner: None,
        owner_name: Some("pc.smith".into()),
        stage: CaseStage::Open,
        enhanced_rights: false,
        first_channel: Channel::Api,
        outcome: None,
        merged_into: None,
        next_update_due: Some(T0 + Duration::days(5)),
        reply_due: None,
        opened_at: T0,
        updated_at: T0,
        closed_at: None,
    }
}

fn change<'a>(case: &'a Case, kind: &str, messages: &'a [OutboxMessage]) -> CaseChange<'a> {
    CaseChange {
        case,
        event: CaseEvent::new(case.id, case.updated_at, "pc.smith", kind, kind.into()),
        messages,
        survey: None,
        audit: event(
            case.updated_at,
            "case.changed",
            &format!("case:{}", case.id),
        ),
    }
}

/// A case holds its submissions, whose stage follows it; it is merged, split and closed with a
/// survey, and the survey is answered once and counted without the case.
async fn cases_hold_submissions_through_merge_split_and_close(store: Arc<dyn Store>) {
    let a = submission("case-a", T0);
    let b = submission("case-b", T0 + Duration::minutes(1));
    let c = submission("case-c", T0 + Duration::minutes(2));
    for s in [&a, &b, &c] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    let mut first = case_of(&a, 1);
    store
        .open_case(change(&first, "opened", &[]), &[a.id])
        .await
        .unwrap();
    let second = case_of(&b, 2);
    store
        .open_case(change(&second, "opened", &[]), &[b.id, c.id])
        .await
        .unwrap();
    assert_eq!(store.case_of(a.id).await.unwrap().unwrap().id, first.id);
    assert_eq!(
        store.submission(a.id).await.unwrap().unwrap().stage,
        Stage::Contacted
    );

    first.stage = CaseStage::Investigating;
    store
        .update_case(change(&first, "stage", &[]))
        .await
        .unwrap();
    assert_eq!(
        store.submission(a.id).await.unwrap().unwrap().stage,
        Stage::InProgress
    );

    // Merge the second into the first: b and c move and take its stage.
    let mut merged = second.clone();
    merged.stage = CaseStage::Merged;
    merged.merged_into = Some(first.id);
    store
        .merge_cases(
            change(&first, "merged", &[]),
            change(&merged, "merged", &[]),
        )
        .await
        .unwrap();
    assert_eq!(store.case_submissions(first.id).await.unwrap().len(), 3);
    assert!(store.case_submissions(second.id).await.unwrap().is_empty());
    assert_eq!(
        store.case(second.id).await.unwrap().unwrap().stage,
        CaseStage::Merged
    );

    // Split c off into a new case.
    let split = case_of(&c, 3);
    store
        .split_case(
            change(&first, "split", &[]),
            change(&split, "split", &[]),
            &[c.id],
        )
        .await
        .unwrap();
    assert_eq!(store.case_of(c.id).await.unwrap().unwrap().id, split.id);
    assert_eq!(store.case_submissions(first.id).await.unwrap().len(), 2);

    // Close with an outcome, an update and a survey.
    first.stage = CaseStage::Closed;
    first.outcome = Some(Outcome::parse("diversion", None, Some("Divert"), "").unwrap());
    first.closed_at = Some(T0 + Duration::days(1));
    first.next_update_due = None;
    let update = [draft(&a, Some(first.id))];
    let survey = Survey {
        id: Uuid::from_u128(77),
        case_id: first.id,
        token_digest: "survey-digest".into(),
        channel: Channel::Web,
        community: Some("Turkish".into()),
        sent_at: T0,
        answered_at: None,
    };
    let mut closing = change(&first, "closed", &update);
    closing.survey = Some(&survey);
    store.update_case(closing).await.unwrap();
    let closed = store.case(first.id).await.unwrap().unwrap();
    assert_eq!(
        closed.outcome.unwrap().programme_name.as_deref(),
        Some("Divert")
    );
    assert_eq!(
        store.submission(b.id).await.unwrap().unwrap().stage,
        Stage::Closed
    );
    assert_eq!(store.messages_of(a.id).await.unwrap().len(), 1);
    assert_eq!(store.case_events(first.id).await.unwrap().len(), 5);
    let found = store
        .survey_by_token("survey-digest")
        .await
        .unwrap()
        .unwrap();
    let answers = SurveyAnswers {
        ease: 4,
        kept_informed: 5,
        treatment: 5,
        whole_experience: 4,
    };
    assert!(
        store
            .answer_survey(
                found.id,
                answers,
                Some("thank you"),
                T0,
                event(T0, "survey.answered", "")
            )
            .await
            .unwrap()
    );
    assert!(
        !store
            .answer_survey(
                found.id,
                answers,
                None,
                T0,
                event(T0, "survey.answered", "")
            )
            .await
            .unwrap(),
        "answered once"
    );
    let results = store.survey_results().await.unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].community.as_deref(), Some("Turkish"));
    assert_eq!(results[0].answers, answers);
    let open = store
        .open_cases(std::slice::from_ref(&a.team), None)
        .await
        .unwrap();
    assert_eq!(
        open.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![split.id]
    );
    verify_audit_chain(store.as_ref()).await.unwrap();
}

/// A disclosure from a case is kept as its recipient was given it, found by recipient and by
/// case, newest first, with its s.62 entry in the same transaction.
async fn disclosures_are_kept_as_given_and_found_by_recipient_and_case(store: Arc<dyn Store>) {
    use peel_core::sharing::{Field, Onward};
    let s = submission("disclosed", T0);
    store
        .create_submission(&s, None, event(T0, "submission.received", ""), None, &[])
        .await
        .unwrap();
    let case = case_of(&s, 9);
    store
        .open_case(change(&case, "opened", &[]), &[s.id])
        .await
        .unwrap();
    let practitioner = new_user("yw.amara", &[Role::PartnerPractitioner]);
    store
        .create_user(&practitioner, event(T0, "user.created", ""))
        .await
        .unwrap();
    let record = |n: u128, minutes: i64| peel_store::DisclosureRecord {
        id: Uuid::from_u128(n),
        case_id: case.id,
        agreement: "camden-youth".into(),
        agreement_version: 2,
        recipient: practitioner.id,
        recipient_name: "yw.amara".into(),
        fields: vec![Field::OffenceType, Field::Description],
        pseudonymised: true,
        onward: Onward::OrganisationOnly,
        marking: peel_core::Marking::AmberStrict,
        justification: String::new(),
        content: serde_json::json!([{"reference": "X", "person": "Person 1"}]),
        disclosed_at: T0 + Duration::minutes(minutes),
        disclosed_by: "user:1".into(),
        referral: n == 2,
    };
    let (first, second) = (record(1, 1), record(2, 2));
    for d in [&first, &second] {
        store
            .add_disclosure(d, None, event(T0, "sharing.disclosed", ""))
            .await
            .unwrap();
    }
    assert_eq!(
        store.disclosures_to(practitioner.id).await.unwrap(),
        vec![second.clone(), first.clone()]
    );
    assert_eq!(
        store.disclosures_from(case.id).await.unwrap(),
        vec![second, first.clone()]
    );
    assert!(
        store
            .disclosures_to(UserId(Uuid::from_u128(77)))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.disclosure(first.id).await.unwrap(),
        Some(first.clone())
    );

    // A job role is set, replaced and cleared.
    assert_eq!(store.job_role(practitioner.id).await.unwrap(), None);
    for role in [
        Some("youth worker"),
        Some("designated safeguarding lead"),
        None,
    ] {
        store
            .set_job_role(
                practitioner.id,
                role,
                "operator",
                T0,
                event(T0, "sharing.job_role_set", ""),
            )
            .await
            .unwrap();
        assert_eq!(
            store.job_role(practitioner.id).await.unwrap().as_deref(),
            role
        );
    }

    // A write-back is kept and arrives on the case as an event, in one transaction.
    let written = peel_store::WriteBack {
        id: Uuid::from_u128(9),
        disclosure: first.id,
        case_id: case.id,
        author: practitioner.id,
        author_name: "yw.amara (camden-youth-service)".into(),
        kind: peel_core::sharing::WriteBackKind::Update,
        body: "He joined the programme".into(),
        at: T0 + Duration::hours(3),
    };
    let on_case = peel_store::CaseEvent::new(
        case.id,
        written.at,
        "yw.amara",
        "partner",
        "wrote back: He joined the programme".into(),
    );
    store
        .add_write_back(&written, &on_case, event(T0, "sharing.written_back", ""))
        .await
        .unwrap();
    assert_eq!(
        store.write_backs_by(practitioner.id).await.unwrap(),
        vec![written]
    );
    assert!(
        store
            .case_events(case.id)
            .await
            .unwrap()
            .iter()
            .any(|e| e.kind == "partner" && e.detail.contains("joined the programme"))
    );
}

/// Open data reads each report with its case's outcome and when the case closed, and never a
/// report whose processing is restricted.
async fn open_data_reports_carry_their_case_outcome_and_leave_restricted_ones_out(
    store: Arc<dyn Store>,
) {
    let a = submission("open-a", T0);
    let mut b = submission("open-b", T0 + Duration::minutes(1));
    b.location = peel_core::submission::Location::Online;
    b.category = peel_core::submission::Category::OnlineAbuse;
    let r = submission("open-r", T0 + Duration::minutes(2));
    for s in [&a, &b, &r] {
        store
            .create_submission(s, None, event(T0, "submission.received", ""), None, &[])
            .await
            .unwrap();
    }
    assert!(
        store
            .restrict(
                r.id,
                Some("the reporter contests its accuracy"),
                event(T0, "record.restricted", "")
            )
            .await
            .unwrap()
    );
    let mut case = case_of(&a, 21);
    store
        .open_case(change(&case, "opened", &[]), &[a.id])
        .await
        .unwrap();
    let closed = T0 + Duration::days(3);
    case.stage = CaseStage::Closed;
    case.outcome = Some(Outcome::parse("charged", None, None, "").unwrap());
    case.closed_at = Some(closed);
    case.updated_at = closed;
    store
        .update_case(change(&case, "closed", &[]))
        .await
        .unwrap();

    let rows = store
        .open_data_reports(T0 - Duration::hours(1), T0 + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].id, a.id);
    assert_eq!(rows[0].category, peel_core::submission::Category::Burglary);
    assert_eq!(rows[0].location, a.location);
    assert_eq!(
        rows[0].outcome,
        Some((peel_core::case::OutcomeKind::Charged, closed))
    );
    assert_eq!(rows[1].id, b.id);
    assert_eq!(rows[1].location, peel_core::submission::Location::Online);
    assert_eq!(rows[1].outcome, None);
    assert!(
        store
            .open_data_reports(T0 + Duration::hours(1), T0 + Duration::days(9))
            .await
            .unwrap()
            .is_empty()
    );
}

contract!(
    store: open_data_reports_carry_their_case_outcome_and_leave_restricted_ones_out,
        outbox_messages_are_claimed_once_and_reclaimed_after_a_lease,
        disclosures_are_kept_as_given_and_found_by_recipient_and_case,
        cases_hold_submissions_through_merge_split_and_close;
    raw:
);
