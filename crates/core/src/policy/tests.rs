//! The role-by-action table. Every action in [`Action::ALL`] needs a row here.

use super::*;
use uuid::Uuid;

const ME: UserId = UserId(Uuid::from_u128(1));
const SOMEONE_ELSE: UserId = UserId(Uuid::from_u128(2));
const FORCE: &str = "met";

fn org(id: &str) -> OrganisationId {
    OrganisationId::parse(id).unwrap()
}

fn user(role: Role) -> Actor {
    Actor {
        principal: Principal::User(ME),
        roles: [role].into_iter().collect(),
        organisation: Some(org(FORCE)),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
    }
}

/// The resource each row is checked against: another person's account where an account is
/// needed, so that "may do it to anyone" is what the row says.
fn resource_for(action: Action) -> Resource {
    match action {
        Action::ListSessions | Action::RevokeSession | Action::RevokeAllSessions => {
            Resource::Account(SOMEONE_ELSE)
        }
        Action::SearchAuditLog | Action::ExportAuditLog | Action::VerifyAuditLog => {
            Resource::AuditLog
        }
        Action::ViewItem => Resource::Item {
            marking: Marking::AmberStrict,
            owning_organisation: org("another-organisation"),
            named_recipients: vec![],
        },
        _ => Resource::System,
    }
}

use Role::*;
const EVERY_ROLE: &[Role] = &Role::ALL;

/// (action, roles that may do it to someone else's resource, whether the public may).
const TABLE: &[(Action, &[Role], bool)] = &[
    (Action::ViewHealth, EVERY_ROLE, true),
    (Action::ViewOwnAccount, EVERY_ROLE, false),
    (Action::ListSessions, &[Administrator], false),
    (Action::RevokeSession, &[Administrator], false),
    (Action::RevokeAllSessions, &[Administrator], false),
    (Action::ListUsers, &[Administrator], false),
    (Action::CreateUser, &[Administrator], false),
    (Action::ChangeRoles, &[Administrator], false),
    (Action::ClearLockout, &[Administrator], false),
    (Action::ListApiKeys, &[Administrator], false),
    (Action::CreateApiKey, &[Administrator], false),
    (Action::RevokeApiKey, &[Administrator], false),
    (Action::SearchAuditLog, &[Auditor], false),
    (Action::ExportAuditLog, &[Auditor], false),
    (Action::VerifyAuditLog, &[Auditor, Administrator], false),
    // AMBER+STRICT from another organisation: nobody outside it, whatever their role.
    (Action::ViewItem, &[], false),
    (Action::SubmitReport, EVERY_ROLE, true),
    (Action::SubmitNotifications, &[], false),
    (Action::ViewQueue, FRONT_LINE, false),
    (Action::ViewSubmission, FRONT_LINE, false),
    (Action::RecordContact, FRONT_LINE, false),
    (Action::AddNote, FRONT_LINE, false),
    (Action::Reassign, FRONT_LINE, false),
    (Action::Regrade, FRONT_LINE, false),
    (Action::ViewEscalations, &[Supervisor], false),
    (Action::AssessRisk, FRONT_LINE, false),
    (Action::ViewAlerts, FRONT_LINE, false),
    (Action::HandleAlert, FRONT_LINE, false),
    (Action::ReadOwnNotifications, &[], false),
    (Action::ViewVetting, &[VettingOfficer], false),
    (Action::ManageTasks, &[Supervisor], false),
    (Action::UseOwnTasks, EVERY_ROLE, false),
    (Action::ManageAbstraction, &[Supervisor], false),
    (
        Action::ViewTrainingNeeds,
        &[Supervisor, VettingOfficer],
        false,
    ),
];

const FRONT_LINE: &[Role] = &[ContactHandler, NeighbourhoodOfficer, Supervisor];

/// Exhaustive on purpose: a new action will not compile until it is listed in `Action::ALL`.
fn position(action: Action) -> usize {
    match action {
        Action::ViewHealth => 0,
        Action::ViewOwnAccount => 1,
        Action::ListSessions => 2,
        Action::RevokeSession => 3,
        Action::RevokeAllSessions => 4,
        Action::ListUsers => 5,
        Action::CreateUser => 6,
        Action::ChangeRoles => 7,
        Action::ClearLockout => 8,
        Action::ListApiKeys => 9,
        Action::CreateApiKey => 10,
        Action::RevokeApiKey => 11,
        Action::SearchAuditLog => 12,
        Action::ExportAuditLog => 13,
        Action::VerifyAuditLog => 14,
        Action::ViewItem => 15,
        Action::SubmitReport => 16,
        Action::ViewQueue => 17,
        Action::ViewSubmission => 18,
        Action::RecordContact => 19,
        Action::AddNote => 20,
        Action::Reassign => 21,
        Action::Regrade => 22,
        Action::ViewEscalations => 23,
        Action::AssessRisk => 24,
        Action::SubmitNotifications => 25,
        Action::ViewAlerts => 26,
        Action::HandleAlert => 27,
        Action::ReadOwnNotifications => 28,
        Action::ViewVetting => 29,
        Action::ManageTasks => 30,
        Action::UseOwnTasks => 31,
        Action::ManageAbstraction => 32,
        Action::ViewTrainingNeeds => 33,
    }
}

