//! The report laid out as tables, one per [`Sheet`]: what both the workbook and the CSV show.

use ticketgram_domain::metrics::Stats;

use crate::cell::Cell;
use crate::{period, ReportBook, Sheet};

pub(crate) struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: ChartSpec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    Column,
    Pie,
    Line,
}

/// What the sheet's chart plots: `series` columns against the `category` column, over the
/// data rows `first_row..=last_row` (0-based indices into `Table::rows`).
pub(crate) struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    pub category: usize,
    pub series: Vec<usize>,
    pub first_row: usize,
    pub last_row: usize,
}

impl ChartSpec {
    fn over_all_rows(
        kind: ChartKind,
        title: String,
        series: Vec<usize>,
        rows: &[Vec<Cell>],
    ) -> ChartSpec {
        ChartSpec {
            kind,
            title,
            category: 0,
            series,
            first_row: 0,
            // An empty table still gets a chart (over one empty row) rather than none.
            last_row: rows.len().saturating_sub(1),
        }
    }
}

pub(crate) fn table(book: &ReportBook, sheet: Sheet) -> Table {
    match sheet {
        Sheet::Summary => summary(book),
        Sheet::Agents => agents(book),
        Sheet::Topics => topics(book),
        Sheet::Trend => trend(book),
        Sheet::TopicTrend => topic_trend(book),
        Sheet::Complaints => complaints(book),
        Sheet::Articles => articles(book),
        Sheet::FlowSteps => flow_steps(book),
    }
}

/// Column keys of the per-agent and per-topic tables after their name column.
const STATS_COLUMNS: [&str; 16] = [
    "report-created",
    "report-taken",
    "report-closed",
    "report-still-open",
    "report-first-reaction-median",
    "report-first-reaction-p90",
    "report-first-reaction-within",
    "report-next-replies",
    "report-next-reply-median",
    "report-next-reply-p90",
    "report-next-reply-within",
    "report-resolution-median",
    "report-resolution-p90",
    "report-resolution-within",
    "report-ratings",
    "report-rating-average",
];

/// The cells of [`STATS_COLUMNS`], in that order.
fn stats_cells(s: &Stats) -> Vec<Cell> {
    vec![
        Cell::Count(s.created),
        Cell::Count(s.taken),
        Cell::Count(s.closed),
        Cell::Count(s.still_open),
        Cell::minutes(s.first_reaction.median),
        Cell::minutes(s.first_reaction.p90),
        Cell::share(&s.first_reaction.within_target),
        Cell::Count(s.next_reply.count),
        Cell::minutes(s.next_reply.median),
        Cell::minutes(s.next_reply.p90),
        Cell::share(&s.next_reply.within_target),
        Cell::minutes(s.resolution.median),
        Cell::minutes(s.resolution.p90),
        Cell::share(&s.resolution.within_target),
        Cell::Count(s.rating.count),
        Cell::rating(s.rating.average),
    ]
}

fn summary(book: &ReportBook) -> Table {
    let report = book.report;
    let (first, last) = period::local_days(report);
    let mut rows = vec![
        vec![
            Cell::text(book.label("report-desk")),
            Cell::text(book.desk_name),
        ],
        vec![
            Cell::text(book.label("report-first-day")),
            Cell::text(first.to_string()),
        ],
        vec![
            Cell::text(book.label("report-last-day")),
            Cell::text(last.to_string()),
        ],
        vec![
            Cell::text(book.label("report-time-zone")),
            Cell::text(report.time_zone.clone()),
        ],
    ];
    let counts_from = rows.len();
    for (key, value) in STATS_COLUMNS.iter().zip(stats_cells(&report.totals)) {
        rows.push(vec![Cell::text(book.label(key)), value]);
    }
    let service = book.self_service;
    rows.extend([
        vec![
            Cell::text(book.label("report-self-service-resolutions")),
            Cell::tally(service.resolutions),
        ],
        vec![
            Cell::text(book.label("report-self-service-by-articles")),
            Cell::tally(service.by_suggestions()),
        ],
        vec![
            Cell::text(book.label("report-self-service-by-flows")),
            Cell::tally(service.by_flows()),
        ],
        vec![
            Cell::text(book.label("report-self-service-rate")),
            Cell::ratio(service.rate),
        ],
    ]);
    let effort = book.effort;
    rows.extend([
        vec![
            Cell::text(book.label("report-effort-answers")),
            Cell::tally(i64::try_from(effort.answers()).unwrap_or(i64::MAX)),
        ],
        vec![
            Cell::text(book.label("report-effort-average")),
            Cell::rating(effort.average()),
        ],
        vec![
            Cell::text(book.label("report-effort-easy")),
            Cell::ratio(effort.easy_share()),
        ],
        vec![
            Cell::text(book.label("report-effort-not-solved")),
            Cell::tally(i64::try_from(effort.not_solved).unwrap_or(i64::MAX)),
        ],
    ]);
    Table {
        name: book.sheet_name(Sheet::Summary),
        headers: vec![book.label("report-metric"), book.label("report-value")],
        chart: ChartSpec {
            kind: ChartKind::Column,
            title: book.label("report-chart-summary"),
            category: 0,
            series: vec![1],
            // Created, taken, closed, still open: the first four stats rows.
            first_row: counts_from,
            last_row: counts_from + 3,
        },
        rows,
    }
}

