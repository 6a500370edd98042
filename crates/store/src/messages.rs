//! Ticket messages and their copies in Telegram.

use crate::id_lists::{ids_param, in_ids};
use crate::ticket_changes::{record_agent_reply_in, record_client_message_in};
use crate::time::{from_millis, opt_from_millis, opt_to_millis, to_millis};
use crate::Tx;
use crate::{Backend, Store, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::{
    AgentId, MediaRef, Message, MessageDirection, MessageId, StatusChange, TelegramCopy, Ticket,
    TicketId, Timestamp, WorkspaceId,
};

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub ticket: TicketId,
    pub direction: MessageDirection,
    pub author_agent: Option<AgentId>,
    pub text: Option<String>,
    pub media: Vec<MediaRef>,
    pub created_at: Timestamp,
}

/// A stored message and the status change it caused (an agent's reply opens a new ticket, a
/// client's message wakes a waiting one).
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedMessage {
    pub message: Message,
    pub status_change: Option<StatusChange>,
    /// The ticket as the message left it (read and written by the same statements, so the
    /// caller need not read it again).
    pub ticket: Ticket,
}

const MESSAGE_COLUMNS: &str =
    "id, ticket_id, direction, author_agent_id, text, media, created_at, edited_at";

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    ticket_id: i64,
    direction: String,
    author_agent_id: Option<i64>,
    text: Option<String>,
    media: String,
    created_at: i64,
    edited_at: Option<i64>,
}

impl MessageRow {
    fn into_message(self, copies: Vec<TelegramCopy>) -> Result<Message, StoreError> {
        Ok(Message {
            id: MessageId(self.id),
            ticket: TicketId(self.ticket_id),
            direction: MessageDirection::parse(&self.direction).ok_or_else(|| {
                StoreError::Invalid(format!("stored direction {:?}", self.direction))
            })?,
            author_agent: self.author_agent_id.map(AgentId),
            text: self.text,
            media: serde_json::from_str(&self.media)?,
            copies,
            created_at: from_millis(self.created_at)?,
            edited_at: opt_from_millis(self.edited_at)?,
        })
    }
}

async fn load_copies(
    conn: &mut AnyConnection,
    id: MessageId,
) -> Result<Vec<TelegramCopy>, StoreError> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT bot_id, chat_id, telegram_message_id FROM message_copies WHERE message_id = $1
         ORDER BY bot_id, chat_id, telegram_message_id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(bot_id, chat_id, message_id)| TelegramCopy {
            bot_id,
            chat_id,
            message_id,
        })
        .collect())
}