#[test]
fn action_all_lists_every_action_once() {
    for (index, action) in Action::ALL.iter().enumerate() {
        assert_eq!(
            position(*action),
            index,
            "{action:?} is out of place in Action::ALL"
        );
    }
}

#[test]
fn every_action_has_exactly_one_row() {
    for action in Action::ALL {
        let rows = TABLE.iter().filter(|(a, _, _)| *a == action).count();
        assert_eq!(
            rows, 1,
            "{action:?} needs exactly one row in the role table"
        );
    }
}

#[test]
fn every_role_against_every_action_matches_the_table() {
    for (action, allowed, public_allowed) in TABLE {
        let resource = resource_for(*action);
        for role in Role::ALL {
            let outcome = authorize(&user(role), *action, &resource);
            assert_eq!(
                outcome.is_ok(),
                allowed.contains(&role),
                "{role:?} doing {action:?}: got {outcome:?}"
            );
        }
        let outcome = authorize(&Actor::public(), *action, &resource);
        assert_eq!(
            outcome.is_ok(),
            *public_allowed,
            "public doing {action:?}: got {outcome:?}"
        );
    }
}

#[test]
fn an_account_may_see_and_end_its_own_sessions_whatever_its_role() {
    for role in Role::ALL {
        for action in [
            Action::ListSessions,
            Action::RevokeSession,
            Action::RevokeAllSessions,
        ] {
            assert_eq!(
                authorize(&user(role), action, &Resource::Account(ME)),
                Ok(())
            );
        }
    }
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

#[test]
fn only_an_organisations_system_sends_notifications() {
    let client = Actor {
        principal: Principal::ApiClient(ApiKeyId(Uuid::from_u128(9))),
        roles: RoleSet::empty(),
        organisation: Some(org("a-bank")),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
    };
    let r = &Resource::System;
    assert_eq!(authorize(&client, Action::SubmitNotifications, r), Ok(()));
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
fn an_api_client_has_no_staff_powers() {
    let client = Actor {
        principal: Principal::ApiClient(ApiKeyId(Uuid::from_u128(9))),
        roles: RoleSet::empty(),
        organisation: Some(org("a-bank")),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
    };
    for action in Action::ALL {
        if matches!(
            action,
            Action::ViewHealth
                | Action::ViewItem
                | Action::SubmitReport
                | Action::SubmitNotifications
                | Action::ReadOwnNotifications
        ) {
            continue;
        }
        assert!(
            authorize(&client, action, &resource_for(action)).is_err(),
            "{action:?}"
        );
    }
}

fn item(marking: Marking, named: Vec<UserId>) -> Resource {
    Resource::Item {
        marking,
        owning_organisation: org(FORCE),
        named_recipients: named,
    }
}

fn partner() -> Actor {
    Actor {
        principal: Principal::User(SOMEONE_ELSE),
        roles: [PartnerPractitioner].into_iter().collect(),
        organisation: Some(org("nhs-trust")),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
    }
}

#[test]
fn clear_items_are_open_to_everyone() {
    assert_eq!(
        authorize(
            &Actor::public(),
            Action::ViewItem,
            &item(Marking::Clear, vec![])
        ),
        Ok(())
    );
}

#[test]
fn green_items_are_for_the_community_never_the_public() {
    let resource = item(Marking::Green, vec![]);
    assert_eq!(authorize(&partner(), Action::ViewItem, &resource), Ok(()));
    assert_eq!(
        authorize(&Actor::public(), Action::ViewItem, &resource),
        Err(Denied::NotSignedIn)
    );
}

#[test]
fn amber_strict_stays_inside_the_owning_organisation_unless_disclosed_by_name() {
    let resource = item(Marking::AmberStrict, vec![]);
    assert_eq!(
        authorize(&user(NeighbourhoodOfficer), Action::ViewItem, &resource),
        Ok(())
    );
    assert_eq!(
        authorize(&partner(), Action::ViewItem, &resource),
        Err(Denied::MarkingForbids)
    );
    let disclosed = item(Marking::AmberStrict, vec![SOMEONE_ELSE]);
    assert_eq!(authorize(&partner(), Action::ViewItem, &disclosed), Ok(()));
}

#[test]
fn red_items_are_for_named_recipients_only_even_inside_the_organisation() {
    let resource = item(Marking::Red, vec![SOMEONE_ELSE]);
    assert_eq!(
        authorize(&user(Supervisor), Action::ViewItem, &resource),
        Err(Denied::MarkingForbids)
    );
    assert_eq!(authorize(&partner(), Action::ViewItem, &resource), Ok(()));
}

#[test]
fn the_console_operator_may_administer_and_audit() {
    for action in [
        Action::CreateUser,
        Action::ExportAuditLog,
        Action::VerifyAuditLog,
    ] {
        assert_eq!(
            authorize(&Actor::operator("console"), action, &resource_for(action)),
            Ok(())
        );
    }
}
