//! Hearing that a lease was released, so an instance waiting for it takes it at once instead
//! of sleeping until the expiry its holder last wrote (up to a whole lease later).
//!
//! Within one process a release rings a watch channel. On PostgreSQL a release also sends a
//! `NOTIFY`, which every instance hears on one `LISTEN` connection of its own, opened the first
//! time something waits for a lease and closed when nothing does any more. A notification can
//! be missed (the listening connection dropped); then a waiter still wakes at the expiry it
//! read, as it would without any of this.

use crate::{Backend, Store, StoreError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The PostgreSQL channel releases are announced on; the payload is the lease's name.
const CHANNEL: &str = "ticketgram_lease_released";
/// After the listening connection failed, connect again this soon.
const RECONNECT: Duration = Duration::from_secs(1);

/// Shared by every clone of a store.
#[derive(Debug)]
pub(crate) struct LeaseBus {
    released: watch::Sender<u64>,
    /// Whether this process runs its `LISTEN` task (PostgreSQL only).
    listening: AtomicBool,
}

impl Default for LeaseBus {
    fn default() -> LeaseBus {
        LeaseBus {
            released: watch::channel(0).0,
            listening: AtomicBool::new(false),
        }
    }
}

impl LeaseBus {
    fn ring(&self) {
        self.released.send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// Wakes when some lease may have been released, here or (PostgreSQL) by another instance.
pub struct LeaseReleases(watch::Receiver<u64>);

impl LeaseReleases {
    /// Returns at the next release after the last call (at once if one came in between).
    pub async fn released(&mut self) {
        if self.0.changed().await.is_err() {
            // The store is gone: nothing will be released through it again.
            std::future::pending::<()>().await;
        }
    }
}

impl Store {
    /// Listens for lease releases from now on. On PostgreSQL the first listener of a process
    /// opens the `LISTEN` connection.
    pub fn lease_releases(&self) -> LeaseReleases {
        let receiver = self.lease_bus.released.subscribe();
        if self.backend == Backend::Postgres
            && !self.lease_bus.listening.swap(true, Ordering::SeqCst)
        {
            let url = self.pool.connect_options().database_url.to_string();
            tokio::spawn(listen(url, self.lease_bus.clone()));
        }
        LeaseReleases(receiver)
    }

    /// Tells everyone waiting that `name` was released: this process at once, other instances
    /// through PostgreSQL. Best effort: a waiter that misses it wakes at the old expiry.
    pub(crate) async fn announce_release(&self, name: &str) -> Result<(), StoreError> {
        self.lease_bus.ring();
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(name)
                .execute(&mut *self.conn().await?)
                .await?;
        }
        Ok(())
    }
}

/// Relays PostgreSQL's notifications to this process's waiters until none is left.
async fn listen(url: String, bus: Arc<LeaseBus>) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    // A release may have come while we were not listening: look again.
                    bus.ring();
                    loop {
                        tokio::select! {
                            heard = listener.recv() => match heard {
                                Ok(_) => bus.ring(),
                                Err(e) => {
                                    tracing::warn!(error = %e, "lost the connection that hears lease releases; reconnecting");
                                    break;
                                }
                            },
                            _ = bus.released.closed() => break,
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot listen for lease releases"),
            },
            Err(e) => tracing::warn!(error = %e, "cannot connect to hear lease releases"),
        }
        if bus.released.is_closed() {
            // Nobody waits any more; the next waiter starts a listener again. One that came
            // in between found the flag still set: carry on for it unless it started its own.
            bus.listening.store(false, Ordering::SeqCst);
            if bus.released.is_closed() || bus.listening.swap(true, Ordering::SeqCst) {
                return;
            }
        }
        tokio::time::sleep(RECONNECT).await;
    }
}
