//! One POST to a provider and what its answer comes to: the body (at most [`MAX_BODY`]) of a
//! success, or a [`TranslateError`] for everything else. Each provider only builds its
//! request and reads its own JSON; statuses mean the same everywhere except where a
//! provider says otherwise ([`Statuses`]).

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::Value;
use std::time::Duration;
use ticketgram_outbound::refusal;

use crate::error::TranslateError;

/// A Telegram message is at most 4096 characters, and a call at most
/// [`crate::MAX_CHARS`]: even fully `\u`-escaped that is well under this, while a broken
/// or hostile server cannot make the desk buffer megabytes.
pub const MAX_BODY: usize = 256 * 1024;

/// How much of an error answer is kept for the operator.
const MAX_DETAIL: usize = 300;

/// How a provider's error statuses differ from the common reading.
pub(crate) type Statuses = fn(StatusCode, &Value) -> Option<TranslateError>;

/// Sends `request` and returns the body of a 2xx answer.
pub(crate) async fn exchange(
    request: RequestBuilder,
    statuses: Statuses,
) -> Result<Vec<u8>, TranslateError> {
    let response = request.send().await.map_err(failed)?;
    let status = response.status();
    let retry_after = retry_after(response.headers());
    let body = read_capped(response).await?;
    if status.is_success() {
        return Ok(body);
    }
    let answer: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Err(statuses(status, &answer).unwrap_or_else(|| common(status, &answer, retry_after)))
}

/// The common reading of an error status.
fn common(status: StatusCode, answer: &Value, retry_after: Option<Duration>) -> TranslateError {
    let code = status.as_u16();
    match code {
        429 => TranslateError::RateLimited { retry_after },
        // DeepL's "quota exceeded"; no other provider uses 456.
        456 => TranslateError::QuotaExceeded {
            detail: detail(answer).unwrap_or_else(|| "HTTP 456".into()),
        },
        401 | 403 => TranslateError::Unauthorized { status: code },
        408 | 500..=599 => TranslateError::Unavailable { status: code },
        300..=399 => TranslateError::Rejected {
            status: code,
            detail: "a redirect, which translation calls do not follow: fix the address".into(),
        },
        _ => TranslateError::Rejected {
            status: code,
            detail: detail(answer).unwrap_or_else(|| "no reason given".into()),
        },
    }
}

/// The message an error answer carries, in whichever place its provider puts it: DeepL
/// `{"message"}`, Google and OpenAI `{"error": {"message"}}`, LibreTranslate `{"error"}`.
pub(crate) fn detail(answer: &Value) -> Option<String> {
    let text = ["/message", "/error/message", "/error", "/detail"]
        .iter()
        .find_map(|pointer| answer.pointer(pointer).and_then(Value::as_str))?;
    Some(text.chars().take(MAX_DETAIL).collect())
}

/// What a failed request comes to. The client's own error names the URL, which for Google
/// holds the key: it goes to the log without it.
fn failed(error: reqwest::Error) -> TranslateError {
    if let Some(refused) = refusal(&error) {
        tracing::warn!(%refused, "translation refused: the service's address is not allowed");
        return TranslateError::Refused;
    }
    if error.is_timeout() {
        // The client's own (outer) timeout; the translator's deadline usually fires first
        // and names its own duration.
        return TranslateError::Timeout { after_ms: 0 };
    }
    tracing::info!(error = ?error.without_url(), "translation failed: no answer from the service");
    TranslateError::Connection
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

/// The body, refused as soon as it passes the cap (the declared length is checked first, so
/// an honest server's large answer is not read at all).
async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, TranslateError> {
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY as u64)
    {
        return Err(TranslateError::Oversized);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(TranslateError::Oversized);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The body as `T`, or what is wrong with it (serde's message names the field).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, TranslateError> {
    serde_json::from_slice(body).map_err(|error| TranslateError::Malformed(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statuses_mean_the_same_for_every_provider() {
        let none = Value::Null;
        let status = |code: u16| StatusCode::from_u16(code).unwrap();
        assert_eq!(
            common(status(429), &none, Some(Duration::from_secs(2))),
            TranslateError::RateLimited {
                retry_after: Some(Duration::from_secs(2))
            }
        );
        assert!(matches!(
            common(status(456), &json!({"message": "Quota Exceeded"}), None),
            TranslateError::QuotaExceeded { detail } if detail == "Quota Exceeded"
        ));
        assert_eq!(
            common(status(403), &none, None),
            TranslateError::Unauthorized { status: 403 }
        );
        assert_eq!(
            common(status(503), &none, None),
            TranslateError::Unavailable { status: 503 }
        );
        assert!(matches!(
            common(status(400), &json!({"error": "zz is not supported"}), None),
            TranslateError::Rejected { status: 400, detail } if detail == "zz is not supported"
        ));
    }

    #[test]
    fn each_provider_s_error_message_is_found() {
        assert_eq!(
            detail(&json!({"error": {"code": 400, "message": "Invalid Value"}})).as_deref(),
            Some("Invalid Value")
        );
        assert_eq!(
            detail(&json!({"message": "Wrong endpoint"})).as_deref(),
            Some("Wrong endpoint")
        );
        assert_eq!(detail(&json!([1])), None);
        assert_eq!(
            detail(&json!({"message": "x".repeat(5000)})).map(|d| d.len()),
            Some(MAX_DETAIL)
        );
    }
}
