//! A client's data on request, for admins: the export (a zip of everything the desk holds
//! about them) and the erasure (behind a confirmation page), both the relay's, shared with the
//! API; and the desk's retention period (docs/privacy.md).

use crate::admin::{admin_nav, audit};
use crate::auth::{AdminUser, RequireRole};
use crate::console_input;
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use ticketgram_domain::{Actor, Client, ClientId};
use ticketgram_relay::actions::{erase, export};

async fn client(state: &WebState, id: i64) -> Result<Client, WebError> {
    let desk = &state.desk;
    match desk.store.get_client(desk.ws(), ClientId(id)).await {
        Err(ticketgram_store::StoreError::NotFound) => Err(WebError::NotFound),
        other => Ok(other?),
    }
}

pub async fn export(
    State(state): State<WebState>,
    RequireRole(_signed, _): AdminUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let client = client(&state, id).await?;
    let bytes = export::export(&state.desk, &state.telegram, &client, chrono::Utc::now())
        .await
        .map_err(|e| match e {
            export::ExportError::Relay(e) => e.into(),
            other => WebError::Internal(other.to_string()),
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"client-{}-export.zip\"", client.id.0),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// What an erasure does, and the form that does it; or when it was done.
pub async fn erase_page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let client = client(&state, id).await?;
    let desk = &state.desk;
    let tickets = desk
        .store
        .recent_tickets_of_client(desk.ws(), client.id, i64::MAX)
        .await?;
    let title = words.t("web-erase-title");
    let count = words.with(
        "web-erase-tickets",
        &[("count", (tickets.len() as i64).into())],
    );
    let body = html! {
        h1 { (title) }
        @if let Some(at) = client.erased_at {
            p #erased { (words.with("web-client-erased", &[("at", words.when(at).into())])) }
        } @else {
            div.box {
                p { strong { (client.display_name()) } }
                p { (count) }
                p { (words.t("web-erase-explain")) }
                form method="post" action={ "/clients/" (client.id.0) "/erase" } {
                    (csrf(&signed))
                    label { input type="checkbox" name="confirm" value="yes" required; " " (words.t("web-erase-confirm")) }
                    button #erase { (words.t("web-erase-button")) }
                }
            }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(serde::Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

pub async fn erase(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Path(id): Path<i64>,
    Form(form): Form<EraseForm>,
) -> Result<Response, WebError> {
    if form.confirm != "yes" {
        return Err(WebError::bad("web-erase-not-confirmed"));
    }
    let client = client(&state, id).await?;
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(erase::erase(desk, fx, &client, by).await?)
    })
    .await?;
    Ok(Redirect::to(&format!("/clients/{id}/erase")).into_response())
}

/// The retention period, and the form that changes it.
pub async fn settings(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let days = desk.store.retention_days(desk.ws()).await?;
    let now = match days {
        Some(days) => words.with(
            "web-privacy-retention-now",
            &[("days", i64::from(days).into())],
        ),
        None => words.t("web-privacy-retention-none"),
    };
    let title = words.t("web-admin-privacy");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        div.box {
            h2 { (words.t("web-privacy-retention")) }
            p #retention { (now) }
            p.muted { (words.t("web-privacy-retention-help")) }
            form method="post" action="/admin/privacy/retention" {
                (csrf(&signed))
                label { (words.t("web-privacy-retention-days")) " "
                    input type="number" name="days" min="1" max="36500" value=[days];
                }
                button { (words.t("web-privacy-save")) }
            }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(serde::Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    days: String,
}

/// The longest period the form accepts: a hundred years is "keep everything" by another name.
const MAX_DAYS: u32 = 36_500;

pub async fn set_retention(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    Form(form): Form<RetentionForm>,
) -> Result<Response, WebError> {
    let days = match form.days.trim() {
        "" => None,
        given => match given.parse::<u32>() {
            Ok(days) if (1..=MAX_DAYS).contains(&days) => Some(days),
            _ => return Err(WebError::bad("web-privacy-retention-invalid")),
        },
    };
    let desk = &state.desk;
    let ws = desk.ws();
    let value = days.map_or_else(|| "none".to_string(), |d| d.to_string());
    desk.store
        .write(async |tx| {
            tx.set_retention_days(ws, days, chrono::Utc::now()).await?;
            audit(tx, ws, &signed, "desk.retention_days", "desk", value).await
        })
        .await?;
    Ok(Redirect::to("/admin/privacy").into_response())
}
