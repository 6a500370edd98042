//! What the outbox holds: intentions, not raw API calls. A job names the store rows it is
//! about and is rendered when it is sent, so a retried job sends the current state (a card
//! edited three times while Telegram was down is sent once, as it is now) and a restart
//! needs nothing but the database.

use serde::{Deserialize, Serialize};
use ticketgram_domain::{ClientId, MessageId, TicketId, Timestamp};
use ticketgram_store::{SealingKey, SEALED_PREFIX};

/// The text of a [`Delivery::SaySealed`], opened with the instance's key.
pub fn open_sealed_text(key: Option<&SealingKey>, sealed: &str) -> Result<String, String> {
    let key = key.ok_or("a sealed message needs the instance's secret key to be sent")?;
    let sealed = sealed
        .strip_prefix(SEALED_PREFIX)
        .ok_or("a sealed message without its prefix")?;
    key.open(sealed)
        .map_err(|e| format!("cannot open a sealed message: {e}"))
}

/// One button of an inline keyboard: label and callback data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub text: String,
    pub data: String,
}

/// Keyboards the bots attach. Kept as our own small type so jobs serialise stably whatever
/// the Telegram library's types do between versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "rows", rename_all = "snake_case")]
pub enum Keyboard {
    Inline(Vec<Vec<Button>>),
    /// The persistent menu under the client's input field.
    Reply(Vec<Vec<String>>),
    /// An inline keyboard whose buttons may also copy a text to the clipboard with one tap
    /// (the manager bot's canned replies).
    InlineWithCopy(Vec<Vec<InlineButton>>),
    /// One reply button that asks Telegram to share a user (the settings bot adding an agent);
    /// the label is the button's text.
    RequestUsers(String),
    /// One inline button that opens a link (a public answer's way to the client bot).
    OpenLink {
        text: String,
        url: String,
    },
}

