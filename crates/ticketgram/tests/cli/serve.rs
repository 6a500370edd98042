//! `serve` in demo mode plays its conversation end to end, survives a second run on the same
//! database, waits out an unreachable Telegram, and stops cleanly on SIGTERM.

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
    /// The process id, to read what the process costs (`/proc/<pid>/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

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

impl Server {
    /// Kills the process with SIGKILL, as the kernel's OOM killer or a power cut would:
    /// nothing is flushed or released. Returns everything it logged.
    pub fn sigkill(mut self) -> Vec<String> {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap the killed process");
        self.seen.extend(self.lines.iter());
        std::mem::take(&mut self.seen)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// `serve` with a fresh SQLite file and a free HTTP port, so tests can run side by side.
pub fn serve_cmd(sandbox: &Sandbox, db: &std::path::Path) -> std::process::Command {
    let mut cmd = sandbox.cmd(&["serve"]);
    cmd.env("TICKETGRAM_DATABASE_URL", sqlite_url(db))
        .env("TICKETGRAM_HTTP_ADDR", "127.0.0.1:0");
    cmd
}

#[test]
fn serve_without_token_plays_the_demo_conversation_and_stops_on_sigterm() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("serve.db");
    let mut server = Server::start(&mut serve_cmd(&sandbox, &db));
    server.wait_for("demo mode");
    let line = server.wait_for("demo Telegram sandbox is running");
    assert!(line.contains("sandbox=http://127.0.0.1:"), "{line}");
    server.wait_for("Ticketgram is running");
    assert!(db.exists(), "serve migrates the database before running");
    server.wait_for("demo: client Dana asked");
    server.wait_for("demo: agent Alex answered in the thread of #1000");
    let received = server.wait_for("demo: Dana received:");
    assert!(
        received.contains("refunded") && received.contains("Alex · #1000"),
        "the client sees the answer signed with the alias: {received}"
    );
    let hint = server.wait_for("demo: read what Dana received: curl");
    assert!(hint.contains("/control/messages?bot="), "{hint}");
    let (code, lines) = server.terminate();
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
    assert!(
        lines.iter().any(|l| l.contains("stopped")),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn the_demo_runs_again_on_the_same_database() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("again.db");
    for number in ["#1000", "#1001"] {
        let mut server = Server::start(&mut serve_cmd(&sandbox, &db));
        let received = server.wait_for("demo: Dana received:");
        assert!(received.contains(number), "{received}");
        let (code, lines) = server.terminate();
        assert_eq!(code, Some(0), "{}", lines.join("\n"));
    }
    // One workspace and one demo agent, however often the demo ran.
    let out = crate::helpers::run(
        sandbox
            .cmd(&["agent", "list"])
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)),
    );
    out.assert_success();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.dump());
    assert!(out.stdout.contains("Alex"), "{}", out.dump());
}

#[test]
fn serve_waits_for_an_unreachable_telegram_logs_json_and_never_the_token() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("serve.db");
    let mut server = Server::start(
        serve_cmd(&sandbox, &db)
            .arg("--log-format")
            .arg("json")
            .env("TICKETGRAM_BOT_TOKEN", TOKEN)
            .env("TICKETGRAM_TELEGRAM_API_URL", "http://127.0.0.1:9/")
            .env("RUST_LOG", "trace"),
    );
    // Nothing listens on port 9: serve keeps retrying getMe, and still stops on SIGTERM.
    server.wait_for("cannot reach Telegram, retrying");
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
