//! A desk with its console: a Telegram sandbox, a fresh SQLite database, the relay, and the
//! console's router on 127.0.0.1:0. Agents of every role, one of them deactivated.

use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::{Agent, AgentAlias, AgentRole, Language, Priority, TopicName, WorkspaceId};
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskChats, DeskConfig, Relay, RelayHandle};
use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, UserId};
use ticketgram_store::{NewAgent, NewTopic, NewWorkspace, Store};
use ticketgram_telegram::{Secret, TelegramClient};
use ticketgram_web::{WebSettings, WebState};

pub const WAIT: Duration = Duration::from_secs(60);

pub struct Console {
    pub sandbox: Sandbox,
    pub store: Store,
    pub ws: WorkspaceId,
    pub bot: BotHandle,
    pub group: ChatRef,
    pub base: String,
    pub agent: Agent,
    pub admin: Agent,
    pub owner: Agent,
    pub deactivated: Agent,
    relay: Option<RelayHandle>,
    server: tokio::task::JoinHandle<()>,
    _db: tempfile::TempDir,
}

pub struct TgClient {
    pub user: UserId,
    pub chat: ChatRef,
}

impl Console {
    pub async fn start() -> Console {
        Console::start_with(|_| {}).await
    }

    /// A console whose settings `tune` adjusts first (a public https URL, sign-in limits).
    pub async fn start_with(tune: impl FnOnce(&mut WebSettings)) -> Console {
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/desk.db", dir.path().display());
        let store = Store::connect(&url).await.expect("database opens");
        store.migrate().await.expect("migrations run");
        let now = chrono::Utc::now();
        let ws = store
            .write(async |tx| {
                tx.create_workspace(&NewWorkspace {
                    slug: "desk".into(),
                    name: "Test desk".into(),
                    first_ticket_number: 1000,
                    created_at: now,
                })
                .await
            })
            .await
            .expect("workspace")
            .id;
        let world = sandbox.world();
        let lead = world.create_user("Olga", Some("olga_lead"), Some("en"));
        let bot = world.create_bot("desk_bot");
        let (channel, group) = world
            .create_channel_with_discussion(lead, "Support tickets")
            .expect("channel");
        world
            .add_bot_to_chat(bot.id, channel, true)
            .expect("bot in channel");
        world
            .add_bot_to_chat(bot.id, group, true)
            .expect("bot in group");
        let mut agents = Vec::new();
        for (i, (name, role)) in [
            ("Kate", AgentRole::Agent),
            ("Adam", AgentRole::Admin),
            ("Olga", AgentRole::Owner),
            ("Dora", AgentRole::Agent),
        ]
        .into_iter()
        .enumerate()
        {
            let world = &world;
            let agent = store
                .write(async |tx| {
                    tx.upsert_agent(
                        ws,
                        &NewAgent {
                            telegram_user_id: world.create_user(
                                name,
                                Some(&format!("{}_{i}", name.to_lowercase())),
                                Some("en"),
                            ),
                            name: name.into(),
                            role,
                            alias: AgentAlias::parse(name),
                            languages: vec![Language::En],
                            skills: vec![],
                            schedule: None,
                            created_at: now,
                        },
                    )
                    .await
                })
                .await
                .expect("agent");
            agents.push(agent);
        }
        store
            .write(async |tx| tx.set_agent_active(ws, agents[3].id, false).await)
            .await
            .expect("deactivate");
        store
            .write(async |tx| {
                tx.add_topic(
                    ws,
                    &NewTopic {
                        name: TopicName::single("Payments"),
                        position: 0,
                        default_priority: Priority::Normal,
                        queue: None,
                    },
                )
                .await
            })
            .await
            .expect("topic");
        let chats = DeskChats {
            bot_user_id: bot.id,
            channel_id: Some(channel.telegram_id()),
            group_id: Some(group.telegram_id()),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let mut config = DeskConfig::new(ws, chats);
        config.lease_ttl = Duration::from_secs(2);
        config.console_url = Some(base.clone());
        // The instance's key, which seals what must not sit in the database in plain text
        // (the sign-in links the manager bot sends, in the outbox).
        let desk = Desk::new(
            store.clone(),
            Arc::new(Translator::load().expect("locales")),
            config,
        )
        .with_token_key(ticketgram_store::SealingKey::derive(
            "console-tests-secret-key-of-at-least-32-characters",
        ));
        let telegram = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
        let relay = Relay {
            desk: desk.clone(),
            telegram: telegram.clone(),
            instance: "console-test".into(),
            poll: true,
        }
        .start();
        let mut settings = WebSettings::new(Some(base.clone()));
        settings.poll_interval = Duration::from_millis(200);
        tune(&mut settings);
        let router = ticketgram_web::router(WebState {
            desk,
            telegram,
            settings: Arc::new(settings),
        });
        // With the peer address, as the binary serves it (sign-in throttling per address).
        let server = tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
            let _ = axum::serve(listener, service).await;
        });
        let [agent, admin, owner, deactivated]: [Agent; 4] =
            agents.try_into().expect("four agents");
        Console {
            sandbox,
            store,
            ws,
            bot,
            group,
            base,
            agent,
            admin,
            owner,
            deactivated,
            relay: Some(relay),
            server,
            _db: dir,
        }
    }

    pub async fn stop(mut self) {
        self.server.abort();
        if let Some(relay) = self.relay.take() {
            relay.shutdown().await;
        }
    }

    /// A session cookie and CSRF token for `agent`, as a sign-in would give.
    pub async fn session(&self, agent: &Agent) -> Session {
        let s = self
            .store
            .write(async |tx| {
                tx.create_web_session(
                    self.ws,
                    agent.id,
                    Duration::from_secs(3600),
                    chrono::Utc::now(),
                )
                .await
            })
            .await
            .expect("session");
        Session {
            cookie: format!("tg_session={}", s.token),
            csrf: s.csrf,
        }
    }

    /// The console's origin, as a browser on its pages sends it with a form post.
    pub fn origin(&self) -> &str {
        &self.base
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn client(&self, name: &str) -> TgClient {
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
        let chat = world.private_chat(self.bot.id, user).expect("private chat");
        TgClient { user, chat }
    }

    pub fn says(&self, client: &TgClient, text: &str) {
        self.sandbox
            .world()
            .user_sends_text(client.user, client.chat, text)
            .expect("client sends");
    }

    /// Waits until the bot said something containing `needle` to the client.
    pub async fn client_gets(&self, client: &TgClient, needle: &str) -> Value {
        let bot = self.bot.id;
        let from_bot = |all: &[Value]| -> Vec<Value> {
            all.iter()
                .filter(|m| m.pointer("/from/id").and_then(Value::as_i64) == Some(bot))
                .cloned()
                .collect()
        };
        let all = self
            .sandbox
            .world()
            .wait_for(client.chat, WAIT, |all| {
                from_bot(all).iter().any(|m| text_of(m).contains(needle))
            })
            .await
            .unwrap_or_else(|all| panic!("client never got {needle:?}: {:#?}", from_bot(&all)));
        from_bot(&all)
            .into_iter()
            .rev()
            .find(|m| text_of(m).contains(needle))
            .expect("found")
    }

    /// Waits until the ticket exists in the store.
    pub async fn ticket(&self, number: i64) -> ticketgram_domain::Ticket {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(t) = self
                .store
                .find_ticket_by_number(self.ws, ticketgram_domain::TicketNumber(number))
                .await
                .expect("store")
            {
                return t;
            }
            assert!(tokio::time::Instant::now() < deadline, "no ticket {number}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until something in the ticket's discussion group contains `needle`.
    pub async fn group_sees(&self, needle: &str) {
        self.sandbox
            .world()
            .wait_for(self.group, WAIT, |all| {
                all.iter().any(|m| text_of(m).contains(needle))
            })
            .await
            .unwrap_or_else(|_| panic!("the group never showed {needle:?}"));
    }
}

#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub fn text_of(message: &Value) -> String {
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// An HTTP client that never follows redirects, so tests see them.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}
