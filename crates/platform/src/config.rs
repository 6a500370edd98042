//! What a desk configures for its platform's order lookup, stored as JSON, and the checks a
//! console form runs before saving it.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::time::Duration;

use crate::order;
use crate::template::{self, ORDER};

pub const DEFAULT_TIMEOUT_MS: u64 = 5_000;
/// Shorter than this and a healthy platform across the world would time out.
pub const MIN_TIMEOUT_MS: u64 = 100;
/// A client is waiting in the chat: past this, a human is the better answer.
pub const MAX_TIMEOUT_MS: u64 = 15_000;
/// Shorter secrets are guessable; the platform generates one (`openssl rand -hex 32`).
pub const MIN_SECRET_LEN: usize = 16;
/// Keeps a typo'd paste from becoming a huge pattern; real order formats are short.
const MAX_PATTERN_LEN: usize = 200;
/// The compiled pattern's size limit: generous for any order format, small for a pathological
/// one (the `regex` crate matches in linear time, so matching itself cannot stall).
const PATTERN_SIZE_LIMIT: usize = 1 << 16;

/// The shared secret that signs lookups. Stored with the config (serialized as the plain
/// string), never shown by `Debug`, so it cannot reach a log through a `{:?}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// A named value taken from the platform's JSON answer by a JSON Pointer (RFC 6901):
/// `{ "name": "due_date", "pointer": "/order/escrow/release_date" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMapping {
    pub name: String,
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupConfig {
    /// `https://platform.example/api/orders/{order}`: `{order}` (in the path or the query)
    /// becomes the percent-encoded order number.
    pub url_template: String,
    pub secret: Secret,
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    #[serde(default)]
    pub fields: Vec<FieldMapping>,
    /// What the client reads: `Order {order}: {status}, due {due_date}`.
    pub status_template: String,
    /// A regular expression the whole order number must match before the platform is asked,
    /// e.g. `A-[0-9]{4}`; `None` asks about any order number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_pattern: Option<String>,
}

fn default_timeout_ms() -> u64 {
    DEFAULT_TIMEOUT_MS
}

/// What is wrong with a lookup's configuration, worded for the admin filling in the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the URL template must contain {{order}} where the order number goes")]
    NoOrderPlaceholder,
    #[error("the URL template is not a URL ({0})")]
    NotAUrl(String),
    #[error("the URL must start with http:// or https://")]
    Scheme,
    #[error("{{order}} must be in the URL's path or query (not its host, port or #fragment)")]
    OrderPlacement,
    #[error(
        "the URL must not contain a user name or password: lookups are signed with the secret"
    )]
    Credentials,
    #[error("the secret must be at least {MIN_SECRET_LEN} characters")]
    SecretTooShort,
    #[error("the timeout must be between {MIN_TIMEOUT_MS} and {MAX_TIMEOUT_MS} ms")]
    Timeout,
    #[error("field name {0:?}: use letters, digits and _")]
    FieldName(String),
    #[error("field name \"order\" is taken: {{order}} is the order number itself")]
    ReservedField,
    #[error("field {0:?} is listed twice")]
    DuplicateField(String),
    #[error(
        "field {name:?}: {pointer:?} is not a JSON Pointer (it starts with /, e.g. /order/status)"
    )]
    Pointer { name: String, pointer: String },
    #[error("the status template is empty")]
    EmptyTemplate,
    #[error("the status template uses {{{0}}}, which is neither a field nor {{order}}")]
    UnknownPlaceholder(String),
    #[error("the order pattern is not a regular expression the lookup can use ({0})")]
    Pattern(String),
}

