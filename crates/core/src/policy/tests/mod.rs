//! The role × action × relationship table. Every action in [`Action::ALL`] needs a row for
//! each relationship its record can have; every row is checked for every role, with and
//! without a stated reason.

use super::*;
use uuid::Uuid;

mod markings;
mod scenarios;

const ME: UserId = UserId(Uuid::from_u128(1));
const SOMEONE_ELSE: UserId = UserId(Uuid::from_u128(2));
const FORCE: &str = "met";

fn org(id: &str) -> OrganisationId {
    OrganisationId::parse(id).unwrap()
}

fn team(id: &str) -> TeamId {
    TeamId::parse(id).unwrap()
}

/// The ward team whose report or queue the scoped rows are about.
fn theirs() -> TeamId {
    team("snt-E05013806")
}

/// Another ward team, the actor's when they are not of the record's team.
fn elsewhere() -> TeamId {
    team("snt-E05000001")
}

fn user(role: Role) -> Actor {
    Actor {
        principal: Principal::User(ME),
        roles: [role].into_iter().collect(),
        organisation: Some(org(FORCE)),
        team: None,
        supervises: Vec::new(),
        label: "test".to_owned(),
        reason: None,
    }
}

/// What kind of record an action is done to, which says the relationships it can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No record: the role alone decides.
    Unscoped,
    /// An account (own, or someone else's).
    Account,
    /// A report or concern.
    Submission,
    /// A team's queue.
    Team,
    /// A task.
    Task,
    /// A vetting record.
    Person,
}

impl Kind {
    fn relationships(self) -> Vec<Option<Relationship>> {
        match self {
            Kind::Unscoped => vec![None],
            Kind::Submission => Relationship::ALL.iter().copied().map(Some).collect(),
            Kind::Team => vec![
                Some(Relationship::Own),
                Some(Relationship::Supervised),
                Some(Relationship::Other),
            ],
            Kind::Account | Kind::Task | Kind::Person => {
                vec![Some(Relationship::Own), Some(Relationship::Other)]
            }
        }
    }
}

/// Exhaustive on purpose: a new action will not compile until it has a kind here.
fn kind(action: Action) -> Kind {
    use Action::*;
    match action {
        ViewHealth | ViewOwnAccount | ListUsers | CreateUser | ClearLockout | ListApiKeys
        | CreateApiKey | RevokeApiKey | SearchAuditLog | ExportAuditLog | VerifyAuditLog
        | ViewItem | SubmitReport | ViewEscalations | SubmitNotifications | ViewAlerts
        | HandleAlert | ReadOwnNotifications | ManageAbstraction | ViewTrainingNeeds
        | ViewSatisfaction | SendConcern | TakeReportOnBehalf | ManageTraining
        | ManageAgreements | ReadOwnDisclosures | AnswerSubjectRights | ReviewRetention
        | ProduceSharingPack | ViewStatistics | PublishOpenData => Kind::Unscoped,
        ListSessions | RevokeSession | RevokeAllSessions | ChangeRoles | ManageAccount
        | WriteBack => Kind::Account,
        ViewSubmission | RecordContact | AddNote | Reassign | Regrade | AssessRisk
        | ManageTasks => Kind::Submission,
        ViewQueue | ManageWardPriorities => Kind::Team,
        UseOwnTasks => Kind::Task,
        ViewVetting | ChangeClearance | VerifySkill => Kind::Person,
    }
}

/// A domestic-abuse report of [`theirs`]: sensitive, so the safeguarding team is its
/// specialist.
fn sensitive_report() -> SubmissionFacts {
    SubmissionFacts {
        team: theirs(),
        category: Category::DomesticAbuse,
        has_dash: false,
        restricted: false,
    }
}

