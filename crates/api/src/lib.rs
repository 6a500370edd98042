//! Ticketgram's REST API, mounted by the binary under `/api/v1`, and its outgoing webhooks.
//!
//! Every request carries `Authorization: Bearer tg_…`; the token tells the workspace, and a
//! token only ever sees its own desk's rows. Each route needs one scope, declared next to it
//! in [`routes`], which is also what the OpenAPI document (`GET /api/v1/openapi.json`) and the
//! authorization tests are generated from: a route cannot exist without being documented and
//! tested. Writes go through the relay ([`ticketgram_relay::from_api`],
//! [`ticketgram_relay::outside`]), so what an integration does reaches Telegram through the
//! outbox exactly as if an agent had done it.

mod auth;
mod clients;
mod complaints;
mod error;
mod events;
mod extract;
mod forecast;
mod idempotency;
mod kb;
pub mod openapi;
mod order_lookup;
mod privacy;
mod reports;
pub mod routes;
mod routing;
mod rules;
pub mod scope;
mod ticket_actions;
mod ticket_list;
mod tickets;
pub mod token;
mod translation;
mod views;
mod webhook_endpoints;
pub mod webhooks;

pub use auth::Caller;
pub use error::ApiError;
pub use scope::Scope;
pub use webhooks::{DestinationPolicy, RetryPolicy, WebhookConfig, WebhookError, WebhookWorker};

use std::sync::Arc;
use ticketgram_domain::WorkspaceId;
use ticketgram_relay::directory::DeskDirectory;
use ticketgram_relay::Desk;
use ticketgram_store::Store;

/// What the handlers share: the desks this instance serves, by workspace.
#[derive(Clone)]
pub struct ApiState {
    store: Store,
    desks: DeskDirectory,
    /// Where webhook endpoints may point; checked when one is registered or changed.
    destinations: Arc<DestinationPolicy>,
    /// The client bot's Bot API client: a client's export fetches their files with it.
    telegram: Option<ticketgram_telegram::TelegramClient>,
}

impl ApiState {
    /// Webhook endpoints on public addresses only; see [`ApiState::with_webhook_destinations`].
    pub fn new(desk: Desk) -> ApiState {
        ApiState {
            store: desk.store.clone(),
            desks: DeskDirectory::of(desk),
            destinations: Arc::new(DestinationPolicy::public_only()),
            telegram: None,
        }
    }

    /// Fetches the files of a client's export with this client (the client bot's).
    pub fn with_telegram(self, telegram: ticketgram_telegram::TelegramClient) -> ApiState {
        ApiState {
            telegram: Some(telegram),
            ..self
        }
    }

    /// Serves another desk of the same database as well.
    pub fn with_desk(self, desk: Desk) -> ApiState {
        self.desks.insert(desk);
        self
    }

    /// The desks served: a desk inserted later (one created while the instance runs) is
    /// served from then on, a removed one refused.
    pub fn directory(&self) -> DeskDirectory {
        self.desks.clone()
    }

    /// Accepts webhook endpoints this policy allows (the same the worker sends with).
    pub fn with_webhook_destinations(self, policy: DestinationPolicy) -> ApiState {
        ApiState {
            destinations: Arc::new(policy),
            ..self
        }
    }

    fn desk(&self, ws: WorkspaceId) -> Option<Desk> {
        self.desks.get(ws)
    }
}

/// The API's routes, relative to `/api/v1`.
pub fn router(state: ApiState) -> axum::Router {
    routes::build(state)
}
