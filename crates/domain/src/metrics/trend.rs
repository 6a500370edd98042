//! Day-by-day series for charts, in the desk's own calendar days.

use super::facts::TicketFacts;
use super::percentile::nearest_rank;
use super::report::ReportPeriod;
use crate::sla::{serde_secs, WorkingHours};
use crate::Timestamp;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One local day. Days are the desk's (a ticket from Singapore written on Sunday night UTC
/// counts on the Berlin desk's Monday), because that is the day the team lived through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPoint {
    pub date: NaiveDate,
    pub created: usize,
    pub closed: usize,
    /// Median working time to first reaction of the tickets first reacted to that day.
    #[serde(with = "serde_secs::option", rename = "median_first_reaction_secs")]
    pub median_first_reaction: Option<Duration>,
}

/// Every day of the period, quiet days included, so a chart's x axis has no holes.
pub fn daily_trend(
    facts: &[TicketFacts],
    period: &ReportPeriod,
    hours: &WorkingHours,
) -> Vec<DayPoint> {
    if period.end <= period.start {
        return Vec::new();
    }
    let day_of = |t: Timestamp| t.with_timezone(&hours.time_zone).date_naive();
    let last = day_of(period.end - Duration::nanoseconds(1));
    let mut days: BTreeMap<NaiveDate, (DayPoint, Vec<Duration>)> = day_of(period.start)
        .iter_days()
        .take_while(|day| *day <= last)
        .map(|date| {
            let point = DayPoint {
                date,
                created: 0,
                closed: 0,
                median_first_reaction: None,
            };
            (date, (point, Vec::new()))
        })
        .collect();
    // The local day of an event, if it happened within the period.
    let in_period = |t: Timestamp| period.contains(t).then(|| day_of(t));
    for ticket in facts {
        if let Some((point, _)) = in_period(ticket.created_at).and_then(|d| days.get_mut(&d)) {
            point.created += 1;
        }
        if let Some((point, _)) = ticket
            .resolved_at
            .and_then(in_period)
            .and_then(|d| days.get_mut(&d))
        {
            point.closed += 1;
        }
        let reacted = ticket.sla_times().first_reaction_at();
        if let Some((at, (_, waits))) =
            reacted.and_then(|at| Some((at, days.get_mut(&in_period(at)?)?)))
        {
            waits.push(hours.business_duration(ticket.created_at, at));
        }
    }
    days.into_values()
        .map(|(mut point, mut waits)| {
            waits.sort();
            point.median_first_reaction = nearest_rank(&waits, 50);
            point
        })
        .collect()
}
