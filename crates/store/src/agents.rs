//! Agents: the support team, one row per Telegram user per desk.

use crate::clients::found;
use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Agent, AgentAlias, AgentId, AgentRole, Language, Timestamp, WorkspaceId};

#[derive(Debug, Clone)]
pub struct NewAgent {
    pub telegram_user_id: i64,
    pub name: String,
    pub role: AgentRole,
    pub alias: Option<AgentAlias>,
    pub languages: Vec<Language>,
    pub skills: Vec<String>,
    pub schedule: Option<String>,
    pub created_at: Timestamp,
}

const AGENT_COLUMNS: &str =
    "id, workspace_id, telegram_user_id, name, role, alias, languages, skills, schedule, active";

#[derive(sqlx::FromRow)]
struct AgentRow {
    id: i64,
    workspace_id: i64,
    telegram_user_id: i64,
    name: String,
    role: String,
    alias: Option<String>,
    languages: String,
    skills: String,
    schedule: Option<String>,
    active: i64,
}

impl TryFrom<AgentRow> for Agent {
    type Error = StoreError;
    fn try_from(row: AgentRow) -> Result<Agent, StoreError> {
        let alias = match row.alias {
            Some(raw) => Some(
                AgentAlias::parse(&raw)
                    .ok_or_else(|| StoreError::Invalid(format!("stored alias {raw:?}")))?,
            ),
            None => None,
        };
        Ok(Agent {
            id: AgentId(row.id),
            workspace: WorkspaceId(row.workspace_id),
            telegram_user_id: row.telegram_user_id,
            name: row.name,
            role: row
                .role
                .parse()
                .map_err(|e| StoreError::Invalid(format!("stored role: {e}")))?,
            alias,
            languages: serde_json::from_str(&row.languages)?,
            skills: serde_json::from_str(&row.skills)?,
            schedule: row.schedule,
            active: row.active != 0,
        })
    }
}

impl Store {
    pub async fn get_agent(&self, ws: WorkspaceId, id: AgentId) -> Result<Agent, StoreError> {
        if let Some(kept) = self.snapshot.as_ref().and_then(|s| s.agent(ws, id)) {
            return Ok(kept);
        }
        let sql = format!("SELECT {AGENT_COLUMNS} FROM agents WHERE workspace_id = $1 AND id = $2");
        let row: Option<AgentRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    pub async fn find_agent_by_telegram_id(
        &self,
        ws: WorkspaceId,
        telegram_user_id: i64,
    ) -> Result<Option<Agent>, StoreError> {
        let sql = format!(
            "SELECT {AGENT_COLUMNS} FROM agents WHERE workspace_id = $1 AND telegram_user_id = $2"
        );
        let row: Option<AgentRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(telegram_user_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(Agent::try_from).transpose()
    }

    /// All agents of the desk, active or not, in the order they were added.
    pub async fn list_agents(&self, ws: WorkspaceId) -> Result<Vec<Agent>, StoreError> {
        let sql = format!("SELECT {AGENT_COLUMNS} FROM agents WHERE workspace_id = $1 ORDER BY id");
        let rows: Vec<AgentRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Agent::try_from).collect()
    }
}

/// [`Store::upsert_agent`] inside a caller's transaction (the first-run claim makes the owner
/// and uses up the setup code in one commit).
pub(crate) async fn upsert_agent_in(
    conn: &mut sqlx::AnyConnection,
    ws: WorkspaceId,
    new: &NewAgent,
) -> Result<Agent, StoreError> {
    let sql = format!(
        "INSERT INTO agents (workspace_id, telegram_user_id, name, role, alias, languages, skills,
                             schedule, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)
         ON CONFLICT (workspace_id, telegram_user_id) DO UPDATE
         SET name = excluded.name, role = excluded.role, alias = excluded.alias,
             languages = excluded.languages, skills = excluded.skills,
             schedule = excluded.schedule, active = 1
         RETURNING {AGENT_COLUMNS}"
    );
    let row: AgentRow = sqlx::query_as(&sql)
        .bind(ws.0)
        .bind(new.telegram_user_id)
        .bind(&new.name)
        .bind(new.role.as_str())
        .bind(new.alias.as_ref().map(|a| a.as_str().to_string()))
        .bind(serde_json::to_string(&new.languages)?)
        .bind(serde_json::to_string(&new.skills)?)
        .bind(&new.schedule)
        .bind(to_millis(new.created_at))
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

impl Tx {
    /// Adds an agent, or updates name, role, alias, languages, skills and schedule of the one
    /// with that Telegram id (re-activating them).
    pub async fn upsert_agent(&self, ws: WorkspaceId, new: &NewAgent) -> Result<Agent, StoreError> {
        self.note_hire();
        let mut conn = self.conn().await?;
        upsert_agent_in(&mut conn, ws, new).await
    }

    /// Deactivated agents keep their history but get no new tickets.
    pub async fn set_agent_active(
        &self,
        ws: WorkspaceId,
        id: AgentId,
        active: bool,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE agents SET active = $1 WHERE workspace_id = $2 AND id = $3")
            .bind(i64::from(active))
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *self.conn().await?)
            .await?;
        found(done.rows_affected())
    }

    /// The agent's own working hours (the domain's weekly grammar, "mon-fri 09:00-17:00", in
    /// the desk's time zone); `None`: the desk's hours.
    pub async fn set_agent_schedule(
        &self,
        ws: WorkspaceId,
        id: AgentId,
        schedule: Option<&str>,
    ) -> Result<(), StoreError> {
        let done =
            sqlx::query("UPDATE agents SET schedule = $1 WHERE workspace_id = $2 AND id = $3")
                .bind(schedule)
                .bind(ws.0)
                .bind(id.0)
                .execute(&mut *self.conn().await?)
                .await?;
        found(done.rows_affected())
    }

    pub async fn set_agent_alias(
        &self,
        ws: WorkspaceId,
        id: AgentId,
        alias: Option<&AgentAlias>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE agents SET alias = $1 WHERE workspace_id = $2 AND id = $3")
            .bind(alias.map(|a| a.as_str().to_string()))
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *self.conn().await?)
            .await?;
        found(done.rows_affected())
    }
}
