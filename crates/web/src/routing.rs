//! Routing and presence (docs/routing.md), for admins: the desk's rules, one line per queue
//! (`payments = least_loaded, cap 3`; `default = round_robin`), and each agent's presence,
//! which an admin may set for them (an agent who forgot to say `/off`). Each change is one
//! console input (its form's nonce), through the same actions the manager bot uses.

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
use maud::html;
use std::collections::BTreeMap;
use ticketgram_domain::routing::{Presence, QueueRule, RoutingRules, Strategy};
use ticketgram_domain::sla::MAX_QUEUE_TARGET_MINUTES;
use ticketgram_domain::{Actor, Agent, AgentId};
use ticketgram_i18n::Arg;
use ticketgram_relay::actions::route;

const DEFAULT: &str = "default";

/// The rules as the text area shows them; a lead by their name (`lead Kate`).
fn rules_text(rules: &RoutingRules, agents: &[Agent]) -> String {
    let line = |name: &str, rule: &QueueRule| {
        let mut text = format!("{name} = {}", rule.strategy.as_str());
        if let Some(cap) = rule.cap {
            text.push_str(&format!(", cap {cap}"));
        }
        if rule.reassign {
            text.push_str(", reassign");
        }
        for lead in &rule.leads {
            if let Some(agent) = agents.iter().find(|a| a.id == *lead) {
                text.push_str(&format!(", lead {}", agent.name));
            }
        }
        for (word, target) in [
            ("first", rule.targets.first_response),
            ("next", rule.targets.next_reply),
            ("resolve", rule.targets.resolution),
        ] {
            if let Some(target) = target {
                text.push_str(&format!(", {word} {}", target.num_minutes()));
            }
        }
        text
    };
    std::iter::once(line(DEFAULT, &rules.default))
        .chain(rules.queues.iter().map(|(name, rule)| line(name, rule)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules a text area holds; the number of the first line that cannot be read (a lead
/// must be one of the desk's active agents, named as the team list names them).
fn parse_rules(text: &str, agents: &[Agent]) -> Result<RoutingRules, usize> {
    let mut rules = RoutingRules::default();
    let mut queues = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let number = i + 1;
        let (name, rule) = line.split_once('=').ok_or(number)?;
        let name = name.trim();
        let mut parts = rule.split(',').map(str::trim);
        let strategy = parts.next().and_then(Strategy::parse).ok_or(number)?;
        let mut rule = QueueRule {
            strategy,
            ..QueueRule::default()
        };
        for part in parts {
            if part == "reassign" && !rule.reassign {
                rule.reassign = true;
            } else if let Some(name) = part.strip_prefix("lead ") {
                let lead = agents
                    .iter()
                    .find(|a| a.active && a.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or(number)?;
                if rule.leads.contains(&lead.id) {
                    return Err(number);
                }
                rule.leads.push(lead.id);
            } else if let (Some(n), None) = (part.strip_prefix("cap"), rule.cap) {
                rule.cap = Some(n.trim().parse::<u32>().map_err(|_| number)?);
            } else if let Some((slot, minutes)) = queue_target(&mut rule, part) {
                // `first 15`, `next 30`, `resolve 240`: once each, in working minutes.
                let minutes = minutes
                    .parse::<i64>()
                    .ok()
                    .filter(|m| (1..=MAX_QUEUE_TARGET_MINUTES).contains(m))
                    .ok_or(number)?;
                if slot.replace(chrono::Duration::minutes(minutes)).is_some() {
                    return Err(number);
                }
            } else {
                return Err(number);
            }
        }
        if name.is_empty() || name.chars().count() > 64 {
            return Err(number);
        }
        if name.eq_ignore_ascii_case(DEFAULT) {
            rules.default = rule;
        } else {
            queues.insert(name.to_string(), rule);
        }
    }
    rules.queues = queues;
    Ok(rules)
}

/// The queue target a part of a line sets (`first 15`), and its minutes as written.
fn queue_target<'a>(
    rule: &'a mut QueueRule,
    part: &'a str,
) -> Option<(&'a mut Option<chrono::Duration>, &'a str)> {
    let (word, minutes) = part.split_once(' ')?;
    let slot = match word {
        "first" => &mut rule.targets.first_response,
        "next" => &mut rule.targets.next_reply,
        "resolve" => &mut rule.targets.resolution,
        _ => return None,
    };
    Some((slot, minutes.trim()))
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let rules = desk.profile.routing.clone().unwrap_or_default();
    let agents = desk.store.list_agents(desk.ws()).await?;
    render(&state, &words, &signed, &rules_text(&rules, &agents), None).await
}

async fn render(
    state: &WebState,
    words: &Words,
    signed: &Signed,
    typed: &str,
    problem: Option<String>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let agents = desk.store.list_agents(desk.ws()).await?;
    let presences = desk.store.agent_presences(desk.ws()).await?;
    let loads = desk.store.open_loads(desk.ws()).await?;
    let title = words.t("web-routing-title");
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = html! {
        h1 { (title) }
        (admin_nav(words))
        p.muted { (words.t("web-routing-intro")) }
        @if let Some(problem) = problem {
            p.box.error #routing-problem { (problem) }
        }
        form.box #routing-rules method="post" action="/admin/routing" {
            (csrf(signed))
            label { (words.t("web-routing-rules")) }
            textarea.code name="rules" rows="6" spellcheck="false"
                 placeholder="default = round_robin\npayments = least_loaded, cap 5, reassign, lead Kate, first 15" { (typed) }
            button { (words.t("web-routing-save")) }
        }
        table #presence {
            thead { tr {
                th { (words.t("web-agents-name")) }
                th { (words.t("web-routing-presence")) }
                th { (words.t("web-routing-open")) }
                th {}
                th { (words.t("web-routing-hours")) }
            } }
            tbody { @for agent in agents.iter().filter(|a| a.active) {
                @let presence = presences.get(&agent.id).map(|p| p.presence).unwrap_or_default();
                tr {
                    td { (agent.name) }
                    td { (words.t(&format!("web-routing-presence-{}", presence.as_str()))) }
                    td { (loads.get(&agent.id).copied().unwrap_or(0)) }
                    td {
                        form method="post" action="/admin/routing/presence" {
                            (csrf(signed))
                            input type="hidden" name="agent" value=(agent.id.0);
                            select name="presence" {
                                @for p in [Presence::OnDuty, Presence::Away, Presence::Off] {
                                    option value=(p.as_str()) selected[p == presence] {
                                        (words.t(&format!("web-routing-presence-{}", p.as_str())))
                                    }
                                }
                            }
                            button { (words.t("web-routing-set")) }
                        }
                    }
                    td {
                        form method="post" action="/admin/routing/hours" {
                            (csrf(signed))
                            input type="hidden" name="agent" value=(agent.id.0);
                            input name="hours" value=(agent.schedule.as_deref().unwrap_or(""))
                                placeholder=(words.t("web-routing-hours-desk"));
                            button { (words.t("web-routing-set")) }
                        }
                    }
                }
            } }
        }
    };
    Ok((status, layout::page(words, &title, Some(signed), body)).into_response())
}

#[derive(serde::Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    rules: String,
}

