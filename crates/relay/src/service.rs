//! Runs one desk's relay: poller, processor and dispatcher as tasks, stopped together.

use crate::delivery::dispatcher::Dispatcher;
use crate::desk::Desk;
use crate::intake::Poller;
use crate::lease::LeaseKeeper;
use crate::processor::process_pending;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_telegram::TelegramClient;
use tokio::sync::{watch, Notify, RwLock};
use tokio::task::JoinSet;

pub struct Relay {
    pub desk: Desk,
    pub telegram: TelegramClient,
    /// Names this process in leases and outbox claims: its incarnation
    /// ([`ticketgram_store::Incarnation::id`]), new at every start.
    pub instance: String,
    /// `false` in webhook mode: updates arrive over HTTP instead.
    pub poll: bool,
}

/// A running relay. Dropping it does not stop it; call [`RelayHandle::shutdown`].
pub struct RelayHandle {
    stop: watch::Sender<bool>,
    tasks: JoinSet<()>,
    /// Wakes the processor (the webhook handler stores an update, then pokes this).
    pub updates_stored: Arc<Notify>,
}

impl RelayHandle {
    /// Stops cleanly: the current long poll is abandoned and the bot's lease released, so
    /// another instance takes over at once.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        while self.tasks.join_next().await.is_some() {}
    }

    /// Stops the way a crash does: nothing is released, in-flight outbox claims and the lease
    /// are left to expire. For tests of takeover.
    pub async fn kill(mut self) {
        self.tasks.abort_all();
        while self.tasks.join_next().await.is_some() {}
    }
}

impl Relay {
    pub fn start(mut self) -> RelayHandle {
        if self.desk.telegram.is_none() {
            self.desk.telegram = Some(self.telegram.clone());
        }
        let (stop, stopped) = watch::channel(false);
        let stored = Arc::new(Notify::new());
        let work = Arc::new(RwLock::new(()));
        let mut tasks = JoinSet::new();
        // Polling: the lease keeper decides whether this instance polls and applies the bot's
        // updates. Webhook mode takes no lease: updates arrive wherever Telegram posts them.
        let held = if self.poll {
            let (held, watching) = watch::channel(false);
            let keeper = LeaseKeeper {
                desk: self.desk.clone(),
                holder: self.instance.clone(),
                held,
                stored: stored.clone(),
                work: work.clone(),
            };
            let rx = stopped.clone();
            tasks.spawn(async move { keeper.run(rx).await });
            let poller = Poller {
                desk: self.desk.clone(),
                telegram: self.telegram.clone(),
                held: watching.clone(),
                stored: stored.clone(),
            };
            let rx = stopped.clone();
            tasks.spawn(async move { poller.run(rx).await });
            Some(watching)
        } else {
            None
        };
        let dispatcher = Dispatcher::new(
            self.desk.clone(),
            self.telegram.clone(),
            self.instance.clone(),
        );
        let rx = stopped.clone();
        tasks.spawn(async move { dispatcher.run(rx).await });
        if self.desk.config.roles.manager {
            let desk = self.desk.clone();
            let instance = self.instance.clone();
            let rx = stopped.clone();
            tasks.spawn(async move { crate::manager_bot::timers::run(desk, instance, rx).await });
        }
        let desk = self.desk.clone();
        let wake = stored.clone();
        tasks.spawn(async move { run_processor(desk, held, work, wake, stopped).await });
        RelayHandle {
            stop,
            tasks,
            updates_stored: stored,
        }
    }
}

/// After a failed round (the database busy, a card still being posted), try again this soon.
const RETRY: Duration = Duration::from_millis(200);

/// Applies stored updates while this instance holds the bot (`held`; `None` in webhook mode),
/// sleeping until updates are stored rather than asking every few milliseconds.
async fn run_processor(
    desk: Desk,
    held: Option<watch::Receiver<bool>>,
    work: Arc<RwLock<()>>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let mut webhook_stored = desk.signals.updates_stored.listen();
    loop {
        if *stop.borrow() {
            return;
        }
        // Only the lease holder applies updates, so one bot's updates are never applied by two
        // instances at once (and never out of order). The lease keeper lets the bot go only
        // once this round is over: it waits for `work`, taken before we look at `held`.
        let working = work.read().await;
        let mine = held.as_ref().is_none_or(|held| *held.borrow());
        let round = if mine {
            match process_pending(&desk, 64).await {
                Ok(n) => Ok(n),
                // Expected and brief: the card's sender records it within a round trip.
                Err(crate::RelayError::CardInFlight) => Err(()),
                Err(e) => {
                    tracing::warn!(error = %e, "processing paused");
                    Err(())
                }
            }
        } else {
            Ok(0)
        };
        drop(working);
        let pause = match round {
            Ok(0) => desk.config.idle_look,
            Ok(_) => {
                desk.signals.jobs_queued.ring();
                continue;
            }
            Err(()) => RETRY,
        };
        tokio::select! {
            _ = wake.notified() => {}
            _ = webhook_stored.rung() => {}
            _ = tokio::time::sleep(pause) => {}
            _ = stop.changed() => {}
        }
    }
}
