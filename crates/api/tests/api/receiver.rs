//! A stand-in for an integration's webhook receiver on 127.0.0.1: it records every request,
//! checks both signatures the way docs/api.md tells receivers to, and answers 500 to the first
//! `failures` requests.

use crate::harness::{TestApi, WAIT};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use ticketgram_api::webhooks::signature;
use ticketgram_api::webhooks::standard::{self, VerifyError};
use tokio::sync::watch;

#[derive(Debug, Clone)]
pub struct Received {
    pub event: String,
    pub delivery: String,
    /// The deprecated `X-Ticketgram-Signature`.
    pub signature_ok: bool,
    /// The Standard Webhooks check, at the moment the request arrived.
    pub standard: Result<(), VerifyError>,
    pub webhook_id: String,
    pub timestamp: String,
    pub webhook_signature: String,
    /// The bytes received, as signed.
    pub raw: Bytes,
    pub body: Value,
    pub answered: u16,
}

#[derive(Clone)]
pub struct Receiver {
    pub secret: Arc<Mutex<String>>,
    failures: usize,
    pub seen: Arc<Mutex<Vec<Received>>>,
    changed: watch::Sender<usize>,
}

async fn receive(State(rx): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let secret = rx.secret.lock().unwrap().clone();
    let (id, timestamp, sig) = (
        header(standard::ID_HEADER),
        header(standard::TIMESTAMP_HEADER),
        header(standard::SIGNATURE_HEADER),
    );
    let now = chrono::Utc::now().timestamp();
    let mut seen = rx.seen.lock().unwrap();
    let answered = if seen.len() < rx.failures { 500 } else { 200 };
    seen.push(Received {
        event: header(signature::EVENT_HEADER),
        delivery: header(signature::DELIVERY_HEADER),
        signature_ok: signature::verify(&secret, &body, &header(signature::SIGNATURE_HEADER)),
        standard: standard::verify(&secret, &id, &timestamp, &sig, &body, now),
        webhook_id: id,
        timestamp,
        webhook_signature: sig,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        raw: body,
        answered,
    });
    rx.changed.send_replace(seen.len());
    StatusCode::from_u16(answered).unwrap()
}

impl Receiver {
    /// A receiver and its URL.
    pub async fn start(failures: usize) -> (Receiver, String) {
        let rx = Receiver {
            secret: Arc::new(Mutex::new(String::new())),
            failures,
            seen: Arc::new(Mutex::new(Vec::new())),
            changed: watch::channel(0).0,
        };
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(rx.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (rx, url)
    }

    pub async fn until(&self, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let mut changes = self.changed.subscribe();
        let waited = tokio::time::timeout(WAIT, async {
            loop {
                let seen = self.seen.lock().unwrap().clone();
                if done(&seen) {
                    return seen;
                }
                let _ = changes.changed().await;
            }
        })
        .await;
        waited.unwrap_or_else(|_| {
            panic!("receiver never got there: {:#?}", self.seen.lock().unwrap())
        })
    }
}

/// Registers `url` through the API; the receiver learns the secret shown once.
pub async fn register(api: &TestApi, token: &str, rx: &Receiver, url: &str, events: Value) -> i64 {
    let (status, created) = api
        .post(
            "/webhooks",
            token,
            serde_json::json!({ "url": url, "events": events }),
        )
        .await;
    assert_eq!(status, 201, "{created:#}");
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    *rx.secret.lock().unwrap() = secret;
    let (_, listed) = api.get("/webhooks", token).await;
    assert!(
        !listed.to_string().contains("whsec_"),
        "secrets are shown once"
    );
    created["id"].as_i64().unwrap()
}
