//! Shared helpers: a fresh sandbox per test and a raw Bot API caller.

use std::time::Duration;

use serde_json::Value;
use ticketgram_sandbox::{Sandbox, SandboxConfig};

/// Generous upper bound for anything a test waits on; tests wake as soon as it happens.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Tracing output only when `TEST_LOG` is set.
pub fn init_tracing() {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    }
}

pub async fn sandbox() -> Sandbox {
    init_tracing();
    Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

pub async fn sandbox_without_flood_limits() -> Sandbox {
    init_tracing();
    let config = SandboxConfig {
        flood_limits: false,
        ..SandboxConfig::default()
    };
    Sandbox::start(config).await.expect("sandbox starts")
}

/// A Bot API call with a JSON body, as any HTTP client would make it: `(status, body)`.
pub async fn call(sandbox: &Sandbox, token: &str, method: &str, params: Value) -> (u16, Value) {
    let url = format!("{}bot{token}/{method}", sandbox.base_url());
    let response = reqwest::Client::new()
        .post(url)
        .json(&params)
        .send()
        .await
        .expect("request reaches the sandbox");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON answer"))
}

/// A Bot API call with an `application/x-www-form-urlencoded` body.
pub async fn call_form(
    sandbox: &Sandbox,
    token: &str,
    method: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let url = format!("{}bot{token}/{method}", sandbox.base_url());
    let response = reqwest::Client::new()
        .post(url)
        .form(form)
        .send()
        .await
        .expect("request reaches the sandbox");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON answer"))
}

/// A successful call's `result`.
pub async fn ok(sandbox: &Sandbox, token: &str, method: &str, params: Value) -> Value {
    let (status, body) = call(sandbox, token, method, params).await;
    assert_eq!(status, 200, "{method} failed: {body}");
    body["result"].clone()
}

/// Fetches and confirms every pending update of a bot (non-blocking).
pub async fn drain_updates(sandbox: &Sandbox, token: &str) -> Vec<Value> {
    let updates = ok(
        sandbox,
        token,
        "getUpdates",
        serde_json::json!({"timeout": 0}),
    )
    .await;
    let list = updates.as_array().cloned().unwrap_or_default();
    if let Some(last) = list.last() {
        let next = last["update_id"].as_i64().unwrap() + 1;
        ok(
            sandbox,
            token,
            "getUpdates",
            serde_json::json!({"offset": next, "timeout": 0}),
        )
        .await;
    }
    list
}
