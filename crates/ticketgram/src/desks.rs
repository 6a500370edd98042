//! The desks besides the default one: every workspace of the database with a bot of its own
//! (`ticketgram desk create --bot-token`) runs here, each with its relays, webhooks worker
//! and retention sweep, next to the default desk `app` runs for `telegram.bot_token`.
//!
//! One task reads the desks and their bots every [`RESCAN`] and starts a desk that appeared
//! (no restart), stops one whose bot is gone and restarts one whose token changed. What every
//! desk would otherwise hold once per desk is shared: the store's pool, the translations, the
//! Bot API client's HTTP pool; what makes desks independent is not: each has its own signals
//! (a ticket of one desk wakes only that desk's dispatchers), health (one desk's failing bot
//! does not make the instance unready for all), caches (flows, knowledge base, translators,
//! intents) and leases, so several instances on one PostgreSQL share every desk's work as they
//! share the default one's.

use std::collections::HashMap;
use std::time::Duration;

use ticketgram_api::DestinationPolicy;
use ticketgram_domain::WorkspaceId;
use ticketgram_relay::directory::DeskDirectory;
use ticketgram_relay::{Desk, DeskBots, DeskChats};
use ticketgram_store::{Bot, BotRole, Store, Workspace};
use ticketgram_telegram::{Secret, TelegramClient};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::retention::Retention;
use crate::supervisor::Fleet;
use crate::webhooks::Webhooks;

/// How often the desks and their bots are read for added or removed desks.
pub const RESCAN: Duration = Duration::from_secs(3);

/// What the desks are made from.
pub struct Desks {
    /// The default desk: its configuration (note prefix, flood limits, console URL, outbound
    /// policy), store, translations and token key are every desk's.
    pub template: Desk,
    /// The configured Bot API client: other desks' bots use its API and its HTTP pool.
    pub telegram: TelegramClient,
    pub instance: String,
    /// Where the API (and console) find a desk by workspace; desks join as they start.
    pub directory: DeskDirectory,
    pub destinations: DestinationPolicy,
}

/// The desks while they run; stop them with [`RunningDesks::stop`].
pub struct RunningDesks {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningDesks {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// What the supervisor keeps between rescans.
#[derive(Default)]
struct Served {
    running: HashMap<WorkspaceId, Running>,
    /// Desks whose bot's stored token cannot be opened (the secret key changed), as read.
    unopened: HashMap<WorkspaceId, Bot>,
}

/// One running desk.
struct Running {
    /// Its bot as last read: a changed token restarts the desk.
    bot: Bot,
    relays: crate::supervisor::Running,
    webhooks: Option<Webhooks>,
    retention: Retention,
}

impl Running {
    async fn stop(self) {
        self.retention.stop().await;
        if let Some(webhooks) = self.webhooks {
            webhooks.stop().await;
        }
        self.relays.shutdown().await;
    }
}

impl Desks {
    /// Starts the desks known now, naming those nobody claimed yet, then keeps them in line
    /// with the database.
    pub async fn start(self) -> RunningDesks {
        let (stop, stopped) = watch::channel(false);
        let mut served = Served::default();
        self.reconcile(&mut served, true).await;
        let task = tokio::spawn(self.supervise(served, stopped));
        RunningDesks { stop, task }
    }

    async fn supervise(self, mut served: Served, mut stop: watch::Receiver<bool>) {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(RESCAN) => {}
                _ = stop.changed() => break,
            }
            self.reconcile(&mut served, false).await;
        }
        for (ws, desk) in served.running {
            self.directory.remove(ws);
            desk.stop().await;
        }
    }

    /// Starts, stops and restarts desks until what runs is what the database says.
    async fn reconcile(&self, served: &mut Served, first: bool) {
        let Some(wanted) = self.wanted().await else {
            return;
        };
        let Served { running, unopened } = served;
        unopened.retain(|ws, bot| wanted.get(ws).is_some_and(|(_, now)| now == bot));
        let stale: Vec<WorkspaceId> = running
            .iter()
            .filter(|(ws, desk)| wanted.get(ws).is_none_or(|(_, bot)| *bot != desk.bot))
            .map(|(ws, _)| *ws)
            .collect();
        for ws in stale {
            if let Some(desk) = running.remove(&ws) {
                tracing::info!(
                    workspace = ws.0,
                    "the desk's bot changed or is gone: stopping the desk"
                );
                self.directory.remove(ws);
                desk.stop().await;
            }
        }
        for (ws, (workspace, bot)) in wanted {
            // A token that could not be opened is tried again once it changes, not every
            // rescan (its error was logged once).
            if running.contains_key(&ws) || unopened.contains_key(&ws) {
                continue;
            }
            match self.launch(&workspace, bot.clone(), first).await {
                Some(desk) => {
                    running.insert(ws, desk);
                }
                None => {
                    unopened.insert(ws, bot);
                }
            }
        }
    }

