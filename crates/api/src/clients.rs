//! Clients by Telegram user id, and the attributes the platform keeps on them.

use axum::{Extension, Json};
use serde::Deserialize;
use ticketgram_domain::Client;
use ticketgram_store::NewClient;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::rules;
use crate::views::ClientView;

async fn client_by_telegram_id(caller: &Caller, telegram_user_id: i64) -> Result<Client, ApiError> {
    caller
        .desk
        .store
        .find_client_by_telegram_id(caller.ws(), telegram_user_id)
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!("no client with Telegram id {telegram_user_id}"))
        })
}

async fn client_view(caller: &Caller, client: &Client) -> Result<ClientView, ApiError> {
    let attributes = caller
        .desk
        .store
        .client_attributes(caller.ws(), client.id)
        .await?;
    Ok(ClientView::new(client, attributes))
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
    ApiPath(telegram_user_id): ApiPath<i64>,
) -> Result<Json<ClientView>, ApiError> {
    let telegram_user_id = rules::telegram_user_id(telegram_user_id)?;
    let client = client_by_telegram_id(&caller, telegram_user_id).await?;
    Ok(Json(client_view(&caller, &client).await?))
}

/// The attributes, and the profile to register the client with if the desk does not know
/// them yet (ignored for a known client: their Telegram profile is the bot's to keep).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClientAttributesRequest {
    attributes: serde_json::Map<String, serde_json::Value>,
    first_name: Option<String>,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
}

pub(crate) async fn put_attributes(
    Extension(caller): Extension<Caller>,
    ApiPath(telegram_user_id): ApiPath<i64>,
    ApiJson(request): ApiJson<ClientAttributesRequest>,
) -> Result<Json<ClientView>, ApiError> {
    let telegram_user_id = rules::telegram_user_id(telegram_user_id)?;
    // Checked whether or not the client is known: the request is judged by what it says.
    let first_name = request
        .first_name
        .as_deref()
        .map(|name| rules::not_blank("first_name", name).map(str::to_string))
        .transpose()?;
    let language = request
        .language
        .as_deref()
        .map(rules::language)
        .transpose()?;
    let store = &caller.desk.store;
    let attributes = serde_json::Value::Object(request.attributes);
    let known = store
        .find_client_by_telegram_id(caller.ws(), telegram_user_id)
        .await?;
    let client = match known {
        Some(client) => client,
        None => {
            let first_name = first_name.ok_or_else(|| {
                ApiError::not_found(format!(
                    "no client with Telegram id {telegram_user_id}: give first_name to register them"
                ))
            })?;
            let new = NewClient {
                telegram_user_id,
                first_name,
                last_name: request.last_name.clone(),
                username: request.username.clone(),
                language: language.unwrap_or_default(),
                attributes: attributes.clone(),
                seen_at: chrono::Utc::now(),
            };
            store
                .write(async |tx| tx.upsert_client(caller.ws(), &new).await)
                .await?
        }
    };
    // Also for a client registered just now: another request may have registered them first.
    store
        .write(async |tx| {
            tx.set_client_attributes(caller.ws(), client.id, &attributes)
                .await
        })
        .await?;
    Ok(Json(client_view(&caller, &client).await?))
}
