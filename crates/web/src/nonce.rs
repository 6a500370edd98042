//! One nonce per rendered form. A console form is one input: its nonce names it, so posting
//! the same form twice (a double click, the browser re-sending after a dropped answer)
//! applies it once (see `ticketgram_relay::Input`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maud::{html, Markup};
use std::convert::Infallible;

/// The nonce a posted form carried, put in the request by the CSRF check that reads the
/// form. A request without one (a script posting with the CSRF header) gets a fresh value:
/// it cannot be told apart from a second post anyway.
#[derive(Debug, Clone)]
pub struct FormNonce(pub String);

impl<S: Send + Sync> FromRequestParts<S> for FormNonce {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<FormNonce, Infallible> {
        Ok(parts
            .extensions
            .get::<FormNonce>()
            .cloned()
            .unwrap_or_else(|| FormNonce(ticketgram_store::random_token())))
    }
}

/// The hidden field every form carries with its CSRF token.
pub fn field() -> Markup {
    html! { input type="hidden" name="nonce" value=(ticketgram_store::random_token()); }
}

/// Only printable ASCII of a sane length is kept; anything else is replaced by a fresh value.
pub fn accept(given: &str) -> Option<FormNonce> {
    (!given.is_empty() && given.len() <= 128 && given.bytes().all(|b| b.is_ascii_graphic()))
        .then(|| FormNonce(given.to_string()))
}
