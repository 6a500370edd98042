//! How good a classifier is on messages it did not train on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Instant;

use super::{read_examples, Example, IntentModel, TrainingOptions};
use crate::Error;

/// Held-out quality and speed of a classifier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// Share of test messages whose predicted intent is right.
    pub accuracy: f64,
    /// F1 averaged over intents with equal weight, so rare intents count as much as common
    /// ones (over every intent that occurs in the test set or among the predictions).
    pub macro_f1: f64,
    /// Wall-clock training time, vectorising and calibration included.
    pub train_seconds: f64,
    /// Mean wall-clock time to predict one test message, in microseconds.
    pub per_message_us: f64,
}

/// Trains on `train` with the default options and measures on `test`.
pub fn evaluate(train: &[Example], test: &[Example]) -> Result<Evaluation, Error> {
    evaluate_with(train, test, &TrainingOptions::default())
}

/// [`evaluate`] with chosen training options.
pub fn evaluate_with(
    train: &[Example],
    test: &[Example],
    options: &TrainingOptions,
) -> Result<Evaluation, Error> {
    if test.is_empty() {
        return Err(Error::NoTestExamples);
    }
    let started = Instant::now();
    let model = IntentModel::train_with(train, options)?;
    let train_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let predicted: Vec<String> = test.iter().map(|e| model.predict(&e.text).label).collect();
    let per_message_us = started.elapsed().as_secs_f64() * 1e6 / test.len() as f64;
    let actual: Vec<&str> = test.iter().map(|e| e.label.as_str()).collect();
    let right = actual
        .iter()
        .zip(&predicted)
        .filter(|(a, p)| **a == p.as_str())
        .count();
    Ok(Evaluation {
        accuracy: right as f64 / test.len() as f64,
        macro_f1: macro_f1(&actual, &predicted),
        train_seconds,
        per_message_us,
    })
}

/// Trains on the labelled CSV text `train_csv` and evaluates on `test_csv` (columns `text` and
/// `category` or `label`; see [`read_examples`]). The caller reads the files, e.g. for
/// `ticketgram classify evaluate --train FILE --test FILE`:
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let train = std::fs::read_to_string("train.csv")?;
/// let test = std::fs::read_to_string("test.csv")?;
/// let evaluation = ticketgram_understanding::classifier::evaluate_csv(&train, &test)?;
/// // The last line the command prints:
/// // accuracy 0.9123 macro_f1 0.9087 train_s 12.34 per_message_us 45.6
/// println!("{evaluation}");
/// # Ok(())
/// # }
/// ```
pub fn evaluate_csv(train_csv: &str, test_csv: &str) -> Result<Evaluation, Error> {
    let train = read_examples(train_csv.as_bytes())?;
    let test = read_examples(test_csv.as_bytes())?;
    evaluate(&train, &test)
}

/// The one-line summary: `accuracy A macro_f1 F train_s T per_message_us U`, with A and F to
/// four decimals, T to two and U to one.
impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "accuracy {:.4} macro_f1 {:.4} train_s {:.2} per_message_us {:.1}",
            self.accuracy, self.macro_f1, self.train_seconds, self.per_message_us
        )
    }
}

fn macro_f1(actual: &[&str], predicted: &[String]) -> f64 {
    // Per intent: (true positives, actual count, predicted count).
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (a, p) in actual.iter().zip(predicted) {
        counts.entry(a).or_default().1 += 1;
        counts.entry(p.as_str()).or_default().2 += 1;
        if *a == p.as_str() {
            counts.entry(a).or_default().0 += 1;
        }
    }
    let intents: BTreeSet<&str> = counts.keys().copied().collect();
    let f1_sum: f64 = intents
        .iter()
        .map(|intent| {
            let (hits, actual, predicted) = counts[intent];
            if hits == 0 {
                0.0
            } else {
                2.0 * hits as f64 / (actual + predicted) as f64
            }
        })
        .sum();
    f1_sum / intents.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_has_the_agreed_shape() {
        let evaluation = Evaluation {
            accuracy: 0.91234,
            macro_f1: 0.9,
            train_seconds: 12.345,
            per_message_us: 45.66,
        };
        assert_eq!(
            evaluation.to_string(),
            "accuracy 0.9123 macro_f1 0.9000 train_s 12.35 per_message_us 45.7"
        );
    }

    #[test]
    fn macro_f1_weighs_intents_equally() {
        let actual = ["a", "a", "a", "b"];
        let predicted = ["a", "a", "a", "a"].map(String::from);
        // a: P 3/4, R 1 → F1 6/7; b: never predicted → 0.
        assert!((macro_f1(&actual, &predicted) - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(macro_f1(&["x"], &["x".to_string()]), 1.0);
    }
}
