//! The inbox: tickets with filters, kept live by server-sent events.

use crate::auth::{AgentUser, MaybeSigned, RequireRole};
use crate::error::WebError;
use crate::layout;
use crate::words::Words;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use futures::Stream;
use maud::{html, Markup};
use std::collections::BTreeMap;
use std::convert::Infallible;
use ticketgram_domain::{AgentId, Language, Priority, Ticket, TicketStatus, Timestamp, TopicId};
use ticketgram_relay::Desk;
use ticketgram_store::{AssigneeFilter, TicketQuery};

pub async fn home(MaybeSigned(signed): MaybeSigned) -> Redirect {
    match signed {
        Some(_) => Redirect::to("/inbox"),
        None => Redirect::to("/login"),
    }
}

/// The filter form's fields, as typed (empty means "any").
#[derive(Debug, Default, serde::Deserialize)]
pub struct InboxFilter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    sla: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    partial: String,
}

impl InboxFilter {
    fn query(&self, me: AgentId) -> Result<TicketQuery, WebError> {
        let bad = |_: &str| WebError::bad("web-error-unknown-filter");
        let statuses = match self.status.as_str() {
            "" | "active" => vec![
                TicketStatus::New,
                TicketStatus::Open,
                TicketStatus::WaitingOnClient,
            ],
            "any" => vec![],
            s => vec![s.parse().map_err(|_| bad("status"))?],
        };
        let assignee = match self.assignee.as_str() {
            "" => None,
            "me" => Some(AssigneeFilter::Agent(me)),
            "none" => Some(AssigneeFilter::Unassigned),
            id => Some(AssigneeFilter::Agent(AgentId(
                id.parse().map_err(|_| bad("assignee"))?,
            ))),
        };
        Ok(TicketQuery {
            statuses,
            topic: match self.topic.as_str() {
                "" => None,
                id => Some(TopicId(id.parse().map_err(|_| bad("topic"))?)),
            },
            priority: match self.priority.as_str() {
                "" => None,
                p => Some(p.parse::<Priority>().map_err(|_| bad("priority"))?),
            },
            assignee,
            language: match self.language.as_str() {
                "" => None,
                code => Some(Language::from_code(code).ok_or_else(|| bad("language"))?),
            },
            text: Some(self.q.clone()).filter(|q| !q.trim().is_empty()),
            limit: if self.sla == "breached" {
                TicketQuery::MAX_LIMIT
            } else {
                200
            },
            ..TicketQuery::default()
        })
    }
}

/// Whether the first reply came (or is still missing) after its working-time target, or the
/// client's wait for the next reply is past its own (the manager bot's clock, `SlaClock`).
pub fn sla_breached(desk: &Desk, ticket: &Ticket, now: Timestamp) -> bool {
    let targets = desk.sla_targets_for(ticket);
    let clock = ticketgram_domain::SlaClock::new(&desk.config.hours, &targets);
    let next_missed = matches!(
        clock.next_reply(&ticket.into(), now),
        Some(ticketgram_domain::SlaState::Breached { .. })
    );
    let Some(due) = desk.first_reply_due(ticket) else {
        return next_missed;
    };
    next_missed
        || match ticket.first_response_at {
            Some(at) => at > due,
            None => ticket.status.is_active() && now > due,
        }
}

