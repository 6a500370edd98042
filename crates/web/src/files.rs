//! Attachments served through the console: fetched from Telegram with the client bot's token
//! (Telegram file ids belong to the bot that received them), never exposing a Telegram URL,
//! which would carry the token.
//!
//! A client's file must never run in the console's origin (stored XSS): what the browser gets
//! is decided by the bytes (`attachment`), and every file carries its own
//! `Content-Security-Policy: default-src 'none'; sandbox`, so even a browser that rendered it
//! would give it an opaque origin and no script.

use crate::attachment;
use crate::auth::{AgentUser, RequireRole};
use crate::error::WebError;
use crate::headers::ATTACHMENT_CSP;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ticketgram_domain::MessageId;
use ticketgram_telegram::MAX_DOWNLOAD_BYTES;

pub async fn download(
    State(state): State<WebState>,
    RequireRole(_signed, _): AgentUser,
    words: Words,
    Path((message, index)): Path<(i64, usize)>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let message = desk
        .store
        .get_message(desk.ws(), MessageId(message))
        .await?;
    let media = message.media.get(index).ok_or(WebError::NotFound)?;
    let file_id = media.file_id.as_deref().ok_or(WebError::NotFound)?;
    // Telegram lets bots download 20 MB at most: say so rather than fail.
    let too_big = || {
        let limit = (MAX_DOWNLOAD_BYTES / (1024 * 1024)) as i64;
        WebError::FileTooBig(words.with("console-file-too-big", &[("limit", limit.into())]))
    };
    if media
        .size
        .is_some_and(|size| size as u64 > MAX_DOWNLOAD_BYTES)
    {
        return Err(too_big());
    }
    let bytes = match state.telegram.download(file_id).await {
        Ok(bytes) => bytes,
        Err(e) if e.is_file_too_big() => return Err(too_big()),
        Err(e) => {
            return Err(WebError::Internal(format!(
                "fetching a file from Telegram: {e}"
            )))
        }
    };
    let name = media
        .file_name
        .clone()
        .unwrap_or_else(|| format!("{}-{}", media.kind.as_str(), message.id.0));
    let (mime, disposition) = attachment::headers_for(&bytes, &name);
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_SECURITY_POLICY, ATTACHMENT_CSP.to_string()),
        ],
        bytes,
    )
        .into_response())
}
