//! Finding clients by name, username or Telegram id, a page at a time (`/clients` in the
//! manager bot).

use crate::clients::{ClientRow, CLIENT_COLUMNS};
use crate::{Store, StoreError};
use ticketgram_domain::{Client, WorkspaceId};

/// One page of a client search and how many clients match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientPage {
    pub clients: Vec<Client>,
    pub total: i64,
}

impl Store {
    /// Clients whose first name, last name or username contains `query` (case-insensitive),
    /// or whose Telegram id is `query`; an empty query matches everyone. Newest first, so the
    /// person who just wrote is on the first page.
    pub async fn search_clients(
        &self,
        ws: WorkspaceId,
        query: &str,
        offset: i64,
        limit: i64,
    ) -> Result<ClientPage, StoreError> {
        let query = query.trim().trim_start_matches('@');
        let pattern = format!("%{}%", escape_like(&query.to_lowercase()));
        // A query that is no number must not match an id: -1 is no Telegram user's id.
        let id: i64 = query.parse().unwrap_or(-1);
        let filter = "workspace_id = $1 AND (LOWER(first_name) LIKE $2 ESCAPE '\\'
             OR LOWER(COALESCE(last_name, '')) LIKE $2 ESCAPE '\\'
             OR LOWER(COALESCE(username, '')) LIKE $2 ESCAPE '\\'
             OR telegram_user_id = $3)";
        let sql = format!(
            "SELECT {CLIENT_COLUMNS} FROM clients WHERE {filter} ORDER BY id DESC LIMIT $4 OFFSET $5"
        );
        let rows: Vec<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(&pattern)
            .bind(id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        let (total,): (i64,) =
            sqlx::query_as(&format!("SELECT COUNT(*) FROM clients WHERE {filter}"))
                .bind(ws.0)
                .bind(&pattern)
                .bind(id)
                .fetch_one(&mut *self.conn().await?)
                .await?;
        let clients = rows
            .into_iter()
            .map(Client::try_from)
            .collect::<Result<_, _>>()?;
        Ok(ClientPage { clients, total })
    }

    /// The client with this Telegram username (without `@`, case-insensitive).
    pub async fn find_client_by_username(
        &self,
        ws: WorkspaceId,
        username: &str,
    ) -> Result<Option<Client>, StoreError> {
        let sql = format!(
            "SELECT {CLIENT_COLUMNS} FROM clients
             WHERE workspace_id = $1 AND LOWER(username) = $2 ORDER BY id LIMIT 1"
        );
        let row: Option<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(username.trim_start_matches('@').to_lowercase())
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(Client::try_from).transpose()
    }
}

/// `%` and `_` typed by an agent are literal characters, not wildcards.
fn escape_like(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
