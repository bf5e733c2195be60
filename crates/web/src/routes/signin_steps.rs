//! The steps of signing in after the password: a one-time password (or recovery code), setting
//! up a one-time-password app where the account must have one, and replacing a temporary
//! password; and, once signed in, changing one's own password.
//!
//! **This is a security-sensitive module.** A session that has not finished signing in acts as
//! the public everywhere else (`Caller::pending`); a wrong code counts as a failed sign-in
//! against the account, with the same throttle.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use peel_app::credentials::{self, SecondFactor};
use peel_core::audit::AuditCode;
use peel_core::policy::{Actor, Principal};
use peel_core::session::{self, SessionStage};
use peel_core::throttle::{self, ThrottlePolicy};
use peel_store::{SessionRecord, User};
use serde::Deserialize;

use crate::auth::Caller;
use crate::auth::csrf::{CsrfForm, same_token};
use crate::error::PageError;
use crate::pages::{Chrome, FieldError, FieldErrors};
use crate::routes::login::next_page;
use crate::routes::{page, see_other};
use crate::state::AppState;

struct Field {
    name: &'static str,
    label: &'static str,
    hint: String,
    kind: &'static str,
    autocomplete: &'static str,
    inputmode: &'static str,
}

#[derive(Template)]
#[template(path = "signin_step.html")]
struct StepPage {
    chrome: Chrome,
    title: &'static str,
    lead: Vec<String>,
    action: &'static str,
    csrf: String,
    secret: String,
    fields: Vec<Field>,
    button: &'static str,
    errors: FieldErrors,
    codes: Vec<String>,
    next: &'static str,
}

impl StepPage {
    fn new(title: &'static str, action: &'static str, csrf: &str) -> StepPage {
        StepPage {
            chrome: Chrome::default(),
            title,
            lead: Vec::new(),
            action,
            csrf: csrf.to_owned(),
            secret: String::new(),
            fields: Vec::new(),
            button: "Continue",
            errors: FieldErrors::default(),
            codes: Vec::new(),
            next: "/",
        }
    }

    fn respond(self) -> Result<Response, PageError> {
        let status = if self.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        Ok(page(status, self.render()?, &[]))
    }
}

fn code_field() -> Field {
    Field {
        name: "code",
        label: "Code",
        hint: "The 6 digits your authenticator app shows now, or one of your recovery codes".into(),
        kind: "text",
        autocomplete: "one-time-code",
        inputmode: "text",
    }
}

fn password_fields(current: bool, username: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    if current {
        fields.push(Field {
            name: "current",
            label: "Current password",
            hint: String::new(),
            kind: "password",
            autocomplete: "current-password",
            inputmode: "",
        });
    }
    fields.push(Field {
        name: "password",
        label: "New password",
        hint: format!(
            "At least 12 characters. Not a common or breached password, and not made from your username ({username}). A few unrelated words is good."
        ),
        kind: "password",
        autocomplete: "new-password",
        inputmode: "",
    });
    fields.push(Field {
        name: "confirm",
        label: "New password again",
        hint: String::new(),
        kind: "password",
        autocomplete: "new-password",
        inputmode: "",
    });
    fields
}

/// The session still signing in at `stage`, or where the browser belongs instead.
fn pending(caller: &Caller, stage: SessionStage) -> Result<(User, SessionRecord), &'static str> {
    match &caller.pending {
        Some((user, session)) if session.stage == stage => Ok((user.clone(), session.clone())),
        Some((_, session)) => Err(next_page(session.stage)),
        None if caller.user.is_some() => Err("/"),
        None => Err("/login"),
    }
}

