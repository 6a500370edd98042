//! What the bot gives the engine: the client's messages and presses, and the results of what
//! the engine asked it to do (a lookup, a knowledge search).

use ticketgram_domain::MediaKind;

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `/start`: back to the top, whatever the client was doing.
    Start,
    Text(String),
    /// A flow button's `callback_data` (see `is_flow_button`).
    Button(String),
    Media {
        kind: MediaKind,
        file_id: String,
    },
    /// The client finished sending files (a typed "Done" the bot recognised).
    Done,
    /// The client asked for a human (a typed label the bot recognised, a command).
    Human,
    Back,
    /// Say the current step again: after a language change, or after the bot's own screen.
    Repeat,
    /// The client went quiet midway (the bot decides after how long): the form is abandoned
    /// at the step they were at, and the next message starts afresh.
    Expire,
    /// The answer to `Effect::Lookup`.
    LookupResult(LookupResult),
    /// The answer to `Effect::SearchKnowledge`: how many articles the bot showed.
    KnowledgeResult {
        articles: usize,
    },
    /// "Did this answer your question?" (a typed yes/no the bot recognised).
    Answered(bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupResult {
    /// `details`: the platform's summary, shown with `{field.details}` and attached to the
    /// ticket.
    Found {
        details: String,
    },
    NotFound,
    /// The platform did not answer in time, or the desk has no lookup configured.
    Failed,
}
