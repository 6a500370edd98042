//! A desk under test: Telegram played by the sandbox ([`TelegramDesk`]), a fresh database, a
//! workspace with two agents (Kate, with the alias "Kate", and Max, without) who follow the
//! agents' channel, write in its group and have opened the bot, the topics the test asks for,
//! and the relay running against all of it. What a suite needs besides (the console's or the
//! API's server) it starts next to the desk, on the desk returned by [`TestDesk::relay_desk`].

use std::sync::Arc;
use std::time::Duration;

use ticketgram_domain::{Agent, AgentAlias, AgentRole, Language, Priority, TopicName, WorkspaceId};
use ticketgram_i18n::Translator;
use ticketgram_relay::signals::Signals;
use ticketgram_relay::{
    BotRoles, Desk, DeskBots, DeskChats, DeskConfig, HelperBot, Relay, RelayHandle,
};
use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, UserId};
use ticketgram_store::{FaultPoints, NewAgent, NewTopic, NewWorkspace, Store};
use ticketgram_telegram::{Secret, TelegramClient};

use crate::database::TestDatabase;
use crate::log::init_test_log;
use crate::telegram::{join_team_chats, TelegramDesk};

/// The key the test relays seal stored bot tokens and webhook secrets with.
pub const TEST_SECRET_KEY: &str = "test-secret-key-0123456789abcdef-0123456789";

/// The instance name of the desk's own relay.
const INSTANCE: &str = "test-instance";

type Tune = Arc<dyn Fn(&mut DeskConfig) + Send + Sync>;

pub struct TestDesk {
    pub sandbox: Sandbox,
    pub store: Store,
    /// The database the desk runs on (a test may open its own connections to it).
    pub database_url: String,
    pub ws: WorkspaceId,
    pub bot: BotHandle,
    /// The bots agents and admins talk to in private: `bot` itself, unless the desk was set
    /// up with [`DeskSetup::separate_staff_bots`] (then neither is in the channel or group).
    pub manager_bot: BotHandle,
    pub settings_bot: BotHandle,
    /// Helper bots ([`DeskSetup::helper_bots`]): administrators of the group that post
    /// clients' texts when the desk's bot has no room left there.
    pub helpers: Vec<BotHandle>,
    pub channel: ChatRef,
    pub group: ChatRef,
    /// Kate: an agent with the alias "Kate"; Max: an agent without alias.
    pub kate: (UserId, Agent),
    pub max: (UserId, Agent),
    /// Crash tests arm these to cut an input's transaction short at a chosen step.
    pub faults: Arc<FaultPoints>,
    pub(crate) relay: Option<RelayHandle>,
    /// The manager and settings bots' relays, when they are bots of their own.
    staff_relays: Vec<RelayHandle>,
    /// In webhook mode: the secret Telegram must present, and our HTTP server.
    pub(crate) webhook: Option<crate::webhook::Webhook>,
    /// A desk on its first day: the relay knows no channel or group (see [`TestDesk::start_bare`]).
    pub(crate) bare: bool,
    /// Whether the relay paces its sends: as Telegram's limits are, on in the sandbox or off.
    pacing: bool,
    /// What the suite changed in the desk's configuration, applied to every desk handed out.
    tune: Tune,
    /// The bells of this process: shared by the desk's own relay and by what the test does
    /// through [`TestDesk::relay_desk`], as the console and the API share them in `serve`.
    signals: Signals,
    /// `None` when the test brought its own database (and drops it itself).
    _database: Option<TestDatabase>,
}

/// How to start a [`TestDesk`]; [`TestDesk::setup`] gives the usual one.
#[must_use]
pub struct DeskSetup {
    sandbox: SandboxConfig,
    database: Option<TestDatabase>,
    database_url: Option<String>,
    topics: Vec<(String, Priority)>,
    tune: Tune,
    separate_staff_bots: bool,
    helper_bots: usize,
}

impl DeskSetup {
    /// The sandbox's settings (flood limits, failures to inject).
    pub fn sandbox(mut self, config: SandboxConfig) -> DeskSetup {
        self.sandbox = config;
        self
    }

