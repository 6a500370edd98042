//! Why a translation did not happen. Whatever the variant, the relay does the same with the
//! message — it goes through untranslated and marked, never lost — and uses the variant only
//! to decide whether a later attempt may help ([`TranslateError::is_transient`]) and what to
//! tell the operator (the `Display` text, which never contains the API key).

use std::time::Duration;

use crate::config::ConfigError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslateError {
    #[error("the translation service did not answer within {after_ms} ms")]
    Timeout { after_ms: u64 },
    #[error("the translation service asks to slow down (HTTP 429){}", retry_hint(*retry_after))]
    RateLimited { retry_after: Option<Duration> },
    /// The account's character allowance at the provider is spent (DeepL's HTTP 456, an
    /// OpenAI account without credit, Google's daily limit). Not the desk's own daily quota,
    /// which is checked before any call ([`crate::Quota`]).
    #[error("the translation account's quota is used up: {detail}")]
    QuotaExceeded { detail: String },
    #[error("the translation service refused the API key (HTTP {status}): check the key in the desk's translation settings")]
    Unauthorized { status: u16 },
    #[error("the translation service refused the request (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },
    #[error("the translation service is unavailable (HTTP {status})")]
    Unavailable { status: u16 },
    #[error("the translation service's answer is not what it should be: {0}")]
    Malformed(String),
    #[error("the translation service's answer is larger than {} KiB", crate::http::MAX_BODY / 1024)]
    Oversized,
    #[error("cannot connect to the translation service")]
    Connection,
    #[error("the translation service's address is not allowed: outgoing calls go only to public addresses (or the networks the operator allowed)")]
    Refused,
    /// The provider lost or mangled a glossary placeholder and the term is nowhere in its
    /// answer: sending that translation would drop a word the desk cares about.
    #[error("the translation lost the glossary term {term:?}")]
    GlossaryLost { term: String },
    #[error("the text is too long to translate in one call ({chars} characters; at most {max})")]
    TooLong { chars: usize, max: usize },
    #[error("the translation settings are not valid: {0}")]
    Misconfigured(ConfigError),
}

impl TranslateError {
    /// Whether the same call may succeed later without anyone changing anything: a timeout,
    /// a rate limit, an outage or a dropped connection. The rest needs a person (a key, a
    /// quota, a setting) or will fail the same way again (a malformed answer, a lost term).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            TranslateError::Timeout { .. }
                | TranslateError::RateLimited { .. }
                | TranslateError::Unavailable { .. }
                | TranslateError::Connection
        )
    }

    /// How long the provider asked to wait, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            TranslateError::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    retry_after.map_or_else(String::new, |wait| {
        format!("; retry after {} s", wait.as_secs())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_time_heals_is_transient() {
        let transient = [
            TranslateError::Timeout { after_ms: 1 },
            TranslateError::RateLimited { retry_after: None },
            TranslateError::Unavailable { status: 503 },
            TranslateError::Connection,
        ];
        assert!(transient.iter().all(TranslateError::is_transient));
        let lasting = [
            TranslateError::QuotaExceeded {
                detail: "456".into(),
            },
            TranslateError::Unauthorized { status: 403 },
            TranslateError::Rejected {
                status: 400,
                detail: "bad target".into(),
            },
            TranslateError::Malformed("x".into()),
            TranslateError::Oversized,
            TranslateError::Refused,
            TranslateError::GlossaryLost {
                term: "escrow".into(),
            },
        ];
        assert!(!lasting.iter().any(TranslateError::is_transient));
    }

    #[test]
    fn a_rate_limit_says_how_long_to_wait() {
        let limited = TranslateError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(30)));
        assert!(limited.to_string().ends_with("retry after 30 s"));
    }
}
