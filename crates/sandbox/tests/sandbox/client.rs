//! teloxide (through ticketgram-telegram) accepts what the sandbox answers for every method
//! Ticketgram may use, and the sandbox accepts what teloxide sends.

use teloxide_core::payloads::SendPhotoSetters;
use teloxide_core::prelude::Requester;
use teloxide_core::types::{
    BotCommand, ChatAction, InputFile, InputMedia, InputMediaPhoto, UserId,
};
use ticketgram_sandbox::GroupKind;
use ticketgram_telegram::{Secret, TelegramClient, TelegramError};

use crate::helpers::sandbox_without_flood_limits;

#[tokio::test]
async fn teloxide_and_the_sandbox_agree() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("client_bot");
    let alice = world.create_user("Alice", Some("alice"), Some("en"));
    world.private_chat(bot.id, alice).unwrap();
    let forum = world
        .create_group(alice, "Support", GroupKind::Forum)
        .unwrap();
    world.add_bot_to_chat(bot.id, forum, true).unwrap();
    let client = TelegramClient::new(sandbox.base_url(), Secret::new(bot.token.clone()));
    let b = client.bot();
    let user_chat = teloxide_core::types::ChatId(alice);
    let forum_chat = teloxide_core::types::ChatId(forum.telegram_id());

    let me = b.get_me().await.unwrap();
    assert_eq!(me.username(), "client_bot");
    b.get_chat(user_chat).await.unwrap();
    let info = b.get_chat(forum_chat).await.unwrap();
    assert_eq!(info.id, forum_chat);
    b.get_chat_member(forum_chat, UserId(alice as u64))
        .await
        .unwrap();
    b.get_chat_administrators(forum_chat).await.unwrap();
    b.set_my_commands(vec![BotCommand::new("start", "Start")])
        .await
        .unwrap();
    b.get_my_commands().await.unwrap();
    b.get_webhook_info().await.unwrap();
    b.send_chat_action(user_chat, ChatAction::Typing)
        .await
        .unwrap();
    let topic = b.create_forum_topic(forum_chat, "Ticket #1").await.unwrap();
    assert_eq!(topic.name, "Ticket #1");

    let photo = b
        .send_photo(
            user_chat,
            InputFile::memory(vec![9u8; 100]).file_name("a.jpg"),
        )
        .caption("first")
        .await
        .unwrap();
    b.edit_message_caption(user_chat, photo.id).await.unwrap();
    let album = b
        .send_media_group(
            user_chat,
            vec![
                InputMedia::Photo(InputMediaPhoto::new(
                    InputFile::memory(vec![1u8; 10]).file_name("1.jpg"),
                )),
                InputMedia::Photo(InputMediaPhoto::new(
                    InputFile::memory(vec![2u8; 10]).file_name("2.jpg"),
                )),
            ],
        )
        .await
        .unwrap();
    assert_eq!(album.len(), 2);
    assert_eq!(album[0].media_group_id(), album[1].media_group_id());
    let file_id = &album[0].photo().unwrap()[0].file.id.0;
    assert_eq!(client.download(file_id).await.unwrap(), vec![1u8; 10]);
    b.delete_message(user_chat, album[1].id).await.unwrap();

    // Errors come back classified.
    world.user_blocks_bot(alice, bot.id).unwrap();
    let err = TelegramError::from(b.send_message(user_chat, "hi").await.unwrap_err());
    assert_eq!(
        err,
        TelegramError::Forbidden("bot was blocked by the user".into())
    );
    assert!(!err.is_transient());
    let err = TelegramError::from(
        b.send_message(teloxide_core::types::ChatId(-42), "hi")
            .await
            .unwrap_err(),
    );
    assert_eq!(err, TelegramError::BadRequest("chat not found".into()));
    let wrong = TelegramClient::new(sandbox.base_url(), Secret::new("1:not-a-token"));
    assert_eq!(
        TelegramError::from(wrong.bot().get_me().await.unwrap_err()),
        TelegramError::Unauthorized
    );
    assert_eq!(world.spec_violations(), Vec::<String>::new());
}
