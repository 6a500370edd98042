//! The events integrations receive, built from the history the relay already wrote.
//!
//! Every body has the same envelope: `{"id", "type", "created_at", "workspace_id", "data"}`.
//! `id` is stable ("ticket_event:42", "message:7"), so a receiver can drop a repeat (delivery
//! is at least once). Internal notes and system messages never become events.

use serde_json::json;
use ticketgram_domain::{Message, MessageDirection, Ticket, Timestamp, WorkspaceId};
use ticketgram_store::{NewWebhookEvent, Store, StoreError, TicketEvent};

use crate::views::{MessageView, TicketView};

pub const TICKET_CREATED: &str = "ticket.created";
pub const MESSAGE_CREATED: &str = "message.created";
pub const STATUS_CHANGED: &str = "ticket.status_changed";
pub const TICKET_RATED: &str = "ticket.rated";
/// A self-service dispute form was submitted: the platform tells the counterparty
/// (docs/platform.md).
pub const DISPUTE_ACCEPTED: &str = "dispute.accepted";

pub const EVENT_TYPES: [&str; 5] = [
    TICKET_CREATED,
    MESSAGE_CREATED,
    STATUS_CHANGED,
    TICKET_RATED,
    DISPUTE_ACCEPTED,
];

fn envelope(
    id: String,
    event_type: &str,
    ws: WorkspaceId,
    at: Timestamp,
    data: serde_json::Value,
) -> NewWebhookEvent {
    let payload = json!({
        "id": id,
        "type": event_type,
        "created_at": at,
        "workspace_id": ws.0,
        "data": data,
    });
    NewWebhookEvent {
        event_id: id,
        event_type: event_type.to_string(),
        payload: payload.to_string(),
    }
}

async fn ticket_view(
    store: &Store,
    ws: WorkspaceId,
    ticket: &Ticket,
) -> Result<TicketView, StoreError> {
    let client = store.get_client(ws, ticket.client).await?;
    Ok(TicketView::new(ticket, &client))
}

/// The event a history row stands for, if integrations are told about that kind.
pub(crate) async fn from_ticket_event(
    store: &Store,
    ws: WorkspaceId,
    event: &TicketEvent,
) -> Result<Option<NewWebhookEvent>, StoreError> {
    let event_type = match event.kind.as_str() {
        "created" => TICKET_CREATED,
        "status_changed" => STATUS_CHANGED,
        "rated" => TICKET_RATED,
        "dispute_accepted" => DISPUTE_ACCEPTED,
        _ => return Ok(None),
    };
    let ticket = store.get_ticket(ws, event.ticket).await?;
    let view = serde_json::to_value(ticket_view(store, ws, &ticket).await?)?;
    let data = match event_type {
        STATUS_CHANGED => json!({
            "ticket": view,
            "from": event.from,
            "to": event.to,
            "actor": event.actor,
        }),
        TICKET_RATED => json!({
            "ticket": view,
            "rating": event.details.get("rating"),
            "comment": event.details.get("comment"),
        }),
        // The details were written with the hand-off: the dispute as the client submitted
        // it, and when the desk promised a first answer.
        DISPUTE_ACCEPTED => json!({ "ticket": view, "dispute": event.details }),
        _ => json!({ "ticket": view }),
    };
    let id = format!("ticket_event:{}", event.id);
    Ok(Some(envelope(id, event_type, ws, event.at, data)))
}

/// `message.created` for what the client wrote and what agents answered.
pub(crate) async fn from_message(
    store: &Store,
    ws: WorkspaceId,
    message: &Message,
) -> Result<Option<NewWebhookEvent>, StoreError> {
    if !matches!(
        message.direction,
        MessageDirection::Client | MessageDirection::Agent
    ) {
        return Ok(None);
    }
    let ticket = store.get_ticket(ws, message.ticket).await?;
    let data = json!({
        "ticket": serde_json::to_value(ticket_view(store, ws, &ticket).await?)?,
        "message": serde_json::to_value(MessageView::new(message))?,
    });
    let id = format!("message:{}", message.id.0);
    Ok(Some(envelope(
        id,
        MESSAGE_CREATED,
        ws,
        message.created_at,
        data,
    )))
}
