//! What the API shows of the domain. Its own types, so the wire format is a decision made
//! here (and documented in the OpenAPI components), not a side effect of a domain refactor:
//! tickets are addressed by number and clients by Telegram user id, never by row id.

use serde::Serialize;
use ticketgram_domain::{
    Client, Language, LanguageSource, Message, MessageDirection, Priority, Ticket, TicketStatus,
    Timestamp,
};

#[derive(Debug, Clone, Serialize)]
pub struct ClientRef {
    pub telegram_user_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TicketView {
    pub number: i64,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub topic_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub queue: Option<String>,
    pub language: Language,
    pub client: ClientRef,
    pub tags: Vec<String>,
    pub created_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    /// Since when the client has waited for the desk's next reply; `null` when none is owed.
    pub awaiting_reply_since: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub rating: Option<u8>,
    pub rating_comment: Option<String>,
}

impl TicketView {
    pub fn new(ticket: &Ticket, client: &Client) -> TicketView {
        TicketView {
            number: ticket.number.0,
            subject: ticket.subject.clone(),
            status: ticket.status,
            priority: ticket.priority,
            topic_id: ticket.topic.map(|t| t.0),
            assignee_id: ticket.assignee.map(|a| a.0),
            queue: ticket.queue.clone(),
            language: ticket.language,
            client: ClientRef {
                telegram_user_id: client.telegram_user_id,
                name: client.display_name(),
            },
            tags: ticket.tags.iter().map(|t| t.as_str().to_string()).collect(),
            created_at: ticket.created_at,
            first_response_at: ticket.first_response_at,
            awaiting_reply_since: ticket.awaiting_reply_since,
            resolved_at: ticket.resolved_at,
            closed_at: ticket.closed_at,
            rating: ticket.rating.map(|r| r.score()),
            rating_comment: ticket.rating_comment.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    pub kind: String,
    pub file_name: Option<String>,
    pub mime: Option<String>,
    pub size: Option<i64>,
    pub caption: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    pub id: i64,
    pub direction: MessageDirection,
    /// The agent who wrote an agent reply.
    pub author_agent_id: Option<i64>,
    pub text: Option<String>,
    pub media: Vec<MediaView>,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
}

impl MessageView {
    pub fn new(message: &Message) -> MessageView {
        MessageView {
            id: message.id.0,
            direction: message.direction,
            author_agent_id: message.author_agent.map(|a| a.0),
            text: message.text.clone(),
            media: message
                .media
                .iter()
                .map(|m| MediaView {
                    kind: m.kind.as_str().to_string(),
                    file_name: m.file_name.clone(),
                    mime: m.mime.clone(),
                    size: m.size,
                    caption: m.caption.clone(),
                })
                .collect(),
            created_at: message.created_at,
            edited_at: message.edited_at,
        }
    }

    /// Internal notes never leave the agents' side, whatever the token may do.
    pub fn is_public(message: &Message) -> bool {
        message.direction != MessageDirection::InternalNote
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TicketDetail {
    #[serde(flatten)]
    pub ticket: TicketView,
    /// What a self-service form collected (docs/flows.md), in the order asked; empty for a
    /// ticket opened otherwise.
    pub fields: Vec<FieldView>,
    pub messages: Vec<MessageView>,
}

/// One typed field of a ticket: `value` is the flow's `FieldValue` as JSON
/// (`{"type": "order", "number": "A-1042", "check": "found", ...}`), `display` its one line.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub value: ticketgram_flows::FieldValue,
    pub display: String,
    /// For files (evidence): the ticket's messages that carry them, in `messages`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub message_ids: Vec<i64>,
}

impl FieldView {
    /// `messages`: the ticket's, to find the ones a file answer arrived in.
    pub fn new(field: &ticketgram_store::TicketField, messages: &[Message]) -> FieldView {
        let message_ids = match &field.value {
            ticketgram_flows::FieldValue::Media { files } => messages
                .iter()
                .filter(|m| {
                    m.media.iter().any(|media| {
                        files
                            .iter()
                            .any(|f| media.file_id.as_deref() == Some(f.file_id.as_str()))
                    })
                })
                .map(|m| m.id.0)
                .collect(),
            _ => Vec::new(),
        };
        FieldView {
            name: field.name.clone(),
            value: field.value.clone(),
            display: field.display.clone(),
            message_ids,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ClientView {
    pub telegram_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language: Language,
    /// Where `language` came from: "telegram" (the app's locale), "detected", "chosen".
    pub language_source: LanguageSource,
    /// The language the client writes in (ISO 639-1, any), detected from their messages.
    pub written_language: Option<String>,
    pub blocked: bool,
    pub attributes: serde_json::Value,
    pub created_at: Timestamp,
    /// Set once the desk erased the client (docs/privacy.md): the rest names nobody.
    pub erased_at: Option<Timestamp>,
}

impl ClientView {
    pub fn new(client: &Client, attributes: serde_json::Value) -> ClientView {
        ClientView {
            telegram_user_id: client.telegram_user_id,
            first_name: client.first_name.clone(),
            last_name: client.last_name.clone(),
            username: client.username.clone(),
            language: client.language,
            language_source: client.language_source,
            written_language: client.written_language.clone(),
            blocked: client.is_blocked(),
            attributes,
            created_at: client.created_at,
            erased_at: client.erased_at,
        }
    }
}
