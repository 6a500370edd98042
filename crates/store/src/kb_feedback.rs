//! What clients said about suggested articles: the knowledge base's deflection figures.

use crate::time::to_millis;
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{ArticleId, ClientId, SuggestionOutcome, TicketId, Timestamp, WorkspaceId};

/// One article's record over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDeflection {
    pub article: ArticleId,
    /// Suggestions the client said answered the question: requests no human had to handle.
    pub helped: i64,
    /// Suggestions followed by "no" and a request.
    pub not_helped: i64,
}

impl Tx {
    pub async fn record_suggestion_outcome(
        &self,
        ws: WorkspaceId,
        article: ArticleId,
        client: ClientId,
        ticket: Option<TicketId>,
        outcome: SuggestionOutcome,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        // The article may have been deleted while the client read it: nothing to count then.
        sqlx::query(
            "INSERT INTO kb_feedback (workspace_id, article_id, client_id, ticket_id, outcome, at)
             SELECT $1, id, $3, $4, $5, $6 FROM kb_articles WHERE workspace_id = $1 AND id = $2",
        )
        .bind(ws.0)
        .bind(article.0)
        .bind(client.0)
        .bind(ticket.map(|t| t.0))
        .bind(outcome.code())
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}

impl Store {
    /// Per article with any feedback in `[since, until)`, most deflections first.
    pub async fn kb_deflections(
        &self,
        ws: WorkspaceId,
        since: Timestamp,
        until: Timestamp,
    ) -> Result<Vec<ArticleDeflection>, StoreError> {
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT article_id,
                    SUM(CASE WHEN outcome = 'helped' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN outcome = 'not_helped' THEN 1 ELSE 0 END)
             FROM kb_feedback WHERE workspace_id = $1 AND at >= $2 AND at < $3
             GROUP BY article_id ORDER BY 2 DESC, 3 DESC, article_id",
        )
        .bind(ws.0)
        .bind(to_millis(since))
        .bind(to_millis(until))
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(article, helped, not_helped)| ArticleDeflection {
                article: ArticleId(article),
                helped,
                not_helped,
            })
            .collect())
    }
}
