//! From text to a sparse TF-IDF vector over the columns the model knows.

use super::{hashing, tokenize};

/// A message as the linear model sees it: sorted column numbers and their weights, with unit
/// Euclidean length.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SparseVector {
    pub columns: Vec<u32>,
    pub values: Vec<f32>,
}

/// Says which hash buckets were seen in training (each gets a column of its own) and how rare
/// each is (its inverse document frequency).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Vectorizer {
    pub bits: u8,
    /// Bucket of each column, ascending.
    pub buckets: Vec<u32>,
    pub idf: Vec<f32>,
    /// Column of each bucket, `NO_COLUMN` for buckets training never saw: a stored model keeps
    /// only `buckets`, this is rebuilt on load.
    column_of: Vec<u32>,
}

const NO_COLUMN: u32 = u32::MAX;

impl Vectorizer {
    /// Learns columns and IDF from the training texts. Buckets found in fewer than
    /// `min_document_frequency` texts get no column: they say little and cost model size.
    pub fn fit<'a>(
        texts: impl Iterator<Item = &'a str>,
        bits: u8,
        min_document_frequency: u32,
    ) -> Vectorizer {
        let mut document_frequency = vec![0u32; 1 << bits];
        let mut documents = 0usize;
        for text in texts {
            documents += 1;
            let mut seen = hashing::buckets(&tokenize::words(text), bits);
            seen.sort_unstable();
            seen.dedup();
            for bucket in seen {
                document_frequency[bucket as usize] += 1;
            }
        }
        let mut buckets = Vec::new();
        let mut idf = Vec::new();
        for (bucket, &df) in document_frequency.iter().enumerate() {
            if df > 0 && df >= min_document_frequency {
                buckets.push(bucket as u32);
                // Smoothed IDF (as scikit-learn's): never zero, so a feature found in every
                // message still counts a little.
                idf.push((((1 + documents) as f64 / (1 + df) as f64).ln() + 1.0) as f32);
            }
        }
        Vectorizer::from_parts(bits, buckets, idf)
    }

    /// Rebuilds a stored vectorizer. `buckets` must be ascending and below `2^bits`, and as
    /// long as `idf` (the caller checks).
    pub fn from_parts(bits: u8, buckets: Vec<u32>, idf: Vec<f32>) -> Vectorizer {
        let mut column_of = vec![NO_COLUMN; 1 << bits];
        for (column, &bucket) in buckets.iter().enumerate() {
            column_of[bucket as usize] = column as u32;
        }
        Vectorizer {
            bits,
            buckets,
            idf,
            column_of,
        }
    }

    pub fn columns(&self) -> usize {
        self.buckets.len()
    }

    /// Sublinear TF-IDF, L2-normalised. Sublinear (1 + ln tf) because a word said three times
    /// is not three times the evidence; normalised so that long and short messages score on
    /// one scale. Features training never saw are dropped before normalising, as a vocabulary
    /// would drop unknown words.
    pub fn vectorize(&self, text: &str) -> SparseVector {
        let mut columns: Vec<u32> = hashing::buckets(&tokenize::words(text), self.bits)
            .into_iter()
            .map(|bucket| self.column_of[bucket as usize])
            .filter(|&column| column != NO_COLUMN)
            .collect();
        columns.sort_unstable();
        let mut vector = SparseVector::default();
        for run in columns.chunk_by(|a, b| a == b) {
            let column = run[0];
            let tf = 1.0 + (run.len() as f32).ln();
            vector.columns.push(column);
            vector.values.push(tf * self.idf[column as usize]);
        }
        let norm = vector.values.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.values.iter_mut().for_each(|v| *v /= norm);
        }
        vector
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_length_and_unknown_features_dropped() {
        let texts = [
            "my card has not arrived",
            "cancel my transfer",
            "card arrived?",
        ];
        let vectorizer = Vectorizer::fit(texts.iter().copied(), 18, 1);
        let vector = vectorizer.vectorize("My CARD!");
        let length: f32 = vector.values.iter().map(|v| v * v).sum();
        assert!((length - 1.0).abs() < 1e-5);
        assert!(vector.columns.windows(2).all(|w| w[0] < w[1]));
        assert!(vectorizer.vectorize("😀 ???").columns.is_empty());
        assert!(vectorizer.vectorize("zzzz qqqq").columns.is_empty());
    }

    #[test]
    fn rare_features_can_be_left_out() {
        let texts = ["card arrived", "card lost", "transfer failed"];
        let all = Vectorizer::fit(texts.iter().copied(), 18, 1);
        let shared = Vectorizer::fit(texts.iter().copied(), 18, 2);
        assert!(shared.columns() > 0 && shared.columns() < all.columns());
        assert_eq!(
            Vectorizer::from_parts(18, shared.buckets.clone(), shared.idf.clone()),
            shared
        );
    }
}
