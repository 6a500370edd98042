//! Topics clients pick when they open a request.

use crate::clients::found;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Priority, Topic, TopicId, TopicName, WorkspaceId};

#[derive(Debug, Clone)]
pub struct NewTopic {
    pub name: TopicName,
    pub position: i64,
    pub default_priority: Priority,
    pub queue: Option<String>,
}

const TOPIC_COLUMNS: &str = "id, workspace_id, names, position, default_priority, queue, active";

#[derive(sqlx::FromRow)]
struct TopicRow {
    id: i64,
    workspace_id: i64,
    names: String,
    position: i64,
    default_priority: String,
    queue: Option<String>,
    active: i64,
}

impl TryFrom<TopicRow> for Topic {
    type Error = StoreError;
    fn try_from(row: TopicRow) -> Result<Topic, StoreError> {
        Ok(Topic {
            id: TopicId(row.id),
            workspace: WorkspaceId(row.workspace_id),
            name: serde_json::from_str(&row.names)?,
            position: row.position,
            default_priority: row
                .default_priority
                .parse()
                .map_err(|e| StoreError::Invalid(format!("stored priority: {e}")))?,
            queue: row.queue,
            active: row.active != 0,
        })
    }
}

impl Store {
    pub async fn get_topic(&self, ws: WorkspaceId, id: TopicId) -> Result<Topic, StoreError> {
        let sql = format!("SELECT {TOPIC_COLUMNS} FROM topics WHERE workspace_id = $1 AND id = $2");
        let row: Option<TopicRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// Topics in menu order; `include_inactive` for the settings screens.
    pub async fn list_topics(
        &self,
        ws: WorkspaceId,
        include_inactive: bool,
    ) -> Result<Vec<Topic>, StoreError> {
        let sql = format!(
            "SELECT {TOPIC_COLUMNS} FROM topics WHERE workspace_id = $1 AND (active = 1 OR $2 = 1)
             ORDER BY position, id"
        );
        let rows: Vec<TopicRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(i64::from(include_inactive))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Topic::try_from).collect()
    }
}

impl Tx {
    pub async fn add_topic(&self, ws: WorkspaceId, new: &NewTopic) -> Result<Topic, StoreError> {
        let sql = format!(
            "INSERT INTO topics (workspace_id, names, position, default_priority, queue, active)
             VALUES ($1, $2, $3, $4, $5, 1) RETURNING {TOPIC_COLUMNS}"
        );
        let row: TopicRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(serde_json::to_string(&new.name)?)
            .bind(new.position)
            .bind(new.default_priority.as_str())
            .bind(&new.queue)
            .fetch_one(&mut *self.conn().await?)
            .await?;
        row.try_into()
    }

    /// Saves name, position, priority, queue and active flag of an existing topic.
    pub async fn update_topic(&self, topic: &Topic) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE topics SET names = $1, position = $2, default_priority = $3, queue = $4, active = $5
             WHERE workspace_id = $6 AND id = $7",
        )
        .bind(serde_json::to_string(&topic.name)?)
        .bind(topic.position)
        .bind(topic.default_priority.as_str())
        .bind(&topic.queue)
        .bind(i64::from(topic.active))
        .bind(topic.workspace.0)
        .bind(topic.id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        found(done.rows_affected())
    }
}
