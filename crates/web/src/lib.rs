//! Ticketgram's web console, served by the same binary on `http.addr`.
//!
//! Server-rendered HTML (maud) with a few lines of hand-written JavaScript for live updates,
//! served as files under `/static/` (no inline script); no build step. Everything goes through the same store and relay as the bots: a reply
//! written here is an outbox job like a reply written in Telegram.
//!
//! Security model, in one place each: [`auth::authenticate`] turns the session cookie into a
//! signed-in agent (re-read on every request, so deactivation takes effect at once) and checks
//! the CSRF token of every POST; [`auth::RequireRole`] is the only way a handler gets the
//! agent, and it refuses roles below the handler's minimum; [`headers::secure`] puts the
//! security headers (CSP, framing, referrer, caching, HSTS) on every response; client files
//! go out as sandboxed downloads unless their bytes are a plain raster image (`files`).

mod admin;
mod alerts;
mod assets;
mod attachment;
pub mod auth;
mod complaint;
mod complaint_settings;
mod complaints;
mod console_input;
mod desk_switch;
pub mod desks;
mod error;
mod files;
mod flows;
mod follow_up;
mod forecast;
pub mod headers;
mod inbox;
mod kb;
mod kb_public;
mod language;
mod layout;
mod nonce;
mod order_lookup;
mod origin;
mod privacy;
mod reports;
mod routing;
mod templates;
pub mod throttle;
mod ticket;
mod translation;
pub mod words;

pub use auth::{RequireRole, Signed};
pub use error::WebError;

use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_relay::Desk;
use ticketgram_telegram::TelegramClient;

/// How the console is reached and how long sign-ins last.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// The public base URL (`web.public_url`), e.g. `https://help.example.com`.
    pub public_url: Option<String>,
    /// Mark cookies `Secure` (on when the public URL is https).
    pub secure_cookies: bool,
    pub session_ttl: Duration,
    /// How often live views look for changes in the database.
    pub poll_interval: Duration,
    /// How password sign-ins are throttled.
    pub sign_in: throttle::SignInLimits,
}

impl WebSettings {
    pub fn new(public_url: Option<String>) -> WebSettings {
        let secure_cookies = public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        WebSettings {
            public_url,
            secure_cookies,
            session_ttl: Duration::from_secs(7 * 24 * 3600),
            poll_interval: Duration::from_secs(1),
            sign_in: throttle::SignInLimits::default(),
        }
    }

    /// The console is reached over https: browsers are told to keep to it (HSTS).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// What every handler can reach: the desk (store, translations, workspace), the client bot's
/// Bot API client (to fetch files for the console) and the settings.
#[derive(Clone)]
pub struct WebState {
    pub desk: Desk,
    pub telegram: TelegramClient,
    pub settings: Arc<WebSettings>,
}

/// Every route of the console. `GET /healthz` and the webhook live in the binary's router.
pub fn router(state: WebState) -> Router {
    Router::new()
        .route("/", get(inbox::home))
        .route("/login", get(auth::login_page).post(auth::password_login))
        .route(
            "/login/{token}",
            get(auth::link_page).post(auth::link_login),
        )
        .route("/logout", post(auth::logout))
        .route("/logout/everywhere", post(auth::logout_everywhere))
        .route("/account", get(auth::account))
        .route("/desks/switch", post(desk_switch::switch))
        .route("/inbox", get(inbox::inbox))
        .route("/events", get(inbox::events))
        .route("/tickets/{number}", get(ticket::page))
        .route("/tickets/{number}/reply", post(ticket::reply))
        .route("/tickets/{number}/note", post(ticket::note))
        .route("/tickets/{number}/assign", post(ticket::assign))
        .route("/tickets/{number}/status", post(ticket::status))
        .route("/tickets/{number}/priority", post(ticket::priority))
        .route("/tickets/{number}/tags", post(ticket::tags))
        .route("/tickets/{number}/merge", post(ticket::merge))
        .route("/tickets/{number}/complaint", post(complaint::register))
        .route(
            "/tickets/{number}/complaint/severity",
            post(complaint::severity),
        )
        .route("/tickets/{number}/complaint/notes", post(complaint::notes))
        .route(
            "/tickets/{number}/complaint/public",
            post(complaint::public_answer),
        )
        .route("/tickets/{number}/compensations", post(complaint::propose))
        .route("/compensations/{id}/decide", post(complaint::decide))
        .route("/complaints", get(complaints::page))
        .route("/admin/alerts", get(alerts::page).post(alerts::save))
        .route(
            "/admin/complaints",
            get(complaint_settings::page).post(complaint_settings::save),
        )
        .route("/files/{message}/{index}", get(files::download))
        .route("/admin", get(admin::overview))
        .route("/admin/agents", get(admin::agents))
        .route("/admin/agents/{id}/active", post(admin::set_active))
        .route("/admin/agents/{id}/role", post(admin::set_role))
        .route("/admin/topics", get(admin::topics))
        .route("/admin/hours", get(admin::hours))
        .route("/admin/audit", get(admin::audit_log))
        .route(
            "/admin/templates",
            get(templates::page).post(templates::save),
        )
        .route("/admin/templates/remove", post(templates::remove))
        .route("/admin/flows", get(flows::page).post(flows::edit))
        .route("/admin/flows/restore", post(flows::restore))
        .route(
            "/admin/lookup",
            get(order_lookup::page).post(order_lookup::act),
        )
        .route(
            "/admin/translation",
            get(translation::page).post(translation::act),
        )
        .route("/admin/routing", get(routing::page).post(routing::save))
        .route(
            "/admin/follow-up",
            get(follow_up::page).post(follow_up::save),
        )
        .route("/admin/routing/presence", post(routing::presence))
        .route("/admin/routing/hours", post(routing::hours))
        .route("/admin/kb", get(kb::list).post(kb::create))
        .route("/admin/kb/new", get(kb::new_page))
        .route("/admin/kb/{id}", get(kb::page).post(kb::save))
        .route("/admin/kb/{id}/history", get(kb::history))
        .route("/admin/kb/{id}/restore", post(kb::restore))
        .route(
            "/admin/kb/{id}/delete",
            get(kb::delete_page).post(kb::delete),
        )
        .route("/kb/{workspace}", get(kb_public::home))
        .route("/kb/{workspace}/{lang}/{slug}", get(kb_public::article))
        .route("/clients/{id}/export.zip", get(privacy::export))
        .route(
            "/clients/{id}/erase",
            get(privacy::erase_page).post(privacy::erase),
        )
        .route("/admin/privacy", get(privacy::settings))
        .route("/admin/privacy/retention", post(privacy::set_retention))
        .route("/reports", get(reports::page))
        .route("/reports/export.csv", get(reports::export_csv))
        .route("/reports/export.xlsx", get(reports::export_xlsx))
        .route("/reports/forecast", get(forecast::page))
        .route("/reports/forecast.xlsx", get(forecast::export_xlsx))
        .route("/reports/forecast.csv", get(forecast::export_csv))
        .route("/static/{name}", get(assets::serve))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Outermost, so refusals from `authenticate` carry the headers too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::secure,
        ))
        .with_state(state)
}

