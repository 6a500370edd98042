//! Urgency and sentiment from lexicon rules in English, Russian, Chinese and German.
//!
//! Each answer carries the cues that decided it, so an agent sees why a ticket was flagged and
//! can judge it. Rules are deliberately modest: no negation, no sarcasm, no other languages.

mod complaint;
mod lexicon;
mod sentiment;
mod urgency;

pub use complaint::{complaint, ComplaintCues};
pub use sentiment::{sentiment, Sentiment, SentimentCues};
pub use urgency::{urgency, Urgency, UrgencyCues};
