//! Access policy: the one pure function that decides who may do what, on the facts of the
//! record itself.
//!
//! **This is a security-sensitive module.** Every request that reads or changes anything passes
//! through [`authorize`] at one choke point (`peel_app::Context::authorize`); nothing else
//! grants access. The caller gathers the record's facts (a submission's team, category and
//! checklist; a task's assignee and their clearance; a vetting record's account) into a
//! [`Resource`]; the rule decides from those and the [`Actor`] alone.
//!
//! The rules, each a row of the role × action × relationship table test:
//! - front-line staff read and change what belongs to their own team; a supervisor, the teams
//!   they supervise too;
//! - another team's report is read only with a stated reason (break glass,
//!   [`Access::WithReason`]), which becomes the audit justification; nothing of it may be
//!   changed until it is moved to the reader's team;
//! - a sensitive report (domestic abuse, violence and sexual offences, hate, or anything with a
//!   DASH checklist) is read by its own team and the safeguarding team; a fraud report by its
//!   own team and the fraud team; everyone else breaks glass;
//! - a task's details are seen only by the account of the person it is given to, while that
//!   account holds a role for the person's kind and a clearance covering the task is in date;
//! - nobody acts on their own vetting record, clearance or skill evidence, nor changes their own
//!   roles;
//! - anything derived from a notification (links, alerts, values) is an [`Resource::Item`] read
//!   under its marking.
//!
//! Adding an [`Action`] or a [`Relationship`] without a row in the table test makes it fail.

use crate::people::matching::PersonKind;
use crate::submission::Category;
use crate::{ApiKeyId, Marking, OrganisationId, Role, RoleSet, TeamId, UserId};

mod action;

pub use action::Action;

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A member of the public, not signed in.
    Public,
    /// A signed-in account.
    User(UserId),
    /// A machine client holding an API key.
    ApiClient(ApiKeyId),
    /// Someone at the server's console with access to its data directory (the `peel` CLI).
    Operator,
}

/// An actor: the principal, the roles it holds, the organisation it acts for and the teams it
/// works in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Who is acting.
    pub principal: Principal,
    /// The roles held; empty for the public and for API clients.
    pub roles: RoleSet,
    /// The organisation the actor belongs to (the force's own code for force staff).
    pub organisation: Option<OrganisationId>,
    /// The team whose work is theirs, if any.
    pub team: Option<TeamId>,
    /// For a supervisor, the teams they supervise besides their own.
    pub supervises: Vec<TeamId>,
    /// A readable name for the audit trail (a username, an API key's label and organisation,
    /// the console's user); never used to decide anything.
    pub label: String,
    /// The reason stated with this request for reading another team's work (break glass);
    /// it becomes the audit entry's justification.
    pub reason: Option<String>,
}

impl Actor {
    /// A member of the public.
    pub fn public() -> Actor {
        Actor {
            principal: Principal::Public,
            roles: RoleSet::empty(),
            organisation: None,
            team: None,
            supervises: Vec::new(),
            label: "public".to_owned(),
            reason: None,
        }
    }

    /// The console operator, named in the audit trail by `label`.
    pub fn operator(label: &str) -> Actor {
        Actor {
            principal: Principal::Operator,
            roles: RoleSet::empty(),
            organisation: None,
            team: None,
            supervises: Vec::new(),
            label: label.to_owned(),
            reason: None,
        }
    }

    /// A member of the public, named in the audit trail by `label` (their network address,
    /// or what they used: "setup link", "status lookup").
    pub fn public_as(label: &str) -> Actor {
        Actor {
            label: label.to_owned(),
            ..Actor::public()
        }
    }

    /// The stable reference written to the audit trail: `user:<id>`, `api_key:<id>`,
    /// `operator` or `public`.
    pub fn reference(&self) -> String {
        match &self.principal {
            Principal::Public => "public".to_owned(),
            Principal::User(id) => format!("user:{id}"),
            Principal::ApiClient(id) => format!("api_key:{id}"),
            Principal::Operator => "operator".to_owned(),
        }
    }

    /// The account id, when the actor is a signed-in account.
    pub fn user_id(&self) -> Option<UserId> {
        match self.principal {
            Principal::User(id) => Some(id),
            _ => None,
        }
    }