impl Store {
    /// Several messages with their copies in two statements, for a round of deliveries that
    /// renders them together; ids not found are left out.
    pub async fn messages_by_ids(
        &self,
        ws: WorkspaceId,
        ids: &[MessageId],
    ) -> Result<Vec<Message>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut conn = self.conn().await?;
        let listed = in_ids(self.backend(), "id", 2);
        let sql =
            format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND {listed}");
        let rows: Vec<MessageRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ids_param(ids.iter().map(|id| id.0)))
            .fetch_all(&mut *conn)
            .await?;
        // Only the copies of messages found in this workspace.
        let listed = in_ids(self.backend(), "message_id", 1);
        let sql = format!(
            "SELECT message_id, bot_id, chat_id, telegram_message_id FROM message_copies
             WHERE {listed} ORDER BY message_id, bot_id, chat_id, telegram_message_id"
        );
        let copies: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&sql)
            .bind(ids_param(rows.iter().map(|row| row.id)))
            .fetch_all(&mut *conn)
            .await?;
        let mut by_message: std::collections::HashMap<i64, Vec<TelegramCopy>> =
            std::collections::HashMap::new();
        for (message, bot_id, chat_id, message_id) in copies {
            by_message.entry(message).or_default().push(TelegramCopy {
                bot_id,
                chat_id,
                message_id,
            });
        }
        rows.into_iter()
            .map(|row| {
                let copies = by_message.remove(&row.id).unwrap_or_default();
                row.into_message(copies)
            })
            .collect()
    }

    pub async fn get_message(&self, ws: WorkspaceId, id: MessageId) -> Result<Message, StoreError> {
        if let Some(kept) = self.snapshot.as_ref().and_then(|s| s.message(ws, id)) {
            return Ok(kept);
        }
        let mut conn = self.conn().await?;
        let sql =
            format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND id = $2");
        let row: Option<MessageRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?;
        let row = row.ok_or(StoreError::NotFound)?;
        let copies = load_copies(&mut conn, id).await?;
        row.into_message(copies)
    }

    /// The message a Telegram message is a copy of: how an agent's reply in the thread, or a
    /// client's edit, is mapped back to the conversation.
    pub async fn find_message_by_copy(
        &self,
        ws: WorkspaceId,
        bot_id: i64,
        chat_id: i64,
        telegram_message_id: i64,
    ) -> Result<Option<Message>, StoreError> {
        // A joined comment is the copy of several messages: the first of them answers.
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT message_id FROM message_copies
             WHERE workspace_id = $1 AND bot_id = $2 AND chat_id = $3 AND telegram_message_id = $4
             ORDER BY message_id LIMIT 1",
        )
        .bind(ws.0)
        .bind(bot_id)
        .bind(chat_id)
        .bind(telegram_message_id)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        match row {
            Some((id,)) => Ok(Some(self.get_message(ws, MessageId(id)).await?)),
            None => Ok(None),
        }
    }

    /// The messages a Telegram message is the copy of, in the order they were written: one,
    /// or several for a joined comment (a client's texts that waited for the group's sending
    /// budget and went out together).
    pub async fn messages_sharing_copy(
        &self,
        ws: WorkspaceId,
        copy: &TelegramCopy,
    ) -> Result<Vec<Message>, StoreError> {
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT message_id FROM message_copies
             WHERE workspace_id = $1 AND bot_id = $2 AND chat_id = $3 AND telegram_message_id = $4
             ORDER BY message_id",
        )
        .bind(ws.0)
        .bind(copy.bot_id)
        .bind(copy.chat_id)
        .bind(copy.message_id)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut messages = Vec::with_capacity(ids.len());
        for (id,) in ids {
            messages.push(self.get_message(ws, MessageId(id)).await?);
        }
        Ok(messages)
    }

    /// The conversation of a ticket in order, with copies.
    pub async fn ticket_messages(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Vec<Message>, StoreError> {
        self.ticket_messages_matching(ws, ticket, "%").await
    }

    async fn ticket_messages_matching(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        media_like: &str,
    ) -> Result<Vec<Message>, StoreError> {
        let mut conn = self.conn().await?;
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND ticket_id = $2 AND media LIKE $3
             ORDER BY id"
        );
        let rows: Vec<MessageRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ticket.0)
            .bind(media_like)
            .fetch_all(&mut *conn)
            .await?;
        let mut messages = Vec::with_capacity(rows.len());
        for row in rows {
            let copies = load_copies(&mut conn, MessageId(row.id)).await?;
            messages.push(row.into_message(copies)?);
        }
        Ok(messages)
    }

    /// When the client's last message on the ticket before `before` was written: a message
    /// soon after another continues the same burst (one notification for the agent).
    pub async fn client_message_before(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        before: MessageId,
    ) -> Result<Option<Timestamp>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT created_at FROM messages
             WHERE workspace_id = $1 AND ticket_id = $2 AND direction = $3 AND id < $4
             ORDER BY id DESC LIMIT 1",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(MessageDirection::Client.as_str())
        .bind(before.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|(at,)| from_millis(at)).transpose()
    }

    /// The client's messages on the ticket from `from` on (at most `limit`), oldest first,
    /// with when each was written: what a burst of messages is made of.
    pub async fn client_messages_from(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        from: MessageId,
        limit: i64,
    ) -> Result<Vec<(MessageId, Timestamp)>, StoreError> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT id, created_at FROM messages
             WHERE workspace_id = $1 AND ticket_id = $2 AND direction = $3 AND id >= $4
             ORDER BY id LIMIT $5",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(MessageDirection::Client.as_str())
        .bind(from.0)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|(id, at)| Ok((MessageId(id), from_millis(at)?)))
            .collect()
    }

    /// The messages of one album (Telegram sends each part as its own update sharing
    /// `media_group_id`), in arrival order, so they can be relayed as one album.
    pub async fn messages_in_album(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        media_group_id: &str,
    ) -> Result<Vec<Message>, StoreError> {
        // The id lives inside the media JSON: narrow down with LIKE, then match exactly.
        let messages = self
            .ticket_messages_matching(ws, ticket, &format!("%{media_group_id}%"))
            .await?;
        Ok(messages
            .into_iter()
            .filter(|m| {
                m.media
                    .iter()
                    .any(|media| media.media_group_id.as_deref() == Some(media_group_id))
            })
            .collect())
    }
}

