//! Google Cloud Translation - Basic (v2) `POST /language/translate/v2?key=…`
//! (cloud.google.com/translate/docs/basic/translating-text).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::time::Duration;

use super::{detect, huge, translate, trigger, Recorder, StandIn, Trigger, KEY};

pub async fn start() -> StandIn {
    StandIn::start(Router::new().route("/language/translate/v2", post(handle))).await
}

/// Google's error envelope.
fn error(status: u16, message: &str, reason: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap();
    let body = json!({ "error": {
        "code": status,
        "message": message,
        "errors": [{ "message": message, "domain": "global", "reason": reason }],
    }});
    (code, Json(body)).into_response()
}

async fn handle(
    State(seen): State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    seen.record(&uri, &headers, &parsed);
    let key = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("key="));
    if key != Some(KEY) {
        return error(
            400,
            "API key not valid. Please pass a valid API key.",
            "badRequest",
        );
    }
    let Some(fields) = parsed.as_object() else {
        return error(400, "Invalid JSON payload received.", "badRequest");
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !["q", "target", "source", "format", "model"].contains(&k.as_str()))
    {
        let message = format!("Invalid JSON payload received. Unknown name \"{unknown}\"");
        return error(400, &message, "badRequest");
    }
    let texts: Option<Vec<String>> = match fields.get("q") {
        Some(Value::String(one)) => Some(vec![one.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| t.as_str().map(str::to_string))
            .collect(),
        _ => None,
    };
    let Some(texts) = texts.filter(|t| !t.is_empty() && t.len() <= 128) else {
        return error(400, "Required Text", "required");
    };
    let Some(target) = fields.get("target").and_then(Value::as_str) else {
        return error(400, "Required Target Language", "required");
    };
    if !matches!(
        fields.get("format").and_then(Value::as_str),
        None | Some("text" | "html")
    ) {
        return error(400, "Invalid Value", "invalid");
    }
    let source = fields.get("source").and_then(Value::as_str);

    let trigger = trigger(&texts);
    match trigger {
        Trigger::Quota => return error(403, "Daily Limit Exceeded", "dailyLimitExceeded"),
        Trigger::Busy => return error(429, "Rate Limit Exceeded", "rateLimitExceeded"),
        Trigger::Down => return error(503, "Backend Error", "backendError"),
        Trigger::Hang => tokio::time::sleep(Duration::from_secs(10)).await,
        Trigger::Garble => return r#"{"data": {"translations": [{"translatedText"#.into_response(),
        Trigger::Huge => {
            return Json(json!({ "data": { "translations": [{ "translatedText": huge() }] } }))
                .into_response()
        }
        _ => {}
    }
    let translations: Vec<Value> = texts
        .iter()
        .map(|text| {
            let mut translated = translate(text, target, trigger);
            if trigger == Trigger::Entity {
                translated = translated.replace('\'', "&#39;");
            }
            // Google names the detected language only when it detected one.
            match source {
                Some(_) => json!({ "translatedText": translated }),
                None => {
                    json!({ "translatedText": translated, "detectedSourceLanguage": detect(text) })
                }
            }
        })
        .collect();
    Json(json!({ "data": { "translations": translations } })).into_response()
}
