//! `serve` with a bot token, against a Telegram sandbox started by the test: the production
//! wiring (getMe, long polling or webhook, the relay, the agents' channel from the settings)
//! with nothing but the API URL pointing elsewhere.

use std::io::{Read as _, Write as _};
use std::process::Command;

use serde_json::Value;
use ticketgram_sandbox::SandboxConfig;
use ticketgram_testkit::{text_of, TelegramDesk, WAIT};

use crate::helpers::{run, sqlite_url, Sandbox, TOKEN};
use crate::serve::{serve_cmd, Server};

/// A Telegram with a bot that administers an agents' channel and its discussion group: the
/// shared kit's, with what `serve` needs to be pointed at it.
pub struct Telegram(TelegramDesk);

/// The sandbox, the bot and the chats read as fields: `telegram.bot`.
impl std::ops::Deref for Telegram {
    type Target = TelegramDesk;

    fn deref(&self) -> &TelegramDesk {
        &self.0
    }
}

impl Telegram {
    pub async fn start() -> Telegram {
        Telegram::start_with(SandboxConfig::default()).await
    }

    pub async fn start_with(config: SandboxConfig) -> Telegram {
        Telegram(TelegramDesk::start_with(config).await)
    }

    /// `serve` for this bot, with the channel and group configured by environment variables.
    pub fn serve(&self, dir: &Sandbox) -> Command {
        self.serve_on(dir, &sqlite_url(&dir.path("desk.db")))
    }

    /// `serve` for this bot on the given database.
    pub fn serve_on(&self, dir: &Sandbox, database_url: &str) -> Command {
        let mut cmd = serve_cmd(dir, &dir.path("unused.db"));
        cmd.env("TICKETGRAM_DATABASE_URL", database_url)
            .env("TICKETGRAM_BOT_TOKEN", &self.bot.token)
            .env(
                "TICKETGRAM_TELEGRAM_API_URL",
                self.sandbox.base_url().as_str(),
            )
            .env(
                "TICKETGRAM_CHANNEL_ID",
                self.channel.telegram_id().to_string(),
            )
            .env("TICKETGRAM_GROUP_ID", self.group.telegram_id().to_string());
        cmd
    }

    /// A client writes to the bot; waits until the bot confirms the ticket and its card is in
    /// the channel with the question in its thread.
    pub async fn client_opens_a_ticket(&self) {
        let world = self.sandbox.world();
        let ben = world.create_user("Ben", Some("ben"), Some("en"));
        let chat = world.private_chat(self.bot.id, ben).expect("chat");
        world
            .user_sends_text(ben, chat, "Hi, the order page shows an error")
            .expect("send");
        let has = |needle: &'static str| {
            move |msgs: &[Value]| msgs.iter().any(|m| text_of(m).contains(needle))
        };
        world
            .wait_for(chat, WAIT, has("Request #1000 created"))
            .await
            .unwrap_or_else(|got| panic!("no confirmation for the client: {got:#?}"));
        world
            .wait_for(self.channel, WAIT, has("#1000"))
            .await
            .unwrap_or_else(|got| panic!("no card in the channel: {got:#?}"));
        world
            .wait_for(self.group, WAIT, has("order page shows an error"))
            .await
            .unwrap_or_else(|got| panic!("question not in the thread: {got:#?}"));
    }
}

/// Blocking waits on the server's log from async tests.
pub fn wait_for(server: &mut Server, needle: &str) -> String {
    tokio::task::block_in_place(|| server.wait_for(needle))
}

