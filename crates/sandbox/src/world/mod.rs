//! The simulated Telegram world and the in-process control API over it.
//!
//! [`World`] is a cheap, cloneable handle. Tests use it directly; the HTTP control API under
//! `/control` is a thin JSON layer over the same methods.

mod acting;
pub mod files;
mod inspect;
pub mod messages;
mod migration;
pub mod rights;
pub(crate) mod setup;
mod sharing;
pub mod state;
pub mod updates;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::shared::Shared;
pub use acting::{MediaUpload, UserMessage};
pub use rights::AdminRights;
pub use state::{ChatKind, ChatRef, MediaKind, Status, SERVICE_USER_ID};

/// A user's (or bot's) Telegram id.
pub type UserId = i64;

/// A bot registered in the sandbox. The token is what a bot library is configured with.
#[derive(Clone, Serialize, Deserialize)]
pub struct BotHandle {
    pub id: UserId,
    pub token: String,
    pub username: String,
}

impl std::fmt::Debug for BotHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotHandle")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The kind of group to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// A basic group.
    Group,
    #[default]
    Supergroup,
    /// A supergroup with topics enabled.
    Forum,
}

/// Handle to the world of one sandbox.
#[derive(Clone, Debug)]
pub struct World {
    shared: Arc<Shared>,
}

impl World {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }
}