impl Tx {
    /// Stores a message and applies its effect on the ticket in the same transaction:
    /// a client message wakes a ticket waiting on the client, an agent reply stamps the first
    /// response and opens the ticket. Notes and system messages change nothing.
    pub async fn add_message(
        &self,
        ws: WorkspaceId,
        new: &NewMessage,
    ) -> Result<RecordedMessage, StoreError> {
        self.insert_message(ws, new, None).await
    }

    /// [`Tx::add_message`] with the Telegram message it came from or went out as
    /// ([`Tx::add_message_copy`]), both written by one statement: every relayed message has
    /// one, and on SQLite each statement is a round trip to the connection's thread while the
    /// write lock is held.
    pub async fn add_message_with_copy(
        &self,
        ws: WorkspaceId,
        new: &NewMessage,
        copy: &TelegramCopy,
    ) -> Result<RecordedMessage, StoreError> {
        self.insert_message(ws, new, Some(copy)).await
    }

    async fn insert_message(
        &self,
        ws: WorkspaceId,
        new: &NewMessage,
        copy: Option<&TelegramCopy>,
    ) -> Result<RecordedMessage, StoreError> {
        if new.direction == MessageDirection::Agent && new.author_agent.is_none() {
            return Err(StoreError::Invalid(
                "an agent reply needs its author".into(),
            ));
        }
        let mut tx = self.conn().await?;
        if let Some(agent) = new.author_agent {
            crate::clients::ensure_in_workspace(&mut tx, "agents", ws, agent.0).await?;
        }
        let (status_change, answered_wait_since, ticket) = match (new.direction, new.author_agent) {
            (MessageDirection::Client, _) => {
                let (change, ticket) =
                    record_client_message_in(&mut tx, self, ws, new.ticket, new.created_at).await?;
                (change, None, ticket)
            }
            (MessageDirection::Agent, Some(agent)) => {
                let effect =
                    record_agent_reply_in(&mut tx, self, ws, new.ticket, agent, new.created_at)
                        .await?;
                (
                    effect.status_change,
                    effect.answered_wait_since,
                    effect.ticket,
                )
            }
            // Still proves the ticket belongs to this workspace before the insert.
            _ => {
                let (ticket, _) =
                    crate::tickets::load_ticket_for_update(&mut tx, self.backend(), ws, new.ticket)
                        .await?;
                (None, None, ticket)
            }
        };
        // The wait a reply ended is kept on the reply itself: the reports' next replies.
        let insert = format!(
            "INSERT INTO messages (workspace_id, ticket_id, direction, author_agent_id, text, media, created_at,
                                   answered_wait_since)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {MESSAGE_COLUMNS}"
        );
        let sql = match (copy, self.backend()) {
            (None, _) => insert,
            // Two statements in one call (the driver runs them in turn, binding each its own
            // numbered parameters); `last_insert_rowid()` is the message just inserted.
            (Some(_), Backend::Sqlite) => format!(
                "{insert};
                 INSERT INTO message_copies (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
                 VALUES ($1, last_insert_rowid(), $9, $10, $11)"
            ),
            (Some(_), Backend::Postgres) => format!(
                "WITH m AS ({insert}),
                 c AS (INSERT INTO message_copies (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
                       SELECT $1, m.id, $9, $10, $11 FROM m)
                 SELECT {MESSAGE_COLUMNS} FROM m"
            ),
        };
        let mut query = sqlx::query_as::<_, MessageRow>(&sql)
            .bind(ws.0)
            .bind(new.ticket.0)
            .bind(new.direction.as_str())
            .bind(new.author_agent.map(|a| a.0))
            .bind(&new.text)
            .bind(serde_json::to_string(&new.media)?)
            .bind(to_millis(new.created_at))
            .bind(opt_to_millis(answered_wait_since));
        if let Some(copy) = copy {
            query = query
                .bind(copy.bot_id)
                .bind(copy.chat_id)
                .bind(copy.message_id);
        }
        // All rows, not one: SQLite's driver stops a call at the first row `fetch_one` asks
        // for, and the copy's statement comes after the message's row.
        let row = query
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)?;
        Ok(RecordedMessage {
            message: row.into_message(Vec::new())?,
            status_change,
            ticket,
        })
    }