    /// Each desk with a bot of its own, but the default desk (`app` runs it).
    async fn wanted(&self) -> Option<HashMap<WorkspaceId, (Workspace, Bot)>> {
        let store = &self.template.store;
        let read = async {
            Ok::<_, ticketgram_store::StoreError>((
                store.list_workspaces().await?,
                store.all_bots().await?,
            ))
        };
        let (workspaces, bots) = match read.await {
            Ok(read) => read,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the desks; keeping those running");
                return None;
            }
        };
        let default = self.template.ws();
        let mut wanted = HashMap::new();
        for workspace in workspaces.into_iter().filter(|w| w.id != default) {
            let own = bots.iter().find(|b| {
                b.workspace == workspace.id && matches!(b.role, BotRole::All | BotRole::Settings)
            });
            if let Some(bot) = own {
                wanted.insert(workspace.id, (workspace, bot.clone()));
            }
        }
        Some(wanted)
    }

    async fn launch(&self, workspace: &Workspace, bot: Bot, first: bool) -> Option<Running> {
        let key = self.template.token_key.clone()?;
        let token = match key.open(&bot.token_ciphertext) {
            Ok(token) => token,
            Err(e) => {
                tracing::error!(desk = %workspace.slug, bot = %bot.username, error = %e, "cannot open the stored token of the desk's bot; the desk does not run");
                return None;
            }
        };
        let telegram = self.telegram.for_token(Secret::new(token));
        let desk = self.desk_of(workspace.id, bot.telegram_bot_id);
        if first {
            notice_unclaimed(&desk.store, workspace, &bot.username).await;
        }
        let mut served = desk.clone();
        // The API fetches a client's files for an export with the desk's own bot.
        served.telegram = Some(telegram.clone());
        self.directory.insert(served);
        let relays = Fleet {
            desk: desk.clone(),
            telegram,
            instance: self.instance.clone(),
            poll: true,
        }
        .start()
        .await;
        let webhooks = match Webhooks::start(
            &desk.store,
            workspace.id,
            self.instance.clone(),
            self.destinations.clone(),
            desk.token_key.clone(),
            &desk.signals.jobs_queued,
        ) {
            Ok(webhooks) => Some(webhooks),
            Err(e) => {
                tracing::error!(desk = %workspace.slug, error = %e, "cannot start the desk's webhooks; its events wait in the database");
                None
            }
        };
        let retention = Retention::start(desk.store.clone(), workspace.id);
        tracing::info!(desk = %workspace.slug, bot = %bot.username, "desk started");
        Some(Running {
            bot,
            relays,
            webhooks,
            retention,
        })
    }

    /// A desk of its own for `ws`: the template's settings, none of its state. Its chats are
    /// those linked through its settings bot (read by `Desk::current`), never the default's.
    fn desk_of(&self, ws: WorkspaceId, bot_id: i64) -> Desk {
        let mut config = self.template.config.clone();
        config.workspace = ws;
        config.chats = DeskChats {
            bot_user_id: bot_id,
            channel_id: None,
            group_id: None,
        };
        config.bots = DeskBots::single(bot_id);
        let mut desk = Desk::new(self.template.store.clone(), self.template.t.clone(), config);
        desk.token_key = self.template.token_key.clone();
        // Its own health, not the default desk's: `/readyz` must not take the whole instance
        // (every desk) out of a load balancer because one desk's token was revoked. Each
        // bot's polling still shows in the `bot_polling` gauge.
        desk
    }
}

/// Says at start which desks nobody claimed yet. Unlike the default desk's, their code is not
/// renewed here: `ticketgram desk create` printed it, and a restart must not void it.
async fn notice_unclaimed(store: &Store, workspace: &Workspace, bot: &str) {
    match store.has_owner(workspace.id).await {
        Ok(true) => {}
        Ok(false) => tracing::info!(
            desk = %workspace.slug,
            bot,
            "the desk has no owner yet: its owner sends the setup code `ticketgram desk create` \
             printed to @{bot} in Telegram (run it again for a new code)"
        ),
        Err(e) => {
            tracing::warn!(desk = %workspace.slug, error = %e, "cannot read the desk's owner")
        }
    }
}
