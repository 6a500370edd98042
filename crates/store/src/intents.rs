//! The desk's intent model and what it said of each ticket (docs/classification.md). The
//! store keeps the model as the classifier's JSON and never reads it: the relay trains,
//! loads and asks it.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
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
    /// The label: a topic's id, as text.
    pub label: String,
    pub confidence_pct: i64,
    /// Whether it set the ticket's topic.
    pub applied: bool,
}

/// One labelled example: the topic agents gave a ticket and the client's first words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledQuestion {
    pub topic: i64,
    pub text: String,
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

    /// The newest `limit` tickets with a topic, each with its client's first words: the
    /// desk's own labelled data. A ticket whose topic the model itself set, and nobody
    /// changed, is left out: a model must not learn from its own guesses.
    pub async fn labelled_questions(
        &self,
        ws: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<LabelledQuestion>, StoreError> {
        let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
            "SELECT t.topic_id, m.text FROM tickets t
             JOIN messages m ON m.id = (
                 SELECT MIN(f.id) FROM messages f
                 WHERE f.workspace_id = t.workspace_id AND f.ticket_id = t.id
                   AND f.direction = 'client' AND f.text IS NOT NULL)
             WHERE t.workspace_id = $1 AND t.topic_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1 FROM ticket_intents i
                   WHERE i.workspace_id = t.workspace_id AND i.ticket_id = t.id
                     AND i.applied = 1 AND i.label = CAST(t.topic_id AS TEXT))
             ORDER BY t.id DESC LIMIT $2",
        )
        .bind(ws.0)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(topic, text)| {
                text.filter(|t| !t.trim().is_empty())
                    .map(|text| LabelledQuestion { topic, text })
            })
            .collect())
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