    /// [`Tx::add_message_copy`] for several copies in one statement (a round of deliveries
    /// records its copies together). Copies of messages not in `ws` are left out.
    pub async fn add_message_copies(
        &self,
        ws: WorkspaceId,
        copies: &[(MessageId, TelegramCopy)],
    ) -> Result<(), StoreError> {
        if copies.is_empty() {
            return Ok(());
        }
        // Each copy as a JSON array [message, bot, chat, Telegram message], taken apart by
        // the database: one statement text whatever the number of copies. SQLite's CROSS JOIN
        // keeps the copies the outer loop, each finding its message by key: the other way
        // round would parse the list once per message the desk ever stored.
        let listed: Vec<[i64; 4]> = copies
            .iter()
            .map(|(message, copy)| [message.0, copy.bot_id, copy.chat_id, copy.message_id])
            .collect();
        let sql = match self.backend() {
            Backend::Sqlite => {
                "INSERT INTO message_copies (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
                 SELECT m.workspace_id, m.id, json_extract(c.value, '$[1]'),
                        json_extract(c.value, '$[2]'), json_extract(c.value, '$[3]')
                 FROM json_each($1) c CROSS JOIN messages m
                 WHERE m.id = json_extract(c.value, '$[0]') AND m.workspace_id = $2
                 ON CONFLICT (bot_id, chat_id, telegram_message_id, message_id) DO NOTHING"
            }
            Backend::Postgres => {
                "INSERT INTO message_copies (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
                 SELECT m.workspace_id, m.id, (c.value->>1)::bigint, (c.value->>2)::bigint,
                        (c.value->>3)::bigint
                 FROM json_array_elements($1::json) AS c(value)
                 JOIN messages m ON m.id = (c.value->>0)::bigint AND m.workspace_id = $2
                 ON CONFLICT (bot_id, chat_id, telegram_message_id, message_id) DO NOTHING"
            }
        };
        sqlx::query(sql)
            .bind(serde_json::to_string(&listed)?)
            .bind(ws.0)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Remembers where a message was delivered or copied in Telegram. Returns false when that
    /// Telegram message was already recorded (retries are harmless).
    pub async fn add_message_copy(
        &self,
        ws: WorkspaceId,
        id: MessageId,
        copy: &TelegramCopy,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO message_copies (workspace_id, message_id, bot_id, chat_id, telegram_message_id)
             SELECT workspace_id, id, $1, $2, $3 FROM messages WHERE workspace_id = $4 AND id = $5
             ON CONFLICT (bot_id, chat_id, telegram_message_id, message_id) DO NOTHING",
        )
        .bind(copy.bot_id)
        .bind(copy.chat_id)
        .bind(copy.message_id)
        .bind(ws.0)
        .bind(id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        if done.rows_affected() == 0 {
            // Either a duplicate or a message outside this workspace: tell them apart.
            self.get_message(ws, id).await?;
        }
        Ok(done.rows_affected() > 0)
    }

    /// Records an edit made in Telegram: the new text and media replace the old.
    pub async fn edit_message(
        &self,
        ws: WorkspaceId,
        id: MessageId,
        text: Option<String>,
        media: Vec<MediaRef>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE messages SET text = $1, media = $2, edited_at = $3 WHERE workspace_id = $4 AND id = $5",
        )
        .bind(text)
        .bind(serde_json::to_string(&media)?)
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}
