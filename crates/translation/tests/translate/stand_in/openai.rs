//! An OpenAI-compatible `POST /v1/chat/completions`
//! (platform.openai.com/docs/api-reference/chat/create): OpenAI itself when `cloud` (a
//! bearer key required), a local model server (Ollama, llama.cpp) otherwise. It "translates"
//! the JSON array in the user message with the phrase table, into the language the system
//! prompt names, and answers in the chat completion envelope.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::time::Duration;

use super::{huge, translate, trigger, Recorder, StandIn, Trigger, KEY};

pub const MODEL: &str = "llama3.1:8b";

pub async fn start(cloud: bool) -> StandIn {
    let route = if cloud {
        post(cloud_handle)
    } else {
        post(local_handle)
    };
    StandIn::start(Router::new().route("/v1/chat/completions", route)).await
}

/// OpenAI's error envelope.
fn error(status: u16, message: &str, kind: &str, code: &str) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    let body =
        json!({ "error": { "message": message, "type": kind, "param": null, "code": code } });
    (status, Json(body)).into_response()
}

async fn cloud_handle(
    state: State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(state, uri, headers, body, true).await
}

async fn local_handle(
    state: State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(state, uri, headers, body, false).await
}

async fn handle(
    State(seen): State<Recorder>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    cloud: bool,
) -> Response {
    let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    seen.record(&uri, &headers, &parsed);
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
    if cloud && auth != Some(&format!("Bearer {KEY}")) {
        return error(
            401,
            "Incorrect API key provided",
            "invalid_request_error",
            "invalid_api_key",
        );
    }
    if parsed.get("model").and_then(Value::as_str) != Some(MODEL) {
        return error(
            404,
            "The model does not exist",
            "invalid_request_error",
            "model_not_found",
        );
    }
    if parsed.get("stream").and_then(Value::as_bool) == Some(true) {
        return error(
            400,
            "this stand-in does not stream",
            "invalid_request_error",
            "stream",
        );
    }
    let messages = parsed.get("messages").and_then(Value::as_array);
    let roles: Vec<&str> = messages
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("role").and_then(Value::as_str))
        .collect();
    let contents: Vec<&str> = messages
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("content").and_then(Value::as_str))
        .collect();
    if roles != ["system", "user"] || contents.len() != 2 {
        return error(
            400,
            "expected a system and a user message",
            "invalid_request_error",
            "messages",
        );
    }
    // The target language, as the instructions name it.
    let Some(target) = contents[0]
        .split("into the language with code \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
    else {
        return error(400, "which language?", "invalid_request_error", "messages");
    };
    let Ok(texts) = serde_json::from_str::<Vec<String>>(contents[1]) else {
        return error(
            400,
            "the user message is not a JSON array",
            "invalid_request_error",
            "messages",
        );
    };

    let trigger = trigger(&texts);
    let content = match trigger {
        Trigger::Quota => {
            return error(
                429,
                "You exceeded your current quota",
                "insufficient_quota",
                "insufficient_quota",
            )
        }
        Trigger::Busy => {
            return error(429, "Rate limit reached", "requests", "rate_limit_exceeded")
        }
        Trigger::Down => {
            return error(
                503,
                "The server is overloaded",
                "server_error",
                "overloaded",
            )
        }
        Trigger::Hang => {
            tokio::time::sleep(Duration::from_secs(10)).await;
            String::new()
        }
        Trigger::Garble => return r#"{"choices": [{"message": {"content": "["#.into_response(),
        Trigger::Huge => huge(),
        _ => {
            let translated: Vec<String> = texts
                .iter()
                .map(|t| translate(t, target, trigger))
                .collect();
            let array = serde_json::to_string_pretty(&translated).unwrap();
            if trigger == Trigger::Fence {
                // What small local models do even when told not to.
                format!("Sure! Here are the translations:\n```json\n{array}\n```")
            } else {
                array
            }
        }
    };
    Json(json!({
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": 1_765_000_000,
        "model": MODEL,
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content },
            "finish_reason": "stop",
        }],
        "usage": { "prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70 },
    }))
    .into_response()
}
