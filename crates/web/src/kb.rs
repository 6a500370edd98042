//! The knowledge base in the console: every agent reads and searches it (and finds article
//! links from the ticket page); admins write, publish, roll back and delete articles.
//!
//! Each saved form is one input keyed by its nonce, with its audit row in the same
//! transaction. An edit carries the revision it started from: when someone saved in between,
//! the editor comes back with the author's text and says so, instead of undoing the other
//! edit. The preview is the same ammonia-cleaned HTML the public pages show.

use crate::auth::{AdminUser, AgentUser, RequireRole, Signed};
use crate::error::{WebError, Why};
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup, PreEscaped};
use std::collections::HashMap;
use ticketgram_domain::{
    Actor, AgentId, Article, ArticleDraft, ArticleId, ArticleSlug, ArticleStatus, AuditEntry,
    Language,
};
use ticketgram_knowledge::Audience;
use ticketgram_relay::{Desk, Input};
use ticketgram_store::{StoreError, Tx};

/// The deflection figures the list shows cover this many days back.
const DEFLECTION_DAYS: i64 = 30;

/// The public address of an article: absolute when the console's public URL is known.
pub(crate) fn public_link(state: &WebState, workspace: &str, article: &Article) -> String {
    let base = state.settings.public_url.as_deref().unwrap_or("");
    ticketgram_relay::knowledge::article_url(base, workspace, article)
}

async fn workspace_slug(desk: &Desk) -> Result<String, WebError> {
    Ok(desk.store.get_workspace(desk.ws()).await?.slug)
}

async fn article(desk: &Desk, id: i64) -> Result<Article, WebError> {
    Ok(desk.store.kb_article(desk.ws(), ArticleId(id)).await?)
}

fn status_word(words: &Words, status: ArticleStatus) -> String {
    words.t(match status {
        ArticleStatus::Draft => "web-kb-status-draft",
        ArticleStatus::Published => "web-kb-status-published",
    })
}

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
    let figures: HashMap<ArticleId, (i64, i64)> = desk
        .store
        .kb_deflections(ws, now - chrono::Duration::days(DEFLECTION_DAYS), now)
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

/// What the editor form posts.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ArticleForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    body: String,
    /// The revision the edit started from (edits only).
    #[serde(default)]
    revision: Option<i64>,
    /// `preview`: show the text as clients will see it, save nothing.
    #[serde(default)]
    action: String,
}

impl ArticleForm {
    fn of(article: &Article) -> ArticleForm {
        ArticleForm {
            title: article.title.clone(),
            slug: article.slug.to_string(),
            language: article.language.code().into(),
            category: article.category.clone(),
            status: article.status.code().into(),
            body: article.body.clone(),
            revision: Some(article.revision),
            action: String::new(),
        }
    }

    /// The slug as written, or made from the title when left empty.
    fn slug_or_title(&self) -> String {
        match self.slug.trim() {
            "" if !self.title.trim().is_empty() => ArticleSlug::from_title(&self.title).to_string(),
            given => given.to_string(),
        }
    }

    /// The draft, or the sentence (key) that says what is wrong.
    fn draft(&self) -> Result<ArticleDraft, &'static str> {
        // The title first: an empty one would also leave the slug empty.
        if self.title.trim().is_empty() {
            return Err("web-kb-error-title");
        }
        let language = Language::from_code(&self.language).ok_or("web-error-unknown-language")?;
        let slug = ArticleSlug::new(&self.slug_or_title()).map_err(|_| "web-kb-error-slug")?;
        let status = ArticleStatus::from_code(&self.status).ok_or("web-kb-error-status")?;
        let draft = ArticleDraft {
            slug,
            language,
            category: self.category.trim().into(),
            title: self.title.trim().into(),
            // Browsers send CRLF line ends; Markdown does not care, diffs of history would.
            body: self.body.replace("\r\n", "\n"),
            status,
        };
        draft.check().map_err(|e| match e {
            ticketgram_domain::ArticleError::BadTitle => "web-kb-error-title",
            ticketgram_domain::ArticleError::BodyTooLong => "web-kb-error-body",
            ticketgram_domain::ArticleError::BadCategory => "web-kb-error-category",
            ticketgram_domain::ArticleError::BadSlug => "web-kb-error-slug",
        })?;
        Ok(draft)
    }
}

