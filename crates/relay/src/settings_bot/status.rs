//! `/status`: what is configured, and exactly what is still missing before the desk can go
//! live, each with why it matters.

use super::chats::missing_rights_line;
use super::reply::Reply;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::AgentRole;
use ticketgram_i18n::Arg;

/// One line of the status: configured (✅), missing and needed to go live (❌), or missing
/// but optional (➖).
struct Line {
    mark: &'static str,
    text: String,
}

impl Line {
    fn ok(text: String) -> Line {
        Line { mark: "✅", text }
    }
    fn missing(text: String) -> Line {
        Line { mark: "❌", text }
    }
    fn optional(text: String) -> Line {
        Line { mark: "➖", text }
    }
}

pub async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    let lines = lines(desk, reply).await?;
    let missing = lines.iter().filter(|l| l.mark == "❌").count();
    let mut text = vec![reply.text(desk, "settings-status-title", &[])];
    text.extend(lines.iter().map(|l| format!("{} {}", l.mark, l.text)));
    text.push(String::new());
    text.push(if missing == 0 {
        reply.text(desk, "settings-status-ready", &[])
    } else {
        reply.text(
            desk,
            "settings-status-not-ready",
            &[("count", (missing as i64).into())],
        )
    });
    reply.send(fx, text.join("\n"), None).await
}

async fn lines(desk: &Desk, reply: &Reply) -> Result<Vec<Line>, RelayError> {
    let t = |key: &str, args: &[(&str, Arg)]| reply.text(desk, key, args);
    let ws = desk.ws();
    let agents = desk.store.list_agents(ws).await?;
    let mut out = Vec::new();

    match agents
        .iter()
        .find(|a| a.active && a.role == AgentRole::Owner)
    {
        Some(owner) => out.push(Line::ok(t(
            "settings-status-owner",
            &[("name", owner.name.clone().into())],
        ))),
        None => out.push(Line::missing(t("settings-status-owner-missing", &[]))),
    }

    let bots = desk.config.bots;
    let stored = desk.store.bots_of_workspace(ws).await?;
    let username = |id: i64| {
        stored
            .iter()
            .find(|b| b.telegram_bot_id == id)
            .map(|b| b.username.clone())
    };
    for (role_key, id) in [
        ("settings-status-client-bot", bots.client),
        ("settings-status-manager-bot", bots.manager),
    ] {
        let line = if id == bots.settings {
            t(
                role_key,
                &[("bot", t("settings-status-this-bot", &[]).into())],
            )
        } else {
            let name = username(id).map_or_else(|| id.to_string(), |u| format!("@{u}"));
            t(role_key, &[("bot", name.into())])
        };
        out.push(Line::ok(line));
    }

    let chats = desk.config.chats;
    let asked = &desk.lookups;
    match chats.channel_id {
        None => out.push(Line::missing(t("settings-status-channel-missing", &[]))),
        Some(channel) => {
            let rights = asked.rights(bots.client, channel, true)?.ok();
            match rights {
                Some(r) if r.present && r.missing.is_empty() => {
                    out.push(Line::ok(t("settings-status-channel", &[])))
                }
                Some(r) => out.push(Line::missing(format!(
                    "{} {}",
                    t("settings-status-channel", &[]),
                    missing_rights_line(desk, reply, &r)
                ))),
                None => out.push(Line::missing(t("settings-status-channel-unreachable", &[]))),
            }
        }
    }
    match (chats.channel_id, chats.group_id) {
        (_, None) => out.push(Line::missing(t("settings-status-group-missing", &[]))),
        (channel, Some(group)) => {
            let rights = asked.rights(bots.client, group, false)?.ok();
            let linked = asked.linked_chat(bots.client, group)?.ok().flatten();
            match rights {
                _ if linked.is_some() && linked != channel => {
                    out.push(Line::missing(t("settings-status-group-not-linked", &[])))
                }
                Some(r) if r.present && r.missing.is_empty() => {
                    out.push(Line::ok(t("settings-status-group", &[])))
                }
                Some(r) => out.push(Line::missing(format!(
                    "{} {}",
                    t("settings-status-group", &[]),
                    missing_rights_line(desk, reply, &r)
                ))),
                None => out.push(Line::missing(t("settings-status-group-unreachable", &[]))),
            }
        }
    }

    let team = agents
        .iter()
        .filter(|a| a.active && a.role != AgentRole::Owner)
        .count();
    out.push(if team > 0 {
        Line::ok(t(
            "settings-status-agents",
            &[("count", (team as i64).into())],
        ))
    } else {
        Line::missing(t("settings-status-agents-missing", &[]))
    });

    let topics = desk.store.list_topics(ws, false).await?.len();
    out.push(if topics > 0 {
        Line::ok(t(
            "settings-status-topics",
            &[("count", (topics as i64).into())],
        ))
    } else {
        Line::optional(t("settings-status-topics-missing", &[]))
    });
    out.push(match &desk.profile.hours {
        Some(hours) => Line::ok(t(
            "settings-status-hours",
            &[("zone", hours.time_zone.name().to_string().into())],
        )),
        None => Line::optional(t("settings-status-hours-missing", &[])),
    });
    out.push(match desk.profile.sla {
        Some(_) => Line::ok(t("settings-status-sla", &[])),
        None => Line::optional(t("settings-status-sla-missing", &[])),
    });
    Ok(out)
}
