//! The article list: search, filters, and what clients said about each article.

use super::*;
use crate::auth::{AgentUser, RequireRole};
use crate::error::WebError;
use crate::layout::{self};
use crate::words::Words;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use std::collections::HashMap;
use ticketgram_domain::{Article, ArticleId, ArticleStatus, Language};
use ticketgram_knowledge::Audience;

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
}

/// Every article (or the matches of a search), with what clients said about each in the
/// last 30 days.
pub async fn list(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    words: Words,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let ws = desk.ws();
    let language = Language::from_code(&query.language);
    let status = ArticleStatus::from_code(&query.status);
    let category = query.category.trim();
    let all = desk.store.kb_articles(ws).await?;
    let keep = |a: &Article| {
        language.is_none_or(|l| a.language == l)
            && status.is_none_or(|s| a.status == s)
            && (category.is_empty() || a.category == category)
    };
    let q = query.q.trim();
    let shown: Vec<&Article> = if q.is_empty() {
        all.iter().filter(|&a| keep(a)).collect()
    } else {
        let by_id: HashMap<ArticleId, &Article> = all.iter().map(|a| (a.id, a)).collect();
        let mut hits = Vec::new();
        for l in language.map_or(Language::ALL.to_vec(), |l| vec![l]) {
            let found = desk
                .knowledge
                .search(&desk.store, ws, q, l, Audience::Agents, 50)
                .await?;
            hits.extend(found);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.iter()
            .filter_map(|h| by_id.get(&h.article).copied())
            .filter(|&a| keep(a))
            .collect()
    };
    let now = chrono::Utc::now();
    // The window ends after this millisecond, not at it: an answer given in the same
    // millisecond as the page is read counts (the query's end is exclusive).
    let until = now + chrono::Duration::milliseconds(1);
    let figures: HashMap<ArticleId, (i64, i64)> = desk
        .store
        .kb_deflections(ws, now - chrono::Duration::days(DEFLECTION_DAYS), until)
        .await?
        .into_iter()
        .map(|f| (f.article, (f.helped, f.not_helped)))
        .collect();
    let mut categories: Vec<&str> = all.iter().map(|a| a.category.as_str()).collect();
    categories.sort_unstable();
    categories.dedup();
    let workspace = workspace_slug(desk).await?;
    let admin = signed.agent.role.can_configure();
    let title = words.t("web-kb-title");
    let body = html! {
        h1 { (title) }
        p {
            @if admin { a #new-article href="/admin/kb/new" { (words.t("web-kb-new")) } " · " }
            a href={ "/kb/" (workspace) } { (words.t("web-kb-public-pages")) }
        }
        form.box #kb-search method="get" action="/admin/kb" {
            input type="search" name="q" value=(q) placeholder=(words.t("web-kb-search-placeholder"))
                aria-label=(words.t("web-kb-search"));
            " "
            select name="language" aria-label=(words.t("web-kb-language")) {
                option value="" { (words.t("web-kb-any-language")) }
                @for l in Language::ALL { option value=(l.code()) selected[language == Some(l)] { (l.code()) } }
            }
            " "
            select name="status" aria-label=(words.t("web-kb-status")) {
                option value="" { (words.t("web-kb-any-status")) }
                @for s in [ArticleStatus::Draft, ArticleStatus::Published] {
                    option value=(s.code()) selected[status == Some(s)] { (status_word(&words, s)) }
                }
            }
            " "
            select name="category" aria-label=(words.t("web-kb-category")) {
                option value="" { (words.t("web-kb-any-category")) }
                @for c in categories.iter().filter(|c| !c.is_empty()) {
                    option value=(c) selected[*c == category] { (c) }
                }
            }
            " "
            button { (words.t("web-kb-search")) }
        }
        @if shown.is_empty() {
            p.muted #no-articles { (words.t("web-kb-none")) }
        } @else {
            table #articles {
                thead { tr {
                    th { (words.t("web-kb-article-title")) } th { (words.t("web-kb-language")) }
                    th { (words.t("web-kb-category")) } th { (words.t("web-kb-status")) }
                    th { (words.t("web-kb-updated")) }
                    th title=(words.t("web-kb-deflection-note")) { (words.t("web-kb-helped")) }
                    th title=(words.t("web-kb-deflection-note")) { (words.t("web-kb-not-helped")) }
                } }
                tbody { @for a in &shown {
                    @let (helped, not_helped) = figures.get(&a.id).copied().unwrap_or((0, 0));
                    tr data-article=(a.id.0) {
                        td {
                            a href={ "/admin/kb/" (a.id.0) } { (a.title) }
                            @if a.status == ArticleStatus::Published {
                                br; a.muted href=(public_link(&state, &workspace, a)) { (public_link(&state, &workspace, a)) }
                            }
                        }
                        td { (a.language.code()) }
                        td { (a.category) }
                        td { span.badge { (status_word(&words, a.status)) } }
                        td { (words.when(a.updated_at)) " · r" (a.revision) }
                        td.helped { (helped) }
                        td.not-helped { (not_helped) }
                    }
                } }
            }
            p.muted { (words.with("web-kb-deflection-period", &[("days", DEFLECTION_DAYS.into())])) }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}
