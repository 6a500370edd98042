//! Sign-in, sessions, CSRF and role checks.
//!
//! - A sign-in link (`/login/<token>`, sent by the manager bot on `/login`) opens a page with
//!   one button; only the POST uses the link, so link previews cannot burn it.
//! - Admins and owners may also sign in with their Telegram id and a password (argon2),
//!   throttled per account and per client address (see `throttle`).
//! - Both sign-in posts must come from the console's own pages (`Origin`, see `origin`).
//! - The session cookie is HttpOnly, SameSite=Lax, and Secure behind https.
//! - Every POST (except the sign-in forms themselves) must carry the session's CSRF token, as
//!   the `csrf` form field or the `X-CSRF-Token` header.

use crate::error::{self, WebError};
use crate::throttle::{Attempt, ClientAddress};
use crate::words::Words;
use crate::WebState;
use crate::{language, layout, origin};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use std::marker::PhantomData;
use std::time::Duration;
use ticketgram_domain::{Agent, AgentRole};

pub const COOKIE: &str = "tg_session";
const MAX_FORM_BYTES: usize = 1 << 20;

/// The agent behind a request's session cookie.
#[derive(Debug, Clone)]
pub struct Signed {
    pub agent: Agent,
    pub csrf: String,
    /// The desks this person works in, this one among them: the header offers to switch
    /// when there are several (`crate::desk_switch`).
    pub desks: Vec<DeskChoice>,
    token: String,
}

/// A desk the signed-in person may switch to.
#[derive(Debug, Clone)]
pub struct DeskChoice {
    pub slug: String,
    pub name: String,
    /// The desk this session acts on.
    pub current: bool,
}

impl Signed {
    /// The session's cookie value, to end it on a desk switch.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }
}

/// What [`authenticate`] found, for the extractors.
#[derive(Clone)]
pub(crate) struct SessionSlot(pub(crate) Option<Signed>);

pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

async fn signed_in(state: &WebState, token: &str) -> Result<Option<Signed>, WebError> {
    let desk = &state.desk;
    let now = chrono::Utc::now();
    let Some(session) = desk.store.web_session(desk.ws(), token, now).await? else {
        return Ok(None);
    };
    let agent = desk.store.get_agent(desk.ws(), session.agent).await?;
    // Deactivated agents lose access at once, whatever sessions they still hold.
    if !agent.active {
        return Ok(None);
    }
    let desks = desk
        .store
        .desks_of_person(agent.telegram_user_id)
        .await?
        .into_iter()
        .map(|w| DeskChoice {
            current: w.id == desk.ws(),
            slug: w.slug,
            name: w.name,
        })
        .collect();
    Ok(Some(Signed {
        agent,
        csrf: session.csrf,
        desks,
        token: token.to_string(),
    }))
}

/// Middleware on every route: finds the session and checks CSRF on POSTs. It also words
/// every refusal (its own and the handlers') as a page in the reader's language.
pub async fn authenticate(State(state): State<WebState>, request: Request, next: Next) -> Response {
    let browser = request.headers().clone();
    let (response, agent) = match authenticated(&state, request).await {
        Ok(request) => {
            let agent = request
                .extensions()
                .get::<SessionSlot>()
                .and_then(|slot| slot.0.as_ref())
                .map(|signed| signed.agent.clone());
            (next.run(request).await, agent)
        }
        Err(e) => (e.into_response(), None),
    };
    let Some(error) = response.extensions().get::<WebError>().cloned() else {
        return response;
    };
    // Only now, for the rare refusal, is the desk's current language read.
    let desk = match state.desk.current().await {
        Ok(desk) => desk,
        Err(_) => state.desk.clone(),
    };
    let language = language::choose(agent.as_ref(), &browser, desk.config.agent_language);
    let words = Words::new(desk.t.clone(), language, desk.config.hours.time_zone);
    error::render(response, &error, &words)
}

async fn authenticated(state: &WebState, request: Request) -> Result<Request, WebError> {
    let signed = match session_cookie(request.headers()) {
        Some(token) => signed_in(state, &token).await?,
        None => None,
    };
    let exempt = request.uri().path().starts_with("/login");
    let mut request = if request.method() == Method::POST && !exempt {
        let Some(signed) = &signed else {
            return Err(WebError::Unauthorized);
        };
        check_csrf(request, &signed.csrf).await?
    } else {
        request
    };
    request.extensions_mut().insert(SessionSlot(signed));
    Ok(request)
}

