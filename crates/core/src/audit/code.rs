//! The catalogue of audit event codes: what an auditor can search the trail for.
//!
//! Each code has one s.62 operation and a meaning; `AUDIT.md` at the top of the repository lists
//! them for auditors and a test keeps it in step. A code is never renamed or reused: entries
//! already written carry it, and a code read back that is not in the catalogue is corruption.

use super::Operation;

macro_rules! catalogue {
    ($($variant:ident = $code:literal, $operation:ident, $meaning:literal;)*) => {
        /// What happened, as a stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum AuditCode {
            $(
                #[doc = $meaning]
                $variant,
            )*
        }

        impl AuditCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [AuditCode] = &[$(AuditCode::$variant,)*];

            /// The stable code stored in the trail (`submission.viewed`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditCode::$variant => $code,)*
                }
            }

            /// The s.62 operation an event with this code records.
            pub fn operation(self) -> Operation {
                match self {
                    $(AuditCode::$variant => Operation::$operation,)*
                }
            }

            /// What it means, in a sentence, for auditors.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(AuditCode::$variant => $meaning,)*
                }
            }
        }
    };
}

catalogue! {
    AccessDenied = "access.denied", Security,
        "A request was refused by the access policy; the detail names the action and the reason.";
    LoginSucceeded = "login.succeeded", Security, "Someone signed in.";
    LoginFailed = "login.failed", Security, "A sign-in failed: wrong username or password.";
    LoginLocked = "login.locked", Security,
        "An account was locked after repeated failed sign-ins.";
    LoginRefusedLocked = "login.refused_locked", Security,
        "A sign-in to a locked account was refused.";
    LoginAddressLocked = "login.address_locked", Security,
        "A network address was locked after repeated failed sign-ins.";
    SessionEnded = "session.ended", Security, "Someone signed out.";
    SessionRevoked = "session.revoked", Security, "One session of an account was ended.";
    SessionRevokedAll = "session.revoked_all", Security, "Every session of an account was ended.";
    LockoutCleared = "lockout.cleared", Security, "An administrator cleared a sign-in lockout.";
    UserCreated = "user.created", Collection, "An account was created.";
    UserRolesChanged = "user.roles_changed", Security, "An account's roles were changed.";
    AuditorRoleGiven = "user.auditor_given", Security,
        "An account was given the auditor role, and with it the reading of this trail.";
    UserTeamChanged = "user.team_changed", Alteration,
        "An account's team, whose queue is theirs, was changed.";
    UserSupervisesChanged = "user.supervises_changed", Security,
        "The teams a supervisor supervises were changed.";
    ApiKeyCreated = "api_key.created", Security, "An API key was issued to an organisation.";
    ApiKeyRevoked = "api_key.revoked", Security, "An API key was revoked.";
    AuditSearched = "audit.searched", Consultation, "The audit trail was searched.";
    AuditExported = "audit.exported", Disclosure, "The audit trail was exported.";
    AuditVerified = "audit.verified", Security, "The audit trail's hash chain was checked.";
    UsersViewed = "users.viewed", Consultation,
        "The list of accounts was read; the detail names the accounts shown.";
    UserViewed = "user.viewed", Consultation,
        "One account was read with its sessions (addresses and browsers).";
    LockoutsViewed = "lockouts.viewed", Consultation,
        "The list of locked accounts and addresses was read.";
    ApiKeysViewed = "api_keys.viewed", Consultation,
        "The list of API keys, with who created them, was read.";
    GeographyImported = "geography.imported", Alteration,
        "Boundaries and postcodes were imported, replacing those before.";
    SubmissionReceived = "submission.received", Collection,
        "A report or concern was received and stored.";
    SubmissionLinked = "submission.linked", Combination,
        "A submission was linked to earlier items sharing a value.";
    SubmissionViewed = "submission.viewed", Consultation,
        "A submission was opened by its own team, a team supervising it or its specialist team.";
    SubmissionViewedWithReason = "submission.viewed_with_reason", Consultation,
        "Another team's submission was opened with a stated reason (break glass); the reason is the justification.";
    SubmissionStatusViewed = "submission.status_viewed", Consultation,
        "The reporter looked up the progress of their report.";
    QueueViewed = "queue.viewed", Consultation,
        "A team's queue was read; the detail names the submissions shown.";
    EscalationsViewed = "escalations.viewed", Consultation,
        "The supervisor's page was read: overdue first contacts and reads with a reason.";
    SubmissionFirstContact = "submission.first_contact", Alteration,
        "First human contact with the reporter was recorded.";
    SubmissionNoteAdded = "submission.note_added", Alteration,
        "An internal note was added to a submission.";
    SubmissionUpdateWritten = "submission.update_written", Alteration,
        "An update was written for the reporter to read.";
    SubmissionReassigned = "submission.reassigned", Alteration,
        "A submission was moved to another team's queue, with the reason.";
    SubmissionRegraded = "submission.regraded", Alteration,
        "A submission's triage grade was overruled, with the reason.";
    SubmissionRetriaged = "submission.retriaged", Alteration,
        "A submission was graded again by the triage rules.";
    DashViewed = "dash.viewed", Consultation, "A submission's risk checklist (DASH) was read.";
    DashAssessed = "dash.assessed", Collection, "A risk checklist (DASH) was filled in.";
    CaseOpened = "case.opened", Alteration,
        "A case was opened on one or more submissions.";
    CaseViewed = "case.viewed", Consultation,
        "A case was read with its submissions, history and messages.";
    CaseChanged = "case.changed", Alteration,
        "A case's officer in charge or stage changed, or a submission joined it.";
    CaseClosed = "case.closed", Alteration,
        "A case was closed with its outcome; the closing update and survey were queued.";
    CaseReopened = "case.reopened", Alteration,
        "A closed case was reopened, with the reason.";
    CaseMerged = "case.merged", Alteration,
        "Two cases were merged into one, with the reason.";
    CaseSplit = "case.split", Alteration,
        "Submissions were split from a case into a new one, with the reason.";
    MaracReferred = "marac.referred", Alteration,
        "A MARAC referral was recorded on a case, with its actions.";
    MaracActionDone = "marac.action_done", Alteration,
        "A MARAC action was marked done.";
    MessageSent = "message.sent", Disclosure,
        "A message was handed to a provider for the reporter; the detail names its channel and Message-ID.";
    MessageCallTask = "message.call_task", Alteration,
        "A message that could not be sent safely became a call task for a person.";
    MessageNotSent = "message.not_sent", Alteration,
        "A message was never sent (anonymous, no details) or the provider refused it.";
    ReporterMessageReceived = "reporter.message_received", Collection,
        "The reporter sent information, a reply or a request for a call back from the status page.";
    SurveyAnswered = "survey.answered", Collection,
        "A satisfaction survey was answered through its one-time link.";
    SatisfactionViewed = "satisfaction.viewed", Consultation,
        "Satisfaction survey results were read, counted by channel and community.";
    ConcernRefused = "concern.refused", Security,
        "An intermediary was refused sending a concern: their training is not in date.";
    TrainingRevised = "training.revised", Alteration,
        "A training module was revised to a new version, saying what changed; older completions are needs again.";
    TrainingRecorded = "training.recorded", Collection,
        "A module a person completed was recorded, with its version and how it was done.";
    EvidenceReceived = "evidence.received", Collection,
        "An evidence file was received, checked (size, type by content, its metadata) and kept by its SHA-256; the detail names the hash.";
    EvidenceRefused = "evidence.refused", Security,
        "An evidence file was refused at receipt (its type, its size, malware found and quarantined, or no scan possible), with the reason.";
    EvidenceExported = "evidence.exported", Disclosure,
        "An evidence file was exported in a bundle for prosecutors or a court; the detail names the hash and the bundle.";
    EvidenceDownloaded = "evidence.downloaded", Disclosure,
        "An evidence file was downloaded by someone who may see its case; the detail names the hash.";
    EvidenceViewed = "evidence.viewed", Consultation,
        "An evidence item's thumbnail (drawn by Peel, with no metadata) was shown to someone who may see its report.";
    EvidenceCustodyViewed = "evidence.custody_viewed", Consultation,
        "An evidence item's chain of custody was read, as a page or as its JSON record.";
    EvidenceReviewed = "evidence.reviewed", Collection,
        "A reviewer recorded what an evidence item shows (time, people, vehicles, faces, offence), under an evidence review task.";
    EvidenceRedacted = "evidence.redacted", Alteration,
        "A redacted copy of an evidence item was made (areas blacked out, metadata removed) as a new item; the original is kept.";
    EvidenceRequested = "evidence.requested", Collection,
        "An officer asked a report's reporter, or a witness at an address they gave, for photos or video, sending a one-time upload link through the outbox.";
    EvidenceRequestAnswered = "evidence.request_answered", Collection,
        "Files were sent through an evidence request's one-time link, which then closed.";
    AgreementRegistered = "agreement.registered", Alteration,
        "A sharing agreement was registered in the agreements register (its first version).";
    AgreementChanged = "agreement.changed", Alteration,
        "A new version of a sharing agreement was registered; earlier versions are kept.";
    DisclosedToPartner = "sharing.disclosed", Disclosure,
        "Items of a case were disclosed to a partner practitioner under a sharing agreement (DPA 2018 s.62: the recipient, the justification, the fields and whether identity was revealed).";
    DisclosureRead = "sharing.disclosure_read", Consultation,
        "A partner practitioner read what was disclosed to them.";
    JobRoleSet = "sharing.job_role_set", Security,
        "A partner practitioner's job role was set or cleared; sharing agreements that name the role then reach, or no longer reach, them.";
    PartnerWroteBack = "sharing.written_back", Collection,
        "A partner practitioner wrote back on something shared with them (an update on a referral, or a concern of their own); it arrives on the case.";
    SubjectRequestReceived = "subject.request_received", Collection,
        "A data subject's request (access, rectification, erasure or restriction) was recorded with its one-month clock (DPA 2018 ss.45 to 47, s.54).";
    SubjectAccessSearched = "subject.access_searched", Consultation,
        "Everything held about a data subject was searched for, by contact details, name and the linking engine, to answer their request.";
    SubjectAccessExported = "subject.access_exported", Disclosure,
        "A subject access export was written for the data subject, third parties' data redacted and exemptions recorded with reasons.";
    RecordRectified = "record.rectified", Alteration,
        "A report's details were corrected at a data subject's request, with the reason; the entry names what changed, never the old values, and the old email or phone stop linking from it.";
    RecordRestricted = "record.restricted", Alteration,
        "Processing of a report was restricted (DPA 2018 s.47): kept, but shown to nobody without a stated purpose.";
    ReviewQueueViewed = "retention.queue_viewed", Consultation,
        "The review and retention queue was read; the detail names the records shown.";
    RecordRetained = "retention.retained", Alteration,
        "A record past its review date was reviewed and retained until its next review, with the reason and the reviewer.";
    RecordErased = "record.erased", Erasure,
        "A report and everything hanging from it (notes, links, alerts, messages, evidence files) was erased, with the reason; the chain of custody is kept.";
    SharingPackDisclosed = "sharing.pack_disclosed", Disclosure,
        "A ward sharing pack (aggregated, small numbers suppressed) was produced for a safer neighbourhood board or partnership.";
    OpenDataPublished = "stats.open_data_published", Disclosure,
        "Peel's own reports were written out as open data in data.police.uk's layout (month only, public points, small cells without their point, fraud and unclassified withheld); the detail gives the months and the rows.";
    PriorityRecorded = "priorities.recorded", Alteration,
        "A ward panel's priority for the quarter was recorded, with how residents were consulted.";
    PriorityActionRecorded = "priorities.action_recorded", Alteration,
        "What has been done about a ward's priority was recorded, for the public ward page.";
    PriorityVoiceReceived = "priorities.voice_received", Collection,
        "A resident gave a voice on a ward's priorities from the public ward page; it counts once confirmed from the email sent to them.";
    PriorityVoiceConfirmed = "priorities.voice_confirmed", Alteration,
        "A resident confirmed a voice on a ward's priorities from the link emailed to them; the detail says whether it replaced an earlier one.";
    PriorityVoicesViewed = "priorities.voices_viewed", Consultation,
        "The ward's team read what residents wrote beside their voices on the ward's priorities.";
    VolunteerApplied = "volunteer.applied", Collection,
        "Someone applied to volunteer, from the public page.";
    VolunteerApplicationsViewed = "volunteer.applications_viewed", Consultation,
        "The vetting unit read applications to volunteer.";
    VolunteerApproved = "volunteer.approved", Alteration,
        "An application was approved: competence checked, a clearance granted, the person put on a panel with a volunteer's account.";
    VolunteerDeclined = "volunteer.declined", Alteration,
        "An application was not taken forward, with the reason.";
    VettingReviewRaised = "vetting.review_raised", Collection,
        "A vetted person's own phone, email or address was found in a new report, concern or notification: a review item for the vetting unit.";
    VettingReviewClosed = "vetting.review_closed", Alteration,
        "A vetting officer closed a review item, with the outcome.";
    VettingReviewsViewed = "vetting.reviews_viewed", Consultation,
        "The vetting unit's review items were read.";
    OrganisationCreated = "organisation.created", Security,
        "An organisation that sends notifications was registered.";
    RedRecipientNamed = "organisation.red_recipient_named", Security,
        "An account was named to receive an organisation's TLP:RED notifications.";
    RetentionSet = "retention.set", Security,
        "An organisation's retention rule for a type of notification was set.";
    NotificationsReceived = "notifications.received", Collection,
        "A batch of an organisation's notifications was stored.";
    NotificationsLinked = "notifications.linked", Combination,
        "A batch of notifications was linked to earlier items sharing a value.";
    NotificationsReadBack = "notifications.read_back", Disclosure,
        "An organisation read back the notifications it sent.";
    NotificationsErased = "notifications.erased", Erasure,
        "Notifications past their retention were erased with their links.";
    NotificationsPseudonymised = "notifications.pseudonymised", Erasure,
        "Notifications that link to nothing had their details removed.";
    AlertRaised = "alert.raised", Combination,
        "An organisation's notifications were found to share a value with a submission.";
    AlertsViewed = "alerts.viewed", Consultation,
        "The fraud team's alerts were read; the detail names the submissions shown.";
    AlertTaken = "alert.taken", Alteration, "Someone took an alert.";
    AlertClosed = "alert.closed", Alteration, "Someone closed an alert.";
    PersonCreated = "person.created", Collection,
        "A person was added to the panels with their skills, training and clearances.";
    VettingViewed = "vetting.viewed", Consultation,
        "The vetting officer's list of clearances needing attention was read.";
    VettingPersonViewed = "vetting.person_viewed", Consultation,
        "One person's clearances and skills were read.";
    ClearanceSuspended = "clearance.suspended", Alteration,
        "A change of circumstances or conduct concern suspended a clearance's scopes.";
    ClearanceReviewed = "clearance.reviewed", Alteration,
        "A clearance was reviewed and scopes reinstated.";
    SkillVerified = "skill.verified", Alteration,
        "The evidence for a person's skill was checked.";
    TrainingViewed = "training.viewed", Consultation,
        "The training-needs analysis, naming people, was read.";
    AbstractionRecorded = "abstraction.recorded", Collection,
        "An officer's time away from their ward was recorded.";
    RosterSet = "roster.set", Alteration, "A ward's rostered hours for a month were set.";
    AbstractionViewed = "abstraction.viewed", Consultation,
        "The abstraction log, naming officers, was read.";
    TaskCreated = "task.created", Alteration, "A task was asked for on a submission.";
    TaskFormViewed = "task.form_viewed", Consultation,
        "The form to ask for help on a submission was read.";
    TasksViewed = "tasks.viewed", Consultation,
        "The supervisors' list of tasks not done was read; the detail names them.";
    TaskMatchesViewed = "task.matches_viewed", Consultation,
        "A task's ranked matches and exclusions were read.";
    TaskAssigned = "task.assigned", Disclosure,
        "A task was given to a person, disclosing the case to them.";
    TaskAccepted = "task.accepted", Alteration, "A person accepted a task.";
    TaskDeclined = "task.declined", Alteration, "A person declined a task.";
    TaskDone = "task.done", Collection, "A person recorded a task done, with the hours.";
    TaskReturned = "task.returned", Alteration,
        "A task was taken back from the person it was with (their clearance no longer covers it, or a supervisor took it back), with the reason.";
    PortalViewed = "portal.viewed", Consultation,
        "A person read their own tasks, with the victims' safe-contact instructions.";
    IntakeRateLimited = "intake.rate_limited", Security,
        "Reports from one network address were refused past the limit a minute; the detail names the address and the channel.";
    PasswordChanged = "account.password_changed", Security,
        "Someone changed their own password; their other sessions were ended.";
    PasswordReset = "account.password_reset", Security,
        "An administrator set a temporary password that must be changed at the next sign-in.";
    AccountDisabled = "account.disabled", Security,
        "An administrator disabled an account; its sessions stopped at once.";
    AccountEnabled = "account.enabled", Security, "An administrator enabled an account again.";
    TotpEnrolled = "account.totp_enrolled", Security,
        "Someone set up a one-time-password app and was given recovery codes.";
    TotpFailed = "login.totp_failed", Security,
        "A sign-in gave the right password but a wrong one-time password or recovery code.";
    RecoveryCodeUsed = "login.recovery_code_used", Security,
        "A sign-in used a recovery code instead of a one-time password; the code is spent.";
    TotpReset = "account.totp_reset", Security,
        "An administrator removed an account's one-time-password app, to be set up again.";
    ApiKeyIssuedAtConsole = "api_key.issued_at_console", Security,
        "An API key was issued to an organisation from the console.";
}

impl AuditCode {
    /// The code named by its stored text.
    pub fn parse(text: &str) -> Option<AuditCode> {
        AuditCode::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

/// Tests and searches compare a code with its text.
impl PartialEq<&str> for AuditCode {
    fn eq(&self, text: &&str) -> bool {
        self.as_str() == *text
    }
}

impl std::fmt::Display for AuditCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct_and_reads_back() {
        let mut seen = std::collections::BTreeSet::new();
        for code in AuditCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(AuditCode::parse(code.as_str()), Some(*code));
            assert!(code.meaning().ends_with('.'), "{code}");
            let (area, what) = code.as_str().split_once('.').unwrap();
            assert!(!area.is_empty() && !what.is_empty(), "{code}");
        }
        assert_eq!(AuditCode::parse("made.up"), None);
    }

    #[test]
    fn the_catalogue_for_auditors_lists_every_code_with_its_operation() {
        let catalogue = include_str!("../../../../AUDIT.md");
        for code in AuditCode::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.operation().slug());
            assert!(catalogue.contains(&row), "AUDIT.md lacks {row}");
        }
        let rows = catalogue.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(
            rows,
            AuditCode::ALL.len(),
            "AUDIT.md lists a code that is not one"
        );
    }
}
