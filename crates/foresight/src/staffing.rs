//! How many agents each hour needs: Erlang C.
//!
//! Erlang C models a queue with `N` agents, Poisson arrivals at rate λ, exponentially
//! distributed handling times with mean `AHT`, customers who wait as long as it takes (no
//! abandonment) and are answered first come, first served. With traffic `A = λ · AHT` Erlangs:
//!
//! * probability a customer has to wait: `C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))`, where
//!   `B` is Erlang B, computed by the recursion `B(0) = 1`, `B(n) = A·B(n−1) / (n + A·B(n−1))`
//!   (every step stays in [0, 1]: no factorials or powers to overflow at hundreds of agents);
//! * service level, the share answered within `T` seconds: `1 − C(N, A) · e^(−(N − A)·T/AHT)`;
//! * average speed of answer: `C(N, A) · AHT / (N − A)`;
//! * occupancy: `A / N`.
//!
//! Only `N > A` gives a stable queue; below that the queue grows without end. For a helpdesk
//! "answered" means the first reply; a chat agent who juggles several conversations handles
//! more than Erlang C assumes, so a desk that does can divide its handling time accordingly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{ForesightError, Result};
use crate::forecast::VolumeForecast;

/// What the desk promises and what it costs to keep the promise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StaffingTarget {
    /// Average handling time of a ticket, in seconds (> 0).
    pub average_handling_secs: f64,
    /// The promise: answered within this many seconds (≥ 0).
    pub target_answer_secs: f64,
    /// Share of tickets that must be answered within the target (0.8 = 80 %), in (0, 1).
    pub service_level: f64,
    /// Busiest an agent may be kept, in (0, 1]; `None` for no cap. A cap like 0.85 adds agents
    /// on busy hours, where Erlang C alone would run agents at 95 % and burn them out.
    pub max_occupancy: Option<f64>,
    /// Share of paid time agents are not on the queue (breaks, training, meetings), in [0, 1).
    pub shrinkage: f64,
}

impl StaffingTarget {
    fn validate(&self) -> Result<()> {
        let invalid = |name, reason| Err(ForesightError::InvalidSetting { name, reason });
        if !(self.average_handling_secs.is_finite() && self.average_handling_secs > 0.0) {
            return invalid("average_handling_secs", "must be a finite number > 0");
        }
        if !(self.target_answer_secs.is_finite() && self.target_answer_secs >= 0.0) {
            return invalid("target_answer_secs", "must be a finite number ≥ 0");
        }
        if !(self.service_level > 0.0 && self.service_level < 1.0) {
            return invalid("service_level", "must be strictly between 0 and 1");
        }
        if let Some(cap) = self.max_occupancy {
            if !(cap > 0.0 && cap <= 1.0) {
                return invalid("max_occupancy", "must be in (0, 1]");
            }
        }
        if !(self.shrinkage >= 0.0 && self.shrinkage < 1.0) {
            return invalid("shrinkage", "must be in [0, 1)");
        }
        Ok(())
    }
}

/// Erlang B: the probability that all `agents` are busy in a loss system offered
/// `traffic_erlangs`. Computed by the stable recursion (see the module docs).
pub fn erlang_b(agents: u32, traffic_erlangs: f64) -> f64 {
    (1..=agents).fold(1.0, |b, n| {
        let ab = traffic_erlangs * b;
        ab / (f64::from(n) + ab)
    })
}

/// Erlang C from Erlang B for the same `agents` and traffic: the probability that a ticket
/// waits. 1 when `agents ≤ traffic` (the queue never empties).
fn erlang_c_from_b(agents: u32, traffic_erlangs: f64, erlang_b: f64) -> f64 {
    let n = f64::from(agents);
    if n <= traffic_erlangs {
        return 1.0;
    }
    n * erlang_b / (n - traffic_erlangs * (1.0 - erlang_b))
}

/// Erlang C: the probability that a ticket has to wait, with `agents` agents and
/// `traffic_erlangs` of traffic. 1 when `agents ≤ traffic` (the queue never empties).
pub fn erlang_c(agents: u32, traffic_erlangs: f64) -> f64 {
    erlang_c_from_b(agents, traffic_erlangs, erlang_b(agents, traffic_erlangs))
}

/// Share of tickets answered within `target_answer_secs` (0 when the queue is unstable).
pub fn service_level(
    agents: u32,
    traffic_erlangs: f64,
    average_handling_secs: f64,
    target_answer_secs: f64,
) -> f64 {
    service_level_from_c(
        agents,
        traffic_erlangs,
        erlang_c(agents, traffic_erlangs),
        average_handling_secs,
        target_answer_secs,
    )
}

fn service_level_from_c(
    agents: u32,
    traffic_erlangs: f64,
    erlang_c: f64,
    average_handling_secs: f64,
    target_answer_secs: f64,
) -> f64 {
    let spare = f64::from(agents) - traffic_erlangs;
    if spare <= 0.0 {
        return 0.0;
    }
    1.0 - erlang_c * (-spare * target_answer_secs / average_handling_secs).exp()
}

