//! The control API over HTTP, as the standalone server and the demo use it.

use serde_json::{json, Value};

use crate::helpers::{ok, sandbox};

async fn control(base: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let mut request = reqwest::Client::new().request(method, format!("{base}control/{path}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

#[tokio::test]
async fn control_api_drives_the_world_over_http() {
    let sandbox = sandbox().await;
    let base = sandbox.base_url().to_string();
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;

    let bot = control(
        &base,
        post.clone(),
        "bots",
        Some(json!({"username": "demo_bot"})),
    )
    .await;
    let token = bot["token"].as_str().unwrap();
    let bot_id = bot["id"].as_i64().unwrap();
    let user = control(
        &base,
        post.clone(),
        "users",
        Some(json!({"first_name": "Alice", "language_code": "en"})),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let private = json!({"bot": bot_id, "user": user});
    control(
        &base,
        post.clone(),
        "messages",
        Some(json!({"user": user, "chat": private, "text": "hi"})),
    )
    .await;
    let updates = ok(&sandbox, token, "getUpdates", json!({})).await;
    assert_eq!(updates[0]["message"]["text"], "hi");
    ok(
        &sandbox,
        token,
        "sendMessage",
        json!({"chat_id": user, "text": "hello Alice"}),
    )
    .await;
    let msgs = control(
        &base,
        post.clone(),
        "wait",
        Some(json!({"chat": private, "count": 2})),
    )
    .await;
    assert_eq!(msgs[1]["text"], "hello Alice");
    let listed = control(
        &base,
        get.clone(),
        &format!("messages?bot={bot_id}&user={user}"),
        None,
    )
    .await;
    assert_eq!(listed, msgs);

    let chans = control(
        &base,
        post.clone(),
        "channels",
        Some(json!({"owner": user, "title": "News", "discussion": true})),
    )
    .await;
    let channel = chans["channel"].as_i64().unwrap();
    let post_msg = control(
        &base,
        post.clone(),
        "messages",
        Some(json!({"user": user, "chat": channel, "text": "Release"})),
    )
    .await;
    let thread = control(
        &base,
        get.clone(),
        &format!("threads?channel={channel}&post={}", post_msg["message_id"]),
        None,
    )
    .await;
    assert_eq!(thread["chat"], chans["discussion"]);

    let media = json!({"kind": "document", "bytes": "aGVsbG8=", "file_name": "hello.txt"});
    let doc = control(
        &base,
        post.clone(),
        "messages",
        Some(json!({"user": user, "chat": private, "media": media})),
    )
    .await;
    let unique = doc["document"]["file_unique_id"].as_str().unwrap();
    let bytes = reqwest::get(format!("{base}control/files/{unique}"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), b"hello");

    control(
        &base,
        post.clone(),
        "faults",
        Some(json!({"type": "server_errors", "n": 1})),
    )
    .await;
    let (status, _) = crate::helpers::call(&sandbox, token, "getMe", json!({})).await;
    assert_eq!(status, 500);
    control(&base, get, "violations", None).await;
    assert_eq!(
        control(&base, post, "flood", Some(json!({"enabled": false}))).await["ok"],
        true
    );
}