    /// The same actor, stating `reason` for reading another team's work. An empty reason is
    /// no reason; a long one is cut to [`MAX_REASON`] characters.
    pub fn with_reason(self, reason: Option<&str>) -> Actor {
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| r.chars().take(MAX_REASON).collect());
        Actor { reason, ..self }
    }

    fn has(&self, role: Role) -> bool {
        self.roles.has(role)
    }

    /// Whether the actor works in `team`, or supervises it.
    fn team_relationship(&self, team: &TeamId) -> Option<Relationship> {
        if self.team.as_ref() == Some(team) {
            Some(Relationship::Own)
        } else if self.has(Role::Supervisor) && self.supervises.contains(team) {
            Some(Relationship::Supervised)
        } else {
            None
        }
    }
}

/// The longest reason kept, in characters.
pub const MAX_REASON: usize = 500;

/// What the action is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The service as a whole, or a list the service scopes to the actor itself.
    System,
    /// An account (its page, its sessions, its roles).
    Account(UserId),
    /// The audit trail.
    AuditLog,
    /// An item carrying a marking: who owns it and who is named on it. Everything derived
    /// from a notification (a link, an alert, a shared value) is read as one.
    Item {
        /// Its TLP marking.
        marking: Marking,
        /// The organisation that owns it.
        owning_organisation: OrganisationId,
        /// Accounts it was disclosed to by name (the only readers of TLP:RED).
        named_recipients: Vec<UserId>,
    },
    /// A report or concern, by the facts that decide who may read and change it.
    Submission(SubmissionFacts),
    /// A team's work as a whole: its queue.
    Team(TeamId),
    /// A task, by who it is given to and whether they may do it now.
    Task(TaskFacts),
    /// A person's vetting record: their clearances and the evidence for their skills.
    Person(PersonFacts),
}

/// The facts of a submission that access turns on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFacts {
    /// The team whose queue holds it.
    pub team: TeamId,
    /// What kind of thing happened.
    pub category: Category,
    /// Whether a DASH checklist is kept for it.
    pub has_dash: bool,
    /// Whether its processing is restricted (DPA 2018 s.47): kept, read by nobody without a
    /// stated purpose, changed by nobody.
    pub restricted: bool,
}

impl SubmissionFacts {
    /// Whether it is sensitive: domestic abuse, violence and sexual offences, hate, or anything
    /// with a DASH checklist. Peel has no category of its own for child safeguarding yet; such
    /// a concern arrives as one of these or is moved to the safeguarding team.
    pub fn sensitive(&self) -> bool {
        self.has_dash
            || matches!(
                self.category,
                Category::DomesticAbuse | Category::ViolentCrime | Category::HateIncident
            )
    }

    /// The specialist team that reads it as its own: safeguarding for a sensitive report,
    /// fraud for a fraud report.
    pub fn specialist(&self) -> Option<TeamId> {
        if self.sensitive() {
            Some(TeamId::safeguarding())
        } else if self.category == Category::Fraud {
            Some(TeamId::fraud())
        } else {
            None
        }
    }
}

/// The facts of a task that access turns on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFacts {
    /// The account of the person it is given to, if it is given and they have one.
    pub assignee: Option<UserId>,
    /// That person's kind, which says which roles their account must hold.
    pub kind: Option<PersonKind>,
    /// Whether one of their clearances covers the task's level and scope today (in date and
    /// not suspended).
    pub cleared: bool,
}

/// The facts of a vetting record that access turns on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFacts {
    /// The person's own account, if they have one.
    pub account: Option<UserId>,
}

/// How the actor stands to the record an action is done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relationship {
    /// Theirs: their team's report or queue, their own account or vetting record, a task given
    /// to them.
    Own,
    /// A team they supervise (supervisors only).
    Supervised,
    /// The specialist team for the report's category.
    Specialist,
    /// None of these.
    Other,
}

impl Relationship {
    /// Every relationship, for the table test.
    pub const ALL: [Relationship; 4] = [
        Relationship::Own,
        Relationship::Supervised,
        Relationship::Specialist,
        Relationship::Other,
    ];
}

/// How the actor stands to `resource`; `None` where a resource has no owner to stand to.
pub fn relationship(actor: &Actor, resource: &Resource) -> Option<Relationship> {
    let mine = |account: Option<UserId>| {
        if account.is_some() && account == actor.user_id() {
            Relationship::Own
        } else {
            Relationship::Other
        }
    };
    match resource {
        Resource::System | Resource::AuditLog | Resource::Item { .. } => None,
        Resource::Account(id) => Some(mine(Some(*id))),
        Resource::Person(facts) => Some(mine(facts.account)),
        Resource::Task(facts) => Some(mine(facts.assignee)),
        Resource::Team(team) => Some(actor.team_relationship(team).unwrap_or(Relationship::Other)),
        Resource::Submission(facts) => Some(
            actor
                .team_relationship(&facts.team)
                .or_else(|| {
                    facts
                        .specialist()
                        .filter(|team| actor.team.as_ref() == Some(team))
                        .map(|_| Relationship::Specialist)
                })
                .unwrap_or(Relationship::Other),
        ),
    }
}