/// The staffing for one hour's arrivals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AgentsNeeded {
    /// Tickets expected in the hour.
    pub arrivals_per_hour: f64,
    /// Traffic in Erlangs: agent-hours of work arriving per hour.
    pub traffic_erlangs: f64,
    /// Agents answering tickets: the smallest count meeting the service level (and the
    /// occupancy cap).
    pub agents: u32,
    /// Agents to roster so that `agents` are on the queue after shrinkage.
    pub rostered_agents: u32,
    /// Service level those agents reach (1 on an hour without tickets).
    pub service_level: f64,
    /// Probability a ticket waits at all (Erlang C).
    pub probability_of_waiting: f64,
    /// Average wait before the first answer, in seconds.
    pub average_speed_of_answer_secs: f64,
    /// Share of agents' time spent on tickets.
    pub occupancy: f64,
}

/// The fewest agents that meet `target` for `arrivals_per_hour` tickets: the smallest `N`
/// with `N > A` and service level ≥ target, raised to `⌈A / max_occupancy⌉` when capped.
/// An hour without tickets needs no agent (a desk with a minimum presence adds it itself).
pub fn agents_needed(arrivals_per_hour: f64, target: &StaffingTarget) -> Result<AgentsNeeded> {
    target.validate()?;
    if !(arrivals_per_hour.is_finite() && arrivals_per_hour >= 0.0) {
        return Err(ForesightError::InvalidSetting {
            name: "arrivals_per_hour",
            reason: "must be a finite number ≥ 0",
        });
    }
    let traffic = arrivals_per_hour * target.average_handling_secs / 3600.0;
    if traffic == 0.0 {
        return Ok(AgentsNeeded {
            arrivals_per_hour,
            traffic_erlangs: 0.0,
            agents: 0,
            rostered_agents: 0,
            service_level: 1.0,
            probability_of_waiting: 0.0,
            average_speed_of_answer_secs: 0.0,
            occupancy: 0.0,
        });
    }

    // Walk up from the first stable count, carrying Erlang B along instead of recomputing it.
    let first_stable = traffic.floor() as u32 + 1;
    let mut agents = first_stable;
    let mut b = erlang_b(agents, traffic);
    loop {
        let c = erlang_c_from_b(agents, traffic, b);
        let level = service_level_from_c(
            agents,
            traffic,
            c,
            target.average_handling_secs,
            target.target_answer_secs,
        );
        if level >= target.service_level {
            break;
        }
        agents += 1;
        b = traffic * b / (f64::from(agents) + traffic * b);
    }
    if let Some(cap) = target.max_occupancy {
        agents = agents.max((traffic / cap).ceil() as u32);
    }

    let c = erlang_c(agents, traffic);
    let spare = f64::from(agents) - traffic;
    Ok(AgentsNeeded {
        arrivals_per_hour,
        traffic_erlangs: traffic,
        agents,
        rostered_agents: (f64::from(agents) / (1.0 - target.shrinkage)).ceil() as u32,
        service_level: service_level_from_c(
            agents,
            traffic,
            c,
            target.average_handling_secs,
            target.target_answer_secs,
        ),
        probability_of_waiting: c,
        average_speed_of_answer_secs: c * target.average_handling_secs / spare,
        occupancy: traffic / f64::from(agents),
    })
}

/// One row of the staffing table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StaffedHour {
    /// Start of the hour (UTC).
    pub hour: DateTime<Utc>,
    /// What that hour needs.
    pub need: AgentsNeeded,
}

