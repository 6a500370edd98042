//! Privacy: erasing one client's personal data, and the desk's retention period. Both keep
//! the rows reports count (tickets with their status, times, priority, topic, assignee and
//! score; the history of status changes) and remove what names or quotes a person (docs/privacy.md).

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Client, Timestamp, WorkspaceId};

/// What an erasure removed, for its audit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    pub tickets: u64,
    pub messages: u64,
}

/// What one retention batch removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Swept {
    pub messages: u64,
    pub tickets: u64,
    /// Raw Telegram updates (already applied) whose payload was emptied.
    pub updates: u64,
}

impl Swept {
    pub fn is_empty(&self) -> bool {
        self.messages == 0 && self.tickets == 0 && self.updates == 0
    }
}

/// The tickets of one client, as a subquery both backends run (`$1` workspace, `$2` client).
const CLIENT_TICKETS: &str = "SELECT id FROM tickets WHERE workspace_id = $1 AND client_id = $2";

/// History rows whose details only say who was assigned or the priority: no one's words.
/// Every other kind may quote the client (a rating's comment) or speak of them (a block's
/// reason), so an erasure empties its details.
const NEUTRAL_EVENT_KINDS: &str =
    "'created', 'status_changed', 'assigned', 'priority_changed', 'sla_breached'";

impl Store {
    /// A desk's retention period in days, if one is set (settings bot, console or API).
    pub async fn retention_days(&self, ws: WorkspaceId) -> Result<Option<u32>, StoreError> {
        match self.get_setting(ws, RETENTION_KEY).await? {
            None => Ok(None),
            Some(value) => value.parse().map(Some).map_err(|_| {
                StoreError::Invalid(format!("stored retention period {value:?} is not a number"))
            }),
        }
    }

