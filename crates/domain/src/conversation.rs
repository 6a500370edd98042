//! Where a client is in a conversation with the client bot. Persisted (as JSON) so a restart
//! never drops a client halfway through a form.

use crate::ids::{MessageId, TicketId, TopicId};
use crate::knowledge::ArticleId;
use crate::message::MediaRef;
use crate::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClientState {
    /// Nothing pending; messages go to the client's current ticket, if any.
    #[default]
    Idle,
    /// The client pressed "New request" and must pick a topic.
    ChoosingTopic,
    /// Topic chosen; the next message is the question that opens the ticket.
    WritingQuestion { topic: Option<TopicId> },
    /// The ticket was closed; waiting for a 1-5 score.
    Rating { ticket: TicketId },
    /// Score given; an optional comment may follow: a reply to the bot's prompt (`prompt`,
    /// the stored message), or the client's next text before `until`. Anything else ends the
    /// step and is handled as usual, so a new question is never taken for a comment.
    RatingComment {
        ticket: TicketId,
        #[serde(default)]
        prompt: Option<MessageId>,
        #[serde(default)]
        until: Option<Timestamp>,
    },
    /// Several open tickets and no way to tell which one a message is for: the bot asked, and
    /// holds the message until the client answers.
    ChoosingTicket { pending: PendingMessage },
    /// The question that would open a request, held while the client reads the articles the
    /// knowledge base suggested for it: "yes, it helped" ends here, "no" (or writing on)
    /// opens the request with this very message.
    ReadingArticles {
        topic: Option<TopicId>,
        pending: PendingMessage,
        articles: Vec<ArticleId>,
        /// The article the client opened last: the one credited when they say it helped.
        #[serde(default)]
        read: Option<ArticleId>,
    },
    /// Somewhere in the desk's self-service flow: `flow` is the engine's state (JSON of
    /// `ticketgram_flows::FlowState`, opaque here so the domain does not depend on the engine),
    /// `revision` the flow revision it belongs to.
    SelfService {
        revision: i64,
        flow: String,
        /// The files the client sent as answers, with the messages they came in: a hand-off
        /// relays those very messages into the ticket's thread.
        #[serde(default)]
        files: Vec<HeldFile>,
    },
    /// A guided dispute form, one answer at a time.
    DisputeForm {
        topic: Option<TopicId>,
        order_number: Option<String>,
        reason: Option<String>,
    },
}

/// A file a client sent while filling in a form, kept until the form becomes a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldFile {
    pub chat_id: i64,
    pub message_id: i64,
    pub media: MediaRef,
}

/// A client message waiting for the client to say which ticket it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingMessage {
    pub chat_id: i64,
    pub message_id: i64,
    pub text: Option<String>,
    pub media: Vec<MediaRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_state_survives_a_round_trip_through_json() {
        let state = ClientState::DisputeForm {
            topic: Some(TopicId(2)),
            order_number: Some("A-1001".into()),
            reason: None,
        };
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<ClientState>(&json).unwrap(), state);
    }

    #[test]
    fn a_comment_step_stored_before_its_window_existed_still_reads() {
        let old = r#"{"state":"rating_comment","ticket":7}"#;
        assert_eq!(
            serde_json::from_str::<ClientState>(old).unwrap(),
            ClientState::RatingComment {
                ticket: TicketId(7),
                prompt: None,
                until: None
            }
        );
    }
}
