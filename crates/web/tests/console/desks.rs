//! One console for several desks: Kate works in two desks, signs in once and switches between
//! them; each page and form acts on the desk she chose, and a form of one desk posted after
//! switching to the other is refused rather than applied there.

use crate::harness::{get, http, post, Console, Session};
use ticketgram_domain::{AgentRole, Language};
use ticketgram_store::NewAgent;

/// Kate joins the neighbour desk as an agent: the same Telegram user, an agent row of its own.
async fn kate_joins_the_neighbour(console: &Console) {
    let other = console.neighbour.expect("a neighbour desk");
    let kate = console.agent.clone();
    console
        .store
        .write(async |tx| {
            tx.upsert_agent(
                other,
                &NewAgent {
                    telegram_user_id: kate.telegram_user_id,
                    name: "Kate".into(),
                    role: AgentRole::Agent,
                    alias: None,
                    languages: vec![Language::En],
                    skills: vec![],
                    schedule: None,
                    created_at: chrono::Utc::now(),
                },
            )
            .await
        })
        .await
        .expect("Kate joins the neighbour desk");
}

/// Switches the session's desk; returns the new session (cookie and CSRF token).
async fn switch(console: &Console, session: &Session, desk: &str) -> Session {
    let response = http()
        .post(console.url("/desks/switch"))
        .header("cookie", &session.cookie)
        .form(&[("csrf", session.csrf.as_str()), ("desk", desk)])
        .send()
        .await
        .expect("switch");
    assert_eq!(
        response.status().as_u16(),
        303,
        "switching redirects to the inbox"
    );
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a new session cookie")
        .to_owned();
    let (_, page) = get(console, &cookie, "/inbox").await;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page's CSRF token")
        .to_owned();
    Session { cookie, csrf }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_of_two_desks_switches_and_each_desk_keeps_its_own_tickets_and_forms() {
    let console = Console::start_with_neighbour("north").await;
    kate_joins_the_neighbour(&console).await;
    let nina = console.client("Nina");
    console.says(&nina, "My card was charged twice");
    console.thread(1000).await;

    let at_home = console.session(&console.agent).await;
    let (status, inbox) = get(&console, &at_home.cookie, "/inbox").await;
    assert_eq!(status, 200);
    assert!(inbox.contains("charged twice"), "{inbox}");
    assert!(
        inbox.contains("action=\"/desks/switch\""),
        "Kate sees the desk switcher: {inbox}"
    );
    assert!(inbox.contains(">north<"), "{inbox}");

    let next_door = switch(&console, &at_home, "north").await;
    let (_, inbox) = get(&console, &next_door.cookie, "/inbox").await;
    assert!(
        !inbox.contains("charged twice"),
        "the neighbour desk shows another desk's ticket: {inbox}"
    );
    let (status, _) = get(&console, &next_door.cookie, "/tickets/1000").await;
    assert_eq!(status, 404, "ticket #1000 is the other desk's");
    // The old desk's session ended with the switch.
    let (status, _) = get(&console, &at_home.cookie, "/inbox").await;
    assert_ne!(status, 200, "the switched-away session still works");

    // A reply form of the first desk, posted after the switch: refused, nothing is sent.
    let stale = Session {
        cookie: next_door.cookie.clone(),
        csrf: at_home.csrf.clone(),
    };
    let (status, _) = post(
        &console,
        &stale,
        "/tickets/1000/reply",
        &[("text", "Refund on its way")],
    )
    .await;
    assert_eq!(status, 403, "a form of the other desk must not act here");
    let (status, _) = post(
        &console,
        &next_door,
        "/tickets/1000/reply",
        &[("text", "Refund on its way")],
    )
    .await;
    assert_eq!(status, 404);

    let home_again = switch(&console, &next_door, "desk").await;
    let (_, inbox) = get(&console, &home_again.cookie, "/inbox").await;
    assert!(inbox.contains("charged twice"), "{inbox}");
    let sent = console.sandbox.world().chat_messages(nina.chat);
    assert!(
        !sent
            .iter()
            .any(|m| crate::harness::text_of(m).contains("Refund on its way")),
        "nothing reached the client: {sent:#?}"
    );
    console.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_cannot_switch_to_a_desk_they_do_not_work_in() {
    let console = Console::start_with_neighbour("north").await;
    let adam = console.session(&console.admin).await;
    let (_, inbox) = get(&console, &adam.cookie, "/inbox").await;
    assert!(
        !inbox.contains("/desks/switch"),
        "one desk, no switcher: {inbox}"
    );
    let (status, _) = post(&console, &adam, "/desks/switch", &[("desk", "north")]).await;
    assert_eq!(status, 404);
    let (status, _) = get(&console, &adam.cookie, "/inbox").await;
    assert_eq!(status, 200, "a refused switch keeps the session");
    console.stop().await;
}
