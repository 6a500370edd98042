//! Integration tests of the Telegram sandbox, in one test binary for fast builds.

mod captions;
mod client;
mod control_http;
mod echo;
mod entities;
mod get_me;
mod helpers;
mod invalid;
mod migration;
mod multi_bot;
mod privacy;
mod spec_objects;
mod staff_actions;
mod webhook;
