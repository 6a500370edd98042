//! The desk's forecast: tickets expected each hour of the next 14 local days and the agents
//! needed to give the first reply within the desk's target, with how wrong such a forecast
//! was on the last weeks. Pure: the caller reads [`DeskHistory`] from the store; the console
//! page, its export and the API all show this one [`DeskForecast`].
//!
//! docs/forecasting.md says what each number means.

mod desk_clock;
mod export;
mod handling;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use ticketgram_domain::{Priority, SlaTargets, Timestamp, WorkingHours};
use ticketgram_foresight::{
    backtest, forecast_volume, staffing_table, BacktestReport, BacktestSettings, ForecastSettings,
    ForesightError, Holiday, HolidayCalendar, HourCount, HourlySeries, StaffingTarget,
    VolumeForecast, FORECAST_HORIZON_HOURS, HOURS_PER_DAY,
};

use crate::ReportError;
use desk_clock::{hours_to_midnight, instant_of, local_hour, open_during_hour, utc_hour};
pub use export::{forecast_csv, forecast_file_name, forecast_xlsx};
pub use handling::ASSUMED_HANDLING;

/// Weeks of history the forecast reads: enough for the weekly pattern and a two-week
/// back-test, recent enough to follow the desk's level.
pub const HISTORY_WEEKS: i64 = 8;
/// Share of first replies that must meet the target: the usual 80 % of "80/20".
pub const SERVICE_LEVEL: f64 = 0.8;
/// Width of the forecast band.
pub const INTERVAL_LEVEL: f64 = 0.8;

/// What the store knows, as the forecast needs it.
#[derive(Debug, Clone, Default)]
pub struct DeskHistory {
    /// Tickets opened per UTC hour; hours without a ticket may be left out.
    pub opened: Vec<(Timestamp, i64)>,
    /// Where the history starts: the window's start, or the desk's first ticket when later
    /// (a new desk's history is as long as it has been taking tickets).
    pub start: Timestamp,
    /// First reply to resolution, per ticket resolved in the window.
    pub handling_times: Vec<Duration>,
}

impl DeskHistory {
    /// The history read over `window` (see [`history_window`]): it starts at the window's
    /// start, or at the desk's first ticket ever when that is later.
    pub fn new(
        opened: impl IntoIterator<Item = (Timestamp, i64)>,
        first_ticket_at: Option<Timestamp>,
        window: (Timestamp, Timestamp),
        handling_times: Vec<Duration>,
    ) -> DeskHistory {
        let (since, until) = window;
        DeskHistory {
            opened: opened.into_iter().collect(),
            start: first_ticket_at.map_or(until, |first| first.max(since)),
            handling_times,
        }
    }
}

/// The window to read for a forecast made at `now`: [`HISTORY_WEEKS`] up to the current hour
/// (left out: its count is still growing and would look like a drop).
pub fn history_window(now: Timestamp) -> (Timestamp, Timestamp) {
    let until = utc_hour(now);
    (until - Duration::weeks(HISTORY_WEEKS), until)
}

/// What the staffing table assumes, shown next to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumptions {
    /// Median first-reply-to-resolution time, in seconds (see `handling.rs`).
    pub average_handling_secs: f64,
    /// Resolved tickets it was measured on; 0: none yet, [`ASSUMED_HANDLING`] is used.
    pub handling_measured_on: usize,
    /// The first-reply target of normal-priority tickets, in seconds.
    pub target_answer_secs: f64,
    /// The desk has no first-reply target: the built-in default is used.
    pub target_is_default: bool,
    /// Share of first replies within the target.
    pub service_level: f64,
}

/// How the forecasting method did on the last weeks, against "same hour last week".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestSummary {
    /// Σ|actual − forecast| / Σ actual (0.17 = 17 %); `None` when no ticket arrived.
    pub model_wape: Option<f64>,
    pub seasonal_naive_wape: Option<f64>,
    /// Mean absolute error, tickets per hour.
    pub model_mae: f64,
    pub seasonal_naive_mae: f64,
    pub model_beats_seasonal_naive: bool,
    /// Hours compared.
    pub hours: usize,
}

