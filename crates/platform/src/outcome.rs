//! What a lookup comes to. Every failure is a value, never a panic or an error to bubble up:
//! the client bot shows the client a clear message and hands the conversation to a human,
//! keeping what the client wrote.

use std::collections::BTreeMap;

use crate::config::ConfigError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupOutcome {
    /// The platform knows the order. `fields` holds the configured fields it sent (a field it
    /// did not send, or sent as `null`, is absent); `text` is the status template rendered.
    Found {
        fields: BTreeMap<String, String>,
        text: String,
    },
    /// The platform answered 404: no such order.
    NotFound,
    /// The order number cannot be one: it fails the desk's pattern, is empty or too long, or
    /// would change the URL's path (`..`). The platform was not called.
    Invalid,
    /// No answer to show: a human takes over.
    Unavailable(Reason),
}

impl LookupOutcome {
    /// For the dispute form: `Some(true)` the order exists, `Some(false)` it does not (or
    /// cannot), `None` the platform could not say, so the form goes on and a human checks.
    pub fn confirms_order(&self) -> Option<bool> {
        match self {
            LookupOutcome::Found { .. } => Some(true),
            LookupOutcome::NotFound | LookupOutcome::Invalid => Some(false),
            LookupOutcome::Unavailable(_) => None,
        }
    }
}

/// Why the platform's answer is not available, for the operator (the text is theirs; the
/// client sees a translated "we'll look into it"). No text names the secret, the signature,
/// or what the connection error was exactly (that goes to the log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("the platform did not answer within {after_ms} ms")]
    Timeout { after_ms: u64 },
    #[error("the platform's address is not allowed: outgoing calls go only to public addresses")]
    Refused,
    #[error("the platform answered HTTP {status}{}", status_hint(*status))]
    Status { status: u16 },
    #[error("the platform's answer is not what the lookup expects: {0}")]
    Malformed(String),
    #[error("the platform's answer is larger than {} KiB", crate::response::MAX_BODY / 1024)]
    Oversized,
    #[error("cannot connect to the platform")]
    Connection,
    #[error("the lookup's configuration is not valid: {0}")]
    Misconfigured(ConfigError),
}

fn status_hint(status: u16) -> &'static str {
    match status {
        300..=399 => " (a redirect, which lookups do not follow: fix the URL)",
        401 | 403 => {
            " (check that the desk and the platform share the same secret, and both clocks)"
        }
        _ => "",
    }
}
