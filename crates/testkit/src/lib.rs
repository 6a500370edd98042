//! What Ticketgram's test suites share, so each story reads as the support story it tells
//! and every suite sets its world up the same way (see `docs/testing.md`):
//!
//! - [`database`]: a fresh database per test — a SQLite file, or a PostgreSQL database
//!   created on `TEST_DATABASE_URL` and dropped afterwards (skipped, with a notice, without it);
//! - [`eventually`]: waiting for what the desk does on its own time, with a generous bound and
//!   a failure that names what was awaited — never a timed assertion;
//! - [`telegram`]: the sandbox playing Telegram, with the desk's bot, channel and group;
//! - [`desk`]: a whole desk on top — database, workspace, agents, topics, relay — with the
//!   clients' ([`people`]), the tickets' ([`tickets`]) and the staff's ([`staff`]) side of it.
//!
//! A dev-dependency only: no library of the workspace depends on it otherwise.

pub mod database;
pub mod desk;
pub mod desks;
pub mod eventually;
pub mod help_centre;
pub mod history;
pub mod log;
pub mod messages;
pub mod people;
pub mod staff;
pub mod telegram;
pub mod tickets;
pub mod upgrade;
pub mod webhook;

pub use database::{postgres_server, TestDatabase, TEST_DATABASE_URL};
pub use desk::{relay_desk, DeskSetup, TestDesk, TEST_SECRET_KEY};
pub use desks::DeskInTelegram;
pub use eventually::{eventually, eventually_within, Look, WAIT};
pub use log::init_test_log;
pub use messages::{button_data, message_id, said, sent_by, text_of};
pub use people::Client;
pub use telegram::TelegramDesk;
pub use webhook::Webhook;
