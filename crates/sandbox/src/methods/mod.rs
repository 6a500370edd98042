//! Bot API methods the sandbox implements, dispatched by their canonical (reference) name.

mod chats;
mod edit;
pub mod format;
pub mod send;
mod updates;

use std::sync::Arc;

use serde_json::Value;

use crate::error::ApiError;
use crate::params::Params;
use crate::shared::Shared;
use crate::world::state::MediaKind;

/// Methods that post a message and therefore count against flood limits.
pub fn is_sending(method: &str) -> bool {
    (method.starts_with("send") && method != "sendChatAction")
        || matches!(
            method,
            "copyMessage" | "forwardMessage" | "copyMessages" | "forwardMessages"
        )
}

/// Runs `method` for `bot`. Methods in the reference that the sandbox does not model are
/// refused visibly rather than faked.
pub async fn call(
    shared: &Arc<Shared>,
    bot: i64,
    method: &str,
    params: Params,
) -> Result<Value, ApiError> {
    match method {
        "getUpdates" => return updates::get_updates(shared, bot, &params).await,
        "setWebhook" => return updates::set_webhook(shared, bot, &params),
        _ => {}
    }
    let mut w = shared.world();
    let w = &mut *w;
    let p = &params;
    if let Some(kind) = method.strip_prefix("send").and_then(media_kind_of) {
        return send::send_media(w, bot, kind, p);
    }
    match method {
        "getMe" => chats::get_me(w, bot),
        "deleteWebhook" => updates::delete_webhook(w, bot, p),
        "getWebhookInfo" => updates::get_webhook_info(w, bot),
        "sendMessage" => send::send_message(w, bot, p),
        "sendLocation" => send::send_location(w, bot, p),
        "sendContact" => send::send_contact(w, bot, p),
        "sendMediaGroup" => send::send_media_group(w, bot, p),
        "copyMessage" => send::copy_message(w, bot, p),
        "forwardMessage" => send::forward_message(w, bot, p),
        "editMessageText" => edit::edit_message_text(w, bot, p),
        "editMessageCaption" => edit::edit_message_caption(w, bot, p),
        "editMessageReplyMarkup" => edit::edit_message_reply_markup(w, bot, p),
        "deleteMessage" => edit::delete_message(w, bot, p),
        "answerCallbackQuery" => edit::answer_callback_query(w, bot, p),
        "sendChatAction" => chats::send_chat_action(w, bot, p),
        "getFile" => chats::get_file(w, bot, p),
        "getChat" => chats::get_chat(w, bot, p),
        "getChatMember" => chats::get_chat_member(w, bot, p),
        "getChatAdministrators" => chats::get_chat_administrators(w, bot, p),
        "setMyCommands" => chats::set_my_commands(w, bot, p),
        "getMyCommands" => chats::get_my_commands(w, bot, p),
        "deleteMyCommands" => chats::delete_my_commands(w, bot, p),
        "createForumTopic" => chats::create_forum_topic(w, bot, p),
        other => Err(ApiError::bad_request(format!(
            "method {other} is not implemented by the Ticketgram sandbox"
        ))),
    }
}

fn media_kind_of(rest: &str) -> Option<MediaKind> {
    Some(match rest {
        "Photo" => MediaKind::Photo,
        "Document" => MediaKind::Document,
        "Video" => MediaKind::Video,
        "Audio" => MediaKind::Audio,
        "Voice" => MediaKind::Voice,
        "Animation" => MediaKind::Animation,
        "Sticker" => MediaKind::Sticker,
        "VideoNote" => MediaKind::VideoNote,
        _ => return None,
    })
}
