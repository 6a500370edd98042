//! Further agents' channels (shards, `ticketgram_domain::shard`). A desk whose clients write
//! more than one group can carry (a bot posts about twenty messages a minute into a group)
//! links another channel with its discussion group the same way as the first: an admin adds
//! the bot to both. While the desk's first channel and group are linked, a new channel joins
//! them instead of replacing them; new tickets are then spread over the channels by load.
//! `/channels` lists them; `/channels 2 vip` keeps channel 2 for the queue "vip",
//! `/channels 2 all` opens it to every ticket again, `/channels 2 remove` unlinks it (its
//! tickets stay in their threads; new ones go elsewhere).

use super::reply::Reply;
use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::shard::Shard;
use ticketgram_domain::{Actor, Agent};
use ticketgram_store::desk_profile_keys as keys;

fn more(desk: &Desk) -> Vec<Shard> {
    desk.profile.more_chats.clone()
}

async fn save(
    desk: &Desk,
    fx: &mut Effects<'_>,
    admin: &Agent,
    shards: &[Shard],
) -> Result<(), RelayError> {
    crate::actions::save_profile_setting(
        fx.tx,
        desk.ws(),
        keys::MORE_CHATS,
        Some(&shards),
        "agent_channels",
        Actor::Agent(admin.id),
        fx.now,
    )
    .await
}

/// Whether `channel` joins the desk as a further channel: the first channel and its group are
/// linked and this is another one.
pub(super) fn joins_as_shard(desk: &Desk, channel: i64) -> bool {
    let first = desk.config.chats;
    first.group_id.is_some() && first.channel_id.is_some_and(|c| c != channel)
}

/// Links `channel` (and its group, once known) as a further channel. Returns the text key
/// that tells the admin what happened.
pub(super) async fn link(
    desk: &Desk,
    fx: &mut Effects<'_>,
    admin: &Agent,
    channel: i64,
    group: Option<i64>,
) -> Result<&'static str, RelayError> {
    let mut shards = more(desk);
    match shards.iter_mut().find(|s| s.channel_id == channel) {
        Some(shard) => shard.group_id = group.or(shard.group_id),
        None => shards.push(Shard {
            channel_id: channel,
            group_id: group,
            queue: None,
        }),
    }
    let complete = shards
        .iter()
        .any(|s| s.channel_id == channel && s.takes_cards());
    save(desk, fx, admin, &shards).await?;
    Ok(match complete {
        true => "settings-shard-linked",
        false => "settings-shard-channel",
    })
}

/// The bot left `chat`: if it was a further channel (or its group), that channel takes no
/// more cards. Returns whether it was one.
pub(super) async fn unlink(
    desk: &Desk,
    fx: &mut Effects<'_>,
    admin: &Agent,
    chat: i64,
) -> Result<bool, RelayError> {
    let mut shards = more(desk);
    let before = shards.len();
    shards.retain(|s| s.channel_id != chat && s.group_id != Some(chat));
    if shards.len() == before {
        return Ok(false);
    }
    save(desk, fx, admin, &shards).await?;
    Ok(true)
}

/// `/channels [n queue|all|remove]`.
pub async fn command(
    desk: &Desk,
    fx: &mut Effects<'_>,
    reply: &Reply,
    admin: &Agent,
    args: &str,
) -> Result<(), RelayError> {
    let mut words = args.split_whitespace();
    let (Some(number), Some(what)) = (words.next(), words.next()) else {
        return show(desk, fx, reply).await;
    };
    let mut shards = more(desk);
    // Channel 1 is the desk's first channel, which takes every queue's overflow.
    let index = number.parse::<usize>().ok().and_then(|n| n.checked_sub(2));
    let Some(shard) = index.and_then(|i| shards.get_mut(i)) else {
        return reply.say(desk, fx, "settings-shards-which", &[]).await;
    };
    match what {
        "remove" => {
            let channel = shard.channel_id;
            shards.retain(|s| s.channel_id != channel);
        }
        "all" => shard.queue = None,
        queue => shard.queue = Some(queue.to_lowercase()),
    }
    save(desk, fx, admin, &shards).await?;
    let mut desk = desk.clone();
    desk.config.more_chats = shards.into();
    show(&desk, fx, reply).await
}

async fn show(desk: &Desk, fx: &mut Effects<'_>, reply: &Reply) -> Result<(), RelayError> {
    let shards = desk.config.shards();
    if shards.is_empty() {
        return reply.say(desk, fx, "settings-shards-none", &[]).await;
    }
    let mut lines = vec![reply.text(desk, "settings-shards-title", &[])];
    for (i, shard) in shards.iter().enumerate() {
        let key = match (&shard.queue, shard.takes_cards()) {
            (_, false) => "settings-shards-line-no-group",
            (Some(_), true) => "settings-shards-line-queue",
            (None, true) => "settings-shards-line",
        };
        let args = [
            ("number", (i as i64 + 1).into()),
            ("channel", shard.channel_id.to_string().into()),
            ("queue", shard.queue.clone().unwrap_or_default().into()),
        ];
        lines.push(reply.text(desk, key, &args));
    }
    lines.push(reply.text(desk, "settings-shards-how", &[]));
    reply.send(fx, lines.join("\n"), None).await
}