pub fn terminate(server: Server) {
    let (code, lines) = tokio::task::block_in_place(|| server.terminate());
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_message_becomes_a_card_in_the_configured_channel_by_long_polling() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    let mut server = Server::start(&mut telegram.serve(&dir));
    let line = wait_for(&mut server, "connected to the Bot API");
    assert!(line.contains("desk_bot"), "{line}");
    wait_for(&mut server, "Ticketgram is running");
    telegram.client_opens_a_ticket().await;
    terminate(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_registers_the_webhook_and_relays_what_telegram_posts() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    // A free port for http.addr, known in advance because the webhook URL names it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Server::start(
        telegram
            .serve(&dir)
            .env("TICKETGRAM_HTTP_ADDR", &addr)
            .env("TICKETGRAM_WEBHOOK_URL", format!("http://{addr}"))
            .env("TICKETGRAM_WEBHOOK_SECRET", "hook-secret-123"),
    );
    let line = wait_for(&mut server, "webhook registered with Telegram");
    let path = format!("/telegram/webhook/{}", telegram.bot.id);
    assert!(line.contains(&path), "{line}");
    wait_for(&mut server, "Ticketgram is running");
    assert_eq!(http_get(&addr, "/healthz"), "ok");
    telegram.client_opens_a_ticket().await;
    terminate(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_without_channel_warns_and_names_the_settings() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    let mut cmd = telegram.serve(&dir);
    cmd.env_remove("TICKETGRAM_CHANNEL_ID")
        .env_remove("TICKETGRAM_GROUP_ID");
    let mut server = Server::start(&mut cmd);
    let line = wait_for(&mut server, "agents' channel is not configured");
    assert!(
        line.contains("TICKETGRAM_CHANNEL_ID") && line.contains("TICKETGRAM_GROUP_ID"),
        "{line}"
    );
    terminate(server);
}

#[test]
fn webhook_url_without_secret_is_a_configuration_error() {
    let dir = Sandbox::new();
    let out = run(serve_cmd(&dir, &dir.path("x.db"))
        .env("TICKETGRAM_BOT_TOKEN", TOKEN)
        .env("TICKETGRAM_WEBHOOK_URL", "https://help.example.com"));
    assert_eq!(out.code, Some(2), "{}", out.dump());
    assert!(
        out.stderr.contains("TICKETGRAM_WEBHOOK_SECRET"),
        "{}",
        out.dump()
    );
    out.assert_no_secret(TOKEN);
}

/// The body of a plain HTTP/1.0 GET.
fn http_get(addr: &str, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or(response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_prints_a_setup_code_and_a_client_bot_added_later_starts_without_restart() {
    let telegram = Telegram::start().await;
    let dir = Sandbox::new();
    let secret = "cli-test-secret-key-0123456789abcdef-xyz";
    let mut cmd = telegram.serve(&dir);
    cmd.env("TICKETGRAM_SECRET_KEY", secret);
    let mut server = Server::start(&mut cmd);
    let line = wait_for(&mut server, "send this setup code to @desk_bot");
    let code = line
        .split("setup_code=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the code is in the log line")
        .trim_matches('"')
        .to_string();
    assert_eq!(code.len(), 9, "{line}");
    wait_for(&mut server, "Ticketgram is running");

    // The lead sends it to the bot and owns the desk.
    let world = telegram.sandbox.world();
    let lead = world.create_user("Lena", Some("lena"), Some("en"));
    let chat = world.private_chat(telegram.bot.id, lead).expect("chat");
    world.user_sends_text(lead, chat, &code).expect("send");
    world
        .wait_for(chat, WAIT, |m| {
            m.iter().any(|m| text_of(m).contains("You are the owner"))
        })
        .await
        .unwrap_or_else(|got| panic!("not claimed: {got:#?}"));

    // A dedicated client bot stored as the settings bot stores it: its relay starts.
    let helper = world.create_bot("acme_help_bot");
    world
        .add_bot_to_chat(helper.id, telegram.channel, true)
        .expect("bot");
    world
        .add_bot_to_chat(helper.id, telegram.group, true)
        .expect("bot");
    let store = ticketgram_store::Store::connect(&crate::helpers::sqlite_url(&dir.path("desk.db")))
        .await
        .expect("db");
    let ws = store
        .find_workspace_by_slug("default")
        .await
        .expect("store")
        .expect("workspace")
        .id;
    let key = ticketgram_store::SealingKey::derive(secret);
    let new = ticketgram_store::NewBot {
        role: ticketgram_store::BotRole::Client,
        telegram_bot_id: helper.id,
        username: "acme_help_bot".into(),
        token_ciphertext: key.seal(&helper.token),
        created_at: chrono::Utc::now(),
    };
    store
        .write(async |tx| tx.register_bot(ws, &new).await)
        .await
        .expect("bot stored");
    wait_for(&mut server, "the desk's bots changed");

    let ben = world.create_user("Ben", Some("ben"), Some("en"));
    let ben_chat = world.private_chat(helper.id, ben).expect("chat");
    world
        .user_sends_text(ben, ben_chat, "Hi, the order page shows an error")
        .expect("send");
    world
        .wait_for(ben_chat, WAIT, |m| {
            m.iter()
                .any(|m| text_of(m).contains("Request #1000 created"))
        })
        .await
        .unwrap_or_else(|got| panic!("the client bot did not answer: {got:#?}"));
    // The settings bot no longer talks to clients: it refuses them.
    let carl = world.create_user("Carl", Some("carl"), Some("en"));
    let carl_chat = world.private_chat(telegram.bot.id, carl).expect("chat");
    world
        .user_sends_text(carl, carl_chat, "hello?")
        .expect("send");
    world
        .wait_for(carl_chat, WAIT, |m| {
            m.iter().any(|m| !text_of(m).is_empty())
        })
        .await
        .unwrap_or_else(|got| panic!("no answer: {got:#?}"));
    store.close().await;
    terminate(server);
}
