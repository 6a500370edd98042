//! The knowledge-base box of the ticket page: find an article, put its link in the reply.

use super::*;
use crate::error::WebError;
use crate::words::Words;
use crate::WebState;
use maud::{html, Markup};
use ticketgram_domain::{ArticleStatus, Language};
use ticketgram_knowledge::Audience;
use ticketgram_store::StoreError;

/// The ticket page's knowledge-base box: a search (GET, no script) and the matching
/// articles in the ticket's language, each published one with its public link and a link
/// that puts it into the reply box.
pub(crate) async fn ticket_box(
    state: &WebState,
    words: &Words,
    number: i64,
    language: Language,
    query: &str,
) -> Result<Markup, WebError> {
    let desk = &state.desk;
    let query = query.trim();
    let mut found = Vec::new();
    if !query.is_empty() {
        let hits = desk
            .knowledge
            .search(&desk.store, desk.ws(), query, language, Audience::Agents, 8)
            .await?;
        for hit in hits {
            match desk.store.kb_article(desk.ws(), hit.article).await {
                Ok(a) => found.push(a),
                // Deleted since the index was built: nothing to show.
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let workspace = if found.is_empty() {
        String::new()
    } else {
        workspace_slug(desk).await?
    };
    Ok(html! {
        div.box #kb-box {
            h2 { (words.t("web-kb-title")) }
            form method="get" action={ "/tickets/" (number) } {
                input type="search" name="kb" value=(query) aria-label=(words.t("web-kb-search"))
                    placeholder=(words.t("web-kb-search-placeholder"));
                " " button { (words.t("web-kb-search")) }
            }
            @if !query.is_empty() && found.is_empty() {
                p.muted { (words.t("web-kb-none")) }
            }
            ul #kb-hits { @for a in &found {
                li {
                    @if a.status == ArticleStatus::Published {
                        @let link = public_link(state, &workspace, a);
                        a href=(link) { (a.title) }
                        br; code.kb-link { (link) }
                        br; a.insert href=(insert_href(number, query, &a.title, &link)) { (words.t("web-kb-insert")) }
                    } @else {
                        a href={ "/admin/kb/" (a.id.0) } { (a.title) } " "
                        span.badge { (status_word(words, a.status)) }
                    }
                }
            } }
        }
    })
}

/// The ticket page again with the article's title and link in the reply box.
fn insert_href(number: i64, query: &str, title: &str, link: &str) -> String {
    let text = format!("{title}: {link}");
    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("kb", query)
        .append_pair("reply", &text)
        .finish();
    format!("/tickets/{number}?{encoded}#reply-text")
}
