//! A basic group becoming a supergroup: a new chat with a new id, a service message in each,
//! and Telegram's 400 with `parameters.migrate_to_chat_id` for every call naming the old id.

use serde_json::{json, Value};
use ticketgram_sandbox::{ChatRef, GroupKind};

use crate::helpers::{call, drain_updates, ok, sandbox};

#[tokio::test]
async fn an_upgraded_group_answers_with_its_new_id_and_both_chats_say_so() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let olga = world.create_user("Olga", None, None);
    let bot = world.create_bot("desk_bot");
    let group = world
        .create_group(olga, "Support team", GroupKind::Group)
        .unwrap();
    // A plain member with privacy mode on: service messages still reach it.
    world.add_bot_to_chat(bot.id, group, false).unwrap();
    drain_updates(&sandbox, &bot.token).await;

    let supergroup = world.upgrade_group(group, olga).unwrap();
    let (old_id, new_id) = (group.telegram_id(), supergroup.telegram_id());
    assert!(new_id.to_string().starts_with("-100"), "{new_id}");

    let updates = drain_updates(&sandbox, &bot.token).await;
    let messages: Vec<&Value> = updates.iter().map(|u| &u["message"]).collect();
    assert_eq!(messages.len(), 2, "{updates:#?}");
    assert_eq!(messages[0]["chat"]["id"], old_id);
    assert_eq!(messages[0]["migrate_to_chat_id"], new_id);
    assert_eq!(messages[1]["chat"]["id"], new_id);
    assert_eq!(messages[1]["chat"]["type"], "supergroup");
    assert_eq!(messages[1]["migrate_from_chat_id"], old_id);
    // The supergroup's history starts afresh.
    assert_eq!(messages[1]["message_id"], 1);

    let (status, answer) = call(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": old_id, "text": "Anyone here?"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer,
        json!({"ok": false, "error_code": 400,
               "description": "Bad Request: group chat was upgraded to a supergroup chat",
               "parameters": {"migrate_to_chat_id": new_id}})
    );
    let sent = ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": new_id, "text": "Anyone here?"}),
    )
    .await;
    assert_eq!(sent["chat"]["id"], new_id);
    // Members and the bot came along; the old group takes no more messages.
    world.user_sends_text(olga, supergroup, "Here").unwrap();
    assert!(world.user_sends_text(olga, group, "Here").is_err());
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_basic_group_made_a_discussion_group_is_upgraded_first() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let olga = world.create_user("Olga", None, None);
    let channel = world.create_channel(olga, "Support tickets", None).unwrap();
    let group = world
        .create_group(olga, "Support team", GroupKind::Group)
        .unwrap();
    let discussion = world.link_discussion(channel, group, olga).unwrap();
    assert_ne!(discussion, group);
    assert_eq!(
        world.discussion_thread(channel, 1),
        None,
        "no post yet, no thread"
    );
    world.user_sends_text(olga, channel, "Ticket #1").unwrap();
    let (chat, _thread) = world.discussion_thread(channel, 1).unwrap();
    assert_eq!(chat, discussion);
    assert!(matches!(discussion, ChatRef::Group(id) if id.to_string().starts_with("-100")));
}
