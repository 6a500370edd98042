//! Clients: the people who write to the client bot, one row per Telegram user per desk.

use crate::conversation::{ClientPlace, CURRENT_TICKET_JOIN, PLACE_COLUMNS};
use crate::ticket_events::parse_actor;
use crate::tickets::parse_language;
use crate::time::{from_millis, opt_from_millis, to_millis};
use crate::Tx;
use crate::{Store, StoreError};
use ticketgram_domain::{
    BlockState, Client, ClientId, Language, LanguageSource, LearnedLanguage, Timestamp, WorkspaceId,
};

/// What Telegram tells us about a user. `attributes` keeps platform-supplied extras
/// (is_premium, the marketplace's user id...) as a JSON object; they are set when the client
/// is first seen and never overwritten by a later Telegram profile refresh, so what the
/// platform supplied survives every message the client sends.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub telegram_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language: Language,
    pub attributes: serde_json::Value,
    pub seen_at: Timestamp,
}

/// A client as a message or button press found them: new or renamed (`profile_changed`, so
/// the cards showing their name are redrawn), or as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct SeenClient {
    pub client: Client,
    pub profile_changed: bool,
    /// Where the client stood ([`Store::client_place`]), read with them, and the step of the
    /// transaction it was read at (see [`Store::client_place_since`]).
    place: Option<(u32, ClientPlace)>,
}

#[derive(sqlx::FromRow)]
struct ClientWithPlaceRow {
    #[sqlx(flatten)]
    client: ClientRow,
    place_state: Option<String>,
    place_current: Option<i64>,
    place_status: Option<String>,
}

pub(crate) const CLIENT_COLUMNS: &str =
    "id, workspace_id, telegram_user_id, first_name, last_name, username, \
     language, language_source, written_language, blocked_reason, blocked_by_kind, \
     blocked_by_id, blocked_at, created_at, erased_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ClientRow {
    id: i64,
    workspace_id: i64,
    telegram_user_id: i64,
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
    language: String,
    language_source: String,
    written_language: Option<String>,
    blocked_reason: Option<String>,
    blocked_by_kind: Option<String>,
    blocked_by_id: Option<i64>,
    blocked_at: Option<i64>,
    created_at: i64,
    erased_at: Option<i64>,
}

impl TryFrom<ClientRow> for Client {
    type Error = StoreError;
    fn try_from(row: ClientRow) -> Result<Client, StoreError> {
        let blocked = match (
            row.blocked_reason,
            row.blocked_by_kind,
            opt_from_millis(row.blocked_at)?,
        ) {
            (Some(reason), Some(kind), Some(at)) => Some(BlockState {
                reason,
                by: parse_actor(&kind, row.blocked_by_id)?,
                at,
            }),
            _ => None,
        };
        Ok(Client {
            id: ClientId(row.id),
            workspace: WorkspaceId(row.workspace_id),
            telegram_user_id: row.telegram_user_id,
            first_name: row.first_name,
            last_name: row.last_name,
            username: row.username,
            language: parse_language(&row.language)?,
            language_source: LanguageSource::parse(&row.language_source).ok_or_else(|| {
                StoreError::Invalid(format!("stored language source {:?}", row.language_source))
            })?,
            written_language: row.written_language,
            blocked,
            created_at: from_millis(row.created_at)?,
            erased_at: opt_from_millis(row.erased_at)?,
        })
    }
}

impl Store {
    pub async fn get_client(&self, ws: WorkspaceId, id: ClientId) -> Result<Client, StoreError> {
        if let Some(kept) = self.snapshot.as_ref().and_then(|s| s.client(ws, id)) {
            return Ok(kept);
        }
        let sql =
            format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 AND id = $2");
        let row: Option<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    /// Several clients in one statement, for a round of deliveries that renders them
    /// together; ids not found are left out.
    pub async fn clients_by_ids(
        &self,
        ws: WorkspaceId,
        ids: &[ClientId],
    ) -> Result<Vec<Client>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let listed = crate::id_lists::in_ids(self.backend(), "id", 2);
        let sql =
            format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 AND {listed}");
        let rows: Vec<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(crate::id_lists::ids_param(ids.iter().map(|id| id.0)))
            .fetch_all(&mut *self.conn().await?)
            .await?;
        rows.into_iter().map(Client::try_from).collect()
    }