fn agents(book: &ReportBook) -> Table {
    let rows: Vec<Vec<Cell>> = book
        .report
        .per_agent
        .iter()
        .map(|a| {
            let mut row = vec![Cell::text(book.agent_name(a.agent))];
            row.extend(stats_cells(&a.stats));
            row
        })
        .collect();
    let mut headers = vec![book.label("report-agent")];
    headers.extend(STATS_COLUMNS.iter().map(|k| book.label(k)));
    Table {
        name: book.sheet_name(Sheet::Agents),
        headers,
        // Taken and closed: the work each agent did in the period.
        chart: ChartSpec::over_all_rows(
            ChartKind::Column,
            book.label("report-chart-agents"),
            vec![2, 3],
            &rows,
        ),
        rows,
    }
}

fn topics(book: &ReportBook) -> Table {
    let created_total = book.report.totals.created;
    let rows: Vec<Vec<Cell>> = book
        .report
        .per_topic
        .iter()
        .map(|t| {
            let mut row = vec![Cell::text(book.topic_name(t.topic))];
            row.extend(stats_cells(&t.stats));
            row.push(Cell::fraction(t.stats.created, created_total));
            row
        })
        .collect();
    let mut headers = vec![book.label("report-topic")];
    headers.extend(STATS_COLUMNS.iter().map(|k| book.label(k)));
    headers.push(book.label("report-share-created"));
    Table {
        name: book.sheet_name(Sheet::Topics),
        headers,
        chart: ChartSpec::over_all_rows(
            ChartKind::Pie,
            book.label("report-chart-topics"),
            vec![1],
            &rows,
        ),
        rows,
    }
}

fn trend(book: &ReportBook) -> Table {
    let rows: Vec<Vec<Cell>> = book
        .report
        .trend
        .iter()
        .map(|p| {
            vec![
                Cell::text(p.date.to_string()),
                Cell::Count(p.created),
                Cell::Count(p.closed),
                Cell::minutes(p.median_first_reaction),
            ]
        })
        .collect();
    Table {
        name: book.sheet_name(Sheet::Trend),
        headers: vec![
            book.label("report-date"),
            book.label("report-created"),
            book.label("report-closed"),
            book.label("report-first-reaction-median"),
        ],
        chart: ChartSpec::over_all_rows(
            ChartKind::Line,
            book.label("report-chart-trend"),
            vec![1, 2],
            &rows,
        ),
        rows,
    }
}

