//! One ticket: the whole conversation in order, the actions agents take, and the client.

use crate::auth::{AgentUser, RequireRole, Signed};
use crate::console_input::apply;
use crate::error::WebError;
use crate::inbox::sla_breached;
use crate::layout::{self, csrf};
use crate::nonce::FormNonce;
use crate::templates;
use crate::words::Words;
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
use ticketgram_relay::{actions, Desk};
use ticketgram_store::{ReplyTemplate, TicketEvent};

pub(crate) async fn ticket_by_number(desk: &Desk, number: i64) -> Result<Ticket, WebError> {
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
    /// A knowledge-base search from the page's own box.
    #[serde(default)]
    kb: String,
    /// Text to start the reply with (an article link picked in the knowledge-base box).
    #[serde(default)]
    reply: String,
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
    words: Words,
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
                Entry::Message(m) => (message(&words, m, &name_of(m.author_agent))),
                Entry::Event(e) => div.msg.event {
                    span.muted { (words.when(e.at)) " · " }
                    (event_text(&words, e, &name_of))
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
    let kb_box = crate::kb::ticket_box(&state, &words, number, ticket.language, &query.kb).await?;
    // What the client answered in the self-service form that opened the ticket.
    let fields = desk.store.ticket_fields(ws, ticket.id).await?;
    let complaint_box = crate::complaint::section(&desk, &words, &signed, &ticket, &agents).await?;
    let assigned = words.with(
        "web-assigned",
        &[("agent", name_of(ticket.assignee).into())],
    );
    // Like the card: a deadline only while the first reply is still owed.
    let due = desk
        .first_reply_due(&ticket)
        .filter(|_| ticket.first_response_at.is_none() && ticket.status.is_active())
        .map(|due| words.with("web-first-reply-due", &[("due", words.when(due).into())]));
    let since = words.with(
        "web-client-since",
        &[
            ("language", client.language.code().into()),
            ("since", words.when(client.created_at).into()),
        ],
    );
    let blocked = client.blocked.as_ref().map(|block| {
        words.with(
            "web-client-blocked",
            &[
                ("reason", block.reason.clone().into()),
                ("at", words.when(block.at).into()),
            ],
        )
    });
    let body = html! {
        h1 { (ticket.number) " · " (ticket.subject) }
        p {
            span.badge #status data-status=(ticket.status.as_str()) { (words.status(ticket.status)) } " "
            span.badge { (words.priority(ticket.priority)) } " "
            @if let Some(topic) = &topic { span.badge { (topic.name.in_language(words.language)) } " " }
            @if sla_breached(&desk, &ticket, now) { span.badge.breached { (words.t("web-sla-breached")) } " " }
            @for tag in &ticket.tags { span.badge { "#" (tag.as_str()) } " " }
            span.muted { (assigned) }
            @if let Some(due) = &due { span.muted #due { " · " (due) } }
        }
        div.grid {
            section {
                div #live { (conversation) }
                (reply_forms(&words, &signed, &ticket, &templates, &query.reply))
                (kb_box)
            }
            div {
                (actions(&words, &signed, &ticket, &agents))
                (complaint_box)
                @if !fields.is_empty() {
                    aside #fields {
                        h2 { (words.t("web-ticket-fields")) }
                        table { @for field in &fields {
                            tr { th { (field.name) } td { (field.display) } }
                        } }
                    }
                }
                aside #client {
                    h2 { (words.t("web-client")) }
                    @if let Some(at) = client.erased_at {
                        p #erased { (words.with("web-client-erased", &[("at", words.when(at).into())])) }
                    } @else {
                        p { (client.display_name()) }
                    }
                    p.muted { (since) }
                    @if let Some(code) = client.written_language.as_deref().filter(|_| !client.is_erased()) {
                        p.muted #writes { (words.with("web-client-writes", &[("language", ticketgram_relay::client_bot::language_name(code).into())])) }
                    }
                    @if signed.agent.role.can_configure() && !client.is_erased() {
                        p {
                            a #export href={ "/clients/" (client.id.0) "/export.zip" } { (words.t("web-client-export")) }
                            " · "
                            a #erase href={ "/clients/" (client.id.0) "/erase" } { (words.t("web-client-erase")) }
                        }
                    }
                    @if let Some(blocked) = &blocked {
                        p.error { (blocked) }
                    } @else { p.muted { (words.t("web-client-not-blocked")) } }
                    @if let Some(fields) = attributes.as_object().filter(|o| !o.is_empty()) {
                        h3 { (words.t("web-client-platform-fields")) }
                        table { @for (key, value) in fields {
                            tr { th { (key) } td { (value_text(value)) } }
                        } }
                    }
                    h3 { (words.t("web-client-tickets")) }
                    ul { @for t in &history {
                        li {
                            a href={ "/tickets/" (t.number.0) } { (t.number) } " " (t.subject) " · " (words.status(t.status))
                            @if let Some(r) = t.rating { " · " (i64::from(r)) "★" }
                        }
                    } }
                }
            }
        }
    };
    Ok(layout::page(&words, &format!("{}", ticket.number), Some(&signed), body).into_response())
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn message(words: &Words, m: &Message, author: &str) -> Markup {
    use ticketgram_domain::MessageDirection;
    let who = match m.direction {
        MessageDirection::Client => words.t("web-client"),
        MessageDirection::Agent => author.to_string(),
        MessageDirection::InternalNote => {
            words.with("web-message-note", &[("author", author.into())])
        }
        MessageDirection::System => "Ticketgram".to_string(),
    };
    html! {
        div class={ "msg " (m.direction.as_str()) } data-message=(m.id.0) {
            div.muted {
                strong { (who) } " · " (words.when(m.created_at))
                @if m.edited_at.is_some() { " · " (words.t("web-message-edited")) }
            }
            @for (i, media) in m.media.iter().enumerate() {
                @let url = format!("/files/{}/{}", m.id.0, i);
                @if media.kind == MediaKind::Photo || crate::attachment::looks_like_safe_image(media.mime.as_deref()) {
                    a href=(url) { img src=(url) alt=(words.t("web-message-image")) loading="lazy"; }
                } @else if media.file_id.is_some() {
                    p { "📎 " a href=(url) download { (media.file_name.clone().unwrap_or_else(|| media.kind.to_string())) } }
                } @else {
                    p.muted { "[" (media.kind.as_str()) "]" }
                }
                @if let Some(caption) = &media.caption { p { (caption) } }
            }
            @if let Some(text) = &m.text { p.pre { (text) } }
            @else if m.media.is_empty() { p.muted { (words.t("web-message-removed")) } }
        }
    }
}

fn event_text(
    words: &Words,
    e: &TicketEvent,
    name_of: &dyn Fn(Option<AgentId>) -> String,
) -> String {
    let actor = match e.actor {
        Actor::Agent(id) => name_of(Some(id)),
        Actor::Client(_) => words.t("web-event-the-client"),
        Actor::System => "Ticketgram".into(),
    };
    match (e.kind.as_str(), e.from, e.to) {
        (_, Some(from), Some(to)) => words.with(
            "web-event-status",
            &[
                ("actor", actor.into()),
                ("from", words.status(from).into()),
                ("to", words.status(to).into()),
            ],
        ),
        ("created", _, _) => words.with("web-event-opened", &[("actor", actor.into())]),
        ("assigned", _, _) => {
            let to = e.details.get("to").and_then(|v| v.as_i64()).map(AgentId);
            words.with(
                "web-event-assigned",
                &[("actor", actor.into()), ("agent", name_of(to).into())],
            )
        }
        // Newer kinds than this page knows: their name and details, as recorded.
        (kind, _, _) => format!("{actor}: {} {}", kind.replace('_', " "), e.details),
    }
}

fn reply_forms(
    words: &Words,
    signed: &Signed,
    ticket: &Ticket,
    templates: &[ReplyTemplate],
    reply: &str,
) -> Markup {
    let n = ticket.number.0;
    html! {
        form.box method="post" action={ "/tickets/" (n) "/reply" } {
            (csrf(signed))
            label { (words.t("web-reply-label")) textarea #reply-text name="text" required { (reply) } }
            (templates::picker(words, templates))
            button #send-reply { (words.t("web-reply-send")) }
        }
        form.box method="post" action={ "/tickets/" (n) "/note" } {
            (csrf(signed))
            label { (words.t("web-note-label")) textarea name="text" required {} }
            button { (words.t("web-note-add")) }
        }
    }
}

fn actions(
    words: &Words,
    signed: &Signed,
    ticket: &Ticket,
    agents: &BTreeMap<AgentId, ticketgram_domain::Agent>,
) -> Markup {
    let n = ticket.number.0;
    html! {
        div.box {
            h2 { (words.t("web-actions")) }
            form method="post" action={ "/tickets/" (n) "/assign" } {
                (csrf(signed))
                select name="agent" aria-label=(words.t("web-assignee")) {
                    option value="" { (words.t("web-nobody")) }
                    @for a in agents.values().filter(|a| a.active) {
                        option value=(a.id.0) selected[ticket.assignee == Some(a.id)] { (a.name) }
                    }
                }
                button { (words.t("web-assign")) }
            }
            form method="post" action={ "/tickets/" (n) "/status" } {
                (csrf(signed))
                select name="status" aria-label=(words.t("web-status")) {
                    @for s in TicketStatus::ALL {
                        option value=(s.as_str()) selected[ticket.status == s] { (words.status(s)) }
                    }
                }
                button { (words.t("web-set-status")) }
            }
            form method="post" action={ "/tickets/" (n) "/priority" } {
                (csrf(signed))
                select name="priority" aria-label=(words.t("web-priority")) {
                    @for p in Priority::ALL {
                        option value=(p.as_str()) selected[ticket.priority == p] { (words.priority(p)) }
                    }
                }
                button { (words.t("web-set-priority")) }
            }
            form method="post" action={ "/tickets/" (n) "/tags" } {
                (csrf(signed))
                input name="tag" placeholder=(words.t("web-tag-placeholder")) required;
                select name="op" aria-label=(words.t("web-tag-action")) {
                    option value="add" { (words.t("web-tag-add")) }
                    option value="remove" { (words.t("web-tag-remove")) }
                }
                button { (words.t("web-tag-apply")) }
            }
            form method="post" action={ "/tickets/" (n) "/merge" } {
                (csrf(signed))
                input name="duplicate" placeholder=(words.t("web-merge-placeholder")) required;
                button { (words.t("web-merge")) }
            }
        }
    }
}

#[derive(serde::Deserialize)]
pub struct TextForm {
    text: String,
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
                .map_err(|_| WebError::bad("web-error-unknown-agent"))?,
        )),
    };
    if let Some(to) = to {
        let agent = state.desk.store.get_agent(state.desk.ws(), to).await?;
        if !agent.active {
            return Err(WebError::bad("web-error-agent-deactivated"));
        }
    }
    let by = signed.agent.id;
    let taken = apply(&state, &signed, nonce, async |desk, fx| {
        Ok(actions::assign(desk, fx, ticket.id, to, by).await?)
    })
    .await?;
    if taken == Some(false) {
        return Err(WebError::Conflict(crate::error::Why::Says(
            "web-error-taken-first",
        )));
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
        .map_err(|_| WebError::bad("web-error-unknown-status"))?;
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
        .map_err(|_| WebError::bad("web-error-unknown-priority"))?;
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
        .ok_or_else(|| WebError::bad("web-error-bad-tag"))?;
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
        .map_err(|_| WebError::bad("web-error-bad-ticket-number"))?;
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
