//! The complaint register's settings, for admins (docs/complaints.md): the categories,
//! whether new requests are recognised and acknowledged on their own and the time promised,
//! the currency and each role's approval limit, and which client attributes mean a valuable
//! or reputable client. A save is one console input, audited as `complaints.save`.

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
use ticketgram_domain::complaint::{
    ApprovalLimits, ComplaintCategory, ComplaintSettings, Money, SettingsError,
};
use ticketgram_domain::Actor;
use ticketgram_relay::actions::complaint;

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let s = complaint::settings(&desk);
    let title = words.t("web-admin-complaints");
    let categories: Vec<&str> = s.categories.iter().map(ComplaintCategory::as_str).collect();
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        p.muted { (words.t("web-complaints-settings-intro")) }
        form.box #complaint-settings method="post" action="/admin/complaints" {
            (csrf(&signed))
            label { input type="checkbox" name="recognise" value="on" checked[s.recognise];
                " " (words.t("web-complaints-settings-recognise")) }
            label { input type="checkbox" name="acknowledge" value="on" checked[s.acknowledge];
                " " (words.t("web-complaints-settings-acknowledge")) }
            label { (words.t("web-complaints-settings-promise")) " "
                input type="number" name="promise_hours" min="1" max=(ComplaintSettings::MAX_PROMISE_HOURS)
                    value=(s.promise_hours); }
            label { (words.t("web-complaints-settings-categories"))
                textarea name="categories" rows="6" { (categories.join("\n")) } }
            label { (words.t("web-complaints-settings-currency")) " "
                input name="currency" maxlength="3" value=(s.currency); }
            label { (words.t("web-complaints-settings-agent-limit")) " "
                input name="agent_limit" inputmode="decimal" value=(s.limits.agent); }
            label { (words.t("web-complaints-settings-admin-limit")) " "
                input name="admin_limit" inputmode="decimal"
                    value=(s.limits.admin.map(|m| m.to_string()).unwrap_or_default()); }
            label { (words.t("web-complaints-settings-value")) " "
                input name="value_attribute" value=(s.value_attribute.as_deref().unwrap_or(""));
                input name="high_value_from" inputmode="decimal" value=(number(s.high_value_from)); }
            label { (words.t("web-complaints-settings-reputation")) " "
                input name="reputation_attribute" value=(s.reputation_attribute.as_deref().unwrap_or(""));
                input name="high_reputation_from" inputmode="decimal" value=(number(s.high_reputation_from)); }
            button { (words.t("web-complaints-settings-save")) }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(serde::Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    recognise: String,
    #[serde(default)]
    acknowledge: String,
    #[serde(default)]
    promise_hours: String,
    #[serde(default)]
    categories: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    agent_limit: String,
    #[serde(default)]
    admin_limit: String,
    #[serde(default)]
    value_attribute: String,
    #[serde(default)]
    high_value_from: String,
    #[serde(default)]
    reputation_attribute: String,
    #[serde(default)]
    high_reputation_from: String,
}

impl SettingsForm {
    fn settings(&self) -> Result<ComplaintSettings, &'static str> {
        let categories = self
            .categories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| ComplaintCategory::parse(l).ok_or("web-complaints-settings-bad-category"))
            .collect::<Result<Vec<_>, _>>()?;
        let money = |raw: &str| Money::parse(raw).map_err(|_| "web-complaints-settings-bad-limit");
        let admin = match self.admin_limit.trim() {
            "" => None,
            raw => Some(money(raw)?),
        };
        let text = |raw: &str| Some(raw.trim().to_string()).filter(|t| !t.is_empty());
        let threshold = |raw: &str| match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or("web-complaints-settings-bad-threshold"),
        };
        Ok(ComplaintSettings {
            categories,
            recognise: self.recognise == "on",
            acknowledge: self.acknowledge == "on",
            promise_hours: self
                .promise_hours
                .trim()
                .parse()
                .map_err(|_| "web-complaints-settings-bad-promise")?,
            currency: self.currency.trim().to_ascii_uppercase(),
            limits: ApprovalLimits {
                agent: money(&self.agent_limit)?,
                admin,
            },
            value_attribute: text(&self.value_attribute),
            high_value_from: threshold(&self.high_value_from)?,
            reputation_attribute: text(&self.reputation_attribute),
            high_reputation_from: threshold(&self.high_reputation_from)?,
        })
    }
}

fn problem_key(problem: &SettingsError) -> &'static str {
    match problem {
        SettingsError::Categories { .. } => "web-complaints-settings-bad-categories",
        SettingsError::DuplicateCategory(_) => "web-complaints-settings-duplicate-category",
        SettingsError::PromiseHours { .. } => "web-complaints-settings-bad-promise",
        SettingsError::Currency => "web-complaints-settings-bad-currency",
        SettingsError::Limits => "web-complaints-settings-bad-limits",
    }
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let settings = form.settings().map_err(WebError::bad)?;
    if let Err(problem) = settings.validate() {
        return Err(WebError::bad(problem_key(&problem)));
    }
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(complaint::save_settings(fx.tx, desk.ws(), Some(&settings), by, fx.now).await?)
    })
    .await?;
    Ok(Redirect::to("/admin/complaints").into_response())
}
