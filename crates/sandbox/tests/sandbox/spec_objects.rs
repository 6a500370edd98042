//! Every object the sandbox emits validates against the reference's `types`.

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use ticketgram_sandbox::spec::Spec;
use ticketgram_sandbox::validate::check_one;
use ticketgram_sandbox::{GroupKind, MediaKind, MediaUpload, Sandbox};

use crate::helpers::{drain_updates, ok, sandbox_without_flood_limits};

/// Calls a method and validates its result against the method's declared return type.
async fn checked(sandbox: &Sandbox, token: &str, method: &str, params: Value) -> Value {
    let result = ok(sandbox, token, method, params).await;
    let spec = Spec::get();
    let returns = &spec.method(method).unwrap().returns;
    ticketgram_sandbox::validate::check_any(spec, &result, returns, method).unwrap();
    result
}

async fn upload(sandbox: &Sandbox, token: &str, method: &str, field: &str, chat: i64) -> Value {
    let mut form = Form::new().text("chat_id", chat.to_string());
    if Spec::get()
        .method(method)
        .unwrap()
        .field("caption")
        .is_some()
    {
        form = form.text("caption", "uploaded");
    }
    let form = form.part(
        field.to_owned(),
        Part::bytes(vec![7u8; 300]).file_name(format!("{field}.bin")),
    );
    let url = format!("{}bot{token}/{method}", sandbox.base_url());
    let body: Value = reqwest::Client::new()
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], true, "{method}: {body}");
    check_one(Spec::get(), &body["result"], "Message", method).unwrap();
    body["result"].clone()
}

