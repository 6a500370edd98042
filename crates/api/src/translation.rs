//! The desk's machine translation (docs/translation.md) for integrations: read the settings,
//! replace them, stop translating. The same settings the console's Admin → Translation
//! writes, saved through the same function (`relay::translation_settings::save`, audit-logged
//! `translation.save`) in one input; the JSON is the stored configuration's own shape.
//!
//! The provider's key is write-only: an answer says `has_key`, never the key. A `PUT` keeps
//! the stored key when it sends none, replaces it with `key`, or removes it with
//! `"remove_key": true`. Settings that cannot work are refused with `invalid_request` naming
//! the field (`provider.url: …`), in `TranslationConfig::validate`'s words.

use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use ticketgram_relay::translation::settings::{
    self, KeyChange, ShownTranslation, TranslationChange, TranslationSettingsError,
};
use ticketgram_store::DeskProfile;
use ticketgram_translation::{
    Lang, Mode, ProviderConfig, Term, TranslationConfig, DEFAULT_TIMEOUT_MS, MAX_MODEL_LEN,
    MAX_TERMS, MAX_TERM_CHARS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS,
};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;

/// Longer than any provider's key.
const MAX_KEY: usize = 1000;
/// A language code as the settings keep it: `ru`, `pt-BR`, `zh-Hans` (see `Lang`).
const LANG_PATTERN: &str = "^[a-z]{2,3}(-([A-Z][a-z]{3}|[A-Z]{2}|[0-9]{3})){0,2}$";
const MODES: [Mode; 3] = [Mode::Automatic, Mode::Confirm, Mode::Off];

#[derive(Debug, Serialize)]
pub(crate) struct TranslationView {
    provider: ProviderConfig,
    timeout_ms: u64,
    default_mode: Mode,
    languages: BTreeMap<Lang, Mode>,
    daily_char_limit: Option<u64>,
    confirm_risky: bool,
    glossary: Vec<Term>,
    /// Whether a key is stored; the key itself is never shown.
    has_key: bool,
}

fn view(shown: ShownTranslation) -> TranslationView {
    let c = shown.config;
    TranslationView {
        provider: c.provider,
        timeout_ms: c.timeout_ms,
        default_mode: c.default_mode,
        languages: c.languages,
        daily_char_limit: c.daily_char_limit,
        confirm_risky: c.confirm_risky,
        glossary: c.glossary,
        has_key: shown.has_key,
    }
}

fn api_error(error: TranslationSettingsError) -> ApiError {
    match error {
        TranslationSettingsError::Invalid(e) => ApiError::Invalid(format!("{}: {e}", e.field())),
        TranslationSettingsError::Store(e) => e.into(),
        other => ApiError::Internal(other.to_string()),
    }
}

fn none_configured() -> ApiError {
    ApiError::not_found("the desk translates nothing: no translation service is configured")
}

fn shown(profile: &DeskProfile) -> Result<TranslationView, ApiError> {
    settings::shown(profile)
        .map_err(api_error)?
        .map(view)
        .ok_or_else(none_configured)
}

