//! The figures of one group of tickets (the whole desk, one agent, one topic).

use super::percentile::nearest_rank;
use crate::sla::serde_secs;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// What happened to one ticket within the report period, measured once and then added to
/// every group the ticket belongs to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Measured {
    pub created: bool,
    pub still_open: bool,
    /// Working time to the first reaction, if that reaction fell in the period, and whether
    /// it was within target (`None` when the priority has no target).
    pub first_reaction: Option<(Duration, Option<bool>)>,
    /// Working time of each next reply given in the period, and whether within target.
    pub next_replies: Vec<(Duration, Option<bool>)>,
    /// Working time to resolution, if the ticket was resolved in the period.
    pub resolution: Option<(Duration, Option<bool>)>,
    /// The rating of a ticket resolved in the period.
    pub rating: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Tickets opened in the period.
    pub created: usize,
    /// Tickets first reacted to in the period.
    pub taken: usize,
    /// Tickets resolved in the period.
    pub closed: usize,
    /// Of the tickets opened in the period, those still new, open or waiting now.
    pub still_open: usize,
    pub first_reaction: DurationStats,
    /// Next replies given in the period (a ticket counts once per answered wait).
    #[serde(default)]
    pub next_reply: DurationStats,
    pub resolution: DurationStats,
    pub rating: RatingStats,
}

/// Median and p90 (nearest rank, see [`nearest_rank`]) of working-time durations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DurationStats {
    pub count: usize,
    #[serde(with = "serde_secs::option", rename = "median_secs")]
    pub median: Option<Duration>,
    #[serde(with = "serde_secs::option", rename = "p90_secs")]
    pub p90: Option<Duration>,
    pub within_target: Share,
}

/// `met` of `measured` tickets were within target; tickets whose priority has no target are
/// not measured. `ratio` is `None` when nothing was measured, rather than a misleading 0 or 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub met: usize,
    pub measured: usize,
    pub ratio: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingStats {
    pub count: usize,
    /// Mean of the 1–5 scores.
    pub average: Option<f64>,
}

#[derive(Debug, Default)]
pub(crate) struct StatsBuilder {
    created: usize,
    still_open: usize,
    first_reaction: Vec<(Duration, Option<bool>)>,
    next_replies: Vec<(Duration, Option<bool>)>,
    resolution: Vec<(Duration, Option<bool>)>,
    ratings: Vec<u8>,
}

impl StatsBuilder {
    pub fn add(&mut self, m: &Measured) {
        self.created += usize::from(m.created);
        self.still_open += usize::from(m.still_open);
        self.first_reaction.extend(m.first_reaction);
        self.next_replies.extend(m.next_replies.iter().copied());
        self.resolution.extend(m.resolution);
        self.ratings.extend(m.rating);
    }

    pub fn finish(self) -> Stats {
        let ratings = self.ratings.len();
        let sum: u32 = self.ratings.iter().map(|&r| u32::from(r)).sum();
        Stats {
            created: self.created,
            taken: self.first_reaction.len(),
            closed: self.resolution.len(),
            still_open: self.still_open,
            first_reaction: DurationStats::of(self.first_reaction),
            next_reply: DurationStats::of(self.next_replies),
            resolution: DurationStats::of(self.resolution),
            rating: RatingStats {
                count: ratings,
                average: (ratings > 0).then(|| f64::from(sum) / ratings as f64),
            },
        }
    }
}

impl Default for DurationStats {
    /// Nothing measured (a report stored before this figure existed reads as such).
    fn default() -> DurationStats {
        DurationStats::of(Vec::new())
    }
}

impl DurationStats {
    pub(crate) fn of(samples: Vec<(Duration, Option<bool>)>) -> DurationStats {
        let mut durations: Vec<Duration> = samples.iter().map(|(d, _)| *d).collect();
        durations.sort();
        let verdicts: Vec<bool> = samples.iter().filter_map(|(_, within)| *within).collect();
        let met = verdicts.iter().filter(|&&within| within).count();
        DurationStats {
            count: durations.len(),
            median: nearest_rank(&durations, 50),
            p90: nearest_rank(&durations, 90),
            within_target: Share {
                met,
                measured: verdicts.len(),
                ratio: (!verdicts.is_empty()).then(|| met as f64 / verdicts.len() as f64),
            },
        }
    }
}
