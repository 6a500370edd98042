//! DeepL API v2 `POST /v2/translate` (developers.deepl.com/docs/api-reference/translate).

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
    StandIn::start(Router::new().route("/v2/translate", post(handle))).await
}

/// DeepL's error answers carry a `message`.
fn error(status: u16, message: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, Json(json!({ "message": message }))).into_response()
}

const TARGETS: &[&str] = &[
    "EN", "EN-GB", "EN-US", "RU", "DE", "ZH", "ZH-HANS", "PT-BR", "FR",
];
const SOURCES: &[&str] = &["EN", "RU", "DE", "ZH", "PT", "FR"];

async fn handle(
    State(seen): State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    seen.record(&uri, &headers, &parsed);
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    if auth != Some(&format!("DeepL-Auth-Key {KEY}")) {
        return error(403, "Authorization failure, check auth_key");
    }
    if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
        return error(400, "Bad request. Reason: Unsupported content type");
    }
    let Some(fields) = parsed.as_object() else {
        return error(400, "Bad request. Reason: Invalid JSON");
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !["text", "target_lang", "source_lang", "glossary_id"].contains(&k.as_str()))
    {
        return error(
            400,
            &format!("Bad request. Reason: Unknown parameter {unknown}"),
        );
    }
    let texts: Option<Vec<String>> =
        fields
            .get("text")
            .and_then(Value::as_array)
            .and_then(|items| {
                items
                    .iter()
                    .map(|t| t.as_str().map(str::to_string))
                    .collect()
            });
    let Some(texts) = texts.filter(|t| !t.is_empty()) else {
        return error(400, "Parameter 'text' not specified.");
    };
    let target = fields.get("target_lang").and_then(Value::as_str);
    let Some(target) = target.filter(|t| TARGETS.contains(&t.to_ascii_uppercase().as_str())) else {
        return error(400, "Value for 'target_lang' not supported.");
    };
    let source = fields.get("source_lang").and_then(Value::as_str);
    if source.is_some_and(|s| !SOURCES.contains(&s.to_ascii_uppercase().as_str())) {
        return error(400, "Value for 'source_lang' not supported.");
    }
    if fields.contains_key("glossary_id") && source.is_none() {
        return error(
            400,
            "Use of a glossary requires the source_lang parameter to be set.",
        );
    }

    let trigger = trigger(&texts);
    match trigger {
        Trigger::Quota => return error(456, "Quota Exceeded"),
        Trigger::Busy => return error(429, "Too many requests"),
        Trigger::Down => return error(503, "Service unavailable"),
        Trigger::Hang => tokio::time::sleep(Duration::from_secs(10)).await,
        Trigger::Garble => return r#"{"translations": [{"text": "Hel"#.into_response(),
        Trigger::Huge => {
            return Json(json!({ "translations": [{ "text": huge() }] })).into_response()
        }
        _ => {}
    }
    let mut translations: Vec<Value> = texts
        .iter()
        .map(|text| {
            let detected = source.map_or_else(
                || detect(text).to_ascii_uppercase(),
                str::to_ascii_uppercase,
            );
            json!({
                "detected_source_language": detected,
                "text": translate(text, &target[..2].to_ascii_lowercase(), trigger),
            })
        })
        .collect();
    if trigger == Trigger::Short {
        translations.pop();
    }
    Json(json!({ "translations": translations })).into_response()
}
