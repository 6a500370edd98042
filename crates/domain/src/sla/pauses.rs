//! The resolution clock stops while the desk waits for the client: from the moment a ticket
//! goes to `waiting_on_client` (an agent asked something) until the client answers or anyone
//! moves it on. Those spans come from the ticket's status history; the working time inside
//! them is taken off the time the resolution target measures.

use super::working_hours::WorkingHours;
use crate::ticket::{StatusChange, TicketStatus};
use crate::Timestamp;
use chrono::Duration;

/// A span of wall-clock time, start included, end excluded.
pub type Span = (Timestamp, Timestamp);

/// The spans a ticket spent waiting on the client, from its status changes in the order they
/// happened; one still open ends at `now`.
pub fn waiting_spans(changes: &[StatusChange], now: Timestamp) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut since = None;
    for change in changes {
        match (since, change.to == TicketStatus::WaitingOnClient) {
            (None, true) => since = Some(change.at),
            (Some(start), false) => {
                spans.push((start, change.at));
                since = None;
            }
            _ => {}
        }
    }
    if let Some(start) = since.filter(|start| *start < now) {
        spans.push((start, now));
    }
    spans
}

/// The working time inside `spans`, counting none at or after `until` (a resolved ticket's
/// clock stopped at its resolution).
pub fn paused_time(hours: &WorkingHours, spans: &[Span], until: Timestamp) -> Duration {
    spans
        .iter()
        .filter(|(start, _)| *start < until)
        .map(|(start, end)| hours.business_duration(*start, (*end).min(until)))
        .fold(Duration::zero(), |sum, d| sum + d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Actor;
    use chrono::TimeZone;

    fn at(hour: u32) -> Timestamp {
        chrono::Utc
            .with_ymd_and_hms(2026, 3, 2, hour, 0, 0)
            .unwrap()
    }

    fn change(from: TicketStatus, to: TicketStatus, hour: u32) -> StatusChange {
        StatusChange {
            from,
            to,
            actor: Actor::System,
            at: at(hour),
        }
    }

    #[test]
    fn a_question_to_the_client_pauses_until_they_answer_or_until_now() {
        use TicketStatus::*;
        let changes = [
            change(New, Open, 9),
            change(Open, WaitingOnClient, 10),
            change(WaitingOnClient, Open, 12),
            change(Open, WaitingOnClient, 14),
        ];
        assert_eq!(
            waiting_spans(&changes, at(15)),
            vec![(at(10), at(12)), (at(14), at(15))]
        );
        // Monday 2 March 2026, open 09:00–18:00 UTC.
        let hours = WorkingHours::new(chrono_tz::UTC, "mon-fri 09:00-18:00".parse().unwrap());
        assert_eq!(
            paused_time(&hours, &waiting_spans(&changes, at(15)), at(15)),
            Duration::hours(3)
        );
        assert_eq!(
            paused_time(&hours, &waiting_spans(&changes, at(15)), at(11)),
            Duration::hours(1),
            "nothing after the resolution"
        );
        assert!(waiting_spans(&changes[..1], at(15)).is_empty());
    }
}
