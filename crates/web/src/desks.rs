//! One console for every desk of the instance. Each desk has its own console router (the
//! single-desk [`crate::router`], whose handlers act on `WebState::desk` only); this router
//! picks the desk of each request and hands the request to that desk's router:
//!
//! - a sign-in link (`/login/<token>`): the desk whose manager bot sent it;
//! - a public help-centre page (`/kb/<desk>/…`): the desk of that slug;
//! - otherwise the desk of the session cookie, or the default desk without one.
//!
//! A session belongs to one desk, so every page and form of it acts on that desk alone;
//! switching desks (`crate::desk_switch`) ends the session and starts one in the other desk
//! with a new CSRF token, so a form rendered for one desk and posted after the switch is
//! refused instead of acting on the other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Router;
use ticketgram_domain::WorkspaceId;
use ticketgram_relay::directory::DeskDirectory;
use ticketgram_relay::Desk;
use ticketgram_telegram::TelegramClient;
use tower::ServiceExt as _;

use crate::{WebSettings, WebState};

/// What the console of many desks is made of.
#[derive(Clone)]
pub struct Consoles {
    desks: DeskDirectory,
    default: WorkspaceId,
    /// The default desk's client bot, fetching its files; other desks use their own bot.
    telegram: TelegramClient,
    settings: Arc<WebSettings>,
    /// Each desk's router, built on its first request; rebuilt when its desk restarted with
    /// another bot.
    routers: Arc<Mutex<HashMap<WorkspaceId, (i64, Router)>>>,
}

impl Consoles {
    pub fn new(
        desks: DeskDirectory,
        default: WorkspaceId,
        telegram: TelegramClient,
        settings: Arc<WebSettings>,
    ) -> Consoles {
        Consoles {
            desks,
            default,
            telegram,
            settings,
            routers: Arc::default(),
        }
    }

    /// The router of `ws`'s desk, if this instance serves it.
    fn router_of(&self, ws: WorkspaceId) -> Option<Router> {
        let desk = self.desks.get(ws)?;
        let mut routers = self.routers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((bot, router)) = routers.get(&ws) {
            if *bot == desk.bot_id() {
                return Some(router.clone());
            }
        }
        let bot = desk.bot_id();
        let router = crate::router(self.state_of(desk));
        routers.insert(ws, (bot, router.clone()));
        Some(router)
    }

    fn state_of(&self, desk: Desk) -> WebState {
        let telegram = desk
            .telegram
            .clone()
            .unwrap_or_else(|| self.telegram.clone());
        WebState {
            desk,
            telegram,
            settings: self.settings.clone(),
        }
    }

    /// The desk a request is for (see the module's documentation), from its path and its
    /// session cookie (owned: a request's body cannot be held across an await by reference).
    async fn desk_of(&self, path: &str, cookie: Option<String>) -> WorkspaceId {
        let Some(desk) = self.desks.get(self.default) else {
            return self.default;
        };
        let store = &desk.store;
        let now = chrono::Utc::now();
        let found = if path.starts_with("/static/") {
            // The same files for every desk: no database read for a stylesheet.
            Ok(None)
        } else if let Some(token) = path.strip_prefix("/login/") {
            store.login_link_desk(token, now).await
        } else if let Some(rest) = path.strip_prefix("/kb/") {
            let slug = rest.split('/').next().unwrap_or_default();
            store
                .find_workspace_by_slug(slug)
                .await
                .map(|found| found.map(|w| w.id))
        } else if let Some(token) = cookie {
            store.web_session_desk(&token, now).await
        } else {
            Ok(None)
        };
        match found {
            Ok(Some(ws)) if self.desks.get(ws).is_some() => ws,
            Ok(_) => self.default,
            Err(e) => {
                // The default desk's console then answers: it refuses what is not its own.
                tracing::warn!(error = %e, "cannot tell which desk a console request is for");
                self.default
            }
        }
    }
}

/// The console of every desk the directory serves.
pub fn router(consoles: Consoles) -> Router {
    Router::new().fallback(dispatch).with_state(consoles)
}

async fn dispatch(State(consoles): State<Consoles>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let cookie = crate::auth::session_cookie(request.headers());
    let ws = consoles.desk_of(&path, cookie).await;
    let router = consoles
        .router_of(ws)
        .or_else(|| consoles.router_of(consoles.default));
    match router {
        Some(router) => match router.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        },
        None => axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
