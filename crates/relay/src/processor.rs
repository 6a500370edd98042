//! Applies stored updates, one bot at a time, in `update_id` order. An update is marked
//! processed only after everything it causes is written; handling it again after a crash
//! writes nothing twice (see `Effects`).

use crate::desk::{Desk, Effects};
use crate::event::{classify, Event};
use crate::{agents, client_bot, staff, RelayError};
use teloxide_core::types::Update;

/// Handles up to `limit` waiting updates. Returns how many were handled, so callers loop
/// while there is a backlog.
pub async fn process_pending(desk: &Desk, limit: i64) -> Result<usize, RelayError> {
    let bot = desk.bot_id();
    let updates = desk.store.unprocessed_updates(bot, limit).await?;
    if updates.is_empty() {
        return Ok(0);
    }
    let desk = &desk.current().await?;
    let count = updates.len();
    for stored in updates {
        let now = chrono::Utc::now();
        let update: Update = match serde_json::from_str(&stored.payload) {
            Ok(update) => update,
            Err(e) => {
                tracing::warn!(update_id = stored.update_id, error = %e, "malformed update kept as failed");
                desk.store
                    .mark_update_failed(
                        bot,
                        stored.update_id,
                        &format!("malformed update: {e}"),
                        now,
                    )
                    .await?;
                continue;
            }
        };
        let mut fx = Effects::new(desk, format!("u{bot}:{}", stored.update_id), now);
        match handle(desk, &mut fx, &update).await {
            Ok(()) => {
                desk.store
                    .mark_update_processed(bot, stored.update_id, now)
                    .await?
            }
            // The database is unreachable: stop here and retry this same update later, so
            // nothing is skipped or reordered.
            Err(e) if e.is_transient() => return Err(e),
            Err(e) => {
                tracing::error!(update_id = stored.update_id, error = %e, "update could not be applied");
                desk.store
                    .mark_update_failed(bot, stored.update_id, &e.to_string(), now)
                    .await?;
            }
        }
    }
    Ok(count)
}

async fn handle(desk: &Desk, fx: &mut Effects<'_>, update: &Update) -> Result<(), RelayError> {
    let event = classify(update, &desk.config.chats);
    let roles = desk.config.roles;
    // A bot that is not the client bot must leave the agents' channel to the one that is, or
    // two bots would relay every agent comment.
    if !roles.client && !event.is_private_to_staff() {
        tracing::debug!(
            update_id = update.id.0,
            "update for another role of the desk ignored"
        );
        return Ok(());
    }
    match event {
        Event::ClientMessage(message) => {
            if staff::handle_private(desk, fx, message).await? {
                return Ok(());
            }
            if roles.client {
                client_bot::handle_message(desk, fx, message).await
            } else {
                staff::not_for_clients(desk, fx, message).await
            }
        }
        Event::ClientEdit(message) if roles.client => {
            client_bot::handle_edit(desk, fx, message).await
        }
        Event::ClientEdit(_) => Ok(()),
        Event::StaffButton(query) => staff::handle_button(desk, fx, query).await,
        Event::BotMembership(change) => {
            // The client bot is the one added to the agents' channel when each role has its
            // own bot; the settings bot's answer then goes out through the settings bot.
            if roles.settings || roles.client {
                crate::settings_bot::handle_membership(desk, fx, change).await
            } else {
                Ok(())
            }
        }
        Event::ClientButton(query, action) => {
            client_bot::handle_button(desk, fx, query, action).await
        }
        Event::AgentButton(query, action) => agents::handle_button(desk, fx, query, action).await,
        Event::ThreadOpened {
            channel_post_id,
            thread_id,
            posted_at,
        } => {
            agents::handle_thread_opened(desk, fx.now, channel_post_id, thread_id, posted_at).await
        }
        Event::ThreadComment { message, thread_id } => {
            agents::handle_comment(desk, fx, message, thread_id).await
        }
        Event::ThreadEdit { message, .. } => agents::handle_edit(desk, fx, message).await,
        Event::ClientBlockedBot { user_id, blocked } => {
            tracing::info!(user_id, blocked, "client changed the bot's access");
            Ok(())
        }
        Event::Ignored(reason) => {
            tracing::debug!(update_id = update.id.0, reason, "update ignored");
            Ok(())
        }
    }
}
