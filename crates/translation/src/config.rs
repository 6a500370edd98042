//! What a desk configures for translation, stored as JSON, and the checks a console form runs
//! before saving it. The API key is not part of it: the relay keeps keys sealed with the
//! desk's other secrets and hands one to [`crate::Translator::new`] (as an [`ApiKey`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;
use url::Url;

use crate::glossary::{Glossary, Term};
use crate::lang::Lang;
use crate::policy::mode::Mode;
use crate::policy::quota::Quota;

pub const DEFAULT_TIMEOUT_MS: u64 = 8_000;
/// Shorter than this and a healthy provider across the world would time out.
pub const MIN_TIMEOUT_MS: u64 = 200;
/// A message is waiting to be relayed; past this it is better sent untranslated. Local
/// models on a CPU are the slow case, and half a minute covers a Telegram-sized message.
pub const MAX_TIMEOUT_MS: u64 = 30_000;
/// Keeps a model name a typo, not a paste of a document.
pub const MAX_MODEL_LEN: usize = 200;

/// A provider's API key. Never shown by `Debug`, so a `{:?}` cannot put it in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// Which service translates, and where it is. `url` overrides a provider's public address
/// (a DeepL or Google proxy, or a stand-in in tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProviderConfig {
    /// DeepL API v2. Free keys (ending in `:fx`) go to api-free.deepl.com, others to
    /// api.deepl.com, as DeepL's own client libraries decide.
    #[serde(rename = "deepl")]
    DeepL {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        /// A glossary created in the DeepL account, used when the source language is known
        /// (DeepL requires `source_lang` with a glossary). The desk's own glossary works
        /// besides it, for every provider.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        glossary_id: Option<String>,
    },
    /// Google Cloud Translation - Basic (v2), with an API key.
    Google {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    },
    /// A LibreTranslate server: libretranslate.com (with a key) or the desk's own.
    #[serde(rename = "libretranslate")]
    LibreTranslate { url: String },
    /// Any OpenAI-compatible chat completions endpoint: OpenAI itself, or a local model
    /// server (Ollama, llama.cpp's server, vLLM), which usually needs no key. `url` is the
    /// base, with or without the trailing `/v1`.
    #[serde(rename = "openai")]
    OpenAi { url: String, model: String },
}

impl ProviderConfig {
    /// Whether the provider cannot work without an API key (the console asks for one).
    pub fn requires_key(&self) -> bool {
        matches!(
            self,
            ProviderConfig::DeepL { .. } | ProviderConfig::Google { .. }
        )
    }
}

/// A desk's translation settings. Unknown fields are ignored rather than refused, so JSON
/// stored by another version of Ticketgram still loads (as the platform lookup's does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationConfig {
    pub provider: ProviderConfig,
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// The mode of a language not listed in `languages`.
    #[serde(default)]
    pub default_mode: Mode,
    /// Per client language: `automatic`, `confirm` or `off`. A code with a region
    /// (`pt-BR`) is looked up first, then its language (`pt`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<Lang, Mode>,
    /// Characters the desk may translate per day (its local day); `None`: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_char_limit: Option<u64>,
    /// In automatic mode, whether a risky translation ([`crate::assess`]) waits for the
    /// agent's confirmation anyway.
    #[serde(default = "yes")]
    pub confirm_risky: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<Term>,
}

fn default_timeout_ms() -> u64 {
    DEFAULT_TIMEOUT_MS
}

fn yes() -> bool {
    true
}

/// What is wrong with the translation settings, worded for the admin filling in the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the service's address is not a URL ({0})")]
    NotAUrl(String),
    #[error("the service's address must start with http:// or https://")]
    Scheme,
    #[error("the service's address must not contain a user name or password: put the key in the API key field")]
    Credentials,
    #[error(
        "the service's address must not have a ?query or #fragment: give the base address only"
    )]
    QueryOrFragment,
    #[error("this service needs an API key")]
    MissingKey,
    #[error("the model name is empty (for example gpt-4o-mini, or llama3.1 on Ollama)")]
    NoModel,
    #[error("the model name is longer than {MAX_MODEL_LEN} characters")]
    ModelTooLong,
    #[error("the DeepL glossary id is empty: remove it or paste the id from the DeepL account")]
    EmptyGlossaryId,
    #[error("the timeout must be between {MIN_TIMEOUT_MS} and {MAX_TIMEOUT_MS} ms")]
    Timeout,
    #[error("the daily character limit must be more than 0 (leave it out for no limit)")]
    ZeroLimit,
    #[error("glossary entry {index}: {problem}")]
    Glossary { index: usize, problem: String },
}

