//! Reading tickets and opening them on a client's behalf.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use ticketgram_domain::{Client, Language, Priority, Ticket, TicketNumber, TopicId};
use ticketgram_relay::from_api::{self, TicketOnBehalf};
use ticketgram_store::NewClient;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::views::{MessageView, TicketDetail, TicketView};

/// The ticket `number` of the caller's desk; another desk's ticket is simply not found.
pub(crate) async fn ticket_by_number(caller: &Caller, number: i64) -> Result<Ticket, ApiError> {
    caller
        .desk
        .store
        .find_ticket_by_number(caller.ws(), TicketNumber(number))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no ticket #{number}")))
}

pub(crate) async fn view(caller: &Caller, ticket: &Ticket) -> Result<TicketView, ApiError> {
    let client = caller
        .desk
        .store
        .get_client(caller.ws(), ticket.client)
        .await?;
    Ok(TicketView::new(ticket, &client))
}

async fn detail(caller: &Caller, ticket: &Ticket) -> Result<TicketDetail, ApiError> {
    let messages = caller
        .desk
        .store
        .ticket_messages(caller.ws(), ticket.id)
        .await?;
    Ok(TicketDetail {
        ticket: view(caller, ticket).await?,
        messages: messages
            .iter()
            .filter(|m| MessageView::is_public(m))
            .map(MessageView::new)
            .collect(),
    })
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
    ApiPath(number): ApiPath<i64>,
) -> Result<Json<TicketDetail>, ApiError> {
    let ticket = ticket_by_number(&caller, number).await?;
    Ok(Json(detail(&caller, &ticket).await?))
}

pub(crate) use crate::ticket_list::list;

/// Who the ticket is for. A client the desk has never seen needs at least a first name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClientIdentity {
    telegram_user_id: i64,
    first_name: Option<String>,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewTicketRequest {
    client: ClientIdentity,
    text: String,
    subject: Option<String>,
    topic_id: Option<i64>,
    priority: Option<String>,
    #[serde(default)]
    notify_client: bool,
}

const SUBJECT_CHARS: usize = 80;

pub(crate) async fn create(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<NewTicketRequest>,
) -> Result<(StatusCode, Json<TicketDetail>), ApiError> {
    let text = request.text.trim();
    if text.is_empty() {
        return Err(ApiError::Invalid("text must not be empty".into()));
    }
    let priority = request
        .priority
        .as_deref()
        .map(|p| p.parse::<Priority>())
        .transpose()
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    let topic = request.topic_id.map(TopicId);
    if let Some(topic) = topic {
        match caller.desk.store.get_topic(caller.ws(), topic).await {
            Err(ticketgram_store::StoreError::NotFound) => {
                return Err(ApiError::Invalid(format!("no topic {}", topic.0)))
            }
            other => other?,
        };
    }
    let now = chrono::Utc::now();
    let client = client_for(&caller, &request.client, now).await?;
    let subject = match request.subject.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => text.chars().take(SUBJECT_CHARS).collect(),
    };
    let on_behalf = TicketOnBehalf {
        topic,
        subject,
        text: text.to_string(),
        priority,
        opened_by: caller.actor(),
        notify_client: request.notify_client,
    };
    let input = caller.input().await?;
    let opened =
        from_api::open_ticket(&input.desk, &mut input.effects(), &client, &on_behalf).await?;
    input.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(detail(&caller, &opened.ticket).await?),
    ))
}

/// The known client, or a new one registered from the identity given. A known client's
/// Telegram profile is left alone: the bot keeps it current.
async fn client_for(
    caller: &Caller,
    identity: &ClientIdentity,
    now: ticketgram_domain::Timestamp,
) -> Result<Client, ApiError> {
    let store = &caller.desk.store;
    if let Some(client) = store
        .find_client_by_telegram_id(caller.ws(), identity.telegram_user_id)
        .await?
    {
        return Ok(client);
    }
    let first_name = identity
        .first_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            ApiError::Invalid(format!(
                "client {} is new to the desk: give at least client.first_name",
                identity.telegram_user_id
            ))
        })?;
    let language = match identity.language.as_deref() {
        Some(code) => Language::from_code(code)
            .ok_or_else(|| ApiError::Invalid(format!("unsupported language {code:?}")))?,
        None => Language::default(),
    };
    let new = NewClient {
        telegram_user_id: identity.telegram_user_id,
        first_name: first_name.to_string(),
        last_name: identity.last_name.clone(),
        username: identity.username.clone(),
        language,
        attributes: serde_json::json!({}),
        seen_at: now,
    };
    Ok(store
        .write(async |tx| tx.upsert_client(caller.ws(), &new).await)
        .await?)
}
