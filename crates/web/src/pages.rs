//! Page templates (askama, in `templates/`) and the small pieces every page shares.

use askama::Template;
use peel_core::Role;
use time::OffsetDateTime;

use crate::auth::Caller;
use crate::i18n::{Lang, Tr};

/// What the layout needs to know about the person viewing the page.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    /// Username when signed in.
    pub signed_in: Option<String>,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: String,
    /// Show the administration link.
    pub is_admin: bool,
    /// Show the audit link.
    pub is_auditor: bool,
    /// Show the queues link.
    pub is_front_line: bool,
    /// Show the escalations link.
    pub is_supervisor: bool,
    /// Show the vetting link.
    pub is_vetting_officer: bool,
    /// Show the satisfaction link.
    pub is_analyst: bool,
    /// Show the concerns link (a trusted intermediary).
    pub is_intermediary: bool,
    /// Show the link for taking a report on someone's behalf.
    pub takes_reports: bool,
    /// Show the link to what was shared with them (a partner practitioner).
    pub is_partner: bool,
    /// The page's language: the request's on public and intermediaries' pages, English on
    /// staff pages (whose words are English only).
    pub tr: Tr,
    /// Where the language switcher's links go.
    pub switch_path: String,
}

impl Chrome {
    /// The chrome for a caller.
    pub fn for_caller(caller: &Caller) -> Chrome {
        let is_intermediary = caller.actor.roles.has(Role::Intermediary);
        let tr = if caller.user.is_none() || is_intermediary {
            caller.tr
        } else {
            Tr::default()
        };
        Chrome {
            is_intermediary,
            takes_reports: peel_core::policy::permits(
                &caller.actor,
                peel_core::policy::Action::TakeReportOnBehalf,
                &peel_core::policy::Resource::System,
            ),
            tr,
            switch_path: switch_path(&caller.path).to_owned(),
            signed_in: caller.user.as_ref().map(|user| user.username.to_string()),
            csrf: caller.csrf_token().to_owned(),
            is_admin: caller.actor.roles.has(Role::Administrator),
            is_auditor: caller.actor.roles.has(Role::Auditor),
            is_supervisor: caller.actor.roles.has(Role::Supervisor),
            is_vetting_officer: caller.actor.roles.has(Role::VettingOfficer),
            is_analyst: caller.actor.roles.has(Role::Analyst),
            is_partner: caller.actor.roles.has(Role::PartnerPractitioner),
            is_front_line: [
                Role::ContactHandler,
                Role::NeighbourhoodOfficer,
                Role::Supervisor,
            ]
            .into_iter()
            .any(|role| caller.actor.roles.has(role)),
        }
    }
}

/// Where a page's language links go: the page itself, or for a page that answers a form (and
/// has no address of its own to fetch again), the page that form is on.
fn switch_path(path: &str) -> &str {
    match path {
        "/report/check" => "/report",
        "/status/message" => "/status",
        "" => "/",
        other => other,
    }
}

impl Chrome {
    /// A message in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    /// A message with one argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.tr.t1(id, name, value)
    }

    /// A message with two arguments.
    pub fn t2(&self, id: &str, a: &str, a_value: &str, b: &str, b_value: &str) -> String {
        self.tr.with(id, &[(a, a_value), (b, b_value)])
    }

    /// The page's `lang`.
    pub fn lang_tag(&self) -> &'static str {
        self.tr.lang().tag
    }

    /// The page's `dir`.
    pub fn dir(&self) -> &'static str {
        self.tr.lang().dir()
    }

    /// The languages the switcher offers.
    pub fn languages(&self) -> &'static [Lang] {
        &crate::i18n::LANGUAGES
    }

    /// Whether `lang` is the page's.
    pub fn is_current(&self, lang: &Lang) -> bool {
        std::ptr::eq(lang, self.tr.lang())
    }
}

