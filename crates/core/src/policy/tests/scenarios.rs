//! The policy in particular situations, beyond the role table: tasks and clearances, one's own
//! record, supervisors' teams, API clients, the console, restricted records.

use super::*;

#[test]
fn a_task_is_seen_only_by_its_cleared_assignee_holding_the_role_for_their_kind() {
    let task = |assignee, kind, cleared| {
        Resource::Task(TaskFacts {
            assignee: Some(assignee),
            kind: Some(kind),
            cleared,
        })
    };
    let volunteer = user(Volunteer);
    let uses = |actor: &Actor, resource: &Resource| authorize(actor, Action::UseOwnTasks, resource);
    assert_eq!(
        uses(&volunteer, &task(ME, PersonKind::Volunteer, true)),
        Ok(Access::Granted)
    );
    assert_eq!(
        uses(&volunteer, &task(ME, PersonKind::Volunteer, false)),
        Err(Denied::ClearanceLapsed),
        "a suspended or lapsed clearance ends it at the next request"
    );
    assert_eq!(
        uses(&volunteer, &task(SOMEONE_ELSE, PersonKind::Volunteer, true)),
        Err(Denied::NotAssigned)
    );
    let leaver = Actor {
        roles: RoleSet::empty(),
        ..user(Volunteer)
    };
    assert_eq!(
        uses(&leaver, &task(ME, PersonKind::Volunteer, true)),
        Err(Denied::RoleNotAllowed),
        "removing the role ends it at the next request"
    );
    assert_eq!(
        uses(
            &user(NeighbourhoodOfficer),
            &task(ME, PersonKind::Officer, true)
        ),
        Ok(Access::Granted),
        "an officer's tasks need a front-line role, not the volunteer role"
    );
    assert_eq!(
        uses(&volunteer, &task(ME, PersonKind::Officer, true)),
        Err(Denied::RoleNotAllowed)
    );
    // The list of one's own tasks is open to any account; each task is checked as above.
    assert_eq!(
        authorize(&leaver, Action::UseOwnTasks, &Resource::System),
        Ok(Access::Granted)
    );
}

#[test]
fn nobody_vets_themselves_or_changes_their_own_roles() {
    let own_record = Resource::Person(PersonFacts { account: Some(ME) });
    for action in [Action::ChangeClearance, Action::VerifySkill] {
        assert_eq!(
            authorize(&user(VettingOfficer), action, &own_record),
            Err(Denied::OwnRecord)
        );
    }
    assert_eq!(
        authorize(
            &user(Administrator),
            Action::ChangeRoles,
            &Resource::Account(ME)
        ),
        Err(Denied::OwnRecord)
    );
    let no_account = Resource::Person(PersonFacts { account: None });
    assert_eq!(
        authorize(&user(VettingOfficer), Action::ChangeClearance, &no_account),
        Ok(Access::Granted),
        "a person with no account is nobody's own record"
    );
}

#[test]
fn a_supervisor_manages_tasks_on_the_teams_they_supervise_only() {
    let supervisor = Actor {
        team: Some(elsewhere()),
        supervises: vec![theirs()],
        ..user(Supervisor)
    };
    let report = |team| {
        Resource::Submission(SubmissionFacts {
            team,
            category: Category::Burglary,
            has_dash: false,
            restricted: false,
        })
    };
    assert_eq!(
        authorize(&supervisor, Action::ManageTasks, &report(theirs())),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(&supervisor, Action::ManageTasks, &report(elsewhere())),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(
            &supervisor,
            Action::ManageTasks,
            &report(team("snt-E05000002"))
        ),
        Err(Denied::OtherTeam)
    );
}

#[test]
fn an_administrator_cannot_read_the_audit_log_without_the_auditor_role() {
    let outcome = authorize(
        &user(Administrator),
        Action::SearchAuditLog,
        &Resource::AuditLog,
    );
    assert_eq!(outcome, Err(Denied::RoleNotAllowed));
}

