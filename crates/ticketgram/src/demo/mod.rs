//! Demo mode: with no bot token, `serve` starts the built-in Telegram sandbox in-process and a
//! whole desk inside it — a client bot, an agents' channel with its discussion group, an agent
//! and a client — then plays a short conversation, so a newcomer's first `cargo run -- serve`
//! shows Ticketgram working with no account, no token and no network. The relay talks to the
//! sandbox exactly as it would to api.telegram.org: only the base URL and the token differ.
//!
//! The sandbox forgets everything when the process ends, the database does not. The cast's
//! users are created in a fixed order, so they get the same ids on every run and the demo
//! agent is updated, not duplicated. The bot and the chats, though, get new ids per run: the
//! relay keys what it remembers of Telegram by bot and by chat (the last confirmed update id,
//! which message copies which, which channel post is which ticket's card), and a new sandbox
//! numbering messages and updates afresh under old ids would look like updates already
//! handled and cards already posted.

mod script;

use ticketgram_domain::{AgentAlias, AgentId, AgentRole, Language, WorkspaceId};
use ticketgram_relay::DeskChats;
use ticketgram_sandbox::{BotHandle, ChatRef, ControlError, Sandbox, SandboxConfig, UserId};
use ticketgram_store::{NewAgent, Store, StoreError};
use ticketgram_telegram::{Secret, TelegramClient};

pub use script::{play, Script};

/// Username of the client bot created in the demo sandbox.
pub const DEMO_BOT_USERNAME: &str = "ticketgram_demo_bot";
/// The demo agent's alias: what the client sees instead of the agent's Telegram name.
pub const DEMO_AGENT_ALIAS: &str = "Alex";

/// Why the demo could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot start the demo Telegram sandbox")]
    Sandbox(#[source] std::io::Error),
    #[error("cannot set up the demo chats in the sandbox")]
    World(#[source] ControlError),
    #[error("cannot register the demo agent")]
    Store(#[source] StoreError),
}

/// Who is who in the demo world.
#[derive(Debug, Clone, Copy)]
pub struct Cast {
    /// Owns the channel and the group, as a team lead would.
    pub lead: UserId,
    /// A registered agent, alias "Alex", member of the channel and the group.
    pub agent: UserId,
    /// A client with a private chat with the bot.
    pub client: UserId,
    pub client_chat: ChatRef,
    pub channel: ChatRef,
    pub group: ChatRef,
}

/// The running demo: a sandbox, the client bot living in it, the cast, and the demo agent's
/// record in the desk (the one the printed sign-in link opens the console as).
#[derive(Debug)]
pub struct Demo {
    pub sandbox: Sandbox,
    pub bot: BotHandle,
    pub cast: Cast,
    pub agent: AgentId,
}

impl Demo {
    /// Starts the sandbox on a free loopback port, builds the desk's chats and registers the
    /// demo agent in workspace `ws`.
    pub async fn start(store: &Store, ws: WorkspaceId) -> Result<Demo, DemoError> {
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .map_err(DemoError::Sandbox)?;
        let (bot, cast) = build_world(&sandbox).map_err(DemoError::World)?;
        let agent = store
            .write(async |tx| {
                tx.upsert_agent(
                    ws,
                    &NewAgent {
                        telegram_user_id: cast.agent,
                        name: "Alex Morgan".into(),
                        // An admin, so the newcomer signed in as Alex sees every page of the
                        // console (reports and admin pages included).
                        role: AgentRole::Admin,
                        alias: AgentAlias::parse(DEMO_AGENT_ALIAS),
                        languages: vec![Language::En],
                        skills: vec![],
                        schedule: None,
                        created_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .map_err(DemoError::Store)?;
        Ok(Demo {
            sandbox,
            bot,
            cast,
            agent: agent.id,
        })
    }

    /// Where the demo desk lives in the sandbox.
    pub fn chats(&self) -> DeskChats {
        DeskChats {
            bot_user_id: self.bot.id,
            channel_id: Some(self.cast.channel.telegram_id()),
            group_id: Some(self.cast.group.telegram_id()),
        }
    }

    /// A Bot API client for the demo bot, pointed at the sandbox.
    pub fn telegram(&self) -> TelegramClient {
        TelegramClient::new(self.sandbox.base_url(), Secret::new(self.bot.token.clone()))
    }

    pub async fn stop(self) {
        self.sandbox.stop().await;
    }
}

/// The bot, a lead who owns the agents' channel and its discussion group (the bot is an
/// administrator of both), an agent in both, and a client. Created in a fixed order so the
/// ids are the same on every run.
fn build_world(sandbox: &Sandbox) -> Result<(BotHandle, Cast), ControlError> {
    let world = sandbox.world();
    let run = run_number();
    world.number_chats_from(run);
    let lead = world.create_user("Lena", Some("lena_lead"), Some("en"));
    let bot = world.create_bot_with_id(7_100_000_000 + run, DEMO_BOT_USERNAME)?;
    let (channel, group) = world.create_channel_with_discussion(lead, "Support tickets")?;
    world.add_bot_to_chat(bot.id, channel, true)?;
    world.add_bot_to_chat(bot.id, group, true)?;
    let agent = world.create_user("Alex Morgan", Some("alex_morgan"), Some("en"));
    world.add_member(channel, agent, false)?;
    world.add_member(group, agent, false)?;
    let client = world.create_user("Dana", Some("dana"), Some("en"));
    let client_chat = world.private_chat(bot.id, client)?;
    let cast = Cast {
        lead,
        agent,
        client,
        client_chat,
        channel,
        group,
    };
    Ok((bot, cast))
}

/// A number no earlier run has used, for the bot's and the chats' ids: growing with the clock,
/// one per second, repeating only after three years. The bot's id is Telegram-like (bots'
/// ids are large): 7 100 000 000 plus this.
fn run_number() -> i64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (seconds % 100_000_000) as i64
}