/// What the editor says above the form.
enum Notice {
    None,
    Saved,
    Error(String),
    /// Someone saved revision `current` while this author edited an older one.
    Stale {
        current: Article,
    },
}

/// The editor: the form, what is wrong or stale, and the preview of the text.
fn editor(
    words: &Words,
    signed: &Signed,
    target: Option<&Article>,
    form: &ArticleForm,
    notice: &Notice,
) -> Markup {
    let action = match target {
        Some(a) => format!("/admin/kb/{}", a.id.0),
        None => "/admin/kb".into(),
    };
    let slug = form.slug_or_title();
    let status = ArticleStatus::from_code(&form.status).unwrap_or_default();
    let language = Language::from_code(&form.language);
    html! {
        @match notice {
            Notice::None => {},
            Notice::Saved => p.box #saved { (words.t("web-kb-saved")) },
            Notice::Error(text) => p.box.error #form-error role="alert" { (text) },
            Notice::Stale { current } => div.box.error #stale role="alert" {
                p { strong { (words.with("web-kb-stale", &[
                    ("revision", current.revision.into()),
                    ("when", words.when(current.updated_at).into()),
                ])) } }
                p { (words.t("web-kb-stale-hint")) }
                details {
                    summary { (words.t("web-kb-stale-theirs")) }
                    h3 { (current.title) }
                    div.article { (PreEscaped(ticketgram_knowledge::to_safe_html(&current.body))) }
                }
            },
        }
        form.box #article-form method="post" action=(action) {
            (csrf(signed))
            @if let Some(revision) = form.revision {
                input type="hidden" name="revision" value=(revision);
            }
            label { (words.t("web-kb-article-title")) " "
                input name="title" value=(form.title) required maxlength="200"; }
            label { (words.t("web-kb-slug")) " "
                input name="slug" value=(slug) maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*";
                span.muted { " " (words.t("web-kb-slug-hint")) } }
            label { (words.t("web-kb-language")) " "
                select name="language" {
                    @for l in Language::ALL { option value=(l.code()) selected[language == Some(l)] { (l.code()) } }
                } }
            label { (words.t("web-kb-category")) " "
                input name="category" value=(form.category) maxlength="80"; }
            label { (words.t("web-kb-status")) " "
                select name="status" {
                    @for s in [ArticleStatus::Draft, ArticleStatus::Published] {
                        option value=(s.code()) selected[status == s] { (status_word(words, s)) }
                    }
                } }
            label { (words.t("web-kb-body")) textarea name="body" rows="16" { (form.body) } }
            p.muted { (words.t("web-kb-markdown-hint")) }
            button name="action" value="preview" { (words.t("web-kb-preview")) } " "
            button #save name="action" value="save" { (words.t("web-kb-save")) }
        }
        @if !form.body.trim().is_empty() {
            section.box #preview {
                h2 { (words.t("web-kb-preview")) }
                h3 { (form.title) }
                div.article { (PreEscaped(ticketgram_knowledge::to_safe_html(&form.body))) }
            }
        }
    }
}

fn editor_page(
    words: &Words,
    signed: &Signed,
    target: Option<&Article>,
    form: &ArticleForm,
    notice: Notice,
    status: StatusCode,
) -> Response {
    let title = match target {
        Some(a) => words.with("web-kb-edit", &[("title", a.title.clone().into())]),
        None => words.t("web-kb-new"),
    };
    let links = target.map(|a| {
        html! { p {
            a href="/admin/kb" { (words.t("web-kb-title")) } " · "
            a #history href={ "/admin/kb/" (a.id.0) "/history" } { (words.t("web-kb-history")) } " · "
            a #delete href={ "/admin/kb/" (a.id.0) "/delete" } { (words.t("web-kb-delete")) }
        } }
    });
    let body = html! {
        h1 { (title) }
        @if let Some(links) = links { (links) }
        (editor(words, signed, target, form, &notice))
    };
    (status, layout::page(words, &title, Some(signed), body)).into_response()
}