/// Accepts the header, or reads the form body for the `csrf` field and puts the body back.
async fn check_csrf(request: Request, expected: &str) -> Result<Request, WebError> {
    let header = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(given) = header {
        return constant_time_eq(&given, expected)
            .then_some(request)
            .ok_or(WebError::Csrf);
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| WebError::bad("web-error-unreadable-form"))?;
    let field = |name: &str| {
        url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    match field("csrf") {
        Some(given) if constant_time_eq(&given, expected) => {
            let nonce = field("nonce").and_then(|n| crate::nonce::accept(&n));
            let mut request = Request::from_parts(parts, axum::body::Body::from(bytes));
            if let Some(nonce) = nonce {
                request.extensions_mut().insert(nonce);
            }
            Ok(request)
        }
        _ => Err(WebError::Csrf),
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The least role a handler needs.
pub trait MinRole {
    const ROLE: AgentRole;
}
pub struct AnyAgent;
pub struct AdminRole;
pub struct OwnerRole;
impl MinRole for AnyAgent {
    const ROLE: AgentRole = AgentRole::Agent;
}
impl MinRole for AdminRole {
    const ROLE: AgentRole = AgentRole::Admin;
}
impl MinRole for OwnerRole {
    const ROLE: AgentRole = AgentRole::Owner;
}

/// The signed-in agent, if their role is at least `R`'s. The only way handlers get one.
pub struct RequireRole<R>(pub Signed, pub PhantomData<R>);

pub type AgentUser = RequireRole<AnyAgent>;
pub type AdminUser = RequireRole<AdminRole>;
pub type OwnerUser = RequireRole<OwnerRole>;

impl<R: MinRole, S: Send + Sync> FromRequestParts<S> for RequireRole<R> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WebError> {
        let signed = parts
            .extensions
            .get::<SessionSlot>()
            .and_then(|slot| slot.0.clone());
        let Some(signed) = signed else {
            return Err(if parts.method == Method::GET {
                WebError::SignIn
            } else {
                WebError::Unauthorized
            });
        };
        if signed.agent.role < R::ROLE {
            return Err(WebError::Forbidden);
        }
        Ok(RequireRole(signed, PhantomData))
    }
}

/// The signed-in agent when there is one (pages open to everybody).
pub struct MaybeSigned(pub Option<Signed>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSigned {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WebError> {
        Ok(MaybeSigned(
            parts
                .extensions
                .get::<SessionSlot>()
                .and_then(|slot| slot.0.clone()),
        ))
    }
}

pub(crate) fn cookie(state: &WebState, value: &str, max_age_secs: u64) -> HeaderValue {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}");
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

async fn start_session(state: &WebState, agent: &Agent) -> Result<Response, WebError> {
    let desk = &state.desk;
    let ttl = state.settings.session_ttl;
    let session = desk
        .store
        .write(async |tx| {
            tx.create_web_session(desk.ws(), agent.id, ttl, chrono::Utc::now())
                .await
        })
        .await?;
    let mut response = Redirect::to("/inbox").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(state, &session.token, ttl.as_secs()),
    );
    Ok(response)
}

pub async fn login_page(MaybeSigned(signed): MaybeSigned, words: Words) -> Response {
    if signed.is_some() {
        return Redirect::to("/inbox").into_response();
    }
    sign_in_page(&words, None)
}

fn sign_in_page(words: &Words, error: Option<&str>) -> Response {
    layout::page(
        words,
        &words.t("web-sign-in"),
        None,
        login_form(words, error),
    )
    .into_response()
}

fn login_form(words: &Words, error: Option<&str>) -> maud::Markup {
    html! {
        h1 { (words.t("web-sign-in")) }
        p { (words.t("web-sign-in-how")) }
        @if let Some(error) = error { p.error { (error) } }
        details {
            summary { (words.t("web-sign-in-password-title")) }
            form method="post" action="/login" {
                label { (words.t("web-sign-in-telegram-id")) input name="telegram_id" inputmode="numeric" required; }
                label { (words.t("web-sign-in-password")) input name="password" type="password" required; }
                button { (words.t("web-sign-in")) }
            }
        }
    }
}

pub async fn link_page(Path(token): Path<String>, words: Words) -> Response {
    layout::page(
        &words,
        &words.t("web-sign-in"),
        None,
        html! {
            h1 { (words.t("web-sign-in-link-title")) }
            form method="post" action={ "/login/" (token) } {
                button #sign-in { (words.t("web-sign-in")) }
            }
            p.muted { (words.t("web-sign-in-link-note")) }
        },
    )
    .into_response()
}

pub async fn link_login(
    State(state): State<WebState>,
    Path(token): Path<String>,
    words: Words,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    // Checked before the link is used: a forged post must not burn the agent's link either.
    if !origin::is_own(&state.settings, &headers) {
        return Ok(foreign_origin(&words));
    }
    let agent = desk
        .store
        .write(async |tx| {
            tx.consume_login_link(desk.ws(), &token, chrono::Utc::now())
                .await
        })
        .await?;
    let agent = match agent {
        Some(id) => desk.store.get_agent(desk.ws(), id).await?,
        None => return Ok(refused(&words, "web-sign-in-link-used")),
    };
    if !agent.active {
        return Ok(refused(&words, "web-sign-in-deactivated"));
    }
    start_session(&state, &agent).await
}

/// A sign-in posted from another site (login CSRF).
fn foreign_origin(words: &Words) -> Response {
    let why = words.t("console-sign-in-foreign-origin");
    (StatusCode::FORBIDDEN, sign_in_page(words, Some(&why))).into_response()
}

/// Too many password attempts: refused without looking at the password.
fn throttled(words: &Words, wait: Duration) -> Response {
    let seconds = wait.as_secs_f64().ceil() as i64;
    let why = words.with("console-sign-in-throttled", &[("seconds", seconds.into())]);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, seconds.to_string())],
        sign_in_page(words, Some(&why)),
    )
        .into_response()
}

