//! Page templates (askama, in `templates/`) and the small pieces every page shares.

use askama::Template;
use peel_core::Role;
use time::OffsetDateTime;

use crate::auth::Caller;

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
}

impl Chrome {
    /// The chrome for a caller.
    pub fn for_caller(caller: &Caller) -> Chrome {
        Chrome {
            signed_in: caller.user.as_ref().map(|user| user.username.to_string()),
            csrf: caller.csrf_token().to_owned(),
            is_admin: caller.actor.roles.has(Role::Administrator),
            is_auditor: caller.actor.roles.has(Role::Auditor),
            is_supervisor: caller.actor.roles.has(Role::Supervisor),
            is_vetting_officer: caller.actor.roles.has(Role::VettingOfficer),
            is_analyst: caller.actor.roles.has(Role::Analyst),
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

/// One error against one field, linked from the error summary.
#[derive(Debug, Clone)]
pub struct FieldError {
    /// The id of the field.
    pub field: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    /// An error for a field.
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
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
