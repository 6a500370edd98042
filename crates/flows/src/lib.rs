//! Self-service flows as data: what the client bot says, asks and does, defined per desk in
//! YAML (or JSON) instead of code.
//!
//! - [`FlowDefinition`]: the format (serde types, with a published JSON Schema: [`schema`]).
//! - [`validate`] / [`Flow::parse`]: every problem with its line, or a runnable [`Flow`].
//! - [`advance`]: the pure state machine. Given a flow, a client's [`FlowState`] and an
//!   [`Input`], it returns the next state and the [`Effect`]s for the bot to carry out.
//! - [`builtin`]: the flows shipped with Ticketgram (today's menu, a marketplace desk).
//!
//! Invariant: no I/O. This crate knows nothing of Telegram, databases or HTTP; it says what to
//! do and the bot does it, then feeds the results back as inputs.

pub mod builtin;
pub mod buttons;
pub mod definition;
pub mod effect;
mod engine;
mod flow;
mod graph;
pub mod input;
mod keywords;
mod parse;
pub mod problem;
pub mod render;
pub mod schema;
pub mod source_map;
pub mod state;
pub mod text;
mod validate;

pub use buttons::is_flow_button;
pub use definition::{BuiltinAction, FlowDefinition, Step};
pub use effect::{
    Analytics, BuiltinLabel, Button, Effect, HandOff, HandOffReason, Label, Notice, Outcome,
    Rejection, Say,
};
pub use engine::advance;
pub use flow::{Flow, Invalid, Parsed};
pub use input::{Input, LookupResult};
pub use problem::{Problem, ProblemKind, Severity};
pub use state::{FieldValue, FlowState, MediaRef, OrderCheck};
pub use text::{Texts, Words};
pub use ticketgram_domain::Language;
pub use validate::validate;
