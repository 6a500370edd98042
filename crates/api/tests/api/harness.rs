//! A running service under test: a sandbox playing Telegram, a fresh SQLite database (or a
//! fresh PostgreSQL one when `TEST_DATABASE_URL` is set and the test asks for it), a desk with
//! an agent and a topic, the relay, the webhook worker and the API on 127.0.0.1:0. A second
//! desk in the same database ("other") is served too, so isolation between workspaces is
//! tested against a real neighbour.

use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_api::{
    ApiState, DestinationPolicy, RetryPolicy, Scope, WebhookConfig, WebhookWorker,
};
use ticketgram_domain::{Agent, AgentRole, Language, Priority, TopicName, WorkspaceId};
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskChats, DeskConfig, Relay, RelayHandle};
use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, UserId};
use ticketgram_store::{NewAgent, NewApiToken, NewTopic, NewWorkspace, SealingKey, Store};
use ticketgram_telegram::{Secret, TelegramClient};

pub const WAIT: Duration = Duration::from_secs(60);

/// The instance's secret key, which seals webhook signing secrets at rest.
pub const SECRET_KEY: &str = "api-tests-secret-key-of-at-least-32-characters";

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
    pub sandbox: Sandbox,
    pub store: Store,
    pub ws: WorkspaceId,
    pub other_ws: WorkspaceId,
    pub bot: BotHandle,
    pub channel: ChatRef,
    pub group: ChatRef,
    pub kate: Agent,
    pub other_agent: Agent,
    pub base: String,
    pub http: reqwest::Client,
    relay: Option<RelayHandle>,
    server: tokio::task::JoinHandle<()>,
    worker_stop: Option<tokio::sync::oneshot::Sender<()>>,
    /// PostgreSQL: the server's URL and the database to drop afterwards.
    postgres: Option<(String, String)>,
    _db: tempfile::TempDir,
}

pub struct TestClient {
    pub user: UserId,
    pub chat: ChatRef,
}

async fn workspace(store: &Store, slug: &str) -> WorkspaceId {
    store
        .write(async |tx| {
            tx.create_workspace(&NewWorkspace {
                slug: slug.into(),
                name: slug.into(),
                first_ticket_number: 1000,
                created_at: chrono::Utc::now(),
            })
            .await
        })
        .await
        .expect("workspace")
        .id
}