/// How access was granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The record is the actor's to see or change.
    Granted,
    /// Another team's work, read with the reason the actor stated (break glass): record the
    /// read with the reason as its justification, and list it for the team's supervisor.
    WithReason,
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The actor must sign in first.
    #[error("you need to sign in to do this")]
    NotSignedIn,
    /// The actor's roles do not allow the action.
    #[error("your role does not allow this")]
    RoleNotAllowed,
    /// The item's marking does not allow this actor to read it.
    #[error("the marking on this item does not allow you to see it")]
    MarkingForbids,
    /// The action does not apply to that resource.
    #[error("that cannot be done to this")]
    WrongResource,
    /// Another team's work, read only with a stated reason.
    #[error("this belongs to another team: give your reason to read it")]
    ReasonRequired,
    /// A restricted record, read only with a stated purpose.
    #[error("processing of this record is restricted: state your purpose to read it")]
    PurposeRequired,
    /// A restricted record is not changed.
    #[error("processing of this record is restricted: it cannot be changed")]
    Restricted,
    /// Another team's work, changed only once it is moved to the actor's team.
    #[error("this belongs to another team: it must be moved to your team before you change it")]
    OtherTeam,
    /// Nobody does this to their own record.
    #[error("nobody may do this to their own record")]
    OwnRecord,
    /// The task is not given to the actor.
    #[error("this task is not given to you")]
    NotAssigned,
    /// The actor's clearance does not cover the task today.
    #[error("your vetting clearance does not cover this task now")]
    ClearanceLapsed,
}

