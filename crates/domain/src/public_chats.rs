//! Public complaints (docs/public-complaints.md): the public groups and channel comment
//! sections where the desk's client bot listens, how a message there is linked, and how the
//! desk answers in public. The bot only listens where a desk admin added it; the chats are
//! kept in the desk's profile.

use serde::{Deserialize, Serialize};

/// The `/start` payload of the acknowledgement's button: the client bot knows the person
/// who opens it by their Telegram id, so the payload only says where they came from.
pub const JOIN_PAYLOAD: &str = "complaint";

/// A chat the client bot watches for complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedChat {
    pub chat_id: i64,
    pub title: String,
    /// The group's public @username, when it has one.
    #[serde(default)]
    pub username: Option<String>,
    /// The discussion group of another channel than the agents' one: its comments are what
    /// the desk watches.
    #[serde(default)]
    pub comments: bool,
}

impl WatchedChat {
    /// Where `message_id` can be opened: under its public channel's post for a comment
    /// (`comment_on`: the channel's @username and the post's id, giving
    /// `t.me/<channel>/<post>?comment=<id>`), by the group's username, or — a private group —
    /// by its internal id, which only its members can open.
    pub fn link(&self, message_id: i64, comment_on: Option<(&str, i64)>) -> String {
        match (comment_on, &self.username) {
            (Some((channel, post)), _) => {
                format!("https://t.me/{channel}/{post}?comment={message_id}")
            }
            (None, Some(group)) => format!("https://t.me/{group}/{message_id}"),
            _ => format!(
                "https://t.me/c/{}/{message_id}",
                private_link_id(self.chat_id)
            ),
        }
    }
}

/// Whether the desk answers a public complaint in public on its own, or when an agent asks
/// (`/public` in the ticket's thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicAnswer {
    #[default]
    Automatic,
    ByAgents,
}

impl PublicAnswer {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicAnswer::Automatic => "automatic",
            PublicAnswer::ByAgents => "by_agents",
        }
    }
}

/// The desk's public complaint settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSettings {
    #[serde(default)]
    pub chats: Vec<WatchedChat>,
    #[serde(default)]
    pub answer: PublicAnswer,
}

impl PublicSettings {
    pub fn watched(&self, chat_id: i64) -> Option<&WatchedChat> {
        self.chats.iter().find(|c| c.chat_id == chat_id)
    }

    /// Watches `chat` (or refreshes its title and usernames). `true` when it is new.
    pub fn watch(&mut self, chat: WatchedChat) -> bool {
        match self.chats.iter_mut().find(|c| c.chat_id == chat.chat_id) {
            Some(known) => {
                *known = chat;
                false
            }
            None => {
                self.chats.push(chat);
                true
            }
        }
    }

    /// Stops watching `chat_id`; the chat it was, if any.
    pub fn unwatch(&mut self, chat_id: i64) -> Option<WatchedChat> {
        let at = self.chats.iter().position(|c| c.chat_id == chat_id)?;
        Some(self.chats.remove(at))
    }
}

/// `-1001234567890` → `1234567890`: the id `t.me/c/` links use for a private supergroup or
/// channel.
pub fn private_link_id(chat_id: i64) -> String {
    let digits = chat_id.unsigned_abs().to_string();
    match digits.strip_prefix("100") {
        Some(rest) if chat_id < 0 && !rest.is_empty() => rest.to_string(),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(username: Option<&str>, comments: bool) -> WatchedChat {
        WatchedChat {
            chat_id: -1002222222222,
            title: "Market talk".into(),
            username: username.map(str::to_owned),
            comments,
        }
    }

    #[test]
    fn a_comment_is_linked_under_its_channel_post_and_a_group_message_by_the_group() {
        assert_eq!(
            chat(None, true).link(77, Some(("shopnews", 12))),
            "https://t.me/shopnews/12?comment=77"
        );
        assert_eq!(
            chat(Some("market_talk"), false).link(77, None),
            "https://t.me/market_talk/77"
        );
        // A comment under a post of a private channel is linked in its group.
        assert_eq!(
            chat(None, true).link(77, None),
            "https://t.me/c/2222222222/77"
        );
    }

    #[test]
    fn watching_a_chat_again_refreshes_it_and_unwatching_forgets_it() {
        let mut settings = PublicSettings::default();
        assert!(settings.watch(chat(Some("a"), false)));
        assert!(!settings.watch(chat(Some("b"), false)));
        assert_eq!(settings.chats.len(), 1);
        assert_eq!(
            settings
                .watched(-1002222222222)
                .and_then(|c| c.username.as_deref()),
            Some("b")
        );
        assert!(settings.unwatch(-1002222222222).is_some());
        assert!(settings.watched(-1002222222222).is_none());
        assert!(settings.unwatch(-1002222222222).is_none());
    }

    #[test]
    fn private_link_ids_drop_the_supergroup_prefix() {
        assert_eq!(private_link_id(-1001234567890), "1234567890");
        assert_eq!(private_link_id(-4242), "4242");
    }
}