/// Every route, for the authorization tests: method, path (with sample ids) and the least
/// role it needs (`None`: open to anybody).
pub const ROUTES: &[(&str, &str, Option<ticketgram_domain::AgentRole>)] = {
    use ticketgram_domain::AgentRole::{Admin, Agent, Owner};
    &[
        ("GET", "/login", None),
        ("GET", "/static/live.js", None),
        ("GET", "/account", Some(Agent)),
        ("POST", "/desks/switch", Some(Agent)),
        ("GET", "/inbox", Some(Agent)),
        ("GET", "/events", Some(Agent)),
        ("GET", "/tickets/{number}", Some(Agent)),
        ("POST", "/tickets/{number}/reply", Some(Agent)),
        ("POST", "/tickets/{number}/note", Some(Agent)),
        ("POST", "/tickets/{number}/assign", Some(Agent)),
        ("POST", "/tickets/{number}/status", Some(Agent)),
        ("POST", "/tickets/{number}/priority", Some(Agent)),
        ("POST", "/tickets/{number}/tags", Some(Agent)),
        ("POST", "/tickets/{number}/merge", Some(Agent)),
        ("GET", "/files/{message}/0", Some(Agent)),
        ("POST", "/logout/everywhere", Some(Agent)),
        ("GET", "/admin", Some(Admin)),
        ("GET", "/admin/agents", Some(Admin)),
        ("POST", "/admin/agents/{agent}/active", Some(Admin)),
        ("POST", "/admin/agents/{agent}/role", Some(Owner)),
        ("GET", "/admin/topics", Some(Admin)),
        ("GET", "/admin/hours", Some(Admin)),
        ("GET", "/admin/audit", Some(Admin)),
        ("GET", "/admin/templates", Some(Admin)),
        ("POST", "/admin/templates", Some(Admin)),
        ("POST", "/admin/templates/remove", Some(Admin)),
        ("GET", "/admin/flows", Some(Admin)),
        ("POST", "/admin/flows", Some(Admin)),
        ("POST", "/admin/flows/restore", Some(Admin)),
        ("GET", "/admin/lookup", Some(Admin)),
        ("POST", "/admin/lookup", Some(Admin)),
        ("GET", "/admin/translation", Some(Admin)),
        ("POST", "/admin/translation", Some(Admin)),
        ("GET", "/admin/routing", Some(Admin)),
        ("GET", "/admin/follow-up", Some(Admin)),
        ("POST", "/admin/follow-up", Some(Admin)),
        ("POST", "/admin/routing", Some(Admin)),
        ("POST", "/admin/routing/presence", Some(Admin)),
        ("GET", "/kb/{workspace}", None),
        ("GET", "/kb/{workspace}/en/{slug}", None),
        ("GET", "/admin/kb", Some(Agent)),
        ("GET", "/admin/kb/{article}", Some(Agent)),
        ("GET", "/admin/kb/new", Some(Admin)),
        ("POST", "/admin/kb", Some(Admin)),
        ("POST", "/admin/kb/{article}", Some(Admin)),
        ("GET", "/admin/kb/{article}/history", Some(Admin)),
        ("POST", "/admin/kb/{article}/restore", Some(Admin)),
        ("GET", "/admin/kb/{article}/delete", Some(Admin)),
        ("POST", "/admin/kb/{article}/delete", Some(Admin)),
        ("GET", "/clients/{client}/export.zip", Some(Admin)),
        ("GET", "/clients/{client}/erase", Some(Admin)),
        ("POST", "/clients/{client}/erase", Some(Admin)),
        ("GET", "/admin/privacy", Some(Admin)),
        ("POST", "/admin/privacy/retention", Some(Admin)),
        ("GET", "/reports", Some(Admin)),
        ("GET", "/reports/export.csv", Some(Admin)),
        ("GET", "/reports/export.xlsx", Some(Admin)),
        ("GET", "/reports/forecast", Some(Admin)),
        ("GET", "/reports/forecast.xlsx", Some(Admin)),
        ("GET", "/reports/forecast.csv", Some(Admin)),
    ]
};
