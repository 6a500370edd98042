//! What a settings bot sees when a desk owner adds agents: shared contacts, forwards, users
//! picked with a `request_users` keyboard, the bot's own admin rights, and documents both ways.

use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use teloxide_core::payloads::SendMessageSetters;
use teloxide_core::prelude::Requester;
use teloxide_core::types::{
    ButtonRequest, ChatId, InputFile, KeyboardButton, KeyboardButtonRequestUsers, KeyboardMarkup,
    MessageKind, RequestId, UpdateKind,
};
use ticketgram_sandbox::{AdminRights, ControlError, GroupKind, Sandbox};
use ticketgram_telegram::{Secret, TelegramClient};

use crate::helpers::{call, drain_updates, ok, sandbox_without_flood_limits};

/// The one `message` update among a bot's pending updates.
async fn only_message(sandbox: &Sandbox, token: &str) -> Value {
    let updates = drain_updates(sandbox, token).await;
    assert_eq!(updates.len(), 1, "{updates:?}");
    updates[0]["message"].clone()
}

fn assert_spec_clean(sandbox: &Sandbox) {
    assert_eq!(sandbox.world().spec_violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_shared_contact_carries_the_telegram_user() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("settings_bot");
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let anna = world.create_user("Anna", Some("anna"), Some("de"));
    let chat = world.private_chat(bot.id, owner).unwrap();

    world
        .user_shares_contact(owner, chat, Some(anna), "+4915112345678", "Anna")
        .unwrap();
    let message = only_message(&sandbox, &bot.token).await;
    assert_eq!(message["from"]["id"], owner);
    assert_eq!(
        message["contact"],
        json!({"phone_number": "+4915112345678", "first_name": "Anna", "user_id": anna})
    );

    // A phone-book entry that is no Telegram user has no user_id.
    world
        .user_shares_contact(owner, chat, None, "+4930123456", "Plumber")
        .unwrap();
    let message = only_message(&sandbox, &bot.token).await;
    assert!(message["contact"].get("user_id").is_none(), "{message}");

    assert_eq!(
        world.user_shares_contact(owner, chat, Some(424242), "+1", "Ghost"),
        Err(ControlError::UnknownUser(424242))
    );
    assert_spec_clean(&sandbox);
}

#[tokio::test]
async fn a_forward_names_its_sender_unless_they_hide() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("settings_bot");
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let boris = world.create_user("Boris", Some("boris"), Some("ru"));
    let chat = world.private_chat(bot.id, owner).unwrap();

    world
        .user_forwards(owner, chat, boris, "Hi, it's Boris", false)
        .unwrap();
    let message = only_message(&sandbox, &bot.token).await;
    assert_eq!(message["from"]["id"], owner, "the forwarder sends it");
    assert_eq!(message["text"], "Hi, it's Boris");
    let origin = &message["forward_origin"];
    assert_eq!(origin["type"], "user");
    assert_eq!(origin["sender_user"]["id"], boris);
    assert_eq!(origin["sender_user"]["username"], "boris");

    // Privacy setting "forwards: nobody": only a name, no account to add.
    world
        .user_forwards(owner, chat, boris, "Hi again", true)
        .unwrap();
    let origin = only_message(&sandbox, &bot.token).await["forward_origin"].clone();
    assert_eq!(origin["type"], "hidden_user");
    assert_eq!(origin["sender_user_name"], "Boris");
    assert!(origin.get("sender_user").is_none());
    assert_spec_clean(&sandbox);
}

