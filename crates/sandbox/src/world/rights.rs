//! What an administrator may do: the rights fields of `ChatMemberAdministrator`.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The rights of one administrator. [`Default`] is what the sandbox grants when a test just
/// says "admin": everything a support bot needs (posting, editing, deleting, pinning, topics)
/// except promoting others and stories. Fields absent from a JSON body take those defaults.
///
/// Telegram shows some rights only for some chats: `can_post_messages` and
/// `can_edit_messages` for channels, `can_pin_messages` for groups, `can_manage_topics` for
/// supergroups; the others everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminRights {
    pub is_anonymous: bool,
    pub can_manage_chat: bool,
    pub can_delete_messages: bool,
    pub can_manage_video_chats: bool,
    pub can_restrict_members: bool,
    pub can_promote_members: bool,
    pub can_change_info: bool,
    pub can_invite_users: bool,
    pub can_post_stories: bool,
    pub can_edit_stories: bool,
    pub can_delete_stories: bool,
    pub can_post_messages: bool,
    pub can_edit_messages: bool,
    pub can_pin_messages: bool,
    pub can_manage_topics: bool,
}

impl Default for AdminRights {
    fn default() -> AdminRights {
        AdminRights {
            is_anonymous: false,
            can_manage_chat: true,
            can_delete_messages: true,
            can_manage_video_chats: true,
            can_restrict_members: true,
            can_promote_members: false,
            can_change_info: true,
            can_invite_users: true,
            can_post_stories: false,
            can_edit_stories: false,
            can_delete_stories: false,
            can_post_messages: true,
            can_edit_messages: true,
            can_pin_messages: true,
            can_manage_topics: true,
        }
    }
}

impl AdminRights {
    /// Every right: what a chat's creator holds.
    pub fn all() -> AdminRights {
        AdminRights {
            is_anonymous: false,
            can_manage_chat: true,
            can_delete_messages: true,
            can_manage_video_chats: true,
            can_restrict_members: true,
            can_promote_members: true,
            can_change_info: true,
            can_invite_users: true,
            can_post_stories: true,
            can_edit_stories: true,
            can_delete_stories: true,
            can_post_messages: true,
            can_edit_messages: true,
            can_pin_messages: true,
            can_manage_topics: true,
        }
    }
}

/// Where the rights are shown, since each chat kind has its own subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RightsScope {
    Channel,
    Group,
    Supergroup,
}

impl AdminRights {
    /// The `ChatMemberAdministrator` object for `user` with these rights.
    pub(crate) fn member_json(&self, user: Value, scope: RightsScope) -> Value {
        let mut v = json!({
            "status": "administrator", "user": user, "can_be_edited": false,
            "is_anonymous": self.is_anonymous,
            "can_manage_chat": self.can_manage_chat,
            "can_delete_messages": self.can_delete_messages,
            "can_manage_video_chats": self.can_manage_video_chats,
            "can_restrict_members": self.can_restrict_members,
            "can_promote_members": self.can_promote_members,
            "can_change_info": self.can_change_info,
            "can_invite_users": self.can_invite_users,
            "can_post_stories": self.can_post_stories,
            "can_edit_stories": self.can_edit_stories,
            "can_delete_stories": self.can_delete_stories,
        });
        match scope {
            RightsScope::Channel => {
                v["can_post_messages"] = json!(self.can_post_messages);
                v["can_edit_messages"] = json!(self.can_edit_messages);
            }
            RightsScope::Group => {
                v["can_pin_messages"] = json!(self.can_pin_messages);
            }
            RightsScope::Supergroup => {
                v["can_pin_messages"] = json!(self.can_pin_messages);
                v["can_manage_topics"] = json!(self.can_manage_topics);
            }
        }
        v
    }
}
