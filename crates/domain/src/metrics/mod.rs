//! Report maths: what the weekly Excel file, the CSV export, the charts and the REST API show.
//!
//! Input is plain [`TicketFacts`] rows, output plain serialisable structs; every wait is
//! measured in the desk's working time (see [`crate::sla`]), so a ticket that arrived on
//! Friday evening does not make Monday's agent look slow.

mod facts;
mod percentile;
mod report;
mod self_service;
mod stats;
mod trend;

#[cfg(test)]
mod tests;

pub use facts::TicketFacts;
pub use percentile::nearest_rank;
pub use report::{build_report, AgentStats, Report, ReportPeriod, TopicStats, TopicTrend};
pub use self_service::{ArticleFigures, SelfServiceReport, StepFigures};
pub use stats::{DurationStats, RatingStats, Share, Stats};
pub use trend::{daily_trend, DayPoint};
