//! Deleting an article, after a confirmation page.

use super::*;
use crate::auth::{AdminUser, RequireRole};
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

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