#[tokio::test]
async fn users_picked_with_a_request_users_keyboard() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("settings_bot");
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let anna = world.create_user("Anna", Some("anna"), Some("de"));
    let boris = world.create_user("Boris", None, Some("ru"));
    let other_bot = world.create_bot("other_bot");
    let chat = world.private_chat(bot.id, owner).unwrap();

    // No keyboard shown yet: nothing to pick with.
    assert!(matches!(
        world.user_shares_users(owner, chat, 7, &[anna]),
        Err(ControlError::NoSuchKeyboardButton(_))
    ));

    // The bot shows the button through teloxide, as the settings bot will.
    let client = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
    let request = KeyboardButtonRequestUsers::new(RequestId(7))
        .user_is_bot(false)
        .max_quantity(3)
        .request_name()
        .request_username();
    let keyboard = KeyboardMarkup::new(vec![vec![
        KeyboardButton::new("Pick agents").request(ButtonRequest::RequestUsers(request))
    ]])
    .resize_keyboard()
    .one_time_keyboard();
    client
        .bot()
        .send_message(ChatId(owner), "Who joins the desk?")
        .reply_markup(keyboard)
        .await
        .unwrap();
    let shown = world.reply_keyboard(bot.id, chat).expect("keyboard stored");
    assert_eq!(
        shown["keyboard"][0][0]["request_users"]["request_id"], 7,
        "{shown}"
    );
    // Messages only ever carry inline keyboards.
    let sent = world.bot_messages(chat, bot.id);
    assert!(sent[0].get("reply_markup").is_none());

    let message = world
        .user_shares_users(owner, chat, 7, &[anna, boris])
        .unwrap();
    assert!(message.get("text").is_none());
    let updates = client.bot().get_updates().await.unwrap();
    let UpdateKind::Message(m) = &updates.last().unwrap().kind else {
        panic!("not a message: {updates:?}");
    };
    let MessageKind::UsersShared(shared) = &m.kind else {
        panic!("not users_shared: {m:?}");
    };
    assert_eq!(shared.users_shared.request_id, RequestId(7));
    let raw = only_message(&sandbox, &bot.token).await;
    assert_eq!(
        raw["users_shared"],
        json!({"request_id": 7, "users": [
            {"user_id": anna, "first_name": "Anna", "username": "anna"},
            {"user_id": boris, "first_name": "Boris"},
        ]})
    );

    // Telegram holds the user to the button: its id, its quantity, its user_is_bot.
    assert!(matches!(
        world.user_shares_users(owner, chat, 8, &[anna]),
        Err(ControlError::NoSuchKeyboardButton(_))
    ));
    assert!(matches!(
        world.user_shares_users(owner, chat, 7, &[anna, boris, owner, anna]),
        Err(ControlError::Invalid(_))
    ));
    assert!(matches!(
        world.user_shares_users(owner, chat, 7, &[other_bot.id]),
        Err(ControlError::NotAllowed(_))
    ));

    // A button that asks for neither name nor username gets bare ids (raw JSON this time).
    ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": owner, "text": "One more?", "reply_markup": {"keyboard": [[
            {"text": "Pick", "request_users": {"request_id": 9}}
        ]]}}),
    )
    .await;
    world.user_shares_users(owner, chat, 9, &[anna]).unwrap();
    let raw = only_message(&sandbox, &bot.token).await;
    assert_eq!(raw["users_shared"]["users"], json!([{"user_id": anna}]));

    // A malformed button is refused and changes nothing; removing the keyboard hides it.
    let (status, _) = call(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": owner, "text": "Broken", "reply_markup": {"keyboard": [[
            {"text": "Pick", "request_users": {"max_quantity": 2}}
        ]]}}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(world.reply_keyboard(bot.id, chat).is_some());
    ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": owner, "text": "Done", "reply_markup": {"remove_keyboard": true}}),
    )
    .await;
    assert_eq!(world.reply_keyboard(bot.id, chat), None);
    assert_spec_clean(&sandbox);
}

