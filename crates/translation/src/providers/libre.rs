//! LibreTranslate, `POST /translate` with a JSON body.
//! <https://docs.libretranslate.com/guides/api_usage>: `q` a string or a list of strings,
//! `source` a code or `auto`, `target`, `format` `text`, `api_key` (optional on a self-hosted
//! server); the answer's `translatedText` is a string or a list like `q`, and with `auto`
//! `detectedLanguage` is `{"language", "confidence"}` or a list of them. Errors are
//! `{"error": "…"}` (400 bad request, 403 bad key, 429 slow down). A single text is sent as
//! a string, which servers older than batch support also take.

use serde::{Deserialize, Serialize};
use ticketgram_outbound::GuardedClient;
use url::Url;

use super::{detected, post, Translation};
use crate::config::{base_url, endpoint, ApiKey, ConfigError};
use crate::error::TranslateError;
use crate::http;
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub(crate) struct Libre {
    url: Url,
    key: Option<ApiKey>,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

#[derive(Serialize)]
struct Request<'a> {
    q: OneOrMany<&'a str>,
    source: String,
    target: String,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    translated_text: OneOrMany<String>,
    #[serde(default)]
    detected_language: Option<OneOrMany<Detected>>,
}

#[derive(Deserialize)]
struct Detected {
    language: String,
}

impl Libre {
    pub(crate) fn new(url: &str, key: Option<ApiKey>) -> Result<Libre, ConfigError> {
        Ok(Libre {
            url: endpoint(&base_url(url)?, "/translate"),
            key,
        })
    }

    pub(crate) async fn translate(
        &self,
        http: &GuardedClient,
        texts: &[String],
        source: Option<&Lang>,
        target: &Lang,
    ) -> Result<Vec<Translation>, TranslateError> {
        let q = match texts {
            [one] => OneOrMany::One(one.as_str()),
            many => OneOrMany::Many(many.iter().map(String::as_str).collect()),
        };
        let body = Request {
            q,
            source: source.map_or_else(|| "auto".into(), code),
            target: code(target),
            format: "text",
            api_key: self.key.as_ref().map(ApiKey::expose),
        };
        let request = post(http, self.url.clone())?.json(&body);
        let answer: Answer = http::parse(&http::exchange(request, |_, _| None).await?)?;
        let detections: Vec<Option<Lang>> = answer
            .detected_language
            .map(OneOrMany::into_vec)
            .unwrap_or_default()
            .into_iter()
            .map(|d| detected(Some(&d.language)))
            .collect();
        Ok(answer
            .translated_text
            .into_vec()
            .into_iter()
            .enumerate()
            .map(|(i, text)| Translation {
                text,
                detected_source: detections.get(i).cloned().flatten(),
            })
            .collect())
    }
}

/// LibreTranslate names languages without regions, and Chinese by script (`zh-Hans`,
/// `zh-Hant`; servers before 1.6 call simplified Chinese `zh`, which they still accept).
fn code(lang: &Lang) -> String {
    match lang.as_str() {
        "zh-Hant" | "zh-TW" | "zh-HK" => "zh-Hant".into(),
        _ => lang.primary().into(),
    }
}
