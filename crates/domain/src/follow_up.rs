//! After a ticket is closed, the desk may follow up (docs/follow-up.md): some time later the
//! client is asked how easy it was to get the issue solved (Customer Effort Score, 1–7), and
//! optionally whether it is really solved — a "no" reopens the ticket.

use serde::{Deserialize, Serialize};

/// The desk's follow-up settings; a desk without them does not follow up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Minutes after closing (0: right after the rating question; at most 30 days' worth).
    pub after_minutes: u32,
    /// Whether the client is also asked "Is it really solved?" after scoring.
    #[serde(default)]
    pub ask_solved: bool,
}

impl FollowUp {
    pub const MAX_MINUTES: u32 = 30 * 24 * 60;

    /// Settings that make sense, or `None`.
    pub fn new(after_minutes: u32, ask_solved: bool) -> Option<FollowUp> {
        (0..=FollowUp::MAX_MINUTES)
            .contains(&after_minutes)
            .then_some(FollowUp {
                after_minutes,
                ask_solved,
            })
    }
}

/// A Customer Effort Score: 1 (very hard) to 7 (very easy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Effort(u8);

impl Effort {
    pub fn new(score: u8) -> Option<Effort> {
        (1..=7).contains(&score).then_some(Effort(score))
    }

    pub fn score(self) -> u8 {
        self.0
    }
}

/// The answers of a period: how many clients gave each score, and how many said the issue was
/// not really solved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EffortSummary {
    /// `by_score[i]`: answers with score `i + 1`.
    pub by_score: [u64; 7],
    pub not_solved: u64,
    pub solved: u64,
}

impl EffortSummary {
    pub fn answers(&self) -> u64 {
        self.by_score.iter().sum()
    }

    /// The mean score; `None` without answers.
    pub fn average(&self) -> Option<f64> {
        let answers = self.answers();
        (answers > 0).then(|| {
            let total: u64 = self
                .by_score
                .iter()
                .enumerate()
                .map(|(i, n)| (i as u64 + 1) * n)
                .sum();
            total as f64 / answers as f64
        })
    }

    /// The share of answers scoring 5 to 7 ("easy"), as the usual CES report gives it.
    pub fn easy_share(&self) -> Option<f64> {
        let answers = self.answers();
        (answers > 0).then(|| self.by_score[4..].iter().sum::<u64>() as f64 / answers as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_settings_are_checked() {
        assert_eq!(Effort::new(0), None);
        assert_eq!(Effort::new(8), None);
        assert_eq!(Effort::new(7).map(Effort::score), Some(7));
        assert!(FollowUp::new(0, true).is_some());
        assert!(FollowUp::new(60, false).is_some());
        assert_eq!(FollowUp::new(FollowUp::MAX_MINUTES + 1, false), None);
    }

    #[test]
    fn a_summary_averages_and_counts_the_easy_answers() {
        let summary = EffortSummary {
            by_score: [1, 0, 0, 0, 1, 0, 2],
            not_solved: 1,
            solved: 3,
        };
        assert_eq!(summary.answers(), 4);
        assert_eq!(summary.average(), Some(5.0));
        assert_eq!(summary.easy_share(), Some(0.75));
        assert_eq!(EffortSummary::default().average(), None);
    }
}