impl ConfigError {
    /// The Fluent key (`locales/<lang>/web.ftl`) and arguments that word this problem for the
    /// console, in the admin's language; the `Display` text above stays for logs and the API.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            ConfigError::NoOrderPlaceholder => ("lookup-config-no-order", vec![]),
            ConfigError::NotAUrl(why) => ("lookup-config-not-a-url", vec![("why", why.clone())]),
            ConfigError::Scheme => ("lookup-config-scheme", vec![]),
            ConfigError::OrderPlacement => ("lookup-config-order-placement", vec![]),
            ConfigError::Credentials => ("lookup-config-credentials", vec![]),
            ConfigError::SecretTooShort => (
                "lookup-config-secret-short",
                vec![("min", MIN_SECRET_LEN.to_string())],
            ),
            ConfigError::Timeout => (
                "lookup-config-timeout",
                vec![
                    ("min", MIN_TIMEOUT_MS.to_string()),
                    ("max", MAX_TIMEOUT_MS.to_string()),
                ],
            ),
            ConfigError::FieldName(name) => {
                ("lookup-config-field-name", vec![("name", name.clone())])
            }
            ConfigError::ReservedField => ("lookup-config-reserved-field", vec![]),
            ConfigError::DuplicateField(name) => (
                "lookup-config-duplicate-field",
                vec![("name", name.clone())],
            ),
            ConfigError::Pointer { name, pointer } => (
                "lookup-config-pointer",
                vec![("name", name.clone()), ("pointer", pointer.clone())],
            ),
            ConfigError::EmptyTemplate => ("lookup-config-empty-template", vec![]),
            ConfigError::UnknownPlaceholder(name) => (
                "lookup-config-unknown-placeholder",
                vec![("name", name.clone())],
            ),
            ConfigError::Pattern(why) => ("lookup-config-pattern", vec![("why", why.clone())]),
        }
    }
}

/// A configuration that passed [`LookupConfig::validate`], with its pattern compiled.
#[derive(Debug)]
pub(crate) struct Checked {
    pattern: Option<Regex>,
}

impl Checked {
    /// Whether the (trimmed) order number may be asked about at all.
    pub(crate) fn accepts(&self, order: &str) -> bool {
        order::plausible(order) && self.pattern.as_ref().is_none_or(|re| re.is_match(order))
    }
}

impl LookupConfig {
    /// Every check a console form should run before saving; the first problem found.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.checked().map(drop)
    }

    pub(crate) fn checked(&self) -> Result<Checked, ConfigError> {
        order::check_url_template(&self.url_template)?;
        if self.secret.expose().chars().count() < MIN_SECRET_LEN {
            return Err(ConfigError::SecretTooShort);
        }
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&self.timeout_ms) {
            return Err(ConfigError::Timeout);
        }
        self.check_fields()?;
        self.check_status_template()?;
        let pattern = self.order_pattern.as_deref().map(compile).transpose()?;
        Ok(Checked { pattern })
    }

    /// How long a lookup may take in all, within the bounds whatever was stored.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms.clamp(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS))
    }

    fn check_fields(&self) -> Result<(), ConfigError> {
        let mut seen = BTreeSet::new();
        for field in &self.fields {
            if field.name == ORDER {
                return Err(ConfigError::ReservedField);
            }
            if !template::is_name(&field.name) {
                return Err(ConfigError::FieldName(field.name.clone()));
            }
            if !seen.insert(field.name.as_str()) {
                return Err(ConfigError::DuplicateField(field.name.clone()));
            }
            // serde_json's `pointer` also takes "" (the whole answer), which is never a
            // single value worth showing.
            if !field.pointer.starts_with('/') {
                return Err(ConfigError::Pointer {
                    name: field.name.clone(),
                    pointer: field.pointer.clone(),
                });
            }
        }
        Ok(())
    }

    fn check_status_template(&self) -> Result<(), ConfigError> {
        if self.status_template.trim().is_empty() {
            return Err(ConfigError::EmptyTemplate);
        }
        let known = |name: &str| name == ORDER || self.fields.iter().any(|f| f.name == name);
        match template::placeholders(&self.status_template).find(|name| !known(name)) {
            Some(unknown) => Err(ConfigError::UnknownPlaceholder(unknown.to_string())),
            None => Ok(()),
        }
    }
}

/// The whole order number must match, so `A-[0-9]{4}` does not let `xA-12345y` through.
fn compile(pattern: &str) -> Result<Regex, ConfigError> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(ConfigError::Pattern(format!(
            "longer than {MAX_PATTERN_LEN} characters"
        )));
    }
    RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|error| ConfigError::Pattern(gist(&error.to_string())))
}

