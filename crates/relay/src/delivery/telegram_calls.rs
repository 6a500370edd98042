//! The few Bot API calls the relay makes, in teloxide terms. Kept in one place so the rest of
//! the relay speaks of tickets and messages, not payload builders.

use crate::jobs::{InlineButton, Keyboard};
use teloxide_core::payloads::{
    CopyMessageSetters, EditMessageTextSetters, SendMediaGroupSetters, SendMessageSetters,
};
use teloxide_core::prelude::Requester;
use teloxide_core::types::{
    ButtonRequest, ChatId, CopyTextButton, FileId, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile, InputMedia, InputMediaAudio, InputMediaDocument, InputMediaPhoto, InputMediaVideo,
    KeyboardButton, KeyboardButtonRequestUsers, KeyboardMarkup, MessageId, ReplyMarkup,
    ReplyParameters, RequestId,
};
use ticketgram_domain::{MediaKind, MediaRef};
use ticketgram_telegram::{TelegramClient, TelegramError};

pub fn markup(keyboard: &Keyboard) -> ReplyMarkup {
    match keyboard {
        Keyboard::Inline(rows) => {
            ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows.iter().map(|row| {
                row.iter()
                    .map(|b| InlineKeyboardButton::callback(b.text.clone(), b.data.clone()))
                    .collect::<Vec<_>>()
            })))
        }
        Keyboard::InlineWithCopy(rows) => ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(
            rows.iter()
                .map(|row| row.iter().map(inline_button).collect::<Vec<_>>()),
        )),
        Keyboard::Reply(rows) => ReplyMarkup::Keyboard(
            KeyboardMarkup::new(
                rows.iter()
                    .map(|row| row.iter().map(KeyboardButton::new).collect::<Vec<_>>()),
            )
            .resize_keyboard(),
        ),
        Keyboard::RequestUsers(label) => {
            let request = KeyboardButtonRequestUsers::new(RequestId(REQUEST_USERS_ID))
                .request_name()
                .request_username();
            let button =
                KeyboardButton::new(label.clone()).request(ButtonRequest::RequestUsers(request));
            ReplyMarkup::Keyboard(
                KeyboardMarkup::new([[button]])
                    .resize_keyboard()
                    .one_time_keyboard(),
            )
        }
        Keyboard::OpenLink { text, url } => {
            let rows = match url.parse() {
                Ok(url) => vec![vec![InlineKeyboardButton::url(text.clone(), url)]],
                // Our own links always parse; a broken one loses the button, not the message.
                Err(_) => Vec::new(),
            };
            ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows))
        }
    }
}

/// The bot's @username, for links that open it (`t.me/<username>?start=…`).
pub async fn bot_username(tg: &TelegramClient) -> Result<Option<String>, TelegramError> {
    Ok(tg.bot().get_me().await?.user.username)
}

/// The `request_id` of [`Keyboard::RequestUsers`] buttons: the bot asks for one kind of user.
pub const REQUEST_USERS_ID: i32 = 1;