    pub async fn find_client_by_telegram_id(
        &self,
        ws: WorkspaceId,
        telegram_user_id: i64,
    ) -> Result<Option<Client>, StoreError> {
        let sql = format!("SELECT {CLIENT_COLUMNS} FROM clients WHERE workspace_id = $1 AND telegram_user_id = $2");
        let row: Option<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(telegram_user_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        row.map(Client::try_from).transpose()
    }

    /// A client by Telegram id with where they stand ([`Store::client_place`]), in one read:
    /// every client message needs both.
    async fn client_with_place(
        &self,
        ws: WorkspaceId,
        telegram_user_id: i64,
    ) -> Result<Option<(Client, ClientPlace)>, StoreError> {
        // Every client message asks: the text is built once, not per message.
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let columns: Vec<String> = CLIENT_COLUMNS
                .split(", ")
                .map(|column| format!("c.{}", column.trim()))
                .collect();
            format!(
                "SELECT {}, {PLACE_COLUMNS}
                 FROM clients c
                 LEFT JOIN client_states cs ON cs.workspace_id = c.workspace_id AND cs.client_id = c.id
                 {CURRENT_TICKET_JOIN}
                 WHERE c.workspace_id = $1 AND c.telegram_user_id = $2",
                columns.join(", ")
            )
        });
        let row: Option<ClientWithPlaceRow> = sqlx::query_as(SQL.as_str())
            .bind(ws.0)
            .bind(telegram_user_id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let place =
            crate::conversation::place_from(row.place_state, row.place_current, row.place_status)?;
        Ok(Some((row.client.try_into()?, place)))
    }

    /// [`Store::client_place`] of the client `seen` describes, taken from that read when this
    /// transaction made no store call since (nothing it did can have moved the client), else
    /// read again.
    pub async fn client_place_since(
        &self,
        ws: WorkspaceId,
        seen: &SeenClient,
    ) -> Result<ClientPlace, StoreError> {
        match &seen.place {
            Some((step, place)) if self.tx.is_some() && *step == self.step() => Ok(place.clone()),
            _ => self.client_place(ws, seen.client.id).await,
        }
    }

    /// The platform-supplied extras stored with the client.
    pub async fn client_attributes(
        &self,
        ws: WorkspaceId,
        id: ClientId,
    ) -> Result<serde_json::Value, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT attributes FROM clients WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        Ok(serde_json::from_str(&row.ok_or(StoreError::NotFound)?.0)?)
    }
}

/// An UPDATE that matched no row means the id is not in this workspace.
pub(crate) fn found(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Workspace isolation for references: the row `id` must exist in `table` within `ws`.
/// `table` is always one of our own literals, never input.
pub(crate) async fn ensure_in_workspace(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    ws: WorkspaceId,
    id: i64,
) -> Result<(), StoreError> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE workspace_id = $1 AND id = $2");
    let (count,): (i64,) = sqlx::query_as(&sql)
        .bind(ws.0)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    if count == 0 {
        return Err(StoreError::Invalid(format!(
            "{table} row {id} is not in workspace {ws}"
        )));
    }
    Ok(())
}

impl Tx {
    /// Registers a client on first contact, or refreshes their Telegram profile. The language
    /// is only set on first contact: afterwards it is the client's own choice in the bot.
    pub async fn upsert_client(
        &self,
        ws: WorkspaceId,
        new: &NewClient,
    ) -> Result<Client, StoreError> {
        Ok(self.client_seen(ws, new).await?.client)
    }

