//! `csv()` cell by cell against the figures worked out in `fixture.rs`.

use ticketgram_domain::{AgentId, Language};
use ticketgram_reports::{csv, csv_all, file_name, Sheet};

use crate::fixture::Desk;

fn cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn assert_cells(text: &str, expected: &[&[&str]]) {
    let got = cells(text);
    assert_eq!(got.len(), expected.len(), "row count of\n{text}");
    for (r, (got, want)) in got.iter().zip(expected).enumerate() {
        assert_eq!(got.len(), want.len(), "width of row {r}: {got:?}");
        for (c, (g, w)) in got.iter().zip(want.iter()).enumerate() {
            assert_eq!(g, w, "row {r}, column {c} ({:?})", expected[0].get(c));
        }
    }
}

#[test]
fn summary_holds_the_desk_totals() {
    let desk = Desk::new();
    // Created: #1-#6 (#7 is last week's). Taken (first reaction this week): #1 #2 #3 #4 #6.
    // Closed: #1 #2 #3 #6 #7. Still open (of those created): #4 (open) and #5 (new).
    // First reactions sorted: 0, 30, 30, 45.5, 90. Nearest rank of 5: median = rank
    // ceil(2.5) = 3 → 30; p90 = rank ceil(4.5) = 5 → 90. Within target: all but #3 (90m > 1h
    // for high) → 4 of 5 = 80%. Resolutions sorted: 0, 30, 120, 240, 780 → median 120, p90
    // 780; every one within its target (240m ≤ 8h for high, 780m ≤ 24h for normal) → 100%.
    // Ratings of tickets resolved this week: ★5 (#1), ★3 (#3), ★2 (#7) → 10 / 3 = 3.33.
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::Summary),
        &[
            &["Metric", "Value"],
            &["Desk", "Acme Support"],
            &["First day", "2026-11-23"],
            &["Last day", "2026-11-29"],
            &["Time zone", "Europe/Berlin"],
            &["Created", "6"],
            &["Taken", "5"],
            &["Closed", "5"],
            &["Still open", "2"],
            &["Median first reaction (min)", "30.0"],
            &["P90 first reaction (min)", "90.0"],
            &["First reaction within target (%)", "80.0"],
            // Next replies: 30, 40, 300 (fixture.rs) → median 40, p90 300, 2 of 3 within.
            &["Next replies", "3"],
            &["Median next reply (min)", "40.0"],
            &["P90 next reply (min)", "300.0"],
            &["Next reply within target (%)", "66.7"],
            &["Median resolution (min)", "120.0"],
            &["P90 resolution (min)", "780.0"],
            &["Resolution within target (%)", "100.0"],
            &["Ratings", "3"],
            &["Average rating", "3.33"],
            // Self-service (fixture::self_service): 8 suggestions helped + 2 FAQ answers;
            // 10 of 10 + 6 requests = 62.5 %.
            &["Answered by self-service", "10"],
            &["Answered by suggested articles", "8"],
            &["Answered in flows", "2"],
            &["Self-service rate (%)", "62.5"],
            // Follow-up (fixture: a 6, and a 2 whose client said "not solved"): average 4,
            // one of two easy.
            &["Follow-up answers (effort)", "2"],
            &["Effort score, average (1–7)", "4.00"],
            &["Effort: easy answers, 5–7 (%)", "50.0"],
            &["Follow-up: not really solved", "1"],
        ],
    );
}

#[test]
fn flow_steps_say_where_clients_leave_a_form() {
    let desk = Desk::new();
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::FlowSteps),
        &[
            &[
                "Step",
                "Entered",
                "Completed",
                "Abandoned",
                "Answers refused",
                "Answered there",
                "Completion (%)",
                "Abandonment (%)",
            ],
            &["dispute_order", "5", "4", "1", "0", "0", "80.0", "20.0"],
            &["faq", "4", "4", "0", "0", "2", "100.0", "0.0"],
        ],
    );
}

const STATS_HEADER: [&str; 16] = [
    "Created",
    "Taken",
    "Closed",
    "Still open",
    "Median first reaction (min)",
    "P90 first reaction (min)",
    "First reaction within target (%)",
    "Next replies",
    "Median next reply (min)",
    "P90 next reply (min)",
    "Next reply within target (%)",
    "Median resolution (min)",
    "P90 resolution (min)",
    "Resolution within target (%)",
    "Ratings",
    "Average rating",
];

