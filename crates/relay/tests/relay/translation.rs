//! A desk of English-speaking agents serving Russian-speaking buyers through machine
//! translation: Olga writes in Russian and the agents read her words and their translation in
//! the thread; Kate answers in English and Olga reads Russian, at once or once Kate confirmed
//! the translation; a translation whose numbers changed waits for Kate whatever the mode; and
//! when the translation service fails or the desk's daily limit is spent, nothing is lost:
//! the message goes as written and the thread says why.
//!
//! The translation service is a stand-in LibreTranslate on 127.0.0.1 speaking its real wire
//! format (`POST /translate`, JSON `q`, `source`, `target`, `format`); the desk allows
//! 127.0.0.0/8, as an operator whose LibreTranslate runs beside the desk would.

use crate::harness::{TestDatabase, TestDesk, TEST_SECRET_KEY};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use ticketgram_domain::Actor;
use ticketgram_outbound::DestinationPolicy;
use ticketgram_relay::order_lookup::SavedBy;
use ticketgram_relay::translation::settings::{self, KeyChange, TranslationChange};
use ticketgram_store::{SealingKey, TranslationState};
use ticketgram_testkit::{button_data, message_id, text_of};
use ticketgram_translation::{Mode, ProviderConfig, TranslationConfig};

pub(crate) const OLGA_ASKS: &str = "Здравствуйте! Где мой заказ A-1042? Оплатила вчера.";
pub(crate) const OLGA_ASKS_EN: &str = "Hello! Where is my order A-1042? I paid yesterday.";
const KATE_ANSWERS: &str = "Your order A-1042 ships on Friday.";
const KATE_ANSWERS_RU: &str = "Ваш заказ A-1042 отправят в пятницу.";
const KATE_REFUNDS: &str = "A refund of 120 EUR is on its way.";
/// The service drops a zero: a translation no one should send unchecked.
const KATE_REFUNDS_RU: &str = "Возврат 12 EUR уже в пути.";
/// Kate's caption under a photo of the return label, and its translation.
pub(crate) const KATE_CAPTION: &str = "Here is the shipping label for your return.";
pub(crate) const KATE_CAPTION_RU: &str = "Вот транспортная этикетка для вашего возврата.";
/// The service answers this one with 503.
const OLGA_BREAKS_IT: &str = "Почему сервис перевода сломан сегодня?";

/// A stand-in LibreTranslate: a small dictionary, and what it was asked.
pub(crate) struct Libre {
    base: String,
    asked: Arc<Mutex<Vec<Value>>>,
}

