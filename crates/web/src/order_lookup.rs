//! The desk's order lookup on its platform (docs/platform.md), for admins: the URL template,
//! the secret, the timeout, the answer's fields, the status template and the order pattern.
//!
//! The secret is write-only: the page says whether one is set, never what it is, and a save
//! with the field left blank keeps the stored one. A save is checked first
//! (`LookupConfig::validate`); a refused one shows the problem and keeps what was typed, the
//! secret excepted. "Test" asks the platform about an order with what the form holds, saving
//! nothing. Each save or removal is one transaction with its audit row.

use crate::admin::admin_nav;
use crate::auth::{AdminUser, RequireRole, Signed};
use crate::console_input;
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::words::Words;
use crate::WebState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use ticketgram_domain::Actor;
use ticketgram_i18n::Arg;
use ticketgram_platform::{FieldMapping, LookupOutcome, DEFAULT_TIMEOUT_MS};
use ticketgram_relay::order_lookup::{self, LookupChange, LookupError, LookupSettings, SavedBy};

/// The form as typed. Fields are one per line: `name = /json/pointer`.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    url_template: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    timeout_ms: String,
    #[serde(default)]
    fields: String,
    #[serde(default)]
    status_template: String,
    #[serde(default)]
    order_pattern: String,
    /// For "test": the order number to ask about.
    #[serde(default)]
    order: String,
    /// `save`, `test` or `remove`.
    #[serde(default)]
    intent: String,
}

impl LookupForm {
    fn of(settings: &LookupSettings) -> LookupForm {
        LookupForm {
            url_template: settings.url_template.clone(),
            timeout_ms: settings.timeout_ms.to_string(),
            fields: settings
                .fields
                .iter()
                .map(|f| format!("{} = {}", f.name, f.pointer))
                .collect::<Vec<_>>()
                .join("\n"),
            status_template: settings.status_template.clone(),
            order_pattern: settings.order_pattern.clone().unwrap_or_default(),
            ..LookupForm::default()
        }
    }

    fn change(&self) -> LookupChange {
        let fields = self
            .fields
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                let (name, pointer) = line.split_once('=').unwrap_or((line, ""));
                FieldMapping {
                    name: name.trim().to_string(),
                    pointer: pointer.trim().to_string(),
                }
            })
            .collect();
        LookupChange {
            settings: LookupSettings {
                url_template: self.url_template.trim().to_string(),
                // Not a number: 0, which the lookup's check refuses with its own words.
                timeout_ms: match self.timeout_ms.trim() {
                    "" => DEFAULT_TIMEOUT_MS,
                    typed => typed.parse().unwrap_or(0),
                },
                fields,
                status_template: self.status_template.trim().to_string(),
                order_pattern: Some(self.order_pattern.trim().to_string())
                    .filter(|p| !p.is_empty()),
            },
            secret: Some(self.secret.clone()).filter(|s| !s.trim().is_empty()),
        }
    }
}

/// What the page says under its heading after an action.
enum Said {
    Nothing,
    Problem(String),
    Tested(LookupOutcome),
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let shown = order_lookup::shown(&state.desk.store, state.desk.ws())
        .await
        .map_err(web_error)?;
    let form = shown
        .as_ref()
        .map(|s| LookupForm::of(&s.settings))
        .unwrap_or_else(|| LookupForm {
            timeout_ms: DEFAULT_TIMEOUT_MS.to_string(),
            ..LookupForm::default()
        });
    let set = shown.is_some();
    Ok(render(
        &words,
        &signed,
        &form,
        set,
        Said::Nothing,
        StatusCode::OK,
    ))
}

pub async fn act(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    nonce: FormNonce,
    Form(form): Form<LookupForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let ws = desk.ws();
    let key = desk.token_key.clone();
    let by = SavedBy {
        actor: Actor::Agent(signed.agent.id),
        via: "console",
    };
    let set = desk.store.order_lookup(ws).await?.is_some();
    let refused = |problem: String| {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(render(
            &words,
            &signed,
            &form,
            set,
            Said::Problem(problem),
            status,
        ))
    };
    match form.intent.as_str() {
        "save" => {
            let change = form.change();
            // One console input, named by the form's nonce: a form posted twice saves once.
            let saved =
                console_input::apply(
                    &state,
                    &signed,
                    nonce,
                    async |_, fx| match order_lookup::save(
                        fx.tx,
                        key.as_ref(),
                        ws,
                        &change,
                        by,
                        fx.now,
                    )
                    .await
                    {
                        Ok(_) => Ok(Ok(())),
                        Err(LookupError::Store(e)) => Err(e.into()),
                        Err(problem) => Ok(Err(problem)),
                    },
                )
                .await;
            match saved? {
                Some(Err(problem)) => refused(problem_text(&words, &problem)),
                Some(Ok(())) | None => Ok(Redirect::to("/admin/lookup").into_response()),
            }
        }
        "test" => {
            let proposed =
                order_lookup::proposed(&desk.store, key.as_ref(), ws, &form.change()).await;
            match proposed {
                Ok(config) => {
                    let outcome =
                        order_lookup::ask(&desk.config.outbound, &config, &form.order).await;
                    let said = Said::Tested(outcome);
                    Ok(render(&words, &signed, &form, set, said, StatusCode::OK))
                }
                Err(LookupError::Store(e)) => Err(e.into()),
                Err(problem) => refused(problem_text(&words, &problem)),
            }
        }
        "remove" => {
            let removed = console_input::apply(&state, &signed, nonce, async |_, fx| {
                order_lookup::remove(fx.tx, ws, by, fx.now)
                    .await
                    .map_err(web_error)
            })
            .await;
            removed?;
            Ok(Redirect::to("/admin/lookup").into_response())
        }
        _ => Err(WebError::bad("web-lookup-error-intent")),
    }
}

