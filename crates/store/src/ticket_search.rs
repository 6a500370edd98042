//! Finding tickets: the console's inbox filters and the REST API's listing share this one
//! query builder. SLA-breach filtering needs working-hours maths, so it happens above the
//! store, on the tickets returned here.

use crate::tickets::{ticket_select, TicketRow};
use crate::time::to_millis;
use crate::{Store, StoreError};
use ticketgram_domain::{
    AgentId, ClientId, Language, Priority, Ticket, TicketId, TicketStatus, Timestamp, TopicId,
    WorkspaceId,
};

/// Whose tickets to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    Agent(AgentId),
    Unassigned,
}

/// What to look for. Every filter left empty matches everything; filters combine with AND.
/// Results come newest first (highest id first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketQuery {
    /// Any of these statuses; empty means any status.
    pub statuses: Vec<TicketStatus>,
    pub topic: Option<TopicId>,
    pub priority: Option<Priority>,
    pub assignee: Option<AssigneeFilter>,
    pub language: Option<Language>,
    pub client: Option<ClientId>,
    /// Case-insensitive substring of the subject or of any message's text. `%` and `_` are
    /// matched literally.
    pub text: Option<String>,
    /// `text` looks only at what the client and the agents said, not at internal notes: for
    /// callers who never see notes (the REST API), so a match cannot reveal one.
    pub text_skips_notes: bool,
    /// Created strictly before this instant.
    pub created_before: Option<Timestamp>,
    /// Created at or after this instant.
    pub created_after: Option<Timestamp>,
    /// At most this many tickets; 0 or less means [`TicketQuery::DEFAULT_LIMIT`], and
    /// anything above [`TicketQuery::MAX_LIMIT`] is capped.
    pub limit: i64,
    /// Keyset paging: only tickets older than this one (pass the last id of the previous page).
    pub after_id: Option<TicketId>,
    /// Offset paging, for page numbers; prefer `after_id`, which stays stable while tickets arrive.
    pub offset: i64,
}

impl TicketQuery {
    pub const DEFAULT_LIMIT: i64 = 50;
    pub const MAX_LIMIT: i64 = 1000;

    fn effective_limit(&self) -> i64 {
        match self.limit {
            l if l <= 0 => TicketQuery::DEFAULT_LIMIT,
            l => l.min(TicketQuery::MAX_LIMIT),
        }
    }
}

/// A bind value of the dynamically built query.
enum Param {
    Int(i64),
    Text(String),
}

/// The WHERE clause of a query and its bind values, `$1` being the workspace.
struct Filter {
    sql: String,
    params: Vec<Param>,
}

impl Filter {
    fn new(ws: WorkspaceId, query: &TicketQuery) -> Filter {
        let mut filter = Filter {
            sql: "t.workspace_id = $1".into(),
            params: vec![Param::Int(ws.0)],
        };
        if !query.statuses.is_empty() {
            let placeholders: Vec<String> = query
                .statuses
                .iter()
                .map(|s| filter.push(Param::Text(s.as_str().into())))
                .collect();
            filter.and(&format!("t.status IN ({})", placeholders.join(", ")));
        }
        if let Some(topic) = query.topic {
            let p = filter.push(Param::Int(topic.0));
            filter.and(&format!("t.topic_id = {p}"));
        }
        if let Some(priority) = query.priority {
            let p = filter.push(Param::Text(priority.as_str().into()));
            filter.and(&format!("t.priority = {p}"));
        }
        match query.assignee {
            Some(AssigneeFilter::Agent(agent)) => {
                let p = filter.push(Param::Int(agent.0));
                filter.and(&format!("t.assignee_id = {p}"));
            }
            Some(AssigneeFilter::Unassigned) => filter.and("t.assignee_id IS NULL"),
            None => {}
        }
        if let Some(language) = query.language {
            let p = filter.push(Param::Text(language.code().into()));
            filter.and(&format!("t.language = {p}"));
        }
        if let Some(client) = query.client {
            let p = filter.push(Param::Int(client.0));
            filter.and(&format!("t.client_id = {p}"));
        }
        if let Some(text) = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let p = filter.push(Param::Text(like_pattern(text)));
            let notes = if query.text_skips_notes {
                " AND m.direction <> 'internal_note'"
            } else {
                ""
            };
            filter.and(&format!(
                "(LOWER(t.subject) LIKE {p} ESCAPE '!' OR EXISTS (SELECT 1 FROM messages m \
                 WHERE m.ticket_id = t.id AND LOWER(m.text) LIKE {p} ESCAPE '!'{notes}))"
            ));
        }
        if let Some(before) = query.created_before {
            let p = filter.push(Param::Int(to_millis(before)));
            filter.and(&format!("t.created_at < {p}"));
        }
        if let Some(after) = query.created_after {
            let p = filter.push(Param::Int(to_millis(after)));
            filter.and(&format!("t.created_at >= {p}"));
        }
        if let Some(after_id) = query.after_id {
            let p = filter.push(Param::Int(after_id.0));
            filter.and(&format!("t.id < {p}"));
        }
        filter
    }

    /// Adds a bind value and returns its placeholder.
    fn push(&mut self, param: Param) -> String {
        self.params.push(param);
        format!("${}", self.params.len())
    }

    fn and(&mut self, condition: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
    }

    fn bind_all<'q, O>(
        &'q self,
        mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        for param in &self.params {
            query = match param {
                Param::Int(v) => query.bind(*v),
                Param::Text(v) => query.bind(v.as_str()),
            };
        }
        query
    }
}