/// The staffing table for a forecast: Erlang C on each hour's expected tickets. Planning on
/// the expected value is the common practice; a cautious lead can plan on the band's upper
/// end by building the table from it instead.
pub fn staffing_table(
    forecast: &VolumeForecast,
    target: &StaffingTarget,
) -> Result<Vec<StaffedHour>> {
    forecast
        .hours
        .iter()
        .map(|h| {
            Ok(StaffedHour {
                hour: h.hour,
                need: agents_needed(h.expected, target)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Erlang C by its textbook formula, with factorials and powers: fine for small `N`, and
    /// computed independently of the recursion under test.
    fn erlang_c_direct(agents: u32, traffic: f64) -> f64 {
        let mut term = 1.0; // A^k / k!
        let mut below = 0.0;
        for k in 0..agents {
            below += term;
            term *= traffic / f64::from(k + 1);
        }
        let n = f64::from(agents);
        let top = term * n / (n - traffic);
        top / (below + top)
    }

    fn erlang_b_direct(agents: u32, traffic: f64) -> f64 {
        let terms: Vec<f64> = (0..=agents)
            .scan(1.0, |term, k| {
                let current = *term;
                *term *= traffic / f64::from(k + 1);
                Some(current)
            })
            .collect();
        terms[agents as usize] / terms.iter().sum::<f64>()
    }

    /// The textbook example: 200 tickets an hour (100 per half hour), 3 minutes each,
    /// 80 % answered within 20 seconds.
    fn textbook_desk() -> StaffingTarget {
        StaffingTarget {
            average_handling_secs: 180.0,
            target_answer_secs: 20.0,
            service_level: 0.8,
            max_occupancy: None,
            shrinkage: 0.0,
        }
    }

    #[test]
    fn erlang_b_matches_the_table_and_the_direct_formula() {
        // Erlang B tables: 10 Erlangs on 10 lines block 21.46 % of calls.
        assert!((erlang_b(10, 10.0) - 0.2146).abs() < 5e-5);
        for agents in 1..30 {
            for traffic in [0.5, 3.0, 10.0, 22.5] {
                let (recursive, direct) =
                    (erlang_b(agents, traffic), erlang_b_direct(agents, traffic));
                assert!((recursive - direct).abs() < 1e-12, "B({agents}, {traffic})");
            }
        }
    }

    #[test]
    fn erlang_c_matches_the_textbook_table_for_ten_erlangs() {
        // Probability of waiting with 10 Erlangs, as printed in the usual call-centre tables.
        for (agents, printed) in [(11, 0.6821), (12, 0.4494), (13, 0.2853), (14, 0.1741)] {
            let c = erlang_c(agents, 10.0);
            assert!((c - printed).abs() < 5e-4, "C({agents}, 10) = {c}");
            assert!((c - erlang_c_direct(agents, 10.0)).abs() < 1e-12);
        }
        assert_eq!(erlang_c(10, 10.0), 1.0);
    }

    #[test]
    fn two_hundred_tickets_an_hour_need_fourteen_agents_for_eighty_in_twenty() {
        let need = agents_needed(200.0, &textbook_desk()).unwrap();
        assert!((need.traffic_erlangs - 10.0).abs() < 1e-12);
        // 13 agents answer 79.6 % within 20 s: just short. 14 answer 88.8 %.
        assert!(service_level(13, 10.0, 180.0, 20.0) < 0.8);
        assert_eq!(need.agents, 14);
        assert!((need.service_level - 0.8884).abs() < 5e-4);
        let direct_level = 1.0 - erlang_c_direct(14, 10.0) * (-4.0_f64 * 20.0 / 180.0).exp();
        assert!((need.service_level - direct_level).abs() < 1e-12);
        assert!((need.average_speed_of_answer_secs - 0.1741 * 180.0 / 4.0).abs() < 0.05);
        assert!((need.occupancy - 10.0 / 14.0).abs() < 1e-12);
        assert_eq!(need.rostered_agents, 14);
    }

    #[test]
    fn shrinkage_and_an_occupancy_cap_add_agents() {
        let target = StaffingTarget {
            max_occupancy: Some(0.65),
            shrinkage: 0.3,
            ..textbook_desk()
        };
        let need = agents_needed(200.0, &target).unwrap();
        // 10 Erlangs at most 65 % busy: 16 agents on the queue (15.4 rounded up)…
        assert_eq!(need.agents, 16);
        // …and 16 / 0.7 = 22.9, so 23 on the roster.
        assert_eq!(need.rostered_agents, 23);
    }

    #[test]
    fn a_quiet_night_needs_nobody_and_a_trickle_needs_one() {
        let night = agents_needed(0.0, &textbook_desk()).unwrap();
        assert_eq!((night.agents, night.rostered_agents), (0, 0));
        let trickle = agents_needed(0.5, &textbook_desk()).unwrap();
        assert_eq!(trickle.agents, 1);
    }

    #[test]
    fn a_contact_centre_sized_hour_stays_finite() {
        // 10 000 tickets an hour at 3 minutes: 500 Erlangs. 500! overflows f64; the recursion
        // does not. A large pool is efficient: a few percent above the traffic suffices.
        let need = agents_needed(10_000.0, &textbook_desk()).unwrap();
        assert!(need.service_level.is_finite() && need.service_level >= 0.8);
        assert!(need.agents > 500 && need.agents < 530, "{}", need.agents);
        assert!(service_level(need.agents - 1, 500.0, 180.0, 20.0) < 0.8);
    }

    #[test]
    fn impossible_targets_are_refused() {
        let bad = [
            StaffingTarget {
                service_level: 1.0,
                ..textbook_desk()
            },
            StaffingTarget {
                average_handling_secs: 0.0,
                ..textbook_desk()
            },
            StaffingTarget {
                shrinkage: 1.0,
                ..textbook_desk()
            },
            StaffingTarget {
                max_occupancy: Some(0.0),
                ..textbook_desk()
            },
        ];
        for target in bad {
            assert!(agents_needed(10.0, &target).is_err(), "{target:?}");
        }
        assert!(agents_needed(f64::NAN, &textbook_desk()).is_err());
    }
}
