//! Outgoing webhooks: the endpoints a desk registered, the deliveries queued for them, and the
//! cursors with which the producer tails `ticket_events` and `messages`.
//!
//! Producing is separate from the relay's hot path: the producer reads what the relay already
//! committed, by id, and writes one delivery per subscribed endpoint together with its new
//! cursor, in one transaction. `UNIQUE (endpoint_id, event_id)` makes producing an event twice
//! harmless. Deliveries are claimed like outbox jobs (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), so several instances can send without sending one delivery twice at once.

use crate::job_queue::{JobEnd, JobQueue};
use crate::ticket_events::parse_actor;
use crate::tickets::parse_status;
use crate::time::{duration_millis, from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError, TicketEvent};
use std::time::Duration;
use ticketgram_domain::{
    AgentId, Message, MessageDirection, MessageId, TicketId, Timestamp, WorkspaceId,
};

/// The deliveries as a [`JobQueue`]: unordered (each is one event to one endpoint),
/// `delivered_at` stamped on success.
pub(crate) const WEBHOOK_DELIVERIES: JobQueue = JobQueue {
    table: "webhook_deliveries",
    due_at: "next_attempt_at",
    done_status: "delivered",
    done_at: "delivered_at",
    dead_at: None,
    ordered_by: None,
    noun: "webhook delivery",
};

#[derive(Debug, Clone)]
pub struct NewWebhookEndpoint {
    pub url: String,
    /// The HMAC key deliveries are signed with, sealed ([`crate::seal_webhook_secret`]).
    pub secret: String,
    /// Event types ("ticket.created"); empty means every event.
    pub events: Vec<String>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: i64,
    pub workspace: WorkspaceId,
    pub url: String,
    pub secret: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: Timestamp,
}

impl WebhookEndpoint {
    pub fn wants(&self, event_type: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == event_type)
    }
}

/// A partial update; `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookEndpointChange {
    pub url: Option<String>,
    pub secret: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    InFlight,
    Delivered,
    /// Given up after retrying for too long; stays visible.
    Dead,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 4] = [
        DeliveryStatus::Pending,
        DeliveryStatus::InFlight,
        DeliveryStatus::Delivered,
        DeliveryStatus::Dead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::InFlight => "in_flight",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// An event to deliver to every active endpoint of the desk that wants its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebhookEvent {
    /// Stable across re-production ("ticket_event:42"), so the receiver can dedupe too.
    pub event_id: String,
    pub event_type: String,
    /// The JSON body, sent byte for byte as stored (the signature covers these bytes).
    pub payload: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub id: i64,
    pub workspace: WorkspaceId,
    pub endpoint_id: i64,
    pub event_id: String,
    pub event_type: String,
    pub payload: String,
    pub status: DeliveryStatus,
    /// Attempts so far, including one under way.
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
}

/// A claimed delivery with where to send it and how to sign it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedDelivery {
    pub delivery: WebhookDelivery,
    pub url: String,
    pub secret: String,
}

/// What the producer tails. Each has its own cursor per desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookSource {
    TicketEvents,
    Messages,
}

impl WebhookSource {
    fn as_str(self) -> &'static str {
        match self {
            WebhookSource::TicketEvents => "ticket_events",
            WebhookSource::Messages => "messages",
        }
    }
}

const ENDPOINT_COLUMNS: &str = "id, workspace_id, url, secret, events, active, created_at";

#[derive(sqlx::FromRow)]
struct EndpointRow {
    id: i64,
    workspace_id: i64,
    url: String,
    secret: String,
    events: String,
    active: i64,
    created_at: i64,
}

impl TryFrom<EndpointRow> for WebhookEndpoint {
    type Error = StoreError;
    fn try_from(row: EndpointRow) -> Result<WebhookEndpoint, StoreError> {
        Ok(WebhookEndpoint {
            id: row.id,
            workspace: WorkspaceId(row.workspace_id),
            url: row.url,
            secret: row.secret,
            events: serde_json::from_str(&row.events)?,
            active: row.active != 0,
            created_at: from_millis(row.created_at)?,
        })
    }
}

const DELIVERY_COLUMNS: &str = "d.id, d.workspace_id, d.endpoint_id, d.event_id, d.event_type, \
     d.payload, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at";

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    workspace_id: i64,
    endpoint_id: i64,
    event_id: String,
    event_type: String,
    payload: String,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    created_at: i64,
    delivered_at: Option<i64>,
}

