//! What was sent when, and when it first showed up in the group. Clients write the send
//! time, the observer the arrival; latencies are computed only at the end, so an arrival
//! recorded a hair before its send time (impossible in practice) cannot make a negative.

use std::sync::Mutex;
use tokio::sync::watch;
use tokio::time::Instant;

/// Names one client message; it travels inside the text as `[c17-m3]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Token {
    pub client: usize,
    pub message: usize,
}

impl Token {
    pub fn text(self) -> String {
        if self.message == 0 {
            format!(
                "[c{}-m0] Hello, my order {} has not arrived yet",
                self.client, self.client
            )
        } else {
            format!(
                "[c{}-m{}] more details about it, part {}",
                self.client, self.message, self.message
            )
        }
    }

    /// Every token in a relayed text: one, or one per line of a joined comment.
    pub fn find_all(text: &str) -> Vec<Token> {
        text.lines().filter_map(Token::find).collect()
    }

    /// The token at the start of a relayed text, if any (the relay may add nothing before
    /// it today, but searching keeps this independent of how copies are rendered).
    pub fn find(text: &str) -> Option<Token> {
        let start = text.find("[c")? + 2;
        let rest = &text[start..];
        let end = rest.find(']')?;
        let (client, message) = rest[..end].split_once("-m")?;
        Some(Token {
            client: client.parse().ok()?,
            message: message.parse().ok()?,
        })
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Slot {
    pub sent: Option<Instant>,
    pub first_arrival: Option<Instant>,
}

pub struct Ledger {
    slots: Mutex<Vec<Vec<Slot>>>,
    /// Per client: how many of its messages have arrived. Clients wait on their own channel,
    /// so one arrival wakes one task, not all N.
    arrived: Vec<watch::Sender<usize>>,
}

impl Ledger {
    pub fn new(clients: usize, messages_each: usize) -> Ledger {
        Ledger {
            slots: Mutex::new(vec![vec![Slot::default(); messages_each]; clients]),
            arrived: (0..clients).map(|_| watch::channel(0).0).collect(),
        }
    }

    pub fn sent(&self, token: Token, at: Instant) {
        let mut slots = self.lock();
        if let Some(slot) = slots
            .get_mut(token.client)
            .and_then(|c| c.get_mut(token.message))
        {
            slot.sent = Some(at);
        }
    }

    /// Records the first sighting of a token; later sightings of the same token are left to
    /// the final read-back, which counts copies.
    pub fn arrived(&self, token: Token, at: Instant) {
        let first = {
            let mut slots = self.lock();
            match slots
                .get_mut(token.client)
                .and_then(|c| c.get_mut(token.message))
            {
                Some(slot) if slot.first_arrival.is_none() => {
                    slot.first_arrival = Some(at);
                    true
                }
                _ => false,
            }
        };
        if first {
            self.arrived[token.client].send_modify(|n| *n += 1);
        }
    }

    pub fn watch(&self, client: usize) -> watch::Receiver<usize> {
        self.arrived[client].subscribe()
    }

    pub fn snapshot(&self) -> Vec<Vec<Slot>> {
        self.lock().clone()
    }

    pub fn clients(&self) -> usize {
        self.arrived.len()
    }

    /// A poisoned lock only means a client task panicked while holding it; the slots are
    /// plain values and still meaningful.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Vec<Slot>>> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn tokens_round_trip_and_do_not_prefix_each_other() {
        let t = Token {
            client: 1,
            message: 10,
        };
        assert_eq!(Token::find(&t.text()), Some(t));
        let first = Token {
            client: 17,
            message: 0,
        };
        assert_eq!(Token::find(&first.text()), Some(first));
        assert_eq!(Token::find("no token here"), None);
    }
}