fn header(first: &'static str, last: Option<&'static str>) -> Vec<&'static str> {
    let mut h = vec![first];
    h.extend(STATS_HEADER);
    h.extend(last);
    h
}

#[test]
fn agents_one_row_each_unassigned_first() {
    let desk = Desk::new();
    // Unassigned: #5 only, never reacted to: every wait, share and the average are empty
    // (no samples), not 0; the counts are real zeros.
    // Anna: #1 #2 #6. Reactions 0, 30, 30 → median rank ceil(1.5) = 2 → 30, p90 rank
    // ceil(2.7) = 3 → 30. Resolutions 0, 30, 120 → median 30, p90 120. All within target.
    // Ratings: ★5 (#1).
    // Boris: #3 #4 created (and taken), #3 #7 closed, #4 still open. Reactions 45.5, 90 →
    // median rank 1 → 45.5, p90 rank ceil(1.8) = 2 → 90; #3 breached → 1 of 2 = 50%.
    // Resolutions 240, 780 → median 240, p90 780, both within. Ratings ★3, ★2 → 2.50.
    // Next replies: Boris's three (30, 40, 300 → median rank 2 = 40, p90 rank 3 = 300; 2 of 3
    // within = 66.7%); Anna gave none (a real zero count, empty figures).
    let h = header("Agent", None);
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::Agents),
        &[
            &h,
            &[
                "Unassigned",
                "1",
                "0",
                "0",
                "1",
                "",
                "",
                "",
                "0",
                "",
                "",
                "",
                "",
                "",
                "",
                "0",
                "",
            ],
            &[
                "Anna", "3", "3", "3", "0", "30.0", "30.0", "100.0", "0", "", "", "", "30.0",
                "120.0", "100.0", "1", "5.00",
            ],
            &[
                "Boris", "2", "2", "2", "1", "45.5", "90.0", "50.0", "3", "40.0", "300.0", "66.7",
                "240.0", "780.0", "100.0", "2", "2.50",
            ],
        ],
    );
}

#[test]
fn topics_one_row_each_with_their_share_of_new_tickets() {
    let desk = Desk::new();
    // No topic: #5. Payments: #1 #2 created and taken (30, 30 → median and p90 30), #1 #2 #7
    // closed (30, 120, 780 → median rank 2 = 120, p90 rank 3 = 780), ★5 and ★2 → 3.50.
    // Disputes: #3 #4 #6 created and taken (0, 45.5, 90 → median 45.5, p90 90; #3 breached →
    // 2 of 3 = 66.7%), #3 #6 closed (0, 240 → median rank 1 = 0.0, p90 240), ★3.
    // Next replies: Disputes has Boris's three (#3, #4), the others none.
    // Share of the 6 tickets created: 1/6 = 16.7%, 2/6 = 33.3%, 3/6 = 50.0%.
    let h = header("Topic", Some("Share of created (%)"));
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::Topics),
        &[
            &h,
            &[
                "No topic", "1", "0", "0", "1", "", "", "", "0", "", "", "", "", "", "", "0", "",
                "16.7",
            ],
            &[
                "Payments", "2", "2", "3", "0", "30.0", "30.0", "100.0", "0", "", "", "", "120.0",
                "780.0", "100.0", "2", "3.50", "33.3",
            ],
            &[
                "Disputes", "3", "3", "2", "1", "45.5", "90.0", "66.7", "3", "40.0", "300.0",
                "66.7", "0.0", "240.0", "100.0", "1", "3.00", "50.0",
            ],
        ],
    );
}

#[test]
fn trend_has_every_berlin_day_of_the_week() {
    let desk = Desk::new();
    // Monday: #1 created; #1 and #7 closed; #1 reacted to after 30m.
    // Saturday: #2 (30m) and #6 (0m) reacted to → nearest-rank median is the lower, 0.0.
    // Quiet days keep their row; a day without reactions has an empty median.
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::Trend),
        &[
            &["Date", "Created", "Closed", "Median first reaction (min)"],
            &["2026-11-23", "1", "2", "30.0"],
            &["2026-11-24", "1", "0", "90.0"],
            &["2026-11-25", "1", "1", "45.5"],
            &["2026-11-26", "1", "0", ""],
            &["2026-11-27", "1", "0", ""],
            &["2026-11-28", "1", "0", "0.0"],
            &["2026-11-29", "0", "2", ""],
        ],
    );
}

