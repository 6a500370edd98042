//! End-to-end tests of the `ticketgram` binary: the real executable, run as an operator would,
//! each test in its own temporary directory with a clean environment. One test binary for the
//! whole CLI keeps link time down.

mod admin;
mod api_token;
mod backup;
mod check_config;
mod classify;
mod contract;
mod desk;
mod desks;
mod first_run;
mod flow;
mod help;
mod helpers;
mod kill;
mod migrate;
mod observability;
mod python_bot;
mod sandbox;
mod serve;
