//! The reports page: the numbers of the Excel report, as tables and server-rendered SVG
//! charts, for a date range; and the same report as XLSX or CSV.

use crate::auth::{AdminUser, RequireRole};
use crate::error::WebError;
use crate::layout;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped};
use ticketgram_domain::complaint::{ComplaintCategory, ComplaintTrend};
use ticketgram_domain::metrics::{DurationStats, SelfServiceReport, Stats};
use ticketgram_domain::{AgentId, Language, Report, TopicId};
use ticketgram_relay::reporting::DeskReport;
use ticketgram_relay::Desk;

#[derive(Debug, Default, serde::Deserialize)]
pub struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl Range {
    /// The chosen local days, by default the last `default_days` days up to today.
    pub(crate) fn days(
        &self,
        today: NaiveDate,
        default_days: i64,
    ) -> Result<(NaiveDate, NaiveDate), WebError> {
        let parse = |s: &str, default: NaiveDate| match s.trim() {
            "" => Ok(default),
            s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| WebError::bad("web-error-not-a-date")),
        };
        let to = parse(&self.to, today)?;
        let from = parse(&self.from, to - chrono::Duration::days(default_days - 1))?;
        if from > to || (to - from).num_days() > 366 {
            return Err(WebError::bad("web-error-report-range"));
        }
        Ok((from, to))
    }
}

/// The report of `range` in the desk's days; topic names in `lang`.
async fn build(desk: &Desk, range: &Range, lang: Language) -> Result<DeskReport, WebError> {
    let today = chrono::Utc::now()
        .with_timezone(&desk.config.hours.time_zone)
        .date_naive();
    let (from, to) = range.days(today, 7)?;
    Ok(ticketgram_relay::reporting::gather(desk, from, to, lang).await?)
}

/// Working-time minutes with one decimal, as in the workbook (the column says "min").
fn minutes(d: &DurationStats) -> String {
    d.median.map_or("—".into(), |m| {
        format!("{:.1}", m.num_seconds() as f64 / 60.0)
    })
}

fn share(d: &DurationStats) -> String {
    d.within_target
        .ratio
        .map_or("—".into(), |r| format!("{:.1}%", r * 100.0))
}

fn stats_row(label: &str, s: &Stats) -> Markup {
    html! {
        tr {
            th { (label) } td { (s.created) } td { (s.taken) } td { (s.closed) } td { (s.still_open) }
            td { (minutes(&s.first_reaction)) } td { (share(&s.first_reaction)) }
            td { (minutes(&s.next_reply)) } td { (share(&s.next_reply)) }
            td { (minutes(&s.resolution)) } td { (share(&s.resolution)) }
            td { (s.rating.average.map_or("—".into(), |a| format!("{a:.2}"))) " (" (s.rating.count) ")" }
        }
    }
}

/// The column headers are the workbook's (`reports.ftl`), so the page and the files agree.
fn stats_head(words: &Words, first: &str) -> Markup {
    html! { thead { tr {
        th { (first) } th { (words.t("report-created")) } th { (words.t("report-taken")) }
        th { (words.t("report-closed")) } th { (words.t("report-still-open")) }
        th { (words.t("report-first-reaction-median")) } th { (words.t("report-first-reaction-within")) }
        th { (words.t("report-next-reply-median")) } th { (words.t("report-next-reply-within")) }
        th { (words.t("report-resolution-median")) } th { (words.t("report-resolution-within")) }
        th { (words.t("report-rating-average")) }
    } } }
}

/// Opened and closed per day as bars: plain SVG, no script.
fn trend_chart(words: &Words, report: &Report) -> Markup {
    let days = &report.trend;
    let width = 640.0_f64;
    let height = 180.0_f64;
    let max = days
        .iter()
        .map(|d| d.created.max(d.closed))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = width / days.len().max(1) as f64;
    let bar = (slot / 2.5).max(1.0);
    // Translations are text: escaped before they go into the hand-written SVG.
    let escape = |text: String| maud::html! { (text) }.into_string();
    let opened = escape(words.t("web-reports-opened"));
    let closed = escape(words.t("web-reports-closed"));
    let mut svg = format!(
        "<svg id=\"trend\" viewBox=\"0 0 {width} {}\" role=\"img\" aria-label=\"{}\" class=\"chart\">",
        height + 20.0,
        escape(words.t("web-reports-trend-label")),
    );
    for (i, day) in days.iter().enumerate() {
        let x = i as f64 * slot + slot * 0.1;
        for (j, (value, color)) in [(day.created, "#2455c3"), (day.closed, "#16a34a")]
            .into_iter()
            .enumerate()
        {
            let h = value as f64 / max * height;
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{} {}: {value}</title></rect>",
                x + j as f64 * bar,
                height - h,
                day.date,
                if j == 0 { &opened } else { &closed },
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            height + 14.0,
            day.date.format("%m-%d")
        ));
    }
    svg.push_str("</svg>");
    html! {
        figure.box {
            (PreEscaped(svg))
            figcaption.muted {
                span.opened { "■ " (words.t("web-reports-opened")) } " "
                span.closed { "■ " (words.t("web-reports-closed")) }
            }
        }
    }
}

