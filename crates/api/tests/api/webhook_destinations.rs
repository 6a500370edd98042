//! Webhooks never reach inside the desk's network (SSRF): refused when an endpoint is
//! registered, refused again at delivery on the address its name resolves to then, and what a
//! caller sees of a failed delivery never tells an open port from a closed one.

use crate::harness::{TestApi, SECRET_KEY};
use crate::receiver::Receiver;
use serde_json::{json, Value};
use ticketgram_api::Scope;
use ticketgram_store::{seal_webhook_secret, NewWebhookEndpoint, SealingKey};

/// Opens a ticket through the API, which gives every endpoint a `ticket.created` delivery.
async fn open_ticket(api: &TestApi, token: &str) {
    let anna = api.client("Anna");
    let (status, created) = api
        .post(
            "/tickets",
            token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Payout stuck" }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
}

/// Waits for the endpoint's first delivery to have failed at least once.
async fn first_failure(api: &TestApi, token: &str, hook: i64) -> Value {
    let list = api
        .eventually(&format!("/webhooks/{hook}/deliveries"), token, |list| {
            list["deliveries"][0]["last_error"].is_string()
        })
        .await;
    list["deliveries"][0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_on_internal_addresses_are_refused_when_registered() {
    let api = TestApi::start_public_only().await;
    let token = api.token(&[Scope::WebhooksManage]).await;
    // What was tried against a live desk, and the other spellings of the same places.
    for url in [
        "http://127.0.0.1:8080/",
        "http://localhost/hook",
        "http://10.0.0.1/hook",
        "http://192.168.1.20/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[fe80::1]/hook",
        "http://0.0.0.0:5432/",
        "http://2130706433/hook",
        "http://0x7f.1/hook",
        "http://224.0.0.1/hook",
    ] {
        let (status, refused) = api.post("/webhooks", &token, json!({ "url": url })).await;
        assert_eq!(status, 422, "{url} was accepted: {refused:#}");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(message.contains("public addresses"), "{url}: {message}");
    }
    let (_, listed) = api.get("/webhooks", &token).await;
    assert_eq!(listed["webhooks"], json!([]), "nothing was stored");

    // A public receiver is fine, and cannot be moved inside later.
    let (status, created) = api
        .post(
            "/webhooks",
            &token,
            json!({ "url": "https://93.184.215.14/hooks/ticketgram" }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
    let id = created["id"].as_i64().unwrap();
    let (status, refused) = api
        .call(
            reqwest::Method::PATCH,
            &format!("/webhooks/{id}"),
            Some(&token),
            Some(json!({ "url": "http://10.0.0.1/admin" })),
        )
        .await;
    assert_eq!(status, 422, "{refused:#}");
    let (_, one) = api.get(&format!("/webhooks/{id}"), &token).await;
    assert_eq!(one["url"], "https://93.184.215.14/hooks/ticketgram");
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_that_points_inside_by_delivery_time_gets_nothing() {
    let api = TestApi::start_public_only().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    // A service on the desk's own machine that must never be reached.
    let (rx, url) = Receiver::start(0).await;
    let port = url::Url::parse(&url).unwrap().port().unwrap();
    // Endpoints as they stand after their names were pointed at 127.0.0.1 (DNS rebinding), or
    // as stored before addresses were checked: straight into the database.
    let key = SealingKey::derive(SECRET_KEY);
    let mut hooks = Vec::new();
    for url in [
        format!("http://localhost:{port}/hook"),
        format!("http://2130706433:{port}/hook"),
    ] {
        let endpoint = api
            .store
            .write(async |tx| {
                tx.create_webhook_endpoint(
                    api.ws,
                    &NewWebhookEndpoint {
                        url,
                        secret: seal_webhook_secret(&key, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        events: vec![],
                        created_at: chrono::Utc::now(),
                    },
                )
                .await
            })
            .await
            .unwrap();
        hooks.push(endpoint.id);
    }

    open_ticket(&api, &token).await;
    for hook in hooks {
        let delivery = first_failure(&api, &token, hook).await;
        assert_eq!(
            delivery["last_error"], "destination not allowed (not a public address)",
            "{delivery:#}"
        );
    }
    assert!(
        rx.seen.lock().unwrap().is_empty(),
        "the local service was reached"
    );
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_error_does_not_tell_an_open_port_from_a_closed_one() {
    let api = TestApi::start().await;
    let token = api
        .token(&[Scope::WebhooksManage, Scope::TicketsWrite])
        .await;
    // A closed port: bound, then let go.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    // An open port with something that is not a web server behind it.
    let open = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let open_port = open.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut socket, _)) = open.accept().await {
            let _ = socket.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await;
        }
    });
    let mut hooks = Vec::new();
    for port in [closed_port, open_port] {
        let (status, created) = api
            .post(
                "/webhooks",
                &token,
                json!({ "url": format!("http://127.0.0.1:{port}/hook") }),
            )
            .await;
        assert_eq!(status, 201, "{created:#}");
        hooks.push(created["id"].as_i64().unwrap());
    }

    open_ticket(&api, &token).await;
    let closed = first_failure(&api, &token, hooks[0]).await;
    let open = first_failure(&api, &token, hooks[1]).await;
    assert_eq!(closed["last_error"], "connection failed", "{closed:#}");
    assert_eq!(open["last_error"], closed["last_error"], "{open:#}");
    api.stop().await;
}
