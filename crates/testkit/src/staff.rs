//! The staff's side: agents in their private chat with the manager bot (the desk's own bot,
//! unless the desk runs separate staff bots: [`crate::DeskSetup::separate_staff_bots`]).

use serde_json::Value;
use ticketgram_domain::{Agent, AgentRole};
use ticketgram_sandbox::{ChatRef, UserId};

use crate::desk::TestDesk;
use crate::eventually::WAIT;
use crate::messages::{button_data, message_id, sent_by, text_of};

impl TestDesk {
    /// An admin of the desk who has opened the bot.
    pub async fn admin(&self, name: &str) -> (UserId, Agent) {
        let world = self.sandbox.world();
        let user = world.create_user(name, Some(&name.to_lowercase()), Some("en"));
        world.private_chat(self.bot.id, user).expect("private chat");
        for staff_bot in [self.manager_bot.id, self.settings_bot.id] {
            world.private_chat(staff_bot, user).expect("private chat");
        }
        let agent = self.register(user, name, AgentRole::Admin, None).await;
        (user, agent)
    }

    pub fn private_chat_of(&self, user: UserId) -> ChatRef {
        self.sandbox
            .world()
            .private_chat(self.manager_bot.id, user)
            .expect("private chat")
    }

    /// `user` writes to the bot in private (a command, usually).
    pub fn agent_says(&self, user: UserId, text: &str) {
        let chat = self.private_chat_of(user);
        self.sandbox
            .world()
            .user_sends_text(user, chat, text)
            .expect("agent sends");
    }

    /// Everything the bot has said to `user` in private so far.
    pub fn agent_inbox(&self, user: UserId) -> Vec<Value> {
        let chat = self.private_chat_of(user);
        sent_by(
            &self.sandbox.world().chat_messages(chat),
            self.manager_bot.id,
        )
    }

    /// Waits for a bot message to `user`, after the first `seen` ones, containing `needle`.
    pub async fn agent_gets_after(&self, user: UserId, seen: usize, needle: &str) -> Value {
        let chat = self.private_chat_of(user);
        let bot = self.manager_bot.id;
        let found = |all: &[Value]| {
            sent_by(all, bot)
                .into_iter()
                .skip(seen)
                .find(|m| text_of(m).contains(needle))
        };
        match self
            .sandbox
            .world()
            .wait_for(chat, WAIT, |all| found(all).is_some())
            .await
        {
            Ok(all) => found(&all).expect("found"),
            Err(all) => panic!("agent never got {needle:?}; got {:#?}", sent_by(&all, bot)),
        }
    }

    /// Waits for a bot message to `user` containing `needle` (any time so far).
    pub async fn agent_gets(&self, user: UserId, needle: &str) -> Value {
        self.agent_gets_after(user, 0, needle).await
    }

    /// Presses the button labelled `label` on `message` in `user`'s private chat.
    pub fn agent_presses(&self, user: UserId, message: &Value, label: &str) {
        let data =
            button_data(message, label).unwrap_or_else(|| panic!("no {label} on {message:#}"));
        let chat = self.private_chat_of(user);
        self.sandbox
            .world()
            .user_presses_button(user, chat, message_id(message), &data)
            .expect("press");
    }
}