#[tokio::test]
async fn everything_emitted_validates_against_the_reference() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("spec_bot");
    let t = bot.token.as_str();
    let alice = world.create_user("Alice", Some("alice"), Some("en"));
    let chat = world.private_chat(bot.id, alice).unwrap();

    // Users act: text, command, media of every kind, an album, an edit.
    world.user_sends_text(alice, chat, "/start now").unwrap();
    for kind in [
        MediaKind::Photo,
        MediaKind::Document,
        MediaKind::Video,
        MediaKind::Audio,
        MediaKind::Voice,
        MediaKind::Animation,
        MediaKind::Sticker,
        MediaKind::VideoNote,
    ] {
        let media = MediaUpload {
            kind,
            bytes: vec![1, 2, 3].into(),
            file_name: Some("f.bin".into()),
            mime_type: None,
        };
        world.user_sends_media(alice, chat, media, None).unwrap();
    }
    let photo = |n: u8| MediaUpload {
        kind: MediaKind::Photo,
        bytes: vec![n; 10].into(),
        file_name: None,
        mime_type: None,
    };
    let album = world
        .user_sends_album(alice, chat, vec![photo(1), photo(2)], Some("album"))
        .unwrap();
    assert_eq!(album[0]["media_group_id"], album[1]["media_group_id"]);
    let hello = world.user_sends_text(alice, chat, "hello").unwrap();
    world
        .user_edits(alice, chat, hello["message_id"].as_i64().unwrap(), "hello!")
        .unwrap();

    // The bot acts: every implemented sending method.
    let a = alice;
    let keyboard = json!({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]});
    let sent = checked(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": a, "text": "<b>hi</b>", "parse_mode": "HTML", "reply_markup": keyboard}),
    )
    .await;
    let sent_id = sent["message_id"].as_i64().unwrap();
    for (method, field) in [
        ("sendPhoto", "photo"),
        ("sendDocument", "document"),
        ("sendVideo", "video"),
        ("sendAudio", "audio"),
        ("sendVoice", "voice"),
        ("sendAnimation", "animation"),
        ("sendSticker", "sticker"),
        ("sendVideoNote", "video_note"),
    ] {
        upload(&sandbox, t, method, field, a).await;
    }
    checked(
        &sandbox,
        t,
        "sendLocation",
        json!({"chat_id": a, "latitude": 52.5, "longitude": 13.4}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "sendContact",
        json!({"chat_id": a, "phone_number": "+100", "first_name": "Support"}),
    )
    .await;
    let form = Form::new()
        .text("chat_id", a.to_string())
        .text("media", json!([{"type": "photo", "media": "attach://p1", "caption": "one"}, {"type": "photo", "media": "attach://p2"}]).to_string())
        .part("p1", Part::bytes(vec![1u8; 20]).file_name("1.jpg"))
        .part("p2", Part::bytes(vec![2u8; 20]).file_name("2.jpg"));
    let url = format!("{}bot{t}/sendMediaGroup", sandbox.base_url());
    let group: Value = reqwest::Client::new()
        .post(url)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    check_one(
        Spec::get(),
        &group["result"],
        "Array of Message",
        "sendMediaGroup",
    )
    .unwrap();
    assert_eq!(
        group["result"][0]["media_group_id"],
        group["result"][1]["media_group_id"]
    );
    checked(
        &sandbox,
        t,
        "copyMessage",
        json!({"chat_id": a, "from_chat_id": a, "message_id": hello["message_id"]}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "forwardMessage",
        json!({"chat_id": a, "from_chat_id": a, "message_id": hello["message_id"]}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "editMessageText",
        json!({"chat_id": a, "message_id": sent_id, "text": "edited", "reply_markup": keyboard}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "editMessageReplyMarkup",
        json!({"chat_id": a, "message_id": sent_id}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "sendChatAction",
        json!({"chat_id": a, "action": "typing"}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "setMyCommands",
        json!({"commands": [{"command": "start", "description": "Start"}]}),
    )
    .await;
    checked(&sandbox, t, "getMyCommands", json!({})).await;
    checked(&sandbox, t, "getMe", json!({})).await;
    checked(&sandbox, t, "getChat", json!({"chat_id": a})).await;
    checked(&sandbox, t, "getWebhookInfo", json!({})).await;

    // Callback query on a fresh keyboard.
    let with_button = checked(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": a, "text": "press", "reply_markup": keyboard}),
    )
    .await;
    let query = world
        .user_presses_button(
            alice,
            chat,
            with_button["message_id"].as_i64().unwrap(),
            "go",
        )
        .unwrap();
    checked(
        &sandbox,
        t,
        "answerCallbackQuery",
        json!({"callback_query_id": query}),
    )
    .await;

    // Groups, channels, forums, memberships.
    let (channel, discussion) = world.create_channel_with_discussion(alice, "News").unwrap();
    world.add_bot_to_chat(bot.id, channel, true).unwrap();
    world.add_bot_to_chat(bot.id, discussion, true).unwrap();
    let post = world.user_sends_text(alice, channel, "post").unwrap();
    world
        .user_edits(
            alice,
            channel,
            post["message_id"].as_i64().unwrap(),
            "post (edited)",
        )
        .unwrap();
    let (_, thread) = world
        .discussion_thread(channel, post["message_id"].as_i64().unwrap())
        .unwrap();
    world
        .user_comments(alice, discussion, thread, "comment")
        .unwrap();
    checked(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": channel.telegram_id(), "text": "bot post"}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "getChat",
        json!({"chat_id": discussion.telegram_id()}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "getChatMember",
        json!({"chat_id": discussion.telegram_id(), "user_id": alice}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "getChatMember",
        json!({"chat_id": channel.telegram_id(), "user_id": bot.id}),
    )
    .await;
    checked(
        &sandbox,
        t,
        "getChatAdministrators",
        json!({"chat_id": discussion.telegram_id()}),
    )
    .await;
    let forum = world
        .create_group(alice, "Support", GroupKind::Forum)
        .unwrap();
    world.add_bot_to_chat(bot.id, forum, true).unwrap();
    let topic = checked(
        &sandbox,
        t,
        "createForumTopic",
        json!({"chat_id": forum.telegram_id(), "name": "Ticket #1"}),
    )
    .await;
    let topic_id = topic["message_thread_id"].as_i64().unwrap();
    let in_topic = checked(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": forum.telegram_id(), "message_thread_id": topic_id, "text": "hi"}),
    )
    .await;
    assert_eq!(in_topic["is_topic_message"], true);
    world
        .user_sends(
            alice,
            forum,
            ticketgram_sandbox::UserMessage {
                thread_id: Some(topic_id),
                ..ticketgram_sandbox::UserMessage::text("from the client")
            },
        )
        .unwrap();
    world.user_blocks_bot(alice, bot.id).unwrap();

    // Every update of the whole scenario validates.
    let updates = drain_updates(&sandbox, t).await;
    let kinds: std::collections::BTreeSet<String> = updates
        .iter()
        .flat_map(|u| {
            u.as_object()
                .unwrap()
                .keys()
                .filter(|k| *k != "update_id")
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    for kind in [
        "message",
        "edited_message",
        "callback_query",
        "channel_post",
        "edited_channel_post",
        "my_chat_member",
    ] {
        assert!(
            kinds.contains(kind),
            "scenario produced no {kind}: {kinds:?}"
        );
    }
    for update in &updates {
        check_one(Spec::get(), update, "Update", "update")
            .unwrap_or_else(|e| panic!("{e}\n{update}"));
    }
    let file_id = updates
        .iter()
        .find_map(|u| u["message"]["document"]["file_id"].as_str())
        .unwrap();
    checked(&sandbox, t, "getFile", json!({"file_id": file_id})).await;
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}