fn web_error(error: LookupError) -> WebError {
    match error {
        LookupError::Store(e) => e.into(),
        other => WebError::Internal(other.to_string()),
    }
}

/// The problem in the admin's language: the lookup's own checks name the exact field and rule.
fn problem_text(words: &Words, problem: &LookupError) -> String {
    match problem {
        LookupError::SecretRequired => words.t("web-lookup-secret-required"),
        LookupError::NoKey => words.t("web-lookup-no-key"),
        LookupError::Invalid(invalid) => {
            let (key, args) = invalid.message();
            let args: Vec<(&str, ticketgram_i18n::Arg)> =
                args.into_iter().map(|(k, v)| (k, v.into())).collect();
            words.with(key, &args)
        }
        other => other.to_string(),
    }
}

fn render(
    words: &Words,
    signed: &Signed,
    form: &LookupForm,
    set: bool,
    said: Said,
    status: StatusCode,
) -> Response {
    let title = words.t("web-lookup-title");
    let body = html! {
        h1 { (title) }
        (admin_nav(words))
        p.muted { (words.t("web-lookup-intro")) }
        (said_box(words, said))
        (editor(words, signed, form, set))
        @if set {
            form.box #lookup-remove method="post" action="/admin/lookup" {
                (csrf(signed))
                button name="intent" value="remove" { (words.t("web-lookup-remove")) }
            }
        }
    };
    (status, layout::page(words, &title, Some(signed), body)).into_response()
}

fn said_box(words: &Words, said: Said) -> Markup {
    match said {
        Said::Nothing => html! {},
        Said::Problem(problem) => html! {
            p.box.error #lookup-problem {
                (words.with("web-lookup-invalid", &[("problem", Arg::from(problem))]))
            }
        },
        Said::Tested(outcome) => {
            let text = match outcome {
                LookupOutcome::Found { text, .. } => {
                    words.with("web-lookup-test-found", &[("text", Arg::from(text))])
                }
                LookupOutcome::NotFound => words.t("web-lookup-test-not-found"),
                LookupOutcome::Invalid => words.t("web-lookup-test-invalid"),
                LookupOutcome::Unavailable(reason) => words.with(
                    "web-lookup-test-unavailable",
                    &[("reason", Arg::from(reason.to_string()))],
                ),
            };
            html! { p.box #lookup-tested { (text) } }
        }
    }
}

fn editor(words: &Words, signed: &Signed, form: &LookupForm, set: bool) -> Markup {
    let secret_state = if set {
        words.t("web-lookup-secret-set")
    } else {
        words.t("web-lookup-secret-not-set")
    };
    html! {
        form.box #lookup-form method="post" action="/admin/lookup" {
            (csrf(signed))
            label { (words.t("web-lookup-url")) " "
                input name="url_template" size="60" value=(form.url_template)
                    placeholder="https://api.market.example/v2/orders/{order}"; }
            // Write-only: never rendered back, not even after a refused save.
            label { (words.t("web-lookup-secret")) " "
                input type="password" name="secret" autocomplete="new-password" value=""; }
            span.muted #lookup-secret-state { (secret_state) }
            label { (words.t("web-lookup-timeout")) " "
                input name="timeout_ms" size="6" value=(form.timeout_ms); }
            label { (words.t("web-lookup-fields")) }
            textarea.code name="fields" rows="4" spellcheck="false"
                placeholder="status = /order/status" { (form.fields) }
            label { (words.t("web-lookup-template")) " "
                input name="status_template" size="60" value=(form.status_template)
                    placeholder="Order {order}: {status}"; }
            label { (words.t("web-lookup-pattern")) " "
                input name="order_pattern" size="30" value=(form.order_pattern); }
            button name="intent" value="save" { (words.t("web-lookup-save")) }
            " · "
            label { (words.t("web-lookup-test-order")) " "
                input name="order" size="12" value=(form.order); }
            button name="intent" value="test" { (words.t("web-lookup-test")) }
        }
    }
}
