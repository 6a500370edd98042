//! The desk's order lookup on its platform (docs/platform.md): read, replace, remove, and try
//! it on an order number. The secret is write-only: a save must send it (a `PUT` replaces the
//! whole lookup), and no answer ever shows it.
//!
//! Each save or removal is one input (one transaction) with its audit row; what a lookup may
//! hold is checked by `LookupConfig::validate`, whose messages are worded for admins and come
//! back as `invalid_request`.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use ticketgram_domain::Timestamp;
use ticketgram_platform::{
    FieldMapping, LookupOutcome, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_SECRET_LEN, MIN_TIMEOUT_MS,
};
use ticketgram_relay::order_lookup::{self, LookupChange, LookupError, LookupSettings};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// Longer than any real URL template, status template or secret.
const MAX_TEXT: usize = 2000;
/// Order numbers are short; `ticketgram_platform::MAX_ORDER_LEN` refuses longer ones.
const MAX_ORDER: usize = 128;

#[derive(Debug, Serialize)]
pub(crate) struct LookupView {
    url_template: String,
    timeout_ms: u64,
    fields: Vec<FieldMapping>,
    status_template: String,
    order_pattern: Option<String>,
    /// Always true for a stored lookup; the secret itself is never shown.
    secret_set: bool,
    updated_at: Timestamp,
    updated_by: Option<i64>,
}

fn view(shown: order_lookup::ShownLookup) -> LookupView {
    let s = shown.settings;
    LookupView {
        url_template: s.url_template,
        timeout_ms: s.timeout_ms,
        fields: s.fields,
        status_template: s.status_template,
        order_pattern: s.order_pattern,
        secret_set: true,
        updated_at: shown.updated_at,
        updated_by: shown.updated_by.map(|a| a.0),
    }
}

fn api_error(error: LookupError) -> ApiError {
    match error {
        LookupError::Invalid(e) => ApiError::Invalid(e.to_string()),
        LookupError::SecretRequired => ApiError::Invalid("secret is required".into()),
        LookupError::Store(e) => e.into(),
        other => ApiError::Internal(other.to_string()),
    }
}

