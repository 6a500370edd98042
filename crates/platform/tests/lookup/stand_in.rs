//! A stand-in for the marketplace platform: real HTTP on 127.0.0.1, checking every request's
//! signature as docs/platform.md tells platform developers to, and answering each order
//! number its own way so each test can tell one story.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use ticketgram_platform::signature::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use ticketgram_platform::verify_signature;

/// The secret the platform issued to the desk.
pub const SECRET: &str = "the-platform-issued-this-secret";

/// A request as the platform received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The request target, exactly as received.
    pub target: String,
    /// The order number, decoded, when the route has one.
    pub order: Option<String>,
    pub accept: Option<String>,
    pub signed: bool,
}

pub struct StandIn {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl StandIn {
    pub async fn start() -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/orders/{order}", get(order))
            .route("/elsewhere", get(elsewhere))
            .fallback(unknown)
            .with_state(Platform {
                base: base.clone(),
                seen: seen.clone(),
            });
        // The listener is bound: connections wait in its backlog until the server runs.
        tokio::spawn(async move { axum::serve(listener, app).await });
        StandIn { base, seen }
    }

    /// The URL template a desk would configure for this platform.
    pub fn template(&self) -> String {
        format!("{}/orders/{{order}}", self.base)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

#[derive(Clone)]
struct Platform {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Platform {
    /// Records the request; whether its signature holds.
    fn record(&self, uri: &Uri, headers: &HeaderMap, order: Option<String>) -> bool {
        let target = uri
            .path_and_query()
            .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string());
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let signed = verify_signature(
            SECRET,
            header(TIMESTAMP_HEADER).unwrap_or_default(),
            &target,
            header(SIGNATURE_HEADER).unwrap_or_default(),
            chrono::Utc::now(),
            Duration::from_secs(60),
        )
        .is_ok();
        self.seen.lock().unwrap().push(Seen {
            target,
            order,
            accept: header("accept").map(str::to_string),
            signed,
        });
        signed
    }
}

async fn order(
    State(platform): State<Platform>,
    Path(order): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !platform.record(&uri, &headers, Some(order.clone())) {
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    }
    match order.as_str() {
        "A-1042" => Json(json!({
            "order": {
                "id": "A-1042",
                "status": "in escrow",
                "escrow": { "release_date": "Friday" },
                "total": 129.5,
                "disputed": false,
                "tracking": null,
            }
        }))
        .into_response(),
        "A-5000" => (StatusCode::INTERNAL_SERVER_ERROR, "database is down").into_response(),
        "A-7777" => {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Json(json!({ "order": { "status": "late" } })).into_response()
        }
        "A-3000" => (
            [("content-type", "application/json")],
            r#"{"order": {"status": "in esc"#,
        )
            .into_response(),
        "A-3001" => {
            Json(json!({ "order": { "status": { "code": 4, "label": "held" } } })).into_response()
        }
        "A-6400" => Json(json!({
            "order": { "status": "shipped", "history": "x".repeat(100 * 1024) }
        }))
        .into_response(),
        // The same, streamed without a declared length: the cap holds while reading.
        "A-6401" => {
            let chunk = axum::body::Bytes::from(vec![b' '; 16 * 1024]);
            let chunks = std::iter::repeat_n(chunk, 8).map(Ok::<_, std::io::Error>);
            axum::body::Body::from_stream(futures::stream::iter(chunks)).into_response()
        }
        "A-3020" => (
            StatusCode::FOUND,
            [("location", format!("{}/elsewhere", platform.base))],
        )
            .into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such order" })),
        )
            .into_response(),
    }
}

/// Where the redirect points; a lookup must never get here.
async fn elsewhere(State(platform): State<Platform>, uri: Uri, headers: HeaderMap) -> Response {
    platform.record(&uri, &headers, None);
    Json(json!({ "order": { "status": "followed a redirect" } })).into_response()
}

async fn unknown(State(platform): State<Platform>, uri: Uri, headers: HeaderMap) -> Response {
    platform.record(&uri, &headers, None);
    StatusCode::NOT_FOUND.into_response()
}
