//! The post each ticket gets in the agents' channel, and the discussion thread Telegram opens
//! for it in the linked group. Creation is idempotent: a burst of first messages must never
//! open two posts, so whoever inserts the row (unique per ticket) is the one who posts.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{TicketId, Timestamp, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPost {
    pub ticket: TicketId,
    pub workspace: WorkspaceId,
    pub channel_chat_id: i64,
    /// None until the post has been sent.
    pub channel_message_id: Option<i64>,
    /// The linked discussion group and the thread's root message there; None until Telegram's
    /// automatic forward of the channel post has been seen.
    pub group_chat_id: Option<i64>,
    pub thread_message_id: Option<i64>,
    pub created_at: Timestamp,
    /// A fingerprint of the card (text and buttons) as last sent; None before the first.
    pub card_fingerprint: Option<String>,
}

/// The outcome of [`Store::claim_ticket_post`]: `created` tells the caller it won the race and
/// must send the post; otherwise someone else did (or is doing) it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketPostClaim {
    pub post: TicketPost,
    pub created: bool,
}

const POST_COLUMNS: &str =
    "ticket_id, workspace_id, channel_chat_id, channel_message_id, group_chat_id, thread_message_id, created_at, card_fingerprint";

#[derive(sqlx::FromRow)]
struct PostRow {
    ticket_id: i64,
    workspace_id: i64,
    channel_chat_id: i64,
    channel_message_id: Option<i64>,
    group_chat_id: Option<i64>,
    thread_message_id: Option<i64>,
    created_at: i64,
    card_fingerprint: Option<String>,
}

impl TryFrom<PostRow> for TicketPost {
    type Error = StoreError;
    fn try_from(row: PostRow) -> Result<TicketPost, StoreError> {
        Ok(TicketPost {
            ticket: TicketId(row.ticket_id),
            workspace: WorkspaceId(row.workspace_id),
            channel_chat_id: row.channel_chat_id,
            channel_message_id: row.channel_message_id,
            group_chat_id: row.group_chat_id,
            thread_message_id: row.thread_message_id,
            created_at: from_millis(row.created_at)?,
            card_fingerprint: row.card_fingerprint,
        })
    }
}

impl Store {
    pub async fn find_ticket_post(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Option<TicketPost>, StoreError> {
        if let Some(kept) = self.snapshot.as_ref().and_then(|s| s.post(ws, ticket)) {
            return Ok(kept);
        }
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM ticket_posts WHERE workspace_id = $1 AND ticket_id = $2"
        );
        let row: Option<PostRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(ticket.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(TicketPost::try_from).transpose()
    }

    /// The cards of several tickets in one statement, for a round of deliveries that renders
    /// them together; a ticket with no card is left out.
    pub async fn ticket_posts_by_ids(
        &self,
        ws: WorkspaceId,
        tickets: &[TicketId],
    ) -> Result<Vec<TicketPost>, StoreError> {
        if tickets.is_empty() {
            return Ok(Vec::new());
        }
        let listed = crate::id_lists::in_ids(self.backend(), "ticket_id", 2);
        let sql =
            format!("SELECT {POST_COLUMNS} FROM ticket_posts WHERE workspace_id = $1 AND {listed}");
        let rows: Vec<PostRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(crate::id_lists::ids_param(tickets.iter().map(|id| id.0)))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketPost::try_from).collect()
    }

    /// Which ticket a channel post belongs to (to recognise its automatic forward).
    /// Cards claimed in a channel whose sending has not been recorded yet. Telegram may show
    /// us a card's automatic forward before its sender recorded the card's message id; the
    /// relay waits for these before deciding a forward belongs to no ticket.
    /// How many active tickets have their card in each channel of the desk: how busy each of
    /// its shards is, when a new card chooses one.
    pub async fn active_cards_per_channel(
        &self,
        ws: WorkspaceId,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let sql = format!(
            "SELECT p.channel_chat_id, COUNT(*) FROM ticket_posts p
             JOIN tickets t ON t.id = p.ticket_id
             WHERE p.workspace_id = $1 AND t.status IN {}
             GROUP BY p.channel_chat_id",
            crate::tickets::ACTIVE_STATUSES
        );
        let rows: Vec<(i64, i64)> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok(rows)
    }

