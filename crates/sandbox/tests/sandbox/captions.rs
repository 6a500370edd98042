//! Captions belong to some kinds of media only: `Message.caption` is for "animation, audio,
//! document, paid media, photo, video or voice". A sticker or a video note copied with a
//! caption arrives without it, as in Telegram, so a bot that signs its copies must sign those
//! in a message of their own.

use serde_json::{json, Value};
use ticketgram_sandbox::{MediaKind, MediaUpload};

use crate::helpers::{call, sandbox};

#[tokio::test]
async fn a_copied_sticker_or_video_note_drops_the_caption_a_photo_keeps_it() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("signing_bot");
    let ann = world.create_user("Ann", None, None);
    let chat = world.private_chat(bot.id, ann).unwrap();
    for (kind, keeps) in [
        (MediaKind::Sticker, false),
        (MediaKind::VideoNote, false),
        (MediaKind::Photo, true),
    ] {
        let upload = MediaUpload {
            kind,
            bytes: b"media bytes".to_vec().into(),
            file_name: None,
            mime_type: None,
        };
        let sent = world.user_sends_media(ann, chat, upload, None).unwrap();
        let (status, answer) = call(
            &sandbox,
            &bot.token,
            "copyMessage",
            json!({
                "chat_id": chat.telegram_id(),
                "from_chat_id": chat.telegram_id(),
                "message_id": sent["message_id"],
                "caption": "— Kate · #1042",
            }),
        )
        .await;
        assert_eq!(status, 200, "{answer}");
        let copy_id = answer["result"]["message_id"].as_i64().unwrap();
        let copy = world.message(chat, copy_id).unwrap();
        assert_eq!(
            copy.get("caption").and_then(Value::as_str),
            keeps.then_some("— Kate · #1042"),
            "{kind:?}: {copy:#}"
        );
    }
}

#[tokio::test]
async fn a_user_s_sticker_or_video_note_keeps_no_caption() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let ann = world.create_user("Ann", None, None);
    let chat = world.private_chat(bot.id, ann).unwrap();
    for (kind, keeps) in [
        (MediaKind::Sticker, false),
        (MediaKind::VideoNote, false),
        (MediaKind::Voice, true),
        (MediaKind::Document, true),
    ] {
        let upload = MediaUpload {
            kind,
            bytes: b"media bytes".to_vec().into(),
            file_name: None,
            mime_type: None,
        };
        let sent = world
            .user_sends_media(ann, chat, upload, Some("see #id5"))
            .unwrap();
        assert_eq!(
            sent.get("caption").and_then(Value::as_str),
            keeps.then_some("see #id5"),
            "{kind:?}: {sent:#}"
        );
        assert_eq!(sent.get("caption_entities").is_some(), keeps, "{kind:?}");
    }
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}

/// The reference gives `caption` to sendPhoto, sendAudio, sendDocument, sendVideo,
/// sendAnimation and sendVoice, not to sendSticker or sendVideoNote. Telegram ignores a
/// parameter it does not know; the sandbox refuses it, so the bot's mistake shows in tests.
#[tokio::test]
async fn only_the_send_methods_of_captioned_kinds_take_a_caption() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("desk_bot");
    let ann = world.create_user("Ann", None, None);
    let chat = world.private_chat(bot.id, ann).unwrap();
    for (method, field) in [("sendSticker", "sticker"), ("sendVideoNote", "video_note")] {
        let (status, answer) = call(
            &sandbox,
            &bot.token,
            method,
            json!({"chat_id": chat.telegram_id(), field: "https://example.com/x", "caption": "hi"}),
        )
        .await;
        assert_eq!(status, 400, "{method}: {answer}");
        assert_eq!(
            answer["description"],
            "Bad Request: unknown parameter caption"
        );
    }
}