fn actor_of(user: &User) -> Actor {
    Actor {
        principal: Principal::User(user.id),
        roles: peel_core::RoleSet::empty(),
        organisation: Some(user.organisation.clone()),
        team: None,
        supervises: Vec::new(),
        label: user.username.to_string(),
        reason: None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

fn check_csrf(session: &SessionRecord, form: &StepForm) -> Result<(), PageError> {
    if same_token(&session.csrf_token, &form.csrf_token) {
        Ok(())
    } else {
        Err(PageError::BadRequest(
            "This form has expired. Go back, reload the page and try again.".into(),
        ))
    }
}

/// Moves the session on and sends the browser to the next step (or in).
async fn advance(
    state: &AppState,
    user: &User,
    session: &SessionRecord,
    stage: SessionStage,
    detail: &str,
) -> Result<Response, PageError> {
    let event = state.ctx().event(
        &actor_of(user),
        AuditCode::LoginSucceeded,
        format!("user:{}", user.id),
        format!("{detail}, session {}", session.id),
    );
    state
        .store()
        .set_session_stage(session.id, stage, event)
        .await?;
    Ok(see_other(next_page(stage)))
}

/// `GET /login/code`.
pub async fn code_form(caller: Caller) -> Result<Response, PageError> {
    let (_, session) = match pending(&caller, SessionStage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    code_page(&session).respond()
}

fn code_page(session: &SessionRecord) -> StepPage {
    let mut page = StepPage::new("Enter your code", "/login/code", &session.csrf_token);
    page.lead.push(
        "Open the authenticator app on your phone and enter the code it shows for Peel.".into(),
    );
    page.fields.push(code_field());
    page
}

/// `POST /login/code`.
pub async fn code_submit(
    State(state): State<AppState>,
    client: crate::ClientAddress,
    caller: Caller,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let (user, session) = match pending(&caller, SessionStage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    check_csrf(&session, &form)?;
    let store = state.store();
    let now = state.now();
    // Wrong codes count under their own key, which a right password never clears, and
    // against the address too (as wrong passwords do).
    let code_key = format!("totp:{}", user.id);
    let ip_key = format!("ip:{client}");
    let code_state = store.throttle(&code_key).await?;
    let ip_state = store.throttle(&ip_key).await?;
    let mut page = code_page(&session);
    let locked = throttle::check(code_state.as_ref(), now)
        .and_then(|()| throttle::check(ip_state.as_ref(), now));
    if let Err(locked) = locked {
        page.errors = FieldErrors::one(FieldError::new(
            "code",
            format!(
                "There have been too many wrong codes. Try again after {}",
                crate::pages::show_time(&locked.until)
            ),
        ));
        return page.respond();
    }
    let actor = actor_of(&user);
    match credentials::check_second_factor(state.ctx(), &actor, &user, &form.code).await? {
        Some(how) => {
            // The account has its app (this code came from it), so only a temporary password
            // can still stand between it and signing in.
            let stage = session::stage_after_second_factor(user.temporary_password, true, true);
            let detail = match how {
                SecondFactor::Totp => format!("signed in from {client} with a one-time password"),
                SecondFactor::RecoveryCode => {
                    format!("signed in from {client} with a recovery code")
                }
            };
            if code_state.is_some() {
                store
                    .clear_throttle(
                        &code_key,
                        state.ctx().event(
                            &actor,
                            AuditCode::LockoutCleared,
                            &code_key,
                            "one-time password right",
                        ),
                    )
                    .await?;
            }
            advance(&state, &user, &session, stage, &detail).await
        }
        None => {
            let (code_next, _) =
                throttle::record_failure(code_state, now, ThrottlePolicy::SECOND_FACTOR);
            let (ip_next, _) = throttle::record_failure(ip_state, now, ThrottlePolicy::ADDRESS);
            let event = state.ctx().event(
                &actor,
                AuditCode::TotpFailed,
                format!("user:{}", user.id),
                format!(
                    "wrong one-time password or recovery code from {client} (failure {})",
                    code_next.failures
                ),
            );
            store
                .record_login_failure(&[(code_key, code_next), (ip_key, ip_next)], vec![event])
                .await?;
            page.errors = FieldErrors::one(FieldError::new(
                "code",
                "That code is not right. Enter the 6 digits the app shows now, or a recovery code",
            ));
            page.respond()
        }
    }
}

fn setup_page(session: &SessionRecord, user: &User, secret: &str) -> StepPage {
    let mut page = StepPage::new(
        "Set up one-time passwords",
        "/login/setup-code",
        &session.csrf_token,
    );
    let uri = peel_core::totp::TotpSecret::from_base32(secret)
        .map(|s| s.uri("Peel", user.username.as_ref()))
        .unwrap_or_default();
    page.lead = vec![
        "Your role means that signing in needs a code from an authenticator app on your phone as well as your password.".into(),
        "In the app, choose to add an account by entering a key, and enter this key:".into(),
        group(secret),
        format!("Or, if your app can open it, use this link: {uri}"),
        "Then enter the 6 digits the app shows for Peel.".into(),
    ];
    page.secret = secret.to_owned();
    page.fields.push(Field {
        hint: "The 6 digits the app shows now".into(),
        ..code_field()
    });
    page.button = "Set up";
    page
}

fn group(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `GET /login/setup-code`.
pub async fn setup_form(caller: Caller) -> Result<Response, PageError> {
    let (user, session) = match pending(&caller, SessionStage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    let secret = credentials::new_totp_secret()?;
    setup_page(&session, &user, &secret.to_base32()).respond()
}

/// `POST /login/setup-code`.
pub async fn setup_submit(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let (user, session) = match pending(&caller, SessionStage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    check_csrf(&session, &form)?;
    let actor = actor_of(&user);
    match credentials::enrol_totp(state.ctx(), &actor, &user, &form.secret, &form.code).await {
        Ok(codes) => {
            let stage = session::stage_after_second_factor(user.temporary_password, true, true);
            advance(&state, &user, &session, stage, "one-time passwords set up").await?;
            let mut page = StepPage::new("Your recovery codes", "", &session.csrf_token);
            page.codes = codes;
            page.next = next_page(stage);
            page.respond()
        }
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            let mut page = setup_page(&session, &user, &form.secret);
            page.errors = FieldErrors::one(FieldError::new(field, message));
            page.respond()
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /login/new-password`.
pub async fn new_password_form(caller: Caller) -> Result<Response, PageError> {
    let (user, session) = match pending(&caller, SessionStage::ChangePassword) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    new_password_page(&session, &user).respond()
}

fn new_password_page(session: &SessionRecord, user: &User) -> StepPage {
    let mut page = StepPage::new(
        "Choose a new password",
        "/login/new-password",
        &session.csrf_token,
    );
    page.lead.push("You signed in with a temporary password from an administrator. Choose your own now; nobody else will know it.".into());
    page.fields = password_fields(false, user.username.as_ref());
    page.button = "Save and continue";
    page
}

/// `POST /login/new-password`.
pub async fn new_password_submit(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let (user, session) = match pending(&caller, SessionStage::ChangePassword) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(see_other(elsewhere)),
    };
    check_csrf(&session, &form)?;
    let actor = actor_of(&user);
    match credentials::change_own_password(
        state.ctx(),
        &actor,
        &user,
        session.id,
        None,
        &form.password,
        &form.confirm,
    )
    .await
    {
        Ok(()) => {
            // An account that must have an app and has none sets one up before going on, so
            // a temporary password never stands in for the second factor.
            let needs = credentials::needs_second_factor(state.ctx(), &user).await?;
            let stage = session::stage_after_second_factor(false, needs, user.has_totp);
            advance(
                &state,
                &user,
                &session,
                stage,
                "temporary password replaced",
            )
            .await
        }
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            let mut page = new_password_page(&session, &user);
            page.errors = FieldErrors::one(FieldError::new(field, message));
            page.respond()
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /account/password`: change one's own password.
pub async fn change_form(caller: Caller) -> Result<Response, PageError> {
    let (Some(user), Some(session)) = (&caller.user, &caller.session) else {
        return Err(PageError::SignInRequired);
    };
    change_page(&caller, session, user).respond()
}

fn change_page(caller: &Caller, session: &SessionRecord, user: &User) -> StepPage {
    let mut page = StepPage::new(
        "Change your password",
        "/account/password",
        &session.csrf_token,
    );
    page.chrome = Chrome::for_caller(caller);
    page.lead
        .push("Your other sessions end when you change it.".into());
    page.fields = password_fields(true, user.username.as_ref());
    page.button = "Change password";
    page
}

/// `POST /account/password`.
pub async fn change_submit(
    State(state): State<AppState>,
    CsrfForm(caller, form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    let (Some(user), Some(session)) = (&caller.user, &caller.session) else {
        return Err(PageError::SignInRequired);
    };
    match credentials::change_own_password(
        state.ctx(),
        &caller.actor,
        user,
        session.id,
        Some(&form.current),
        &form.password,
        &form.confirm,
    )
    .await
    {
        Ok(()) => Ok(see_other("/account?notice=password_changed")),
        Err(peel_app::ServiceError::Invalid { field, message }) => {
            let mut page = change_page(&caller, session, user);
            page.errors = FieldErrors::one(FieldError::new(field, message));
            page.respond()
        }
        Err(other) => Err(other.into()),
    }
}
