//! Intents: what a client wants, learned from messages agents have labelled.
//!
//! Words, word pairs and in-word character n-grams are hashed (`hashing.rs`) into sublinear
//! TF-IDF vectors (`vectorize.rs`); one linear SVM per intent scores them (`svm.rs`); a
//! softmax with a fitted sharpness turns scores into probabilities (`calibrate.rs`).
//! docs/classification.md has the reasoning and the BANKING77 numbers.

mod calibrate;
mod evaluate;
mod example;
mod hashing;
mod model;
mod split;
mod stored;
mod svm;
mod tokenize;
mod train;
mod vectorize;

pub use evaluate::{evaluate, evaluate_csv, evaluate_with, Evaluation};
pub use example::{read_examples, write_examples, Example};
pub use model::{IntentModel, Prediction};
pub use split::split;
pub use train::TrainingOptions;
