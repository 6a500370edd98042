//! When a failed delivery is tried again: exponential backoff from `first_delay`, capped at
//! `max_delay`, given up once the delivery is older than `give_up_after`. A pure function, so
//! the schedule is tested without waiting for it.

use std::time::Duration;
use ticketgram_domain::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub give_up_after: Duration,
}

impl Default for RetryPolicy {
    /// 10 s, 20 s, 40 s … up to an hour between attempts, for about a day.
    fn default() -> RetryPolicy {
        RetryPolicy {
            first_delay: Duration::from_secs(10),
            max_delay: Duration::from_secs(3600),
            give_up_after: Duration::from_secs(24 * 3600),
        }
    }
}

impl RetryPolicy {
    /// The delay after the `attempts`-th failed attempt (1 for the first).
    pub fn delay(&self, attempts: i64) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.first_delay
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.max_delay)
    }

    /// When to try again after `attempts` failures of a delivery created at `created_at`, or
    /// `None` to give up.
    pub fn next_attempt(
        &self,
        attempts: i64,
        created_at: Timestamp,
        now: Timestamp,
    ) -> Option<Timestamp> {
        let give_up_at = created_at + chrono::Duration::from_std(self.give_up_after).ok()?;
        let next = now + chrono::Duration::from_std(self.delay(attempts)).ok()?;
        (next <= give_up_at).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn delays_double_up_to_an_hour() {
        let policy = RetryPolicy::default();
        let secs: Vec<u64> = (1..=12).map(|n| policy.delay(n).as_secs()).collect();
        assert_eq!(
            secs,
            [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600]
        );
        assert_eq!(policy.delay(10_000).as_secs(), 3600);
        assert_eq!(policy.delay(0).as_secs(), 10);
    }

    #[test]
    fn a_delivery_is_given_up_after_about_a_day() {
        let policy = RetryPolicy::default();
        let created = chrono::Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        let soon = created + chrono::Duration::minutes(1);
        assert_eq!(
            policy.next_attempt(1, created, soon),
            Some(soon + chrono::Duration::seconds(10))
        );
        let late = created + chrono::Duration::hours(23) + chrono::Duration::minutes(30);
        assert_eq!(policy.next_attempt(20, created, late), None);
        let mut now = created;
        let mut attempts = 0;
        while let Some(next) = policy.next_attempt(attempts + 1, created, now) {
            attempts += 1;
            now = next;
        }
        // About 10 attempts in the first 3 hours, then one an hour.
        assert!((25..=35).contains(&attempts), "{attempts} attempts");
    }
}
