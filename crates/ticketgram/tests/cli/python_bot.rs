//! An unmodified bot written with python-telegram-bot runs against `ticketgram sandbox`: a
//! client's message reaches the admin, the admin's reply reaches the client. The sandbox is
//! only worth its name if bots other than ours, built on a mainstream library, work on it.
//!
//! Skipped with a notice when python-telegram-bot is not installed (`.ci/run` installs the
//! pinned version into `$HOME/.cache/ptb-venv`; `SUPPORT_BOT_PYTHON=/path/to/python` names
//! another interpreter that has it).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

use crate::helpers::Sandbox;
use crate::serve::Server;

/// A Python that can import `telegram` (python-telegram-bot), if there is one.
fn python_with_ptb() -> Option<PathBuf> {
    let candidates = std::env::var_os("SUPPORT_BOT_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            std::env::var_os("HOME")
                .map(|home| PathBuf::from(home).join(".cache/ptb-venv/bin/python")),
        );
    candidates.into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import telegram"])
            .output()
            .is_ok_and(|out| out.status.success())
    })
}

/// The sandbox's control API, as a test of a bot of any language drives it.
struct Control {
    base: String,
    http: reqwest::Client,
}

impl Control {
    async fn post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}/control/{path}", self.base))
            .json(&body)
            .send()
            .await
            .expect("control API reachable");
        let status = response.status();
        let answer: Value = response.json().await.expect("JSON answer");
        assert!(status.is_success(), "{path}: {status} {answer}");
        answer
    }

    /// Waits (the sandbox's own wait, not a sleep) until `chat` holds `count` messages.
    async fn wait(&self, chat: Value, count: usize) -> Vec<Value> {
        let answer = self
            .post(
                "wait",
                json!({"chat": chat, "count": count, "timeout_ms": 60_000}),
            )
            .await;
        answer.as_array().cloned().unwrap_or_default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_python_telegram_bot_relays_a_question_and_its_answer() {
    let Some(python) = python_with_ptb() else {
        eprintln!(
            "notice: the python-telegram-bot test skipped: python-telegram-bot is not installed \
             (run .ci/run, or set SUPPORT_BOT_PYTHON)"
        );
        return;
    };
    let dir = Sandbox::new();
    let mut sandbox = Server::start(&mut dir.cmd(&["sandbox", "--addr", "127.0.0.1:0"]));
    let line = sandbox.wait_for("Telegram sandbox listening");
    let addr = line
        .split_whitespace()
        .find_map(|word| word.strip_prefix("addr="))
        .unwrap_or_else(|| panic!("no addr= in {line:?}"))
        .to_owned();
    let control = Control {
        base: format!("http://{addr}"),
        http: reqwest::Client::new(),
    };

    let bot = control.post("bots", json!({"username": "help_bot"})).await;
    let bot_id = bot["id"].as_i64().unwrap();
    let anna = control
        .post(
            "users",
            json!({"first_name": "Anna", "language_code": "en"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let olga = control
        .post(
            "users",
            json!({"first_name": "Olga", "language_code": "en"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let anna_chat = json!({"bot": bot_id, "user": anna});
    let olga_chat = json!({"bot": bot_id, "user": olga});
    // The admin opened the bot once, so it may write to her.
    control
        .post(
            "messages",
            json!({"user": olga, "chat": olga_chat, "text": "/start"}),
        )
        .await;

    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/support_bot.py");
    let mut command = Command::new(&python);
    command
        .arg(&script)
        .env("BOT_TOKEN", bot["token"].as_str().unwrap())
        .env("BOT_API_BASE", &control.base)
        .env("ADMIN_CHAT_ID", olga.to_string());
    let mut support_bot = Server::start(&mut command);
    support_bot.wait_for("support bot polling");

    control
        .post(
            "messages",
            json!({"user": anna, "chat": anna_chat, "text": "Where is my order?"}),
        )
        .await;
    let olga_sees = control.wait(olga_chat.clone(), 2).await;
    let question = olga_sees.last().expect("the bot's message");
    assert_eq!(
        question["text"],
        format!("#u{anna} Anna: Where is my order?"),
        "{olga_sees:#?}"
    );

    control
        .post(
            "messages",
            json!({"user": olga, "chat": olga_chat, "text": "It ships today.",
                   "reply_to": question["message_id"]}),
        )
        .await;
    let anna_sees = control.wait(anna_chat, 2).await;
    let answer = anna_sees.last().expect("the answer");
    assert_eq!(answer["text"], "It ships today.", "{anna_sees:#?}");
    assert_eq!(answer["from"]["id"], bot_id);

    let violations = control
        .http
        .get(format!("{}/control/violations", control.base))
        .send()
        .await
        .expect("violations")
        .json::<Value>()
        .await
        .expect("JSON");
    assert_eq!(violations, json!([]));
    let (code, lines) = support_bot.terminate();
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
    sandbox.terminate();
}
