//! Telegram's error envelope, and the sandbox's own control-API error.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered to a bot exactly as Telegram shapes it:
/// `{"ok":false,"error_code":N,"description":"..."}` plus `parameters.retry_after` on 429.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code} {description}")]
pub struct ApiError {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u64>,
    /// `parameters.migrate_to_chat_id`: the group was upgraded to this supergroup.
    pub migrate_to_chat_id: Option<i64>,
}

impl ApiError {
    fn new(code: u16, description: impl Into<String>) -> Self {
        Self {
            code,
            description: description.into(),
            retry_after: None,
            migrate_to_chat_id: None,
        }
    }

    /// `detail` is the part after Telegram's "Bad Request: " prefix.
    pub fn bad_request(detail: impl std::fmt::Display) -> Self {
        Self::new(400, format!("Bad Request: {detail}"))
    }

    pub fn forbidden(detail: impl std::fmt::Display) -> Self {
        Self::new(403, format!("Forbidden: {detail}"))
    }

    pub fn unauthorized() -> Self {
        Self::new(401, "Unauthorized")
    }

    pub fn not_found() -> Self {
        Self::new(404, "Not Found")
    }

    pub fn conflict(detail: impl std::fmt::Display) -> Self {
        Self::new(409, format!("Conflict: {detail}"))
    }

    pub fn too_many_requests(retry_after: u64) -> Self {
        Self {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
            migrate_to_chat_id: None,
        }
    }

    /// A call to a basic group that became a supergroup: the bot must use the new id.
    pub fn migrated(to: i64) -> Self {
        Self {
            migrate_to_chat_id: Some(to),
            ..Self::bad_request("group chat was upgraded to a supergroup chat")
        }
    }

    pub fn internal() -> Self {
        Self::new(500, "Internal Server Error")
    }

    pub fn chat_not_found() -> Self {
        Self::bad_request("chat not found")
    }

    pub fn wrong_file_id() -> Self {
        Self::bad_request("wrong file identifier/HTTP URL specified")
    }

    pub fn body(&self) -> serde_json::Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(secs) = self.retry_after {
            body["parameters"] = json!({ "retry_after": secs });
        }
        if let Some(chat) = self.migrate_to_chat_id {
            body["parameters"] = json!({ "migrate_to_chat_id": chat });
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.body())).into_response()
    }
}

/// A control-API call that the world cannot carry out, e.g. a user pressing a button that
/// does not exist. Tests see these as `Err`, HTTP callers as 4xx with `{"error": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    #[error("unknown user {0}")]
    UnknownUser(i64),
    #[error("unknown bot {0}")]
    UnknownBot(i64),
    #[error("unknown chat {0}")]
    UnknownChat(String),
    #[error("message {message_id} not found in chat {chat}")]
    UnknownMessage { chat: String, message_id: i64 },
    #[error("no inline button with callback_data {0:?} on that message")]
    NoSuchButton(String),
    #[error("no reply keyboard button {0} is shown in that chat")]
    NoSuchKeyboardButton(String),
    #[error("not allowed: {0}")]
    NotAllowed(String),
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("timed out: {0}")]
    Timeout(String),
}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        let status = match self {
            ControlError::UnknownUser(_)
            | ControlError::UnknownBot(_)
            | ControlError::UnknownChat(_)
            | ControlError::UnknownMessage { .. }
            | ControlError::NoSuchButton(_)
            | ControlError::NoSuchKeyboardButton(_) => StatusCode::NOT_FOUND,
            ControlError::NotAllowed(_) => StatusCode::FORBIDDEN,
            ControlError::Invalid(_) => StatusCode::BAD_REQUEST,
            ControlError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}
