//! What the self-service front line did in a period: requests answered without a human (an
//! article the client said helped, a flow's knowledge step that answered), how each suggested
//! article fared, and how far clients got through each step of the desk's flows.
//!
//! The figures are counted elsewhere (the store keeps one row per event); here they are only
//! combined, so the console, the workbook and the API say the same thing.

use serde::Serialize;

/// One article's suggestions over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleFigures {
    /// The article's title as stored (in its own language), or `#<id>` for a deleted one.
    pub title: String,
    /// The client said it answered the question: no request was opened.
    pub helped: i64,
    /// The client said no and a request was opened.
    pub not_helped: i64,
}

impl ArticleFigures {
    /// Share of the answers that said it helped, `None` with no answers.
    pub fn helped_share(&self) -> Option<f64> {
        share(self.helped, self.helped + self.not_helped)
    }
}

/// One flow step over the period, by the step's id in the flow definition.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StepFigures {
    pub step: String,
    pub entered: i64,
    pub completed: i64,
    /// Left there: the client went elsewhere, asked for a person or stopped answering.
    pub abandoned: i64,
    /// Answers refused (a malformed order number, a text where a photo was asked).
    pub rejected: i64,
    /// A knowledge step whose answer the client accepted.
    pub self_served: i64,
}

impl StepFigures {
    /// Completed ÷ entered.
    pub fn completion(&self) -> Option<f64> {
        share(self.completed, self.entered)
    }

    /// Abandoned ÷ entered.
    pub fn abandonment(&self) -> Option<f64> {
        share(self.abandoned, self.entered)
    }
}

/// The period's self-service figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SelfServiceReport {
    /// Most helpful first.
    pub articles: Vec<ArticleFigures>,
    /// By step id.
    pub steps: Vec<StepFigures>,
    /// Requests answered without a human: suggestions that helped plus knowledge steps that
    /// answered.
    pub resolutions: i64,
    /// Tickets opened in the same period, for the rate.
    pub tickets_created: i64,
    /// Resolutions ÷ (resolutions + tickets opened): of everything clients asked, the share
    /// no agent had to answer. `None` when nothing was asked.
    pub rate: Option<f64>,
}

impl SelfServiceReport {
    pub fn new(
        articles: Vec<ArticleFigures>,
        steps: Vec<StepFigures>,
        tickets_created: i64,
    ) -> SelfServiceReport {
        let resolutions = articles.iter().map(|a| a.helped).sum::<i64>()
            + steps.iter().map(|s| s.self_served).sum::<i64>();
        SelfServiceReport {
            rate: share(resolutions, resolutions + tickets_created),
            articles,
            steps,
            resolutions,
            tickets_created,
        }
    }

    /// Suggestions that helped.
    pub fn by_suggestions(&self) -> i64 {
        self.articles.iter().map(|a| a.helped).sum()
    }

    /// Knowledge steps of flows that answered.
    pub fn by_flows(&self) -> i64 {
        self.steps.iter().map(|s| s.self_served).sum()
    }
}

fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, helped: i64, not_helped: i64) -> ArticleFigures {
        ArticleFigures {
            title: title.into(),
            helped,
            not_helped,
        }
    }

    #[test]
    fn a_week_where_articles_and_a_faq_step_answered_a_fifth_of_all_requests() {
        let steps = vec![
            StepFigures {
                step: "faq".into(),
                entered: 10,
                completed: 8,
                abandoned: 2,
                self_served: 5,
                ..StepFigures::default()
            },
            StepFigures {
                step: "order".into(),
                entered: 4,
                completed: 1,
                abandoned: 3,
                rejected: 2,
                ..StepFigures::default()
            },
        ];
        let report = SelfServiceReport::new(
            vec![article("Refunds", 12, 3), article("Escrow", 3, 0)],
            steps,
            80,
        );
        assert_eq!(report.by_suggestions(), 15);
        assert_eq!(report.by_flows(), 5);
        assert_eq!(report.resolutions, 20);
        assert_eq!(report.rate, Some(0.2));
        assert_eq!(report.articles[0].helped_share(), Some(0.8));
        assert_eq!(report.steps[0].completion(), Some(0.8));
        assert_eq!(report.steps[1].abandonment(), Some(0.75));
    }

    #[test]
    fn a_quiet_week_has_no_rates_rather_than_zeroes() {
        let report = SelfServiceReport::new(vec![], vec![StepFigures::default()], 0);
        assert_eq!(report.rate, None);
        assert_eq!(report.steps[0].completion(), None);
    }
}
