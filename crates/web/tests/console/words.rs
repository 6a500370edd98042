//! The console speaks its reader's language from the same Fluent files as the bots, shows the
//! desk's clock, and says what the card and the manager bot say.

use crate::harness::{get, http, text_of, Console, WAIT};
use ticketgram_domain::{Agent, Language, WorkingHours};
use ticketgram_store::NewAgent;

async fn post(console: &Console, csrf: &str, cookie: &str, path: &str, form: &[(&str, &str)]) {
    let mut fields = vec![("csrf", csrf)];
    fields.extend_from_slice(form);
    let response = http()
        .post(console.url(path))
        .header("cookie", cookie)
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status().as_u16(), 303, "{path}");
}

/// The agent's own setting, as `/language` in the manager bot or `agent add --language` sets it.
async fn speaks(console: &Console, agent: &Agent, language: Language) {
    console
        .store
        .write(async |tx| {
            tx.upsert_agent(
                console.ws,
                &NewAgent {
                    telegram_user_id: agent.telegram_user_id,
                    name: agent.name.clone(),
                    role: agent.role,
                    alias: agent.alias.clone(),
                    languages: vec![language],
                    skills: vec![],
                    schedule: None,
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("language saved");
}

/// Waits until the ticket's card in the agents' channel contains `needle`; returns its text.
async fn card_shows(console: &Console, needle: &str) -> String {
    let all = console
        .sandbox
        .world()
        .wait_for(console.channel, WAIT, |all| {
            all.iter().any(|m| text_of(m).contains(needle))
        })
        .await
        .unwrap_or_else(|all| panic!("no card showed {needle:?}: {all:#?}"));
    all.iter()
        .map(text_of)
        .find(|t| t.contains(needle))
        .expect("found")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_agent_reads_the_console_in_german() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "Wo ist meine Bestellung?");
    console.client_gets(&anna, "#1000").await;
    speaks(&console, &console.agent, Language::De).await;
    let session = console.session(&console.agent).await;

    let (status, inbox) = get(&console, &session.cookie, "/inbox").await;
    assert_eq!(status, 200);
    assert!(inbox.contains("<html lang=\"de\">"), "{inbox}");
    for german in [
        "<h1>Posteingang</h1>",
        "Betreff",
        "1 Ticket",
        ">neu<",
        "Abmelden",
    ] {
        assert!(inbox.contains(german), "{german:?} missing: {inbox}");
    }
    assert!(
        !inbox.contains("Subject"),
        "English left on the page: {inbox}"
    );
    let (_, ticket) = get(&console, &session.cookie, "/tickets/1000").await;
    for german in [
        "Dem Kunden antworten",
        "Antwort senden",
        "Interne Notiz",
        "Status setzen",
    ] {
        assert!(ticket.contains(german), "{german:?} missing: {ticket}");
    }
    // Refusals too: a ticket that does not exist.
    let (status, missing) = get(&console, &session.cookie, "/tickets/999999").await;
    assert_eq!(status, 404);
    assert!(missing.contains("Nicht gefunden"), "{missing}");

    // Her English colleague, same desk, same moment: English.
    let kate_colleague = console.session(&console.admin).await;
    let (_, inbox) = get(&console, &kate_colleague.cookie, "/inbox").await;
    assert!(
        inbox.contains("<h1>Inbox</h1>") && inbox.contains("1 ticket"),
        "{inbox}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_signing_in_the_browser_chooses_the_language() {
    let console = Console::start().await;
    let sign_in = |language: &'static str| {
        let url = console.url("/login");
        async move {
            http()
                .get(url)
                .header("accept-language", language)
                .send()
                .await
                .expect("sign-in page")
                .text()
                .await
                .expect("body")
        }
    };
    let german = sign_in("de-CH, de;q=0.9, en;q=0.5").await;
    assert!(
        german.contains("<html lang=\"de\">") && german.contains("Anmelden"),
        "{german}"
    );
    let russian = sign_in("ru").await;
    assert!(russian.contains("Войти"), "{russian}");
    // A language the desk does not speak: the desk's own (English here).
    let french = sign_in("fr-FR").await;
    assert!(
        french.contains("<html lang=\"en\">") && french.contains("Sign in"),
        "{french}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_the_console_and_the_manager_bot_say_the_same_status() {
    let console = Console::start().await;
    let anna = console.client("Anna");
    console.says(&anna, "My parcel is late");
    console.client_gets(&anna, "#1000").await;
    card_shows(&console, "Status: new").await;
    let session = console.session(&console.agent).await;
    post(
        &console,
        &session.csrf,
        &session.cookie,
        "/tickets/1000/status",
        &[("status", "waiting_on_client")],
    )
    .await;

    let word = "waiting for the client";
    card_shows(&console, &format!("Status: {word}")).await;
    let (_, page) = get(&console, &session.cookie, "/tickets/1000").await;
    assert!(
        page.contains(&format!("data-status=\"waiting_on_client\">{word}<")),
        "{page}"
    );
    let (_, inbox) = get(&console, &session.cookie, "/inbox").await;
    assert!(inbox.contains(&format!(">{word}<")), "{inbox}");

    // Kate asks the manager bot about the ticket in Telegram.
    let world = console.sandbox.world();
    let kate = console.agent.telegram_user_id;
    let chat = world
        .private_chat(console.bot.id, kate)
        .expect("Kate opens the bot");
    world
        .user_sends_text(kate, chat, "/ticket 1000")
        .expect("sent");
    world
        .wait_for(chat, WAIT, |all| {
            all.iter()
                .any(|m| text_of(m).contains(&format!("Status: {word}")))
        })
        .await
        .unwrap_or_else(|all| panic!("the manager bot never said {word:?}: {all:#?}"));
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tokyo_desk_reads_tokyo_time_and_its_own_name_in_every_export() {
    let console = Console::start().await;
    // What `/hours Asia/Tokyo 24/7` in the settings bot stores; the instance says UTC.
    let tokyo: WorkingHours =
        serde_json::from_value(serde_json::json!({ "time_zone": "Asia/Tokyo", "week": "24/7" }))
            .expect("hours");
    console
        .store
        .write(async |tx| {
            tx.set_working_hours(console.ws, &tokyo, chrono::Utc::now())
                .await
        })
        .await
        .expect("hours saved");
    let anna = console.client("Anna");
    console.says(&anna, "Hello from Osaka");
    console.client_gets(&anna, "#1000").await;
    let ticket = console.ticket(1000).await;
    let opened = ticketgram_i18n::desk_time(ticket.created_at, chrono_tz::Asia::Tokyo);
    assert!(opened.ends_with(" JST"), "{opened}");

    // The card, the ticket page and the inbox: Tokyo time, with the zone named.
    let card = card_shows(&console, &format!("Opened: {opened}")).await;
    assert!(
        card.contains("First reply due:") && card.contains("JST"),
        "{card}"
    );
    assert!(!card.contains("UTC"), "{card}");
    let session = console.session(&console.admin).await;
    let (_, page) = get(&console, &session.cookie, "/tickets/1000").await;
    assert!(page.contains(&opened) && !page.contains(" UTC"), "{page}");
    assert!(
        page.contains("id=\"due\""),
        "an open ticket shows its deadline: {page}"
    );

    // The exports name the desk as the manager bot's `/report` does, and its zone.
    let csv = http()
        .get(console.url("/reports/export.csv"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert!(
        csv.contains("Desk,Test desk") || csv.contains(",Desk,Test desk"),
        "{csv}"
    );
    assert!(csv.contains("Asia/Tokyo"), "{csv}");
    let (_, reports) = get(&console, &session.cookie, "/reports").await;
    assert!(
        reports.contains("Asia/Tokyo") && reports.contains("Test desk"),
        "{reports}"
    );

    // Closed without a reply: nobody owes a first reply any more, on the card or the page.
    post(
        &console,
        &session.csrf,
        &session.cookie,
        "/tickets/1000/status",
        &[("status", "closed")],
    )
    .await;
    let card = card_shows(&console, "Status: closed").await;
    assert!(!card.contains("First reply due"), "{card}");
    let (_, page) = get(&console, &session.cookie, "/tickets/1000").await;
    assert!(!page.contains("id=\"due\""), "{page}");
    console.stop().await;
}
