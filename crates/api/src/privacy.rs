//! A client's data on request: the export (everything the desk holds about them, as a zip) and
//! the erasure (their personal data and conversations removed, the statistics kept). Both are
//! the relay's, shared with the console (docs/privacy.md).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use ticketgram_relay::actions::{erase, export};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiPath;
use crate::rules;

async fn client(
    caller: &Caller,
    telegram_user_id: i64,
) -> Result<ticketgram_domain::Client, ApiError> {
    let telegram_user_id = rules::telegram_user_id(telegram_user_id)?;
    caller
        .desk
        .store
        .find_client_by_telegram_id(caller.ws(), telegram_user_id)
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!("no client with Telegram id {telegram_user_id}"))
        })
}

pub(crate) async fn export(
    Extension(caller): Extension<Caller>,
    axum::extract::State(state): axum::extract::State<crate::ApiState>,
    ApiPath(telegram_user_id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let client = client(&caller, telegram_user_id).await?;
    // The desk's own bot fetches its clients' files; the instance's for the default desk.
    let telegram = caller
        .desk
        .telegram
        .as_ref()
        .or(state.telegram.as_ref())
        .ok_or_else(|| ApiError::Internal("no Telegram client to fetch files with".into()))?;
    let bytes = export::export(&caller.desk, telegram, &client, chrono::Utc::now())
        .await
        .map_err(|e| match e {
            export::ExportError::Relay(e) => e.into(),
            other => ApiError::Internal(other.to_string()),
        })?;
    let disposition = format!(
        "attachment; filename=\"client-{}-export.zip\"",
        client.telegram_user_id
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Serialize)]
pub(crate) struct Erasure {
    erased: bool,
    tickets: u64,
    messages: u64,
}

/// Irreversible, so it needs its own scope (`clients:erase`). A second request for the same
/// client finds no one by that Telegram id any more (404): the first one erased it.
pub(crate) async fn erase(
    Extension(caller): Extension<Caller>,
    ApiPath(telegram_user_id): ApiPath<i64>,
) -> Result<Json<Erasure>, ApiError> {
    let client = client(&caller, telegram_user_id).await?;
    let input = caller.input().await?;
    let mut fx = input.effects();
    let outcome = erase::erase(&input.desk, &mut fx, &client, caller.actor()).await?;
    drop(fx);
    input.commit().await?;
    Ok(Json(match outcome {
        erase::Outcome::Erased(done) => Erasure {
            erased: true,
            tickets: done.tickets,
            messages: done.messages,
        },
        erase::Outcome::AlreadyErased => Erasure {
            erased: false,
            tickets: 0,
            messages: 0,
        },
    }))
}