impl Libre {
    pub(crate) async fn start() -> Libre {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let asked = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/translate", post(translate))
            .with_state(asked.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Libre { base, asked }
    }

    pub(crate) fn asked(&self) -> Vec<Value> {
        self.asked.lock().expect("asked").clone()
    }
}

async fn translate(
    State(asked): State<Arc<Mutex<Vec<Value>>>>,
    Json(body): Json<Value>,
) -> Response {
    asked.lock().expect("asked").push(body.clone());
    let texts: Vec<String> = match &body["q"] {
        Value::String(one) => vec![one.clone()],
        Value::Array(many) => many
            .iter()
            .map(|t| t.as_str().unwrap_or_default().to_owned())
            .collect(),
        _ => return (StatusCode::BAD_REQUEST, "q is required").into_response(),
    };
    if body["target"].as_str().is_none() || body["format"] != "text" {
        return (StatusCode::BAD_REQUEST, "target and format are required").into_response();
    }
    if texts.iter().any(|t| t == OLGA_BREAKS_IT) {
        return (StatusCode::SERVICE_UNAVAILABLE, "overloaded").into_response();
    }
    let dictionary = [
        (OLGA_ASKS, OLGA_ASKS_EN),
        (KATE_ANSWERS, KATE_ANSWERS_RU),
        (KATE_REFUNDS, KATE_REFUNDS_RU),
        (KATE_CAPTION, KATE_CAPTION_RU),
    ];
    let translated: Vec<String> = texts
        .iter()
        .map(|text| {
            dictionary
                .iter()
                .find(|(from, _)| from == text)
                .map_or_else(|| format!("[{text}]"), |(_, to)| (*to).to_owned())
        })
        .collect();
    match &body["q"] {
        Value::String(_) => Json(json!({ "translatedText": translated[0] })).into_response(),
        _ => Json(json!({ "translatedText": translated })).into_response(),
    }
}

/// The desk, translating Russian as `mode` says through `libre`, with `limit` characters a day.
pub(crate) async fn russian_desk(
    libre: &Libre,
    mode: Mode,
    limit: Option<u64>,
    database: Option<TestDatabase>,
) -> TestDesk {
    let setup = ticketgram_testkit::TestDesk::setup().tune(|config| {
        config.outbound = DestinationPolicy::parse(["127.0.0.0/8"]).expect("network");
    });
    let setup = match database {
        Some(database) => setup.database(database),
        None => setup,
    };
    let desk = TestDesk(setup.start().await);
    let mut config = TranslationConfig::new(ProviderConfig::LibreTranslate {
        url: libre.base.clone(),
    });
    config
        .languages
        .insert(ticketgram_translation::Lang::parse("ru").expect("ru"), mode);
    config.daily_char_limit = limit;
    let change = TranslationChange {
        config,
        key: KeyChange::Keep,
    };
    let by = SavedBy {
        actor: Actor::System,
        via: "test",
    };
    let key = SealingKey::derive(TEST_SECRET_KEY);
    let now = chrono::Utc::now();
    let tx = desk.store.begin_tx().await.expect("tx");
    settings::save(&tx, Some(&key), desk.ws, &change, by, now)
        .await
        .expect("the settings save");
    tx.commit().await.expect("commit");
    desk
}

/// The thread's message that says `needle`, once it is there.
pub(crate) async fn thread_message(desk: &TestDesk, number: i64, needle: &str) -> Value {
    let all = desk
        .thread_sees(number, |msgs| {
            msgs.iter().any(|m| text_of(m).contains(needle))
        })
        .await;
    all.into_iter()
        .find(|m| text_of(m).contains(needle))
        .expect("seen")
}

async fn agents_read_olga_and_she_reads_them(database: Option<TestDatabase>) {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Automatic, None, database).await;
    let kate = desk.kate.0;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;

    // The agents see her words, and under them the translation.
    let translation = thread_message(&desk, 1000, OLGA_ASKS_EN).await;
    assert!(
        text_of(&translation).contains("Russian (ru)"),
        "{translation:#}"
    );
    desk.thread_sees(1000, |msgs| msgs.iter().any(|m| text_of(m) == OLGA_ASKS))
        .await;
    let original = thread_message(&desk, 1000, OLGA_ASKS).await;
    assert_eq!(
        translation["reply_to_message"]["message_id"], original["message_id"],
        "the translation answers the message it translates"
    );

    // Kate answers in English; Olga reads Russian, signed as always.
    desk.agent_comments(kate, 1000, KATE_ANSWERS).await;
    desk.client_gets(&olga, KATE_ANSWERS_RU).await;
    thread_message(&desk, 1000, KATE_ANSWERS_RU).await;

    // Kate edits her answer: Olga keeps the Russian she read, and the thread tells Kate to
    // write a new message instead.
    let kates = desk
        .thread_sees(1000, |msgs| msgs.iter().any(|m| text_of(m) == KATE_ANSWERS))
        .await
        .into_iter()
        .find(|m| text_of(m) == KATE_ANSWERS)
        .expect("Kate's comment");
    desk.sandbox
        .world()
        .user_edits(
            kate,
            desk.group,
            message_id(&kates),
            "Your order ships on Monday.",
        )
        .expect("edit");
    thread_message(&desk, 1000, "the edit is not sent").await;
    desk.settled().await;
    let olga_reads = desk.sandbox.world().bot_messages(olga.chat, desk.bot.id);
    assert!(
        olga_reads
            .iter()
            .any(|m| text_of(m).contains(KATE_ANSWERS_RU))
            && !olga_reads.iter().any(|m| text_of(m).contains("Monday")),
        "{olga_reads:#?}"
    );

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
        .any(|m| m.text.as_deref() == Some("Your order ships on Monday.")));
    let translations = desk
        .store
        .ticket_translations(desk.ws, ticket.id)
        .await
        .expect("translations");
    let states: Vec<_> = translations.iter().map(|t| t.state).collect();
    assert_eq!(
        states,
        [TranslationState::Shown, TranslationState::Approved]
    );
    assert_eq!(translations[1].text.as_deref(), Some(KATE_ANSWERS_RU));
    // The service was asked twice, each time from the language the desk knew.
    let asked = libre.asked();
    assert_eq!(asked.len(), 2, "{asked:#?}");
    assert_eq!(
        (asked[0]["source"].as_str(), asked[0]["target"].as_str()),
        (Some("ru"), Some("en"))
    );
    assert_eq!(
        (asked[1]["source"].as_str(), asked[1]["target"].as_str()),
        (Some("en"), Some("ru"))
    );
}

