//! Applies stored updates, one bot at a time, in `update_id` order.
//!
//! One update, one transaction: whatever handling it changes — tickets, messages, the
//! client's state, history and audit rows, the outbox jobs that will carry it to Telegram —
//! commits together with its processed mark, or nothing does. A crash anywhere inside leaves
//! the update unprocessed and the database as it was, so applying it again after a restart
//! has the whole effect exactly once.

use crate::desk::{Desk, Effects};
use crate::event::{classify, Event};
use crate::heard::HeardLanguages;
use crate::{agents, client_bot, staff, RelayError};
use std::sync::Arc;
use std::time::Duration;
use teloxide_core::types::Update;
use ticketgram_domain::Timestamp;
use ticketgram_store::{Backend, StoredUpdate};

/// A transient failure (the database busy or a serialization victim, a crash test's fault)
/// retries the whole update this many times before the batch stops and waits for the next
/// round; the update keeps its place, so nothing is skipped or reordered.
const ATTEMPTS: u32 = 3;
/// Questions one update may ask (the settings bot's `/status` asks Telegram four).
const MAX_QUESTIONS: u32 = 8;

/// Handles up to `limit` waiting updates. Returns how many were handled, so callers loop
/// while there is a backlog.
///
/// The waiting updates, the desk's current settings and the handling of the whole backlog are
/// one transaction: each update's effects and its processed mark are still all-or-nothing
/// (the batch is), and one commit — the expensive part on PostgreSQL, an fsync — carries them
/// all. Anything unusual (a question for Telegram, a busy database, a failing or malformed
/// update, a crash test's fault) rolls the batch back, and the updates are applied one by one,
/// where each gets its own retries and failure mark.
pub async fn process_pending(desk: &Desk, limit: i64) -> Result<usize, RelayError> {
    let bot = desk.bot_id();
    // On SQLite the waiting updates and the desk's settings are read before the transaction
    // takes the database's one write lock, which the dispatcher and the poller need too; only
    // this instance applies the bot's updates (it holds the bot's lease), so the list cannot
    // change underneath but for new arrivals, which wait for the next round. On PostgreSQL
    // they are read in the transaction, where they cost no commit of their own.
    let (tx, updates, current) = match desk.store.backend() {
        Backend::Sqlite => {
            // Side by side on two of the pool's connections: one round trip's wait, not two
            // (the settings are read in vain when nothing waits, which costs no write).
            let (updates, current) = crate::delivery::side_by_side(
                &desk.store,
                desk.store.unprocessed_updates(bot, limit),
                desk.current(),
            )
            .await;
            let updates = updates?;
            if updates.is_empty() {
                return Ok(0);
            }
            let mut current = current?;
            current.heard = Arc::new(heard_in(&updates));
            let tx = desk.store.begin_tx_for("update").await?;
            let current = current.bound_to(&tx);
            (tx, updates, current)
        }
        Backend::Postgres => {
            let tx = desk.store.begin_tx_for("update").await?;
            let updates = tx.unprocessed_updates(bot, limit).await?;
            if updates.is_empty() {
                tx.rollback().await;
                return Ok(0);
            }
            let mut current = desk.bound_to(&tx).current().await?;
            current.heard = Arc::new(heard_in(&updates));
            (tx, updates, current)
        }
    };
    // The updates after one that moves the desk's group wait for the next round, which reads
    // the desk anew: they are to be classified with the group's new id.
    let config = &current.config;
    let mut updates = updates;
    if let Some(at) = updates.iter().position(|u| moves_desk(u, config)) {
        updates.truncate(at + 1);
    }
    let count = updates.len();
    let lanes = lanes(desk, &updates);
    if lanes.len() > 1 {
        // Several chats waiting on PostgreSQL: each lane its own transaction, side by side.
        tx.rollback().await;
        let applied =
            futures::future::join_all(lanes.into_iter().map(|lane| apply_lane(desk, lane))).await;
        for lane in applied {
            lane?;
        }
        return Ok(count);
    }
    apply_batch(desk, current, tx, &updates).await?;
    Ok(count)
}

