//! Faults injected through the control API, to test a bot's error handling.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// A fault to inject into the Bot API side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Fault {
    /// The next `n` Bot API calls (any bot, any method) answer 500 "Internal Server Error".
    ServerErrors { n: u32 },
    /// Every Bot API call arriving in the next `millis` ms hangs until the window ends,
    /// like a network stall.
    Stall { millis: u64 },
    /// The next `n` sending calls answer 429 with `retry_after`.
    FloodStorm { n: u32, retry_after: u64 },
    /// Aimed at one chat (its Telegram id: the user's id for a private chat): once `after`
    /// more sending calls into it went through, the next `n` answer 429 with `retry_after`.
    /// Hits the second part of a split answer, say, whatever else the bot is sending.
    ChatFloodStorm {
        chat: i64,
        after: u32,
        n: u32,
        retry_after: u64,
    },
}

/// A [`Fault::ChatFloodStorm`] still to come or still raging.
#[derive(Debug)]
struct ChatStorm {
    chat: i64,
    after: u32,
    n: u32,
    retry_after: u64,
}

#[derive(Debug, Default)]
pub struct Faults {
    server_errors: u32,
    stall_until: Option<Instant>,
    storm: u32,
    storm_retry_after: u64,
    chat_storms: Vec<ChatStorm>,
}

impl Faults {
    pub fn inject(&mut self, fault: Fault) {
        match fault {
            Fault::ServerErrors { n } => self.server_errors += n,
            Fault::Stall { millis } => {
                self.stall_until = Some(Instant::now() + Duration::from_millis(millis));
            }
            Fault::FloodStorm { n, retry_after } => {
                self.storm += n;
                self.storm_retry_after = retry_after.max(1);
            }
            Fault::ChatFloodStorm {
                chat,
                after,
                n,
                retry_after,
            } => self.chat_storms.push(ChatStorm {
                chat,
                after,
                n,
                retry_after: retry_after.max(1),
            }),
        }
    }

    pub fn clear(&mut self) {
        *self = Faults::default();
    }

    /// How long the current call must hang, if a stall is active.
    pub fn stall(&self) -> Option<Duration> {
        self.stall_until
            .and_then(|until| until.checked_duration_since(Instant::now()))
    }

    pub fn take_server_error(&mut self) -> bool {
        if self.server_errors > 0 {
            self.server_errors -= 1;
            true
        } else {
            false
        }
    }

    /// `Some(retry_after)` when this sending call (into `chat`, if it names one) is part of a
    /// 429 storm.
    pub fn take_storm(&mut self, chat: Option<i64>) -> Option<u64> {
        if self.storm > 0 {
            self.storm -= 1;
            return Some(self.storm_retry_after);
        }
        let chat = chat?;
        let storm = self.chat_storms.iter_mut().find(|s| s.chat == chat)?;
        if storm.after > 0 {
            storm.after -= 1;
            return None;
        }
        let retry_after = storm.retry_after;
        storm.n -= 1;
        self.chat_storms.retain(|s| s.n > 0);
        Some(retry_after)
    }
}
