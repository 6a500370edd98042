//! The REST API does what its OpenAPI document says. Schemathesis (from PyPI) reads
//! `/api/v1/openapi.json` of a really started `ticketgram serve` — the demo desk on the
//! sandbox, SQLite, a token with every scope made for the run — generates valid and invalid
//! requests for every operation, and checks each answer against the document: no 5xx, only
//! documented status codes, bodies of the documented shape, valid requests accepted, invalid
//! ones refused. Webhook URLs are sent as a local stand-in receiver (see
//! `contract_hooks.py`), so nothing leaves the machine.
//!
//! Skipped with a notice when schemathesis is not installed (`.ci/run` installs it into
//! `$HOME/.cache/schemathesis-venv`; `SCHEMATHESIS=/path/to/schemathesis` names another).
//! Bounded by examples per operation, not by time: `SCHEMATHESIS_MAX_EXAMPLES` (default 40)
//! and `SCHEMATHESIS_SEED` change the run.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use crate::helpers::{run, sqlite_url, Sandbox};
use crate::serve::{serve_cmd, Server};

const SCOPES: &[&str] = &[
    "tickets:read",
    "tickets:write",
    "clients:read",
    "clients:write",
    "clients:export",
    "clients:erase",
    "reports:read",
    "webhooks:manage",
    "kb:read",
    "kb:write",
    "platform:manage",
    "events:write",
    "settings:manage",
];

fn schemathesis() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SCHEMATHESIS") {
        return Some(PathBuf::from(path));
    }
    let venv = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/schemathesis-venv/bin/schemathesis"));
    if let Some(venv) = venv.filter(|p| p.exists()) {
        return Some(venv);
    }
    let on_path = Command::new("schemathesis").arg("--version").output();
    on_path
        .is_ok_and(|out| out.status.success())
        .then(|| PathBuf::from("schemathesis"))
}

/// A webhook receiver on loopback that acknowledges every delivery with 204.
fn stand_in_receiver() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind receiver");
    let addr = listener.local_addr().expect("receiver address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                // The whole request is not needed: its headers' end is enough to answer.
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
            });
        }
    });
    format!("http://{addr}/hook")
}

/// The pattern the document gives webhook URLs, which the hooks honour.
fn url_pattern() -> String {
    let doc = ticketgram_api::openapi::document();
    doc["components"]["schemas"]["NewWebhook"]["properties"]["url"]["pattern"]
        .as_str()
        .expect("the document gives webhook URLs a pattern")
        .to_string()
}

#[test]
fn schemathesis_finds_the_api_doing_what_its_document_says() {
    let Some(schemathesis) = schemathesis() else {
        let _ = writeln!(
            std::io::stderr(),
            "notice: the API contract test skipped: schemathesis is not installed \
             (pip install schemathesis, or run .ci/run)"
        );
        return;
    };
    let sandbox = Sandbox::new();
    let db = sandbox.path("contract.db");
    let tg = |args: &[&str]| {
        run(sandbox
            .cmd(args)
            .env("TICKETGRAM_DATABASE_URL", sqlite_url(&db)))
    };
    tg(&[
        "agent",
        "add",
        "--telegram-id",
        "43",
        "--name",
        "Max",
        "--role",
        "admin",
    ])
    .assert_success();
    let mut create = vec!["api-token", "create", "--name", "contract", "--agent", "43"];
    for scope in SCOPES {
        create.extend(["--scope", scope]);
    }
    let created = tg(&create);
    created.assert_success();
    let token = created
        .stdout
        .lines()
        .find(|l| l.starts_with("tg_"))
        .unwrap_or_else(|| panic!("no token printed: {}", created.dump()))
        .to_string();

    let stand_in = stand_in_receiver();
    let mut server = Server::start(
        serve_cmd(&sandbox, &db).env("TICKETGRAM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "127.0.0.1/32"),
    );
    let running = server.wait_for("Ticketgram is running");
    let addr = running
        .split("http_addr=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {running:?}"))
        .to_string();

    std::fs::write(
        sandbox.path("contract_hooks.py"),
        include_str!("contract_hooks.py"),
    )
    .expect("write hooks");
    let max_examples =
        std::env::var("SCHEMATHESIS_MAX_EXAMPLES").unwrap_or_else(|_| "40".to_string());
    let seed = std::env::var("SCHEMATHESIS_SEED").unwrap_or_else(|_| "1".to_string());
    let mut cmd = Command::new(&schemathesis);
    cmd.current_dir(sandbox.dir.path())
        .args([
            "run",
            &format!("http://{addr}/api/v1/openapi.json"),
            "--header",
            &format!("Authorization: Bearer {token}"),
            "--max-examples",
            &max_examples,
            "--seed",
            &seed,
            "--workers",
            "1",
            "--no-color",
        ])
        .env("PYTHONPATH", sandbox.dir.path())
        .env("SCHEMATHESIS_HOOKS", "contract_hooks")
        .env("TG_WEBHOOK_STAND_IN", &stand_in)
        .env("TG_WEBHOOK_URL_PATTERN", url_pattern());
    let checked = run(&mut cmd);

    let (code, lines) = server.terminate();
    assert_eq!(
        checked.code,
        Some(0),
        "schemathesis found the API and its document disagreeing:\n{}",
        checked.stdout
    );
    assert_eq!(code, Some(0), "{}", lines.join("\n"));
    assert!(
        !lines.iter().any(|l| l.contains("panicked")),
        "{}",
        lines.join("\n")
    );
}