/// The languages of the backlog's texts (see [`crate::heard`]).
fn heard_in(updates: &[StoredUpdate]) -> HeardLanguages {
    let parsed: Vec<Update> = updates
        .iter()
        .filter_map(|stored| serde_json::from_str(&stored.payload).ok())
        .collect();
    HeardLanguages::of_updates(&parsed)
}

/// A backlog applied in the transaction that read it (`tx`), or one by one when anything is
/// unusual.
async fn apply_batch(
    desk: &Desk,
    mut current: Desk,
    tx: ticketgram_store::Tx,
    updates: &[StoredUpdate],
) -> Result<(), RelayError> {
    let bot = desk.bot_id();
    let together = match apply_together(&current, &tx, updates).await {
        Ok(()) => tx.commit().await.map_err(RelayError::from),
        Err(e) => {
            tx.rollback().await;
            Err(e)
        }
    };
    match together {
        Ok(()) => crate::metrics::updates_applied(bot, updates.len()),
        Err(e) => {
            tracing::debug!(error = %e, count = updates.len(), "updates applied one by one");
            current.store = desk.store.clone();
            for stored in updates {
                apply_stored(&current, stored).await?;
                crate::metrics::updates_applied(bot, 1);
            }
        }
    }
    Ok(())
}

/// One lane of a backlog: its own transaction, reading the desk's settings anew.
async fn apply_lane(desk: &Desk, lane: Vec<StoredUpdate>) -> Result<(), RelayError> {
    let tx = desk.store.begin_tx_for("update").await?;
    let current = desk.bound_to(&tx).current().await?;
    apply_batch(desk, current, tx, &lane).await
}

/// Below this many updates per lane, one transaction is cheaper than several commits.
const LANE_MIN: usize = 4;

/// The backlog split by chat into at most `update_lanes` lanes, each chat's updates in their order.
///
/// A chat's updates depend on each other (a client's answers follow the question; the
/// agents' thread holds the card's forward before its comments), so one chat stays in one
/// lane. Different chats only meet on shared rows — a ticket both its client and its thread
/// touch, the desk's ticket counter — which PostgreSQL locks (`load_ticket_for_update`) and a
/// version guards, as it does for two instances or the console acting beside the bot; a
/// deadlock between lanes is a transient error, and that lane is applied again one by one.
/// SQLite has one writer, so lanes would only queue: it keeps one transaction.
fn lanes(desk: &Desk, updates: &[StoredUpdate]) -> Vec<Vec<StoredUpdate>> {
    let wanted = (updates.len() / LANE_MIN).min(desk.config.update_lanes);
    if desk.store.backend() != ticketgram_store::Backend::Postgres || wanted < 2 {
        return Vec::new();
    }
    let mut lanes: Vec<Vec<StoredUpdate>> = vec![Vec::new(); wanted];
    for stored in updates {
        let chat = serde_json::from_str::<Update>(&stored.payload)
            .ok()
            .and_then(|u| u.chat().map(|c| c.id.0).or(u.from().map(|f| f.id.0 as i64)))
            .unwrap_or(0);
        lanes[(chat.unsigned_abs() % wanted as u64) as usize].push(stored.clone());
    }
    lanes.retain(|lane| !lane.is_empty());
    lanes
}

/// Whether a stored update changes where the desk lives (its group became a supergroup).
fn moves_desk(stored: &StoredUpdate, config: &crate::desk::DeskConfig) -> bool {
    serde_json::from_str::<Update>(&stored.payload)
        .is_ok_and(|u| matches!(classify(&u, config), Event::GroupUpgraded { .. }))
}

async fn apply_together(
    desk: &Desk,
    tx: &ticketgram_store::Tx,
    updates: &[StoredUpdate],
) -> Result<(), RelayError> {
    let now = chrono::Utc::now();
    let bot = desk.bot_id();
    for stored in updates {
        let Ok(update) = serde_json::from_str::<Update>(&stored.payload) else {
            // Malformed: its failure mark is written by the one-by-one path.
            return Err(RelayError::Internal("a malformed update in the batch"));
        };
        let fresh = desk.with_fresh_lookups();
        let mut fx = Effects::new(&fresh, tx, format!("u{bot}:{}", stored.update_id), now);
        handle(&fresh, &mut fx, &update).await?;
    }
    // Marked together: the batch commits as one anyway.
    let ids: Vec<i64> = updates.iter().map(|stored| stored.update_id).collect();
    tx.mark_updates_processed(bot, &ids, now).await?;
    Ok(())
}

