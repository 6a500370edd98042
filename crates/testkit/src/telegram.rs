//! Telegram as a desk finds it on its first day: the sandbox playing Telegram, a bot, and an
//! agents' channel with its discussion group, the bot an admin of both. Tests that run the
//! `ticketgram` binary themselves start only this; [`crate::TestDesk`] builds on it.

use ticketgram_sandbox::{BotHandle, ChatRef, Sandbox, SandboxConfig, UserId, World};

pub struct TelegramDesk {
    pub sandbox: Sandbox,
    /// Olga, the support lead who created the channel.
    pub owner: UserId,
    /// `@desk_bot`.
    pub bot: BotHandle,
    /// "Support tickets", where ticket cards are posted.
    pub channel: ChatRef,
    /// The channel's discussion group: each card's comments are the ticket's thread.
    pub group: ChatRef,
}

impl TelegramDesk {
    pub async fn start() -> TelegramDesk {
        TelegramDesk::start_with(SandboxConfig::default()).await
    }

    pub async fn start_with(config: SandboxConfig) -> TelegramDesk {
        let sandbox = Sandbox::start(config).await.expect("sandbox starts");
        let world = sandbox.world();
        let owner = world.create_user("Olga", Some("olga_lead"), Some("en"));
        let bot = world.create_bot("desk_bot");
        let (channel, group) = world
            .create_channel_with_discussion(owner, "Support tickets")
            .expect("channel");
        world
            .add_bot_to_chat(bot.id, channel, true)
            .expect("bot in channel");
        world
            .add_bot_to_chat(bot.id, group, true)
            .expect("bot in group");
        TelegramDesk {
            sandbox,
            owner,
            bot,
            channel,
            group,
        }
    }

    /// `user` follows the agents' channel and writes in its threads, as an agent does.
    pub fn joins_the_team_chats(&self, user: UserId) {
        join_team_chats(self.sandbox.world(), self.channel, self.group, user);
    }
}

/// `user` joins the discussion group and follows the channel (in that order, as people do).
pub fn join_team_chats(world: &World, channel: ChatRef, group: ChatRef, user: UserId) {
    world
        .add_member(group, user, false)
        .expect("joins the group");
    world
        .add_member(channel, user, false)
        .expect("follows the channel");
}
