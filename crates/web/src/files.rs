//! Attachments served through the console: fetched from Telegram with the client bot's token
//! (Telegram file ids belong to the bot that received them), never exposing a Telegram URL,
//! which would carry the token.

use crate::auth::{AgentUser, RequireRole};
use crate::error::WebError;
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ticketgram_domain::{MediaKind, MessageId};

pub async fn download(
    State(state): State<WebState>,
    RequireRole(_signed, _): AgentUser,
    Path((message, index)): Path<(i64, usize)>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let message = desk
        .store
        .get_message(desk.ws(), MessageId(message))
        .await?;
    let media = message.media.get(index).ok_or(WebError::NotFound)?;
    let file_id = media.file_id.as_deref().ok_or(WebError::NotFound)?;
    let bytes = state
        .telegram
        .download(file_id)
        .await
        .map_err(|e| WebError::Internal(format!("fetching a file from Telegram: {e}")))?;
    let mime = media.mime.clone().unwrap_or_else(|| match media.kind {
        MediaKind::Photo => "image/jpeg".into(),
        _ => "application/octet-stream".into(),
    });
    let name = media
        .file_name
        .clone()
        .unwrap_or_else(|| format!("{}-{}", media.kind.as_str(), message.id.0))
        .replace(['"', '\\', '\r', '\n'], "_");
    let disposition = if mime.starts_with("image/") {
        format!("inline; filename=\"{name}\"")
    } else {
        format!("attachment; filename=\"{name}\"")
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}
