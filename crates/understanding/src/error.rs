//! What can go wrong when a desk trains, evaluates or loads an intent classifier.

/// Errors of the classifier (language detection and cues cannot fail: they answer `None` or
/// nothing matched).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("reading labelled examples: {0}")]
    Csv(#[from] csv::Error),
    #[error(
        "the labelled examples have no `{0}` column (expected `text` and `category` or `label`)"
    )]
    MissingColumn(&'static str),
    #[error("no labelled examples to train on")]
    NoExamples,
    #[error("training needs at least two intents, got {0}")]
    TooFewIntents(usize),
    #[error("invalid training options: {0}")]
    InvalidOptions(&'static str),
    #[error("no examples to evaluate on")]
    NoTestExamples,
    #[error("the stored model is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the stored model is damaged: {0}")]
    DamagedModel(String),
}
