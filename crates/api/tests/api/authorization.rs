//! Every route of the router, tried as nobody, with a bad token, a revoked one, one lacking
//! the route's scope and one of another workspace. The routes come from the same table the
//! router is built from, so a new route is covered here without anyone remembering to.

use crate::harness::{text_of, TestApi};
use serde_json::{json, Value};
use ticketgram_api::routes::{Verb, ENDPOINTS};
use ticketgram_api::Scope;
use ticketgram_domain::AgentRole;

fn method(verb: Verb) -> reqwest::Method {
    match verb {
        Verb::Get => reqwest::Method::GET,
        Verb::Post => reqwest::Method::POST,
        Verb::Put => reqwest::Method::PUT,
        Verb::Patch => reqwest::Method::PATCH,
        Verb::Delete => reqwest::Method::DELETE,
    }
}

/// A concrete request for the route: ids of rows that exist in the desk, a valid body.
fn request(path: &str, client: i64, webhook: i64, article: i64) -> (String, Option<Value>) {
    let id = if path.starts_with("/kb/") {
        article
    } else {
        webhook
    };
    let concrete = path
        .replace("{number}", "1000")
        .replace("{telegram_user_id}", &client.to_string())
        .replace("{id}", &id.to_string());
    let body = match path {
        "/tickets" => Some(json!({ "client": { "telegram_user_id": client }, "text": "Hi" })),
        "/tickets/{number}/replies" => Some(json!({ "text": "Hello" })),
        "/tickets/{number}/status" => Some(json!({ "status": "open" })),
        "/clients/{telegram_user_id}/attributes" => Some(json!({ "attributes": {} })),
        "/webhooks" => Some(json!({ "url": "http://127.0.0.1:9/hook" })),
        "/events" => Some(json!({ "id": "evt-1", "type": "payment_stuck",
            "client": { "telegram_user_id": client }, "data": { "order": "A-1" } })),
        "/webhooks/{id}" => Some(json!({ "active": false })),
        "/kb/articles" => {
            Some(json!({ "title": "Refunds", "body": "Within 3 days.", "language": "en" }))
        }
        "/kb/articles/{id}" => Some(json!({ "revision": 1 })),
        "/kb/articles/{id}/restore" => Some(json!({ "revision": 1 })),
        _ => None,
    };
    let concrete = if matches!(
        path,
        "/reports"
            | "/reports/kb-deflections"
            | "/reports/self-service"
            | "/complaints"
            | "/reports/complaints"
    ) {
        format!("{concrete}?from=2026-11-02&to=2026-11-08")
    } else {
        concrete
    };
    (concrete, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_whoever_may_not_use_it() {
    let api = TestApi::start().await;
    let everything = api.token(&Scope::ALL).await;
    let anna = api.client("Anna");
    let (status, _) = api
        .post(
            "/tickets",
            &everything,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Hi" }),
        )
        .await;
    assert_eq!(status, 201);
    let (status, webhook) = api
        .post(
            "/webhooks",
            &everything,
            json!({ "url": "http://127.0.0.1:9/hook" }),
        )
        .await;
    assert_eq!(status, 201);
    let webhook = webhook["id"].as_i64().unwrap();
    let (status, article) = api
        .post(
            "/kb/articles",
            &everything,
            json!({ "title": "Anna's refund", "body": "Within 3 days.", "language": "en" }),
        )
        .await;
    assert_eq!(status, 201);
    let article = article["id"].as_i64().unwrap();

    let revoked = api.token(&Scope::ALL).await;
    let revoked_id = api
        .store
        .api_tokens(api.ws)
        .await
        .unwrap()
        .last()
        .unwrap()
        .id;
    api.store
        .write(async |tx| {
            tx.revoke_api_token(api.ws, revoked_id, chrono::Utc::now())
                .await
        })
        .await
        .unwrap();
    let neighbour = api
        .token_in(api.other_ws, Some(api.other_agent.id), &Scope::ALL)
        .await;

    let protected: Vec<_> = ENDPOINTS.iter().filter(|e| e.scope.is_some()).collect();
    assert!(protected.len() >= 14, "the table lists every route");
    for endpoint in &protected {
        let scope = endpoint.scope.unwrap();
        let (path, body) = request(endpoint.path, anna.user, webhook, article);
        let label = format!("{} {}", endpoint.verb.as_str(), endpoint.path);
        let call = |token: Option<String>| {
            let (path, body) = (path.clone(), body.clone());
            let api = &api;
            async move {
                api.call(method(endpoint.verb), &path, token.as_deref(), body)
                    .await
            }
        };

        for (who, token) in [
            ("nobody", None),
            ("a made-up token", Some("tg_0000".to_string())),
            ("not a tg token", Some("hunter2".to_string())),
            ("a revoked token", Some(revoked.clone())),
        ] {
            let (status, answer) = call(token).await;
            assert_eq!(status, 401, "{label} as {who}: {answer:#}");
            assert_eq!(
                answer["error"]["code"], "unauthenticated",
                "{label} as {who}"
            );
        }

        let lacking: Vec<Scope> = Scope::ALL.into_iter().filter(|s| *s != scope).collect();
        let lacking = api.token(&lacking).await;
        let (status, answer) = call(Some(lacking)).await;
        assert_eq!(status, 403, "{label} without {scope}: {answer:#}");
        assert_eq!(answer["error"]["code"], "insufficient_scope");

        // Another desk's token addresses its own desk: this desk's rows do not exist there.
        let (status, answer) = call(Some(neighbour.clone())).await;
        if endpoint.path == "/clients/{telegram_user_id}/attributes" {
            // An upsert: there, the client is someone new who would need a name.
            assert_eq!(status, 404, "{label} from another workspace: {answer:#}");
            assert!(answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains("give first_name"));
        } else if endpoint.path.contains('{')
            || (matches!(
                endpoint.path,
                "/platform/order-lookup" | "/settings/translation"
            ) && matches!(endpoint.verb, Verb::Get | Verb::Delete))
        {
            // (The order lookup and translation are one per desk: the other desk configured
            // neither.)
            assert_eq!(status, 404, "{label} from another workspace: {answer:#}");
        } else if endpoint.verb == Verb::Get {
            assert_eq!(status, 200, "{label} from another workspace: {answer:#}");
            let seen = answer.to_string();
            assert!(
                !seen.contains("Anna") && !seen.contains("127.0.0.1:9"),
                "{label} from another workspace shows this desk's data: {answer:#}"
            );
        }
    }

    // And the one public route stays public.
    let (status, _) = api
        .call(reqwest::Method::GET, "/openapi.json", None, None)
        .await;
    assert_eq!(status, 200);
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_records_its_last_use_and_stops_working_when_revoked() {
    let api = TestApi::start().await;
    let token = api.token(&[Scope::TicketsRead]).await;
    let stored = api.store.api_tokens(api.ws).await.unwrap().remove(0);
    assert!(stored.last_used_at.is_none());
    assert!(token.starts_with(&stored.prefix));
    let (status, _) = api.get("/tickets", &token).await;
    assert_eq!(status, 200);
    let used = api.store.api_tokens(api.ws).await.unwrap().remove(0);
    assert!(used.last_used_at.is_some());
    api.store
        .write(async |tx| {
            tx.revoke_api_token(api.ws, used.id, chrono::Utc::now())
                .await
        })
        .await
        .unwrap();
    let (status, answer) = api.get("/tickets", &token).await;
    assert_eq!(status, 401);
    assert_eq!(answer["error"]["message"], "this token was revoked");
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deactivated_admins_token_can_no_longer_reply_to_a_client() {
    let api = TestApi::start().await;
    // Kate, an admin, made the token the marketplace's backend answers clients with.
    let token = api.token(&[Scope::TicketsRead, Scope::TicketsWrite]).await;
    let anna = api.client("Anna");
    let (status, _) = api
        .post(
            "/tickets",
            &token,
            json!({ "client": { "telegram_user_id": anna.user, "first_name": "Anna" }, "text": "Payout stuck" }),
        )
        .await;
    assert_eq!(status, 201);
    let reply = |text: &str| json!({ "text": text });
    let (status, _) = api
        .post("/tickets/1000/replies", &token, reply("Looking into it"))
        .await;
    assert_eq!(status, 201);

    // Kate leaves the company and is deactivated: her token stops at once.
    api.store
        .write(async |tx| tx.set_agent_active(api.ws, api.kate.id, false).await)
        .await
        .unwrap();
    let (status, refused) = api
        .post(
            "/tickets/1000/replies",
            &token,
            reply("Sent after she left"),
        )
        .await;
    assert_eq!(status, 401, "{refused:#}");
    assert_eq!(
        refused["error"]["message"],
        "the agent this token acts for was deactivated"
    );
    let (status, _) = api.get("/tickets/1000", &token).await;
    assert_eq!(status, 401, "reading stops too");

    // Back but demoted to agent: an agent may not hold an API token.
    api.store
        .write(async |tx| tx.set_agent_active(api.ws, api.kate.id, true).await)
        .await
        .unwrap();
    api.store
        .write(async |tx| {
            tx.set_agent_role(api.ws, api.kate.id, AgentRole::Agent)
                .await
        })
        .await
        .unwrap();
    let (status, refused) = api
        .post("/tickets/1000/replies", &token, reply("Sent as an agent"))
        .await;
    assert_eq!(status, 401, "{refused:#}");

    let reader = api.token_in(api.ws, None, &[Scope::TicketsRead]).await;
    let (_, ticket) = api.get("/tickets/1000", &reader).await;
    let texts = ticket.to_string();
    assert!(!texts.contains("Sent after she left") && !texts.contains("Sent as an agent"));
    assert!(
        !api.sandbox
            .world()
            .chat_messages(anna.chat)
            .iter()
            .any(|m| text_of(m).contains("Sent ")),
        "the client received nothing after Kate lost her rights"
    );
    api.stop().await;
}
