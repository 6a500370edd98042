//! Changes to an existing ticket. Each one loads the ticket, lets the domain decide, and saves
//! the ticket with its history rows in one transaction. The save is guarded by the version
//! that was read, so a concurrent change can never be silently overwritten.

use crate::clients::ensure_in_workspace;
use crate::ticket_events::{insert_event, EventDraft};
use crate::tickets::load_ticket_for_update;
use crate::time::opt_to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::{
    Actor, AgentId, Priority, Rating, StatusChange, Tag, Ticket, TicketId, TicketStatus, Timestamp,
    WorkspaceId,
};

/// Writes the mutable columns of `ticket` if nobody changed it since `version` was read.
async fn save_ticket(
    conn: &mut AnyConnection,
    ticket: &Ticket,
    version: i64,
) -> Result<(), StoreError> {
    let result = sqlx::query(
        "UPDATE tickets SET status = $1, priority = $2, assignee_id = $3, queue = $4, topic_id = $5,
                first_response_at = $6, resolved_at = $7, closed_at = $8, rating = $9,
                rating_comment = $10, awaiting_reply_since = $11, version = version + 1
         WHERE workspace_id = $12 AND id = $13 AND version = $14",
    )
    .bind(ticket.status.as_str())
    .bind(ticket.priority.as_str())
    .bind(ticket.assignee.map(|a| a.0))
    .bind(&ticket.queue)
    .bind(ticket.topic.map(|t| t.0))
    .bind(opt_to_millis(ticket.first_response_at))
    .bind(opt_to_millis(ticket.resolved_at))
    .bind(opt_to_millis(ticket.closed_at))
    .bind(ticket.rating.map(i64::from))
    .bind(&ticket.rating_comment)
    .bind(opt_to_millis(ticket.awaiting_reply_since))
    .bind(ticket.workspace.0)
    .bind(ticket.id.0)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    if result.rows_affected() == 0 {
        return Err(StoreError::Conflict(format!(
            "ticket {} was changed concurrently",
            ticket.number
        )));
    }
    Ok(())
}

/// Load, apply `change`, save with its events, inside the caller's transaction.
pub(crate) async fn mutate_ticket_in<T>(
    conn: &mut AnyConnection,
    store: &Store,
    ws: WorkspaceId,
    id: TicketId,
    change: impl FnOnce(&mut Ticket) -> Result<(T, Vec<EventDraft>), StoreError>,
) -> Result<T, StoreError> {
    let (mut ticket, version) = load_ticket_for_update(conn, store.backend(), ws, id).await?;
    let before = ticket.clone();
    let (out, events) = change(&mut ticket)?;
    if ticket != before {
        save_ticket(conn, &ticket, version).await?;
    }
    for event in &events {
        insert_event(conn, ws, id, event).await?;
    }
    Ok(out)
}

/// What an agent's reply did to its ticket: the status change, and since when the client had
/// waited for it (the next-reply wait it ended; `None` for a first reply or nothing owed).
pub(crate) struct ReplyEffect {
    pub status_change: Option<StatusChange>,
    pub answered_wait_since: Option<Timestamp>,
    /// The ticket as the reply left it.
    pub ticket: Ticket,
}

pub(crate) async fn record_agent_reply_in(
    conn: &mut AnyConnection,
    store: &Store,
    ws: WorkspaceId,
    id: TicketId,
    agent: AgentId,
    at: Timestamp,
) -> Result<ReplyEffect, StoreError> {
    mutate_ticket_in(conn, store, ws, id, |ticket| {
        let answered_wait_since = ticket.awaiting_reply_since;
        let status_change = ticket.record_agent_reply(agent, at);
        let events = status_change.iter().map(EventDraft::status).collect();
        let effect = ReplyEffect {
            status_change,
            answered_wait_since,
            ticket: ticket.clone(),
        };
        Ok((effect, events))
    })
    .await
}

pub(crate) async fn record_client_message_in(
    conn: &mut AnyConnection,
    store: &Store,
    ws: WorkspaceId,
    id: TicketId,
    at: Timestamp,
) -> Result<(Option<StatusChange>, Ticket), StoreError> {
    mutate_ticket_in(conn, store, ws, id, |ticket| {
        let change = ticket.record_client_message(at);
        let events = change.iter().map(EventDraft::status).collect();
        Ok(((change, ticket.clone()), events))
    })
    .await
}

impl Tx {
    async fn mutate_ticket<T>(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        change: impl FnOnce(&mut Ticket) -> Result<(T, Vec<EventDraft>), StoreError>,
    ) -> Result<T, StoreError> {
        let mut tx = self.conn().await?;
        let out = mutate_ticket_in(&mut tx, self, ws, id, change).await?;
        Ok(out)
    }

    /// Moves a ticket to `to`. Illegal moves come back as [`StoreError::Transition`] with the
    /// domain's reason; nothing is written then.
    pub async fn change_status(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        to: TicketStatus,
        actor: Actor,
        at: Timestamp,
    ) -> Result<StatusChange, StoreError> {
        self.mutate_ticket(ws, id, |ticket| {
            let rated = ticket
                .rating
                .map(|r| (r.score(), ticket.rating_comment.clone()));
            let change = ticket.transition(to, actor, at)?;
            let mut events = vec![EventDraft::status(&change)];
            // A reopen clears the score (the next close asks again); the old one stays here.
            if let (true, Some((score, comment))) = (change.is_reopen(), rated) {
                let details = serde_json::json!({ "rating": score, "comment": comment });
                events.push(EventDraft::other("rating_archived", actor, details, at));
            }
            Ok((change, events))
        })
        .await
    }

