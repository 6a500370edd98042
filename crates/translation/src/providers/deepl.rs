//! DeepL API v2, `POST /v2/translate` with a JSON body.
//! <https://developers.deepl.com/docs/api-reference/translate>: `text` is a list,
//! `target_lang` required, `source_lang` optional (detected otherwise); the answer is
//! `{"translations": [{"detected_source_language": "RU", "text": "…"}]}`. The key goes in
//! `Authorization: DeepL-Auth-Key <key>`; free keys end in `:fx` and are served by
//! api-free.deepl.com. Errors (<https://developers.deepl.com/docs/best-practices/error-handling>):
//! 429 too many requests, 456 quota exceeded, 403 bad key, 5xx retry later.

use reqwest::header::{HeaderValue, AUTHORIZATION};
use serde::{Deserialize, Serialize};
use ticketgram_outbound::GuardedClient;
use url::Url;

use super::{detected, post, Translation};
use crate::config::{base_url, endpoint, ApiKey, ConfigError};
use crate::error::TranslateError;
use crate::http;
use crate::lang::Lang;

const PRO: &str = "https://api.deepl.com";
const FREE: &str = "https://api-free.deepl.com";

#[derive(Debug, Clone)]
pub(crate) struct DeepL {
    url: Url,
    key: ApiKey,
    glossary_id: Option<String>,
}

#[derive(Serialize)]
struct Request<'a> {
    text: &'a [String],
    target_lang: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary_id: Option<&'a str>,
}

#[derive(Deserialize)]
struct Answer {
    translations: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    text: String,
    #[serde(default)]
    detected_source_language: Option<String>,
}

impl DeepL {
    pub(crate) fn new(
        url: Option<&str>,
        key: Option<ApiKey>,
        glossary_id: Option<String>,
    ) -> Result<DeepL, ConfigError> {
        let key = key.ok_or(ConfigError::MissingKey)?;
        let base = match url {
            Some(url) => url,
            None if key.expose().trim_end().ends_with(":fx") => FREE,
            None => PRO,
        };
        Ok(DeepL {
            url: endpoint(&base_url(base)?, "/v2/translate"),
            key,
            glossary_id: glossary_id.filter(|id| !id.trim().is_empty()),
        })
    }

    pub(crate) async fn translate(
        &self,
        http: &GuardedClient,
        texts: &[String],
        source: Option<&Lang>,
        target: &Lang,
    ) -> Result<Vec<Translation>, TranslateError> {
        let body = Request {
            text: texts,
            target_lang: target_code(target),
            source_lang: source.map(|lang| lang.primary().to_ascii_uppercase()),
            // A glossary needs a known source language: without one DeepL refuses the call.
            glossary_id: self.glossary_id.as_deref().filter(|_| source.is_some()),
        };
        let mut auth = HeaderValue::try_from(format!("DeepL-Auth-Key {}", self.key.expose()))
            .map_err(|_| TranslateError::Misconfigured(ConfigError::MissingKey))?;
        auth.set_sensitive(true);
        let request = post(http, self.url.clone())?
            .header(AUTHORIZATION, auth)
            .json(&body);
        let answer: Answer = http::parse(&http::exchange(request, |_, _| None).await?)?;
        Ok(answer
            .translations
            .into_iter()
            .map(|item| Translation {
                text: item.text,
                detected_source: detected(item.detected_source_language.as_deref()),
            })
            .collect())
    }
}

/// The target variants DeepL offers; any other region is sent as its language (DeepL
/// refuses `DE-AT`). Codes are case-insensitive to DeepL, and a source is only ever the
/// language (`source_lang` takes no variant).
const VARIANTS: &[&str] = &[
    "EN-GB", "EN-US", "ES-419", "PT-BR", "PT-PT", "ZH-HANS", "ZH-HANT",
];

fn target_code(lang: &Lang) -> String {
    let code = match lang.as_str() {
        "zh-CN" | "zh-SG" => "ZH-HANS".to_string(),
        "zh-TW" | "zh-HK" => "ZH-HANT".to_string(),
        other => other.to_ascii_uppercase(),
    };
    if VARIANTS.contains(&code.as_str()) {
        code
    } else {
        lang.primary().to_ascii_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_deepl_s_variants_or_plain_languages() {
        let code = |raw: &str| target_code(&Lang::parse(raw).unwrap());
        assert_eq!(code("en-US"), "EN-US");
        assert_eq!(code("pt-br"), "PT-BR");
        assert_eq!(code("zh-Hant"), "ZH-HANT");
        assert_eq!(code("zh-CN"), "ZH-HANS");
        assert_eq!(code("de-AT"), "DE");
        assert_eq!(code("ru"), "RU");
    }

    #[test]
    fn a_free_key_goes_to_the_free_api() {
        let free = DeepL::new(None, Some(ApiKey::new("abc:fx")), None).unwrap();
        assert_eq!(free.url.as_str(), "https://api-free.deepl.com/v2/translate");
        let pro = DeepL::new(None, Some(ApiKey::new("abc")), None).unwrap();
        assert_eq!(pro.url.as_str(), "https://api.deepl.com/v2/translate");
        assert!(matches!(
            DeepL::new(None, None, None),
            Err(ConfigError::MissingKey)
        ));
    }
}