fn api_client() -> Actor {
    Actor {
        principal: Principal::ApiClient(ApiKeyId(Uuid::from_u128(9))),
        roles: RoleSet::empty(),
        organisation: Some(org("a-bank")),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
        reason: None,
    }
}

#[test]
fn only_an_organisations_system_sends_notifications() {
    let r = &Resource::System;
    assert_eq!(
        authorize(&api_client(), Action::SubmitNotifications, r),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(&user(Administrator), Action::SubmitNotifications, r),
        Err(Denied::RoleNotAllowed)
    );
    assert_eq!(
        authorize(&Actor::public(), Action::SubmitNotifications, r),
        Err(Denied::NotSignedIn)
    );
}

#[test]
fn concerns_come_from_intermediaries_or_an_organisations_system() {
    let r = &Resource::System;
    assert_eq!(
        authorize(&api_client(), Action::SendConcern, r),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(&user(Intermediary), Action::SendConcern, r),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(&user(ContactHandler), Action::SendConcern, r),
        Err(Denied::RoleNotAllowed)
    );
    assert_eq!(
        authorize(&Actor::public(), Action::SendConcern, r),
        Err(Denied::NotSignedIn)
    );
}

#[test]
fn an_api_client_has_no_staff_powers() {
    for action in Action::ALL {
        if matches!(
            action,
            Action::ViewHealth
                | Action::ViewItem
                | Action::SubmitReport
                | Action::SubmitNotifications
                | Action::ReadOwnNotifications
                | Action::SendConcern
        ) {
            continue;
        }
        for relationship in kind(action).relationships() {
            let (actor, resource) = fixture(api_client(), action, relationship);
            assert!(authorize(&actor, action, &resource).is_err(), "{action:?}");
        }
    }
}

#[test]
fn permits_never_breaks_glass() {
    let actor = Actor {
        team: Some(elsewhere()),
        ..user(NeighbourhoodOfficer)
    }
    .with_reason(Some("checking"));
    let report = Resource::Submission(sensitive_report());
    assert_eq!(
        authorize(&actor, Action::ViewSubmission, &report),
        Ok(Access::WithReason)
    );
    assert!(!permits(&actor, Action::ViewSubmission, &report));
}

#[test]
fn the_console_operator_may_administer_and_audit() {
    for action in [
        Action::CreateUser,
        Action::ExportAuditLog,
        Action::VerifyAuditLog,
        Action::ChangeRoles,
        Action::ManageAgreements,
        Action::AnswerSubjectRights,
        Action::ReviewRetention,
        Action::PublishOpenData,
        Action::ManageWardPriorities,
    ] {
        let (actor, resource) = fixture(
            Actor::operator("console"),
            action,
            kind(action).relationships()[0],
        );
        assert_eq!(authorize(&actor, action, &resource), Ok(Access::Granted));
    }
}

#[test]
fn a_restricted_record_is_read_by_nobody_without_a_purpose_and_changed_by_nobody() {
    let restricted = Resource::Submission(SubmissionFacts {
        restricted: true,
        ..sensitive_report()
    });
    let own_team = Actor {
        team: Some(theirs()),
        ..user(NeighbourhoodOfficer)
    };
    assert_eq!(
        authorize(&own_team, Action::ViewSubmission, &restricted),
        Err(Denied::PurposeRequired)
    );
    let stating = own_team
        .clone()
        .with_reason(Some("the victim asked for an update"));
    assert_eq!(
        authorize(&stating, Action::ViewSubmission, &restricted),
        Ok(Access::WithReason)
    );
    for action in [
        Action::AddNote,
        Action::RecordContact,
        Action::Regrade,
        Action::AssessRisk,
        Action::Reassign,
    ] {
        assert_eq!(
            authorize(&stating, action, &restricted),
            Err(Denied::Restricted),
            "{action:?}"
        );
    }
}
