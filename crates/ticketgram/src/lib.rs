//! The `ticketgram` binary's library half: settings, logging, the CLI definition and the
//! [`app::run`] entry point. Kept as a library so integration tests can start an instance
//! in-process; `main.rs` only glues these together.

pub mod app;
pub mod cli;
pub mod demo;
pub mod settings;
pub mod shutdown;
pub mod telemetry;
