//! A desk in Tokyo: its files count Tokyo days. A request written at 00:30 on 3 December in
//! Tokyo is 15:30 on 2 December in UTC, and belongs to the 3rd in every part of the files.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use ticketgram_domain::metrics::{build_report, SelfServiceReport};
use ticketgram_domain::{
    Language, Priority, ReportPeriod, SlaTargets, TicketFacts, TicketNumber, TicketStatus,
    WeeklySchedule, WorkingHours,
};
use ticketgram_i18n::Translator;
use ticketgram_reports::{ReportBook, Sheet};

#[test]
fn a_tokyo_desk_counts_tokyo_days_in_its_files() {
    let hours = WorkingHours::new(chrono_tz::Asia::Tokyo, WeeklySchedule::always_open());
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let period = ReportPeriod::local_days(&hours, day, day);
    let just_after_midnight = Utc.with_ymd_and_hms(2026, 12, 2, 15, 30, 0).unwrap();
    let facts = [TicketFacts {
        number: TicketNumber(1000),
        agent: None,
        topic: None,
        priority: Priority::Normal,
        created_at: just_after_midnight,
        first_response_at: None,
        resolved_at: None,
        rating: None,
        status: TicketStatus::New,
        waiting: Vec::new(),
        next_replies: Vec::new(),
        queue: None,
    }];
    let report = build_report(&facts, period, &hours, &SlaTargets::default());
    let translator = Translator::load().unwrap();
    let book = ReportBook {
        report: &report,
        self_service: &SelfServiceReport::default(),
        effort: &Default::default(),
        complaints: &Default::default(),
        agent_names: &BTreeMap::new(),
        topic_names: &BTreeMap::new(),
        desk_name: "Tokyo Support",
        language: Language::En,
        translator: &translator,
    };

    let summary = ticketgram_reports::csv(&book, Sheet::Summary);
    for line in [
        "Desk,Tokyo Support",
        "First day,2026-12-03",
        "Last day,2026-12-03",
        "Time zone,Asia/Tokyo",
        "Created,1",
    ] {
        assert!(summary.lines().any(|l| l == line), "{line:?} in\n{summary}");
    }
    let trend = ticketgram_reports::csv(&book, Sheet::Trend);
    assert!(
        trend.lines().any(|l| l.starts_with("2026-12-03,1,")),
        "the request counts on Tokyo's 3 December:\n{trend}"
    );
    assert!(!trend.contains("2026-12-02"), "{trend}");
    assert_eq!(
        ticketgram_reports::file_name(&book, "xlsx"),
        "ticketgram-report-2026-12-03-2026-12-03.xlsx"
    );
}