/// One horizontal bar per row (agents, topics): tickets closed.
fn bars(id: &str, rows: &[(String, usize)]) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let line = 22.0;
    let mut svg = format!(
        "<svg id=\"{id}\" viewBox=\"0 0 640 {}\" class=\"chart\">",
        line * rows.len().max(1) as f64
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let w = *value as f64 / max * 400.0;
        let y = i as f64 * line;
        let label = maud::html! { (label) }.into_string();
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\">{label}</text><rect x=\"180\" y=\"{:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"#2455c3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{value}</text>",
            y + 14.0,
            y + 3.0,
            186.0 + w,
            y + 14.0
        ));
    }
    svg.push_str("</svg>");
    html! { (PreEscaped(svg)) }
}

fn percent(ratio: Option<f64>) -> String {
    ratio.map_or("—".into(), |r| format!("{:.1}%", r * 100.0))
}

/// What the help centre and the flows answered: totals, per article, per flow step. Article
/// titles and step ids were typed by agents, so they are escaped like everything else.
fn self_service(words: &Words, s: &SelfServiceReport) -> Markup {
    let helped: Vec<(String, usize)> = s
        .articles
        .iter()
        .map(|a| (a.title.clone(), usize::try_from(a.helped).unwrap_or(0)))
        .collect();
    html! {
        h2 #self-service { (words.t("web-reports-self-service")) }
        @if s.articles.is_empty() && s.steps.is_empty() {
            p.muted { (words.t("web-reports-self-service-none")) }
        }
        table #self-service-totals { tbody {
            tr { th { (words.t("report-self-service-resolutions")) } td { (s.resolutions) } }
            tr { th { (words.t("report-self-service-by-articles")) } td { (s.by_suggestions()) } }
            tr { th { (words.t("report-self-service-by-flows")) } td { (s.by_flows()) } }
            tr { th { (words.t("report-self-service-rate")) } td { (percent(s.rate)) } }
        } }
        @if !s.articles.is_empty() {
            h3 { (words.t("report-sheet-articles")) }
            (bars("articles-helped", &helped))
            table #articles { thead { tr {
                th { (words.t("report-article")) } th { (words.t("report-helped")) }
                th { (words.t("report-not-helped")) } th { (words.t("report-helped-share")) }
            } } tbody { @for a in &s.articles { tr {
                th { (a.title) } td { (a.helped) } td { (a.not_helped) } td { (percent(a.helped_share())) }
            } } } }
        }
        @if !s.steps.is_empty() {
            h3 { (words.t("report-sheet-flow-steps")) }
            table #flow-steps {
                thead { tr { @for key in ticketgram_reports::STEP_COLUMNS { th { (words.t(key)) } } } }
                tbody { @for step in &s.steps { tr {
                    th { code { (step.step) } } td { (step.entered) } td { (step.completed) }
                    td { (step.abandoned) } td { (step.rejected) } td { (step.self_served) }
                    td { (percent(step.completion())) } td { (percent(step.abandonment())) }
                } } }
            }
        }
    }
}

/// The follow-up's answers: Customer Effort Score average, share of easy answers, the
/// distribution, and how many said the issue was not really solved.
fn effort(words: &Words, e: &ticketgram_domain::follow_up::EffortSummary) -> Markup {
    let rows: Vec<(String, usize)> = (1..=7)
        .map(|score| {
            let count = usize::try_from(e.by_score[score - 1]).unwrap_or(0);
            (score.to_string(), count)
        })
        .collect();
    html! {
        h2 #effort { (words.t("web-reports-effort")) }
        @if e.answers() == 0 {
            p.muted { (words.t("web-reports-effort-none")) }
        } @else {
            table #effort-totals { tbody {
                tr { th { (words.t("web-reports-effort-answers")) } td { (e.answers()) } }
                tr { th { (words.t("web-reports-effort-average")) } td { (e.average().map_or("—".into(), |a| format!("{a:.2}"))) } }
                tr { th { (words.t("web-reports-effort-easy")) } td { (percent(e.easy_share())) } }
                tr { th { (words.t("web-reports-effort-not-solved")) } td { (e.not_solved) } }
            } }
            (bars("effort-scores", &rows))
        }
    }
}

