//! The desk switcher: a person who is an agent of several desks moves the console from one
//! to another without signing in again. The session of the current desk ends and one of the
//! chosen desk begins, in one transaction, with a new CSRF token: a form still open for the
//! old desk is refused when posted, never applied to the new one (ticket numbers repeat
//! across desks, so "#1000" of one desk must not become "#1000" of the other).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::auth::{cookie, AgentUser, RequireRole};
use crate::{WebError, WebState};

#[derive(Deserialize)]
pub struct SwitchForm {
    /// The chosen desk's slug.
    desk: String,
}

pub async fn switch(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    Form(form): Form<SwitchForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let store = &desk.store;
    let Some(target) = store.find_workspace_by_slug(&form.desk).await? else {
        return Err(WebError::NotFound);
    };
    if target.id == desk.ws() {
        return Ok(Redirect::to("/inbox").into_response());
    }
    // Only a desk where the same Telegram user is an active agent: the agent row of that
    // desk, not this one's, decides the role there.
    let agent = store
        .find_agent_by_telegram_id(target.id, signed.agent.telegram_user_id)
        .await?
        .filter(|a| a.active)
        .ok_or(WebError::NotFound)?;
    let ttl = state.settings.session_ttl;
    let now = chrono::Utc::now();
    let session = store
        .write(async |tx| {
            tx.revoke_web_session(desk.ws(), signed.token(), now)
                .await?;
            tx.create_web_session(target.id, agent.id, ttl, now).await
        })
        .await?;
    tracing::info!(
        agent = signed.agent.telegram_user_id,
        to = %target.slug,
        "console switched desks"
    );
    let mut response = Redirect::to("/inbox").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&state, &session.token, ttl.as_secs()),
    );
    Ok(response)
}