    /// The desk runs on this database (and drops it with itself); a fresh SQLite file if not.
    pub fn database(mut self, database: TestDatabase) -> DeskSetup {
        self.database = Some(database);
        self
    }

    /// The desk runs on a database the test keeps (another instance will connect too).
    pub fn database_url(mut self, url: impl Into<String>) -> DeskSetup {
        self.database_url = Some(url.into());
        self
    }

    /// The desk's topics, in menu order, instead of "Payments" and "Disputes".
    pub fn topics(mut self, topics: &[(&str, Priority)]) -> DeskSetup {
        self.topics = topics
            .iter()
            .map(|(name, priority)| (name.to_string(), *priority))
            .collect();
        self
    }

    /// Changes the desk's configuration after the test defaults (the console's URL, say).
    pub fn tune(mut self, tune: impl Fn(&mut DeskConfig) + Send + Sync + 'static) -> DeskSetup {
        self.tune = Arc::new(tune);
        self
    }

    /// Three bots, one per role, as a desk that pasted a manager and a settings bot's tokens
    /// into the settings bot runs: `@desk_bot` talks to clients and sits in the channel and
    /// its group; `@desk_manager_bot` and `@desk_settings_bot` sit in neither, and each runs
    /// a relay of its own. The agents have opened all three.
    pub fn separate_staff_bots(mut self) -> DeskSetup {
        self.separate_staff_bots = true;
        self
    }

    /// `count` helper bots, administrators of the agents' group and registered with the
    /// desk as the settings bot registers them, posting through the desk's relay.
    pub fn helper_bots(mut self, count: usize) -> DeskSetup {
        self.helper_bots = count;
        self
    }

    pub async fn start(self) -> TestDesk {
        init_test_log();
        let pacing = self.sandbox.flood_limits;
        let TelegramDesk {
            sandbox,
            owner: _,
            bot,
            channel,
            group,
        } = TelegramDesk::start_with(self.sandbox).await;
        let (database, url) = match self.database_url {
            Some(url) => (None, url),
            None => {
                let database = self.database.unwrap_or_else(TestDatabase::sqlite);
                let url = database.url.clone();
                (Some(database), url)
            }
        };
        let faults = FaultPoints::new();
        let store = Store::connect(&url)
            .await
            .expect("database opens")
            .with_fault_points(faults.clone());
        store.migrate().await.expect("migrations run");
        let ws = open_workspace(&store, "desk", "Test desk").await;
        let world = sandbox.world();
        let mut team = Vec::new();
        for (name, alias) in [("Kate", Some("Kate")), ("Max", None)] {
            let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
            join_team_chats(world, channel, group, user);
            team.push((user, name, alias));
        }
        let mut agents = Vec::new();
        for (user, name, alias) in team {
            let agent = register(&store, ws, user, name, AgentRole::Agent, alias).await;
            agents.push((user, agent));
        }
        let [kate, max]: [(UserId, Agent); 2] = agents.try_into().expect("two agents");
        let (manager_bot, settings_bot) = if self.separate_staff_bots {
            (
                world.create_bot("desk_manager_bot"),
                world.create_bot("desk_settings_bot"),
            )
        } else {
            (bot.clone(), bot.clone())
        };
        // Agents have opened the manager bot, so its notifications reach them.
        for staff_bot in [&bot, &manager_bot, &settings_bot] {
            for user in [kate.0, max.0] {
                world
                    .private_chat(staff_bot.id, user)
                    .expect("agent opens the bot");
            }
        }
        let mut helpers = Vec::new();
        for i in 0..self.helper_bots {
            let helper = world.create_bot(&format!("desk_helper{i}_bot"));
            world
                .add_bot_to_chat(helper.id, group, true)
                .expect("helper in the group");
            let sealed = ticketgram_store::SealingKey::derive(TEST_SECRET_KEY).seal(&helper.token);
            let new = ticketgram_store::NewBot {
                role: ticketgram_store::BotRole::Helper,
                telegram_bot_id: helper.id,
                username: format!("desk_helper{i}_bot"),
                token_ciphertext: sealed,
                created_at: chrono::Utc::now(),
            };
            store
                .write(async |tx| tx.register_bot(ws, &new).await)
                .await
                .expect("helper registered");
            helpers.push(helper);
        }
        let desk = TestDesk {
            sandbox,
            store,
            database_url: url,
            ws,
            bot,
            manager_bot,
            settings_bot,
            helpers,
            channel,
            group,
            kate,
            max,
            faults,
            relay: None,
            staff_relays: Vec::new(),
            webhook: None,
            bare: false,
            pacing,
            tune: self.tune,
            signals: Signals::default(),
            _database: database,
        };
        for (position, (name, priority)) in self.topics.iter().enumerate() {
            desk.store
                .write(async |tx| {
                    tx.add_topic(
                        ws,
                        &NewTopic {
                            name: TopicName::single(name),
                            position: position as i64,
                            default_priority: *priority,
                            queue: None,
                        },
                    )
                    .await
                })
                .await
                .expect("topic");
        }
        let mut desk = desk;
        desk.start_relay();
        desk
    }
}