/// Applies one stored update in its own transaction, retrying transient failures; a
/// permanent failure is recorded on the update (for admins to see) and the bot goes on.
async fn apply_stored(desk: &Desk, stored: &StoredUpdate) -> Result<(), RelayError> {
    let now = chrono::Utc::now();
    let update: Update = match serde_json::from_str(&stored.payload) {
        Ok(update) => update,
        Err(e) => {
            tracing::warn!(update_id = stored.update_id, error = %e, "malformed update kept as failed");
            crate::metrics::input_failed(desk.bot_id());
            return mark_failed(
                desk,
                stored.update_id,
                &format!("malformed update: {e}"),
                now,
            )
            .await;
        }
    };
    let mut attempt = 0;
    let mut questions = 0;
    let desk = &desk.with_fresh_lookups();
    loop {
        attempt += 1;
        match apply_once(desk, &update, stored.update_id, now).await {
            Ok(()) => return Ok(()),
            // The handler needs Telegram's or the platform's answer: ask with no transaction
            // open, then apply the update again from the start with the answer at hand.
            Err(RelayError::Ask(question)) if questions < MAX_QUESTIONS => {
                questions += 1;
                attempt -= 1;
                crate::asking::ask(desk, *question).await?;
            }
            Err(e) if e.is_transient() && attempt < ATTEMPTS => {
                tracing::debug!(update_id = stored.update_id, attempt, error = %e, "update retried");
                tokio::time::sleep(Duration::from_millis(20 * u64::from(attempt))).await;
            }
            Err(e) if e.is_transient() => return Err(e),
            Err(e) => {
                tracing::error!(update_id = stored.update_id, error = %e, "update could not be applied");
                crate::metrics::input_failed(desk.bot_id());
                return mark_failed(desk, stored.update_id, &e.to_string(), now).await;
            }
        }
    }
}

async fn apply_once(
    desk: &Desk,
    update: &Update,
    update_id: i64,
    now: Timestamp,
) -> Result<(), RelayError> {
    let bot = desk.bot_id();
    let tx = desk.store.begin_tx_for("update").await?;
    {
        let desk = desk.bound_to(&tx);
        let mut fx = Effects::new(&desk, &tx, format!("u{bot}:{update_id}"), now);
        handle(&desk, &mut fx, update).await?;
    }
    tx.mark_update_processed(bot, update_id, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn mark_failed(
    desk: &Desk,
    update_id: i64,
    error: &str,
    now: Timestamp,
) -> Result<(), RelayError> {
    let tx = desk.store.begin_tx().await?;
    tx.mark_update_failed(desk.bot_id(), update_id, error, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn handle(desk: &Desk, fx: &mut Effects<'_>, update: &Update) -> Result<(), RelayError> {
    let event = classify(update, &desk.config);
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
        Event::GroupUpgraded { from, to } => {
            crate::migration::group_upgraded(desk, fx, from, to).await?;
            Ok(())
        }
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
        Event::ClientFlowButton(query) => client_bot::handle_flow_button(desk, fx, query).await,
        Event::AgentButton(query, action) => agents::handle_button(desk, fx, query, action).await,
        Event::ThreadOpened {
            channel_id,
            group_id,
            channel_post_id,
            thread_id,
            posted_at,
            card_text,
        } => {
            let forward = agents::CardForward {
                channel_id,
                group_id,
                channel_post_id,
                thread_id,
                posted_at,
                card_text,
            };
            agents::handle_thread_opened(desk, fx, forward).await
        }
        Event::ThreadComment { message, thread_id } => {
            agents::handle_comment(desk, fx, message, thread_id).await
        }
        Event::ThreadEdit { message, .. } => agents::handle_edit(desk, fx, message).await,
        Event::PublicMessage(message) => client_bot::public_message(desk, fx, message).await,
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
