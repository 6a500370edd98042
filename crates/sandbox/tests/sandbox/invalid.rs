//! Requests the reference (or Telegram's documented behaviour) forbids are refused with
//! Telegram's error shape and wording.

use serde_json::{json, Value};
use ticketgram_sandbox::Fault;

use crate::helpers::{call, call_form, drain_updates, ok, sandbox, sandbox_without_flood_limits};

fn assert_error(answer: &(u16, Value), code: u16, description: &str) {
    let (status, body) = answer;
    assert_eq!(*status, code, "{body}");
    assert_eq!(body["ok"], false, "{body}");
    assert_eq!(body["error_code"], code, "{body}");
    assert_eq!(body["description"], description, "{body}");
}

#[tokio::test]
async fn invalid_requests_are_refused_like_telegram() {
    // Flood limits have their own test; here they would only add noise.
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("strict_bot");
    let other = world.create_bot("other_bot");
    let alice = world.create_user("Alice", Some("alice"), None);
    let chat = world.private_chat(bot.id, alice).unwrap();
    world.private_chat(other.id, alice).unwrap();
    let t = bot.token.as_str();

    assert_error(
        &call(&sandbox, t, "sendMessagee", json!({})).await,
        404,
        "Not Found",
    );
    assert_error(
        &call(&sandbox, "1:wrong", "getMe", json!({})).await,
        401,
        "Unauthorized",
    );
    assert_error(
        &call(&sandbox, t, "sendMessage", json!({"text": "hi"})).await,
        400,
        "Bad Request: chat_id is empty",
    );
    assert_error(
        &call(&sandbox, t, "sendMessage", json!({"chat_id": alice})).await,
        400,
        "Bad Request: message text is empty",
    );
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": [1], "text": "hi"}),
        )
        .await,
        400,
        "Bad Request: invalid parameter chat_id: expected Integer or String",
    );
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": alice, "text": "x".repeat(4097)}),
        )
        .await,
        400,
        "Bad Request: message is too long",
    );
    // 4096 characters (not bytes) is still fine.
    ok(
        &sandbox,
        t,
        "sendMessage",
        json!({"chat_id": alice, "text": "é".repeat(4096)}),
    )
    .await;
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": alice, "text": "hi", "colour": "red"}),
        )
        .await,
        400,
        "Bad Request: unknown parameter colour",
    );
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": alice, "text": "hi", "reply_markup": {"keyboard": 5}}),
        )
        .await,
        400,
        "Bad Request: can't parse reply keyboard markup JSON object",
    );
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": -100_999, "text": "hi"}),
        )
        .await,
        400,
        "Bad Request: chat not found",
    );
    let stranger = world.create_user("Stranger", None, None);
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": stranger, "text": "hi"}),
        )
        .await,
        403,
        "Forbidden: bot can't initiate conversation with a user",
    );
    let group = world
        .create_group(alice, "Team", ticketgram_sandbox::GroupKind::Supergroup)
        .unwrap();
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": group.telegram_id(), "text": "hi"}),
        )
        .await,
        400,
        "Bad Request: chat not found",
    );
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": alice, "text": "<b>hi", "parse_mode": "HTML"}),
        )
        .await,
        400,
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );

    // Captions: 1024 characters at most.
    let photo = world
        .user_sends_photo(alice, chat, vec![1u8; 64], None)
        .unwrap();
    let updates = crate::helpers::drain_updates(&sandbox, t).await;
    let file_id = updates.last().unwrap()["message"]["photo"][0]["file_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(photo["photo"].is_array());
    assert_error(
        &call(
            &sandbox,
            t,
            "sendPhoto",
            json!({"chat_id": alice, "photo": file_id, "caption": "c".repeat(1025)}),
        )
        .await,
        400,
        "Bad Request: message caption is too long",
    );
    ok(
        &sandbox,
        t,
        "sendPhoto",
        json!({"chat_id": alice, "photo": file_id, "caption": "c".repeat(1024)}),
    )
    .await;

    // file_ids are per bot.
    assert_error(
        &call(
            &sandbox,
            &other.token,
            "sendPhoto",
            json!({"chat_id": alice, "photo": file_id}),
        )
        .await,
        400,
        "Bad Request: wrong file identifier/HTTP URL specified",
    );
    assert_error(
        &call(
            &sandbox,
            &other.token,
            "getFile",
            json!({"file_id": file_id}),
        )
        .await,
        400,
        "Bad Request: invalid file_id",
    );

    // Form encoding: values are strings, objects are JSON strings; both are coerced and checked.
    let (status, body) = call_form(
        &sandbox,
        t,
        "sendMessage",
        &[("chat_id", &alice.to_string()), ("text", "form")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_error(
        &call_form(
            &sandbox,
            t,
            "sendMessage",
            &[
                ("chat_id", &alice.to_string()),
                ("text", "x"),
                ("disable_notification", "maybe"),
            ],
        )
        .await,
        400,
        "Bad Request: invalid parameter disable_notification: expected Boolean",
    );
    // Method names are case-insensitive, and GET with a query string works.
    let url = format!("{}bot{t}/GETME", sandbox.base_url());
    let me: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    assert_eq!(me["result"]["username"], "strict_bot");

    // A blocked bot gets 403.
    world.user_blocks_bot(alice, bot.id).unwrap();
    assert_error(
        &call(
            &sandbox,
            t,
            "sendMessage",
            json!({"chat_id": alice, "text": "still there?"}),
        )
        .await,
        403,
        "Forbidden: bot was blocked by the user",
    );

    // getUpdates while a webhook is set.
    ok(
        &sandbox,
        t,
        "setWebhook",
        json!({"url": "http://127.0.0.1:9/hook"}),
    )
    .await;
    assert_error(
        &call(&sandbox, t, "getUpdates", json!({})).await,
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    ok(&sandbox, t, "deleteWebhook", json!({})).await;

    // Methods in the reference the sandbox does not model are refused visibly.
    let (status, body) = call(
        &sandbox,
        t,
        "sendPoll",
        json!({"chat_id": alice, "question": "q", "options": [{"text": "a"}, {"text": "b"}]}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .contains("not implemented"),
        "{body}"
    );

    // Faults: server errors and a 429 storm, with Telegram's shapes.
    world.inject_fault(Fault::ServerErrors { n: 1 });
    assert_error(
        &call(&sandbox, &other.token, "getMe", json!({})).await,
        500,
        "Internal Server Error",
    );
    ok(&sandbox, &other.token, "getMe", json!({})).await;
    world.inject_fault(Fault::FloodStorm {
        n: 1,
        retry_after: 7,
    });
    let answer = call(
        &sandbox,
        &other.token,
        "sendMessage",
        json!({"chat_id": alice, "text": "x"}),
    )
    .await;
    assert_error(&answer, 429, "Too Many Requests: retry after 7");
    assert_eq!(answer.1["parameters"]["retry_after"], 7);
}

#[tokio::test]
async fn flood_limits_answer_429_with_retry_after() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("fast_bot");
    let alice = world.create_user("Alice", None, None);
    world.private_chat(bot.id, alice).unwrap();
    let mut limited = None;
    for i in 0..10 {
        let answer = call(
            &sandbox,
            &bot.token,
            "sendMessage",
            json!({"chat_id": alice, "text": format!("{i}")}),
        )
        .await;
        if answer.0 == 429 {
            limited = Some((i, answer.1));
            break;
        }
    }
    let (sent, body) = limited.expect("the per-chat limit bites within 10 quick messages");
    assert!(sent >= 1, "a small burst is allowed");
    assert!(body["parameters"]["retry_after"].as_u64().unwrap() >= 1);

    world.set_flood_limits(false);
    for i in 0..40 {
        ok(
            &sandbox,
            &bot.token,
            "sendMessage",
            json!({"chat_id": alice, "text": format!("{i}")}),
        )
        .await;
    }
}

#[tokio::test]
async fn a_storm_aimed_at_one_chat_lets_calls_through_first_and_every_call_is_counted() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("split_bot");
    let (alice, bob) = (
        world.create_user("Alice", None, None),
        world.create_user("Bob", None, None),
    );
    let alice_chat = world.private_chat(bot.id, alice).unwrap();
    world.private_chat(bot.id, bob).unwrap();
    world.inject_fault(Fault::ChatFloodStorm {
        chat: alice,
        after: 1,
        n: 2,
        retry_after: 3,
    });
    let send = |to: i64| {
        call(
            &sandbox,
            &bot.token,
            "sendMessage",
            json!({"chat_id": to, "text": "part"}),
        )
    };
    assert_eq!(send(alice).await.0, 200, "the first part goes through");
    assert_eq!(send(bob).await.0, 200, "other chats are not hit");
    assert_error(&send(alice).await, 429, "Too Many Requests: retry after 3");
    assert_error(&send(alice).await, 429, "Too Many Requests: retry after 3");
    assert_eq!(send(alice).await.0, 200, "the storm is over");

    assert_eq!(world.call_count(bot.id, "sendMessage", Some(alice_chat)), 4);
    assert_eq!(world.call_count(bot.id, "sendMessage", None), 5);
    assert_eq!(world.call_count(bot.id, "editMessageText", None), 0);
}

#[tokio::test]
async fn stall_delays_but_answers() {
    let sandbox = sandbox().await;
    let bot = sandbox.world().create_bot("slow_bot");
    sandbox.world().inject_fault(Fault::Stall { millis: 300 });
    let started = std::time::Instant::now();
    ok(&sandbox, &bot.token, "getMe", json!({})).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(250));
}

#[tokio::test]
async fn get_file_refuses_what_is_over_the_20_mb_bots_may_download() {
    let sandbox = sandbox_without_flood_limits().await;
    let world = sandbox.world();
    let bot = world.create_bot("files_bot");
    let alice = world.create_user("Alice", Some("alice"), None);
    let chat = world.private_chat(bot.id, alice).unwrap();
    const LIMIT: usize = 20 * 1024 * 1024;
    for (name, size) in [("limit.bin", LIMIT), ("over.bin", LIMIT + 1)] {
        world
            .user_sends_document(alice, chat, vec![0u8; size], name, None)
            .unwrap();
    }
    let updates = drain_updates(&sandbox, &bot.token).await;
    let file_id = |i: usize| updates[i]["message"]["document"]["file_id"].clone();
    assert_eq!(
        updates[1]["message"]["document"]["file_size"],
        LIMIT + 1,
        "the size is known before any download"
    );
    let at_limit = ok(
        &sandbox,
        &bot.token,
        "getFile",
        json!({"file_id": file_id(0)}),
    )
    .await;
    assert_eq!(at_limit["file_size"], LIMIT);
    assert_error(
        &call(
            &sandbox,
            &bot.token,
            "getFile",
            json!({"file_id": file_id(1)}),
        )
        .await,
        400,
        "Bad Request: file is too big",
    );
}