impl ConfigError {
    /// The problem as a translation key of the console's texts (`translation-config-*`) with
    /// its arguments, so an admin reads it in their language (the `Display` text is English,
    /// for logs and the API). A glossary entry's own problem stays in English.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            ConfigError::NotAUrl(why) => {
                ("translation-config-not-a-url", vec![("why", why.clone())])
            }
            ConfigError::Scheme => ("translation-config-scheme", vec![]),
            ConfigError::Credentials => ("translation-config-credentials", vec![]),
            ConfigError::QueryOrFragment => ("translation-config-query", vec![]),
            ConfigError::MissingKey => ("translation-config-missing-key", vec![]),
            ConfigError::NoModel => ("translation-config-no-model", vec![]),
            ConfigError::ModelTooLong => (
                "translation-config-model-long",
                vec![("max", MAX_MODEL_LEN.to_string())],
            ),
            ConfigError::EmptyGlossaryId => ("translation-config-glossary-id", vec![]),
            ConfigError::Timeout => (
                "translation-config-timeout",
                vec![
                    ("min", MIN_TIMEOUT_MS.to_string()),
                    ("max", MAX_TIMEOUT_MS.to_string()),
                ],
            ),
            ConfigError::ZeroLimit => ("translation-config-zero-limit", vec![]),
            ConfigError::Glossary { index, problem } => (
                "translation-config-glossary",
                vec![("index", index.to_string()), ("problem", problem.clone())],
            ),
        }
    }

    /// The setting at fault, named as in the stored JSON (which the REST API reads and
    /// writes too): `provider.url`, `timeout_ms`, `glossary[3]`…; the key, kept apart from
    /// the settings, is `key`.
    pub fn field(&self) -> String {
        match self {
            ConfigError::NotAUrl(_)
            | ConfigError::Scheme
            | ConfigError::Credentials
            | ConfigError::QueryOrFragment => "provider.url".into(),
            ConfigError::MissingKey => "key".into(),
            ConfigError::NoModel | ConfigError::ModelTooLong => "provider.model".into(),
            ConfigError::EmptyGlossaryId => "provider.glossary_id".into(),
            ConfigError::Timeout => "timeout_ms".into(),
            ConfigError::ZeroLimit => "daily_char_limit".into(),
            // Too many entries is the glossary's own fault, not an entry's.
            ConfigError::Glossary { index, .. } if *index >= crate::glossary::MAX_TERMS => {
                "glossary".into()
            }
            ConfigError::Glossary { index, .. } => format!("glossary[{index}]"),
        }
    }
}

impl TranslationConfig {
    /// A configuration for `provider` with every other setting at its default.
    pub fn new(provider: ProviderConfig) -> TranslationConfig {
        TranslationConfig {
            provider,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            default_mode: Mode::default(),
            languages: BTreeMap::new(),
            daily_char_limit: None,
            confirm_risky: true,
            glossary: Vec::new(),
        }
    }