/// Decides whether `actor` may do `action` to `resource`, and how.
///
/// Pure and total: it never panics, never does IO, and denies anything it does not grant.
pub fn authorize(actor: &Actor, action: Action, resource: &Resource) -> Result<Access, Denied> {
    use Action::*;
    let is_operator = actor.principal == Principal::Operator;
    let granted = Ok(Access::Granted);
    match action {
        ViewHealth | SubmitReport => granted,
        // Organisations' systems send notifications with their API key; no person's role
        // does (an officer's report is a report).
        SubmitNotifications | ReadOwnNotifications => match actor.principal {
            Principal::ApiClient(_) | Principal::Operator => granted,
            Principal::Public => Err(Denied::NotSignedIn),
            Principal::User(_) => Err(Denied::RoleNotAllowed),
        },
        // Vetting is the vetting unit's; nobody vets themselves.
        ViewVetting => {
            signed_in(actor)?;
            require(actor, &[Role::VettingOfficer])?;
            match resource {
                Resource::System | Resource::Person(_) => granted,
                _ => Err(Denied::WrongResource),
            }
        }
        ChangeClearance | VerifySkill => {
            signed_in(actor)?;
            require(actor, &[Role::VettingOfficer])?;
            match resource {
                Resource::Person(_) => not_own(actor, resource),
                _ => Err(Denied::WrongResource),
            }
        }
        // Supervisors give tasks out, on their own teams' reports.
        ManageTasks => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor])?;
            match resource {
                Resource::System => granted,
                Resource::Submission(_) => {
                    not_restricted(resource)?;
                    change_team_work(actor, resource)
                }
                _ => Err(Denied::WrongResource),
            }
        }
        ManageAbstraction | ViewEscalations => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor])
        }
        ViewTrainingNeeds | ManageTraining => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor, Role::VettingOfficer])
        }
        ViewSatisfaction | ViewStatistics => {
            signed_in(actor)?;
            require(actor, &[Role::Analyst, Role::Supervisor])
        }
        PublishOpenData => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Analyst])
        }
        // A ward's priorities are its own team's, with the residents' panel.
        ManageWardPriorities => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::NeighbourhoodOfficer, Role::Supervisor])?;
            change_team_work(actor, resource)
        }
        // Concerns come from intermediaries' own accounts, or from an intermediary
        // organisation's system on behalf of a named staff member; the organisation's kind
        // and the staff member's training are checked on their records when they send.
        SendConcern => match actor.principal {
            Principal::ApiClient(_) => granted,
            _ => {
                signed_in(actor)?;
                require(actor, &[Role::Intermediary])
            }
        },
        // Contact handlers take calls; officers and supervisors take reports face to face.
        TakeReportOnBehalf => {
            signed_in(actor)?;
            require(actor, FRONT_LINE)
        }
        UseOwnTasks => {
            signed_in(actor)?;
            match resource {
                // The list of one's own tasks: whatever it holds is checked task by task.
                Resource::System => granted,
                Resource::Task(facts) => {
                    if relationship(actor, resource) != Some(Relationship::Own) {
                        return Err(Denied::NotAssigned);
                    }
                    let roles = facts.kind.as_ref().map_or(&[][..], PersonKind::task_roles);
                    require(actor, roles)?;
                    if facts.cleared {
                        granted
                    } else {
                        Err(Denied::ClearanceLapsed)
                    }
                }
                _ => Err(Denied::WrongResource),
            }
        }
        // Reading a team's work: its own team, its supervisors and its specialist team; anyone
        // else with front-line roles breaks glass.
        ViewQueue | ViewSubmission => {
            signed_in(actor)?;
            require(actor, FRONT_LINE)?;
            if restricted(resource) {
                return match relationship(actor, resource) {
                    Some(_) if actor.reason.is_some() => Ok(Access::WithReason),
                    Some(_) => Err(Denied::PurposeRequired),
                    None => Err(Denied::WrongResource),
                };
            }
            match relationship(actor, resource) {
                Some(Relationship::Own | Relationship::Supervised | Relationship::Specialist) => {
                    granted
                }
                Some(Relationship::Other) if actor.reason.is_some() => Ok(Access::WithReason),
                Some(Relationship::Other) => Err(Denied::ReasonRequired),
                None => Err(Denied::WrongResource),
            }
        }
        // Changing it: its own team and its supervisors only.
        RecordContact | AddNote | Regrade | AssessRisk => {
            signed_in(actor)?;
            require(actor, FRONT_LINE)?;
            not_restricted(resource)?;
            change_team_work(actor, resource)
        }
        // Moving it: its own team, its supervisors, or the specialist team taking it on.
        Reassign => {
            signed_in(actor)?;
            require(actor, FRONT_LINE)?;
            not_restricted(resource)?;
            match relationship(actor, resource) {
                Some(Relationship::Own | Relationship::Supervised | Relationship::Specialist) => {
                    granted
                }
                Some(Relationship::Other) => Err(Denied::OtherTeam),
                None => Err(Denied::WrongResource),
            }
        }
        // The alerts list: each alert is then shown only when its report may be read
        // (ViewSubmission) and what raised it may be read under its marking (ViewItem).
        ViewAlerts | HandleAlert => {
            signed_in(actor)?;
            require(actor, FRONT_LINE)
        }
        ViewOwnAccount => signed_in(actor).map(|_| Access::Granted),
        ListSessions | RevokeAllSessions | RevokeSession => {
            let Resource::Account(_) = resource else {
                return Err(Denied::WrongResource);
            };
            if is_operator && action != RevokeSession {
                return granted;
            }
            signed_in(actor)?;
            if relationship(actor, resource) == Some(Relationship::Own) {
                granted
            } else {
                require(actor, &[Role::Administrator])
            }
        }
        // Nobody changes their own roles: an administrator who could would need no one else to
        // become an auditor or a reader of any report.
        // Nor manages their own account: an administrator's own password and app are reset by
        // another administrator, or at the console.
        ChangeRoles | ManageAccount => {
            let Resource::Account(_) = resource else {
                return Err(Denied::WrongResource);
            };
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Administrator])?;
            not_own(actor, resource)
        }
        ReadOwnDisclosures => {
            signed_in(actor)?;
            require(actor, &[Role::PartnerPractitioner])
        }
        WriteBack => {
            let Resource::Account(_) = resource else {
                return Err(Denied::WrongResource);
            };
            signed_in(actor)?;
            require(actor, &[Role::PartnerPractitioner])?;
            if relationship(actor, resource) == Some(Relationship::Own) {
                granted
            } else {
                Err(Denied::NotAssigned)
            }
        }
        ManageAgreements | AnswerSubjectRights => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Auditor])
        }
        ReviewRetention => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Supervisor, Role::Auditor])
        }
        ProduceSharingPack => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor, Role::Analyst])
        }
        ListUsers | CreateUser | ClearLockout | ListApiKeys | CreateApiKey | RevokeApiKey => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Administrator])
        }
        // DPA 2018 s.62(4): the log may be used only to verify lawfulness, for self-monitoring,
        // for integrity and security, and in criminal proceedings; only auditors read it.
        SearchAuditLog | ExportAuditLog => {
            if !matches!(resource, Resource::AuditLog) {
                return Err(Denied::WrongResource);
            }
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Auditor])
        }
        // Verifying the chain reveals no personal data.
        VerifyAuditLog => {
            if is_operator {
                return granted;
            }
            signed_in(actor)?;
            require(actor, &[Role::Auditor, Role::Administrator])
        }
        ViewItem => {
            let Resource::Item {
                marking,
                owning_organisation,
                named_recipients,
            } = resource
            else {
                return Err(Denied::WrongResource);
            };
            view_marked(actor, *marking, owning_organisation, named_recipients)
        }
    }
}

