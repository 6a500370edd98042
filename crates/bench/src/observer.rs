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
    group: ChatRef,
    bot: UserId,
    next_id: i64,
    ledger: Arc<Ledger>,
}

impl Observer {
    pub fn spawn(desk: &BenchDesk, ledger: Arc<Ledger>) -> Result<Observer, BenchError> {
        let world = desk.world().clone();
        let watcher = world.create_user("Observer", None, None);
        let quiet = world.private_chat(desk.bot.id, watcher)?;
        let mut scanner = Scanner {
            world,
            group: desk.group,
            bot: desk.bot.id,
            next_id: 1,
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
        while let Some(message) = self.world.message(self.group, self.next_id) {
            self.record(&message);
            self.next_id += 1;
        }
    }

    fn sweep(&mut self) {
        for message in self.world.chat_messages(self.group) {
            let id = message["message_id"].as_i64().unwrap_or(0);
            if id >= self.next_id {
                self.record(&message);
                self.next_id = id + 1;
            }
        }
    }

    fn record(&self, message: &Value) {
        let now = Instant::now();
        if let Some(token) = relayed_token(message, self.bot) {
            self.ledger.arrived(token, now);
        }
    }
}

/// The client token of a bot's comment in a ticket thread. The card's automatic forward is
/// skipped: it may quote the client's first message, but it is not the relayed copy.
pub fn relayed_token(message: &Value, bot: UserId) -> Option<Token> {
    if message.pointer("/from/id").and_then(Value::as_i64) != Some(bot) {
        return None;
    }
    message.get("message_thread_id")?;
    let text = message
        .get("text")
        .or_else(|| message.get("caption"))
        .and_then(Value::as_str)?;
    Token::find(text)
}
