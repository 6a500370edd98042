//! The guard on Ticketgram's outgoing HTTP calls: webhooks, a platform's order lookup, and
//! whatever else the desk calls on a URL that someone other than the operator typed in.
//!
//! Such a call must not become a way into the desk's own network (SSRF): by default only
//! public addresses are reached (`address.rs` says which are not, and why), plus the networks the
//! operator allowed ([`DestinationPolicy`]). Build clients with [`GuardedClient::new`]; it
//! checks the addresses actually connected to, at every connection, so a name that changes its
//! address after it was configured (DNS rebinding) gains nothing.

mod address;
mod client;
mod destination;

pub use client::{refusal, GuardedClient};
pub use destination::{CheckedResolver, DestinationError, DestinationPolicy, InvalidNetwork};
