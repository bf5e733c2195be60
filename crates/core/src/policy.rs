//! Access policy: the one pure function that decides who may do what.
//!
//! **This is a security-sensitive module.** Every request that reads or changes anything passes
//! through [`authorize`] at one choke point in the web layer; nothing else grants access.
//! Adding an [`Action`] without a row in the role table test makes that test fail.

use crate::{ApiKeyId, Marking, OrganisationId, Role, RoleSet, TeamId, UserId};

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

    fn has(&self, role: Role) -> bool {
        self.roles.has(role)
    }
}

/// Everything an actor can ask to do. Each variant needs a row in the role table test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See that the service is up.
    ViewHealth,
    /// See one's own account page.
    ViewOwnAccount,
    /// List the sessions of an account.
    ListSessions,
    /// End one session.
    RevokeSession,
    /// End every session of an account.
    RevokeAllSessions,
    /// List accounts.
    ListUsers,
    /// Create an account.
    CreateUser,
    /// Change the roles of an account.
    ChangeRoles,
    /// Clear a login lockout.
    ClearLockout,
    /// List API keys.
    ListApiKeys,
    /// Create an API key.
    CreateApiKey,
    /// Revoke an API key.
    RevokeApiKey,
    /// Search the audit trail.
    SearchAuditLog,
    /// Export the audit trail for the data protection officer.
    ExportAuditLog,
    /// Check the audit trail's hash chain.
    VerifyAuditLog,
    /// Read a marked item.
    ViewItem,
    /// Send a report (anyone, signed in or not).
    SubmitReport,
    /// See a team's queue of submissions.
    ViewQueue,
    /// Open one submission, with the reporter's details.
    ViewSubmission,
    /// Record the first human contact with the reporter.
    RecordContact,
    /// Add an internal note, or an update written for the reporter.
    AddNote,
    /// Move a submission to another team's queue.
    Reassign,
    /// Overrule a submission's triage grade, with a reason.
    Regrade,
    /// Fill in a risk checklist (DASH) for a submission.
    AssessRisk,
    /// See submissions whose first contact is overdue, across a team or all teams.
    ViewEscalations,
    /// Send incident notifications (an organisation's system, with its API key).
    SubmitNotifications,
    /// See the fraud team's alerts: organisations' notifications sharing a value with a report.
    ViewAlerts,
    /// Take or close an alert.
    HandleAlert,
    /// Read back what one's own organisation has sent (an organisation's system, with its key).
    ReadOwnNotifications,
    /// See every clearance that is due, overdue or suspended (the vetting officer's page).
    ViewVetting,
    /// Create tasks on submissions, see who matches and assign them.
    ManageTasks,
    /// See and answer one's own tasks (a volunteer's portal).
    UseOwnTasks,
    /// Record officers' abstraction from their wards, and see each ward's rate.
    ManageAbstraction,
    /// See the training-needs analysis of the teams and panels.
    ViewTrainingNeeds,
}

impl Action {
    /// Every action, for the table test and for documentation.
    pub const ALL: [Action; 34] = [
        Action::ViewHealth,
        Action::ViewOwnAccount,
        Action::ListSessions,
        Action::RevokeSession,
        Action::RevokeAllSessions,
        Action::ListUsers,
        Action::CreateUser,
        Action::ChangeRoles,
        Action::ClearLockout,
        Action::ListApiKeys,
        Action::CreateApiKey,
        Action::RevokeApiKey,
        Action::SearchAuditLog,
        Action::ExportAuditLog,
        Action::VerifyAuditLog,
        Action::ViewItem,
        Action::SubmitReport,
        Action::ViewQueue,
        Action::ViewSubmission,
        Action::RecordContact,
        Action::AddNote,
        Action::Reassign,
        Action::Regrade,
        Action::ViewEscalations,
        Action::AssessRisk,
        Action::SubmitNotifications,
        Action::ViewAlerts,
        Action::HandleAlert,
        Action::ReadOwnNotifications,
        Action::ViewVetting,
        Action::ManageTasks,
        Action::UseOwnTasks,
        Action::ManageAbstraction,
        Action::ViewTrainingNeeds,
    ];
}

/// What the action is done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The service as a whole.
    System,
    /// An account (its page, its sessions, its roles).
    Account(UserId),
    /// The audit trail.
    AuditLog,
    /// An item carrying a marking: who owns it and who is named on it.
    Item {
        /// Its TLP marking.
        marking: Marking,
        /// The organisation that owns it.
        owning_organisation: OrganisationId,
        /// Accounts it was disclosed to by name (the only readers of TLP:RED).
        named_recipients: Vec<UserId>,
    },
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
}

