//! Training: vectorise the examples, fit one scorer per intent in parallel, calibrate.

use std::collections::BTreeSet;
use std::thread;

use super::model::IntentModel;
use super::vectorize::Vectorizer;
use super::{calibrate, split, svm, Example};
use crate::Error;

/// How to train. The defaults are the ones measured in docs/classification.md.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingOptions {
    /// Hash space of 2^bits buckets (see `hashing`). 20 keeps collisions rare; the model stores
    /// only buckets seen in training, so this does not grow the model.
    pub hash_bits: u8,
    /// Features seen in fewer training messages than this are dropped: one-off typos and
    /// n-grams cost model size and teach nothing.
    pub min_document_frequency: u32,
    /// The SVM's inverse regularisation strength.
    pub c: f32,
    /// The solver's stopping tolerance (LIBLINEAR's default is 0.1).
    pub tolerance: f32,
    /// An upper bound on passes over the data for each intent.
    pub max_passes: usize,
    /// Seeds every shuffle: the same seed gives the same model.
    pub seed: u64,
    /// Share of the examples held out (stratified) to fit the confidence scale; the final
    /// model is then trained on all examples. 0 skips calibration (a fixed scale is used) and
    /// halves training time.
    pub calibration_share: f64,
    /// Worker threads; 0 means one per available core. Does not change the result.
    pub threads: usize,
}

impl Default for TrainingOptions {
    fn default() -> TrainingOptions {
        TrainingOptions {
            hash_bits: 20,
            min_document_frequency: 2,
            c: 1.0,
            tolerance: 0.1,
            max_passes: 50,
            seed: 77,
            calibration_share: 0.1,
            threads: 0,
        }
    }
}

/// Used when calibration is skipped: about what calibration finds on BANKING77.
const DEFAULT_SHARPNESS: f32 = 8.0;

pub(crate) fn train(examples: &[Example], options: &TrainingOptions) -> Result<IntentModel, Error> {
    if examples.is_empty() {
        return Err(Error::NoExamples);
    }
    // The bucket table has 2^bits entries: 28 is already a gigabyte of counters.
    if !(1..=28).contains(&options.hash_bits) {
        return Err(Error::InvalidOptions("hash_bits must be between 1 and 28"));
    }
    let c_positive = options.c.is_finite() && options.c > 0.0;
    if !c_positive || !(0.0..1.0).contains(&options.calibration_share) {
        return Err(Error::InvalidOptions(
            "c must be positive and calibration_share in [0, 1)",
        ));
    }
    let labels: Vec<String> = examples
        .iter()
        .map(|e| e.label.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if labels.len() < 2 {
        return Err(Error::TooFewIntents(labels.len()));
    }
    let sharpness = if options.calibration_share > 0.0 {
        let (fitting, held_out) = split(examples, options.calibration_share, options.seed);
        let provisional = fit(&fitting, labels.clone(), options);
        calibrate::sharpness(&provisional, &held_out).unwrap_or(DEFAULT_SHARPNESS)
    } else {
        DEFAULT_SHARPNESS
    };
    let mut model = fit(examples, labels, options);
    model.sharpness = sharpness;
    Ok(model)
}

/// One scorer per intent over `examples`, `labels` giving the intents and their order.
fn fit(examples: &[Example], labels: Vec<String>, options: &TrainingOptions) -> IntentModel {
    let vectorizer = Vectorizer::fit(
        examples.iter().map(|e| e.text.as_str()),
        options.hash_bits,
        options.min_document_frequency,
    );
    let messages: Vec<_> = examples
        .iter()
        .map(|e| vectorizer.vectorize(&e.text))
        .collect();
    let intent_of: Vec<usize> = examples
        .iter()
        .map(|e| {
            labels
                .binary_search(&e.label)
                .expect("labels come from the examples")
        })
        .collect();
    let columns = vectorizer.columns();
    let settings = svm::Settings {
        c: options.c,
        tolerance: options.tolerance,
        max_passes: options.max_passes,
    };
    let threads = match options.threads {
        0 => thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    // Intents are dealt out round-robin; each has its own seed, so which thread trains it
    // does not change its weights.
    let mut per_intent: Vec<Vec<f32>> = vec![Vec::new(); labels.len()];
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let (messages, intent_of) = (&messages, &intent_of);
                let intents = labels.len();
                scope.spawn(move || {
                    (worker..intents)
                        .step_by(threads)
                        .map(|intent| {
                            let positive: Vec<bool> =
                                intent_of.iter().map(|&i| i == intent).collect();
                            let seed = options.seed ^ (intent as u64).wrapping_mul(0x9e37_79b9);
                            let weights = svm::train_one_vs_rest(
                                messages, &positive, columns, settings, seed,
                            );
                            (intent, weights)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            for (intent, weights) in worker.join().expect("a training thread panicked") {
                per_intent[intent] = weights;
            }
        }
    });
    let intents = labels.len();
    let mut weights = vec![0.0f32; columns * intents];
    for (intent, scorer) in per_intent.iter().enumerate() {
        for column in 0..columns {
            weights[column * intents + intent] = scorer[column];
        }
    }
    let bias = per_intent.iter().map(|scorer| scorer[columns]).collect();
    IntentModel {
        labels,
        vectorizer,
        weights,
        bias,
        sharpness: DEFAULT_SHARPNESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<Example> {
        [
            ("where is my new card", "card_arrival"),
            ("my card has not arrived yet", "card_arrival"),
            ("card still not delivered", "card_arrival"),
            ("i want my money back", "refund"),
            ("please refund the payment", "refund"),
            ("refund has not shown up", "refund"),
        ]
        .iter()
        .map(|(text, label)| Example::new(*text, *label))
        .collect()
    }

    #[test]
    fn learns_small_intents_reproducibly() {
        let options = TrainingOptions {
            min_document_frequency: 1,
            ..TrainingOptions::default()
        };
        let model = train(&examples(), &options).unwrap();
        assert_eq!(
            model.predict("when does my card arrive").label,
            "card_arrival"
        );
        assert_eq!(model.predict("refund please").label, "refund");
        let single = TrainingOptions {
            threads: 1,
            ..options.clone()
        };
        assert_eq!(train(&examples(), &single).unwrap(), model);
    }

    #[test]
    fn refuses_what_cannot_be_trained() {
        let options = TrainingOptions::default();
        assert!(matches!(train(&[], &options), Err(Error::NoExamples)));
        let one = [Example::new("hi", "greeting")];
        assert!(matches!(
            train(&one, &options),
            Err(Error::TooFewIntents(1))
        ));
        let wide = TrainingOptions {
            hash_bits: 40,
            ..options
        };
        assert!(matches!(
            train(&examples(), &wide),
            Err(Error::InvalidOptions(_))
        ));
    }
}
