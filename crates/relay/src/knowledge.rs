//! The desk's knowledge base as bots, console and API search it: one in-memory index per
//! desk, kept per process and rebuilt when the desk's article generation moved (any
//! instance's edit bumps it in the edit's transaction, so every instance notices at its next
//! search, with no message between instances).

use crate::RelayError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use ticketgram_domain::{Article, ArticleStatus, Language, WorkspaceId};
use ticketgram_knowledge::{plain_text, Audience, Hit, IndexedArticle, KnowledgeIndex};
use ticketgram_store::Store;

#[derive(Clone, Default)]
pub struct KnowledgeCache {
    desks: Arc<Mutex<HashMap<WorkspaceId, Built>>>,
}

impl std::fmt::Debug for KnowledgeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KnowledgeCache")
    }
}

#[derive(Clone)]
struct Built {
    generation: i64,
    index: Arc<KnowledgeIndex>,
}

impl KnowledgeCache {
    /// The desk's index as of now; `None` when the desk has no article yet, or when the index
    /// could not be built (logged: search is a convenience, never a reason to refuse a
    /// client's request).
    pub async fn index(
        &self,
        store: &Store,
        ws: WorkspaceId,
    ) -> Result<Option<Arc<KnowledgeIndex>>, RelayError> {
        let generation = store.kb_generation(ws).await?;
        if generation == 0 {
            return Ok(None);
        }
        let cached = self.lock().get(&ws).cloned();
        if let Some(built) = cached.filter(|b| b.generation == generation) {
            return Ok(Some(built.index));
        }
        let articles = store.kb_articles(ws).await?;
        // Building takes milliseconds for a desk's hundreds of articles and about a second
        // for 10,000: off the async threads either way.
        let built = tokio::task::spawn_blocking(move || build(&articles)).await;
        match built {
            Ok(Ok(index)) => {
                let index = Arc::new(index);
                self.lock().insert(
                    ws,
                    Built {
                        generation,
                        index: index.clone(),
                    },
                );
                Ok(Some(index))
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, workspace = ws.0, "knowledge base not searchable");
                Ok(None)
            }
            Err(error) => {
                tracing::warn!(%error, workspace = ws.0, "knowledge index build panicked");
                Ok(None)
            }
        }
    }

    /// Up to `limit` articles for `query` in `language`, best first.
    pub async fn search(
        &self,
        store: &Store,
        ws: WorkspaceId,
        query: &str,
        language: Language,
        audience: Audience,
        limit: usize,
    ) -> Result<Vec<Hit>, RelayError> {
        let Some(index) = self.index(store, ws).await? else {
            return Ok(Vec::new());
        };
        match index.search(query, language, audience, limit) {
            Ok(hits) => Ok(hits),
            Err(error) => {
                tracing::warn!(%error, workspace = ws.0, "knowledge search failed");
                Ok(Vec::new())
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<WorkspaceId, Built>> {
        // A panic while holding this lock cannot leave the map half-written (single inserts).
        self.desks
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// An article needs at least half of the question's words (after stemming, without "how do
/// I") to be offered to a client: below that the match is one shared word ("order",
/// "account"), which suggests the wrong article more often than the right one.
pub const MIN_COVERAGE: f32 = 0.5;

/// An article's public page: `<base>/kb/<desk>/<language>/<slug>` (`base` empty for a path).
pub fn article_url(base: &str, workspace: &str, article: &Article) -> String {
    format!(
        "{}/kb/{workspace}/{}/{}",
        base.trim_end_matches('/'),
        article.language.code(),
        article.slug
    )
}

pub fn build(articles: &[Article]) -> Result<KnowledgeIndex, ticketgram_knowledge::KnowledgeError> {
    let texts: Vec<String> = articles.iter().map(|a| plain_text(&a.body)).collect();
    KnowledgeIndex::build(
        articles
            .iter()
            .zip(&texts)
            .map(|(article, text)| IndexedArticle {
                id: article.id,
                language: article.language,
                title: &article.title,
                text,
                published: article.status == ArticleStatus::Published,
            }),
    )
}
