//! Every route as nobody, a deactivated agent, an agent, an admin and the owner: each is let
//! through exactly when its role allows.

use crate::harness::{http, Console};
use ticketgram_domain::{AgentRole, MessageDirection, Priority};
use ticketgram_store::{NewClient, NewMessage, NewTicket};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_checks_the_role_of_whoever_calls_it() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let client = store
        .write(async |tx| {
            tx.upsert_client(
                ws,
                &NewClient {
                    telegram_user_id: 555_001,
                    first_name: "Anna".into(),
                    last_name: None,
                    username: None,
                    language: ticketgram_domain::Language::En,
                    attributes: serde_json::json!({}),
                    seen_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("client");
    let ticket = store
        .write(async |tx| {
            tx.create_ticket(
                ws,
                &NewTicket {
                    client: client.id,
                    topic: None,
                    subject: "Refund".into(),
                    priority: Priority::Normal,
                    queue: None,
                    language: ticketgram_domain::Language::En,
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("ticket");
    let message = store
        .write(async |tx| {
            tx.add_message(
                ws,
                &NewMessage {
                    ticket: ticket.id,
                    direction: MessageDirection::Client,
                    author_agent: None,
                    text: Some("hello".into()),
                    media: vec![],
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("message")
        .message;
    let number = ticket.number.0.to_string();
    let target = console.deactivated.id.0.to_string();
    let workspace = store.get_workspace(ws).await.expect("workspace").slug;
    let article = store
        .write(async |tx| {
            tx.create_article(
                ws,
                &ticketgram_domain::ArticleDraft {
                    slug: ticketgram_domain::ArticleSlug::new("refunds").unwrap(),
                    language: ticketgram_domain::Language::En,
                    category: String::new(),
                    title: "Refunds".into(),
                    body: "Within 3 days.".into(),
                    status: ticketgram_domain::ArticleStatus::Published,
                },
                None,
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("article");
    let http = http();
    let callers = [
        ("nobody", None),
        ("deactivated", Some(console.deactivated.clone())),
        ("agent", Some(console.agent.clone())),
        ("admin", Some(console.admin.clone())),
        ("owner", Some(console.owner.clone())),
    ];
    for (method, pattern, needs) in ticketgram_web::ROUTES {
        let path = pattern
            .replace("{number}", &number)
            .replace("{message}", &message.id.0.to_string())
            .replace("{agent}", &target)
            .replace("{client}", &ticket.client.0.to_string())
            .replace("{article}", &article.id.0.to_string())
            .replace("{workspace}", &workspace)
            .replace("{slug}", article.slug.as_str());
        for (who, agent) in &callers {
            let session = match agent {
                Some(a) => Some(console.session(a).await),
                None => None,
            };
            let role = match (who, agent) {
                (&"deactivated", _) | (_, None) => None,
                (_, Some(a)) => Some(a.role),
            };
            let mut request = match *method {
                "GET" => http.get(console.url(&path)),
                _ => {
                    let csrf = session.as_ref().map(|s| s.csrf.clone()).unwrap_or_default();
                    http.post(console.url(&path))
                        .form(&form_for(&path, &csrf, &number))
                }
            };
            if let Some(s) = &session {
                request = request.header("cookie", &s.cookie);
            }
            // Live updates never end: the status line is all this test needs.
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let allowed = match (needs, role) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(min), Some(role)) => role >= *min,
            };
            let context = format!("{method} {path} as {who}: {status} {location}");
            if allowed {
                assert!(
                    ![401, 403].contains(&status)
                        && (location != "/login" || path.starts_with("/logout")),
                    "should be let through: {context}"
                );
                assert!(status < 500, "{context}");
            } else if role.is_none() {
                let expected = if *method == "GET" { 303 } else { 401 };
                assert_eq!(status, expected, "{context}");
                if *method == "GET" {
                    assert_eq!(location, "/login", "{context}");
                }
            } else {
                assert_eq!(status, 403, "{context}");
            }
        }
    }
    assert!(
        !console
            .store
            .get_agent(ws, console.deactivated.id)
            .await
            .unwrap()
            .active
    );
    assert_eq!(AgentRole::Agent, console.deactivated.role);
    console.stop().await;
}

fn form_for(path: &str, csrf: &str, number: &str) -> Vec<(&'static str, String)> {
    let mut form = vec![("csrf", csrf.to_string())];
    let field = |k: &'static str, v: &str| (k, v.to_string());
    if path.ends_with("/reply") || path.ends_with("/note") {
        form.push(field("text", "Checking on it"));
    } else if path.ends_with("/assign") {
        form.push(field("agent", ""));
    } else if path.ends_with("/status") {
        form.push(field("status", "open"));
    } else if path.ends_with("/priority") {
        form.push(field("priority", "high"));
    } else if path.ends_with("/tags") {
        form.push(field("tag", "vip"));
    } else if path.ends_with("/merge") {
        form.push(field("duplicate", number));
    } else if path.ends_with("/active") {
        form.push(field("active", "0"));
    } else if path.ends_with("/role") {
        form.push(field("role", "agent"));
    } else if path.ends_with("/templates") {
        form.push(field("language", "en"));
        form.push(field("name", "Greeting"));
        form.push(field("body", "Hello!"));
    } else if path.ends_with("/restore") {
        form.push(field("revision", "1"));
    } else if path.starts_with("/admin/kb") && !path.ends_with("/delete") {
        form.push(field("title", "Refunds"));
        form.push(field("slug", "refunds"));
        form.push(field("language", "en"));
        form.push(field("status", "published"));
        form.push(field("body", "Within 5 days."));
        form.push(field("action", "preview"));
    } else if path.ends_with("/templates/remove") {
        form.push(field("language", "en"));
        form.push(field("name", "Greeting"));
    }
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_without_the_session_csrf_token_is_refused() {
    let console = Console::start().await;
    let session = console.session(&console.admin).await;
    let http = http();
    let url = console.url("/tickets/1000/reply");
    for form in [
        vec![("text", "hi")],
        vec![("text", "hi"), ("csrf", "forged")],
    ] {
        let response = http
            .post(&url)
            .header("cookie", &session.cookie)
            .form(&form)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 403);
    }
    let other = console.session(&console.owner).await;
    let response = http
        .post(&url)
        .header("cookie", &session.cookie)
        .form(&[("text", "hi"), ("csrf", other.csrf.as_str())])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 403, "another session's token");
    let response = http
        .post(console.url("/logout"))
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status().as_u16(), 303, "the header works too");
    console.stop().await;
}
