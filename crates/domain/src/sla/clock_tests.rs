//! How a ticket's SLA stands at a given moment.

use super::*;
use crate::ticket::Priority;
use crate::Timestamp;
use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Europe::Berlin;

fn berlin(d: u32, h: u32, m: u32) -> Timestamp {
    // November 2026: the 6th and 13th are Fridays, the 9th is a Monday.
    Berlin
        .with_ymd_and_hms(2026, 11, d, h, m, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn times(priority: Priority, created_at: Timestamp) -> SlaTimes {
    SlaTimes {
        priority,
        created_at,
        first_response_at: None,
        resolved_at: None,
        awaiting_reply_since: None,
        paused: Duration::zero(),
    }
}

fn setup() -> (WorkingHours, SlaTargets) {
    (
        WorkingHours::new(Berlin, "mon-fri 09:00-18:00".parse().unwrap()),
        SlaTargets::default(),
    )
}

#[test]
fn a_high_priority_ticket_goes_pending_at_risk_breached() {
    let (hours, targets) = setup();
    let clock = SlaClock::new(&hours, &targets);
    let ticket = times(Priority::High, berlin(9, 10, 0)); // 1h first response, 20% at risk
    let due = berlin(9, 11, 0);
    assert_eq!(
        clock.first_response(&ticket, berlin(9, 10, 30)),
        Some(SlaState::Pending {
            due,
            remaining: Duration::minutes(30)
        })
    );
    assert_eq!(
        clock.first_response(&ticket, berlin(9, 10, 48)),
        Some(SlaState::AtRisk {
            due,
            remaining: Duration::minutes(12)
        })
    );
    assert_eq!(
        clock.first_response(&ticket, berlin(9, 11, 20)),
        Some(SlaState::Breached {
            due,
            by: Duration::minutes(20)
        })
    );
}

#[test]
fn the_clock_stops_outside_working_hours() {
    let (hours, targets) = setup();
    let clock = SlaClock::new(&hours, &targets);
    // Friday 17:30, 1h target: due Monday 09:30. On Saturday half an hour is still left.
    let mut ticket = times(Priority::High, berlin(6, 17, 30));
    let due = berlin(9, 9, 30);
    assert_eq!(
        clock.first_response(&ticket, berlin(7, 12, 0)),
        Some(SlaState::Pending {
            due,
            remaining: Duration::minutes(30)
        })
    );
    // Answered Monday 09:45: 15 working minutes late, not two and a half days.
    ticket.first_response_at = Some(berlin(9, 9, 45));
    assert_eq!(
        clock.first_response(&ticket, berlin(10, 12, 0)),
        Some(SlaState::Breached {
            due,
            by: Duration::minutes(15)
        })
    );
    // Answered Sunday evening: met, 30 working minutes used.
    ticket.first_response_at = Some(berlin(8, 20, 0));
    assert_eq!(
        clock.first_response(&ticket, berlin(10, 12, 0)),
        Some(SlaState::Met {
            took: Duration::minutes(30)
        })
    );
}

#[test]
fn resolving_without_a_reply_stops_the_first_response_clock() {
    let (hours, targets) = setup();
    let clock = SlaClock::new(&hours, &targets);
    let mut ticket = times(Priority::Normal, berlin(9, 9, 0));
    ticket.resolved_at = Some(berlin(9, 9, 5));
    let status = clock.status(&ticket, berlin(13, 9, 0));
    assert_eq!(
        status.first_response,
        Some(SlaState::Met {
            took: Duration::minutes(5)
        })
    );
    assert_eq!(
        status.resolution,
        Some(SlaState::Met {
            took: Duration::minutes(5)
        })
    );
}

#[test]
fn a_priority_without_target_has_no_sla_state() {
    let (hours, mut targets) = setup();
    targets.resolution.low = None;
    let clock = SlaClock::new(&hours, &targets);
    let ticket = times(Priority::Low, berlin(9, 9, 0));
    assert_eq!(clock.resolution(&ticket, berlin(30, 9, 0)), None);
    assert!(clock.first_response(&ticket, berlin(30, 9, 0)).is_some());
}

#[test]
fn states_and_targets_serialise_with_units_in_their_names() {
    let state = SlaState::Breached {
        due: berlin(9, 11, 0),
        by: Duration::minutes(20),
    };
    assert_eq!(
        serde_json::to_value(state).unwrap(),
        serde_json::json!({ "state": "breached", "due": "2026-11-09T10:00:00Z", "by_secs": 1200 })
    );
    let json = serde_json::to_value(SlaTargets::default()).unwrap();
    assert_eq!(json["first_response_minutes"]["urgent"], 15);
    assert_eq!(json["resolution_minutes"]["low"], 72 * 60);
    assert_eq!(
        serde_json::from_value::<SlaTargets>(json.clone()).unwrap(),
        SlaTargets::default()
    );
    let mut absurd = json;
    absurd["resolution_minutes"]["low"] = serde_json::json!(-5);
    assert!(serde_json::from_value::<SlaTargets>(absurd).is_err());
}

#[test]
fn waiting_on_the_client_stops_the_resolution_clock_but_not_the_first_reply() {
    let (hours, targets) = setup();
    let clock = SlaClock::new(&hours, &targets);
    // High: 1h first response, 8h resolution. Opened Monday 9 March 09:00; answered at 09:30
    // with a question; the client answered at 13:30 — four working hours of waiting.
    let mut ticket = times(Priority::High, berlin(9, 9, 0));
    ticket.first_response_at = Some(berlin(9, 9, 30));
    ticket.paused = Duration::hours(4);
    // At 17:00 eight working hours have passed, four of them the client's: four left.
    assert_eq!(
        clock.resolution(&ticket, berlin(9, 17, 0)),
        Some(SlaState::Pending {
            due: berlin(10, 12, 0),
            remaining: Duration::hours(4)
        })
    );
    assert_eq!(
        clock.first_response(&ticket, berlin(9, 17, 0)),
        Some(SlaState::Met {
            took: Duration::minutes(30)
        })
    );
    // Without the pause the same ticket would have breached at 17:00.
    ticket.paused = Duration::zero();
    assert!(matches!(
        clock.resolution(&ticket, berlin(10, 9, 30)),
        Some(SlaState::Breached { .. })
    ));
}

#[test]
fn a_client_who_writes_back_after_an_answer_waits_for_the_next_reply_in_working_time() {
    let (hours, targets) = setup();
    let clock = SlaClock::new(&hours, &targets);
    // Normal priority: 4 working hours for a next reply. Answered Friday morning, the client
    // wrote back at 16:00: two hours on Friday, two on Monday.
    let mut ticket = times(Priority::Normal, berlin(13, 9, 0));
    ticket.first_response_at = Some(berlin(13, 9, 30));
    assert_eq!(
        clock.next_reply(&ticket, berlin(13, 10, 0)),
        None,
        "nothing owed"
    );
    ticket.awaiting_reply_since = Some(berlin(13, 16, 0));
    let due = berlin(16, 11, 0);
    assert_eq!(
        clock.next_reply(&ticket, berlin(14, 12, 0)),
        Some(SlaState::Pending {
            due,
            remaining: Duration::hours(2)
        }),
        "the weekend does not count"
    );
    assert_eq!(
        clock.next_reply(&ticket, berlin(16, 10, 30)),
        Some(SlaState::AtRisk {
            due,
            remaining: Duration::minutes(30)
        })
    );
    assert_eq!(
        clock.next_reply(&ticket, berlin(16, 12, 0)),
        Some(SlaState::Breached {
            due,
            by: Duration::hours(1)
        })
    );
    assert_eq!(
        clock.next_reply_took(Priority::Normal, berlin(13, 16, 0), berlin(16, 10, 0)),
        (Duration::hours(3), Some(true))
    );
    ticket.resolved_at = Some(berlin(16, 12, 0));
    assert_eq!(clock.next_reply(&ticket, berlin(16, 13, 0)), None);
}
