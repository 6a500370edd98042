//! The desk's help centre: articles written before the story starts, and what clients said
//! about the ones suggested to them.

use ticketgram_domain::{Article, ArticleDraft, ArticleSlug, ArticleStatus, Language};
use ticketgram_store::ArticleDeflection;

use crate::desk::TestDesk;

impl TestDesk {
    /// A published article, as an agent would have written it in the console.
    pub async fn published_article(&self, language: &str, title: &str, body: &str) -> Article {
        let draft = ArticleDraft {
            slug: ArticleSlug::from_title(title),
            language: Language::from_code(language).expect("a language we speak"),
            category: String::new(),
            title: title.into(),
            body: body.into(),
            status: ArticleStatus::Published,
        };
        let tx = self.store.begin_tx().await.expect("tx");
        let article = tx
            .create_article(self.ws, &draft, None, chrono::Utc::now())
            .await
            .expect("article");
        tx.commit().await.expect("commit");
        article
    }

    /// Helped / not-helped counts per article, over all time.
    pub async fn deflections(&self) -> Vec<ArticleDeflection> {
        let epoch = chrono::DateTime::UNIX_EPOCH;
        let later = chrono::Utc::now() + chrono::Duration::days(1);
        self.store
            .kb_deflections(self.ws, epoch, later)
            .await
            .expect("deflections")
    }
}