#[tokio::test]
async fn agents_read_a_russian_buyer_and_she_reads_their_answers_in_russian() {
    agents_read_olga_and_she_reads_them(None).await;
}

#[tokio::test]
async fn agents_read_a_russian_buyer_and_she_reads_their_answers_in_russian_on_postgres() {
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    agents_read_olga_and_she_reads_them(Some(database)).await;
}

#[tokio::test]
async fn kate_checks_each_translation_before_it_goes_when_the_desk_asks_her_to() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Confirm, None, None).await;
    let kate = desk.kate.0;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    thread_message(&desk, 1000, OLGA_ASKS_EN).await;

    desk.agent_comments(kate, 1000, KATE_ANSWERS).await;
    let prompt = thread_message(&desk, 1000, KATE_ANSWERS_RU).await;
    let send = button_data(&prompt, "Send translation").expect("a send button");
    // Nothing reached Olga yet.
    desk.settled().await;
    assert!(!desk
        .sandbox
        .world()
        .bot_messages(olga.chat, desk.bot.id)
        .iter()
        .any(|m| text_of(m).contains(KATE_ANSWERS_RU)));

    desk.sandbox
        .world()
        .user_presses_button(kate, desk.group, message_id(&prompt), &send)
        .expect("press");
    desk.client_gets(&olga, KATE_ANSWERS_RU).await;
    // The prompt now says who sent it, without buttons; a second tap changes nothing.
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("Translation sent by Kate"))
    })
    .await;
    desk.sandbox
        .world()
        .user_presses_button(kate, desk.group, message_id(&prompt), &send)
        .ok();
    desk.settled().await;
    let received = desk
        .sandbox
        .world()
        .bot_messages(olga.chat, desk.bot.id)
        .iter()
        .filter(|m| text_of(m).contains(KATE_ANSWERS_RU))
        .count();
    assert_eq!(received, 1, "Olga got the answer once");

    // A refund whose amount the service changed: Kate sends her own words instead.
    desk.agent_comments(kate, 1000, KATE_REFUNDS).await;
    let risky = thread_message(&desk, 1000, KATE_REFUNDS_RU).await;
    assert!(text_of(&risky).contains("numbers differ"), "{risky:#}");
    let as_written = button_data(&risky, "Send as written").expect("as written");
    desk.sandbox
        .world()
        .user_presses_button(kate, desk.group, message_id(&risky), &as_written)
        .expect("press");
    desk.client_gets(&olga, KATE_REFUNDS).await;
    let ticket = desk.ticket(1000).await;
    desk.settled().await;
    let translations = desk
        .store
        .ticket_translations(desk.ws, ticket.id)
        .await
        .expect("translations");
    let states: Vec<_> = translations.iter().map(|t| t.state).collect();
    assert_eq!(
        states,
        [
            TranslationState::Shown,
            TranslationState::Approved,
            TranslationState::Declined
        ]
    );
}

#[tokio::test]
async fn a_risky_translation_waits_for_the_agent_even_in_automatic_mode() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Automatic, None, None).await;
    let kate = desk.kate.0;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    desk.agent_comments(kate, 1000, KATE_REFUNDS).await;
    let risky = thread_message(&desk, 1000, KATE_REFUNDS_RU).await;
    assert!(
        button_data(&risky, "Send translation").is_some(),
        "{risky:#}"
    );
    desk.settled().await;
    assert!(!desk
        .sandbox
        .world()
        .bot_messages(olga.chat, desk.bot.id)
        .iter()
        .any(|m| text_of(m).contains("EUR")));
}

