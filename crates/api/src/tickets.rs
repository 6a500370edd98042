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
use crate::rules;
use crate::views::{FieldView, MessageView, TicketDetail, TicketView};

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
    let fields = caller
        .desk
        .store
        .ticket_fields(caller.ws(), ticket.id)
        .await?;
    Ok(TicketDetail {
        ticket: view(caller, ticket).await?,
        fields: fields
            .iter()
            .map(|field| FieldView::new(field, &messages))
            .collect(),
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
    #[serde(deserialize_with = "rules::whole_number")]
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
    #[serde(default, deserialize_with = "rules::optional_whole_number")]
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
    let text = rules::not_blank("text", &request.text)?;
    let identity = request.client.checked()?;
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
                return Err(ApiError::not_found(format!("no topic {}", topic.0)))
            }
            other => other?,
        };
    }
    let now = chrono::Utc::now();
    let client = client_for(&caller, &identity, now).await?;
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

impl ClientIdentity {
    /// Every field given is checked, also for a client the desk knows (whose profile is then
    /// left alone): a request is refused or accepted for what it says, not for who it names.
    fn checked(&self) -> Result<CheckedIdentity, ApiError> {
        Ok(CheckedIdentity {
            telegram_user_id: rules::telegram_user_id(self.telegram_user_id)?,
            first_name: self
                .first_name
                .as_deref()
                .map(|name| rules::not_blank("client.first_name", name).map(str::to_string))
                .transpose()?,
            last_name: self.last_name.clone(),
            username: self.username.clone(),
            language: self.language.as_deref().map(rules::language).transpose()?,
        })
    }
}

struct CheckedIdentity {
    telegram_user_id: i64,
    first_name: Option<String>,
    last_name: Option<String>,
    username: Option<String>,
    language: Option<Language>,
}

/// The known client, or a new one registered from the identity given. A known client's
/// Telegram profile is left alone: the bot keeps it current. A client the desk does not know,
/// without a first name to register them by, is not found.
async fn client_for(
    caller: &Caller,
    identity: &CheckedIdentity,
    now: ticketgram_domain::Timestamp,
) -> Result<Client, ApiError> {
    let store = &caller.desk.store;
    if let Some(client) = store
        .find_client_by_telegram_id(caller.ws(), identity.telegram_user_id)
        .await?
    {
        return Ok(client);
    }
    let first_name = identity.first_name.clone().ok_or_else(|| {
        ApiError::not_found(format!(
            "client {} is new to the desk: give client.first_name to register them",
            identity.telegram_user_id
        ))
    })?;
    let new = NewClient {
        telegram_user_id: identity.telegram_user_id,
        first_name,
        last_name: identity.last_name.clone(),
        username: identity.username.clone(),
        language: identity.language.unwrap_or_default(),
        attributes: serde_json::json!({}),
        seen_at: now,
    };
    Ok(store
        .write(async |tx| tx.upsert_client(caller.ws(), &new).await)
        .await?)
}