pub async fn new_page(
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let form = ArticleForm {
        language: words.language.code().into(),
        status: ArticleStatus::Draft.code().into(),
        ..ArticleForm::default()
    };
    Ok(editor_page(
        &words,
        &signed,
        None,
        &form,
        Notice::None,
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ArticleQuery {
    #[serde(default)]
    saved: String,
}

/// An article: the editor for admins, the text as clients see it for other agents.
pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    words: Words,
    Path(id): Path<i64>,
    Query(query): Query<ArticleQuery>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let target = article(desk, id).await?;
    if signed.agent.role.can_configure() {
        let notice = if query.saved == "1" {
            Notice::Saved
        } else {
            Notice::None
        };
        let form = ArticleForm::of(&target);
        return Ok(editor_page(
            &words,
            &signed,
            Some(&target),
            &form,
            notice,
            StatusCode::OK,
        ));
    }
    let workspace = workspace_slug(desk).await?;
    let body = html! {
        h1 { (target.title) }
        p {
            span.badge { (status_word(&words, target.status)) } " "
            span.muted { (target.language.code()) " · " (target.category) " · " (words.when(target.updated_at)) }
        }
        @if target.status == ArticleStatus::Published {
            p { a #public-link href=(public_link(&state, &workspace, &target)) { (public_link(&state, &workspace, &target)) } }
        }
        div.box.article { (PreEscaped(ticketgram_knowledge::to_safe_html(&target.body))) }
        p { a href="/admin/kb" { (words.t("web-kb-title")) } }
    };
    Ok(layout::page(&words, &target.title, Some(&signed), body).into_response())
}

fn author(signed: &Signed) -> Option<AgentId> {
    Some(signed.agent.id)
}

/// The audit row of a knowledge-base change, in the change's own transaction.
async fn audit(tx: &Tx, signed: &Signed, action: &str, a: &Article) -> Result<(), StoreError> {
    tx.record_audit(&AuditEntry {
        workspace: signed.agent.workspace,
        actor: Actor::Agent(signed.agent.id),
        action: action.into(),
        subject: format!("kb/{}/{}", a.language.code(), a.slug),
        details: vec![
            ("article".into(), a.id.0.to_string()),
            ("revision".into(), a.revision.to_string()),
            ("status".into(), a.status.code().into()),
            ("via".into(), "console".into()),
        ],
        at: chrono::Utc::now(),
    })
    .await
}

/// Applies one posted form as one input, keyed by its nonce. `Ok(None)`: this very form was
/// applied before (a double click); nothing changed the second time.
async fn apply<T>(
    state: &WebState,
    signed: &Signed,
    nonce: FormNonce,
    act: impl AsyncFnOnce(&Tx) -> Result<T, WebError>,
) -> Result<Option<T>, WebError> {
    let origin = format!("web:{}:{}", signed.agent.id.0, nonce.0);
    let outcome = Input::apply(&state.desk, origin, chrono::Utc::now(), async |_, fx| {
        act(fx.tx).await
    })
    .await;
    match outcome {
        Ok(out) => Ok(Some(out)),
        Err(WebError::Replayed) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Another article of the language has the slug: said before the database's index would.
async fn slug_taken(
    desk: &Desk,
    draft: &ArticleDraft,
    this: Option<ArticleId>,
) -> Result<bool, WebError> {
    Ok(desk
        .store
        .kb_translations(desk.ws(), &draft.slug)
        .await?
        .iter()
        .any(|a| a.language == draft.language && Some(a.id) != this))
}

/// The editor again with the author's text and what is wrong, or `None` when the form is fine.
async fn refused(
    state: &WebState,
    words: &Words,
    signed: &Signed,
    target: Option<&Article>,
    form: &ArticleForm,
) -> Result<Result<ArticleDraft, Response>, WebError> {
    let draft = match form.draft() {
        Ok(draft) => draft,
        Err(key) => {
            let notice = Notice::Error(words.t(key));
            let page = editor_page(
                words,
                signed,
                target,
                form,
                notice,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
            return Ok(Err(page));
        }
    };
    if slug_taken(&state.desk, &draft, target.map(|a| a.id)).await? {
        let notice = Notice::Error(words.with(
            "web-kb-error-slug-taken",
            &[
                ("slug", draft.slug.to_string().into()),
                ("language", draft.language.code().into()),
            ],
        ));
        let page = editor_page(words, signed, target, form, notice, StatusCode::CONFLICT);
        return Ok(Err(page));
    }
    Ok(Ok(draft))
}

pub async fn create(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    nonce: FormNonce,
    Form(form): Form<ArticleForm>,
) -> Result<Response, WebError> {
    let draft = match refused(&state, &words, &signed, None, &form).await? {
        Ok(draft) => draft,
        Err(page) => return Ok(page),
    };
    if form.action == "preview" {
        let form = ArticleForm {
            slug: draft.slug.to_string(),
            ..form
        };
        return Ok(editor_page(
            &words,
            &signed,
            None,
            &form,
            Notice::None,
            StatusCode::OK,
        ));
    }
    let ws = state.desk.ws();
    let created = apply(&state, &signed, nonce, async |tx| {
        let created = tx
            .create_article(ws, &draft, author(&signed), chrono::Utc::now())
            .await?;
        audit(tx, &signed, "kb.article.create", &created).await?;
        Ok(created)
    })
    .await?;
    Ok(match created {
        Some(a) => Redirect::to(&format!("/admin/kb/{}?saved=1", a.id.0)).into_response(),
        None => Redirect::to("/admin/kb").into_response(),
    })
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    nonce: FormNonce,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, WebError> {
    let target = article(&state.desk, id).await?;
    let draft = match refused(&state, &words, &signed, Some(&target), &form).await? {
        Ok(draft) => draft,
        Err(page) => return Ok(page),
    };
    if form.action == "preview" {
        let form = ArticleForm {
            slug: draft.slug.to_string(),
            ..form
        };
        return Ok(editor_page(
            &words,
            &signed,
            Some(&target),
            &form,
            Notice::None,
            StatusCode::OK,
        ));
    }
    let ws = state.desk.ws();
    let expected = form.revision.unwrap_or(target.revision);
    let saved = apply(&state, &signed, nonce, async |tx| {
        let saved = tx
            .update_article(
                ws,
                target.id,
                &draft,
                Some(expected),
                author(&signed),
                chrono::Utc::now(),
            )
            .await?;
        audit(tx, &signed, "kb.article.update", &saved).await?;
        Ok(saved)
    })
    .await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/admin/kb/{id}?saved=1")).into_response()),
        Err(WebError::Conflict(_)) => {
            // Someone saved in between: the author keeps their text, and saving again now
            // (over the current revision) is a deliberate choice.
            let current = article(&state.desk, id).await?;
            let form = ArticleForm {
                revision: Some(current.revision),
                ..form
            };
            Ok(editor_page(
                &words,
                &signed,
                Some(&current),
                &form,
                Notice::Stale {
                    current: current.clone(),
                },
                StatusCode::CONFLICT,
            ))
        }
        Err(e) => Err(e),
    }
}

/// Every saved text of an article, newest first, each but the current one restorable.
pub async fn history(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let target = article(desk, id).await?;
    let revisions = desk.store.kb_revisions(desk.ws(), target.id).await?;
    let names: HashMap<AgentId, String> = desk
        .store
        .list_agents(desk.ws())
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let title = words.with(
        "web-kb-history-of",
        &[("title", target.title.clone().into())],
    );
    let body = html! {
        h1 { (title) }
        p { a href={ "/admin/kb/" (target.id.0) } { (words.t("web-kb-back-to-article")) } }
        table #revisions {
            thead { tr {
                th { (words.t("web-kb-revision")) } th { (words.t("web-kb-updated")) }
                th { (words.t("web-kb-by")) } th { (words.t("web-kb-article-title")) }
                th { (words.t("web-kb-status")) } th { (words.t("web-kb-text")) } th {}
            } }
            tbody { @for r in &revisions {
                tr data-revision=(r.revision) {
                    td { "r" (r.revision) }
                    td { (words.when(r.edited_at)) }
                    td { (r.edited_by.and_then(|a| names.get(&a).cloned()).unwrap_or_else(|| "—".into())) }
                    td { (r.title) }
                    td { (status_word(&words, r.status)) }
                    td.muted { (ticketgram_knowledge::excerpt(&r.body, 160)) }
                    td {
                        @if r.revision == target.revision {
                            span.badge { (words.t("web-kb-current")) }
                        } @else {
                            form method="post" action={ "/admin/kb/" (target.id.0) "/restore" } {
                                (csrf(&signed))
                                input type="hidden" name="revision" value=(r.revision);
                                button { (words.with("web-kb-restore", &[("revision", r.revision.into())])) }
                            }
                        }
                    }
                }
            } }
        }
        p.muted { (words.t("web-kb-restore-note")) }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(Debug, serde::Deserialize)]
pub struct RestoreForm {
    revision: i64,
}

pub async fn restore(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Path(id): Path<i64>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, WebError> {
    let target = article(&state.desk, id).await?;
    let old = state
        .desk
        .store
        .kb_revisions(state.desk.ws(), target.id)
        .await?
        .into_iter()
        .find(|r| r.revision == form.revision)
        .ok_or(WebError::NotFound)?;
    let draft = ArticleDraft {
        slug: old.slug,
        language: target.language,
        category: old.category,
        title: old.title,
        body: old.body,
        status: old.status,
    };
    if slug_taken(&state.desk, &draft, Some(target.id)).await? {
        return Err(WebError::Conflict(Why::Says("web-kb-error-restore-slug")));
    }
    let ws = state.desk.ws();
    apply(&state, &signed, nonce, async |tx| {
        let restored = tx
            .restore_article(
                ws,
                target.id,
                form.revision,
                author(&signed),
                chrono::Utc::now(),
            )
            .await?;
        audit(tx, &signed, "kb.article.restore", &restored).await?;
        Ok(())
    })
    .await?;
    Ok(Redirect::to(&format!("/admin/kb/{id}?saved=1")).into_response())
}

pub async fn delete_page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let target = article(&state.desk, id).await?;
    let title = words.with(
        "web-kb-delete-title",
        &[("title", target.title.clone().into())],
    );
    let body = html! {
        h1 { (title) }
        div.box {
            p.error { (words.t("web-kb-delete-warning")) }
            form #confirm-delete method="post" action={ "/admin/kb/" (target.id.0) "/delete" } {
                (csrf(&signed))
                button { (words.t("web-kb-delete-confirm")) }
            }
            p { a href={ "/admin/kb/" (target.id.0) } { (words.t("web-kb-delete-cancel")) } }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

pub async fn delete(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let target = match article(&state.desk, id).await {
        // Deleted already (a second click): the list is where the author wanted to go.
        Err(WebError::NotFound) => return Ok(Redirect::to("/admin/kb").into_response()),
        other => other?,
    };
    let ws = state.desk.ws();
    apply(&state, &signed, nonce, async |tx| {
        tx.delete_article(ws, target.id).await?;
        audit(tx, &signed, "kb.article.delete", &target).await?;
        Ok(())
    })
    .await?;
    Ok(Redirect::to("/admin/kb").into_response())
}

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
