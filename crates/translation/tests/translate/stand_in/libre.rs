//! LibreTranslate `POST /translate` (docs.libretranslate.com/guides/api_usage), as a server
//! started with API keys required (`--api-keys --require-api-key-origin` off).

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
    StandIn::start(Router::new().route("/translate", post(handle))).await
}

/// LibreTranslate's errors are `{"error": "…"}`.
fn error(status: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, Json(json!({ "error": message }))).into_response()
}

const LANGUAGES: &[&str] = &["en", "ru", "de", "zh-Hans", "zh-Hant", "pt", "fr"];

async fn handle(
    State(seen): State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    seen.record(&uri, &headers, &parsed);
    let Some(fields) = parsed.as_object() else {
        return error(400, "Invalid JSON format");
    };
    if fields.get("api_key").and_then(Value::as_str) != Some(KEY) {
        return error(403, "Invalid API key");
    }
    let (texts, batch): (Vec<String>, bool) = match fields.get("q") {
        Some(Value::String(one)) if !one.is_empty() => (vec![one.clone()], false),
        Some(Value::Array(items)) if !items.is_empty() => {
            match items
                .iter()
                .map(|t| t.as_str().map(str::to_string))
                .collect()
            {
                Some(texts) => (texts, true),
                None => {
                    return error(
                        400,
                        "Invalid request: q must be a string or a list of strings",
                    )
                }
            }
        }
        _ => return error(400, "Invalid request: missing q parameter"),
    };
    let Some(source) = fields.get("source").and_then(Value::as_str) else {
        return error(400, "Invalid request: missing source parameter");
    };
    let Some(target) = fields.get("target").and_then(Value::as_str) else {
        return error(400, "Invalid request: missing target parameter");
    };
    for lang in [source, target] {
        if lang != "auto" && !LANGUAGES.contains(&lang) {
            return error(400, &format!("{lang} is not supported"));
        }
    }
    if let Some(format) = fields.get("format").and_then(Value::as_str) {
        if !["text", "html"].contains(&format) {
            return error(400, &format!("{format} format is not supported"));
        }
    }

    let trigger = trigger(&texts);
    match trigger {
        Trigger::Quota => return error(403, "Too many characters for this API key"),
        Trigger::Busy => return error(429, "Slowdown: 30 per 1 minute"),
        Trigger::Down => return error(500, "Cannot translate text: model crashed"),
        Trigger::Hang => tokio::time::sleep(Duration::from_secs(10)).await,
        Trigger::Garble => return r#"{"translatedText": "Hel"#.into_response(),
        Trigger::Huge => return Json(json!({ "translatedText": huge() })).into_response(),
        _ => {}
    }
    let translated: Vec<String> = texts
        .iter()
        .map(|t| translate(t, target, trigger))
        .collect();
    let detected: Vec<Value> = texts
        .iter()
        .map(|t| json!({ "confidence": 90.0, "language": detect(t) }))
        .collect();
    let mut answer = if batch {
        json!({ "translatedText": translated })
    } else {
        json!({ "translatedText": translated[0] })
    };
    if source == "auto" {
        answer["detectedLanguage"] = if batch {
            json!(detected)
        } else {
            detected[0].clone()
        };
    }
    Json(answer).into_response()
}
