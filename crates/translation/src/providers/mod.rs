//! The configured providers, one enum so a translator is a plain `Send + Sync` value the
//! relay can keep per desk and call from any task (no boxed trait objects, no async-trait).
//! Each provider knows its own request and answer; what they share is in `crate::http`.

mod deepl;
mod google;
mod libre;
mod openai;

use reqwest::Method;
use ticketgram_outbound::GuardedClient;
use url::Url;

use crate::config::{ApiKey, ConfigError, ProviderConfig};
use crate::error::TranslateError;
use crate::lang::Lang;

/// One text translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub text: String,
    /// The language the provider found the text to be in, when it says (DeepL, Google and
    /// LibreTranslate do; a chat model is not asked, so this is the given source, if any).
    pub detected_source: Option<Lang>,
}

#[derive(Debug, Clone)]
pub(crate) enum Provider {
    DeepL(deepl::DeepL),
    Google(google::Google),
    Libre(libre::Libre),
    OpenAi(openai::OpenAi),
}

impl Provider {
    pub(crate) fn new(
        config: &ProviderConfig,
        key: Option<ApiKey>,
    ) -> Result<Provider, ConfigError> {
        if config.requires_key() && key.as_ref().is_none_or(|k| k.expose().trim().is_empty()) {
            return Err(ConfigError::MissingKey);
        }
        // An empty key field means no key, for the providers that can do without.
        let key = key.filter(|k| !k.expose().trim().is_empty());
        Ok(match config {
            ProviderConfig::DeepL { url, glossary_id } => {
                Provider::DeepL(deepl::DeepL::new(url.as_deref(), key, glossary_id.clone())?)
            }
            ProviderConfig::Google { url } => {
                Provider::Google(google::Google::new(url.as_deref(), key)?)
            }
            ProviderConfig::LibreTranslate { url } => Provider::Libre(libre::Libre::new(url, key)?),
            ProviderConfig::OpenAi { url, model } => {
                Provider::OpenAi(openai::OpenAi::new(url, model, key)?)
            }
        })
    }

    /// `texts` (none of them blank) translated, one answer per text, in order — or an
    /// error. The caller checks the count.
    pub(crate) async fn translate(
        &self,
        http: &GuardedClient,
        texts: &[String],
        source: Option<&Lang>,
        target: &Lang,
    ) -> Result<Vec<Translation>, TranslateError> {
        match self {
            Provider::DeepL(p) => p.translate(http, texts, source, target).await,
            Provider::Google(p) => p.translate(http, texts, source, target).await,
            Provider::Libre(p) => p.translate(http, texts, source, target).await,
            Provider::OpenAi(p) => p.translate(http, texts, source, target).await,
        }
    }
}

/// A POST to `url`, once the policy allows its address.
fn post(http: &GuardedClient, url: Url) -> Result<reqwest::RequestBuilder, TranslateError> {
    http.request(Method::POST, url).map_err(|refused| {
        tracing::warn!(%refused, "translation refused: the service's address is not allowed");
        TranslateError::Refused
    })
}

/// A language code as a provider sent it, if it is one.
fn detected(code: Option<&str>) -> Option<Lang> {
    code.and_then(|code| Lang::parse(code).ok())
}