impl TryFrom<DeliveryRow> for WebhookDelivery {
    type Error = StoreError;
    fn try_from(row: DeliveryRow) -> Result<WebhookDelivery, StoreError> {
        Ok(WebhookDelivery {
            id: row.id,
            workspace: WorkspaceId(row.workspace_id),
            endpoint_id: row.endpoint_id,
            event_id: row.event_id,
            event_type: row.event_type,
            payload: row.payload,
            status: DeliveryStatus::parse(&row.status).ok_or_else(|| {
                StoreError::Invalid(format!("stored delivery status {:?}", row.status))
            })?,
            attempts: row.attempts,
            next_attempt_at: from_millis(row.next_attempt_at)?,
            last_error: row.last_error,
            created_at: from_millis(row.created_at)?,
            delivered_at: opt_from_millis(row.delivered_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    #[sqlx(flatten)]
    delivery: DeliveryRow,
    url: String,
    secret: String,
}

#[derive(sqlx::FromRow)]
struct SourceEventRow {
    id: i64,
    ticket_id: i64,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    actor_kind: String,
    actor_id: Option<i64>,
    details: String,
    at: i64,
}

#[derive(sqlx::FromRow)]
struct SourceMessageRow {
    id: i64,
    ticket_id: i64,
    direction: String,
    author_agent_id: Option<i64>,
    text: Option<String>,
    media: String,
    created_at: i64,
    edited_at: Option<i64>,
}

impl Store {
    pub async fn webhook_endpoints(
        &self,
        ws: WorkspaceId,
    ) -> Result<Vec<WebhookEndpoint>, StoreError> {
        let sql = format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 ORDER BY id"
        );
        let rows: Vec<EndpointRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(WebhookEndpoint::try_from).collect()
    }

    pub async fn webhook_endpoint(
        &self,
        ws: WorkspaceId,
        id: i64,
    ) -> Result<WebhookEndpoint, StoreError> {
        let sql = format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2"
        );
        let row: Option<EndpointRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// The last id the producer has read from `source` (0 before the first run).
    pub async fn webhook_cursor(
        &self,
        ws: WorkspaceId,
        source: WebhookSource,
    ) -> Result<i64, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT last_id FROM webhook_cursors WHERE workspace_id = $1 AND source = $2",
        )
        .bind(ws.0)
        .bind(source.as_str())
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map_or(0, |(id,)| id))
    }

    /// Starts a cursor at the current end of its source, if it has none yet: a desk that adds
    /// webhooks is told about what happens from then on, not about its whole history. The
    /// desk's first endpoint starts them too (see `create_webhook_endpoint`), so what happens
    /// after it was registered is never skipped, however late the worker starts.
    pub async fn start_webhook_cursor(
        &self,
        ws: WorkspaceId,
        source: WebhookSource,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        start_cursor(&mut conn, ws, source).await
    }

