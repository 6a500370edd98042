//! Writing an article: the editor, its preview, and saving a new text or an edit.

use super::*;
use crate::auth::{AdminUser, AgentUser, RequireRole, Signed};
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup, PreEscaped};
use ticketgram_domain::{Article, ArticleDraft, ArticleSlug, ArticleStatus, Language};

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
