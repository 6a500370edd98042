//! Per-bot update queues.

use serde_json::{json, Value};

use super::state::{QueuedUpdate, WorldState};

/// What Telegram sends when a bot never chose `allowed_updates`.
const NOT_BY_DEFAULT: [&str; 3] = ["chat_member", "message_reaction", "message_reaction_count"];

impl WorldState {
    /// Queues `payload` as an update of `kind` for `bot`, unless the bot's `allowed_updates`
    /// excludes it (Telegram filters when creating updates, not when delivering them).
    pub fn enqueue(&mut self, bot: i64, kind: &'static str, payload: Value) {
        let Some(state) = self.bots.get_mut(&bot) else {
            return;
        };
        let allowed = match &state.allowed_updates {
            Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
            _ => !NOT_BY_DEFAULT.contains(&kind),
        };
        if !allowed {
            return;
        }
        let id = state.next_update_id;
        state.next_update_id += 1;
        let update = json!({ "update_id": id, kind: payload });
        state.updates.push_back(QueuedUpdate {
            id,
            kind,
            json: update.clone(),
        });
        state.notify.send_modify(|n| *n += 1);
        self.check_emitted(&update, "Update", &format!("update {id} for bot {bot}"));
    }

    /// Drops confirmed updates (`offset` semantics of getUpdates) and returns up to `limit`.
    pub fn take_updates(&mut self, bot: i64, offset: Option<i64>, limit: usize) -> Vec<Value> {
        let Some(state) = self.bots.get_mut(&bot) else {
            return Vec::new();
        };
        match offset {
            Some(o) if o > 0 => state.updates.retain(|u| u.id >= o),
            Some(o) if o < 0 => {
                let keep = o.unsigned_abs() as usize;
                while state.updates.len() > keep {
                    state.updates.pop_front();
                }
            }
            _ => {}
        }
        state
            .updates
            .iter()
            .take(limit)
            .map(|u| u.json.clone())
            .collect()
    }
}
