//! Several bots at once: separate queues, separate private chats, separate file_ids.

use serde_json::json;

use crate::helpers::{drain_updates, ok, sandbox};

#[tokio::test]
async fn bots_are_isolated_from_each_other() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bots: Vec<_> = (0..3)
        .map(|i| world.create_bot(&format!("b{i}_bot")))
        .collect();
    let alice = world.create_user("Alice", None, None);
    for (i, bot) in bots.iter().enumerate() {
        let chat = world.private_chat(bot.id, alice).unwrap();
        world
            .user_sends_text(alice, chat, &format!("to bot {i}"))
            .unwrap();
    }
    for (i, bot) in bots.iter().enumerate() {
        let me = ok(&sandbox, &bot.token, "getMe", json!({})).await;
        assert_eq!(me["id"], bot.id);
        let updates = drain_updates(&sandbox, &bot.token).await;
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0]["message"]["text"], format!("to bot {i}"));
        // The private chat is the user's id for every bot, but message ids are per bot.
        assert_eq!(updates[0]["message"]["chat"]["id"], alice);
        assert_eq!(updates[0]["message"]["message_id"], 1);
    }

    // The same file reaches two bots in a group under different file_ids.
    let group = world
        .create_group(alice, "Both", ticketgram_sandbox::GroupKind::Supergroup)
        .unwrap();
    world.add_bot_to_chat(bots[0].id, group, true).unwrap();
    world.add_bot_to_chat(bots[1].id, group, true).unwrap();
    drain_updates(&sandbox, &bots[0].token).await;
    drain_updates(&sandbox, &bots[1].token).await;
    world
        .user_sends_document(alice, group, b"shared".to_vec(), "a.txt", None)
        .unwrap();
    let a = drain_updates(&sandbox, &bots[0].token).await;
    let b = drain_updates(&sandbox, &bots[1].token).await;
    let doc_a = &a[0]["message"]["document"];
    let doc_b = &b[0]["message"]["document"];
    assert_eq!(doc_a["file_unique_id"], doc_b["file_unique_id"]);
    assert_ne!(doc_a["file_id"], doc_b["file_id"]);

    // Each bot downloads through its own file_id and token.
    for (bot, doc) in [(&bots[0], doc_a), (&bots[1], doc_b)] {
        let file = ok(
            &sandbox,
            &bot.token,
            "getFile",
            json!({"file_id": doc["file_id"]}),
        )
        .await;
        let url = format!(
            "{}file/bot{}/{}",
            sandbox.base_url(),
            bot.token,
            file["file_path"].as_str().unwrap()
        );
        let bytes = reqwest::get(url).await.unwrap().bytes().await.unwrap();
        assert_eq!(bytes.as_ref(), b"shared");
    }
}
