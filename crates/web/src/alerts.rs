//! Proactive alerts' settings, for admins (docs/proactive-alerts.md): how many alerts a client
//! gets a day at most, from which risk an event opens a ticket, and the desk's own event types
//! (or its own texts for the built-in ones), one line each: `type = text` for every language,
//! `type.de = text` for one. A save is one console input, audited as `alerts.save`.

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
use ticketgram_domain::proactive::{is_type_name, CustomType, ProactiveSettings, BUILT_IN};
use ticketgram_domain::{Actor, Language};
use ticketgram_relay::proactive;

/// The desk's own types as the form shows them: one line per type and language.
fn lines(settings: &ProactiveSettings) -> String {
    let mut out = Vec::new();
    for custom in &settings.custom {
        for (lang, text) in &custom.templates {
            out.push(format!("{}.{} = {}", custom.name, lang.code(), text));
        }
    }
    out.join("\n")
}

/// The lines read back; `Err(n)`: line `n` (from 1) cannot be read.
fn parse_lines(text: &str, default: Language) -> Result<Vec<CustomType>, usize> {
    let mut custom: Vec<CustomType> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, template) = line.split_once('=').ok_or(i + 1)?;
        let (name, lang) = match key.trim().split_once('.') {
            Some((name, code)) => (name, Language::from_code(code).ok_or(i + 1)?),
            None => (key.trim(), default),
        };
        let template = template.trim();
        if !is_type_name(name) || template.is_empty() {
            return Err(i + 1);
        }
        match custom.iter_mut().find(|c| c.name == name) {
            Some(c) => {
                c.templates.retain(|(l, _)| *l != lang);
                c.templates.push((lang, template.to_string()));
            }
            None => custom.push(CustomType {
                name: name.to_string(),
                templates: vec![(lang, template.to_string())],
            }),
        }
    }
    Ok(custom)
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let s = proactive::settings(&desk);
    let title = words.t("web-admin-alerts");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        p.muted { (words.t("web-alerts-intro")) }
        h2 { (words.t("web-alerts-built-in")) }
        table #built-in-types {
            @for (name, fields) in BUILT_IN {
                tr { td { code { (name) } } td { (fields.join(", ")) } }
            }
        }
        form.box #alert-settings method="post" action="/admin/alerts" {
            (csrf(&signed))
            label { (words.t("web-alerts-per-day")) " "
                input type="number" name="per_client_per_day" min="0" max=(ProactiveSettings::MAX_PER_DAY)
                    value=(s.per_client_per_day); }
            label { (words.t("web-alerts-ticket-from")) " "
                input type="number" name="ticket_from_risk" min="0" max="100"
                    value=(s.ticket_from_risk.map(|r| r.to_string()).unwrap_or_default()); }
            label { (words.t("web-alerts-custom"))
                textarea name="custom" rows="8" { (lines(&s)) } }
            button { (words.t("web-alerts-save")) }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

#[derive(serde::Deserialize)]
pub struct AlertsForm {
    #[serde(default)]
    per_client_per_day: String,
    #[serde(default)]
    ticket_from_risk: String,
    #[serde(default)]
    custom: String,
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Form(form): Form<AlertsForm>,
) -> Result<Response, WebError> {
    let per_day: u32 = form
        .per_client_per_day
        .trim()
        .parse()
        .ok()
        .filter(|n| *n <= ProactiveSettings::MAX_PER_DAY)
        .ok_or(WebError::bad("web-alerts-bad-per-day"))?;
    let ticket_from_risk = match form.ticket_from_risk.trim() {
        "" => None,
        raw => Some(
            raw.parse::<u8>()
                .ok()
                .filter(|r| *r <= 100)
                .ok_or(WebError::bad("web-alerts-bad-risk"))?,
        ),
    };
    let default = state.desk.config.agent_language;
    let custom =
        parse_lines(&form.custom, default).map_err(|_| WebError::bad("web-alerts-bad-line"))?;
    let settings = ProactiveSettings {
        per_client_per_day: per_day,
        ticket_from_risk,
        custom,
    };
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(proactive::save_settings(fx.tx, desk.ws(), Some(&settings), by, fx.now).await?)
    })
    .await?;
    Ok(Redirect::to("/admin/alerts").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_types_are_read_one_line_per_language() {
        let text = "kyc_expiring = Your ID check expires on {date}.\n\
                    kyc_expiring.de = Ihre Prüfung läuft am {date} ab.\n\n# a comment\n";
        let custom = parse_lines(text, Language::En).unwrap();
        assert_eq!(custom.len(), 1);
        assert_eq!(custom[0].templates.len(), 2);
        assert_eq!(parse_lines("KYC = x", Language::En), Err(1));
        assert_eq!(
            parse_lines("ok = fine\nno equals sign", Language::En),
            Err(2)
        );
        assert_eq!(parse_lines("a.xx = bad language", Language::En), Err(1));
        let round = ProactiveSettings {
            custom,
            ..Default::default()
        };
        assert_eq!(
            parse_lines(&lines(&round), Language::En).unwrap(),
            round.custom
        );
    }
}