#[tokio::test]
async fn admin_rights_as_the_bot_sees_them() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("support_bot");
    let t = bot.token.as_str();
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let (channel, discussion) = world
        .create_channel_with_discussion(owner, "Agents")
        .unwrap();

    // "Admin" grants what a support bot needs; my_chat_member shows each right.
    world.add_bot_to_chat(bot.id, channel, true).unwrap();
    let updates = drain_updates(&sandbox, t).await;
    let member = &updates[0]["my_chat_member"]["new_chat_member"];
    assert_eq!(member["status"], "administrator");
    for right in [
        "can_post_messages",
        "can_edit_messages",
        "can_delete_messages",
        "can_manage_chat",
    ] {
        assert_eq!(member[right], true, "{right} in {member}");
    }
    assert!(member.get("can_pin_messages").is_none(), "groups only");

    // Without can_post_messages the bot cannot post its cards, and can find out why.
    let no_posting = AdminRights {
        can_post_messages: false,
        ..AdminRights::default()
    };
    world
        .add_bot_to_chat_with_rights(bot.id, channel, no_posting)
        .unwrap();
    let updates = drain_updates(&sandbox, t).await;
    let change = &updates[0]["my_chat_member"];
    assert_eq!(change["old_chat_member"]["can_post_messages"], true);
    assert_eq!(change["new_chat_member"]["can_post_messages"], false);
    let me = ok(
        &sandbox,
        t,
        "getChatMember",
        json!({"chat_id": channel.telegram_id(), "user_id": bot.id}),
    )
    .await;
    assert_eq!(me["can_post_messages"], false);
    assert_eq!(me["can_edit_messages"], true);
    let (status, body) = call(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": channel.telegram_id(), "text": "Ticket #1"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["description"],
        "Bad Request: need administrator rights in the channel chat"
    );
    let admins = ok(
        &sandbox,
        t,
        "getChatAdministrators",
        json!({"chat_id": channel.telegram_id()}),
    )
    .await;
    let listed_bot = admins
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["user"]["id"] == bot.id)
        .expect("the calling bot is listed");
    assert_eq!(listed_bot["can_post_messages"], false);
    assert_eq!(world.admin_rights(channel, bot.id), Some(no_posting));

    // Granting the right back lets it post.
    world.add_bot_to_chat(bot.id, channel, true).unwrap();
    ok(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": channel.telegram_id(), "text": "Ticket #1"}),
    )
    .await;

    // In the discussion supergroup: group rights, and a human admin's own rights.
    let anna = world.create_user("Anna", Some("anna"), None);
    world.add_member(discussion, anna, false).unwrap();
    let limited = AdminRights {
        can_delete_messages: false,
        can_pin_messages: false,
        ..AdminRights::default()
    };
    world
        .add_member_with_rights(discussion, anna, limited)
        .unwrap();
    world
        .add_bot_to_chat_with_rights(bot.id, discussion, AdminRights::default())
        .unwrap();
    let admins = ok(
        &sandbox,
        t,
        "getChatAdministrators",
        json!({"chat_id": discussion.telegram_id()}),
    )
    .await;
    let by_id = |id: i64| {
        admins
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["user"]["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} not in {admins}"))
    };
    assert_eq!(by_id(owner)["status"], "creator");
    let anna_member = by_id(anna);
    assert_eq!(anna_member["can_delete_messages"], false);
    assert_eq!(anna_member["can_pin_messages"], false);
    assert_eq!(anna_member["can_manage_topics"], true);
    assert!(
        anna_member.get("can_post_messages").is_none(),
        "channels only"
    );
    assert_eq!(by_id(bot.id)["can_delete_messages"], true);

    // Rights apply to administrators only.
    let forum = world
        .create_group(owner, "Forum", GroupKind::Forum)
        .unwrap();
    assert_eq!(world.admin_rights(forum, owner), Some(AdminRights::all()));
    assert_eq!(world.admin_rights(forum, anna), None);
    assert_spec_clean(&sandbox);
}

#[tokio::test]
async fn documents_travel_both_ways_with_their_bytes() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("manager_bot");
    let t = bot.token.as_str();
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let chat = world.private_chat(bot.id, owner).unwrap();

    // A user's document reaches the bot, which downloads exactly those bytes.
    let sent_by_user = b"agent list\nAnna\nBoris\n".to_vec();
    world
        .user_sends_document(owner, chat, sent_by_user.clone(), "agents.txt", None)
        .unwrap();
    let message = only_message(&sandbox, t).await;
    assert_eq!(message["document"]["file_name"], "agents.txt");
    let file = ok(
        &sandbox,
        t,
        "getFile",
        json!({"file_id": message["document"]["file_id"]}),
    )
    .await;
    let url = format!(
        "{}file/bot{t}/{}",
        sandbox.base_url(),
        file["file_path"].as_str().unwrap()
    );
    let downloaded = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    assert_eq!(downloaded.as_ref(), sent_by_user.as_slice());

    // The bot uploads a report (multipart bytes); the test opens what it sent.
    assert_eq!(world.last_document_sent(bot.id, chat), None);
    let report = b"PK\x03\x04 not really a workbook".to_vec();
    let form = Form::new()
        .text("chat_id", owner.to_string())
        .text("caption", "Weekly report")
        .part(
            "document",
            Part::bytes(report.clone())
                .file_name("ticketgram-report-2026-11-23-2026-11-29.xlsx")
                .mime_str("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .unwrap(),
        );
    let body: Value = reqwest::Client::new()
        .post(format!("{}bot{t}/sendDocument", sandbox.base_url()))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], true, "{body}");
    let document = &body["result"]["document"];
    let unique = document["file_unique_id"].as_str().unwrap();
    assert_eq!(
        world.file_bytes(unique).unwrap().as_ref(),
        report.as_slice()
    );
    let (name, bytes) = world.last_document_sent(bot.id, chat).unwrap();
    assert_eq!(name, "ticketgram-report-2026-11-23-2026-11-29.xlsx");
    assert_eq!(bytes.as_ref(), report.as_slice());

    // The same through teloxide's in-memory upload; the latest document wins.
    let client = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
    client
        .bot()
        .send_document(
            ChatId(owner),
            InputFile::memory(b"a,b\n1,2\n".to_vec()).file_name("report.csv"),
        )
        .await
        .unwrap();
    let (name, bytes) = world.last_document_sent(bot.id, chat).unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_ref()),
        ("report.csv", &b"a,b\n1,2\n"[..])
    );
    // What the user sent is not the bot's.
    let other = world.create_bot("other_bot");
    assert_eq!(world.last_document_sent(other.id, chat), None);
    assert_spec_clean(&sandbox);
}