    /// A line in the ticket's history about something that happened around it rather than to
    /// it (the client was blocked or unblocked): the ticket itself does not change.
    pub async fn record_ticket_event(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        kind: &'static str,
        actor: Actor,
        details: serde_json::Value,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.mutate_ticket(ws, id, |_| {
            Ok(((), vec![EventDraft::other(kind, actor, details, at)]))
        })
        .await
    }

    /// Hands the ticket to an agent (or back to the queue with `None`).
    pub async fn assign_ticket(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        assignee: Option<AgentId>,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.conn().await?;
        if let Some(agent) = assignee {
            ensure_in_workspace(&mut tx, "agents", ws, agent.0).await?;
        }
        mutate_ticket_in(&mut tx, self, ws, id, |ticket| {
            let details = serde_json::json!({
                "from": ticket.assignee.map(|a| a.0),
                "to": assignee.map(|a| a.0),
            });
            ticket.assignee = assignee;
            Ok(((), vec![EventDraft::other("assigned", actor, details, at)]))
        })
        .await?;
        Ok(())
    }

    /// `agent` takes the ticket if it is still unassigned and active, decided under the row
    /// lock of the input's transaction: of two agents pressing Take at once, one gets it and
    /// the other learns it was taken (`false`), never an overwrite. A new ticket opens.
    pub async fn take_ticket(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        agent: AgentId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.conn().await?;
        ensure_in_workspace(&mut tx, "agents", ws, agent.0).await?;
        mutate_ticket_in(&mut tx, self, ws, id, |ticket| {
            if ticket.assignee.is_some() || !ticket.status.is_active() {
                return Ok((false, vec![]));
            }
            let actor = Actor::Agent(agent);
            let details = serde_json::json!({ "from": null, "to": agent.0 });
            ticket.assignee = Some(agent);
            let mut events = vec![EventDraft::other("assigned", actor, details, at)];
            if ticket.status == TicketStatus::New {
                let change = ticket.transition(TicketStatus::Open, actor, at)?;
                events.push(EventDraft::status(&change));
            }
            Ok((true, events))
        })
        .await
    }

    pub async fn set_ticket_priority(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        priority: Priority,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.mutate_ticket(ws, id, |ticket| {
            let details =
                serde_json::json!({ "from": ticket.priority.as_str(), "to": priority.as_str() });
            ticket.priority = priority;
            Ok((
                (),
                vec![EventDraft::other("priority_changed", actor, details, at)],
            ))
        })
        .await
    }

    /// The client's score (and optional comment). Rating again replaces the earlier score.
    pub async fn rate_ticket(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        rating: Rating,
        comment: Option<String>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.mutate_ticket(ws, id, |ticket| {
            ticket.rate(rating, comment);
            let details =
                serde_json::json!({ "rating": rating.score(), "comment": ticket.rating_comment });
            Ok((
                (),
                vec![EventDraft::other(
                    "rated",
                    Actor::Client(ticket.client),
                    details,
                    at,
                )],
            ))
        })
        .await
    }

    /// An agent's public reply: stamps the first response, assigns the agent if nobody is
    /// assigned, and opens a new or waiting ticket.
    pub async fn record_agent_reply(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        agent: AgentId,
        at: Timestamp,
    ) -> Result<Option<StatusChange>, StoreError> {
        let mut tx = self.conn().await?;
        let effect = record_agent_reply_in(&mut tx, self, ws, id, agent, at).await?;
        Ok(effect.status_change)
    }

    /// The client wrote again: wakes a ticket that was waiting on them.
    pub async fn record_client_message(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        at: Timestamp,
    ) -> Result<Option<StatusChange>, StoreError> {
        let mut tx = self.conn().await?;
        let (change, _) = record_client_message_in(&mut tx, self, ws, id, at).await?;
        Ok(change)
    }

    /// Adds a tag; returns false when the ticket already had it.
    pub async fn add_ticket_tag(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        tag: &Tag,
        actor: Actor,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.conn().await?;
        // Loading (and locking) the ticket proves it belongs to this workspace.
        load_ticket_for_update(&mut tx, self.backend(), ws, id).await?;
        let added = sqlx::query(
            "INSERT INTO ticket_tags (workspace_id, ticket_id, tag) VALUES ($1, $2, $3)
             ON CONFLICT (ticket_id, tag) DO NOTHING",
        )
        .bind(ws.0)
        .bind(id.0)
        .bind(tag.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if added {
            let event = EventDraft::other(
                "tag_added",
                actor,
                serde_json::json!({ "tag": tag.as_str() }),
                at,
            );
            insert_event(&mut tx, ws, id, &event).await?;
        }
        Ok(added)
    }

    /// Removes a tag; returns false when the ticket did not have it.
    pub async fn remove_ticket_tag(
        &self,
        ws: WorkspaceId,
        id: TicketId,
        tag: &Tag,
        actor: Actor,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.conn().await?;
        let removed = sqlx::query(
            "DELETE FROM ticket_tags WHERE workspace_id = $1 AND ticket_id = $2 AND tag = $3",
        )
        .bind(ws.0)
        .bind(id.0)
        .bind(tag.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if removed {
            let event = EventDraft::other(
                "tag_removed",
                actor,
                serde_json::json!({ "tag": tag.as_str() }),
                at,
            );
            insert_event(&mut tx, ws, id, &event).await?;
        }
        Ok(removed)
    }
}
