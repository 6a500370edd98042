//! Canned replies: the admin page that keeps them (one set per language) and the picker on
//! the ticket page that drops one into the reply box.

use crate::admin::{admin_nav, audit};
use crate::auth::{AdminUser, RequireRole, Signed};
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::words::Words;
use crate::WebState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use ticketgram_domain::{Language, WorkspaceId};
use ticketgram_relay::Desk;
use ticketgram_store::ReplyTemplate;

/// The ticket's language's templates; English ones when that language has none.
pub async fn for_language(
    desk: &Desk,
    ws: WorkspaceId,
    language: Language,
) -> Result<Vec<ReplyTemplate>, WebError> {
    let own = desk.store.templates(ws, language).await?;
    if !own.is_empty() || language == Language::En {
        return Ok(own);
    }
    Ok(desk.store.templates(ws, Language::En).await?)
}

/// One button per template; nothing at all when there are none.
pub fn picker(words: &Words, templates: &[ReplyTemplate]) -> Markup {
    if templates.is_empty() {
        return html! {};
    }
    html! {
        div #templates.templates {
            span.muted { (words.t("web-templates-picker")) " " }
            @for t in templates {
                button type="button" data-template=(t.body) title=(t.body) { (t.name) }
                " "
            }
        }
        // Inserts a template at the cursor of the reply box.
        script src="/static/templates.js" defer {}
    }
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let mut sets = Vec::new();
    for language in Language::ALL {
        sets.push((language, desk.store.templates(desk.ws(), language).await?));
    }
    let body = html! {
        h1 { (words.t("web-templates-title")) }
        (admin_nav(&words))
        @for (language, templates) in &sets {
            div.box {
                h2 { (language.code()) }
                @if templates.is_empty() { p.muted { (words.t("web-templates-none")) } }
                @else {
                    table { tbody { @for t in templates { tr {
                        td { strong { (t.name) } }
                        td.pre { (t.body) }
                        td { (remove_form(&words, &signed, t)) }
                    } } } }
                }
            }
        }
        form.box #add-template method="post" action="/admin/templates" {
            h2 { (words.t("web-templates-add")) }
            (csrf(&signed))
            label { (words.t("web-templates-language")) " "
                select name="language" {
                    @for language in Language::ALL { option value=(language.code()) { (language.code()) } }
                }
            }
            label { (words.t("web-templates-name")) " " input name="name" required maxlength="64"; }
            label { (words.t("web-templates-text")) textarea name="body" required {} }
            button { (words.t("web-templates-save")) }
        }
        p.muted { (words.t("web-templates-note")) }
    };
    let title = words.t("web-admin-templates");
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

fn remove_form(words: &Words, signed: &Signed, t: &ReplyTemplate) -> Markup {
    html! {
        form method="post" action="/admin/templates/remove" {
            (csrf(signed))
            input type="hidden" name="language" value=(t.language.code());
            input type="hidden" name="name" value=(t.name);
            button { (words.t("web-templates-remove")) }
        }
    }
}

fn language(code: &str) -> Result<Language, WebError> {
    Language::from_code(code).ok_or_else(|| WebError::bad("web-error-unknown-language"))
}

#[derive(serde::Deserialize)]
pub struct SaveForm {
    language: String,
    name: String,
    body: String,
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    Form(form): Form<SaveForm>,
) -> Result<Response, WebError> {
    let name = form.name.trim();
    let body = form.body.trim();
    if name.is_empty() || body.is_empty() {
        return Err(WebError::bad("web-error-template-incomplete"));
    }
    let template = ReplyTemplate {
        language: language(&form.language)?,
        name: name.into(),
        body: body.into(),
    };
    let subject = format!("{}/{}", template.language.code(), template.name);
    let ws = state.desk.ws();
    state
        .desk
        .store
        .write(async |tx| {
            tx.save_template(ws, &template, chrono::Utc::now()).await?;
            audit(
                tx,
                ws,
                &signed,
                "template.save",
                &subject,
                template.body.clone(),
            )
            .await
        })
        .await?;
    Ok(Redirect::to("/admin/templates").into_response())
}

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    language: String,
    name: String,
}

pub async fn remove(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    Form(form): Form<RemoveForm>,
) -> Result<Response, WebError> {
    let language = language(&form.language)?;
    let subject = format!("{}/{}", language.code(), form.name);
    let ws = state.desk.ws();
    state
        .desk
        .store
        .write(async |tx| {
            if !tx.remove_template(ws, language, &form.name).await? {
                return Err(WebError::NotFound);
            }
            let removed = "removed".to_string();
            audit(tx, ws, &signed, "template.remove", &subject, removed).await
        })
        .await?;
    Ok(Redirect::to("/admin/templates").into_response())
}
