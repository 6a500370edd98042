//! Turns an HTTP request into validated method parameters.
//!
//! Bot libraries use all four encodings Telegram accepts (query string, urlencoded form, JSON,
//! multipart), and in the form encodings every value arrives as a string. So values are first
//! collected as-is, then coerced towards the types the reference declares for each parameter,
//! then validated; that keeps one validation path for every encoding.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use bytes::Bytes;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::spec::{Method, Spec};
use crate::validate;

/// Largest request body accepted: Telegram's 50 MB upload limit plus form overhead.
pub const MAX_BODY: usize = 52 * 1024 * 1024;

/// A file part of a multipart request.
#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Bytes,
    pub file_name: Option<String>,
    pub mime: Option<String>,
}

/// Parameters as they arrived, before the method's declaration is applied.
#[derive(Debug, Default)]
pub struct RawParams {
    pub values: Map<String, Value>,
    pub uploads: HashMap<String, Upload>,
}

/// Reads parameters from the query string and the body, whatever its encoding.
pub async fn extract(request: Request) -> Result<RawParams, ApiError> {
    let mut raw = RawParams::default();
    if let Some(query) = request.uri().query() {
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            raw.values
                .insert(k.into_owned(), Value::String(v.into_owned()));
        }
    }
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        read_multipart(request, &mut raw).await?;
        return Ok(raw);
    }
    let body = axum::body::to_bytes(request.into_body(), MAX_BODY)
        .await
        .map_err(|_| ApiError::bad_request("request body is too big or unreadable"))?;
    if body.is_empty() {
        return Ok(raw);
    }
    if content_type.starts_with("application/json") {
        let parsed: Value = serde_json::from_slice(&body)
            .map_err(|_| ApiError::bad_request("can't parse JSON request body"))?;
        match parsed {
            Value::Object(map) => raw.values.extend(map),
            _ => return Err(ApiError::bad_request("JSON request body must be an object")),
        }
    } else {
        for (k, v) in form_urlencoded::parse(&body) {
            raw.values
                .insert(k.into_owned(), Value::String(v.into_owned()));
        }
    }
    Ok(raw)
}

async fn read_multipart(request: Request, raw: &mut RawParams) -> Result<(), ApiError> {
    let bad = |_| ApiError::bad_request("can't parse multipart/form-data request body");
    let request: Request<Body> = request;
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| ApiError::bad_request("can't parse multipart/form-data request body"))?;
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        let file_name = field.file_name().map(str::to_owned);
        let mime = field.content_type().map(str::to_owned);
        let bytes = field.bytes().await.map_err(bad)?;
        if file_name.is_some() {
            raw.uploads.insert(
                name,
                Upload {
                    bytes,
                    file_name,
                    mime,
                },
            );
        } else {
            let text = String::from_utf8(bytes.to_vec())
                .map_err(|_| ApiError::bad_request("form field is not UTF-8"))?;
            raw.values.insert(name, Value::String(text));
        }
    }
    Ok(())
}

/// Parameters checked against a method's declaration.
#[derive(Debug)]
pub struct Params {
    pub values: Map<String, Value>,
    pub uploads: HashMap<String, Upload>,
}

impl Params {
    /// Applies the method's declaration: refuses unknown parameters (Telegram ignores them,
    /// but a typo that Telegram ignores is a bug we want to see), requires required ones,
    /// coerces form strings and type-checks every value.
    pub fn resolve(spec: &Spec, method: &Method, mut raw: RawParams) -> Result<Params, ApiError> {
        // `curl -F photo=@x.jpg` names the file part after the parameter itself.
        let named_uploads: Vec<String> = raw
            .uploads
            .keys()
            .filter(|k| method.field(k).is_some() && !raw.values.contains_key(*k))
            .cloned()
            .collect();
        for name in named_uploads {
            raw.values
                .insert(name.clone(), Value::String(format!("attach://{name}")));
        }
        let mut values = Map::new();
        for (name, value) in raw.values {
            let field = method
                .field(&name)
                .ok_or_else(|| ApiError::bad_request(format!("unknown parameter {name}")))?;
            let value = coerce(value, &field.types);
            if value.is_null() {
                continue;
            }
            validate::check_any(spec, &value, &field.types, &name).map_err(|detail| {
                if is_reply_markup(&name) {
                    ApiError::bad_request("can't parse reply keyboard markup JSON object")
                } else {
                    ApiError::bad_request(format!("invalid parameter {detail}"))
                }
            })?;
            values.insert(name, value);
        }
        for field in method.fields.iter().filter(|f| f.required) {
            if !values.contains_key(&field.name) {
                return Err(missing(&field.name));
            }
        }
        Ok(Params {
            values,
            uploads: raw.uploads,
        })
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(Value::as_str)
    }

    pub fn i64(&self, name: &str) -> Option<i64> {
        self.values.get(name).and_then(Value::as_i64)
    }

    pub fn f64(&self, name: &str) -> Option<f64> {
        self.values.get(name).and_then(Value::as_f64)
    }

    pub fn bool(&self, name: &str) -> bool {
        self.values
            .get(name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// A required string parameter; `resolve` already guaranteed presence for required ones.
    pub fn req_str(&self, name: &str) -> Result<&str, ApiError> {
        self.str(name).ok_or_else(|| missing(name))
    }

    pub fn req_i64(&self, name: &str) -> Result<i64, ApiError> {
        self.i64(name).ok_or_else(|| missing(name))
    }
}

fn is_reply_markup(name: &str) -> bool {
    name == "reply_markup"
}

/// Telegram's wording for absent required parameters, where known.
fn missing(name: &str) -> ApiError {
    match name {
        "text" => ApiError::bad_request("message text is empty"),
        "chat_id" => ApiError::bad_request("chat_id is empty"),
        "callback_query_id" => ApiError::bad_request("query_id is empty"),
        "message_id" => ApiError::bad_request("message_id is empty"),
        other => ApiError::bad_request(format!("{other} is empty")),
    }
}

/// Moves a value towards the declared types when it arrived as a string (form encodings) —
/// the same leniency Telegram shows (`"123"` is accepted for an Integer).
fn coerce(value: Value, types: &[String]) -> Value {
    let Value::String(s) = &value else {
        return value;
    };
    let has = |t: &str| types.iter().any(|x| x == t);
    let structured = types
        .iter()
        .any(|t| t.starts_with("Array of ") || !is_scalar(t));
    if structured && (s.starts_with('{') || s.starts_with('[')) {
        if let Ok(parsed) = serde_json::from_str::<Value>(s) {
            return parsed;
        }
    }
    if has("String") || has("InputFile") {
        return value;
    }
    if has("Integer") {
        if let Ok(n) = s.trim().parse::<i64>() {
            return Value::from(n);
        }
    }
    if has("Float") {
        if let Ok(n) = s.trim().parse::<f64>() {
            if let Some(n) = serde_json::Number::from_f64(n) {
                return Value::Number(n);
            }
        }
    }
    if has("Boolean") || has("True") {
        match s.as_str() {
            "true" | "True" | "1" => return Value::Bool(true),
            "false" | "False" | "0" => return Value::Bool(false),
            _ => {}
        }
    }
    value
}

fn is_scalar(ty: &str) -> bool {
    matches!(
        ty,
        "Integer" | "Float" | "String" | "Boolean" | "True" | "InputFile"
    )
}
