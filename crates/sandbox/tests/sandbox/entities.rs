//! Telegram's automatic entities: every text and caption, a user's or a bot's, carries the
//! `url`, `email`, `mention`, `hashtag`, `cashtag`, `bot_command` and `phone_number` entities
//! Telegram finds in it, with offsets in UTF-16 code units. A bot that tags its own card with
//! `#id123` finds the hashtag when the card comes back to it (a reply, a forward).

use serde_json::{json, Value};

use crate::helpers::{call, ok, sandbox};

/// The `(type, covered text)` of each entity in `field`, measured in UTF-16 as Telegram does.
fn entities_of(message: &Value, text_field: &str, field: &str) -> Vec<(String, String)> {
    let text: Vec<u16> = message[text_field]
        .as_str()
        .unwrap_or_default()
        .encode_utf16()
        .collect();
    message[field]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let offset = e["offset"].as_u64().unwrap() as usize;
            let length = e["length"].as_u64().unwrap() as usize;
            let covered = String::from_utf16(&text[offset..offset + length]).unwrap();
            (e["type"].as_str().unwrap().to_owned(), covered)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[tokio::test]
async fn a_bot_finds_the_hashtag_of_its_own_card_when_a_reply_brings_it_back() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let anna = world.create_user("Anna", None, None);
    let chat = world.private_chat(bot.id, anna).unwrap();
    let sent = ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": chat.telegram_id(), "text": "🎫 Ticket #id123 is open"}),
    )
    .await;
    assert_eq!(
        entities_of(&sent, "text", "entities"),
        pairs(&[("hashtag", "#id123")])
    );
    // The emoji is two UTF-16 units: the offset counts them as Telegram does.
    assert_eq!(sent["entities"][0]["offset"], 10);

    world
        .user_replies(anna, chat, sent["message_id"].as_i64().unwrap(), "Thanks")
        .unwrap();
    let updates = ok(&sandbox, &bot.token, "getUpdates", json!({})).await;
    let replied = &updates[0]["message"]["reply_to_message"];
    assert_eq!(
        entities_of(replied, "text", "entities"),
        pairs(&[("hashtag", "#id123")])
    );
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}

#[tokio::test]
async fn what_a_user_types_carries_every_automatic_entity() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let anna = world.create_user("Anna", None, None);
    let chat = world.private_chat(bot.id, anna).unwrap();
    let text = "/help@desk_bot my order #A17 from @shop_team: https://shop.example/o/17, \
                write to anna@mail.example or +49 151 1234 5678, paid in $EUR";
    world.user_sends_text(anna, chat, text).unwrap();
    let updates = ok(&sandbox, &bot.token, "getUpdates", json!({})).await;
    let message = &updates[0]["message"];
    assert_eq!(
        entities_of(message, "text", "entities"),
        pairs(&[
            ("bot_command", "/help@desk_bot"),
            ("hashtag", "#A17"),
            ("mention", "@shop_team"),
            ("url", "https://shop.example/o/17"),
            ("email", "anna@mail.example"),
            ("phone_number", "+49 151 1234 5678"),
            ("cashtag", "$EUR"),
        ])
    );
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}

#[tokio::test]
async fn captions_get_them_too_and_the_senders_entities_take_precedence() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let anna = world.create_user("Anna", None, None);
    let chat = world.private_chat(bot.id, anna).unwrap();

    // parse_mode: bold lives beside the hashtag; a hashtag inside <code> is not one.
    let sent = ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": chat.telegram_id(), "parse_mode": "HTML",
               "text": "<b>Ticket</b> #id7, not <code>#id8</code>"}),
    )
    .await;
    assert_eq!(
        entities_of(&sent, "text", "entities"),
        pairs(&[("bold", "Ticket"), ("hashtag", "#id7"), ("code", "#id8")])
    );

    // Explicit entities: a text_link over a URL keeps it a text_link.
    let sent = ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": chat.telegram_id(), "text": "see example.com",
               "entities": [{"type": "text_link", "offset": 4, "length": 11, "url": "https://example.org"}]}),
    )
    .await;
    assert_eq!(
        entities_of(&sent, "text", "entities"),
        pairs(&[("text_link", "example.com")])
    );

    // A user's photo caption and a bot's document caption.
    let photo = world
        .user_sends_photo(anna, chat, b"jpeg".to_vec(), Some("broken, see #id9"))
        .unwrap();
    assert_eq!(
        entities_of(&photo, "caption", "caption_entities"),
        pairs(&[("hashtag", "#id9")])
    );
    // The bot sends the photo back by its own file_id (file_ids are per bot).
    let updates = ok(&sandbox, &bot.token, "getUpdates", json!({})).await;
    let photo_file_id = updates[0]["message"]["photo"][0]["file_id"].clone();
    let (status, answer) = call(
        &sandbox,
        &bot.token,
        "sendPhoto",
        json!({"chat_id": chat.telegram_id(), "photo": photo_file_id,
               "caption": "Re #id9 — mail help@desk.example"}),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        entities_of(&answer["result"], "caption", "caption_entities"),
        pairs(&[("hashtag", "#id9"), ("email", "help@desk.example")])
    );
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}

#[tokio::test]
async fn an_edit_finds_its_entities_anew() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let anna = world.create_user("Anna", None, None);
    let chat = world.private_chat(bot.id, anna).unwrap();
    let sent = ok(
        &sandbox,
        &bot.token,
        "sendMessage",
        json!({"chat_id": chat.telegram_id(), "text": "Ticket #id1"}),
    )
    .await;
    let edited = ok(
        &sandbox,
        &bot.token,
        "editMessageText",
        json!({"chat_id": chat.telegram_id(), "message_id": sent["message_id"],
               "text": "Ticket #id1 merged into #id2"}),
    )
    .await;
    assert_eq!(
        entities_of(&edited, "text", "entities"),
        pairs(&[("hashtag", "#id1"), ("hashtag", "#id2")])
    );
    let mine = world.user_sends_text(anna, chat, "order 5").unwrap();
    let mine = world
        .user_edits(
            anna,
            chat,
            mine["message_id"].as_i64().unwrap(),
            "order #5a",
        )
        .unwrap();
    assert_eq!(
        entities_of(&mine, "text", "entities"),
        pairs(&[("hashtag", "#5a")])
    );
}
