//! The desk's intent model and what it said of each ticket (docs/classification.md). The
//! store keeps the model as the classifier's JSON and never reads it: the relay trains,
//! loads and asks it.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use std::collections::{BTreeMap, HashMap};
use ticketgram_domain::{TicketId, Timestamp, WorkspaceId};

/// A desk's stored model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIntentModel {
    pub model: String,
    pub labels: i64,
    pub examples: i64,
    /// Accuracy on the held-out share, in percent; `None` when too few examples to hold out.
    pub accuracy_pct: Option<i64>,
    pub trained_at: Timestamp,
}

/// What the model said of a ticket's first question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketIntent {
    /// The label as the model names it: a topic's id (`12`), a tag (`#refund`) or both
    /// (`12#refund`), see `ticketgram_relay::intents::Label`.
    pub label: String,
    pub confidence_pct: i64,
    /// Whether it set the ticket's topic or gave it its tag.
    pub applied: bool,
}

/// A past ticket the desk may learn from: what agents said of it (its topic, the tags they
/// gave it), the client's first words, and what the model itself said of it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastQuestion {
    pub topic: Option<i64>,
    /// Tags an agent gave the ticket (the last to add each was an agent): never those the
    /// desk sets itself, such as `angry` or the model's own guess.
    pub agent_tags: Vec<String>,
    pub text: String,
    pub intent: Option<TicketIntent>,
}

impl Store {
    pub async fn intent_model(
        &self,
        ws: WorkspaceId,
    ) -> Result<Option<StoredIntentModel>, StoreError> {
        let row: Option<(String, i64, i64, Option<i64>, i64)> = sqlx::query_as(
            "SELECT model, labels, examples, accuracy_pct, trained_at FROM desk_intent_models
             WHERE workspace_id = $1",
        )
        .bind(ws.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(|(model, labels, examples, accuracy_pct, at)| {
            Ok(StoredIntentModel {
                model,
                labels,
                examples,
                accuracy_pct,
                trained_at: from_millis(at)?,
            })
        })
        .transpose()
    }

    /// When the desk's model was trained, without reading the model.
    pub async fn intent_model_trained_at(
        &self,
        ws: WorkspaceId,
    ) -> Result<Option<Timestamp>, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT trained_at FROM desk_intent_models WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        row.map(|(at,)| from_millis(at)).transpose()
    }

    /// The newest `limit` tickets with a topic or a tag an agent gave them, each with its
    /// client's first words and what the model said of it: the desk's own labelled data. Which
    /// of it teaches what is the relay's to decide (`ticketgram_relay::intents`).
    pub async fn past_questions(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<PastQuestion>, StoreError> {
        type Row = (
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT t.id, t.topic_id, m.text, i.label, i.confidence_pct, i.applied FROM tickets t
             JOIN messages m ON m.id = (
                 SELECT MIN(f.id) FROM messages f
                 WHERE f.workspace_id = t.workspace_id AND f.ticket_id = t.id
                   AND f.direction = 'client' AND f.text IS NOT NULL)
             LEFT JOIN ticket_intents i
                 ON i.workspace_id = t.workspace_id AND i.ticket_id = t.id
             WHERE t.workspace_id = $1
               AND (t.topic_id IS NOT NULL OR EXISTS (
                   SELECT 1 FROM ticket_tags g
                   WHERE g.workspace_id = t.workspace_id AND g.ticket_id = t.id))
             ORDER BY t.id DESC LIMIT $2",
        )
        .bind(ws.0)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let Some(oldest) = rows.iter().map(|row| row.0).min() else {
            return Ok(Vec::new());
        };
        let tags = self.agent_tags_since(ws, oldest).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(ticket, topic, text, label, confidence_pct, applied)| {
                let text = text.filter(|t| !t.trim().is_empty())?;
                let intent = match (label, confidence_pct, applied) {
                    (Some(label), Some(confidence_pct), Some(applied)) => Some(TicketIntent {
                        label,
                        confidence_pct,
                        applied: applied != 0,
                    }),
                    _ => None,
                };
                let agent_tags = tags.get(&ticket).cloned().unwrap_or_default();
                (topic.is_some() || !agent_tags.is_empty()).then_some(PastQuestion {
                    topic,
                    agent_tags,
                    text,
                    intent,
                })
            })
            .collect())
    }

    /// The tags of the tickets from `oldest` on that an agent gave them: those the ticket
    /// still has whose last `tag_added` in its history names an agent.
    async fn agent_tags_since(
        &self,
        ws: WorkspaceId,
        oldest: i64,
    ) -> Result<BTreeMap<i64, Vec<String>>, StoreError> {
        let held: Vec<(i64, String)> = sqlx::query_as(
            "SELECT ticket_id, tag FROM ticket_tags WHERE workspace_id = $1 AND ticket_id >= $2",
        )
        .bind(ws.0)
        .bind(oldest)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let added: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT ticket_id, actor_kind, details FROM ticket_events
             WHERE workspace_id = $1 AND ticket_id >= $2 AND kind = 'tag_added' ORDER BY id",
        )
        .bind(ws.0)
        .bind(oldest)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        // Later additions overwrite earlier ones: the last to add a tag decides.
        let mut by_agent: HashMap<(i64, String), bool> = HashMap::new();
        for (ticket, actor_kind, details) in added {
            let details: serde_json::Value = serde_json::from_str(&details)?;
            if let Some(tag) = details["tag"].as_str() {
                by_agent.insert((ticket, tag.to_owned()), actor_kind == "agent");
            }
        }
        let mut tags: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for (ticket, tag) in held {
            if by_agent.get(&(ticket, tag.clone())) == Some(&true) {
                tags.entry(ticket).or_default().push(tag);
            }
        }
        Ok(tags)
    }

    pub async fn ticket_intent(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
    ) -> Result<Option<TicketIntent>, StoreError> {
        let row: Option<(String, i64, i64)> = sqlx::query_as(
            "SELECT label, confidence_pct, applied FROM ticket_intents
             WHERE workspace_id = $1 AND ticket_id = $2",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map(|(label, confidence_pct, applied)| TicketIntent {
            label,
            confidence_pct,
            applied: applied != 0,
        }))
    }
}

impl Tx {
    /// Replaces the desk's model.
    pub async fn set_intent_model(
        &self,
        ws: WorkspaceId,
        model: &StoredIntentModel,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO desk_intent_models
                 (workspace_id, model, labels, examples, accuracy_pct, trained_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (workspace_id) DO UPDATE SET model = excluded.model,
                 labels = excluded.labels, examples = excluded.examples,
                 accuracy_pct = excluded.accuracy_pct, trained_at = excluded.trained_at",
        )
        .bind(ws.0)
        .bind(&model.model)
        .bind(model.labels)
        .bind(model.examples)
        .bind(model.accuracy_pct)
        .bind(to_millis(model.trained_at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }

    pub async fn record_ticket_intent(
        &self,
        ws: WorkspaceId,
        ticket: TicketId,
        intent: &TicketIntent,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO ticket_intents
                 (workspace_id, ticket_id, label, confidence_pct, applied, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (workspace_id, ticket_id) DO NOTHING",
        )
        .bind(ws.0)
        .bind(ticket.0)
        .bind(&intent.label)
        .bind(intent.confidence_pct)
        .bind(i64::from(intent.applied))
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
