//! Telegram's flood limits (Bots FAQ): ~1 message/s per chat, 20/min per group, 30/s per bot.
//!
//! Token buckets rather than fixed windows: Telegram tolerates short bursts, and a bot that
//! paces itself by `retry_after` should always get through on its next try.

use std::collections::HashMap;
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Debug, Clone, Copy)]
struct Rule {
    capacity: f64,
    per_second: f64,
}

/// A small burst per chat is allowed, like Telegram, then about one message per second.
const PER_CHAT: Rule = Rule {
    capacity: 3.0,
    per_second: 1.0,
};
const PER_GROUP: Rule = Rule {
    capacity: 20.0,
    per_second: 20.0 / 60.0,
};
const PER_BOT: Rule = Rule {
    capacity: 30.0,
    per_second: 30.0,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Chat(i64, i64),
    Group(i64, i64),
    Bot(i64),
}

#[derive(Debug)]
pub struct FloodControl {
    pub enabled: bool,
    buckets: HashMap<Key, Bucket>,
}

impl FloodControl {
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            buckets: HashMap::new(),
        }
    }

    /// Takes one message from every bucket that applies, or none and answers the whole seconds
    /// to wait (Telegram's `retry_after` is an integer, rounded up).
    pub fn check(&mut self, bot: i64, chat: i64, is_group: bool) -> Result<(), u64> {
        if !self.enabled {
            return Ok(());
        }
        let now = Instant::now();
        let mut keys = vec![(Key::Bot(bot), PER_BOT), (Key::Chat(bot, chat), PER_CHAT)];
        if is_group {
            keys.push((Key::Group(bot, chat), PER_GROUP));
        }
        let mut wait: f64 = 0.0;
        for (key, rule) in &keys {
            let bucket = self.refreshed(*key, *rule, now);
            if bucket.tokens < 1.0 {
                wait = wait.max((1.0 - bucket.tokens) / rule.per_second);
            }
        }
        if wait > 0.0 {
            return Err(wait.ceil().max(1.0) as u64);
        }
        for (key, _) in &keys {
            if let Some(b) = self.buckets.get_mut(key) {
                b.tokens -= 1.0;
            }
        }
        Ok(())
    }

    fn refreshed(&mut self, key: Key, rule: Rule, now: Instant) -> Bucket {
        let bucket = self.buckets.entry(key).or_insert(Bucket {
            tokens: rule.capacity,
            updated: now,
        });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rule.per_second).min(rule.capacity);
        bucket.updated = now;
        *bucket
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_retry_after() {
        let mut flood = FloodControl::new(true);
        for _ in 0..3 {
            flood.check(1, 10, false).unwrap();
        }
        assert_eq!(flood.check(1, 10, false), Err(1));
        // Another chat is not affected.
        flood.check(1, 11, false).unwrap();
    }

    #[test]
    fn group_limit_is_per_minute() {
        let mut flood = FloodControl::new(true);
        let mut sent = 0;
        for _ in 0..25 {
            if flood.check(1, -5, true).is_ok() {
                sent += 1;
            }
        }
        assert_eq!(sent, 3, "the per-chat burst bites first");
    }

    #[test]
    fn disabled_never_limits() {
        let mut flood = FloodControl::new(false);
        for _ in 0..100 {
            flood.check(1, 10, true).unwrap();
        }
    }
}
