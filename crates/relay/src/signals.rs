//! Wake-ups inside one process: whoever commits work rings, whoever does it listens, so idle
//! tasks sleep instead of asking the database every few milliseconds.
//!
//! A bell never loses a ring: a listener that was busy when it rang finds it rung the next
//! time it waits. Other instances do not hear it; they rely on their own slow look (and on
//! the due times the database gives them).

use std::sync::Arc;
use tokio::sync::watch;

/// Rung after a commit; heard by every listener of the process.
#[derive(Clone)]
pub struct Bell(Arc<watch::Sender<u64>>);

impl Default for Bell {
    fn default() -> Bell {
        Bell(Arc::new(watch::channel(0).0))
    }
}

impl Bell {
    pub fn ring(&self) {
        self.0.send_modify(|rings| *rings = rings.wrapping_add(1));
    }

    /// Listens from now on: rings before this call are not heard.
    pub fn listen(&self) -> Listener {
        Listener(self.0.subscribe())
    }
}

pub struct Listener(watch::Receiver<u64>);

impl Listener {
    /// Returns at once if the bell rang since the last wait, otherwise at the next ring.
    pub async fn rung(&mut self) {
        if self.0.changed().await.is_err() {
            // The bell is gone (the desk was dropped): nothing will ring again.
            std::future::pending::<()>().await;
        }
    }
}

/// The bells a desk's parts share: cloned desks ring the same ones.
#[derive(Clone, Default)]
pub struct Signals {
    /// Outbox jobs were committed: the dispatchers look for work.
    pub jobs_queued: Bell,
    /// Updates were stored (by the webhook handler): the processors look for work.
    pub updates_stored: Bell,
    /// Not a bell: how the process's pollers are doing, read by `/readyz`.
    pub health: crate::health::Health,
}

#[cfg(test)]
mod tests {
    use super::Bell;

    #[tokio::test]
    async fn a_ring_while_the_listener_was_busy_is_heard_later() {
        let bell = Bell::default();
        let mut listener = bell.listen();
        bell.ring();
        bell.ring();
        listener.rung().await;
        let again = tokio::time::timeout(std::time::Duration::from_millis(20), listener.rung());
        assert!(
            again.await.is_err(),
            "two rings before one wait are heard once"
        );
    }
}
