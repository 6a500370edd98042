//! `GET /reports?from=…&to=…`: the domain's desk report as JSON.

use axum::{Extension, Json};
use chrono::NaiveDate;
use serde::Deserialize;
use ticketgram_domain::metrics::SelfServiceReport;
use ticketgram_domain::{build_report, Report, ReportPeriod};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::rules::day;

/// A year and a day: enough for any yearly report, small enough to stay a quick query.
const MAX_DAYS: i64 = 367;

#[derive(Debug, Deserialize)]
pub(crate) struct PeriodQuery {
    pub(crate) from: String,
    pub(crate) to: String,
}

impl PeriodQuery {
    /// The first and last local day, in order, at most [`MAX_DAYS`] apart.
    pub(crate) fn days(&self) -> Result<(NaiveDate, NaiveDate), ApiError> {
        let (first, last) = (day(&self.from, "from")?, day(&self.to, "to")?);
        if last < first {
            return Err(ApiError::Invalid("to must not be before from".into()));
        }
        if (last - first).num_days() >= MAX_DAYS {
            return Err(ApiError::Invalid(format!(
                "a report covers at most {MAX_DAYS} days"
            )));
        }
        Ok((first, last))
    }
}

pub(crate) async fn report(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> Result<Json<Report>, ApiError> {
    let (first, last) = query.days()?;
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
        desk.sla_policy(),
    )))
}

/// `GET /reports/self-service`: what the help centre and the flows answered without an agent.
#[derive(Debug, serde::Serialize)]
pub(crate) struct SelfServiceView {
    from: String,
    to: String,
    #[serde(flatten)]
    figures: SelfServiceReport,
    by_articles: i64,
    by_flows: i64,
}

pub(crate) async fn self_service(
    Extension(caller): Extension<Caller>,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> Result<Json<SelfServiceView>, ApiError> {
    let (first, last) = query.days()?;
    let desk = caller.desk.current().await?;
    // The console's figures, gathered the same way (the rate needs the period's tickets).
    let report =
        ticketgram_relay::reporting::gather(&desk, first, last, desk.config.agent_language).await?;
    Ok(Json(SelfServiceView {
        from: first.to_string(),
        to: last.to_string(),
        by_articles: report.self_service.by_suggestions(),
        by_flows: report.self_service.by_flows(),
        figures: report.self_service,
    }))
}