async fn current(caller: &Caller) -> Result<LookupView, ApiError> {
    match order_lookup::shown(&caller.desk.store, caller.ws()).await {
        Ok(Some(shown)) => Ok(view(shown)),
        Ok(None) => Err(ApiError::not_found(
            "the desk has no order lookup configured",
        )),
        Err(e) => Err(api_error(e)),
    }
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
) -> Result<Json<LookupView>, ApiError> {
    Ok(Json(current(&caller).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldRequest {
    name: String,
    pointer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LookupRequest {
    url_template: String,
    secret: String,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    timeout_ms: Option<i64>,
    #[serde(default)]
    fields: Vec<FieldRequest>,
    status_template: String,
    order_pattern: Option<String>,
}

pub(crate) async fn put(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<LookupRequest>,
) -> Result<Json<LookupView>, ApiError> {
    let too_long = [
        ("url_template", &request.url_template),
        ("secret", &request.secret),
        ("status_template", &request.status_template),
    ]
    .into_iter()
    .find(|(_, text)| text.chars().count() > MAX_TEXT);
    if let Some((name, _)) = too_long {
        return Err(ApiError::Invalid(format!(
            "{name} is at most {MAX_TEXT} characters"
        )));
    }
    let change = LookupChange {
        settings: LookupSettings {
            url_template: request.url_template,
            // Out of range either way is refused by the lookup's own check.
            timeout_ms: request
                .timeout_ms
                .map_or(DEFAULT_TIMEOUT_MS, |ms| u64::try_from(ms).unwrap_or(0)),
            fields: request
                .fields
                .into_iter()
                .map(|f| FieldMapping {
                    name: f.name,
                    pointer: f.pointer,
                })
                .collect(),
            status_template: request.status_template,
            order_pattern: request.order_pattern.filter(|p| !p.is_empty()),
        },
        // Blank is no secret: a PUT replaces the whole lookup, the secret included.
        secret: Some(request.secret).filter(|s| !s.trim().is_empty()),
    };
    if change.secret.is_none() {
        return Err(api_error(LookupError::SecretRequired));
    }
    let input = caller.input().await?;
    let key = input.desk.token_key.clone();
    order_lookup::save(
        &input.tx,
        key.as_ref(),
        caller.ws(),
        &change,
        caller.saved_by(),
        input.now,
    )
    .await
    .map_err(api_error)?;
    input.commit().await?;
    Ok(Json(current(&caller).await?))
}

pub(crate) async fn remove(Extension(caller): Extension<Caller>) -> Result<StatusCode, ApiError> {
    let input = caller.input().await?;
    let removed = order_lookup::remove(&input.tx, caller.ws(), caller.saved_by(), input.now)
        .await
        .map_err(api_error)?;
    if !removed {
        return Err(ApiError::not_found(
            "the desk has no order lookup configured",
        ));
    }
    input.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TestRequest {
    order: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct TestResult {
    /// `found`, `not_found`, `invalid` (refused without asking: the pattern, or not an order
    /// number at all) or `unavailable`.
    outcome: &'static str,
    /// What the client would read (found only).
    text: Option<String>,
    fields: BTreeMap<String, String>,
    /// Why the platform's answer is not available, for the admin.
    reason: Option<String>,
}

/// Asks the platform about `order` with the stored lookup, as the client bot would. Nothing
/// is stored: a test changes nothing.
pub(crate) async fn test(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<TestRequest>,
) -> Result<Json<TestResult>, ApiError> {
    if request.order.chars().count() > MAX_ORDER {
        return Err(ApiError::Invalid(format!(
            "order is at most {MAX_ORDER} characters"
        )));
    }
    let desk = &caller.desk;
    let config = order_lookup::configured(&desk.store, desk.token_key.as_ref(), caller.ws())
        .await
        .map_err(api_error)?
        .ok_or_else(|| ApiError::not_found("the desk has no order lookup configured"))?;
    let outcome = order_lookup::ask(&desk.config.outbound, &config, &request.order).await;
    Ok(Json(match outcome {
        LookupOutcome::Found { fields, text } => TestResult {
            outcome: "found",
            text: Some(text),
            fields,
            reason: None,
        },
        LookupOutcome::NotFound => result("not_found", None),
        LookupOutcome::Invalid => result("invalid", None),
        LookupOutcome::Unavailable(reason) => result("unavailable", Some(reason.to_string())),
    }))
}

fn result(outcome: &'static str, reason: Option<String>) -> TestResult {
    TestResult {
        outcome,
        text: None,
        fields: BTreeMap::new(),
        reason,
    }
}

/// The document's schemas of this module, next to the checks above.
pub(crate) fn schemas() -> Value {
    let text = |description: &str| json!({ "type": "string", "minLength": 1, "maxLength": MAX_TEXT, "description": description });
    let field = json!({
        "type": "object", "required": ["name", "pointer"], "additionalProperties": false,
        "properties": {
            "name": { "type": "string", "pattern": "^[A-Za-z0-9_]+$", "not": { "const": "order" },
                      "description": "Letters, digits and _; unique; not \"order\"" },
            "pointer": { "type": "string", "pattern": "^/", "maxLength": MAX_TEXT,
                         "description": "A JSON Pointer into the platform's answer, e.g. /order/status" },
        },
    });
    let timeout = json!({ "type": "integer", "minimum": MIN_TIMEOUT_MS, "maximum": MAX_TIMEOUT_MS,
        "description": "The whole exchange, in ms (default 5000)" });
    json!({
        "OrderLookup": {
            "type": "object",
            "required": ["url_template", "timeout_ms", "fields", "status_template", "secret_set", "updated_at"],
            "properties": {
                "url_template": { "type": "string" },
                "timeout_ms": { "type": "integer" },
                "fields": { "type": "array", "items": field.clone() },
                "status_template": { "type": "string" },
                "order_pattern": { "type": ["string", "null"] },
                "secret_set": { "type": "boolean", "description": "The secret is never shown" },
                "updated_at": { "type": "string", "format": "date-time" },
                "updated_by": { "type": ["integer", "null"] },
            },
        },
        "OrderLookupChange": {
            "type": "object", "additionalProperties": false,
            "required": ["url_template", "secret", "status_template"],
            "properties": {
                "url_template": text("http(s) URL with {order} in its path or query, e.g. https://api.market.example/v2/orders/{order}; \
                    further rules (no credentials, {order} not in the host) are checked on save"),
                "secret": { "type": "string", "minLength": MIN_SECRET_LEN, "maxLength": MAX_TEXT,
                            "pattern": "\\S", "description": "Signs each request (docs/platform.md); write-only" },
                "timeout_ms": { "anyOf": [timeout, { "type": "null" }] },
                "fields": { "type": "array", "items": field },
                "status_template": text("What the client reads: {order} and the fields' names as placeholders, \
                    e.g. Order {order}: {status}; a placeholder naming no field is refused"),
                "order_pattern": { "anyOf": [
                    { "type": "string", "maxLength": 200, "description": "A regular expression the whole order number must match" },
                    { "type": "null" }
                ] },
            },
        },
        "OrderLookupTest": {
            "type": "object", "additionalProperties": false, "required": ["order"],
            "properties": { "order": { "type": "string", "maxLength": MAX_ORDER } },
        },
        "OrderLookupTestResult": {
            "type": "object", "required": ["outcome", "fields"],
            "properties": {
                "outcome": { "type": "string", "enum": ["found", "not_found", "invalid", "unavailable"] },
                "text": { "type": ["string", "null"] },
                "fields": { "type": "object", "additionalProperties": { "type": "string" } },
                "reason": { "type": ["string", "null"] },
            },
        },
    })
}
