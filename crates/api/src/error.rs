//! Every error a caller of the API can get, each with its HTTP status and a stable snake_case
//! code, mapped in this one place. Bodies look like
//! `{"error": {"code": "not_found", "message": "no ticket #1042"}}`.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use ticketgram_relay::RelayError;
use ticketgram_store::StoreError;

use crate::scope::Scope;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No token, a token we do not know, or a revoked one.
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("this token lacks the {0} scope")]
    MissingScope(Scope),
    #[error("{0}")]
    NotFound(String),
    /// The request could not be read (bad JSON, a query parameter of the wrong type).
    #[error("{0}")]
    Malformed(String),
    /// Well-formed but not acceptable (an unknown status, an empty text).
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    /// The ticket cannot move to that status from where it is.
    #[error("{0}")]
    Transition(String),
    #[error("this Idempotency-Key was already used for a different request")]
    IdempotencyKeyReused,
    #[error("a request with this Idempotency-Key is still being processed")]
    IdempotencyInProgress,
    /// Details are logged, never shown.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::MissingScope(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) | ApiError::IdempotencyKeyReused => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::Conflict(_) | ApiError::Transition(_) | ApiError::IdempotencyInProgress => {
                StatusCode::CONFLICT
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated(_) => "unauthenticated",
            ApiError::MissingScope(_) => "insufficient_scope",
            ApiError::NotFound(_) => "not_found",
            ApiError::Malformed(_) => "malformed_request",
            ApiError::Invalid(_) => "invalid_request",
            ApiError::Conflict(_) => "conflict",
            ApiError::Transition(_) => "invalid_transition",
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::IdempotencyInProgress => "idempotency_in_progress",
            ApiError::Internal(_) => "internal",
        }
    }

    /// Every code, for the OpenAPI document and its test.
    pub const CODES: [&'static str; 10] = [
        "unauthenticated",
        "insufficient_scope",
        "not_found",
        "malformed_request",
        "invalid_request",
        "conflict",
        "invalid_transition",
        "idempotency_key_reused",
        "idempotency_in_progress",
        "internal",
    ];

    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::NotFound(what.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "API request failed");
        }
        let body = serde_json::json!({
            "error": { "code": self.code(), "message": self.to_string() }
        });
        (self.status(), Json(body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound => ApiError::NotFound("not found".into()),
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Transition(e) => ApiError::Transition(e.to_string()),
            StoreError::Invalid(m) => ApiError::Invalid(m),
            StoreError::Database(e) => ApiError::Internal(e.to_string()),
            e @ StoreError::Fault(_) => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<RelayError> for ApiError {
    fn from(error: RelayError) -> ApiError {
        match error {
            RelayError::Store(e) => e.into(),
            RelayError::AlreadyApplied => {
                ApiError::Conflict("this request was already applied".into())
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    /// Unreadable JSON is malformed; JSON of the wrong shape (a missing or unknown field) is
    /// invalid, as axum itself distinguishes them.
    fn from(rejection: JsonRejection) -> ApiError {
        if rejection.status() == StatusCode::UNPROCESSABLE_ENTITY {
            ApiError::Invalid(rejection.body_text())
        } else {
            ApiError::Malformed(rejection.body_text())
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::Malformed(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError::Malformed(rejection.body_text())
    }
}