    /// Ticket history rows after `after`, in id order.
    pub async fn ticket_events_after(
        &self,
        ws: WorkspaceId,
        after: i64,
        limit: i64,
    ) -> Result<Vec<TicketEvent>, StoreError> {
        let rows: Vec<SourceEventRow> = sqlx::query_as(
            "SELECT id, ticket_id, kind, from_status, to_status, actor_kind, actor_id, details, at
             FROM ticket_events WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(ws.0)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(TicketEvent {
                    id: row.id,
                    ticket: TicketId(row.ticket_id),
                    from: row.from_status.as_deref().map(parse_status).transpose()?,
                    to: row.to_status.as_deref().map(parse_status).transpose()?,
                    actor: parse_actor(&row.actor_kind, row.actor_id)?,
                    details: serde_json::from_str(&row.details)?,
                    at: from_millis(row.at)?,
                    kind: row.kind,
                })
            })
            .collect()
    }

    /// Messages of any direction after `after`, in id order, without their Telegram copies.
    pub async fn messages_after(
        &self,
        ws: WorkspaceId,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Message>, StoreError> {
        let rows: Vec<SourceMessageRow> = sqlx::query_as(
            "SELECT id, ticket_id, direction, author_agent_id, text, media, created_at, edited_at
             FROM messages WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(ws.0)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Message {
                    id: MessageId(row.id),
                    ticket: TicketId(row.ticket_id),
                    direction: MessageDirection::parse(&row.direction).ok_or_else(|| {
                        StoreError::Invalid(format!("stored direction {:?}", row.direction))
                    })?,
                    author_agent: row.author_agent_id.map(AgentId),
                    text: row.text,
                    media: serde_json::from_str(&row.media)?,
                    copies: Vec::new(),
                    created_at: from_millis(row.created_at)?,
                    edited_at: opt_from_millis(row.edited_at)?,
                })
            })
            .collect()
    }

    /// Queues `events` for every active endpoint that wants them and moves the cursor of
    /// `source` to `last_id`, atomically: either both happen or neither.
    pub async fn produce_webhook_events(
        &self,
        ws: WorkspaceId,
        source: WebhookSource,
        last_id: i64,
        events: &[NewWebhookEvent],
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.conn().await?;
        let mut queued = 0;
        for event in events {
            // Event types are our own dotted codes: quoted, they match exactly in the array.
            let done = sqlx::query(
                "INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event_type, payload,
                                                 status, attempts, next_attempt_at, created_at)
                 SELECT workspace_id, id, $1, $2, $3, 'pending', 0, $4, $4 FROM webhook_endpoints
                 WHERE workspace_id = $5 AND active = 1 AND (events = '[]' OR events LIKE $6)
                 ON CONFLICT (endpoint_id, event_id) DO NOTHING",
            )
            .bind(&event.event_id)
            .bind(&event.event_type)
            .bind(&event.payload)
            .bind(to_millis(at))
            .bind(ws.0)
            .bind(format!("%\"{}\"%", event.event_type))
            .execute(&mut *tx)
            .await?;
            queued += done.rows_affected();
        }
        sqlx::query(
            "INSERT INTO webhook_cursors (workspace_id, source, last_id) VALUES ($1, $2, $3)
             ON CONFLICT (workspace_id, source) DO UPDATE SET last_id = excluded.last_id",
        )
        .bind(ws.0)
        .bind(source.as_str())
        .bind(last_id)
        .execute(&mut *tx)
        .await?;
        Ok(queued)
    }

    /// When the next unfinished delivery can be claimed (a pending one's next attempt, an
    /// in-flight one's claim expiry), if any: a worker asks this (a read) before it claims (a
    /// write), so an idle worker never takes the write lock, and sleeps until then.
    pub async fn next_webhook_due(&self) -> Result<Option<Timestamp>, StoreError> {
        let (due,): (Option<i64>,) = sqlx::query_as(&WEBHOOK_DELIVERIES.next_due_sql(""))
            .fetch_one(&mut *self.conn().await?)
            .await?;
        opt_from_millis(due)
    }

    /// Claims up to `limit` due deliveries of any desk for `instance` until `now + lease`: the
    /// pending ones whose time has come and those whose earlier claim expired.
    pub async fn claim_webhook_deliveries(
        &self,
        instance: &str,
        now: Timestamp,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let now_ms = to_millis(now);
        let claimed: Vec<(i64,)> =
            sqlx::query_as(&WEBHOOK_DELIVERIES.claim_sql(self.backend, "", "id"))
                .bind(instance)
                .bind(now_ms.saturating_add(duration_millis(lease)))
                .bind(now_ms)
                .bind(limit)
                .fetch_all(&mut *self.conn().await?)
                .await?;
        let mut out = Vec::with_capacity(claimed.len());
        for (id,) in claimed {
            let row: ClaimedRow = sqlx::query_as(&format!(
                "SELECT {DELIVERY_COLUMNS}, e.url, e.secret FROM webhook_deliveries d
                 JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1"
            ))
            .bind(id)
            .fetch_one(&mut *self.conn().await?)
            .await?;
            out.push(ClaimedDelivery {
                delivery: row.delivery.try_into()?,
                url: row.url,
                secret: row.secret,
            });
        }
        out.sort_by_key(|c| c.delivery.id);
        Ok(out)
    }

    /// The receiver answered 2xx.
    pub async fn webhook_delivered(
        &self,
        id: i64,
        instance: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        WEBHOOK_DELIVERIES
            .finish(&mut conn, id, instance, JobEnd::Done { at })
            .await
    }

    /// The attempt failed; try again at `next_attempt_at`.
    pub async fn webhook_retry_later(
        &self,
        id: i64,
        instance: &str,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        let later = JobEnd::Later {
            at: next_attempt_at,
            error,
        };
        WEBHOOK_DELIVERIES
            .finish(&mut conn, id, instance, later)
            .await
    }

    /// Gives the delivery up; it stays listed with its last error.
    pub async fn webhook_dead(
        &self,
        id: i64,
        instance: &str,
        error: &str,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        let dead = JobEnd::Dead {
            at: chrono::Utc::now(),
            error,
        };
        WEBHOOK_DELIVERIES
            .finish(&mut conn, id, instance, dead)
            .await
    }

    /// An endpoint's deliveries, newest first, optionally only those in one status.
    pub async fn webhook_deliveries(
        &self,
        ws: WorkspaceId,
        endpoint: i64,
        status: Option<DeliveryStatus>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d
             WHERE d.workspace_id = $1 AND d.endpoint_id = $2 AND ($3 IS NULL OR d.status = $3)
             ORDER BY d.id DESC LIMIT $4"
        ))
        .bind(ws.0)
        .bind(endpoint)
        .bind(status.map(DeliveryStatus::as_str))
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter().map(WebhookDelivery::try_from).collect()
    }
}