/// Deletes a message. One that is already gone counts as deleted.
pub async fn delete_message(
    tg: &TelegramClient,
    chat_id: i64,
    message_id: i64,
) -> Result<(), TelegramError> {
    let done = tg
        .bot()
        .delete_message(ChatId(chat_id), MessageId(message_id as i32))
        .await
        .map_err(TelegramError::from);
    match done {
        Ok(_) | Err(TelegramError::BadRequest(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

fn inline_button(button: &InlineButton) -> InlineKeyboardButton {
    match button {
        InlineButton::Callback(b) => InlineKeyboardButton::callback(b.text.clone(), b.data.clone()),
        InlineButton::CopyText { text, copy } => InlineKeyboardButton::copy_text_button(
            text.clone(),
            CopyTextButton { text: copy.clone() },
        ),
    }
}

fn inline_only(keyboard: Option<&Keyboard>) -> Option<InlineKeyboardMarkup> {
    match markup(keyboard?) {
        ReplyMarkup::InlineKeyboard(k) => Some(k),
        _ => None,
    }
}

/// Sends a text; `reply_to` puts it in a discussion thread (a comment on the card).
pub async fn send_text(
    tg: &TelegramClient,
    chat: i64,
    text: &str,
    keyboard: Option<&Keyboard>,
    reply_to: Option<i64>,
) -> Result<i64, TelegramError> {
    let mut request = tg.bot().send_message(ChatId(chat), text);
    if let Some(keyboard) = keyboard {
        request = request.reply_markup(markup(keyboard));
    }
    if let Some(id) = reply_to {
        request = request.reply_parameters(
            ReplyParameters::new(MessageId(id as i32)).allow_sending_without_reply(),
        );
    }
    Ok(request.await?.id.0 as i64)
}

pub async fn copy(
    tg: &TelegramClient,
    to_chat: i64,
    from_chat: i64,
    message_id: i64,
    caption: Option<String>,
    reply_to: Option<i64>,
) -> Result<i64, TelegramError> {
    let mut request = tg.bot().copy_message(
        ChatId(to_chat),
        ChatId(from_chat),
        MessageId(message_id as i32),
    );
    if let Some(caption) = caption {
        request = request.caption(caption);
    }
    if let Some(id) = reply_to {
        request = request.reply_parameters(
            ReplyParameters::new(MessageId(id as i32)).allow_sending_without_reply(),
        );
    }
    Ok(request.await?.0 as i64)
}

/// Sends media already known to this bot (by file id) as one album; returns the new ids.
pub async fn send_album(
    tg: &TelegramClient,
    chat: i64,
    items: &[MediaRef],
    caption: Option<String>,
    reply_to: Option<i64>,
) -> Result<Vec<i64>, TelegramError> {
    let media: Vec<InputMedia> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let file = InputFile::file_id(FileId(item.file_id.clone()?));
            // Telegram shows the album's caption from its first item.
            let caption = if i == 0 {
                caption.clone().or_else(|| item.caption.clone())
            } else {
                item.caption.clone()
            };
            Some(match item.kind {
                MediaKind::Photo => {
                    InputMedia::Photo(with_caption(InputMediaPhoto::new(file), caption, |m, c| {
                        m.caption(c)
                    }))
                }
                MediaKind::Video => {
                    InputMedia::Video(with_caption(InputMediaVideo::new(file), caption, |m, c| {
                        m.caption(c)
                    }))
                }
                MediaKind::Audio => {
                    InputMedia::Audio(with_caption(InputMediaAudio::new(file), caption, |m, c| {
                        m.caption(c)
                    }))
                }
                _ => InputMedia::Document(with_caption(
                    InputMediaDocument::new(file),
                    caption,
                    |m, c| m.caption(c),
                )),
            })
        })
        .collect();
    let mut request = tg.bot().send_media_group(ChatId(chat), media);
    if let Some(id) = reply_to {
        request = request.reply_parameters(
            ReplyParameters::new(MessageId(id as i32)).allow_sending_without_reply(),
        );
    }
    Ok(request.await?.iter().map(|m| m.id.0 as i64).collect())
}

fn with_caption<M>(media: M, caption: Option<String>, set: impl Fn(M, String) -> M) -> M {
    match caption {
        Some(c) => set(media, c),
        None => media,
    }
}

/// Uploads `bytes` as a document named `file_name` (multipart, as Telegram requires).
pub async fn send_document(
    tg: &TelegramClient,
    chat: i64,
    file_name: &str,
    bytes: Vec<u8>,
    caption: Option<&str>,
) -> Result<i64, TelegramError> {
    use teloxide_core::payloads::SendDocumentSetters;
    let file = InputFile::memory(bytes).file_name(file_name.to_string());
    let mut request = tg.bot().send_document(ChatId(chat), file);
    if let Some(caption) = caption {
        request = request.caption(caption);
    }
    Ok(request.await?.id.0 as i64)
}

/// Uploads `bytes` as a message of `kind` (one that takes a caption:
/// `MediaKind::takes_caption`) in `chat`, replying to `reply_to` (a ticket's thread).
pub async fn upload(
    tg: &TelegramClient,
    chat: i64,
    kind: &MediaKind,
    file: (Vec<u8>, String),
    caption: Option<String>,
    reply_to: i64,
) -> Result<i64, TelegramError> {
    use teloxide_core::payloads::{
        SendAnimationSetters, SendAudioSetters, SendDocumentSetters, SendPhotoSetters,
        SendVideoSetters, SendVoiceSetters,
    };
    let (bytes, name) = file;
    let input = InputFile::memory(bytes).file_name(name);
    let reply = ReplyParameters::new(MessageId(reply_to as i32)).allow_sending_without_reply();
    let chat = ChatId(chat);
    let bot = tg.bot();
    // Each kind is its own method and payload type in the Bot API (and in teloxide).
    macro_rules! send {
        ($method:ident) => {{
            let mut request = bot.$method(chat, input).reply_parameters(reply);
            if let Some(caption) = caption {
                request = request.caption(caption);
            }
            request.await?.id.0 as i64
        }};
    }
    Ok(match kind {
        MediaKind::Photo => send!(send_photo),
        MediaKind::Video => send!(send_video),
        MediaKind::Audio => send!(send_audio),
        MediaKind::Voice => send!(send_voice),
        MediaKind::Animation => send!(send_animation),
        _ => send!(send_document),
    })
}

pub async fn edit_text(
    tg: &TelegramClient,
    chat: i64,
    message_id: i64,
    text: &str,
    keyboard: Option<&Keyboard>,
) -> Result<(), TelegramError> {
    let mut request = tg
        .bot()
        .edit_message_text(ChatId(chat), MessageId(message_id as i32), text);
    if let Some(k) = inline_only(keyboard) {
        request = request.reply_markup(k);
    }
    ignore_not_modified(request.await.map(drop).map_err(TelegramError::from))
}

pub async fn edit_caption(
    tg: &TelegramClient,
    chat: i64,
    message_id: i64,
    caption: &str,
) -> Result<(), TelegramError> {
    use teloxide_core::payloads::EditMessageCaptionSetters;
    let request = tg
        .bot()
        .edit_message_caption(ChatId(chat), MessageId(message_id as i32))
        .caption(caption);
    ignore_not_modified(request.await.map(drop).map_err(TelegramError::from))
}

pub async fn answer_callback(
    tg: &TelegramClient,
    id: &str,
    text: Option<&str>,
    alert: bool,
) -> Result<(), TelegramError> {
    use teloxide_core::payloads::AnswerCallbackQuerySetters;
    let mut request = tg
        .bot()
        .answer_callback_query(teloxide_core::types::CallbackQueryId(id.to_string()));
    if let Some(text) = text {
        request = request.text(text).show_alert(alert);
    }
    match request.await {
        Ok(_) => Ok(()),
        // A button pressed long ago (before a restart) can no longer be answered; harmless.
        Err(e) => match TelegramError::from(e) {
            TelegramError::BadRequest(d)
                if d.contains("query is too old") || d.contains("query ID is invalid") =>
            {
                Ok(())
            }
            other => Err(other),
        },
    }
}

/// Editing to the same content is Telegram's 400 "message is not modified": for us, success.
fn ignore_not_modified(result: Result<(), TelegramError>) -> Result<(), TelegramError> {
    match result {
        Err(TelegramError::BadRequest(d)) if d.contains("message is not modified") => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_to_the_same_content_counts_as_done() {
        let same = Err(TelegramError::BadRequest(
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same".into(),
        ));
        assert!(ignore_not_modified(same).is_ok());
        let gone = Err(TelegramError::BadRequest(
            "Bad Request: message to edit not found".into(),
        ));
        assert!(ignore_not_modified(gone).is_err());
    }
}
