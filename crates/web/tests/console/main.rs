//! The web console over HTTP, against a sandbox desk: sign-in, authorization of every route
//! for every role, CSRF, the inbox, replying, live updates, files and reports; and in a real
//! headless Chromium when one is installed.

mod alerts;
mod authz;
mod browser;
mod complaints;
mod desks;
mod flow;
mod flows;
mod follow_up;
mod forecast;
mod harness;
mod kb;
mod lookup;
mod privacy;
mod routing;
mod security;
mod signin;
mod translation;
mod words;