pub async fn save(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
    nonce: FormNonce,
    Form(form): Form<RulesForm>,
) -> Result<Response, WebError> {
    let agents = state.desk.store.list_agents(state.desk.ws()).await?;
    let rules = match parse_rules(&form.rules, &agents) {
        Ok(rules) => rules,
        Err(line) => {
            let problem = words.with("web-routing-bad-line", &[("line", Arg::from(line as i64))]);
            return render(&state, &words, &signed, &form.rules, Some(problem)).await;
        }
    };
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(route::save_rules(fx.tx, desk.ws(), &rules, by, fx.now).await?)
    })
    .await?;
    Ok(Redirect::to("/admin/routing").into_response())
}

#[derive(serde::Deserialize)]
pub struct PresenceForm {
    agent: i64,
    presence: String,
}

pub async fn presence(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Form(form): Form<PresenceForm>,
) -> Result<Response, WebError> {
    let presence =
        Presence::parse(&form.presence).ok_or_else(|| WebError::bad("web-routing-bad-presence"))?;
    let desk = &state.desk;
    let agent = desk.store.get_agent(desk.ws(), AgentId(form.agent)).await?;
    let by = Actor::Agent(signed.agent.id);
    console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(route::set_presence(desk, fx, &agent, presence, by).await?)
    })
    .await?;
    Ok(Redirect::to("/admin/routing").into_response())
}

#[derive(serde::Deserialize)]
pub struct HoursForm {
    agent: i64,
    #[serde(default)]
    hours: String,
}

/// An agent's own working hours (empty: the desk's), through the same action as the manager
/// bot's `/myhours`.
pub async fn hours(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    nonce: FormNonce,
    Form(form): Form<HoursForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let agent = desk.store.get_agent(desk.ws(), AgentId(form.agent)).await?;
    let by = Actor::Agent(signed.agent.id);
    let hours = Some(form.hours.as_str()).filter(|h| !h.trim().is_empty());
    let outcome = console_input::apply(&state, &signed, nonce, async |desk, fx| {
        Ok(route::set_hours(desk, fx, &agent, hours, by).await?)
    })
    .await?;
    match outcome {
        Some(Err(_)) => Err(WebError::bad("web-routing-bad-hours")),
        _ => Ok(Redirect::to("/admin/routing").into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team() -> Vec<Agent> {
        let agent = |id: i64, name: &str, active: bool| Agent {
            id: AgentId(id),
            workspace: ticketgram_domain::WorkspaceId(1),
            telegram_user_id: 100 + id,
            name: name.into(),
            role: ticketgram_domain::AgentRole::Agent,
            alias: None,
            languages: Vec::new(),
            skills: Vec::new(),
            schedule: None,
            active,
        };
        vec![agent(1, "Kate", true), agent(2, "Max", false)]
    }

    #[test]
    fn rules_read_back_as_written() {
        let team = team();
        let parse = |text: &str| parse_rules(text, &team);
        let text = "default = round_robin\npayments = least_loaded, cap 3, reassign, lead Kate";
        let rules = parse(text).unwrap();
        assert_eq!(rules.rule_for(Some("payments")).cap, Some(3));
        assert!(rules.rule_for(Some("payments")).reassign);
        assert_eq!(rules.rule_for(Some("payments")).leads, vec![AgentId(1)]);
        assert!(!rules.default.reassign);
        assert_eq!(rules_text(&rules, &team), text);
        assert_eq!(parse("default = sometimes"), Err(1));
        assert_eq!(parse("\npayments = least_loaded, capp 3"), Err(2));
        assert_eq!(parse("a = manual, reassign, reassign"), Err(1));
        assert_eq!(parse("a = manual, lead Nobody"), Err(1));
        assert_eq!(parse("a = manual, lead Max"), Err(1), "Max left the team");
        assert_eq!(parse("a = manual, lead kate, lead Kate"), Err(1));
        assert_eq!(parse(""), Ok(RoutingRules::default()));
    }
}