/// `actor` placed in `relationship` to the record `action` is done to, and that record.
fn fixture(
    mut actor: Actor,
    action: Action,
    relationship: Option<Relationship>,
) -> (Actor, Resource) {
    let owner = |r: Option<Relationship>| match r {
        Some(Relationship::Own) => Some(ME),
        _ => Some(SOMEONE_ELSE),
    };
    match relationship {
        Some(Relationship::Own) => actor.team = Some(theirs()),
        Some(Relationship::Supervised) => {
            actor.team = Some(elsewhere());
            actor.supervises = vec![theirs()];
        }
        Some(Relationship::Specialist) => actor.team = Some(TeamId::safeguarding()),
        Some(Relationship::Other) => actor.team = Some(elsewhere()),
        None => {}
    }
    let resource = match kind(action) {
        Kind::Unscoped => match action {
            Action::SearchAuditLog | Action::ExportAuditLog | Action::VerifyAuditLog => {
                Resource::AuditLog
            }
            // AMBER+STRICT from another organisation: nobody outside it, whatever their role.
            Action::ViewItem => Resource::Item {
                marking: Marking::AmberStrict,
                owning_organisation: org("another-organisation"),
                named_recipients: vec![],
            },
            _ => Resource::System,
        },
        Kind::Account => Resource::Account(owner(relationship).unwrap_or(SOMEONE_ELSE)),
        Kind::Submission => Resource::Submission(sensitive_report()),
        Kind::Team => Resource::Team(theirs()),
        Kind::Task => Resource::Task(TaskFacts {
            assignee: owner(relationship),
            kind: Some(PersonKind::Volunteer),
            cleared: true,
        }),
        Kind::Person => Resource::Person(PersonFacts {
            account: owner(relationship),
        }),
    };
    (actor, resource)
}

use Relationship::{Other, Own, Specialist, Supervised};
use Role::*;
const EVERY_ROLE: &[Role] = &Role::ALL;
const FRONT_LINE: &[Role] = &[ContactHandler, NeighbourhoodOfficer, Supervisor];
const FRONT_LINE_BUT_SUPERVISOR: &[Role] = &[ContactHandler, NeighbourhoodOfficer];
const NONE: &[Role] = &[];

/// (action, relationship, roles granted, roles granted only with a stated reason). Every other
/// role is refused. A supervisor's "supervises" list means nothing on another role, so in the
/// supervised rows the other front-line roles stand to the record as any other team does.
/// One row: the action, the relationship, the roles granted, the roles granted with a reason.
type Row = (
    Action,
    Option<Relationship>,
    &'static [Role],
    &'static [Role],
);

