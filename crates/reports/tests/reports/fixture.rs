//! A week of a Berlin desk, computed by hand.
//!
//! Desk "Acme Support": Europe/Berlin (UTC+1 all week: DST ended on 25 October), open
//! "mon-fri 09:00-18:00", default targets (first reaction / resolution: urgent 15m/4h,
//! high 1h/8h, normal 4h/24h, low 8h/72h). Period: Monday 23 to Sunday 29 November 2026 in
//! Berlin. Agents Anna (1) and Boris (2); topics Payments (10) and Disputes (20). Times below
//! are Berlin wall-clock; `berlin()` turns them into UTC instants.
//!
//! | #  | agent | topic    | prio   | created     | first reaction      | resolved       | ★ |
//! |----|-------|----------|--------|-------------|---------------------|----------------|---|
//! | 1  | Anna  | Payments | normal | Mon 23 10:00| Mon 10:30 = 30m     | Mon 12:00 = 2h | 5 |
//! | 2  | Anna  | Payments | normal | Fri 27 17:30| Sat 28 11:00 = 30m  | Sun 29 = 30m   | - |
//! | 3  | Boris | Disputes | high   | Tue 24 16:00| 17:30 = 90m (> 1h)  | Wed 11:00 = 4h | 3 |
//! | 4  | Boris | Disputes | normal | Wed 25 08:00| 09:45:30 = 45.5m    | - (open)       | - |
//! | 5  | -     | -        | normal | Thu 26 14:00| -                   | - (new)        | - |
//! | 6  | Anna  | Disputes | low    | Sat 28 10:00| Sat 12:00 = 0m      | Sun 29 = 0m    | - |
//! | 7  | Boris | Payments | normal | Thu 19 15:00| Thu 19 15:20 (before the week) | Mon 23 10:00 = 13h | 2 |
//!
//!
//! Next replies (default targets: high 2h, normal 4h), all Boris's in Disputes: on #3 the
//! client wrote back Tue 17:45 and was answered Wed 09:15 (15m + 15m = 30m); on #4 Wed 11:00
//! → 11:40 (40m), then Thu 17:00 → Fri 13:00 (1h + 4h = 300m, over 4h).
//!
//! Working time: #2 waits Fri 17:30-18:00 and then the weekend, which is free: 30m for both.
//! #3: Tue 16:00-18:00 (2h) + Wed 09:00-11:00 (2h) = 4h. #4 arrives before opening, so its
//! clock starts at 09:00. #6 lives entirely in the weekend: 0m, a real sample, not "none".
//! #7: Thu 15-18 (3h) + Fri (9h) + Mon 09-10 (1h) = 13h = 780m; it counts as closed this week
//! only (created and first reacted to the week before).

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use ticketgram_domain::metrics::build_report;
use ticketgram_domain::metrics::{ArticleFigures, SelfServiceReport, StepFigures};
use ticketgram_domain::{
    AgentId, Language, Priority, Rating, Report, ReportPeriod, SlaTargets, TicketFacts,
    TicketNumber, TicketStatus, Timestamp, TopicId, WorkingHours,
};
use ticketgram_i18n::Translator;
use ticketgram_reports::ReportBook;

const ANNA: Option<AgentId> = Some(AgentId(1));
const BORIS: Option<AgentId> = Some(AgentId(2));
const PAYMENTS: Option<TopicId> = Some(TopicId(10));
const DISPUTES: Option<TopicId> = Some(TopicId(20));

