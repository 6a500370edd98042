//! A stratified train/test split: every intent keeps its share in both parts.

use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use super::Example;

/// Splits `examples` into (train, test), putting `test_share` (0.0–1.0) of each intent's
/// examples, rounded, into test, but never an intent's last example: every intent is trained.
/// Which examples go where depends only on `seed` and the input; both parts keep the input's
/// order.
pub fn split(examples: &[Example], test_share: f64, seed: u64) -> (Vec<Example>, Vec<Example>) {
    let mut by_intent: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, example) in examples.iter().enumerate() {
        by_intent.entry(&example.label).or_default().push(i);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut in_test = vec![false; examples.len()];
    for indices in by_intent.values_mut() {
        indices.shuffle(&mut rng);
        let share = (indices.len() as f64 * test_share.clamp(0.0, 1.0)).round() as usize;
        for &i in &indices[..share.min(indices.len() - 1)] {
            in_test[i] = true;
        }
    }
    let (test, train): (Vec<_>, Vec<_>) = examples
        .iter()
        .zip(&in_test)
        .partition(|(_, &is_test)| is_test);
    let strip = |part: Vec<(&Example, &bool)>| part.into_iter().map(|(e, _)| e.clone()).collect();
    (strip(train), strip(test))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<Example> {
        (0..50)
            .map(|i| {
                Example::new(
                    format!("message {i}"),
                    if i % 5 == 0 { "rare" } else { "common" },
                )
            })
            .collect()
    }

    #[test]
    fn each_intent_keeps_its_share() {
        let (train, test) = split(&examples(), 0.2, 1);
        assert_eq!((train.len(), test.len()), (40, 10));
        assert_eq!(test.iter().filter(|e| e.label == "rare").count(), 2);
        assert_eq!(test.iter().filter(|e| e.label == "common").count(), 8);
    }

    #[test]
    fn same_seed_same_split_and_every_intent_trained() {
        assert_eq!(split(&examples(), 0.2, 1), split(&examples(), 0.2, 1));
        assert_ne!(split(&examples(), 0.2, 1).1, split(&examples(), 0.2, 2).1);
        let lonely = vec![Example::new("only one", "lonely"), Example::new("a", "b")];
        let (train, test) = split(&lonely, 0.9, 3);
        assert_eq!((train.len(), test.len()), (2, 0));
    }
}
