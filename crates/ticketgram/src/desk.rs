//! The relay's desk, built from settings: which workspace, where the agents work in Telegram,
//! how notes are marked and which language the agents' side speaks.

use std::sync::Arc;

use ticketgram_domain::{FloodLimit, WorkspaceId};
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
    telegram: &crate::settings::TelegramSettings,
) -> Desk {
    let mut config = DeskConfig::new(ws, chats);
    config.note_prefix = settings.note_prefix.clone();
    config.agent_language = settings.agent_language;
    config.client_flood = (settings.client_messages_per_minute > 0).then_some(FloodLimit {
        burst: settings.client_burst,
        per_minute: settings.client_messages_per_minute,
    });
    config.poll_timeout = std::time::Duration::from_secs(telegram.poll_timeout_secs.into());
    config.pacing = telegram.pacing.is_on();
    Desk::new(store, translator, config)
}

/// The chats the desk works in: those linked through the settings bot (stored in the
/// database) win over the configuration file's, as they do for the running relay.
pub async fn chats_in_effect(desk: &Desk) -> DeskChats {
    match desk.current().await {
        Ok(current) => current.config.chats,
        Err(_) => desk.config.chats,
    }
}

/// Says at start what cannot work yet, naming the settings that fix it: without the channel
/// and its group, clients get answers from the bot but agents never see the tickets.
pub fn warn_if_incomplete(chats: &DeskChats) {
    if let Some(warning) = incomplete_warning(chats) {
        tracing::warn!("{warning}");
    }
}

fn incomplete_warning(chats: &DeskChats) -> Option<String> {
    let missing: Vec<&str> = [
        (chats.channel_id, "desk.channel_id / TICKETGRAM_CHANNEL_ID"),
        (chats.group_id, "desk.group_id / TICKETGRAM_GROUP_ID"),
    ]
    .into_iter()
    .filter(|(id, _)| id.is_none())
    .map(|(_, name)| name)
    .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "the agents' channel is not configured (set {}, or add the bot to the channel \
             and its discussion group as an administrator): tickets are stored and clients \
             are answered, but no ticket can be posted for agents. See README.md, \
             \"Client bot and agents' channel\"",
            missing.join(" and ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticketgram_store::{AgentChats, NewWorkspace};

    #[tokio::test]
    async fn chats_linked_in_the_settings_bot_silence_the_start_up_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/desk.db", dir.path().display());
        let store = Store::connect(&url).await.expect("database");
        store.migrate().await.expect("migrations");
        let now = chrono::Utc::now();
        let ws = store
            .write(async |tx| {
                tx.create_workspace(&NewWorkspace {
                    slug: "desk".into(),
                    name: "Desk".into(),
                    first_ticket_number: 1000,
                    created_at: now,
                })
                .await
            })
            .await
            .expect("workspace")
            .id;
        let file = DeskChats {
            bot_user_id: 1,
            channel_id: None,
            group_id: None,
        };
        let translator = Arc::new(Translator::load().expect("locales"));
        let settings = DeskSettings {
            channel_id: None,
            group_id: None,
            note_prefix: "//".into(),
            agent_language: ticketgram_domain::Language::En,
            client_burst: 30,
            client_messages_per_minute: 30,
        };
        let telegram = crate::settings::TelegramSettings {
            api_url: "https://api.telegram.org".parse().expect("url"),
            bot_token: None,
            webhook_url: None,
            webhook_secret: None,
            poll_timeout_secs: 10,
            pacing: crate::settings::Switch::On,
        };
        let desk = desk(store.clone(), translator, ws, file, &settings, &telegram);
        let before = chats_in_effect(&desk).await;
        assert!(incomplete_warning(&before).is_some_and(|w| w.contains("TICKETGRAM_CHANNEL_ID")));

        let linked = AgentChats {
            channel_id: -1_001_000_000_001,
            group_id: Some(-1_001_000_000_002),
        };
        store
            .write(async |tx| tx.set_agent_chats(ws, &linked, now).await)
            .await
            .expect("linked");
        let after = chats_in_effect(&desk).await;
        assert_eq!(
            (after.channel_id, after.group_id),
            (Some(-1_001_000_000_001), Some(-1_001_000_000_002))
        );
        assert_eq!(incomplete_warning(&after), None);
    }
}
