//! The HTTP front: Bot API routes, file downloads, and the control API.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::methods;
use crate::params::{self, Params};
use crate::shared::Shared;
use crate::spec::Spec;

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{bot_token}/{method}", any(bot_api))
        .route("/file/{bot_token}/{*path}", get(download))
        .nest("/control", crate::control::router())
        .layer(DefaultBodyLimit::max(params::MAX_BODY))
        .with_state(shared)
}

async fn bot_api(
    State(shared): State<Arc<Shared>>,
    Path((bot_token, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    match handle(&shared, &bot_token, &method, request).await {
        Ok(result) => Json(json!({"ok": true, "result": result})).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The request pipeline, in Telegram's order: token, method, parameters, limits, then the call.
async fn handle(
    shared: &Arc<Shared>,
    bot_token: &str,
    method: &str,
    request: Request,
) -> Result<Value, ApiError> {
    let stall = shared.faults().stall();
    if let Some(delay) = stall {
        tokio::time::sleep(delay).await;
    }
    if shared.faults().take_server_error() {
        return Err(ApiError::internal());
    }
    let token = bot_token
        .strip_prefix("bot")
        .ok_or_else(ApiError::not_found)?;
    let bot = shared
        .world()
        .tokens
        .get(token)
        .copied()
        .ok_or_else(ApiError::unauthorized)?;
    let spec = Spec::get();
    let method_spec = spec.method(method).ok_or_else(ApiError::not_found)?;
    let raw = params::extract(request).await?;
    let params = Params::resolve(spec, method_spec, raw)?;
    let name = method_spec.name.as_str();
    let chat = params.get("chat_id").and_then(|v| match v {
        Value::String(s) => s.parse::<i64>().ok(),
        other => other.as_i64(),
    });
    shared.calls().count(bot, name, chat);
    if methods::is_sending(name) {
        if let Some(retry_after) = shared.faults().take_storm(chat) {
            return Err(ApiError::too_many_requests(retry_after));
        }
        if let Some(chat) = chat {
            shared
                .flood()
                .check(bot, chat, chat < 0)
                .map_err(ApiError::too_many_requests)?;
        }
    }
    let result = methods::call(shared, bot, name, params).await?;
    let mut w = shared.world();
    if w.self_check {
        let check = crate::validate::check_any(spec, &result, &method_spec.returns, name);
        if let Err(e) = check {
            tracing::error!(method = name, error = %e, "sandbox result violates the Bot API reference");
            w.violations.push(format!("result of {name}: {e}"));
        }
    }
    Ok(result)
}

async fn download(
    State(shared): State<Arc<Shared>>,
    Path((bot_token, path)): Path<(String, String)>,
) -> Response {
    let w = shared.world();
    let known_bot = bot_token
        .strip_prefix("bot")
        .is_some_and(|t| w.tokens.contains_key(t));
    if !known_bot {
        return ApiError::unauthorized().into_response();
    }
    let file = w.file_paths.get(&path).and_then(|u| w.files.get(u));
    match file {
        Some(f) => {
            let mime = f
                .mime
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into());
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, mime)],
                f.bytes.clone(),
            )
                .into_response()
        }
        None => ApiError::not_found().into_response(),
    }
}
