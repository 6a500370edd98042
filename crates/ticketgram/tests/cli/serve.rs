//! `serve` starts, says it runs in demo mode without a token, and stops cleanly on SIGTERM.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::helpers::{sqlite_url, Sandbox, TOKEN};

/// Generous: the first start of a debug build on a busy 2-core CI machine can be slow.
const DEADLINE: Duration = Duration::from_secs(60);

/// A running `ticketgram serve` whose stderr lines arrive on a channel.
pub struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Server {
    pub fn start(cmd: &mut std::process::Command) -> Self {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ticketgram serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a log line containing `needle`; fails with everything seen so far.
    pub fn wait_for(&mut self, needle: &str) -> String {
        let until = Instant::now() + DEADLINE;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no {needle:?} in time; stderr so far:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Sends SIGTERM and returns the exit code and the remaining output.
    pub fn terminate(mut self) -> (Option<i32>, Vec<String>) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let until = Instant::now() + DEADLINE;
        let code = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status.code();
            }
            if Instant::now() > until {
                self.child.kill().ok();
                panic!(
                    "serve did not stop after SIGTERM:\n{}",
                    self.seen.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        self.seen.extend(self.lines.iter());
        (code, std::mem::take(&mut self.seen))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn serve_without_token_runs_the_demo_and_stops_on_sigterm() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("serve.db");
    let mut server = Server::start(
        sandbox
            .cmd(&["serve"])
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)),
    );
    server.wait_for("demo mode");
    let line = server.wait_for("demo Telegram sandbox is running");
    assert!(line.contains("sandbox=http://127.0.0.1:"), "{line}");
    server.wait_for("Ticketgram is running");
    assert!(db.exists(), "serve migrates the database before running");
    let (code, lines) = server.terminate();
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
    assert!(
        lines.iter().any(|l| l.contains("stopped")),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn serve_logs_json_with_the_flag_and_never_the_token() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("serve.db");
    let mut server = Server::start(
        sandbox
            .cmd(&["serve", "--log-format", "json"])
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db))
            .env("TICKETGRAM_BOT_TOKEN", TOKEN)
            .env("TICKETGRAM_TELEGRAM_API_URL", "http://127.0.0.1:9/")
            .env("RUST_LOG", "trace"),
    );
    server.wait_for("Ticketgram is running");
    let (code, lines) = server.terminate();
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
    for line in &lines {
        assert!(
            !line.contains(TOKEN) && !line.contains("AAFakeToken"),
            "token logged: {line}"
        );
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(event.get("level").is_some(), "{line}");
    }
}