    /// SQLite only: a consistent copy of the whole database in a new file, taken while the
    /// desk runs (`VACUUM INTO` reads one snapshot; writers go on meanwhile). The file must not
    /// exist yet. PostgreSQL has pg_dump for this.
    pub async fn backup_into(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if self.backend != crate::Backend::Sqlite {
            return Err(StoreError::Invalid(
                "backups of PostgreSQL are taken with pg_dump (docs/privacy.md)".into(),
            ));
        }
        if path.exists() {
            return Err(StoreError::Invalid(format!(
                "{} exists already; a backup never overwrites a file",
                path.display()
            )));
        }
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Invalid("the backup path is not valid UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }
}

/// The settings key of the retention period.
pub const RETENTION_KEY: &str = "desk.retention_days";

impl Tx {
    /// Sets (`Some`) or removes (`None`) the desk's retention period.
    pub async fn set_retention_days(
        &self,
        ws: WorkspaceId,
        days: Option<u32>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        match days {
            Some(days) => {
                self.set_setting(ws, RETENTION_KEY, &days.to_string(), at)
                    .await
            }
            None => self.delete_setting(ws, RETENTION_KEY).await.map(|_| ()),
        }
    }

    /// Removes what identifies `client` or quotes them, keeping the rows reports count: their
    /// name, username, Telegram id (replaced by minus the row id, which no user has, so a
    /// later message from them starts a new client), platform attributes and block; every
    /// message's text and files on their tickets (the agents' replies and notes too: they
    /// quote and answer the client); the tickets' subjects, rating comments and the fields a
    /// flow collected (their flow report rows stay, without them); the details
    /// of history rows that may quote them; their conversation state; the raw updates they
    /// sent; finished outbox jobs and webhook deliveries about them; earlier audit rows'
    /// details about them. The caller writes the audit row of the erasure itself.
    pub async fn erase_client(
        &self,
        ws: WorkspaceId,
        client: &Client,
        at: Timestamp,
    ) -> Result<Erased, StoreError> {
        let at = to_millis(at);
        let (ws_id, id, telegram) = (ws.0, client.id.0, client.telegram_user_id);
        let messages = self
            .exec(
                &format!(
                    "UPDATE messages SET text = NULL, media = '[]', content_deleted_at = $3
                     WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS})
                       AND content_deleted_at IS NULL"
                ),
                &[ws_id, id, at],
            )
            .await?;
        let tickets = self
            .exec(
                "UPDATE tickets SET subject = '', rating_comment = NULL
                 WHERE workspace_id = $1 AND client_id = $2",
                &[ws_id, id],
            )
            .await?;
        self.exec(
            &format!(
                "UPDATE ticket_events SET details = '{{}}'
                 WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS})
                   AND kind NOT IN ({NEUTRAL_EVENT_KINDS})"
            ),
            &[ws_id, id],
        )
        .await?;
        // A flow's answers are the client's words (and order numbers, files); the report
        // rows of their way through the flow stay counted, no longer naming them.
        self.exec(
            &format!(
                "DELETE FROM ticket_fields
                 WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS})"
            ),
            &[ws_id, id],
        )
        .await?;
        // The register's notes are agents' words about this client's case; the complaint
        // stays counted (category, severity, dates), no longer telling the story.
        self.exec(
            "UPDATE complaints SET root_cause = NULL, resolution = NULL, adjusted_reason = NULL
             WHERE workspace_id = $1 AND client_id = $2",
            &[ws_id, id],
        )
        .await?;
        self.exec(
            &format!(
                "UPDATE compensations SET note = ''
                 WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS})"
            ),
            &[ws_id, id],
        )
        .await?;
        // Where they complained in public points at them; the ticket keeps its origin's chat.
        self.exec(
            "UPDATE public_posts SET link = '' WHERE workspace_id = $1 AND client_id = $2",
            &[ws_id, id],
        )
        .await?;
        self.exec(
            "UPDATE flow_events SET client_id = NULL WHERE workspace_id = $1 AND client_id = $2",
            &[ws_id, id],
        )
        .await?;
        // Translations are their words in another language.
        self.exec(
            &format!(
                "DELETE FROM message_translations
                 WHERE workspace_id = $1 AND message_id IN
                     (SELECT id FROM messages WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS}))"
            ),
            &[ws_id, id],
        )
        .await?;
        // Copies in the client's own chat say where their words were; the chat is theirs.
        self.exec(
            "DELETE FROM message_copies WHERE workspace_id = $1 AND chat_id = $2",
            &[ws_id, telegram],
        )
        .await?;
        self.exec(
            "DELETE FROM client_states WHERE workspace_id = $1 AND client_id = $2",
            &[ws_id, id],
        )
        .await?;
        self.redact_updates_from(ws, telegram).await?;
        self.exec(
            &format!(
                "DELETE FROM outbox WHERE workspace_id = $1 AND status IN ('done', 'dead')
                   AND (ordering_key = 'chat:' || CAST($3 AS TEXT)
                        OR ordering_key IN (SELECT 'ticket:' || CAST(id AS TEXT) FROM ({CLIENT_TICKETS}) t)
                        OR ordering_key IN (SELECT 'burst:' || CAST(id AS TEXT) FROM ({CLIENT_TICKETS}) t))"
            ),
            &[ws_id, id, telegram],
        )
        .await?;
        self.exec(
            &format!(
                "UPDATE webhook_deliveries SET payload = '{{}}'
                 WHERE workspace_id = $1 AND status IN ('delivered', 'dead')
                   AND event_id IN (SELECT 'message:' || CAST(id AS TEXT) FROM messages
                                    WHERE workspace_id = $1 AND ticket_id IN ({CLIENT_TICKETS}))"
            ),
            &[ws_id, id],
        )
        .await?;
        // Stored API answers (for Idempotency-Key replays) that show the client: a replay of
        // such an old request would repeat their data.
        sqlx::query(
            "DELETE FROM api_idempotency_keys
             WHERE workspace_id = $1 AND (body LIKE $2 OR body LIKE $3)",
        )
        .bind(ws_id)
        .bind(format!("%\"telegram_user_id\":{telegram},%"))
        .bind(format!("%\"telegram_user_id\":{telegram}}}%"))
        .execute(&mut *self.conn().await?)
        .await?;
        self.exec(
            "UPDATE audit_log SET details = '[]'
             WHERE workspace_id = $1 AND subject = CAST($2 AS TEXT) AND action LIKE 'client.%'",
            &[ws_id, id],
        )
        .await?;
        let done = self
            .exec(
                "UPDATE clients SET first_name = '', last_name = NULL, username = NULL,
                        telegram_user_id = -id, attributes = '{}', blocked_reason = NULL,
                        blocked_by_kind = NULL, blocked_by_id = NULL, blocked_at = NULL,
                        erased_at = $3
                 WHERE workspace_id = $1 AND id = $2 AND erased_at IS NULL",
                &[ws_id, id, at],
            )
            .await?;
        crate::clients::found(done)?;
        Ok(Erased { tickets, messages })
    }

    /// One retention batch: the text and files of at most `limit` messages written before
    /// `before` on tickets that are closed, the subjects and rating comments of at most `limit`
    /// tickets closed before it, and at most `limit` applied raw updates received before it. Open tickets keep their conversation whatever its age: agents are
    /// still working on it. Call again until it finds nothing.
    pub async fn delete_content_before(
        &self,
        ws: WorkspaceId,
        before: Timestamp,
        limit: i64,
        at: Timestamp,
    ) -> Result<Swept, StoreError> {
        let (before, at) = (to_millis(before), to_millis(at));
        let messages = self
            .exec(
                "UPDATE messages SET text = NULL, media = '[]', content_deleted_at = $3
                 WHERE id IN (
                     SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
                     WHERE m.workspace_id = $1 AND m.created_at < $2 AND m.content_deleted_at IS NULL
                       AND t.status = 'closed'
                     ORDER BY m.id LIMIT $4)",
                &[ws.0, before, at, limit],
            )
            .await?;
        // Their translations go with them (the same words in another language).
        self.exec(
            "DELETE FROM message_translations
             WHERE workspace_id = $1 AND message_id IN (
                 SELECT t.message_id FROM message_translations t
                 JOIN messages m ON m.id = t.message_id
                 WHERE t.workspace_id = $1 AND m.content_deleted_at IS NOT NULL
                 LIMIT $2)",
            &[ws.0, limit],
        )
        .await?;
        let tickets = self
            .exec(
                "UPDATE tickets SET subject = '', rating_comment = NULL
                 WHERE id IN (
                     SELECT id FROM tickets
                     WHERE workspace_id = $1 AND status = 'closed' AND closed_at < $2
                       AND (subject <> '' OR rating_comment IS NOT NULL)
                     ORDER BY id LIMIT $3)",
                &[ws.0, before, limit],
            )
            .await?;
        // The raw updates the relay already applied hold the same words.
        let updates = self
            .exec(
                "UPDATE updates SET payload = '{}'
                 WHERE (bot_id, update_id) IN (
                     SELECT bot_id, update_id FROM updates
                     WHERE workspace_id = $1 AND processed_at IS NOT NULL AND received_at < $2
                       AND payload <> '{}'
                     LIMIT $3)",
                &[ws.0, before, limit],
            )
            .await?;
        Ok(Swept {
            messages,
            tickets,
            updates,
        })
    }

    /// Processed updates the client sent keep their raw text: emptied. A private chat's id is
    /// the user's id, so the sender and the chat both match one of these patterns.
    async fn redact_updates_from(&self, ws: WorkspaceId, telegram: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE updates SET payload = '{}'
             WHERE workspace_id = $1 AND processed_at IS NOT NULL
               AND (payload LIKE $2 OR payload LIKE $3)",
        )
        .bind(ws.0)
        .bind(format!("%\"id\":{telegram},%"))
        .bind(format!("%\"id\":{telegram}}}%"))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// One statement with integer parameters; the number of rows it changed.
    async fn exec(&self, sql: &str, params: &[i64]) -> Result<u64, StoreError> {
        let mut query = sqlx::query(sql);
        for p in params {
            query = query.bind(*p);
        }
        Ok(query
            .execute(&mut *self.conn().await?)
            .await?
            .rows_affected())
    }
}