    pub async fn cards_in_flight(&self, channel_chat_id: i64) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM ticket_posts WHERE channel_chat_id = $1 AND channel_message_id IS NULL",
        )
        .bind(channel_chat_id)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(count)
    }

    pub async fn find_post_by_channel_message(
        &self,
        channel_chat_id: i64,
        channel_message_id: i64,
    ) -> Result<Option<TicketPost>, StoreError> {
        let sql = format!("SELECT {POST_COLUMNS} FROM ticket_posts WHERE channel_chat_id = $1 AND channel_message_id = $2");
        let row: Option<PostRow> = sqlx::query_as(&sql)
            .bind(channel_chat_id)
            .bind(channel_message_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(TicketPost::try_from).transpose()
    }

    /// Which ticket a discussion thread belongs to (an agent wrote in it).
    pub async fn find_post_by_thread(
        &self,
        group_chat_id: i64,
        thread_message_id: i64,
    ) -> Result<Option<TicketPost>, StoreError> {
        let sql = format!("SELECT {POST_COLUMNS} FROM ticket_posts WHERE group_chat_id = $1 AND thread_message_id = $2");
        let row: Option<PostRow> = sqlx::query_as(&sql)
            .bind(group_chat_id)
            .bind(thread_message_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(TicketPost::try_from).transpose()
    }
}

impl Tx {
    /// Insert-or-get of the ticket's post. Exactly one of any number of concurrent callers gets
    /// `created: true`; the unique ticket id, not a prior check, decides.
    pub async fn claim_ticket_post(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        channel_chat_id: i64,
        at: Timestamp,
    ) -> Result<TicketPostClaim, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO ticket_posts (ticket_id, workspace_id, channel_chat_id, created_at)
             SELECT id, workspace_id, $1, $2 FROM tickets WHERE workspace_id = $3 AND id = $4
             ON CONFLICT (ticket_id) DO NOTHING",
        )
        .bind(channel_chat_id)
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?
        .rows_affected()
            > 0;
        let post = self
            .find_ticket_post(ws, ticket)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(TicketPostClaim {
            post,
            created: inserted,
        })
    }

    /// A card not sent yet goes to another channel (the one it was meant for is no longer
    /// the desk's). Nothing changes once the card is out.
    pub async fn move_unsent_ticket_post(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        channel_chat_id: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE ticket_posts SET channel_chat_id = $1
             WHERE workspace_id = $2 AND ticket_id = $3 AND channel_message_id IS NULL",
        )
        .bind(channel_chat_id)
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// The channel post was sent. The first card recorded stays the ticket's card: a second
    /// one (sent again after its record was lost, while the first one's forward had already
    /// been adopted) must not move the ticket away from the thread its conversation is in.
    /// Returns whether this post became the card.
    pub async fn set_channel_message(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        channel_message_id: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE ticket_posts SET channel_message_id = $1
             WHERE workspace_id = $2 AND ticket_id = $3
               AND (channel_message_id IS NULL OR channel_message_id = $1)",
        )
        .bind(channel_message_id)
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The card now shows what `fingerprint` was computed from (it was posted or edited).
    pub async fn set_card_fingerprint(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        fingerprint: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE ticket_posts SET card_fingerprint = $1 WHERE workspace_id = $2 AND ticket_id = $3",
        )
        .bind(fingerprint)
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }

    /// Telegram's automatic forward of the post arrived in the discussion group: agents' replies
    /// to that message (the thread) now map to the ticket.
    pub async fn set_thread(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        group_chat_id: i64,
        thread_message_id: i64,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE ticket_posts SET group_chat_id = $1, thread_message_id = $2 WHERE workspace_id = $3 AND ticket_id = $4",
        )
        .bind(group_chat_id)
        .bind(thread_message_id)
        .bind(ws.0)
        .bind(ticket.0)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}
