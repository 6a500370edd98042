//! How a model is stored: JSON with the large arrays packed as base64 of little-endian
//! numbers (a JSON list of floats would be three times larger and slow to parse).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::model::IntentModel;
use super::vectorize::Vectorizer;
use crate::Error;

/// Bumped whenever features or layout change, so an old model is refused, not misread.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct StoredModel {
    format: u32,
    labels: Vec<String>,
    hash_bits: u8,
    sharpness: f32,
    bias: Vec<f32>,
    /// base64, u32 LE each: the hash bucket of each column.
    buckets: String,
    /// base64, f32 LE each: the IDF of each column.
    idf: String,
    /// base64, f32 LE each: column-major weights.
    weights: String,
}

impl Serialize for IntentModel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredModel {
            format: FORMAT,
            labels: self.labels.clone(),
            hash_bits: self.vectorizer.bits,
            sharpness: self.sharpness,
            bias: self.bias.clone(),
            buckets: pack(self.vectorizer.buckets.iter().map(|b| b.to_le_bytes())),
            idf: pack(self.vectorizer.idf.iter().map(|v| v.to_le_bytes())),
            weights: pack(self.weights.iter().map(|v| v.to_le_bytes())),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for IntentModel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IntentModel, D::Error> {
        let stored = StoredModel::deserialize(deserializer)?;
        unpack_model(stored).map_err(serde::de::Error::custom)
    }
}

fn unpack_model(stored: StoredModel) -> Result<IntentModel, Error> {
    let damaged = |why: &str| Error::DamagedModel(why.to_owned());
    if stored.format != FORMAT {
        return Err(Error::DamagedModel(format!(
            "format {} (this build reads {FORMAT}): retrain the model",
            stored.format
        )));
    }
    if !(1..=28).contains(&stored.hash_bits) {
        return Err(damaged("hash_bits out of range"));
    }
    let buckets: Vec<u32> = unpack(&stored.buckets)?.map(u32::from_le_bytes).collect();
    let idf: Vec<f32> = unpack(&stored.idf)?.map(f32::from_le_bytes).collect();
    let weights: Vec<f32> = unpack(&stored.weights)?.map(f32::from_le_bytes).collect();
    let intents = stored.labels.len();
    if stored.bias.len() != intents || idf.len() != buckets.len() {
        return Err(damaged("array lengths disagree"));
    }
    if weights.len() != buckets.len() * intents {
        return Err(damaged("weights do not match columns × intents"));
    }
    if !buckets.windows(2).all(|w| w[0] < w[1])
        || buckets.last().is_some_and(|&b| b >> stored.hash_bits != 0)
    {
        return Err(damaged("buckets not ascending or outside the hash space"));
    }
    if !stored.labels.windows(2).all(|w| w[0] < w[1]) {
        return Err(damaged("labels not sorted"));
    }
    Ok(IntentModel {
        labels: stored.labels,
        vectorizer: Vectorizer::from_parts(stored.hash_bits, buckets, idf),
        weights,
        bias: stored.bias,
        sharpness: stored.sharpness,
    })
}

fn pack(values: impl Iterator<Item = [u8; 4]>) -> String {
    BASE64.encode(values.flatten().collect::<Vec<u8>>())
}

fn unpack(text: &str) -> Result<impl Iterator<Item = [u8; 4]>, Error> {
    let bytes = BASE64
        .decode(text)
        .map_err(|e| Error::DamagedModel(format!("bad base64: {e}")))?;
    if bytes.len() % 4 != 0 {
        return Err(Error::DamagedModel(
            "packed array not a whole number of values".into(),
        ));
    }
    let values: Vec<[u8; 4]> = bytes
        .chunks_exact(4)
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect();
    Ok(values.into_iter())
}
