//! What a failed Bot API call means to the caller.
//!
//! teloxide drops the HTTP status and keeps Telegram's `description`, so the classification
//! goes by the description's prefix, which Telegram keeps stable ("Bad Request: ...",
//! "Forbidden: ...").

use std::time::Duration;

use teloxide_core::{ApiError, DownloadError, RequestError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TelegramError {
    /// Flood limit: wait this long, then send the same request again.
    #[error("flood limit, retry after {0:?}")]
    RetryAfter(Duration),
    /// The bot may not act there any more (blocked by the user, kicked from the chat): retrying
    /// cannot help; the conversation needs a different route.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The request itself is wrong (bad parameters, message not found, text too long):
    /// permanent for this request.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The token is wrong or revoked: nothing works until configuration changes.
    #[error("unauthorized: the bot token was refused")]
    Unauthorized,
    /// A group became a supergroup; resend to the new chat id.
    #[error("chat migrated to {0}")]
    MigratedTo(i64),
    /// Telegram failed (5xx) or answered something unexpected: transient, retry with backoff.
    #[error("telegram server error: {0}")]
    Server(String),
    /// The request did not complete (connection, timeout): transient, retry with backoff.
    #[error("network error: {0}")]
    Network(String),
    /// Another Bot API error (e.g. a webhook/getUpdates conflict).
    #[error("telegram error: {0}")]
    Other(String),
}

impl TelegramError {
    /// Whether retrying the same request later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            TelegramError::RetryAfter(_) | TelegramError::Server(_) | TelegramError::Network(_)
        )
    }

    /// `getFile` on a file over the 20 MB bots may download ("Bad Request: file is too big").
    pub fn is_file_too_big(&self) -> bool {
        matches!(self, TelegramError::BadRequest(why) if why == "file is too big")
    }

    /// The delay Telegram asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            TelegramError::RetryAfter(d) => Some(*d),
            _ => None,
        }
    }

    /// Classifies a Bot API error description.
    pub fn from_description(description: &str) -> Self {
        let d = description.to_owned();
        if let Some(rest) = description.strip_prefix("Bad Request: ") {
            TelegramError::BadRequest(rest.to_owned())
        } else if let Some(rest) = description.strip_prefix("Forbidden: ") {
            TelegramError::Forbidden(rest.to_owned())
        } else if description == "Unauthorized" || description.starts_with("Unauthorized") {
            TelegramError::Unauthorized
        } else if description.starts_with("Internal Server Error")
            || description.starts_with("Bad Gateway")
            || description.starts_with("Gateway")
            || description.starts_with("Service Unavailable")
        {
            TelegramError::Server(d)
        } else {
            TelegramError::Other(d)
        }
    }
}

fn api_description(error: &ApiError) -> String {
    match error {
        ApiError::Unknown(text) => text.clone(),
        // Known variants display exactly Telegram's description.
        other => other.to_string(),
    }
}

impl From<RequestError> for TelegramError {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Api(ApiError::InvalidToken) => TelegramError::Unauthorized,
            RequestError::Api(api) => TelegramError::from_description(&api_description(&api)),
            RequestError::RetryAfter(secs) => TelegramError::RetryAfter(secs.duration()),
            RequestError::MigrateToChatId(chat) => TelegramError::MigratedTo(chat.0),
            // teloxide strips the token from URLs in network errors before we see them.
            RequestError::Network(e) => TelegramError::Network(e.to_string()),
            RequestError::InvalidJson { source, .. } => {
                TelegramError::Server(format!("unparseable response: {source}"))
            }
            RequestError::Io(e) => TelegramError::Network(e.to_string()),
        }
    }
}

impl From<DownloadError> for TelegramError {
    fn from(error: DownloadError) -> Self {
        match error {
            DownloadError::Network(e) => TelegramError::Network(e.without_url_string()),
            DownloadError::Io(e) => TelegramError::Network(e.to_string()),
        }
    }
}

/// Download URLs contain the token (`/file/bot<token>/...`); never format one into an error.
trait WithoutUrl {
    fn without_url_string(&self) -> String;
}

impl WithoutUrl for std::sync::Arc<reqwest::Error> {
    fn without_url_string(&self) -> String {
        let kind = if self.is_timeout() {
            "timeout"
        } else if self.is_connect() {
            "connection failed"
        } else if self.is_status() {
            "unexpected HTTP status"
        } else {
            "request failed"
        };
        match self.status() {
            Some(status) => format!("{kind} ({status})"),
            None => kind.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_descriptions() {
        assert_eq!(
            TelegramError::from_description("Forbidden: bot was blocked by the user"),
            TelegramError::Forbidden("bot was blocked by the user".into())
        );
        assert!(matches!(
            TelegramError::from_description("Bad Request: chat not found"),
            TelegramError::BadRequest(_)
        ));
        assert!(TelegramError::from_description("Internal Server Error").is_transient());
        assert!(TelegramError::from_description("Bad Request: file is too big").is_file_too_big());
        let blocked = TelegramError::from(RequestError::Api(ApiError::BotBlocked));
        assert_eq!(
            blocked,
            TelegramError::Forbidden("bot was blocked by the user".into())
        );
        let flood = TelegramError::from(RequestError::RetryAfter(
            teloxide_core::types::Seconds::from_seconds(3),
        ));
        assert_eq!(flood.retry_after(), Some(Duration::from_secs(3)));
    }
}