/// regex's errors draw the pattern over several lines and end with what is wrong; a form
/// shows that last line.
fn gist(text: &str) -> String {
    let last = text.lines().rfind(|l| !l.trim().is_empty());
    last.unwrap_or(text)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> LookupConfig {
        LookupConfig {
            url_template: "https://market.example/api/orders/{order}?desk=7".into(),
            secret: Secret::new("0123456789abcdef0123"),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            fields: vec![
                FieldMapping {
                    name: "status".into(),
                    pointer: "/order/status".into(),
                },
                FieldMapping {
                    name: "due_date".into(),
                    pointer: "/order/escrow/release".into(),
                },
            ],
            status_template: "Order {order}: {status}, due {due_date}".into(),
            order_pattern: Some("A-[0-9]{4}".into()),
        }
    }

    fn with(change: impl FnOnce(&mut LookupConfig)) -> Result<(), ConfigError> {
        let mut config = config();
        change(&mut config);
        config.validate()
    }

    #[test]
    fn a_complete_lookup_is_valid_and_round_trips_as_json() {
        assert_eq!(config().validate(), Ok(()));
        let json = serde_json::to_string(&config()).unwrap();
        assert_eq!(
            serde_json::from_str::<LookupConfig>(&json).unwrap(),
            config()
        );
        let minimal: LookupConfig = serde_json::from_str(
            r#"{"url_template": "http://p.example/o/{order}", "secret": "0123456789abcdef",
                "status_template": "Order {order} is known"}"#,
        )
        .unwrap();
        assert_eq!(minimal.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(minimal.validate(), Ok(()));
    }

    #[test]
    fn the_secret_never_shows_in_debug_output() {
        let shown = format!("{:?}", config());
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains("Secret(…)"));
    }

    #[test]
    fn each_mistake_in_the_form_is_named() {
        assert_eq!(
            with(|c| c.url_template = "https://market.example/api/orders".into()),
            Err(ConfigError::NoOrderPlaceholder)
        );
        assert_eq!(
            with(|c| c.url_template = "ftp://market.example/{order}".into()),
            Err(ConfigError::Scheme)
        );
        assert!(matches!(
            with(|c| c.url_template = "market.example/{order}".into()),
            Err(ConfigError::NotAUrl(_))
        ));
        assert_eq!(
            with(|c| c.url_template = "https://{order}.market.example/".into()),
            Err(ConfigError::OrderPlacement)
        );
        assert_eq!(
            with(|c| c.url_template = "https://market.example/#{order}".into()),
            Err(ConfigError::OrderPlacement)
        );
        assert_eq!(
            with(|c| c.url_template = "https://bot:pw@market.example/{order}".into()),
            Err(ConfigError::Credentials)
        );
        assert_eq!(
            with(|c| c.secret = Secret::new("short")),
            Err(ConfigError::SecretTooShort)
        );
        assert_eq!(with(|c| c.timeout_ms = 0), Err(ConfigError::Timeout));
        assert_eq!(with(|c| c.timeout_ms = 60_000), Err(ConfigError::Timeout));
        assert_eq!(
            with(|c| c.fields[0].name = "due date".into()),
            Err(ConfigError::FieldName("due date".into()))
        );
        assert_eq!(
            with(|c| c.fields[0].name = "order".into()),
            Err(ConfigError::ReservedField)
        );
        assert_eq!(
            with(|c| c.fields[1].name = "status".into()),
            Err(ConfigError::DuplicateField("status".into()))
        );
        assert!(matches!(
            with(|c| c.fields[0].pointer = "order.status".into()),
            Err(ConfigError::Pointer { .. })
        ));
        assert_eq!(
            with(|c| c.status_template = "  ".into()),
            Err(ConfigError::EmptyTemplate)
        );
        assert_eq!(
            with(|c| c.status_template = "Order {order}: {state}".into()),
            Err(ConfigError::UnknownPlaceholder("state".into()))
        );
        assert!(matches!(
            with(|c| c.order_pattern = Some("A-[0-9".into())),
            Err(ConfigError::Pattern(_))
        ));
        assert!(matches!(
            with(|c| c.order_pattern = Some("a{1000}{1000}".into())),
            Err(ConfigError::Pattern(_))
        ));
    }

    #[test]
    fn the_pattern_must_match_the_whole_order_number() {
        let checked = config().checked().unwrap();
        assert!(checked.accepts("A-1042"));
        assert!(!checked.accepts("xA-1042"));
        assert!(!checked.accepts("A-10421"));
        assert!(!checked.accepts(""));
    }

    #[test]
    fn a_stored_timeout_out_of_bounds_is_clamped() {
        let mut config = config();
        config.timeout_ms = 10_000_000;
        assert_eq!(config.timeout(), Duration::from_millis(MAX_TIMEOUT_MS));
        config.timeout_ms = 0;
        assert_eq!(config.timeout(), Duration::from_millis(MIN_TIMEOUT_MS));
    }
}
