//! Clients: the marketplace's users who write to the client bot.

use crate::audit::Actor;
use crate::ids::{ClientId, WorkspaceId};
use crate::language::Language;
use crate::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockState {
    pub reason: String,
    pub by: Actor,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub id: ClientId,
    pub workspace: WorkspaceId,
    pub telegram_user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language: Language,
    pub blocked: Option<BlockState>,
    pub created_at: Timestamp,
    /// When the desk erased the client's personal data (see docs/privacy.md): the row stays
    /// so the tickets still count in reports, but it names nobody.
    #[serde(default)]
    pub erased_at: Option<Timestamp>,
}

impl Client {
    /// The name agents see on the ticket card: "Anna Petrova (@anna, id 42)".
    pub fn display_name(&self) -> String {
        let mut name = self.first_name.clone();
        if let Some(last) = &self.last_name {
            name.push(' ');
            name.push_str(last);
        }
        match &self.username {
            Some(u) => format!("{name} (@{u}, id {})", self.telegram_user_id),
            None => format!("{name} (id {})", self.telegram_user_id),
        }
    }

    pub fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked.is_some()
    }
}
