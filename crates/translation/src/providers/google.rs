//! Google Cloud Translation - Basic (v2), `POST /language/translate/v2?key=…` with a JSON
//! body. <https://cloud.google.com/translate/docs/basic/translating-text>: `q` is a list (at
//! most 128 segments), `target` required, `source` optional, `format` `text` (the default,
//! `html`, would eat `<` in chat messages); the answer is
//! `{"data": {"translations": [{"translatedText": "…", "detectedSourceLanguage": "ru"}]}}`.
//! Errors are `{"error": {"code", "message", "errors": [{"reason"}]}}`; Google says 403 for
//! both a refused key and a spent daily limit, and 400 for a key that is not valid, so the
//! reason decides.

use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ticketgram_outbound::GuardedClient;
use url::Url;

use super::{detected, post, Translation};
use crate::config::{base_url, endpoint, ApiKey, ConfigError};
use crate::error::TranslateError;
use crate::http;
use crate::lang::Lang;

const PUBLIC: &str = "https://translation.googleapis.com";

#[derive(Debug, Clone)]
pub(crate) struct Google {
    url: Url,
    key: ApiKey,
}

#[derive(Serialize)]
struct Request<'a> {
    q: &'a [String],
    target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    format: &'static str,
}

#[derive(Deserialize)]
struct Answer {
    data: Data,
}

#[derive(Deserialize)]
struct Data {
    translations: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    translated_text: String,
    #[serde(default)]
    detected_source_language: Option<String>,
}

impl Google {
    pub(crate) fn new(url: Option<&str>, key: Option<ApiKey>) -> Result<Google, ConfigError> {
        Ok(Google {
            url: endpoint(&base_url(url.unwrap_or(PUBLIC))?, "/language/translate/v2"),
            key: key.ok_or(ConfigError::MissingKey)?,
        })
    }

    pub(crate) async fn translate(
        &self,
        http: &GuardedClient,
        texts: &[String],
        source: Option<&Lang>,
        target: &Lang,
    ) -> Result<Vec<Translation>, TranslateError> {
        let mut url = self.url.clone();
        // The documented way for an API key. The URL then holds the key, so nothing here
        // logs a URL or a client error with its URL (see `http::failed`).
        url.query_pairs_mut().append_pair("key", self.key.expose());
        let body = Request {
            q: texts,
            target: code(target),
            source: source.map(code),
            format: "text",
        };
        let request = post(http, url)?.json(&body);
        let answer: Answer = http::parse(&http::exchange(request, statuses).await?)?;
        Ok(answer
            .data
            .translations
            .into_iter()
            .map(|item| Translation {
                text: unescape(&item.translated_text),
                detected_source: detected(item.detected_source_language.as_deref()),
            })
            .collect())
    }
}

/// Google's v2 codes are languages, with a region only where it offers one (Chinese is
/// named by region, not script); any other region is sent as its language.
fn code(lang: &Lang) -> String {
    match lang.as_str() {
        "zh-Hans" | "zh-CN" | "zh-SG" => "zh-CN".into(),
        "zh-Hant" | "zh-TW" | "zh-HK" => "zh-TW".into(),
        "pt-PT" | "fr-CA" => lang.as_str().into(),
        _ => lang.primary().into(),
    }
}

/// Google escapes `'`, `&`, `<` as HTML entities in some answers even for `format: text`;
/// the client must read the characters. A text that is not valid entity syntax is kept.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    htmlescape::decode_html(text).unwrap_or_else(|_| text.to_string())
}

fn statuses(status: StatusCode, answer: &Value) -> Option<TranslateError> {
    let reason = answer
        .pointer("/error/errors/0/reason")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = http::detail(answer).unwrap_or_default();
    match (status.as_u16(), reason) {
        (403, "dailyLimitExceeded" | "quotaExceeded" | "dailyLimitExceededUnreg") => {
            Some(TranslateError::QuotaExceeded { detail: message })
        }
        (403, "userRateLimitExceeded" | "rateLimitExceeded") => {
            Some(TranslateError::RateLimited { retry_after: None })
        }
        (400, _) if message.contains("API key not valid") => {
            Some(TranslateError::Unauthorized { status: 400 })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn codes_are_google_s() {
        let code = |raw: &str| code(&Lang::parse(raw).unwrap());
        assert_eq!(code("zh-Hans"), "zh-CN");
        assert_eq!(code("zh-Hant"), "zh-TW");
        assert_eq!(code("pt-PT"), "pt-PT");
        assert_eq!(code("en-US"), "en");
        assert_eq!(code("ru"), "ru");
    }

    #[test]
    fn entities_in_answers_are_characters_again() {
        assert_eq!(
            unescape("It&#39;s &quot;ok&quot; &amp; fine"),
            "It's \"ok\" & fine"
        );
        assert_eq!(unescape("R&D & more"), "R&D & more");
        assert_eq!(unescape("plain"), "plain");
    }

    #[test]
    fn a_spent_daily_limit_is_a_quota_not_a_bad_key() {
        let status = |code| StatusCode::from_u16(code).unwrap();
        let limit = json!({"error": {"code": 403, "message": "Daily Limit Exceeded",
            "errors": [{"reason": "dailyLimitExceeded"}]}});
        assert!(matches!(
            statuses(status(403), &limit),
            Some(TranslateError::QuotaExceeded { .. })
        ));
        let bad_key = json!({"error": {"code": 400,
            "message": "API key not valid. Please pass a valid API key."}});
        assert_eq!(
            statuses(status(400), &bad_key),
            Some(TranslateError::Unauthorized { status: 400 })
        );
        assert_eq!(statuses(status(403), &json!({})), None);
    }
}