    /// Every check a console form should run before saving; the first problem found.
    /// Whether a key is present is checked when a translator is built from it
    /// ([`crate::Translator::new`]), since the key is stored elsewhere.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.check_provider()?;
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&self.timeout_ms) {
            return Err(ConfigError::Timeout);
        }
        if self.daily_char_limit == Some(0) {
            return Err(ConfigError::ZeroLimit);
        }
        Glossary::new(&self.glossary).map(drop)
    }

    /// How long one translation may take in all, within the bounds whatever was stored.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms.clamp(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS))
    }

    /// The mode for a client writing in `lang`.
    pub fn mode_for(&self, lang: &Lang) -> Mode {
        let primary = Lang::parse(lang.primary()).ok();
        self.languages
            .get(lang)
            .or_else(|| primary.and_then(|p| self.languages.get(&p)))
            .copied()
            .unwrap_or(self.default_mode)
    }

    /// The desk's daily quota, if it set one.
    pub fn quota(&self) -> Option<Quota> {
        self.daily_char_limit
            .map(|daily_chars| Quota { daily_chars })
    }

    /// The desk's glossary, compiled.
    pub fn compiled_glossary(&self) -> Result<Glossary, ConfigError> {
        Glossary::new(&self.glossary)
    }

    fn check_provider(&self) -> Result<(), ConfigError> {
        match &self.provider {
            ProviderConfig::DeepL { url, glossary_id } => {
                url.as_deref().map(base_url).transpose()?;
                if glossary_id.as_ref().is_some_and(|id| id.trim().is_empty()) {
                    return Err(ConfigError::EmptyGlossaryId);
                }
            }
            ProviderConfig::Google { url } => {
                url.as_deref().map(base_url).transpose()?;
            }
            ProviderConfig::LibreTranslate { url } => {
                base_url(url)?;
            }
            ProviderConfig::OpenAi { url, model } => {
                base_url(url)?;
                if model.trim().is_empty() {
                    return Err(ConfigError::NoModel);
                }
                // Characters, as the message says (and as a JSON Schema's maxLength counts).
                if model.chars().count() > MAX_MODEL_LEN {
                    return Err(ConfigError::ModelTooLong);
                }
            }
        }
        Ok(())
    }
}

/// A provider's base address: http(s), no credentials, no query or fragment; the path is
/// kept (a service behind a reverse proxy at `/translate-api/`), without its trailing `/`.
pub(crate) fn base_url(raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw.trim()).map_err(|error| ConfigError::NotAUrl(error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ConfigError::Scheme);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::Credentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::QueryOrFragment);
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ConfigError::NotAUrl("no host".into()));
    }
    Ok(url)
}

