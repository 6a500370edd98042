//! The desk's daily character quota: how many characters it may send to the provider per
//! day of its own calendar, so a busy day (or a flood of spam) cannot run up a bill.
//!
//! Pure: the relay keeps the day's [`Usage`] with the desk and passes it in with the time
//! and the desk's time zone; the day resets at the desk's local midnight (on a day a clock
//! change skips midnight, at the first local time that exists after it). Characters are
//! Unicode scalar values, as DeepL and Google count them for billing.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A limit of characters per local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub daily_chars: u64,
}

/// Characters translated on one local day: what the relay stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub day: NaiveDate,
    pub chars: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaCheck {
    /// Translate; store `usage` once the provider has answered (a failed call is not
    /// billed, so it is not counted either).
    Allowed { usage: Usage, remaining: u64 },
    /// Not today: the text would pass the limit. Agents are told once, with `resets_at`;
    /// messages go untranslated, marked, until then.
    Exhausted { used: u64, resets_at: DateTime<Utc> },
}

impl Quota {
    /// Whether `chars` more characters may be translated `now`, given what was stored.
    /// A text that would pass the limit is refused whole (half a message is no translation).
    pub fn check<Z: TimeZone>(
        &self,
        stored: Option<Usage>,
        chars: u64,
        now: DateTime<Utc>,
        tz: &Z,
    ) -> QuotaCheck {
        let today = local_day(now, tz);
        let used = stored
            .filter(|usage| usage.day == today)
            .map_or(0, |usage| usage.chars);
        let after = used.saturating_add(chars);
        if after > self.daily_chars {
            return QuotaCheck::Exhausted {
                used,
                resets_at: next_reset(now, tz),
            };
        }
        QuotaCheck::Allowed {
            usage: Usage {
                day: today,
                chars: after,
            },
            remaining: self.daily_chars - after,
        }
    }
}

/// What translating `texts` costs against the quota.
pub fn billed_chars<S: AsRef<str>>(texts: &[S]) -> u64 {
    texts
        .iter()
        .map(|text| text.as_ref().chars().count() as u64)
        .sum()
}

/// The desk's calendar day at `now`.
pub fn local_day<Z: TimeZone>(now: DateTime<Utc>, tz: &Z) -> NaiveDate {
    tz.from_utc_datetime(&now.naive_utc()).date_naive()
}

/// The next local midnight after `now`, as a UTC instant.
pub fn next_reset<Z: TimeZone>(now: DateTime<Utc>, tz: &Z) -> DateTime<Utc> {
    let tomorrow = local_day(now, tz)
        .succ_opt()
        .unwrap_or(NaiveDate::MAX)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    // Midnight may not exist (a clock change at 00:00, as in Chile or Lebanon): the day
    // then starts at the first minute that does, at most a few hours later.
    (0..=24 * 4)
        .find_map(|quarter| {
            tz.from_local_datetime(&(tomorrow + Duration::minutes(15 * quarter)))
                .earliest()
        })
        .map_or(now + Duration::days(1), |start| start.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use chrono_tz::America::Santiago;
    use chrono_tz::Europe::Moscow;

    fn utc(raw: &str) -> DateTime<Utc> {
        raw.parse().unwrap()
    }

    fn day(raw: &str) -> NaiveDate {
        raw.parse().unwrap()
    }

    const QUOTA: Quota = Quota { daily_chars: 1_000 };

    #[test]
    fn a_text_within_the_day_s_allowance_is_allowed_and_counted() {
        let now = utc("2026-12-10T12:00:00Z");
        let stored = Some(Usage {
            day: day("2026-12-10"),
            chars: 900,
        });
        assert_eq!(
            QUOTA.check(stored, 100, now, &Moscow),
            QuotaCheck::Allowed {
                usage: Usage {
                    day: day("2026-12-10"),
                    chars: 1_000
                },
                remaining: 0
            }
        );
    }

    #[test]
    fn a_text_past_the_allowance_waits_for_the_desk_s_midnight() {
        let now = utc("2026-12-10T12:00:00Z");
        let stored = Some(Usage {
            day: day("2026-12-10"),
            chars: 950,
        });
        assert_eq!(
            QUOTA.check(stored, 51, now, &Moscow),
            QuotaCheck::Exhausted {
                used: 950,
                // Midnight in Moscow (UTC+3).
                resets_at: utc("2026-12-10T21:00:00Z")
            }
        );
    }

    #[test]
    fn the_day_is_the_desk_s_not_utc_s() {
        // 22:30 UTC on the 10th is already the 11th in Moscow: yesterday's count is spent.
        let now = utc("2026-12-10T22:30:00Z");
        let stored = Some(Usage {
            day: day("2026-12-10"),
            chars: 1_000,
        });
        assert!(matches!(
            QUOTA.check(stored, 10, now, &Moscow),
            QuotaCheck::Allowed {
                usage: Usage { chars: 10, .. },
                ..
            }
        ));
        // A desk west of UTC is still on the 10th at that moment.
        let new_york = FixedOffset::west_opt(5 * 3600).unwrap();
        assert!(matches!(
            QUOTA.check(stored, 10, now, &new_york),
            QuotaCheck::Exhausted { .. }
        ));
        assert_eq!(next_reset(now, &new_york), utc("2026-12-11T05:00:00Z"));
    }

    #[test]
    fn a_skipped_midnight_resets_at_the_first_minute_that_exists() {
        // Chile moved its clocks from 00:00 to 01:00 on 2022-09-11.
        let now = utc("2022-09-10T20:00:00Z");
        assert_eq!(next_reset(now, &Santiago), utc("2022-09-11T04:00:00Z"));
    }

    #[test]
    fn characters_are_counted_as_letters_not_bytes() {
        assert_eq!(billed_chars(&["привет", "你好", ""]), 8);
    }
}
