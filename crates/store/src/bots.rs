//! The desk's Telegram bots. A bot is known everywhere else (inbox, outbox, message copies,
//! leases) by its Telegram bot id, which is also the prefix of its token.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use std::fmt;
use ticketgram_domain::{Timestamp, WorkspaceId};

/// What a bot is for. One bot may do everything (`All`) on small desks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BotRole {
    Client,
    Manager,
    Settings,
    All,
    /// Posts the clients' messages in the agents' groups beside the client bot, so the
    /// groups' sending limits (per bot) add up; an administrator of each group.
    Helper,
}

impl BotRole {
    pub fn as_str(self) -> &'static str {
        match self {
            BotRole::Client => "client",
            BotRole::Manager => "manager",
            BotRole::Settings => "settings",
            BotRole::All => "all",
            BotRole::Helper => "helper",
        }
    }

    pub fn parse(s: &str) -> Option<BotRole> {
        [
            BotRole::Client,
            BotRole::Manager,
            BotRole::Settings,
            BotRole::All,
            BotRole::Helper,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Bot {
    pub id: i64,
    pub workspace: WorkspaceId,
    pub role: BotRole,
    pub telegram_bot_id: i64,
    pub username: String,
    /// Opaque to the store (encryption at rest comes later). Never logged: see `Debug`.
    pub token_ciphertext: String,
    pub created_at: Timestamp,
}

impl fmt::Debug for Bot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bot")
            .field("id", &self.id)
            .field("workspace", &self.workspace)
            .field("role", &self.role)
            .field("telegram_bot_id", &self.telegram_bot_id)
            .field("username", &self.username)
            .field("token_ciphertext", &"<redacted>")
            .finish()
    }
}

#[derive(Clone)]
pub struct NewBot {
    pub role: BotRole,
    pub telegram_bot_id: i64,
    pub username: String,
    pub token_ciphertext: String,
    pub created_at: Timestamp,
}

const BOT_COLUMNS: &str =
    "id, workspace_id, role, telegram_bot_id, username, token_ciphertext, created_at";

#[derive(sqlx::FromRow)]
struct BotRow {
    id: i64,
    workspace_id: i64,
    role: String,
    telegram_bot_id: i64,
    username: String,
    token_ciphertext: String,
    created_at: i64,
}

impl TryFrom<BotRow> for Bot {
    type Error = StoreError;
    fn try_from(row: BotRow) -> Result<Bot, StoreError> {
        Ok(Bot {
            id: row.id,
            workspace: WorkspaceId(row.workspace_id),
            role: BotRole::parse(&row.role)
                .ok_or_else(|| StoreError::Invalid(format!("stored bot role {:?}", row.role)))?,
            telegram_bot_id: row.telegram_bot_id,
            username: row.username,
            token_ciphertext: row.token_ciphertext,
            created_at: from_millis(row.created_at)?,
        })
    }
}

impl Store {
    pub async fn bots_of_workspace(&self, ws: WorkspaceId) -> Result<Vec<Bot>, StoreError> {
        let sql = format!("SELECT {BOT_COLUMNS} FROM bots WHERE workspace_id = $1 ORDER BY id");
        let rows: Vec<BotRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Bot::try_from).collect()
    }

    /// Every bot of every desk: what an instance may try to poll (leases decide who does).
    pub async fn all_bots(&self) -> Result<Vec<Bot>, StoreError> {
        let sql = format!("SELECT {BOT_COLUMNS} FROM bots ORDER BY id");
        let rows: Vec<BotRow> = sqlx::query_as(&sql)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Bot::try_from).collect()
    }

    pub async fn find_bot(&self, telegram_bot_id: i64) -> Result<Option<Bot>, StoreError> {
        let sql = format!("SELECT {BOT_COLUMNS} FROM bots WHERE telegram_bot_id = $1");
        let row: Option<BotRow> = sqlx::query_as(&sql)
            .bind(telegram_bot_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(Bot::try_from).transpose()
    }
}

impl Tx {
    /// Registers a bot for the desk, or updates role, username and token of a bot the desk
    /// already has. A bot already registered by another desk is a `Conflict`.
    pub async fn register_bot(&self, ws: WorkspaceId, new: &NewBot) -> Result<Bot, StoreError> {
        let sql = format!(
            "INSERT INTO bots (workspace_id, role, telegram_bot_id, username, token_ciphertext, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (telegram_bot_id) DO UPDATE
             SET role = excluded.role, username = excluded.username, token_ciphertext = excluded.token_ciphertext
             WHERE bots.workspace_id = excluded.workspace_id
             RETURNING {BOT_COLUMNS}"
        );
        let row: Option<BotRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(new.role.as_str())
            .bind(new.telegram_bot_id)
            .bind(&new.username)
            .bind(&new.token_ciphertext)
            .bind(to_millis(new.created_at))
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or_else(|| {
            StoreError::Conflict(format!(
                "bot {} belongs to another workspace",
                new.telegram_bot_id
            ))
        })?
        .try_into()
    }

    /// Returns false when the desk had no such bot.
    pub async fn remove_bot(
        &self,
        ws: WorkspaceId,
        telegram_bot_id: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM bots WHERE workspace_id = $1 AND telegram_bot_id = $2")
            .bind(ws.0)
            .bind(telegram_bot_id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
