//! The ticket: one client request and its lifecycle.

mod priority;
mod rating;
mod record;
mod status;

pub use priority::Priority;
pub use rating::{Rating, RatingError};
pub use record::{Tag, Ticket};
pub use status::{StatusChange, TicketStatus, TransitionError};
