//! Where each client is in their conversation with the client bot, and which ticket their
//! next message belongs to. Both live in the database so a restart drops nobody mid-form.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use sqlx::AnyConnection;
use ticketgram_domain::{ClientId, ClientState, TicketId, Timestamp, WorkspaceId};

pub(crate) async fn set_current_ticket_in(
    conn: &mut AnyConnection,
    ws: WorkspaceId,
    client: ClientId,
    ticket: Option<TicketId>,
    at: Timestamp,
) -> Result<(), StoreError> {
    // INSERT ... SELECT from clients: a client of another workspace inserts nothing, nor does
    // a ticket that is not the client's (checked by the same statement: this runs for every
    // message a client writes).
    let done = sqlx::query(
        "INSERT INTO client_states (workspace_id, client_id, current_ticket_id, updated_at)
         SELECT workspace_id, id, $3, $4 FROM clients
         WHERE workspace_id = $1 AND id = $2
           AND ($3 IS NULL OR EXISTS (SELECT 1 FROM tickets t
                                      WHERE t.workspace_id = $1 AND t.id = $3 AND t.client_id = $2))
         ON CONFLICT (client_id) DO UPDATE
         SET current_ticket_id = excluded.current_ticket_id, updated_at = excluded.updated_at
         WHERE client_states.workspace_id = excluded.workspace_id",
    )
    .bind(ws.0)
    .bind(client.0)
    .bind(ticket.map(|t| t.0))
    .bind(to_millis(at))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() > 0 {
        return Ok(());
    }
    // Nothing written: say why.
    if let Some(ticket) = ticket {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM tickets WHERE workspace_id = $1 AND id = $2 AND client_id = $3",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(client.0)
        .fetch_one(&mut *conn)
        .await?;
        if count == 0 {
            return Err(StoreError::Invalid(format!(
                "ticket {ticket} is not a ticket of client {client}"
            )));
        }
    }
    crate::clients::found(done.rows_affected())
}

/// Where a client's next message goes: their conversation state and current ticket
/// ([`Store::client_place`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClientPlace {
    pub state: ClientState,
    /// The ticket the client's next plain message goes to, if any.
    pub current: Option<TicketId>,
    /// Whether `current` is still active (someone owes work on it), so a message goes there
    /// without asking which of the client's tickets it is for.
    pub current_active: bool,
}

impl Store {
    /// The client's conversation state; a client who never talked to the bot is `Idle`.
    pub async fn client_state(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<ClientState, StoreError> {
        Ok(self.client_place(ws, client).await?.state)
    }

    /// [`Store::client_state`] and [`Store::current_ticket`] in one read, with whether that
    /// ticket is still active: where a client's message goes depends on all three.
    pub async fn client_place(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<ClientPlace, StoreError> {
        let sql = format!(
            "SELECT {PLACE_COLUMNS} FROM client_states cs {CURRENT_TICKET_JOIN}
             WHERE cs.workspace_id = $1 AND cs.client_id = $2"
        );
        let row: Option<(Option<String>, Option<i64>, Option<String>)> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(client.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        match row {
            Some((state, current, status)) => place_from(state, current, status),
            None => Ok(ClientPlace::default()),
        }
    }

    /// The ticket a client's next plain message goes to, if any.
    pub async fn current_ticket(
        &self,
        ws: WorkspaceId,
        client: ClientId,
    ) -> Result<Option<TicketId>, StoreError> {
        Ok(self.client_place(ws, client).await?.current)
    }
}

impl Tx {
    pub async fn set_client_state(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        state: &ClientState,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "INSERT INTO client_states (workspace_id, client_id, state, updated_at)
             SELECT workspace_id, id, $3, $4 FROM clients WHERE workspace_id = $1 AND id = $2
             ON CONFLICT (client_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
             WHERE client_states.workspace_id = excluded.workspace_id",
        )
        .bind(ws.0)
        .bind(client.0)
        .bind(serde_json::to_string(state)?)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }

    pub async fn set_current_ticket(
        &self,
        ws: WorkspaceId,
        client: ClientId,
        ticket: Option<TicketId>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        set_current_ticket_in(&mut conn, ws, client, ticket, at).await
    }
}

/// The columns a [`ClientPlace`] is read from, in [`place_from`]'s order, over
/// `client_states cs` joined with [`CURRENT_TICKET_JOIN`].
pub(crate) const PLACE_COLUMNS: &str =
    "cs.state AS place_state, cs.current_ticket_id AS place_current, t.status AS place_status";

/// The client's current ticket `t`, when it is still theirs.
pub(crate) const CURRENT_TICKET_JOIN: &str =
    "LEFT JOIN tickets t ON t.workspace_id = cs.workspace_id
     AND t.id = cs.current_ticket_id AND t.client_id = cs.client_id";

/// A [`ClientPlace`] from its columns: the client's state (`None`: never set, idle), their
/// current ticket, and that ticket's status (`None`: not theirs, or none).
pub(crate) fn place_from(
    state: Option<String>,
    current: Option<i64>,
    status: Option<String>,
) -> Result<ClientPlace, StoreError> {
    let current_active = match status {
        Some(status) => crate::tickets::parse_status(&status)?.is_active(),
        None => false,
    };
    Ok(ClientPlace {
        state: match state {
            Some(state) => serde_json::from_str(&state)?,
            None => ClientState::Idle,
        },
        current: current.map(TicketId),
        current_active,
    })
}
