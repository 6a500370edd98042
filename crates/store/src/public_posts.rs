//! Tickets opened from public messages (docs/public-complaints.md): the message each came
//! from, whether the desk answered there, and whether its author has opened the client bot.
//! A public message opens at most one ticket (its chat and id are unique per desk).

use crate::tickets::ACTIVE_STATUSES;
use crate::time::{from_millis, opt_from_millis, opt_to_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{ClientId, TicketId, Timestamp, WorkspaceId};

/// The public message behind a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPost {
    pub ticket: TicketId,
    pub client: ClientId,
    pub chat_id: i64,
    pub message_id: i64,
    pub chat_title: String,
    pub link: String,
    /// When the desk answered in the public chat.
    pub answered_at: Option<Timestamp>,
    /// When the author opened the client bot; `None`: nothing can reach them privately yet.
    pub joined_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl PublicPost {
    pub fn is_waiting(&self) -> bool {
        self.joined_at.is_none()
    }
}

const COLUMNS: &str = "p.ticket_id, p.client_id, p.chat_id, p.message_id, p.chat_title, p.link, \
     p.answered_at, p.joined_at, p.created_at";

type Row = (
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    i64,
);

fn post_of(row: Row) -> Result<PublicPost, StoreError> {
    let (ticket, client, chat_id, message_id, chat_title, link, answered, joined, created) = row;
    Ok(PublicPost {
        ticket: TicketId(ticket),
        client: ClientId(client),
        chat_id,
        message_id,
        chat_title,
        link,
        answered_at: opt_from_millis(answered)?,
        joined_at: opt_from_millis(joined)?,
        created_at: from_millis(created)?,
    })
}

impl Store {
    /// The public message `ticket` was opened from, if it was.
    pub async fn public_post(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Option<PublicPost>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM public_posts p WHERE p.workspace_id = $1 AND p.ticket_id = $2"
        );
        let row: Option<Row> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ticket.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(post_of).transpose()
    }

    /// The client's latest post in `chat` whose ticket is still being worked on: where their
    /// next words there belong.
    pub async fn active_public_post(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        chat_id: i64,
    ) -> Result<Option<PublicPost>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM public_posts p JOIN tickets t ON t.id = p.ticket_id
             WHERE p.workspace_id = $1 AND p.client_id = $2 AND p.chat_id = $3
               AND t.status IN {ACTIVE_STATUSES}
             ORDER BY p.created_at DESC LIMIT 1"
        );
        let row: Option<Row> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(client.0)
            .bind(chat_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(post_of).transpose()
    }

    /// The client's posts still waiting for them to open the bot, oldest first.
    pub async fn waiting_public_posts(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<Vec<PublicPost>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM public_posts p
             WHERE p.workspace_id = $1 AND p.client_id = $2 AND p.joined_at IS NULL
             ORDER BY p.created_at, p.ticket_id"
        );
        let rows: Vec<Row> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(client.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(post_of).collect()
    }
}

impl Tx {
    pub async fn record_public_post(
        &self,
        ws: WorkspaceId,
        post: &PublicPost,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO public_posts (workspace_id, ticket_id, client_id, chat_id, message_id,
                 chat_title, link, answered_at, joined_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(ws.0)
        .bind(post.ticket.0)
        .bind(post.client.0)
        .bind(post.chat_id)
        .bind(post.message_id)
        .bind(&post.chat_title)
        .bind(&post.link)
        .bind(opt_to_millis(post.answered_at))
        .bind(opt_to_millis(post.joined_at))
        .bind(to_millis(post.created_at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// The desk answered in public; `false` when it had before (the first time is kept).
    pub async fn mark_public_answered(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE public_posts SET answered_at = $1
             WHERE workspace_id = $2 AND ticket_id = $3 AND answered_at IS NULL",
        )
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The client opened the bot: every post of theirs that waited is joined now.
    pub async fn join_public_posts(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE public_posts SET joined_at = $1
             WHERE workspace_id = $2 AND client_id = $3 AND joined_at IS NULL",
        )
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(client.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