#[test]
fn each_topic_has_its_own_column_of_tickets_created_per_day() {
    let desk = Desk::new();
    // Created in the week, by Berlin day: Mon #1 Payments, Tue #3 Disputes, Wed #4 Disputes,
    // Thu #5 without topic, Fri #2 Payments, Sat #6 Disputes; #7 (the week before) is not
    // counted. Columns follow the Topics sheet: no topic first, then by topic.
    assert_cells(
        &csv(&desk.book(Language::En), Sheet::TopicTrend),
        &[
            &["Date", "No topic", "Payments", "Disputes"],
            &["2026-11-23", "0", "1", "0"],
            &["2026-11-24", "0", "0", "1"],
            &["2026-11-25", "0", "0", "1"],
            &["2026-11-26", "1", "0", "0"],
            &["2026-11-27", "0", "1", "0"],
            &["2026-11-28", "0", "0", "1"],
            &["2026-11-29", "0", "0", "0"],
        ],
    );
}

#[test]
fn agents_without_a_name_show_their_id() {
    let mut desk = Desk::new();
    desk.agents.remove(&AgentId(2));
    let rows = cells(&csv(&desk.book(Language::En), Sheet::Agents));
    let names: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["Unassigned", "Anna", "#2"]);
}

#[test]
fn labels_follow_the_language() {
    let desk = Desk::new();
    let rows = cells(&csv(&desk.book(Language::Ru), Sheet::Agents));
    assert_eq!(rows[0][0], "Агент");
    assert_eq!(rows[1][0], "Не назначено");
    let rows = cells(&csv(&desk.book(Language::De), Sheet::Topics));
    assert_eq!(rows[1][0], "Kein Thema");
    // Numbers never change with the language.
    assert_eq!(rows[3][5], "45.5");
}

#[test]
fn csv_all_prefixes_every_row_with_its_section() {
    let desk = Desk::new();
    let book = desk.book(Language::En);
    let rows = cells(&csv_all(&book));
    // 29 summary + 4 agents + 4 topics + 8 trend + 8 topic-trend + 8 complaints + 3 article
    // + 3 flow-step rows, each sheet with its header.
    assert_eq!(rows.len(), 29 + 4 + 4 + 8 + 8 + 8 + 3 + 3);
    assert_eq!(rows[0][..3], ["Section", "Metric", "Value"]);
    assert_eq!(rows[5][..3], ["Summary", "Created", "6"]);
    assert_eq!(rows[29][..2], ["Section", "Agent"]);
    assert_eq!(rows[32][..3], ["Agents", "Boris", "2"]);
    assert_eq!(rows[33][..2], ["Section", "Topic"]);
    assert_eq!(rows[37][..2], ["Section", "Date"]);
    assert_eq!(rows[44], ["Trend", "2026-11-29", "0", "2", ""]);
    assert_eq!(rows[53], ["Section", "Date", "delivery", "payment"]);
    assert_eq!(rows[54][2..], ["0", "1"]);
    assert_eq!(rows[54][0], "Complaints");
    assert_eq!(rows[61][..2], ["Section", "Article"]);
    assert_eq!(rows[64][..3], ["Section", "Step", "Entered"]);
    // The same cells as the per-sheet CSV, shifted by the section column.
    for sheet in ticketgram_reports::Sheet::ALL {
        let single = cells(&csv(&book, sheet));
        for row in single.iter().skip(1) {
            assert!(
                rows.iter().any(|r| r[1..] == row[..]),
                "{row:?} missing from csv_all"
            );
        }
    }
}

#[test]
fn file_names_carry_the_local_days() {
    let desk = Desk::new();
    let book = desk.book(Language::En);
    assert_eq!(
        file_name(&book, "xlsx"),
        "ticketgram-report-2026-11-23-2026-11-29.xlsx"
    );
    assert_eq!(
        file_name(&book, ".csv"),
        "ticketgram-report-2026-11-23-2026-11-29.csv"
    );
}
