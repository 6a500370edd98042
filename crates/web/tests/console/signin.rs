//! Signing in: a link from the manager bot works once and expires; sessions end on logout,
//! everywhere at once, and the moment an agent is deactivated or demoted; passwords are for
//! admins and throttled; sign-ins posted from another site are refused.

use crate::harness::{http, Console, WAIT};
use std::time::Duration;

fn cookie_of(response: &reqwest::Response) -> String {
    let set = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a cookie is set")
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    set.split(';').next().expect("name=value").to_string()
}

async fn inbox_status(console: &Console, cookie: &str) -> u16 {
    http()
        .get(console.url("/inbox"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manager_bot_sends_a_link_that_works_once() {
    let console = Console::start().await;
    let world = console.sandbox.world();
    let kate = console.agent.telegram_user_id;
    let chat = world.private_chat(console.bot.id, kate).expect("chat");
    world.user_sends_text(kate, chat, "/login").expect("sends");
    let bot = console.bot.id;
    let all = world
        .wait_for(chat, WAIT, |all| {
            all.iter().any(|m| {
                m.pointer("/from/id").and_then(|v| v.as_i64()) == Some(bot)
                    && crate::harness::text_of(m).contains("/login/")
            })
        })
        .await
        .unwrap_or_else(|all| panic!("no link: {all:#?}"));
    let text = all
        .iter()
        .map(crate::harness::text_of)
        .find(|t| t.contains("/login/"))
        .expect("link");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/login/"))
        .expect("url")
        .to_string();
    assert!(link.starts_with(&console.base), "{link}");
    // The link is a credential: the database holds its hash (web_login_links) and the
    // outbox job that carried it holds it sealed, so a dump of the database opens nothing.
    let secret = link.rsplit('/').next().expect("token");
    assert_eq!(
        console
            .store
            .columns_containing(secret)
            .await
            .expect("scan"),
        Vec::<String>::new(),
        "the sign-in link sits in the database in plain text"
    );

    let http = http();
    let page = http.get(&link).send().await.expect("page");
    assert_eq!(
        page.status().as_u16(),
        200,
        "opening the link does not use it"
    );
    let signed = http
        .post(&link)
        .header("origin", console.origin())
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed.status().as_u16(), 303);
    assert_eq!(signed.headers()["location"], "/inbox");
    let cookie = cookie_of(&signed);
    assert_eq!(inbox_status(&console, &cookie).await, 200);

    let again = http
        .post(&link)
        .header("origin", console.origin())
        .send()
        .await
        .expect("again");
    assert_eq!(again.status().as_u16(), 401, "single use");
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_expire_and_sessions_end() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let now = chrono::Utc::now();
    let expired = store
        .write(async |tx| {
            tx.create_login_link(ws, console.agent.id, Duration::from_millis(1), now)
                .await
        })
        .await
        .expect("link");
    tokio::time::sleep(Duration::from_millis(5)).await;
    let http = http();
    let response = http
        .post(console.url(&format!("/login/{expired}")))
        .header("origin", console.origin())
        .send()
        .await
        .expect("post");
    assert_eq!(response.status().as_u16(), 401, "expired");

    let laptop = console.session(&console.agent).await;
    let phone = console.session(&console.agent).await;
    assert_eq!(inbox_status(&console, &laptop.cookie).await, 200);
    let out = http
        .post(console.url("/logout/everywhere"))
        .header("cookie", &laptop.cookie)
        .form(&[("csrf", laptop.csrf.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status().as_u16(), 303);
    assert_eq!(inbox_status(&console, &laptop.cookie).await, 303);
    assert_eq!(
        inbox_status(&console, &phone.cookie).await,
        303,
        "everywhere"
    );

    let admin = console.session(&console.admin).await;
    assert_eq!(inbox_status(&console, &admin.cookie).await, 200);
    store
        .write(async |tx| tx.set_agent_active(ws, console.admin.id, false).await)
        .await
        .expect("deactivate");
    assert_eq!(
        inbox_status(&console, &admin.cookie).await,
        303,
        "deactivated agents lose access at once"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_may_sign_in_with_a_password() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let hash = ticketgram_web::auth::hash_password("s3cret horse").expect("hash");
    for agent in [&console.admin, &console.agent] {
        store
            .write(async |tx| {
                tx.set_agent_password(ws, agent.id, Some(&hash), chrono::Utc::now())
                    .await
            })
            .await
            .expect("password");
    }
    let http = http();
    let try_login = |id: i64, password: &str| {
        http.post(console.url("/login"))
            .header("origin", console.origin())
            .form(&[
                ("telegram_id", id.to_string()),
                ("password", password.into()),
            ])
            .send()
    };
    let ok = try_login(console.admin.telegram_user_id, "s3cret horse")
        .await
        .expect("login");
    assert_eq!(ok.status().as_u16(), 303);
    let cookie = cookie_of(&ok);
    assert_eq!(inbox_status(&console, &cookie).await, 200);
    let wrong = try_login(console.admin.telegram_user_id, "guess")
        .await
        .expect("login");
    assert_eq!(wrong.status().as_u16(), 401);
    let agent = try_login(console.agent.telegram_user_id, "s3cret horse")
        .await
        .expect("login");
    assert_eq!(agent.status().as_u16(), 401, "passwords are for admins");
    console.stop().await;
}

/// Limits a test can outlast: once a door closes it stays closed for a minute.
fn patient_limits(settings: &mut ticketgram_web::WebSettings) {
    let backoff = |free_attempts| ticketgram_store::SignInBackoff {
        free_attempts,
        first_delay: Duration::from_secs(60),
        max_delay: Duration::from_secs(600),
        forget_after: Duration::from_secs(3600),
    };
    settings.sign_in = ticketgram_web::throttle::SignInLimits {
        per_account: backoff(5),
        per_address: backoff(10),
    };
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_wrong_passwords_are_not_all_tried() {
    let console = Console::start_with(patient_limits).await;
    let (store, ws) = (&console.store, console.ws);
    let hash = ticketgram_web::auth::hash_password("s3cret horse").expect("hash");
    store
        .write(async |tx| {
            tx.set_agent_password(ws, console.admin.id, Some(&hash), chrono::Utc::now())
                .await
        })
        .await
        .expect("password");
    let http = http();
    let try_login = |from: &'static str, id: i64, password: &'static str| {
        http.post(console.url("/login"))
            .header("origin", console.origin())
            // The harness's peer is loopback, so the console believes the proxy's header.
            .header("x-forwarded-for", from)
            .header("accept-language", "de-DE,de;q=0.9")
            .form(&[
                ("telegram_id", id.to_string()),
                ("password", password.into()),
            ])
            .send()
    };
    let adam = console.admin.telegram_user_id;

    // Mallory guesses Adam's password forty times in a row.
    let mut statuses = Vec::new();
    for _ in 0..40 {
        let r = try_login("203.0.113.7", adam, "guess").await.expect("post");
        statuses.push(r.status().as_u16());
    }
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (tried, throttled),
        (6, 34),
        "five free tries and the one that closed the door: {statuses:?}"
    );

    // Adam himself, from the office, is told to wait, in his browser's language; even the
    // right password is not looked at while the account's door is closed.
    let adam_tries = try_login("198.51.100.4", adam, "s3cret horse")
        .await
        .expect("post");
    assert_eq!(adam_tries.status().as_u16(), 429);
    let wait: u64 = adam_tries.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let page = adam_tries.text().await.expect("body");
    assert!(page.contains("Zu viele Anmeldeversuche"), "{page}");

    // Spraying one guess at many accounts from one address: the address's door closes.
    let mut statuses = Vec::new();
    for id in 0..12 {
        let r = try_login("192.0.2.33", 700_000 + id, "guess")
            .await
            .expect("post");
        statuses.push(r.status().as_u16());
    }
    assert_eq!(&statuses[..11], &[401; 11], "{statuses:?}");
    assert_eq!(statuses[11], 429, "{statuses:?}");
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_posted_from_another_site_is_refused() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let link = store
        .write(async |tx| {
            tx.create_login_link(
                ws,
                console.agent.id,
                Duration::from_secs(600),
                chrono::Utc::now(),
            )
            .await
        })
        .await
        .expect("link");
    let url = console.url(&format!("/login/{link}"));
    let http = http();
    // An attacker's page posts its own link from the agent's browser (login CSRF), or a
    // script without any origin at all.
    for origin in [Some("https://evil.example"), Some("null"), None] {
        let mut post = http.post(&url);
        if let Some(origin) = origin {
            post = post.header("origin", origin);
        }
        let refused = post.send().await.expect("post");
        assert_eq!(refused.status().as_u16(), 403, "{origin:?}");
        assert!(refused.headers().get("set-cookie").is_none());
        assert!(refused
            .text()
            .await
            .expect("body")
            .contains("sent from another website"));
    }
    let password = http
        .post(console.url("/login"))
        .header("origin", "https://evil.example")
        .form(&[("telegram_id", "1"), ("password", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(password.status().as_u16(), 403);

    // The refused posts did not use the link up: from the console's own page it still works.
    let signed = http
        .post(&url)
        .header("origin", console.origin())
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed.status().as_u16(), 303);
    assert_eq!(inbox_status(&console, &cookie_of(&signed)).await, 200);
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demoted_admin_loses_the_admin_pages_at_once() {
    let console = Console::start().await;
    let (store, ws) = (&console.store, console.ws);
    let adam = console.session(&console.admin).await;
    let get = |path: &'static str| {
        http()
            .get(console.url(path))
            .header("cookie", &adam.cookie)
            .send()
    };
    assert_eq!(get("/admin").await.expect("get").status().as_u16(), 200);
    store
        .write(async |tx| {
            tx.set_agent_role(ws, console.admin.id, ticketgram_domain::AgentRole::Agent)
                .await
        })
        .await
        .expect("demote");
    assert_eq!(
        get("/admin").await.expect("get").status().as_u16(),
        403,
        "the same session, the new role"
    );
    assert_eq!(get("/reports").await.expect("get").status().as_u16(), 403);
    assert_eq!(get("/inbox").await.expect("get").status().as_u16(), 200);
    let refused = http()
        .post(console.url("/admin/agents/1/active"))
        .header("cookie", &adam.cookie)
        .form(&[("csrf", adam.csrf.as_str()), ("active", "0")])
        .send()
        .await
        .expect("post");
    assert_eq!(refused.status().as_u16(), 403);
    console.stop().await;
}
