//! Agents answering from outside Telegram (the web console, the REST API): the client gets the
//! reply from the client bot under the agent's alias, and the thread shows it for the agents
//! working in Telegram; notes stay in the thread.

use crate::harness::{text_of, TestDesk};
use std::time::Duration;
use ticketgram_domain::TicketStatus;
use ticketgram_relay::{actions, Desk, Input};

/// The desk as the console and the API of the running process act on it.
fn desk_of(test: &TestDesk) -> Desk {
    test.relay_desk()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_reply_reaches_the_client_and_the_thread() {
    let test = TestDesk::start().await;
    let desk = desk_of(&test);
    let anna = test.client("Anna", "en");
    test.says(&anna, "Where is my parcel?");
    test.client_gets(&anna, "#1000").await;
    test.thread_sees(1000, |msgs| {
        msgs.iter()
            .any(|m| text_of(m).contains("Where is my parcel?"))
    })
    .await;
    let ticket = test.ticket(1000).await;
    let kate = test.kate.1.id;
    let now = chrono::Utc::now();

    let note = Input::apply(&desk, "form:1".into(), now, async |desk, fx| {
        actions::note(desk, fx, ticket.id, Some(kate), "VIP, be quick").await
    })
    .await
    .expect("note");
    let reply = Input::apply(&desk, "form:2".into(), now, async |desk, fx| {
        actions::reply(desk, fx, ticket.id, Some(kate), "It ships tomorrow.").await
    })
    .await
    .expect("reply");
    // The same form posted again (a double click): applied once.
    let again = Input::apply(&desk, "form:2".into(), now, async |desk, fx| {
        actions::reply(desk, fx, ticket.id, Some(kate), "It ships tomorrow.").await
    })
    .await;
    assert!(matches!(
        again,
        Err(ticketgram_relay::RelayError::AlreadyApplied)
    ));

    let got = test.client_gets(&anna, "It ships tomorrow.").await;
    assert!(
        text_of(&got).contains("Kate"),
        "signed with the alias: {got}"
    );
    let thread = test
        .thread_sees(1000, |msgs| {
            msgs.iter()
                .any(|m| text_of(m).contains("Kate (console): It ships tomorrow."))
        })
        .await;
    assert!(thread
        .iter()
        .any(|m| text_of(m).contains("VIP, be quick") && text_of(m).contains("note")));
    test.settled().await;
    let seen = test.client_sees(&anna, |_| true).await;
    assert!(
        !seen.iter().any(|m| text_of(m).contains("VIP")),
        "notes never reach the client"
    );

    let stored = test.store.get_message(test.ws, reply).await.expect("reply");
    assert_eq!(
        stored.copies.len(),
        2,
        "in the client's chat and in the thread"
    );
    assert_eq!(
        test.store
            .get_message(test.ws, note)
            .await
            .expect("note")
            .copies
            .len(),
        1
    );
    let ticket = test.ticket(1000).await;
    assert_eq!(
        ticket.status,
        TicketStatus::Open,
        "a reply opens the ticket"
    );
    assert!(ticket.first_response_at.is_some());

    let max = test.max.1.id;
    let now = chrono::Utc::now();
    Input::apply(&desk, "form:3".into(), now, async |desk, fx| {
        actions::assign(desk, fx, ticket.id, Some(max), kate).await
    })
    .await
    .expect("transfer");
    test.card_shows(1000, "Max").await;
    let closed = TicketStatus::Closed;
    Input::apply(&desk, "form:4".into(), now, async |desk, fx| {
        actions::change_status_as_agent(desk, fx, ticket.id, closed, kate).await
    })
    .await
    .expect("close");
    test.client_gets(&anna, "How would you rate").await;
    assert!(
        Input::apply(&desk, "form:5".into(), now, async |desk, fx| {
            actions::reply(desk, fx, ticket.id, Some(kate), "   ").await
        })
        .await
        .is_err(),
        "empty replies are refused"
    );
}

/// On a desk whose client bot was pasted into the settings bot, the configured bot only does
/// settings: what the console and the API send must still go out through the client bot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_actions_go_out_through_the_desks_client_bot() {
    let test = TestDesk::start().await;
    let desk = desk_of(&test);
    assert_eq!(desk.as_client_bot().await.unwrap().bot_id(), test.bot.id);

    let client_bot = test.sandbox.world().create_bot("acme_help_bot");
    test.store
        .write(async |tx| {
            tx.register_bot(
                test.ws,
                &ticketgram_store::NewBot {
                    role: ticketgram_store::BotRole::Client,
                    telegram_bot_id: client_bot.id,
                    username: "acme_help_bot".into(),
                    token_ciphertext: "sealed".into(),
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .unwrap();
    let seen = desk.as_client_bot().await.unwrap();
    assert_eq!(seen.bot_id(), client_bot.id);
    assert_eq!(seen.config.bots.client, client_bot.id);
    assert_eq!(seen.config.bots.manager, test.bot.id);

    // A card refresh asked for by the console (priority, tags, merge) is the client bot's job.
    let ticket = ticketgram_domain::TicketId(1);
    Input::apply(&desk, "form:1".into(), chrono::Utc::now(), async |_, fx| {
        actions::refresh_card(fx, ticket).await
    })
    .await
    .unwrap();
    let jobs = test
        .store
        .claim_due_for_bots(
            "outside-test",
            &[client_bot.id],
            chrono::Utc::now(),
            Duration::from_secs(30),
            10,
        )
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert!(
        jobs[0].payload.contains("refresh_card"),
        "{}",
        jobs[0].payload
    );
}
