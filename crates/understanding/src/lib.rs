//! Understanding a client's message: which language it is in ([`language`]), what the client
//! wants ([`classifier`], trained on a desk's labelled messages) and how urgent or upset it
//! sounds ([`cues`]).
//!
//! Pure computation, like `ticketgram-domain`: callers read files and hand over text; nothing
//! here touches the network or the disk.

pub mod classifier;
pub mod cues;
mod error;
pub mod language;

pub use error::Error;
pub use language::{detect, detect_among, detect_message, Detected, Lang};