async fn agent(store: &Store, ws: WorkspaceId, telegram_id: i64, name: &str) -> Agent {
    store
        .write(async |tx| {
            tx.upsert_agent(
                ws,
                &NewAgent {
                    telegram_user_id: telegram_id,
                    name: name.into(),
                    role: AgentRole::Admin,
                    alias: ticketgram_domain::AgentAlias::parse(name),
                    languages: vec![Language::En],
                    skills: vec![],
                    schedule: None,
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("agent")
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

    /// A fresh PostgreSQL database on the `TEST_DATABASE_URL` server, dropped by [`stop`];
    /// `None` (with a notice) when no server is named.
    pub async fn start_on_postgres() -> Option<TestApi> {
        use sqlx::{Connection, Executor};
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("notice: PostgreSQL API test skipped: set TEST_DATABASE_URL to run it");
            return None;
        };
        let name = format!("tg_api_{}", uuid::Uuid::new_v4().simple());
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&admin_url)
            .await
            .expect("server");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create database");
        admin.close().await.expect("close");
        let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
        let mut api = TestApi::start_on(
            Some(format!("{base}/{name}")),
            TEST_RETRY,
            local_receivers(),
        )
        .await;
        api.postgres = Some((admin_url, name));
        Some(api)
    }

    async fn start_on(
        database_url: Option<String>,
        retry: RetryPolicy,
        destinations: DestinationPolicy,
    ) -> TestApi {
        if std::env::var_os("TEST_LOG").is_some() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter("info,ticketgram_api=debug")
                .with_test_writer()
                .try_init();
        }
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let url =
            database_url.unwrap_or_else(|| format!("sqlite://{}/desk.db", dir.path().display()));
        let store = Store::connect(&url).await.expect("database opens");
        store.migrate().await.expect("migrations run");
        let ws = workspace(&store, "desk").await;
        let other_ws = workspace(&store, "other").await;

        let world = sandbox.world();
        let owner = world.create_user("Olga", Some("olga_lead"), Some("en"));
        let bot = world.create_bot("desk_bot");
        let (channel, group) = world
            .create_channel_with_discussion(owner, "Support tickets")
            .expect("channel");
        world
            .add_bot_to_chat(bot.id, channel, true)
            .expect("bot in channel");
        world
            .add_bot_to_chat(bot.id, group, true)
            .expect("bot in group");
        let kate_user = world.create_user("Kate", Some("kate"), Some("en"));
        world
            .add_member(group, kate_user, false)
            .expect("kate joins");
        let kate = agent(&store, ws, kate_user, "Kate").await;
        let other_agent = agent(&store, other_ws, 900_001, "Olaf").await;
        store
            .write(async |tx| {
                tx.add_topic(
                    ws,
                    &NewTopic {
                        name: TopicName::single("Payments"),
                        position: 0,
                        default_priority: Priority::High,
                        queue: None,
                    },
                )
                .await
            })
            .await
            .expect("topic");

        let t = Arc::new(Translator::load().expect("locales"));
        let chats = DeskChats {
            bot_user_id: bot.id,
            channel_id: Some(channel.telegram_id()),
            group_id: Some(group.telegram_id()),
        };
        let mut config = DeskConfig::new(ws, chats);
        config.lease_ttl = Duration::from_secs(2);
        let key = SealingKey::derive(SECRET_KEY);
        let desk = Desk::new(store.clone(), t.clone(), config).with_token_key(key.clone());
        // The neighbour has no Telegram of its own here: only its API is exercised.
        let other = Desk::new(store.clone(), t, DeskConfig::new(other_ws, chats))
            .with_token_key(key.clone());
        let telegram = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
        let relay = Relay {
            desk: desk.clone(),
            telegram,
            instance: "api-test".into(),
            poll: true,
        }
        .start();

        let state = ApiState::new(desk)
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
        let worker = WebhookWorker::new(store.clone(), vec![ws, other_ws], webhooks)
            .expect("webhook worker");
        let (worker_stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(worker.run(async {
            let _ = stopped.await;
        }));

        TestApi {
            sandbox,
            store,
            ws,
            other_ws,
            bot,
            channel,
            group,
            kate,
            other_agent,
            base: format!("http://{addr}/api/v1"),
            http: reqwest::Client::new(),
            relay: Some(relay),
            server,
            worker_stop: Some(worker_stop),
            postgres: None,
            _db: dir,
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.worker_stop.take() {
            let _ = stop.send(());
        }
        if let Some(relay) = self.relay.take() {
            relay.shutdown().await;
        }
        self.server.abort();
        self.store.close().await;
        if let Some((admin_url, name)) = self.postgres.take() {
            use sqlx::{Connection, Executor};
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("server");
            admin
                .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
                .await
                .expect("drop database");
        }
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
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
        let chat = world.private_chat(self.bot.id, user).expect("private chat");
        TestClient { user, chat }
    }

    /// The client writes to the bot (and so opens a ticket the usual way).
    pub fn says(&self, client: &TestClient, text: &str) {
        self.sandbox
            .world()
            .user_sends_text(client.user, client.chat, text)
            .expect("client sends");
    }

    /// Waits until the chat has a message containing `needle`, and returns it.
    pub async fn chat_shows(&self, chat: ChatRef, needle: &str) -> Value {
        let seen = self
            .sandbox
            .world()
            .wait_for(chat, WAIT, |msgs| {
                msgs.iter().any(|m| text_of(m).contains(needle))
            })
            .await
            .unwrap_or_else(|all| panic!("never saw {needle:?}; got {all:#?}"));
        seen.into_iter()
            .rev()
            .find(|m| text_of(m).contains(needle))
            .expect("found")
    }

    /// Polls the API until `done` holds for the answer to GET `path`.
    pub async fn eventually(
        &self,
        path: &str,
        token: &str,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let (status, body) = self.get(path, token).await;
            if status == 200 && done(&body) {
                return body;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "GET {path} never got there: {status} {body:#}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn local_receivers() -> DestinationPolicy {
    DestinationPolicy::parse([RECEIVERS_NETWORK]).expect("a network")
}

pub fn text_of(message: &Value) -> String {
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}
