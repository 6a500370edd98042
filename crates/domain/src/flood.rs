//! How many messages a client may send before the desk stops relaying them one by one: a
//! token bucket per client (a burst, refilled at a steady rate), kept as one instant in the
//! GCRA form — the moment the bucket will be full again — so its state is a single value that
//! a transaction can read and write with the message it judges.
//!
//! Messages over the limit are still stored; the flood they belong to starts with the first
//! one held and lasts until the bucket is full again. Each flood earns the client one notice
//! and the agents one summary.

use crate::Timestamp;
use chrono::Duration;

/// A desk's limit: `burst` messages at once, then `per_minute` a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloodLimit {
    pub burst: u32,
    pub per_minute: u32,
}

impl Default for FloodLimit {
    /// Thirty at once (a pasted list, an album, quick lines), then one every two seconds:
    /// well above how fast a person types, far below a script.
    fn default() -> FloodLimit {
        FloodLimit {
            burst: 30,
            per_minute: 30,
        }
    }
}

impl FloodLimit {
    /// The time one message's token takes to come back.
    fn interval(&self) -> Duration {
        Duration::milliseconds(60_000 / i64::from(self.per_minute.max(1)))
    }

    /// How far ahead of now the bucket's "full again" instant may be while a message still
    /// fits: the whole burst but one.
    fn tolerance(&self) -> Duration {
        self.interval() * (self.burst.max(1) as i32 - 1)
    }
}

/// One client's bucket and flood, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FloodState {
    /// When the bucket is full again; `None`: it is (a client never limited).
    pub full_at: Option<Timestamp>,
    /// The first held message of the current flood; `None`: no flood.
    pub flood_since: Option<Timestamp>,
    /// The client's held messages, counted over every flood.
    pub held_total: i64,
    /// `held_total` when the current flood started: its own count is the difference.
    pub held_before_flood: i64,
    /// When the latest held message was applied (not sent: the summary waits for the flood's
    /// last messages to be stored, however far behind the desk is).
    pub last_held: Option<Timestamp>,
}

/// What becomes of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limit: relayed as usual.
    Relay,
    /// Over the limit: stored, not relayed. `flood_started`: the first of its flood (the
    /// client is told, the agents will hear of it).
    Hold { flood_started: bool },
}

impl FloodState {
    /// Judges a message the client sent `at` (their messages come in order), applied `now`,
    /// returning the verdict and the state to store with it.
    pub fn judge(
        &self,
        limit: &FloodLimit,
        at: Timestamp,
        now: Timestamp,
    ) -> (Verdict, FloodState) {
        let full_at = self.full_at.map_or(at, |full| full.max(at));
        let mut next = *self;
        // A bucket that filled up again ends the flood: the next one is a new flood.
        if self.full_at.is_none_or(|full| full <= at) {
            next.flood_since = None;
        }
        if full_at - at > limit.tolerance() {
            let flood_started = next.flood_since.is_none();
            if flood_started {
                next.flood_since = Some(at);
                next.held_before_flood = self.held_total;
            }
            next.held_total += 1;
            next.last_held = Some(now);
            return (Verdict::Hold { flood_started }, next);
        }
        next.full_at = Some(full_at + limit.interval());
        (Verdict::Relay, next)
    }

    /// Messages held in the flood that started at `since` (0 when that flood is unknown): a
    /// flood replaced by a later one ended where the later one began.
    pub fn held_in(&self, since: Timestamp, held_before: i64) -> i64 {
        match self.flood_since {
            Some(current) if current == since => self.held_total - held_before,
            Some(_) => self.held_before_flood - held_before,
            None => self.held_total - held_before,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(ms: i64) -> Timestamp {
        chrono::Utc
            .timestamp_millis_opt(1_800_000_000_000 + ms)
            .unwrap()
    }

    #[test]
    fn a_burst_passes_then_one_every_interval() {
        let limit = FloodLimit::default();
        let mut state = FloodState::default();
        let mut relayed = 0;
        let mut started = 0;
        for _ in 0..1000 {
            let (verdict, next) = state.judge(&limit, at(0), at(0));
            state = next;
            match verdict {
                Verdict::Relay => relayed += 1,
                Verdict::Hold { flood_started } => started += usize::from(flood_started),
            }
        }
        assert_eq!(relayed, 30);
        assert_eq!(started, 1, "one flood, one start");
        assert_eq!(state.held_in(at(0), 0), 970);
        // Two seconds later one token is back; the flood goes on.
        assert_eq!(state.judge(&limit, at(2_000), at(2_000)).0, Verdict::Relay);
        assert_eq!(
            state.judge(&limit, at(1_000), at(1_000)).0,
            Verdict::Hold {
                flood_started: false
            }
        );
    }

    #[test]
    fn a_full_bucket_ends_the_flood_and_the_next_one_starts_afresh() {
        let limit = FloodLimit {
            burst: 2,
            per_minute: 60,
        };
        let mut state = FloodState::default();
        for _ in 0..5 {
            state = state.judge(&limit, at(0), at(0)).1;
        }
        assert_eq!(state.held_in(at(0), 0), 3);
        // Quiet until the bucket is full: the next message is relayed and ends the flood.
        let (verdict, after) = state.judge(&limit, at(60_000), at(60_000));
        assert_eq!(verdict, Verdict::Relay);
        assert_eq!(after.flood_since, None);
        let mut state = after;
        let mut starts = 0;
        for _ in 0..4 {
            let (verdict, next) = state.judge(&limit, at(60_000), at(60_000));
            state = next;
            if verdict
                == (Verdict::Hold {
                    flood_started: true,
                })
            {
                starts += 1;
            }
        }
        assert_eq!(starts, 1);
        // The first flood's count is kept apart from the second's.
        assert_eq!(state.held_in(at(0), 0), 3);
        assert_eq!(state.held_in(at(60_000), 3), 3);
    }

    #[test]
    fn a_client_writing_at_the_rate_is_never_held() {
        let limit = FloodLimit::default();
        let mut state = FloodState::default();
        for i in 0..100 {
            let (verdict, next) = state.judge(&limit, at(i * 3_000), at(i * 3_000));
            assert_eq!(verdict, Verdict::Relay);
            state = next;
        }
    }
}
