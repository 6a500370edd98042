//! A stand-in for the marketplace platform the desk asks about orders: real HTTP on 127.0.0.1,
//! checking each request's signature as docs/platform.md tells platform developers to
//! (`verify_signature`), and answering each order number its own way so each story can tell
//! one thing that happens.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use ticketgram_platform::signature::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use ticketgram_platform::{verify_signature, FieldMapping, LookupConfig, Secret};

/// The secret the platform issued to the desk.
pub const SECRET: &str = "issued-by-the-marketplace-0123456789";

/// Known to the platform, in escrow until Friday.
pub const IN_ESCROW: &str = "A-1042";
/// The platform takes longer to answer than the desk waits.
pub const SLOW: &str = "A-5000";
/// The platform's database is down.
pub const BROKEN: &str = "A-5001";

/// How long the desk waits for the platform in these stories.
pub const TIMEOUT_MS: u64 = 400;

/// A request as the platform received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub order: String,
    pub signed: bool,
}

pub struct Platform {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Platform {
    pub async fn start() -> Platform {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/v2/orders/{order}", get(order))
            .with_state(seen.clone());
        // Bound already: connections wait in the backlog until the server runs.
        tokio::spawn(async move { axum::serve(listener, app).await });
        Platform { base, seen }
    }

    /// The lookup a support lead enters in the console for this platform.
    pub fn lookup(&self) -> LookupConfig {
        LookupConfig {
            url_template: format!("{}/v2/orders/{{order}}", self.base),
            secret: Secret::new(SECRET),
            timeout_ms: TIMEOUT_MS,
            fields: vec![
                FieldMapping {
                    name: "status".into(),
                    pointer: "/order/status".into(),
                },
                FieldMapping {
                    name: "due".into(),
                    pointer: "/order/escrow/release_date".into(),
                },
            ],
            status_template: "Order {order}: {status}, due {due}".into(),
            order_pattern: None,
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }
}

async fn order(
    State(seen): State<Arc<Mutex<Vec<Seen>>>>,
    Path(order): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let target = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string());
    let signed = verify_signature(
        SECRET,
        header(TIMESTAMP_HEADER).unwrap_or_default(),
        &target,
        header(SIGNATURE_HEADER).unwrap_or_default(),
        chrono::Utc::now(),
        Duration::from_secs(60),
    )
    .is_ok();
    seen.lock().expect("seen").push(Seen {
        order: order.clone(),
        signed,
    });
    if !signed {
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    }
    match order.as_str() {
        IN_ESCROW => Json(json!({
            "order": { "id": IN_ESCROW, "status": "in escrow",
                       "escrow": { "release_date": "Friday" } }
        }))
        .into_response(),
        SLOW => {
            tokio::time::sleep(Duration::from_millis(TIMEOUT_MS * 10)).await;
            Json(json!({ "order": { "status": "late" } })).into_response()
        }
        BROKEN => (StatusCode::INTERNAL_SERVER_ERROR, "database is down").into_response(),
        _ => (StatusCode::NOT_FOUND, "no such order").into_response(),
    }
}