impl TestDesk {
    /// The usual desk: on a fresh SQLite file, topics "Payments" and "Disputes".
    pub fn setup() -> DeskSetup {
        DeskSetup {
            sandbox: SandboxConfig::default(),
            database: None,
            database_url: None,
            topics: [
                ("Payments", Priority::Normal),
                ("Disputes", Priority::Normal),
            ]
            .iter()
            .map(|(name, priority)| (name.to_string(), *priority))
            .collect(),
            tune: Arc::new(|_| {}),
            separate_staff_bots: false,
            helper_bots: 0,
        }
    }

    pub async fn start() -> TestDesk {
        TestDesk::setup().start().await
    }

    pub async fn start_with(config: SandboxConfig) -> TestDesk {
        TestDesk::setup().sandbox(config).start().await
    }

    /// A desk on the given database URL (PostgreSQL tests), or on a fresh SQLite file.
    pub async fn start_on(config: SandboxConfig, database_url: Option<String>) -> TestDesk {
        let setup = TestDesk::setup().sandbox(config);
        match database_url {
            Some(url) => setup.database_url(url),
            None => setup,
        }
        .start()
        .await
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

    /// The desk the running process works on: console and API actions applied through it
    /// wake the desk's relay at once, as they do in `serve` (a desk of its own would ring
    /// bells nobody listens to, and its jobs would wait for the relay's idle look).
    pub fn relay_desk(&self) -> Desk {
        let mut desk = self.new_desk();
        desk.signals = self.signals.clone();
        desk
    }

    /// The desk as a process of its own would build it: with its own bells.
    fn new_desk(&self) -> Desk {
        let (channel_id, group_id) = if self.bare {
            (None, None)
        } else {
            (
                Some(self.channel.telegram_id()),
                Some(self.group.telegram_id()),
            )
        };
        let chats = DeskChats {
            bot_user_id: self.bot.id,
            channel_id,
            group_id,
        };
        let mut config = DeskConfig::new(self.ws, chats);
        if self.has_staff_bots() {
            config.bots = DeskBots {
                client: self.bot.id,
                manager: self.manager_bot.id,
                settings: self.settings_bot.id,
            };
            config.roles = BotRoles {
                client: true,
                manager: false,
                settings: false,
            };
        }
        config.pacing = self.pacing;
        config.album_window = Duration::from_millis(400);
        // A dead instance's bot is taken over after this; short so takeover tests stay quick.
        config.lease_ttl = Duration::from_secs(2);
        // The manager bot's SLA watch looks often, so at-risk stories take seconds.
        config.timer_interval = Duration::from_millis(300);
        (self.tune)(&mut config);
        let mut desk = Desk::new(
            self.store.clone(),
            Arc::new(Translator::load().expect("locales")),
            config,
        )
        .with_token_key(ticketgram_store::SealingKey::derive(TEST_SECRET_KEY));
        desk.helpers = self
            .helpers
            .iter()
            .map(|helper| HelperBot {
                bot_id: helper.id,
                telegram: TelegramClient::new(
                    self.sandbox.base_url(),
                    Secret::new(helper.token.clone()),
                ),
            })
            .collect();
        desk
    }

    /// The desk's own bot, as the relay talks to Telegram.
    pub fn telegram(&self) -> TelegramClient {
        TelegramClient::new(self.sandbox.base_url(), Secret::new(self.bot.token.clone()))
    }

    /// The desk's own relay (this process's).
    pub(crate) fn relay(&self) -> Relay {
        Relay {
            desk: self.relay_desk(),
            telegram: self.telegram(),
            instance: INSTANCE.into(),
            poll: true,
        }
    }

    /// The relay as another `ticketgram` process sharing this desk's database would run it.
    pub fn relay_named(&self, instance: &str) -> Relay {
        Relay {
            desk: self.new_desk(),
            telegram: self.telegram(),
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
        if self.has_staff_bots() {
            let manager = BotRoles {
                client: false,
                manager: true,
                settings: false,
            };
            let settings = BotRoles {
                client: false,
                manager: false,
                settings: true,
            };
            for (bot, roles) in [(&self.manager_bot, manager), (&self.settings_bot, settings)] {
                let relay = self.staff_relay(bot, roles).start();
                self.staff_relays.push(relay);
            }
        }
    }

    fn has_staff_bots(&self) -> bool {
        self.manager_bot.id != self.bot.id
    }

    /// The relay of a staff bot of its own, in this process (it shares the desk's bells).
    fn staff_relay(&self, bot: &BotHandle, roles: BotRoles) -> Relay {
        let mut desk = self.relay_desk();
        desk.config.chats.bot_user_id = bot.id;
        desk.config.roles = roles;
        Relay {
            desk,
            telegram: TelegramClient::new(self.sandbox.base_url(), Secret::new(bot.token.clone())),
            instance: INSTANCE.into(),
            poll: true,
        }
    }

    /// Stops the relay as a deploy or crash would, leaving the database as it is.
    pub async fn stop_relay(&mut self) {
        if let Some(webhook) = self.webhook.take() {
            webhook.stop();
        }
        if let Some(relay) = self.relay.take() {
            relay.shutdown().await;
        }
        for relay in self.staff_relays.drain(..) {
            relay.shutdown().await;
        }
    }

    /// Adds `name` to the desk's staff with `role`: a Telegram user of their own (who has
    /// not opened the bot nor joined the team's chats) and an active agent.
    pub async fn hire(&self, name: &str, role: AgentRole, alias: Option<&str>) -> (UserId, Agent) {
        let user = self
            .sandbox
            .world()
            .create_user(name, Some(&name.to_lowercase()), Some("en"));
        (user, self.register(user, name, role, alias).await)
    }

    /// `user` becomes an agent of the desk with `role` (or changes role, if they were one).
    pub async fn register(
        &self,
        user: UserId,
        name: &str,
        role: AgentRole,
        alias: Option<&str>,
    ) -> Agent {
        register(&self.store, self.ws, user, name, role, alias).await
    }

    /// `user` follows the agents' channel and writes in its threads, as an agent does.
    pub fn joins_the_team_chats(&self, user: UserId) {
        join_team_chats(self.sandbox.world(), self.channel, self.group, user);
    }

    /// Another support desk in the same database (workspace isolation tests).
    pub async fn open_neighbour(&self, slug: &str) -> WorkspaceId {
        open_workspace(&self.store, slug, slug).await
    }
}

async fn register(
    store: &Store,
    ws: WorkspaceId,
    user: UserId,
    name: &str,
    role: AgentRole,
    alias: Option<&str>,
) -> Agent {
    store
        .write(async |tx| {
            tx.upsert_agent(
                ws,
                &NewAgent {
                    telegram_user_id: user,
                    name: name.into(),
                    role,
                    alias: alias.and_then(AgentAlias::parse),
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

async fn open_workspace(store: &Store, slug: &str, name: &str) -> WorkspaceId {
    store
        .write(async |tx| {
            tx.create_workspace(&NewWorkspace {
                slug: slug.into(),
                name: name.into(),
                first_ticket_number: 1000,
                created_at: chrono::Utc::now(),
            })
            .await
        })
        .await
        .expect("workspace")
        .id
}

/// The relay's handle on a running desk, for the free function the suites used before the kit.
pub fn relay_desk(desk: &TestDesk) -> Desk {
    desk.relay_desk()
}
