//! The desk report: totals, per agent, per topic and a daily trend for one period.

use super::facts::TicketFacts;
use super::stats::{Measured, Stats, StatsBuilder};
use super::trend::{daily_trend, DayPoint};
use crate::ids::{AgentId, TopicId};
use crate::sla::{SlaPolicy, SlaTargets, WorkingHours};
use crate::Timestamp;
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[start, end)`: half-open, so consecutive weeks neither share nor drop a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl ReportPeriod {
    /// The local days `first..=last` of the desk (what "last week" means to its team).
    pub fn local_days(hours: &WorkingHours, first: NaiveDate, last: NaiveDate) -> ReportPeriod {
        let midnight = |day: NaiveDate| {
            crate::sla::first_instant_at_or_after(hours.time_zone, day.and_time(NaiveTime::MIN))
        };
        ReportPeriod {
            start: midnight(first),
            end: midnight(last + Duration::days(1)),
        }
    }

    pub fn contains(&self, at: Timestamp) -> bool {
        self.start <= at && at < self.end
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub period: ReportPeriod,
    /// IANA name of the zone the trend's days are counted in.
    pub time_zone: String,
    pub totals: Stats,
    /// Sorted by agent; `agent: None` holds tickets nobody was assigned.
    pub per_agent: Vec<AgentStats>,
    /// Sorted by topic; `topic: None` holds tickets opened without a topic.
    pub per_topic: Vec<TopicStats>,
    pub trend: Vec<DayPoint>,
    /// The daily series of each topic (same order as `per_topic`), so a topic that is
    /// growing shows as its own rising line.
    #[serde(default)]
    pub per_topic_trend: Vec<TopicTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicTrend {
    pub topic: Option<TopicId>,
    pub days: Vec<DayPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentStats {
    pub agent: Option<AgentId>,
    pub stats: Stats,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicStats {
    pub topic: Option<TopicId>,
    pub stats: Stats,
}

/// Each ticket counts in a period for what happened in it: opened (created), first reacted to
/// (taken; the wait is measured from creation, even if that was before the period), and
/// resolved (closed; with its rating). All waits are working time in `hours`, and "within
/// target" is the same rule as [`crate::sla::SlaClock`]: working time used ≤ target, the
/// target of the ticket's priority as its queue tightens it (`targets`: the desk's targets,
/// or an `SlaPolicy` with its routing rules).
pub fn build_report<'a>(
    facts: &[TicketFacts],
    period: ReportPeriod,
    hours: &WorkingHours,
    targets: impl Into<SlaPolicy<'a>>,
) -> Report {
    let policy = targets.into();
    let mut totals = StatsBuilder::default();
    let mut agents: BTreeMap<Option<AgentId>, StatsBuilder> = BTreeMap::new();
    let mut topics: BTreeMap<Option<TopicId>, StatsBuilder> = BTreeMap::new();
    for ticket in facts {
        let targets = policy.for_queue(ticket.queue.as_deref());
        let measured = measure(ticket, &period, hours, &targets);
        totals.add(&measured);
        agents.entry(ticket.agent).or_default().add(&measured);
        topics.entry(ticket.topic).or_default().add(&measured);
    }
    Report {
        period,
        time_zone: hours.time_zone.name().to_string(),
        totals: totals.finish(),
        per_agent: agents
            .into_iter()
            .map(|(agent, b)| AgentStats {
                agent,
                stats: b.finish(),
            })
            .collect(),
        per_topic: topics
            .into_iter()
            .map(|(topic, b)| TopicStats {
                topic,
                stats: b.finish(),
            })
            .collect(),
        trend: daily_trend(facts, &period, hours),
        per_topic_trend: topic_trends(facts, &period, hours),
    }
}

fn topic_trends(
    facts: &[TicketFacts],
    period: &ReportPeriod,
    hours: &WorkingHours,
) -> Vec<TopicTrend> {
    let mut by_topic: BTreeMap<Option<TopicId>, Vec<TicketFacts>> = BTreeMap::new();
    for ticket in facts {
        by_topic
            .entry(ticket.topic)
            .or_default()
            .push(ticket.clone());
    }
    by_topic
        .into_iter()
        .map(|(topic, facts)| TopicTrend {
            topic,
            days: daily_trend(&facts, period, hours),
        })
        .collect()
}

fn measure(
    ticket: &TicketFacts,
    period: &ReportPeriod,
    hours: &WorkingHours,
    targets: &SlaTargets,
) -> Measured {
    let created = period.contains(ticket.created_at);
    // The same clocks as the escalations: resolution without the time spent waiting on the
    // client (`sla::pauses`), the first reaction as it came.
    let wait = |done: Option<Timestamp>, target: Option<Duration>, paused: bool| {
        let done = done.filter(|t| period.contains(*t))?;
        let mut used = hours.business_duration(ticket.created_at, done);
        if paused {
            used = (used - crate::sla::paused_time(hours, &ticket.waiting, done))
                .max(Duration::zero());
        }
        Some((used, target.map(|target| used <= target)))
    };
    let resolution = wait(
        ticket.resolved_at,
        targets.resolution(ticket.priority),
        true,
    );
    let next_replies = ticket
        .next_replies
        .iter()
        .filter(|(_, answered)| period.contains(*answered))
        .map(|(since, answered)| {
            crate::sla::SlaClock::new(hours, targets).next_reply_took(
                ticket.priority,
                *since,
                *answered,
            )
        })
        .collect();
    Measured {
        created,
        still_open: created && ticket.status.is_active(),
        next_replies,
        first_reaction: wait(
            ticket.sla_times().first_reaction_at(),
            targets.first_response(ticket.priority),
            false,
        ),
        resolution,
        rating: resolution.and(ticket.rating).map(|r| r.score()),
    }
}
