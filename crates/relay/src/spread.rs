//! Sharing a desk's bots among the instances that run it (docs/deploy.md, several instances).
//!
//! Every instance runs a relay for every bot, but only the holder of a bot's lease polls it.
//! Each instance aims at a fair share, `ceil(bots / live instances)`: it takes a released lease
//! at once while it holds fewer, and leaves one to an instance with fewer otherwise (taking it
//! only if nobody did within [`GRACE`]). A lapsed lease — its holder died — is taken by whoever
//! sees it first: a bot polled matters more than a fair share. An instance over its share
//! hands one bot over at a time, and only after its holdings were still for a while, so a new
//! instance takes bots over gradually and a dead instance's row (counted until it lapses)
//! never sets bots moving back and forth.
//!
//! [`Spread`] is what one process knows of this; the instance's roster (in the `ticketgram`
//! crate) keeps it up to date from the database and asks for hand-overs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// How long a released lease is left to an instance with fewer bots before any instance that
/// waits for it takes it: a safety net for instances whose counts disagree for a moment.
pub const GRACE: Duration = Duration::from_secs(1);

/// An instance over its share hands a bot over only when its holdings have not changed for
/// this long: one bot at a time, a few seconds apart, and never while the row of an instance
/// that just died (counted as live until it lapses) makes the shares look wrong.
pub const SETTLE: Duration = Duration::from_secs(10);

/// This process's view of the share-out; cloned into every relay of the process.
#[derive(Clone)]
pub struct Spread(Arc<Inner>);

struct Inner {
    /// The bots this instance runs a polling relay for; 0: not known, take every bot.
    bots: AtomicUsize,
    /// The bot leases this instance holds.
    held: AtomicUsize,
    /// The desk's live instances that are not draining, this one included.
    live: AtomicUsize,
    draining: AtomicBool,
    /// When `held` last changed.
    changed: Mutex<Instant>,
    /// Rung by the roster: one relay holding a bot lets it go.
    hand_over: Notify,
}

impl Default for Spread {
    fn default() -> Spread {
        Spread(Arc::new(Inner {
            bots: AtomicUsize::new(0),
            held: AtomicUsize::new(0),
            live: AtomicUsize::new(1),
            draining: AtomicBool::new(false),
            changed: Mutex::new(Instant::now()),
            hand_over: Notify::new(),
        }))
    }
}

impl Spread {
    /// How many bots this instance should hold.
    pub fn share(&self) -> usize {
        share(
            self.0.bots.load(Ordering::SeqCst),
            self.0.live.load(Ordering::SeqCst),
        )
    }

    /// The bots this instance runs a polling relay for (0: not known yet).
    pub fn bots(&self) -> usize {
        self.0.bots.load(Ordering::SeqCst)
    }

    pub fn held(&self) -> usize {
        self.0.held.load(Ordering::SeqCst)
    }

    /// Whether a released lease is ours to take at once.
    pub fn under_share(&self) -> bool {
        !self.is_draining() && self.held() < self.share()
    }

    pub fn over_share(&self) -> bool {
        self.held() > self.share()
    }

    pub fn set_bots(&self, bots: usize) {
        self.0.bots.store(bots, Ordering::SeqCst);
    }

    pub fn set_live(&self, live: usize) {
        self.0.live.store(live.max(1), Ordering::SeqCst);
    }

    /// From now on this instance takes no bot: it is stopping and lets its bots go.
    pub fn drain(&self) {
        self.0.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.0.draining.load(Ordering::SeqCst)
    }

    /// How long this instance's holdings have not changed.
    pub fn still_for(&self) -> Duration {
        self.changed().elapsed()
    }

    /// Called by a relay that took its bot's lease.
    pub(crate) fn took(&self) {
        self.0.held.fetch_add(1, Ordering::SeqCst);
        *self.changed() = Instant::now();
    }

    /// Called by a relay that no longer holds its bot's lease.
    pub(crate) fn let_go(&self) {
        let _ = self
            .0
            .held
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        *self.changed() = Instant::now();
    }

    /// Asks one relay holding a bot to hand it over.
    pub fn ask_hand_over(&self) {
        self.0.hand_over.notify_one();
    }

    pub(crate) async fn hand_over_asked(&self) {
        self.0.hand_over.notified().await;
    }

    fn changed(&self) -> std::sync::MutexGuard<'_, Instant> {
        self.0.changed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `ceil(bots / live)`; every bot when the bots are not known yet.
pub fn share(bots: usize, live: usize) -> usize {
    if bots == 0 {
        return usize::MAX;
    }
    bots.div_ceil(live.max(1))
}

/// Whether an instance holding `held` of `bots` should hand one over now, given how many bots
/// each other live instance holds: only when it is over its share, another instance is under
/// it (so the bot has somewhere to go, and nothing moves back and forth), and its holdings
/// were still for [`SETTLE`].
pub fn should_hand_over(bots: usize, held: usize, others: &[u64], still_for: Duration) -> bool {
    let share = share(bots, others.len() + 1);
    held > share && others.iter().any(|&n| (n as usize) < share) && still_for >= SETTLE
}

#[cfg(test)]
mod tests {
    use super::*;

    const STILL: Duration = SETTLE;

    #[test]
    fn the_share_is_the_bots_over_the_instances_rounded_up() {
        assert_eq!(share(3, 1), 3);
        assert_eq!(share(3, 2), 2);
        assert_eq!(share(3, 3), 1);
        assert_eq!(share(3, 5), 1);
        assert_eq!(share(0, 3), usize::MAX);
    }

    #[test]
    fn a_new_instance_gets_bots_from_one_that_holds_too_many() {
        // One instance ran all three bots; a second starts, then a third.
        assert!(should_hand_over(3, 3, &[0], STILL));
        assert!(!should_hand_over(3, 2, &[1], STILL));
        assert!(should_hand_over(3, 2, &[1, 0], STILL));
        assert!(!should_hand_over(3, 1, &[1, 1], STILL));
    }

    #[test]
    fn nothing_moves_while_holdings_just_changed_or_nobody_has_fewer() {
        // Just took a dead instance's bot: its row still counts, its 0 looks like room.
        assert!(!should_hand_over(3, 2, &[1, 0], Duration::from_secs(2)));
        // At its share (an odd number of bots leaves one instance a bot more).
        assert!(!should_hand_over(4, 2, &[2], STILL));
        assert!(!should_hand_over(5, 3, &[2], STILL));
    }
}
