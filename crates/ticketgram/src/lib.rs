//! The `ticketgram` binary's library half: settings, logging, the CLI definition and the
//! [`app::run`] entry point. Kept as a library so integration tests can start an instance
//! in-process; `main.rs` only glues these together.

pub mod admin;
pub mod api_tokens;
pub mod app;
pub mod backup;
pub mod bot;
pub mod classify;
pub mod cli;
pub mod demo;
pub mod desk;
pub mod desk_admin;
pub mod desks;
pub mod flow;
pub mod flow_bench;
pub mod http;
pub mod kb;
pub mod observability;
pub mod retention;
pub mod roster;
pub mod settings;
pub mod shutdown;
pub mod supervisor;
pub mod telemetry;
pub mod token_key;
pub mod webhooks;
pub mod workspace;