/// A button of [`Keyboard::InlineWithCopy`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InlineButton {
    Callback(Button),
    /// Telegram's `copy_text` button: tapping it copies `copy` (at most 256 characters).
    CopyText {
        text: String,
        copy: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Delivery {
    /// Post the ticket card into the agents' channel; its automatic forward opens the thread.
    PostCard { ticket: TicketId },
    /// Re-render the card in place after a status, assignee or rating change.
    RefreshCard { ticket: TicketId },
    /// Copy a client's message into the ticket's discussion thread.
    ClientToThread { message: MessageId },
    /// Copy a client's album (messages sharing `media_group_id`) as one album.
    ClientAlbumToThread {
        ticket: TicketId,
        media_group_id: String,
    },
    /// Deliver an agent's public reply to the client under the agent's alias.
    AgentToClient { message: MessageId },
    /// Deliver an agent's album to the client.
    AgentAlbumToClient {
        ticket: TicketId,
        media_group_id: String,
    },
    /// Repeat a client's edit on the copy in the thread (or an agent's on the client's copy).
    SyncEdit { message: MessageId },
    /// A bot message to the client about a ticket, stored as a system message so replying to
    /// it routes to the ticket.
    ClientNotice {
        message: MessageId,
        keyboard: Option<Keyboard>,
    },
    /// A bot message to a chat that belongs to no ticket (menus, help, refusals).
    Say {
        chat_id: i64,
        text: String,
        keyboard: Option<Keyboard>,
    },
    /// A bot message that carries a credential (a sign-in link): the outbox keeps its text
    /// sealed with the instance's key (`sealed:v1:…`), opened only to be sent, so a database
    /// dump holds no usable link.
    SaySealed { chat_id: i64, sealed_text: String },
    /// A notice from Ticketgram in the ticket's thread (delivery failures, ratings, transfers).
    ThreadNotice {
        ticket: TicketId,
        text: String,
        keyboard: Option<Keyboard>,
    },
    /// Send a file as a document (reports). The bytes travel inside the job, base64-encoded,
    /// so a retried or taken-over job needs nothing but the outbox row.
    SendDocument {
        chat_id: i64,
        file_name: String,
        bytes_b64: String,
        caption: Option<String>,
    },
    /// Show a reply or note written outside Telegram (the web console, the API) in the
    /// ticket's thread, so agents working in Telegram see the whole conversation.
    MirrorToThread { message: MessageId },
    /// Tell the ticket's owner, through the manager bot, that the client wrote: once for the
    /// burst of messages starting at `first`, when the client has paused.
    ClientBurst { ticket: TicketId, first: MessageId },
    /// One line in the ticket's thread for a client's flood (the messages over the desk's
    /// limit, kept in the history and not relayed): rendered when the client has paused, with
    /// how many were held since `since` (`held_before`: the client's count before it).
    FloodSummary {
        ticket: TicketId,
        client: ClientId,
        since: Timestamp,
        held_before: i64,
    },
    /// Delete a message the bot may delete (a bot token pasted into the settings chat).
    DeleteMessage { chat_id: i64, message_id: i64 },
    /// Translate a client's message for the agents and post the translation under it in the
    /// thread (docs/translation.md); the provider is asked when the job is sent.
    TranslateForThread { message: MessageId },
    /// A client edited a translated message: translate it anew and edit the translation shown
    /// under it in the thread.
    TranslateEditForThread { message: MessageId },
    /// Translate an agent's answer for the client: sent translated, shown to its agent to
    /// confirm first, or sent as written when it cannot be translated.
    TranslateAnswer { message: MessageId },
    /// Replace the text of a bot message in the ticket's thread (a translation prompt once
    /// decided: its buttons go, who decided is said).
    EditThreadMessage {
        ticket: TicketId,
        message_id: i64,
        text: String,
    },
    /// Ask the client of a closed ticket how easy it was (docs/follow-up.md); queued at the
    /// close for later, and skipped when the ticket was reopened or answered meanwhile.
    FollowUp { ticket: TicketId },
    /// Answer a public complaint where it was written (docs/public-complaints.md): `text` as a
    /// reply to the public message, under a button labelled `button` that opens the client bot
    /// (its link is made when sent: the bot's username is Telegram's to tell).
    PublicReply {
        ticket: TicketId,
        text: String,
        button: String,
    },
    /// Stop the spinner on a pressed button, optionally with a toast.
    AnswerCallback {
        callback_id: String,
        text: Option<String>,
        alert: bool,
    },
}

/// Which of the desk's bots sends a job. Telegram answers "chat not found" to a bot that is
/// not in the chat, so the job's chat decides, never the surface that asked: a Take pressed in
/// the manager bot still edits the card through the bot that sits in the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// The client bot: it runs the agents' channel and discussion group (cards, threads) and
    /// is the only bot the clients talk to.
    ClientBot,
    /// The manager bot: agents' private notifications.
    ManagerBot,
    /// The bot of the chat the job names (a menu, a callback answer, a document): whichever
    /// bot the input came through, or the one the caller named.
    Asked,
}

impl Delivery {
    pub fn sender(&self) -> Sender {
        match self {
            Delivery::PostCard { .. }
            | Delivery::RefreshCard { .. }
            | Delivery::ClientToThread { .. }
            | Delivery::ClientAlbumToThread { .. }
            | Delivery::AgentToClient { .. }
            | Delivery::AgentAlbumToClient { .. }
            | Delivery::SyncEdit { .. }
            | Delivery::ClientNotice { .. }
            | Delivery::ThreadNotice { .. }
            | Delivery::MirrorToThread { .. }
            | Delivery::TranslateForThread { .. }
            | Delivery::TranslateEditForThread { .. }
            | Delivery::TranslateAnswer { .. }
            | Delivery::EditThreadMessage { .. }
            | Delivery::FollowUp { .. }
            | Delivery::PublicReply { .. }
            | Delivery::FloodSummary { .. } => Sender::ClientBot,
            Delivery::ClientBurst { .. } => Sender::ManagerBot,
            Delivery::Say { .. }
            | Delivery::SaySealed { .. }
            | Delivery::SendDocument { .. }
            | Delivery::DeleteMessage { .. }
            | Delivery::AnswerCallback { .. } => Sender::Asked,
        }
    }

