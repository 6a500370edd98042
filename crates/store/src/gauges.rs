//! What `/metrics` reads from the database at scrape time: the work waiting and the leases
//! held. Read, not counted in memory, so every instance of a cluster reports the same truth
//! and a restart loses nothing.

use crate::time::to_millis;
use crate::{Store, StoreError};
use ticketgram_domain::Timestamp;

/// The outbox of one bot of one desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxDepth {
    /// The desk's slug.
    pub desk: String,
    pub bot_id: i64,
    pub pending: i64,
    pub in_flight: i64,
    /// Given up, kept for the admins to see (the admin page, `/admin/jobs`).
    pub dead: i64,
}

/// The unfinished jobs of the tickets whose thread is in one agents' group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupBacklog {
    pub desk: String,
    pub group_id: i64,
    pub unfinished: i64,
}

impl Store {
    /// Unfinished jobs per desk and agents' group (a desk may have several): the tickets'
    /// jobs are ordered by `ticket:<id>`, and the ticket's post says its group. A group at
    /// Telegram's limit shows here before anywhere else.
    pub async fn group_backlogs(&self) -> Result<Vec<GroupBacklog>, StoreError> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT w.slug, p.group_chat_id, COUNT(*)
             FROM outbox o
             JOIN ticket_posts p ON o.ordering_key = 'ticket:' || CAST(p.ticket_id AS TEXT)
             JOIN workspaces w ON w.id = o.workspace_id
             WHERE o.status IN ('pending', 'in_flight') AND p.group_chat_id IS NOT NULL
             GROUP BY w.slug, p.group_chat_id ORDER BY w.slug, p.group_chat_id",
        )
        .fetch_all(&mut *self.outbox_conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(desk, group_id, unfinished)| GroupBacklog {
                desk,
                group_id,
                unfinished,
            })
            .collect())
    }

    /// Unfinished and dead jobs per desk and bot; bots with none are not listed.
    pub async fn outbox_depths(&self) -> Result<Vec<OutboxDepth>, StoreError> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT w.slug, o.bot_id,
                    CAST(SUM(CASE WHEN o.status = 'pending' THEN 1 ELSE 0 END) AS BIGINT),
                    CAST(SUM(CASE WHEN o.status = 'in_flight' THEN 1 ELSE 0 END) AS BIGINT),
                    CAST(SUM(CASE WHEN o.status = 'dead' THEN 1 ELSE 0 END) AS BIGINT)
             FROM outbox o JOIN workspaces w ON w.id = o.workspace_id
             WHERE o.status IN ('pending', 'in_flight', 'dead')
             GROUP BY w.slug, o.bot_id ORDER BY w.slug, o.bot_id",
        )
        .fetch_all(&mut *self.outbox_conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(desk, bot_id, pending, in_flight, dead)| OutboxDepth {
                desk,
                bot_id,
                pending,
                in_flight,
                dead,
            })
            .collect())
    }

    /// How many leases (bots polled) `holder` holds at `now`.
    pub async fn leases_held_by(&self, holder: &str, now: Timestamp) -> Result<i64, StoreError> {
        let (held,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM leases WHERE holder = $1 AND expires_at > $2")
                .bind(holder)
                .bind(to_millis(now))
                .fetch_one(&mut *self.conn().await?)
                .await?;
        Ok(held)
    }

    /// Whether the database answers: `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let (_,): (i64,) = sqlx::query_as("SELECT CAST(1 AS BIGINT)")
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}
