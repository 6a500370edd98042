//! What the desk holds about one client, as a zip a support team can hand them: `export.json`
//! (their profile, every ticket with its conversation) and `files/` (what they sent and were
//! sent, fetched from Telegram with the client bot's token). The console and the API serve the
//! same archive. It changes nothing, so it is a read, not an input.
//!
//! What the client never sees stays out of it, as everywhere else: internal notes, system
//! lines and the agents' names (replies are marked as the support team's).

use crate::desk::Desk;
use crate::RelayError;
use serde_json::{json, Value};
use std::io::Write;
use ticketgram_domain::{Client, MediaRef, Message, MessageDirection, Ticket, Timestamp};
use ticketgram_telegram::TelegramClient;
use zip::write::SimpleFileOptions;

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Relay(#[from] RelayError),
    #[error("writing the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the archive: {0}")]
    Io(#[from] std::io::Error),
}

impl From<ticketgram_store::StoreError> for ExportError {
    fn from(e: ticketgram_store::StoreError) -> ExportError {
        ExportError::Relay(e.into())
    }
}

/// The version of `export.json`'s layout, for whoever reads it later.
pub const FORMAT: &str = "ticketgram-client-export/1";

/// The archive's bytes. `telegram` is the client bot's client (file ids belong to the bot that
/// received them); a file Telegram will not give (too big for bots, gone) is listed with the
/// reason instead of its path.
pub async fn export(
    desk: &Desk,
    telegram: &TelegramClient,
    client: &Client,
    now: Timestamp,
) -> Result<Vec<u8>, ExportError> {
    let ws = desk.ws();
    let attributes = desk.store.client_attributes(ws, client.id).await?;
    let mut tickets = desk
        .store
        .recent_tickets_of_client(ws, client.id, i64::MAX)
        .await?;
    tickets.reverse();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut ticket_docs = Vec::with_capacity(tickets.len());
    for ticket in &tickets {
        let mut messages = Vec::new();
        for message in desk.store.ticket_messages(ws, ticket.id).await? {
            if !matches!(
                message.direction,
                MessageDirection::Client | MessageDirection::Agent
            ) {
                continue;
            }
            let mut files = Vec::new();
            for (index, media) in message.media.iter().enumerate() {
                let fetched = fetch(telegram, media).await;
                let mut file = file_doc(media);
                match fetched {
                    Ok(Some(bytes)) => {
                        let path = file_path(&message, index, media);
                        zip.start_file(&path, options)?;
                        zip.write_all(&bytes)?;
                        file["path"] = json!(path);
                    }
                    Ok(None) => {}
                    Err(reason) => file["not_included"] = json!(reason),
                }
                files.push(file);
            }
            messages.push(message_doc(&message, files));
        }
        let mut doc = ticket_doc(ticket, messages);
        // What a flow collected before the hand-off: the client's own answers.
        let fields = desk.store.ticket_fields(ws, ticket.id).await?;
        if !fields.is_empty() {
            let fields: Vec<Value> = fields
                .iter()
                .map(|f| json!({ "name": f.name, "value": f.value, "display": f.display }))
                .collect();
            doc["fields"] = json!(fields);
        }
        // The complaint register's entry about them: category, severity and what was decided.
        if let Some(registered) = desk.store.complaint(ws, ticket.id).await? {
            let c = &registered.complaint;
            let compensations: Vec<Value> = desk
                .store
                .compensations(ws, ticket.id)
                .await?
                .iter()
                .map(|d| {
                    json!({ "kind": d.kind.as_str(), "amount": d.amount.to_string(),
                            "status": d.status.as_str(), "proposed_at": d.proposed_at })
                })
                .collect();
            doc["complaint"] = json!({
                "category": c.category.as_str(),
                "severity": c.severity().as_str(),
                "registered_at": c.registered_at,
                "promised_by": c.promised_by,
                "resolution": c.resolution,
                "compensations": compensations,
            });
        }
        ticket_docs.push(doc);
    }
    let document = json!({
        "format": FORMAT,
        "exported_at": now,
        "client": client_doc(client, attributes),
        "tickets": ticket_docs,
    });
    zip.start_file("export.json", options)?;
    zip.write_all(&serde_json::to_vec_pretty(&document).map_err(RelayError::from)?)?;
    Ok(zip.finish()?.into_inner())
}

fn client_doc(client: &Client, attributes: Value) -> Value {
    json!({
        "telegram_user_id": client.telegram_user_id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "username": client.username,
        "language": client.language.code(),
        "first_contact": client.created_at,
        "blocked_since": client.blocked.as_ref().map(|b| b.at),
        "erased_at": client.erased_at,
        "attributes": attributes,
    })
}

fn ticket_doc(ticket: &Ticket, messages: Vec<Value>) -> Value {
    json!({
        "number": ticket.number.0,
        "subject": ticket.subject,
        "status": ticket.status.as_str(),
        "priority": ticket.priority.as_str(),
        "language": ticket.language.code(),
        "created_at": ticket.created_at,
        "first_response_at": ticket.first_response_at,
        "resolved_at": ticket.resolved_at,
        "closed_at": ticket.closed_at,
        "rating": ticket.rating.map(|r| r.score()),
        "rating_comment": ticket.rating_comment,
        "messages": messages,
    })
}

fn message_doc(message: &Message, files: Vec<Value>) -> Value {
    let from = match message.direction {
        MessageDirection::Client => "client",
        _ => "support",
    };
    json!({
        "from": from,
        "text": message.text,
        "files": files,
        "created_at": message.created_at,
        "edited_at": message.edited_at,
    })
}

fn file_doc(media: &MediaRef) -> Value {
    json!({
        "kind": media.kind.as_str(),
        "file_name": media.file_name,
        "mime_type": media.mime,
        "size": media.size,
        "caption": media.caption,
    })
}

/// `files/<message>-<n>-<name>`: unique per attachment, and a name with no path in it.
fn file_path(message: &Message, index: usize, media: &MediaRef) -> String {
    let name: String = media
        .file_name
        .clone()
        .unwrap_or_else(|| media.kind.as_str().to_string())
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let name = name.trim_start_matches('.');
    format!("files/{}-{}-{name}", message.id.0, index + 1)
}

/// The file's bytes; `None` for media that is no file (a location, a contact).
async fn fetch(telegram: &TelegramClient, media: &MediaRef) -> Result<Option<Vec<u8>>, String> {
    let Some(file_id) = media.file_id.as_deref() else {
        return Ok(None);
    };
    let limit = ticketgram_telegram::MAX_DOWNLOAD_BYTES;
    if media.size.is_some_and(|size| size as u64 > limit) {
        return Err(format!("larger than the {limit} bytes bots may download"));
    }
    match telegram.download(file_id).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) => {
            tracing::warn!(error = %e, "a file for a client's export could not be fetched");
            Err(format!("Telegram did not give the file: {e}"))
        }
    }
}