const TABLE: &[Row] = &[
    (Action::ViewHealth, None, EVERY_ROLE, NONE),
    (Action::ViewOwnAccount, None, EVERY_ROLE, NONE),
    (Action::ListSessions, Some(Own), EVERY_ROLE, NONE),
    (Action::ListSessions, Some(Other), &[Administrator], NONE),
    (Action::RevokeSession, Some(Own), EVERY_ROLE, NONE),
    (Action::RevokeSession, Some(Other), &[Administrator], NONE),
    (Action::RevokeAllSessions, Some(Own), EVERY_ROLE, NONE),
    (
        Action::RevokeAllSessions,
        Some(Other),
        &[Administrator],
        NONE,
    ),
    (Action::ListUsers, None, &[Administrator], NONE),
    (Action::CreateUser, None, &[Administrator], NONE),
    // Nobody changes their own roles.
    (Action::ChangeRoles, Some(Own), NONE, NONE),
    (Action::ChangeRoles, Some(Other), &[Administrator], NONE),
    // Nor manages their own account (passwords, disabling, one-time passwords).
    (Action::ManageAccount, Some(Own), NONE, NONE),
    (Action::ManageAccount, Some(Other), &[Administrator], NONE),
    (Action::ClearLockout, None, &[Administrator], NONE),
    (Action::ListApiKeys, None, &[Administrator], NONE),
    (Action::CreateApiKey, None, &[Administrator], NONE),
    (Action::RevokeApiKey, None, &[Administrator], NONE),
    (Action::SearchAuditLog, None, &[Auditor], NONE),
    (Action::ExportAuditLog, None, &[Auditor], NONE),
    (
        Action::VerifyAuditLog,
        None,
        &[Auditor, Administrator],
        NONE,
    ),
    (Action::ViewItem, None, NONE, NONE),
    (Action::SubmitReport, None, EVERY_ROLE, NONE),
    (Action::ViewQueue, Some(Own), FRONT_LINE, NONE),
    (
        Action::ViewQueue,
        Some(Supervised),
        &[Supervisor],
        FRONT_LINE_BUT_SUPERVISOR,
    ),
    (Action::ViewQueue, Some(Other), NONE, FRONT_LINE),
    (Action::ViewSubmission, Some(Own), FRONT_LINE, NONE),
    (
        Action::ViewSubmission,
        Some(Supervised),
        &[Supervisor],
        FRONT_LINE_BUT_SUPERVISOR,
    ),
    (Action::ViewSubmission, Some(Specialist), FRONT_LINE, NONE),
    (Action::ViewSubmission, Some(Other), NONE, FRONT_LINE),
    (Action::RecordContact, Some(Own), FRONT_LINE, NONE),
    (Action::RecordContact, Some(Supervised), &[Supervisor], NONE),
    (Action::RecordContact, Some(Specialist), NONE, NONE),
    (Action::RecordContact, Some(Other), NONE, NONE),
    (Action::AddNote, Some(Own), FRONT_LINE, NONE),
    (Action::AddNote, Some(Supervised), &[Supervisor], NONE),
    (Action::AddNote, Some(Specialist), NONE, NONE),
    (Action::AddNote, Some(Other), NONE, NONE),
    // The specialist team may take a report on by moving it to its own queue.
    (Action::Reassign, Some(Own), FRONT_LINE, NONE),
    (Action::Reassign, Some(Supervised), &[Supervisor], NONE),
    (Action::Reassign, Some(Specialist), FRONT_LINE, NONE),
    (Action::Reassign, Some(Other), NONE, NONE),
    (Action::Regrade, Some(Own), FRONT_LINE, NONE),
    (Action::Regrade, Some(Supervised), &[Supervisor], NONE),
    (Action::Regrade, Some(Specialist), NONE, NONE),
    (Action::Regrade, Some(Other), NONE, NONE),
    (Action::ViewEscalations, None, &[Supervisor], NONE),
    (Action::AssessRisk, Some(Own), FRONT_LINE, NONE),
    (Action::AssessRisk, Some(Supervised), &[Supervisor], NONE),
    (Action::AssessRisk, Some(Specialist), NONE, NONE),
    (Action::AssessRisk, Some(Other), NONE, NONE),
    (Action::SubmitNotifications, None, NONE, NONE),
    (Action::ViewAlerts, None, FRONT_LINE, NONE),
    (Action::HandleAlert, None, FRONT_LINE, NONE),
    (Action::ReadOwnNotifications, None, NONE, NONE),
    // Reading one's own vetting record is allowed; acting on it is not.
    (Action::ViewVetting, Some(Own), &[VettingOfficer], NONE),
    (Action::ViewVetting, Some(Other), &[VettingOfficer], NONE),
    (Action::ChangeClearance, Some(Own), NONE, NONE),
    (
        Action::ChangeClearance,
        Some(Other),
        &[VettingOfficer],
        NONE,
    ),
    (Action::VerifySkill, Some(Own), NONE, NONE),
    (Action::VerifySkill, Some(Other), &[VettingOfficer], NONE),
    (Action::ManageTasks, Some(Own), &[Supervisor], NONE),
    (Action::ManageTasks, Some(Supervised), &[Supervisor], NONE),
    (Action::ManageTasks, Some(Specialist), NONE, NONE),
    (Action::ManageTasks, Some(Other), NONE, NONE),
    // A volunteer's own task, with a clearance covering it: their account's role decides.
    (Action::UseOwnTasks, Some(Own), &[Volunteer], NONE),
    (Action::UseOwnTasks, Some(Other), NONE, NONE),
    (Action::ManageAbstraction, None, &[Supervisor], NONE),
    (
        Action::ViewTrainingNeeds,
        None,
        &[Supervisor, VettingOfficer],
        NONE,
    ),
    (Action::ViewSatisfaction, None, &[Analyst, Supervisor], NONE),
    (Action::ViewStatistics, None, &[Analyst, Supervisor], NONE),
    (Action::PublishOpenData, None, &[Analyst], NONE),
    (
        Action::ManageWardPriorities,
        Some(Own),
        &[NeighbourhoodOfficer, Supervisor],
        NONE,
    ),
    (
        Action::ManageWardPriorities,
        Some(Supervised),
        &[Supervisor],
        NONE,
    ),
    (Action::ManageWardPriorities, Some(Other), NONE, NONE),
    (Action::SendConcern, None, &[Intermediary], NONE),
    (Action::TakeReportOnBehalf, None, FRONT_LINE, NONE),
    (
        Action::ManageTraining,
        None,
        &[Supervisor, VettingOfficer],
        NONE,
    ),
    (Action::ManageAgreements, None, &[Auditor], NONE),
    (
        Action::ReadOwnDisclosures,
        None,
        &[PartnerPractitioner],
        NONE,
    ),
    (Action::AnswerSubjectRights, None, &[Auditor], NONE),
    (Action::WriteBack, Some(Own), &[PartnerPractitioner], NONE),
    (Action::WriteBack, Some(Other), NONE, NONE),
    (Action::ReviewRetention, None, &[Supervisor, Auditor], NONE),
    (
        Action::ProduceSharingPack,
        None,
        &[Supervisor, Analyst],
        NONE,
    ),
];

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
        Action::ChangeClearance => 30,
        Action::VerifySkill => 31,
        Action::ManageTasks => 32,
        Action::UseOwnTasks => 33,
        Action::ManageAbstraction => 34,
        Action::ViewTrainingNeeds => 35,
        Action::ManageAccount => 36,
        Action::ViewSatisfaction => 37,
        Action::SendConcern => 38,
        Action::TakeReportOnBehalf => 39,
        Action::ManageTraining => 40,
        Action::ManageAgreements => 41,
        Action::ReadOwnDisclosures => 42,
        Action::AnswerSubjectRights => 43,
        Action::ReviewRetention => 44,
        Action::ProduceSharingPack => 45,
        Action::WriteBack => 46,
        Action::ViewStatistics => 47,
        Action::PublishOpenData => 48,
        Action::ManageWardPriorities => 49,
    }
}

