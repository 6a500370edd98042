//! What can go wrong in a request, mapped to HTTP statuses in one place.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use ticketgram_relay::RelayError;
use ticketgram_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Nobody is signed in and the page is for agents: go to the sign-in page.
    #[error("sign in first")]
    SignIn,
    /// Nobody is signed in (a POST or a stream): no redirect, just 401.
    #[error("not signed in")]
    Unauthorized,
    #[error("your role cannot open this")]
    Forbidden,
    #[error("the form is stale or forged (CSRF token mismatch)")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    /// A client's file over the size Telegram lets bots download; the text says so in the
    /// agent's language.
    #[error("{0}")]
    FileTooBig(String),
    #[error("internal error")]
    Internal(String),
    /// The same form (same nonce) was posted before and applied then.
    #[error("this form was already sent")]
    Replayed,
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> WebError {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Invalid(why) => WebError::BadRequest(why),
            StoreError::Transition(t) => WebError::BadRequest(t.to_string()),
            StoreError::Conflict(why) => WebError::Conflict(why),
            other @ (StoreError::Database(_) | StoreError::Fault(_)) => {
                WebError::Internal(other.to_string())
            }
        }
    }
}

impl From<RelayError> for WebError {
    fn from(e: RelayError) -> WebError {
        match e {
            RelayError::AlreadyApplied => WebError::Replayed,
            RelayError::Store(e) => e.into(),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = match &self {
            WebError::SignIn => {
                return (StatusCode::SEE_OTHER, [(header::LOCATION, "/login")]).into_response()
            }
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Replayed => StatusCode::CONFLICT,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            // Not a server fault (no 5xx in the logs or alerts): the file exists, but is
            // larger than the console can fetch.
            WebError::FileTooBig(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Internal(details) => {
                tracing::error!(%details, "console request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let page = crate::layout::bare(&status.to_string(), &self.to_string());
        (status, page).into_response()
    }
}