    /// `text` to `chat_id`, sealed for the outbox (see [`Delivery::SaySealed`]).
    pub fn say_sealed(key: &SealingKey, chat_id: i64, text: &str) -> Delivery {
        Delivery::SaySealed {
            chat_id,
            sealed_text: format!("{SEALED_PREFIX}{}", key.seal(text)),
        }
    }

    /// Jobs about one ticket share an ordering key so they are sent in the order they were
    /// queued; everything else is ordered per chat.
    pub fn ordering_key(&self, ticket_of_message: Option<TicketId>) -> String {
        match self {
            Delivery::PostCard { ticket }
            | Delivery::RefreshCard { ticket }
            | Delivery::ClientAlbumToThread { ticket, .. }
            | Delivery::AgentAlbumToClient { ticket, .. }
            | Delivery::EditThreadMessage { ticket, .. }
            | Delivery::ThreadNotice { ticket, .. } => format!("ticket:{}", ticket.0),
            // The public chat is not the ticket's conversation: nothing there waits for it.
            Delivery::PublicReply { ticket, .. } => format!("public:{}", ticket.0),
            Delivery::ClientToThread { .. }
            | Delivery::TranslateForThread { .. }
            | Delivery::TranslateEditForThread { .. }
            | Delivery::TranslateAnswer { .. }
            | Delivery::AgentToClient { .. }
            | Delivery::SyncEdit { .. }
            | Delivery::MirrorToThread { .. }
            | Delivery::ClientNotice { .. } => match ticket_of_message {
                Some(ticket) => format!("ticket:{}", ticket.0),
                None => "messages".to_string(),
            },
            Delivery::Say { chat_id, .. }
            | Delivery::SaySealed { chat_id, .. }
            | Delivery::SendDocument { chat_id, .. }
            | Delivery::DeleteMessage { chat_id, .. } => {
                format!("chat:{chat_id}")
            }
            // Its own line: a notification waiting for the client to pause holds back nothing
            // of the ticket's conversation.
            Delivery::ClientBurst { ticket, .. } => format!("burst:{}", ticket.0),
            // Waits its delay without holding the ticket's conversation back.
            Delivery::FollowUp { ticket } => format!("followup:{}", ticket.0),
            // Waits for the flood to pause without holding the ticket's conversation back.
            Delivery::FloodSummary { ticket, .. } => format!("flood:{}", ticket.0),
            // Callback answers must come within seconds and order against nothing.
            Delivery::AnswerCallback { callback_id, .. } => format!("callback:{callback_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_round_trip_through_the_outbox_json() {
        let job = Delivery::ClientNotice {
            message: MessageId(9),
            keyboard: Some(Keyboard::Inline(vec![vec![Button {
                text: "Close #7".into(),
                data: "cc:7".into(),
            }]])),
        };
        let json = serde_json::to_string(&job).unwrap();
        assert_eq!(serde_json::from_str::<Delivery>(&json).unwrap(), job);
    }

    #[test]
    fn all_work_on_one_ticket_shares_one_ordering_key() {
        let ticket = Some(TicketId(4));
        assert_eq!(
            Delivery::PostCard {
                ticket: TicketId(4)
            }
            .ordering_key(None),
            "ticket:4"
        );
        assert_eq!(
            Delivery::ClientToThread {
                message: MessageId(1)
            }
            .ordering_key(ticket),
            "ticket:4"
        );
        assert_eq!(
            Delivery::AgentToClient {
                message: MessageId(2)
            }
            .ordering_key(ticket),
            "ticket:4"
        );
    }
}
