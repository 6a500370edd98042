//! The flows Ticketgram ships: `default` reproduces today's menu (new request, my requests,
//! help, language); `marketplace` is a marketplace desk's (order inquiry, disputes, account
//! issues). A desk starts from one and edits its copy.

use crate::flow::{Flow, Invalid};

pub const DEFAULT: &str = include_str!("../flows/default.yaml");
pub const MARKETPLACE: &str = include_str!("../flows/marketplace.yaml");

/// Each shipped flow by name, for `ticketgram flow export` and the console's "start from".
pub const ALL: [(&str, &str); 2] = [("default", DEFAULT), ("marketplace", MARKETPLACE)];

/// The default flow, parsed. Shipped flows are validated by a test, so this fails only for a
/// build whose flows were edited without running the tests.
pub fn default_flow() -> Result<Flow, Invalid> {
    Flow::parse(DEFAULT).map(|parsed| parsed.flow)
}

pub fn marketplace_flow() -> Result<Flow, Invalid> {
    Flow::parse(MARKETPLACE).map(|parsed| parsed.flow)
}