#[tokio::test]
async fn a_failing_service_or_a_spent_limit_loses_nothing() {
    let libre = Libre::start().await;
    // Enough for Olga's first question only.
    let limit = OLGA_ASKS.chars().count() as u64 + 5;
    let desk = russian_desk(&libre, Mode::Automatic, Some(limit), None).await;
    let kate = desk.kate.0;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    thread_message(&desk, 1000, OLGA_ASKS_EN).await;

    // The limit is spent: Kate's answer goes as written, and the thread says why.
    desk.agent_comments(kate, 1000, KATE_ANSWERS).await;
    desk.client_gets(&olga, KATE_ANSWERS).await;
    thread_message(&desk, 1000, "daily translation limit is spent").await;
    // So is Olga's next message, shown as she wrote it, marked.
    desk.says(&olga, "Спасибо, буду ждать пятницы!");
    thread_message(&desk, 1000, "Спасибо, буду ждать пятницы!").await;
    desk.thread_sees(1000, |msgs| {
        msgs.iter()
            .filter(|m| text_of(m).contains("Not translated"))
            .count()
            == 1
    })
    .await;
    assert_eq!(libre.asked().len(), 1, "nothing over the limit was sent");

    // Another desk's service is down: the message is in the thread, marked, at once.
    let broken = Libre::start().await;
    let desk = russian_desk(&broken, Mode::Automatic, None, None).await;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_BREAKS_IT);
    desk.client_gets(&olga, "#1000").await;
    thread_message(&desk, 1000, OLGA_BREAKS_IT).await;
    thread_message(&desk, 1000, "the translation service did not answer").await;
}

/// Olga sends photos of the broken parcel as an album with a Russian caption: the agents read
/// the caption's translation under the album's captioned photo in the thread.
#[tokio::test]
async fn an_albums_caption_is_translated_for_the_agents() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Automatic, None, None).await;
    let olga = desk.client("Olga", "ru");
    desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    thread_message(&desk, 1000, OLGA_ASKS_EN).await;
    let caption = "Посылка пришла разбитой, вот фотографии.";
    let photo = |bytes: &'static [u8]| ticketgram_sandbox::MediaUpload {
        kind: ticketgram_sandbox::MediaKind::Photo,
        bytes: bytes.into(),
        file_name: None,
        mime_type: None,
    };
    desk.sandbox
        .world()
        .user_sends_album(
            olga.user,
            olga.chat,
            vec![photo(b"box"), photo(b"item")],
            Some(caption),
        )
        .expect("album");
    let translation = thread_message(&desk, 1000, &format!("[{caption}]")).await;
    let captioned = thread_message(&desk, 1000, caption).await;
    assert!(captioned.get("media_group_id").is_some(), "{captioned:#}");
    assert_eq!(
        translation["reply_to_message"]["message_id"], captioned["message_id"],
        "under the captioned photo"
    );
    desk.settled().await;
    assert_eq!(
        libre.asked().len(),
        2,
        "the question and the caption, once each"
    );
}

/// Olga corrects the order number in her question: the agents' translation under it is
/// edited to the corrected words, not left saying what she took back.
#[tokio::test]
async fn a_clients_edit_is_translated_anew_under_the_same_message() {
    let libre = Libre::start().await;
    let desk = russian_desk(&libre, Mode::Automatic, None, None).await;
    let olga = desk.client("Olga", "ru");
    let asked = desk.says(&olga, OLGA_ASKS);
    desk.client_gets(&olga, "#1000").await;
    let first = thread_message(&desk, 1000, OLGA_ASKS_EN).await;
    let corrected = "Здравствуйте! Где мой заказ A-1043? Оплатила вчера.";
    desk.sandbox
        .world()
        .user_edits(olga.user, olga.chat, asked, corrected)
        .expect("edit");
    let edited = thread_message(&desk, 1000, "as edited").await;
    assert_eq!(
        edited["message_id"], first["message_id"],
        "the same message, edited"
    );
    assert!(
        text_of(&edited).contains(&format!("[{corrected}]")),
        "{edited:#}"
    );
    desk.settled().await;
    let ticket = desk.ticket(1000).await;
    let translations = desk
        .store
        .ticket_translations(desk.ws, ticket.id)
        .await
        .expect("translations");
    assert_eq!(translations.len(), 1);
    assert_eq!(
        translations[0].text.as_deref(),
        Some(format!("[{corrected}]").as_str())
    );
}