/// One error against one field, linked from the error summary.
#[derive(Debug, Clone)]
pub struct FieldError {
    /// The field's name, by which the page finds its message.
    pub field: &'static str,
    /// The id the summary's link lands on: the field itself, or a group's first input.
    pub anchor: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    /// An error for a field whose id is its name.
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            anchor: field,
            message: message.into(),
        }
    }

    /// The same error, its summary link landing on `anchor`.
    pub fn at(self, anchor: &'static str) -> FieldError {
        FieldError { anchor, ..self }
    }

    /// A problem with an answer, in the page's language.
    pub fn from_problem(problem: &peel_core::submission::Problem, tr: Tr) -> FieldError {
        let args: Vec<(&str, &str)> = problem
            .args
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let id = format!("problem-{}", problem.code);
        let message = tr.with(&id, &args);
        FieldError::new(
            problem.field,
            if message == id {
                problem.message.clone()
            } else {
                message
            },
        )
    }
}

/// The errors on a form, in the order the fields appear.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// One error.
    pub fn one(error: FieldError) -> FieldErrors {
        FieldErrors(vec![error])
    }

    /// The message for a field, if it has one.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }

    /// Every error.
    pub fn list(&self) -> &[FieldError] {
        &self.0
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The status a page with these errors is sent with: 400 when there are any.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::BAD_REQUEST
        }
    }
}

/// The form field an account error belongs to; errors that are not the person's to fix come
/// back unchanged.
pub fn account_field_error(
    error: peel_app::accounts::AccountError,
) -> Result<FieldError, peel_app::accounts::AccountError> {
    use peel_app::accounts::AccountError;
    match error {
        AccountError::Username(message) => Ok(FieldError::new("username", message)),
        AccountError::Taken => Ok(FieldError::new("username", AccountError::Taken.to_string())),
        AccountError::Password(rejected) => Ok(FieldError::new("password", rejected.to_string())),
        AccountError::Organisation(message) => Ok(FieldError::new("roles", message)),
        other => Err(other),
    }
}

/// A time as shown on pages: London time, in the GOV.UK style ("2 December 2026 at 7:05am").
pub fn show_time(at: &OffsetDateTime) -> String {
    peel_core::london::display(*at)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    title: &'a str,
    message: &'a str,
}

#[derive(Template)]
#[template(path = "reason.html")]
struct ReasonPage<'a> {
    chrome: Chrome,
    message: &'a str,
    action: &'a str,
    hidden: Vec<(String, String)>,
}

/// Renders the page that asks for a reason before another team's work is read, its form
/// sending the reason to `action` (a path, with the query it had kept as hidden fields).
pub fn render_reason(message: &str, action: &str) -> Result<String, askama::Error> {
    let (path, query) = action.split_once('?').unwrap_or((action, ""));
    let hidden = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .filter(|(name, _)| name != "reason")
        .collect();
    ReasonPage {
        chrome: Chrome::default(),
        message,
        action: path,
        hidden,
    }
    .render()
}

/// Renders the error page.
pub fn render_error(title: &str, message: &str) -> Result<String, askama::Error> {
    ErrorPage {
        chrome: Chrome::default(),
        title,
        message,
    }
    .render()
}

/// A session as listed on a page.
#[derive(Debug, Clone)]
pub struct SessionView {
    /// When it began.
    pub created: String,
    /// When it was last used.
    pub last_seen: String,
    /// Where from.
    pub ip: String,
    /// Which browser.
    pub user_agent: String,
    /// Whether it is the viewer's own current session.
    pub current: bool,
    /// Where to post to end it, when the viewer may.
    pub revoke_action: Option<String>,
}

impl SessionView {
    /// A session for a list; `revoke_action` is where its sign-out button posts.
    pub fn new(
        session: &peel_store::SessionRecord,
        current: bool,
        revoke_action: Option<String>,
    ) -> SessionView {
        SessionView {
            created: show_time(&session.created_at),
            last_seen: show_time(&session.last_seen_at),
            ip: session.ip.clone(),
            user_agent: session.user_agent.clone(),
            current,
            revoke_action,
        }
    }
}

/// A role checkbox.
#[derive(Debug, Clone)]
pub struct RoleChoice {
    /// The role's slug (the checkbox value).
    pub slug: &'static str,
    /// The role's name.
    pub label: &'static str,
    /// Whether it is ticked.
    pub checked: bool,
}

/// Every role as a checkbox, ticked where `roles` has it.
pub fn role_choices(roles: &peel_core::RoleSet) -> Vec<RoleChoice> {
    Role::ALL
        .into_iter()
        .map(|role| RoleChoice {
            slug: role.slug(),
            label: role.label(),
            checked: roles.has(role),
        })
        .collect()
}
