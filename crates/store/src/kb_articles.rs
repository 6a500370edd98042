//! Knowledge-base articles and their revisions. Every save writes the article row, a revision
//! row and the desk's generation in one transaction: history never lacks a saved text, and an
//! instance that sees the generation move knows its search index is stale.

use crate::clients::found;
use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{
    AgentId, Article, ArticleDraft, ArticleId, ArticleSlug, ArticleStatus, Language, Timestamp,
    WorkspaceId,
};

const ARTICLE_COLUMNS: &str =
    "id, slug, language, category, title, body, status, revision, updated_at, updated_by";

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    language: String,
    category: String,
    title: String,
    body: String,
    status: String,
    revision: i64,
    updated_at: i64,
    updated_by: Option<i64>,
}

fn language(code: &str) -> Result<Language, StoreError> {
    Language::from_code(code).ok_or_else(|| StoreError::Invalid(format!("language {code}")))
}

fn status(code: &str) -> Result<ArticleStatus, StoreError> {
    ArticleStatus::from_code(code).ok_or_else(|| StoreError::Invalid(format!("status {code}")))
}

fn slug(raw: &str) -> Result<ArticleSlug, StoreError> {
    ArticleSlug::new(raw).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl TryFrom<ArticleRow> for Article {
    type Error = StoreError;
    fn try_from(row: ArticleRow) -> Result<Article, StoreError> {
        Ok(Article {
            id: ArticleId(row.id),
            slug: slug(&row.slug)?,
            language: language(&row.language)?,
            category: row.category,
            title: row.title,
            body: row.body,
            status: status(&row.status)?,
            revision: row.revision,
            updated_at: from_millis(row.updated_at)?,
            updated_by: row.updated_by.map(AgentId),
        })
    }
}

/// One saved text of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRevision {
    pub revision: i64,
    pub slug: ArticleSlug,
    pub category: String,
    pub title: String,
    pub body: String,
    pub status: ArticleStatus,
    pub edited_at: Timestamp,
    pub edited_by: Option<AgentId>,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    revision: i64,
    slug: String,
    category: String,
    title: String,
    body: String,
    status: String,
    edited_at: i64,
    edited_by: Option<i64>,
}

impl TryFrom<RevisionRow> for ArticleRevision {
    type Error = StoreError;
    fn try_from(row: RevisionRow) -> Result<ArticleRevision, StoreError> {
        Ok(ArticleRevision {
            revision: row.revision,
            slug: slug(&row.slug)?,
            category: row.category,
            title: row.title,
            body: row.body,
            status: status(&row.status)?,
            edited_at: from_millis(row.edited_at)?,
            edited_by: row.edited_by.map(AgentId),
        })
    }
}

impl Store {
    /// Every article of the desk, drafts included, by category then title.
    pub async fn kb_articles(&self, ws: WorkspaceId) -> Result<Vec<Article>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE workspace_id = $1
             ORDER BY category, title, language"
        );
        let rows: Vec<ArticleRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Article::try_from).collect()
    }

    pub async fn kb_article(&self, ws: WorkspaceId, id: ArticleId) -> Result<Article, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE workspace_id = $1 AND id = $2"
        );
        let row: Option<ArticleRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// The article with this slug in each language it is written in.
    pub async fn kb_translations(
        &self,
        ws: WorkspaceId,
        slug: &ArticleSlug,
    ) -> Result<Vec<Article>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM kb_articles WHERE workspace_id = $1 AND slug = $2
             ORDER BY language"
        );
        let rows: Vec<ArticleRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(slug.as_str())
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Article::try_from).collect()
    }

    /// Newest first.
    pub async fn kb_revisions(
        &self,
        ws: WorkspaceId,
        id: ArticleId,
    ) -> Result<Vec<ArticleRevision>, StoreError> {
        let rows: Vec<RevisionRow> = sqlx::query_as(
            "SELECT revision, slug, category, title, body, status, edited_at, edited_by
             FROM kb_article_revisions WHERE workspace_id = $1 AND article_id = $2
             ORDER BY revision DESC",
        )
        .bind(ws.0)
        .bind(id.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter().map(ArticleRevision::try_from).collect()
    }

    /// Moves whenever any article of the desk changes; 0 before the first.
    pub async fn kb_generation(&self, ws: WorkspaceId) -> Result<i64, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT generation FROM kb_generations WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(row.map_or(0, |(g,)| g))
    }
}

