//! The clients' side: people who write to the desk's bot in private, and what they see.

use serde_json::Value;
use std::time::Duration;
use ticketgram_sandbox::{ChatRef, UserId};

use crate::desk::TestDesk;
use crate::eventually::WAIT;
use crate::messages::{button_data, message_id, sent_by, text_of};

/// A Telegram user with a private chat with the desk's bot.
pub struct Client {
    pub user: UserId,
    pub chat: ChatRef,
}

impl TestDesk {
    /// A new client with a private chat with the bot.
    pub fn client(&self, name: &str, language: &str) -> Client {
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some(language));
        let chat = world.private_chat(self.bot.id, user).expect("private chat");
        Client { user, chat }
    }

    /// The client writes to the bot; returns the message's id.
    pub fn says(&self, client: &Client, text: &str) -> i64 {
        let sent = self
            .sandbox
            .world()
            .user_sends_text(client.user, client.chat, text)
            .expect("client sends");
        message_id(&sent)
    }

    /// What the bot sent the client, waiting until `done` holds.
    pub async fn client_sees(
        &self,
        client: &Client,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        self.client_sees_within(client, WAIT, done).await
    }

    pub async fn client_sees_within(
        &self,
        client: &Client,
        wait: Duration,
        done: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let bot = self.bot.id;
        self.sandbox
            .world()
            .wait_for(client.chat, wait, |all| done(&sent_by(all, bot)))
            .await
            .map(|all| sent_by(&all, bot))
            .unwrap_or_else(|all| {
                panic!(
                    "client never saw what we waited for; got {:#?}",
                    sent_by(&all, bot)
                )
            })
    }

    /// Waits until the bot said something containing `needle` to the client, and returns it.
    pub async fn client_gets(&self, client: &Client, needle: &str) -> Value {
        let seen = self
            .client_sees(client, |msgs| {
                msgs.iter().any(|m| text_of(m).contains(needle))
            })
            .await;
        seen.into_iter()
            .rev()
            .find(|m| text_of(m).contains(needle))
            .expect("found")
    }

    /// Presses an inline button (by its label) on the bot's latest message that has it, and
    /// returns the press's callback query id.
    pub async fn client_presses(&self, client: &Client, label: &str) -> String {
        let msgs = self
            .client_sees(client, |msgs| {
                msgs.iter().any(|m| button_data(m, label).is_some())
            })
            .await;
        let message = msgs
            .iter()
            .rev()
            .find(|m| button_data(m, label).is_some())
            .expect("button");
        let data = button_data(message, label).expect("data");
        self.sandbox
            .world()
            .user_presses_button(client.user, client.chat, message_id(message), &data)
            .expect("press")
    }

    /// Waits until `chat` has a message (from anyone) containing `needle`, and returns it.
    pub async fn chat_shows(&self, chat: ChatRef, needle: &str) -> Value {
        let seen = self
            .sandbox
            .world()
            .wait_for(chat, WAIT, |msgs| {
                msgs.iter().any(|m| text_of(m).contains(needle))
            })
            .await
            .unwrap_or_else(|all| panic!("never saw {needle:?}; got {all:#?}"));
        seen.into_iter()
            .rev()
            .find(|m| text_of(m).contains(needle))
            .expect("found")
    }

    /// Waits until something in the agents' discussion group contains `needle`.
    pub async fn group_sees(&self, needle: &str) -> Value {
        self.chat_shows(self.group, needle).await
    }
}
