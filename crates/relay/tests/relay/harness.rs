//! A desk under test: a sandbox playing Telegram, a fresh SQLite database, agents, a channel
//! with its discussion group, and the relay running against them.

use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::{
    Agent, AgentAlias, AgentRole, Language, Priority, Ticket, TicketNumber, TopicName, WorkspaceId,
};
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskChats, DeskConfig, Relay, RelayHandle};
use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, UserId};
use ticketgram_store::{FaultPoints, NewAgent, NewTopic, NewWorkspace, Store};
use ticketgram_telegram::{Secret, TelegramClient};

/// Generous: waits end as soon as the awaited message arrives, and a loaded CI machine is slow.
pub const WAIT: Duration = Duration::from_secs(60);

pub struct TestDesk {
    pub sandbox: Sandbox,
    pub store: Store,
    /// The database the desk runs on (a test may open its own connections to it).
    pub database_url: String,
    pub ws: WorkspaceId,
    pub bot: BotHandle,
    pub channel: ChatRef,
    pub group: ChatRef,
    /// Kate: an agent with the alias "Kate"; Max: an agent without alias.
    pub kate: (UserId, Agent),
    pub max: (UserId, Agent),
    /// Crash tests arm these to cut an input's transaction short at a chosen step.
    pub faults: std::sync::Arc<FaultPoints>,
    relay: Option<RelayHandle>,
    /// In webhook mode: the secret Telegram must present, and our HTTP server.
    webhook: Option<Webhook>,
    /// A desk on its first day: the relay knows no channel or group (see [`TestDesk::start_bare`]).
    bare: bool,
    _db: tempfile::TempDir,
}

/// The key the test relays seal stored bot tokens with.
pub const TEST_SECRET_KEY: &str = "test-secret-key-0123456789abcdef-0123456789";

pub struct Webhook {
    pub secret: Secret,
    pub url: url::Url,
    server: tokio::task::JoinHandle<()>,
}

impl TestDesk {
    pub async fn start() -> TestDesk {
        TestDesk::start_with(SandboxConfig::default()).await
    }

    pub async fn start_with(config: SandboxConfig) -> TestDesk {
        TestDesk::start_on(config, None).await
    }