/// Tickets created per local day, one column per topic (in the order of the Topics sheet).
/// A period without tickets has no topic lines; it gets the desk's own "Created" column, so
/// the chart still has a series to draw (a chart without one is not a valid workbook).
fn topic_trend(book: &ReportBook) -> Table {
    let lines = &book.report.per_topic_trend;
    let created_on = |day: usize| -> Vec<Cell> {
        if lines.is_empty() {
            return vec![Cell::Count(book.report.trend[day].created)];
        }
        lines
            .iter()
            .map(|line| Cell::Count(line.days.get(day).map_or(0, |d| d.created)))
            .collect()
    };
    let rows: Vec<Vec<Cell>> = book
        .report
        .trend
        .iter()
        .enumerate()
        .map(|(day, point)| {
            let mut row = vec![Cell::text(point.date.to_string())];
            row.extend(created_on(day));
            row
        })
        .collect();
    let mut headers = vec![book.label("report-date")];
    if lines.is_empty() {
        headers.push(book.label("report-created"));
    } else {
        headers.extend(lines.iter().map(|line| book.topic_name(line.topic)));
    }
    let columns = headers.len() - 1;
    Table {
        name: book.sheet_name(Sheet::TopicTrend),
        headers,
        chart: ChartSpec::over_all_rows(
            ChartKind::Line,
            book.label("report-chart-topic-trend"),
            (1..=columns).collect(),
            &rows,
        ),
        rows,
    }
}

fn complaints(book: &ReportBook) -> Table {
    let trend = book.complaints;
    let rows: Vec<Vec<Cell>> = book
        .report
        .trend
        .iter()
        .map(|point| {
            let mut row = vec![Cell::text(point.date.to_string())];
            let day = trend.days.iter().find(|d| d.date == point.date);
            if trend.categories.is_empty() {
                row.push(Cell::Count(0));
            }
            for i in 0..trend.categories.len() {
                let count = day.map_or(0, |d| d.counts[i]);
                row.push(Cell::Count(usize::try_from(count).unwrap_or(usize::MAX)));
            }
            row
        })
        .collect();
    let mut headers = vec![book.label("report-date")];
    if trend.categories.is_empty() {
        headers.push(book.label("report-complaints"));
    } else {
        headers.extend(trend.categories.iter().map(|c| book.category_name(c)));
    }
    let columns = headers.len() - 1;
    Table {
        name: book.sheet_name(Sheet::Complaints),
        headers,
        chart: ChartSpec::over_all_rows(
            ChartKind::Column,
            book.label("report-chart-complaints"),
            (1..=columns).collect(),
            &rows,
        ),
        rows,
    }
}

fn articles(book: &ReportBook) -> Table {
    let rows: Vec<Vec<Cell>> = book
        .self_service
        .articles
        .iter()
        .map(|a| {
            vec![
                Cell::text(a.title.clone()),
                Cell::tally(a.helped),
                Cell::tally(a.not_helped),
                Cell::ratio(a.helped_share()),
            ]
        })
        .collect();
    Table {
        name: book.sheet_name(Sheet::Articles),
        headers: vec![
            book.label("report-article"),
            book.label("report-helped"),
            book.label("report-not-helped"),
            book.label("report-helped-share"),
        ],
        chart: ChartSpec::over_all_rows(
            ChartKind::Column,
            book.label("report-chart-articles"),
            vec![1, 2],
            &rows,
        ),
        rows,
    }
}

fn flow_steps(book: &ReportBook) -> Table {
    let rows: Vec<Vec<Cell>> = book
        .self_service
        .steps
        .iter()
        .map(|s| {
            vec![
                Cell::text(s.step.clone()),
                Cell::tally(s.entered),
                Cell::tally(s.completed),
                Cell::tally(s.abandoned),
                Cell::tally(s.rejected),
                Cell::tally(s.self_served),
                Cell::ratio(s.completion()),
                Cell::ratio(s.abandonment()),
            ]
        })
        .collect();
    Table {
        name: book.sheet_name(Sheet::FlowSteps),
        headers: STEP_COLUMNS.iter().map(|k| book.label(k)).collect(),
        chart: ChartSpec::over_all_rows(
            ChartKind::Column,
            book.label("report-chart-flow-steps"),
            vec![1, 2, 3],
            &rows,
        ),
        rows,
    }
}

/// The flow steps' columns, shared with the console's reports page.
pub const STEP_COLUMNS: [&str; 8] = [
    "report-step",
    "report-step-entered",
    "report-step-completed",
    "report-step-abandoned",
    "report-step-rejected",
    "report-step-self-served",
    "report-step-completion",
    "report-step-abandonment",
];
