//! Admin pages: agents and roles, topics, working hours and SLA targets, bot and channel
//! status, the audit log. Admins see them; only the owner changes roles. Reply templates
//! have their own module, `templates`.

use crate::auth::{AdminUser, OwnerUser, RequireRole, Signed};
use crate::error::WebError;
use crate::layout::{self, csrf};
use crate::words::Words;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use ticketgram_domain::{AgentId, AgentRole, AuditEntry, Priority, WorkspaceId};
use ticketgram_store::Tx;

pub(crate) fn admin_nav(words: &Words) -> Markup {
    html! {
        nav.box {
            a href="/admin/agents" { (words.t("web-admin-agents")) } " · "
            a href="/admin/topics" { (words.t("web-admin-topics")) } " · "
            a href="/admin/hours" { (words.t("web-admin-hours")) } " · "
            a href="/admin/templates" { (words.t("web-admin-templates")) } " · "
            a href="/admin/flows" { (words.t("web-admin-flows")) } " · "
            a href="/admin/lookup" { (words.t("web-admin-lookup")) } " · "
            a href="/admin/translation" { (words.t("web-admin-translation")) } " · "
            a href="/admin/routing" { (words.t("web-admin-routing")) } " · "
            a href="/admin/follow-up" { (words.t("web-admin-follow-up")) } " · "
            a href="/admin/complaints" { (words.t("web-admin-complaints")) } " · "
            a href="/admin/alerts" { (words.t("web-admin-alerts")) } " · "
            a href="/admin/privacy" { (words.t("web-admin-privacy")) } " · "
            a href="/admin/audit" { (words.t("web-admin-audit")) }
        }
    }
}

/// Bot and channel status, with what is missing.
pub async fn overview(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let chats = &desk.config.chats;
    let bots = desk.store.bots_of_workspace(desk.ws()).await?;
    let mut missing = Vec::new();
    if chats.channel_id.is_none() {
        missing.push(words.t("web-admin-missing-channel"));
    }
    if chats.group_id.is_none() {
        missing.push(words.t("web-admin-missing-group"));
    }
    if state.settings.public_url.is_none() {
        missing.push(words.t("web-admin-missing-public-url"));
    }
    let pending = desk.store.pending_count(desk.ws()).await?;
    let dead = desk.store.dead_jobs(desk.ws()).await?.len();
    let chat =
        |id: Option<i64>| id.map_or_else(|| words.t("web-admin-chat-missing"), |c| c.to_string());
    let outbox = words.with(
        "web-admin-outbox",
        &[
            ("waiting", pending.into()),
            ("failed", (dead as i64).into()),
        ],
    );
    let title = words.t("web-nav-admin");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        div.box #status {
            h2 { (words.t("web-admin-bots-and-channel")) }
            p { (words.t("web-admin-client-bot")) " " (chats.bot_user_id) }
            p { (words.t("web-admin-channel")) " " (chat(chats.channel_id)) }
            p { (words.t("web-admin-group")) " " (chat(chats.group_id)) }
            @for shard in desk.config.more_chats.iter() {
                @let key = match shard.queue {
                    Some(_) => "web-admin-more-channel-queue",
                    None => "web-admin-more-channel",
                };
                p { (words.with(key, &[
                    ("channel", shard.channel_id.to_string().into()),
                    ("group", chat(shard.group_id).into()),
                    ("queue", shard.queue.clone().unwrap_or_default().into()),
                ])) }
            }
            @for bot in &bots { p { "@" (bot.username) " (" (bot.telegram_bot_id) ")" } }
            p { (outbox) }
            @if missing.is_empty() { p { (words.t("web-admin-nothing-missing")) } }
            @else { h3 { (words.t("web-admin-missing")) } ul { @for m in &missing { li.error { (m) } } } }
        }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

pub async fn agents(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let agents = desk.store.list_agents(desk.ws()).await?;
    let title = words.t("web-admin-agents");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        table #agents {
            thead { tr {
                th { (words.t("web-agents-name")) } th { (words.t("web-agents-alias")) }
                th { (words.t("web-sign-in-telegram-id")) } th { (words.t("web-agents-role")) }
                th { (words.t("web-status")) }
            } }
            tbody { @for a in &agents {
                tr {
                    td { (a.name) }
                    td { (a.alias.as_ref().map_or("—", |x| x.as_str())) }
                    td { (a.telegram_user_id) }
                    td { (role_cell(&words, &signed, a.id, a.role)) }
                    td {
                        (words.t(if a.active { "web-agents-active" } else { "web-agents-deactivated" }))
                        @if a.id != signed.agent.id && (a.role < AgentRole::Owner || signed.agent.role == AgentRole::Owner) {
                            form method="post" action={ "/admin/agents/" (a.id.0) "/active" } {
                                (csrf(&signed))
                                input type="hidden" name="active" value=(if a.active { "0" } else { "1" });
                                button { (words.t(if a.active { "web-agents-deactivate" } else { "web-agents-activate" })) }
                            }
                        }
                    }
                }
            } }
        }
        p.muted { (words.t("web-agents-how-to-add")) }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