    /// A desk on the given database URL (PostgreSQL tests), or on a fresh SQLite file.
    pub async fn start_on(config: SandboxConfig, database_url: Option<String>) -> TestDesk {
        init_test_log();
        let sandbox = Sandbox::start(config).await.expect("sandbox starts");
        let dir = tempfile::tempdir().expect("temp dir");
        let url =
            database_url.unwrap_or_else(|| format!("sqlite://{}/desk.db", dir.path().display()));
        let faults = FaultPoints::new();
        let store = Store::connect(&url)
            .await
            .expect("database opens")
            .with_fault_points(faults.clone());
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
        let agent = |name: &str, alias: Option<&str>| {
            let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
            world
                .add_member(group, user, false)
                .expect("agent joins the group");
            world
                .add_member(channel, user, false)
                .expect("agent follows the channel");
            (user, alias.map(|a| a.to_string()), name.to_string())
        };
        let kate = agent("Kate", Some("Kate"));
        let max = agent("Max", None);
        let register = async |(user, alias, name): (UserId, Option<String>, String)| {
            let agent = store
                .write(async |tx| {
                    tx.upsert_agent(
                        ws,
                        &NewAgent {
                            telegram_user_id: user,
                            name,
                            role: AgentRole::Agent,
                            alias: alias.as_deref().and_then(AgentAlias::parse),
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
            (user, agent)
        };
        let kate = register(kate).await;
        let max = register(max).await;
        // Agents have opened the manager bot, so its notifications reach them.
        for user in [kate.0, max.0] {
            world
                .private_chat(bot.id, user)
                .expect("agent opens the bot");
        }
        for (position, name) in ["Payments", "Disputes"].into_iter().enumerate() {
            store
                .write(async |tx| {
                    tx.add_topic(
                        ws,
                        &NewTopic {
                            name: TopicName::single(name),
                            position: position as i64,
                            default_priority: Priority::Normal,
                            queue: None,
                        },
                    )
                    .await
                })
                .await
                .expect("topic");
        }
        let mut desk = TestDesk {
            sandbox,
            store,
            database_url: url,
            ws,
            bot,
            channel,
            group,
            kate,
            max,
            faults,
            relay: None,
            webhook: None,
            bare: false,
            _db: dir,
        };
        desk.start_relay();
        desk
    }

    /// A desk as `serve` starts it the first time: no owner, and the relay knows no agents'
    /// channel or group, no active agents and no topics (the sandbox still has the channel,
    /// the group and the people, for the settings bot to link and add).
    pub async fn start_bare() -> TestDesk {
        let mut desk = TestDesk::start().await;
        desk.stop_relay().await;
        for (_, agent) in [&desk.kate, &desk.max] {
            desk.store
                .write(async |tx| tx.set_agent_active(desk.ws, agent.id, false).await)
                .await
                .expect("agent deactivated");
        }
        for mut topic in desk
            .store
            .list_topics(desk.ws, false)
            .await
            .expect("topics")
        {
            topic.active = false;
            desk.store
                .write(async |tx| tx.update_topic(&topic).await)
                .await
                .expect("topic");
        }
        desk.bare = true;
        desk.start_relay();
        desk
    }

    /// A desk that receives updates by webhook instead of long polling.
    pub async fn start_webhook() -> TestDesk {
        let mut desk = TestDesk::start().await;
        desk.stop_relay().await;
        let mut relay = desk.relay();
        relay.poll = false;
        let handle = relay.start();
        let secret = Secret::new("webhook-secret-123");
        let router = ticketgram_relay::webhook::router(
            relay_desk(&desk),
            secret.clone(),
            handle.updates_stored.clone(),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        let path = ticketgram_relay::webhook::webhook_path(desk.bot.id);
        let url: url::Url = format!("http://{addr}{path}").parse().expect("url");
        let telegram =
            TelegramClient::new(desk.sandbox.base_url(), Secret::new(desk.bot.token.clone()));
        ticketgram_relay::webhook::register(&telegram, url.clone(), &secret)
            .await
            .expect("setWebhook");
        desk.relay = Some(handle);
        desk.webhook = Some(Webhook {
            secret,
            url,
            server,
        });
        desk
    }

    pub fn webhook(&self) -> &Webhook {
        self.webhook.as_ref().expect("webhook mode")
    }

    fn relay(&self) -> Relay {
        self.relay_named("test-instance")
    }

    /// The relay as another `ticketgram` process sharing this desk's database would run it.
    pub fn relay_named(&self, instance: &str) -> Relay {
        let desk = relay_desk(self);
        let telegram =
            TelegramClient::new(self.sandbox.base_url(), Secret::new(self.bot.token.clone()));
        Relay {
            desk,
            telegram,
            instance: instance.into(),
            poll: true,
        }
    }

    /// Takes the running relay out of the desk (to run it next to others, or kill it).
    pub fn take_relay(&mut self) -> Option<RelayHandle> {
        self.relay.take()
    }

    pub fn start_relay(&mut self) {
        self.relay = Some(self.relay().start());
    }

    /// Stops the relay as a deploy or crash would, leaving the database as it is.
    pub async fn stop_relay(&mut self) {
        if let Some(webhook) = self.webhook.take() {
            webhook.server.abort();
        }
        if let Some(relay) = self.relay.take() {
            relay.shutdown().await;
        }
    }

    /// A new client with a private chat with the bot.
    pub fn client(&self, name: &str, language: &str) -> Client {
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some(language));
        let chat = world.private_chat(self.bot.id, user).expect("private chat");
        Client { user, chat }
    }

    pub fn says(&self, client: &Client, text: &str) -> i64 {
        let sent = self
            .sandbox
            .world()
            .user_sends_text(client.user, client.chat, text)
            .expect("client sends");
        message_id(&sent)
    }

    /// What the bot sent the client, waiting until `done` holds.
    pub async fn client_sees(
        &self,
        client: &Client,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        self.client_sees_within(client, WAIT, done).await
    }

    pub async fn client_sees_within(
        &self,
        client: &Client,
        wait: Duration,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let bot = self.bot.id;
        self.sandbox
            .world()
            .wait_for(client.chat, wait, |all| done(&from_user(all, bot)))
            .await
            .map(|all| from_user(&all, bot))
            .unwrap_or_else(|all| {
                panic!(
                    "client never saw what we waited for; got {:#?}",
                    from_user(&all, bot)
                )
            })
    }

    /// Waits until the bot said something containing `needle` to the client, and returns it.
    pub async fn client_gets(&self, client: &Client, needle: &str) -> Value {
        let seen = self
            .client_sees(client, |msgs| {
                msgs.iter().any(|m| text_of(m).contains(needle))
            })
            .await;
        seen.into_iter()
            .rev()
            .find(|m| text_of(m).contains(needle))
            .expect("found")
    }

    /// Presses an inline button (by its label) on the bot's latest message that has it.
    pub async fn client_presses(&self, client: &Client, label: &str) {
        let msgs = self
            .client_sees(client, |msgs| {
                msgs.iter().any(|m| button_data(m, label).is_some())
            })
            .await;
        let message = msgs
            .iter()
            .rev()
            .find(|m| button_data(m, label).is_some())
            .expect("button");
        let data = button_data(message, label).expect("data");
        self.sandbox
            .world()
            .user_presses_button(client.user, client.chat, message_id(message), &data)
            .expect("press");
    }

    pub async fn ticket(&self, number: i64) -> Ticket {
        self.store
            .find_ticket_by_number(self.ws, TicketNumber(number))
            .await
            .expect("store")
            .expect("ticket exists")
    }

    /// The thread id of a ticket's card in the discussion group, once the relay posted it.
    pub async fn thread(&self, number: i64) -> i64 {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let ticket = self
                .store
                .find_ticket_by_number(self.ws, TicketNumber(number))
                .await
                .expect("store");
            if let Some(ticket) = ticket {
                if let Some(post) = self
                    .store
                    .find_ticket_post(self.ws, ticket.id)
                    .await
                    .expect("store")
                {
                    if let Some(thread) = post.thread_message_id {
                        return thread;
                    }
                }
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "ticket {number} never got a thread"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Messages in a ticket's thread, waiting until `done` holds.
    pub async fn thread_sees(&self, number: i64, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let thread = self.thread(number).await;
        let in_thread = |all: &[Value]| -> Vec<Value> {
            all.iter()
                .filter(|m| m.get("message_thread_id").and_then(Value::as_i64) == Some(thread))
                .cloned()
                .collect()
        };
        self.sandbox
            .world()
            .wait_for(self.group, WAIT, |all| done(&in_thread(all)))
            .await
            .map(|all| in_thread(&all))
            .unwrap_or_else(|all| {
                panic!(
                    "thread of #{number} never showed it; got {:#?}",
                    in_thread(&all)
                )
            })
    }

    pub async fn agent_comments(&self, agent: UserId, number: i64, text: &str) -> i64 {
        let thread = self.thread(number).await;
        let sent = self
            .sandbox
            .world()
            .user_comments(agent, self.group, thread, text)
            .expect("comment");
        message_id(&sent)
    }

    /// The card of a ticket as the channel shows it now.
    pub async fn card(&self, number: i64) -> Value {
        let ticket = self.ticket(number).await;
        let post = self
            .store
            .find_ticket_post(self.ws, ticket.id)
            .await
            .expect("store")
            .expect("post");
        let id = post.channel_message_id.expect("card posted");
        self.sandbox
            .world()
            .message(self.channel, id)
            .expect("card exists")
    }

    /// Waits until the card satisfies `done`.
    pub async fn card_shows(&self, number: i64, needle: &str) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let card = self.card(number).await;
            if text_of(&card).contains(needle) {
                return card;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "card #{number} never showed {needle:?}: {card:#}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses a card button as `user`.
    pub async fn press_on_card(&self, user: UserId, number: i64, label: &str) -> String {
        let card = self.card(number).await;
        let data = button_data(&card, label).unwrap_or_else(|| panic!("no {label} on {card:#}"));
        self.sandbox
            .world()
            .user_presses_button(user, self.channel, message_id(&card), &data)
            .expect("press")
    }

    /// Waits until the outbox has nothing left to send.
    pub async fn settled(&self) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.store.pending_count(self.ws).await.expect("store") > 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "outbox never drained"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The staff's side: agents in their private chat with the (manager) bot.
impl TestDesk {
    /// An admin of the desk who has opened the bot.
    pub async fn admin(&self, name: &str) -> (UserId, Agent) {
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
        world.private_chat(self.bot.id, user).expect("private chat");
        let agent = self
            .store
            .write(async |tx| {
                tx.upsert_agent(
                    self.ws,
                    &NewAgent {
                        telegram_user_id: user,
                        name: name.into(),
                        role: AgentRole::Admin,
                        alias: None,
                        languages: vec![Language::En],
                        skills: vec![],
                        schedule: None,
                        created_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .expect("admin");
        (user, agent)
    }

    pub fn private_chat_of(&self, user: UserId) -> ChatRef {
        self.sandbox
            .world()
            .private_chat(self.bot.id, user)
            .expect("private chat")
    }

    /// `user` writes to the bot in private (a command, usually).
    pub fn agent_says(&self, user: UserId, text: &str) {
        let chat = self.private_chat_of(user);
        self.sandbox
            .world()
            .user_sends_text(user, chat, text)
            .expect("agent sends");
    }

    /// Everything the bot has said to `user` in private so far.
    pub fn agent_inbox(&self, user: UserId) -> Vec<Value> {
        let chat = self.private_chat_of(user);
        from_user(&self.sandbox.world().chat_messages(chat), self.bot.id)
    }

    /// Waits for a bot message to `user`, after the first `seen` ones, containing `needle`.
    pub async fn agent_gets_after(&self, user: UserId, seen: usize, needle: &str) -> Value {
        let chat = self.private_chat_of(user);
        let bot = self.bot.id;
        let found = |all: &[Value]| {
            from_user(all, bot)
                .into_iter()
                .skip(seen)
                .find(|m| text_of(m).contains(needle))
        };
        match self
            .sandbox
            .world()
            .wait_for(chat, WAIT, |all| found(all).is_some())
            .await
        {
            Ok(all) => found(&all).expect("found"),
            Err(all) => panic!(
                "agent never got {needle:?}; got {:#?}",
                from_user(&all, bot)
            ),
        }
    }

    /// Waits for a bot message to `user` containing `needle` (any time so far).
    pub async fn agent_gets(&self, user: UserId, needle: &str) -> Value {
        self.agent_gets_after(user, 0, needle).await
    }

    /// Presses the button labelled `label` on `message` in `user`'s private chat.
    pub fn agent_presses(&self, user: UserId, message: &Value, label: &str) {
        let data =
            button_data(message, label).unwrap_or_else(|| panic!("no {label} on {message:#}"));
        let chat = self.private_chat_of(user);
        self.sandbox
            .world()
            .user_presses_button(user, chat, message_id(message), &data)
            .expect("press");
    }
}

/// Logs only when `TEST_LOG` is set, so a failing story can be replayed with the relay's view.
fn init_test_log() {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter("info,ticketgram_relay=debug")
            .with_test_writer()
            .try_init();
    }
}

pub struct Client {
    pub user: UserId,
    pub chat: ChatRef,
}

pub fn message_id(message: &Value) -> i64 {
    message["message_id"].as_i64().expect("message_id")
}

pub fn text_of(message: &Value) -> String {
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn from_user(all: &[Value], user: i64) -> Vec<Value> {
    all.iter()
        .filter(|m| m.pointer("/from/id").and_then(Value::as_i64) == Some(user))
        .cloned()
        .collect()
}

pub fn button_data(message: &Value, label: &str) -> Option<String> {
    message
        .pointer("/reply_markup/inline_keyboard")?
        .as_array()?
        .iter()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label)))
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
}

pub fn relay_desk(desk: &TestDesk) -> Desk {
    let (channel_id, group_id) = if desk.bare {
        (None, None)
    } else {
        (
            Some(desk.channel.telegram_id()),
            Some(desk.group.telegram_id()),
        )
    };
    let chats = DeskChats {
        bot_user_id: desk.bot.id,
        channel_id,
        group_id,
    };
    let mut config = DeskConfig::new(desk.ws, chats);
    config.album_window = Duration::from_millis(400);
    // A dead instance's bot is taken over after this; short so takeover tests stay quick.
    config.lease_ttl = Duration::from_secs(2);
    // The manager bot's SLA watch looks often, so at-risk stories take seconds.
    config.timer_interval = Duration::from_millis(300);
    Desk::new(
        desk.store.clone(),
        Arc::new(Translator::load().expect("locales")),
        config,
    )
    .with_token_key(ticketgram_store::SealingKey::derive(TEST_SECRET_KEY))
}