    /// [`Tx::upsert_client`], telling whether what agents see of the client (name, username)
    /// is new. A known client whose profile is unchanged costs one read, and their row is not
    /// rewritten (this runs for a client's every message); otherwise one statement inserts or
    /// updates, so two first messages at once cannot create two clients.
    pub async fn client_seen(
        &self,
        ws: WorkspaceId,
        new: &NewClient,
    ) -> Result<SeenClient, StoreError> {
        if let Some((client, place)) = self.client_with_place(ws, new.telegram_user_id).await? {
            if client.first_name == new.first_name
                && client.last_name == new.last_name
                && client.username == new.username
            {
                return Ok(SeenClient {
                    client,
                    profile_changed: false,
                    place: Some((self.step(), place)),
                });
            }
        }
        let sql = format!(
            "INSERT INTO clients (workspace_id, telegram_user_id, first_name, last_name, username,
                                  language, attributes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (workspace_id, telegram_user_id) DO UPDATE
             SET first_name = excluded.first_name, last_name = excluded.last_name,
                 username = excluded.username
             WHERE clients.first_name IS DISTINCT FROM excluded.first_name
                OR clients.last_name IS DISTINCT FROM excluded.last_name
                OR clients.username IS DISTINCT FROM excluded.username
             RETURNING {CLIENT_COLUMNS}"
        );
        let row: Option<ClientRow> = sqlx::query_as(&sql)
            .bind(ws.0)
            .bind(new.telegram_user_id)
            .bind(&new.first_name)
            .bind(&new.last_name)
            .bind(&new.username)
            .bind(new.language.code())
            .bind(new.attributes.to_string())
            .bind(to_millis(new.seen_at))
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        if let Some(row) = row {
            return Ok(SeenClient {
                client: row.try_into()?,
                profile_changed: true,
                place: None,
            });
        }
        let client = self
            .find_client_by_telegram_id(ws, new.telegram_user_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(SeenClient {
            client,
            profile_changed: false,
            place: None,
        })
    }

    pub async fn set_client_language(
        &self,
        ws: WorkspaceId,
        id: ClientId,
        language: Language,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE clients SET language = $1, language_source = 'chosen'
             WHERE workspace_id = $2 AND id = $3",
        )
        .bind(language.code())
        .bind(ws.0)
        .bind(id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        found(done.rows_affected())
    }

    /// Remembers what a message taught about the client's language (see
    /// [`Client::learns_language`]). The bots' language changes only if the client has not
    /// chosen one in the meantime.
    pub async fn learn_client_language(
        &self,
        ws: WorkspaceId,
        id: ClientId,
        learned: &LearnedLanguage,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE clients SET written_language = $1,
                 language = CASE WHEN $2 IS NOT NULL AND language_source <> 'chosen'
                                 THEN $2 ELSE language END,
                 language_source = CASE WHEN $2 IS NOT NULL AND language_source <> 'chosen'
                                        THEN 'detected' ELSE language_source END
             WHERE workspace_id = $3 AND id = $4",
        )
        .bind(&learned.written)
        .bind(learned.bot_language.map(Language::code))
        .bind(ws.0)
        .bind(id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        found(done.rows_affected())
    }

    /// Blocks (`Some`) or unblocks (`None`) a client.
    pub async fn set_client_block(
        &self,
        ws: WorkspaceId,
        id: ClientId,
        block: Option<&BlockState>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE clients SET blocked_reason = $1, blocked_by_kind = $2, blocked_by_id = $3, blocked_at = $4
             WHERE workspace_id = $5 AND id = $6",
        )
        .bind(block.map(|b| b.reason.clone()))
        .bind(block.map(|b| b.by.kind()))
        .bind(block.and_then(|b| b.by.id()))
        .bind(block.map(|b| to_millis(b.at)))
        .bind(ws.0)
        .bind(id.0)
        .execute(&mut *self.conn().await?)
        .await?;
        found(done.rows_affected())
    }
}
