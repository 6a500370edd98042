//! A trained intent classifier: what a desk stores and asks about each new message.

use serde::Serialize;

use super::train::{self, TrainingOptions};
use super::vectorize::{SparseVector, Vectorizer};
use super::Example;
use crate::Error;

/// One linear scorer per intent over hashed TF-IDF features, and a softmax that turns the
/// scores into probabilities. Serialise it with [`IntentModel::to_json`] (or serde) to store it.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentModel {
    /// The intents, sorted: the model's output order.
    pub(crate) labels: Vec<String>,
    pub(crate) vectorizer: Vectorizer,
    /// Column-major: the weights of column `c` are `weights[c * labels.len()..][..labels.len()]`,
    /// so scoring a message reads one contiguous row per feature it has.
    pub(crate) weights: Vec<f32>,
    pub(crate) bias: Vec<f32>,
    /// Multiplies the scores before the softmax; fitted on held-out examples so that a
    /// confidence of 0.8 is right about 80 % of the time (roughly: see `calibrate`).
    pub(crate) sharpness: f32,
}

/// An intent and the model's probability for it (0.0–1.0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub label: String,
    pub confidence: f64,
}

impl IntentModel {
    /// Trains with the default [`TrainingOptions`] (the ones measured on BANKING77).
    pub fn train(examples: &[Example]) -> Result<IntentModel, Error> {
        train::train(examples, &TrainingOptions::default())
    }

    /// Trains with chosen options. Deterministic: the same examples and options give the same
    /// model, whatever the number of threads.
    pub fn train_with(
        examples: &[Example],
        options: &TrainingOptions,
    ) -> Result<IntentModel, Error> {
        train::train(examples, options)
    }

    /// The most probable intent of `text`.
    pub fn predict(&self, text: &str) -> Prediction {
        let probabilities = self.probabilities(&self.vectorizer.vectorize(text));
        let (best, confidence) = probabilities
            .iter()
            .copied()
            .enumerate()
            .fold((0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
        Prediction {
            label: self.labels[best].clone(),
            confidence,
        }
    }

    /// The `k` most probable intents of `text`, most probable first (ties in label order).
    pub fn top_k(&self, text: &str, k: usize) -> Vec<Prediction> {
        let probabilities = self.probabilities(&self.vectorizer.vectorize(text));
        let mut ranked: Vec<usize> = (0..self.labels.len()).collect();
        ranked.sort_by(|&a, &b| probabilities[b].total_cmp(&probabilities[a]));
        ranked
            .into_iter()
            .take(k)
            .map(|i| Prediction {
                label: self.labels[i].clone(),
                confidence: probabilities[i],
            })
            .collect()
    }

    /// The intents this model knows, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The model as JSON, for a desk to store (weights packed as base64: a BANKING77 model is
    /// a few tens of megabytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a model always serialises")
    }

    /// A model stored by [`IntentModel::to_json`].
    pub fn from_json(json: &str) -> Result<IntentModel, Error> {
        Ok(serde_json::from_str(json)?)
    }

    /// The linear score of each intent.
    pub(crate) fn scores(&self, message: &SparseVector) -> Vec<f32> {
        let intents = self.labels.len();
        let mut scores = self.bias.clone();
        for (&column, &value) in message.columns.iter().zip(&message.values) {
            let row = &self.weights[column as usize * intents..][..intents];
            for (score, weight) in scores.iter_mut().zip(row) {
                *score += weight * value;
            }
        }
        scores
    }

    fn probabilities(&self, message: &SparseVector) -> Vec<f64> {
        softmax(&self.scores(message), self.sharpness)
    }
}

/// `exp(sharpness · score)`, normalised; shifted by the top score so nothing overflows.
pub(crate) fn softmax(scores: &[f32], sharpness: f32) -> Vec<f64> {
    let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f64> = scores
        .iter()
        .map(|&s| (f64::from(sharpness) * f64::from(s - top)).exp())
        .collect();
    let total: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one_and_keeps_the_order() {
        let p = softmax(&[1.0, -0.5, 0.2], 4.0);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p[0] > p[2] && p[2] > p[1]);
        let flat = softmax(&[1000.0, 1000.0], 50.0);
        assert_eq!(flat, vec![0.5, 0.5]);
    }
}
