//! An article's revisions, and putting an old text back as the newest one.

use super::*;
use crate::auth::{AdminUser, RequireRole};
use crate::error::{WebError, Why};
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use std::collections::HashMap;
use ticketgram_domain::{AgentId, ArticleDraft};

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
