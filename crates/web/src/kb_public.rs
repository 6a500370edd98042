//! The knowledge base's public pages, for anyone, no sign-in: `/kb/<desk>` (published
//! articles by category, a search, a language switch with `?lang=`) and
//! `/kb/<desk>/<lang>/<slug>` (one article and links to its translations).
//!
//! Drafts and unknown slugs are simply not found. Articles are shown as the HTML ammonia
//! leaves of their Markdown (no script, no event handler, no `javascript:` link), under the
//! console's own security headers: no inline script would run even if one slipped through.
//! Unlike the console's pages they may be cached for a few minutes ([`PUBLIC_CACHE`]).

use crate::language;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;
use ticketgram_domain::{Article, ArticleSlug, ArticleStatus, Language};
use ticketgram_knowledge::Audience;

use crate::error::WebError;

fn shell(words: &Words, title: &str, home: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(words.language.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    link rel="stylesheet" href="/static/console.css";
                }
                body {
                    header { a href=(home) { strong { (words.t("web-kb-public-title")) } } }
                    main { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// How long a browser or a proxy may keep a public page: an edit shows within minutes, and a
/// burst of clients opening the same article link costs one render per cache. The page's words
/// follow the reader's language (`Accept-Language`, or the console's language cookie), hence
/// `Vary`. Only found pages are kept; "not found" stays uncached (the console's default), so
/// an article published a moment later is not hidden.
const PUBLIC_CACHE: &str = "public, max-age=300";

fn cacheable(page: Html<String>) -> Response {
    (
        [
            (header::CACHE_CONTROL, PUBLIC_CACHE),
            (header::VARY, "Accept-Language, Cookie"),
        ],
        page,
    )
        .into_response()
}

fn not_found(words: &Words, home: &str) -> Response {
    let title = words.t("web-kb-public-not-found");
    let body = html! {
        h1 { (title) }
        p { a href=(home) { (words.t("web-kb-public-home")) } }
    };
    (StatusCode::NOT_FOUND, shell(words, &title, home, body)).into_response()
}

/// Whether `workspace` is this desk's slug: another desk's pages are not served here.
async fn is_this_desk(state: &WebState, workspace: &str) -> Result<bool, WebError> {
    let desk = &state.desk;
    Ok(desk.store.get_workspace(desk.ws()).await?.slug == workspace)
}

async fn words_in(state: &WebState, language: Language) -> Result<Words, WebError> {
    let desk = state.desk.current().await?;
    Ok(Words::new(
        desk.t.clone(),
        language,
        desk.config.hours.time_zone,
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    q: String,
}

pub async fn home(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(workspace): Path<String>,
    Query(query): Query<HomeQuery>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let lang = Language::from_code(&query.lang)
        .or_else(|| language::of_browser(&headers))
        .unwrap_or(desk.current().await?.config.agent_language);
    let words = words_in(&state, lang).await?;
    let home = format!("/kb/{workspace}?lang={}", lang.code());
    if !is_this_desk(&state, &workspace).await? {
        return Ok(not_found(&words, &home));
    }
    let published: Vec<Article> = desk
        .store
        .kb_articles(desk.ws())
        .await?
        .into_iter()
        .filter(|a| a.status == ArticleStatus::Published && a.language == lang)
        .collect();
    let q = query.q.trim();
    let found: Option<Vec<&Article>> = if q.is_empty() {
        None
    } else {
        let hits = desk
            .knowledge
            .search(&desk.store, desk.ws(), q, lang, Audience::Clients, 20)
            .await?;
        Some(
            hits.iter()
                .filter_map(|h| published.iter().find(|a| a.id == h.article))
                .collect(),
        )
    };
    let mut by_category: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    for a in &published {
        by_category.entry(a.category.as_str()).or_default().push(a);
    }
    let link = |a: &Article| format!("/kb/{workspace}/{}/{}", a.language.code(), a.slug);
    let title = words.t("web-kb-public-title");
    let body = html! {
        h1 { (title) }
        nav #languages {
            @for l in Language::ALL {
                @if l == lang { strong { (l.code()) } } @else {
                    a href={ "/kb/" (workspace) "?lang=" (l.code()) } hreflang=(l.code()) { (l.code()) }
                }
                " "
            }
        }
        form.box #search method="get" action={ "/kb/" (workspace) } {
            input type="hidden" name="lang" value=(lang.code());
            input type="search" name="q" value=(q) aria-label=(words.t("web-kb-search"))
                placeholder=(words.t("web-kb-public-search-placeholder"));
            " " button { (words.t("web-kb-search")) }
        }
        @if let Some(found) = &found {
            section #results {
                h2 { (words.with("web-kb-public-results", &[("query", q.into())])) }
                @if found.is_empty() { p.muted { (words.t("web-kb-public-no-results")) } }
                ul { @for a in found {
                    li { a href=(link(a)) { (a.title) } br; span.muted { (ticketgram_knowledge::excerpt(&a.body, 160)) } }
                } }
            }
        }
        @if published.is_empty() {
            p.muted #empty { (words.t("web-kb-public-empty")) }
        }
        @for (category, articles) in &by_category {
            section.box.category {
                h2 { @if category.is_empty() { (words.t("web-kb-public-general")) } @else { (category) } }
                ul { @for a in articles { li { a href=(link(a)) { (a.title) } } } }
            }
        }
    };
    Ok(cacheable(shell(&words, &title, &home, body)))
}

pub async fn article(
    State(state): State<WebState>,
    Path((workspace, lang, slug)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let fallback = desk.current().await?.config.agent_language;
    let language = Language::from_code(&lang);
    let words = words_in(&state, language.unwrap_or(fallback)).await?;
    let home = format!(
        "/kb/{workspace}?lang={}",
        language.unwrap_or(fallback).code()
    );
    let (Some(language), Ok(slug)) = (language, ArticleSlug::new(&slug)) else {
        return Ok(not_found(&words, &home));
    };
    if !is_this_desk(&state, &workspace).await? {
        return Ok(not_found(&words, &home));
    }
    let versions: Vec<Article> = desk
        .store
        .kb_translations(desk.ws(), &slug)
        .await?
        .into_iter()
        .filter(|a| a.status == ArticleStatus::Published)
        .collect();
    let Some(shown) = versions.iter().find(|a| a.language == language) else {
        return Ok(not_found(&words, &home));
    };
    let others: Vec<&Article> = versions.iter().filter(|a| a.language != language).collect();
    let canonical = format!(
        "{}/kb/{workspace}/{}/{}",
        state
            .settings
            .public_url
            .as_deref()
            .unwrap_or("")
            .trim_end_matches('/'),
        language.code(),
        slug
    );
    let body = html! {
        p { a href=(home) { (words.t("web-kb-public-home")) } }
        article #article {
            h1 { (shown.title) }
            @if !shown.category.is_empty() { p.muted { (shown.category) } }
            div.article { (PreEscaped(ticketgram_knowledge::to_safe_html(&shown.body))) }
            p.muted { (words.with("web-kb-public-updated", &[("when", words.when(shown.updated_at).into())])) }
        }
        @if !others.is_empty() {
            nav.box #translations {
                (words.t("web-kb-public-translations")) " "
                @for a in &others {
                    a href={ "/kb/" (workspace) "/" (a.language.code()) "/" (a.slug) } hreflang=(a.language.code()) lang=(a.language.code()) { (a.title) }
                    " "
                }
            }
        }
        p.muted { small { (canonical) } }
    };
    Ok(cacheable(shell(&words, &shown.title, &home, body)))
}
