//! REST API tokens and the idempotency keys requests made with them.
//!
//! The raw token never reaches the store: callers hash it and pass the hash, so neither a
//! database dump nor a log of these queries grants access. A token is looked up by its hash
//! alone (the token is what tells which workspace a request belongs to); every other method
//! takes the workspace first.

use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, Timestamp, WorkspaceId};

#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub name: String,
    /// The visible start of the token ("tg_3fa9c1"), shown in listings.
    pub prefix: String,
    /// Hex SHA-256 of the whole token.
    pub token_hash: String,
    /// Scope codes ("tickets:read"); the API defines and parses them.
    pub scopes: Vec<String>,
    /// The admin who created it (`None` when made from the command line without one).
    pub created_by: Option<AgentId>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub workspace: WorkspaceId,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<String>,
    pub created_by: Option<AgentId>,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

impl ApiToken {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

const TOKEN_COLUMNS: &str = "id, workspace_id, name, prefix, scopes, created_by_agent_id, \
     created_at, last_used_at, revoked_at";

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    workspace_id: i64,
    name: String,
    prefix: String,
    scopes: String,
    created_by_agent_id: Option<i64>,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl TryFrom<TokenRow> for ApiToken {
    type Error = StoreError;
    fn try_from(row: TokenRow) -> Result<ApiToken, StoreError> {
        Ok(ApiToken {
            id: row.id,
            workspace: WorkspaceId(row.workspace_id),
            name: row.name,
            prefix: row.prefix,
            scopes: serde_json::from_str(&row.scopes)?,
            created_by: row.created_by_agent_id.map(AgentId),
            created_at: from_millis(row.created_at)?,
            last_used_at: opt_from_millis(row.last_used_at)?,
            revoked_at: opt_from_millis(row.revoked_at)?,
        })
    }
}

/// What an idempotency key holds: nothing yet (the first request is still running), or the
/// answer to replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotentReplay {
    /// This request is the first with the key: go ahead, then [`Store::finish_idempotent`].
    First,
    /// The key was used with a different request body.
    Mismatch,
    /// The first request with the key has not finished.
    InProgress,
    /// The first request's answer.
    Done { status: u16, body: String },
}

impl Store {
    /// The token with this hash, revoked or not, in whichever workspace it belongs to.
    pub async fn find_api_token_by_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<ApiToken>, StoreError> {
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1");
        let row: Option<TokenRow> = sqlx::query_as(&sql)
            .bind(token_hash)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(ApiToken::try_from).transpose()
    }

    /// The desk's tokens, oldest first, revoked ones included.
    pub async fn api_tokens(&self, ws: WorkspaceId) -> Result<Vec<ApiToken>, StoreError> {
        let sql =
            format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE workspace_id = $1 ORDER BY id");
        let rows: Vec<TokenRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(ApiToken::try_from).collect()
    }

    /// Records that the token was used. Writes at most once per `granularity`, so a busy
    /// integration does not turn every read into a write.
    pub async fn touch_api_token(
        &self,
        ws: WorkspaceId,
        id: i64,
        at: Timestamp,
        granularity: std::time::Duration,
    ) -> Result<(), StoreError> {
        let stale_before = to_millis(at) - crate::time::duration_millis(granularity);
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1
             WHERE workspace_id = $2 AND id = $3 AND (last_used_at IS NULL OR last_used_at <= $4)",
        )
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(id)
        .bind(stale_before)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// Claims `key` for a request of `token` whose body hashes to `request_hash`, or tells
    /// what the earlier request with the key came to. One INSERT decides who was first, so
    /// two retries racing each other cannot both run.
    pub async fn begin_idempotent(
        &self,
        ws: WorkspaceId,
        token: i64,
        key: &str,
        request_hash: &str,
        at: Timestamp,
    ) -> Result<IdempotentReplay, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO api_idempotency_keys (token_id, key, workspace_id, request_hash, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_id, key) DO NOTHING",
        )
        .bind(token)
        .bind(key)
        .bind(ws.0)
        .bind(request_hash)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        if inserted.rows_affected() > 0 {
            return Ok(IdempotentReplay::First);
        }
        let row: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT request_hash, status, body FROM api_idempotency_keys
             WHERE workspace_id = $1 AND token_id = $2 AND key = $3",
        )
        .bind(ws.0)
        .bind(token)
        .bind(key)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let (stored_hash, status, body) = row.ok_or(StoreError::NotFound)?;
        if stored_hash != request_hash {
            return Ok(IdempotentReplay::Mismatch);
        }
        Ok(match (status, body) {
            (Some(status), Some(body)) => IdempotentReplay::Done {
                status: u16::try_from(status)
                    .map_err(|_| StoreError::Invalid(format!("stored HTTP status {status}")))?,
                body,
            },
            _ => IdempotentReplay::InProgress,
        })
    }

    /// Forgets `key` (the first request failed before it changed anything, so a retry may run).
    pub async fn abandon_idempotent(
        &self,
        ws: WorkspaceId,
        token: i64,
        key: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "DELETE FROM api_idempotency_keys WHERE workspace_id = $1 AND token_id = $2 AND key = $3",
        )
        .bind(ws.0)
        .bind(token)
        .bind(key)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}

impl Tx {
    pub async fn create_api_token(
        &self,
        ws: WorkspaceId,
        new: &NewApiToken,
    ) -> Result<ApiToken, StoreError> {
        let mut tx = self.conn().await?;
        if let Some(agent) = new.created_by {
            crate::clients::ensure_in_workspace(&mut tx, "agents", ws, agent.0).await?;
        }
        let sql = format!(
            "INSERT INTO api_tokens (workspace_id, name, prefix, token_hash, scopes, created_by_agent_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {TOKEN_COLUMNS}"
        );
        let row: TokenRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(&new.name)
            .bind(&new.prefix)
            .bind(&new.token_hash)
            .bind(serde_json::to_string(&new.scopes)?)
            .bind(new.created_by.map(|a| a.0))
            .bind(to_millis(new.created_at))
            .fetch_one(&mut *tx)
            .await?;
        row.try_into()
    }

    /// Revokes a token for good. Revoking it again keeps the first revocation time.
    pub async fn revoke_api_token(
        &self,
        ws: WorkspaceId,
        id: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE workspace_id = $2 AND id = $3",
        )
        .bind(to_millis(at))
        .bind(ws.0)
        .bind(id)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }

    /// Stores the answer to replay for `key`.
    pub async fn finish_idempotent(
        &self,
        ws: WorkspaceId,
        token: i64,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE api_idempotency_keys SET status = $1, body = $2
             WHERE workspace_id = $3 AND token_id = $4 AND key = $5",
        )
        .bind(i64::from(status))
        .bind(body)
        .bind(ws.0)
        .bind(token)
        .bind(key)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())
    }
}
