//! Acting on a ticket: replying to the client and changing its status.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use ticketgram_domain::{Actor, TicketStatus};
use ticketgram_relay::actions;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath};
use crate::tickets::{ticket_by_number, view};
use crate::views::{MessageView, TicketView};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewReply {
    text: String,
}

/// The reply goes to the client through the client bot, signed like an agent's reply from
/// Telegram; it is recorded as written by the token's creator. A token created without an
/// agent cannot reply (`invalid_request`): clients are always answered by someone.
pub(crate) async fn reply(
    Extension(caller): Extension<Caller>,
    ApiPath(number): ApiPath<i64>,
    ApiJson(request): ApiJson<NewReply>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let text = crate::rules::not_blank("text", &request.text)?;
    let ticket = ticket_by_number(&caller, number).await?;
    let input = caller.input().await?;
    let mut fx = input.effects();
    let id = actions::reply(&input.desk, &mut fx, ticket.id, caller.agent(), text).await?;
    drop(fx);
    input.commit().await?;
    let message = caller.desk.store.get_message(caller.ws(), id).await?;
    Ok((StatusCode::CREATED, Json(MessageView::new(&message))))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusChangeRequest {
    status: String,
}

pub(crate) async fn change_status(
    Extension(caller): Extension<Caller>,
    ApiPath(number): ApiPath<i64>,
    ApiJson(request): ApiJson<StatusChangeRequest>,
) -> Result<Json<TicketView>, ApiError> {
    let to: TicketStatus = request
        .status
        .parse()
        .map_err(|_| ApiError::Invalid(format!("unknown status {:?}", request.status)))?;
    let ticket = ticket_by_number(&caller, number).await?;
    let input = caller.input().await?;
    let mut fx = input.effects();
    match caller.agent() {
        Some(agent) => {
            actions::change_status_as_agent(&input.desk, &mut fx, ticket.id, to, agent).await?;
        }
        // An integration acting in nobody's name: the history says "system", the thread
        // names the token.
        None => {
            let name = &caller.token.name;
            actions::change_status(&input.desk, &mut fx, ticket.id, to, Actor::System, name)
                .await?;
        }
    }
    drop(fx);
    input.commit().await?;
    let changed = caller.desk.store.get_ticket(caller.ws(), ticket.id).await?;
    Ok(Json(view(&caller, &changed).await?))
}
