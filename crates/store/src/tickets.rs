//! Tickets: creation with concurrency-safe numbering, and reads.
//! Changes to an existing ticket live in `ticket_changes.rs`.

use crate::clients::ensure_in_workspace;
use crate::ticket_events::{insert_event, EventDraft};
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Backend, Store, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::{
    Actor, AgentId, ClientId, Language, Priority, Rating, Tag, Ticket, TicketId, TicketNumber,
    TicketStatus, Timestamp, TopicId, WorkspaceId,
};

/// What a new ticket starts from; number, id and status are the store's to decide.
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub client: ClientId,
    pub topic: Option<TopicId>,
    pub subject: String,
    pub priority: Priority,
    pub queue: Option<String>,
    pub language: Language,
    pub created_at: Timestamp,
}

/// The statuses of a ticket someone still has to work on (`TicketStatus::is_active`), as an
/// SQL list for `status IN {ACTIVE_STATUSES}`.
pub(crate) const ACTIVE_STATUSES: &str = "('new', 'open', 'waiting_on_client')";

pub(crate) const TICKET_COLUMNS: &str = "id, workspace_id, number, client_id, topic_id, subject, \
     status, priority, assignee_id, queue, language, created_at, first_response_at, resolved_at, \
     closed_at, rating, rating_comment, awaiting_reply_since, version";

#[derive(sqlx::FromRow)]
pub(crate) struct TicketRow {
    pub(crate) id: i64,
    workspace_id: i64,
    number: i64,
    client_id: i64,
    topic_id: Option<i64>,
    subject: String,
    status: String,
    priority: String,
    assignee_id: Option<i64>,
    queue: Option<String>,
    language: String,
    created_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    rating: Option<i64>,
    rating_comment: Option<String>,
    awaiting_reply_since: Option<i64>,
    pub(crate) version: i64,
    /// The tags as a JSON array, when the query selected them ([`ticket_select`]); a ticket
    /// just created has none.
    #[sqlx(default)]
    tags: Option<String>,
}

/// A ticket's columns, `table` being how the query names `tickets`, with its tags as one
/// JSON array column (`tags`) read by the same statement. Reading the tags with a statement
/// of their own per ticket was an eighth of every statement relaying a client's message cost
/// (docs/benchmarks.md).
pub(crate) fn ticket_select(backend: Backend, table: &str) -> String {
    let columns = TICKET_COLUMNS
        .split(", ")
        .map(|c| format!("{table}.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let tags = match backend {
        // `json_group_array` keeps the order its input rows come in.
        Backend::Sqlite => format!(
            "(SELECT json_group_array(tag) FROM
               (SELECT tag FROM ticket_tags WHERE ticket_id = {table}.id ORDER BY tag))"
        ),
        Backend::Postgres => format!(
            "(SELECT COALESCE(json_agg(tag ORDER BY tag), '[]'::json)::text
              FROM ticket_tags WHERE ticket_id = {table}.id)"
        ),
    };
    format!("{columns}, {tags} AS tags")
}

impl TicketRow {
    /// Builds the domain ticket.
    pub(crate) fn into_ticket(self) -> Result<Ticket, StoreError> {
        let tags = match &self.tags {
            Some(json) => serde_json::from_str::<Vec<String>>(json)?
                .into_iter()
                .map(|t| {
                    Tag::parse(&t).ok_or_else(|| StoreError::Invalid(format!("stored tag {t:?}")))
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };
        Ok(Ticket {
            id: TicketId(self.id),
            workspace: WorkspaceId(self.workspace_id),
            number: TicketNumber(self.number),
            client: ClientId(self.client_id),
            topic: self.topic_id.map(TopicId),
            subject: self.subject,
            status: parse_status(&self.status)?,
            priority: self
                .priority
                .parse()
                .map_err(|e| StoreError::Invalid(format!("stored priority: {e}")))?,
            assignee: self.assignee_id.map(AgentId),
            queue: self.queue,
            language: parse_language(&self.language)?,
            created_at: from_millis(self.created_at)?,
            first_response_at: opt_from_millis(self.first_response_at)?,
            resolved_at: opt_from_millis(self.resolved_at)?,
            closed_at: opt_from_millis(self.closed_at)?,
            rating: self
                .rating
                .map(Rating::new)
                .transpose()
                .map_err(|e| StoreError::Invalid(format!("stored rating: {e}")))?,
            rating_comment: self.rating_comment,
            tags,
            awaiting_reply_since: opt_from_millis(self.awaiting_reply_since)?,
        })
    }
}

pub(crate) fn parse_status(s: &str) -> Result<TicketStatus, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Invalid(format!("stored ticket status {s:?}")))
}

pub(crate) fn parse_language(code: &str) -> Result<Language, StoreError> {
    Language::from_code(code)
        .ok_or_else(|| StoreError::Invalid(format!("stored language {code:?}")))
}

/// Loads a ticket and the version its next update must be guarded by. On PostgreSQL the row
/// is locked for the rest of the transaction (SQLite's `BEGIN IMMEDIATE` already serialises
/// writers), so concurrent agents queue up instead of failing with a conflict.
pub(crate) async fn load_ticket_for_update(
    conn: &mut AnyConnection,
    backend: Backend,
    ws: WorkspaceId,
    id: TicketId,
) -> Result<(Ticket, i64), StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let columns = ticket_select(backend, "tickets");
    let sql = format!("SELECT {columns} FROM tickets WHERE workspace_id = $1 AND id = $2{lock}");
    let row: Option<TicketRow> = sqlx::query_as(&sql)
        .bind(ws.0)
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    let row = row.ok_or(StoreError::NotFound)?;
    let version = row.version;
    Ok((row.into_ticket()?, version))
}

