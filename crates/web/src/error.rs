//! What can go wrong in a request, mapped to HTTP statuses in one place. The page that says
//! so is written by `authenticate` (see [`explain`]), which knows the reader's language: a
//! handler's error travels to it inside the response.

use crate::words::Words;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ticketgram_relay::RelayError;
use ticketgram_store::StoreError;

/// Why a request was refused: a sentence of `web.ftl` (by key), or a reason the store or the
/// domain already worded (shown as it is).
#[derive(Debug, Clone)]
pub enum Why {
    Says(&'static str),
    Detail(String),
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Says(key) => f.write_str(key),
            Why::Detail(text) => f.write_str(text),
        }
    }
}

#[derive(Debug, Clone, thiserror::Error)]
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
    BadRequest(Why),
    #[error("{0}")]
    Conflict(Why),
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

impl WebError {
    /// A refused form or query, with the console's sentence `key`.
    pub fn bad(key: &'static str) -> WebError {
        WebError::BadRequest(Why::Says(key))
    }

    fn status(&self) -> StatusCode {
        match self {
            WebError::SignIn => StatusCode::SEE_OTHER,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Replayed => StatusCode::CONFLICT,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            // Not a server fault (no 5xx in the logs or alerts): the file exists, but is
            // larger than the console can fetch.
            WebError::FileTooBig(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> WebError {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Invalid(why) => WebError::BadRequest(Why::Detail(why)),
            StoreError::Transition(t) => WebError::BadRequest(Why::Detail(t.to_string())),
            StoreError::Conflict(why) => WebError::Conflict(Why::Detail(why)),
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
        let status = self.status();
        match &self {
            WebError::SignIn => {
                return (status, [(header::LOCATION, "/login")]).into_response();
            }
            WebError::Internal(details) => {
                tracing::error!(%details, "console request failed");
            }
            _ => {}
        }
        // The words come later: `authenticate` turns this into a page in the reader's
        // language. Outside it (never on the console's routes) the status line says enough.
        let mut response = (status, self.to_string()).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The sentence and the title of an error page, in `words`' language.
pub fn explain(error: &WebError, words: &Words) -> (String, String) {
    let text = match error {
        WebError::SignIn | WebError::Unauthorized => words.t("web-error-unauthorized"),
        WebError::Forbidden => words.t("web-error-forbidden"),
        WebError::Csrf => words.t("web-error-csrf"),
        WebError::NotFound => words.t("web-error-not-found"),
        WebError::BadRequest(why) | WebError::Conflict(why) => match why {
            Why::Says(key) => words.t(key),
            Why::Detail(text) => {
                words.with("web-error-refused", &[("reason", text.clone().into())])
            }
        },
        WebError::FileTooBig(text) => text.clone(),
        WebError::Internal(_) => words.t("web-error-internal"),
        WebError::Replayed => words.t("web-error-replayed"),
    };
    let title = match error.status() {
        StatusCode::BAD_REQUEST => words.t("web-error-title-bad-request"),
        StatusCode::UNAUTHORIZED => words.t("web-error-title-unauthorized"),
        StatusCode::FORBIDDEN => words.t("web-error-title-forbidden"),
        StatusCode::NOT_FOUND => words.t("web-error-title-not-found"),
        StatusCode::CONFLICT => words.t("web-error-title-conflict"),
        StatusCode::PAYLOAD_TOO_LARGE => words.t("web-error-title-too-big"),
        _ => words.t("web-error-title-internal"),
    };
    (title, text)
}

/// Replaces the plain body of an error response with its page in `words`' language.
pub fn render(mut response: Response, error: &WebError, words: &Words) -> Response {
    let (title, text) = explain(error, words);
    let page = crate::layout::bare(words, &title, &text);
    *response.body_mut() = axum::body::Body::from(page.0);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}