#[tokio::test]
async fn staff_actions_over_the_control_api() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("settings_bot");
    let t = bot.token.as_str();
    let owner = world.create_user("Olga", Some("olga"), Some("en"));
    let anna = world.create_user("Anna", Some("anna"), None);
    let chat = json!({"bot": bot.id, "user": owner});
    let base = sandbox.base_url();
    let http = reqwest::Client::new();
    let control = |path: &str, body: Value| {
        let request = http.post(format!("{base}control/{path}")).json(&body);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        }
    };

    let (status, contact) = control(
        "contacts",
        json!({"user": owner, "chat": chat, "phone_number": "+49151", "first_name": "Anna",
               "contact_user": anna}),
    )
    .await;
    assert_eq!(status, 200, "{contact}");
    assert_eq!(contact["contact"]["user_id"], anna);
    let (status, forward) = control(
        "forwards",
        json!({"user": owner, "chat": chat, "original_sender": anna, "text": "hi", "hidden": true}),
    )
    .await;
    assert_eq!(status, 200, "{forward}");
    assert_eq!(forward["forward_origin"]["sender_user_name"], "Anna");

    let (status, _) = control(
        "users_shared",
        json!({"user": owner, "chat": chat, "request_id": 1, "users": [anna]}),
    )
    .await;
    assert_eq!(status, 404, "no keyboard yet");
    ok(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": owner, "text": "Pick", "reply_markup": {"keyboard": [[
            {"text": "Pick", "request_users": {"request_id": 1, "request_name": true}}
        ]]}}),
    )
    .await;
    let keyboard: Value = http
        .get(format!(
            "{base}control/keyboards?bot={}&user={owner}",
            bot.id
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        keyboard["keyboard"]["keyboard"][0][0]["request_users"]["request_id"],
        1
    );
    let (status, shared) = control(
        "users_shared",
        json!({"user": owner, "chat": chat, "request_id": 1, "users": [anna]}),
    )
    .await;
    assert_eq!(status, 200, "{shared}");
    assert_eq!(shared["users_shared"]["users"][0]["first_name"], "Anna");

    let channel = world.create_channel(owner, "Agents", None).unwrap();
    let (status, _) = control(
        "members",
        json!({"chat": channel, "user": bot.id, "rights": {"can_post_messages": false}}),
    )
    .await;
    assert_eq!(status, 200);
    let rights = world.admin_rights(channel, bot.id).unwrap();
    assert!(!rights.can_post_messages);
    assert!(
        rights.can_edit_messages,
        "unnamed rights keep their defaults"
    );

    let file_id = file_the_bot_received(&sandbox, &bot, owner).await;
    ok(
        &sandbox,
        t,
        "sendDocument",
        json!({"chat_id": owner, "document": file_id}),
    )
    .await;
    let last: Value = http
        .get(format!(
            "{base}control/documents/last?bot={}&user={owner}",
            bot.id
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(last["file_name"], "list.txt");
    assert_eq!(last["bytes"], "QW5uYQ==", "base64 of \"Anna\"");
    assert_spec_clean(&sandbox);
}

/// A file the user sends, as the file_id the bot got in its update (to send it back).
async fn file_the_bot_received(
    sandbox: &Sandbox,
    bot: &ticketgram_sandbox::BotHandle,
    user: i64,
) -> String {
    let world = sandbox.world();
    let chat = world.private_chat(bot.id, user).unwrap();
    world
        .user_sends_document(user, chat, b"Anna".to_vec(), "list.txt", None)
        .unwrap();
    let updates = drain_updates(sandbox, &bot.token).await;
    let message = &updates.last().unwrap()["message"];
    message["document"]["file_id"].as_str().unwrap().to_owned()
}
