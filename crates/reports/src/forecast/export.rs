//! The forecast as files: an Excel workbook (the hours with a chart, and the assumptions) and
//! the hours as CSV. Both from one table, so they agree; labels from `reports.ftl`, numbers
//! rounded as the desk report rounds them (one decimal).

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};
use ticketgram_domain::Language;
use ticketgram_i18n::Translator;

use super::DeskForecast;
use crate::ReportError;

/// One row per forecast hour: date, hour, expected, band low, band high, open, agents.
struct HourRow {
    date: String,
    hour: String,
    expected: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    open: String,
    agents: u32,
}

const HEADERS: [&str; 7] = [
    "report-date",
    "forecast-hour",
    "forecast-expected",
    "forecast-lower",
    "forecast-upper",
    "forecast-open",
    "forecast-agents",
];

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn rows(forecast: &DeskForecast, label: &dyn Fn(&str) -> String) -> Vec<HourRow> {
    let (open, closed) = (label("forecast-open-yes"), label("forecast-open-no"));
    forecast
        .hours
        .iter()
        .map(|h| HourRow {
            date: h.local_time.format("%Y-%m-%d").to_string(),
            hour: h.local_time.format("%H:%M").to_string(),
            expected: round1(h.expected),
            lower: h.lower.map(round1),
            upper: h.upper.map(round1),
            open: if h.open { open.clone() } else { closed.clone() },
            agents: h.agents,
        })
        .collect()
}

/// `ticketgram-forecast-<first day>-<last day>.<extension>`, local days.
pub fn forecast_file_name(forecast: &DeskForecast, extension: &str) -> String {
    let day = |d: Option<&super::ForecastDay>| d.map_or("none".into(), |d| d.date.to_string());
    format!(
        "ticketgram-forecast-{}-{}.{}",
        day(forecast.days.first()),
        day(forecast.days.last()),
        extension.trim_start_matches('.')
    )
}

/// The hours as CSV: header row, then one row per hour (`\n` line ends, `.` decimals).
pub fn forecast_csv(
    forecast: &DeskForecast,
    language: Language,
    translator: &Translator,
) -> String {
    let label = |key: &str| translator.text(language, key, &[]);
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let number = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.1}"));
    out.write_record(HEADERS.map(label))
        .expect("writing CSV into memory cannot fail");
    for r in rows(forecast, &label) {
        out.write_record([
            r.date,
            r.hour,
            format!("{:.1}", r.expected),
            number(r.lower),
            number(r.upper),
            r.open,
            r.agents.to_string(),
        ])
        .expect("writing CSV into memory cannot fail");
    }
    let bytes = out
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

/// The workbook: the hours with a chart of expected tickets and agents, then the assumptions
/// and the back-test, so a file passed around still says what it rests on.
pub fn forecast_xlsx(
    forecast: &DeskForecast,
    desk_name: &str,
    language: Language,
    translator: &Translator,
) -> Result<Vec<u8>, ReportError> {
    let label = |key: &str| translator.text(language, key, &[]);
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap();
    let one_decimal = Format::new().set_num_format("0.0");

    let name = label("forecast-sheet-hours");
    let sheet = workbook.add_worksheet();
    sheet.set_name(&name)?;
    for (c, key) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, c, label(key), &header)?;
        sheet.set_column_width(c, 14)?;
    }
    let rows = rows(forecast, &label);
    for (r, row) in (1u32..).zip(&rows) {
        sheet.write_string(r, 0, &row.date)?;
        sheet.write_string(r, 1, &row.hour)?;
        sheet.write_number_with_format(r, 2, row.expected, &one_decimal)?;
        if let Some(lower) = row.lower {
            sheet.write_number_with_format(r, 3, lower, &one_decimal)?;
        }
        if let Some(upper) = row.upper {
            sheet.write_number_with_format(r, 4, upper, &one_decimal)?;
        }
        sheet.write_string(r, 5, &row.open)?;
        sheet.write_number(r, 6, row.agents)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = u32::try_from(rows.len().max(1)).unwrap_or(u32::MAX);
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name(label("forecast-chart").as_str());
    for column in [2u16, 6] {
        chart
            .add_series()
            .set_name((name.as_str(), 0, column))
            .set_categories((name.as_str(), 1, 1, last, 1))
            .set_values((name.as_str(), 1, column, last, column));
    }
    chart.set_width(800).set_height(360);
    sheet.insert_chart(1, 8, &chart)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(label("forecast-sheet-assumptions"))?;
    sheet.write_string_with_format(0, 0, label("report-metric"), &header)?;
    sheet.write_string_with_format(0, 1, label("report-value"), &header)?;
    sheet.set_column_width(0, 44)?;
    sheet.set_column_width(1, 18)?;
    let a = &forecast.assumptions;
    let percent = |x: Option<f64>| x.map(|x| round1(x * 100.0));
    let backtest = forecast.backtest.as_ref();
    let facts: [(&str, Option<f64>, Option<String>); 8] = [
        ("report-desk", None, Some(desk_name.to_string())),
        ("report-time-zone", None, Some(forecast.time_zone.clone())),
        (
            "forecast-handling-min",
            Some(round1(a.average_handling_secs / 60.0)),
            None,
        ),
        (
            "forecast-handling-measured-on",
            Some(a.handling_measured_on as f64),
            None,
        ),
        (
            "forecast-target-min",
            Some(round1(a.target_answer_secs / 60.0)),
            None,
        ),
        (
            "forecast-service-level",
            Some(round1(a.service_level * 100.0)),
            None,
        ),
        (
            "forecast-error-model",
            backtest.and_then(|b| percent(b.model_wape)),
            None,
        ),
        (
            "forecast-error-naive",
            backtest.and_then(|b| percent(b.seasonal_naive_wape)),
            None,
        ),
    ];
    for (r, (key, number, text)) in (1u32..).zip(facts) {
        sheet.write_string(r, 0, label(key))?;
        match (number, text) {
            (Some(n), _) => {
                sheet.write_number_with_format(r, 1, n, &one_decimal)?;
            }
            (None, Some(t)) => {
                sheet.write_string(r, 1, t)?;
            }
            // No back-test yet: empty, as the report leaves figures without samples empty.
            (None, None) => {}
        }
    }
    Ok(workbook.save_to_buffer()?)
}
