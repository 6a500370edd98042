//! `Idempotency-Key` on POSTs: a retried request (the network dropped the first answer)
//! gets the first request's answer instead of opening a second ticket or sending a second
//! reply. Keys are per token; a key reused with a different body is refused. Answers of 5xx
//! are not kept, so a failed request can be retried with the same key.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use ticketgram_store::IdempotentReplay;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::ApiState;

pub const HEADER: &str = "idempotency-key";
/// Set on an answer that is a replay of the first one.
pub const REPLAYED: &str = "idempotent-replayed";
/// Request bodies larger than this are refused (they are buffered to be hashed).
const MAX_BODY: usize = 1 << 20;

pub(crate) async fn replay_or_record(
    State(state): State<ApiState>,
    mut request: Request,
    next: Next,
) -> Response {
    let key = match request.headers().get(HEADER) {
        None => return next.run(request).await,
        Some(value) => match value.to_str() {
            Ok(key) if crate::rules::idempotency_key_ok(key) => key.to_string(),
            _ => {
                return ApiError::Malformed(
                    "Idempotency-Key must be 1 to 255 printable ASCII characters, no spaces".into(),
                )
                .into_response()
            }
        },
    };
    let Some(caller) = request.extensions_mut().get_mut::<Caller>().map(|caller| {
        caller.idempotency_key = Some(key.clone());
        caller.clone()
    }) else {
        return next.run(request).await;
    };
    match run_once(&state, &caller, &key, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn run_once(
    state: &ApiState,
    caller: &Caller,
    key: &str,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::Malformed("the request body is too large".into()))?;
    let mut digest = Sha256::new();
    digest.update(parts.method.as_str());
    digest.update(b" ");
    digest.update(parts.uri.path());
    digest.update(b"\n");
    digest.update(&bytes);
    let request_hash = hex::encode(digest.finalize());
    let (ws, token) = (caller.ws(), caller.token.id);
    let now = chrono::Utc::now();
    match state
        .store
        .begin_idempotent(ws, token, key, &request_hash, now)
        .await?
    {
        IdempotentReplay::First => {}
        IdempotentReplay::Mismatch => return Err(ApiError::IdempotencyKeyReused),
        IdempotentReplay::InProgress => return Err(ApiError::IdempotencyInProgress),
        IdempotentReplay::Done { status, body } => {
            let status = StatusCode::from_u16(status)
                .map_err(|_| ApiError::Internal(format!("stored status {status}")))?;
            let mut response = (status, body).into_response();
            let headers = response.headers_mut();
            headers.insert(
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert(REPLAYED, HeaderValue::from_static("true"));
            return Ok(response);
        }
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX)
        .await
        .map_err(|e| ApiError::Internal(format!("reading our own answer: {e}")))?;
    if parts.status.is_server_error() {
        state.store.abandon_idempotent(ws, token, key).await?;
    } else {
        let text = String::from_utf8_lossy(&bytes);
        let status = parts.status.as_u16();
        state
            .store
            .write(async |tx| tx.finish_idempotent(ws, token, key, status, &text).await)
            .await?;
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}