fn role_cell(words: &Words, signed: &Signed, agent: AgentId, role: AgentRole) -> Markup {
    if signed.agent.role != AgentRole::Owner || agent == signed.agent.id {
        return html! { (words.role(role)) };
    }
    html! {
        form method="post" action={ "/admin/agents/" (agent.0) "/role" } {
            (csrf(signed))
            select name="role" aria-label=(words.t("web-agents-role")) {
                @for r in [AgentRole::Agent, AgentRole::Admin, AgentRole::Owner] {
                    option value=(r.as_str()) selected[r == role] { (words.role(r)) }
                }
            }
            button { (words.t("web-agents-set-role")) }
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ActiveForm {
    active: String,
}

pub async fn set_active(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    Path(id): Path<i64>,
    Form(form): Form<ActiveForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let target = desk.store.get_agent(desk.ws(), AgentId(id)).await?;
    if target.id == signed.agent.id {
        return Err(WebError::bad("web-error-deactivate-self"));
    }
    if target.role == AgentRole::Owner && signed.agent.role != AgentRole::Owner {
        return Err(WebError::Forbidden);
    }
    let active = form.active == "1";
    let now = chrono::Utc::now();
    let ws = desk.ws();
    desk.store
        .write(async |tx| {
            tx.set_agent_active(ws, target.id, active).await?;
            if !active {
                tx.revoke_agent_sessions(ws, target.id, now).await?;
            }
            audit(
                tx,
                ws,
                &signed,
                "agent.active",
                &target.name,
                active.to_string(),
            )
            .await
        })
        .await?;
    Ok(Redirect::to("/admin/agents").into_response())
}

#[derive(serde::Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(
    State(state): State<WebState>,
    RequireRole(signed, _): OwnerUser,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let target = desk.store.get_agent(desk.ws(), AgentId(id)).await?;
    let role: AgentRole = form
        .role
        .parse()
        .map_err(|_| WebError::bad("web-error-unknown-role"))?;
    if target.id == signed.agent.id {
        return Err(WebError::bad("web-error-own-role"));
    }
    // The role alone changes (the same store call as the settings bot's): the agent's
    // status and everything else stay as they were.
    let ws = desk.ws();
    desk.store
        .write(async |tx| {
            tx.set_agent_role(ws, target.id, role).await?;
            audit(
                tx,
                ws,
                &signed,
                "agent.role",
                &target.name,
                role.as_str().into(),
            )
            .await
        })
        .await?;
    Ok(Redirect::to("/admin/agents").into_response())
}

/// The audit row of a console change, in the change's own transaction.
pub(crate) async fn audit(
    tx: &Tx,
    ws: WorkspaceId,
    signed: &Signed,
    action: &str,
    subject: &str,
    value: String,
) -> Result<(), WebError> {
    tx.record_audit(&AuditEntry {
        workspace: ws,
        actor: ticketgram_domain::Actor::Agent(signed.agent.id),
        action: action.into(),
        subject: subject.into(),
        details: vec![("to".into(), value), ("via".into(), "console".into())],
        at: chrono::Utc::now(),
    })
    .await?;
    Ok(())
}

pub async fn topics(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let topics = desk.store.list_topics(desk.ws(), true).await?;
    let lang = words.language;
    let title = words.t("web-admin-topics");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        table { thead { tr {
                th { (words.t("web-topics-position")) } th { (words.t("web-agents-name")) }
                th { (words.t("web-priority")) } th { (words.t("web-status")) }
            } }
            tbody { @for t in &topics { tr {
                td { (t.position) } td { (t.name.in_language(lang)) } td { (words.priority(t.default_priority)) }
                td { (words.t(if t.active { "web-topics-active" } else { "web-topics-hidden" })) }
            } } } }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

fn minutes(words: &Words, d: Option<chrono::Duration>) -> String {
    d.map_or("—".into(), |d| {
        words.with("web-minutes", &[("minutes", d.num_minutes().into())])
    })
}

pub async fn hours(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let now = chrono::Utc::now();
    let hours = &desk.config.hours;
    let sla = &desk.config.sla;
    let zone = words.with("web-hours-zone", &[("zone", hours.time_zone.name().into())]);
    let state_now = if hours.is_open(now) {
        words.t("web-hours-open")
    } else {
        let opens = words.when(hours.next_opening(now));
        words.with("web-hours-closed", &[("opens", opens.into())])
    };
    let title = words.t("web-hours-title");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        div.box {
            p { (zone) }
            p { (state_now) }
        }
        table { thead { tr {
                th { (words.t("web-priority")) } th { (words.t("web-hours-first-reply")) }
                th { (words.t("web-hours-next-reply")) } th { (words.t("web-hours-resolution")) }
            } }
            tbody { @for p in Priority::ALL { tr {
                td { (words.priority(p)) }
                td { (minutes(&words, sla.first_response(p))) }
                td { (minutes(&words, sla.next_reply(p))) }
                td { (minutes(&words, sla.resolution(p))) }
            } } } }
        p.muted { (words.t("web-hours-how-to-change")) }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

pub async fn audit_log(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
    words: Words,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let entries = desk.store.audit_log(desk.ws(), 200).await?;
    let title = words.t("web-admin-audit");
    let body = html! {
        h1 { (title) }
        (admin_nav(&words))
        table #audit { thead { tr {
                th { (words.t("web-audit-when")) } th { (words.t("web-audit-who")) }
                th { (words.t("web-audit-action")) } th { (words.t("web-audit-subject")) }
                th { (words.t("web-audit-details")) }
            } }
            tbody { @for e in &entries { tr {
                td { (words.when(e.at)) } td { (e.actor.kind()) " " (e.actor.id().map(|i| i.to_string()).unwrap_or_default()) }
                td { (e.action) } td { (e.subject) }
                td { @for (k, v) in &e.details { (k) "=" (v) " " } }
            } } } }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}