/// Complaints per category over the period, with the last week against the one before, and
/// a bar per category (docs/complaints.md).
fn complaints(desk: &ticketgram_relay::Desk, words: &Words, trend: &ComplaintTrend) -> Markup {
    let lang = words.language;
    let name = |slug: &str| match ComplaintCategory::parse(slug) {
        Some(c) => ticketgram_relay::actions::complaint::category_label(desk, lang, &c),
        None => slug.to_string(),
    };
    let totals = trend.totals();
    let changes = trend.week_over_week();
    let rows: Vec<(String, usize)> = trend
        .categories
        .iter()
        .zip(&totals)
        .map(|(c, n)| (name(c), usize::try_from(*n).unwrap_or(usize::MAX)))
        .collect();
    html! {
        h2 #complaints { (words.t("report-sheet-complaints")) }
        @if trend.categories.is_empty() {
            p.muted { (words.t("web-reports-complaints-none")) }
        } @else {
            (bars("complaint-categories", &rows))
            table #complaint-trend {
                thead { tr {
                    th { (words.t("web-complaint-category")) } th { (words.t("web-reports-complaints-total")) }
                    th { (words.t("web-reports-complaints-change")) }
                } }
                tbody { @for ((category, total), change) in trend.categories.iter().zip(&totals).zip(&changes) {
                    tr {
                        td { (name(category)) } td { (total) }
                        td { (change.map_or("—".to_string(), |c| format!("{:+.0}%", (c - 1.0) * 100.0))) }
                    }
                } }
            }
        }
    }
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Query(range): Query<Range>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let built = build(&desk, &range, words.language).await?;
    let r = &built.report;
    let agent_name = |a: Option<AgentId>| match a {
        Some(id) => built
            .agent_names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}")),
        None => words.t("report-unassigned"),
    };
    let topic_name = |t: Option<TopicId>| match t {
        Some(id) => built
            .topic_names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}")),
        None => words.t("report-no-topic"),
    };
    let query = format!("from={}&to={}", built.first, built.last);
    let agent_bars: Vec<(String, usize)> = r
        .per_agent
        .iter()
        .map(|a| (agent_name(a.agent), a.stats.closed))
        .collect();
    let topic_bars: Vec<(String, usize)> = r
        .per_topic
        .iter()
        .map(|t| (topic_name(t.topic), t.stats.created))
        .collect();
    let title = words.t("web-nav-reports");
    let zone = words.with("web-reports-zone", &[("zone", r.time_zone.clone().into())]);
    let body = html! {
        h1 { (title) }
        form.filters method="get" action="/reports" {
            label { (words.t("web-reports-from")) " " input type="date" name="from" value=(built.first); }
            label { (words.t("web-reports-to")) " " input type="date" name="to" value=(built.last); }
            button { (words.t("web-reports-show")) }
            a href={ "/reports/export.xlsx?" (query) } { (words.t("web-reports-export-xlsx")) }
            a href={ "/reports/export.csv?" (query) } { (words.t("web-reports-export-csv")) }
            a href="/reports/forecast" { (words.t("web-reports-forecast-link")) }
        }
        p.muted { (zone) }
        table #totals { (stats_head(&words, "")) tbody { (stats_row(&built.desk_name, &r.totals)) } }
        h2 { (words.t("report-sheet-trend")) }
        (trend_chart(&words, r))
        h2 { (words.t("web-reports-per-agent")) }
        (bars("per-agent", &agent_bars))
        table { (stats_head(&words, &words.t("report-agent"))) tbody { @for a in &r.per_agent { (stats_row(&agent_name(a.agent), &a.stats)) } } }
        h2 { (words.t("web-reports-per-topic")) }
        (bars("per-topic", &topic_bars))
        table { (stats_head(&words, &words.t("report-topic"))) tbody { @for t in &r.per_topic { (stats_row(&topic_name(t.topic), &t.stats)) } } }
        (self_service(&words, &built.self_service))
        (effort(&words, &built.effort))
        (complaints(&desk, &words, &built.complaints))
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

pub async fn export_csv(
    State(state): State<WebState>,
    RequireRole(_signed, _): AdminUser,
    words: Words,
    Query(range): Query<Range>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let built = build(&desk, &range, words.language).await?;
    let book = built.book(words.language, &desk.t);
    let name = ticketgram_reports::file_name(&book, "csv");
    Ok(download(
        "text/csv; charset=utf-8",
        &name,
        ticketgram_reports::csv_all(&book).into_bytes(),
    ))
}

pub async fn export_xlsx(
    State(state): State<WebState>,
    RequireRole(_signed, _): AdminUser,
    words: Words,
    Query(range): Query<Range>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let built = build(&desk, &range, words.language).await?;
    let book = built.book(words.language, &desk.t);
    let name = ticketgram_reports::file_name(&book, "xlsx");
    let bytes = ticketgram_reports::xlsx(&book)
        .map_err(|e| WebError::Internal(format!("building the workbook: {e}")))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &name,
        bytes,
    ))
}

pub(crate) fn download(mime: &str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