impl Store {
    pub async fn get_ticket(&self, ws: WorkspaceId, id: TicketId) -> Result<Ticket, StoreError> {
        if let Some(kept) = self.snapshot.as_ref().and_then(|s| s.ticket(ws, id)) {
            return Ok(kept);
        }
        let columns = self.ticket_columns();
        let sql = format!("SELECT {columns} FROM tickets WHERE workspace_id = $1 AND id = $2");
        let row: Option<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.into_ticket()
    }

    /// Several tickets in one statement, for a round of deliveries that renders them
    /// together; ids not found are left out.
    pub async fn tickets_by_ids(
        &self,
        ws: WorkspaceId,
        ids: &[TicketId],
    ) -> Result<Vec<Ticket>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let columns = self.ticket_columns();
        let listed = crate::id_lists::in_ids(self.backend(), "tickets.id", 2);
        let sql = format!("SELECT {columns} FROM tickets WHERE workspace_id = $1 AND {listed}");
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(crate::id_lists::ids_param(ids.iter().map(|id| id.0)))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }

    /// The ticket an agent means by "#1042".
    pub async fn find_ticket_by_number(
        &self,
        ws: WorkspaceId,
        number: TicketNumber,
    ) -> Result<Option<Ticket>, StoreError> {
        let columns = self.ticket_columns();
        let sql = format!("SELECT {columns} FROM tickets WHERE workspace_id = $1 AND number = $2");
        let row: Option<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(number.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(TicketRow::into_ticket).transpose()
    }

    /// A client's tickets that still need work (new, open, waiting on them), oldest first.
    pub async fn active_tickets_of_client(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<Vec<Ticket>, StoreError> {
        let columns = self.ticket_columns();
        let sql = format!(
            "SELECT {columns} FROM tickets
             WHERE workspace_id = $1 AND client_id = $2 AND status IN {ACTIVE_STATUSES}
             ORDER BY number"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(client.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }

    /// A client's latest tickets of any status, newest first ("My requests").
    pub async fn recent_tickets_of_client(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        let columns = self.ticket_columns();
        let sql = format!(
            "SELECT {columns} FROM tickets WHERE workspace_id = $1 AND client_id = $2
             ORDER BY number DESC LIMIT $3"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(client.0)
            .bind(limit)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }

    /// Tickets in one status, oldest first (queues, auto-close timers).
    pub async fn tickets_with_status(
        &self,
        ws: WorkspaceId,
        status: TicketStatus,
        limit: i64,
    ) -> Result<Vec<Ticket>, StoreError> {
        let columns = self.ticket_columns();
        let sql = format!(
            "SELECT {columns} FROM tickets WHERE workspace_id = $1 AND status = $2
             ORDER BY number LIMIT $3"
        );
        let rows: Vec<TicketRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(status.as_str())
            .bind(limit)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }

    /// [`ticket_select`] for a query reading `tickets` under its own name.
    pub(crate) fn ticket_columns(&self) -> String {
        ticket_select(self.backend(), "tickets")
    }
}

impl Tx {
    /// Opens a ticket with the desk's next number and makes it the client's current ticket.
    ///
    /// The counter is bumped by the transaction's first statement: SQLite holds its write lock
    /// from `BEGIN IMMEDIATE`, PostgreSQL row-locks the counter, so concurrent creators are
    /// serialised and numbers stay unique and gap-free; `UNIQUE (workspace_id, number)` is the
    /// backstop.
    pub async fn create_ticket(
        &self,
        ws: WorkspaceId,
        new: &NewTicket,
    ) -> Result<Ticket, StoreError> {
        self.create_ticket_as(ws, new, Actor::Client(new.client))
            .await
    }

    /// [`Store::create_ticket`] on someone's behalf: the history records `opened_by` (an agent
    /// opening a ticket for a client, or the system) as the creator.
    pub async fn create_ticket_as(
        &self,
        ws: WorkspaceId,
        new: &NewTicket,
        opened_by: Actor,
    ) -> Result<Ticket, StoreError> {
        let mut tx = self.conn().await?;
        // Bump the counter first (see above), then check references: a failure rolls back.
        let next: Option<(i64,)> = sqlx::query_as(
            "UPDATE workspace_counters SET next_ticket_number = next_ticket_number + 1
             WHERE workspace_id = $1 RETURNING next_ticket_number",
        )
        .bind(ws.0)
        .fetch_optional(&mut *tx)
        .await?;
        let number = next.ok_or(StoreError::NotFound)?.0 - 1;
        ensure_in_workspace(&mut tx, "clients", ws, new.client.0).await?;
        if let Some(topic) = new.topic {
            ensure_in_workspace(&mut tx, "topics", ws, topic.0).await?;
        }
        let sql = format!(
            "INSERT INTO tickets (workspace_id, number, client_id, topic_id, subject, status, priority,
                                  queue, language, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {TICKET_COLUMNS}"
        );
        let row: TicketRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(number)
            .bind(new.client.0)
            .bind(new.topic.map(|t| t.0))
            .bind(&new.subject)
            .bind(TicketStatus::New.as_str())
            .bind(new.priority.as_str())
            .bind(&new.queue)
            .bind(new.language.code())
            .bind(to_millis(new.created_at))
            .fetch_one(&mut *tx)
            .await?;
        let ticket = row.into_ticket()?;
        let created = EventDraft {
            kind: "created",
            from: None,
            to: Some(TicketStatus::New),
            actor: opened_by,
            details: serde_json::json!({ "number": number }),
            at: new.created_at,
        };
        insert_event(&mut tx, ws, ticket.id, &created).await?;
        crate::conversation::set_current_ticket_in(
            &mut tx,
            ws,
            new.client,
            Some(ticket.id),
            new.created_at,
        )
        .await?;
        Ok(ticket)
    }
}