/// Exhaustive on purpose: a new relationship will not compile until it is placed here, and
/// then every submission-scoped action needs a row for it.
#[test]
fn relationship_all_lists_every_relationship_once() {
    for (index, relationship) in Relationship::ALL.iter().enumerate() {
        let at = match relationship {
            Own => 0,
            Supervised => 1,
            Specialist => 2,
            Other => 3,
        };
        assert_eq!(at, index, "{relationship:?} is out of place");
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
fn every_action_has_exactly_one_row_per_relationship() {
    for action in Action::ALL {
        for relationship in kind(action).relationships() {
            let rows = TABLE
                .iter()
                .filter(|(a, r, _, _)| *a == action && *r == relationship)
                .count();
            assert_eq!(
                rows, 1,
                "{action:?} needs exactly one row for {relationship:?}"
            );
        }
        let all = TABLE.iter().filter(|(a, ..)| *a == action).count();
        assert_eq!(
            all,
            kind(action).relationships().len(),
            "{action:?} has a row for a relationship its record cannot have"
        );
    }
}

#[test]
fn every_role_against_every_action_and_relationship_matches_the_table() {
    for (action, relationship, granted, with_reason) in TABLE {
        for role in Role::ALL {
            let (actor, resource) = fixture(user(role), *action, *relationship);
            assert_eq!(
                relationship_checked(&actor, &resource, *relationship),
                Ok(()),
                "the fixture for {action:?} {relationship:?}"
            );
            let plain = authorize(&actor, *action, &resource);
            let stated = authorize(
                &actor.clone().with_reason(Some("same suspect as my case")),
                *action,
                &resource,
            );
            let context = format!("{role:?} doing {action:?} ({relationship:?})");
            if granted.contains(&role) {
                assert_eq!(plain, Ok(Access::Granted), "{context}");
                assert_eq!(stated, Ok(Access::Granted), "{context}, with a reason");
            } else if with_reason.contains(&role) {
                assert_eq!(plain, Err(Denied::ReasonRequired), "{context}");
                assert_eq!(stated, Ok(Access::WithReason), "{context}, with a reason");
            } else {
                assert!(plain.is_err(), "{context}: got {plain:?}");
                assert!(stated.is_err(), "{context}, with a reason: got {stated:?}");
            }
        }
    }
}

/// The fixture stands where the row says (a non-supervisor's "supervises" counts as other).
fn relationship_checked(
    actor: &Actor,
    resource: &Resource,
    wanted: Option<Relationship>,
) -> Result<(), String> {
    let got = relationship(actor, resource);
    let fits = got == wanted
        || (wanted == Some(Supervised) && got == Some(Other) && !actor.roles.has(Role::Supervisor));
    if fits {
        Ok(())
    } else {
        Err(format!("stands {got:?}, wanted {wanted:?}"))
    }
}

#[test]
fn the_public_may_only_look_and_report() {
    for action in Action::ALL {
        for relationship in kind(action).relationships() {
            let (actor, resource) = fixture(Actor::public(), action, relationship);
            let outcome = authorize(&actor, action, &resource);
            let allowed = matches!(action, Action::ViewHealth | Action::SubmitReport);
            assert_eq!(outcome.is_ok(), allowed, "public doing {action:?}");
        }
    }
}

#[test]
fn refusals_say_what_to_do() {
    let officer = |team: TeamId| Actor {
        team: Some(team),
        ..user(NeighbourhoodOfficer)
    };
    let report = Resource::Submission(sensitive_report());
    assert_eq!(
        authorize(&officer(elsewhere()), Action::ViewSubmission, &report),
        Err(Denied::ReasonRequired)
    );
    assert_eq!(
        authorize(
            &officer(elsewhere()).with_reason(Some("linked to my case")),
            Action::AddNote,
            &report
        ),
        Err(Denied::OtherTeam),
        "a reason lets another team read, never change"
    );
    assert_eq!(
        authorize(&officer(TeamId::safeguarding()), Action::Regrade, &report),
        Err(Denied::OtherTeam),
        "the specialist team moves a report to itself before changing it"
    );
    assert_eq!(
        authorize(&officer(TeamId::safeguarding()), Action::Reassign, &report),
        Ok(Access::Granted)
    );
}

#[test]
fn an_empty_or_blank_reason_is_no_reason() {
    let actor = Actor {
        team: Some(elsewhere()),
        ..user(NeighbourhoodOfficer)
    };
    let report = Resource::Submission(sensitive_report());
    for reason in [Some(""), Some("   "), None] {
        assert_eq!(
            authorize(
                &actor.clone().with_reason(reason),
                Action::ViewSubmission,
                &report
            ),
            Err(Denied::ReasonRequired)
        );
    }
    let long = "x".repeat(MAX_REASON * 2);
    let stated = actor.with_reason(Some(&long));
    assert_eq!(stated.reason.map(|r| r.chars().count()), Some(MAX_REASON));
}

#[test]
fn the_specialist_team_follows_the_category() {
    let facts = |category, has_dash| SubmissionFacts {
        team: theirs(),
        category,
        has_dash,
        restricted: false,
    };
    let specialist = |f: SubmissionFacts| f.specialist();
    assert_eq!(
        specialist(facts(Category::DomesticAbuse, false)),
        Some(TeamId::safeguarding())
    );
    assert_eq!(
        specialist(facts(Category::HateIncident, false)),
        Some(TeamId::safeguarding())
    );
    assert_eq!(
        specialist(facts(Category::ViolentCrime, false)),
        Some(TeamId::safeguarding())
    );
    assert_eq!(
        specialist(facts(Category::Fraud, false)),
        Some(TeamId::fraud())
    );
    assert_eq!(
        specialist(facts(Category::Fraud, true)),
        Some(TeamId::safeguarding()),
        "a DASH checklist makes any report sensitive"
    );
    assert_eq!(specialist(facts(Category::Burglary, false)), None);

    // The fraud team reads a fraud report as its own; the safeguarding team breaks glass.
    let fraud = Resource::Submission(facts(Category::Fraud, false));
    let in_team = |team: TeamId| Actor {
        team: Some(team),
        ..user(ContactHandler)
    };
    assert_eq!(
        authorize(&in_team(TeamId::fraud()), Action::ViewSubmission, &fraud),
        Ok(Access::Granted)
    );
    assert_eq!(
        authorize(
            &in_team(TeamId::safeguarding()),
            Action::ViewSubmission,
            &fraud
        ),
        Err(Denied::ReasonRequired)
    );
    // An account with no team stands to every report as another team does.
    assert_eq!(
        authorize(&user(ContactHandler), Action::ViewSubmission, &fraud),
        Err(Denied::ReasonRequired)
    );
}
