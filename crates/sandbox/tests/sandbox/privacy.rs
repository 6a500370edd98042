//! Privacy mode: a non-admin bot in a group sees only commands and replies to it.

use serde_json::{json, Value};
use ticketgram_sandbox::GroupKind;

use crate::helpers::{drain_updates, ok, sandbox};

fn message_texts(updates: &[Value]) -> Vec<String> {
    updates
        .iter()
        .filter_map(|u| u["message"]["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn non_admin_bot_sees_only_commands_and_replies() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let quiet = world.create_bot("quiet_bot");
    let admin = world.create_bot("admin_bot");
    let alice = world.create_user("Alice", None, None);
    let group = world
        .create_group(alice, "Team", GroupKind::Supergroup)
        .unwrap();
    world.add_bot_to_chat(quiet.id, group, false).unwrap();
    world.add_bot_to_chat(admin.id, group, true).unwrap();

    let joined = drain_updates(&sandbox, &quiet.token).await;
    assert_eq!(
        joined[0]["my_chat_member"]["new_chat_member"]["status"],
        "member"
    );

    world
        .user_sends_text(alice, group, "just chatting")
        .unwrap();
    world.user_sends_text(alice, group, "/help").unwrap();
    world
        .user_sends_text(alice, group, "/help@admin_bot")
        .unwrap();
    let sent = ok(
        &sandbox,
        &quiet.token,
        "sendMessage",
        json!({"chat_id": group.telegram_id(), "text": "I am here"}),
    )
    .await;
    world
        .user_replies(
            alice,
            group,
            sent["message_id"].as_i64().unwrap(),
            "a reply to you",
        )
        .unwrap();

    let seen = message_texts(&drain_updates(&sandbox, &quiet.token).await);
    assert_eq!(seen, ["/help", "a reply to you"]);
    let seen_by_admin = message_texts(&drain_updates(&sandbox, &admin.token).await);
    assert_eq!(
        seen_by_admin,
        [
            "just chatting",
            "/help",
            "/help@admin_bot",
            "a reply to you"
        ],
        "an admin bot sees everything except bots' messages"
    );

    // With privacy mode off, a member bot sees everything too.
    world.set_privacy_mode(quiet.id, false).unwrap();
    world.user_sends_text(alice, group, "now visible").unwrap();
    assert_eq!(
        message_texts(&drain_updates(&sandbox, &quiet.token).await),
        ["now visible"]
    );
}
