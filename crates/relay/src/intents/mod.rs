//! What a client's first question is about, learned from the desk's own tickets
//! (docs/classification.md): what agents said of past tickets — their topics, and the tags
//! they give often — are the labels ([`label`], [`lessons`]), the clients' first words the
//! examples. The model is retrained on a schedule by the manager bot's clock
//! (`retrain_if_due`), outside every transaction; a new request the client opened without
//! choosing a topic is given the predicted topic and tag when the model is confident
//! (`client_bot::messages`), and the card shows the guess with its confidence either way.
//!
//! Pure Rust and no network: `ticketgram_understanding::classifier`.

pub mod label;
pub mod lessons;

pub use label::Label;
pub use lessons::MIN_PER_LABEL;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use ticketgram_domain::{Timestamp, WorkspaceId};
use ticketgram_store::{Store, StoreError, StoredIntentModel};
use ticketgram_understanding::classifier::{split, Example, IntentModel, Prediction};

/// The newest labelled tickets a model learns from.
pub const MAX_EXAMPLES: i64 = 5000;
/// Fewer examples than this teach nothing worth acting on.
pub const MIN_EXAMPLES: usize = 20;
/// How often the model is retrained.
pub const RETRAIN_EVERY: chrono::TimeDelta = chrono::TimeDelta::hours(24);
/// From this confidence the guess sets the ticket's topic (and with it its queue and
/// priority) and gives it its tag; below it, the card only shows it.
pub const APPLY_FROM: f64 = 0.6;
/// The share of examples held out to measure the accuracy the console shows.
const HELD_OUT: f64 = 0.2;

/// Each desk's model, loaded once per training.
#[derive(Clone, Default)]
pub struct IntentCache {
    desks: Arc<Mutex<HashMap<WorkspaceId, Loaded>>>,
}

impl std::fmt::Debug for IntentCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IntentCache")
    }
}

#[derive(Clone)]
struct Loaded {
    trained_at: Timestamp,
    model: Arc<IntentModel>,
}

impl IntentCache {
    /// The desk's guess for `text`; `None` when it has no model yet (or it cannot be read:
    /// logged, since a guess is a convenience, never a reason to refuse a request).
    pub async fn guess(
        &self,
        store: &Store,
        ws: WorkspaceId,
        text: &str,
    ) -> Result<Option<Prediction>, StoreError> {
        let Some(trained_at) = store.intent_model_trained_at(ws).await? else {
            return Ok(None);
        };
        let cached = {
            let desks = self.desks.lock().unwrap_or_else(|e| e.into_inner());
            desks
                .get(&ws)
                .filter(|l| l.trained_at == trained_at)
                .map(|l| l.model.clone())
        };
        let model = match cached {
            Some(model) => model,
            None => {
                let Some(stored) = store.intent_model(ws).await? else {
                    return Ok(None);
                };
                let model = match IntentModel::from_json(&stored.model) {
                    Ok(model) => Arc::new(model),
                    Err(error) => {
                        tracing::warn!(%error, "the desk's intent model cannot be read");
                        return Ok(None);
                    }
                };
                let loaded = Loaded {
                    trained_at: stored.trained_at,
                    model: model.clone(),
                };
                self.desks
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(ws, loaded);
                model
            }
        };
        Ok(Some(model.predict(text)))
    }
}

/// What one training made.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub labels: usize,
    pub examples: usize,
    pub accuracy: Option<f64>,
}

/// Retrains the desk's model when it has none or it is older than [`RETRAIN_EVERY`], and the
/// desk has enough labelled tickets. Reads, trains (on a blocking thread) and then writes in
/// one short transaction: no transaction is open while it learns.
pub async fn retrain_if_due(
    store: &Store,
    ws: WorkspaceId,
    now: Timestamp,
) -> Result<Option<Trained>, StoreError> {
    if let Some(at) = store.intent_model_trained_at(ws).await? {
        if now - at < RETRAIN_EVERY {
            return Ok(None);
        }
    }
    retrain(store, ws, now).await
}

/// Trains the desk's model from its labelled tickets now; `None` when there are too few.
pub async fn retrain(
    store: &Store,
    ws: WorkspaceId,
    now: Timestamp,
) -> Result<Option<Trained>, StoreError> {
    let questions = store.past_questions(ws, MAX_EXAMPLES).await?;
    let lessons::Lessons { examples, labels } = lessons::lessons(&questions);
    if examples.len() < MIN_EXAMPLES || labels < 2 {
        return Ok(None);
    }
    let learned = tokio::task::spawn_blocking(move || learn(&examples)).await;
    let (model, accuracy, count) = match learned {
        Ok(Ok(learned)) => learned,
        Ok(Err(error)) => {
            tracing::warn!(%error, "the desk's intent model could not be trained");
            return Ok(None);
        }
        Err(error) => {
            tracing::error!(%error, "training the intent model stopped");
            return Ok(None);
        }
    };
    let stored = StoredIntentModel {
        model: model.to_json(),
        labels: i64::try_from(labels).unwrap_or(i64::MAX),
        examples: i64::try_from(count).unwrap_or(i64::MAX),
        accuracy_pct: accuracy.map(|a| (a * 100.0).round() as i64),
        trained_at: now,
    };
    store
        .write(async |tx| tx.set_intent_model(ws, &stored).await)
        .await?;
    tracing::info!(labels, examples = count, ?accuracy, "intent model trained");
    Ok(Some(Trained {
        labels,
        examples: count,
        accuracy,
    }))
}

/// Measures on a held-out share, then trains on everything.
fn learn(
    examples: &[Example],
) -> Result<(IntentModel, Option<f64>, usize), ticketgram_understanding::Error> {
    let (train, test) = split(examples, HELD_OUT, 7);
    let accuracy = if test.is_empty() || train.is_empty() {
        None
    } else {
        let model = IntentModel::train(&train)?;
        let right = test
            .iter()
            .filter(|e| model.predict(&e.text).label == e.label)
            .count();
        Some(right as f64 / test.len() as f64)
    };
    Ok((IntentModel::train(examples)?, accuracy, examples.len()))
}
