//! The relay's desk, built from settings: which workspace, where the agents work in Telegram,
//! how notes are marked and which language the agents' side speaks.

use std::sync::Arc;

use ticketgram_domain::WorkspaceId;
use ticketgram_i18n::Translator;
use ticketgram_relay::{Desk, DeskChats, DeskConfig};
use ticketgram_store::Store;

use crate::settings::DeskSettings;

pub fn desk(
    store: Store,
    translator: Arc<Translator>,
    ws: WorkspaceId,
    chats: DeskChats,
    settings: &DeskSettings,
    poll_timeout_secs: u32,
) -> Desk {
    let mut config = DeskConfig::new(ws, chats);
    config.note_prefix = settings.note_prefix.clone();
    config.agent_language = settings.agent_language;
    config.poll_timeout = std::time::Duration::from_secs(poll_timeout_secs.into());
    Desk::new(store, translator, config)
}

/// Says at start what cannot work yet, naming the settings that fix it: without the channel
/// and its group, clients get answers from the bot but agents never see the tickets.
pub fn warn_if_incomplete(chats: &DeskChats) {
    let missing: Vec<&str> = [
        (chats.channel_id, "desk.channel_id / TICKETGRAM_CHANNEL_ID"),
        (chats.group_id, "desk.group_id / TICKETGRAM_GROUP_ID"),
    ]
    .into_iter()
    .filter(|(id, _)| id.is_none())
    .map(|(_, name)| name)
    .collect();
    if !missing.is_empty() {
        tracing::warn!(
            "the agents' channel is not configured (set {}): tickets are stored and clients \
             are answered, but no ticket can be posted for agents. See README.md, \
             \"Client bot and agents' channel\"",
            missing.join(" and ")
        );
    }
}
