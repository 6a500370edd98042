//! The help centre as the bots use it: which articles a client is offered, and their public
//! addresses. Apart from `knowledge` (the index cache the desk holds) so that module does not
//! depend on the desk that holds it.

use crate::desk::Desk;
use crate::knowledge::{article_url, MIN_COVERAGE};
use crate::RelayError;
use ticketgram_domain::{Article, ArticleStatus, Language};
use ticketgram_knowledge::Audience;

/// The published articles (as stored now) worth offering a client for `question`, best first.
/// The index may lag an edit another instance made a moment ago: what is returned is what the
/// store holds, and only while it is published.
pub async fn suggestions(
    desk: &Desk,
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
    desk: &Desk,
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

/// The article's public page, when the desk's pages are reachable from outside.
pub async fn public_link(desk: &Desk, article: &Article) -> Result<Option<String>, RelayError> {
    let Some(base) = desk.config.console_url.as_deref() else {
        return Ok(None);
    };
    let workspace = desk.store.get_workspace(desk.ws()).await?;
    Ok(Some(article_url(base, &workspace.slug, article)))
}
