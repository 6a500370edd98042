//! `GET /tickets`: query parameters turned into the store's [`TicketQuery`], newest first,
//! paged by an opaque cursor (stable while new tickets arrive, unlike page numbers).

use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use ticketgram_domain::{AgentId, Language, Priority, TicketId, TicketStatus, TopicId};
use ticketgram_store::{AssigneeFilter, TicketQuery};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::rules;
use crate::tickets::view;
use crate::views::TicketView;

#[derive(Debug, Deserialize)]
pub(crate) struct TicketFilters {
    status: Option<String>,
    topic: Option<i64>,
    priority: Option<String>,
    /// An agent id, or `none` for unassigned tickets.
    assignee: Option<String>,
    language: Option<String>,
    /// The client's Telegram user id.
    client: Option<i64>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TicketPage {
    tickets: Vec<TicketView>,
    /// Matching tickets over all pages.
    total: i64,
    /// Pass as `cursor` for the next page; absent on the last one.
    next_cursor: Option<String>,
}

fn invalid(what: &str, raw: &str) -> ApiError {
    ApiError::Invalid(format!("unknown {what} {raw:?}"))
}

/// `new,open`: each exactly a status, at least one (as the document's form-style list says).
fn statuses(raw: &str) -> Result<Vec<TicketStatus>, ApiError> {
    raw.split(',')
        .map(|s| s.parse().map_err(|_| invalid("status", s)))
        .collect()
}

fn assignee(raw: &str) -> Result<AssigneeFilter, ApiError> {
    if raw == "none" {
        return Ok(AssigneeFilter::Unassigned);
    }
    raw.parse()
        .map(|id| AssigneeFilter::Agent(AgentId(id)))
        .map_err(|_| invalid("assignee", raw))
}

fn cursor(raw: &str) -> Result<TicketId, ApiError> {
    rules::cursor(raw).map(TicketId)
}

pub(crate) async fn list(
    Extension(caller): Extension<Caller>,
    ApiQuery(filters): ApiQuery<TicketFilters>,
) -> Result<Json<TicketPage>, ApiError> {
    let store = &caller.desk.store;
    // Every filter is checked before any is looked up: a request is refused for what it
    // says, whatever the desk holds.
    let mut query = TicketQuery {
        statuses: filters
            .status
            .as_deref()
            .map(statuses)
            .transpose()?
            .unwrap_or_else(Vec::new),
        topic: filters.topic.map(TopicId),
        priority: filters
            .priority
            .as_deref()
            .map(|p| p.parse::<Priority>().map_err(|_| invalid("priority", p)))
            .transpose()?,
        assignee: filters.assignee.as_deref().map(assignee).transpose()?,
        language: filters
            .language
            .as_deref()
            .map(|l| Language::from_code(l).ok_or_else(|| invalid("language", l)))
            .transpose()?,
        text: filters.q.clone(),
        // The API never shows notes, so a match on one would reveal it.
        text_skips_notes: true,
        limit: rules::page_size(filters.limit)?,
        after_id: filters.cursor.as_deref().map(cursor).transpose()?,
        ..TicketQuery::default()
    };
    if let Some(telegram_id) = filters.client.map(rules::telegram_user_id).transpose()? {
        match store
            .find_client_by_telegram_id(caller.ws(), telegram_id)
            .await?
        {
            Some(client) => query.client = Some(client.id),
            // Nobody by that id: no tickets either.
            None => {
                return Ok(Json(TicketPage {
                    tickets: vec![],
                    total: 0,
                    next_cursor: None,
                }))
            }
        }
    }
    let limit = query.limit;
    let found = store.search_tickets(caller.ws(), &query).await?;
    let total = store.count_tickets(caller.ws(), &query).await?;
    let next_cursor = match found.last() {
        Some(last) if found.len() as i64 == limit => Some(last.id.0.to_string()),
        _ => None,
    };
    let mut tickets = Vec::with_capacity(found.len());
    for ticket in &found {
        tickets.push(view(&caller, ticket).await?);
    }
    Ok(Json(TicketPage {
        tickets,
        total,
        next_cursor,
    }))
}
