//! A deployment of many desks as Telegram sees it: in one sandbox, each desk its own team
//! lead, bot, agents' channel and discussion group, and its own clients. What one desk does
//! is looked for in its own chats only, so a story over fifty desks can then check that
//! nothing of one desk shows up in another's.

use serde_json::Value;
use ticketgram_sandbox::{BotHandle, ChatRef, UserId, World};

use crate::eventually::WAIT;
use crate::messages::{sent_by, text_of};
use crate::people::Client;

/// One desk's corner of Telegram.
pub struct DeskInTelegram {
    pub world: World,
    /// The desk's slug (`ticketgram desk create --slug`).
    pub slug: String,
    /// Who created the channel and claims the desk with its setup code.
    pub lead: UserId,
    pub bot: BotHandle,
    /// Where the desk's ticket cards are posted.
    pub channel: ChatRef,
    /// The channel's discussion group: a card's comments are its ticket's thread.
    pub group: ChatRef,
}

impl DeskInTelegram {
    /// A lead with a new bot, a channel and its discussion group. The bot is not in the chats
    /// yet: the lead adds it once they own the desk ([`DeskInTelegram::lead_adds_the_bot`]).
    pub fn open(world: &World, slug: &str) -> DeskInTelegram {
        let handle = slug.replace('-', "_");
        let lead = world.create_user(
            &format!("Lead of {slug}"),
            Some(&format!("{handle}_lead")),
            Some("en"),
        );
        let bot = world.create_bot(&format!("{handle}_bot"));
        let (channel, group) = world
            .create_channel_with_discussion(lead, &format!("{slug} tickets"))
            .expect("channel");
        DeskInTelegram {
            world: world.clone(),
            slug: slug.to_owned(),
            lead,
            bot,
            channel,
            group,
        }
    }

    /// The lead writes to the desk's bot in private (the setup code, a command).
    pub fn lead_tells_the_bot(&self, text: &str) {
        let chat = self.private_chat(self.lead);
        self.world
            .user_sends_text(self.lead, chat, text)
            .expect("lead writes to the bot");
    }

    /// Waits until the bot said something containing `needle` to the lead.
    pub async fn lead_hears(&self, needle: &str) -> Value {
        self.bot_said(self.private_chat(self.lead), needle).await
    }

    /// The lead makes the bot an administrator of the channel and the group: the desk links
    /// them as where its agents work.
    pub fn lead_adds_the_bot(&self) {
        for chat in [self.channel, self.group] {
            self.world
                .add_bot_to_chat(self.bot.id, chat, true)
                .expect("bot added");
        }
    }

    /// A new client of this desk, with a private chat with its bot.
    pub fn client(&self, name: &str) -> Client {
        let handle = name.to_lowercase().replace(' ', "_");
        let user = self.world.create_user(name, Some(&handle), Some("en"));
        Client {
            user,
            chat: self.private_chat(user),
        }
    }

    pub fn client_says(&self, client: &Client, text: &str) {
        self.world
            .user_sends_text(client.user, client.chat, text)
            .expect("client writes");
    }

    /// Waits until the bot said something containing `needle` to the client.
    pub async fn client_gets(&self, client: &Client, needle: &str) -> Value {
        self.bot_said(client.chat, needle).await
    }

    /// Waits for a card containing `needle` in the channel; returns it. Channel posts are
    /// signed by the channel, not the bot, so any post counts (only the bot posts there).
    pub async fn card_shows(&self, needle: &str) -> Value {
        let card = |all: &[Value]| {
            all.iter()
                .rev()
                .find(|m| text_of(m).contains(needle))
                .cloned()
        };
        let all = self
            .world
            .wait_for(self.channel, WAIT, |all| card(all).is_some())
            .await
            .unwrap_or_else(|all| {
                panic!(
                    "{}: no card shows {needle:?}; the channel has {all:#?}",
                    self.slug
                )
            });
        card(&all).expect("found")
    }

    /// The thread of a card: where its ticket's messages are copied and agents answer.
    pub fn thread_of(&self, card: &Value) -> i64 {
        let post = card["message_id"].as_i64().expect("card id");
        self.world
            .discussion_thread(self.channel, post)
            .expect("the card has a thread")
            .1
    }

    /// Waits until the thread holds a message containing `needle`.
    pub async fn thread_shows(&self, thread: i64, needle: &str) -> Value {
        let in_thread =
            |m: &Value| m.get("message_thread_id").and_then(Value::as_i64) == Some(thread);
        let found = self
            .world
            .wait_for(self.group, WAIT, |all| {
                all.iter()
                    .any(|m| in_thread(m) && text_of(m).contains(needle))
            })
            .await
            .unwrap_or_else(|all| {
                panic!(
                    "{}: thread {thread} never showed {needle:?}; group has {all:#?}",
                    self.slug
                )
            });
        found
            .into_iter()
            .find(|m| in_thread(m) && text_of(m).contains(needle))
            .expect("found")
    }

    /// The lead answers in a ticket's thread.
    pub fn lead_comments(&self, thread: i64, text: &str) {
        self.world
            .user_comments(self.lead, self.group, thread, text)
            .expect("lead comments");
    }

    /// Every text in this desk's chats and in its clients' chats with its bot: what the other
    /// desks' stories must never appear in.
    pub fn everything_shown(&self, clients: &[&Client]) -> String {
        let mut chats = vec![self.channel, self.group, self.private_chat(self.lead)];
        chats.extend(clients.iter().map(|c| c.chat));
        chats
            .into_iter()
            .flat_map(|chat| self.world.chat_messages(chat))
            .map(|m| text_of(&m))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn private_chat(&self, user: UserId) -> ChatRef {
        self.world
            .private_chat(self.bot.id, user)
            .expect("private chat")
    }

    async fn bot_said(&self, chat: ChatRef, needle: &str) -> Value {
        let bot = self.bot.id;
        let said = |all: &[Value]| {
            sent_by(all, bot)
                .into_iter()
                .rev()
                .find(|m| text_of(m).contains(needle))
        };
        let all = self
            .world
            .wait_for(chat, WAIT, |all| said(all).is_some())
            .await
            .unwrap_or_else(|all| {
                panic!(
                    "{}: the bot never said {needle:?} in {chat}; got {:#?}",
                    self.slug,
                    sent_by(&all, bot)
                )
            });
        said(&all).expect("found")
    }
}
