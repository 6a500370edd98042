//! Kate answers Olga, who reads Russian, with a photo of the return label and a line under
//! it: Olga gets the photo with the line in Russian, signed as always; the thread says what
//! she read, and the ticket's history keeps Kate's English. Where the desk asks Kate to check
//! each translation, a document waits for her tap like a text answer, then reaches Olga with
//! its caption in Russian; so does an album of photos, as one album.
//!
//! Against the stand-in LibreTranslate of `translation.rs`.

use crate::harness::TestDesk;
use crate::translation::{
    russian_desk, thread_message, Libre, KATE_CAPTION, KATE_CAPTION_RU, OLGA_ASKS, OLGA_ASKS_EN,
};
use ticketgram_sandbox::{MediaKind, MediaUpload, UserMessage};
use ticketgram_store::TranslationState;
use ticketgram_testkit::Client;
use ticketgram_testkit::{button_data, message_id, text_of};
use ticketgram_translation::Mode;

/// Olga has asked in Russian and the agents read her; Kate answers with `kind` and a caption.
async fn kate_answers_with(desk: &TestDesk, kind: MediaKind, file_name: Option<&str>) -> Client {
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    thread_message(desk, 1000, OLGA_ASKS_EN).await;
    let thread = desk.thread(1000).await;
    let media = MediaUpload {
        kind,
        bytes: b"label".to_vec().into(),
        file_name: file_name.map(str::to_owned),
        mime_type: None,
    };
    desk.sandbox
        .world()
        .user_sends(
            desk.kate.0,
            desk.group,
            UserMessage {
                media: Some(media),
                caption: Some(KATE_CAPTION.into()),
                thread_id: Some(thread),
                ..UserMessage::default()
            },
        )
        .expect("Kate's media");
    olga
}

/// How many messages carrying `kind` (`photo`, `document`) Olga has from the bot.
fn sent(desk: &TestDesk, olga: &Client, kind: &str) -> usize {
    let all = desk.sandbox.world().bot_messages(olga.chat, desk.bot.id);
    all.iter().filter(|m| m.get(kind).is_some()).count()
}

/// The translation of Kate's caption waits in the thread, and nothing of Kate's `kind` reaches
/// Olga until Kate taps Send translation.
async fn kate_sends_the_translation(desk: &TestDesk, olga: &Client, kind: &str) {
    let prompt = thread_message(desk, 1000, KATE_CAPTION_RU).await;
    let send = button_data(&prompt, "Send translation").expect("a send button");
    desk.settled().await;
    assert_eq!(sent(desk, olga, kind), 0, "nothing before Kate decides");
    desk.sandbox
        .world()
        .user_presses_button(desk.kate.0, desk.group, message_id(&prompt), &send)
        .expect("press");
}

#[tokio::test]
async fn olga_reads_the_caption_of_kates_photo_in_russian() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Automatic, None, None).await;
    let olga = kate_answers_with(&desk, MediaKind::Photo, None).await;

    let received = desk.client_gets(&olga, KATE_CAPTION_RU).await;
    assert!(
        received.get("photo").is_some(),
        "the photo itself: {received:#}"
    );
    let caption = text_of(&received);
    assert!(caption.ends_with("— Kate · #1000"), "signed: {caption}");
    assert!(!caption.contains(KATE_CAPTION), "{caption}");
    // The thread says what she read, under Kate's photo.
    let shown = thread_message(&desk, 1000, KATE_CAPTION_RU).await;
    assert!(text_of(&shown).contains("Sent to the client"), "{shown:#}");

    // The history keeps Kate's words; the translation is kept beside them.
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let messages = desk
        .store
        .ticket_messages(desk.ws, ticket.id)
        .await
        .expect("messages");
    assert!(messages
        .iter()
        .any(|m| m.media.first().and_then(|x| x.caption.as_deref()) == Some(KATE_CAPTION)));
    let translations = desk
        .store
        .ticket_translations(desk.ws, ticket.id)
        .await
        .expect("translations");
    let answer = translations.last().expect("the caption's translation");
    assert_eq!(answer.state, TranslationState::Approved);
    assert_eq!(answer.text.as_deref(), Some(KATE_CAPTION_RU));
    assert_eq!(libre.asked().len(), 2, "her question and Kate's caption");
}

#[tokio::test]
async fn kate_checks_her_documents_caption_before_it_goes() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Confirm, None, None).await;
    let olga = kate_answers_with(&desk, MediaKind::Document, Some("label.pdf")).await;

    kate_sends_the_translation(&desk, &olga, "document").await;
    let received = desk.client_gets(&olga, KATE_CAPTION_RU).await;
    assert!(received.get("document").is_some(), "{received:#}");
    assert!(text_of(&received).ends_with("— Kate · #1000"));
}

#[tokio::test]
async fn kates_album_reaches_olga_as_one_album_captioned_in_russian_once_she_confirms() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Confirm, None, None).await;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    thread_message(&desk, 1000, OLGA_ASKS_EN).await;
    let photo = |bytes: &'static [u8]| MediaUpload {
        kind: MediaKind::Photo,
        bytes: bytes.into(),
        file_name: None,
        mime_type: None,
    };
    let thread = desk.thread(1000).await;
    desk.sandbox
        .world()
        .user_sends_album_in(
            desk.kate.0,
            desk.group,
            Some(thread),
            vec![photo(b"front"), photo(b"back")],
            Some(KATE_CAPTION),
        )
        .expect("Kate's album");

    kate_sends_the_translation(&desk, &olga, "photo").await;
    let received = desk
        .client_sees(&olga, |msgs| {
            msgs.iter().filter(|m| m.get("photo").is_some()).count() == 2
        })
        .await;
    let photos: Vec<_> = received
        .iter()
        .filter(|m| m.get("photo").is_some())
        .collect();
    assert_eq!(
        photos[0]["media_group_id"], photos[1]["media_group_id"],
        "one album"
    );
    let caption = text_of(photos[0]);
    assert!(caption.starts_with(KATE_CAPTION_RU), "{caption}");
    assert!(caption.ends_with("— Kate · #1000"), "{caption}");
    desk.settled().await;
    assert_eq!(sent(&desk, &olga, "photo"), 2, "the album once");
}