impl Tx {
    /// The heartbeat of deliveries under way: our claims on `ids` still in flight last until
    /// `until`, so a short claim outlives a slow receiver but not a dead instance.
    pub async fn extend_webhook_claims(
        &self,
        instance: &str,
        ids: &[i64],
        until: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut conn = self.conn().await?;
        WEBHOOK_DELIVERIES
            .extend_claims(&mut conn, instance, ids, until)
            .await
    }

    pub async fn create_webhook_endpoint(
        &self,
        ws: WorkspaceId,
        new: &NewWebhookEndpoint,
    ) -> Result<WebhookEndpoint, StoreError> {
        let sql = format!(
            "INSERT INTO webhook_endpoints (workspace_id, url, secret, events, active, created_at)
             VALUES ($1, $2, $3, $4, 1, $5) RETURNING {ENDPOINT_COLUMNS}"
        );
        let row: EndpointRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(&new.url)
            .bind(&new.secret)
            .bind(serde_json::to_string(&new.events)?)
            .bind(to_millis(new.created_at))
            .fetch_one(&mut *self.conn().await?)
            .await?;
        // Started here, in the endpoint's own transaction: a worker that starts its cursors
        // only later (a slow start, a busy database) would begin after what the endpoint
        // should already have been told.
        for source in [WebhookSource::TicketEvents, WebhookSource::Messages] {
            let mut conn = self.conn().await?;
            start_cursor(&mut conn, ws, source).await?;
        }
        row.try_into()
    }

    pub async fn change_webhook_endpoint(
        &self,
        ws: WorkspaceId,
        id: i64,
        change: &WebhookEndpointChange,
    ) -> Result<WebhookEndpoint, StoreError> {
        let events = change
            .events
            .as_ref()
            .map(serde_json::to_string)
            .transpose()?;
        let sql = format!(
            "UPDATE webhook_endpoints SET url = COALESCE($1, url), secret = COALESCE($2, secret),
                    events = COALESCE($3, events), active = COALESCE($4, active)
             WHERE workspace_id = $5 AND id = $6 RETURNING {ENDPOINT_COLUMNS}"
        );
        let row: Option<EndpointRow> = sqlx::query_as(&sql)
            .bind(&change.url)
            .bind(&change.secret)
            .bind(events)
            .bind(change.active.map(i64::from))
            .bind(ws.0)
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// Removes the endpoint and its deliveries.
    pub async fn delete_webhook_endpoint(
        &self,
        ws: WorkspaceId,
        id: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.conn().await?;
        sqlx::query("DELETE FROM webhook_deliveries WHERE workspace_id = $1 AND endpoint_id = $2")
            .bind(ws.0)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2")
            .bind(ws.0)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        crate::clients::found(done.rows_affected())?;
        Ok(())
    }
}

/// Puts a desk's cursor on `source` at the source's current end, unless it has one.
async fn start_cursor(
    conn: &mut sqlx::AnyConnection,
    ws: WorkspaceId,
    source: WebhookSource,
) -> Result<(), StoreError> {
    let table = match source {
        WebhookSource::TicketEvents => "ticket_events",
        WebhookSource::Messages => "messages",
    };
    let sql = format!(
        "INSERT INTO webhook_cursors (workspace_id, source, last_id)
         SELECT $1, $2, COALESCE(MAX(id), 0) FROM {table} WHERE workspace_id = $1
         ON CONFLICT (workspace_id, source) DO NOTHING"
    );
    sqlx::query(&sql)
        .bind(ws.0)
        .bind(source.as_str())
        .execute(conn)
        .await?;
    Ok(())
}
