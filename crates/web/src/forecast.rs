//! The forecast page (Reports → Forecast): tickets expected over the next 14 local days, the
//! agents each hour needs to keep the first-reply target, how wrong such a forecast was
//! lately, and what it assumes; the same hours as XLSX or CSV. Numbers from
//! `ticketgram_reports::forecast`; charts are server-rendered SVG like the reports page.

use crate::auth::{AdminUser, RequireRole};
use crate::error::WebError;
use crate::layout;
use crate::reports::download;
use crate::words::Words;
use crate::WebState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use maud::{html, Markup, PreEscaped};
use ticketgram_i18n::Arg;
use ticketgram_relay::forecast::ForecastError;
use ticketgram_relay::Desk;
use ticketgram_reports::forecast::{forecast_csv, forecast_file_name, forecast_xlsx, DeskForecast};

/// The forecast as of now (the same numbers the API serves).
pub(crate) async fn forecast_now(desk: &Desk) -> Result<DeskForecast, WebError> {
    ticketgram_relay::forecast::forecast_now(desk)
        .await
        .map_err(|e| match e {
            ForecastError::Store(e) => e.into(),
            ForecastError::Model(_) => WebError::Internal(e.to_string()),
        })
}

/// "Mon 03-09": the weekday in the reader's language, then the date.
fn day_label(words: &Words, date: chrono::NaiveDate) -> String {
    use chrono::Weekday::*;
    let key = match date.weekday() {
        Mon => "web-weekday-mon",
        Tue => "web-weekday-tue",
        Wed => "web-weekday-wed",
        Thu => "web-weekday-thu",
        Fri => "web-weekday-fri",
        Sat => "web-weekday-sat",
        Sun => "web-weekday-sun",
    };
    format!("{} {}", words.t(key), date.format("%m-%d"))
}

fn percent(ratio: Option<f64>) -> String {
    ratio.map_or("—".into(), |r| format!("{:.0}", r * 100.0))
}

fn minutes(secs: f64) -> String {
    let minutes = secs / 60.0;
    if (minutes - minutes.round()).abs() < 0.05 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}

/// "Typical error 17 % (same-hour-last-week guess: 22 %)", or why there is none yet.
fn error_sentence(words: &Words, f: &DeskForecast) -> Markup {
    match (&f.backtest, f.backtest_needs_more_days) {
        (Some(b), _) if b.model_wape.is_some() => html! {
            p #backtest {
                (words.with("web-forecast-error", &[
                    ("model", percent(b.model_wape).into()),
                    ("naive", percent(b.seasonal_naive_wape).into()),
                ]))
                @if !b.model_beats_seasonal_naive { " " strong { (words.t("web-forecast-error-worse")) } }
            }
        },
        (Some(_), _) => html! { p #backtest { (words.t("web-forecast-error-none")) } },
        (None, Some(days)) => html! {
            p #backtest { (words.with("web-forecast-error-needs-days", &[("days", i64::from(days).into())])) }
        },
        (None, None) => html! {},
    }
}

/// Expected tickets per day as columns, and per hour as a line inside its 80 % band.
fn charts(words: &Words, f: &DeskForecast) -> Markup {
    let escape = |text: String| maud::html! { (text) }.into_string();
    let (width, height) = (640.0_f64, 160.0_f64);
    let max_day = f.days.iter().map(|d| d.expected).fold(1.0, f64::max);
    let slot = width / f.days.len().max(1) as f64;
    let mut days = format!(
        "<svg id=\"forecast-days\" viewBox=\"0 0 {width} {}\" role=\"img\" aria-label=\"{}\" class=\"chart\">",
        height + 20.0,
        escape(words.t("web-forecast-days-label")),
    );
    for (i, day) in f.days.iter().enumerate() {
        let h = day.expected / max_day * height;
        let x = i as f64 * slot + slot * 0.15;
        days.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#2455c3\"><title>{}: {:.0}</title></rect><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            height - h,
            slot * 0.7,
            day.date,
            day.expected,
            height + 14.0,
            day.date.format("%m-%d"),
        ));
    }
    days.push_str("</svg>");

    let max_hour = f
        .hours
        .iter()
        .map(|h| h.upper.unwrap_or(h.expected))
        .fold(1.0, f64::max);
    let step = width / f.hours.len().max(1) as f64;
    let point = |i: usize, v: f64| {
        format!(
            "{:.1},{:.1}",
            i as f64 * step,
            height - v / max_hour * height
        )
    };
    let line: Vec<String> = f
        .hours
        .iter()
        .enumerate()
        .map(|(i, h)| point(i, h.expected))
        .collect();
    let band: Vec<String> = f
        .hours
        .iter()
        .enumerate()
        .map(|(i, h)| point(i, h.upper.unwrap_or(h.expected)))
        .chain(
            f.hours
                .iter()
                .enumerate()
                .rev()
                .map(|(i, h)| point(i, h.lower.unwrap_or(h.expected))),
        )
        .collect();
    let hours = format!(
        "<svg id=\"forecast-hours\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" class=\"chart\"><polygon points=\"{}\" fill=\"#c7d4f3\"/><polyline points=\"{}\" fill=\"none\" stroke=\"#2455c3\" stroke-width=\"1\"/></svg>",
        escape(words.t("web-forecast-hours-label")),
        band.join(" "),
        line.join(" "),
    );
    html! {
        figure.box { (PreEscaped(days)) figcaption.muted { (words.t("web-forecast-days-label")) } }
        figure.box { (PreEscaped(hours)) figcaption.muted { (words.t("web-forecast-hours-label")) } }
    }
}

