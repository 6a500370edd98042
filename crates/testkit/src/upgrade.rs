//! The agents' group as a basic group that Telegram later upgrades to a supergroup (when it
//! becomes the channel's discussion group), for the stories of the desk following its new id.

use ticketgram_sandbox::{ChatRef, GroupKind};
use ticketgram_store::AgentChats;

use crate::TestDesk;

impl TestDesk {
    /// Kate opens a basic group, "Support team", with Max and the bot (an administrator), and
    /// the desk works in it from now on, as when `desk.group_id` names it in the configuration.
    pub async fn agents_work_in_a_basic_group(&self) -> ChatRef {
        let world = self.sandbox.world();
        let kate = self.kate.0;
        let group = world
            .create_group(kate, "Support team", GroupKind::Group)
            .expect("Kate opens a group");
        world
            .add_bot_to_chat(self.bot.id, group, true)
            .expect("the bot joins as an administrator");
        world
            .add_member(group, self.max.0, false)
            .expect("Max joins");
        let chats = AgentChats {
            channel_id: self.channel.telegram_id(),
            group_id: Some(group.telegram_id()),
        };
        let now = chrono::Utc::now();
        self.store
            .write(async |tx| tx.set_agent_chats(self.ws, &chats, now).await)
            .await
            .expect("the desk works in the group");
        group
    }

    /// Kate makes `group` the channel's discussion group. Telegram upgrades a basic group to a
    /// supergroup first: the supergroup (a new chat, with a new id) is returned.
    pub fn makes_it_the_discussion_group(&self, group: ChatRef) -> ChatRef {
        self.sandbox
            .world()
            .link_discussion(self.channel, group, self.kate.0)
            .expect("linked as the discussion group")
    }
}