/// `50%_off` -> `%50!%!_off%`, lowercased (both sides of the LIKE are lowercased, so the
/// match ignores case on both backends).
fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '!' | '%' | '_') {
            pattern.push('!');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Store {
    /// Tickets matching `query`, newest first, at most `query.limit`.
    pub async fn search_tickets(
        &self,
        ws: WorkspaceId,
        query: &TicketQuery,
    ) -> Result<Vec<Ticket>, StoreError> {
        let filter = Filter::new(ws, query);
        let columns = ticket_select(self.backend(), "t");
        let sql = format!(
            "SELECT {columns} FROM tickets t WHERE {} ORDER BY t.id DESC LIMIT {} OFFSET {}",
            filter.sql,
            query.effective_limit(),
            query.offset.max(0)
        );
        let rows: Vec<TicketRow> = filter
            .bind_all(sqlx::query_as(&sql))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(TicketRow::into_ticket).collect()
    }

    /// How many tickets match `query`, ignoring its limit and paging.
    pub async fn count_tickets(
        &self,
        ws: WorkspaceId,
        query: &TicketQuery,
    ) -> Result<i64, StoreError> {
        let unpaged = TicketQuery {
            after_id: None,
            ..query.clone()
        };
        let filter = Filter::new(ws, &unpaged);
        let sql = format!("SELECT COUNT(*) FROM tickets t WHERE {}", filter.sql);
        let (count,): (i64,) = filter
            .bind_all(sqlx::query_as(&sql))
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(count)
    }

    /// A value that changes whenever a ticket of the desk is created or changed or a message
    /// arrives: cheap enough to poll every second, and it works across instances because it
    /// comes from the shared database.
    pub async fn desk_change_mark(&self, ws: WorkspaceId) -> Result<String, StoreError> {
        let (tickets, versions): (i64, i64) = sqlx::query_as(
            "SELECT COALESCE(MAX(id), 0), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM tickets WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        let (messages,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM messages WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_one(&mut *self.conn().await?)
                .await?;
        let (events,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(id), 0) FROM ticket_events WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_one(&mut *self.conn().await?)
        .await?;
        Ok(format!("{tickets}.{versions}.{messages}.{events}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_match_wildcards_literally() {
        assert_eq!(like_pattern("50%_Off!"), "%50!%!_off!!%");
    }

    #[test]
    fn limits_have_a_default_and_a_ceiling() {
        let q = TicketQuery::default();
        assert_eq!(q.effective_limit(), TicketQuery::DEFAULT_LIMIT);
        let q = TicketQuery {
            limit: 1_000_000,
            ..TicketQuery::default()
        };
        assert_eq!(q.effective_limit(), TicketQuery::MAX_LIMIT);
    }
}
