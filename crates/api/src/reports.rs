//! `GET /reports?from=…&to=…`: the domain's desk report as JSON.

use axum::{Extension, Json};
use serde::Deserialize;
use ticketgram_domain::{build_report, Report, ReportPeriod};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::rules::day;

/// A year and a day: enough for any yearly report, small enough to stay a quick query.
const MAX_DAYS: i64 = 367;

#[derive(Debug, Deserialize)]
pub(crate) struct PeriodQuery {
    from: String,
    to: String,
}

pub(crate) async fn report(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> Result<Json<Report>, ApiError> {
    let (first, last) = (day(&query.from, "from")?, day(&query.to, "to")?);
    if last < first {
        return Err(ApiError::Invalid("to must not be before from".into()));
    }
    if (last - first).num_days() >= MAX_DAYS {
        return Err(ApiError::Invalid(format!(
            "a report covers at most {MAX_DAYS} days"
        )));
    }
    // The desk as configured now: working hours set in the settings bot (a Tokyo desk) lay
    // over the instance's settings, so the days are the team's local days.
    let desk = caller.desk.current().await?;
    let config = &desk.config;
    let period = ReportPeriod::local_days(&config.hours, first, last);
    let facts = desk.store.report_facts(caller.ws(), &period).await?;
    Ok(Json(build_report(
        &facts,
        period,
        &config.hours,
        &config.sla,
    )))
}
