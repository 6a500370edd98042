//! The agents' group became a supergroup. Telegram upgrades a basic group when its owner asks,
//! or when it is made a channel's discussion group, and gives it a new id: the old one answers
//! every call with 400 and `parameters.migrate_to_chat_id`. The desk learns the new id either
//! from the service message (`migrate_to_chat_id`) in the old group, or from that answer to a
//! send; either way it moves its group in the input's transaction, with an audit row, and
//! what was on its way to the old id goes to the new one.

use crate::desk::{Desk, Effects};
use crate::RelayError;
use ticketgram_domain::{Actor, AuditEntry};
use ticketgram_store::AgentChats;

/// Moves the desk's agents' group from `from` to `to`, if `from` is its group. Returns whether
/// it moved (a second report of the same upgrade finds it moved already).
pub async fn group_upgraded(
    desk: &Desk,
    fx: &Effects<'_>,
    from: i64,
    to: i64,
) -> Result<bool, RelayError> {
    let profile = desk.store.desk_profile(desk.ws()).await?;
    // The group in effect: linked in the settings bot, or from the configuration file.
    let current = match profile.chats {
        Some(chats) => (Some(chats.channel_id), chats.group_id),
        None => (desk.config.chats.channel_id, desk.config.chats.group_id),
    };
    // A further channel's group (a shard) moves in the list it is kept in.
    let mut more = profile.more_chats;
    if let Some(shard) = more.iter_mut().find(|s| s.group_id == Some(from)) {
        shard.group_id = Some(to);
        fx.tx.set_more_agent_chats(desk.ws(), &more, fx.now).await?;
        return audit_move(desk, fx, from, to).await;
    }
    let (Some(channel_id), Some(group)) = current else {
        return Ok(false);
    };
    if group != from {
        return Ok(false);
    }
    let chats = AgentChats {
        channel_id,
        group_id: Some(to),
    };
    fx.tx.set_agent_chats(desk.ws(), &chats, fx.now).await?;
    audit_move(desk, fx, from, to).await
}

async fn audit_move(desk: &Desk, fx: &Effects<'_>, from: i64, to: i64) -> Result<bool, RelayError> {
    tracing::info!(
        from,
        to,
        "the agents' group was upgraded to a supergroup: the desk moved to its new id"
    );
    let entry = AuditEntry {
        workspace: desk.ws(),
        actor: Actor::System,
        action: "desk.group_upgraded".into(),
        subject: "desk".into(),
        details: [("from", from.to_string()), ("to", to.to_string())]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        at: fx.now,
    };
    fx.tx.record_audit(&entry).await?;
    Ok(true)
}
