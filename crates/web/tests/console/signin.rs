//! Signing in: a link from the manager bot works once and expires; sessions end on logout,
//! everywhere at once, and the moment an agent is deactivated; passwords are for admins.

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

    let http = http();
    let page = http.get(&link).send().await.expect("page");
    assert_eq!(
        page.status().as_u16(),
        200,
        "opening the link does not use it"
    );
    let signed = http.post(&link).send().await.expect("sign in");
    assert_eq!(signed.status().as_u16(), 303);
    assert_eq!(signed.headers()["location"], "/inbox");
    let cookie = cookie_of(&signed);
    assert_eq!(inbox_status(&console, &cookie).await, 200);

    let again = http.post(&link).send().await.expect("again");
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
