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
}