pub async fn inbox(
    State(state): State<WebState>,
    RequireRole(signed, _): AgentUser,
    words: Words,
    Query(filter): Query<InboxFilter>,
) -> Result<Response, WebError> {
    let desk = state.desk.current().await?;
    let ws = desk.ws();
    let now = chrono::Utc::now();
    let query = filter.query(signed.agent.id)?;
    let mut tickets = desk.store.search_tickets(ws, &query).await?;
    if filter.sla == "breached" {
        tickets.retain(|t| sla_breached(&desk, t, now));
    }
    let agents: BTreeMap<AgentId, String> = desk
        .store
        .list_agents(ws)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let topics = desk.store.list_topics(ws, true).await?;
    let mut clients = BTreeMap::new();
    for t in &tickets {
        if let std::collections::btree_map::Entry::Vacant(slot) = clients.entry(t.client) {
            slot.insert(desk.store.get_client(ws, t.client).await?.display_name());
        }
    }
    let count = words.with(
        "web-inbox-count",
        &[("count", (tickets.len() as i64).into())],
    );
    let list = html! {
        p.muted { (count) }
        table #tickets {
            thead { tr {
                th { "#" } th { (words.t("web-subject")) } th { (words.t("web-client")) }
                th { (words.t("web-status")) } th { (words.t("web-priority")) }
                th { (words.t("web-assignee")) } th { (words.t("web-opened")) }
            } }
            tbody {
                @for t in &tickets {
                    tr data-number=(t.number.0) {
                        td { a href={ "/tickets/" (t.number.0) } { (t.number) } }
                        td { (t.subject) }
                        td { (clients.get(&t.client).cloned().unwrap_or_default()) }
                        td { span.badge data-status=(t.status.as_str()) { (words.status(t.status)) }
                             @if sla_breached(&desk, t, now) { " " span.badge.breached { (words.t("web-sla-badge")) } } }
                        td { (words.priority(t.priority)) }
                        td { (t.assignee.and_then(|a| agents.get(&a).cloned()).unwrap_or_else(|| "—".into())) }
                        td { (words.when(t.created_at)) }
                    }
                }
            }
        }
    };
    if filter.partial == "1" {
        return Ok(Html(list.into_string()).into_response());
    }
    let topic_names: Vec<(TopicId, String)> = topics
        .iter()
        .map(|t| {
            (
                t.id,
                t.name.in_language(desk.config.agent_language).to_string(),
            )
        })
        .collect();
    let title = words.t("web-inbox");
    let body = html! {
        h1 { (title) }
        (filters(&words, &filter, &topic_names, &agents))
        div #live { (list) }
    };
    Ok(layout::page(&words, &title, Some(&signed), body).into_response())
}

fn select(name: &str, current: &str, options: &[(String, String)]) -> Markup {
    html! {
        select name=(name) aria-label=(name) {
            @for (value, label) in options {
                option value=(value) selected[value == current] { (label) }
            }
        }
    }
}

fn filters(
    words: &Words,
    filter: &InboxFilter,
    topics: &[(TopicId, String)],
    agents: &BTreeMap<AgentId, String>,
) -> Markup {
    let pair = |v: &str, key: &str| (v.to_string(), words.t(key));
    let mut statuses = vec![
        pair("active", "web-filter-active"),
        pair("any", "web-filter-any-status"),
    ];
    statuses.extend(
        TicketStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), words.status(*s))),
    );
    let mut topic_options = vec![pair("", "web-filter-any-topic")];
    topic_options.extend(
        topics
            .iter()
            .map(|(id, name)| (id.0.to_string(), name.clone())),
    );
    let mut priorities = vec![pair("", "web-filter-any-priority")];
    priorities.extend(
        Priority::ALL
            .iter()
            .map(|p| (p.as_str().to_string(), words.priority(*p))),
    );
    let mut assignees = vec![
        pair("", "web-filter-anyone"),
        pair("me", "web-filter-me"),
        pair("none", "web-filter-unassigned"),
    ];
    assignees.extend(
        agents
            .iter()
            .map(|(id, name)| (id.0.to_string(), name.clone())),
    );
    let mut languages = vec![pair("", "web-filter-any-language")];
    languages.extend(
        Language::ALL
            .iter()
            .map(|l| (l.code().to_string(), l.code().to_string())),
    );
    let sla = vec![
        pair("", "web-filter-any-sla"),
        pair("breached", "web-sla-breached"),
    ];
    html! {
        form.filters method="get" action="/inbox" {
            (select("status", &filter.status, &statuses))
            (select("topic", &filter.topic, &topic_options))
            (select("priority", &filter.priority, &priorities))
            (select("assignee", &filter.assignee, &assignees))
            (select("language", &filter.language, &languages))
            (select("sla", &filter.sla, &sla))
            input type="search" name="q" value=(filter.q) placeholder=(words.t("web-filter-search"));
            button #apply { (words.t("web-filter-apply")) }
        }
    }
}

/// Server-sent events: `changed` whenever the desk's tickets or messages change. Each
/// connection polls the database (not an in-process channel), so a change made through
/// another instance shows up too.
pub async fn events(
    State(state): State<WebState>,
    RequireRole(_signed, _): AgentUser,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, WebError> {
    let desk = state.desk.clone();
    let every = state.settings.poll_interval;
    let first = desk.store.desk_change_mark(desk.ws()).await?;
    let stream = futures::stream::unfold((desk, first), move |(desk, last)| async move {
        loop {
            tokio::time::sleep(every).await;
            match desk.store.desk_change_mark(desk.ws()).await {
                Ok(mark) if mark != last => {
                    let event = Event::default().event("changed").data(mark.clone());
                    return Some((Ok(event), (desk, mark)));
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "live updates: cannot read the desk"),
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
