//! Whether this process's relays are doing their job, for `/readyz`: each poller says how its
//! last long poll went, and whether it polls at all (another instance may hold the bot).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Polls failing this many times in a row make the instance not ready (one failure is a
/// network blip; the poller retries with backoff).
pub const FAILING_AFTER: u32 = 3;

/// Shared by every relay of the process (it travels in [`crate::signals::Signals`]).
#[derive(Clone, Default)]
pub struct Health(Arc<Mutex<BTreeMap<i64, BotPolling>>>);

/// What a bot's poller last reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BotPolling {
    /// Another instance holds the bot's lease: nothing to do here.
    Standby,
    /// This instance polls the bot; `failures` in a row since the last good poll.
    Polling { failures: u32 },
}

impl Health {
    pub(crate) fn polled(&self, bot: i64, ok: bool) {
        let mut bots = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let failures = match (ok, bots.get(&bot)) {
            (true, _) => 0,
            (false, Some(BotPolling::Polling { failures })) => failures.saturating_add(1),
            (false, _) => 1,
        };
        bots.insert(bot, BotPolling::Polling { failures });
        metrics::gauge!(crate::metrics::BOT_POLLING, "bot" => bot.to_string())
            .set(if failures < FAILING_AFTER { 1.0 } else { 0.0 });
    }

    pub(crate) fn standby(&self, bot: i64) {
        let mut bots = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        bots.insert(bot, BotPolling::Standby);
        metrics::gauge!(crate::metrics::BOT_POLLING, "bot" => bot.to_string()).set(0.0);
    }

    /// The relay of `bot` stopped (the bot was removed): it no longer counts.
    pub fn forget(&self, bot: i64) {
        let mut bots = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        bots.remove(&bot);
    }

    /// Every bot this process runs a relay for, with what its poller last said.
    pub fn bots(&self) -> Vec<(i64, BotPolling)> {
        let bots = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        bots.iter().map(|(bot, polling)| (*bot, *polling)).collect()
    }

    /// The bots whose polls keep failing: the reason this instance is not ready.
    pub fn failing(&self) -> Vec<i64> {
        self.bots()
            .into_iter()
            .filter(|(_, polling)| {
                matches!(polling, BotPolling::Polling { failures } if *failures >= FAILING_AFTER)
            })
            .map(|(bot, _)| bot)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bot_is_failing_after_three_bad_polls_in_a_row_and_recovers_with_one_good() {
        let health = Health::default();
        health.polled(7, true);
        health.standby(8);
        assert!(health.failing().is_empty());
        health.polled(7, false);
        health.polled(7, false);
        assert!(health.failing().is_empty(), "two blips are not an outage");
        health.polled(7, false);
        assert_eq!(health.failing(), [7]);
        health.polled(7, true);
        assert!(health.failing().is_empty());
        health.forget(8);
        assert_eq!(health.bots(), [(7, BotPolling::Polling { failures: 0 })]);
    }
}