impl Tx {
    /// A new article at revision 1. A slug already used in that language is a `Conflict`.
    pub async fn create_article(
        &self,
        ws: WorkspaceId,
        draft: &ArticleDraft,
        by: Option<AgentId>,
        at: Timestamp,
    ) -> Result<Article, StoreError> {
        draft
            .check()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let sql = format!(
            "INSERT INTO kb_articles (workspace_id, slug, language, category, title, body, status,
                                      revision, created_at, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8, $9) RETURNING {ARTICLE_COLUMNS}"
        );
        let row: ArticleRow = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(draft.slug.as_str())
            .bind(draft.language.code())
            .bind(draft.category.trim())
            .bind(draft.title.trim())
            .bind(&draft.body)
            .bind(draft.status.code())
            .bind(to_millis(at))
            .bind(by.map(|a| a.0))
            .fetch_one(&mut *self.conn().await?)
            .await?;
        let article = Article::try_from(row)?;
        self.keep_revision(ws, &article).await?;
        Ok(article)
    }

    /// Saves a new text over revision `expected` (the one the author started from): when
    /// someone saved in between, the save is a `Conflict` rather than silently undoing theirs.
    pub async fn update_article(
        &self,
        ws: WorkspaceId,
        id: ArticleId,
        draft: &ArticleDraft,
        expected: Option<i64>,
        by: Option<AgentId>,
        at: Timestamp,
    ) -> Result<Article, StoreError> {
        draft
            .check()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let sql = format!(
            "UPDATE kb_articles SET slug = $1, language = $2, category = $3, title = $4,
                 body = $5, status = $6, revision = revision + 1, updated_at = $7, updated_by = $8
             WHERE workspace_id = $9 AND id = $10 AND ($11 < 0 OR revision = $11)
             RETURNING {ARTICLE_COLUMNS}"
        );
        let row: Option<ArticleRow> = sqlx::query_as(&sql)
            .bind(draft.slug.as_str())
            .bind(draft.language.code())
            .bind(draft.category.trim())
            .bind(draft.title.trim())
            .bind(&draft.body)
            .bind(draft.status.code())
            .bind(to_millis(at))
            .bind(by.map(|a| a.0))
            .bind(ws.0)
            .bind(id.0)
            .bind(expected.unwrap_or(-1))
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        let Some(row) = row else {
            // Missing, or saved by someone else since `expected`: tell which.
            let exists: Option<(i64,)> = sqlx::query_as(
                "SELECT revision FROM kb_articles WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
            return Err(match exists {
                Some((current,)) => StoreError::Conflict(format!(
                    "the article was saved by someone else meanwhile (revision {current})"
                )),
                None => StoreError::NotFound,
            });
        };
        let article = Article::try_from(row)?;
        self.keep_revision(ws, &article).await?;
        Ok(article)
    }

    /// Rollback: the text of `revision` saved again as the newest revision (history keeps
    /// what it replaced). Read in this transaction, so the restored text is the one stored.
    pub async fn restore_article(
        &self,
        ws: WorkspaceId,
        id: ArticleId,
        revision: i64,
        by: Option<AgentId>,
        at: Timestamp,
    ) -> Result<Article, StoreError> {
        let old: Option<RevisionRow> = sqlx::query_as(
            "SELECT revision, slug, category, title, body, status, edited_at, edited_by
             FROM kb_article_revisions WHERE workspace_id = $1 AND article_id = $2 AND revision = $3",
        )
        .bind(ws.0)
        .bind(id.0)
        .bind(revision)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        let old = ArticleRevision::try_from(old.ok_or(StoreError::NotFound)?)?;
        let (code,): (String,) =
            sqlx::query_as("SELECT language FROM kb_articles WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?;
        let draft = ArticleDraft {
            slug: old.slug,
            language: language(&code)?,
            category: old.category,
            title: old.title,
            body: old.body,
            status: old.status,
        };
        self.update_article(ws, id, &draft, None, by, at).await
    }

    pub async fn delete_article(&self, ws: WorkspaceId, id: ArticleId) -> Result<(), StoreError> {
        let done = sqlx::query("DELETE FROM kb_articles WHERE workspace_id = $1 AND id = $2")
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *self.conn().await?)
            .await?;
        found(done.rows_affected())?;
        self.bump_kb_generation(ws).await
    }

    async fn keep_revision(&self, ws: WorkspaceId, article: &Article) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO kb_article_revisions (workspace_id, article_id, revision, slug, category,
                                               title, body, status, edited_at, edited_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(ws.0)
        .bind(article.id.0)
        .bind(article.revision)
        .bind(article.slug.as_str())
        .bind(&article.category)
        .bind(&article.title)
        .bind(&article.body)
        .bind(article.status.code())
        .bind(to_millis(article.updated_at))
        .bind(article.updated_by.map(|a| a.0))
        .execute(&mut *self.conn().await?)
        .await?;
        self.bump_kb_generation(ws).await
    }

    async fn bump_kb_generation(&self, ws: WorkspaceId) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO kb_generations (workspace_id, generation) VALUES ($1, 1)
             ON CONFLICT (workspace_id)
             DO UPDATE SET generation = kb_generations.generation + 1",
        )
        .bind(ws.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
