//! A week of a Berlin desk, computed by hand.
//!
//! Desk: Europe/Berlin (UTC+1 in November), "mon-fri 09:00-18:00", default targets
//! (urgent 15m/4h, high 1h/8h, normal 4h/24h, low 8h/72h). Period: Monday 9 to Sunday
//! 15 November 2026 in Berlin, i.e. [Sun 8 Nov 23:00 UTC, Sun 15 Nov 23:00 UTC).
//! All instants below are UTC; Berlin wall-clock time is one hour later.

use super::*;
use crate::ids::{AgentId, TicketNumber, TopicId};
use crate::sla::{SlaTargets, WorkingHours};
use crate::ticket::{Priority, Rating, TicketStatus};
use crate::Timestamp;
use chrono::{Duration, NaiveDate, TimeZone, Utc};

fn utc(d: u32, h: u32, m: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

const ANNA: Option<AgentId> = Some(AgentId(1));
const BORIS: Option<AgentId> = Some(AgentId(2));
const PAYMENTS: Option<TopicId> = Some(TopicId(10));
const DISPUTES: Option<TopicId> = Some(TopicId(20));

#[allow(clippy::too_many_arguments)]
fn row(
    number: i64,
    agent: Option<AgentId>,
    topic: Option<TopicId>,
    priority: Priority,
    created_at: Timestamp,
    first_response_at: Option<Timestamp>,
    resolved_at: Option<Timestamp>,
    rating: Option<i64>,
    status: TicketStatus,
) -> TicketFacts {
    TicketFacts {
        number: TicketNumber(number),
        agent,
        topic,
        priority,
        created_at,
        first_response_at,
        resolved_at,
        rating: rating.map(|r| Rating::new(r).unwrap()),
        status,
        waiting: Vec::new(),
        next_replies: Vec::new(),
        queue: None,
    }
}

fn fixture() -> Vec<TicketFacts> {
    use Priority::*;
    use TicketStatus::*;
    vec![
        // #101: a Singapore client writes Monday 07:30 their time = Sun 23:30 UTC = Mon 00:30
        // Berlin, so it is Monday's ticket. Reply Mon 09:20 Berlin: 20m of working time (the
        // clock starts at 09:00). Resolved 11:00 Berlin: 2h. High 1h/8h: both met. ★5.
        row(
            101,
            ANNA,
            PAYMENTS,
            High,
            utc(8, 23, 30),
            Some(utc(9, 8, 20)),
            Some(utc(9, 10, 0)),
            Some(5),
            Closed,
        ),
        // #102: Friday 17:00 Berlin; Anna answers Saturday: 1h (Fri 17-18, weekend free).
        // Normal 4h: met. Resolved the next Monday, after the period: not closed this week.
        row(
            102,
            ANNA,
            PAYMENTS,
            Normal,
            utc(13, 16, 0),
            Some(utc(14, 10, 0)),
            Some(utc(16, 10, 0)),
            None,
            Resolved,
        ),
        // #103: Tuesday 13:00 Berlin, urgent. Reply 13:40: 40m > 15m, breached. Resolved
        // Wednesday 10:00: Tue 13-18 (5h) + Wed 09-10 (1h) = 6h > 4h, breached. ★2.
        row(
            103,
            BORIS,
            DISPUTES,
            Urgent,
            utc(10, 12, 0),
            Some(utc(10, 12, 40)),
            Some(utc(11, 9, 0)),
            Some(2),
            Closed,
        ),
        // #104: opened the week before (Thu 5 Nov 11:00 Berlin) and answered then: neither
        // created nor taken this week. Resolved Thu 12 Nov 16:00 Berlin: Thu 5 (7h) + Fri 6,
        // Mon 9, Tue 10, Wed 11 (4 × 9h) + Thu 12 (7h) = 50h ≤ 72h (low): met. ★4.
        row(
            104,
            BORIS,
            DISPUTES,
            Low,
            utc(5, 10, 0),
            Some(utc(5, 12, 0)),
            Some(utc(12, 15, 0)),
            Some(4),
            Closed,
        ),
        // #105: Wednesday 18:00 Berlin, right at closing; nobody has taken it yet.
        row(
            105,
            None,
            None,
            Normal,
            utc(11, 17, 0),
            None,
            None,
            None,
            New,
        ),
        // #106: spam, closed without a reply after 6 minutes: that is its first reaction and
        // its resolution (Mon 10:00-10:06 Berlin). Normal: both met. No rating.
        row(
            106,
            ANNA,
            DISPUTES,
            Normal,
            utc(9, 9, 0),
            None,
            Some(utc(9, 9, 6)),
            None,
            Closed,
        ),
    ]
}

fn report() -> Report {
    let hours = berlin_office_hours();
    let week = ReportPeriod::local_days(&hours, day(9), day(15));
    assert_eq!((week.start, week.end), (utc(8, 23, 0), utc(15, 23, 0)));
    build_report(&fixture(), week, &hours, &SlaTargets::default())
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn mins(m: i64) -> Option<Duration> {
    Some(Duration::minutes(m))
}

#[test]
fn desk_totals_for_the_week() {
    let t = report().totals;
    // Created: 101, 102, 103, 105, 106 (104 is last week's). Taken (first reaction this
    // week): 101, 102, 103, 106. Closed: 101, 103, 104, 106. Still open: 105.
    assert_eq!((t.created, t.taken, t.closed, t.still_open), (5, 4, 4, 1));
    // First reactions sorted: 6m, 20m, 40m, 60m. Nearest rank: median = rank ceil(2) = 2
    // → 20m; p90 = rank ceil(3.6) = 4 → 60m. Within target: all but #103 → 3 of 4.
    assert_eq!(
        (t.first_reaction.median, t.first_reaction.p90),
        (mins(20), mins(60))
    );
    assert_eq!(
        (
            t.first_reaction.within_target.met,
            t.first_reaction.within_target.measured
        ),
        (3, 4)
    );
    assert_eq!(t.first_reaction.within_target.ratio, Some(0.75));
    // Resolutions sorted: 6m, 2h, 6h, 50h → median 2h, p90 50h; all but #103 met → 3 of 4.
    assert_eq!(
        (t.resolution.median, t.resolution.p90),
        (mins(120), mins(50 * 60))
    );
    assert_eq!(t.resolution.within_target.ratio, Some(0.75));
    // Ratings of tickets closed this week: 5, 2, 4 → 11 / 3.
    assert_eq!(t.rating.count, 3);
    assert!((t.rating.average.unwrap() - 11.0 / 3.0).abs() < 1e-9);
}

#[test]
fn per_agent_rows() {
    let agents = report().per_agent;
    // BTreeMap order: None (unassigned) first, then Anna (1), Boris (2).
    assert_eq!(
        agents.iter().map(|a| a.agent).collect::<Vec<_>>(),
        vec![None, ANNA, BORIS]
    );
    let unassigned = &agents[0].stats;
    assert_eq!(
        (unassigned.created, unassigned.taken, unassigned.still_open),
        (1, 0, 1)
    );
    assert_eq!(unassigned.first_reaction.median, None);
    assert_eq!(unassigned.first_reaction.within_target.ratio, None);

    // Anna: 101, 102, 106. Reactions 6m, 20m, 60m → median rank 2 = 20m, p90 rank
    // ceil(2.7) = 3 = 60m. Resolutions 6m, 2h → median rank 1 = 6m, p90 rank 2 = 2h. ★5.
    let anna = &agents[1].stats;
    assert_eq!((anna.created, anna.taken, anna.closed), (3, 3, 2));
    assert_eq!(
        (anna.first_reaction.median, anna.first_reaction.p90),
        (mins(20), mins(60))
    );
    assert_eq!(
        (anna.resolution.median, anna.resolution.p90),
        (mins(6), mins(120))
    );
    assert_eq!(anna.resolution.within_target.ratio, Some(1.0));
    assert_eq!(anna.rating.average, Some(5.0));

    // Boris: 103 (created, taken, closed) and 104 (closed only). Reaction 40m, breached.
    // Resolutions 6h, 50h → median 6h, p90 50h; one of two met. ★2 and ★4 → 3.0.
    let boris = &agents[2].stats;
    assert_eq!((boris.created, boris.taken, boris.closed), (1, 1, 2));
    assert_eq!(boris.first_reaction.within_target.ratio, Some(0.0));
    assert_eq!(
        (boris.resolution.median, boris.resolution.p90),
        (mins(360), mins(3000))
    );
    assert_eq!(boris.resolution.within_target.ratio, Some(0.5));
    assert_eq!(boris.rating.average, Some(3.0));
}

#[test]
fn per_topic_counts() {
    let counts: Vec<_> = report()
        .per_topic
        .iter()
        .map(|t| (t.topic, t.stats.created, t.stats.taken, t.stats.closed))
        .collect();
    // No topic: 105. Payments: 101, 102. Disputes: 103, 104, 106.
    assert_eq!(
        counts,
        vec![(None, 1, 0, 0), (PAYMENTS, 2, 2, 1), (DISPUTES, 2, 2, 3)]
    );
}

#[test]
fn each_topic_has_its_own_daily_line_adding_up_to_the_desk() {
    let report = report();
    let topics: Vec<_> = report.per_topic_trend.iter().map(|t| t.topic).collect();
    assert_eq!(topics, vec![None, PAYMENTS, DISPUTES]);
    for (line, stats) in report.per_topic_trend.iter().zip(&report.per_topic) {
        assert_eq!(line.topic, stats.topic);
        assert_eq!(line.days.len(), report.trend.len(), "quiet days are kept");
        let created: usize = line.days.iter().map(|d| d.created).sum();
        let closed: usize = line.days.iter().map(|d| d.closed).sum();
        assert_eq!((created, closed), (stats.stats.created, stats.stats.closed));
    }
    for (i, desk_day) in report.trend.iter().enumerate() {
        let created: usize = report
            .per_topic_trend
            .iter()
            .map(|t| t.days[i].created)
            .sum();
        assert_eq!(created, desk_day.created, "{}", desk_day.date);
    }
}

#[test]
fn the_daily_trend_uses_berlin_days() {
    let trend = report().trend;
    let rows: Vec<_> = trend
        .iter()
        .map(|p| (p.date, p.created, p.closed, p.median_first_reaction))
        .collect();
    assert_eq!(
        rows,
        vec![
            // Monday: 101 (Sunday in UTC!) and 106 created and closed; reactions 6m, 20m →
            // nearest-rank median is the lower one, 6m.
            (day(9), 2, 2, mins(6)),
            (day(10), 1, 0, mins(40)), // 103
            (day(11), 1, 1, None),     // 105 created, 103 closed
            (day(12), 0, 1, None),     // 104 closed
            (day(13), 1, 0, None),     // 102 created
            (day(14), 0, 0, mins(60)), // Anna answers 102 on Saturday
            (day(15), 0, 0, None),
        ]
    );
}

#[test]
fn reports_serialise_durations_as_seconds() {
    let json = serde_json::to_value(report()).unwrap();
    assert_eq!(json["time_zone"], "Europe/Berlin");
    assert_eq!(json["totals"]["first_reaction"]["median_secs"], 20 * 60);
    assert_eq!(json["totals"]["resolution"]["p90_secs"], 50 * 3600);
    assert_eq!(json["trend"][0]["date"], "2026-11-09");
    assert_eq!(json["per_agent"][0]["agent"], serde_json::Value::Null);
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, report());
}

#[test]
fn an_empty_period_is_all_zeros_not_an_error() {
    let hours = WorkingHours::always_open();
    let period = ReportPeriod {
        start: utc(9, 0, 0),
        end: utc(9, 0, 0),
    };
    let report = build_report(&fixture(), period, &hours, &SlaTargets::default());
    assert_eq!((report.totals.created, report.totals.closed), (0, 0));
    assert_eq!(report.totals.rating.average, None);
    assert!(report.trend.is_empty());
}

/// Monday to Friday, 09:00–18:00 in Berlin.
fn berlin_office_hours() -> WorkingHours {
    WorkingHours::new(
        chrono_tz::Europe::Berlin,
        "mon-fri 09:00-18:00".parse().unwrap(),
    )
}

#[test]
fn time_waiting_on_the_client_is_not_the_desks_resolution_time() {
    let hours = berlin_office_hours();
    let week = ReportPeriod::local_days(&hours, day(9), day(15));
    // High (8h to resolve): opened Monday 09:00 Berlin, resolved Tuesday 12:00: twelve
    // working hours, five of them waiting for the client's screenshots (10:00–15:00).
    let mut ticket = row(
        201,
        ANNA,
        PAYMENTS,
        Priority::High,
        utc(9, 8, 0),
        Some(utc(9, 8, 30)),
        Some(utc(10, 11, 0)),
        None,
        TicketStatus::Closed,
    );
    let resolution = |ticket: &TicketFacts| {
        build_report(
            std::slice::from_ref(ticket),
            week,
            &hours,
            &SlaTargets::default(),
        )
        .totals
        .resolution
    };
    let missed = resolution(&ticket);
    assert_eq!(missed.median, mins(12 * 60));
    assert_eq!(missed.within_target.met, 0);
    ticket.waiting = vec![(utc(9, 9, 0), utc(9, 14, 0))];
    let met = resolution(&ticket);
    assert_eq!(met.median, mins(7 * 60), "the desk's own seven hours");
    assert_eq!(met.within_target.met, 1);
}

#[test]
fn each_answered_follow_up_counts_as_a_next_reply_in_the_week_it_was_given() {
    let hours = berlin_office_hours();
    let week = ReportPeriod::local_days(&hours, day(9), day(15));
    // Urgent (30 min for a next reply): answered at 08:05 UTC, the client wrote back twice.
    let mut ticket = row(
        301,
        BORIS,
        DISPUTES,
        Priority::Urgent,
        utc(9, 8, 0),
        Some(utc(9, 8, 5)),
        None,
        None,
        TicketStatus::Open,
    );
    ticket.next_replies = vec![
        // Answered in 20 minutes: within.
        (utc(9, 9, 0), utc(9, 9, 20)),
        // Written Friday 17:50 Berlin, answered Monday 09:45 Berlin: 55 working minutes.
        (utc(13, 16, 50), utc(16, 8, 45)),
    ];
    let report = build_report(
        std::slice::from_ref(&ticket),
        week,
        &hours,
        &SlaTargets::default(),
    );
    let next = &report.totals.next_reply;
    assert_eq!(next.count, 1, "Monday the 16th is the next week's");
    assert_eq!(next.median, mins(20));
    assert_eq!(
        (next.within_target.met, next.within_target.measured),
        (1, 1)
    );
    assert_eq!(report.per_agent[0].stats.next_reply.count, 1);
    let next_week = ReportPeriod::local_days(&hours, day(16), day(22));
    // The same ticket a week on: only the reply given that week counts.
    let later = build_report(&[ticket], next_week, &hours, &SlaTargets::default());
    let late = &later.totals.next_reply;
    assert_eq!(late.median, mins(55), "ten minutes on Friday, 45 on Monday");
    assert_eq!(late.within_target.met, 0);
}
