//! The desk's bots, one relay each. The bot of `telegram.bot_token` always plays the settings
//! role, and the client and manager roles too unless the settings bot stored a dedicated bot
//! for them. The bots table is re-read every few seconds: a token pasted into the settings bot
//! starts its relay without a restart, a removed bot stops. Each relay takes its own bot's
//! lease, so several instances still share the work: each aims at a fair share of the bots
//! ([`ticketgram_relay::spread`], kept up to date by [`crate::roster`]).

use std::time::Duration;

use std::sync::Arc;
use ticketgram_relay::{BotRoles, Desk, DeskBots, HelperBot, Relay, RelayHandle};
use ticketgram_store::{Bot, BotRole};
use ticketgram_telegram::{Secret, TelegramClient};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the bots table is read for added or removed bots.
pub const RESCAN: Duration = Duration::from_secs(3);

/// What is needed to run the desk's relays.
#[derive(Clone)]
pub struct Fleet {
    /// The desk of the configured bot (its chats name that bot).
    pub desk: Desk,
    pub telegram: TelegramClient,
    pub instance: String,
    /// Whether the configured bot long-polls (`false`: its updates arrive by webhook). Bots
    /// added through the settings bot always poll.
    pub poll: bool,
}

/// One relay to run: which bot, with which token (`None`: the configured one), which roles.
#[derive(Clone, PartialEq, Eq)]
struct Planned {
    bot_id: i64,
    token: Option<String>,
    roles: BotRoles,
}

#[derive(Clone, PartialEq, Eq)]
struct Plan {
    bots: DeskBots,
    relays: Vec<Planned>,
    /// Helper bots (id, token): no relay of their own; the client bot's dispatcher posts
    /// through them.
    helpers: Vec<(i64, String)>,
}

/// The running relays; stop them with [`Running::shutdown`].
pub struct Running {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Running {
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

impl Fleet {
    /// Starts the relays of the bots known now, then keeps them in line with the bots table.
    pub async fn start(self) -> Running {
        let (stop, stopped) = watch::channel(false);
        let first = self.plan().await;
        let handles = self.launch(&first);
        let task = tokio::spawn(self.supervise(first, handles, stopped));
        Running { stop, task }
    }

    async fn supervise(
        self,
        mut plan: Plan,
        mut handles: Vec<RelayHandle>,
        mut stop: watch::Receiver<bool>,
    ) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(RESCAN) => {}
                _ = stop.changed() => break,
            }
            let next = self.plan().await;
            if next != plan {
                tracing::info!(
                    bots = next.relays.len(),
                    "the desk's bots changed: restarting its relays"
                );
                for handle in handles.drain(..) {
                    handle.shutdown().await;
                }
                // A bot no longer run here no longer counts for `/readyz`.
                for gone in plan
                    .relays
                    .iter()
                    .filter(|old| !next.relays.iter().any(|new| new.bot_id == old.bot_id))
                {
                    self.desk.signals.health.forget(gone.bot_id);
                }
                handles = self.launch(&next);
                plan = next;
            }
        }
        for handle in handles {
            handle.shutdown().await;
        }
    }

    /// The relays the bots table asks for. A stored bot whose token cannot be opened (the
    /// secret key changed) is left out, loudly.
    async fn plan(&self) -> Plan {
        let main = self.desk.bot_id();
        let stored: Vec<Bot> = match self.desk.store.bots_of_workspace(self.desk.ws()).await {
            Ok(bots) => bots,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the desk's bots; running the configured bot alone");
                vec![]
            }
        };
        let mut relays = Vec::new();
        let mut helpers = Vec::new();
        let mut bots = DeskBots::single(main);
        for bot in stored.iter().filter(|b| b.telegram_bot_id != main) {
            let Some(token) = self.open(bot) else {
                continue;
            };
            let roles = match bot.role {
                BotRole::Client => BotRoles {
                    client: true,
                    manager: false,
                    settings: false,
                },
                BotRole::Manager => BotRoles {
                    client: false,
                    manager: true,
                    settings: false,
                },
                BotRole::Helper => {
                    helpers.push((bot.telegram_bot_id, token));
                    continue;
                }
                BotRole::Settings | BotRole::All => continue,
            };
            if roles.client {
                bots.client = bot.telegram_bot_id;
            }
            if roles.manager {
                bots.manager = bot.telegram_bot_id;
            }
            relays.push(Planned {
                bot_id: bot.telegram_bot_id,
                token: Some(token),
                roles,
            });
        }
        let roles = BotRoles {
            client: bots.client == main,
            manager: bots.manager == main,
            settings: true,
        };
        relays.insert(
            0,
            Planned {
                bot_id: main,
                token: None,
                roles,
            },
        );
        Plan {
            bots,
            relays,
            helpers,
        }
    }

    fn open(&self, bot: &Bot) -> Option<String> {
        let key = self.desk.token_key.as_ref()?;
        match key.open(&bot.token_ciphertext) {
            Ok(token) => Some(token),
            Err(e) => {
                tracing::error!(bot = %bot.username, error = %e, "cannot open the stored token of a bot; it does not run");
                None
            }
        }
    }

    fn launch(&self, plan: &Plan) -> Vec<RelayHandle> {
        let helpers: Arc<[HelperBot]> = plan
            .helpers
            .iter()
            .map(|(bot_id, token)| HelperBot {
                bot_id: *bot_id,
                telegram: TelegramClient::new(
                    self.telegram.api_base().clone(),
                    Secret::new(token.clone()),
                ),
            })
            .collect();
        // The bots shared out among the instances: those that long-poll (a webhook bot takes
        // no lease; its updates arrive wherever Telegram posts them).
        let polled = plan
            .relays
            .iter()
            .filter(|planned| planned.token.is_some() || self.poll)
            .count();
        self.desk.spread.set_bots(polled);
        plan.relays
            .iter()
            .map(|planned| {
                let mut desk = self.desk.clone();
                desk.config.roles = planned.roles;
                desk.helpers = helpers.clone();
                desk.config.bots = plan.bots;
                desk.config.chats.bot_user_id = planned.bot_id;
                let (telegram, poll) = match &planned.token {
                    None => (self.telegram.clone(), self.poll),
                    Some(token) => (
                        TelegramClient::new(
                            self.telegram.api_base().clone(),
                            Secret::new(token.clone()),
                        ),
                        true,
                    ),
                };
                desk.telegram = None;
                tracing::info!(bot_id = planned.bot_id, roles = ?planned.roles, "relay starting");
                Relay {
                    desk,
                    telegram,
                    instance: self.instance.clone(),
                    poll,
                }
                .start()
            })
            .collect()
    }
}
