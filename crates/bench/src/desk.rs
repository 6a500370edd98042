//! The desk under load: a sandbox playing Telegram, a migrated store, one workspace with one
//! agent, a channel with its discussion group, and the relay wired exactly as in production
//! (the same `Relay` the binary starts, long polling the sandbox over HTTP).

use crate::BenchError;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_domain::shard::Shard;
use ticketgram_domain::{AgentRole, Language, WorkspaceId};
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskChats, DeskConfig, HelperBot, Relay, RelayHandle};
use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, World};
use ticketgram_store::{Backend, NewAgent, NewWorkspace, Store};
use ticketgram_telegram::{Secret, TelegramClient};
use tokio::time::Instant;

pub struct BenchDesk {
    pub sandbox: Sandbox,
    pub store: Store,
    pub backend: Backend,
    pub ws: WorkspaceId,
    pub bot: BotHandle,
    /// The discussion groups of the desk's channels, the first channel's first.
    pub groups: Vec<ChatRef>,
    /// The bots that post in the groups: the desk's, then its helpers.
    pub posters: Vec<i64>,
    relay: RelayHandle,
}

impl BenchDesk {
    pub async fn start(url: &str, bench: &crate::BenchConfig) -> Result<BenchDesk, BenchError> {
        let (flood_limits, update_lanes) = (bench.flood_limits, bench.update_lanes);
        let sandbox = Sandbox::start(SandboxConfig {
            flood_limits,
            // Re-validating every emitted object against the Bot API reference is a test aid;
            // it runs in this process and would bill its CPU to the relay's figures.
            self_check: false,
            ..SandboxConfig::default()
        })
        .await
        .map_err(BenchError::Sandbox)?;
        let store = Store::connect(url).await?;
        store.migrate().await?;
        let now = chrono::Utc::now();
        let ws = store
            .write(async |tx| {
                tx.create_workspace(&NewWorkspace {
                    slug: "bench".into(),
                    name: "Benchmark desk".into(),
                    first_ticket_number: 1000,
                    created_at: now,
                })
                .await
            })
            .await?
            .id;
        let world = sandbox.world();
        let owner = world.create_user("Owner", Some("bench_owner"), Some("en"));
        let bot = world.create_bot("bench_desk_bot");
        let helpers: Vec<BotHandle> = (0..bench.helpers)
            .map(|i| world.create_bot(&format!("bench_helper{i}_bot")))
            .collect();
        let agent = world.create_user("Kate", Some("kate"), Some("en"));
        // Kate has opened the bot, as agents do, so her notices of new tickets reach her.
        world.private_chat(bot.id, agent)?;
        let mut shards = Vec::new();
        let mut groups = Vec::new();
        for i in 0..bench.shards {
            let title = format!("Support tickets {}", i + 1);
            let (channel, group) = world.create_channel_with_discussion(owner, &title)?;
            world.add_bot_to_chat(bot.id, channel, true)?;
            world.add_bot_to_chat(bot.id, group, true)?;
            for helper in &helpers {
                world.add_bot_to_chat(helper.id, group, true)?;
            }
            world.add_member(group, agent, false)?;
            world.add_member(channel, agent, false)?;
            shards.push(Shard {
                channel_id: channel.telegram_id(),
                group_id: Some(group.telegram_id()),
                queue: None,
            });
            groups.push(group);
        }
        let more = shards.split_off(1);
        if !more.is_empty() {
            store
                .write(async |tx| tx.set_more_agent_chats(ws, &more, now).await)
                .await?;
        }
        store
            .write(async |tx| {
                tx.upsert_agent(
                    ws,
                    &NewAgent {
                        telegram_user_id: agent,
                        name: "Kate".into(),
                        role: AgentRole::Agent,
                        alias: None,
                        languages: vec![Language::En],
                        skills: vec![],
                        schedule: None,
                        created_at: now,
                    },
                )
                .await
            })
            .await?;
        let chats = DeskChats {
            bot_user_id: bot.id,
            channel_id: Some(shards[0].channel_id),
            group_id: shards[0].group_id,
        };
        let mut config = DeskConfig::new(ws, chats);
        // Simulated clients write as fast as the relay takes it: the benchmark measures the
        // relay, not the flood limit, which would keep most of their messages out of the thread.
        config.client_flood = None;
        // Paced as the sandbox limits: with Telegram's limits off the relay need not wait.
        config.pacing = flood_limits;
        config.update_lanes = update_lanes;
        let mut desk = Desk::new(store.clone(), Arc::new(Translator::load()?), config);
        desk.helpers = helpers
            .iter()
            .map(|helper| HelperBot {
                bot_id: helper.id,
                telegram: TelegramClient::new(
                    sandbox.base_url(),
                    Secret::new(helper.token.clone()),
                ),
            })
            .collect();
        let posters = std::iter::once(bot.id)
            .chain(helpers.iter().map(|h| h.id))
            .collect();
        let telegram = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
        let relay = Relay {
            desk,
            telegram,
            instance: format!("bench-{}", std::process::id()),
            poll: true,
        }
        .start();
        Ok(BenchDesk {
            backend: store.backend(),
            sandbox,
            store,
            ws,
            bot,
            groups,
            posters,
            relay,
        })
    }

    pub fn world(&self) -> &World {
        self.sandbox.world()
    }

    /// Waits until the outbox is empty (or the deadline passes), so a message sent twice by
    /// a retry would already be in the group when we count.
    pub async fn settle(&self, deadline: Instant) -> Result<(), BenchError> {
        while self.store.pending_count(self.ws).await? > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// Stops the relay, then the store and the sandbox, so the database can be dropped.
    pub async fn stop(self) {
        self.relay.shutdown().await;
        self.store.close().await;
        self.sandbox.stop().await;
    }
}
