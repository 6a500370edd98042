//! What the desk translated (docs/translation.md): one row per translated message, and the
//! characters sent to the provider per desk-local day for the quota. The store neither
//! translates nor knows the providers: the relay decides and writes here in the transaction
//! that records the delivery, so a translation is never kept without its message's progress.

use crate::time::{from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{AgentId, MessageId, Timestamp, WorkspaceId};

/// Which way a message was translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationPurpose {
    /// A client's message, translated for the agents.
    Incoming,
    /// An agent's answer, translated for the client.
    Answer,
}

impl TranslationPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationPurpose::Incoming => "incoming",
            TranslationPurpose::Answer => "answer",
        }
    }

    fn parse(raw: &str) -> Result<TranslationPurpose, StoreError> {
        match raw {
            "incoming" => Ok(TranslationPurpose::Incoming),
            "answer" => Ok(TranslationPurpose::Answer),
            other => Err(StoreError::Invalid(format!(
                "unknown translation purpose {other:?}"
            ))),
        }
    }
}

/// What became of a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationState {
    /// A client's message: the translation is in the thread.
    Shown,
    /// An answer waiting for its agent to send the translation or the original.
    Pending,
    /// The client gets the translation.
    Approved,
    /// The client gets the answer as written.
    Declined,
    /// Not translated (the note says why); the message went as written.
    Failed,
}

impl TranslationState {
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationState::Shown => "shown",
            TranslationState::Pending => "pending",
            TranslationState::Approved => "approved",
            TranslationState::Declined => "declined",
            TranslationState::Failed => "failed",
        }
    }

    fn parse(raw: &str) -> Result<TranslationState, StoreError> {
        Ok(match raw {
            "shown" => TranslationState::Shown,
            "pending" => TranslationState::Pending,
            "approved" => TranslationState::Approved,
            "declined" => TranslationState::Declined,
            "failed" => TranslationState::Failed,
            other => {
                return Err(StoreError::Invalid(format!(
                    "unknown translation state {other:?}"
                )))
            }
        })
    }
}

/// One message's translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageTranslation {
    pub message: MessageId,
    pub purpose: TranslationPurpose,
    /// The language it was written in, when known (detected or told by the provider).
    pub source_lang: Option<String>,
    pub target_lang: String,
    /// The translation; `None` when it failed.
    pub text: Option<String>,
    pub state: TranslationState,
    /// Why it was not translated, or what the agent should know (a risky translation).
    pub note: Option<String>,
    /// Which provider translated it (`deepl`, `google`, `libretranslate`, `openai`).
    pub provider: String,
    /// The thread message that shows it: the translation, or the prompt with its buttons.
    pub shown_message_id: Option<i64>,
    pub decided_by: Option<AgentId>,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

type Row = (
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
);

const COLUMNS: &str = "message_id, purpose, source_lang, target_lang, text, state, note, provider,
     shown_message_id, decided_by, created_at, decided_at";

fn from_row(row: Row) -> Result<MessageTranslation, StoreError> {
    let (
        message,
        purpose,
        source_lang,
        target_lang,
        text,
        state,
        note,
        provider,
        shown,
        by,
        at,
        decided,
    ) = row;
    Ok(MessageTranslation {
        message: MessageId(message),
        purpose: TranslationPurpose::parse(&purpose)?,
        source_lang,
        target_lang,
        text,
        state: TranslationState::parse(&state)?,
        note,
        provider,
        shown_message_id: shown,
        decided_by: by.map(AgentId),
        created_at: from_millis(at)?,
        decided_at: decided.map(from_millis).transpose()?,
    })
}

impl Store {
    /// The message's translation, if it has one.
    pub async fn message_translation(
        &self,
        ws: WorkspaceId,
        message: MessageId,
    ) -> Result<Option<MessageTranslation>, StoreError> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM message_translations WHERE workspace_id = $1 AND message_id = $2"
        ))
        .bind(ws.0)
        .bind(message.0)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        row.map(from_row).transpose()
    }

    /// The translations of a ticket's messages, in message order (the console shows them).
    pub async fn ticket_translations(
        &self,
        ws: WorkspaceId,
        ticket: ticketgram_domain::TicketId,
    ) -> Result<Vec<MessageTranslation>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM message_translations
             WHERE workspace_id = $1 AND message_id IN
                 (SELECT id FROM messages WHERE workspace_id = $1 AND ticket_id = $2)
             ORDER BY message_id"
        ))
        .bind(ws.0)
        .bind(ticket.0)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Characters translated on the desk's `day` (`YYYY-MM-DD`, its local day).
    pub async fn translation_usage(&self, ws: WorkspaceId, day: &str) -> Result<u64, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT chars FROM translation_usage WHERE workspace_id = $1 AND day = $2",
        )
        .bind(ws.0)
        .bind(day)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(row.map_or(0, |(chars,)| u64::try_from(chars).unwrap_or(0)))
    }
}

impl Tx {
    /// A client edited a translated message: its translation becomes `text` (`None`: the
    /// edit could not be translated). `false` when the message has no translation.
    pub async fn update_translation_text(
        &self,
        ws: WorkspaceId,
        message: MessageId,
        text: Option<&str>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE message_translations SET text = $1 WHERE workspace_id = $2 AND message_id = $3",
        )
        .bind(text)
        .bind(ws.0)
        .bind(message.0)
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records the message's translation; a second record for the same message (a job run
    /// again after a crash) keeps the first.
    pub async fn record_translation(
        &self,
        ws: WorkspaceId,
        translation: &MessageTranslation,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO message_translations (workspace_id, message_id, purpose, source_lang,
                 target_lang, text, state, note, provider, shown_message_id, decided_by,
                 created_at, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (workspace_id, message_id) DO NOTHING",
        )
        .bind(ws.0)
        .bind(translation.message.0)
        .bind(translation.purpose.as_str())
        .bind(translation.source_lang.as_deref())
        .bind(&translation.target_lang)
        .bind(translation.text.as_deref())
        .bind(translation.state.as_str())
        .bind(translation.note.as_deref())
        .bind(&translation.provider)
        .bind(translation.shown_message_id)
        .bind(translation.decided_by.map(|a| a.0))
        .bind(to_millis(translation.created_at))
        .bind(translation.decided_at.map(to_millis))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// An agent's decision on a pending answer: `true` when it was still pending (a second
    /// tap, or a colleague's, finds it decided and changes nothing).
    pub async fn decide_translation(
        &self,
        ws: WorkspaceId,
        message: MessageId,
        state: TranslationState,
        by: AgentId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE message_translations SET state = $3, decided_by = $4, decided_at = $5
             WHERE workspace_id = $1 AND message_id = $2 AND state = 'pending'",
        )
        .bind(ws.0)
        .bind(message.0)
        .bind(state.as_str())
        .bind(by.0)
        .bind(to_millis(at))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds `chars` to the desk's count for `day`.
    pub async fn add_translation_usage(
        &self,
        ws: WorkspaceId,
        day: &str,
        chars: u64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO translation_usage (workspace_id, day, chars) VALUES ($1, $2, $3)
             ON CONFLICT (workspace_id, day) DO UPDATE SET chars = translation_usage.chars + excluded.chars",
        )
        .bind(ws.0)
        .bind(day)
        .bind(i64::try_from(chars).unwrap_or(i64::MAX))
        .execute(&mut *self.conn().await?)
        .await?;
        Ok(())
    }
}
