//! One ticket: the whole conversation in order, the actions agents take, and the client.

use crate::auth::{AgentUser, RequireRole, Signed};
use crate::error::WebError;
use crate::inbox::sla_breached;
use crate::layout::{self, csrf, when};
use crate::nonce::FormNonce;
use crate::templates;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use std::collections::BTreeMap;
use ticketgram_domain::{
    Actor, AgentId, MediaKind, Message, Priority, Tag, Ticket, TicketNumber, TicketStatus,
    Timestamp,
};
use ticketgram_relay::desk::Effects;
use ticketgram_relay::{actions, Desk, Input};
use ticketgram_store::{ReplyTemplate, TicketEvent};

async fn ticket_by_number(desk: &Desk, number: i64) -> Result<Ticket, WebError> {
    desk.store
        .find_ticket_by_number(desk.ws(), TicketNumber(number))
        .await?
        .ok_or(WebError::NotFound)
}

fn back(number: i64) -> Response {
    Redirect::to(&format!("/tickets/{number}")).into_response()
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    partial: String,
}

/// One line of the conversation: a message or a history event, in time order.
enum Entry<'a> {
    Message(&'a Message),
    Event(&'a TicketEvent),
}

impl Entry<'_> {
    fn at(&self) -> Timestamp {
        match self {
            Entry::Message(m) => m.created_at,
            Entry::Event(e) => e.at,
        }
    }
}

pub async fn page(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    Path(number): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ws = desk.ws();
    let ticket = ticket_by_number(&desk, number).await?;
    let messages = desk.store.ticket_messages(ws, ticket.id).await?;
    let events = desk.store.ticket_history(ws, ticket.id).await?;
    let agents: BTreeMap<AgentId, ticketgram_domain::Agent> = desk
        .store
        .list_agents(ws)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let name_of = |id: Option<AgentId>| {
        id.and_then(|id| agents.get(&id).map(|a| a.name.clone()))
            .unwrap_or_else(|| "—".into())
    };
    let mut entries: Vec<Entry> = messages.iter().map(Entry::Message).collect();
    entries.extend(events.iter().map(Entry::Event));
    entries.sort_by_key(|e| e.at());
    let conversation = html! {
        @for entry in &entries {
            @match entry {
                Entry::Message(m) => (message(m, &name_of(m.author_agent))),
                Entry::Event(e) => div.msg.event {
                    span.muted { (when(e.at)) " · " }
                    (event_text(e, &name_of))
                },
            }
        }
    };
    if query.partial == "1" {
        return Ok(Html(conversation.into_string()).into_response());
    }
    let client = desk.store.get_client(ws, ticket.client).await?;
    let attributes = desk.store.client_attributes(ws, ticket.client).await?;
    let history = desk
        .store
        .recent_tickets_of_client(ws, ticket.client, 20)
        .await?;
    let now = chrono::Utc::now();
    let topic = match ticket.topic {
        Some(id) => Some(desk.store.get_topic(ws, id).await?),
        None => None,
    };
    let templates = templates::for_language(&desk, ws, ticket.language).await?;
    let body = html! {
        h1 { (ticket.number) " · " (ticket.subject) }
        p {
            span.badge #status { (ticket.status.as_str()) } " "
            span.badge { (ticket.priority.as_str()) } " "
            @if let Some(topic) = &topic { span.badge { (topic.name.in_language(desk.config.agent_language)) } " " }
            @if sla_breached(&desk, &ticket, now) { span.badge.breached { "SLA breached" } " " }
            @for tag in &ticket.tags { span.badge { "#" (tag.as_str()) } " " }
            span.muted { "Assigned: " (name_of(ticket.assignee)) }
            @if let Some(due) = desk.first_reply_due(&ticket) { span.muted { " · first reply due " (when(due)) } }
        }
        div.grid {
            section {
                div #live { (conversation) }
                (reply_forms(&signed, &ticket, &templates))
            }
            div {
                (actions(&signed, &ticket, &agents))
                aside #client {
                    h2 { "Client" }
                    p { (client.display_name()) }
                    p.muted { "Language: " (client.language.code()) " · since " (when(client.created_at)) }
                    @if let Some(block) = &client.blocked {
                        p.error { "Blocked: " (block.reason) " (" (when(block.at)) ")" }
                    } @else { p.muted { "Not blocked" } }
                    @if let Some(fields) = attributes.as_object().filter(|o| !o.is_empty()) {
                        h3 { "Platform fields" }
                        table { @for (key, value) in fields {
                            tr { th { (key) } td { (value_text(value)) } }
                        } }
                    }
                    h3 { "Tickets" }
                    ul { @for t in &history {
                        li {
                            a href={ "/tickets/" (t.number.0) } { (t.number) } " " (t.subject) " · " (t.status.as_str())
                            @if let Some(r) = t.rating { " · " (i64::from(r)) "★" }
                        }
                    } }
                }
            }
        }
    };
    Ok(layout::page(&format!("{}", ticket.number), Some(&signed), body).into_response())
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn message(m: &Message, author: &str) -> Markup {
    let who = match m.direction {
        ticketgram_domain::MessageDirection::Client => "Client".to_string(),
        ticketgram_domain::MessageDirection::Agent => author.to_string(),
        ticketgram_domain::MessageDirection::InternalNote => format!("{author} (internal note)"),
        ticketgram_domain::MessageDirection::System => "Ticketgram".to_string(),
    };
    html! {
        div class={ "msg " (m.direction.as_str()) } data-message=(m.id.0) {
            div.muted { strong { (who) } " · " (when(m.created_at)) @if m.edited_at.is_some() { " · edited" } }
            @for (i, media) in m.media.iter().enumerate() {
                @let url = format!("/files/{}/{}", m.id.0, i);
                @if media.kind == MediaKind::Photo || crate::attachment::looks_like_safe_image(media.mime.as_deref()) {
                    a href=(url) { img src=(url) alt="image" loading="lazy"; }
                } @else if media.file_id.is_some() {
                    p { "📎 " a href=(url) download { (media.file_name.clone().unwrap_or_else(|| media.kind.to_string())) } }
                } @else {
                    p.muted { "[" (media.kind.as_str()) "]" }
                }
                @if let Some(caption) = &media.caption { p { (caption) } }
            }
            @if let Some(text) = &m.text { p.pre { (text) } }
        }
    }
}