impl From<&BacktestReport> for BacktestSummary {
    fn from(r: &BacktestReport) -> Self {
        BacktestSummary {
            model_wape: r.model.wape,
            seasonal_naive_wape: r.seasonal_naive.wape,
            model_mae: r.model.mae,
            seasonal_naive_mae: r.seasonal_naive.mae,
            model_beats_seasonal_naive: r.model_beats_seasonal_naive,
            hours: r.model.hours,
        }
    }
}

/// One forecast hour in the desk's time zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedHour {
    /// The local wall-clock hour it starts at.
    pub local_time: NaiveDateTime,
    /// The instant it starts; `None` for the hour skipped when clocks go forward.
    pub starts_at: Option<Timestamp>,
    /// Expected tickets opened in the hour, and the band around it.
    pub expected: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// The desk works during (part of) this hour.
    pub open: bool,
    /// Agents answering tickets that hour to meet the target; 0 when closed.
    pub agents: u32,
    /// The holiday multiplier applied, when the day is one of the desk's holidays.
    pub holiday_multiplier: Option<f64>,
}

/// One local day of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastDay {
    pub date: NaiveDate,
    pub expected: f64,
    /// The most agents any hour of the day needs.
    pub peak_agents: u32,
    /// Agent-hours the day needs (the sum over its hours).
    pub agent_hours: u32,
}

/// The page, the export and the API answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeskForecast {
    /// IANA name of the desk's zone: the days and hours below are its local ones.
    pub time_zone: String,
    /// Hours of history the forecast was made from.
    pub history_hours: usize,
    /// Days of history still missing before there is any forecast (under two days).
    pub forecast_needs_more_days: Option<u32>,
    /// Days of history still missing before the back-test can run (under three weeks).
    pub backtest_needs_more_days: Option<u32>,
    pub backtest: Option<BacktestSummary>,
    pub assumptions: Assumptions,
    /// Width of the band of each hour.
    pub interval_level: f64,
    /// The 14 days, whole local days from the next midnight.
    pub days: Vec<ForecastDay>,
    /// Their hours, in order (336).
    pub hours: Vec<PlannedHour>,
}

/// Whole days still missing, rounded up.
fn days_missing(have: usize, need: usize) -> u32 {
    u32::try_from(need.saturating_sub(have).div_ceil(HOURS_PER_DAY)).unwrap_or(u32::MAX)
}

/// The desk's holidays (local dates, closed all day) as the model's calendar; the ratio is
/// learned from the ones already in the history.
fn calendar(hours: &WorkingHours) -> Result<HolidayCalendar, ForesightError> {
    HolidayCalendar::new(
        hours
            .holidays
            .iter()
            .map(|&date| Holiday {
                date,
                name: date.to_string(),
                multiplier: None,
            })
            .collect(),
    )
}

fn assumptions(history: &DeskHistory, sla: &SlaTargets) -> Assumptions {
    let (handling, measured) = handling::handling_time(&history.handling_times);
    // Normal tickets are most of a desk's; a desk that set no target for them is planned
    // with its tightest target, and one with none at all with the built-in default.
    let set = sla.first_response(Priority::Normal).or_else(|| {
        Priority::ALL
            .iter()
            .filter_map(|&p| sla.first_response(p))
            .min()
    });
    let default = SlaTargets::default().first_response(Priority::Normal);
    let target = set.or(default).unwrap_or(Duration::hours(4));
    Assumptions {
        average_handling_secs: handling.num_milliseconds() as f64 / 1000.0,
        handling_measured_on: measured,
        target_answer_secs: target.num_milliseconds() as f64 / 1000.0,
        target_is_default: set.is_none(),
        service_level: SERVICE_LEVEL,
    }
}

