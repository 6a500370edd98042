//! The web console's sign-in: one-time login links, sessions and optional passwords.
//!
//! Raw tokens leave the store exactly once (to be put in a link or a cookie); the database
//! keeps only their SHA-256, so reading it does not let anyone sign in. Consuming a link and
//! checking a session are single statements, so two instances (or two clicks) can never both
//! use one link.

use crate::time::{duration_millis, from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::time::Duration;
use ticketgram_domain::{AgentId, Timestamp, WorkspaceId};

/// A session just opened: the raw id for the cookie and the CSRF token forms must echo.
#[derive(Debug, Clone)]
pub struct NewWebSession {
    pub token: String,
    pub csrf: String,
    pub expires_at: Timestamp,
}

/// A live session.
#[derive(Debug, Clone, PartialEq)]
pub struct WebSession {
    pub agent: AgentId,
    pub csrf: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// 32 random bytes, hex: what goes into links and cookies.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

impl Store {
    /// The live session behind a cookie (not revoked, not expired), marking it seen.
    pub async fn web_session(
        &self,
        ws: WorkspaceId,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<WebSession>, StoreError> {
        let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
            "UPDATE web_sessions SET last_seen_at = $1
             WHERE id_hash = $2 AND workspace_id = $3 AND revoked_at IS NULL AND expires_at > $1
             RETURNING agent_id, csrf_token, created_at, expires_at",
        )
        .bind(to_millis(now))
        .bind(hash(token))
        .bind(ws.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|(agent, csrf, created, expires)| {
            Ok(WebSession {
                agent: AgentId(agent),
                csrf,
                created_at: from_millis(created)?,
                expires_at: from_millis(expires)?,
            })
        })
        .transpose()
    }

    /// The desk a live session belongs to, for a console serving many desks to route the
    /// request by (the session itself is then read, and marked seen, within that desk).
    pub async fn web_session_desk(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<WorkspaceId>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT workspace_id FROM web_sessions
             WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(hash(token))
        .bind(to_millis(now))
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(ws,)| WorkspaceId(ws)))
    }

    /// The desk an unused sign-in link was made for (the manager bot of that desk sent it).
    pub async fn login_link_desk(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<WorkspaceId>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT workspace_id FROM web_login_links
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(hash(token))
        .bind(to_millis(now))
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(ws,)| WorkspaceId(ws)))
    }

    pub async fn agent_password_hash(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT password_hash FROM agent_passwords WHERE workspace_id = $1 AND agent_id = $2",
        )
        .bind(ws.0)
        .bind(agent.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(h,)| h))
    }
}

impl Tx {
    /// A one-time sign-in link for `agent`, valid for `ttl`. Returns the raw token, which the
    /// store never sees again.
    pub async fn create_login_link(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        ttl: Duration,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let token = random_token();
        let done = sqlx::query(
            "INSERT INTO web_login_links (token_hash, workspace_id, agent_id, created_at, expires_at)
             SELECT $1, workspace_id, id, $2, $3 FROM agents WHERE workspace_id = $4 AND id = $5",
        )
        .bind(hash(&token))
        .bind(to_millis(now))
        .bind(to_millis(now) + duration_millis(ttl))
        .bind(ws.0)
        .bind(agent.0)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())?;
        Ok(token)
    }

    /// Uses a sign-in link: the agent it was made for, or `None` when the link is unknown,
    /// already used or expired. One statement, so a link works once even under a race.
    pub async fn consume_login_link(
        &self,
        ws: WorkspaceId,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<AgentId>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE web_login_links SET used_at = $1
             WHERE token_hash = $2 AND workspace_id = $3 AND used_at IS NULL AND expires_at > $1
             RETURNING agent_id",
        )
        .bind(to_millis(now))
        .bind(hash(token))
        .bind(ws.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(id,)| AgentId(id)))
    }

    pub async fn create_web_session(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        ttl: Duration,
        now: Timestamp,
    ) -> Result<NewWebSession, StoreError> {
        let token = random_token();
        let csrf = random_token();
        let expires = to_millis(now) + duration_millis(ttl);
        let done = sqlx::query(
            "INSERT INTO web_sessions (id_hash, workspace_id, agent_id, csrf_token, created_at, last_seen_at, expires_at)
             SELECT $1, workspace_id, id, $2, $3, $3, $4 FROM agents WHERE workspace_id = $5 AND id = $6",
        )
        .bind(hash(&token))
        .bind(&csrf)
        .bind(to_millis(now))
        .bind(expires)
        .bind(ws.0)
        .bind(agent.0)
        .execute(&mut *self.conn().await?)
        .await?;
        crate::clients::found(done.rows_affected())?;
        Ok(NewWebSession {
            token,
            csrf,
            expires_at: from_millis(expires)?,
        })
    }

    /// Signs one session out. Returns whether it was live.
    pub async fn revoke_web_session(
        &self,
        ws: WorkspaceId,
        token: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE web_sessions SET revoked_at = $1
             WHERE id_hash = $2 AND workspace_id = $3 AND revoked_at IS NULL",
        )
        .bind(to_millis(now))
        .bind(hash(token))
        .bind(ws.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// "Log out everywhere": ends every session of the agent. Returns how many were live.
    pub async fn revoke_agent_sessions(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE web_sessions SET revoked_at = $1
             WHERE workspace_id = $2 AND agent_id = $3 AND revoked_at IS NULL",
        )
        .bind(to_millis(now))
        .bind(ws.0)
        .bind(agent.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected())
    }

    /// Sets (or with `None` removes) an agent's password hash (a PHC string; the store does
    /// not hash passwords itself).
    pub async fn set_agent_password(
        &self,
        ws: WorkspaceId,
        agent: AgentId,
        password_hash: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match password_hash {
            Some(phc) => {
                let done = sqlx::query(
                    "INSERT INTO agent_passwords (agent_id, workspace_id, password_hash, updated_at)
                     SELECT id, workspace_id, $1, $2 FROM agents WHERE workspace_id = $3 AND id = $4
                     ON CONFLICT (agent_id) DO UPDATE SET password_hash = excluded.password_hash,
                                                          updated_at = excluded.updated_at",
                )
                .bind(phc)
                .bind(to_millis(now))
                .bind(ws.0)
                .bind(agent.0)
                .execute(&mut *self.conn().await?)
                .await?;
                crate::clients::found(done.rows_affected())
            }
            None => {
                sqlx::query(
                    "DELETE FROM agent_passwords WHERE workspace_id = $1 AND agent_id = $2",
                )
                .bind(ws.0)
                .bind(agent.0)
                .execute(&mut *self.conn().await?)
                .await?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed_one_way() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
