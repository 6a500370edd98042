//! How often each bot called each method, and in which chat: lets a test prove that work was
//! avoided (a card not edited when nothing on it changed), which the messages alone cannot
//! show when an edit changes nothing.

use std::collections::HashMap;

/// Counts of well-formed Bot API calls (known token and method, valid parameters), whatever
/// they answered: a call refused with 429 still reached Telegram.
#[derive(Debug, Default)]
pub struct CallCounts {
    counts: HashMap<(i64, String, Option<i64>), u64>,
}

impl CallCounts {
    pub fn count(&mut self, bot: i64, method: &str, chat: Option<i64>) {
        *self
            .counts
            .entry((bot, method.to_string(), chat))
            .or_default() += 1;
    }

    /// Calls of `method` by `bot`, into `chat` (its Telegram id) or anywhere.
    pub fn of(&self, bot: i64, method: &str, chat: Option<i64>) -> u64 {
        self.counts
            .iter()
            .filter(|((b, m, c), _)| *b == bot && m == method && (chat.is_none() || *c == chat))
            .map(|(_, n)| n)
            .sum()
    }
}