/// `base` joined with `path` (which starts with `/`), keeping the base's own path.
pub(crate) fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn openai() -> TranslationConfig {
        TranslationConfig::new(ProviderConfig::OpenAi {
            url: "http://127.0.0.1:11434".into(),
            model: "llama3.1".into(),
        })
    }

    fn with(change: impl FnOnce(&mut TranslationConfig)) -> Result<(), ConfigError> {
        let mut config = openai();
        change(&mut config);
        config.validate()
    }

    #[test]
    fn the_documented_examples_parse_and_validate() {
        let deepl: TranslationConfig = serde_json::from_str(
            r#"{"provider": {"kind": "deepl"}, "default_mode": "confirm",
                "languages": {"ru": "automatic", "de": "off"}, "daily_char_limit": 200000,
                "glossary": [{"keep": "Ticketgram"},
                             {"forms": {"en": "escrow", "ru": "эскроу"}}]}"#,
        )
        .unwrap();
        assert_eq!(deepl.validate(), Ok(()));
        assert_eq!(deepl.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert!(deepl.confirm_risky);
        let json = serde_json::to_string(&deepl).unwrap();
        assert_eq!(
            serde_json::from_str::<TranslationConfig>(&json).unwrap(),
            deepl
        );

        for provider in [
            r#"{"kind": "google"}"#,
            r#"{"kind": "libretranslate", "url": "https://translate.example"}"#,
            r#"{"kind": "openai", "url": "https://api.openai.com/v1", "model": "gpt-4o-mini"}"#,
            r#"{"kind": "deepl", "url": "https://deepl-proxy.example/", "glossary_id": "g-1"}"#,
        ] {
            let config: TranslationConfig =
                serde_json::from_str(&format!(r#"{{"provider": {provider}}}"#)).unwrap();
            assert_eq!(config.validate(), Ok(()), "{provider}");
        }
        assert!(serde_json::from_str::<ProviderConfig>(r#"{"kind": "bing"}"#).is_err());
    }

    #[test]
    fn each_mistake_in_the_form_is_named() {
        let url = |raw: &str| {
            with(|c| {
                c.provider = ProviderConfig::LibreTranslate { url: raw.into() };
            })
        };
        assert!(matches!(
            url("translate.example"),
            Err(ConfigError::NotAUrl(_))
        ));
        assert_eq!(url("ftp://translate.example"), Err(ConfigError::Scheme));
        assert_eq!(
            url("https://me:pw@translate.example"),
            Err(ConfigError::Credentials)
        );
        assert_eq!(
            url("https://translate.example/?api_key=1"),
            Err(ConfigError::QueryOrFragment)
        );
        assert_eq!(
            with(|c| c.provider = ProviderConfig::OpenAi {
                url: "http://127.0.0.1:8080".into(),
                model: " ".into()
            }),
            Err(ConfigError::NoModel)
        );
        assert_eq!(with(|c| c.timeout_ms = 50), Err(ConfigError::Timeout));
        assert_eq!(with(|c| c.timeout_ms = 600_000), Err(ConfigError::Timeout));
        assert_eq!(
            with(|c| c.daily_char_limit = Some(0)),
            Err(ConfigError::ZeroLimit)
        );
        assert!(matches!(
            with(|c| c.glossary = vec![Term::default()]),
            Err(ConfigError::Glossary { index: 0, .. })
        ));
        let long = "m".repeat(MAX_MODEL_LEN);
        let model = |name: &str| {
            with(|c| {
                c.provider = ProviderConfig::OpenAi {
                    url: "http://127.0.0.1:8080".into(),
                    model: name.into(),
                }
            })
        };
        assert_eq!(model(&long), Ok(()));
        assert_eq!(
            model(&"я".repeat(MAX_MODEL_LEN)),
            Ok(()),
            "characters, not bytes"
        );
        assert_eq!(model(&format!("{long}m")), Err(ConfigError::ModelTooLong));
    }

    #[test]
    fn each_mistake_names_its_setting_as_the_json_does() {
        let field = |change: fn(&mut TranslationConfig)| with(change).unwrap_err().field();
        assert_eq!(
            field(|c| c.provider = ProviderConfig::LibreTranslate { url: "x".into() }),
            "provider.url"
        );
        assert_eq!(field(|c| c.timeout_ms = 1), "timeout_ms");
        assert_eq!(field(|c| c.daily_char_limit = Some(0)), "daily_char_limit");
        let terms = |n: usize| {
            vec![
                Term {
                    keep: Some("PayFlow".into()),
                    ..Term::default()
                };
                n
            ]
        };
        assert_eq!(
            field(|c| {
                c.glossary = vec![Term::default()];
                c.glossary.insert(
                    0,
                    Term {
                        keep: Some("PayFlow".into()),
                        ..Term::default()
                    },
                );
            }),
            "glossary[1]"
        );
        let mut config = openai();
        config.glossary = terms(crate::glossary::MAX_TERMS + 1);
        assert_eq!(config.validate().unwrap_err().field(), "glossary");
        assert_eq!(ConfigError::MissingKey.field(), "key");
    }

    #[test]
    fn a_region_falls_back_to_its_language_then_to_the_default() {
        let mut config = openai();
        config.default_mode = Mode::Off;
        config
            .languages
            .insert(Lang::parse("pt").unwrap(), Mode::Automatic);
        config
            .languages
            .insert(Lang::parse("pt-BR").unwrap(), Mode::Confirm);
        let mode = |raw: &str| config.mode_for(&Lang::parse(raw).unwrap());
        assert_eq!(mode("pt-BR"), Mode::Confirm);
        assert_eq!(mode("pt-PT"), Mode::Automatic);
        assert_eq!(mode("ru"), Mode::Off);
    }

    #[test]
    fn a_stored_timeout_out_of_bounds_is_clamped_and_the_key_never_shows() {
        let mut config = openai();
        config.timeout_ms = u64::MAX;
        assert_eq!(config.timeout(), Duration::from_millis(MAX_TIMEOUT_MS));
        assert_eq!(format!("{:?}", ApiKey::new("sk-secret")), "ApiKey(…)");
    }

    #[test]
    fn an_endpoint_keeps_the_base_path() {
        let base = base_url("https://proxy.example/deepl/").unwrap();
        assert_eq!(
            endpoint(&base, "/v2/translate").as_str(),
            "https://proxy.example/deepl/v2/translate"
        );
        let root = base_url("https://api-free.deepl.com").unwrap();
        assert_eq!(
            endpoint(&root, "/v2/translate").as_str(),
            "https://api-free.deepl.com/v2/translate"
        );
    }
}
