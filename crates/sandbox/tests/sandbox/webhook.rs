//! Webhook delivery: secret header, retry on non-2xx, exclusion with getUpdates.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::helpers::{ok, sandbox, DEADLINE};

#[derive(Clone)]
struct Receiver {
    calls: Arc<AtomicUsize>,
    seen: mpsc::UnboundedSender<(Option<String>, Value, StatusCode)>,
}

/// Fails the first delivery with 500, accepts the rest.
async fn hook(
    State(r): State<Receiver>,
    headers: HeaderMap,
    Json(update): Json<Value>,
) -> StatusCode {
    let secret = headers
        .get(ticketgram_sandbox::SECRET_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let status = if r.calls.fetch_add(1, Ordering::SeqCst) == 0 {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    let _ = r.seen.send((secret, update, status));
    status
}

async fn next(
    rx: &mut mpsc::UnboundedReceiver<(Option<String>, Value, StatusCode)>,
) -> (Option<String>, Value, StatusCode) {
    tokio::time::timeout(DEADLINE, rx.recv())
        .await
        .expect("webhook called in time")
        .expect("receiver alive")
}

#[tokio::test]
async fn webhook_pushes_updates_with_secret_and_retries() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("hook_bot");
    let alice = world.create_user("Alice", None, None);
    let chat = world.private_chat(bot.id, alice).unwrap();

    let (tx, mut rx) = mpsc::unbounded_channel();
    let receiver = Receiver {
        calls: Arc::new(AtomicUsize::new(0)),
        seen: tx,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/telegram", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/telegram", post(hook))
        .with_state(receiver);
    tokio::spawn(async move { axum::serve(listener, app).await });

    ok(
        &sandbox,
        &bot.token,
        "setWebhook",
        json!({"url": url, "secret_token": "s3cr3t"}),
    )
    .await;
    let info = ok(&sandbox, &bot.token, "getWebhookInfo", json!({})).await;
    assert_eq!(info["url"], url);

    world.user_sends_text(alice, chat, "first").unwrap();
    let (secret, failed, status) = next(&mut rx).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(secret.as_deref(), Some("s3cr3t"));
    let (secret, retried, status) = next(&mut rx).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(secret.as_deref(), Some("s3cr3t"));
    assert_eq!(
        retried["update_id"], failed["update_id"],
        "the same update is delivered again"
    );
    assert_eq!(retried["message"]["text"], "first");

    world.user_sends_text(alice, chat, "second").unwrap();
    let (_, second, _) = next(&mut rx).await;
    assert_eq!(second["message"]["text"], "second");
    assert_eq!(
        second["update_id"].as_i64().unwrap(),
        retried["update_id"].as_i64().unwrap() + 1,
        "update ids are sequential"
    );

    let info = ok(&sandbox, &bot.token, "getWebhookInfo", json!({})).await;
    assert!(
        info["last_error_message"].as_str().unwrap().contains("500"),
        "{info}"
    );

    // After deleteWebhook, long polling works again and nothing is lost.
    ok(&sandbox, &bot.token, "deleteWebhook", json!({})).await;
    world.user_sends_text(alice, chat, "third").unwrap();
    let updates = ok(&sandbox, &bot.token, "getUpdates", json!({"timeout": 1})).await;
    assert_eq!(updates[0]["message"]["text"], "third");
}

#[tokio::test]
async fn long_polling_confirms_by_offset_and_wakes_on_new_updates() {
    let sandbox = sandbox().await;
    let world = sandbox.world();
    let bot = world.create_bot("poll_bot");
    let alice = world.create_user("Alice", None, None);
    let chat = world.private_chat(bot.id, alice).unwrap();

    world.user_sends_text(alice, chat, "one").unwrap();
    let first = ok(&sandbox, &bot.token, "getUpdates", json!({})).await;
    // Unconfirmed updates are delivered again.
    let again = ok(&sandbox, &bot.token, "getUpdates", json!({})).await;
    assert_eq!(first, again);
    let next_offset = first[0]["update_id"].as_i64().unwrap() + 1;

    // A long poll returns as soon as an update arrives.
    let token = bot.token.clone();
    let base = sandbox.base_url();
    let poll = tokio::spawn(async move {
        let url = format!("{base}bot{token}/getUpdates");
        let body: Value = reqwest::Client::new()
            .post(url)
            .json(&json!({"offset": next_offset, "timeout": 15}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body
    });
    // Only send once the poll is waiting: the first update is confirmed by then.
    let started = std::time::Instant::now();
    while world.pending_updates(bot.id) != 0 {
        assert!(
            started.elapsed() < DEADLINE,
            "the poll never confirmed the first update"
        );
        tokio::task::yield_now().await;
    }
    world.user_sends_text(alice, chat, "two").unwrap();
    let body = tokio::time::timeout(DEADLINE, poll).await.unwrap().unwrap();
    assert_eq!(body["result"][0]["message"]["text"], "two");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "woke before the timeout"
    );

    // allowed_updates filters which updates are created.
    ok(&sandbox, &bot.token, "getUpdates", json!({"offset": body["result"][0]["update_id"].as_i64().unwrap() + 1, "allowed_updates": ["callback_query"]})).await;
    world.user_sends_text(alice, chat, "filtered out").unwrap();
    assert_eq!(world.pending_updates(bot.id), 0);
}
