//! Turning SVM scores into probabilities a person can read.
//!
//! An SVM's scores are margins, not probabilities. A softmax over `sharpness · score` makes
//! them sum to one; the sharpness is chosen to minimise the log-loss on messages the
//! provisional model did not train on (temperature scaling, Guo et al. 2017). One number is
//! fitted, so this fixes over- or under-confidence overall, not per intent: "calibrated-ish".

use super::model::{softmax, IntentModel};
use super::Example;

/// The sharpness with the lowest mean log-loss on `held_out`, from a geometric grid of
/// 1 to 1024; `None` when no held-out example has an intent the model knows.
pub(crate) fn sharpness(model: &IntentModel, held_out: &[Example]) -> Option<f32> {
    let scored: Vec<(Vec<f32>, usize)> = held_out
        .iter()
        .filter_map(|e| {
            let intent = model.labels.binary_search(&e.label).ok()?;
            Some((model.scores(&model.vectorizer.vectorize(&e.text)), intent))
        })
        .collect();
    if scored.is_empty() {
        return None;
    }
    let log_loss = |sharpness: f32| -> f64 {
        scored
            .iter()
            .map(|(scores, intent)| -softmax(scores, sharpness)[*intent].max(1e-12).ln())
            .sum::<f64>()
            / scored.len() as f64
    };
    (0..=40)
        .map(|step| 2f32.powf(step as f32 / 4.0))
        .map(|s| (s, log_loss(s)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s)
}
