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

/// The published articles (as stored now) worth offering a client for `question`, best first.
/// The index may lag an edit another instance made a moment ago: what is returned is what the
/// store holds, and only while it is published.
pub async fn suggestions(
    desk: &crate::desk::Desk,
    question: &str,
    language: Language,
    limit: usize,
) -> Result<Vec<Article>, RelayError> {
    let hits = desk
        .knowledge
        .search(
            &desk.store,
            desk.ws(),
            question,
            language,
            Audience::Clients,
            limit,
        )
        .await?;
    let covering = hits
        .into_iter()
        .filter(|hit| hit.coverage >= MIN_COVERAGE)
        .map(|hit| hit.article)
        .collect();
    published(desk, covering).await
}

/// The articles among `ids` that exist and are published, in order. (A `Vec`, not an
/// iterator: a closure held across the awaits would make the handler's future not `Send`.)
pub async fn published(
    desk: &crate::desk::Desk,
    ids: Vec<ticketgram_domain::ArticleId>,
) -> Result<Vec<Article>, RelayError> {
    let mut articles = Vec::new();
    for id in ids {
        match desk.store.kb_article(desk.ws(), id).await {
            Ok(article) if article.status == ArticleStatus::Published => articles.push(article),
            Ok(_) | Err(ticketgram_store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(articles)
}

/// An article's public page: `<base>/kb/<desk>/<language>/<slug>` (`base` empty for a path).
pub fn article_url(base: &str, workspace: &str, article: &Article) -> String {
    format!(
        "{}/kb/{workspace}/{}/{}",
        base.trim_end_matches('/'),
        article.language.code(),
        article.slug
    )
}

/// The article's public page, when the desk's pages are reachable from outside.
pub async fn public_link(
    desk: &crate::desk::Desk,
    article: &Article,
) -> Result<Option<String>, RelayError> {
    let Some(base) = desk.config.console_url.as_deref() else {
        return Ok(None);
    };
    let workspace = desk.store.get_workspace(desk.ws()).await?;
    Ok(Some(article_url(base, &workspace.slug, article)))
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
