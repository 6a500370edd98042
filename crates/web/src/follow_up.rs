//! The desk's follow-up after closing (docs/follow-up.md), for admins: whether the client is
//! asked how easy it was, how long after closing, and whether "Is it really solved?" follows.
//! A save is one console input (its form's nonce), audited as `follow_up.save`.

use crate::admin::admin_nav;
use crate::auth::{AdminUser, RequireRole};
use crate::console_input;
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use ticketgram_domain::follow_up::FollowUp;
use ticketgram_domain::Actor;
use ticketgram_i18n::Arg;
use ticketgram_relay::actions::follow_up;

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let current = desk.profile.follow_up;
    let now = match current {
        Some(f) => words.with(
            "web-follow-up-now",
            &[("minutes", Arg::from(i64::from(f.after_minutes)))],
        ),
        None => words.t("web-follow-up-off"),
    };
    let title = words.t("web-admin-follow-up");
    let minutes = current.map_or(1440, |f| f.after_minutes);
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        p.muted { (words.t("web-follow-up-intro")) }
        p #follow-up-now { (now) }
        form.box #follow-up method="post" action="/admin/follow-up" {
            (csrf(&signed))
            label { input type="checkbox" name="enabled" value="on" checked[current.is_some()];
                " " (words.t("web-follow-up-enabled")) }
            label { (words.t("web-follow-up-minutes")) " "
                input type="number" name="after_minutes" min="0" max=(FollowUp::MAX_MINUTES)
                    value=(minutes); }
            label { input type="checkbox" name="ask_solved" value="on"
                    checked[current.is_none_or(|f| f.ask_solved)];
                " " (words.t("web-follow-up-ask-solved")) }
            button { (words.t("web-follow-up-save")) }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(serde::Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    enabled: Option<String>,
    #[serde(default)]
    after_minutes: String,
    #[serde(default)]
    ask_solved: Option<String>,
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Form(form): Form<FollowUpForm>,
) -> Result<Response, WebError> {
    let setting = match form.enabled {
        None => None,
        Some(_) => {
            let minutes: u32 = form
                .after_minutes
                .trim()
                .parse()
                .map_err(|_| WebError::bad("web-follow-up-bad-minutes"))?;
            Some(
                FollowUp::new(minutes, form.ask_solved.is_some())
                    .ok_or_else(|| WebError::bad("web-follow-up-bad-minutes"))?,
            )
        }
    };
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(follow_up::save(fx.tx, desk.ws(), setting, by, fx.now).await?)
    })
    .await?;
    Ok(Redirect::to("/admin/follow-up").into_response())
}