/// The forecast made at `now` from `history`, with the desk's hours and targets.
pub fn desk_forecast(
    history: &DeskHistory,
    now: Timestamp,
    hours: &WorkingHours,
    sla: &SlaTargets,
) -> Result<DeskForecast, ReportError> {
    let zone = hours.time_zone;
    let end = local_hour(zone, utc_hour(now));
    let mut rows: Vec<HourCount> = history
        .opened
        .iter()
        .map(|&(hour, tickets)| HourCount {
            hour: local_hour(zone, hour),
            count: tickets as f64,
        })
        .collect();
    if history.start < utc_hour(now) {
        // Anchors the series where the history starts, quiet hours included.
        rows.push(HourCount {
            hour: local_hour(zone, history.start),
            count: 0.0,
        });
    }
    let series = HourlySeries::from_hour_counts(&rows, end)?;
    let calendar = calendar(hours)?;
    let assumptions = assumptions(history, sla);
    let mut answer = DeskForecast {
        time_zone: zone.name().to_string(),
        history_hours: series.len(),
        forecast_needs_more_days: None,
        backtest_needs_more_days: None,
        backtest: None,
        assumptions,
        interval_level: INTERVAL_LEVEL,
        days: Vec::new(),
        hours: Vec::new(),
    };

    match backtest(&series, &calendar, &BacktestSettings::default()) {
        Ok(report) => answer.backtest = Some(BacktestSummary::from(&report)),
        Err(ForesightError::HistoryTooShort { have, need }) => {
            answer.backtest_needs_more_days = Some(days_missing(have, need))
        }
        Err(e) => return Err(e.into()),
    }
    let skip = hours_to_midnight(end);
    let settings = ForecastSettings {
        horizon_hours: skip + FORECAST_HORIZON_HOURS,
        interval_level: Some(INTERVAL_LEVEL),
    };
    let forecast = match forecast_volume(&series, &calendar, &settings) {
        Ok(forecast) => forecast,
        Err(ForesightError::HistoryTooShort { have, need }) => {
            answer.forecast_needs_more_days = Some(days_missing(have, need));
            return Ok(answer);
        }
        Err(e) => return Err(e.into()),
    };
    answer.hours = staffed_hours(&forecast, skip, hours, &answer.assumptions)?;
    answer.days = days(&answer.hours);
    Ok(answer)
}

/// Erlang C on each hour after the first `skip`; nobody is staffed while the desk is closed
/// (tickets that arrive then wait for the opening).
fn staffed_hours(
    forecast: &VolumeForecast,
    skip: usize,
    hours: &WorkingHours,
    assumptions: &Assumptions,
) -> Result<Vec<PlannedHour>, ReportError> {
    let target = StaffingTarget {
        average_handling_secs: assumptions.average_handling_secs,
        target_answer_secs: assumptions.target_answer_secs,
        service_level: assumptions.service_level,
        max_occupancy: None,
        shrinkage: 0.0,
    };
    let table = staffing_table(forecast, &target)?;
    Ok(forecast
        .hours
        .iter()
        .zip(table)
        .skip(skip)
        .map(|(hour, staffed)| {
            let local_time = hour.hour.naive_utc();
            let starts_at = instant_of(hours.time_zone, local_time);
            let open = open_during_hour(hours, starts_at);
            PlannedHour {
                local_time,
                starts_at,
                expected: hour.expected,
                lower: hour.lower,
                upper: hour.upper,
                open,
                agents: if open { staffed.need.agents } else { 0 },
                holiday_multiplier: hour.holiday_multiplier,
            }
        })
        .collect())
}

fn days(hours: &[PlannedHour]) -> Vec<ForecastDay> {
    let mut days: BTreeMap<NaiveDate, ForecastDay> = BTreeMap::new();
    for hour in hours {
        let date = hour.local_time.date();
        let day = days.entry(date).or_insert(ForecastDay {
            date,
            expected: 0.0,
            peak_agents: 0,
            agent_hours: 0,
        });
        day.expected += hour.expected;
        day.peak_agents = day.peak_agents.max(hour.agents);
        day.agent_hours += hour.agents;
    }
    days.into_values().collect()
}

impl DeskForecast {
    /// The hour of `date` starting at `hour` o'clock, local time.
    pub fn hour_at(&self, date: NaiveDate, hour: u32) -> Option<&PlannedHour> {
        self.hours
            .iter()
            .find(|h| h.local_time.date() == date && h.local_time.hour() == hour)
    }
}

#[cfg(test)]
mod tests;