/// Days down, hours across: agents needed, "–" while the desk is closed.
fn staffing_grid(words: &Words, f: &DeskForecast) -> Markup {
    html! {
        table #staffing {
            thead { tr { th { (words.t("web-forecast-day")) } @for hour in 0..24u32 { th { (format!("{hour:02}")) } } } }
            tbody {
                @for day in &f.days {
                    tr {
                        th { (day_label(words, day.date)) }
                        @for hour in 0..24u32 {
                            @match f.hour_at(day.date, hour) {
                                Some(h) if h.open => td title=(format!("{:.1}", h.expected)) { (h.agents) },
                                Some(h) => td.off title=(format!("{:.1}", h.expected)) { "–" },
                                None => td { "" },
                            }
                        }
                    }
                }
            }
        }
        p.muted { (words.t("web-forecast-staffing-note")) }
    }
}

fn assumptions(words: &Words, f: &DeskForecast) -> Markup {
    let a = &f.assumptions;
    let handling = if a.handling_measured_on > 0 {
        words.with(
            "web-forecast-handling",
            &[
                ("minutes", minutes(a.average_handling_secs).into()),
                ("tickets", (a.handling_measured_on as i64).into()),
            ],
        )
    } else {
        words.with(
            "web-forecast-handling-assumed",
            &[("minutes", minutes(a.average_handling_secs).into())],
        )
    };
    let target_args: [(&str, Arg); 2] = [
        ("minutes", minutes(a.target_answer_secs).into()),
        ("percent", percent(Some(a.service_level)).into()),
    ];
    let target = if a.target_is_default {
        words.with("web-forecast-target-default", &target_args)
    } else {
        words.with("web-forecast-target", &target_args)
    };
    html! {
        h2 { (words.t("web-forecast-assumptions")) }
        ul #assumptions { li { (handling) } li { (target) } li { (words.t("web-forecast-method")) } }
    }
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let f = forecast_now(&desk).await?;
    let title = words.t("web-forecast-title");
    let history_days = i64::try_from(f.history_hours / 24).unwrap_or(i64::MAX);
    let body = html! {
        h1 { (title) }
        p.muted { (words.with("web-forecast-zone", &[("zone", f.time_zone.clone().into()), ("days", history_days.into())])) }
        @if let Some(days) = f.forecast_needs_more_days {
            p #needs-history { (words.with("web-forecast-needs-days", &[("days", i64::from(days).into())])) }
        } @else {
            (error_sentence(&words, &f))
            form.filters {
                a href="/reports/forecast.xlsx" { (words.t("web-reports-export-xlsx")) }
                a href="/reports/forecast.csv" { (words.t("web-reports-export-csv")) }
            }
            h2 { (words.t("web-forecast-days")) }
            (charts(&words, &f))
            table #forecast-days-table {
                thead { tr {
                    th { (words.t("web-forecast-day")) } th { (words.t("forecast-expected")) }
                    th { (words.t("web-forecast-peak-agents")) } th { (words.t("web-forecast-agent-hours")) }
                } }
                tbody { @for day in &f.days { tr {
                    th { (day_label(&words, day.date)) } td { (format!("{:.0}", day.expected)) }
                    td { (day.peak_agents) } td { (day.agent_hours) }
                } } }
            }
            h2 { (words.t("web-forecast-staffing")) }
            (staffing_grid(&words, &f))
        }
        (assumptions(&words, &f))
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

pub async fn export_xlsx(
    State(state): State<WebState>,
    RequireRole(_signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let f = forecast_now(&desk).await?;
    let desk_name = desk.store.get_workspace(desk.ws()).await?.name;
    let bytes = forecast_xlsx(&f, &desk_name, words.language, &desk.t)
        .map_err(|e| WebError::Internal(format!("building the forecast workbook: {e}")))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &forecast_file_name(&f, "xlsx"),
        bytes,
    ))
}

pub async fn export_csv(
    State(state): State<WebState>,
    RequireRole(_signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let f = forecast_now(&desk).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &forecast_file_name(&f, "csv"),
        forecast_csv(&f, words.language, &desk.t).into_bytes(),
    ))
}
