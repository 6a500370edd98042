//! Tickets through the API reach Telegram exactly like tickets from the bot.

use crate::harness::{TestApi, WAIT};
use serde_json::json;
use ticketgram_api::Scope;

fn numbers(page: &serde_json::Value) -> Vec<i64> {
    page["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_opened_through_the_api_is_answered_and_closed_through_it() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");

    let (status, created) = api
        .post(
            "/tickets",
            &token,
            json!({
                "client": { "telegram_user_id": anna.user, "first_name": "Anna" },
                "text": "My payout has been stuck for three days",
                "topic_id": 1,
                "notify_client": true
            }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
    assert_eq!(created["number"], 1000);
    assert_eq!(created["status"], "new");
    assert_eq!(created["priority"], "high", "the topic's default priority");
    assert_eq!(created["client"]["telegram_user_id"], anna.user);
    assert_eq!(created["messages"][0]["direction"], "client");

    // The card reaches the agents' channel, the question its thread, the client a number.
    api.chat_shows(api.channel, "#1000").await;
    api.chat_shows(api.group, "My payout has been stuck").await;
    api.chat_shows(anna.chat, "#1000").await;

    let (status, reply) = api
        .post(
            "/tickets/1000/replies",
            &token,
            json!({ "text": "We are looking into it" }),
        )
        .await;
    assert_eq!(status, 201, "{reply:#}");
    assert_eq!(reply["direction"], "agent");
    assert_eq!(reply["author_agent_id"], api.kate.id.0);
    let received = api.chat_shows(anna.chat, "We are looking into it").await;
    assert!(
        crate::harness::text_of(&received).contains("Kate"),
        "signed with the alias: {received:#}"
    );

    let (status, ticket) = api.get("/tickets/1000", &token).await;
    assert_eq!(status, 200);
    assert_eq!(ticket["status"], "open", "the first reply opens the ticket");
    assert_eq!(ticket["assignee_id"], api.kate.id.0);

    let (status, resolved) = api
        .post(
            "/tickets/1000/status",
            &token,
            json!({ "status": "resolved" }),
        )
        .await;
    assert_eq!(status, 200, "{resolved:#}");
    assert_eq!(resolved["status"], "resolved");
    let (status, refused) = api
        .post(
            "/tickets/1000/status",
            &token,
            json!({ "status": "waiting_on_client" }),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(refused["error"]["code"], "invalid_transition");
    let (status, refused) = api
        .post("/tickets/1000/status", &token, json!({ "status": "lost" }))
        .await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["code"], "invalid_request");
    let (status, closed) = api
        .post(
            "/tickets/1000/status",
            &token,
            json!({ "status": "closed" }),
        )
        .await;
    assert_eq!(status, 200, "{closed:#}");
    // Closing asks the client for a rating, as the card's button does.
    api.chat_shows(api.group, "Closed by Kate").await;

    let (status, missing) = api.get("/tickets/4242", &token).await;
    assert_eq!(status, 404);
    assert_eq!(missing["error"]["code"], "not_found");
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_are_listed_filtered_and_paged() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let boris = api.client("Boris");
    for (client, name, text) in [
        (&anna, "Anna", "Payout stuck"),
        (&boris, "Boris", "Refund for order 77"),
        (&anna, "Anna", "Second question about payout"),
    ] {
        let (status, body) = api
            .post(
                "/tickets",
                &token,
                json!({ "client": { "telegram_user_id": client.user, "first_name": name }, "text": text }),
            )
            .await;
        assert_eq!(status, 201, "{body:#}");
    }
    // One more the usual way, from the bot: the API lists it like the others.
    let carla = api.client("Carla");
    api.says(&carla, "Where is my parcel?");
    // The page and its total are two reads: wait for both to show Carla's ticket.
    let all = api
        .eventually("/tickets", &token, |page| {
            page["total"] == 4 && numbers(page).len() == 4
        })
        .await;
    assert_eq!(numbers(&all), [1003, 1002, 1001, 1000], "newest first");

    let (_, page) = api
        .get(&format!("/tickets?client={}", anna.user), &token)
        .await;
    assert_eq!(numbers(&page), [1002, 1000]);
    let (_, page) = api.get("/tickets?q=PAYOUT", &token).await;
    assert_eq!(numbers(&page), [1002, 1000]);
    let (_, page) = api
        .get("/tickets?priority=normal&status=new,open", &token)
        .await;
    assert_eq!(page["total"], 4);
    let (_, page) = api.get("/tickets?status=closed", &token).await;
    assert_eq!(numbers(&page), Vec::<i64>::new());
    let (_, page) = api.get("/tickets?client=999999", &token).await;
    assert_eq!(page["total"], 0);

    let (_, first) = api.get("/tickets?limit=3", &token).await;
    assert_eq!(numbers(&first), [1003, 1002, 1001]);
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_string();
    let (_, second) = api
        .get(&format!("/tickets?limit=3&cursor={cursor}"), &token)
        .await;
    assert_eq!(numbers(&second), [1000]);
    assert!(second["next_cursor"].is_null());

    for bad in [
        "/tickets?limit=101",
        "/tickets?limit=0",
        "/tickets?status=lost",
        "/tickets?status=new,,open",
        "/tickets?cursor=x",
        "/tickets?cursor=%2B5",
        "/tickets?client=-1001",
        // Refused for what it says, though nobody by this id has tickets anyway.
        "/tickets?client=777000555&priority=asap",
    ] {
        let (status, body) = api.get(bad, &token).await;
        assert_eq!(status, 422, "{bad}: {body:#}");
    }
    let (status, body) = api.get("/tickets?limit=many", &token).await;
    assert_eq!(status, 400, "{body:#}");
    assert_eq!(body["error"]["code"], "malformed_request");
    api.stop().await;
}

/// An agent writes an internal note on ticket `number`, as from the console.
async fn note(api: &TestApi, number: i64, text: &str) {
    let ticket = api
        .store
        .find_ticket_by_number(api.ws, ticketgram_domain::TicketNumber(number))
        .await
        .unwrap()
        .unwrap();
    let desk = ticketgram_relay::Desk::new(
        api.store.clone(),
        std::sync::Arc::new(ticketgram_i18n::Translator::load().unwrap()),
        ticketgram_relay::DeskConfig::new(
            api.ws,
            ticketgram_relay::DeskChats {
                bot_user_id: api.bot.id,
                channel_id: Some(api.channel.telegram_id()),
                group_id: Some(api.group.telegram_id()),
            },
        ),
    );
    let kate = api.kate.id;
    let now = chrono::Utc::now();
    let origin = format!("form:{}", uuid::Uuid::new_v4());
    ticketgram_relay::Input::apply(&desk, origin, now, async |desk, fx| {
        ticketgram_relay::actions::note(desk, fx, ticket.id, Some(kate), text).await
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_notes_never_leave_through_the_api() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let (status, created) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Hello" }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
    note(&api, 1000, "client looks like a reseller").await;
    let (_, detail) = api.get("/tickets/1000", &token).await;
    let body = detail.to_string();
    assert!(!body.contains("reseller"), "{detail:#}");
    assert_eq!(detail["messages"].as_array().unwrap().len(), 1);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searching_the_api_never_finds_words_that_only_an_internal_note_holds() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let (status, created) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Where is my refund?" }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
    // Agents suspect fraud and say so where only agents look.
    note(&api, 1000, "Chargeback fraud suspected, do not refund").await;

    // An integration searching for the word learns nothing, not even that a ticket matches.
    let (status, page) = api.get("/tickets?q=chargeback", &token).await;
    assert_eq!(status, 200, "{page:#}");
    assert_eq!(page["total"], 0, "{page:#}");
    assert_eq!(numbers(&page), Vec::<i64>::new());
    // What the client wrote is still found.
    let (_, page) = api.get("/tickets?q=refund", &token).await;
    assert_eq!(numbers(&page), [1000]);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_post_with_the_same_idempotency_key_opens_one_ticket() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let body = json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Hello" });
    let send = |body: serde_json::Value, key: &'static str| {
        api.http
            .post(api.url("/tickets"))
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = send(body.clone(), "order-77").await.unwrap();
    assert_eq!(first.status().as_u16(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    let again = send(body.clone(), "order-77").await.unwrap();
    assert_eq!(again.status().as_u16(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again["number"], first["number"]);
    let reused = send(
        json!({ "client": { "telegram_user_id": anna.user }, "text": "Other" }),
        "order-77",
    )
    .await
    .unwrap();
    assert_eq!(reused.status().as_u16(), 422);
    let other = send(body, "order-78").await.unwrap();
    assert_eq!(other.status().as_u16(), 201);
    let (_, page) = api.get("/tickets", &token).await;
    assert_eq!(page["total"], 2);
    tokio::time::timeout(WAIT, api.chat_shows(api.channel, "#1001"))
        .await
        .expect("second card");
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_needs_a_known_topic_a_text_and_a_client_it_can_name() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let client = json!({ "telegram_user_id": anna.user, "first_name": "Anna" });
    for (body, expected_status, expected) in [
        // What the request names is not there: a client the desk cannot register without a
        // name, a topic of no one's.
        (
            json!({ "client": { "telegram_user_id": anna.user }, "text": "Hi" }),
            404,
            "first_name",
        ),
        (
            json!({ "client": client, "text": "Hi", "topic_id": 99 }),
            404,
            "no topic 99",
        ),
        (
            json!({ "client": client, "text": " \u{3000}\n" }),
            422,
            "text",
        ),
        (
            json!({ "client": client, "text": "Hi", "priority": "asap" }),
            422,
            "priority",
        ),
        // A Telegram user id is positive: negative ids are chats, not people.
        (
            json!({ "client": { "telegram_user_id": -1001, "first_name": "Group" }, "text": "Hi" }),
            422,
            "not a Telegram user id",
        ),
        // Checked even though a known client's profile is left alone.
        (
            json!({ "client": { "telegram_user_id": anna.user, "first_name": " " }, "text": "Hi" }),
            422,
            "first_name",
        ),
    ] {
        let (status, answer) = api.post("/tickets", &token, body).await;
        assert_eq!(status, expected_status, "{answer:#}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains(expected), "{message}");
    }
    let (status, answer) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": client, "text": "Hi", "extra": 1 }),
        )
        .await;
    assert_eq!(status, 422, "unknown fields are refused: {answer:#}");
    let (_, page) = api
        .store
        .search_tickets(api.ws, &Default::default())
        .await
        .map(|t| ((), t))
        .unwrap();
    assert!(page.is_empty(), "nothing was opened");
    api.stop().await;
}
