//! Links into Telegram for a ticket: its discussion thread, or the card's channel post.
//!
//! Private chats are linked as `https://t.me/c/<id>/<message>`, where `<id>` is the chat id
//! without its `-100` prefix; `?thread=<id>` opens the message inside its comment thread.

use crate::desk::Desk;
use crate::RelayError;
use ticketgram_domain::public_chats::private_link_id as internal_id;
use ticketgram_domain::TicketId;
use ticketgram_store::TicketPost;

/// The link an agent taps to open the ticket's conversation; `None` before the card is out.
pub async fn ticket_link(desk: &Desk, ticket: TicketId) -> Result<Option<String>, RelayError> {
    let post = desk.store.find_ticket_post(desk.ws(), ticket).await?;
    Ok(post.as_ref().and_then(link_of_post))
}

pub fn link_of_post(post: &TicketPost) -> Option<String> {
    if let (Some(group), Some(thread)) = (post.group_chat_id, post.thread_message_id) {
        return Some(format!(
            "https://t.me/c/{}/{thread}?thread={thread}",
            internal_id(group)
        ));
    }
    let message = post.channel_message_id?;
    Some(format!(
        "https://t.me/c/{}/{message}",
        internal_id(post.channel_chat_id)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticketgram_domain::TicketId;

    #[test]
    fn threads_are_linked_in_the_group_and_cards_in_the_channel() {
        let mut post = TicketPost {
            ticket: TicketId(1),
            channel_chat_id: -1001111111111,
            channel_message_id: Some(42),
            group_chat_id: None,
            thread_message_id: None,
            workspace: ticketgram_domain::WorkspaceId(1),
            created_at: chrono::DateTime::UNIX_EPOCH,
            card_fingerprint: None,
        };
        assert_eq!(
            link_of_post(&post).as_deref(),
            Some("https://t.me/c/1111111111/42")
        );
        post.group_chat_id = Some(-1002222222222);
        post.thread_message_id = Some(7);
        assert_eq!(
            link_of_post(&post).as_deref(),
            Some("https://t.me/c/2222222222/7?thread=7")
        );
    }
}