fn refused(words: &Words, key: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        sign_in_page(words, Some(&words.t(key))),
    )
        .into_response()
}

#[derive(serde::Deserialize)]
pub struct PasswordForm {
    telegram_id: String,
    password: String,
}

pub async fn password_login(
    State(state): State<WebState>,
    address: ClientAddress,
    words: Words,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    const WRONG: &str = "web-sign-in-wrong-password";
    let desk = &state.desk;
    if !origin::is_own(&state.settings, &headers) {
        return Ok(foreign_origin(&words));
    }
    let telegram_id = form.telegram_id.trim().parse::<i64>().ok();
    let attempt = Attempt::new(telegram_id, &address);
    let limits = &state.settings.sign_in;
    if let Some(wait) = attempt
        .begin(&desk.store, desk.ws(), limits, chrono::Utc::now())
        .await?
    {
        return Ok(throttled(&words, wait));
    }
    let Some(telegram_id) = telegram_id else {
        return Ok(refused(&words, WRONG));
    };
    let Some(agent) = desk
        .store
        .find_agent_by_telegram_id(desk.ws(), telegram_id)
        .await?
    else {
        return Ok(refused(&words, WRONG));
    };
    let Some(hash) = desk.store.agent_password_hash(desk.ws(), agent.id).await? else {
        return Ok(refused(&words, WRONG));
    };
    if !agent.active || !agent.role.can_configure() || !verify_password(&form.password, &hash) {
        return Ok(refused(&words, WRONG));
    }
    attempt.succeeded(&desk.store, desk.ws()).await?;
    start_session(&state, &agent).await
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// An argon2id PHC string for `password` (what `set_agent_password` stores).
pub fn hash_password(password: &str) -> Result<String, WebError> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| WebError::Internal(format!("hashing a password: {e}")))
}

fn signed_out(state: &WebState) -> Response {
    let mut response = Redirect::to("/login").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(state, "", 0));
    response
}

pub async fn logout(
    State(state): State<WebState>,
    MaybeSigned(signed): MaybeSigned,
) -> Result<Response, WebError> {
    if let Some(signed) = signed {
        let desk = &state.desk;
        desk.store
            .write(async |tx| {
                tx.revoke_web_session(desk.ws(), &signed.token, chrono::Utc::now())
                    .await
            })
            .await?;
    }
    Ok(signed_out(&state))
}

pub async fn logout_everywhere(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    desk.store
        .write(async |tx| {
            tx.revoke_agent_sessions(desk.ws(), signed.agent.id, chrono::Utc::now())
                .await
        })
        .await?;
    Ok(signed_out(&state))
}

pub async fn account(RequireRole(signed, _): AgentUser, words: Words) -> Response {
    let agent = &signed.agent;
    let title = words.t("web-account");
    let who = words.with(
        "web-account-who",
        &[
            ("name", agent.name.clone().into()),
            ("role", words.role(agent.role).into()),
            ("id", agent.telegram_user_id.to_string().into()),
        ],
    );
    let language = words.with(
        "web-account-language",
        &[("language", words.language.code().into())],
    );
    layout::page(
        &words,
        &title,
        Some(&signed),
        html! {
            h1 { (title) }
            p { (who) }
            p.muted { (language) }
            form method="post" action="/logout/everywhere" {
                (layout::csrf(&signed))
                button { (words.t("web-log-out-everywhere")) }
            }
        },
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_hash_only() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; tg_session=xyz; b=2"),
        );
        assert_eq!(session_cookie(&headers).as_deref(), Some("xyz"));
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
    }
}
