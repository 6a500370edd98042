//! Runs one desk's relay: poller, processor and dispatcher as tasks, stopped together.

use crate::delivery::dispatcher::Dispatcher;
use crate::desk::Desk;
use crate::intake::Poller;
use crate::processor::process_pending;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_telegram::TelegramClient;
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;

pub struct Relay {
    pub desk: Desk,
    pub telegram: TelegramClient,
    /// Names this process in leases and outbox claims ("host-pid-random").
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
        let outbox = Arc::new(Notify::new());
        let mut tasks = JoinSet::new();
        if self.poll {
            let poller = Poller {
                desk: self.desk.clone(),
                telegram: self.telegram.clone(),
                instance: self.instance.clone(),
                stored: stored.clone(),
            };
            let rx = stopped.clone();
            tasks.spawn(async move { poller.run(rx).await });
        }
        let dispatcher = Dispatcher {
            desk: self.desk.clone(),
            telegram: self.telegram.clone(),
            instance: self.instance.clone(),
            wake: outbox.clone(),
        };
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
        let instance = self.instance.clone();
        tasks.spawn(async move { run_processor(desk, instance, wake, outbox, stopped).await });
        RelayHandle {
            stop,
            tasks,
            updates_stored: stored,
        }
    }
}

async fn run_processor(
    desk: Desk,
    instance: String,
    wake: Arc<Notify>,
    outbox: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let lease = crate::intake::lease_name(desk.bot_id());
    loop {
        if *stop.borrow() {
            return;
        }
        // Only the lease holder applies updates, so one bot's updates are never applied by two
        // instances at once (and never out of order).
        let holder = desk
            .store
            .lease_holder(&lease, chrono::Utc::now())
            .await
            .ok()
            .flatten();
        let mine = holder.as_deref() == Some(instance.as_str()) || holder.is_none();
        let handled = if mine {
            match process_pending(&desk, 64).await {
                Ok(n) => n,
                // Expected and brief: the card's sender records it within a round trip.
                Err(crate::RelayError::CardInFlight) => 0,
                Err(e) => {
                    tracing::warn!(error = %e, "processing paused");
                    0
                }
            }
        } else {
            0
        };
        if handled > 0 {
            outbox.notify_one();
            continue;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = stop.changed() => {}
        }
    }
}
