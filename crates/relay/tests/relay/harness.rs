//! The relay suite's desk comes from the shared test kit (`crates/testkit`): a sandbox playing
//! Telegram, a fresh database, agents, a channel with its discussion group, and the relay
//! running against them. Re-exported here so the stories import `crate::harness::*`.

use std::ops::{Deref, DerefMut};
use ticketgram_sandbox::SandboxConfig;

pub use ticketgram_testkit::{
    button_data, eventually, eventually_within, message_id, relay_desk, said, text_of, Client,
    TestDatabase, TEST_SECRET_KEY, WAIT,
};

/// The kit's desk under a name of the suite's own, so a story file can add the helpers only
/// it needs (`impl TestDesk { .. }`); everything else reads through to the kit's desk.
pub struct TestDesk(pub ticketgram_testkit::TestDesk);

impl Deref for TestDesk {
    type Target = ticketgram_testkit::TestDesk;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for TestDesk {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl TestDesk {
    pub async fn start() -> TestDesk {
        TestDesk(ticketgram_testkit::TestDesk::start().await)
    }

    /// A desk on the given database URL (PostgreSQL tests), or on a fresh SQLite file.
    pub async fn start_on(config: SandboxConfig, database_url: Option<String>) -> TestDesk {
        TestDesk(ticketgram_testkit::TestDesk::start_on(config, database_url).await)
    }

    /// A desk as `serve` starts it the first time (see the kit's `start_bare`).
    pub async fn start_bare() -> TestDesk {
        TestDesk(ticketgram_testkit::TestDesk::start_bare().await)
    }

    /// A desk that receives updates by webhook instead of long polling.
    pub async fn start_webhook() -> TestDesk {
        TestDesk(ticketgram_testkit::TestDesk::start_webhook().await)
    }

    /// A busy morning's start: `count` clients each open a ticket with a question, and every
    /// question is in its thread with nothing left to send.
    pub async fn morning_questions(&self, count: usize) -> Vec<Client> {
        let clients: Vec<_> = (0..count)
            .map(|i| self.client(&format!("Client{i}"), "en"))
            .collect();
        for (i, client) in clients.iter().enumerate() {
            self.says(client, &format!("Morning question {i}"));
        }
        for i in 0..count {
            self.group_sees(&format!("Morning question {i}")).await;
        }
        self.settled().await;
        clients
    }

    /// `bot`'s calls that post into the agents' group, refused ones included, and its posts
    /// there: the difference is what Telegram refused.
    pub fn group_traffic(&self, bot: ticketgram_sandbox::UserId) -> (u64, u64) {
        let world = self.sandbox.world();
        let landed = world.bot_messages(self.group, bot).len() as u64;
        let calls = [
            "sendMessage",
            "copyMessage",
            "sendMediaGroup",
            "copyMessages",
        ]
        .iter()
        .map(|method| world.call_count(bot, method, Some(self.group)))
        .sum::<u64>();
        (calls, landed)
    }
}
