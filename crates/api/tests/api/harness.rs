//! A running service under test: the shared kit's desk (a sandbox playing Telegram, a fresh
//! SQLite database — or a fresh PostgreSQL one when `TEST_DATABASE_URL` is set and the test
//! asks for it —, agents, a topic and the relay), with the webhook worker and the API on
//! 127.0.0.1:0. A second desk in the same database ("other") is served too, so isolation
//! between workspaces is tested against a real neighbour.

use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_api::{
    ApiState, DestinationPolicy, RetryPolicy, Scope, WebhookConfig, WebhookWorker,
};
use ticketgram_domain::{Agent, AgentRole, Priority, WorkspaceId};
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskConfig};
use ticketgram_store::{NewApiToken, SealingKey};
use ticketgram_testkit::{TestDatabase, TestDesk};

pub use ticketgram_testkit::{eventually, text_of, Client as TestClient, WAIT};

/// The instance's secret key, which seals webhook signing secrets at rest.
pub const SECRET_KEY: &str = ticketgram_testkit::TEST_SECRET_KEY;

/// The desk's public URL (`http.public_url`).
pub const PUBLIC_URL: &str = "https://help.example.com";

/// The stand-in receivers of the tests listen on 127.0.0.1, as a receiver on the desk's own
/// network would: the operator allows it, as `webhooks.allow_private_networks` does.
pub const RECEIVERS_NETWORK: &str = "127.0.0.1/32";

/// Quick retries, never given up within a test.
const TEST_RETRY: RetryPolicy = RetryPolicy {
    first_delay: Duration::from_millis(300),
    max_delay: Duration::from_secs(2),
    give_up_after: Duration::from_secs(600),
};

pub struct TestApi {
    /// The desk; its fields (`sandbox`, `store`, `ws`, `bot`, `channel`, `group`) read
    /// through, as `api.store`.
    pub desk: TestDesk,
    pub other_ws: WorkspaceId,
    /// Kate, an admin of the desk here.
    pub kate: Agent,
    pub other_agent: Agent,
    pub base: String,
    pub http: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
    worker_stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// The desk's fields read as the API's own: `api.store`, `api.sandbox`, `api.says(..)`.
impl std::ops::Deref for TestApi {
    type Target = TestDesk;

    fn deref(&self) -> &TestDesk {
        &self.desk
    }
}

impl TestApi {
    pub async fn start() -> TestApi {
        TestApi::start_on(None, TEST_RETRY, local_receivers()).await
    }

    /// Webhook deliveries retried on `retry` instead of the tests' usual schedule.
    pub async fn start_retrying(retry: RetryPolicy) -> TestApi {
        TestApi::start_on(None, retry, local_receivers()).await
    }

    /// As shipped: webhooks go to public addresses only, no network allowed besides.
    pub async fn start_public_only() -> TestApi {
        TestApi::start_on(None, TEST_RETRY, DestinationPolicy::public_only()).await
    }

    /// A fresh PostgreSQL database on the `TEST_DATABASE_URL` server, dropped with the desk;
    /// `None` (with a notice) when no server is named.
    pub async fn start_on_postgres() -> Option<TestApi> {
        let database = TestDatabase::postgres().await?;
        Some(TestApi::start_on(Some(database), TEST_RETRY, local_receivers()).await)
    }

    async fn start_on(
        database: Option<TestDatabase>,
        retry: RetryPolicy,
        destinations: DestinationPolicy,
    ) -> TestApi {
        // Published articles link their public page under the desk's public URL.
        let setup = TestDesk::setup()
            .topics(&[("Payments", Priority::High)])
            .tune(|config| config.console_url = Some(PUBLIC_URL.into()));
        let desk = match database {
            Some(database) => setup.database(database),
            None => setup,
        }
        .start()
        .await;
        let ws = desk.ws;
        let (kate_user, _) = desk.kate;
        let kate = desk
            .register(kate_user, "Kate", AgentRole::Admin, Some("Kate"))
            .await;
        let other_ws = desk.open_neighbour("other").await;
        let other_agent = desk
            .store
            .write(async |tx| {
                tx.upsert_agent(
                    other_ws,
                    &ticketgram_store::NewAgent {
                        telegram_user_id: 900_001,
                        name: "Olaf".into(),
                        role: AgentRole::Admin,
                        alias: ticketgram_domain::AgentAlias::parse("Olaf"),
                        languages: vec![ticketgram_domain::Language::En],
                        skills: vec![],
                        schedule: None,
                        created_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .expect("agent");

        let key = SealingKey::derive(SECRET_KEY);
        let chats = desk.relay_desk().config.chats;
        // The neighbour has no Telegram of its own here: only its API is exercised.
        let other = Desk::new(
            desk.store.clone(),
            Arc::new(Translator::load().expect("locales")),
            DeskConfig::new(other_ws, chats),
        )
        .with_token_key(key.clone());
        let state = ApiState::new(desk.relay_desk())
            .with_telegram(desk.telegram())
            .with_desk(other)
            .with_webhook_destinations(destinations.clone());
        let app = axum::Router::new().nest("/api/v1", ticketgram_api::router(state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });

        let mut webhooks = WebhookConfig::new("api-test");
        webhooks.poll_interval = Duration::from_millis(100);
        webhooks.settle = Duration::from_millis(200);
        webhooks.retry = retry;
        webhooks.destinations = destinations;
        webhooks.secret_key = Some(key);
        let worker = WebhookWorker::new(desk.store.clone(), vec![ws, other_ws], webhooks)
            .expect("webhook worker");
        let (worker_stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(worker.run(async {
            let _ = stopped.await;
        }));

        TestApi {
            desk,
            other_ws,
            kate,
            other_agent,
            base: format!("http://{addr}/api/v1"),
            http: reqwest::Client::new(),
            server,
            worker_stop: Some(worker_stop),
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.worker_stop.take() {
            let _ = stop.send(());
        }
        self.desk.stop_relay().await;
        self.server.abort();
        self.desk.store.close().await;
    }

    /// A token of the desk created by Kate, with these scopes.
    pub async fn token(&self, scopes: &[Scope]) -> String {
        self.token_in(self.ws, Some(self.kate.id), scopes).await
    }

    pub async fn token_in(
        &self,
        ws: WorkspaceId,
        agent: Option<ticketgram_domain::AgentId>,
        scopes: &[Scope],
    ) -> String {
        let minted = ticketgram_api::token::mint();
        self.store
            .write(async |tx| {
                tx.create_api_token(
                    ws,
                    &NewApiToken {
                        name: "test integration".into(),
                        prefix: minted.prefix.clone(),
                        token_hash: minted.hash.clone(),
                        scopes: scopes.iter().map(|s| s.as_str().to_string()).collect(),
                        created_by: agent,
                        created_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .expect("token");
        minted.raw
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("API answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, json)
    }

    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, Some(token), None)
            .await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(token), Some(body))
            .await
    }

    /// A Telegram user who has a private chat with the client bot.
    pub fn client(&self, name: &str) -> TestClient {
        self.desk.client(name, "en")
    }

    /// Polls the API until `done` holds for the answer to GET `path`.
    pub async fn eventually(
        &self,
        path: &str,
        token: &str,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let what = format!("GET {path} to get there");
        eventually(&what, || async {
            match self.get(path, token).await {
                (200, body) if done(&body) => Ok(body),
                seen => Err(seen),
            }
        })
        .await
    }
}

fn local_receivers() -> DestinationPolicy {
    DestinationPolicy::parse([RECEIVERS_NETWORK]).expect("a network")
}