/// Whether `actor` may read `resource`, for filtering what a list shows (links, alerts): the
/// same rule as [`authorize`], without breaking glass.
pub fn permits(actor: &Actor, action: Action, resource: &Resource) -> bool {
    authorize(actor, action, resource) == Ok(Access::Granted)
}

/// The roles that answer the public.
const FRONT_LINE: &[Role] = &[
    Role::ContactHandler,
    Role::NeighbourhoodOfficer,
    Role::Supervisor,
];

impl PersonKind {
    /// The roles, one of which the account of a person of this kind must hold to see the tasks
    /// given to them: a volunteer's or special's account the volunteer role, an officer's,
    /// PCSO's or staff member's a front-line role. Removing the role ends their access.
    pub fn task_roles(&self) -> &'static [Role] {
        match self {
            PersonKind::Volunteer | PersonKind::Special => &[Role::Volunteer],
            PersonKind::Officer | PersonKind::Pcso | PersonKind::Staff => FRONT_LINE,
            // Intermediaries are recorded for their training and are never given tasks.
            PersonKind::Intermediary => &[],
        }
    }
}

/// Whether the resource is a restricted record.
fn restricted(resource: &Resource) -> bool {
    matches!(resource, Resource::Submission(facts) if facts.restricted)
}

/// A restricted record is changed by nobody.
fn not_restricted(resource: &Resource) -> Result<(), Denied> {
    if restricted(resource) {
        Err(Denied::Restricted)
    } else {
        Ok(())
    }
}

/// A change to a team's work: its own team and its supervisors.
fn change_team_work(actor: &Actor, resource: &Resource) -> Result<Access, Denied> {
    match relationship(actor, resource) {
        Some(Relationship::Own | Relationship::Supervised) => Ok(Access::Granted),
        Some(Relationship::Specialist | Relationship::Other) => Err(Denied::OtherTeam),
        None => Err(Denied::WrongResource),
    }
}

/// Anyone's record but the actor's own.
fn not_own(actor: &Actor, resource: &Resource) -> Result<Access, Denied> {
    match relationship(actor, resource) {
        Some(Relationship::Own) => Err(Denied::OwnRecord),
        Some(_) => Ok(Access::Granted),
        None => Err(Denied::WrongResource),
    }
}

/// TLP 2.0 as an access rule.
fn view_marked(
    actor: &Actor,
    marking: Marking,
    owning_organisation: &OrganisationId,
    named_recipients: &[UserId],
) -> Result<Access, Denied> {
    let same_organisation = actor.organisation.as_ref() == Some(owning_organisation);
    let named = actor
        .user_id()
        .is_some_and(|id| named_recipients.contains(&id));
    let public = actor.principal == Principal::Public;
    match marking {
        Marking::Clear => Ok(Access::Granted),
        _ if public => Err(Denied::NotSignedIn),
        Marking::Green => Ok(Access::Granted),
        // AMBER allows the organisation's clients too; in Peel those are the recipients a
        // disclosure names, so both AMBER and AMBER+STRICT admit the named.
        Marking::Amber | Marking::AmberStrict if same_organisation || named => Ok(Access::Granted),
        Marking::Red if named => Ok(Access::Granted),
        Marking::Amber | Marking::AmberStrict | Marking::Red => Err(Denied::MarkingForbids),
    }
}

/// A person's account: the public is not signed in; an organisation's API key is known but is
/// not a person, so what needs one is refused to it (403), not asked to sign in (401).
fn signed_in(actor: &Actor) -> Result<UserId, Denied> {
    match actor.principal {
        Principal::ApiClient(_) => Err(Denied::RoleNotAllowed),
        _ => actor.user_id().ok_or(Denied::NotSignedIn),
    }
}

fn require(actor: &Actor, any_of: &[Role]) -> Result<Access, Denied> {
    if any_of.iter().any(|role| actor.has(*role)) {
        Ok(Access::Granted)
    } else {
        Err(Denied::RoleNotAllowed)
    }
}

#[cfg(test)]
mod tests;
