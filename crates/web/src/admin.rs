//! Admin pages: agents and roles, topics, working hours and SLA targets, bot and channel
//! status, the audit log. Admins see them; only the owner changes roles. Reply templates
//! have their own module, `templates`.

use crate::auth::{AdminUser, OwnerUser, RequireRole, Signed};
use crate::error::WebError;
use crate::layout::{self, csrf, when};
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use ticketgram_domain::{AgentId, AgentRole, AuditEntry, Priority, WorkspaceId};
use ticketgram_store::Tx;

pub(crate) fn admin_nav() -> Markup {
    html! {
        nav.box {
            a href="/admin/agents" { "Agents" } " · "
            a href="/admin/topics" { "Topics" } " · "
            a href="/admin/hours" { "Hours & SLA" } " · "
            a href="/admin/templates" { "Templates" } " · "
            a href="/admin/audit" { "Audit log" }
        }
    }
}

/// Bot and channel status, with what is missing.
pub async fn overview(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let chats = &desk.config.chats;
    let bots = desk.store.bots_of_workspace(desk.ws()).await?;
    let mut missing = Vec::new();
    if chats.channel_id.is_none() {
        missing.push("the agents' channel (desk.channel_id): tickets are not posted for agents");
    }
    if chats.group_id.is_none() {
        missing.push("the channel's discussion group (desk.group_id): no ticket threads");
    }
    if state.settings.public_url.is_none() {
        missing.push("the console's public URL (http.public_url): /login cannot send links");
    }
    let pending = desk.store.pending_count(desk.ws()).await?;
    let dead = desk.store.dead_jobs(desk.ws()).await?.len();
    let body = html! {
        h1 { "Admin" }
        (admin_nav())
        div.box #status {
            h2 { "Bots and channel" }
            p { "Client bot id: " (chats.bot_user_id) }
            p { "Agents' channel: " (chats.channel_id.map_or("missing".to_string(), |c| c.to_string())) }
            p { "Discussion group: " (chats.group_id.map_or("missing".to_string(), |c| c.to_string())) }
            @for bot in &bots { p { "@" (bot.username) " (" (bot.telegram_bot_id) ")" } }
            p { "Outbox: " (pending) " waiting, " (dead) " failed" }
            @if missing.is_empty() { p { "Nothing is missing." } }
            @else { h3 { "Missing" } ul { @for m in &missing { li.error { (m) } } } }
        }
    };
    Ok(layout::page("Admin", Some(&signed), body).into_response())
}

pub async fn agents(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let agents = desk.store.list_agents(desk.ws()).await?;
    let body = html! {
        h1 { "Agents" }
        (admin_nav())
        table #agents {
            thead { tr { th { "Name" } th { "Alias" } th { "Telegram id" } th { "Role" } th { "Status" } } }
            tbody { @for a in &agents {
                tr {
                    td { (a.name) }
                    td { (a.alias.as_ref().map_or("—", |x| x.as_str())) }
                    td { (a.telegram_user_id) }
                    td { (role_cell(&signed, a.id, a.role)) }
                    td {
                        (if a.active { "active" } else { "deactivated" })
                        @if a.id != signed.agent.id && (a.role < AgentRole::Owner || signed.agent.role == AgentRole::Owner) {
                            form method="post" action={ "/admin/agents/" (a.id.0) "/active" } {
                                (csrf(&signed))
                                input type="hidden" name="active" value=(if a.active { "0" } else { "1" });
                                button { (if a.active { "Deactivate" } else { "Activate" }) }
                            }
                        }
                    }
                }
            } }
        }
        p.muted { "Add agents with " code { "ticketgram agent add" } " or the settings bot." }
    };
    Ok(layout::page("Agents", Some(&signed), body).into_response())
}

fn role_cell(signed: &Signed, agent: AgentId, role: AgentRole) -> Markup {
    if signed.agent.role != AgentRole::Owner || agent == signed.agent.id {
        return html! { (role.as_str()) };
    }
    html! {
        form method="post" action={ "/admin/agents/" (agent.0) "/role" } {
            (csrf(signed))
            select name="role" aria-label="role" {
                @for r in [AgentRole::Agent, AgentRole::Admin, AgentRole::Owner] {
                    option value=(r.as_str()) selected[r == role] { (r.as_str()) }
                }
            }
            button { "Set" }
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
        return Err(WebError::BadRequest(
            "you cannot deactivate yourself".into(),
        ));
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
        .map_err(|_| WebError::BadRequest("unknown role".into()))?;
    if target.id == signed.agent.id {
        return Err(WebError::BadRequest(
            "you cannot change your own role".into(),
        ));
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
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let topics = desk.store.list_topics(desk.ws(), true).await?;
    let lang = desk.config.agent_language;
    let body = html! {
        h1 { "Topics" }
        (admin_nav())
        table { thead { tr { th { "Position" } th { "Name" } th { "Priority" } th { "Status" } } }
            tbody { @for t in &topics { tr {
                td { (t.position) } td { (t.name.in_language(lang)) } td { (t.default_priority.as_str()) }
                td { (if t.active { "active" } else { "hidden" }) }
            } } } }
    };
    Ok(layout::page("Topics", Some(&signed), body).into_response())
}

fn minutes(d: Option<chrono::Duration>) -> String {
    d.map_or("—".into(), |d| format!("{} min", d.num_minutes()))
}

pub async fn hours(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let now = chrono::Utc::now();
    let hours = &desk.config.hours;
    let sla = &desk.config.sla;
    let body = html! {
        h1 { "Working hours and SLA targets" }
        (admin_nav())
        div.box {
            p { "Time zone: " (hours.time_zone.name()) }
            @if hours.is_open(now) { p { "The desk is open now." } }
            @else { p { "The desk is closed now; it opens " (when(hours.next_opening(now))) "." } }
        }
        table { thead { tr { th { "Priority" } th { "First reply" } th { "Resolution" } } }
            tbody { @for p in Priority::ALL { tr {
                td { (p.as_str()) } td { (minutes(sla.first_response(p))) } td { (minutes(sla.resolution(p))) }
            } } } }
        p.muted { "Change them with the settings bot." }
    };
    Ok(layout::page("Hours", Some(&signed), body).into_response())
}

pub async fn audit_log(
    State(state): State<WebState>,
    RequireRole(signed, _): AdminUser,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let entries = desk.store.audit_log(desk.ws(), 200).await?;
    let body = html! {
        h1 { "Audit log" }
        (admin_nav())
        table #audit { thead { tr { th { "When" } th { "Who" } th { "Action" } th { "Subject" } th { "Details" } } }
            tbody { @for e in &entries { tr {
                td { (when(e.at)) } td { (e.actor.kind()) " " (e.actor.id().map(|i| i.to_string()).unwrap_or_default()) }
                td { (e.action) } td { (e.subject) }
                td { @for (k, v) in &e.details { (k) "=" (v) " " } }
            } } } }
    };
    Ok(layout::page("Audit log", Some(&signed), body).into_response())
}
