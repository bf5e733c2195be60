//! The catalogue of actions the access policy decides: every one needs a row in the role table
//! test (`tests/mod.rs`), which will not compile until it has one.

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
    /// Manage another's account: set a temporary password, disable or enable it, remove its
    /// one-time-password app.
    ManageAccount,
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
    /// See every clearance that is due, overdue or suspended (the vetting officer's page), or
    /// one person's vetting record.
    ViewVetting,
    /// Record a change of circumstances or a conduct concern against a clearance, or review it
    /// and reinstate its scopes.
    ChangeClearance,
    /// Record that the evidence for a person's skill was checked.
    VerifySkill,
    /// Create tasks on submissions, see who matches and assign them.
    ManageTasks,
    /// See and answer the tasks given to one (a volunteer's portal).
    UseOwnTasks,
    /// Record officers' abstraction from their wards, and see each ward's rate.
    ManageAbstraction,
    /// See the training-needs analysis of the teams and panels.
    ViewTrainingNeeds,
    /// See satisfaction survey answers, counted by channel and community (never by person).
    ViewSatisfaction,
    /// See the statistics dashboards of the force, boroughs and wards, and their API.
    ViewStatistics,
    /// Publish Peel's own reports as open data (data.police.uk's layout, month only, public
    /// points, small cells without their point). Analysts and the console.
    PublishOpenData,
    /// Record a ward panel's priorities for the quarter and what has been done about them,
    /// and read what residents wrote beside their voices: the ward's own neighbourhood team
    /// and the supervisors over it.
    ManageWardPriorities,
    /// Send a concern as a trusted intermediary, and see that one's own concerns were received
    /// and acted on (never what follows).
    SendConcern,
    /// Take a report on someone's behalf (over the phone, in person, by letter or through an
    /// interpreter), recorded as its taker.
    TakeReportOnBehalf,
    /// Revise a training module (a new version, saying what changed) and record the modules
    /// people completed.
    ManageTraining,
    /// Register partner organisations and sharing agreements, and change them: the agreements
    /// register is the data protection officer's (who holds the auditor role) and the console's.
    ManageAgreements,
    /// A partner practitioner reads what was disclosed to them (nothing else of Peel's).
    ReadOwnDisclosures,
    /// A partner practitioner writes back on a disclosure made to them (the resource is the
    /// recipient's account: only their own).
    WriteBack,
    /// Answer a data subject's request (DPA 2018 ss.45 to 47): search everything held about
    /// them, export it, and rectify, restrict or erase at their request. The data protection
    /// officer's (who holds the auditor role) and the console's.
    AnswerSubjectRights,
    /// Work the review and retention queue (DOMAIN.md 9.5): retain a record past its review date
    /// with the reason, or erase it. Supervisors and the data protection officer.
    ReviewRetention,
    /// Produce a ward's sharing pack for a safer neighbourhood board or partnership: counts only,
    /// small numbers suppressed. Supervisors and analysts.
    ProduceSharingPack,
}

impl Action {
    /// Every action, for the table test and for documentation.
    pub const ALL: [Action; 50] = [
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
        Action::ChangeClearance,
        Action::VerifySkill,
        Action::ManageTasks,
        Action::UseOwnTasks,
        Action::ManageAbstraction,
        Action::ViewTrainingNeeds,
        Action::ManageAccount,
        Action::ViewSatisfaction,
        Action::SendConcern,
        Action::TakeReportOnBehalf,
        Action::ManageTraining,
        Action::ManageAgreements,
        Action::ReadOwnDisclosures,
        Action::AnswerSubjectRights,
        Action::ReviewRetention,
        Action::ProduceSharingPack,
        Action::WriteBack,
        Action::ViewStatistics,
        Action::PublishOpenData,
        Action::ManageWardPriorities,
    ];
}
