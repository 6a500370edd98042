//! A desk's past: tickets opened weeks ago, written straight through the store with their
//! original times, so a story about reports or the forecast starts with the history it needs
//! without replaying weeks of Telegram traffic.

use chrono::{Datelike, Duration, DurationRound, Timelike, Weekday};
use ticketgram_domain::{Actor, Language, Priority, TicketStatus, Timestamp};
use ticketgram_store::{NewClient, NewTicket};

use crate::desk::TestDesk;

/// Tickets per transaction: a few weeks of a busy desk in a handful of commits.
const BATCH: usize = 500;

/// Tickets opened in a UTC hour of a desk with a Monday rush: 2 an hour in office hours on
/// weekdays, 1 in the early morning and evening, 6 at 10:00; twice as many on Mondays; none
/// at weekends; one more now and then (a different hour each week), so no two weeks are
/// alike.
pub fn monday_rush_tickets(hour: Timestamp, week: i64) -> usize {
    let base: i64 = match hour.hour() {
        10 => 6,
        9..=17 => 2,
        7 | 8 | 18..=21 => 1,
        _ => 0,
    };
    let day = match hour.weekday() {
        Weekday::Mon => 2,
        Weekday::Sat | Weekday::Sun => 0,
        _ => 1,
    };
    let usual = base * day;
    let weekday = i64::from(hour.weekday().num_days_from_monday());
    let extra = i64::from(usual > 0 && (week + i64::from(hour.hour()) + weekday) % 5 == 0);
    usize::try_from(usual + extra).unwrap_or(0)
}

/// The opening times of `days` days of [`monday_rush_tickets`] up to the current hour (not
/// included), spread over each hour (minute 5, 10, …).
pub fn monday_rush_history(days: i64) -> Vec<Timestamp> {
    let until = chrono::Utc::now()
        .duration_trunc(Duration::hours(1))
        .expect("the current hour");
    let start = until - Duration::days(days);
    let mut times = Vec::new();
    let mut hour = start;
    while hour < until {
        let week = (hour - start).num_weeks();
        for n in 0..monday_rush_tickets(hour, week) {
            times.push(hour + Duration::minutes(5 + 5 * (n as i64 % 11)));
        }
        hour += Duration::hours(1);
    }
    times
}

impl TestDesk {
    /// One client (Telegram id `telegram_user_id`) opened a ticket at each of `times`; the
    /// ones listed in `handled` were answered by Kate after the first duration and resolved
    /// after the second (both from the opening). Returns how many tickets were written.
    pub async fn past_tickets(
        &self,
        telegram_user_id: i64,
        times: &[Timestamp],
        handled: &[(Timestamp, Duration, Duration)],
    ) -> usize {
        let (ws, kate) = (self.ws, self.kate.1.id);
        let first_seen = times.iter().min().copied().unwrap_or_else(chrono::Utc::now);
        let client = self
            .store
            .write(async |tx| {
                tx.upsert_client(
                    ws,
                    &NewClient {
                        telegram_user_id,
                        first_name: "Regular".into(),
                        last_name: None,
                        username: None,
                        language: Language::En,
                        attributes: serde_json::json!({}),
                        seen_at: first_seen,
                    },
                )
                .await
            })
            .await
            .expect("the client of the past tickets");
        let new = |created_at| NewTicket {
            client: client.id,
            topic: None,
            subject: "From the desk's past".into(),
            priority: Priority::Normal,
            queue: None,
            language: Language::En,
            created_at,
        };
        for batch in times.chunks(BATCH) {
            self.store
                .write(async |tx| {
                    for &at in batch {
                        tx.create_ticket(ws, &new(at)).await?;
                    }
                    Ok::<(), ticketgram_store::StoreError>(())
                })
                .await
                .expect("past tickets written");
        }
        for &(opened, reply, resolve) in handled {
            self.store
                .write(async |tx| {
                    let ticket = tx.create_ticket(ws, &new(opened)).await?;
                    tx.record_agent_reply(ws, ticket.id, kate, opened + reply)
                        .await?;
                    tx.change_status(
                        ws,
                        ticket.id,
                        TicketStatus::Resolved,
                        Actor::Agent(kate),
                        opened + resolve,
                    )
                    .await
                    .map(|_| ())
                })
                .await
                .expect("a past ticket answered and resolved");
        }
        times.len() + handled.len()
    }
}