/// Berlin wall-clock time on a November 2026 day (UTC+1).
fn berlin(day: u32, h: u32, m: u32, s: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, day, h - 1, m, s).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn ticket(
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

pub fn facts() -> Vec<TicketFacts> {
    use Priority::*;
    use TicketStatus::*;
    let mut facts = vec![
        ticket(
            1,
            ANNA,
            PAYMENTS,
            Normal,
            berlin(23, 10, 0, 0),
            Some(berlin(23, 10, 30, 0)),
            Some(berlin(23, 12, 0, 0)),
            Some(5),
            Closed,
        ),
        ticket(
            2,
            ANNA,
            PAYMENTS,
            Normal,
            berlin(27, 17, 30, 0),
            Some(berlin(28, 11, 0, 0)),
            Some(berlin(29, 10, 0, 0)),
            None,
            Closed,
        ),
        ticket(
            3,
            BORIS,
            DISPUTES,
            High,
            berlin(24, 16, 0, 0),
            Some(berlin(24, 17, 30, 0)),
            Some(berlin(25, 11, 0, 0)),
            Some(3),
            Closed,
        ),
        ticket(
            4,
            BORIS,
            DISPUTES,
            Normal,
            berlin(25, 8, 0, 0),
            Some(berlin(25, 9, 45, 30)),
            None,
            None,
            Open,
        ),
        ticket(
            5,
            None,
            None,
            Normal,
            berlin(26, 14, 0, 0),
            None,
            None,
            None,
            New,
        ),
        ticket(
            6,
            ANNA,
            DISPUTES,
            Low,
            berlin(28, 10, 0, 0),
            Some(berlin(28, 12, 0, 0)),
            Some(berlin(29, 16, 0, 0)),
            None,
            Closed,
        ),
        ticket(
            7,
            BORIS,
            PAYMENTS,
            Normal,
            berlin(19, 15, 0, 0),
            Some(berlin(19, 15, 20, 0)),
            Some(berlin(23, 10, 0, 0)),
            Some(2),
            Closed,
        ),
    ];
    facts[2].next_replies = vec![(berlin(24, 17, 45, 0), berlin(25, 9, 15, 0))];
    facts[3].next_replies = vec![
        (berlin(25, 11, 0, 0), berlin(25, 11, 40, 0)),
        (berlin(26, 17, 0, 0), berlin(27, 13, 0, 0)),
    ];
    facts
}

pub fn report() -> Report {
    let hours = WorkingHours::new(
        chrono_tz::Europe::Berlin,
        "mon-fri 09:00-18:00".parse().unwrap(),
    );
    let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let week = ReportPeriod::local_days(&hours, first, last);
    build_report(&facts(), week, &hours, &SlaTargets::default())
}

/// The same week's help centre: two articles suggested, a dispute form and a FAQ step.
pub fn self_service() -> SelfServiceReport {
    let article = |title: &str, helped, not_helped| ArticleFigures {
        title: title.into(),
        helped,
        not_helped,
    };
    let step = |id: &str, entered, completed, abandoned, self_served| StepFigures {
        step: id.into(),
        entered,
        completed,
        abandoned,
        rejected: 0,
        self_served,
    };
    SelfServiceReport::new(
        vec![
            article("How refunds work", 6, 2),
            article("Escrow release", 2, 0),
        ],
        vec![step("dispute_order", 5, 4, 1, 0), step("faq", 4, 4, 0, 2)],
        // The week's tickets (see `facts`) are counted by the report; here only the rate's
        // denominator matters, so it is the report's own figure.
        report().totals.created as i64,
    )
}

/// Everything a [`ReportBook`] borrows, owned in one place.
pub struct Desk {
    pub report: Report,
    pub self_service: SelfServiceReport,
    /// A 6 and a 2 whose client said "not solved".
    pub effort: ticketgram_domain::follow_up::EffortSummary,
    /// Delivery complaints every day (0, 1, 2, 0, …) and one payment complaint a day.
    pub complaints: ticketgram_domain::complaint::ComplaintTrend,
    pub agents: BTreeMap<AgentId, String>,
    pub topics: BTreeMap<TopicId, String>,
    pub translator: Translator,
}

impl Desk {
    pub fn new() -> Desk {
        let report = report();
        let complaints = ticketgram_domain::complaint::ComplaintTrend {
            categories: vec!["delivery".into(), "payment".into()],
            days: report
                .trend
                .iter()
                .enumerate()
                .map(|(i, point)| ticketgram_domain::complaint::ComplaintDay {
                    date: point.date,
                    counts: vec![i as u64 % 3, 1],
                })
                .collect(),
        };
        Desk {
            report,
            complaints,
            self_service: self_service(),
            effort: ticketgram_domain::follow_up::EffortSummary {
                by_score: [0, 1, 0, 0, 0, 1, 0],
                not_solved: 1,
                solved: 0,
            },
            agents: BTreeMap::from([
                (AgentId(1), "Anna".to_string()),
                (AgentId(2), "Boris".to_string()),
            ]),
            topics: BTreeMap::from([
                (TopicId(10), "Payments".to_string()),
                (TopicId(20), "Disputes".to_string()),
            ]),
            translator: Translator::load().unwrap(),
        }
    }

    pub fn book(&self, language: Language) -> ReportBook<'_> {
        ReportBook {
            report: &self.report,
            self_service: &self.self_service,
            effort: &self.effort,
            complaints: &self.complaints,
            agent_names: &self.agents,
            topic_names: &self.topics,
            desk_name: "Acme Support",
            language,
            translator: &self.translator,
        }
    }
}
