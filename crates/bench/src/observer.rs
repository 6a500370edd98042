//! One task watches the discussion group for relayed copies and stamps their arrival.
//!
//! `World::wait_for` wakes on every change in the sandbox, but renders the whole chat it
//! waits on each time: waiting on the group itself would cost O(group size) per wake-up and
//! make the observer the bottleneck of a large run. So it waits on an empty private chat
//! (just for the wake-ups) and reads only the group's new messages by id, which the sandbox
//! numbers consecutively per chat.

use crate::desk::BenchDesk;
use crate::ledger::{Ledger, Token};
use crate::BenchError;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use ticketgram_sandbox::{ChatRef, UserId, World};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How long the observer waits without any change before sweeping the whole group, in
/// case a message id was skipped (a deleted message leaves a hole in the numbering).
const IDLE_SWEEP: Duration = Duration::from_millis(100);

pub struct Observer {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

struct Scanner {
    world: World,
    /// Each group, with the id of the next message to read there.
    groups: Vec<(ChatRef, i64)>,
    posters: Vec<UserId>,
    ledger: Arc<Ledger>,
}

impl Observer {
    pub fn spawn(desk: &BenchDesk, ledger: Arc<Ledger>) -> Result<Observer, BenchError> {
        let world = desk.world().clone();
        let watcher = world.create_user("Observer", None, None);
        let quiet = world.private_chat(desk.bot.id, watcher)?;
        let mut scanner = Scanner {
            world,
            groups: desk.groups.iter().map(|g| (*g, 1)).collect(),
            posters: desk.posters.clone(),
            ledger,
        };
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            while !*stopped.borrow() {
                let world = scanner.world.clone();
                let _ = world
                    .wait_for(quiet, IDLE_SWEEP, |_| {
                        scanner.scan_new();
                        *stopped.borrow()
                    })
                    .await;
                scanner.sweep();
            }
        });
        Ok(Observer { stop, task })
    }

    /// Stops after one last sweep, so nothing already in the group is missed.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

impl Scanner {
    fn scan_new(&mut self) {
        for (group, next_id) in &mut self.groups {
            while let Some(message) = self.world.message(*group, *next_id) {
                record(&self.ledger, &self.posters, &message);
                *next_id += 1;
            }
        }
    }

    fn sweep(&mut self) {
        for (group, next_id) in &mut self.groups {
            for message in self.world.chat_messages(*group) {
                let id = message["message_id"].as_i64().unwrap_or(0);
                if id >= *next_id {
                    record(&self.ledger, &self.posters, &message);
                    *next_id = id + 1;
                }
            }
        }
    }
}

fn record(ledger: &Ledger, posters: &[UserId], message: &Value) {
    let now = Instant::now();
    for token in relayed_tokens(message, posters) {
        ledger.arrived(token, now);
    }
}

/// The client tokens in a comment the desk's bots posted in a ticket thread: one, or several
/// for a joined comment. The card's automatic forward is skipped: it may quote the client's
/// first message, but it is not the relayed copy.
pub fn relayed_tokens(message: &Value, posters: &[UserId]) -> Vec<Token> {
    let from = message.pointer("/from/id").and_then(Value::as_i64);
    if !from.is_some_and(|bot| posters.contains(&bot)) || message.get("message_thread_id").is_none()
    {
        return Vec::new();
    }
    message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)
        .map(Token::find_all)
        .unwrap_or_default()
}
