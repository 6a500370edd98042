//! The agents' side: the private channel of ticket cards and its discussion group, where
//! each card's comment thread is the ticket's conversation.

mod buttons;
mod comments;
mod complaint;
mod knowledge;
mod translation;

pub use buttons::handle_button;
pub use comments::{handle_comment, handle_edit, handle_thread_opened, CardForward};