/// Decides whether `actor` may do `action` to `resource`.
///
/// Pure and total: it never panics, never does IO, and denies anything it does not grant.
pub fn authorize(actor: &Actor, action: Action, resource: &Resource) -> Result<(), Denied> {
    use Action::*;
    let is_operator = actor.principal == Principal::Operator;
    match action {
        ViewHealth | SubmitReport => Ok(()),
        // Organisations' systems send notifications with their API key; no person's role
        // does (an officer's report is a report).
        SubmitNotifications | ReadOwnNotifications => match actor.principal {
            Principal::ApiClient(_) | Principal::Operator => Ok(()),
            Principal::Public => Err(Denied::NotSignedIn),
            Principal::User(_) => Err(Denied::RoleNotAllowed),
        },
        // Vetting is the vetting unit's.
        ViewVetting => {
            signed_in(actor)?;
            require(actor, &[Role::VettingOfficer])
        }
        // Supervisors give tasks out; whoever a task is given to answers it.
        ManageTasks | ManageAbstraction => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor])
        }
        UseOwnTasks => signed_in(actor).map(|_| ()),
        ViewTrainingNeeds => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor, Role::VettingOfficer])
        }
        // Escalations go to supervisors.
        ViewEscalations => {
            signed_in(actor)?;
            require(actor, &[Role::Supervisor])
        }
        // Work on submissions is for the people who answer the public.
        ViewQueue | ViewSubmission | RecordContact | AddNote | Reassign | Regrade | AssessRisk
        | ViewAlerts | HandleAlert => {
            signed_in(actor)?;
            require(
                actor,
                &[
                    Role::ContactHandler,
                    Role::NeighbourhoodOfficer,
                    Role::Supervisor,
                ],
            )
        }
        ViewOwnAccount => signed_in(actor).map(|_| ()),
        ListSessions | RevokeAllSessions => {
            let Resource::Account(owner) = resource else {
                return Err(Denied::WrongResource);
            };
            if is_operator {
                return Ok(());
            }
            let me = signed_in(actor)?;
            if me == *owner || actor.has(Role::Administrator) {
                Ok(())
            } else {
                Err(Denied::RoleNotAllowed)
            }
        }
        RevokeSession => {
            let Resource::Account(owner) = resource else {
                return Err(Denied::WrongResource);
            };
            let me = signed_in(actor)?;
            if me == *owner || actor.has(Role::Administrator) {
                Ok(())
            } else {
                Err(Denied::RoleNotAllowed)
            }
        }
        ListUsers | CreateUser | ChangeRoles | ClearLockout | ListApiKeys | CreateApiKey
        | RevokeApiKey => {
            if is_operator {
                return Ok(());
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
                return Ok(());
            }
            signed_in(actor)?;
            require(actor, &[Role::Auditor])
        }
        // Verifying the chain reveals no personal data.
        VerifyAuditLog => {
            if is_operator {
                return Ok(());
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

/// TLP 2.0 as an access rule.
fn view_marked(
    actor: &Actor,
    marking: Marking,
    owning_organisation: &OrganisationId,
    named_recipients: &[UserId],
) -> Result<(), Denied> {
    let same_organisation = actor.organisation.as_ref() == Some(owning_organisation);
    let named = actor
        .user_id()
        .is_some_and(|id| named_recipients.contains(&id));
    match marking {
        Marking::Clear => Ok(()),
        Marking::Green => match actor.principal {
            Principal::Public => Err(Denied::NotSignedIn),
            _ => Ok(()),
        },
        Marking::Amber | Marking::AmberStrict => {
            if actor.principal == Principal::Public {
                return Err(Denied::NotSignedIn);
            }
            // AMBER allows the organisation's clients too; in Peel those are the recipients a
            // disclosure names, so both AMBER and AMBER+STRICT admit the named.
            if same_organisation || named {
                Ok(())
            } else {
                Err(Denied::MarkingForbids)
            }
        }
        Marking::Red => {
            if actor.principal == Principal::Public {
                return Err(Denied::NotSignedIn);
            }
            if named {
                Ok(())
            } else {
                Err(Denied::MarkingForbids)
            }
        }
    }
}

fn signed_in(actor: &Actor) -> Result<UserId, Denied> {
    actor.user_id().ok_or(Denied::NotSignedIn)
}

fn require(actor: &Actor, any_of: &[Role]) -> Result<(), Denied> {
    if any_of.iter().any(|role| actor.has(*role)) {
        Ok(())
    } else {
        Err(Denied::RoleNotAllowed)
    }
}

#[cfg(test)]
mod tests;