pub(crate) async fn get_one(
    Extension(caller): Extension<Caller>,
) -> Result<Json<TranslationView>, ApiError> {
    let profile = caller.desk.store.desk_profile(caller.ws()).await?;
    Ok(Json(shown(&profile)?))
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", deny_unknown_fields)]
pub(crate) enum ProviderRequest {
    #[serde(rename = "deepl")]
    DeepL {
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        glossary_id: Option<String>,
    },
    #[serde(rename = "google")]
    Google {
        #[serde(default)]
        url: Option<String>,
    },
    #[serde(rename = "libretranslate")]
    LibreTranslate { url: String },
    #[serde(rename = "openai")]
    OpenAi { url: String, model: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermRequest {
    #[serde(default)]
    keep: Option<String>,
    #[serde(default)]
    forms: Option<BTreeMap<String, String>>,
    #[serde(default)]
    case_sensitive: Option<bool>,
}

/// A `PUT` replaces the settings whole: what it leaves out takes its default, except the key,
/// which is kept unless `key` or `remove_key` says otherwise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TranslationRequest {
    provider: ProviderRequest,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    timeout_ms: Option<i64>,
    #[serde(default)]
    default_mode: Option<Mode>,
    #[serde(default)]
    languages: Option<BTreeMap<String, Mode>>,
    #[serde(default, deserialize_with = "crate::rules::optional_whole_number")]
    daily_char_limit: Option<i64>,
    #[serde(default)]
    confirm_risky: Option<bool>,
    #[serde(default)]
    glossary: Option<Vec<TermRequest>>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    remove_key: Option<bool>,
}

/// A language code as the settings keep it, and only so: `pt-BR`, not `pt_br`, so two
/// spellings of one language cannot both be given.
fn lang(field: &str, raw: &str) -> Result<Lang, ApiError> {
    let lang = Lang::parse(raw).map_err(|e| ApiError::Invalid(format!("{field}: {e}")))?;
    if lang.as_str() != raw {
        return Err(ApiError::Invalid(format!(
            "{field}: write {raw:?} as {}",
            lang.as_str()
        )));
    }
    Ok(lang)
}

fn url(field: &str, raw: String) -> Result<String, ApiError> {
    crate::rules::http_url_shape(field, &raw)?;
    Ok(raw)
}

fn provider_of(request: ProviderRequest) -> Result<ProviderConfig, ApiError> {
    let optional = |raw: Option<String>| raw.map(|raw| url("provider.url", raw)).transpose();
    Ok(match request {
        ProviderRequest::DeepL { url, glossary_id } => ProviderConfig::DeepL {
            url: optional(url)?,
            glossary_id,
        },
        ProviderRequest::Google { url } => ProviderConfig::Google {
            url: optional(url)?,
        },
        ProviderRequest::LibreTranslate { url: raw } => ProviderConfig::LibreTranslate {
            url: url("provider.url", raw)?,
        },
        ProviderRequest::OpenAi { url: raw, model } => ProviderConfig::OpenAi {
            url: url("provider.url", raw)?,
            model,
        },
    })
}

fn term_of(index: usize, request: TermRequest) -> Result<Term, ApiError> {
    let mut forms = BTreeMap::new();
    if let Some(given) = request.forms {
        let field = format!("glossary[{index}].forms");
        if given.is_empty() {
            return Err(ApiError::Invalid(format!("{field} names no language")));
        }
        for (code, form) in given {
            forms.insert(lang(&field, &code)?, form);
        }
    }
    // Whether the entry keeps a term or gives its forms (one or the other), how long and how
    // blank its texts may be: the glossary's own check, on save.
    Ok(Term {
        keep: request.keep,
        forms,
        case_sensitive: request.case_sensitive.unwrap_or(false),
    })
}

fn key_of(key: Option<String>, remove: bool) -> Result<KeyChange, ApiError> {
    match (key, remove) {
        (Some(_), true) => Err(ApiError::Invalid(
            "key, remove_key: give a new key or remove the stored one, not both".into(),
        )),
        (Some(key), false) => {
            if key.chars().count() > MAX_KEY {
                return Err(ApiError::Invalid(format!(
                    "key is at most {MAX_KEY} characters"
                )));
            }
            Ok(KeyChange::Set(
                crate::rules::not_blank("key", &key)?.to_owned(),
            ))
        }
        (None, true) => Ok(KeyChange::Remove),
        (None, false) => Ok(KeyChange::Keep),
    }
}

fn change_of(request: TranslationRequest) -> Result<TranslationChange, ApiError> {
    let mut config = TranslationConfig::new(provider_of(request.provider)?);
    // Out of range either way (a negative number included) is refused by the settings' own
    // check, with its words.
    config.timeout_ms = request
        .timeout_ms
        .map_or(DEFAULT_TIMEOUT_MS, |ms| u64::try_from(ms).unwrap_or(0));
    config.daily_char_limit = request
        .daily_char_limit
        .map(|chars| u64::try_from(chars).unwrap_or(0));
    if let Some(mode) = request.default_mode {
        config.default_mode = mode;
    }
    if let Some(confirm) = request.confirm_risky {
        config.confirm_risky = confirm;
    }
    for (code, mode) in request.languages.unwrap_or_default() {
        config.languages.insert(lang("languages", &code)?, mode);
    }
    for (index, term) in request.glossary.unwrap_or_default().into_iter().enumerate() {
        config.glossary.push(term_of(index, term)?);
    }
    Ok(TranslationChange {
        config,
        key: key_of(request.key, request.remove_key.unwrap_or(false))?,
    })
}

/// Replaces the desk's translation settings; answers what is in force now.
pub(crate) async fn put(
    Extension(caller): Extension<Caller>,
    ApiJson(request): ApiJson<TranslationRequest>,
) -> Result<Json<TranslationView>, ApiError> {
    let change = change_of(request)?;
    let input = caller.input().await?;
    let sealing = input.desk.token_key.clone();
    settings::save(
        &input.tx,
        sealing.as_ref(),
        caller.ws(),
        &change,
        caller.saved_by(),
        input.now,
    )
    .await
    .map_err(api_error)?;
    // Read in the input's own transaction: exactly what it saved.
    let saved = shown(&input.tx.store().desk_profile(caller.ws()).await?)?;
    input.commit().await?;
    Ok(Json(saved))
}

/// Stops translating: the settings and the key removed, audit-logged `translation.remove`.
pub(crate) async fn remove(Extension(caller): Extension<Caller>) -> Result<StatusCode, ApiError> {
    let input = caller.input().await?;
    let removed = settings::remove(&input.tx, caller.ws(), caller.saved_by(), input.now)
        .await
        .map_err(api_error)?;
    if !removed {
        return Err(none_configured());
    }
    input.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The document's schemas of this module, next to the checks above.
pub(crate) fn schemas() -> Vec<(&'static str, Value)> {
    let modes: Vec<Value> = MODES.iter().map(|mode| json!(mode)).collect();
    let mode = json!({ "type": "string", "enum": modes });
    let or_null = |schema: Value| json!({ "anyOf": [schema, { "type": "null" }] });
    let not_blank = crate::rules::not_blank_pattern();
    let url = |what: &str| {
        crate::rules::http_url_schema(&format!(
            "no user name or password, no ?query or #fragment; {what}"
        ))
    };
    let provider = |kind: &str, required: &[&str], properties: Value| {
        let mut properties = properties;
        properties["kind"] = json!({ "const": kind });
        let mut required: Vec<&str> = required.to_vec();
        required.insert(0, "kind");
        json!({ "type": "object", "additionalProperties": false, "required": required,
                "properties": properties })
    };
    let changed_provider = json!({ "oneOf": [
        provider("deepl", &[], json!({
            "url": or_null(url("a DeepL proxy; absent: DeepL's own address for the key")),
            "glossary_id": or_null(json!({ "type": "string", "pattern": not_blank,
                "description": "A glossary in the DeepL account" })),
        })),
        provider("google", &[], json!({
            "url": or_null(url("a proxy; absent: Google's own address")),
        })),
        provider("libretranslate", &["url"], json!({ "url": url("the LibreTranslate server") })),
        provider("openai", &["url", "model"], json!({
            "url": url("the OpenAI-compatible endpoint's base, with or without /v1"),
            "model": { "type": "string", "pattern": not_blank, "maxLength": MAX_MODEL_LEN },
        })),
    ] });
    let term_text = json!({
        "type": "string", "maxLength": MAX_TERM_CHARS,
        "pattern": crate::rules::not_blank_without_pattern(&['\u{27e6}', '\u{27e7}']),
    });
    let term = json!({
        "type": "object", "additionalProperties": false,
        "description": "Either keep a term as written in every language, or give its forms per language",
        "properties": {
            "keep": or_null(term_text.clone()),
            "forms": or_null(json!({ "type": "object", "minProperties": 1,
                "propertyNames": { "pattern": LANG_PATTERN },
                "additionalProperties": term_text })),
            "case_sensitive": or_null(json!({ "type": "boolean" })),
        },
        "oneOf": [
            { "required": ["keep"], "properties": { "keep": { "type": "string" } } },
            { "required": ["forms"], "properties": { "forms": { "type": "object" } } },
        ],
    });
    let languages = json!({ "type": "object", "propertyNames": { "pattern": LANG_PATTERN },
        "additionalProperties": mode.clone(),
        "description": "Per client language, as ru, pt-BR, zh-Hans (pt-BR is looked up first, then pt)" });
    let change = json!({
        "type": "object", "additionalProperties": false, "required": ["provider"],
        "description": "Replaces the settings whole: a setting left out takes its default, except the key, \
            which is kept unless key or remove_key is given",
        "properties": {
            "provider": { "$ref": "#/components/schemas/TranslationProviderChange" },
            "timeout_ms": or_null(json!({ "type": "integer", "minimum": MIN_TIMEOUT_MS,
                "maximum": MAX_TIMEOUT_MS, "description": "The whole exchange, in ms (default 8000)" })),
            "default_mode": or_null(mode.clone()),
            "languages": or_null(languages.clone()),
            "daily_char_limit": or_null(json!({ "type": "integer", "minimum": 1, "maximum": i64::MAX,
                "description": "Characters per desk-local day; absent: no limit" })),
            "confirm_risky": or_null(json!({ "type": "boolean" })),
            "glossary": or_null(json!({ "type": "array", "maxItems": MAX_TERMS,
                "items": { "$ref": "#/components/schemas/TranslationTerm" } })),
            "key": or_null(json!({ "type": "string", "pattern": not_blank, "maxLength": MAX_KEY,
                "description": "The service's API key, stored sealed and never shown; absent: the stored key is kept" })),
            "remove_key": or_null(json!({ "type": "boolean",
                "description": "true: the stored key is removed (not with key)" })),
        },
        "not": { "required": ["key", "remove_key"],
                 "properties": { "key": { "type": "string" }, "remove_key": { "const": true } } },
    });
    // What is stored may be older than these rules (the console's checks are the settings'
    // own), so an answer is described loosely.
    let shown = json!({
        "type": "object",
        "required": ["provider", "timeout_ms", "default_mode", "languages", "daily_char_limit",
                     "confirm_risky", "glossary", "has_key"],
        "properties": {
            "provider": { "type": "object", "required": ["kind"], "properties": {
                "kind": { "type": "string", "enum": ["deepl", "google", "libretranslate", "openai"] },
                "url": { "type": "string" }, "model": { "type": "string" },
                "glossary_id": { "type": "string" },
            } },
            "timeout_ms": { "type": "integer" },
            "default_mode": mode.clone(),
            "languages": { "type": "object", "additionalProperties": mode },
            "daily_char_limit": { "type": ["integer", "null"] },
            "confirm_risky": { "type": "boolean" },
            "glossary": { "type": "array", "items": { "type": "object", "properties": {
                "keep": { "type": "string" },
                "forms": { "type": "object", "additionalProperties": { "type": "string" } },
                "case_sensitive": { "type": "boolean" },
            } } },
            "has_key": { "type": "boolean", "description": "Whether a key is stored; it is never shown" },
        },
    });
    vec![
        ("TranslationProviderChange", changed_provider),
        ("TranslationTerm", term),
        ("TranslationSettingsChange", change),
        ("TranslationSettings", shown),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: Value) -> Result<TranslationChange, ApiError> {
        change_of(serde_json::from_value(body).map_err(|e| ApiError::Malformed(e.to_string()))?)
    }

    fn refusal(body: Value) -> String {
        match request(body) {
            Err(e) => e.to_string(),
            Ok(change) => panic!("accepted: {change:?}"),
        }
    }

    #[test]
    fn a_request_becomes_the_settings_the_console_would_save() {
        let change = request(json!({
            "provider": { "kind": "libretranslate", "url": "https://translate.example" },
            "languages": { "ru": "automatic", "pt-BR": "off" },
            "daily_char_limit": 200000.0,
            "glossary": [{ "keep": "PayFlow", "case_sensitive": true },
                         { "forms": { "en": "escrow", "ru": "эскроу" }, "keep": null }],
            "key": " lt-key ",
        }))
        .unwrap();
        let config = &change.config;
        assert_eq!(
            config.timeout_ms, DEFAULT_TIMEOUT_MS,
            "left out: the default"
        );
        assert_eq!(config.default_mode, Mode::Confirm);
        assert!(config.confirm_risky);
        assert_eq!(config.daily_char_limit, Some(200_000));
        assert_eq!(config.languages.len(), 2);
        assert!(config.glossary[0].case_sensitive);
        assert_eq!(config.glossary[1].forms.len(), 2);
        assert!(matches!(&change.key, KeyChange::Set(key) if key == "lt-key"));
        assert_eq!(config.validate(), Ok(()));
    }

    #[test]
    fn the_key_is_kept_set_or_removed_never_two_at_once() {
        let provider = json!({ "kind": "google" });
        let key = |body: Value| request(body).map(|c| c.key);
        assert!(matches!(
            key(json!({ "provider": provider, "key": null, "remove_key": null })),
            Ok(KeyChange::Keep)
        ));
        assert!(matches!(
            key(json!({ "provider": provider, "remove_key": true })),
            Ok(KeyChange::Remove)
        ));
        assert!(matches!(
            key(json!({ "provider": provider, "key": "k", "remove_key": false })),
            Ok(KeyChange::Set(_))
        ));
        let both = refusal(json!({ "provider": provider, "key": "k", "remove_key": true }));
        assert!(both.contains("key, remove_key"), "{both}");
        let blank = refusal(json!({ "provider": provider, "key": " " }));
        assert!(blank.starts_with("key "), "{blank}");
    }

    #[test]
    fn a_mistake_names_its_field() {
        let provider = json!({ "kind": "google" });
        for (body, field) in [
            (
                json!({ "provider": { "kind": "openai", "url": "ftp://x", "model": "m" } }),
                "provider.url",
            ),
            (
                json!({ "provider": provider, "languages": { "pt_br": "off" } }),
                "languages",
            ),
            (
                json!({ "provider": provider, "glossary": [{ "keep": "a" }, { "forms": {} }] }),
                "glossary[1].forms",
            ),
            (
                json!({ "provider": provider, "glossary": [{ "forms": { "english": "a" } }] }),
                "glossary[0].forms",
            ),
        ] {
            let refused = refusal(body);
            assert!(refused.starts_with(field), "{field}: {refused}");
        }
        // The settings' own checks name theirs when saved (ConfigError::field).
        let change = request(json!({ "provider": provider, "timeout_ms": -5 })).unwrap();
        assert_eq!(change.config.validate().unwrap_err().field(), "timeout_ms");
    }

    #[test]
    fn unknown_fields_are_refused_in_the_provider_too() {
        let body = json!({ "provider": { "kind": "google", "region": "eu" } });
        assert!(serde_json::from_value::<TranslationRequest>(body).is_err());
        let body = json!({ "provider": { "kind": "google" }, "has_key": true });
        assert!(serde_json::from_value::<TranslationRequest>(body).is_err());
    }

    #[test]
    fn the_language_pattern_accepts_what_the_settings_keep() {
        let pattern = regex_lite(LANG_PATTERN);
        for code in ["ru", "pt-BR", "zh-Hans", "es-419", "zh-Hans-CN"] {
            assert!(pattern(code), "{code}");
            assert_eq!(Lang::parse(code).unwrap().as_str(), code);
        }
        for code in ["RU", "pt_BR", "pt-br", "e", " ru"] {
            assert!(!pattern(code), "{code}");
        }
    }

    /// The pattern as the document's readers apply it (anchored by itself).
    fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool {
        let regex = regex::Regex::new(pattern).unwrap();
        move |text| regex.is_match(text)
    }
}
