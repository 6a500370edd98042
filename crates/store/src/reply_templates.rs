//! Canned replies: short texts agents insert into a reply with one tap, one set per language.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{Language, Timestamp, WorkspaceId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTemplate {
    pub language: Language,
    pub name: String,
    pub body: String,
}

impl Store {
    /// The templates of one language, by name.
    pub async fn templates(
        &self,
        ws: WorkspaceId,
        language: Language,
    ) -> Result<Vec<ReplyTemplate>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, body FROM reply_templates WHERE workspace_id = $1 AND language = $2
             ORDER BY name",
        )
        .bind(ws.0)
        .bind(language.code())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(name, body)| ReplyTemplate {
                language,
                name,
                body,
            })
            .collect())
    }
}

impl Tx {
    /// Adds a template, or replaces the text of the one with that name in that language.
    pub async fn save_template(
        &self,
        ws: WorkspaceId,
        template: &ReplyTemplate,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO reply_templates (workspace_id, language, name, body, updated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (workspace_id, language, name)
             DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(ws.0)
        .bind(template.language.code())
        .bind(&template.name)
        .bind(&template.body)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    /// Returns false when there was no such template.
    pub async fn remove_template(
        &self,
        ws: WorkspaceId,
        language: Language,
        name: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM reply_templates WHERE workspace_id = $1 AND language = $2 AND name = $3",
        )
        .bind(ws.0)
        .bind(language.code())
        .bind(name)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