fn event_text(e: &TicketEvent, name_of: &dyn Fn(Option<AgentId>) -> String) -> String {
    let actor = match e.actor {
        Actor::Agent(id) => name_of(Some(id)),
        Actor::Client(_) => "the client".into(),
        Actor::System => "Ticketgram".into(),
    };
    match (e.kind.as_str(), e.from, e.to) {
        (_, Some(from), Some(to)) => format!("{actor}: {} → {}", from.as_str(), to.as_str()),
        ("created", _, _) => format!("Opened by {actor}"),
        ("assigned", _, _) => {
            let to = e.details.get("to").and_then(|v| v.as_i64()).map(AgentId);
            format!("{actor} assigned it to {}", name_of(to))
        }
        (kind, _, _) => format!("{actor}: {} {}", kind.replace('_', " "), e.details),
    }
}

fn reply_forms(signed: &Signed, ticket: &Ticket, templates: &[ReplyTemplate]) -> Markup {
    let n = ticket.number.0;
    html! {
        form.box method="post" action={ "/tickets/" (n) "/reply" } {
            (csrf(signed))
            label { "Reply to the client" textarea #reply-text name="text" required {} }
            (templates::picker(templates))
            button #send-reply { "Send reply" }
        }
        form.box method="post" action={ "/tickets/" (n) "/note" } {
            (csrf(signed))
            label { "Internal note (agents only)" textarea name="text" required {} }
            button { "Add note" }
        }
    }
}

fn actions(
    signed: &Signed,
    ticket: &Ticket,
    agents: &BTreeMap<AgentId, ticketgram_domain::Agent>,
) -> Markup {
    let n = ticket.number.0;
    html! {
        div.box {
            h2 { "Actions" }
            form method="post" action={ "/tickets/" (n) "/assign" } {
                (csrf(signed))
                select name="agent" aria-label="assignee" {
                    option value="" { "Nobody" }
                    @for a in agents.values().filter(|a| a.active) {
                        option value=(a.id.0) selected[ticket.assignee == Some(a.id)] { (a.name) }
                    }
                }
                button { "Assign" }
            }
            form method="post" action={ "/tickets/" (n) "/status" } {
                (csrf(signed))
                select name="status" aria-label="status" {
                    @for s in TicketStatus::ALL {
                        option value=(s.as_str()) selected[ticket.status == s] { (s.as_str()) }
                    }
                }
                button { "Set status" }
            }
            form method="post" action={ "/tickets/" (n) "/priority" } {
                (csrf(signed))
                select name="priority" aria-label="priority" {
                    @for p in Priority::ALL {
                        option value=(p.as_str()) selected[ticket.priority == p] { (p.as_str()) }
                    }
                }
                button { "Set priority" }
            }
            form method="post" action={ "/tickets/" (n) "/tags" } {
                (csrf(signed))
                input name="tag" placeholder="tag" required;
                select name="op" aria-label="tag action" { option value="add" { "Add tag" } option value="remove" { "Remove tag" } }
                button { "Apply" }
            }
            form method="post" action={ "/tickets/" (n) "/merge" } {
                (csrf(signed))
                input name="duplicate" placeholder="#duplicate" required;
                button { "Merge into this ticket" }
            }
        }
    }
}

#[derive(serde::Deserialize)]
pub struct TextForm {
    text: String,
}

/// Applies one posted form as one input: `act` runs inside its transaction with the desk
/// as the client bot sees it. A form posted a second time (same nonce) changes nothing.
async fn apply<T>(
    state: &WebState,
    signed: &Signed,
    nonce: FormNonce,
    act: impl AsyncFnOnce(&Desk, &mut Effects<'_>) -> Result<T, WebError>,
) -> Result<Option<T>, WebError> {
    let origin = format!("web:{}:{}", signed.agent.id.0, nonce.0);
    match Input::apply(&state.desk, origin, chrono::Utc::now(), act).await {
        Ok(out) => Ok(Some(out)),
        Err(WebError::Replayed) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn reply(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let agent = Some(signed.agent.id);
    apply(&state, &signed, nonce, async |desk, fx| {
        Ok(actions::reply(desk, fx, ticket.id, agent, &form.text).await?)
    })
    .await?;
    Ok(back(number))
}

pub async fn note(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let agent = Some(signed.agent.id);
    apply(&state, &signed, nonce, async |desk, fx| {
        Ok(actions::note(desk, fx, ticket.id, agent, &form.text).await?)
    })
    .await?;
    Ok(back(number))
}

#[derive(serde::Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    agent: String,
}

pub async fn assign(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let to = match form.agent.trim() {
        "" => None,
        id => Some(AgentId(
            id.parse()
                .map_err(|_| WebError::BadRequest("unknown agent".into()))?,
        )),
    };
    if let Some(to) = to {
        let agent = state.desk.store.get_agent(state.desk.ws(), to).await?;
        if !agent.active {
            return Err(WebError::BadRequest("that agent is deactivated".into()));
        }
    }
    let by = signed.agent.id;
    let taken = apply(&state, &signed, nonce, async |desk, fx| {
        Ok(actions::assign(desk, fx, ticket.id, to, by).await?)
    })
    .await?;
    if taken == Some(false) {
        return Err(WebError::Conflict(
            "someone else took this ticket first".into(),
        ));
    }
    Ok(back(number))
}

#[derive(serde::Deserialize)]
pub struct StatusForm {
    status: String,
}

pub async fn status(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let to: TicketStatus = form
        .status
        .parse()
        .map_err(|_| WebError::BadRequest("unknown status".into()))?;
    if to != ticket.status {
        let agent = signed.agent.id;
        apply(&state, &signed, nonce, async |desk, fx| {
            Ok(actions::change_status_as_agent(desk, fx, ticket.id, to, agent).await?)
        })
        .await?;
    }
    Ok(back(number))
}

#[derive(serde::Deserialize)]
pub struct PriorityForm {
    priority: String,
}

pub async fn priority(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<PriorityForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let priority: Priority = form
        .priority
        .parse()
        .map_err(|_| WebError::BadRequest("unknown priority".into()))?;
    let actor = Actor::Agent(signed.agent.id);
    apply(&state, &signed, nonce, async |desk, fx| {
        let ws = desk.ws();
        fx.tx
            .set_ticket_priority(ws, ticket.id, priority, actor, fx.now)
            .await?;
        Ok(actions::refresh_card(fx, ticket.id).await?)
    })
    .await?;
    Ok(back(number))
}

#[derive(serde::Deserialize)]
pub struct TagForm {
    tag: String,
    #[serde(default)]
    op: String,
}

pub async fn tags(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<TagForm>,
) -> Result<Response, WebError> {
    let ticket = ticket_by_number(&state.desk, number).await?;
    let tag = Tag::parse(form.tag.trim().trim_start_matches('#'))
        .ok_or_else(|| WebError::BadRequest("not a valid tag".into()))?;
    let actor = Actor::Agent(signed.agent.id);
    let remove = form.op == "remove";
    apply(&state, &signed, nonce, async |desk, fx| {
        let ws = desk.ws();
        if remove {
            fx.tx
                .remove_ticket_tag(ws, ticket.id, &tag, actor, fx.now)
                .await?;
        } else {
            fx.tx
                .add_ticket_tag(ws, ticket.id, &tag, actor, fx.now)
                .await?;
        }
        Ok(())
    })
    .await?;
    Ok(back(number))
}

#[derive(serde::Deserialize)]
pub struct MergeForm {
    duplicate: String,
}

pub async fn merge(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    nonce: FormNonce,
    Path(number): Path<i64>,
    Form(form): Form<MergeForm>,
) -> Result<Response, WebError> {
    let desk = &state.desk;
    let ticket = ticket_by_number(desk, number).await?;
    let duplicate: TicketNumber = form
        .duplicate
        .parse()
        .map_err(|_| WebError::BadRequest("not a ticket number".into()))?;
    let duplicate = ticket_by_number(desk, duplicate.0).await?;
    let actor = Actor::Agent(signed.agent.id);
    apply(&state, &signed, nonce, async |desk, fx| {
        fx.tx
            .merge_tickets(desk.ws(), ticket.id, duplicate.id, actor, fx.now)
            .await?;
        actions::refresh_card(fx, duplicate.id).await?;
        Ok(actions::refresh_card(fx, ticket.id).await?)
    })
    .await?;
    Ok(back(number))
}
