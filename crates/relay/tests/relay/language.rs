//! Clients write in their own language whatever their phone is set to. The desk learns it from
//! their messages: the bots answer in it when they speak it, agents see it on the card, and a
//! language the client chose in the bot is never overridden.

use crate::harness::TestDesk;
use ticketgram_domain::{Language, LanguageSource};

#[tokio::test]
async fn a_client_is_answered_in_the_language_they_write_unless_they_chose_one() {
    let desk = TestDesk::start().await;

    // Olga's phone says English; she writes Russian. Agents see it at once; the bots follow
    // once a second message confirms it (one pasted paragraph must not switch her menus).
    let olga = desk.client("Olga", "en");
    desk.says(
        &olga,
        "Здравствуйте, у меня списали деньги два раза, верните, пожалуйста",
    );
    desk.client_gets(&olga, "Request #1000 created").await;
    desk.card_shows(1000, "🌐 Language: Russian (ru)").await;
    desk.says(&olga, "Деньги списали в понедельник, чек прилагаю позже");
    desk.says(&olga, "/start");
    desk.client_gets(&olga, "Здравствуйте, Olga").await;

    // Pablo writes Spanish: the bots do not speak it, so they keep English, and agents see
    // which language to answer in.
    let pablo = desk.client("Pablo", "en");
    desk.says(
        &pablo,
        "Hola, me cobraron dos veces y todavía no recibí el reembolso",
    );
    desk.client_gets(&pablo, "Request #1001 created").await;
    desk.card_shows(1001, "🌐 Language: Spanish (es)").await;

    // Hans chose English in the bot; writing German does not switch it back.
    let hans = desk.client("Hans", "de");
    desk.says(&hans, "/language");
    desk.client_presses(&hans, "English").await;
    desk.client_gets(&hans, "From now on I will answer in English")
        .await;
    desk.says(
        &hans,
        "Meine Karte wurde zweimal belastet und ich warte immer noch auf mein Geld",
    );
    desk.client_gets(&hans, "Request #1002 created").await;
    desk.card_shows(1002, "🌐 Language: German (de)").await;
    desk.says(
        &hans,
        "Bitte antworten Sie mir so schnell wie möglich, danke",
    );
    desk.says(&hans, "/start");
    desk.client_gets(&hans, "Hello, Hans").await;

    // Short replies never move a known language: Olga's "ok, thanks" keeps her Russian.
    desk.says(&olga, "ok thanks");
    desk.settled().await;
    for (who, language, source, written) in [
        (&olga, Language::Ru, LanguageSource::Detected, "ru"),
        (&pablo, Language::En, LanguageSource::Telegram, "es"),
        (&hans, Language::En, LanguageSource::Chosen, "de"),
    ] {
        let client = desk
            .store
            .find_client_by_telegram_id(desk.ws, who.user)
            .await
            .expect("store")
            .expect("known client");
        assert_eq!(
            (
                client.language,
                client.language_source,
                client.written_language.as_deref()
            ),
            (language, source, Some(written)),
            "{}",
            client.first_name
        );
    }
}
